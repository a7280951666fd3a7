//! Rule 12 (coverage) and the `spread` term of contract v1.1: loading,
//! the checker, and the solver keeping every row on the external corpus's
//! oversubscribed city.

use crate::common;
use common::*;
use drillplan::check::check;
use drillplan::reason::Broken;
use drillplan::scenario::{load, parse, CoverageName, Scenario};
use drillplan::schedule::csv::read;
use drillplan::solve::{solve, Outcome, SolveOptions, Status};
use drillplan_engine::internals::{priority_bound, BoundOutcome, Model, Prepared};
use proptest::prelude::*;
use std::path::Path;
use std::sync::atomic::AtomicBool;

const CITY: &str = "tests/fixtures/corpus/c-over-city-400-coverage.toml";
const WITNESS: &str = "tests/fixtures/corpus/c-over-city-400-coverage.witness.csv";

#[test]
fn the_witness_keeps_every_row_and_pays_for_its_same_day_pairs() {
    let s = load(Path::new(CITY)).unwrap();
    assert_eq!(s.coverage.len(), 5);
    assert_eq!(s.weights.spread, 2.0);
    let entries = read(&s, Path::new(WITNESS)).unwrap();
    let report = check(&s, &entries, None);
    assert!(report.is_feasible(), "{:?}", report.violations);
    assert_eq!(report.score.priority, 1598);
    // The pairs, counted here by hand from the entries.
    let mut counts = std::collections::HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(e) = e {
            let venue = s.drills[i].venue;
            *counts
                .entry((s.venue(venue).district, e.date))
                .or_insert(0u64) += 1;
        }
    }
    let pairs: u64 = counts.values().map(|n| n * (n - 1) / 2).sum();
    assert!(pairs > 0);
    assert_eq!(report.score.same_day_pairs, pairs);
    let w = s.weights;
    let expected = w.travel * report.score.travel_minutes as f64
        + w.off_preference * report.score.off_preference as f64
        + w.spread * pairs as f64;
    assert_eq!(report.score.penalty, expected);
}

#[test]
fn one_drill_short_of_a_row_is_refused_naming_the_row_and_the_district() {
    let s = load(Path::new(CITY)).unwrap();
    let mut entries = read(&s, Path::new(WITNESS)).unwrap();
    let row = s
        .coverage
        .iter()
        .find(|r| r.name == CoverageName::Named("fire in dushanzi".into()))
        .unwrap();
    let district = row.districts[0];
    let matching: Vec<usize> = (0..s.drills.len())
        .filter(|&i| {
            entries[i].is_some()
                && s.venue(s.drills[i].venue).district == district
                && Some(&s.drills[i].sector) == row.sector.as_ref()
        })
        .collect();
    // Drop scheduled matching drills until the row is exactly one short.
    let surplus = matching.len() - row.min_drills as usize;
    for &i in &matching[..=surplus] {
        entries[i] = None;
    }
    let report = check(&s, &entries, None);
    assert_eq!(report.rules_broken(), vec![12]);
    assert_eq!(report.violations.len(), 1);
    assert_eq!(
        report.violations[0].broken,
        Broken::CoverageShort {
            row: CoverageName::Named("fire in dushanzi".into()),
            // As the planner's file names it, not by its id.
            district: "独山子区".into(),
            has: row.min_drills as usize - 1,
            min: row.min_drills,
        }
    );
    let text = report.violations[0].to_string();
    assert!(
        text.contains("fire in dushanzi")
            && text.contains("district 独山子区")
            && text.contains("1 short"),
        "{text}"
    );
}

const SMALL: &str = r#"
[plan]
start = 2017-06-19
end = 2017-06-20
[objective]
spread = 5
[[district]]
id = "k"
[[district]]
id = "u"
[[venue]]
id = "v"
district = "k"
location = [45.0, 84.0]
[[venue]]
id = "w"
district = "u"
location = [45.0, 84.1]
[[team]]
id = "t0"
skills = ["fire"]
district = "k"
base = [45.0, 84.0]
[[drill]]
id = "a"
venue = "v"
duration = 60
sector = "fire"
kind = "fire_evacuation"
needs = [{ team = "t0" }]
[[drill]]
id = "b"
venue = "w"
duration = 60
sector = "fire"
needs = [{ team = "t0" }]
"#;

fn with(extra: &str) -> Result<drillplan::scenario::Scenario, String> {
    parse("s.toml", &format!("{SMALL}{extra}")).map_err(|e| e.render(false))
}

#[test]
fn coverage_rows_are_validated_as_the_contract_says() {
    let s = with("[[coverage]]\nsector = \"fire\"\n").unwrap();
    assert_eq!(
        s.coverage[0].districts.len(),
        2,
        "every district by default"
    );
    assert_eq!(s.coverage[0].min_drills, 1);
    assert_eq!(s.coverage[0].name, CoverageName::Nth(1));
    let s = with("[[coverage]]\nname = \"x\"\nkind = \"fire_evacuation\"\ndistricts = [\"k\"]\n")
        .unwrap();
    assert_eq!(s.coverage[0].districts.len(), 1);

    let neither = with("[[coverage]]\nname = \"x\"\n").unwrap_err();
    assert!(neither.contains("neither `sector` nor `kind`"), "{neither}");
    let zero = with("[[coverage]]\nsector = \"fire\"\nmin_drills = 0\n").unwrap_err();
    assert!(
        zero.contains("min_drills") && zero.contains("at least 1"),
        "{zero}"
    );
    let unknown = with("[[coverage]]\nsector = \"fire\"\ndistricts = [\"zz\"]\n").unwrap_err();
    assert!(
        unknown.contains("`zz`") && unknown.contains("s.toml:"),
        "{unknown}"
    );
    // `u` has one fire drill, and no fire_evacuation at all.
    let few = with("[[coverage]]\nname = \"fire twice\"\nsector = \"fire\"\nmin_drills = 2\n")
        .unwrap_err();
    assert!(
        few.contains("fire twice") && few.contains("`k`") && few.contains("only 1"),
        "{few}"
    );
    let none = with("[[coverage]]\nname = \"evac\"\nkind = \"fire_evacuation\"\n").unwrap_err();
    assert!(
        none.contains("`u`") && none.contains("only 0") && !none.contains("`k`"),
        "{none}"
    );
    let typo = with("[[coverage]]\nsector = \"fire\"\nmin_drill = 2\n").unwrap_err();
    assert!(typo.contains("min_drill"), "{typo}");
    let negative = parse("s.toml", &SMALL.replace("spread = 5", "spread = -1"))
        .map_err(|e| e.render(false))
        .unwrap_err();
    assert!(negative.contains("objective.spread"), "{negative}");
}

/// A planner writes the notice's sectors and kinds in Chinese on one sheet
/// and by key on another (the template's examples teach keys): 人员密集场所
/// is `crowded_places` on a coverage row as it is on a drill, so the row
/// counts the drill, and a solve keeps it rather than finding no schedule.
#[test]
fn a_coverage_row_in_chinese_counts_drills_keyed_in_english_and_back() {
    let zh_row = "[[coverage]]\nname = \"密集\"\nsector = \"人员密集场所\"\nkind = \"火灾疏散\"\ndistricts = [\"k\"]\n";
    let text = SMALL.replace(
        "sector = \"fire\"\nkind",
        "sector = \"crowded_places\"\nkind",
    );
    let s = parse("s.toml", &format!("{text}{zh_row}")).unwrap();
    assert!(s.coverage[0].matches(&s.drills[0]), "{:?}", s.coverage[0]);
    let opts = SolveOptions {
        time_limit: None,
        work_limit: Some(3_000),
        seed: 1,
        ..SolveOptions::default()
    };
    let out = solved(&s, &opts);
    assert_ne!(out.status, Status::RequiredUnplaced, "{:?}", out.coverage);
    assert!(out.schedule.entries(&s)[0].is_some());

    // Back: a row by key, the drill by its Chinese labels.
    let text = SMALL.replace(
        "sector = \"fire\"\nkind = \"fire_evacuation\"",
        "sector = \"人员密集场所\"\nkind = \"火灾疏散\"",
    );
    let key_row = "[[coverage]]\nsector = \"crowded_places\"\nkind = \"fire_evacuation\"\ndistricts = [\"k\"]\n";
    let s = parse("s.toml", &format!("{text}{key_row}")).unwrap();
    assert!(s.coverage[0].matches(&s.drills[0]), "{:?}", s.coverage[0]);
}

/// A planner writes a drill's sector and kind by their Chinese labels; the
/// schedule's `sector` and `kind` columns hold the drill's sector and kind as
/// the scenario writes them, so a checker that compares the column with the
/// file, or counts a row `sector = "人员密集场所"` from the columns, finds them.
/// Before, the CSV said `crowded_places`, and `check` refused a schedule that
/// carried the scenario's own text as "cells that contradict the scenario".
#[test]
fn the_schedule_carries_a_sector_written_in_chinese_as_written() {
    let text = SMALL.replace(
        "sector = \"fire\"\nkind = \"fire_evacuation\"",
        "sector = \"人员密集场所\"\nkind = \"火灾疏散\"",
    ) + "[[coverage]]\nsector = \"人员密集场所\"\ndistricts = [\"k\"]\n";
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("s.toml");
    std::fs::write(&scenario, text).unwrap();
    let schedule = dir.path().join("out.csv");
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_drillplan"))
            .args(args)
            .args(["--lang", "en"])
            .output()
            .unwrap()
    };
    let out = run(&[
        "solve".as_ref(),
        scenario.as_os_str(),
        "-o".as_ref(),
        schedule.as_os_str(),
        "--work-limit".as_ref(),
        "2000".as_ref(),
        "--quiet".as_ref(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = std::fs::read_to_string(&schedule).unwrap();
    let row_a = csv.lines().find(|l| l.starts_with("a,")).unwrap();
    let cells: Vec<&str> = row_a.split(',').collect();
    assert_eq!(
        (cells[5], cells[6]),
        ("火灾疏散", "人员密集场所"),
        "{row_a}"
    );
    // A schedule written with the keys (drillplan before this, or another
    // solver) names the same sector and kind: check takes either.
    let keyed = dir.path().join("keyed.csv");
    std::fs::write(
        &keyed,
        csv.replace("火灾疏散", "fire_evacuation")
            .replace("人员密集场所", "crowded_places"),
    )
    .unwrap();
    for file in [&schedule, &keyed] {
        let out = run(&["check".as_ref(), scenario.as_os_str(), file.as_os_str()]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout.contains("every rule of the contract holds"),
            "{stdout}"
        );
    }
    // Another sector in the column still contradicts the scenario.
    let other = dir.path().join("other.csv");
    std::fs::write(&other, csv.replace("人员密集场所", "fire")).unwrap();
    let out = run(&["check".as_ref(), scenario.as_os_str(), other.as_os_str()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!out.status.success(), "{stdout}");
    assert!(
        stdout.contains("column sector is `fire`, but the scenario gives `人员密集场所`"),
        "{stdout}"
    );
}

/// Solves `s`; a schedule it returns (any status but `RequiredUnplaced`)
/// must pass the checker, rule 12 included.
fn solved(s: &Scenario, opts: &SolveOptions) -> Outcome {
    let out = solve(s, opts, &AtomicBool::new(false), &mut |_| {});
    if out.status != Status::RequiredUnplaced {
        let report = check(s, &out.schedule.entries(s), None);
        assert!(report.is_feasible(), "{:?}", report.violations);
        assert_eq!(report.score.priority, out.priority);
        assert_eq!(report.score.penalty, out.penalty);
    }
    out
}

/// The day relaxation over the whole scenario; `None` when it finds that
/// no schedule keeps the coverage rows.
fn day_bound(s: &Scenario) -> Option<u64> {
    let prepared = Prepared::new(s);
    let drills: Vec<_> = s.drill_ids().collect();
    let can_run: Vec<Vec<_>> = prepared
        .starts
        .iter()
        .map(|starts| {
            let mut days: Vec<_> = starts.iter().map(|st| st.0).collect();
            days.dedup();
            days
        })
        .collect();
    let model = Model {
        mip: false,
        transport: false,
    };
    match priority_bound(s, &prepared, &can_run, &drills, model) {
        BoundOutcome::Bound(b) => Some(b),
        BoundOutcome::RequiredInfeasible => None,
    }
}

fn cases() -> u32 {
    std::env::var("DRILLPLAN_PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(config(cases(), concat!(env!("CARGO_MANIFEST_DIR"), "/proptest-regressions/coverage.txt")))]

    /// Rule 12 and spread on tiny scenarios: where the brute force finds a
    /// schedule, the solver finds its optimum and proves it, and the day
    /// relaxation stays above it; where it finds none, the solver refuses
    /// (exit 3) and writes nothing.
    #[test]
    fn the_solver_keeps_coverage_and_matches_brute_force(tiny in tiny_with_coverage()) {
        let s = tiny.scenario();
        let out = solved(&s, &quick_options(1));
        match brute_force_best(&s) {
            None => {
                prop_assert_eq!(out.status, Status::RequiredUnplaced, "{}", tiny.to_toml());
                prop_assert!(out.coverage.iter().any(|h| h.is_short()));
            }
            Some(optimum) => {
                prop_assert!(out.status != Status::RequiredUnplaced, "{}", tiny.to_toml());
                prop_assert!(out.coverage.iter().all(|h| !h.is_short()));
                prop_assert_eq!(out.priority, optimum, "{}", tiny.to_toml());
                prop_assert!(out.bound >= optimum, "bound {} below {}\n{}", out.bound, optimum, tiny.to_toml());
                let day = day_bound(&s);
                prop_assert!(day.is_some_and(|b| b >= optimum), "day bound {:?} below {}\n{}", day, optimum, tiny.to_toml());
            }
        }
    }

    /// Adding a coverage row never raises the optimum; removing one never
    /// lowers it (both by the solver, which the test above holds to the
    /// brute force).
    #[test]
    fn a_coverage_row_only_ever_costs_priority(tiny in tiny_with_coverage()) {
        let mut fewer = tiny.clone();
        fewer.coverage.pop();
        let with = solved(&tiny.scenario(), &quick_options(2));
        let without = solved(&fewer.scenario(), &quick_options(2));
        if with.status != Status::RequiredUnplaced {
            prop_assert!(without.status != Status::RequiredUnplaced, "{}", fewer.to_toml());
            prop_assert!(with.priority <= without.priority, "{} > {}\n{}", with.priority, without.priority, tiny.to_toml());
        }
    }
}

#[test]
fn the_solver_keeps_every_row_of_the_corpus_city() {
    let s = load(Path::new(CITY)).unwrap();
    let opts = SolveOptions {
        time_limit: None,
        work_limit: Some(3_000),
        seed: 1,
        ..SolveOptions::default()
    };
    let out = solved(&s, &opts);
    assert_ne!(out.status, Status::RequiredUnplaced);
    assert_eq!(out.coverage.len(), 5);
    assert!(
        out.coverage.iter().all(|h| h.has >= h.min),
        "{:?}",
        out.coverage
    );
}

/// Two fire drills in `k` both need team t0, which drills once a day on
/// the one plan day: a row asking for both cannot hold.
#[test]
fn coverage_that_cannot_hold_exits_3_naming_the_row_and_the_district() {
    let text = SMALL.replace("end = 2017-06-20", "end = 2017-06-19").replace(
        "district = \"k\"\nbase = [45.0, 84.0]",
        "district = \"k\"\nbase = [45.0, 84.0]\nmax_drills_per_day = 1",
    ) + "[[drill]]\nid = \"c\"\nvenue = \"v\"\nduration = 60\nsector = \"fire\"\nneeds = [{ team = \"t0\" }]\n\
         [[coverage]]\nname = \"fire twice\"\nsector = \"fire\"\ndistricts = [\"k\"]\nmin_drills = 2\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_drillplan"))
        .args(["solve", path.to_str().unwrap(), "-o"])
        .arg(dir.path().join("out.csv"))
        .args(["--time-limit", "5", "--quiet"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("fire twice") && stderr.contains("district k") && stderr.contains("1 of 2"),
        "{stderr}"
    );
    assert!(!dir.path().join("out.csv").exists());
}

/// `districts = []` is read as the contract writes it, a row that asks
/// nothing of any district; a planner who wrote it most likely meant every
/// district (the key left out), so `validate` and `solve` say so, in the
/// planner's language, and go on.
#[test]
fn a_coverage_row_listing_no_district_is_warned_of() {
    let text = format!(
        "{SMALL}[[coverage]]\nname = \"fire everywhere\"\nsector = \"fire\"\ndistricts = []\nmin_drills = 2\n"
    );
    let s = parse("s.toml", &text).unwrap();
    assert!(s.coverage[0].districts.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.toml");
    std::fs::write(&path, text).unwrap();
    let run = |args: &[&str], lang: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_drillplan"))
            .args(args)
            .arg(&path)
            .args(["--lang", lang])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let zh = run(&["validate"], "zh");
    assert!(
        zh.contains("警告：覆盖要求「fire everywhere」没有列出任何区域（`districts = []`）")
            && zh.contains("要计入所有区域，请删去 `districts` 这一项"),
        "{zh}"
    );
    let en = run(&["solve", "--work-limit", "200", "-q"], "en");
    assert!(
        en.contains("warning: coverage row `fire everywhere` lists no district")
            && en.contains("leave `districts` out"),
        "{en}"
    );
}

/// A coverage row without a name was called `coverage #N` in Chinese
/// messages too; now it is `第 N 条覆盖要求` in validate, solve's summary,
/// check and explain (and `coverage #N` in English).
#[test]
fn an_unnamed_coverage_row_is_named_in_the_readers_language() {
    let text = format!(
        "{SMALL}[[coverage]]\nsector = \"fire\"\ndistricts = [\"k\"]\nmin_drills = 1\n\
         [[coverage]]\nsector = \"fire\"\ndistricts = []\nmin_drills = 1\n"
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.toml"), &text).unwrap();
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_drillplan"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        let said = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        assert!(!said.contains("panicked"), "{said}");
        (out.status.code(), said)
    };
    let (_, validate) = run(&["validate", "s.toml", "--lang", "zh"]);
    assert!(
        validate.contains("警告：第 2 条覆盖要求没有列出任何区域"),
        "{validate}"
    );
    let (code, solve) = run(&[
        "solve",
        "s.toml",
        "-o",
        "out.csv",
        "--work-limit",
        "200",
        "--lang",
        "zh",
    ]);
    assert_eq!(code, Some(0), "{solve}");
    assert!(
        solve.contains("覆盖要求           第 1 条 k：1 个，至少 1 个（满足）"),
        "{solve}"
    );
    let (_, explain) = run(&["explain", "s.toml", "out.csv", "a", "--lang", "zh"]);
    assert!(
        explain.contains("支撑第 1 条覆盖要求（区域 k：已安排 1 个"),
        "{explain}"
    );
    // The same schedule with every drill left out: the row falls short.
    let csv = std::fs::read_to_string(dir.path().join("out.csv")).unwrap();
    let mut lines = csv.lines();
    let mut none = vec![lines.next().unwrap().to_string()];
    for line in lines {
        let mut f: Vec<&str> = line.split(',').collect();
        for i in [7, 8, 9, 10, 12] {
            f[i] = "";
        }
        f[16] = "unscheduled";
        none.push(f.join(","));
    }
    std::fs::write(dir.path().join("none.csv"), none.join("\n") + "\n").unwrap();
    let (code, check) = run(&["check", "s.toml", "none.csv", "--lang", "zh"]);
    assert_eq!(code, Some(1), "{check}");
    assert!(
        check.contains("规则 12：第 1 条覆盖要求：区域 k 只安排了 0 个"),
        "{check}"
    );
    for said in [&validate, &solve, &explain, &check] {
        assert!(!said.contains("coverage #"), "{said}");
    }
    let (_, check) = run(&["check", "s.toml", "none.csv", "--lang", "en"]);
    assert!(
        check.contains("rule 12: coverage #1: district k has 0"),
        "{check}"
    );
}
