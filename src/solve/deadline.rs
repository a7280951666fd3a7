//! The quick relaxation against the budget. The LP solver cannot be
//! interrupted from inside, and on a part of thousands of drills it takes
//! longer than a short time limit. So helper threads solve the parts'
//! relaxations while the calling thread watches the budget; once it is
//! spent, the parts without a result keep the trivial bound and the run goes
//! on. A helper left behind finishes its one relaxation on its own (in the
//! command, the process ends first) and takes no further part.

use super::bound::{priority_bound, BoundOutcome, Model};
use super::candidates::Prepared;
use super::phase::{Budget, Phase, Reporter};
use crate::scenario::{Day, DrillId, Scenario};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, RecvTimeoutError};
use std::sync::Arc;
use std::time::Duration;

/// How often the watching thread looks at the budget.
const WATCH: Duration = Duration::from_millis(50);

/// What the helpers own: they may outlive the call.
struct Inputs {
    scenario: Scenario,
    prepared: Prepared,
    alone: Vec<Vec<Day>>,
    parts: Vec<Vec<DrillId>>,
    model: Model,
    next: AtomicUsize,
    abandoned: AtomicBool,
}

/// Each part's relaxation, `None` for the parts the budget left without one.
/// As many helpers as the thread pool has threads, each taking the next
/// part in turn.
pub(super) fn bounds_within(
    scenario: &Scenario,
    prepared: &Prepared,
    alone: &[Vec<Day>],
    parts: &[&[DrillId]],
    model: Model,
    budget: &Budget,
    reporter: &Reporter,
) -> Vec<Option<BoundOutcome>> {
    let mut out = vec![None; parts.len()];
    if parts.is_empty() || budget.spent() {
        return out;
    }
    let inputs = Arc::new(Inputs {
        scenario: scenario.clone(),
        prepared: prepared.clone(),
        alone: alone.to_vec(),
        parts: parts.iter().map(|p| p.to_vec()).collect(),
        model,
        next: AtomicUsize::new(0),
        abandoned: AtomicBool::new(false),
    });
    let (tx, rx) = channel();
    let helpers = rayon::current_num_threads().clamp(1, parts.len());
    for _ in 0..helpers {
        let (inputs, tx) = (inputs.clone(), tx.clone());
        let work = move || {
            while !inputs.abandoned.load(Ordering::Relaxed) {
                let i = inputs.next.fetch_add(1, Ordering::Relaxed);
                let Some(drills) = inputs.parts.get(i) else {
                    break;
                };
                let b = priority_bound(
                    &inputs.scenario,
                    &inputs.prepared,
                    &inputs.alone,
                    drills,
                    inputs.model,
                );
                if tx.send((i, b)).is_err() {
                    break;
                }
            }
        };
        let spawned = std::thread::Builder::new().name("bound".into()).spawn(work);
        if spawned.is_err() {
            // No thread to be had: the parts wait for the helpers running,
            // or keep the trivial bound if there are none.
            break;
        }
    }
    drop(tx);
    let mut done = 0;
    while done < parts.len() {
        match rx.recv_timeout(WATCH) {
            Ok((i, b)) => {
                out[i] = Some(b);
                done += 1;
                reporter.step(Phase::Bound, done as u64, parts.len() as u64);
            }
            Err(RecvTimeoutError::Timeout) if budget.spent() => break,
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
    }
    inputs.abandoned.store(true, Ordering::Relaxed);
    out
}
