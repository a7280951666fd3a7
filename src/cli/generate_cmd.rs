//! `drillplan generate`: a realistic scenario around a planted schedule.

use super::failure::Failure;
use super::paths::{Kind, Paths};
use crate::check::check;
use crate::generate::{generate, planted_schedule, CoverageRows, GenerateOptions};
use crate::output::write_atomically;
use crate::scenario::parse;
use crate::schedule::csv;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct GenerateArgs {
    /// Number of drills, 1 to 200 000 (the most rows a scenario table may have).
    #[arg(long, value_parser = super::limits::table_rows)]
    pub drills: usize,
    /// Number of teams, 1 to 200 000 (default: one per five drills, at least 12;
    /// never fewer than six per district).
    #[arg(long, value_parser = super::limits::table_rows)]
    pub teams: Option<usize>,
    /// Number of districts, about 280 km apart, 1 to 1 000 (default: one per 250 drills).
    #[arg(long, value_parser = super::limits::districts)]
    pub districts: Option<usize>,
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Share of drills planted in a feasible schedule, above 0 and at most 1: 1 means
    /// every drill fits; 0.8 adds a quarter more drills than fit in the planted schedule.
    #[arg(long, default_value_t = 1.0, value_parser = super::limits::tightness)]
    pub tightness: f64,
    /// A province: districts about 110 km apart, and provincial teams (one in
    /// twenty) that serve any district they reach.
    #[arg(long)]
    pub province: bool,
    /// Measured travel overrides to add (each faster than the road), 0 to 1 000 000.
    #[arg(long, default_value_t = 0, value_parser = super::limits::overrides)]
    pub overrides: usize,
    /// Coverage rows (rule 12), written last: `notice`, the notice's sectors
    /// (at least one drill) in each district whose planted drills have them;
    /// `planted`, per sector and district as many drills as the planted
    /// schedule holds there (rows that bind when the city is oversubscribed).
    #[arg(long, value_enum)]
    pub coverage: Option<CoverageArg>,
    /// Where to write the scenario; `-` (the default) for stdout. A path
    /// ending in .xlsx gets a scenario workbook, one in .toml the TOML text.
    #[arg(short, long, default_value = "-")]
    pub output: PathBuf,
    /// Also write the planted schedule as a schedule CSV here.
    #[arg(long)]
    pub planted: Option<PathBuf>,
    /// Language of the messages: zh or en (default: DRILLPLAN_LANG, else the locale).
    #[arg(long, value_parser = super::lang_arg::parser())]
    pub lang: Option<crate::lang::Lang>,
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum CoverageArg {
    Notice,
    Planted,
}

pub fn run(args: GenerateArgs) -> Result<(), Failure> {
    if args.output.as_os_str() != "-" {
        super::paths::scenario_named(&args.output)?;
    }
    let mut paths = Paths::default();
    paths
        .output_or_stdout("--output", Some(&args.output), Kind::File)
        .output("--planted", args.planted.as_deref(), Kind::File)
        .writes_csv("--planted");
    paths.check()?;
    super::signals::abort_on_signal();
    let opts = GenerateOptions {
        drills: args.drills,
        teams: args.teams,
        districts: args.districts,
        seed: args.seed,
        tightness: args.tightness,
        province: args.province,
        overrides: args.overrides,
        coverage: match args.coverage {
            None => CoverageRows::None,
            Some(CoverageArg::Notice) => CoverageRows::Notice,
            Some(CoverageArg::Planted) => CoverageRows::Planted,
        },
    };
    let generated = generate(&opts);
    // The generator's own output must be valid and its planted schedule feasible.
    let scenario = parse("generated.toml", &generated.toml).map_err(|e| {
        Failure::Internal(format!(
            "the generated scenario is invalid:\n{}",
            e.render(false)
        ))
    })?;
    let schedule = planted_schedule(&scenario, &generated.planted);
    let report = check(&scenario, &schedule.entries(&scenario), None);
    if !report.is_feasible() {
        let shown: Vec<String> = report
            .violations
            .iter()
            .take(20)
            .map(|v| format!("  {v}"))
            .collect();
        return Err(Failure::Internal(format!(
            "the planted schedule breaks the rules:\n{}",
            shown.join("\n")
        )));
    }
    if args.output.as_os_str() == "-" {
        super::out::out_bytes(generated.toml.as_bytes()).map_err(|e| {
            Failure::Usage(crate::words!(super::lang_arg::current(),
                    en: "cannot write the scenario: {e}",
                    zh: "无法写出情景（系统报告：`{e}`）"))
        })?;
    } else if crate::workbook::is_workbook(&args.output) {
        // The planner's form of the same scenario: a .xlsx name holding
        // TOML text would be refused by every command that opens it.
        let doc: toml::Table = toml::from_str(&generated.toml).map_err(|e| {
            Failure::Internal(format!("the generated scenario is not a TOML table: {e}"))
        })?;
        let bytes = crate::workbook::to_xlsx(&doc, super::lang_arg::current())
            .map_err(|e| Failure::Internal(format!("the generated scenario as a workbook: {e}")))?;
        write_atomically(&args.output, &bytes).map_err(Failure::Usage)?;
    } else {
        write_atomically(&args.output, generated.toml.as_bytes()).map_err(Failure::Usage)?;
    }
    if let Some(path) = &args.planted {
        write_atomically(path, &csv::to_bytes(&scenario, &schedule, true))
            .map_err(Failure::Usage)?;
    }
    let (drills, planted, priority, total) = (
        scenario.drills.len(),
        report.score.scheduled,
        report.score.priority,
        report.score.total_priority,
    );
    let (teams, venues, districts) = (
        scenario.teams.len(),
        scenario.venues.len(),
        scenario.districts.len(),
    );
    errln!(
        "{}",
        crate::words!(super::lang_arg::current(),
            en: "generated {drills} drills ({planted} planted, priority {priority} of {total}), {teams} teams, {venues} venues, {districts} districts",
            zh: "已生成 {drills} 项演练（预置方案安排 {planted} 项，优先级 {priority} / {total}），{teams} 支队伍，{venues} 个场地，{districts} 个区域")
    );
    Ok(())
}
