//! The checker against hand-made schedules: one feasible with its exact
//! score worked out by hand, and one variant per rule (`docs/scenario-format.md` section 3) that
//! breaks exactly that rule.

use chrono::NaiveDate;
use drillplan::check::check;
use drillplan::scenario::{load, Scenario};
use drillplan::schedule::Entry;
use std::path::Path;

fn scenario() -> Scenario {
    load(Path::new("tests/scenarios/rules.toml")).unwrap()
}

type Row = (&'static str, u32, &'static str, &'static [&'static str]);

/// The feasible schedule:
/// Mon  a1 A 08:30-09:30 f1 | b1 B 10:00-10:30 f1+p1 | b2 B 11:00-11:30 f2 | a2 A 14:00-15:00 m1
/// Tue  c1 A 09:00-10:00 f2 (pinned) | d1 A 11:00-11:30 m1
/// Travel: f1 Mon 10+15+20=45, f2 Mon 20+20=40, p1 Mon 10+10=20, m1 Mon 5+5=10,
/// f2 Tue 10+10=20, m1 Tue 5+5=10: 145. a2 is outside its preferred hours: 1.
const FEASIBLE: &[Row] = &[
    ("a1", 19, "08:30", &["f1"]),
    ("b1", 19, "10:00", &["f1", "p1"]),
    ("b2", 19, "11:00", &["f2"]),
    ("a2", 19, "14:00", &["m1"]),
    ("c1", 20, "09:00", &["f2"]),
    ("d1", 20, "11:00", &["m1"]),
];

fn entries(s: &Scenario, rows: &[Row]) -> Vec<Option<Entry>> {
    let mut out = vec![None; s.drills.len()];
    for &(drill, day, start, teams) in rows {
        let d = s.find_drill(drill).unwrap();
        let (h, m) = start.split_once(':').unwrap();
        let start: u32 = h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap();
        out[d.index()] = Some(Entry {
            date: NaiveDate::from_ymd_opt(2017, 6, day).unwrap(),
            start,
            end: start + s.drill(d).duration,
            teams: teams.iter().map(|t| s.find_team(t).unwrap()).collect(),
        });
    }
    out
}

/// The feasible schedule with one drill's row replaced (or removed with `None`).
fn variant(drill: &str, row: Option<Row>) -> Vec<Row> {
    let mut rows: Vec<Row> = FEASIBLE.iter().copied().filter(|r| r.0 != drill).collect();
    rows.extend(row);
    rows
}

fn broken_rules(rows: &[Row]) -> Vec<u8> {
    let s = scenario();
    let report = check(&s, &entries(&s, rows), None);
    for v in &report.violations {
        eprintln!("{v}");
    }
    report.rules_broken()
}

#[test]
fn feasible_schedule_and_its_exact_score() {
    let s = scenario();
    let report = check(&s, &entries(&s, FEASIBLE), None);
    assert!(report.is_feasible(), "{:?}", report.violations);
    let score = report.score;
    assert_eq!(
        (score.scheduled, score.priority, score.total_priority),
        (6, 12, 12)
    );
    assert_eq!(
        (score.travel_minutes, score.off_preference, score.changed),
        (145, 1, 0)
    );
    assert_eq!(score.penalty, 145.0 + 60.0);
}

#[test]
fn rule_1_time_grid() {
    assert_eq!(
        broken_rules(&variant("a1", Some(("a1", 19, "08:40", &["f1"])))),
        [1]
    );
    assert_eq!(
        broken_rules(&variant("d1", Some(("d1", 21, "11:00", &["m1"])))),
        [1]
    );
}

#[test]
fn rule_2_venue_opening() {
    assert_eq!(
        broken_rules(&variant("b2", Some(("b2", 20, "11:00", &["f2"])))),
        [2]
    );
    assert_eq!(
        broken_rules(&variant("d1", Some(("d1", 20, "12:00", &["m1"])))),
        [2]
    );
}

#[test]
fn rule_3_drill_window() {
    assert_eq!(
        broken_rules(&variant("a1", Some(("a1", 20, "14:00", &["f1"])))),
        [3]
    );
}

#[test]
fn rule_4_staffing() {
    assert_eq!(
        broken_rules(&variant("b1", Some(("b1", 19, "10:00", &["f1"])))),
        [4]
    );
    assert_eq!(
        broken_rules(&variant("d1", Some(("d1", 20, "11:00", &["p1"])))),
        [4]
    );
    // A team listed twice is also in two drills at once (rule 6).
    assert_eq!(
        broken_rules(&variant("d1", Some(("d1", 20, "11:00", &["m1", "m1"])))),
        [4, 6]
    );
}

#[test]
fn rule_5_team_days() {
    assert_eq!(
        broken_rules(&variant("d1", Some(("d1", 20, "11:00", &["m2"])))),
        [5]
    );
}

#[test]
fn rule_6_team_routes() {
    // f1 cannot be at A at 08:00: its shift starts at 08:00 and the trip takes 10 minutes.
    assert_eq!(
        broken_rules(&variant("a1", Some(("a1", 19, "08:00", &["f1"])))),
        [6]
    );
    // m1 in a2 (A 14:00-15:00) and d1 (A 14:30) at once; A also holds two drills.
    assert_eq!(
        broken_rules(&variant("d1", Some(("d1", 19, "14:30", &["m1"])))),
        [6, 8]
    );
}

#[test]
fn rule_7_team_limits() {
    assert_eq!(
        broken_rules(&variant("b2", Some(("b2", 19, "11:00", &["f1"])))),
        [7]
    );
}

#[test]
fn rule_8_venue_capacity() {
    assert_eq!(
        broken_rules(&variant("d1", Some(("d1", 20, "09:30", &["m1"])))),
        [8]
    );
}

#[test]
fn rule_9_conflicts() {
    assert_eq!(
        broken_rules(&variant("a2", Some(("a2", 19, "10:15", &["m1"])))),
        [9]
    );
}

#[test]
fn rule_10_standby() {
    assert_eq!(
        broken_rules(&variant("b2", Some(("b2", 19, "10:00", &["f2"])))),
        [10]
    );
}

#[test]
fn rule_11_mandatory_and_pins() {
    assert_eq!(broken_rules(&variant("b2", None)), [11]);
    assert_eq!(broken_rules(&variant("c1", None)), [11]);
    assert_eq!(
        broken_rules(&variant("c1", Some(("c1", 20, "09:15", &["f2"])))),
        [11]
    );
    assert_eq!(
        broken_rules(&variant("c1", Some(("c1", 20, "09:00", &["f1"])))),
        [11]
    );
}

#[test]
fn changed_drills_against_a_baseline() {
    let s = scenario();
    let base = entries(&s, FEASIBLE);
    let moved = entries(&s, &variant("d1", Some(("d1", 20, "11:15", &["m1"]))));
    let report = check(&s, &moved, Some(&base));
    assert_eq!(report.score.changed, 1);
    let dropped = entries(&s, &variant("d1", None));
    assert_eq!(check(&s, &dropped, Some(&base)).score.changed, 1);
    assert_eq!(check(&s, &base, Some(&base)).score.changed, 0);
}
