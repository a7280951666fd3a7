//! The optimisation engine. `candidates` fixes what each drill could do on
//! its own; `state` keeps a partial schedule and answers "does this fit, at
//! what cost" per constraint family; `construct` builds a first schedule;
//! `lns` improves it; `bound` proves how far from optimal it can be;
//! `explain` says why drills are left out. I/O lives elsewhere.

pub mod bound;
pub mod candidates;
pub mod construct;
pub mod explain;
pub mod lns;
pub mod state;

use crate::scenario::{Day, DrillId, Scenario};
use crate::schedule::{Placement, Schedule};
use bound::{priority_bound, BoundOutcome};
use candidates::Prepared;
use rayon::prelude::*;
use state::State;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct SolveOptions {
    pub time_limit: Option<Duration>,
    /// Improvement moves at most (the deterministic budget).
    pub work_limit: Option<u64>,
    pub seed: u64,
    /// Stop once `(bound - priority) / bound` is at most this.
    pub gap: f64,
    /// Moves without improvement after which the penalty counts as settled,
    /// once the priority gap is closed.
    pub stall_moves: Option<u64>,
    pub baseline: Option<Vec<Option<Placement>>>,
    /// Solve the bound's relaxation as a MIP (HiGHS builds only).
    pub mip_bound: bool,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Some(Duration::from_secs(60)),
            work_limit: None,
            seed: 0,
            gap: 0.0,
            stall_moves: None,
            baseline: None,
            mip_bound: cfg!(feature = "highs"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Scheduled priority meets the upper bound.
    Optimal,
    GapReached,
    WorkLimit,
    TimeLimit,
    Interrupted,
    /// Mandatory or pinned drills could not all be placed; no schedule.
    RequiredUnplaced,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::GapReached => "gap reached",
            Status::WorkLimit => "work limit",
            Status::TimeLimit => "time limit",
            Status::Interrupted => "interrupted",
            Status::RequiredUnplaced => "required drills unplaced",
        }
    }
}

/// A snapshot for progress displays.
#[derive(Debug, Clone)]
pub struct Progress {
    pub elapsed: Duration,
    pub moves: u64,
    pub priority: u64,
    pub bound: u64,
    pub penalty: f64,
}

impl Progress {
    pub fn gap(&self) -> f64 {
        relative_gap(self.priority, self.bound)
    }
}

pub fn relative_gap(priority: u64, bound: u64) -> f64 {
    if bound == 0 {
        0.0
    } else {
        bound.saturating_sub(priority) as f64 / bound as f64
    }
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub schedule: Schedule,
    pub status: Status,
    pub priority: u64,
    pub bound: u64,
    pub penalty: f64,
    pub travel_minutes: u64,
    pub off_preference: u64,
    pub changed: u64,
    pub moves: u64,
    pub elapsed: Duration,
    /// For `RequiredUnplaced`: each required drill left out and why.
    pub unplaced_required: Vec<(DrillId, String)>,
    /// The bound's relaxation proved that no schedule holds every required drill.
    pub required_proven_impossible: bool,
    /// When the scheduled priority first met the bound, if it did.
    pub bound_met_after: Option<Duration>,
}

/// Days on which each drill fits in an empty plan (in parallel; order-independent).
fn days_alone(scenario: &Scenario, prepared: &Prepared) -> Vec<Vec<Day>> {
    let empty = State::new(scenario, prepared, None);
    scenario
        .drill_ids()
        .collect::<Vec<_>>()
        .par_iter()
        .map(|&d| {
            let mut days: Vec<Day> = Vec::new();
            for &(day, start) in &prepared.starts[d.index()] {
                if days.last() != Some(&day) && empty.evaluate(d, day, start).is_ok() {
                    days.push(day);
                }
            }
            days
        })
        .collect()
}

/// Drills that can never be placed, even alone, with the reason.
pub fn never_placeable(scenario: &Scenario) -> Vec<(DrillId, String)> {
    let prepared = Prepared::new(scenario);
    let alone = days_alone(scenario, &prepared);
    let empty = State::new(scenario, &prepared, None);
    scenario
        .drill_ids()
        .filter(|d| alone[d.index()].is_empty())
        .map(|d| {
            let reason = explain::no_start_reason(scenario, d, &prepared.starts[d.index()])
                .unwrap_or_else(|| explain::alone_reason(&empty, d));
            (d, reason)
        })
        .collect()
}

/// Finds the best schedule it can within the options' limits. `stop` ends the
/// search early (Ctrl-C); `progress` is called on every improvement.
pub fn solve(
    scenario: &Scenario,
    opts: &SolveOptions,
    stop: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
) -> Outcome {
    let started = Instant::now();
    let prepared = Prepared::new(scenario);
    let alone = days_alone(scenario, &prepared);
    let placeable: Vec<bool> = alone.iter().map(|d| !d.is_empty()).collect();
    let mut state = State::new(scenario, &prepared, opts.baseline.as_deref());
    construct::greedy(&mut state, &placeable);
    let bound_outcome = priority_bound(scenario, &alone, opts.mip_bound);
    let bound = match bound_outcome {
        BoundOutcome::Bound(b) => b,
        BoundOutcome::RequiredInfeasible => scenario.total_priority(),
    };
    let required_total = scenario.drills.iter().filter(|d| d.is_required()).count();
    let lns = lns::Lns {
        seed: opts.seed,
        placeable: &placeable,
    };
    let stall_limit = opts
        .stall_moves
        .unwrap_or_else(|| (20 * scenario.drills.len() as u64).max(2_000));
    let mut moves = 0u64;
    let mut bound_met_after = (state.key().priority >= bound).then(|| started.elapsed());
    let mut since_improvement = 0u64;
    let report = |state: &State, moves: u64, progress: &mut dyn FnMut(&Progress)| {
        let key = state.key();
        progress(&Progress {
            elapsed: started.elapsed(),
            moves,
            priority: key.priority,
            bound,
            penalty: key.penalty,
        });
    };
    report(&state, 0, progress);
    let relaxation_proves_infeasible = bound_outcome == BoundOutcome::RequiredInfeasible;
    let status = loop {
        let key = state.key();
        let gap_closed =
            key.required == required_total && relative_gap(key.priority, bound) <= opts.gap;
        if relaxation_proves_infeasible {
            break Status::RequiredUnplaced;
        }
        if gap_closed && since_improvement >= stall_limit {
            break if key.priority >= bound {
                Status::Optimal
            } else {
                Status::GapReached
            };
        }
        if opts.work_limit.is_some_and(|w| moves >= w) {
            break Status::WorkLimit;
        }
        if opts.time_limit.is_some_and(|t| started.elapsed() >= t) {
            break Status::TimeLimit;
        }
        if stop.load(Ordering::Relaxed) {
            break Status::Interrupted;
        }
        if lns.step(&mut state, moves) {
            since_improvement = 0;
            if bound_met_after.is_none() && state.key().priority >= bound {
                bound_met_after = Some(started.elapsed());
            }
            report(&state, moves + 1, progress);
        } else {
            since_improvement += 1;
        }
        moves += 1;
    };
    let key = state.key();
    let status = if status != Status::RequiredUnplaced && key.required < required_total {
        Status::RequiredUnplaced
    } else {
        status
    };
    let mut schedule = state.schedule();
    for d in scenario.drill_ids() {
        if !state.is_placed(d) {
            schedule.reasons[d.index()] = reason(&state, &alone, d);
        }
    }
    let unplaced_required: Vec<(DrillId, String)> = if status == Status::RequiredUnplaced {
        scenario
            .drill_ids()
            .filter(|&d| scenario.drill(d).is_required() && !state.is_placed(d))
            .map(|d| (d, schedule.reasons[d.index()].clone()))
            .collect()
    } else {
        Vec::new()
    };
    let (travel_minutes, off_preference, changed) = state.penalty_parts();
    Outcome {
        schedule,
        status,
        priority: key.priority,
        bound,
        penalty: key.penalty,
        travel_minutes,
        off_preference,
        changed,
        moves,
        elapsed: started.elapsed(),
        unplaced_required,
        required_proven_impossible: relaxation_proves_infeasible,
        bound_met_after,
    }
}

fn reason(state: &State, alone: &[Vec<Day>], d: DrillId) -> String {
    let sc = state.scenario;
    if let Some(r) = explain::no_start_reason(sc, d, &state.prepared.starts[d.index()]) {
        return r;
    }
    if alone[d.index()].is_empty() {
        let empty = State::new(sc, state.prepared, None);
        return explain::alone_reason(&empty, d);
    }
    explain::contention_reason(state, d)
}
