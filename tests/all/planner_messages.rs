//! What a planner reads (issue 19): `check` states times as a clock and a
//! date, never minutes of the day; standby rules are named by the
//! district's name and the skill's label in every command; the progress
//! lines speak the run's language from the first one, the reading line
//! included.

use assert_cmd::Command;
use std::path::Path;

/// One Chinese district with a standby rule on its two fire teams, a school
/// open 09:00-12:00 taking two drills at once, a drill with a window, and
/// one drill needing both fire teams (which the standby rule forbids).
const CITY: &str = r#"
[plan]
name = "克拉玛依演练周"
start = 2027-06-21
end = 2027-06-22
slot_minutes = 15

[[district]]
id = "krm"
name = "克拉玛依区"

[[venue]]
id = "school"
name = "第一中学"
district = "krm"
location = [45.59, 84.87]
hours = ["09:00-12:00"]
capacity = 2

[[team]]
id = "fire-1"
name = "消防一中队"
skills = ["fire"]
district = "krm"
base = [45.59, 84.87]
hours = "07:00-19:00"

[[team]]
id = "fire-2"
name = "消防二中队"
skills = ["fire"]
district = "krm"
base = [45.59, 84.87]
hours = "07:00-19:00"

[[drill]]
id = "evac"
name = "疏散演练"
venue = "school"
duration = 60
needs = [{ skill = "fire" }]
window = { from = 2027-06-21T09:00:00, to = 2027-06-21T11:00:00 }

[[drill]]
id = "smoke"
name = "烟雾演练"
venue = "school"
duration = 60
needs = [{ skill = "fire" }]

[[drill]]
id = "big"
name = "联合演练"
venue = "school"
duration = 60
needs = [{ skill = "fire", count = 2 }]

[[standby]]
district = "krm"
skill = "fire"
keep = 1
"#;

const HEADER: &str = "drill_id,drill_name,venue_id,venue_name,district,kind,sector,date,weekday,\
start,end,duration_min,teams,team_names,priority,mandatory,status,reason";

/// evac at 08:00 (before the school opens and its window), its end cell
/// saying 09:30; smoke at 08:30: both fire teams in drills at 08:30,
/// where the standby rule keeps one free.
fn bad_schedule() -> String {
    [
        HEADER,
        "evac,疏散演练,school,第一中学,krm,,,2027-06-21,Mon,08:00,09:30,60,fire-1,消防一中队,1,false,scheduled,",
        "smoke,烟雾演练,school,第一中学,krm,,,2027-06-21,Mon,08:30,09:30,60,fire-2,消防二中队,1,false,scheduled,",
        "big,联合演练,school,第一中学,krm,,,,,,,60,,,1,false,unscheduled,",
    ]
    .join("\n")
        + "\n"
}

fn city_in(dir: &Path) {
    std::fs::write(dir.join("city.toml"), CITY).unwrap();
    std::fs::write(dir.join("bad.csv"), bad_schedule()).unwrap();
}

fn drillplan(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("drillplan").unwrap();
    c.current_dir(dir)
        .env_remove("DRILLPLAN_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    c
}

/// stdout and stderr of a run.
fn run(cmd: &mut Command) -> (String, String) {
    let out = cmd.output().unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_states_clock_times_dates_and_minutes_in_english() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    city_in(d);
    let (out, err) = run(drillplan(d).args(["check", "--lang", "en", "city.toml", "bad.csv"]));
    for line in [
        "rule 1: evac (2027-06-21 08:00-09:00): the end in the file, 09:30, no longer matches the start and the drill's 60 minutes; the end should be 09:00 (a drill moved by its start needs its end changed too)",
        "rule 2: evac (2027-06-21 08:00-09:00): outside the opening hours of venue school (09:00-12:00)",
        "rule 3: evac (2027-06-21 08:00-09:00) lies outside the drill's window, 2027-06-21 09:00 to 2027-06-21 11:00",
        "rule 2: smoke (2027-06-21 08:30-09:30): outside the opening hours of venue school (09:00-12:00)",
        "rule 10: standby (克拉玛依区: keep ≥1 fire) keeps 1 of 2 teams free, but on 2027-06-21 at 08:30 more than 1 are in drills: evac, smoke",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line:?} in\n{out}{err}");
    }
    // No minute of the day (480, 510, 540, 570) stands for a time.
    for minutes in ["480", "510", "540", "570"] {
        assert!(!out.contains(minutes), "{minutes} in\n{out}");
    }
    assert!(
        !out.contains("krm"),
        "a district id where its name belongs:\n{out}"
    );
}

#[test]
fn check_states_clock_times_and_chinese_dates_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    city_in(d);
    // No --lang: the scenario's Chinese names choose, over the C locale.
    let (out, err) = run(drillplan(d).args(["check", "city.toml", "bad.csv"]));
    for line in [
        "规则 1：evac（6月21日 08:00-09:00）：文件中的结束时间 09:30 与开始时间和演练时长 60 分钟不再相符；结束时间应为 09:00（改期时开始和结束时间都要改）",
        "规则 2：evac（6月21日 08:00-09:00）：超出场地 school 的开放时段（09:00-12:00）",
        "规则 3：evac（6月21日 08:00-09:00）超出演练的时间窗（6月21日 09:00 至 6月21日 11:00）",
        "规则 10：备勤规则（克拉玛依区 消防 留守≥1）要求 2 支队伍中留守 1 支，但 6月21日 08:30 有超过 1 支在演练：evac、smoke",
    ] {
        assert!(out.lines().any(|l| l == line), "missing {line:?} in\n{out}{err}");
    }
    assert!(
        !out.contains("2027-06-21"),
        "an ISO date in Chinese:\n{out}"
    );
    assert!(!out.contains("fire") && !out.contains("krm"), "{out}");
    assert!(err.contains("不可行"), "{err}");
}

#[test]
fn standby_rules_are_named_by_district_name_and_skill_label_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    city_in(d);
    let zh = "克拉玛依区 消防 留守≥1";
    let en = "克拉玛依区: keep ≥1 fire";
    // validate: the count agrees in number and the rule is named.
    let (out, err) = run(drillplan(d).args(["validate", "city.toml"]));
    assert!(out.contains(&format!("1 条备勤规则（{zh}）")), "{out}");
    assert!(
        err.contains(&format!("big 无法安排：备勤规则（{zh}）")),
        "{err}"
    );
    let (out, err) = run(drillplan(d).args(["validate", "--lang", "en", "city.toml"]));
    assert!(
        out.contains(&format!(
            "0 conflict sets, 1 standby rule ({en}), 0 coverage rows"
        )),
        "{out}"
    );
    assert!(
        err.contains(&format!("standby ({en}) keeps 1 of its 2 teams free")),
        "{err}"
    );
    // solve: the drill left out, with its reason.
    let (out, err) = run(drillplan(d).args([
        "solve",
        "city.toml",
        "--work-limit",
        "100",
        "-q",
        "-o",
        "good.csv",
    ]));
    let left_out = out
        .lines()
        .find(|l| l.contains("未安排 big"))
        .unwrap_or_else(|| panic!("{out}{err}"));
    assert!(
        left_out.contains(&format!("备勤规则（{zh}）")),
        "{left_out}"
    );
    // explain: the root cause and the fix, with the rule named; the command
    // keeps the ids a `--set` key needs.
    let (out, err) = run(drillplan(d).args(["explain", "city.toml", "good.csv", "big"]));
    assert!(
        out.contains(&format!("备勤规则（{zh}）要求 2 支队伍中留守 1 支")),
        "{out}{err}"
    );
    assert!(
        out.contains(&format!("备勤规则（{zh}）改为留守 0 支")),
        "{out}"
    );
    assert!(out.contains("--set standby.krm.fire.keep=0"), "{out}");
    let (out, _) =
        run(drillplan(d).args(["explain", "--lang", "en", "city.toml", "good.csv", "big"]));
    assert!(
        out.contains(&format!("standby ({en}): keep 0 instead of 1 teams free")),
        "{out}"
    );
    // The report's standby lane, as the workbook's.
    let (_, err) =
        run(drillplan(d).args(["export", "city.toml", "good.csv", "--html", "good.html"]));
    let html = std::fs::read_to_string(d.join("good.html")).unwrap_or_else(|_| panic!("{err}"));
    assert!(html.contains(zh), "no standby lane named {zh}");
    assert!(!html.contains("krm fire"), "a lane named by ids");
}

/// The first progress line of `solve` on `city.toml`, its other lines and
/// its summary's phase line, with `env` set and `args` added.
fn progress(env: &[(&str, &str)], args: &[&str]) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    city_in(d);
    let mut cmd = drillplan(d);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.args(["solve", "city.toml", "--work-limit", "50", "-o", "s.csv"])
        .args(args);
    let (out, err) = run(&mut cmd);
    let first = err
        .lines()
        .next()
        .unwrap_or_else(|| panic!("no progress:\n{out}"))
        .to_string();
    (first, err)
}

#[test]
fn the_reading_line_follows_the_runs_language_not_the_locale() {
    // A Chinese scenario under an English locale: Chinese from the first line.
    let (first, err) = progress(&[("LANG", "en_US.UTF-8")], &[]);
    assert!(first.ends_with("  读取"), "{err}");
    assert!(!err.contains("reading") && !err.contains("search"), "{err}");
    // --lang wins over the scenario and the locale, from the first line.
    let (first, err) = progress(&[("LANG", "zh_CN.UTF-8")], &["--lang", "en"]);
    assert!(first.ends_with("  reading"), "{err}");
    assert!(!err.contains("读取") && !err.contains("搜索"), "{err}");
    // So does DRILLPLAN_LANG.
    let (first, err) = progress(&[("LANG", "zh_CN.UTF-8"), ("DRILLPLAN_LANG", "en")], &[]);
    assert!(first.ends_with("  reading"), "{err}");
    assert!(!err.contains("读取"), "{err}");
    // A what-if's changed scenario settles the language as the file would.
    let (first, err) = progress(
        &[("LANG", "en_US.UTF-8")],
        &["--set", "drill.big.priority=2"],
    );
    assert!(first.ends_with("  读取"), "{err}");
    assert!(
        !err.contains("reading") && !err.contains("what-if"),
        "{err}"
    );
}

/// A plan whose name was left empty (its 名称 cell cleared) was said valid
/// as `情景有效「」`, an empty quote; now the quote is left out.
#[test]
fn a_plan_without_a_name_is_said_valid_without_an_empty_quote() {
    let dir = tempfile::tempdir().unwrap();
    let text = CITY.replacen("name = \"克拉玛依演练周\"\n", "", 1);
    assert_ne!(text, CITY);
    std::fs::write(dir.path().join("s.toml"), text).unwrap();
    for (lang, said) in [
        ("zh", "s.toml：情景有效，2027-06-21 至 2027-06-22（2 天）"),
        (
            "en",
            "s.toml: valid scenario, 2027-06-21 to 2027-06-22 (2 days)",
        ),
    ] {
        let out = Command::cargo_bin("drillplan")
            .unwrap()
            .args(["validate", "s.toml", "--lang", lang])
            .current_dir(dir.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}");
        assert!(stdout.starts_with(said), "{stdout}");
        assert!(
            !stdout.contains("「」") && !stdout.contains("\"\""),
            "{stdout}"
        );
    }
}
