//! Generated scenarios: valid, deterministic per seed, their planted schedule
//! feasible, and solving them gives checker-accepted schedules that do not
//! depend on the thread count under a work limit.

use crate::common;

use drillplan::check::check;
use drillplan::generate::{generate, planted_schedule, CoverageRows, GenerateOptions};
use drillplan::scenario::{parse, Scenario};
use drillplan::schedule::csv::to_bytes;
use drillplan::solve::{Outcome, SolveOptions};

fn options(drills: usize, seed: u64, tightness: f64) -> GenerateOptions {
    GenerateOptions {
        drills,
        teams: None,
        districts: None,
        seed,
        tightness,
        ..GenerateOptions::default()
    }
}

#[test]
fn generated_scenarios_validate_and_their_planted_schedule_is_feasible() {
    for (drills, seed, tightness) in [(40, 1, 1.0), (150, 2, 1.0), (600, 3, 1.0), (300, 4, 0.8)] {
        let g = generate(&options(drills, seed, tightness));
        let s = parse("g.toml", &g.toml).unwrap_or_else(|e| panic!("{}", e.render(false)));
        assert_eq!(s.drills.len(), drills);
        let planted = planted_schedule(&s, &g.planted);
        let report = check(&s, &planted.entries(&s), None);
        assert!(
            report.is_feasible(),
            "{:?}",
            &report.violations[..report.violations.len().min(5)]
        );
        let planted_count = g.planted.iter().filter(|p| p.is_some()).count();
        assert_eq!(planted_count, (drills as f64 * tightness).round() as usize);
    }
}

/// The most districts `generate` takes (1 000), for a city and for a
/// province: their seats ran up a column past latitude 90, so that
/// `generate --drills 40000` (160 districts) stopped with an internal error,
/// "the generated scenario is invalid". The grid now goes on to the east.
#[test]
fn many_districts_stay_on_the_globe() {
    for province in [false, true] {
        let g = generate(&GenerateOptions {
            districts: Some(1000),
            province,
            ..options(1000, 5, 1.0)
        });
        let s = parse("g.toml", &g.toml).unwrap_or_else(|e| panic!("{}", e.render(false)));
        assert!(s.districts.len() >= 1000, "province {province}");
    }
}

#[test]
fn same_seed_same_scenario() {
    assert_eq!(
        generate(&options(200, 9, 1.0)).toml,
        generate(&options(200, 9, 1.0)).toml
    );
    assert_ne!(
        generate(&options(200, 9, 1.0)).toml,
        generate(&options(200, 10, 1.0)).toml
    );
}

#[test]
fn solving_a_generated_scenario_is_checked_and_thread_independent() {
    let g = generate(&GenerateOptions {
        drills: 400,
        teams: Some(90),
        districts: Some(3),
        seed: 5,
        tightness: 0.9,
        ..GenerateOptions::default()
    });
    let s = parse("g.toml", &g.toml).unwrap();
    let opts = SolveOptions {
        self_check: true,
        time_limit: None,
        work_limit: Some(1500),
        seed: 11,
        ..SolveOptions::default()
    };
    for out in same_on_one_and_two_threads(&s, &opts) {
        assert!(out.bound >= out.priority);
    }
}

/// Solves on 1 and 2 threads: both schedules accepted by the checker, at
/// the priority the solver reports, and the same bytes.
fn same_on_one_and_two_threads(s: &Scenario, opts: &SolveOptions) -> Vec<Outcome> {
    let mut outs = Vec::new();
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let out = pool.install(|| common::run(s, opts));
        let report = check(s, &out.schedule.entries(s), None);
        assert!(report.is_feasible(), "{:?}", report.violations);
        assert_eq!(report.score.priority, out.priority);
        outs.push(out);
    }
    assert_eq!(
        to_bytes(s, &outs[0].schedule, true),
        to_bytes(s, &outs[1].schedule, true)
    );
    outs
}

/// An oversubscribed city walks its plateau of equal priority and, once
/// the priority stops rising, takes its route bound at a move count: the
/// schedule must not depend on the thread that computed the bound, nor on
/// when it came in.
#[test]
fn a_walking_search_takes_its_bound_where_the_moves_say_whatever_the_threads() {
    let g = generate(&GenerateOptions {
        drills: 100,
        teams: Some(8),
        districts: Some(2),
        seed: 4,
        tightness: 0.5,
        ..GenerateOptions::default()
    });
    let s = parse("g.toml", &g.toml).unwrap();
    let opts = SolveOptions {
        time_limit: None,
        // Each of its two parts rises for about 1 000 moves, then goes
        // 50 000 without a rise and takes its bound.
        work_limit: Some(150_000),
        seed: 2,
        ..SolveOptions::default()
    };
    for out in same_on_one_and_two_threads(&s, &opts) {
        // Oversubscribed: the walks only happen where a tenth is left out.
        let placed = out.schedule.placements.iter().flatten().count();
        assert!(
            placed * 10 <= s.drills.len() * 9,
            "{placed} of {}",
            s.drills.len()
        );
    }
}

/// A small city proves its priority at once and then kicks its best
/// schedule every 5 000 moves that find nothing better: the kicks follow
/// the move count, so the schedule is the same whatever the threads, and
/// the one kept is no worse than the schedule without further moves.
#[test]
fn a_kicking_search_is_the_same_whatever_the_threads() {
    let s = parse("g.toml", &generate(&options(30, 1, 1.0)).toml).unwrap();
    let at = |work_limit| SolveOptions {
        time_limit: None,
        work_limit: Some(work_limit),
        seed: 3,
        ..SolveOptions::default()
    };
    let early = &same_on_one_and_two_threads(&s, &at(2_000))[0];
    let kicked = same_on_one_and_two_threads(&s, &at(40_000));
    assert!(kicked[0].kicks > 0, "no kick in 40 000 moves");
    assert_eq!(kicked[0].kicks, kicked[1].kicks);
    assert_eq!(kicked[0].priority, early.priority);
    assert!(
        kicked[0].penalty <= early.penalty,
        "{} > {}",
        kicked[0].penalty,
        early.penalty
    );
}

/// Regression: in one large district a pinned drill has dozens of cheaper
/// teams for each need, and staffing ran out of nodes before it tried the
/// pinned one, so the solver called a planted, feasible drill unplaceable.
#[test]
fn every_planted_drill_of_a_crowded_district_is_placeable() {
    let g = generate(&GenerateOptions {
        drills: 2000,
        teams: None,
        districts: Some(1),
        seed: 3,
        tightness: 1.0,
        ..GenerateOptions::default()
    });
    let s = parse("g.toml", &g.toml).unwrap();
    assert!(s.drills.iter().any(|d| d.pin.is_some()));
    let never: Vec<String> = drillplan::solve::never_placeable(&s)
        .into_iter()
        .map(|(d, why)| format!("{}: {why}", s.drill(d).id))
        .collect();
    assert!(never.is_empty(), "{never:#?}");
}

fn covered(drills: usize, seed: u64, tightness: f64, rows: CoverageRows) -> GenerateOptions {
    GenerateOptions {
        districts: Some(3),
        coverage: rows,
        ..options(drills, seed, tightness)
    }
}

/// `--coverage notice|planted`: the rows come last in the file, name the
/// notice's sectors in Chinese, and the planted schedule keeps every one.
#[test]
fn coverage_rows_are_kept_by_the_planted_schedule() {
    for rows in [CoverageRows::Notice, CoverageRows::Planted] {
        let g = generate(&covered(300, 4, 0.8, rows));
        let s = parse("g.toml", &g.toml).unwrap_or_else(|e| panic!("{}", e.render(false)));
        assert!(s.coverage.len() >= 4, "{rows:?}: {} rows", s.coverage.len());
        let last_other = ["[[drill]]", "[[pin]]", "[[conflict]]", "[[standby]]"]
            .iter()
            .filter_map(|t| g.toml.rfind(t))
            .max()
            .unwrap();
        assert!(
            g.toml.find("[[coverage]]").unwrap() > last_other,
            "{rows:?}"
        );
        assert!(
            s.coverage
                .iter()
                .any(|r| r.name.to_string().starts_with("危险化学品")),
            "{rows:?}"
        );
        let planted = planted_schedule(&s, &g.planted);
        let report = check(&s, &planted.entries(&s), None);
        assert!(report.is_feasible(), "{rows:?}: {:?}", report.violations);
        if rows == CoverageRows::Notice {
            assert!(s.coverage.iter().all(|r| r.min_drills == 1));
        } else {
            assert!(s.coverage.iter().any(|r| r.min_drills > 1));
        }
    }
    // Without --coverage, the file is as it was.
    let plain = generate(&options(300, 4, 0.8)).toml;
    assert!(!plain.contains("[[coverage]]"));
}

/// `generate` says what it made in the run's language, like every command.
#[test]
fn generate_reports_in_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, expected) in [("zh", "已生成 5 项演练"), ("en", "generated 5 drills")] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_drillplan"))
            .args(["generate", "--drills", "5", "--lang", lang, "-o"])
            .arg(dir.path().join(format!("{lang}.toml")))
            .env_remove("DRILLPLAN_LANG")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stderr}");
        assert!(stderr.contains(expected), "{lang}: {stderr}");
    }
}

/// `-o city.xlsx` writes a scenario workbook, not TOML text under a
/// workbook's name, and it validates as the same city.
#[test]
fn generate_writes_a_workbook_for_an_xlsx_path() {
    let dir = tempfile::tempdir().unwrap();
    let (book, toml) = (dir.path().join("city.xlsx"), dir.path().join("city.toml"));
    for path in [&book, &toml] {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_drillplan"))
            .args([
                "generate", "--drills", "30", "--seed", "4", "--lang", "zh", "-o",
            ])
            .arg(path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(std::fs::read(&book).unwrap().starts_with(b"PK"));
    let from_book = drillplan::workbook::load(&book).unwrap();
    let from_toml = drillplan::scenario::load(&toml).unwrap();
    assert_eq!(from_book.scenario.drills.len(), 30);
    // The same drills and teams, field for field.
    assert_eq!(
        format!("{:?}", from_book.scenario.drills),
        format!("{:?}", from_toml.drills)
    );
    assert_eq!(
        format!("{:?}", from_book.scenario.teams),
        format!("{:?}", from_toml.teams)
    );
}

/// A name LibreOffice or Excel would open as something else (`.ods`,
/// `.xls`, `.csv`) would hold TOML text the planner is shown as garbage:
/// `generate` and `convert` refuse it, exit 2, and write nothing.
#[test]
fn a_scenario_is_not_written_under_another_formats_name() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("city.toml");
    let made = std::process::Command::new(env!("CARGO_BIN_EXE_drillplan"))
        .args(["generate", "--drills", "5", "-o"])
        .arg(&toml)
        .output()
        .unwrap();
    assert!(made.status.success());
    for name in ["城市.ods", "城市.xls", "城市.csv"] {
        let path = dir.path().join(name);
        for args in [
            vec![
                "generate".into(),
                "--drills".into(),
                "5".into(),
                "-o".into(),
                path.clone().into_os_string(),
            ],
            vec![
                "convert".into(),
                toml.clone().into_os_string(),
                path.clone().into_os_string(),
            ],
        ] {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_drillplan"))
                .args(&args)
                .env("DRILLPLAN_LANG", "zh")
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
            assert!(
                stderr.contains("请用 .xlsx（情景工作簿）或 .toml"),
                "{args:?}: {stderr}"
            );
            assert!(!path.exists(), "{args:?} wrote {name}");
        }
    }
}
