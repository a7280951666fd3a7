//! Errors that point into a planner's file: path, line, column, the field,
//! what is wrong and what would be valid. The excerpt under an error is
//! drawn by annotate-snippets (rustc's and cargo's renderer, two small
//! crates), in display columns, so the underline stays right under Chinese
//! text; what of the file it shows is escaped and cut here first.

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// What kind of problem an input has; tests assert on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not a readable file, not UTF-8, too large.
    Unreadable,
    /// Not in the format the command reads: not CSV, a wrong header, a row
    /// of the wrong width. A file-level problem, like `Unreadable`.
    WrongFormat,
    /// TOML syntax, or a value of the wrong type.
    Syntax,
    UnknownKey,
    MissingField,
    BadId,
    DuplicateId,
    UnknownReference,
    /// A value out of its allowed range or shape (dates, windows, numbers).
    BadValue,
}

impl ProblemKind {
    pub fn label(self) -> &'static str {
        match self {
            ProblemKind::Unreadable => "unreadable",
            ProblemKind::WrongFormat => "wrong-format",
            ProblemKind::Syntax => "syntax",
            ProblemKind::UnknownKey => "unknown-key",
            ProblemKind::MissingField => "missing-field",
            ProblemKind::BadId => "bad-id",
            ProblemKind::DuplicateId => "duplicate-id",
            ProblemKind::UnknownReference => "unknown-reference",
            ProblemKind::BadValue => "bad-value",
        }
    }

    /// The label in `lang`: the English one is the identifier tests and
    /// scripts match on, the Chinese one is for the planner.
    pub fn label_in(self, lang: crate::lang::Lang) -> &'static str {
        if lang == crate::lang::Lang::En {
            return self.label();
        }
        match self {
            ProblemKind::Unreadable => "无法读取",
            ProblemKind::WrongFormat => "格式不符",
            ProblemKind::Syntax => "语法",
            ProblemKind::UnknownKey => "未知项",
            ProblemKind::MissingField => "缺少必填项",
            ProblemKind::BadId => "编号无效",
            ProblemKind::DuplicateId => "编号重复",
            ProblemKind::UnknownReference => "引用不存在",
            ProblemKind::BadValue => "取值无效",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The field as a planner finds it in the file, e.g. ``drill `no1-fire`.duration``.
    pub field: String,
    pub message: String,
    pub help: Option<String>,
    pub span: Option<Range<usize>>,
    /// 1-based line and column (in characters) of the span start, when known.
    pub line_col: Option<(usize, usize)>,
    /// In a workbook: the sheet and cell (`队伍!C7`), or the sheet and row
    /// (`队伍!7:7`), shown instead of a line and column.
    pub cell: Option<String>,
}

/// A planner fixes the first few problems and runs again; thousands of
/// lines help nobody (and excerpts of a huge file cost time).
pub const MAX_SHOWN_PROBLEMS: usize = 50;

/// A file together with the problems found in it.
///
/// ```
/// use drillplan_model::diagnostics::{InputError, ProblemKind};
/// use drillplan_model::lang::Lang;
///
/// let err = InputError::single("plan.toml", ProblemKind::BadValue, "plan.slot_minutes", "7 does not divide 1440");
/// assert_eq!(err.kinds(), vec![ProblemKind::BadValue]);
/// let text = err.render(false);
/// assert!(text.contains("plan.toml") && text.contains("plan.slot_minutes"), "{text}");
/// assert!(text.contains("7 does not divide 1440"), "{text}");
/// // The frame around the problem is in the planner's language.
/// assert_ne!(err.render_in(false, Lang::Zh), text);
/// assert_eq!(ProblemKind::BadValue.label_in(Lang::En), "bad-value");
/// assert_eq!(ProblemKind::BadValue.label_in(Lang::Zh), "取值无效");
/// ```
#[derive(Debug, Clone)]
pub struct InputError {
    pub path: String,
    pub source: Arc<String>,
    pub problems: Vec<Problem>,
    /// Warnings of the same read (a workbook's `9:00` read as `09:00`, a
    /// hidden sheet read): printed after the problems, as they would be
    /// had the file loaded, so that fixing the errors is not the only way
    /// to learn of them.
    pub notes: Vec<String>,
}

impl InputError {
    pub fn single(path: &str, kind: ProblemKind, field: &str, message: impl Into<String>) -> Self {
        InputError {
            path: path.to_string(),
            source: Arc::new(String::new()),
            problems: vec![Problem {
                kind,
                field: field.to_string(),
                message: message.into(),
                help: None,
                span: None,
                line_col: None,
                cell: None,
            }],
            notes: Vec::new(),
        }
    }

    pub fn kinds(&self) -> Vec<ProblemKind> {
        self.problems.iter().map(|p| p.kind).collect()
    }

    /// One line per problem, `error[KIND]: path:line:col: field: message`,
    /// with `fancy` the source excerpt under it, then its help; the first
    /// `MAX_SHOWN_PROBLEMS`, then how many more there are.
    pub fn render(&self, fancy: bool) -> String {
        self.render_in(fancy, crate::lang::Lang::En)
    }

    /// `render`, its frame (`错误[…]：`, `提示：`) in `lang`; the problems'
    /// own words are as their reader wrote them.
    pub fn render_in(&self, fancy: bool, lang: crate::lang::Lang) -> String {
        let mut out = String::new();
        for p in self.problems.iter().take(MAX_SHOWN_PROBLEMS) {
            let at = match (&p.cell, p.line_col) {
                (Some(cell), _) => {
                    crate::words!(lang, en: ("{}: {cell}", self.path), zh: ("{}：{cell}", self.path))
                }
                (None, Some((l, c))) => format!("{}:{l}:{c}", self.path),
                (None, None) => self.path.clone(),
            };
            // The one place input errors become text: every piece of the
            // file they quote (ids, cells, headers) prints as one line, its
            // control characters escaped and a huge word cut short, so a
            // file can neither fake output lines nor flood the terminal.
            let shown = crate::terminal::escape;
            // A problem of the whole file (missing, not a workbook) is
            // filed under the field `file`; a Chinese planner reads 文件.
            let field = match p.field.as_str() {
                "file" => crate::words!(lang, en: "file", zh: "文件"),
                // The whole first line, a whole row, a whole sheet at fault.
                "(header)" => crate::words!(lang, en: "(header)", zh: "（表头）"),
                "(row)" => crate::words!(lang, en: "(row)", zh: "（行）"),
                "(sheet)" => crate::words!(lang, en: "(sheet)", zh: "（工作表）"),
                "(document)" => crate::words!(lang, en: "(document)", zh: "（文件）"),
                other => other.to_string(),
            };
            let (kind, at, field, message) = (
                p.kind.label_in(lang),
                shown(&at),
                shown(&field),
                shown(&p.message),
            );
            out.push_str(&crate::words!(lang,
                en: "error[{kind}]: {at}: {field}: {message}\n",
                zh: "错误[{kind}]：{at}：{field}：{message}\n"));
            if let (true, Some(span)) = (fancy, &p.span) {
                out.push_str(&self.excerpt(p, span.clone()));
            }
            if let Some(help) = &p.help {
                let help = shown(help);
                out.push_str(&crate::words!(lang, en: "  help: {help}\n", zh: "  提示：{help}\n"));
            }
        }
        if let Some(more) = self.problems.len().checked_sub(MAX_SHOWN_PROBLEMS) {
            if more > 0 {
                out.push_str(&crate::words!(lang,
                    en: "... and {more} more problems of the same file\n",
                    zh: "……同一文件另有 {more} 个问题\n"));
            }
        }
        // The same line as a warning of a file that loads (`cli::warn`).
        let path = crate::terminal::escape(&self.path);
        for note in &self.notes {
            let note = crate::terminal::escape(note);
            out.push_str(&crate::words!(lang,
                en: "warning: {path}: {note}\n",
                zh: "警告：{path}：{note}\n"));
        }
        out
    }

    /// The line of `span` between its neighbours, the value underlined and
    /// labelled by its field, drawn by annotate-snippets (rustc's and
    /// cargo's renderer) in display columns, so the underline stays under
    /// the value after Chinese text:
    ///
    /// ```text
    ///   ╭▸ plan.toml:3:8
    ///   │
    /// 2 │ [plan]
    /// 3 │ name = -1
    ///   │        ━━ name
    /// 4 │ start = 2017-06-19
    ///   ╰╴
    /// ```
    ///
    /// The renderer is the plain one: the excerpt goes to files and tests
    /// as well as to terminals, and `Failure::render` escapes every control
    /// character of the text it prints, a colour's too.
    fn excerpt(&self, problem: &Problem, span: Range<usize>) -> String {
        use annotate_snippets::{
            renderer::DecorStyle, AnnotationKind, Group, Level, Renderer, Snippet,
        };

        let text = self.source.as_str();
        let start = floor_char_boundary(text, span.start);
        let end = floor_char_boundary(text, span.end.max(start)).max(start);
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        // A span over several lines is underlined to the end of its first.
        let end = end.min(line_end);
        let number = text[..start].matches('\n').count() + 1;
        let previous = (line_start > 0).then(|| {
            let from = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
            &text[from..line_start - 1]
        });
        let next = (line_end < text.len()).then(|| {
            let rest = &text[line_end + 1..];
            &rest[..rest.find('\n').unwrap_or(rest.len())]
        });

        // The excerpt as shown, and where the value lies in it.
        let mut shown = String::new();
        if let Some(line) = previous {
            shown_piece(&mut shown, line, Cut::Tail(2 * KEPT_AROUND));
            shown.push('\n');
        }
        shown_piece(&mut shown, &text[line_start..start], Cut::Head(KEPT_AROUND));
        let value_start = shown.len();
        shown_piece(&mut shown, &text[start..end], Cut::Tail(KEPT_AROUND));
        let value_end = shown.len();
        shown_piece(&mut shown, &text[end..line_end], Cut::Tail(KEPT_AROUND));
        if let Some(line) = next {
            shown.push('\n');
            shown_piece(&mut shown, line, Cut::Tail(2 * KEPT_AROUND));
        }

        let field = crate::terminal::escape(&problem.field);
        let snippet = Snippet::source(shown.as_str())
            .line_start(number - usize::from(previous.is_some()))
            .path(crate::terminal::escape(&self.path))
            // Every line given is shown: the neighbours are the context.
            .fold(false)
            .annotation(
                AnnotationKind::Primary
                    .span(value_start..value_end)
                    .label(field),
            );
        let report = [Group::with_level(Level::ERROR).element(snippet)];
        let mut out = Renderer::plain()
            .decor_style(DecorStyle::Unicode)
            .render(&report);
        out.push('\n');
        out
    }
}

/// How much of a line the excerpt keeps on each side of the value, and of
/// the value, in characters: a 5 MB line would otherwise be measured and
/// laid out whole (seconds) before the renderer cuts it to the terminal.
const KEPT_AROUND: usize = 60;

/// Which end of a piece of a line is kept when it is too long.
#[derive(Clone, Copy)]
enum Cut {
    /// The last characters (the text just before the value), `…` first.
    Head(usize),
    /// The first characters, `…` last.
    Tail(usize),
}

/// Appends a piece of a line of the file as the excerpt shows it: a
/// carriage return dropped, any other control character but the tab as its
/// escape (the renderer expands tabs), so that a file can neither move the
/// cursor nor shift the underline; cut to `cut`.
fn shown_piece(out: &mut String, piece: &str, cut: Cut) {
    let mut push = |c: char| {
        if c == '\t' {
            out.push(c);
        } else if c != '\r' {
            out.push_str(&crate::terminal::escape(c.encode_utf8(&mut [0; 4])));
        }
    };
    match cut {
        Cut::Head(keep) => {
            let count = piece.chars().count();
            if count > keep {
                push('…');
            }
            piece
                .chars()
                .skip(count.saturating_sub(keep))
                .for_each(push);
        }
        Cut::Tail(keep) => {
            let mut chars = piece.chars();
            chars.by_ref().take(keep).for_each(&mut push);
            if chars.next().is_some() {
                push('…');
            }
        }
    }
}

/// The largest char boundary of `text` at or before `offset`.
fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render(false).trim_end())
    }
}

impl std::error::Error for InputError {}

/// The ASCII form of a full-width character as a Chinese input method
/// types it (`９` as `9`, `：` as `:`, `（` as `(`), the ideographic space
/// as a space; any other character as it is. What the planner sees in the
/// cell is the same value either way.
pub fn narrowed(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    }
}

/// 1-based line and character column of a byte offset.
///
/// ```
/// use drillplan_model::diagnostics::line_col;
///
/// let text = "[plan]\nname = \"克拉玛依\" x";
/// // Columns count characters, not bytes: each Chinese one is 3 bytes.
/// assert_eq!(line_col(text, text.find('x').unwrap()), (2, 15));
/// assert_eq!(line_col(text, 0), (1, 1));
/// ```
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let offset = (0..=offset)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// The ids closest to `wanted` by edit distance, to suggest on a bad
/// reference: at most three, closest first (ties by id).
///
/// ```
/// use drillplan_model::diagnostics::nearest;
///
/// let venues = ["school", "refinery", "hospital", "station", "scholar-hall"];
/// assert_eq!(nearest("schol", venues.into_iter()), vec!["school", "station", "hospital"]);
/// assert!(nearest("school", std::iter::empty()).is_empty());
/// ```
pub fn nearest<'a>(wanted: &str, existing: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = existing.map(|e| (edit_distance(wanted, e), e)).collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, e)| e).collect()
}

/// Whether a name `distance` edits from the one meant, the longer of the
/// two `longest` characters, is a slip of it: one or two letters off a
/// word of some length (`fier`, `消防队`), not another word (`mine_rescue`
/// is no misspelt `rescue`).
///
/// ```
/// use drillplan_model::diagnostics::is_slip;
///
/// assert!(is_slip(2, 4)); // fier for fire
/// assert!(!is_slip(5, 11)); // mine_rescue, rescue
/// ```
pub fn is_slip(distance: usize, longest: usize) -> bool {
    distance <= 2 && distance * 3 <= longest + 2
}

/// Levenshtein distance in characters (not bytes): insertions, deletions
/// and substitutions each count one.
///
/// ```
/// use drillplan_model::diagnostics::edit_distance;
///
/// assert_eq!(edit_distance("kitten", "sitting"), 3);
/// assert_eq!(edit_distance("消防", "消防队"), 1);
/// assert_eq!(edit_distance("", "fire"), 4);
/// ```
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "a = 1\nname = \"克拉玛依\" x";
        let off = text.find('x').unwrap();
        assert_eq!(line_col(text, off), (2, 15));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    /// An error on `source` with one problem of field `a` over `span`.
    fn error_at(source: &str, span: Range<usize>) -> InputError {
        InputError {
            path: "f.toml".into(),
            source: Arc::new(source.into()),
            problems: vec![Problem {
                kind: ProblemKind::BadValue,
                field: "a".into(),
                message: "must be at least 1".into(),
                help: None,
                line_col: Some(line_col(source, span.start)),
                span: Some(span),
                cell: None,
            }],
            notes: Vec::new(),
        }
    }

    #[test]
    fn the_excerpt_underlines_the_value_after_chinese_text() {
        let source = "[plan]\na = \"克拉\" -1\nb = 2\n";
        let at = source.find("-1").unwrap();
        let err = error_at(source, at..at + 2);
        // `克拉` is four columns wide: the underline starts at column 12.
        let excerpt = "  ╭▸ f.toml:2:10\n  │\n1 │ [plan]\n2 │ a = \"克拉\" -1\n  │            ━━ a\n3 │ b = 2\n  ╰╴\n";
        assert_eq!(
            err.render(true),
            format!("error[bad-value]: f.toml:2:10: a: must be at least 1\n{excerpt}")
        );
        assert_eq!(
            err.render_in(true, crate::lang::Lang::Zh),
            format!("错误[取值无效]：f.toml:2:10：a：must be at least 1\n{excerpt}")
        );
        assert!(!err.render(false).contains('│'));
    }

    #[test]
    fn a_file_cannot_move_the_cursor_or_fake_lines_in_the_excerpt() {
        // ESC clearing the screen, BEL, a bare CR that would rewrite the
        // line, a tab before the value, CRLF line ends.
        // The renderer's column counts the excerpt as shown (19, where the
        // file's is 9): the frame line above it gives the file's.
        let source = "x\u{1b}[2J = 1\r\n\ta\u{7} =\r\u{202e} -1\r\nb = 2\r\n";
        let at = source.find("-1").unwrap();
        let text = error_at(source, at..at + 2).render(true);
        let excerpt = text.split_once('\n').unwrap().1;
        assert_eq!(
            excerpt,
            "  ╭▸ f.toml:2:19\n  │\n1 │ x\\u{1b}[2J = 1\n2 │     a\\u{7} =\\u{202e} -1\n  │                      ━━ a\n3 │ b = 2\n  ╰╴\n"
        );
        assert!(
            !excerpt.chars().any(|c| c.is_control() && c != '\n'),
            "{excerpt:?}"
        );
    }

    #[test]
    fn odd_spans_and_files_do_not_break_the_excerpt() {
        // A span over several lines is underlined to the end of its first.
        let source = "a = [\n  1,\n]\n";
        let text = error_at(source, 4..source.len()).render(true);
        assert!(
            text.contains("1 │ a = [\n  │     ━ a\n2 │   1,\n"),
            "{text}"
        );
        // An empty file, a span past its end, a span at the end of a file.
        for (source, span) in [("", 0..0), ("", 3..9), ("a = 1\n", 6..6), ("a = 1", 5..7)] {
            let text = error_at(source, span).render(true);
            assert!(text.contains("━ a\n"), "{source:?}: {text}");
        }
        // A span that starts inside a character is moved to its start.
        let source = "a = \"克拉\"";
        let text = error_at(source, 6..8).render(true);
        assert!(text.contains("1 │ a = \"克拉\"\n  ╰╴     ━━ a\n"), "{text}");
        // A 5 MB line is cut around the value, on both sides.
        let long = "演".repeat(5_000_000);
        let source = format!("a = \"{long}\" -1 \"{long}\"\n");
        let at = source.find("-1").unwrap();
        let text = error_at(&source, at..at + 2).render(true);
        assert!(text.len() < 2_000, "{} bytes", text.len());
        assert!(text.contains("\" -1 \"") && text.contains('…'), "{text}");
        assert!(text.contains(" ━━ a\n"), "{text}");
    }

    #[test]
    fn nearest_ids_first() {
        let ids = ["fire-krm-1", "fire-krm-2", "police-dsz"];
        assert_eq!(
            nearest("fire-krm-3", ids.into_iter())[..2],
            ["fire-krm-1", "fire-krm-2"]
        );
    }
}
