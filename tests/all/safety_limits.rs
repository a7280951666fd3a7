//! Issue 11, numbers have sane limits: every flag has a documented range
//! and a value outside it is refused naming that flag (exit 2); objective
//! weights stay exact, so priority stays first; the largest number is named.

use assert_cmd::Command;

const SMALL: &str = "tests/scenarios/small.toml";
const KARAMAY: &str = "scenarios/karamay-2017.toml";

// The scenarios are Chinese; these tests read the English messages.
fn drillplan() -> Command {
    let mut c = Command::cargo_bin("drillplan").unwrap();
    c.env("DRILLPLAN_LANG", "en");
    c
}

#[test]
fn flags_out_of_range_are_refused_naming_the_flag() {
    let cases: &[(&[&str], &str)] = &[
        (&["solve", SMALL, "--time-limit", "1e20"], "--time-limit"),
        (&["solve", SMALL, "--time-limit", "0"], "--time-limit"),
        (&["solve", SMALL, "--time-limit", "NaN"], "--time-limit"),
        (&["solve", SMALL, "--threads", "99999999999"], "--threads"),
        (&["solve", SMALL, "--threads", "1000"], "--threads"),
        (&["solve", SMALL, "--threads", "0"], "--threads"),
        (&["solve", SMALL, "--gap", "2"], "--gap"),
        (&["solve", SMALL, "--gap=-0.5"], "--gap"),
        (
            &["solve", SMALL, "--work-limit", "18446744073709551615"],
            "--work-limit",
        ),
        (&["solve", SMALL, "--stall-moves", "0"], "--stall-moves"),
        (&["generate", "--drills", "0"], "--drills"),
        (&["generate", "--drills", "300000"], "--drills"),
        (
            &["generate", "--drills", "10", "--tightness", "1.5"],
            "--tightness",
        ),
        (
            &["generate", "--drills", "10", "--districts", "0"],
            "--districts",
        ),
    ];
    for (args, flag) in cases {
        let out = drillplan().args(*args).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(flag), "{args:?}: {err}");
        for other in ["--time-limit", "--gap", "--threads"] {
            if other != *flag {
                assert!(!err.contains(other), "{args:?} blames {other}: {err}");
            }
        }
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

fn with_objective(objective: &str) -> String {
    let text = std::fs::read_to_string(KARAMAY).unwrap();
    let start = text
        .find("[objective]")
        .expect("karamay has an [objective]");
    let end = start + text[start..].find("\n\n").unwrap();
    format!("{}{objective}{}", &text[..start], &text[end..])
}

#[test]
fn weights_whose_penalty_cannot_be_exact_are_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("heavy.toml");
    std::fs::write(&path, with_objective("[objective]\ntravel = 1e306")).unwrap();
    let out = drillplan().arg("validate").arg(&path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("objective.travel") && err.contains("2^53"),
        "{err}"
    );
}

/// The heaviest weights accepted still rank a schedule by priority first:
/// the same work gives the same scheduled priority as the default weights.
#[test]
fn priority_stays_first_under_the_heaviest_accepted_weights() {
    let dir = tempfile::tempdir().unwrap();
    let heavy = dir.path().join("heavy.toml");
    // 43 teams x 7 days x 1440 minutes x 1e10 = 4.3e15, under 2^53.
    std::fs::write(
        &heavy,
        with_objective("[objective]\ntravel = 1e10\noff_preference = 1e10\nchange = 1e10"),
    )
    .unwrap();
    let priority = |scenario: &std::path::Path| {
        let out = drillplan()
            .arg("solve")
            .arg(scenario)
            .args(["-q", "--work-limit", "2000", "--threads", "1", "-o", "-"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        assert!(out.status.success(), "{err}");
        let line = err
            .lines()
            .find(|l| l.starts_with("scheduled priority"))
            .unwrap_or_else(|| panic!("{err}"))
            .to_string();
        line
    };
    assert_eq!(priority(&heavy), priority(std::path::Path::new(KARAMAY)));
}

#[test]
fn far_beyond_any_plan_states_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.toml");
    let text = std::fs::read_to_string(SMALL).unwrap().replacen(
        "duration = 60",
        "duration = 2147483648",
        1,
    );
    std::fs::write(&path, text).unwrap();
    let out = drillplan().arg("validate").arg(&path).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("far beyond any plan") && err.contains("2147483647"),
        "{err}"
    );
}
