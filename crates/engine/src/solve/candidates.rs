//! What does not depend on other drills: each drill's possible starts (rules
//! 1, 2, 3 and a pinned start) and the teams that could fill each need.

use crate::scenario::time::MINUTES_PER_DAY;
use crate::scenario::travel::Point;
use crate::scenario::{Day, DrillId, Need, Scenario, TeamId};

/// Per-drill facts computed once per solve.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Starts `(day, minute)` allowed by the grid, the venue and the window, ascending.
    pub starts: Vec<Vec<(Day, u32)>>,
    /// Per drill and need: the teams that could fill it, ascending.
    pub need_teams: Vec<Vec<Vec<TeamId>>>,
    /// Per drill: every team that could fill some need, ascending.
    pub any_team: Vec<Vec<TeamId>>,
    /// Per drill and need: where each of `need_teams` is in `any_team`
    /// (staffing looks each team's cost up there for every start).
    pub need_pos: Vec<Vec<Vec<u32>>>,
    /// Per drill whose teams are many (`NEAREST_ABOVE`): the same lists cut
    /// to each need's nearest teams, for the first schedule (`State::best_insertion_nearby`).
    pub nearest: Vec<Option<TeamLists>>,
    /// Per drill: whether the lists above were computed. False only for
    /// drills a run cut short never reached; they have no starts and no teams.
    pub ready: Vec<bool>,
    /// Rule 12's (row, district) needs, and per drill the needs it counts towards.
    pub cover: Vec<super::coverage::CoverNeed>,
    pub cover_of: Vec<Vec<u32>>,
}

/// One drill's teams: per need the teams that could fill it, every such
/// team, and per need where each of its teams is in that list.
#[derive(Debug, Clone)]
pub struct TeamLists {
    pub need_teams: Vec<Vec<TeamId>>,
    pub any_team: Vec<TeamId>,
    pub need_pos: Vec<Vec<u32>>,
}

impl TeamLists {
    /// The lists of these needs' teams (each ascending).
    fn of(need_teams: Vec<Vec<TeamId>>) -> Self {
        let mut any_team: Vec<TeamId> = need_teams.iter().flatten().copied().collect();
        any_team.sort();
        any_team.dedup();
        let need_pos = need_teams
            .iter()
            .map(|teams| {
                teams
                    .iter()
                    .map(|t| any_team.binary_search(t).unwrap_or(0) as u32)
                    .collect()
            })
            .collect();
        TeamLists {
            need_teams,
            any_team,
            need_pos,
        }
    }
}

/// One drill's lists: its starts, its teams, and its nearest teams.
type DrillCandidates = (Vec<(Day, u32)>, TeamLists, Option<TeamLists>);

/// Teams a drill may have (over all its needs) above which the first
/// schedule tries each need's nearest teams first. A city's drills stay
/// below it; a province's reach hundreds of teams across districts, and
/// pricing every one of their routes at every drill was most of the
/// construction's time, for staffings that take the few nearby teams.
pub const NEAREST_ABOVE: usize = 200;

/// Each need's nearest teams kept in the first schedule's short lists: at
/// least this many, and this many times the teams it asks for.
const NEAREST_MIN: usize = 24;
const NEAREST_PER_ASKED: usize = 6;

/// Drills per step of candidate building between checks of the budget.
const CHUNK: usize = 256;

impl Prepared {
    pub fn new(scenario: &Scenario) -> Self {
        Self::build(scenario, &|| true, &|_, _| {})
    }

    /// Candidates drill by drill, required drills and those a coverage row
    /// counts first and always (a schedule needs them whenever the run
    /// stops), then the others while
    /// `keep_going` says so, asked every few hundred drills; reports
    /// `(done, total)`. Drills not reached stay empty and not `ready`.
    pub fn build(
        scenario: &Scenario,
        keep_going: &dyn Fn() -> bool,
        report: &dyn Fn(u64, u64),
    ) -> Self {
        let mut teams_with_skill: Vec<Vec<TeamId>> = vec![Vec::new(); scenario.skills.len()];
        for t in scenario.team_ids() {
            for s in &scenario.team(t).skills {
                teams_with_skill[s.index()].push(t);
            }
        }
        let cover = super::coverage::needs(scenario);
        let cover_of = super::coverage::of_drill(scenario, &cover);
        // Drills a coverage row counts go with the required ones: a schedule
        // that keeps rule 12 may need any of them.
        let must = |d: DrillId| scenario.drill(d).is_required() || !cover_of[d.index()].is_empty();
        let mut order: Vec<DrillId> = scenario.drill_ids().collect();
        order.sort_by_key(|&d| (!must(d), d));
        let total = order.len();
        let required = order.partition_point(|&d| must(d));
        let mut lists: Vec<DrillCandidates> = Vec::with_capacity(total);
        let done = super::phase::in_chunks(
            total,
            CHUNK,
            // Required drills always: without them there is no schedule.
            &|done| done < required || keep_going(),
            &|done| report(done as u64, total as u64),
            &mut lists,
            &|i| {
                let d = order[i];
                let starts = starts(scenario, d);
                let needs: Vec<Vec<TeamId>> = scenario
                    .drill(d)
                    .needs
                    .iter()
                    .map(|need| {
                        let eligible: &[TeamId] = match need {
                            Need::Team(t) => std::slice::from_ref(t),
                            Need::Skill { skill, .. } => &teams_with_skill[skill.index()],
                        };
                        eligible
                            .iter()
                            .copied()
                            .filter(|&t| could_serve(scenario, d, t, &starts))
                            .collect()
                    })
                    .collect();
                // Here, in parallel and between two looks at the budget:
                // on a province these lists hold 70 million pairs, seconds
                // of work after the last chunk if done in one thread.
                let lists = TeamLists::of(needs);
                let nearest = nearest(scenario, d, &lists);
                (starts, lists, nearest)
            },
        );
        let n = scenario.drills.len();
        let mut prepared = Prepared {
            starts: vec![Vec::new(); n],
            need_teams: scenario
                .drills
                .iter()
                .map(|d| vec![Vec::new(); d.needs.len()])
                .collect(),
            any_team: vec![Vec::new(); n],
            nearest: vec![None; n],
            need_pos: scenario
                .drills
                .iter()
                .map(|d| vec![Vec::new(); d.needs.len()])
                .collect(),
            ready: vec![false; n],
            cover,
            cover_of,
        };
        for (&d, (starts, lists, nearest)) in order[..done].iter().zip(lists) {
            prepared.need_pos[d.index()] = lists.need_pos;
            prepared.starts[d.index()] = starts;
            prepared.need_teams[d.index()] = lists.need_teams;
            prepared.any_team[d.index()] = lists.any_team;
            prepared.nearest[d.index()] = nearest;
            prepared.ready[d.index()] = true;
        }
        prepared
    }

    /// Whether every drill's candidates were computed.
    pub fn complete(&self) -> bool {
        self.ready.iter().all(|&r| r)
    }
}

/// `lists` cut to each need's nearest teams by travel from base to the
/// drill's venue (ties: lower id), when the drill has more than
/// `NEAREST_ABOVE` teams; `None` otherwise. A need that names its team keeps it.
fn nearest(scenario: &Scenario, drill: DrillId, lists: &TeamLists) -> Option<TeamLists> {
    if lists.any_team.len() <= NEAREST_ABOVE {
        return None;
    }
    let d = scenario.drill(drill);
    let venue = Point::Venue(d.venue);
    let cut = d
        .needs
        .iter()
        .zip(&lists.need_teams)
        .map(|(need, teams)| {
            let keep = NEAREST_MIN.max(NEAREST_PER_ASKED * need.count() as usize);
            let mut by_travel: Vec<(u32, TeamId)> = teams
                .iter()
                .map(|&t| (scenario.travel.between(Point::Base(t), venue), t))
                .collect();
            if by_travel.len() > keep {
                by_travel.select_nth_unstable(keep);
                by_travel.truncate(keep);
            }
            let mut near: Vec<TeamId> = by_travel.into_iter().map(|(_, t)| t).collect();
            near.sort();
            near
        })
        .collect();
    Some(TeamLists::of(cut))
}

/// Whether `team` could serve `drill` at one of its starts in some schedule:
/// it must work that day, have the minutes, and get from base to the venue
/// and back within its shift by the fastest route there is (through other
/// venues, when overrides make a detour faster than the direct trip).
fn could_serve(scenario: &Scenario, drill: DrillId, team: TeamId, starts: &[(Day, u32)]) -> bool {
    let d = scenario.drill(drill);
    let t = scenario.team(team);
    if t.max_minutes_per_day.is_some_and(|m| m < d.duration) {
        return false;
    }
    let (base, venue) = (Point::Base(team), Point::Venue(d.venue));
    let fits_shift = |out: u32, back: u32| t.shift.start + out + d.duration + back <= t.shift.end;
    // A cheap lower bound on the travel first: most teams of a province are
    // far from most venues, and the exact fastest route costs a pass over
    // the override endpoints. Travel only makes the test harder, so a team
    // too far by the bound is too far.
    let travel = &scenario.travel;
    if !fits_shift(
        travel.shortest_at_least(base, venue),
        travel.shortest_at_least(venue, base),
    ) {
        return false;
    }
    let (out, back) = (travel.shortest(base, venue), travel.shortest(venue, base));
    if !fits_shift(out, back) {
        return false;
    }
    let earliest = t.shift.start + out;
    let latest = t.shift.end - (d.duration + back);
    // `starts` is sorted by (day, minute): one binary search per working day
    // keeps this cheap for scenarios with hundreds of thousands of pairs.
    (0..scenario.num_days).any(|day| {
        t.works[day as usize] && {
            let first = starts.partition_point(|&s| s < (day, earliest));
            starts
                .get(first)
                .is_some_and(|&(d2, s)| d2 == day && s <= latest)
        }
    })
}

/// Starts of `drill` that satisfy rules 1-3 and its pinned start, if any.
pub fn starts(scenario: &Scenario, drill: DrillId) -> Vec<(Day, u32)> {
    let mut out = unpinned_starts(scenario, drill);
    if let Some(pin) = &scenario.drill(drill).pin {
        // All of a drill's pinned starts must hold at once.
        out.retain(|&(day, s)| {
            pin.starts
                .iter()
                .all(|&p| p == (day as i64 * MINUTES_PER_DAY as i64 + s as i64) * 60)
        });
    }
    out
}

/// Starts of `drill` that satisfy rules 1-3, its pin aside.
pub fn unpinned_starts(scenario: &Scenario, drill: DrillId) -> Vec<(Day, u32)> {
    let d = scenario.drill(drill);
    let venue = scenario.venue(d.venue);
    let slot = scenario.slot_minutes;
    let mut out = Vec::new();
    for day in 0..scenario.num_days {
        if !venue.open[day as usize] {
            continue;
        }
        for w in &venue.hours {
            let mut s = w.start.div_ceil(slot) * slot;
            while s + d.duration <= w.end {
                let abs_start = day as i64 * MINUTES_PER_DAY as i64 + s as i64;
                let in_window = d.window.is_none_or(|win| {
                    win.from <= abs_start && abs_start + d.duration as i64 <= win.to
                });
                if in_window {
                    out.push((day, s));
                }
                s += slot;
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse;

    const BASE: &str = r#"
[plan]
start = 2017-06-19
end = 2017-06-20
slot_minutes = 30
[[district]]
id = "k"
[[venue]]
id = "v"
district = "k"
location = [45.0, 84.0]
hours = ["08:00-10:00", "09:00-11:00"]
days = ["tue"]
[[team]]
id = "t"
skills = ["fire"]
district = "k"
base = [45.0, 84.0]
[[drill]]
id = "d"
venue = "v"
duration = 60
needs = [{ skill = "fire" }]
"#;

    #[test]
    fn starts_follow_grid_days_and_overlapping_windows() {
        let s = parse("t.toml", BASE).unwrap();
        let got = starts(&s, DrillId(0));
        assert_eq!(got, [(1, 480), (1, 510), (1, 540), (1, 570), (1, 600)]);
    }

    #[test]
    fn window_and_pin_restrict_starts() {
        let text = BASE.replace("needs = [{ skill = \"fire\" }]", "needs = [{ skill = \"fire\" }]\nwindow = { from = 2017-06-20T08:10:00, to = 2017-06-20T10:30:00 }");
        let s = parse("t.toml", &text).unwrap();
        assert_eq!(starts(&s, DrillId(0)), [(1, 510), (1, 540), (1, 570)]);
        let pinned = format!("{text}\n[[pin]]\ndrill = \"d\"\nstart = 2017-06-20T09:00:00\n");
        let s = parse("t.toml", &pinned).unwrap();
        assert_eq!(starts(&s, DrillId(0)), [(1, 540)]);
    }
}
