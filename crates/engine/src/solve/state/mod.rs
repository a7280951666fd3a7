//! The solver's incremental view of a partial schedule. Each constraint
//! family keeps its own load (`routes`, `venues`, `conflicts`, `standby`),
//! and the state itself counts coverage needs (rule 12) and same-day pairs
//! (`spread`); `evaluate` asks all of them whether a drill fits at a start
//! and at what cost (`staffing` picks the teams), `place` and `remove` keep
//! them in step.

pub mod conflicts;
pub mod intervals;
pub mod routes;
pub mod staffing;
pub mod standby;
pub mod venues;

use super::candidates::{Prepared, TeamLists};
use crate::scenario::{ConflictId, Day, DrillId, Scenario, StandbyId, TeamId};
use crate::schedule::{Placement, Schedule};
use intervals::Interval;
use routes::{Routes, Visit};
use staffing::{all_staffings, can_staff, staff, Candidate, StaffingProblem};
use std::cmp::Ordering;

/// Starts times candidate teams above which `best_insertion` prices the
/// days in parallel (a city's drill is far below, a region's far above).
const PARALLEL_PRICING: usize = 30_000;

/// Ranking bonus (in minutes) of a baseline team at its baseline slot.
const BASELINE_TEAM_BONUS: i64 = 1_000_000;

/// A way to add one drill: where, when, who, and what it adds to the penalty.
#[derive(Debug, Clone, PartialEq)]
pub struct Insertion {
    pub placement: Placement,
    pub travel: i64,
    pub penalty: f64,
    /// What choices are ranked by: the penalty plus any repair noise.
    pub rank: f64,
}

/// A deterministic perturbation of insertion costs. Repairs that always pick
/// the cheapest staffing repeat the same mistakes (the nearest team taken by
/// a drill that another team could have served); noise lets them try others.
/// It changes choices only: the state keeps the true penalty.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Noise {
    pub seed: u64,
    /// Up to this many minutes added to each team's and each start's cost; 0 for none.
    pub amplitude: u64,
}

impl Noise {
    pub const NONE: Noise = Noise {
        seed: 0,
        amplitude: 0,
    };

    fn minutes(&self, parts: [u64; 4]) -> i64 {
        if self.amplitude == 0 {
            return 0;
        }
        let mut x = self.seed;
        for p in parts {
            // splitmix64 steps: cheap, well mixed, and the same on every platform.
            x = x.wrapping_add(p).wrapping_add(0x9E37_79B9_7F4A_7C15);
            x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            x ^= x >> 31;
        }
        (x % (self.amplitude + 1)) as i64
    }
}

/// Why a drill does not fit at one start; used to explain unscheduled drills.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocker {
    VenueFull,
    Conflict(ConflictId, DrillId),
    /// No set of teams can staff it (busy, off, too far, limits, standby).
    Staffing,
}

/// Lexicographic quality of a schedule: required drills, then coverage
/// (rule 12) shortfall, then priority, then penalty. A schedule is one only
/// with every required drill and no shortfall; ranking the shortfall right
/// after the required drills makes every search step towards one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Key {
    pub required: usize,
    /// Drills missing from coverage needs, summed over the needs in scope.
    pub short: u64,
    pub priority: u64,
    pub penalty: f64,
}

impl Key {
    /// `Greater` when `self` is the better schedule.
    pub fn compare(&self, other: &Key) -> Ordering {
        self.compare_priority(other)
            .then_with(|| other.penalty.total_cmp(&self.penalty))
    }

    /// `compare` without the penalty: the required drills, coverage, priority.
    pub fn compare_priority(&self, other: &Key) -> Ordering {
        (self.required, std::cmp::Reverse(self.short), self.priority).cmp(&(
            other.required,
            std::cmp::Reverse(other.short),
            other.priority,
        ))
    }

    /// Every required drill of the `required_total` placed and no coverage need short.
    pub fn complete(&self, required_total: usize) -> bool {
        self.required == required_total && self.short == 0
    }
}

#[derive(Clone)]
pub struct State<'s> {
    pub scenario: &'s Scenario,
    pub prepared: &'s Prepared,
    placements: Vec<Option<Placement>>,
    routes: Routes,
    venues: venues::VenueLoad,
    conflicts: conflicts::ConflictLoad,
    standby: standby::StandbyLoad,
    baseline: Option<&'s [Option<Placement>]>,
    required: usize,
    priority: u64,
    travel: u64,
    off_preference: u64,
    /// Baseline drills not placed exactly as in the baseline.
    changed: u64,
    /// Per coverage need: its drills placed; whether it counts in `short`.
    covered: Vec<u32>,
    cover_in_scope: Vec<bool>,
    short: u64,
    /// Drills placed per (district, day), and the same-day pairs they make.
    district_day: Vec<u32>,
    pairs: u64,
    /// Whether staffing looks at every team that could serve or only at
    /// each need's nearest (`best_insertion_nearby`).
    nearest_only: bool,
}

impl<'s> State<'s> {
    pub fn new(
        scenario: &'s Scenario,
        prepared: &'s Prepared,
        baseline: Option<&'s [Option<Placement>]>,
    ) -> Self {
        let changed = baseline.map_or(0, |b| b.iter().filter(|p| p.is_some()).count() as u64);
        State {
            scenario,
            prepared,
            placements: vec![None; scenario.drills.len()],
            routes: Routes::new(scenario),
            venues: venues::VenueLoad::new(scenario),
            conflicts: conflicts::ConflictLoad::new(scenario),
            standby: standby::StandbyLoad::new(scenario),
            baseline,
            required: 0,
            priority: 0,
            travel: 0,
            off_preference: 0,
            changed,
            covered: vec![0; prepared.cover.len()],
            cover_in_scope: vec![true; prepared.cover.len()],
            short: prepared.cover.iter().map(|n| u64::from(n.min)).sum(),
            district_day: vec![0; scenario.districts.len() * scenario.num_days as usize],
            pairs: 0,
            nearest_only: false,
        }
    }

    /// Counts in the coverage shortfall only the needs of `drills`: the
    /// part of the scenario this state is solving on its own (each need
    /// lies in one part). Call before placing.
    pub fn scope_coverage(&mut self, drills: &[DrillId]) {
        for (i, need) in self.prepared.cover.iter().enumerate() {
            self.cover_in_scope[i] = super::coverage::within(need, drills);
        }
        self.short = self
            .prepared
            .cover
            .iter()
            .zip(&self.cover_in_scope)
            .zip(&self.covered)
            .filter(|((_, &scope), _)| scope)
            .map(|((n, _), &c)| u64::from(n.min.saturating_sub(c)))
            .sum();
    }

    /// Drills missing from the coverage needs in scope.
    pub fn coverage_short(&self) -> u64 {
        self.short
    }

    /// Drills of coverage need `i` placed now.
    pub fn covered(&self, i: usize) -> u32 {
        self.covered[i]
    }

    /// The coverage needs in scope that are short now (indices into `prepared.cover`).
    pub fn short_needs(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.covered.len())
            .filter(|&i| self.cover_in_scope[i] && self.covered[i] < self.prepared.cover[i].min)
    }

    /// Whether `drill` counts towards a need in scope that is still short.
    pub fn helps_short(&self, drill: DrillId) -> bool {
        self.prepared.cover_of[drill.index()].iter().any(|&i| {
            let i = i as usize;
            self.cover_in_scope[i] && self.covered[i] < self.prepared.cover[i].min
        })
    }

    /// Whether taking `drill` out would leave a need in scope short.
    pub fn holds_coverage(&self, drill: DrillId) -> bool {
        self.is_placed(drill)
            && self.prepared.cover_of[drill.index()].iter().any(|&i| {
                let i = i as usize;
                self.cover_in_scope[i] && self.covered[i] <= self.prepared.cover[i].min
            })
    }

    /// Pairs of placed drills of one district on one day (the `spread` term).
    pub fn same_day_pairs(&self) -> u64 {
        self.pairs
    }

    fn district_day_slot(&self, drill: DrillId, day: Day) -> usize {
        self.scenario.district_of(drill).index() * self.scenario.num_days as usize + day as usize
    }

    /// What placing `drill` on `day` adds to the spread term.
    fn spread_cost(&self, drill: DrillId, day: Day) -> f64 {
        let w = self.scenario.weights.spread;
        if w == 0.0 {
            return 0.0;
        }
        w * f64::from(self.district_day[self.district_day_slot(drill, day)])
    }

    /// The state of a whole schedule: `placements` holds one entry per
    /// drill of the scenario, `None` for the drills left out. Every
    /// schedule read back or rebuilt (reasons, explanations, replanning)
    /// comes through here, so they all place drills in the same order.
    pub fn from_placements(
        scenario: &'s Scenario,
        prepared: &'s Prepared,
        placements: &[Option<Placement>],
    ) -> Self {
        let mut state = State::new(scenario, prepared, None);
        state.place_all(
            scenario
                .drill_ids()
                .zip(placements)
                .filter_map(|(d, p)| Some((d, p.clone()?))),
        );
        state
    }

    /// Places each drill at its placement, in the order given; the caller
    /// knows they fit together (a schedule that did).
    pub fn place_all(&mut self, placements: impl IntoIterator<Item = (DrillId, Placement)>) {
        for (d, p) in placements {
            self.place(d, p);
        }
    }

    /// Puts `drills` back where `placements` (one entry per drill of
    /// `drills`, `None` for those left out) has them: all taken out first,
    /// then placed in order.
    pub fn replace(&mut self, drills: &[DrillId], placements: &[Option<Placement>]) {
        for &d in drills {
            self.remove(d);
        }
        self.place_all(
            drills
                .iter()
                .zip(placements)
                .filter_map(|(&d, p)| Some((d, p.clone()?))),
        );
    }

    /// Counts as changed only the baseline drills among `drills`: the part
    /// of the scenario this state is solving on its own. Call before placing.
    pub fn scope_baseline(&mut self, drills: &[DrillId]) {
        self.changed = self.baseline.map_or(0, |b| {
            drills.iter().filter(|d| b[d.index()].is_some()).count() as u64
        });
    }

    pub fn placement(&self, drill: DrillId) -> Option<&Placement> {
        self.placements[drill.index()].as_ref()
    }

    pub fn is_placed(&self, drill: DrillId) -> bool {
        self.placements[drill.index()].is_some()
    }

    pub fn routes(&self) -> &Routes {
        &self.routes
    }

    pub fn key(&self) -> Key {
        Key {
            required: self.required,
            short: self.short,
            priority: self.priority,
            penalty: self.penalty(),
        }
    }

    pub fn penalty(&self) -> f64 {
        let w = self.scenario.weights;
        w.travel * self.travel as f64
            + w.off_preference * self.off_preference as f64
            + w.change * self.changed as f64
            + w.spread * self.pairs as f64
    }

    pub fn penalty_parts(&self) -> (u64, u64, u64) {
        (self.travel, self.off_preference, self.changed)
    }

    fn matches_baseline(&self, drill: DrillId, p: &Placement) -> bool {
        self.baseline
            .and_then(|b| b[drill.index()].as_ref())
            .is_some_and(|old| {
                let set = |ts: &[TeamId]| {
                    let mut v = ts.to_vec();
                    v.sort();
                    v
                };
                old.day == p.day && old.start == p.start && set(&old.teams) == set(&p.teams)
            })
    }

    /// Whether `drill` fits at `(day, start)` and its cheapest staffing there.
    pub fn evaluate(&self, drill: DrillId, day: Day, start: u32) -> Result<Insertion, Blocker> {
        self.evaluate_with(drill, day, start, Noise::NONE)
    }

    /// `evaluate`, with staffing and the start ranked under `noise`.
    pub fn evaluate_with(
        &self,
        drill: DrillId,
        day: Day,
        start: u32,
        noise: Noise,
    ) -> Result<Insertion, Blocker> {
        let inputs = self.staffing_inputs(drill, day, start, noise)?;
        self.insertion(drill, day, start, noise, &inputs)
    }

    /// The cheapest staffing from `inputs` and what it costs.
    fn insertion(
        &self,
        drill: DrillId,
        day: Day,
        start: u32,
        noise: Noise,
        inputs: &StaffingInputs,
    ) -> Result<Insertion, Blocker> {
        let sc = self.scenario;
        let d = sc.drill(drill);
        let end = start + d.duration;
        let (teams, _) = staff(&inputs.problem(d)).ok_or(Blocker::Staffing)?;
        let travel: i64 = teams.iter().filter_map(|&t| inputs.cost_of(t)).sum();
        let placement = Placement { day, start, teams };
        let w = sc.weights;
        let mut penalty = w.travel * travel as f64;
        if sc.is_off_preference(drill, day, start, end) {
            penalty += w.off_preference;
        }
        if self.matches_baseline(drill, &placement) {
            penalty -= w.change;
        }
        penalty += self.spread_cost(drill, day);
        let rank =
            penalty + noise.minutes([drill.0 as u64, u64::MAX, day as u64, start as u64]) as f64;
        Ok(Insertion {
            placement,
            travel,
            penalty,
            rank,
        })
    }

    /// A rank no staffing of `drill` at `(day, start)` can go below, computed
    /// the way `insertion` computes the rank (so float rounding keeps the
    /// order): each need's cheapest teams free then (from `by_cost`, each
    /// need's windows of the day cheapest first), as if no two needs wanted
    /// the same team. `None` when no bound is cheap to state (a negative
    /// weight), infinity when some need has too few teams free (whatever
    /// the weights: no staffing exists there).
    fn rank_at_least(
        &self,
        drill: DrillId,
        day: Day,
        start: u32,
        noise: Noise,
        by_cost: &mut [NeedWindows],
    ) -> Option<f64> {
        let sc = self.scenario;
        let w = sc.weights;
        let d = sc.drill(drill);
        let mut travel = 0i64;
        for (need, windows) in d.needs.iter().zip(by_cost) {
            // A team's windows do not overlap, so these are distinct teams.
            let count = need.count() as usize;
            let mut open = windows.open_at(start).take(count);
            for _ in 0..count {
                match open.next() {
                    Some((w, _)) => travel += w.cost,
                    None => return Some(f64::INFINITY),
                }
            }
        }
        if w.travel < 0.0 {
            return None;
        }
        let mut penalty = w.travel * travel as f64;
        if sc.is_off_preference(drill, day, start, start + d.duration) {
            penalty += w.off_preference;
        }
        let at_baseline_slot = self
            .baseline
            .and_then(|b| b[drill.index()].as_ref())
            .is_some_and(|old| old.day == day && old.start == start);
        if at_baseline_slot && w.change > 0.0 {
            penalty -= w.change;
        }
        penalty += self.spread_cost(drill, day);
        Some(penalty + noise.minutes([drill.0 as u64, u64::MAX, day as u64, start as u64]) as f64)
    }

    /// Whether `drill` fits at `(day, start)`: exactly when `evaluate` is
    /// `Ok`, without pricing the staffings.
    pub fn fits(&self, drill: DrillId, day: Day, start: u32) -> bool {
        self.staffing_inputs(drill, day, start, Noise::NONE)
            .is_ok_and(|inputs| can_staff(&inputs.problem(self.scenario.drill(drill))))
    }

    /// What `fits` asks of each team that could serve `drill`: its cost of
    /// joining at `(day, start)`, if it can (`None`). Only a team's own
    /// route decides it, so after taking drills out only their teams'
    /// entries change (`TeamsJoining::update`), and `fits_with` answers
    /// again without pricing the hundreds of others a province's drill has.
    pub fn teams_joining(&self, drill: DrillId, day: Day, start: u32) -> TeamsJoining {
        TeamsJoining {
            drill,
            day,
            start,
            costs: self.team_costs(drill, day, start, None),
        }
    }

    /// `fits` for `joining`'s drill and start, given its teams' costs as
    /// they stand now.
    pub fn fits_with(&self, joining: &TeamsJoining) -> bool {
        let TeamsJoining {
            drill, day, start, ..
        } = *joining;
        self.site_free(drill, day, start).is_ok() && {
            let inputs = self.inputs_from(drill, day, start, Noise::NONE, joining.costs.clone());
            can_staff(&inputs.problem(self.scenario.drill(drill)))
        }
    }

    /// `p` as it stands (its day, start and set of teams) if it fits now,
    /// with the teams in the order of the drill's needs; `None` if any of
    /// them no longer fits. A warm start (`SolveOptions::warm_start`) keeps
    /// what it can of a schedule of another scenario this way: only the
    /// teams of `p` are offered to the staffing, so it either finds exactly
    /// them or none.
    pub fn refit(&self, drill: DrillId, p: &Placement) -> Option<Placement> {
        let (day, start) = (p.day, p.start);
        self.prepared.starts[drill.index()]
            .binary_search(&(day, start))
            .ok()?;
        self.site_free(drill, day, start).ok()?;
        let team_cost = self
            .team_costs(drill, day, start, None)
            .into_iter()
            .map(|(t, cost)| (t, cost.filter(|_| p.teams.contains(&t))))
            .collect();
        let inputs = self.inputs_from(drill, day, start, Noise::NONE, team_cost);
        let (teams, _) = staff(&inputs.problem(self.scenario.drill(drill)))?;
        let set = |ts: &[TeamId]| {
            let mut v = ts.to_vec();
            v.sort();
            v
        };
        (set(&teams) == set(&p.teams)).then_some(Placement { day, start, teams })
    }

    /// Whether `drill` fits at one of `starts`, all on `day` (`fits` at
    /// each, with the teams' free windows priced once for the day).
    pub fn fits_on_day(&self, drill: DrillId, day: Day, starts: &[u32]) -> bool {
        let d = self.scenario.drill(drill);
        let mut windows = None;
        starts.iter().any(|&start| {
            if self.site_free(drill, day, start).is_err() {
                return false;
            }
            let (windows, by_cost) = windows.get_or_insert_with(|| {
                let mut w = routes::TeamWindows::default();
                self.team_windows(drill, day, &mut w);
                let by_cost = self.need_windows(drill, &w);
                (w, by_cost)
            });
            // A need with fewer teams free than it asks for has no staffing.
            if d.needs
                .iter()
                .zip(by_cost.iter())
                .any(|(need, w)| w.count_open(start) < need.count() as usize)
            {
                return false;
            }
            // The cut lists staff exactly when the whole ones do, and a
            // province's drill has hundreds of teams in its whole lists.
            let inputs = match self.inputs_listed(drill, day, start, Noise::NONE, by_cost) {
                Some((candidates, listed)) => {
                    self.inputs_with(drill, day, start, candidates, listed)
                }
                None => {
                    let team_cost = self.team_costs(drill, day, start, Some(windows));
                    self.inputs_from(drill, day, start, Noise::NONE, team_cost)
                }
            };
            can_staff(&inputs.problem(d))
        })
    }

    /// Every distinct set of teams that could staff `drill` at `(day, start)`
    /// now; `Ok(None)` when there are more than `limit`.
    pub fn staffings(
        &self,
        drill: DrillId,
        day: Day,
        start: u32,
        limit: usize,
    ) -> Result<Option<Vec<Placement>>, Blocker> {
        let inputs = self.staffing_inputs(drill, day, start, Noise::NONE)?;
        let sets = all_staffings(&inputs.problem(self.scenario.drill(drill)), limit);
        Ok(sets.map(|sets| {
            sets.into_iter()
                .map(|teams| Placement { day, start, teams })
                .collect()
        }))
    }

    /// Rules 8 and 9 at the venue and in conflict sets, then each team's
    /// route cost and the standby places free: what staffing chooses from.
    fn staffing_inputs(
        &self,
        drill: DrillId,
        day: Day,
        start: u32,
        noise: Noise,
    ) -> Result<StaffingInputs<'_>, Blocker> {
        self.site_free(drill, day, start)?;
        let team_cost = self.team_costs(drill, day, start, None);
        Ok(self.inputs_from(drill, day, start, noise, team_cost))
    }

    /// Rules 8 and 9 at `(day, start)`, and every need with enough
    /// candidate teams at all.
    fn site_free(&self, drill: DrillId, day: Day, start: u32) -> Result<(), Blocker> {
        let sc = self.scenario;
        let d = sc.drill(drill);
        let end = start + d.duration;
        if !self.venues.has_room(sc, d.venue, day, start, end) {
            return Err(Blocker::VenueFull);
        }
        for &c in &d.conflicts {
            if let Some(other) = self.conflicts.clash(sc, c, day, drill, start, end) {
                return Err(Blocker::Conflict(c, other));
            }
        }
        // A need with fewer candidate teams than it asks for can never be
        // filled; say so before pricing every team's route.
        if d.needs
            .iter()
            .zip(self.need_teams(drill))
            .any(|(need, teams)| (teams.len() as u32) < need.count())
        {
            return Err(Blocker::Staffing);
        }
        Ok(())
    }

    /// Each team that could serve `drill`, ascending, with its cost of
    /// joining at `(day, start)` if it can: from `windows` (`team_windows`
    /// of this drill and day) when given, else route by route.
    fn team_costs(
        &self,
        drill: DrillId,
        day: Day,
        start: u32,
        windows: Option<&routes::TeamWindows>,
    ) -> Vec<(TeamId, Option<i64>)> {
        let sc = self.scenario;
        let any_team = self.any_team(drill);
        match windows {
            Some(windows) => any_team
                .iter()
                .enumerate()
                .map(|(i, &t)| (t, windows.cost_at(i, start)))
                .collect(),
            None => {
                let visit = Visit::of(sc, drill, start);
                any_team
                    .iter()
                    .map(|&t| (t, self.routes.insertion_cost(sc, t, day, visit)))
                    .collect()
            }
        }
    }

    /// Each need's candidates at `(day, start)` read off the day's windows
    /// (`by_cost`, as `best_among` sorts them): the lists `inputs_from`
    /// builds, each cut to the drill's slot count (`cut_to_slots`) where
    /// none of the teams kept has standby rules, with each whole list's
    /// length. `None` where noise or baseline teams reorder the lists, or a
    /// pinned team must be found in them: `inputs_from` then.
    fn inputs_listed(
        &self,
        drill: DrillId,
        day: Day,
        start: u32,
        noise: Noise,
        by_cost: &mut [NeedWindows],
    ) -> Option<(Vec<Vec<Candidate>>, Vec<usize>)> {
        let d = self.scenario.drill(drill);
        let at_baseline_slot = self
            .baseline
            .and_then(|b| b[drill.index()].as_ref())
            .is_some_and(|old| old.day == day && old.start == start);
        let pinned = d.pin.as_ref().is_some_and(|p| !p.teams.is_empty());
        if noise.amplitude != 0 || at_baseline_slot || pinned {
            return None;
        }
        let any_team = self.any_team(drill);
        let cut = staffing::cut_to_slots(&d.needs);
        let mut listed = Vec::with_capacity(by_cost.len());
        let candidates = by_cost
            .iter_mut()
            .map(|windows| {
                let whole = windows.count_open(start);
                let candidate = |(w, i): (routes::Window, u32)| Candidate {
                    team: any_team[i as usize],
                    cost: w.cost,
                };
                let first: Vec<Candidate> =
                    windows.open_at(start).take(cut).map(candidate).collect();
                // Standby rules among the teams kept break the swap
                // argument: the list stays whole.
                let ruled = first
                    .iter()
                    .any(|c| !self.standby.rules_of_team[c.team.index()].is_empty());
                let list = if ruled {
                    windows.open_at(start).map(candidate).collect()
                } else {
                    first
                };
                listed.push(whole);
                list
            })
            .collect();
        Some((candidates, listed))
    }

    /// What staffing chooses from, given each need's candidates
    /// (`inputs_listed`). Only teams in the lists are priced and only their
    /// standby rules counted: staffing looks at nothing else.
    fn inputs_with(
        &self,
        drill: DrillId,
        day: Day,
        start: u32,
        candidates: Vec<Vec<Candidate>>,
        listed: Vec<usize>,
    ) -> StaffingInputs<'_> {
        let end = start + self.scenario.drill(drill).duration;
        let mut team_cost: Vec<(TeamId, Option<i64>)> = candidates
            .iter()
            .flatten()
            .map(|c| (c.team, Some(c.cost)))
            .collect();
        team_cost.sort_unstable_by_key(|&(t, _)| t);
        team_cost.dedup_by_key(|&mut (t, _)| t);
        let free = self.free_places(&team_cost, day, start, end);
        StaffingInputs {
            team_cost,
            candidates,
            free,
            rules_of_team: &self.standby.rules_of_team,
            listed: Some(listed),
        }
    }

    /// Each standby rule of a team that can join, with its free places.
    fn free_places(
        &self,
        team_cost: &[(TeamId, Option<i64>)],
        day: Day,
        start: u32,
        end: u32,
    ) -> Vec<(StandbyId, u32)> {
        let mut rules: Vec<StandbyId> = team_cost
            .iter()
            .filter(|(_, c)| c.is_some())
            .flat_map(|(t, _)| self.standby.rules_of_team[t.index()].iter().copied())
            .collect();
        rules.sort();
        rules.dedup();
        rules
            .iter()
            .map(|&r| (r, self.standby.free(self.scenario, r, day, start, end)))
            .collect()
    }

    /// What staffing chooses from, given each team's cost.
    fn inputs_from(
        &self,
        drill: DrillId,
        day: Day,
        start: u32,
        noise: Noise,
        team_cost: Vec<(TeamId, Option<i64>)>,
    ) -> StaffingInputs<'_> {
        let sc = self.scenario;
        let d = sc.drill(drill);
        let end = start + d.duration;
        // At the drill's baseline slot, its baseline teams go first: keeping
        // the published staffing is worth far more than any travel saved.
        let baseline_teams: &[TeamId] = match self.baseline.and_then(|b| b[drill.index()].as_ref())
        {
            Some(old) if old.day == day && old.start == start => &old.teams,
            _ => &[],
        };
        let candidates: Vec<Vec<Candidate>> = self
            .need_pos(drill)
            .iter()
            .map(|positions| {
                let mut list: Vec<Candidate> = positions
                    .iter()
                    .filter_map(|&i| {
                        let (t, cost) = team_cost[i as usize];
                        let jitter =
                            noise.minutes([drill.0 as u64, t.0 as u64, day as u64, start as u64]);
                        let keep = if baseline_teams.contains(&t) {
                            -BASELINE_TEAM_BONUS
                        } else {
                            0
                        };
                        cost.map(|cost| Candidate {
                            team: t,
                            cost: cost + jitter + keep,
                        })
                    })
                    .collect();
                list.sort_by_key(|c| (c.cost, c.team));
                list
            })
            .collect();
        let free = self.free_places(&team_cost, day, start, end);
        StaffingInputs {
            team_cost,
            candidates,
            free,
            rules_of_team: &self.standby.rules_of_team,
            listed: None,
        }
    }

    /// The cheapest way to add `drill` at any of `starts` (ties: earliest).
    /// A start whose cheapest conceivable rank is no better than the best
    /// found so far is not staffed at all: the choice is the same, and most
    /// starts of a busy drill are skipped that way. A drill with many starts
    /// and teams is priced day by day in parallel; the days' best are then
    /// compared in order, so the choice is the one a single thread makes.
    pub fn best_insertion(
        &self,
        drill: DrillId,
        starts: &[(Day, u32)],
        noise: Noise,
    ) -> Option<Insertion> {
        let work = starts.len() * self.any_team(drill).len();
        if work < PARALLEL_PRICING {
            return self.best_among(drill, starts, noise);
        }
        use rayon::prelude::*;
        let days: Vec<&[(Day, u32)]> = starts.chunk_by(|a, b| a.0 == b.0).collect();
        let per_day: Vec<Option<Insertion>> = days
            .par_iter()
            .map(|run| self.best_among(drill, run, noise))
            .collect();
        let mut best: Option<Insertion> = None;
        for ins in per_day.into_iter().flatten() {
            if best.as_ref().is_none_or(|b| ins.rank < b.rank) {
                best = Some(ins);
            }
        }
        best
    }

    /// `best_insertion` among each need's nearest teams only
    /// (`Prepared::nearest`): `None` for a drill without such lists, or
    /// where none of its starts can be staffed from them. For a province's
    /// first schedule, where pricing the hundreds of teams that could serve
    /// each drill costs far more than the few nearby ones it takes.
    pub fn best_insertion_nearby(
        &mut self,
        drill: DrillId,
        starts: &[(Day, u32)],
        noise: Noise,
    ) -> Option<Insertion> {
        self.prepared.nearest[drill.index()].as_ref()?;
        self.nearest_only = true;
        let found = self.best_insertion(drill, starts, noise);
        self.nearest_only = false;
        found
    }

    /// This state, staffing only from each need's nearest teams where a
    /// drill has such lists (`Prepared::nearest`). A staffing found so is
    /// one from every team too: for questions whose answer is "some
    /// staffing exists", asked first of the short lists.
    pub fn nearest_teams_only(mut self) -> Self {
        self.nearest_only = true;
        self
    }

    /// The lists staffing reads now: every team, or the nearest (`nearest_only`).
    fn team_lists(&self, drill: DrillId) -> Option<&'s TeamLists> {
        let prepared: &'s Prepared = self.prepared;
        if self.nearest_only {
            prepared.nearest[drill.index()].as_ref()
        } else {
            None
        }
    }

    fn any_team(&self, drill: DrillId) -> &'s [TeamId] {
        match self.team_lists(drill) {
            Some(near) => &near.any_team,
            None => &self.prepared.any_team[drill.index()],
        }
    }

    fn need_pos(&self, drill: DrillId) -> &'s [Vec<u32>] {
        match self.team_lists(drill) {
            Some(near) => &near.need_pos,
            None => &self.prepared.need_pos[drill.index()],
        }
    }

    fn need_teams(&self, drill: DrillId) -> &'s [Vec<TeamId>] {
        match self.team_lists(drill) {
            Some(near) => &near.need_teams,
            None => &self.prepared.need_teams[drill.index()],
        }
    }

    /// `best_insertion` on one thread.
    fn best_among(&self, drill: DrillId, starts: &[(Day, u32)], noise: Noise) -> Option<Insertion> {
        let mut best: Option<Insertion> = None;
        let mut windows = routes::TeamWindows::default();
        let mut by_cost: Vec<NeedWindows> = Vec::new();
        let mut windows_day = None;
        for &(day, start) in starts {
            if windows_day != Some(day) {
                windows_day = Some(day);
                self.team_windows(drill, day, &mut windows);
                by_cost = self.need_windows(drill, &windows);
            }
            if self.site_free(drill, day, start).is_err() {
                continue;
            }
            // Also before any start has been staffed: a start where some
            // need has too few teams free (an infinite floor) is no
            // candidate, and most starts of a drill that fits nowhere are so.
            let least = self.rank_at_least(drill, day, start, noise, &mut by_cost);
            if least.is_some_and(|least| {
                least == f64::INFINITY || best.as_ref().is_some_and(|b| least >= b.rank)
            }) {
                continue;
            }
            let inputs = match self.inputs_listed(drill, day, start, noise, &mut by_cost) {
                Some((candidates, listed)) => {
                    self.inputs_with(drill, day, start, candidates, listed)
                }
                None => {
                    let team_cost = self.team_costs(drill, day, start, Some(&windows));
                    self.inputs_from(drill, day, start, noise, team_cost)
                }
            };
            if let Ok(ins) = self.insertion(drill, day, start, noise, &inputs) {
                if best.as_ref().is_none_or(|b| ins.rank < b.rank) {
                    best = Some(ins);
                }
            }
        }
        best
    }

    /// Per need of `drill`: its teams' windows of the day (`team_windows`),
    /// to be read cheapest first at each start: the windows open then are
    /// the need's candidates in staffing's order, without a sort per start.
    fn need_windows(&self, drill: DrillId, windows: &routes::TeamWindows) -> Vec<NeedWindows> {
        self.need_pos(drill)
            .iter()
            .map(|positions| NeedWindows {
                windows: positions
                    .iter()
                    .flat_map(|&i| windows.of(i as usize).iter().map(move |&w| (w, i)))
                    .filter(|(w, _)| w.from <= w.to)
                    .collect(),
                sorted: 0,
            })
            .collect()
    }

    /// Per team that could serve `drill`: the starts on `day` at which it
    /// could join, with the cost, as `Routes::insertion_cost` gives them.
    fn team_windows(&self, drill: DrillId, day: Day, out: &mut routes::TeamWindows) {
        let sc = self.scenario;
        let d = sc.drill(drill);
        out.clear();
        for &t in self.any_team(drill) {
            self.routes.windows(sc, t, day, d.venue, d.duration, out);
        }
    }

    /// Adds a drill; the caller has checked it fits (`evaluate`).
    pub fn place(&mut self, drill: DrillId, p: Placement) {
        let sc = self.scenario;
        let d = sc.drill(drill);
        let end = p.start + d.duration;
        let visit = Visit::of(sc, drill, p.start);
        for &t in &p.teams {
            let before = self.routes.day_travel(sc, t, p.day) as i64;
            self.routes.insert(t, p.day, visit);
            self.travel =
                (self.travel as i64 + self.routes.day_travel(sc, t, p.day) as i64 - before) as u64;
        }
        let iv = Interval {
            start: p.start,
            end,
            weight: 1,
            drill,
        };
        self.venues.insert(d.venue, p.day, iv);
        for &c in &d.conflicts {
            self.conflicts.insert(c, p.day, iv);
        }
        self.standby.insert(&p.teams, p.day, p.start, end, drill);
        self.priority += d.priority;
        self.required += usize::from(d.is_required());
        self.off_preference += u64::from(sc.is_off_preference(drill, p.day, p.start, end));
        if self.matches_baseline(drill, &p) {
            self.changed -= 1;
        }
        for &i in &self.prepared.cover_of[drill.index()] {
            let i = i as usize;
            if self.cover_in_scope[i] && self.covered[i] < self.prepared.cover[i].min {
                self.short -= 1;
            }
            self.covered[i] += 1;
        }
        let slot = self.district_day_slot(drill, p.day);
        self.pairs += u64::from(self.district_day[slot]);
        self.district_day[slot] += 1;
        self.placements[drill.index()] = Some(p);
    }

    /// Whether taking `drill` out leaves every route of its teams feasible.
    pub fn can_remove(&self, drill: DrillId) -> bool {
        self.placement(drill).is_some_and(|p| {
            p.teams
                .iter()
                .all(|&t| self.routes.can_leave(self.scenario, t, p.day, drill))
        })
    }

    /// Takes a drill out; returns where it was. The caller checks
    /// `can_remove` unless it is undoing its own insertions in reverse order.
    pub fn remove(&mut self, drill: DrillId) -> Option<Placement> {
        let p = self.placements[drill.index()].take()?;
        let sc = self.scenario;
        let d = sc.drill(drill);
        let end = p.start + d.duration;
        for &t in &p.teams {
            let before = self.routes.day_travel(sc, t, p.day) as i64;
            self.routes.remove(t, p.day, drill);
            self.travel =
                (self.travel as i64 + self.routes.day_travel(sc, t, p.day) as i64 - before) as u64;
        }
        self.venues.remove(d.venue, p.day, drill);
        for &c in &d.conflicts {
            self.conflicts.remove(c, p.day, drill);
        }
        self.standby.remove(&p.teams, p.day, drill);
        self.priority -= d.priority;
        self.required -= usize::from(d.is_required());
        self.off_preference -= u64::from(sc.is_off_preference(drill, p.day, p.start, end));
        if self.matches_baseline(drill, &p) {
            self.changed += 1;
        }
        for &i in &self.prepared.cover_of[drill.index()] {
            let i = i as usize;
            self.covered[i] -= 1;
            if self.cover_in_scope[i] && self.covered[i] < self.prepared.cover[i].min {
                self.short += 1;
            }
        }
        let slot = self.district_day_slot(drill, p.day);
        self.district_day[slot] -= 1;
        self.pairs -= u64::from(self.district_day[slot]);
        Some(p)
    }

    /// Whether the drill is in the baseline (and so changing it costs).
    pub fn in_baseline(&self, drill: DrillId) -> bool {
        self.baseline.is_some_and(|b| b[drill.index()].is_some())
    }

    pub fn placements(&self) -> &[Option<Placement>] {
        &self.placements
    }

    pub fn schedule(&self) -> Schedule {
        Schedule {
            placements: self.placements.clone(),
            reasons: vec![None; self.placements.len()],
        }
    }
}

/// Each team that could serve a drill, with its cost of joining it at one
/// start (`State::teams_joining`).
pub struct TeamsJoining {
    drill: DrillId,
    day: Day,
    start: u32,
    costs: Vec<(TeamId, Option<i64>)>,
}

impl TeamsJoining {
    /// Prices again the teams whose routes changed (the teams of a drill
    /// just taken out or put in).
    pub fn update(&mut self, state: &State, teams: &[TeamId]) {
        let visit = Visit::of(state.scenario, self.drill, self.start);
        for &t in teams {
            if let Ok(i) = self.costs.binary_search_by_key(&t, |c| c.0) {
                self.costs[i].1 = state
                    .routes
                    .insertion_cost(state.scenario, t, self.day, visit);
            }
        }
    }
}

/// One need's windows of one day (`State::need_windows`): every window of
/// its teams with the team's place in `any_team`, sorted cheapest first
/// (ties: lower team id, then earlier window) only as far as a caller reads:
/// a drill needs its few cheapest teams at a start, and sorting the hundreds
/// a province's drill can reach was most of the construction's time.
struct NeedWindows {
    windows: Vec<(routes::Window, u32)>,
    /// `windows[..sorted]` are the cheapest, in order.
    sorted: usize,
}

impl NeedWindows {
    /// The order `get` reads in: a total order (a team's windows do not
    /// overlap), so sorting part by part gives what one stable sort by
    /// cost and team gave.
    fn key(&(w, i): &(routes::Window, u32)) -> (i64, u32, u32) {
        (w.cost, i, w.from)
    }

    /// The `k`-th cheapest window, sorting more of them if needed.
    fn get(&mut self, k: usize) -> Option<(routes::Window, u32)> {
        if k >= self.sorted && k < self.windows.len() {
            // Twice as far each time: a few dozen windows usually do.
            let upto = (k + 1).max(2 * self.sorted).max(16).min(self.windows.len());
            let rest = &mut self.windows[self.sorted..];
            let take = upto - self.sorted;
            if take < rest.len() {
                rest.select_nth_unstable_by_key(take, Self::key);
            }
            rest[..take].sort_unstable_by_key(Self::key);
            self.sorted = upto;
        }
        self.windows.get(k).copied()
    }

    /// The windows open at `start`, cheapest first.
    fn open_at(&mut self, start: u32) -> impl Iterator<Item = (routes::Window, u32)> + '_ {
        let mut k = 0;
        std::iter::from_fn(move || loop {
            let (w, i) = self.get(k)?;
            k += 1;
            if w.from <= start && start <= w.to {
                return Some((w, i));
            }
        })
    }

    /// How many windows (teams: a team's windows do not overlap) are open at `start`.
    fn count_open(&self, start: u32) -> usize {
        self.windows
            .iter()
            .filter(|(w, _)| w.from <= start && start <= w.to)
            .count()
    }
}

/// What staffing one drill at one start chooses from.
struct StaffingInputs<'s> {
    /// Every team that could fill a need, ascending, with its route cost if it can join.
    team_cost: Vec<(TeamId, Option<i64>)>,
    candidates: Vec<Vec<Candidate>>,
    free: Vec<(StandbyId, u32)>,
    rules_of_team: &'s [Vec<StandbyId>],
    /// Each need's whole list length when `candidates` are cut.
    listed: Option<Vec<usize>>,
}

impl StaffingInputs<'_> {
    fn cost_of(&self, t: TeamId) -> Option<i64> {
        self.team_cost
            .binary_search_by_key(&t, |x| x.0)
            .ok()
            .and_then(|i| self.team_cost[i].1)
    }

    fn problem<'a>(&'a self, drill: &'a crate::scenario::Drill) -> StaffingProblem<'a> {
        StaffingProblem {
            needs: &drill.needs,
            candidates: &self.candidates,
            pinned: drill.pin.as_ref().map_or(&[], |p| &p.teams),
            rules_of_team: self.rules_of_team,
            free: &self.free,
            listed: self.listed.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenerateOptions};

    /// The day's windows give each team exactly the cost (or refusal) that
    /// walking its route gives, at every start, on a schedule half built.
    #[test]
    fn windows_price_every_start_as_the_route_walk_does() {
        let g = generate(&GenerateOptions {
            drills: 300,
            teams: Some(40),
            districts: Some(1),
            seed: 6,
            overrides: 30,
            ..GenerateOptions::default()
        });
        let s = crate::scenario::parse("g.toml", &g.toml).unwrap();
        let prepared = Prepared::new(&s);
        let mut state = State::new(&s, &prepared, None);
        let drills: Vec<DrillId> = s.drill_ids().collect();
        crate::solve::construct::greedy(&mut state, &drills[..200], &vec![true; drills.len()]);
        let mut windows = routes::TeamWindows::default();
        let mut compared = 0;
        for &d in &drills[200..] {
            for day in 0..s.num_days {
                state.team_windows(d, day, &mut windows);
                for &(_, start) in prepared.starts[d.index()].iter().filter(|x| x.0 == day) {
                    let fast = state.team_costs(d, day, start, Some(&windows));
                    let slow = state.team_costs(d, day, start, None);
                    assert_eq!(fast, slow, "drill {d:?} day {day} start {start}");
                    compared += fast.len();
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }

    /// On a half-built schedule, a day's fit read off the cut lists is the
    /// fit the whole lists give, start by start.
    #[test]
    fn a_day_fits_as_its_starts_do() {
        let g = generate(&GenerateOptions {
            drills: 260,
            teams: Some(30),
            districts: Some(2),
            seed: 4,
            overrides: 20,
            ..GenerateOptions::default()
        });
        let s = crate::scenario::parse("g.toml", &g.toml).unwrap();
        let prepared = Prepared::new(&s);
        let mut state = State::new(&s, &prepared, None);
        let drills: Vec<DrillId> = s.drill_ids().collect();
        crate::solve::construct::greedy(&mut state, &drills[..200], &vec![true; drills.len()]);
        let (mut fit, mut not) = (0, 0);
        for &d in &drills[200..] {
            for day in 0..s.num_days {
                let minutes: Vec<u32> = prepared.starts[d.index()]
                    .iter()
                    .filter(|x| x.0 == day)
                    .map(|x| x.1)
                    .collect();
                for one in minutes.chunks(1).chain([&minutes[..]]) {
                    let slow = one.iter().any(|&m| state.fits(d, day, m));
                    assert_eq!(state.fits_on_day(d, day, one), slow, "{d:?} {day} {one:?}");
                    if slow {
                        fit += 1;
                    } else {
                        not += 1;
                    }
                }
            }
        }
        assert!(fit > 100 && not > 100, "{fit} fit, {not} do not");
    }

    /// A district of 300 teams: every drill has more than
    /// `NEAREST_ABOVE` teams, so nearest lists, half built.
    fn crowded_city() -> (Scenario, Prepared) {
        let g = generate(&GenerateOptions {
            drills: 240,
            teams: Some(300),
            districts: Some(1),
            seed: 5,
            overrides: 10,
            ..GenerateOptions::default()
        });
        let s = crate::scenario::parse("g.toml", &g.toml).unwrap();
        let prepared = Prepared::new(&s);
        (s, prepared)
    }

    #[test]
    fn nearest_lists_keep_each_needs_nearest_teams() {
        let (s, prepared) = crowded_city();
        let mut cut = 0;
        for d in s.drill_ids() {
            let all = &prepared.any_team[d.index()];
            let Some(near) = &prepared.nearest[d.index()] else {
                assert!(all.len() <= crate::solve::candidates::NEAREST_ABOVE);
                continue;
            };
            let venue = crate::scenario::travel::Point::Venue(s.drill(d).venue);
            let minutes = |t: TeamId| {
                s.travel
                    .between(crate::scenario::travel::Point::Base(t), venue)
            };
            for (whole, kept) in prepared.need_teams[d.index()].iter().zip(&near.need_teams) {
                assert!(kept.windows(2).all(|w| w[0] < w[1]), "ascending");
                assert!(kept.iter().all(|t| whole.contains(t)));
                // No team left out is nearer than one kept.
                let farthest_kept = kept.iter().map(|&t| (minutes(t), t)).max();
                for &t in whole.iter().filter(|t| !kept.contains(t)) {
                    assert!(Some((minutes(t), t)) > farthest_kept, "{d:?}: {t:?}");
                    cut += 1;
                }
            }
            for (pos, teams) in near.need_pos.iter().zip(&near.need_teams) {
                let named: Vec<TeamId> = pos.iter().map(|&i| near.any_team[i as usize]).collect();
                assert_eq!(&named, teams);
            }
        }
        assert!(cut > 1000, "{cut} teams cut");
    }

    #[test]
    fn teams_joining_updated_after_removals_fit_as_fits_does() {
        let (s, prepared) = crowded_city();
        let mut state = State::new(&s, &prepared, None);
        let drills: Vec<DrillId> = s.drill_ids().collect();
        crate::solve::construct::greedy(&mut state, &drills[..200], &vec![true; drills.len()]);
        let placed: Vec<DrillId> = drills
            .iter()
            .copied()
            .filter(|&d| state.is_placed(d))
            .collect();
        let (mut fit, mut not) = (0, 0);
        for (k, &d) in drills[200..].iter().enumerate() {
            if state.is_placed(d) {
                continue;
            }
            for &(day, start) in prepared.starts[d.index()].iter().step_by(7) {
                let mut joining = state.teams_joining(d, day, start);
                let mut taken = Vec::new();
                // Take out a few drills of that day, checking after each.
                for &other in placed.iter().skip(k % 5).step_by(5) {
                    let whole = state.fits(d, day, start);
                    assert_eq!(state.fits_with(&joining), whole, "{d:?} {day} {start}");
                    if whole {
                        fit += 1;
                    } else {
                        not += 1;
                    }
                    if taken.len() == 4 {
                        break;
                    }
                    if state.placement(other).is_some_and(|p| p.day == day)
                        && state.can_remove(other)
                    {
                        let p = state.remove(other).unwrap();
                        joining.update(&state, &p.teams);
                        taken.push((other, p));
                    }
                }
                for (other, p) in taken.into_iter().rev() {
                    state.place(other, p);
                }
            }
        }
        assert!(fit > 100 && not > 100, "{fit} fit, {not} do not");
    }

    /// At every start of a half-built schedule, the candidate lists read
    /// off the day's sorted windows and cut to the slot count staff a drill
    /// exactly as the whole lists `inputs_from` builds do: same teams, same
    /// cost, same rank.
    #[test]
    fn cut_candidate_lists_staff_as_the_whole_lists_do() {
        let mut compared = 0;
        let mut cut = 0;
        for (seed, districts) in [(3, 1), (11, 2)] {
            let g = generate(&GenerateOptions {
                drills: 260,
                teams: Some(36),
                districts: Some(districts),
                seed,
                overrides: 20,
                ..GenerateOptions::default()
            });
            let s = crate::scenario::parse("g.toml", &g.toml).unwrap();
            let prepared = Prepared::new(&s);
            let mut state = State::new(&s, &prepared, None);
            let drills: Vec<DrillId> = s.drill_ids().collect();
            crate::solve::construct::greedy(&mut state, &drills[..180], &vec![true; drills.len()]);
            let mut windows = routes::TeamWindows::default();
            for &d in &drills[180..] {
                for day in 0..s.num_days {
                    state.team_windows(d, day, &mut windows);
                    let mut by_cost = state.need_windows(d, &windows);
                    for &(_, start) in prepared.starts[d.index()].iter().filter(|x| x.0 == day) {
                        let costs = state.team_costs(d, day, start, Some(&windows));
                        let whole = state.inputs_from(d, day, start, Noise::NONE, costs);
                        let Some((lists, listed)) =
                            state.inputs_listed(d, day, start, Noise::NONE, &mut by_cost)
                        else {
                            continue;
                        };
                        for ((list, all), n) in lists.iter().zip(&whole.candidates).zip(&listed) {
                            assert_eq!(*n, all.len());
                            let teams = |l: &[Candidate]| -> Vec<(TeamId, i64)> {
                                l.iter().map(|c| (c.team, c.cost)).collect()
                            };
                            assert_eq!(teams(list), teams(&all[..list.len()]));
                            cut += usize::from(list.len() < all.len());
                        }
                        let short = state.inputs_with(d, day, start, lists, listed);
                        assert_eq!(
                            state.insertion(d, day, start, Noise::NONE, &whole),
                            state.insertion(d, day, start, Noise::NONE, &short),
                            "drill {d:?} day {day} start {start}"
                        );
                        compared += 1;
                    }
                }
            }
        }
        assert!(
            compared > 1000 && cut > 100,
            "{compared} starts, {cut} lists cut"
        );
    }

    /// A state rebuilt from a schedule's placements, or a part put back
    /// where it was, answers as the state that built the schedule does.
    #[test]
    fn a_state_rebuilt_from_placements_is_the_state_that_made_them() {
        let g = generate(&GenerateOptions {
            drills: 120,
            teams: Some(16),
            districts: Some(1),
            seed: 9,
            overrides: 10,
            ..GenerateOptions::default()
        });
        let s = crate::scenario::parse("g.toml", &g.toml).unwrap();
        let prepared = Prepared::new(&s);
        let mut built = State::new(&s, &prepared, None);
        let drills: Vec<DrillId> = s.drill_ids().collect();
        crate::solve::construct::greedy(&mut built, &drills[..80], &vec![true; drills.len()]);
        let placed = built.placements().iter().filter(|p| p.is_some()).count();
        assert!(placed > 40, "{placed}");
        let same = |a: &State, b: &State| {
            assert_eq!(a.placements(), b.placements());
            assert_eq!(a.key(), b.key());
            assert_eq!(a.penalty_parts(), b.penalty_parts());
            for &d in &drills[80..] {
                let starts = &prepared.starts[d.index()];
                assert_eq!(
                    a.best_insertion(d, starts, Noise::NONE),
                    b.best_insertion(d, starts, Noise::NONE),
                    "{d:?}"
                );
            }
        };
        let rebuilt = State::from_placements(&s, &prepared, built.placements());
        same(&built, &rebuilt);

        let mut moved = rebuilt.clone();
        let first: Vec<Option<Placement>> = drills[..40]
            .iter()
            .map(|&d| moved.placement(d).cloned())
            .collect();
        for &d in &drills[..40] {
            moved.remove(d);
        }
        assert!(moved.key().priority < built.key().priority);
        moved.replace(&drills[..40], &first);
        same(&built, &moved);
    }
}
