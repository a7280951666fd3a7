//! The documented range of every numeric flag but the seeds (any 64-bit
//! number). A value outside it is refused by the argument parser, which
//! names the flag (exit 2); nothing huge reaches the solver, where it would
//! overflow a duration or spawn threads without end, or the generator,
//! which tries 20 times per travel override asked for.

use std::ops::RangeInclusive;

/// `--time-limit`: above 0, at most a million seconds (eleven and a half days).
pub const TIME_LIMIT_MAX: f64 = 1_000_000.0;
/// `--threads`: far more than any machine drillplan runs on gives no speed,
/// only the cost of starting and joining the threads.
pub const THREADS: RangeInclusive<u64> = 1..=256;
/// `--work-limit` and `--stall-moves`: a trillion moves is weeks of search.
pub const MOVES_MAX: u64 = 1_000_000_000_000;
/// `generate --drills/--teams`: the most rows one scenario table may have.
pub const TABLE_ROWS: RangeInclusive<u64> = 1..=crate::scenario::limits::MAX_TABLE_ROWS as u64;
/// `generate --districts`.
pub const DISTRICTS: RangeInclusive<u64> = 1..=1000;
/// `generate --overrides`: a million measured times is more than any
/// province's travel table holds, and seconds of generating, not hours.
pub const OVERRIDES: RangeInclusive<u64> = 0..=1_000_000;

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.trim().parse().map_err(|_| {
        crate::words!(super::lang_arg::current(),
                en: "`{text}` is not a number",
                zh: "`{text}` 不是数字")
    })
}

fn within(text: &str, range: RangeInclusive<u64>) -> Result<u64, String> {
    let n: u64 = number(text)?;
    if range.contains(&n) {
        Ok(n)
    } else {
        let (from, to) = (range.start(), range.end());
        Err(crate::words!(super::lang_arg::current(),
            en: "{n} is out of range: from {from} to {to}",
            zh: "{n} 超出范围：应为 {from} 至 {to}"))
    }
}

pub fn time_limit(text: &str) -> Result<f64, String> {
    let s: f64 = number(text)?;
    if s > 0.0 && s <= TIME_LIMIT_MAX {
        Ok(s)
    } else {
        Err(crate::words!(super::lang_arg::current(),
            en: "{text} seconds is out of range: above 0, at most {TIME_LIMIT_MAX}",
            zh: "{text} 秒超出范围：应大于 0，至多 {TIME_LIMIT_MAX}"))
    }
}

pub fn gap(text: &str) -> Result<f64, String> {
    let g: f64 = number(text)?;
    if (0.0..=1.0).contains(&g) {
        Ok(g)
    } else {
        Err(crate::words!(super::lang_arg::current(),
            en: "{text} is out of range: a fraction from 0 to 1 (0.01 = 1 %)",
            zh: "{text} 超出范围：应为 0 至 1 的小数（0.01 即 1 %）"))
    }
}

pub fn threads(text: &str) -> Result<usize, String> {
    within(text, THREADS).map(|n| n as usize)
}

pub fn moves(text: &str) -> Result<u64, String> {
    within(text, 0..=MOVES_MAX)
}

pub fn stall_moves(text: &str) -> Result<u64, String> {
    within(text, 1..=MOVES_MAX)
}

pub fn table_rows(text: &str) -> Result<usize, String> {
    within(text, TABLE_ROWS).map(|n| n as usize)
}

pub fn overrides(text: &str) -> Result<usize, String> {
    within(text, OVERRIDES).map(|n| n as usize)
}

pub fn districts(text: &str) -> Result<usize, String> {
    within(text, DISTRICTS).map(|n| n as usize)
}

pub fn tightness(text: &str) -> Result<f64, String> {
    let t: f64 = number(text)?;
    if t > 0.0 && t <= 1.0 {
        Ok(t)
    } else {
        Err(crate::words!(super::lang_arg::current(),
            en: "{text} is out of range: above 0, at most 1",
            zh: "{text} 超出范围：应大于 0，至多 1"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_refuse_what_would_overflow_or_mean_nothing() {
        assert!(time_limit("1e20").is_err());
        assert!(time_limit("NaN").is_err());
        assert!(time_limit("0").is_err());
        assert_eq!(time_limit("2.5"), Ok(2.5));
        assert!(threads("99999999999").is_err());
        assert!(threads("0").is_err());
        assert_eq!(threads("256"), Ok(256));
        assert!(gap("2").is_err());
        assert!(gap("-0.1").is_err());
        assert!(moves("18446744073709551615").is_err());
        assert!(tightness("0").is_err());
        assert!(overrides("100000000000").is_err());
        assert_eq!(overrides("0"), Ok(0));
        assert_eq!(overrides("25"), Ok(25));
    }
}
