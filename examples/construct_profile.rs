//! The first schedule's construction alone, timed: candidate lists, then
//! every drill inserted greedily in the solver's order, as `solve` does for
//! a part that spans the whole scenario (without the never-placeable
//! analysis or a time limit). Prints wall and CPU seconds of each step and a
//! hash of the placements, so a change meant to leave the schedule alone can
//! be compared before and after, and profiled (`perf record -g`) without the
//! search or the bound running beside it.
//!
//!     cargo run --release --example construct_profile -- SCENARIO.toml

use drillplan::scenario::parse;
use drillplan_engine::internals::{greedy, Prepared, State};
use std::hash::{Hash, Hasher};
use std::time::Instant;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// User plus system CPU seconds of the whole process, all threads.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage writes into the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: construct_profile SCENARIO.toml");
    let text = std::fs::read_to_string(&path).expect("a readable scenario");
    let s = parse(&path, &text).expect("a valid scenario");
    let timed = |what: &str, since: (Instant, f64)| {
        eprintln!(
            "{what:<12} {:>7.2} s wall {:>7.2} s CPU",
            since.0.elapsed().as_secs_f64(),
            cpu_seconds() - since.1
        );
    };
    let now = || (Instant::now(), cpu_seconds());
    let t = now();
    let prepared = Prepared::new(&s);
    timed("candidates", t);
    let all: Vec<_> = s.drill_ids().collect();
    let placeable = vec![true; s.drills.len()];
    let mut state = State::new(&s, &prepared, None);
    let t = now();
    greedy(&mut state, &all, &placeable);
    timed("construction", t);
    let mut hash = std::collections::hash_map::DefaultHasher::new();
    format!("{:?}", state.placements()).hash(&mut hash);
    let key = state.key();
    eprintln!(
        "placed {} of {} drills, priority {}, penalty {}, placements hash {:016x}",
        state.placements().iter().filter(|p| p.is_some()).count(),
        s.drills.len(),
        key.priority,
        state.penalty(),
        hash.finish()
    );
}
