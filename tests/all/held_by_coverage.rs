//! A drill kept out by rule 12 says so: the only drill in its way is one a
//! coverage row needs to reach its minimum, and the reason names the row,
//! the district and that drill, in English and Chinese.

use drillplan::lang::{Lang, Say};
use drillplan::reason::Unplaced;
use drillplan::scenario::parse;
use drillplan::solve::{solve, SolveOptions, Status};
use std::sync::atomic::AtomicBool;

/// One venue, one morning slot, two drills that each fill it: the fire
/// drill is worth more, but the only hazardous-chemicals drill holds a row.
const ONE_SLOT: &str = r#"
[plan]
start = 2017-06-19
end = 2017-06-19
hours = "08:00-10:00"
[[district]]
id = "k"
[[venue]]
id = "v"
district = "k"
location = [45.0, 84.0]
[[team]]
id = "t0"
skills = ["fire"]
district = "k"
base = [45.0, 84.0]
[[drill]]
id = "hazmat"
venue = "v"
duration = 120
priority = 1
sector = "hazardous_chemicals"
needs = [{ skill = "fire" }]
[[drill]]
id = "fire"
venue = "v"
duration = 120
priority = 5
sector = "fire"
needs = [{ skill = "fire" }]
"#;

const ROW: &str = "[[coverage]]\nname = \"危险化学品演练\"\nsector = \"hazardous_chemicals\"\n";

fn reason_of_fire(text: &str) -> Unplaced {
    let s = parse("s.toml", text).unwrap_or_else(|e| panic!("{}", e.render(false)));
    let out = solve(
        &s,
        &SolveOptions {
            time_limit: None,
            work_limit: Some(200),
            ..SolveOptions::default()
        },
        &AtomicBool::new(false),
        &mut |_| {},
    );
    assert_eq!(out.status, Status::Optimal);
    let fire = s.drills.iter().position(|d| d.id == "fire").unwrap();
    out.schedule.reasons[fire]
        .clone()
        .expect("fire is left out")
}

#[test]
fn a_drill_kept_out_by_rule_12_names_the_row_the_district_and_the_drill_it_needs() {
    let why = reason_of_fire(&format!("{ONE_SLOT}{ROW}"));
    assert_eq!(
        why,
        Unplaced::HeldByCoverage {
            row: drillplan::scenario::CoverageName::Named("危险化学品演练".into()),
            district: "k".into(),
            min: 1,
            by: vec!["hazmat".into()],
        }
    );
    let zh = why.say(Lang::Zh);
    assert!(
        zh.contains("危险化学品演练") && zh.contains("hazmat") && zh.contains("规则 12"),
        "{zh}"
    );
    assert!(why.to_string().contains("rule 12"), "{why}");
}

#[test]
fn a_drill_that_could_stand_in_for_the_holder_is_an_ordinary_no_room() {
    // Both drills count towards the row: the one scheduled wins on priority,
    // and the other could take its place without leaving the row short.
    let text = ONE_SLOT
        .replace("priority = 1", "priority = 9")
        .replace("sector = \"fire\"", "sector = \"hazardous_chemicals\"");
    let why = reason_of_fire(&format!("{text}{ROW}"));
    assert!(matches!(why, Unplaced::NoRoom { .. }), "{why:?}");
    // And with no row at all, the lower priority alone keeps it out.
    let why = reason_of_fire(&ONE_SLOT.replace("priority = 1", "priority = 9"));
    assert!(matches!(why, Unplaced::NoRoom { .. }), "{why:?}");
}
