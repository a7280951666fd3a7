//! `[[conflict]]`, `[[standby]]`, `[travel]` and `[objective]`.

use super::build::{dedup_sorted, point_of, Ctx, Refs};
use super::ids::*;
use super::model::*;
use super::raw::*;
use super::travel::Point;
use crate::diagnostics::ProblemKind;
use crate::words;
use std::collections::HashMap;

pub(super) fn conflicts(
    ctx: &mut Ctx,
    raw: &[S<RawConflict>],
    raw_drills: &[S<RawDrill>],
    drills: &Refs,
    venues: &Refs,
) -> Option<Vec<Conflict>> {
    let mut out = Vec::new();
    let mut ok = true;
    for (i, c) in raw.iter().enumerate() {
        let c = c.get_ref();
        let label = c
            .name
            .as_ref()
            .map(|n| n.get_ref().clone())
            .unwrap_or_else(|| format!("conflict #{}", i + 1));
        let field = |f: &str| format!("conflict `{label}`.{f}");
        let mut members = Vec::new();
        for d in &c.drills {
            match drills.resolve(ctx, d, &field("drills")) {
                Some(d) => members.push(DrillId(d)),
                None => ok = false,
            }
        }
        for v in &c.venues {
            match venues.resolve(ctx, v, &field("venues")) {
                Some(_) => members.extend(
                    raw_drills
                        .iter()
                        .filter(|d| d.get_ref().venue.get_ref() == v.get_ref())
                        .filter_map(|d| drills.get(d.get_ref().id.get_ref()))
                        .map(DrillId),
                ),
                None => ok = false,
            }
        }
        let gap = match &c.gap {
            Some(g) => ctx.at_least(g, 0, &field("gap")),
            None => Some(0),
        };
        match gap {
            Some(gap) => out.push(Conflict {
                name: label,
                drills: dedup_sorted(members),
                gap,
            }),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

pub(super) fn standbys(
    ctx: &mut Ctx,
    raw: &[S<RawStandby>],
    districts: &Refs,
    teams: &[Team],
    intern: &mut dyn FnMut(&str) -> SkillId,
) -> Option<Vec<Standby>> {
    let mut out = Vec::new();
    let mut ok = true;
    for s in raw {
        let s = s.get_ref();
        let field = |f: &str| {
            format!(
                "standby `{}/{}`.{f}",
                s.district.get_ref(),
                s.skill.get_ref()
            )
        };
        let district = districts.resolve(ctx, &s.district, &field("district"));
        let keep = ctx.at_least(&s.keep, 0, &field("keep"));
        let (Some(district), Some(keep)) = (district, keep) else {
            ok = false;
            continue;
        };
        let skill = intern(s.skill.get_ref());
        let district = DistrictId(district);
        let group: Vec<TeamId> = teams
            .iter()
            .enumerate()
            .filter(|(_, t)| t.district == district && t.has_skill(skill))
            .map(|(i, _)| TeamId(i as u32))
            .collect();
        if keep as usize > group.len() {
            ctx.err(
                ProblemKind::BadValue,
                s.keep.span(),
                &field("keep"),
                {
                    let (d, n, skill) = (s.district.get_ref(), group.len(), s.skill.get_ref());
                    words!(ctx.lang,
                        en: "keeps {keep} teams free but district `{d}` has only {n} team(s) with skill `{skill}`",
                        zh: "须留 {keep} 支队伍备勤，但区域 `{d}` 具备技能 `{skill}` 的队伍只有 {n} 支")
                },
            );
            ok = false;
            continue;
        }
        out.push(Standby {
            district,
            skill,
            keep,
            group,
        });
    }
    ok.then_some(out)
}

type TravelSettings = (f64, f64, HashMap<(Point, Point), u32>);

pub(super) fn travel(
    ctx: &mut Ctx,
    raw: Option<&S<RawTravel>>,
    venues: &Refs,
    teams: &Refs,
) -> Option<TravelSettings> {
    let Some(raw) = raw else {
        return Some((DEFAULT_SPEED_KMH, DEFAULT_DETOUR, HashMap::new()));
    };
    let t = raw.get_ref();
    let positive = |ctx: &mut Ctx, v: &Option<S<f64>>, field: &str, default: f64| match v {
        None => Some(default),
        Some(v) => {
            let x = ctx.finite(v, field)?;
            if x <= 0.0 {
                let message =
                    words!(ctx.lang, en: "must be above 0, got {x}", zh: "须大于 0，实为 {x}");
                ctx.bad(v, field, message);
                return None;
            }
            Some(x)
        }
    };
    let speed = positive(ctx, &t.speed_kmh, "travel.speed_kmh", DEFAULT_SPEED_KMH);
    let detour = positive(ctx, &t.detour, "travel.detour", DEFAULT_DETOUR);
    let mut overrides = HashMap::new();
    let mut ok = true;
    for o in &t.overrides {
        let o = o.get_ref();
        let resolve = |ctx: &mut Ctx, id: &S<String>, field: &str| {
            let p = point_of(venues, teams, id.get_ref());
            if p.is_none() {
                let text = id.get_ref();
                let message = words!(ctx.lang,
                    en: "`{text}` is neither a venue id nor a team id",
                    zh: "`{text}` 既不是场地编号也不是队伍编号");
                ctx.err_help(
                    ProblemKind::UnknownReference,
                    id.span(),
                    field,
                    message,
                    None,
                );
            }
            p
        };
        let from = resolve(ctx, &o.from, "travel.override.from");
        let to = resolve(ctx, &o.to, "travel.override.to");
        let minutes = ctx.at_least(&o.minutes, 0, "travel.override.minutes");
        let (Some(from), Some(to), Some(minutes)) = (from, to, minutes) else {
            ok = false;
            continue;
        };
        if overrides.contains_key(&(from, to)) || overrides.contains_key(&(to, from)) {
            ctx.err(
                ProblemKind::DuplicateId,
                o.from.span().start..o.to.span().end,
                "travel.override",
                {
                    let (a, b) = (o.from.get_ref(), o.to.get_ref());
                    words!(ctx.lang,
                        en: "a second override for `{a}` and `{b}` (either direction)",
                        zh: "`{a}` 与 `{b}` 之间的第二条实测值（不论方向）")
                },
            );
            ok = false;
            continue;
        }
        overrides.insert((from, to), minutes);
    }
    match (speed, detour, ok) {
        (Some(s), Some(d), true) => Some((s, d, overrides)),
        _ => None,
    }
}

pub(super) fn weights(ctx: &mut Ctx, raw: Option<&S<RawObjective>>) -> Option<Weights> {
    let defaults = Weights::DEFAULT;
    let Some(raw) = raw else {
        return Some(defaults);
    };
    let o = raw.get_ref();
    let mut weight = |v: &Option<S<f64>>, field: &str, default: f64| match v {
        None => Some(default),
        Some(v) => ctx.finite(v, field),
    };
    Some(Weights {
        travel: weight(&o.travel, "objective.travel", defaults.travel)?,
        off_preference: weight(
            &o.off_preference,
            "objective.off_preference",
            defaults.off_preference,
        )?,
        change: weight(&o.change, "objective.change", defaults.change)?,
        spread: match &o.spread {
            None => defaults.spread,
            Some(v) => {
                let x = ctx.finite(v, "objective.spread")?;
                if x < 0.0 {
                    let message = words!(ctx.lang,
                        en: "must be at least 0, got {x}",
                        zh: "至少为 0，实为 {x}（目标权重 spread 不能为负）");
                    ctx.bad(v, "objective.spread", message);
                    return None;
                }
                x
            }
        },
    })
}
