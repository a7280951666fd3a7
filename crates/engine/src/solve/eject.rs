//! Ejection: the fewest lower-priority drills whose removal lets an
//! unscheduled drill in at one start. The move then re-inserts those drills
//! elsewhere (or leaves them out, if the trade pays), which the other
//! neighbourhoods, taking victims at random, find only by luck.

use super::state::State;
use crate::scenario::{Day, DrillId};

/// Drills of `drills` to take out, lowest priority first, until `target` fits
/// at `(day, start)`; `None` if taking out every lower-priority drill in its
/// way is not enough. The state is left as it was found.
pub fn blockers(
    state: &mut State,
    drills: &[DrillId],
    target: DrillId,
    day: Day,
    start: u32,
) -> Option<Vec<DrillId>> {
    let sc = state.scenario;
    let drill = sc.drill(target);
    let end = start + drill.duration;
    let teams = &state.prepared.any_team[target.index()];
    // In its way: the same day and a team it could use (for routes and daily
    // limits, at any hour), or its venue or a conflict set it is in (around
    // its hours).
    let mut candidates: Vec<(u64, u32, DrillId)> = drills
        .iter()
        .filter_map(|&d| {
            let p = state.placement(d)?;
            let other = sc.drill(d);
            if p.day != day || other.priority >= drill.priority || other.is_required() {
                return None;
            }
            let near = p.start < end + 120 && p.start + other.duration + 120 > start;
            let shares_team = p.teams.iter().any(|t| teams.binary_search(t).is_ok());
            let shares_place = other.venue == drill.venue
                || other.conflicts.iter().any(|c| drill.conflicts.contains(c));
            (shares_team || (near && shares_place))
                .then(|| (other.priority, p.start.abs_diff(start), d))
        })
        .collect();
    candidates.sort();
    let mut taken = Vec::new();
    // Taking a drill out changes only its teams' routes: the other teams'
    // costs of joining stay as priced here.
    let mut joining = state.teams_joining(target, day, start);
    let mut fits = state.fits_with(&joining);
    for &(_, _, d) in &candidates {
        if fits {
            break;
        }
        if !state.can_remove(d) {
            continue;
        }
        if let Some(p) = state.remove(d) {
            joining.update(state, &p.teams);
            taken.push((d, p));
            fits = state.fits_with(&joining);
        }
    }
    let victims = taken.iter().map(|(d, _)| *d).collect();
    for (d, p) in taken.into_iter().rev() {
        state.place(d, p);
    }
    fits.then_some(victims)
}
