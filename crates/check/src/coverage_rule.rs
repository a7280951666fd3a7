//! Rule 12 (coverage, contract v1.1), counted afresh from the file's
//! scheduled drills: no solver structure is consulted.

use super::Violation;
use crate::reason::Broken;
use crate::scenario::{DrillId, Scenario};
use crate::schedule::Entry;

pub(super) fn check(
    scenario: &Scenario,
    scheduled: &[(DrillId, &Entry)],
    out: &mut Vec<Violation>,
) {
    for row in &scenario.coverage {
        for &district in &row.districts {
            let has = scheduled
                .iter()
                .filter(|(d, _)| {
                    let drill = &scenario.drills[d.index()];
                    scenario.venues[drill.venue.index()].district == district
                        && row.sector.as_ref().is_none_or(|s| *s == drill.sector)
                        && row.kind.as_ref().is_none_or(|k| *k == drill.kind)
                })
                .count();
            if has < row.min_drills as usize {
                out.push(Violation::new(Broken::CoverageShort {
                    row: row.name.clone(),
                    district: scenario.district_label(district).to_string(),
                    has,
                    min: row.min_drills,
                }));
            }
        }
    }
}
