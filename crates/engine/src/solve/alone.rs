//! The never-placeable analysis: the days on which each drill fits in an
//! empty plan. Each drill's days are worked out once, by whichever thread
//! asks first, and are the same whoever computes them (they depend on the
//! drill and the empty plan alone). So the construction can ask for a drill
//! the analysis has not reached yet, and the analysis of optional drills can
//! run beside the construction on the core it leaves idle, without the
//! schedule depending on which of the two got there first.

use super::candidates::Prepared;
use super::phase;
use super::state::State;
use crate::scenario::{Day, DrillId, Scenario};
use std::sync::OnceLock;

/// Drills per step of the analysis between checks of the budget.
const ANALYSIS_CHUNK: usize = 128;

pub(super) struct Alone<'s> {
    empty: State<'s>,
    /// The same empty plan staffed from each need's nearest teams: where a
    /// drill fits with those it fits, and a province's drill has hundreds
    /// of teams in its whole lists.
    empty_nearby: State<'s>,
    days: Vec<OnceLock<Vec<Day>>>,
}

impl<'s> Alone<'s> {
    pub(super) fn new(scenario: &'s Scenario, prepared: &'s Prepared) -> Self {
        Alone {
            empty: State::new(scenario, prepared, None),
            empty_nearby: State::new(scenario, prepared, None).nearest_teams_only(),
            days: (0..scenario.drills.len())
                .map(|_| OnceLock::new())
                .collect(),
        }
    }

    /// The days on which `d` fits in an empty plan, worked out now if no
    /// thread has yet.
    pub(super) fn days(&self, d: DrillId) -> &[Day] {
        self.days[d.index()].get_or_init(|| {
            let nearby = self.empty.prepared.nearest[d.index()].is_some();
            days_of(&self.empty, nearby.then_some(&self.empty_nearby), d)
        })
    }

    /// Whether `d` fits in an empty plan on some day.
    pub(super) fn placeable(&self, d: DrillId) -> bool {
        !self.days(d).is_empty()
    }

    /// Whether `d` was analysed already.
    pub(super) fn known(&self, d: DrillId) -> bool {
        self.days[d.index()].get().is_some()
    }

    /// Whether `d` may run, for deciding which parts have anything to
    /// search: analysed now while `keep_going` says so; past that, a drill
    /// not analysed counts as fitting wherever it has a start, as the
    /// bound takes it.
    pub(super) fn may_run(&self, d: DrillId, keep_going: &dyn Fn() -> bool) -> bool {
        if self.known(d) || keep_going() {
            self.placeable(d)
        } else {
            !self.empty.prepared.starts[d.index()].is_empty()
        }
    }

    /// Analyses `drills` in order, in parallel a chunk at a time, while
    /// `keep_going` says so; returns how many it reached.
    pub(super) fn analyse(
        &self,
        drills: &[DrillId],
        keep_going: &dyn Fn() -> bool,
        report: &dyn Fn(u64, u64),
    ) -> usize {
        let total = drills.len();
        let mut sink: Vec<()> = Vec::with_capacity(total);
        phase::in_chunks(
            total,
            ANALYSIS_CHUNK,
            &|_| keep_going(),
            &|done| report(done as u64, total as u64),
            &mut sink,
            &|i| {
                self.days(drills[i]);
            },
        )
    }

    /// Every drill's days, and whether it was analysed. A drill not
    /// analysed (the run stopped first) is taken to fit on every day it has
    /// a start, which keeps the bound valid.
    pub(super) fn finish(self) -> (Vec<Vec<Day>>, Vec<bool>) {
        let starts = &self.empty.prepared.starts;
        self.days
            .into_iter()
            .zip(starts)
            .map(|(days, starts)| match days.into_inner() {
                Some(days) => (days, true),
                None => {
                    let mut days: Vec<Day> = starts.iter().map(|s| s.0).collect();
                    days.dedup();
                    (days, false)
                }
            })
            .unzip()
    }
}

/// The days on which `d` fits in `empty`, a state with nothing placed;
/// asked first of `nearby` (the same plan, fewer teams) when given.
fn days_of(empty: &State, nearby: Option<&State>, d: DrillId) -> Vec<Day> {
    let starts = &empty.prepared.starts[d.index()];
    let mut days: Vec<Day> = Vec::new();
    let mut minutes: Vec<u32> = Vec::new();
    for (k, &(day, start)) in starts.iter().enumerate() {
        minutes.push(start);
        let last_of_day = starts.get(k + 1).is_none_or(|next| next.0 != day);
        if last_of_day {
            let fits = nearby.is_some_and(|n| n.fits_on_day(d, day, &minutes))
                || empty.fits_on_day(d, day, &minutes);
            if fits {
                days.push(day);
            }
            minutes.clear();
        }
    }
    days
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenerateOptions};
    use crate::schedule::Placement;
    use crate::solve::construct;

    /// A generated city with overrides, plus one drill longer than its
    /// venue's opening (never placeable), built with every drill analysed
    /// first, with none (the construction asks drill by drill), and with a
    /// second thread analysing them in reverse order beside it: the same
    /// first schedule, and the same days for every drill.
    #[test]
    fn the_first_schedule_does_not_depend_on_when_drills_are_analysed() {
        let g = generate(&GenerateOptions {
            drills: 240,
            teams: Some(30),
            districts: Some(2),
            seed: 11,
            overrides: 20,
            ..GenerateOptions::default()
        });
        let s = crate::scenario::parse("g.toml", &g.toml).unwrap();
        let venue = s.venues[0].id.clone();
        let text = format!(
            "{}\n[[drill]]\nid = \"marathon\"\nvenue = \"{venue}\"\nduration = 1400\npriority = 9\nneeds = [{{ skill = \"fire\" }}]\n",
            g.toml
        );
        let s = crate::scenario::parse("g.toml", &text).unwrap();
        let marathon = s.find_drill("marathon").unwrap();
        let prepared = Prepared::new(&s);
        let drills: Vec<DrillId> = s.drill_ids().collect();
        let build = |alone: &Alone| -> Vec<Option<Placement>> {
            let mut state = State::new(&s, &prepared, None);
            let placeable = |d: DrillId| alone.placeable(d);
            let untried = construct::first_schedule(
                &mut state,
                &drills,
                &placeable,
                None,
                3,
                &|| true,
                &|| {},
            );
            assert!(untried.is_empty());
            state.placements().to_vec()
        };

        let first = Alone::new(&s, &prepared);
        assert_eq!(first.analyse(&drills, &|| true, &|_, _| {}), drills.len());
        let analysed_first = build(&first);
        let on_demand = Alone::new(&s, &prepared);
        let analysed_on_demand = build(&on_demand);
        let beside = Alone::new(&s, &prepared);
        let analysed_beside = std::thread::scope(|scope| {
            scope.spawn(|| {
                for &d in drills.iter().rev() {
                    beside.days(d);
                }
            });
            build(&beside)
        });

        assert!(analysed_first.iter().filter(|p| p.is_some()).count() > 100);
        assert!(analysed_first[marathon.index()].is_none());
        assert_eq!(analysed_first, analysed_on_demand);
        assert_eq!(analysed_first, analysed_beside);
        assert!(!first.placeable(marathon));
        let (days, analysed) = first.finish();
        assert!(analysed.iter().all(|&a| a));
        let (beside_days, _) = beside.finish();
        assert_eq!(days, beside_days);
    }

    /// A drill the run stopped before analysing counts as fitting on every
    /// day it has a start, so the bound stays one.
    #[test]
    fn a_drill_not_analysed_fits_wherever_it_has_a_start() {
        let g = generate(&GenerateOptions {
            drills: 40,
            teams: Some(10),
            districts: Some(1),
            seed: 2,
            ..GenerateOptions::default()
        });
        let s = crate::scenario::parse("g.toml", &g.toml).unwrap();
        let prepared = Prepared::new(&s);
        let alone = Alone::new(&s, &prepared);
        let d = DrillId(0);
        assert!(alone.may_run(d, &|| false));
        assert!(!alone.known(d), "a stopped run does not analyse");
        let (days, analysed) = alone.finish();
        let mut with_start: Vec<Day> = prepared.starts[0].iter().map(|s| s.0).collect();
        with_start.dedup();
        assert!(!with_start.is_empty());
        assert_eq!(days[0], with_start);
        assert!(analysed.iter().all(|&a| !a));
    }
}
