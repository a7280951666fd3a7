//! The changes file of `solve --baseline --diff`: what a replan moved, in
//! the schedule CSV's conventions. The engine finds the changes
//! (`solve::replan::diff`); writing them is the I/O layer's business.

use crate::lang::{Lang, Say};
use crate::scenario::time::HhMm;
use crate::scenario::Scenario;
use crate::schedule::csv::CsvOut;
use crate::schedule::Placement;
use drillplan_engine::solve::replan::Change;

/// The changes as a CSV in the schedule file's conventions (BOM, CRLF,
/// formula-safe). The columns keep their contract names; the drill's name
/// and the why are in the planner's language, since a planner reads them.
pub fn to_csv(scenario: &Scenario, changes: &[Change], bom: bool, lang: Lang) -> Vec<u8> {
    let mut out = CsvOut::new(bom);
    out.record([
        "drill_id",
        "drill_name",
        "change",
        "old_date",
        "old_start",
        "old_teams",
        "new_date",
        "new_start",
        "new_teams",
        "why",
    ]);
    let cells = |p: &Option<Placement>| -> [String; 3] {
        match p {
            Some(p) => [
                scenario.date(p.day).format("%Y-%m-%d").to_string(),
                HhMm(p.start).to_string(),
                p.teams
                    .iter()
                    .map(|t| scenario.team(*t).id.as_str())
                    .collect::<Vec<_>>()
                    .join(";"),
            ],
            None => Default::default(),
        }
    };
    for c in changes {
        let [od, os, ot] = cells(&c.before);
        let [nd, ns, nt] = cells(&c.after);
        let why = c.why.say(lang);
        let name = scenario
            .find_drill(&c.drill_id)
            .map_or("", |d| scenario.drill(d).name.as_str());
        out.record([
            c.drill_id.as_str(),
            name,
            c.kind.label(),
            &od,
            &os,
            &ot,
            &nd,
            &ns,
            &nt,
            &why,
        ]);
    }
    out.into_bytes()
}

/// Per drill of the scenario, what changed against the baseline and why, as
/// the workbook's change column shows it: the kind and the same why as the
/// CSV's `why` column (`改期：场地 jx-site 6月21日关闭`). A drill the
/// scenario no longer has has no row to mark.
pub fn by_drill(scenario: &Scenario, changes: &[Change], lang: Lang) -> Vec<Option<String>> {
    let mut out = vec![None; scenario.drills.len()];
    for c in changes {
        let Some(d) = scenario.find_drill(&c.drill_id) else {
            continue;
        };
        let (kind, why) = (c.kind.say(lang), c.why.say(lang));
        out[d.index()] = Some(if why.is_empty() {
            kind
        } else {
            drillplan_model::words!(lang, en: "{kind}: {why}", zh: "{kind}：{why}")
        });
    }
    out
}
