//! `drillplan solve`: options, progress on stderr, Ctrl-C, the summary, and
//! writing the CSV only after the independent checker has accepted it.

use super::progress::{phase_summary, ProgressDisplay};
use super::{load_scenario, EXIT_MANDATORY};
use crate::check::check;
use crate::check::score::number;
use crate::schedule::baseline::Baseline;
use crate::schedule::{csv, output::write_atomically};
use crate::solve::replan::{self, diff, ChangeKind};
use crate::solve::{relative_gap, solve, Outcome, Phase, SolveOptions, Status};
use clap::Args;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Exit code when the solver produced a schedule its own checker rejects (a bug).
const EXIT_INTERNAL: u8 = 70;

#[derive(Args, Debug)]
#[command(
    after_help = "Determinism: the same scenario, --seed and options give a byte-identical CSV, whatever --threads is, \
whenever the run ends by optimality, --gap or --work-limit. A run cut by --time-limit or Ctrl-C may stop at a different point."
)]
pub struct SolveArgs {
    /// The scenario (TOML).
    pub scenario: PathBuf,
    /// Where to write the schedule CSV; `-` for stdout. Default: <scenario name>.schedule.csv in the current folder.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Stop searching after this many seconds and keep the best schedule found.
    #[arg(long, default_value_t = 60.0, value_name = "SECONDS")]
    pub time_limit: f64,
    /// Stop after this many improvement moves (a deterministic budget).
    #[arg(long, value_name = "N")]
    pub work_limit: Option<u64>,
    /// Worker threads (default: all cores). Does not change the result.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Seed of the search's random choices.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Stop when the scheduled priority is within this fraction of the upper bound (0.01 = 1 %).
    #[arg(long, default_value_t = 0.0, value_name = "FRACTION")]
    pub gap: f64,
    /// Moves without improvement after which the penalty is taken as settled once the gap is closed
    /// (default: 20 per drill, at least 2000).
    #[arg(long, value_name = "N")]
    pub stall_moves: Option<u64>,
    /// A published schedule CSV to replan against: changing or dropping one of
    /// its drills costs `objective.change` (minimal-change replanning).
    #[arg(long, value_name = "CSV")]
    pub baseline: Option<PathBuf>,
    /// With --baseline: also write what changed, and why, as CSV here.
    #[arg(long, value_name = "PATH", requires = "baseline")]
    pub diff: Option<PathBuf>,
    /// Run the independent checker on every improving schedule during the
    /// search (slow; for testing) and abort loudly if one breaks a rule.
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
    /// (repeatable; see the README). The summary compares the result with
    /// the baseline, or with the unchanged scenario solved the same way.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    #[command(flatten)]
    pub views: super::export_cmd::ViewArgs,
}

pub fn run(args: SolveArgs) -> u8 {
    if !(args.time_limit > 0.0 && args.time_limit.is_finite() && (0.0..=1.0).contains(&args.gap)) {
        eprintln!("error: --time-limit must be above 0 and --gap between 0 and 1");
        return super::EXIT_UNREADABLE;
    }
    // The time limit counts from here: reading a large scenario is part of the run.
    let started = Instant::now();
    let mut display = ProgressDisplay::new(args.quiet, started);
    display.phase(Phase::Loading);
    let stop = Arc::new(AtomicBool::new(false));
    install_interrupt(stop.clone());
    let scenario = match super::whatif::load_with_overrides(&args.scenario, &args.set) {
        Ok(s) => s,
        Err(code) => {
            display.finish();
            return code;
        }
    };
    let loading = started.elapsed();
    let pairs = crate::solve::drill_team_pairs(&scenario);
    if pairs > crate::solve::MAX_DRILL_TEAM_PAIRS {
        eprintln!(
            "error: {}: {pairs} drill-team pairs (drills times the teams that have a needed skill) \
             exceed the limit of {}; split the scenario by district or region and solve the parts",
            args.scenario.display(),
            crate::solve::MAX_DRILL_TEAM_PAIRS
        );
        return super::EXIT_INVALID;
    }
    let baseline = match &args.baseline {
        Some(path) => match Baseline::read(&scenario, path) {
            Ok(b) => {
                for w in &b.warnings {
                    eprintln!("warning: {}: {w}", path.display());
                }
                Some(b)
            }
            Err(e) => return super::report_input_error(&e),
        },
        None => None,
    };
    let opts = SolveOptions {
        time_limit: Some(
            Duration::from_secs_f64(args.time_limit).saturating_sub(started.elapsed()),
        ),
        work_limit: args.work_limit,
        seed: args.seed,
        gap: args.gap,
        stall_moves: args.stall_moves,
        self_check: args.self_check,
        baseline: baseline.as_ref().map(|b| b.placements.clone()),
        ..SolveOptions::default()
    };
    let threads = args.threads.unwrap_or(0);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: cannot start {threads} threads: {e}");
            return super::EXIT_UNREADABLE;
        }
    };
    let mut outcome = pool.install(|| solve(&scenario, &opts, &stop, &mut |p| display.update(p)));
    if let Some(b) = &baseline {
        // Published drills the scenario no longer has are changed whatever we do.
        outcome.changed += b.vanished.len() as u64;
        outcome.penalty += scenario.weights.change * b.vanished.len() as f64;
    }

    if outcome.status == Status::RequiredUnplaced {
        display.finish();
        eprintln!(
            "error: the mandatory and pinned drills cannot all be placed; no schedule written"
        );
        if outcome.required_proven_impossible {
            eprintln!("  proof: the relaxation of section 5, or an exhaustive search of every start and team set, has no solution that holds every required drill");
        }
        for (d, why) in &outcome.unplaced_required {
            eprintln!("  {}: {}", scenario.drill(*d).id, why);
        }
        return EXIT_MANDATORY;
    }

    // Never hand a planner a schedule our own checker rejects.
    display.phase(Phase::Checking);
    let checking_started = Instant::now();
    let report = check(&scenario, &outcome.schedule.entries(&scenario), None);
    let checking = checking_started.elapsed();
    display.phase(Phase::Writing);
    display.finish();
    let writing_started = Instant::now();
    if !report.is_feasible() {
        eprintln!("internal error: the solver's schedule breaks the rules; nothing written. Please report this:");
        for v in &report.violations {
            eprintln!("  {v}");
        }
        return EXIT_INTERNAL;
    }
    let bytes = csv::to_bytes(&scenario, &outcome.schedule, !args.no_bom);
    let to_stdout = args.output.as_deref() == Some(std::path::Path::new("-"));
    let target = args
        .output
        .clone()
        .unwrap_or_else(|| default_output(&args.scenario));
    if to_stdout {
        let mut out = std::io::stdout().lock();
        if out.write_all(&bytes).and_then(|_| out.flush()).is_err() {
            return super::EXIT_UNREADABLE;
        }
    } else if let Err(e) = write_atomically(&target, &bytes) {
        eprintln!("error: {e}");
        return super::EXIT_UNREADABLE;
    }
    if let Some(b) = &baseline {
        let changes = diff(&scenario, b, &outcome.schedule);
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
            .map(|(k, n)| format!("{n} {}", k.label()))
            .collect();
        eprintln!(
            "against the baseline: {}",
            if listed.is_empty() {
                "no changes".to_string()
            } else {
                listed.join(", ")
            }
        );
        for c in changes
            .iter()
            .filter(|c| c.kind != ChangeKind::Added)
            .take(20)
        {
            eprintln!("  {} {}: {}", c.kind.label(), c.drill_id, c.why);
        }
        if let Some(path) = &args.diff {
            if let Err(e) =
                write_atomically(path, &replan::to_csv(&scenario, &changes, !args.no_bom))
            {
                eprintln!("error: {e}");
                return super::EXIT_UNREADABLE;
            }
        }
    }
    if args.views.any() {
        let lang = crate::lang::Lang::pick(args.views.lang, &scenario);
        let plan = crate::export::Plan::new(
            &scenario,
            outcome.schedule.entries(&scenario),
            outcome.schedule.reasons.clone(),
            &report,
            Some(outcome.bound),
            lang,
        );
        match args.views.write(&plan, !args.no_bom) {
            Ok(paths) => {
                for p in paths {
                    eprintln!("wrote {}", p.display());
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return super::EXIT_UNREADABLE;
            }
        }
    }
    let mut summary = summary(&scenario, &outcome, (!to_stdout).then_some(&target));
    summary += &phase_summary(
        &outcome,
        &[
            (Phase::Loading, loading),
            (Phase::Checking, checking),
            (Phase::Writing, writing_started.elapsed()),
        ],
    );
    if !args.set.is_empty() {
        let original = match load_scenario(&args.scenario) {
            Ok(s) => s,
            Err(code) => return code,
        };
        let reference = pool
            .install(|| super::whatif::reference_score(&original, args.baseline.as_deref(), &opts));
        summary += &super::whatif::difference(outcome.priority, outcome.penalty, reference);
    }
    if to_stdout {
        eprint!("{summary}");
    } else {
        print!("{summary}");
    }
    0
}

fn default_output(scenario: &std::path::Path) -> PathBuf {
    let stem = scenario
        .file_stem()
        .map_or_else(|| "schedule".into(), |s| s.to_string_lossy().into_owned());
    PathBuf::from(format!("{stem}.schedule.csv"))
}

fn summary(scenario: &crate::scenario::Scenario, o: &Outcome, target: Option<&PathBuf>) -> String {
    let scheduled = o.schedule.placements.iter().filter(|p| p.is_some()).count();
    let mut s = String::new();
    if let Some(t) = target {
        s += &format!("wrote {}\n", t.display());
    }
    s += &format!("scheduled drills   {scheduled}/{}\n", scenario.drills.len());
    s += &format!(
        "scheduled priority {} of {}\n",
        o.priority,
        scenario.total_priority()
    );
    s += &format!(
        "upper bound        {} ({}gap {:.2} %{})\n",
        o.bound,
        if o.bound_computed {
            ""
        } else {
            "not computed, the run stopped first: the priority of every drill that may run; "
        },
        100.0 * relative_gap(o.priority, o.bound),
        o.bound_met_after.map_or(String::new(), |t| format!(
            ", met after {:.2} s",
            t.as_secs_f64()
        ))
    );
    s += &format!(
        "penalty            {} (travel {} team-min, off-preference {}, changed {})\n",
        number(o.penalty),
        o.travel_minutes,
        o.off_preference,
        o.changed
    );
    let status = match o.status {
        Status::Optimal => {
            "optimal (scheduled priority proven optimal; penalty is the best found, not proven)"
                .to_string()
        }
        other => other.label().to_string(),
    };
    s += &format!("status             {status}\n");
    s += &format!(
        "search             {} moves in {:.2} s\n",
        o.moves,
        o.elapsed.as_secs_f64()
    );
    s
}

/// First Ctrl-C: stop and write the best schedule. Second: abort, write nothing.
fn install_interrupt(stop: Arc<AtomicBool>) {
    let presses = AtomicUsize::new(0);
    let _ = ctrlc::set_handler(move || {
        if presses.fetch_add(1, Ordering::SeqCst) == 0 {
            eprintln!("\ninterrupted: finishing with the best schedule so far (Ctrl-C again to abort without writing)");
            stop.store(true, Ordering::SeqCst);
        } else {
            std::process::exit(130);
        }
    });
}
