//! Metamorphic properties at volume (1 000 cases by default,
//! `DRILLPLAN_METAMORPHIC_CASES` for more), every solve under self-check:
//! - the checker accepts every solver output;
//! - renaming every id keeps the schedule and the score; reordering the
//!   tables keeps the scheduled priority (ties in travel may break another way);
//! - adding a team, or widening a venue's hours or a drill's window, never
//!   lowers the scheduled priority;
//! - doubling every priority keeps the same schedule.

use crate::common;

use common::*;
use drillplan::check::check;
use drillplan::scenario::{parse, Scenario};
use drillplan::schedule::Schedule;
use drillplan::solve::{Outcome, SolveOptions, Status};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("DRILLPLAN_METAMORPHIC_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

fn scenario_of(text: &str) -> Scenario {
    parse("tiny.toml", text).unwrap_or_else(|e| panic!("{}\n{text}", e.render(false)))
}

/// Solves under self-check (the checker on every improving schedule) and
/// runs the result through the checker; the outcome if it is feasible.
fn solved(s: &Scenario) -> Result<Outcome, TestCaseError> {
    let opts = SolveOptions {
        self_check: true,
        ..quick_options(3)
    };
    let out = run(s, &opts);
    let report = check(s, &out.schedule.entries(s), None);
    // `run` has judged a schedule that leaves required drills out.
    if out.status != Status::RequiredUnplaced {
        prop_assert!(report.is_feasible(), "{:?}", report.violations);
    }
    prop_assert_eq!(report.score.priority, out.priority);
    Ok(out)
}

/// Placements by drill id (date, start, team ids), independent of table order.
/// (drill id, (day, start, team ids)) of every drill.
type PlacementsById = Vec<(String, Option<(u32, u32, Vec<String>)>)>;

fn by_id(s: &Scenario, schedule: &Schedule) -> PlacementsById {
    let mut rows: Vec<_> = s
        .drill_ids()
        .map(|d| {
            let place = schedule.placement(d).map(|p| {
                let mut teams: Vec<String> =
                    p.teams.iter().map(|&t| s.team(t).id.clone()).collect();
                teams.sort();
                (p.day, p.start, teams)
            });
            (s.drill(d).id.clone(), place)
        })
        .collect();
    rows.sort();
    rows
}

/// Every id renamed (`v0` to `场所-v0-b`, and so on), same table order.
fn renamed(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let mut line = line.to_string();
        for prefix in ["v", "t", "x"] {
            line = rename_quoted(&line, prefix);
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The id `renamed` gives an id of the generated scenario.
fn new_id(id: &str) -> String {
    format!("场所-{id}-b")
}

/// `"p<digits>"` to `"场所-p<digits>-b"` inside one line.
fn rename_quoted(line: &str, prefix: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    let needle = format!("\"{prefix}");
    while let Some(i) = rest.find(&needle) {
        let after = &rest[i + needle.len()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with('"') {
            out.push_str(&rest[..i]);
            out.push_str(&format!(
                "\"{}\"",
                new_id(&format!("{prefix}{}", &after[..digits]))
            ));
            rest = &after[digits + 1..];
        } else {
            out.push_str(&rest[..i + needle.len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The same tables with the blocks of each one in reverse order.
fn reordered(text: &str) -> String {
    let blocks: Vec<&str> = text
        .split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .collect();
    let mut out: Vec<&str> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let kind = blocks[i].lines().next().unwrap_or("");
        let mut j = i;
        while j < blocks.len() && blocks[j].lines().next() == Some(kind) {
            j += 1;
        }
        let mut group = blocks[i..j].to_vec();
        if kind == "[[team]]" || kind == "[[drill]]" || kind == "[[venue]]" {
            group.reverse();
        }
        out.extend(group);
        i = j;
    }
    out.join("\n\n") + "\n"
}

proptest! {
    #![proptest_config(config(cases(), concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/metamorphic.txt")))]

    #[test]
    fn renaming_keeps_the_schedule_and_reordering_keeps_the_priority(tiny in tiny()) {
        let text = tiny.to_toml();
        let original = scenario_of(&text);
        let out = solved(&original)?;
        prop_assume!(out.status != Status::RequiredUnplaced);

        let renamed_text = renamed(&text);
        let renamed_scenario = scenario_of(&renamed_text);
        let renamed_out = solved(&renamed_scenario)?;
        prop_assert_eq!(renamed_out.priority, out.priority);
        prop_assert_eq!(renamed_out.travel_minutes, out.travel_minutes);
        prop_assert_eq!(renamed_out.off_preference, out.off_preference);
        // The same drills at the same starts with the same teams, by their new ids.
        let mut expected: PlacementsById = by_id(&original, &out.schedule)
            .into_iter()
            .map(|(id, p)| {
                let p = p.map(|(day, start, teams)| {
                    let mut teams: Vec<String> = teams.iter().map(|t| new_id(t)).collect();
                    teams.sort();
                    (day, start, teams)
                });
                (new_id(&id), p)
            })
            .collect();
        expected.sort();
        prop_assert_eq!(by_id(&renamed_scenario, &renamed_out.schedule), expected);

        let reordered_scenario = scenario_of(&reordered(&text));
        let reordered_out = solved(&reordered_scenario)?;
        prop_assert_eq!(reordered_out.priority, out.priority, "{}", text);
    }

    #[test]
    fn relaxing_never_lowers_the_scheduled_priority(tiny in tiny()) {
        let s = tiny.scenario();
        let out = solved(&s)?;

        let mut more_teams = tiny.clone();
        more_teams.teams.push(TinyTeam { skills: vec![0, 1], shift: (420, 1200), works_day2: true, max_drills: None, base: (45.05, 84.05) });
        let mut wider_venues = tiny.clone();
        for v in &mut wider_venues.venues {
            v.1 = (v.1 .0.saturating_sub(60), (v.1 .1 + 60).min(1440));
        }
        let mut wider_windows = tiny.clone();
        for d in &mut wider_windows.drills {
            d.window_day1_only = false;
        }
        for relaxed in [more_teams, wider_venues, wider_windows] {
            let relaxed_out = solved(&relaxed.scenario())?;
            prop_assert!(relaxed_out.priority >= out.priority, "{} < {}\n{}", relaxed_out.priority, out.priority, relaxed.to_toml());
        }
    }

    #[test]
    fn doubling_every_priority_keeps_the_schedule(tiny in tiny()) {
        let s = tiny.scenario();
        let out = solved(&s)?;
        let mut doubled = tiny.clone();
        for d in &mut doubled.drills {
            d.priority *= 2;
        }
        let doubled_scenario = doubled.scenario();
        let doubled_out = solved(&doubled_scenario)?;
        prop_assert_eq!(doubled_out.priority, 2 * out.priority);
        prop_assert_eq!(by_id(&doubled_scenario, &doubled_out.schedule), by_id(&s, &out.schedule), "{}", tiny.to_toml());
    }
}
