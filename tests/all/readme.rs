//! The README's example scenario is a real one: it validates, and the solver
//! schedules both of its drills in a schedule the checker accepts. Editing
//! the example without keeping it valid fails here.

use crate::common;

use drillplan::check::check;
use drillplan::scenario::parse;
use drillplan::solve::SolveOptions;

/// The first ```toml block of the README.
fn example() -> String {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let start = readme.find("```toml\n").expect("a toml block") + "```toml\n".len();
    let len = readme[start..].find("```").expect("its end");
    readme[start..start + len].to_string()
}

#[test]
fn the_readme_example_validates_and_solves() {
    let text = example();
    let scenario = parse("README.md", &text).unwrap_or_else(|e| panic!("{}", e.render(false)));
    assert!(scenario.drills.len() >= 2 && !scenario.conflicts.is_empty());
    assert!(!scenario.standbys.is_empty() && scenario.drills.iter().any(|d| d.pin.is_some()));
    let opts = SolveOptions {
        time_limit: None,
        work_limit: Some(200),
        self_check: true,
        ..SolveOptions::default()
    };
    let out = common::run(&scenario, &opts);
    let report = check(&scenario, &out.schedule.entries(&scenario), None);
    assert!(report.is_feasible(), "{:?}", report.violations);
    assert_eq!(
        report.score.scheduled,
        scenario.drills.len(),
        "{:?}",
        out.schedule.reasons
    );
}
