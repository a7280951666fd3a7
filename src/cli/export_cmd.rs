//! `drillplan export SCENARIO SCHEDULE`: the planner's views of a schedule
//! (workbook, rosters, calendars, report). `solve` writes the same views
//! with the same flags.

use crate::check::check;
use crate::export::{html, ics, rosters, xlsx, Plan};
use crate::lang::Lang;
use crate::schedule::csv;
use crate::schedule::output::write_atomically;
use clap::Args;
use std::path::PathBuf;

/// The views to write; shared by `export` and `solve`.
#[derive(Args, Debug, Clone, Default)]
pub struct ViewArgs {
    /// Write an Excel workbook here (schedule, days, districts, roster, coverage, unscheduled).
    #[arg(long, value_name = "PATH")]
    pub xlsx: Option<PathBuf>,
    /// Write team rosters (CSV, one row per team per drill, with travel) here.
    #[arg(long, value_name = "PATH")]
    pub rosters: Option<PathBuf>,
    /// Write one .ics calendar per team and per venue into this folder.
    #[arg(long, value_name = "DIR")]
    pub ics: Option<PathBuf>,
    /// Write a self-contained HTML report (summary, Gantt charts, coverage) here.
    #[arg(long, value_name = "PATH")]
    pub html: Option<PathBuf>,
    /// Language of the views (default: Chinese when the scenario's names are).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
}

impl ViewArgs {
    pub fn any(&self) -> bool {
        self.xlsx.is_some() || self.rosters.is_some() || self.ics.is_some() || self.html.is_some()
    }

    /// The files the views go to (the calendars' folder aside).
    pub fn files(&self) -> [Option<&std::path::Path>; 3] {
        [&self.xlsx, &self.rosters, &self.html].map(|p| p.as_deref())
    }

    /// Writes every requested view, each atomically; the paths written.
    pub fn write(&self, plan: &Plan, bom: bool) -> Result<Vec<PathBuf>, String> {
        let mut written = Vec::new();
        if let Some(path) = &self.xlsx {
            let bytes =
                xlsx::to_bytes(plan).map_err(|e| format!("cannot build the workbook: {e}"))?;
            write_atomically(path, &bytes)?;
            written.push(path.clone());
        }
        if let Some(path) = &self.rosters {
            write_atomically(path, &rosters::to_bytes(plan, bom))?;
            written.push(path.clone());
        }
        if let Some(dir) = &self.ics {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            for (name, bytes) in ics::calendars(plan) {
                write_atomically(&dir.join(&name), &bytes)?;
            }
            written.push(dir.clone());
        }
        if let Some(path) = &self.html {
            write_atomically(path, &html::to_bytes(plan))?;
            written.push(path.clone());
        }
        Ok(written)
    }
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The scenario (.toml, or an .xlsx workbook).
    pub scenario: PathBuf,
    /// A schedule CSV of that scenario (the contract's format).
    pub schedule: PathBuf,
    #[command(flatten)]
    pub views: ViewArgs,
    /// Export even if the schedule breaks rules; the report lists the violations.
    #[arg(long)]
    pub force: bool,
    /// Write the rosters CSV without the UTF-8 byte-order mark.
    #[arg(long)]
    pub no_bom: bool,
}

pub fn run(args: ExportArgs) -> u8 {
    if !args.views.any() {
        eprintln!("error: nothing to export; give --xlsx, --rosters, --ics or --html");
        return super::EXIT_UNREADABLE;
    }
    let inputs = [Some(args.scenario.as_path()), Some(args.schedule.as_path())];
    if let Err(code) = super::convert_cmd::keep_inputs(&inputs, &args.views.files()) {
        return code;
    }
    let scenario = match super::load_scenario(&args.scenario) {
        Ok(s) => s,
        Err(code) => return code,
    };
    // The strict reader refuses rows of drills the scenario lacks and a
    // schedule that misses drills: a schedule of another scenario.
    let text = match crate::scenario::read_text(&args.schedule, csv::MAX_SCHEDULE_BYTES) {
        Ok(t) => t,
        Err(e) => return super::report_input_error(&e),
    };
    let label = args.schedule.display().to_string();
    let entries = match csv::parse(&scenario, &label, &text) {
        Ok(e) => e,
        Err(e) => {
            eprintln!(
                "error: {label} is not a schedule of {}:",
                args.scenario.display()
            );
            return super::report_input_error(&e);
        }
    };
    let mut reasons = vec![String::new(); scenario.drills.len()];
    if let Ok(rows) = csv::rows(&label, &text, csv::MAX_SCHEDULE_ROWS) {
        for (_, cells) in rows {
            if let Some(d) = scenario.find_drill(&cells[0]) {
                reasons[d.index()] = cells[17].clone();
            }
        }
    }
    let report = check(&scenario, &entries, None);
    if !report.is_feasible() && !args.force {
        eprintln!(
            "error: {label} breaks {} rule(s); nothing exported (use --force to export it with the violations listed):",
            report.violations.len()
        );
        for v in report.violations.iter().take(20) {
            eprintln!("  {v}");
        }
        return super::EXIT_INVALID;
    }
    let bound = crate::solve::upper_bound(&scenario);
    let lang = Lang::pick(args.views.lang, &scenario);
    let plan = Plan::new(&scenario, entries, reasons, &report, bound, lang);
    match args.views.write(&plan, !args.no_bom) {
        Ok(paths) => {
            for p in paths {
                println!("wrote {}", p.display());
            }
            0
        }
        Err(e) => {
            eprintln!("error: {e}");
            super::EXIT_UNREADABLE
        }
    }
}
