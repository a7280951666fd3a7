//! What a planner keeps in a scenario workbook beside the scenario: columns
//! of their own beside a table (备注, notes) and sheets of their own (说明,
//! 联系人). None of it is read as the scenario, but all of it is theirs, so
//! `convert` carries it: into the workbook it writes, each note beside the
//! entry it was written beside (found by the entry's id, not by its sheet
//! row, so that a note never lands beside another drill), and into TOML as
//! comments next to their entries.

use super::locate::{cell_ref, col_letters};
use super::read::{Cell, SheetCells, Value};
use super::schema::{sheet_of, Shape, Sheet};
use crate::lang::Lang;
use drillplan_model::words;
use toml::{Table, Value as Toml};

/// Which entry of its table a sheet row stands for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RowKey {
    /// An entry with an id (a drill, a venue, a team, a district).
    Id(String),
    /// The n-th entry of a table without ids (conflicts, pins, ...), the
    /// one row of `[plan]`, or the n-th `[[travel.override]]`.
    Entry(usize),
    /// The `[travel]` settings on a row of no override.
    Settings,
}

/// One sheet row's cells in the columns the planner added.
#[derive(Debug, Clone)]
pub struct NoteRow {
    /// The entry of the row; `None` for a row that holds notes only.
    pub key: Option<RowKey>,
    /// 0-based, in the sheet as read.
    pub row: u32,
    /// By added column, as `Added::labels`.
    pub values: Vec<Option<Value>>,
}

/// The columns a planner added beside one table.
#[derive(Debug, Clone)]
pub struct Added {
    pub table: &'static str,
    /// The sheet as read, to name cells in messages and comments.
    pub sheet: String,
    /// Each column's header as written; empty for a column without one.
    pub labels: Vec<String>,
    /// The sheet column each stood in, as read.
    pub cols: Vec<u32>,
    /// The rows holding a value in any of them, in sheet order.
    pub rows: Vec<NoteRow>,
}

/// A sheet of the planner's own, as its cells.
#[derive(Debug, Clone)]
pub struct OwnSheet {
    pub name: String,
    pub hidden: bool,
    /// It came before the first table's sheet, and is written there again.
    pub first: bool,
    /// Each cell once: a merged range's value at its top-left cell only.
    pub cells: Vec<Cell>,
    pub merged: Vec<super::read::Merged>,
    /// The number format of each formatted cell, so that a copied cell
    /// shows as it did (`50%`, `0123`, `6月21日`).
    pub formats: std::collections::HashMap<(u32, u32), super::read::NumFmt>,
}

/// The text above a table's header (a title row), which `convert` does not
/// carry: it writes each table with its header in the first row.
#[derive(Debug, Clone)]
pub struct Title {
    /// Its first cell, as `演练!A1`.
    pub at: String,
    /// Its cells' text, in order.
    pub text: String,
}

/// Everything of the planner's in a book beside the scenario.
#[derive(Debug, Clone, Default)]
pub struct Extras {
    pub columns: Vec<Added>,
    pub sheets: Vec<OwnSheet>,
    pub titles: Vec<Title>,
    /// Hidden sheets of the planner's own that could not be read, with why.
    pub unread: Vec<(String, String)>,
}

impl OwnSheet {
    pub fn of(sheet: &SheetCells, hidden: bool, first: bool) -> OwnSheet {
        // The reader copies a merged value into the rows it covers; the
        // sheet is written with the merge itself, as the planner made it.
        let inside = |c: &Cell| {
            sheet.merged.iter().any(|&(t, l, b, r)| {
                (t..=b).contains(&c.row) && (l..=r).contains(&c.col) && (c.row, c.col) != (t, l)
            })
        };
        OwnSheet {
            name: sheet.name.clone(),
            hidden,
            first,
            cells: sheet.cells.iter().filter(|c| !inside(c)).cloned().collect(),
            merged: sheet.merged.clone(),
            formats: sheet.formats.clone(),
        }
    }
}

impl Extras {
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty() && self.sheets.is_empty() && self.titles.is_empty()
    }

    /// The warnings for what `convert` cannot carry into `to`: each title
    /// above a table's header, by its cell and text, and each hidden sheet
    /// of the planner's that could not be read.
    pub fn titles_left(&self, to: &str, lang: Lang) -> Vec<String> {
        let unread = self.unread.iter().map(|(name, why)| {
            words!(lang,
                en: "your hidden sheet `{name}` cannot be read ({why}); it is not carried into {to}",
                zh: "你的隐藏工作表「{name}」无法读取（{why}）；它不会带入 {to}")
        });
        self.titles
            .iter()
            .map(|t| {
                let (at, text) = (&t.at, shown(&Some(Value::Text(t.text.clone()))));
                let text: String = text.chars().take(40).collect();
                words!(lang,
                    en: "{at}: the title above the table's header (`{text}`) is not carried into {to}, \
                         which has each table's header in its first row",
                    zh: "{at}：表头上方的标题（`{text}`）不会带入 {to}（其中每张表的表头都在第一行）")
            })
            .chain(unread)
            .collect()
    }

    /// The added columns of `table`, if any.
    pub fn of(&self, table: &str) -> Option<&Added> {
        self.columns.iter().find(|a| a.table == table)
    }

    /// Gives the rows of tables with ids their entry's id, from `doc`, the
    /// TOML the book was read as (whose n-th entry is the n-th row read).
    pub fn resolve(&mut self, doc: &Table) {
        for added in &mut self.columns {
            let Some(schema) = sheet_of(added.table) else {
                continue;
            };
            for row in &mut added.rows {
                if let Some(RowKey::Entry(n)) = row.key {
                    row.key = Some(key_of(doc, schema, n));
                }
            }
        }
    }

    /// Whether `other` (a written book read back) holds the same notes,
    /// beside the same entries, and the same sheets with the same cells: a
    /// check before anything is written, as the scenario's is.
    pub fn same(&self, other: &Extras) -> bool {
        let columns = |e: &Extras| {
            type Rows = Vec<(Option<RowKey>, Vec<String>)>;
            let mut out: Vec<(String, Vec<String>, Rows)> = e
                .columns
                .iter()
                .map(|a| {
                    let (mut keyed, notes_only): (Rows, Rows) = a
                        .rows
                        .iter()
                        .map(|r| (r.key.clone(), r.values.iter().map(shown).collect()))
                        .partition(|r| r.0.is_some());
                    // Keyed rows follow their entries, wherever the table puts
                    // them; rows of notes only keep their order among
                    // themselves, though a written book moves them below the
                    // table. (One sort over both, with the mixed pairs equal,
                    // is no order at all: a note between two entries made the
                    // same notes compare unequal.)
                    keyed.sort_by(|x, y| x.0.cmp(&y.0));
                    keyed.extend(notes_only);
                    (a.table.to_string(), a.labels.clone(), keyed)
                })
                .collect();
            out.sort_by(|a, b| a.0.cmp(&b.0));
            out
        };
        let sheets = |e: &Extras| {
            let mut out: Vec<_> = e
                .sheets
                .iter()
                .map(|s| {
                    let mut cells: Vec<_> = s
                        .cells
                        .iter()
                        .map(|c| (c.row, c.col, shown(&Some(c.value.clone()))))
                        .collect();
                    cells.sort();
                    let mut merged = s.merged.clone();
                    merged.sort();
                    (s.name.clone(), s.hidden, cells, merged)
                })
                .collect();
            out.sort_by(|a, b| a.0.cmp(&b.0));
            out
        };
        columns(self) == columns(other) && sheets(self) == sheets(other)
    }

    /// `text`, the TOML of the scenario, with each note as a comment under
    /// its entry's header (`# 备注: 校长亲自参加`), and the notes of rows
    /// with no entry at the end, each with its cell.
    pub fn comment_toml(&self, text: &str, lang: Lang) -> String {
        if self.columns.is_empty() {
            return text.to_string();
        }
        let doc: Table = toml::from_str(text).unwrap_or_default();
        // Each table's rows of notes by their entry's key.
        let mut by_key: std::collections::HashMap<(&str, &RowKey), Vec<&NoteRow>> =
            Default::default();
        for added in &self.columns {
            for row in &added.rows {
                if let Some(key) = &row.key {
                    by_key.entry((added.table, key)).or_default().push(row);
                }
            }
        }
        let mut seen: std::collections::HashMap<&str, usize> = Default::default();
        let mut out = String::with_capacity(text.len());
        for line in text.split_inclusive('\n') {
            out.push_str(line);
            let header = line.trim_end();
            let (table, key) = match header {
                "[travel]" => ("travel", RowKey::Settings),
                "[[travel.override]]" => {
                    let n = seen.entry("travel.override").or_default();
                    *n += 1;
                    ("travel", RowKey::Entry(*n - 1))
                }
                _ => {
                    let name = header
                        .strip_prefix("[[")
                        .and_then(|h| h.strip_suffix("]]"))
                        .or_else(|| header.strip_prefix('[').and_then(|h| h.strip_suffix(']')));
                    let Some(schema) = name.and_then(sheet_of) else {
                        continue;
                    };
                    let n = seen.entry(schema.table).or_default();
                    *n += 1;
                    (schema.table, key_of(&doc, schema, *n - 1))
                }
            };
            let Some(added) = self.of(table) else {
                continue;
            };
            for row in by_key.get(&(table, &key)).into_iter().flatten() {
                for (i, v) in row.values.iter().enumerate() {
                    if v.is_some() {
                        out.push_str(&comment(&added.label(i, lang), &shown(v)));
                    }
                }
            }
        }
        let loose: Vec<(&Added, &NoteRow)> = self
            .columns
            .iter()
            .flat_map(|a| {
                a.rows
                    .iter()
                    .filter(|r| r.key.is_none())
                    .map(move |r| (a, r))
            })
            .collect();
        if !loose.is_empty() {
            out.push('\n');
            out.push_str(&words!(lang,
                en: "# Notes on rows of no entry, by their cells:\n",
                zh: "# 不在任何条目行上的备注（按单元格）：\n"));
            for (added, row) in loose {
                for (i, v) in row.values.iter().enumerate() {
                    if v.is_some() {
                        let at = cell_ref(&added.sheet, row.row, Some(added.cols[i]));
                        let label = format!("{at} {}", added.label(i, lang));
                        out.push_str(&comment(&label, &shown(v)));
                    }
                }
            }
        }
        out
    }
}

impl Added {
    /// A column's header, or, for a column without one, its letter.
    pub fn label(&self, i: usize, lang: Lang) -> String {
        match self.labels[i].trim() {
            "" => {
                let letter = col_letters(self.cols[i]);
                words!(lang, en: "column {letter}", zh: "{letter} 列")
            }
            label => label.to_string(),
        }
    }
}

/// `# label: text`, a text of several lines as several comment lines. A
/// TOML comment holds no control character but the tab: a line break in
/// the label is a space, any other control character is written escaped
/// (`\u{7}`), so that the file stays TOML.
fn comment(label: &str, text: &str) -> String {
    let clean = |line: &str| -> String {
        line.chars()
            .map(|c| match c {
                '\t' => c.to_string(),
                c if c.is_control() => c.escape_unicode().to_string(),
                c => c.to_string(),
            })
            .collect()
    };
    let label = clean(&label.split(['\n', '\r']).collect::<Vec<_>>().join(" "));
    let mut lines = text.lines();
    let mut out = format!("# {label}: {}\n", clean(lines.next().unwrap_or("")));
    for line in lines {
        out.push_str(&format!("#   {}\n", clean(line)));
    }
    out
}

/// A note as the planner sees it in the cell.
fn shown(v: &Option<Value>) -> String {
    v.as_ref().map(super::literal::as_text).unwrap_or_default()
}

/// The key of the n-th row of `schema`'s table in `doc`, the same whether
/// the row was read from a book or is about to be written to one.
pub fn key_of(doc: &Table, schema: &Sheet, n: usize) -> RowKey {
    if schema.shape != Shape::Many {
        return RowKey::Entry(n);
    }
    doc.get(schema.table)
        .and_then(Toml::as_array)
        .and_then(|rows| rows.get(n))
        .and_then(|row| row.get("id"))
        .and_then(Toml::as_str)
        .map_or(RowKey::Entry(n), |id| RowKey::Id(id.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_comment_stays_toml_whatever_the_note_holds() {
        let said = comment("备注\n(联系人)", "第一行\r\n第二行\r尾\u{7}\t制表");
        assert_eq!(
            said,
            "# 备注 (联系人): 第一行\n#   第二行\\u{d}尾\\u{7}\t制表\n"
        );
        let doc = format!("[plan]\n{said}name = \"x\"\n");
        assert!(doc.parse::<Table>().is_ok(), "{doc}");
    }

    /// A heading typed in the notes column on a row of its own, between two
    /// drills, is written below the table: the book read back holds the
    /// same notes, in another place, and must count as the same (it made
    /// `convert` refuse the book as not reading back).
    #[test]
    fn a_heading_between_entries_reads_back_the_same_below_the_table() {
        let row = |key: Option<&str>, text: &str| NoteRow {
            key: key.map(|k| RowKey::Id(k.into())),
            row: 0,
            values: vec![Some(Value::Text(text.into()))],
        };
        let book = |rows: Vec<NoteRow>| Extras {
            columns: vec![Added {
                table: "drill",
                sheet: "演练".into(),
                labels: vec!["备注".into()],
                cols: vec![13],
                rows,
            }],
            ..Default::default()
        };
        let read = book(vec![
            row(Some("b-drill"), "待确认"),
            row(None, "——以下为化工园——"),
            row(Some("a-drill"), "校长参加"),
            row(None, "完"),
        ]);
        let written = book(vec![
            row(Some("a-drill"), "校长参加"),
            row(Some("b-drill"), "待确认"),
            row(None, "——以下为化工园——"),
            row(None, "完"),
        ]);
        assert!(read.same(&written));
        // The notes alone keep their order: swapped, they are not the same.
        let swapped = book(vec![
            row(Some("a-drill"), "校长参加"),
            row(Some("b-drill"), "待确认"),
            row(None, "完"),
            row(None, "——以下为化工园——"),
        ]);
        assert!(!read.same(&swapped));
    }
}
