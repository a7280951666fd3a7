//! One hand-built city per family of the route bound's rows, as in the day
//! relaxation's tests: drills worth 3 and 2 that cannot both run. With the
//! family's multipliers the bound reaches the optimum, 3; with them held at
//! zero (the rows left out) it says 5.

use super::super::tests::{city, conflicting_pair, one_venue_two_hours, pair, team, venue, FIRE};
use super::RouteBound;
use crate::scenario::Scenario;
use crate::solve::candidates::Prepared;

const STAFFING: usize = 0;
const VENUES: usize = 1;
const CONFLICTS: usize = 2;
const STANDBY: usize = 3;
const DRILL_LIMIT: usize = 4;
const MINUTE_LIMIT: usize = 5;

fn bound(s: &Scenario, frozen: Option<usize>) -> u64 {
    let prepared = Prepared::new(s);
    let drills: Vec<_> = s.drill_ids().collect();
    let mut b = RouteBound::new(s, &prepared, &drills).expect("a tiny city is below the limit");
    if let Some(f) = frozen {
        b.freeze(f);
    }
    b.solve(0, &|| false, &|_| {}, &|_| {})
}

fn assert_family_binds(s: &Scenario, family: usize) {
    assert_eq!(bound(s, None), 3, "family {family}");
    assert_eq!(bound(s, Some(family)), 5, "without family {family}");
}

/// Two fire drills at two venues, both only from 08:00 to 09:00.
fn same_hour(teams: &str, extra: &str) -> Scenario {
    city(
        1,
        &format!(
            "{}{}{teams}{}{extra}",
            venue("v0", 1, "08:00-09:00"),
            venue("v1", 1, "08:00-09:00"),
            pair(("v0", "v1"), 60, (FIRE, FIRE)),
        ),
    )
}

#[test]
fn staffing_prices_share_one_team_among_drills_at_one_hour() {
    let s = same_hour(&team("t0", "\"fire\"", "06:00-20:00", ""), "");
    assert_family_binds(&s, STAFFING);
}

#[test]
fn standby_rows_keep_a_team_out_of_drills() {
    let teams = format!(
        "{}{}",
        team("t0", "\"fire\"", "06:00-20:00", ""),
        team("t1", "\"fire\"", "06:00-20:00", "")
    );
    let s = same_hour(
        &teams,
        "[[standby]]\ndistrict = \"d\"\nskill = \"fire\"\nkeep = 1\n",
    );
    assert_family_binds(&s, STANDBY);
}

#[test]
fn venue_rows_count_a_venue_minutes() {
    let s = one_venue_two_hours();
    assert_family_binds(&s, VENUES);
}

#[test]
fn conflict_rows_run_a_set_one_after_another() {
    let s = conflicting_pair();
    assert_family_binds(&s, CONFLICTS);
}

/// One fire team with a daily limit, two fire drills that could run any hour.
fn limited(limit: &str) -> Scenario {
    city(
        1,
        &format!(
            "{}{}{}{}",
            venue("v0", 1, "06:00-20:00"),
            venue("v1", 1, "06:00-20:00"),
            team("t0", "\"fire\"", "08:00-18:00", limit),
            pair(("v0", "v1"), 60, (FIRE, FIRE)),
        ),
    )
}

#[test]
fn drill_limit_rows_hold_a_team_to_its_drills_a_day() {
    assert_family_binds(&limited("max_drills_per_day = 1"), DRILL_LIMIT);
}

#[test]
fn minute_limit_rows_hold_a_team_to_its_minutes_a_day() {
    assert_family_binds(&limited("max_minutes_per_day = 60"), MINUTE_LIMIT);
}

#[test]
fn routes_count_travel_between_venues() {
    // v1 lies some 33 km north of v0 and the base: 67 minutes each way. The
    // team could serve a at 08:00 or b at 09:00, not both; the day
    // relaxation, which has no travel, lets it serve both.
    let far = venue("v1", 1, "09:00-10:00").replace("[45.0, 84.0]", "[45.3, 84.0]");
    let s = city(
        1,
        &format!(
            "{}{far}{}{}",
            venue("v0", 1, "08:00-09:00"),
            team("t0", "\"fire\"", "07:00-12:00", ""),
            pair(("v0", "v1"), 60, (FIRE, FIRE)),
        ),
    );
    assert_eq!(bound(&s, None), 3);
    let prepared = Prepared::new(&s);
    let can_run = crate::solve::days_alone(&s, &prepared);
    let drills: Vec<_> = s.drill_ids().collect();
    let model = super::super::Model {
        mip: false,
        transport: true,
    };
    assert_eq!(
        super::super::priority_bound(&s, &prepared, &can_run, &drills, model),
        super::super::BoundOutcome::Bound(5)
    );
}

/// The early bound is the part's route bound, which the search takes where
/// its moves say (`deadline::Beside::route_bound`), so it must not depend on
/// when it is asked for: told once, the same on every run, and a bound no
/// lower than the final one.
#[test]
fn the_early_bound_is_told_once_the_same_each_time_and_never_below_the_final() {
    use crate::generate::{generate, GenerateOptions};
    let g = generate(&GenerateOptions {
        drills: 100,
        teams: Some(8),
        districts: Some(2),
        seed: 4,
        tightness: 0.5,
        ..GenerateOptions::default()
    });
    let s = crate::scenario::parse("g.toml", &g.toml).unwrap();
    let prepared = Prepared::new(&s);
    let drills: Vec<_> = s.drill_ids().collect();
    let run = || {
        let told = std::cell::RefCell::new(Vec::new());
        let mut b = RouteBound::new(&s, &prepared, &drills).expect("below the limit");
        let last = b.solve(0, &|| false, &|_| {}, &|e| told.borrow_mut().push(e));
        (told.into_inner(), last)
    };
    let (told, last) = run();
    assert_eq!(told.len(), 1, "{told:?}");
    assert!(told[0] >= last, "early {} below the final {last}", told[0]);
    assert_eq!(run(), (told, last));
}
