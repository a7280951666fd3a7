//! Sheets of cells as xlsx bytes: header labels with their comments,
//! text-formatted id and list columns, real dates, dropdowns, and the hidden
//! sheet of the lists the dropdowns offer.

use super::extras::OwnSheet;
use super::read::{NumFmt, Value};
use super::schema::{Dropdown, Kind, LISTS_SHEET};
use super::syntax::weekday_zh;
use super::write::SheetOut;
use crate::lang::{display_width, Lang};
use chrono::Datelike;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format,
    FormatBorder, Formula, Note, Workbook, Worksheet, XlsxError,
};

/// Rows below the data that still get the dropdowns, for rows a planner adds.
const SPARE_ROWS: u32 = 1000;

struct Styles {
    header: Format,
    text: Format,
    date: Format,
    datetime: Format,
    datetime_seconds: Format,
}

pub(super) fn write(
    sheets: &[SheetOut],
    own: &[OwnSheet],
    skills: &[String],
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
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
    // The planner's sheets that came before the tables come first again.
    for sheet in own.iter().filter(|s| s.first) {
        write_own(book.add_worksheet(), sheet, &styles)?;
    }
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
    for sheet in own.iter().filter(|s| !s.first) {
        write_own(book.add_worksheet(), sheet, &styles)?;
    }
    let lists = book.add_worksheet();
    lists.set_name(LISTS_SHEET)?;
    for (i, s) in skills.iter().enumerate() {
        lists.write_string(i as u32, 0, s)?;
    }
    lists.set_hidden(true);
    book.save_to_buffer()
}

/// A sheet of the planner's own: its values where they were, its merged
/// ranges, hidden if it was. Dates stay dates; a time reads as the text it
/// showed. Fonts, colours and borders are the spreadsheet's, not kept.
fn write_own(ws: &mut Worksheet, sheet: &OwnSheet, styles: &Styles) -> Result<(), XlsxError> {
    ws.set_name(&sheet.name)?;
    let plain = Format::new();
    for &(top, left, bottom, right) in &sheet.merged {
        if (top, left) == (bottom, right) {
            continue;
        }
        ws.merge_range(top, left as u16, bottom, right as u16, "", &plain)?;
    }
    let mut widths: std::collections::BTreeMap<u32, usize> = Default::default();
    for cell in &sheet.cells {
        let (r, c) = (cell.row, cell.col as u16);
        match (sheet.formats.get(&(cell.row, cell.col)), &cell.value) {
            (Some(format), Value::Number(x)) => {
                ws.write_number_with_format(r, c, *x, &number_format(format))?;
            }
            (Some(format), Value::Stamp(s)) => {
                let dt = ExcelDateTime::from_ymd(
                    s.date.year() as u16,
                    s.date.month() as u8,
                    s.date.day() as u8,
                )?;
                let (h, m, sec) = s.hms;
                let dt = dt.and_hms_milli(h.into(), m, sec, s.milli)?;
                ws.write_datetime_with_format(r, c, &dt, &number_format(format))?;
            }
            _ => write_value(ws, r, c, &cell.value, styles)?,
        }
        // Wide enough for what it holds: a phone number in a narrow column
        // would show as 1.39E+10.
        let merged = sheet
            .merged
            .iter()
            .any(|&(t, l, _, r)| (t, l) == (cell.row, cell.col) && r > l);
        if !merged {
            let text = super::literal::as_text(&cell.value);
            let w = widths.entry(cell.col).or_default();
            *w = (*w).max(display_width(&text).min(60) + 2);
        }
    }
    for (col, width) in widths {
        ws.set_column_width(col as u16, width.max(8) as f64)?;
    }
    if sheet.hidden {
        ws.set_hidden(true);
    }
    Ok(())
}

/// A cell format of the number format a planner's cell had.
fn number_format(format: &NumFmt) -> Format {
    match format {
        // Built-in formats past 255 do not exist; an index there is no format.
        NumFmt::Builtin(id) => u8::try_from(*id).map_or_else(
            |_| Format::new(),
            |id| Format::new().set_num_format_index(id),
        ),
        NumFmt::Code(code) => Format::new().set_num_format(code),
    }
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
            if let Some(value) = value {
                write_value(ws, r, c as u16, value, styles)?;
            }
        }
    }
    Ok(())
}

fn write_value(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    value: &Value,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match value {
        Value::Text(s) => {
            ws.write_string(r, c, s)?;
        }
        Value::Number(f) => {
            ws.write_number(r, c, *f)?;
        }
        Value::Int(i) => {
            ws.write_number(r, c, *i as f64)?;
        }
        Value::Bool(b) => {
            ws.write_boolean(r, c, *b)?;
        }
        Value::Stamp(s) => {
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
        Value::Error(e) => {
            ws.write_string(r, c, e)?;
        }
    }
    Ok(())
}
