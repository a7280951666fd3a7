//! Reasons as values: why a drill is not in a schedule, what blocks one of
//! its starts, what change lets it in, why a replan moved a published drill,
//! which rule a schedule breaks. The solver, `explain`, `--diff` and the
//! checker build them from what they found (ids,
//! counts, dates, minutes); `lang` renders them in English or Chinese. The
//! contract CSV carries the English rendering; `Display` is that rendering
//! (implemented in `lang`, so that this module depends on nothing of it).

use chrono::NaiveDate;

/// A need of a drill: so many teams with a skill, or one named team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeedOf {
    Skill(String),
    Team(String),
}

/// A scheduled drill and its time on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    pub drill: String,
    pub start: u32,
    pub end: u32,
}

/// What keeps one team from a drill at one start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Busy {
    /// Not a working day of the team (rule 5).
    Off,
    /// It already has its `max_drills_per_day` (rule 7).
    DayFull { drills: usize },
    /// Its `max_minutes_per_day` leaves too few minutes for this drill (rule 7).
    MinutesFull { minutes: u32, max: u32 },
    /// Its drills within three hours either side, between which it cannot
    /// travel to this one (rule 6).
    In(Vec<Slot>),
    /// Nothing near, yet the trip does not fit its shift around its other drills.
    CannotFit { shift: (u32, u32), from_base: u32 },
}

/// A team and what keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusyTeam {
    pub team: String,
    pub busy: Busy,
}

/// A need without enough free teams at one start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortNeed {
    pub need: NeedOf,
    pub count: u32,
    /// Teams able to fill the need that are free at this start.
    pub free: usize,
    /// Teams able to fill the need at all.
    pub of: usize,
    /// The teams that are not free, and why, in scenario order.
    pub busy: Vec<BusyTeam>,
}

/// One start at which the teams fall short, for an example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamsTaken {
    /// Starts at which staffing fails, of all the drill's starts.
    pub starts: usize,
    pub of: usize,
    pub date: NaiveDate,
    pub start: u32,
    /// The first need short at that start; `None` when every need has teams
    /// enough on its own and standby rules or the needs together fail.
    pub short: Option<ShortNeed>,
}

/// A conflict set that blocks starts, and the drills holding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictInUse {
    pub name: String,
    pub starts: usize,
    /// At most three of them.
    pub by: Vec<String>,
}

/// Why a drill is not in a schedule: the contract CSV's `reason`.
///
/// A value, put in words by `Lang::say`; `Display` is the English, as the
/// CSV carries it:
///
/// ```
/// use drillplan_model::lang::Lang;
/// use drillplan_model::reason::{NeedOf, Unplaced};
///
/// let why = Unplaced::TooFewTeams { need: NeedOf::Skill("hazmat".into()), count: 2, have: 1 };
/// let english = why.to_string();
/// assert_eq!(english, Lang::En.say(&why));
/// assert!(english.contains("only 1"), "{english}");
/// let chinese = Lang::Zh.say(&why);
/// assert!(chinese.contains("只有 1 支"), "{chinese}");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unplaced {
    /// Rules 1-3 leave no start: the venue is never open on a plan day.
    VenueNeverOpen { venue: String, name: String },
    /// The drill is longer than every opening window of its venue.
    LongerThanOpening {
        minutes: u32,
        venue: String,
        longest: u32,
    },
    /// Its pinned start breaks rule 1, 2 or 3: how, where it can be told.
    PinnedStartInvalid { broken: Vec<Broken> },
    /// Two pins of the drill give different starts, each a date and a
    /// minute of it; a drill runs once.
    PinnedStartsDisagree { starts: Vec<(NaiveDate, u32)> },
    /// Its pinned start is not a whole minute: `seconds` past `start`.
    PinnedStartSeconds {
        date: NaiveDate,
        start: u32,
        seconds: u32,
    },
    /// Its window and the venue's hours overlap for less than the drill lasts.
    WindowTooShort { venue: String, minutes: u32 },
    /// No start on the time grid fits the venue's hours.
    NoGridStart,
    /// Even in an empty plan: the scenario has too few such teams.
    TooFewTeams {
        need: NeedOf,
        count: u32,
        have: usize,
    },
    /// Even in an empty plan: too few of them work on a day the venue is open.
    TooFewWorking {
        need: NeedOf,
        count: u32,
        working: usize,
        venue: String,
    },
    /// Even in an empty plan: the drill lasts longer than too many of them
    /// may drill in a day (`max_minutes_per_day`, rule 7).
    LongerThanDailyMinutes {
        need: NeedOf,
        count: u32,
        within: usize,
        minutes: u32,
    },
    /// Even in an empty plan: the drill lasts longer than too many of their shifts.
    LongerThanShifts {
        need: NeedOf,
        count: u32,
        within: usize,
        minutes: u32,
    },
    /// Even in an empty plan: too few can reach the venue and return in their shifts.
    TooFewReach {
        need: NeedOf,
        count: u32,
        reach: usize,
        venue: String,
    },
    /// A pinned team fills no need, is off, or cannot reach the venue.
    PinnedTeamsCannotServe,
    /// A standby rule leaves too few teams for its needs. `district` is the
    /// district as a planner names it (its name, else its id).
    StandbyTooStrict {
        keep: u32,
        group: usize,
        skill: String,
        district: String,
    },
    /// Needs, shifts, travel and standby together leave no staffing at any start.
    NoStaffing,
    /// The drill could run alone, but this schedule leaves it no room.
    NoRoom {
        teams: Option<TeamsTaken>,
        conflicts: Vec<ConflictInUse>,
        /// Starts at which the venue is full, and the venue.
        venue_full: Option<(usize, String)>,
    },
    /// Its starts are blocked only by drills that a coverage row (rule 12)
    /// needs: taking any of them out would leave the row short in their
    /// district, so the drill fits only at the price of rule 12.
    HeldByCoverage {
        row: crate::scenario::CoverageName,
        district: String,
        min: u32,
        /// The drills in its way that the row needs, at most three.
        by: Vec<String>,
    },
    /// Some start is free, yet the search left it out.
    LeftOutBySearch,
    /// The run stopped (time limit or interrupt) before the drill was analysed.
    NotTried,
}

/// What blocks one start of a drill in a schedule, for `explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    /// Nothing: the start is free and the search left the drill out.
    Free,
    /// Rule 8: the venue is at capacity with these drills.
    VenueTaken {
        venue: String,
        capacity: u32,
        by: Vec<Slot>,
    },
    /// Rule 9: a drill of the same conflict set runs too close.
    Conflict { name: String, gap: u32, with: Slot },
    /// Rules 4-7: a need without enough free teams.
    TeamsShort(ShortNeed),
    /// Rule 10: a standby rule keeps the remaining teams (`district` named
    /// as the planner names it).
    Standby {
        keep: u32,
        district: String,
        group: usize,
        skill: String,
    },
    /// Rule 4: every need has teams, but no assignment fills them all at once.
    NoAssignment,
}

impl Blocked {
    /// The contract's rule number(s) this block rests on.
    ///
    /// ```
    /// use drillplan_model::reason::Blocked;
    ///
    /// assert_eq!(Blocked::NoAssignment.rule(), "4");
    /// let standby = Blocked::Standby { keep: 1, district: "karamay".into(), group: 2, skill: "fire".into() };
    /// assert_eq!(standby.rule(), "10");
    /// ```
    pub fn rule(&self) -> &'static str {
        match self {
            Blocked::Free => "-",
            Blocked::VenueTaken { .. } => "8",
            Blocked::Conflict { .. } => "9",
            Blocked::TeamsShort(_) => "4-7",
            Blocked::Standby { .. } => "10",
            Blocked::NoAssignment => "4",
        }
    }
}

/// The smallest change that lets a drill in, for `explain`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// A start is free as the schedule stands.
    AddAt { date: NaiveDate, start: u32 },
    /// Move one drill in the way, then run this one where it stood.
    MoveOne {
        drill: String,
        from: (NaiveDate, u32),
        to: (NaiveDate, u32),
        other_teams: bool,
        at: (NaiveDate, u32),
    },
    /// Keep one team fewer on standby (`district` named as the planner names it).
    KeepFewer {
        keep: u32,
        skill: String,
        district: String,
    },
    /// One more team with a needed skill on one date, based at the venue.
    AddTeam {
        skill: String,
        date: NaiveDate,
        venue: String,
    },
    /// One new team per team the drill needs, on one date, based at the venue.
    AddTeams {
        date: NaiveDate,
        venue: String,
        /// (count, skill) per need of the drill.
        needs: Vec<(u32, String)>,
    },
    /// Its window widened on each side.
    WidenWindow { minutes: u32 },
    /// A team that is off on `date` (its `off` or `days`) works that day.
    TeamWorks { team: String, date: NaiveDate },
    /// The venue's opening windows widened by `minutes` on each side, to `hours`.
    WiderHours {
        venue: String,
        minutes: u32,
        hours: Vec<(u32, u32)>,
    },
    /// A venue closed on `date` (its `closed` or `days`) opens that day.
    VenueOpens { venue: String, date: NaiveDate },
    /// A team's daily limit raised: `max_minutes_per_day` when `minutes`,
    /// else `max_drills_per_day`.
    RaiseLimit {
        team: String,
        minutes: bool,
        from: u32,
        to: u32,
    },
}

/// Why a replan changed a published drill: the `why` of `--diff`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Replanned {
    /// Not in the published plan; scheduled now.
    Added,
    /// Dropped, for the reason it is not in the new plan.
    Dropped(Option<Unplaced>),
    /// The scenario no longer has the drill.
    Vanished,
    /// Its published date or teams no longer exist in the scenario.
    Unrepeatable,
    /// Its published slot is taken by the new plan's routes.
    SlotTaken,
    /// Its published slot breaks the venue's hours, the window or the pin:
    /// how, where rules 1-3 tell (empty when only the pin does).
    SlotNotAllowed {
        broken: Vec<Broken>,
    },
    /// Its venue is closed on the published day (`closed` or `days`).
    VenueClosed {
        venue: String,
        date: NaiveDate,
    },
    VenueFull {
        venue: String,
    },
    ConflictInUse {
        name: String,
        by: String,
    },
    TeamOff {
        team: String,
        date: NaiveDate,
    },
    TeamCannotMakeIt {
        team: String,
        start: u32,
        day: Vec<String>,
    },
    /// Kept would cost more than the change.
    ForABetterPlan,
}

/// A scheduled drill as a schedule file states it, for the checker's words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    pub drill: String,
    pub date: NaiveDate,
    pub start: u32,
    /// `start + duration`, whatever the file's `end` says.
    pub end: u32,
}

/// Why a drill's teams do not staff it (rule 4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StaffingFault {
    /// A team is listed twice.
    Twice { team: String },
    /// The needs take `needs` teams; the row lists `has`.
    Count { needs: usize, has: usize },
    /// No matching of teams to needs fills this one.
    Short(NeedOf),
}

/// A rule a schedule breaks, as the independent checker finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Broken {
    /// Rule 1: the start is off the time grid.
    OffGrid { at: Stated, slot: u32 },
    /// Rule 1: the file's end is not start + duration.
    EndDisagrees {
        at: Stated,
        file_end: u32,
        duration: u32,
    },
    /// Rule 1: the drill runs past midnight.
    PastMidnight { at: Stated },
    /// Rule 1: the date is not a plan day. `meant`: the same month and day
    /// in the plan's year, when that is a plan day (a spreadsheet gives a
    /// date typed without its year, `6/21`, the current year).
    NotPlanDay {
        at: Stated,
        meant: Option<chrono::NaiveDate>,
    },
    /// Rule 2: the venue is closed that date.
    VenueClosed { at: Stated, venue: String },
    /// Rule 2: outside every opening window of the venue, which are `hours`.
    OutsideHours {
        at: Stated,
        venue: String,
        hours: Vec<(u32, u32)>,
    },
    /// Rule 3: outside the drill's window, from `from` to `to` (each a date
    /// and a minute of that day; `24:00` ends a day).
    OutsideWindow {
        at: Stated,
        from: (NaiveDate, u32),
        to: (NaiveDate, u32),
    },
    /// Rule 4.
    Understaffed { at: Stated, why: StaffingFault },
    /// Rule 5: a team does not work that date.
    TeamOff {
        at: Stated,
        team: String,
        date: NaiveDate,
    },
    /// Rule 6: the first drill starts before the team can arrive from base.
    CannotReach {
        team: String,
        at: Stated,
        shift_start: u32,
        minutes: u32,
    },
    /// Rule 6: the team cannot travel from one drill to the next.
    CannotGo {
        team: String,
        from: Stated,
        to: Stated,
        minutes: u32,
    },
    /// Rule 6: the team cannot be back at base by the end of its shift.
    CannotReturn {
        team: String,
        shift_end: u32,
        at: Stated,
        minutes: u32,
    },
    /// Rule 7: too many drills in a day.
    TooManyDrills {
        team: String,
        drills: usize,
        date: NaiveDate,
        max: u32,
    },
    /// Rule 7: too many drill minutes in a day.
    TooManyMinutes {
        team: String,
        minutes: u32,
        date: NaiveDate,
        max: u32,
    },
    /// Rule 8: more drills at once than the venue holds.
    VenueOverfull {
        venue: String,
        capacity: u32,
        running: Vec<Stated>,
    },
    /// Rule 9: two drills of a conflict set too close.
    TooClose {
        name: String,
        gap: u32,
        a: Stated,
        b: Stated,
    },
    /// Rule 10: too many teams of a standby group in drills at one instant
    /// (`district` named as the planner names it).
    StandbyBroken {
        district: String,
        skill: String,
        keep: u32,
        group: usize,
        date: NaiveDate,
        at: u32,
        limit: u32,
        drills: Vec<String>,
    },
    /// Rule 11: the drill is not at its pinned start.
    NotAtPin { at: Stated },
    /// Rule 11: a pinned team is not assigned.
    PinnedTeamMissing { at: Stated, team: String },
    /// Rule 11: a mandatory or pinned drill is not scheduled.
    RequiredMissing { drill: String, mandatory: bool },
    /// Rule 12: a district holds fewer drills matching a coverage row than it asks.
    CoverageShort {
        row: crate::scenario::CoverageName,
        district: String,
        has: usize,
        min: u32,
    },
}

impl Broken {
    /// The contract's rule this breaks (1-12).
    pub fn rule(&self) -> u8 {
        use Broken::*;
        match self {
            OffGrid { .. } | EndDisagrees { .. } | PastMidnight { .. } | NotPlanDay { .. } => 1,
            VenueClosed { .. } | OutsideHours { .. } => 2,
            OutsideWindow { .. } => 3,
            Understaffed { .. } => 4,
            TeamOff { .. } => 5,
            CannotReach { .. } | CannotGo { .. } | CannotReturn { .. } => 6,
            TooManyDrills { .. } | TooManyMinutes { .. } => 7,
            VenueOverfull { .. } => 8,
            TooClose { .. } => 9,
            StandbyBroken { .. } => 10,
            NotAtPin { .. } | PinnedTeamMissing { .. } | RequiredMissing { .. } => 11,
            CoverageShort { .. } => 12,
        }
    }
}
