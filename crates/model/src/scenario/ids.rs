//! Typed indices of validated entities: cheap `Copy` handles into `Scenario`'s tables.

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
