//! Issue 11, views resist injection, on the terminal: `validate`, `check`
//! and `explain` print names from the planner's file with every control
//! character escaped, so a name cannot retitle the window, clear the screen
//! or fake a line of output.

use assert_cmd::Command;

// The scenarios are Chinese; these tests read the English messages.
fn drillplan() -> Command {
    let mut c = Command::cargo_bin("drillplan").unwrap();
    c.env("DRILLPLAN_LANG", "en");
    c
}

/// ESC (a window-title sequence), BEL, CR and a line end that fakes a verdict.
const EVIL: &str = "\\u001b]0;pwned\\u0007\\r\\nfeasible: every rule holds";

fn assert_inert(what: &str, out: &std::process::Output) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        assert!(
            !text.contains(['\u{1b}', '\u{7}', '\r']),
            "{what} {stream} prints control characters raw: {text:?}"
        );
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with("feasible: every rule holds")),
            "{what} {stream} lets a name fake a line: {text}"
        );
    }
}

#[test]
fn validate_check_and_explain_escape_control_characters_in_names() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("evil.toml");
    let text = std::fs::read_to_string("tests/scenarios/small.toml")
        .unwrap()
        .replacen(
            "name = \"小型测试演练周\"",
            &format!("name = \"{EVIL}\""),
            1,
        )
        .replacen(
            "name = \"第一中学火灾疏散演练\"",
            &format!("name = \"{EVIL}\""),
            1,
        );
    std::fs::write(&scenario, text).unwrap();

    let out = drillplan().arg("validate").arg(&scenario).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("\\u{1b}]0;pwned"));
    assert_inert("validate", &out);

    let csv = dir.path().join("plan.csv");
    let out = drillplan()
        .arg("solve")
        .arg(&scenario)
        .args(["-q", "--work-limit", "50", "-o"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A restated name that differs is printed, found and expected, escaped.
    let edited =
        std::fs::read_to_string(&csv)
            .unwrap()
            .replacen("school-fire,\"", "school-fire,\"x", 1);
    std::fs::write(&csv, edited).unwrap();
    let out = drillplan()
        .arg("check")
        .arg(&scenario)
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("column drill_name"));
    assert_inert("check", &out);

    let out = drillplan()
        .arg("solve")
        .arg(&scenario)
        .args(["-q", "--work-limit", "50", "-o"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success());
    let out = drillplan()
        .arg("explain")
        .arg(&scenario)
        .arg(&csv)
        .args(["school-fire", "--lang", "en"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_inert("explain", &out);
}
