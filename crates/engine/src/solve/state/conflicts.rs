//! Conflict sets (rule 9): members on one day keep `gap` minutes apart.

use super::intervals::Interval;
use crate::scenario::{ConflictId, Day, DrillId, Scenario};

#[derive(Debug, Clone)]
pub struct ConflictLoad {
    days: u32,
    members: Vec<Vec<Interval>>,
}

impl ConflictLoad {
    pub fn new(scenario: &Scenario) -> Self {
        ConflictLoad {
            days: scenario.num_days,
            members: vec![Vec::new(); scenario.conflicts.len() * scenario.num_days as usize],
        }
    }

    fn slot(&self, c: ConflictId, day: Day) -> usize {
        c.index() * self.days as usize + day as usize
    }

    pub fn scheduled(&self, c: ConflictId, day: Day) -> &[Interval] {
        &self.members[self.slot(c, day)]
    }

    /// The first scheduled member too close to `[start, end)`, if any.
    pub fn clash(
        &self,
        scenario: &Scenario,
        c: ConflictId,
        day: Day,
        drill: DrillId,
        start: u32,
        end: u32,
    ) -> Option<DrillId> {
        let gap = scenario.conflicts[c.index()].gap;
        self.scheduled(c, day)
            .iter()
            .find(|o| o.drill != drill && !(o.end + gap <= start || end + gap <= o.start))
            .map(|o| o.drill)
    }

    pub fn insert(&mut self, c: ConflictId, day: Day, iv: Interval) {
        let slot = self.slot(c, day);
        self.members[slot].push(iv);
    }

    pub fn remove(&mut self, c: ConflictId, day: Day, drill: DrillId) {
        let slot = self.slot(c, day);
        self.members[slot].retain(|i| i.drill != drill);
    }
}
