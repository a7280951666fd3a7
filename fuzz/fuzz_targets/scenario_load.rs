//! Scenario text through parsing and validation: any input must give a
//! `Scenario` or an `InputError` whose report renders, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match drillplan_model::scenario::parse("fuzz.toml", text) {
        Ok(scenario) => {
            // A valid scenario must also survive the cheap whole-scenario passes.
            let _ = drillplan_engine::solve::never_placeable(&scenario);
            let nothing = vec![None; scenario.drills.len()];
            let _ = drillplan_check::check(&scenario, &nothing, None);
        }
        Err(error) => {
            let _ = error.render(true);
        }
    }
});
