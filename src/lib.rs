//! drillplan: plans a city's emergency drill week.
//!
//! The layers are crates of the workspace (`crates/`): `drillplan-model`
//! (scenario, schedule, reasons and their words, diagnostics),
//! `drillplan-check` (the independent checker), `drillplan-engine` (solve
//! and explain), `drillplan-generate` and `drillplan-io` (workbook and
//! exports). The `drillplan` command (`src/main.rs`, `src/cli/`) sits on
//! top. This library only re-exports the crates under the module names of
//! the one-crate layout, for the integration tests, the benchmark and the
//! examples (the fuzz targets use the crates directly); the command line
//! is not part of it.

pub use drillplan_check as check;
pub use drillplan_engine::{explain, solve};
pub use drillplan_generate as generate;
pub use drillplan_io::{export, workbook};
pub use drillplan_model::{diagnostics, lang, reason, scenario, schedule};
