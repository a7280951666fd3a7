//! drillplan's files beside the schedule CSV: `workbook` reads and writes
//! the scenario as a spreadsheet and reads back the schedule workbook a
//! planner edited, `export` writes the schedule as a
//! workbook, an HTML report, team calendars and rosters; `changes` writes
//! what a replan moved.

pub mod changes;
pub mod export;
pub mod workbook;

// The model, the checker and the engine, under the names the files use.
use drillplan_check as check;
use drillplan_engine::solve;
use drillplan_model::{diagnostics, lang, reason, scenario, schedule};
