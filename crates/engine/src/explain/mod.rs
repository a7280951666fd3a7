//! `drillplan explain`: for a drill a schedule leaves out, the root cause
//! when it could not run even in an empty plan, what the venue and window
//! allow, which rule blocks each of those starts and because of whom, and
//! the smallest change that lets it in — each change verified by the
//! independent checker on the changed scenario and schedule, never assumed.
//! The engine's side of the `drillplan explain` command (the binary reads
//! the files and prints): it re-reads the scenario's text to try changes
//! as overrides and calls the checker.

mod suggest;

use crate::reason::{Blocked, Busy, Change, Slot, Unplaced};
use crate::scenario::{Day, DrillId, Need, Scenario};
use crate::schedule::{Placement, Schedule};
use crate::solve::candidates::Prepared;
use crate::solve::explain::{alone_reason, no_start_reason, short_need};
use crate::solve::state::{Blocker, State};

/// Starts of one day that one rule blocks for the same reason.
#[derive(Debug, Clone, PartialEq)]
pub struct Obstacle {
    pub day: Day,
    pub first: u32,
    pub last: u32,
    pub starts: usize,
    pub blocked: Blocked,
}

/// A change that lets the drill in, checked: `schedule` holds the drill and
/// passes the checker on the scenario with `set` applied.
#[derive(Debug, Clone)]
pub struct Suggestion {
    pub change: Change,
    /// `--set` overrides the change needs, all together; empty when only the
    /// schedule changes.
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
    /// Why the drill cannot run even in an empty plan (no start at all, too
    /// few teams...), when that is so: every start is blocked by it.
    pub root: Option<Unplaced>,
    pub obstacles: Vec<Obstacle>,
    pub suggestion: Option<Suggestion>,
}

/// Explains `drill` against `placements`, a feasible schedule of `scenario`
/// (whose file text is `text`, so changes can be tried as overrides).
///
/// Each start the venue and window allow is blocked by some rule, and the
/// obstacles say which, and by whom:
///
/// ```
/// use drillplan_engine::explain::explain;
/// use drillplan_model::reason::Blocked;
/// use drillplan_model::schedule::Placement;
///
/// // Two drills for the one hour of one venue, which takes one at a time.
/// # let text = r#"
/// # [plan]
/// # start = 2017-06-19
/// # end = 2017-06-19
/// # [[district]]
/// # id = "karamay"
/// # [[venue]]
/// # id = "school"
/// # district = "karamay"
/// # location = [45.58, 84.88]
/// # hours = ["08:00-09:00"]
/// # [[team]]
/// # id = "fire-1"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[team]]
/// # id = "fire-2"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[drill]]
/// # id = "evacuation"
/// # venue = "school"
/// # duration = 60
/// # priority = 5
/// # needs = [{ skill = "fire" }]
/// # [[drill]]
/// # id = "smoke"
/// # venue = "school"
/// # duration = 60
/// # priority = 3
/// # needs = [{ skill = "fire" }]
/// # "#;
/// let scenario = drillplan_model::scenario::parse("plan.toml", text).unwrap();
/// let (evacuation, smoke) = (scenario.find_drill("evacuation").unwrap(), scenario.find_drill("smoke").unwrap());
/// let mut placements = vec![None; scenario.drills.len()];
/// placements[evacuation.index()] = Some(Placement { day: 0, start: 8 * 60, teams: vec![scenario.find_team("fire-1").unwrap()] });
///
/// let why = explain(text, &scenario, &placements, smoke);
/// assert_eq!(why.scheduled, None);
/// assert_eq!(why.root, None, "it could run alone");
/// assert_eq!(why.allowed, vec![(0, vec![(8 * 60, 8 * 60)])]);
/// assert_eq!(why.obstacles.len(), 1);
/// let obstacle = &why.obstacles[0];
/// assert_eq!(obstacle.blocked.rule(), "8");
/// assert!(matches!(&obstacle.blocked, Blocked::VenueTaken { by, .. } if by[0].drill == "evacuation"));
/// ```
pub fn explain(
    text: &str,
    scenario: &Scenario,
    placements: &[Option<Placement>],
    drill: DrillId,
) -> Explanation {
    let prepared = Prepared::new(scenario);
    let state = state_of(scenario, &prepared, placements);
    let starts = &prepared.starts[drill.index()];
    let empty = State::new(scenario, &prepared, None);
    let root = no_start_reason(scenario, drill, starts).or_else(|| {
        (!starts
            .iter()
            .any(|&(day, start)| empty.evaluate(drill, day, start).is_ok()))
        .then(|| alone_reason(&empty, drill))
    });
    let mut out = Explanation {
        drill,
        scheduled: placements[drill.index()].clone(),
        allowed: allowed(scenario, starts),
        root,
        obstacles: Vec::new(),
        suggestion: None,
    };
    if out.scheduled.is_some() {
        return out;
    }
    let mut blockers: Vec<((Day, u32), Vec<DrillId>)> = Vec::new();
    for &(day, start) in starts {
        let (blocked, in_the_way) = match state.evaluate(drill, day, start) {
            Ok(_) => (Blocked::Free, Vec::new()),
            Err(blocker) => blocked_by(&state, drill, day, start, blocker),
        };
        blockers.push(((day, start), in_the_way));
        match out.obstacles.last_mut() {
            Some(o) if o.day == day && o.blocked == blocked => {
                o.last = start;
                o.starts += 1;
            }
            _ => out.obstacles.push(Obstacle {
                day,
                first: start,
                last: start,
                starts: 1,
                blocked,
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
    State::from_placements(scenario, prepared, placements)
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

/// What blocks one start, and the drills in the way.
fn blocked_by(
    state: &State,
    drill: DrillId,
    day: Day,
    start: u32,
    blocker: Blocker,
) -> (Blocked, Vec<DrillId>) {
    let sc = state.scenario;
    let d = sc.drill(drill);
    let end = start + d.duration;
    let overlapping = |other: DrillId| {
        state.placement(other).is_some_and(|p| {
            p.day == day && p.start < end && start < p.start + sc.drill(other).duration
        })
    };
    match blocker {
        Blocker::VenueFull => {
            let venue = sc.venue(d.venue);
            let taken: Vec<DrillId> = sc
                .drill_ids()
                .filter(|&o| o != drill && sc.drill(o).venue == d.venue && overlapping(o))
                .collect();
            let blocked = Blocked::VenueTaken {
                venue: venue.id.clone(),
                capacity: venue.capacity,
                by: taken.iter().map(|&o| slot(state, o)).collect(),
            };
            (blocked, taken)
        }
        Blocker::Conflict(c, other) => {
            let conflict = &sc.conflicts[c.index()];
            let blocked = Blocked::Conflict {
                name: conflict.name.clone(),
                gap: conflict.gap,
                with: slot(state, other),
            };
            (blocked, vec![other])
        }
        Blocker::Staffing => staffing(state, drill, day, start),
    }
}

/// A scheduled drill and its time.
fn slot(state: &State, drill: DrillId) -> Slot {
    let sc = state.scenario;
    let start = state.placement(drill).map_or(0, |p| p.start);
    Slot {
        drill: sc.drill(drill).id.clone(),
        start,
        end: start + sc.drill(drill).duration,
    }
}

/// Why the teams fall short at one start: the first need without enough
/// free teams (of every team that has the skill) and what keeps each of
/// them, or the standby rule; with the first drill in each busy team's way.
fn staffing(state: &State, drill: DrillId, day: Day, start: u32) -> (Blocked, Vec<DrillId>) {
    let sc = state.scenario;
    let d = sc.drill(drill);
    let all_with = |_: usize, need: &Need| sc.team_ids().filter(|&t| need.accepts(sc, t)).collect();
    if let Some(short) = short_need(state, drill, day, start, all_with) {
        let mut in_the_way: Vec<DrillId> = short
            .busy
            .iter()
            .filter_map(|b| match &b.busy {
                Busy::In(slots) => sc.find_drill(&slots[0].drill),
                _ => None,
            })
            .collect();
        in_the_way.sort();
        in_the_way.dedup();
        return (Blocked::TeamsShort(short), in_the_way);
    }
    for rule in &sc.standbys {
        if d.needs
            .iter()
            .any(|n| matches!(n, Need::Skill { skill, .. } if *skill == rule.skill))
        {
            let blocked = Blocked::Standby {
                keep: rule.keep,
                district: sc.district_label(rule.district).to_string(),
                group: rule.group.len(),
                skill: sc.skills[rule.skill.index()].clone(),
            };
            return (blocked, Vec::new());
        }
    }
    (Blocked::NoAssignment, Vec::new())
}
