//! drillplan's engine: `solve` finds the best feasible schedule it can and a
//! proven bound, `explain` says why a drill is out of a schedule and what
//! change lets it in. Every schedule it returns has passed the independent
//! checker (`drillplan-check`).
//!
//! A work limit (a count of moves) makes the run deterministic; with a
//! stall count, the search ends once its penalty stops improving. A small
//! city is solved to proven optimality, and the schedule passes the
//! checker, which shares no feasibility code with the search:
//!
//! ```
//! use drillplan_engine::solve::{solve, SolveOptions, Status};
//! use drillplan_model::scenario::parse;
//! use std::sync::atomic::AtomicBool;
//!
//! let scenario = parse("plan.toml", r#"
//! [plan]
//! start = 2017-06-19
//! end = 2017-06-19
//! [[district]]
//! id = "karamay"
//! [[venue]]
//! id = "school"
//! district = "karamay"
//! location = [45.58, 84.88]
//! [[team]]
//! id = "fire-1"
//! skills = ["fire"]
//! district = "karamay"
//! base = [45.59, 84.87]
//! [[drill]]
//! id = "evacuation"
//! venue = "school"
//! duration = 60
//! priority = 5
//! needs = [{ skill = "fire" }]
//! "#).unwrap();
//!
//! let options = SolveOptions {
//!     time_limit: None,
//!     work_limit: Some(1_000),
//!     stall_moves: Some(100),
//!     ..SolveOptions::default()
//! };
//! let outcome = solve(&scenario, &options, &AtomicBool::new(false), &mut |_| {});
//! assert_eq!(outcome.status, Status::Optimal);
//! assert_eq!((outcome.priority, outcome.bound), (5, 5));
//!
//! let entries = outcome.schedule.entries(&scenario);
//! let report = drillplan_check::check(&scenario, &entries, None);
//! assert!(report.is_feasible());
//! assert_eq!(report.score.priority, 5);
//! ```

pub mod explain;
pub mod solve;

/// Below the engine's API, for what measures or cross-examines its parts
/// from outside: the benchmark (`benches/solver.rs`), the examples
/// (`exact_mip`, `construct_profile`, `route_bound`) and the integration tests of the
/// bounds and the parts (`tests/all/{properties,coverage,scale}.rs`). Not a
/// stable interface; nothing else goes through it.
#[doc(hidden)]
pub mod internals {
    pub use crate::solve::bound::{priority_bound, BoundOutcome, Model, RouteBound};
    pub use crate::solve::candidates::Prepared;
    pub use crate::solve::components::components;
    pub use crate::solve::construct::greedy;
    pub use crate::solve::state::State;
}

// The model and the checker, under the names the engine's files use.
use drillplan_check as check;
use drillplan_model::{reason, scenario, schedule};

// Tests build synthetic cities with the generator.
#[cfg(test)]
use drillplan_generate as generate;
