//! A bound over team-day routes: the staffing rows relaxed with Lagrange
//! multipliers, so the problem falls apart into one choice per drill and one
//! route per team and day, each solved exactly.
//!
//! The day relaxation (`mod.rs`) lets a team give every minute of its shift
//! to drills. On a city whose districts lie an hour or more apart that is far
//! from true: a team that crosses the city spends its day on the road, and a
//! standby rule can keep half a district's fire teams out of every drill.
//! Here each team's day is a real route: from its base, through drills at
//! their allowed starts with the contract's travel between them, and back
//! within its shift.
//!
//! Why this is an upper bound on the scheduled priority of every feasible
//! schedule. Take one, and let `x[d, day]` say where drill d runs and
//! `u[t, d, day, n]` that team t fills need n of d. It satisfies:
//!
//! - (staffing, rule 4) for every drill, day and need: the teams filling the
//!   need number `count x[d, day]`;
//! - (routes, rules 5-7) the drills a team serves on a day, at their starts,
//!   form a route from its base and back in its shift with the contract's
//!   travel between consecutive venues (rule 6), at most `max_drills_per_day`
//!   of them and at most `max_minutes_per_day` drill minutes;
//! - (venues, rule 8) per venue and day: drill minutes <= capacity x open
//!   minutes; (conflicts, rule 9) per set and day: the sum of (duration +
//!   gap) <= the members' span + gap, as in the day relaxation;
//! - (standby, rule 10) at every instant at most `|G| - keep` teams of a
//!   rule's group are in drills, so over each hour of the day the minutes of
//!   the group in drills are at most `(|G| - keep) x 60`.
//!
//! For multipliers `m >= 0` on the staffing, venue, conflict, standby and
//! daily-limit rows, `L(m)` = the most that drill choices and routes can
//! collect when each row's violation is charged at its multiplier. The
//! schedule above is one such choice, and it violates no row, so every
//! charge it pays is <= 0 and its priority <= `L(m)`. The routes are solved
//! over a superset of the real ones (a team's starts need not match its
//! partners', and a route may visit one drill twice), which can only raise
//! `L(m)`. So every `L(m)` is a bound, whatever the multipliers, and the
//! smallest one seen is kept: stopping early (time limit, Ctrl-C) leaves a
//! weaker bound, never a wrong one.

mod routes;
#[cfg(test)]
mod tests;

use super::super::candidates::Prepared;
use crate::scenario::time::MINUTES_PER_DAY;
use crate::scenario::travel::Point;
use crate::scenario::{Day, DrillId, Scenario, VenueId};
use routes::{for_blocks, team_days, RouteWork};

/// (drill, team, start) triples past which a part's routes are not built:
/// 32 bytes each, and a pass over them per step. A 3 000-drill region of 600
/// teams as one part has some 60 million; a 400-drill city half a million.
const MAX_NODES: usize = 4_000_000;
/// Subgradient iterations at most; each costs one pass over every team-day.
/// The steps usually end before, once halved to nothing (`PATIENCE`). On
/// c-over-city-400, alone on a core: 1 935 after 16 s, where 400 plain
/// steps had stopped at 1 961 (docs/performance.md, "A longer, deflected
/// route bound").
const MAX_ITERATIONS: usize = 3_000;
/// Steps after which `solve` reports its bound so far as the early one:
/// the part's route bound, which the search takes where its moves say
/// (`deadline::Beside::route_bound`), a few seconds of the helper's core,
/// not the twenty the rest can take.
const EARLY_ITERATIONS: usize = 400;
/// Iterations without a better bound before the step is halved. With 12,
/// c-over-city-400's steps were halved to nothing at 1 948 to 1 961.
const PATIENCE: usize = 20;
/// Where the subgradient turns back on the previous step's direction, the
/// step goes along it plus that direction, scaled by this factor times
/// how far it turns back (Camerini, Fratta and Maffioli's deflection): it
/// damps the zig-zag of prices that a drill's teams push up and down by
/// turns. On c-over-city-400, alone on a core: 1 935 after 16 s, against
/// 1 939 to 1 943 without. A fixed share of the previous direction (0.7)
/// reached 1 926 but stalled on the hand-built cities of the tests.
const DEFLECTION: f64 = 1.5;
/// Standby rows are counted per block of this many minutes.
const BLOCK: u32 = 60;
/// Initial staffing prices, as a share of each drill's priority per team slot.
const INITIAL_SHARE: f64 = 0.3;
/// Polyak's steps aim at this share of the best bound so far (or at a known
/// schedule's priority, if higher). On a 400-drill city at twice its teams'
/// capacity, 0.8 reached 2091 in 100 steps, 0.9 2129, 0.95 2159.
const TARGET_SHARE: f64 = 0.8;
const BLOCKS: usize = (MINUTES_PER_DAY / BLOCK) as usize;
/// Rows in minutes are counted in hours: their multipliers then move at the
/// pace of the staffing prices (units of priority per team slot).
const HOUR: f64 = 60.0;

/// One drill's row: what it is worth, and where its multipliers are.
struct DrillRow {
    id: DrillId,
    priority: f64,
    required: bool,
    duration: u32,
    venue: usize,
    /// `count` of each need.
    counts: Vec<f64>,
    /// Days with at least one start.
    days: Vec<Day>,
    /// `lambda[offset + need]`.
    offset: usize,
    conflicts: Vec<usize>,
}

/// A start of a drill that one team could serve on one day.
#[derive(Clone, Copy)]
struct Node {
    start: u32,
    end: u32,
    /// The venue's number among the part's venues.
    venue: u32,
    /// Index into the drill rows.
    drill: u32,
    /// Needs of the drill this team may fill, as bits.
    needs: u64,
}

struct TeamDay {
    day: Day,
    nodes: Vec<Node>,
    /// Standby rules with a keep that count this team.
    rules: Vec<usize>,
    max_drills: Option<u32>,
    max_minutes: Option<u32>,
    shift: (u32, u32),
}

/// The multipliers, one block per family.
struct Multipliers {
    lambda: Vec<f64>,
    venue: Vec<f64>,
    conflict: Vec<f64>,
    /// `standby[(rule * days + day) * BLOCKS + block]`.
    standby: Vec<f64>,
    /// Per team-day: on `max_drills_per_day` and `max_minutes_per_day`.
    drills_limit: Vec<f64>,
    minutes_limit: Vec<f64>,
}

impl Multipliers {
    fn all_mut(&mut self) -> [&mut Vec<f64>; 6] {
        [
            &mut self.lambda,
            &mut self.venue,
            &mut self.conflict,
            &mut self.standby,
            &mut self.drills_limit,
            &mut self.minutes_limit,
        ]
    }
}

/// The route relaxation of one part of the scenario, built once and then
/// improved iteration by iteration.
pub struct RouteBound<'a> {
    scenario: &'a Scenario,
    rows: Vec<DrillRow>,
    team_days: Vec<TeamDay>,
    /// The part's venues, and `travel_slots[b * n + a]`: the fastest travel
    /// from a to b, in slots rounded up.
    part_venues: usize,
    travel_slots: Vec<u32>,
    /// Per venue and day: capacity x open minutes (only venues of the part).
    venue_capacity: Vec<f64>,
    /// Per conflict set and day: span + gap.
    conflict_capacity: Vec<f64>,
    /// Standby rules with a keep: (rule, teams that may be in drills at once).
    standby_rules: Vec<(usize, f64)>,
    m: Multipliers,
    /// Families whose multipliers stay at zero (their rows left out), by
    /// their place in `Multipliers::all_mut`; only tests set any.
    frozen: [bool; 6],
    /// Priorities' common divisor: the bound is rounded down to a multiple.
    unit: u64,
    trivial: u64,
}

/// Everything one evaluation of `L(m)` chose, for the subgradient.
struct Evaluation {
    value: f64,
    /// Per multiplier family, `d L / d m`.
    grad: [Vec<f64>; 6],
}

impl<'a> RouteBound<'a> {
    /// The relaxation of `drills`, or `None` when its routes would have
    /// more than `MAX_NODES` (drill, team, start) triples: the day
    /// relaxation then stands.
    pub fn new(scenario: &'a Scenario, prepared: &Prepared, drills: &[DrillId]) -> Option<Self> {
        let nodes: usize = drills
            .iter()
            .map(|d| prepared.any_team[d.index()].len() * prepared.starts[d.index()].len())
            .sum();
        if nodes > MAX_NODES {
            return None;
        }
        let days = scenario.num_days as usize;
        let mut rows = Vec::new();
        let mut offset = 0;
        for &d in drills {
            let drill = scenario.drill(d);
            let mut ds: Vec<Day> = prepared.starts[d.index()].iter().map(|s| s.0).collect();
            ds.dedup();
            let staffable = drill
                .needs
                .iter()
                .zip(&prepared.need_teams[d.index()])
                .all(|(n, teams)| teams.len() as u32 >= n.count());
            if ds.is_empty() || !staffable {
                continue;
            }
            let counts: Vec<f64> = drill.needs.iter().map(|n| n.count() as f64).collect();
            let n = counts.len();
            rows.push(DrillRow {
                id: d,
                priority: drill.priority as f64,
                required: drill.is_required(),
                duration: drill.duration,
                venue: drill.venue.index(),
                counts,
                days: ds,
                offset,
                conflicts: drill.conflicts.iter().map(|c| c.index()).collect(),
            });
            offset += n;
        }
        // Initial prices: half of each drill's priority, shared among its
        // team slots, on every day (a start near the optimum on most plans).
        let mut lambda = vec![0.0; offset];
        for r in &rows {
            let slots: f64 = r.counts.iter().sum();
            for n in 0..r.counts.len() {
                lambda[r.offset + n] = INITIAL_SHARE * r.priority / slots;
            }
        }
        let standby_rules: Vec<(usize, f64)> = scenario
            .standbys
            .iter()
            .enumerate()
            .filter(|(_, s)| s.keep > 0)
            .map(|(i, s)| (i, s.available() as f64))
            .collect();
        let mut venue_number = vec![u32::MAX; scenario.venues.len()];
        let mut venues: Vec<VenueId> = Vec::new();
        for r in &rows {
            if venue_number[r.venue] == u32::MAX {
                venue_number[r.venue] = venues.len() as u32;
                venues.push(VenueId(r.venue as u32));
            }
        }
        let nv = venues.len();
        let mut travel_slots = vec![0u32; nv * nv];
        for a in 0..nv {
            for b in 0..nv {
                let t = scenario
                    .travel
                    .shortest(Point::Venue(venues[a]), Point::Venue(venues[b]));
                travel_slots[b * nv + a] = t.div_ceil(scenario.slot_minutes);
            }
        }
        let team_days = team_days(scenario, prepared, &rows, &venue_number, &standby_rules);
        let venue_capacity = (0..scenario.venues.len() * days)
            .map(|i| {
                let v = &scenario.venues[i / days];
                (v.capacity * super::open_minutes(&v.hours)) as f64 / HOUR
            })
            .collect();
        let conflict_capacity = (0..scenario.conflicts.len() * days)
            .map(|i| {
                let c = &scenario.conflicts[i / days];
                let (mut earliest, mut latest) = (u32::MAX, 0);
                for &d in &c.drills {
                    for w in &scenario.venue(scenario.drill(d).venue).hours {
                        earliest = earliest.min(w.start);
                        latest = latest.max(w.end);
                    }
                }
                (latest.saturating_sub(earliest) + c.gap) as f64 / HOUR
            })
            .collect();
        let unit = drills
            .iter()
            .map(|&d| scenario.drill(d).priority)
            .fold(0, super::gcd)
            .max(1);
        let trivial = rows.iter().map(|r| r.priority as u64).sum();
        let n_team_days = team_days.len();
        Some(RouteBound {
            scenario,
            m: Multipliers {
                lambda,
                venue: vec![0.0; scenario.venues.len() * days],
                conflict: vec![0.0; scenario.conflicts.len() * days],
                standby: vec![0.0; scenario.standbys.len() * days * BLOCKS],
                drills_limit: vec![0.0; n_team_days],
                minutes_limit: vec![0.0; n_team_days],
            },
            frozen: [false; 6],
            rows,
            team_days,
            part_venues: nv,
            travel_slots,
            venue_capacity,
            conflict_capacity,
            standby_rules,
            unit,
            trivial,
        })
    }

    /// Runs the subgradient method: at most `MAX_ITERATIONS` evaluations,
    /// fewer once the bound reaches `lower` (the priority of a known
    /// schedule) or the steps become too small to matter. `interrupted` is
    /// asked before every evaluation; the best bound so far is returned
    /// either way, and `better` hears of each better one on the way (every
    /// one is a bound). `early` hears once of the best bound after
    /// `EARLY_ITERATIONS` steps, or at the end if the steps end before (not
    /// if interrupted first). The sequence of multipliers depends only on
    /// the inputs, so both values do too.
    pub fn solve(
        &mut self,
        lower: u64,
        interrupted: &dyn Fn() -> bool,
        better: &dyn Fn(u64),
        early: &dyn Fn(u64),
    ) -> u64 {
        let mut best = f64::INFINITY;
        let mut theta: f64 = 2.0;
        let mut since_better = 0;
        let mut previous: Option<[Vec<f64>; 6]> = None;
        let mut early_told = false;
        for iteration in 0..MAX_ITERATIONS {
            if iteration == EARLY_ITERATIONS {
                early(self.round(best));
                early_told = true;
            }
            if interrupted() {
                return self.round(best);
            }
            let eval = self.evaluate(interrupted);
            let Some(eval) = eval else {
                return self.round(best);
            };
            if eval.value < best - 1e-9 {
                best = eval.value;
                since_better = 0;
                better(self.round(best));
            } else {
                since_better += 1;
                if since_better >= PATIENCE {
                    theta /= 2.0;
                    since_better = 0;
                }
            }
            if self.round(best) <= lower || theta < 1e-3 {
                break;
            }
            // A multiplier at zero that its row would push below zero stays
            // there: leave it out of the step's length.
            let mut grad = eval.grad;
            for (g, _) in grad.iter_mut().zip(self.frozen).filter(|(_, f)| *f) {
                g.iter_mut().for_each(|gi| *gi = 0.0);
            }
            self.hold_at_zero(&mut grad);
            if let Some(previous) = &previous {
                let dot: f64 = grad
                    .iter()
                    .flatten()
                    .zip(previous.iter().flatten())
                    .map(|(g, p)| g * p)
                    .sum();
                let size: f64 = previous.iter().flatten().map(|p| p * p).sum();
                let beta = if dot < 0.0 && size > 1e-12 {
                    -DEFLECTION * dot / size
                } else {
                    0.0
                };
                for (g, p) in grad.iter_mut().zip(previous) {
                    for (gi, pi) in g.iter_mut().zip(p) {
                        *gi += beta * pi;
                    }
                }
                self.hold_at_zero(&mut grad);
            }
            let norm: f64 = grad.iter().flatten().map(|g| g * g).sum();
            if norm <= 1e-12 {
                break;
            }
            // Polyak's step towards a target a little below the best bound.
            let target = (lower as f64).max(best * TARGET_SHARE).min(eval.value);
            let step = theta * (eval.value - target).max(1e-3 * eval.value.abs()) / norm;
            for (m, g) in self.m.all_mut().into_iter().zip(&grad) {
                for (mi, gi) in m.iter_mut().zip(g) {
                    *mi = (*mi - step * gi).max(0.0);
                }
            }
            previous = Some(grad);
        }
        if !early_told {
            early(self.round(best));
        }
        self.round(best)
    }

    /// Zeroes the parts of a step direction that would push a multiplier
    /// at zero below it: such a multiplier stays there, and must not count
    /// in the step's length.
    fn hold_at_zero(&mut self, direction: &mut [Vec<f64>; 6]) {
        for (m, d) in self.m.all_mut().into_iter().zip(direction.iter_mut()) {
            for (mi, di) in m.iter().zip(d.iter_mut()) {
                if *mi <= 0.0 && *di > 0.0 {
                    *di = 0.0;
                }
            }
        }
    }

    /// Leaves out the rows of one family (0 staffing, 1 venues, 2
    /// conflicts, 3 standby, 4 and 5 daily limits): what the bound is without them.
    #[cfg(test)]
    fn freeze(&mut self, family: usize) {
        self.frozen[family] = true;
        self.m.all_mut()[family].iter_mut().for_each(|m| *m = 0.0);
    }

    /// The bound as a whole number of priority units, on the safe side of
    /// floating-point error, never above the sum of the placeable priorities.
    fn round(&self, value: f64) -> u64 {
        if !value.is_finite() {
            return self.trivial;
        }
        let units = value / self.unit as f64;
        let units = (units + 1e-6 * units.abs().max(1.0)).floor().max(0.0) as u64;
        units.saturating_mul(self.unit).min(self.trivial)
    }

    /// `L(m)` and its subgradient; `None` if interrupted midway.
    fn evaluate(&self, interrupted: &dyn Fn() -> bool) -> Option<Evaluation> {
        let sc = self.scenario;
        let days = sc.num_days as usize;
        let m = &self.m;
        let mut grad: [Vec<f64>; 6] = [
            vec![0.0; m.lambda.len()],
            self.venue_capacity.clone(),
            self.conflict_capacity.clone(),
            vec![0.0; m.standby.len()],
            vec![0.0; self.team_days.len()],
            vec![0.0; self.team_days.len()],
        ];
        let mut value: f64 = m
            .venue
            .iter()
            .zip(&self.venue_capacity)
            .map(|(a, b)| a * b)
            .sum();
        value += m
            .conflict
            .iter()
            .zip(&self.conflict_capacity)
            .map(|(a, b)| a * b)
            .sum::<f64>();
        for &(r, available) in &self.standby_rules {
            for i in 0..days * BLOCKS {
                let k = r * days * BLOCKS + i;
                value += m.standby[k] * available * BLOCK as f64 / HOUR;
                grad[3][k] += available * BLOCK as f64 / HOUR;
            }
        }
        // Drills: each on its best day, if that is worth it (required: always).
        for r in &self.rows {
            let mut best: Option<(f64, Day)> = None;
            for &day in &r.days {
                let di = day as usize;
                let mut c = r.priority;
                for (n, count) in r.counts.iter().enumerate() {
                    c -= count * m.lambda[r.offset + n];
                }
                c -= r.duration as f64 / HOUR * m.venue[r.venue * days + di];
                for &k in &r.conflicts {
                    let gap = sc.conflicts[k].gap;
                    c -= (r.duration + gap) as f64 / HOUR * m.conflict[k * days + di];
                }
                if best.is_none_or(|(b, _)| c > b) {
                    best = Some((c, day));
                }
            }
            let Some((c, day)) = best else { continue };
            if c <= 0.0 && !r.required {
                continue;
            }
            value += c;
            let di = day as usize;
            for (n, count) in r.counts.iter().enumerate() {
                grad[0][r.offset + n] -= count;
            }
            grad[1][r.venue * days + di] -= r.duration as f64 / HOUR;
            for &k in &r.conflicts {
                grad[2][k * days + di] -= (r.duration + sc.conflicts[k].gap) as f64 / HOUR;
            }
        }
        // Routes: one per team and day.
        let mut work = RouteWork::default();
        for (i, td) in self.team_days.iter().enumerate() {
            if i % 16 == 0 && interrupted() {
                return None;
            }
            value += self.route(i, td, &mut work, &mut grad);
        }
        Some(Evaluation { value, grad })
    }

    /// What a node of team-day `i` adds to its route, and which need it fills.
    fn gain(&self, i: usize, td: &TeamDay, node: &Node) -> (f64, usize) {
        let days = self.scenario.num_days as usize;
        let r = &self.rows[node.drill as usize];
        let (mut best, mut need) = (f64::NEG_INFINITY, 0);
        let mut bits = node.needs;
        while bits != 0 {
            let n = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let l = self.m.lambda[r.offset + n];
            if l > best {
                best = l;
                need = n;
            }
        }
        let mut g =
            best - self.m.drills_limit[i] - self.m.minutes_limit[i] * r.duration as f64 / HOUR;
        for &rule in &td.rules {
            let base = (rule * days + td.day as usize) * BLOCKS;
            for_blocks(node.start, node.end, |b, minutes| {
                g -= self.m.standby[base + b] * minutes as f64 / HOUR;
            });
        }
        (g, need)
    }
}
