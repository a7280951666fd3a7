//! Issue 19: `--help` speaks the run's language. With `--lang zh`, with
//! `DRILLPLAN_LANG=zh` or with a Chinese locale, the help of `drillplan`
//! and of every subcommand (`--help`, `-h`, `help SUB`) holds no English
//! prose: only flags, placeholders of file names, values as typed and
//! quoted examples. In English it stays clap's.

use assert_cmd::Command;

const SUBCOMMANDS: &[&str] = &[
    "validate", "check", "solve", "export", "explain", "generate", "init", "convert",
];

/// Latin words a Chinese help may hold: names typed as they are (commands,
/// `--lang` and `--coverage` values, formats, units).
const AS_TYPED: &[&str] = &[
    "drillplan",
    "validate",
    "check",
    "solve",
    "export",
    "explain",
    "generate",
    "init",
    "convert",
    "help",
    "zh",
    "en",
    "notice",
    "planted",
    "Excel",
    "km",
];

/// The first English word of `text` outside quotes: a run of Latin letters
/// that is neither a flag, an upper-case placeholder or acronym (`CSV`,
/// `<SCENARIO>`), part of a path or key (`docs/commands.md`,
/// `DRILLPLAN_LANG`), nor a name typed as it is.
fn english_prose(text: &str) -> Option<String> {
    let mut plain = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '`' => quoted = !quoted,
            c if !quoted => plain.push(c),
            _ => {}
        }
    }
    plain
        .split(|c: char| !(c.is_ascii_alphanumeric() || "-_./\\^=+".contains(c)))
        .filter(|w| !w.starts_with('-'))
        .filter(|w| w.chars().all(|c| c.is_ascii_alphabetic()) && !w.is_empty())
        .filter(|w| w.chars().any(|c| c.is_ascii_lowercase()))
        .find(|w| !AS_TYPED.contains(w))
        .map(str::to_string)
}

#[test]
fn the_prose_check_catches_english() {
    assert_eq!(
        english_prose("  -h, --help  Print help").as_deref(),
        Some("Print")
    );
    assert_eq!(
        english_prose("Usage: drillplan <COMMAND>").as_deref(),
        Some("Usage")
    );
    assert_eq!(
        english_prose("用法: drillplan solve [选项] <SCENARIO>"),
        None
    );
    assert_eq!(
        english_prose("例如 `team.fire-krm-1.off+=2017-06-21`（见 docs/commands.md）"),
        None
    );
    assert_eq!(
        english_prose("（默认：DRILLPLAN_LANG）写 CSV 时不加 UTF-8 BOM"),
        None
    );
}

fn run(env_lang: Option<&str>, args: &[&str]) -> (String, String) {
    let mut c = Command::cargo_bin("drillplan").unwrap();
    for k in ["DRILLPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(k);
    }
    if let Some(lang) = env_lang {
        c.env("DRILLPLAN_LANG", lang);
    }
    let out = c.args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {out:?}");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn assert_no_english(text: &str, context: &str) {
    assert!(text.contains("用法: drillplan"), "{context}:\n{text}");
    for line in text.lines() {
        if let Some(word) = english_prose(line) {
            panic!("English `{word}` in the Chinese help:\n{line}\n--- {context}\n{text}");
        }
    }
}

/// Every help line a planner can ask for, each way of asking for Chinese.
#[test]
fn every_help_is_chinese_with_lang_zh_or_drillplan_lang() {
    let mut lines: Vec<Vec<&str>> = vec![vec!["--help"], vec!["-h"], vec!["help"]];
    for sub in SUBCOMMANDS {
        lines.push(vec![sub, "--help"]);
        lines.push(vec![sub, "-h"]);
        lines.push(vec!["help", sub]);
    }
    lines.push(vec!["help", "--help"]);
    for line in &lines {
        let (env, _) = run(Some("zh"), line);
        assert_no_english(&env, &format!("DRILLPLAN_LANG=zh {line:?}"));
        // `--lang zh` anywhere on the line, over an English environment.
        let mut flagged = line.clone();
        flagged.extend(["--lang", "zh"]);
        let (flag, _) = run(Some("en"), &flagged);
        assert_eq!(flag, env, "{flagged:?}");
    }
    // `--lang zh` before the command too.
    for line in [
        vec!["--lang", "zh", "--help"],
        vec!["--lang=zh", "solve", "--help"],
    ] {
        let (flag, _) = run(Some("en"), &line);
        assert_no_english(&flag, &format!("{line:?}"));
    }
    // `help SUB` is `SUB --help`.
    assert_eq!(
        run(Some("zh"), &["help", "solve"]).0,
        run(Some("zh"), &["solve", "--help"]).0
    );
}

#[test]
fn a_chinese_locale_gives_the_chinese_help() {
    let mut c = Command::cargo_bin("drillplan").unwrap();
    c.env_remove("DRILLPLAN_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8");
    let out = c.args(["check", "--help"]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert_no_english(&text, "LANG=zh_CN.UTF-8");
    assert!(text.contains("<SCHEDULE>"), "{text}");
}

/// In English the help is clap's, as the doc comments write it.
#[test]
fn the_english_help_is_unchanged() {
    let (top, _) = run(Some("en"), &["--help"]);
    for want in [
        "Usage: drillplan <COMMAND>",
        "Commands:",
        "Options:",
        "-h, --help     Print help",
        "-V, --version  Print version",
        "help      Print this message or the help of the given subcommand(s)",
    ] {
        assert!(top.contains(want), "{want}:\n{top}");
    }
    let (solve, _) = run(Some("en"), &["solve", "-h"]);
    for want in [
        "Usage: drillplan solve [OPTIONS] <SCENARIO>",
        "Arguments:",
        "[default: 60]",
        "[possible values: zh, en]",
        "Determinism:",
    ] {
        assert!(solve.contains(want), "{want}:\n{solve}");
    }
    for text in [&top, &solve] {
        assert!(
            !text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{text}"
        );
    }
    // The version line is the same in both languages.
    assert_eq!(
        run(Some("en"), &["--version"]).0,
        run(Some("zh"), &["--version"]).0
    );
}
