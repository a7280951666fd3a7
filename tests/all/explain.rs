//! `explain` on every unscheduled drill of the Karamay scenario, as bundled
//! and made oversubscribed (the week cut to three days): each names the
//! rule blocking each allowed start, and its suggested change, applied to
//! the scenario, lets that drill into a schedule the checker accepts.

use crate::common;

use drillplan::check::check;
use drillplan::explain::explain;
use drillplan::scenario::{overrides, parse};
use drillplan::solve::SolveOptions;

fn explain_every_unscheduled_drill(sets: &[&str]) -> usize {
    let original = std::fs::read_to_string("scenarios/karamay-2017.toml").unwrap();
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    let text = overrides::apply(&original, &sets).unwrap();
    let scenario = parse("karamay", &text).unwrap();
    let opts = SolveOptions {
        time_limit: None,
        work_limit: Some(2000),
        ..SolveOptions::default()
    };
    let out = common::run(&scenario, &opts);
    let unscheduled: Vec<_> = scenario
        .drill_ids()
        .filter(|d| out.schedule.placement(*d).is_none())
        .collect();
    assert!(!unscheduled.is_empty());
    for &d in &unscheduled {
        let id = &scenario.drill(d).id;
        let e = explain(&text, &scenario, &out.schedule.placements, d);
        assert!(e.scheduled.is_none());
        assert!(
            e.root.is_some() || !e.obstacles.is_empty(),
            "{id}: neither a root cause nor a blocked start"
        );
        for o in &e.obstacles {
            assert!(
                ["8", "9", "4-7", "10", "4", "-"].contains(&o.blocked.rule()),
                "{id}: {o:?}"
            );
        }
        let suggestion = e
            .suggestion
            .unwrap_or_else(|| panic!("{id}: no suggestion\n{:?}", e.obstacles));
        // Apply the change independently of explain: the overrides to the
        // scenario text, then the checker on the suggested schedule.
        let mut all_sets = sets.clone();
        all_sets.extend(suggestion.set.iter().cloned());
        let changed = parse("changed", &overrides::apply(&original, &all_sets).unwrap()).unwrap();
        let entries = suggestion.schedule.entries(&changed);
        let report = check(&changed, &entries, None);
        assert!(
            report.is_feasible(),
            "{id}: {}: {:?}",
            suggestion.change,
            report.violations
        );
        let changed_id = changed.find_drill(id).unwrap();
        assert!(
            entries[changed_id.index()].is_some(),
            "{id}: still unscheduled"
        );
    }
    unscheduled.len()
}

#[test]
fn every_unscheduled_karamay_drill_gets_a_rule_and_a_verified_change() {
    assert!(explain_every_unscheduled_drill(&[]) >= 1);
}

#[test]
fn every_drill_of_an_oversubscribed_karamay_gets_a_rule_and_a_verified_change() {
    let n = explain_every_unscheduled_drill(&["plan.end=2017-06-21"]);
    assert!(n >= 10, "only {n} unscheduled: not oversubscribed");
}

/// `drillplan explain` on a scenario file changed by `sets`, for one drill.
fn explain_cli(sets: &[&str], drill: &str) -> String {
    let original = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.toml");
    std::fs::write(&scenario, overrides::apply(&original, &sets).unwrap()).unwrap();
    let schedule = dir.path().join("s.csv");
    let bin = assert_cmd::cargo::cargo_bin("drillplan");
    let solved = std::process::Command::new(&bin)
        .arg("solve")
        .arg(&scenario)
        .args(["--work-limit", "200", "-q", "-o"])
        .arg(&schedule)
        .output()
        .unwrap();
    assert!(
        solved.status.success(),
        "{}",
        String::from_utf8_lossy(&solved.stderr)
    );
    let out = std::process::Command::new(&bin)
        .arg("explain")
        .arg(&scenario)
        .arg(&schedule)
        .args([drill, "--lang", "en"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_root_cause_comes_first_in_one_line_and_no_start_is_listed() {
    let text = explain_cli(
        &[r#"drill.kg-evac.needs=[{ skill = "police", count = 3 }]"#],
        "kg-evac",
    );
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[1],
        "  cannot run even in an empty plan: needs 3 team(s) with skill police, but the scenario has only 1",
        "{text}"
    );
    assert!(!text.contains("blocked"), "{text}");
    assert!(
        !text.contains(": \n") && !text.trim_end().ends_with(':'),
        "{text}"
    );
    // Three new teams, one command: alone, none of them lets the drill in.
    let commands: Vec<&&str> = lines
        .iter()
        .filter(|l| l.trim_start().starts_with("drillplan solve"))
        .collect();
    assert_eq!(commands.len(), 1, "{text}");
    assert_eq!(commands[0].matches("--set 'team+=").count(), 3, "{text}");
}
