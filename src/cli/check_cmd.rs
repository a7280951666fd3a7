//! `drillplan check SCENARIO SCHEDULE [--baseline CSV]`: every rule, every
//! restated cell, and the score of a schedule file as the planner wrote it.

use super::failure::Failure;
use super::terminal::escape;
use crate::check::{check, columns};
use crate::schedule::csv;
use std::path::Path;

pub fn run(
    scenario_path: &Path,
    schedule_path: &Path,
    baseline: Option<&Path>,
) -> Result<(), Failure> {
    let scenario = super::load_scenario(scenario_path)?;
    let label = schedule_path.display().to_string();
    let read = crate::workbook::schedule::read_rows(&scenario, schedule_path)?;
    super::warn(schedule_path, &read.notes);
    let rows = read.rows;
    let entries = csv::parse_rows(&scenario, &label, &rows)?;
    super::warn(
        schedule_path,
        &columns::warnings(&scenario, &rows, &entries),
    );
    // The baseline is read as leniently as `solve --baseline` reads it:
    // drills, teams or dates the scenario no longer has count as changed.
    let base = baseline
        .map(|p| crate::workbook::schedule::read_baseline(&scenario, p).map(|b| (p, b)))
        .transpose()?;
    if let Some((path, b)) = &base {
        super::warn(path, &b.warnings);
    }
    let base_entries = base.as_ref().map(|(_, b)| b.entries(&scenario));
    let mut report = check(&scenario, &entries, base_entries.as_deref());
    if let Some((_, b)) = &base {
        report.score.changed += b.always_changed();
        report.score.penalty += scenario.weights.change * b.always_changed() as f64;
    }
    let mismatches = columns::restated(&scenario, &rows);
    for v in &report.violations {
        outln!("{}", escape(&v.to_string()));
    }
    for m in &mismatches {
        outln!("{}", escape(&m.to_string()));
    }
    let verdict = match (report.is_feasible(), mismatches.is_empty()) {
        (true, true) => "feasible: every rule of the contract holds".to_string(),
        (true, false) => format!(
            "rejected: every rule holds, but {} cell(s) contradict the scenario",
            mismatches.len()
        ),
        (false, _) => format!(
            "infeasible: {} violation(s) of rules {:?}{}",
            report.violations.len(),
            report.rules_broken(),
            if mismatches.is_empty() {
                String::new()
            } else {
                format!("; {} cell(s) contradict the scenario", mismatches.len())
            }
        ),
    };
    outln!("{verdict}");
    outln!("{}", report.score);
    if scenario.weights.spread != 0.0 {
        outln!(
            "same-day pairs: {} (spread {} each)",
            report.score.same_day_pairs,
            crate::check::score::number(scenario.weights.spread)
        );
    }
    if report.is_feasible() && mismatches.is_empty() {
        Ok(())
    } else {
        Err(Failure::Rejected(format!("{label}: {verdict}")))
    }
}
