//! The optimisation engine. `candidates` fixes what each drill could do on
//! its own; `state` keeps a partial schedule and answers "does this fit, at
//! what cost" per constraint family; `construct` builds a first schedule;
//! `lns` improves it; `bound` proves how far from optimal it can be, and
//! `exact` closes the gap on small parts by exhaustive search;
//! `explain` says why drills are left out. I/O lives elsewhere.

pub mod advice;
pub mod bound;
pub mod candidates;
pub mod components;
pub mod construct;
mod eject;
pub mod exact;
pub mod explain;
pub mod lns;
mod part;
pub mod replan;
pub mod state;

use crate::scenario::{Day, DrillId, Need, Scenario};
use crate::schedule::{Placement, Schedule};
use bound::{priority_bound, BoundOutcome, Model};
use candidates::Prepared;
use part::{worse, PartResult, PartSearch, Shared};
use rayon::prelude::*;
use state::State;
use std::sync::atomic::AtomicBool;
use std::sync::Mutex;
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
    /// Run the independent checker on every improving schedule and panic,
    /// naming the rule, if one breaks a rule.
    pub self_check: bool,
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
            self_check: false,
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

/// The most (drill, team that has a needed skill) pairs the solver takes on:
/// its candidate lists grow with them. A region of 5 000 drills and 1 000
/// teams has about 4 million; past the limit even the check for drills that
/// can never be placed takes more than 20 s.
pub const MAX_DRILL_TEAM_PAIRS: u64 = 10_000_000;

/// How many (drill, need, eligible team) triples the scenario has before any
/// pruning: the size of the solver's candidate lists in the worst case.
pub fn drill_team_pairs(scenario: &Scenario) -> u64 {
    let mut with_skill = vec![0u64; scenario.skills.len()];
    for t in &scenario.teams {
        for s in &t.skills {
            with_skill[s.index()] += 1;
        }
    }
    scenario
        .drills
        .iter()
        .flat_map(|d| &d.needs)
        .map(|need| match need {
            Need::Team(_) => 1,
            Need::Skill { skill, .. } => with_skill[skill.index()],
        })
        .sum()
}

/// An upper bound on the scheduled priority of any feasible schedule of
/// the scenario (the relaxation `solve` uses), for reports of schedules
/// made elsewhere.
pub fn upper_bound(scenario: &Scenario) -> Option<u64> {
    let prepared = Prepared::new(scenario);
    let alone = days_alone(scenario, &prepared);
    let drills: Vec<DrillId> = scenario.drill_ids().collect();
    let model = Model {
        mip: cfg!(feature = "highs"),
        transport: false,
    };
    match priority_bound(scenario, &prepared, &alone, &drills, model) {
        BoundOutcome::Bound(b) => Some(b),
        BoundOutcome::RequiredInfeasible => None,
    }
}

/// Drills that can never be placed, even alone, with the reason.
pub fn never_placeable(scenario: &Scenario) -> Vec<(DrillId, String)> {
    let prepared = Prepared::new(scenario);
    let alone = days_alone(scenario, &prepared);
    let empty = State::new(scenario, &prepared, None);
    scenario
        .drill_ids()
        .filter(|d| alone[d.index()].is_empty())
        .map(|d| (d, alone_reason(&empty, d)))
        .collect()
}

/// Why a drill cannot run even in an empty plan; `empty` is a state with nothing placed.
fn alone_reason(empty: &State, d: DrillId) -> String {
    explain::no_start_reason(empty.scenario, d, &empty.prepared.starts[d.index()])
        .unwrap_or_else(|| explain::alone_reason(empty, d))
}

/// Finds the best schedule it can within the options' limits. `stop` ends the
/// search early (Ctrl-C); `progress` is called on every improvement.
///
/// Independent parts of the scenario are solved in parallel (rayon), each
/// with its own seed and a share of the work limit fixed by its size, and
/// merged in a fixed order: the result does not depend on the thread count.
pub fn solve(
    scenario: &Scenario,
    opts: &SolveOptions,
    stop: &AtomicBool,
    progress: &mut (dyn FnMut(&Progress) + Send),
) -> Outcome {
    let started = Instant::now();
    let prepared = Prepared::new(scenario);
    let alone = days_alone(scenario, &prepared);
    let placeable: Vec<bool> = alone.iter().map(|d| !d.is_empty()).collect();
    let parts = components::components(scenario, &prepared);
    let total_drills = scenario.drills.len().max(1) as u64;
    let shared = Shared {
        scenario,
        prepared: &prepared,
        alone: &alone,
        placeable: &placeable,
        opts,
        stop,
        started,
        live: parts.iter().map(|_| Mutex::new((0, 0, 0.0))).collect(),
        progress: Mutex::new(progress),
    };
    let mut searches: Vec<PartSearch> = parts
        .par_iter()
        .enumerate()
        .map(|(i, drills)| {
            let work = opts
                .work_limit
                .map(|w| (w * drills.len() as u64).div_ceil(total_drills).max(1));
            PartSearch::new(&shared, i, drills, work)
        })
        .collect();
    // Rounds: every part still searching advances by moves in proportion to
    // its size, in parallel; the route bounds run beside the first ones.
    part::search_beside_route_bounds(&shared, &mut searches);
    part::rounds(&shared, &mut searches, false);
    let results: Vec<PartResult> = searches.into_iter().map(|p| p.finish(&shared)).collect();

    let mut schedule = Schedule::empty(scenario);
    let mut outcome = Outcome {
        schedule: Schedule::empty(scenario),
        status: Status::Optimal,
        priority: 0,
        bound: 0,
        penalty: 0.0,
        travel_minutes: 0,
        off_preference: 0,
        changed: 0,
        moves: 0,
        elapsed: Duration::ZERO,
        unplaced_required: Vec::new(),
        required_proven_impossible: false,
        bound_met_after: Some(Duration::ZERO),
    };
    for r in results {
        for (d, p) in r.placements {
            schedule.placements[d.index()] = p;
        }
        for (d, why) in r.reasons {
            schedule.reasons[d.index()] = why;
        }
        outcome.status = worse(outcome.status, r.status);
        outcome.priority += r.priority;
        outcome.bound += r.bound;
        outcome.penalty += r.penalty;
        outcome.travel_minutes += r.travel;
        outcome.off_preference += r.off_preference;
        outcome.changed += r.changed;
        outcome.moves += r.moves;
        outcome.unplaced_required.extend(r.unplaced_required);
        outcome.required_proven_impossible |= r.required_proven_impossible;
        outcome.bound_met_after = match (outcome.bound_met_after, r.bound_met_after) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
    outcome.unplaced_required.sort_by_key(|(d, _)| *d);
    outcome.schedule = schedule;
    outcome.elapsed = started.elapsed();
    outcome
}
