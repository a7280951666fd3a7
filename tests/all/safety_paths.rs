//! Issue 11, outputs never destroy inputs or each other: every output path
//! is compared with every input and every other output before any work,
//! and checked for being writable; streams are written into, folders swapped.

use assert_cmd::Command;
use std::path::Path;

const SMALL: &str = "tests/scenarios/small.toml";

fn drillplan() -> Command {
    Command::cargo_bin("drillplan").unwrap()
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Makes a named pipe, as a planner would with `mkfifo`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo {}", path.display());
}

/// A copy of the small scenario in `dir`, and a schedule of it.
fn setup(dir: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let scenario = dir.join("s.toml");
    std::fs::copy(SMALL, &scenario).unwrap();
    let plan = dir.join("plan.csv");
    let out = drillplan()
        .arg("solve")
        .arg(&scenario)
        .args(["-q", "--work-limit", "50", "-o"])
        .arg(&plan)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    (scenario, plan)
}

/// Runs drillplan; asserts exit 2, both flags named, and that `keep` is unchanged.
fn refused(args: &[&str], flags: [&str; 2], keep: &Path) {
    let before = std::fs::read(keep).unwrap();
    let out = drillplan().args(args).output().unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    for flag in flags {
        assert!(err.contains(flag), "{args:?}: `{flag}` not named in {err}");
    }
    assert_eq!(
        std::fs::read(keep).unwrap(),
        before,
        "{args:?} changed {keep:?}"
    );
}

#[test]
fn outputs_onto_inputs_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (s, plan) = setup(dir.path());
    let (s, plan) = (s.to_str().unwrap(), plan.to_str().unwrap());
    for flag in ["-o", "--xlsx", "--html", "--rosters"] {
        let mut args = vec!["solve", s, "-q", "--work-limit", "10", flag, s];
        if flag != "-o" {
            args.extend(["-o", "-"]);
        }
        refused(
            &args,
            ["SCENARIO", if flag == "-o" { "--output" } else { flag }],
            Path::new(s),
        );
    }
    refused(
        &["export", s, plan, "--rosters", plan],
        ["--rosters", "SCHEDULE"],
        Path::new(plan),
    );
    let diff = ["solve", s, "-q", "--work-limit", "10", "--baseline", plan];
    refused(
        &[&diff[..], &["--diff", plan, "-o", "-"]].concat(),
        ["--diff", "--baseline"],
        Path::new(plan),
    );
    refused(
        &[&diff[..], &["-o", plan]].concat(),
        ["--output", "--baseline"],
        Path::new(plan),
    );
}

#[test]
fn two_outputs_on_one_path_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = setup(dir.path());
    let x = dir.path().join("x.csv");
    std::fs::write(&x, "keep me").unwrap();
    let (s, x) = (s.to_str().unwrap(), x.to_str().unwrap());
    refused(
        &[
            "solve",
            s,
            "-q",
            "--work-limit",
            "10",
            "-o",
            x,
            "--rosters",
            x,
        ],
        ["--output", "--rosters"],
        Path::new(x),
    );
    // Spelled differently, the same file all the same.
    let other = format!("{}/./x.csv", dir.path().display());
    refused(
        &[
            "solve",
            s,
            "-q",
            "--work-limit",
            "10",
            "-o",
            x,
            "--html",
            &other,
        ],
        ["--output", "--html"],
        Path::new(x),
    );
    let g = dir.path().join("g.toml");
    std::fs::write(&g, "keep me").unwrap();
    let g = g.to_str().unwrap();
    refused(
        &["generate", "--drills", "20", "-o", g, "--planted", g],
        ["--output", "--planted"],
        Path::new(g),
    );
}

#[test]
fn bad_output_paths_fail_before_the_search() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = setup(dir.path());
    let missing = dir.path().join("no/such/folder/x.csv");
    let folder = dir.path().join("a-folder");
    std::fs::create_dir(&folder).unwrap();
    for (target, message) in [
        (missing.as_path(), "does not exist"),
        (folder.as_path(), "is a folder"),
    ] {
        // Today the refusal comes before the search; a run that searched first
        // would take the whole time limit and show progress lines.
        let out = drillplan()
            .arg("solve")
            .arg(&s)
            .args(["--time-limit", "20", "--stall-moves", "1000000000", "-o"])
            .arg(target)
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(message) && err.contains("--output"), "{err}");
        assert!(!err.contains("moves"), "the search ran: {err}");
    }
}

/// Paths that only fail when written (a name ending in `/`, a "folder" that
/// is a file, a calendar folder named `.`) are refused before the search too,
/// naming what is wrong with them.
#[test]
fn paths_that_name_no_file_fail_before_the_search() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = setup(dir.path());
    let s = s.to_str().unwrap().to_string();
    let d = dir.path().to_str().unwrap();
    let cases: Vec<(Vec<String>, &str, &str)> = vec![
        (
            vec!["-o".into(), format!("{d}/new.csv/")],
            "--output",
            "ends in `/`",
        ),
        (
            vec!["-o".into(), format!("{s}/")],
            "--output",
            "ends in `/`",
        ),
        (
            vec!["-o".into(), format!("{s}/x.csv")],
            "--output",
            "is not a folder",
        ),
        (
            vec![
                "-o".into(),
                "-".into(),
                "--ics".into(),
                format!("{d}/cal/."),
            ],
            "--ics",
            "name the folder itself",
        ),
        (
            vec!["-o".into(), "-".into(), "--ics".into(), ".".into()],
            "--ics",
            "name the folder itself",
        ),
    ];
    for (args, flag, message) in cases {
        let out = drillplan()
            .current_dir(dir.path())
            .arg("solve")
            .arg(&s)
            .args(["--time-limit", "20", "--stall-moves", "1000000000"])
            .args(&args)
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(message) && err.contains(flag),
            "{args:?}: {err}"
        );
        assert!(!err.contains("moves"), "{args:?}: the search ran: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: a schedule was written");
    }
}

#[cfg(unix)]
#[test]
fn read_only_targets_are_refused_even_for_root() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = setup(dir.path());
    let target = dir.path().join("ro.csv");
    std::fs::write(&target, "published").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = drillplan()
        .arg("solve")
        .arg(&s)
        .args(["-q", "--work-limit", "10", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("read-only"));
    assert_eq!(std::fs::read(&target).unwrap(), b"published");
    let mode = std::fs::metadata(&target).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_written_into_and_a_device_stays_a_device() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = setup(dir.path());
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            std::fs::File::open(&fifo)
                .unwrap()
                .read_to_end(&mut bytes)
                .unwrap();
            bytes
        })
    };
    let out = drillplan()
        .arg("solve")
        .arg(&s)
        .args(["-q", "--work-limit", "10", "-o"])
        .arg(&fifo)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let bytes = reader.join().unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBFdrill_id,"),
        "the reader got {} bytes",
        bytes.len()
    );
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        3,
        "no temporary file"
    );
    // /dev/null takes any number of outputs and stays what it is.
    let out = drillplan()
        .arg("solve")
        .arg(&s)
        .args([
            "-q",
            "--work-limit",
            "10",
            "-o",
            "/dev/null",
            "--rosters",
            "/dev/null",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn the_calendar_folder_holds_exactly_the_current_calendars() {
    let dir = tempfile::tempdir().unwrap();
    let (s, plan) = setup(dir.path());
    let cal = dir.path().join("cal");
    std::fs::create_dir(&cal).unwrap();
    // A calendar of a team the plan no longer has, from an earlier run.
    std::fs::write(cal.join("team-retired.ics"), "BEGIN:VCALENDAR").unwrap();
    let out = drillplan()
        .arg("export")
        .arg(&s)
        .arg(&plan)
        .arg("--ics")
        .arg(&cal)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let written = names(&cal);
    assert!(
        !written.contains(&"team-retired.ics".to_string()),
        "{written:?}"
    );
    assert!(written.iter().all(|n| n.ends_with(".ics")), "{written:?}");
    assert!(
        written.iter().any(|n| n.starts_with("team-")),
        "{written:?}"
    );
    assert!(
        !names(dir.path())
            .iter()
            .any(|n| n.starts_with(".drillplan-")),
        "{:?}",
        names(dir.path())
    );

    // A folder holding the planner's own files is not replaced.
    std::fs::write(cal.join("notes.txt"), "mine").unwrap();
    let before = names(&cal);
    let out = drillplan()
        .arg("export")
        .arg(&s)
        .arg(&plan)
        .arg("--ics")
        .arg(&cal)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("notes.txt"), "{}", stderr_of(&out));
    assert_eq!(names(&cal), before);

    // Nor one that holds an input or another output.
    let inside = dir.path().join("cal2");
    std::fs::create_dir(&inside).unwrap();
    let out = drillplan()
        .arg("solve")
        .arg(&s)
        .args(["-q", "--work-limit", "10", "-o"])
        .arg(inside.join("plan.csv"))
        .arg("--ics")
        .arg(&inside)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(names(&inside).is_empty());
}

/// A calendar folder the planner made read-only (`chmod a-w`) is refused
/// like a read-only file, even for root: replacing it would drop the
/// protection, and for another user would strand the old calendars in a
/// `.drillplan-*.tmp` folder that cannot be removed.
#[cfg(unix)]
#[test]
fn a_read_only_calendar_folder_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (s, plan) = setup(dir.path());
    let cal = dir.path().join("cal");
    let export = || {
        drillplan()
            .arg("export")
            .arg(&s)
            .arg(&plan)
            .arg("--ics")
            .arg(&cal)
            .output()
            .unwrap()
    };
    assert!(export().status.success());
    std::fs::set_permissions(&cal, std::fs::Permissions::from_mode(0o555)).unwrap();
    let before = names(&cal);
    let out = export();
    let err = stderr_of(&out);
    std::fs::set_permissions(&cal, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("--ics") && err.contains("read-only"), "{err}");
    assert_eq!(names(&cal), before);
    assert!(
        !names(dir.path())
            .iter()
            .any(|n| n.starts_with(".drillplan-")),
        "{:?}",
        names(dir.path())
    );
}

/// A FIFO nobody reads blocks the write, as the shell's `>` does; an
/// interrupt must still end the program (exit 130), not wait for a reader.
#[cfg(unix)]
#[test]
fn an_interrupt_ends_a_write_into_a_fifo_nobody_reads() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = setup(dir.path());
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("drillplan"))
        .arg("solve")
        .arg(&s)
        .args(["-q", "--work-limit", "10", "-o"])
        .arg(&fifo)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the program has finished the search and is blocked opening
    // the FIFO (Linux names that wait `wait_for_partner`).
    let stuck = || {
        std::fs::read_to_string(format!("/proc/{}/wchan", child.id()))
            .is_ok_and(|w| w.contains("partner") || w.contains("fifo"))
    };
    let mut waited = 0;
    while !stuck() && waited < 600 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
    }
    assert!(stuck(), "never blocked on the FIFO");
    // 700 ms apart: a repeat within half a second is the same interrupt.
    for signal in ["TERM", "TERM"] {
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(700));
    }
    // A liveness bound, not a timing assertion: a hung program never exits.
    let mut status = None;
    for _ in 0..300 {
        if let Some(s) = child.try_wait().unwrap() {
            status = Some(s);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    if status.is_none() {
        child.kill().unwrap();
        child.wait().unwrap();
        panic!("still blocked on the FIFO after two SIGTERMs");
    }
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    assert_eq!(status.unwrap().code(), Some(130), "{err}");
    assert!(err.contains("pipe"), "the message names the FIFO: {err}");
}

/// A symbolic link whose file does not exist yet is written through like
/// any link, as the shell's `>` does: the link stays and its file appears;
/// a link into a missing folder is refused before the search. Spelled as
/// the link or as its file, it is one output.
#[cfg(unix)]
#[test]
fn a_dangling_link_is_written_through_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = setup(dir.path());
    std::fs::create_dir(dir.path().join("real")).unwrap();
    let link = dir.path().join("plan-link.csv");
    std::os::unix::fs::symlink("real/target.csv", &link).unwrap();
    let solve = |extra: &[&Path]| {
        let mut cmd = drillplan();
        cmd.arg("solve")
            .arg(&s)
            .args(["-q", "--work-limit", "10", "-o"]);
        for a in extra {
            cmd.arg(a);
        }
        cmd.output().unwrap()
    };
    let target = dir.path().join("real/target.csv");
    let out = solve(&[&link, Path::new("--rosters"), &target]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(stderr_of(&out).contains("same file"), "{}", stderr_of(&out));
    let out = solve(&[&link]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read(&target)
        .unwrap()
        .starts_with(b"\xEF\xBB\xBFdrill_id,"));

    let nowhere = dir.path().join("nowhere.csv");
    std::os::unix::fs::symlink("missing/x.csv", &nowhere).unwrap();
    let out = solve(&[&nowhere]);
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--output") && err.contains("does not exist"),
        "{err}"
    );
    assert!(std::fs::symlink_metadata(&nowhere)
        .unwrap()
        .file_type()
        .is_symlink());
}

/// A calendar folder reached through a symbolic link (a shared or synced
/// folder) is written through: the link stays, and the folder it points to
/// gets the calendars.
#[cfg(unix)]
#[test]
fn a_linked_calendar_folder_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let (s, plan) = setup(dir.path());
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    std::fs::write(shared.join("team-retired.ics"), "BEGIN:VCALENDAR").unwrap();
    let link = dir.path().join("cal");
    std::os::unix::fs::symlink("shared", &link).unwrap();
    for _ in 0..2 {
        let out = drillplan()
            .arg("export")
            .arg(&s)
            .arg(&plan)
            .arg("--ics")
            .arg(&link)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr_of(&out));
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        let written = names(&shared);
        assert!(
            written.iter().any(|n| n.starts_with("team-"))
                && !written.contains(&"team-retired.ics".to_string()),
            "{written:?}"
        );
    }
    assert!(
        !names(dir.path())
            .iter()
            .any(|n| n.starts_with(".drillplan-")),
        "{:?}",
        names(dir.path())
    );
}

/// `-` is standard output only where a command says so (`-o -`). A view or
/// the diff given `-` used to become a file named `-`, and two of them the
/// same file, the first lost: each is refused before the search, naming
/// its flag.
#[test]
fn a_dash_is_refused_where_standard_output_is_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    let (s, plan) = setup(dir.path());
    let solve = |extra: &[&str]| {
        drillplan()
            .current_dir(dir.path())
            .arg("solve")
            .arg(&s)
            .args(["-q", "--work-limit", "10", "-o", "-"])
            .args(extra)
            .output()
            .unwrap()
    };
    let cases: [(&[&str], &str); 4] = [
        (&["--xlsx", "-", "--html", "-"], "--xlsx"),
        (&["--rosters", "-"], "--rosters"),
        (&["--baseline", "plan.csv", "--diff", "-"], "--diff"),
        (&["--ics", "-"], "--ics"),
    ];
    for (extra, flag) in cases {
        let out = solve(extra);
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{extra:?}: {err}");
        assert!(
            err.contains(flag) && err.contains("standard output"),
            "{err}"
        );
        assert!(out.stdout.is_empty(), "{extra:?}: a schedule was written");
    }
    let out = drillplan()
        .current_dir(dir.path())
        .arg("export")
        .arg(&s)
        .arg(&plan)
        .args(["--html", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    let out = drillplan()
        .current_dir(dir.path())
        .args(["generate", "--drills", "10", "--planted", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(out.stdout.is_empty());
    assert!(
        !dir.path().join("-").exists(),
        "a file named `-` was written"
    );
    // A file named `-` can still be had, spelled as a path.
    let out = solve(&["--html", "./-"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(dir.path().join("-").exists());
}

#[test]
fn exports_racing_to_create_the_same_calendar_folder_all_succeed() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("s.csv");
    let solved = std::process::Command::new(assert_cmd::cargo::cargo_bin("drillplan"))
        .args([
            "solve",
            "tests/scenarios/small.toml",
            "-q",
            "--work-limit",
            "200",
            "-o",
        ])
        .arg(&csv)
        .output()
        .unwrap();
    assert!(solved.status.success());
    for round in 0..4 {
        let ics = dir.path().join(format!("cal-{round}"));
        let children: Vec<std::process::Child> = (0..6)
            .map(|_| {
                std::process::Command::new(assert_cmd::cargo::cargo_bin("drillplan"))
                    .args(["export", "tests/scenarios/small.toml"])
                    .arg(&csv)
                    .arg("--ics")
                    .arg(&ics)
                    .stdout(std::process::Stdio::null())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let names: Vec<String> = std::fs::read_dir(&ics)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            !names.is_empty() && names.iter().all(|n| n.ends_with(".ics")),
            "{names:?}"
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().starts_with(".drillplan-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// `solve -o 安排.xlsx`, meant as `--xlsx`, wrote a CSV that Excel refuses
/// to open under that name; it is refused before any work, with the flag
/// to use, and so is a workbook under a CSV's name.
#[test]
fn a_csv_under_a_workbooks_name_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (s, plan) = setup(dir.path());
    let (s, plan) = (s.to_str().unwrap(), plan.to_str().unwrap());
    let cases: [(&[&str], &str, &str); 4] = [
        (
            &["solve", s, "-o", "安排.xlsx"],
            "--output 安排.xlsx",
            "--xlsx 安排.xlsx",
        ),
        (
            &["solve", s, "-o", "x.csv", "--rosters", "r.XLSX"],
            "--rosters r.XLSX",
            ".csv",
        ),
        (
            &["export", s, plan, "--rosters", "r.xls"],
            "--rosters r.xls",
            ".csv",
        ),
        (
            &["export", s, plan, "--xlsx", "book.csv"],
            "--xlsx book.csv",
            ".xlsx",
        ),
    ];
    for (args, flag, fix) in cases {
        let out = drillplan()
            .current_dir(dir.path())
            .env("DRILLPLAN_LANG", "zh")
            .args(args)
            .output()
            .unwrap();
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.starts_with(&format!("错误：{flag}：")),
            "{args:?}: {err}"
        );
        assert!(err.contains(fix), "{args:?}: {err}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}
