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
    outln!(
        "  {} districts, {} venues, {} teams, {} drills ({} mandatory or pinned), total priority {}",
        scenario.districts.len(),
        scenario.venues.len(),
        scenario.teams.len(),
        scenario.drills.len(),
        scenario.drills.iter().filter(|d| d.is_required()).count(),
        scenario.total_priority()
    );
    outln!(
        "  {} conflict sets, {} standby rules",
        scenario.conflicts.len(),
        scenario.standbys.len()
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
