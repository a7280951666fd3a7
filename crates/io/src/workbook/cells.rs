//! Each cell checked against its column before the rows become TOML, so
//! that every cell a planner got wrong is reported in one pass, at its cell,
//! under the header the planner sees and in spreadsheet terms. (The TOML
//! reader stops at the first value of the wrong type or missing field.)
//!
//! A cell at fault is reported here and replaced by a stand-in of its type,
//! so that the rest of the workbook is still validated; problems the
//! validator then finds at a stand-in's cell are dropped (see `Checked`).
//! Unambiguous forms (`9:00`, an id with a trailing space) are read with a
//! note.

use super::layout::{problem, Layout};
use super::locate::{cell_ref, col_letters, sheet_ref};
use super::read::Value;
use super::schema::{Column, Dropdown, Kind, Place};
use super::syntax::{split_list, stamp_literal};
use crate::diagnostics::{Problem, ProblemKind};
use crate::lang::Lang;
use chrono::{Datelike, NaiveDate};
use drillplan_model::words;
use std::collections::HashSet;

/// What the cell check found in one sheet's rows.
#[derive(Debug, Default)]
pub struct Checked {
    pub problems: Vec<Problem>,
    pub notes: Vec<String>,
    /// Cells (as `队伍!C7`) holding a stand-in: the validator's problems there are not the planner's.
    pub stand_ins: HashSet<String>,
    /// A value the rest cannot be validated without (the plan's dates) is at fault.
    pub fatal: bool,
    /// The plan's first and last day, once its sheet is read: the year of
    /// a date typed without one (`6月21日`).
    pub plan: Option<(NaiveDate, NaiveDate)>,
}

/// Where the year of a date typed without one comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Year {
    /// The plan's own dates: there is none to borrow.
    Own,
    /// The plan's first and last day.
    Plan(NaiveDate, NaiveDate),
    /// The plan's dates could not be read.
    Unread,
}

impl Year {
    /// The note for a date cell (a real date, not text) of another year
    /// than the plan's whose month and day fall within the plan: most
    /// likely typed without its year and given the current one by the
    /// spreadsheet, which shows it as `6月21日`. Read as it stands: the
    /// cell holds that year, but the planner is told.
    fn other_year(self, stamp: &super::read::Stamp) -> Option<Note> {
        let date = stamp.date;
        let Year::Plan(start, end) = self else {
            return None;
        };
        if (start.year()..=end.year()).contains(&date.year()) {
            return None;
        }
        let meant = self.date(date.month(), date.day()).ok()?;
        (start..=end).contains(&meant).then(|| {
            // A date and time is quoted with its time, as the cell shows it.
            let time = if stamp.is_date_only() {
                String::new()
            } else {
                format!(" {:02}:{:02}", stamp.hms.0, stamp.hms.1)
            };
            Note::OtherYear(
                format!("{date}{time}"),
                start,
                end,
                format!("{meant}{time}"),
            )
        })
    }

    /// The date `month`/`day` in the plan's year: the year in which it
    /// falls within the plan, or the plan's one year; `Err` with what to
    /// say when no year, or two, would do.
    fn date(self, month: u32, day: u32) -> Result<NaiveDate, Expected> {
        let Year::Plan(start, end) = self else {
            return Err(Expected::Year(self));
        };
        let within: Vec<NaiveDate> = (start.year()..=end.year())
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .filter(|d| (start..=end).contains(d))
            .collect();
        match within[..] {
            [one] => Ok(one),
            _ if start.year() == end.year() => {
                NaiveDate::from_ymd_opt(start.year(), month, day).ok_or(Expected::Date)
            }
            _ => Err(Expected::Year(self)),
        }
    }
}

type Rows = Vec<(u32, Vec<Option<Value>>)>;
/// The number formats of a sheet's cells that may show a value otherwise than it reads.
type Formats = std::collections::HashMap<(u32, u32), super::read::NumFmt>;

/// Checks, and where needed replaces, every value of `rows` (a sheet laid out as `layout`).
pub fn check(layout: &Layout, rows: &mut Rows, formats: &Formats, out: &mut Checked) {
    let columns = layout.schema.columns;
    let year = match (layout.schema.table, out.plan) {
        ("plan", _) => Year::Own,
        (_, Some((start, end))) => Year::Plan(start, end),
        (_, None) => Year::Unread,
    };
    // (column, row, note) of the cells read from another form, said at the
    // end folded by column and kind (`fold`).
    let mut read_as: Vec<(usize, u32, Note)> = Vec::new();
    for (row, values) in rows.iter_mut() {
        let row = *row;
        let at = |i: usize| cell_ref(&layout.name, row, layout.cols[i]);
        let label = |i: usize| columns[i].label(layout.lang);
        // A sheet with Chinese headers is answered in Chinese, unless the
        // run asked for a language.
        let lang = layout.says;
        for i in 0..columns.len() {
            let column = &columns[i];
            let Some(value) = values[i].take() else {
                if is_required(column) && layout.cols[i].is_some() {
                    out.problems.push(problem(
                        ProblemKind::MissingField,
                        label(i),
                        at(i),
                        words!(lang,
                            en: ("`{}` is empty; it is required", label(i)),
                            zh: ("`{}` 为空；此项必填", label(i))),
                        None,
                    ));
                    stand_in(column, row, &mut values[i], out, at(i));
                }
                continue;
            };
            if let Value::Error(e) = &value {
                out.problems.push(problem(
                    ProblemKind::BadValue,
                    label(i),
                    at(i),
                    words!(lang,
                        en: "the cell holds the spreadsheet error {e}; give a value",
                        zh: "单元格是表格错误值 {e}；请填写数值"),
                    None,
                ));
                stand_in(column, row, &mut values[i], out, at(i));
                continue;
            }
            let format = layout.cols[i].and_then(|col| formats.get(&(row, col)));
            match read_cell_in(column, &value, year) {
                Ok((read, note)) => {
                    let numeric = matches!(column.kind, Kind::Int | Kind::Float);
                    if let Some(shown) = format
                        .filter(|_| numeric)
                        .and_then(|f| super::shown::shows_another_number(&value, f))
                    {
                        // `100%` under 优先级 holds 1: the planner sees one number and
                        // the file another, and either could be the one meant.
                        let held = super::literal::as_text(&value);
                        out.problems.push(problem(
                            ProblemKind::BadValue,
                            label(i),
                            at(i),
                            words!(lang,
                                en: "the cell shows `{shown}` but holds {held}, through its number format: \
                                     it is not read, since either could be the number meant",
                                zh: "单元格显示 `{shown}`，存的值却是 {held}（数字格式所致）：两者都可能是要填的数，故不读入"),
                            Some(words!(lang,
                                en: "set the cell's format to General (Format Cells, Number, General) and type the number meant",
                                zh: "请把此格设为「常规」格式（设置单元格格式 → 数字 → 常规），再填写要用的数")),
                        ));
                        stand_in(column, row, &mut values[i], out, at(i));
                        continue;
                    }
                    if let Some(note) = note.or_else(|| outside_plan(column, &read, year)) {
                        read_as.push((i, row, note));
                    }
                    values[i] = Some(read);
                }
                Err(expected) => {
                    let found = super::literal::as_text(&value);
                    let found = found.trim();
                    // Quoted as the cell shows it (`120%`, not 1.2).
                    let quoted = quoted_as_shown(found, &value, format, lang);
                    // `1小时`, `90分钟` or a time `1:30` in a column of minutes:
                    // the planner meant a length, so say the number to write.
                    let help = (expected == Expected::Whole && column.zh.contains("分钟"))
                        .then(|| minutes_typed(found))
                        .flatten()
                        .map(|m| {
                            words!(lang,
                                en: "this column counts minutes: for `{found}` write {m}",
                                zh: "此列以分钟计：`{found}` 请写 {m}")
                        });
                    out.problems.push(problem(
                        ProblemKind::BadValue,
                        label(i),
                        at(i),
                        expected.say(&quoted, lang),
                        help,
                    ));
                    stand_in(column, row, &mut values[i], out, at(i));
                }
            }
        }
        // A window needs both its ends; the one missing is the cell to fill.
        let ends: Vec<usize> = (0..columns.len())
            .filter(|&i| matches!(columns[i].place, Place::Inline("window", _)))
            .collect();
        let given: Vec<bool> = ends.iter().map(|&i| values[i].is_some()).collect();
        // An end refused above is not empty: it has been told of already.
        let refused = ends.iter().any(|&i| out.stand_ins.contains(&at(i)));
        if given.contains(&true) && given.contains(&false) {
            let filled = ends.iter().find(|&&i| values[i].is_some()).copied();
            for &i in &ends {
                if values[i].is_none() && !refused {
                    let other = filled.map(label).unwrap_or_default();
                    out.problems.push(problem(
                        ProblemKind::MissingField,
                        label(i),
                        at(i),
                        words!(lang,
                            en: ("`{}` is empty but `{other}` is filled; give both ends of the window or neither", label(i)),
                            zh: ("`{}` 为空而 `{other}` 已填写；时间窗的两端须同时填写或同时留空", label(i))),
                        None,
                    ));
                }
            }
            for &i in &ends {
                values[i] = None;
                out.stand_ins.insert(at(i));
            }
        }
    }
    out.notes.extend(fold(layout, &read_as));
    if layout.schema.table == "plan" {
        let day = |key: &'static str| {
            let i = columns.iter().position(|c| c.place == Place::Key(key))?;
            match rows.first()?.1[i].as_ref()? {
                Value::Stamp(s) => Some(s.date),
                Value::Text(t) => NaiveDate::parse_from_str(&stamp_literal(t)?, "%Y-%m-%d").ok(),
                _ => None,
            }
        };
        out.plan = day("start").zip(day("end")).filter(|(a, b)| a <= b);
        // The plan's own dates have no year to borrow: a date cell typed
        // `6/21` got the current year from the spreadsheet. Its name often
        // says the year meant (`2027年应急演练周`): where it says another,
        // the planner is told at the cell.
        let named_year = columns
            .iter()
            .position(|c| c.place == Place::Key("name"))
            .and_then(|i| match rows.first()?.1[i].as_ref()? {
                Value::Text(t) => year_in_name(t),
                _ => None,
            });
        for key in ["start", "end"] {
            let Some(i) = columns.iter().position(|c| c.place == Place::Key(key)) else {
                continue;
            };
            let Some((row, values)) = rows.first() else {
                continue;
            };
            if let (Some(Value::Stamp(stamp)), Some(named)) = (values[i].as_ref(), named_year) {
                if stamp.date.year() != named {
                    let (at, label, date) = (
                        cell_ref(&layout.name, *row, layout.cols[i]),
                        columns[i].label(layout.lang),
                        stamp.date,
                    );
                    out.notes.push(words!(layout.says,
                        en: "{at}: {label}: the date cell holds {date}, but the plan's name says {named}: \
                             a spreadsheet gives a date typed without its year (6/21) the current year; \
                             if {named} is meant, type the date with its year",
                        zh: "{at}：{label}：日期单元格为 {date}，但计划名称写的是 {named} 年：电子表格会给不带年份输入\
                             的日期（如 6/21）补上当年年份；如指 {named} 年，请连同年份输入"));
                }
            }
        }
    }
}

/// The year a plan's name gives (`克拉玛依市2027年应急演练周`, `Drill week
/// 2027`): four digits from 1900 to 2199 standing alone, if there is one
/// such and only one.
fn year_in_name(name: &str) -> Option<i32> {
    let chars: Vec<char> = name.chars().collect();
    let mut found = None;
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let from = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let digits: String = chars[from..i].iter().collect();
        if let Ok(year @ 1900..=2199) = digits.parse::<i32>() {
            if digits.len() == 4 {
                if found.is_some_and(|y| y != year) {
                    return None;
                }
                found = Some(year);
            }
        }
    }
    found
}

/// Distinct values a folded note quotes; the rest are counted.
const FOLD_SHOWN: usize = 3;
/// Runs of cells a folded note lists; the rest are counted.
const FOLD_RUNS: usize = 8;

/// The notes of `read_as`, one line per column and kind of note, so that a
/// planner who typed `9:00` in 22 cells reads one line, not 22, and the
/// other notes stay in sight. A line names its cells (`演练!F2:F23`, or
/// runs of them), how many there are and the distinct values read (the
/// first few); a note of one cell reads as before.
fn fold(layout: &Layout, read_as: &[(usize, u32, Note)]) -> Vec<String> {
    let lang = layout.says;
    // (column, kind of note) and the (row, note) of each cell, in order met.
    type Group<'a> = ((usize, std::mem::Discriminant<Note>), Vec<(u32, &'a Note)>);
    let mut groups: Vec<Group> = Vec::new();
    for (i, row, note) in read_as {
        let key = (*i, std::mem::discriminant(note));
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, cells)) => cells.push((*row, note)),
            None => groups.push((key, vec![(*row, note)])),
        }
    }
    groups
        .into_iter()
        .map(|((i, _), cells)| {
            let label = layout.schema.columns[i].label(layout.lang);
            let col = layout.cols[i];
            if let [(row, note)] = cells[..] {
                let (at, said) = (cell_ref(&layout.name, row, col), note.say(lang));
                return words!(lang, en: "{at}: {label}: {said}", zh: "{at}：{label}：{said}");
            }
            let letters = col.map(col_letters).unwrap_or_default();
            let rows: Vec<u32> = cells.iter().map(|&(r, _)| r).collect();
            let mut runs: Vec<String> = runs(&rows)
                .into_iter()
                .map(|(a, b)| match a == b {
                    true => format!("{letters}{}", a + 1),
                    false => format!("{letters}{}:{letters}{}", a + 1, b + 1),
                })
                .collect();
            let more_runs = runs.len().saturating_sub(FOLD_RUNS);
            runs.truncate(FOLD_RUNS);
            let mut at = format!("{}!{}", sheet_ref(&layout.name), runs.join(", "));
            if more_runs > 0 {
                at += &words!(lang, en: ", … ({more_runs} more)", zh: "……（另有 {more_runs} 处）");
            }
            let mut said: Vec<String> = Vec::new();
            for (_, note) in &cells {
                let s = note.say(lang);
                if !said.contains(&s) {
                    said.push(s);
                }
            }
            let more_values = said.len().saturating_sub(FOLD_SHOWN);
            said.truncate(FOLD_SHOWN);
            let (n, said) = (
                cells.len(),
                said.join(match lang {
                    Lang::Zh => "；",
                    Lang::En => "; ",
                }),
            );
            match more_values {
                0 => words!(lang,
                    en: "{at}: {label}: {n} cells: {said}",
                    zh: "{at}：{label}：共 {n} 个单元格：{said}"),
                k => words!(lang,
                    en: "{at}: {label}: {n} cells: {said}; and {k} other values alike",
                    zh: "{at}：{label}：共 {n} 个单元格：{said}；另有 {k} 个值同样处理"),
            }
        })
        .collect()
}

/// Sorted rows as runs of consecutive ones (first, last).
pub(super) fn runs(rows: &[u32]) -> Vec<(u32, u32)> {
    let mut sorted = rows.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut out: Vec<(u32, u32)> = Vec::new();
    for r in sorted {
        match out.last_mut() {
            Some((_, last)) if *last + 1 == r => *last = r,
            _ => out.push((r, r)),
        }
    }
    out
}

/// What a cell at fault should hold, in spreadsheet terms.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Expected {
    Whole,
    Number,
    Bool,
    Date,
    DateTime,
    Window,
    Windows,
    /// A date without its year, and none to give it.
    Year(Year),
    /// A time that could be either of two (`下午12点`, `8点-5点`).
    Vague(super::clock::Vague),
    /// A number that is a date as a spreadsheet stores one (42906 for
    /// 2017-06-20), where days or dates go: a date typed into a cell of
    /// text format can be kept so, and is then shown as the number.
    Serial(NaiveDate),
}

impl Expected {
    /// `found` is the value as quoted (`quoted_as_shown`).
    fn say(&self, found: &str, lang: Lang) -> String {
        use Expected::*;
        let (en, zh) = match self {
            Whole => ("a whole number, such as 60", "整数，如 60"),
            Number => ("a number, such as 45.59", "数字，如 45.59"),
            Bool => (
                "TRUE or FALSE (also 是 or 否)",
                "TRUE 或 FALSE（也可写 是 或 否）",
            ),
            Date => ("a date, such as 2017-06-19", "日期，如 2017-06-19"),
            DateTime => (
                "a date and time, such as 2017-06-19 08:00",
                "日期和时间，如 2017-06-19 08:00",
            ),
            Window => (
                "a window HH:MM-HH:MM, such as 08:00-18:00",
                "时段 HH:MM-HH:MM，如 08:00-18:00",
            ),
            Windows => (
                "windows HH:MM-HH:MM separated by commas, such as 08:30-12:00, 15:30-19:00",
                "时段 HH:MM-HH:MM（多个用逗号分隔），如 08:30-12:00, 15:30-19:00",
            ),
            Vague(vague) => return vague.say(lang),
            Serial(date) => {
                let (y, m, d) = (date.year(), date.month(), date.day());
                return words!(lang,
                    en: "{found} is not a date but the number a spreadsheet stores the date {date} \
                         as (a cell of text format shows a date typed so); if {date} is meant, \
                         write {y}/{m}/{d}",
                    zh: "{found} 不是日期，而是日期 {date} 在表格中存成的数（文本格式的单元格中\
                         输入日期可能显示成这样）；如指 {date}，请写 {y}/{m}/{d}");
            }
            Year(self::Year::Own) => {
                return words!(lang,
                    en: "{found} has no year; write the year, such as 2027-06-19",
                    zh: "{found} 没有年份；请写上年份，如 2027-06-19")
            }
            Year(self::Year::Unread) => {
                return words!(lang,
                    en: "{found} has no year, and the plan's dates (start and end on the plan \
                         sheet) cannot be read to give it one; write the year, such as 2027-06-21",
                    zh: "{found} 没有年份，而「计划」表的开始、结束日期无法读出，不能据此补上年份；\
                         请写上年份，如 2027-06-21")
            }
            Year(self::Year::Plan(a, b)) => {
                return words!(lang,
                    en: "{found} has no year, and the plan runs from {a} to {b}, over two \
                         years; write the year, such as {a}",
                    zh: "{found} 没有年份，而计划从 {a} 到 {b}，跨两个年份；请写上年份，如 {a}")
            }
        };
        // A Latin word after Chinese text is set off by a space (不是 TRUE).
        let gap = if zh.starts_with(|c: char| c.is_ascii_alphanumeric()) {
            " "
        } else {
            ""
        };
        // No space after a closing Chinese parenthesis (`…（单元格存的值为 1.2）不是`).
        let space = if found.ends_with('）') { "" } else { " " };
        words!(lang, en: "{found} is not {en}", zh: "{found}{space}不是{gap}{zh}")
    }
}

/// A refused value quoted as the planner sees it: as its number format
/// shows it, with what the cell holds beside it (`120%`（单元格存的值为
/// 1.2）); where the format is not one drillplan renders, the stored value,
/// said to be that.
fn quoted_as_shown(
    found: &str,
    value: &Value,
    format: Option<&super::read::NumFmt>,
    lang: Lang,
) -> String {
    use super::shown::Shown;
    match format.and_then(|f| super::shown::shown(value, f)) {
        None => format!("`{found}`"),
        Some(Shown::Text(shown)) => words!(lang,
            en: "`{shown}` (the cell holds {found})",
            zh: "`{shown}`（单元格存的值为 {found}）"),
        Some(Shown::Unknown(Some(code))) => words!(lang,
            en: "`{found}` (the value the cell holds; its number format `{code}` may show it otherwise)",
            zh: "`{found}`（单元格存的值；按其数字格式 `{code}` 显示的可能不同）"),
        Some(Shown::Unknown(None)) => words!(lang,
            en: "`{found}` (the value the cell holds; its number format may show it otherwise)",
            zh: "`{found}`（单元格存的值；按其数字格式显示的可能不同）"),
    }
}

/// A days cell with weekday ranges as planners type them, each range
/// written out day by day: `周一至周五` (also `到`, `-`, `~`), `mon-fri`,
/// `工作日` (周一 to 周五), `周末` (周六, 周日) and `每天` (also `每日`, `全周`,
/// `天天`: 周一 to 周日). `None` when the cell has
/// no range, so that it is read as it stands.
fn day_ranges(text: &str) -> Option<String> {
    use super::syntax::{weekday, weekday_zh};
    const WEEK: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
    let index = |d: &str| WEEK.iter().position(|w| *w == d);
    let mut out: Vec<String> = Vec::new();
    let mut expanded = false;
    for item in split_list(text) {
        let range = match item {
            "工作日" => Some((0, 4, false)),
            "周末" => Some((5, 6, false)),
            "每天" | "每日" | "全周" | "天天" => Some((0, 6, false)),
            _ => ["至", "到", "~", "～", "－", "—", "-"]
                .iter()
                .find_map(|sep| {
                    let (a, b) = item.split_once(sep)?;
                    let (a, b) = (a.trim(), b.trim());
                    let (from, to) = (index(weekday(a)?)?, index(weekday(b)?)?);
                    Some((from, to, a.is_ascii()))
                }),
        };
        let Some((from, to, ascii)) = range else {
            out.push(item.to_string());
            continue;
        };
        expanded = true;
        // `周六至周一` runs over the weekend.
        let mut d = from;
        loop {
            out.push(match ascii {
                true => WEEK[d].to_string(),
                false => weekday_zh(WEEK[d]).unwrap_or(WEEK[d]).to_string(),
            });
            if d == to {
                break;
            }
            d = (d + 1) % 7;
        }
    }
    expanded.then(|| out.join(", "))
}

/// The whole minutes of a length written with hours or units, as planners
/// type one in a column of minutes: `1:30` (or a time cell shown so),
/// `1小时`, `一个半小时`, `1.5小时`, `1小时30分`, `90分钟`, `2h`, `90 min`.
/// `None` for anything else, so that only a sure reading is offered.
fn minutes_typed(text: &str) -> Option<i64> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '个')
        .collect::<String>()
        .to_lowercase();
    // A number in digits or one Chinese numeral (`一`, `两`), and `半` for a half.
    fn number_plain(s: &str) -> Option<f64> {
        let numerals = "零一二三四五六七八九十";
        if let Some(n) = numerals.chars().position(|c| s == c.to_string()) {
            return Some(n as f64);
        }
        if s == "两" {
            return Some(2.0);
        }
        s.parse::<f64>().ok().filter(|f| f.is_finite() && *f >= 0.0)
    }
    let number = |s: &str| -> Option<f64> {
        match s.strip_suffix('半') {
            Some("") => Some(0.5),
            Some(whole) => Some(number_plain(whole)? + 0.5),
            None => number_plain(s),
        }
    };
    let minutes = if let Some((h, m)) = t.split_once(':') {
        // A time: `1:30`, `01:30`, `01:30:00` (Calc writes the seconds).
        let m = m.strip_suffix(":00").unwrap_or(m);
        if m.len() != 2 {
            return None;
        }
        (h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok().filter(|m| *m < 60)?) as f64
    } else if let Some((h, rest)) = t
        .split_once("小时")
        .or_else(|| t.split_once("钟头"))
        .or_else(|| t.split_once("hours"))
        .or_else(|| t.split_once("hour"))
        .or_else(|| t.split_once('h'))
    {
        let rest = rest.trim_end_matches('钟').trim_end_matches('分');
        let rest = rest.trim_end_matches("minutes").trim_end_matches("min");
        let extra = match rest {
            "" => 0.0,
            r => number_plain(r)?,
        };
        number(h)? * 60.0 + extra
    } else {
        let m = ["分钟", "分", "minutes", "mins", "min"]
            .iter()
            .find_map(|u| t.strip_suffix(u))?;
        number_plain(m)?
    };
    // `0.1小时` is 6 minutes, though 0.1 × 60 is not exactly 6 in floating point.
    let whole = minutes.round();
    (whole >= 1.0 && (minutes - whole).abs() < 1e-6 && whole < 1e9).then_some(whole as i64)
}

/// A cell read from a form the contract does not write.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Note {
    /// (as typed, as read)
    ReadAs(String, String),
    Spaces(String, String),
    /// A date typed without its year, read in the plan's: (as typed, as read).
    Year(String, String),
    /// A date cell of another year than the plan's whose day falls in the
    /// plan: (the date as the cell holds it, with its time if it has one,
    /// the plan's first and last day, the same in the plan's year).
    OtherYear(String, NaiveDate, NaiveDate, String),
    /// Dates of a cell of days or dates outside the plan, which select
    /// nothing: (the dates, the plan's first and last day).
    OutsidePlan(String, NaiveDate, NaiveDate),
}

impl Note {
    fn say(&self, lang: Lang) -> String {
        match self {
            Note::ReadAs(a, b) => words!(lang,
                en: "`{a}` read as `{b}`",
                zh: "`{a}` 按 `{b}` 读取"),
            Note::Spaces(a, b) => words!(lang,
                en: "`{a}` has spaces before or after it; read as `{b}`",
                zh: "`{a}` 前后有空格；按 `{b}` 读取"),
            Note::Year(a, b) => words!(lang,
                en: "`{a}` has no year; read as `{b}`, in the plan's year",
                zh: "`{a}` 没有年份；按计划的年份读作 `{b}`"),
            Note::OutsidePlan(dates, a, b) => words!(lang,
                en: "{dates} lies outside the plan ({a} to {b}) and has no effect; if the date is \
                     wrong (its year?), correct it",
                zh: "{dates} 不在计划期（{a} 至 {b}）内，不起作用；如日期有误（年份？），请改正"),
            Note::OtherYear(date, a, b, meant) => words!(lang,
                en: "`{date}` is read as it stands, though the plan runs from {a} to {b}: Excel \
                     and WPS give a date typed without its year (6/21) the current year; if \
                     {meant} is meant, type it with its year",
                zh: "`{date}` 照原样读入，但计划为 {a} 至 {b}：Excel、WPS 会给不带年份输入的日期\
                     （如 6/21）补上当年年份；如指 {meant}，请连同年份输入"),
        }
    }
}

/// The note for a cell of days or dates (开放日, 关闭日期, 休息日期) that
/// lists a date outside the plan: a closed day typed with last year's year
/// would leave the venue open on the day meant, without a word.
fn outside_plan(column: &Column, read: &Value, year: Year) -> Option<Note> {
    let Year::Plan(start, end) = year else {
        return None;
    };
    if !matches!(column.kind, Kind::Days | Kind::Dates) {
        return None;
    }
    let dates: Vec<NaiveDate> = match read {
        Value::Stamp(s) => vec![s.date],
        Value::Text(t) => split_list(t)
            .into_iter()
            .filter_map(stamp_literal)
            .filter_map(|l| NaiveDate::parse_from_str(l.get(..10)?, "%Y-%m-%d").ok())
            .collect(),
        _ => Vec::new(),
    };
    let outside: Vec<String> = dates
        .into_iter()
        .filter(|d| !(start..=end).contains(d))
        .map(|d| format!("`{d}`"))
        .collect();
    (!outside.is_empty()).then(|| Note::OutsidePlan(outside.join(", "), start, end))
}

/// Columns the contract requires: their notes say so.
fn is_required(column: &Column) -> bool {
    column.note_en.ends_with("Required.")
}

/// A value of the column's type in place of one at fault, so that the rest
/// of the workbook is still validated.
fn stand_in(column: &Column, row: u32, slot: &mut Option<Value>, out: &mut Checked, at: String) {
    *slot = match column.kind {
        Kind::Int => Some(Value::Int(1)),
        Kind::Float => Some(Value::Number(0.0)),
        Kind::Bool => Some(Value::Bool(false)),
        // Unique, so that no stand-in id collides with another.
        Kind::Text => Some(Value::Text(format!("_cell_{row}_{}", column.place.key()))),
        Kind::Needs => Some(Value::Text(super::syntax::NONE.into())),
        Kind::Ids => Some(Value::Text(format!("_cell_{row}"))),
        Kind::Date => {
            out.fatal = true;
            None
        }
        Kind::DateTime | Kind::Window | Kind::Windows | Kind::Days | Kind::Dates => None,
    };
    out.stand_ins.insert(at);
}

/// The value as the column reads it, with a note when it was read from a
/// form the contract does not write; else what the column expects.
///
/// A Chinese input method left in full-width mode types `０９：００－１２：００`
/// and `６０`, which the planner reads as `09:00-12:00` and `60`: in a cell of
/// numbers, times, dates or yes/no they are read so, with a note. Ids and
/// free text keep what was typed.
#[cfg(test)]
fn read_cell(column: &Column, value: &Value) -> Result<(Value, Option<Note>), Expected> {
    read_cell_in(column, value, Year::Unread)
}

/// A cell read as its column takes it; a date without its year in `year`.
fn read_cell_in(
    column: &Column,
    value: &Value,
    year: Year,
) -> Result<(Value, Option<Note>), Expected> {
    let narrows = !matches!(column.kind, Kind::Text | Kind::Ids | Kind::Needs);
    match value {
        Value::Text(typed) if narrows && typed.chars().any(is_wide) => {
            let narrow: String = typed
                .chars()
                .map(drillplan_model::diagnostics::narrowed)
                .collect();
            let (read, _) = read_typed(column, &Value::Text(narrow.clone()), year)?;
            let shown = match &read {
                Value::Text(t) => t.trim().to_string(),
                _ => narrow.trim().to_string(),
            };
            Ok((read, Some(Note::ReadAs(typed.trim().to_string(), shown))))
        }
        _ => read_typed(column, value, year),
    }
}

/// `text`'s items with each date typed without its year (`6月21日`, `6/21`,
/// `6-21 9:00`) given the plan's, as `with_time` wants it (a date and time,
/// or a date alone); `Ok(None)` when no item lacks its year.
fn fill_years(
    items: &[&str],
    year: Year,
    with_time: bool,
) -> Result<Option<Vec<String>>, Expected> {
    let mut changed = false;
    let mut out = Vec::new();
    for item in items {
        match super::syntax::month_day(item) {
            Some((month, day, time)) if time.is_some() == with_time => {
                let date = year.date(month, day)?;
                changed = true;
                out.push(match time {
                    Some(t) => format!("{} {t}", date.format("%Y-%m-%d")),
                    None => date.format("%Y-%m-%d").to_string(),
                });
            }
            _ => out.push(item.to_string()),
        }
    }
    Ok(changed.then_some(out))
}

/// A cell of dates (or days and dates) with the yearless ones given the
/// plan's year, and the note that says so; `None` when it has none.
fn dated(t: &str, year: Year) -> Result<Option<(Value, Note)>, Expected> {
    let items = split_list(t);
    Ok(fill_years(&items, year, false)?.map(|filled| {
        let read = filled.join(", ");
        (
            Value::Text(read.clone()),
            Note::Year(t.trim().to_string(), read),
        )
    }))
}

/// A full-width form of an ASCII character, or the ideographic space.
fn is_wide(c: char) -> bool {
    matches!(c, '\u{FF01}'..='\u{FF5E}' | '\u{3000}')
}

fn read_typed(
    column: &Column,
    value: &Value,
    year: Year,
) -> Result<(Value, Option<Note>), Expected> {
    match column.kind {
        Kind::Text if is_id(column) => match value {
            Value::Text(t) if t.trim() != t => Ok((
                Value::Text(t.trim().to_string()),
                Some(Note::Spaces(t.clone(), t.trim().to_string())),
            )),
            _ => Ok((value.clone(), None)),
        },
        Kind::Text => Ok((value.clone(), None)),
        Kind::Int => match value {
            Value::Int(_) => Ok((value.clone(), None)),
            Value::Number(f) if f.fract() == 0.0 => Ok((value.clone(), None)),
            Value::Text(t) if t.trim().parse::<i64>().is_ok() => Ok((value.clone(), None)),
            _ => Err(Expected::Whole),
        },
        Kind::Float => match value {
            Value::Int(_) | Value::Number(_) => Ok((value.clone(), None)),
            Value::Text(t) if t.trim().parse::<f64>().is_ok() => Ok((value.clone(), None)),
            _ => Err(Expected::Number),
        },
        Kind::Bool => match value {
            Value::Bool(_) => Ok((value.clone(), None)),
            Value::Int(0 | 1) => Ok((value.clone(), None)),
            Value::Number(f) if *f == 0.0 || *f == 1.0 => Ok((value.clone(), None)),
            Value::Text(t) if super::literal::bool_word(t).is_some() => Ok((value.clone(), None)),
            _ => Err(Expected::Bool),
        },
        Kind::Date => match value {
            Value::Stamp(s) if s.is_date_only() => Ok((value.clone(), year.other_year(s))),
            Value::Text(t) if stamp_literal(t).is_some_and(|l| !l.contains('T')) => {
                Ok((value.clone(), None))
            }
            Value::Text(t) => match dated(t, year)? {
                Some((read, note)) if stamp_literal(&super::literal::as_text(&read)).is_some() => {
                    Ok((read, Some(note)))
                }
                _ => Err(Expected::Date),
            },
            _ => Err(Expected::Date),
        },
        Kind::DateTime => match value {
            // A date cell shown without a time (`2017-06-20`, as Calc and
            // Excel make of a date typed) is a bare date to the planner, as
            // the same text is: refused, not read as 00:00 of that day (a
            // window's end would then leave out the very day it names).
            Value::Stamp(s) if s.is_date_only() && !s.time_shown => Err(Expected::DateTime),
            Value::Stamp(s) => Ok((value.clone(), year.other_year(s))),
            Value::Text(t) if stamp_literal(t).is_some_and(|l| l.contains('T')) => {
                Ok((value.clone(), None))
            }
            Value::Text(t) if clocked(t).map_err(Expected::Vague)?.is_some() => {
                let read = clocked(t).ok().flatten().unwrap_or_default();
                // Said as the planner writes it, not as a TOML literal.
                let shown = read
                    .strip_suffix(":00")
                    .unwrap_or(&read)
                    .replacen('T', " ", 1);
                Ok((
                    Value::Text(read),
                    Some(Note::ReadAs(t.trim().to_string(), shown)),
                ))
            }
            Value::Text(t) => match fill_years(&[t.trim()], year, true)?.or(
                match yearless_clock(t).map_err(Expected::Vague)? {
                    Some(said) => fill_years(&[said.as_str()], year, true)?,
                    None => None,
                },
            ) {
                Some(read) => {
                    let read = read.join("");
                    Ok((
                        Value::Text(read.clone()),
                        Some(Note::Year(t.trim().to_string(), read)),
                    ))
                }
                None => Err(Expected::DateTime),
            },
            _ => Err(Expected::DateTime),
        },
        Kind::Window => match value {
            Value::Text(t) => window(t.trim())
                .map_err(Expected::Vague)?
                .map(|w| {
                    let note =
                        (w != t.trim()).then(|| Note::ReadAs(t.trim().to_string(), w.clone()));
                    (Value::Text(w), note)
                })
                .ok_or(Expected::Window),
            _ => Err(Expected::Window),
        },
        Kind::Windows => match value {
            Value::Text(t) => {
                let items: Result<Option<Vec<String>>, _> =
                    split_list(t).into_iter().map(window).collect();
                let items = items.map_err(Expected::Vague)?.ok_or(Expected::Windows)?;
                let joined = items.join(", ");
                let note = (split_list(t).join(", ") != joined)
                    .then(|| Note::ReadAs(t.trim().to_string(), joined.clone()));
                Ok((Value::Text(joined), note))
            }
            _ => Err(Expected::Windows),
        },
        // Lists are checked item by item by the validator, which names the item.
        Kind::Days => match value {
            Value::Text(t) => match day_ranges(t) {
                Some(days) => match dated(&days, year)? {
                    Some((read, Note::Year(_, shown))) => {
                        Ok((read, Some(Note::Year(t.trim().to_string(), shown))))
                    }
                    _ => Ok((
                        Value::Text(days.clone()),
                        Some(Note::ReadAs(t.trim().to_string(), days)),
                    )),
                },
                None => match dated(t, year)? {
                    Some((read, note)) => Ok((read, Some(note))),
                    None => Ok((value.clone(), None)),
                },
            },
            Value::Stamp(s) => Ok((value.clone(), year.other_year(s))),
            _ => serial_date(value).map_or(Ok((value.clone(), None)), |d| Err(Expected::Serial(d))),
        },
        // A date the loader cannot type (`6月23日`, no year) is named here
        // with the rest, not as a TOML type error that ends the pass.
        Kind::Dates => match value {
            Value::Text(t) => {
                let (read, note) = match dated(t, year)? {
                    Some((read, note)) => (read, Some(note)),
                    None => (value.clone(), None),
                };
                let text = super::literal::as_text(&read);
                if split_list(&text).iter().any(|i| stamp_literal(i).is_none()) {
                    return Err(Expected::Date);
                }
                Ok((read, note))
            }
            Value::Stamp(s) => Ok((value.clone(), year.other_year(s))),
            _ => serial_date(value).map_or(Ok((value.clone(), None)), |d| Err(Expected::Serial(d))),
        },
        Kind::Ids | Kind::Needs => Ok((value.clone(), None)),
    }
}

/// The date a whole number stands for as a spreadsheet's date serial
/// (days since 1899-12-30), for a number from 2000-01-01 to 2099-12-31:
/// no weekday or date cell holds such a number by intent.
fn serial_date(value: &Value) -> Option<NaiveDate> {
    let n = match value {
        Value::Int(i) => *i,
        Value::Number(f) if f.fract() == 0.0 && f.abs() < 1e9 => *f as i64,
        _ => return None,
    };
    let date = crate::schedule::csv::spreadsheet::serial_date(n)?;
    (2000..=2099).contains(&date.year()).then_some(date)
}

/// Whether a text column holds an id (its own, or one of another table).
fn is_id(column: &Column) -> bool {
    matches!(column.place, Place::Key("id") | Place::Override(_))
        || matches!(column.dropdown, Some(Dropdown::Ids(_)))
        || matches!(column.place, Place::Key("skill"))
}

/// A date and a time of day as a spreadsheet or a Chinese planner writes
/// the time (`2017-06-19 下午2:00`, `2017/6/19 2:00 PM`, `2017-06-19 9点半`)
/// as `2017-06-19T14:00:00`; `Ok(None)` when either half is something else.
fn clocked(text: &str) -> Result<Option<String>, super::clock::Vague> {
    let Some((date, time)) = text.trim().split_once(char::is_whitespace) else {
        return Ok(None);
    };
    let Some(date) = super::syntax::stamp_literal(date).filter(|d| !d.contains('T')) else {
        return Ok(None);
    };
    Ok(super::clock::time_of_day(time)?
        .filter(|t| t.as_str() < "24:00")
        .map(|time| format!("{date}T{time}:00")))
}

/// A date without its year and a time the Chinese way (`6月21日 9点半`,
/// `6月21日下午2点`) with the time as `HH:MM` (`6月21日 09:30`), for
/// `fill_years`; `Ok(None)` when the time is no such form.
fn yearless_clock(text: &str) -> Result<Option<String>, super::clock::Vague> {
    let t = text.trim();
    let cut = match t.rfind(char::is_whitespace) {
        Some(i) => i,
        None => match t.find(['日', '号']) {
            Some(i) => i + '日'.len_utf8(),
            None => return Ok(None),
        },
    };
    let (date, time) = t.split_at(cut);
    Ok(super::clock::time_of_day(time.trim())?
        .filter(|hhmm| hhmm.as_str() < "24:00")
        .map(|hhmm| format!("{} {hhmm}", date.trim())))
}

/// A window as `HH:MM-HH:MM` (see `clock::window`).
fn window(text: &str) -> Result<Option<String>, super::clock::Vague> {
    super::clock::window(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::schema::sheet_of;

    fn column(table: &str, key: &str) -> &'static Column {
        let sheet = sheet_of(table).unwrap();
        &sheet.columns[sheet
            .columns
            .iter()
            .position(|c| c.place.key() == key)
            .unwrap()]
    }

    #[test]
    fn unambiguous_forms_are_read_with_a_note() {
        let hours = column("venue", "hours");
        let (v, note) = read_cell(hours, &Value::Text("9:00-12:00，14:00-18:00".into())).unwrap();
        assert_eq!(v, Value::Text("09:00-12:00, 14:00-18:00".into()));
        assert!(note
            .unwrap()
            .say(Lang::En)
            .contains("read as `09:00-12:00, 14:00-18:00`"));
        let (v, note) = read_cell(hours, &Value::Text("０９：００－１２：００".into())).unwrap();
        assert_eq!(v, Value::Text("09:00-12:00".into()));
        assert_eq!(
            note.unwrap().say(Lang::Zh),
            "`０９：００－１２：００` 按 `09:00-12:00` 读取"
        );
        let duration = column("drill", "duration");
        let (v, note) = read_cell(duration, &Value::Text("６０".into())).unwrap();
        assert_eq!((v, note.is_some()), (Value::Text("60".into()), true));
        // Ids keep what was typed: a full-width id is the planner's own.
        let (v, note) = read_cell(column("drill", "id"), &Value::Text("ｄ１".into())).unwrap();
        assert_eq!((v, note.is_none()), (Value::Text("ｄ１".into()), true));
        let (_, note) = read_cell(hours, &Value::Text("09:00-12:00".into())).unwrap();
        assert_eq!(note, None);
        let id = column("drill", "id");
        let (v, note) = read_cell(id, &Value::Text("d1 ".into())).unwrap();
        assert_eq!(v, Value::Text("d1".into()));
        assert!(note.unwrap().say(Lang::En).contains("spaces"));
    }

    #[test]
    fn what_a_chinese_input_method_types_is_read_with_a_note() {
        let hours = column("venue", "hours");
        for typed in [
            "９：００－１２：００",
            "9：00-12：00",
            "9:00～12:00",
            "9:00至12:00",
            "9:00—12:00",
        ] {
            let (v, note) = read_cell(hours, &Value::Text(typed.into())).unwrap();
            assert_eq!(v, Value::Text("09:00-12:00".into()), "{typed}");
            assert!(note.is_some(), "{typed}");
        }
        let duration = column("drill", "duration");
        let (v, note) = read_cell(duration, &Value::Text("６０".into())).unwrap();
        assert_eq!(v, Value::Text("60".into()));
        assert!(note.unwrap().say(Lang::Zh).contains("`６０` 按 `60` 读取"));
        assert!(read_cell(duration, &Value::Text("６０.５".into())).is_err());
    }

    /// A pin typed `2017-06-19 下午2:00` is 14:00 that day, as the schedule
    /// CSV reads `下午2:00`; it was refused as no date and time.
    #[test]
    fn a_date_and_a_time_of_day_are_read_as_one() {
        let start = column("pin", "start");
        for (typed, read) in [
            ("2017-06-19 下午2:00", "2017-06-19T14:00:00"),
            ("2017/6/19 2:00 PM", "2017-06-19T14:00:00"),
            ("2017-06-19 上午9:00", "2017-06-19T09:00:00"),
        ] {
            let (v, note) = read_cell(start, &Value::Text(typed.into())).unwrap();
            assert_eq!(v, Value::Text(read.into()), "{typed}");
            let shown = format!("按 `{}` 读取", &read[..16].replace('T', " "));
            assert!(note.unwrap().say(Lang::Zh).ends_with(&shown), "{typed}");
        }
        assert!(read_cell(start, &Value::Text("2017-06-19 下午".into())).is_err());
        // Without its year, in the plan's.
        let plan = Year::Plan(
            NaiveDate::from_ymd_opt(2017, 6, 19).unwrap(),
            NaiveDate::from_ymd_opt(2017, 6, 25).unwrap(),
        );
        for (typed, read) in [
            ("6月21日 9点半", "2017-06-21 09:30"),
            ("6月21日下午2点", "2017-06-21 14:00"),
            ("6/21 9时", "2017-06-21 09:00"),
        ] {
            let (v, _) = read_cell_in(start, &Value::Text(typed.into()), plan).unwrap();
            assert_eq!(v, Value::Text(read.into()), "{typed}");
        }
        let e = read_cell_in(start, &Value::Text("6月21日 下午12点".into()), plan).unwrap_err();
        assert!(e.say("", Lang::Zh).contains("可指中午也可指午夜"));
    }

    /// `下午2:30-5:00` is one afternoon: it read as 14:30-05:00 and was
    /// refused as a window that ends before it starts.
    #[test]
    fn an_afternoon_said_once_for_a_range_holds_for_both_ends() {
        let hours = column("venue", "hours");
        for (typed, read) in [
            ("下午2:30-5:00", "14:30-17:00"),
            ("上午9:00-12:00, 下午2:30-7:00", "09:00-12:00, 14:30-19:00"),
            ("2:30 PM-5:00", "14:30-17:00"),
            ("下午2:30-下午5:00", "14:30-17:00"),
            ("上午9:00-11:30", "09:00-11:30"),
        ] {
            let (v, note) = read_cell(hours, &Value::Text(typed.into())).unwrap();
            assert_eq!(v, Value::Text(read.into()), "{typed}");
            assert!(note.is_some(), "{typed}");
        }
        // An end with its own mark, or at noon, is not moved: the window
        // then ends before it starts and is refused at the cell.
        for typed in ["下午2:30-上午5:00", "下午2:30-12:00"] {
            let e = read_cell(hours, &Value::Text(typed.into())).unwrap_err();
            assert!(e.say("", Lang::Zh).contains("结束早于开始"), "{typed}");
        }
    }

    /// `2017-06-20` typed into a cell of text format in Calc can be kept as
    /// the number 42906, which the cell then shows; it was refused as
    /// neither a weekday nor a date, with no word of what the number is.
    #[test]
    fn a_date_kept_as_its_number_is_told_for_what_it_is() {
        let days = column("venue", "days");
        let e = read_cell(days, &Value::Number(42906.0)).unwrap_err();
        assert_eq!(
            e.say("`42906`", Lang::Zh),
            "`42906` 不是日期，而是日期 2017-06-20 在表格中存成的数（文本格式的单元格中输入日期可能显示成这样）；如指 2017-06-20，请写 2017/6/20"
        );
        assert!(read_cell(column("team", "off"), &Value::Int(42906)).is_err());
        // A small number is no date: the validator says what it is not.
        assert!(read_cell(days, &Value::Int(3)).is_ok());
    }

    /// A closed day typed with another year (`2016-06-20`) left the venue
    /// open on the day meant without a word; it is now told at its cell.
    #[test]
    fn a_date_outside_the_plan_in_a_cell_of_days_is_told() {
        let plan = Year::Plan(
            NaiveDate::from_ymd_opt(2017, 6, 19).unwrap(),
            NaiveDate::from_ymd_opt(2017, 6, 25).unwrap(),
        );
        let closed = column("venue", "closed");
        let days = column("venue", "days");
        let note = |c: &Column, t: &str| {
            let (read, note) = read_cell_in(c, &Value::Text(t.into()), plan).unwrap();
            note.or_else(|| outside_plan(c, &read, plan))
                .map(|n| n.say(Lang::Zh))
        };
        assert_eq!(
            note(closed, "2016-06-20, 2017-06-21").as_deref(),
            Some("`2016-06-20` 不在计划期（2017-06-19 至 2017-06-25）内，不起作用；如日期有误（年份？），请改正")
        );
        assert!(note(days, "周一, 2017-07-01")
            .unwrap()
            .contains("`2017-07-01`"));
        assert_eq!(note(closed, "2017-06-21"), None);
        assert_eq!(
            note(days, "周一至周五"),
            Some("`周一至周五` 按 `周一, 周二, 周三, 周四, 周五` 读取".into())
        );
        // Not a cell of days: a window's end is the validator's.
        assert_eq!(
            outside_plan(
                column("drill", "id"),
                &Value::Text("2016-06-20".into()),
                plan
            ),
            None
        );
    }

    #[test]
    fn weekday_ranges_are_written_out_day_by_day() {
        for (typed, read) in [
            ("周一至周五", Some("周一, 周二, 周三, 周四, 周五")),
            ("周一-周三、周六", Some("周一, 周二, 周三, 周六")),
            ("星期二到星期四", Some("周二, 周三, 周四")),
            ("工作日", Some("周一, 周二, 周三, 周四, 周五")),
            ("周末", Some("周六, 周日")),
            ("mon-wed", Some("mon, tue, wed")),
            ("周六至周一", Some("周六, 周日, 周一")),
            ("周一, 周三", None),
            ("2017-06-24", None),
            ("周一至周八", None),
        ] {
            assert_eq!(day_ranges(typed).as_deref(), read, "{typed}");
        }
        let days = column("venue", "days");
        let (v, note) = read_cell(days, &Value::Text("周一至周五".into())).unwrap();
        assert_eq!(v, Value::Text("周一, 周二, 周三, 周四, 周五".into()));
        assert!(note.is_some());
        let closed = column("venue", "closed");
        assert_eq!(
            read_cell(closed, &Value::Text("6月23日".into())).unwrap_err(),
            Expected::Year(Year::Unread)
        );
        assert!(read_cell(closed, &Value::Text("2017-06-23, 2017/6/24".into())).is_ok());
    }

    #[test]
    fn a_date_without_a_year_takes_the_plans_or_is_refused() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let june = Year::Plan(d(2027, 6, 19), d(2027, 6, 25));
        assert_eq!(june.date(6, 21), Ok(d(2027, 6, 21)));
        // Outside the week, still the plan's one year (a day off in July).
        assert_eq!(june.date(7, 1), Ok(d(2027, 7, 1)));
        assert_eq!(june.date(6, 31), Err(Expected::Date));
        // Over new year: the year in which it falls within the plan, else none.
        let winter = Year::Plan(d(2026, 12, 28), d(2027, 1, 3));
        assert_eq!(winter.date(1, 2), Ok(d(2027, 1, 2)));
        assert_eq!(winter.date(12, 30), Ok(d(2026, 12, 30)));
        assert_eq!(winter.date(6, 21), Err(Expected::Year(winter)));
        assert_eq!(Year::Own.date(6, 21), Err(Expected::Year(Year::Own)));
        let closed = column("venue", "closed");
        let (v, note) =
            read_cell_in(closed, &Value::Text("6月21日、2027/6/23".into()), june).unwrap();
        assert_eq!(v, Value::Text("2027-06-21, 2027/6/23".into()));
        assert_eq!(
            note.unwrap().say(Lang::En),
            "`6月21日、2027/6/23` has no year; read as `2027-06-21, 2027/6/23`, in the plan's year"
        );
        let days = column("venue", "days");
        let (v, _) = read_cell_in(days, &Value::Text("周一至周三, 6-24".into()), june).unwrap();
        assert_eq!(v, Value::Text("周一, 周二, 周三, 2027-06-24".into()));
        let pin = column("pin", "start");
        let (v, _) = read_cell_in(pin, &Value::Text("6月21日 9:00".into()), june).unwrap();
        assert_eq!(v, Value::Text("2027-06-21 09:00".into()));
        // A date alone where a date and time goes is refused, year or not.
        assert_eq!(
            read_cell_in(pin, &Value::Text("6月21日".into()), june).unwrap_err(),
            Expected::DateTime
        );
    }

    #[test]
    fn a_date_cell_of_another_year_in_the_plans_days_is_read_with_a_note() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let june = Year::Plan(d(2027, 6, 19), d(2027, 6, 25));
        let stamp = |date| {
            Value::Stamp(crate::workbook::read::Stamp {
                date,
                hms: (0, 0, 0),
                milli: 0,
                time_shown: false,
            })
        };
        let closed = column("venue", "closed");
        let (v, note) = read_cell_in(closed, &stamp(d(2026, 6, 21)), june).unwrap();
        assert_eq!(v, stamp(d(2026, 6, 21)));
        assert!(note
            .unwrap()
            .say(Lang::Zh)
            .starts_with("`2026-06-21` 照原样读入，但计划为 2027-06-19 至 2027-06-25"));
        // The plan's year, or a day outside the plan's days: nothing to say.
        for date in [d(2027, 6, 21), d(2026, 7, 1)] {
            assert_eq!(read_cell_in(closed, &stamp(date), june).unwrap().1, None);
        }
    }

    #[test]
    fn lengths_typed_with_hours_or_units_are_turned_into_minutes() {
        for (typed, minutes) in [
            ("1小时", Some(60)),
            ("一小时", Some(60)),
            ("一个半小时", Some(90)),
            ("1.5小时", Some(90)),
            ("1小时30分钟", Some(90)),
            ("半小时", Some(30)),
            ("90分钟", Some(90)),
            ("45 min", Some(45)),
            ("2h", Some(120)),
            ("01:30", Some(90)),
            ("1:30", Some(90)),
            ("01:30:00", Some(90)),
            ("an hour", None),
            ("必须", None),
            ("60.5", None),
            ("1:3", None),
            ("0.1小时", Some(6)),
            ("0.01小时", None),
        ] {
            assert_eq!(minutes_typed(typed), minutes, "{typed}");
        }
    }

    #[test]
    fn folded_cells_are_named_by_runs_of_rows() {
        assert_eq!(runs(&[5, 1, 2, 3, 9, 8]), [(1, 3), (5, 5), (8, 9)]);
        assert_eq!(runs(&[4]), [(4, 4)]);
        assert!(runs(&[]).is_empty());
    }

    #[test]
    fn a_refused_value_is_quoted_as_its_format_shows_it() {
        use super::super::read::NumFmt;
        let percent = NumFmt::Builtin(9);
        let quoted = quoted_as_shown("1.2", &Value::Number(1.2), Some(&percent), Lang::Zh);
        assert_eq!(quoted, "`120%`（单元格存的值为 1.2）");
        assert_eq!(
            Expected::Whole.say(&quoted, Lang::Zh),
            "`120%`（单元格存的值为 1.2）不是整数，如 60"
        );
        let quoted = quoted_as_shown("1.2", &Value::Number(1.2), Some(&percent), Lang::En);
        assert_eq!(
            Expected::Whole.say(&quoted, Lang::En),
            "`120%` (the cell holds 1.2) is not a whole number, such as 60"
        );
        // No format, or one that shows the value as it reads: as before.
        assert_eq!(
            quoted_as_shown("1.2", &Value::Number(1.2), None, Lang::Zh),
            "`1.2`"
        );
        let plain = NumFmt::Code("General".into());
        assert_eq!(
            quoted_as_shown("1.2", &Value::Number(1.2), Some(&plain), Lang::Zh),
            "`1.2`"
        );
        // A locale's own date format is not guessed at.
        let locale_date = NumFmt::Builtin(14);
        assert_eq!(
            quoted_as_shown("1.2", &Value::Number(1.2), Some(&locale_date), Lang::Zh),
            "`1.2`（单元格存的值；按其数字格式显示的可能不同）"
        );
    }

    #[test]
    fn values_of_the_wrong_type_say_what_is_expected() {
        let mandatory = column("drill", "mandatory");
        let expected = read_cell(mandatory, &Value::Text("必须".into())).unwrap_err();
        assert_eq!(
            expected.say("`必须`", Lang::En),
            "`必须` is not TRUE or FALSE (also 是 or 否)"
        );
        assert_eq!(
            expected.say("`必须`", Lang::Zh),
            "`必须` 不是 TRUE 或 FALSE（也可写 是 或 否）"
        );
        assert!(read_cell(mandatory, &Value::Text("是".into())).is_ok());
        let duration = column("drill", "duration");
        assert!(read_cell(duration, &Value::Text("an hour".into())).is_err());
        assert!(read_cell(duration, &Value::Number(60.5)).is_err());
        let pin = column("pin", "start");
        assert!(read_cell(pin, &Value::Text("2017-06-19".into())).is_err());
        assert!(read_cell(pin, &Value::Text("2017-06-19 08:00".into())).is_ok());
        assert!(read_cell(column("venue", "hours"), &Value::Text("9-18".into())).is_err());
    }

    #[test]
    fn a_plan_name_gives_its_year_when_it_names_one() {
        assert_eq!(year_in_name("蓝湖市2027年应急演练周"), Some(2027));
        assert_eq!(year_in_name("Drill week 2027"), Some(2027));
        assert_eq!(year_in_name("2027年第2批"), Some(2027));
        assert_eq!(year_in_name("2026-2027 两年计划"), None);
        assert_eq!(year_in_name("第12345号"), None);
        assert_eq!(year_in_name("应急演练周"), None);
    }
}
