//! Bytes on disk to the cells of each visible sheet, within limits that
//! keep a hostile file (a zip bomb, a million rows, a huge cell) from
//! costing more than a moment: each is refused with what crossed the limit.

use crate::diagnostics::{InputError, Problem, ProblemKind};
use crate::scenario::limits::MAX_TABLE_ROWS;
use crate::scenario::{read_bytes, MAX_SCENARIO_BYTES};
use calamine::{DataRef, Reader, SheetVisible, Xlsx};
use chrono::NaiveDate;
use std::io::{Cursor, Read};
use std::path::Path;

/// What all parts of a workbook may inflate to. A workbook of 200 000
/// drills (the table limit) is about 150 MB of XML; compression ratios of
/// 20-100 are normal, so the file size alone bounds nothing.
pub const MAX_INFLATED_BYTES: u64 = 256 * 1024 * 1024;
/// Rows of a sheet read at most: the table limit, a header, and title rows above it.
pub const MAX_SHEET_ROWS: u32 = MAX_TABLE_ROWS as u32 + 100;
/// Columns read at most; the widest table has 13.
pub const MAX_COLUMNS: u32 = 100;
/// Excel's own limit on a cell's text.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A cell's content, as the workbook stores it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    Number(f64),
    Int(i64),
    Bool(bool),
    Stamp(Stamp),
    /// An Excel error value such as `#N/A` (a formula that failed).
    Error(String),
}

/// An Excel date or date-time, to the millisecond.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stamp {
    pub date: NaiveDate,
    pub hms: (u8, u8, u8),
    pub milli: u16,
}

impl Stamp {
    pub fn is_date_only(&self) -> bool {
        self.hms == (0, 0, 0) && self.milli == 0
    }

    /// As a TOML literal: a local date, or a local date-time.
    pub fn literal(&self) -> String {
        let date = self.date.format("%Y-%m-%d");
        if self.is_date_only() {
            return date.to_string();
        }
        let (h, m, s) = self.hms;
        let mut out = format!("{date}T{h:02}:{m:02}:{s:02}");
        if self.milli != 0 {
            out.push_str(&format!(".{:03}", self.milli));
        }
        out
    }
}

/// A non-empty cell: 0-based row and column.
#[derive(Debug, Clone)]
pub struct Cell {
    pub row: u32,
    pub col: u32,
    pub value: Value,
}

#[derive(Debug)]
pub struct SheetCells {
    pub name: String,
    /// In row order, then column order.
    pub cells: Vec<Cell>,
}

#[derive(Debug)]
pub struct Book {
    /// Visible sheets in workbook order; hidden ones hold helpers and are not read.
    pub sheets: Vec<SheetCells>,
}

/// Reads the workbook at `path`.
pub fn read(path: &Path) -> Result<Book, InputError> {
    let label = path.display().to_string();
    let bytes = read_bytes(path, MAX_SCENARIO_BYTES)?;
    parse(&label, bytes)
}

/// Reads a workbook's bytes; `label` names it in messages.
pub fn parse(label: &str, bytes: Vec<u8>) -> Result<Book, InputError> {
    let unreadable = |msg: String| InputError::single(label, ProblemKind::Unreadable, "file", msg);
    check_inflated_size(&bytes).map_err(unreadable)?;
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        unreadable(format!(
            "not an Excel workbook (.xlsx) drillplan can read: {e}"
        ))
    })?;
    let names: Vec<String> = xlsx
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let mut sheets = Vec::new();
    for name in names {
        let cells = read_sheet(&mut xlsx, &name).map_err(|p| InputError {
            path: label.to_string(),
            source: Default::default(),
            problems: vec![*p],
        })?;
        sheets.push(SheetCells { name, cells });
    }
    Ok(Book { sheets })
}

/// Refuses a zip whose parts inflate beyond `MAX_INFLATED_BYTES`, by their
/// declared sizes first and then by inflating them into nothing, since a
/// declared size can lie. calamine reads the same parts afterwards.
fn check_inflated_size(bytes: &[u8]) -> Result<(), String> {
    // An .xls, or an .xlsx saved with a password, is an OLE compound file:
    // the zip reader's "could not find EOCD" would tell a planner nothing.
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) {
        return Err(
            "an old Excel workbook (.xls) or one saved with a password, not an .xlsx: \
                    open it in Excel, WPS or LibreOffice and save it as .xlsx (Excel Workbook) \
                    without a password"
                .into(),
        );
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("not an Excel workbook (.xlsx is a zip archive): {e}"))?;
    let bomb = || {
        format!(
            "the workbook inflates to more than {} MiB; no scenario is that large (a damaged or hostile file)",
            MAX_INFLATED_BYTES / (1024 * 1024)
        )
    };
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip
            .by_index_raw(i)
            .map_err(|e| format!("damaged workbook: {e}"))?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_INFLATED_BYTES {
        return Err(bomb());
    }
    let mut left = MAX_INFLATED_BYTES;
    for i in 0..zip.len() {
        let entry = zip
            .by_index(i)
            .map_err(|e| format!("damaged workbook: {e}"))?;
        let inflated = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|e| format!("damaged workbook: {e}"))?;
        if inflated > left {
            return Err(bomb());
        }
        left -= inflated;
    }
    Ok(())
}

fn read_sheet<R: Read + std::io::Seek>(
    xlsx: &mut Xlsx<R>,
    name: &str,
) -> Result<Vec<Cell>, Box<Problem>> {
    let sheet_problem = |kind: ProblemKind, cell: String, message: String| {
        Box::new(Problem {
            kind,
            field: "(sheet)".into(),
            message,
            help: None,
            span: None,
            line_col: None,
            cell: Some(cell),
        })
    };
    let unreadable = |e: calamine::XlsxError| {
        sheet_problem(
            ProblemKind::Unreadable,
            super::locate::sheet_ref(name),
            format!("cannot read the sheet: {e}"),
        )
    };
    let too_long = |what: &str, at: u32, limit: u32| {
        sheet_problem(
            ProblemKind::BadValue,
            super::locate::sheet_ref(name),
            format!(
                "the sheet has {what} up to {} {at}; at most {limit} are read (delete the empty {what} {} the table)",
                if what == "rows" { "row" } else { "column" },
                if what == "rows" { "below" } else { "beside" },
            ),
        )
    };
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(unreadable)?;
    // The used range a sheet declares lets a million empty rows be refused
    // before any is parsed; the cells themselves are checked below too.
    let dims = reader.dimensions();
    if dims.end.0 >= MAX_SHEET_ROWS {
        return Err(too_long("rows", dims.end.0 + 1, MAX_SHEET_ROWS));
    }
    let mut cells = Vec::new();
    let mut empty = std::collections::HashSet::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        if row >= MAX_SHEET_ROWS {
            return Err(too_long("rows", row + 1, MAX_SHEET_ROWS));
        }
        let value = match cell.get_value() {
            DataRef::Empty => {
                empty.insert((row, col));
                continue;
            }
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                text(s.as_str())
            }
            DataRef::SharedString(s) => text(s),
            DataRef::Float(f) => Some(Value::Number(*f)),
            DataRef::Int(i) => Some(Value::Int(*i)),
            DataRef::Bool(b) => Some(Value::Bool(*b)),
            DataRef::DateTime(dt) if dt.is_datetime() => {
                let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
                NaiveDate::from_ymd_opt(y.into(), mo.into(), d.into())
                    .map(|date| {
                        Value::Stamp(Stamp {
                            date,
                            hms: (h, mi, s),
                            milli: ms,
                        })
                    })
                    .or(Some(Value::Number(dt.as_f64())))
            }
            DataRef::DateTime(dt) => Some(Value::Number(dt.as_f64())),
            DataRef::Error(e) => Some(Value::Error(e.to_string())),
        };
        let Some(value) = value else { continue };
        if col >= MAX_COLUMNS {
            return Err(too_long("columns", col + 1, MAX_COLUMNS));
        }
        if let Value::Text(t) = &value {
            let chars = t.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(sheet_problem(
                    ProblemKind::BadValue,
                    super::locate::cell_ref(name, row, Some(col)),
                    format!("{chars} characters; a cell holds at most {MAX_CELL_CHARS}"),
                ));
            }
        }
        cells.push(Cell { row, col, value });
    }
    drop(reader);
    if !empty.is_empty() {
        if let Some((row, col, formula)) =
            uncomputed_formula(xlsx, name, &empty).map_err(unreadable)?
        {
            return Err(sheet_problem(
                ProblemKind::BadValue,
                super::locate::cell_ref(name, row, Some(col)),
                format!(
                    "the cell holds the formula `={formula}` but not its value (the file was \
                     written by a program that does not compute formulas); type the value, or \
                     open and save the workbook in Excel, WPS or LibreOffice"
                ),
            ));
        }
    }
    Ok(cells)
}

/// A formula among the `empty` cells: one stored without its computed
/// value, which would otherwise read as an empty cell and let the column's
/// default stand in for what the planner meant. Only sheets with empty
/// cells are read a second time.
fn uncomputed_formula<R: Read + std::io::Seek>(
    xlsx: &mut Xlsx<R>,
    name: &str,
    empty: &std::collections::HashSet<(u32, u32)>,
) -> Result<Option<(u32, u32, String)>, calamine::XlsxError> {
    let mut reader = xlsx.worksheet_cells_reader(name)?;
    while let Some(cell) = reader.next_formula()? {
        let (row, col) = cell.get_position();
        if !cell.get_value().is_empty() && empty.contains(&(row, col)) {
            return Ok(Some((row, col, cell.get_value().clone())));
        }
    }
    Ok(None)
}

/// A text cell; one of only spaces counts as empty, as it looks.
fn text(s: &str) -> Option<Value> {
    (!s.trim().is_empty()).then(|| Value::Text(s.to_string()))
}
