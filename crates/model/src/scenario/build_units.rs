//! `[[venue]]` and `[[team]]`: the places drills happen and the units that staff them.

use super::build::{Ctx, PlanSettings, Refs};
use super::ids::*;
use super::limits::plain;
use super::model::*;
use super::raw::*;
use super::time::DayItem;
use crate::words;
use chrono::NaiveDate;

/// Which plan days a selector (or every day) picks, less the listed dates.
pub(super) type DayMask<'a> = dyn Fn(&Option<Vec<DayItem>>, &[NaiveDate]) -> Vec<bool> + 'a;

pub(super) fn venues(
    ctx: &mut Ctx,
    raw: &[S<RawVenue>],
    plan: &PlanSettings,
    districts: &Refs,
    day_mask: &DayMask,
) -> Vec<Venue> {
    let mut venues = Vec::new();
    for v in raw {
        let v = v.get_ref();
        let field = |f: &str| format!("venue `{}`.{f}", v.id.get_ref());
        let district = districts.resolve(ctx, &v.district, &field("district"));
        let location = super::build_plan::coordinates(ctx, &v.location, &field("location"));
        let capacity = match &v.capacity {
            Some(c) => ctx.at_least(c, 1, &field("capacity")),
            None => Some(1),
        };
        let hours = match &v.hours {
            Some(h) => ctx.windows(h, &field("hours")),
            None => Some(vec![plan.hours]),
        };
        let days = match &v.days {
            Some(d) => ctx.selector(d, &field("days")),
            None => None,
        };
        let closed = ctx.dates(&v.closed, &field("closed"));
        if let (Some(district), Some(location), Some(capacity), Some(hours)) =
            (district, location, capacity, hours)
        {
            venues.push(Venue {
                id: v.id.get_ref().clone(),
                name: plain(&v.name),
                kind: plain(&v.kind),
                district: DistrictId(district),
                location,
                capacity,
                hours,
                open: day_mask(&days, &closed),
            });
        }
    }
    venues
}

/// What a planner types between the skills of a list by habit, rather than
/// the list separators (`,`, `、`): spaces, slashes, a vertical bar.
const LIST_MARKS: &[char] = &[' ', '\u{3000}', '/', '／', '|', '｜'];

pub(super) fn teams(
    ctx: &mut Ctx,
    raw: &[S<RawTeam>],
    plan: &PlanSettings,
    districts: &Refs,
    day_mask: &DayMask,
    intern: &mut dyn FnMut(&str) -> SkillId,
) -> Vec<Team> {
    let mut teams = Vec::new();
    // Skills as typed whole, to tell a list typed into one skill
    // (`fire medical`, `消防／医疗`) from a skill whose name has a space.
    let whole: std::collections::HashSet<&str> = raw
        .iter()
        .flat_map(|t| {
            t.get_ref()
                .skills
                .get_ref()
                .iter()
                .map(|s| s.get_ref().as_str())
        })
        .filter(|s| !s.contains(LIST_MARKS))
        .collect();
    for t in raw {
        let t = t.get_ref();
        let field = |f: &str| format!("team `{}`.{f}", t.id.get_ref());
        let district = districts.resolve(ctx, &t.district, &field("district"));
        let base = super::build_plan::coordinates(ctx, &t.base, &field("base"));
        if t.skills.get_ref().is_empty() {
            let message = words!(ctx.lang,
                en: "a team needs at least one skill",
                zh: "队伍至少须有一项技能");
            ctx.bad(&t.skills, &field("skills"), message);
        }
        let mut skills = Vec::new();
        for s in t.skills.get_ref() {
            if s.get_ref().trim().is_empty() {
                let message = words!(ctx.lang,
                    en: "a skill name cannot be empty",
                    zh: "技能名称不能为空");
                ctx.bad(s, &field("skills"), message);
            }
            let parts: Vec<&str> = s
                .get_ref()
                .split(LIST_MARKS)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() > 1 && parts.iter().any(|p| whole.contains(p)) {
                let (typed, listed, quoted, cell) = (
                    s.get_ref(),
                    parts.join(", "),
                    parts.join("\", \""),
                    parts.join("、"),
                );
                let message = words!(ctx.lang,
                    en: "`{typed}` looks like several skills typed as one ({listed}); give each on \
                         its own: skills = [\"{quoted}\"] (in a workbook cell: {cell})",
                    zh: "`{typed}` 像是把几项技能（{listed}）写成了一项；请逐项分开：\
                         skills = [\"{quoted}\"]（工作簿单元格中写作：{cell}）");
                ctx.bad(s, &field("skills"), message);
            }
            let id = intern(s.get_ref());
            if !skills.contains(&id) {
                skills.push(id);
            }
        }
        let shift = match &t.hours {
            Some(h) => ctx.window(h, &field("hours")),
            None => Some(plan.hours),
        };
        let days = match &t.days {
            Some(d) => ctx.selector(d, &field("days")),
            None => None,
        };
        let off = ctx.dates(&t.off, &field("off"));
        let max_drills = t
            .max_drills_per_day
            .as_ref()
            .map(|m| ctx.at_least(m, 1, &field("max_drills_per_day")));
        let max_minutes = t
            .max_minutes_per_day
            .as_ref()
            .map(|m| ctx.at_least(m, 1, &field("max_minutes_per_day")));
        if let (Some(district), Some(base), Some(shift)) = (district, base, shift) {
            teams.push(Team {
                id: t.id.get_ref().clone(),
                name: plain(&t.name),
                agency: plain(&t.agency),
                skills,
                district: DistrictId(district),
                base,
                shift,
                works: day_mask(&days, &off),
                max_drills_per_day: max_drills.flatten(),
                max_minutes_per_day: max_minutes.flatten(),
            });
        }
    }
    teams
}
