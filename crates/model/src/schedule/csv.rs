//! The schedule CSV of `docs/schedule-format.md`: UTF-8 with a BOM (unless asked
//! not to), RFC 4180 with CRLF, formula-safe text cells, one row per drill.
//! Read back as a spreadsheet saves it again (GB18030, LF, `8:00`,
//! `2027/6/19`, `TRUE`): a planner's re-saved file is the same schedule.

use super::{Entry, Schedule};
use crate::diagnostics::{InputError, Problem, ProblemKind};
use crate::lang::Lang;
use crate::scenario::time::{parse_hhmm, weekday_label, HhMm, MINUTES_PER_DAY};
use crate::scenario::{DrillId, Scenario, TeamId};
use crate::words;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

pub const HEADER: [&str; 18] = [
    "drill_id",
    "drill_name",
    "venue_id",
    "venue_name",
    "district",
    "kind",
    "sector",
    "date",
    "weekday",
    "start",
    "end",
    "duration_min",
    "teams",
    "team_names",
    "priority",
    "mandatory",
    "status",
    "reason",
];

const BOM: &[u8] = b"\xEF\xBB\xBF";
/// A schedule file larger than this is no schedule of a plan drillplan accepts.
pub const MAX_SCHEDULE_BYTES: u64 = 256 * 1024 * 1024;
/// More rows than any published plan could have (the largest scenario
/// drillplan accepts has 200 000 drills); reading stops at the first extra row,
/// so a runaway export costs neither time nor memory.
pub const MAX_SCHEDULE_ROWS: usize = 250_000;

/// The characters a spreadsheet reads a cell starting with as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether a cell, past any apostrophes it starts with, starts a formula:
/// such a cell gets (or, written by us, has) one more `'` in front. Counting
/// the cell's own apostrophes makes the escape reversible: a name `'=x`
/// is written `''=x` and read back as `'=x`, not as `=x`.
fn looks_escaped(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_START)
}

/// Prefixes `'` to a cell a spreadsheet would run as a formula, and to a
/// cell that would otherwise read back as such an escape.
pub fn formula_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    if looks_escaped(cell) {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// Undoes `formula_safe`: drops one `'` standing before a formula
/// character, apostrophes between them included.
pub fn formula_unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if looks_escaped(rest) => rest,
        _ => cell,
    }
}

/// The one writer of drillplan's CSV files (the schedule, the diff, the
/// rosters): UTF-8 with a BOM unless asked not to, RFC 4180 with CRLF, and
/// every cell formula-safe.
pub struct CsvOut {
    writer: ::csv::Writer<Vec<u8>>,
}

impl CsvOut {
    pub fn new(bom: bool) -> Self {
        let start = if bom { BOM.to_vec() } else { Vec::new() };
        CsvOut {
            writer: ::csv::WriterBuilder::new()
                .terminator(::csv::Terminator::CRLF)
                .from_writer(start),
        }
    }

    pub fn record<C: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = C>) {
        let safe = cells
            .into_iter()
            .map(|c| formula_safe(c.as_ref()).into_owned());
        // Writing to memory cannot fail; the csv crate only reports I/O errors here.
        self.writer
            .write_record(safe)
            .expect("writing CSV to memory");
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.writer.into_inner().expect("writing CSV to memory")
    }
}

/// The file's bytes for `schedule`.
pub fn to_bytes(scenario: &Scenario, schedule: &Schedule, bom: bool) -> Vec<u8> {
    let mut out = CsvOut::new(bom);
    out.record(HEADER);
    for drill in row_order(scenario, schedule) {
        let reason = schedule.reasons[drill.index()]
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default();
        out.record(
            expected_row(
                scenario,
                drill,
                schedule.placement(drill).map(|p| {
                    let date = scenario.date(p.day);
                    (
                        date,
                        p.start,
                        super::canonical_teams(scenario, drill, &p.teams),
                    )
                }),
                &reason,
            )
            .cells(),
        );
    }
    out.into_bytes()
}

/// Scheduled drills by (date, start, venue id, drill id), then unscheduled
/// ones by (priority descending, drill id).
pub fn row_order(scenario: &Scenario, schedule: &Schedule) -> Vec<DrillId> {
    let mut scheduled: Vec<DrillId> = scenario
        .drill_ids()
        .filter(|&d| schedule.placement(d).is_some())
        .collect();
    let mut unscheduled: Vec<DrillId> = scenario
        .drill_ids()
        .filter(|&d| schedule.placement(d).is_none())
        .collect();
    scheduled.sort_by(|&a, &b| {
        let (pa, pb) = (
            schedule.placement(a).unwrap(),
            schedule.placement(b).unwrap(),
        );
        let (da, db) = (scenario.drill(a), scenario.drill(b));
        (pa.day, pa.start, &scenario.venue(da.venue).id, &da.id).cmp(&(
            pb.day,
            pb.start,
            &scenario.venue(db.venue).id,
            &db.id,
        ))
    });
    unscheduled.sort_by(|&a, &b| {
        let (da, db) = (scenario.drill(a), scenario.drill(b));
        db.priority
            .cmp(&da.priority)
            .then_with(|| da.id.cmp(&db.id))
    });
    scheduled.extend(unscheduled);
    scheduled
}

/// One row of the schedule file, its columns by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Row {
    pub drill_id: String,
    pub drill_name: String,
    pub venue_id: String,
    pub venue_name: String,
    pub district: String,
    pub kind: String,
    pub sector: String,
    pub date: String,
    pub weekday: String,
    pub start: String,
    pub end: String,
    pub duration_min: String,
    pub teams: String,
    pub team_names: String,
    pub priority: String,
    pub mandatory: String,
    pub status: String,
    pub reason: String,
}

impl Row {
    /// The cells in the order of `HEADER`.
    pub fn cells(&self) -> [&str; 18] {
        [
            &self.drill_id,
            &self.drill_name,
            &self.venue_id,
            &self.venue_name,
            &self.district,
            &self.kind,
            &self.sector,
            &self.date,
            &self.weekday,
            &self.start,
            &self.end,
            &self.duration_min,
            &self.teams,
            &self.team_names,
            &self.priority,
            &self.mandatory,
            &self.status,
            &self.reason,
        ]
    }

    /// The team ids of the `teams` cell, in the file's order. A planner who
    /// types `t0; t1` in a spreadsheet, or `t0；t1` with a Chinese input
    /// method, means t0 and t1: an id has neither spaces nor `；`, so they
    /// are read as the separator's.
    pub fn team_ids(&self) -> impl Iterator<Item = &str> {
        self.teams
            .split([';', '；'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
    }

    pub fn status(&self) -> Status {
        Status::of(&self.status)
    }
}

/// The `status` cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Scheduled,
    Unscheduled,
    /// `Scheduled`, `UNSCHEDULED`: what a spreadsheet's autocorrect makes of
    /// the word; or the workbook's word for it, `已安排` / `未安排`, typed by
    /// a planner who reads the workbook's 状态 column.
    WrongCase(bool),
    Unknown,
}

impl Status {
    fn of(cell: &str) -> Status {
        match cell {
            "scheduled" => Status::Scheduled,
            "unscheduled" => Status::Unscheduled,
            c if c.eq_ignore_ascii_case("scheduled") => Status::WrongCase(true),
            c if c.eq_ignore_ascii_case("unscheduled") => Status::WrongCase(false),
            c if c.trim() == "已安排" => Status::WrongCase(true),
            c if c.trim() == "未安排" => Status::WrongCase(false),
            _ => Status::Unknown,
        }
    }
}

/// The row the writer gives `drill`, scheduled on `(date, start, teams)`
/// or left out for `reason`.
pub fn expected_row(
    scenario: &Scenario,
    id: DrillId,
    placed: Option<(NaiveDate, u32, Vec<TeamId>)>,
    reason: &str,
) -> Row {
    let drill = scenario.drill(id);
    let venue = scenario.venue(drill.venue);
    let mut row = Row {
        drill_id: drill.id.clone(),
        drill_name: drill.name.clone(),
        venue_id: venue.id.clone(),
        venue_name: venue.name.clone(),
        district: scenario.districts[venue.district.index()].id.clone(),
        kind: drill.kind_written.clone(),
        sector: drill.sector_written.clone(),
        duration_min: drill.duration.to_string(),
        priority: drill.priority.to_string(),
        mandatory: drill.is_required().to_string(),
        ..Row::default()
    };
    match placed {
        Some((date, start, teams)) => {
            let join = |f: fn(&crate::scenario::Team) -> &str| {
                teams
                    .iter()
                    .map(|&t| f(scenario.team(t)))
                    .collect::<Vec<_>>()
                    .join(";")
            };
            row.date = date.format("%Y-%m-%d").to_string();
            row.weekday = weekday_label(date).to_string();
            row.start = HhMm(start).to_string();
            row.end = HhMm(start + drill.duration).to_string();
            row.teams = join(|t| &t.id);
            row.team_names = join(|t| &t.name);
            row.status = "scheduled".into();
        }
        None => {
            row.status = "unscheduled".into();
            row.reason = match reason {
                "" => "not scheduled".into(),
                reason => reason.into(),
            };
        }
    }
    row
}

/// Reads a schedule file for `scenario`: one entry (or none) per drill.
pub fn read(scenario: &Scenario, path: &std::path::Path) -> Result<Vec<Option<Entry>>, InputError> {
    let text = read_text(path)?;
    parse(scenario, &path.display().to_string(), &text)
}

/// A schedule file's text, as the spreadsheet that last saved it encoded it:
/// UTF-8 with or without a BOM, or GB18030 (Excel's and WPS's plain "CSV"
/// on Chinese Windows).
pub fn read_text(path: &std::path::Path) -> Result<String, InputError> {
    read_text_in(path, Lang::En)
}

/// `read_text`, a problem with the file itself told in `lang`.
pub fn read_text_in(path: &std::path::Path, lang: Lang) -> Result<String, InputError> {
    let bytes = crate::scenario::read_bytes_in(path, MAX_SCHEDULE_BYTES, lang)?;
    decode_in(&path.display().to_string(), &bytes, lang)
}

/// UTF-8 (a BOM dropped) when the bytes are UTF-8, else GB18030; bytes that
/// are neither are refused rather than read with replacement characters,
/// which would turn every name into a mismatch.
pub fn decode(label: &str, bytes: &[u8]) -> Result<String, InputError> {
    decode_in(label, bytes, Lang::En)
}

/// `decode`, its refusal told in `lang`.
pub fn decode_in(label: &str, bytes: &[u8], lang: Lang) -> Result<String, InputError> {
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(body) {
        return Ok(text.to_string());
    }
    // UTF-16 with its byte-order mark (Excel's "Unicode text"): the mark
    // says what it is, so it is read, not refused as neither UTF-8 nor GB18030.
    for (mark, encoding) in [
        (&b"\xFF\xFE"[..], encoding_rs::UTF_16LE),
        (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE),
    ] {
        if let Some(rest) = bytes.strip_prefix(mark) {
            let (text, had_errors) = encoding.decode_without_bom_handling(rest);
            if !had_errors {
                return Ok(text.into_owned());
            }
        }
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(body);
    if had_errors {
        let valid =
            std::str::from_utf8(&body[..std::str::from_utf8(body).unwrap_err().valid_up_to()])
                .unwrap_or_default();
        let (line, col) = crate::diagnostics::line_col(valid, valid.len());
        return Err(InputError::single(
            label,
            ProblemKind::Unreadable,
            "file",
            crate::words!(lang,
                en: "neither UTF-8 nor GB18030 text (first bad byte at line {line}, column {col}); \
                     save the file as \"CSV UTF-8\"",
                zh: "既不是 UTF-8 也不是 GB18030 文本（第 {line} 行第 {col} 列起无法识别）；\
                     请另存为“CSV UTF-8”"),
        ));
    }
    Ok(text.into_owned())
}

/// A cell as a spreadsheet re-saves it, in the contract's own form when it
/// is unambiguously the same value; `None` when it is not recognised (the
/// strict reader then says what is wrong with it).
pub mod spreadsheet {
    use chrono::{Datelike, NaiveDate};

    /// `2027-06-19`, `2027/6/19`, `2027.6.19`, `2027年6月19日`, with a
    /// midnight time after it (`2027/6/19 0:00`); `6/19/2027` or
    /// `19/6/2027` only where the other reading is no date.
    pub fn date(cell: &str) -> Option<String> {
        let t = half_width(cell);
        let t = t.trim();
        let t = ["00:00:00", "0:00:00", "00:00", "0:00"]
            .iter()
            .find_map(|m| t.strip_suffix(m).map(str::trim_end))
            .filter(|d| !d.is_empty())
            .unwrap_or(t);
        // Chinese Excel's long date with its weekday (`2017年6月19日星期一`,
        // `2017/6/19 周一`): the weekday must be the date's own.
        let (t, weekday) = weekday_after(t);
        let ymd = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
            .iter()
            .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
            .filter(|d| weekday.is_none_or(|w| d.weekday() == w));
        let date = ymd.or_else(|| {
            let mdy = NaiveDate::parse_from_str(t, "%m/%d/%Y").ok();
            let dmy = NaiveDate::parse_from_str(t, "%d/%m/%Y").ok();
            match (mdy, dmy) {
                (Some(a), Some(b)) if a != b => None,
                (a, b) => a.or(b),
            }
        })?;
        // chrono's `%Y` takes `17` as the year 17: a date shown with a
        // two-digit year (`6/19/17`, `17-6-19`) is no date in this form,
        // and `two_digit_year` says which date it likely is.
        four_digit_year(t).then(|| date.format("%Y-%m-%d").to_string())
    }

    /// A date's text without a Chinese weekday after it, and that weekday.
    fn weekday_after(text: &str) -> (&str, Option<chrono::Weekday>) {
        use chrono::Weekday::*;
        let days = [Mon, Tue, Wed, Thu, Fri, Sat, Sun];
        for (i, name) in ["一", "二", "三", "四", "五", "六", "日"]
            .iter()
            .enumerate()
        {
            for prefix in ["星期", "周"] {
                if let Some(date) = text.strip_suffix(&format!("{prefix}{name}")) {
                    return (date.trim_end(), Some(days[i]));
                }
            }
        }
        if let Some(date) = text.strip_suffix("星期天") {
            return (date.trim_end(), Some(Sun));
        }
        (text, None)
    }

    /// Whether a date's text writes its year with four digits: one run of
    /// four digits, every other run one or two.
    fn four_digit_year(text: &str) -> bool {
        let runs: Vec<usize> = text
            .split(|c: char| !c.is_ascii_digit())
            .filter(|run| !run.is_empty())
            .map(str::len)
            .collect();
        runs.iter().filter(|&&n| n == 4).count() == 1
            && runs.iter().all(|&n| n == 4 || (1..=2).contains(&n))
    }

    /// A date shown with a two-digit year (`6/19/17` or `19/6/17` under a
    /// short date format, `17-6-19`, `17/6/19`), read in the century of
    /// `century_of`: each date it could be, for the caller to keep those
    /// in the plan. Not read as the date itself, since the same text is
    /// another date in another order.
    pub fn two_digit_year(cell: &str, century_of: i32) -> Vec<NaiveDate> {
        let t = half_width(cell);
        let parts: Vec<&str> = t.trim().split(['/', '-', '.']).collect();
        let [a, b, c] = parts.as_slice() else {
            return Vec::new();
        };
        let number = |s: &str| -> Option<u32> {
            ((1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (Some(a), Some(b), Some(c)) = (number(a), number(b), number(c)) else {
            return Vec::new();
        };
        let year = |yy: u32| century_of - century_of.rem_euclid(100) + yy as i32;
        let mut dates: Vec<NaiveDate> = [
            NaiveDate::from_ymd_opt(year(c), a, b),
            NaiveDate::from_ymd_opt(year(c), b, a),
            NaiveDate::from_ymd_opt(year(a), b, c),
        ]
        .into_iter()
        .flatten()
        .collect();
        dates.sort();
        dates.dedup();
        dates
    }

    /// The date a spreadsheet's day number stands for: days since
    /// 1899-12-30, the epoch Excel, WPS and Calc share for every date after
    /// February 1900. What a date cell shows once its format is lost.
    pub fn serial_date(days: i64) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(1899, 12, 30)?
            .checked_add_signed(chrono::TimeDelta::try_days(days)?)
    }

    /// A date typed without its year, as planners write one in the drill week:
    /// `6月21日` (or `6月21号`), `6/21`, `6-21`, each optionally followed by a
    /// time (`6月21日 9:00`, `6/21 09:00`). The month, the day and the time
    /// (`HH:MM`) if any; `None` for anything else, a full date included.
    pub fn month_day_time(text: &str) -> Option<(u32, u32, Option<String>)> {
        let t = text.trim();
        let number = |s: &str| -> Option<u32> {
            let s = s.trim();
            ((1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (month, rest) = match t.split_once('月') {
            Some((m, rest)) => (number(m)?, rest),
            None => {
                let end = t.find(char::is_whitespace).unwrap_or(t.len());
                let (date, time) = t.split_at(end);
                let (m, d) = date.split_once('/').or_else(|| date.split_once('-'))?;
                let time = time.trim();
                let time = match time.is_empty() {
                    true => None,
                    false => Some(self::time(time)?),
                };
                return Some((number(m)?, number(d)?, time));
            }
        };
        let at = rest.find(['日', '号'])?;
        let day = number(&rest[..at])?;
        let time = rest[at..].chars().skip(1).collect::<String>();
        let time = time.trim();
        let time = match time.is_empty() {
            true => None,
            false => Some(self::time(time)?),
        };
        Some((month, day, time))
    }

    /// A month and day without a year as a schedule cell holds one (`6月21日`,
    /// `6月21`, `6/21`, `06-21`, `6.21`, full-width `０６／２１`), no time
    /// after it: `(month, day)` of a day some year has.
    pub fn month_day(cell: &str) -> Option<(u32, u32)> {
        let t = half_width(cell).trim().replacen('.', "/", 1);
        let t = match t.contains('月') && !t.ends_with(['日', '号']) {
            true => format!("{t}日"),
            false => t,
        };
        let (m, d, time) = month_day_time(&t)?;
        let real = NaiveDate::from_ymd_opt(2000, m, d).is_some();
        (time.is_none() && real).then_some((m, d))
    }

    /// Digits and the separators of dates and times as a Chinese input
    /// method types them in full-width mode (`９：００`, `２０２７／６／２１`),
    /// as the ASCII ones the cell shows the planner: the same value.
    fn half_width(cell: &str) -> String {
        cell.chars()
            .map(|c| match c {
                '０'..='９' | '：' | '／' | '－' | '．' | '\u{3000}' => {
                    crate::diagnostics::narrowed(c)
                }
                c => c,
            })
            .collect()
    }

    /// `8:00`, `08:00:00`, `8:00 AM`, `08:00:00 PM`, `上午8:00`, `下午2:00`,
    /// `2:00 下午`, `8时45分`, full-width `９：００` as `HH:MM`; seconds must be zero (a schedule is
    /// in whole minutes).
    pub fn time(cell: &str) -> Option<String> {
        let t = half_width(cell);
        let t = t.trim();
        let upper = t.to_ascii_uppercase();
        let (body, pm) = if let Some(b) = upper.strip_suffix("AM") {
            (b.trim_end().to_string(), Some(false))
        } else if let Some(b) = upper.strip_suffix("PM") {
            (b.trim_end().to_string(), Some(true))
        } else if let Some(b) = t.strip_prefix("上午") {
            (b.trim_start().to_string(), Some(false))
        } else if let Some(b) = t.strip_prefix("下午") {
            (b.trim_start().to_string(), Some(true))
        } else if let Some(b) = t.strip_suffix("上午") {
            (b.trim_end().to_string(), Some(false))
        } else if let Some(b) = t.strip_suffix("下午") {
            (b.trim_end().to_string(), Some(true))
        } else {
            (t.to_string(), None)
        };
        // Chinese Excel's and Calc's `h"时"mm"分"` time format: `8时45分`.
        let body = match body.strip_suffix('分').and_then(|hm| hm.split_once('时')) {
            Some((h, m)) => format!("{h}:{m}"),
            None => body,
        };
        let parts: Vec<&str> = body.split(':').collect();
        let digits = |p: &str, lens: std::ops::RangeInclusive<usize>| {
            lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
        };
        let ok = match parts.as_slice() {
            [h, m] => digits(h, 1..=2) && digits(m, 2..=2),
            [h, m, s] => digits(h, 1..=2) && digits(m, 2..=2) && *s == "00",
            _ => false,
        };
        if !ok {
            return None;
        }
        let mut h: u32 = parts[0].parse().ok()?;
        let m: u32 = parts[1].parse().ok()?;
        match pm {
            Some(_) if !(1..=12).contains(&h) => return None,
            Some(false) if h == 12 => h = 0,
            Some(true) if h < 12 => h += 12,
            _ => {}
        }
        Some(format!("{h:02}:{m:02}"))
    }

    /// TRUE / FALSE in any case, 是 / 否, 1 / 0 as `true` / `false`.
    pub fn boolean(cell: &str) -> Option<&'static str> {
        match cell.trim().to_lowercase().as_str() {
            "true" | "是" | "1" => Some("true"),
            "false" | "否" | "0" => Some("false"),
            _ => None,
        }
    }

    /// What a seconds field says when it is not zero, for the message.
    pub fn seconds(cell: &str) -> Option<&str> {
        let t = cell
            .trim()
            .trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ' ');
        let mut parts = t.split(':');
        let (_, _, s) = (parts.next()?, parts.next()?, parts.next()?);
        (s.len() == 2 && s != "00" && s.bytes().all(|b| b.is_ascii_digit())).then_some(s)
    }
}

/// A row as the contract writes it, from the forms a spreadsheet gives the
/// same values when it re-saves the file (see `spreadsheet`).
fn contract_forms(row: &mut Row) {
    if let Some(d) = spreadsheet::date(&row.date) {
        row.date = d;
    }
    if let Some(t) = spreadsheet::time(&row.start) {
        row.start = t;
    }
    if let Some(t) = spreadsheet::time(&row.end) {
        // A drill ending at midnight ends at 24:00; a spreadsheet shows the
        // time 24:00 as 00:00 of the next day, and no drill ends at 00:00.
        row.end = if t == "00:00" { "24:00".into() } else { t };
    }
    if let Some(b) = spreadsheet::boolean(&row.mandatory) {
        row.mandatory = b.into();
    }
}

/// The data rows of a schedule file as `(line, cells)`, formula escapes
/// removed. Anything that is not the contract's CSV (not CSV, a wrong
/// header, a row of the wrong width, no header at all, more than `max_rows`
/// data rows) is an error.
pub fn rows(
    label: &str,
    text: &str,
    max_rows: usize,
) -> Result<Vec<(usize, Vec<String>)>, InputError> {
    rows_in(label, text, max_rows, Lang::En)
}

/// `rows`, its problems told in `lang`.
pub fn rows_in(
    label: &str,
    text: &str,
    max_rows: usize,
    lang: Lang,
) -> Result<Vec<(usize, Vec<String>)>, InputError> {
    rows_read(label, text, max_rows, lang, NoteRows::AreRows).map(|(rows, _)| rows)
}

/// A file's data rows `(line, row)`, and its note rows `(line, text)`.
pub type TypedRowsAndNotes = (Vec<(usize, Row)>, Vec<(usize, String)>);

/// A file's data rows `(line, cells)`, and its note rows `(line, text)`.
type RowsAndNotes = (Vec<(usize, Vec<String>)>, Vec<(usize, String)>);

/// What a row with text in its first cell alone is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NoteRows {
    /// A row as any other (too short, or naming no drill).
    AreRows,
    /// A note the planner typed under or between the rows (`备注：…`),
    /// set aside with its line for the reader to judge.
    SetAside,
}

/// A row whose first cell alone holds text: a planner's note, never a
/// drill's row (which has its status at least).
fn is_note(cells: &[String]) -> bool {
    cells.first().is_some_and(|c| !c.trim().is_empty())
        && cells[1..].iter().all(|c| c.trim().is_empty())
}

fn rows_read(
    label: &str,
    text: &str,
    max_rows: usize,
    lang: Lang,
    note_rows: NoteRows,
) -> Result<RowsAndNotes, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |line: usize, field: &str, message: String| InputError {
        path: label.to_string(),
        source: std::sync::Arc::new(String::new()),
        problems: vec![Problem {
            kind: ProblemKind::WrongFormat,
            field: field.to_string(),
            message,
            help: None,
            span: None,
            line_col: Some((line, 1)),
            cell: None,
        }],
        notes: Vec::new(),
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut notes = Vec::new();
    let mut saw_header = false;
    // Whether the header had empty cells past the contract's columns.
    let mut blank_tail = false;
    // Lines are counted forward from the previous record, so a long file
    // costs one pass, not one pass per row.
    let mut counted = (0usize, 1usize);
    for (i, record) in reader.records().enumerate() {
        // With CRLF ends the csv crate places a record at the previous line's
        // `\n`; step over line ends before counting.
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 1, |p| {
                let start = text.as_bytes()[p.byte() as usize..]
                    .iter()
                    .position(|b| !matches!(b, b'\r' | b'\n'))
                    .map_or(text.len(), |skip| p.byte() as usize + skip);
                let (from, line) = counted;
                let start = start.max(from);
                let newlines = text.as_bytes()[from..start].iter().filter(|&&b| b == b'\n');
                counted = (start, line + newlines.count());
                counted.1
            });
        let record = record.map_err(|e| {
            fail(
                line,
                "(row)",
                words!(lang, en: "not CSV: {e}", zh: "不是 CSV 文本：{e}"),
            )
        })?;
        let mut cells: Vec<String> = record
            .iter()
            .map(|c| formula_unescape(c).to_string())
            .collect();
        // Columns past the contract's with no header and nothing in them
        // (`reason,` and `…,`: Excel saves them for a cell beyond the table
        // once formatted or cleared) are no column the planner sees. A
        // value under no header is one, and refused at its line.
        if cells.len() > HEADER.len() && (i == 0 || blank_tail) {
            let tail = &cells[HEADER.len()..];
            match tail.iter().position(|c| !c.trim().is_empty()) {
                None => {
                    blank_tail |= i == 0 && cells[..HEADER.len()] == HEADER;
                    if blank_tail {
                        cells.truncate(HEADER.len());
                    }
                }
                Some(k) if i > 0 => {
                    let (n, value) = (HEADER.len() + k + 1, tail[k].trim().to_string());
                    return Err(fail(
                        line,
                        "(row)",
                        words!(lang,
                            en: "column {n} holds `{value}`, but the column has no header and is not the contract's; clear it, or delete the column in the spreadsheet",
                            zh: "第 {n} 列有值 `{value}`，但该列没有表头，不是契约的列；请在表格中清除此值，或删除此列"),
                    ));
                }
                Some(_) => {}
            }
        }
        if i == 0 {
            if cells != HEADER {
                let (message, columns) = header_mismatch(&cells, lang);
                let mut e = fail(line, "(header)", message);
                let n = HEADER.len();
                e.problems[0].help = columns.then(|| words!(lang,
                    en: "a schedule keeps the {n} columns drillplan wrote, in their order, from `drill_id` to `reason`; put back a column deleted or moved in the spreadsheet, or use the file `solve` wrote",
                    zh: "排程须保留 drillplan 写出的 {n} 列及其顺序（从 `drill_id` 到 `reason`）；在表格中删除或移动的列请恢复，或改用 `solve` 写出的文件"));
                return Err(e);
            }
            saw_header = true;
            continue;
        }
        // A spreadsheet saves the empty rows below a table as `,,,,`.
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if note_rows == NoteRows::SetAside && is_note(&cells) {
            notes.push((line, cells[0].trim().to_string()));
            continue;
        }
        if out.len() == max_rows {
            return Err(fail(
                line,
                "(row)",
                words!(lang,
                    en: "more than {max_rows} rows; a schedule has at most one row per drill",
                    zh: "超过 {max_rows} 行；排程每项演练至多一行"),
            ));
        }
        if cells.len() != HEADER.len() {
            return Err(fail(line, "(row)", {
                let (n, h) = (cells.len(), HEADER.len());
                words!(lang, en: "has {n} cells, the header has {h}", zh: "此行有 {n} 格，表头有 {h} 格")
            }));
        }
        out.push((line, cells));
    }
    if !saw_header {
        return Err(fail(
            1,
            "(header)",
            words!(lang,
                en: "the file is empty; a schedule starts with its header row",
                zh: "文件为空；排程以表头行开始"),
        ));
    }
    Ok((out, notes))
}

/// What differs between a first line and the contract's header, by column:
/// the whole header quoted back is too long to show, and a planner who
/// deleted `team_names` in a spreadsheet must be told that, not shown the
/// 18 names to compare. `false` with a message about the whole file (not
/// comma-separated), which no column put back would mend.
fn header_mismatch(cells: &[String], lang: Lang) -> (String, bool) {
    let names = |list: Vec<&str>| {
        list.iter()
            .map(|c| format!("`{c}`"))
            .collect::<Vec<_>>()
            .join(words!(lang, en: ", ", zh: "、").as_str())
    };
    let missing: Vec<&str> = HEADER
        .iter()
        .copied()
        .filter(|h| !cells.iter().any(|c| c == h))
        .collect();
    // Excel's "Unicode text" and "CSV" in a European locale separate the
    // same header with tabs or semicolons: one cell holding all the names.
    if let [one] = cells {
        let tabs = one.contains('\t');
        if one.contains("drill_id") && (tabs || one.contains(';')) {
            let message = match tabs {
                true => words!(lang,
                    en: "the columns are separated by tabs (a \"Unicode text\" or \"Text\" file), not commas; save the file as \"CSV UTF-8 (comma delimited)\"",
                    zh: "各列以制表符分隔（“Unicode 文本”或“文本文件”），不是逗号；请另存为“CSV UTF-8（逗号分隔）”"),
                false => words!(lang,
                    en: "the columns are separated by semicolons, not commas; save the file as \"CSV UTF-8 (comma delimited)\"",
                    zh: "各列以分号分隔，不是逗号；请另存为“CSV UTF-8（逗号分隔）”"),
            };
            return (message, false);
        }
    }
    if missing.len() == HEADER.len() {
        let message = words!(lang,
            en: "the first line is not a schedule's header (it has none of `drill_id`, `date`, `start`, ...); this is not a schedule CSV drillplan wrote",
            zh: "第一行不是排程的表头（没有 `drill_id`、`date`、`start` 等列）；这不是 drillplan 写出的排程 CSV");
        return (message, false);
    }
    let extra: Vec<&str> = cells
        .iter()
        .map(String::as_str)
        .filter(|c| !c.trim().is_empty() && !HEADER.contains(c))
        .collect();
    let mut parts = Vec::new();
    if !missing.is_empty() {
        let list = names(missing);
        parts.push(words!(lang, en: "the column(s) {list} are missing", zh: "缺少列 {list}"));
    }
    if !extra.is_empty() {
        let list = names(extra);
        parts.push(
            words!(lang, en: "the column(s) {list} are not the contract's", zh: "多出列 {list}"),
        );
    }
    if parts.is_empty() {
        // Every column is there: moved, or one of them twice.
        if let Some((n, (want, got))) = HEADER
            .iter()
            .zip(cells.iter())
            .enumerate()
            .find(|(_, (h, c))| *h != c)
        {
            let n = n + 1;
            parts.push(words!(lang,
                en: "column {n} must be `{want}`, not `{got}` (the columns are in another order)",
                zh: "第 {n} 列应为 `{want}`，此处为 `{got}`（列的顺序与契约不同）"));
        } else {
            let (n, h) = (cells.len(), HEADER.len());
            parts.push(words!(lang,
                en: "the header has {n} cells, the contract's {h}",
                zh: "表头有 {n} 格，契约的表头有 {h} 格"));
        }
    }
    (parts.join(words!(lang, en: "; ", zh: "；").as_str()), true)
}

/// The id of `ids` that `id` is with its leading zeros dropped, as a
/// spreadsheet opening a CSV turns the number `00123` into `123`.
fn zeros_dropped<'a>(id: &str, mut ids: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(id) {
        return None;
    }
    ids.find(|i| {
        i.len() > id.len() && digits(i) && i.trim_start_matches('0') == id.trim_start_matches('0')
    })
}

/// Parses schedule text (a BOM already stripped or not): one entry (or none)
/// per drill. Every row must belong to the scenario and every drill have one.
pub fn parse(
    scenario: &Scenario,
    label: &str,
    text: &str,
) -> Result<Vec<Option<Entry>>, InputError> {
    parse_rows(scenario, label, &read_rows(label, text)?)
}

/// The data rows of a schedule file, by column name, with their lines.
pub fn read_rows(label: &str, text: &str) -> Result<Vec<(usize, Row)>, InputError> {
    read_rows_in(label, text, Lang::En)
}

/// `read_rows`, its problems told in `lang`.
pub fn read_rows_in(label: &str, text: &str, lang: Lang) -> Result<Vec<(usize, Row)>, InputError> {
    let rows = rows_in(label, text, MAX_SCHEDULE_ROWS, lang)?;
    typed_rows(label, rows)
}

/// `read_rows_in`, with the rows that hold text in their first cell alone
/// (a planner's note, `备注：周三如遇大风顺延`) set aside as `(line, text)`
/// instead of read as rows: the reader, which knows the scenario, says
/// whether it is a note to skip or a drill's row emptied by mistake.
pub fn read_rows_and_notes_in(
    label: &str,
    text: &str,
    lang: Lang,
) -> Result<TypedRowsAndNotes, InputError> {
    let (rows, notes) = rows_read(label, text, MAX_SCHEDULE_ROWS, lang, NoteRows::SetAside)?;
    Ok((typed_rows(label, rows)?, notes))
}

fn typed_rows(
    label: &str,
    rows: Vec<(usize, Vec<String>)>,
) -> Result<Vec<(usize, Row)>, InputError> {
    let header = ::csv::StringRecord::from(HEADER.to_vec());
    rows.into_iter()
        .map(|(line, cells)| {
            ::csv::StringRecord::from(cells)
                .deserialize::<Row>(Some(&header))
                .map(|mut row| {
                    contract_forms(&mut row);
                    (line, row)
                })
                .map_err(|e| {
                    InputError::single(label, ProblemKind::WrongFormat, "(row)", e.to_string())
                })
        })
        .collect()
}

/// One entry (or none) per drill from rows already read; every row must
/// belong to the scenario and every drill have one.
pub fn parse_rows(
    scenario: &Scenario,
    label: &str,
    rows: &[(usize, Row)],
) -> Result<Vec<Option<Entry>>, InputError> {
    parse_rows_in(scenario, label, rows, Lang::En)
}

/// `parse_rows`, its problems told in `lang`.
pub fn parse_rows_in(
    scenario: &Scenario,
    label: &str,
    rows: &[(usize, Row)],
    lang: Lang,
) -> Result<Vec<Option<Entry>>, InputError> {
    let mut problems = Vec::new();
    let mut problem = |kind: ProblemKind, line: usize, field: &str, message: String| {
        problems.push(Problem {
            kind,
            field: field.to_string(),
            message,
            help: None,
            span: None,
            // The header is fixed, so the column at fault is known: a
            // planner counting columns in a spreadsheet finds the cell.
            line_col: Some((line, column_of(field))),
            cell: None,
        });
    };
    let mut entries: Vec<Option<Entry>> = vec![None; scenario.drills.len()];
    let mut seen = vec![false; scenario.drills.len()];
    for (line, row) in rows {
        let line = *line;
        let Some(drill) = scenario.find_drill(&row.drill_id) else {
            problem(ProblemKind::UnknownReference, line, "drill_id", {
                let id = &row.drill_id;
                let ids = scenario.drills.iter().map(|d| d.id.as_str());
                let trimmed = id.trim();
                match zeros_dropped(id, ids) {
                    // A space typed or pasted around the id is not seen in the cell.
                    _ if trimmed != id && scenario.find_drill(trimmed).is_some() => words!(lang,
                        en: "the scenario has no drill `{id}`: a space before or after the id; is it `{trimmed}`? Delete the space",
                        zh: "情景中没有演练 `{id}`：编号前后多了空格；是否为 `{trimmed}`？请删去空格"),
                    Some(meant) => words!(lang,
                        en: "the scenario has no drill `{id}` (is it `{meant}`? Excel and WPS drop the leading zeros of a number when they open a CSV)",
                        zh: "情景中没有演练 `{id}`（是否为 `{meant}`？Excel、WPS 打开 CSV 时会去掉数字编号前面的 0）"),
                    None => {
                        words!(lang, en: "the scenario has no drill `{id}`", zh: "情景中没有演练 `{id}`")
                    }
                }
            });
            continue;
        };
        if std::mem::replace(&mut seen[drill.index()], true) {
            problem(ProblemKind::DuplicateId, line, "drill_id", {
                let id = &row.drill_id;
                words!(lang, en: "drill `{id}` has a second row", zh: "演练 `{id}` 有第二行")
            });
            continue;
        }
        match row.status() {
            Status::Unscheduled => {}
            Status::Scheduled => match parse_entry_in(scenario, row, lang) {
                Ok(entry) => entries[drill.index()] = Some(entry),
                Err((field, message)) => problem(ProblemKind::BadValue, line, field, message),
            },
            Status::WrongCase(scheduled) => problem(ProblemKind::BadValue, line, "status", {
                let status = &row.status;
                let word = if scheduled {
                    "scheduled"
                } else {
                    "unscheduled"
                };
                words!(lang,
                        en: "`{status}` is written `{word}` in the schedule CSV (its status is `scheduled` or `unscheduled`)",
                        zh: "`{status}` 在排程 CSV 中应写作 `{word}`（status 列只认 `scheduled` 或 `unscheduled`）")
            }),
            Status::Unknown => problem(ProblemKind::BadValue, line, "status", {
                let status = &row.status;
                words!(lang,
                        en: "`{status}` is neither `scheduled` nor `unscheduled`",
                        zh: "`{status}` 既不是 `scheduled` 也不是 `unscheduled`")
            }),
        }
    }
    if !rows.is_empty() && !seen.contains(&true) {
        // Not one row is of this scenario: a schedule of another scenario
        // (or the scenario of another plan), which a row-by-row list of
        // unknown ids would only bury.
        return Err(another_scenarios_schedule(scenario, label, rows, lang));
    }
    let missing: Vec<&str> = scenario
        .drill_ids()
        .filter(|d| !seen[d.index()])
        .map(|d| scenario.drill(d).id.as_str())
        .collect();
    if !missing.is_empty() {
        let shown = missing
            .iter()
            .take(10)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        problem(ProblemKind::MissingField, 1, "drill_id", {
            let n = missing.len();
            words!(lang,
                    en: "{n} drill(s) of the scenario have no row: {shown}",
                    zh: "情景中有 {n} 项演练在排程中没有对应行：{shown}")
        });
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(InputError {
            path: label.to_string(),
            source: std::sync::Arc::new(String::new()),
            problems,
            notes: Vec::new(),
        })
    }
}

/// One problem for a schedule none of whose rows names a drill of the
/// scenario, with a few ids of each side so the planner sees the mix-up.
fn another_scenarios_schedule(
    scenario: &Scenario,
    label: &str,
    rows: &[(usize, Row)],
    lang: Lang,
) -> InputError {
    let few = |ids: &mut dyn Iterator<Item = &str>| {
        let shown: Vec<String> = ids.take(2).map(|id| format!("`{id}`")).collect();
        shown.join(match lang {
            Lang::En => ", ",
            Lang::Zh => "、",
        })
    };
    let (n, theirs) = (
        rows.len(),
        few(&mut rows.iter().map(|(_, r)| r.drill_id.as_str())),
    );
    let ours = few(&mut scenario.drills.iter().map(|d| d.id.as_str()));
    let mut problem = Problem {
        kind: ProblemKind::UnknownReference,
        field: "drill_id".to_string(),
        message: words!(lang,
            en: "none of the {n} rows names a drill of the scenario (the rows have {theirs}, ...)",
            zh: "排程的 {n} 行中没有一行是此情景的演练（各行为 {theirs} 等）"),
        help: Some(words!(lang,
            en: "is this the schedule of another scenario? The scenario's drills are {ours}, ...; give the scenario this schedule was made for, or solve this one",
            zh: "是否用错了情景或排程？此情景的演练为 {ours} 等；请给出生成此排程的情景，或先求解此情景")),
        span: None,
        line_col: Some((rows[0].0, column_of("drill_id"))),
        cell: None,
    };
    if scenario.drills.is_empty() {
        problem.help = None;
    }
    InputError {
        path: label.to_string(),
        source: std::sync::Arc::new(String::new()),
        problems: vec![problem],
        notes: Vec::new(),
    }
}

/// The 1-based column of `field` in the schedule's fixed header; 1 for a
/// problem about the whole row.
fn column_of(field: &str) -> usize {
    HEADER.iter().position(|h| *h == field).map_or(1, |i| i + 1)
}

/// The entry a scheduled row states; the column at fault otherwise.
pub fn parse_entry(scenario: &Scenario, row: &Row) -> Result<Entry, (&'static str, String)> {
    parse_entry_in(scenario, row, Lang::En)
}

/// `0.375` as `09:00`: a time of day a spreadsheet shows as a number, when
/// it is a whole minute.
fn fraction_of_day(cell: &str) -> Option<String> {
    let cell = cell.trim();
    let x: f64 = cell.parse().ok().filter(|_| cell.contains('.'))?;
    let day = f64::from(MINUTES_PER_DAY);
    let minutes = x * day;
    ((0.0..=day).contains(&minutes) && (minutes - minutes.round()).abs() < 0.01)
        .then(|| HhMm(minutes.round() as u32).to_string())
}

/// A date or time cleared on a row still `scheduled`: what a planner does
/// to take a drill out in the spreadsheet, leaving its status.
fn empty_in_scheduled_row(lang: Lang) -> String {
    words!(lang,
        en: "empty, but the row's status is `scheduled`; to take the drill out, set its status to \
             `unscheduled` (and leave date, start, end and teams empty)",
        zh: "为空，但此行的 status 仍是 `scheduled`；要取消此演练，请把 status 改为 `unscheduled`\
             （日期、时间和队伍留空）")
}

/// `parse_entry`, the fault told in `lang`.
pub fn parse_entry_in(
    scenario: &Scenario,
    row: &Row,
    lang: Lang,
) -> Result<Entry, (&'static str, String)> {
    let four_digit_year = row.date.split('-').next().is_some_and(|y| y.len() == 4);
    let parsed = NaiveDate::parse_from_str(&row.date, "%Y-%m-%d")
        .ok()
        .filter(|_| four_digit_year);
    let date = parsed.ok_or_else(|| {
        let date = &row.date;
        // A month and day alone is a date with its year left out: the
        // planner is shown the plan's date it would be, to type in full
        // (read as it stands it could be any year's).
        let in_plan = spreadsheet::month_day(date).and_then(|(m, d)| {
            let meant = NaiveDate::from_ymd_opt(scenario.start.year(), m, d)?;
            (scenario.day_of(meant).is_some()).then_some(meant)
        });
        // A two-digit year (`6/19/17`, a short date format) read as it
        // stands is the year 17; the plan's day it would be is named when
        // only one of its readings is one.
        let short_year = || {
            let days: Vec<NaiveDate> = spreadsheet::two_digit_year(date, scenario.start.year())
                .into_iter()
                .filter(|d| scenario.day_of(*d).is_some())
                .collect();
            (days.len() == 1).then(|| days[0])
        };
        // A date column the spreadsheet turned to numbers shows each date's
        // serial (`42905`, days from 1899-12-30).
        let serial = date
            .trim()
            .parse::<u32>()
            .ok()
            .and_then(|n| spreadsheet::serial_date(n.into()))
            .filter(|d| scenario.day_of(*d).is_some());
        let message = match (in_plan, short_year()) {
            _ if date.trim().is_empty() => empty_in_scheduled_row(lang),
            _ if serial.is_some() => {
                let meant = serial.expect("a serial in the plan");
                words!(lang,
                    en: "`{date}` is a date shown as a number (the column is formatted as numbers); is it {meant}? \
                         Format the column as a date YYYY-MM-DD",
                    zh: "`{date}` 是显示成数字的日期（该列被设成了数字格式）；是否为 {meant}？请把该列设为日期格式 YYYY-MM-DD")
            }
            (Some(meant), _) => words!(lang,
                en: "`{date}` has no year; is it {meant}? Type the year too (YYYY-MM-DD, as {meant})",
                zh: "`{date}` 没有年份；是否为 {meant}？请连年份一起填写（YYYY-MM-DD，如 {meant}）"),
            (None, Some(meant)) => words!(lang,
                en: "`{date}` has a two-digit year; is it {meant}? Show the year in four digits \
                     (format the column as YYYY-MM-DD, as {meant})",
                zh: "`{date}` 的年份只有两位；是否为 {meant}？请让年份显示为四位\
                     （把该列设为日期格式 YYYY-MM-DD，如 {meant}）"),
            (None, None) => words!(lang,
                en: "`{date}` is not a date (YYYY-MM-DD, as 2027-06-19 or 2027/6/19)",
                zh: "`{date}` 不是日期（YYYY-MM-DD，如 2027-06-19 或 2027/6/19）"),
        };
        ("date", message)
    })?;
    let time = |cell: &str, end: bool| {
        parse_hhmm(cell, end).map_err(|m| match spreadsheet::seconds(cell) {
            _ if cell.trim().is_empty() => empty_in_scheduled_row(lang),
            // A time column turned to numbers shows each time as a fraction
            // of the day (`0.375` for 09:00).
            _ if fraction_of_day(cell).is_some() => {
                let meant = fraction_of_day(cell).expect("a fraction of the day");
                words!(lang,
                    en: "`{cell}` is a time shown as a number (the column is formatted as numbers); is it {meant}? \
                         Format the column as a time HH:MM",
                    zh: "`{cell}` 是显示成数字的时刻（该列被设成了数字格式）；是否为 {meant}？请把该列设为时间格式 HH:MM")
            }
            Some(s) => words!(lang,
                en: "`{cell}` is {s} seconds past the minute; a schedule's times are whole minutes (HH:MM)",
                zh: "`{cell}` 多出 {s} 秒；排程的时刻以整分钟计（HH:MM）"),
            None => m.say(lang),
        })
    };
    let start = time(&row.start, false).map_err(|m| ("start", m))?;
    let end = time(&row.end, true).map_err(|m| ("end", m))?;
    let mut teams = Vec::new();
    for id in row.team_ids() {
        teams.push(scenario.find_team(id).ok_or_else(|| {
            let ids = scenario.teams.iter().map(|t| t.id.as_str());
            (
                "teams",
                match zeros_dropped(id, ids) {
                    Some(meant) => words!(lang,
                        en: "the scenario has no team `{id}` (is it `{meant}`? Excel and WPS drop the leading zeros of a number when they open a CSV)",
                        zh: "情景中没有队伍 `{id}`（是否为 `{meant}`？Excel、WPS 打开 CSV 时会去掉数字编号前面的 0）"),
                    None => words!(lang,
                        en: "the scenario has no team `{id}`",
                        zh: "情景中没有队伍 `{id}`"),
                },
            )
        })?);
    }
    Ok(Entry {
        date,
        start,
        end,
        teams,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_round_trip() {
        for cell in [
            "=SUM(A1)",
            "+1",
            "-x",
            "@cmd",
            "\tx",
            "\rx",
            "'quoted",
            "'=x",
            "''+y",
            "'@",
            "'-",
            "'",
            "''",
            "plain",
            "克拉玛依",
            "",
        ] {
            assert_eq!(formula_unescape(&formula_safe(cell)), cell);
        }
        assert_eq!(formula_safe("=1+1"), "'=1+1");
        assert_eq!(formula_safe("a=1"), "a=1");
        assert_eq!(formula_safe("'=1"), "''=1");
        // What earlier releases wrote still reads the same.
        assert_eq!(formula_unescape("'=1"), "=1");
        assert_eq!(formula_unescape("'quoted"), "'quoted");
    }

    #[test]
    fn spreadsheet_forms_of_the_same_values() {
        for cell in [
            "2027-06-19",
            "2027/6/19",
            "2027/06/19",
            "2027年6月19日",
            "2027/6/19 0:00",
            "6/19/2027",
            "19/6/2027",
        ] {
            assert_eq!(
                spreadsheet::date(cell).as_deref(),
                Some("2027-06-19"),
                "{cell}"
            );
        }
        for cell in [
            "2027年6月19日星期六",
            "2027年6月19日 星期六",
            "2027/6/19 周六",
        ] {
            assert_eq!(
                spreadsheet::date(cell).as_deref(),
                Some("2027-06-19"),
                "{cell}"
            );
        }
        // A weekday that is not the date's: which one did the planner mean?
        assert_eq!(spreadsheet::date("2027年6月19日星期一"), None);
        // A two-digit year is no year 17 (what chrono's `%Y` makes of it).
        for cell in ["6/19/17", "19/6/17", "17-6-19", "17/06/19", "2027-6-190"] {
            assert_eq!(spreadsheet::date(cell), None, "{cell}");
        }
        // Both readings are dates, and different ones.
        assert_eq!(spreadsheet::date("6/7/2027"), None);
        assert_eq!(spreadsheet::date("7/7/2027").as_deref(), Some("2027-07-07"));
        for (cell, want) in [
            ("08:00", "08:00"),
            ("8:00", "08:00"),
            ("08:00:00", "08:00"),
            ("08:00:00 AM", "08:00"),
            ("8:00 am", "08:00"),
            ("12:15:00 AM", "00:15"),
            ("12:15 PM", "12:15"),
            ("02:30:00 PM", "14:30"),
            ("下午2:30", "14:30"),
            ("上午 9:45", "09:45"),
            ("8:45 上午", "08:45"),
            ("2:30 下午", "14:30"),
            ("8时45分", "08:45"),
            ("下午2时30分", "14:30"),
        ] {
            assert_eq!(spreadsheet::time(cell).as_deref(), Some(want), "{cell}");
        }
        for cell in [
            "08:00:30",
            "13:00 PM",
            "8",
            "8:0",
            "08:00:00:00",
            "soon",
            "",
        ] {
            assert_eq!(spreadsheet::time(cell), None, "{cell}");
        }
        assert_eq!(spreadsheet::seconds("08:00:30 AM"), Some("30"));
        assert_eq!(spreadsheet::seconds("08:00:00"), None);
        for (cell, want) in [
            ("TRUE", "true"),
            ("False", "false"),
            ("是", "true"),
            ("否", "false"),
        ] {
            assert_eq!(spreadsheet::boolean(cell), Some(want), "{cell}");
        }
        assert_eq!(spreadsheet::boolean("maybe"), None);
    }

    /// A Chinese input method in full-width mode types `９：００`; the cell
    /// shows the planner 9:00, and 9:00 is what is read.
    #[test]
    fn full_width_digits_and_separators_are_the_same_values() {
        for (cell, want) in [
            ("９：００", "09:00"),
            ("8：45", "08:45"),
            ("下午２：３０", "14:30"),
        ] {
            assert_eq!(spreadsheet::time(cell).as_deref(), Some(want), "{cell}");
        }
        for cell in [
            "２０２７／６／１９",
            "２０２７－０６－１９",
            "2027年６月１９日",
        ] {
            assert_eq!(
                spreadsheet::date(cell).as_deref(),
                Some("2027-06-19"),
                "{cell}"
            );
        }
        assert_eq!(spreadsheet::time("９：００：３０"), None);
    }

    /// Excel's "Unicode text" is UTF-16 with tabs: read as UTF-16, then
    /// refused for its tabs with the format to save as, not as no header.
    #[test]
    fn a_unicode_text_file_is_told_by_its_tabs() {
        let header = HEADER.join("\t");
        let mut bytes = vec![0xFF, 0xFE];
        for unit in format!("{header}\r\n").encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let text = decode("s.csv", &bytes).unwrap();
        assert!(text.starts_with("drill_id\tdrill_name"));
        let e = rows_in("s.csv", &text, 10, Lang::Zh).unwrap_err();
        assert!(e.problems[0].message.starts_with("各列以制表符分隔"), "{e}");
        assert_eq!(e.problems[0].help, None);
        let semi = format!("{}\r\n", HEADER.join(";"));
        let e = rows_in("s.csv", &semi, 10, Lang::En).unwrap_err();
        assert!(
            e.problems[0].message.contains("separated by semicolons"),
            "{e}"
        );
    }

    /// A date typed without its year names the plan's date it would be,
    /// for the planner to type in full; one outside the plan, or no date
    /// at all, is told the form.
    #[test]
    fn a_date_without_its_year_is_refused_with_the_plans_date() {
        assert_eq!(spreadsheet::month_day("6月21日"), Some((6, 21)));
        assert_eq!(spreadsheet::month_day("０６／２１"), Some((6, 21)));
        assert_eq!(spreadsheet::month_day("6.21"), Some((6, 21)));
        assert_eq!(spreadsheet::month_day("2月30日"), None);
        assert_eq!(spreadsheet::month_day("周三"), None);
        let scenario = crate::scenario::parse(
            "s.toml",
            "[plan]\nname = \"p\"\nstart = 2027-06-19\nend = 2027-06-25\n",
        )
        .unwrap();
        let row = |date: &str| Row {
            date: date.into(),
            start: "09:00".into(),
            end: "10:00".into(),
            ..Row::default()
        };
        let said = |date: &str| parse_entry_in(&scenario, &row(date), Lang::Zh).unwrap_err();
        assert_eq!(
            said("6月21日"),
            ("date", "`6月21日` 没有年份；是否为 2027-06-21？请连年份一起填写（YYYY-MM-DD，如 2027-06-21）".to_string())
        );
        assert!(said("7月21日").1.contains("不是日期"), "outside the plan");
        // A short date format's two-digit year, read as it stands, is the
        // year 27: refused at its cell with the plan's day it would be.
        for cell in ["6/21/27", "21/6/27", "27-6-21", "27/6/21"] {
            assert_eq!(
                said(cell),
                ("date", format!("`{cell}` 的年份只有两位；是否为 2027-06-21？请让年份显示为四位（把该列设为日期格式 YYYY-MM-DD，如 2027-06-21）"))
            );
        }
        assert!(said("27-06-21").1.contains("年份只有两位"));
        assert!(said("7/21/27").1.contains("不是日期"), "outside the plan");
        // A column the spreadsheet turned to numbers.
        assert!(
            said("46559").1.contains("是否为 2027-06-21？"),
            "{:?}",
            said("46559")
        );
        let numbered = Row {
            start: "0.375".into(),
            ..row("2027-06-21")
        };
        assert!(parse_entry_in(&scenario, &numbered, Lang::Zh)
            .unwrap_err()
            .1
            .contains("是否为 09:00？"));
        // Cleared to take the drill out, its status left `scheduled`.
        assert_eq!(
            said(""),
            ("date", "为空，但此行的 status 仍是 `scheduled`；要取消此演练，请把 status 改为 `unscheduled`（日期、时间和队伍留空）".to_string())
        );
        let cleared = Row {
            start: String::new(),
            ..row("2027-06-21")
        };
        assert_eq!(
            parse_entry_in(&scenario, &cleared, Lang::Zh).unwrap_err().0,
            "start"
        );
        assert!(parse_entry_in(&scenario, &cleared, Lang::En)
            .unwrap_err()
            .1
            .starts_with("empty, but the row's status is `scheduled`"));
        assert!(said("明天").1.contains("不是日期"));
    }

    #[test]
    fn gb18030_and_utf8_read_alike() {
        let text = "drill_id,drill_name\r\nd1,克拉玛依消防演练\r\n";
        let (gb, _, bad) = encoding_rs::GB18030.encode(text);
        assert!(!bad);
        assert_eq!(decode("s.csv", &gb).unwrap(), text);
        let mut bom = BOM.to_vec();
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode("s.csv", &bom).unwrap(), text);
        assert!(decode("s.csv", b"d1,\x81\x20").is_err());
    }
}
