//! The phases of a solve, the budget they share, and the progress reports
//! they send. Every phase checks the budget between small steps, so the time
//! limit and Ctrl-C hold within a fraction of a second wherever the run is;
//! a phase cut short leaves the later ones to do only what a schedule needs.

use super::{Progress, SolveOptions};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What a solve is doing, in order. `Loading`, `Checking` and `Writing` are
/// the command's, before and after `solve`; they are listed so summaries
/// name every phase the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    Loading,
    /// Each drill's starts and the teams that could ever serve it.
    Candidates,
    /// The days on which each drill fits in an empty plan.
    Analysis,
    /// Independent parts of the scenario.
    Parts,
    /// The first schedule: required drills, their repair, the drills short
    /// coverage rows wait for, then the rest.
    Construction,
    /// The upper bound's relaxation.
    Bound,
    /// Improvement moves.
    Search,
    /// Why each drill left out is out.
    Reasons,
    Checking,
    Writing,
}

impl Phase {
    pub fn label(self) -> &'static str {
        match self {
            Phase::Loading => "reading",
            Phase::Candidates => "candidates",
            Phase::Analysis => "never-placeable analysis",
            Phase::Parts => "parts",
            Phase::Construction => "construction",
            Phase::Bound => "bound",
            Phase::Search => "search",
            Phase::Reasons => "reasons",
            Phase::Checking => "checking",
            Phase::Writing => "writing",
        }
    }
}

/// The phase in words, for progress lines and the summary's timings.
impl drillplan_model::lang::Say for Phase {
    fn say(&self, lang: drillplan_model::lang::Lang) -> String {
        let zh = match self {
            Phase::Loading => "读取",
            Phase::Candidates => "候选时段",
            Phase::Analysis => "无法安排分析",
            Phase::Parts => "分块",
            Phase::Construction => "构造",
            Phase::Bound => "上界",
            Phase::Search => "搜索",
            Phase::Reasons => "原因",
            Phase::Checking => "校验",
            Phase::Writing => "写出",
        };
        let en = self.label();
        drillplan_model::words!(lang, en: "{en}", zh: "{zh}")
    }
}

/// The time limit and the stop flag, as every phase sees them.
pub struct Budget<'a> {
    pub started: Instant,
    pub time_limit: Option<Duration>,
    pub stop: &'a AtomicBool,
}

impl<'a> Budget<'a> {
    pub fn new(opts: &SolveOptions, stop: &'a AtomicBool) -> Self {
        Budget {
            started: Instant::now(),
            time_limit: opts.time_limit,
            stop,
        }
    }

    pub fn out_of_time(&self) -> bool {
        self.time_limit.is_some_and(|t| self.started.elapsed() >= t)
    }

    pub fn interrupted(&self) -> bool {
        self.stop.load(Ordering::Relaxed)
    }

    /// Whether the run must wrap up: out of time, or stopped by the user.
    pub fn spent(&self) -> bool {
        self.interrupted() || self.out_of_time()
    }
}

/// Sends progress to the caller's callback from any thread, and keeps the
/// time of each phase and the first one cut short.
pub struct Reporter<'p> {
    pub started: Instant,
    sink: Mutex<&'p mut (dyn FnMut(&Progress) + Send)>,
    times: Mutex<Vec<(Phase, Duration)>>,
    current: Mutex<Option<(Phase, Instant)>>,
    cut: Mutex<Option<Phase>>,
}

impl<'p> Reporter<'p> {
    pub fn new(started: Instant, sink: &'p mut (dyn FnMut(&Progress) + Send)) -> Self {
        Reporter {
            started,
            sink: Mutex::new(sink),
            times: Mutex::new(Vec::new()),
            current: Mutex::new(None),
            cut: Mutex::new(None),
        }
    }

    /// Ends the phase under way (recording its time) and starts `phase`.
    pub fn begin(&self, phase: Phase) {
        self.end();
        if let Ok(mut c) = self.current.lock() {
            *c = Some((phase, Instant::now()));
        }
        self.step(phase, 0, 0);
    }

    /// Ends the phase under way, if any.
    pub fn end(&self) {
        let finished = self.current.lock().ok().and_then(|mut c| c.take());
        if let (Some((phase, since)), Ok(mut times)) = (finished, self.times.lock()) {
            times.push((phase, since.elapsed()));
        }
    }

    /// Notes that `phase` stopped before its work was done (the first such
    /// phase is the one the summary names).
    pub fn cut_short(&self, phase: Phase) {
        if let Ok(mut cut) = self.cut.lock() {
            cut.get_or_insert(phase);
        }
    }

    /// How far `phase` has come: `done` of `total` units (0 of 0: just begun).
    pub fn step(&self, phase: Phase, done: u64, total: u64) {
        self.send(&Progress {
            phase,
            done,
            total,
            elapsed: self.started.elapsed(),
            moves: 0,
            priority: 0,
            bound: 0,
            penalty: 0.0,
        });
    }

    pub fn send(&self, p: &Progress) {
        if let Ok(mut sink) = self.sink.lock() {
            sink(p);
        }
    }

    /// The phases' times, in order, and the phase cut short, if one was.
    pub fn finish(&self) -> (Vec<(Phase, Duration)>, Option<Phase>) {
        self.end();
        let times = self.times.lock().map(|t| t.clone()).unwrap_or_default();
        let cut = self.cut.lock().ok().and_then(|c| *c);
        (times, cut)
    }
}

/// Runs `work` on items `0..total` in chunks of `chunk`, in parallel within
/// a chunk, asking `keep_going(done)` and reporting progress between chunks.
/// Returns how many items were done (all of them unless `keep_going` said no).
pub fn in_chunks<T: Send>(
    total: usize,
    chunk: usize,
    keep_going: &dyn Fn(usize) -> bool,
    report: &dyn Fn(usize),
    out: &mut Vec<T>,
    work: &(dyn Fn(usize) -> T + Sync),
) -> usize {
    use rayon::prelude::*;
    let mut done = 0;
    while done < total {
        if !keep_going(done) {
            break;
        }
        let end = (done + chunk).min(total);
        out.par_extend((done..end).into_par_iter().map(work));
        done = end;
        report(done);
    }
    done
}
