//! `--time-limit` holds in every phase of `solve`, reading included: the
//! clock starts with the process. When the limit comes while the scenario
//! is read, the run still writes a checked schedule with what a schedule
//! needs (the mandatory and pinned drills), names `reading` as the phase cut
//! short, and a what-if skips its comparison rather than read and solve the
//! file a second time. The assertions are structural (phase named, schedule
//! checked, lines present); times are bounded only generously.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn drillplan() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_drillplan"));
    c.env("DRILLPLAN_LANG", "en");
    c
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `drillplan check` accepts the schedule (every mandatory drill in it).
fn assert_checked(scenario: &Path, csv: &Path) {
    let out = drillplan()
        .arg("check")
        .arg(scenario)
        .arg(csv)
        .output()
        .unwrap();
    let (stdout, stderr) = text(&out);
    assert!(
        out.status.success(),
        "the checker refused it:\n{stdout}{stderr}"
    );
}

/// A province: thousands of drills, hundreds of overrides (more endpoints
/// than the exact closure of fastest routes takes).
fn province(dir: &Path) -> PathBuf {
    let path = dir.join("province.toml");
    let out = drillplan()
        .args(["generate", "--province", "--districts", "6", "--seed", "8"])
        .args([
            "--drills",
            "4000",
            "--teams",
            "800",
            "--overrides",
            "300",
            "-o",
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out).1);
    path
}

fn solve(scenario: &Path, csv: &Path, extra: &[&str]) -> (Output, Duration) {
    let started = Instant::now();
    let out = drillplan()
        .arg("solve")
        .arg(scenario)
        .args(extra)
        .arg("-o")
        .arg(csv)
        .output()
        .unwrap();
    (out, started.elapsed())
}

#[test]
fn a_limit_that_passes_while_reading_is_named_and_the_schedule_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Path::new("scenarios/karamay-2017.toml");
    let csv = dir.path().join("k.csv");
    // A millisecond is over before any scenario is read.
    let (out, _) = solve(scenario, &csv, &["--time-limit", "0.001", "-q"]);
    let (summary, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(summary.contains("cut short          reading"), "{summary}");
    assert!(
        summary.contains("status             time limit"),
        "{summary}"
    );
    assert!(summary.contains("not tried"), "{summary}");
    assert_checked(scenario, &csv);
}

#[test]
fn a_what_if_out_of_time_writes_its_schedule_and_says_it_was_not_compared() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = province(dir.path());
    let csv = dir.path().join("p.csv");
    let (out, elapsed) = solve(
        &scenario,
        &csv,
        &["--time-limit", "0.001", "--set", "plan.name=x", "-q"],
    );
    let (summary, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(summary.contains("cut short          reading"), "{summary}");
    assert!(
        summary.contains("what-if            not compared"),
        "no second reading and solve of the unchanged file:\n{summary}"
    );
    assert_checked(&scenario, &csv);
    // Reading the file once, the mandatory drills, checking and writing:
    // far under this even on a loaded machine.
    assert!(elapsed < Duration::from_secs(60), "{elapsed:?}");
}

/// A what-if against a baseline under a time limit: the search uses the
/// time it is given but leaves what scoring the baseline on the unchanged
/// scenario takes, so the comparison is made (it never was once the search
/// ran to the limit).
#[test]
fn a_what_if_against_a_baseline_is_compared_within_its_time_limit() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Path::new("scenarios/karamay-2017.toml");
    let baseline = dir.path().join("b.csv");
    let (out, _) = solve(scenario, &baseline, &["--work-limit", "1000", "-q"]);
    assert!(out.status.success(), "{}", text(&out).1);
    let csv = dir.path().join("w.csv");
    let (out, _) = solve(
        scenario,
        &csv,
        &[
            "--time-limit",
            "3",
            "--baseline",
            baseline.to_str().unwrap(),
            "--set",
            "venue.krm-no2-school.closed+=2017-06-21",
            "-q",
        ],
    );
    let (summary, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        summary.contains("what-if            priority")
            && summary.contains("plan against plan: exact"),
        "{summary}"
    );
    assert_checked(scenario, &csv);
}

/// Karamay is one part whose priority is proven at once, so a two-thread
/// run that only the clock ends searches it twice, with two seeds
/// (`solve/twin.rs`), and keeps the better schedule: it must pass the
/// checker like any other.
#[test]
fn a_clock_ended_run_on_two_threads_keeps_a_checked_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Path::new("scenarios/karamay-2017.toml");
    let csv = dir.path().join("k.csv");
    let (out, _) = solve(
        scenario,
        &csv,
        &["--time-limit", "3", "--threads", "2", "-q"],
    );
    let (summary, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(
        summary.contains("stopped at the time limit while lowering the penalty"),
        "{summary}"
    );
    assert_checked(scenario, &csv);
}

/// A run that ends by meeting its penalty bound (`--gap`) ends on the first
/// search's schedule, whatever the second thread found: the same file on
/// one thread and on two.
#[test]
fn a_run_ended_by_its_gap_is_the_same_on_one_and_two_threads() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Path::new("scenarios/karamay-2017.toml");
    let mut csvs = Vec::new();
    for threads in ["1", "2"] {
        let csv = dir.path().join(format!("k{threads}.csv"));
        let (out, _) = solve(
            scenario,
            &csv,
            &[
                "--time-limit",
                "120",
                "--gap",
                "0.45",
                "--threads",
                threads,
                "-q",
            ],
        );
        let (summary, stderr) = text(&out);
        assert!(out.status.success(), "{stderr}");
        assert!(!summary.contains("time limit"), "{summary}");
        csvs.push(std::fs::read(&csv).unwrap());
    }
    assert_eq!(csvs[0], csvs[1]);
}
