//! `drillplan generate`: a realistic scenario around a planted schedule.

use crate::check::check;
use crate::generate::{generate, planted_schedule, GenerateOptions};
use crate::scenario::parse;
use crate::schedule::{csv, output::write_atomically};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Number of drills.
    #[arg(long)]
    pub drills: usize,
    /// Number of teams (default: one per five drills, at least 12).
    #[arg(long)]
    pub teams: Option<usize>,
    /// Number of districts, about 280 km apart (default: one per 250 drills).
    #[arg(long)]
    pub districts: Option<usize>,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Share of drills planted in a feasible schedule: 1 means every drill fits;
    /// 0.8 adds a quarter more drills than fit in the planted schedule.
    #[arg(long, default_value_t = 1.0)]
    pub tightness: f64,
    /// A province: districts about 110 km apart, and provincial teams (one in
    /// twenty) that serve any district they reach.
    #[arg(long)]
    pub province: bool,
    /// Measured travel overrides to add (each faster than the road).
    #[arg(long, default_value_t = 0)]
    pub overrides: usize,
    /// Where to write the scenario; `-` (the default) for stdout.
    #[arg(short, long, default_value = "-")]
    pub output: PathBuf,
    /// Also write the planted schedule as a schedule CSV here.
    #[arg(long)]
    pub planted: Option<PathBuf>,
}

pub fn run(args: GenerateArgs) -> u8 {
    if args.drills == 0 || !(args.tightness > 0.0 && args.tightness <= 1.0) {
        eprintln!("error: --drills must be at least 1 and --tightness in (0, 1]");
        return super::EXIT_UNREADABLE;
    }
    let opts = GenerateOptions {
        drills: args.drills,
        teams: args.teams,
        districts: args.districts,
        seed: args.seed,
        tightness: args.tightness,
        province: args.province,
        overrides: args.overrides,
    };
    let generated = generate(&opts);
    // The generator's own output must be valid and its planted schedule feasible.
    let scenario = match parse("generated.toml", &generated.toml) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "internal error: the generated scenario is invalid:\n{}",
                e.render(false)
            );
            return 70;
        }
    };
    let schedule = planted_schedule(&scenario, &generated.planted);
    let report = check(&scenario, &schedule.entries(&scenario), None);
    if !report.is_feasible() {
        eprintln!("internal error: the planted schedule breaks the rules:");
        for v in report.violations.iter().take(20) {
            eprintln!("  {v}");
        }
        return 70;
    }
    let written = if args.output.as_os_str() == "-" {
        std::io::stdout()
            .lock()
            .write_all(generated.toml.as_bytes())
            .map_err(|e| e.to_string())
    } else {
        write_atomically(&args.output, generated.toml.as_bytes())
    };
    if let Err(e) = written {
        eprintln!("error: {e}");
        return super::EXIT_UNREADABLE;
    }
    if let Some(path) = &args.planted {
        if let Err(e) = write_atomically(path, &csv::to_bytes(&scenario, &schedule, true)) {
            eprintln!("error: {e}");
            return super::EXIT_UNREADABLE;
        }
    }
    eprintln!(
        "generated {} drills ({} planted, priority {} of {}), {} teams, {} venues, {} districts",
        scenario.drills.len(),
        report.score.scheduled,
        report.score.priority,
        report.score.total_priority,
        scenario.teams.len(),
        scenario.venues.len(),
        scenario.districts.len()
    );
    0
}
