//! Scenario workbooks (.xlsx): planners keep their drills, venues and teams
//! in Excel or WPS, and drillplan reads and writes them.
//!
//! A workbook is read into the TOML text a planner would have written
//! (`layout`, `render`), which the scenario loader then parses and
//! validates: one validation for both formats, the same messages, and the
//! same `Scenario` for the same content. Each problem's span in that text is
//! mapped back to the sheet and cell it came from (`locate`).

mod book;
mod cells;
mod clock;
mod compare;
pub mod extras;
mod layout;
pub mod literal;
mod locate;
pub mod read;
mod render;
pub mod schedule;
pub mod schema;
mod shown;
pub mod syntax;
pub mod template;
pub mod write;

use crate::diagnostics::{InputError, ProblemKind};
use crate::scenario::{self, Scenario};
use std::path::Path;
use std::sync::Arc;

pub use write::{to_xlsx, to_xlsx_keeping, WriteError};

/// Whether `path` names a workbook (by its extension).
pub fn is_workbook(path: &Path) -> bool {
    extension(path).as_deref() == Some("xlsx")
}

/// Whether `path` names a scenario file (by its extension, in any case).
pub fn is_toml(path: &Path) -> bool {
    extension(path).as_deref() == Some("toml")
}

/// `path`'s extension in lower case (`安排.XLSX` is a workbook too).
pub fn extension(path: &Path) -> Option<String> {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// A workbook read as scenario TOML: the text, and the scenario it validates to.
pub struct Loaded {
    pub text: String,
    pub scenario: Scenario,
    /// How the book was read where the planner should know (a hidden sheet
    /// read, a column left out, `9:00` read as `09:00`): warnings to print.
    pub notes: Vec<String>,
    /// The language of the book's headers (most of its sheets'), which
    /// the messages about it default to; `None` for a TOML text.
    pub lang: Option<crate::lang::Lang>,
    /// The planner's own columns and sheets beside the scenario, which
    /// `convert` carries; empty for a TOML text.
    pub extras: extras::Extras,
}

/// Reads and validates the scenario at `path`, a TOML file or a workbook.
pub fn load_scenario(path: &Path) -> Result<Scenario, InputError> {
    load_scenario_noted(path).map(|(s, _)| s)
}

/// The scenario at `path`, and the notes on how a workbook was read.
pub fn load_scenario_noted(path: &Path) -> Result<(Scenario, Vec<String>), InputError> {
    load_scenario_read(path).map(|l| (l.scenario, l.notes))
}

/// The scenario at `path`, a TOML file or a workbook, as `Loaded` (a TOML
/// file has no notes and no header language).
pub fn load_scenario_read(path: &Path) -> Result<Loaded, InputError> {
    let en = crate::lang::Lang::En;
    load_scenario_read_in(path, Some(en), en)
}

/// `load_scenario_read`, the scenario's problems told in `lang`; `None`
/// leaves a workbook's to its headers' language (a TOML file's, English).
/// A problem with the file itself (missing, too large, not UTF-8) comes
/// before any header could say, and is told in `files`.
pub fn load_scenario_read_in(
    path: &Path,
    lang: Option<crate::lang::Lang>,
    files: crate::lang::Lang,
) -> Result<Loaded, InputError> {
    if is_workbook(path) {
        let label = path.display().to_string();
        let book = read::read_in(path, lang.unwrap_or(files))?;
        from_book(&label, &book, lang, Skills::Refused)
    } else {
        refuse_other_spreadsheets(path, lang.unwrap_or(files))?;
        let text =
            scenario::read_text_in(path, scenario::MAX_SCENARIO_BYTES, lang.unwrap_or(files))?;
        let lang = lang.unwrap_or(crate::lang::Lang::En);
        scenario::parse_in(&path.display().to_string(), &text, lang).map(|scenario| Loaded {
            text,
            scenario,
            notes: Vec::new(),
            lang: None,
            extras: Default::default(),
        })
    }
}

/// The scenario at `path` as TOML text: the file itself, or the workbook
/// rendered as the TOML it stands for (checked valid).
pub fn scenario_text(path: &Path) -> Result<String, InputError> {
    if is_workbook(path) {
        load(path).map(|l| l.text)
    } else {
        refuse_other_spreadsheets(path, crate::lang::Lang::En)?;
        scenario::read_text(path, scenario::MAX_SCENARIO_BYTES)
    }
}

/// Reads and validates a workbook.
pub fn load(path: &Path) -> Result<Loaded, InputError> {
    let label = path.display().to_string();
    let book = read::read(path)?;
    from_book(&label, &book, None, Skills::Refused)
}

/// Validates workbook bytes; `label` names the file in messages.
pub fn load_bytes(label: &str, bytes: Vec<u8>) -> Result<Loaded, InputError> {
    let book = read::parse(label, bytes)?;
    from_book(label, &book, None, Skills::Refused)
}

/// `load_bytes` for a workbook written from a TOML scenario, read back to
/// check it stands for the same scenario: a need no team meets, which the
/// TOML contract allows and a workbook refuses, is let through (`convert`
/// warns of it before it writes).
pub fn read_back(label: &str, bytes: Vec<u8>) -> Result<Loaded, InputError> {
    let book = read::parse(label, bytes)?;
    from_book(label, &book, None, Skills::Allowed)
}

/// Whether a need for a skill no team has refuses the workbook.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Skills {
    Refused,
    Allowed,
}

/// The scenario of `book`, its problems told in `chosen` or else in the
/// headers' language. The notes of the read (`9:00` read as `09:00`, a
/// hidden sheet read) come with the scenario or with the problems alike.
fn from_book(
    label: &str,
    book: &read::Book,
    chosen: Option<crate::lang::Lang>,
    skills: Skills,
) -> Result<Loaded, InputError> {
    let fail = |problems, notes| InputError {
        path: label.to_string(),
        source: Arc::new(String::new()),
        problems,
        notes,
    };
    let mut notes = book.notes.clone();
    let (out, layouts, checked, mut extras) = match layout::render(book, chosen) {
        Ok(r) => r,
        Err((problems, more)) => {
            notes.extend(book.hidden_row_notes(|_| None));
            notes.extend(more);
            return Err(fail(problems, notes));
        }
    };
    notes.extend(book.hidden_row_notes(|sheet| {
        layouts
            .iter()
            .find(|l| l.name == sheet)
            .and_then(|l| l.header)
    }));
    notes.extend(hidden_column_notes(book, &layouts));
    notes.extend(checked.notes);
    if checked.fatal {
        return Err(fail(checked.problems, notes));
    }
    let lang = chosen
        .or(header_lang(&layouts))
        .unwrap_or(crate::lang::Lang::Zh);
    // A drill no team can staff is refused at its need's cell: in a
    // workbook it is a slip (a skill misspelt, or a team's skills not yet
    // filled in), and read as it stands the drill would silently never be
    // placed.
    let mut unmet = Vec::new();
    if skills == Skills::Refused {
        for mut p in scenario::skill_needs_no_team_has(&out.text, lang) {
            locate::relocate(&mut p, &out, &layouts);
            unmet.push(p);
        }
    }
    // A team's skill spelt close to a needed one (`消访`) is a warning at
    // its cell: the team silently drops out of those drills otherwise.
    for mut p in scenario::team_skills_close_to_a_need(&out.text, lang) {
        locate::relocate(&mut p, &out, &layouts);
        let (at, field, message) = (p.cell.unwrap_or_default(), p.field, p.message);
        notes.push(drillplan_model::words!(lang,
            en: "{at}: {field}: {message}",
            zh: "{at}：{field}：{message}"));
    }
    let parsed = match scenario::parse_in(label, &out.text, lang) {
        Ok(_) if !unmet.is_empty() => Err(fail(Vec::new(), Vec::new())),
        r => r,
    };
    match parsed {
        Ok(scenario) if checked.problems.is_empty() => {
            if !extras.columns.is_empty() {
                // Valid, so a TOML table; its entries are the rows read, in order.
                extras.resolve(&toml::from_str(&out.text).unwrap_or_default());
            }
            Ok(Loaded {
                text: out.text,
                scenario,
                notes,
                lang: header_lang(&layouts),
                extras,
            })
        }
        Ok(_) => Err(fail(checked.problems, notes)),
        Err(mut e) => {
            // The loader's own word on a misspelt skill is said again below,
            // in the book's language and for every unmet need.
            if skills == Skills::Refused {
                e.problems.retain(|p| {
                    !(p.kind == ProblemKind::UnknownReference && p.field.ends_with(".needs.skill"))
                });
            }
            for p in &mut e.problems {
                locate::relocate(p, &out, &layouts);
            }
            // What the validator found at a stand-in's cell is already said.
            e.problems.retain(|p| {
                !p.cell
                    .as_ref()
                    .is_some_and(|c| checked.stand_ins.contains(c))
            });
            // Never empty: a stand-in is only ever put in with its problem.

            let mut problems = checked.problems;
            problems.append(&mut e.problems);
            problems.append(&mut unmet);
            e.problems = problems;
            e.notes = notes;
            Err(e)
        }
    }
}

/// `.xls`, `.ods` and WPS's `.et` are spreadsheets too, but not ones we read.
fn refuse_other_spreadsheets(path: &Path, lang: crate::lang::Lang) -> Result<(), InputError> {
    match extension(path).as_deref() {
        Some(ext @ ("xls" | "xlsm" | "xlsb" | "ods" | "et")) => Err(InputError::single(
            &path.display().to_string(),
            ProblemKind::Unreadable,
            "file",
            drillplan_model::words!(lang,
                en: "drillplan reads .xlsx workbooks and .toml files, not .{ext}; save it as an Excel workbook (.xlsx)",
                zh: "drillplan 读取 .xlsx 工作簿和 .toml 文件，不读 .{ext}；请另存为 Excel 工作簿（.xlsx）"),
        )),
        _ => Ok(()),
    }
}

/// The language a workbook's sheet names are in (most of its tables'),
/// for the frame of the problems that kept it from being read: their text
/// already follows the book, and `错误[…]` should too. `None` when the
/// file cannot be read as a workbook at all.
pub fn sheet_names_lang(path: &Path) -> Option<crate::lang::Lang> {
    use crate::lang::Lang;
    let book = read::read_in(path, Lang::En).ok()?;
    let tables: Vec<_> = book
        .sheets
        .iter()
        .filter_map(|s| {
            schema::SHEETS
                .iter()
                .find(|t| t.is_named(&s.name))
                .map(|t| (s, t))
        })
        .collect();
    let chinese = tables.iter().filter(|(s, t)| t.zh == s.name).count();
    match tables.len() {
        0 => None,
        n if chinese * 2 >= n => Some(Lang::Zh),
        _ => Some(Lang::En),
    }
}

/// The warnings that a table's hidden columns are read: a planner who hid
/// 必须安排 or 偏好日 sees none of its values, yet each counts (as hidden
/// rows do, which are said too). A hidden column with no value below the
/// header, or one that is not read (no header, a column of the planner's
/// own), is nothing to say.
fn hidden_column_notes(book: &read::Book, layouts: &[layout::Layout]) -> Vec<String> {
    let mut notes = Vec::new();
    for layout in layouts {
        let Some((_, hidden)) = book.hidden_cols.iter().find(|(s, _)| *s == layout.name) else {
            continue;
        };
        let Some(sheet) = book.sheets.iter().find(|s| s.name == layout.name) else {
            continue;
        };
        let header = layout.header.unwrap_or(0);
        for (i, col) in layout.cols.iter().enumerate() {
            let Some(col) = col.filter(|c| hidden.contains(c)) else {
                continue;
            };
            let n = sheet
                .cells
                .iter()
                .filter(|c| c.col == col && c.row > header)
                .count();
            if n == 0 {
                continue;
            }
            let letters = locate::col_letters(col);
            let (at, label) = (
                format!("{}!{letters}:{letters}", locate::sheet_ref(&layout.name)),
                layout.schema.columns[i].label(layout.lang),
            );
            notes.push(drillplan_model::words!(layout.says,
                en: "{at}: column `{label}` is hidden; its {n} value(s) are read as any other (unhide it to see what is read, or clear it)",
                zh: "{at}：「{label}」列已隐藏；其中 {n} 个值照常读入（取消隐藏可查看读入的内容；不需要请清空）"));
        }
    }
    notes
}

/// Chinese when at least half of the sheets read have Chinese headers.
fn header_lang(layouts: &[layout::Layout]) -> Option<crate::lang::Lang> {
    use crate::lang::Lang;
    let chinese = layouts.iter().filter(|l| l.lang == Lang::Zh).count();
    match layouts.len() {
        0 => None,
        n if chinese * 2 >= n => Some(Lang::Zh),
        _ => Some(Lang::En),
    }
}
