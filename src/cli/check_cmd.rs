//! `drillplan check SCENARIO SCHEDULE [--baseline CSV]`: every rule, every
//! restated cell, and the score of a schedule file as the planner wrote it.

use super::failure::Failure;
use super::terminal::escape;
use crate::check::{check, columns};
use std::path::Path;

pub fn run(
    scenario_path: &Path,
    schedule_path: &Path,
    baseline: Option<&Path>,
) -> Result<(), Failure> {
    let scenario = super::load_scenario(scenario_path)?;
    let label = schedule_path.display().to_string();
    let lang = super::lang_arg::current();
    let read = crate::workbook::schedule::read_rows_in(&scenario, schedule_path, lang)?;
    super::warn(schedule_path, &read.notes);
    let entries = crate::workbook::schedule::parse_rows(&scenario, &label, &read, lang)?;
    let rows = read.rows;
    super::warn(
        schedule_path,
        &columns::warnings_in(&scenario, &rows, &entries, lang),
    );
    // The baseline is read as leniently as `solve --baseline` reads it:
    // drills, teams or dates the scenario no longer has count as changed.
    let base = baseline
        .map(|p| crate::workbook::schedule::read_baseline_in(&scenario, p, lang).map(|b| (p, b)))
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
        outln!("{}", escape(&lang.say(v)));
    }
    for m in &mismatches {
        outln!("{}", escape(&lang.say(m)));
    }
    let (violations, cells) = (report.violations.len(), mismatches.len());
    let rules = report.rules_broken();
    let verdict = match (report.is_feasible(), mismatches.is_empty()) {
        (true, true) => crate::words!(lang,
            en: "feasible: every rule of the contract holds",
            zh: "可行：契约的每条规则都满足"),
        (true, false) => crate::words!(lang,
            en: "rejected: every rule holds, but {cells} cell(s) contradict the scenario",
            zh: "不予接受：每条规则都满足，但有 {cells} 个单元格与情景不符"),
        (false, _) => {
            let also = match mismatches.is_empty() {
                true => String::new(),
                false => crate::words!(lang,
                    en: "; {cells} cell(s) contradict the scenario",
                    zh: "；另有 {cells} 个单元格与情景不符"),
            };
            let listed = rules.iter().map(u8::to_string).collect::<Vec<_>>();
            crate::words!(lang,
                en: ("infeasible: {violations} violation(s) of rules {rules:?}{also}"),
                zh: ("不可行：{violations} 处违反规则 {}{also}", listed.join("、")))
        }
    };
    outln!("{verdict}");
    outln!("{}", lang.say(&report.score));
    if report.is_feasible() && mismatches.is_empty() {
        Ok(())
    } else {
        Err(Failure::Rejected(
            crate::words!(lang, en: "{label}: {verdict}", zh: "{label}：{verdict}"),
        ))
    }
}
