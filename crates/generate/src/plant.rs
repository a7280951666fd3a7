//! Planting: drills placed one by one into a schedule that stays feasible by
//! construction (exact travel, shifts, limits, venue capacity). Conflict sets
//! and standby rules are chosen afterwards, by `write`, so that the planted
//! schedule satisfies them.

use super::catalog::DrillTemplate;
use super::{Drill, Team, Venue, PLAN_DAYS};
use crate::scenario::time::MINUTES_PER_DAY;
use crate::scenario::travel::road_minutes;
use crate::scenario::{DEFAULT_DETOUR as DETOUR, DEFAULT_SPEED_KMH as SPEED_KMH};
use rand::seq::IndexedRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Where and when a planted drill runs, and who staffs it (need by need).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planted {
    pub day: u32,
    pub start: u32,
    /// Team indices, need by need in the order of the template's needs.
    pub teams: Vec<usize>,
}

const SLOT: u32 = 15;

fn travel(a: [f64; 2], b: [f64; 2]) -> u32 {
    road_minutes(a, b, SPEED_KMH, DETOUR)
}

#[derive(Clone, Copy)]
struct Visit {
    start: u32,
    end: u32,
    venue: usize,
}

/// Whether `team` can take a visit to `venue` during `[start, end)` on `day`.
fn fits(
    team: &Team,
    route: &[Visit],
    venues: &[Venue],
    venue: usize,
    start: u32,
    end: u32,
) -> bool {
    if route.len() as u32 >= team.max_drills {
        return false;
    }
    let at = route.partition_point(|v| v.start < start);
    let here = venues[venue].location;
    let (prev_end, prev_loc) = match at.checked_sub(1).map(|i| route[i]) {
        Some(p) => (p.end, venues[p.venue].location),
        None => (team.shift.0, team.base),
    };
    let (next_start, next_loc) = match route.get(at) {
        Some(n) => (n.start, venues[n.venue].location),
        None => (team.shift.1, team.base),
    };
    prev_end + travel(prev_loc, here) <= start && end + travel(here, next_loc) <= next_start
}

/// Plants `target` drills; `shared` teams (provincial ones) may serve in
/// every district, the others in their own.
pub(super) fn plant(
    rng: &mut ChaCha8Rng,
    venues: &[Venue],
    teams: &[Team],
    shared: &[usize],
    target: usize,
) -> Vec<Drill> {
    let days = PLAN_DAYS as usize;
    let mut routes: Vec<Vec<Visit>> = vec![Vec::new(); teams.len() * days];
    let mut venue_load: Vec<Vec<(u32, u32)>> = vec![Vec::new(); venues.len() * days];
    let mut teams_by_district: Vec<Vec<usize>> = Vec::new();
    for (i, t) in teams.iter().enumerate() {
        if teams_by_district.len() <= t.district {
            teams_by_district.resize(t.district + 1, Vec::new());
        }
        teams_by_district[t.district].push(i);
    }
    for list in &mut teams_by_district {
        let extra: Vec<usize> = shared
            .iter()
            .copied()
            .filter(|t| !list.contains(t))
            .collect();
        list.extend(extra);
    }
    let mut drills = Vec::with_capacity(target);
    let mut failures = 0;
    while drills.len() < target && failures < target * 20 + 100 {
        let v = rng.random_range(0..venues.len());
        let venue = &venues[v];
        let template = venue.kind.drills.choose(rng).unwrap();
        let local = teams_by_district
            .get(venue.district)
            .map_or(&[][..], |t| &t[..]);
        let mut placed = None;
        for _ in 0..12 {
            let day = rng.random_range(0..PLAN_DAYS);
            if !venue.kind.weekdays.is_empty() && !venue.kind.weekdays.contains(&(day % 7)) {
                continue;
            }
            let (w0, w1) = *venue.kind.hours.choose(rng).unwrap();
            if w1 - w0 < template.duration {
                continue;
            }
            let slots = (w1 - w0 - template.duration) / SLOT;
            let start = w0.div_ceil(SLOT) * SLOT + SLOT * rng.random_range(0..=slots);
            let end = start + template.duration;
            if end > w1 {
                continue;
            }
            let load = &venue_load[v * days + day as usize];
            let running = load.iter().filter(|(s, e)| *s < end && start < *e).count() as u32;
            if running >= venue.kind.capacity {
                continue;
            }
            if let Some(chosen) = staff(
                rng, template, local, teams, &routes, venues, v, day, start, end,
            ) {
                placed = Some((day, start, chosen));
                break;
            }
        }
        let Some((day, start, chosen)) = placed else {
            failures += 1;
            continue;
        };
        let end = start + template.duration;
        for &t in &chosen {
            let route = &mut routes[t * days + day as usize];
            let at = route.partition_point(|x| x.start < start);
            route.insert(
                at,
                Visit {
                    start,
                    end,
                    venue: v,
                },
            );
        }
        venue_load[v * days + day as usize].push((start, end));
        let serial = drills.len();
        let mut drill = plain_drill(rng, venues, v, template, serial);
        let first_team = chosen.first().copied();
        drill.planted = Some(Planted {
            day,
            start,
            teams: chosen,
        });
        drill.mandatory = rng.random_bool(0.03);
        drill.pin_team = if rng.random_bool(0.01) {
            first_team
        } else {
            None
        };
        drill.window_days = rng.random_bool(0.2).then(|| {
            (
                day.saturating_sub(rng.random_range(0..2)),
                (day + rng.random_range(0..2)).min(PLAN_DAYS - 1),
            )
        });
        drill.prefer_hours = rng
            .random_bool(0.3)
            .then(|| (start.saturating_sub(60), (end + 60).min(MINUTES_PER_DAY)));
        drills.push(drill);
    }
    drills
}

/// Chooses teams for the needs, at random among those that fit; `None` if some need cannot be met.
#[allow(clippy::too_many_arguments)]
fn staff(
    rng: &mut ChaCha8Rng,
    template: &DrillTemplate,
    local: &[usize],
    teams: &[Team],
    routes: &[Vec<Visit>],
    venues: &[Venue],
    venue: usize,
    day: u32,
    start: u32,
    end: u32,
) -> Option<Vec<usize>> {
    let days = PLAN_DAYS as usize;
    let mut chosen: Vec<usize> = Vec::new();
    for &(skill, count) in template.needs {
        let mut able: Vec<usize> = local
            .iter()
            .copied()
            .filter(|&t| {
                let team = &teams[t];
                team.skills.contains(&skill)
                    && team.works(day)
                    && !chosen.contains(&t)
                    && fits(
                        team,
                        &routes[t * days + day as usize],
                        venues,
                        venue,
                        start,
                        end,
                    )
            })
            .collect();
        if able.len() < count as usize {
            return None;
        }
        let mut picked = Vec::new();
        for _ in 0..count {
            let i = rng.random_range(0..able.len());
            picked.push(able.swap_remove(i));
        }
        picked.sort();
        chosen.extend(picked);
    }
    Some(chosen)
}

fn plain_drill(
    rng: &mut ChaCha8Rng,
    venues: &[Venue],
    venue: usize,
    template: &'static DrillTemplate,
    serial: usize,
) -> Drill {
    Drill {
        id: format!("{}-{}-{serial:05}", venues[venue].id, template.kind),
        name: format!("{}{}", venues[venue].name, template.name),
        venue,
        template,
        priority: (template.priority as i64 + rng.random_range(-1..=1)).max(1) as u64,
        planted: None,
        mandatory: false,
        pin_team: None,
        window_days: None,
        prefer_hours: None,
    }
}

/// A drill beyond the planted schedule: it competes for the same teams and slots.
pub(super) fn unplanted(
    rng: &mut ChaCha8Rng,
    venues: &[Venue],
    venue: usize,
    template: &'static DrillTemplate,
    serial: usize,
) -> Drill {
    let mut drill = plain_drill(rng, venues, venue, template, serial);
    drill.prefer_hours = rng.random_bool(0.3).then(|| {
        let (a, b) = venues[venue].kind.hours[0];
        (a, b)
    });
    drill
}
