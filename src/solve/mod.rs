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
pub mod exact;
pub mod explain;
pub mod lns;
pub mod replan;
pub mod state;

use crate::scenario::{Day, DrillId, Need, Scenario};
use crate::schedule::{Placement, Schedule};
use bound::{priority_bound, BoundOutcome, Model};
use candidates::Prepared;
use rayon::prelude::*;
use state::State;
use std::sync::atomic::{AtomicBool, Ordering};
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
    // its size, in parallel. Each part's moves depend only on its own seed,
    // so the result does not depend on how rounds are spread over threads.
    while searches.iter().any(|p| p.status.is_none()) {
        searches
            .par_iter_mut()
            .for_each(|p| p.advance(&shared, (p.drills.len() as u64 / 4).clamp(8, 200)));
    }
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

/// Parts of at most this many drills get an exhaustive search when the
/// moves stall; larger ones would only spend its budget without a proof.
const EXACT_MAX_DRILLS: usize = 30;

/// Moves without a rise in priority before the tighter bound and the
/// exhaustive search run.
const GAP_WORK_AFTER_STALL: u64 = 100;

/// What every part's search shares.
struct Shared<'a, 'p> {
    scenario: &'a Scenario,
    prepared: &'a Prepared,
    alone: &'a [Vec<Day>],
    placeable: &'a [bool],
    opts: &'a SolveOptions,
    stop: &'a AtomicBool,
    started: Instant,
    /// Each part's latest (priority, bound, penalty), for progress lines.
    live: Vec<Mutex<(u64, u64, f64)>>,
    progress: Mutex<&'p mut (dyn FnMut(&Progress) + Send)>,
}

impl Shared<'_, '_> {
    fn report(&self, part: usize, priority: u64, bound: u64, penalty: f64, moves: u64) {
        if let Ok(mut slot) = self.live[part].lock() {
            *slot = (priority, bound, penalty);
        }
        let (mut p, mut b, mut pen) = (0, 0, 0.0);
        for slot in &self.live {
            if let Ok(s) = slot.lock() {
                p += s.0;
                b += s.1;
                pen += s.2;
            }
        }
        if let Ok(mut report) = self.progress.lock() {
            report(&Progress {
                elapsed: self.started.elapsed(),
                moves,
                priority: p,
                bound: b,
                penalty: pen,
            });
        }
    }
}

struct PartResult {
    placements: Vec<(DrillId, Option<Placement>)>,
    reasons: Vec<(DrillId, String)>,
    status: Status,
    priority: u64,
    bound: u64,
    penalty: f64,
    travel: u64,
    off_preference: u64,
    changed: u64,
    moves: u64,
    unplaced_required: Vec<(DrillId, String)>,
    required_proven_impossible: bool,
    bound_met_after: Option<Duration>,
}

/// The status of a merged run: the least conclusive of its parts.
fn worse(a: Status, b: Status) -> Status {
    let rank = |s: Status| match s {
        Status::Optimal => 0,
        Status::GapReached => 1,
        Status::WorkLimit => 2,
        Status::TimeLimit => 3,
        Status::Interrupted => 4,
        Status::RequiredUnplaced => 5,
    };
    if rank(b) > rank(a) {
        b
    } else {
        a
    }
}

/// The search of one independent part: construction and bound at once,
/// then improvement moves in rounds until a stopping rule holds.
struct PartSearch<'a> {
    part: usize,
    drills: &'a [DrillId],
    state: State<'a>,
    lns: lns::Lns<'a>,
    bound: u64,
    required_total: usize,
    /// The relaxation or the exhaustive search proved that the required
    /// drills cannot all be placed.
    required_proven_impossible: bool,
    /// Whether the stalled search has had its one try at closing the gap.
    gap_work_done: bool,
    /// Moves since the required count or the priority last rose.
    flat_moves: u64,
    work_limit: Option<u64>,
    stall_limit: u64,
    moves: u64,
    since_improvement: u64,
    bound_met_after: Option<Duration>,
    /// `Some` once the search has stopped.
    status: Option<Status>,
}

impl<'a> PartSearch<'a> {
    fn new(
        shared: &Shared<'a, '_>,
        part: usize,
        drills: &'a [DrillId],
        work_limit: Option<u64>,
    ) -> Self {
        let (scenario, opts) = (shared.scenario, shared.opts);
        let mut state = State::new(scenario, shared.prepared, opts.baseline.as_deref());
        state.scope_baseline(drills);
        construct::greedy(&mut state, drills, shared.placeable);
        // The quick relaxation first: it is tight on most plans, and the
        // slower rows are added only if the search stalls short of it.
        let model = Model {
            mip: opts.mip_bound,
            transport: false,
        };
        let bound_outcome = priority_bound(scenario, shared.prepared, shared.alone, drills, model);
        let required_proven_impossible = bound_outcome == BoundOutcome::RequiredInfeasible;
        let bound = match bound_outcome {
            BoundOutcome::Bound(b) => b,
            BoundOutcome::RequiredInfeasible => {
                drills.iter().map(|&d| scenario.drill(d).priority).sum()
            }
        };
        // Each part draws from its own stream: the seed and the part's first drill.
        let seed = opts.seed ^ (drills[0].0 as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03);
        let key = state.key();
        shared.report(part, key.priority, bound, key.penalty, 0);
        PartSearch {
            part,
            drills,
            lns: lns::Lns {
                seed,
                drills,
                placeable: shared.placeable,
            },
            bound,
            required_total: drills
                .iter()
                .filter(|&&d| scenario.drill(d).is_required())
                .count(),
            required_proven_impossible,
            gap_work_done: false,
            flat_moves: 0,
            work_limit,
            stall_limit: opts
                .stall_moves
                .unwrap_or_else(|| (20 * drills.len() as u64).max(2_000)),
            moves: 0,
            since_improvement: 0,
            bound_met_after: (key.priority >= bound).then(|| shared.started.elapsed()),
            status: None,
            state,
        }
    }

    /// Why the search should stop now, if it should.
    fn stop_reason(&self, shared: &Shared) -> Option<Status> {
        let key = self.state.key();
        if self.required_proven_impossible {
            return Some(Status::RequiredUnplaced);
        }
        let gap_closed = key.required == self.required_total
            && relative_gap(key.priority, self.bound) <= shared.opts.gap;
        // A penalty of zero cannot fall further: nothing is left to search for.
        let settled = self.since_improvement >= self.stall_limit || key.penalty <= 0.0;
        if gap_closed && settled {
            return Some(if key.priority >= self.bound {
                Status::Optimal
            } else {
                Status::GapReached
            });
        }
        if self.work_limit.is_some_and(|w| self.moves >= w) {
            return Some(Status::WorkLimit);
        }
        if shared
            .opts
            .time_limit
            .is_some_and(|t| shared.started.elapsed() >= t)
        {
            return Some(Status::TimeLimit);
        }
        if shared.stop.load(Ordering::Relaxed) {
            return Some(Status::Interrupted);
        }
        None
    }

    fn advance(&mut self, shared: &Shared, batch: u64) {
        for _ in 0..batch {
            if self.status.is_some() {
                return;
            }
            self.status = self.stop_reason(shared);
            if self.status.is_some() {
                return;
            }
            if self.should_close_gap() {
                self.close_gap(shared);
            }
            let before = self.state.key();
            if self.lns.step(&mut self.state, self.moves) {
                let after = self.state.key();
                if (after.required, after.priority) > (before.required, before.priority) {
                    self.flat_moves = 0;
                } else {
                    self.flat_moves += 1;
                }
                if shared.opts.self_check {
                    self_check(&self.state, self.moves);
                }
                self.since_improvement = 0;
                let key = self.state.key();
                if self.bound_met_after.is_none() && key.priority >= self.bound {
                    self.bound_met_after = Some(shared.started.elapsed());
                }
                shared.report(
                    self.part,
                    key.priority,
                    self.bound,
                    key.penalty,
                    self.moves + 1,
                );
            } else {
                self.since_improvement += 1;
                self.flat_moves += 1;
            }
            self.moves += 1;
        }
    }

    /// Once the moves have stalled short of the bound.
    fn should_close_gap(&self) -> bool {
        let key = self.state.key();
        !self.gap_work_done
            && self.flat_moves >= GAP_WORK_AFTER_STALL.min(self.stall_limit / 2)
            && (key.required < self.required_total || key.priority < self.bound)
    }

    /// The slower, tighter relaxation; then, on a small part still short of
    /// it, the exhaustive search.
    fn close_gap(&mut self, shared: &Shared) {
        self.gap_work_done = true;
        let model = Model {
            mip: shared.opts.mip_bound,
            transport: true,
        };
        match priority_bound(
            shared.scenario,
            shared.prepared,
            shared.alone,
            self.drills,
            model,
        ) {
            BoundOutcome::Bound(b) => self.bound = self.bound.min(b),
            BoundOutcome::RequiredInfeasible => self.required_proven_impossible = true,
        }
        let key = self.state.key();
        let open = key.required < self.required_total || key.priority < self.bound;
        if open && !self.required_proven_impossible && self.drills.len() <= EXACT_MAX_DRILLS {
            self.prove(shared);
        } else {
            if self.bound_met_after.is_none() && key.priority >= self.bound {
                self.bound_met_after = Some(shared.started.elapsed());
            }
            shared.report(self.part, key.priority, self.bound, key.penalty, self.moves);
        }
    }

    /// Runs the exhaustive search: adopts a better schedule if it finds one,
    /// and replaces the bound by the optimum if it proves one.
    fn prove(&mut self, shared: &Shared) {
        let key = self.state.key();
        let incumbent = (key.required == self.required_total).then_some(key.priority);
        let current: Vec<(DrillId, Placement)> = self
            .drills
            .iter()
            .filter_map(|&d| self.state.remove(d).map(|p| (d, p)))
            .collect();
        let interrupted = || {
            shared.stop.load(Ordering::Relaxed)
                || shared
                    .opts
                    .time_limit
                    .is_some_and(|t| shared.started.elapsed() >= t)
        };
        let proof = exact::search(
            &mut self.state,
            self.drills,
            shared.placeable,
            incumbent,
            self.bound,
            !shared.scenario.travel.has_overrides(),
            exact::EVALUATION_BUDGET,
            &interrupted,
        );
        let improved = proof.better.is_some();
        for (d, p) in proof.better.unwrap_or(current) {
            self.state.place(d, p);
        }
        match proof.optimum {
            Some(Some(optimum)) => self.bound = self.bound.min(optimum),
            Some(None) => self.required_proven_impossible = true,
            None => {}
        }
        let key = self.state.key();
        if improved {
            if shared.opts.self_check {
                self_check(&self.state, self.moves);
            }
            self.since_improvement = 0;
        }
        if self.bound_met_after.is_none() && key.priority >= self.bound {
            self.bound_met_after = Some(shared.started.elapsed());
        }
        shared.report(self.part, key.priority, self.bound, key.penalty, self.moves);
    }

    fn finish(self, shared: &Shared) -> PartResult {
        let scenario = shared.scenario;
        let state = &self.state;
        let key = state.key();
        let status = self.status.unwrap_or(Status::Interrupted);
        let status = if key.required < self.required_total {
            Status::RequiredUnplaced
        } else {
            status
        };
        let mut empty = None;
        let reasons: Vec<(DrillId, String)> = self
            .drills
            .iter()
            .filter(|&&d| !state.is_placed(d))
            .map(|&d| (d, reason(state, shared.alone, &mut empty, d)))
            .collect();
        let unplaced_required = reasons
            .iter()
            .filter(|(d, _)| scenario.drill(*d).is_required())
            .cloned()
            .collect();
        let (travel, off_preference, changed) = state.penalty_parts();
        PartResult {
            placements: self
                .drills
                .iter()
                .map(|&d| (d, state.placement(d).cloned()))
                .collect(),
            reasons,
            status,
            priority: key.priority,
            bound: self.bound,
            penalty: key.penalty,
            travel,
            off_preference,
            changed,
            moves: self.moves,
            unplaced_required,
            required_proven_impossible: self.required_proven_impossible,
            bound_met_after: self.bound_met_after,
        }
    }
}

/// The independent checker on a search state: every rule must hold for the
/// drills placed so far (a required drill not placed yet is not a fault).
fn self_check(state: &State, moves: u64) {
    let scenario = state.scenario;
    let entries = Schedule {
        placements: state.placements().to_vec(),
        reasons: Vec::new(),
    }
    .entries(scenario);
    let report = crate::check::check(scenario, &entries, None);
    let broken: Vec<String> = report
        .violations
        .iter()
        .filter(|v| v.missing.is_none())
        .map(|v| v.to_string())
        .collect();
    assert!(
        broken.is_empty(),
        "self-check failed after move {moves}:\n{}",
        broken.join("\n")
    );
}

/// Why an unscheduled drill is out: it cannot run at all (explained against
/// `empty`, made once per part when first needed), or this plan has no room.
fn reason<'s>(
    state: &State<'s>,
    alone: &[Vec<Day>],
    empty: &mut Option<State<'s>>,
    d: DrillId,
) -> String {
    if alone[d.index()].is_empty() {
        let empty = empty.get_or_insert_with(|| State::new(state.scenario, state.prepared, None));
        return alone_reason(empty, d);
    }
    explain::contention_reason(state, d)
}
