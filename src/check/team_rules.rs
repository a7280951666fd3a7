//! Rules of one team's day: 6 routes (travel, shift, no two places at once)
//! and 7 daily limits.

use super::{describe, end_of, Violation};
use crate::scenario::travel::Point;
use crate::scenario::{DrillId, Scenario, TeamId};
use crate::schedule::Entry;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Each team's drills per date, ordered by start (then drill id).
pub(super) fn team_days<'a>(
    scenario: &Scenario,
    scheduled: &[(DrillId, &'a Entry)],
) -> BTreeMap<(TeamId, NaiveDate), Vec<(DrillId, &'a Entry)>> {
    let mut days: BTreeMap<(TeamId, NaiveDate), Vec<(DrillId, &Entry)>> = BTreeMap::new();
    for &(d, e) in scheduled {
        for &t in &e.teams {
            days.entry((t, e.date)).or_default().push((d, e));
        }
    }
    for list in days.values_mut() {
        list.sort_by_key(|(d, e)| (e.start, scenario.drill(*d).id.clone()));
    }
    days
}

pub(super) fn check(
    scenario: &Scenario,
    scheduled: &[(DrillId, &Entry)],
    out: &mut Vec<Violation>,
) {
    for ((t, date), route) in team_days(scenario, scheduled) {
        let team = scenario.team(t);
        let travel = |a: Point, b: Point| scenario.travel.between(a, b);
        // Rule 6
        let (first_d, first_e) = route[0];
        let first_venue = Point::Venue(scenario.drill(first_d).venue);
        let leave_base = team.shift.start + travel(Point::Base(t), first_venue);
        if first_e.start < leave_base {
            out.push(Violation {
                rule: 6,
                missing: None,
                message: format!(
                    "team {} cannot reach {} from its base: the shift starts {} and the trip takes {} min",
                    team.id,
                    describe(scenario, first_d, first_e),
                    crate::scenario::time::HhMm(team.shift.start),
                    travel(Point::Base(t), first_venue)
                ),
            });
        }
        for pair in route.windows(2) {
            let ((a, ea), (b, eb)) = (pair[0], pair[1]);
            let trip = travel(
                Point::Venue(scenario.drill(a).venue),
                Point::Venue(scenario.drill(b).venue),
            );
            if eb.start < end_of(scenario, a, ea) + trip {
                out.push(Violation {
                    rule: 6,
                    missing: None,
                    message: format!(
                        "team {} cannot go from {} to {} ({} min of travel)",
                        team.id,
                        describe(scenario, a, ea),
                        describe(scenario, b, eb),
                        trip
                    ),
                });
            }
        }
        let (last_d, last_e) = route[route.len() - 1];
        let back = travel(Point::Venue(scenario.drill(last_d).venue), Point::Base(t));
        if end_of(scenario, last_d, last_e) + back > team.shift.end {
            out.push(Violation {
                rule: 6,
                missing: None,
                message: format!(
                    "team {} cannot be back at base by the end of its shift {} after {} ({} min of travel)",
                    team.id,
                    crate::scenario::time::HhMm(team.shift.end),
                    describe(scenario, last_d, last_e),
                    back
                ),
            });
        }
        // Rule 7
        if let Some(max) = team.max_drills_per_day {
            if route.len() as u32 > max {
                out.push(Violation {
                    rule: 7,
                    missing: None,
                    message: format!(
                        "team {} has {} drills on {date}, at most {max} allowed",
                        team.id,
                        route.len()
                    ),
                });
            }
        }
        if let Some(max) = team.max_minutes_per_day {
            let minutes: u32 = route.iter().map(|(d, _)| scenario.drill(*d).duration).sum();
            if minutes > max {
                out.push(Violation {
                    rule: 7,
                    missing: None,
                    message: format!(
                        "team {} drills {minutes} minutes on {date}, at most {max} allowed",
                        team.id
                    ),
                });
            }
        }
    }
}
