//! `drillplan validate SCENARIO`: is the file valid, what is in it, and
//! which drills can never be placed.

use super::failure::Failure;
use super::terminal::escape;
use std::path::Path;

pub fn run(path: &Path) -> Result<(), Failure> {
    let scenario = super::load_scenario(path)?;
    outln!(
        "{}: valid scenario \"{}\", {} to {} ({} days)",
        path.display(),
        escape(&scenario.name),
        scenario.start,
        scenario.date(scenario.num_days - 1),
        scenario.num_days
    );
    let required = scenario.drills.iter().filter(|d| d.is_required()).count();
    outln!(
        "  {}, {}, {}, {} ({required} mandatory or pinned), total priority {}",
        counted(scenario.districts.len(), "district"),
        counted(scenario.venues.len(), "venue"),
        counted(scenario.teams.len(), "team"),
        counted(scenario.drills.len(), "drill"),
        scenario.total_priority()
    );
    outln!(
        "  {}, {}, {}",
        counted(scenario.conflicts.len(), "conflict set"),
        counted(scenario.standbys.len(), "standby rule"),
        counted(scenario.coverage.len(), "coverage row")
    );
    let pairs = crate::solve::drill_team_pairs(&scenario);
    if pairs > crate::solve::MAX_DRILL_TEAM_PAIRS {
        errln!(
            "note: {pairs} drill-team pairs exceed the solver's limit of {}; \
             `solve` refuses this scenario. Split it by district or region.",
            crate::solve::MAX_DRILL_TEAM_PAIRS
        );
        return Ok(());
    }
    let starts = crate::solve::candidate_starts(&scenario);
    if starts > crate::solve::MAX_CANDIDATE_STARTS {
        errln!(
            "note: {starts} candidate starts (each drill's starts on the {}-minute grid) exceed \
             the solver's limit of {}; `solve` refuses this scenario. Use a coarser \
             slot_minutes, shorter hours or fewer days, or split it.",
            scenario.slot_minutes,
            crate::solve::MAX_CANDIDATE_STARTS
        );
        return Ok(());
    }
    for (drill, reason) in crate::solve::never_placeable(&scenario) {
        let d = scenario.drill(drill);
        let required = if d.is_required() {
            " (required: solve will fail)"
        } else {
            ""
        };
        errln!(
            "warning: drill {} can never be placed{required}: {}",
            d.id,
            escape(&reason.to_string())
        );
    }
    Ok(())
}

/// `1 conflict set`, `2 conflict sets`.
fn counted(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
