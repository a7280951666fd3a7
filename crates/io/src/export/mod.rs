//! The views planners and the units they notify need, built from a scenario
//! and a schedule the checker accepts (or, with `export --force`, any
//! schedule, its violations listed): an Excel workbook, team rosters (CSV),
//! calendars (.ics) per team and venue, and a printable HTML report.
//! `Plan` gathers what every view shows, so the views agree with each other
//! and with the checker.

pub mod html;
pub mod ics;
pub mod rosters;
mod sheet_name;
pub mod xlsx;

use crate::check::score::Score;
use crate::check::Report;
use crate::lang::{Label, Lang};
use crate::reason::Unplaced;
use crate::scenario::travel::Point;
use crate::scenario::{DrillId, Scenario, TeamId};
use crate::schedule::{Entry, Placement};
use chrono::NaiveDate;

/// A schedule ready to be shown: entries, reasons, score and rule checks.
pub struct Plan<'s> {
    pub scenario: &'s Scenario,
    /// One per drill of the scenario.
    pub entries: Vec<Option<Entry>>,
    /// Why each unscheduled drill is out (empty for scheduled ones).
    pub reasons: Vec<String>,
    pub score: Score,
    /// An upper bound on the scheduled priority, when known.
    pub bound: Option<u64>,
    /// Rule violations, listed when a schedule is exported with `--force`.
    pub violations: Vec<String>,
    pub lang: Lang,
    /// With a baseline: per drill, what changed against it and why, in the
    /// planner's words (`None`: unchanged). Empty without a baseline.
    pub changes: Vec<Option<String>>,
}

impl<'s> Plan<'s> {
    pub fn new(
        scenario: &'s Scenario,
        entries: Vec<Option<Entry>>,
        reasons: Vec<Why>,
        report: &Report,
        bound: Option<u64>,
        lang: Lang,
    ) -> Self {
        Plan {
            scenario,
            entries,
            reasons: reasons
                .iter()
                .map(|r| match r {
                    Why::Known(reason) => lang.say(reason),
                    Why::Written(text) => text.clone(),
                })
                .collect(),
            score: report.score.clone(),
            bound,
            violations: report
                .violations
                .iter()
                .map(|v| {
                    let (rule, n, broken) = (Label::Rule.say(lang), &v.rule, lang.say(&v.broken));
                    drillplan_model::words!(lang,
                        en: "{rule} {n}: {broken}",
                        zh: "{rule} {n}：{broken}")
                })
                .collect(),
            lang,
            changes: Vec::new(),
        }
    }

    /// The plan marked with what changed against a baseline, one entry per
    /// drill (see `changes::by_drill`).
    pub fn with_changes(mut self, changes: Vec<Option<String>>) -> Self {
        self.changes = changes;
        self
    }

    /// What changed for drill `d` against the baseline, if anything.
    pub fn change(&self, d: DrillId) -> Option<&str> {
        self.changes.get(d.index()).and_then(|c| c.as_deref())
    }

    /// Whether the plan was made against a baseline.
    pub fn has_baseline(&self) -> bool {
        !self.changes.is_empty()
    }

    /// Scheduled drills by date, then start, then file order.
    pub fn scheduled(&self) -> Vec<(DrillId, &Entry)> {
        let mut out: Vec<(DrillId, &Entry)> = self
            .scenario
            .drill_ids()
            .filter_map(|d| self.entries[d.index()].as_ref().map(|e| (d, e)))
            .collect();
        out.sort_by_key(|(d, e)| (e.date, e.start, *d));
        out
    }

    /// Drills scheduled on `date`, by start, then file order.
    pub fn scheduled_on(&self, date: NaiveDate) -> Vec<DrillId> {
        self.scheduled()
            .into_iter()
            .filter(|(_, e)| e.date == date)
            .map(|(d, _)| d)
            .collect()
    }

    pub fn unscheduled(&self) -> Vec<DrillId> {
        self.scenario
            .drill_ids()
            .filter(|d| self.entries[d.index()].is_none())
            .collect()
    }

    /// The plan's dates, first to last.
    pub fn dates(&self) -> Vec<NaiveDate> {
        (0..self.scenario.num_days)
            .map(|d| self.scenario.date(d))
            .collect()
    }

    /// The team's display name: its name, or its id when it has none.
    pub fn team_name(&self, t: TeamId) -> &str {
        let team = self.scenario.team(t);
        if team.name.is_empty() {
            &team.id
        } else {
            &team.name
        }
    }

    pub fn drill_name(&self, d: DrillId) -> &str {
        let drill = self.scenario.drill(d);
        if drill.name.is_empty() {
            &drill.id
        } else {
            &drill.name
        }
    }

    pub fn venue_name(&self, d: DrillId) -> &str {
        let venue = self.scenario.venue(self.scenario.drill(d).venue);
        if venue.name.is_empty() {
            &venue.id
        } else {
            &venue.name
        }
    }

    pub fn district_name(&self, d: DrillId) -> &str {
        let district = &self.scenario.districts[self
            .scenario
            .venue(self.scenario.drill(d).venue)
            .district
            .index()];
        if district.name.is_empty() {
            &district.id
        } else {
            &district.name
        }
    }

    /// Team names of an entry, joined for a cell.
    pub fn team_names(&self, e: &Entry) -> String {
        e.teams
            .iter()
            .map(|&t| self.team_name(t))
            .collect::<Vec<_>>()
            .join("、")
    }

    /// Sector label: the drill's sector, or "-" when it has none.
    pub fn sector(&self, d: DrillId) -> &str {
        match self.scenario.drill(d).sector.as_str() {
            "" => "-",
            s => s,
        }
    }

    /// The gap between the scheduled priority and the bound, as a fraction.
    pub fn gap(&self) -> Option<f64> {
        self.bound
            .map(|b| crate::solve::relative_gap(self.score.priority, b))
    }

    /// Whether team `t` drives back to base between drill `a` (starting at
    /// `a_start`) and its next drill `b` of the day: when, after driving home
    /// and back out, it would still have `HOME_MINUTES` at base, rather than
    /// hours of waiting at a venue. The schedule only needs the direct leg
    /// (rule 6), so this changes what the roster shows a team doing with a
    /// long gap, not the score.
    fn home_between(&self, t: TeamId, a: DrillId, a_start: u32, b: DrillId, b_start: u32) -> bool {
        let sc = self.scenario;
        let (va, vb) = (
            Point::Venue(sc.drill(a).venue),
            Point::Venue(sc.drill(b).venue),
        );
        let a_end = a_start + sc.drill(a).duration;
        let drives = sc.travel.between(va, Point::Base(t)) + sc.travel.between(Point::Base(t), vb);
        b_start >= a_end + drives + HOME_MINUTES
    }

    /// Every team's stops, day by day, with travel: the roster.
    pub fn roster(&self) -> Vec<Stop> {
        let sc = self.scenario;
        let mut out = Vec::new();
        for t in sc.team_ids() {
            let mut days: Vec<(NaiveDate, u32, DrillId)> = self
                .scenario
                .drill_ids()
                .filter_map(|d| {
                    let e = self.entries[d.index()].as_ref()?;
                    e.teams.contains(&t).then_some((e.date, e.start, d))
                })
                .collect();
            days.sort();
            for (i, &(date, start, d)) in days.iter().enumerate() {
                let venue = Point::Venue(sc.drill(d).venue);
                let end = start + sc.drill(d).duration;
                let prev = (i > 0 && days[i - 1].0 == date).then(|| days[i - 1]);
                let next = days.get(i + 1).filter(|n| n.0 == date).copied();
                let (from, leave, travel_to) = match prev {
                    Some((_, prev_start, p)) if !self.home_between(t, p, prev_start, d, start) => {
                        let travel = sc.travel.between(Point::Venue(sc.drill(p).venue), venue);
                        (Some(p), prev_start + sc.drill(p).duration, travel)
                    }
                    _ => {
                        let travel = sc.travel.between(Point::Base(t), venue);
                        (None, start.saturating_sub(travel), travel)
                    }
                };
                let next = next
                    .filter(|&(_, next_start, n)| !self.home_between(t, d, start, n, next_start));
                let (travel_on, back_at_base) = match next {
                    Some((_, _, n)) => (
                        sc.travel.between(venue, Point::Venue(sc.drill(n).venue)),
                        None,
                    ),
                    None => {
                        let travel = sc.travel.between(venue, Point::Base(t));
                        (travel, Some(end + travel))
                    }
                };
                out.push(Stop {
                    team: t,
                    drill: d,
                    date,
                    start,
                    end,
                    from,
                    leave,
                    travel_to,
                    arrive: leave + travel_to,
                    next: next.map(|n| n.2),
                    travel_on,
                    back_at_base,
                });
            }
        }
        out
    }

    /// District x sector: scheduled drills per cell, districts and sectors in
    /// file order (sectors first seen first).
    pub fn coverage(&self) -> Coverage {
        let sc = self.scenario;
        let mut sectors: Vec<String> = Vec::new();
        for d in sc.drill_ids() {
            let s = self.sector(d).to_string();
            if !sectors.contains(&s) {
                sectors.push(s);
            }
        }
        // A sector a coverage row asks for but no drill has is a column of
        // zeros: the gap the planner must see.
        for row in &sc.coverage {
            if let Some(s) = &row.sector {
                if !sectors.contains(s) {
                    sectors.push(s.clone());
                }
            }
        }
        let mut counts = vec![vec![0u32; sectors.len()]; sc.districts.len()];
        for (d, _) in self.scheduled() {
            let district = sc.venue(sc.drill(d).venue).district.index();
            let sector = sectors
                .iter()
                .position(|s| s == self.sector(d))
                .expect("collected above");
            counts[district][sector] += 1;
        }
        let scheduled = self.scheduled();
        let requirements = sc
            .coverage
            .iter()
            .flat_map(|row| {
                let scheduled = &scheduled;
                row.districts.iter().map(move |&district| {
                    let has = scheduled
                        .iter()
                        .filter(|(d, _)| {
                            sc.district_of(*d) == district && row.matches(sc.drill(*d))
                        })
                        .count() as u32;
                    let named = &sc.districts[district.index()];
                    Requirement {
                        name: row.name.say(self.lang),
                        district: if named.name.is_empty() {
                            named.id.clone()
                        } else {
                            named.name.clone()
                        },
                        has,
                        min: row.min_drills,
                    }
                })
            })
            .collect();
        Coverage {
            requirements,
            districts: sc
                .districts
                .iter()
                .map(|d| {
                    if d.name.is_empty() {
                        d.id.clone()
                    } else {
                        d.name.clone()
                    }
                })
                .collect(),
            sectors,
            counts,
        }
    }
}

/// Why a drill is out, as the views show it: a reason drillplan can put in
/// the views' language, or text a schedule file gives that drillplan did not
/// write (a planner's note, another tool's words), shown as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Why {
    Known(Unplaced),
    Written(String),
}

impl From<Option<Unplaced>> for Why {
    fn from(reason: Option<Unplaced>) -> Self {
        reason.map_or(Why::Written(String::new()), Why::Known)
    }
}

/// The reasons of a schedule read from a file (`written`, one per drill):
/// where the file says what `solve` says of that schedule, the reason as a
/// value, to be shown in the views' language; elsewhere the file's words.
/// An infeasible schedule (exported with `--force`) keeps the file's words.
pub fn file_reasons(
    scenario: &Scenario,
    entries: &[Option<Entry>],
    written: Vec<String>,
    feasible: bool,
) -> Vec<Why> {
    if !feasible {
        return written.into_iter().map(Why::Written).collect();
    }
    let placements: Vec<Option<Placement>> = entries
        .iter()
        .map(|e| {
            let e = e.as_ref()?;
            Some(Placement {
                day: scenario.day_of(e.date)?,
                start: e.start,
                teams: e.teams.clone(),
            })
        })
        .collect();
    let known = crate::solve::explain::reasons(scenario, &placements);
    written
        .into_iter()
        .zip(known)
        .map(|(text, reason)| match reason {
            Some(r) if r.to_string() == text => Why::Known(r),
            _ => Why::Written(text),
        })
        .collect()
}

/// The least time at base that makes a trip home between two drills worth
/// showing.
pub const HOME_MINUTES: u32 = 60;

/// One drill in one team's day.
#[derive(Debug, Clone, PartialEq)]
pub struct Stop {
    pub team: TeamId,
    pub drill: DrillId,
    pub date: NaiveDate,
    pub start: u32,
    pub end: u32,
    /// The drill it comes from (None: the team comes from its base, at the
    /// start of its day or after going home during a long gap).
    pub from: Option<DrillId>,
    /// When it leaves the previous stop: the previous drill's end, or, from
    /// base, just in time.
    pub leave: u32,
    pub travel_to: u32,
    pub arrive: u32,
    /// The drill it drives on to (None: back to base).
    pub next: Option<DrillId>,
    pub travel_on: u32,
    /// When it goes back to base after this drill: when it is there.
    pub back_at_base: Option<u32>,
}

pub struct Coverage {
    pub districts: Vec<String>,
    pub sectors: Vec<String>,
    /// `counts[district][sector]`
    pub counts: Vec<Vec<u32>>,
    /// Each coverage row of the scenario in each of its districts (rule 12).
    pub requirements: Vec<Requirement>,
}

/// One coverage row in one district: how many matching drills the schedule
/// holds against the least the row asks.
pub struct Requirement {
    pub name: String,
    pub district: String,
    pub has: u32,
    pub min: u32,
}

impl Requirement {
    pub fn held(&self) -> bool {
        self.has >= self.min
    }
}
