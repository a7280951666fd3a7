//! From a problem the loader found in the rendered TOML back to the sheet
//! and cell it came from, in the spreadsheet's own notation (`队伍!C7`).

use super::layout::Layout;
use super::render::{Origin, Out};
use super::schema::Place;
use crate::diagnostics::{Problem, ProblemKind};
use crate::lang::Lang;
use drillplan_model::scenario::{LONGITUDE, LONGITUDE_ZH};

/// `A`, ..., `Z`, `AA`, ... for a 0-based column.
pub fn col_letters(col: u32) -> String {
    let mut n = col + 1;
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

/// A sheet name as a formula writes it: quoted when it has spaces or punctuation.
pub fn sheet_ref(name: &str) -> String {
    if name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// `队伍!C7` for a cell, `队伍!7:7` for a whole row (0-based row and column).
pub fn cell_ref(sheet: &str, row: u32, col: Option<u32>) -> String {
    match col {
        Some(c) => format!("{}!{}{}", sheet_ref(sheet), col_letters(c), row + 1),
        None => format!("{}!{}:{}", sheet_ref(sheet), row + 1, row + 1),
    }
}

/// Points `problem` at its cell instead of a line of the rendered text.
pub fn relocate(problem: &mut Problem, out: &Out, layouts: &[Layout]) {
    let span = problem.span.take();
    problem.line_col = None;
    // A whole table missing (the 计划 sheet deleted) is no cell's fault; its
    // span points at the top of the text, which is another sheet's row.
    let absent = problem.kind == ProblemKind::MissingField
        && super::schema::sheet_of(&problem.field)
            .is_some_and(|s| !layouts.iter().any(|l| l.schema.table == s.table));
    if absent {
        problem.cell = top_level(problem, layouts);
        return;
    }
    let Some(span) = span else {
        problem.cell = top_level(problem, layouts);
        return;
    };
    let at = span.start;
    let found = |entries: &[(std::ops::Range<usize>, Origin)]| {
        let i = entries.partition_point(|(r, _)| r.start <= at);
        i.checked_sub(1)
            .map(|i| &entries[i])
            .filter(|(r, _)| at < r.end)
            .map(|(_, o)| *o)
    };
    let origin = found(&out.cells).or_else(|| found(&out.rows));
    let Some(mut origin) = origin else {
        problem.cell = top_level(problem, layouts);
        return;
    };
    let layout = &layouts[origin.sheet];
    let column_of = |place: Place| layout.schema.column(place).and_then(|i| layout.cols[i]);
    // A coordinate pair is one TOML value; its problems name the half at fault.
    if [LONGITUDE, LONGITUDE_ZH]
        .iter()
        .any(|w| problem.message.starts_with(w))
    {
        let key = problem.field.rsplit('.').next().unwrap_or_default();
        if let Some(col) = ["location", "base"]
            .iter()
            .find(|k| **k == key)
            .and_then(|k| column_of(Place::Coord(k, 1)))
        {
            origin.col = Some(col);
        }
    }
    if problem.kind == ProblemKind::MissingField && origin.col.is_none() {
        let wanted = problem.field.as_str();
        let column = layout
            .schema
            .columns
            .iter()
            .enumerate()
            .find(|(_, c)| match c.place {
                Place::Key(k) | Place::Override(k) | Place::Coord(k, 0) => k == wanted,
                Place::Inline(_, sub) => sub == wanted,
                Place::Coord(..) => false,
            });
        if let Some((i, c)) = column {
            let label = c.label(layout.lang);
            match layout.cols[i] {
                Some(col) => {
                    origin.col = Some(col);
                    problem.message = drillplan_model::words!(layout.says,
                        en: "`{label}` is empty; it is required",
                        zh: "`{label}` 为空；此项必填");
                }
                None => {
                    problem.message = drillplan_model::words!(layout.says,
                        en: "the sheet has no column `{label}`; it is required",
                        zh: "此表没有 `{label}` 列；此列必填")
                }
            }
        }
    }
    // The header the planner sees names the field, not the TOML key path
    // (开放时段, not `venue jx-hospital.hours`); the cell names the row.
    if let Some(i) = origin
        .col
        .and_then(|c| layout.cols.iter().position(|&x| x == Some(c)))
    {
        problem.field = layout.schema.columns[i].label(layout.lang).to_string();
        if problem.kind == ProblemKind::Syntax {
            problem.message = problem
                .message
                .replace("expected i64", "expected a whole number")
                .replace("expected f64", "expected a number");
        }
    }
    problem.cell = Some(cell_ref(&layout.name, origin.row, origin.col));
}

/// A problem of the whole document: a table that is missing altogether.
fn top_level(problem: &mut Problem, layouts: &[Layout]) -> Option<String> {
    if problem.kind != ProblemKind::MissingField {
        return None;
    }
    let sheet = super::schema::sheet_of(&problem.field)?;
    match layouts.iter().find(|l| l.schema.table == sheet.table) {
        Some(l) => {
            let name = &l.name;
            problem.message = drillplan_model::words!(l.says,
                en: "the {name} sheet has no row of values",
                zh: "{name} 表没有填写任何行");
            Some(sheet_ref(&l.name))
        }
        None => {
            // In the language of the book's other sheets' messages.
            let zh = layouts.iter().filter(|l| l.says == Lang::Zh).count();
            let lang = if zh * 2 >= layouts.len() {
                Lang::Zh
            } else {
                Lang::En
            };
            let (zh, en) = (sheet.zh, sheet.en);
            problem.message = drillplan_model::words!(lang,
                en: "the workbook has no {zh} ({en}) sheet",
                zh: "工作簿中没有「{zh}」表（{en}）");
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_notation() {
        assert_eq!(col_letters(0), "A");
        assert_eq!(col_letters(25), "Z");
        assert_eq!(col_letters(26), "AA");
        assert_eq!(col_letters(701), "ZZ");
        assert_eq!(col_letters(702), "AAA");
        assert_eq!(cell_ref("队伍", 6, Some(2)), "队伍!C7");
        assert_eq!(cell_ref("my teams", 6, None), "'my teams'!7:7");
    }
}
