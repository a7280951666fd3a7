//! Coverage rows (rule 12) for a generated city, chosen so that the planted
//! schedule keeps every one of them: a generated scenario is never made
//! infeasible by its own rows, and the planted schedule stays a witness.

use super::{Drill, Venue};
use drillplan_model::lang::Lang;

/// Which `[[coverage]]` rows `generate` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CoverageRows {
    #[default]
    None,
    /// The notice's sectors (section 五(八)), at least one drill each, in
    /// every district whose planted drills include that sector.
    Notice,
    /// Per sector and district, as many drills as the planted schedule
    /// holds there: rows that bind in an oversubscribed city, where the
    /// best schedule without them drops the low-priority sectors.
    Planted,
}

/// The notice's sectors, in the notice's order.
const NOTICE_SECTORS: &[&str] = &[
    "road_traffic",
    "fire",
    "construction",
    "civil_explosives",
    "special_equipment",
    "hazardous_chemicals",
    "non_coal_mines",
    "crowded_places",
];

pub(crate) struct Row {
    pub name: String,
    pub sector: &'static str,
    /// District indices, ascending.
    pub districts: Vec<usize>,
    pub min: u32,
}

pub(crate) fn rows(
    which: CoverageRows,
    districts: usize,
    venues: &[Venue],
    drills: &[Drill],
) -> Vec<Row> {
    if which == CoverageRows::None {
        return Vec::new();
    }
    let mut out = Vec::new();
    for &sector in NOTICE_SECTORS {
        // Planted drills of the sector per district: what the witness holds.
        let mut planted = vec![0u32; districts];
        for d in drills.iter().filter(|d| d.planted.is_some()) {
            if d.template.sector == sector {
                planted[venues[d.venue].district] += 1;
            }
        }
        let label = Lang::Zh.sector(sector);
        match which {
            CoverageRows::None => {}
            CoverageRows::Notice => {
                let held: Vec<usize> = (0..districts).filter(|&i| planted[i] > 0).collect();
                if !held.is_empty() {
                    out.push(Row {
                        name: format!("{label}演练"),
                        sector,
                        districts: held,
                        min: 1,
                    });
                }
            }
            CoverageRows::Planted => {
                // One row per distinct minimum, so that row names stay
                // unique (`--set coverage.NAME.FIELD` addresses them).
                let mut mins: Vec<u32> = planted.iter().copied().filter(|&n| n > 0).collect();
                mins.sort_unstable();
                mins.dedup();
                for min in mins {
                    out.push(Row {
                        name: format!("{label}演练（至少{min}次）"),
                        sector,
                        districts: (0..districts).filter(|&i| planted[i] == min).collect(),
                        min,
                    });
                }
            }
        }
    }
    out
}
