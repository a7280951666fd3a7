//! `solve --set KEY=VALUE`: a planner's what-if, solved on a changed copy of
//! the scenario and compared with the plan they have.

use super::failure::Failure;
use crate::check::check;
use crate::diagnostics::{InputError, ProblemKind};
use crate::scenario::{overrides, Scenario};
use crate::schedule::baseline::Baseline;
use crate::solve::{solve, Outcome, SolveOptions};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// The scenario at `path` with `sets` applied, or why not (an override that
/// does not apply, or a changed scenario that is no longer valid).
pub fn load_with_overrides(path: &Path, sets: &[String]) -> Result<Scenario, Failure> {
    if sets.is_empty() {
        return super::load_scenario(path);
    }
    let text = crate::workbook::scenario_text(path)?;
    let label = path.display().to_string();
    let changed = overrides::apply(&text, sets).map_err(|e| {
        Failure::Invalid(InputError::single(
            &label,
            ProblemKind::BadValue,
            "--set",
            e,
        ))
    })?;
    let label = format!("{label} (with --set)");
    Ok(crate::scenario::parse(&label, &changed)?)
}

/// The plan the what-if is measured against: the baseline as published,
/// scored by the checker on the unchanged scenario, or else the unchanged
/// scenario solved with the same options.
pub fn reference_score(
    original: &Scenario,
    baseline: Option<&Path>,
    opts: &SolveOptions,
) -> (u64, f64, &'static str) {
    if let Some(path) = baseline {
        if let Ok(b) = Baseline::read(original, path) {
            let score = check(original, &b.entries(original), None).score;
            return (score.priority, score.penalty, "the baseline");
        }
    }
    let opts = SolveOptions {
        baseline: None,
        self_check: false,
        ..opts.clone()
    };
    let out: Outcome = solve(original, &opts, &AtomicBool::new(false), &mut |_| {});
    (out.priority, out.penalty, "the unchanged scenario")
}

/// One line comparing the what-if with the reference.
pub fn difference(priority: u64, penalty: f64, reference: (u64, f64, &str)) -> String {
    let (ref_priority, ref_penalty, against) = reference;
    let delta = penalty - ref_penalty;
    format!(
        "what-if            priority {priority} ({:+} against {against}: {ref_priority}), penalty {} ({}{})\n",
        priority as i64 - ref_priority as i64,
        crate::check::score::number(penalty),
        if delta >= 0.0 { "+" } else { "" },
        crate::check::score::number(delta),
    )
}
