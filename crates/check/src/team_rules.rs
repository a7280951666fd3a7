//! Rules of one team's day: 6 routes (travel, shift, no two places at once)
//! and 7 daily limits.

use super::{end_of, stated, Violation};
use crate::reason::Broken;
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
            out.push(Violation::new(Broken::CannotReach {
                team: team.id.clone(),
                at: stated(scenario, first_d, first_e),
                shift_start: team.shift.start,
                minutes: travel(Point::Base(t), first_venue),
            }));
        }
        for pair in route.windows(2) {
            let ((a, ea), (b, eb)) = (pair[0], pair[1]);
            let trip = travel(
                Point::Venue(scenario.drill(a).venue),
                Point::Venue(scenario.drill(b).venue),
            );
            if eb.start < end_of(scenario, a, ea) + trip {
                out.push(Violation::new(Broken::CannotGo {
                    team: team.id.clone(),
                    from: stated(scenario, a, ea),
                    to: stated(scenario, b, eb),
                    minutes: trip,
                }));
            }
        }
        let (last_d, last_e) = route[route.len() - 1];
        let back = travel(Point::Venue(scenario.drill(last_d).venue), Point::Base(t));
        if end_of(scenario, last_d, last_e) + back > team.shift.end {
            out.push(Violation::new(Broken::CannotReturn {
                team: team.id.clone(),
                shift_end: team.shift.end,
                at: stated(scenario, last_d, last_e),
                minutes: back,
            }));
        }
        // Rule 7
        if let Some(max) = team.max_drills_per_day {
            if route.len() as u32 > max {
                out.push(Violation::new(Broken::TooManyDrills {
                    team: team.id.clone(),
                    drills: route.len(),
                    date,
                    max,
                }));
            }
        }
        if let Some(max) = team.max_minutes_per_day {
            let minutes: u32 = route.iter().map(|(d, _)| scenario.drill(*d).duration).sum();
            if minutes > max {
                out.push(Violation::new(Broken::TooManyMinutes {
                    team: team.id.clone(),
                    minutes,
                    date,
                    max,
                }));
            }
        }
    }
}
