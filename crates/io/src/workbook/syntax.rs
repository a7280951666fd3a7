//! The one cell syntax for multi-valued cells, and TOML literals.
//!
//! Items are separated by commas (`,` `，` `、`), semicolons or line breaks;
//! spaces around items do not count. A need is a skill, optionally with a
//! count (`fire×2`, also `fire x2`, `fire*2`), or `team:ID` for one named
//! team; a single `-` is a drill that needs no team.

use chrono::{NaiveDate, NaiveDateTime};
use std::str::FromStr;

const SEPARATORS: [char; 6] = [',', '，', '、', ';', '；', '\n'];

/// The cell text of a list with no items (only `needs` has a use for one).
pub const NONE: &str = "-";

/// The items of a multi-valued cell, trimmed, empty ones dropped.
pub fn split_list(text: &str) -> Vec<&str> {
    text.split(SEPARATORS)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

/// Whether `item` reads back as itself inside a list cell.
pub fn is_list_item(item: &str) -> bool {
    !item.is_empty() && item.trim() == item && !item.contains(SEPARATORS)
}

/// A need as a cell states it; `count` is kept as text so that a bad count
/// reaches the validator (and its message) unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NeedCell {
    pub skill: Option<String>,
    pub team: Option<String>,
    pub count: Option<String>,
}

pub fn parse_need(item: &str) -> NeedCell {
    let (body, count) = split_count(item);
    let team = ["team:", "team：", "队伍:", "队伍："]
        .iter()
        .find_map(|p| strip_prefix_ignore_case(body, p))
        .map(|t| t.trim().to_string());
    NeedCell {
        skill: match (&team, body.is_empty()) {
            (None, false) => Some(body.to_string()),
            _ => None,
        },
        team,
        // `消防×２`: full-width digits, as a Chinese input method types them.
        count: count.map(|c| c.chars().map(narrow_digit).collect()),
    }
}

/// A full-width digit (`２`) as its ASCII digit; any other character as it is.
fn narrow_digit(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        c => c,
    }
}

/// An ASCII or a full-width digit.
fn is_digit(c: char) -> bool {
    narrow_digit(c).is_ascii_digit()
}

pub fn format_need(need: &NeedCell) -> String {
    let mut out = match (&need.skill, &need.team) {
        (Some(s), None) => s.clone(),
        (None, Some(t)) => format!("team:{t}"),
        _ => String::new(),
    };
    if let Some(c) = &need.count {
        out.push('×');
        out.push_str(c);
    }
    out
}

/// `fire×2` -> (`fire`, `2`). `×` and `*` (and the full-width `＊`) always
/// mark a count; `x` only before digits at the end, so that skill names may
/// contain it. The count written first, `2×消防` (as "two fire teams" is
/// said), is the same need: it was read as a skill `2` counted `消防` times,
/// and refused as a type error no planner could place.
fn split_count(item: &str) -> (&str, Option<&str>) {
    if let Some(i) = item.rfind(['×', '*', '＊']) {
        let mark = item[i..].chars().next().map_or(1, char::len_utf8);
        let (body, count) = (item[..i].trim(), item[i + mark..].trim());
        let digits = |t: &str| !t.is_empty() && t.chars().all(is_digit);
        if digits(body) && !count.is_empty() && !digits(count) {
            return (count, Some(body));
        }
        return (item[..i].trim_end(), Some(count));
    }
    let digits = item.trim_end_matches(is_digit);
    if digits.len() < item.len() {
        let before = digits.trim_end();
        if let Some(body) = before.strip_suffix(['x', 'X', 'ｘ', 'Ｘ']) {
            return (body.trim_end(), Some(item[digits.len()..].trim()));
        }
    }
    (item, None)
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// A weekday as the contract writes it, from `mon`, `Mon`, `monday`, `周一` or `星期一`.
pub fn weekday(text: &str) -> Option<&'static str> {
    const DAYS: [(&str, &str, &str); 7] = [
        ("mon", "monday", "一"),
        ("tue", "tuesday", "二"),
        ("wed", "wednesday", "三"),
        ("thu", "thursday", "四"),
        ("fri", "friday", "五"),
        ("sat", "saturday", "六"),
        ("sun", "sunday", "日"),
    ];
    let lower = text.to_lowercase();
    let chinese = lower
        .strip_prefix("周")
        .or_else(|| lower.strip_prefix("星期"));
    DAYS.iter()
        .find(|(short, long, zh)| {
            lower == *short
                || lower == *long
                || chinese == Some(zh)
                || (*zh == "日" && chinese == Some("天"))
        })
        .map(|d| d.0)
}

/// The Chinese label of a contract weekday (`mon` -> `周一`).
pub fn weekday_zh(day: &str) -> Option<&'static str> {
    let i = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .position(|d| *d == day)?;
    Some(["周一", "周二", "周三", "周四", "周五", "周六", "周日"][i])
}

/// A date or date-time typed as text, as a TOML literal: whatever TOML
/// accepts, and `2017/6/19`, `2017-06-19 08:00`, `2017年6月19日 8:00`.
pub fn stamp_literal(text: &str) -> Option<String> {
    let t = text.trim();
    if let Ok(mut dt) = toml::value::Datetime::from_str(t) {
        // TOML 1.1 lets seconds be left out; a file for any reader has them.
        if let Some(time) = &mut dt.time {
            time.second.get_or_insert(0);
        }
        return Some(dt.to_string());
    }
    const DATES: [&str; 2] = ["%Y/%m/%d", "%Y年%m月%d日"];
    const TIMES: [&str; 6] = [
        "%Y/%m/%d %H:%M",
        "%Y/%m/%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%Y年%m月%d日 %H:%M",
        "%Y年%m月%d日%H:%M",
    ];
    if let Some(d) = DATES
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
    {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    TIMES
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok())
        .map(|dt| dt.format("%Y-%m-%dT%H:%M:%S").to_string())
}

/// A date typed without its year (`6月21日 9:00`): the schedule CSV's
/// reader shares it (`csv::spreadsheet::month_day_time`).
pub use crate::schedule::csv::spreadsheet::month_day_time as month_day;

/// A TOML basic string.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML float literal that reads back as exactly `x`.
pub fn float_literal(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        format!("{x:?}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn need(skill: Option<&str>, team: Option<&str>, count: Option<&str>) -> NeedCell {
        NeedCell {
            skill: skill.map(Into::into),
            team: team.map(Into::into),
            count: count.map(Into::into),
        }
    }

    #[test]
    fn lists_split_on_any_comma() {
        assert_eq!(
            split_list("08:30-12:00, 15:30-19:00"),
            ["08:30-12:00", "15:30-19:00"]
        );
        assert_eq!(split_list("a，b、c; d\ne,,"), ["a", "b", "c", "d", "e"]);
        assert!(split_list(" ").is_empty());
    }

    #[test]
    fn needs_read_every_spelling_of_a_count() {
        for text in [
            "fire×2",
            "fire x2",
            "fire*2",
            "fire X 2",
            "fire × 2",
            "2×fire",
            "2 * fire",
            "fireＸ2",
            "fire＊2",
        ] {
            assert_eq!(
                parse_need(text),
                need(Some("fire"), None, Some("2")),
                "{text}"
            );
        }
        assert_eq!(parse_need("medical"), need(Some("medical"), None, None));
        assert_eq!(parse_need("box"), need(Some("box"), None, None));
        assert_eq!(parse_need("hazmat_x"), need(Some("hazmat_x"), None, None));
        assert_eq!(
            parse_need("team:leaders-obs"),
            need(None, Some("leaders-obs"), None)
        );
        assert_eq!(
            parse_need("队伍：obs×2"),
            need(None, Some("obs"), Some("2"))
        );
        assert_eq!(parse_need("×2"), need(None, None, Some("2")));
        assert_eq!(
            parse_need("fire×two"),
            need(Some("fire"), None, Some("two"))
        );
    }

    #[test]
    fn needs_format_and_read_back() {
        for n in [
            need(Some("fire"), None, Some("2")),
            need(Some("fire"), None, None),
            need(None, Some("obs"), None),
            need(None, Some("obs"), Some("2")),
        ] {
            assert_eq!(parse_need(&format_need(&n)), n);
        }
    }

    #[test]
    fn weekdays_in_both_languages() {
        assert_eq!(weekday("mon"), Some("mon"));
        assert_eq!(weekday("Sunday"), Some("sun"));
        assert_eq!(weekday("周三"), Some("wed"));
        assert_eq!(weekday("星期日"), Some("sun"));
        assert_eq!(weekday("周天"), Some("sun"));
        assert_eq!(weekday("monday!"), None);
        assert_eq!(weekday_zh("sat"), Some("周六"));
    }

    #[test]
    fn dates_without_a_year() {
        assert_eq!(month_day("6月21日"), Some((6, 21, None)));
        assert_eq!(month_day("6月21号"), Some((6, 21, None)));
        assert_eq!(month_day(" 06/21 "), Some((6, 21, None)));
        assert_eq!(month_day("6-21"), Some((6, 21, None)));
        assert_eq!(
            month_day("6月21日 9:00"),
            Some((6, 21, Some("09:00".into())))
        );
        assert_eq!(month_day("6/21 09:30"), Some((6, 21, Some("09:30".into()))));
        for not in [
            "2027-06-21",
            "2027/6/21",
            "6月",
            "周一",
            "mon-fri",
            "6/21 noon",
            "123/4",
        ] {
            assert_eq!(month_day(not), None, "{not}");
        }
    }

    #[test]
    fn dates_as_text() {
        assert_eq!(stamp_literal("2017-06-19").as_deref(), Some("2017-06-19"));
        assert_eq!(stamp_literal("2017/6/9").as_deref(), Some("2017-06-09"));
        assert_eq!(
            stamp_literal("2017-06-19 08:00").as_deref(),
            Some("2017-06-19T08:00:00")
        );
        assert_eq!(
            stamp_literal("2017年6月19日 8:30").as_deref(),
            Some("2017-06-19T08:30:00")
        );
        assert_eq!(
            stamp_literal("2017-06-19T08:00:00Z").as_deref(),
            Some("2017-06-19T08:00:00Z")
        );
        assert_eq!(stamp_literal("next monday"), None);
    }

    #[test]
    fn literals_read_back_exactly() {
        for s in ["克拉玛依", "a\"b\\c\nd\te\u{1}", ""] {
            let doc: toml::Table = toml::from_str(&format!("v = {}", quote(s))).unwrap();
            assert_eq!(doc["v"].as_str(), Some(s));
        }
        for x in [45.5951, 40.0, 1e300, -0.0, 1e-7, 0.1 + 0.2] {
            let doc: toml::Table = toml::from_str(&format!("v = {}", float_literal(x))).unwrap();
            assert_eq!(doc["v"].as_float().unwrap().to_bits(), x.to_bits());
        }
        let doc: toml::Table = toml::from_str("v = [nan, inf, -inf]").unwrap();
        assert!(doc["v"][0].as_float().unwrap().is_nan());
        assert_eq!(float_literal(f64::NEG_INFINITY), "-inf");
    }
}
