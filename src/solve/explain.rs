//! Why a drill is not in the schedule, in a planner's words.

use super::state::routes::Visit;
use super::state::{Blocker, State};
use crate::scenario::time::HhMm;
use crate::scenario::{Day, DrillId, Need, Scenario, TeamId};
use std::collections::BTreeMap;

/// Why `drill` has no start at all (rules 1-3 and its pin), or `None` if it has some.
pub fn no_start_reason(sc: &Scenario, drill: DrillId, starts: &[(Day, u32)]) -> Option<String> {
    if !starts.is_empty() {
        return None;
    }
    let d = sc.drill(drill);
    let venue = sc.venue(d.venue);
    let open_days = venue.open.iter().filter(|&&o| o).count();
    let longest = venue.hours.iter().map(|w| w.len()).max().unwrap_or(0);
    Some(if open_days == 0 {
        format!(
            "venue {} ({}) is not open on any day of the plan",
            venue.id, venue.name
        )
    } else if d.duration > longest {
        format!(
            "the {}-minute drill does not fit in any opening window of venue {} (longest {} min)",
            d.duration, venue.id, longest
        )
    } else if d.pin.as_ref().is_some_and(|p| !p.starts.is_empty()) {
        "its pinned start breaks rule 1, 2 or 3 (off the time grid, not a plan day, outside the venue's hours or the drill's window)".to_string()
    } else if d.window.is_some() {
        format!(
            "its window does not overlap an opening window of venue {} long enough for {} minutes",
            venue.id, d.duration
        )
    } else {
        "no start on the time grid fits the venue's opening hours".to_string()
    })
}

/// Why a drill that has starts cannot run even in an empty plan.
pub fn alone_reason(state: &State, drill: DrillId) -> String {
    let sc = state.scenario;
    let d = sc.drill(drill);
    let venue = sc.venue(d.venue);
    let starts = &state.prepared.starts[drill.index()];
    let days: Vec<Day> = {
        let mut v: Vec<Day> = starts.iter().map(|s| s.0).collect();
        v.dedup();
        v
    };
    for need in &d.needs {
        // Every team that has the skill (or is the named team), before any
        // pruning by travel, so counts are what a planner sees in the file.
        let all: Vec<TeamId> = sc.team_ids().filter(|&t| need.accepts(sc, t)).collect();
        let teams = &all;
        let (label, count) = need_label(sc, need);
        if teams.len() < count as usize {
            return format!(
                "needs {count} team(s) {label}, but the scenario has only {}",
                teams.len()
            );
        }
        let best_day = days
            .iter()
            .map(|&day| {
                teams
                    .iter()
                    .filter(|t| sc.team(**t).works[day as usize])
                    .count()
            })
            .max()
            .unwrap_or(0);
        if best_day < count as usize {
            return format!(
                "needs {count} team(s) {label}, but at most {best_day} of them work on a day venue {} is open",
                venue.id
            );
        }
        let reachable = starts
            .iter()
            .map(|&(day, start)| {
                teams
                    .iter()
                    .filter(|&&t| {
                        state
                            .routes()
                            .insertion_cost(sc, t, day, Visit::of(sc, drill, start))
                            .is_some()
                    })
                    .count()
            })
            .max()
            .unwrap_or(0);
        if reachable < count as usize {
            return format!(
                "needs {count} team(s) {label}, but at most {reachable} can travel from base to venue {} and back within their shifts",
                venue.id
            );
        }
    }
    if let Some(pin) = &d.pin {
        if !pin.teams.is_empty() {
            return "its pinned teams cannot all serve it (a pinned team fills no need, is off, or cannot reach the venue in its shift)".to_string();
        }
    }
    for rule in &sc.standbys {
        let in_group = d.slots_with_skill(rule.skill) as usize;
        if in_group > 0 && rule.available() < in_group as u32 {
            return format!(
                "standby keeps {} of the {} {} teams of district {} free, too few remain for its needs",
                rule.keep,
                rule.group.len(),
                sc.skills[rule.skill.index()],
                sc.districts[rule.district.index()].id
            );
        }
    }
    "no combination of teams can staff it at any start (needs, shifts, travel and standby rules together)".to_string()
}

fn need_label(sc: &Scenario, need: &Need) -> (String, u32) {
    match *need {
        Need::Skill { skill, count } => (format!("with skill {}", sc.skills[skill.index()]), count),
        Need::Team(t) => (format!("named {}", sc.team(t).id), 1),
    }
}

/// Why a drill that could run alone found no room in this schedule.
pub fn contention_reason(state: &State, drill: DrillId) -> String {
    let sc = state.scenario;
    let starts = &state.prepared.starts[drill.index()];
    let mut venue_full = 0;
    let mut conflicts: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    let mut staffing = 0;
    let mut staffing_example: Option<(Day, u32)> = None;
    for &(day, start) in starts {
        match state.evaluate(drill, day, start) {
            Ok(_) => {}
            Err(Blocker::VenueFull) => venue_full += 1,
            Err(Blocker::Conflict(c, other)) => {
                let e = conflicts
                    .entry(sc.conflicts[c.index()].name.clone())
                    .or_default();
                e.0 += 1;
                let id = sc.drill(other).id.clone();
                if !e.1.contains(&id) && e.1.len() < 3 {
                    e.1.push(id);
                }
            }
            Err(Blocker::Staffing) => {
                staffing += 1;
                staffing_example.get_or_insert((day, start));
            }
        }
    }
    let total = starts.len();
    let mut parts = Vec::new();
    if staffing > 0 {
        let (day, start) = staffing_example.unwrap();
        parts.push(format!(
            "at {staffing} of {total} starts the teams it needs are taken{}",
            staffing_detail(state, drill, day, start)
        ));
    }
    for (name, (count, drills)) in conflicts {
        parts.push(format!(
            "at {count} starts conflict set \"{name}\" is in use (by {})",
            drills.join(", ")
        ));
    }
    if venue_full > 0 {
        parts.push(format!(
            "at {venue_full} starts venue {} is full",
            sc.venue(sc.drill(drill).venue).id
        ));
    }
    if parts.is_empty() {
        return "left out by the search (it fits now only by moving other drills)".to_string();
    }
    format!("no room left: {}", parts.join("; "))
}

/// What keeps the teams of the first short need busy at one start.
fn staffing_detail(state: &State, drill: DrillId, day: Day, start: u32) -> String {
    let sc = state.scenario;
    let d = sc.drill(drill);
    let visit = Visit::of(sc, drill, start);
    for (n, need) in d.needs.iter().enumerate() {
        let teams = &state.prepared.need_teams[drill.index()][n];
        let free: Vec<TeamId> = teams
            .iter()
            .copied()
            .filter(|&t| state.routes().insertion_cost(sc, t, day, visit).is_some())
            .collect();
        let (label, count) = need_label(sc, need);
        if free.len() >= count as usize {
            continue;
        }
        let busy: Vec<String> = teams
            .iter()
            .filter(|t| !free.contains(t))
            .take(4)
            .map(|&t| {
                let team = sc.team(t);
                if !team.works[day as usize] {
                    return format!("{} is off", team.id);
                }
                // The team's drills around that time: the ones in its way.
                let (from, to) = (start.saturating_sub(180), start + d.duration + 180);
                let drills: Vec<&str> = state
                    .routes()
                    .visits(t, day)
                    .iter()
                    .filter(|v| v.start < to && v.end > from)
                    .map(|v| sc.drill(v.drill).id.as_str())
                    .collect();
                let day_drills = state.routes().visits(t, day).len() as u32;
                if team.max_drills_per_day.is_some_and(|m| day_drills >= m) {
                    format!("{} already has its {day_drills} drills that day", team.id)
                } else if !drills.is_empty() {
                    format!("{} is in {}", team.id, drills.join(", "))
                } else {
                    format!(
                        "{} cannot fit it between its other drills and its shift",
                        team.id
                    )
                }
            })
            .collect();
        return format!(
            " (e.g. {} {}: {} of {} teams {label} free, needs {count}; {})",
            sc.date(day),
            HhMm(start),
            free.len(),
            teams.len(),
            busy.join(", ")
        );
    }
    " (e.g. ".to_string()
        + &format!(
            "{} {}: standby rules or combined needs leave too few teams)",
            sc.date(day),
            HhMm(start)
        )
}
