//! `--set` expressions applied to a fixed valid scenario, and the changed
//! scenario validated: any input must be refused with a message or give a
//! scenario (valid or refused with an `InputError`), never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(set) = std::str::from_utf8(data) else {
        return;
    };
    let text = include_str!("../../tests/scenarios/rules.toml");
    match drillplan_model::scenario::overrides::apply(text, &[set.to_string()]) {
        Ok(changed) => match drillplan_model::scenario::parse("what-if", &changed) {
            Ok(scenario) => {
                let _ = scenario.drills.len();
            }
            Err(error) => {
                let _ = error.render(true);
            }
        },
        Err(message) => {
            let _ = message.len();
        }
    }
});
