//! A lower bound on the penalty of one part's schedules: no schedule that
//! schedules at least a given priority in the part has a lower penalty. It
//! lets a run with time left stop once its penalty is within `--gap` of
//! what any schedule of that priority must pay, and says in the summary how
//! far from that the penalty is.
//!
//! Which drills such a schedule must hold: every required drill, and every
//! drill whose priority is more than the part can spare. With `T` the
//! priority of every drill of the part that may run, a schedule without
//! drill `d` has at most `T - priority(d)`; so at priority `P` it holds each
//! drill with `priority(d) > T - P`. At `P = T` that is every drill that may
//! run. The bound is then the sum, over those drills, of what each must pay
//! whatever else is scheduled, plus the spread pairs they must make:
//!
//! - travel: each team that fills a need arrives at the venue by one leg,
//!   from its base or from a drill of its own before; that leg belongs to
//!   this (team, drill) and to no other, so the legs add up to at most the
//!   team-minutes. Per need, the `count` cheapest teams' cheapest arrival.
//!   The way back is not counted: it is the next drill's arrival, or the
//!   one leg home, and counting it too would count legs twice;
//! - the way home: every team-day that serves a drill ends with one leg
//!   home, at least the team's shortest leg between its base and a venue
//!   it could serve (`home`). A team-day serves at most `k` drills (its
//!   daily limit, or as many of its shortest drills as fit in its shift or
//!   its minutes with the ways out and home), so each drill a team serves
//!   carries `home / k` of it: `k` such shares are at most one leg home.
//!   These are legs the arrivals above do not count, so the two add up;
//! - off-preference: a drill none of whose starts is in its preference;
//! - change: a baseline drill that cannot run is dropped, and a drill that
//!   must run but cannot keep its baseline start or teams moves;
//! - spread: a district's drills that must run, split as evenly as they can
//!   be over the days any of them can run on;
//! - the first drill of a venue: teams go home at the end of each day, so
//!   on each day a venue is used, the drill that starts first there has no
//!   drill at that venue before it to arrive from. Where a drill that must
//!   run is at a venue, some drill scheduled there (one that may run) pays
//!   its arrivals from elsewhere: the least such extra over those drills
//!   is added, once per venue. An arrival "from the same venue" costs 0 in
//!   the travel term above, which is what made clusters of drills at one
//!   school look free.
//!
//! With a negative weight a term could fall below its bound: there is no
//! bound then.

use super::candidates::Prepared;
use crate::scenario::{Day, DrillId, Scenario, TeamId, VenueId};
use crate::schedule::Placement;
use std::collections::HashMap;

/// (team, venue) pairs up to which a team's nearest other venue is looked
/// up among the venues that team serves; beyond, among every venue of the
/// part (looser, the same for every team).
const TEAM_VENUE_WORK: u64 = 4_000_000;
/// (venue, venue) pairs up to which each venue's nearest other venue of the
/// part is worked out once (a region of 2 300 venues: 5 million legs, a
/// few tenths of a second); beyond, not at all, and an arrival from another
/// drill then costs nothing.
const VENUE_WORK: u64 = 16_000_000;

/// One part's penalty bound, ready to be evaluated at any priority.
#[derive(Debug, Clone)]
pub(super) struct PenaltyBound {
    /// What every schedule of the part pays whatever it holds.
    fixed: f64,
    /// The required drills and what each must pay.
    required: Vec<(DrillId, f64)>,
    /// The other drills that may run, priority descending (ties by drill):
    /// (priority, what it must pay if scheduled, drill).
    optional: Vec<(u64, f64, DrillId)>,
    /// Running sums of `optional`'s costs, one longer.
    prefix: Vec<f64>,
    /// The priority of every drill of the part that may run.
    may_run: u64,
    /// Per drill of the part: its district and the days it can run on
    /// (only with a spread weight).
    spread: Option<HashMap<DrillId, (usize, Vec<Day>)>>,
    spread_weight: f64,
    /// Whether every weight is a whole number, so every penalty is one too.
    whole: bool,
    num_days: usize,
    /// Per drill that may run, its venue, where some drill of that venue
    /// pays more for arriving from elsewhere than the travel term counts.
    venue_of: HashMap<DrillId, VenueId>,
    /// Per such venue: the least extra any drill of it that may run pays
    /// when it is the first of its day there.
    first_extra: HashMap<VenueId, f64>,
}

impl PenaltyBound {
    /// `None` when a weight is negative. `alone` holds the days each drill
    /// fits on in an empty plan; `placeable` whether it fits on any.
    pub(super) fn new(
        scenario: &Scenario,
        prepared: &Prepared,
        alone: &[Vec<Day>],
        placeable: &[bool],
        baseline: Option<&[Option<Placement>]>,
        drills: &[DrillId],
    ) -> Option<PenaltyBound> {
        let w = scenario.weights;
        if w.travel < 0.0 || w.off_preference < 0.0 || w.change < 0.0 || w.spread < 0.0 {
            return None;
        }
        let ready = |d: DrillId| prepared.ready[d.index()];
        let may_run = |d: DrillId| placeable[d.index()] || !ready(d);
        let in_baseline = |d: DrillId| baseline.and_then(|b| b[d.index()].as_ref());
        let arrivals = Arrivals::new(scenario, prepared, drills, may_run);
        let mut memo = HashMap::new();
        let mut from_elsewhere = HashMap::new();
        let mut venue_of = HashMap::new();
        let mut first_extra: HashMap<VenueId, f64> = HashMap::new();
        let mut fixed = 0.0;
        let mut required = Vec::new();
        let mut optional = Vec::new();
        let mut total = 0u64;
        for &d in drills {
            if !may_run(d) {
                // Dropped in every schedule: a baseline drill counts as changed.
                if in_baseline(d).is_some() {
                    fixed += w.change;
                }
                continue;
            }
            let drill = scenario.drill(d);
            total += drill.priority;
            let mut cost = 0.0;
            let mut extra = 0.0;
            if ready(d) {
                let minutes = arrivals.least_team_minutes(scenario, prepared, &mut memo, d, true);
                cost += w.travel * minutes;
                let elsewhere =
                    arrivals.least_team_minutes(scenario, prepared, &mut from_elsewhere, d, false);
                extra = w.travel * (elsewhere - minutes).max(0.0);
                if always_off_preference(scenario, prepared, d) {
                    cost += w.off_preference;
                }
                if let Some(old) = in_baseline(d) {
                    if !can_keep(scenario, prepared, d, old) {
                        cost += w.change;
                    }
                }
            }
            // Not looked at (not ready): nothing is known of it, so 0.
            let least = first_extra.entry(drill.venue).or_insert(extra);
            *least = least.min(extra);
            venue_of.insert(d, drill.venue);
            if drill.is_required() {
                required.push((d, cost));
            } else {
                optional.push((drill.priority, cost, d));
            }
        }
        optional.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
        let mut prefix = Vec::with_capacity(optional.len() + 1);
        let mut sum = 0.0;
        prefix.push(sum);
        for o in &optional {
            sum += o.1;
            prefix.push(sum);
        }
        let spread = (w.spread > 0.0).then(|| {
            drills
                .iter()
                .filter(|&&d| may_run(d))
                .map(|&d| {
                    let days = if ready(d) {
                        alone[d.index()].clone()
                    } else {
                        // Not looked at: any day of the plan.
                        (0..scenario.num_days).collect()
                    };
                    (d, (scenario.district_of(d).index(), days))
                })
                .collect()
        });
        Some(PenaltyBound {
            fixed,
            required,
            optional,
            prefix,
            may_run: total,
            spread,
            spread_weight: w.spread,
            whole: [w.travel, w.off_preference, w.change, w.spread]
                .iter()
                .all(|x| x.fract() == 0.0),
            num_days: scenario.num_days as usize,
            venue_of: {
                first_extra.retain(|_, e| *e > 0.0);
                venue_of.retain(|_, v| first_extra.contains_key(v));
                venue_of
            },
            first_extra,
        })
    }

    /// The least penalty of any schedule of the part with at least
    /// `priority` scheduled (every required drill in).
    pub(super) fn at(&self, priority: u64) -> f64 {
        let spare = self.may_run.saturating_sub(priority);
        let forced = self.optional.partition_point(|o| o.0 > spare);
        let mut bound =
            self.fixed + self.required.iter().map(|r| r.1).sum::<f64>() + self.prefix[forced];
        let must = || {
            self.required
                .iter()
                .map(|r| r.0)
                .chain(self.optional[..forced].iter().map(|o| o.2))
        };
        if let Some(days_of) = &self.spread {
            bound += self.spread_weight * self.least_pairs(days_of, must()) as f64;
        }
        if !self.first_extra.is_empty() {
            let venues: std::collections::BTreeSet<VenueId> = must()
                .filter_map(|d| self.venue_of.get(&d).copied())
                .collect();
            bound += venues.iter().map(|v| self.first_extra[v]).sum::<f64>();
        }
        // The shares of ways home are fractions; a penalty of whole weights
        // is a whole number, so the next one up is a bound too.
        if self.whole {
            bound = (bound - 1e-6).ceil().max(0.0);
        }
        bound
    }

    /// The fewest same-day pairs the drills `must` make, district by district.
    fn least_pairs(
        &self,
        days_of: &HashMap<DrillId, (usize, Vec<Day>)>,
        must: impl Iterator<Item = DrillId>,
    ) -> u64 {
        // Per district: the drills and the days any of them can run on.
        let mut districts: HashMap<usize, (u64, Vec<bool>)> = HashMap::new();
        for d in must {
            let Some((district, days)) = days_of.get(&d) else {
                continue;
            };
            let entry = districts
                .entry(*district)
                .or_insert_with(|| (0, vec![false; self.num_days]));
            entry.0 += 1;
            for &day in days {
                entry.1[day as usize] = true;
            }
        }
        districts
            .values()
            .map(|(n, days)| even_split_pairs(*n, days.iter().filter(|&&d| d).count() as u64))
            .sum()
    }
}

/// The fewest pairs `n` items make over `days` days when pairs count only
/// within a day: the even split, since n(n-1)/2 is convex.
pub(super) fn even_split_pairs(n: u64, days: u64) -> u64 {
    if n < 2 {
        return 0;
    }
    // Drills with no day to run on are not scheduled; the caller has none.
    let days = days.max(1);
    let (q, r) = (n / days, n % days);
    r * (q + 1) * q / 2 + (days - r) * q * q.saturating_sub(1) / 2
}

/// The relative penalty gap: how far above `bound` the `penalty` is, as a
/// share of the penalty (0 once it is at or below the bound).
pub fn penalty_gap(penalty: f64, bound: f64) -> f64 {
    if penalty <= bound || penalty <= 0.0 {
        0.0
    } else {
        (penalty - bound) / penalty
    }
}

/// Whether every start of drill `d` is outside its preference.
fn always_off_preference(scenario: &Scenario, prepared: &Prepared, d: DrillId) -> bool {
    let duration = scenario.drill(d).duration;
    let starts = &prepared.starts[d.index()];
    !starts.is_empty()
        && starts
            .iter()
            .all(|&(day, start)| scenario.is_off_preference(d, day, start, start + duration))
}

/// Whether drill `d` could be scheduled exactly as in the baseline, as far
/// as its own starts and teams tell.
fn can_keep(scenario: &Scenario, prepared: &Prepared, d: DrillId, old: &Placement) -> bool {
    prepared.starts[d.index()].contains(&(old.day, old.start))
        && old.teams.len() == scenario.drill(d).team_count() as usize
        && old
            .teams
            .iter()
            .all(|t| prepared.any_team[d.index()].binary_search(t).is_ok())
}

/// The cheapest leg on which a team can arrive at a drill's venue.
struct Arrivals {
    /// Per team: the venues of the part's drills it could serve, and how
    /// many of them each venue holds. `None`: too many to look through.
    by_team: Option<HashMap<TeamId, HashMap<VenueId, u32>>>,
    /// Per venue of the part: how many drills that may run it holds.
    venues: HashMap<VenueId, u32>,
    /// Where `by_team` is `None`: per venue of the part, the fewest minutes
    /// from any other venue of the part. `None`: too many venues.
    nearest_other: Option<HashMap<VenueId, u32>>,
    /// Per team: its share of a leg home in each drill it serves (absent: 0).
    home_share: HashMap<TeamId, f64>,
}

impl Arrivals {
    fn new(
        scenario: &Scenario,
        prepared: &Prepared,
        drills: &[DrillId],
        may_run: impl Fn(DrillId) -> bool,
    ) -> Self {
        Self::within(
            scenario,
            prepared,
            drills,
            may_run,
            TEAM_VENUE_WORK,
            VENUE_WORK,
        )
    }

    /// As `new`, with the work limits given (a test makes a city take the
    /// path of a region).
    fn within(
        scenario: &Scenario,
        prepared: &Prepared,
        drills: &[DrillId],
        may_run: impl Fn(DrillId) -> bool,
        team_venue_work: u64,
        venue_work_limit: u64,
    ) -> Self {
        let mut by_team: HashMap<TeamId, HashMap<VenueId, u32>> = HashMap::new();
        let mut venues: HashMap<VenueId, u32> = HashMap::new();
        // A province has tens of millions of (drill, team) pairs: tabling
        // them per team would cost seconds, so it goes by venue alone.
        let pairs: u64 = drills
            .iter()
            .map(|d| prepared.any_team[d.index()].len() as u64)
            .sum();
        let per_team = pairs <= team_venue_work / 4;
        // Per team, its shortest drill: how many it can serve in a day.
        let mut shortest_drill: HashMap<TeamId, u32> = HashMap::new();
        for &d in drills.iter().filter(|&&d| may_run(d)) {
            let (v, duration) = (scenario.drill(d).venue, scenario.drill(d).duration);
            *venues.entry(v).or_default() += 1;
            if per_team {
                for &t in &prepared.any_team[d.index()] {
                    *by_team.entry(t).or_default().entry(v).or_default() += 1;
                    let least = shortest_drill.entry(t).or_insert(duration);
                    *least = (*least).min(duration);
                }
            }
        }
        let team_work: u64 = by_team.values().map(|v| (v.len() as u64).pow(2)).sum();
        let venue_work = (venues.len() as u64).pow(2);
        let home_share = if per_team {
            home_shares(scenario, &by_team, &shortest_drill)
        } else {
            HashMap::new()
        };
        let by_team = (per_team && team_work <= team_venue_work).then_some(by_team);
        let nearest_other = (by_team.is_none() && venue_work <= venue_work_limit).then(|| {
            venues
                .keys()
                .map(|&v| {
                    let nearest = venues
                        .keys()
                        .filter(|&&u| u != v)
                        .map(|&u| scenario.travel.venue_to_venue(u, v))
                        .min()
                        .unwrap_or(u32::MAX);
                    (v, nearest)
                })
                .collect()
        });
        Arrivals {
            by_team,
            venues,
            nearest_other,
            home_share,
        }
    }

    /// The fewest minutes in which `team` can arrive at venue `v`: from
    /// its base, or from another drill it serves.
    fn arrival(
        &self,
        scenario: &Scenario,
        memo: &mut HashMap<(TeamId, VenueId), u32>,
        team: TeamId,
        v: VenueId,
        same_venue: bool,
    ) -> u32 {
        // Without a team's own venues: from its base, or from the part's
        // nearest other venue, whichever team it is (or from a drill at the
        // same venue, at no cost). A region's millions of pairs are not
        // worth remembering for that, and with too many venues to look
        // through, every arrival may come from a drill next door.
        if self.by_team.is_none() {
            let Some(nearest_other) = &self.nearest_other else {
                return 0;
            };
            if same_venue && self.venues.get(&v).is_some_and(|&n| n >= 2) {
                return 0;
            }
            let from_elsewhere = nearest_other.get(&v).copied().unwrap_or(u32::MAX);
            return scenario.travel.base_to_venue(team, v).min(from_elsewhere);
        }
        if let Some(&m) = memo.get(&(team, v)) {
            return m;
        }
        let travel = &scenario.travel;
        let mut best = travel.base_to_venue(team, v);
        let others = self.by_team.as_ref().and_then(|by_team| by_team.get(&team));
        match others {
            None => {}
            Some(others) => {
                for (&u, &n) in others {
                    if best == 0 {
                        break;
                    }
                    // Another drill at the same venue: an arrival of 0.
                    let leg = if u == v {
                        if same_venue && n >= 2 {
                            0
                        } else {
                            continue;
                        }
                    } else {
                        travel.venue_to_venue(u, v)
                    };
                    best = best.min(leg);
                }
            }
        }
        memo.insert((team, v), best);
        best
    }

    /// The fewest team-minutes drill `d` brings: per need, the `count`
    /// cheapest of its teams, each by its arrival and its share of a way
    /// home; with `same_venue` false, none of them coming from another drill
    /// at the same venue (`memo` is then that question's own).
    fn least_team_minutes(
        &self,
        scenario: &Scenario,
        prepared: &Prepared,
        memo: &mut HashMap<(TeamId, VenueId), u32>,
        d: DrillId,
        same_venue: bool,
    ) -> f64 {
        let v = scenario.drill(d).venue;
        let mut total = 0.0;
        for (need, teams) in scenario
            .drill(d)
            .needs
            .iter()
            .zip(&prepared.need_teams[d.index()])
        {
            let mut legs: Vec<f64> = teams
                .iter()
                .map(|&t| {
                    let share = self.home_share.get(&t).copied().unwrap_or(0.0);
                    f64::from(self.arrival(scenario, memo, t, v, same_venue)) + share
                })
                .collect();
            legs.sort_unstable_by(f64::total_cmp);
            total += legs.iter().take(need.count() as usize).sum::<f64>();
        }
        total
    }
}

/// Per team that could serve a drill of the part: the shortest leg between
/// its base and such a drill's venue, divided by the most drills it can
/// serve in a day.
fn home_shares(
    scenario: &Scenario,
    by_team: &HashMap<TeamId, HashMap<VenueId, u32>>,
    shortest_drill: &HashMap<TeamId, u32>,
) -> HashMap<TeamId, f64> {
    let mut out = HashMap::new();
    for (&t, venues) in by_team {
        let Some(&duration) = shortest_drill.get(&t) else {
            continue;
        };
        let home = venues
            .keys()
            .map(|&v| scenario.travel.base_to_venue(t, v))
            .min()
            .unwrap_or(0);
        if home == 0 || duration == 0 {
            continue;
        }
        let team = scenario.team(t);
        let shift = team.shift.end.saturating_sub(team.shift.start);
        // The way out and the way home are each at least `home`.
        let mut most = shift.saturating_sub(2 * home) / duration;
        if let Some(k) = team.max_drills_per_day {
            most = most.min(k);
        }
        if let Some(m) = team.max_minutes_per_day {
            most = most.min(m / duration);
        }
        out.insert(t, f64::from(home) / f64::from(most.max(1)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_split_evenly_over_the_days() {
        assert_eq!(even_split_pairs(0, 3), 0);
        assert_eq!(even_split_pairs(1, 3), 0);
        assert_eq!(even_split_pairs(3, 3), 0);
        // 4 over 3 days: 2 + 1 + 1, one pair.
        assert_eq!(even_split_pairs(4, 3), 1);
        // 7 over 3 days: 3 + 2 + 2: 3 + 1 + 1 pairs.
        assert_eq!(even_split_pairs(7, 3), 5);
        // One day: every pair.
        assert_eq!(even_split_pairs(5, 1), 10);
        assert_eq!(even_split_pairs(5, 0), 10);
    }

    fn city(drills: usize, teams: usize, seed: u64) -> Scenario {
        let g = crate::generate::generate(&crate::generate::GenerateOptions {
            drills,
            teams: Some(teams),
            seed,
            ..Default::default()
        });
        crate::scenario::parse("g.toml", &g.toml).unwrap()
    }

    /// A region's arrivals go by the part's nearest other venue, whichever
    /// the team: never more than a city's, which go by the team's own
    /// venues, so the bound built on them stays a bound (the property test
    /// checks the city's against the brute-force least penalty).
    #[test]
    fn arrivals_by_venue_are_never_above_arrivals_by_team() {
        use crate::generate::{generate, GenerateOptions};
        for seed in 1..=3 {
            let g = generate(&GenerateOptions {
                drills: 60,
                teams: Some(12),
                districts: Some(2),
                seed,
                ..GenerateOptions::default()
            });
            let s = crate::scenario::parse("g.toml", &g.toml).unwrap();
            let prepared = Prepared::new(&s);
            let drills: Vec<DrillId> = s.drill_ids().collect();
            let by_team = Arrivals::new(&s, &prepared, &drills, |_| true);
            let by_venue = Arrivals::within(&s, &prepared, &drills, |_| true, 0, u64::MAX);
            assert!(by_team.by_team.is_some() && by_venue.by_team.is_none());
            assert!(by_venue.nearest_other.is_some());
            let (mut memo, mut unused) = (HashMap::new(), HashMap::new());
            let mut some_travel = false;
            for &d in &drills {
                let v = s.drill(d).venue;
                for &t in &prepared.any_team[d.index()] {
                    for same_venue in [true, false] {
                        let team = by_team.arrival(&s, &mut memo, t, v, same_venue);
                        memo.clear();
                        let venue = by_venue.arrival(&s, &mut unused, t, v, same_venue);
                        assert!(venue <= team, "{t:?} at {v:?}: {venue} > {team}");
                        some_travel |= venue > 0;
                    }
                }
                for same_venue in [true, false] {
                    let team = by_team.least_team_minutes(&s, &prepared, &mut memo, d, same_venue);
                    memo.clear();
                    let venue =
                        by_venue.least_team_minutes(&s, &prepared, &mut unused, d, same_venue);
                    assert!(venue <= team + 1e-9, "{d:?}: {venue} > {team}");
                }
            }
            assert!(some_travel, "the by-venue arrivals count some travel");
        }
    }

    fn bound_of_every_drill(s: &Scenario) -> PenaltyBound {
        let prepared = Prepared::new(s);
        let alone = super::super::days_alone(s, &prepared);
        let placeable: Vec<bool> = alone.iter().map(|d| !d.is_empty()).collect();
        let drills: Vec<DrillId> = s.drill_ids().collect();
        PenaltyBound::new(s, &prepared, &alone, &placeable, None, &drills).unwrap()
    }

    /// A town of one school and one fire team based 5 km away (with
    /// `team_extra` on the team), holding one 60-minute fire drill per id.
    fn town(team_extra: &str, drills: &[&str]) -> String {
        let mut text = format!(
            "[plan]\nstart = 2027-06-21\nend = 2027-06-21\n\n[[district]]\nid = \"krm\"\n\n\
             [[venue]]\nid = \"school\"\ndistrict = \"krm\"\nlocation = [45.60, 84.87]\n\n\
             [[team]]\nid = \"fire-1\"\nskills = [\"fire\"]\ndistrict = \"krm\"\n\
             base = [45.645, 84.87]\n{team_extra}\n"
        );
        for id in drills {
            text += &format!(
                "[[drill]]\nid = \"{id}\"\nvenue = \"school\"\nduration = 60\n\
                 needs = [{{ skill = \"fire\" }}]\n\n"
            );
        }
        text
    }

    /// Two drills at one school, one team based 5 km away: each drill's
    /// cheapest arrival is from the other (0 minutes), but the first of the
    /// day comes from the base.
    #[test]
    fn the_first_drill_at_a_venue_arrives_from_elsewhere() {
        let text = town("", &["evac", "quake"]);
        let s = crate::scenario::parse("town.toml", &text).unwrap();
        let b = bound_of_every_drill(&s);
        let base_leg = f64::from(s.travel.base_to_venue(TeamId(0), VenueId(0)));
        assert!(base_leg > 0.0);
        // Both drills forced: one of them pays the leg from the base, and
        // each a share of the way home; the least penalty is both legs.
        let both = b.at(b.may_run);
        assert!(both > base_leg * s.weights.travel, "{both}");
        assert!(both <= 2.0 * base_leg * s.weights.travel, "{both}");
        // Neither forced: nothing is paid.
        assert_eq!(b.at(0), 0.0);
    }

    /// One drill, one team held to one drill a day: its day is the way out
    /// and the way home, and the bound is that.
    #[test]
    fn a_team_that_serves_one_drill_a_day_pays_its_way_home() {
        let text = town("max_drills_per_day = 1\n", &["evac"]);
        let s = crate::scenario::parse("town.toml", &text).unwrap();
        let b = bound_of_every_drill(&s);
        let base_leg = f64::from(s.travel.base_to_venue(TeamId(0), VenueId(0)));
        assert!(base_leg > 0.0);
        assert_eq!(b.at(b.may_run), 2.0 * base_leg * s.weights.travel);
        // Without the limit, as many 60-minute drills as fit in its shift
        // with both legs share the way home.
        let unlimited =
            crate::scenario::parse("town.toml", &text.replace("max_drills_per_day = 1\n", ""))
                .unwrap();
        let b = bound_of_every_drill(&unlimited);
        let shift = unlimited.teams[0].shift;
        let most = ((shift.end - shift.start) as f64 - 2.0 * base_leg) / 60.0;
        let expected = base_leg + base_leg / most.floor();
        assert_eq!(b.at(b.may_run), (expected - 1e-6).ceil());
    }

    #[test]
    fn more_priority_forces_more_drills_and_a_higher_bound() {
        let s = city(30, 20, 3);
        let b = bound_of_every_drill(&s);
        // At priority 0 only the required drills count; at every drill's
        // priority, all of them.
        let (low, high) = (b.at(0), b.at(b.may_run));
        assert!(low <= high, "{low} > {high}");
        assert!(high > 0.0, "every drill needs a team to arrive");
        let mut last = low;
        for p in (0..=b.may_run).step_by(7) {
            let now = b.at(p);
            assert!(
                now >= last,
                "the bound fell from {last} to {now} at priority {p}"
            );
            last = now;
        }
    }

    #[test]
    fn the_solver_never_beats_the_bound() {
        for seed in 1..4 {
            let s = city(30, 12, seed);
            let opts = crate::solve::SolveOptions {
                time_limit: None,
                work_limit: Some(3_000),
                seed,
                ..Default::default()
            };
            let out = crate::solve::solve(&s, &opts, &Default::default(), &mut |_| {});
            let bound = out
                .penalty_bound
                .expect("non-negative weights, a complete schedule");
            assert!(
                bound <= out.penalty + 1e-9,
                "seed {seed}: bound {bound} above the penalty {}",
                out.penalty
            );
            assert!(bound > 0.0, "seed {seed}: teams travel to every drill");
        }
    }

    #[test]
    fn a_negative_weight_leaves_no_bound() {
        let mut s = city(10, 5, 1);
        s.weights.travel = -1.0;
        let prepared = Prepared::new(&s);
        let drills: Vec<DrillId> = s.drill_ids().collect();
        let alone = vec![Vec::new(); drills.len()];
        let placeable = vec![true; drills.len()];
        assert!(PenaltyBound::new(&s, &prepared, &alone, &placeable, None, &drills).is_none());
    }

    #[test]
    fn the_gap_is_a_share_of_the_penalty() {
        assert_eq!(penalty_gap(100.0, 100.0), 0.0);
        assert_eq!(penalty_gap(100.0, 120.0), 0.0);
        assert_eq!(penalty_gap(0.0, 0.0), 0.0);
        assert!((penalty_gap(200.0, 150.0) - 0.25).abs() < 1e-12);
    }
}
