//! `--lang zh|en`: the command line's view of `Lang`, which knows nothing of
//! clap. `Lang` lives in the model crate, so clap's `ValueEnum` cannot be
//! implemented for it here; a parser over the same two values takes its place.
//!
//! The language of a run is settled once, in this order: `--lang`, the
//! environment's `DRILLPLAN_LANG`, the workbook's header language when the
//! input is a workbook, the scenario's names (`Lang::detect`), the locale
//! (`LC_ALL`, `LC_MESSAGES`, `LANG` starting `zh`); a file that cannot be
//! read at all is told of in Chinese when its name is (`for_file`). It is
//! kept for the whole
//! process because an error frame is printed far from the command that knew
//! the flag, and one process runs one command.

use crate::lang::Lang;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use std::sync::atomic::{AtomicU8, Ordering};

/// The values of `--lang`, as `value_parser = lang_arg::parser()`.
pub fn parser() -> impl TypedValueParser<Value = Lang> {
    PossibleValuesParser::new(["zh", "en"]).map(|s| match s.as_str() {
        "zh" => Lang::Zh,
        _ => Lang::En,
    })
}

const UNSETTLED: u8 = 0;
static SETTLED: AtomicU8 = AtomicU8::new(UNSETTLED);

fn code(lang: Lang) -> u8 {
    match lang {
        Lang::En => 1,
        Lang::Zh => 2,
    }
}

fn from_code(code: u8) -> Option<Lang> {
    match code {
        1 => Some(Lang::En),
        2 => Some(Lang::Zh),
        _ => None,
    }
}

fn named(value: &str) -> Option<Lang> {
    let v = value.trim().to_ascii_lowercase();
    if v.starts_with("zh") {
        Some(Lang::Zh)
    } else if v.starts_with("en") {
        Some(Lang::En)
    } else {
        None
    }
}

/// The `--lang` of a command line not yet parsed (`--lang zh`, `--lang=zh`);
/// the last one given, as clap reads it.
pub fn in_raw_args(args: impl Iterator<Item = std::ffi::OsString>) -> Option<Lang> {
    let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    let mut found = None;
    for (i, a) in args.iter().enumerate() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(lang) = value.and_then(named) {
            found = Some(lang);
        }
    }
    found
}

/// The first `--lang` on a command line not yet parsed whose value is no
/// language drillplan speaks (`--lang fr`, `--lang=FR`), as given; empty
/// for a `--lang` with no value. Anywhere on the line, before the command
/// or after it, up to a `--`.
pub fn unsupported(args: impl Iterator<Item = std::ffi::OsString>) -> Option<String> {
    let args: Vec<String> = args.map(|a| a.to_string_lossy().into_owned()).collect();
    for (i, a) in args.iter().enumerate() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang") {
            Some("") => Some(args.get(i + 1).cloned().unwrap_or_default()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(v) = value.filter(|v| !matches!(v.as_str(), "zh" | "en")) {
            return Some(v);
        }
    }
    None
}

/// The refusal of an `--lang` that names no language drillplan speaks, in
/// both of them: the run's language is exactly what is in doubt. The
/// language `DRILLPLAN_LANG` or else the locale names comes first.
pub fn unsupported_message(value: &str) -> String {
    let first = std::env::var("DRILLPLAN_LANG")
        .ok()
        .and_then(|v| named(&v))
        .unwrap_or_else(locale);
    let second = match first {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    let value = super::terminal::escape(value);
    [first, second]
        .into_iter()
        .map(|lang| match value.as_ref() {
            "" => crate::words!(lang,
                en: "error: --lang needs a value: zh (Chinese) or en (English), as in --lang zh",
                zh: "错误：--lang 需要一个值：zh（中文）或 en（英文），如 --lang zh"),
            v => crate::words!(lang,
                en: "error: --lang {v}: drillplan speaks zh (Chinese) and en (English); give --lang zh or --lang en",
                zh: "错误：--lang {v}：drillplan 支持 zh（中文）和 en（英文）两种语言；请用 --lang zh 或 --lang en"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The command line without a `--lang` given before the command
/// (`drillplan --lang zh solve …`, `drillplan --lang zh --help`), which
/// `in_raw_args` has already read: each command takes `--lang` itself, and
/// the top level would refuse it. A value that is no language is left for
/// the parser to refuse.
pub fn without_leading_lang(mut line: Vec<std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    let first = line.get(1).map(|a| a.to_string_lossy().into_owned());
    match first.as_deref().and_then(|a| a.strip_prefix("--lang")) {
        Some("")
            if line
                .get(2)
                .and_then(|v| named(&v.to_string_lossy()))
                .is_some() =>
        {
            line.drain(1..3);
        }
        Some(rest) if rest.strip_prefix('=').and_then(named).is_some() => {
            line.remove(1);
        }
        _ => {}
    }
    line
}

/// Settles the language from the flag or `DRILLPLAN_LANG`, when either is
/// given; otherwise it stays open for the input to decide.
pub fn choose(flag: Option<Lang>) {
    let env = std::env::var("DRILLPLAN_LANG").ok().and_then(|v| named(&v));
    if let Some(lang) = flag.or(env) {
        SETTLED.store(code(lang), Ordering::Relaxed);
    }
}

/// Settles the language from the input unless the flag or the environment
/// already did; `header` is the workbook's header language.
pub fn settle(header: Option<Lang>, scenario: &crate::scenario::Scenario) -> Lang {
    if let Some(lang) = from_code(SETTLED.load(Ordering::Relaxed)) {
        return lang;
    }
    let lang = header
        .or_else(|| has_names(scenario).then(|| Lang::detect(scenario)))
        .unwrap_or_else(locale);
    SETTLED.store(code(lang), Ordering::Relaxed);
    lang
}

/// Settles the language from the sheet names of `path`, if it is a
/// workbook, unless the flag, the environment or an input already did: for
/// a workbook refused or not read yet, whose problems are told in its
/// headers' language, and the frame around them must match. The names cost
/// a read of the book, so nothing is read once the language is settled.
/// A file whose sheets cannot be read (damaged, encrypted, missing) but
/// whose name is Chinese settles Chinese (`named_in_chinese`).
pub fn settle_from_book(path: &std::path::Path) {
    if settled().is_some() {
        return;
    }
    let lang = crate::workbook::is_workbook(path)
        .then(|| crate::workbook::sheet_names_lang(path))
        .flatten()
        .or_else(|| named_in_chinese(path).then_some(Lang::Zh));
    if let Some(lang) = lang {
        SETTLED.store(code(lang), Ordering::Relaxed);
    }
}

/// The language to tell a problem with the file at `path` itself in
/// (missing, damaged, encrypted, not a workbook), before anything in it
/// could say: the run's if settled, else Chinese for a file the planner
/// named in Chinese (`演练周.xlsx`), else the locale. A Chinese planner's
/// Windows sets no `LANG`, and the locale alone would answer them in
/// English about the very file they named in Chinese.
pub fn for_file(path: &std::path::Path) -> Lang {
    settled().unwrap_or_else(|| match named_in_chinese(path) {
        true => Lang::Zh,
        false => locale(),
    })
}

/// The language to read the scenario at `path` in, `None` to let a
/// workbook's headers say: the run's if settled; else, for a TOML file,
/// `for_file`'s, so that a Chinese-named `演练周.toml` that is not UTF-8 or
/// is cut short is answered in Chinese as an unreadable `演练周.xlsx` is.
pub fn for_scenario(path: &std::path::Path) -> Option<Lang> {
    settled().or_else(|| (!crate::workbook::is_workbook(path)).then(|| for_file(path)))
}

/// Whether the file's own name (not its folder's) has Chinese characters.
fn named_in_chinese(path: &std::path::Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().chars().any(crate::lang::is_cjk))
}

/// The language the flag, the environment or an input already settled.
pub fn settled() -> Option<Lang> {
    from_code(SETTLED.load(Ordering::Relaxed))
}

/// The run's language: settled, else the locale (an input that could not
/// be read decides nothing).
pub fn current() -> Lang {
    from_code(SETTLED.load(Ordering::Relaxed)).unwrap_or_else(locale)
}

fn has_names(s: &crate::scenario::Scenario) -> bool {
    !s.name.is_empty()
        || s.districts.iter().any(|d| !d.name.is_empty())
        || s.venues.iter().any(|v| !v.name.is_empty())
        || s.teams.iter().any(|t| !t.name.is_empty())
        || s.drills.iter().any(|d| !d.name.is_empty())
}

// The first of the variables that is set decides, as for gettext.
fn locale() -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| named(&v))
        .unwrap_or(Lang::En)
}
