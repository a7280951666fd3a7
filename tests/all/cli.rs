//! The command line as a planner meets it: exit codes, messages, files.

use assert_cmd::Command;
use std::path::Path;

// The scenarios are Chinese; these tests read the English messages.
fn drillplan() -> Command {
    let mut c = Command::cargo_bin("drillplan").unwrap();
    c.env("DRILLPLAN_LANG", "en");
    c
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Solves the small test scenario with a fixed work limit into `csv`.
fn solve_small(csv: &Path) -> std::process::Output {
    drillplan()
        .args([
            "solve",
            "tests/scenarios/small.toml",
            "--quiet",
            "--work-limit",
            "300",
            "-o",
        ])
        .arg(csv)
        .output()
        .unwrap()
}

/// Runs `drillplan check`, which must accept the schedule; returns its output.
fn checked(scenario: &str, csv: &Path) -> String {
    let out = drillplan()
        .args(["check", scenario])
        .arg(csv)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}");
    stdout
}

#[test]
fn validate_the_bundled_scenario() {
    let out = drillplan()
        .args(["validate", "scenarios/karamay-2017.toml"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("valid scenario"));
}

#[test]
fn invalid_and_unreadable_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "[plan]\nstart = 2017-06-19\nend = 2017-06-10\n").unwrap();
    let out = drillplan().arg("validate").arg(&bad).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("bad.toml:3:7"),
        "{}",
        stderr_of(&out)
    );
    let out = drillplan()
        .args(["validate", "no/such/file.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = drillplan().args(["frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    // Binary junk and deep nesting: a clear error, never a panic.
    let junk = dir.path().join("junk.toml");
    std::fs::write(
        &junk,
        (0..4096u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    let out = drillplan().arg("validate").arg(&junk).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(1 | 2)),
        "{}",
        stderr_of(&out)
    );
    assert!(!stderr_of(&out).contains("panicked"));
    std::fs::write(&junk, format!("a = {}", "[".repeat(50_000))).unwrap();
    let out = drillplan().arg("validate").arg(&junk).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn solve_then_check_agree() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("out.csv");
    let out = solve_small(&csv);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let summary = String::from_utf8_lossy(&out.stdout).into_owned();
    let check = checked("tests/scenarios/small.toml", &csv);
    let priority = summary
        .lines()
        .find(|l| l.starts_with("scheduled priority"))
        .unwrap();
    let p: String = priority.split_whitespace().nth(2).unwrap().into();
    assert!(
        check.contains(&format!("priority {p} of")),
        "{summary}\n{check}"
    );
    // Only the schedule is left in the folder: no temporary files.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn solve_to_stdout() {
    let out = drillplan()
        .args([
            "solve",
            "tests/scenarios/small.toml",
            "--quiet",
            "--work-limit",
            "50",
            "-o",
            "-",
            "--no-bom",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(out.stdout.starts_with(b"drill_id,drill_name,"));
}

#[test]
fn same_seed_same_bytes_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "2"] {
        let path = dir.path().join(format!("t{threads}.csv"));
        let out = drillplan()
            .args([
                "solve",
                "scenarios/karamay-2017.toml",
                "--quiet",
                "--work-limit",
                "400",
                "--seed",
                "7",
                "--threads",
                threads,
                "-o",
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        outputs.push(std::fs::read(&path).unwrap());
    }
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn impossible_mandatory_drills_exit_3_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("impossible.toml");
    let text = std::fs::read_to_string("tests/scenarios/small.toml")
        .unwrap()
        .replace(
            "id = \"petro-leak\"\nname = \"石化泄漏处置演练\"",
            "id = \"petro-leak\"\nname = \"石化泄漏处置演练\"\nmandatory = true",
        );
    assert!(text.contains("mandatory = true\nvenue = \"petrochem\""));
    std::fs::write(&scenario, text).unwrap();
    let csv = dir.path().join("out.csv");
    let out = drillplan()
        .arg("solve")
        .arg(&scenario)
        .args(["--quiet", "-o"])
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("petro-leak"),
        "{}",
        stderr_of(&out)
    );
    assert!(!Path::new(&csv).exists());
}

#[test]
fn check_reports_violations_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("bad.csv");
    let header = "drill_id,drill_name,venue_id,venue_name,district,kind,sector,date,weekday,start,end,duration_min,teams,team_names,priority,mandatory,status,reason";
    let rows = [
        "a1,,A,,d1,,,2017-06-19,Mon,08:00,09:00,60,f1,,3,false,scheduled,",
        "a2,,A,,d1,,,,,,,60,,,2,false,unscheduled,x",
        "b1,,B,,d1,,,,,,,30,,,4,false,unscheduled,x",
        "b2,,B,,d1,,,,,,,30,,,1,true,unscheduled,x",
        "c1,,A,,d1,,,2017-06-20,Tue,09:00,10:00,60,f2,,1,true,scheduled,",
        "d1,,A,,d1,,,,,,,30,,,1,false,unscheduled,x",
    ];
    std::fs::write(&csv, format!("{header}\r\n{}\r\n", rows.join("\r\n"))).unwrap();
    let out = drillplan()
        .args(["check", "tests/scenarios/rules.toml"])
        .arg(&csv)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("rule 6: team f1"), "{stdout}");
    assert!(stdout.contains("rule 11: b2 is mandatory"), "{stdout}");
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .starts_with("score: scheduled 2/6"),
        "{stdout}"
    );
}

#[cfg(unix)]
#[test]
fn ctrl_c_writes_the_best_schedule_so_far() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command as Std, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("interrupted.csv");
    let mut child = Std::new(env!("CARGO_BIN_EXE_drillplan"))
        .env("DRILLPLAN_LANG", "en")
        .args([
            "solve",
            "scenarios/karamay-2017.toml",
            "--time-limit",
            "600",
            "--stall-moves",
            "100000000",
            "-o",
        ])
        .arg(&csv)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait for the search to start (its first progress line), then interrupt.
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    assert!(
        lines.by_ref().any(|l| l.unwrap().contains("moves")),
        "no progress line"
    );
    let drain = std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>());
    let sent = Std::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    let stderr = drain.join().unwrap().join("\n");
    assert!(out.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("interrupted"));
    checked("scenarios/karamay-2017.toml", &csv);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary files left"
    );
}

#[test]
fn replanning_against_a_baseline_writes_a_diff_and_check_agrees() {
    let dir = tempfile::tempdir().unwrap();
    let published = dir.path().join("published.csv");
    let out = solve_small(&published);
    assert!(out.status.success());
    // The published plan also had a drill the scenario has since lost.
    let mut text = std::fs::read_to_string(&published).unwrap();
    text.push_str("old-drill,旧演练,school-1,第一中学,krm,,,2017-06-19,Mon,14:00,15:00,60,med-krm,市急救中心,1,false,scheduled,\r\n");
    std::fs::write(&published, text).unwrap();
    let (new, diff) = (dir.path().join("new.csv"), dir.path().join("diff.csv"));
    let out = drillplan()
        .args([
            "solve",
            "tests/scenarios/small.toml",
            "--quiet",
            "--work-limit",
            "300",
            "--baseline",
        ])
        .arg(&published)
        .arg("--diff")
        .arg(&diff)
        .arg("-o")
        .arg(&new)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("old-drill is no longer in the scenario"),
        "{}",
        stderr_of(&out)
    );
    let summary = String::from_utf8_lossy(&out.stdout).into_owned();
    let diff_text = std::fs::read_to_string(&diff).unwrap();
    assert!(
        diff_text.contains("old-drill,,no longer in scenario"),
        "{diff_text}"
    );
    // Same seed and work, same plan: the only change is the vanished drill.
    assert!(summary.contains("changed 1 ×"), "{summary}");
    let out = drillplan()
        .args(["check", "tests/scenarios/small.toml"])
        .arg(&new)
        .arg("--baseline")
        .arg(&published)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("changed 1 ×"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn explain_names_rules_and_a_verified_change_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("k.csv");
    let out = drillplan()
        .args([
            "solve",
            "scenarios/karamay-2017.toml",
            "--work-limit",
            "500",
            "-q",
            "-o",
        ])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let zh = drillplan()
        .args(["explain", "--lang", "zh", "scenarios/karamay-2017.toml"])
        .arg(&csv)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&zh.stdout);
    assert!(zh.status.success(), "{}", stderr_of(&zh));
    assert!(
        // Karamay's one drill out cannot run even alone: the root cause leads.
        text.contains("即使计划为空也无法安排")
            && text.contains("最小调整建议")
            && text.contains("已由校验器验证"),
        "{text}"
    );
    let en = drillplan()
        .args(["explain", "scenarios/karamay-2017.toml"])
        .arg(&csv)
        .args(["krm-no1-school-fire_evacuation", "--lang", "en"])
        .output()
        .unwrap();
    assert!(en.status.success(), "{}", stderr_of(&en));
    assert!(String::from_utf8_lossy(&en.stdout).contains("is scheduled"));
    let unknown = drillplan()
        .args(["explain", "scenarios/karamay-2017.toml"])
        .arg(&csv)
        .arg("no-such-drill")
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert!(stderr_of(&unknown).contains("no drill `no-such-drill`"));
}

#[test]
fn what_if_overrides_report_the_difference_and_refuse_unknown_keys() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("w.csv");
    let out = drillplan()
        .args([
            "solve",
            "tests/scenarios/small.toml",
            "--work-limit",
            "300",
            "-q",
            "-o",
        ])
        .arg(&csv)
        .args([
            "--set",
            "team.fire-krm-1.off+=2017-06-19",
            "--set",
            "standby.krm.fire.keep=0",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.contains("what-if") && summary.contains("against the unchanged scenario"),
        "{summary}"
    );
    let bad = drillplan()
        .args(["solve", "tests/scenarios/small.toml", "-q", "-o"])
        .arg(dir.path().join("never.csv"))
        .args(["--set", "team.nobody.off+=2017-06-19"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr_of(&bad).contains("no [[team]] with id `nobody`"));
    assert!(!dir.path().join("never.csv").exists());
}

/// Runs drillplan with its standard output a pipe whose reader has already
/// gone, as `drillplan ... | head -1` leaves it once head has its line.
#[cfg(unix)]
fn with_closed_stdout(args: &[&std::ffi::OsStr]) -> std::process::Output {
    use std::process::Stdio;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("drillplan"))
        .env("DRILLPLAN_LANG", "en")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("s.csv");
    assert!(solve_small(&csv).status.success());
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let scenario = os("tests/scenarios/small.toml");
    let bad = dir.path().join("bad.csv");
    let header = drillplan::schedule::csv::HEADER.join(",");
    std::fs::write(
        &bad,
        format!("{header}\na1,,A,,d1,,,2017-06-19,Mon,08:00,09:00,60,f1,,3,false,scheduled,\n"),
    )
    .unwrap();
    let runs: [(Vec<&std::ffi::OsStr>, i32); 4] = [
        (vec![os("check"), scenario, csv.as_os_str()], 0),
        // A verdict stays a verdict: this schedule breaks rules.
        (
            vec![
                os("check"),
                os("tests/scenarios/rules.toml"),
                bad.as_os_str(),
            ],
            1,
        ),
        (vec![os("explain"), scenario, csv.as_os_str()], 0),
        (vec![os("validate"), scenario], 0),
    ];
    for (args, code) in runs {
        let out = with_closed_stdout(&args);
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let solve = with_closed_stdout(&[
        os("solve"),
        scenario,
        os("--quiet"),
        os("--work-limit"),
        os("300"),
        os("-o"),
        os("-"),
    ]);
    assert_eq!(solve.status.code(), Some(0), "{}", stderr_of(&solve));
}

#[test]
fn a_full_disk_under_standard_output_is_an_error_not_a_crash() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("drillplan"))
        .env("DRILLPLAN_LANG", "en")
        .args(["validate", "tests/scenarios/small.toml"])
        .stdout(full)
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("cannot write to standard output"), "{err}");
    assert_ne!(out.status.code(), Some(0), "{err}");
}

#[test]
fn check_accepts_its_own_csv_when_a_name_starts_with_an_apostrophe_and_a_formula_sign() {
    let text = std::fs::read_to_string("tests/scenarios/small.toml")
        .unwrap()
        .replace("\"=友好商场\"", "\"'=友好商场\"")
        .replace("\"+商场火灾演练\"", "\"'+商场火灾演练\"")
        .replace("\"市急救中心\"", "\"''@市急救中心\"")
        .replace("\"克拉玛依区\"", "\"'-克拉玛依区\"");
    assert!(text.contains("'=友好商场") && text.contains("''@市急救中心"));
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.toml");
    std::fs::write(&scenario, text).unwrap();
    let csv = dir.path().join("s.csv");
    let solved = drillplan()
        .arg("solve")
        .arg(&scenario)
        .args(["--quiet", "--work-limit", "300", "-o"])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(solved.status.success(), "{}", stderr_of(&solved));
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(written.contains("''=友好商场"), "{written}");
    let stdout = checked(scenario.to_str().unwrap(), &csv);
    assert!(stdout.contains("feasible"), "{stdout}");
}

#[test]
fn a_set_that_breaks_the_scenario_is_named_not_a_line_of_an_internal_document() {
    let out = drillplan()
        .args([
            "solve",
            "tests/scenarios/small.toml",
            "--set",
            "plan.name=what-if",
            "--set",
            "drill.mall-quake.duration=-5",
            "-o",
            "-",
        ])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error[bad-value]: tests/scenarios/small.toml: --set drill.mall-quake.duration=-5: drill `mall-quake`.duration: must be at least 1, got -5"
        ),
        "{err}"
    );
    // An invalid file is told with its own lines, --set or not.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    let text = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    std::fs::write(&bad, text.replacen("duration = 45", "duration = 0", 1)).unwrap();
    let out = drillplan()
        .arg("solve")
        .arg(&bad)
        .args(["--set", "plan.name=x", "-q", "-o", "-"])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert!(err.contains("bad.toml:"), "{err}");
    assert!(!err.contains("--set"), "{err}");
}

#[test]
fn swapped_check_arguments_are_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("k.csv");
    assert!(solve_small(&csv).status.success());
    for command in ["check", "explain"] {
        let out = drillplan()
            .arg(command)
            .arg(&csv)
            .arg("tests/scenarios/small.toml")
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("is a CSV file, not a scenario") && err.contains("SCENARIO SCHEDULE"),
            "{err}"
        );
        assert!(!err.contains("key with no value"), "{err}");
    }
}

#[test]
fn a_what_if_keeps_to_the_time_limit_and_says_a_difference_within_noise_is_not_significant() {
    let dir = tempfile::tempdir().unwrap();
    let started = std::time::Instant::now();
    let out = drillplan()
        .args([
            "solve",
            "scenarios/karamay-2017.toml",
            "--time-limit",
            "1",
            "--set",
            "plan.name=x",
            "-q",
            "-o",
        ])
        .arg(dir.path().join("k.csv"))
        .output()
        .unwrap();
    let elapsed = started.elapsed().as_secs_f64();
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr_of(&out));
    // One second of searching in all, plus reading, checking and writing.
    assert!(elapsed < 1.8, "{elapsed:.2} s");
    assert!(
        summary.contains("within the search's noise, not significant"),
        "{summary}"
    );
}

/// Issue 23's what-if: a team's day off "saved" 15 travel minutes against a
/// fresh search of the unchanged scenario. Now the what-if starts from that
/// search's schedule, is never cheaper than the best plan known for the
/// unchanged scenario, says the difference is noise, and the schedule is
/// the same whatever the thread count.
#[test]
fn a_stricter_what_if_is_never_cheaper_and_the_same_on_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let solve = |threads: &str| {
        let csv = dir.path().join(format!("w{threads}.csv"));
        let out = drillplan()
            .args([
                "solve",
                "scenarios/karamay-2017.toml",
                "--work-limit",
                "2000",
            ])
            .args(["--seed", "1", "-q", "--threads", threads, "-o"])
            .arg(&csv)
            .args(["--set", "team.fire-dsz-1.off+=2017-06-20"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        (
            std::fs::read(&csv).unwrap(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let (one, summary) = solve("1");
    let (two, _) = solve("2");
    assert!(one == two, "the what-if's schedule depends on the threads");
    let penalty = summary
        .lines()
        .find(|l| l.trim_start().starts_with("penalty") && l.contains(" against "))
        .unwrap_or_else(|| panic!("{summary}"));
    assert!(penalty.contains("(+"), "{summary}");
    assert!(
        penalty.contains("within the search's noise, not significant"),
        "{summary}"
    );
    assert!(summary.contains("both proven optimal: exact"), "{summary}");
}

#[test]
fn a_schedule_to_a_full_stdout_is_exit_5_and_rescue_keeps_it() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rescued = dir.path().join("r.csv");
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let run = |rescue: bool| {
        let mut c = std::process::Command::new(assert_cmd::cargo::cargo_bin("drillplan"));
        c.env("DRILLPLAN_LANG", "en");
        c.args([
            "solve",
            "tests/scenarios/small.toml",
            "-q",
            "--work-limit",
            "300",
            "-o",
            "-",
        ]);
        if rescue {
            c.arg("--rescue").arg(&rescued);
        }
        c.stdout(full()).output().unwrap()
    };
    let out = run(false);
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("--rescue PATH"),
        "{}",
        stderr_of(&out)
    );
    let out = run(true);
    assert_eq!(out.status.code(), Some(5), "{}", stderr_of(&out));
    checked("tests/scenarios/small.toml", &rescued);
}

/// A language drillplan does not speak, before the command or after it,
/// is refused (exit 2) with the two it does, in both of them: which one to
/// use is exactly what is in doubt. Nothing is written.
#[test]
fn an_unsupported_language_is_refused_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/scenarios/small.toml");
    let out_csv = dir.path().join("out.csv");
    let (s, o) = (scenario.as_os_str(), out_csv.as_os_str());
    let lines: [Vec<&std::ffi::OsStr>; 4] = [
        vec![
            "--lang".as_ref(),
            "fr".as_ref(),
            "solve".as_ref(),
            s,
            "-o".as_ref(),
            o,
        ],
        vec![
            "solve".as_ref(),
            "--lang".as_ref(),
            "fr".as_ref(),
            s,
            "-o".as_ref(),
            o,
        ],
        vec!["solve".as_ref(), s, "-o".as_ref(), o, "--lang=fr".as_ref()],
        vec!["--lang=fr".as_ref(), "--help".as_ref()],
    ];
    for line in lines {
        for locale in ["C.UTF-8", "zh_CN.UTF-8"] {
            let out = Command::cargo_bin("drillplan")
                .unwrap()
                .env_remove("DRILLPLAN_LANG")
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES")
                .env("LANG", locale)
                .args(&line)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{line:?}: {stderr}");
            let en = "error: --lang fr: drillplan speaks zh (Chinese) and en (English); give --lang zh or --lang en";
            let zh = "错误：--lang fr：drillplan 支持 zh（中文）和 en（英文）两种语言；请用 --lang zh 或 --lang en";
            let first = if locale.starts_with("zh") { zh } else { en };
            assert!(stderr.starts_with(first), "{line:?} {locale}: {stderr}");
            assert!(
                stderr.contains(en) && stderr.contains(zh),
                "{line:?}: {stderr}"
            );
            assert!(out.stdout.is_empty());
            assert!(!out_csv.exists());
        }
    }
    let out = Command::cargo_bin("drillplan")
        .unwrap()
        .args(["validate".as_ref(), scenario.as_os_str(), "--lang".as_ref()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("--lang needs a value: zh (Chinese) or en (English)"),
        "{stderr}"
    );
    assert!(stderr.contains("--lang 需要一个值"), "{stderr}");
}
