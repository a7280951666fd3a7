//! Rule 12 as the solver sees it: one need per (coverage row, district),
//! with the drills that count towards it. Kept apart from `check`, which
//! counts rule 12 afresh from a schedule.

use crate::scenario::{DistrictId, DrillId, Scenario};

/// At least `min` of `drills` (ascending) must be scheduled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverNeed {
    /// Index into `Scenario::coverage`.
    pub row: usize,
    pub district: DistrictId,
    pub min: u32,
    pub drills: Vec<DrillId>,
}

/// Every (row, district) need of the scenario, row by row.
pub fn needs(scenario: &Scenario) -> Vec<CoverNeed> {
    let mut out = Vec::new();
    for (row, c) in scenario.coverage.iter().enumerate() {
        for &district in &c.districts {
            let drills = scenario
                .drill_ids()
                .filter(|&d| scenario.district_of(d) == district && c.matches(scenario.drill(d)))
                .collect();
            out.push(CoverNeed {
                row,
                district,
                min: c.min_drills,
                drills,
            });
        }
    }
    out
}

/// Per drill: the needs (indices into `needs`) it counts towards.
pub fn of_drill(scenario: &Scenario, needs: &[CoverNeed]) -> Vec<Vec<u32>> {
    let mut out = vec![Vec::new(); scenario.drills.len()];
    for (i, n) in needs.iter().enumerate() {
        for d in &n.drills {
            out[d.index()].push(i as u32);
        }
    }
    out
}

/// Whether every drill of `need` is among `drills` (ascending): the need
/// belongs to that part of the scenario. Parts keep each need's drills
/// together (`components`), so each need belongs to exactly one part.
pub fn within(need: &CoverNeed, drills: &[DrillId]) -> bool {
    need.drills.iter().all(|d| drills.binary_search(d).is_ok())
}

/// A coverage need against a final schedule, for the summary and for
/// refusing a schedule that breaks rule 12.
#[derive(Debug, Clone)]
pub struct Held {
    pub row: usize,
    pub district: DistrictId,
    pub has: u32,
    pub min: u32,
    /// When short: its drills left out, with why.
    pub out: Vec<(DrillId, crate::reason::Unplaced)>,
}

impl Held {
    pub fn is_short(&self) -> bool {
        self.has < self.min
    }
}

/// Every need of the scenario against `schedule` (reasons filled in).
pub fn held(scenario: &Scenario, schedule: &crate::schedule::Schedule) -> Vec<Held> {
    needs(scenario)
        .into_iter()
        .map(|n| {
            let has = n
                .drills
                .iter()
                .filter(|d| schedule.placements[d.index()].is_some())
                .count() as u32;
            let out = if has < n.min {
                n.drills
                    .iter()
                    .filter(|d| schedule.placements[d.index()].is_none())
                    .filter_map(|&d| Some((d, schedule.reasons.get(d.index())?.clone()?)))
                    .collect()
            } else {
                Vec::new()
            };
            Held {
                row: n.row,
                district: n.district,
                has,
                min: n.min,
                out,
            }
        })
        .collect()
}
