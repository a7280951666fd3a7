//! Times of day and opening windows as a Chinese planner types them in a
//! cell: `9点`, `9时30分`, `9点半`, `下午2点`, `8点-12点`, `8:00——12:00`, as
//! well as the spreadsheet's own `9:00`, `下午2:00` and `2:00 PM`.
//!
//! A form with one reading is read as that time; a form with two (`下午12点`:
//! noon or midnight? `9点5`: 9:05 or 9:50?) is refused with the ways to
//! write either, since a time the planner did not mean would move drills.

use crate::schedule::csv::spreadsheet;
use drillplan_model::lang::Lang;
use drillplan_model::words;

/// A time typed so that it could be either of two times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Vague {
    /// `下午12点`, `晚上12点`: noon or midnight.
    Twelve(String),
    /// `9点5`: (as typed, hour, digit) 09:05 or 09:50.
    OneDigitMinute(String, u32, u32),
    /// `8-18`: (as typed, first hour, second hour): hours with no minutes,
    /// no 点, nothing to say they are times.
    BareHours(String, u32, u32),
    /// `8点-5点`: (as typed, as read, the afternoon's end if one fits): a
    /// window ending before it starts.
    EndsEarlier(String, String, Option<String>),
}

impl Vague {
    pub fn say(&self, lang: Lang) -> String {
        match self {
            Vague::Twelve(t) => words!(lang,
                en: "`{t}` could be noon or midnight; write 12:00 for noon, or 24:00 for \
                     midnight at the end of a window",
                zh: "`{t}` 可指中午也可指午夜；中午请写 12:00，时段结束于午夜请写 24:00"),
            Vague::OneDigitMinute(t, h, m) => words!(lang,
                en: "`{t}` could be {h:02}:0{m} or {h:02}:{m}0; write the minutes with two \
                     digits, such as {h:02}:0{m}",
                zh: "`{t}` 可指 {h:02}:0{m} 也可指 {h:02}:{m}0；分钟请写两位，如 {h:02}:0{m}（{h}点0{m}分）"),
            Vague::BareHours(t, a, b) => words!(lang,
                en: "`{t}` is not a window HH:MM-HH:MM: it gives hours alone; for {a} to {b} \
                     o'clock write {a:02}:00-{b:02}:00",
                zh: "`{t}` 不是时段 HH:MM-HH:MM：只写了钟点；如指 {a} 点至 {b} 点，请写 \
                     {a:02}:00-{b:02}:00（或 {a}点-{b}点）"),
            Vague::EndsEarlier(t, read, Some(meant)) => words!(lang,
                en: "`{t}` reads as {read}, which ends before it starts; if the afternoon is \
                     meant, write {meant} (times on the 24-hour clock)",
                zh: "`{t}` 读作 {read}，结束早于开始；如指下午，请写 {meant}（按 24 小时制）"),
            Vague::EndsEarlier(t, read, None) => words!(lang,
                en: "`{t}` reads as {read}, which ends before it starts; a window lies within \
                     one day, 00:00 to 24:00",
                zh: "`{t}` 读作 {read}，结束早于开始；时段须在一天之内（00:00 至 24:00）"),
        }
    }
}

/// What a word before a time says of its hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Morning,
    Noon,
    Afternoon,
    Evening,
}

const PARTS: [(&str, Part); 8] = [
    ("上午", Part::Morning),
    ("早上", Part::Morning),
    ("早晨", Part::Morning),
    ("中午", Part::Noon),
    ("下午", Part::Afternoon),
    ("傍晚", Part::Afternoon),
    ("晚上", Part::Evening),
    ("夜里", Part::Evening),
];

/// The word of the day's part a time starts with, and the rest.
fn part_of(text: &str) -> (Option<Part>, &str) {
    PARTS
        .iter()
        .find_map(|(word, part)| Some((Some(*part), text.strip_prefix(word)?.trim_start())))
        .unwrap_or((None, text))
}

/// Whether a time says its own part of the day (`上午`, `PM`).
fn marked(text: &str) -> bool {
    let upper = text.trim().to_ascii_uppercase();
    part_of(text.trim()).0.is_some() || upper.ends_with("AM") || upper.ends_with("PM")
}

/// Whether a time is said to be after noon (`下午`, `晚上`, `PM`).
fn after_noon(text: &str) -> bool {
    let upper = text.trim().to_ascii_uppercase();
    matches!(
        part_of(text.trim()).0,
        Some(Part::Afternoon | Part::Evening)
    ) || upper.ends_with("PM")
}

/// `9点`, `9时`, `9点整`, `9点钟`, `9点30`, `9点30分`, `9时5分`, `9点半` as
/// (hour, minute); `Ok(None)` when the text is no such form.
fn hour_words(body: &str, typed: &str) -> Result<Option<(u32, u32)>, Vague> {
    let Some(at) = body.find(['点', '时']) else {
        return Ok(None);
    };
    let (hour, rest) = (&body[..at], &body[at + '点'.len_utf8()..]);
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(hour) {
        return Ok(None);
    }
    let hour: u32 = hour.parse().unwrap_or(99);
    let rest = rest.trim();
    let minute = match rest {
        "" | "整" | "钟" | "钟整" => 0,
        "半" => 30,
        _ => {
            let (number, unit) = match rest.strip_suffix('分') {
                Some(n) => (n.trim(), true),
                None => (rest, false),
            };
            if !digits(number) {
                return Ok(None);
            }
            let minute: u32 = number.parse().unwrap_or(99);
            // `9点5` is said for 9:05 and, short for 九点五十, for 9:50.
            if number.len() == 1 && !unit && minute != 0 {
                return Err(Vague::OneDigitMinute(typed.to_string(), hour, minute));
            }
            minute
        }
    };
    Ok((minute < 60).then_some((hour, minute)))
}

/// A time of day as `HH:MM` (`24:00` for a midnight that ends a window);
/// `Ok(None)` when the text is no time.
pub fn time_of_day(text: &str) -> Result<Option<String>, Vague> {
    let typed = text.trim();
    let (part, body) = part_of(typed);
    let (hour, minute) = match hour_words(body, typed)? {
        Some(hm) => hm,
        // `下午2:00` and `上午12:00` as Excel shows the times 14:00 and 00:00.
        None if matches!(part, None | Some(Part::Morning | Part::Afternoon)) => {
            return Ok(spreadsheet::time(typed).or_else(|| midnight_end(typed)))
        }
        None => match spreadsheet::time(body) {
            Some(t) => (t[..2].parse().unwrap_or(99), t[3..].parse().unwrap_or(99)),
            None => return Ok(None),
        },
    };
    let twelve = || Vague::Twelve(typed.to_string());
    let hour = match (part, hour) {
        (None, 0..=23) => hour,
        (None, 24) if minute == 0 => 24,
        (Some(Part::Morning), 0..=11) => hour,
        (Some(Part::Noon), 11..=12) => hour,
        (Some(Part::Noon), 1..=2) => hour + 12,
        (Some(Part::Afternoon), 1..=11) => hour + 12,
        (Some(Part::Evening), 6..=11) => hour + 12,
        (Some(Part::Afternoon), 13..=23) | (Some(Part::Evening), 18..=23) => hour,
        (Some(Part::Morning | Part::Afternoon | Part::Evening), 12) => return Err(twelve()),
        _ => return Ok(None),
    };
    Ok(Some(format!("{hour:02}:{minute:02}")))
}

/// `24:00`, the end of a window at midnight, which a spreadsheet's time
/// reader takes for no time.
fn midnight_end(typed: &str) -> Option<String> {
    matches!(typed, "24:00" | "24:00:00").then(|| "24:00".to_string())
}

/// A window `9:00-12:00`, `8点-12点`, `下午2点-5点半`, `8:00——12:00` as
/// `HH:MM-HH:MM`; `Ok(None)` when it is no window.
pub fn window(text: &str) -> Result<Option<String>, Vague> {
    let typed = text.trim();
    // As a Chinese input method types a range: `9:00至17:00`, `8:00—20:00`,
    // `8:00——20:00` (its dash is two em dashes), `9:00~17:00` (full-width
    // forms are narrowed by `read_cell` first).
    let mut dashed = String::new();
    for c in typed.chars() {
        let c = match c {
            '~' | '〜' | '—' | '–' | '―' | '至' | '到' => '-',
            c => c,
        };
        if !(c == '-' && dashed.ends_with('-')) {
            dashed.push(c);
        }
    }
    let Some((a, b)) = dashed.split_once('-') else {
        return Ok(None);
    };
    let (from, to) = match (time_of_day(a)?, time_of_day(b)?) {
        (Some(from), Some(to)) => (from, to),
        _ => {
            let hour = |s: &str| {
                let s = s.trim();
                (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| s.parse::<u32>().ok())
                    .flatten()
                    .filter(|h| *h <= 24)
            };
            return match (hour(a), hour(b)) {
                (Some(x), Some(y)) => Err(Vague::BareHours(typed.to_string(), x, y)),
                _ => Ok(None),
            };
        }
    };
    let minutes = |t: &str| -> u32 {
        t[..2].parse::<u32>().unwrap_or(0) * 60 + t[3..].parse::<u32>().unwrap_or(0)
    };
    let (start, mut end) = (minutes(&from), minutes(&to));
    // `下午2:30-5:00` is said as one afternoon, its 下午 for both ends: the
    // end with no mark of its own, earlier than an afternoon start and
    // under 12, is in that afternoon too.
    if after_noon(a) && !marked(b) && end < start && end < 12 * 60 {
        end += 12 * 60;
    }
    let clock = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
    if end < start {
        let read = format!("{from}-{}", clock(end));
        // `8点-5点`, `下午2点-12点`: on a 12-hour clock the end would fit.
        let twelve_hour = (start < 12 * 60 && end < 12 * 60) || (end == 12 * 60 && after_noon(a));
        let meant = (!marked(b) && twelve_hour && end + 12 * 60 > start)
            .then(|| format!("{from}-{}", clock(end + 12 * 60)));
        return Err(Vague::EndsEarlier(typed.to_string(), read, meant));
    }
    Ok(Some(format!("{from}-{}", clock(end))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_time_written_the_chinese_way_is_read_as_said() {
        for (typed, read) in [
            ("9时", "09:00"),
            ("9点", "09:00"),
            ("9点30", "09:30"),
            ("9点半", "09:30"),
            ("9时30分", "09:30"),
            ("9点5分", "09:05"),
            ("9点05", "09:05"),
            ("9点整", "09:00"),
            ("下午2点", "14:00"),
            ("下午2点半", "14:30"),
            ("上午11点", "11:00"),
            ("中午12点", "12:00"),
            ("中午1点", "13:00"),
            ("晚上8点", "20:00"),
            ("晚上8:00", "20:00"),
            ("17点", "17:00"),
            ("24点", "24:00"),
            ("9:00", "09:00"),
            ("下午2:00", "14:00"),
            ("下午12:00", "12:00"),
            ("2:00 PM", "14:00"),
        ] {
            assert_eq!(time_of_day(typed), Ok(Some(read.to_string())), "{typed}");
        }
        for typed in ["9", "九点", "25点", "9点60", "上午13点", "下午", "9点钟头"] {
            assert_eq!(time_of_day(typed), Ok(None), "{typed}");
        }
    }

    #[test]
    fn a_time_with_two_readings_is_refused_saying_both() {
        for typed in ["下午12点", "上午12点", "晚上12点"] {
            let e = time_of_day(typed).unwrap_err();
            assert_eq!(e, Vague::Twelve(typed.into()));
            assert!(e.say(Lang::Zh).contains("中午请写 12:00"), "{typed}");
        }
        let e = time_of_day("9点5").unwrap_err();
        assert!(e.say(Lang::En).contains("09:05 or 09:50"));
        assert!(e.say(Lang::Zh).contains("可指 09:05 也可指 09:50"));
    }

    #[test]
    fn a_window_written_the_chinese_way_is_read_as_said() {
        for (typed, read) in [
            ("8点-12点", "08:00-12:00"),
            ("8:00—12:00", "08:00-12:00"),
            ("8:00——12:00", "08:00-12:00"),
            ("8:00~12:00", "08:00-12:00"),
            ("8:00-12:00", "08:00-12:00"),
            ("8点至12点", "08:00-12:00"),
            ("9点半到11点", "09:30-11:00"),
            ("下午2点-5点半", "14:00-17:30"),
            ("上午8点-下午5点", "08:00-17:00"),
            ("上午9点-12点", "09:00-12:00"),
            ("18点-24点", "18:00-24:00"),
            ("18:00-24:00", "18:00-24:00"),
            ("下午2:30-5:00", "14:30-17:00"),
        ] {
            assert_eq!(window(typed), Ok(Some(read.to_string())), "{typed}");
        }
        assert_eq!(window("周一"), Ok(None));
        assert_eq!(window("9点-"), Ok(None));
    }

    #[test]
    fn a_window_with_two_readings_is_refused_saying_how_to_write_it() {
        assert_eq!(window("8-18"), Err(Vague::BareHours("8-18".into(), 8, 18)));
        let e = window("8点-5点").unwrap_err();
        assert_eq!(
            e,
            Vague::EndsEarlier(
                "8点-5点".into(),
                "08:00-05:00".into(),
                Some("08:00-17:00".into())
            )
        );
        assert!(e.say(Lang::Zh).contains("如指下午，请写 08:00-17:00"));
        let e = window("下午2点-12点").unwrap_err();
        assert!(e.say(Lang::En).contains("write 14:00-24:00"), "{e:?}");
        // A night on the 24-hour clock has no afternoon to offer.
        let e = window("18:00-08:00").unwrap_err();
        assert_eq!(
            e,
            Vague::EndsEarlier("18:00-08:00".into(), "18:00-08:00".into(), None)
        );
        assert!(window("下午12点-5点").is_err());
    }
}
