//! Issue 19: a planner who works in Chinese reads every message of
//! `validate`, `check`, `solve` and `explain` in Chinese. The error corpus
//! (`errors.rs`, as TOML and as a workbook) calls `assert_chinese` on each
//! problem; the commands below run with `DRILLPLAN_LANG=zh` and their whole
//! output is held to the same stop-list. A message added in English only
//! fails here, naming the sentence.

use assert_cmd::Command;
use drillplan::diagnostics::InputError;
use std::path::Path;

/// Words no Chinese sentence of drillplan contains. Ids, file names, TOML
/// keys and formats (`HH:MM`) are single tokens with none of these words,
/// and text the planner typed is quoted (`…`, 「…」, "…") and skipped.
const STOP: &[&str] = &[
    "the", "is", "are", "not", "no", "expected", "must", "invalid", "should", "cannot", "has",
    "have", "got", "only", "neither", "nor", "than", "with", "least", "allowed", "missing",
    "unknown", "field", "type", "did", "mean", "wrote", "error", "warning", "help",
];

/// The first English word of the stop-list in `text`, outside quotes.
pub fn english_word(text: &str) -> Option<String> {
    let mut plain = String::new();
    let mut closing: Option<char> = None;
    for c in text.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '`' => closing = Some('`'),
                '「' => closing = Some('」'),
                '"' => closing = Some('"'),
                '“' => closing = Some('”'),
                c => plain.push(c),
            },
        }
    }
    // An id such as `krm-no13` or a path is one token, not the word `no`.
    plain
        .split(|c: char| !(c.is_ascii_alphanumeric() || "-_.:/\\".contains(c)))
        .find(|w| STOP.contains(&w.to_ascii_lowercase().as_str()))
        .map(str::to_string)
}

/// Fails naming the line when `text` holds an English sentence.
pub fn assert_chinese(text: &str, context: &str) {
    for line in text.lines() {
        if let Some(word) = english_word(line) {
            panic!("English `{word}` in a Chinese message:\n{line}\n--- {context}");
        }
    }
}

/// Each problem's own words (message and help) as the planner reads them.
pub fn assert_problems_chinese(err: &InputError, context: &str) {
    for p in &err.problems {
        assert_chinese(&p.message, context);
        if let Some(help) = &p.help {
            assert_chinese(help, context);
        }
    }
}

#[test]
fn the_stop_list_catches_english_and_skips_ids_and_quotes() {
    assert_eq!(
        english_word("`8` is not a time of day HH:MM").as_deref(),
        Some("is")
    );
    assert_eq!(english_word("`8` 不是时刻 HH:MM"), None);
    assert_eq!(english_word("场地 krm-no13 6月19日关闭"), None);
    assert_eq!(english_word("没有编号为 `no such id` 的场地"), None);
    assert_eq!(
        english_word("需要2 支具备 police 技能的队伍: the rest").as_deref(),
        Some("the")
    );
}

fn drillplan(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("drillplan").unwrap();
    c.env("DRILLPLAN_LANG", "zh").current_dir(dir);
    c
}

/// Runs a command; its stdout and stderr together.
fn said(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn small_in(dir: &Path) {
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/small.toml"),
        dir.join("small.toml"),
    )
    .unwrap();
}

#[test]
fn the_loop_speaks_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    let validate = said(drillplan(d).args(["validate", "small.toml"]));
    assert!(validate.contains("情景有效"), "{validate}");
    assert_chinese(&validate, "validate");
    let solve = said(drillplan(d).args([
        "solve",
        "small.toml",
        "--work-limit",
        "300",
        "-o",
        "small.csv",
    ]));
    assert!(d.join("small.csv").exists(), "{solve}");
    assert_chinese(&solve, "solve");
    let check = said(drillplan(d).args(["check", "small.toml", "small.csv"]));
    assert_chinese(&check, "check");
    let explain = said(drillplan(d).args(["explain", "small.toml", "small.csv"]));
    assert_chinese(&explain, "explain");
    // Chinese punctuation after the file's name, as every other zh line has.
    assert!(!explain.contains("small.csv: "), "{explain}");
    let export =
        said(drillplan(d).args(["export", "small.toml", "small.csv", "--html", "small.html"]));
    assert!(export.contains("已写入 small.html"), "{export}");
    assert_chinese(&export, "export");
    // A schedule of another scenario: refused in Chinese, frame and all.
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/karamay-2017.toml"),
        d.join("karamay.toml"),
    )
    .unwrap();
    let other =
        said(drillplan(d).args(["export", "karamay.toml", "small.csv", "--html", "k.html"]));
    assert!(
        other.contains("不是情景 karamay.toml 的排程") && !d.join("k.html").exists(),
        "{other}"
    );
    assert_chinese(&other, "export of another scenario's schedule");
    let whatif = said(drillplan(d).args([
        "solve",
        "small.toml",
        "--work-limit",
        "300",
        "--baseline",
        "small.csv",
        "--set",
        "venue.school-1.closed=[2017-06-19]",
        "--diff",
        "changes.csv",
        "-o",
        "new.csv",
    ]));
    assert_chinese(&whatif, "solve --baseline --set");
    let changes = std::fs::read_to_string(d.join("changes.csv")).unwrap();
    // The `change` column is the contract's English kind; `why` is the
    // planner's.
    for row in changes.lines().skip(1) {
        let why = row.rsplit(',').next().unwrap_or_default();
        assert_chinese(why, "changes.csv why");
    }
}

/// `--set`s the scenario refuses once changed: the loader's words, told
/// against the `--set`.
#[test]
fn bad_sets_are_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    for set in [
        "drill.school-fire.duration=0",
        "drill.school-fire.duration=\"an hour\"",
        "plan.slot_minutes=7",
        "venue.school-1.hours=[\"8-18\"]",
        "venue.school-1.hours=[\"18:00-08:00\"]",
        "team+={ id = \"x\" }",
        "drill.nope.duration=5",
        "nokey",
        "drill.\"school-fire.duration=5",
        "spelling.mistake=1",
        "plan.slot_minutes=\"unclosed",
    ] {
        let out = said(drillplan(d).args(["solve", "small.toml", "--set", set, "-o", "w.csv"]));
        assert!(out.contains("错误"), "{set}: {out}");
        assert_chinese(&out, set);
    }
}

/// A schedule `check` refuses, each bad in one way: its rows, dates,
/// times, teams, statuses and header are refused in Chinese.
#[test]
fn bad_schedules_are_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    let solved = said(drillplan(d).args([
        "solve",
        "small.toml",
        "--work-limit",
        "300",
        "-o",
        "good.csv",
    ]));
    let good = std::fs::read_to_string(d.join("good.csv")).unwrap_or_else(|_| panic!("{solved}"));
    let good = good.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = good.lines().collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let column = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let scheduled = lines
        .iter()
        .position(|l| l.contains(",scheduled,"))
        .expect("a scheduled row");
    // The schedule with one cell of its first scheduled row replaced.
    let with_cell = |name: &str, value: &str| {
        let mut rows: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let mut cells: Vec<&str> = lines[scheduled].split(',').collect();
        cells[column(name)] = value;
        rows[scheduled] = cells.join(",");
        rows.join("\n")
    };
    let mut cases = vec![
        ("start", with_cell("start", "25:00")),
        ("start seconds", with_cell("start", "09:00:30")),
        ("date", with_cell("date", "2017-13-01")),
        ("teams", with_cell("teams", "nobody")),
        ("status", with_cell("status", "done")),
        ("drill", with_cell("drill_id", "nope")),
        ("header", good.replacen("drill_id", "drill", 1)),
        ("empty", String::new()),
        ("short row", format!("{}\n{}", lines[0], "a,b")),
    ];
    let doubled = format!("{good}{}\n", lines[scheduled]);
    cases.push(("second row", doubled));
    for (what, text) in cases {
        std::fs::write(d.join("bad.csv"), text).unwrap();
        let out = said(drillplan(d).args(["check", "small.toml", "bad.csv"]));
        assert!(out.contains("错误"), "{what}: {out}");
        assert_chinese(&out, what);
        let explained = said(drillplan(d).args(["explain", "small.toml", "bad.csv"]));
        assert_chinese(&explained, what);
        let exported =
            said(drillplan(d).args(["export", "small.toml", "bad.csv", "--html", "b.html"]));
        assert!(exported.contains("错误"), "{what}: {exported}");
        assert_chinese(&exported, what);
    }
}

/// Problems with a file itself come before its headers or names could say
/// which language the planner writes: they follow the run's language.
#[test]
fn unreadable_files_are_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    std::fs::write(d.join("latin1.toml"), b"[plan]\nname = \"\xe9\"\n").unwrap();
    std::fs::write(d.join("old.xlsx"), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest").unwrap();
    std::fs::write(d.join("text.xlsx"), b"not a zip").unwrap();
    std::fs::write(d.join("calc.ods"), b"").unwrap();
    std::fs::write(d.join("bytes.csv"), b"drill_id\n\xff\xfe\x81\n").unwrap();
    std::fs::create_dir(d.join("folder.toml")).unwrap();
    let cases: &[(&str, &[&str])] = &[
        ("missing scenario", &["validate", "missing.toml"]),
        ("missing workbook", &["validate", "missing.xlsx"]),
        ("a folder", &["validate", "folder.toml"]),
        ("not UTF-8", &["validate", "latin1.toml"]),
        ("an .xls", &["validate", "old.xlsx"]),
        ("not a zip", &["validate", "text.xlsx"]),
        ("an .ods", &["validate", "calc.ods"]),
        ("missing schedule", &["check", "small.toml", "missing.csv"]),
        (
            "export of a missing schedule",
            &["export", "small.toml", "missing.csv", "--html", "x.html"],
        ),
        (
            "convert of a missing file",
            &["convert", "missing.xlsx", "x.toml"],
        ),
        ("convert of a folder", &["convert", "folder.toml", "x.xlsx"]),
        ("convert, not UTF-8", &["convert", "latin1.toml", "x.xlsx"]),
        (
            "neither UTF-8 nor GB18030",
            &["check", "small.toml", "bytes.csv"],
        ),
        (
            "missing baseline",
            &[
                "solve",
                "small.toml",
                "--baseline",
                "missing.csv",
                "-o",
                "x.csv",
            ],
        ),
    ];
    for (what, args) in cases {
        let out = said(drillplan(d).args(*args));
        assert!(out.contains("错误[无法读取]"), "{what}: {out}");
        assert_chinese(&out, what);
        // The whole file is at fault: 文件, not the field's key `file`.
        assert!(!out.contains("file："), "{what}: {out}");
    }
}

/// `convert` of an invalid scenario gives its problems as `validate` does,
/// in the run's language (it said `must be at least 1, got -5`).
#[test]
fn convert_refuses_an_invalid_scenario_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    let text = std::fs::read_to_string(d.join("small.toml")).unwrap();
    std::fs::write(
        d.join("bad.toml"),
        text.replacen("duration = 60", "duration = -5", 1),
    )
    .unwrap();
    let out = drillplan(d)
        .args(["convert", "bad.toml", "bad.xlsx"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("错误[取值无效]：bad.toml:"), "{said}");
    assert!(said.contains("至少为 1，实为 -5"), "{said}");
    assert_chinese(&said, "convert of an invalid scenario");
    assert!(!d.join("bad.xlsx").exists());
}

/// A problem of the whole document, a whole row or the header is filed
/// under a field of its own; a Chinese line names it in Chinese, not as
/// `(document)`.
#[test]
fn a_problem_of_the_whole_document_is_named_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    let text = std::fs::read_to_string(d.join("small.toml")).unwrap();
    std::fs::write(
        d.join("typed.toml"),
        text.replacen("duration = 60", "duration = \"60\"", 1),
    )
    .unwrap();
    let out = said(drillplan(d).args(["validate", "typed.toml"]));
    assert!(
        out.contains("：（文件）：`\"60\"` 的类型不符合此项：应为整数"),
        "{out}"
    );
    assert!(!out.contains("(document)"), "{out}");
}

/// A TOML value no workbook cell holds (a skill typed `消防，救援` with the
/// Chinese comma inside one string) is refused by `convert` in Chinese.
#[test]
fn convert_refuses_a_value_no_cell_holds_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    let text = std::fs::read_to_string(d.join("small.toml")).unwrap();
    let comma = text.replacen("skills = [\"fire\"]", "skills = [\"fire，rescue\"]", 1);
    assert_ne!(comma, text);
    std::fs::write(d.join("comma.toml"), comma).unwrap();
    let out = drillplan(d)
        .args(["convert", "comma.toml", "comma.xlsx"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("列表项 `fire，rescue`（含逗号、顿号、分号、换行，或前后有空格）无法写进工作簿的单元格；未写入任何文件"),
        "{said}"
    );
    assert_chinese(&said, "convert of a value no cell holds");
    assert!(!d.join("comma.xlsx").exists());
}

/// The summary's coverage lines name each district as the planner's file
/// does (独山子区), not by its id.
#[test]
fn the_coverage_lines_name_the_district() {
    let dir = tempfile::tempdir().unwrap();
    let karamay = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/karamay-2017.toml");
    let out = said(drillplan(dir.path()).arg("solve").arg(&karamay).args([
        "--work-limit",
        "200",
        "--quiet",
        "-o",
        "k.csv",
    ]));
    assert!(out.contains("” 独山子区："), "{out}");
    assert!(!out.contains("” dushanzi："), "{out}");
    assert_chinese(&out, "karamay");
}

/// A command line the argument parser refuses is told in Chinese too, with
/// what the planner typed and the nearest flag; in English as clap says it.
#[test]
fn a_bad_command_line_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    let cases: &[(&[&str], &str)] = &[
        (
            &["solve", "small.toml", "--time-limit", "0"],
            "0 秒超出范围",
        ),
        (
            &["solve", "small.toml", "--threads", "999"],
            "应为 1 至 256",
        ),
        (
            &["solve", "small.toml", "--work-limit", "abc"],
            "`abc` 不是数字",
        ),
        (
            &["solve", "small.toml", "--time-limt", "5"],
            "是否为 `--time-limit`",
        ),
        (&["sovle", "small.toml"], "无法识别的命令 `sovle`"),
        // A value of any form has no list of choices to show.
        (
            &["solve", "small.toml", "--set"],
            "参数 --set <键=值> 缺少值\n",
        ),
        (
            &["solve", "small.toml", "--time-limit", "-1"],
            "无法识别的参数 `-1`（负数不能作为参数的值",
        ),
        (&["check", "small.toml"], "缺少必需的参数"),
    ];
    for (args, want) in cases {
        let out = drillplan(d).args(*args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(want), "{args:?}: {said}");
        assert_chinese(&said, &format!("{args:?}"));
    }
    // A language drillplan does not speak: in Chinese first, then in
    // English, since which of the two is meant is what is in doubt.
    let out = drillplan(d)
        .args(["validate", "small.toml", "--lang", "fr"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with("错误：--lang fr：drillplan 支持 zh（中文）和 en（英文）两种语言")
            && said.contains("\nerror: --lang fr: drillplan speaks zh (Chinese) and en (English)"),
        "{said}"
    );
    // `--lang zh` on the line itself decides, before the rest is read.
    let out = Command::cargo_bin("drillplan")
        .unwrap()
        .env("DRILLPLAN_LANG", "en")
        .current_dir(d)
        .args(["solve", "small.toml", "--lang", "zh", "--threads", "0"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("超出范围"), "{said}");
    let out = Command::cargo_bin("drillplan")
        .unwrap()
        .env("DRILLPLAN_LANG", "en")
        .current_dir(d)
        .args(["solve", "small.toml", "--threads", "0"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("0 is out of range: from 1 to 256"), "{said}");
}

/// Output paths refused before anything is solved are told in Chinese.
#[test]
fn bad_output_paths_are_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    std::fs::create_dir(d.join("folder")).unwrap();
    std::fs::write(d.join("calendars"), "a file").unwrap();
    let cases: &[(&[&str], &str)] = &[
        (&["-o", "out/"], "以 `/` 结尾"),
        (&["-o", "folder"], "是文件夹"),
        (&["-o", "x.csv", "--xlsx", "-"], "只有 --output"),
        (&["-o", "x.csv", "--rosters", "x.csv"], "是同一个文件"),
        (&["-o", "x.csv", "--ics", "calendars"], "不是文件夹"),
        (&["-o", "nowhere/x.csv"], "不存在"),
    ];
    for (args, want) in cases {
        let out = drillplan(d)
            .args(["solve", "small.toml", "--work-limit", "10"])
            .args(*args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains(want), "{args:?}: {said}");
        assert_chinese(&said, &format!("{args:?}"));
    }
}

/// A baseline that cannot be read, beside a Chinese scenario and with no
/// language asked for: the scenario, read first, settles Chinese, so the
/// refusal is not in the shell's locale (a planner in Calc met English).
#[test]
fn a_missing_baseline_is_refused_in_the_scenarios_language() {
    let dir = tempfile::tempdir().unwrap();
    let karamay = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/karamay-2017.toml");
    let out = Command::cargo_bin("drillplan")
        .unwrap()
        .env_remove("DRILLPLAN_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .current_dir(dir.path())
        .arg("solve")
        .arg(&karamay)
        .args([
            "--baseline",
            "没有.csv",
            "-o",
            "s.csv",
            "--work-limit",
            "10",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("错误[无法读取]：没有.csv"), "{said}");
    assert!(!dir.path().join("s.csv").exists());
}

/// `export` says what it wrote, and why it refuses a schedule that breaks
/// rules, in Chinese: it said `wrote x.html` and listed the broken rules
/// as `rule 1: ... the end in the file ... no longer matches ...`.
#[test]
fn export_speaks_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    let solve = said(drillplan(d).args([
        "solve",
        "small.toml",
        "--work-limit",
        "300",
        "-o",
        "small.csv",
    ]));
    assert!(d.join("small.csv").exists(), "{solve}");
    let export = said(drillplan(d).args(["export", "small.toml", "small.csv", "--html", "w.html"]));
    assert!(export.contains("已写入 w.html"), "{export}");
    assert_chinese(&export, "export");
    // The first scheduled drill moved to 03:00, before any venue opens.
    let text = std::fs::read_to_string(d.join("small.csv")).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let row = lines
        .iter()
        .position(|l| l.contains(",scheduled,"))
        .expect("a scheduled drill");
    let mut cells: Vec<String> = lines[row].split(',').map(str::to_string).collect();
    cells[9] = "03:00".into();
    lines[row] = cells.join(",");
    std::fs::write(d.join("moved.csv"), lines.join("\n") + "\n").unwrap();
    let out = drillplan(d)
        .args(["export", "small.toml", "moved.csv", "--html", "m.html"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains("  规则 ") && said.contains("未导出任何文件"),
        "{said}"
    );
    assert_chinese(&said, "export of a broken schedule");
    assert!(!d.join("m.html").exists());
}

/// With no `--lang` and a locale that is not Chinese, a Chinese scenario
/// settles the language before its `--set`s are applied: a `--set` naming
/// a venue that does not exist, or a date typed `6月21日`, was refused in
/// English (`no [[venue]] with id`, `invalid type: string "6月21日"`).
#[test]
fn a_bad_set_on_a_chinese_scenario_is_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    for set in [
        "venue.school-2.closed+=2017-06-19",
        "venue.school-1.closed+=6月19日",
        // Applies, but leaves the scenario invalid: the loader's words too.
        r#"team+={ id = "bad id", skills = ["fire"], district = "krm", base = [45.6, 84.9] }"#,
    ] {
        let out = Command::cargo_bin("drillplan")
            .unwrap()
            .current_dir(d)
            .env_remove("DRILLPLAN_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .args(["solve", "small.toml", "--set", set, "-o", "w.csv"])
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{set}: {said}");
        assert!(said.contains("错误["), "{set}: {said}");
        assert!(
            !said.contains("invalid type") && !said.contains("no [["),
            "{set}: {said}"
        );
        assert_chinese(&said, set);
        assert!(!d.join("w.csv").exists(), "{set}: a schedule was written");
    }
}

/// A `--set` on a workbook names what the planner sees: the sheet and its
/// columns, not `[[drill]]` and `duration`, in the run's language; on a
/// TOML file, the tables as the file has them.
#[test]
fn a_bad_set_on_a_workbook_names_its_sheets_and_columns() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    said(drillplan(d).args(["convert", "small.toml", "small.xlsx"]));
    let cases = [
        (
            "drill.没有这项.duration=30",
            "「演练」表中没有「编号」为 `没有这项` 的行",
            "no row of the 演练 sheet has `编号` `没有这项`",
        ),
        (
            "conflict.#9.gap=5",
            "「冲突」表中没有第 9 行；共 1 行数据",
            "the 冲突 sheet has no row #9; it has 1 row(s) of values",
        ),
        (
            "venue.kg-1.name+=x",
            "「名称」 只有一个值，不是列表",
            "`名称` holds one value, not a list",
        ),
        (
            "standby.krm.rescue.keep=1",
            "「备勤」表中没有「区域」为 `krm`、「技能」为 `rescue` 的行",
            "no row of the 备勤 sheet has `区域` `krm` and `技能` `rescue`",
        ),
        // Applied, then refused by the validator: at the sheet and column.
        (
            "venue.school-1.district=nowhere",
            "「场地」表 `school-1` 的「区域」：没有编号为 `nowhere` 的区域",
            "场地 sheet, `school-1`, 区域: no district has id `nowhere`",
        ),
    ];
    for (set, zh, en) in cases {
        for (lang, want) in [("zh", zh), ("en", en)] {
            let out = drillplan(d)
                .args([
                    "solve",
                    "small.xlsx",
                    "--lang",
                    lang,
                    "--set",
                    set,
                    "-o",
                    "w.csv",
                ])
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{set}: {text}");
            assert!(
                text.contains(want),
                "{set} ({lang}): missing `{want}` in {text}"
            );
            assert!(!text.contains("[["), "{set} ({lang}): {text}");
        }
    }
    // The TOML file keeps its own names.
    let text = said(drillplan(d).args([
        "solve",
        "small.toml",
        "--set",
        "drill.没有这项.duration=30",
        "-o",
        "w.csv",
    ]));
    assert!(
        text.contains("没有 id 为 `没有这项` 的 [[drill]]"),
        "{text}"
    );
    assert!(!d.join("w.csv").exists());
}

/// A pinned start in another year than the plan's (a date a spreadsheet
/// gave the current year) leaves its drill no start: solve says which
/// start, with its year, and which rule, not a list of what it might be.
#[test]
fn a_pin_in_another_year_is_named_with_its_year() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/scenarios/small.toml").unwrap()
        + "\n[[pin]]\ndrill = \"school-fire\"\nstart = 2016-06-19T09:00:00\n";
    std::fs::write(dir.path().join("pinned.toml"), text).unwrap();
    let out = said(drillplan(dir.path()).args(["solve", "pinned.toml", "-o", "p.csv", "-q"]));
    assert!(
        out.contains("school-fire：其固定开始时间违反规则 1-3：school-fire（2016年6月19日 09:00-10:00）不在计划日内"),
        "{out}"
    );
    assert!(!dir.path().join("p.csv").exists());
}

/// `--lang` before the command outranks `DRILLPLAN_LANG`, as after it: it
/// was taken off the line the command parsed, and the environment then set
/// the summary's language, while warnings kept the flag's (a mixed page).
#[test]
fn a_lang_before_the_command_outranks_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    small_in(dir.path());
    let out = said(drillplan(dir.path()).args(["--lang", "en", "validate", "small.toml"]));
    assert!(out.contains("small.toml: valid scenario"), "{out}");
    assert!(!out.contains("情景有效"), "{out}");
    let out = said(drillplan(dir.path()).env("DRILLPLAN_LANG", "en").args([
        "--lang=zh",
        "solve",
        "small.toml",
        "--work-limit",
        "50",
        "-o",
        "s.csv",
    ]));
    assert!(out.contains("已安排演练"), "{out}");
    assert!(!out.contains("scheduled drills"), "{out}");
}

/// A drill pinned twice (a row copied and edited) at two starts, each fine
/// alone, and one pinned at a start with seconds: solve said both broke
/// "rule 1, 2 or 3 (off the time grid, not a plan day, ...)", which neither
/// does; it names the two starts, and the seconds.
#[test]
fn pins_that_disagree_or_carry_seconds_are_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let base = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let twice = base.clone()
        + "\n[[pin]]\ndrill = \"school-fire\"\nstart = 2017-06-19T09:00:00\n\n[[pin]]\ndrill = \"school-fire\"\nstart = 2017-06-20T09:00:00\n";
    std::fs::write(dir.path().join("twice.toml"), twice).unwrap();
    let out = said(drillplan(dir.path()).args(["solve", "twice.toml", "-o", "p.csv", "-q"]));
    assert!(
        out.contains("school-fire：其多条固定设置给出不同的开始时间（6月19日 09:00、6月20日 09:00），而一项演练只举行一次"),
        "{out}"
    );
    let out = said(drillplan(dir.path()).args(["validate", "twice.toml", "--lang", "en"]));
    assert!(
        out.contains("its pins give different starts (2017-06-19 09:00, 2017-06-20 09:00)"),
        "{out}"
    );
    let seconds = base + "\n[[pin]]\ndrill = \"school-fire\"\nstart = 2017-06-19T09:00:30\n";
    std::fs::write(dir.path().join("seconds.toml"), seconds).unwrap();
    let out = said(drillplan(dir.path()).args(["solve", "seconds.toml", "-o", "p.csv", "-q"]));
    assert!(
        out.contains("school-fire：其固定开始时间 6月19日 09:00 多出 30 秒；开始时间须为整分钟"),
        "{out}"
    );
    assert!(!dir.path().join("p.csv").exists());
}

/// A drill moved in Excel by typing `6/20`: Excel saves the date of the
/// current year. check names the date in the plan's year it most likely is.
#[test]
fn a_schedule_date_in_the_current_year_names_the_plan_day_meant() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    small_in(d);
    let solved =
        said(drillplan(d).args(["solve", "small.toml", "--work-limit", "300", "-o", "s.csv"]));
    let text = std::fs::read_to_string(d.join("s.csv")).unwrap_or_else(|_| panic!("{solved}"));
    let row = text.lines().find(|l| l.contains(",scheduled,")).unwrap();
    let date = row.split(',').nth(7).unwrap().to_string();
    let moved = row.replacen(
        &date,
        &date.replacen("2017", "2026", 1).replace('-', "/"),
        1,
    );
    std::fs::write(d.join("moved.csv"), text.replacen(row, &moved, 1)).unwrap();
    let out = said(drillplan(d).args(["check", "small.toml", "moved.csv"]));
    assert!(
        out.contains(&format!(
            "不在计划日内；是否为 {date}？表格软件会给不带年份输入的日期（如 6/21）补上当年年份"
        )),
        "{out}"
    );
}

/// A city typed in LibreOffice Calc (zh-CN) with the plan's dates typed
/// `6/21` and `6/25`: Calc made them date cells of the current year, 2026,
/// though the plan's name says 2027. validate says so at both cells.
#[test]
fn plan_dates_of_another_year_than_the_plan_name_says_are_named_at_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    let book = std::fs::canonicalize("tests/fixtures/calc/plan-dates-without-year.xlsx").unwrap();
    let out = said(drillplan(dir.path()).arg("validate").arg(&book));
    for at in [
        "计划!B2：开始日期：日期单元格为 2026-06-21",
        "计划!C2：结束日期：日期单元格为 2026-06-25",
    ] {
        assert!(out.contains(at), "{at}\n{out}");
    }
    assert!(out.contains("但计划名称写的是 2027 年"), "{out}");
}

/// A command refused before it reads a Chinese workbook (an output path
/// that is the input, a folder that does not exist, convert onto an
/// existing file) answers in the workbook's language, under an English or
/// C locale too.
#[test]
fn refusals_before_reading_a_chinese_workbook_are_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let mut generate = drillplan(dir.path());
    generate.args([
        "generate",
        "--drills",
        "12",
        "--lang",
        "zh",
        "-o",
        "city.xlsx",
    ]);
    assert!(generate.output().unwrap().status.success());
    std::fs::write(dir.path().join("taken.xlsx"), b"x").unwrap();
    for (args, expected) in [
        (
            &["solve", "city.xlsx", "-o", "city.xlsx"][..],
            "是同一个文件",
        ),
        (&["solve", "city.xlsx", "-o", "nowhere/x.csv"][..], "不存在"),
        (
            &["convert", "city.xlsx", "taken.xlsx"][..],
            "已存在；如要替换，请加 --force",
        ),
    ] {
        let mut cmd = drillplan(dir.path());
        cmd.env_remove("DRILLPLAN_LANG")
            .env("LANG", "C.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .args(args);
        let out = said(&mut cmd);
        assert!(out.contains(expected), "{args:?}: {out}");
        assert!(out.starts_with("错误："), "{args:?}: {out}");
    }
}

/// A city typed in LibreOffice Calc (zh-CN) whose pin 锁定!B3 was typed
/// `6/24 10:00`: Calc made it 2026-06-24 10:00 in a 2027 plan. validate
/// warns at the cell with the date and time; solve cannot place the drill
/// and says it is off the plan, with the year.
#[test]
fn a_pin_calc_gave_the_current_year_is_named_at_its_cell_and_by_solve() {
    let dir = tempfile::tempdir().unwrap();
    let book = std::fs::canonicalize("tests/fixtures/calc/pin-typed-without-year.xlsx").unwrap();
    let out = said(drillplan(dir.path()).arg("validate").arg(&book));
    assert!(
        out.contains(
            "锁定!B3：开始时间：`2026-06-24 10:00` 照原样读入，但计划为 2027-06-21 至 2027-06-25"
        ),
        "{out}"
    );
    assert!(
        out.contains("如指 2027-06-24 10:00，请连同年份输入"),
        "{out}"
    );
    let out = said(
        drillplan(dir.path())
            .arg("solve")
            .arg(&book)
            .args(["-o", "p.csv", "-q"]),
    );
    assert!(out.contains("（2026年6月24日 10:00-"), "{out}");
    assert!(out.contains("不在计划日内"), "{out}");
}
