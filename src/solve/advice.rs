//! `drillplan explain`: for a drill a schedule leaves out, what the venue and
//! window allow, which rule blocks each of those starts and because of whom,
//! and the smallest change that lets it in — each change verified by the
//! independent checker on the changed scenario and schedule, never assumed.

use super::candidates::Prepared;
use super::state::routes::Visit;
use super::state::{Blocker, Noise, State};
use crate::check::check;
use crate::scenario::time::HhMm;
use crate::scenario::travel::Point;
use crate::scenario::{overrides, Day, DrillId, Need, Scenario, SkillId, TeamId};
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
    out.suggestion = fits_now(scenario, &state, drill)
        .or_else(|| move_one_drill(scenario, &state, drill, &blockers))
        .or_else(|| rule_changes(text, scenario, placements, drill));
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
    let visit = Visit {
        start,
        end: start + d.duration,
        venue: d.venue,
        drill,
    };
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

/// It fits as the schedule stands (a start is free): adding it is the change.
fn fits_now(scenario: &Scenario, state: &State, drill: DrillId) -> Option<Suggestion> {
    let starts = &state.prepared.starts[drill.index()];
    let ins = state.best_insertion(drill, starts, Noise::NONE)?;
    let mut next = state.clone();
    next.place(drill, ins.placement.clone());
    verified(scenario, next.schedule(), drill).map(|schedule| Suggestion {
        text: format!(
            "add it at {} {}: the start is free as the schedule stands",
            scenario.date(ins.placement.day),
            HhMm(ins.placement.start)
        ),
        set: Vec::new(),
        schedule,
    })
}

/// Moves one drill in the way elsewhere, then places this one where it stood.
fn move_one_drill(
    scenario: &Scenario,
    state: &State,
    drill: DrillId,
    blockers: &[((Day, u32), Vec<DrillId>)],
) -> Option<Suggestion> {
    let mut tried = BTreeSet::new();
    for ((day, start), in_the_way) in blockers {
        for &other in in_the_way {
            if !tried.insert((other, *day)) || tried.len() > 200 || !state.can_remove(other) {
                continue;
            }
            let mut next = state.clone();
            let from = next.remove(other)?;
            let Ok(ins) = next.evaluate(drill, *day, *start) else {
                continue;
            };
            next.place(drill, ins.placement);
            let other_starts = &state.prepared.starts[other.index()];
            let Some(moved) = next.best_insertion(other, other_starts, Noise::NONE) else {
                continue;
            };
            let to = moved.placement.clone();
            next.place(other, moved.placement);
            if let Some(schedule) = verified(scenario, next.schedule(), drill) {
                let text = format!(
                    "move {} from {} {} to {} {}{}, then run this drill at {} {}",
                    scenario.drill(other).id,
                    scenario.date(from.day),
                    HhMm(from.start),
                    scenario.date(to.day),
                    HhMm(to.start),
                    if to.teams == from.teams {
                        ""
                    } else {
                        " (other teams)"
                    },
                    scenario.date(*day),
                    HhMm(*start)
                );
                return Some(Suggestion {
                    text,
                    set: Vec::new(),
                    schedule,
                });
            }
        }
    }
    None
}

/// Scenario changes, smallest first: relax a standby rule by one, add one
/// team with a needed skill on one date, widen the drill's window.
fn rule_changes(
    text: &str,
    scenario: &Scenario,
    placements: &[Option<Placement>],
    drill: DrillId,
) -> Option<Suggestion> {
    let d = scenario.drill(drill);
    let skills: Vec<SkillId> = d
        .needs
        .iter()
        .filter_map(|n| match n {
            Need::Skill { skill, .. } => Some(*skill),
            Need::Team(_) => None,
        })
        .collect();
    let mut candidates: Vec<(String, Vec<String>)> = Vec::new();
    for rule in scenario
        .standbys
        .iter()
        .filter(|r| skills.contains(&r.skill) && r.keep > 0)
    {
        let (district, skill) = (
            &scenario.districts[rule.district.index()].id,
            &scenario.skills[rule.skill.index()],
        );
        candidates.push((
            format!(
                "keep {} instead of {} {skill} teams free in {district}",
                rule.keep - 1,
                rule.keep
            ),
            vec![format!("standby.{district}.{skill}.keep={}", rule.keep - 1)],
        ));
    }
    let venue = scenario.venue(d.venue);
    let days: BTreeSet<Day> = Prepared::new(scenario).starts[drill.index()]
        .iter()
        .map(|s| s.0)
        .collect();
    let extra_team = |skill: SkillId, day: Day, n: usize| {
        let name = &scenario.skills[skill.index()];
        let date = scenario.date(day);
        format!(
            "team+={{ id = \"extra-{name}-{}-{n}\", skills = [\"{name}\"], district = \"{}\", base = [{}, {}], days = [{date}] }}",
            date.format("%m%d"),
            scenario.districts[venue.district.index()].id,
            venue.location[0],
            venue.location[1]
        )
    };
    for &skill in &skills {
        for &day in &days {
            candidates.push((
                format!(
                    "add one team with skill {} on {} (based at venue {})",
                    scenario.skills[skill.index()],
                    scenario.date(day),
                    venue.id
                ),
                vec![extra_team(skill, day, 1)],
            ));
        }
    }
    // Every need short at once: one new team per team the drill needs.
    if d.needs.len() > 1 || d.needs.iter().any(|n| n.count() > 1) {
        for &day in &days {
            let mut sets = Vec::new();
            let mut labels = Vec::new();
            for need in &d.needs {
                if let Need::Skill { skill, count } = *need {
                    for n in 1..=count {
                        sets.push(extra_team(skill, day, n as usize));
                    }
                    labels.push(format!(
                        "{count} with skill {}",
                        scenario.skills[skill.index()]
                    ));
                }
            }
            candidates.push((
                format!(
                    "add teams on {} (based at venue {}): {}",
                    scenario.date(day),
                    venue.id,
                    labels.join(", ")
                ),
                sets,
            ));
        }
    }
    if let Some(w) = d.window {
        for minutes in (30..=600).step_by(30) {
            let at = |m: i64| {
                let date = scenario.start + chrono::Duration::days(m.div_euclid(1440));
                format!("{date}T{}:00", HhMm(m.rem_euclid(1440) as u32))
            };
            let (from, to) = (w.from - minutes, w.to + minutes);
            candidates.push((
                format!("widen its window by {minutes} minutes on each side"),
                vec![format!(
                    "drill.{}.window={{ from = {}, to = {} }}",
                    d.id,
                    at(from),
                    at(to)
                )],
            ));
        }
    }
    candidates.into_iter().find_map(|(text_of_change, set)| {
        let schedule = try_override(text, scenario, placements, drill, &set)?;
        Some(Suggestion {
            text: text_of_change,
            set,
            schedule,
        })
    })
}

/// Applies the overrides `set` to the scenario, keeps every placement, and adds the drill
/// at its best start: the new schedule if the checker accepts it.
fn try_override(
    text: &str,
    scenario: &Scenario,
    placements: &[Option<Placement>],
    drill: DrillId,
    set: &[String],
) -> Option<Schedule> {
    let changed_text = overrides::apply(text, set).ok()?;
    let changed = crate::scenario::parse("what-if", &changed_text).ok()?;
    // Ids are kept and rows only added, so indices carry over; check anyway.
    let same = changed.drills.len() == scenario.drills.len()
        && changed
            .drills
            .iter()
            .zip(&scenario.drills)
            .all(|(a, b)| a.id == b.id)
        && scenario
            .teams
            .iter()
            .zip(&changed.teams)
            .all(|(a, b)| a.id == b.id);
    if !same {
        return None;
    }
    let prepared = Prepared::new(&changed);
    let mut state = State::new(&changed, &prepared, None);
    for d in changed.drill_ids() {
        if let Some(p) = &placements[d.index()] {
            state.place(d, p.clone());
        }
    }
    let ins = state.best_insertion(drill, &prepared.starts[drill.index()], Noise::NONE)?;
    state.place(drill, ins.placement);
    verified(&changed, state.schedule(), drill)
}

/// The schedule, if it holds `drill` and the checker accepts it.
fn verified(scenario: &Scenario, schedule: Schedule, drill: DrillId) -> Option<Schedule> {
    let report = check(scenario, &schedule.entries(scenario), None);
    (report.is_feasible() && schedule.placement(drill).is_some()).then_some(schedule)
}
