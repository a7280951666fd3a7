//! A schedule CSV as Excel, WPS and LibreOffice re-save it (see
//! scripts/spreadsheet-renderings.py and tests/fixtures/resaved/): every
//! command reads it as the file drillplan wrote, and a baseline saved this
//! way replans exactly as the original does.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const SCENARIO: &str = "scenarios/karamay-2017.toml";
const ORIGINAL: &str = "tests/fixtures/resaved/karamay-2017.schedule.csv";
const RENDERINGS: [&str; 4] = ["excel-zh", "calc-en", "calc-zh", "wps-typed"];

// The scenarios are Chinese; these tests read the English messages.
fn drillplan() -> Command {
    let mut c = Command::cargo_bin("drillplan").unwrap();
    c.env("DRILLPLAN_LANG", "en");
    c
}

fn rendering(name: &str) -> PathBuf {
    PathBuf::from(format!("tests/fixtures/resaved/karamay-2017.{name}.csv"))
}

fn check(schedule: &Path, baseline: &Path) -> (bool, String, String) {
    let out = drillplan()
        .args(["check", SCENARIO])
        .arg(schedule)
        .arg("--baseline")
        .arg(baseline)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_renderings_differ_from_the_original_only_in_form() {
    let original = std::fs::read(ORIGINAL).unwrap();
    for name in RENDERINGS {
        let bytes = std::fs::read(rendering(name)).unwrap();
        assert_ne!(bytes, original, "{name}");
    }
    // GB18030, not UTF-8: the case the reader must detect.
    assert!(std::str::from_utf8(&std::fs::read(rendering("excel-zh")).unwrap()).is_err());
}

#[test]
fn a_resaved_schedule_checks_as_the_original_both_ways() {
    let original = Path::new(ORIGINAL);
    for name in RENDERINGS {
        let resaved = rendering(name);
        for (schedule, baseline) in [(resaved.as_path(), original), (original, resaved.as_path())] {
            let (ok, stdout, stderr) = check(schedule, baseline);
            assert!(ok, "{name}: {stdout}{stderr}");
            assert!(
                stdout.contains("feasible: every rule of the contract holds"),
                "{name}: {stdout}"
            );
            assert!(stdout.contains("changed 0 ×"), "{name}: {stdout}");
            assert!(stderr.is_empty(), "{name}: no warning expected: {stderr}");
        }
    }
}

#[test]
fn a_resaved_baseline_replans_exactly_as_the_original() {
    let dir = tempfile::tempdir().unwrap();
    let replan = |baseline: &Path, out: &Path| {
        let run = drillplan()
            .args(["solve", SCENARIO, "--baseline"])
            .arg(baseline)
            .args([
                "--set",
                "team.police-dsz.off+=2017-06-19",
                "--work-limit",
                "3000",
                "--threads",
                "1",
                "--quiet",
                "-o",
            ])
            .arg(out)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        let stdout = String::from_utf8_lossy(&run.stdout).into_owned();
        (std::fs::read(out).unwrap(), stdout)
    };
    let (want, summary) = replan(Path::new(ORIGINAL), &dir.path().join("original.csv"));
    // The team's day off moves its drills of that day, and little else.
    let changed: u32 = summary
        .split("changed ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no changed count: {summary}"));
    assert!((1..=10).contains(&changed), "{summary}");
    for name in RENDERINGS {
        let (got, _) = replan(&rendering(name), &dir.path().join(format!("{name}.csv")));
        assert!(
            got == want,
            "{name}: the replan differs from the original's"
        );
    }
}

#[test]
fn export_and_explain_read_a_resaved_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("week.html");
    let out = drillplan()
        .args(["export", SCENARIO])
        .arg(rendering("excel-zh"))
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(html.exists());
    let out = drillplan()
        .args(["explain", SCENARIO])
        .arg(rendering("calc-en"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_value_that_is_not_the_same_says_what_differs() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(rendering("calc-zh")).unwrap();
    let first_start = text.lines().nth(1).unwrap().split(',').nth(9).unwrap();
    // `08:45:00` -> `08:45:30`: no longer the minute the original states.
    let off = format!("{}30", &first_start[..first_start.len() - 2]);
    let edited = text.replacen(&format!(",{first_start},"), &format!(",{off},"), 1);
    assert_ne!(edited, text);
    let path = dir.path().join("seconds.csv");
    std::fs::write(&path, edited).unwrap();
    let (ok, stdout, stderr) = check(&path, Path::new(ORIGINAL));
    assert!(!ok, "{stdout}");
    assert!(stderr.contains("30 seconds past the minute"), "{stderr}");
}

#[test]
fn teams_typed_with_spaces_around_the_separator_are_the_same_teams() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(ORIGINAL).unwrap();
    // The teams column's first `;` typed as ` ; `, as a planner might, and
    // its second as `；`, as a Chinese input method types it.
    let edited: String = text
        .lines()
        .map(|line| {
            let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
            if cells.len() > 12 {
                cells[12] = cells[12]
                    .replacen(';', "\u{1}", 1)
                    .replacen(';', "；", 1)
                    .replace('\u{1}', " ; ");
            }
            cells.join(",") + "\n"
        })
        .collect();
    assert!(
        edited.contains(" ; "),
        "Karamay has drills of several teams"
    );
    let path = dir.path().join("spaced.csv");
    std::fs::write(&path, edited).unwrap();
    let (ok, stdout, stderr) = check(&path, Path::new(ORIGINAL));
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("changed 0 ×"), "{stdout}");
}

/// The original with one drill (line 2, dsz-no3-primary-campus_security,
/// 08:45-09:30) moved 15 minutes later by its start alone, as a planner
/// moves it in a spreadsheet; the move itself breaks no rule.
fn moved_by_its_start(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(ORIGINAL).unwrap();
    let mut lines: Vec<String> = text.split("\r\n").map(str::to_string).collect();
    assert!(lines[1].starts_with("dsz-no3-primary-campus_security,"));
    assert!(lines[1].contains(",08:45,09:30,"), "{}", lines[1]);
    lines[1] = lines[1].replace(",08:45,09:30,", ",09:00,09:30,");
    let path = dir.join("moved.csv");
    std::fs::write(&path, lines.join("\r\n")).unwrap();
    path
}

#[test]
fn a_drill_moved_by_its_start_alone_is_read_by_its_start_and_checked_as_written() {
    let dir = tempfile::tempdir().unwrap();
    let moved = moved_by_its_start(dir.path());
    let warning = "line 2: drill dsz-no3-primary-campus_security: the end 09:30 is not the \
                   start 09:00 plus its 45 minutes; read as 09:00-09:45";

    // check judges the file as written, and says what the end should be.
    let out = drillplan()
        .args(["check", SCENARIO])
        .arg(&moved)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains(
            "rule 1: dsz-no3-primary-campus_security (2017-06-19 09:00-09:45): the end in the \
             file, 09:30, no longer matches the start and the drill's 45 minutes; the end \
             should be 09:45"
        ),
        "{stdout}"
    );

    // explain and export build on it: the start counts, with one warning.
    let html = dir.path().join("x.html");
    let scenario = std::fs::canonicalize(SCENARIO).unwrap();
    for args in [
        vec!["explain".as_ref(), scenario.as_os_str()],
        vec![
            "export".as_ref(),
            scenario.as_os_str(),
            "--html".as_ref(),
            html.as_os_str(),
        ],
    ] {
        let out = drillplan().args(&args).arg(&moved).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert_eq!(stderr.matches(warning).count(), 1, "{args:?}: {stderr}");
    }
    assert!(html.exists());

    // As a baseline, the drill is published at 09:00: checked against
    // itself re-read from the file, nothing changed.
    let fixed = dir.path().join("fixed.csv");
    std::fs::write(
        &fixed,
        std::fs::read_to_string(&moved)
            .unwrap()
            .replacen(",09:00,09:30,", ",09:00,09:45,", 1),
    )
    .unwrap();
    let (ok, stdout, stderr) = check(&fixed, &moved);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("changed 0 ×"), "{stdout}");
    assert_eq!(stderr.matches(warning).count(), 1, "{stderr}");
}

/// A planner who deletes, moves or adds a column in the spreadsheet and
/// saves as GBK (Chinese Excel's plain "CSV") is told which column, in
/// Chinese, by every command that reads the schedule; the whole header
/// quoted back was cut off before the column that differs.
#[test]
fn a_column_deleted_moved_or_added_is_named() {
    let dir = tempfile::tempdir().unwrap();
    // Excel's GB18030 re-save, edited cell by cell as bytes.
    let bytes = std::fs::read(rendering("excel-zh")).unwrap();
    let rows: Vec<csv::ByteRecord> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes.as_slice())
        .byte_records()
        .map(Result::unwrap)
        .collect();
    let resaved = |name: &str, edit: &dyn Fn(&mut Vec<Vec<u8>>)| {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        for row in &rows {
            let mut row: Vec<Vec<u8>> = row.iter().map(<[u8]>::to_vec).collect();
            edit(&mut row);
            out.write_record(&row).unwrap();
        }
        let path = dir.path().join(name);
        std::fs::write(&path, out.into_inner().unwrap()).unwrap();
        path
    };
    let cases = [
        (
            resaved("deleted.csv", &|r| {
                r.remove(13);
            }),
            "缺少列 `team_names`",
        ),
        (
            resaved("moved.csv", &|r| r.swap(12, 13)),
            "第 13 列应为 `teams`，此处为 `team_names`",
        ),
        (
            // 备注 in GBK, and an empty cell under it in every row.
            resaved("noted.csv", &|r| {
                let header = r[0] == b"drill_id";
                r.push(if header {
                    vec![0xB1, 0xB8, 0xD7, 0xA2]
                } else {
                    Vec::new()
                })
            }),
            "多出列 `备注`",
        ),
    ];
    for (path, said) in cases {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let line = format!("{name}:1:1：（表头）：{said}");
        let out_csv = dir.path().join("x.csv");
        let out_html = dir.path().join("x.html");
        let runs = [
            vec!["check".into(), SCENARIO.into(), path.clone()],
            vec!["explain".into(), SCENARIO.into(), path.clone()],
            vec![
                "export".into(),
                SCENARIO.into(),
                path.clone(),
                "--html".into(),
                out_html.clone(),
            ],
            vec![
                "solve".into(),
                SCENARIO.into(),
                "--baseline".into(),
                path.clone(),
                "-o".into(),
                out_csv.clone(),
            ],
        ];
        for args in runs {
            let out = drillplan()
                .env("DRILLPLAN_LANG", "zh")
                .args(&args)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(stderr.contains(&line), "{args:?}: {stderr}");
            assert!(
                stderr.contains("提示：排程须保留 drillplan 写出的 18 列"),
                "{stderr}"
            );
        }
        assert!(!out_csv.exists() && !out_html.exists());
    }
}

/// Excel's GB18030 re-save (CRLF) with an empty column past `reason`: a
/// trailing comma on every line, header included, as Excel writes when a
/// cell beyond the table was once formatted or cleared. The planner sees
/// no such column, yet every reader refused the file as "the header has 19
/// cells" and asked to put back a column deleted or moved. It is read as
/// the schedule it is; a value under that headerless column is refused at
/// its line, naming the column and the value.
#[test]
fn an_empty_column_past_the_last_is_no_column() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(rendering("excel-zh")).unwrap();
    assert!(bytes.windows(2).any(|w| w == b"\r\n"), "CRLF");
    assert!(std::str::from_utf8(&bytes).is_err(), "GB18030, not UTF-8");
    let mut trailing = Vec::new();
    for line in bytes.split_inclusive(|&b| b == b'\n') {
        let body = line.strip_suffix(b"\r\n").unwrap_or(line);
        trailing.extend_from_slice(body);
        trailing.extend_from_slice(b",\r\n");
    }
    let path = dir.path().join("trailing.csv");
    std::fs::write(&path, &trailing).unwrap();
    let (ok, out, err) = check(&path, &rendering("excel-zh"));
    assert!(ok, "{out}{err}");
    assert!(out.contains("changed 0"), "{out}");
    let out_csv = dir.path().join("replanned.csv");
    let replan = drillplan()
        .args([
            "solve",
            SCENARIO,
            "--work-limit",
            "2000",
            "--threads",
            "1",
            "--quiet",
        ])
        .arg("--baseline")
        .arg(&path)
        .arg("-o")
        .arg(&out_csv)
        .output()
        .unwrap();
    assert!(
        replan.status.success(),
        "{}",
        String::from_utf8_lossy(&replan.stderr)
    );
    // A value typed in that column, on the drills' fourth line.
    let mut noted = Vec::new();
    for (i, line) in trailing.split_inclusive(|&b| b == b'\n').enumerate() {
        noted.extend_from_slice(line);
        if i == 3 {
            let end = noted.len() - 2;
            // 问一下 in GBK.
            noted.splice(end..end, [0xCE, 0xCA, 0xD2, 0xBB, 0xCF, 0xC2]);
        }
    }
    let path = dir.path().join("noted.csv");
    std::fs::write(&path, &noted).unwrap();
    let out = drillplan()
        .env("DRILLPLAN_LANG", "zh")
        .args(["check", SCENARIO])
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("noted.csv:4:1：（行）：第 19 列有值 `问一下`，但该列没有表头，不是契约的列；请在表格中清除此值，或删除此列"),
        "{err}"
    );
}

/// A note typed under the table (`备注：…` in the first cell, the rest of
/// the row empty, or a line of its own) is not a drill's row: `check`,
/// `--baseline`, `explain` and `export` skip it and say so at its line. A
/// drill's id left alone in a row is the drill's row emptied by mistake,
/// refused at its line, since skipping it would lose the drill.
#[test]
fn a_note_under_the_schedule_is_skipped_at_its_line_and_a_bare_id_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = std::fs::read_to_string(ORIGINAL).unwrap();
    let lines = text.lines().count();
    text += "备注：周三如遇大风顺延,,,,,,,,,,,,,,,,,\r\n\r\n注：以上安排经安委会审定\r\n";
    let noted = dir.path().join("noted.csv");
    std::fs::write(&noted, &text).unwrap();
    let (ok, stdout, stderr) = check(&noted, Path::new(ORIGINAL));
    assert!(ok, "{stdout}{stderr}");
    for (line, note) in [
        (lines + 1, "备注：周三如遇大风顺延"),
        (lines + 3, "注：以上安排经安委会审定"),
    ] {
        let want = format!(
            "line {line}: `{note}` fills only the first cell: not a drill's row, skipped as a note"
        );
        assert!(stderr.contains(&want), "missing `{want}` in {stderr}");
    }
    let replanned = dir.path().join("replanned.csv");
    let out = drillplan()
        .args(["solve", SCENARIO, "--work-limit", "200", "-q", "--baseline"])
        .arg(&noted)
        .arg("-o")
        .arg(&replanned)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("skipped as a note"), "{stderr}");
    assert!(!stderr.contains("neither `scheduled`"), "{stderr}");

    let first_id = text.lines().nth(1).unwrap().split(',').next().unwrap();
    let bare = dir.path().join("bare.csv");
    std::fs::write(&bare, format!("{text}{first_id}\r\n")).unwrap();
    let (ok, stdout, stderr) = check(&bare, Path::new(ORIGINAL));
    assert!(!ok, "{stdout}");
    let want = format!("bare.csv:{}:1", lines + 4);
    assert!(
        stderr.contains(&want) && stderr.contains("has its id and nothing else"),
        "{stderr}"
    );
}

/// The original with each scheduled row's `date`, `start` and `end`
/// rewritten by `date` and `time`, as a spreadsheet shows them under a
/// number format the planner chose, and saved as CSV.
fn reformatted(
    dir: &Path,
    name: &str,
    date: fn(&str) -> String,
    time: fn(&str) -> String,
) -> PathBuf {
    let mut reader = csv::Reader::from_path(ORIGINAL).unwrap();
    let mut writer = csv::Writer::from_path(dir.join(name)).unwrap();
    writer.write_record(reader.headers().unwrap()).unwrap();
    for record in reader.records() {
        let mut cells: Vec<String> = record.unwrap().iter().map(String::from).collect();
        if !cells[7].is_empty() {
            cells[7] = date(&cells[7]);
            cells[9] = time(&cells[9]);
            cells[10] = time(&cells[10]);
        }
        writer.write_record(&cells).unwrap();
    }
    writer.flush().unwrap();
    dir.join(name)
}

/// A short date format (`M/D/YY`, Calc's en-US default, or `YY-M-D`)
/// shows `6/19/17`. chrono's `%Y` read that as the year 17: `check` called
/// every drill off the plan's days and hinted at a missing year, and
/// `solve --baseline` counted every drill as changed. Every reader now
/// refuses the cell, naming the plan's day it would be.
#[test]
fn a_two_digit_year_is_refused_at_its_cell_with_the_day_it_would_be() {
    let dir = tempfile::tempdir().unwrap();
    let short = |iso: &str| {
        let (y, m, d) = (&iso[2..4], &iso[5..7], &iso[8..10]);
        format!(
            "{}/{}/{y}",
            m.trim_start_matches('0'),
            d.trim_start_matches('0')
        )
    };
    let schedule = reformatted(dir.path(), "short.csv", short, str::to_string);
    let first = "short.csv:2:8: date: `6/19/17` has a two-digit year; is it 2017-06-19?";
    let out_csv = dir.path().join("replanned.csv");
    let html = dir.path().join("week.html");
    let run = |command: &str, args: &[&std::ffi::OsStr]| {
        let out = drillplan()
            .current_dir(dir.path())
            .arg(command)
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join(SCENARIO))
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(!stderr.contains("0017"), "{command}: {stderr}");
        (out.status.success(), stderr)
    };
    let runs: [(&str, Vec<&std::ffi::OsStr>); 3] = [
        ("check", vec![schedule.as_os_str()]),
        ("explain", vec![schedule.as_os_str()]),
        (
            "export",
            vec![schedule.as_os_str(), "--html".as_ref(), html.as_os_str()],
        ),
    ];
    for (command, args) in runs {
        let (ok, stderr) = run(command, &args);
        assert!(!ok, "{command}: {stderr}");
        assert!(stderr.contains(first), "{command}: {stderr}");
    }
    assert!(!html.exists(), "nothing half-done");
    // A baseline's row that cannot be read counts as changed (see
    // baseline.rs), now with the reason that is true of it.
    let (_, stderr) = run(
        "solve",
        &[
            "--baseline".as_ref(),
            schedule.as_os_str(),
            "--work-limit".as_ref(),
            "0".as_ref(),
            "-o".as_ref(),
            out_csv.as_os_str(),
        ],
    );
    assert!(
        stderr.contains("short.csv: line 2: drill dsz-no3-primary-campus_security: date: `6/19/17` has a two-digit year; is it 2017-06-19?"),
        "{stderr}"
    );
    assert!(!stderr.contains("without its year"), "{stderr}");
    // In Chinese, by default.
    let out = Command::cargo_bin("drillplan")
        .unwrap()
        .env_remove("DRILLPLAN_LANG")
        .args(["check", SCENARIO])
        .arg(&schedule)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("`6/19/17` 的年份只有两位；是否为 2017-06-19？"),
        "{stderr}"
    );
}

/// Chinese Excel's and Calc's time formats `h:mm AM/PM` (in a Chinese
/// locale `8:45 上午`) and `h"时"mm"分"` (`8时45分`): the same minutes,
/// read as the original; they were refused as "not a time HH:MM".
#[test]
fn chinese_time_formats_read_as_the_same_minutes() {
    let dir = tempfile::tempdir().unwrap();
    let suffixed = |hhmm: &str| {
        let (h, m) = hhmm.split_once(':').unwrap();
        let h: u32 = h.parse().unwrap();
        let (half, h12) = match h {
            0 => ("上午", 12),
            1..=11 => ("上午", h),
            12 => ("下午", 12),
            _ => ("下午", h - 12),
        };
        format!("{h12}:{m} {half}")
    };
    let hour_minute = |hhmm: &str| {
        let (h, m) = hhmm.split_once(':').unwrap();
        format!("{}时{m}分", h.trim_start_matches('0').max("0"))
    };
    for (name, time) in [
        ("ampm.csv", suffixed as fn(&str) -> String),
        ("shifen.csv", hour_minute),
    ] {
        let schedule = reformatted(dir.path(), name, str::to_string, time);
        let (ok, stdout, stderr) = check(&schedule, Path::new(ORIGINAL));
        assert!(ok, "{name}: {stdout}{stderr}");
        assert!(stdout.contains("changed 0 ×"), "{name}: {stdout}");
        assert!(stderr.is_empty(), "{name}: {stderr}");
    }
}

/// A planner who reads the workbook's 状态 column types its words into the
/// CSV: `未安排` to take a drill out, `已安排` for one in. `check` said only
/// "neither `scheduled` nor `unscheduled`", and a baseline so edited left
/// the row out (the drill read as new, its published time lost). `check`
/// now names the word to write; `--baseline` reads the row as the word
/// says, with a warning at its line, as it reads `Scheduled`.
#[test]
fn the_workbooks_status_words_typed_into_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(ORIGINAL).unwrap();
    let edited = text.replacen(",scheduled,", ",已安排,", 1);
    assert_ne!(edited, text);
    let path = dir.path().join("zh-status.csv");
    std::fs::write(&path, edited).unwrap();
    let (ok, stdout, stderr) = check(&path, Path::new(ORIGINAL));
    assert!(!ok, "{stdout}");
    assert!(
        stderr.contains(
            "zh-status.csv:2:17: status: `已安排` is written `scheduled` in the schedule CSV"
        ),
        "{stderr}"
    );
    // As a baseline: the same schedule, nothing changed.
    let (ok, stdout, stderr) = check(Path::new(ORIGINAL), &path);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("changed 0 ×"), "{stdout}");
    assert!(
        stderr.contains("line 2: status `已安排` read as `scheduled`"),
        "{stderr}"
    );
}

/// Chinese Excel's long date with the weekday (`2017年6月19日星期一`, a
/// format it offers in the date list) was refused as no date; it reads as
/// the date when the weekday is the date's own, and is refused otherwise.
#[test]
fn a_long_date_with_its_weekday_reads_as_the_date() {
    let dir = tempfile::tempdir().unwrap();
    let long = |iso: &str| {
        let date = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap();
        let day = ["一", "二", "三", "四", "五", "六", "日"]
            [chrono::Datelike::weekday(&date).num_days_from_monday() as usize];
        format!("{}星期{day}", date.format("%Y年%-m月%-d日"))
    };
    let schedule = reformatted(dir.path(), "long.csv", long, str::to_string);
    let (ok, stdout, stderr) = check(&schedule, Path::new(ORIGINAL));
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("changed 0 ×"), "{stdout}");
    let text = std::fs::read_to_string(&schedule).unwrap();
    let wrong = text.replacen("2017年6月19日星期一", "2017年6月19日星期二", 1);
    assert_ne!(wrong, text);
    std::fs::write(&schedule, wrong).unwrap();
    let (ok, _, stderr) = check(&schedule, Path::new(ORIGINAL));
    assert!(!ok);
    assert!(
        stderr.contains("long.csv:2:8: date: `2017年6月19日星期二` is not a date"),
        "{stderr}"
    );
}

/// A date or time column the planner set to a number format shows serials
/// (`42905`) and fractions of a day (`0.364583333`), and Excel saves them
/// so. Refused before as "not a date" and "not a time HH:MM"; now the
/// refusal names the date and time they are, and what to set.
#[test]
fn dates_and_times_shown_as_numbers_are_named_at_their_cells() {
    let dir = tempfile::tempdir().unwrap();
    let serial = |iso: &str| {
        let date = chrono::NaiveDate::parse_from_str(iso, "%Y-%m-%d").unwrap();
        let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
        (date - epoch).num_days().to_string()
    };
    let fraction = |hhmm: &str| {
        let (h, m) = hhmm.split_once(':').unwrap();
        let minutes: f64 = h.parse::<f64>().unwrap() * 60.0 + m.parse::<f64>().unwrap();
        format!("{:.9}", minutes / 1440.0)
    };
    let schedule = reformatted(dir.path(), "numbers.csv", serial, fraction);
    let (ok, _, stderr) = check(&schedule, Path::new(ORIGINAL));
    assert!(!ok);
    assert!(
        stderr.contains("numbers.csv:2:8: date: `42905` is a date shown as a number (the column is formatted as numbers); is it 2017-06-19?"),
        "{stderr}"
    );
    let dates_fixed = reformatted(dir.path(), "times.csv", str::to_string, fraction);
    let (ok, _, stderr) = check(&dates_fixed, Path::new(ORIGINAL));
    assert!(!ok);
    assert!(
        stderr.contains("times.csv:2:10: start: `0.364583333` is a time shown as a number (the column is formatted as numbers); is it 08:45?"),
        "{stderr}"
    );
}

/// A drill's id with a space after it (typed, or pasted with the cell)
/// looks like the id in the spreadsheet; `check` said only that there was
/// no such drill. It now says the space is there and which id it is.
#[test]
fn a_space_after_a_drill_id_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(ORIGINAL).unwrap();
    let id = "dsz-no3-primary-campus_security";
    let edited = text.replacen(&format!("\n{id},"), &format!("\n{id} ,"), 1);
    assert_ne!(edited, text);
    let path = dir.path().join("space.csv");
    std::fs::write(&path, edited).unwrap();
    let (ok, _, stderr) = check(&path, Path::new(ORIGINAL));
    assert!(!ok);
    assert!(
        stderr.contains(&format!("space.csv:2:1: drill_id: the scenario has no drill `{id} `: a space before or after the id; is it `{id}`?")),
        "{stderr}"
    );
    // As a baseline, the drill the planner sees, not one "no longer in
    // the scenario" counted as changed.
    let (ok, stdout, stderr) = check(Path::new(ORIGINAL), &path);
    assert!(ok, "{stdout}{stderr}");
    assert!(stdout.contains("changed 0 ×"), "{stdout}");
    assert!(
        stderr.contains(&format!(
            "line 2: drill id `{id} ` has a space before or after it; read as `{id}`"
        )),
        "{stderr}"
    );
}

/// A row deleted from the published schedule (by mistake, or a drill taken
/// out by deleting its row) made its drill new to the plan without a word:
/// `solve --baseline` counted it "added" and the planner could not tell a
/// slip from a plan. The warning names the drill and what to do.
#[test]
fn a_row_deleted_from_the_baseline_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(ORIGINAL).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let id = lines[3].split(',').next().unwrap().to_string();
    let kept: Vec<&str> = lines
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != 3)
        .map(|(_, l)| *l)
        .collect();
    let deleted = dir.path().join("deleted.csv");
    std::fs::write(&deleted, kept.join("\n") + "\n").unwrap();
    let (_, stdout, stderr) = check(Path::new(ORIGINAL), &deleted);
    let want = format!("the baseline has no row for 1 drill(s) of the scenario (`{id}`)");
    assert!(stderr.contains(&want), "missing `{want}` in:\n{stderr}");
    // Scored as it is: the drill was not in the published plan.
    assert!(stdout.contains("changed 0 ×"), "{stdout}");
    // The whole file has a row for every drill, and says nothing.
    let (_, _, quiet) = check(Path::new(ORIGINAL), Path::new(ORIGINAL));
    assert!(quiet.is_empty(), "{quiet}");
}
