//! The workbook's layout: one sheet per table of the contract, one column
//! per field, with the labels and header comments in both languages. The
//! reader, the writer and the template all work from this one table, so a
//! column can only ever mean one thing.

use crate::lang::Lang;

/// How a cell's content becomes a TOML value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text or an id, taken as written.
    Text,
    Int,
    Float,
    Bool,
    /// A local date.
    Date,
    /// A local date and time.
    DateTime,
    /// One `HH:MM-HH:MM` window, taken as written.
    Window,
    /// Multi-valued cells, items separated by commas (see `syntax`).
    Windows,
    Days,
    Dates,
    Ids,
    Needs,
}

impl Kind {
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Kind::Windows | Kind::Days | Kind::Dates | Kind::Ids | Kind::Needs
        )
    }
}

/// Where a column's value goes in the TOML table of its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// `key = value`
    Key(&'static str),
    /// `key = { sub = value, ... }`
    Inline(&'static str, &'static str),
    /// `key = [latitude, longitude]`: element 0 or 1.
    Coord(&'static str, usize),
    /// A key of a `[[travel.override]]` row.
    Override(&'static str),
}

impl Place {
    /// The TOML key this place fills at the top of its row.
    pub fn key(self) -> &'static str {
        match self {
            Place::Key(k) | Place::Inline(k, _) | Place::Coord(k, _) | Place::Override(k) => k,
        }
    }
}

/// What a dropdown offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dropdown {
    /// The ids of another sheet's table (its `id` column).
    Ids(&'static str),
    Skills,
    Weekdays,
}

#[derive(Debug)]
pub struct Column {
    pub place: Place,
    pub en: &'static str,
    pub zh: &'static str,
    pub kind: Kind,
    /// An empty text means the same as no value (free-text fields whose
    /// default is the empty text), so an empty cell loses nothing.
    pub empty_is_absent: bool,
    pub dropdown: Option<Dropdown>,
    pub note_en: &'static str,
    pub note_zh: &'static str,
}

impl Column {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    pub fn note(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.note_en,
            Lang::Zh => self.note_zh,
        }
    }

    /// Whether a header cell names this column: either language, ignoring
    /// spaces and full-width punctuation, and a Chinese label without its
    /// unit in brackets. A label the planner gave a note in brackets
    /// (`优先级（1-10）`, `容量(个)`, `priority (1-10)`) names it too, unless
    /// the column has a unit of its own: `时长(小时)` is not 时长(分钟), whose
    /// numbers would be read as minutes.
    pub fn is_named(&self, header: &str) -> bool {
        let h = normalize(header);
        let (zh, en) = (normalize(self.zh), normalize(self.en));
        if h == en || h == zh || zh.split('(').next() == Some(h.as_str()) {
            return true;
        }
        let has_unit = zh.contains('(') || en.contains('(');
        match h.strip_suffix(')').and_then(|h| h.split_once('(')) {
            Some((stem, note)) if !has_unit && !stem.is_empty() && !note.is_empty() => {
                stem == zh || stem.eq_ignore_ascii_case(&en)
            }
            _ => false,
        }
    }
}

/// Spaces dropped and full-width forms (`（`, `：`, `１`) as ASCII.
pub fn normalize(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(drillplan_model::diagnostics::narrowed)
        .collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A single table (`[plan]`): one row.
    One,
    /// `[travel]`: its settings in the first row, one `[[travel.override]]` per row.
    Travel,
    /// An array of tables (`[[drill]]`): one per row.
    Many,
}

#[derive(Debug)]
pub struct Sheet {
    /// The TOML key of the table.
    pub table: &'static str,
    pub en: &'static str,
    pub zh: &'static str,
    pub shape: Shape,
    pub columns: &'static [Column],
}

impl Sheet {
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }

    /// Whether a sheet of this name holds this table: either language or the TOML key.
    pub fn is_named(&self, name: &str) -> bool {
        let n = normalize(name);
        n == self.zh || n.eq_ignore_ascii_case(self.en) || n.eq_ignore_ascii_case(self.table)
    }

    pub fn column(&self, place: Place) -> Option<usize> {
        self.columns.iter().position(|c| c.place == place)
    }
}

/// A hidden sheet holding the lists the dropdowns offer; never read.
pub const LISTS_SHEET: &str = "_lists";

/// The column header (or headers, `/` between them: 纬度/经度) that hold
/// `field` of `table` in a workbook written in `lang`.
pub fn column_label(table: &str, field: &str, lang: Lang) -> Option<String> {
    let labels: Vec<&str> = sheet_of(table)?
        .columns
        .iter()
        .filter(|c| c.place.key() == field)
        .map(|c| c.label(lang))
        .collect();
    (!labels.is_empty()).then(|| labels.join("/"))
}

/// A validator's field (`venue `school-1`.district`, `plan.slot_minutes`)
/// as a workbook written in `book` shows it, said in `lang`: the sheet,
/// the row's id and the column. `None` for a field of another form.
pub fn field_as_seen(field: &str, book: Lang, lang: Lang) -> Option<String> {
    let (table, id, key) = match field.split_once(" `") {
        Some((table, rest)) => {
            let (id, key) = rest.rsplit_once("`.")?;
            (table, Some(id), key)
        }
        None => {
            let (table, key) = field.split_once('.')?;
            (table, None, key)
        }
    };
    let key = key.split(['.', '[']).next()?;
    let sheet = sheet_of(table)?.name(book);
    let column = column_label(table, key, book)?;
    Some(match id {
        Some(id) => drillplan_model::words!(lang,
            en: "{sheet} sheet, `{id}`, {column}",
            zh: "「{sheet}」表 `{id}` 的「{column}」"),
        None => drillplan_model::words!(lang,
            en: "{sheet} sheet, {column}",
            zh: "「{sheet}」表的「{column}」"),
    })
}

pub fn sheet_of(table: &str) -> Option<&'static Sheet> {
    SHEETS.iter().find(|s| s.table == table)
}

macro_rules! col {
    ($place:expr, $en:literal, $zh:literal, $kind:ident, $absent:literal, $drop:expr, $note_en:expr, $note_zh:expr) => {
        Column {
            place: $place,
            en: $en,
            zh: $zh,
            kind: Kind::$kind,
            empty_is_absent: $absent,
            dropdown: $drop,
            note_en: $note_en,
            note_zh: $note_zh,
        }
    };
    ($place:expr, $en:literal, $zh:literal, $kind:ident, $drop:expr, $note_en:expr, $note_zh:expr) => {
        col!($place, $en, $zh, $kind, false, $drop, $note_en, $note_zh)
    };
}

use Dropdown::*;
use Place::*;

const ID_EN: &str = "Unique in this sheet. Starts with a letter or digit; letters, digits and _ - . : only. Required.";
const ID_ZH: &str = "本表内唯一。以字母或数字开头，只含字母、数字和 _ - . :。必填。";

pub static SHEETS: [Sheet; 11] = [
    Sheet {
        table: "plan",
        en: "plan",
        zh: "计划",
        shape: Shape::One,
        columns: &[
            col!(Key("name"), "name", "名称", Text, true, None,
                "The plan's name, free text.",
                "计划名称，自由文本。"),
            col!(Key("start"), "start", "开始日期", Date, None,
                "First day of the plan: a date such as 2017-06-19 (an Excel date or text). Required.",
                "计划第一天：日期，如 2017-06-19（Excel 日期或文本均可）。必填。"),
            col!(Key("end"), "end", "结束日期", Date, None,
                "Last day of the plan, inclusive; at most 62 days. Required.",
                "计划最后一天（含当天），计划最长 62 天。必填。"),
            col!(Key("slot_minutes"), "slot_minutes", "时间粒度(分钟)", Int, None,
                "Drills start on multiples of this many minutes from 00:00; must divide 1440. Empty: 15.",
                "演练开始时间为从 00:00 起该分钟数的整数倍，须整除 1440。留空为 15。"),
            col!(Key("hours"), "hours", "默认时段", Window, None,
                "Default daily window of venues and teams, HH:MM-HH:MM, e.g. 08:00-18:00. Empty: 08:00-18:00.",
                "场地和队伍的默认每日时段，格式 HH:MM-HH:MM，如 08:00-18:00。留空为 08:00-18:00。"),
        ],
    },
    Sheet {
        table: "travel",
        en: "travel",
        zh: "交通",
        shape: Shape::Travel,
        columns: &[
            col!(Key("speed_kmh"), "speed_kmh", "车速(km/h)", Float, None,
                "Road speed in km/h, above 0. First row only. Empty: 40.",
                "行车速度（公里/小时），大于 0。只填第一行。留空为 40。"),
            col!(Key("detour"), "detour", "绕行系数", Float, None,
                "Road distance = great-circle distance x this factor, above 0. First row only. Empty: 1.3.",
                "道路距离 = 球面直线距离 × 此系数，大于 0。只填第一行。留空为 1.3。"),
            col!(Override("from"), "override.from", "起点", Text, None,
                "A measured travel time, one per row (both directions): from a venue id, or a team id meaning its base.",
                "实测行车时间，每行一条（双向适用）：起点为场地编号，或队伍编号（指其驻地）。"),
            col!(Override("to"), "override.to", "终点", Text, None,
                "To a venue id, or a team id meaning its base.",
                "终点：场地编号，或队伍编号（指其驻地）。"),
            col!(Override("minutes"), "override.minutes", "实测分钟", Int, None,
                "Measured minutes, 0 or more.",
                "实测分钟数，不小于 0。"),
        ],
    },
    Sheet {
        table: "objective",
        en: "objective",
        zh: "目标",
        shape: Shape::One,
        columns: &[
            col!(Key("travel"), "travel", "路程权重", Float, None,
                "Penalty per team-minute of travel. Empty: 1.",
                "每队伍每分钟行车的罚分。留空为 1。"),
            col!(Key("off_preference"), "off_preference", "偏好权重", Float, None,
                "Penalty per scheduled drill outside its preferred days or hours. Empty: 60.",
                "每个安排在偏好日或偏好时段之外的演练的罚分。留空为 60。"),
            col!(Key("change"), "change", "变更权重", Float, None,
                "Penalty per drill of a baseline schedule moved, re-staffed or dropped. Empty: 1000.",
                "对照已发布安排，每个被改动、换队或取消的演练的罚分。留空为 1000。"),
            col!(Key("spread"), "spread", "分散权重", Float, None,
                "Penalty per pair of drills of one district on one date, 0 or more. Empty: 0.",
                "同一区域同一天每一对演练的罚分，不小于 0。留空为 0。"),
        ],
    },
    Sheet {
        table: "district",
        en: "districts",
        zh: "区域",
        shape: Shape::Many,
        columns: &[
            col!(Key("id"), "id", "编号", Text, None, ID_EN_DISTRICT, ID_ZH_DISTRICT),
            col!(Key("name"), "name", "名称", Text, true, None,
                "The district's name, free text.",
                "区域名称，自由文本。"),
        ],
    },
    Sheet {
        table: "venue",
        en: "venues",
        zh: "场地",
        shape: Shape::Many,
        columns: &[
            col!(Key("id"), "id", "编号", Text, None, ID_EN_VENUE, ID_ZH_VENUE),
            col!(Key("name"), "name", "名称", Text, true, None,
                "The venue's name, free text.",
                "场地名称，自由文本。"),
            col!(Key("kind"), "kind", "类型", Text, true, None,
                "Free text: school, kindergarten, mall, plant, mine, community ...",
                "自由文本：学校、幼儿园、商场、工厂、矿山、社区等。"),
            col!(Key("district"), "district", "区域", Text, Some(Ids("district")),
                "The district id (from the districts sheet). Required.",
                "所属区域编号（取自“区域”表）。必填。"),
            col!(Coord("location", 0), "location.lat", "纬度", Float, None,
                "Latitude in degrees, -90 to 90. Required.",
                "纬度（度），-90 到 90。必填。"),
            col!(Coord("location", 1), "location.lon", "经度", Float, None,
                "Longitude in degrees, -180 to 180. Required.",
                "经度（度），-180 到 180。必填。"),
            col!(Key("capacity"), "capacity", "容量", Int, None,
                "Drills that may run here at once, at least 1. Empty: 1.",
                "可同时进行的演练数，至少 1。留空为 1。"),
            col!(Key("hours"), "hours", "开放时段", Windows, None,
                "Opening windows of each open day, HH:MM-HH:MM, separated by commas: 08:30-12:00, 15:30-19:00. A drill fits inside one. Empty: the plan's hours.",
                "每个开放日的开放时段，格式 HH:MM-HH:MM，多个用逗号分隔：08:30-12:00, 15:30-19:00。演练须在某一时段之内。留空为计划默认时段。"),
            col!(Key("days"), "days", "开放日", Days, Some(Weekdays),
                "Days open: weekdays (mon ... sun) and dates, separated by commas: mon, tue, 2017-06-24. Empty: every day.",
                "开放的日子：星期（周一 ... 周日，或 mon ... sun）和日期，用逗号分隔：周一, 周二, 2017-06-24。留空为每天开放。"),
            col!(Key("closed"), "closed", "关闭日期", Dates, None,
                "Dates closed, separated by commas: 2017-06-22, 2017-06-23.",
                "不开放的日期，用逗号分隔：2017-06-22, 2017-06-23。"),
        ],
    },
    Sheet {
        table: "team",
        en: "teams",
        zh: "队伍",
        shape: Shape::Many,
        columns: &[
            col!(Key("id"), "id", "编号", Text, None, ID_EN_TEAM, ID_ZH_TEAM),
            col!(Key("name"), "name", "名称", Text, true, None,
                "The team's name, free text.",
                "队伍名称，自由文本。"),
            col!(Key("agency"), "agency", "单位", Text, true, None,
                "Its agency, free text, for reports: fire, medical, police ...",
                "所属单位，自由文本，用于报表：消防、医疗、公安等。"),
            col!(Key("skills"), "skills", "技能", Ids, Some(Skills),
                "Skills, separated by commas: fire, rescue. The built-in skills may be written in Chinese too (消防 is fire). At least one. Required.",
                "技能，用逗号分隔：fire, rescue。内置技能也可写中文（消防即 fire，救援即 rescue）。至少一项。必填。"),
            col!(Key("district"), "district", "区域", Text, Some(Ids("district")),
                "Home district id (from the districts sheet). Required.",
                "所属区域编号（取自“区域”表）。必填。"),
            col!(Coord("base", 0), "base.lat", "驻地纬度", Float, None,
                "Latitude of the team's base, -90 to 90. Required.",
                "驻地纬度，-90 到 90。必填。"),
            col!(Coord("base", 1), "base.lon", "驻地经度", Float, None,
                "Longitude of the team's base, -180 to 180. Required.",
                "驻地经度，-180 到 180。必填。"),
            col!(Key("hours"), "hours", "值班时段", Window, None,
                "One shift per working day, HH:MM-HH:MM: the team leaves its base and returns within it. Empty: the plan's hours.",
                "每个工作日的一个班次，格式 HH:MM-HH:MM：出发和返回驻地都在其内。留空为计划默认时段。"),
            col!(Key("days"), "days", "工作日", Days, Some(Weekdays),
                "Working days: weekdays (mon ... sun) and dates, separated by commas. Empty: every day.",
                "工作的日子：星期（周一 ... 周日）和日期，用逗号分隔。留空为每天。"),
            col!(Key("off"), "off", "休息日期", Dates, None,
                "Dates off, separated by commas: 2017-06-21.",
                "休息的日期，用逗号分隔：2017-06-21。"),
            col!(Key("max_drills_per_day"), "max_drills_per_day", "每日最多演练", Int, None,
                "At most this many drills a day, at least 1. Empty: no limit.",
                "每天最多参加的演练数，至少 1。留空为不限。"),
            col!(Key("max_minutes_per_day"), "max_minutes_per_day", "每日最多分钟", Int, None,
                "At most this many drill minutes a day (travel not counted), at least 1. Empty: no limit.",
                "每天最多演练分钟数（不含路程），至少 1。留空为不限。"),
        ],
    },
    Sheet {
        table: "drill",
        en: "drills",
        zh: "演练",
        shape: Shape::Many,
        columns: &[
            col!(Key("id"), "id", "编号", Text, None, ID_EN_DRILL, ID_ZH_DRILL),
            col!(Key("name"), "name", "名称", Text, true, None,
                "The drill's name, free text.",
                "演练名称，自由文本。"),
            col!(Key("venue"), "venue", "场地", Text, Some(Ids("venue")),
                "The venue id (from the venues sheet). Required.",
                "场地编号（取自“场地”表）。必填。"),
            col!(Key("kind"), "kind", "类型", Text, true, None,
                "Free text: fire_evacuation, hazmat_leak ...",
                "自由文本：火灾疏散、危化品泄漏等。"),
            col!(Key("sector"), "sector", "行业", Text, true, None,
                "Free text, for coverage reports: crowded_places, road_traffic ...",
                "自由文本，用于覆盖统计：人员密集场所、道路交通等。"),
            col!(Key("duration"), "duration", "时长(分钟)", Int, None,
                "Minutes, at least 1. Required.",
                "分钟数，至少 1。必填。"),
            col!(Key("priority"), "priority", "优先级", Int, None,
                "Whole number, at least 1: the schedule holds the highest total. Empty: 1.",
                "整数，至少 1：排程使已安排演练的优先级之和最大。留空为 1。"),
            col!(Key("mandatory"), "mandatory", "必须安排", Bool, None,
                "TRUE: the schedule must hold this drill (also 是/否, yes/no). Empty: FALSE.",
                "TRUE（或“是”）：排程必须包含此演练。留空为否。"),
            col!(Key("needs"), "needs", "所需队伍", Needs, Some(Skills),
                "Teams needed at once, separated by commas: a skill, with x2 or ×2 for two teams of it, or team:ID for one named team. E.g. fire×2, medical, team:leaders-obs. A single - for none. Required.",
                "同时需要的队伍，用逗号分隔：技能名，需多支时加 ×2（或 x2、*2）；指定某支队伍写 team:编号。如 fire×2, medical, team:leaders-obs。不需要队伍时填 -。必填。"),
            col!(Inline("window", "from"), "window.from", "最早开始", DateTime, None,
                "Hard limit: the drill starts no earlier. A date and time, 2017-06-19 08:00. Give both limits or neither.",
                "硬性限制：演练不早于此时开始。日期和时间，如 2017-06-19 08:00。最早开始与最晚结束须同时填写或同时留空。"),
            col!(Inline("window", "to"), "window.to", "最晚结束", DateTime, None,
                "Hard limit: the drill ends no later. A date and time, 2017-06-21 18:00.",
                "硬性限制：演练不晚于此时结束。日期和时间，如 2017-06-21 18:00。"),
            col!(Inline("prefer", "days"), "prefer.days", "偏好日", Days, Some(Weekdays),
                "Soft: preferred days, weekdays and dates separated by commas. Outside them costs the preference weight.",
                "软性偏好：希望安排的日子（星期和日期，用逗号分隔）。不在其内按偏好权重罚分。"),
            col!(Inline("prefer", "hours"), "prefer.hours", "偏好时段", Windows, None,
                "Soft: preferred windows, HH:MM-HH:MM separated by commas; the drill should lie inside one.",
                "软性偏好：希望的时段，HH:MM-HH:MM，用逗号分隔；演练最好整段落在其中之一。"),
        ],
    },
    Sheet {
        table: "conflict",
        en: "conflicts",
        zh: "冲突",
        shape: Shape::Many,
        columns: &[
            col!(Key("name"), "name", "名称", Text, None,
                "Name of the set, free text, shown in reasons.",
                "冲突组名称，自由文本，显示在原因说明中。"),
            col!(Key("drills"), "drills", "演练", Ids, None,
                "Drill ids that must not overlap, separated by commas.",
                "不得同时进行的演练编号，用逗号分隔。"),
            col!(Key("venues"), "venues", "场地", Ids, None,
                "Every drill at these venues joins the set: venue ids separated by commas.",
                "这些场地上的所有演练都加入该组：场地编号，用逗号分隔。"),
            col!(Key("gap"), "gap", "间隔(分钟)", Int, None,
                "Minutes that must separate any two of them, 0 or more. Empty: 0.",
                "组内任意两个演练之间至少间隔的分钟数，不小于 0。留空为 0。"),
        ],
    },
    Sheet {
        table: "standby",
        en: "standby",
        zh: "备勤",
        shape: Shape::Many,
        columns: &[
            col!(Key("district"), "district", "区域", Text, Some(Ids("district")),
                "The district id. Required.",
                "区域编号。必填。"),
            col!(Key("skill"), "skill", "技能", Text, Some(Skills),
                "The skill kept ready. Required.",
                "需保持备勤的技能。必填。"),
            col!(Key("keep"), "keep", "保留数", Int, None,
                "This many teams of the district with the skill stay out of drills at every moment. Required.",
                "该区域具备该技能的队伍中，任何时刻都不参加演练的队伍数。必填。"),
        ],
    },
    Sheet {
        table: "coverage",
        en: "coverage",
        zh: "覆盖要求",
        shape: Shape::Many,
        columns: &[
            col!(Key("name"), "name", "名称", Text, true, None,
                "What the row asks, free text, for reports.",
                "要求名称，自由文本，用于报告。"),
            col!(Key("sector"), "sector", "行业领域", Text, None,
                "Counts drills of this sector (as the drills' sector column). Give a sector, a kind or both.",
                "统计该行业领域的演练（与演练表的行业领域一致）。行业领域和类型至少填一项。"),
            col!(Key("kind"), "kind", "类型", Text, None,
                "Counts drills of this kind (as the drills' kind column). Give a sector, a kind or both.",
                "统计该类型的演练（与演练表的类型一致）。行业领域和类型至少填一项。"),
            col!(Key("districts"), "districts", "区域", Ids, Some(Ids("district")),
                "District ids separated by commas. Empty: every district.",
                "区域编号，用逗号分隔。留空为全部区域。"),
            col!(Key("min_drills"), "min_drills", "最少演练数", Int, None,
                "Each listed district holds at least this many such drills, 1 or more. Empty: 1.",
                "每个所列区域至少安排这么多此类演练，不小于 1。留空为 1。"),
        ],
    },
    Sheet {
        table: "pin",
        en: "pins",
        zh: "锁定",
        shape: Shape::Many,
        columns: &[
            col!(Key("drill"), "drill", "演练", Text, Some(Ids("drill")),
                "A drill id: a decision already taken. Required.",
                "演练编号：已经确定的安排。必填。"),
            col!(Key("start"), "start", "开始时间", DateTime, None,
                "The fixed start, a date and time: 2017-06-20 09:00. Empty: any start.",
                "确定的开始时间，日期和时间：2017-06-20 09:00。留空为不限。"),
            col!(Key("teams"), "teams", "队伍", Ids, Some(Ids("team")),
                "Teams that must be among those assigned, ids separated by commas.",
                "必须参加的队伍编号，用逗号分隔。"),
        ],
    },
];

const ID_EN_DISTRICT: &str = ID_EN;
const ID_ZH_DISTRICT: &str = ID_ZH;
const ID_EN_VENUE: &str = "Unique among venues, and no team may have it. Starts with a letter or digit; letters, digits and _ - . : only. Required.";
const ID_ZH_VENUE: &str =
    "场地间唯一，且不得与队伍编号相同。以字母或数字开头，只含字母、数字和 _ - . :。必填。";
const ID_EN_TEAM: &str = "Unique among teams, and no venue may have it. Starts with a letter or digit; letters, digits and _ - . : only. Required.";
const ID_ZH_TEAM: &str =
    "队伍间唯一，且不得与场地编号相同。以字母或数字开头，只含字母、数字和 _ - . :。必填。";
const ID_EN_DRILL: &str = ID_EN;
const ID_ZH_DRILL: &str = ID_ZH;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_unique_within_a_sheet_and_sheet_names_across() {
        for sheet in &SHEETS {
            for (i, a) in sheet.columns.iter().enumerate() {
                for b in &sheet.columns[i + 1..] {
                    assert!(
                        !b.is_named(a.zh) && !b.is_named(a.en),
                        "{}: {}",
                        sheet.table,
                        a.en
                    );
                }
            }
            let named = SHEETS
                .iter()
                .filter(|s| s.is_named(sheet.zh) || s.is_named(sheet.en));
            assert_eq!(named.count(), 1, "{}", sheet.table);
        }
    }

    #[test]
    fn the_team_id_note_is_the_teams() {
        let team = sheet_of("team").unwrap();
        assert!(team.columns[0].note_en.starts_with("Unique among teams"));
        assert!(team.columns[0].note_zh.starts_with("队伍间唯一"));
    }

    #[test]
    fn a_validators_field_as_a_workbook_shows_it() {
        let seen = |f| field_as_seen(f, Lang::Zh, Lang::Zh);
        assert_eq!(
            seen("venue `school-1`.district").as_deref(),
            Some("「场地」表 `school-1` 的「区域」")
        );
        assert_eq!(
            seen("standby `krm/fire`.keep").as_deref(),
            Some("「备勤」表 `krm/fire` 的「保留数」")
        );
        assert_eq!(
            seen("plan.slot_minutes").as_deref(),
            Some("「计划」表的「时间粒度(分钟)」")
        );
        assert_eq!(
            field_as_seen("drill `a.b`.duration", Lang::Zh, Lang::En).as_deref(),
            Some("演练 sheet, `a.b`, 时长(分钟)")
        );
        assert_eq!(seen("to"), None);
        assert_eq!(seen("(document)"), None);
    }

    #[test]
    fn headers_match_loosely() {
        let drill = sheet_of("drill").unwrap();
        let duration = &drill.columns[drill.column(Key("duration")).unwrap()];
        for header in ["时长(分钟)", "时长（分钟）", " 时长 ", "时长", "duration"] {
            assert!(duration.is_named(header), "{header}");
        }
        assert!(!duration.is_named("Duration"));
        assert!(sheet_of("team").unwrap().is_named("队伍"));
        assert!(sheet_of("team").unwrap().is_named("Teams"));
    }

    /// `优先级（1-10）` and `容量(个)`, a note the planner put in the header,
    /// left the column unread: every drill's priority went to its default.
    #[test]
    fn a_header_with_a_note_in_brackets_names_its_column_unless_the_unit_differs() {
        let drill = sheet_of("drill").unwrap();
        let venue = sheet_of("venue").unwrap();
        let priority = &drill.columns[drill.column(Key("priority")).unwrap()];
        let capacity = &venue.columns[venue.column(Key("capacity")).unwrap()];
        let duration = &drill.columns[drill.column(Key("duration")).unwrap()];
        for header in [
            "优先级（1-10）",
            "优先级(1-10)",
            "优先级 (越大越优先)",
            "priority (1-10)",
        ] {
            assert!(priority.is_named(header), "{header}");
        }
        assert!(capacity.is_named("容量(个)"));
        for header in ["优先级()", "(1-10)", "优先级（1-10", "优先"] {
            assert!(!priority.is_named(header), "{header}");
        }
        // A unit of its own: another unit is not this column.
        assert!(!duration.is_named("时长(小时)"));
        assert!(!duration.is_named("duration (hours)"));
    }
}
