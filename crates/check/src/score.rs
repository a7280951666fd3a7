//! The score (section 4 of `docs/scenario-format.md`), recomputed from the file's claims.

use super::team_rules::team_days;
use crate::scenario::travel::Point;
use crate::scenario::{DrillId, Scenario, Weights};
use crate::schedule::Entry;
use drillplan_model::lang::{Lang, Say};
use std::collections::BTreeSet;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub scheduled: usize,
    pub drills: usize,
    pub priority: u64,
    pub total_priority: u64,
    pub travel_minutes: u64,
    pub off_preference: u64,
    pub changed: u64,
    /// Pairs of scheduled drills of one district on one date (v1.1 `spread`).
    pub same_day_pairs: u64,
    pub penalty: f64,
    pub weights: Weights,
    /// Whether the schedule was scored against a baseline (`changed` counts).
    pub against_baseline: bool,
}

impl Score {
    /// The penalty term by term.
    pub fn terms(&self) -> PenaltyTerms {
        PenaltyTerms {
            weights: self.weights,
            travel_minutes: self.travel_minutes,
            off_preference: self.off_preference,
            changed: self.against_baseline.then_some(self.changed),
            same_day_pairs: self.same_day_pairs,
            penalty: self.penalty,
        }
    }
}

/// A penalty with what it is made of: each count of section 4 times its
/// weight, so that a planner can add it up. A summary that gave the counts
/// alone (travel 3 793 min, off-preference 0, changed 0) left 4 250 of a
/// penalty of 8 043 unexplained: the same-day pairs, at 10 each.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PenaltyTerms {
    pub weights: Weights,
    pub travel_minutes: u64,
    pub off_preference: u64,
    /// Drills changed against the baseline; `None` without one.
    pub changed: Option<u64>,
    pub same_day_pairs: u64,
    pub penalty: f64,
}

impl Say for PenaltyTerms {
    /// `8043 = travel 3793 min × 1 + same-day pairs 425 × 10`: travel
    /// always, the changed drills whenever there is a baseline (none
    /// changed is news then), each other term where it adds something.
    fn say(&self, lang: Lang) -> String {
        let w = self.weights;
        let mut out = format!("{} = ", number(self.penalty));
        let (travel, weight) = (self.travel_minutes, number(w.travel));
        out += &drillplan_model::words!(lang,
            en: "travel {travel} min × {weight}",
            zh: "行程 {travel} 分钟 × {weight}");
        let others = [
            (self.off_preference, w.off_preference, Term::OffPreference),
            (self.changed.unwrap_or(0), w.change, Term::Changed),
            (self.same_day_pairs, w.spread, Term::SameDayPairs),
        ];
        for (count, weight, term) in others {
            let shown = match term {
                Term::Changed => self.changed.is_some(),
                _ => count != 0 && weight != 0.0,
            };
            if !shown {
                continue;
            }
            let weight = number(weight);
            out += &match term {
                Term::OffPreference => drillplan_model::words!(lang,
                    en: " + off-preference {count} × {weight}",
                    zh: " + 偏离偏好 {count} 场 × {weight}"),
                Term::Changed => drillplan_model::words!(lang,
                    en: " + changed {count} × {weight}",
                    zh: " + 改动 {count} 场 × {weight}"),
                Term::SameDayPairs => drillplan_model::words!(lang,
                    en: " + same-day pairs {count} × {weight}",
                    zh: " + 同日演练 {count} 对 × {weight}"),
            };
        }
        out
    }
}

enum Term {
    OffPreference,
    Changed,
    SameDayPairs,
}

pub(super) fn score(
    scenario: &Scenario,
    entries: &[Option<Entry>],
    baseline: Option<&[Option<Entry>]>,
) -> Score {
    let scheduled: Vec<(DrillId, &Entry)> = scenario
        .drill_ids()
        .filter_map(|d| entries[d.index()].as_ref().map(|e| (d, e)))
        .collect();
    let priority = scheduled
        .iter()
        .map(|(d, _)| scenario.drill(*d).priority)
        .sum();
    let mut travel_minutes = 0u64;
    for ((t, _), route) in team_days(scenario, &scheduled) {
        let mut at = Point::Base(t);
        for (d, _) in &route {
            let venue = Point::Venue(scenario.drill(*d).venue);
            travel_minutes += scenario.travel.between(at, venue) as u64;
            at = venue;
        }
        travel_minutes += scenario.travel.between(at, Point::Base(t)) as u64;
    }
    let off_preference = scheduled
        .iter()
        .filter(|(d, e)| {
            let Some(prefer) = &scenario.drill(*d).prefer else {
                return false;
            };
            let end = e.start + scenario.drill(*d).duration;
            let day_ok = match (&prefer.days, scenario.day_of(e.date)) {
                (None, _) => true,
                (Some(days), Some(day)) => days[day as usize],
                (Some(_), None) => false,
            };
            let hours_ok = prefer
                .hours
                .as_ref()
                .is_none_or(|hs| hs.iter().any(|w| w.start <= e.start && end <= w.end));
            !(day_ok && hours_ok)
        })
        .count() as u64;
    let changed = baseline.map_or(0, |base| {
        scenario
            .drill_ids()
            .filter(|d| match (&base[d.index()], &entries[d.index()]) {
                (None, _) => false,
                (Some(_), None) => true,
                (Some(old), Some(new)) => {
                    let set = |e: &Entry| e.teams.iter().copied().collect::<BTreeSet<_>>();
                    old.date != new.date || old.start != new.start || set(old) != set(new)
                }
            })
            .count() as u64
    });
    let mut per_district_date: std::collections::BTreeMap<_, u64> = Default::default();
    for (d, e) in &scheduled {
        let venue = scenario.drill(*d).venue;
        *per_district_date
            .entry((scenario.venue(venue).district, e.date))
            .or_default() += 1;
    }
    let same_day_pairs: u64 = per_district_date
        .values()
        .map(|&n| n * n.saturating_sub(1) / 2)
        .sum();
    let w = scenario.weights;
    Score {
        scheduled: scheduled.len(),
        drills: scenario.drills.len(),
        priority,
        total_priority: scenario.total_priority(),
        travel_minutes,
        off_preference,
        changed,
        same_day_pairs,
        penalty: w.travel * travel_minutes as f64
            + w.off_preference * off_preference as f64
            + w.change * changed as f64
            + w.spread * same_day_pairs as f64,
        weights: w,
        against_baseline: baseline.is_some(),
    }
}

/// Integral numbers print without a fraction.
pub fn number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{}", x as i64)
    } else {
        format!("{x:.3}")
    }
}

impl Say for Score {
    fn say(&self, lang: Lang) -> String {
        let (scheduled, drills, priority, total) = (
            self.scheduled,
            self.drills,
            self.priority,
            self.total_priority,
        );
        let penalty = self.terms().say(lang);
        drillplan_model::words!(lang,
            en: "score: scheduled {scheduled}/{drills} drills, priority {priority} of {total}, \
                 penalty {penalty}",
            zh: "得分：已安排 {scheduled}/{drills} 项演练，优先级 {priority}（共 {total}），\
                 惩罚 {penalty}")
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}
