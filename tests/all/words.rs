//! Every command speaks the planner's language: under `--lang zh`, what
//! validate, solve, check and explain print (summaries, warnings, verdicts,
//! error frames) has no English word left in it, on a good run and on each
//! kind of failure.

use assert_cmd::Command;
use std::collections::BTreeSet;
use std::path::Path;

fn drillplan() -> Command {
    let mut c = Command::cargo_bin("drillplan").unwrap();
    // The flag must win over the environment.
    c.env("DRILLPLAN_LANG", "en");
    c
}

/// Words a Chinese message may hold: the commands and file kinds a planner
/// types, and the contract CSV's column that messages point at.
const ALLOWED: &[&str] = &[
    "drillplan",
    "solve",
    "check",
    "explain",
    "validate",
    "set",
    "CSV",
    "csv",
    "toml",
    "xlsx",
    "reason",
    "Ctrl",
    "docs",
    // Programs and a character set, named as their menus name them.
    "Excel",
    "WPS",
    "LibreOffice",
    "Unicode",
];

/// Every ASCII word of the scenario's quoted values (ids, names, skills,
/// kinds): these are the planner's own and print as written.
fn scenario_words(toml: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for quoted in toml.split('"').skip(1).step_by(2) {
        for w in quoted.split(|c: char| !c.is_ascii_alphabetic()) {
            out.insert(w.to_string());
        }
    }
    out
}

/// The English words of `text`: a run of 3 or more ASCII letters that is
/// not part of an id, a file name or a number with its unit (a token with a
/// digit, `_`, `-`, `.` or `/` in it), not a scenario's word and not allowed.
fn english_words(text: &str, scenario: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    let token_char = |c: char| c.is_ascii_alphanumeric() || "_-./".contains(c);
    // explain's what-if command is shell words, pasted as printed.
    let prose = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("drillplan solve "))
        .collect::<Vec<_>>()
        .join("\n");
    for token in prose.split(|c: char| !token_char(c)) {
        if token.chars().any(|c| !c.is_ascii_alphabetic()) {
            continue;
        }
        if token.len() >= 3 && !ALLOWED.contains(&token) && !scenario.contains(token) {
            found.push(token.to_string());
        }
    }
    found
}

#[test]
fn the_finder_catches_an_english_sentence_and_spares_ids_and_names() {
    let names = scenario_words(
        r#"id = "mall-fire"
name = "Mall drill""#,
    );
    assert!(english_words("演练 mall-fire 已写出 /tmp/a.csv 09:00 Mall", &names).is_empty());
    assert_eq!(
        english_words("warning: drill mall-fire can never be placed", &names),
        ["warning", "can", "never", "placed"]
    );
}

struct Run {
    code: Option<i32>,
    text: String,
}

fn run(args: &[&str], paths: &[&Path]) -> Run {
    let mut c = drillplan();
    c.args(args);
    for p in paths {
        c.arg(p);
    }
    c.args(["--lang", "zh"]);
    let out = c.output().unwrap();
    Run {
        code: out.status.code(),
        text: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

fn assert_chinese(what: &str, r: &Run, names: &BTreeSet<String>) {
    let english = english_words(&r.text, names);
    assert!(
        english.is_empty(),
        "{what}: English words {english:?} in:\n{}",
        r.text
    );
    assert!(
        r.text
            .chars()
            .any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
        "{what}: no Chinese in:\n{}",
        r.text
    );
}

#[test]
fn validate_solve_check_and_explain_speak_chinese_on_success_and_failure() {
    let dir = tempfile::tempdir().unwrap();
    let small = Path::new("tests/scenarios/small.toml");
    let toml = std::fs::read_to_string(small).unwrap();
    let names = scenario_words(&toml);
    let csv = dir.path().join("s.csv");

    let r = run(&["validate"], &[small]);
    assert_eq!(r.code, Some(0), "{}", r.text);
    assert_chinese("validate", &r, &names);

    let r = run(
        &["solve", "--work-limit", "300", "--threads", "1", "-o"],
        &[&csv, small],
    );
    assert_eq!(r.code, Some(0), "{}", r.text);
    assert_chinese("solve", &r, &names);

    let r = run(&["check"], &[small, &csv]);
    assert_eq!(r.code, Some(0), "{}", r.text);
    assert_chinese("check", &r, &names);

    let r = run(&["explain"], &[small, &csv]);
    assert_eq!(r.code, Some(0), "{}", r.text);
    assert_chinese("explain", &r, &names);

    // A schedule moved to 03:00, outside the school's hours: exit 1.
    let text = std::fs::read_to_string(&csv).unwrap();
    let broken: Vec<String> = text
        .lines()
        .map(|line| {
            let mut cells: Vec<&str> = line.split(',').collect();
            if cells[0] == "school-fire" && cells[16] == "scheduled" {
                cells[9] = "03:00";
                cells[10] = "04:00";
            }
            cells.join(",")
        })
        .collect();
    let bad_csv = dir.path().join("bad.csv");
    std::fs::write(&bad_csv, broken.join("\n") + "\n").unwrap();
    let r = run(&["check"], &[small, &bad_csv]);
    assert_eq!(r.code, Some(1), "{}", r.text);
    assert_chinese("check of a broken schedule", &r, &names);
    assert!(r.text.contains("错误："), "{}", r.text);

    // A mandatory drill that can never be placed: validate warns, solve exits 3.
    let must = dir.path().join("must.toml");
    std::fs::write(
        &must,
        toml.replace(
            "id = \"mall-fire\"\n",
            "id = \"mall-fire\"\nmandatory = true\n",
        ),
    )
    .unwrap();
    let r = run(&["validate"], &[&must]);
    assert_eq!(r.code, Some(0), "{}", r.text);
    assert!(r.text.contains("必须安排"), "{}", r.text);
    assert_chinese("validate of an impossible mandatory drill", &r, &names);
    let r = run(
        &["solve", "--work-limit", "300", "--threads", "1", "-o"],
        &[&dir.path().join("must.csv"), &must],
    );
    assert_eq!(r.code, Some(3), "{}", r.text);
    assert_chinese("failing solve", &r, &names);
    assert!(r.text.contains("错误："), "{}", r.text);

    // A scenario whose file is not there: the frame is Chinese.
    let r = run(&["validate"], &[&dir.path().join("无.toml")]);
    assert_eq!(r.code, Some(2), "{}", r.text);
    assert!(r.text.starts_with("错误["), "{}", r.text);
}

#[test]
fn chinese_names_speak_chinese_by_default_and_english_stays_english() {
    let out = Command::cargo_bin("drillplan")
        .unwrap()
        .env_remove("DRILLPLAN_LANG")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .args(["validate", "tests/scenarios/small.toml"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("情景有效"), "{text}");
    let out = Command::cargo_bin("drillplan")
        .unwrap()
        .env("DRILLPLAN_LANG", "en")
        .args(["validate", "tests/scenarios/small.toml"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains(": valid scenario \""), "{text}");
}

#[test]
fn the_reports_standby_lanes_name_the_district_and_skill_as_the_planner_does() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, html) = (dir.path().join("w.csv"), dir.path().join("w.html"));
    let karamay = "scenarios/karamay-2017.toml";
    let out = drillplan()
        .args(["solve", karamay, "--work-limit", "500", "--quiet", "-o"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (lang, want, gone) in [
        ("zh", "独山子区 消防 留守≥1", "dushanzi fire"),
        ("en", "≥1", "留守"),
    ] {
        let out = drillplan()
            .args(["export", "--lang", lang, karamay])
            .arg(&csv)
            .arg("--html")
            .arg(&html)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(&html).unwrap();
        assert!(text.contains(want), "{lang}: no `{want}`");
        assert!(!text.contains(gone), "{lang}: `{gone}` left");
    }
}
