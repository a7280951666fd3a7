//! `[plan]` and coordinates.

use super::build::{Ctx, PlanSettings, MAX_PLAN_DAYS};
use super::limits::plain;
use super::raw::{RawPlan, S};
use super::time::Window;
use super::time::MINUTES_PER_DAY;
use crate::diagnostics::ProblemKind;
use crate::words;

pub(super) fn plan(ctx: &mut Ctx, raw: &S<RawPlan>) -> Option<PlanSettings> {
    let p = raw.get_ref();
    let start = ctx.local_date(&p.start, "plan.start");
    let end = ctx.local_date(&p.end, "plan.end");
    let slot_minutes = match &p.slot_minutes {
        Some(s) => {
            let n = *s.get_ref();
            if n < 1 || i64::from(MINUTES_PER_DAY) % n != 0 {
                ctx.err(
                    ProblemKind::BadValue,
                    s.span(),
                    "plan.slot_minutes",
                    words!(ctx.lang,
                        en: "{n} does not divide a day of {MINUTES_PER_DAY} minutes (try 5, 10, 15, 30 or 60)",
                        zh: "{n} 不能整除一天的 {MINUTES_PER_DAY} 分钟（可用 5、10、15、30 或 60）"),
                );
                None
            } else {
                Some(n as u32)
            }
        }
        None => Some(15),
    };
    let hours = match &p.hours {
        Some(h) => ctx.window(h, "plan.hours"),
        None => Some(Window {
            start: 8 * 60,
            end: 18 * 60,
        }),
    };
    let (start, end) = (start?, end?);
    let span = (end - start).num_days() + 1;
    if end < start {
        ctx.err(
            ProblemKind::BadValue,
            p.end.span(),
            "plan.end",
            words!(ctx.lang,
                en: "plan ends on {end}, before it starts on {start}",
                zh: "计划结束于 {end}，早于开始日期 {start}"),
        );
        return None;
    }
    if span > MAX_PLAN_DAYS {
        ctx.err(
            ProblemKind::BadValue,
            p.end.span(),
            "plan.end",
            words!(ctx.lang,
                en: "the plan covers {span} days; at most {MAX_PLAN_DAYS} are allowed",
                zh: "计划跨 {span} 天；最多 {MAX_PLAN_DAYS} 天"),
        );
        return None;
    }
    Some(PlanSettings {
        name: plain(&p.name),
        start,
        num_days: span as u32,
        slot_minutes: slot_minutes?,
        hours: hours?,
    })
}

/// `[latitude, longitude]` in degrees, finite and in range.
pub(super) fn coordinates(ctx: &mut Ctx, v: &S<Vec<f64>>, field: &str) -> Option<[f64; 2]> {
    let values = v.get_ref();
    if values.len() != 2 {
        ctx.err(ProblemKind::BadValue, v.span(), field, {
            let n = values.len();
            words!(ctx.lang,
                    en: "needs [latitude, longitude], got {n} numbers",
                    zh: "须为 [纬度, 经度]，实有 {n} 个数")
        });
        return None;
    }
    let (lat, lon) = (values[0], values[1]);
    let mut ok = true;
    if !lat.is_finite() || !(-90.0..=90.0).contains(&lat) {
        ctx.err(
            ProblemKind::BadValue,
            v.span(),
            field,
            words!(ctx.lang,
                en: "latitude {lat} is outside [-90, 90]",
                zh: "纬度 {lat} 超出 [-90, 90]"),
        );
        ok = false;
    }
    if !lon.is_finite() || !(-180.0..=180.0).contains(&lon) {
        ctx.err(
            ProblemKind::BadValue,
            v.span(),
            field,
            words!(ctx.lang,
                en: "{LONGITUDE} {lon} is outside [-180, 180]",
                zh: "{LONGITUDE_ZH} {lon} 超出 [-180, 180]"),
        );
        ok = false;
    }
    ok.then_some([lat, lon])
}

/// The first word of a bad longitude's message in each language: the
/// workbook reader sends that problem to the longitude's own cell, where
/// the pair of cells was one TOML value.
pub const LONGITUDE: &str = "longitude";
pub const LONGITUDE_ZH: &str = "经度";
