//! The error corpus: one small bad scenario per case of section 2 of
//! `docs/scenario-format.md`. Each marks the offending line with `# <-`; the test asserts the
//! kind of error and that it points at that line.

use drillplan::diagnostics::ProblemKind::{self, *};
use drillplan::lang::Lang;
use drillplan::scenario::{parse, parse_in};

use crate::xlsx_case;

const VALID: &str = r#"
[plan]
name = "测试"
start = 2017-06-19
end = 2017-06-21

[[district]]
id = "krm"
name = "克拉玛依区"

[[venue]]
id = "school"
name = "第一中学"
district = "krm"
location = [45.59, 84.87]

[[team]]
id = "fire-1"
skills = ["fire"]
district = "krm"
base = [45.60, 84.88]

[[team]]
id = "obs"
skills = ["observe"]
district = "krm"
base = [45.60, 84.88]

[[drill]]
id = "evac"
venue = "school"
duration = 60
needs = [{ skill = "fire" }]
"#;

/// Parses `text` and asserts its first error has `kind` and points at the `# <-` line.
fn expect(text: &str, kind: ProblemKind) {
    let marked = text.lines().position(|l| l.contains("# <-")).map(|i| i + 1);
    let err = parse("bad.toml", text).expect_err("the scenario should be refused");
    let first = &err.problems[0];
    assert_eq!(first.kind, kind, "{}", err.render(false));
    if let Some(line) = marked {
        assert_eq!(
            first.line_col.map(|lc| lc.0),
            Some(line),
            "{}",
            err.render(false)
        );
    }
    let rendered = err.render(true);
    assert!(rendered.contains("bad.toml:"), "{rendered}");
    // The same case told in Chinese has no English sentence (issue 19).
    let zh = parse_in("bad.toml", text, Lang::Zh).expect_err("refused in Chinese too");
    assert_eq!(zh.kinds(), err.kinds(), "{}", zh.render(false));
    crate::zh_messages::assert_problems_chinese(&zh, text);
    // The same case as a workbook: same kind, field and help, at a cell.
    xlsx_case::check(text, &err);
}

fn with(extra: &str) -> String {
    format!("{VALID}\n{extra}")
}

fn replace(from: &str, to: &str) -> String {
    assert!(VALID.contains(from), "{from}");
    VALID.replacen(from, to, 1)
}

#[test]
fn the_base_scenario_is_valid() {
    parse("ok.toml", VALID).unwrap();
}

#[test]
fn syntax_and_type_errors() {
    expect(&replace("duration = 60", "duration = 60 60 # <-"), Syntax);
    expect(
        &replace("duration = 60", "duration = \"an hour\" # <-"),
        Syntax,
    );
    expect(
        &replace(
            "location = [45.59, 84.87]",
            "location = [45.59, \"east\"] # <-",
        ),
        Syntax,
    );
    expect("", MissingField);
    expect("\u{0}\u{1}binary", Syntax);
}

#[test]
fn unknown_keys() {
    expect(
        &replace("duration = 60", "duration = 60\ndurration = 5 # <-"),
        UnknownKey,
    );
    expect(&with("[objectives] # <-\ntravel = 1"), UnknownKey);
}

#[test]
fn missing_required_fields() {
    expect(&replace("start = 2017-06-19\n", ""), MissingField);
    expect(&replace("end = 2017-06-21\n", ""), MissingField);
    expect(
        &replace("district = \"krm\"\nlocation", "location"),
        MissingField,
    );
    expect(&replace("location = [45.59, 84.87]\n", ""), MissingField);
    expect(&replace("skills = [\"fire\"]\n", ""), MissingField);
    expect(&replace("base = [45.60, 84.88]\n", ""), MissingField);
    expect(&replace("venue = \"school\"\n", ""), MissingField);
    expect(&replace("duration = 60\n", ""), MissingField);
    expect(
        &replace("needs = [{ skill = \"fire\" }]\n", ""),
        MissingField,
    );
    expect(&replace("id = \"evac\"\n", ""), MissingField);
}

#[test]
fn duplicate_ids() {
    expect(
        &with("[[drill]]\nid = \"evac\" # <-\nvenue = \"school\"\nduration = 30\nneeds = []"),
        DuplicateId,
    );
    expect(&with("[[district]]\nid = \"krm\" # <-"), DuplicateId);
}

#[test]
fn references_to_missing_ids_name_the_existing_ones() {
    let text = replace("venue = \"school\"", "venue = \"schol\" # <-");
    expect(&text, UnknownReference);
    let err = parse("bad.toml", &text).unwrap_err();
    assert!(err.problems[0].help.as_deref().unwrap().contains("school"));
    expect(
        &replace("{ skill = \"fire\" }]", "{ team = \"fire-9\" }] # <-"),
        UnknownReference,
    );
    expect(
        &with("[[standby]]\ndistrict = \"dsz\" # <-\nskill = \"fire\"\nkeep = 0"),
        UnknownReference,
    );
    expect(
        &with("[[conflict]]\ndrills = [\"nope\"] # <-"),
        UnknownReference,
    );
}

#[test]
fn plan_dates_and_slots() {
    expect(
        &replace("end = 2017-06-21", "end = 2017-06-18 # <-"),
        BadValue,
    );
    expect(
        &replace("end = 2017-06-21", "end = 2017-08-20 # <-"),
        BadValue,
    );
    expect(
        &replace(
            "end = 2017-06-21",
            "end = 2017-06-21\nslot_minutes = 7 # <-",
        ),
        BadValue,
    );
    expect(
        &replace(
            "end = 2017-06-21",
            "end = 2017-06-21\nslot_minutes = 0 # <-",
        ),
        BadValue,
    );
    expect(
        &replace("start = 2017-06-19", "start = 2017-06-19T08:00:00 # <-"),
        BadValue,
    );
}

#[test]
fn windows() {
    expect(
        &replace(
            "end = 2017-06-21",
            "end = 2017-06-21\nhours = \"8-18\" # <-",
        ),
        BadValue,
    );
    expect(
        &replace(
            "end = 2017-06-21",
            "end = 2017-06-21\nhours = \"18:00-08:00\" # <-",
        ),
        BadValue,
    );
    expect(
        &replace(
            "location = [45.59, 84.87]",
            "location = [45.59, 84.87]\nhours = [\"09:00-09:00\"] # <-",
        ),
        BadValue,
    );
    expect(
        &replace(
            "base = [45.60, 84.88]",
            "base = [45.60, 84.88]\nhours = \"25:00-26:00\" # <-",
        ),
        BadValue,
    );
}

#[test]
fn coordinates() {
    expect(
        &replace("location = [45.59, 84.87]", "location = [95.0, 84.87] # <-"),
        BadValue,
    );
    expect(
        &replace(
            "location = [45.59, 84.87]",
            "location = [45.59, -181.0] # <-",
        ),
        BadValue,
    );
    expect(
        &replace("location = [45.59, 84.87]", "location = [45.59] # <-"),
        BadValue,
    );
    expect(
        &replace("base = [45.60, 84.88]", "base = [nan, 84.88] # <-"),
        BadValue,
    );
}

#[test]
fn counts_below_one() {
    expect(
        &replace(
            "location = [45.59, 84.87]",
            "location = [45.59, 84.87]\ncapacity = 0 # <-",
        ),
        BadValue,
    );
    expect(&replace("duration = 60", "duration = 0 # <-"), BadValue);
    expect(
        &replace("duration = 60", "duration = 60\npriority = 0 # <-"),
        BadValue,
    );
    expect(
        &replace(
            "{ skill = \"fire\" }]",
            "{ skill = \"fire\", count = 0 }] # <-",
        ),
        BadValue,
    );
    expect(
        &replace(
            "base = [45.60, 84.88]",
            "base = [45.60, 84.88]\nmax_drills_per_day = 0 # <-",
        ),
        BadValue,
    );
    expect(
        &replace(
            "base = [45.60, 84.88]",
            "base = [45.60, 84.88]\nmax_minutes_per_day = -5 # <-",
        ),
        BadValue,
    );
}

#[test]
fn needs() {
    expect(
        &replace(
            "{ skill = \"fire\" }]",
            "{ team = \"obs\", count = 2 }] # <-",
        ),
        BadValue,
    );
    expect(
        &replace(
            "{ skill = \"fire\" }]",
            "{ skill = \"fire\", team = \"obs\" }] # <-",
        ),
        BadValue,
    );
    expect(
        &replace("{ skill = \"fire\" }]", "{ count = 2 }] # <-"),
        BadValue,
    );
    expect(
        &replace(
            "{ skill = \"fire\" }]",
            "{ team = \"obs\" }, { team = \"obs\" }] # <-",
        ),
        DuplicateId,
    );
}

#[test]
fn standby_keeps_more_than_exist() {
    expect(
        &with("[[standby]]\ndistrict = \"krm\"\nskill = \"fire\"\nkeep = 2 # <-"),
        BadValue,
    );
    expect(
        &with("[[standby]]\ndistrict = \"krm\"\nskill = \"fire\"\nkeep = -1 # <-"),
        BadValue,
    );
    parse(
        "ok.toml",
        &with("[[standby]]\ndistrict = \"krm\"\nskill = \"fire\"\nkeep = 1"),
    )
    .unwrap();
}

#[test]
fn pins() {
    expect(&with("[[pin]]\ndrill = \"evacc\" # <-"), UnknownReference);
    expect(
        &with("[[pin]]\ndrill = \"evac\"\nteams = [\"fire-2\"] # <-"),
        UnknownReference,
    );
    expect(
        &with("[[pin]]\ndrill = \"evac\"\nstart = 2017-06-19 # <-"),
        BadValue,
    );
}

#[test]
fn venue_and_team_ids_must_differ() {
    expect(
        &replace("id = \"obs\"", "id = \"school\" # <-"),
        DuplicateId,
    );
}

#[test]
fn travel_settings_and_overrides() {
    let o = "[[travel.override]]\nfrom = \"fire-1\"\nto = \"school\"\nminutes = 5\n";
    parse("ok.toml", &with(o)).unwrap();
    expect(
        &with(&format!(
            "{o}[[travel.override]]\nfrom = \"school\" # <-\nto = \"fire-1\"\nminutes = 7\n"
        )),
        DuplicateId,
    );
    expect(
        &with("[[travel.override]]\nfrom = \"nowhere\" # <-\nto = \"school\"\nminutes = 7\n"),
        UnknownReference,
    );
    expect(&with("[travel]\nspeed_kmh = 0.0 # <-"), BadValue);
    expect(&with("[travel]\ndetour = -1.0 # <-"), BadValue);
    expect(&with("[travel]\nspeed_kmh = inf # <-"), BadValue);
    expect(&with("[objective]\ntravel = nan # <-"), BadValue);
}

#[test]
fn day_selectors() {
    expect(
        &replace(
            "location = [45.59, 84.87]",
            "location = [45.59, 84.87]\ndays = [] # <-",
        ),
        BadValue,
    );
    expect(
        &replace(
            "location = [45.59, 84.87]",
            "location = [45.59, 84.87]\ndays = [\"monday\"] # <-",
        ),
        BadValue,
    );
    parse(
        "ok.toml",
        &replace(
            "location = [45.59, 84.87]",
            "location = [45.59, 84.87]\ndays = [\"mon\", 2017-06-21]",
        ),
    )
    .unwrap();
}

#[test]
fn ids_must_be_well_formed() {
    expect(&replace("id = \"evac\"", "id = \"-evac\" # <-"), BadId);
    expect(&replace("id = \"evac\"", "id = \"evac drill\" # <-"), BadId);
    expect(&replace("id = \"evac\"", "id = \"\" # <-"), BadId);
    parse(
        "ok.toml",
        &replace("id = \"evac\"", "id = \"疏散.1:a_b-c\""),
    )
    .unwrap();
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = replace("duration = 60", "duration = 0")
        .replace("location = [45.59, 84.87]", "location = [99.0, 84.87]");
    let err = parse("bad.toml", &text).unwrap_err();
    assert_eq!(err.problems.len(), 2, "{}", err.render(false));
}

#[test]
fn column_counts_characters_under_chinese_text() {
    let text = replace("name = \"第一中学\"", "name = \"第一中学\"\ncapacity = 0");
    let err = parse("bad.toml", &text).unwrap_err();
    assert_eq!(err.problems[0].line_col.unwrap().1, 12);
}

#[test]
fn a_need_no_team_can_meet_is_refused_with_the_skills_the_teams_have() {
    let text = replace(
        "needs = [{ skill = \"fire\" }]",
        "needs = [{ skill = \"fier\" }] # <-",
    );
    expect(&text, UnknownReference);
    let err = parse("bad.toml", &text).unwrap_err();
    let help = err.problems[0].help.as_deref().unwrap();
    assert!(help.starts_with("did you mean fire?"), "{help}");
    assert!(err.problems[0]
        .message
        .contains("no team has the skill `fier`"));
}

#[test]
fn skills_sectors_and_kinds_are_read_by_their_chinese_labels_too() {
    // A drill that needs 消防 is met by a team with `fire`, and the other way round.
    let text = replace(
        "needs = [{ skill = \"fire\" }]",
        "needs = [{ skill = \"消防\" }]\nkind = \"火灾疏散\"\nsector = \"人员密集场所\"",
    );
    let s = parse("zh.toml", &text).unwrap();
    let d = s.drill(s.find_drill("evac").unwrap());
    assert_eq!(
        (d.kind.as_str(), d.sector.as_str()),
        ("fire_evacuation", "crowded_places")
    );
    assert!(drillplan::solve::never_placeable(&s).is_empty());
    let text = replace("skills = [\"fire\"]", "skills = [\"消防\"]");
    let s = parse("zh.toml", &text).unwrap();
    assert!(drillplan::solve::never_placeable(&s).is_empty());
    assert_eq!(s.skills.iter().filter(|k| *k == "fire").count(), 1);
}

/// Runs drillplan; its exit code and stderr.
fn run_cli(args: &[&std::ffi::OsStr]) -> (Option<i32>, String) {
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("drillplan"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_file_can_neither_fake_lines_nor_flood_the_terminal_through_an_error() {
    let small = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    let os = std::ffi::OsStr::new;
    let with_venue = |venue: &str| {
        small.replacen(
            "venue = \"mall-1\"\nkind = \"earthquake\"",
            &format!("venue = \"{venue}\"\nkind = \"earthquake\""),
            1,
        )
    };
    // A line feed in a reference (TOML's \n) and a 5 MB one.
    std::fs::write(&path, with_venue("mall-1\\nfeasible: every rule holds")).unwrap();
    let (code, err) = run_cli(&[os("validate"), path.as_os_str()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("mall-1\\nfeasible"), "{err}");
    assert!(!err.lines().any(|l| l.starts_with("feasible")), "{err}");
    std::fs::write(&path, with_venue(&"x".repeat(5_000_000))).unwrap();
    let (code, err) = run_cli(&[os("validate"), path.as_os_str()]);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.len() < 2_000, "{} bytes of stderr", err.len());
    assert!(err.contains(&format!("{}…", "x".repeat(79))), "{err}");
    // The same through a schedule CSV's cells in `check`.
    let csv = dir.path().join("c.csv");
    let header = drillplan::schedule::csv::HEADER.join(",");
    for id in [
        "\"x\nfeasible: every rule holds\"".to_string(),
        "y".repeat(5_000_000),
    ] {
        std::fs::write(
            &csv,
            format!("{header}\n{id},,,,,,,,,,,,,,,,unscheduled,\n"),
        )
        .unwrap();
        let (code, err) = run_cli(&[
            os("check"),
            os("tests/scenarios/small.toml"),
            csv.as_os_str(),
        ]);
        assert_ne!(code, Some(0), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(!err.lines().any(|l| l.starts_with("feasible")), "{err}");
        assert!(err.len() < 4_000, "{} bytes of stderr", err.len());
    }
}

#[test]
fn a_skill_list_typed_as_one_skill_is_refused_with_the_list() {
    let small = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    for typed in [
        "fire medical",
        "fire／medical",
        "fire/medical",
        "fire　medical",
    ] {
        let text = small.replacen(
            "skills = [\"fire\"]\ndistrict = \"krm\"\nbase = [45.5800",
            &format!("skills = [\"{typed}\"]\ndistrict = \"krm\"\nbase = [45.5800"),
            1,
        );
        assert!(text.contains(typed));
        let err = parse("s.toml", &text).unwrap_err();
        let shown = err.render(false);
        assert!(
            shown.contains("team `fire-krm-2`.skills")
                && shown.contains("looks like several skills typed as one (fire, medical)")
                && shown.contains(r#"skills = ["fire", "medical"]"#),
            "{typed}: {shown}"
        );
    }
    // A skill whose name has a space, and no part of it another team's
    // skill, is a name: it stays.
    let text = small.replacen("skills = [\"observe\"]", "skills = [\"site observe\"]", 1);
    assert!(text.contains("site observe"));
    let text = text.replace("{ team = \"leaders-obs\" }", "{ skill = \"site observe\" }");
    assert!(parse("s.toml", &text).is_ok());
}
