//! Exhaustive branch and bound over one small part: every drill in or out,
//! every start, every set of teams. It runs when the search has stalled
//! short of the relaxation's bound, and either finds a better schedule or
//! proves that none exists, so a small plan can be called optimal even where
//! the relaxation is loose.
//!
//! Work is counted in feasibility evaluations, not seconds, so the result is
//! the same on every machine; past the budget the search gives up its proof
//! (but keeps any better schedule it found).

use super::state::State;
use crate::scenario::DrillId;
use crate::schedule::Placement;

/// Evaluations (one drill at one start) the search may spend on one part.
pub const EVALUATION_BUDGET: u64 = 400_000;

/// Team sets tried per drill and start; past it the proof is given up.
const STAFFINGS_PER_START: usize = 200;

/// What the exhaustive search established.
#[derive(Debug, Clone, PartialEq)]
pub struct Proof {
    /// A schedule of the part with every required drill, no coverage need
    /// short, and more priority than the incumbent, if one was found.
    pub better: Option<Vec<(DrillId, Placement)>>,
    /// The best priority over all schedules with every required drill and
    /// no coverage need short, when the search finished; `Some(None)`
    /// proves that no such schedule exists.
    pub optimum: Option<Option<u64>>,
}

/// Searches the schedules of `drills` (those marked `placeable`). `incumbent`
/// is the priority of a known schedule with every required drill (and no
/// coverage need short), if there is one; only strictly better schedules are reported. `ceiling` is a known
/// upper bound: reaching it ends the search. `monotone` says whether placing
/// a drill can only take options from others (true unless travel overrides
/// break the triangle inequality); only then may a drill with no option now
/// be counted out for the rest of the branch. `interrupted` is polled now and
/// then; an interrupted search proves nothing.
///
/// The state must hold no drill of `drills` and is left as it was found.
#[allow(clippy::too_many_arguments)]
pub fn search(
    state: &mut State,
    drills: &[DrillId],
    placeable: &[bool],
    incumbent: Option<u64>,
    ceiling: u64,
    monotone: bool,
    budget: u64,
    interrupted: &dyn Fn() -> bool,
) -> Proof {
    let sc = state.scenario;
    let mut order: Vec<DrillId> = drills
        .iter()
        .copied()
        .filter(|d| placeable[d.index()])
        .collect();
    // Required drills first (they prune the most), then by priority: good
    // schedules come early, and the optimistic bound falls fastest.
    order.sort_by_key(|&d| {
        let drill = sc.drill(d);
        (
            !drill.is_required(),
            std::cmp::Reverse(drill.priority),
            state.prepared.starts[d.index()].len(),
            d,
        )
    });
    // Drills that cannot be placed at all must not stop a proof; unplaceable
    // required drills make every schedule infeasible.
    if drills
        .iter()
        .any(|&d| !placeable[d.index()] && sc.drill(d).is_required())
    {
        return Proof {
            better: None,
            optimum: Some(None),
        };
    }
    let mut run = Run {
        order: &order,
        monotone,
        best: incumbent,
        best_placements: None,
        ceiling,
        evaluations: 0,
        budget,
        aborted: false,
        skipped_staffings: false,
        polls: 0,
        interrupted,
        placed: Vec::with_capacity(order.len()),
    };
    run.dfs(state, 0, 0);
    // Meeting the ceiling proves optimality whatever was skipped.
    let proven = run.done() || (!run.aborted && !run.skipped_staffings);
    Proof {
        optimum: proven.then_some(run.best),
        better: run.best_placements,
    }
}

struct Run<'a> {
    order: &'a [DrillId],
    monotone: bool,
    best: Option<u64>,
    best_placements: Option<Vec<(DrillId, Placement)>>,
    ceiling: u64,
    evaluations: u64,
    budget: u64,
    /// Set when the budget ran out or the caller interrupted.
    aborted: bool,
    /// Set when some start had too many team sets to try.
    skipped_staffings: bool,
    polls: u64,
    interrupted: &'a dyn Fn() -> bool,
    placed: Vec<(DrillId, Placement)>,
}

impl Run<'_> {
    fn out_of_work(&mut self) -> bool {
        self.polls += 1;
        if !self.aborted
            && (self.evaluations > self.budget || (self.polls % 256 == 0 && (self.interrupted)()))
        {
            self.aborted = true;
        }
        self.aborted
    }

    fn done(&self) -> bool {
        self.best.is_some_and(|b| b >= self.ceiling)
    }

    /// Whether drill `d` has any start and staffing in the current state.
    fn fits_somewhere(&mut self, state: &State, d: DrillId) -> bool {
        state.prepared.starts[d.index()]
            .iter()
            .any(|&(day, start)| {
                self.evaluations += 1;
                state.evaluate(d, day, start).is_ok()
            })
    }

    fn dfs(&mut self, state: &mut State, i: usize, priority: u64) {
        if self.out_of_work() || self.done() {
            return;
        }
        let sc = state.scenario;
        if i == self.order.len() {
            // Rule 12: a leaf short of a coverage need is no schedule.
            if state.coverage_short() == 0 && self.best.is_none_or(|b| priority > b) {
                self.best = Some(priority);
                self.best_placements = Some(self.placed.clone());
            }
            return;
        }
        // What the rest could add at most. With monotone rules a drill that
        // fits nowhere now never will in this branch.
        let mut optimistic = priority;
        let mut here_fits = true;
        let short = state.coverage_short() > 0;
        // Per coverage need: the drills still to decide that could hold it.
        let mut could_cover = vec![0u32; if short { state.prepared.cover.len() } else { 0 }];
        for (k, &d) in self.order[i..].iter().enumerate() {
            let fits = !self.monotone || self.fits_somewhere(state, d);
            if k == 0 {
                here_fits = fits;
            }
            if fits {
                optimistic += sc.drill(d).priority;
                if short {
                    for &n in &state.prepared.cover_of[d.index()] {
                        could_cover[n as usize] += 1;
                    }
                }
            } else if sc.drill(d).is_required() {
                return;
            }
        }
        if short
            && state
                .short_needs()
                .any(|n| state.covered(n) + could_cover[n] < state.prepared.cover[n].min)
        {
            return;
        }
        if self.best.is_some_and(|b| optimistic <= b) {
            return;
        }
        let d = self.order[i];
        if here_fits {
            for &(day, start) in &state.prepared.starts[d.index()] {
                self.evaluations += 1;
                let options = match state.staffings(d, day, start, STAFFINGS_PER_START) {
                    Err(_) => continue,
                    Ok(None) => {
                        // Too many team sets to try them all: no proof.
                        self.skipped_staffings = true;
                        continue;
                    }
                    Ok(Some(options)) => options,
                };
                for p in options {
                    state.place(d, p.clone());
                    self.placed.push((d, p));
                    self.dfs(state, i + 1, priority + sc.drill(d).priority);
                    self.placed.pop();
                    state.remove(d);
                    if self.out_of_work() || self.done() {
                        return;
                    }
                }
            }
        }
        if !sc.drill(d).is_required() {
            self.dfs(state, i + 1, priority);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{parse, Scenario};
    use crate::solve::candidates::Prepared;

    /// The metamorphic test's case from CI: the day relaxation allows 9, the
    /// optimum is 8 (t0 can take one drill, and x0 needs it with both medics).
    const LOOSE: &str = r#"
[plan]
start = 2017-06-19
end = 2017-06-19
slot_minutes = 60
[travel]
speed_kmh = 30.0
detour = 1.0
[[district]]
id = "d"
[[venue]]
id = "v0"
district = "d"
location = [45, 84]
capacity = 1
hours = ["09:00-14:00"]
[[venue]]
id = "v1"
district = "d"
location = [45, 84.05]
capacity = 1
hours = ["10:00-18:00"]
[[team]]
id = "t0"
skills = ["fire"]
district = "d"
base = [45, 84]
hours = "07:00-15:00"
max_drills_per_day = 1
[[team]]
id = "t1"
skills = ["fire", "medical"]
district = "d"
base = [45, 84.1]
hours = "07:00-15:00"
max_drills_per_day = 2
[[team]]
id = "t2"
skills = ["medical"]
district = "d"
base = [45, 84.1]
hours = "10:00-20:00"
max_drills_per_day = 2
[[drill]]
id = "x0"
venue = "v0"
duration = 60
priority = 2
needs = [{ team = "t0" }, { skill = "medical", count = 2 }]
[[drill]]
id = "x1"
venue = "v0"
duration = 60
priority = 1
needs = [{ skill = "fire", count = 1 }]
[[drill]]
id = "x2"
venue = "v0"
duration = 60
priority = 4
needs = [{ skill = "medical", count = 1 }]
[[drill]]
id = "x3"
venue = "v1"
duration = 120
priority = 2
needs = [{ skill = "fire", count = 1 }]
"#;

    fn run(s: &Scenario, incumbent: Option<u64>, ceiling: u64, budget: u64) -> Proof {
        let prepared = Prepared::new(s);
        let mut state = State::new(s, &prepared, None);
        let drills: Vec<DrillId> = s.drill_ids().collect();
        let placeable = vec![true; drills.len()];
        search(
            &mut state,
            &drills,
            &placeable,
            incumbent,
            ceiling,
            true,
            budget,
            &|| false,
        )
    }

    fn priority_of(s: &Scenario, placements: &[(DrillId, Placement)]) -> u64 {
        placements.iter().map(|(d, _)| s.drill(*d).priority).sum()
    }

    #[test]
    fn finds_and_proves_the_optimum_below_a_loose_ceiling() {
        let s = parse("loose.toml", LOOSE).unwrap();
        let proof = run(&s, None, 9, EVALUATION_BUDGET);
        assert_eq!(proof.optimum, Some(Some(8)));
        let better = proof.better.expect("a schedule");
        assert_eq!(priority_of(&s, &better), 8);
        // Its placements pass the independent checker.
        let mut schedule = crate::schedule::Schedule::empty(&s);
        for (d, p) in better {
            schedule.placements[d.index()] = Some(p);
        }
        assert!(crate::check::check(&s, &schedule.entries(&s), None).is_feasible());
    }

    #[test]
    fn with_the_optimum_in_hand_it_only_proves() {
        let s = parse("loose.toml", LOOSE).unwrap();
        let proof = run(&s, Some(8), 9, EVALUATION_BUDGET);
        assert_eq!(proof.optimum, Some(Some(8)));
        assert_eq!(proof.better, None);
    }

    #[test]
    fn out_of_budget_it_proves_nothing() {
        let s = parse("loose.toml", LOOSE).unwrap();
        let proof = run(&s, Some(7), 9, 5);
        assert_eq!(proof.optimum, None);
    }

    #[test]
    fn proves_that_required_drills_cannot_all_be_placed() {
        // Both mandatory drills need a fire team; t0, with one drill a day,
        // is the only one left.
        let text = LOOSE
            .replace("priority = 1\n", "priority = 1\nmandatory = true\n")
            .replace(
                "id = \"x3\"\nvenue = \"v1\"\nduration = 120\npriority = 2\n",
                "id = \"x3\"\nvenue = \"v1\"\nduration = 120\npriority = 2\nmandatory = true\n",
            )
            .replace("skills = [\"fire\", \"medical\"]", "skills = [\"medical\"]");
        let s = parse("required.toml", &text).unwrap();
        let proof = run(&s, None, 9, EVALUATION_BUDGET);
        assert_eq!(proof.optimum, Some(None), "{text}");
        assert_eq!(proof.better, None);
    }
}
