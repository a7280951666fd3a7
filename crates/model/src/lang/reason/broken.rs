//! The checker's findings (`reason::Broken`) in words; the English is what
//! `drillplan check` prints.

use super::Say;
use crate::lang::Lang;
use crate::reason::{Broken, NeedOf, StaffingFault, Stated};
use crate::scenario::time::HhMm;
use crate::words;

/// `id (2017-06-20 09:00-10:00)`, `id（6月20日 09:00-10:00）`: the day and
/// the clock as a planner reads them, never minutes of the day.
fn stated(lang: Lang, s: &Stated) -> String {
    let (drill, date, start, end) = (&s.drill, lang.date(s.date), HhMm(s.start), HhMm(s.end));
    words!(lang,
        en: "{drill} ({date} {start}-{end})",
        zh: "{drill}（{date} {start}-{end}）")
}

/// `stated`, with the year in Chinese too: for a date off the plan, whose
/// year may be the very mistake (a date typed without one, which a
/// spreadsheet gave the current year).
fn stated_with_year(lang: Lang, s: &Stated) -> String {
    use chrono::Datelike;
    match lang {
        Lang::En => stated(lang, s),
        Lang::Zh => {
            let (drill, start, end) = (&s.drill, HhMm(s.start), HhMm(s.end));
            let date = format!("{}年{}月{}日", s.date.year(), s.date.month(), s.date.day());
            format!("{drill}（{date} {start}-{end}）")
        }
    }
}

/// A date and a minute of it: `2017-06-20 09:00`, `6月20日 09:00`.
fn moment(lang: Lang, (date, minute): (chrono::NaiveDate, u32)) -> String {
    format!("{} {}", lang.date(date), HhMm(minute))
}

impl Say for Broken {
    fn say(&self, lang: Lang) -> String {
        use Broken::*;
        let list = |items: Vec<String>| {
            items.join(match lang {
                Lang::En => ", ",
                Lang::Zh => "、",
            })
        };
        match self {
            OffGrid { at, slot } => {
                let at = stated(lang, at);
                words!(lang,
                    en: "{at} starts off the {slot}-minute grid",
                    zh: "{at}的开始时间不在 {slot} 分钟的时间网格上")
            }
            EndDisagrees {
                at,
                file_end,
                duration,
            } => {
                let (file_end, end) = (HhMm(*file_end), HhMm(at.end));
                let at = stated(lang, at);
                words!(lang,
                    en: "{at}: the end in the file, {file_end}, no longer matches the start and the drill's {duration} minutes; the end should be {end} (a drill moved by its start needs its end changed too)",
                    zh: "{at}：文件中的结束时间 {file_end} 与开始时间和演练时长 {duration} 分钟不再相符；结束时间应为 {end}（改期时开始和结束时间都要改）")
            }
            PastMidnight { at } => {
                let at = stated(lang, at);
                words!(lang, en: "{at} runs past midnight", zh: "{at}跨过了午夜")
            }
            NotPlanDay { at, meant: None } => {
                let at = stated_with_year(lang, at);
                words!(lang, en: "{at} is not on a plan day", zh: "{at}不在计划日内")
            }
            NotPlanDay {
                at,
                meant: Some(meant),
            } => {
                let at = stated_with_year(lang, at);
                words!(lang,
                    en: "{at} is not on a plan day; is it {meant}? Excel and WPS give a date typed without its year (6/21) the current year: type the year too",
                    zh: "{at}不在计划日内；是否为 {meant}？表格软件会给不带年份输入的日期（如 6/21）补上当年年份，请连同年份输入")
            }
            VenueClosed { at, venue } => {
                let at = stated(lang, at);
                words!(lang,
                    en: "{at}: venue {venue} is not open on that date",
                    zh: "{at}：场地 {venue} 当天不开放")
            }
            OutsideHours { at, venue, hours } => {
                let (at, hours) = (stated(lang, at), super::windows(lang, hours));
                words!(lang,
                    en: "{at}: outside the opening hours of venue {venue} ({hours})",
                    zh: "{at}：超出场地 {venue} 的开放时段（{hours}）")
            }
            OutsideWindow { at, from, to } => {
                let (at, from, to) = (stated(lang, at), moment(lang, *from), moment(lang, *to));
                words!(lang,
                    en: "{at} lies outside the drill's window, {from} to {to}",
                    zh: "{at}超出演练的时间窗（{from} 至 {to}）")
            }
            Understaffed { at, why } => {
                let at = stated(lang, at);
                let why = match why {
                    StaffingFault::Twice { team } => words!(lang,
                        en: "team {team} is listed twice",
                        zh: "队伍 {team} 重复列出"),
                    StaffingFault::Count { needs, has } => words!(lang,
                        en: "needs {needs} teams, has {has}",
                        zh: "需要 {needs} 支队伍，实有 {has} 支"),
                    StaffingFault::Short(NeedOf::Skill(s)) => words!(lang,
                        en: "the teams cannot fill every need (short of skill {s})",
                        zh: ("所列队伍无法满足全部需求（缺少具备 {} 技能的队伍）", Lang::Zh.skill(s))),
                    StaffingFault::Short(NeedOf::Team(t)) => words!(lang,
                        en: "the teams cannot fill every need (short of team {t})",
                        zh: "所列队伍无法满足全部需求（缺少队伍 {t}）"),
                };
                words!(lang, en: "{at}: {why}", zh: "{at}：{why}")
            }
            TeamOff { at, team, date } => {
                let (at, date) = (stated(lang, at), lang.date(*date));
                words!(lang,
                    en: "{at}: team {team} does not work on {date}",
                    zh: "{at}：队伍 {team} 在 {date} 不上班")
            }
            CannotReach {
                team,
                at,
                shift_start,
                minutes,
            } => {
                let (at, shift_start) = (stated(lang, at), HhMm(*shift_start));
                words!(lang,
                    en: "team {team} cannot reach {at} from its base: the shift starts {shift_start} and the trip takes {minutes} min",
                    zh: "队伍 {team} 无法从驻地赶到 {at}：班次 {shift_start} 开始，路程 {minutes} 分钟")
            }
            CannotGo {
                team,
                from,
                to,
                minutes,
            } => {
                let (from, to) = (stated(lang, from), stated(lang, to));
                words!(lang,
                    en: "team {team} cannot go from {from} to {to} ({minutes} min of travel)",
                    zh: "队伍 {team} 来不及从 {from} 转场到 {to}（路程 {minutes} 分钟）")
            }
            CannotReturn {
                team,
                shift_end,
                at,
                minutes,
            } => {
                let (at, shift_end) = (stated(lang, at), HhMm(*shift_end));
                words!(lang,
                    en: "team {team} cannot be back at base by the end of its shift {shift_end} after {at} ({minutes} min of travel)",
                    zh: "队伍 {team} 在 {at} 之后无法于班次结束 {shift_end} 前返回驻地（路程 {minutes} 分钟）")
            }
            TooManyDrills {
                team,
                drills,
                date,
                max,
            } => {
                let date = lang.date(*date);
                words!(lang,
                    en: "team {team} has {drills} drills on {date}, at most {max} allowed",
                    zh: "队伍 {team} 在 {date} 有 {drills} 场演练，最多允许 {max} 场")
            }
            TooManyMinutes {
                team,
                minutes,
                date,
                max,
            } => {
                let date = lang.date(*date);
                words!(lang,
                    en: "team {team} drills {minutes} minutes on {date}, at most {max} allowed",
                    zh: "队伍 {team} 在 {date} 演练 {minutes} 分钟，最多允许 {max} 分钟")
            }
            VenueOverfull {
                venue,
                capacity,
                running,
            } => {
                let n = running.len();
                let running = list(running.iter().map(|r| stated(lang, r)).collect());
                words!(lang,
                    en: "venue {venue} (capacity {capacity}) runs {n} drills at once: {running}",
                    zh: "场地 {venue}（容量 {capacity}）同时进行 {n} 场演练：{running}")
            }
            TooClose { name, gap, a, b } => {
                let (a, b) = (stated(lang, a), stated(lang, b));
                words!(lang,
                    en: "conflict set \"{name}\" (gap {gap} min): {a} and {b} are too close",
                    zh: "互斥组“{name}”（间隔 {gap} 分钟）：{a} 与 {b} 相隔太近")
            }
            StandbyBroken {
                district,
                skill,
                keep,
                group,
                date,
                at,
                limit,
                drills,
            } => {
                let (at, drills) = (HhMm(*at), list(drills.clone()));
                let (rule, date) = (
                    super::standby_rule(lang, district, skill, *keep),
                    lang.date(*date),
                );
                words!(lang,
                    en: "standby ({rule}) keeps {keep} of {group} teams free, but on {date} at {at} more than {limit} are in drills: {drills}",
                    zh: "备勤规则（{rule}）要求 {group} 支队伍中留守 {keep} 支，但 {date} {at} 有超过 {limit} 支在演练：{drills}")
            }
            NotAtPin { at } => {
                let at = stated(lang, at);
                words!(lang,
                    en: "{at} is not at its pinned start",
                    zh: "{at}不在其固定开始时间")
            }
            PinnedTeamMissing { at, team } => {
                let at = stated(lang, at);
                words!(lang,
                    en: "{at}: pinned team {team} is not assigned",
                    zh: "{at}：固定队伍 {team} 未被安排")
            }
            RequiredMissing { drill, mandatory } => {
                let what = match (lang, *mandatory) {
                    (Lang::En, true) => "mandatory",
                    (Lang::En, false) => "pinned",
                    (Lang::Zh, true) => "必须安排的",
                    (Lang::Zh, false) => "固定",
                };
                words!(lang,
                    en: "{drill} is {what} but not scheduled",
                    zh: "{drill} 是{what}演练，但未安排")
            }
            CoverageShort {
                row,
                district,
                has,
                min,
            } => {
                let short = *min as usize - has;
                let row = row.phrase(lang);
                words!(lang,
                    en: "{row}: district {district} has {has} matching drill(s) scheduled, at least {min} required ({short} short)",
                    zh: "{row}：区域 {district} 只安排了 {has} 个符合的演练，至少需要 {min} 个（差 {short} 个）")
            }
        }
    }
}
