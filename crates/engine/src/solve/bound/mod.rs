//! An honest upper bound on scheduled priority: a relaxation of the problem
//! by days, solved as an LP (or, with HiGHS, as a MIP).
//!
//! Variables: `x[d, day]` in [0, 1], the share of drill d held on `day`, only
//! for days on which d could run on its own. Every constraint below holds for
//! every feasible schedule, so the optimum of this model bounds the real one:
//!
//! - each drill at most once (required drills exactly once);
//! - per venue and day: drill minutes <= capacity x open minutes;
//! - per skill and day: minutes of drill slots that need the skill <= the
//!   minutes its teams working that day can give (shift, daily limits), and
//!   slots <= the drills those teams may take;
//! - per team and day: minutes of drills that name the team <= its minutes;
//! - all slots together <= all teams' minutes that day;
//! - per conflict set and day: sum of (duration + gap) <= the span its
//!   members can use that day + gap (they run one after another);
//! - with `Model::transport` (the tighter relaxation), per day, skill slots
//!   carried by teams within each team's drills and minutes (`transport`);
//! - per coverage need (row, district) whose drills are all in the part:
//!   its drills' shares together >= `min_drills` (rule 12; it only cuts
//!   off schedules that break the rule, so the bound stays valid).

mod lagrange;
#[cfg(test)]
mod tests;
mod transport;

pub use lagrange::RouteBound;

use super::candidates::Prepared;
use crate::scenario::time::MINUTES_PER_DAY;
use crate::scenario::{Day, DrillId, Need, Scenario, SkillId};
use good_lp::{variable, Expression, ProblemVariables, Solution, SolverModel, Variable};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub enum BoundOutcome {
    /// The relaxation's optimum: no schedule scores more.
    Bound(u64),
    /// The relaxation has no solution with every required drill (and every
    /// coverage row): no schedule does.
    RequiredInfeasible,
}

/// Which relaxation to solve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Model {
    /// Days as binary choices (HiGHS builds only: the pure-Rust solver is too slow).
    pub mip: bool,
    /// Add the team transport rows: tighter where teams have several
    /// skills, but several times slower on large parts.
    pub transport: bool,
}

/// Upper bound on the scheduled priority of `drills` (an independent part of
/// the scenario, or all of it). `can_run[d]` lists the days on which drill d
/// fits in an otherwise empty plan.
pub fn priority_bound(
    scenario: &Scenario,
    prepared: &Prepared,
    can_run: &[Vec<Day>],
    drills: &[DrillId],
    model: Model,
) -> BoundOutcome {
    let trivial: u64 = drills
        .iter()
        .copied()
        .filter(|d| !can_run[d.index()].is_empty())
        .map(|d| scenario.drill(d).priority)
        .sum();
    if drills
        .iter()
        .any(|&d| scenario.drill(d).is_required() && can_run[d.index()].is_empty())
    {
        return BoundOutcome::RequiredInfeasible;
    }
    // Any schedule's priority is a multiple of the priorities' common
    // divisor, so the bound can be rounded down to one. In units of that
    // divisor the rounding is the same whatever the scale of the priorities.
    let unit = drills
        .iter()
        .map(|&d| scenario.drill(d).priority)
        .fold(0, gcd)
        .max(1);
    match relaxation(scenario, prepared, can_run, drills, model, &[]) {
        Relaxation::Optimum(value) => {
            // Round towards the safe side of solver tolerances: an LP optimum of
            // 149.99999 still allows 150.
            let units = (value + 1e-4 * value.abs().max(1.0)).floor().max(0.0) as u64;
            BoundOutcome::Bound(units.saturating_mul(unit).min(trivial))
        }
        Relaxation::Infeasible => BoundOutcome::RequiredInfeasible,
        Relaxation::Unknown => BoundOutcome::Bound(trivial),
    }
}

/// The families of rows, so that a test can show what each one buys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Once,
    Venue,
    SkillMinutes,
    SkillCount,
    NamedTeam,
    AllTeams,
    Conflict,
    Transport,
    Coverage,
}

/// Solves the relaxation, in units of the priorities' common divisor, with
/// every row but those of the families in `skip`.
fn relaxation(
    scenario: &Scenario,
    prepared: &Prepared,
    can_run: &[Vec<Day>],
    drills: &[DrillId],
    model: Model,
    skip: &[Family],
) -> Relaxation {
    let mut vars = ProblemVariables::new();
    let mut x: BTreeMap<(DrillId, Day), Variable> = BTreeMap::new();
    for &d in drills {
        for &day in &can_run[d.index()] {
            let def = if model.mip {
                variable().binary()
            } else {
                variable().min(0.0).max(1.0)
            };
            x.insert((d, day), vars.add(def));
        }
    }
    if x.is_empty() {
        // Nothing can run: no schedule keeps a coverage need of these drills.
        let mut sorted = drills.to_vec();
        sorted.sort();
        let need_here = super::coverage::needs(scenario)
            .iter()
            .any(|n| super::coverage::within(n, &sorted));
        return if need_here && !skip.contains(&Family::Coverage) {
            Relaxation::Infeasible
        } else {
            Relaxation::Optimum(0.0)
        };
    }
    let unit = drills
        .iter()
        .map(|&d| scenario.drill(d).priority)
        .fold(0, gcd)
        .max(1);
    let mut objective = Expression::with_capacity(x.len());
    for (&(d, _), &v) in &x {
        objective.add_mul((scenario.drill(d).priority / unit) as f64, v);
    }
    // Only teams that could serve one of these drills give them capacity.
    let mut in_scope = vec![false; scenario.teams.len()];
    for &d in drills {
        for t in &prepared.any_team[d.index()] {
            in_scope[t.index()] = true;
        }
    }
    let mut rows = build_constraints(scenario, can_run, drills, &in_scope, &x);
    if model.transport {
        rows.extend(
            transport::constraints(scenario, drills, &in_scope, &x, &mut vars)
                .into_iter()
                .map(|c| (Family::Transport, c)),
        );
    }
    let constraints = rows
        .into_iter()
        .filter(|(f, _)| !skip.contains(f))
        .map(|(_, c)| c)
        .collect();
    solve(vars, objective, constraints, model.mip)
}

fn gcd(a: u64, b: u64) -> u64 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

enum Relaxation {
    Optimum(f64),
    Infeasible,
    /// The solver stopped without an answer; only the trivial bound is known.
    Unknown,
}

impl From<Result<f64, good_lp::ResolutionError>> for Relaxation {
    fn from(r: Result<f64, good_lp::ResolutionError>) -> Self {
        match r {
            Ok(v) => Relaxation::Optimum(v),
            Err(good_lp::ResolutionError::Infeasible) => Relaxation::Infeasible,
            Err(_) => Relaxation::Unknown,
        }
    }
}

fn build_constraints(
    scenario: &Scenario,
    can_run: &[Vec<Day>],
    drills: &[DrillId],
    in_scope: &[bool],
    x: &BTreeMap<(DrillId, Day), Variable>,
) -> Vec<(Family, good_lp::Constraint)> {
    let mut out = Vec::new();
    let days = scenario.num_days;
    let on_day = |d: DrillId, day: Day| x.get(&(d, day)).copied();
    let mut drills_at_venue = vec![Vec::new(); scenario.venues.len()];
    let mut drills_naming_team = vec![Vec::new(); scenario.teams.len()];
    for &d in drills {
        let drill = scenario.drill(d);
        drills_at_venue[drill.venue.index()].push(d);
        let mut named: Vec<usize> = drill
            .needs
            .iter()
            .filter_map(|n| match n {
                Need::Team(t) => Some(t.index()),
                Need::Skill { .. } => None,
            })
            .collect();
        named.extend(
            drill
                .pin
                .iter()
                .flat_map(|p| p.teams.iter().map(|t| t.index())),
        );
        named.sort();
        named.dedup();
        for t in named {
            drills_naming_team[t].push(d);
        }
    }
    for &d in drills {
        let mut once = Expression::default();
        for &day in &can_run[d.index()] {
            once += x[&(d, day)];
        }
        if can_run[d.index()].is_empty() {
            continue;
        }
        out.push((
            Family::Once,
            if scenario.drill(d).is_required() {
                once.eq(1.0)
            } else {
                once.leq(1.0)
            },
        ));
    }
    let team_minutes = |t: &crate::scenario::Team| transport::team_minutes(t) as f64;
    for day in 0..days {
        // Venues
        for (v, venue) in scenario.venues.iter().enumerate() {
            let mut load = Expression::default();
            let mut any = false;
            for &d in &drills_at_venue[v] {
                if let Some(var) = on_day(d, day) {
                    load.add_mul(scenario.drill(d).duration as f64, var);
                    any = true;
                }
            }
            if any {
                out.push((
                    Family::Venue,
                    load.leq((venue.capacity * open_minutes(&venue.hours)) as f64),
                ));
            }
        }
        // Skills, named teams, and all teams together
        let mut all_slots = Expression::default();
        for (s, _) in scenario.skills.iter().enumerate() {
            let teams: Vec<_> = scenario
                .teams
                .iter()
                .enumerate()
                .filter(|(i, t)| {
                    in_scope[*i] && t.works[day as usize] && t.skills.iter().any(|k| k.index() == s)
                })
                .map(|(_, t)| t)
                .collect();
            let capacity: f64 = teams.iter().map(|t| team_minutes(t)).sum();
            let max_drills: Option<u32> = teams.iter().map(|t| t.max_drills_per_day).sum();
            let mut minutes = Expression::default();
            let mut count = Expression::default();
            let mut any = false;
            for &d in drills {
                let Some(var) = on_day(d, day) else { continue };
                let slots = scenario.drill(d).slots_with_skill(SkillId(s as u32));
                if slots > 0 {
                    minutes.add_mul((slots * scenario.drill(d).duration) as f64, var);
                    count.add_mul(slots as f64, var);
                    any = true;
                }
            }
            if any {
                out.push((Family::SkillMinutes, minutes.leq(capacity)));
                if let Some(m) = max_drills {
                    out.push((Family::SkillCount, count.leq(m as f64)));
                }
            }
        }
        for (t, team) in scenario.teams.iter().enumerate() {
            let mut minutes = Expression::default();
            let mut any = false;
            for &d in &drills_naming_team[t] {
                if let Some(var) = on_day(d, day) {
                    minutes.add_mul(scenario.drill(d).duration as f64, var);
                    any = true;
                }
            }
            if any {
                out.push((Family::NamedTeam, minutes.leq(team_minutes(team))));
            }
        }
        let capacity: f64 = scenario
            .teams
            .iter()
            .enumerate()
            .filter(|(i, t)| in_scope[*i] && t.works[day as usize])
            .map(|(_, t)| team_minutes(t))
            .sum();
        for &d in drills {
            if let Some(var) = on_day(d, day) {
                let drill = scenario.drill(d);
                all_slots.add_mul((drill.team_count() * drill.duration) as f64, var);
            }
        }
        out.push((Family::AllTeams, all_slots.leq(capacity)));
        // Conflict sets
        for c in &scenario.conflicts {
            let members: Vec<DrillId> = c
                .drills
                .iter()
                .copied()
                .filter(|&d| on_day(d, day).is_some())
                .collect();
            if members.len() < 2 {
                continue;
            }
            let (mut earliest, mut latest) = (u32::MAX, 0);
            for &d in &members {
                let drill = scenario.drill(d);
                for w in &scenario.venue(drill.venue).hours {
                    earliest = earliest.min(w.start);
                    latest = latest.max(w.end);
                }
            }
            let mut used = Expression::default();
            for &d in &members {
                used.add_mul(
                    (scenario.drill(d).duration + c.gap) as f64,
                    on_day(d, day).unwrap(),
                );
            }
            out.push((
                Family::Conflict,
                used.leq((latest.saturating_sub(earliest) + c.gap) as f64),
            ));
        }
    }
    out.extend(coverage_rows(scenario, drills, x));
    out
}

/// Rule 12: for each need whose drills all lie in `drills`, the shares of
/// its drills over their days add up to at least its minimum.
fn coverage_rows(
    scenario: &Scenario,
    drills: &[DrillId],
    x: &BTreeMap<(DrillId, Day), Variable>,
) -> Vec<(Family, good_lp::Constraint)> {
    if scenario.coverage.is_empty() {
        return Vec::new();
    }
    let mut sorted = drills.to_vec();
    sorted.sort();
    let mut out = Vec::new();
    for need in super::coverage::needs(scenario) {
        if !super::coverage::within(&need, &sorted) {
            continue;
        }
        let mut held = Expression::default();
        for &d in &need.drills {
            for (_, &v) in x.range((d, 0)..=(d, Day::MAX)) {
                held += v;
            }
        }
        out.push((Family::Coverage, held.geq(need.min as f64)));
    }
    out
}

/// Minutes covered by the union of a venue's windows.
fn open_minutes(hours: &[crate::scenario::time::Window]) -> u32 {
    let mut covered = [false; MINUTES_PER_DAY as usize];
    for w in hours {
        covered[w.start as usize..w.end as usize]
            .iter_mut()
            .for_each(|m| *m = true);
    }
    covered.iter().filter(|&&c| c).count() as u32
}

#[cfg(not(feature = "highs"))]
fn solve(
    vars: ProblemVariables,
    objective: Expression,
    constraints: Vec<good_lp::Constraint>,
    _mip: bool,
) -> Relaxation {
    let mut model = vars.maximise(objective.clone()).using(good_lp::microlp);
    for c in constraints {
        model = model.with(c);
    }
    model.solve().map(|s| s.eval(&objective)).into()
}

#[cfg(feature = "highs")]
fn solve(
    vars: ProblemVariables,
    objective: Expression,
    constraints: Vec<good_lp::Constraint>,
    mip: bool,
) -> Relaxation {
    let mut model = vars.maximise(objective.clone()).using(good_lp::highs);
    for c in constraints {
        model = model.with(c);
    }
    // One thread: HiGHS keeps a scheduler per OS thread and rayon workers reuse threads.
    let model = model
        .set_threads(1)
        .set_option("random_seed", 0)
        .set_time_limit(if mip { 20.0 } else { 60.0 });
    let model = if mip {
        model
            .set_mip_abs_gap(0.0)
            .and_then(|m| m.set_mip_rel_gap(0.0))
    } else {
        Ok(model)
    };
    let Ok(model) = model else {
        return Relaxation::Unknown;
    };
    match model.solve() {
        Ok(solution) if matches!(solution.status(), good_lp::SolutionStatus::Optimal) => {
            Relaxation::Optimum(solution.eval(&objective))
        }
        Ok(_) => Relaxation::Unknown,
        Err(e) => Err(e).into(),
    }
}
