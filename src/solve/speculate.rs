//! Two search moves at once on one part: the second runs on a copy of the
//! schedule, and the copies are brought back in step by their difference.

use super::state::State;
use crate::scenario::DrillId;

/// Makes `target` hold the placements of `source` for `drills`: out with
/// every drill that differs, then in at its place in `source`. Each step
/// leaves a subset of `source`'s schedule, so every state on the way is
/// feasible, and the totals (priority, travel, preference, changes) are
/// integers that end equal to `source`'s.
pub fn sync(target: &mut State, source: &State, drills: &[DrillId]) {
    let differ: Vec<DrillId> = drills
        .iter()
        .copied()
        .filter(|&d| target.placement(d) != source.placement(d))
        .collect();
    for &d in &differ {
        target.remove(d);
    }
    for &d in &differ {
        if let Some(p) = source.placement(d) {
            target.place(d, p.clone());
        }
    }
}
