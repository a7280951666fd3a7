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

    fn zh(self) -> bool {
        self == Lang::Zh
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

fn need(lang: Lang, need: &NeedOf, count: u32) -> String {
    match (lang, need) {
        (Lang::En, NeedOf::Skill(s)) => format!("{count} team(s) with skill {s}"),
        (Lang::En, NeedOf::Team(t)) => format!("{count} team(s) named {t}"),
        (Lang::Zh, NeedOf::Skill(s)) => format!("{count} 支具备 {s} 技能的队伍"),
        (Lang::Zh, NeedOf::Team(t)) => format!("指定队伍 {t}"),
    }
}

/// "teams with skill s" / "具备 s 技能的队伍", without a count.
fn teams_of(lang: Lang, need: &NeedOf) -> String {
    match (lang, need) {
        (Lang::En, NeedOf::Skill(s)) => format!("teams with skill {s}"),
        (Lang::En, NeedOf::Team(t)) => format!("teams named {t}"),
        (Lang::Zh, NeedOf::Skill(s)) => format!("具备 {s} 技能的队伍"),
        (Lang::Zh, NeedOf::Team(t)) => format!("指定队伍 {t}"),
    }
}

fn slot(s: &Slot) -> String {
    format!("{} {}-{}", s.drill, HhMm(s.start), HhMm(s.end))
}

fn slots(lang: Lang, list: &[Slot]) -> String {
    list.iter()
        .map(slot)
        .collect::<Vec<_>>()
        .join(if lang.zh() { "、" } else { ", " })
}

/// A busy team as the CSV's example says it: short, no rule numbers.
fn busy_short(lang: Lang, b: &BusyTeam) -> String {
    let t = &b.team;
    match (lang, &b.busy) {
        (Lang::En, Busy::Off) => format!("{t} is off"),
        (Lang::En, Busy::DayFull { drills }) => {
            format!("{t} already has its {drills} drills that day")
        }
        (Lang::En, Busy::In(s)) => format!(
            "{t} is in {}",
            s.iter()
                .map(|s| s.drill.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (Lang::En, Busy::CannotFit { .. }) => {
            format!("{t} cannot fit it between its other drills and its shift")
        }
        (Lang::En, Busy::MinutesFull { minutes, max }) => {
            format!("{t} already drills {minutes} of its {max} minutes that day")
        }
        (Lang::Zh, Busy::MinutesFull { minutes, max }) => {
            format!("{t} 当天已演练 {minutes} 分钟（每日上限 {max} 分钟）")
        }
        (Lang::Zh, Busy::Off) => format!("{t} 当天休息"),
        (Lang::Zh, Busy::DayFull { drills }) => format!("{t} 当天已有 {drills} 场演练"),
        (Lang::Zh, Busy::In(s)) => format!(
            "{t} 正在参加 {}",
            s.iter()
                .map(|s| s.drill.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ),
        (Lang::Zh, Busy::CannotFit { .. }) => format!("{t} 在其他演练与班次之间排不开"),
    }
}

/// A busy team as `explain` says it: with times and the rule.
fn busy_long(lang: Lang, b: &BusyTeam) -> String {
    let t = &b.team;
    match (lang, &b.busy) {
        (Lang::En, Busy::Off) => format!("{t} is off (rule 5)"),
        (Lang::En, Busy::DayFull { drills }) => {
            format!("{t} already has its {drills} drills that day (rule 7)")
        }
        (Lang::En, Busy::In(s)) => format!(
            "{t} is in {} and cannot travel between them (rule 6)",
            slots(lang, s)
        ),
        (Lang::En, Busy::CannotFit { shift, from_base }) => format!(
            "{t} cannot reach it within its shift {}-{} ({from_base} min from base, rule 6/7)",
            HhMm(shift.0),
            HhMm(shift.1)
        ),
        (Lang::En, Busy::MinutesFull { minutes, max }) => format!(
            "{t} already drills {minutes} of its max_minutes_per_day {max} that day (rule 7)"
        ),
        (Lang::Zh, Busy::MinutesFull { minutes, max }) => {
            format!("{t} 当天已演练 {minutes} 分钟，每日演练时长上限 {max} 分钟（规则 7）")
        }
        (Lang::Zh, Busy::Off) => format!("{t} 当天休息（规则 5）"),
        (Lang::Zh, Busy::DayFull { drills }) => {
            format!("{t} 当天已有 {drills} 场演练（规则 7）")
        }
        (Lang::Zh, Busy::In(s)) => format!("{t} 正在参加 {}，来不及转场（规则 6）", slots(lang, s)),
        (Lang::Zh, Busy::CannotFit { shift, from_base }) => format!(
            "{t} 无法在班次 {}-{} 内赶到（距驻地 {from_base} 分钟，规则 6/7）",
            HhMm(shift.0),
            HhMm(shift.1)
        ),
    }
}

/// "(e.g. 2017-06-20 09:00: 0 of 9 teams with skill police free, needs 2; ...)"
fn example(lang: Lang, t: &TeamsTaken) -> String {
    let at = format!("{} {}", t.date, HhMm(t.start));
    match (&t.short, lang) {
        (Some(s), Lang::En) => format!(
            " (e.g. {at}: {} of {} {} free, needs {}; {})",
            s.free,
            s.of,
            teams_of(lang, &s.need),
            s.count,
            s.busy
                .iter()
                .take(SHOWN)
                .map(|b| busy_short(lang, b))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        (Some(s), Lang::Zh) => format!(
            "（例如 {at}：{} 支{}中 {} 支空闲，需要 {} 支；{}）",
            s.of,
            teams_of(lang, &s.need),
            s.free,
            s.count,
            s.busy
                .iter()
                .take(SHOWN)
                .map(|b| busy_short(lang, b))
                .collect::<Vec<_>>()
                .join("，")
        ),
        (None, Lang::En) => {
            format!(" (e.g. {at}: standby rules or combined needs leave too few teams)")
        }
        (None, Lang::Zh) => format!("（例如 {at}：备勤规则或多项需求叠加后队伍不足）"),
    }
}

impl Say for Unplaced {
    fn say(&self, lang: Lang) -> String {
        use Unplaced::*;
        let zh = lang.zh();
        match self {
            VenueNeverOpen { venue, name } if zh => {
                format!("场地 {venue}（{name}）在计划期内没有开放日")
            }
            VenueNeverOpen { venue, name } => {
                format!("venue {venue} ({name}) is not open on any day of the plan")
            }
            LongerThanOpening {
                minutes,
                venue,
                longest,
            } if zh => format!(
                "{minutes} 分钟的演练放不进场地 {venue} 的任何开放时段（最长 {longest} 分钟）"
            ),
            LongerThanOpening {
                minutes,
                venue,
                longest,
            } => format!(
                "the {minutes}-minute drill does not fit in any opening window of venue {venue} (longest {longest} min)"
            ),
            PinnedStartInvalid if zh => "其固定开始时间违反规则 1、2 或 3（不在时间网格上、不在计划日内、超出场地开放时间或演练时间窗）".into(),
            PinnedStartInvalid => "its pinned start breaks rule 1, 2 or 3 (off the time grid, not a plan day, outside the venue's hours or the drill's window)".into(),
            WindowTooShort { venue, minutes } if zh => {
                format!("其时间窗与场地 {venue} 开放时段的重叠不足 {minutes} 分钟")
            }
            WindowTooShort { venue, minutes } => format!(
                "its window does not overlap an opening window of venue {venue} long enough for {minutes} minutes"
            ),
            NoGridStart if zh => "时间网格上没有符合场地开放时间的开始时间".into(),
            NoGridStart => "no start on the time grid fits the venue's opening hours".into(),
            TooFewTeams { need: n, count, have } if zh => {
                format!("需要 {}，但情景中只有 {have} 支", need(lang, n, *count))
            }
            TooFewTeams { need: n, count, have } => {
                format!("needs {}, but the scenario has only {have}", need(lang, n, *count))
            }
            TooFewWorking {
                need: n,
                count,
                working,
                venue,
            } if zh => format!(
                "需要{}，但在场地 {venue} 开放的日子里最多只有 {working} 支上班",
                need(lang, n, *count)
            ),
            TooFewWorking {
                need: n,
                count,
                working,
                venue,
            } => format!(
                "needs {}, but at most {working} of them work on a day venue {venue} is open",
                need(lang, n, *count)
            ),
            LongerThanDailyMinutes {
                need: n,
                count,
                within,
                minutes,
            } if zh => format!(
                "需要{}，但演练长 {minutes} 分钟，其中最多只有 {within} 支的每日演练时长上限容得下（规则 7）",
                need(lang, n, *count)
            ),
            LongerThanDailyMinutes {
                need: n,
                count,
                within,
                minutes,
            } => format!(
                "needs {}, but it lasts {minutes} minutes and at most {within} of them may drill that long in a day (max_minutes_per_day, rule 7)",
                need(lang, n, *count)
            ),
            LongerThanShifts {
                need: n,
                count,
                within,
                minutes,
            } if zh => format!(
                "需要{}，但演练长 {minutes} 分钟，其中最多只有 {within} 支的班次有这么长",
                need(lang, n, *count)
            ),
            LongerThanShifts {
                need: n,
                count,
                within,
                minutes,
            } => format!(
                "needs {}, but it lasts {minutes} minutes and at most {within} of them have a shift that long",
                need(lang, n, *count)
            ),
            TooFewReach {
                need: n,
                count,
                reach,
                venue,
            } if zh => format!(
                "需要{}，但最多只有 {reach} 支能在班次内往返驻地与场地 {venue}",
                need(lang, n, *count)
            ),
            TooFewReach {
                need: n,
                count,
                reach,
                venue,
            } => format!(
                "needs {}, but at most {reach} can travel from base to venue {venue} and back within their shifts",
                need(lang, n, *count)
            ),
            PinnedTeamsCannotServe if zh => "其固定队伍无法全部参演（某固定队伍不满足任何需求、当天休息或无法在班次内到达场地）".into(),
            PinnedTeamsCannotServe => "its pinned teams cannot all serve it (a pinned team fills no need, is off, or cannot reach the venue in its shift)".into(),
            StandbyTooStrict {
                keep,
                group,
                skill,
                district,
            } if zh => format!(
                "备勤规则要求区域 {district} 的 {group} 支 {skill} 队伍中留守 {keep} 支，剩余队伍不够其需求"
            ),
            StandbyTooStrict {
                keep,
                group,
                skill,
                district,
            } => format!(
                "standby keeps {keep} of the {group} {skill} teams of district {district} free, too few remain for its needs"
            ),
            NoStaffing if zh => "任何开始时间都无法组合出满足需求的队伍（需求、班次、路程与备勤规则共同作用）".into(),
            NoStaffing => "no combination of teams can staff it at any start (needs, shifts, travel and standby rules together)".into(),
            NoRoom {
                teams,
                conflicts,
                venue_full,
            } => {
                let mut parts = Vec::new();
                if let Some(t) = teams {
                    parts.push(if zh {
                        format!(
                            "{} 个可用开始时间中有 {} 个所需队伍已被占用{}",
                            t.of,
                            t.starts,
                            example(lang, t)
                        )
                    } else {
                        format!(
                            "at {} of {} starts the teams it needs are taken{}",
                            t.starts,
                            t.of,
                            example(lang, t)
                        )
                    });
                }
                for c in conflicts {
                    parts.push(if zh {
                        format!(
                            "有 {} 个开始时间互斥组“{}”正被占用（{}）",
                            c.starts,
                            c.name,
                            c.by.join("、")
                        )
                    } else {
                        format!(
                            "at {} starts conflict set \"{}\" is in use (by {})",
                            c.starts,
                            c.name,
                            c.by.join(", ")
                        )
                    });
                }
                if let Some((n, venue)) = venue_full {
                    parts.push(if zh {
                        format!("有 {n} 个开始时间场地 {venue} 已满")
                    } else {
                        format!("at {n} starts venue {venue} is full")
                    });
                }
                if zh {
                    format!("已无空档：{}", parts.join("；"))
                } else {
                    format!("no room left: {}", parts.join("; "))
                }
            }
            HeldByCoverage {
                row,
                district,
                min,
                by,
            } if zh => format!(
                "为满足覆盖要求“{row}”（规则 12）未安排：只有撤下 {} 才放得下，而区县 {district} 须保留它们才够至少 {min} 次",
                by.join("、")
            ),
            HeldByCoverage {
                row,
                district,
                min,
                by,
            } => format!(
                "kept out by coverage \"{row}\" (rule 12): it fits only in place of {}, which district {district} needs to keep its {min} drill(s)",
                by.join(", ")
            ),
            LeftOutBySearch if zh => "搜索未安排（须移动其他演练才能放入）".into(),
            LeftOutBySearch => {
                "left out by the search (it fits now only by moving other drills)".into()
            }
            NotTried if zh => "未尝试：运行在分析此演练前已停止（时间限制或中断）".into(),
            NotTried => {
                "not tried: the run stopped (time limit or Ctrl-C) before this drill was analysed"
                    .into()
            }
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
        let zh = lang.zh();
        let mut s = if zh {
            format!(
                "{} 支{}中 {} 支空闲，需要 {} 支",
                self.of,
                teams_of(lang, &self.need),
                self.free,
                self.count
            )
        } else {
            format!(
                "{} of {} {} free, needs {}",
                self.free,
                self.of,
                teams_of(lang, &self.need),
                self.count
            )
        };
        if !shown.is_empty() {
            s += if zh { "：" } else { ": " };
            s += &shown.join(if zh { "；" } else { "; " });
        }
        if more > 0 {
            s += &if zh {
                format!("，另有 {more} 支")
            } else {
                format!(" and {more} more")
            };
        }
        s
    }
}

impl Say for Blocked {
    fn say(&self, lang: Lang) -> String {
        let zh = lang.zh();
        match self {
            Blocked::Free if zh => "现在即可放入：搜索未安排它".into(),
            Blocked::Free => "fits now: the search left it out".into(),
            Blocked::VenueTaken {
                venue,
                capacity,
                by,
            } if zh => format!("场地 {venue}（容量 {capacity}）已被 {} 占用", slots(lang, by)),
            Blocked::VenueTaken {
                venue,
                capacity,
                by,
            } => format!(
                "venue {venue} (capacity {capacity}) is taken by {}",
                slots(lang, by)
            ),
            Blocked::Conflict { name, gap, with } if zh => {
                format!("互斥组“{name}”（间隔 {gap} 分钟）与 {} 冲突", slot(with))
            }
            Blocked::Conflict { name, gap, with } => {
                format!("conflict set \"{name}\" (gap {gap} min) with {}", slot(with))
            }
            Blocked::TeamsShort(short) => short.say(lang),
            Blocked::Standby {
                keep,
                district,
                group,
                skill,
            } if zh => format!(
                "备勤规则要求区域 {district} 的 {group} 支 {skill} 队伍中留守 {keep} 支，其余已被占用"
            ),
            Blocked::Standby {
                keep,
                district,
                group,
                skill,
            } => format!(
                "standby keeps {keep} of district {district}'s {group} {skill} teams free and the rest are taken"
            ),
            Blocked::NoAssignment if zh => "没有一种各不相同的队伍组合能同时满足其全部需求".into(),
            Blocked::NoAssignment => {
                "no assignment fills all its needs at once with distinct teams".into()
            }
        }
    }
}

impl Say for Change {
    fn say(&self, lang: Lang) -> String {
        let zh = lang.zh();
        let at = |(date, start): &(chrono::NaiveDate, u32)| format!("{date} {}", HhMm(*start));
        match self {
            Change::AddAt { date, start } if zh => {
                format!("安排在 {date} {}：按现有安排该时间空闲", HhMm(*start))
            }
            Change::AddAt { date, start } => format!(
                "add it at {date} {}: the start is free as the schedule stands",
                HhMm(*start)
            ),
            Change::MoveOne {
                drill,
                from,
                to,
                other_teams,
                at: here,
            } if zh => format!(
                "把 {drill} 从 {} 移到 {}{}，再把本演练安排在 {}",
                at(from),
                at(to),
                if *other_teams {
                    "（换用其他队伍）"
                } else {
                    ""
                },
                at(here)
            ),
            Change::MoveOne {
                drill,
                from,
                to,
                other_teams,
                at: here,
            } => format!(
                "move {drill} from {} to {}{}, then run this drill at {}",
                at(from),
                at(to),
                if *other_teams { " (other teams)" } else { "" },
                at(here)
            ),
            Change::KeepFewer {
                keep,
                skill,
                district,
            } if zh => format!(
                "区域 {district} 的 {skill} 队伍留守 {} 支，而不是 {keep} 支",
                keep - 1
            ),
            Change::KeepFewer {
                keep,
                skill,
                district,
            } => format!(
                "keep {} instead of {keep} {skill} teams free in {district}",
                keep - 1
            ),
            Change::AddTeam { skill, date, venue } if zh => {
                format!("新建队伍（名单中没有的队伍）：{date} 增加一支具备 {skill} 技能的队伍（驻地设在场地 {venue}）")
            }
            Change::AddTeam { skill, date, venue } => {
                format!("a new team (one the scenario does not have): add one team with skill {skill} on {date} (based at venue {venue})")
            }
            Change::AddTeams { date, venue, needs } if zh => format!(
                "新建队伍（名单中没有的队伍）：{date} 增加队伍（驻地设在场地 {venue}）：{}",
                needs
                    .iter()
                    .map(|(n, s)| format!("{n} 支具备 {s} 技能"))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            Change::AddTeams { date, venue, needs } => format!(
                "new teams (ones the scenario does not have): add teams on {date} (based at venue {venue}): {}",
                needs
                    .iter()
                    .map(|(n, s)| format!("{n} with skill {s}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Change::WidenWindow { minutes } if zh => {
                format!("把其时间窗前后各放宽 {minutes} 分钟")
            }
            Change::WidenWindow { minutes } => {
                format!("widen its window by {minutes} minutes on each side")
            }
            Change::RaiseLimit {
                team,
                minutes: true,
                from,
                to,
            } if zh => format!("把队伍 {team} 的每日演练时长上限从 {from} 分钟提高到 {to} 分钟"),
            Change::RaiseLimit {
                team,
                minutes: true,
                from,
                to,
            } => format!("raise team {team}'s max_minutes_per_day from {from} to {to}"),
            Change::RaiseLimit {
                team, from, to, ..
            } if zh => format!("把队伍 {team} 的每日演练场次上限从 {from} 场提高到 {to} 场"),
            Change::RaiseLimit {
                team, from, to, ..
            } => format!("raise team {team}'s max_drills_per_day from {from} to {to}"),
        }
    }
}

impl Say for Replanned {
    fn say(&self, lang: Lang) -> String {
        use Replanned::*;
        let zh = lang.zh();
        match self {
            Added if zh => "不在已发布的计划中；现已安排".into(),
            Added => "not in the published plan; scheduled now".into(),
            Dropped(why) => why.as_ref().map(|w| w.say(lang)).unwrap_or_default(),
            Vanished if zh => "情景中已没有这项演练".into(),
            Vanished => "the scenario no longer has this drill".into(),
            Unrepeatable if zh => "其发布的日期或队伍在情景中已不存在".into(),
            Unrepeatable => "its published date or teams no longer exist in the scenario".into(),
            SlotTaken if zh => "其发布的时段已被新计划的队伍行程占用".into(),
            SlotTaken => "its published slot is taken by the new plan's routes".into(),
            SlotNotAllowed if zh => "其发布的时段已不符合场地开放时间、演练时间窗或固定安排".into(),
            SlotNotAllowed => "its published slot no longer satisfies the venue's hours, the drill's window or its pin".into(),
            VenueClosed { venue, date } if zh => {
                format!(
                    "场地 {venue} {}月{}日关闭",
                    chrono::Datelike::month(date),
                    chrono::Datelike::day(date)
                )
            }
            VenueClosed { venue, date } => {
                format!("venue {venue} is closed on {}", date.format("%B %-d"))
            }
                        VenueFull { venue } if zh => format!("场地 {venue} 在其发布的时间已满"),
            VenueFull { venue } => format!("venue {venue} is full at its published time"),
            ConflictInUse { name, by } if zh => {
                format!("互斥组“{name}”在其发布的时间被 {by} 占用")
            }
            ConflictInUse { name, by } => {
                format!("conflict set \"{name}\" is in use by {by} at its published time")
            }
            TeamOff { team, date } if zh => format!("队伍 {team} 在 {date} 已不上班"),
            TeamOff { team, date } => format!("team {team} no longer works on {date}"),
            TeamCannotMakeIt { team, start, day } if zh => format!(
                "队伍 {team} 赶不上 {}（其当天现有安排：{}）",
                HhMm(*start),
                day.join("、")
            ),
            TeamCannotMakeIt { team, start, day } => format!(
                "team {team} cannot make it at {} (its day now: {})",
                HhMm(*start),
                day.join(", ")
            ),
            ForABetterPlan if zh => "为放入更多或更高优先级的演练而调整（保持不变的代价高于调整）".into(),
            ForABetterPlan => "moved so that more or higher-priority drills fit (keeping it would cost more than the change)".into(),
        }
    }
}

#[cfg(test)]
mod tests;
