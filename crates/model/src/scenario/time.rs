//! Wall-clock primitives of the contract: `HH:MM-HH:MM` windows and day selectors.
//!
//! Times are `Minute`s from 00:00, and `HhMm` writes them back:
//!
//! ```
//! use drillplan_model::scenario::time::{parse_hhmm, parse_window, HhMm, MINUTES_PER_DAY};
//!
//! let window = parse_window("08:30-24:00").unwrap();
//! assert_eq!((window.start, window.end), (8 * 60 + 30, MINUTES_PER_DAY));
//! assert_eq!(window.len(), 930);
//! assert!(window.contains(9 * 60, 10 * 60));
//! assert_eq!(window.to_string(), "08:30-24:00");
//! assert_eq!(HhMm(7 * 60 + 5).to_string(), "07:05");
//!
//! // 24:00 ends a window; it never starts one.
//! assert_eq!(parse_hhmm("24:00", true), Ok(MINUTES_PER_DAY));
//! assert!(parse_hhmm("24:00", false).is_err());
//! assert!(parse_window("12:00-08:00").is_err());
//! ```

use crate::lang::Lang;
use chrono::{Datelike, NaiveDate, Weekday};
use std::fmt;

/// Minutes from 00:00 of some day; `1440` is `24:00`.
pub type Minute = u32;

pub const MINUTES_PER_DAY: Minute = 1440;

/// A daily time window `[start, end]` with `start < end`, both within one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Window {
    pub start: Minute,
    pub end: Minute,
}

impl Window {
    /// Whether `[start, end]` lies inside this window.
    pub fn contains(&self, start: Minute, end: Minute) -> bool {
        self.start <= start && end <= self.end
    }

    pub fn len(&self) -> Minute {
        self.end - self.start
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", HhMm(self.start), HhMm(self.end))
    }
}

/// Formats minutes from midnight as `HH:MM` (`24:00` for 1440).
///
/// ```
/// use drillplan_model::scenario::time::HhMm;
///
/// assert_eq!(format!("{}", HhMm(0)), "00:00");
/// assert_eq!(format!("{}", HhMm(13 * 60 + 45)), "13:45");
/// assert_eq!(format!("{}", HhMm(1440)), "24:00");
/// ```
pub struct HhMm(pub Minute);

impl fmt::Display for HhMm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// Why a text is not a time of day or a window; told in a planner's
/// language by `say`, since the same readers serve the scenario, the
/// schedule and `--set`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TimeError {
    /// Not `HH:MM` at all.
    NotTime(String),
    /// `HH:MM`, but past 23:59 (or past 24:00 for an end).
    OutOfRange { text: String, end: bool },
    /// No `-` between two times.
    NotWindow(String),
    /// A window whose end is not after its start.
    Backwards(String),
}

impl TimeError {
    /// The message in `lang`.
    ///
    /// ```
    /// use drillplan_model::lang::Lang;
    /// use drillplan_model::scenario::time::parse_window;
    ///
    /// let e = parse_window("8-18").unwrap_err();
    /// assert_eq!(e.say(Lang::En), "`8` is not a time of day HH:MM");
    /// assert_eq!(e.say(Lang::Zh), "`8` 不是时刻 HH:MM");
    /// ```
    pub fn say(&self, lang: Lang) -> String {
        match self {
            TimeError::NotTime(text) => crate::words!(lang,
                en: "`{text}` is not a time of day HH:MM",
                zh: "`{text}` 不是时刻 HH:MM"),
            TimeError::OutOfRange { text, end: false } => crate::words!(lang,
                en: "`{text}` is out of range (00:00 to 23:59)",
                zh: "`{text}` 超出范围（00:00 至 23:59）"),
            TimeError::OutOfRange { text, end: true } => crate::words!(lang,
                en: "`{text}` is out of range (00:00 to 23:59, or 24:00 as an end)",
                zh: "`{text}` 超出范围（00:00 至 23:59；结束时刻可为 24:00）"),
            TimeError::NotWindow(text) => crate::words!(lang,
                en: "`{text}` is not a window \"HH:MM-HH:MM\"",
                zh: "`{text}` 不是时段 \"HH:MM-HH:MM\""),
            TimeError::Backwards(text) => crate::words!(lang,
                en: "window `{text}` must start before it ends",
                zh: "时段 `{text}` 的开始须早于结束"),
        }
    }
}

/// Parses `HH:MM`; `24:00` only when `allow_midnight_end`.
pub fn parse_hhmm(text: &str, allow_midnight_end: bool) -> Result<Minute, TimeError> {
    let bad = || TimeError::NotTime(text.to_string());
    let (h, m) = text.split_once(':').ok_or_else(bad)?;
    if h.len() != 2 || m.len() != 2 || !h.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if m > 59 || h > 24 || (h == 24 && (m != 0 || !allow_midnight_end)) {
        return Err(TimeError::OutOfRange {
            text: text.to_string(),
            end: allow_midnight_end,
        });
    }
    Ok(h * 60 + m)
}

/// Parses a window `"HH:MM-HH:MM"` with start < end.
pub fn parse_window(text: &str) -> Result<Window, TimeError> {
    let (a, b) = text
        .split_once('-')
        .ok_or_else(|| TimeError::NotWindow(text.to_string()))?;
    let start = parse_hhmm(a.trim(), false)?;
    let end = parse_hhmm(b.trim(), true)?;
    if start >= end {
        return Err(TimeError::Backwards(text.to_string()));
    }
    Ok(Window { start, end })
}

/// One item of a day selector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayItem {
    Weekday(Weekday),
    Date(NaiveDate),
}

pub fn parse_weekday(text: &str) -> Option<Weekday> {
    Some(match text {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// Whether a day selector selects `date`: its weekday or the date itself is listed.
///
/// ```
/// use chrono::{NaiveDate, Weekday};
/// use drillplan_model::scenario::time::{parse_weekday, selects, DayItem};
///
/// let monday = NaiveDate::from_ymd_opt(2017, 6, 19).unwrap();
/// let tuesday = monday.succ_opt().unwrap();
/// let days = [DayItem::Weekday(parse_weekday("mon").unwrap()), DayItem::Date(tuesday)];
/// assert!(selects(&days, monday) && selects(&days, tuesday));
/// assert!(!selects(&[DayItem::Weekday(Weekday::Sun)], monday));
/// ```
pub fn selects(items: &[DayItem], date: NaiveDate) -> bool {
    items.iter().any(|item| match item {
        DayItem::Weekday(w) => *w == date.weekday(),
        DayItem::Date(d) => *d == date,
    })
}

/// `Mon` ... `Sun`, as the schedule CSV writes weekdays.
pub fn weekday_label(date: NaiveDate) -> &'static str {
    match date.weekday() {
        Weekday::Mon => "Mon",
        Weekday::Tue => "Tue",
        Weekday::Wed => "Wed",
        Weekday::Thu => "Thu",
        Weekday::Fri => "Fri",
        Weekday::Sat => "Sat",
        Weekday::Sun => "Sun",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_parse_and_reject() {
        assert_eq!(
            parse_window("08:30-12:00"),
            Ok(Window {
                start: 510,
                end: 720
            })
        );
        assert_eq!(parse_window("18:00-24:00").unwrap().end, 1440);
        assert!(parse_window("12:00-12:00").is_err());
        assert!(parse_window("13:00-12:00").is_err());
        assert!(parse_window("24:00-24:00").is_err());
        assert!(parse_window("8:00-12:00").is_err());
        assert!(parse_window("08:60-12:00").is_err());
        assert!(parse_window("0800-1200").is_err());
        assert!(parse_window("08:00-24:01").is_err());
    }

    #[test]
    fn selector_matches_weekday_or_date() {
        let d = NaiveDate::from_ymd_opt(2017, 6, 19).unwrap(); // a Monday
        assert!(selects(&[DayItem::Weekday(Weekday::Mon)], d));
        assert!(!selects(&[DayItem::Weekday(Weekday::Tue)], d));
        assert!(selects(&[DayItem::Date(d)], d));
        assert_eq!(weekday_label(d), "Mon");
    }
}
