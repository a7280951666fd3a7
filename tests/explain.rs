//! `explain` on every unscheduled drill of the Karamay scenario, as bundled
//! and made oversubscribed (the week cut to three days): each names the
//! rule blocking each allowed start, and its suggested change, applied to
//! the scenario, lets that drill into a schedule the checker accepts.

mod common;

use drillplan::check::check;
use drillplan::scenario::{overrides, parse};
use drillplan::solve::advice::explain;
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
            e.no_start.is_some() || !e.obstacles.is_empty(),
            "{id}: neither a missing start nor a blocked one"
        );
        for o in &e.obstacles {
            assert!(
                ["8", "9", "4-7", "10", "4", "-"].contains(&o.rule) && !o.text.is_empty(),
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
            suggestion.text,
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
