//! The first schedule: drills one by one, hardest-to-place and most valuable
//! first, each at its cheapest feasible start.

use super::state::{Noise, State};
use crate::scenario::DrillId;

/// Insertion order: required drills (pinned starts first), then drills of
/// the baseline, then priority, then fewest possible starts, then id.
pub fn insertion_order(state: &State, drills: &[DrillId]) -> Vec<DrillId> {
    let sc = state.scenario;
    let mut order: Vec<DrillId> = drills.to_vec();
    order.sort_by_key(|&d| {
        let drill = sc.drill(d);
        let pinned_start = drill.pin.as_ref().is_some_and(|p| !p.starts.is_empty());
        (
            !drill.is_required(),
            !pinned_start,
            // Published drills first, so they keep their slots.
            !state.in_baseline(d),
            std::cmp::Reverse(drill.priority),
            state.prepared.starts[d.index()].len(),
            d,
        )
    });
    order
}

/// Inserts every drill of `drills` it can, in `insertion_order`.
pub fn greedy(state: &mut State, drills: &[DrillId], placeable: &[bool]) {
    for d in insertion_order(state, drills) {
        if !placeable[d.index()] || state.is_placed(d) {
            continue;
        }
        if let Some(ins) = state.best_insertion(d, &state.prepared.starts[d.index()], Noise::NONE) {
            state.place(d, ins.placement);
        }
    }
}
