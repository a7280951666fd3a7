//! Rules of one drill on its own: 1 time grid, 2 venue opening, 3 drill
//! window, 4 staffing, 5 team days, 11 mandatory drills and pins.

use super::{end_of, stated, Violation};
use crate::reason::{Broken, NeedOf, StaffingFault};
use crate::scenario::time::MINUTES_PER_DAY;
use crate::scenario::{DrillId, Need, Scenario, TeamId};
use crate::schedule::Entry;

pub(super) fn check(
    scenario: &Scenario,
    scheduled: &[(DrillId, &Entry)],
    out: &mut Vec<Violation>,
) {
    for &(d, e) in scheduled {
        let drill = scenario.drill(d);
        let at = stated(scenario, d, e);
        let end = end_of(scenario, d, e);
        let mut v = |broken: Broken| out.push(Violation::new(broken));

        // Rule 1
        if e.start % scenario.slot_minutes != 0 {
            v(Broken::OffGrid {
                at: at.clone(),
                slot: scenario.slot_minutes,
            });
        }
        if e.end != end {
            v(Broken::EndDisagrees {
                at: at.clone(),
                file_end: e.end,
                duration: drill.duration,
            });
        }
        if end > MINUTES_PER_DAY {
            v(Broken::PastMidnight { at: at.clone() });
        }
        let Some(day) = scenario.day_of(e.date) else {
            let meant = scenario.in_plan_year(e.date);
            v(Broken::NotPlanDay { at, meant });
            continue;
        };
        // Rule 2
        let venue = scenario.venue(drill.venue);
        if !venue.open[day as usize] {
            v(Broken::VenueClosed {
                at: at.clone(),
                venue: venue.id.clone(),
            });
        } else if !venue
            .hours
            .iter()
            .any(|w| w.start <= e.start && end <= w.end)
        {
            v(Broken::OutsideHours {
                at: at.clone(),
                venue: venue.id.clone(),
                hours: venue.hours.iter().map(|w| (w.start, w.end)).collect(),
            });
        }
        // Rule 3
        if let Some(w) = drill.window {
            let abs_start = day as i64 * MINUTES_PER_DAY as i64 + e.start as i64;
            let abs_end = day as i64 * MINUTES_PER_DAY as i64 + end as i64;
            if abs_start < w.from || abs_end > w.to {
                v(Broken::OutsideWindow {
                    at: at.clone(),
                    from: scenario.moment(w.from, false),
                    to: scenario.moment(w.to, true),
                });
            }
        }
        // Rule 4
        if let Some(why) = staffing_problem(scenario, &drill.needs, &e.teams) {
            v(Broken::Understaffed {
                at: at.clone(),
                why,
            });
        }
        // Rule 5
        for &t in &e.teams {
            if !scenario.team(t).works[day as usize] {
                v(Broken::TeamOff {
                    at: at.clone(),
                    team: scenario.team(t).id.clone(),
                    date: e.date,
                });
            }
        }
        // Rule 11: pins
        if let Some(pin) = &drill.pin {
            let abs = (day as i64 * MINUTES_PER_DAY as i64 + e.start as i64) * 60;
            if pin.starts.iter().any(|&s| s != abs) {
                v(Broken::NotAtPin { at: at.clone() });
            }
            for t in &pin.teams {
                if !e.teams.contains(t) {
                    v(Broken::PinnedTeamMissing {
                        at: at.clone(),
                        team: scenario.team(*t).id.clone(),
                    });
                }
            }
        }
    }
    // Rule 11: required drills
    let mut present = vec![false; scenario.drills.len()];
    for &(d, _) in scheduled {
        present[d.index()] = true;
    }
    for d in scenario.drill_ids() {
        let drill = scenario.drill(d);
        if drill.is_required() && !present[d.index()] {
            out.push(Violation {
                missing: Some(d),
                ..Violation::new(Broken::RequiredMissing {
                    drill: drill.id.clone(),
                    mandatory: drill.mandatory,
                })
            });
        }
    }
}

/// Whether `teams` fill `needs` exactly (rule 4), by a bipartite matching of
/// need slots to teams; `None` when they do.
pub(super) fn staffing_problem(
    scenario: &Scenario,
    needs: &[Need],
    teams: &[TeamId],
) -> Option<StaffingFault> {
    for (i, t) in teams.iter().enumerate() {
        if teams[..i].contains(t) {
            return Some(StaffingFault::Twice {
                team: scenario.team(*t).id.clone(),
            });
        }
    }
    let slots: Vec<Need> = needs
        .iter()
        .flat_map(|n| std::iter::repeat_n(*n, n.count() as usize))
        .collect();
    if slots.len() != teams.len() {
        return Some(StaffingFault::Count {
            needs: slots.len(),
            has: teams.len(),
        });
    }
    // Kuhn's augmenting paths: slot_of_team[t] = slot it fills.
    let mut slot_of_team: Vec<Option<usize>> = vec![None; teams.len()];
    for s in 0..slots.len() {
        let mut visited = vec![false; teams.len()];
        if !augment(scenario, &slots, teams, s, &mut visited, &mut slot_of_team) {
            return Some(StaffingFault::Short(match slots[s] {
                Need::Skill { skill, .. } => NeedOf::Skill(scenario.skills[skill.index()].clone()),
                Need::Team(t) => NeedOf::Team(scenario.team(t).id.clone()),
            }));
        }
    }
    None
}

fn augment(
    scenario: &Scenario,
    slots: &[Need],
    teams: &[TeamId],
    slot: usize,
    visited: &mut [bool],
    slot_of_team: &mut [Option<usize>],
) -> bool {
    for (i, &t) in teams.iter().enumerate() {
        if visited[i] || !slots[slot].accepts(scenario, t) {
            continue;
        }
        visited[i] = true;
        let free = match slot_of_team[i] {
            None => true,
            Some(other) => augment(scenario, slots, teams, other, visited, slot_of_team),
        };
        if free {
            slot_of_team[i] = Some(slot);
            return true;
        }
    }
    false
}
