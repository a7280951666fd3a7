//! `drillplan solve`: options, progress on stderr, interrupts, the summary,
//! and writing the CSV only after the independent checker has accepted it.

use super::failure::Failure;
use super::paths::{Kind, Paths};
use super::progress::{phase_summary, ProgressDisplay};
use crate::check::check;
use crate::check::score::number;
use crate::output::write_atomically;
use crate::scenario::Scenario;
use crate::schedule::baseline::Baseline;
use crate::schedule::csv;
use crate::solve::replan::{diff, Change, ChangeKind};
use crate::solve::{relative_gap, solve, Outcome, Phase, SolveOptions, Status};
use clap::Args;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Args, Debug)]
#[command(
    after_help = "Determinism: the same scenario, --seed and options give a byte-identical CSV, whatever --threads is, \
whenever the run ends by optimality, --gap or --work-limit. A run cut by --time-limit or an interrupt may stop at a different point."
)]
pub struct SolveArgs {
    /// The scenario (.toml, or an .xlsx workbook).
    pub scenario: PathBuf,
    /// Where to write the schedule CSV; `-` for stdout. Default: <scenario name>.schedule.csv in the current folder.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Stop searching after this many seconds (above 0, at most 1 000 000) and keep the best schedule found.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS", value_parser = super::limits::time_limit)]
    pub time_limit: f64,
    /// Stop after this many improvement moves (0 to 10^12; a deterministic budget).
    #[arg(long, value_name = "N", value_parser = super::limits::moves)]
    pub work_limit: Option<u64>,
    /// Worker threads, 1 to 256 (default: all cores). Does not change the result.
    #[arg(long, value_name = "N", value_parser = super::limits::threads)]
    pub threads: Option<usize>,
    /// Seed of the search's random choices.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Stop when the scheduled priority is within this fraction of the upper bound (0 to 1; 0.01 = 1 %).
    #[arg(long, default_value_t = 0.0, value_name = "FRACTION", value_parser = super::limits::gap)]
    pub gap: f64,
    /// Moves without improvement after which the penalty is taken as settled once the gap is closed
    /// (1 to 10^12). Without it the search lowers the penalty until the time or work limit, or
    /// until the penalty is within --gap of its bound.
    #[arg(long, value_name = "N", value_parser = super::limits::stall_moves)]
    pub stall_moves: Option<u64>,
    /// A published schedule to replan against (its CSV, or the workbook `solve --xlsx`
    /// wrote): changing or dropping one of its drills costs `objective.change`
    /// (minimal-change replanning).
    #[arg(long, value_name = "CSV")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: also write what changed, and why, as CSV here.
    #[arg(long, value_name = "PATH", requires = "baseline")]
    pub diff: Option<PathBuf>,
    /// Run the independent checker on every improving schedule during the
    /// search (slow; for testing) and stop with exit 70 if one breaks a rule.
    #[arg(long)]
    pub self_check: bool,
    /// Write the CSV without the UTF-8 byte-order mark.
    #[arg(long)]
    pub no_bom: bool,
    /// No progress lines.
    #[arg(short, long)]
    pub quiet: bool,
    /// What-if: change the scenario without editing the file, e.g.
    /// `team.fire-krm-1.off+=2017-06-21` or `standby.karamay.fire.keep=1`
    /// (repeatable; see docs/commands.md). The summary compares the result with
    /// the baseline, or with the unchanged scenario solved first the same way
    /// (the what-if starts from its schedule), and says which differences are
    /// proven and which are within the search's noise.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Where the schedule goes if it cannot be written to --output (a full
    /// disk, a file-size limit): a path on another disk, or `-` for stdout.
    /// The search's result is then kept; the exit code still says what failed.
    #[arg(long, value_name = "PATH")]
    pub rescue: Option<PathBuf>,
    #[command(flatten)]
    pub views: super::export_cmd::ViewArgs,
}

impl SolveArgs {
    fn to_stdout(&self) -> bool {
        self.output.as_deref() == Some(Path::new("-"))
    }

    /// Where the CSV goes (when not to stdout).
    fn target(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| default_output(&self.scenario))
    }

    /// Every path this run reads and writes, checked before any work.
    fn check_paths(&self) -> Result<(), Failure> {
        let mut paths = Paths::default();
        let target = self.target();
        paths
            .output_or_stdout("--output", Some(&target), Kind::File)
            .output("--diff", self.diff.as_deref(), Kind::File)
            .output_or_stdout("--rescue", self.rescue.as_deref(), Kind::File)
            .writes_csv("--output")
            .writes_csv("--diff")
            .writes_csv("--rescue");
        self.views.outputs(&mut paths);
        paths.input("SCENARIO", &self.scenario);
        if let Some(b) = &self.baseline {
            paths.input("--baseline", b);
        }
        paths.check()
    }
}

pub fn run(args: SolveArgs) -> Result<(), Failure> {
    // The time limit counts from the process's start: reading a large
    // scenario is part of the run.
    let started = super::started();
    let limit = Duration::from_secs_f64(args.time_limit);
    args.check_paths()?;
    let mut display = ProgressDisplay::new(args.quiet, started);
    display.phase(Phase::Loading);
    // From here on an interrupt ends the run with the best schedule there is.
    let stop = Arc::new(AtomicBool::new(false));
    super::signals::stop_search_on_signal(stop.clone());
    // Travel tables only save time later: past the limit, reading goes on without them.
    crate::scenario::travel::table_only_while(started.checked_add(limit), stop.clone());
    let (scenario, unchanged, baseline) = load(&args).inspect_err(|_| display.finish())?;
    // The scenario settled the run's language (unless `--lang` did): the
    // reading line held until now is told in it.
    display.language_known();
    for warning in
        super::validate_cmd::coverage_rows_without_districts(&scenario, super::lang_arg::current())
    {
        errln!("{warning}");
    }
    let loading = started.elapsed();
    let left = limit.saturating_sub(started.elapsed());
    // A what-if without a baseline runs two searches (the unchanged scenario
    // to compare with, then the changed one): the time limit covers both,
    // half each, so `--time-limit 1 --set ...` ends within a second.
    let compares_with_a_solve = !args.set.is_empty() && args.baseline.is_none();
    // A what-if against a baseline compares with the baseline as scored on
    // the unchanged scenario. That is scored now, before the search, which
    // then has what is left: the search uses all the time it is given, so
    // scored after it, the comparison never fitted in the limit.
    let baseline_reference = match (&args.baseline, &unchanged) {
        (Some(path), Some(original)) if !left.is_zero() && !stop.load(Ordering::Relaxed) => {
            Some(super::whatif::score_baseline(original, path))
        }
        _ => None,
    };
    let left = limit.saturating_sub(started.elapsed());
    let mut opts = SolveOptions {
        time_limit: Some(if compares_with_a_solve {
            left / 2
        } else {
            left
        }),
        work_limit: args.work_limit,
        seed: args.seed,
        gap: args.gap,
        stall_moves: args.stall_moves,
        self_check: args.self_check,
        baseline: baseline.as_ref().map(Baseline::placements),
        ..SolveOptions::default()
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .map_err(|e| {
            Failure::Usage(crate::words!(super::lang_arg::current(),
                en: "cannot start the worker threads: {e}",
                zh: "无法启动工作线程：{e}"))
        })?;
    let read_past_the_limit = left.is_zero() || stop.load(Ordering::Relaxed);
    let unchanged = match unchanged {
        Some(original) if compares_with_a_solve && !read_past_the_limit => {
            let u = super::whatif::solve_unchanged(original, &pool, &opts, &stop, &mut display)
                .inspect_err(|_| display.finish())?;
            opts.warm_start = Some(u.warm_start(&scenario));
            opts.time_limit = Some(limit.saturating_sub(started.elapsed()));
            Some(u)
        }
        _ => None,
    };
    // Ctrl-C during the unchanged scenario's search came before the changed
    // one began: that one still places its warm start (the unchanged plan
    // where it fits, no moves), or its schedule would hold what the first
    // instant placed (256 of 5 000 drills) and its score a loss it is not.
    let interrupted_first = unchanged.is_some() && stop.load(Ordering::Relaxed);
    if interrupted_first {
        opts.work_limit = Some(0);
    }
    let placing = Arc::new(AtomicBool::new(false));
    let stop_for_changed = if interrupted_first { &placing } else { &stop };
    let mut outcome = search(&pool, &scenario, &opts, stop_for_changed, &mut display)?;
    if interrupted_first {
        outcome.status = Status::Interrupted;
    }
    if read_past_the_limit {
        // The engine then does only what a schedule needs; the summary names
        // the phase the limit came in.
        outcome.cut_short = Some(Phase::Loading);
    }
    if let Some(b) = &baseline {
        // Published drills no schedule can repeat are changed whatever we do.
        outcome.changed += b.always_changed();
        outcome.penalty += scenario.weights.change * b.always_changed() as f64;
    }
    refuse_required_unplaced(&scenario, &outcome).inspect_err(|_| display.finish())?;
    display.phase(Phase::Checking);
    let checking_started = Instant::now();
    let report = verified(&scenario, &outcome).inspect_err(|_| display.finish())?;
    let checking = checking_started.elapsed();
    display.phase(Phase::Writing);
    display.finish();
    let writing_started = Instant::now();
    let target = args.target();
    write_schedule(&args, &scenario, &outcome, &target)?;
    write_later_outputs(&args, &scenario, baseline.as_ref(), &outcome, &report).map_err(
        |message| Failure::LaterOutput {
            written: target.clone(),
            message,
        },
    )?;
    let lang = super::lang_arg::settle(None, &scenario);
    let mut summary = summary(
        &scenario,
        &outcome,
        baseline.is_some(),
        (!args.to_stdout()).then_some(&target),
        lang,
    );
    summary += &phase_summary(
        &outcome,
        &[
            (Phase::Loading, loading),
            (Phase::Checking, checking),
            (Phase::Writing, writing_started.elapsed()),
        ],
    );
    if let Some(unchanged) = &unchanged {
        summary += &unchanged.difference(&scenario, &outcome, lang);
    } else if !args.set.is_empty() {
        match &baseline_reference {
            Some(reference) => {
                summary += &super::whatif::against_baseline(reference, &outcome, lang)
            }
            // Reading the file again (seconds on a province) or solving it
            // would have broken the limit; the what-if's own schedule is written.
            None => summary += &super::whatif::not_compared(lang),
        }
    }
    if args.to_stdout() {
        err!("{summary}");
    } else {
        out!("{summary}");
    }
    Ok(())
}

/// The scenario (with any `--set` applied) and the baseline, if given.
/// The scenario (with `--set` applied), the scenario as it stands when
/// there are sets, and the baseline.
fn load(args: &SolveArgs) -> Result<(Scenario, Option<Scenario>, Option<Baseline>), Failure> {
    let (scenario, unchanged) = super::whatif::load_with_overrides(&args.scenario, &args.set)?;
    refuse_oversized(&scenario, &args.scenario)?;
    let baseline = match &args.baseline {
        Some(path) => {
            // The scenario is read, so its language is known: a baseline
            // that cannot be read is told in it, as the summary will be.
            let b = crate::workbook::schedule::read_baseline_in(
                &scenario,
                path,
                super::lang_arg::settle(None, &scenario),
            )?;
            super::warn(path, &b.warnings);
            Some(b)
        }
        None => None,
    };
    Ok((scenario, unchanged, baseline))
}

/// The diff and the views, once the schedule CSV is written.
fn write_later_outputs(
    args: &SolveArgs,
    scenario: &Scenario,
    baseline: Option<&Baseline>,
    outcome: &Outcome,
    report: &crate::check::Report,
) -> Result<(), String> {
    let lang = super::lang_arg::settle(None, scenario);
    let marks = match baseline {
        Some(b) => {
            let changes = report_changes(args, scenario, b, outcome, lang)?;
            crate::changes::by_drill(scenario, &changes, lang)
        }
        None => Vec::new(),
    };
    if args.views.any() {
        let plan = crate::export::Plan::new(
            scenario,
            outcome.schedule.entries(scenario),
            outcome
                .schedule
                .reasons
                .iter()
                .cloned()
                .map(Into::into)
                .collect(),
            report,
            Some(outcome.bound),
            lang,
        )
        .with_changes(marks);
        for p in args.views.write(&plan, !args.no_bom)? {
            errln!("{}", wrote(lang, &p));
        }
    }
    Ok(())
}

fn refuse_oversized(scenario: &Scenario, path: &Path) -> Result<(), Failure> {
    let lang = super::lang_arg::current();
    let shown = super::terminal::escape(&path.display().to_string()).into_owned();
    let pairs = crate::solve::drill_team_pairs(scenario);
    if pairs > crate::solve::MAX_DRILL_TEAM_PAIRS {
        let limit = crate::solve::MAX_DRILL_TEAM_PAIRS;
        return Err(Failure::Rejected(crate::words!(lang,
            en: "{shown}: {pairs} drill-team pairs (drills times the teams that have a needed skill) \
                 exceed the limit of {limit}; split the scenario by district or region and solve the parts",
            zh: "{shown}：演练与队伍的组合有 {pairs} 个（每项演练乘以具备其所需技能的队伍数），\
                 超过上限 {limit}；请按区域把情景拆开，分别求解")));
    }
    let starts = crate::solve::candidate_starts(scenario);
    if starts > crate::solve::MAX_CANDIDATE_STARTS {
        let (slot, limit) = (scenario.slot_minutes, crate::solve::MAX_CANDIDATE_STARTS);
        return Err(Failure::Rejected(crate::words!(lang,
            en: "{shown}: {starts} candidate starts (each drill's starts on the {slot}-minute grid over \
                 its venue's days and hours) exceed the limit of {limit}; use a coarser slot_minutes, \
                 shorter hours or fewer days, or split the scenario",
            zh: "{shown}：候选开始时间有 {starts} 个（每项演练在其场地开放的日子和时段内、按 {slot} 分钟网格的开始时间），\
                 超过上限 {limit}；请加大 slot_minutes、缩短开放时段或减少天数，或把情景拆开")));
    }
    Ok(())
}

/// Runs the solver on `pool`. A panic inside it (a `--self-check` failure in
/// a parallel part, or any other bug) is an internal error, exit 70: the
/// panic message, printed as it happened, names the broken rule.
pub fn search(
    pool: &rayon::ThreadPool,
    scenario: &Scenario,
    opts: &SolveOptions,
    stop: &AtomicBool,
    display: &mut ProgressDisplay,
) -> Result<Outcome, Failure> {
    contained(|| pool.install(|| solve(scenario, opts, stop, &mut |p| display.update(p))))
        .inspect_err(|_| display.finish())
}

/// `f`'s result, or an internal failure if it panics (on any thread of a
/// rayon pool: rayon carries a worker's panic to the caller).
pub(super) fn contained<T>(f: impl FnOnce() -> T) -> Result<T, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("a panic");
        Failure::Internal(format!(
            "the search stopped on an internal fault; nothing written. Please report this: {}",
            what.lines().next().unwrap_or_default()
        ))
    })
}

fn refuse_required_unplaced(scenario: &Scenario, outcome: &Outcome) -> Result<(), Failure> {
    if outcome.status != Status::RequiredUnplaced {
        return Ok(());
    }
    let lang = super::lang_arg::settle(None, scenario);
    let short: Vec<_> = outcome.coverage.iter().filter(|h| h.is_short()).collect();
    let mut why = if short.is_empty() || !outcome.unplaced_required.is_empty() {
        crate::words!(lang,
            en: "the mandatory and pinned drills cannot all be placed; no schedule written",
            zh: "必须安排和锁定的演练无法全部安排；未写出排程")
    } else {
        crate::words!(lang,
            en: "no schedule found keeps every coverage row (rule 12) with the mandatory and \
                 pinned drills; no schedule written",
            zh: "找不到同时满足每条覆盖要求（规则 12）和必须安排、锁定演练的排程；未写出排程")
    };
    if outcome.required_proven_impossible {
        why += &crate::words!(lang,
            en: "\n  proof: the bound's relaxation (docs/engine.md), or an exhaustive search of \
                 every start and team set, has no solution that holds every required drill and \
                 coverage row",
            zh: "\n  证明：上界的松弛模型（docs/engine.md）或对每个开始时间与队伍组合的穷举搜索，\
                 都没有能容纳全部必须安排的演练和覆盖要求的解");
    }
    for (d, reason) in &outcome.unplaced_required {
        let (id, reason) = (&scenario.drill(*d).id, lang.say(reason));
        why += &crate::words!(lang, en: "\n  {id}: {reason}", zh: "\n  {id}：{reason}");
    }
    for h in short {
        let (row, district, has, min) = (
            scenario.coverage[h.row].name.phrase(lang),
            &scenario.districts[h.district.index()].id,
            h.has,
            h.min,
        );
        let row = super::terminal::escape(&row);
        why += &crate::words!(lang,
            en: "\n  {row} in district {district}: {has} of {min} drills scheduled",
            zh: "\n  {row}在区域 {district}：已安排 {has} 个，需要 {min} 个");
        for (d, reason) in &h.out {
            let (id, reason) = (&scenario.drill(*d).id, lang.say(reason));
            why += &crate::words!(lang, en: "\n    {id}: {reason}", zh: "\n    {id}：{reason}");
        }
    }
    Err(Failure::RequiredUnplaced(why))
}

/// Never hand a planner a schedule our own checker rejects.
fn verified(scenario: &Scenario, outcome: &Outcome) -> Result<crate::check::Report, Failure> {
    let report = check(scenario, &outcome.schedule.entries(scenario), None);
    if report.is_feasible() {
        return Ok(report);
    }
    let listed: Vec<String> = report.violations.iter().map(|v| format!("  {v}")).collect();
    Err(Failure::Internal(format!(
        "the solver's schedule breaks the rules; nothing written. Please report this:\n{}",
        listed.join("\n")
    )))
}

fn write_schedule(
    args: &SolveArgs,
    scenario: &Scenario,
    outcome: &Outcome,
    target: &Path,
) -> Result<(), Failure> {
    let bytes = csv::to_bytes(scenario, &outcome.schedule, !args.no_bom);
    if args.to_stdout() {
        super::out::out_bytes(&bytes).map_err(|e| {
            let no_room = crate::output::is_out_of_room(&e);
            let why = crate::words!(super::lang_arg::current(),
                en: "cannot write the schedule to stdout: {e}",
                zh: "无法把排程写到标准输出（系统报告：`{e}`）");
            if no_room || args.rescue.is_some() {
                // A stdout on a full disk (`-o - > file`): --rescue still applies.
                rescue(args, &bytes, why, no_room)
            } else {
                Failure::Usage(why)
            }
        })
    } else {
        write_atomically(target, &bytes).map_err(|message| {
            let no_room = crate::output::ran_out_of_room();
            rescue(args, &bytes, message, no_room)
        })
    }
}

/// The schedule could not be written where asked, after the whole search:
/// keep it at `--rescue` if given, and say where it is (or how to keep it
/// next time). Lack of room has its own exit code.
fn rescue(args: &SolveArgs, bytes: &[u8], message: String, no_room: bool) -> Failure {
    let kept = match args.rescue.as_deref() {
        Some(p) if p == Path::new("-") => match super::out::out_bytes(bytes) {
            Ok(()) => "the schedule was written to stdout (--rescue -) instead".to_string(),
            Err(e) => format!("nor to stdout (--rescue -): {e}; the schedule is lost"),
        },
        Some(p) => match write_atomically(p, bytes) {
            Ok(()) => format!(
                "the schedule was written to {} (--rescue) instead",
                p.display()
            ),
            Err(e) => format!("nor to --rescue: {e}; the schedule is lost"),
        },
        None => "the search's schedule is lost; free some room and run again, or give \
                 --rescue PATH (on another disk, or - for stdout) to keep it should this happen"
            .to_string(),
    };
    let message = format!("{message}; {kept}");
    if no_room {
        Failure::NoRoom(message)
    } else {
        Failure::Usage(message)
    }
}

/// What changed against the baseline, on stderr and in `--diff`; the
/// changes, for the workbook to mark.
fn report_changes(
    args: &SolveArgs,
    scenario: &Scenario,
    baseline: &Baseline,
    outcome: &Outcome,
    lang: crate::lang::Lang,
) -> Result<Vec<Change>, String> {
    let changes = diff(scenario, baseline, &outcome.schedule);
    let mut counts: Vec<(ChangeKind, usize)> = Vec::new();
    for c in &changes {
        match counts.iter_mut().find(|(k, _)| *k == c.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((c.kind, 1)),
        }
    }
    counts.sort();
    let listed: Vec<String> = counts
        .iter()
        .map(|(k, n)| {
            let kind = lang.say(k);
            crate::words!(lang, en: "{n} {kind}", zh: "{kind} {n} 项")
        })
        .collect();
    let listed = match listed.is_empty() {
        true => crate::words!(lang, en: "no changes", zh: "没有改动"),
        false => listed.join(match lang {
            crate::lang::Lang::En => ", ",
            crate::lang::Lang::Zh => "，",
        }),
    };
    errln!(
        "{}",
        crate::words!(lang, en: "against the baseline: {listed}", zh: "与基线相比：{listed}")
    );
    for c in changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Added)
        .take(20)
    {
        let (kind, id, why) = (lang.say(&c.kind), &c.drill_id, lang.say(&c.why));
        let name = scenario
            .find_drill(id)
            .map(|d| scenario.drill(d).name.as_str())
            .filter(|n| !n.is_empty())
            .map_or(String::new(), |n| format!(" {n}"));
        let line =
            crate::words!(lang, en: "{kind} {id}{name}: {why}", zh: "{kind} {id}{name}：{why}");
        errln!("  {}", super::terminal::escape(&line));
    }
    if let Some(path) = &args.diff {
        write_atomically(
            path,
            &crate::changes::to_csv(scenario, &changes, !args.no_bom, lang),
        )?;
        errln!("{}", wrote(lang, path));
    }
    Ok(changes)
}

fn default_output(scenario: &Path) -> PathBuf {
    let stem = scenario
        .file_stem()
        .map_or_else(|| "schedule".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from(format!("{stem}.schedule.csv"))
}

/// Drills the summary names when it lists those left out; the CSV's reason
/// column has every one.
const LEFT_OUT_SHOWN: usize = 20;

fn summary(
    scenario: &Scenario,
    o: &Outcome,
    against_baseline: bool,
    target: Option<&PathBuf>,
    lang: crate::lang::Lang,
) -> String {
    let scheduled = o.schedule.placements.iter().filter(|p| p.is_some()).count();
    let mut s = String::new();
    if let Some(t) = target {
        s += &wrote(lang, t);
        s.push('\n');
        // Calc's import dialog ignores the byte-order mark that Excel and
        // WPS read, and a planner who double-clicks the CSV there sees
        // mojibake (issue 19): say which file opens where.
        s += &crate::words!(lang,
            en: "  open it in Excel or WPS by double-clicking; in LibreOffice choose the \
                 character set \"Unicode (UTF-8)\" when importing, or open the workbook (--xlsx)\n",
            zh: "  Excel、WPS 可直接双击打开；LibreOffice 导入时字符集请选「Unicode (UTF-8)」，\
                 或改开工作簿（--xlsx）\n");
    }
    let drills = scenario.drills.len();
    s += &crate::words!(lang,
        en: "scheduled drills   {scheduled}/{drills}\n",
        zh: "已安排演练         {scheduled}/{drills}\n");
    // The planner's first question: which drills are out, and why.
    let out: Vec<_> = scenario
        .drill_ids()
        .filter(|d| o.schedule.placements[d.index()].is_none())
        .collect();
    for &d in out.iter().take(LEFT_OUT_SHOWN) {
        let drill = scenario.drill(d);
        let why = o.schedule.reasons[d.index()]
            .as_ref()
            .map(|r| lang.say(r))
            .unwrap_or_default();
        let name = if drill.name.is_empty() {
            String::new()
        } else {
            format!(" {}", drill.name)
        };
        let id = &drill.id;
        s += &super::terminal::escape(&crate::words!(lang,
            en: "  left out {id}{name}: {why}",
            zh: "  未安排 {id}{name}：{why}"));
        s.push('\n');
    }
    if out.len() > LEFT_OUT_SHOWN {
        let more = out.len() - LEFT_OUT_SHOWN;
        // The CSV's reasons are English (the contract's), so a Chinese
        // planner is sent where they are in Chinese.
        let sheet = crate::lang::Label::UnscheduledSheet.say(lang);
        s += &crate::words!(lang,
            en: "  and {more} more left out; the schedule CSV's reason column has each\n",
            zh: "  另有 {more} 项未安排；各项原因见工作簿（--xlsx）的「{sheet}」表，或运行 drillplan explain（排程 CSV 的 reason 列是英文）\n");
    }
    let (priority, total) = (o.priority, scenario.total_priority());
    s += &crate::words!(lang,
        en: "scheduled priority {priority} of {total}\n",
        zh: "已安排优先级       {priority}（共 {total}）\n");
    let bound = o.bound;
    let gap = 100.0 * relative_gap(o.priority, o.bound);
    let met = o.bound_met_after.map(|t| t.as_secs_f64());
    s += &match (o.bound_computed, met) {
        (true, None) => crate::words!(lang,
            en: "upper bound        {bound} (gap {gap:.2} %)\n",
            zh: "上界               {bound}（差距 {gap:.2} %）\n"),
        (true, Some(met)) => crate::words!(lang,
            en: "upper bound        {bound} (gap {gap:.2} %, met after {met:.2} s)\n",
            zh: "上界               {bound}（差距 {gap:.2} %，{met:.2} 秒时达到）\n"),
        (false, None) => crate::words!(lang,
            en: "upper bound        {bound} (not computed, the run stopped first: the priority \
                 of every drill that may run; gap {gap:.2} %)\n",
            zh: "上界               {bound}（运行先停止，未计算上界：取所有可能举行的演练的\
                 优先级之和；差距 {gap:.2} %）\n"),
        (false, Some(met)) => crate::words!(lang,
            en: "upper bound        {bound} (not computed, the run stopped first: the priority \
                 of every drill that may run; gap {gap:.2} %, met after {met:.2} s)\n",
            zh: "上界               {bound}（运行先停止，未计算上界：取所有可能举行的演练的\
                 优先级之和；差距 {gap:.2} %，{met:.2} 秒时达到）\n"),
    };
    // Same-day pairs are counted only where they weigh: on a province the
    // count is a pass of the checker.
    let same_day_pairs = if scenario.weights.spread != 0.0 {
        crate::check::check(scenario, &o.schedule.entries(scenario), None)
            .score
            .same_day_pairs
    } else {
        0
    };
    let terms = crate::check::PenaltyTerms {
        weights: scenario.weights,
        travel_minutes: o.travel_minutes,
        off_preference: o.off_preference,
        changed: against_baseline.then_some(o.changed),
        same_day_pairs,
        penalty: o.penalty,
    };
    let penalty = lang.say(&terms);
    s += &crate::words!(lang,
        en: "penalty            {penalty}\n",
        zh: "惩罚               {penalty}\n");
    if let Some(bound) = o.penalty_bound {
        s += &penalty_bound_line(o.penalty, bound, lang);
    }
    for h in &o.coverage {
        // The district as the planner's workbook names it (独山子区), its id
        // where it has no name.
        let d = &scenario.districts[h.district.index()];
        let district = if d.name.is_empty() { &d.id } else { &d.name };
        let row = scenario.coverage[h.row].name.short(lang);
        let (row, district, has, min) = (
            super::terminal::escape(&row),
            super::terminal::escape(district),
            h.has,
            h.min,
        );
        s += &match h.is_short() {
            true => crate::words!(lang,
                en: "coverage           {row} {district}: {has} of at least {min} (short)\n",
                zh: "覆盖要求           {row} {district}：{has} 个，至少 {min} 个（不足）\n"),
            false => crate::words!(lang,
                en: "coverage           {row} {district}: {has} of at least {min} (held)\n",
                zh: "覆盖要求           {row} {district}：{has} 个，至少 {min} 个（满足）\n"),
        };
    }
    let status = status_line(o.status, o.priority, o.bound, lang);
    s += &crate::words!(lang,
        en: "status             {status}\n",
        zh: "状态               {status}\n");
    let (moves, secs) = (o.moves, o.elapsed.as_secs_f64());
    s += &crate::words!(lang,
        en: "search             {moves} moves in {secs:.2} s\n",
        zh: "搜索               {moves} 次移动，用时 {secs:.2} 秒\n");
    s
}

/// How low the penalty could be at the scheduled priority, and how far above
/// that it is (`docs/engine.md`, "The penalty bound").
fn penalty_bound_line(penalty: f64, bound: f64, lang: crate::lang::Lang) -> String {
    let (gap, bound) = (
        100.0 * crate::solve::penalty_gap(penalty, bound),
        number(bound),
    );
    crate::words!(lang,
        en: "penalty bound      {bound} (gap {gap:.2} %)\n",
        zh: "惩罚下界           {bound}（差距 {gap:.2} %）\n")
}

/// `wrote PATH`, for every file a command writes, so a planner knows every
/// file a run left behind.
pub fn wrote(lang: crate::lang::Lang, path: &Path) -> String {
    let shown = path.display().to_string();
    let path = super::terminal::escape(&shown);
    crate::words!(lang, en: "wrote {path}", zh: "已写入 {path}")
}

/// The status, saying whether the priority is proven optimal when the run
/// ended for another reason.
fn status_line(status: Status, priority: u64, bound: u64, lang: crate::lang::Lang) -> String {
    let proven = bound > 0 && priority >= bound;
    match status {
        Status::Optimal => crate::words!(lang,
            en: "optimal (scheduled priority proven optimal; penalty is the best found, not proven)",
            zh: "最优（已安排优先级已证明最优；惩罚为找到的最好值，未证明最优）"),
        Status::TimeLimit if proven => crate::words!(lang,
            en: "priority proven optimal; stopped at the time limit while lowering the penalty",
            zh: "优先级已证明最优；降低惩罚时达到时间上限而停止"),
        Status::WorkLimit if proven => crate::words!(lang,
            en: "priority proven optimal; stopped at the work limit while lowering the penalty",
            zh: "优先级已证明最优；降低惩罚时达到工作量上限而停止"),
        Status::Interrupted if proven => crate::words!(lang,
            en: "priority proven optimal; interrupted while lowering the penalty",
            zh: "优先级已证明最优；降低惩罚时被中断"),
        other => lang.say(&other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rayon::prelude::*;

    /// A `--self-check` failure panics inside a part searched on a worker
    /// thread; it must end as an internal error (exit 70), not a crash (101).
    #[test]
    fn a_panic_inside_a_parallel_part_is_an_internal_error() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let result = contained(|| {
            pool.install(|| {
                (0..8).into_par_iter().for_each(|part| {
                    assert!(
                        part != 5,
                        "self-check failed after move 7:\nrule 6: team t1"
                    );
                })
            })
        });
        let failure = result.unwrap_err();
        assert_eq!(failure.exit_code(), 70);
        assert!(
            failure
                .to_string()
                .contains("self-check failed after move 7"),
            "{failure}"
        );
    }

    #[test]
    fn the_status_says_the_priority_is_proven_when_the_clock_ends_the_run() {
        assert_eq!(
            status_line(Status::TimeLimit, 688, 688, crate::lang::Lang::En),
            "priority proven optimal; stopped at the time limit while lowering the penalty"
        );
        let en = crate::lang::Lang::En;
        assert_eq!(status_line(Status::TimeLimit, 687, 688, en), "time limit");
        assert!(status_line(Status::Optimal, 688, 688, en).starts_with("optimal"));
        assert!(status_line(Status::Optimal, 688, 688, crate::lang::Lang::Zh).starts_with("最优"));
    }
}
