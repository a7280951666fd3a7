//! drillplan's engine: `solve` finds the best feasible schedule it can and a
//! proven bound, `explain` says why a drill is out of a schedule and what
//! change lets it in. Every schedule it returns has passed the independent
//! checker (`drillplan-check`).

pub mod explain;
pub mod solve;

// The model and the checker, under the names the engine's files use.
use drillplan_check as check;
use drillplan_model::{reason, scenario, schedule};

// Tests build synthetic cities with the generator.
#[cfg(test)]
use drillplan_generate as generate;
