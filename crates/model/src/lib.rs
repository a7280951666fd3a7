//! drillplan's model: `scenario` reads and validates a planner's file;
//! `schedule` is the schedule of the contract and its CSV; `reason` holds
//! the reasons as values and `lang` puts them in words; `diagnostics` says
//! what is wrong with an input file, and `terminal` escapes what a file
//! says before a terminal shows it. Every other crate of drillplan builds
//! on these; this crate depends on none of them.
//!
//! A scenario is read and validated in one step; what comes back can be
//! trusted by every layer above. Drills are addressed by `DrillId`, a
//! `Copy` handle into the scenario:
//!
//! ```
//! use drillplan_model::scenario::parse;
//!
//! let text = r#"
//! [plan]
//! start = 2017-06-19
//! end = 2017-06-20
//! [[district]]
//! id = "karamay"
//! [[venue]]
//! id = "school"
//! district = "karamay"
//! location = [45.58, 84.88]
//! [[team]]
//! id = "fire-1"
//! skills = ["fire"]
//! district = "karamay"
//! base = [45.59, 84.87]
//! [[drill]]
//! id = "evacuation"
//! venue = "school"
//! duration = 60
//! priority = 5
//! needs = [{ skill = "fire" }]
//! "#;
//! let scenario = parse("plan.toml", text).expect("a valid scenario");
//! let drill = scenario.find_drill("evacuation").unwrap();
//! assert_eq!(scenario.drill(drill).duration, 60);
//! assert_eq!(scenario.drill(drill).priority, 5);
//!
//! // A refused file says where and why, at its line, in the planner's words.
//! let err = parse("plan.toml", &text.replace("duration = 60", "duration = -1")).unwrap_err();
//! assert!(err.render(false).contains("plan.toml"));
//! ```

pub mod diagnostics;
pub mod lang;
pub mod reason;
pub mod scenario;
pub mod schedule;
pub mod terminal;
