//! The search of one independent part of the scenario: from a first
//! schedule, improvement moves in rounds, beside the part's bound
//! (`deadline`); when they stall short of the bound, a tighter bound and
//! (on small parts) the exhaustive search. `solve` runs the parts side by
//! side and merges their results.

use super::bound::BoundOutcome;
use super::deadline::{Beside, Joined, Pending, Refinement};
use super::penalty::{penalty_gap, PenaltyBound};
use super::phase::{Phase, Reporter};
use super::state::{Key, State};
use super::twin::Twin;
use super::{exact, lns, relative_gap};
use super::{Progress, SolveOptions, Status};
use crate::scenario::{Day, DrillId, Scenario};
use crate::schedule::{Placement, Schedule};
use rayon::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Parts of at most this many drills get an exhaustive search when the
/// moves stall; larger ones would only spend its budget without a proof.
const EXACT_MAX_DRILLS: usize = 30;

/// How many moves back late acceptance looks. On a generated city of 120
/// drills and 12 teams (15 000 moves, seeds 1-3) 1 (plain descent) reached
/// 531 each time, 20 530-534, 50 534 each time, 200 533-535 with more travel.
pub(super) const LATE_ACCEPTANCE: usize = 50;

/// Moves per turn of walking the plateau of equal priority, and per turn
/// of holding the travel too (`PartSearch::acceptance`), once the part has
/// made `CLIMB_MOVES` moves: the first climb from the construction is
/// quickest by descent. On c-over-city-400 (`--work-limit 200000`, 2
/// threads) walking reached a priority 10 to 20 higher than holding the
/// travel throughout (docs/performance.md, "Walking the plateau").
const WALK_TURN: u64 = 2_000;
const CLIMB_MOVES: u64 = 20_000;

/// Moves without a rise in priority after which a walking part takes a
/// bound computed beside it (the route bound first), waiting for it if
/// need be: a point the moves decide, so the run does not depend on when
/// the bound came in. Where the bound proves
/// the priority, walking on would only add travel (docs/performance.md,
/// "Walking the plateau"). Parts above `PROVE_MAX_DRILLS` drills never
/// wait: their bound can take longer than the run.
const PROVE_AFTER_FLAT: u64 = 50_000;
const PROVE_MAX_DRILLS: usize = 2_000;

/// The share of a part's placeable drills, in percent, that its best
/// schedule must leave out for the moves to walk. c-over-city-400 leaves
/// out about a third and gains by walking; c-over-3000 (11 of 3 000 out)
/// lost 2 % in travel by it, and c-region-5000, where every drill fits,
/// lost 8 % in travel and found its full priority after 40 s instead of 17.
const CROWDED_PERCENT: usize = 10;

/// Moves without a rise in priority before the tighter bound and the
/// exhaustive search run.
const GAP_WORK_AFTER_STALL: u64 = 100;

/// Moves without a better schedule, once the priority is proven, after
/// which the search goes back to its best schedule and kicks it
/// (`Lns::kick`), again every as many moves until one is better. Late
/// acceptance alone stays in the valley of travel it first descends
/// into: on 30-drill cities seeds ended 1-2 % apart, and a minute did no
/// better than 10 s (docs/performance.md, "Kicks out of a valley of
/// travel"). Parts above `KICK_MAX_DRILLS` drills never kick: a third of
/// their drills re-inserted at once is more than their moves win back.
pub(super) const KICK_AFTER: u64 = 5_000;
pub(super) const KICK_AFTER_PER_DRILL: u64 = 100;
pub(super) const KICK_MAX_DRILLS: usize = 400;

/// Whether a search `since_improvement` moves past its last better
/// schedule, on a part of `drills` drills, is due a kick.
pub(super) fn kicks_due(since_improvement: u64, drills: usize) -> bool {
    let after = KICK_AFTER.max(KICK_AFTER_PER_DRILL * drills as u64);
    since_improvement > 0 && since_improvement % after == 0 && drills <= KICK_MAX_DRILLS
}

/// What every part's search shares.
pub(super) struct Shared<'a, 'p> {
    pub(super) scenario: &'a Scenario,
    pub(super) placeable: &'a [bool],
    /// The days each drill fits on in an empty plan.
    pub(super) alone: &'a [Vec<Day>],
    pub(super) opts: &'a SolveOptions,
    pub(super) stop: &'a AtomicBool,
    pub(super) started: Instant,
    /// Each part's latest (priority, bound, penalty), for progress lines.
    pub(super) live: Vec<Mutex<(u64, u64, f64)>>,
    pub(super) progress: &'a Reporter<'p>,
    pub(super) beside: &'a Beside,
}

impl Shared<'_, '_> {
    fn out_of_time(&self) -> bool {
        self.opts
            .time_limit
            .is_some_and(|t| self.started.elapsed() >= t)
    }

    /// The time limit or Ctrl-C: no more waiting for a bound.
    fn spent(&self) -> bool {
        self.stop.load(Ordering::Relaxed) || self.out_of_time()
    }

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
        self.progress.send(&Progress {
            phase: Phase::Search,
            done: 0,
            total: 0,
            elapsed: self.started.elapsed(),
            moves,
            priority: p,
            bound: b,
            penalty: pen,
        });
    }
}

pub(super) struct PartResult {
    pub(super) placements: Vec<(DrillId, Option<Placement>)>,
    pub(super) status: Status,
    pub(super) priority: u64,
    pub(super) bound: u64,
    pub(super) penalty: f64,
    /// No schedule of the part with its priority has a lower penalty
    /// (`None`: no bound, a weight being negative or the schedule short).
    pub(super) penalty_bound: Option<f64>,
    pub(super) travel: u64,
    pub(super) off_preference: u64,
    pub(super) changed: u64,
    pub(super) moves: u64,
    pub(super) kicks: u64,
    pub(super) required_proven_impossible: bool,
    pub(super) bound_met_after: Option<Duration>,
    /// The part's relaxation was solved (or its schedule met the trivial bound).
    pub(super) bound_computed: bool,
}

impl PartResult {
    /// The result of a part whose drills cannot run even alone (and are
    /// not in the baseline): what its search would end with at once.
    /// `bound` is what bounds them: 0 when they were all analysed.
    pub(super) fn never_runs(scenario: &Scenario, drills: &[DrillId], bound: u64) -> PartResult {
        // A coverage need of these drills is as unkeepable as a required drill.
        let required = drills.iter().any(|&d| scenario.drill(d).is_required())
            || drills.iter().any(|&d| {
                // A need's drills share a part: one of them here puts the need here.
                scenario.coverage.iter().any(|c| {
                    c.districts.contains(&scenario.district_of(d)) && c.matches(scenario.drill(d))
                })
            });
        PartResult {
            placements: drills.iter().map(|&d| (d, None)).collect(),
            status: if required {
                Status::RequiredUnplaced
            } else {
                Status::Optimal
            },
            priority: 0,
            bound: if required {
                drills.iter().map(|&d| scenario.drill(d).priority).sum()
            } else {
                bound
            },
            penalty: 0.0,
            penalty_bound: Some(0.0),
            travel: 0,
            off_preference: 0,
            changed: 0,
            moves: 0,
            kicks: 0,
            required_proven_impossible: required,
            bound_met_after: Some(Duration::ZERO),
            bound_computed: true,
        }
    }
}

/// The status of a merged run: the least conclusive of its parts.
pub(super) fn worse(a: Status, b: Status) -> Status {
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

/// Each part draws from its own stream: the seed and the part's first drill.
pub(super) fn seed_of(seed: u64, drills: &[DrillId]) -> u64 {
    seed ^ (drills[0].0 as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03)
}

/// The search of one independent part, from its first schedule and quick
/// bound: improvement moves in rounds until a stopping rule holds.
pub(super) struct PartSearch<'a> {
    part: usize,
    pub(super) drills: &'a [DrillId],
    /// Where the moves are: with late acceptance, not always the best.
    state: State<'a>,
    /// The best schedule seen, placement per drill of `drills`, and its key.
    best: Vec<Option<Placement>>,
    best_key: Key,
    /// Keys of the last `LATE_ACCEPTANCE` schedules: a move is kept if it
    /// is no worse than the one that many moves ago.
    history: Vec<Key>,
    lns: lns::Lns<'a>,
    /// The bounds being computed beside the search. They are taken only
    /// where the search would stop without them, or (on a part small
    /// enough for the exhaustive search) has stalled (`needs_bound`):
    /// points that depend on the moves alone, so the run does not depend
    /// on when they came in.
    pending: Vec<Pending>,
    /// The trivial bound until the pending ones are taken.
    bound: u64,
    /// The route bound's later steps, which go on after the part has taken
    /// its bound: shown in progress lines and taken at the end, where
    /// they no longer steer a move.
    refinement: Option<Refinement>,
    bound_computed: bool,
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
    /// Whether `stall_limit` moves without improvement end the run: when
    /// the user gave `--stall-moves`, or gave neither a time nor a work
    /// limit (the run must end somewhere). Otherwise the run uses the time
    /// or work it was given, unless the penalty meets its bound.
    stall_ends: bool,
    /// What the penalty can be no lower than, at the best schedule's priority.
    penalty_bound: Option<PenaltyBound>,
    /// `penalty_bound` at the best schedule's priority, kept with it.
    penalty_floor: Option<f64>,
    moves: u64,
    /// Kicks made (`kick`), the twin's too.
    kicks: u64,
    /// Whether the best schedule leaves out at least `CROWDED_PERCENT` of
    /// the part's placeable drills (see `acceptance`).
    crowded: bool,
    since_improvement: u64,
    bound_met_after: Option<Duration>,
    /// `Some` once the search has stopped.
    pub(super) status: Option<Status>,
}

impl<'a> PartSearch<'a> {
    /// `state` holds the part's first schedule; `trivial` is the priority
    /// of every drill of the part that may run, the bound until `pending`
    /// is taken. Queues the part's route bound, now that the first
    /// schedule's priority is known.
    pub(super) fn new(
        shared: &Shared<'a, '_>,
        part: usize,
        drills: &'a [DrillId],
        work_limit: Option<u64>,
        state: State<'a>,
        trivial: u64,
        pending: Pending,
    ) -> Self {
        let (scenario, opts) = (shared.scenario, shared.opts);
        let seed = seed_of(opts.seed, drills);
        let key = state.key();
        let required_total = drills
            .iter()
            .filter(|&&d| scenario.drill(d).is_required())
            .count();
        let complete = key.complete(required_total);
        let met = complete && key.priority >= trivial;
        if met {
            pending.settle();
        } else {
            let lower = if complete { key.priority } else { 0 };
            shared
                .beside
                .route_bound(&pending, drills, lower, !complete);
        }
        shared.report(part, key.priority, trivial, key.penalty, 0);
        // Cut short (Ctrl-C, the clock): no time for a bound the run cannot use.
        let penalty_bound = (!shared.spent()).then(|| {
            PenaltyBound::new(
                scenario,
                state.prepared,
                shared.alone,
                shared.placeable,
                opts.baseline.as_deref(),
                drills,
            )
        });
        let penalty_bound = penalty_bound.flatten();
        let penalty_floor = floor(penalty_bound.as_ref(), &key, required_total);
        PartSearch {
            best: drills
                .iter()
                .map(|&d| state.placement(d).cloned())
                .collect(),
            best_key: key,
            history: vec![key; LATE_ACCEPTANCE],
            part,
            drills,
            refinement: (!met).then(|| pending.refinement()),
            pending: if met { Vec::new() } else { vec![pending] },
            bound_computed: met,
            lns: lns::Lns {
                seed,
                drills,
                placeable: shared.placeable,
            },
            bound: trivial,
            required_total,
            required_proven_impossible: false,
            gap_work_done: false,
            flat_moves: 0,
            work_limit,
            stall_limit: opts
                .stall_moves
                .unwrap_or_else(|| (20 * drills.len() as u64).max(2_000)),
            stall_ends: opts.stall_moves.is_some()
                || (opts.time_limit.is_none() && opts.work_limit.is_none()),
            penalty_bound,
            penalty_floor,
            moves: 0,
            kicks: 0,
            crowded: crowded(&state, drills, shared.placeable),
            since_improvement: 0,
            bound_met_after: met.then(|| shared.started.elapsed()),
            status: None,
            state,
        }
    }

    /// Why the search should stop now, if it should.
    fn stop_reason(&self, shared: &Shared) -> Option<Status> {
        let key = self.best_key;
        if self.required_proven_impossible {
            return Some(Status::RequiredUnplaced);
        }
        let gap_closed = key.complete(self.required_total)
            && relative_gap(key.priority, self.bound) <= shared.opts.gap;
        if gap_closed && self.settled(shared) {
            return Some(if key.priority >= self.bound {
                Status::Optimal
            } else {
                Status::GapReached
            });
        }
        if self.work_limit.is_some_and(|w| self.moves >= w) {
            return Some(Status::WorkLimit);
        }
        if shared.out_of_time() {
            return Some(Status::TimeLimit);
        }
        if shared.stop.load(Ordering::Relaxed) {
            return Some(Status::Interrupted);
        }
        None
    }

    pub(super) fn advance(&mut self, shared: &Shared, batch: u64) {
        for _ in 0..batch {
            if self.status.is_some() {
                return;
            }
            if self.needs_bound(shared) {
                self.join_bound(shared);
            }
            self.status = self.stop_reason(shared);
            if self.status.is_some() {
                return;
            }
            if self.should_close_gap() {
                self.close_gap(shared);
            }
            if self.should_prove_walk() {
                self.prove_walk(shared);
            }
            if self.should_kick() {
                self.kick();
            }
            let slot = (self.moves % self.history.len() as u64) as usize;
            let acceptance = self.acceptance();
            self.lns
                .step(&mut self.state, self.moves, &self.history[slot], acceptance);
            self.after_move(shared);
        }
    }

    /// Whether the search would stop now for want of the bounds being
    /// computed beside it, or has stalled where the exhaustive search
    /// could close the gap: then it waits for them. A larger part that
    /// stalls goes on searching (its gap work is a bound, `close_gap`).
    ///
    /// Not at the work limit: the moves are done and the schedule fixed, so
    /// the wait moves to `finish`, after every part has made its moves. A
    /// part waiting here would hold its round, and the others' moves, behind
    /// a bound that may come only at the time limit; the schedule would then
    /// depend on the clock.
    fn needs_bound(&self, shared: &Shared) -> bool {
        !self.pending.is_empty()
            && (self.settled(shared)
                || (self.stalled() && self.small())
                || self
                    .stop_reason(shared)
                    .is_some_and(|s| s != Status::WorkLimit))
    }

    /// Whether the penalty search is over, once the priority gap is closed:
    /// the penalty is within `--gap` of its bound (at zero it always is),
    /// or, where the stall ends the run, the moves have stopped improving.
    fn settled(&self, shared: &Shared) -> bool {
        // Penalties add up weights times counts; a rounding is no gap.
        const ROUNDING: f64 = 1e-9;
        let met = self
            .penalty_floor
            .is_some_and(|f| penalty_gap(self.best_key.penalty, f) <= shared.opts.gap + ROUNDING);
        met || (self.stall_ends && self.since_improvement >= self.stall_limit)
    }

    fn small(&self) -> bool {
        self.drills.len() <= EXACT_MAX_DRILLS
    }

    /// Waits for the bounds computed beside the search (at most until the
    /// time limit or Ctrl-C) and takes what is in.
    fn join_bound(&mut self, shared: &Shared) {
        for pending in std::mem::take(&mut self.pending) {
            let joined = pending.join(&|| shared.spent());
            self.take_bound(shared, joined);
        }
    }

    fn take_bound(&mut self, shared: &Shared, joined: Joined) {
        match joined.relaxation {
            Some(BoundOutcome::RequiredInfeasible) => self.required_proven_impossible = true,
            Some(BoundOutcome::Bound(_)) => self.bound_computed = true,
            None => {}
        }
        self.tighten(shared, joined.proved);
    }

    /// Bookkeeping after one move: late acceptance's history, the best
    /// schedule, the counters of the stopping rules.
    fn after_move(&mut self, shared: &Shared) {
        let slot = (self.moves % self.history.len() as u64) as usize;
        let key = self.state.key();
        self.history[slot] = key;
        if key.compare(&self.best_key) == std::cmp::Ordering::Greater {
            let rank = |k: &Key| (k.required, std::cmp::Reverse(k.short), k.priority);
            if rank(&key) > rank(&self.best_key) {
                self.flat_moves = 0;
            } else {
                self.flat_moves += 1;
            }
            self.take_as_best(shared, self.moves + 1);
        } else {
            self.since_improvement += 1;
            self.flat_moves += 1;
        }
        self.moves += 1;
    }

    /// The current schedule is the best yet: keep it, check it if asked,
    /// and report it.
    fn take_as_best(&mut self, shared: &Shared, moves: u64) {
        self.keep_as_best();
        if shared.opts.self_check {
            self_check(&self.state, self.moves);
        }
        self.since_improvement = 0;
        self.report(shared, moves);
    }

    /// Notes when the best schedule first met the bound, and reports progress.
    fn report(&mut self, shared: &Shared, moves: u64) {
        let key = self.best_key;
        if self.bound_met_after.is_none() && key.priority >= self.bound {
            self.bound_met_after = Some(shared.started.elapsed());
        }
        if key.complete(self.required_total) && key.priority >= self.bound {
            // Nothing computed beside can go lower: the bound is met.
            for pending in std::mem::take(&mut self.pending) {
                pending.settle();
                self.bound_computed = true;
            }
        }
        let shown = self
            .pending
            .iter()
            .map(Pending::proved)
            .chain(self.refinement.as_ref().map(Refinement::value))
            .fold(self.bound, u64::min);
        shared.report(self.part, key.priority, shown, key.penalty, moves);
    }

    fn keep_as_best(&mut self) {
        self.best_key = self.state.key();
        // As costly as the copy below: both walk the part's drills.
        self.penalty_floor = floor(
            self.penalty_bound.as_ref(),
            &self.best_key,
            self.required_total,
        );
        for (slot, &d) in self.best.iter_mut().zip(self.drills) {
            *slot = self.state.placement(d).cloned();
        }
        self.crowded = crowded(&self.state, self.drills, self.lns.placeable);
    }

    /// Puts the search back on the best schedule seen.
    fn return_to_best(&mut self) {
        let differs = self
            .drills
            .iter()
            .zip(&self.best)
            .any(|(&d, p)| self.state.placement(d) != p.as_ref());
        if !differs {
            return;
        }
        self.state.replace(self.drills, &self.best);
        debug_assert_eq!(
            self.state.key().compare(&self.best_key),
            std::cmp::Ordering::Equal
        );
    }

    /// Once the moves have stalled short of the bound (on a small part,
    /// once the bounds beside are in).
    fn should_close_gap(&self) -> bool {
        self.stalled() && (self.pending.is_empty() || !self.small())
    }

    fn stalled(&self) -> bool {
        let key = self.best_key;
        !self.gap_work_done
            && self.flat_moves >= GAP_WORK_AFTER_STALL.min(self.stall_limit / 2)
            && (!key.complete(self.required_total) || key.priority < self.bound)
    }

    /// The slower, tighter relaxation; then, on a small part still short of
    /// it, the exhaustive search. A larger part has no use for the tighter
    /// bound before it stops: it is computed beside the search, as the
    /// quick one is.
    fn close_gap(&mut self, shared: &Shared) {
        self.gap_work_done = true;
        self.return_to_best();
        if !self.small() {
            self.pending.push(shared.beside.tighter(self.drills, false));
            return;
        }
        let tighter = shared.beside.tighter(self.drills, true);
        let joined = tighter.join(&|| shared.spent());
        if let Some(BoundOutcome::RequiredInfeasible) = joined.relaxation {
            self.required_proven_impossible = true;
        }
        self.bound = self.bound.min(joined.proved);
        let key = self.best_key;
        let open = !key.complete(self.required_total) || key.priority < self.bound;
        if open && !self.required_proven_impossible {
            self.prove(shared);
        } else {
            self.report(shared, self.moves);
        }
    }

    /// Runs the exhaustive search: adopts a better schedule if it finds one,
    /// and replaces the bound by the optimum if it proves one.
    fn prove(&mut self, shared: &Shared) {
        let key = self.state.key();
        let incumbent = key.complete(self.required_total).then_some(key.priority);
        let current: Vec<(DrillId, Placement)> = self
            .drills
            .iter()
            .filter_map(|&d| self.state.remove(d).map(|p| (d, p)))
            .collect();
        let interrupted = || shared.stop.load(Ordering::Relaxed) || shared.out_of_time();
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
        self.state.place_all(proof.better.unwrap_or(current));
        match proof.optimum {
            Some(Some(optimum)) => self.bound = self.bound.min(optimum),
            Some(None) => self.required_proven_impossible = true,
            None => {}
        }
        if improved {
            self.take_as_best(shared, self.moves);
        } else {
            self.report(shared, self.moves);
        }
    }

    /// Takes a bound proved elsewhere, if it is tighter.
    fn tighten(&mut self, shared: &Shared, bound: u64) {
        if bound < self.bound {
            self.bound = bound;
            self.report(shared, self.moves);
        }
    }

    /// What the next move must keep. Where the best schedule leaves out
    /// many drills, moves that keep the priority are kept whatever their
    /// travel, after the first climb and in turns of `WALK_TURN` moves
    /// with turns that hold the travel too. A walk reaches schedules a
    /// descent in travel would not, from which a left-out drill fits; the
    /// turns that hold the travel bring it back down, and a rise in
    /// priority starts a walk again. Where few drills are out, travel is what keeps the teams'
    /// time free for them, and a walk only spends it: always the score.
    /// Once the priority is proven, travel is all that is left to improve.
    /// The turns follow the moves alone, so a run stays the same whatever
    /// the thread count.
    fn acceptance(&self) -> lns::Acceptance {
        let walking = self.moves >= CLIMB_MOVES && self.flat_moves % (2 * WALK_TURN) < WALK_TURN;
        if walking && self.crowded && !self.priority_proven() {
            lns::Acceptance::Priority
        } else {
            lns::Acceptance::Score
        }
    }

    /// Whether a walking part has gone `PROVE_AFTER_FLAT` moves without a
    /// rise in priority and still has a bound being computed beside it.
    fn should_prove_walk(&self) -> bool {
        self.crowded
            && self.flat_moves == PROVE_AFTER_FLAT
            && self.drills.len() <= PROVE_MAX_DRILLS
            && !self.pending.is_empty()
            && !self.priority_proven()
    }

    /// Takes the oldest bound computed beside the search, waiting for it if
    /// need be: the route bound queued with the part at the first such
    /// stall, the tighter relaxation `close_gap` queued at a later one. If
    /// it proves the priority, the walks are over and the moves go back to
    /// the best schedule to lower its travel.
    fn prove_walk(&mut self, shared: &Shared) {
        let oldest = self.pending.remove(0);
        let joined = oldest.join(&|| shared.spent());
        self.take_bound(shared, joined);
        if self.priority_proven() {
            self.return_to_best();
            let best = self.best_key;
            self.history.fill(best);
        }
    }

    /// Whether the moves have gone `KICK_AFTER` moves (again) without a
    /// better schedule, on a part small enough and whose priority is proven.
    fn should_kick(&self) -> bool {
        kicks_due(self.since_improvement, self.drills.len()) && self.priority_proven()
    }

    /// From the best schedule, a kick; the moves go on from where it lands.
    fn kick(&mut self) {
        self.return_to_best();
        self.lns.kick(&mut self.state, self.moves);
        self.kicks += 1;
        let here = self.state.key();
        self.history.fill(here);
    }

    /// Whether the best schedule's priority is proven optimal, so only the
    /// penalty is still searched for.
    pub(super) fn priority_proven(&self) -> bool {
        self.best_key.complete(self.required_total) && self.best_key.priority >= self.bound
    }

    /// What a twin starts from: the schedule where the moves are, the best
    /// one and its key, and moves drawn from the part's seed mixed with `salt`.
    pub(super) fn copy_for_twin(
        &self,
        salt: u64,
    ) -> (State<'a>, Vec<Option<Placement>>, Key, lns::Lns<'a>) {
        let lns = lns::Lns {
            seed: self.lns.seed ^ salt,
            drills: self.lns.drills,
            placeable: self.lns.placeable,
        };
        (self.state.clone(), self.best.clone(), self.best_key, lns)
    }

    /// Takes the twin's best schedule if it is better and the clock or
    /// Ctrl-C ended the run (any other end must not depend on the twin).
    /// Its moves count as moves made.
    fn adopt(&mut self, (best, key, moves, kicks): (Vec<Option<Placement>>, Key, u64, u64)) {
        if !matches!(self.status, Some(Status::TimeLimit | Status::Interrupted)) {
            return;
        }
        self.moves += moves;
        self.kicks += kicks;
        if key.compare(&self.best_key) == std::cmp::Ordering::Greater {
            self.best = best;
            self.best_key = key;
            self.penalty_floor = floor(self.penalty_bound.as_ref(), &key, self.required_total);
        }
    }

    pub(super) fn finish(mut self, shared: &Shared) -> PartResult {
        self.join_bound(shared);
        // The schedule is settled: the route bound's later steps may now
        // tighten the bound reported, whenever they came in.
        if let Some(refined) = self.refinement.as_ref().map(Refinement::value) {
            self.bound = self.bound.min(refined);
        }
        // A part that stopped at its work limit before its bound came in
        // is optimal, or within the gap, if the bound now says so.
        if self.status == Some(Status::WorkLimit) {
            if let Some(proved @ (Status::Optimal | Status::GapReached)) = self.stop_reason(shared)
            {
                self.status = Some(proved);
            }
        }
        self.return_to_best();
        let state = &self.state;
        let key = state.key();
        let status = self.status.unwrap_or(Status::Interrupted);
        let status = if !key.complete(self.required_total) {
            Status::RequiredUnplaced
        } else {
            status
        };
        let (travel, off_preference, changed) = state.penalty_parts();
        PartResult {
            placements: self
                .drills
                .iter()
                .map(|&d| (d, state.placement(d).cloned()))
                .collect(),
            status,
            priority: key.priority,
            bound: self.bound,
            penalty: key.penalty,
            penalty_bound: floor(self.penalty_bound.as_ref(), &key, self.required_total),
            travel,
            off_preference,
            changed,
            moves: self.moves,
            kicks: self.kicks,
            required_proven_impossible: self.required_proven_impossible,
            bound_met_after: self.bound_met_after,
            bound_computed: self.bound_computed,
        }
    }
}

/// Whether `state` leaves out at least `CROWDED_PERCENT` of the part's
/// placeable drills.
fn crowded(state: &State, drills: &[DrillId], placeable: &[bool]) -> bool {
    let (mut all, mut out) = (0, 0);
    for &d in drills.iter().filter(|d| placeable[d.index()]) {
        all += 1;
        out += usize::from(!state.is_placed(d));
    }
    all > 0 && out * 100 >= CROWDED_PERCENT * all
}

/// The penalty bound at `key`'s priority; none for a schedule that lacks a
/// required drill or a coverage need, which the bound takes as held.
fn floor(bound: Option<&PenaltyBound>, key: &Key, required_total: usize) -> Option<f64> {
    bound
        .filter(|_| key.complete(required_total))
        .map(|b| b.at(key.priority))
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
        .filter(|v| v.missing.is_none() && v.rule != 12)
        .map(|v| v.to_string())
        .collect();
    assert!(
        broken.is_empty(),
        "self-check failed after move {moves}:\n{}",
        broken.join("\n")
    );
}

/// Advances every part in rounds until it stops. Each part's moves depend
/// only on its own seed (and its bound, taken at points fixed by its
/// moves), so the result does not depend on how rounds are spread over
/// threads.
///
/// A run that only the clock ends may give the last part searching a twin
/// on the second thread (`twin`); the twin's schedule is taken only if the
/// clock or Ctrl-C ended the run, and is better.
pub(super) fn rounds<'a>(shared: &Shared<'a, '_>, searches: &mut [PartSearch<'a>]) {
    let batch = |p: &PartSearch| (p.drills.len() as u64 / 4).clamp(8, 200);
    let mut twin: Option<Twin<'a>> = None;
    while searches.iter().any(|p| p.status.is_none()) {
        if twin.is_none() {
            twin = Twin::of(shared, searches);
        }
        match twin.as_mut() {
            Some(t) => {
                let search = &mut searches[t.part];
                let n = batch(search);
                rayon::join(
                    || search.advance(shared, n),
                    || t.advance(n, &|| shared.spent()),
                );
            }
            None => searches.par_iter_mut().for_each(|p| {
                let n = batch(p);
                p.advance(shared, n)
            }),
        }
    }
    if let Some(t) = twin {
        let part = t.part;
        searches[part].adopt(t.into_best());
    }
}
