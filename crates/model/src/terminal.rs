//! Text from a planner's file printed to a terminal: control characters in
//! names (ESC, CR, BEL, bidi overrides) could retitle the window, clear the
//! screen or fake lines, so each is shown as a visible escape instead. Here,
//! below every crate that prints, so that input errors (`diagnostics`) and
//! the command line escape by one rule.

use std::borrow::Cow;

/// Characters a terminal acts on rather than shows.
fn is_active(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A word (a run without white space or Chinese punctuation: an id, a
/// cell) longer than this is cut to `KEPT_OF_LONG_WORD` characters and `…`
/// wherever it is printed: a 5 MB id echoed in every help line would
/// otherwise flood the terminal.
pub const LONGEST_WORD: usize = 120;
pub const KEPT_OF_LONG_WORD: usize = 80;

/// Where a word ends: white space, or the punctuation that separates the
/// clauses of a Chinese sentence, which has no spaces and would otherwise
/// be one long word, cut in the middle of what it says.
fn ends_word(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '，' | '。' | '；' | '：' | '、' | '（' | '）' | '「' | '」' | '？' | '！'
        )
}

fn escaped(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    let words = || text.split_inclusive(ends_word);
    let long = |w: &str| w.len() > LONGEST_WORD && w.chars().nth(LONGEST_WORD).is_some();
    if !text.chars().any(|c| is_active(c) && !keep(c)) && !words().any(long) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len().min(1 << 20) + 8);
    let mut push = |c: char| {
        if is_active(c) && !keep(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    };
    for word in words() {
        if long(word) {
            word.chars().take(KEPT_OF_LONG_WORD).for_each(&mut push);
            push('…');
            word.chars().last().filter(|&c| ends_word(c)).map(&mut push);
        } else {
            word.chars().for_each(&mut push);
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

    #[test]
    fn long_words_are_cut_short_words_are_kept() {
        let id = "演".repeat(5_000_000);
        let shown = escape_text(&format!("no drill `{id}` here\nnext line\n")).into_owned();
        assert_eq!(
            shown,
            format!("no drill `{}… here\nnext line\n", "演".repeat(79))
        );
        let exact = "k".repeat(LONGEST_WORD);
        assert_eq!(escape(&exact), exact);
        let cut = escape(&format!("{exact}k\n")).into_owned();
        assert_eq!(cut, format!("{}…\\n", "k".repeat(KEPT_OF_LONG_WORD)));
    }

    #[test]
    fn a_long_chinese_sentence_is_kept_whole() {
        // 150 characters without a space, in clauses as Chinese writes them.
        let clause = "需要一支具备消防技能的队伍，";
        let sentence = format!("{}然后完成。", clause.repeat(10));
        assert!(sentence.chars().count() > LONGEST_WORD);
        assert_eq!(escape_text(&sentence), sentence);
        // A long id inside it is still cut, its clause mark kept.
        let id = "队".repeat(200);
        let shown = escape_text(&format!("没有演练「{id}」，请检查")).into_owned();
        assert_eq!(shown, format!("没有演练「{}…」，请检查", "队".repeat(80)));
    }
}
