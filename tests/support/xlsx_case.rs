//! Runs a case of the TOML error corpus as a workbook: the case converted
//! cell for cell must be refused with the same kind, field and help, at a
//! cell of the sheet and column the TOML case marks.

use drillplan::diagnostics::{InputError, ProblemKind};
use drillplan::lang::Lang;
use drillplan::workbook::{self, WriteError};

/// Cases a workbook cannot state, each with the reason.
const NOT_IN_A_WORKBOOK: &[(&str, &str)] = &[
    ("duration = 60 60", "TOML syntax: a cell holds one value"),
    ("binary", "TOML syntax"),
    (
        "days = []",
        "an empty cell is no selector, which selects every day",
    ),
    (
        "{ skill = \"fire\", team = \"obs\" }",
        "the need syntax has no way to name both",
    ),
    ("id = \"\"", "an empty id cell is a missing id"),
    ("[\"monday\"]", "a workbook reads monday (and 周一) as mon"),
];

/// Checks `text` (a bad TOML scenario refused with `toml_err`) as a workbook.
pub fn check(text: &str, toml_err: &InputError) {
    let doc: toml::Table = match toml::from_str(text) {
        Ok(d) => d,
        Err(_) => return expect_skipped(text, "not TOML"),
    };
    let bytes = match workbook::to_xlsx(&doc, Lang::Zh) {
        Ok(b) => b,
        Err(e @ WriteError::Unrepresentable { .. }) => return expect_skipped(text, &e.to_string()),
        Err(e) => panic!("{e}"),
    };
    let want = &toml_err.problems[0];
    let err = match workbook::load_bytes("bad.xlsx", bytes) {
        // A column a workbook does not know is the planner's own (备注):
        // left out with a note, where TOML refuses an unknown key. So is a
        // sheet named like a table beside that table (`objectives` beside
        // 目标): a copy, said to be one.
        Ok(loaded) if want.kind == ProblemKind::UnknownKey => {
            assert!(
                loaded
                    .notes
                    .iter()
                    .any(|n| n.contains(&format!("列 `{}`", want.field))
                        || n.contains(&format!("工作表「{}」像是", want.field))),
                "{:?}\n{text}",
                loaded.notes
            );
            return;
        }
        Ok(_) => panic!("the workbook of this case validates:\n{text}"),
        Err(e) => e,
    };
    // A Chinese workbook is answered in Chinese, every problem (issue 19).
    crate::zh_messages::assert_problems_chinese(&err, text);
    let got = &err.problems[0];
    let rendered = err.render(true);
    // A value of the wrong type is a syntax error to TOML, a bad value in
    // a cell (what the cell holds is no syntax of the planner's).
    let kind_agrees = got.kind == want.kind
        || (want.kind == ProblemKind::Syntax && got.kind == ProblemKind::BadValue)
        // `location = [45.59]` is a short list to TOML, an empty 经度 cell here.
        || (want.kind == ProblemKind::BadValue && got.kind == ProblemKind::MissingField);
    assert!(
        kind_agrees,
        "{:?} for {:?}: {rendered}\n{text}",
        got.kind, want.kind
    );
    // The field is the TOML key's, or the header of the cell's column.
    let header = got.cell.as_deref().and_then(|c| {
        let (sheet, column) = sheet_and_column(c);
        label_at(&sheet, &column)
    });
    assert!(
        got.field == want.field || header == Some(got.field.as_str()),
        "field {} for {}: {rendered}\n{text}",
        got.field,
        want.field
    );
    if got.kind == want.kind {
        // A Chinese workbook is answered in Chinese (是否为「消防」), where
        // the TOML case speaks English: the help is compared in one language.
        let chinese = |h: &Option<String>| {
            h.as_deref()
                .is_some_and(|h| h.chars().any(|c| c > '\u{2e80}'))
        };
        if chinese(&got.help) == chinese(&want.help) {
            assert_eq!(got.help, want.help, "{rendered}\n{text}");
        } else {
            assert_eq!(
                got.help.is_some(),
                want.help.is_some(),
                "{rendered}\n{text}"
            );
        }
    }
    assert!(
        rendered.starts_with(&format!("error[{}]: bad.xlsx", got.kind.label())),
        "{rendered}"
    );
    let cell = got
        .cell
        .as_deref()
        .unwrap_or_else(|| panic!("no cell: {rendered}\n{text}"));
    if let Some(marked) = marked_key(text) {
        let (sheet, column) = sheet_and_column(cell);
        if got.kind == ProblemKind::UnknownKey {
            // An unknown key is an unknown column: its header cell.
            assert_eq!(got.field, marked, "{rendered}");
            assert!(cell.ends_with(&format!("{column}1")), "{rendered}");
        } else {
            assert!(
                sheet_has(&sheet, &column, &marked),
                "{cell} is not where `{marked}` goes:\n{rendered}\n{text}"
            );
        }
    }
}

fn expect_skipped(text: &str, why: &str) {
    assert!(
        NOT_IN_A_WORKBOOK
            .iter()
            .any(|(case, _)| text.contains(case)),
        "this case could not be written as a workbook ({why}):\n{text}"
    );
}

/// The key of the `# <-` line: `venue` in `venue = "schol" # <-`.
fn marked_key(text: &str) -> Option<String> {
    let line = text.lines().find(|l| l.contains("# <-"))?;
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    (!key.starts_with('[') && !key.starts_with('{')).then(|| key.to_string())
}

/// `队伍!C7` -> (`队伍`, `C`); a row `队伍!7:7` has no column.
fn sheet_and_column(cell: &str) -> (String, String) {
    let (sheet, at) = cell.rsplit_once('!').unwrap_or((cell, ""));
    let column: String = at.chars().take_while(char::is_ascii_uppercase).collect();
    (sheet.trim_matches('\'').to_string(), column)
}

/// The header of a column (letters) of a sheet as `to_xlsx` writes it in Chinese.
fn label_at(sheet: &str, column: &str) -> Option<&'static str> {
    let schema = workbook::schema::SHEETS
        .iter()
        .find(|s| s.is_named(sheet))?;
    let index = column
        .bytes()
        .fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize)
        .checked_sub(1)?;
    schema.columns.get(index).map(|c| c.zh)
}

/// Whether the column of `sheet` (letters) is the one holding TOML `key`
/// (`location` is held by its latitude and longitude columns).
fn sheet_has(sheet: &str, column: &str, key: &str) -> bool {
    let Some(schema) = workbook::schema::SHEETS.iter().find(|s| s.is_named(sheet)) else {
        return false;
    };
    if column.is_empty() {
        return false;
    }
    let index = column
        .bytes()
        .fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize)
        - 1;
    schema
        .columns
        .get(index)
        .is_some_and(|c| c.place.key() == key || c.en.rsplit('.').next() == Some(key))
}
