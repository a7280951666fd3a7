//! Rules of one drill on its own: 1 time grid, 2 venue opening, 3 drill
//! window, 4 staffing, 5 team days, 11 mandatory drills and pins.

use super::{describe, end_of, Violation};
use crate::scenario::{DrillId, Need, Scenario, TeamId};
use crate::schedule::Entry;

pub(super) fn check(
    scenario: &Scenario,
    scheduled: &[(DrillId, &Entry)],
    out: &mut Vec<Violation>,
) {
    for &(d, e) in scheduled {
        let drill = scenario.drill(d);
        let what = describe(scenario, d, e);
        let end = end_of(scenario, d, e);
        let mut v = |rule: u8, message: String| {
            out.push(Violation {
                rule,
                message,
                missing: None,
            })
        };

        // Rule 1
        if e.start % scenario.slot_minutes != 0 {
            v(
                1,
                format!(
                    "{what} starts off the {}-minute grid",
                    scenario.slot_minutes
                ),
            );
        }
        if e.end != end {
            v(
                1,
                format!(
                    "{what}: the file says it ends at minute {} but it lasts {} minutes",
                    e.end, drill.duration
                ),
            );
        }
        if end > 1440 {
            v(1, format!("{what} runs past midnight"));
        }
        let Some(day) = scenario.day_of(e.date) else {
            v(1, format!("{what} is not on a plan day"));
            continue;
        };
        // Rule 2
        let venue = scenario.venue(drill.venue);
        if !venue.open[day as usize] {
            v(
                2,
                format!("{what}: venue {} is not open on that date", venue.id),
            );
        } else if !venue
            .hours
            .iter()
            .any(|w| w.start <= e.start && end <= w.end)
        {
            v(
                2,
                format!("{what}: outside the opening hours of venue {}", venue.id),
            );
        }
        // Rule 3
        if let Some(w) = drill.window {
            let abs_start = day as i64 * 1440 + e.start as i64;
            let abs_end = day as i64 * 1440 + end as i64;
            if abs_start < w.from || abs_end > w.to {
                v(3, format!("{what} lies outside the drill's window"));
            }
        }
        // Rule 4
        if let Some(problem) = staffing_problem(scenario, &drill.needs, &e.teams) {
            v(4, format!("{what}: {problem}"));
        }
        // Rule 5
        for &t in &e.teams {
            if !scenario.team(t).works[day as usize] {
                v(
                    5,
                    format!(
                        "{what}: team {} does not work on {}",
                        scenario.team(t).id,
                        e.date
                    ),
                );
            }
        }
        // Rule 11: pins
        if let Some(pin) = &drill.pin {
            let abs = (day as i64 * 1440 + e.start as i64) * 60;
            if pin.starts.iter().any(|&s| s != abs) {
                v(11, format!("{what} is not at its pinned start"));
            }
            for t in &pin.teams {
                if !e.teams.contains(t) {
                    v(
                        11,
                        format!(
                            "{what}: pinned team {} is not assigned",
                            scenario.team(*t).id
                        ),
                    );
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
            let why = if drill.mandatory {
                "mandatory"
            } else {
                "pinned"
            };
            out.push(Violation {
                rule: 11,
                missing: Some(d),
                message: format!("{} is {why} but not scheduled", drill.id),
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
) -> Option<String> {
    for (i, t) in teams.iter().enumerate() {
        if teams[..i].contains(t) {
            return Some(format!("team {} is listed twice", scenario.team(*t).id));
        }
    }
    let slots: Vec<Need> = needs
        .iter()
        .flat_map(|n| std::iter::repeat_n(*n, n.count() as usize))
        .collect();
    if slots.len() != teams.len() {
        return Some(format!("needs {} teams, has {}", slots.len(), teams.len()));
    }
    // Kuhn's augmenting paths: slot_of_team[t] = slot it fills.
    let mut slot_of_team: Vec<Option<usize>> = vec![None; teams.len()];
    for s in 0..slots.len() {
        let mut visited = vec![false; teams.len()];
        if !augment(scenario, &slots, teams, s, &mut visited, &mut slot_of_team) {
            let need = match slots[s] {
                Need::Skill { skill, .. } => format!("skill {}", scenario.skills[skill.index()]),
                Need::Team(t) => format!("team {}", scenario.team(t).id),
            };
            return Some(format!(
                "the teams cannot fill every need (short of {need})"
            ));
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
