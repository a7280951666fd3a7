//! One hand-built city per family of rows: two drills worth 3 and 2 that
//! cannot both run, for one reason only. With the family the relaxation
//! finds the optimum, 3; without it, it lets both run and says 5.

use super::{relaxation, Family, Model, Relaxation};
use crate::scenario::{parse, Scenario};
use crate::solve::candidates::Prepared;

/// A one-day city (two with `days = 2`) of 60-minute slots, every place at
/// one point unless it says otherwise, so no travel unless a test asks.
pub(super) fn city(days: u32, body: &str) -> Scenario {
    let end = 19 + days - 1;
    let text = format!(
        "[plan]\nstart = 2017-06-19\nend = 2017-06-{end}\nslot_minutes = 60\n\n\
         [travel]\nspeed_kmh = 30.0\ndetour = 1.0\n\n[[district]]\nid = \"d\"\n\n{body}"
    );
    parse("city.toml", &text).unwrap_or_else(|e| panic!("{}\n{text}", e.render(false)))
}

pub(super) fn venue(id: &str, capacity: u32, hours: &str) -> String {
    format!(
        "[[venue]]\nid = \"{id}\"\ndistrict = \"d\"\nlocation = [45.0, 84.0]\n\
         capacity = {capacity}\nhours = [\"{hours}\"]\n\n"
    )
}

pub(super) fn team(id: &str, skills: &str, hours: &str, extra: &str) -> String {
    format!(
        "[[team]]\nid = \"{id}\"\nskills = [{skills}]\ndistrict = \"d\"\n\
         base = [45.0, 84.0]\nhours = \"{hours}\"\n{extra}\n"
    )
}

/// Drills `a` (priority 3) and `b` (priority 2).
pub(super) fn pair(venues: (&str, &str), duration: u32, needs: (&str, &str)) -> String {
    format!(
        "[[drill]]\nid = \"a\"\nvenue = \"{}\"\nduration = {duration}\npriority = 3\nneeds = [{}]\n\n\
         [[drill]]\nid = \"b\"\nvenue = \"{}\"\nduration = {duration}\npriority = 2\nneeds = [{}]\n\n",
        venues.0, needs.0, venues.1, needs.1
    )
}

pub(super) const FIRE: &str = "{ skill = \"fire\", count = 1 }";
pub(super) const MEDICAL: &str = "{ skill = \"medical\", count = 1 }";

/// Two fire teams, and drills `a` and `b` of two hours at one venue open
/// for two: only the venue keeps them apart.
pub(super) fn one_venue_two_hours() -> Scenario {
    city(
        1,
        &format!(
            "{}{}{}{}",
            venue("v0", 1, "08:00-10:00"),
            team("t0", "\"fire\"", "06:00-20:00", ""),
            team("t1", "\"fire\"", "06:00-20:00", ""),
            pair(("v0", "v0"), 120, (FIRE, FIRE)),
        ),
    )
}

/// Two fire teams, and drills `a` and `b` of two hours at two venues open
/// for two, in one conflict set: only the conflict keeps them apart.
pub(super) fn conflicting_pair() -> Scenario {
    city(
        1,
        &format!(
            "{}{}{}{}{}[[conflict]]\ndrills = [\"a\", \"b\"]\ngap = 0\n",
            venue("v0", 1, "08:00-10:00"),
            venue("v1", 1, "08:00-10:00"),
            team("t0", "\"fire\"", "06:00-20:00", ""),
            team("t1", "\"fire\"", "06:00-20:00", ""),
            pair(("v0", "v1"), 120, (FIRE, FIRE)),
        ),
    )
}

/// The day relaxation's optimum as a priority, without the rows of `skip`.
fn day_bound(s: &Scenario, transport: bool, skip: &[Family]) -> f64 {
    let prepared = Prepared::new(s);
    let can_run = crate::solve::days_alone(s, &prepared);
    let drills: Vec<_> = s.drill_ids().collect();
    let model = Model {
        mip: false,
        transport,
    };
    match relaxation(s, &prepared, &can_run, &drills, model, skip) {
        // In units of the priorities' common divisor.
        Relaxation::Optimum(v) => {
            v * s.drills.iter().map(|d| d.priority).fold(0, super::gcd) as f64
        }
        _ => panic!("the relaxation has an optimum"),
    }
}

/// The family is what holds the bound at the optimum, 3.
fn assert_family_binds(s: &Scenario, transport: bool, family: Family) {
    let with = day_bound(s, transport, &[]);
    let without = day_bound(s, transport, &[family]);
    assert!(
        (with - 3.0).abs() < 1e-6,
        "{family:?}: bound {with}, optimum 3"
    );
    assert!(
        (without - 5.0).abs() < 1e-6,
        "without {family:?}: {without}"
    );
}

#[test]
fn once_rows_keep_a_drill_to_one_day() {
    let s = city(
        2,
        &format!(
            "{}{}[[drill]]\nid = \"a\"\nvenue = \"v0\"\nduration = 60\npriority = 3\nneeds = [{FIRE}]\n",
            venue("v0", 1, "08:00-18:00"),
            team("t0", "\"fire\"", "08:00-18:00", ""),
        ),
    );
    assert!((day_bound(&s, false, &[]) - 3.0).abs() < 1e-6);
    assert!((day_bound(&s, false, &[Family::Once]) - 6.0).abs() < 1e-6);
}

#[test]
fn venue_rows_count_a_venue_minutes() {
    let s = one_venue_two_hours();
    assert_family_binds(&s, false, Family::Venue);
}

#[test]
fn skill_minute_rows_count_the_minutes_of_teams_with_the_skill() {
    // Counted together, the medical team's minutes would let both run.
    let both = format!("{FIRE}, {MEDICAL}");
    let s = city(
        1,
        &format!(
            "{}{}{}{}{}",
            venue("v0", 1, "06:00-20:00"),
            venue("v1", 1, "06:00-20:00"),
            team("t0", "\"fire\"", "08:00-10:00", ""),
            team("t1", "\"medical\"", "06:00-20:00", ""),
            pair(("v0", "v1"), 120, (&both, &both)),
        ),
    );
    assert_family_binds(&s, false, Family::SkillMinutes);
}

#[test]
fn skill_count_rows_count_daily_drill_limits() {
    let s = city(
        1,
        &format!(
            "{}{}{}{}",
            venue("v0", 1, "06:00-20:00"),
            venue("v1", 1, "06:00-20:00"),
            team("t0", "\"fire\"", "08:00-18:00", "max_drills_per_day = 1"),
            pair(("v0", "v1"), 60, (FIRE, FIRE)),
        ),
    );
    assert_family_binds(&s, false, Family::SkillCount);
}

#[test]
fn named_team_rows_count_that_team_minutes() {
    // Another team has time, but the drills name t0.
    let named = format!("{{ team = \"t0\" }}, {FIRE}");
    let s = city(
        1,
        &format!(
            "{}{}{}{}{}",
            venue("v0", 1, "06:00-20:00"),
            venue("v1", 1, "06:00-20:00"),
            team("t0", "\"medical\"", "08:00-10:00", ""),
            team("t1", "\"fire\"", "06:00-20:00", ""),
            pair(("v0", "v1"), 120, (&named, &named)),
        ),
    );
    assert_family_binds(&s, false, Family::NamedTeam);
}

#[test]
fn all_team_rows_count_a_team_with_two_skills_once() {
    let s = city(
        1,
        &format!(
            "{}{}{}{}",
            venue("v0", 1, "06:00-20:00"),
            venue("v1", 1, "06:00-20:00"),
            team("t0", "\"fire\", \"medical\"", "08:00-10:00", ""),
            pair(("v0", "v1"), 120, (FIRE, MEDICAL)),
        ),
    );
    assert_family_binds(&s, false, Family::AllTeams);
}

#[test]
fn conflict_rows_run_a_set_one_after_another() {
    let s = conflicting_pair();
    assert_family_binds(&s, false, Family::Conflict);
}

#[test]
fn transport_rows_share_a_team_daily_drills_among_its_skills() {
    // Skill by skill, the one team's single drill a day is counted twice.
    let s = city(
        1,
        &format!(
            "{}{}{}{}",
            venue("v0", 1, "06:00-20:00"),
            venue("v1", 1, "06:00-20:00"),
            team(
                "t0",
                "\"fire\", \"medical\"",
                "08:00-18:00",
                "max_drills_per_day = 1"
            ),
            pair(("v0", "v1"), 60, (FIRE, MEDICAL)),
        ),
    );
    assert!((day_bound(&s, false, &[]) - 5.0).abs() < 1e-6);
    assert_family_binds(&s, true, Family::Transport);
}

#[test]
fn the_rounded_bound_is_the_optimum_and_never_above_the_priorities() {
    let s = city(
        1,
        &format!(
            "{}{}{}",
            venue("v0", 1, "08:00-10:00"),
            team("t0", "\"fire\"", "06:00-20:00", ""),
            pair(("v0", "v0"), 120, (FIRE, FIRE)),
        ),
    );
    let prepared = Prepared::new(&s);
    let can_run = crate::solve::days_alone(&s, &prepared);
    let drills: Vec<_> = s.drill_ids().collect();
    let model = Model {
        mip: false,
        transport: true,
    };
    assert_eq!(
        super::priority_bound(&s, &prepared, &can_run, &drills, model),
        super::BoundOutcome::Bound(3)
    );
}
