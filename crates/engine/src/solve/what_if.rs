//! A what-if (`solve --set`) against the unchanged scenario, told so that
//! search noise cannot pass for the change's effect.
//!
//! Two searches under a work limit each stop somewhere short of the best
//! penalty, so a stricter scenario could come out cheaper by chance. Three
//! things keep that from being reported as the change's effect:
//! - the changed scenario starts from the unchanged one's schedule wherever
//!   it still fits (`warm_start`), so its search only has to improve on it;
//! - the changed schedule, if it fits the unchanged scenario as well (as it
//!   always does after a strictly stricter change), is scored there too, and
//!   the better of the two is the reference (`on_original`): the comparison
//!   is between the best plans known for each scenario;
//! - the difference is classed by what both runs prove (`compare`): exact
//!   when it is proven, or else within a band that the priority and penalty
//!   bounds of both runs put on the difference between the two optima.

use crate::check::check;
use crate::scenario::Scenario;
use crate::schedule::{Placement, Schedule};

/// `schedule`, a schedule of `from`, as placements of `to`: each drill by
/// its id, on the same date at the same time, with the teams of the same
/// ids. The second result says whether every scheduled drill carried over
/// (none lost its drill, date or a team in `to`).
pub fn carry(
    from: &Scenario,
    schedule: &Schedule,
    to: &Scenario,
) -> (Vec<Option<Placement>>, bool) {
    let mut out = vec![None; to.drills.len()];
    let mut whole = true;
    for d in from.drill_ids() {
        let Some(p) = schedule.placement(d) else {
            continue;
        };
        let carried = (|| {
            let drill = to.find_drill(&from.drill(d).id)?;
            let day = to.day_of(from.date(p.day))?;
            let teams = p
                .teams
                .iter()
                .map(|&t| to.find_team(&from.team(t).id))
                .collect::<Option<Vec<_>>>()?;
            Some((
                drill,
                Placement {
                    day,
                    start: p.start,
                    teams,
                },
            ))
        })();
        match carried {
            Some((drill, p)) => out[drill.index()] = Some(p),
            None => whole = false,
        }
    }
    (out, whole)
}

/// The start of a what-if's search: the unchanged scenario's schedule,
/// carried over to the changed one (`SolveOptions::warm_start`).
pub fn warm_start(
    original: &Scenario,
    schedule: &Schedule,
    changed: &Scenario,
) -> Vec<Option<Placement>> {
    carry(original, schedule, changed).0
}

/// The what-if's schedule scored on the unchanged scenario (priority,
/// penalty), if it is a whole schedule of it that the checker accepts.
pub fn on_original(
    changed: &Scenario,
    schedule: &Schedule,
    original: &Scenario,
) -> Option<(u64, f64)> {
    let (placements, whole) = carry(changed, schedule, original);
    if !whole {
        return None;
    }
    let carried = Schedule {
        placements,
        reasons: Vec::new(),
    };
    let report = check(original, &carried.entries(original), None);
    report
        .is_feasible()
        .then_some((report.score.priority, report.score.penalty))
}

/// The unchanged scenario's side of the comparison: what its own run
/// (`unchanged`) says, with the what-if's `schedule` (of `changed`) as its
/// plan instead when that fits it too and scores better there; and whether
/// it did. The bounds stay the unchanged run's: they hold for any plan.
pub fn reference(
    original: &Scenario,
    unchanged: &super::Outcome,
    changed: &Scenario,
    schedule: &Schedule,
) -> (Side, bool) {
    let mut side = Side::of(unchanged);
    let better = on_original(changed, schedule, original).filter(|&(priority, penalty)| {
        priority > side.priority || (priority == side.priority && penalty < side.penalty)
    });
    if let Some((priority, penalty)) = better {
        side.priority = priority;
        side.penalty = penalty;
    }
    (side, better.is_some())
}

/// What one run says of its scenario's best plan.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Side {
    /// The scheduled priority, and no plan's is above `bound`.
    pub priority: u64,
    pub bound: u64,
    pub penalty: f64,
    /// No plan of `priority` (part by part) has a lower penalty.
    pub penalty_bound: Option<f64>,
}

impl Side {
    pub fn of(outcome: &super::Outcome) -> Side {
        Side {
            priority: outcome.priority,
            bound: outcome.bound,
            penalty: outcome.penalty,
            penalty_bound: outcome.penalty_bound,
        }
    }

    fn proven(&self) -> bool {
        self.priority >= self.bound
    }
}

/// The priority's difference between the two scenarios' best plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PriorityDifference {
    /// Both priorities proven optimal: the difference is the change's.
    Exact,
    /// The optima differ by `low` to `high` (the scheduled priorities
    /// against the other side's bound); `low > 0` or `high < 0` is still a
    /// real difference in that direction.
    Within { low: i64, high: i64 },
}

/// The penalty's difference between the two scenarios' best plans.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PenaltyDifference {
    /// The priorities differ: the plans hold different drills, and the
    /// priority decides between them.
    OtherPriority,
    /// A priority not proven, or a penalty bound missing on one side:
    /// nothing bounds the noise; the difference is not significant.
    Unbounded,
    /// The optima's penalties differ by `low` to `high`; significant only
    /// if that band leaves out 0.
    Within { low: f64, high: f64 },
}

impl PenaltyDifference {
    /// Whether the band proves the change costs (`Some(true)`) or saves
    /// (`Some(false)`) penalty.
    pub fn significant(&self) -> Option<bool> {
        match *self {
            PenaltyDifference::Within { low, .. } if low > TOLERANCE => Some(true),
            PenaltyDifference::Within { high, .. } if high < -TOLERANCE => Some(false),
            _ => None,
        }
    }
}

/// Penalties are sums of weighted counts: differences this small are
/// float rounding.
const TOLERANCE: f64 = 1e-6;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Comparison {
    pub priority: PriorityDifference,
    pub penalty: PenaltyDifference,
}

/// The what-if (`changed`) against the unchanged scenario (`reference`).
/// The optimum of each side lies between what it scheduled and its bound,
/// so their difference lies between the two cross differences.
pub fn compare(changed: Side, reference: Side) -> Comparison {
    let both_proven = changed.proven() && reference.proven();
    let priority = if both_proven {
        PriorityDifference::Exact
    } else {
        PriorityDifference::Within {
            low: changed.priority as i64 - reference.bound.max(reference.priority) as i64,
            high: changed.bound.max(changed.priority) as i64 - reference.priority as i64,
        }
    };
    let penalty = if changed.priority != reference.priority {
        PenaltyDifference::OtherPriority
    } else {
        // Each penalty bound holds for the plans of its run's priority,
        // part by part: the optimum's own priorities when both are proven.
        match (both_proven, changed.penalty_bound, reference.penalty_bound) {
            (true, Some(changed_floor), Some(reference_floor)) => PenaltyDifference::Within {
                low: changed_floor.min(changed.penalty) - reference.penalty,
                high: changed.penalty - reference_floor.min(reference.penalty),
            },
            _ => PenaltyDifference::Unbounded,
        }
    };
    Comparison { priority, penalty }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn side(priority: u64, bound: u64, penalty: f64, floor: Option<f64>) -> Side {
        Side {
            priority,
            bound,
            penalty,
            penalty_bound: floor,
        }
    }

    #[test]
    fn a_difference_is_significant_only_beyond_both_runs_bounds() {
        // The case: 17 minutes cheaper, bounds 40 % below.
        let c = compare(
            side(688, 688, 8344.0, Some(4717.0)),
            side(688, 688, 8361.0, Some(4717.0)),
        );
        assert_eq!(c.priority, PriorityDifference::Exact);
        assert_eq!(
            c.penalty,
            PenaltyDifference::Within {
                low: 4717.0 - 8361.0,
                high: 8344.0 - 4717.0
            }
        );
        assert_eq!(c.penalty.significant(), None);
        // Tight bounds: the change costs at least 90.
        let c = compare(
            side(10, 10, 200.0, Some(195.0)),
            side(10, 10, 105.0, Some(100.0)),
        );
        assert_eq!(c.penalty.significant(), Some(true));
        let c = compare(
            side(10, 10, 100.0, Some(100.0)),
            side(10, 10, 205.0, Some(200.0)),
        );
        assert_eq!(c.penalty.significant(), Some(false));
    }

    #[test]
    fn an_unproven_priority_gives_a_band_and_no_penalty_verdict() {
        let c = compare(side(9, 12, 50.0, Some(40.0)), side(9, 10, 60.0, Some(40.0)));
        assert_eq!(c.priority, PriorityDifference::Within { low: -1, high: 3 });
        assert_eq!(c.penalty, PenaltyDifference::Unbounded);
        let c = compare(side(8, 8, 50.0, Some(40.0)), side(9, 9, 60.0, Some(40.0)));
        assert_eq!(c.priority, PriorityDifference::Exact);
        assert_eq!(c.penalty, PenaltyDifference::OtherPriority);
        let c = compare(side(9, 9, 50.0, None), side(9, 9, 60.0, Some(40.0)));
        assert_eq!(c.penalty, PenaltyDifference::Unbounded);
    }
}
