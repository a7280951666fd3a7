//! Text from a planner's file printed to a terminal: control characters in
//! names (ESC, CR, BEL, bidi overrides) could retitle the window, clear the
//! screen or fake lines, so each is shown as a visible escape instead. The
//! escaping is the model's (`drillplan_model::terminal`, which input errors
//! use too), so every message escapes by one rule; here the commands get it,
//! and `printable` for output whose lines they do not format themselves.

pub use drillplan_model::terminal::{escape, escape_text};

/// A copy of `scenario` whose free-text names print safely, for commands
/// that format names into multi-line output they do not own.
pub fn printable(scenario: &crate::scenario::Scenario) -> crate::scenario::Scenario {
    let mut s = scenario.clone();
    let fix = |t: &mut String| *t = escape(t).into_owned();
    fix(&mut s.name);
    s.districts.iter_mut().for_each(|d| fix(&mut d.name));
    for v in &mut s.venues {
        fix(&mut v.name);
        fix(&mut v.kind);
    }
    for t in &mut s.teams {
        fix(&mut t.name);
        fix(&mut t.agency);
    }
    for d in &mut s.drills {
        fix(&mut d.name);
        fix(&mut d.kind);
        fix(&mut d.sector);
    }
    s.conflicts.iter_mut().for_each(|c| fix(&mut c.name));
    s
}
