//! Errors that point into a planner's file: path, line, column, the field,
//! what is wrong and what would be valid. The excerpt under an error is
//! drawn here, in display columns (`lang::char_width`), so the underline
//! stays right under Chinese text; miette's `fancy` renderer did this for a
//! few dozen crates more.

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
        }
    }

    pub fn kinds(&self) -> Vec<ProblemKind> {
        self.problems.iter().map(|p| p.kind).collect()
    }

    /// One line per problem, `path:line:col: field: message`, then a source
    /// excerpt; the first `MAX_SHOWN_PROBLEMS`, then how many more there are.
    pub fn render(&self, fancy: bool) -> String {
        self.render_in(fancy, crate::lang::Lang::En)
    }

    /// `render`, its frame (`错误[…]：`, `提示：`) in `lang`; the problems'
    /// own words are as their reader wrote them.
    pub fn render_in(&self, fancy: bool, lang: crate::lang::Lang) -> String {
        let mut out = String::new();
        for p in self.problems.iter().take(MAX_SHOWN_PROBLEMS) {
            let at = match (&p.cell, p.line_col) {
                (Some(cell), _) => format!("{}: {cell}", self.path),
                (None, Some((l, c))) => format!("{}:{l}:{c}", self.path),
                (None, None) => self.path.clone(),
            };
            // The one place input errors become text: every piece of the
            // file they quote (ids, cells, headers) prints as one line, its
            // control characters escaped and a huge word cut short, so a
            // file can neither fake output lines nor flood the terminal.
            let shown = crate::terminal::escape;
            let (kind, at, field, message) = (
                p.kind.label_in(lang),
                shown(&at),
                shown(&p.field),
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
        out
    }

    /// The lines around `span` with the value underlined and labelled by
    /// its field, as `rustc` and miette draw them:
    ///
    /// ```text
    ///    ╭─[plan.toml:3:8]
    ///  2 │ [plan]
    ///  3 │ name = -1
    ///    ·        ─┬
    ///    ·         ╰── name
    ///  4 │ start = 2017-06-19
    ///    ╰────
    /// ```
    fn excerpt(&self, problem: &Problem, span: Range<usize>) -> String {
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
        let last_number = number + usize::from(next.is_some());
        let gutter = if text.is_empty() {
            1
        } else {
            last_number.to_string().len()
        };
        let pad = " ".repeat(gutter);
        let (_, col) = line_col(text, start);
        let mut out = format!("{pad}  ╭─[{}:{number}:{col}]\n", self.path);
        let source_line = |out: &mut String, n: usize, line: &str| {
            out.push_str(&format!(" {n:>gutter$} │ {}\n", shown_line(line).0));
        };
        if let Some(line) = previous {
            source_line(&mut out, number - 1, line);
        }
        if !text.is_empty() {
            source_line(&mut out, number, &text[line_start..line_end]);
            let (_, before) = shown_line(&text[line_start..start]);
            let (_, width) = shown_line(&text[start..end]);
            let indent = " ".repeat(before);
            let underline: String = if width == 0 {
                "▲".to_string()
            } else {
                (0..width)
                    .map(|i| if i == width / 2 { '┬' } else { '─' })
                    .collect()
            };
            out.push_str(&format!(" {pad} · {indent}{underline}\n"));
            let to_mark = " ".repeat(width / 2);
            let field = crate::terminal::escape(&problem.field);
            out.push_str(&format!(" {pad} · {indent}{to_mark}╰── {field}\n"));
            if let Some(line) = next {
                source_line(&mut out, number + 1, line);
            }
        }
        out.push_str(&format!("{pad}  ╰────\n"));
        out
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

/// A line of the file as the excerpt shows it, and its display width: a
/// tab to the next multiple of four columns, a carriage return dropped,
/// any other control character as its escape, so that a file can neither
/// move the cursor nor shift the underline.
fn shown_line(line: &str) -> (String, usize) {
    let mut out = String::with_capacity(line.len());
    let mut width = 0;
    for c in line.chars() {
        match c {
            '\t' => {
                let to = (width / 4 + 1) * 4;
                out.extend(std::iter::repeat_n(' ', to - width));
                width = to;
            }
            '\r' => {}
            c => {
                let piece = crate::terminal::escape(c.encode_utf8(&mut [0; 4])).into_owned();
                width += crate::lang::display_width(&piece);
                out.push_str(&piece);
            }
        }
    }
    (out, width)
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.render(false).trim_end())
    }
}

impl std::error::Error for InputError {}

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

    #[test]
    fn the_excerpt_underlines_the_value_after_chinese_text() {
        let source = "[plan]\na = \"克拉\" -1\nb = 2\n";
        let at = source.find("-1").unwrap();
        let err = InputError {
            path: "f.toml".into(),
            source: Arc::new(source.into()),
            problems: vec![Problem {
                kind: ProblemKind::BadValue,
                field: "a".into(),
                message: "must be at least 1".into(),
                help: None,
                span: Some(at..at + 2),
                line_col: Some(line_col(source, at)),
                cell: None,
            }],
        };
        let excerpt = "   ╭─[f.toml:2:10]\n 1 │ [plan]\n 2 │ a = \"克拉\" -1\n   ·            ─┬\n   ·             ╰── a\n 3 │ b = 2\n   ╰────\n";
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
    fn nearest_ids_first() {
        let ids = ["fire-krm-1", "fire-krm-2", "police-dsz"];
        assert_eq!(
            nearest("fire-krm-3", ids.into_iter())[..2],
            ["fire-krm-1", "fire-krm-2"]
        );
    }
}
