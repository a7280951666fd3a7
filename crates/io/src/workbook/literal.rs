//! A cell's content as the TOML literal a planner would have typed in the
//! scenario file. Values of the wrong type are passed on as they are (a
//! text in a number column becomes a TOML string), so that the loader
//! refuses them with the same message as in a TOML file.

use super::read::Value;
use super::schema::Kind;
use super::syntax::{float_literal, parse_need, quote, split_list, stamp_literal, weekday, NONE};

/// Largest integer a spreadsheet number holds exactly (2^53).
pub const MAX_EXACT_INT: f64 = 9_007_199_254_740_992.0;

/// The literal of a single-valued cell; lists go through `list`.
pub fn scalar(kind: Kind, v: &Value) -> String {
    match kind {
        Kind::Text | Kind::Window => quote(&as_text(v)),
        Kind::Int => number(v, false),
        Kind::Float => number(v, true),
        Kind::Bool => match v {
            Value::Text(s) => bool_word(s).map_or_else(|| quote(s), |b| b.to_string()),
            Value::Number(f) if *f == 0.0 || *f == 1.0 => (*f == 1.0).to_string(),
            Value::Int(i) if *i == 0 || *i == 1 => (*i == 1).to_string(),
            other => number(other, false),
        },
        Kind::Date | Kind::DateTime => match v {
            Value::Text(s) => stamp_literal(s).unwrap_or_else(|| quote(s)),
            // An Excel date-time at midnight is still a date and time: a pin
            // typed `2017-06-19 00:00` starts at 00:00.
            Value::Stamp(st) if kind == Kind::DateTime => st.datetime_literal(),
            other => number(other, false),
        },
        _ => list(kind, v),
    }
}

/// The literal of a multi-valued cell: a TOML array.
pub fn list(kind: Kind, v: &Value) -> String {
    let items: Vec<String> = match v {
        Value::Text(s) if kind == Kind::Needs && s.trim() == NONE => Vec::new(),
        Value::Text(s) => split_list(s)
            .into_iter()
            .map(|item| text_item(kind, item))
            .collect(),
        Value::Stamp(st) if matches!(kind, Kind::Days | Kind::Dates) => vec![st.literal()],
        other => vec![text_item(kind, &as_text(other))],
    };
    format!("[{}]", items.join(", "))
}

fn text_item(kind: Kind, item: &str) -> String {
    match kind {
        Kind::Days => weekday(item)
            .map(quote)
            .or_else(|| stamp_literal(item))
            .unwrap_or_else(|| quote(item)),
        Kind::Dates => stamp_literal(item).unwrap_or_else(|| quote(item)),
        Kind::Needs => {
            let need = parse_need(item);
            let mut parts = Vec::new();
            if let Some(s) = &need.skill {
                parts.push(format!("skill = {}", quote(s)));
            }
            if let Some(t) = &need.team {
                parts.push(format!("team = {}", quote(t)));
            }
            if let Some(c) = &need.count {
                parts.push(format!(
                    "count = {}",
                    number(&Value::Text(c.clone()), false)
                ));
            }
            format!("{{ {} }}", parts.join(", "))
        }
        _ => quote(item),
    }
}

/// A cell as text, the way the spreadsheet shows it.
pub fn as_text(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Number(f) => number_text(*f),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Stamp(st) => st.literal(),
        Value::Error(e) => e.clone(),
    }
}

fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < MAX_EXACT_INT {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A number, read from a number or from text; anything else as it is.
fn number(v: &Value, float: bool) -> String {
    match v {
        Value::Number(f) if float => float_literal(*f),
        Value::Number(f) if f.fract() == 0.0 && f.abs() < MAX_EXACT_INT => {
            format!("{}", *f as i64)
        }
        Value::Number(f) => float_literal(*f),
        Value::Int(i) => i.to_string(),
        Value::Text(s) => {
            let t = s.trim();
            if let Ok(i) = t.parse::<i64>() {
                i.to_string()
            } else if let Ok(f) = t.parse::<f64>() {
                float_literal(f)
            } else {
                quote(s)
            }
        }
        Value::Bool(b) => b.to_string(),
        Value::Stamp(st) => st.literal(),
        Value::Error(e) => quote(e),
    }
}

pub(super) fn bool_word(text: &str) -> Option<bool> {
    match text.trim().to_lowercase().as_str() {
        // The tick and the cross planners mark a list with, whichever of
        // the look-alike characters the input method gave.
        "true" | "yes" | "y" | "1" | "是" | "√" | "✓" | "✔" => Some(true),
        "false" | "no" | "n" | "0" | "否" | "×" | "✗" | "✘" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workbook::read::Stamp;
    use chrono::NaiveDate;

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn numbers_stored_as_text_are_numbers() {
        assert_eq!(scalar(Kind::Int, &text(" 60 ")), "60");
        assert_eq!(scalar(Kind::Int, &Value::Number(60.0)), "60");
        assert_eq!(scalar(Kind::Int, &Value::Number(60.5)), "60.5");
        assert_eq!(scalar(Kind::Int, &text("an hour")), "\"an hour\"");
        assert_eq!(scalar(Kind::Float, &text("45.5951")), "45.5951");
        assert_eq!(scalar(Kind::Float, &Value::Number(40.0)), "40.0");
        assert_eq!(scalar(Kind::Float, &text("nan")), "nan");
        assert_eq!(scalar(Kind::Bool, &text("是")), "true");
        assert_eq!(scalar(Kind::Text, &Value::Number(1001.0)), "\"1001\"");
    }

    #[test]
    fn dates_from_cells_and_text() {
        let stamp = |h| {
            Value::Stamp(Stamp {
                date: NaiveDate::from_ymd_opt(2017, 6, 19).unwrap(),
                hms: (h, 0, 0),
                milli: 0,
                time_shown: true,
            })
        };
        assert_eq!(scalar(Kind::Date, &stamp(0)), "2017-06-19");
        assert_eq!(scalar(Kind::DateTime, &stamp(8)), "2017-06-19T08:00:00");
        assert_eq!(scalar(Kind::DateTime, &stamp(0)), "2017-06-19T00:00:00");
        assert_eq!(scalar(Kind::Date, &text("2017/6/19")), "2017-06-19");
        assert_eq!(list(Kind::Dates, &stamp(0)), "[2017-06-19]");
    }

    #[test]
    fn ticks_and_crosses_are_yes_and_no() {
        for tick in ["√", "✓", "✔", " √ ", "是", "TRUE"] {
            assert_eq!(bool_word(tick), Some(true), "{tick}");
        }
        for cross in ["×", "✗", "✘", "否", "false"] {
            assert_eq!(bool_word(cross), Some(false), "{cross}");
        }
        assert_eq!(bool_word("有"), None);
        assert_eq!(scalar(Kind::Bool, &text("✓")), "true");
        assert_eq!(scalar(Kind::Bool, &text("×")), "false");
    }

    #[test]
    fn lists_and_needs() {
        assert_eq!(
            list(Kind::Days, &text("周一, tue, 2017-06-24")),
            "[\"mon\", \"tue\", 2017-06-24]"
        );
        assert_eq!(
            list(Kind::Needs, &text("fire×2, medical, team:leaders-obs")),
            "[{ skill = \"fire\", count = 2 }, { skill = \"medical\" }, { team = \"leaders-obs\" }]"
        );
        assert_eq!(list(Kind::Needs, &text("-")), "[]");
        assert_eq!(
            list(Kind::Windows, &text("08:30-12:00，15:30-19:00")),
            "[\"08:30-12:00\", \"15:30-19:00\"]"
        );
    }
}
