//! `[[drill]]` and `[[pin]]`.

use super::build::{Ctx, PlanSettings, Refs};
use super::ids::*;
use super::limits::plain;
use super::model::*;
use super::raw::*;
use super::time::selects;
use crate::diagnostics::ProblemKind;
use crate::words;
use chrono::NaiveDate;

pub(super) fn drills(
    ctx: &mut Ctx,
    raw: &RawScenario,
    plan: &PlanSettings,
    dates: &[NaiveDate],
    venues: &Refs,
    teams: &Refs,
    intern: &mut dyn FnMut(&str) -> SkillId,
) -> Option<Vec<Drill>> {
    let mut out = Vec::new();
    let mut ok = true;
    for d in &raw.drill {
        let d = d.get_ref();
        let field = |f: &str| format!("drill `{}`.{f}", d.id.get_ref());
        let venue = venues.resolve(ctx, &d.venue, &field("venue"));
        let duration = ctx.at_least(&d.duration, 1, &field("duration"));
        let priority = match &d.priority {
            Some(p) => ctx.at_least(p, 1, &field("priority")),
            None => Some(1),
        };
        let needs = needs(ctx, &d.needs, teams, intern, &field("needs"));
        let window = d.window.as_ref().and_then(|w| {
            let w = w.get_ref();
            let from = ctx.local_datetime(&w.from, plan.start, &field("window.from"))?;
            let to = ctx.local_datetime(&w.to, plan.start, &field("window.to"))?;
            if from > to {
                // As a spreadsheet shows a date-time (`2027-09-15 14:00`), not
                // as TOML writes one (`2027-09-15T14:00:00`).
                let shown = |v: String| {
                    let v = v.replacen('T', " ", 1);
                    match v.strip_suffix(":00") {
                        Some(short) if short.len() == 16 => short.to_string(),
                        _ => v,
                    }
                };
                let (from, to) = (shown(w.from.get_ref().to_string()), shown(w.to.get_ref().to_string()));
                // The Chinese names the columns the planner sees, not TOML's keys.
                let message = words!(ctx.lang,
                    en: "`from` {from} is after `to` {to}",
                    zh: "最早开始 {from} 晚于最晚结束 {to}：演练须在最早开始之后开始、最晚结束之前结束");
                ctx.bad(&w.from, &field("window"), message);
                return None;
            }
            // Starts and ends are whole minutes: `from <= start` iff `ceil(from) <= start`.
            Some(HardWindow {
                from: from.div_euclid(60) + i64::from(from.rem_euclid(60) != 0),
                to: to.div_euclid(60),
            })
        });
        let prefer = d.prefer.as_ref().map(|p| {
            let p = p.get_ref();
            let days = p
                .days
                .as_ref()
                .and_then(|s| ctx.selector(s, &field("prefer.days")));
            let hours = p
                .hours
                .as_ref()
                .and_then(|h| ctx.windows(h, &field("prefer.hours")));
            Preference {
                days: days.map(|items| dates.iter().map(|&date| selects(&items, date)).collect()),
                hours,
            }
        });
        match (venue, duration, priority, needs) {
            (Some(venue), Some(duration), Some(priority), Some(needs)) => out.push(Drill {
                id: d.id.get_ref().clone(),
                name: plain(&d.name),
                venue: VenueId(venue),
                kind: crate::lang::kind_key(&plain(&d.kind)).to_string(),
                sector: crate::lang::sector_key(&plain(&d.sector)).to_string(),
                kind_written: plain(&d.kind),
                sector_written: plain(&d.sector),
                duration,
                priority: priority as u64,
                mandatory: d.mandatory.unwrap_or(false),
                needs,
                window,
                prefer,
                pin: None,
                conflicts: Vec::new(),
            }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

fn needs(
    ctx: &mut Ctx,
    raw: &S<Vec<S<RawNeed>>>,
    teams: &Refs,
    intern: &mut dyn FnMut(&str) -> SkillId,
    field: &str,
) -> Option<Vec<Need>> {
    let mut out = Vec::new();
    let mut ok = true;
    for need in raw.get_ref() {
        let n = need.get_ref();
        let parsed = match (&n.skill, &n.team) {
            (Some(skill), None) => {
                let count = match &n.count {
                    Some(c) => ctx.at_least(c, 1, &format!("{field}.count")),
                    None => Some(1),
                };
                if skill.get_ref().trim().is_empty() {
                    let message = words!(ctx.lang,
                        en: "a skill name cannot be empty",
                        zh: "技能名称不能为空");
                    ctx.bad(skill, &format!("{field}.skill"), message);
                }
                count.map(|count| Need::Skill {
                    skill: intern(skill.get_ref()),
                    count,
                })
            }
            (None, Some(team)) => {
                if let Some(c) = &n.count {
                    let lang = ctx.lang;
                    ctx.err_help(
                        ProblemKind::BadValue,
                        c.span(),
                        &format!("{field}.count"),
                        words!(lang,
                            en: "`count` goes with `skill` only; a named team is one team",
                            zh: "`count` 只能与 `skill` 同用；点名的队伍就是一支"),
                        Some(words!(lang,
                            en: "write {{ skill = \"...\", count = N }} or {{ team = \"...\" }}",
                            zh: "写作 {{ skill = \"...\", count = N }} 或 {{ team = \"...\" }}")),
                    );
                }
                let t = teams
                    .resolve(ctx, team, &format!("{field}.team"))
                    .map(|t| Need::Team(TeamId(t)));
                if let Some(Need::Team(t)) = t {
                    if out.contains(&Need::Team(t)) {
                        let id = team.get_ref();
                        let message = words!(ctx.lang,
                            en: "team `{id}` is needed twice in one drill",
                            zh: "同一演练两次需要队伍 `{id}`");
                        ctx.err(
                            ProblemKind::DuplicateId,
                            team.span(),
                            &format!("{field}.team"),
                            message,
                        );
                    }
                }
                t
            }
            _ => {
                let lang = ctx.lang;
                ctx.err_help(
                    ProblemKind::BadValue,
                    need.span(),
                    field,
                    words!(lang,
                        en: "a need names exactly one of `skill` and `team`",
                        zh: "每项需求须且只须写 `skill` 与 `team` 之一"),
                    Some(words!(lang,
                        en: "write {{ skill = \"fire\", count = 2 }} or {{ team = \"leaders-obs\" }}",
                        zh: "写作 {{ skill = \"fire\", count = 2 }} 或 {{ team = \"leaders-obs\" }}")),
                );
                None
            }
        };
        match parsed {
            Some(p) => out.push(p),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

pub(super) fn pins(
    ctx: &mut Ctx,
    raw: &[S<RawPin>],
    plan: &PlanSettings,
    drills: &Refs,
    teams: &Refs,
) -> Option<Vec<(DrillId, Pin)>> {
    let mut out = Vec::new();
    let mut ok = true;
    for p in raw {
        let p = p.get_ref();
        let field = |f: &str| format!("pin `{}`.{f}", p.drill.get_ref());
        let drill = drills.resolve(ctx, &p.drill, &field("drill"));
        let start = p
            .start
            .as_ref()
            .map(|s| ctx.local_datetime(s, plan.start, &field("start")));
        let mut pinned_teams = Vec::new();
        for t in p.teams.as_deref().unwrap_or_default() {
            match teams.resolve(ctx, t, &field("teams")) {
                Some(t) => pinned_teams.push(TeamId(t)),
                None => ok = false,
            }
        }
        match (drill, start) {
            (Some(d), None) => out.push((
                DrillId(d),
                Pin {
                    starts: vec![],
                    teams: pinned_teams,
                },
            )),
            (Some(d), Some(Some(s))) => out.push((
                DrillId(d),
                Pin {
                    starts: vec![s],
                    teams: pinned_teams,
                },
            )),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}
