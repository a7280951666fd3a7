//! Rows of cells as TOML text, recording which bytes came from which cell,
//! so that the scenario loader validates a workbook exactly as it validates
//! a file, and each of its problems can be pointed back at a cell.

use super::literal;
use super::read::Value;
use super::schema::{Column, Place, Shape, Sheet};
use std::ops::Range;

/// Where text came from: a sheet (by its index in the map), a 0-based row,
/// and a 0-based column, or the whole row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Origin {
    pub sheet: usize,
    pub row: u32,
    pub col: Option<u32>,
}

/// TOML text with the origin of its pieces, in text order.
#[derive(Debug, Default)]
pub struct Out {
    pub text: String,
    pub cells: Vec<(Range<usize>, Origin)>,
    pub rows: Vec<(Range<usize>, Origin)>,
}

/// One row of a sheet: its values by schema column, and where each sits.
pub struct Row<'a> {
    pub sheet: usize,
    /// 0-based row in the sheet.
    pub row: u32,
    pub values: &'a [Option<Value>],
    /// The sheet column of each schema column.
    pub cols: &'a [Option<u32>],
}

impl Row<'_> {
    fn origin(&self, column: usize) -> Origin {
        Origin {
            sheet: self.sheet,
            row: self.row,
            col: self.cols[column],
        }
    }

    fn any(&self, sheet: &Sheet, part: impl Fn(&Column) -> bool) -> bool {
        sheet
            .columns
            .iter()
            .zip(self.values)
            .any(|(c, v)| part(c) && v.is_some())
    }
}

fn is_override(c: &Column) -> bool {
    matches!(c.place, Place::Override(_))
}

impl Out {
    /// Appends one row of `sheet` as TOML. For the travel sheet, settings
    /// in a row other than the first are the caller's to refuse.
    pub fn row(&mut self, sheet: &Sheet, row: &Row, first: bool) {
        match sheet.shape {
            Shape::One => {
                self.header(&format!("[{}]", sheet.table), row);
                self.body(sheet, row, |_| true);
            }
            Shape::Many => {
                self.header(&format!("[[{}]]", sheet.table), row);
                self.body(sheet, row, |_| true);
            }
            Shape::Travel => {
                if first && row.any(sheet, |c| !is_override(c)) {
                    self.header("[travel]", row);
                    self.body(sheet, row, |c| !is_override(c));
                }
                if row.any(sheet, is_override) {
                    self.header("[[travel.override]]", row);
                    self.body(sheet, row, is_override);
                }
            }
        }
    }

    fn header(&mut self, header: &str, row: &Row) {
        if !self.text.is_empty() {
            self.text.push('\n');
        }
        let start = self.text.len();
        self.text.push_str(header);
        self.text.push('\n');
        self.rows.push((
            start..self.text.len(),
            Origin {
                sheet: row.sheet,
                row: row.row,
                col: None,
            },
        ));
    }

    /// `key = value` lines of the columns `part` selects; columns that fill
    /// one TOML value together (`window.from` and `window.to`) become one line.
    fn body(&mut self, sheet: &Sheet, row: &Row, part: impl Fn(&Column) -> bool) {
        let mut done = vec![false; sheet.columns.len()];
        for (i, column) in sheet.columns.iter().enumerate() {
            if done[i] || !part(column) || row.values[i].is_none() {
                continue;
            }
            let key = column.place.key();
            match column.place {
                Place::Key(_) | Place::Override(_) => {
                    let start = self.text.len();
                    let value = row.values[i].as_ref().expect("checked above");
                    let literal = if column.kind.is_list() {
                        literal::list(column.kind, value)
                    } else {
                        literal::scalar(column.kind, value)
                    };
                    self.text.push_str(&format!("{key} = {literal}"));
                    self.cells.push((start..self.text.len(), row.origin(i)));
                    self.text.push('\n');
                }
                Place::Inline(..) | Place::Coord(..) => {
                    let members: Vec<usize> = (i..sheet.columns.len())
                        .filter(|&j| sheet.columns[j].place.key() == key && row.values[j].is_some())
                        .collect();
                    let inline = matches!(column.place, Place::Inline(..));
                    let start = self.text.len();
                    self.text
                        .push_str(&format!("{key} = {}", if inline { "{ " } else { "[" }));
                    self.cells.push((start..self.text.len(), row.origin(i)));
                    for (n, &j) in members.iter().enumerate() {
                        done[j] = true;
                        if n > 0 {
                            self.text.push_str(", ");
                        }
                        let start = self.text.len();
                        let c = &sheet.columns[j];
                        let value = row.values[j].as_ref().expect("filtered above");
                        let literal = if c.kind.is_list() {
                            literal::list(c.kind, value)
                        } else {
                            literal::scalar(c.kind, value)
                        };
                        if let Place::Inline(_, sub) = c.place {
                            self.text.push_str(&format!("{sub} = {literal}"));
                        } else {
                            self.text.push_str(&literal);
                        }
                        self.cells.push((start..self.text.len(), row.origin(j)));
                    }
                    let end = self.text.len();
                    self.text.push_str(if inline { " }" } else { "]" });
                    let last = *members.last().expect("column i is a member");
                    self.cells.push((end..self.text.len(), row.origin(last)));
                    self.text.push('\n');
                }
            }
        }
    }
}
