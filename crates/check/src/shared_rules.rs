//! Rules shared between drills: 8 venue capacity, 9 conflict sets, 10 standby.

use super::{end_of, stated, Violation};
use crate::reason::Broken;
use crate::scenario::{DrillId, Scenario};
use crate::schedule::Entry;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// `(start, end, weight, index into the scheduled list)`
type Running = (u32, u32, u32, usize);

pub(super) fn check(
    scenario: &Scenario,
    scheduled: &[(DrillId, &Entry)],
    out: &mut Vec<Violation>,
) {
    venue_capacity(scenario, scheduled, out);
    conflicts(scenario, scheduled, out);
    standby(scenario, scheduled, out);
}

/// Intervals `[start, end)` with a weight; the first instant at which the
/// weights of running intervals exceed `limit`, with the intervals running then.
fn first_overload(intervals: &[Running], limit: u32) -> Option<(u32, Vec<usize>)> {
    // Load only changes at starts, so checking every start is enough.
    for &(s, _, _, _) in intervals {
        let running: Vec<&Running> = intervals
            .iter()
            .filter(|(a, b, _, _)| *a <= s && s < *b)
            .collect();
        let load: u32 = running.iter().map(|r| r.2).sum();
        if load > limit {
            return Some((s, running.iter().map(|r| r.3).collect()));
        }
    }
    None
}

fn venue_capacity(scenario: &Scenario, scheduled: &[(DrillId, &Entry)], out: &mut Vec<Violation>) {
    let mut by_venue_date: BTreeMap<(u32, NaiveDate), Vec<Running>> = BTreeMap::new();
    for (i, &(d, e)) in scheduled.iter().enumerate() {
        by_venue_date
            .entry((scenario.drill(d).venue.0, e.date))
            .or_default()
            .push((e.start, end_of(scenario, d, e), 1, i));
    }
    for ((v, _), intervals) in by_venue_date {
        let venue = &scenario.venues[v as usize];
        if let Some((_, running)) = first_overload(&intervals, venue.capacity) {
            out.push(Violation::new(Broken::VenueOverfull {
                venue: venue.id.clone(),
                capacity: venue.capacity,
                running: running
                    .iter()
                    .map(|&i| stated(scenario, scheduled[i].0, scheduled[i].1))
                    .collect(),
            }));
        }
    }
}

fn conflicts(scenario: &Scenario, scheduled: &[(DrillId, &Entry)], out: &mut Vec<Violation>) {
    let mut entry_of = vec![None; scenario.drills.len()];
    for &(d, e) in scheduled {
        entry_of[d.index()] = Some(e);
    }
    for conflict in &scenario.conflicts {
        let members: Vec<(DrillId, &Entry)> = conflict
            .drills
            .iter()
            .filter_map(|&d| entry_of[d.index()].map(|e| (d, e)))
            .collect();
        for (i, &(a, ea)) in members.iter().enumerate() {
            for &(b, eb) in &members[i + 1..] {
                if ea.date != eb.date {
                    continue;
                }
                let apart = end_of(scenario, a, ea) + conflict.gap <= eb.start
                    || end_of(scenario, b, eb) + conflict.gap <= ea.start;
                if !apart {
                    out.push(Violation::new(Broken::TooClose {
                        name: conflict.name.clone(),
                        gap: conflict.gap,
                        a: stated(scenario, a, ea),
                        b: stated(scenario, b, eb),
                    }));
                }
            }
        }
    }
}

fn standby(scenario: &Scenario, scheduled: &[(DrillId, &Entry)], out: &mut Vec<Violation>) {
    for rule in &scenario.standbys {
        let mut by_date: BTreeMap<NaiveDate, Vec<Running>> = BTreeMap::new();
        for (i, &(d, e)) in scheduled.iter().enumerate() {
            let in_group = e.teams.iter().filter(|t| rule.group.contains(t)).count() as u32;
            if in_group > 0 {
                by_date.entry(e.date).or_default().push((
                    e.start,
                    end_of(scenario, d, e),
                    in_group,
                    i,
                ));
            }
        }
        let limit = rule.group.len() as u32 - rule.keep;
        for (date, intervals) in by_date {
            if let Some((at, running)) = first_overload(&intervals, limit) {
                out.push(Violation::new(Broken::StandbyBroken {
                    district: scenario.district_label(rule.district).to_string(),
                    skill: scenario.skills[rule.skill.index()].clone(),
                    keep: rule.keep,
                    group: rule.group.len(),
                    date,
                    at,
                    limit,
                    drills: running
                        .iter()
                        .map(|&i| scenario.drill(scheduled[i].0).id.clone())
                        .collect(),
                }));
            }
        }
    }
}
