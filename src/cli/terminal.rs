//! Text from a planner's file printed to a terminal: control characters in
//! names (ESC, CR, BEL, bidi overrides) could retitle the window, clear the
//! screen or fake lines, so each is shown as a visible escape instead.

use std::borrow::Cow;

/// Characters a terminal acts on rather than shows.
fn is_active(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn escaped(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| is_active(c) && !keep(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_active(c) && !keep(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// One value (a name, an id, a cell) safe to print: every control character escaped, line ends too.
pub fn escape(text: &str) -> Cow<'_, str> {
    escaped(text, |_| false)
}

/// A block of our own lines safe to print: line ends stay, every other control character is escaped.
pub fn escape_text(text: &str) -> Cow<'_, str> {
    escaped(text, |c| c == '\n')
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_act_on() {
        assert_eq!(escape("克拉玛依 school"), "克拉玛依 school");
        assert_eq!(escape("a\u{1b}]0;pwned\u{7}b"), "a\\u{1b}]0;pwned\\u{7}b");
        assert_eq!(escape("x\r\nfeasible"), "x\\r\\nfeasible");
        assert_eq!(escape("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(
            escape_text("line 1\nline\u{1b}[2J 2\n"),
            "line 1\nline\\u{1b}[2J 2\n"
        );
    }
}
