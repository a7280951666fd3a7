//! Chinese for the solver's reasons. Reasons are English in the contract's
//! CSV (where any tool may read them); the views translate them, sentence
//! pattern by sentence pattern, keeping ids, names and numbers as they are.
//! A reason no pattern knows stays in English rather than half-translated
//! nonsense: every pattern here matches a template in `solve::explain`.

use regex::Regex;
use std::sync::OnceLock;

const PATTERNS: &[(&str, &str)] = &[
    (r"venue (\S+) \((.*?)\) is not open on any day of the plan", "场所 $1（$2）在计划期内没有开放日"),
    (
        r"the (\d+)-minute drill does not fit in any opening window of venue (\S+) \(longest (\d+) min\)",
        "$1 分钟的演练放不进场所 $2 的任何开放时段（最长 $3 分钟）",
    ),
    (
        r"its pinned start breaks rule 1, 2 or 3 \(off the time grid, not a plan day, outside the venue's hours or the drill's window\)",
        "其固定开始时间违反规则 1、2 或 3（不在时间网格上、不在计划日内、超出场所开放时间或演练时间窗）",
    ),
    (
        r"its window does not overlap an opening window of venue (\S+) long enough for (\d+) minutes",
        "其时间窗与场所 $1 开放时段的重叠不足 $2 分钟",
    ),
    (r"no start on the time grid fits the venue's opening hours", "时间网格上没有符合场所开放时间的开始时间"),
    (r"needs (\d+) team\(s\) with skill ([^,]+)", "需要 $1 支具备 $2 技能的队伍"),
    (r"needs (\d+) team\(s\) named ([^,]+)", "需要指定队伍 $2"),
    (r", but the scenario has only (\d+)", "，但情景中只有 $1 支"),
    (r", but at most (\d+) of them work on a day venue (\S+) is open", "，但在场所 $2 开放的日子里最多只有 $1 支上班"),
    (
        r", but at most (\d+) can travel from base to venue (\S+) and back within their shifts",
        "，但最多只有 $1 支能在班次内往返驻地与场所 $2",
    ),
    (
        r"its pinned teams cannot all serve it \(a pinned team fills no need, is off, or cannot reach the venue in its shift\)",
        "其固定队伍无法全部参演（某固定队伍不满足任何需求、休息或无法在班次内到达场所）",
    ),
    (
        r"standby keeps (\d+) of the (\d+) (\S+) teams of district (\S+) free, too few remain for its needs",
        "备勤规则要求区县 $4 的 $2 支 $3 队伍中留守 $1 支，剩余队伍不足",
    ),
    (
        r"no combination of teams can staff it at any start \(needs, shifts, travel and standby rules together\)",
        "任何开始时间都无法组合出满足需求的队伍（需求、班次、路程与备勤规则共同作用）",
    ),
    (r"no room left: ", "已无空档："),
    (r"at (\d+) of (\d+) starts the teams it needs are taken", "$2 个可用开始时间中有 $1 个所需队伍已被占用"),
    (r#"at (\d+) starts conflict set "([^"]*)" is in use \(by ([^)]*)\)"#, "有 $1 个开始时间互斥组“$2”正被占用（$3）"),
    (r"at (\d+) starts venue (\S+) is full", "有 $1 个开始时间场所 $2 已满"),
    (
        r"left out by the search \(it fits now only by moving other drills\)",
        "搜索未安排（须移动其他演练才能放入）",
    ),
    (
        r" \(e\.g\. (\S+ \S+): (\d+) of (\d+) teams with skill (\S+) free, needs (\d+); ",
        "（例如 $1：$3 支具备 $4 技能的队伍中仅 $2 支空闲，需要 $5 支；",
    ),
    (
        r" \(e\.g\. (\S+ \S+): (\d+) of (\d+) teams named (\S+) free, needs (\d+); ",
        "（例如 $1：指定队伍 $4 不空闲；",
    ),
    (
        r" \(e\.g\. (\S+ \S+): standby rules or combined needs leave too few teams\)",
        "（例如 $1：备勤规则或多项需求叠加后队伍不足）",
    ),
    (r"(\S+) already has its (\d+) drills that day", "$1 当天已有 $2 场演练"),
    (r"(\S+) cannot fit it between its other drills and its shift", "$1 无法在其他演练与班次之间安排"),
    (r"(\S+) is off\b", "$1 休息"),
    (r"(\S+) is in ", "$1 正在参加 "),
    (r"^not scheduled$", "未安排"),
];

fn compiled() -> &'static [(Regex, &'static str)] {
    static COMPILED: OnceLock<Vec<(Regex, &'static str)>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        PATTERNS
            .iter()
            .map(|&(p, zh)| (Regex::new(p).expect("the patterns are tested"), zh))
            .collect()
    })
}

/// The reason in Chinese, or unchanged when no pattern knows it.
pub fn to_chinese(reason: &str) -> String {
    let mut out = reason.to_string();
    for (pattern, zh) in compiled() {
        out = pattern.replace_all(&out, *zh).into_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_of_the_solver_translates() {
        let cases = [
            (
                "needs 2 team(s) with skill police, but at most 0 can travel from base to venue v9 and back within their shifts",
                "需要 2 支具备 police 技能的队伍，但最多只有 0 支能在班次内往返驻地与场所 v9",
            ),
            (
                "no room left: at 12 of 40 starts the teams it needs are taken (e.g. 2017-06-20 09:00: 0 of 9 teams with skill police free, needs 2; police-1 is off, police-2 is in d-7, police-3 already has its 3 drills that day); at 4 starts venue mall is full",
                "已无空档：40 个可用开始时间中有 12 个所需队伍已被占用（例如 2017-06-20 09:00：9 支具备 police 技能的队伍中仅 0 支空闲，需要 2 支；police-1 休息, police-2 正在参加 d-7, police-3 当天已有 3 场演练); 有 4 个开始时间场所 mall 已满",
            ),
            (
                "standby keeps 1 of the 3 fire teams of district krm free, too few remain for its needs",
                "备勤规则要求区县 krm 的 3 支 fire 队伍中留守 1 支，剩余队伍不足",
            ),
            ("not scheduled", "未安排"),
        ];
        for (en, zh) in cases {
            assert_eq!(to_chinese(en), zh);
        }
        assert_eq!(to_chinese("something new"), "something new");
    }
}
