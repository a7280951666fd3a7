//! Team days (rules 5, 6, 7): each team's drills on a day as an ordered
//! route from its base and back, with the daily limits.

use crate::scenario::travel::Point;
use crate::scenario::{Day, DrillId, Scenario, TeamId, VenueId};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visit {
    pub start: u32,
    pub end: u32,
    pub venue: VenueId,
    pub drill: DrillId,
}

impl Visit {
    /// `drill` held at `start` at its venue.
    pub fn of(scenario: &Scenario, drill: DrillId, start: u32) -> Visit {
        let d = scenario.drill(drill);
        Visit {
            start,
            end: start + d.duration,
            venue: d.venue,
            drill,
        }
    }
}

/// Starts `from..=to` at which a team could join a drill, and the cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub from: u32,
    pub to: u32,
    pub cost: i64,
}

/// Several teams' windows, team after team, in one buffer (a drill asks
/// for a hundred teams' windows per day: one allocation, not a hundred).
#[derive(Debug, Clone, Default)]
pub struct TeamWindows {
    windows: Vec<Window>,
    /// Where each team's windows end in `windows`.
    ends: Vec<u32>,
}

impl TeamWindows {
    pub fn clear(&mut self) {
        self.windows.clear();
        self.ends.clear();
    }

    /// The windows of the `team`-th team (in the order added).
    pub fn of(&self, team: usize) -> &[Window] {
        let from = team.checked_sub(1).map_or(0, |t| self.ends[t] as usize);
        &self.windows[from..self.ends[team] as usize]
    }

    /// The cost for the `team`-th team (in the order added) of joining at `start`.
    pub fn cost_at(&self, team: usize, start: u32) -> Option<i64> {
        let from = team.checked_sub(1).map_or(0, |t| self.ends[t] as usize);
        self.windows[from..self.ends[team] as usize]
            .iter()
            .find(|w| w.from <= start && start <= w.to)
            .map(|w| w.cost)
    }
}

#[derive(Debug, Clone)]
pub struct Routes {
    days: u32,
    /// `visits[team * days + day]`, sorted by start.
    visits: Vec<Vec<Visit>>,
    minutes: Vec<u32>,
}

impl Routes {
    pub fn new(scenario: &Scenario) -> Self {
        let n = scenario.teams.len() * scenario.num_days as usize;
        Routes {
            days: scenario.num_days,
            visits: vec![Vec::new(); n],
            minutes: vec![0; n],
        }
    }

    fn slot(&self, team: TeamId, day: Day) -> usize {
        team.index() * self.days as usize + day as usize
    }

    /// Minutes `team` spends in drills on `day` (rule 7's `max_minutes_per_day`).
    pub fn minutes(&self, team: TeamId, day: Day) -> u32 {
        self.minutes[self.slot(team, day)]
    }

    pub fn visits(&self, team: TeamId, day: Day) -> &[Visit] {
        &self.visits[self.slot(team, day)]
    }

    /// Extra travel minutes if `team` takes `visit` on `day`, or `None` when
    /// its day, shift, travel or limits do not allow it. Negative when an
    /// override makes the detour shorter than the direct leg.
    pub fn insertion_cost(
        &self,
        scenario: &Scenario,
        team: TeamId,
        day: Day,
        visit: Visit,
    ) -> Option<i64> {
        let t = scenario.team(team);
        if !t.works[day as usize] {
            return None;
        }
        let slot = self.slot(team, day);
        let route = &self.visits[slot];
        if t.max_drills_per_day
            .is_some_and(|m| route.len() as u32 >= m)
            || t.max_minutes_per_day
                .is_some_and(|m| self.minutes[slot] + (visit.end - visit.start) > m)
        {
            return None;
        }
        let at = route.partition_point(|v| v.start < visit.start);
        let here = Point::Venue(visit.venue);
        let (prev_time, prev_place) = match at.checked_sub(1).map(|i| route[i]) {
            Some(p) => (p.end, Point::Venue(p.venue)),
            None => (t.shift.start, Point::Base(team)),
        };
        let (next_time, next_place) = match route.get(at) {
            Some(n) => (n.start, Point::Venue(n.venue)),
            None => (t.shift.end, Point::Base(team)),
        };
        let travel = |a, b| scenario.travel.between(a, b);
        let (inbound, outbound) = (travel(prev_place, here), travel(here, next_place));
        if prev_time + inbound > visit.start || visit.end + outbound > next_time {
            return None;
        }
        Some(inbound as i64 + outbound as i64 - travel(prev_place, next_place) as i64)
    }

    /// Every start at which `team` could take a `duration`-minute visit to
    /// `venue` on `day`, as ranges with their cost, added to `out` as the
    /// next team's: for each start inside one, `insertion_cost` gives that
    /// cost, and `None` outside them. One pass over the team's day instead
    /// of one route walk per start.
    pub fn windows(
        &self,
        scenario: &Scenario,
        team: TeamId,
        day: Day,
        venue: VenueId,
        duration: u32,
        out: &mut TeamWindows,
    ) {
        self.push_windows(scenario, team, day, venue, duration, &mut out.windows);
        out.ends.push(out.windows.len() as u32);
    }

    fn push_windows(
        &self,
        scenario: &Scenario,
        team: TeamId,
        day: Day,
        venue: VenueId,
        duration: u32,
        out: &mut Vec<Window>,
    ) {
        let t = scenario.team(team);
        if !t.works[day as usize] {
            return;
        }
        let slot = self.slot(team, day);
        let route = &self.visits[slot];
        if t.max_drills_per_day
            .is_some_and(|m| route.len() as u32 >= m)
            || t.max_minutes_per_day
                .is_some_and(|m| self.minutes[slot] + duration > m)
        {
            return;
        }
        let here = Point::Venue(venue);
        let travel = |a, b| scenario.travel.between(a, b);
        for gap in 0..=route.len() {
            let prev = gap.checked_sub(1).map(|i| route[i]);
            let next = route.get(gap);
            let (prev_time, prev_place) = match prev {
                Some(p) => (p.end, Point::Venue(p.venue)),
                None => (t.shift.start, Point::Base(team)),
            };
            let (next_time, next_place) = match next {
                Some(n) => (n.start, Point::Venue(n.venue)),
                None => (t.shift.end, Point::Base(team)),
            };
            // Travel is priced only for a gap the visit could still fit in:
            // most gaps of a busy day are too short for the visit alone, and
            // a province's venue-to-venue minutes are computed, not tabled.
            if prev_time + duration > next_time {
                continue;
            }
            let inbound = travel(prev_place, here);
            // A start falls in this gap when it is after the previous visit's
            // start and at most the next one's (as `insertion_cost` places it).
            let from = (prev_time + inbound).max(prev.map_or(0, |p| p.start + 1));
            if from + duration > next_time {
                continue;
            }
            let outbound = travel(here, next_place);
            let Some(to) = next_time.checked_sub(outbound + duration) else {
                continue;
            };
            let to = next.map_or(to, |n| to.min(n.start));
            if from <= to {
                out.push(Window {
                    from,
                    to,
                    cost: inbound as i64 + outbound as i64 - travel(prev_place, next_place) as i64,
                });
            }
        }
    }

    pub fn insert(&mut self, team: TeamId, day: Day, visit: Visit) {
        let slot = self.slot(team, day);
        let route = &mut self.visits[slot];
        let at = route.partition_point(|v| v.start < visit.start);
        route.insert(at, visit);
        self.minutes[slot] += visit.end - visit.start;
    }

    pub fn remove(&mut self, team: TeamId, day: Day, drill: DrillId) {
        let slot = self.slot(team, day);
        let route = &mut self.visits[slot];
        if let Some(i) = route.iter().position(|v| v.drill == drill) {
            let v = route.remove(i);
            self.minutes[slot] -= v.end - v.start;
        }
    }

    /// Whether the team's day stays feasible without `drill`. Travel
    /// overrides need not obey the triangle inequality, so the direct leg
    /// that replaces a detour can be the longer one.
    pub fn can_leave(&self, scenario: &Scenario, team: TeamId, day: Day, drill: DrillId) -> bool {
        let route = self.visits(team, day);
        let Some(i) = route.iter().position(|v| v.drill == drill) else {
            return true;
        };
        let shift = scenario.team(team).shift;
        let (prev_time, prev_place) = match i.checked_sub(1).map(|j| route[j]) {
            Some(p) => (p.end, Point::Venue(p.venue)),
            None => (shift.start, Point::Base(team)),
        };
        match route.get(i + 1) {
            Some(n) => {
                prev_time + scenario.travel.between(prev_place, Point::Venue(n.venue)) <= n.start
            }
            None => match prev_place {
                Point::Base(_) => true,
                venue => prev_time + scenario.travel.between(venue, Point::Base(team)) <= shift.end,
            },
        }
    }

    /// Travel minutes of one team's day: base, each venue in turn, base.
    pub fn day_travel(&self, scenario: &Scenario, team: TeamId, day: Day) -> u32 {
        let route = self.visits(team, day);
        let mut at = Point::Base(team);
        let mut total = 0;
        for v in route {
            total += scenario.travel.between(at, Point::Venue(v.venue));
            at = Point::Venue(v.venue);
        }
        total + scenario.travel.between(at, Point::Base(team))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse;

    /// Travel set by overrides, not by distance (all points stand at one
    /// place): base-a 30, base-b 200, a-b 10, so base to b is shorter by
    /// way of a (overrides need not obey the triangle inequality). Shifts
    /// 08:00-18:00 (480-1080); `t0` is off on the second day, `t1` takes
    /// one drill a day.
    const DAY: &str = r#"
[plan]
start = 2017-06-19
end = 2017-06-20
slot_minutes = 5
[[travel.override]]
from = "t0"
to = "a"
minutes = 30
[[travel.override]]
from = "t0"
to = "b"
minutes = 200
[[travel.override]]
from = "t1"
to = "a"
minutes = 30
[[travel.override]]
from = "a"
to = "b"
minutes = 10
[[district]]
id = "k"
[[venue]]
id = "a"
district = "k"
location = [45.0, 84.0]
[[venue]]
id = "b"
district = "k"
location = [45.0, 84.0]
[[team]]
id = "t0"
skills = ["fire"]
district = "k"
base = [45.0, 84.0]
off = [2017-06-20]
[[team]]
id = "t1"
skills = ["fire"]
district = "k"
base = [45.0, 84.0]
max_drills_per_day = 1
[[drill]]
id = "at-a"
venue = "a"
duration = 50
needs = [{ skill = "fire" }]
[[drill]]
id = "at-b"
venue = "b"
duration = 50
needs = [{ skill = "fire" }]
"#;

    const T0: TeamId = TeamId(0);
    const T1: TeamId = TeamId(1);

    fn at_a(start: u32) -> Visit {
        Visit {
            start,
            end: start + 50,
            venue: VenueId(0),
            drill: DrillId(0),
        }
    }

    fn at_b(start: u32) -> Visit {
        Visit {
            start,
            end: start + 50,
            venue: VenueId(1),
            drill: DrillId(1),
        }
    }

    #[test]
    fn an_empty_day_costs_the_round_trip_within_the_shift() {
        let s = parse("t.toml", DAY).unwrap();
        let r = Routes::new(&s);
        assert_eq!(r.insertion_cost(&s, T0, 0, at_a(510)), Some(60));
        assert_eq!(
            r.insertion_cost(&s, T0, 0, at_a(505)),
            None,
            "arrives at 510"
        );
        // Back at base by 18:00: the visit ends by 17:30.
        assert_eq!(r.insertion_cost(&s, T0, 0, at_a(1000)), Some(60));
        assert_eq!(r.insertion_cost(&s, T0, 0, at_a(1001)), None);
        assert_eq!(r.insertion_cost(&s, T0, 1, at_a(600)), None, "a day off");
    }

    #[test]
    fn a_detour_costs_its_legs_less_the_leg_it_replaces() {
        let s = parse("t.toml", DAY).unwrap();
        let mut r = Routes::new(&s);
        r.insert(T0, 0, at_a(510));
        // a (ends 560) -> b -> base: 10 + 200 - 30.
        assert_eq!(r.insertion_cost(&s, T0, 0, at_b(570)), Some(180));
        assert_eq!(r.insertion_cost(&s, T0, 0, at_b(569)), None);
        // Overlapping a, or before it with no time to get there.
        assert_eq!(r.insertion_cost(&s, T0, 0, at_b(540)), None);
        assert_eq!(r.insertion_cost(&s, T0, 0, at_b(480)), None);
        r.insert(T0, 0, at_b(570));
        assert_eq!(r.day_travel(&s, T0, 0), 30 + 10 + 200);
    }

    #[test]
    fn windows_give_what_insertion_cost_gives_at_every_start() {
        let s = parse("t.toml", DAY).unwrap();
        let mut r = Routes::new(&s);
        r.insert(T0, 0, at_a(600));
        r.insert(T0, 0, at_a(800));
        for (venue, visit) in [(VenueId(0), at_a as fn(u32) -> Visit), (VenueId(1), at_b)] {
            let mut w = TeamWindows::default();
            r.windows(&s, T0, 0, venue, 50, &mut w);
            assert!(!w.of(0).is_empty());
            for start in 400..1100 {
                assert_eq!(
                    w.cost_at(0, start),
                    r.insertion_cost(&s, T0, 0, visit(start)),
                    "venue {venue:?} at {start}"
                );
            }
        }
    }

    #[test]
    fn removal_restores_the_day() {
        let s = parse("t.toml", DAY).unwrap();
        let mut r = Routes::new(&s);
        r.insert(T0, 0, at_a(510));
        let before = r.clone();
        r.insert(T0, 0, at_b(570));
        r.remove(T0, 0, DrillId(1));
        assert_eq!(r.visits(T0, 0), before.visits(T0, 0));
        assert_eq!(r.minutes, before.minutes);
        assert_eq!(r.day_travel(&s, T0, 0), 60);
        // Removing a drill the day does not hold changes nothing.
        r.remove(T0, 0, DrillId(1));
        assert_eq!(r.visits(T0, 0), before.visits(T0, 0));
    }

    #[test]
    fn a_drill_can_leave_only_if_the_direct_leg_still_fits() {
        let s = parse("t.toml", DAY).unwrap();
        let mut r = Routes::new(&s);
        r.insert(T0, 0, at_a(510));
        r.insert(T0, 0, at_b(570));
        // Without a, base -> b takes 200 minutes: b at 570 is out of reach.
        assert!(!r.can_leave(&s, T0, 0, DrillId(0)));
        // Without b, a -> base takes 30.
        assert!(r.can_leave(&s, T0, 0, DrillId(1)));
    }

    #[test]
    fn the_daily_drill_limit_closes_the_day() {
        let s = parse("t.toml", DAY).unwrap();
        let mut r = Routes::new(&s);
        assert_eq!(r.insertion_cost(&s, T1, 0, at_a(600)), Some(60));
        r.insert(T1, 0, at_a(600));
        assert_eq!(r.insertion_cost(&s, T1, 0, at_a(800)), None);
        let mut w = TeamWindows::default();
        r.windows(&s, T1, 0, VenueId(0), 50, &mut w);
        assert!(w.of(0).is_empty());
        // The limit is per day.
        assert_eq!(r.insertion_cost(&s, T1, 1, at_a(800)), Some(60));
    }
}
