//! `solve --set KEY=VALUE`: a planner's what-if, solved on a changed copy of
//! the scenario and compared with the plan they have.

use super::failure::Failure;
use crate::check::check;
use crate::diagnostics::{InputError, ProblemKind};
use crate::scenario::{overrides, Scenario};
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
    match crate::scenario::parse(&label, &changed) {
        Ok(scenario) => Ok(scenario),
        Err(e) => Err(blame_the_set(path, &text, sets, e)),
    }
}

/// A changed scenario that no longer validates: its lines and cells are
/// those of a document the planner never saw, so the problems are told
/// against the `--set` argument that first made it invalid (or, if the file
/// is invalid without any, against the file itself, with its lines).
fn blame_the_set(path: &Path, text: &str, sets: &[String], e: InputError) -> Failure {
    if let Err(own) = super::load_scenario(path) {
        return own;
    }
    let label = path.display().to_string();
    let culprit = (1..=sets.len())
        .find(|&k| {
            overrides::apply(text, &sets[..k])
                .map_or(true, |t| crate::scenario::parse(&label, &t).is_err())
        })
        .unwrap_or(sets.len());
    let mut e = e;
    e.path = format!("{label}: --set {}", sets[culprit - 1]);
    e.source = Default::default();
    for p in &mut e.problems {
        p.span = None;
        p.line_col = None;
        p.cell = None;
    }
    Failure::Invalid(e)
}

/// The plan the what-if is measured against: the baseline as published,
/// scored by the checker on the unchanged scenario, or else the unchanged
/// scenario solved with the same options.
pub fn reference_score(
    original: &Scenario,
    baseline: Option<&Path>,
    opts: &SolveOptions,
    stop: &AtomicBool,
) -> (u64, f64, &'static str) {
    if let Some(path) = baseline {
        if let Ok(b) = crate::workbook::schedule::read_baseline(original, path) {
            let score = check(original, &b.entries(original), None).score;
            return (score.priority, score.penalty, "the baseline");
        }
    }
    let opts = SolveOptions {
        baseline: None,
        self_check: false,
        ..opts.clone()
    };
    // Ctrl-C ends this search too, with the best reference found so far.
    let out: Outcome = solve(original, &opts, stop, &mut |_| {});
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
    ) + if against == "the unchanged scenario" {
        // Both numbers come from searches, neither proven on the penalty:
        // a stricter what-if can come out cheaper by chance.
        "                   (two searches: the penalty difference may be search noise, not the change; \
         compare against --baseline for an exact one)\n"
    } else {
        ""
    }
}

/// The what-if line when the time limit (or Ctrl-C) came before the
/// reference could be read and scored.
pub fn not_compared(lang: crate::lang::Lang) -> String {
    crate::words!(lang,
        en: "what-if            not compared: the time limit or Ctrl-C came before the unchanged \
             scenario was read and scored (a longer --time-limit gives the comparison)\n",
        zh: "假设分析           未比较：在读取并评估未改动的情景之前已达到时间上限或被中断\
             （给更长的 --time-limit 即可比较）\n")
}
