//! Whether the cells written for a table read back as that table, and
//! whether two scenario documents are the same as far as a workbook can
//! tell.

use super::read::Value;
use super::render::{Out, Row};
use super::schema::{Shape, Sheet, SHEETS};
use super::write::{unrepresentable, WriteError};
use toml::{Table, Value as Toml};

/// Reads `rows` back with the reader's renderer and refuses them unless
/// they give the table `doc` has.
pub(super) fn verify(
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
    let back: Table = toml::from_str(&out.text).map_err(|e| {
        unrepresentable(
            schema.table,
            &format!("a value ({})", e.message()),
            &format!("一个值（`{}`）", e.message()),
        )
    })?;
    let want = expected(doc, schema);
    let got = back.get(schema.table).cloned();
    if same_opt(want.as_ref(), got.as_ref()) {
        return Ok(());
    }
    let row_of = |v: Option<&Toml>| v.and_then(Toml::as_array).cloned().unwrap_or_default();
    let (want_rows, got_rows) = (row_of(want.as_ref()), row_of(got.as_ref()));
    let which = (0..want_rows.len())
        .find(|&i| !same_opt(want_rows.get(i), got_rows.get(i)))
        .map(|i| i + 1);
    let table = schema.table;
    let (en_row, zh_row) = match which {
        Some(i) => (format!(" row {i}"), format!(" 第 {i} 行")),
        None => (String::new(), String::new()),
    };
    Err(WriteError::Unrepresentable {
        en: format!("{table}{en_row}: a value cannot be written in a workbook cell as it is (an empty list, a text of only spaces, list items with commas, or a type the column does not hold)"),
        zh: format!("{table}{zh_row}：有一个值无法照原样写进工作簿的单元格（空列表、只有空格的文字、含逗号的列表项，或此列不收的类型）"),
    })
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
