//! The language of everything drillplan writes for people (reports,
//! workbooks, rosters, calendars, explanations). The contract's CSV header
//! is fixed and never translated.

mod keys;
mod reason;

pub use keys::{kind_key, sector_key, skill_key};
pub use reason::Say;

use crate::scenario::Scenario;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Chinese when at least half of the scenario's non-empty names (plan,
    /// districts, venues, teams, drills) contain Chinese characters.
    pub fn detect(scenario: &Scenario) -> Lang {
        let names = std::iter::once(scenario.name.as_str())
            .chain(scenario.districts.iter().map(|d| d.name.as_str()))
            .chain(scenario.venues.iter().map(|v| v.name.as_str()))
            .chain(scenario.teams.iter().map(|t| t.name.as_str()))
            .chain(scenario.drills.iter().map(|d| d.name.as_str()))
            .filter(|n| !n.is_empty());
        let (mut all, mut chinese) = (0usize, 0usize);
        for name in names {
            all += 1;
            chinese += usize::from(name.chars().any(is_cjk));
        }
        if all > 0 && chinese * 2 >= all {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// `chosen`, else the scenario's language.
    pub fn pick(chosen: Option<Lang>, scenario: &Scenario) -> Lang {
        chosen.unwrap_or_else(|| Lang::detect(scenario))
    }

    /// The label for `key` in this language (the key itself if unknown).
    pub fn t(self, key: &'static str) -> &'static str {
        LABELS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or(key, |&(_, en, zh)| match self {
                Lang::En => en,
                Lang::Zh => zh,
            })
    }

    /// A drill sector (the scenario's key) as this language names it; a key
    /// the notice does not name, as written.
    pub fn sector(self, key: &str) -> &str {
        keys::sector(key, self == Lang::Zh)
    }

    /// A skill (the scenario's key) as this language names it; an unknown
    /// key as written.
    pub fn skill(self, key: &str) -> &str {
        keys::skill(key, self == Lang::Zh)
    }

    /// A drill kind (the scenario's key) as this language names it; an
    /// unknown key as written.
    pub fn kind(self, key: &str) -> &str {
        keys::kind(key, self == Lang::Zh)
    }

    /// A weekday label for a date.
    pub fn weekday(self, date: chrono::NaiveDate) -> &'static str {
        use chrono::Datelike;
        let i = date.weekday().num_days_from_monday() as usize;
        match self {
            Lang::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][i],
            Lang::Zh => ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i],
        }
    }
}

/// Columns `text` takes in a monospaced cell or a terminal: a Chinese
/// character two, a Latin letter one, a control character none. The one
/// width rule of the views (the workbook's column widths, the report's
/// clipped labels).
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Columns one character takes; see `display_width`.
pub fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

// Whether a name is Chinese, for the default language: a question of
// script, not of width (a Japanese kana or an emoji is wide, not Chinese).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// (key, English, Chinese)
const LABELS: &[(&str, &str, &str)] = &[
    ("schedule", "Schedule", "演练安排"),
    ("drill_id", "Drill id", "演练编号"),
    ("drill", "Drill", "演练"),
    ("venue", "Venue", "场所"),
    ("district", "District", "区县"),
    ("kind", "Kind", "类型"),
    ("sector", "Sector", "行业领域"),
    ("date", "Date", "日期"),
    ("weekday", "Weekday", "星期"),
    ("start", "Start", "开始"),
    ("end", "End", "结束"),
    ("duration", "Minutes", "时长(分钟)"),
    ("teams", "Teams", "参演队伍"),
    ("team", "Team", "队伍"),
    ("team_id", "Team id", "队伍编号"),
    ("priority", "Priority", "优先级"),
    ("mandatory", "Mandatory", "必须举行"),
    ("yes", "yes", "是"),
    ("no", "no", "否"),
    ("status", "Status", "状态"),
    ("reason", "Reason", "原因"),
    ("scheduled", "scheduled", "已安排"),
    ("unscheduled", "unscheduled", "未安排"),
    ("roster", "Team roster", "队伍行程"),
    ("coverage", "Coverage", "覆盖情况"),
    ("unscheduled_sheet", "Unscheduled", "未安排演练"),
    ("departure", "Leave base", "出发时间"),
    ("travel_to", "Travel to (min)", "前往用时(分钟)"),
    ("arrival", "Arrive", "到达时间"),
    ("travel_from", "Travel on (min)", "返回/转场用时(分钟)"),
    ("return", "Back at base", "返回驻地时间"),
    ("itinerary", "Itinerary", "行程"),
    ("requirement", "Coverage row", "覆盖要求"),
    ("has", "Scheduled", "已安排"),
    ("minimum", "At least", "最少"),
    ("held", "held", "满足"),
    ("short", "short", "不足"),
    ("leave_base", "leave base", "出发"),
    ("back_base", "back at base", "回驻地"),
    ("next", "Next stop", "下一站"),
    ("base", "base", "驻地"),
    ("total", "Total", "合计"),
    ("summary", "Summary", "概要"),
    ("score", "Scheduled priority", "已安排优先级合计"),
    ("bound", "Upper bound", "上界"),
    ("gap", "Gap", "差距"),
    ("penalty", "Penalty", "惩罚项"),
    ("travel_minutes", "Team travel (min)", "队伍行程(分钟)"),
    ("off_preference", "Off preference", "偏离偏好"),
    ("scheduled_count", "Scheduled drills", "已安排演练"),
    ("unscheduled_count", "Unscheduled drills", "未安排演练"),
    ("gantt", "Day plan", "日程甘特图"),
    ("by_team", "by team", "按队伍"),
    ("by_venue", "by venue", "按场所"),
    ("conflicts", "Conflict sets in use", "互斥演练占用"),
    ("standby", "Standby teams free", "留守备勤队伍"),
    (
        "violations",
        "Rule violations (exported with --force)",
        "违反规则(使用 --force 导出)",
    ),
    (
        "report_title",
        "Emergency drill week plan",
        "应急演练周安排",
    ),
    ("none", "none", "无"),
    ("page_footer", "Page &P of &N", "第 &P 页，共 &N 页"),
    ("contacts", "Other teams", "同场队伍"),
    ("allowed", "allowed starts", "允许的开始时段"),
    ("blocked", "blocked", "受阻"),
    (
        "root_cause",
        "cannot run even in an empty plan",
        "即使计划为空也无法安排",
    ),
    (
        "blocked_all",
        "blocked at all {} starts",
        "全部 {} 个开始时间受阻",
    ),
    ("rule", "rule", "规则"),
    ("suggestion", "smallest change", "最小调整建议"),
    ("verified", "verified by the checker", "已由校验器验证"),
    (
        "no_change_found",
        "no single change found that lets it in",
        "未找到可使其安排的单项调整",
    ),
    ("already_scheduled", "is scheduled", "已安排"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated() {
        for (i, (k, en, zh)) in LABELS.iter().enumerate() {
            assert!(!en.is_empty() && !zh.is_empty(), "{k}");
            assert!(
                LABELS[..i].iter().all(|(other, _, _)| other != k),
                "{k} twice"
            );
        }
        assert_eq!(Lang::Zh.t("venue"), "场所");
        assert_eq!(Lang::En.t("venue"), "Venue");
    }

    #[test]
    fn chinese_names_pick_chinese() {
        let zh = crate::scenario::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/scenarios/small.toml"
        )))
        .unwrap();
        assert_eq!(Lang::detect(&zh), Lang::Zh);
        let en = crate::scenario::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/scenarios/rules.toml"
        )))
        .unwrap();
        assert_eq!(Lang::detect(&en), Lang::En);
    }
}
