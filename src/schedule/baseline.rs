//! A published schedule to replan against. Read leniently: the scenario may
//! have changed since it was published, so drills or teams it no longer has
//! become warnings and count as changed, never errors.

use super::csv::{parse_entry, rows, MAX_SCHEDULE_ROWS};
use super::Placement;
use crate::diagnostics::InputError;
use crate::scenario::{Scenario, TeamId};

/// Marks a baseline placement that no schedule can repeat (a team or date
/// the scenario no longer has): the drill counts as changed whatever happens.
pub const UNREPEATABLE_DAY: u32 = u32::MAX;

#[derive(Debug, Clone, Default)]
pub struct Baseline {
    /// Per drill of the scenario, where the baseline had it.
    pub placements: Vec<Option<Placement>>,
    /// Scheduled baseline drills the scenario no longer has: changed in any plan.
    pub vanished: Vec<String>,
    pub warnings: Vec<String>,
}

impl Baseline {
    pub fn read(scenario: &Scenario, path: &std::path::Path) -> Result<Baseline, InputError> {
        let text = crate::scenario::read_text(path, super::csv::MAX_SCHEDULE_BYTES)?;
        Baseline::parse(scenario, &path.display().to_string(), &text)
    }

    pub fn parse(scenario: &Scenario, label: &str, text: &str) -> Result<Baseline, InputError> {
        let mut out = Baseline {
            placements: vec![None; scenario.drills.len()],
            ..Baseline::default()
        };
        for (line, cells) in rows(label, text, MAX_SCHEDULE_ROWS)? {
            if cells[16] != "scheduled" {
                continue;
            }
            let Some(drill) = scenario.find_drill(&cells[0]) else {
                out.warnings.push(format!(
                    "line {line}: drill {} is no longer in the scenario; it counts as changed",
                    cells[0]
                ));
                out.vanished.push(cells[0].clone());
                continue;
            };
            if out.placements[drill.index()].is_some() {
                out.warnings.push(format!(
                    "line {line}: drill {} has a second row; the first one counts",
                    cells[0]
                ));
                continue;
            }
            out.placements[drill.index()] =
                Some(placement(scenario, &cells, line, &mut out.warnings));
        }
        Ok(out)
    }
}

/// The baseline placement of one row, or an unrepeatable one (with a warning).
fn placement(
    scenario: &Scenario,
    cells: &[String],
    line: usize,
    warnings: &mut Vec<String>,
) -> Placement {
    let unrepeatable = |teams: Vec<TeamId>| Placement {
        day: UNREPEATABLE_DAY,
        start: 0,
        teams,
    };
    let mut known = cells.to_vec();
    let ids: Vec<&str> = cells[12].split(';').filter(|s| !s.is_empty()).collect();
    let missing: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| scenario.find_team(id).is_none())
        .collect();
    if !missing.is_empty() {
        warnings.push(format!(
            "line {line}: drill {} had team(s) {} that the scenario no longer has; it counts as changed",
            cells[0],
            missing.join(", ")
        ));
        known[12] = ids
            .iter()
            .copied()
            .filter(|id| !missing.contains(id))
            .collect::<Vec<_>>()
            .join(";");
    }
    match parse_entry(scenario, &known) {
        Ok(entry) => match scenario.day_of(entry.date) {
            Some(day) if missing.is_empty() => Placement {
                day,
                start: entry.start,
                teams: entry.teams,
            },
            Some(_) => unrepeatable(entry.teams),
            None => {
                warnings.push(format!(
                    "line {line}: drill {} was on {}, outside the plan; it counts as changed",
                    cells[0], entry.date
                ));
                unrepeatable(entry.teams)
            }
        },
        Err((field, message)) => {
            warnings.push(format!(
                "line {line}: drill {}: {field}: {message}; it counts as changed",
                cells[0]
            ));
            unrepeatable(Vec::new())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{csv::to_bytes, Schedule};

    #[test]
    fn vanished_drills_and_teams_become_warnings() {
        let s = crate::scenario::load(std::path::Path::new("tests/scenarios/small.toml")).unwrap();
        let mut schedule = Schedule::empty(&s);
        let fire = s.find_drill("school-fire").unwrap();
        let quake = s.find_drill("mall-quake").unwrap();
        schedule.placements[fire.index()] = Some(Placement {
            day: 0,
            start: 540,
            teams: vec![TeamId(0), TeamId(2)],
        });
        schedule.placements[quake.index()] = Some(Placement {
            day: 1,
            start: 600,
            teams: vec![TeamId(2)],
        });
        let text = String::from_utf8(to_bytes(&s, &schedule, true))
            .unwrap()
            .replace("mall-quake,", "old-drill,")
            .replace("fire-krm-1;med-krm", "fire-gone;med-krm");
        let b = Baseline::parse(&s, "b.csv", &text).unwrap();
        assert_eq!(b.vanished, ["old-drill"]);
        assert_eq!(
            b.placements[fire.index()].as_ref().unwrap().day,
            UNREPEATABLE_DAY
        );
        assert!(b.placements[quake.index()].is_none());
        assert_eq!(b.warnings.len(), 2, "{:?}", b.warnings);
    }
}
