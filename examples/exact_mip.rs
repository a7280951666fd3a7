//! The true optimum priority of a small scenario, by HiGHS on a
//! time-indexed MIP: an oracle for the bound and the search on cut-down
//! copies (`scripts/cut-down.py`), where the exhaustive search cannot finish.
//!
//!     cargo run --release --features highs --example exact_mip -- COPY.toml [SECONDS] [--lp]
//!
//! With `--lp` the variables are continuous in [0, 1] and only the LP
//! relaxation's value is printed (no schedule is checked): a measure of how
//! much of the bound's gap is the relaxation's and how much the integers'.
//!
//! Only the starts rules 1-3 allow come from the solver's candidate lists;
//! the rest is written from the rules (docs/scenario-format.md), not from
//! the solver's state: a start per drill (`x`), a team per drill start and
//! need (`fills`). Rule
//! 6 is stated pairwise (two drill starts of one team and date are
//! compatible when one ends, plus the travel between them, before the
//! other starts), which is the rule itself when travel obeys the triangle
//! inequality: copies without travel overrides. Its schedule goes through
//! the checker, so a value it prints was reached; "optimal" is HiGHS's proof.

use drillplan::check;
use drillplan::scenario::{self, Day, DrillId, Scenario, TeamId};
use drillplan::schedule::{Placement, Schedule};
use drillplan_engine::internals::Prepared;
use good_lp::{variable, Expression, ProblemVariables, Solution, SolverModel, Variable};
use std::collections::HashMap;
use std::path::Path;

/// One drill at one start.
struct Start {
    drill: DrillId,
    day: Day,
    start: u32,
    x: Variable,
    /// Per need: (team, variable) for each team that may fill it then.
    fills: Vec<Vec<(TeamId, Variable)>>,
}

fn main() {
    let mut args: Vec<String> = std::env::args().collect();
    let lp = args.iter().any(|a| a == "--lp");
    args.retain(|a| a != "--lp");
    let Some(path) = args.get(1) else {
        eprintln!("usage: exact_mip SCENARIO.toml [SECONDS] [--lp]");
        std::process::exit(2);
    };
    let seconds: f64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(600.0);
    let sc = scenario::load(Path::new(path)).unwrap_or_else(|e| {
        eprintln!("{e:?}");
        std::process::exit(2)
    });
    if sc.travel.has_overrides() {
        eprintln!("travel overrides may break the triangle inequality: rule 6 pairwise would be too strict");
        std::process::exit(2);
    }
    let mut vars = ProblemVariables::new();
    let starts = drill_starts(&sc, &mut vars, lp);
    let mut rows: Vec<good_lp::Constraint> = Vec::new();
    let mut objective = Expression::from(0.0);
    let mut by_drill: HashMap<DrillId, Vec<usize>> = HashMap::new();
    for (i, s) in starts.iter().enumerate() {
        by_drill.entry(s.drill).or_default().push(i);
        let drill = sc.drill(s.drill);
        objective += drill.priority as f64 * s.x;
        // Rule 4: each need exactly `count` teams, a team in one need at most.
        for (need, fills) in drill.needs.iter().zip(&s.fills) {
            let sum: Expression = fills.iter().map(|&(_, v)| v).sum();
            rows.push(sum.eq(need.count() as f64 * s.x));
        }
        let mut per_team: HashMap<TeamId, Expression> = HashMap::new();
        for &(t, v) in s.fills.iter().flatten() {
            *per_team.entry(t).or_default() += v;
        }
        for (_, e) in per_team {
            rows.push(e.leq(s.x));
        }
    }
    // Each drill once; mandatory and pinned ones always, pinned teams in (rule 11).
    for d in sc.drill_ids() {
        let drill = sc.drill(d);
        let mine = by_drill.get(&d).cloned().unwrap_or_default();
        let sum: Expression = mine.iter().map(|&i| starts[i].x).sum();
        if drill.is_required() {
            rows.push(sum.eq(1.0));
        } else {
            rows.push(sum.leq(1.0));
        }
        for &t in drill.pin.iter().flat_map(|p| &p.teams) {
            let used: Expression = mine
                .iter()
                .flat_map(|&i| starts[i].fills.iter().flatten())
                .filter(|(u, _)| *u == t)
                .map(|&(_, v)| v)
                .sum();
            rows.push(used.eq(1.0));
        }
    }
    team_rows(&sc, &starts, &mut rows);
    instant_rows(&sc, &starts, &mut rows);
    let columns = starts.len()
        + starts
            .iter()
            .flat_map(|s| &s.fills)
            .map(Vec::len)
            .sum::<usize>();
    eprintln!(
        "{} drill starts, {columns} variables, {} rows",
        starts.len(),
        rows.len()
    );
    let mut model = vars.maximise(objective).using(good_lp::highs);
    for r in rows {
        model = model.with(r);
    }
    let model = model
        .set_threads(1)
        .set_option("random_seed", 0)
        .set_time_limit(seconds)
        .set_mip_rel_gap(0.0)
        .expect("HiGHS takes a zero gap");
    match model.solve() {
        Ok(solution) if lp => {
            let value: f64 = starts
                .iter()
                .map(|s| sc.drill(s.drill).priority as f64 * solution.value(s.x))
                .sum();
            println!("LP relaxation {value:.2}");
        }
        Ok(solution) => report(&sc, &starts, &solution),
        Err(e) => println!("no schedule: {e}"),
    }
}

/// A 0-1 variable, or with `lp` a continuous one in [0, 1].
fn zero_one(lp: bool) -> good_lp::VariableDefinition {
    if lp {
        variable().min(0.0).max(1.0)
    } else {
        variable().binary()
    }
}

/// Every drill at every start rules 1-3 allow (and its pin), with the
/// teams that could fill each need then (rules 4-7 for one drill alone).
fn drill_starts(sc: &Scenario, vars: &mut ProblemVariables, lp: bool) -> Vec<Start> {
    let prepared = Prepared::new(sc);
    let mut starts = Vec::new();
    for d in sc.drill_ids() {
        let drill = sc.drill(d);
        for &(day, start) in &prepared.starts[d.index()] {
            let at = (day as i64 * 1440 + start as i64) * 60;
            if drill.pin.iter().flat_map(|p| &p.starts).any(|&p| p != at) {
                continue;
            }
            let end = start + drill.duration;
            let can = |t: TeamId| {
                let team = sc.team(t);
                let trip = sc.travel.base_to_venue(t, drill.venue);
                team.works[day as usize]
                    && start >= team.shift.start + trip
                    && end + trip <= team.shift.end
                    && team.max_minutes_per_day.is_none_or(|m| drill.duration <= m)
                    && team.max_drills_per_day.is_none_or(|m| m >= 1)
            };
            let fills: Vec<Vec<(TeamId, Variable)>> = drill
                .needs
                .iter()
                .map(|need| {
                    sc.team_ids()
                        .filter(|&t| need.accepts(sc, t) && can(t))
                        .map(|t| (t, vars.add(zero_one(lp))))
                        .collect()
                })
                .collect();
            let staffable = drill
                .needs
                .iter()
                .zip(&fills)
                .all(|(n, f)| f.len() >= n.count() as usize);
            if staffable {
                let x = vars.add(zero_one(lp));
                starts.push(Start {
                    drill: d,
                    day,
                    start,
                    x,
                    fills,
                });
            }
        }
    }
    starts
}

/// Rules 6 and 7: per team and day.
fn team_rows(sc: &Scenario, starts: &[Start], rows: &mut Vec<good_lp::Constraint>) {
    let mut team_day: HashMap<(TeamId, Day), Vec<(usize, Variable)>> = HashMap::new();
    for (i, s) in starts.iter().enumerate() {
        for &(t, v) in s.fills.iter().flatten() {
            team_day.entry((t, s.day)).or_default().push((i, v));
        }
    }
    for (&(t, _), uses) in &team_day {
        let team = sc.team(t);
        if let Some(m) = team.max_drills_per_day {
            let sum: Expression = uses.iter().map(|&(_, v)| v).sum();
            rows.push(sum.leq(m as f64));
        }
        if let Some(m) = team.max_minutes_per_day {
            let sum: Expression = uses
                .iter()
                .map(|&(i, v)| sc.drill(starts[i].drill).duration as f64 * v)
                .sum();
            rows.push(sum.leq(m as f64));
        }
        // A use against every use of each other drill it cannot share a
        // route with (those are exclusive already: one start per drill).
        for &(i, v) in uses {
            let a = &starts[i];
            let mut against: HashMap<DrillId, Expression> = HashMap::new();
            for &(j, u) in uses {
                let b = &starts[j];
                if b.drill != a.drill && clash(sc, a, b) {
                    *against.entry(b.drill).or_default() += u;
                }
            }
            for (_, e) in against {
                rows.push((e + v).leq(1.0));
            }
        }
    }
}

/// Rules 8, 9 and 10 at every slot boundary of every day: two half-open
/// intervals that start on the grid overlap exactly when the later start
/// lies in the earlier one.
fn instant_rows(sc: &Scenario, starts: &[Start], rows: &mut Vec<good_lp::Constraint>) {
    let mut at_most = |terms: Vec<Variable>, limit: u32| {
        if terms.len() > limit as usize {
            rows.push(terms.into_iter().sum::<Expression>().leq(limit as f64));
        }
    };
    for day in 0..sc.num_days as Day {
        for minute in (0..1440).step_by(sc.slot_minutes as usize) {
            let running = |s: &&Start, extra: u32| {
                let end = s.start + sc.drill(s.drill).duration + extra;
                s.day == day && s.start <= minute && minute < end
            };
            for (v, venue) in sc.venues.iter().enumerate() {
                let terms = starts
                    .iter()
                    .filter(|s| sc.drill(s.drill).venue.index() == v && running(s, 0))
                    .map(|s| s.x)
                    .collect();
                at_most(terms, venue.capacity);
            }
            for c in &sc.conflicts {
                let terms = starts
                    .iter()
                    .filter(|s| c.drills.contains(&s.drill) && running(s, c.gap))
                    .map(|s| s.x)
                    .collect();
                at_most(terms, 1);
            }
            for rule in &sc.standbys {
                let terms = starts
                    .iter()
                    .filter(|s| running(s, 0))
                    .flat_map(|s| s.fills.iter().flatten())
                    .filter(|(t, _)| rule.group.contains(t))
                    .map(|&(_, v)| v)
                    .collect();
                at_most(terms, rule.available());
            }
        }
    }
}

/// Rule 6 for one team: `a` and `b` cannot both be on its route.
fn clash(sc: &Scenario, a: &Start, b: &Start) -> bool {
    let (da, db) = (sc.drill(a.drill), sc.drill(b.drill));
    let (ea, eb) = (a.start + da.duration, b.start + db.duration);
    let ab = sc.travel.venue_to_venue(da.venue, db.venue);
    let ba = sc.travel.venue_to_venue(db.venue, da.venue);
    !(b.start >= ea + ab || a.start >= eb + ba)
}

/// The MIP's schedule, its priority, and what the checker says of it.
fn report(sc: &Scenario, starts: &[Start], solution: &impl Solution) {
    let optimal = matches!(solution.status(), good_lp::SolutionStatus::Optimal);
    let mut placements: Vec<Option<Placement>> = vec![None; sc.drills.len()];
    for s in starts.iter().filter(|s| solution.value(s.x) > 0.5) {
        let teams: Vec<TeamId> = s
            .fills
            .iter()
            .flat_map(|fills| {
                let mut chosen: Vec<TeamId> = fills
                    .iter()
                    .filter(|&&(_, v)| solution.value(v) > 0.5)
                    .map(|&(t, _)| t)
                    .collect();
                chosen.sort();
                chosen
            })
            .collect();
        placements[s.drill.index()] = Some(Placement {
            day: s.day,
            start: s.start,
            teams,
        });
    }
    let priority: u64 = placements
        .iter()
        .zip(&sc.drills)
        .filter(|(p, _)| p.is_some())
        .map(|(_, d)| d.priority)
        .sum();
    let entries = Schedule {
        placements,
        reasons: Vec::new(),
    }
    .entries(sc);
    let checked = check::check(sc, &entries, None);
    let proof = if optimal {
        "optimal"
    } else {
        "best found, not proven"
    };
    println!(
        "priority {priority} ({proof}); checker: {} violations",
        checked.violations.len()
    );
    for v in checked.violations.iter().take(5) {
        println!("  {v}");
    }
    for (d, e) in sc.drills.iter().zip(&entries) {
        if let Some(e) = e {
            let teams: Vec<&str> = e.teams.iter().map(|&t| sc.team(t).id.as_str()).collect();
            println!("  {} {} {} {}", d.id, e.date, e.start, teams.join(" "));
        }
    }
}
