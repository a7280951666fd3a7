//! A schedule: for each drill, where and when it runs and who staffs it, or
//! why it does not. `csv` reads and writes the contract's file.

pub mod baseline;
pub mod csv;

use crate::reason::Unplaced;
use crate::scenario::time::Minute;
use crate::scenario::{Day, DrillId, Scenario, TeamId};
use chrono::NaiveDate;

/// A scheduled drill as the solver produces it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placement {
    pub day: Day,
    pub start: Minute,
    /// Need by need in the order of `needs`; within a need in no promised
    /// order (the solver's is by team index). `canonical_teams` gives the
    /// contract's order, ids ascending as strings.
    pub teams: Vec<TeamId>,
}

/// What the solver hands to the writer: a placement or a reason per drill.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Schedule {
    pub placements: Vec<Option<Placement>>,
    /// Why each unscheduled drill was left out (`None` for scheduled ones).
    pub reasons: Vec<Option<Unplaced>>,
}

impl Schedule {
    pub fn empty(scenario: &Scenario) -> Self {
        Schedule {
            placements: vec![None; scenario.drills.len()],
            reasons: vec![None; scenario.drills.len()],
        }
    }

    pub fn placement(&self, drill: DrillId) -> Option<&Placement> {
        self.placements[drill.index()].as_ref()
    }

    /// The schedule as a checker reads it: calendar dates and explicit ends.
    pub fn entries(&self, scenario: &Scenario) -> Vec<Option<Entry>> {
        self.placements
            .iter()
            .zip(scenario.drill_ids())
            .map(|(p, id)| {
                let drill = scenario.drill(id);
                p.as_ref().map(|p| Entry {
                    date: scenario.date(p.day),
                    start: p.start,
                    end: p.start + drill.duration,
                    teams: canonical_teams(scenario, id, &p.teams),
                })
            })
            .collect()
    }
}

/// How many teams each need of `drill` takes, in the order of `needs`.
fn need_sizes(scenario: &Scenario, drill: DrillId) -> impl Iterator<Item = usize> + '_ {
    scenario
        .drill(drill)
        .needs
        .iter()
        .map(|n| n.count() as usize)
}

/// `teams` (need by need, as the solver fills them) in the contract's order:
/// the order of `needs`, ids ascending (as strings) within a need. Teams
/// that do not split into the needs stay as they are.
pub fn canonical_teams(scenario: &Scenario, drill: DrillId, teams: &[TeamId]) -> Vec<TeamId> {
    let mut out = teams.to_vec();
    if need_sizes(scenario, drill).sum::<usize>() != teams.len() {
        return out;
    }
    let mut rest = &mut out[..];
    for size in need_sizes(scenario, drill) {
        let (group, tail) = rest.split_at_mut(size);
        group.sort_by(|a, b| scenario.team(*a).id.cmp(&scenario.team(*b).id));
        rest = tail;
    }
    out
}

/// A scheduled drill as a file states it. Nothing here is trusted: the
/// checker verifies the date, the times and the teams.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub date: NaiveDate,
    pub start: Minute,
    pub end: Minute,
    /// In the file's order.
    pub teams: Vec<TeamId>,
}
