//! The smallest change that lets an unscheduled drill in, smallest first:
//! it fits now; move one drill in its way; then scenario changes as `--set`
//! overrides. Every candidate is verified by the checker before it is offered.

use super::Suggestion;
use crate::check::check;
use crate::reason::Change;
use crate::scenario::time::HhMm;
use crate::scenario::time::MINUTES_PER_DAY;
use crate::scenario::{overrides, Day, DrillId, Need, Scenario, SkillId, TeamId, VenueId};
use crate::schedule::{Placement, Schedule};
use crate::solve::candidates::Prepared;
use crate::solve::state::{Noise, State};
use std::collections::{BTreeMap, BTreeSet};

/// It fits as the schedule stands (a start is free): adding it is the change.
pub(super) fn fits_now(scenario: &Scenario, state: &State, drill: DrillId) -> Option<Suggestion> {
    let starts = &state.prepared.starts[drill.index()];
    let ins = state.best_insertion(drill, starts, Noise::NONE)?;
    let mut next = state.clone();
    next.place(drill, ins.placement.clone());
    verified(scenario, next.schedule(), drill).map(|schedule| Suggestion {
        change: Change::AddAt {
            date: scenario.date(ins.placement.day),
            start: ins.placement.start,
        },
        set: Vec::new(),
        schedule,
    })
}

/// Moves one drill in the way elsewhere, then places this one where it stood.
pub(super) fn move_one_drill(
    scenario: &Scenario,
    state: &State,
    drill: DrillId,
    blockers: &[((Day, u32), Vec<DrillId>)],
) -> Option<Suggestion> {
    let mut tried = BTreeSet::new();
    for ((day, start), in_the_way) in blockers {
        for &other in in_the_way {
            if !tried.insert((other, *day)) || tried.len() > 200 || !state.can_remove(other) {
                continue;
            }
            let mut next = state.clone();
            let from = next.remove(other)?;
            let Ok(ins) = next.evaluate(drill, *day, *start) else {
                continue;
            };
            next.place(drill, ins.placement);
            let other_starts = &state.prepared.starts[other.index()];
            let Some(moved) = next.best_insertion(other, other_starts, Noise::NONE) else {
                continue;
            };
            let to = moved.placement.clone();
            next.place(other, moved.placement);
            if let Some(schedule) = verified(scenario, next.schedule(), drill) {
                let change = Change::MoveOne {
                    drill: scenario.drill(other).id.clone(),
                    from: (scenario.date(from.day), from.start),
                    to: (scenario.date(to.day), to.start),
                    other_teams: to.teams != from.teams,
                    at: (scenario.date(*day), *start),
                };
                return Some(Suggestion {
                    change,
                    set: Vec::new(),
                    schedule,
                });
            }
        }
    }
    None
}

/// What a changed scenario must show besides a verified schedule: that an
/// override meant to add one working or open day added exactly that day
/// (`days+=DATE` on a row without `days` would instead take every other
/// day away, and is refused here).
#[derive(Debug, Clone, Copy)]
enum Guard {
    None,
    TeamWorks(TeamId, Day),
    VenueOpens(VenueId, Day),
}

impl Guard {
    fn holds(self, before: &Scenario, after: &Scenario) -> bool {
        let one_more = |was: &[bool], now: &[bool], day: Day| {
            let mut want = was.to_vec();
            want[day as usize] = true;
            now == want.as_slice()
        };
        match self {
            Guard::None => true,
            Guard::TeamWorks(t, day) => {
                one_more(&before.team(t).works, &after.teams[t.index()].works, day)
            }
            Guard::VenueOpens(v, day) => {
                one_more(&before.venue(v).open, &after.venues[v.index()].open, day)
            }
        }
    }
}

/// A change, the overrides that make it, and what the changed scenario must show.
type Candidate = (Change, Vec<String>, Guard);

/// Scenario changes a planner can make, cheapest first: widen the drill's
/// window; another day for a team that is off on a day the drill could run;
/// wider opening hours of the venue, then a closed day of it opened; raise
/// a team's daily limit (minutes or drills); keep one team fewer on
/// standby; and only then teams the city does not have.
///
/// A team from another district is no change at all: rule 4 lets any team
/// with the skill serve any district (`docs/scenario-format.md`; a team's
/// district only counts for standby), so the search already tried them.
pub(super) fn rule_changes(
    text: &str,
    scenario: &Scenario,
    placements: &[Option<Placement>],
    drill: DrillId,
    starts: &[(Day, u32)],
) -> Option<Suggestion> {
    let d = scenario.drill(drill);
    let skills: Vec<SkillId> = d
        .needs
        .iter()
        .filter_map(|n| match n {
            Need::Skill { skill, .. } => Some(*skill),
            Need::Team(_) => None,
        })
        .collect();
    let venue = scenario.venue(d.venue);
    let days: BTreeSet<Day> = starts.iter().map(|s| s.0).collect();
    let mut candidates: Vec<Candidate> = Vec::new();
    if let Some(w) = d.window {
        for minutes in (30..=600).step_by(30) {
            let at = |m: i64| {
                let date = scenario.start
                    + chrono::Duration::days(m.div_euclid(i64::from(MINUTES_PER_DAY)));
                format!(
                    "{date}T{}:00",
                    HhMm(m.rem_euclid(i64::from(MINUTES_PER_DAY)) as u32)
                )
            };
            let (from, to) = (w.from - minutes, w.to + minutes);
            candidates.push((
                Change::WidenWindow {
                    minutes: minutes as u32,
                },
                vec![format!(
                    "{}={{ from = {}, to = {} }}",
                    overrides::key(&["drill", &d.id, "window"]),
                    at(from),
                    at(to)
                )],
                Guard::None,
            ));
        }
    }
    candidates.extend(team_days(scenario, drill, &days));
    candidates.extend(wider_hours(scenario, drill));
    candidates.extend(venue_days(scenario, drill));
    candidates.extend(
        raised_limits(scenario, placements, drill, &days)
            .into_iter()
            .map(|(change, set)| (change, set, Guard::None)),
    );
    // Then what changes the city's teams: one fewer on standby, and last
    // of all teams it does not have (labelled as new in the change).
    for rule in scenario
        .standbys
        .iter()
        .filter(|r| skills.contains(&r.skill) && r.keep > 0)
    {
        let (district, skill) = (
            &scenario.districts[rule.district.index()].id,
            &scenario.skills[rule.skill.index()],
        );
        candidates.push((
            Change::KeepFewer {
                keep: rule.keep,
                skill: skill.clone(),
                district: scenario.district_label(rule.district).to_string(),
            },
            vec![format!(
                "{}={}",
                overrides::key(&["standby", district, skill, "keep"]),
                rule.keep - 1
            )],
            Guard::None,
        ));
    }
    let extra_team = |skill: SkillId, day: Day, n: usize| {
        let name = &scenario.skills[skill.index()];
        // A skill may hold what an id may not (`first aid`) and what a TOML
        // string must escape.
        let id_part: String = name
            .chars()
            .map(|c| match crate::scenario::is_id_char(c) {
                true => c,
                false => '-',
            })
            .collect();
        let quoted = overrides::string(name);
        let date = scenario.date(day);
        format!(
            "team+={{ id = \"extra-{id_part}-{}-{n}\", skills = [{quoted}], district = \"{}\", base = [{}, {}], days = [{date}] }}",
            date.format("%m%d"),
            scenario.districts[venue.district.index()].id,
            venue.location[0],
            venue.location[1]
        )
    };
    for &skill in &skills {
        for &day in &days {
            candidates.push((
                Change::AddTeam {
                    skill: scenario.skills[skill.index()].clone(),
                    date: scenario.date(day),
                    venue: venue.id.clone(),
                },
                vec![extra_team(skill, day, 1)],
                Guard::None,
            ));
        }
    }
    // Every need short at once: one new team per team the drill needs.
    if d.needs.len() > 1 || d.needs.iter().any(|n| n.count() > 1) {
        for &day in &days {
            let mut sets = Vec::new();
            let mut needs = Vec::new();
            for need in &d.needs {
                if let Need::Skill { skill, count } = *need {
                    for n in 1..=count {
                        sets.push(extra_team(skill, day, n as usize));
                    }
                    needs.push((count, scenario.skills[skill.index()].clone()));
                }
            }
            candidates.push((
                Change::AddTeams {
                    date: scenario.date(day),
                    venue: venue.id.clone(),
                    needs,
                },
                sets,
                Guard::None,
            ));
        }
    }
    candidates.into_iter().find_map(|(change, set, guard)| {
        let schedule = try_override(text, scenario, placements, drill, &set, guard)?;
        Some(Suggestion {
            change,
            set,
            schedule,
        })
    })
}

/// The ways to say in overrides that a row's `field` of dates off (`off`,
/// `closed`) no longer holds `date`, or that its `days` select it: the
/// first that applies and adds just that day is the one offered.
fn one_more_day(table: &str, id: &str, off: &str, date: chrono::NaiveDate) -> [Vec<String>; 3] {
    let off = format!("{}-={date}", overrides::key(&[table, id, off]));
    let days = format!("{}+={date}", overrides::key(&[table, id, "days"]));
    [vec![off.clone()], vec![days.clone()], vec![off, days]]
}

/// Another day: each team that could fill a need of `drill` but is off on
/// a day the drill could run (`days`, where its venue and window allow a
/// start), working that day; at most 30 of them, earliest day first.
fn team_days(scenario: &Scenario, drill: DrillId, days: &BTreeSet<Day>) -> Vec<Candidate> {
    let d = scenario.drill(drill);
    let mut out = Vec::new();
    let teams: Vec<TeamId> = scenario
        .team_ids()
        .filter(|&t| d.needs.iter().any(|n| n.accepts(scenario, t)))
        .collect();
    for &day in days {
        for &t in teams
            .iter()
            .filter(|&&t| !scenario.team(t).works[day as usize])
        {
            if out.len() >= 30 * 3 {
                return out;
            }
            let (id, date) = (&scenario.team(t).id, scenario.date(day));
            for set in one_more_day("team", id, "off", date) {
                let change = Change::TeamWorks {
                    team: id.clone(),
                    date,
                };
                out.push((change, set, Guard::TeamWorks(t, day)));
            }
        }
    }
    out
}

/// The venue's opening windows widened on each side, by 30 minutes up to
/// four hours, each within the day; windows that meet become one.
fn wider_hours(scenario: &Scenario, drill: DrillId) -> Vec<Candidate> {
    let venue = scenario.venue(scenario.drill(drill).venue);
    let now: Vec<(u32, u32)> = venue.hours.iter().map(|w| (w.start, w.end)).collect();
    let mut out = Vec::new();
    for minutes in [30, 60, 90, 120, 180, 240] {
        let mut wider: Vec<(u32, u32)> = Vec::new();
        for &(a, b) in &now {
            let (a, b) = (
                a.saturating_sub(minutes),
                (b + minutes).min(MINUTES_PER_DAY),
            );
            match wider.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => wider.push((a, b)),
            }
        }
        // Past the whole day, a wider step offers the same hours again.
        let same = match out.last() {
            Some((Change::WiderHours { hours, .. }, _, _)) => *hours == wider,
            _ => wider == now,
        };
        if same {
            break;
        }
        let listed: Vec<String> = wider
            .iter()
            .map(|&(a, b)| format!("\"{}-{}\"", HhMm(a), HhMm(b)))
            .collect();
        out.push((
            Change::WiderHours {
                venue: venue.id.clone(),
                minutes,
                hours: wider,
            },
            vec![format!(
                "{}=[{}]",
                overrides::key(&["venue", &venue.id, "hours"]),
                listed.join(", ")
            )],
            Guard::None,
        ));
    }
    out
}

/// Each plan day the drill's venue is closed (its `closed`, or not among
/// its `days`) and its window, if any, reaches, opened.
fn venue_days(scenario: &Scenario, drill: DrillId) -> Vec<Candidate> {
    let d = scenario.drill(drill);
    let venue = scenario.venue(d.venue);
    let per_day = i64::from(MINUTES_PER_DAY);
    let mut out = Vec::new();
    for day in 0..scenario.num_days {
        let reached = d.window.is_none_or(|w| {
            let start = i64::from(day) * per_day;
            w.from < start + per_day && start < w.to
        });
        if venue.open[day as usize] || !reached {
            continue;
        }
        let date = scenario.date(day);
        for set in one_more_day("venue", &venue.id, "closed", date) {
            let change = Change::VenueOpens {
                venue: venue.id.clone(),
                date,
            };
            out.push((change, set, Guard::VenueOpens(d.venue, day)));
        }
    }
    out
}

/// Each team that could fill a need of `drill` and whose daily limit keeps
/// it out on some day of `days`, with that limit raised just enough for
/// the drill on that day: smallest raise first, at most 20.
fn raised_limits(
    scenario: &Scenario,
    placements: &[Option<Placement>],
    drill: DrillId,
    days: &BTreeSet<Day>,
) -> Vec<(Change, Vec<String>)> {
    let d = scenario.drill(drill);
    let mut load: BTreeMap<(TeamId, Day), (u32, u32)> = BTreeMap::new();
    for (i, p) in placements.iter().enumerate() {
        if let Some(p) = p {
            for &t in &p.teams {
                let e = load.entry((t, p.day)).or_default();
                e.0 += 1;
                e.1 += scenario.drills[i].duration;
            }
        }
    }
    let mut raises: BTreeSet<(u32, TeamId, bool, u32, u32)> = BTreeSet::new();
    for t in scenario
        .team_ids()
        .filter(|&t| d.needs.iter().any(|n| n.accepts(scenario, t)))
    {
        let team = scenario.team(t);
        for &day in days.iter().filter(|&&day| team.works[day as usize]) {
            let (drills, minutes) = load.get(&(t, day)).copied().unwrap_or_default();
            if let Some(m) = team.max_minutes_per_day {
                if minutes + d.duration > m {
                    raises.insert((minutes + d.duration - m, t, true, m, minutes + d.duration));
                }
            }
            if let Some(m) = team.max_drills_per_day {
                if drills + 1 > m {
                    raises.insert((drills + 1 - m, t, false, m, drills + 1));
                }
            }
        }
    }
    raises
        .into_iter()
        .take(20)
        .map(|(_, t, minutes, from, to)| {
            let id = &scenario.team(t).id;
            let field = if minutes {
                "max_minutes_per_day"
            } else {
                "max_drills_per_day"
            };
            (
                Change::RaiseLimit {
                    team: id.clone(),
                    minutes,
                    from,
                    to,
                },
                vec![format!("{}={to}", overrides::key(&["team", id, field]))],
            )
        })
        .collect()
}

/// Applies the overrides `set` to the scenario, keeps every placement, and adds the drill
/// at its best start: the new schedule if the checker accepts it.
fn try_override(
    text: &str,
    scenario: &Scenario,
    placements: &[Option<Placement>],
    drill: DrillId,
    set: &[String],
    guard: Guard,
) -> Option<Schedule> {
    let changed_text = overrides::apply(text, set).ok()?;
    let changed = crate::scenario::parse("what-if", &changed_text).ok()?;
    // Ids are kept and rows only added, so indices carry over; check anyway.
    let same = changed.drills.len() == scenario.drills.len()
        && changed
            .drills
            .iter()
            .zip(&scenario.drills)
            .all(|(a, b)| a.id == b.id)
        && scenario
            .teams
            .iter()
            .zip(&changed.teams)
            .all(|(a, b)| a.id == b.id);
    if !same || !guard.holds(scenario, &changed) {
        return None;
    }
    let prepared = Prepared::new(&changed);
    let mut state = State::from_placements(&changed, &prepared, placements);
    let ins = state.best_insertion(drill, &prepared.starts[drill.index()], Noise::NONE)?;
    state.place(drill, ins.placement);
    verified(&changed, state.schedule(), drill)
}

/// The schedule, if it holds `drill` and the checker accepts it.
fn verified(scenario: &Scenario, schedule: Schedule, drill: DrillId) -> Option<Schedule> {
    let report = check(scenario, &schedule.entries(scenario), None);
    (report.is_feasible() && schedule.placement(drill).is_some()).then_some(schedule)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_hours_grow_each_window_within_the_day_and_join_those_that_meet() {
        let scenario = crate::scenario::parse(
            "t.toml",
            r#"
[plan]
start = 2027-06-21
end = 2027-06-21
[[district]]
id = "k"
[[venue]]
id = "school"
district = "k"
location = [45.59, 84.87]
hours = ["01:00-12:00", "15:30-23:00"]
[[team]]
id = "fire-1"
skills = ["fire"]
district = "k"
base = [45.59, 84.87]
[[drill]]
id = "evac"
venue = "school"
duration = 60
needs = [{ skill = "fire" }]
"#,
        )
        .unwrap();
        let drill = scenario.find_drill("evac").unwrap();
        // (minutes, hours, the override) of each offer.
        type Offer = (u32, Vec<(u32, u32)>, String);
        let offered: Vec<Offer> = wider_hours(&scenario, drill)
            .into_iter()
            .map(|(change, set, _)| match change {
                Change::WiderHours { minutes, hours, .. } => (minutes, hours, set.join(" ")),
                other => panic!("{other:?}"),
            })
            .collect();
        // 30 minutes: two windows, the first held at 00:30, the last at 23:30.
        assert_eq!(offered[0].0, 30);
        assert_eq!(offered[0].1, vec![(30, 750), (900, 1410)]);
        assert_eq!(
            offered[0].2,
            r#"venue.school.hours=["00:30-12:30", "15:00-23:30"]"#
        );
        // 120 minutes: they meet (14:00 and 13:30) and become one, within the day.
        let joined = offered.iter().find(|o| o.0 == 120).unwrap();
        assert_eq!(joined.1, vec![(0, 1440)]);
        assert_eq!(joined.2, r#"venue.school.hours=["00:00-24:00"]"#);
        // Nothing wider than the whole day is offered.
        assert!(offered.iter().all(|o| o.0 <= 120), "{offered:?}");
    }
}
