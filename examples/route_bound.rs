//! The route bound of a scenario taken as one part, alone on one thread,
//! with each better value and when it was proved: for measuring the bound
//! apart from the search (docs/performance.md).
//!
//!     cargo run --release --example route_bound -- SCENARIO.toml [LOWER]
//!
//! `LOWER`, a known schedule's priority, lets the steps stop once the bound
//! meets it, as in a solve.

use drillplan::scenario;
use drillplan_engine::internals::{Prepared, RouteBound};
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: route_bound SCENARIO.toml [LOWER]");
        std::process::exit(2);
    };
    let lower: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(0);
    let sc = scenario::load(Path::new(path)).unwrap_or_else(|e| {
        eprintln!("{e:?}");
        std::process::exit(2)
    });
    let began = Instant::now();
    let prepared = Prepared::new(&sc);
    let drills: Vec<_> = sc.drill_ids().collect();
    let Some(mut bound) = RouteBound::new(&sc, &prepared, &drills) else {
        eprintln!("too many (drill, team, start) triples for the route bound");
        std::process::exit(1);
    };
    let value = bound.solve(
        lower,
        &|| false,
        &|b| println!("{:8.2}s  bound {b}", began.elapsed().as_secs_f64()),
        &|b| {
            println!(
                "{:8.2}s  early bound {b} (the part's bound the search takes)",
                began.elapsed().as_secs_f64()
            )
        },
    );
    println!("{:8.2}s  final {value}", began.elapsed().as_secs_f64());
}
