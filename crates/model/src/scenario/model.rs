//! The validated scenario, as `build` makes it: every field here satisfies
//! the validity rules of `docs/scenario-format.md`. The fields are public,
//! so code that changes one keeps the rules itself (the command line's
//! `terminal::printable` only escapes free-text names, which no rule reads).

use super::ids::*;
use super::time::{Minute, Window};
use super::travel::TravelTimes;
use chrono::NaiveDate;
use std::collections::HashMap;

#[derive(Debug, Clone)]
pub struct Scenario {
    pub name: String,
    pub start: NaiveDate,
    /// Number of plan days, `start..=end`.
    pub num_days: u32,
    pub slot_minutes: Minute,
    pub weights: Weights,
    pub districts: Vec<District>,
    pub venues: Vec<Venue>,
    pub teams: Vec<Team>,
    pub drills: Vec<Drill>,
    pub conflicts: Vec<Conflict>,
    pub standbys: Vec<Standby>,
    /// `[[coverage]]` rows (contract v1.1, rule 12), in file order.
    pub coverage: Vec<Coverage>,
    /// Interned skill names; `SkillId` indexes this.
    pub skills: Vec<String>,
    pub travel: TravelTimes,
    pub(crate) drill_index: HashMap<String, DrillId>,
    pub(crate) team_index: HashMap<String, TeamId>,
}

/// `travel.speed_kmh` when the scenario does not give it: road speed.
pub const DEFAULT_SPEED_KMH: f64 = 40.0;
/// `travel.detour` when the scenario does not give it: road length over
/// great-circle distance.
pub const DEFAULT_DETOUR: f64 = 1.3;

/// Weights of the penalty (`docs/scenario-format.md` section 4).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Weights {
    pub travel: f64,
    pub off_preference: f64,
    pub change: f64,
    /// Per pair of drills of one district on one date (v1.1).
    pub spread: f64,
}

impl Weights {
    /// `[objective]` when the scenario does not give it (or a weight of it).
    pub const DEFAULT: Weights = Weights {
        travel: 1.0,
        off_preference: 60.0,
        change: 1000.0,
        spread: 0.0,
    };
}

#[derive(Debug, Clone)]
pub struct District {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Venue {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub district: DistrictId,
    pub location: [f64; 2],
    pub capacity: u32,
    pub hours: Vec<Window>,
    /// Per plan day: selected by `days` and not `closed`.
    pub open: Vec<bool>,
}

#[derive(Debug, Clone)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub agency: String,
    pub skills: Vec<SkillId>,
    pub district: DistrictId,
    pub base: [f64; 2],
    pub shift: Window,
    /// Per plan day: selected by `days` and not `off`.
    pub works: Vec<bool>,
    pub max_drills_per_day: Option<u32>,
    pub max_minutes_per_day: Option<u32>,
}

impl Team {
    pub fn has_skill(&self, skill: SkillId) -> bool {
        self.skills.contains(&skill)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Skill { skill: SkillId, count: u32 },
    Team(TeamId),
}

impl Need {
    pub fn count(&self) -> u32 {
        match self {
            Need::Skill { count, .. } => *count,
            Need::Team(_) => 1,
        }
    }

    pub fn accepts(&self, scenario: &Scenario, team: TeamId) -> bool {
        match *self {
            Need::Skill { skill, .. } => scenario.teams[team.index()].has_skill(skill),
            Need::Team(t) => t == team,
        }
    }
}

/// Hard time limits of a drill, in minutes from `plan.start` 00:00 (may be negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HardWindow {
    pub from: i64,
    pub to: i64,
}

#[derive(Debug, Clone, Default)]
pub struct Preference {
    /// Per plan day, when `prefer.days` is given.
    pub days: Option<Vec<bool>>,
    pub hours: Option<Vec<Window>>,
}

#[derive(Debug, Clone, Default)]
pub struct Pin {
    /// Pinned starts in seconds from `plan.start` 00:00 (one per pin that gives
    /// a start). One off the plan or off the grid, or two that differ, make the
    /// drill impossible rather than the scenario invalid.
    pub starts: Vec<i64>,
    pub teams: Vec<TeamId>,
}

#[derive(Debug, Clone)]
pub struct Drill {
    pub id: String,
    pub name: String,
    pub venue: VenueId,
    /// The kind and sector by key (`crowded_places` for `人员密集场所`), which coverage rows match.
    pub kind: String,
    pub sector: String,
    /// The kind and sector as the scenario writes them, which the schedule's `kind` and `sector`
    /// columns carry: a checker reading the file literally compares the column with this text.
    pub kind_written: String,
    pub sector_written: String,
    pub duration: Minute,
    pub priority: u64,
    pub mandatory: bool,
    pub needs: Vec<Need>,
    pub window: Option<HardWindow>,
    pub prefer: Option<Preference>,
    pub pin: Option<Pin>,
    /// Conflict sets this drill belongs to.
    pub conflicts: Vec<ConflictId>,
}

impl Drill {
    /// Mandatory or pinned: the schedule must contain it (rule 11).
    pub fn is_required(&self) -> bool {
        self.mandatory || self.pin.is_some()
    }

    pub fn team_count(&self) -> u32 {
        self.needs.iter().map(Need::count).sum()
    }

    /// How many teams its needs ask for by `skill` (named teams not counted).
    pub fn slots_with_skill(&self, skill: SkillId) -> u32 {
        self.needs
            .iter()
            .map(|n| match n {
                Need::Skill { skill: s, count } if *s == skill => *count,
                _ => 0,
            })
            .sum()
    }
}

#[derive(Debug, Clone)]
pub struct Conflict {
    pub name: String,
    /// Its drills plus every drill at its venues, ascending, without repeats.
    pub drills: Vec<DrillId>,
    pub gap: Minute,
}

#[derive(Debug, Clone)]
pub struct Standby {
    pub district: DistrictId,
    pub skill: SkillId,
    pub keep: u32,
    /// The teams of that district with that skill (G in rule 10), ascending.
    pub group: Vec<TeamId>,
}

impl Standby {
    /// How many of the group may be in drills at one instant.
    pub fn available(&self) -> u32 {
        self.group.len() as u32 - self.keep
    }
}

/// A coverage row as a planner reads of it: its `name`, or, when it has
/// none, its place among the rows (1-based), said in the reader's language
/// (`coverage #2`, `第 2 条覆盖要求`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CoverageName {
    Named(String),
    Nth(usize),
}

impl CoverageName {
    /// The name alone: `危化品`, `coverage #2` / `第 2 条覆盖要求`.
    pub fn say(&self, lang: crate::lang::Lang) -> String {
        match self {
            CoverageName::Named(name) => name.clone(),
            CoverageName::Nth(n) => crate::words!(lang,
                en: "coverage #{n}",
                zh: "第 {n} 条覆盖要求"),
        }
    }

    /// The row in a sentence: `coverage "危化品"` / `覆盖要求“危化品”`, and
    /// `coverage #2` / `第 2 条覆盖要求` for a row without a name.
    pub fn phrase(&self, lang: crate::lang::Lang) -> String {
        match self {
            CoverageName::Named(name) => crate::words!(lang,
                en: "coverage \"{name}\"",
                zh: "覆盖要求“{name}”"),
            CoverageName::Nth(_) => self.say(lang),
        }
    }

    /// The row under a heading that already says "coverage": `"危化品"` /
    /// `“危化品”`, and `#2` / `第 2 条` for a row without a name.
    pub fn short(&self, lang: crate::lang::Lang) -> String {
        match self {
            CoverageName::Named(name) => crate::words!(lang,
                en: "\"{name}\"",
                zh: "“{name}”"),
            CoverageName::Nth(n) => crate::words!(lang,
                en: "#{n}",
                zh: "第 {n} 条"),
        }
    }

    /// The row in a validation message: ``coverage row `危化品` `` /
    /// `覆盖要求「危化品」`, and `coverage #2` / `第 2 条覆盖要求`.
    pub fn row_phrase(&self, lang: crate::lang::Lang) -> String {
        match self {
            CoverageName::Named(name) => crate::words!(lang,
                en: "coverage row `{name}`",
                zh: "覆盖要求「{name}」"),
            CoverageName::Nth(_) => self.say(lang),
        }
    }

    /// The name with every control character made safe for a terminal.
    pub fn map_text(&mut self, fix: impl FnOnce(&mut String)) {
        if let CoverageName::Named(name) = self {
            fix(name);
        }
    }
}

/// In English, as the contract's reports say it.
impl std::fmt::Display for CoverageName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(crate::lang::Lang::En))
    }
}

/// A `[[coverage]]` row: in each of `districts`, at least `min_drills`
/// scheduled drills matching `sector` and `kind` (those given).
#[derive(Debug, Clone)]
pub struct Coverage {
    /// The row's `name`, or its place when it has none: what reports say.
    pub name: CoverageName,
    pub sector: Option<String>,
    pub kind: Option<String>,
    /// Ascending, without repeats; every district when the row lists none.
    pub districts: Vec<DistrictId>,
    pub min_drills: u32,
}

impl Coverage {
    /// Whether `drill` counts towards this row, wherever its venue is.
    pub fn matches(&self, drill: &Drill) -> bool {
        self.sector.as_ref().is_none_or(|s| *s == drill.sector)
            && self.kind.as_ref().is_none_or(|k| *k == drill.kind)
    }
}

impl Scenario {
    /// The district a drill belongs to: its venue's.
    pub fn district_of(&self, drill: DrillId) -> DistrictId {
        self.venue(self.drill(drill).venue).district
    }

    /// A district as a planner names it: its name, or its id when it has
    /// none (messages say `克拉玛依区`, not `krm`).
    pub fn district_label(&self, id: DistrictId) -> &str {
        let d = &self.districts[id.index()];
        if d.name.trim().is_empty() {
            &d.id
        } else {
            &d.name
        }
    }

    pub fn date(&self, day: Day) -> NaiveDate {
        self.start + chrono::Days::new(day as u64)
    }

    /// A moment given in minutes from the plan's first day at 00:00, as a
    /// date and a minute of it; with `end`, a moment at midnight is the
    /// previous date's 24:00, as a window's end is read.
    pub fn moment(&self, minutes: i64, end: bool) -> (NaiveDate, u32) {
        let per_day = i64::from(super::time::MINUTES_PER_DAY);
        let (mut day, mut minute) = (minutes.div_euclid(per_day), minutes.rem_euclid(per_day));
        if end && minute == 0 {
            (day, minute) = (day - 1, per_day);
        }
        (self.start + chrono::Duration::days(day), minute as u32)
    }

    /// Plan day of `date`, if it is one.
    /// `date` in the plan's year, when it is not a plan day but its month
    /// and day are: Excel and WPS give a date typed without its year (`6/21`)
    /// the current year.
    pub fn in_plan_year(&self, date: NaiveDate) -> Option<NaiveDate> {
        use chrono::Datelike;
        if self.day_of(date).is_some() {
            return None;
        }
        let end = self.date(self.num_days.saturating_sub(1));
        [self.start.year(), end.year()]
            .into_iter()
            .filter_map(|y| date.with_year(y))
            .find(|d| self.day_of(*d).is_some())
    }

    pub fn day_of(&self, date: NaiveDate) -> Option<Day> {
        let offset = (date - self.start).num_days();
        (0..self.num_days as i64)
            .contains(&offset)
            .then_some(offset as Day)
    }

    pub fn total_priority(&self) -> u64 {
        self.drills.iter().map(|d| d.priority).sum()
    }

    pub fn drill_ids(&self) -> impl Iterator<Item = DrillId> {
        (0..self.drills.len() as u32).map(DrillId)
    }

    pub fn team_ids(&self) -> impl Iterator<Item = TeamId> {
        (0..self.teams.len() as u32).map(TeamId)
    }

    pub fn drill(&self, id: DrillId) -> &Drill {
        &self.drills[id.index()]
    }

    pub fn team(&self, id: TeamId) -> &Team {
        &self.teams[id.index()]
    }

    pub fn venue(&self, id: VenueId) -> &Venue {
        &self.venues[id.index()]
    }

    pub fn find_drill(&self, id: &str) -> Option<DrillId> {
        self.drill_index.get(id).copied()
    }

    pub fn find_team(&self, id: &str) -> Option<TeamId> {
        self.team_index.get(id).copied()
    }

    /// Whether `[start, end]` on `day` is outside the drill's preference: on a
    /// day its `prefer.days` leaves out, or in none of its `prefer.hours`.
    /// A drill without a preference is never off it.
    pub fn is_off_preference(&self, drill: DrillId, day: Day, start: Minute, end: Minute) -> bool {
        let Some(prefer) = &self.drill(drill).prefer else {
            return false;
        };
        let day_ok = prefer.days.as_ref().is_none_or(|days| days[day as usize]);
        let hours_ok = prefer
            .hours
            .as_ref()
            .is_none_or(|hours| hours.iter().any(|w| w.contains(start, end)));
        !(day_ok && hours_ok)
    }
}
