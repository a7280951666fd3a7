//! The first schedule: required drills first, repaired until they all fit,
//! then the drills short coverage needs wait for, then the rest one by one
//! (the baseline's drills, then the most valuable, then the hardest to
//! place), each at its cheapest feasible start.

use super::lns::{Acceptance, Lns};
use super::state::{Noise, State};
use crate::scenario::DrillId;
use crate::schedule::Placement;

/// Moves the required-drill repair may spend per required drill of a part
/// (and at least `REPAIR_MOVES_MIN`). Moves on a schedule of required drills
/// alone are cheap: a few hundred required drills repair in well under a
/// second.
const REPAIR_MOVES_PER_REQUIRED: u64 = 20;
const REPAIR_MOVES_MIN: u64 = 2_000;

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
    let placeable = |d: DrillId| placeable[d.index()];
    let untried = first_schedule(state, drills, &placeable, None, 0, &|| true, &|| {});
    debug_assert!(
        untried.is_empty(),
        "nothing stops an unlimited construction"
    );
}

/// The first schedule of one part. Required drills go in first; if the
/// greedy left one out (its named team taken by another required drill, say),
/// a search over the required drills alone moves them around until all fit,
/// before any optional drill can take their places. Then optional drills,
/// while `keep_going` says so. Returns the drills it stopped before trying.
/// `seed` drives the repair's moves; `on_drill` is called per drill tried.
///
/// With `warm` (one entry per drill of the scenario), each drill first goes
/// back where `warm` has it if that still fits (`State::refit`): required
/// drills before the repair, optional ones after it and before any drill
/// is placed afresh. A what-if solved from the unchanged scenario's
/// schedule so starts from that schedule wherever the change allows.
///
/// `placeable` says whether a drill fits in an empty plan (drills that do
/// not are never tried). It is asked of each drill only when the drill's
/// turn comes, so `solve` can answer for optional drills while the
/// analysis of the rest goes on beside.
pub fn first_schedule(
    state: &mut State,
    drills: &[DrillId],
    placeable: &dyn Fn(DrillId) -> bool,
    warm: Option<&[Option<Placement>]>,
    seed: u64,
    keep_going: &dyn Fn() -> bool,
    on_drill: &dyn Fn(),
) -> Vec<DrillId> {
    let order = insertion_order(state, drills);
    let sc = state.scenario;
    let split = order.partition_point(|&d| sc.drill(d).is_required());
    let (required, optional) = order.split_at(split);
    for &d in required {
        if !rewarm(state, d, placeable, warm) {
            insert(state, d, placeable);
        }
        on_drill();
    }
    repair_required(state, required, placeable, seed, false);
    if warm.is_some() {
        for &d in optional {
            rewarm(state, d, placeable, warm);
        }
    }
    let optional = cover_needs(state, required, optional, placeable, seed);
    let optional = optional.as_slice();
    for (i, &d) in optional.iter().enumerate() {
        if !keep_going() {
            return optional[i..].to_vec();
        }
        insert(state, d, placeable);
        on_drill();
    }
    Vec::new()
}

/// Rule 12 after the required drills: each short coverage need takes its
/// best drills (by priority, then fewest starts) until it holds; if some
/// need still falls short, moves over the required and coverage drills
/// alone put them in, as for required drills. Returns the optional drills
/// still to insert, in order.
fn cover_needs(
    state: &mut State,
    required: &[DrillId],
    optional: &[DrillId],
    placeable: &dyn Fn(DrillId) -> bool,
    seed: u64,
) -> Vec<DrillId> {
    if state.coverage_short() == 0 {
        return optional.to_vec();
    }
    // `optional` is in insertion order already: best drills first.
    let helping: Vec<DrillId> = optional
        .iter()
        .copied()
        .filter(|&d| !state.prepared.cover_of[d.index()].is_empty())
        .collect();
    for &d in &helping {
        if state.helps_short(d) {
            insert(state, d, placeable);
        }
    }
    if state.coverage_short() > 0 {
        let mut drills: Vec<DrillId> = required.to_vec();
        drills.extend(&helping);
        repair_required(state, &drills, placeable, seed ^ 0x434f_5645_5231, true);
    }
    optional.to_vec()
}

/// Places `d` where `warm` has it, if it fits there; whether it did.
fn rewarm(
    state: &mut State,
    d: DrillId,
    placeable: &dyn Fn(DrillId) -> bool,
    warm: Option<&[Option<Placement>]>,
) -> bool {
    let Some(p) = warm.and_then(|w| w.get(d.index())).and_then(Option::as_ref) else {
        return false;
    };
    if state.is_placed(d) || !placeable(d) {
        return false;
    }
    match state.refit(d, p) {
        Some(p) => {
            state.place(d, p);
            true
        }
        None => false,
    }
}

/// Places `d` at its cheapest start, staffed from each need's nearest
/// teams where the drill has such lists and they can staff it somewhere;
/// from every team otherwise.
fn insert(state: &mut State, d: DrillId, placeable: &dyn Fn(DrillId) -> bool) {
    if state.is_placed(d) || !placeable(d) {
        return;
    }
    let starts = &state.prepared.starts[d.index()];
    let found = state
        .best_insertion_nearby(d, starts, Noise::NONE)
        .or_else(|| state.best_insertion(d, starts, Noise::NONE));
    if let Some(ins) = found {
        state.place(d, ins.placement);
    }
}

/// Large-neighbourhood moves over `required` alone until every one of them
/// that can run at all is placed, or the move budget is spent. Returns
/// whether they all are (and, with `coverage`, no coverage need is short:
/// then `required` holds the coverage needs' drills too). Deterministic for a seed: it does not look at the
/// clock, because a schedule without its required drills is no schedule.
pub fn repair_required(
    state: &mut State,
    required: &[DrillId],
    placeable: &dyn Fn(DrillId) -> bool,
    seed: u64,
    coverage: bool,
) -> bool {
    let sc = state.scenario;
    let wanted = required
        .iter()
        .filter(|&&d| sc.drill(d).is_required() && placeable(d))
        .count();
    let placed = |state: &State| {
        required
            .iter()
            .filter(|&&d| sc.drill(d).is_required() && state.is_placed(d))
            .count()
    };
    let done =
        |state: &State| placed(state) == wanted && (!coverage || state.coverage_short() == 0);
    if done(state) {
        return true;
    }
    // The moves look only at the drills they own.
    let mut owned = vec![false; sc.drills.len()];
    for &d in required {
        owned[d.index()] = placeable(d);
    }
    let lns = Lns {
        seed: seed ^ 0x5245_5041_4952_0001,
        drills: required,
        placeable: &owned,
    };
    let budget = (REPAIR_MOVES_PER_REQUIRED * required.len() as u64).max(REPAIR_MOVES_MIN);
    for step in 0..budget {
        let key = state.key();
        lns.step(state, step, &key, Acceptance::Score);
        if done(state) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::parse;
    use crate::solve::candidates::Prepared;

    /// Both drills need team t0 at one venue. The valuable one is inserted
    /// first and takes 08:00-10:00; the other can only start at 09:00.
    const CLASH: &str = r#"
[plan]
start = 2017-06-19
end = 2017-06-19
slot_minutes = 60
[[district]]
id = "k"
[[venue]]
id = "v"
district = "k"
location = [45.0, 84.0]
capacity = 2
hours = ["08:00-18:00"]
[[team]]
id = "t0"
skills = ["fire"]
district = "k"
base = [45.0, 84.0]
[[drill]]
id = "valuable"
venue = "v"
duration = 120
priority = 9
mandatory = true
needs = [{ team = "t0" }]
[[drill]]
id = "narrow"
venue = "v"
duration = 60
priority = 1
mandatory = true
needs = [{ team = "t0" }]
window = { from = 2017-06-19T09:00:00, to = 2017-06-19T10:00:00 }
"#;

    #[test]
    fn a_required_drill_the_greedy_shuts_out_is_repaired_in() {
        let s = parse("t.toml", CLASH).unwrap();
        let prepared = Prepared::new(&s);
        let all: Vec<DrillId> = s.drill_ids().collect();
        let placeable = vec![true; all.len()];
        let mut plain = State::new(&s, &prepared, None);
        for d in insertion_order(&plain, &all) {
            if let Some(ins) = plain.best_insertion(d, &prepared.starts[d.index()], Noise::NONE) {
                plain.place(d, ins.placement);
            }
        }
        assert!(
            !plain.is_placed(DrillId(1)),
            "the plain greedy shuts it out"
        );
        let mut state = State::new(&s, &prepared, None);
        let placeable = |d: DrillId| placeable[d.index()];
        let untried = first_schedule(&mut state, &all, &placeable, None, 7, &|| false, &|| {});
        assert!(untried.is_empty());
        assert!(all.iter().all(|&d| state.is_placed(d)));
        let report = crate::check::check(&s, &state.schedule().entries(&s), None);
        assert!(report.is_feasible(), "{:?}", report.violations);
    }
}
