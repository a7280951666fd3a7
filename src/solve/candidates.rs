//! What does not depend on other drills: each drill's possible starts (rules
//! 1, 2, 3 and a pinned start) and the teams that could fill each need.

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
}

impl Prepared {
    pub fn new(scenario: &Scenario) -> Self {
        let starts: Vec<Vec<(Day, u32)>> =
            scenario.drill_ids().map(|d| starts(scenario, d)).collect();
        let mut teams_with_skill: Vec<Vec<TeamId>> = vec![Vec::new(); scenario.skills.len()];
        for t in scenario.team_ids() {
            for s in &scenario.team(t).skills {
                teams_with_skill[s.index()].push(t);
            }
        }
        let need_teams: Vec<Vec<Vec<TeamId>>> = scenario
            .drill_ids()
            .map(|d| {
                scenario
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
                            .filter(|&t| could_serve(scenario, d, t, &starts[d.index()]))
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let any_team = need_teams
            .iter()
            .map(|needs: &Vec<Vec<TeamId>>| {
                let mut all: Vec<TeamId> = needs.iter().flatten().copied().collect();
                all.sort();
                all.dedup();
                all
            })
            .collect();
        Prepared {
            starts,
            need_teams,
            any_team,
        }
    }
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
    let (out, back) = (
        scenario.travel.shortest(base, venue),
        scenario.travel.shortest(venue, base),
    );
    let earliest = t.shift.start + out;
    let Some(latest) = t.shift.end.checked_sub(d.duration + back) else {
        return false;
    };
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
                let abs_start = day as i64 * 1440 + s as i64;
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
    if let Some(pin) = &d.pin {
        // All of a drill's pinned starts must hold at once.
        out.retain(|&(day, s)| {
            pin.starts
                .iter()
                .all(|&p| p == (day as i64 * 1440 + s as i64) * 60)
        });
    }
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
