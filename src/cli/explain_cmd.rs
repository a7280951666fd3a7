//! `drillplan explain SCENARIO SCHEDULE [DRILL ...]`: why drills are not in
//! a schedule and the smallest verified change that lets each in.

use crate::check::check;
use crate::explain::{explain, Explanation};
use crate::lang::{Label, Lang};
use crate::scenario::time::HhMm;
use crate::scenario::{DrillId, Scenario};
use crate::schedule::Placement;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The scenario (.toml, or an .xlsx workbook).
    pub scenario: PathBuf,
    /// A feasible schedule of that scenario: its CSV, or the workbook
    /// `solve --xlsx` wrote.
    pub schedule: PathBuf,
    /// Drills to explain, by id or by name where no other drill has it (default: every unscheduled drill).
    pub drills: Vec<String>,
    /// Language of the labels (default: Chinese when the scenario's names are).
    #[arg(long, value_parser = super::lang_arg::parser())]
    pub lang: Option<Lang>,
}

pub fn run(args: ExplainArgs) -> Result<(), super::failure::Failure> {
    use super::failure::Failure;
    let scenario = super::load_scenario(&args.scenario)?;
    let text = crate::workbook::scenario_text(&args.scenario)?;
    let (entries, read) = crate::workbook::schedule::read_entries(
        &scenario,
        &args.schedule,
        super::lang_arg::current(),
    )?;
    super::warn(&args.schedule, &read.notes);
    let lang = super::lang_arg::settle(None, &scenario);
    let report = check(&scenario, &entries, None);
    if !report.is_feasible() {
        let (schedule, broken) = (args.schedule.display(), report.violations.len());
        return Err(Failure::Rejected(crate::words!(lang,
            en: "{schedule} breaks {broken} rule(s) of the contract; explain needs a feasible \
                 schedule (see `drillplan check`)",
            zh: "{schedule} 有 {broken} 处违反契约规则；explain 需要可行的排程（见 `drillplan check`）")));
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
        // The workbook and the report show drills by name: a name copied
        // from them (or an id with the space a copied cell brings) is the
        // drill it names, when only one drill has it.
        let found = scenario
            .find_drill(id)
            .or_else(|| scenario.find_drill(id.trim()));
        // Names are looked through only for what is no id.
        let by_name: Vec<DrillId> = match found {
            Some(_) => Vec::new(),
            None => scenario
                .drill_ids()
                .filter(|&d| scenario.drill(d).name == id.trim())
                .collect(),
        };
        match (found, by_name.as_slice()) {
            (Some(d), _) => targets.push(d),
            (None, [d]) => targets.push(*d),
            (None, [_, _, ..]) => {
                let id = super::terminal::escape(id);
                let ids = by_name
                    .iter()
                    .map(|&d| scenario.drill(d).id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                let n = by_name.len();
                return Err(Failure::Rejected(crate::words!(lang,
                    en: "{n} drills are named `{id}` ({ids}); name the one meant by its id",
                    zh: "有 {n} 项演练名为 `{id}`（{ids}）；请用编号指明是哪一项")));
            }
            (None, []) => {
                let near =
                    crate::diagnostics::nearest(id, scenario.drills.iter().map(|d| d.id.as_str()));
                let (id, near) = (super::terminal::escape(id), near.join(", "));
                return Err(Failure::Rejected(crate::words!(lang,
                    en: "the scenario has no drill `{id}` (did you mean {near}?)",
                    zh: "情景中没有演练 `{id}`（是否应为 {near}？）")));
            }
        }
    }
    if args.drills.is_empty() {
        targets = scenario
            .drill_ids()
            .filter(|d| placements[d.index()].is_none())
            .collect();
    }
    if targets.is_empty() {
        let path = args.schedule.display();
        outln!(
            "{}",
            crate::words!(lang,
                en: ("{path}: {} 0", Label::UnscheduledCount.say(lang)),
                zh: "{path}：没有未安排的演练")
        );
    }
    // Names print escaped: a control character in one cannot act on the terminal.
    let printable = super::terminal::printable(&scenario);
    let path = args.scenario.display().to_string();
    // Each change is checked with its own drill added; the printed command
    // solves afresh, and the room one change makes for two drills may go to
    // either: such drills are named together after the explanations.
    let mut by_change: Vec<(Vec<String>, Vec<DrillId>)> = Vec::new();
    for d in targets {
        let e = explain(&text, &scenario, &placements, d);
        if let Some(sug) = e.suggestion.as_ref().filter(|s| !s.set.is_empty()) {
            match by_change.iter_mut().find(|(set, _)| *set == sug.set) {
                Some((_, drills)) => drills.push(d),
                None => by_change.push((sug.set.clone(), vec![d])),
            }
        }
        let shown = render(&printable, &path, &e, lang);
        out!("{}", super::terminal::escape_text(&shown));
        let held = coverage_held(&printable, &placements, d, lang);
        out!("{}", super::terminal::escape_text(&held));
    }
    for (_, drills) in by_change.iter().filter(|(_, drills)| drills.len() > 1) {
        let ids: Vec<&str> = drills
            .iter()
            .map(|&d| printable.drill(d).id.as_str())
            .collect();
        let ids = ids.join(", ");
        let shown = crate::words!(lang,
            en: "{ids} have the same suggested change: the room it makes may go to any of them when its command is run\n",
            zh: "{ids} 的建议改动相同：按其命令重新求解时，腾出的余地可能给其中任何一项\n");
        out!("{}", super::terminal::escape_text(&shown));
    }
    Ok(())
}

/// For a scheduled drill, each coverage row (rule 12) it counts towards in
/// its district: whether the row would fall short without it, and which
/// unscheduled drills could take its place in the row.
fn coverage_held(
    sc: &Scenario,
    placements: &[Option<Placement>],
    d: DrillId,
    lang: Lang,
) -> String {
    let mut s = String::new();
    if placements[d.index()].is_none() {
        return s;
    }
    let district = sc.district_of(d);
    for row in &sc.coverage {
        if !row.districts.contains(&district) || !row.matches(sc.drill(d)) {
            continue;
        }
        let same: Vec<DrillId> = sc
            .drill_ids()
            .filter(|&o| sc.district_of(o) == district && row.matches(sc.drill(o)))
            .collect();
        let has = same
            .iter()
            .filter(|o| placements[o.index()].is_some())
            .count();
        let named = sc.district_label(district);
        let (row_said, min) = (row.name.phrase(lang), row.min_drills);
        if has > min as usize {
            s += &crate::words!(lang,
                en: "  counts towards {row_said} (district {named}: {has} scheduled, \
                     at least {min}); the row holds without it\n",
                zh: "  计入{row_said}（区域 {named}：已安排 {has} 个，至少 {min} 个），\
                     可以去掉\n");
            continue;
        }
        let spare: Vec<&str> = same
            .iter()
            .filter(|o| placements[o.index()].is_none())
            .take(5)
            .map(|o| sc.drill(*o).id.as_str())
            .collect();
        let spare = if spare.is_empty() {
            Label::None.say(lang).to_string()
        } else {
            spare.join(", ")
        };
        s += &crate::words!(lang,
            en: "  holds up {row_said} (district {named}: {has} scheduled, at least \
                 {min}): without it the row falls short; to replace it, schedule one of: {spare}\n",
            zh: "  支撑{row_said}（区域 {named}：已安排 {has} 个，至少 {min} 个）：\
                 去掉它，该要求就不满足；替代它须安排以下之一：{spare}\n");
    }
    s
}

/// The explanation as a planner reads it: the root cause first when there
/// is one, else the blocked starts, run by run where their causes differ and
/// in one line where one cause blocks them all; then the smallest change,
/// with one command that applies all of its overrides.
pub fn render(sc: &Scenario, path: &str, e: &Explanation, lang: Lang) -> String {
    // Chinese lines take Chinese punctuation, as every other zh line does.
    let (colon, open, close) = match lang {
        Lang::En => (": ", " (", ")"),
        Lang::Zh => ("：", "（", "）"),
    };
    let d = sc.drill(e.drill);
    let mut s = format!("{} {}\n", d.id, d.name);
    if let Some(p) = &e.scheduled {
        s += &format!(
            "  {} {} {}\n",
            Label::AlreadyScheduled.say(lang),
            lang.date(sc.date(p.day)),
            HhMm(p.start)
        );
        return s;
    }
    if let Some(root) = &e.root {
        s += &format!(
            "  {}{colon}{}\n",
            Label::RootCause.say(lang),
            lang.say(root)
        );
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
            "  {} {}{colon}{}\n",
            Label::Allowed.say(lang),
            lang.date(sc.date(*day)),
            listed.join(", ")
        );
    }
    let one_cause = e
        .obstacles
        .first()
        .filter(|first| e.obstacles.iter().all(|o| o.blocked == first.blocked));
    if e.root.is_some() {
        // The root cause blocks every start; the starts add nothing.
    } else if let Some(o) = one_cause {
        let starts: usize = e.obstacles.iter().map(|o| o.starts).sum();
        let (rule, blocked) = (o.blocked.rule(), lang.say(&o.blocked));
        s += &crate::words!(lang,
            en: "  blocked at all {starts} starts: rule {rule}: {blocked}\n",
            zh: "  全部 {starts} 个开始时间受阻：规则 {rule}：{blocked}\n");
    } else {
        for o in &e.obstacles {
            let when = if o.first == o.last {
                format!("{}", HhMm(o.first))
            } else {
                format!("{}-{}", HhMm(o.first), HhMm(o.last))
            };
            s += &format!(
                "  {} {} {when}{colon}{} {}{colon}{}\n",
                Label::Blocked.say(lang),
                lang.date(sc.date(o.day)),
                Label::Rule.say(lang),
                o.blocked.rule(),
                lang.say(&o.blocked)
            );
        }
    }
    match &e.suggestion {
        Some(sug) => {
            s += &format!(
                "  {}{colon}{}{open}{}{close}\n",
                Label::Suggestion.say(lang),
                lang.say(&sug.change),
                Label::Verified.say(lang)
            );
            if !sug.set.is_empty() {
                // Pasted as printed, it must neither run anything the path
                // or an id holds (`$`, backticks) nor replace the schedule
                // being explained: the what-if goes to a new file.
                let sets: Vec<String> = sug
                    .set
                    .iter()
                    .map(|set| format!("--set {}", shell_quoted(set)))
                    .collect();
                s += &format!(
                    "    drillplan solve {} {} -o {}\n",
                    shell_quoted(path),
                    sets.join(" "),
                    shell_quoted(&what_if_path(path))
                );
            }
        }
        None => s += &format!("  {}\n", Label::NoChangeFound.say(lang)),
    }
    s
}

/// Where a pasted what-if writes its schedule: beside the scenario, under a
/// name no other output of drillplan uses (`plan.toml` ->
/// `plan.whatif.schedule.csv`), so neither the scenario nor its schedule is
/// replaced.
pub fn what_if_path(scenario: &str) -> String {
    let p = std::path::Path::new(scenario);
    let stem = p
        .file_stem()
        .map_or("scenario".into(), |s| s.to_string_lossy());
    p.with_file_name(format!("{stem}.whatif.schedule.csv"))
        .display()
        .to_string()
}

/// `text` as one word for a POSIX shell: as it is when every character is
/// inert, else in single quotes (a quote inside written `'\''`).
pub fn shell_quoted(text: &str) -> String {
    let inert = |c: char| c.is_ascii_alphanumeric() || "_-./,:=+@%".contains(c);
    if !text.is_empty() && text.chars().all(inert) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_are_listed_only_where_their_causes_differ() {
        use crate::explain::{Explanation, Obstacle};
        use drillplan::reason::{Blocked, Slot};
        let scenario =
            crate::scenario::load(std::path::Path::new("tests/scenarios/small.toml")).unwrap();
        let venue = |by: &str| Blocked::VenueTaken {
            venue: "mall-1".into(),
            capacity: 2,
            by: vec![Slot {
                drill: by.into(),
                start: 540,
                end: 600,
            }],
        };
        let run = |day, first, last, blocked: Blocked| Obstacle {
            day,
            first,
            last,
            starts: ((last - first) / 15 + 1) as usize,
            blocked,
        };
        let mut e = Explanation {
            drill: scenario.find_drill("mall-quake").unwrap(),
            scheduled: None,
            allowed: Vec::new(),
            root: None,
            obstacles: vec![
                run(0, 540, 600, venue("mall-fire")),
                run(1, 540, 570, venue("mall-fire")),
            ],
            suggestion: None,
        };
        let one = render(&scenario, "s.toml", &e, Lang::En);
        assert!(
            one.contains("  blocked at all 8 starts: rule 8: venue mall-1 (capacity 2) is taken by mall-fire 09:00-10:00\n"),
            "{one}"
        );
        assert_eq!(one.matches("blocked").count(), 1, "{one}");
        e.obstacles[1].blocked = Blocked::NoAssignment;
        let two = render(&scenario, "s.toml", &e, Lang::En);
        assert!(
            two.contains("  blocked 2017-06-19 09:00-10:00: rule 8: "),
            "{two}"
        );
        assert!(
            two.contains("  blocked 2017-06-20 09:00-09:30: rule 4: "),
            "{two}"
        );
    }

    #[test]
    fn printed_words_are_quoted_for_a_shell_and_the_what_if_goes_elsewhere() {
        assert_eq!(shell_quoted("plan.toml"), "plan.toml");
        assert_eq!(shell_quoted("演练周 2017.toml"), "'演练周 2017.toml'");
        assert_eq!(shell_quoted("$(rm -rf ~)`x`.toml"), "'$(rm -rf ~)`x`.toml'");
        assert_eq!(shell_quoted("it's"), "'it'\\''s'");
        assert_eq!(shell_quoted(""), "''");
        assert_eq!(
            what_if_path("dir/plan.toml"),
            "dir/plan.whatif.schedule.csv"
        );
        assert_eq!(what_if_path("plan.xlsx"), "plan.whatif.schedule.csv");
    }
}
