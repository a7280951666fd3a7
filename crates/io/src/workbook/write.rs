//! A scenario's TOML tables as a workbook: a sheet per table, headers with
//! comments, dropdowns, real dates. Every sheet is read back through the
//! reader's own renderer before it is written, so a value that a cell
//! cannot carry (a skill with a comma in it, an empty list) is refused by
//! name instead of being changed on the way.

use super::extras::{key_of, Added, Extras, RowKey};
use super::literal::MAX_EXACT_INT;
use super::read::{Stamp, Value};
use super::schema::{Column, Kind, Place, Shape, Sheet, SHEETS};
use super::syntax::{format_need, is_list_item, weekday_zh, NeedCell, NONE};
use crate::lang::Lang;
use chrono::{Datelike, NaiveDate};
use drillplan_model::words;
use rust_xlsxwriter::XlsxError;
use toml::{Table, Value as Toml};

pub use super::compare::{equivalent, long_numbers, same};

#[derive(Debug)]
pub enum WriteError {
    /// A value no cell can hold as it is; the message names it, in
    /// English and in Chinese (`convert` says it in the run's language).
    Unrepresentable {
        en: String,
        zh: String,
    },
    Xlsx(XlsxError),
}

impl WriteError {
    /// The refusal in `lang`.
    pub fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (WriteError::Unrepresentable { en, .. }, Lang::En) => en.clone(),
            (WriteError::Unrepresentable { zh, .. }, Lang::Zh) => zh.clone(),
            (WriteError::Xlsx(e), lang) => words!(lang,
                en: "cannot build the workbook: {e}",
                zh: "无法生成工作簿（系统报告：`{e}`）"),
        }
    }
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.say(Lang::En))
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

/// The workbook of a scenario's TOML tables.
pub fn to_xlsx(doc: &Table, lang: Lang) -> Result<Vec<u8>, WriteError> {
    to_xlsx_keeping(doc, lang, &Extras::default())
}

/// `to_xlsx`, with the planner's own columns and sheets of the book the
/// scenario was read from: each table's added columns after its own, each
/// note beside its entry, and their sheets where they were.
pub fn to_xlsx_keeping(doc: &Table, lang: Lang, extras: &Extras) -> Result<Vec<u8>, WriteError> {
    let sheets = sheets(doc, lang, extras)?;
    Ok(super::book::write(
        &sheets,
        &extras.sheets,
        &skills(doc, lang),
        lang,
    )?)
}

/// The sheets of `doc`: the contract's tables in order, then any table the
/// contract lacks (so that reading it back reports it, as TOML would).
pub fn sheets(doc: &Table, lang: Lang, extras: &Extras) -> Result<Vec<SheetOut>, WriteError> {
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
        super::compare::verify(doc, schema, &sheet.rows)?;
        if let Some(added) = extras.of(schema.table) {
            add_columns(&mut sheet, added, doc, schema);
        }
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
                    "不是表的顶层值",
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

/// The planner's columns after the table's: each note beside the entry it
/// was beside when read, by its key; notes on rows of no entry (or of an
/// entry no longer there) below the table, in their order. A row of notes
/// alone is not read as an entry, so they stay out of the scenario.
fn add_columns(sheet: &mut SheetOut, added: &Added, doc: &Table, schema: &Sheet) {
    let first = sheet.headers.len();
    sheet
        .headers
        .extend(added.labels.iter().map(|l| (l.clone(), None)));
    let width = sheet.headers.len();
    let key_at = |n: usize| match schema.shape {
        Shape::Travel if !has_overrides(doc) => RowKey::Settings,
        _ => key_of(doc, schema, n),
    };
    let mut placed = vec![false; added.rows.len()];
    // The rows of notes of each entry, first first: found by key, not by a
    // search of every row per row (a table may have 200 000).
    let mut by_key: std::collections::HashMap<&RowKey, std::collections::VecDeque<usize>> =
        Default::default();
    for (i, row) in added.rows.iter().enumerate() {
        if let Some(key) = &row.key {
            by_key.entry(key).or_default().push_back(i);
        }
    }
    for (n, cells) in sheet.rows.iter_mut().enumerate() {
        cells.resize(width, None);
        let mut keys = vec![key_at(n)];
        // The settings share the first row with the first override.
        if schema.shape == Shape::Travel && n == 0 {
            keys.push(RowKey::Settings);
        }
        for key in keys {
            let Some(&i) = by_key.get(&key).and_then(|q| q.front()) else {
                continue;
            };
            let fits = added.rows[i]
                .values
                .iter()
                .enumerate()
                .all(|(c, v)| v.is_none() || cells[first + c].is_none());
            if fits {
                for (c, v) in added.rows[i].values.iter().enumerate() {
                    if v.is_some() {
                        cells[first + c] = v.clone();
                    }
                }
                placed[i] = true;
                by_key.get_mut(&key).map(|q| q.pop_front());
            }
        }
    }
    for (i, row) in added.rows.iter().enumerate() {
        if !placed[i] {
            let mut cells = vec![None; first];
            cells.extend(row.values.iter().cloned());
            sheet.rows.push(cells);
        }
    }
}

fn has_overrides(doc: &Table) -> bool {
    doc.get("travel")
        .and_then(|t| t.get("override"))
        .and_then(Toml::as_array)
        .is_some_and(|a| !a.is_empty())
}

pub(super) fn unrepresentable(what: &str, why: &str, zh: &str) -> WriteError {
    WriteError::Unrepresentable {
        en: format!("{what}: {why} cannot be written in a workbook cell"),
        zh: format!("{what}：{zh}无法写进工作簿的单元格"),
    }
}

/// The rows of a sheet's table, as TOML tables.
fn table_rows(doc: &Table, schema: &Sheet) -> Result<Vec<Table>, WriteError> {
    let bad = || unrepresentable(schema.table, "a value of this shape", "这种形式的值");
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
                        return Err(unrepresentable(
                            k,
                            "a key of both travel and its override",
                            "同时出现在 travel 和其 override 中的键",
                        ));
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
        // A date alone where a date and time goes: as text, since an Excel
        // date there reads as the date at 00:00.
        if let (Kind::DateTime, Toml::Datetime(d)) = (column.kind, v) {
            if d.time.is_none() {
                return Ok(Some(Value::Text(d.to_string())));
            }
        }
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
            _ => {
                return Err(unrepresentable(
                    what,
                    "a list item of this type",
                    "这种类型的列表项",
                ))
            }
        };
        if !is_list_item(&text) && column.kind != Kind::Needs {
            return Err(unrepresentable(
                what,
                &format!(
                    "the list item `{text}` (commas, semicolons, line breaks or spaces around it)"
                ),
                &format!("列表项 `{text}`（含逗号、顿号、分号、换行，或前后有空格）"),
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
            &format!("这种类型的需求 `{k}`"),
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
                "应为单个值之处的列表或表",
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
        time_shown: hms != (0, 0, 0),
    })
}

/// The skills the dropdowns offer: this workbook's teams' skills, then the
/// notice's standard skills they lack, each once and as the book's
/// language names it (`消防`, which reads as `fire`). Not the skills of
/// drills' needs: a need no team meets is a mistake, not a choice.
fn skills(doc: &Table, lang: Lang) -> Vec<String> {
    let teams = doc
        .get("team")
        .and_then(Toml::as_array)
        .map(|a| a.iter().filter_map(Toml::as_table).collect::<Vec<_>>())
        .unwrap_or_default();
    let mut keys: Vec<&str> = Vec::new();
    let held = teams
        .into_iter()
        .flat_map(|t| {
            t.get("skills")
                .and_then(Toml::as_array)
                .into_iter()
                .flatten()
        })
        .filter_map(Toml::as_str)
        .map(crate::lang::skill_key);
    let standard = crate::lang::standard_skills();
    for key in held.chain(standard.map(|k| -> &str { k })) {
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys.into_iter()
        .map(|k| lang.skill(k).to_string())
        .filter(|s| is_list_item(s))
        .collect()
}
