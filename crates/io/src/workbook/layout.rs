//! Which sheet holds which table, where its header row is, and which column
//! holds which field: the workbook as a planner laid it out (any column
//! order, either language, title rows above the header), checked before
//! any value is read. Unknown sheets and columns are errors, as unknown
//! keys are in TOML.

use super::cells::Checked;
use super::extras::{Added, Extras, NoteRow, OwnSheet, RowKey, Title};
use super::locate::{cell_ref, sheet_ref};
use super::read::{Book, Cell, Value};
use super::render::{Out, Row};
use super::schema::{normalize, Shape, Sheet, LISTS_SHEET, SHEETS};
use crate::diagnostics::{Problem, ProblemKind};
use crate::lang::Lang;
use drillplan_model::words;

/// Title rows above the header are skipped; the header is within these.
const HEADER_SEARCH_ROWS: u32 = 20;

/// A sheet read as one table of the contract.
#[derive(Debug)]
pub struct Layout {
    pub name: String,
    pub schema: &'static Sheet,
    /// The sheet column of each schema column.
    pub cols: Vec<Option<u32>>,
    /// The language of its header labels: how its columns are named in
    /// messages, and the language of the problems with its header.
    pub lang: Lang,
    /// The language of the messages about its cells: the run's `--lang`
    /// where one was given, else its headers'.
    pub says: Lang,
    /// The header's row (0-based); rows above it are titles.
    pub header: Option<u32>,
}

/// The problems that keep a book from being read, and the notes of the read.
pub type Refused = (Vec<Problem>, Vec<String>);

/// The book as TOML text (with the origin of each piece), or the problems
/// that keep it from being read.
/// The notes of the read come with the problems: they are printed either way.
pub fn render(
    book: &Book,
    says: Option<Lang>,
) -> Result<(Out, Vec<Layout>, Checked, Extras), Refused> {
    let mut problems = Vec::new();
    let mut checked = Checked::default();
    let mut extras = Extras::default();
    let mut found: Vec<(usize, &'static Sheet)> = Vec::new();
    // Problems of whole sheets are told in the language of the sheets' names.
    let han = |n: &str| n.chars().any(drillplan_model::lang::is_cjk);
    let zh_names = book
        .sheets
        .iter()
        .filter(|s| SHEETS.iter().any(|t| t.zh == s.name) || han(&s.name));
    let lang = match zh_names.count() * 2 >= book.sheets.len() {
        true => Lang::Zh,
        false => Lang::En,
    };
    // The schedule workbook `solve --xlsx` wrote, given where the scenario
    // goes (`check 安排.xlsx 安排.csv`): one answer for the whole book, not
    // "rename 演练安排 to 演练", which would lose every table.
    let schedule = [Lang::Zh, Lang::En].map(|l| drillplan_model::lang::Label::Schedule.say(l));
    let is_table = |n: &str| SHEETS.iter().any(|t| t.is_named(n));
    if book
        .sheets
        .iter()
        .any(|s| schedule.contains(&s.name.as_str()))
        && !book.sheets.iter().any(|s| is_table(&s.name))
    {
        let name = book
            .sheets
            .iter()
            .find(|s| schedule.contains(&s.name.as_str()))
            .map(|s| sheet_ref(&s.name))
            .unwrap_or_default();
        return Err((
            vec![problem(
                ProblemKind::WrongFormat,
                "(sheet)",
                name,
                words!(lang,
                    en: "this is a schedule workbook (the one `solve --xlsx` writes), not a scenario; the scenario (.toml or its workbook of drills, venues and teams) comes first, then the schedule: drillplan check SCENARIO SCHEDULE",
                    zh: "这是演练安排工作簿（`solve --xlsx` 写出的），不是情景；情景（.toml 或含演练、场地、队伍的工作簿）在前，排程在后：drillplan check 情景 排程"),
                None,
            )],
            Vec::new(),
        ));
    }
    for (i, sheet) in book.sheets.iter().enumerate() {
        if sheet.name == LISTS_SHEET {
            continue;
        }
        match SHEETS.iter().find(|s| s.is_named(&sheet.name)) {
            Some(schema) => {
                if let Some((j, _)) = found.iter().find(|(_, s)| s.table == schema.table) {
                    problems.push(problem(
                        ProblemKind::Syntax,
                        schema.table,
                        sheet_ref(&sheet.name),
                        {
                            let (a, b, t) = (&book.sheets[*j].name, &sheet.name, schema.zh);
                            drillplan_model::words!(lang,
                                en: ("sheets `{a}` and `{b}` both hold the {} table; merge them into one", schema.table),
                                zh: ("工作表「{a}」与「{b}」都是「{t}」表；请合并为一张"))
                        },
                        None,
                    ));
                } else {
                    found.push((i, schema));
                }
            }
            None => match meant_table(&sheet.name).or_else(|| headed_as_table(&sheet.cells)) {
                // A copy of a table's sheet beside it (`演练 (2)`, Excel's
                // "create a copy"; `演练备份`): renaming it as the table
                // would clash, so it is left out as a sheet of the
                // planner's own, saying which sheet is read.
                Some(meant)
                    if book
                        .sheets
                        .iter()
                        .any(|s| s.name != sheet.name && meant.is_named(&s.name)) =>
                {
                    let table = book
                        .sheets
                        .iter()
                        .find(|s| meant.is_named(&s.name))
                        .map_or(meant.zh, |s| s.name.as_str());
                    let name = &sheet.name;
                    extras
                        .sheets
                        .push(OwnSheet::of(sheet, false, found.is_empty()));
                    checked.notes.push(drillplan_model::words!(lang,
                        en: "sheet `{name}` looks like a copy of the `{table}` sheet; it is not read, the `{table}` sheet is (it stays in the workbook); to use its rows instead, delete `{table}` and rename this sheet `{table}`",
                        zh: "工作表「{name}」像是「{table}」表的副本，不读入；读入的是「{table}」表（副本仍留在工作簿中）。如要改用副本中的内容，请删除「{table}」表，再把副本改名为「{table}」"));
                }
                // A table's sheet renamed (`演练表`, `Drils`): its rows would
                // be lost, so it is refused with the name it should have.
                Some(meant) => problems.push(problem(
                    ProblemKind::UnknownKey,
                    &sheet.name,
                    sheet_ref(&sheet.name),
                    {
                        let (name, sheets) = (
                            &sheet.name,
                            SHEETS.iter().map(|s| s.zh).collect::<Vec<_>>().join(", "),
                        );
                        drillplan_model::words!(lang,
                            en: "unknown sheet `{name}`, expected one of {sheets}",
                            zh: "未知的工作表「{name}」；可用的工作表：{sheets}")
                    },
                    Some({
                        let zh = meant.zh;
                        let en = meant.en;
                        drillplan_model::words!(lang,
                            en: "did you mean `{en}` ({zh})? rename the sheet so that its rows are read",
                            zh: "是否为「{zh}」？请把工作表改名为「{zh}」，其各行才会读入")
                    }),
                )),
                // A sheet of the planner's own (说明, 联系人): kept in the
                // book, not part of the scenario, and said so.
                None => {
                    let name = &sheet.name;
                    extras
                        .sheets
                        .push(OwnSheet::of(sheet, false, found.is_empty()));
                    checked.notes.push(drillplan_model::words!(lang,
                        en: "sheet `{name}` is not a table of the scenario; it is not read (it stays in the workbook)",
                        zh: "工作表「{name}」不是情景的表，不读入（它仍留在工作簿中）"));
                }
            },
        }
    }
    extras.unread = book.hidden_unread.clone();
    extras
        .sheets
        .extend(book.hidden_own.iter().map(|s| OwnSheet::of(s, true, false)));
    // Sheets render in the contract's order, whatever order the book has them in.
    found.sort_by_key(|(_, s)| SHEETS.iter().position(|t| t.table == s.table));
    let mut layouts = Vec::new();
    let mut rows_of = Vec::new();
    for (i, schema) in found {
        let sheet = &book.sheets[i];
        let (mut layout, mut rows, added) = columns(
            &sheet.name,
            schema,
            &sheet.cells,
            &mut problems,
            &mut checked.notes,
        );
        layout.says = says.unwrap_or(layout.lang);
        super::cells::check(&layout, &mut rows, &sheet.formats, &mut checked);
        if let Some(header) = layout.header {
            let titles: Vec<&Cell> = sheet.cells.iter().filter(|c| c.row < header).collect();
            if let Some(first) = titles.first() {
                extras.titles.push(Title {
                    at: cell_ref(&sheet.name, first.row, Some(first.col)),
                    text: titles
                        .iter()
                        .map(|c| super::literal::as_text(&c.value))
                        .collect::<Vec<_>>()
                        .join(" "),
                });
            }
        }
        layouts.push(layout);
        rows_of.push((rows, added));
    }
    if !problems.is_empty() {
        // What the sheets that were read hold is said in the same pass: a
        // renamed sheet does not hide a mistyped cell.
        problems.append(&mut checked.problems);
        return Err((problems, checked.notes));
    }
    let mut out = Out::default();
    for (index, (layout, (rows, added))) in layouts.iter().zip(rows_of).enumerate() {
        // Which entry each row becomes, for the notes beside it.
        let mut keys = std::collections::HashMap::new();
        let mut overrides = 0;
        for (n, (row, values)) in rows.iter().enumerate() {
            let key = match layout.schema.shape {
                Shape::Many => Some(RowKey::Entry(n)),
                Shape::One => (n == 0).then_some(RowKey::Entry(0)),
                Shape::Travel => {
                    let has_override = layout.schema.columns.iter().zip(values).any(|(c, v)| {
                        v.is_some() && matches!(c.place, super::schema::Place::Override(_))
                    });
                    if has_override {
                        overrides += 1;
                        Some(RowKey::Entry(overrides - 1))
                    } else {
                        (n == 0).then_some(RowKey::Settings)
                    }
                }
            };
            if let Some(key) = key {
                keys.insert(*row, key);
            }
        }
        if let Some(mut added) = added {
            for r in &mut added.rows {
                r.key = keys.get(&r.row).cloned();
            }
            extras.columns.push(added);
        }
        for (n, (row, values)) in rows.iter().enumerate() {
            if n > 0 && layout.schema.shape == Shape::One {
                problems.push(problem(
                    ProblemKind::Syntax,
                    layout.schema.table,
                    cell_ref(&layout.name, *row, None),
                    {
                        let name = &layout.name;
                        drillplan_model::words!(lang,
                            en: "the {name} sheet holds one row of values; this is a second",
                            zh: "「{name}」表只有一行取值；这是第二行")
                    },
                    None,
                ));
                continue;
            }
            if n > 0 && layout.schema.shape == Shape::Travel {
                for (i, (c, v)) in layout.schema.columns.iter().zip(values).enumerate() {
                    if v.is_some() && !matches!(c.place, super::schema::Place::Override(_)) {
                        problems.push(problem(
                            ProblemKind::Syntax,
                            &format!("travel.{}", c.place.key()),
                            cell_ref(&layout.name, *row, layout.cols[i]),
                            "the travel settings go in the first row only".into(),
                            None,
                        ));
                    }
                }
            }
            let row = Row {
                sheet: index,
                row: *row,
                values,
                cols: &layout.cols,
            };
            out.row(layout.schema, &row, n == 0);
        }
    }
    if problems.is_empty() {
        Ok((out, layouts, checked, extras))
    } else {
        Err((problems, checked.notes))
    }
}

type Rows = Vec<(u32, Vec<Option<Value>>)>;

/// The table whose headers a sheet of no table's name has (`演习` holding
/// the 演练 table's columns): that table renamed.
fn headed_as_table(cells: &[Cell]) -> Option<&'static Sheet> {
    let headers: Vec<&str> = cells
        .iter()
        .take_while(|c| c.row == cells[0].row)
        .filter_map(|c| match &c.value {
            Value::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    // The table most of whose headers it has: tables share a few
    // (`编号`, `名称`), so the one with the most wins.
    SHEETS
        .iter()
        .map(|t| {
            let known = headers
                .iter()
                .filter(|h| t.columns.iter().any(|c| c.is_named(h)))
                .count();
            (known, t)
        })
        .filter(|&(known, t)| known >= 3 && known * 2 > t.columns.len().min(headers.len()))
        .max_by_key(|&(known, t)| (known, std::cmp::Reverse(t.columns.len())))
        .map(|(_, t)| t)
}

/// The table a sheet of no table's name was most likely meant to be: its
/// name holds a table's name (`演练表`, `drills 2027`) or is a letter or
/// two away from one (`Drils`), ignoring case and full-width forms.
fn meant_table(name: &str) -> Option<&'static Sheet> {
    let n = normalize(name).to_lowercase();
    if n.is_empty() {
        return None;
    }
    SHEETS.iter().find(|t| {
        [t.zh, t.en, t.table].iter().any(|table| {
            let table = table.to_lowercase();
            // Stricter than `is_slip`: sheet names are short, and two Chinese
            // ones a character apart (`冲突`, `冲程`) are other words.
            let near = drillplan_model::diagnostics::edit_distance(&n, &table);
            n.contains(&table)
                || (near <= 2 && near * 3 <= table.chars().count().max(n.chars().count()))
        })
    })
}

/// Finds the header row and maps its columns; the data rows below it by
/// schema column.
fn columns(
    name: &str,
    schema: &'static Sheet,
    cells: &[Cell],
    problems: &mut Vec<Problem>,
    notes: &mut Vec<String>,
) -> (Layout, Rows, Option<Added>) {
    let mut layout = Layout {
        name: name.to_string(),
        schema,
        cols: vec![None; schema.columns.len()],
        lang: Lang::Zh,
        says: Lang::Zh,
        header: None,
    };
    let names_a_column = |c: &Cell| match &c.value {
        Value::Text(t) => schema.columns.iter().any(|col| col.is_named(t)),
        _ => false,
    };
    // The row naming the most columns: a title above the header may happen
    // to be a column's label too (a title 演练 over the conflicts).
    let top = &cells[..cells.partition_point(|c| c.row < HEADER_SEARCH_ROWS)];
    let mut best: Option<(usize, u32)> = None;
    for cell in top {
        let named = top
            .iter()
            .filter(|c| c.row == cell.row && names_a_column(c))
            .count();
        if named > 0 && best.is_none_or(|(n, _)| named > n) {
            best = Some((named, cell.row));
        }
    }
    let Some((_, header)) = best else {
        if let Some(first) = cells.first() {
            // No header to tell the language: the sheet's name does.
            let lang = if name == schema.en || name == schema.table {
                Lang::En
            } else {
                Lang::Zh
            };
            let first_columns = schema
                .columns
                .iter()
                .take(3)
                .map(|c| if lang == Lang::Zh { c.zh } else { c.en })
                .collect::<Vec<_>>()
                .join(words!(lang, en: ", ", zh: "、").as_str());
            problems.push(problem(
                ProblemKind::Syntax,
                schema.table,
                cell_ref(name, first.row, None),
                words!(lang,
                    en: "no header row: the row above the values names the columns ({first_columns} ...)",
                    zh: "没有表头行：数据上方的一行须写明各列的名称（{first_columns}等）"),
                None,
            ));
        }
        return (layout, Vec::new(), None);
    };
    layout.header = Some(header);
    let mut english = 0;
    // Columns the planner added: (header cell, label, a near column's label).
    let mut added: Vec<(String, String, Option<&str>)> = Vec::new();
    // Columns already reported by their header; their cells are not reported again.
    let mut unknown = Vec::new();
    // Columns named twice: (header cell, label, schema column), said once
    // the header's language is known.
    let mut twice = Vec::new();
    for cell in cells.iter().filter(|c| c.row == header) {
        let label = super::literal::as_text(&cell.value);
        let at = cell_ref(name, cell.row, Some(cell.col));
        match schema.columns.iter().position(|c| c.is_named(&label)) {
            Some(i) if layout.cols[i].is_some() => {
                // Its cells are the duplicate's, not a column without a header.
                unknown.push(cell.col);
                twice.push((at, label, i));
            }
            Some(i) => {
                layout.cols[i] = Some(cell.col);
                english += usize::from(normalize(&label) == normalize(schema.columns[i].en));
            }
            // A column the planner added (备注, notes) is theirs: left out
            // of the scenario with a note, never a reason to refuse the book.
            None => {
                unknown.push(cell.col);
                // A suggestion only for a near miss (时常 for 时长), not for
                // a column of the planner's own (备注 is nothing like id).
                let wanted = normalize(&label);
                let nearest: Vec<&str> = crate::diagnostics::nearest(
                    label.trim(),
                    schema
                        .columns
                        .iter()
                        .map(|c| c.zh)
                        .chain(schema.columns.iter().map(|c| c.en)),
                )
                .into_iter()
                .filter(|n| {
                    let n = normalize(n);
                    let longest = n.chars().count().max(wanted.chars().count());
                    crate::diagnostics::is_slip(
                        crate::diagnostics::edit_distance(&wanted, &n),
                        longest,
                    )
                })
                .collect();
                added.push((at, label.trim().to_string(), nearest.first().copied()));
            }
        }
    }
    let mapped = layout.cols.iter().filter(|c| c.is_some()).count();
    if english * 2 > mapped {
        layout.lang = Lang::En;
    }
    let lang = layout.lang;
    for (at, label, i) in twice {
        let first = super::locate::col_letters(layout.cols[i].unwrap_or_default());
        problems.push(problem(
            ProblemKind::Syntax,
            schema.columns[i].place.key(),
            at,
            words!(lang,
                en: "column `{label}` appears twice (also column {first}); delete or rename one",
                zh: "列 `{label}` 出现了两次（另见 {first} 列）；请删除或改名其中一列"),
            None,
        ));
    }
    // The table's columns the header lacks: a column renamed (优先级 typed
    // as 重要程度) leaves its field to the default in every row, which the
    // note on the unknown header alone does not say.
    let absent: Vec<String> = schema
        .columns
        .iter()
        .zip(&layout.cols)
        .filter(|(_, col)| col.is_none())
        .map(|(c, _)| format!("`{}`", c.label(lang)))
        .collect();
    let absent = match absent.len() {
        0 => None,
        1..=3 => Some(absent.join(words!(lang, en: ", ", zh: "、").as_str())),
        n => Some(words!(lang,
            en: ("{} and {} more", absent[..3].join(", "), n - 3),
            zh: ("{} 等 {n} 列", absent[..3].join("、")))),
    };
    for (at, label, nearest) in added {
        notes.push(match (nearest, &absent) {
            (None, Some(absent)) => words!(lang,
                en: "{at}: column `{label}` is not a column of the {name} sheet; its cells are not read. The sheet has no column {absent}: each row takes its default there; if `{label}` is one of them, give it that header",
                zh: "{at}：列 `{label}` 不是「{name}」表的列，其单元格不读入。此表没有 {absent} 列，各行按默认值读取；如果 `{label}` 就是其中一列，请把表头改为该列名"),
            (None, None) => words!(lang,
                en: "{at}: column `{label}` is not a column of the {name} sheet; its cells are not read",
                zh: "{at}：列 `{label}` 不是「{name}」表的列，其单元格不读入"),
            (Some(n), _) => words!(lang,
                en: "{at}: column `{label}` is not a column of the {name} sheet; its cells are not read (did you mean `{n}`?)",
                zh: "{at}：列 `{label}` 不是「{name}」表的列，其单元格不读入（是否应为 `{n}`？）"),
        });
    }
    let mut rows: Rows = Vec::new();
    // The cells of the columns left out, kept for `convert` to carry.
    let mut theirs: Vec<&Cell> = Vec::new();
    for cell in cells.iter().filter(|c| c.row > header) {
        if unknown.contains(&cell.col) {
            theirs.push(cell);
            continue;
        }
        let at = || cell_ref(name, cell.row, Some(cell.col));
        let Some(i) = layout.cols.iter().position(|&c| c == Some(cell.col)) else {
            {
                unknown.push(cell.col);
                theirs.push(cell);
                let text = super::literal::as_text(&cell.value);
                let at = at();
                notes.push(words!(lang,
                    en: "{at}: `{text}` is in a column without a header; the column's cells are not read (name the column to have them read)",
                    zh: "{at}：`{text}` 所在的列没有表头，该列不读入（填写表头后才读入）"));
            }
            continue;
        };
        if rows.last().is_none_or(|(r, _)| *r != cell.row) {
            rows.push((cell.row, vec![None; schema.columns.len()]));
        }
        rows.last_mut().expect("pushed above").1[i] = Some(cell.value.clone());
    }
    let added = (!unknown.is_empty()).then(|| {
        let mut cols = unknown.clone();
        cols.sort_unstable();
        let labels = cols
            .iter()
            .map(|&col| {
                cells
                    .iter()
                    .find(|c| c.row == header && c.col == col)
                    .map_or_else(String::new, |c| super::literal::as_text(&c.value))
            })
            .collect();
        let mut added = Added {
            table: schema.table,
            sheet: name.to_string(),
            labels,
            cols,
            rows: Vec::new(),
        };
        for cell in theirs {
            let i = added
                .cols
                .iter()
                .position(|&c| c == cell.col)
                .expect("an added column");
            if added.rows.last().is_none_or(|r| r.row != cell.row) {
                added.rows.push(NoteRow {
                    key: None,
                    row: cell.row,
                    values: vec![None; added.cols.len()],
                });
            }
            added.rows.last_mut().expect("pushed above").values[i] = Some(cell.value.clone());
        }
        added
    });
    (layout, rows, added)
}

pub fn problem(
    kind: ProblemKind,
    field: &str,
    cell: String,
    message: String,
    help: Option<String>,
) -> Problem {
    Problem {
        kind,
        field: field.to_string(),
        message,
        help,
        span: None,
        line_col: None,
        cell: Some(cell),
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema::sheet_of;
    use super::*;

    fn text(row: u32, col: u32, t: &str) -> Cell {
        Cell {
            row,
            col,
            value: Value::Text(t.into()),
        }
    }

    #[test]
    fn a_renamed_table_is_known_by_its_name_or_its_headers() {
        let table = |s: Option<&Sheet>| s.map(|s| s.table);
        assert_eq!(table(meant_table("演练表")), Some("drill"));
        assert_eq!(table(meant_table("Drils")), Some("drill"));
        assert_eq!(table(meant_table("锁定 (2)")), Some("pin"));
        // A sheet of the planner's own is no table.
        assert_eq!(table(meant_table("说明")), None);
        assert_eq!(table(meant_table("联系人")), None);
        let drills = sheet_of("drill").unwrap();
        let headed: Vec<Cell> = drills
            .columns
            .iter()
            .take(5)
            .enumerate()
            .map(|(i, c)| text(0, i as u32, c.zh))
            .chain([text(1, 0, "x1")])
            .collect();
        assert_eq!(table(headed_as_table(&headed)), Some("drill"));
        let notes = [
            text(0, 0, "联系人"),
            text(0, 1, "电话"),
            text(1, 0, "张科长"),
        ];
        assert_eq!(table(headed_as_table(&notes)), None);
    }
}
