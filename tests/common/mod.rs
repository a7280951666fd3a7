//! Tiny random scenarios for property tests, small enough to solve by brute force.
#![allow(dead_code)]

use drillplan::check::check;
use drillplan::scenario::{parse, DrillId, Scenario};
use drillplan::schedule::Entry;
use drillplan::solve::{solve, Outcome, SolveOptions};
use proptest::prelude::*;
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
pub fn run(s: &Scenario, opts: &SolveOptions) -> Outcome {
    let out = solve(s, opts, &AtomicBool::new(false), &mut |_| {});
    let report = check(s, &out.schedule.entries(s), None);
    assert!(
        report.is_feasible(),
        "the checker refused a schedule of the solver ({:?})",
        out.status
    );
    out
}

/// The best scheduled priority by exhaustive search, with the checker as the judge.
pub fn brute_force_priority(s: &Scenario) -> u64 {
    brute_force_best(s).unwrap_or(0)
}

/// The best scheduled priority of any schedule the checker accepts, `None`
/// when it accepts none (coverage that cannot hold, say).
pub fn brute_force_best(s: &Scenario) -> Option<u64> {
    // Options per drill that pass the checker on their own. With road travel
    // a drill infeasible alone is infeasible in any company; with overrides a
    // detour through another drill can be faster, so rule 6 is left to the
    // full check.
    let metric = !s.travel.has_overrides();
    let options: Vec<Vec<Option<Entry>>> = s
        .drill_ids()
        .map(|d| {
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
                        // Rule 12 counts the whole schedule, never one drill alone.
                        if report
                            .violations
                            .iter()
                            .all(|v| v.rule == 12 || (!metric && v.rule == 6))
                        {
                            opts.push(Some(e));
                        }
                    }
                    start += s.slot_minutes;
                }
            }
            opts
        })
        .collect();
    let mut best = None;
    let mut current = vec![None; s.drills.len()];
    search(s, &options, 0, &mut current, &mut best);
    best
}

fn team_sets(s: &Scenario, d: DrillId) -> Vec<Vec<drillplan::scenario::TeamId>> {
    let k = s.drill(d).team_count() as usize;
    let n = s.teams.len();
    (0u32..1 << n)
        .filter(|m| m.count_ones() as usize == k)
        .map(|m| s.team_ids().filter(|t| m & (1 << t.0) != 0).collect())
        .collect()
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
