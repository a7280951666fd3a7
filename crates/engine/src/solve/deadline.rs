//! The bounds, beside the search. The LP solver cannot be interrupted from
//! inside, and on a part of thousands of drills it takes longer than the
//! moves need to get going; so the relaxations run on helper threads while
//! the parts search, and a part takes its bound only at points of its own
//! search that do not depend on timing (`part::PartSearch`): where it would
//! stop, or has stalled, without it. There it waits, at most until the time
//! limit or Ctrl-C; a bound not in by then is left behind, and the part
//! keeps what was proved so far (the trivial bound if nothing was).
//!
//! Every part gets one job at the start, its quick relaxation, queued in
//! the parts' order; once its first schedule is known, a second, the route
//! bound, if the quick one leaves a gap. A stalled part asks for the
//! tighter relaxation: a small one waits for it on a thread of its own
//! (the exhaustive search needs it), a larger one queues it. Helpers own what they read,
//! so one left behind finishes its job on its own (in the command, the
//! process ends first) and takes no further one.

use super::bound::{priority_bound, BoundOutcome, Model, RouteBound};
use super::candidates::Prepared;
use super::phase::Budget;
use crate::scenario::{Day, DrillId, Scenario};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// How often a waiting thread looks at the budget.
const WATCH: Duration = Duration::from_millis(50);

type Job = Box<dyn FnOnce(&Inputs) + Send>;

/// What the helpers own: they may outlive the solve.
struct Inputs {
    scenario: Scenario,
    prepared: Arc<Prepared>,
    alone: Arc<Vec<Vec<Day>>>,
    mip: bool,
    deadline: Option<Instant>,
    /// Set when the solve is over: helpers take no further job, and the
    /// route bound stops at its next step.
    abandoned: AtomicBool,
    queue: Mutex<VecDeque<Job>>,
    queued: Condvar,
}

impl Inputs {
    fn past_deadline(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    fn gone(&self) -> bool {
        self.abandoned.load(Ordering::Relaxed) || self.past_deadline()
    }

    fn bound(&self, drills: &[DrillId], transport: bool) -> BoundOutcome {
        let model = Model {
            mip: self.mip,
            transport,
        };
        priority_bound(&self.scenario, &self.prepared, &self.alone, drills, model)
    }

    /// Runs the jobs queued so far, on the calling helper, until the queue
    /// is empty or the solve is over.
    fn run_queued(&self) {
        while !self.gone() {
            let Some(job) = lock(&self.queue).pop_front() else {
                return;
            };
            job(self);
        }
    }

    fn next_job(&self) -> Option<Job> {
        let mut queue = lock(&self.queue);
        loop {
            if self.gone() {
                return None;
            }
            if let Some(job) = queue.pop_front() {
                return Some(job);
            }
            queue = match self.queued.wait_timeout(queue, WATCH) {
                Ok((q, _)) => q,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
    }
}

/// Lowers the calling helper's scheduling priority (Linux's is per
/// thread), so that on a busy machine the construction and the moves, which
/// make the schedule, come first; a part waiting for its bound leaves the
/// helper the core. Where it cannot, the helper runs as it is.
fn yield_to_the_search() {
    #[cfg(target_os = "linux")]
    {
        let me = rustix::thread::gettid();
        let _ = rustix::process::setpriority_process(Some(me), 10);
    }
}

/// A lock that survives a panicked holder: every value behind one is
/// written whole, so it is never seen half-done.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// One part's bound in the making.
struct Slot {
    results: Mutex<Results>,
    changed: Condvar,
    /// The least bound proved so far, for progress lines and for a part
    /// that stops before its bound is in.
    proved: AtomicU64,
    /// The part's search has met its bound: nothing here can go lower.
    settled: AtomicBool,
    /// The least bound the route bound's later steps proved (see
    /// `Beside::route_bound`): for the summary, never for a choice the
    /// search makes.
    refined: AtomicU64,
}

#[derive(Default)]
struct Results {
    /// The relaxation's outcome (quick or tighter).
    relaxation: Option<BoundOutcome>,
    /// A route bound is queued or running: the final bound waits for it.
    route_due: bool,
}

impl Slot {
    fn refine(&self, b: u64) {
        self.refined.fetch_min(b, Ordering::Relaxed);
    }

    fn new() -> Self {
        Slot {
            results: Mutex::new(Results::default()),
            changed: Condvar::new(),
            proved: AtomicU64::new(u64::MAX),
            settled: AtomicBool::new(false),
            refined: AtomicU64::new(u64::MAX),
        }
    }

    fn prove(&self, b: u64) {
        self.proved.fetch_min(b, Ordering::Relaxed);
    }

    fn update(&self, change: impl FnOnce(&mut Results)) {
        change(&mut lock(&self.results));
        self.changed.notify_all();
    }

    fn relaxed(&self, outcome: BoundOutcome) {
        if let BoundOutcome::Bound(b) = outcome {
            self.prove(b);
        }
        self.update(|r| r.relaxation = Some(outcome));
    }

    /// Waits while `keep_waiting` says so, until `ready` holds; returns
    /// the relaxation's outcome, if in.
    fn wait(
        &self,
        ready: impl Fn(&Results) -> bool,
        keep_waiting: &dyn Fn() -> bool,
    ) -> Option<BoundOutcome> {
        let mut results = lock(&self.results);
        while !ready(&results) && keep_waiting() {
            results = match self.changed.wait_timeout(results, WATCH) {
                Ok((r, _)) => r,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        results.relaxation.clone()
    }
}

/// The helpers and their queue; dropping it lets them go.
pub(super) struct Beside {
    inputs: Arc<Inputs>,
}

impl Beside {
    /// Starts the helpers and queues every part's quick relaxation. As
    /// many helpers as half the thread pool (at least one, at most one per
    /// part), threads of their own beside the pool, at a lower priority
    /// (`yield_to_the_search`).
    pub(super) fn start(
        scenario: &Scenario,
        prepared: &Arc<Prepared>,
        alone: &Arc<Vec<Vec<Day>>>,
        parts: &[&[DrillId]],
        mip: bool,
        budget: &Budget,
    ) -> (Beside, Vec<Pending>) {
        let inputs = Arc::new(Inputs {
            scenario: scenario.clone(),
            prepared: prepared.clone(),
            alone: alone.clone(),
            mip,
            deadline: budget.time_limit.map(|t| budget.started + t),
            abandoned: AtomicBool::new(false),
            queue: Mutex::new(VecDeque::new()),
            queued: Condvar::new(),
        });
        let beside = Beside { inputs };
        let pending: Vec<Pending> = parts
            .iter()
            .map(|&drills| {
                let slot = Arc::new(Slot::new());
                let (s, drills) = (slot.clone(), drills.to_vec());
                beside.queue(move |inputs| {
                    if s.settled.load(Ordering::Relaxed) {
                        return;
                    }
                    s.relaxed(inputs.bound(&drills, false));
                });
                Pending {
                    inputs: beside.inputs.clone(),
                    slot,
                }
            })
            .collect();
        let helpers = (rayon::current_num_threads() / 2).clamp(1, parts.len().max(1));
        for _ in 0..helpers {
            let inputs = beside.inputs.clone();
            let work = move || {
                yield_to_the_search();
                while let Some(job) = inputs.next_job() {
                    job(&inputs);
                }
            };
            // Without a thread to be had, a part waiting for its bound
            // keeps the trivial one when the time runs out.
            if std::thread::Builder::new()
                .name("bound".into())
                .spawn(work)
                .is_err()
            {
                break;
            }
        }
        (beside, pending)
    }

    fn queue(&self, job: impl FnOnce(&Inputs) + Send + 'static) {
        lock(&self.inputs.queue).push_back(Box::new(job));
        self.inputs.queued.notify_one();
    }

    /// The tighter relaxation of `drills`: with `now`, on a thread of its
    /// own, for a part that waits for it and should not wait behind others;
    /// else at the back of the queue.
    pub(super) fn tighter(&self, drills: &[DrillId], now: bool) -> Pending {
        let slot = Arc::new(Slot::new());
        let (s, drills) = (slot.clone(), drills.to_vec());
        let job = move |inputs: &Inputs| s.relaxed(inputs.bound(&drills, true));
        if now {
            let inputs = self.inputs.clone();
            // Without a thread, the part goes on with the bound it has.
            let _ = std::thread::Builder::new()
                .name("bound".into())
                .spawn(move || job(&inputs));
        } else {
            self.queue(job);
        }
        Pending {
            inputs: self.inputs.clone(),
            slot,
        }
    }

    /// Queues the route bound of a part whose first schedule is known:
    /// `lower` is that schedule's priority (0 if it lacks a required
    /// drill), `open` whether it does. The route bound runs if the quick
    /// relaxation leaves a gap; it stops early once the part's search has
    /// met its bound, which changes nothing, since the route bound cannot
    /// go below the optimum, so below the bound met.
    pub(super) fn route_bound(
        &self,
        pending: &Pending,
        drills: &[DrillId],
        lower: u64,
        open: bool,
    ) {
        let (s, drills) = (pending.slot.clone(), drills.to_vec());
        s.update(|r| r.route_due = true);
        self.queue(move |inputs| {
            let waiting = || !inputs.gone() && !s.settled.load(Ordering::Relaxed);
            let quick = s.wait(|r| r.relaxation.is_some(), &waiting);
            if let Some(BoundOutcome::Bound(quick)) = quick {
                if (open || lower < quick) && waiting() {
                    if let Some(mut relaxation) =
                        RouteBound::new(&inputs.scenario, &inputs.prepared, &drills)
                    {
                        let stop = || !waiting();
                        // The first steps are the part's bound, taken where
                        // the moves say (`Pending::join`): the job is done
                        // for the part once they are. What was queued
                        // behind (a stalled part's tighter relaxation,
                        // other parts' bounds) runs next, and only then the
                        // later steps, which refine the bound the summary
                        // reports.
                        let early_done = std::cell::Cell::new(false);
                        let better = |b| {
                            if early_done.get() {
                                s.refine(b);
                            } else {
                                s.prove(b);
                            }
                        };
                        let early = |b| {
                            s.prove(b);
                            early_done.set(true);
                            s.update(|r| r.route_due = false);
                            inputs.run_queued();
                        };
                        let route = relaxation.solve(lower, &stop, &better, &early);
                        better(route);
                    }
                }
            }
            s.update(|r| r.route_due = false);
        });
    }
}

impl Drop for Beside {
    fn drop(&mut self) {
        self.inputs.abandoned.store(true, Ordering::Relaxed);
        self.inputs.queued.notify_all();
    }
}

/// A part's bound to come.
pub(super) struct Pending {
    inputs: Arc<Inputs>,
    slot: Arc<Slot>,
}

/// What a part takes when it joins its bound.
pub(super) struct Joined {
    /// The quick (or tighter) relaxation's outcome, if it was in.
    pub(super) relaxation: Option<BoundOutcome>,
    /// The least bound proved (`u64::MAX`: none).
    pub(super) proved: u64,
}

impl Pending {
    /// The least bound proved so far, for progress lines only.
    pub(super) fn proved(&self) -> u64 {
        self.slot.proved.load(Ordering::Relaxed)
    }

    /// What the route bound's later steps prove, as they go.
    pub(super) fn refinement(&self) -> Refinement {
        Refinement(self.slot.clone())
    }

    /// The part no longer needs this bound.
    pub(super) fn settle(&self) {
        self.slot.settled.store(true, Ordering::Relaxed);
    }

    /// Waits for the final bound while `spent` says no; then takes what is in.
    pub(super) fn join(self, spent: &dyn Fn() -> bool) -> Joined {
        let inputs = &self.inputs;
        let keep_waiting = || !spent() && !inputs.abandoned.load(Ordering::Relaxed);
        let relaxation = self
            .slot
            .wait(|r| r.relaxation.is_some() && !r.route_due, &keep_waiting);
        self.settle();
        Joined {
            relaxation,
            proved: self.proved(),
        }
    }
}

/// The route bound's later steps, read where the value no longer steers
/// the search: progress lines and the final summary.
pub(super) struct Refinement(Arc<Slot>);

impl Refinement {
    /// The least bound proved by the later steps so far (`u64::MAX`: none).
    pub(super) fn value(&self) -> u64 {
        self.0.refined.load(Ordering::Relaxed)
    }
}
