//! Command line: raw arguments become a ready-to-run command here, and every
//! outcome becomes an exit code here (`failure::code` lists them).

use crate::scenario::Scenario;
use clap::{FromArgMatches, Parser, Subcommand};
use failure::Failure;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// Every line a command prints goes through `out` (see there: a closed pipe
// ends the output quietly instead of panicking).
macro_rules! outln {
    ($($arg:tt)*) => { $crate::cli::out::out(format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! out {
    ($($arg:tt)*) => { $crate::cli::out::out(format_args!($($arg)*)) };
}
macro_rules! errln {
    ($($arg:tt)*) => { $crate::cli::out::err(format_args!("{}\n", format_args!($($arg)*))) };
}
macro_rules! err {
    ($($arg:tt)*) => { $crate::cli::out::err(format_args!($($arg)*)) };
}

mod check_cmd;
pub mod convert_cmd;
pub mod explain_cmd;
pub mod export_cmd;
pub mod failure;
pub mod generate_cmd;
mod help;
pub mod init_cmd;
pub(crate) mod lang_arg;
pub mod limits;
pub mod out;
pub mod paths;
pub mod progress;
pub mod signals;
pub mod solve_cmd;
pub mod terminal;
mod usage;
mod validate_cmd;
pub mod whatif;

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
        /// The scenario (.toml, or an .xlsx workbook).
        scenario: PathBuf,
        /// The language of the summary and the messages: zh or en (default:
        /// DRILLPLAN_LANG, else the workbook's headers, else the scenario's
        /// names, else the locale).
        #[arg(long, value_parser = lang_arg::parser())]
        lang: Option<crate::lang::Lang>,
    },
    /// Check a schedule against every rule of the contract and print its score.
    Check {
        /// The scenario (.toml or .xlsx) the schedule belongs to.
        scenario: PathBuf,
        /// The schedule to check: the CSV, or the workbook `solve --xlsx` wrote.
        schedule: PathBuf,
        /// A published schedule to count changed drills against.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// The language of the verdict and the messages: zh or en (default:
        /// DRILLPLAN_LANG, else the workbook's headers, else the scenario's
        /// names, else the locale).
        #[arg(long, value_parser = lang_arg::parser())]
        lang: Option<crate::lang::Lang>,
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
    /// Write a scenario workbook (.xlsx) to fill in: a sheet per table, example rows.
    Init(init_cmd::InitArgs),
    /// Convert a scenario between .toml and .xlsx (chosen by the extensions).
    Convert(convert_cmd::ConvertArgs),
}

/// When the process began (near enough: the first thing `run` does), the
/// instant `solve --time-limit` counts from.
static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

pub fn started() -> std::time::Instant {
    *STARTED.get_or_init(std::time::Instant::now)
}

pub fn run() -> ExitCode {
    started();
    signals::answer_from_the_start();
    // A file-size limit (`ulimit -f`) would kill the process with SIGXFSZ
    // mid-write, leaving a temporary file; ignored, the write fails with
    // EFBIG and is reported like a full disk.
    #[cfg(unix)]
    // SAFETY: sets a signal's disposition to "ignore" before any thread is started.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    // A language drillplan does not speak is refused before anything else,
    // wherever on the line it is given.
    if let Some(value) = lang_arg::unsupported(std::env::args_os().skip(1)) {
        err!("{}\n", lang_arg::unsupported_message(&value));
        return ExitCode::from(failure::code::USAGE);
    }
    // `--lang` is known before clap reads the rest, so that its refusals
    // (a bad number, an unknown flag) come in the planner's language.
    let flag = lang_arg::in_raw_args(std::env::args_os().skip(1));
    lang_arg::choose(flag);
    let line = lang_arg::without_leading_lang(std::env::args_os().collect());
    let cli = match parse(line, lang_arg::current()) {
        Ok(cli) => cli,
        Err(e) if e.use_stderr() => {
            err!("{}", usage::render(&e, lang_arg::current()));
            return ExitCode::from(failure::code::USAGE);
        }
        Err(e) => {
            // --help and --version, on stdout.
            let _ = e.print();
            return ExitCode::from(failure::code::SUCCESS);
        }
    };
    // A `--lang` before the command was taken off the line the command
    // parsed: without `flag` here, `DRILLPLAN_LANG` would override it.
    lang_arg::choose(
        match &cli.command {
            Command::Validate { lang, .. } | Command::Check { lang, .. } => *lang,
            Command::Solve(args) => args.views.lang,
            Command::Export(args) => args.views.lang,
            Command::Explain(args) => args.lang,
            Command::Convert(args) => args.lang,
            Command::Generate(args) => args.lang,
            Command::Init(_) => None,
        }
        .or(flag),
    );
    let outcome = match cli.command {
        Command::Validate { scenario, .. } => validate_cmd::run(&scenario),
        Command::Check {
            scenario,
            schedule,
            baseline,
            ..
        } => check_cmd::run(&scenario, &schedule, baseline.as_deref()),
        Command::Solve(args) => solve_cmd::run(args),
        Command::Generate(args) => generate_cmd::run(args),
        Command::Explain(args) => explain_cmd::run(args),
        Command::Export(args) => export_cmd::run(args),
        Command::Init(args) => init_cmd::run(args),
        Command::Convert(args) => convert_cmd::run(args),
    };
    // A reader that closed the pipe early is no failure (see `out`); a
    // full disk under `> file` is, once the command's own outcome is known.
    let lang = lang_arg::current();
    let stdout_failed = |e: &std::io::Error| {
        crate::words!(lang,
            en: "cannot write to standard output: {e}",
            zh: "无法写入标准输出：{e}")
    };
    let outcome = match (outcome, out::finish()) {
        (Ok(()), Some(e)) if crate::output::is_out_of_room(&e) => {
            Err(Failure::NoRoom(stdout_failed(&e)))
        }
        (Ok(()), Some(e)) => Err(Failure::Usage(stdout_failed(&e))),
        (outcome, _) => outcome,
    };
    match outcome {
        Ok(()) => ExitCode::from(failure::code::SUCCESS),
        Err(failure) => {
            err!("{}", failure.render(fancy_errors()));
            ExitCode::from(failure.exit_code())
        }
    }
}

/// The command line read by the parser whose help is in `lang`; `--help`,
/// `--version` and `help` come back as clap's "error" to print on stdout.
fn parse(line: Vec<std::ffi::OsString>, lang: crate::lang::Lang) -> Result<Cli, clap::Error> {
    let mut cmd = help::command(lang);
    let matches = cmd.try_get_matches_from_mut(line)?;
    if let Some(asked) = help::asked_for(&matches) {
        return Err(match help::command(lang).try_get_matches_from(asked) {
            Err(help) => help,
            Ok(_) => clap::Error::new(clap::error::ErrorKind::DisplayHelp),
        });
    }
    Cli::from_arg_matches(&matches).map_err(|e| e.format(&mut cmd))
}

/// Source excerpts under errors on a terminal (or when asked, for tests).
fn fancy_errors() -> bool {
    std::io::stderr().is_terminal() || std::env::var_os("DRILLPLAN_FANCY").is_some()
}

/// Loads a scenario, or the failure that says why not. Commands that read
/// a scenario come through here, whatever its format.
pub fn load_scenario(path: &Path) -> Result<Scenario, Failure> {
    load_scenario_and_text(path).map(|(scenario, _)| scenario)
}

/// `load_scenario`, with the scenario's TOML text (a workbook's, as it
/// renders), for what changes it (`solve --set`).
pub fn load_scenario_and_text(path: &Path) -> Result<(Scenario, String), Failure> {
    load_scenario_text_and_book(path).map(|(s, t, _)| (s, t))
}

/// `load_scenario_and_text`, with the language of a workbook's headers
/// (`None` for a TOML file): how the planner sees the scenario's names.
pub fn load_scenario_text_and_book(
    path: &Path,
) -> Result<(Scenario, String, Option<crate::lang::Lang>), Failure> {
    // A workbook's problems are told in its headers' language unless the
    // run chose one; a TOML file's in the run's language, or its name's.
    let lang = lang_arg::for_scenario(path);
    let loaded = crate::workbook::load_scenario_read_in(path, lang, lang_arg::for_file(path))
        .map_err(|e| {
            // `check k.csv scenario.toml`: read as TOML, a schedule gives "key
            // with no value"; say what happened instead.
            let csv = path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("csv"));
            if csv {
                let path = terminal::escape(&path.display().to_string()).into_owned();
                Failure::Usage(crate::words!(lang_arg::current(),
                en: "{path} is a CSV file, not a scenario (.toml or .xlsx); the scenario comes \
                     first, then the schedule: drillplan check SCENARIO SCHEDULE",
                zh: "{path} 是 CSV 文件，不是情景文件（.toml 或 .xlsx）；情景在前，排程在后：\
                     drillplan check 情景 排程"))
            } else {
                lang_arg::settle_from_book(path);
                Failure::from(e)
            }
        })?;
    lang_arg::settle(loaded.lang, &loaded.scenario);
    warn(path, &loaded.notes);
    Ok((loaded.scenario, loaded.text, loaded.lang))
}

/// Prints warnings about a file, each safe for a terminal.
pub fn warn(path: &Path, warnings: &[String]) {
    let lang = lang_arg::current();
    for w in warnings {
        let (path, w) = (path.display(), terminal::escape(w));
        errln!(
            "{}",
            crate::words!(lang, en: "warning: {path}: {w}", zh: "警告：{path}：{w}")
        );
    }
}
