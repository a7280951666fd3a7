//! drillplan's engine: `solve` finds the best feasible schedule it can and a
//! proven bound, `explain` says why a drill is out of a schedule and what
//! change lets it in. Every schedule it returns has passed the independent
//! checker (`drillplan-check`).

pub mod explain;
pub mod solve;

/// Below the engine's API, for what measures or cross-examines its parts
/// from outside: the benchmark (`benches/solver.rs`), the MIP example
/// (`examples/exact_mip.rs`) and the property tests of the bounds. Not a
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
