//! `[[coverage]]` (contract v1.1, rule 12). A row that no schedule could
//! hold because the scenario lacks the drills is refused here, with the
//! row, the district and the count, rather than found at solve time.

use super::build::{dedup_sorted, Ctx, Refs};
use super::ids::*;
use super::model::*;
use super::raw::*;
use crate::diagnostics::ProblemKind;
use crate::words;
use std::collections::HashMap;

pub(super) fn coverage(
    ctx: &mut Ctx,
    raw: &RawScenario,
    districts: &Refs,
) -> Option<Vec<Coverage>> {
    // Drill -> district through the raw venues, so that a row is checked even
    // when some other table has problems (every problem in one pass).
    let venue_district: HashMap<&str, &str> = raw
        .venue
        .iter()
        .map(|v| {
            let v = v.get_ref();
            (v.id.get_ref().as_str(), v.district.get_ref().as_str())
        })
        .collect();
    let text = |v: &Option<S<String>>| v.as_ref().map(|s| s.get_ref().clone());
    let mut out = Vec::new();
    let mut ok = true;
    for (i, row) in raw.coverage.iter().enumerate() {
        let r = row.get_ref();
        let named = text(&r.name)
            .filter(|n| !n.is_empty())
            .map_or(CoverageName::Nth(i + 1), CoverageName::Named);
        // The field's path is the scenario file's, in its own (English) words.
        let field = |f: &str| format!("coverage `{named}`.{f}");
        let said = named.row_phrase(ctx.lang);
        // Keyed as the drills' own sector and kind are (人员密集场所 is
        // `crowded_places`), so a row and its drills match whichever form
        // each was written in.
        let (sector, kind) = (
            text(&r.sector).map(|s| crate::lang::sector_key(&s).to_string()),
            text(&r.kind).map(|k| crate::lang::kind_key(&k).to_string()),
        );
        if sector.is_none() && kind.is_none() {
            let lang = ctx.lang;
            ctx.err_help(
                ProblemKind::MissingField,
                row.span(),
                &field("sector"),
                words!(lang,
                    en: "{said} gives neither `sector` nor `kind`, so it counts nothing",
                    zh: "{said}既没有行业领域（sector）也没有类型（kind），不计入任何演练"),
                Some(words!(lang,
                    en: "give `sector`, `kind` or both",
                    zh: "{said}须填写 sector（行业领域）或 kind（演练类型）")),
            );
            ok = false;
        }
        let min = match &r.min_drills {
            Some(m) => ctx.at_least(m, 1, &field("min_drills")),
            None => Some(1),
        };
        let listed: Option<Vec<(u32, String, std::ops::Range<usize>)>> = match &r.districts {
            None => Some(
                raw.district
                    .iter()
                    .enumerate()
                    .map(|(k, d)| (k as u32, d.get_ref().id.get_ref().clone(), row.span()))
                    .collect(),
            ),
            Some(list) => {
                let resolved: Vec<_> = list
                    .get_ref()
                    .iter()
                    .map(|d| {
                        districts
                            .resolve(ctx, d, &field("districts"))
                            .map(|k| (k, d.get_ref().clone(), d.span()))
                    })
                    .collect();
                resolved.into_iter().collect()
            }
        };
        // A sector or kind no drill has (`人员密集` for 人员密集场所, two sectors
        // in one cell) is the row's own slip: said at its cell, with the
        // ones the drills have, not as a count short in every district.
        let mut matches_none = false;
        for (given, is_sector) in [(&r.sector, true), (&r.kind, false)] {
            let Some(given) = given else { continue };
            let key_of = |t: &str| {
                if is_sector {
                    crate::lang::sector_key(t).to_string()
                } else {
                    crate::lang::kind_key(t).to_string()
                }
            };
            let key = key_of(given.get_ref());
            let mut used: Vec<String> = raw
                .drill
                .iter()
                .filter_map(|d| {
                    let d = d.get_ref();
                    if is_sector {
                        d.sector.as_ref()
                    } else {
                        d.kind.as_ref()
                    }
                    .map(|x| key_of(x.get_ref()))
                })
                .collect();
            used.sort();
            used.dedup();
            if used.is_empty() || used.contains(&key) {
                continue;
            }
            let lang = ctx.lang;
            let shown: Vec<&str> = used
                .iter()
                .map(|k| {
                    if is_sector {
                        lang.sector(k)
                    } else {
                        lang.kind(k)
                    }
                })
                .collect();
            let typed = given.get_ref().trim();
            let near = crate::diagnostics::nearest(typed, shown.iter().copied()).join("、");
            let (what_en, what_zh) = if is_sector {
                ("sector", "行业领域")
            } else {
                ("kind", "类型")
            };
            ctx.err_help(
                ProblemKind::BadValue,
                given.span(),
                &field(what_en),
                words!(lang,
                    en: "{said}: no drill has the {what_en} `{typed}`, so the row counts nothing",
                    zh: "{said}：没有演练的{what_zh}是「{typed}」，此行不计入任何演练"),
                Some(words!(lang,
                    en: "the drills' {what_en}s, closest first: {near}; write one of them (one per row), or give drills this {what_en}",
                    zh: "演练中的{what_zh}（最接近的在前）：{near}；请改为其中之一（每行一个），或给演练填上此{what_zh}")),
            );
            matches_none = true;
        }
        let (Some(min), Some(listed), true, false) = (
            min,
            listed,
            sector.is_some() || kind.is_some(),
            matches_none,
        ) else {
            ok = false;
            continue;
        };
        let row_ok = Coverage {
            name: named.clone(),
            sector: sector.clone(),
            kind: kind.clone(),
            districts: Vec::new(),
            min_drills: min,
        };
        for (_, district, span) in &listed {
            let count = raw
                .drill
                .iter()
                .map(|d| d.get_ref())
                .filter(|d| {
                    venue_district.get(d.venue.get_ref().as_str()) == Some(&district.as_str())
                        && sector.as_ref().is_none_or(|s| {
                            d.sector
                                .as_ref()
                                .is_some_and(|x| crate::lang::sector_key(x.get_ref()) == s)
                        })
                        && kind.as_ref().is_none_or(|k| {
                            d.kind
                                .as_ref()
                                .is_some_and(|x| crate::lang::kind_key(x.get_ref()) == k)
                        })
                })
                .count();
            if count < min as usize {
                let span = r
                    .min_drills
                    .as_ref()
                    .map_or_else(|| span.clone(), |m| m.span());
                let lang = ctx.lang;
                ctx.err_help(
                    ProblemKind::BadValue,
                    span,
                    &field("min_drills"),
                    words!(lang,
                        en: "{said} asks for {min} matching drill(s) in district \
                             `{district}`, but the scenario has only {count} such drill(s) there",
                        zh: "{said}要求区域 {district} 至少 {min} 个符合的演练，\
                             但情景中该区域只有 {count} 个"),
                    Some(words!(lang,
                        en: "lower min_drills, add such drills to the district, or leave it out of `districts`",
                        zh: "请调低最少演练数、在该区域增加此类演练，或将该区域移出此覆盖要求的区域")),
                );
                ok = false;
            }
        }
        out.push(Coverage {
            districts: dedup_sorted(listed.iter().map(|(k, _, _)| DistrictId(*k))),
            ..row_ok
        });
    }
    ok.then_some(out)
}
