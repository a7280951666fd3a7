//! drillplan's model: `scenario` reads and validates a planner's file;
//! `schedule` is the schedule of the contract and its CSV; `reason` holds
//! the reasons as values and `lang` puts them in words; `diagnostics` says
//! what is wrong with an input file. Every other crate of drillplan builds
//! on these; this crate depends on none of them.

pub mod diagnostics;
pub mod lang;
pub mod reason;
pub mod scenario;
pub mod schedule;
pub mod terminal;
