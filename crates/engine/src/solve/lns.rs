//! Large-neighbourhood search: take out a few related drills, put them (and
//! unscheduled ones) back by cheapest insertion, keep the result if it is no
//! worse than before or than the schedule some moves ago (late acceptance,
//! which lets the search cross small valleys). Every move draws from a
//! generator seeded by (seed, move number), so a run is reproducible move
//! for move.

use super::eject;
use super::state::{Key, Noise, State};
use crate::scenario::{Day, DrillId};
use crate::schedule::Placement;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::cmp::Ordering;

/// Unscheduled drills re-tried per move beyond the ones it targets.
const EXTRA_RETRIES: usize = 8;

/// Starts an ejection tries for its drill before giving up the move.
const EJECTION_TRIES: usize = 3;

/// Keeps a kick's draws apart from the move of the same number.
const KICK_SALT: u64 = 0x6b69_636b;

/// What a move must not make worse to be kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acceptance {
    /// The schedule as scored: the required drills, coverage, priority,
    /// then the travel penalty.
    Score,
    /// The same without the travel penalty. On a plateau of equal
    /// priority the moves then walk instead of descending to the nearest
    /// low-travel schedule, and reach drills that a tighter schedule
    /// would have fitted.
    Priority,
}

pub struct Lns<'a> {
    pub seed: u64,
    /// The drills this search owns (one independent part of the scenario).
    pub drills: &'a [DrillId],
    /// Drills that fit in an empty plan; the others are never tried.
    pub placeable: &'a [bool],
}

impl Lns<'_> {
    /// One destroy-and-repair move. The result is kept if it is no worse
    /// than the schedule before or than `floor` (the late-acceptance
    /// threshold); otherwise it is undone. True when it was kept.
    pub fn step(
        &self,
        state: &mut State,
        iteration: u64,
        floor: &Key,
        acceptance: Acceptance,
    ) -> bool {
        let mut rng =
            ChaCha8Rng::seed_from_u64(self.seed ^ iteration.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let before = state.key();
        let unscheduled = self.unscheduled(state);
        let scheduled = self.scheduled(state);
        if scheduled.is_empty() && unscheduled.is_empty() {
            return false;
        }
        let (targets, victims) = match rng.random_range(0..6) {
            0 | 1 if !unscheduled.is_empty() => {
                self.around_unscheduled(state, &unscheduled, &mut rng)
            }
            5 if !unscheduled.is_empty() => self.ejection(state, &unscheduled, &mut rng),
            2 => (Vec::new(), self.time_window(state, &scheduled, &mut rng)),
            3 => (Vec::new(), self.team_day(state, &scheduled, &mut rng)),
            _ => {
                let mut some = scheduled.clone();
                some.shuffle(&mut rng);
                some.truncate(rng.random_range(2..=5));
                (Vec::new(), some)
            }
        };
        if victims.is_empty() && targets.is_empty() {
            return false;
        }
        let (removed, added) =
            self.destroy_and_repair(state, &mut rng, &targets, &victims, &unscheduled);
        let after = state.key();
        let threshold = if floor.compare(&before) == Ordering::Less {
            floor
        } else {
            &before
        };
        let verdict = match acceptance {
            Acceptance::Score => after.compare(threshold),
            Acceptance::Priority => after.compare_priority(threshold),
        };
        match verdict {
            Ordering::Greater | Ordering::Equal => true,
            Ordering::Less => {
                // Undo in reverse, so every intermediate state is one we had.
                for d in added.into_iter().rev() {
                    state.remove(d);
                }
                for (d, p) in removed.into_iter().rev() {
                    state.place(d, p);
                }
                debug_assert_eq!(state.key().compare(&before), Ordering::Equal);
                false
            }
        }
    }

    /// The part's drills that could run and are out, in the part's order.
    fn unscheduled(&self, state: &State) -> Vec<DrillId> {
        self.drills
            .iter()
            .copied()
            .filter(|&d| self.placeable[d.index()] && !state.is_placed(d))
            .collect()
    }

    /// The part's drills that are in, in the part's order.
    fn scheduled(&self, state: &State) -> Vec<DrillId> {
        self.drills
            .iter()
            .copied()
            .filter(|&d| state.is_placed(d))
            .collect()
    }

    /// Takes `victims` out, then puts them, `targets` and a few other
    /// unscheduled drills back by cheapest insertion, in an order and with
    /// noise drawn from `rng`. Returns what it took out (with where) and
    /// what it put in, in order, for an undo.
    fn destroy_and_repair(
        &self,
        state: &mut State,
        rng: &mut ChaCha8Rng,
        targets: &[DrillId],
        victims: &[DrillId],
        unscheduled: &[DrillId],
    ) -> (Vec<(DrillId, Placement)>, Vec<DrillId>) {
        let sc = state.scenario;
        let mut removed: Vec<(DrillId, Placement)> = Vec::new();
        for &d in victims {
            if state.can_remove(d) {
                removed.extend(state.remove(d).map(|p| (d, p)));
            }
        }
        let mut others: Vec<DrillId> = unscheduled
            .iter()
            .copied()
            .filter(|d| !targets.contains(d))
            .collect();
        others.shuffle(rng);
        others.truncate(EXTRA_RETRIES);
        let mut retry: Vec<DrillId> = removed
            .iter()
            .map(|(d, _)| *d)
            .chain(targets.iter().copied())
            .chain(others)
            .collect();
        retry.shuffle(rng);
        // The order decides who gets the scarce teams and slots: usually the
        // targets first and then by priority, sometimes by priority alone,
        // sometimes at random (required drills always first, then drills
        // that a short coverage need is waiting for).
        let short: Vec<DrillId> = retry
            .iter()
            .copied()
            .filter(|&d| state.helps_short(d))
            .collect();
        let required = |d: DrillId| (!sc.drill(d).is_required(), !short.contains(&d));
        let priority = |d: DrillId| std::cmp::Reverse(sc.drill(d).priority);
        match rng.random_range(0..10) {
            0..=5 => retry.sort_by_key(|&d| (required(d), !targets.contains(&d), priority(d))),
            6..=7 => retry.sort_by_key(|&d| (required(d), priority(d))),
            _ => retry.sort_by_key(|&d| required(d)),
        }
        let noise = match rng.random_range(0..4) {
            0 => Noise::NONE,
            k => Noise {
                seed: rng.random(),
                amplitude: 30 * k,
            },
        };
        let mut added = Vec::new();
        for d in retry {
            if state.is_placed(d) {
                continue;
            }
            // A drill this move took out goes back, on a province, among its
            // needs' nearest teams first: it had teams, and pricing the
            // hundreds that could reach it was most of a move's time. A
            // drill still out is priced against every team.
            let starts = &state.prepared.starts[d.index()];
            let was_in = removed.iter().any(|(r, _)| *r == d);
            let found = if was_in {
                state.best_insertion_nearby(d, starts, noise)
            } else {
                None
            };
            if let Some(ins) = found.or_else(|| state.best_insertion(d, starts, noise)) {
                state.place(d, ins.placement);
                added.push(d);
            }
        }
        (removed, added)
    }

    /// A kick out of a valley the moves cannot leave: a third of the
    /// scheduled drills (at least four) drawn at random, taken out and put
    /// back, kept whatever it costs. The moves then descend from there.
    pub fn kick(&self, state: &mut State, iteration: u64) {
        let mut rng = ChaCha8Rng::seed_from_u64(
            self.seed ^ iteration.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ KICK_SALT,
        );
        let mut scheduled = self.scheduled(state);
        let unscheduled = self.unscheduled(state);
        scheduled.shuffle(&mut rng);
        scheduled.truncate((scheduled.len() / 3).max(4));
        self.destroy_and_repair(state, &mut rng, &[], &scheduled, &unscheduled);
    }

    /// An unscheduled drill and the scheduled drills in its way at one of its starts.
    fn around_unscheduled(
        &self,
        state: &State,
        unscheduled: &[DrillId],
        rng: &mut ChaCha8Rng,
    ) -> (Vec<DrillId>, Vec<DrillId>) {
        let sc = state.scenario;
        let target = *unscheduled
            .choose_weighted(rng, |&d| {
                sc.drill(d).priority as f64
                    * if sc.drill(d).is_required() || state.helps_short(d) {
                        100.0
                    } else {
                        1.0
                    }
            })
            .unwrap_or(&unscheduled[0]);
        let starts = &state.prepared.starts[target.index()];
        let Some(&(day, start)) = starts.choose(rng) else {
            return (Vec::new(), Vec::new());
        };
        let drill = sc.drill(target);
        let (lo, hi) = (start.saturating_sub(180), start + drill.duration + 180);
        let teams = &state.prepared.any_team[target.index()];
        // Half the time look beyond the start's day: freeing a team can mean
        // moving its drill to another day, and that day's drills too.
        let any_day = rng.random_bool(0.5);
        let mut victims: Vec<DrillId> = self
            .drills
            .iter()
            .copied()
            .filter(|&d| {
                let Some(p) = state.placement(d) else {
                    return false;
                };
                let near = p.day == day && p.start < hi && p.start + sc.drill(d).duration > lo;
                if !near && !any_day {
                    return false;
                }
                let other = sc.drill(d);
                other.venue == drill.venue
                    || other.conflicts.iter().any(|c| drill.conflicts.contains(c))
                    || p.teams.iter().any(|t| teams.binary_search(t).is_ok())
            })
            .collect();
        victims.shuffle(rng);
        victims.truncate(rng.random_range(1..=6));
        (vec![target], victims)
    }

    /// An unscheduled drill and the fewest lower-priority drills that keep
    /// it out at one of its starts (tried at a few starts).
    fn ejection(
        &self,
        state: &mut State,
        unscheduled: &[DrillId],
        rng: &mut ChaCha8Rng,
    ) -> (Vec<DrillId>, Vec<DrillId>) {
        let sc = state.scenario;
        let target = *unscheduled
            .choose_weighted(rng, |&d| sc.drill(d).priority as f64)
            .unwrap_or(&unscheduled[0]);
        let starts = &state.prepared.starts[target.index()];
        for _ in 0..EJECTION_TRIES {
            let Some(&(day, start)) = starts.choose(rng) else {
                break;
            };
            if let Some(victims) = eject::blockers(state, self.drills, target, day, start) {
                return (vec![target], victims);
            }
        }
        (Vec::new(), Vec::new())
    }

    /// Every drill in a few hours of one day, capped.
    fn time_window(
        &self,
        state: &State,
        scheduled: &[DrillId],
        rng: &mut ChaCha8Rng,
    ) -> Vec<DrillId> {
        let Some(&pivot) = scheduled.choose(rng) else {
            return Vec::new();
        };
        let p = state.placement(pivot).cloned().unwrap();
        let (lo, hi) = (p.start.saturating_sub(120), p.start + 180);
        let mut victims: Vec<DrillId> = scheduled
            .iter()
            .copied()
            .filter(|&d| {
                state.placement(d).is_some_and(|q| {
                    q.day == p.day
                        && q.start < hi
                        && q.start + state.scenario.drill(d).duration > lo
                })
            })
            .collect();
        victims.shuffle(rng);
        victims.truncate(rng.random_range(2..=10));
        victims
    }

    /// The drills of one team on one day and those sharing its teams: reshapes routes.
    fn team_day(&self, state: &State, scheduled: &[DrillId], rng: &mut ChaCha8Rng) -> Vec<DrillId> {
        let Some(&pivot) = scheduled.choose(rng) else {
            return Vec::new();
        };
        let p = state.placement(pivot).cloned().unwrap();
        let Some(&team) = p.teams.choose(rng) else {
            return vec![pivot];
        };
        let day: Day = p.day;
        let mut victims: Vec<DrillId> = state
            .routes()
            .visits(team, day)
            .iter()
            .map(|v| v.drill)
            .collect();
        if rng.random_bool(0.5) {
            // Also a drill that could swap teams with these: same day, shared teams.
            let extra: Vec<DrillId> = scheduled
                .iter()
                .copied()
                .filter(|&d| {
                    state.placement(d).is_some_and(|q| q.day == day) && !victims.contains(&d)
                })
                .collect();
            if let Some(&e) = extra.choose(rng) {
                victims.push(e);
            }
        }
        victims
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenerateOptions};
    use crate::scenario::{parse, Scenario};
    use crate::solve::candidates::Prepared;
    use crate::solve::construct;

    /// Forty drills for four teams: about twice what they can carry, so
    /// every move competes for teams.
    fn oversubscribed() -> Scenario {
        let g = generate(&GenerateOptions {
            drills: 40,
            teams: Some(4),
            seed: 7,
            tightness: 0.5,
            ..GenerateOptions::default()
        });
        parse("over.toml", &g.toml).unwrap()
    }

    fn placements(state: &State) -> Vec<Option<Placement>> {
        state.placements().to_vec()
    }

    /// Runs `moves` steps from the greedy schedule; `floor` gives the
    /// acceptance threshold of each move from the key before it.
    fn run(
        s: &Scenario,
        prepared: &Prepared,
        seed: u64,
        moves: u64,
        each: impl FnMut(&State, &State, bool),
        floor: impl Fn(&Key) -> Key,
    ) -> Vec<Option<Placement>> {
        run_accepting(s, prepared, seed, moves, Acceptance::Score, each, floor)
    }

    fn run_accepting(
        s: &Scenario,
        prepared: &Prepared,
        seed: u64,
        moves: u64,
        acceptance: Acceptance,
        mut each: impl FnMut(&State, &State, bool),
        floor: impl Fn(&Key) -> Key,
    ) -> Vec<Option<Placement>> {
        let drills: Vec<DrillId> = s.drill_ids().collect();
        let placeable = vec![true; drills.len()];
        let mut state = State::new(s, prepared, None);
        construct::greedy(&mut state, &drills, &placeable);
        let lns = Lns {
            seed,
            drills: &drills,
            placeable: &placeable,
        };
        for it in 0..moves {
            let before = state.clone();
            let kept = lns.step(&mut state, it, &floor(&before.key()), acceptance);
            each(&before, &state, kept);
        }
        placements(&state)
    }

    #[test]
    fn a_move_held_to_the_schedule_it_was_given_never_makes_it_worse() {
        let s = oversubscribed();
        let prepared = Prepared::new(&s);
        let (mut kept_any, mut undone_any) = (false, false);
        run(
            &s,
            &prepared,
            3,
            300,
            |before, after, kept| {
                assert_ne!(after.key().compare(&before.key()), Ordering::Less);
                if kept {
                    kept_any = true;
                } else {
                    undone_any = true;
                    // An undone move leaves every placement as it was.
                    assert_eq!(placements(after), placements(before));
                }
            },
            |k| *k,
        );
        assert!(kept_any && undone_any, "both outcomes were exercised");
    }

    #[test]
    fn a_walking_move_keeps_the_priority_but_not_always_the_travel() {
        let s = oversubscribed();
        let prepared = Prepared::new(&s);
        let mut walked_up = 0;
        run_accepting(
            &s,
            &prepared,
            3,
            300,
            Acceptance::Priority,
            |before, after, kept| {
                let (b, a) = (before.key(), after.key());
                assert_ne!(a.compare_priority(&b), Ordering::Less);
                if !kept {
                    assert_eq!(placements(after), placements(before));
                } else if a.compare_priority(&b) == Ordering::Equal && a.penalty > b.penalty {
                    walked_up += 1;
                }
            },
            |k| *k,
        );
        // Held to the score, these moves would have been undone.
        assert!(walked_up > 0, "no kept move raised the travel");
    }

    /// A kick moves drills whatever it costs (a third are taken out), the same
    /// way for the same seed and move, and leaves a schedule the checker
    /// accepts (the search then descends from it).
    #[test]
    fn a_kick_moves_a_third_of_the_drills_the_same_way_each_time() {
        let s = oversubscribed();
        let prepared = Prepared::new(&s);
        let drills: Vec<DrillId> = s.drill_ids().collect();
        let placeable = vec![true; drills.len()];
        let mut start = State::new(&s, &prepared, None);
        construct::greedy(&mut start, &drills, &placeable);
        let lns = Lns {
            seed: 9,
            drills: &drills,
            placeable: &placeable,
        };
        let kicked = |it: u64| {
            let mut state = start.clone();
            lns.kick(&mut state, it);
            state
        };
        let (once, again, other) = (kicked(5_000), kicked(5_000), kicked(10_000));
        assert_eq!(placements(&once), placements(&again));
        assert_ne!(
            placements(&once),
            placements(&other),
            "the move number drives the kick"
        );
        // Cheapest insertion puts some back where they were, not all.
        let moved = drills
            .iter()
            .filter(|&&d| start.placement(d) != once.placement(d))
            .count();
        assert!(moved > 0, "the kick changed nothing");
        let report = crate::check::check(&s, &once.schedule().entries(&s), None);
        assert!(report.is_feasible(), "{:?}", report.violations);
    }

    #[test]
    fn the_same_seed_gives_the_same_moves() {
        let s = oversubscribed();
        let prepared = Prepared::new(&s);
        let once = run(&s, &prepared, 11, 200, |_, _, _| {}, |k| *k);
        let again = run(&s, &prepared, 11, 200, |_, _, _| {}, |k| *k);
        let other = run(&s, &prepared, 12, 200, |_, _, _| {}, |k| *k);
        assert_eq!(once, again);
        assert_ne!(once, other, "the seed drives the moves");
    }

    #[test]
    fn a_drill_taken_out_is_put_back_or_counted_as_unscheduled() {
        // A floor of nothing accepts every move, so drills taken out and not
        // put back stay out: the key and the checker must both see it.
        let s = oversubscribed();
        let prepared = Prepared::new(&s);
        let nothing = |_: &Key| Key {
            required: 0,
            short: u64::MAX,
            priority: 0,
            penalty: f64::INFINITY,
        };
        let mut lost_any = false;
        let last = run(
            &s,
            &prepared,
            5,
            200,
            |before, after, _| {
                let priority_of = |st: &State| -> u64 {
                    s.drill_ids()
                        .filter(|&d| st.is_placed(d))
                        .map(|d| s.drill(d).priority)
                        .sum()
                };
                assert_eq!(after.key().priority, priority_of(after));
                lost_any |= s
                    .drill_ids()
                    .any(|d| before.is_placed(d) && !after.is_placed(d));
            },
            nothing,
        );
        assert!(lost_any, "some move left a drill out");
        let mut state = State::new(&s, &prepared, None);
        for (i, p) in last.into_iter().enumerate() {
            if let Some(p) = p {
                state.place(DrillId(i as u32), p);
            }
        }
        let schedule = state.schedule();
        let report = crate::check::check(&s, &schedule.entries(&s), None);
        assert!(report.is_feasible(), "{:?}", report.violations);
        assert_eq!(report.score.priority, state.key().priority);
    }
}
