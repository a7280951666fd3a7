//! Rule 12 (coverage) and the `spread` term of contract v1.1: loading,
//! the checker, and the solver keeping every row on the external corpus's
//! oversubscribed city.

use drillplan::check::check;
use drillplan::reason::Broken;
use drillplan::scenario::{load, parse};
use drillplan::schedule::csv::read;
use std::path::Path;

const CITY: &str = "tests/fixtures/corpus/c-over-city-400-coverage.toml";
const WITNESS: &str = "tests/fixtures/corpus/c-over-city-400-coverage.witness.csv";

#[test]
fn the_witness_keeps_every_row_and_pays_for_its_same_day_pairs() {
    let s = load(Path::new(CITY)).unwrap();
    assert_eq!(s.coverage.len(), 5);
    assert_eq!(s.weights.spread, 2.0);
    let entries = read(&s, Path::new(WITNESS)).unwrap();
    let report = check(&s, &entries, None);
    assert!(report.is_feasible(), "{:?}", report.violations);
    assert_eq!(report.score.priority, 1598);
    // The pairs, counted here by hand from the entries.
    let mut counts = std::collections::HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(e) = e {
            let venue = s.drills[i].venue;
            *counts
                .entry((s.venue(venue).district, e.date))
                .or_insert(0u64) += 1;
        }
    }
    let pairs: u64 = counts.values().map(|n| n * (n - 1) / 2).sum();
    assert!(pairs > 0);
    assert_eq!(report.score.same_day_pairs, pairs);
    let w = s.weights;
    let expected = w.travel * report.score.travel_minutes as f64
        + w.off_preference * report.score.off_preference as f64
        + w.spread * pairs as f64;
    assert_eq!(report.score.penalty, expected);
}

#[test]
fn one_drill_short_of_a_row_is_refused_naming_the_row_and_the_district() {
    let s = load(Path::new(CITY)).unwrap();
    let mut entries = read(&s, Path::new(WITNESS)).unwrap();
    let row = s
        .coverage
        .iter()
        .find(|r| r.name == "fire in dushanzi")
        .unwrap();
    let district = row.districts[0];
    let matching: Vec<usize> = (0..s.drills.len())
        .filter(|&i| {
            entries[i].is_some()
                && s.venue(s.drills[i].venue).district == district
                && Some(&s.drills[i].sector) == row.sector.as_ref()
        })
        .collect();
    // Drop scheduled matching drills until the row is exactly one short.
    let surplus = matching.len() - row.min_drills as usize;
    for &i in &matching[..=surplus] {
        entries[i] = None;
    }
    let report = check(&s, &entries, None);
    assert_eq!(report.rules_broken(), vec![12]);
    assert_eq!(report.violations.len(), 1);
    assert_eq!(
        report.violations[0].broken,
        Broken::CoverageShort {
            row: "fire in dushanzi".into(),
            district: "dushanzi".into(),
            has: row.min_drills as usize - 1,
            min: row.min_drills,
        }
    );
    let text = report.violations[0].to_string();
    assert!(
        text.contains("fire in dushanzi") && text.contains("dushanzi") && text.contains("1 short"),
        "{text}"
    );
}

const SMALL: &str = r#"
[plan]
start = 2017-06-19
end = 2017-06-20
[objective]
spread = 5
[[district]]
id = "k"
[[district]]
id = "u"
[[venue]]
id = "v"
district = "k"
location = [45.0, 84.0]
[[venue]]
id = "w"
district = "u"
location = [45.0, 84.1]
[[team]]
id = "t0"
skills = ["fire"]
district = "k"
base = [45.0, 84.0]
[[drill]]
id = "a"
venue = "v"
duration = 60
sector = "fire"
kind = "fire_evacuation"
needs = [{ team = "t0" }]
[[drill]]
id = "b"
venue = "w"
duration = 60
sector = "fire"
needs = [{ team = "t0" }]
"#;

fn with(extra: &str) -> Result<drillplan::scenario::Scenario, String> {
    parse("s.toml", &format!("{SMALL}{extra}")).map_err(|e| e.render(false))
}

#[test]
fn coverage_rows_are_validated_as_the_contract_says() {
    let s = with("[[coverage]]\nsector = \"fire\"\n").unwrap();
    assert_eq!(
        s.coverage[0].districts.len(),
        2,
        "every district by default"
    );
    assert_eq!(s.coverage[0].min_drills, 1);
    assert_eq!(s.coverage[0].name, "coverage #1");
    let s = with("[[coverage]]\nname = \"x\"\nkind = \"fire_evacuation\"\ndistricts = [\"k\"]\n")
        .unwrap();
    assert_eq!(s.coverage[0].districts.len(), 1);

    let neither = with("[[coverage]]\nname = \"x\"\n").unwrap_err();
    assert!(neither.contains("neither `sector` nor `kind`"), "{neither}");
    let zero = with("[[coverage]]\nsector = \"fire\"\nmin_drills = 0\n").unwrap_err();
    assert!(
        zero.contains("min_drills") && zero.contains("at least 1"),
        "{zero}"
    );
    let unknown = with("[[coverage]]\nsector = \"fire\"\ndistricts = [\"zz\"]\n").unwrap_err();
    assert!(
        unknown.contains("`zz`") && unknown.contains("s.toml:"),
        "{unknown}"
    );
    // `u` has one fire drill, and no fire_evacuation at all.
    let few = with("[[coverage]]\nname = \"fire twice\"\nsector = \"fire\"\nmin_drills = 2\n")
        .unwrap_err();
    assert!(
        few.contains("fire twice") && few.contains("`k`") && few.contains("only 1"),
        "{few}"
    );
    let none = with("[[coverage]]\nname = \"evac\"\nkind = \"fire_evacuation\"\n").unwrap_err();
    assert!(
        none.contains("`u`") && none.contains("only 0") && !none.contains("`k`"),
        "{none}"
    );
    let typo = with("[[coverage]]\nsector = \"fire\"\nmin_drill = 2\n").unwrap_err();
    assert!(typo.contains("min_drill"), "{typo}");
    let negative = parse("s.toml", &SMALL.replace("spread = 5", "spread = -1"))
        .map_err(|e| e.render(false))
        .unwrap_err();
    assert!(negative.contains("objective.spread"), "{negative}");
}
