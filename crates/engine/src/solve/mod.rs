//! The optimisation engine. `candidates` fixes what each drill could do on
//! its own, and `alone` on which days it fits in an empty plan; `components`
//! splits the scenario into independent parts, each searched by `part`;
//! `state` keeps a partial schedule and answers "does this fit, at what
//! cost" per constraint family; `construct` builds a first schedule; `lns`
//! improves it; `bound` proves how far from optimal it can be (on helper
//! threads beside the search, `deadline`), `penalty` how low the penalty
//! can go, and `exact` closes the gap on small parts by exhaustive search;
//! `explain` says why drills are left out. I/O lives elsewhere (drillplan-io
//! and the binary); the query behind the `explain` command, which start is
//! blocked by what, is `crate::explain`.

mod alone;
pub(crate) mod bound;
pub(crate) mod candidates;
pub(crate) mod components;
pub(crate) mod construct;
pub(crate) mod coverage;
mod deadline;
mod eject;
pub(crate) mod exact;
pub mod explain;
pub(crate) mod lns;
mod part;
mod penalty;
pub(crate) mod phase;
pub mod replan;
pub(crate) mod state;
mod twin;
pub mod what_if;

use crate::reason::Unplaced;
use crate::scenario::{Day, DrillId, Need, Scenario};
use crate::schedule::{Placement, Schedule};
use bound::{priority_bound, BoundOutcome, Model};
use candidates::Prepared;
use part::{worse, PartResult, PartSearch, Shared};
pub use penalty::penalty_gap;
pub use phase::Phase;
use phase::{Budget, Reporter};
use rayon::prelude::*;
use state::State;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What bounds a run of `solve`, and what it starts from.
///
/// The default stops after 60 seconds, which depends on the machine; a
/// `work_limit` (and no time limit) makes the run reproducible: the same
/// scenario, seed and options give the same schedule, byte for byte,
/// whatever the thread count.
///
/// ```
/// use drillplan_engine::solve::{solve, SolveOptions};
/// use std::sync::atomic::AtomicBool;
/// use std::time::Duration;
///
/// // Two drills for the one hour of one venue, which takes one at a time.
/// # let text = r#"
/// # [plan]
/// # start = 2017-06-19
/// # end = 2017-06-19
/// # [[district]]
/// # id = "karamay"
/// # [[venue]]
/// # id = "school"
/// # district = "karamay"
/// # location = [45.58, 84.88]
/// # hours = ["08:00-09:00"]
/// # [[team]]
/// # id = "fire-1"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[team]]
/// # id = "fire-2"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[drill]]
/// # id = "evacuation"
/// # venue = "school"
/// # duration = 60
/// # priority = 5
/// # needs = [{ skill = "fire" }]
/// # [[drill]]
/// # id = "smoke"
/// # venue = "school"
/// # duration = 60
/// # priority = 3
/// # needs = [{ skill = "fire" }]
/// # "#;
/// let scenario = drillplan_model::scenario::parse("plan.toml", text).unwrap();
/// assert_eq!(SolveOptions::default().time_limit, Some(Duration::from_secs(60)));
/// let options = SolveOptions {
///     time_limit: None,
///     work_limit: Some(2_000),
///     seed: 7,
///     ..SolveOptions::default()
/// };
/// let run = || solve(&scenario, &options, &AtomicBool::new(false), &mut |_| {});
/// let (first, second) = (run(), run());
/// assert_eq!(first.schedule, second.schedule);
/// assert_eq!(first.moves, second.moves);
/// ```
#[derive(Debug, Clone)]
pub struct SolveOptions {
    pub time_limit: Option<Duration>,
    /// Improvement moves at most (the deterministic budget).
    pub work_limit: Option<u64>,
    pub seed: u64,
    /// Stop once `(bound - priority) / bound` is at most this.
    pub gap: f64,
    /// Moves without improvement after which the penalty counts as settled,
    /// once the priority gap is closed. Without it, a run with a time or
    /// work limit searches until that limit, unless the penalty meets its
    /// bound; a run with neither stops after `max(20 x drills, 2000)`
    /// moves without improvement.
    pub stall_moves: Option<u64>,
    pub baseline: Option<Vec<Option<Placement>>>,
    /// A schedule to start from, one entry per drill: each placement that
    /// still fits is kept in the first schedule (a what-if starts from the
    /// unchanged scenario's schedule; `what_if::warm_start`). Unlike
    /// `baseline` it costs nothing to leave.
    pub warm_start: Option<Vec<Option<Placement>>>,
    /// Solve the bound's relaxation as a MIP (HiGHS builds only).
    pub mip_bound: bool,
    /// Run the independent checker on every improving schedule and panic,
    /// naming the rule, if one breaks a rule.
    pub self_check: bool,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            time_limit: Some(Duration::from_secs(60)),
            work_limit: None,
            seed: 0,
            gap: 0.0,
            stall_moves: None,
            baseline: None,
            warm_start: None,
            mip_bound: cfg!(feature = "highs"),
            self_check: false,
        }
    }
}

/// How a run of `solve` ended.
///
/// ```
/// use drillplan_engine::solve::Status;
///
/// assert_eq!(Status::Optimal.label(), "optimal");
/// assert_eq!(Status::RequiredUnplaced.label(), "required drills unplaced");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Scheduled priority meets the upper bound.
    Optimal,
    GapReached,
    WorkLimit,
    TimeLimit,
    Interrupted,
    /// Mandatory or pinned drills could not all be placed, or a coverage
    /// row (rule 12) is left short; no schedule.
    RequiredUnplaced,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::GapReached => "gap reached",
            Status::WorkLimit => "work limit",
            Status::TimeLimit => "time limit",
            Status::Interrupted => "interrupted",
            Status::RequiredUnplaced => "required drills unplaced",
        }
    }
}

/// The status in words, for the solve summary.
impl drillplan_model::lang::Say for Status {
    fn say(&self, lang: drillplan_model::lang::Lang) -> String {
        let zh = match self {
            Status::Optimal => "最优",
            Status::GapReached => "达到差距要求",
            Status::WorkLimit => "达到工作量上限",
            Status::TimeLimit => "达到时间上限",
            Status::Interrupted => "已中断",
            Status::RequiredUnplaced => "必须安排的演练未能全部安排",
        };
        let en = self.label();
        drillplan_model::words!(lang, en: "{en}", zh: "{zh}")
    }
}

/// A snapshot for progress displays: a phase's advance, or (in the search
/// and once construction is done) the best schedule's figures.
#[derive(Debug, Clone)]
pub struct Progress {
    pub phase: Phase,
    /// Units of the phase done and their total (drills, parts); 0 of 0 when
    /// the phase has just begun or has no count.
    pub done: u64,
    pub total: u64,
    pub elapsed: Duration,
    pub moves: u64,
    pub priority: u64,
    pub bound: u64,
    pub penalty: f64,
}

impl Progress {
    pub fn gap(&self) -> f64 {
        relative_gap(self.priority, self.bound)
    }
}

/// How far below `bound` the scheduled `priority` is, as a share of the
/// bound: what `SolveOptions::gap` stops at. 0 when the bound is 0.
///
/// ```
/// use drillplan_engine::solve::relative_gap;
///
/// assert_eq!(relative_gap(75, 100), 0.25);
/// assert_eq!(relative_gap(100, 100), 0.0);
/// assert_eq!(relative_gap(0, 0), 0.0);
/// ```
pub fn relative_gap(priority: u64, bound: u64) -> f64 {
    if bound == 0 {
        0.0
    } else {
        bound.saturating_sub(priority) as f64 / bound as f64
    }
}

/// What a run of `solve` found: the schedule, how the run ended, the
/// scheduled priority against its proven bound, and the penalty.
///
/// ```
/// use drillplan_engine::solve::{solve, SolveOptions, Status};
/// use std::sync::atomic::AtomicBool;
///
/// // Two drills for the one hour of one venue, which takes one at a time.
/// # let text = r#"
/// # [plan]
/// # start = 2017-06-19
/// # end = 2017-06-19
/// # [[district]]
/// # id = "karamay"
/// # [[venue]]
/// # id = "school"
/// # district = "karamay"
/// # location = [45.58, 84.88]
/// # hours = ["08:00-09:00"]
/// # [[team]]
/// # id = "fire-1"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[team]]
/// # id = "fire-2"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[drill]]
/// # id = "evacuation"
/// # venue = "school"
/// # duration = 60
/// # priority = 5
/// # needs = [{ skill = "fire" }]
/// # [[drill]]
/// # id = "smoke"
/// # venue = "school"
/// # duration = 60
/// # priority = 3
/// # needs = [{ skill = "fire" }]
/// # "#;
/// let scenario = drillplan_model::scenario::parse("plan.toml", text).unwrap();
/// let options = SolveOptions { time_limit: None, work_limit: Some(2_000), ..SolveOptions::default() };
/// let outcome = solve(&scenario, &options, &AtomicBool::new(false), &mut |_| {});
/// // The higher priority drill takes the hour, and the bound proves it best.
/// assert_eq!(outcome.status, Status::Optimal);
/// assert_eq!((outcome.priority, outcome.bound), (5, 5));
/// let evacuation = scenario.find_drill("evacuation").unwrap();
/// let smoke = scenario.find_drill("smoke").unwrap();
/// assert_eq!(outcome.schedule.placement(evacuation).unwrap().start, 8 * 60);
/// assert!(outcome.schedule.placement(smoke).is_none());
/// // Each drill left out has its reason: here, the venue was full.
/// assert!(outcome.schedule.reasons[smoke.index()].is_some());
/// ```
///
/// When mandatory drills cannot all be placed there is no schedule, and
/// the outcome says which were left out and why:
///
/// ```
/// use drillplan_engine::solve::{solve, SolveOptions, Status};
/// use std::sync::atomic::AtomicBool;
///
/// // Two drills for the one hour of one venue, which takes one at a time.
/// # let text = r#"
/// # [plan]
/// # start = 2017-06-19
/// # end = 2017-06-19
/// # [[district]]
/// # id = "karamay"
/// # [[venue]]
/// # id = "school"
/// # district = "karamay"
/// # location = [45.58, 84.88]
/// # hours = ["08:00-09:00"]
/// # [[team]]
/// # id = "fire-1"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[team]]
/// # id = "fire-2"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[drill]]
/// # id = "evacuation"
/// # venue = "school"
/// # duration = 60
/// # priority = 5
/// # mandatory = true
/// # needs = [{ skill = "fire" }]
/// # [[drill]]
/// # id = "smoke"
/// # venue = "school"
/// # duration = 60
/// # priority = 3
/// # mandatory = true
/// # needs = [{ skill = "fire" }]
/// # "#;
/// let scenario = drillplan_model::scenario::parse("plan.toml", text).unwrap();
/// let options = SolveOptions { time_limit: None, work_limit: Some(2_000), ..SolveOptions::default() };
/// let outcome = solve(&scenario, &options, &AtomicBool::new(false), &mut |_| {});
/// assert_eq!(outcome.status, Status::RequiredUnplaced);
/// assert_eq!(outcome.unplaced_required.len(), 1);
/// ```
#[derive(Debug, Clone)]
pub struct Outcome {
    pub schedule: Schedule,
    pub status: Status,
    pub priority: u64,
    pub bound: u64,
    pub penalty: f64,
    /// No schedule with the priority scheduled in each independent part has
    /// a lower penalty (`None` when a weight is negative or required drills
    /// are out).
    pub penalty_bound: Option<f64>,
    pub travel_minutes: u64,
    pub off_preference: u64,
    pub changed: u64,
    pub moves: u64,
    /// How many times a search kicked its best schedule out of a valley
    /// of travel (a third of a small part's drills put back anew).
    pub kicks: u64,
    pub elapsed: Duration,
    /// Each required drill left out and why (`coverage` says which rows
    /// are short).
    pub unplaced_required: Vec<(DrillId, Unplaced)>,
    /// The bound's relaxation proved that no schedule holds every required drill.
    pub required_proven_impossible: bool,
    /// Each coverage (row, district) need against the schedule (rule 12).
    pub coverage: Vec<coverage::Held>,
    /// When the scheduled priority first met the bound, if it did.
    pub bound_met_after: Option<Duration>,
    /// False when the run stopped before the relaxation was solved: `bound`
    /// is then the priority of every drill that could run alone.
    pub bound_computed: bool,
    /// The time each phase took, in order.
    pub phases: Vec<(Phase, Duration)>,
    /// The first phase the time limit or Ctrl-C cut short, if any.
    pub cut_short: Option<Phase>,
    /// When every part had its first schedule.
    pub first_schedule_after: Option<Duration>,
}

/// Days on which each drill fits in an empty plan (in parallel; order-independent).
fn days_alone(scenario: &Scenario, prepared: &Prepared) -> Vec<Vec<Day>> {
    let alone = alone::Alone::new(scenario, prepared);
    let drills: Vec<DrillId> = scenario.drill_ids().collect();
    alone.analyse(&drills, &|| true, &|_, _| {});
    alone.finish().0
}

/// Bytes the candidate lists take per (drill, need, eligible team) triple
/// at most: the team in `need_teams`, its position in `need_pos`, and its
/// entry in `any_team`.
pub const BYTES_PER_PAIR: u64 = 12;

/// Memory the candidate lists may need in the worst case, where every team
/// with a needed skill reaches every drill (travel pruning keeps far fewer:
/// a team serves the drills within its shift's reach). A province of 20 000
/// drills and 4 000 teams has about 70 million pairs, 0.8 GiB at worst; a
/// whole country in one file (200 000 drills) is over the limit.
pub const MAX_CANDIDATE_BYTES: u64 = 2 << 30;

/// The most (drill, team that has a needed skill) pairs the solver takes
/// on: the memory limit above, in pairs (about 179 million).
pub const MAX_DRILL_TEAM_PAIRS: u64 = MAX_CANDIDATE_BYTES / BYTES_PER_PAIR;

/// Bytes one candidate start takes in the start lists (a day and a minute).
pub const BYTES_PER_START: u64 = 8;

/// The most candidate starts (all drills together) the solver takes on: a
/// quarter of the memory limit, since the never-placeable analysis and the
/// search keep work per start beside the lists. Starts multiply with the
/// grid: 2 000 drills over 62 days of 24 hours on a one-minute grid are 178
/// million starts, where a 200 000-drill week on a 15-minute grid has 52.
pub const MAX_CANDIDATE_STARTS: u64 = MAX_CANDIDATE_BYTES / BYTES_PER_START / 4;

/// How many starts the grid offers all drills together, before windows and
/// pins cut them: counted, not listed, so a grid too large to hold is
/// refused before a byte of it is allocated.
pub fn candidate_starts(scenario: &Scenario) -> u64 {
    let slot = u64::from(scenario.slot_minutes.max(1));
    scenario
        .drills
        .iter()
        .map(|d| {
            let venue = scenario.venue(d.venue);
            let open = venue.open.iter().filter(|&&o| o).count() as u64;
            let per_day: u64 = venue
                .hours
                .iter()
                .map(|w| {
                    let first = u64::from(w.start).div_ceil(slot) * slot;
                    let last = u64::from(w.end).saturating_sub(u64::from(d.duration));
                    if last < first {
                        0
                    } else {
                        (last - first) / slot + 1
                    }
                })
                .sum();
            open * per_day
        })
        .sum()
}

/// How many (drill, need, eligible team) triples the scenario has before any
/// pruning: the size of the solver's candidate lists in the worst case.
pub fn drill_team_pairs(scenario: &Scenario) -> u64 {
    let mut with_skill = vec![0u64; scenario.skills.len()];
    for t in &scenario.teams {
        for s in &t.skills {
            with_skill[s.index()] += 1;
        }
    }
    scenario
        .drills
        .iter()
        .flat_map(|d| &d.needs)
        .map(|need| match need {
            Need::Team(_) => 1,
            Need::Skill { skill, .. } => with_skill[skill.index()],
        })
        .sum()
}

/// An upper bound on the scheduled priority of any feasible schedule of
/// the scenario (the relaxation `solve` uses), for reports of schedules
/// made elsewhere; `None` when it proves the mandatory drills cannot all
/// be placed.
///
/// ```
/// use drillplan_engine::solve::upper_bound;
///
/// // Two drills for the one hour of one venue, which takes one at a time.
/// # let text = r#"
/// # [plan]
/// # start = 2017-06-19
/// # end = 2017-06-19
/// # [[district]]
/// # id = "karamay"
/// # [[venue]]
/// # id = "school"
/// # district = "karamay"
/// # location = [45.58, 84.88]
/// # hours = ["08:00-09:00"]
/// # [[team]]
/// # id = "fire-1"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[team]]
/// # id = "fire-2"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[drill]]
/// # id = "evacuation"
/// # venue = "school"
/// # duration = 60
/// # priority = 5
/// # needs = [{ skill = "fire" }]
/// # [[drill]]
/// # id = "smoke"
/// # venue = "school"
/// # duration = 60
/// # priority = 3
/// # needs = [{ skill = "fire" }]
/// # "#;
/// let scenario = drillplan_model::scenario::parse("plan.toml", text).unwrap();
/// // Priorities 5 and 3, yet only one drill fits.
/// assert_eq!(scenario.total_priority(), 8);
/// assert_eq!(upper_bound(&scenario), Some(5));
/// ```
pub fn upper_bound(scenario: &Scenario) -> Option<u64> {
    let prepared = Prepared::new(scenario);
    let alone = days_alone(scenario, &prepared);
    let drills: Vec<DrillId> = scenario.drill_ids().collect();
    let model = Model {
        mip: cfg!(feature = "highs"),
        transport: false,
    };
    match priority_bound(scenario, &prepared, &alone, &drills, model) {
        BoundOutcome::Bound(b) => Some(b),
        BoundOutcome::RequiredInfeasible => None,
    }
}

/// Drills that can never be placed, even alone, with the reason.
///
/// ```
/// use drillplan_engine::solve::never_placeable;
/// use drillplan_model::reason::Unplaced;
///
/// // Two drills for the one hour of one venue, which takes one at a time.
/// # let text = r#"
/// # [plan]
/// # start = 2017-06-19
/// # end = 2017-06-19
/// # [[district]]
/// # id = "karamay"
/// # [[venue]]
/// # id = "school"
/// # district = "karamay"
/// # location = [45.58, 84.88]
/// # hours = ["08:00-09:00"]
/// # [[team]]
/// # id = "fire-1"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[team]]
/// # id = "fire-2"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.58, 84.88]
/// # [[drill]]
/// # id = "evacuation"
/// # venue = "school"
/// # duration = 60
/// # priority = 5
/// # needs = [{ skill = "fire" }]
/// # [[drill]]
/// # id = "smoke"
/// # venue = "school"
/// # duration = 60
/// # priority = 3
/// # needs = [{ skill = "fire" }]
/// # [[drill]]
/// # id = "marathon"
/// # venue = "school"
/// # duration = 90
/// # needs = [{ skill = "fire" }]
/// # "#;
/// let scenario = drillplan_model::scenario::parse("plan.toml", text).unwrap();
/// // A third drill lasts 90 minutes, and the venue opens for 60.
/// let never = never_placeable(&scenario);
/// assert_eq!(never.len(), 1);
/// assert_eq!(never[0].0, scenario.find_drill("marathon").unwrap());
/// assert!(matches!(never[0].1, Unplaced::LongerThanOpening { minutes: 90, longest: 60, .. }));
/// ```
pub fn never_placeable(scenario: &Scenario) -> Vec<(DrillId, Unplaced)> {
    let prepared = Prepared::new(scenario);
    let alone = days_alone(scenario, &prepared);
    let empty = State::new(scenario, &prepared, None);
    scenario
        .drill_ids()
        .filter(|d| alone[d.index()].is_empty())
        .map(|d| (d, alone_reason(&empty, d)))
        .collect()
}

/// Why a drill cannot run even in an empty plan; `empty` is a state with nothing placed.
fn alone_reason(empty: &State, d: DrillId) -> Unplaced {
    explain::no_start_reason(empty.scenario, d, &empty.prepared.starts[d.index()])
        .unwrap_or_else(|| explain::alone_reason(empty, d))
}

/// Finds the best schedule it can within the options' limits. `stop` ends the
/// run early (Ctrl-C); `progress` hears of every phase and every improvement.
///
/// Independent parts of the scenario are solved in parallel (rayon), each
/// with its own seed and a share of the work limit fixed by its size, and
/// merged in a fixed order: the result does not depend on the thread count.
///
/// The time limit and `stop` hold in every phase. A phase they cut short
/// leaves the rest of the run to the minimum a schedule needs: candidates
/// and a place for every required drill. Drills the run never reached stay
/// out, with a reason saying so; the bound is then the trivial one.
pub fn solve(
    scenario: &Scenario,
    opts: &SolveOptions,
    stop: &AtomicBool,
    progress: &mut (dyn FnMut(&Progress) + Send),
) -> Outcome {
    let budget = Budget::new(opts, stop);
    let reporter = Reporter::new(budget.started, progress);
    let keep_going = || !budget.spent();
    let cut = |phase: Phase, complete: bool| {
        if !complete {
            reporter.cut_short(phase);
        }
    };

    reporter.begin(Phase::Candidates);
    let prepared = Arc::new(Prepared::build(scenario, &keep_going, &|done, total| {
        reporter.step(Phase::Candidates, done, total)
    }));
    cut(Phase::Candidates, prepared.complete());

    // The never-placeable analysis. Drills the required-drill repair and
    // rule 12 may move (required drills, drills a coverage row counts) are
    // analysed first, in this phase: the repair's moves pick among them.
    // The others are analysed beside the construction (`alone`).
    reporter.begin(Phase::Analysis);
    let memo = alone::Alone::new(scenario, &prepared);
    let must_first =
        |d: DrillId| scenario.drill(d).is_required() || !prepared.cover_of[d.index()].is_empty();
    let (must, later): (Vec<DrillId>, Vec<DrillId>) =
        scenario.drill_ids().partition(|&d| must_first(d));
    let reached = memo.analyse(&must, &keep_going, &|done, total| {
        reporter.step(Phase::Analysis, done, total)
    });
    cut(Phase::Analysis, reached == must.len());

    reporter.begin(Phase::Parts);
    let all_parts = components::components(scenario, &prepared);
    let total_drills = scenario.drills.len().max(1) as u64;
    // A part whose drills can never run has nothing to search: its result
    // is known (drills cut short in candidate building are such parts, one
    // per venue). Each part's state is as large as the scenario, so
    // thousands of them would cost gigabytes. A part is known to have work
    // at its first drill that may run, which is most often its first drill.
    let in_baseline = |d: DrillId| {
        opts.baseline
            .as_ref()
            .is_some_and(|b| b.get(d.index()).is_some_and(Option::is_some))
    };
    let idle_parts: Vec<bool> = all_parts
        .par_iter()
        .map(|p| {
            p.iter()
                .all(|&d| !in_baseline(d) && !memo.may_run(d, &keep_going))
        })
        .collect();
    let parts: Vec<&[DrillId]> = all_parts
        .iter()
        .zip(&idle_parts)
        .filter(|(_, &idle)| !idle)
        .map(|(p, _)| p.as_slice())
        .collect();
    let seeds: Vec<u64> = parts.iter().map(|p| part::seed_of(opts.seed, p)).collect();

    reporter.begin(Phase::Construction);
    // The other drills' analysis, in the construction's order
    // (`construct::insertion_order`) so that it keeps ahead of it: the
    // construction works on one thread per part, and a province is one
    // part. A drill the construction reaches first it analyses itself;
    // either way its days are the same, and so is the schedule.
    let mut later = later;
    later.sort_by_key(|&d| {
        let drill = scenario.drill(d);
        (
            !in_baseline(d),
            std::cmp::Reverse(drill.priority),
            prepared.starts[d.index()].len(),
            d,
        )
    });
    let tried = AtomicU64::new(0);
    let placeable = |d: DrillId| memo.may_run(d, &keep_going);
    // Set when the construction is over: the helper stops, and what it
    // left is analysed on every thread.
    let constructed = AtomicBool::new(false);
    let built: Vec<(State, Vec<DrillId>)> = std::thread::scope(|scope| {
        if rayon::current_num_threads() > 1 {
            scope.spawn(|| {
                for &d in &later {
                    if !keep_going() || constructed.load(Ordering::Relaxed) {
                        break;
                    }
                    memo.days(d);
                }
            });
        }
        let built = parts
            .par_iter()
            .zip(&seeds)
            .map(|(drills, &seed)| {
                let mut state = State::new(scenario, &prepared, opts.baseline.as_deref());
                state.scope_baseline(drills);
                state.scope_coverage(drills);
                let untried = construct::first_schedule(
                    &mut state,
                    drills,
                    &placeable,
                    opts.warm_start.as_deref(),
                    seed,
                    &keep_going,
                    &|| {
                        let done = tried.fetch_add(1, Ordering::Relaxed) + 1;
                        if done % 64 == 0 {
                            reporter.step(Phase::Construction, done, total_drills);
                        }
                    },
                );
                (state, untried)
            })
            .collect();
        constructed.store(true, Ordering::Relaxed);
        built
    });
    let mut untried = vec![false; scenario.drills.len()];
    for d in built.iter().flat_map(|b| &b.1) {
        untried[d.index()] = true;
    }
    cut(Phase::Construction, !untried.contains(&true));
    let first_schedule_after = Some(budget.started.elapsed());
    // What the helper left (nothing, unless the construction was quicker):
    // the bound and the search need every drill's days.
    let rest: Vec<DrillId> = later.into_iter().filter(|&d| !memo.known(d)).collect();
    let reached = memo.analyse(&rest, &keep_going, &|_, _| {});
    cut(Phase::Analysis, reached == rest.len());
    let (alone, _) = memo.finish();
    let alone = Arc::new(alone);
    let placeable: Vec<bool> = alone.iter().map(|d| !d.is_empty()).collect();

    // The quick relaxation of every part, beside the search: it is tight
    // on most plans, and the slower rows are added only if the search
    // stalls short of it.
    let (beside, pending) =
        deadline::Beside::start(scenario, &prepared, &alone, &parts, opts.mip_bound, &budget);

    // Without the relaxation: every drill that may run, which includes
    // those the run stopped before looking at.
    let may_run = |d: &DrillId| placeable[d.index()] || !prepared.ready[d.index()];
    let trivial_bound = |drills: &[DrillId]| -> u64 {
        drills
            .iter()
            .filter(|d| may_run(d))
            .map(|&d| scenario.drill(d).priority)
            .sum()
    };

    reporter.begin(Phase::Search);
    let shared = Shared {
        scenario,
        placeable: &placeable,
        alone: &alone,
        opts,
        stop,
        started: budget.started,
        live: parts.iter().map(|_| Mutex::new((0, 0, 0.0))).collect(),
        progress: &reporter,
        beside: &beside,
    };
    let mut searches: Vec<PartSearch> = parts
        .iter()
        .zip(built)
        .zip(pending)
        .enumerate()
        .map(|(i, ((&drills, (state, _)), pending))| {
            let work = opts
                .work_limit
                .map(|w| (w * drills.len() as u64).div_ceil(total_drills).max(1));
            let trivial = trivial_bound(drills);
            PartSearch::new(&shared, i, drills, work, state, trivial, pending)
        })
        .collect();
    // Rounds: every part still searching advances by moves in proportion to
    // its size, in parallel.
    part::rounds(&shared, &mut searches);
    let searched: Vec<PartResult> = searches.into_iter().map(|s| s.finish(&shared)).collect();
    drop(beside);
    let bound_computed = searched.iter().all(|r| r.bound_computed);
    cut(Phase::Bound, bound_computed);
    let mut searched = searched.into_iter();
    let results: Vec<PartResult> = all_parts
        .iter()
        .zip(&idle_parts)
        .map(|(p, &idle)| {
            if idle {
                PartResult::never_runs(scenario, p, trivial_bound(p))
            } else {
                searched
                    .next()
                    .expect("one search per part that is not idle")
            }
        })
        .collect();

    reporter.begin(Phase::Reasons);
    let mut outcome = merge(scenario, results);
    let reached: Vec<bool> = (0..scenario.drills.len())
        .map(|i| prepared.ready[i] && !untried[i])
        .collect();
    outcome.schedule.reasons = reasons(scenario, &prepared, &alone, &reached, &outcome.schedule);
    outcome.unplaced_required = scenario
        .drill_ids()
        .filter(|&d| {
            scenario.drill(d).is_required() && outcome.schedule.placements[d.index()].is_none()
        })
        .filter_map(|d| Some((d, outcome.schedule.reasons[d.index()].clone()?)))
        .collect();
    outcome.coverage = coverage::held(scenario, &outcome.schedule);
    if !outcome.unplaced_required.is_empty() || outcome.coverage.iter().any(|h| h.is_short()) {
        outcome.status = Status::RequiredUnplaced;
    }
    if outcome.status == Status::RequiredUnplaced {
        outcome.penalty_bound = None;
    }
    let (phases, cut_short) = reporter.finish();
    outcome.bound_computed = bound_computed;
    outcome.phases = phases;
    outcome.cut_short = cut_short;
    outcome.first_schedule_after = first_schedule_after;
    outcome.elapsed = budget.started.elapsed();
    outcome
}

/// The parts' results as one outcome, in the parts' fixed order.
fn merge(scenario: &Scenario, results: Vec<PartResult>) -> Outcome {
    let mut outcome = Outcome {
        schedule: Schedule::empty(scenario),
        status: Status::Optimal,
        priority: 0,
        bound: 0,
        penalty: 0.0,
        penalty_bound: Some(0.0),
        travel_minutes: 0,
        off_preference: 0,
        changed: 0,
        moves: 0,
        kicks: 0,
        elapsed: Duration::ZERO,
        unplaced_required: Vec::new(),
        required_proven_impossible: false,
        coverage: Vec::new(),
        bound_met_after: Some(Duration::ZERO),
        bound_computed: true,
        phases: Vec::new(),
        cut_short: None,
        first_schedule_after: None,
    };
    for r in results {
        for (d, p) in r.placements {
            outcome.schedule.placements[d.index()] = p;
        }
        outcome.status = worse(outcome.status, r.status);
        outcome.priority += r.priority;
        outcome.bound += r.bound;
        outcome.penalty += r.penalty;
        outcome.penalty_bound = outcome
            .penalty_bound
            .zip(r.penalty_bound)
            .map(|(a, b)| a + b);
        outcome.travel_minutes += r.travel;
        outcome.off_preference += r.off_preference;
        outcome.changed += r.changed;
        outcome.moves += r.moves;
        outcome.kicks += r.kicks;
        outcome.required_proven_impossible |= r.required_proven_impossible;
        outcome.bound_met_after = match (outcome.bound_met_after, r.bound_met_after) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
    }
    outcome
}

/// Why each unscheduled drill is out, against the final schedule. Parts
/// share no team, venue, conflict set or standby group, so a drill's
/// reason against the whole schedule is its reason against its part.
fn reasons(
    scenario: &Scenario,
    prepared: &Prepared,
    alone: &[Vec<Day>],
    reached: &[bool],
    schedule: &Schedule,
) -> Vec<Option<Unplaced>> {
    let state = State::from_placements(scenario, prepared, &schedule.placements);
    let empty = State::new(scenario, prepared, None);
    scenario
        .drill_ids()
        .collect::<Vec<_>>()
        .par_iter()
        // A thread's own copy of the state, made only when a coverage
        // reason is tried (it takes drills out and puts them back).
        .map_init(
            || None::<State>,
            |own, &d| {
                if state.is_placed(d) {
                    None
                } else if !reached[d.index()] {
                    Some(Unplaced::NotTried)
                } else if alone[d.index()].is_empty() {
                    Some(alone_reason(&empty, d))
                } else {
                    Some(match explain::contention_reason(&state, d) {
                        room @ Unplaced::NoRoom { .. } if !prepared.cover.is_empty() => {
                            let own = own.get_or_insert_with(|| state.clone());
                            explain::coverage_reason(own, d).unwrap_or(room)
                        }
                        other => other,
                    })
                }
            },
        )
        .collect()
}
