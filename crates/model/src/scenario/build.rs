//! Raw tables to a validated `Scenario`, table by table. Every problem is
//! collected (not just the first) so a planner can fix a file in one pass.

use super::ids::*;
use super::limits::{plain, MAX_ID_CHARS};
use super::model::*;
use super::raw::*;
use super::time::{parse_weekday, parse_window, selects, DayItem, Window};
use super::travel::{Point, TravelTimes};
use crate::diagnostics::{line_col, nearest, InputError, Problem, ProblemKind};
use crate::lang::Lang;
use crate::words;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};
use std::ops::Range;
use std::sync::Arc;
use toml::value::Datetime;

pub const MAX_PLAN_DAYS: i64 = 62;

/// Collects problems against one source text.
pub(super) struct Ctx<'a> {
    src: &'a str,
    pub problems: Vec<Problem>,
    /// The language the problems are told in: the loader's messages reach
    /// a planner as they are, so each is written here in both languages.
    pub lang: Lang,
}

impl Ctx<'_> {
    pub fn err(&mut self, kind: ProblemKind, span: Range<usize>, field: &str, message: String) {
        self.err_help(kind, span, field, message, None);
    }

    pub fn err_help(
        &mut self,
        kind: ProblemKind,
        span: Range<usize>,
        field: &str,
        message: String,
        help: Option<String>,
    ) {
        self.problems.push(Problem {
            kind,
            field: field.to_string(),
            message,
            help,
            line_col: Some(line_col(self.src, span.start)),
            span: Some(span),
            cell: None,
        });
    }

    pub(super) fn bad<T>(&mut self, v: &S<T>, field: &str, message: String) {
        self.err(ProblemKind::BadValue, v.span(), field, message);
    }

    /// An integer that must be at least `min`; `None` (after reporting) otherwise.
    pub(super) fn at_least(&mut self, v: &S<i64>, min: i64, field: &str) -> Option<u32> {
        let n = *v.get_ref();
        if n < min {
            let lang = self.lang;
            self.bad(
                v,
                field,
                words!(lang, en: "must be at least {min}, got {n}", zh: "至少为 {min}，实为 {n}"),
            );
            None
        } else if n > super::limits::MAX_NUMBER {
            let (lang, max) = (self.lang, super::limits::MAX_NUMBER);
            self.bad(
                v,
                field,
                words!(lang,
                    en: "{n} is far beyond any plan; at most {max} is allowed",
                    zh: "{n} 远超任何计划所需；最多为 {max}"),
            );
            None
        } else {
            Some(n as u32)
        }
    }

    pub(super) fn finite(&mut self, v: &S<f64>, field: &str) -> Option<f64> {
        let x = *v.get_ref();
        if x.is_finite() {
            Some(x)
        } else {
            let lang = self.lang;
            self.bad(
                v,
                field,
                words!(lang, en: "must be a finite number, got {x}", zh: "须为有限的数，实为 {x}"),
            );
            None
        }
    }

    pub(super) fn window(&mut self, v: &S<String>, field: &str) -> Option<Window> {
        let lang = self.lang;
        parse_window(v.get_ref())
            .map_err(|e| self.bad(v, field, e.say(lang)))
            .ok()
    }

    pub(super) fn windows(&mut self, v: &S<Vec<S<String>>>, field: &str) -> Option<Vec<Window>> {
        if v.get_ref().is_empty() {
            let lang = self.lang;
            self.bad(
                v,
                field,
                words!(lang,
                en: "needs at least one window \"HH:MM-HH:MM\"",
                zh: "至少须有一个时段 \"HH:MM-HH:MM\""),
            );
            return None;
        }
        let parsed: Vec<_> = v.get_ref().iter().map(|w| self.window(w, field)).collect();
        parsed.into_iter().collect()
    }

    pub(super) fn local_date(&mut self, v: &S<Datetime>, field: &str) -> Option<NaiveDate> {
        let dt = v.get_ref();
        let date = match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32)
            }
            _ => None,
        };
        if date.is_none() {
            let lang = self.lang;
            self.bad(
                v,
                field,
                words!(lang,
                    en: "`{dt}` is not a local date like 2017-06-19",
                    zh: "`{dt}` 不是日期（如 2017-06-19）"),
            );
        }
        date
    }

    /// Seconds from `origin` 00:00 of a local date-time.
    pub(super) fn local_datetime(
        &mut self,
        v: &S<Datetime>,
        origin: NaiveDate,
        field: &str,
    ) -> Option<i64> {
        let dt = v.get_ref();
        let seconds = match (dt.date, dt.time, dt.offset) {
            (Some(d), Some(t), None) => {
                NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32).map(|date| {
                    (date - origin).num_days() * 86_400
                        + t.hour as i64 * 3600
                        + t.minute as i64 * 60
                        + t.second.unwrap_or(0) as i64
                })
            }
            _ => None,
        };
        if seconds.is_none() {
            let lang = self.lang;
            self.bad(
                v,
                field,
                words!(lang,
                    en: "`{dt}` is not a local date-time like 2017-06-19T08:00:00 (no time zone)",
                    zh: "`{dt}` 不是日期加时刻（如 2017-06-19T08:00:00，不带时区）"),
            );
        }
        seconds
    }

    pub(super) fn dates(&mut self, list: &Option<Vec<S<Datetime>>>, field: &str) -> Vec<NaiveDate> {
        let list = list.as_deref().unwrap_or_default();
        list.iter()
            .filter_map(|d| self.local_date(d, field))
            .collect()
    }

    pub(super) fn selector(
        &mut self,
        v: &S<Vec<S<toml::Value>>>,
        field: &str,
    ) -> Option<Vec<DayItem>> {
        if v.get_ref().is_empty() {
            let lang = self.lang;
            self.bad(
                v,
                field,
                words!(lang,
                    en: "an empty day selector selects no day; leave it out for every day",
                    zh: "空的日期选择不选中任何一天；每天都可用时请不填此项"),
            );
            return None;
        }
        let mut items = Vec::new();
        for item in v.get_ref() {
            let parsed = match item.get_ref() {
                toml::Value::String(name) => parse_weekday(name).map(DayItem::Weekday),
                toml::Value::Datetime(dt) => {
                    let spanned = S::new(item.span(), *dt);
                    let date = self.local_date(&spanned, field);
                    match date {
                        Some(d) => Some(DayItem::Date(d)),
                        None => continue,
                    }
                }
                _ => None,
            };
            match parsed {
                Some(p) => items.push(p),
                None => {
                    // A word is quoted as typed (`每天`), not as TOML (`"每天"`).
                    let item_text = match item.get_ref() {
                        toml::Value::String(word) => word.clone(),
                        other => other.to_string(),
                    };
                    let lang = self.lang;
                    self.bad(
                        item,
                        field,
                        words!(lang,
                            en: "`{item_text}` is neither a weekday (mon ... sun) nor a date",
                            zh: "`{item_text}` 既不是星期（mon ... sun，或 周一 … 周日）也不是日期"),
                    )
                }
            }
        }
        (items.len() == v.get_ref().len()).then_some(items)
    }

    pub(super) fn check_id(&mut self, id: &S<String>, field: &str) {
        let text = id.get_ref();
        let chars = text.chars().count();
        if chars > MAX_ID_CHARS {
            let lang = self.lang;
            self.bad(
                id,
                field,
                words!(lang,
                    en: "an id of {chars} characters; at most {MAX_ID_CHARS} are allowed",
                    zh: "编号长 {chars} 个字符；最多 {MAX_ID_CHARS} 个"),
            );
            return;
        }
        let ok_first = text.chars().next().is_some_and(char::is_alphanumeric);
        let ok_rest = text.chars().all(is_id_char);
        if !ok_first || !ok_rest {
            let lang = self.lang;
            self.err_help(
                ProblemKind::BadId,
                id.span(),
                field,
                words!(lang, en: "`{text}` is not a valid id", zh: "`{text}` 不是有效的编号"),
                Some(words!(lang,
                    en: "ids start with a letter or digit and contain only letters, digits, _ - . :",
                    zh: "编号以字母、汉字或数字开头，只含字母、汉字、数字及 _ - . :")),
            );
        }
    }
}

/// A character an id may hold (after its first, a letter or digit).
pub fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')
}

/// An id table: position by id, for references.
struct Index {
    table: &'static str,
    ids: HashMap<String, u32>,
    order: Vec<String>,
    /// Each entry's name, in `order`: a reference typed by name (`独山子区`
    /// for `dushanzi`, as a planner reads the sheet) is told the id to write.
    names: Vec<String>,
}

impl Index {
    fn new(ctx: &mut Ctx, table: &'static str, ids: &[&S<String>]) -> Index {
        let mut index = Index {
            table,
            ids: HashMap::new(),
            order: Vec::new(),
            names: Vec::new(),
        };
        for id in ids {
            ctx.check_id(id, &format!("{table}.id"));
            let text = id.get_ref().clone();
            if index.ids.contains_key(&text) {
                let noun = table_noun(ctx.lang, table);
                let message = words!(ctx.lang,
                    en: "{table} id `{text}` is used twice",
                    zh: "{noun}编号 `{text}` 重复使用");
                ctx.err(
                    ProblemKind::DuplicateId,
                    id.span(),
                    &format!("{table}.id"),
                    message,
                );
            } else {
                index.ids.insert(text.clone(), index.order.len() as u32);
            }
            index.order.push(text);
        }
        index
    }

    fn get(&self, id: &str) -> Option<u32> {
        self.ids.get(id).copied()
    }

    fn with_names<'a>(mut self, names: impl Iterator<Item = Option<&'a S<String>>>) -> Index {
        self.names = names
            .map(|n| {
                n.map(|n| n.get_ref().trim().to_string())
                    .unwrap_or_default()
            })
            .collect();
        self
    }

    fn resolve(&self, ctx: &mut Ctx, reference: &S<String>, field: &str) -> Option<u32> {
        let wanted = reference.get_ref();
        let found = self.get(wanted);
        if found.is_none() {
            let (lang, table) = (ctx.lang, self.table);
            let noun = table_noun(lang, table);
            // A name typed with ASCII brackets or spaces where the name has
            // full-width ones (`克拉玛依区(主城)` for `克拉玛依区（主城）`) is
            // that name to the planner.
            let loose = |s: &str| -> String {
                s.chars()
                    .filter(|c| !c.is_whitespace())
                    .map(crate::diagnostics::narrowed)
                    .collect()
            };
            let named: Vec<(&str, &str)> = self
                .names
                .iter()
                .zip(&self.order)
                .filter(|(n, _)| !n.is_empty() && loose(n) == loose(wanted))
                .map(|(n, id)| (id.as_str(), n.as_str()))
                .collect();
            // `全部` under a coverage row's districts: the notice's "every
            // district" is said by leaving the cell empty.
            let every = table == "district"
                && field.ends_with(".districts")
                && ["全部", "全市", "所有", "所有区域", "全部区域", "all"]
                    .contains(&wanted.trim().to_lowercase().as_str());
            let help = if every {
                words!(lang,
                    en: "to count every district, leave the districts empty",
                    zh: "要计入所有区域，请把区域（districts）留空")
            } else if let [(id, name)] = named[..] {
                if name == wanted.trim() {
                    words!(lang,
                        en: "`{wanted}` is the name of {table} `{id}`; this field takes its id: write `{id}`",
                        zh: "「{wanted}」是{noun} `{id}` 的名称；此处须填编号：请写 `{id}`")
                } else {
                    words!(lang,
                        en: "`{wanted}` is the name of {table} `{id}` (`{name}`), but for its brackets or spaces; this field takes its id: write `{id}`",
                        zh: "「{wanted}」即{noun} `{id}` 的名称「{name}」（括号或空格的写法不同）；此处须填编号：请写 `{id}`")
                }
            } else if self.order.is_empty() {
                words!(lang, en: "the scenario has no {table} at all", zh: "情景中没有任何{noun}")
            } else if self.order.len() <= 8 {
                let ids = self.order.join(", ");
                words!(lang, en: "existing {table} ids: {ids}", zh: "已有的{noun}编号：{ids}")
            } else {
                let near = nearest(wanted, self.order.iter().map(String::as_str)).join(", ");
                words!(lang, en: "nearest {table} ids: {near}", zh: "最接近的{noun}编号：{near}")
            };
            ctx.err_help(
                ProblemKind::UnknownReference,
                reference.span(),
                field,
                words!(lang, en: "no {table} has id `{wanted}`", zh: "没有编号为 `{wanted}` 的{noun}"),
                Some(help),
            );
        }
        found
    }
}

pub(super) fn build(
    raw: RawScenario,
    label: &str,
    source: Arc<String>,
    lang: Lang,
) -> Result<Scenario, InputError> {
    let mut ctx = Ctx {
        src: source.as_str(),
        problems: Vec::new(),
        lang,
    };
    let scenario = build_tables(&mut ctx, raw);
    if ctx.problems.is_empty() {
        if let Some(s) = scenario {
            return Ok(s);
        }
    }
    let mut problems = ctx.problems;
    problems.sort_by_key(|p| p.span.as_ref().map_or(0, |s| s.start));
    Err(InputError {
        path: label.to_string(),
        source,
        problems,
        notes: Vec::new(),
    })
}

fn build_tables(ctx: &mut Ctx, raw: RawScenario) -> Option<Scenario> {
    if !super::limits::check(ctx, &raw) {
        return None;
    }
    let plan = super::build_plan::plan(ctx, &raw.plan)?;
    let dates: Vec<NaiveDate> = (0..plan.num_days)
        .map(|d| plan.start + chrono::Days::new(d as u64))
        .collect();
    let day_mask = |items: &Option<Vec<DayItem>>, except: &[NaiveDate]| -> Vec<bool> {
        dates
            .iter()
            .map(|&d| items.as_ref().is_none_or(|i| selects(i, d)) && !except.contains(&d))
            .collect()
    };

    let district_index = Index::new(
        ctx,
        "district",
        &raw.district
            .iter()
            .map(|d| &d.get_ref().id)
            .collect::<Vec<_>>(),
    )
    .with_names(raw.district.iter().map(|d| d.get_ref().name.as_ref()));
    let venue_index = Index::new(
        ctx,
        "venue",
        &raw.venue
            .iter()
            .map(|v| &v.get_ref().id)
            .collect::<Vec<_>>(),
    )
    .with_names(raw.venue.iter().map(|v| v.get_ref().name.as_ref()));
    let team_index = Index::new(
        ctx,
        "team",
        &raw.team.iter().map(|t| &t.get_ref().id).collect::<Vec<_>>(),
    )
    .with_names(raw.team.iter().map(|t| t.get_ref().name.as_ref()));
    let drill_index = Index::new(
        ctx,
        "drill",
        &raw.drill
            .iter()
            .map(|d| &d.get_ref().id)
            .collect::<Vec<_>>(),
    )
    .with_names(raw.drill.iter().map(|d| d.get_ref().name.as_ref()));
    for team in &raw.team {
        let id = &team.get_ref().id;
        if venue_index.get(id.get_ref()).is_some() {
            let text = id.get_ref();
            let message = words!(ctx.lang,
                en: "`{text}` is both a venue id and a team id; travel overrides could not tell them apart",
                zh: "`{text}` 既是场地编号又是队伍编号；路程实测值将无法区分二者");
            ctx.err(ProblemKind::DuplicateId, id.span(), "team.id", message);
        }
    }

    let districts: Vec<District> = raw
        .district
        .iter()
        .map(|d| {
            let d = d.get_ref();
            District {
                id: d.id.get_ref().clone(),
                name: plain(&d.name),
            }
        })
        .collect();

    let venues =
        super::build_units::venues(ctx, &raw.venue, &plan, &Refs(&district_index), &day_mask);
    let mut skill_names: Vec<String> = Vec::new();
    let mut intern = |name: &str| -> SkillId {
        // 消防 and fire are one skill: the glossary's Chinese labels are keys too.
        let name = crate::lang::skill_key(name);
        match skill_names.iter().position(|s| s == name) {
            Some(i) => SkillId(i as u32),
            None => {
                skill_names.push(name.to_string());
                SkillId(skill_names.len() as u32 - 1)
            }
        }
    };

    let teams = super::build_units::teams(
        ctx,
        &raw.team,
        &plan,
        &Refs(&district_index),
        &day_mask,
        &mut intern,
    );
    let drills = super::build_drills::drills(
        ctx,
        &raw,
        &plan,
        &dates,
        &Refs(&venue_index),
        &Refs(&team_index),
        &mut intern,
    );
    let pins = super::build_drills::pins(
        ctx,
        &raw.pin,
        &plan,
        &Refs(&drill_index),
        &Refs(&team_index),
    );

    let conflicts = super::build_rules::conflicts(
        ctx,
        &raw.conflict,
        &raw.drill,
        &Refs(&drill_index),
        &Refs(&venue_index),
    );
    let standbys = super::build_rules::standbys(
        ctx,
        &raw.standby,
        &Refs(&district_index),
        &teams,
        &mut intern,
    );
    let travel_cfg = super::build_rules::travel(
        ctx,
        raw.travel.as_ref(),
        &Refs(&venue_index),
        &Refs(&team_index),
    );
    let coverage = super::build_coverage::coverage(ctx, &raw, &Refs(&district_index));
    let weights = super::build_rules::weights(ctx, raw.objective.as_ref());
    if let (Some(w), Some(objective)) = (&weights, &raw.objective) {
        super::limits::penalty_fits(
            ctx,
            objective,
            w,
            teams.len(),
            plan.num_days,
            raw.drill.len(),
        );
    }

    if ctx.problems.is_empty() {
        needs_no_team_has(ctx, &raw.drill, &teams, &skill_names);
    }
    if !ctx.problems.is_empty() {
        return None;
    }
    let (mut drills, pins, conflicts, standbys, (speed, detour, overrides), weights) =
        (drills?, pins?, conflicts?, standbys?, travel_cfg?, weights?);
    let coverage = coverage?;
    for (drill, pin) in pins {
        // Two pins on one drill both hold: the drill must satisfy each.
        let slot = drills[drill.index()].pin.get_or_insert_with(Pin::default);
        slot.starts.extend(pin.starts);
        for t in pin.teams {
            if !slot.teams.contains(&t) {
                slot.teams.push(t);
            }
        }
    }
    for (c, conflict) in conflicts.iter().enumerate() {
        for d in &conflict.drills {
            drills[d.index()].conflicts.push(ConflictId(c as u32));
        }
    }
    let travel = TravelTimes::new(
        &venues.iter().map(|v| v.location).collect::<Vec<_>>(),
        &teams.iter().map(|t| t.base).collect::<Vec<_>>(),
        speed,
        detour,
        &overrides,
    );
    Some(Scenario {
        name: plan.name,
        start: plan.start,
        num_days: plan.num_days,
        slot_minutes: plan.slot_minutes,
        weights,
        drill_index: drills
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.clone(), DrillId(i as u32)))
            .collect(),
        team_index: teams
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.clone(), TeamId(i as u32)))
            .collect(),
        districts,
        venues,
        teams,
        drills,
        conflicts,
        standbys,
        coverage,
        skills: skill_names,
        travel,
    })
}

/// A read-only view of an id table for the helpers in sibling modules.
pub(super) struct Refs<'a>(&'a Index);

impl Refs<'_> {
    pub fn resolve(&self, ctx: &mut Ctx, reference: &S<String>, field: &str) -> Option<u32> {
        self.0.resolve(ctx, reference, field)
    }

    pub fn get(&self, id: &str) -> Option<u32> {
        self.0.get(id)
    }
}

/// Plan-level settings every other table depends on.
pub(super) struct PlanSettings {
    pub name: String,
    pub start: NaiveDate,
    pub num_days: u32,
    pub slot_minutes: u32,
    pub hours: Window,
}

pub(super) fn dedup_sorted<T: Ord + Copy>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    items
        .into_iter()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

pub(super) fn point_of(venues: &Refs, teams: &Refs, id: &str) -> Option<Point> {
    venues
        .get(id)
        .map(|v| Point::Venue(VenueId(v)))
        .or_else(|| teams.get(id).map(|t| Point::Base(TeamId(t))))
}

/// A need for a skill no team has, spelt close to one the teams have
/// (`fier`, `Fire`), is a typo: refused at the need with the skill meant,
/// where it would otherwise only be reported as never placeable. A skill
/// like no team's is left to that report: a city may list drills for teams
/// it has yet to name (and `generate --teams` makes such cities).
fn needs_no_team_has(
    ctx: &mut Ctx<'_>,
    drills: &[S<RawDrill>],
    teams: &[Team],
    skill_names: &[String],
) {
    let held: BTreeSet<&str> = teams
        .iter()
        .flat_map(|t| t.skills.iter().map(|s| skill_names[s.0 as usize].as_str()))
        .collect();
    for d in drills {
        let d = d.get_ref();
        for need in d.needs.get_ref() {
            let Some(skill) = &need.get_ref().skill else {
                continue;
            };
            let key = crate::lang::skill_key(skill.get_ref());
            if key.trim().is_empty() || held.contains(key) {
                continue;
            }
            let near = nearest(key, held.iter().copied());
            let Some(meant) = near.first().filter(|n| {
                let longest = n.chars().count().max(key.chars().count());
                let d = crate::diagnostics::edit_distance(&key.to_lowercase(), &n.to_lowercase());
                crate::diagnostics::is_slip(d, longest)
            }) else {
                continue;
            };
            let (lang, written) = (ctx.lang, skill.get_ref());
            let held = held.iter().copied().collect::<Vec<_>>().join(", ");
            ctx.err_help(
                ProblemKind::UnknownReference,
                skill.span(),
                &format!("drill `{}`.needs.skill", d.id.get_ref()),
                words!(lang,
                    en: "no team has the skill `{written}`",
                    zh: "没有队伍具备技能 `{written}`"),
                Some(words!(lang,
                    en: "did you mean {meant}? skills the teams have: {held}",
                    zh: "是否为 {meant}？各队伍具备的技能：{held}")),
            );
        }
    }
}

/// A table of the scenario as the glossary names it, for messages that
/// name the table (`no venue has id ...`, `没有编号为 ... 的场地`).
pub(super) fn table_noun(lang: Lang, table: &str) -> &str {
    match lang {
        Lang::En => table,
        Lang::Zh => match table {
            "district" => "区域",
            "venue" => "场地",
            "team" => "队伍",
            "drill" => "演练",
            _ => table,
        },
    }
}
