//! No cliff: a large scenario with many overrides and teams ends under a
//! one-second limit, Ctrl-C while candidates are built still writes a
//! checked schedule, and the external corpus's region (whose greedy once
//! left a required drill out) gets a schedule with every required drill
//! even when the run is cut short. Bounds on time here are generous: the
//! real figures are in `scripts/bench-quality`, not in assertions.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

// The scenarios are Chinese; these tests read the English messages.
fn drillplan() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_drillplan"));
    c.env("DRILLPLAN_LANG", "en");
    c
}

/// A province-like scenario: many drills, teams and overrides.
fn province(dir: &Path, drills: usize, overrides: usize) -> PathBuf {
    let path = dir.join(format!("province-{drills}.toml"));
    let out = drillplan()
        .args(["generate", "--province", "--districts", "6", "--seed", "4"])
        .args(["--drills", &drills.to_string()])
        .args(["--teams", &(drills / 5).to_string()])
        .args(["--overrides", &overrides.to_string()])
        .arg("-o")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

/// Waits for `child`, killing it past `limit`; its output either way.
fn wait_at_most(mut child: Child, limit: Duration) -> (Output, Duration) {
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return (child.wait_with_output().unwrap(), started.elapsed());
        }
        if started.elapsed() > limit {
            child.kill().unwrap();
            let out = child.wait_with_output().unwrap();
            panic!(
                "still running after {limit:?}:\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// `drillplan check` accepts the schedule; its summary.
fn checked(scenario: &Path, csv: &Path) -> String {
    let out = drillplan()
        .arg("check")
        .arg(scenario)
        .arg(csv)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "the checker refused it:\n{text}");
    text
}

#[test]
fn many_overrides_and_teams_end_under_a_one_second_limit() {
    let dir = tempfile::tempdir().unwrap();
    // 300 overrides: 600 endpoints, past the exact closure of fastest routes.
    let scenario = province(dir.path(), 6_000, 300);
    let csv = dir.path().join("out.csv");
    let child = drillplan()
        .arg("solve")
        .arg(&scenario)
        .args(["--time-limit", "1", "-o"])
        .arg(&csv)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (out, _) = wait_at_most(child, Duration::from_secs(20));
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(summary.contains("phases"), "{summary}");
    checked(&scenario, &csv);
}

#[cfg(unix)]
#[test]
fn ctrl_c_while_candidates_are_built_writes_a_checked_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = province(dir.path(), 20_000, 400);
    let csv = dir.path().join("out.csv");
    let mut child = drillplan()
        .arg("solve")
        .arg(&scenario)
        .args(["--time-limit", "600", "-o"])
        .arg(&csv)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Phase lines come on stderr as each phase begins.
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
    let mut seen = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        seen.push(line.clone());
        if line.trim_end().ends_with("candidates") {
            break;
        }
    }
    assert!(
        seen.last().is_some_and(|l| l.contains("candidates")),
        "no candidates phase line:\n{}",
        seen.join("\n")
    );
    let kill = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    // Drain stderr so the child never blocks on a full pipe.
    let rest = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>());
    let (out, _) = wait_at_most(child, Duration::from_secs(60));
    let log = rest.join().unwrap().join("\n");
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{log}");
    assert!(log.contains("interrupted"), "{log}");
    // The run stopped in candidate building: the rest was never tried.
    assert!(
        summary.contains("cut short          candidates"),
        "{summary}\n{log}"
    );
    assert!(
        summary.contains("status             interrupted"),
        "{summary}"
    );
    checked(&scenario, &csv);
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(
        text.contains("not tried: the run stopped"),
        "reasons say why"
    );
}

#[test]
fn the_corpus_region_places_every_required_drill_even_when_cut_short() {
    let scenario = Path::new("tests/fixtures/corpus/c-region-5000.toml");
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("out.csv");
    let child = drillplan()
        .arg("solve")
        .arg(scenario)
        .args(["--time-limit", "1", "--threads", "2", "-o"])
        .arg(&csv)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (out, _) = wait_at_most(child, Duration::from_secs(120));
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    // The checker counts a missing required drill as a violation of rule 11.
    checked(scenario, &csv);
}

/// Several parts, each with a gap the first schedule leaves open, so each
/// computes its bounds beside its search and takes them at points fixed by
/// its moves: the same CSV for one and two threads, and the bound computed.
#[test]
fn parts_searching_beside_their_bounds_give_the_same_bytes_for_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("districts.toml");
    let out = drillplan()
        .args(["generate", "--drills", "160", "--districts", "4"])
        .args(["--tightness", "0.8", "--seed", "5", "-o"])
        .arg(&scenario)
        .output()
        .unwrap();
    assert!(out.status.success());
    let loaded = drillplan::scenario::load(&scenario).unwrap();
    let prepared = drillplan_engine::internals::Prepared::new(&loaded);
    let parts = drillplan_engine::internals::components(&loaded, &prepared);
    assert!(parts.len() >= 4, "{} parts", parts.len());
    let mut csvs = Vec::new();
    for threads in ["1", "2"] {
        let csv = dir.path().join(format!("t{threads}.csv"));
        let out = drillplan()
            .arg("solve")
            .arg(&scenario)
            .args(["--work-limit", "4000", "--seed", "3", "--threads", threads])
            .arg("-o")
            .arg(&csv)
            .output()
            .unwrap();
        let summary = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(out.status.success(), "{summary}");
        assert!(summary.contains("upper bound"), "{summary}");
        assert!(!summary.contains("not computed"), "{summary}");
        checked(&scenario, &csv);
        csvs.push(std::fs::read(&csv).unwrap());
    }
    assert_eq!(csvs[0], csvs[1]);
}
