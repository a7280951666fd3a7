//! A scenario's TOML tables as a workbook: a sheet per table, headers with
//! comments, dropdowns, real dates. Every sheet is read back through the
//! reader's own renderer before it is written, so a value that a cell
//! cannot carry (a skill with a comma in it, an empty list) is refused by
//! name instead of being changed on the way.

use super::literal::MAX_EXACT_INT;
use super::read::{Stamp, Value};
use super::render::{Out, Row};
use super::schema::{Column, Dropdown, Kind, Place, Shape, Sheet, LISTS_SHEET, SHEETS};
use super::syntax::{format_need, is_list_item, weekday_zh, NeedCell, NONE};
use crate::lang::Lang;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};
use std::collections::BTreeSet;
use toml::{Table, Value as Toml};

#[derive(Debug)]
pub enum WriteError {
    /// A value no cell can hold as it is; the message names it.
    Unrepresentable(String),
    Xlsx(XlsxError),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::Unrepresentable(m) => write!(f, "{m}"),
            WriteError::Xlsx(e) => write!(f, "cannot build the workbook: {e}"),
        }
    }
}

impl From<XlsxError> for WriteError {
    fn from(e: XlsxError) -> Self {
        WriteError::Xlsx(e)
    }
}

/// A sheet to write: its header labels (with the schema column of each) and rows.
pub struct SheetOut {
    pub name: String,
    pub schema: Option<&'static Sheet>,
    pub headers: Vec<(String, Option<&'static Column>)>,
    pub rows: Vec<Vec<Option<Value>>>,
}

/// Rows below the data that still get the dropdowns, for rows a planner adds.
const SPARE_ROWS: u32 = 1000;

/// The workbook of a scenario's TOML tables.
pub fn to_xlsx(doc: &Table, lang: Lang) -> Result<Vec<u8>, WriteError> {
    let sheets = sheets(doc, lang)?;
    Ok(write_book(&sheets, &skills(doc), lang)?)
}

/// The sheets of `doc`: the contract's tables in order, then any table the
/// contract lacks (so that reading it back reports it, as TOML would).
pub fn sheets(doc: &Table, lang: Lang) -> Result<Vec<SheetOut>, WriteError> {
    let mut out = Vec::new();
    for schema in &SHEETS {
        let rows = table_rows(doc, schema)?;
        let mut sheet = SheetOut {
            name: schema.name(lang).to_string(),
            schema: Some(schema),
            headers: schema
                .columns
                .iter()
                .map(|c| (c.label(lang).to_string(), Some(c)))
                .collect(),
            rows: Vec::new(),
        };
        for row in &rows {
            let mut cells = Vec::new();
            for column in schema.columns {
                cells.push(cell(column, place_value(row, column.place), lang)?);
            }
            for (key, v) in row {
                if !schema.columns.iter().any(|c| c.place.key() == key) {
                    let at = match sheet.headers.iter().position(|(h, _)| h == key) {
                        Some(i) => i,
                        None => {
                            sheet.headers.push((key.clone(), None));
                            sheet.headers.len() - 1
                        }
                    };
                    cells.resize(sheet.headers.len(), None);
                    cells[at] = natural(v, &format!("{}.{key}", schema.table))?;
                }
            }
            sheet.rows.push(cells);
        }
        verify(doc, schema, &sheet.rows)?;
        out.push(sheet);
    }
    for (key, v) in doc {
        if SHEETS.iter().any(|s| s.table == key) {
            continue;
        }
        let rows: Vec<&Table> = match v {
            Toml::Table(t) => vec![t],
            Toml::Array(a) => a.iter().filter_map(Toml::as_table).collect(),
            _ => {
                return Err(unrepresentable(
                    key,
                    "a top-level value that is not a table",
                ))
            }
        };
        let mut headers: Vec<(String, Option<&'static Column>)> = Vec::new();
        let mut cells_of = Vec::new();
        for row in rows {
            let mut cells = vec![None; headers.len()];
            for (k, v) in row {
                let at = headers.iter().position(|(h, _)| h == k).unwrap_or_else(|| {
                    headers.push((k.clone(), None));
                    headers.len() - 1
                });
                cells.resize(headers.len(), None);
                cells[at] = natural(v, k)?;
            }
            cells_of.push(cells);
        }
        out.push(SheetOut {
            name: key.clone(),
            schema: None,
            headers,
            rows: cells_of,
        });
    }
    Ok(out)
}

fn unrepresentable(what: &str, why: &str) -> WriteError {
    WriteError::Unrepresentable(format!(
        "{what}: {why} cannot be written in a workbook cell"
    ))
}

/// The rows of a sheet's table, as TOML tables.
fn table_rows(doc: &Table, schema: &Sheet) -> Result<Vec<Table>, WriteError> {
    let bad = || unrepresentable(schema.table, "a value of this shape");
    let Some(v) = doc.get(schema.table) else {
        return Ok(Vec::new());
    };
    match schema.shape {
        Shape::One => v.as_table().map(|t| vec![t.clone()]).ok_or_else(bad),
        Shape::Many => v
            .as_array()
            .ok_or_else(bad)?
            .iter()
            .map(|r| r.as_table().cloned().ok_or_else(bad))
            .collect(),
        Shape::Travel => {
            let t = v.as_table().ok_or_else(bad)?;
            let mut settings = t.clone();
            let overrides = match settings.remove("override") {
                Some(Toml::Array(a)) => a,
                Some(_) => return Err(bad()),
                None => Vec::new(),
            };
            let mut rows: Vec<Table> = Vec::new();
            for (i, o) in overrides.iter().enumerate() {
                let mut row = if i == 0 {
                    settings.clone()
                } else {
                    Table::new()
                };
                for (k, v) in o.as_table().ok_or_else(bad)? {
                    if row.insert(k.clone(), v.clone()).is_some() {
                        return Err(unrepresentable(k, "a key of both travel and its override"));
                    }
                }
                rows.push(row);
            }
            if rows.is_empty() && !settings.is_empty() {
                rows.push(settings);
            }
            Ok(rows)
        }
    }
}

fn place_value(row: &Table, place: Place) -> Option<&Toml> {
    match place {
        Place::Key(k) | Place::Override(k) => row.get(k),
        Place::Inline(k, sub) => row.get(k)?.as_table()?.get(sub),
        Place::Coord(k, i) => row.get(k)?.as_array()?.get(i),
    }
}

/// The cell for a value of `column`.
fn cell(column: &Column, v: Option<&Toml>, lang: Lang) -> Result<Option<Value>, WriteError> {
    let Some(v) = v else { return Ok(None) };
    let what = column.en;
    if !column.kind.is_list() {
        return natural(v, what);
    }
    let Some(items) = v.as_array() else {
        return natural(v, what);
    };
    if items.is_empty() {
        return Ok((column.kind == Kind::Needs).then(|| Value::Text(NONE.into())));
    }
    let mut texts = Vec::new();
    for item in items {
        let text = match (column.kind, item) {
            (Kind::Needs, Toml::Table(t)) => need_text(t, what)?,
            (Kind::Days, Toml::String(s)) if lang == Lang::Zh => {
                weekday_zh(s).map_or_else(|| s.clone(), str::to_string)
            }
            (_, Toml::String(s)) => s.clone(),
            (_, Toml::Datetime(d)) => d.to_string(),
            _ => return Err(unrepresentable(what, "a list item of this type")),
        };
        if !is_list_item(&text) && column.kind != Kind::Needs {
            return Err(unrepresentable(
                what,
                &format!(
                    "the list item `{text}` (commas, semicolons, line breaks or spaces around it)"
                ),
            ));
        }
        texts.push(text);
    }
    Ok(Some(Value::Text(texts.join(", "))))
}

fn need_text(t: &Table, what: &str) -> Result<String, WriteError> {
    let text = |k: &str| match t.get(k) {
        None => Ok(None),
        Some(Toml::String(s)) => Ok(Some(s.clone())),
        Some(Toml::Integer(i)) if k == "count" => Ok(Some(i.to_string())),
        Some(_) => Err(unrepresentable(
            what,
            &format!("a need's `{k}` of this type"),
        )),
    };
    Ok(format_need(&NeedCell {
        skill: text("skill")?,
        team: text("team")?,
        count: text("count")?,
    }))
}

/// The cell a scalar goes in as it is: numbers as numbers, dates as dates.
fn natural(v: &Toml, what: &str) -> Result<Option<Value>, WriteError> {
    Ok(Some(match v {
        Toml::String(s) if s.is_empty() => return Ok(None),
        Toml::String(s) => Value::Text(s.clone()),
        Toml::Integer(i) if (*i as f64).abs() < MAX_EXACT_INT => Value::Number(*i as f64),
        Toml::Integer(i) => Value::Text(i.to_string()),
        Toml::Float(f) if f.is_finite() => Value::Number(*f),
        Toml::Float(f) => Value::Text(super::syntax::float_literal(*f)),
        Toml::Boolean(b) => Value::Bool(*b),
        Toml::Datetime(d) => match stamp(d) {
            Some(s) => Value::Stamp(s),
            None => Value::Text(d.to_string()),
        },
        Toml::Array(_) | Toml::Table(_) => {
            return Err(unrepresentable(
                what,
                "a list or table where one value goes",
            ))
        }
    }))
}

/// A local date, or a local date-time that an Excel cell tells apart from
/// a date (not midnight) and holds exactly (whole milliseconds); else the
/// text is written, which reads back the same.
fn stamp(d: &toml::value::Datetime) -> Option<Stamp> {
    if d.offset.is_some() {
        return None;
    }
    let date = d.date?;
    let date = NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())?;
    let hms = match d.time {
        None => (0, 0, 0),
        Some(t)
            if t.nanosecond.unwrap_or(0) == 0
                && (t.hour, t.minute, t.second.unwrap_or(0)) != (0, 0, 0) =>
        {
            (t.hour, t.minute, t.second.unwrap_or(0))
        }
        Some(_) => return None,
    };
    (1900..=9999).contains(&date.year()).then_some(Stamp {
        date,
        hms,
        milli: 0,
    })
}

/// Reads `rows` back with the reader's renderer and refuses them unless
/// they give the table `doc` has.
fn verify(
    doc: &Table,
    schema: &'static Sheet,
    rows: &[Vec<Option<Value>>],
) -> Result<(), WriteError> {
    let cols: Vec<Option<u32>> = (0..schema.columns.len() as u32).map(Some).collect();
    let mut out = Out::default();
    for (i, values) in rows.iter().enumerate() {
        let row = Row {
            sheet: 0,
            row: i as u32,
            values: &values[..schema.columns.len()],
            cols: &cols,
        };
        out.row(schema, &row, i == 0);
    }
    let back: Table = toml::from_str(&out.text)
        .map_err(|e| unrepresentable(schema.table, &format!("a value ({})", e.message())))?;
    let want = expected(doc, schema);
    let got = back.get(schema.table).cloned();
    if same_opt(want.as_ref(), got.as_ref()) {
        return Ok(());
    }
    let row_of = |v: Option<&Toml>| v.and_then(Toml::as_array).cloned().unwrap_or_default();
    let (want_rows, got_rows) = (row_of(want.as_ref()), row_of(got.as_ref()));
    let which = (0..want_rows.len())
        .find(|&i| !same_opt(want_rows.get(i), got_rows.get(i)))
        .map_or(String::new(), |i| format!(" row {}", i + 1));
    Err(WriteError::Unrepresentable(format!(
        "{}{which}: a value cannot be written in a workbook cell as it is (an empty list, a text of only spaces, list items with commas, or a type the column does not hold)",
        schema.table
    )))
}

/// The part of `doc` a schema sheet holds: its known keys, without the
/// empty texts that mean the same as no value.
fn expected(doc: &Table, schema: &Sheet) -> Option<Toml> {
    let keep = |row: &Table| -> Table {
        row.iter()
            .filter(|(k, v)| {
                schema.columns.iter().any(|c| {
                    c.place.key() == k.as_str() && !(c.empty_is_absent && v.as_str() == Some(""))
                })
            })
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let v = doc.get(schema.table)?;
    let kept = match (schema.shape, v) {
        (Shape::Many, Toml::Array(rows)) if rows.is_empty() => return None,
        (Shape::Many, Toml::Array(rows)) => Toml::Array(
            rows.iter()
                .map(|r| {
                    r.as_table()
                        .map_or_else(|| r.clone(), |t| Toml::Table(keep(t)))
                })
                .collect(),
        ),
        (Shape::Travel, Toml::Table(t)) => {
            let mut settings = keep(t);
            if let Some(Toml::Array(o)) = t.get("override") {
                if !o.is_empty() {
                    let o = o
                        .iter()
                        .map(|r| {
                            r.as_table()
                                .map_or_else(|| r.clone(), |t| Toml::Table(keep(t)))
                        })
                        .collect();
                    settings.insert("override".into(), Toml::Array(o));
                }
            }
            Toml::Table(settings)
        }
        (_, Toml::Table(t)) => Toml::Table(keep(t)),
        (_, other) => other.clone(),
    };
    match &kept {
        Toml::Table(t) if t.is_empty() => None,
        _ => Some(kept),
    }
}

fn same_opt(a: Option<&Toml>, b: Option<&Toml>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// Equal as the scenario reads them: an integer equals the same float (a
/// float field given `40`), and NaN equals NaN.
pub fn same(a: &Toml, b: &Toml) -> bool {
    match (a, b) {
        (Toml::Float(x), Toml::Float(y)) => {
            x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan())
        }
        (Toml::Integer(i), Toml::Float(f)) | (Toml::Float(f), Toml::Integer(i)) => *i as f64 == *f,
        (Toml::Array(x), Toml::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Toml::Table(x), Toml::Table(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

/// Every skill the scenario names, for the dropdowns.
fn skills(doc: &Table) -> Vec<String> {
    let mut out = BTreeSet::new();
    let rows = |t: &str| {
        doc.get(t)
            .and_then(Toml::as_array)
            .map(|a| a.iter().filter_map(Toml::as_table).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    for team in rows("team") {
        for s in team
            .get("skills")
            .and_then(Toml::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(s.as_str().map(str::to_string));
        }
    }
    for drill in rows("drill") {
        for n in drill
            .get("needs")
            .and_then(Toml::as_array)
            .into_iter()
            .flatten()
        {
            out.extend(n.get("skill").and_then(Toml::as_str).map(str::to_string));
        }
    }
    for s in rows("standby") {
        out.extend(s.get("skill").and_then(Toml::as_str).map(str::to_string));
    }
    out.into_iter().filter(|s| is_list_item(s)).collect()
}

struct Styles {
    header: Format,
    text: Format,
    date: Format,
    datetime: Format,
    datetime_seconds: Format,
}

fn write_book(sheets: &[SheetOut], skills: &[String], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation time keeps the file byte-identical run to run.
    book.set_properties(
        &DocProperties::new()
            .set_author("drillplan")
            .set_creation_datetime(&ExcelDateTime::from_ymd(2017, 1, 1)?),
    );
    let styles = Styles {
        header: Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDE6F0))
            .set_border(FormatBorder::Thin),
        text: Format::new().set_num_format("@"),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        datetime: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
        datetime_seconds: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
    };
    let rows_of = |table: &str| {
        sheets
            .iter()
            .find(|s| s.schema.is_some_and(|x| x.table == table))
            .map_or(0, |s| s.rows.len() as u32)
    };
    for sheet in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name)?;
        write_sheet(ws, sheet, &styles, lang)?;
        let last = sheet.rows.len() as u32 + SPARE_ROWS;
        for (c, (_, column)) in sheet.headers.iter().enumerate() {
            let Some(dropdown) = column.and_then(|c| c.dropdown) else {
                continue;
            };
            let multi = column.is_some_and(|c| c.kind.is_list());
            let list = match dropdown {
                Dropdown::Ids(table) => {
                    let target = super::schema::sheet_of(table).expect("a contract table");
                    let end = rows_of(table) + SPARE_ROWS + 1;
                    DataValidation::new().allow_list_formula(Formula::new(format!(
                        "={}!$A$2:$A${end}",
                        quoted(target.name(lang))
                    )))
                }
                Dropdown::Skills if skills.is_empty() => continue,
                Dropdown::Skills => DataValidation::new().allow_list_formula(Formula::new(
                    format!("={}!$A$1:$A${}", quoted(LISTS_SHEET), skills.len()),
                )),
                Dropdown::Weekdays => {
                    let days: Vec<&str> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                        .into_iter()
                        .map(|d| match lang {
                            Lang::Zh => weekday_zh(d).unwrap_or(d),
                            Lang::En => d,
                        })
                        .collect();
                    DataValidation::new().allow_list_strings(&days)?
                }
            };
            // A list cell takes several items; the dropdown offers one at a
            // time, so it must not refuse what it does not list.
            let rule = if multi || dropdown == Dropdown::Skills {
                list.show_error_message(false)
            } else {
                list.set_error_style(DataValidationErrorStyle::Stop)
            };
            ws.add_data_validation(1, c as u16, last, c as u16, &rule)?;
        }
    }
    let lists = book.add_worksheet();
    lists.set_name(LISTS_SHEET)?;
    for (i, s) in skills.iter().enumerate() {
        lists.write_string(i as u32, 0, s)?;
    }
    lists.set_hidden(true);
    book.save_to_buffer()
}

fn quoted(sheet: &str) -> String {
    format!("'{}'", sheet.replace('\'', "''"))
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &SheetOut,
    styles: &Styles,
    lang: Lang,
) -> Result<(), XlsxError> {
    for (c, (label, column)) in sheet.headers.iter().enumerate() {
        let c = c as u16;
        ws.write_string_with_format(0, c, label, &styles.header)?;
        let mut width = display_width(label) + 4;
        if let Some(column) = column {
            let note = Note::new(column.note(lang))
                .set_author("drillplan")
                .add_author_prefix(false)
                .set_width(320)
                .set_height(110);
            ws.insert_note(0, c, &note)?;
            if matches!(column.kind, Kind::Text | Kind::Window) || column.kind.is_list() {
                ws.set_column_format(c, &styles.text)?;
            }
            width = width.max(match column.kind {
                Kind::Date => 12,
                Kind::DateTime => 17,
                Kind::Needs | Kind::Windows => 24,
                _ => 8,
            });
        }
        for row in &sheet.rows {
            if let Some(Value::Text(t)) = row.get(c as usize).and_then(Option::as_ref) {
                width = width.max(display_width(t).min(40) + 2);
            }
        }
        ws.set_column_width(c, width as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            match value {
                None => {}
                Some(Value::Text(s)) => {
                    ws.write_string(r, c, s)?;
                }
                Some(Value::Number(f)) => {
                    ws.write_number(r, c, *f)?;
                }
                Some(Value::Int(i)) => {
                    ws.write_number(r, c, *i as f64)?;
                }
                Some(Value::Bool(b)) => {
                    ws.write_boolean(r, c, *b)?;
                }
                Some(Value::Stamp(s)) => {
                    let (h, m, sec) = s.hms;
                    let dt = ExcelDateTime::from_ymd(
                        s.date.year() as u16,
                        s.date.month() as u8,
                        s.date.day() as u8,
                    )?;
                    let format = if s.is_date_only() {
                        &styles.date
                    } else if sec == 0 {
                        &styles.datetime
                    } else {
                        &styles.datetime_seconds
                    };
                    let dt = if s.is_date_only() {
                        dt
                    } else {
                        dt.and_hms_milli(h.into(), m, sec, s.milli)?
                    };
                    ws.write_datetime_with_format(r, c, &dt, format)?;
                }
                Some(Value::Error(e)) => {
                    ws.write_string(r, c, e)?;
                }
            }
        }
    }
    Ok(())
}

/// Columns a text takes: a Chinese character is two.
fn display_width(text: &str) -> usize {
    text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

/// How many numbers of `doc` have more significant digits than the 15 a
/// spreadsheet program keeps when it saves the file.
pub fn long_numbers(doc: &Table) -> usize {
    fn count(v: &Toml) -> usize {
        match v {
            Toml::Float(f) if f.is_finite() => {
                let digits = format!("{:e}", f.abs());
                usize::from(
                    digits
                        .split('e')
                        .next()
                        .map_or(0, |m| m.replace('.', "").len())
                        > 15,
                )
            }
            Toml::Array(a) => a.iter().map(count).sum(),
            Toml::Table(t) => t.values().map(count).sum(),
            _ => 0,
        }
    }
    doc.values().map(count).sum()
}

/// Whether two scenario documents hold the same tables, as far as a
/// workbook can tell (an empty text is no text; `40` is `40.0`).
pub fn equivalent(a: &Table, b: &Table) -> bool {
    SHEETS
        .iter()
        .all(|s| same_opt(expected(a, s).as_ref(), expected(b, s).as_ref()))
}
