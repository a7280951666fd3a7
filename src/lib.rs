//! drillplan: plans a city's emergency drill week.
//!
//! `scenario` reads and validates a planner's file; `schedule` is the CSV of
//! the contract; `check` is an independent checker of the feasibility rules
//! and the score; `solve` is the optimisation engine; `explain` says why a
//! drill is out of a schedule and what change lets it in; `reason` holds the
//! reasons as values and `lang` puts them in words.

pub mod check;
pub mod cli;
pub mod diagnostics;
pub mod explain;
pub mod export;
pub mod generate;
pub mod lang;
pub mod reason;
pub mod scenario;
pub mod schedule;
pub mod solve;
pub mod workbook;
