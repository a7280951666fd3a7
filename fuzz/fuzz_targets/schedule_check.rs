//! Schedule CSV text, read against a fixed valid scenario and checked: any
//! input must be refused with an `InputError` or checked and scored.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

static SCENARIO: OnceLock<drillplan_model::scenario::Scenario> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let scenario = SCENARIO.get_or_init(|| {
        let text = include_str!("../../tests/scenarios/rules.toml");
        drillplan_model::scenario::parse("rules.toml", text).expect("the fuzz scenario is valid")
    });
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match drillplan_model::schedule::csv::parse(scenario, "fuzz.csv", text) {
        Ok(entries) => {
            let report = drillplan_check::check(scenario, &entries, Some(&entries));
            let _ = report.rules_broken();
        }
        Err(error) => {
            let _ = error.render(true);
        }
    }
    if let Ok(baseline) =
        drillplan_model::schedule::baseline::Baseline::parse(scenario, "fuzz.csv", text)
    {
        let _ = baseline.drills.len();
    }
});
