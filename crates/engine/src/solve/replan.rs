//! What a new plan changes against a published one, and why each change was
//! needed: the baseline slot is tried again in the final plan and whatever
//! blocks it is named.

use super::candidates::Prepared;
use super::state::{Blocker, State};
use crate::reason::Replanned;
use crate::scenario::{DrillId, Scenario, TeamId};
use crate::schedule::baseline::{Baseline, Published};
use crate::schedule::{Placement, Schedule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeKind {
    Dropped,
    Moved,
    Restaffed,
    Added,
    /// In the baseline, but no longer in the scenario.
    Vanished,
}

impl ChangeKind {
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Dropped => "dropped",
            ChangeKind::Moved => "moved",
            ChangeKind::Restaffed => "re-staffed",
            ChangeKind::Added => "added",
            ChangeKind::Vanished => "no longer in scenario",
        }
    }
}

/// The kind in words; the English is `label`, the diff CSV's column.
impl drillplan_model::lang::Say for ChangeKind {
    fn say(&self, lang: drillplan_model::lang::Lang) -> String {
        let zh = match self {
            ChangeKind::Dropped => "取消",
            ChangeKind::Moved => "改期",
            ChangeKind::Restaffed => "换队",
            ChangeKind::Added => "新增",
            ChangeKind::Vanished => "情景中已无",
        };
        let en = self.label();
        drillplan_model::words!(lang, en: "{en}", zh: "{zh}")
    }
}

#[derive(Debug, Clone)]
pub struct Change {
    pub drill_id: String,
    pub kind: ChangeKind,
    pub before: Option<Placement>,
    pub after: Option<Placement>,
    pub why: Replanned,
}

fn team_set(p: &Placement) -> Vec<TeamId> {
    let mut t = p.teams.clone();
    t.sort();
    t
}

/// Every difference between `baseline` and `schedule`, in drill order.
pub fn diff(scenario: &Scenario, baseline: &Baseline, schedule: &Schedule) -> Vec<Change> {
    let prepared = Prepared::new(scenario);
    let mut state = State::from_placements(scenario, &prepared, &schedule.placements);
    let mut out = Vec::new();
    for d in scenario.drill_ids() {
        let published = baseline.drills[d.index()].as_ref();
        let before = match published {
            Some(Published::At(p)) => Some(p),
            _ => None,
        };
        let after = schedule.placement(d);
        let kind = match (published, before, after) {
            (None, _, None) => continue,
            (None, _, Some(_)) => ChangeKind::Added,
            (Some(_), _, None) => ChangeKind::Dropped,
            (_, Some(b), Some(a)) if b.day == a.day && b.start == a.start => {
                if team_set(b) == team_set(a) {
                    continue;
                }
                ChangeKind::Restaffed
            }
            (Some(_), _, Some(_)) => ChangeKind::Moved,
        };
        let why = match (kind, before) {
            (ChangeKind::Added, _) => Replanned::Added,
            (ChangeKind::Dropped, _) => Replanned::Dropped(schedule.reasons[d.index()].clone()),
            (_, Some(before)) => why_not_kept(&mut state, d, before),
            (_, None) => Replanned::Unrepeatable,
        };
        out.push(Change {
            drill_id: scenario.drill(d).id.clone(),
            kind,
            before: before.cloned(),
            after: after.cloned(),
            why,
        });
    }
    for id in &baseline.vanished {
        out.push(Change {
            drill_id: id.clone(),
            kind: ChangeKind::Vanished,
            before: None,
            after: None,
            why: Replanned::Vanished,
        });
    }
    out
}

/// Why `drill` could not stay exactly where the baseline had it.
fn why_not_kept(state: &mut State, drill: DrillId, old: &Placement) -> Replanned {
    let sc = state.scenario;
    // A drill whose removal would break the new plan's routes stays: its
    // slot is the routes'.
    let Some(now) = state
        .can_remove(drill)
        .then(|| state.remove(drill))
        .flatten()
    else {
        return Replanned::SlotTaken;
    };
    let d = sc.drill(drill);
    let slot_allowed = state.prepared.starts[drill.index()].contains(&(old.day, old.start));
    let venue = sc.venue(d.venue);
    let why = if !venue.open[old.day as usize] {
        // The replan's commonest cause, said as the planner put it: the
        // venue closed that day.
        Replanned::VenueClosed {
            venue: venue.id.clone(),
            date: sc.date(old.day),
        }
    } else if !slot_allowed {
        Replanned::SlotNotAllowed {
            broken: super::explain::start_breaks(sc, drill, sc.date(old.day), old.start),
        }
    } else {
        match state.evaluate(drill, old.day, old.start) {
            Err(Blocker::VenueFull) => Replanned::VenueFull {
                venue: sc.venue(d.venue).id.clone(),
            },
            Err(Blocker::Conflict(c, other)) => Replanned::ConflictInUse {
                name: sc.conflicts[c.index()].name.clone(),
                by: sc.drill(other).id.clone(),
            },
            Err(Blocker::Staffing) | Ok(_) => staffing_why(state, drill, old),
        }
    };
    state.place(drill, now);
    why
}

/// Which published team can no longer serve the drill at its published slot.
fn staffing_why(state: &State, drill: DrillId, old: &Placement) -> Replanned {
    let sc = state.scenario;
    let visit = super::state::routes::Visit::of(sc, drill, old.start);
    for &t in &old.teams {
        let team = sc.team(t);
        if !team.works[old.day as usize] {
            return Replanned::TeamOff {
                team: team.id.clone(),
                date: sc.date(old.day),
            };
        }
        if state
            .routes()
            .insertion_cost(sc, t, old.day, visit)
            .is_none()
        {
            return Replanned::TeamCannotMakeIt {
                team: team.id.clone(),
                start: old.start,
                day: state
                    .routes()
                    .visits(t, old.day)
                    .iter()
                    .map(|v| sc.drill(v.drill).id.clone())
                    .collect(),
            };
        }
    }
    Replanned::ForABetterPlan
}
