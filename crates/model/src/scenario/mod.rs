//! The planner's scenario: raw TOML with spans (`raw`), validated into a
//! `Scenario` (`build*`) that keeps every rule of the contract as `parse`
//! returns it, with its time and travel arithmetic. Its fields are public:
//! code that changes one keeps the rules itself (see `model`).

mod build;
mod build_coverage;
mod build_drills;
mod build_plan;
mod build_rules;
mod build_units;
pub mod ids;
pub mod limits;
mod load;
mod model;
pub mod overrides;
mod raw;
pub mod time;
pub mod travel;

pub use build::is_id_char;
pub use build_plan::{LONGITUDE, LONGITUDE_ZH};
pub use ids::*;
pub use load::{
    load, parse, parse_in, read_bytes, read_bytes_in, read_text, read_text_in,
    skill_needs_no_team_has, team_skills_close_to_a_need, MAX_SCENARIO_BYTES,
};
pub use model::*;
