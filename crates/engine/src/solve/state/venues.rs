//! Venue capacity (rule 8): drills running at one venue at once.

use super::intervals::{peak, Interval};
use crate::scenario::{Day, DrillId, Scenario, VenueId};

#[derive(Debug, Clone)]
pub struct VenueLoad {
    days: u32,
    running: Vec<Vec<Interval>>,
}

impl VenueLoad {
    pub fn new(scenario: &Scenario) -> Self {
        VenueLoad {
            days: scenario.num_days,
            running: vec![Vec::new(); scenario.venues.len() * scenario.num_days as usize],
        }
    }

    fn slot(&self, venue: VenueId, day: Day) -> usize {
        venue.index() * self.days as usize + day as usize
    }

    pub fn running(&self, venue: VenueId, day: Day) -> &[Interval] {
        &self.running[self.slot(venue, day)]
    }

    pub fn has_room(
        &self,
        scenario: &Scenario,
        venue: VenueId,
        day: Day,
        start: u32,
        end: u32,
    ) -> bool {
        peak(self.running(venue, day), start, end) < scenario.venue(venue).capacity
    }

    pub fn insert(&mut self, venue: VenueId, day: Day, iv: Interval) {
        let slot = self.slot(venue, day);
        self.running[slot].push(iv);
    }

    pub fn remove(&mut self, venue: VenueId, day: Day, drill: DrillId) {
        let slot = self.slot(venue, day);
        self.running[slot].retain(|i| i.drill != drill);
    }
}
