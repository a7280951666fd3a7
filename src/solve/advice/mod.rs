//! `drillplan explain`: for a drill a schedule leaves out, what the venue and
//! window allow, which rule blocks each of those starts and because of whom,
//! and the smallest change that lets it in — each change verified by the
//! independent checker on the changed scenario and schedule, never assumed.

mod suggest;

use super::candidates::Prepared;
use super::state::routes::Visit;
use super::state::{Blocker, State};
use crate::scenario::time::HhMm;
use crate::scenario::travel::Point;
use crate::scenario::{Day, DrillId, Need, Scenario, TeamId};
use crate::schedule::{Placement, Schedule};
use std::collections::BTreeSet;

/// Starts of one day that one rule blocks for the same reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Obstacle {
    pub day: Day,
    pub first: u32,
    pub last: u32,
    pub starts: usize,
    /// The contract's rule number(s), e.g. "8" or "4-7".
    pub rule: &'static str,
    pub text: String,
}

/// A change that lets the drill in, checked: `schedule` holds the drill and
/// passes the checker on the scenario with `set` applied.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub text: String,
    /// `--set` overrides the change needs; empty when only the schedule changes.
    pub set: Vec<String>,
    pub schedule: Schedule,
}

#[derive(Debug, Clone)]
pub struct Explanation {
    pub drill: DrillId,
    /// Already in the schedule: nothing to explain.
    pub scheduled: Option<Placement>,
    /// Per day the venue and window allow, the allowed start ranges.
    pub allowed: Vec<(Day, Vec<(u32, u32)>)>,
    /// Why there is no start at all (rules 1-3), when there is none.
    pub no_start: Option<String>,
    pub obstacles: Vec<Obstacle>,
    pub suggestion: Option<Suggestion>,
}

/// Explains `drill` against `placements`, a feasible schedule of `scenario`
/// (whose file text is `text`, so changes can be tried as overrides).
pub fn explain(
    text: &str,
    scenario: &Scenario,
    placements: &[Option<Placement>],
    drill: DrillId,
) -> Explanation {
    let prepared = Prepared::new(scenario);
    let state = state_of(scenario, &prepared, placements);
    let starts = &prepared.starts[drill.index()];
    let mut out = Explanation {
        drill,
        scheduled: placements[drill.index()].clone(),
        allowed: allowed(scenario, starts),
        no_start: super::explain::no_start_reason(scenario, drill, starts),
        obstacles: Vec::new(),
        suggestion: None,
    };
    if out.scheduled.is_some() {
        return out;
    }
    let mut blockers: Vec<((Day, u32), Vec<DrillId>)> = Vec::new();
    for &(day, start) in starts {
        let (rule, text, in_the_way) = match state.evaluate(drill, day, start) {
            Ok(_) => (
                "-",
                "fits now: the search left it out".to_string(),
                Vec::new(),
            ),
            Err(blocker) => blocked_by(&state, drill, day, start, blocker),
        };
        blockers.push(((day, start), in_the_way));
        match out.obstacles.last_mut() {
            Some(o) if o.day == day && o.rule == rule && o.text == text => {
                o.last = start;
                o.starts += 1;
            }
            _ => out.obstacles.push(Obstacle {
                day,
                first: start,
                last: start,
                starts: 1,
                rule,
                text,
            }),
        }
    }
    out.suggestion = suggest::fits_now(scenario, &state, drill)
        .or_else(|| suggest::move_one_drill(scenario, &state, drill, &blockers))
        .or_else(|| suggest::rule_changes(text, scenario, placements, drill, starts));
    out
}

fn state_of<'s>(
    scenario: &'s Scenario,
    prepared: &'s Prepared,
    placements: &[Option<Placement>],
) -> State<'s> {
    let mut state = State::new(scenario, prepared, None);
    for d in scenario.drill_ids() {
        if let Some(p) = &placements[d.index()] {
            state.place(d, p.clone());
        }
    }
    state
}

fn allowed(scenario: &Scenario, starts: &[(Day, u32)]) -> Vec<(Day, Vec<(u32, u32)>)> {
    let mut out: Vec<(Day, Vec<(u32, u32)>)> = Vec::new();
    for &(day, s) in starts {
        if out.last().map(|l| l.0) != Some(day) {
            out.push((day, Vec::new()));
        }
        let ranges = &mut out.last_mut().expect("pushed above").1;
        match ranges.last_mut() {
            Some(r) if r.1 + scenario.slot_minutes == s => r.1 = s,
            _ => ranges.push((s, s)),
        }
    }
    out
}

/// The rule, the words and the drills in the way of one blocked start.
fn blocked_by(
    state: &State,
    drill: DrillId,
    day: Day,
    start: u32,
    blocker: Blocker,
) -> (&'static str, String, Vec<DrillId>) {
    let sc = state.scenario;
    let d = sc.drill(drill);
    let end = start + d.duration;
    let overlapping = |other: DrillId, gap: u32| {
        state.placement(other).is_some_and(|p| {
            p.day == day && p.start < end + gap && start < p.start + sc.drill(other).duration + gap
        })
    };
    match blocker {
        Blocker::VenueFull => {
            let venue = sc.venue(d.venue);
            let taken: Vec<DrillId> = sc
                .drill_ids()
                .filter(|&o| o != drill && sc.drill(o).venue == d.venue && overlapping(o, 0))
                .collect();
            let text = format!(
                "venue {} (capacity {}) is taken by {}",
                venue.id,
                venue.capacity,
                describe(state, &taken)
            );
            ("8", text, taken)
        }
        Blocker::Conflict(c, other) => {
            let conflict = &sc.conflicts[c.index()];
            let text = format!(
                "conflict set \"{}\" (gap {} min) with {}",
                conflict.name,
                conflict.gap,
                describe(state, &[other])
            );
            ("9", text, vec![other])
        }
        Blocker::Staffing => staffing(state, drill, day, start),
    }
}

/// `id hh:mm-hh:mm` of scheduled drills, for messages.
fn describe(state: &State, drills: &[DrillId]) -> String {
    let sc = state.scenario;
    let items: Vec<String> = drills
        .iter()
        .map(|&o| match state.placement(o) {
            Some(p) => format!(
                "{} {}-{}",
                sc.drill(o).id,
                HhMm(p.start),
                HhMm(p.start + sc.drill(o).duration)
            ),
            None => sc.drill(o).id.clone(),
        })
        .collect();
    items.join(", ")
}

/// Why the teams fall short at one start: the first need without enough
/// free teams and what keeps each of its teams, or the standby rule.
fn staffing(
    state: &State,
    drill: DrillId,
    day: Day,
    start: u32,
) -> (&'static str, String, Vec<DrillId>) {
    let sc = state.scenario;
    let d = sc.drill(drill);
    let visit = Visit::of(sc, drill, start);
    for need in &d.needs {
        let teams: Vec<TeamId> = sc.team_ids().filter(|&t| need.accepts(sc, t)).collect();
        let free: Vec<TeamId> = teams
            .iter()
            .copied()
            .filter(|&t| state.routes().insertion_cost(sc, t, day, visit).is_some())
            .collect();
        let count = need.count() as usize;
        if free.len() >= count {
            continue;
        }
        let mut in_the_way = BTreeSet::new();
        let mut reasons = Vec::new();
        for &t in teams.iter().filter(|t| !free.contains(t)) {
            let team = sc.team(t);
            let visits = state.routes().visits(t, day);
            reasons.push(if !team.works[day as usize] {
                format!("{} is off (rule 5)", team.id)
            } else if team
                .max_drills_per_day
                .is_some_and(|m| visits.len() as u32 >= m)
            {
                format!(
                    "{} already has its {} drills that day (rule 7)",
                    team.id,
                    visits.len()
                )
            } else if let Some(v) = visits
                .iter()
                .find(|v| v.start < visit.end + 180 && visit.start < v.end + 180)
            {
                in_the_way.insert(v.drill);
                format!(
                    "{} is in {} {}-{} and cannot travel between them (rule 6)",
                    team.id,
                    sc.drill(v.drill).id,
                    HhMm(v.start),
                    HhMm(v.end)
                )
            } else {
                let out = sc.travel.between(Point::Base(t), Point::Venue(d.venue));
                format!(
                    "{} cannot reach it within its shift {}-{} ({} min from base, rule 6/7)",
                    team.id,
                    HhMm(team.shift.start),
                    HhMm(team.shift.end),
                    out
                )
            });
        }
        let label = match need {
            Need::Skill { skill, .. } => format!("with skill {}", sc.skills[skill.index()]),
            Need::Team(t) => format!("named {}", sc.team(*t).id),
        };
        let shown = reasons.len().min(4);
        let more = if reasons.len() > shown {
            format!(" and {} more", reasons.len() - shown)
        } else {
            String::new()
        };
        let text = format!(
            "{} of {} teams {label} free, needs {count}: {}{more}",
            free.len(),
            teams.len(),
            reasons[..shown].join("; ")
        );
        return ("4-7", text, in_the_way.into_iter().collect());
    }
    for rule in &sc.standbys {
        if d.needs
            .iter()
            .any(|n| matches!(n, Need::Skill { skill, .. } if *skill == rule.skill))
        {
            let text = format!(
                "standby keeps {} of district {}'s {} {} teams free and the rest are taken",
                rule.keep,
                sc.districts[rule.district.index()].id,
                rule.group.len(),
                sc.skills[rule.skill.index()]
            );
            return ("10", text, Vec::new());
        }
    }
    (
        "4",
        "no assignment fills all its needs at once with distinct teams".to_string(),
        Vec::new(),
    )
}
