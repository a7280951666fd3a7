//! Huge and hostile inputs: each gets a clear error (or, for the largest
//! legitimate scenario, a result), never a panic or an out-of-memory abort.
//! The binary runs under a 4 GiB address-space limit, so "bounded memory"
//! is enforced, not hoped for. The limit is set with `sh -c 'ulimit -v'`,
//! so these tests run where there is a POSIX shell.
#![cfg(unix)]

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

/// Address-space limit for every run here, in KiB.
const MEMORY_LIMIT_KIB: u64 = 4 * 1024 * 1024;

fn drillplan_limited(args: &[&str]) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("drillplan");
    let mut script = format!("ulimit -v {MEMORY_LIMIT_KIB}; exec '{}'", bin.display());
    for a in args {
        script.push_str(&format!(" '{a}'"));
    }
    Command::new("sh")
        .env("DRILLPLAN_LANG", "en")
        .arg("-c")
        .arg(script)
        .output()
        .unwrap()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A clear refusal: the given exit code, the message, no panic.
fn assert_refused(out: &Output, code: i32, message: &str) {
    let err = stderr_of(out);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(message), "expected `{message}` in:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// A valid scenario of `drills` drills spread over many venues and teams.
fn scenario_text(drills: usize) -> String {
    let venues = (drills / 50).max(4);
    let teams = (drills / 10).max(8);
    let mut s = String::with_capacity(drills * 200);
    s.push_str("[plan]\nname = \"全省演练周\"\nstart = 2017-06-19\nend = 2017-06-25\n\n");
    s.push_str("[[district]]\nid = \"d\"\nname = \"区\"\n\n");
    for v in 0..venues {
        let (lat, lon) = (
            40.0 + (v % 100) as f64 * 0.01,
            80.0 + (v / 100) as f64 * 0.01,
        );
        writeln!(
            s,
            "[[venue]]\nid = \"v{v}\"\nname = \"场所{v}\"\ndistrict = \"d\"\nlocation = [{lat:.4}, {lon:.4}]\n"
        )
        .unwrap();
    }
    for t in 0..teams {
        let skill = ["fire", "medical", "police"][t % 3];
        writeln!(
            s,
            "[[team]]\nid = \"t{t}\"\nskills = [\"{skill}\"]\ndistrict = \"d\"\nbase = [41.0, 81.0]\n"
        )
        .unwrap();
    }
    for d in 0..drills {
        writeln!(
            s,
            "[[drill]]\nid = \"x{d}\"\nname = \"演练{d}\"\nvenue = \"v{}\"\nduration = {}\npriority = {}\nneeds = [{{ skill = \"fire\" }}, {{ skill = \"medical\" }}]\n",
            d % venues,
            30 + 15 * (d % 5),
            1 + d % 9
        )
        .unwrap();
    }
    s
}

#[test]
fn the_largest_scenario_validates_within_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("region.toml");
    std::fs::write(&path, scenario_text(200_000)).unwrap();
    let out = drillplan_limited(&["validate", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr_of(&out));
}

#[test]
fn more_drills_than_the_limit_are_refused_before_validation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("too-many.toml");
    std::fs::write(&path, scenario_text(200_001)).unwrap();
    let out = drillplan_limited(&["validate", path.to_str().unwrap()]);
    assert_refused(&out, 1, "at most 200000 are allowed");
}

fn sparse_file(path: &Path, len: u64) {
    let file = std::fs::File::create(path).unwrap();
    file.set_len(len).unwrap();
}

#[test]
fn a_gigabyte_file_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.toml");
    sparse_file(&huge, 1 << 30);
    let out = drillplan_limited(&["validate", huge.to_str().unwrap()]);
    assert_refused(&out, 2, "larger than 64 MiB");
    let csv = dir.path().join("huge.csv");
    sparse_file(&csv, 1 << 30);
    let out = drillplan_limited(&["check", "tests/scenarios/small.toml", csv.to_str().unwrap()]);
    assert_refused(&out, 2, "larger than 256 MiB");
}

#[test]
fn text_that_is_not_utf8_names_the_spot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gbk.toml");
    // "[plan]\nname = " then GBK bytes for 演练, as a Windows editor may save them.
    let mut bytes = b"[plan]\nname = \"".to_vec();
    bytes.extend_from_slice(&[0xd1, 0xdd, 0xc1, 0xb7, b'"', b'\n']);
    std::fs::write(&path, bytes).unwrap();
    let out = drillplan_limited(&["validate", path.to_str().unwrap()]);
    assert_refused(
        &out,
        2,
        "not UTF-8 text (first bad byte at line 2, column 9)",
    );
}

#[test]
fn a_million_row_schedule_is_refused_at_the_first_row_too_many() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("million.csv");
    let mut text = drillplan::schedule::csv::HEADER.join(",");
    text.push('\n');
    for i in 0..1_000_000 {
        writeln!(text, "x{i},,,,,,,,,,,,,,,,unscheduled,").unwrap();
    }
    std::fs::write(&path, text).unwrap();
    let out = drillplan_limited(&[
        "check",
        "tests/scenarios/small.toml",
        path.to_str().unwrap(),
    ]);
    assert_refused(
        &out,
        2,
        "million.csv:250002:1: (row): more than 250000 rows",
    );
}

#[test]
fn extremely_long_names_and_ids_are_refused_with_their_field() {
    let base = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.toml");
    let long_name = "演".repeat(1_000_000);
    std::fs::write(
        &path,
        base.replace("name = \"第一中学\"", &format!("name = \"{long_name}\"")),
    )
    .unwrap();
    let out = drillplan_limited(&["validate", path.to_str().unwrap()]);
    assert_refused(
        &out,
        1,
        "venue.name: 1000000 characters; at most 500 are allowed",
    );
    let long_id = "k".repeat(100_000);
    std::fs::write(
        &path,
        base.replace("\"school-1\"", &format!("\"{long_id}\"")),
    )
    .unwrap();
    let out = drillplan_limited(&["validate", path.to_str().unwrap()]);
    assert_refused(
        &out,
        1,
        "an id of 100000 characters; at most 100 are allowed",
    );
    assert!(
        stderr_of(&out).len() < 20_000,
        "the message must not echo the whole id"
    );
}

#[test]
fn deeply_nested_tables_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("deep.toml");
    for text in [
        format!("a = {}", "[".repeat(1_000_000)),
        format!("a = {}1{}", "[".repeat(65), "]".repeat(65)),
        format!("a = {}", "{ b = ".repeat(100_000)),
    ] {
        std::fs::write(&path, text).unwrap();
        let out = drillplan_limited(&["validate", path.to_str().unwrap()]);
        assert_refused(&out, 1, "nested more than 64 deep");
    }
}

#[test]
fn a_file_size_limit_is_a_clear_error_with_no_temporary_file_left() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    std::fs::create_dir(&out_dir).unwrap();
    let csv = out_dir.join("k.csv");
    let bin = assert_cmd::cargo::cargo_bin("drillplan");
    // `ulimit -f 1`: files of at most one block; the Karamay CSV is larger.
    let script = format!(
        "ulimit -f 1; exec '{}' solve scenarios/karamay-2017.toml --work-limit 100 -q -o '{}'",
        bin.display(),
        csv.display()
    );
    let out = Command::new("sh")
        .env("DRILLPLAN_LANG", "en")
        .arg("-c")
        .arg(script)
        .output()
        .unwrap();
    assert_refused(&out, 5, "File too large");
    // The destination is named; the temporary file the planner never asked
    // for (and that no longer exists) is not.
    assert!(
        stderr_of(&out).contains("k.csv") && !stderr_of(&out).contains(".drillplan-"),
        "{}",
        stderr_of(&out)
    );
    assert!(
        stderr_of(&out).contains("--rescue PATH"),
        "{}",
        stderr_of(&out)
    );
    let left: Vec<_> = std::fs::read_dir(&out_dir).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_full_disk_after_the_search_keeps_the_schedule_at_rescue() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rescue = dir.path().join("rescued.csv");
    let out = drillplan_limited(&[
        "solve",
        "tests/scenarios/small.toml",
        "--work-limit",
        "300",
        "-q",
        "-o",
        "/dev/full",
        "--rescue",
        rescue.to_str().unwrap(),
    ]);
    assert_refused(&out, 5, "No space left on device");
    assert!(
        stderr_of(&out).contains("written to"),
        "{}",
        stderr_of(&out)
    );
    let checked = drillplan_limited(&[
        "check",
        "tests/scenarios/small.toml",
        rescue.to_str().unwrap(),
    ]);
    assert!(checked.status.success(), "{}", stderr_of(&checked));
}

/// 2 000 drills and 100 teams, a one-minute grid over 62 days of 24 hours:
/// a 330 KB file whose start lists alone would take gigabytes.
fn fine_grid_text() -> String {
    let mut s = String::from(
        "[plan]\nstart = 2017-06-01\nend = 2017-08-01\nslot_minutes = 1\nhours = \"00:00-24:00\"\n\n\
         [[district]]\nid = \"d\"\n\n[[venue]]\nid = \"v\"\ndistrict = \"d\"\nlocation = [45.0, 84.0]\n\n",
    );
    for t in 0..100 {
        writeln!(
            s,
            "[[team]]\nid = \"t{t}\"\nskills = [\"fire\"]\ndistrict = \"d\"\nbase = [45.0, 84.0]\n"
        )
        .unwrap();
    }
    for d in 0..2000 {
        writeln!(
            s,
            "[[drill]]\nid = \"x{d}\"\nvenue = \"v\"\nduration = 60\npriority = 1\nneeds = [{{ skill = \"fire\" }}]\n"
        )
        .unwrap();
    }
    s
}

#[test]
fn a_start_grid_too_large_to_hold_is_refused_early_with_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fine.toml");
    std::fs::write(&path, fine_grid_text()).unwrap();
    let started = std::time::Instant::now();
    let out = drillplan_limited(&["validate", path.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    // 2 000 drills x 62 days x (1 440 - 60 + 1) starts.
    let note = "171244000 candidate starts (each drill's starts on the 1-minute grid) exceed the solver's limit of 67108864";
    assert!(stderr_of(&out).contains(note), "{}", stderr_of(&out));
    let out = drillplan_limited(&["solve", path.to_str().unwrap(), "-q", "-o", "-"]);
    assert_refused(&out, 1, "171244000 candidate starts");
    let out = drillplan_limited(&[
        "solve",
        path.to_str().unwrap(),
        "-q",
        "-o",
        "-",
        "--lang",
        "zh",
    ]);
    assert_refused(&out, 1, "候选开始时间有 171244000 个");
    assert!(
        started.elapsed().as_secs() < 10,
        "{:?}: refused late",
        started.elapsed()
    );
}
