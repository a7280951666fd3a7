//! A second search of one part, on the second core, for a run whose only
//! limit is the clock.
//!
//! Once a part's priority is proven and it is the only part still
//! searching, one thread of a two-thread run would idle: the moves of one
//! part run one after another, and splitting a move or pairing moves cost
//! more than it gave (docs/performance.md, "Karamay and the second core").
//! Independent seeds do differ: on Karamay, 95 000 moves end between 8 049
//! and 8 121 depending on the seed, a spread far larger than what the next
//! 60 000 moves of one seed buy. So the twin runs the same moves from the
//! same schedule with another seed, and at the clock the better of the two
//! schedules is kept.
//!
//! Runs that must not depend on the thread count never get a twin: a work
//! limit, a stall limit, or no limit at all (the run then ends at the
//! stall). A run that ends by meeting its penalty bound ends on the first
//! search's own schedule, which is the schedule one thread would have
//! found; the twin's is taken only when the clock (or Ctrl-C) ends the run.

use super::lns::{Acceptance, Lns};
use super::part::{kicks_due, PartSearch, Shared, LATE_ACCEPTANCE};
use super::state::{Key, State};
use crate::scenario::DrillId;
use crate::schedule::Placement;
use std::cmp::Ordering;

/// Parts above this many drills get no twin: its copy of the schedule
/// would add to the memory a province's run is promised.
const MAX_DRILLS: usize = 5_000;
/// Mixed into the part's seed for the twin's moves.
const SEED_SALT: u64 = 0x7A3D_1E55_B0C4_96F1;

pub(super) struct Twin<'a> {
    /// Which search it shadows.
    pub(super) part: usize,
    drills: &'a [DrillId],
    state: State<'a>,
    lns: Lns<'a>,
    history: Vec<Key>,
    best: Vec<Option<Placement>>,
    best_key: Key,
    moves: u64,
    /// Moves since its best schedule last improved: it kicks as the
    /// search it shadows does (`part::kicks_due`).
    since_improvement: u64,
    kicks: u64,
}

impl<'a> Twin<'a> {
    /// A twin of the only search still running, if the run may have one
    /// and that search has proven its priority.
    pub(super) fn of(shared: &Shared<'a, '_>, searches: &[PartSearch<'a>]) -> Option<Self> {
        let opts = shared.opts;
        if rayon::current_num_threads() < 2
            || opts.time_limit.is_none()
            || opts.work_limit.is_some()
            || opts.stall_moves.is_some()
        {
            return None;
        }
        let mut live = searches
            .iter()
            .enumerate()
            .filter(|(_, p)| p.status.is_none());
        let (part, search) = live.next()?;
        if live.next().is_some() || search.drills.len() > MAX_DRILLS || !search.priority_proven() {
            return None;
        }
        let (state, best, best_key, lns) = search.copy_for_twin(SEED_SALT);
        Some(Twin {
            part,
            drills: search.drills,
            state,
            lns,
            history: vec![best_key; LATE_ACCEPTANCE],
            best,
            best_key,
            moves: 0,
            since_improvement: 0,
            kicks: 0,
        })
    }

    /// `batch` moves, or fewer once `done` says the run is over.
    pub(super) fn advance(&mut self, batch: u64, done: &dyn Fn() -> bool) {
        for _ in 0..batch {
            if done() {
                return;
            }
            if kicks_due(self.since_improvement, self.drills.len()) {
                self.state.replace(self.drills, &self.best);
                self.lns.kick(&mut self.state, self.moves);
                self.kicks += 1;
                let here = self.state.key();
                self.history.fill(here);
            }
            let slot = (self.moves % self.history.len() as u64) as usize;
            // A twin runs only once the priority is proven: travel is all that is left.
            self.lns.step(
                &mut self.state,
                self.moves,
                &self.history[slot],
                Acceptance::Score,
            );
            let key = self.state.key();
            self.history[slot] = key;
            if key.compare(&self.best_key) == Ordering::Greater {
                self.best_key = key;
                for (slot, &d) in self.best.iter_mut().zip(self.drills) {
                    *slot = self.state.placement(d).cloned();
                }
                self.since_improvement = 0;
            } else {
                self.since_improvement += 1;
            }
            self.moves += 1;
        }
    }

    /// Its best schedule and key, and the moves and kicks it made.
    pub(super) fn into_best(self) -> (Vec<Option<Placement>>, Key, u64, u64) {
        (self.best, self.best_key, self.moves, self.kicks)
    }
}
