//! Property tests on generated tiny scenarios: the checker accepts every
//! solver output; the solver finds the brute-force optimum, proves it, and
//! its bound is never below it; relaxing a constraint never lowers a proven optimum; the
//! same seed and work limit give the same CSV for 1 and 2 threads; each
//! bound alone (the day relaxation, with and without its transport rows, and
//! the route relaxation) is never below the brute-force optimum; the
//! penalty bound is never above the least penalty at the optimal priority.

use crate::common;

use common::*;
use drillplan::check::check;
use drillplan::schedule::csv::to_bytes;
use drillplan::solve::Status;
use drillplan_engine::internals::{priority_bound, BoundOutcome, Model, Prepared, RouteBound};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("DRILLPLAN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

/// The day relaxation, with and without its transport rows, is never below
/// the brute-force optimum of `tiny`.
fn day_bounds_hold(tiny: &Tiny) -> Result<(), TestCaseError> {
    let s = tiny.scenario();
    let optimum = brute_force_priority(&s);
    for transport in [false, true] {
        let bound = day_bound(&s, transport);
        prop_assert!(
            bound >= optimum,
            "day bound {} (transport rows: {}) below the optimum {}\n{}",
            bound,
            transport,
            optimum,
            tiny.to_toml()
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(cases(), concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/properties.txt")))]

    #[test]
    fn solver_output_passes_the_checker_and_matches_brute_force(tiny in tiny()) {
        let s = tiny.scenario();
        let out = run(&s, &quick_options(1));
        prop_assume!(out.status != Status::RequiredUnplaced);
        let report = check(&s, &out.schedule.entries(&s), None);
        prop_assert!(report.is_feasible(), "{:?}\n{}", report.violations, tiny.to_toml());
        prop_assert_eq!(report.score.priority, out.priority);
        prop_assert_eq!(report.score.travel_minutes, out.travel_minutes);
        prop_assert_eq!(report.score.off_preference, out.off_preference);
        let optimum = brute_force_priority(&s);
        prop_assert!(out.bound >= optimum, "bound {} below the optimum {}\n{}", out.bound, optimum, tiny.to_toml());
        prop_assert_eq!(out.priority, optimum, "{}", tiny.to_toml());
        // Small enough for the exhaustive search: the bound is the optimum
        // (the status may still say the work limit ended the penalty's search).
        prop_assert_eq!(out.bound, optimum, "{}", tiny.to_toml());
    }

    #[test]
    fn with_travel_overrides_output_is_checked_and_the_bound_holds(tiny in tiny_with_overrides()) {
        let s = tiny.scenario();
        let out = run(&s, &quick_options(5));
        prop_assume!(out.status != Status::RequiredUnplaced);
        let report = check(&s, &out.schedule.entries(&s), None);
        prop_assert!(report.is_feasible(), "{:?}\n{}", report.violations, tiny.to_toml());
        prop_assert_eq!(report.score.travel_minutes, out.travel_minutes);
        let optimum = brute_force_priority(&s);
        prop_assert!(out.bound >= optimum, "bound {} below the optimum {}\n{}", out.bound, optimum, tiny.to_toml());
        prop_assert_eq!(out.priority, optimum, "{}", tiny.to_toml());
    }

    #[test]
    fn the_route_bound_is_never_below_the_optimum(tiny in tiny()) {
        let s = tiny.scenario();
        let optimum = brute_force_priority(&s);
        let bound = route_bound(&s);
        prop_assert!(bound >= optimum, "route bound {} below the optimum {}\n{}", bound, optimum, tiny.to_toml());
    }

    #[test]
    fn with_travel_overrides_the_route_bound_holds(tiny in tiny_with_overrides()) {
        let s = tiny.scenario();
        let optimum = brute_force_priority(&s);
        let bound = route_bound(&s);
        prop_assert!(bound >= optimum, "route bound {} below the optimum {}\n{}", bound, optimum, tiny.to_toml());
    }

    #[test]
    fn the_day_relaxation_is_never_below_the_optimum(tiny in tiny()) {
        day_bounds_hold(&tiny)?;
    }

    #[test]
    fn with_travel_overrides_the_day_relaxation_holds(tiny in tiny_with_overrides()) {
        day_bounds_hold(&tiny)?;
    }

    #[test]
    fn relaxing_never_lowers_a_proven_optimum(tiny in tiny()) {
        let s = tiny.scenario();
        let out = run(&s, &quick_options(2));
        prop_assume!(out.status == Status::Optimal);
        // One more team with every skill, and every shift one hour longer.
        let mut relaxed = tiny.clone();
        relaxed.teams.push(TinyTeam { skills: vec![0, 1], shift: (420, 1200), works_day2: true, max_drills: None, base: (45.0, 84.0) });
        for t in &mut relaxed.teams {
            t.shift.1 = (t.shift.1 + 60).min(1440);
        }
        let relaxed_out = run(&relaxed.scenario(), &quick_options(2));
        prop_assert!(relaxed_out.priority >= out.priority, "{} < {}\n{}", relaxed_out.priority, out.priority, relaxed.to_toml());
    }

    #[test]
    fn the_penalty_bound_is_never_above_the_least_penalty_at_the_optimum(
        tiny in prop_oneof![tiny(), tiny_with_overrides(), tiny_with_coverage()]
    ) {
        let s = tiny.scenario();
        // `run` judges schedules short of coverage; this test only needs the figures.
        let out = drillplan::solve::solve(&s, &quick_options(4), &Default::default(), &mut |_| {});
        let Some((optimum, least)) = brute_force_lexicographic(&s) else {
            // No schedule at all: the solver says so, and there is no bound.
            prop_assert_eq!(out.status, Status::RequiredUnplaced);
            prop_assert!(out.penalty_bound.is_none());
            return Ok(());
        };
        // The bound holds at the priority the solver reached; at the
        // optimum it bounds the least penalty there.
        if out.status == Status::RequiredUnplaced || out.priority != optimum {
            return Ok(());
        }
        let bound = out.penalty_bound.expect("a complete schedule, weights not negative");
        prop_assert!(bound <= least + 1e-9, "penalty bound {} above the least penalty {} at priority {}\n{}", bound, least, optimum, tiny.to_toml());
        prop_assert!(bound <= out.penalty + 1e-9);
    }

    #[test]
    fn same_seed_same_csv_for_one_and_two_threads(tiny in tiny(), seed in 0u64..1000) {
        let s = tiny.scenario();
        let opts = quick_options(seed);
        let csv_with = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            let out = pool.install(|| run(&s, &opts));
            to_bytes(&s, &out.schedule, true)
        };
        prop_assert_eq!(csv_with(1), csv_with(2));
    }
}

/// The day relaxation alone over the whole scenario, with or without the
/// transport rows, on every day a drill has a start (more days than it can
/// run on alone only loosen it). Tiny scenarios have no required drills, so
/// a claim that none can be placed counts as a bound of 0.
fn day_bound(s: &drillplan::scenario::Scenario, transport: bool) -> u64 {
    let prepared = Prepared::new(s);
    let drills: Vec<_> = s.drill_ids().collect();
    let can_run: Vec<Vec<_>> = prepared
        .starts
        .iter()
        .map(|starts| {
            let mut days: Vec<_> = starts.iter().map(|st| st.0).collect();
            days.dedup();
            days
        })
        .collect();
    let model = Model {
        mip: false,
        transport,
    };
    match priority_bound(s, &prepared, &can_run, &drills, model) {
        BoundOutcome::Bound(b) => b,
        BoundOutcome::RequiredInfeasible => 0,
    }
}

/// The route relaxation alone over the whole scenario, run to the end.
fn route_bound(s: &drillplan::scenario::Scenario) -> u64 {
    let prepared = Prepared::new(s);
    let drills: Vec<_> = s.drill_ids().collect();
    RouteBound::new(s, &prepared, &drills)
        .expect("a tiny scenario is far below the size limit")
        .solve(0, &|| false, &|_| {}, &|_| {})
}
