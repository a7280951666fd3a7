//! `drillplan explain SCENARIO SCHEDULE [DRILL ...]`: why drills are not in
//! a schedule and the smallest verified change that lets each in.

use crate::check::check;
use crate::lang::Lang;
use crate::scenario::time::HhMm;
use crate::scenario::{DrillId, Scenario};
use crate::schedule::{csv, Placement};
use crate::solve::advice::{explain, Explanation};
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The scenario (.toml, or an .xlsx workbook).
    pub scenario: PathBuf,
    /// A feasible schedule CSV of that scenario.
    pub schedule: PathBuf,
    /// Drill ids to explain (default: every unscheduled drill).
    pub drills: Vec<String>,
    /// Language of the labels (default: Chinese when the scenario's names are).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

pub fn run(args: ExplainArgs) -> u8 {
    let scenario = match super::load_scenario(&args.scenario) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let text = match crate::workbook::scenario_text(&args.scenario) {
        Ok(t) => t,
        Err(e) => return super::report_input_error(&e),
    };
    let entries = match csv::read(&scenario, &args.schedule) {
        Ok(e) => e,
        Err(e) => return super::report_input_error(&e),
    };
    let report = check(&scenario, &entries, None);
    if !report.is_feasible() {
        eprintln!(
            "error: {} breaks {} rule(s) of the contract; explain needs a feasible schedule (see `drillplan check`)",
            args.schedule.display(),
            report.violations.len()
        );
        return super::EXIT_INVALID;
    }
    let placements: Vec<Option<Placement>> = entries
        .iter()
        .map(|e| {
            e.as_ref().and_then(|e| {
                scenario.day_of(e.date).map(|day| Placement {
                    day,
                    start: e.start,
                    teams: e.teams.clone(),
                })
            })
        })
        .collect();
    let mut targets: Vec<DrillId> = Vec::new();
    for id in &args.drills {
        match scenario.find_drill(id) {
            Some(d) => targets.push(d),
            None => {
                let near =
                    crate::diagnostics::nearest(id, scenario.drills.iter().map(|d| d.id.as_str()));
                eprintln!(
                    "error: the scenario has no drill `{id}` (did you mean {}?)",
                    near.join(", ")
                );
                return super::EXIT_INVALID;
            }
        }
    }
    if args.drills.is_empty() {
        targets = scenario
            .drill_ids()
            .filter(|d| placements[d.index()].is_none())
            .collect();
    }
    let lang = Lang::pick(args.lang, &scenario);
    if targets.is_empty() {
        println!(
            "{}: {} 0",
            args.schedule.display(),
            lang.t("unscheduled_count")
        );
    }
    for d in targets {
        let path = args.scenario.display().to_string();
        print!(
            "{}",
            render(
                &scenario,
                &path,
                &explain(&text, &scenario, &placements, d),
                lang
            )
        );
    }
    0
}

/// The explanation as a planner reads it.
pub fn render(sc: &Scenario, path: &str, e: &Explanation, lang: Lang) -> String {
    let d = sc.drill(e.drill);
    let mut s = format!("{} {}\n", d.id, d.name);
    if let Some(p) = &e.scheduled {
        s += &format!(
            "  {} {} {}\n",
            lang.t("already_scheduled"),
            sc.date(p.day),
            HhMm(p.start)
        );
        return s;
    }
    if let Some(why) = &e.no_start {
        s += &format!("  {}: {why}\n", lang.t("no_start"));
    }
    for (day, ranges) in &e.allowed {
        let listed: Vec<String> = ranges
            .iter()
            .map(|(a, b)| {
                if a == b {
                    format!("{}", HhMm(*a))
                } else {
                    format!("{}-{}", HhMm(*a), HhMm(*b))
                }
            })
            .collect();
        s += &format!(
            "  {} {}: {}\n",
            lang.t("allowed"),
            sc.date(*day),
            listed.join(", ")
        );
    }
    for o in &e.obstacles {
        let when = if o.first == o.last {
            format!("{}", HhMm(o.first))
        } else {
            format!("{}-{}", HhMm(o.first), HhMm(o.last))
        };
        s += &format!(
            "  {} {} {when}: {} {}: {}\n",
            lang.t("blocked"),
            sc.date(o.day),
            lang.t("rule"),
            o.rule,
            o.text
        );
    }
    match &e.suggestion {
        Some(sug) => {
            s += &format!(
                "  {}: {} ({})\n",
                lang.t("suggestion"),
                sug.text,
                lang.t("verified")
            );
            for set in &sug.set {
                s += &format!("    drillplan solve {path} --set '{set}'\n");
            }
        }
        None => s += &format!("  {}\n", lang.t("no_change_found")),
    }
    s
}
