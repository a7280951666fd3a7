//! The checker's findings (`reason::Broken`) in words; the English is what
//! `drillplan check` prints.

use super::Say;
use crate::lang::Lang;
use crate::reason::{Broken, NeedOf, StaffingFault, Stated};
use crate::scenario::time::HhMm;

/// `id (2017-06-20 09:00-10:00)`
fn stated(s: &Stated) -> String {
    format!(
        "{} ({} {}-{})",
        s.drill,
        s.date.format("%Y-%m-%d"),
        HhMm(s.start),
        HhMm(s.end)
    )
}

impl Say for Broken {
    fn say(&self, lang: Lang) -> String {
        use Broken::*;
        let zh = lang.zh();
        let list = |items: Vec<String>| items.join(if zh { "、" } else { ", " });
        match self {
            OffGrid { at, slot } if zh => format!("{} 的开始时间不在 {slot} 分钟的时间网格上", stated(at)),
            OffGrid { at, slot } => format!("{} starts off the {slot}-minute grid", stated(at)),
            EndDisagrees { at, file_end, duration } if zh => format!(
                "{}：文件写的结束时间是第 {file_end} 分钟，但演练时长为 {duration} 分钟",
                stated(at)
            ),
            EndDisagrees { at, file_end, duration } => format!(
                "{}: the file says it ends at minute {file_end} but it lasts {duration} minutes",
                stated(at)
            ),
            PastMidnight { at } if zh => format!("{} 跨过了午夜", stated(at)),
            PastMidnight { at } => format!("{} runs past midnight", stated(at)),
            NotPlanDay { at } if zh => format!("{} 不在计划日内", stated(at)),
            NotPlanDay { at } => format!("{} is not on a plan day", stated(at)),
            VenueClosed { at, venue } if zh => format!("{}：场地 {venue} 当天不开放", stated(at)),
            VenueClosed { at, venue } => {
                format!("{}: venue {venue} is not open on that date", stated(at))
            }
            OutsideHours { at, venue } if zh => format!("{}：超出场地 {venue} 的开放时间", stated(at)),
            OutsideHours { at, venue } => {
                format!("{}: outside the opening hours of venue {venue}", stated(at))
            }
            OutsideWindow { at } if zh => format!("{} 超出演练的时间窗", stated(at)),
            OutsideWindow { at } => format!("{} lies outside the drill's window", stated(at)),
            Understaffed { at, why } => {
                let why = match (why, zh) {
                    (StaffingFault::Twice { team }, false) => format!("team {team} is listed twice"),
                    (StaffingFault::Twice { team }, true) => format!("队伍 {team} 重复列出"),
                    (StaffingFault::Count { needs, has }, false) => {
                        format!("needs {needs} teams, has {has}")
                    }
                    (StaffingFault::Count { needs, has }, true) => {
                        format!("需要 {needs} 支队伍，实有 {has} 支")
                    }
                    (StaffingFault::Short(NeedOf::Skill(s)), false) => {
                        format!("the teams cannot fill every need (short of skill {s})")
                    }
                    (StaffingFault::Short(NeedOf::Team(t)), false) => {
                        format!("the teams cannot fill every need (short of team {t})")
                    }
                    (StaffingFault::Short(NeedOf::Skill(s)), true) => {
                        format!("所列队伍无法满足全部需求（缺少具备 {s} 技能的队伍）")
                    }
                    (StaffingFault::Short(NeedOf::Team(t)), true) => {
                        format!("所列队伍无法满足全部需求（缺少队伍 {t}）")
                    }
                };
                format!("{}{}{why}", stated(at), if zh { "：" } else { ": " })
            }
            TeamOff { at, team, date } if zh => format!("{}：队伍 {team} 在 {date} 不上班", stated(at)),
            TeamOff { at, team, date } => {
                format!("{}: team {team} does not work on {date}", stated(at))
            }
            CannotReach { team, at, shift_start, minutes } if zh => format!(
                "队伍 {team} 无法从驻地赶到 {}：班次 {} 开始，路程 {minutes} 分钟",
                stated(at),
                HhMm(*shift_start)
            ),
            CannotReach { team, at, shift_start, minutes } => format!(
                "team {team} cannot reach {} from its base: the shift starts {} and the trip takes {minutes} min",
                stated(at),
                HhMm(*shift_start)
            ),
            CannotGo { team, from, to, minutes } if zh => format!(
                "队伍 {team} 来不及从 {} 转场到 {}（路程 {minutes} 分钟）",
                stated(from),
                stated(to)
            ),
            CannotGo { team, from, to, minutes } => format!(
                "team {team} cannot go from {} to {} ({minutes} min of travel)",
                stated(from),
                stated(to)
            ),
            CannotReturn { team, shift_end, at, minutes } if zh => format!(
                "队伍 {team} 在 {} 之后无法于班次结束 {} 前返回驻地（路程 {minutes} 分钟）",
                stated(at),
                HhMm(*shift_end)
            ),
            CannotReturn { team, shift_end, at, minutes } => format!(
                "team {team} cannot be back at base by the end of its shift {} after {} ({minutes} min of travel)",
                HhMm(*shift_end),
                stated(at)
            ),
            TooManyDrills { team, drills, date, max } if zh => {
                format!("队伍 {team} 在 {date} 有 {drills} 场演练，最多允许 {max} 场")
            }
            TooManyDrills { team, drills, date, max } => {
                format!("team {team} has {drills} drills on {date}, at most {max} allowed")
            }
            TooManyMinutes { team, minutes, date, max } if zh => {
                format!("队伍 {team} 在 {date} 演练 {minutes} 分钟，最多允许 {max} 分钟")
            }
            TooManyMinutes { team, minutes, date, max } => {
                format!("team {team} drills {minutes} minutes on {date}, at most {max} allowed")
            }
            VenueOverfull { venue, capacity, running } if zh => format!(
                "场地 {venue}（容量 {capacity}）同时进行 {} 场演练：{}",
                running.len(),
                list(running.iter().map(stated).collect())
            ),
            VenueOverfull { venue, capacity, running } => format!(
                "venue {venue} (capacity {capacity}) runs {} drills at once: {}",
                running.len(),
                list(running.iter().map(stated).collect())
            ),
            TooClose { name, gap, a, b } if zh => format!(
                "互斥组“{name}”（间隔 {gap} 分钟）：{} 与 {} 相隔太近",
                stated(a),
                stated(b)
            ),
            TooClose { name, gap, a, b } => format!(
                "conflict set \"{name}\" (gap {gap} min): {} and {} are too close",
                stated(a),
                stated(b)
            ),
            StandbyBroken { district, skill, keep, group, date, at, limit, drills } if zh => format!(
                "备勤规则 {district}/{skill} 要求 {group} 支队伍中留守 {keep} 支，但 {date} {} 有超过 {limit} 支在演练：{}",
                HhMm(*at),
                list(drills.clone())
            ),
            StandbyBroken { district, skill, keep, group, date, at, limit, drills } => format!(
                "standby {district}/{skill} keeps {keep} of {group} teams free, but on {date} at {} more than {limit} are in drills: {}",
                HhMm(*at),
                list(drills.clone())
            ),
            NotAtPin { at } if zh => format!("{} 不在其固定开始时间", stated(at)),
            NotAtPin { at } => format!("{} is not at its pinned start", stated(at)),
            PinnedTeamMissing { at, team } if zh => {
                format!("{}：固定队伍 {team} 未被安排", stated(at))
            }
            PinnedTeamMissing { at, team } => {
                format!("{}: pinned team {team} is not assigned", stated(at))
            }
            RequiredMissing { drill, mandatory } if zh => format!(
                "{drill} 是{}演练，但未安排",
                if *mandatory { "必须安排的" } else { "固定" }
            ),
            RequiredMissing { drill, mandatory } => format!(
                "{drill} is {} but not scheduled",
                if *mandatory { "mandatory" } else { "pinned" }
            ),
            CoverageShort { row, district, has, min } if zh => format!(
                "覆盖要求“{row}”：区域 {district} 只安排了 {has} 个符合的演练，至少需要 {min} 个（差 {} 个）",
                *min as usize - has
            ),
            CoverageShort { row, district, has, min } => format!(
                "coverage \"{row}\": district {district} has {has} matching drill(s) scheduled, at least {min} required ({} short)",
                *min as usize - has
            ),
        }
    }
}
