//! The true optimum priority of a small scenario, by HiGHS on a
//! time-indexed MIP: an oracle for the bound and the search on cut-down
//! copies (`scripts/cut-down.py`), where the exhaustive search cannot finish.
//!
//!     cargo run --release --features highs --example exact_mip -- COPY.toml [SECONDS] [--lp [--show] [--cuts]] [--log]
//!     cargo run --release --features highs --example exact_mip -- COPY.toml --dw [--aggregate]
//!
//! With `--lp` the variables are continuous in [0, 1] and only the LP
//! relaxation's value is printed (no schedule is checked): a measure of how
//! much of the bound's gap is the relaxation's and how much the integers'.
//! `--show` lists its fractional drill starts and team fills; `--cuts` adds
//! rows per team and instant and separates cliques of drills that cannot
//! run at once (`Conflicts`); `--log` turns on HiGHS's own log (its primal
//! and dual bounds as it goes); `HIGHS_OPTIONS=name=value,...` sets HiGHS
//! options (`presolve=off`).
//!
//! `--dw` prints instead the LP of the master with tied starts and exact
//! team-day routes, by column generation (`dantzig_wolfe`); `--aggregate`
//! states its venue, conflict and standby rows as the route bound does.
//! docs/performance.md has what each measured.
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
use good_lp::{
    variable, DualValues, Expression, ProblemVariables, Solution, SolutionWithDual, SolverModel,
    Variable,
};
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
    // HiGHS's own log: its primal and dual bounds over time.
    let log = args.iter().any(|a| a == "--log");
    // With `--lp`: the fractional solution, start by start.
    let show = args.iter().any(|a| a == "--show");
    // With `--lp`: rows per team and instant, then cuts on drills that
    // cannot run at once, separated from the LP's solution round by round.
    let cuts = lp && args.iter().any(|a| a == "--cuts");
    // The Dantzig-Wolfe master's LP instead (routes as columns).
    let dw = args.iter().any(|a| a == "--dw");
    // With `--dw`: venue, conflict and standby rows summed over the day (an
    // hour for standby), in minutes, as the route bound states them.
    let aggregate = args.iter().any(|a| a == "--aggregate");
    args.retain(|a| {
        !["--lp", "--log", "--show", "--cuts", "--dw", "--aggregate"].contains(&a.as_str())
    });
    let Some(path) = args.get(1) else {
        eprintln!("usage: exact_mip SCENARIO.toml [SECONDS] [--lp [--show]] [--log]");
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
    if dw {
        dantzig_wolfe(&sc, aggregate);
        return;
    }
    let team_instants = cuts;
    let mut found: Vec<Vec<usize>> = Vec::new();
    let conflicts = if cuts {
        Some(Conflicts::new(&sc))
    } else {
        None
    };
    for round in 0.. {
        let (starts, solved) = solve(&sc, lp, log, seconds, team_instants, &found);
        let solution = match solved {
            Ok(solution) => solution,
            Err(e) => {
                println!("no schedule: {e}");
                return;
            }
        };
        if !lp {
            report(&sc, &starts, &solution);
            return;
        }
        let xs: Vec<f64> = starts.iter().map(|s| solution.value(s.x)).collect();
        let value: f64 = starts
            .iter()
            .zip(&xs)
            .map(|(s, x)| sc.drill(s.drill).priority as f64 * x)
            .sum();
        println!(
            "LP relaxation {value:.2} (round {round}, {} drill cuts)",
            found.len()
        );
        let new = match &conflicts {
            Some(c) if round < 30 => c.separate(&sc, &starts, &xs),
            _ => Vec::new(),
        };
        if new.is_empty() {
            if show {
                show_fractions(&sc, &starts, &solution);
            }
            return;
        }
        found.extend(new);
    }
}

/// The MIP (or with `lp` its relaxation), with `team_instants` a row per
/// team and slot boundary (its drills running then at most one) and with
/// each of `cuts` (drill starts of which at most one is held) as a row.
fn solve(
    sc: &Scenario,
    lp: bool,
    log: bool,
    seconds: f64,
    team_instants: bool,
    cuts: &[Vec<usize>],
) -> (
    Vec<Start>,
    Result<good_lp::solvers::highs::HighsSolution, good_lp::ResolutionError>,
) {
    let mut vars = ProblemVariables::new();
    let starts = drill_starts(sc, &mut vars, lp);
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
    team_rows(sc, &starts, &mut rows);
    if team_instants {
        team_instant_rows(sc, &starts, &mut rows);
    }
    for cut in cuts {
        let sum: Expression = cut.iter().map(|&i| starts[i].x).sum();
        rows.push(sum.leq(1.0));
    }
    instant_rows(sc, &starts, &mut rows, true);
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
    model.set_verbose(log);
    let mut model = model.set_threads(1).set_option("random_seed", 0);
    // `HIGHS_OPTIONS=name=value,...`: HiGHS options for experiments (e.g.
    // `presolve=off`, which a copy of four districts cannot get through).
    for kv in std::env::var("HIGHS_OPTIONS")
        .unwrap_or_default()
        .split(',')
    {
        if let Some((k, v)) = kv.split_once('=') {
            model = match v.parse::<i32>() {
                Ok(n) => model.set_option(k, n),
                Err(_) => model.set_option(k, v),
            };
        }
    }
    let model = model
        .set_time_limit(seconds)
        .set_mip_rel_gap(0.0)
        .expect("HiGHS takes a zero gap");
    let solved = model.solve();
    (starts, solved)
}

/// The LP's drill starts with a positive value, and the teams filling them.
fn show_fractions(sc: &Scenario, starts: &[Start], solution: &impl Solution) {
    for s in starts.iter().filter(|s| solution.value(s.x) > 1e-6) {
        let drill = sc.drill(s.drill);
        let fills: Vec<String> = s
            .fills
            .iter()
            .flatten()
            .filter(|&&(_, v)| solution.value(v) > 1e-6)
            .map(|&(t, v)| format!("{}={:.2}", sc.team(t).id, solution.value(v)))
            .collect();
        println!(
            "  {:.3} {} p{} day{} {:02}:{:02}-{:02}:{:02} {}",
            solution.value(s.x),
            drill.id,
            drill.priority,
            s.day,
            s.start / 60,
            s.start % 60,
            (s.start + drill.duration) / 60,
            (s.start + drill.duration) % 60,
            fills.join(" ")
        );
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
/// lies in the earlier one. Without `standby`, rules 8 and 9 alone (the
/// column-generation master states standby on its routes).
fn instant_rows(
    sc: &Scenario,
    starts: &[Start],
    rows: &mut Vec<good_lp::Constraint>,
    standby: bool,
) {
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
            for rule in sc.standbys.iter().filter(|_| standby) {
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

/// A team's use of a drill start: its start, its end, its variable.
type Use = (u32, u32, Variable);
/// A need: how many teams, and which may fill it.
type Slots = (u32, Vec<TeamId>);
/// A route ending at a node: what it collects, its drill minutes, its
/// drills, and the (node, label) before it.
type Label = (f64, u32, u32, Option<(usize, usize)>);

/// Per team and slot boundary: its drills running then, at most one. The
/// pairwise rows of `team_rows` let three drills that overlap each other
/// hold half a team each; the route bound's exact routes never do.
fn team_instant_rows(sc: &Scenario, starts: &[Start], rows: &mut Vec<good_lp::Constraint>) {
    let mut uses: HashMap<(TeamId, Day), Vec<Use>> = HashMap::new();
    for s in starts {
        let end = s.start + sc.drill(s.drill).duration;
        for &(t, v) in s.fills.iter().flatten() {
            uses.entry((t, s.day)).or_default().push((s.start, end, v));
        }
    }
    for list in uses.values() {
        for minute in (0..1440).step_by(sc.slot_minutes as usize) {
            let terms: Vec<Variable> = list
                .iter()
                .filter(|&&(a, b, _)| a <= minute && minute < b)
                .map(|&(_, _, v)| v)
                .collect();
            if terms.len() > 1 {
                rows.push(terms.into_iter().sum::<Expression>().leq(1.0));
            }
        }
    }
}

/// Which drills cannot run at the same instant on a day: their needs
/// together cannot be filled by distinct teams (each from the teams that
/// could fill it at some start that day), with each standby group giving at
/// most its available teams. Other drills running then are left out, so
/// "cannot" is never said of two drills that could.
struct Conflicts {
    /// `pair[day][a * n + b]`.
    pair: Vec<Vec<bool>>,
    n: usize,
}

impl Conflicts {
    fn new(sc: &Scenario) -> Self {
        let prepared = Prepared::new(sc);
        let n = sc.drills.len();
        let mut pair = Vec::new();
        for day in 0..sc.num_days as Day {
            // Per drill: per need, the teams that could fill it on this day.
            let eligible: Vec<Option<Vec<Slots>>> = sc
                .drill_ids()
                .map(|d| {
                    let drill = sc.drill(d);
                    let starts: Vec<u32> = prepared.starts[d.index()]
                        .iter()
                        .filter(|s| s.0 == day)
                        .map(|s| s.1)
                        .collect();
                    if starts.is_empty() {
                        return None;
                    }
                    let needs = drill
                        .needs
                        .iter()
                        .map(|need| {
                            let teams = sc
                                .team_ids()
                                .filter(|&t| {
                                    let team = sc.team(t);
                                    let trip = sc.travel.base_to_venue(t, drill.venue);
                                    need.accepts(sc, t)
                                        && team.works[day as usize]
                                        && starts.iter().any(|&st| {
                                            st >= team.shift.start + trip
                                                && st + drill.duration + trip <= team.shift.end
                                        })
                                })
                                .collect();
                            (need.count(), teams)
                        })
                        .collect();
                    Some(needs)
                })
                .collect();
            let mut p = vec![false; n * n];
            for a in 0..n {
                for b in a + 1..n {
                    if let (Some(ea), Some(eb)) = (&eligible[a], &eligible[b]) {
                        let slots: Vec<&Slots> = ea.iter().chain(eb).collect();
                        if !staffable(sc, &slots) {
                            p[a * n + b] = true;
                            p[b * n + a] = true;
                        }
                    }
                }
            }
            pair.push(p);
        }
        Conflicts { pair, n }
    }

    /// Cliques of drills that cannot run at once, at one slot boundary,
    /// whose starts running then hold more than one drill in `xs`.
    fn separate(&self, sc: &Scenario, starts: &[Start], xs: &[f64]) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for day in 0..sc.num_days as Day {
            let p = &self.pair[day as usize];
            for minute in (0..1440).step_by(sc.slot_minutes as usize) {
                let mut by_drill: HashMap<usize, (f64, Vec<usize>)> = HashMap::new();
                for (i, s) in starts.iter().enumerate() {
                    let end = s.start + sc.drill(s.drill).duration;
                    if s.day == day && s.start <= minute && minute < end && xs[i] > 1e-9 {
                        let e = by_drill.entry(s.drill.index()).or_default();
                        e.0 += xs[i];
                        e.1.push(i);
                    }
                }
                let mut drills: Vec<(usize, f64)> =
                    by_drill.iter().map(|(&d, (w, _))| (d, *w)).collect();
                drills.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
                for &(seed, _) in &drills {
                    let mut clique = vec![seed];
                    for &(d, _) in &drills {
                        if d != seed && clique.iter().all(|&c| p[c * self.n + d]) {
                            clique.push(d);
                        }
                    }
                    let weight: f64 = clique.iter().map(|d| by_drill[d].0).sum();
                    clique.sort();
                    if weight > 1.0 + 1e-6 && seen.insert((day, minute, clique.clone())) {
                        // Every start of these drills running at this minute, not only the LP's.
                        let members: Vec<usize> = starts
                            .iter()
                            .enumerate()
                            .filter(|(_, s)| {
                                let end = s.start + sc.drill(s.drill).duration;
                                s.day == day
                                    && s.start <= minute
                                    && minute < end
                                    && clique.contains(&s.drill.index())
                            })
                            .map(|(i, _)| i)
                            .collect();
                        out.push(members);
                    }
                }
            }
        }
        out
    }
}

/// Whether the needs `slots` (count, teams that may fill it) can be filled
/// at once by distinct teams, each standby group (rule 10) giving at most
/// its available teams: a maximum flow from needs to teams (to groups) to
/// the sink. A team in two groups with a keep counts in neither (a
/// relaxation: it can only say "staffable" more often).
fn staffable(sc: &Scenario, slots: &[&Slots]) -> bool {
    let teams = sc.teams.len();
    let rules: Vec<&scenario::Standby> = sc.standbys.iter().filter(|r| r.keep > 0).collect();
    // Nodes: source 0, needs 1.., teams, groups, sink.
    let ns = slots.len();
    let (t0, g0) = (1 + ns, 1 + ns + teams);
    let sink = g0 + rules.len();
    let size = sink + 1;
    let mut cap = vec![0i64; size * size];
    let mut want = 0;
    for (k, (count, list)) in slots.iter().enumerate() {
        cap[1 + k] = *count as i64;
        want += *count as i64;
        for t in list {
            cap[(1 + k) * size + t0 + t.index()] = 1;
        }
    }
    for t in 0..teams {
        let groups: Vec<usize> = (0..rules.len())
            .filter(|&r| rules[r].group.contains(&TeamId(t as u32)))
            .collect();
        match groups[..] {
            [g] => cap[(t0 + t) * size + g0 + g] = 1,
            _ => cap[(t0 + t) * size + sink] = 1,
        }
    }
    for (r, rule) in rules.iter().enumerate() {
        cap[(g0 + r) * size + sink] = rule.available() as i64;
    }
    let mut flow = 0;
    loop {
        // Breadth-first augmenting path.
        let mut prev = vec![usize::MAX; size];
        prev[0] = 0;
        let mut queue = std::collections::VecDeque::from([0]);
        while let Some(u) = queue.pop_front() {
            for v in 0..size {
                if prev[v] == usize::MAX && cap[u * size + v] > 0 {
                    prev[v] = u;
                    queue.push_back(v);
                }
            }
        }
        if prev[sink] == usize::MAX {
            break;
        }
        let mut v = sink;
        while v != 0 {
            let u = prev[v];
            cap[u * size + v] -= 1;
            cap[v * size + u] += 1;
            v = u;
        }
        flow += 1;
    }
    flow == want
}

/// Worth of a required drill in the master, on top of its priority.
const REQUIRED_BONUS: f64 = 1000.0;

/// Labels kept per start in the pricing, at most (only teams with daily
/// limits have more than one); past it the pricing may miss a route.
const MAX_LABELS: usize = 4096;
/// Routes per team-day that enter the master each round, at most.
const COLUMNS_PER_ROUND: usize = 8;

/// One team-day route of the master: the (start, need) pairs it serves.
struct Column {
    team_day: usize,
    nodes: Vec<(usize, usize)>,
}

/// The LP of the Dantzig-Wolfe master, by column generation: a drill's
/// start and teams tied as in the MIP (`x` per start, every need filled by
/// `count x` route visits), and each team's day a convex combination of
/// real routes (rule 6 in order, with its daily limits), as in the route
/// bound. Both relaxations at once, so at most either; what is left is the
/// integer gap of this master.
fn dantzig_wolfe(sc: &Scenario, aggregate: bool) {
    let mut scratch = ProblemVariables::new();
    let starts = drill_starts(sc, &mut scratch, true);
    // Team-days and their nodes: (start, need) the team may fill.
    let mut team_days: Vec<(TeamId, Day)> = Vec::new();
    let mut nodes: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut index: HashMap<(TeamId, Day), usize> = HashMap::new();
    for (i, s) in starts.iter().enumerate() {
        for (n, fills) in s.fills.iter().enumerate() {
            for &(t, _) in fills {
                let k = *index.entry((t, s.day)).or_insert_with(|| {
                    team_days.push((t, s.day));
                    nodes.push(Vec::new());
                    team_days.len() - 1
                });
                nodes[k].push((i, n));
            }
        }
    }
    for list in &mut nodes {
        list.sort_by_key(|&(i, n)| (starts[i].start, i, n));
    }
    let rules: Vec<(usize, &scenario::Standby)> = sc
        .standbys
        .iter()
        .enumerate()
        .filter(|(_, r)| r.keep > 0)
        .collect();
    let keys_per_day = if aggregate {
        24
    } else {
        (1440 / sc.slot_minutes) as usize
    };
    let mut columns: Vec<Column> = Vec::new();
    for round in 0.. {
        let mut vars = ProblemVariables::new();
        let xs: Vec<Variable> = starts
            .iter()
            .map(|_| vars.add(variable().min(0.0).max(1.0)))
            .collect();
        let lambdas: Vec<Variable> = columns
            .iter()
            .map(|_| vars.add(variable().min(0.0)))
            .collect();
        // A required drill is held by a large bonus rather than a row, so
        // that the first masters, with few routes, have a solution.
        let objective: Expression = starts
            .iter()
            .zip(&xs)
            .map(|(s, &x)| {
                let d = sc.drill(s.drill);
                let bonus = if d.is_required() { REQUIRED_BONUS } else { 0.0 };
                (d.priority as f64 + bonus) * x
            })
            .sum();
        let mut model = vars.maximise(objective).using(good_lp::highs);
        model = model.set_threads(1);
        // Rows whose duals price routes.
        let mut conv = Vec::new();
        for k in 0..team_days.len() {
            let sum: Expression = columns
                .iter()
                .zip(&lambdas)
                .filter(|(c, _)| c.team_day == k)
                .map(|(_, &l)| l)
                .sum();
            conv.push(model.add_constraint(sum.leq(1.0)));
        }
        let mut link: HashMap<(usize, usize), good_lp::constraint::ConstraintReference> =
            HashMap::new();
        let mut visits: HashMap<(usize, usize), Expression> = HashMap::new();
        for (c, &l) in columns.iter().zip(&lambdas) {
            for &node in &c.nodes {
                *visits.entry(node).or_default() += l;
            }
        }
        for (i, s) in starts.iter().enumerate() {
            for n in 0..s.fills.len() {
                let count = sc.drill(s.drill).needs[n].count() as f64;
                let served = visits.remove(&(i, n)).unwrap_or_default();
                let row = (count * xs[i] - served).leq(0.0);
                link.insert((i, n), model.add_constraint(row));
            }
        }
        // Standby per rule, day and slot boundary.
        let mut standby: HashMap<(usize, Day, usize), good_lp::constraint::ConstraintReference> =
            HashMap::new();
        for &(r, rule) in &rules {
            for day in 0..sc.num_days as Day {
                for m in 0..keys_per_day {
                    let mut sum = Expression::from(0.0);
                    let mut any = false;
                    for (c, &l) in columns.iter().zip(&lambdas) {
                        let (t, d) = team_days[c.team_day];
                        if d != day || !rule.group.contains(&t) {
                            continue;
                        }
                        let running: f64 = c
                            .nodes
                            .iter()
                            .flat_map(|&(i, _)| standby_keys(sc, &starts[i], aggregate))
                            .filter(|&(k, _)| k == m)
                            .map(|(_, w)| w)
                            .sum();
                        if running > 0.0 {
                            sum += running * l;
                            any = true;
                        }
                    }
                    if any {
                        let row = sum.leq(rule.available() as f64);
                        standby.insert((r, day, m), model.add_constraint(row));
                    }
                }
            }
        }
        // The rest, on `x` alone: each drill once, venues and conflicts.
        let mut by_drill: HashMap<DrillId, Vec<usize>> = HashMap::new();
        for (i, s) in starts.iter().enumerate() {
            by_drill.entry(s.drill).or_default().push(i);
        }
        for mine in by_drill.values() {
            let sum: Expression = mine.iter().map(|&i| xs[i]).sum();
            model.add_constraint(sum.leq(1.0));
        }
        let tied: Vec<Start> = starts
            .iter()
            .zip(&xs)
            .map(|(s, &x)| Start {
                drill: s.drill,
                day: s.day,
                start: s.start,
                x,
                fills: Vec::new(),
            })
            .collect();
        let mut rows = Vec::new();
        if aggregate {
            day_rows_x_only(sc, &tied, &mut rows);
        } else {
            instant_rows(sc, &tied, &mut rows, false);
        }
        for r in rows {
            model.add_constraint(r);
        }
        let mut solution = match model.solve() {
            Ok(s) => s,
            Err(e) => {
                println!("master: {e}");
                return;
            }
        };
        let value: f64 = starts
            .iter()
            .zip(&xs)
            .map(|(s, &x)| sc.drill(s.drill).priority as f64 * solution.value(x))
            .sum();
        let lam_values: Vec<f64> = lambdas.iter().map(|&l| solution.value(l)).collect();
        let duals = solution.compute_dual();
        let y = |c: &good_lp::constraint::ConstraintReference| duals.dual(c.clone()).abs();
        // Price each team-day: the best route under the duals.
        let mut added = 0;
        let mut best_rc: f64 = 0.0;
        // The master's value plus every team-day's best reduced cost bounds
        // the master's LP (each team-day holds at most one route): an upper
        // bound on the way, where the restricted master's value is a lower one.
        let mut positive_rc = 0.0;
        for (k, &(t, day)) in team_days.iter().enumerate() {
            let team = sc.team(t);
            let my_rules: Vec<usize> = rules
                .iter()
                .filter(|(_, rule)| rule.group.contains(&t))
                .map(|&(r, _)| r)
                .collect();
            // Per start, the best need and its gain.
            let mut best_at: HashMap<usize, (f64, usize)> = HashMap::new();
            for &(i, n) in &nodes[k] {
                let mut g = y(&link[&(i, n)]);
                for &r in &my_rules {
                    for (m, w) in standby_keys(sc, &starts[i], aggregate) {
                        if let Some(c) = standby.get(&(r, day, m)) {
                            g -= w * y(c);
                        }
                    }
                }
                let e = best_at.entry(i).or_insert((f64::NEG_INFINITY, n));
                if g > e.0 {
                    *e = (g, n);
                }
            }
            let mut cand: Vec<(usize, f64, usize)> = best_at
                .into_iter()
                .filter(|&(_, (g, _))| g > 1e-9)
                .map(|(i, (g, n))| (i, g, n))
                .collect();
            cand.sort_by_key(|&(i, _, _)| (starts[i].start, i));
            // Labels per candidate: (value, minutes, drills, predecessor label).
            let mut labels: Vec<Vec<Label>> = vec![Vec::new(); cand.len()];
            for j in 0..cand.len() {
                let (i, g, _) = cand[j];
                let dur = sc.drill(starts[i].drill).duration;
                let mut mine: Vec<Label> = vec![(g, dur, 1, None)];
                for a in 0..j {
                    let (ia, _, _) = cand[a];
                    if starts[ia].start >= starts[i].start || clash(sc, &starts[ia], &starts[i]) {
                        continue;
                    }
                    for (b, &(v, mins, cnt, _)) in labels[a].iter().enumerate() {
                        mine.push((v + g, mins + dur, cnt + 1, Some((a, b))));
                    }
                }
                mine.retain(|&(_, mins, cnt, _)| {
                    team.max_minutes_per_day.is_none_or(|m| mins <= m)
                        && team.max_drills_per_day.is_none_or(|m| cnt <= m)
                });
                mine.sort_by(|p, q| q.0.total_cmp(&p.0));
                let mut kept: Vec<Label> = Vec::new();
                for l in mine {
                    let limited =
                        team.max_minutes_per_day.is_some() || team.max_drills_per_day.is_some();
                    if kept.iter().any(|k| k.1 <= l.1 && k.2 <= l.2)
                        || (!limited && !kept.is_empty())
                    {
                        continue;
                    }
                    kept.push(l);
                }
                kept.truncate(MAX_LABELS);
                labels[j] = kept;
            }
            // The best label at each end node, best first: the first gives
            // the bound, the first few enter the master (several routes per
            // team-day and round make the generation converge sooner).
            let mut ends: Vec<(f64, usize, usize)> = labels
                .iter()
                .enumerate()
                .filter_map(|(j, ls)| {
                    let (b, l) = ls
                        .iter()
                        .enumerate()
                        .max_by(|p, q| p.1 .0.total_cmp(&q.1 .0))?;
                    Some((l.0, j, b))
                })
                .collect();
            ends.sort_by(|p, q| q.0.total_cmp(&p.0));
            let Some(&(v, _, _)) = ends.first() else {
                continue;
            };
            let rc = v - y(&conv[k]);
            best_rc = best_rc.max(rc);
            positive_rc += rc.max(0.0);
            for &(v, mut j, mut b) in ends.iter().take(COLUMNS_PER_ROUND) {
                if v - y(&conv[k]) <= 1e-6 {
                    break;
                }
                let mut route = Vec::new();
                loop {
                    let (i, _, n) = cand[j];
                    route.push((i, n));
                    match labels[j][b].3 {
                        Some((a, c)) => (j, b) = (a, c),
                        None => break,
                    }
                }
                columns.push(Column {
                    team_day: k,
                    nodes: route,
                });
                added += 1;
            }
        }
        let used = lam_values.iter().filter(|&&l| l > 1e-6).count();
        println!(
            "round {round}: master {value:.2}, at most {:.2}; {} columns ({used} used), {added} added, best reduced cost {best_rc:.3}",
            value + positive_rc,
            columns.len() - added
        );
        if added == 0 {
            let short: f64 = by_drill
                .iter()
                .filter(|(d, _)| sc.drill(**d).is_required())
                .map(|(_, mine)| 1.0 - mine.iter().map(|&i| solution.value(xs[i])).sum::<f64>())
                .sum();
            println!("Dantzig-Wolfe LP {value:.2} (required drills short by {short:.3})");
            return;
        }
    }
}

/// Where a drill start counts in the master's standby rows, and how much:
/// each slot boundary it runs over (1 each), or with `aggregate` each hour
/// it overlaps (its minutes there, in hours).
fn standby_keys(sc: &Scenario, s: &Start, aggregate: bool) -> Vec<(usize, f64)> {
    let end = s.start + sc.drill(s.drill).duration;
    if aggregate {
        (s.start / 60..end.div_ceil(60))
            .map(|h| {
                let minutes = end.min((h + 1) * 60) - s.start.max(h * 60);
                (h as usize, minutes as f64 / 60.0)
            })
            .collect()
    } else {
        let slot = sc.slot_minutes;
        (s.start.div_ceil(slot)..end.div_ceil(slot))
            .map(|m| (m as usize, 1.0))
            .collect()
    }
}

/// The route bound's venue and conflict rows on `x`: per venue and day,
/// drill minutes at most capacity x open minutes; per conflict set and day,
/// the members' (duration + gap) at most their span + gap.
fn day_rows_x_only(sc: &Scenario, starts: &[Start], rows: &mut Vec<good_lp::Constraint>) {
    for day in 0..sc.num_days as Day {
        for (v, venue) in sc.venues.iter().enumerate() {
            let mut open = [false; 1440];
            for w in &venue.hours {
                open[w.start as usize..w.end as usize].fill(true);
            }
            let open = open.iter().filter(|&&o| o).count() as f64;
            let sum: Expression = starts
                .iter()
                .filter(|s| s.day == day && sc.drill(s.drill).venue.index() == v)
                .map(|s| sc.drill(s.drill).duration as f64 * s.x)
                .sum();
            rows.push(sum.leq(venue.capacity as f64 * open));
        }
        for c in &sc.conflicts {
            let (mut earliest, mut latest) = (u32::MAX, 0);
            for &d in &c.drills {
                for w in &sc.venue(sc.drill(d).venue).hours {
                    earliest = earliest.min(w.start);
                    latest = latest.max(w.end);
                }
            }
            let sum: Expression = starts
                .iter()
                .filter(|s| s.day == day && c.drills.contains(&s.drill))
                .map(|s| (sc.drill(s.drill).duration + c.gap) as f64 * s.x)
                .sum();
            rows.push(sum.leq((latest.saturating_sub(earliest) + c.gap) as f64));
        }
    }
}
