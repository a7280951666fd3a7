//! The schedule CSV: exact bytes of the format, and write-then-read round trips.

use drillplan::diagnostics::ProblemKind;
use drillplan::reason::Unplaced;
use drillplan::scenario::{load, parse as parse_scenario, Scenario};
use drillplan::schedule::csv::{parse, read_rows, to_bytes, HEADER};
use drillplan::schedule::{Placement, Schedule};
use std::path::Path;

fn small() -> Scenario {
    load(Path::new("tests/scenarios/small.toml")).unwrap()
}

fn sample(s: &Scenario) -> Schedule {
    let mut schedule = Schedule::empty(s);
    let team = |id: &str| s.find_team(id).unwrap();
    let drill = |id: &str| s.find_drill(id).unwrap();
    schedule.placements[drill("mall-quake").index()] = Some(Placement {
        day: 0,
        start: 9 * 60,
        teams: vec![team("med-krm")],
    });
    schedule.placements[drill("school-fire").index()] = Some(Placement {
        day: 0,
        start: 9 * 60,
        teams: vec![team("fire-krm-1"), team("med-krm")],
    });
    // A reason is a value; its words come from the scenario's ids and names.
    schedule.reasons[drill("petro-leak").index()] = Some(Unplaced::VenueNeverOpen {
        venue: "petrochem".into(),
        name: "=cmd|' /C calc'!A0 — 太远".into(),
    });
    schedule
}

#[test]
fn bytes_follow_the_format() {
    let s = small();
    let bytes = to_bytes(&s, &sample(&s), true);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(lines[0], HEADER.join(","));
    assert_eq!(
        lines.len(),
        s.drills.len() + 2,
        "one row per drill and a final CRLF"
    );
    assert_eq!(*lines.last().unwrap(), "");
    assert!(!text.replace("\r\n", "").contains('\n'));
    // Scheduled first by (date, start, venue id, drill id): mall-1 < school-1.
    assert!(lines[1].starts_with("mall-quake,"), "{}", lines[1]);
    assert!(lines[2].starts_with("school-fire,"), "{}", lines[2]);
    // Then unscheduled by priority descending: petro-leak (8) first.
    assert!(lines[3].starts_with("petro-leak,"), "{}", lines[3]);
    // Formula-looking cells are defused.
    assert!(lines[1].contains(",'=友好商场,"), "{}", lines[1]);
    assert!(
        lines[3].ends_with(",unscheduled,venue petrochem (=cmd|' /C calc'!A0 — 太远) is not open on any day of the plan"),
        "{}",
        lines[3]
    );
    assert!(lines[2].contains(",2017-06-19,Mon,09:00,10:00,60,fire-krm-1;med-krm,克拉玛依区消防一中队;市急救中心,5,true,scheduled,"), "{}", lines[2]);
    assert!(!to_bytes(&s, &sample(&s), false).starts_with(b"\xEF\xBB\xBF"));
}

#[test]
fn round_trip_with_and_without_bom() {
    let s = small();
    let schedule = sample(&s);
    for bom in [true, false] {
        let bytes = to_bytes(&s, &schedule, bom);
        let text = String::from_utf8(bytes).unwrap();
        let read = parse(&s, "t.csv", &text).unwrap();
        assert_eq!(read, schedule.entries(&s));
    }
}

#[test]
fn names_starting_with_formula_characters_survive() {
    let s = small();
    let bytes = to_bytes(&s, &sample(&s), true);
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let names: Vec<String> = reader
        .records()
        .map(|r| drillplan::schedule::csv::formula_unescape(&r.unwrap()[3]).to_string())
        .collect();
    assert!(names.iter().any(|n| n == "=友好商场"));
    assert!(names.iter().all(|n| !n.starts_with('\'')));
}

#[test]
fn bad_schedules_are_refused_with_their_line_and_column() {
    let s = small();
    let good = String::from_utf8(to_bytes(&s, &sample(&s), false)).unwrap();
    // (text, line, column): the column is the field's place in the fixed
    // header, so a planner counting columns in a spreadsheet finds the cell.
    let cases = [
        (good.replacen("drill_id", "drill", 1), 1, 1),
        (good.replacen("mall-quake,", "no-such-drill,", 1), 2, 1),
        // 19/06/2017 is read (as 2017-06-19: no month 19); a dotted day-first date is not.
        (good.replacen("2017-06-19", "19.06.2017", 1), 2, 8),
        (good.replacen("fire-krm-1;", "fire-krm-9;", 1), 3, 13),
        (good.replacen("scheduled,", "maybe,", 1), 2, 17),
    ];
    for (text, line, column) in cases {
        let err = parse(&s, "t.csv", &text).unwrap_err();
        assert_eq!(
            err.problems[0].line_col.unwrap(),
            (line, column),
            "{}",
            err.render(false)
        );
    }
    let kinds = |text: &str| parse(&s, "t.csv", text).unwrap_err().kinds();
    let missing: String = good
        .split("\r\n")
        .filter(|l| !l.starts_with("kg-evac"))
        .collect::<Vec<_>>()
        .join("\r\n");
    assert_eq!(kinds(&missing), [ProblemKind::MissingField]);
    let doubled = format!("{good}{}\r\n", good.split("\r\n").nth(1).unwrap());
    assert_eq!(kinds(&doubled), [ProblemKind::DuplicateId]);
    assert_eq!(kinds(""), [ProblemKind::WrongFormat]);
    assert_eq!(
        kinds(&good.replacen("drill_id", "drill", 1)),
        [ProblemKind::WrongFormat]
    );
}

/// The small scenario with a drill that needs two fire teams.
fn two_fire_teams() -> Scenario {
    let text = std::fs::read_to_string("tests/scenarios/small.toml")
        .unwrap()
        .replacen(
            "needs = [{ skill = \"fire\" }, { skill = \"medical\" }]",
            "needs = [{ skill = \"medical\" }, { skill = \"fire\", count = 2 }]",
            1,
        );
    parse_scenario("two.toml", &text).unwrap()
}

#[test]
fn teams_come_out_need_by_need_with_ids_ascending_within_a_need() {
    let s = two_fire_teams();
    let team = |id: &str| s.find_team(id).unwrap();
    let fire = s.find_drill("school-fire").unwrap();
    let mut schedule = Schedule::empty(&s);
    schedule.placements[fire.index()] = Some(Placement {
        day: 0,
        start: 9 * 60,
        teams: vec![team("med-krm"), team("fire-krm-2"), team("fire-krm-1")],
    });
    let text = String::from_utf8(to_bytes(&s, &schedule, false)).unwrap();
    assert!(
        text.contains(",med-krm;fire-krm-1;fire-krm-2,市急救中心;克拉玛依区消防一中队;"),
        "{text}"
    );
    let read = parse(&s, "t.csv", &text).unwrap();
    assert_eq!(
        read[fire.index()].as_ref().unwrap().teams,
        [team("med-krm"), team("fire-krm-1"), team("fire-krm-2")]
    );
    // `check` reads a file in another order too, and warns about it.
    let swapped = text.replace(
        "med-krm;fire-krm-1;fire-krm-2",
        "med-krm;fire-krm-2;fire-krm-1",
    );
    let rows = read_rows("t.csv", &swapped).unwrap();
    let entries = parse(&s, "t.csv", &swapped).unwrap();
    let warnings = drillplan::check::columns::warnings(&s, &rows, &entries);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("not in the contract's order"),
        "{}",
        warnings[0]
    );
    let rows = read_rows("t.csv", &text).unwrap();
    assert!(drillplan::check::columns::warnings(&s, &rows, &read).is_empty());
}

/// A schedule of another scenario is said to be one, once, not refused row
/// by row with every id of both files.
#[test]
fn a_schedule_of_another_scenario_is_named_as_one_mistake() {
    let small = small();
    let bytes = to_bytes(&small, &sample(&small), true);
    let karamay = load(Path::new("scenarios/karamay-2017.toml")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let err = parse(&karamay, "small.csv", &text).unwrap_err();
    assert_eq!(err.problems.len(), 1, "{:?}", err.problems);
    let p = &err.problems[0];
    assert_eq!(p.kind, ProblemKind::UnknownReference);
    assert_eq!(p.line_col, Some((2, 1)));
    assert!(p.message.contains("none of the 8 rows"), "{}", p.message);
    let help = p.help.as_deref().unwrap();
    assert!(
        help.contains("another scenario") && help.contains("`krm-no1-school-fire_evacuation`"),
        "{help}"
    );

    // In Chinese, through the command a planner runs.
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("small.csv");
    std::fs::write(&csv, &text).unwrap();
    let out = assert_cmd::Command::cargo_bin("drillplan")
        .unwrap()
        .args(["check", "scenarios/karamay-2017.toml", "--lang", "zh"])
        .arg(&csv)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("错误").count(), 1, "{stderr}");
    assert!(
        stderr.contains("排程的 8 行中没有一行是此情景的演练")
            && stderr.contains("是否用错了情景或排程"),
        "{stderr}"
    );
}

/// Ids that are numbers (`00123`, `007`) lose their leading zeros when a
/// spreadsheet opens the CSV; the unknown id names the one it was.
#[test]
fn an_id_that_lost_its_leading_zeros_names_the_id_it_was() {
    let text = std::fs::read_to_string("tests/scenarios/small.toml")
        .unwrap()
        .replace("\"mall-quake\"", "\"00123\"")
        .replace("\"med-krm\"", "\"007\"");
    let s = parse_scenario("zeros.toml", &text).unwrap();
    let good = String::from_utf8(to_bytes(&s, &sample_zeros(&s), false)).unwrap();
    assert!(
        good.contains("\r\n00123,") && good.contains(",007,"),
        "{good}"
    );
    let resaved = good.replace("\r\n00123,", "\r\n123,");
    let said = parse(&s, "t.csv", &resaved).unwrap_err().render(false);
    assert!(
        said.contains(
            "the scenario has no drill `123` (is it `00123`? Excel and WPS drop the leading zeros"
        ),
        "{said}"
    );
    let resaved = good.replace(",007,", ",7,");
    let said = parse(&s, "t.csv", &resaved).unwrap_err().render(false);
    assert!(
        said.contains("the scenario has no team `7` (is it `007`?"),
        "{said}"
    );
    // Not for an id that merely holds digits.
    let other = good.replace("\r\n00123,", "\r\n124,");
    let said = parse(&s, "t.csv", &other).unwrap_err().render(false);
    assert!(!said.contains("is it"), "{said}");
}

fn sample_zeros(s: &Scenario) -> Schedule {
    let mut schedule = Schedule::empty(s);
    schedule.placements[s.find_drill("00123").unwrap().index()] = Some(Placement {
        day: 0,
        start: 9 * 60,
        teams: vec![s.find_team("007").unwrap()],
    });
    schedule
}
