//! Why a drill is not in the schedule, as a value (`crate::reason`) built
//! from what the engine finds; `lang` puts it in words.

use super::state::routes::Visit;
use super::state::{Blocker, State};
use crate::reason::{
    Broken, Busy, BusyTeam, ConflictInUse, NeedOf, ShortNeed, Slot, Stated, TeamsTaken, Unplaced,
};
use crate::scenario::time::MINUTES_PER_DAY;
use crate::scenario::travel::Point;
use crate::scenario::{Day, DrillId, Need, Scenario, Team, TeamId};
use crate::schedule::Placement;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Why each drill that `placements` (a feasible schedule) leaves out is
/// out, as `solve` says it of its own schedules; `None` for scheduled drills.
///
/// ```
/// use drillplan_engine::solve::explain::reasons;
/// use drillplan_model::reason::Unplaced;
/// use drillplan_model::schedule::Placement;
///
/// // Two drills for the one hour of one venue, which takes one at a time.
/// # let text = r#"
/// # [plan]
/// # start = 2017-06-19
/// # end = 2017-06-19
/// # [[district]]
/// # id = "karamay"
/// # [[venue]]
/// # id = "school"
/// # district = "karamay"
/// # location = [45.58, 84.88]
/// # hours = ["08:00-09:00"]
/// # [[team]]
/// # id = "fire-1"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[team]]
/// # id = "fire-2"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[drill]]
/// # id = "evacuation"
/// # venue = "school"
/// # duration = 60
/// # priority = 5
/// # needs = [{ skill = "fire" }]
/// # [[drill]]
/// # id = "smoke"
/// # venue = "school"
/// # duration = 60
/// # priority = 3
/// # needs = [{ skill = "fire" }]
/// # "#;
/// let scenario = drillplan_model::scenario::parse("plan.toml", text).unwrap();
/// let (evacuation, smoke) = (scenario.find_drill("evacuation").unwrap(), scenario.find_drill("smoke").unwrap());
/// let mut placements = vec![None; scenario.drills.len()];
/// placements[evacuation.index()] = Some(Placement { day: 0, start: 8 * 60, teams: vec![scenario.find_team("fire-1").unwrap()] });
/// let why = reasons(&scenario, &placements);
/// assert_eq!(why[evacuation.index()], None);
/// assert!(matches!(&why[smoke.index()], Some(Unplaced::NoRoom { venue_full: Some(_), .. })), "{why:?}");
/// ```
pub fn reasons(scenario: &Scenario, placements: &[Option<Placement>]) -> Vec<Option<Unplaced>> {
    let prepared = super::candidates::Prepared::new(scenario);
    let empty = State::new(scenario, &prepared, None);
    let mut state = State::from_placements(scenario, &prepared, placements);
    scenario
        .drill_ids()
        .map(|d| {
            placements[d.index()].is_none().then(|| {
                let starts = &prepared.starts[d.index()];
                if starts
                    .iter()
                    .any(|&(day, s)| empty.evaluate(d, day, s).is_ok())
                {
                    match contention_reason(&state, d) {
                        room @ Unplaced::NoRoom { .. } => {
                            coverage_reason(&mut state, d).unwrap_or(room)
                        }
                        other => other,
                    }
                } else {
                    no_start_reason(scenario, d, starts).unwrap_or_else(|| alone_reason(&empty, d))
                }
            })
        })
        .collect()
}

/// How each pinned start of `drill` breaks rules 1-3, said as the checker
/// says it of a schedule (with the date and time, so that a start typed in
/// another year shows as such); empty when every pinned start keeps them
/// and only their disagreeing leaves the drill no start.
fn pin_breaks(sc: &Scenario, drill: DrillId) -> Vec<Broken> {
    let d = sc.drill(drill);
    let mut out = Vec::new();
    for &seconds in d.pin.iter().flat_map(|p| &p.starts) {
        let (date, start) = sc.moment(seconds.div_euclid(60), false);
        out.extend(start_breaks(sc, drill, date, start));
    }
    out
}

/// Why the pinned starts of `drill` leave it no start, rules 1-3 being
/// kept without them: a start that breaks one, one that is not a whole
/// minute, or two pins that disagree (each fine alone).
fn pin_reason(sc: &Scenario, drill: DrillId) -> Unplaced {
    let broken = pin_breaks(sc, drill);
    if !broken.is_empty() {
        return Unplaced::PinnedStartInvalid { broken };
    }
    let starts = sc.drill(drill).pin.iter().flat_map(|p| &p.starts);
    if let Some(&seconds) = starts.clone().find(|s| s.rem_euclid(60) != 0) {
        let (date, start) = sc.moment(seconds.div_euclid(60), false);
        return Unplaced::PinnedStartSeconds {
            date,
            start,
            seconds: seconds.rem_euclid(60) as u32,
        };
    }
    let mut distinct: Vec<(NaiveDate, u32)> =
        starts.map(|s| sc.moment(s.div_euclid(60), false)).collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() > 1 {
        return Unplaced::PinnedStartsDisagree { starts: distinct };
    }
    Unplaced::PinnedStartInvalid { broken }
}

/// How drill `drill` at `start` on `date` breaks rules 1-3 (the plan's
/// days, the time grid, the venue's days and hours, the drill's window).
pub(crate) fn start_breaks(
    sc: &Scenario,
    drill: DrillId,
    date: NaiveDate,
    start: u32,
) -> Vec<Broken> {
    let d = sc.drill(drill);
    let venue = sc.venue(d.venue);
    let at = Stated {
        drill: d.id.clone(),
        date,
        start,
        end: start + d.duration,
    };
    let Some(day) = sc.day_of(date) else {
        let meant = sc.in_plan_year(date);
        return vec![Broken::NotPlanDay { at, meant }];
    };
    let mut out = Vec::new();
    if start % sc.slot_minutes != 0 {
        out.push(Broken::OffGrid {
            at: at.clone(),
            slot: sc.slot_minutes,
        });
    }
    if start + d.duration > MINUTES_PER_DAY {
        out.push(Broken::PastMidnight { at: at.clone() });
    }
    if !venue.open[day as usize] {
        out.push(Broken::VenueClosed {
            at: at.clone(),
            venue: venue.id.clone(),
        });
    } else if !venue
        .hours
        .iter()
        .any(|w| w.start <= start && start + d.duration <= w.end)
    {
        out.push(Broken::OutsideHours {
            at: at.clone(),
            venue: venue.id.clone(),
            hours: venue.hours.iter().map(|w| (w.start, w.end)).collect(),
        });
    }
    if let Some(win) = d.window {
        let begins = i64::from(day) * i64::from(MINUTES_PER_DAY) + i64::from(start);
        if begins < win.from || begins + i64::from(d.duration) > win.to {
            out.push(Broken::OutsideWindow {
                at,
                from: sc.moment(win.from, false),
                to: sc.moment(win.to, true),
            });
        }
    }
    out
}

/// Why `drill` has no start at all (rules 1-3 and its pin), or `None` if it has some.
pub fn no_start_reason(sc: &Scenario, drill: DrillId, starts: &[(Day, u32)]) -> Option<Unplaced> {
    if !starts.is_empty() {
        return None;
    }
    let d = sc.drill(drill);
    let venue = sc.venue(d.venue);
    let open_days = venue.open.iter().filter(|&&o| o).count();
    let longest = venue.hours.iter().map(|w| w.len()).max().unwrap_or(0);
    // The pin is to blame only when rules 1-3 would leave a start without
    // it: a pinned start in a window too short for the drill breaks rule 3
    // too, and moving the pin would not help.
    let pin_alone = d.pin.as_ref().is_some_and(|p| !p.starts.is_empty())
        && !super::candidates::unpinned_starts(sc, drill).is_empty();
    Some(if pin_alone {
        pin_reason(sc, drill)
    } else if open_days == 0 {
        Unplaced::VenueNeverOpen {
            venue: venue.id.clone(),
            name: venue.name.clone(),
        }
    } else if d.duration > longest {
        Unplaced::LongerThanOpening {
            minutes: d.duration,
            venue: venue.id.clone(),
            longest,
        }
    } else if d.window.is_some() {
        Unplaced::WindowTooShort {
            venue: venue.id.clone(),
            minutes: d.duration,
        }
    } else {
        Unplaced::NoGridStart
    })
}

/// Why a drill that has starts cannot run even in an empty plan.
pub fn alone_reason(state: &State, drill: DrillId) -> Unplaced {
    let sc = state.scenario;
    let d = sc.drill(drill);
    let venue = sc.venue(d.venue);
    let starts = &state.prepared.starts[drill.index()];
    let days: Vec<Day> = {
        let mut v: Vec<Day> = starts.iter().map(|s| s.0).collect();
        v.dedup();
        v
    };
    let reaches = |t: TeamId| {
        starts.iter().any(|&(day, start)| {
            state
                .routes()
                .insertion_cost(sc, t, day, Visit::of(sc, drill, start))
                .is_some()
        })
    };
    // A pinned team must be among the drill's teams: one that fills no need,
    // never works on a day the drill could run, or can reach the venue and
    // return in its shift at no start keeps the drill out whoever else could
    // serve, so the pin is named before the counts of the others. A pinned
    // team whose daily minutes are too few is left to that rule's reason.
    let pinned = d.pin.as_ref().map_or(&[][..], |p| &p.teams[..]);
    let cannot_serve = |t: TeamId| {
        let team = sc.team(t);
        !d.needs.iter().any(|n| n.accepts(sc, t))
            || !days.iter().any(|&day| team.works[day as usize])
            || (team.max_minutes_per_day.is_none_or(|m| m >= d.duration)
                && !starts.iter().any(|&(day, start)| {
                    state
                        .routes()
                        .insertion_cost(sc, t, day, Visit::of(sc, drill, start))
                        .is_some()
                }))
    };
    if pinned.iter().any(|&t| cannot_serve(t)) {
        return Unplaced::PinnedTeamsCannotServe;
    }
    if let Some(one) = one_rule_reason(state, drill, &days, &reaches) {
        return one;
    }
    for need in &d.needs {
        // Every team that has the skill (or is the named team), before any
        // pruning by travel, so counts are what a planner sees in the file.
        let teams: Vec<TeamId> = sc.team_ids().filter(|&t| need.accepts(sc, t)).collect();
        let (of, count) = need_of(sc, need);
        if teams.len() < count as usize {
            return Unplaced::TooFewTeams {
                need: of,
                count,
                have: teams.len(),
            };
        }
        let working = days
            .iter()
            .map(|&day| {
                teams
                    .iter()
                    .filter(|t| sc.team(**t).works[day as usize])
                    .count()
            })
            .max()
            .unwrap_or(0);
        if working < count as usize {
            return Unplaced::TooFewWorking {
                need: of,
                count,
                working,
                venue: venue.id.clone(),
            };
        }
        // The limits that bind before any travel: a drill longer than a
        // team's daily drill minutes or than its whole shift is out of its
        // reach wherever it is based, so the reason names that rule.
        let [_, _, within, long] = need_stages(sc, drill, need, &days);
        if within.len() < count as usize {
            return Unplaced::LongerThanDailyMinutes {
                need: of,
                count,
                within: within.len(),
                minutes: d.duration,
            };
        }
        if long.len() < count as usize {
            return Unplaced::LongerThanShifts {
                need: of,
                count,
                within: long.len(),
                minutes: d.duration,
            };
        }
        let reach = starts
            .iter()
            .map(|&(day, start)| {
                long.iter()
                    .filter(|&&t| {
                        state
                            .routes()
                            .insertion_cost(sc, t, day, Visit::of(sc, drill, start))
                            .is_some()
                    })
                    .count()
            })
            .max()
            .unwrap_or(0);
        if reach < count as usize {
            return Unplaced::TooFewReach {
                need: of,
                count,
                reach,
                venue: venue.id.clone(),
            };
        }
    }
    if let Some(joint) = joint_reason(state, drill, &days) {
        return joint;
    }
    // A team of a standby group serves whatever need it fills, so the group
    // teams a drill must take are those its needs cannot fill from outside
    // the group (not only the places that ask for the group's skill), with
    // the outside teams that could serve it at some start.
    let counts: Vec<u32> = d.needs.iter().map(|n| need_of(sc, n).1).collect();
    let total: u32 = counts.iter().sum();
    for rule in &sc.standbys {
        let outside: Vec<Vec<TeamId>> = d
            .needs
            .iter()
            .map(|need| {
                sc.team_ids()
                    .filter(|&t| {
                        need.accepts(sc, t) && rule.group.binary_search(&t).is_err() && reaches(t)
                    })
                    .collect()
            })
            .collect();
        let sets: Vec<&[TeamId]> = outside.iter().map(|o| &o[..]).collect();
        let in_group = total - assignable(&sets, &counts);
        if in_group > 0 && rule.available() < in_group {
            return Unplaced::StandbyTooStrict {
                keep: rule.keep,
                group: rule.group.len(),
                skill: sc.skills[rule.skill.index()].clone(),
                district: sc.district_label(rule.district).to_string(),
            };
        }
    }
    // After the standby rules, which bind whoever is pinned: a pin is to
    // blame only when the rules alone would leave the drill a staffing.
    if d.pin.as_ref().is_some_and(|p| !p.teams.is_empty()) {
        return Unplaced::PinnedTeamsCannotServe;
    }
    Unplaced::NoStaffing
}

/// Which rules keep each team out of `drill`: days off, daily minutes,
/// shift length, reach, and a standby group kept whole. When lifting one of
/// the first four alone would let teams enough in for every need at once,
/// that rule is named, whatever the order of the checks in `alone_reason`
/// (a team off that day and another whose shift is too short is not a
/// daily-minutes matter); `None` when no single rule does it or none is
/// short.
fn one_rule_reason(
    state: &State,
    drill: DrillId,
    days: &[Day],
    reaches: &dyn Fn(TeamId) -> bool,
) -> Option<Unplaced> {
    let sc = state.scenario;
    let d = sc.drill(drill);
    let venue = sc.venue(d.venue);
    let fails = |t: TeamId| -> [bool; 5] {
        let team = sc.team(t);
        let off = !days.iter().any(|&day| team.works[day as usize]);
        let minutes = team.max_minutes_per_day.is_some_and(|m| m < d.duration);
        let len = team.shift.end.saturating_sub(team.shift.start);
        let shift = len < d.duration;
        let trip = 2 * sc.travel.between(Point::Base(t), Point::Venue(d.venue)) + d.duration;
        let reach = if off || minutes || shift {
            len < trip
        } else {
            !reaches(t)
        };
        // A team whose whole standby group is kept never drills: lifting
        // another of its rules would not free it.
        let kept = sc
            .standbys
            .iter()
            .any(|r| r.available() == 0 && r.group.binary_search(&t).is_ok());
        [off, minutes, shift, reach, kept]
    };
    let counts: Vec<u32> = d.needs.iter().map(|n| need_of(sc, n).1).collect();
    let total: u32 = counts.iter().sum();
    let teams: Vec<Vec<(TeamId, [bool; 5])>> = d
        .needs
        .iter()
        .map(|need| {
            sc.team_ids()
                .filter(|&t| need.accepts(sc, t))
                .map(|t| (t, fails(t)))
                .collect()
        })
        .collect();
    // The teams of each need that only rule `r` keeps out, or none.
    let lifted = |r: Option<usize>| -> Vec<Vec<TeamId>> {
        teams
            .iter()
            .map(|ts| {
                ts.iter()
                    .filter(|(_, f)| f.iter().enumerate().all(|(i, &x)| !x || Some(i) == r))
                    .map(|(t, _)| *t)
                    .collect()
            })
            .collect()
    };
    let sets_of = |v: &[Vec<TeamId>]| -> u32 {
        let sets: Vec<&[TeamId]> = v.iter().map(|s| &s[..]).collect();
        assignable(&sets, &counts)
    };
    // A pinned team must be among them, so lifting `r` must free it too.
    let pinned = d.pin.as_ref().map_or(&[][..], |p| &p.teams[..]);
    let frees = |r: Option<usize>| {
        sets_of(&lifted(r)) >= total
            && pinned.iter().all(|&t| {
                fails(t)
                    .iter()
                    .enumerate()
                    .all(|(i, &x)| !x || Some(i) == r)
            })
    };
    if frees(None) {
        return None;
    }
    let able = lifted(None);
    let r = (0..4).find(|&r| frees(Some(r)))?;
    // The first need its own able teams cannot fill, else the first.
    let n = (0..d.needs.len())
        .find(|&n| (able[n].len() as u32) < counts[n])
        .unwrap_or(0);
    let (need, count) = need_of(sc, &d.needs[n]);
    let left = able[n].len();
    Some(match r {
        0 => Unplaced::TooFewWorking {
            need,
            count,
            working: left,
            venue: venue.id.clone(),
        },
        1 => Unplaced::LongerThanDailyMinutes {
            need,
            count,
            within: left,
            minutes: d.duration,
        },
        2 => Unplaced::LongerThanShifts {
            need,
            count,
            within: left,
            minutes: d.duration,
        },
        _ => Unplaced::TooFewReach {
            need,
            count,
            reach: left,
            venue: venue.id.clone(),
        },
    })
}

/// The teams a need of `drill` may take, narrowed by the limits that bind
/// before any travel, one after the other: those that have the skill (or
/// are the named team), those of them working on one of `days`, those whose
/// daily drill minutes hold the drill, and those whose shift does.
fn need_stages(sc: &Scenario, drill: DrillId, need: &Need, days: &[Day]) -> [Vec<TeamId>; 4] {
    let d = sc.drill(drill);
    let teams: Vec<TeamId> = sc.team_ids().filter(|&t| need.accepts(sc, t)).collect();
    let narrowed = |from: &[TeamId], keep: &dyn Fn(&Team) -> bool| -> Vec<TeamId> {
        from.iter().copied().filter(|&t| keep(sc.team(t))).collect()
    };
    let working = narrowed(&teams, &|t| days.iter().any(|&day| t.works[day as usize]));
    let within = narrowed(&working, &|t| {
        t.max_minutes_per_day.is_none_or(|m| m >= d.duration)
    });
    let long = narrowed(&within, &|t| {
        t.shift.end.saturating_sub(t.shift.start) >= d.duration
    });
    [teams, working, within, long]
}

/// Why the needs of `drill` fail together though each has teams enough on
/// its own: two needs count on the same team. The filters are tried in the
/// order `alone_reason` tries them on one need (skills, working days, daily
/// minutes, shift length, reach); the first at which no assignment of
/// distinct teams fills every need is named, with the need it cut and the
/// teams left for that need once the others have theirs.
fn joint_reason(state: &State, drill: DrillId, days: &[Day]) -> Option<Unplaced> {
    let sc = state.scenario;
    let d = sc.drill(drill);
    let venue = sc.venue(d.venue);
    let counts: Vec<u32> = d.needs.iter().map(|n| need_of(sc, n).1).collect();
    let total: u32 = counts.iter().sum();
    let stages: Vec<[Vec<TeamId>; 4]> = d
        .needs
        .iter()
        .map(|need| need_stages(sc, drill, need, days))
        .collect();
    // The need the filter narrowed (from `before` teams to the `after` sets),
    // with the places of the needs sharing its teams and how many distinct
    // teams those needs have between them: "needs 2 with skill fire, only 1"
    // for two needs of one fire team each. Failing that, what is left for it.
    let named = |before: &dyn Fn(usize) -> usize, after: &[&[TeamId]], filled: u32| {
        let n = (0..d.needs.len())
            .find(|&n| after[n].len() < before(n))
            .unwrap_or(0);
        let (of, count) = need_of(sc, &d.needs[n]);
        let sharing: Vec<usize> = (0..d.needs.len())
            .filter(|&m| m == n || after[m].iter().any(|t| after[n].contains(t)))
            .collect();
        let places: u32 = sharing.iter().map(|&m| counts[m]).sum();
        let mut union: Vec<TeamId> = sharing.iter().flat_map(|&m| after[m].to_vec()).collect();
        union.sort();
        union.dedup();
        if (union.len() as u32) < places {
            // Places counted together are said as teams of a skill among
            // them: a named team holds one place, and "needs 3 team(s)
            // named t1" says nothing true of `t1` plus two fire teams.
            let of = sharing
                .iter()
                .map(|&m| need_of(sc, &d.needs[m]).0)
                .find(|o| matches!(o, NeedOf::Skill(_)))
                .unwrap_or(of);
            (of, places, union.len())
        } else {
            (of, count, (filled + count).saturating_sub(total) as usize)
        }
    };
    for stage in 0..4 {
        let sets: Vec<&[TeamId]> = stages.iter().map(|s| &s[stage][..]).collect();
        let filled = assignable(&sets, &counts);
        if filled >= total {
            continue;
        }
        let before = |n: usize| {
            if stage == 0 {
                usize::MAX
            } else {
                stages[n][stage - 1].len()
            }
        };
        let (need, count, left) = named(&before, &sets, filled);
        return Some(match stage {
            0 => Unplaced::TooFewTeams {
                need,
                count,
                have: left,
            },
            1 => Unplaced::TooFewWorking {
                need,
                count,
                working: left,
                venue: venue.id.clone(),
            },
            2 => Unplaced::LongerThanDailyMinutes {
                need,
                count,
                within: left,
                minutes: d.duration,
            },
            _ => Unplaced::LongerThanShifts {
                need,
                count,
                within: left,
                minutes: d.duration,
            },
        });
    }
    let starts = &state.prepared.starts[drill.index()];
    let mut best: Option<(u32, Vec<Vec<TeamId>>)> = None;
    for &(day, start) in starts {
        let visit = Visit::of(sc, drill, start);
        let reach: Vec<Vec<TeamId>> = stages
            .iter()
            .map(|s| {
                s[3].iter()
                    .copied()
                    .filter(|&t| state.routes().insertion_cost(sc, t, day, visit).is_some())
                    .collect()
            })
            .collect();
        let sets: Vec<&[TeamId]> = reach.iter().map(|r| &r[..]).collect();
        let filled = assignable(&sets, &counts);
        if filled >= total {
            return None;
        }
        if best.as_ref().is_none_or(|(f, _)| filled > *f) {
            best = Some((filled, reach));
        }
    }
    let (filled, reach) = best?;
    let sets: Vec<&[TeamId]> = reach.iter().map(|r| &r[..]).collect();
    let (need, count, left) = named(&|n| stages[n][3].len(), &sets, filled);
    Some(Unplaced::TooFewReach {
        need,
        count,
        reach: left,
        venue: venue.id.clone(),
    })
}

/// How many of the needs' places (need `n` has `counts[n]`, open to the
/// teams `sets[n]`) distinct teams can fill at once: a largest matching.
fn assignable(sets: &[&[TeamId]], counts: &[u32]) -> u32 {
    let places: Vec<usize> = counts
        .iter()
        .enumerate()
        .flat_map(|(n, &c)| std::iter::repeat_n(n, c as usize))
        .collect();
    let mut holder: BTreeMap<TeamId, usize> = BTreeMap::new();
    fn augment(
        p: usize,
        places: &[usize],
        sets: &[&[TeamId]],
        holder: &mut BTreeMap<TeamId, usize>,
        seen: &mut Vec<TeamId>,
    ) -> bool {
        for &t in sets[places[p]] {
            if seen.contains(&t) {
                continue;
            }
            seen.push(t);
            let free = match holder.get(&t) {
                None => true,
                Some(&q) => augment(q, places, sets, holder, seen),
            };
            if free {
                holder.insert(t, p);
                return true;
            }
        }
        false
    }
    (0..places.len())
        .filter(|&p| augment(p, &places, sets, &mut holder, &mut Vec::new()))
        .count() as u32
}

/// A need as reasons name it, and how many teams it takes.
pub fn need_of(sc: &Scenario, need: &Need) -> (NeedOf, u32) {
    match *need {
        Need::Skill { skill, count } => (NeedOf::Skill(sc.skills[skill.index()].clone()), count),
        Need::Team(t) => (NeedOf::Team(sc.team(t).id.clone()), 1),
    }
}

/// Why a drill that could run alone found no room in this schedule.
pub fn contention_reason(state: &State, drill: DrillId) -> Unplaced {
    let sc = state.scenario;
    let starts = &state.prepared.starts[drill.index()];
    let mut venue_full = 0;
    let mut conflicts: BTreeMap<String, (usize, Vec<String>)> = BTreeMap::new();
    let mut staffing = 0;
    let mut staffing_example: Option<(Day, u32)> = None;
    for &(day, start) in starts {
        match state.evaluate(drill, day, start) {
            Ok(_) => {}
            Err(Blocker::VenueFull) => venue_full += 1,
            Err(Blocker::Conflict(c, other)) => {
                let e = conflicts
                    .entry(sc.conflicts[c.index()].name.clone())
                    .or_default();
                e.0 += 1;
                let id = sc.drill(other).id.clone();
                if !e.1.contains(&id) && e.1.len() < 3 {
                    e.1.push(id);
                }
            }
            Err(Blocker::Staffing) => {
                staffing += 1;
                staffing_example.get_or_insert((day, start));
            }
        }
    }
    let teams = staffing_example.map(|(day, start)| TeamsTaken {
        starts: staffing,
        of: starts.len(),
        date: sc.date(day),
        start,
        short: short_need(state, drill, day, start, |n, _| {
            state.prepared.need_teams[drill.index()][n].clone()
        }),
    });
    let conflicts: Vec<ConflictInUse> = conflicts
        .into_iter()
        .map(|(name, (starts, by))| ConflictInUse { name, starts, by })
        .collect();
    let venue_full =
        (venue_full > 0).then(|| (venue_full, sc.venue(sc.drill(drill).venue).id.clone()));
    if teams.is_none() && conflicts.is_empty() && venue_full.is_none() {
        return Unplaced::LeftOutBySearch;
    }
    Unplaced::NoRoom {
        teams,
        conflicts,
        venue_full,
    }
}

/// Starts tried per drill, at most, in `coverage_reason`: a count, not a
/// clock, so the reasons of a schedule never depend on the machine's load.
const COVERAGE_PROBES: usize = 1_000;

/// Why a drill with no room is out when rule 12 is what keeps it out: every
/// drill whose removal alone would let it in is one a coverage row needs
/// at its minimum, in a district where `drill` cannot stand in for it.
/// `None` when some other drill could give way, when none alone could, or
/// when the probes run out before the answer is sure.
pub fn coverage_reason(state: &mut State, drill: DrillId) -> Option<Unplaced> {
    let sc = state.scenario;
    let prepared = state.prepared;
    if prepared.cover.is_empty() {
        return None;
    }
    let d = sc.drill(drill);
    let starts = &prepared.starts[drill.index()];
    let mut days: Vec<Day> = starts.iter().map(|s| s.0).collect();
    days.dedup();
    let teams: Vec<TeamId> = {
        let mut v: Vec<TeamId> = prepared.need_teams[drill.index()].concat();
        v.sort();
        v.dedup();
        v
    };
    // The need a placed drill holds at its minimum that `drill` does not count towards.
    let held = |state: &State, b: DrillId| {
        prepared.cover_of[b.index()]
            .iter()
            .map(|&i| i as usize)
            .find(|&i| {
                state.covered(i) <= prepared.cover[i].min
                    && !prepared.cover_of[drill.index()].contains(&(i as u32))
            })
    };
    // Only a drill sharing the venue, a conflict set or a team can be in the way.
    let candidates: Vec<DrillId> = sc
        .drill_ids()
        .filter(|&b| {
            let Some(p) = state.placement(b) else {
                return false;
            };
            let other = sc.drill(b);
            b != drill
                && days.contains(&p.day)
                && !other.is_required()
                && (other.venue == d.venue
                    || other.conflicts.iter().any(|c| d.conflicts.contains(c))
                    || p.teams.iter().any(|t| teams.binary_search(t).is_ok()))
                && state.can_remove(b)
        })
        .collect();
    let (holders, others): (Vec<DrillId>, Vec<DrillId>) = candidates
        .into_iter()
        .partition(|&b| held(&*state, b).is_some());
    if holders.is_empty() {
        return None;
    }
    let mut probes = 0;
    // Whether taking `b` out alone frees a start; `None` when out of probes.
    let mut frees = |state: &mut State, b: DrillId| -> Option<bool> {
        let p = state.remove(b)?;
        let mut found = Some(false);
        for &(day, start) in starts.iter().filter(|s| s.0 == p.day) {
            probes += 1;
            if probes > COVERAGE_PROBES {
                found = None;
                break;
            }
            if state.evaluate(drill, day, start).is_ok() {
                found = Some(true);
                break;
            }
        }
        state.place(b, p);
        found
    };
    let mut need = None;
    let mut by = Vec::new();
    for &b in &holders {
        let i = held(&*state, b)?;
        if need.is_some_and(|n| n != i) || by.len() == 3 {
            continue;
        }
        if frees(state, b)? {
            need = Some(i);
            by.push(sc.drill(b).id.clone());
        }
    }
    let need = need?;
    for &b in &others {
        if frees(state, b)? {
            return None;
        }
    }
    let n = &prepared.cover[need];
    Some(Unplaced::HeldByCoverage {
        row: sc.coverage[n.row].name.clone(),
        district: sc.district_label(n.district).to_string(),
        min: n.min,
        by,
    })
}

/// The first need of `drill` without enough free teams at one start, with
/// what keeps each of its other teams; `None` when every need has enough.
/// `teams_of(n, need)` lists the teams that could fill need `n` at all.
pub fn short_need(
    state: &State,
    drill: DrillId,
    day: Day,
    start: u32,
    teams_of: impl Fn(usize, &Need) -> Vec<TeamId>,
) -> Option<ShortNeed> {
    let sc = state.scenario;
    let d = sc.drill(drill);
    let visit = Visit::of(sc, drill, start);
    for (n, need) in d.needs.iter().enumerate() {
        let teams = teams_of(n, need);
        let free: Vec<TeamId> = teams
            .iter()
            .copied()
            .filter(|&t| state.routes().insertion_cost(sc, t, day, visit).is_some())
            .collect();
        let (of, count) = need_of(sc, need);
        if free.len() >= count as usize {
            continue;
        }
        let busy = teams
            .iter()
            .filter(|t| !free.contains(t))
            .map(|&t| BusyTeam {
                team: sc.team(t).id.clone(),
                busy: busy(state, drill, t, day, visit),
            })
            .collect();
        return Some(ShortNeed {
            need: of,
            count,
            free: free.len(),
            of: teams.len(),
            busy,
        });
    }
    None
}

/// What keeps team `t` from `visit` of `drill` on `day`, the team not being free.
fn busy(state: &State, drill: DrillId, t: TeamId, day: Day, visit: Visit) -> Busy {
    let sc = state.scenario;
    let team = sc.team(t);
    if !team.works[day as usize] {
        return Busy::Off;
    }
    let visits = state.routes().visits(t, day);
    if team
        .max_drills_per_day
        .is_some_and(|m| visits.len() as u32 >= m)
    {
        return Busy::DayFull {
            drills: visits.len(),
        };
    }
    if let Some(max) = team.max_minutes_per_day {
        let minutes = state.routes().minutes(t, day);
        if minutes + (visit.end - visit.start) > max {
            return Busy::MinutesFull { minutes, max };
        }
    }
    // Its drills around that time: the ones in its way.
    let near: Vec<Slot> = visits
        .iter()
        .filter(|v| v.start < visit.end + 180 && visit.start < v.end + 180)
        .map(|v| Slot {
            drill: sc.drill(v.drill).id.clone(),
            start: v.start,
            end: v.end,
        })
        .collect();
    if !near.is_empty() {
        return Busy::In(near);
    }
    Busy::CannotFit {
        shift: (team.shift.start, team.shift.end),
        from_base: sc
            .travel
            .between(Point::Base(t), Point::Venue(sc.drill(drill).venue)),
    }
}
