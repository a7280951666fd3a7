//! A cell's value as its number format shows it (`120%` for 1.2, `1,000`
//! for 1000, `6月19日` for a date), for a refusal to quote what the planner
//! sees rather than what the file stores. Only the formats planners apply
//! by hand are rendered: fixed decimals, thousands, percent, text around
//! the number, and dates and times. Any other (fractions, scientific,
//! conditions, Chinese numerals) is `Unknown`, and the refusal quotes the
//! stored value with the format's code.

use super::read::{NumFmt, Value};
use chrono::{Datelike, NaiveDate};

/// What a formatted cell shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// The text the spreadsheet shows.
    Text(String),
    /// A format this module does not render: its code, where it is the
    /// book's own (a built-in's index would tell the planner nothing).
    Unknown(Option<String>),
}

/// The code of one of Excel's built-in formats that show a value the same
/// in every locale; `None` for the locale's own (14, 22, ...) and unknown ids.
fn builtin(id: u16) -> Option<&'static str> {
    Some(match id {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        20 => "h:mm",
        21 => "h:mm:ss",
        49 => "@",
        _ => return None,
    })
}

/// What `value` shows under `format`; `None` when the format shows it as
/// the value itself reads (General, text), so there is nothing to add.
pub fn shown(value: &Value, format: &NumFmt) -> Option<Shown> {
    let code = match format {
        NumFmt::Builtin(id) => match builtin(*id) {
            Some(code) => code.to_string(),
            // Dates in the locale's own form (14, and 27 to 36 and 50 to
            // 58 in Chinese), which differ between Excel and WPS versions.
            None => return Some(Shown::Unknown(None)),
        },
        NumFmt::Code(code) => code.clone(),
    };
    let rendered = match value {
        Value::Number(x) => number(*x, &code),
        Value::Int(i) => number(*i as f64, &code),
        Value::Stamp(s) => {
            let (h, m, sec) = s.hms;
            stamp(s.date, (h.into(), m.into(), sec.into()), &code)
        }
        Value::Text(_) | Value::Bool(_) | Value::Error(_) => return None,
    };
    let raw = super::literal::as_text(value);
    match rendered {
        Some(text) if text == raw => None,
        Some(text) => Some(Shown::Text(text)),
        None if code.trim().eq_ignore_ascii_case("general") || code == "@" => None,
        None => Some(Shown::Unknown(Some(code))),
    }
}

/// What a number cell shows, where that is another number than it holds:
/// `100%` for 1, `60` for 60.4 under `0` (a number under a date format is
/// read as a date, and refused where a number is wanted). Thousands
/// separators and text around the number (`1,001`, `61分钟`) show the same
/// number. A format not rendered here says nothing (`None`).
pub fn shows_another_number(value: &Value, format: &NumFmt) -> Option<String> {
    let held = match value {
        Value::Number(x) => *x,
        Value::Int(i) => *i as f64,
        _ => return None,
    };
    let Some(Shown::Text(text)) = shown(value, format) else {
        return None;
    };
    let same = !text.contains('%')
        && first_number(&text).is_some_and(|n| (n - held).abs() <= 1e-9 * held.abs().max(1.0));
    (!same).then_some(text)
}

/// The first number written in `text`, thousands separators left out.
fn first_number(text: &str) -> Option<f64> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let negative = text[..start].ends_with('-');
    let digits: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',' || *c == '.')
        .filter(|&c| c != ',')
        .collect();
    let n: f64 = digits.parse().ok()?;
    Some(if negative { -n } else { n })
}

/// A format code's pieces: literal text and the characters that format.
#[derive(Debug, PartialEq)]
enum Piece {
    Literal(String),
    Code(char),
    /// `AM/PM`, `am/pm` or `上午/下午`: 12-hour time, and which half.
    Half(&'static str, &'static str),
}

/// The first section of `code` as pieces, or `None` for what is not
/// rendered here (a condition, a locale's numerals, several sections where
/// the value is negative).
fn pieces(code: &str, negative: bool) -> Option<Vec<Piece>> {
    let sections = split_sections(code);
    if negative && sections.len() > 1 {
        return None;
    }
    let section: Vec<char> = sections.first()?.chars().collect();
    let halves = [
        ("AM/PM", "AM", "PM"),
        ("am/pm", "am", "pm"),
        ("上午/下午", "上午", "下午"),
    ];
    let mut out = Vec::new();
    let mut i = 0;
    while i < section.len() {
        let rest: String = section[i..].iter().collect();
        if let Some((word, am, pm)) = halves.iter().find(|(w, ..)| rest.starts_with(w)) {
            out.push(Piece::Half(am, pm));
            i += word.chars().count();
            continue;
        }
        let c = section[i];
        i += 1;
        let until = |i: &mut usize, end: char| -> Option<String> {
            let start = *i;
            let len = section[start..].iter().position(|&c| c == end)?;
            *i = start + len + 1;
            Some(section[start..start + len].iter().collect())
        };
        match c {
            '"' => out.push(Piece::Literal(until(&mut i, '"')?)),
            '\\' => {
                out.push(Piece::Literal(section.get(i)?.to_string()));
                i += 1;
            }
            // Padding to the width of a character, and a fill.
            '_' => {
                section.get(i)?;
                i += 1;
                out.push(Piece::Literal(" ".into()));
            }
            '*' => {
                section.get(i)?;
                i += 1;
            }
            '[' => {
                let inner = until(&mut i, ']')?;
                if let Some(currency) = inner.strip_prefix('$') {
                    out.push(Piece::Literal(
                        currency.split('-').next().unwrap_or("").to_string(),
                    ));
                } else if !is_colour(&inner) {
                    // A condition (`[>100]`), numerals (`[DBNum1]`), elapsed time.
                    return None;
                }
            }
            c if c.is_ascii_alphanumeric() || "#?,.%@/".contains(c) => out.push(Piece::Code(c)),
            // `-`, `:`, spaces, `¥`, `年`: shown as they are.
            c => out.push(Piece::Literal(c.to_string())),
        }
    }
    Some(out)
}

fn is_colour(inner: &str) -> bool {
    let lower = inner.to_ascii_lowercase();
    [
        "black", "blue", "cyan", "green", "magenta", "red", "white", "yellow",
    ]
    .contains(&lower.as_str())
        || lower.starts_with("color")
}

/// The sections of a format code (`positive;negative;zero;text`), split
/// outside quotes.
fn split_sections(code: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut escaped = false;
    for c in code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            ';' if !quoted => {
                out.push(String::new());
                continue;
            }
            _ => {}
        }
        out.last_mut().expect("one section").push(c);
    }
    out
}

/// A number under a code of digits (`0`, `#,##0.00`, `0%`, `0"分钟"`).
fn number(x: f64, code: &str) -> Option<String> {
    if !x.is_finite() {
        return None;
    }
    let pieces = pieces(code, x < 0.0)?;
    let is_digit = |p: &Piece| matches!(p, Piece::Code('0' | '#' | '?'));
    let first = pieces.iter().position(is_digit)?;
    let last = pieces.iter().rposition(is_digit)?;
    let mut body = String::new();
    for p in &pieces[first..=last] {
        match p {
            Piece::Code(c @ ('0' | '#' | '?' | ',' | '.')) => body.push(*c),
            // Text inside the digits, a date part or an exponent: not here.
            _ => return None,
        }
    }
    let percents = pieces
        .iter()
        .filter(|p| matches!(p, Piece::Code('%')))
        .count();
    let letters = pieces.iter().any(|p| match p {
        Piece::Code(c) => c.is_ascii_alphabetic() || *c == '@' || *c == '/',
        Piece::Half(..) => true,
        Piece::Literal(_) => false,
    });
    // A comma after the last digit scales by a thousand: not here either.
    let scales = pieces[last..].iter().any(|p| matches!(p, Piece::Code(',')));
    if letters || scales || body.matches('.').count() > 1 {
        return None;
    }
    let (int_part, frac_part) = body.split_once('.').unwrap_or((&body, ""));
    let decimals = frac_part.chars().filter(|c| "0#?".contains(*c)).count();
    let min_frac = frac_part.chars().filter(|&c| c == '0').count();
    let grouped = int_part.contains(',');
    let min_int = int_part.chars().filter(|&c| c == '0').count();
    let scaled = x.abs() * 100f64.powi(percents as i32);
    // Excel rounds half away from zero.
    let factor = 10f64.powi(decimals as i32);
    let rounded = (scaled * factor).round() / factor;
    let text = format!("{rounded:.decimals$}");
    let (int_digits, mut frac_digits) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (text.clone(), String::new()),
    };
    while frac_digits.len() > min_frac && frac_digits.ends_with('0') {
        frac_digits.pop();
    }
    let mut int_digits = int_digits.trim_start_matches('0').to_string();
    while int_digits.len() < min_int {
        int_digits.insert(0, '0');
    }
    if grouped {
        let digits: Vec<char> = int_digits.chars().collect();
        let mut with = String::new();
        for (i, d) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                with.push(',');
            }
            with.push(*d);
        }
        int_digits = with;
    }
    let mut digits = int_digits;
    if !frac_digits.is_empty() || (decimals > 0 && frac_part.contains('0')) {
        digits.push('.');
        digits.push_str(&frac_digits);
    } else if frac_part.is_empty() && body.contains('.') {
        digits.push('.');
    }
    let mut out = String::new();
    if x < 0.0 && rounded != 0.0 {
        out.push('-');
    }
    for (i, p) in pieces.iter().enumerate() {
        match p {
            _ if i == first => out.push_str(&digits),
            _ if i > first && i <= last => {}
            Piece::Literal(t) => out.push_str(t),
            Piece::Code(c) => out.push(*c),
            Piece::Half(..) => return None,
        }
    }
    Some(out)
}

/// A date or a date-time under a code of dates and times (`yyyy-mm-dd`,
/// `m"月"d"日"`, `yyyy/m/d h:mm`, `上午/下午h"时"mm"分"`).
fn stamp(date: NaiveDate, (h, mi, s): (u32, u32, u32), code: &str) -> Option<String> {
    let pieces = pieces(code, false)?;
    let twelve = pieces.iter().any(|p| matches!(p, Piece::Half(..)));
    let letter = |p: &Piece| match p {
        Piece::Code(c) if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
        _ => None,
    };
    let mut out = String::new();
    let mut i = 0;
    // `m` after an hour or before seconds is minutes, else the month.
    let mut after_hour = false;
    while i < pieces.len() {
        let c = match &pieces[i] {
            Piece::Literal(t) => {
                out.push_str(t);
                i += 1;
                continue;
            }
            Piece::Half(am, pm) => {
                out.push_str(if h < 12 { am } else { pm });
                i += 1;
                continue;
            }
            Piece::Code(c) if !c.is_ascii_alphabetic() => {
                // `/` and `.` between a date's parts; digits are no date's.
                if !"/.,".contains(*c) {
                    return None;
                }
                out.push(*c);
                i += 1;
                continue;
            }
            p => letter(p)?,
        };
        let n = pieces[i..]
            .iter()
            .take_while(|p| letter(p) == Some(c))
            .count();
        let seconds_next = pieces[i + n..]
            .iter()
            .find_map(letter)
            .is_some_and(|l| l == 's');
        match c {
            'y' if n >= 3 => out.push_str(&format!("{:04}", date.year())),
            'y' => out.push_str(&format!("{:02}", date.year() % 100)),
            'm' if n <= 2 && (after_hour || seconds_next) => out.push_str(&pad(mi, n)),
            'm' if n <= 2 => out.push_str(&pad(date.month(), n)),
            'd' if n <= 2 => out.push_str(&pad(date.day(), n)),
            'h' if n <= 2 => {
                let hour = if twelve { (h + 11) % 12 + 1 } else { h };
                out.push_str(&pad(hour, n));
            }
            's' if n <= 2 => out.push_str(&pad(s, n)),
            // Names of weekdays and months, eras: not here.
            _ => return None,
        }
        after_hour = c == 'h';
        i += n;
    }
    Some(out)
}

fn pad(n: u32, width: usize) -> String {
    if width >= 2 {
        format!("{n:02}")
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::read::Stamp;

    fn code(value: Value, code: &str) -> Option<Shown> {
        shown(&value, &NumFmt::Code(code.into()))
    }

    fn text(s: &str) -> Option<Shown> {
        Some(Shown::Text(s.into()))
    }

    #[test]
    fn a_number_shown_as_another_is_told_from_one_only_dressed() {
        let percent = NumFmt::Builtin(9);
        assert_eq!(
            shows_another_number(&Value::Int(1), &percent),
            Some("100%".into())
        );
        assert_eq!(
            shows_another_number(&Value::Number(60.4), &NumFmt::Builtin(1)),
            Some("60".into())
        );
        for (value, code) in [
            (Value::Number(1001.0), "#,##0"),
            (Value::Int(61), "0\"分钟\""),
            (Value::Number(60.0), "0.00"),
            (Value::Int(-5), "0"),
            (Value::Int(7), "General"),
        ] {
            assert_eq!(
                shows_another_number(&value, &NumFmt::Code(code.into())),
                None,
                "{code}"
            );
        }
    }

    #[test]
    fn numbers_show_as_their_format_renders_them() {
        assert_eq!(
            shown(&Value::Number(1.2), &NumFmt::Builtin(9)),
            text("120%")
        );
        assert_eq!(shown(&Value::Number(0.5), &NumFmt::Builtin(9)), text("50%"));
        assert_eq!(
            shown(&Value::Number(0.125), &NumFmt::Builtin(10)),
            text("12.50%")
        );
        assert_eq!(
            shown(&Value::Number(1000.5), &NumFmt::Builtin(3)),
            text("1,001")
        );
        assert_eq!(
            shown(&Value::Number(1234567.0), &NumFmt::Builtin(4)),
            text("1,234,567.00")
        );
        assert_eq!(shown(&Value::Number(60.5), &NumFmt::Builtin(1)), text("61"));
        assert_eq!(code(Value::Number(60.5), "0\"分钟\""), text("61分钟"));
        assert_eq!(code(Value::Number(1.5), "0.0\"小时\""), text("1.5小时"));
        assert_eq!(code(Value::Number(-2.5), "0.00"), text("-2.50"));
        assert_eq!(code(Value::Number(45.0), "[Red]0.00"), text("45.00"));
        assert_eq!(code(Value::Number(3.0), "[$¥-804]#,##0.00"), text("¥3.00"));
        assert_eq!(code(Value::Number(0.5), "#.##"), text(".5"));
        // As the value reads: nothing to add.
        assert_eq!(code(Value::Number(60.0), "0"), None);
        assert_eq!(code(Value::Number(60.5), "General"), None);
        assert_eq!(shown(&Value::Number(60.5), &NumFmt::Builtin(49)), None);
        assert_eq!(code(Value::Text("60".into()), "0.00"), None);
    }

    #[test]
    fn formats_not_rendered_are_named_by_their_code() {
        for c in ["0.00E+00", "# ?/?", "[DBNum1]0", "[>100]0;0", "0.0,"] {
            assert_eq!(
                code(Value::Number(1.5), c),
                Some(Shown::Unknown(Some(c.into()))),
                "{c}"
            );
        }
        assert_eq!(
            code(Value::Number(-1.5), "0.0;(0.0)"),
            Some(Shown::Unknown(Some("0.0;(0.0)".into())))
        );
        assert_eq!(
            shown(&Value::Number(1.5), &NumFmt::Builtin(14)),
            Some(Shown::Unknown(None))
        );
    }

    #[test]
    fn dates_and_times_show_as_their_format_renders_them() {
        let at = |h, m| {
            Value::Stamp(Stamp {
                date: NaiveDate::from_ymd_opt(2017, 6, 19).unwrap(),
                hms: (h, m, 0),
                milli: 0,
                time_shown: true,
            })
        };
        assert_eq!(code(at(0, 0), "m\"月\"d\"日\""), text("6月19日"));
        assert_eq!(code(at(0, 0), "yyyy/m/d"), text("2017/6/19"));
        assert_eq!(code(at(0, 0), "yyyy-mm-dd"), None);
        assert_eq!(code(at(14, 5), "yyyy/m/d h:mm"), text("2017/6/19 14:05"));
        assert_eq!(
            code(at(14, 5), "yyyy-mm-dd hh:mm"),
            text("2017-06-19 14:05")
        );
        assert_eq!(code(at(14, 5), "h:mm AM/PM"), text("2:05 PM"));
        assert_eq!(
            code(at(9, 30), "上午/下午h\"时\"mm\"分\""),
            text("上午9时30分")
        );
        assert_eq!(
            code(at(0, 0), "dddd"),
            Some(Shown::Unknown(Some("dddd".into())))
        );
    }
}
