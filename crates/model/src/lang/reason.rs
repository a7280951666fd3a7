//! Reasons (`crate::reason`) in words, English or Chinese. Ids, names,
//! skills and numbers are the scenario's and stay as they are; every word
//! around them is in the chosen language. The English of `Unplaced` is the
//! contract CSV's `reason` column.

use super::Lang;
use crate::reason::{
    Blocked, Broken, Busy, BusyTeam, Change, NeedOf, Replanned, ShortNeed, Slot, TeamsTaken,
    Unplaced,
};
use crate::scenario::time::HhMm;
use crate::words;

mod broken;

/// A value `Lang::say` can put in words.
pub trait Say {
    fn say(&self, lang: Lang) -> String;
}

impl Lang {
    /// `value` in this language.
    pub fn say(self, value: &impl Say) -> String {
        value.say(self)
    }
}

// `Display` of a reason is its English, the contract CSV's wording. It is
// written here, beside the words, so that `reason` knows nothing of `lang`.
macro_rules! english {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&Lang::En.say(self))
            }
        }
    )*};
}
english!(Unplaced, Blocked, Change, Replanned, Broken);

/// The busy teams shown in a line, before "and N more".
const SHOWN: usize = 4;

/// "2 team(s) with skill s"; in Chinese a named team goes without its
/// count, which can only be one.
fn need(lang: Lang, need: &NeedOf, count: u32) -> String {
    match need {
        NeedOf::Skill(s) => words!(lang,
            en: "{count} team(s) with skill {s}",
            zh: ("{count} 支具备 {} 技能的队伍", Lang::Zh.skill(s))),
        NeedOf::Team(t) => words!(lang,
            en: "{count} team(s) named {t}",
            zh: "指定队伍 {t}"),
    }
}

/// "teams with skill s" / "具备 s 技能的队伍", without a count.
fn teams_of(lang: Lang, need: &NeedOf) -> String {
    match need {
        NeedOf::Skill(s) => words!(lang,
            en: "teams with skill {s}",
            zh: ("具备 {} 技能的队伍", Lang::Zh.skill(s))),
        NeedOf::Team(t) => words!(lang, en: "teams named {t}", zh: "指定队伍 {t}"),
    }
}

/// A standby rule as a planner reads it: `克拉玛依区 消防 留守≥1`,
/// `Karamay district: keep ≥1 fire`; `district` is the district's name
/// (its id only when it has none), the skill its label.
pub fn standby_rule(lang: Lang, district: &str, skill: &str, keep: u32) -> String {
    let skill = lang.skill(skill);
    words!(lang,
        en: "{district}: keep ≥{keep} {skill}",
        zh: "{district} {skill} 留守≥{keep}")
}

/// Opening windows as the venue's column writes them: `08:30-12:00, 15:30-19:00`.
pub fn windows(lang: Lang, hours: &[(u32, u32)]) -> String {
    hours
        .iter()
        .map(|&(a, b)| format!("{}-{}", HhMm(a), HhMm(b)))
        .collect::<Vec<_>>()
        .join(list_sep(lang))
}

fn slot(s: &Slot) -> String {
    format!("{} {}-{}", s.drill, HhMm(s.start), HhMm(s.end))
}

fn slots(lang: Lang, list: &[Slot]) -> String {
    list.iter()
        .map(slot)
        .collect::<Vec<_>>()
        .join(list_sep(lang))
}

/// The separator of a list of ids or slots within a sentence.
fn list_sep(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Zh => "、",
    }
}

/// A busy team as the CSV's example says it: short, no rule numbers.
fn busy_short(lang: Lang, b: &BusyTeam) -> String {
    let t = &b.team;
    match &b.busy {
        Busy::Off => words!(lang, en: "{t} is off", zh: "{t} 当天休息"),
        Busy::DayFull { drills } => words!(lang,
            en: "{t} already has its {drills} drills that day",
            zh: "{t} 当天已有 {drills} 场演练"),
        Busy::In(s) => {
            let drills = s.iter().map(|s| s.drill.as_str()).collect::<Vec<_>>();
            words!(lang,
                en: ("{t} is in {}", drills.join(", ")),
                zh: ("{t} 正在参加 {}", drills.join("、")))
        }
        Busy::CannotFit { .. } => words!(lang,
            en: "{t} cannot fit it between its other drills and its shift",
            zh: "{t} 在其他演练与班次之间排不开"),
        Busy::MinutesFull { minutes, max } => words!(lang,
            en: "{t} already drills {minutes} of its {max} minutes that day",
            zh: "{t} 当天已演练 {minutes} 分钟（每日上限 {max} 分钟）"),
    }
}

/// A busy team as `explain` says it: with times and the rule.
fn busy_long(lang: Lang, b: &BusyTeam) -> String {
    let t = &b.team;
    match &b.busy {
        Busy::Off => words!(lang, en: "{t} is off (rule 5)", zh: "{t} 当天休息（规则 5）"),
        Busy::DayFull { drills } => words!(lang,
            en: "{t} already has its {drills} drills that day (rule 7)",
            zh: "{t} 当天已有 {drills} 场演练（规则 7）"),
        Busy::In(s) => {
            let slots = slots(lang, s);
            words!(lang,
                en: "{t} is in {slots} and cannot travel between them (rule 6)",
                zh: "{t} 正在参加 {slots}，来不及转场（规则 6）")
        }
        Busy::CannotFit { shift, from_base } => {
            let (from, to) = (HhMm(shift.0), HhMm(shift.1));
            words!(lang,
                en: "{t} cannot reach it within its shift {from}-{to} ({from_base} min from base, rule 6/7)",
                zh: "{t} 无法在班次 {from}-{to} 内赶到（距驻地 {from_base} 分钟，规则 6/7）")
        }
        Busy::MinutesFull { minutes, max } => words!(lang,
            en: "{t} already drills {minutes} of its max_minutes_per_day {max} that day (rule 7)",
            zh: "{t} 当天已演练 {minutes} 分钟，每日演练时长上限 {max} 分钟（规则 7）"),
    }
}

/// "(e.g. 2017-06-20 09:00: 0 of 9 teams with skill police free, needs 2; ...)"
fn example(lang: Lang, t: &TeamsTaken) -> String {
    let at = format!("{} {}", lang.date(t.date), HhMm(t.start));
    let Some(s) = &t.short else {
        return words!(lang,
            en: " (e.g. {at}: standby rules or combined needs leave too few teams)",
            zh: "（例如 {at}：备勤规则或多项需求叠加后队伍不足）");
    };
    let (free, of, count, teams) = (s.free, s.of, s.count, teams_of(lang, &s.need));
    let busy = s.busy.iter().take(SHOWN).map(|b| busy_short(lang, b));
    let busy = busy.collect::<Vec<_>>();
    words!(lang,
        en: (" (e.g. {at}: {free} of {of} {teams} free, needs {count}; {})", busy.join(", ")),
        zh: ("（例如 {at}：{of} 支{teams}中 {free} 支空闲，需要 {count} 支；{}）", busy.join("，")))
}

impl Say for Unplaced {
    fn say(&self, lang: Lang) -> String {
        use Unplaced::*;
        match self {
            VenueNeverOpen { venue, name } => words!(lang,
                en: "venue {venue} ({name}) is not open on any day of the plan",
                zh: "场地 {venue}（{name}）在计划期内没有开放日"),
            LongerThanOpening {
                minutes,
                venue,
                longest,
            } => words!(lang,
                en: "the {minutes}-minute drill does not fit in any opening window of venue {venue} (longest {longest} min)",
                zh: "{minutes} 分钟的演练放不进场地 {venue} 的任何开放时段（最长 {longest} 分钟）"),
            PinnedStartsDisagree { starts } => {
                let starts = starts
                    .iter()
                    .map(|&(date, minute)| format!("{} {}", lang.date(date), HhMm(minute)))
                    .collect::<Vec<_>>()
                    .join(match lang {
                        Lang::En => ", ",
                        Lang::Zh => "、",
                    });
                words!(lang,
                    en: "its pins give different starts ({starts}), and a drill runs once: keep one pin, or give every pin the same start",
                    zh: "其多条固定设置给出不同的开始时间（{starts}），而一项演练只举行一次：请只保留一条，或让各条固定的开始时间相同")
            }
            PinnedStartSeconds {
                date,
                start,
                seconds,
            } => {
                let (date, start) = (lang.date(*date), HhMm(*start));
                words!(lang,
                    en: "its pinned start {date} {start} has {seconds} seconds past the minute; starts are whole minutes",
                    zh: "其固定开始时间 {date} {start} 多出 {seconds} 秒；开始时间须为整分钟")
            }
            PinnedStartInvalid { broken } if broken.is_empty() => words!(lang,
                en: "its pinned start breaks rule 1, 2 or 3 (off the time grid, not a plan day, outside the venue's hours or the drill's window)",
                zh: "其固定开始时间违反规则 1、2 或 3（不在时间网格上、不在计划日内、超出场地开放时间或演练时间窗）"),
            PinnedStartInvalid { broken } => {
                let said = said_in_turn(broken, lang);
                words!(lang,
                    en: "its pinned start breaks rules 1-3: {said}",
                    zh: "其固定开始时间违反规则 1-3：{said}")
            }
            WindowTooShort { venue, minutes } => words!(lang,
                en: "its window does not overlap an opening window of venue {venue} long enough for {minutes} minutes",
                zh: "其时间窗与场地 {venue} 开放时段的重叠不足 {minutes} 分钟"),
            NoGridStart => words!(lang,
                en: "no start on the time grid fits the venue's opening hours",
                zh: "时间网格上没有符合场地开放时间的开始时间"),
            TooFewTeams {
                need: n,
                count,
                have,
            } => {
                let need = need(lang, n, *count);
                words!(lang,
                    en: "needs {need}, but the scenario has only {have}",
                    zh: "需要 {need}，但情景中只有 {have} 支")
            }
            TooFewWorking {
                need: n,
                count,
                working,
                venue,
            } => {
                let need = need(lang, n, *count);
                words!(lang,
                    en: "needs {need}, but at most {working} of them work on a day venue {venue} is open",
                    zh: "需要 {need}，但在场地 {venue} 开放的日子里最多只有 {working} 支上班")
            }
            LongerThanDailyMinutes {
                need: n,
                count,
                within,
                minutes,
            } => {
                let need = need(lang, n, *count);
                words!(lang,
                    en: "needs {need}, but it lasts {minutes} minutes and at most {within} of them may drill that long in a day (max_minutes_per_day, rule 7)",
                    zh: "需要 {need}，但演练长 {minutes} 分钟，其中最多只有 {within} 支的每日演练时长上限容得下（规则 7）")
            }
            LongerThanShifts {
                need: n,
                count,
                within,
                minutes,
            } => {
                let need = need(lang, n, *count);
                words!(lang,
                    en: "needs {need}, but it lasts {minutes} minutes and at most {within} of them have a shift that long",
                    zh: "需要 {need}，但演练长 {minutes} 分钟，其中最多只有 {within} 支的班次有这么长")
            }
            TooFewReach {
                need: n,
                count,
                reach,
                venue,
            } => {
                let need = need(lang, n, *count);
                words!(lang,
                    en: "needs {need}, but at most {reach} can travel from base to venue {venue} and back within their shifts",
                    zh: "需要 {need}，但最多只有 {reach} 支能在班次内往返驻地与场地 {venue}")
            }
            PinnedTeamsCannotServe => words!(lang,
                en: "its pinned teams cannot all serve it (a pinned team fills no need, is off, or cannot reach the venue in its shift)",
                zh: "其固定队伍无法全部参演（某固定队伍不满足任何需求、当天休息或无法在班次内到达场地）"),
            StandbyTooStrict {
                keep,
                group,
                skill,
                district,
            } => {
                let rule = standby_rule(lang, district, skill, *keep);
                words!(lang,
                    en: "standby ({rule}) keeps {keep} of its {group} teams free, too few remain for its needs",
                    zh: "备勤规则（{rule}）要求 {group} 支队伍中留守 {keep} 支，剩余队伍不够其需求")
            }
            NoStaffing => words!(lang,
                en: "no combination of teams can staff it at any start (needs, shifts, travel and standby rules together)",
                zh: "任何开始时间都无法组合出满足需求的队伍（需求、班次、路程与备勤规则共同作用）"),
            NoRoom {
                teams,
                conflicts,
                venue_full,
            } => {
                let mut parts = Vec::new();
                if let Some(t) = teams {
                    let (starts, of, example) = (t.starts, t.of, example(lang, t));
                    parts.push(words!(lang,
                        en: "at {starts} of {of} starts the teams it needs are taken{example}",
                        zh: "{of} 个可用开始时间中有 {starts} 个所需队伍已被占用{example}"));
                }
                for c in conflicts {
                    let (starts, name) = (c.starts, &c.name);
                    parts.push(words!(lang,
                        en: ("at {starts} starts conflict set \"{name}\" is in use (by {})", c.by.join(", ")),
                        zh: ("有 {starts} 个开始时间互斥组“{name}”正被占用（{}）", c.by.join("、"))));
                }
                if let Some((n, venue)) = venue_full {
                    parts.push(words!(lang,
                        en: "at {n} starts venue {venue} is full",
                        zh: "有 {n} 个开始时间场地 {venue} 已满"));
                }
                words!(lang,
                    en: ("no room left: {}", parts.join("; ")),
                    zh: ("已无空档：{}", parts.join("；")))
            }
            HeldByCoverage {
                row,
                district,
                min,
                by,
            } => {
                let row = row.phrase(lang);
                words!(lang,
                    en: ("kept out by {row} (rule 12): it fits only in place of {}, which district {district} needs to keep its {min} drill(s)", by.join(", ")),
                    zh: ("为满足{row}（规则 12）未安排：只有撤下 {} 才放得下，而区域 {district} 须保留它们才够至少 {min} 次", by.join("、")))
            }
            LeftOutBySearch => words!(lang,
                en: "left out by the search (it fits now only by moving other drills)",
                zh: "搜索未安排（须移动其他演练才能放入）"),
            NotTried => words!(lang,
                en: "not tried: the run stopped (time limit or Ctrl-C) before this drill was analysed",
                zh: "未尝试：运行在分析此演练前已停止（时间限制或中断）"),
        }
    }
}

impl Say for ShortNeed {
    fn say(&self, lang: Lang) -> String {
        let shown: Vec<String> = self
            .busy
            .iter()
            .take(SHOWN)
            .map(|b| busy_long(lang, b))
            .collect();
        let more = self.busy.len() - shown.len();
        let (free, of, count, teams) = (self.free, self.of, self.count, teams_of(lang, &self.need));
        let mut s = words!(lang,
            en: "{free} of {of} {teams} free, needs {count}",
            zh: "{of} 支{teams}中 {free} 支空闲，需要 {count} 支");
        if !shown.is_empty() {
            s += &words!(lang,
                en: (": {}", shown.join("; ")),
                zh: ("：{}", shown.join("；")));
        }
        if more > 0 {
            s += &words!(lang, en: " and {more} more", zh: "，另有 {more} 支");
        }
        s
    }
}

impl Say for Blocked {
    fn say(&self, lang: Lang) -> String {
        match self {
            Blocked::Free => words!(lang,
                en: "fits now: the search left it out",
                zh: "现在即可放入：搜索未安排它"),
            Blocked::VenueTaken {
                venue,
                capacity,
                by,
            } => {
                let by = slots(lang, by);
                words!(lang,
                    en: "venue {venue} (capacity {capacity}) is taken by {by}",
                    zh: "场地 {venue}（容量 {capacity}）已被 {by} 占用")
            }
            Blocked::Conflict { name, gap, with } => {
                let with = slot(with);
                words!(lang,
                    en: "conflict set \"{name}\" (gap {gap} min) with {with}",
                    zh: "互斥组“{name}”（间隔 {gap} 分钟）与 {with} 冲突")
            }
            Blocked::TeamsShort(short) => short.say(lang),
            Blocked::Standby {
                keep,
                district,
                group,
                skill,
            } => {
                let rule = standby_rule(lang, district, skill, *keep);
                words!(lang,
                    en: "standby ({rule}) keeps {keep} of its {group} teams free and the rest are taken",
                    zh: "备勤规则（{rule}）要求 {group} 支队伍中留守 {keep} 支，其余已被占用")
            }
            Blocked::NoAssignment => words!(lang,
                en: "no assignment fills all its needs at once with distinct teams",
                zh: "没有一种各不相同的队伍组合能同时满足其全部需求"),
        }
    }
}

impl Say for Change {
    fn say(&self, lang: Lang) -> String {
        let at = |(date, start): &(chrono::NaiveDate, u32)| {
            format!("{} {}", lang.date(*date), HhMm(*start))
        };
        match self {
            Change::AddAt { date, start } => {
                let (date, start) = (lang.date(*date), HhMm(*start));
                words!(lang,
                    en: "add it at {date} {start}: the start is free as the schedule stands",
                    zh: "安排在 {date} {start}：按现有安排该时间空闲")
            }
            Change::MoveOne {
                drill,
                from,
                to,
                other_teams,
                at: here,
            } => {
                let (from, to, here) = (at(from), at(to), at(here));
                let other = match (lang, *other_teams) {
                    (_, false) => "",
                    (Lang::En, true) => " (other teams)",
                    (Lang::Zh, true) => "（换用其他队伍）",
                };
                words!(lang,
                    en: "move {drill} from {from} to {to}{other}, then run this drill at {here}",
                    zh: "把 {drill} 从 {from} 移到 {to}{other}，再把本演练安排在 {here}")
            }
            Change::KeepFewer {
                keep,
                skill,
                district,
            } => {
                let (fewer, rule) = (keep - 1, standby_rule(lang, district, skill, *keep));
                words!(lang,
                    en: "standby ({rule}): keep {fewer} instead of {keep} teams free",
                    zh: "备勤规则（{rule}）改为留守 {fewer} 支，而不是 {keep} 支")
            }
            Change::AddTeam { skill, date, venue } => {
                let date = lang.date(*date);
                words!(lang,
                    en: "a new team (one the scenario does not have): add one team with skill {skill} on {date} (based at venue {venue})",
                    zh: ("新建队伍（名单中没有的队伍）：{date} 增加一支具备 {} 技能的队伍（驻地设在场地 {venue}）", Lang::Zh.skill(skill)))
            }
            Change::AddTeams { date, venue, needs } => {
                let date = lang.date(*date);
                let needs = needs.iter().map(
                    |(n, s)| words!(lang, en: "{n} with skill {s}", zh: ("{n} 支具备 {} 技能", Lang::Zh.skill(s))),
                );
                let needs = needs.collect::<Vec<_>>();
                words!(lang,
                    en: ("new teams (ones the scenario does not have): add teams on {date} (based at venue {venue}): {}", needs.join(", ")),
                    zh: ("新建队伍（名单中没有的队伍）：{date} 增加队伍（驻地设在场地 {venue}）：{}", needs.join("、")))
            }
            Change::WidenWindow { minutes } => words!(lang,
                en: "widen its window by {minutes} minutes on each side",
                zh: "把其时间窗前后各放宽 {minutes} 分钟"),
            Change::TeamWorks { team, date } => {
                let date = lang.date(*date);
                words!(lang,
                    en: "another day for team {team}: let it work on {date}, now its day off",
                    zh: "队伍 {team} 改在 {date} 上班（原为休息日）")
            }
            Change::WiderHours {
                venue,
                minutes,
                hours,
            } => {
                let hours = windows(lang, hours);
                words!(lang,
                    en: "widen venue {venue}'s opening hours by {minutes} minutes on each side, to {hours}",
                    zh: "把场地 {venue} 的开放时段前后各放宽 {minutes} 分钟，改为 {hours}")
            }
            Change::VenueOpens { venue, date } => {
                let date = lang.date(*date);
                words!(lang,
                    en: "open venue {venue} on {date}, now a closed day",
                    zh: "场地 {venue} 在 {date} 开放（原为关闭日）")
            }
            Change::RaiseLimit {
                team,
                minutes: true,
                from,
                to,
            } => words!(lang,
                en: "raise team {team}'s max_minutes_per_day from {from} to {to}",
                zh: "把队伍 {team} 的每日演练时长上限从 {from} 分钟提高到 {to} 分钟"),
            Change::RaiseLimit {
                team,
                minutes: false,
                from,
                to,
            } => words!(lang,
                en: "raise team {team}'s max_drills_per_day from {from} to {to}",
                zh: "把队伍 {team} 的每日演练场次上限从 {from} 场提高到 {to} 场"),
        }
    }
}

impl Say for Replanned {
    fn say(&self, lang: Lang) -> String {
        use Replanned::*;
        match self {
            Added => words!(lang,
                en: "not in the published plan; scheduled now",
                zh: "不在已发布的计划中；现已安排"),
            Dropped(why) => why.as_ref().map(|w| w.say(lang)).unwrap_or_default(),
            Vanished => words!(lang,
                en: "the scenario no longer has this drill",
                zh: "情景中已没有这项演练"),
            Unrepeatable => words!(lang,
                en: "its published date or teams no longer exist in the scenario",
                zh: "其发布的日期或队伍在情景中已不存在"),
            SlotTaken => words!(lang,
                en: "its published slot is taken by the new plan's routes",
                zh: "其发布的时段已被新计划的队伍行程占用"),
            SlotNotAllowed { broken } if broken.is_empty() => words!(lang,
                en: "its published slot no longer satisfies the venue's hours, the drill's window or its pin",
                zh: "其发布的时段已不符合场地开放时间、演练时间窗或固定安排"),
            SlotNotAllowed { broken } => {
                let said = said_in_turn(broken, lang);
                words!(lang,
                    en: "its published slot breaks rules 1-3: {said}",
                    zh: "其发布的时段违反规则 1-3：{said}")
            }
            VenueClosed { venue, date } => {
                use chrono::Datelike;
                let (month, day) = (date.month(), date.day());
                words!(lang,
                    en: ("venue {venue} is closed on {}", date.format("%B %-d")),
                    zh: ("场地 {venue} {month}月{day}日关闭"))
            }
            VenueFull { venue } => words!(lang,
                en: "venue {venue} is full at its published time",
                zh: "场地 {venue} 在其发布的时间已满"),
            ConflictInUse { name, by } => words!(lang,
                en: "conflict set \"{name}\" is in use by {by} at its published time",
                zh: "互斥组“{name}”在其发布的时间被 {by} 占用"),
            TeamOff { team, date } => {
                let date = lang.date(*date);
                words!(lang,
                    en: "team {team} no longer works on {date}",
                    zh: "队伍 {team} {date}已不上班")
            }
            TeamCannotMakeIt { team, start, day } => {
                let start = HhMm(*start);
                words!(lang,
                    en: ("team {team} cannot make it at {start} (its day now: {})", day.join(", ")),
                    zh: ("队伍 {team} 赶不上 {start}（其当天现有安排：{}）", day.join("、")))
            }
            ForABetterPlan => words!(lang,
                en: "moved so that more or higher-priority drills fit (keeping it would cost more than the change)",
                zh: "为放入更多或更高优先级的演练而调整（保持不变的代价高于调整）"),
        }
    }
}

/// The checker's findings one after another, as one clause.
fn said_in_turn(broken: &[crate::reason::Broken], lang: Lang) -> String {
    broken
        .iter()
        .map(|b| b.say(lang))
        .collect::<Vec<_>>()
        .join(words!(lang, en: "; ", zh: "；").as_str())
}

#[cfg(test)]
mod tests;
