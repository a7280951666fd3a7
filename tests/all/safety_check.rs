//! Issue 11, `check` reads what the planner wrote, and one path to exit
//! codes: restated cells that contradict the scenario are violations, rows
//! that are read differently from how they look are warnings, and every
//! command gives the same outcome the same exit code.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

const SMALL: &str = "tests/scenarios/small.toml";

// The scenarios are Chinese; these tests read the English messages.
fn drillplan() -> Command {
    let mut c = Command::cargo_bin("drillplan").unwrap();
    c.env("DRILLPLAN_LANG", "en");
    c
}

/// A solved schedule of the small scenario (deterministic: fixed work).
fn solved(dir: &Path) -> (PathBuf, String) {
    let csv = dir.join("plan.csv");
    let out = drillplan()
        .args(["solve", SMALL, "-q", "--work-limit", "50", "-o"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&csv).unwrap();
    (csv, text)
}

fn check(csv: &Path, extra: &[&str]) -> (Option<i32>, String, String) {
    let out = drillplan()
        .args(["check", SMALL])
        .arg(csv)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The text with one cell of the row of `drill` replaced.
fn edit(text: &str, drill: &str, column: &str, value: &str) -> String {
    let header: Vec<&str> = drillplan::schedule::csv::HEADER.to_vec();
    let at = header.iter().position(|h| *h == column).unwrap();
    text.split("\r\n")
        .map(|line| {
            if line.starts_with(&format!("{drill},")) {
                let mut cells: Vec<String> = line.split(',').map(String::from).collect();
                cells[at] = value.to_string();
                cells.join(",")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

#[test]
fn each_contradicting_cell_is_one_violation_naming_row_column_found_and_expected() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, text) = solved(dir.path());
    let cases = [
        ("venue_id", "mall-1", "school-1"),
        ("venue_id", "", "school-1"),
        ("district", "dsz", "krm"),
        ("weekday", "Fri", "Mon"),
        ("duration_min", "90", "60"),
        ("drill_name", "别的演练", "第一中学火灾疏散演练"),
        ("priority", "9", "5"),
        ("mandatory", "false", "true"),
        (
            "team_names",
            "某队;市急救中心",
            "克拉玛依区消防一中队;市急救中心",
        ),
    ];
    for (column, found, expected) in cases {
        std::fs::write(&csv, edit(&text, "school-fire", column, found)).unwrap();
        let (code, stdout, _) = check(&csv, &[]);
        assert_eq!(code, Some(1), "{column}: {stdout}");
        let lines: Vec<&str> = stdout.lines().filter(|l| l.contains("column")).collect();
        assert_eq!(lines.len(), 1, "{column}: {stdout}");
        for part in [
            "line 3",
            "school-fire",
            column,
            &format!("`{found}`"),
            &format!("`{expected}`"),
        ] {
            assert!(
                lines[0].contains(part),
                "{column}: `{part}` not in {}",
                lines[0]
            );
        }
    }
    std::fs::write(&csv, &text).unwrap();
    assert_eq!(check(&csv, &[]).0, Some(0));
}

#[test]
fn an_unscheduled_row_with_a_slot_is_read_as_unscheduled_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, text) = solved(dir.path());
    let row = text
        .split("\r\n")
        .find(|l| l.starts_with("school-fire,"))
        .unwrap()
        .replace(",scheduled,", ",unscheduled,");
    let changed: String = text
        .split("\r\n")
        .map(|l| {
            if l.starts_with("school-fire,") {
                row.as_str()
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\r\n");
    std::fs::write(&csv, changed).unwrap();
    let (_, _, stderr) = check(&csv, &[]);
    assert!(
        stderr.contains("line 3")
            && stderr.contains(
                "school-fire is unscheduled but its row still has date, start, end, teams"
            ),
        "{stderr}"
    );
}

#[test]
fn a_sorted_sheet_is_still_accepted() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, text) = solved(dir.path());
    let mut lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    lines[1..].sort_by(|a, b| b.cmp(a));
    std::fs::write(&csv, lines.join("\r\n") + "\r\n").unwrap();
    let (code, stdout, stderr) = check(&csv, &[]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
}

#[test]
fn a_capitalised_baseline_status_counts_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, text) = solved(dir.path());
    let baseline = dir.path().join("published.csv");
    std::fs::write(&baseline, text.replace(",scheduled,", ",Scheduled,")).unwrap();
    let (code, stdout, stderr) = check(&csv, &["--baseline", baseline.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stderr.contains("`Scheduled` read as `scheduled`"),
        "{stderr}"
    );
    // Read, not dropped: the same plan changes nothing against it.
    assert!(stdout.contains("changed 0"), "{stdout}");
}

#[test]
fn a_drill_window_ending_before_it_starts_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("w.toml");
    let text = std::fs::read_to_string(SMALL).unwrap().replacen(
        "duration = 60\n",
        "duration = 60\nwindow = { from = 2017-06-21T08:00:00, to = 2017-06-19T18:00:00 }\n",
        1,
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("window = { from = 2017-06-21"))
        .unwrap()
        + 1;
    std::fs::write(&path, text).unwrap();
    let out = drillplan().arg("validate").arg(&path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(&format!("w.toml:{line}:")) && err.contains("is after `to`"),
        "{err}"
    );
    // Told as a spreadsheet shows the times, and in Chinese by the headers
    // a workbook names them with.
    assert!(
        err.contains("2017-06-21 08:00") && !err.contains("T08:00:00"),
        "{err}"
    );
    let zh = drillplan::scenario::parse_in(
        "w.toml",
        &std::fs::read_to_string(&path).unwrap(),
        drillplan::lang::Lang::Zh,
    )
    .unwrap_err()
    .render(false);
    assert!(
        zh.contains("最早开始 2017-06-21 08:00 晚于最晚结束 2017-06-19 18:00"),
        "{zh}"
    );
}

#[test]
fn a_set_value_that_is_not_one_toml_value_is_refused() {
    let out = drillplan()
        .args([
            "solve",
            SMALL,
            "-q",
            "-o",
            "-",
            "--set",
            "plan.slot_minutes=60\n[plan2]\nx=1",
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("not a single value"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_file_that_is_not_csv_exits_2_under_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.csv");
    std::fs::write(&junk, "this is\x00 not \"a schedule\n\"\",,").unwrap();
    let junk = junk.to_str().unwrap();
    let html = dir.path().join("r.html");
    let html = html.to_str().unwrap();
    for args in [
        vec!["check", SMALL, junk],
        vec!["explain", SMALL, junk],
        vec!["export", SMALL, junk, "--html", html],
        vec!["solve", SMALL, "-q", "-o", "-", "--baseline", junk],
    ] {
        let out = drillplan().args(&args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_view_failing_after_the_schedule_is_written_exits_4() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("plan.csv");
    let out = drillplan()
        .args(["solve", SMALL, "-q", "--work-limit", "50", "-o"])
        .arg(&csv)
        .args(["--html", "/dev/full"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{err}");
    assert!(
        err.contains("/dev/full") && err.contains("was written"),
        "{err}"
    );
    assert!(check(&csv, &[]).0 == Some(0));
}
