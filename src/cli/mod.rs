//! Command line: raw arguments become a ready-to-run command here, and every
//! outcome becomes an exit code here (0 success, 1 invalid input or
//! infeasible schedule, 2 usage error or unreadable file, 3 mandatory drills
//! cannot be placed).

use crate::check::check;
use crate::diagnostics::{InputError, ProblemKind};
use crate::scenario::{self, Scenario};
use crate::schedule;
use clap::{Parser, Subcommand};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub mod explain_cmd;
pub mod export_cmd;
pub mod generate_cmd;
pub mod progress;
pub mod solve_cmd;
pub mod whatif;

pub const EXIT_INVALID: u8 = 1;
pub const EXIT_UNREADABLE: u8 = 2;
pub const EXIT_MANDATORY: u8 = 3;

#[derive(Parser, Debug)]
#[command(
    name = "drillplan",
    version,
    about = "Plans a city's emergency drill week: the best feasible schedule, a proven bound, and a spreadsheet-safe CSV."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check a scenario file and summarise it; warn about drills that can never be placed.
    Validate {
        /// The scenario (TOML).
        scenario: PathBuf,
    },
    /// Check a schedule CSV against every rule of the contract and print its score.
    Check {
        /// The scenario (TOML) the schedule belongs to.
        scenario: PathBuf,
        /// The schedule CSV to check.
        schedule: PathBuf,
        /// A published schedule to count changed drills against.
        #[arg(long)]
        baseline: Option<PathBuf>,
    },
    /// Find the best feasible schedule and write it as CSV.
    Solve(solve_cmd::SolveArgs),
    /// Write the planner's views of a schedule: Excel workbook, team rosters,
    /// calendars (.ics) and an HTML report.
    Export(export_cmd::ExportArgs),
    /// Why drills are not in a schedule: the rule blocking each allowed start,
    /// and the smallest change (verified by the checker) that lets each in.
    Explain(explain_cmd::ExplainArgs),
    /// Write a realistic scenario of any size, built around a planted feasible schedule.
    Generate(generate_cmd::GenerateArgs),
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_UNREADABLE } else { 0 });
        }
    };
    let code = match cli.command {
        Command::Validate { scenario } => validate(&scenario),
        Command::Check {
            scenario,
            schedule,
            baseline,
        } => check_cmd(&scenario, &schedule, baseline.as_deref()),
        Command::Solve(args) => solve_cmd::run(args),
        Command::Generate(args) => generate_cmd::run(args),
        Command::Explain(args) => explain_cmd::run(args),
        Command::Export(args) => export_cmd::run(args),
    };
    ExitCode::from(code)
}

/// Loads a scenario or prints why not; the exit code to use on failure.
pub fn load_scenario(path: &Path) -> Result<Scenario, u8> {
    scenario::load(path).map_err(|e| report_input_error(&e))
}

/// Prints an input error; unreadable files exit 2, invalid contents 1.
pub fn report_input_error(e: &InputError) -> u8 {
    eprint!(
        "{}",
        e.render(std::io::stderr().is_terminal() || std::env::var_os("DRILLPLAN_FANCY").is_some())
    );
    if e.problems.iter().all(|p| p.kind == ProblemKind::Unreadable) {
        EXIT_UNREADABLE
    } else {
        EXIT_INVALID
    }
}

fn validate(path: &Path) -> u8 {
    let scenario = match load_scenario(path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    println!(
        "{}: valid scenario \"{}\", {} to {} ({} days)",
        path.display(),
        scenario.name,
        scenario.start,
        scenario.date(scenario.num_days - 1),
        scenario.num_days
    );
    println!(
        "  {} districts, {} venues, {} teams, {} drills ({} mandatory or pinned), total priority {}",
        scenario.districts.len(),
        scenario.venues.len(),
        scenario.teams.len(),
        scenario.drills.len(),
        scenario.drills.iter().filter(|d| d.is_required()).count(),
        scenario.total_priority()
    );
    println!(
        "  {} conflict sets, {} standby rules",
        scenario.conflicts.len(),
        scenario.standbys.len()
    );
    let pairs = crate::solve::drill_team_pairs(&scenario);
    if pairs > crate::solve::MAX_DRILL_TEAM_PAIRS {
        eprintln!(
            "note: {pairs} drill-team pairs exceed the solver's limit of {}; \
             `solve` refuses this scenario. Split it by district or region.",
            crate::solve::MAX_DRILL_TEAM_PAIRS
        );
        return 0;
    }
    let blocked = crate::solve::never_placeable(&scenario);
    for (drill, reason) in &blocked {
        let d = scenario.drill(*drill);
        let required = if d.is_required() {
            " (required: solve will fail)"
        } else {
            ""
        };
        eprintln!(
            "warning: drill {} can never be placed{required}: {reason}",
            d.id
        );
    }
    0
}

/// Baseline placements as entries; an unrepeatable one gets a date before
/// the plan, which no schedule can match.
fn baseline_entries(
    scenario: &Scenario,
    b: &schedule::baseline::Baseline,
) -> Vec<Option<schedule::Entry>> {
    b.placements
        .iter()
        .zip(&scenario.drills)
        .map(|(p, drill)| {
            p.as_ref().map(|p| {
                let date = if p.day == schedule::baseline::UNREPEATABLE_DAY {
                    scenario.start - chrono::Days::new(1)
                } else {
                    scenario.date(p.day)
                };
                schedule::Entry {
                    date,
                    start: p.start,
                    end: p.start + drill.duration,
                    teams: p.teams.clone(),
                }
            })
        })
        .collect()
}

fn check_cmd(scenario_path: &Path, schedule_path: &Path, baseline: Option<&Path>) -> u8 {
    let scenario = match load_scenario(scenario_path) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let read = |path: &Path| {
        schedule::csv::read(&scenario, path).map_err(|e| {
            let unreadable = e
                .problems
                .iter()
                .any(|p| matches!(p.kind, ProblemKind::Unreadable | ProblemKind::Syntax));
            eprint!("{}", e.render(false));
            if unreadable {
                EXIT_UNREADABLE
            } else {
                EXIT_INVALID
            }
        })
    };
    let entries = match read(schedule_path) {
        Ok(e) => e,
        Err(code) => return code,
    };
    // The baseline is read as leniently as `solve --baseline` reads it:
    // drills, teams or dates the scenario no longer has count as changed.
    let base = match baseline
        .map(|p| schedule::baseline::Baseline::read(&scenario, p))
        .transpose()
    {
        Ok(b) => b,
        Err(e) => return report_input_error(&e),
    };
    let base_entries = base.as_ref().map(|b| baseline_entries(&scenario, b));
    let mut report = check(&scenario, &entries, base_entries.as_deref());
    if let Some(b) = &base {
        report.score.changed += b.vanished.len() as u64;
        report.score.penalty += scenario.weights.change * b.vanished.len() as f64;
    }
    for v in &report.violations {
        println!("{v}");
    }
    if report.is_feasible() {
        println!("feasible: every rule of section 3 holds");
    } else {
        println!(
            "infeasible: {} violation(s) of rules {:?}",
            report.violations.len(),
            report.rules_broken()
        );
    }
    println!("{}", report.score);
    if report.is_feasible() {
        0
    } else {
        EXIT_INVALID
    }
}
