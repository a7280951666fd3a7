//! Every variant of every reason in both languages. The samples use ids of
//! at most two letters, so a run of three Latin letters in a Chinese
//! rendering is an English word left in it.

use super::*;
use crate::reason::{Broken, ConflictInUse, StaffingFault, Stated, TeamsTaken};
use chrono::NaiveDate;

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, 6, 20).unwrap()
}

fn slot(drill: &str, start: u32) -> Slot {
    Slot {
        drill: drill.into(),
        start,
        end: start + 60,
    }
}

fn busy() -> Vec<BusyTeam> {
    let team = |t: &str, busy| BusyTeam {
        team: t.into(),
        busy,
    };
    vec![
        team("t1", Busy::Off),
        team("t2", Busy::In(vec![slot("d7", 540), slot("d8", 660)])),
        team("t3", Busy::DayFull { drills: 3 }),
        team(
            "t4",
            Busy::CannotFit {
                shift: (480, 1080),
                from_base: 95,
            },
        ),
        team("t5", Busy::Off),
    ]
}

fn short(need: NeedOf) -> ShortNeed {
    ShortNeed {
        need,
        count: 2,
        free: 0,
        of: 9,
        busy: busy(),
    }
}

fn skill() -> NeedOf {
    NeedOf::Skill("s1".into())
}

/// One sample of each `Unplaced` variant with its English, the contract's words.
fn unplaced() -> Vec<(Unplaced, &'static str)> {
    use Unplaced::*;
    vec![
        (
            VenueNeverOpen { venue: "v1".into(), name: "第一中学".into() },
            "venue v1 (第一中学) is not open on any day of the plan",
        ),
        (
            LongerThanOpening { minutes: 240, venue: "v1".into(), longest: 210 },
            "the 240-minute drill does not fit in any opening window of venue v1 (longest 210 min)",
        ),
        (
            PinnedStartInvalid { broken: Vec::new() },
            "its pinned start breaks rule 1, 2 or 3 (off the time grid, not a plan day, outside the venue's hours or the drill's window)",
        ),
        (
            PinnedStartsDisagree { starts: vec![(date(), 600), (date().succ_opt().unwrap(), 600)] },
            "its pins give different starts (2017-06-20 10:00, 2017-06-21 10:00), and a drill runs once: keep one pin, or give every pin the same start",
        ),
        (
            PinnedStartSeconds { date: date(), start: 600, seconds: 30 },
            "its pinned start 2017-06-20 10:00 has 30 seconds past the minute; starts are whole minutes",
        ),
        (
            WindowTooShort { venue: "v1".into(), minutes: 45 },
            "its window does not overlap an opening window of venue v1 long enough for 45 minutes",
        ),
        (NoGridStart, "no start on the time grid fits the venue's opening hours"),
        (
            TooFewTeams { need: skill(), count: 2, have: 1 },
            "needs 2 team(s) with skill s1, but the scenario has only 1",
        ),
        (
            TooFewTeams { need: NeedOf::Team("t9".into()), count: 1, have: 0 },
            "needs 1 team(s) named t9, but the scenario has only 0",
        ),
        (
            TooFewWorking { need: skill(), count: 2, working: 1, venue: "v1".into() },
            "needs 2 team(s) with skill s1, but at most 1 of them work on a day venue v1 is open",
        ),
        (
            TooFewReach { need: skill(), count: 2, reach: 0, venue: "v9".into() },
            "needs 2 team(s) with skill s1, but at most 0 can travel from base to venue v9 and back within their shifts",
        ),
        (
            LongerThanDailyMinutes { need: skill(), count: 1, within: 0, minutes: 240 },
            "needs 1 team(s) with skill s1, but it lasts 240 minutes and at most 0 of them may drill that long in a day (max_minutes_per_day, rule 7)",
        ),
        (
            LongerThanShifts { need: skill(), count: 1, within: 0, minutes: 600 },
            "needs 1 team(s) with skill s1, but it lasts 600 minutes and at most 0 of them have a shift that long",
        ),
        (
            PinnedTeamsCannotServe,
            "its pinned teams cannot all serve it (a pinned team fills no need, is off, or cannot reach the venue in its shift)",
        ),
        (
            StandbyTooStrict { keep: 1, group: 3, skill: "s1".into(), district: "k1".into() },
            "standby (k1: keep ≥1 s1) keeps 1 of its 3 teams free, too few remain for its needs",
        ),
        (
            NoStaffing,
            "no combination of teams can staff it at any start (needs, shifts, travel and standby rules together)",
        ),
        (
            NoRoom {
                teams: Some(TeamsTaken { starts: 12, of: 40, date: date(), start: 540, short: Some(short(skill())) }),
                conflicts: vec![ConflictInUse { name: "主干道交通管制".into(), starts: 8, by: vec!["d2".into(), "d3".into()] }],
                venue_full: Some((4, "v2".into())),
            },
            "no room left: at 12 of 40 starts the teams it needs are taken (e.g. 2017-06-20 09:00: 0 of 9 teams with skill s1 free, needs 2; t1 is off, t2 is in d7, d8, t3 already has its 3 drills that day, t4 cannot fit it between its other drills and its shift); at 8 starts conflict set \"主干道交通管制\" is in use (by d2, d3); at 4 starts venue v2 is full",
        ),
        (
            NoRoom {
                teams: Some(TeamsTaken { starts: 3, of: 3, date: date(), start: 600, short: None }),
                conflicts: Vec::new(),
                venue_full: None,
            },
            "no room left: at 3 of 3 starts the teams it needs are taken (e.g. 2017-06-20 10:00: standby rules or combined needs leave too few teams)",
        ),
        (
            HeldByCoverage { row: crate::scenario::CoverageName::Named("危化品".into()), district: "k1".into(), min: 2, by: vec!["d2".into(), "d3".into()] },
            "kept out by coverage \"危化品\" (rule 12): it fits only in place of d2, d3, which district k1 needs to keep its 2 drill(s)",
        ),
        (
            LeftOutBySearch,
            "left out by the search (it fits now only by moving other drills)",
        ),
        (
            NotTried,
            "not tried: the run stopped (time limit or Ctrl-C) before this drill was analysed",
        ),
    ]
}

fn blocked() -> Vec<Blocked> {
    vec![
        Blocked::Free,
        Blocked::VenueTaken {
            venue: "v1".into(),
            capacity: 1,
            by: vec![slot("d2", 555)],
        },
        Blocked::Conflict {
            name: "主干道交通管制".into(),
            gap: 30,
            with: slot("d3", 600),
        },
        Blocked::TeamsShort(short(skill())),
        Blocked::TeamsShort(ShortNeed {
            need: NeedOf::Team("t9".into()),
            count: 1,
            free: 0,
            of: 1,
            busy: Vec::new(),
        }),
        Blocked::Standby {
            keep: 2,
            district: "k1".into(),
            group: 5,
            skill: "s1".into(),
        },
        Blocked::NoAssignment,
    ]
}

fn changes() -> Vec<Change> {
    vec![
        Change::AddAt {
            date: date(),
            start: 540,
        },
        Change::MoveOne {
            drill: "d2".into(),
            from: (date(), 540),
            to: (date(), 900),
            other_teams: true,
            at: (date(), 540),
        },
        Change::KeepFewer {
            keep: 2,
            skill: "s1".into(),
            district: "k1".into(),
        },
        Change::AddTeam {
            skill: "s1".into(),
            date: date(),
            venue: "v1".into(),
        },
        Change::AddTeams {
            date: date(),
            venue: "v1".into(),
            needs: vec![(2, "s1".into()), (1, "s2".into())],
        },
        Change::WidenWindow { minutes: 30 },
        Change::TeamWorks {
            team: "t1".into(),
            date: date(),
        },
        Change::WiderHours {
            venue: "v1".into(),
            minutes: 30,
            hours: vec![(480, 750), (900, 1170)],
        },
        Change::VenueOpens {
            venue: "v1".into(),
            date: date(),
        },
        Change::RaiseLimit {
            team: "t1".into(),
            minutes: true,
            from: 120,
            to: 240,
        },
        Change::RaiseLimit {
            team: "t1".into(),
            minutes: false,
            from: 2,
            to: 3,
        },
    ]
}

fn replanned() -> Vec<Replanned> {
    use Replanned::*;
    vec![
        Added,
        Dropped(Some(Unplaced::NoStaffing)),
        Dropped(None),
        Vanished,
        Unrepeatable,
        SlotTaken,
        SlotNotAllowed { broken: Vec::new() },
        VenueClosed {
            venue: "qx-m1".into(),
            date: date(),
        },
        VenueFull { venue: "v1".into() },
        ConflictInUse {
            name: "主干道交通管制".into(),
            by: "d2".into(),
        },
        TeamOff {
            team: "t1".into(),
            date: date(),
        },
        TeamCannotMakeIt {
            team: "t1".into(),
            start: 705,
            day: vec!["d2".into(), "d3".into()],
        },
        ForABetterPlan,
    ]
}

fn stated(drill: &str, start: u32) -> Stated {
    Stated {
        drill: drill.into(),
        date: date(),
        start,
        end: start + 60,
    }
}

/// One sample of each `Broken` variant with its English, the checker's words.
fn broken() -> Vec<(Broken, &'static str)> {
    use Broken::*;
    let at = || stated("d1", 540);
    vec![
        (OffGrid { at: at(), slot: 15 }, "d1 (2017-06-20 09:00-10:00) starts off the 15-minute grid"),
        (EndDisagrees { at: at(), file_end: 610, duration: 60 }, "d1 (2017-06-20 09:00-10:00): the end in the file, 10:10, no longer matches the start and the drill's 60 minutes; the end should be 10:00 (a drill moved by its start needs its end changed too)"),
        (PastMidnight { at: at() }, "d1 (2017-06-20 09:00-10:00) runs past midnight"),
        (NotPlanDay { at: at(), meant: None }, "d1 (2017-06-20 09:00-10:00) is not on a plan day"),
        (NotPlanDay { at: at(), meant: Some(date()) }, "d1 (2017-06-20 09:00-10:00) is not on a plan day; is it 2017-06-20? Excel and WPS give a date typed without its year (6/21) the current year: type the year too"),
        (VenueClosed { at: at(), venue: "v1".into() }, "d1 (2017-06-20 09:00-10:00): venue v1 is not open on that date"),
        (OutsideHours { at: at(), venue: "v1".into(), hours: vec![(480, 720), (900, 1080)] }, "d1 (2017-06-20 09:00-10:00): outside the opening hours of venue v1 (08:00-12:00, 15:00-18:00)"),
        (OutsideWindow { at: at(), from: (date(), 600), to: (date(), 1440) }, "d1 (2017-06-20 09:00-10:00) lies outside the drill's window, 2017-06-20 10:00 to 2017-06-20 24:00"),
        (Understaffed { at: at(), why: StaffingFault::Twice { team: "t1".into() } }, "d1 (2017-06-20 09:00-10:00): team t1 is listed twice"),
        (Understaffed { at: at(), why: StaffingFault::Count { needs: 3, has: 2 } }, "d1 (2017-06-20 09:00-10:00): needs 3 teams, has 2"),
        (Understaffed { at: at(), why: StaffingFault::Short(skill()) }, "d1 (2017-06-20 09:00-10:00): the teams cannot fill every need (short of skill s1)"),
        (Understaffed { at: at(), why: StaffingFault::Short(NeedOf::Team("t9".into())) }, "d1 (2017-06-20 09:00-10:00): the teams cannot fill every need (short of team t9)"),
        (TeamOff { at: at(), team: "t1".into(), date: date() }, "d1 (2017-06-20 09:00-10:00): team t1 does not work on 2017-06-20"),
        (CannotReach { team: "t1".into(), at: at(), shift_start: 480, minutes: 75 }, "team t1 cannot reach d1 (2017-06-20 09:00-10:00) from its base: the shift starts 08:00 and the trip takes 75 min"),
        (CannotGo { team: "t1".into(), from: at(), to: stated("d2", 600), minutes: 30 }, "team t1 cannot go from d1 (2017-06-20 09:00-10:00) to d2 (2017-06-20 10:00-11:00) (30 min of travel)"),
        (CannotReturn { team: "t1".into(), shift_end: 1080, at: at(), minutes: 500 }, "team t1 cannot be back at base by the end of its shift 18:00 after d1 (2017-06-20 09:00-10:00) (500 min of travel)"),
        (TooManyDrills { team: "t1".into(), drills: 4, date: date(), max: 3 }, "team t1 has 4 drills on 2017-06-20, at most 3 allowed"),
        (TooManyMinutes { team: "t1".into(), minutes: 400, date: date(), max: 300 }, "team t1 drills 400 minutes on 2017-06-20, at most 300 allowed"),
        (VenueOverfull { venue: "v1".into(), capacity: 1, running: vec![at(), stated("d2", 570)] }, "venue v1 (capacity 1) runs 2 drills at once: d1 (2017-06-20 09:00-10:00), d2 (2017-06-20 09:30-10:30)"),
        (TooClose { name: "主干道交通管制".into(), gap: 30, a: at(), b: stated("d2", 600) }, "conflict set \"主干道交通管制\" (gap 30 min): d1 (2017-06-20 09:00-10:00) and d2 (2017-06-20 10:00-11:00) are too close"),
        (StandbyBroken { district: "k1".into(), skill: "s1".into(), keep: 2, group: 5, date: date(), at: 570, limit: 3, drills: vec!["d1".into(), "d2".into()] }, "standby (k1: keep ≥2 s1) keeps 2 of 5 teams free, but on 2017-06-20 at 09:30 more than 3 are in drills: d1, d2"),
        (NotAtPin { at: at() }, "d1 (2017-06-20 09:00-10:00) is not at its pinned start"),
        (PinnedTeamMissing { at: at(), team: "t1".into() }, "d1 (2017-06-20 09:00-10:00): pinned team t1 is not assigned"),
        (RequiredMissing { drill: "d1".into(), mandatory: true }, "d1 is mandatory but not scheduled"),
        (RequiredMissing { drill: "d1".into(), mandatory: false }, "d1 is pinned but not scheduled"),
        (CoverageShort { row: crate::scenario::CoverageName::Named("危化品".into()), district: "k1".into(), has: 1, min: 3 }, "coverage \"危化品\": district k1 has 1 matching drill(s) scheduled, at least 3 required (2 short)"),
    ]
}

/// Which variant a value is: a new variant fails to compile here until it
/// gets a number, and then the count below until it gets a sample.
fn variant(value: &dyn std::any::Any) -> (&'static str, usize) {
    if let Some(u) = value.downcast_ref::<Unplaced>() {
        use Unplaced::*;
        let i = match u {
            VenueNeverOpen { .. } => 0,
            LongerThanOpening { .. } => 1,
            PinnedStartInvalid { .. } => 2,
            WindowTooShort { .. } => 3,
            NoGridStart => 4,
            TooFewTeams { .. } => 5,
            TooFewWorking { .. } => 6,
            TooFewReach { .. } => 7,
            PinnedTeamsCannotServe => 8,
            StandbyTooStrict { .. } => 9,
            NoStaffing => 10,
            NoRoom { .. } => 11,
            LeftOutBySearch => 12,
            NotTried => 13,
            LongerThanDailyMinutes { .. } => 14,
            LongerThanShifts { .. } => 15,
            HeldByCoverage { .. } => 16,
            PinnedStartsDisagree { .. } => 17,
            PinnedStartSeconds { .. } => 18,
        };
        return ("Unplaced", i);
    }
    if let Some(b) = value.downcast_ref::<Blocked>() {
        let i = match b {
            Blocked::Free => 0,
            Blocked::VenueTaken { .. } => 1,
            Blocked::Conflict { .. } => 2,
            Blocked::TeamsShort(_) => 3,
            Blocked::Standby { .. } => 4,
            Blocked::NoAssignment => 5,
        };
        return ("Blocked", i);
    }
    if let Some(b) = value.downcast_ref::<Broken>() {
        use Broken::*;
        let i = match b {
            OffGrid { .. } => 0,
            EndDisagrees { .. } => 1,
            PastMidnight { .. } => 2,
            NotPlanDay { .. } => 3,
            VenueClosed { .. } => 4,
            OutsideHours { .. } => 5,
            OutsideWindow { .. } => 6,
            Understaffed { .. } => 7,
            TeamOff { .. } => 8,
            CannotReach { .. } => 9,
            CannotGo { .. } => 10,
            CannotReturn { .. } => 11,
            TooManyDrills { .. } => 12,
            TooManyMinutes { .. } => 13,
            VenueOverfull { .. } => 14,
            TooClose { .. } => 15,
            StandbyBroken { .. } => 16,
            NotAtPin { .. } => 17,
            PinnedTeamMissing { .. } => 18,
            RequiredMissing { .. } => 19,
            CoverageShort { .. } => 20,
        };
        return ("Broken", i);
    }
    if let Some(c) = value.downcast_ref::<Change>() {
        let i = match c {
            Change::AddAt { .. } => 0,
            Change::MoveOne { .. } => 1,
            Change::KeepFewer { .. } => 2,
            Change::AddTeam { .. } => 3,
            Change::AddTeams { .. } => 4,
            Change::WidenWindow { .. } => 5,
            Change::RaiseLimit { .. } => 6,
            Change::TeamWorks { .. } => 7,
            Change::WiderHours { .. } => 8,
            Change::VenueOpens { .. } => 9,
        };
        return ("Change", i);
    }
    let r = value.downcast_ref::<Replanned>().expect("a reason type");
    use Replanned::*;
    let i = match r {
        Added => 0,
        Dropped(_) => 1,
        Vanished => 2,
        Unrepeatable => 3,
        SlotTaken => 4,
        SlotNotAllowed { .. } => 5,
        VenueFull { .. } => 6,
        ConflictInUse { .. } => 7,
        TeamOff { .. } => 8,
        TeamCannotMakeIt { .. } => 9,
        ForABetterPlan => 10,
        VenueClosed { .. } => 11,
    };
    ("Replanned", i)
}

/// A run of three or more Latin letters: an English word.
fn english_word(text: &str) -> Option<String> {
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_alphabetic() {
            run.push(c);
        } else if run.len() >= 3 {
            return Some(run);
        } else {
            run.clear();
        }
    }
    None
}

fn check_both<T: Say + std::any::Any>(samples: &[T], seen: &mut Vec<(&'static str, usize)>) {
    for s in samples {
        let (en, zh) = (s.say(Lang::En), s.say(Lang::Zh));
        let v = variant(s);
        assert!(!en.is_empty() || v == ("Replanned", 1), "{v:?}");
        assert!(
            english_word(&zh).is_none(),
            "{v:?}: {zh} has {:?}",
            english_word(&zh)
        );
        seen.push(v);
    }
}

#[test]
fn every_reason_in_english_and_chinese() {
    let mut seen = Vec::new();
    let unplaced = unplaced();
    for (u, en) in &unplaced {
        assert_eq!(u.say(Lang::En), *en);
        assert_eq!(u.to_string(), *en);
    }
    let values: Vec<Unplaced> = unplaced.into_iter().map(|(u, _)| u).collect();
    check_both(&values, &mut seen);
    check_both(&blocked(), &mut seen);
    check_both(&changes(), &mut seen);
    check_both(&replanned(), &mut seen);
    let broken = broken();
    for (b, en) in &broken {
        assert_eq!(b.say(Lang::En), *en);
    }
    let values: Vec<Broken> = broken.into_iter().map(|(b, _)| b).collect();
    check_both(&values, &mut seen);
    for (kind, variants) in [
        ("Unplaced", 18),
        ("Blocked", 6),
        ("Change", 10),
        ("Replanned", 12),
        ("Broken", 21),
    ] {
        for i in 0..variants {
            assert!(seen.contains(&(kind, i)), "no sample of {kind} variant {i}");
        }
    }
}

#[test]
fn a_team_at_its_daily_minutes_names_that_limit() {
    let b = BusyTeam {
        team: "t6".into(),
        busy: Busy::MinutesFull {
            minutes: 240,
            max: 300,
        },
    };
    assert_eq!(
        busy_long(Lang::En, &b),
        "t6 already drills 240 of its max_minutes_per_day 300 that day (rule 7)"
    );
    assert_eq!(
        busy_long(Lang::Zh, &b),
        "t6 当天已演练 240 分钟，每日演练时长上限 300 分钟（规则 7）"
    );
    assert!(busy_short(Lang::Zh, &b).contains("每日上限 300"));
}

#[test]
fn explain_lists_four_busy_teams_and_never_an_empty_list() {
    let line = Blocked::TeamsShort(short(skill())).say(Lang::En);
    assert!(
        line.ends_with("(95 min from base, rule 6/7) and 1 more"),
        "{line}"
    );
    assert!(
        line.contains(
            "t2 is in d7 09:00-10:00, d8 11:00-12:00 and cannot travel between them (rule 6)"
        ),
        "{line}"
    );
    let none = Blocked::TeamsShort(ShortNeed {
        need: skill(),
        count: 2,
        free: 1,
        of: 1,
        busy: Vec::new(),
    });
    assert_eq!(
        none.say(Lang::En),
        "1 of 1 teams with skill s1 free, needs 2"
    );
    assert_eq!(
        none.say(Lang::Zh),
        "1 支具备 s1 技能的队伍中 1 支空闲，需要 2 支"
    );
}

/// A built-in skill reads in Chinese as the views name it (公安), in every
/// sentence that names a skill; a skill of the planner's own as written.
#[test]
fn a_chinese_reason_names_a_built_in_skill_by_its_label() {
    let police = NeedOf::Skill("police".into());
    let reach = Unplaced::TooFewReach {
        need: police.clone(),
        count: 2,
        reach: 1,
        venue: "v".into(),
    };
    let zh = reach.say(Lang::Zh);
    assert!(
        zh.contains("具备 公安 技能") && !zh.contains("police"),
        "{zh}"
    );
    assert!(reach.say(Lang::En).contains("skill police"));
    let mine = Unplaced::TooFewReach {
        need: NeedOf::Skill("无人机".into()),
        count: 2,
        reach: 1,
        venue: "v".into(),
    };
    assert!(mine.say(Lang::Zh).contains("具备 无人机 技能"));
    // `check`'s standby finding too (a planner in Calc read `shz/fire`).
    let standby = Broken::StandbyBroken {
        district: "shz".into(),
        skill: "fire".into(),
        keep: 1,
        group: 3,
        date: date(),
        at: 540,
        limit: 2,
        drills: vec!["d1".into()],
    };
    let zh = standby.say(Lang::Zh);
    assert!(
        zh.contains("shz 消防 留守≥1") && !zh.contains("fire"),
        "{zh}"
    );
}
