//! `solve --set KEY=VALUE`: a planner's what-if, solved on a changed copy of
//! the scenario and compared with the plan they have: the baseline, or the
//! unchanged scenario solved first, from whose schedule the what-if starts
//! (`crate::solve::what_if` says why the difference is then not noise).

use super::failure::Failure;
use super::progress::ProgressDisplay;
use crate::check::check;
use crate::check::score::number;
use crate::diagnostics::{InputError, ProblemKind};
use crate::lang::Lang;
use crate::scenario::{overrides, Scenario};
use crate::schedule::Placement;
use crate::solve::what_if::{self, PenaltyDifference, PriorityDifference, Side};
use crate::solve::{Outcome, SolveOptions};
use std::path::Path;
use std::sync::atomic::AtomicBool;

/// The scenario at `path` with `sets` applied, and, when there are sets,
/// the scenario as it stands, which the what-if is compared with; or why
/// not (the file itself invalid, an override that does not apply, or a
/// changed scenario that is no longer valid).
///
/// The file is read once: as it stands it settles the run's language (so
/// that a `--set` that fails is told in the planner's language, not in
/// English under a Chinese workbook: `no [[venue]] with id`), its warnings
/// are printed, and it is the reference the comparison needs.
pub fn load_with_overrides(
    path: &Path,
    sets: &[String],
) -> Result<(Scenario, Option<Scenario>), Failure> {
    if sets.is_empty() {
        return super::load_scenario(path).map(|scenario| (scenario, None));
    }
    let (unchanged, text, book) = super::load_scenario_text_and_book(path)?;
    let label = path.display().to_string();
    // A workbook's planner sees sheets and columns, not `[[venue]]` and `hours`.
    let book_lang = book.unwrap_or(Lang::Zh);
    let sheet = |table: &str| {
        crate::workbook::schema::sheet_of(table).map(|s| s.name(book_lang).to_string())
    };
    let column =
        |table: &str, field: &str| crate::workbook::schema::column_label(table, field, book_lang);
    let names = overrides::Book {
        sheet: &sheet,
        column: &column,
    };
    let names = book.is_some().then_some(&names);
    let changed =
        overrides::apply_named(&text, sets, super::lang_arg::current(), names).map_err(|e| {
            Failure::Invalid(InputError::single(
                &label,
                ProblemKind::BadValue,
                "--set",
                e,
            ))
        })?;
    match crate::scenario::parse_in(&label, &changed, super::lang_arg::current()) {
        Ok(scenario) => Ok((scenario, Some(unchanged))),
        Err(mut e) => {
            if let Some(book) = book {
                let lang = super::lang_arg::current();
                for p in &mut e.problems {
                    if let Some(seen) = crate::workbook::schema::field_as_seen(&p.field, book, lang)
                    {
                        p.field = seen;
                    }
                }
            }
            Err(blame_the_set(path, &text, sets, e))
        }
    }
}

/// A changed scenario that no longer validates: its lines and cells are
/// those of a document the planner never saw, so the problems are told
/// against the `--set` argument that first made it invalid (the file itself
/// is valid: it was read first).
fn blame_the_set(path: &Path, text: &str, sets: &[String], e: InputError) -> Failure {
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

/// The unchanged scenario and its schedule, solved before the what-if so
/// that the what-if can start from that schedule.
pub struct Unchanged {
    scenario: Scenario,
    outcome: Outcome,
}

/// Solves the scenario as it stands, with the what-if's options (and its
/// share of the time limit), showing its progress as the first search.
pub fn solve_unchanged(
    scenario: Scenario,
    pool: &rayon::ThreadPool,
    opts: &SolveOptions,
    stop: &AtomicBool,
    display: &mut ProgressDisplay,
) -> Result<Unchanged, Failure> {
    let lang = super::lang_arg::current();
    display.note(&crate::words!(lang,
        en: "what-if: the unchanged scenario first; the changed one starts from its schedule",
        zh: "假设分析：先求解未改动的情景，改动后的情景从它的排程开始"));
    let opts = SolveOptions {
        baseline: None,
        warm_start: None,
        self_check: false,
        ..opts.clone()
    };
    let outcome = super::solve_cmd::search(pool, &scenario, &opts, stop, display)?;
    display.note(&crate::words!(lang,
        en: "what-if: the changed scenario",
        zh: "假设分析：改动后的情景"));
    Ok(Unchanged { scenario, outcome })
}

impl Unchanged {
    /// The unchanged scenario's schedule as placements of `changed`.
    pub fn warm_start(&self, changed: &Scenario) -> Vec<Option<Placement>> {
        what_if::warm_start(&self.scenario, &self.outcome.schedule, changed)
    }

    /// The summary's lines comparing the what-if's outcome with the
    /// unchanged scenario's best plan known: its own search's, or the
    /// what-if's schedule if that fits it too and scores better there.
    pub fn difference(&self, changed: &Scenario, outcome: &Outcome, lang: Lang) -> String {
        let (reference, adopted) =
            what_if::reference(&self.scenario, &self.outcome, changed, &outcome.schedule);
        let side = Side::of(outcome);
        let c = what_if::compare(side, reference);
        let (priority, ref_priority) = (side.priority, reference.priority);
        let delta = priority as i64 - ref_priority as i64;
        let how = match c.priority {
            PriorityDifference::Exact => crate::words!(lang,
                en: "both proven optimal: exact",
                zh: "两边均已证明最优：差值准确"),
            PriorityDifference::Within { low, high } => {
                let band = crate::words!(lang,
                    en: "not proven optimal on both sides: the optima differ by {low:+} to {high:+}",
                    zh: "未在两边都证明最优：两个最优值相差 {low:+} 至 {high:+}");
                band + &match (low > 0, high < 0) {
                    (true, _) => crate::words!(lang,
                        en: ", a gain of at least {low}",
                        zh: "，至少增加 {low}"),
                    (_, true) => {
                        let loss = -high;
                        crate::words!(lang,
                            en: ", a loss of at least {loss}",
                            zh: "，至少减少 {loss}")
                    }
                    _ => String::new(),
                }
            }
        };
        let mut s = crate::words!(lang,
            en: "what-if            priority {priority} ({delta:+} against the unchanged scenario: {ref_priority}; {how})\n",
            zh: "假设分析           优先级 {priority}（与未改动的情景相比 {delta:+}：{ref_priority}；{how}）\n");
        let (penalty, ref_penalty, delta) = (
            number(side.penalty),
            number(reference.penalty),
            signed(side.penalty - reference.penalty),
        );
        let how = match c.penalty {
            PenaltyDifference::OtherPriority => crate::words!(lang,
                en: "the priorities differ: the plans hold other drills, and the penalties are not compared",
                zh: "优先级不同：两个方案安排的演练不同，惩罚不作比较"),
            PenaltyDifference::Unbounded => crate::words!(lang,
                en: "a priority not proven optimal or no penalty bound on one side: \
                     within the search's noise, not significant",
                zh: "有一边的优先级未证明最优或没有惩罚下界：在搜索的噪声范围内，不显著"),
            PenaltyDifference::Within { low, high } => {
                let (lo, hi) = (signed(low), signed(high));
                let band = crate::words!(lang,
                    en: "the optima differ by {lo} to {hi}",
                    zh: "两个最优值相差 {lo} 至 {hi}");
                band + &match c.penalty.significant() {
                    Some(true) => {
                        let low = number(low);
                        crate::words!(lang,
                            en: ": the change costs at least {low}",
                            zh: "：改动至少增加 {low}")
                    }
                    Some(false) => {
                        let high = number(-high);
                        crate::words!(lang,
                            en: ": the change saves at least {high}",
                            zh: "：改动至少节省 {high}")
                    }
                    None => crate::words!(lang,
                        en: ": within the search's noise, not significant",
                        zh: "：在搜索的噪声范围内，不显著"),
                }
            }
        };
        s += &crate::words!(lang,
            en: "                   penalty {penalty} ({delta} against {ref_penalty}; {how})\n",
            zh: "                   惩罚 {penalty}（与 {ref_penalty} 相比 {delta}；{how}）\n");
        if adopted {
            s += &crate::words!(lang,
                en: "                   (the what-if's plan fits the unchanged scenario too, and scores \
                     better there than its own search: it is the reference)\n",
                zh: "                   （假设分析的方案也符合未改动的情景，且在那里比其自身搜索的结果更好：\
                     以它为参照）\n");
        }
        s
    }
}

/// The baseline as published, scored by the checker on the unchanged
/// scenario, for `against_baseline`; or why it cannot be (it does not read
/// against that scenario), said in the line instead.
pub type BaselineReference = Result<(u64, f64), String>;

/// The baseline at `path` scored on the scenario as it stands (`original`).
pub fn score_baseline(original: &Scenario, path: &Path) -> BaselineReference {
    match crate::workbook::schedule::read_baseline(original, path) {
        Ok(b) => {
            let score = check(original, &b.entries(original), None).score;
            Ok((score.priority, score.penalty))
        }
        Err(e) => Err(super::terminal::escape(&e.to_string()).into_owned()),
    }
}

/// The summary's line comparing the what-if's outcome with the baseline as
/// published, scored by the checker on the unchanged scenario: two plans,
/// neither from a search of the other, so the difference is exact.
pub fn against_baseline(reference: &BaselineReference, outcome: &Outcome, lang: Lang) -> String {
    let (priority, penalty) = (outcome.priority, number(outcome.penalty));
    match reference {
        Ok((ref_priority, ref_penalty)) => {
            let delta = priority as i64 - *ref_priority as i64;
            let penalty_delta = signed(outcome.penalty - ref_penalty);
            crate::words!(lang,
                en: "what-if            priority {priority} ({delta:+} against the baseline: {ref_priority}), \
                     penalty {penalty} ({penalty_delta}; plan against plan: exact)\n",
                zh: "假设分析           优先级 {priority}（与基线相比 {delta:+}：{ref_priority}），\
                     惩罚 {penalty}（{penalty_delta}；方案对方案：差值准确）\n")
        }
        Err(e) => crate::words!(lang,
            en: "what-if            not compared: the baseline does not read against the unchanged scenario: {e}\n",
            zh: "假设分析           未作比较：无法按未改动的情景读取基线：{e}\n"),
    }
}

/// A difference with its sign, as the summary prints penalties.
fn signed(x: f64) -> String {
    let sign = if x >= 0.0 { "+" } else { "" };
    format!("{sign}{}", number(x))
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
