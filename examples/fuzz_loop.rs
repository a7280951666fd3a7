//! A fuzz loop for machines without cargo-fuzz (which needs nightly and
//! libFuzzer): mutated `--set` expressions and schedule CSVs, each run
//! through what the CLI does with it, every panic caught and counted.
//! The cargo-fuzz targets in fuzz/ cover the same ground with coverage
//! guidance where it is available.
//!
//!     cargo run --release --example fuzz_loop -- set 1000000 [SEED]
//!     cargo run --release --example fuzz_loop -- csv 1000000 [SEED]
//!
//! Prints the executions, the panics (with the first few inputs) and the
//! time; exits 1 if anything panicked.

use drillplan::scenario::{overrides, parse, Scenario};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

const SCENARIO: &str = include_str!("../tests/scenarios/rules.toml");

const SET_SEEDS: &[&str] = &[
    "plan.name=演练周",
    "plan.end=2017-06-21",
    "team.f1.off+=2017-06-20",
    "team.f1.skills-=fire",
    "team.f1.max_minutes_per_day=30",
    "drill.a1.duration=90",
    "drill.\"a1\".priority=2",
    "drill.'a1'.window={ from = 2017-06-19T08:00:00, to = 2017-06-20T18:00:00 }",
    "conflict.#1.gap=20",
    "venue.A.hours=[\"08:00-12:00\"]",
    "team+={ id = \"x.y\", skills = [\"fire\"], district = \"d1\", base = [45.0, 84.0] }",
    "drill.\"x.y\".needs=[{ skill = \"fire\", count = 2 }]",
    "standby.d1.fire.keep=1",
    "objective.travel=-1",
    "pin.b2.start=2017-06-19T09:00:00",
];

const CSV_HEADER: &str = "drill_id,drill_name,venue_id,venue_name,district,kind,sector,date,weekday,start,end,duration_min,teams,team_names,priority,mandatory,status,reason";

const CSV_ROWS: &[&str] = &[
    "a1,,A,,d1,,,2017-06-19,Mon,08:00,09:00,60,f1,,3,false,scheduled,",
    "a2,,A,,d1,,,,,,,60,,,2,false,unscheduled,x",
    "b1,,B,,d1,,,,,,,30,,,4,false,unscheduled,x",
    "b2,,B,,d1,,,,,,,30,,,1,true,unscheduled,x",
    "c1,,A,,d1,,,2017-06-20,Tue,09:00,10:00,60,f2,,1,true,scheduled,",
    "d1,\"'=x, \"\"y\"\"\",A,,d1,,,,,,,30,,,1,false,unscheduled,\"a\nb\"",
];

/// Characters that matter to the parsers: quotes, separators, escapes,
/// line ends, digits, a wide character, control characters.
const ALPHABET: &[char] = &[
    '.', '"', '\'', '=', '+', '-', '#', '[', ']', '{', '}', ',', ':', '\\', '\n', '\r', '\t', ' ',
    '0', '1', '9', 'a', 'T', '演', '\u{0}', '\u{1b}', '\u{feff}', '…',
];

/// xorshift64*: fast, reproducible from the seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One to four edits of `seed`: insert, delete, replace, duplicate a run,
/// or splice in part of another seed.
fn mutate(rng: &mut Rng, seed: &str, others: &[String]) -> String {
    let mut chars: Vec<char> = seed.chars().collect();
    for _ in 0..=rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(6) {
            0 | 1 => chars.insert(at, ALPHABET[rng.below(ALPHABET.len())]),
            2 if at < chars.len() => {
                chars.remove(at);
            }
            3 if at < chars.len() => chars[at] = ALPHABET[rng.below(ALPHABET.len())],
            4 => {
                let len = rng.below(8).min(chars.len() - at.min(chars.len()));
                let run: Vec<char> = chars[at..at + len].to_vec();
                for (i, c) in run.into_iter().enumerate() {
                    chars.insert(at + len + i, c);
                }
            }
            _ => {
                let other: Vec<char> = others[rng.below(others.len())].chars().collect();
                let from = rng.below(other.len());
                let len = rng.below(other.len() - from + 1);
                chars.splice(at..at, other[from..from + len].iter().copied());
            }
        }
    }
    chars.into_iter().collect()
}

fn run_set(scenario: &Scenario, input: &str) {
    let _ = scenario;
    match overrides::apply(SCENARIO, &[input.to_string()]) {
        Ok(text) => match parse("what-if", &text) {
            Ok(changed) => {
                let _ = changed.drills.len();
            }
            Err(e) => {
                let _ = e.render(true);
            }
        },
        Err(message) => {
            let _ = message.len();
        }
    }
}

fn run_csv(scenario: &Scenario, input: &str) {
    match drillplan::schedule::csv::parse(scenario, "fuzz.csv", input) {
        Ok(entries) => {
            let report = drillplan::check::check(scenario, &entries, Some(&entries));
            let _ = report.rules_broken();
            for v in &report.violations {
                let _ = v.to_string();
            }
        }
        Err(error) => {
            let _ = error.render(true);
        }
    }
    if let Ok(b) = drillplan::schedule::baseline::Baseline::parse(scenario, "fuzz.csv", input) {
        let _ = b.entries(scenario);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let target = args.get(1).map(String::as_str).unwrap_or("set");
    let runs: u64 = args
        .get(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let seed: u64 = args.get(3).and_then(|n| n.parse().ok()).unwrap_or(1) | 1;
    let scenario = parse("rules.toml", SCENARIO).expect("the fuzz scenario is valid");
    let seeds: Vec<String> = match target {
        "set" => SET_SEEDS.iter().map(|s| s.to_string()).collect(),
        "csv" => {
            let all = CSV_ROWS.join("\r\n");
            vec![
                format!("{CSV_HEADER}\r\n{all}\r\n"),
                format!("\u{feff}{CSV_HEADER}\n{}\n", CSV_ROWS[0]),
                format!("{CSV_HEADER}\n{}\n{}\n", CSV_ROWS[4], CSV_ROWS[5]),
            ]
        }
        other => {
            eprintln!("unknown target {other}: set or csv");
            std::process::exit(2);
        }
    };
    // Panics are counted, not printed one by one.
    std::panic::set_hook(Box::new(|_| {}));
    let mut rng = Rng(seed);
    let mut panics = 0u64;
    let mut shown = Vec::new();
    let started = Instant::now();
    for _ in 0..runs {
        let base = &seeds[rng.below(seeds.len())];
        let input = mutate(&mut rng, base, &seeds);
        let ok = catch_unwind(AssertUnwindSafe(|| match target {
            "set" => run_set(&scenario, &input),
            _ => run_csv(&scenario, &input),
        }))
        .is_ok();
        if !ok {
            panics += 1;
            if shown.len() < 5 {
                shown.push(input);
            }
        }
    }
    println!(
        "{target}: {runs} executions, {panics} panics, {:.1} s (seed {seed})",
        started.elapsed().as_secs_f64()
    );
    for input in &shown {
        println!("  panicked on {input:?}");
    }
    if panics > 0 {
        std::process::exit(1);
    }
}
