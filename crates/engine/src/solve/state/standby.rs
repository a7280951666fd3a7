//! Standby rules (rule 10): at every instant enough of a district's teams of
//! a skill stay out of drills.

use super::intervals::{peak, Interval};
use crate::scenario::{Day, DrillId, Scenario, StandbyId, TeamId};

#[derive(Debug, Clone)]
pub struct StandbyLoad {
    days: u32,
    busy: Vec<Vec<Interval>>,
    /// Standby rules whose group contains each team.
    pub rules_of_team: Vec<Vec<StandbyId>>,
}

impl StandbyLoad {
    pub fn new(scenario: &Scenario) -> Self {
        let mut rules_of_team = vec![Vec::new(); scenario.teams.len()];
        for (r, rule) in scenario.standbys.iter().enumerate() {
            for t in &rule.group {
                rules_of_team[t.index()].push(StandbyId(r as u32));
            }
        }
        StandbyLoad {
            days: scenario.num_days,
            busy: vec![Vec::new(); scenario.standbys.len() * scenario.num_days as usize],
            rules_of_team,
        }
    }

    fn slot(&self, r: StandbyId, day: Day) -> usize {
        r.index() * self.days as usize + day as usize
    }

    /// How many more of the rule's teams may join drills throughout `[start, end)`.
    pub fn free(&self, scenario: &Scenario, r: StandbyId, day: Day, start: u32, end: u32) -> u32 {
        let used = peak(&self.busy[self.slot(r, day)], start, end);
        scenario.standbys[r.index()]
            .available()
            .saturating_sub(used)
    }

    /// Rules touched by `teams`, each with how many of them it counts.
    fn weights(&self, teams: &[TeamId]) -> Vec<(StandbyId, u32)> {
        let mut out: Vec<(StandbyId, u32)> = Vec::new();
        for t in teams {
            for &r in &self.rules_of_team[t.index()] {
                match out.iter_mut().find(|(x, _)| *x == r) {
                    Some((_, w)) => *w += 1,
                    None => out.push((r, 1)),
                }
            }
        }
        out
    }

    pub fn insert(&mut self, teams: &[TeamId], day: Day, start: u32, end: u32, drill: DrillId) {
        for (r, weight) in self.weights(teams) {
            let slot = self.slot(r, day);
            self.busy[slot].push(Interval {
                start,
                end,
                weight,
                drill,
            });
        }
    }

    pub fn remove(&mut self, teams: &[TeamId], day: Day, drill: DrillId) {
        for (r, _) in self.weights(teams) {
            let slot = self.slot(r, day);
            self.busy[slot].retain(|i| i.drill != drill);
        }
    }
}
