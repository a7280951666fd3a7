//! The planner's views of a Karamay schedule, read back: the workbook with
//! calamine (and through LibreOffice where installed), rosters as CSV,
//! calendars with an iCalendar parser, and the report in headless Chromium
//! where installed.

use assert_cmd::Command;
use calamine::{open_workbook, Data, Reader, Xlsx};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const SCENARIO: &str = "scenarios/karamay-2017.toml";

fn drillplan() -> Command {
    Command::cargo_bin("drillplan").unwrap()
}

/// One solve with every view, shared by the tests: (folder, summary).
fn solved() -> &'static (PathBuf, String) {
    static DIR: OnceLock<(PathBuf, String)> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let out = drillplan()
            .args(["solve", SCENARIO, "--work-limit", "1500", "-q", "-o"])
            .arg(dir.join("plan.csv"))
            .arg("--xlsx")
            .arg(dir.join("plan.xlsx"))
            .arg("--rosters")
            .arg(dir.join("rosters.csv"))
            .arg("--ics")
            .arg(dir.join("ics"))
            .arg("--html")
            .arg(dir.join("report.html"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        (dir, String::from_utf8_lossy(&out.stdout).into_owned())
    })
}

fn schedule_rows(dir: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(dir.join("plan.csv")).unwrap();
    drillplan::schedule::csv::rows("plan.csv", &text, 100_000)
        .unwrap()
        .into_iter()
        .map(|(_, cells)| cells)
        .collect()
}

#[test]
fn the_workbook_has_every_sheet_with_real_dates() {
    let (dir, _) = solved();
    let rows = schedule_rows(dir);
    let scheduled = rows.iter().filter(|r| r[16] == "scheduled").count();
    let mut book: Xlsx<_> = open_workbook(dir.join("plan.xlsx")).unwrap();
    let names = book.sheet_names();
    // Schedule, 7 days (each holds drills), roster, coverage, unscheduled.
    assert_eq!(names.len(), 1 + 7 + 3, "{names:?}");
    assert_eq!(names[0], "演练安排");
    assert_eq!(names[1], "06-19 周一");
    assert_eq!(
        &names[names.len() - 3..],
        ["队伍行程", "覆盖情况", "未安排演练"]
    );

    let all = book.worksheet_range("演练安排").unwrap();
    assert_eq!(all.height(), rows.len() + 1);
    assert_eq!(all.get((0, 0)), Some(&Data::String("区域".into())));
    assert_eq!(all.get((0, 14)), Some(&Data::String("演练编号".into())));
    // Row 1 is the first drill of the first district: a real date and time.
    assert!(
        matches!(all.get((1, 1)), Some(Data::DateTime(_))),
        "{:?}",
        all.get((1, 1))
    );
    assert!(
        matches!(all.get((1, 2)), Some(Data::DateTime(_))),
        "{:?}",
        all.get((1, 2))
    );
    // Grouped by district, in the scenario's order of districts.
    let districts: Vec<String> = (1..all.height())
        .map(|r| all.get((r, 0)).unwrap().to_string())
        .collect();
    let mut seen: Vec<&String> = Vec::new();
    for d in &districts {
        if seen.last() != Some(&d) {
            assert!(!seen.contains(&d), "{d} is split: {districts:?}");
            seen.push(d);
        }
    }
    let first_day = book.worksheet_range("06-19 周一").unwrap();
    let on_first_day = rows.iter().filter(|r| r[7] == "2017-06-19").count();
    assert_eq!(first_day.height(), on_first_day + 1);

    let coverage = book.worksheet_range("覆盖情况").unwrap();
    let total_col = coverage.width() - 1;
    // The district rows, down to the blank row before the coverage rows.
    let total: f64 = (1..coverage.height())
        .take_while(|&r| !matches!(coverage.get((r, 0)), None | Some(Data::Empty)))
        .map(|r| match coverage.get((r, total_col)) {
            Some(Data::Float(f)) => *f,
            other => panic!("{other:?}"),
        })
        .sum();
    assert_eq!(total as usize, scheduled);
    // Rule 12 below: each of Karamay's coverage rows in each of its
    // districts, every one held by a schedule the checker accepts.
    let statuses: Vec<String> = (0..coverage.height())
        .filter_map(|r| match coverage.get((r, 4)) {
            Some(Data::String(s)) if s == "满足" || s == "不足" => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(statuses.len(), 23, "{statuses:?}");
    assert!(statuses.iter().all(|s| s == "满足"), "{statuses:?}");

    // One row per team and day it drills.
    let roster = book.worksheet_range("队伍行程").unwrap();
    let mut team_days: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r[16] == "scheduled")
        .flat_map(|r| r[12].split(';').map(move |t| (t, r[7].as_str())))
        .collect();
    team_days.sort_unstable();
    team_days.dedup();
    assert_eq!(roster.height(), team_days.len() + 1);

    let unscheduled = book.worksheet_range("未安排演练").unwrap();
    assert_eq!(unscheduled.height(), rows.len() - scheduled + 1);
    if rows.len() > scheduled {
        // The reason, in Chinese like the rest of the workbook.
        let Some(Data::String(reason)) = unscheduled.get((1, 5)) else {
            panic!("{:?}", unscheduled.get((1, 5)));
        };
        assert!(
            reason.contains("已无空档") || reason.contains("需要"),
            "{reason}"
        );
    }
}

/// `file` converted by LibreOffice to `format` (`xlsx`, `pdf`) in `out_dir`.
fn libreoffice(office: &Path, file: &Path, format: &str, out_dir: &Path) -> PathBuf {
    let out = std::process::Command::new(office)
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(out_dir)
        .arg(file)
        .env("HOME", out_dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let converted = out_dir.join(file.with_extension(format).file_name().unwrap());
    assert!(
        converted.is_file(),
        "LibreOffice could not load {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stdout)
    );
    converted
}

/// Every sheet's name and cells, as text; numbers (dates and times too) to
/// nine decimals, as LibreOffice writes 15 significant digits.
fn sheets(path: &Path) -> Vec<(String, Vec<Vec<String>>)> {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    book.sheet_names()
        .into_iter()
        .map(|name| {
            let range = book.worksheet_range(&name).unwrap();
            let rows = range
                .rows()
                .map(|r| {
                    r.iter()
                        .map(|c| {
                            let text = c.to_string();
                            match text.parse::<f64>() {
                                Ok(x) => format!("{x:.9}"),
                                Err(_) => text,
                            }
                        })
                        .collect()
                })
                .collect();
            (name, rows)
        })
        .collect()
}

#[test]
fn libreoffice_opens_the_workbook_without_repair() {
    let Some(office) = required("soffice") else {
        return;
    };
    let (dir, _) = solved();
    let out_dir = tempfile::tempdir().unwrap();
    // A repair renames sheets or drops what it cannot read: LibreOffice's own
    // copy of the workbook must hold every sheet under its name, every cell as written.
    let resaved = out_dir.path().join("resaved");
    std::fs::create_dir(&resaved).unwrap();
    let copy = libreoffice(&office, &dir.join("plan.xlsx"), "xlsx", &resaved);
    let (ours, theirs) = (sheets(&dir.join("plan.xlsx")), sheets(&copy));
    assert_eq!(
        ours.iter().map(|s| &s.0).collect::<Vec<_>>(),
        theirs.iter().map(|s| &s.0).collect::<Vec<_>>()
    );
    for ((name, a), (_, b)) in ours.iter().zip(&theirs) {
        assert_eq!(a.len(), b.len(), "rows of sheet {name}");
        for (i, (x, y)) in a.iter().zip(b).enumerate() {
            assert_eq!(
                x, y,
                "row {i} of sheet {name} changed on the way through LibreOffice"
            );
        }
    }
    let pdf = std::fs::read(libreoffice(
        &office,
        &dir.join("plan.xlsx"),
        "pdf",
        out_dir.path(),
    ))
    .unwrap();
    assert!(pdf.starts_with(b"%PDF") && pdf.len() > 10_000);
}

#[test]
fn rosters_follow_the_contract_encoding() {
    let (dir, _) = solved();
    let bytes = std::fs::read(dir.join("rosters.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert!(text.lines().count() > 10 && text.split("\r\n").count() == text.lines().count() + 1);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "队伍编号");
    assert_eq!(&header[4], "出发时间");
    for record in reader.records() {
        let r = record.unwrap();
        // Leave, arrive, start: in that order; arrival plus waiting is the start.
        let (leave, arrive, start) = (&r[4], &r[6], &r[7]);
        assert!(leave <= arrive && arrive <= start, "{r:?}");
        for cell in r.iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@']),
                "formula cell {cell}"
            );
        }
    }
}

/// A program the test needs: missing, the test fails on CI (`CI` set, as
/// `.ci/run` does) and says "skipped" elsewhere.
fn required(program: &str) -> Option<PathBuf> {
    match which(program) {
        Ok(path) => Some(path),
        Err(()) if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) => {
            panic!("{program} is not installed, and CI must run this test")
        }
        Err(()) => {
            eprintln!("skipped: {program} is not installed");
            None
        }
    }
}

/// Which program is on the PATH.
fn which(program: &str) -> Result<PathBuf, ()> {
    std::env::var_os("PATH")
        .and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join(program))
                .find(|p| p.is_file())
        })
        .ok_or(())
}

#[test]
fn every_team_and_venue_calendar_parses() {
    use icalendar::{Component, EventLike};
    let (dir, _) = solved();
    let rows = schedule_rows(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("ics"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.iter().any(|f| f
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("venue-")));
    let mut uids = std::collections::BTreeSet::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        assert!(
            text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
            "CRLF only"
        );
        for line in text.split("\r\n") {
            assert!(
                line.len() <= 75,
                "an unfolded line of {} octets in {}",
                line.len(),
                file.display()
            );
        }
        let calendar: icalendar::Calendar = text
            .parse()
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let events: Vec<&icalendar::Event> = calendar
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .collect();
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        if let Some(team) = name.strip_prefix("team-") {
            let expected = rows
                .iter()
                .filter(|r| r[16] == "scheduled" && r[12].split(';').any(|t| t == team))
                .count();
            assert_eq!(events.len(), expected, "{name}");
        }
        for e in events {
            let uid = e.get_uid().unwrap().to_string();
            assert!(uid.ends_with("@drillplan"));
            let row = rows
                .iter()
                .find(|r| uid.starts_with(&format!("{}-", r[0])))
                .unwrap();
            let start = match e.get_start().unwrap() {
                icalendar::DatePerhapsTime::DateTime(
                    icalendar::CalendarDateTime::WithTimezone { date_time, tzid },
                ) if tzid == "Asia/Shanghai" => date_time,
                other => panic!("{other:?}"),
            };
            assert_eq!(
                start.format("%Y-%m-%d %H:%M").to_string(),
                format!("{} {}", row[7], row[9])
            );
            assert!(
                e.get_location().unwrap().contains(&row[3]),
                "location names the venue"
            );
            uids.insert(uid);
        }
    }
    let scheduled = rows.iter().filter(|r| r[16] == "scheduled").count();
    assert_eq!(
        uids.len(),
        scheduled,
        "one stable UID per drill, shared by team and venue calendars"
    );
}

/// Names come from the planner's file, which anyone may have edited: in the
/// report each is text, escaped wherever it shows (title, heading, legend,
/// chart labels, hover titles, tables), never markup.
#[test]
fn the_report_escapes_every_name_it_shows() {
    let dir = tempfile::tempdir().unwrap();
    // A marker per kind of name, found again in the HTML by `zqN`.
    let evil = |n: u32| format!("<zq{n}>&\\\"'");
    let text = std::fs::read_to_string("tests/scenarios/small.toml")
        .unwrap()
        .replacen("小型测试演练周", &evil(0), 1)
        .replacen("克拉玛依区\"", &format!("{}\"", evil(1)), 1)
        .replacen("第一中学\"", &format!("{}\"", evil(2)), 1)
        .replacen("克拉玛依区消防一中队", &evil(3), 1)
        .replacen("第一中学火灾疏散演练", &evil(4), 1)
        .replacen("+商场火灾演练", &evil(5), 1)
        .replacen("克拉玛依主干道交通管制", &evil(6), 1)
        .replacen(
            "sector = \"crowded_places\"",
            &format!("sector = \"{}\"", evil(7)),
            1,
        );
    let scenario = dir.path().join("evil.toml");
    std::fs::write(&scenario, text).unwrap();
    let report = dir.path().join("report.html");
    drillplan()
        .args(["solve", "--lang", "en", "--work-limit", "1500", "-q", "-o"])
        .arg(dir.path().join("plan.csv"))
        .arg("--html")
        .arg(&report)
        .arg(&scenario)
        .assert()
        .success();
    let html = std::fs::read_to_string(report).unwrap();
    for n in 0..8 {
        let marker = format!("zq{n}");
        let places = html.matches(&marker).count();
        assert!(
            html.contains(&format!("&lt;{marker}&gt;&amp;&quot;'")),
            "name {n} is shown whole, escaped"
        );
        // Cut short on a bar or not, each place has the escaped `<` and `>`.
        assert_eq!(
            html.matches(&format!("&lt;{marker}")).count(),
            places,
            "name {n} is escaped in each of its {places} places"
        );
        assert!(!html.contains(&format!("{marker}>")), "name {n}");
    }
    assert!(!html.contains("<zq") && !html.contains("&\""));
}

#[test]
fn the_report_is_self_contained_and_renders_in_chromium() {
    let (dir, summary) = solved();
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
    assert!(!html
        .replace("http://www.w3.org/2000/svg", "")
        .contains("http"));
    assert!(html.contains("@page") && html.contains("A4"));
    let priority = summary
        .lines()
        .find(|l| l.starts_with("已安排优先级"))
        .unwrap();
    // Karamay's names are Chinese, so is its summary: `已安排优先级  693（共 …）`.
    let value = priority.split_whitespace().nth(1).unwrap();
    let value = value.split('（').next().unwrap();
    assert!(
        html.contains(&format!("{value} / 693")),
        "the summary shows the score"
    );
    assert!(
        html.contains("日程甘特图 2017-06-25")
            && html.contains("覆盖情况")
            && html.contains("未安排演练")
    );
    let Some(chromium) = required("chromium") else {
        return;
    };
    let shots = tempfile::tempdir().unwrap();
    let png = if std::env::var_os("DRILLPLAN_UPDATE_SCREENSHOT").is_some() {
        PathBuf::from("docs/report.png")
    } else {
        shots.path().join("report.png")
    };
    let out = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--window-size=1400,1800",
        ])
        .arg(format!(
            "--user-data-dir={}",
            shots.path().join("profile").display()
        ))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", dir.join("report.html").display()))
        .output()
        .unwrap();
    let log = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{log}");
    let console_errors: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("Uncaught") || l.contains("ERR_FILE"))
        .collect();
    assert!(console_errors.is_empty(), "{console_errors:?}");
    let bytes = std::fs::read(&png).unwrap();
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 50_000);
}

#[test]
fn foreign_and_infeasible_schedules_are_refused_unless_forced() {
    let (dir, _) = solved();
    let work = tempfile::tempdir().unwrap();
    // A schedule of another scenario.
    let small = work.path().join("small.csv");
    drillplan()
        .args([
            "solve",
            "tests/scenarios/small.toml",
            "--work-limit",
            "200",
            "-q",
            "-o",
        ])
        .arg(&small)
        .assert()
        .success();
    let out = drillplan()
        .args(["export", SCENARIO])
        .arg(&small)
        .arg("--html")
        .arg(work.path().join("r.html"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    // Karamay's names are Chinese, so the run speaks Chinese.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("不是情景"), "{stderr}");
    assert!(!work.path().join("r.html").exists());

    // A second drill given the first one's date, start and teams: infeasible.
    let text = std::fs::read_to_string(dir.join("plan.csv")).unwrap();
    let broken_text = {
        let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
        let first: Vec<String> = lines[1].split(',').map(str::to_string).collect();
        let mut second: Vec<String> = lines[2].split(',').map(str::to_string).collect();
        second[7] = first[7].clone();
        second[9] = first[9].clone();
        second[12] = first[12].clone();
        lines[2] = second.join(",");
        lines.join("\r\n")
    };
    let broken = work.path().join("broken.csv");
    std::fs::write(&broken, broken_text).unwrap();
    let report = work.path().join("forced.html");
    let refused = drillplan()
        .args(["export", SCENARIO])
        .arg(&broken)
        .arg("--html")
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(
        refused.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    assert!(!report.exists());
    drillplan()
        .args(["export", SCENARIO])
        .arg(&broken)
        .arg("--html")
        .arg(&report)
        .args(["--force", "--lang", "en"])
        .assert()
        .success();
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(
        html.contains("Rule violations") && html.contains("rule "),
        "violations listed"
    );
}

#[test]
fn english_labels_on_request() {
    let (dir, _) = solved();
    let work = tempfile::tempdir().unwrap();
    let xlsx = work.path().join("en.xlsx");
    drillplan()
        .args(["export", SCENARIO])
        .arg(dir.join("plan.csv"))
        .arg("--xlsx")
        .arg(&xlsx)
        .args(["--lang", "en"])
        .assert()
        .success();
    let book: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = book.sheet_names();
    assert_eq!(names[0], "Schedule");
    assert_eq!(names[1], "06-19 Mon");
    assert!(names.contains(&"Team roster".to_string()));
}

/// Names that would break a calendar written raw: line ends that start new
/// calendars, the separators of TEXT, a backslash, control characters.
const HOSTILE: &str =
    r#""Hall\r\nEND:VCALENDAR\r\nBEGIN:VCALENDAR\nX-EVIL:1; a, b \\ c\u0007\u001b]0;title\u0007""#;

/// The small scenario's plan with hostile names, views written to `dir`.
fn hostile_views(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut cmd = drillplan();
    cmd.args([
        "solve",
        "tests/scenarios/small.toml",
        "--work-limit",
        "200",
        "-q",
        "-o",
    ])
    .arg(dir.join("plan.csv"))
    .args(["--set", &format!("venue.school-1.name={HOSTILE}")])
    .args(["--set", &format!("venue.mall-1.name={HOSTILE}")])
    .args(["--set", &format!("district.krm.name={HOSTILE}")])
    .args(["--set", &format!("plan.name={HOSTILE}")]);
    for set in extra {
        cmd.args(["--set", set]);
    }
    cmd.arg("--ics").arg(dir.join("ics")).output().unwrap()
}

#[test]
fn every_calendar_is_one_calendar_whatever_the_names() {
    let work = tempfile::tempdir().unwrap();
    let out = hostile_views(work.path(), &[]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files: Vec<PathBuf> = std::fs::read_dir(work.path().join("ics"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert!(files
        .iter()
        .any(|f| f.to_string_lossy().contains("venue-school-1")));
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        // A naive reader: every CR or LF ends a line, nothing is unfolded.
        let lines: Vec<&str> = text.split(['\r', '\n']).collect();
        assert_eq!(
            lines.iter().filter(|l| **l == "BEGIN:VCALENDAR").count(),
            1,
            "{}:\n{text}",
            file.display()
        );
        assert_eq!(lines.iter().filter(|l| **l == "END:VCALENDAR").count(), 1);
        assert!(!lines.iter().any(|l| l.starts_with("X-EVIL")), "{text}");
        assert!(!text
            .chars()
            .any(|c| c.is_control() && c != '\r' && c != '\n'));
        // The icalendar parser: one calendar, names read back as written,
        // less their control characters.
        let unfolded = icalendar::parser::unfold(&text);
        let calendars = icalendar::parser::read_calendar_simple(&unfolded)
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(calendars.len(), 1, "{}", file.display());
        assert_eq!(calendars[0].name, "VCALENDAR");
        let calendar: icalendar::Calendar = text.parse().unwrap();
        let name = calendar.property_value("X-WR-CALNAME").unwrap();
        assert!(!name.contains(['\r', '\u{7}', '\u{1b}']), "{name:?}");
        if file.to_string_lossy().contains("venue-school-1") {
            assert!(
                name.ends_with("Hall\nEND:VCALENDAR\nBEGIN:VCALENDAR\nX-EVIL:1; a, b \\ c]0;title"),
                "{name:?}"
            );
            // The parser leaves NAME as written: escaped.
            let raw = calendar.property_value("NAME").unwrap();
            assert!(
                raw.ends_with(
                    r"Hall\nEND:VCALENDAR\nBEGIN:VCALENDAR\nX-EVIL:1\; a\, b \\ c]0\;title"
                ),
                "{raw:?}"
            );
        }
    }
}

#[test]
fn any_district_name_makes_a_workbook() {
    let work = tempfile::tempdir().unwrap();
    let out = drillplan()
        .args(["solve", "tests/scenarios/small.toml", "--work-limit", "200", "-q", "-o"])
        .arg(work.path().join("plan.csv"))
        .args(["--set", r#"district.krm.name="'quoted'""#])
        .args(["--set", r#"district.dsz.name="Quoted[1]/2:3*?\\ and a name far longer than thirty-one characters""#])
        .arg("--xlsx")
        .arg(work.path().join("plan.xlsx"))
        .arg("--html")
        .arg(work.path().join("plan.html"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(work.path().join("plan.html").is_file());
    let mut book: Xlsx<_> = open_workbook(work.path().join("plan.xlsx")).unwrap();
    let all = book.worksheet_range("演练安排").unwrap();
    let districts: Vec<String> = (1..all.height())
        .map(|r| all.get((r, 0)).unwrap().to_string())
        .collect();
    assert!(districts.contains(&"'quoted'".to_string()), "{districts:?}");
    assert!(
        districts.iter().any(|d| d.starts_with("Quoted[1]/2:3*?")),
        "{districts:?}"
    );
}

/// The text of each page of `pdf`, laid out as printed, and the height of
/// its smallest word's box in points (a box is about 1.08 times the font
/// size).
fn pdf_pages(pdftotext: &Path, pdf: &Path) -> Vec<(String, f64)> {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(pdftotext)
            .args(args)
            .arg(pdf)
            .arg("-")
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let layout = run(&["-layout"]);
    let boxes = run(&["-bbox"]);
    let number = |tag: &str, at: &str| -> f64 {
        let from = at.find(tag).unwrap() + tag.len();
        at[from..].split('"').next().unwrap().parse().unwrap()
    };
    let mut smallest = Vec::new();
    for page in boxes.split("<page ").skip(1) {
        let least = page
            .split("<word ")
            .skip(1)
            .map(|w| number("yMax=\"", w) - number("yMin=\"", w))
            .fold(f64::INFINITY, f64::min);
        smallest.push(least);
    }
    let texts: Vec<String> = layout.split('\u{c}').map(str::to_string).collect();
    texts.into_iter().zip(smallest).collect()
}

/// The workbook printed through LibreOffice, as a planner hands it out:
/// Karamay on at most 20 A4 pages, every schedule sheet one page wide with
/// text of 8 points or more, each drill's name, teams and status on one
/// line of one page, and every page but the coverage table holding drills.
#[test]
fn the_workbook_prints_as_a_hand_out() {
    let (Some(office), Some(pdftotext)) = (required("soffice"), required("pdftotext")) else {
        return;
    };
    let (dir, _) = solved();
    let rows = schedule_rows(dir);
    let out_dir = tempfile::tempdir().unwrap();
    let pdf = libreoffice(&office, &dir.join("plan.xlsx"), "pdf", out_dir.path());
    let pages = pdf_pages(&pdftotext, &pdf);
    assert!(pages.len() <= 20, "{} pages", pages.len());
    for (i, (text, smallest)) in pages.iter().enumerate() {
        // 8-point text has boxes of about 8.6 points.
        assert!(
            *smallest >= 8.5,
            "page {}: text of {smallest:.1} pt boxes",
            i + 1
        );
        let footer = text.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
        if footer.contains("覆盖情况") {
            continue;
        }
        let holds_drills = rows.iter().any(|r| {
            let name: String = r[1].chars().take(8).collect();
            let venue: String = r[3].chars().take(6).collect();
            text.contains(&name) || text.contains(&venue)
        });
        assert!(holds_drills, "page {} holds no drill:\n{text}", i + 1);
    }
    // The schedule sheet's pages: a drill's row, its (first) line holding
    // the name's start, the first team's and the status.
    let schedule: Vec<&String> = pages
        .iter()
        .map(|p| &p.0)
        .filter(|t| {
            t.lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap()
                .contains("演练安排")
        })
        .collect();
    assert!(!schedule.is_empty());
    for r in rows.iter().filter(|r| r[16] == "scheduled") {
        let name: String = r[1].chars().take(6).collect();
        let first_team: String = r[13].split(';').next().unwrap().chars().take(6).collect();
        let on_one_line = schedule.iter().any(|page| {
            page.lines()
                .any(|l| l.contains(&name) && l.contains(&first_team) && l.contains("已安排"))
        });
        assert!(
            on_one_line,
            "{} ({name}, {first_team}) is not on one line",
            r[0]
        );
    }
}

/// A 25-drill city prints whole on one page of the schedule sheet, so it
/// gets no day sheets (which printed it again, a page a day: 10 pages in
/// all): its workbook prints on at most 8 pages, every one of them used.
#[test]
fn a_small_city_prints_without_day_sheets() {
    let work = tempfile::tempdir().unwrap();
    let scenario = work.path().join("city.toml");
    let out = drillplan()
        .args([
            "generate",
            "--drills",
            "25",
            "--teams",
            "10",
            "--districts",
            "2",
        ])
        .args(["--seed", "1", "-o"])
        .arg(&scenario)
        .output()
        .unwrap();
    assert!(out.status.success());
    let book = work.path().join("plan.xlsx");
    let out = drillplan()
        .arg("solve")
        .arg(&scenario)
        .args(["--work-limit", "2000", "-q", "-o"])
        .arg(work.path().join("plan.csv"))
        .arg("--xlsx")
        .arg(&book)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names = sheets_of(&book);
    assert_eq!(
        names[..3],
        ["演练安排", "队伍行程", "覆盖情况"],
        "{names:?}"
    );
    let (Some(office), Some(pdftotext)) = (required("soffice"), required("pdftotext")) else {
        return;
    };
    let out_dir = tempfile::tempdir().unwrap();
    let pdf = libreoffice(&office, &book, "pdf", out_dir.path());
    let pages = pdf_pages(&pdftotext, &pdf);
    assert!(pages.len() <= 8, "{} pages", pages.len());
    for (i, (text, _)) in pages.iter().enumerate() {
        assert!(
            text.trim().len() > 100,
            "page {} is nearly empty:\n{text}",
            i + 1
        );
    }
}

fn sheets_of(book: &Path) -> Vec<String> {
    let book: Xlsx<_> = open_workbook(book).unwrap();
    book.sheet_names()
}

/// Team ids may be up to 100 characters of any script and may hold `:`.
/// Each team still gets its own calendar file: a name within the 255 bytes
/// a file system allows, without `:` (a stream separator on Windows), and
/// distinct even where two ids differ only in a replaced character or in
/// case (one file on Windows and macOS).
#[test]
fn every_team_gets_its_own_calendar_whatever_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let long: String = "队".repeat(100);
    let text = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let ids = [
        ("fire-krm-1", "fire:krm"),
        ("fire-krm-2", "fire_krm"),
        ("med-krm", long.as_str()),
        ("police-krm", "FIRE_KRM"),
    ];
    let mut text = text;
    for (from, to) in ids {
        text = text.replace(&format!("\"{from}\""), &format!("\"{to}\""));
    }
    let scenario = dir.path().join("s.toml");
    std::fs::write(&scenario, text).unwrap();
    let cal = dir.path().join("cal");
    let out = drillplan()
        .arg("solve")
        .arg(&scenario)
        .args(["-q", "--work-limit", "50", "-o"])
        .arg(dir.path().join("plan.csv"))
        .arg("--ics")
        .arg(&cal)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let names: Vec<String> = std::fs::read_dir(&cal)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let teams: Vec<&String> = names.iter().filter(|n| n.starts_with("team-")).collect();
    let mut folded: Vec<String> = teams.iter().map(|n| n.to_lowercase()).collect();
    folded.sort();
    folded.dedup();
    assert_eq!(folded.len(), teams.len(), "{names:?}");
    for n in &names {
        assert!(n.len() <= 255 && !n.contains(':'), "{n}");
        assert!(n.ends_with(".ics"), "{n}");
    }
    // Every team with a drill in the schedule has a calendar of its own.
    let csv = std::fs::read_to_string(dir.path().join("plan.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let mut with_drills: Vec<String> = reader
        .records()
        .flat_map(|r| {
            let r = r.unwrap();
            r[12]
                .split(';')
                .filter(|t| !t.is_empty())
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .collect();
    with_drills.sort();
    with_drills.dedup();
    assert!(
        with_drills.iter().any(|t| t == "fire:krm"),
        "{with_drills:?}"
    );
    assert_eq!(
        teams.len(),
        with_drills.len(),
        "{names:?} for {with_drills:?}"
    );
}

/// A revised plan written over the calendars of the first updates phones:
/// the same plan again changes no byte; a team taken off a drill gets the
/// event back as cancelled with the next sequence number; every time
/// carries the zone.
#[test]
fn calendars_of_a_revised_plan_update_and_cancel() {
    let (dir, _) = solved();
    let work = tempfile::tempdir().unwrap();
    let cal = work.path().join("cal");
    let export = || {
        drillplan()
            .args(["export", SCENARIO])
            .arg(dir.join("plan.csv"))
            .arg("--ics")
            .arg(&cal)
            .assert()
            .success();
    };
    let read = |name: &str| std::fs::read_to_string(cal.join(name)).unwrap();
    export();
    let first = read("team-fire-krm-1.ics");
    assert!(first.contains("DTSTART;TZID=Asia/Shanghai:2017"), "{first}");
    assert!(first.contains("BEGIN:VTIMEZONE"), "{first}");
    assert!(!first.contains("SEQUENCE:1"), "{first}");
    export();
    assert_eq!(read("team-fire-krm-1.ics"), first);

    // The team is off on the first day it drills: its drills there go to others.
    let day = first
        .split("DTSTART;TZID=Asia/Shanghai:")
        .nth(1)
        .map(|t| format!("{}-{}-{}", &t[..4], &t[4..6], &t[6..8]))
        .unwrap();
    drillplan()
        .args(["solve", SCENARIO, "--work-limit", "500", "-q", "--baseline"])
        .arg(dir.join("plan.csv"))
        .args(["--set", &format!("team.fire-krm-1.off+={day}"), "-o"])
        .arg(work.path().join("revised.csv"))
        .arg("--ics")
        .arg(&cal)
        .assert()
        .success();
    let revised = read("team-fire-krm-1.ics").replace("\r\n ", "");
    let cancelled: Vec<&str> = revised
        .split("BEGIN:VEVENT")
        .filter(|e| e.contains("STATUS:CANCELLED"))
        .collect();
    assert!(!cancelled.is_empty(), "{revised}");
    // Every cancellation is the event's next version; the day off's are
    // among them (a re-staffing can ripple to the team's other days too).
    for event in &cancelled {
        assert!(event.contains("SEQUENCE:1"), "{event}");
    }
    let on_day_off = format!("DTSTART;TZID=Asia/Shanghai:{}", day.replace('-', ""));
    assert!(
        cancelled.iter().any(|e| e.contains(&on_day_off)),
        "{revised}"
    );
}

/// A Chinese team's calendar says when it leaves, from where and how long
/// the drive is in Chinese: `出发时间: 08:54（驻地出发，车程 6 分钟）`, not
/// `(驻地, 6 min)`.
#[test]
fn a_chinese_calendar_says_the_drive_in_chinese() {
    let (dir, _) = solved();
    let cal = tempfile::tempdir().unwrap();
    drillplan()
        .args(["export", SCENARIO])
        .arg(dir.join("plan.csv"))
        .arg("--ics")
        .arg(cal.path())
        .assert()
        .success();
    let text = std::fs::read_to_string(cal.path().join("team-fire-krm-1.ics"))
        .unwrap()
        .replace("\r\n ", "");
    let line = text
        .lines()
        .flat_map(|l| l.split("\\n"))
        .find(|l| l.starts_with("出发时间: "))
        .unwrap_or_else(|| panic!("no departure in:\n{text}"));
    assert!(
        line.contains("出发，车程 ") && line.ends_with(" 分钟）"),
        "{line}"
    );
    assert!(!text.contains(" min)"), "{text}");
    // A start and an end are the drill's time, not its start.
    let description: Vec<&str> = text.lines().flat_map(|l| l.split("\\n")).collect();
    assert!(
        description
            .iter()
            .any(|l| l.starts_with("时间: ") && l.len() == "时间: 09:30-10:30".len()),
        "{text}"
    );
    assert!(
        !description.iter().any(|l| l.starts_with("开始: ")),
        "{text}"
    );
}

/// The schedule sheet prints up to 状态; its 原因 column stays off the page
/// (the unscheduled sheet prints the reasons). The reason was written
/// wrapped, so an unscheduled drill's row was as tall as its reason, six
/// lines and more: the printed schedule showed a name in a band of blank
/// paper (c-over-city-400-coverage: 30 pages, 133 drills out). Its row is
/// now as tall as its printed cells: two lines at most on a Karamay cut to
/// three days (17 drills out), the reason one line on screen.
#[test]
fn an_unscheduled_drill_prints_as_tall_as_its_printed_cells() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("cut.xlsx");
    let out = drillplan()
        .args([
            "solve",
            SCENARIO,
            "--set",
            "plan.end=2017-06-21",
            "--work-limit",
            "200",
            "-q",
            "-o",
        ])
        .arg(dir.path().join("cut.csv"))
        .arg("--xlsx")
        .arg(&book)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&book).unwrap()).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(
        &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet,
    )
    .unwrap();
    let mut unscheduled = 0;
    for row in sheet.split("<row ").skip(2) {
        // The reason is in column K, and only an unscheduled drill has one.
        if !row.contains("<c r=\"K") {
            continue;
        }
        unscheduled += 1;
        let height: f64 = row
            .split("ht=\"")
            .nth(1)
            .and_then(|h| h.split('"').next())
            .map_or(15.0, |h| h.parse().unwrap());
        assert!(
            height <= 22.0,
            "a row {height} points tall: <row {}",
            &row[..200.min(row.len())]
        );
    }
    assert!(unscheduled >= 10, "{unscheduled} unscheduled drills");
}

/// The report's summary gives the penalty and its terms as `check` scores
/// the same CSV: with travel and off-preference alone (Karamay spreads
/// drills at 10 a same-day pair) its parts fell short of the penalty shown.
#[test]
fn the_reports_summary_adds_up_as_checks_score() {
    let (dir, _) = solved();
    let out = drillplan()
        .args(["check", SCENARIO])
        .arg(dir.join("plan.csv"))
        .env("DRILLPLAN_LANG", "zh")
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    // `惩罚 8053 = 行程 3803 分钟 × 1 + 同日演练 425 对 × 10`
    let pairs = said
        .split("同日演练 ")
        .nth(1)
        .and_then(|rest| rest.split(" 对").next())
        .unwrap_or_else(|| panic!("{said}"));
    let html = std::fs::read_to_string(dir.join("report.html")).unwrap();
    let row = format!("<th>同日演练对</th><td class=\"num\">{pairs}（每对分散惩罚 10）</td>");
    assert!(html.contains(&row), "{row} not in the summary");
    let penalty = said
        .split("惩罚 ")
        .nth(1)
        .and_then(|p| p.split(" = ").next())
        .unwrap();
    assert!(
        html.contains(&format!("<th>惩罚项</th><td class=\"num\">{penalty}</td>")),
        "penalty {penalty}"
    );
}
