//! The `drillplan` command: arguments, commands, exit codes, and what is the
//! command's own business (output files written atomically, Ctrl-C,
//! progress, the terminal). The library crates below it know nothing of
//! these.

use std::process::ExitCode;

mod cli;
mod output;

// The library crates, under the names the command's files use.
use drillplan::{
    check, diagnostics, explain, export, generate, lang, scenario, schedule, solve, workbook,
};
use drillplan_io::changes;
use drillplan_model::words;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::run()
}
