//! Typed indices of validated entities: cheap `Copy` handles into `Scenario`'s tables.
//!
//! A handle is found by the entity's id and indexes its table; handles of
//! different tables are different types, so a team's cannot index drills:
//!
//! ```
//! use drillplan_model::scenario::{parse, DrillId, TeamId};
//!
//! # let text = r#"
//! # [plan]
//! # start = 2017-06-19
//! # end = 2017-06-20
//! # [[district]]
//! # id = "karamay"
//! # [[venue]]
//! # id = "school"
//! # district = "karamay"
//! # location = [45.58, 84.88]
//! # [[team]]
//! # id = "fire-1"
//! # skills = ["fire"]
//! # district = "karamay"
//! # base = [45.59, 84.87]
//! # [[drill]]
//! # id = "evacuation"
//! # venue = "school"
//! # duration = 60
//! # needs = [{ skill = "fire" }]
//! # [[drill]]
//! # id = "leak"
//! # venue = "school"
//! # duration = 30
//! # needs = [{ team = "fire-1" }]
//! # "#;
//! let scenario = parse("plan.toml", text).unwrap();
//! let leak = scenario.find_drill("leak").unwrap();
//! assert_eq!(leak, DrillId(1));
//! assert_eq!(scenario.drills[leak.index()].id, "leak");
//! assert_eq!(scenario.drill_ids().collect::<Vec<_>>(), vec![DrillId(0), leak]);
//!
//! let team: TeamId = scenario.find_team("fire-1").unwrap();
//! let venue = scenario.drill(leak).venue;
//! assert_eq!(scenario.venue(venue).id, "school");
//! assert_eq!(scenario.district_of(leak), scenario.venue(venue).district);
//! assert_eq!(scenario.team(team).id, "fire-1");
//! assert!(scenario.find_team("fire-2").is_none());
//! ```

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

id_type! {
    /// Index into `Scenario::districts`.
    DistrictId;
    /// Index into `Scenario::venues`.
    VenueId;
    /// Index into `Scenario::teams`.
    TeamId;
    /// Index into `Scenario::drills`.
    DrillId;
    /// Index into `Scenario::skills` (interned skill names).
    SkillId;
    /// Index into `Scenario::conflicts`.
    ConflictId;
    /// Index into `Scenario::standbys`.
    StandbyId;
}

/// Plan day number: 0 is `plan.start`.
pub type Day = u32;
