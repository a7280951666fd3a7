//! The language of everything drillplan writes for people (reports,
//! workbooks, rosters, calendars, explanations). The contract's CSV header
//! is fixed and never translated.

mod keys;
mod reason;

pub use keys::{kind_key, sector_key, skill_key, standard_skills};
pub use reason::{standby_rule, windows, Say};

use crate::scenario::Scenario;

/// One message in both languages, side by side, as a `String`:
/// `words!(lang, en: "{n} drills", zh: "{n} 场演练")`. Each rendering is a
/// format string capturing the caller's variables, or a parenthesised
/// `format!` argument list: `en: ("{} drills", n)`. A message written with
/// it cannot lack its Chinese: both arms are required.
///
/// ```
/// use drillplan_model::lang::Lang;
/// use drillplan_model::words;
///
/// let n = 3;
/// assert_eq!(words!(Lang::En, en: "{n} drills", zh: "{n} 场演练"), "3 drills");
/// assert_eq!(words!(Lang::Zh, en: "{n} drills", zh: "{n} 场演练"), "3 场演练");
/// assert_eq!(words!(Lang::En, en: ("{} of {}", n, 5), zh: ("{}/{}", n, 5)), "3 of 5");
/// ```
///
/// Without its Chinese, a message does not compile:
///
/// ```compile_fail
/// let _ = drillplan_model::words!(drillplan_model::lang::Lang::En, en: "drills");
/// ```
#[macro_export]
macro_rules! words {
    ($lang:expr, en: $en:literal, zh: $zh:literal $(,)?) => {
        match $lang {
            $crate::lang::Lang::En => format!($en),
            $crate::lang::Lang::Zh => format!($zh),
        }
    };
    ($lang:expr, en: ($($en:tt)*), zh: ($($zh:tt)*) $(,)?) => {
        match $lang {
            $crate::lang::Lang::En => format!($($en)*),
            $crate::lang::Lang::Zh => format!($($zh)*),
        }
    };
    // One side with arguments of its own (a skill's Chinese label, say).
    ($lang:expr, en: $en:literal, zh: ($($zh:tt)*) $(,)?) => {
        $crate::words!($lang, en: ($en), zh: ($($zh)*))
    };
    ($lang:expr, en: ($($en:tt)*), zh: $zh:literal $(,)?) => {
        $crate::words!($lang, en: ($($en)*), zh: ($zh))
    };
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Chinese when at least half of the scenario's non-empty names (plan,
    /// districts, venues, teams, drills) contain Chinese characters.
    ///
    /// ```
    /// use drillplan_model::lang::Lang;
    /// use drillplan_model::scenario::parse;
    ///
    /// # let text = r#"
    /// # [plan]
    /// # name = "克拉玛依应急演练周"
    /// # start = 2017-06-19
    /// # end = 2017-06-20
    /// # [[district]]
    /// # id = "karamay"
    /// # name = "克拉玛依区"
    /// # [[venue]]
    /// # id = "school"
    /// # district = "karamay"
    /// # location = [45.58, 84.88]
    /// # [[team]]
    /// # id = "fire-1"
    /// # skills = ["fire"]
    /// # district = "karamay"
    /// # base = [45.59, 84.87]
    /// # [[drill]]
    /// # id = "evacuation"
    /// # name = "Evacuation"
    /// # venue = "school"
    /// # duration = 60
    /// # needs = [{ skill = "fire" }]
    /// # "#;
    /// // Two Chinese names of three: Chinese, unless the run chose.
    /// let scenario = parse("plan.toml", text).unwrap();
    /// assert_eq!(Lang::detect(&scenario), Lang::Zh);
    /// assert_eq!(Lang::pick(Some(Lang::En), &scenario), Lang::En);
    /// assert_eq!(Lang::Zh.skill("fire"), "消防");
    /// ```
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

    /// A drill sector (the scenario's key) as this language names it; a key
    /// the notice does not name, as written.
    pub fn sector(self, key: &str) -> &str {
        keys::sector(key, self)
    }

    /// A skill (the scenario's key) as this language names it; an unknown
    /// key as written.
    pub fn skill(self, key: &str) -> &str {
        keys::skill(key, self)
    }

    /// A drill kind (the scenario's key) as this language names it; an
    /// unknown key as written.
    pub fn kind(self, key: &str) -> &str {
        keys::kind(key, self)
    }

    /// A date as a planner reads it: `2027-06-21` in English, `6月21日` in
    /// Chinese (the plan never spans a new year's day far from its start,
    /// and the workbook's own dates carry the year).
    ///
    /// ```
    /// use drillplan_model::lang::Lang;
    ///
    /// let date = chrono::NaiveDate::from_ymd_opt(2027, 6, 21).unwrap();
    /// assert_eq!(Lang::En.date(date), "2027-06-21");
    /// assert_eq!(Lang::Zh.date(date), "6月21日");
    /// ```
    pub fn date(self, date: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        match self {
            Lang::En => date.format("%Y-%m-%d").to_string(),
            Lang::Zh => format!("{}月{}日", date.month(), date.day()),
        }
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
///
/// ```
/// use drillplan_model::lang::display_width;
///
/// assert_eq!(display_width("school"), 6);
/// assert_eq!(display_width("场地"), 4);
/// assert_eq!(display_width("a\tb"), 2);
/// ```
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Columns one character takes; see `display_width`.
pub fn char_width(c: char) -> usize {
    unicode_width::UnicodeWidthChar::width(c).unwrap_or(0)
}

/// Whether `c` is a Chinese character (the unified ideographs and their
/// extension A and compatibility blocks): what tells a name, or a sheet's
/// name, typed in Chinese. A question of script, not of width (a Japanese
/// kana or an emoji is wide, not Chinese).
pub fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Every fixed word of the views (workbook headers, report, rosters,
/// calendars, explain), one variant each; `Label::say` renders it, and a
/// variant without both renderings does not compile.
///
/// ```
/// use drillplan_model::lang::{Label, Lang};
///
/// assert_eq!(Label::Venue.say(Lang::En), "Venue");
/// assert_eq!(Label::Venue.say(Lang::Zh), "场地");
/// assert_eq!(Label::District.say(Lang::Zh), "区域");
/// assert_eq!(Label::Mandatory.say(Lang::Zh), "必须安排");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Schedule,
    DrillId,
    Drill,
    Venue,
    District,
    Kind,
    Sector,
    Date,
    Weekday,
    Start,
    End,
    Duration,
    Teams,
    Team,
    TeamId,
    Priority,
    Mandatory,
    Yes,
    No,
    Status,
    Reason,
    Scheduled,
    Unscheduled,
    Roster,
    Coverage,
    UnscheduledSheet,
    Departure,
    TravelTo,
    Arrival,
    TravelFrom,
    Return,
    Itinerary,
    Requirement,
    Has,
    Minimum,
    Held,
    Short,
    LeaveBase,
    BackBase,
    Next,
    Base,
    Total,
    Summary,
    Score,
    Bound,
    Gap,
    Penalty,
    TravelMinutes,
    OffPreference,
    /// Drills moved or dropped from the baseline (the penalty's `change` term).
    ChangedCount,
    /// Pairs of drills of one district on one date (the penalty's `spread` term).
    SameDayPairs,
    /// A drill's start and end together (`09:00-10:00`).
    Time,
    ScheduledCount,
    UnscheduledCount,
    Gantt,
    ByTeam,
    ByVenue,
    Conflicts,
    Standby,
    Violations,
    ReportTitle,
    None,
    PageFooter,
    Contacts,
    Allowed,
    Blocked,
    RootCause,
    Rule,
    Suggestion,
    Verified,
    NoChangeFound,
    AlreadyScheduled,
    Change,
}

impl Label {
    /// This label in `lang`.
    pub fn say(self, lang: Lang) -> &'static str {
        use Label::*;
        let (en, zh) = match self {
            Schedule => ("Schedule", "演练安排"),
            DrillId => ("Drill id", "演练编号"),
            Drill => ("Drill", "演练"),
            Venue => ("Venue", "场地"),
            District => ("District", "区域"),
            Kind => ("Kind", "类型"),
            Sector => ("Sector", "行业领域"),
            Date => ("Date", "日期"),
            Weekday => ("Weekday", "星期"),
            Start => ("Start", "开始"),
            End => ("End", "结束"),
            Duration => ("Minutes", "时长(分钟)"),
            Teams => ("Teams", "参演队伍"),
            Team => ("Team", "队伍"),
            TeamId => ("Team id", "队伍编号"),
            Priority => ("Priority", "优先级"),
            Mandatory => ("Mandatory", "必须安排"),
            Yes => ("yes", "是"),
            No => ("no", "否"),
            Status => ("Status", "状态"),
            Reason => ("Reason", "原因"),
            Scheduled => ("scheduled", "已安排"),
            Unscheduled => ("unscheduled", "未安排"),
            Roster => ("Team roster", "队伍行程"),
            Coverage => ("Coverage", "覆盖情况"),
            UnscheduledSheet => ("Unscheduled", "未安排演练"),
            Departure => ("Leave base", "出发时间"),
            TravelTo => ("Travel to (min)", "前往用时(分钟)"),
            Arrival => ("Arrive", "到达时间"),
            TravelFrom => ("Travel on (min)", "返回/转场用时(分钟)"),
            Return => ("Back at base", "返回驻地时间"),
            Itinerary => ("Itinerary", "行程"),
            Requirement => ("Coverage row", "覆盖要求"),
            Has => ("Scheduled", "已安排"),
            Minimum => ("At least", "最少"),
            Held => ("held", "满足"),
            Short => ("short", "不足"),
            LeaveBase => ("leave base", "出发"),
            BackBase => ("back at base", "回驻地"),
            Next => ("Next stop", "下一站"),
            Base => ("base", "驻地"),
            Total => ("Total", "合计"),
            Summary => ("Summary", "概要"),
            Score => ("Scheduled priority", "已安排优先级合计"),
            Bound => ("Upper bound", "上界"),
            Gap => ("Gap", "差距"),
            Penalty => ("Penalty", "惩罚项"),
            TravelMinutes => ("Team travel (min)", "队伍行程(分钟)"),
            OffPreference => ("Off preference", "偏离偏好"),
            ChangedCount => ("Changed from the baseline", "与基线相比改动"),
            SameDayPairs => ("Same-day pairs", "同日演练对"),
            Time => ("Time", "时间"),
            ScheduledCount => ("Scheduled drills", "已安排演练"),
            UnscheduledCount => ("Unscheduled drills", "未安排演练"),
            Gantt => ("Day plan", "日程甘特图"),
            ByTeam => ("by team", "按队伍"),
            ByVenue => ("by venue", "按场地"),
            Conflicts => ("Conflict sets in use", "互斥演练占用"),
            Standby => ("Standby teams free", "留守备勤队伍"),
            Violations => (
                "Rule violations (exported with --force)",
                "违反规则(使用 --force 导出)",
            ),
            ReportTitle => ("Emergency drill week plan", "应急演练周安排"),
            None => ("none", "无"),
            PageFooter => ("Page &P of &N", "第 &P 页，共 &N 页"),
            Contacts => ("Other teams", "同场队伍"),
            Allowed => ("allowed starts", "允许的开始时段"),
            Blocked => ("blocked", "受阻"),
            RootCause => ("cannot run even in an empty plan", "即使计划为空也无法安排"),
            Rule => ("rule", "规则"),
            Suggestion => ("smallest change", "最小调整建议"),
            Verified => ("verified by the checker", "已由校验器验证"),
            NoChangeFound => (
                "no single change found that lets it in",
                "未找到可使其安排的单项调整",
            ),
            AlreadyScheduled => ("is scheduled", "已安排"),
            Change => ("Change", "改动"),
        };
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_follow_the_template_glossary() {
        assert_eq!(Label::Venue.say(Lang::Zh), "场地");
        assert_eq!(Label::District.say(Lang::Zh), "区域");
        assert_eq!(Label::Mandatory.say(Lang::Zh), "必须安排");
        assert_eq!(Label::Venue.say(Lang::En), "Venue");
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
