//! `drillplan export SCENARIO SCHEDULE`: the planner's views of a schedule
//! (workbook, rosters, calendars, report). `solve` writes the same views
//! with the same flags.

use super::failure::Failure;
use super::paths::{Kind, Paths};
use crate::check::check;
use crate::export::{html, ics, rosters, xlsx, Plan};
use crate::lang::Lang;
use crate::output::{write_atomically, write_folder};
use clap::Args;
use std::path::PathBuf;

/// The files `--ics` writes: a folder holding anything else is not replaced.
fn calendar_file(name: &str) -> bool {
    name.ends_with(".ics") && (name.starts_with("team-") || name.starts_with("venue-"))
}

/// The calendars the folder holds from an earlier export, so that the new
/// ones update phones (sequence numbers, cancellations). A folder that is
/// missing or unreadable holds none: the export then writes first versions.
fn previous_calendars(dir: &std::path::Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, String)> = entries
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            // A calendar is small; a larger file there is not one of ours.
            let small = e.metadata().ok()?.len() < 64 << 20;
            (calendar_file(&name) && small)
                .then(|| Some((name, std::fs::read_to_string(e.path()).ok()?)))?
        })
        .collect();
    files.sort();
    files
}

/// The views to write; shared by `export` and `solve`.
#[derive(Args, Debug, Clone, Default)]
pub struct ViewArgs {
    /// Write an Excel workbook here (schedule by district, a sheet per day, roster, coverage, unscheduled), set up to print on A4.
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
    #[arg(long, value_parser = super::lang_arg::parser())]
    pub lang: Option<Lang>,
}

impl ViewArgs {
    pub fn any(&self) -> bool {
        self.xlsx.is_some() || self.rosters.is_some() || self.ics.is_some() || self.html.is_some()
    }

    /// Adds the views' paths to the command's outputs, to be checked before any work.
    pub fn outputs(&self, paths: &mut Paths) {
        paths
            .output("--xlsx", self.xlsx.as_deref(), Kind::File)
            .output("--rosters", self.rosters.as_deref(), Kind::File)
            .writes_csv("--rosters")
            .output("--ics", self.ics.as_deref(), Kind::Folder(calendar_file))
            .output("--html", self.html.as_deref(), Kind::File);
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
            let previous = ics::Previous::read(&previous_calendars(dir));
            let files = ics::calendars(plan, &previous, chrono::Utc::now());
            write_folder(dir, &files, &calendar_file)?;
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
    /// A schedule of that scenario: its CSV (the contract's format), or the
    /// workbook `solve --xlsx` wrote.
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

pub fn run(args: ExportArgs) -> Result<(), Failure> {
    if !args.views.any() {
        return Err(Failure::Usage(crate::words!(super::lang_arg::current(),
            en: "nothing to export; give --xlsx, --rosters, --ics or --html",
            zh: "没有要导出的内容；请给出 --xlsx、--rosters、--ics 或 --html")));
    }
    let mut paths = Paths::default();
    paths
        .input("SCENARIO", &args.scenario)
        .input("SCHEDULE", &args.schedule);
    args.views.outputs(&mut paths);
    paths.check()?;
    // Nothing to finish here: an interrupt stops between two files.
    super::signals::abort_on_signal();
    let scenario = super::load_scenario(&args.scenario)?;
    // The strict reader refuses rows of drills the scenario lacks and a
    // schedule that misses drills: a schedule of another scenario.
    let label = args.schedule.display().to_string();
    let lang = super::lang_arg::current();
    let mut read = crate::workbook::schedule::read_rows_in(&scenario, &args.schedule, lang)?;
    let mut moved = crate::workbook::schedule::end_follows_start(&scenario, &mut read, lang);
    read.notes.append(&mut moved);
    super::warn(&args.schedule, &read.notes);
    let entries =
        crate::workbook::schedule::parse_rows(&scenario, &label, &read, lang).map_err(|e| {
            let (shown, scenario) = (
                super::terminal::escape(&label).into_owned(),
                super::terminal::escape(&args.scenario.display().to_string()).into_owned(),
            );
            errln!(
                "{}",
                crate::words!(lang,
                en: "error: {shown} is not a schedule of {scenario}:",
                zh: "错误：{shown} 不是情景 {scenario} 的排程：")
            );
            Failure::from(e)
        })?;
    let mut reasons = vec![String::new(); scenario.drills.len()];
    for (_, row) in &read.rows {
        if let Some(d) = scenario.find_drill(&row.drill_id) {
            reasons[d.index()] = row.reason.clone();
        }
    }
    let report = check(&scenario, &entries, None);
    if !report.is_feasible() && !args.force {
        for v in report.violations.iter().take(20) {
            errln!("  {}", super::terminal::escape(&lang.say(v)));
        }
        let (shown, n) = (
            super::terminal::escape(&label).into_owned(),
            report.violations.len(),
        );
        return Err(Failure::Rejected(crate::words!(lang,
            en: "{shown} breaks {n} rule(s); nothing exported (use --force to export it with the violations listed)",
            zh: "{shown} 有 {n} 处违反规则；未导出任何文件（加 --force 可照样导出，并列出违规之处）")));
    }
    let reasons = crate::export::file_reasons(&scenario, &entries, reasons, report.is_feasible());
    let bound = crate::solve::upper_bound(&scenario);
    let plan = Plan::new(&scenario, entries, reasons, &report, bound, lang);
    let paths = args
        .views
        .write(&plan, !args.no_bom)
        .map_err(Failure::Usage)?;
    // In the planner's language, as solve says it.
    for p in paths {
        outln!("{}", super::solve_cmd::wrote(lang, &p));
    }
    Ok(())
}
