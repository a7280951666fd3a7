//! SIGKILL at any moment never leaves a partial or corrupt schedule at the
//! output path: the older complete file stays, or a complete new one that
//! the checker accepts replaces it. Moments are drawn from a fixed seed;
//! `DRILLPLAN_KILL_ROUNDS` runs more of them.

use rand::{Rng, SeedableRng};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const SCENARIO: &str = "scenarios/karamay-2017.toml";

fn solve_command(out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_drillplan"));
    cmd.args(["solve", SCENARIO, "--time-limit", "1", "--quiet", "-o"])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// The checker's verdict on a schedule file: exit 0 means feasible.
fn accepted(csv: &Path) -> bool {
    Command::new(env!("CARGO_BIN_EXE_drillplan"))
        .args(["check", SCENARIO])
        .arg(csv)
        .output()
        .unwrap()
        .status
        .success()
}

#[test]
fn sigkill_at_random_moments_never_leaves_a_partial_schedule() {
    let rounds: usize = std::env::var("DRILLPLAN_KILL_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("plan.csv");

    // A full run: how long it takes, and the older complete file later runs replace.
    let started = Instant::now();
    assert!(solve_command(&out).status().unwrap().success());
    let full_run = started.elapsed();
    let older = std::fs::read(&out).unwrap();
    assert!(accepted(&out));

    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
    let mut replaced = 0;
    for round in 0..rounds {
        // Half the moments anywhere in the run, half around its end, where the
        // schedule is checked, written and renamed.
        let fraction = if round % 2 == 0 {
            rng.random_range(0.0..1.0)
        } else {
            rng.random_range(0.85..1.05)
        };
        let moment = full_run.mul_f64(fraction);
        let had_file = out.exists();
        let before = std::fs::read(&out).ok();
        let mut child = solve_command(&out).spawn().unwrap();
        std::thread::sleep(moment);
        let _ = child.kill();
        child.wait().unwrap();
        match std::fs::read(&out) {
            Ok(bytes) if Some(&bytes) == before.as_ref() => {}
            Ok(_) => {
                assert!(
                    accepted(&out),
                    "round {round}: a new file the checker refuses"
                );
                replaced += 1;
            }
            Err(_) => assert!(!had_file, "round {round}: the older file vanished"),
        }
        // Every tenth round starts without a file: none may appear half-written.
        if round % 10 == 9 {
            std::fs::remove_file(&out).unwrap();
        }
    }
    assert!(!older.is_empty());
    eprintln!("{rounds} kills at random moments; {replaced} replaced the file with a complete one");
}
