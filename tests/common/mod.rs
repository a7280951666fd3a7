//! Tiny random scenarios for property tests, small enough to solve by brute force.
#![allow(dead_code)]

use drillplan::check::check;
use drillplan::reason::Broken;
use drillplan::scenario::{parse, DrillId, Need, Scenario};
use drillplan::schedule::Entry;
use drillplan::solve::{solve, Outcome, SolveOptions, Status};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use std::fmt::Write;
use std::sync::atomic::AtomicBool;

#[derive(Debug, Clone)]
pub struct TinyTeam {
    pub skills: Vec<usize>,
    pub shift: (u32, u32),
    pub works_day2: bool,
    pub max_drills: Option<u32>,
    pub base: (f64, f64),
}

#[derive(Debug, Clone)]
pub struct TinyDrill {
    pub venue: usize,
    pub duration: u32,
    pub priority: u32,
    /// (skill, count) needs; a skill of 9 names team 0 instead.
    pub needs: Vec<(usize, u32)>,
    pub window_day1_only: bool,
    pub prefer_early: bool,
}

/// (capacity, opening window in minutes, location)
pub type TinyVenue = (u32, (u32, u32), (f64, f64));

#[derive(Debug, Clone)]
pub struct Tiny {
    pub days: u32,
    pub venues: Vec<TinyVenue>,
    pub teams: Vec<TinyTeam>,
    pub drills: Vec<TinyDrill>,
    pub conflict: Option<(usize, usize, u32)>,
    pub standby_keep: Option<u32>,
    /// Travel overrides between points (venues first, then team bases) that
    /// need not obey the triangle inequality.
    pub overrides: Vec<(usize, usize, u32)>,
    /// Coverage rows (v1.1): (sector 0 or 1, min_drills, district of venue 0
    /// or 1). Drill i has sector `s{i % 2}`; a row asking for more drills
    /// than its district has is clamped, one asking of a district with none
    /// is left out (both would be refused, by section 2).
    pub coverage: Vec<(usize, u32, usize)>,
    /// `objective.spread`.
    pub spread: u32,
    /// Venue 1 in a district of its own, `e`.
    pub two_districts: bool,
}

const SKILLS: [&str; 2] = ["fire", "medical"];

fn hhmm(m: u32) -> String {
    format!("{:02}:{:02}", m / 60, m % 60)
}

impl Tiny {
    pub fn to_toml(&self) -> String {
        let mut s = String::new();
        let end_day = 19 + self.days - 1;
        writeln!(
            s,
            "[plan]\nstart = 2017-06-19\nend = 2017-06-{end_day}\nslot_minutes = 60\n"
        )
        .unwrap();
        writeln!(
            s,
            "[travel]\nspeed_kmh = 30.0\ndetour = 1.0\n\n[[district]]\nid = \"d\"\n"
        )
        .unwrap();
        if self.two_districts {
            writeln!(s, "[[district]]\nid = \"e\"\n").unwrap();
        }
        if self.spread > 0 {
            writeln!(s, "[objective]\nspread = {}\n", self.spread).unwrap();
        }
        for (i, (cap, (a, b), loc)) in self.venues.iter().enumerate() {
            let district = self.district_of_venue(i);
            writeln!(s, "[[venue]]\nid = \"v{i}\"\ndistrict = \"{district}\"\nlocation = [{}, {}]\ncapacity = {cap}\nhours = [\"{}-{}\"]\n", loc.0, loc.1, hhmm(*a), hhmm(*b)).unwrap();
        }
        for (i, t) in self.teams.iter().enumerate() {
            let skills: Vec<String> = t
                .skills
                .iter()
                .map(|k| format!("\"{}\"", SKILLS[*k]))
                .collect();
            writeln!(s, "[[team]]\nid = \"t{i}\"\nskills = [{}]\ndistrict = \"d\"\nbase = [{}, {}]\nhours = \"{}-{}\"", skills.join(", "), t.base.0, t.base.1, hhmm(t.shift.0), hhmm(t.shift.1)).unwrap();
            if !t.works_day2 && self.days > 1 {
                writeln!(s, "off = [2017-06-20]").unwrap();
            }
            if let Some(m) = t.max_drills {
                writeln!(s, "max_drills_per_day = {m}").unwrap();
            }
            s.push('\n');
        }
        for (i, d) in self.drills.iter().enumerate() {
            let needs: Vec<String> = d
                .needs
                .iter()
                .map(|&(k, c)| {
                    if k == 9 {
                        "{ team = \"t0\" }".to_string()
                    } else {
                        format!("{{ skill = \"{}\", count = {c} }}", SKILLS[k])
                    }
                })
                .collect();
            writeln!(s, "[[drill]]\nid = \"x{i}\"\nvenue = \"v{}\"\nduration = {}\npriority = {}\nneeds = [{}]", d.venue, d.duration, d.priority, needs.join(", ")).unwrap();
            if !self.coverage.is_empty() {
                writeln!(s, "sector = \"s{}\"", i % 2).unwrap();
            }
            if d.window_day1_only {
                writeln!(
                    s,
                    "window = {{ from = 2017-06-19T00:00:00, to = 2017-06-19T23:59:00 }}"
                )
                .unwrap();
            }
            if d.prefer_early {
                writeln!(s, "prefer = {{ hours = [\"08:00-10:00\"] }}").unwrap();
            }
            s.push('\n');
        }
        if let Some((a, b, gap)) = self.conflict {
            if a != b && a < self.drills.len() && b < self.drills.len() {
                writeln!(
                    s,
                    "[[conflict]]\ndrills = [\"x{a}\", \"x{b}\"]\ngap = {gap}\n"
                )
                .unwrap();
            }
        }
        for &(sector, min, venue) in &self.coverage {
            let district = self.district_of_venue(venue);
            let have = (0..self.drills.len())
                .filter(|&i| {
                    i % 2 == sector && self.district_of_venue(self.drills[i].venue) == district
                })
                .count() as u32;
            if have > 0 {
                writeln!(
                    s,
                    "[[coverage]]\nsector = \"s{sector}\"\ndistricts = [\"{district}\"]\nmin_drills = {}\n",
                    min.min(have)
                )
                .unwrap();
            }
        }
        if let Some(keep) = self.standby_keep {
            let fire_teams = self.teams.iter().filter(|t| t.skills.contains(&0)).count() as u32;
            if keep <= fire_teams {
                writeln!(
                    s,
                    "[[standby]]\ndistrict = \"d\"\nskill = \"fire\"\nkeep = {keep}\n"
                )
                .unwrap();
            }
        }
        s
    }

    fn district_of_venue(&self, venue: usize) -> &'static str {
        if self.two_districts && venue == 1 {
            "e"
        } else {
            "d"
        }
    }

    pub fn scenario(&self) -> Scenario {
        let text = self.to_toml();
        parse("tiny.toml", &text).unwrap_or_else(|e| panic!("{}\n{text}", e.render(false)))
    }
}

fn location() -> impl Strategy<Value = (f64, f64)> {
    (0u32..4, 0u32..4).prop_map(|(a, b)| (45.0 + a as f64 * 0.05, 84.0 + b as f64 * 0.05))
}

pub fn tiny() -> impl Strategy<Value = Tiny> {
    let venue = (
        1u32..3,
        prop_oneof![Just((480, 720)), Just((540, 840)), Just((600, 1080))],
        location(),
    );
    let team = (
        prop_oneof![Just(vec![0]), Just(vec![1]), Just(vec![0, 1])],
        prop_oneof![Just((420, 900)), Just((480, 1080)), Just((600, 1200))],
        any::<bool>(),
        prop_oneof![Just(None), Just(Some(1)), Just(Some(2))],
        location(),
    )
        .prop_map(|(skills, shift, works_day2, max_drills, base)| TinyTeam {
            skills,
            shift,
            works_day2,
            max_drills,
            base,
        });
    let need = prop_oneof![4 => (0usize..2, 1u32..3), 1 => Just((9usize, 1u32))];
    let drill = (
        0usize..2,
        prop_oneof![Just(60u32), Just(120)],
        1u32..6,
        proptest::collection::vec(need, 1..3),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(venue, duration, priority, mut needs, window_day1_only, prefer_early)| {
                needs.dedup_by_key(|n| n.0);
                TinyDrill {
                    venue,
                    duration,
                    priority,
                    needs,
                    window_day1_only: window_day1_only && priority % 2 == 0,
                    prefer_early,
                }
            },
        );
    (
        1u32..3,
        proptest::collection::vec(venue, 2),
        proptest::collection::vec(team, 2..4),
        proptest::collection::vec(drill, 2..5),
        proptest::option::of((0usize..4, 0usize..4, prop_oneof![Just(0u32), Just(60)])),
        proptest::option::of(0u32..2),
    )
        .prop_map(
            |(days, venues, teams, drills, conflict, standby_keep)| Tiny {
                days,
                venues,
                teams,
                drills,
                conflict,
                standby_keep,
                overrides: Vec::new(),
                coverage: Vec::new(),
                spread: 0,
                two_districts: false,
            },
        )
}

/// Tiny scenarios with coverage rows (rule 12) and a spread weight; some
/// rows cannot hold, and then no schedule exists.
pub fn tiny_with_coverage() -> impl Strategy<Value = Tiny> {
    (
        tiny(),
        proptest::collection::vec((0usize..2, 1u32..4, 0usize..2), 1..3),
        0u32..4,
        any::<bool>(),
    )
        .prop_map(|(mut t, coverage, spread, two_districts)| {
            t.coverage = coverage;
            t.spread = spread;
            t.two_districts = two_districts;
            t
        })
}

/// Tiny scenarios with up to three drills and travel overrides, metric or not.
pub fn tiny_with_overrides() -> impl Strategy<Value = Tiny> {
    (
        tiny(),
        proptest::collection::vec((0usize..5, 0usize..5, 0u32..240), 1..4),
    )
        .prop_map(|(mut t, overrides)| {
            t.drills.truncate(3);
            t.overrides = overrides;
            t
        })
}

/// Proptest's configuration: `cases` cases, and every failing case saved to
/// `file` (under `proptest-regressions/`, committed) and replayed first on
/// every later run. Proptest's default looks for a `lib.rs` beside the
/// tests, which the `drillplan` package does not have; `file` is absolute,
/// so any working directory finds it.
pub fn config(cases: u32, file: &'static str) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(file))),
        ..ProptestConfig::default()
    }
}

pub fn quick_options(seed: u64) -> SolveOptions {
    SolveOptions {
        time_limit: None,
        work_limit: Some(400),
        stall_moves: Some(200),
        seed,
        ..SolveOptions::default()
    }
}

/// Solves `s`; every schedule it returns must pass the independent checker.
/// The one exception is a scenario with no room for all its required drills
/// (random coordinates can put a mandatory drill out of every team's reach):
/// the solver then leaves some out and says so (`RequiredUnplaced`, exit 3 on
/// the command line). That outcome is accepted only when the checker finds
/// nothing wrong but those drills missing, the solver's relaxation proved it,
/// and the exhaustive oracle (`required_cannot_all_be_placed`) agrees.
pub fn run(s: &Scenario, opts: &SolveOptions) -> Outcome {
    let out = solve(s, opts, &AtomicBool::new(false), &mut |_| {});
    let report = check(s, &out.schedule.entries(s), None);
    if out.status != Status::RequiredUnplaced {
        assert!(
            report.is_feasible(),
            "the checker refused a schedule of the solver ({:?}): {:?}",
            out.status,
            report.violations
        );
        return out;
    }
    let left_out: Vec<DrillId> = out.unplaced_required.iter().map(|(d, _)| *d).collect();
    assert!(!left_out.is_empty(), "RequiredUnplaced names no drill");
    for v in &report.violations {
        assert!(
            v.missing.is_some_and(|d| left_out.contains(&d)),
            "beside the required drills it left out, the schedule breaks {v:?}"
        );
    }
    assert!(
        out.required_proven_impossible,
        "the solver left required drills out ({left_out:?}) without a proof that they cannot all run"
    );
    assert!(
        required_cannot_all_be_placed(s),
        "the solver left required drills out ({left_out:?}), but the oracle places them all"
    );
    out
}

/// The entries at which drill `d` passes the checker on its own (`None`
/// first). The checker's complaint that other required drills are missing
/// does not count here. With road travel a drill infeasible alone is
/// infeasible in any company; with overrides a detour through another drill
/// can be faster, so rule 6 is left to the full check.
fn alone_options(s: &Scenario, d: DrillId) -> Vec<Option<Entry>> {
    let metric = !s.travel.has_overrides();
    let mut opts = vec![None];
    for day in 0..s.num_days {
        let mut start = 0;
        while start + s.drill(d).duration <= 1440 {
            for teams in team_sets(s, d) {
                let e = Entry {
                    date: s.date(day),
                    start,
                    end: start + s.drill(d).duration,
                    teams,
                };
                let mut alone = vec![None; s.drills.len()];
                alone[d.index()] = Some(e.clone());
                let report = check(s, &alone, None);
                let fits = report.violations.iter().all(|v| {
                    (matches!(v.broken, Broken::RequiredMissing { .. }) && v.missing != Some(d))
                        // Rule 12 counts the whole schedule, never one drill alone.
                        || v.rule == 12
                        || (!metric && v.rule == 6)
                });
                if fits {
                    opts.push(Some(e));
                }
            }
            start += s.slot_minutes;
        }
    }
    opts
}

/// The best scheduled priority by exhaustive search, with the checker as the judge.
pub fn brute_force_priority(s: &Scenario) -> u64 {
    brute_force_best(s).unwrap_or(0)
}

/// The best scheduled priority of any schedule the checker accepts, `None`
/// when it accepts none (coverage that cannot hold, say).
pub fn brute_force_best(s: &Scenario) -> Option<u64> {
    let options: Vec<Vec<Option<Entry>>> = s.drill_ids().map(|d| alone_options(s, d)).collect();
    let mut best = None;
    let mut current = vec![None; s.drills.len()];
    search(s, &options, 0, &mut current, &mut best);
    best
}

/// The best schedule the checker accepts in the contract's order: its
/// priority, then the least penalty at that priority; `None` when it
/// accepts none. As costly as `brute_force_best`: tiny scenarios only.
pub fn brute_force_lexicographic(s: &Scenario) -> Option<(u64, f64)> {
    let options: Vec<Vec<Option<Entry>>> = s.drill_ids().map(|d| alone_options(s, d)).collect();
    let mut best: Option<(u64, f64)> = None;
    let mut current = vec![None; s.drills.len()];
    search_lexicographic(s, &options, 0, &mut current, &mut best);
    best
}

fn search_lexicographic(
    s: &Scenario,
    options: &[Vec<Option<Entry>>],
    i: usize,
    current: &mut Vec<Option<Entry>>,
    best: &mut Option<(u64, f64)>,
) {
    if i == options.len() {
        let report = check(s, current, None);
        if report.is_feasible() {
            let found = (report.score.priority, report.score.penalty);
            let better = best.is_none_or(|(p, pen)| found.0 > p || (found.0 == p && found.1 < pen));
            if better {
                *best = Some(found);
            }
        }
        return;
    }
    for o in &options[i] {
        current[i] = o.clone();
        search_lexicographic(s, options, i + 1, current, best);
    }
    current[i] = None;
}

/// Independent of the solver: no schedule holds every required drill. Either
/// some required drill fits nowhere even alone, or the exhaustive search over
/// the required drills' placements finds no schedule the checker accepts
/// (with road travel the other drills cannot help, so they stay out; with
/// overrides every drill takes part). False when the search would be too
/// large to run: no evidence then.
pub fn required_cannot_all_be_placed(s: &Scenario) -> bool {
    let metric = !s.travel.has_overrides();
    let mut options: Vec<Vec<Option<Entry>>> = vec![vec![None]; s.drills.len()];
    for d in s.drill_ids().filter(|&d| s.drill(d).is_required()) {
        let mut opts = alone_options(s, d);
        // A required drill is placed in every schedule that counts.
        opts.remove(0);
        if opts.is_empty() {
            // Rule 6 aside (see `alone_options`), no company makes room.
            return true;
        }
        options[d.index()] = opts;
    }
    if !metric {
        if s.drills.len() > 6 {
            return false;
        }
        for d in s.drill_ids().filter(|&d| !s.drill(d).is_required()) {
            options[d.index()] = alone_options(s, d);
        }
    }
    let size = options
        .iter()
        .try_fold(1u64, |n, o| n.checked_mul(o.len() as u64));
    if size.is_none_or(|n| n > 2_000_000) {
        return false;
    }
    let mut found = None;
    let mut current = vec![None; s.drills.len()];
    search_feasible(s, &options, 0, &mut current, &mut found);
    found.is_none()
}

fn team_sets(s: &Scenario, d: DrillId) -> Vec<Vec<drillplan::scenario::TeamId>> {
    let k = s.drill(d).team_count() as usize;
    // Only teams that can fill one of the drill's needs can be in a set the
    // checker accepts.
    let able: Vec<drillplan::scenario::TeamId> = s
        .team_ids()
        .filter(|&t| {
            s.drill(d).needs.iter().any(|n| match *n {
                Need::Skill { skill, .. } => s.team(t).has_skill(skill),
                Need::Team(named) => named == t,
            })
        })
        .collect();
    let mut sets = Vec::new();
    subsets(&able, k, &mut Vec::new(), &mut sets);
    sets
}

/// Every `k`-subset of `from`, in order.
fn subsets<T: Copy>(from: &[T], k: usize, current: &mut Vec<T>, out: &mut Vec<Vec<T>>) {
    if current.len() == k {
        out.push(current.clone());
        return;
    }
    for i in 0..from.len() {
        if from.len() - i < k - current.len() {
            break;
        }
        current.push(from[i]);
        subsets(&from[i + 1..], k, current, out);
        current.pop();
    }
}

fn search(
    s: &Scenario,
    options: &[Vec<Option<Entry>>],
    i: usize,
    current: &mut Vec<Option<Entry>>,
    best: &mut Option<u64>,
) {
    if i == options.len() {
        let report = check(s, current, None);
        if report.is_feasible() {
            *best = Some(best.unwrap_or(0).max(report.score.priority));
        }
        return;
    }
    for o in &options[i] {
        current[i] = o.clone();
        search(s, options, i + 1, current, best);
    }
    current[i] = None;
}

/// Stops at the first combination the checker accepts.
fn search_feasible(
    s: &Scenario,
    options: &[Vec<Option<Entry>>],
    i: usize,
    current: &mut Vec<Option<Entry>>,
    found: &mut Option<Vec<Option<Entry>>>,
) {
    if found.is_some() {
        return;
    }
    if i == options.len() {
        if check(s, current, None).is_feasible() {
            *found = Some(current.clone());
        }
        return;
    }
    for o in &options[i] {
        current[i] = o.clone();
        search_feasible(s, options, i + 1, current, found);
    }
    current[i] = None;
}
