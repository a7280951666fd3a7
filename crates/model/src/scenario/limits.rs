//! Sizes no planner reaches. Each keeps a hostile or broken file (an export
//! gone wrong, a paste into the wrong cell) from costing unbounded time or
//! memory, and is refused with the field that crossed it.

use super::build::Ctx;
use super::model::Weights;
use super::raw::{RawObjective, RawScenario, S};
use super::time::MINUTES_PER_DAY;
use crate::diagnostics::ProblemKind;

/// Largest count, duration, priority, capacity, gap or travel time: far
/// above any plan, and small enough that sums of them never overflow.
pub const MAX_NUMBER: i64 = i32::MAX as i64;
/// Largest penalty a schedule may reach: 2^53, above which an f64 no longer
/// holds every integer, so two penalties could compare equal when they are
/// not, and a gain in one term vanish into another.
pub const MAX_PENALTY: f64 = 9_007_199_254_740_992.0;

/// Longest id, in characters: ids are typed and read by people.
pub const MAX_ID_CHARS: usize = 100;
/// Longest name, kind, sector or agency, in characters (a spreadsheet cell
/// shows far less; the longest official unit names are under 60).
pub const MAX_TEXT_CHARS: usize = 500;
/// Most rows in one table: a province-wide drill week has a few thousand
/// drills; this is forty times a large region.
pub const MAX_TABLE_ROWS: usize = 200_000;

/// The text of an optional free-text field, empty when absent.
pub(super) fn plain(v: &Option<S<String>>) -> String {
    v.as_ref().map(|s| s.get_ref().clone()).unwrap_or_default()
}

/// Reports every free-text field longer than `MAX_TEXT_CHARS` and every
/// table with more than `MAX_TABLE_ROWS` rows; false when a table is too
/// large to validate at all.
pub(super) fn check(ctx: &mut Ctx, raw: &RawScenario) -> bool {
    let mut text = |v: &Option<S<String>>, field: &str| {
        if let Some(s) = v {
            let chars = s.get_ref().chars().count();
            if chars > MAX_TEXT_CHARS {
                let message = crate::words!(ctx.lang,
                    en: "{chars} characters; at most {MAX_TEXT_CHARS} are allowed",
                    zh: "共 {chars} 个字符；最多 {MAX_TEXT_CHARS} 个");
                ctx.bad(s, field, message);
            }
        }
    };
    text(&raw.plan.get_ref().name, "plan.name");
    for d in &raw.district {
        text(&d.get_ref().name, "district.name");
    }
    for v in &raw.venue {
        text(&v.get_ref().name, "venue.name");
        text(&v.get_ref().kind, "venue.kind");
    }
    for t in &raw.team {
        text(&t.get_ref().name, "team.name");
        text(&t.get_ref().agency, "team.agency");
    }
    for d in &raw.drill {
        text(&d.get_ref().name, "drill.name");
        text(&d.get_ref().kind, "drill.kind");
        text(&d.get_ref().sector, "drill.sector");
    }
    for c in &raw.conflict {
        text(&c.get_ref().name, "conflict.name");
    }
    for c in &raw.coverage {
        text(&c.get_ref().name, "coverage.name");
        text(&c.get_ref().sector, "coverage.sector");
        text(&c.get_ref().kind, "coverage.kind");
    }
    let tables = [
        ("venue", raw.venue.first().map(S::span), raw.venue.len()),
        ("team", raw.team.first().map(S::span), raw.team.len()),
        ("drill", raw.drill.first().map(S::span), raw.drill.len()),
        (
            "conflict",
            raw.conflict.first().map(S::span),
            raw.conflict.len(),
        ),
    ];
    let mut fits = true;
    for (table, span, rows) in tables {
        if let (Some(span), true) = (span, rows > MAX_TABLE_ROWS) {
            fits = false;
            let message = crate::words!(ctx.lang,
                en: "{rows} [[{table}]] rows; at most {MAX_TABLE_ROWS} are allowed",
                zh: "[[{table}]] 共 {rows} 行；最多 {MAX_TABLE_ROWS} 行");
            ctx.err(ProblemKind::BadValue, span, table, message);
        }
    }
    fits
}

/// Refuses objective weights under which the largest penalty a schedule
/// could have is not exact. Travel is bounded by every team travelling all
/// day every day (1 440 minutes), the other terms by one per drill.
pub(super) fn penalty_fits(
    ctx: &mut Ctx,
    raw: &S<RawObjective>,
    w: &Weights,
    teams: usize,
    days: u32,
    drills: usize,
) {
    let travel_minutes = teams as f64 * f64::from(days) * f64::from(MINUTES_PER_DAY);
    let terms = [
        (
            &raw.get_ref().travel,
            "objective.travel",
            w.travel.abs() * travel_minutes,
        ),
        (
            &raw.get_ref().off_preference,
            "objective.off_preference",
            w.off_preference.abs() * drills as f64,
        ),
        (
            &raw.get_ref().change,
            "objective.change",
            w.change.abs() * drills as f64,
        ),
        (
            &raw.get_ref().spread,
            "objective.spread",
            w.spread.abs() * drills as f64 * drills.saturating_sub(1) as f64 / 2.0,
        ),
    ];
    let largest: f64 = terms.iter().map(|t| t.2).sum();
    if largest <= MAX_PENALTY {
        return;
    }
    let (given, field, _) = terms
        .iter()
        .max_by(|a, b| a.2.total_cmp(&b.2))
        .expect("four terms");
    let message = crate::words!(ctx.lang,
        en: "these weights allow a penalty of {largest:e} ({teams} teams x {days} days x \
             {MINUTES_PER_DAY} travel minutes, {drills} drills), above {MAX_PENALTY} (2^53), \
             the largest a penalty can be and stay exact",
        zh: "这些权重下惩罚可达 {largest:e}（{teams} 支队伍 × {days} 天 × {MINUTES_PER_DAY} \
             分钟行程，{drills} 项演练），超过惩罚能精确表示的上限 {MAX_PENALTY}（2^53）");
    match given {
        Some(v) => ctx.bad(v, field, message),
        None => ctx.bad(raw, field, message),
    }
}
