//! Every bundled scenario and every hand-made test scenario: solve, write the
//! CSV, read it back, and the independent checker must call it feasible and
//! find the same score the solver reports.

use crate::common;

use drillplan::check::check;
use drillplan::scenario::load;
use drillplan::schedule::csv::{parse, to_bytes};
use drillplan::solve::{SolveOptions, Status};
use std::path::PathBuf;

fn scenario_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = ["scenarios", "tests/scenarios"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.iter().any(|f| f.ends_with("karamay-2017.toml")));
    files
}

#[test]
fn every_bundled_scenario_solves_to_a_checked_schedule() {
    for path in scenario_files() {
        let s = load(&path).unwrap();
        let opts = SolveOptions {
            self_check: true,
            time_limit: None,
            work_limit: Some(1500),
            seed: 3,
            ..SolveOptions::default()
        };
        let out = common::run(&s, &opts);
        assert_ne!(out.status, Status::RequiredUnplaced, "{}", path.display());
        let text = String::from_utf8(to_bytes(&s, &out.schedule, true)).unwrap();
        let entries = parse(&s, "solved.csv", &text).unwrap();
        let report = check(&s, &entries, None);
        assert!(
            report.is_feasible(),
            "{}: {:?}",
            path.display(),
            report.violations
        );
        let score = report.score;
        assert_eq!(score.priority, out.priority, "{}", path.display());
        assert_eq!(
            score.travel_minutes,
            out.travel_minutes,
            "{}",
            path.display()
        );
        assert_eq!(
            score.off_preference,
            out.off_preference,
            "{}",
            path.display()
        );
        assert_eq!(score.penalty, out.penalty, "{}", path.display());
        assert!(out.bound >= out.priority, "{}", path.display());
        for d in s.drill_ids() {
            if out.schedule.placement(d).is_none() {
                assert!(out.schedule.reasons[d.index()].is_some());
            }
        }
    }
}

#[test]
fn karamay_reaches_its_bound() {
    let s = load(std::path::Path::new("scenarios/karamay-2017.toml")).unwrap();
    let opts = SolveOptions {
        time_limit: None,
        work_limit: Some(6000),
        stall_moves: Some(500),
        seed: 0,
        ..SolveOptions::default()
    };
    let out = common::run(&s, &opts);
    assert_eq!(
        out.priority, out.bound,
        "gap left: {} of {}",
        out.priority, out.bound
    );
}
