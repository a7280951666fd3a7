//! Bytes on disk to the cells of each visible sheet, within limits that
//! keep a hostile file (a zip bomb, a million rows, a huge cell) from
//! costing more than a moment: each is refused with what crossed the limit.

use crate::diagnostics::{InputError, Problem, ProblemKind};
use crate::lang::Lang;
use crate::scenario::limits::MAX_TABLE_ROWS;
use crate::scenario::{read_bytes_in, MAX_SCENARIO_BYTES};
use calamine::{DataRef, Reader, SheetVisible, Xlsx};
use chrono::NaiveDate;
use drillplan_model::words;
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
#[derive(Debug, Clone, Copy)]
pub struct Stamp {
    pub date: NaiveDate,
    pub hms: (u8, u8, u8),
    pub milli: u16,
    /// Whether the cell's number format shows a time of day. A cell typed
    /// `2017-06-20` in Calc or Excel is a date-time at midnight shown as a
    /// date: where a date and time is wanted, the planner sees no time.
    pub time_shown: bool,
}

/// The same moment, however the cell shows it.
impl PartialEq for Stamp {
    fn eq(&self, other: &Self) -> bool {
        (self.date, self.hms, self.milli) == (other.date, other.hms, other.milli)
    }
}

impl Stamp {
    pub fn is_date_only(&self) -> bool {
        self.hms == (0, 0, 0) && self.milli == 0
    }

    /// As a TOML literal: a local date, or a local date-time.
    pub fn literal(&self) -> String {
        if self.is_date_only() {
            return self.date.format("%Y-%m-%d").to_string();
        }
        self.datetime_literal()
    }

    /// As a TOML local date-time, also at midnight.
    pub fn datetime_literal(&self) -> String {
        let date = self.date.format("%Y-%m-%d");
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
    /// In row order, then column order; a merged cell's value also in the
    /// rows below it that hold values (see `spread_merged`).
    pub cells: Vec<Cell>,
    /// The merged ranges as written.
    pub merged: Vec<Merged>,
    /// The number format of each formatted cell on a sheet of the
    /// planner's own (which `convert` copies); on a table's, of each cell
    /// whose format may show it otherwise than it reads (`120%` for 1.2).
    pub formats: std::collections::HashMap<(u32, u32), NumFmt>,
}

/// A merged range: (top, left, bottom, right), 0-based.
pub type Merged = (u32, u32, u32, u32);

#[derive(Debug)]
pub struct Book {
    /// Sheets in workbook order: the visible ones, and hidden ones named as
    /// a table of the contract (never `_lists`, the template's helper).
    pub sheets: Vec<SheetCells>,
    /// What the planner should know about how the book was read (a hidden
    /// table, a merged cell across columns), printed as warnings.
    pub notes: Vec<String>,
    /// The hidden rows holding cells of each visible sheet (0-based), in
    /// order: on a table's sheet, or the schedule's, read as any other,
    /// which the planner is told.
    pub hidden_rows: Vec<(String, Vec<u32>)>,
    /// The hidden columns of each sheet (0-based; `<col hidden="1">`), in
    /// order: read as any other, which the planner is told where a
    /// table's column is among them.
    pub hidden_cols: Vec<(String, Vec<u32>)>,
    /// Hidden sheets of the planner's own (not tables, not `_lists`): not
    /// read as the scenario, only kept for a workbook `convert` writes.
    pub hidden_own: Vec<SheetCells>,
    /// Hidden sheets of the planner's own that could not be read, with why:
    /// `convert` cannot carry them, and says so.
    pub hidden_unread: Vec<(String, String)>,
}

impl Book {
    /// The warnings that hidden data rows are read: the planner, counting
    /// the rows they see, would count fewer than run. `header_of` gives a
    /// sheet's header row where it is known; a hidden header or title row
    /// above it is not read as data, and not counted.
    pub fn hidden_row_notes(&self, header_of: impl Fn(&str) -> Option<u32>) -> Vec<String> {
        let mut notes = Vec::new();
        let tables = self
            .hidden_rows
            .iter()
            .filter(|(sheet, _)| super::schema::SHEETS.iter().any(|t| t.is_named(sheet)));
        for (sheet, rows) in tables {
            notes.extend(hidden_rows_note(sheet, rows, header_of(sheet)));
        }
        notes
    }

    /// The warning that the hidden rows of `sheet` below its header are
    /// read: the rows of the schedule sheet too, where a planner who hid a
    /// drill's row (or filtered it out) meant to drop it may think so.
    pub fn hidden_schedule_rows_note(&self, sheet: &str, header: u32) -> Option<String> {
        let (_, rows) = self.hidden_rows.iter().find(|(s, _)| s == sheet)?;
        hidden_rows_note(sheet, rows, Some(header))
    }
}

/// The warning that the hidden rows of `sheet` below its header (when
/// known) are read.
fn hidden_rows_note(sheet: &str, rows: &[u32], header: Option<u32>) -> Option<String> {
    let read: Vec<u32> = rows
        .iter()
        .copied()
        .filter(|&r| header.is_none_or(|h| r > h))
        .collect();
    if read.is_empty() {
        return None;
    }
    let at = super::cells::runs(&read)
        .iter()
        .map(|&(a, b)| format!("{}:{}", a + 1, b + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let (name, n) = (super::locate::sheet_ref(sheet), read.len());
    Some(words!(sheet_lang(sheet),
        en: "{name}!{at}: {n} hidden row(s) (hidden by hand or by a filter); they are read as any other",
        zh: "{name}!{at}：{n} 行已隐藏（手动隐藏或被筛选）；这些行照常读入"))
}

/// Reads the workbook at `path`.
pub fn read(path: &Path) -> Result<Book, InputError> {
    read_in(path, crate::lang::Lang::En)
}

/// `read`, a problem with the file itself (missing, too large) told in `lang`.
pub fn read_in(path: &Path, lang: crate::lang::Lang) -> Result<Book, InputError> {
    let label = path.display().to_string();
    let bytes = read_bytes_in(path, MAX_SCENARIO_BYTES, lang)?;
    parse_in(&label, bytes, lang)
}

/// Reads a workbook's bytes; `label` names it in messages. The problems of
/// every sheet come together, not one sheet per run.
pub fn parse(label: &str, bytes: Vec<u8>) -> Result<Book, InputError> {
    parse_in(label, bytes, Lang::En)
}

/// `parse`, a file that is no workbook (an .xls, a damaged zip) told in `lang`.
pub fn parse_in(label: &str, bytes: Vec<u8>, lang: Lang) -> Result<Book, InputError> {
    let unreadable = |msg: String| InputError::single(label, ProblemKind::Unreadable, "file", msg);
    check_inflated_size(&bytes, lang).map_err(unreadable)?;
    let is_table = |name: &str| super::schema::SHEETS.iter().any(|s| s.is_named(name));
    let (hidden, hidden_cols, mut formats, shows_time) = from_xml(&bytes, |name| {
        !is_table(name) && name != super::schema::LISTS_SHEET
    });
    let mut xlsx: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| {
        unreadable(words!(lang,
            en: "not an Excel workbook (.xlsx) drillplan can read: {e}",
            zh: "不是 drillplan 能读取的 Excel 工作簿（.xlsx）（读取器报告：`{e}`）"))
    })?;
    let mut notes = Vec::new();
    let mut names = Vec::new();
    let mut hidden_own = Vec::new();
    for sheet in xlsx.sheets_metadata() {
        let table = super::schema::SHEETS
            .iter()
            .any(|s| s.is_named(&sheet.name));
        if sheet.visible == SheetVisible::Visible {
            names.push(sheet.name.clone());
        } else if table && sheet.name != super::schema::LISTS_SHEET {
            // A planner hides a sheet to tidy the view, not to drop its rules.
            let name = &sheet.name;
            notes.push(words!(sheet_lang(name),
                en: "sheet `{name}` is hidden; its rows are read as those of any other sheet",
                zh: "工作表「{name}」已隐藏；其各行照常读入"));
            names.push(sheet.name.clone());
        } else if !table && sheet.name != super::schema::LISTS_SHEET {
            hidden_own.push(sheet.name.clone());
        }
    }
    let mut sheets = Vec::new();
    let mut problems = Vec::new();
    for name in names {
        match read_sheet(&mut xlsx, &name, &mut notes) {
            Ok((mut cells, merged)) => sheets.push(SheetCells {
                cells: {
                    mark_time_shown(&mut cells, shows_time.get(&name));
                    cells
                },
                formats: formats.remove(&name).unwrap_or_default(),
                name,
                merged,
            }),
            Err(p) => problems.push(*p),
        }
    }
    // A hidden sheet of the planner's own is theirs to keep: read for
    // `convert` to carry, with no word about it (nothing of it is read as
    // the scenario), and one it cannot read is left as it would be anyway.
    let mut hidden_unread = Vec::new();
    let hidden_own = hidden_own
        .into_iter()
        .filter_map(|name| match read_sheet(&mut xlsx, &name, &mut Vec::new()) {
            Ok((cells, merged)) => Some(SheetCells {
                formats: formats.remove(&name).unwrap_or_default(),
                name,
                cells,
                merged,
            }),
            Err(p) => {
                hidden_unread.push((name, p.message));
                None
            }
        })
        .collect();
    // Rows hidden (by hand, or by a filter) on a table are still read: kept
    // to be said once the header is found (`Book::hidden_row_notes`).
    let hidden_rows: Vec<(String, Vec<u32>)> = sheets
        .iter()
        .filter_map(|sheet| {
            let rows = hidden.get(&sheet.name)?;
            let mut read: Vec<u32> = sheet
                .cells
                .iter()
                .map(|c| c.row)
                .filter(|r| rows.contains(r))
                .collect();
            read.dedup();
            (!read.is_empty()).then(|| (sheet.name.clone(), read))
        })
        .collect();
    if !problems.is_empty() {
        return Err(InputError {
            path: label.to_string(),
            source: Default::default(),
            problems,
            notes,
        });
    }
    let hidden_cols = hidden_cols.into_iter().collect();
    Ok(Book {
        sheets,
        notes,
        hidden_rows,
        hidden_cols,
        hidden_own,
        hidden_unread,
    })
}

/// Marks each date cell whose format shows no time of day (`yyyy-mm-dd`),
/// given the cells of the sheet whose format shows one; `None` when the
/// book's styles could not be read, and each cell is taken as showing it.
fn mark_time_shown(cells: &mut [Cell], shows_time: Option<&std::collections::HashSet<(u32, u32)>>) {
    let Some(set) = shows_time else {
        return;
    };
    for cell in cells.iter_mut() {
        if let Value::Stamp(s) = &mut cell.value {
            s.time_shown = set.contains(&(cell.row, cell.col));
        }
    }
}

/// Whether a number format shows a time of day: an hour or seconds in its
/// code outside quoted text, or one of Excel's built-in time formats
/// (including the Chinese ones, 32 to 35 and 55 to 56).
fn format_shows_time(format: &NumFmt) -> bool {
    match format {
        NumFmt::Builtin(id) => matches!(id, 18..=22 | 32..=35 | 45..=47 | 55 | 56),
        NumFmt::Code(code) => {
            let mut quoted = false;
            let mut escaped = false;
            code.chars().any(|c| {
                if escaped {
                    escaped = false;
                    return false;
                }
                match c {
                    '\\' => {
                        escaped = true;
                        false
                    }
                    '"' => {
                        quoted = !quoted;
                        false
                    }
                    'h' | 'H' | 's' | 'S' => !quoted,
                    _ => false,
                }
            })
        }
    }
}

/// A cell's number format, as its workbook's styles give it: one of
/// Excel's built-in formats by index, or a format code of the book's own.
#[derive(Debug, Clone, PartialEq)]
pub enum NumFmt {
    Builtin(u16),
    Code(String),
}

/// The hidden rows of a sheet (0-based), and the number formats of its cells.
type Hidden = std::collections::HashMap<String, std::collections::HashSet<u32>>;
type Formats = std::collections::HashMap<String, std::collections::HashMap<(u32, u32), NumFmt>>;
/// The hidden columns of each sheet (0-based), by the sheet's name.
type HiddenCols = std::collections::HashMap<String, Vec<u32>>;
/// The cells of each sheet whose number format shows a time of day.
type ShowsTime = std::collections::HashMap<String, std::collections::HashSet<(u32, u32)>>;

/// What calamine does not give, from the parts' XML: the hidden rows
/// (0-based) of each sheet (`<row r="10" hidden="1">`), by the sheet's name,
/// and the number format of each formatted cell: every one of the sheets
/// `own` picks (the planner's own, which `convert` copies as they show),
/// those that may show a value otherwise than it reads on the others. Anything
/// unexpected in the parts reads as nothing: this only feeds a warning and
/// how a copied cell shows.
fn from_xml(bytes: &[u8], own: impl Fn(&str) -> bool) -> (Hidden, HiddenCols, Formats, ShowsTime) {
    let mut hidden = Hidden::new();
    let mut hidden_cols = HiddenCols::new();
    let mut formats = Formats::new();
    let mut shows_time = ShowsTime::new();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return (hidden, hidden_cols, formats, shows_time);
    };
    let mut part = |name: &str| -> Option<String> {
        let mut text = String::new();
        zip.by_name(name).ok()?.read_to_string(&mut text).ok()?;
        Some(text)
    };
    let (Some(book), Some(rels)) = (part("xl/workbook.xml"), part("xl/_rels/workbook.xml.rels"))
    else {
        return (hidden, hidden_cols, formats, shows_time);
    };
    let path_of = |target: &str| match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("xl/{target}"),
    };
    let relations = tags(&rels, "Relationship");
    let targets: std::collections::HashMap<String, String> = relations
        .iter()
        .filter_map(|t| Some((attr(t, "Id")?, attr(t, "Target")?)))
        .collect();
    // The number format of each cell style (`s="3"`), by the style's index.
    let mut styles: Option<Vec<Option<NumFmt>>> = None;
    let styles_of = |part: &mut dyn FnMut(&str) -> Option<String>| -> Vec<Option<NumFmt>> {
        let Some(path) = relations
            .iter()
            .find(|t| attr(t, "Type").is_some_and(|k| k.ends_with("/styles")))
            .and_then(|t| attr(t, "Target"))
        else {
            return Vec::new();
        };
        let Some(xml) = part(&path_of(&path)) else {
            return Vec::new();
        };
        let codes: std::collections::HashMap<u16, String> = tags(&xml, "numFmt")
            .iter()
            .filter_map(|t| Some((attr(t, "numFmtId")?.parse().ok()?, attr(t, "formatCode")?)))
            .collect();
        let Some(xfs) = xml.split("<cellXfs").nth(1) else {
            return Vec::new();
        };
        let xfs = xfs.split("</cellXfs>").next().unwrap_or("");
        tags(xfs, "xf")
            .iter()
            .map(|t| match attr(t, "numFmtId")?.parse::<u16>().ok()? {
                0 => None,
                id => Some(
                    codes
                        .get(&id)
                        .map_or(NumFmt::Builtin(id), |c| NumFmt::Code(c.clone())),
                ),
            })
            .collect()
    };
    for sheet in tags(&book, "sheet") {
        let (Some(name), Some(id)) = (attr(&sheet, "name"), attr(&sheet, "r:id")) else {
            continue;
        };
        let Some(target) = targets.get(&id) else {
            continue;
        };
        let Some(xml) = part(&path_of(target)) else {
            continue;
        };
        let rows: std::collections::HashSet<u32> = tags(&xml, "row")
            .iter()
            .filter(|t| matches!(attr(t, "hidden").as_deref(), Some("1" | "true")))
            .filter_map(|t| attr(t, "r")?.parse::<u32>().ok()?.checked_sub(1))
            .collect();
        if !rows.is_empty() {
            hidden.insert(name.clone(), rows);
        }
        // `<col min="8" max="8" hidden="1"/>`, 1-based and inclusive; a
        // range hidden to the sheet's end is cut at the columns read.
        let cols: Vec<u32> = tags(&xml, "col")
            .iter()
            .filter(|t| matches!(attr(t, "hidden").as_deref(), Some("1" | "true")))
            .filter_map(|t| {
                let min = attr(t, "min")?.parse::<u32>().ok()?.checked_sub(1)?;
                let max = attr(t, "max")?.parse::<u32>().ok()?.min(MAX_COLUMNS);
                Some(min..max)
            })
            .flatten()
            .collect();
        if !cols.is_empty() {
            hidden_cols.insert(name.clone(), cols);
        }
        // Which cells show a time: only the styles that do are looked for,
        // so a book without them costs no scan of its cells.
        let known = styles.get_or_insert_with(|| styles_of(&mut part));
        if !known.is_empty() {
            let timed: std::collections::HashSet<usize> = known
                .iter()
                .enumerate()
                .filter(|(_, f)| f.as_ref().is_some_and(format_shows_time))
                .map(|(i, _)| i)
                .collect();
            let cells = if timed.is_empty() {
                Default::default()
            } else {
                tags(&xml, "c")
                    .iter()
                    .filter_map(|t| {
                        let style: usize = attr(t, "s")?.parse().ok()?;
                        timed.contains(&style).then_some(())?;
                        cell_at(&attr(t, "r")?)
                    })
                    .collect()
            };
            shows_time.insert(name.clone(), cells);
        }
        let styles = styles.get_or_insert_with(|| styles_of(&mut part));
        // A table's cells are read, not copied: only a format that may show
        // a value otherwise than it reads (`120%` for 1.2) is kept, for a
        // refusal to quote what the planner sees. drillplan's own dates
        // show as they read, and are many.
        let own = own(&name);
        let kept = |f: &NumFmt| {
            own || !matches!(f, NumFmt::Code(c) if c == "@" || c.starts_with("yyyy-mm-dd"))
                && *f != NumFmt::Builtin(49)
        };
        let cells: std::collections::HashMap<(u32, u32), NumFmt> =
            if styles.iter().any(|f| f.as_ref().is_some_and(kept)) {
                tags(&xml, "c")
                    .iter()
                    .filter_map(|t| {
                        let style: usize = attr(t, "s")?.parse().ok()?;
                        let format = styles.get(style)?.as_ref().filter(|f| kept(f))?;
                        Some((cell_at(&attr(t, "r")?)?, format.clone()))
                    })
                    .collect()
            } else {
                Default::default()
            };
        if !cells.is_empty() {
            formats.insert(name, cells);
        }
    }
    (hidden, hidden_cols, formats, shows_time)
}

/// The value of `key` in a tag's attributes, XML escapes undone.
fn attr(tag: &str, key: &str) -> Option<String> {
    let start = tag.find(&format!(" {key}=\""))? + key.len() + 3;
    let end = start + tag[start..].find('"')?;
    Some(
        tag[start..end]
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&apos;", "'")
            .replace("&amp;", "&"),
    )
}

/// The attributes of each `<name ...>` tag in `xml`.
fn tags(xml: &str, name: &str) -> Vec<String> {
    xml.split(&format!("<{name} "))
        .skip(1)
        .filter_map(|t| t.split_once('>').map(|(tag, _)| format!(" {tag}")))
        .collect()
}

/// `B3` as (row 2, column 1), 0-based.
fn cell_at(at: &str) -> Option<(u32, u32)> {
    let split = at.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = at.split_at(split);
    let col = letters.bytes().try_fold(0u32, |n, b| {
        b.is_ascii_uppercase()
            .then(|| n * 26 + u32::from(b - b'A') + 1)
    })?;
    Some((
        digits.parse::<u32>().ok()?.checked_sub(1)?,
        col.checked_sub(1)?,
    ))
}

/// The language of a note on one sheet: Chinese on a sheet named in
/// Chinese, as its planner reads it (a table's 演练, the schedule's 演练安排,
/// a day sheet's `06-19 周一`), else English.
fn sheet_lang(name: &str) -> Lang {
    let han = name.chars().any(drillplan_model::lang::is_cjk);
    if han || super::schema::SHEETS.iter().any(|s| s.zh == name) {
        Lang::Zh
    } else {
        Lang::En
    }
}

/// Whether an OLE compound file is an encrypted OOXML package (an .xlsx
/// saved with a password to open it) rather than an old .xls: it holds the
/// streams `EncryptionInfo` and `EncryptedPackage` (MS-OFFCRYPTO 2.3.4),
/// whose names its directory stores in UTF-16LE.
fn is_encrypted_package(bytes: &[u8]) -> bool {
    let utf16 =
        |name: &str| -> Vec<u8> { name.encode_utf16().flat_map(u16::to_le_bytes).collect() };
    let (info, package) = (utf16("EncryptionInfo"), utf16("EncryptedPackage"));
    let holds = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    holds(&info) && holds(&package)
}

/// Refuses a zip whose parts inflate beyond `MAX_INFLATED_BYTES`, by their
/// declared sizes first and then by inflating them into nothing, since a
/// declared size can lie. calamine reads the same parts afterwards.
fn check_inflated_size(bytes: &[u8], lang: Lang) -> Result<(), String> {
    // An .xls, or an .xlsx saved with a password, is an OLE compound file:
    // the zip reader's "could not find EOCD" would tell a planner nothing.
    const OLE: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if bytes.starts_with(OLE) && is_encrypted_package(bytes) {
        return Err(words!(lang,
            en: "the workbook is encrypted (it has a password to open it), which drillplan \
                 cannot read: open it in Excel, WPS or LibreOffice with its password, remove the \
                 password and save it as .xlsx (Excel Workbook)",
            zh: "工作簿已加密（有打开密码），drillplan 无法读取：请在 Excel、WPS 或 LibreOffice 中\
                 输入密码打开，去掉密码后另存为 .xlsx（Excel 工作簿）"));
    }
    if bytes.starts_with(OLE) {
        return Err(words!(lang,
            en: "an old Excel workbook (.xls) or one saved with a password, not an .xlsx: \
                 open it in Excel, WPS or LibreOffice and save it as .xlsx (Excel Workbook) \
                 without a password",
            zh: "这是旧版 Excel 工作簿（.xls）或设了密码的工作簿，不是 .xlsx：\
                 请在 Excel、WPS 或 LibreOffice 中打开，不设密码另存为 .xlsx（Excel 工作簿）"));
    }
    // An empty file (a save that failed) and a text file under an .xlsx
    // name (a CSV renamed) are said as what they are, not as the zip
    // reader's "Could not find EOCD".
    if bytes.is_empty() {
        return Err(words!(lang,
            en: "the file is empty (0 bytes), not a workbook: save it again from Excel, WPS or LibreOffice",
            zh: "文件为空（0 字节），不是工作簿：请在 Excel、WPS 或 LibreOffice 中重新保存"));
    }
    if !bytes.starts_with(b"PK") && !bytes.iter().take(4096).any(|&b| b == 0) {
        return Err(words!(lang,
            en: "this is a text file (a CSV renamed?), not an Excel workbook (.xlsx): open it in Excel, WPS or LibreOffice and save it as .xlsx (Excel Workbook)",
            zh: "这是文本文件（可能是改了扩展名的 CSV），不是 Excel 工作簿（.xlsx）：请在 Excel、WPS 或 LibreOffice 中打开，另存为 .xlsx（Excel 工作簿）"));
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        // A zip's directory is at its end: a file that starts as one but
        // has none was cut short (a copy or a save that did not finish).
        if bytes.starts_with(b"PK\x03\x04") {
            return words!(lang,
                en: "the workbook is incomplete (cut short: a save or a copy that did not \
                     finish?; the zip reader says: {e}): save it again from Excel, WPS or \
                     LibreOffice, or copy it again",
                zh: "工作簿不完整（文件被截断，可能是保存或复制没有完成；读取器报告：`{e}`）：\
                     请在 Excel、WPS 或 LibreOffice 中重新保存，或重新复制此文件");
        }
        words!(lang,
            en: "not an Excel workbook (.xlsx is a zip archive): {e}",
            zh: "不是 Excel 工作簿（.xlsx 应为 zip 压缩包；读取器报告：`{e}`）")
    })?;
    let mib = MAX_INFLATED_BYTES / (1024 * 1024);
    let bomb = || {
        words!(lang,
            en: "the workbook inflates to more than {mib} MiB; no scenario is that large (a damaged or hostile file)",
            zh: "工作簿解压后超过 {mib} MiB，没有这么大的情景（文件已损坏或有恶意）")
    };
    let damaged = |e: &dyn std::fmt::Display| words!(lang, en: "damaged workbook: {e}", zh: "工作簿已损坏（读取器报告：`{e}`）");
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| damaged(&e))?;
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_INFLATED_BYTES {
        return Err(bomb());
    }
    let mut left = MAX_INFLATED_BYTES;
    for i in 0..zip.len() {
        let entry = zip.by_index(i).map_err(|e| damaged(&e))?;
        let inflated = std::io::copy(&mut entry.take(left + 1), &mut std::io::sink())
            .map_err(|e| damaged(&e))?;
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
    notes: &mut Vec<String>,
) -> Result<(Vec<Cell>, Vec<Merged>), Box<Problem>> {
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
            words!(sheet_lang(name),
                en: "cannot read the sheet: {e}",
                zh: "无法读取此工作表（读取器报告：`{e}`）"),
        )
    };
    // A value far outside the table (a stray `x` in row 1 048 576) refuses
    // the sheet: said at its cell, in the sheet's language, so the planner
    // can go there and clear it.
    let too_far = |row: u32, col: u32| {
        let at = super::locate::cell_ref(name, row, Some(col));
        let (row_no, col_no) = (row + 1, col + 1);
        let message = if row >= MAX_SHEET_ROWS {
            words!(sheet_lang(name),
                en: "the sheet has a value in row {row_no}; at most {MAX_SHEET_ROWS} rows are read \
                     (no scenario has that many; clear the cells far below the table)",
                zh: "工作表在第 {row_no} 行有值；最多读取 {MAX_SHEET_ROWS} 行\
                     （没有情景有这么多行；请清除表格下方远处的单元格）")
        } else {
            words!(sheet_lang(name),
                en: "the sheet has a value in column {col_no}; at most {MAX_COLUMNS} columns are read \
                     (no scenario has that many; clear the cells far beside the table)",
                zh: "工作表在第 {col_no} 列有值；最多读取 {MAX_COLUMNS} 列\
                     （没有情景有这么多列；请清除表格右侧远处的单元格）")
        };
        sheet_problem(ProblemKind::BadValue, at, message)
    };
    let mut reader = xlsx.worksheet_cells_reader(name).map_err(unreadable)?;
    // The used range a sheet declares says nothing: Calc's Delete Rows
    // leaves empty rows, and a dimension, down to row 1 048 576. Only cells
    // that hold a value count against the limits.
    let mut cells = Vec::new();
    let mut empty = std::collections::HashSet::new();
    while let Some(cell) = reader.next_cell().map_err(unreadable)? {
        let (row, col) = cell.get_position();
        let outside = row >= MAX_SHEET_ROWS || col >= MAX_COLUMNS;
        let value = match cell.get_value() {
            DataRef::Empty => {
                if !outside {
                    empty.insert((row, col));
                }
                continue;
            }
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                text(s.as_str())
            }
            DataRef::SharedString(s) => text(s),
            DataRef::Float(f) => Some(Value::Number(*f)),
            DataRef::Int(i) => Some(Value::Int(*i)),
            DataRef::Bool(b) => Some(Value::Bool(*b)),
            // A time of day typed as a time (0.375 shown as 09:00): the
            // planner sees a time, not 1899-12-31.
            DataRef::DateTime(dt) if dt.is_datetime() && (0.0..1.0).contains(&dt.as_f64()) => {
                let (_, _, _, h, mi, sec, _) = dt.to_ymd_hms_milli();
                Some(Value::Text(if sec == 0 {
                    format!("{h:02}:{mi:02}")
                } else {
                    format!("{h:02}:{mi:02}:{sec:02}")
                }))
            }
            DataRef::DateTime(dt) if dt.is_datetime() => {
                let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
                NaiveDate::from_ymd_opt(y.into(), mo.into(), d.into())
                    .map(|date| {
                        Value::Stamp(Stamp {
                            date,
                            hms: (h, mi, s),
                            milli: ms,
                            // Until the sheet's formats say (`mark_time_shown`).
                            time_shown: true,
                        })
                    })
                    .or(Some(Value::Number(dt.as_f64())))
            }
            DataRef::DateTime(dt) => Some(Value::Number(dt.as_f64())),
            DataRef::Error(e) => Some(Value::Error(e.to_string())),
        };
        let Some(value) = value else { continue };
        if row >= MAX_SHEET_ROWS || col >= MAX_COLUMNS {
            return Err(too_far(row, col));
        }
        if let Value::Text(t) = &value {
            let chars = t.chars().count();
            if chars > MAX_CELL_CHARS {
                return Err(sheet_problem(
                    ProblemKind::BadValue,
                    super::locate::cell_ref(name, row, Some(col)),
                    words!(sheet_lang(name),
                        en: "{chars} characters; a cell holds at most {MAX_CELL_CHARS}",
                        zh: "{chars} 个字符；一个单元格最多 {MAX_CELL_CHARS} 个字符"),
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
                words!(sheet_lang(name),
                    en: "the cell holds the formula `={formula}` but not its value (the file was \
                         written by a program that does not compute formulas); type the value, or \
                         open and save the workbook in Excel, WPS or LibreOffice",
                    zh: "单元格中有公式 `={formula}`，但没有保存其计算结果（此文件由不计算公式的程序写出）；\
                         请直接填写数值，或在 Excel、WPS 或 LibreOffice 中打开后保存"),
            ));
        }
    }
    let merged = spread_merged(xlsx, name, &mut cells, notes).map_err(unreadable)?;
    Ok((cells, merged))
}

/// A merged cell keeps its value in its top-left cell only, yet the planner
/// sees it in every row it covers: 必须安排 = TRUE merged over three drills is
/// three mandatory drills. The value is copied down the merge's first column
/// into the rows that hold other values (a merge reaching into blank rows
/// below the table makes no rows). A merge across columns is read as its
/// first column, with a note: which field the other columns should get is
/// not for drillplan to guess. The ranges are returned as written.
///
/// A covered cell may still hold a value of its own that no spreadsheet
/// shows: Calc and WPS keep the contents of the cells they merge when asked
/// to. Reading it would use a value the planner cannot see (优先级 10 merged
/// over two drills, the second read as its hidden 9), so it gives way to the
/// merged value in the first column and is left out in the others, each
/// with a note naming the cell and both values.
fn spread_merged<R: Read + std::io::Seek>(
    xlsx: &mut Xlsx<R>,
    name: &str,
    cells: &mut Vec<Cell>,
    notes: &mut Vec<String>,
) -> Result<Vec<Merged>, calamine::XlsxError> {
    let Some(regions) = xlsx.worksheet_merge_cells(name) else {
        return Ok(Vec::new());
    };
    let regions = regions?;
    let ranges = regions
        .iter()
        .map(|r| (r.start.0, r.start.1, r.end.0, r.end.1))
        .collect();
    if regions.is_empty() {
        return Ok(ranges);
    }
    let rows: std::collections::HashSet<u32> = cells.iter().map(|c| c.row).collect();
    let at: std::collections::HashMap<(u32, u32), usize> = cells
        .iter()
        .enumerate()
        .map(|(i, c)| ((c.row, c.col), i))
        .collect();
    let mut added = Vec::new();
    let mut hide = std::collections::HashSet::new();
    for region in regions {
        let (top, left) = region.start;
        let (bottom, right) = region.end;
        let Some(&i) = at.get(&(top, left)) else {
            // An empty merged cell shows nothing in any cell it covers.
            for row in top..=bottom.min(MAX_SHEET_ROWS - 1) {
                for col in left..=right.min(MAX_COLUMNS - 1) {
                    if let Some(&j) = at.get(&(row, col)) {
                        let (range, cell) = merged_at(name, region.start, region.end, row, col);
                        let hidden = super::literal::as_text(&cells[j].value);
                        notes.push(words!(sheet_lang(name),
                            en: "{range}: the merged cell is empty, but its cell {cell} holds `{hidden}`, which no spreadsheet shows; it is not read",
                            zh: "{range}：合并单元格为空，但其中的 {cell} 存有不显示的值 `{hidden}`；此值不读入"));
                        hide.insert((row, col));
                    }
                }
            }
            continue;
        };
        if right > left && bottom > top {
            let range = format!(
                "{}:{}",
                super::locate::cell_ref(name, top, Some(left)),
                super::locate::col_letters(right) + &(bottom + 1).to_string()
            );
            let column = super::locate::col_letters(left);
            notes.push(words!(sheet_lang(name),
                en: "the merged cell {range} spans several columns; its value is read in column {column} only",
                zh: "合并单元格 {range} 跨越多列；其值只按 {column} 列读入"));
        }
        let value = cells[i].value.clone();
        for row in top + 1..=bottom.min(MAX_SHEET_ROWS - 1) {
            if rows.contains(&row) && !at.contains_key(&(row, left)) {
                added.push(Cell {
                    row,
                    col: left,
                    value: value.clone(),
                });
            }
        }
        let shown = super::literal::as_text(&value);
        for row in top..=bottom.min(MAX_SHEET_ROWS - 1) {
            for col in left..=right.min(MAX_COLUMNS - 1) {
                let Some(&j) = at.get(&(row, col)).filter(|_| (row, col) != (top, left)) else {
                    continue;
                };
                if cells[j].value == value && col == left {
                    continue;
                }
                let (range, cell) = merged_at(name, region.start, region.end, row, col);
                let hidden = super::literal::as_text(&cells[j].value);
                if col == left {
                    notes.push(words!(sheet_lang(name),
                        en: "{range}: the merged cell shows `{shown}`, but its cell {cell} also holds `{hidden}`, which no spreadsheet shows; read as `{shown}`",
                        zh: "{range}：合并单元格显示 `{shown}`，但其中的 {cell} 还存有不显示的值 `{hidden}`；按显示的 `{shown}` 读取"));
                    cells[j].value = value.clone();
                } else {
                    notes.push(words!(sheet_lang(name),
                        en: "{range}: the merged cell covers {cell}, which holds `{hidden}`, a value no spreadsheet shows; it is not read",
                        zh: "{range}：合并单元格盖住了 {cell}，其中不显示的值 `{hidden}` 不读入"));
                    hide.insert((row, col));
                }
            }
        }
    }
    if !hide.is_empty() {
        cells.retain(|c| !hide.contains(&(c.row, c.col)));
    }
    if !added.is_empty() {
        cells.extend(added);
        cells.sort_by_key(|c| (c.row, c.col));
    }
    Ok(ranges)
}

/// A merged range as `演练!G2:G3` and one cell of it as `G3`, for the notes.
fn merged_at(
    name: &str,
    (top, left): (u32, u32),
    (bottom, right): (u32, u32),
    row: u32,
    col: u32,
) -> (String, String) {
    (
        format!(
            "{}:{}{}",
            super::locate::cell_ref(name, top, Some(left)),
            super::locate::col_letters(right),
            bottom + 1
        ),
        format!("{}{}", super::locate::col_letters(col), row + 1),
    )
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_references() {
        assert_eq!(cell_at("A1"), Some((0, 0)));
        assert_eq!(cell_at("B3"), Some((2, 1)));
        assert_eq!(cell_at("AA10"), Some((9, 26)));
        assert_eq!(cell_at("3"), None);
        assert_eq!(cell_at("A0"), None);
    }
}
