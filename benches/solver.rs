//! Criterion benches on generated scenarios of 150, 1 000 and 5 000 drills:
//! parsing, model building (candidates and the LP bound), the first
//! schedule, and solving under a fixed work limit with 1 thread and with all
//! threads; and the phases before the search on two scenarios of the
//! external corpus (`tests/fixtures/corpus`). Quality over time is measured
//! by `scripts/bench-quality`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use drillplan::generate::{generate, GenerateOptions};
use drillplan::scenario::{parse, Scenario};
use drillplan::solve::{solve, SolveOptions};
use drillplan_engine::internals::{greedy, priority_bound, Model, Prepared, State};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

const SIZES: [usize; 3] = [150, 1_000, 5_000];

fn scenario_text(drills: usize) -> String {
    generate(&GenerateOptions {
        drills,
        teams: None,
        districts: None,
        seed: 1,
        tightness: 1.0,
        ..Default::default()
    })
    .toml
}

fn scenario(drills: usize) -> Scenario {
    parse("bench.toml", &scenario_text(drills)).expect("generated scenarios are valid")
}

fn parse_and_validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_and_validate");
    group.sample_size(10);
    for n in SIZES {
        let text = scenario_text(n);
        group.bench_with_input(BenchmarkId::from_parameter(n), &text, |b, text| {
            b.iter(|| parse("bench.toml", text).unwrap())
        });
    }
    group.finish();
}

fn model_building(c: &mut Criterion) {
    let mut group = c.benchmark_group("model_building");
    group.sample_size(10);
    for n in SIZES {
        let s = scenario(n);
        group.bench_with_input(BenchmarkId::new("candidates", n), &s, |b, s| {
            b.iter(|| Prepared::new(s))
        });
        let prepared = Prepared::new(&s);
        let all: Vec<_> = s.drill_ids().collect();
        let days: Vec<Vec<u32>> = all
            .iter()
            .map(|d| {
                let mut v: Vec<u32> = prepared.starts[d.index()].iter().map(|x| x.0).collect();
                v.dedup();
                v
            })
            .collect();
        if n <= 1_000 {
            group.bench_with_input(BenchmarkId::new("lp_bound", n), &s, |b, s| {
                b.iter(|| {
                    priority_bound(
                        s,
                        &prepared,
                        &days,
                        &all,
                        Model {
                            mip: false,
                            transport: false,
                        },
                    )
                })
            });
        }
    }
    group.finish();
}

fn first_schedule(c: &mut Criterion) {
    let mut group = c.benchmark_group("first_schedule");
    group.sample_size(10);
    for n in SIZES {
        let s = scenario(n);
        let prepared = Prepared::new(&s);
        let all: Vec<_> = s.drill_ids().collect();
        let placeable = vec![true; s.drills.len()];
        group.bench_with_input(BenchmarkId::from_parameter(n), &s, |b, s| {
            b.iter(|| {
                let mut state = State::new(s, &prepared, None);
                greedy(&mut state, &all, &placeable);
                state.key()
            })
        });
    }
    group.finish();
}

fn solving(c: &mut Criterion) {
    let mut group = c.benchmark_group("solve_work_limit");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(20));
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    for n in SIZES {
        let s = scenario(n);
        let opts = SolveOptions {
            time_limit: None,
            work_limit: Some(2 * n as u64),
            stall_moves: Some(500),
            ..SolveOptions::default()
        };
        for threads in [1, cores] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            group.bench_with_input(
                BenchmarkId::new(format!("threads_{threads}"), n),
                &s,
                |b, s| {
                    b.iter(|| {
                        pool.install(|| solve(s, &opts, &AtomicBool::new(false), &mut |_| {}))
                            .priority
                    })
                },
            );
        }
    }
    group.finish();
}

/// Candidates, the never-placeable analysis and the first schedule (with
/// the required-drill repair) on corpus scenarios nobody here tuned for.
fn corpus_first_schedule(c: &mut Criterion) {
    let mut group = c.benchmark_group("corpus_first_schedule");
    group.sample_size(10);
    for name in ["c-city-300", "c-prefecture-2000"] {
        // The bench's package is `benches/`; the corpus is the root's.
        let path = format!(
            "{}/../tests/fixtures/corpus/{name}.toml",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).expect("the corpus is in the repository");
        let s = parse(&path, &text).expect("corpus scenarios are valid");
        group.bench_with_input(BenchmarkId::new("candidates", name), &s, |b, s| {
            b.iter(|| Prepared::new(s))
        });
        group.bench_with_input(BenchmarkId::new("never_placeable", name), &s, |b, s| {
            b.iter(|| drillplan::solve::never_placeable(s).len())
        });
        let prepared = Prepared::new(&s);
        let all: Vec<_> = s.drill_ids().collect();
        let placeable = vec![true; s.drills.len()];
        group.bench_with_input(BenchmarkId::new("construction", name), &s, |b, s| {
            b.iter(|| {
                let mut state = State::new(s, &prepared, None);
                greedy(&mut state, &all, &placeable);
                state.key()
            })
        });
    }
    group.finish();
}

criterion_group!(
    benches,
    parse_and_validate,
    model_building,
    first_schedule,
    solving,
    corpus_first_schedule
);
criterion_main!(benches);
