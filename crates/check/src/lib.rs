//! The independent checker of rules 1-12 and of the score (sections 3 and
//! 4 of `docs/scenario-format.md`). It reads a schedule as a file states it and verifies every
//! claim with plain, obviously-correct loops. It shares no feasibility code
//! with `solve`: only the validated `Scenario` and the travel arithmetic.
//!
//! A schedule that leaves a mandatory drill out breaks rule 11, and the
//! report says so with the drill:
//!
//! ```
//! use drillplan_check::check;
//! use drillplan_model::scenario::parse;
//!
//! let scenario = parse("plan.toml", r#"
//! [plan]
//! start = 2017-06-19
//! end = 2017-06-19
//! [[district]]
//! id = "karamay"
//! [[venue]]
//! id = "school"
//! district = "karamay"
//! location = [45.58, 84.88]
//! [[team]]
//! id = "fire-1"
//! skills = ["fire"]
//! district = "karamay"
//! base = [45.59, 84.87]
//! [[drill]]
//! id = "evacuation"
//! venue = "school"
//! duration = 60
//! mandatory = true
//! needs = [{ skill = "fire" }]
//! "#).unwrap();
//!
//! let nothing_scheduled = vec![None; scenario.drills.len()];
//! let report = check(&scenario, &nothing_scheduled, None);
//! assert!(!report.is_feasible());
//! assert_eq!(report.rules_broken(), vec![11]);
//! assert_eq!(report.violations[0].missing, scenario.find_drill("evacuation"));
//! ```

pub mod columns;
mod coverage_rule;
mod plan_rules;
pub mod score;
mod shared_rules;
mod team_rules;

// The model's modules, under the names the rules' files use.
use drillplan_model::{reason, scenario, schedule};

use crate::reason::{Broken, Stated};
use crate::scenario::{DrillId, Scenario};
use crate::schedule::Entry;
use drillplan_model::lang::{Lang, Say};
pub use score::{PenaltyTerms, Score};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// Rule number (1-12, `docs/scenario-format.md` section 3): `broken.rule()`.
    pub rule: u8,
    /// What breaks it, as a value that `lang` puts in words.
    pub broken: Broken,
    /// For rule 11: the required drill that is not scheduled at all.
    pub missing: Option<DrillId>,
}

impl Violation {
    pub fn new(broken: Broken) -> Self {
        Violation {
            rule: broken.rule(),
            broken,
            missing: None,
        }
    }
}

impl Say for Violation {
    fn say(&self, lang: Lang) -> String {
        let (rule, broken) = (self.rule, lang.say(&self.broken));
        drillplan_model::words!(lang, en: "rule {rule}: {broken}", zh: "规则 {rule}：{broken}")
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

#[derive(Debug, Clone)]
pub struct Report {
    pub violations: Vec<Violation>,
    pub score: Score,
}

impl Report {
    pub fn is_feasible(&self) -> bool {
        self.violations.is_empty()
    }

    pub fn rules_broken(&self) -> Vec<u8> {
        let mut rules: Vec<u8> = self.violations.iter().map(|v| v.rule).collect();
        rules.sort();
        rules.dedup();
        rules
    }
}

/// Checks `entries` (one per drill of `scenario`) against every rule and scores them.
///
/// A file's schedule is trusted in nothing: here two drills share a venue
/// that takes one at a time, and the report names rule 8 in the planner's
/// language, while still scoring what the file states:
///
/// ```
/// use chrono::NaiveDate;
/// use drillplan_check::check;
/// use drillplan_model::lang::{Lang, Say};
/// use drillplan_model::scenario::parse;
/// use drillplan_model::schedule::Entry;
///
/// // Two drills for the one hour of one venue, teams based at the venue.
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
/// let scenario = parse("plan.toml", text).unwrap();
/// let at_eight = |team: &str| Some(Entry {
///     date: NaiveDate::from_ymd_opt(2017, 6, 19).unwrap(),
///     start: 8 * 60,
///     end: 9 * 60,
///     teams: vec![scenario.find_team(team).unwrap()],
/// });
/// let both = vec![at_eight("fire-1"), at_eight("fire-2")];
/// let report = check(&scenario, &both, None);
/// assert_eq!(report.rules_broken(), vec![8]);
/// assert!(report.violations[0].to_string().starts_with("rule 8: "));
/// assert!(report.violations[0].say(Lang::Zh).starts_with("规则 8："));
/// assert_eq!((report.score.scheduled, report.score.priority), (2, 8));
///
/// let one = vec![at_eight("fire-1"), None];
/// let report = check(&scenario, &one, None);
/// assert!(report.is_feasible());
/// assert_eq!((report.score.priority, report.score.travel_minutes), (5, 0));
/// ```
pub fn check(
    scenario: &Scenario,
    entries: &[Option<Entry>],
    baseline: Option<&[Option<Entry>]>,
) -> Report {
    let mut violations = Vec::new();
    let scheduled: Vec<(DrillId, &Entry)> = scenario
        .drill_ids()
        .filter_map(|d| entries[d.index()].as_ref().map(|e| (d, e)))
        .collect();
    plan_rules::check(scenario, &scheduled, &mut violations);
    team_rules::check(scenario, &scheduled, &mut violations);
    shared_rules::check(scenario, &scheduled, &mut violations);
    coverage_rule::check(scenario, &scheduled, &mut violations);
    let score = score::score(scenario, entries, baseline);
    Report { violations, score }
}

/// A scheduled drill as the file states it, for messages.
fn stated(scenario: &Scenario, drill: DrillId, entry: &Entry) -> Stated {
    Stated {
        drill: scenario.drill(drill).id.clone(),
        date: entry.date,
        start: entry.start,
        end: end_of(scenario, drill, entry),
    }
}

/// A drill ends `duration` after it starts, whatever the file's `end` cell says
/// (rule 1 reports a disagreement).
fn end_of(scenario: &Scenario, drill: DrillId, entry: &Entry) -> u32 {
    entry.start + scenario.drill(drill).duration
}
