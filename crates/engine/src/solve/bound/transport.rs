//! Team capacity as a transport problem, per day: every skill slot the
//! relaxation schedules must be carried by one team with that skill, and no
//! team carries more drills or minutes than it has. Counting capacity skill
//! by skill lets a team with three skills be counted three times; here its
//! three drills a day are shared among its skills.
//!
//! Valid for every schedule: give `y[s, t]` the slots of skill `s` that team
//! `t` fills that day (and minutes alike). A team's drills do not overlap and
//! lie in its shift, so it fills at most `shift / shortest drill` of them.

use crate::scenario::{Day, DrillId, Need, Scenario, SkillId, Team};
use good_lp::{variable, Constraint, Expression, ProblemVariables, Variable};
use std::collections::BTreeMap;

/// Past this many (skill, team, day) triples the transport rows are left out:
/// the relaxation would grow faster than it tightens.
const MAX_TRIPLES: usize = 10_000;

/// The minutes a team can give to drills in a day.
pub fn team_minutes(t: &Team) -> u32 {
    let shift = t.shift.len();
    t.max_minutes_per_day.map_or(shift, |m| m.min(shift))
}

/// Adds the transport variables to `vars` and returns its rows.
pub fn constraints(
    scenario: &Scenario,
    drills: &[DrillId],
    in_scope: &[bool],
    x: &BTreeMap<(DrillId, Day), Variable>,
    vars: &mut ProblemVariables,
) -> Vec<Constraint> {
    let working = |t: usize, day: Day| in_scope[t] && scenario.teams[t].works[day as usize];
    let triples: usize = (0..scenario.num_days)
        .map(|day| {
            (0..scenario.teams.len())
                .filter(|&t| working(t, day))
                .map(|t| scenario.teams[t].skills.len())
                .sum::<usize>()
        })
        .sum();
    if triples > MAX_TRIPLES {
        return Vec::new();
    }
    let mut out = Vec::new();
    for day in 0..scenario.num_days {
        let on_day: Vec<(DrillId, Variable)> = drills
            .iter()
            .filter_map(|&d| x.get(&(d, day)).map(|&v| (d, v)))
            .collect();
        let Some(shortest) = on_day
            .iter()
            .map(|&(d, _)| scenario.drill(d).duration)
            .min()
        else {
            continue;
        };
        // What each team carries: (drills, minutes), skill slots and named needs.
        let mut carried: Vec<(Expression, Expression)> =
            vec![Default::default(); scenario.teams.len()];
        for (s, _) in scenario.skills.iter().enumerate() {
            let (mut slots, mut minutes) = (Expression::default(), Expression::default());
            let mut any = false;
            for &(d, v) in &on_day {
                let drill = scenario.drill(d);
                let count = drill.slots_with_skill(SkillId(s as u32));
                if count > 0 {
                    slots.add_mul(count as f64, v);
                    minutes.add_mul((count * drill.duration) as f64, v);
                    any = true;
                }
            }
            if !any {
                continue;
            }
            let (mut filled, mut filled_minutes) = (Expression::default(), Expression::default());
            for (t, team) in scenario.teams.iter().enumerate() {
                if working(t, day) && team.skills.iter().any(|k| k.index() == s) {
                    let (y, ym) = (vars.add(variable().min(0.0)), vars.add(variable().min(0.0)));
                    filled += y;
                    filled_minutes += ym;
                    carried[t].0 += y;
                    carried[t].1 += ym;
                }
            }
            out.push(slots.leq(filled));
            out.push(minutes.leq(filled_minutes));
        }
        for &(d, v) in &on_day {
            let drill = scenario.drill(d);
            for n in &drill.needs {
                if let Need::Team(t) = n {
                    carried[t.index()].0 += v;
                    carried[t.index()].1.add_mul(drill.duration as f64, v);
                }
            }
        }
        for (t, (drills_carried, minutes_carried)) in carried.into_iter().enumerate() {
            if !working(t, day) {
                continue;
            }
            let team = &scenario.teams[t];
            let minutes = team_minutes(team);
            let by_time = minutes / shortest;
            let most = team.max_drills_per_day.map_or(by_time, |m| m.min(by_time));
            out.push(drills_carried.leq(most as f64));
            out.push(minutes_carried.leq(minutes as f64));
        }
    }
    out
}
