//! The schedule straight from the workbook `solve --xlsx` and `export
//! --xlsx` write, as a planner edits it: that is the file planners keep,
//! so `check`, `explain`, `export` and `--baseline` read it as they read the
//! schedule CSV. Its schedule sheet becomes the CSV's rows (`csv::Row`),
//! so both files go through one strict reader and one lenient baseline.
//!
//! What the sheet restates (venue, district, priority) is the scenario's,
//! not the planner's to edit, and is taken from the scenario; what the
//! planner decides (day, start, end, teams, status, reason) is read from
//! the cells. A deleted row is an unscheduled drill, with a warning.

use super::read::{Book, Cell, Value};
use crate::diagnostics::{InputError, Problem, ProblemKind};
use crate::lang::{Label, Lang};
use crate::scenario::time::{weekday_label, HhMm, MINUTES_PER_DAY};
use crate::scenario::{DrillId, Scenario, TeamId};
use crate::schedule::baseline::Baseline;
use crate::schedule::csv::{self, spreadsheet, Row};
use chrono::{Datelike, NaiveDate};
use drillplan_model::words;
use std::collections::HashMap;
use std::path::Path;

/// A schedule's rows as the CSV reader gives them, and how they were read.
pub struct ScheduleRows {
    pub rows: Vec<(usize, Row)>,
    /// Warnings to print: deleted rows, a title row skipped, forms read.
    pub notes: Vec<String>,
    /// For a workbook: its schedule sheet, the language of its header and
    /// the column of each CSV field, so that a problem found in the rows (a
    /// drill with two rows) names the cell and the header the planner sees.
    pub sheet: Option<SheetPlace>,
}

/// Where the rows of a schedule workbook came from.
pub struct SheetPlace {
    pub name: String,
    pub lang: Lang,
    columns: HashMap<Field, u32>,
}

impl SheetPlace {
    /// `problem`, found at a line of the rows, pointed at its cell of the
    /// sheet and named by its header (`演练安排!O200：演练编号`, not
    /// `安排.xlsx:200:1：drill_id`).
    fn relocate(&self, problem: &mut Problem) {
        let Some((line, _)) = problem.line_col else {
            return;
        };
        let Some(row) = (line as u32).checked_sub(1) else {
            return;
        };
        let field = FIELDS
            .iter()
            .find(|(f, _)| csv_field(*f) == problem.field)
            .map(|&(f, label)| (f, label));
        let col = field.and_then(|(f, _)| self.columns.get(&f).copied());
        problem.line_col = None;
        problem.cell = Some(super::locate::cell_ref(&self.name, row, col));
        if let Some((_, label)) = field {
            problem.field = label.say(self.lang).to_string();
        }
    }
}

/// The schedule CSV's column for a field of the sheet.
fn csv_field(field: Field) -> &'static str {
    match field {
        Field::Id => "drill_id",
        Field::Name => "drill_name",
        Field::Date => "date",
        Field::Start => "start",
        Field::End => "end",
        Field::Teams => "teams",
        Field::Status => "status",
        Field::Reason => "reason",
    }
}

/// Whether the file at `path` is a workbook: by its extension, or by the
/// zip signature an `.xlsx` renamed to `.csv` still has, or the signature
/// of an old Excel (`.xls`) or WPS (`.et`) file, which the workbook reader
/// then refuses with what to do (read as CSV text, it was "not UTF-8").
pub fn is_schedule_workbook(path: &Path) -> bool {
    if super::is_workbook(path) {
        return true;
    }
    const OLE: [u8; 4] = [0xD0, 0xCF, 0x11, 0xE0];
    let mut head = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && (head == *b"PK\x03\x04" || head == OLE)
}

/// A spreadsheet saved in a format the schedule is not read from (Calc's
/// `.ods`, a binary `.xlsb`), refused by its name with what to do: an `.ods`
/// is a zip, and the workbook reader would only say a part is missing.
fn refuse_other_spreadsheets(path: &Path, lang: Lang) -> Result<(), InputError> {
    match super::extension(path).as_deref() {
        Some(ext @ ("ods" | "xlsb")) => Err(InputError::single(
            &path.display().to_string(),
            ProblemKind::Unreadable,
            "file",
            words!(lang,
                en: "the schedule is read from the .xlsx workbook or the .csv file drillplan wrote, not from .{ext}; save it as an Excel workbook (.xlsx)",
                zh: "演练安排从 drillplan 写出的 .xlsx 工作簿或 .csv 文件读取，不读 .{ext}；请另存为 Excel 工作簿（.xlsx）"),
        )),
        _ => Ok(()),
    }
}

/// The rows of the schedule at `path`: a schedule CSV, or the workbook
/// drillplan exported (as the planner last saved it).
pub fn read_rows(scenario: &Scenario, path: &Path) -> Result<ScheduleRows, InputError> {
    read_rows_in(scenario, path, crate::lang::Lang::En)
}

/// `read_rows`, a CSV's problems told in `lang` (a workbook's follow its
/// headers).
pub fn read_rows_in(
    scenario: &Scenario,
    path: &Path,
    lang: crate::lang::Lang,
) -> Result<ScheduleRows, InputError> {
    let label = path.display().to_string();
    refuse_other_spreadsheets(path, lang)?;
    if is_schedule_workbook(path) {
        let book = super::read::read_in(path, lang)?;
        // How the book was read is said whether or not its rows are valid.
        let mut out = from_book(scenario, &label, &book).map_err(|mut e| {
            e.notes = book.notes.clone();
            e
        })?;
        let mut notes = book.notes;
        notes.append(&mut out.notes);
        out.notes = notes;
        return Ok(out);
    }
    let text = csv::read_text_in(path, lang)?;
    let (rows, note_rows) = csv::read_rows_and_notes_in(&label, &text, lang)?;
    let mut notes = Vec::new();
    for (line, text) in note_rows {
        // A drill's id alone is its row with the rest cleared, not a note:
        // read as a note, the drill would go missing from the schedule.
        if let Some(d) = scenario.find_drill(&text) {
            let id = &scenario.drill(d).id;
            let mut e = InputError::single(
                &label,
                ProblemKind::WrongFormat,
                "drill_id",
                words!(lang,
                en: "drill `{id}`'s row has its id and nothing else; fill it in as the file drillplan wrote has it, or delete the row",
                zh: "演练 `{id}` 这一行只有编号，其余各格为空；请按 drillplan 写出的文件补全，或删去此行"),
            );
            e.problems[0].line_col = Some((line, 1));
            return Err(e);
        }
        notes.push(words!(lang,
            en: "line {line}: `{text}` fills only the first cell: not a drill's row, skipped as a note",
            zh: "第 {line} 行：`{text}` 只填了第一格，不是演练行，按备注跳过"));
    }
    Ok(ScheduleRows {
        rows,
        notes,
        sheet: None,
    })
}

/// One entry (or none) per drill of the schedule at `path`, read strictly,
/// and the notes on how a workbook was read; problems told in `lang`.
pub fn read_entries(
    scenario: &Scenario,
    path: &Path,
    lang: crate::lang::Lang,
) -> Result<(Vec<Option<crate::schedule::Entry>>, ScheduleRows), InputError> {
    let mut read = read_rows_in(scenario, path, lang)?;
    let mut moved = end_follows_start(scenario, &mut read, lang);
    read.notes.append(&mut moved);
    let entries = parse_rows(scenario, &path.display().to_string(), &read, lang)?;
    Ok((entries, read))
}

/// The entries of the rows read, strictly (`csv::parse_rows_in`); a
/// workbook's problems name their cell and header.
pub fn parse_rows(
    scenario: &Scenario,
    label: &str,
    read: &ScheduleRows,
    lang: Lang,
) -> Result<Vec<Option<crate::schedule::Entry>>, InputError> {
    csv::parse_rows_in(scenario, label, &read.rows, lang).map_err(|mut e| {
        if let Some(place) = &read.sheet {
            e.problems.iter_mut().for_each(|p| place.relocate(p));
        }
        e
    })
}

/// The baseline at `path` (a CSV or an exported workbook), read leniently;
/// how a workbook was read comes first among its warnings.
/// A planner who moves a drill in a spreadsheet often changes its start
/// and leaves its end. Where a schedule is read to build on (a baseline,
/// `explain`, `export`), the start is what they meant: each scheduled row
/// whose end is not its start plus the drill's length gets that end, with
/// one warning naming the row. `check` judges the file as written and does
/// not call this; its rule 1 says what the end should be.
pub fn end_follows_start(scenario: &Scenario, read: &mut ScheduleRows, lang: Lang) -> Vec<String> {
    let ScheduleRows { rows, sheet, .. } = read;
    let sheet = sheet.as_ref();
    // A workbook's row is named by its end cell (`演练安排!D2`), a CSV's by its line.
    let at = |line: usize| match sheet {
        Some(place) => {
            let col = place.columns.get(&Field::End).copied();
            let row = (line as u32).saturating_sub(1);
            super::locate::cell_ref(&place.name, row, col)
        }
        None => words!(lang, en: "line {line}", zh: "第 {line} 行"),
    };
    use crate::scenario::time::parse_hhmm;
    let mut out = Vec::new();
    for (line, row) in rows.iter_mut() {
        if !matches!(
            row.status(),
            csv::Status::Scheduled | csv::Status::WrongCase(true)
        ) {
            continue;
        }
        let Some(drill) = scenario.find_drill(&row.drill_id) else {
            continue;
        };
        let (Ok(start), Ok(end)) = (parse_hhmm(&row.start, false), parse_hhmm(&row.end, true))
        else {
            continue;
        };
        let length = scenario.drill(drill).duration;
        let wanted = start + length;
        if end == wanted || wanted > MINUTES_PER_DAY {
            continue;
        }
        let (id, start, file_end, wanted) = (&row.drill_id, HhMm(start), HhMm(end), HhMm(wanted));
        let at = at(*line);
        out.push(words!(lang,
            en: "{at}: drill {id}: the end {file_end} is not the start {start} plus its {length} minutes; \
                 read as {start}-{wanted} (the start counts, the end follows from the duration)",
            zh: "{at}：演练 {id}：结束时间 {file_end} 不等于开始时间 {start} 加演练时长 {length} 分钟；\
                 按 {start}-{wanted} 读取（以开始时间为准，结束时间按时长推算）"));
        row.end = wanted.to_string();
    }
    out
}

pub fn read_baseline(scenario: &Scenario, path: &Path) -> Result<Baseline, InputError> {
    read_baseline_in(scenario, path, crate::lang::Lang::En)
}

/// `read_baseline`, its problems and warnings told in `lang`.
pub fn read_baseline_in(
    scenario: &Scenario,
    path: &Path,
    lang: crate::lang::Lang,
) -> Result<Baseline, InputError> {
    let mut read = read_rows_in(scenario, path, lang)?;
    let mut moved = end_follows_start(scenario, &mut read, lang);
    let mut baseline = Baseline::from_rows_in(scenario, read.rows, lang);
    let mut warnings = read.notes;
    warnings.append(&mut moved);
    warnings.append(&mut baseline.warnings);
    baseline.warnings = warnings;
    Ok(baseline)
}

/// A column of the schedule sheet the reader uses, by the keys of the
/// labels the workbook writer gives its header.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Field {
    Id,
    Name,
    Date,
    Start,
    End,
    Teams,
    Status,
    Reason,
}

const FIELDS: [(Field, Label); 8] = [
    (Field::Id, Label::DrillId),
    (Field::Name, Label::Drill),
    (Field::Date, Label::Date),
    (Field::Start, Label::Start),
    (Field::End, Label::End),
    (Field::Teams, Label::Teams),
    (Field::Status, Label::Status),
    (Field::Reason, Label::Reason),
];

/// The header labels a column goes by: the writer's in both languages, and
/// the glossary's words a planner may have typed over them.
fn labels(key: Label) -> Vec<&'static str> {
    let mut out = vec![key.say(Lang::Zh), key.say(Lang::En)];
    out.extend(match key {
        Label::DrillId => &["编号", "id", "drill_id"][..],
        Label::Drill => &["演练名称", "名称", "drill_name"][..],
        Label::Date => &["演练日期"][..],
        Label::Start => &["开始时间"][..],
        Label::End => &["结束时间"][..],
        Label::Teams => &["队伍", "参演队伍", "team_names"][..],
        Label::Status => &["安排状态"][..],
        Label::Reason => &["未安排原因", "说明"][..],
        _ => &[][..],
    });
    out
}

fn field_of(header: &str) -> Option<Field> {
    let norm = |t: &str| super::schema::normalize(t).to_lowercase();
    let h = norm(header);
    FIELDS
        .iter()
        .find(|(_, key)| labels(*key).iter().any(|l| norm(l) == h))
        .map(|&(f, _)| f)
}

/// The header row of a sheet (a title row above it is allowed): the first
/// of its first rows naming a drill, a date, a start and the teams; and
/// the language of its messages, Chinese when a header is written in Chinese.
fn header_of(cells: &[Cell]) -> Option<(u32, HashMap<Field, u32>, Lang)> {
    for row in cells.iter().map(|c| c.row).take_while(|&r| r < 10) {
        let mut columns = HashMap::new();
        let mut chinese = false;
        for c in cells.iter().filter(|c| c.row == row) {
            if let Value::Text(t) = &c.value {
                if let Some(f) = field_of(t) {
                    columns.entry(f).or_insert(c.col);
                    chinese |= !t.is_ascii();
                }
            }
        }
        let has = |f| columns.contains_key(&f);
        if (has(Field::Id) || has(Field::Name))
            && has(Field::Date)
            && has(Field::Start)
            && has(Field::Teams)
        {
            let lang = if chinese { Lang::Zh } else { Lang::En };
            return Some((row, columns, lang));
        }
    }
    None
}

/// The schedule sheet's rows; every unreadable cell of the sheet in one error.
pub fn from_book(
    scenario: &Scenario,
    label: &str,
    book: &Book,
) -> Result<ScheduleRows, InputError> {
    let fail = |problems| InputError {
        path: label.to_string(),
        source: Default::default(),
        problems,
        notes: Vec::new(),
    };
    let named = |s: &&super::read::SheetCells| {
        s.name == Label::Schedule.say(Lang::Zh) || s.name == Label::Schedule.say(Lang::En)
    };
    // The schedule sheet by name; else the first sheet with its header (a
    // planner may rename the sheet, or copy it into a book of their own).
    let found = book
        .sheets
        .iter()
        .filter(named)
        .chain(book.sheets.iter())
        .find_map(|s| header_of(&s.cells).map(|h| (s, h)));
    let Some((sheet, (header_row, columns, lang))) = found else {
        let scenario_book = book
            .sheets
            .iter()
            .any(|s| super::schema::SHEETS.iter().any(|t| t.is_named(&s.name)));
        // No header to go by: a sheet named in Chinese answers in Chinese.
        let lang = if book.sheets.iter().any(|s| !s.name.is_ascii()) {
            Lang::Zh
        } else {
            Lang::En
        };
        let message = if scenario_book {
            words!(lang,
                en: "this is a scenario workbook (drills, venues, teams), not a schedule; give the workbook `solve --xlsx` wrote, or the schedule CSV",
                zh: "这是场景工作簿（演练、场地、队伍），不是演练安排；请给出 `solve --xlsx` 写出的工作簿或安排 CSV")
        } else {
            let [drill, date, start, teams] =
                [Label::Drill, Label::Date, Label::Start, Label::Teams].map(|l| l.say(lang));
            words!(lang,
                en: "no schedule sheet: its header needs {drill}, {date}, {start} and {teams}",
                zh: "没有找到演练安排表：表头需有 {drill}、{date}、{start}、{teams}")
        };
        return Err(fail(vec![Problem {
            kind: ProblemKind::WrongFormat,
            field: "(sheet)".into(),
            message,
            help: None,
            span: None,
            line_col: None,
            cell: None,
        }]));
    };
    let header_text: HashMap<u32, String> = sheet
        .cells
        .iter()
        .filter(|c| c.row == header_row)
        .filter_map(|c| match &c.value {
            Value::Text(t) => Some((c.col, t.trim().to_string())),
            _ => None,
        })
        .collect();
    let mut reader = Reader {
        scenario,
        sheet: &sheet.name,
        lang,
        header_text: &header_text,
        problems: Vec::new(),
        by_name: names(scenario.drills.iter().map(|d| (&d.name, &d.id))),
        team_by_name: names(scenario.teams.iter().map(|t| (&t.name, &t.id))),
    };
    let mut rows = Vec::new();
    let mut seen = vec![false; scenario.drills.len()];
    let data = sheet.cells.iter().filter(|c| c.row > header_row);
    let mut by_row: Vec<(u32, Vec<&Cell>)> = Vec::new();
    for c in data {
        match by_row.last_mut() {
            Some((r, cells)) if *r == c.row => cells.push(c),
            _ => by_row.push((c.row, vec![c])),
        }
    }
    for (row, cells) in by_row {
        let at = |f: Field| {
            columns
                .get(&f)
                .and_then(|&col| cells.iter().find(|c| c.col == col))
                .map(|c| (c.col, &c.value))
        };
        // A row with none of the schedule's own cells is a note or a total
        // below the table, not a drill.
        if [
            Field::Id,
            Field::Name,
            Field::Date,
            Field::Start,
            Field::Teams,
        ]
        .iter()
        .all(|&f| at(f).is_none())
        {
            continue;
        }
        if let Some(parsed) = reader.row(row, &columns, &at) {
            let (drill, r) = parsed;
            seen[drill.index()] = true;
            rows.push((row as usize + 1, r));
        }
    }
    if !reader.problems.is_empty() {
        return Err(fail(reader.problems));
    }
    // A row hidden (or filtered out) is still read: a planner who hid a
    // drill to drop it is told, as on a scenario's sheets.
    let mut notes: Vec<String> = book
        .hidden_schedule_rows_note(&sheet.name, header_row)
        .into_iter()
        .collect();
    let deleted: Vec<DrillId> = scenario.drill_ids().filter(|d| !seen[d.index()]).collect();
    if !deleted.is_empty() {
        let shown: Vec<&str> = deleted
            .iter()
            .take(10)
            .map(|&d| drill_label(scenario, d))
            .collect();
        let more = if deleted.len() > 10 {
            match lang {
                Lang::Zh => format!(" 等 {} 项", deleted.len()),
                Lang::En => format!(" and {} more", deleted.len() - 10),
            }
        } else {
            String::new()
        };
        notes.push(match lang {
            Lang::Zh => format!(
                "{}：{} 项演练没有对应的行，按未安排读入：{}{more}",
                super::locate::sheet_ref(&sheet.name),
                deleted.len(),
                shown.join("、")
            ),
            Lang::En => format!(
                "{}: {} drill(s) have no row and are read as unscheduled: {}{more}",
                super::locate::sheet_ref(&sheet.name),
                deleted.len(),
                shown.join(", ")
            ),
        });
        for d in deleted {
            let row = csv::expected_row(scenario, d, None, "");
            rows.push((
                0,
                Row {
                    reason: String::new(),
                    ..row
                },
            ));
        }
    }
    notes.extend(day_sheet_edits(book, &sheet.name, &rows, lang));
    notes.extend(restated_edits(scenario, sheet, header_row, &rows, lang));
    Ok(ScheduleRows {
        rows,
        notes,
        sheet: Some(SheetPlace {
            name: sheet.name.clone(),
            lang,
            columns,
        }),
    })
}

/// The schedule sheet restates the scenario's venue, priority, 必须安排 and
/// length of each drill, and those cells are not read: a planner who moved a
/// drill to another venue or made it longer on the sheet would see the edit
/// lost without a word. Each such cell that differs from the scenario is a
/// warning at the cell, naming both values and where the change is made.
fn restated_edits(
    scenario: &Scenario,
    sheet: &super::read::SheetCells,
    header_row: u32,
    rows: &[(usize, Row)],
    lang: Lang,
) -> Vec<String> {
    let norm = |t: &str| super::schema::normalize(t).to_lowercase();
    let restated = [
        Label::Venue,
        Label::Priority,
        Label::Mandatory,
        Label::Duration,
    ];
    let columns: Vec<(Label, u32)> = restated
        .iter()
        .filter_map(|&key| {
            let names = [norm(key.say(Lang::Zh)), norm(key.say(Lang::En))];
            sheet
                .cells
                .iter()
                .filter(|c| c.row == header_row)
                .find_map(|c| match &c.value {
                    Value::Text(t) if names.contains(&norm(t)) => Some((key, c.col)),
                    _ => None,
                })
        })
        .collect();
    if columns.is_empty() {
        return Vec::new();
    }
    let cells: HashMap<(u32, u32), &Value> = sheet
        .cells
        .iter()
        .filter(|c| c.row > header_row)
        .map(|c| ((c.row, c.col), &c.value))
        .collect();
    let mut out = Vec::new();
    for (line, row) in rows.iter().filter(|(line, _)| *line > 0) {
        let Some(d) = scenario.find_drill(&row.drill_id) else {
            continue;
        };
        let drill = scenario.drill(d);
        let sheet_row = *line as u32 - 1;
        for &(key, col) in &columns {
            let Some(value) = cells.get(&(sheet_row, col)) else {
                continue;
            };
            let here = super::literal::as_text(value).trim().to_string();
            let number = here.parse::<f64>().ok();
            let venue = scenario.venue(drill.venue);
            let (same, there) = match key {
                Label::Venue => (
                    here == venue.name.trim() || here == venue.id,
                    venue.name.clone(),
                ),
                Label::Priority => (
                    number == Some(drill.priority as f64),
                    drill.priority.to_string(),
                ),
                Label::Duration => (
                    number == Some(f64::from(drill.duration)),
                    drill.duration.to_string(),
                ),
                _ => {
                    let required = drill.is_required();
                    let read = match value {
                        Value::Bool(b) => Some(*b),
                        _ => super::literal::bool_word(&here),
                    };
                    let word = if required { Label::Yes } else { Label::No };
                    (read == Some(required), word.say(lang).to_string())
                }
            };
            if same {
                continue;
            }
            let at = super::locate::cell_ref(&sheet.name, sheet_row, Some(col));
            let (field, id) = (key.say(lang), &drill.id);
            out.push(words!(lang,
                en: "{at}: {field}: `{here}` here, but the scenario gives `{id}` {there}; this column restates the scenario and is not read: make the change in the scenario (its workbook, or --set)",
                zh: "{at}：{field}：此处写 `{here}`，但情景中「{id}」的{field}是 `{there}`；此列照录情景，不读入；要修改请改情景（情景工作簿或 --set）"));
        }
    }
    out
}

fn drill_label(scenario: &Scenario, d: DrillId) -> &str {
    let drill = scenario.drill(d);
    if drill.name.is_empty() {
        &drill.id
    } else {
        &drill.name
    }
}

/// Name (or id, for a nameless item) to id, `None` for a name two items share.
fn names<'a>(
    items: impl Iterator<Item = (&'a String, &'a String)>,
) -> HashMap<String, Option<String>> {
    let mut out: HashMap<String, Option<String>> = HashMap::new();
    for (name, id) in items {
        let shown = if name.is_empty() { id } else { name };
        out.entry(shown.trim().to_string())
            .and_modify(|v| *v = None)
            .or_insert_with(|| Some(id.clone()));
    }
    out
}

struct Reader<'a> {
    scenario: &'a Scenario,
    sheet: &'a str,
    lang: Lang,
    header_text: &'a HashMap<u32, String>,
    problems: Vec<Problem>,
    by_name: HashMap<String, Option<String>>,
    team_by_name: HashMap<String, Option<String>>,
}

type At<'c> = dyn Fn(Field) -> Option<(u32, &'c Value)> + 'c;

impl Reader<'_> {
    fn problem(&mut self, kind: ProblemKind, row: u32, col: u32, message: String) {
        self.problems.push(Problem {
            kind,
            field: self.header_text.get(&col).cloned().unwrap_or_default(),
            message,
            help: None,
            span: None,
            line_col: None,
            cell: Some(super::locate::cell_ref(self.sheet, row, Some(col))),
        });
    }

    /// One data row as the CSV states it, or `None` with its problems kept.
    fn row<'c>(
        &mut self,
        row: u32,
        columns: &HashMap<Field, u32>,
        at: &At<'c>,
    ) -> Option<(DrillId, Row)> {
        let drill = self.drill(row, columns, at)?;
        let status = match at(Field::Status).map(|(c, v)| (c, super::literal::as_text(v))) {
            Some((col, text)) => match text.trim() {
                t if t == Label::Scheduled.say(Lang::Zh) || t.eq_ignore_ascii_case("scheduled") => {
                    Some(true)
                }
                t if t == Label::Unscheduled.say(Lang::Zh)
                    || t.eq_ignore_ascii_case("unscheduled") =>
                {
                    Some(false)
                }
                t => {
                    let (scheduled, unscheduled) = (
                        Label::Scheduled.say(Lang::Zh),
                        Label::Unscheduled.say(Lang::Zh),
                    );
                    let m = words!(self.lang,
                        en: "`{t}` is neither `scheduled` nor `unscheduled`",
                        zh: "「{t}」应为「{scheduled}」或「{unscheduled}」");
                    self.problem(ProblemKind::BadValue, row, col, m);
                    return None;
                }
            },
            // Without a status a row with a date is scheduled, as it reads.
            None => Some(at(Field::Date).is_some()),
        }?;
        let mut out = Row {
            reason: String::new(),
            ..csv::expected_row(self.scenario, drill, None, "")
        };
        if !status {
            out.reason = at(Field::Reason)
                .map(|(_, v)| super::literal::as_text(v).trim().to_string())
                .unwrap_or_default();
            return Some((drill, out));
        }
        let date = self.date(row, columns, at);
        let start = self.time(row, columns, at, Field::Start);
        let end = match at(Field::End) {
            Some(_) => self.time(row, columns, at, Field::End),
            // No end column, or an end cleared: the drill's own length.
            None => start.map(|s| s + self.scenario.drill(drill).duration),
        };
        let teams = self.teams(row, columns, at);
        let (date, start, end, teams) = (date?, start?, end?, teams?);
        out.date = date.format("%Y-%m-%d").to_string();
        out.weekday = weekday_label(date).to_string();
        out.start = HhMm(start).to_string();
        out.end = HhMm(end).to_string();
        let join = |f: fn(&crate::scenario::Team) -> &str| {
            teams
                .iter()
                .map(|&t| f(self.scenario.team(t)))
                .collect::<Vec<_>>()
                .join(";")
        };
        out.teams = join(|t| &t.id);
        out.team_names = join(|t| &t.name);
        out.status = "scheduled".into();
        Some((drill, out))
    }

    fn drill<'c>(
        &mut self,
        row: u32,
        columns: &HashMap<Field, u32>,
        at: &At<'c>,
    ) -> Option<DrillId> {
        if let Some((col, v)) = at(Field::Id) {
            let id = super::literal::as_text(v).trim().to_string();
            if let Some(d) = self.scenario.find_drill(&id) {
                return Some(d);
            }
            let near = crate::diagnostics::nearest(
                &id,
                self.scenario.drills.iter().map(|d| d.id.as_str()),
            )
            .join(", ");
            let m = words!(self.lang,
                en: "the scenario has no drill `{id}` (did you mean {near}?)",
                zh: "场景中没有演练「{id}」（是否为 {near}？）");
            self.problem(ProblemKind::UnknownReference, row, col, m);
            return None;
        }
        let col = columns
            .get(&Field::Name)
            .copied()
            .or(columns.get(&Field::Id).copied())?;
        let Some((_, v)) = at(Field::Name) else {
            let m = words!(self.lang,
                en: "no drill id or name; delete the whole row to leave a drill unscheduled",
                zh: "没有演练编号或名称；删除整行表示不安排该演练");
            self.problem(ProblemKind::MissingField, row, col, m);
            return None;
        };
        let name = super::literal::as_text(v).trim().to_string();
        match self.by_name.get(&name) {
            Some(Some(id)) => self.scenario.find_drill(id),
            Some(None) => {
                let m = words!(self.lang,
                    en: "several drills are named `{name}`; keep the drill id column",
                    zh: "多个演练名为「{name}」；请加上演练编号列");
                self.problem(ProblemKind::BadValue, row, col, m);
                None
            }
            None => {
                let near =
                    crate::diagnostics::nearest(&name, self.by_name.keys().map(String::as_str))
                        .join("、");
                let m = words!(self.lang,
                    en: "the scenario has no drill named `{name}` (did you mean {near}?)",
                    zh: "场景中没有名为「{name}」的演练（是否为 {near}？）");
                self.problem(ProblemKind::UnknownReference, row, col, m);
                None
            }
        }
    }

    fn missing(&mut self, row: u32, columns: &HashMap<Field, u32>, field: Field) {
        let Some(&col) = columns.get(&field) else {
            return;
        };
        let unscheduled = Label::Unscheduled.say(Lang::Zh);
        let m = words!(self.lang,
            en: "a scheduled drill needs this cell; to leave it out, set its status to `unscheduled`",
            zh: "已安排的演练需要填写此项；不安排请把状态改为「{unscheduled}」");
        self.problem(ProblemKind::MissingField, row, col, m);
    }

    fn date<'c>(
        &mut self,
        row: u32,
        columns: &HashMap<Field, u32>,
        at: &At<'c>,
    ) -> Option<NaiveDate> {
        let Some((col, v)) = at(Field::Date) else {
            self.missing(row, columns, Field::Date);
            return None;
        };
        let read = match v {
            Value::Stamp(s) => Some(s.date),
            Value::Text(t) => {
                spreadsheet::date(t).and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            }
            // A date cell that lost its format: Excel's day number.
            Value::Number(_) | Value::Int(_) => serial(v)
                .and_then(|f| spreadsheet::serial_date(f.trunc() as i64))
                .filter(|_| serial(v).is_some_and(|f| f >= 1.0 && f.fract() == 0.0)),
            _ => None,
        };
        if read.is_none() {
            let shown = super::literal::as_text(v);
            let m = words!(self.lang,
                en: "`{shown}` is not a date (as 2027-06-19 or 2027/6/19)",
                zh: "「{shown}」不是日期（如 2027-06-19 或 2027/6/19）");
            self.problem(ProblemKind::BadValue, row, col, m);
        }
        read
    }

    /// A start or end as minutes past midnight; an end may be 24:00.
    fn time<'c>(
        &mut self,
        row: u32,
        columns: &HashMap<Field, u32>,
        at: &At<'c>,
        field: Field,
    ) -> Option<u32> {
        let Some((col, v)) = at(field) else {
            self.missing(row, columns, field);
            return None;
        };
        let end = field == Field::End;
        let read = time_of(v, end);
        if read.is_none() {
            // `10` typed into a time cell is ten days, shown as 00:00: the
            // planner meant 10:00 and never saw the date 1900-01-10.
            let days = match v {
                // Serial 1 is 1900-01-01 (before Excel's leap-year slip).
                Value::Stamp(st)
                    if st.date.year() == 1900 && st.date.month() < 3 && st.hms == (0, 0, 0) =>
                {
                    let epoch = NaiveDate::from_ymd_opt(1899, 12, 31).expect("a date");
                    Some((st.date - epoch).num_days())
                }
                _ => None,
            };
            let m = match days {
                Some(n) => words!(self.lang,
                    en: "the cell holds {n}, which a time cell takes as {n} days and shows as 00:00; type the time of day, as {n}:00",
                    zh: "单元格的值是 {n}，时间格式的单元格把它当作 {n} 天，显示为 00:00；请输入时刻，如 {n}:00"),
                None => {
                    let shown = super::literal::as_text(v);
                    words!(self.lang,
                        en: "`{shown}` is not a time of day (as 09:00 or 9:00)",
                        zh: "「{shown}」不是时刻（如 09:00 或 9:00）")
                }
            };
            self.problem(ProblemKind::BadValue, row, col, m);
        }
        read
    }

    fn teams<'c>(
        &mut self,
        row: u32,
        columns: &HashMap<Field, u32>,
        at: &At<'c>,
    ) -> Option<Vec<TeamId>> {
        let Some((col, v)) = at(Field::Teams) else {
            self.missing(row, columns, Field::Teams);
            return None;
        };
        let text = super::literal::as_text(v);
        let mut out = Vec::new();
        let mut bad = Vec::new();
        for item in text
            .split(['、', ';', '；', ',', '，', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let found = match self.team_by_name.get(item) {
                Some(Some(id)) => self.scenario.find_team(id),
                // A name two teams share is only read by its id.
                _ => self.scenario.find_team(item),
            };
            match found {
                Some(t) => out.push(t),
                None => bad.push(item.to_string()),
            }
        }
        if !bad.is_empty() {
            let near =
                crate::diagnostics::nearest(&bad[0], self.team_by_name.keys().map(String::as_str))
                    .join("、");
            let m = words!(self.lang,
                en: ("the scenario has no team `{}` (did you mean {near}?)", bad.join("`, `")),
                zh: ("场景中没有队伍「{}」（是否为 {near}？）", bad.join("、")));
            self.problem(ProblemKind::UnknownReference, row, col, m);
            return None;
        }
        Some(out)
    }
}

/// A start or end cell as minutes past midnight: text (`9:00`, `08:00:00 AM`),
/// an Excel time, or a day fraction; an end may be 24:00.
fn time_of(v: &Value, end: bool) -> Option<u32> {
    let read = match v {
        Value::Text(t) => spreadsheet::time(t).and_then(|t| {
            let (h, m) = t.split_once(':')?;
            Some(h.parse::<u32>().ok()? * 60 + m.parse::<u32>().ok()?)
        }),
        // 24:00 is the whole day 1.0 (`[hh]:mm`), which reads as a
        // date-time on Excel's first day.
        Value::Stamp(s)
            if s.date <= NaiveDate::from_ymd_opt(1900, 1, 1).expect("a date") && s.hms.2 == 0 =>
        {
            let days = (s.date - NaiveDate::from_ymd_opt(1899, 12, 31).expect("a date"))
                .num_days()
                .max(0) as u32;
            Some(days * MINUTES_PER_DAY + s.hms.0 as u32 * 60 + s.hms.1 as u32)
                .filter(|&m| m < MINUTES_PER_DAY || (end && m == MINUTES_PER_DAY))
        }
        Value::Number(_) | Value::Int(_) => serial(v).and_then(|f| {
            let day = f64::from(MINUTES_PER_DAY);
            let m = (f * day).round();
            ((0.0..day).contains(&m) || (end && m == day)).then_some(m as u32)
        }),
        _ => None,
    };
    // A drill ending at midnight: a spreadsheet shows 24:00 as 00:00.
    match read {
        Some(0) if end => Some(MINUTES_PER_DAY),
        r => r,
    }
}

/// The day sheets (`06-21 周一`) restate the schedule sheet's rows for
/// printing, and only the schedule sheet is read. A planner who moved a
/// drill on a day sheet would see `check` pass on the old time and the
/// edit lost without a word: each day-sheet start that differs from the
/// schedule sheet (another time, or the drill on another day) is a
/// warning at its cell, saying where to make the change.
fn day_sheet_edits(book: &Book, main: &str, rows: &[(usize, Row)], lang: Lang) -> Vec<String> {
    let by_id: HashMap<&str, &Row> = rows.iter().map(|(_, r)| (r.drill_id.as_str(), r)).collect();
    let is_day = |name: &str| {
        let b = name.as_bytes();
        b.len() >= 5 && b[2] == b'-' && [0, 1, 3, 4].iter().all(|&i| b[i].is_ascii_digit())
    };
    let main_ref = super::locate::sheet_ref(main);
    let mut out = Vec::new();
    // The drills each day sheet lists, and the day sheets read, for a
    // drill's row deleted from its page (`day_sheet_rows_deleted`).
    let mut listed: std::collections::HashSet<String> = Default::default();
    let mut pages: Vec<&str> = Vec::new();
    for sheet in book
        .sheets
        .iter()
        .filter(|s| s.name != main && is_day(&s.name))
    {
        let header = sheet
            .cells
            .iter()
            .map(|c| c.row)
            .take_while(|&r| r < 10)
            .find_map(|row| {
                let col = |f: Field| {
                    sheet
                        .cells
                        .iter()
                        .filter(|c| c.row == row)
                        .find_map(|c| match &c.value {
                            Value::Text(t) if field_of(t) == Some(f) => Some(c.col),
                            _ => None,
                        })
                };
                Some((
                    row,
                    col(Field::Id)?,
                    col(Field::Start)?,
                    col(Field::End),
                    col(Field::Teams),
                ))
            });
        let Some((header_row, id_col, start_col, end_col, teams_col)) = header else {
            continue;
        };
        let day = &sheet.name[..5];
        pages.push(&sheet.name);
        let cell = |row: u32, col: u32| {
            sheet
                .cells
                .iter()
                .find(|c| c.row == row && c.col == col)
                .map(|c| &c.value)
        };
        let mut data: Vec<u32> = sheet
            .cells
            .iter()
            .map(|c| c.row)
            .filter(|&r| r > header_row)
            .collect();
        data.dedup();
        for row in data {
            if let Some(v) = cell(row, id_col) {
                listed.insert(super::literal::as_text(v).trim().to_string());
            }
            let Some(Value::Text(id)) = cell(row, id_col) else {
                continue;
            };
            let Some(main_row) = by_id.get(id.trim()) else {
                continue;
            };
            if let Some(note) = teams_col.and_then(|col| {
                let shown = cell(row, col)?;
                day_sheet_teams(
                    &sheet.name,
                    row,
                    col,
                    id.trim(),
                    shown,
                    main_row,
                    &main_ref,
                    lang,
                )
            }) {
                out.push(note);
            }
            // A cell that is no time (`十点`) is an edit too, said as typed.
            let Some(here) = cell(row, start_col).map(|v| shown_time(v, false)) else {
                continue;
            };
            let same_day = main_row.date.get(5..10) == Some(day);
            if same_day && main_row.start == here {
                if let Some(note) = end_col.and_then(|col| {
                    day_sheet_end(
                        &sheet.name,
                        row,
                        col,
                        cell(row, col)?,
                        main_row,
                        &main_ref,
                        lang,
                    )
                }) {
                    out.push(note);
                }
                continue;
            }
            let at = super::locate::cell_ref(&sheet.name, row, Some(start_col));
            let (id, date, start) = (id.trim(), &main_row.date, &main_row.start);
            let field = Label::Start.say(lang);
            out.push(match main_row.date.is_empty() {
                true => words!(lang,
                    en: "{at}: {field}: `{id}` is at {day} {here} here but unscheduled on the {main_ref} sheet; the {main_ref} sheet is what is read (the day sheets are for printing): make the change there",
                    zh: "{at}：{field}：此处写「{id}」{day} {here}，但「{main_ref}」表中它未安排；读入的是「{main_ref}」表（日表只供打印），改期请在「{main_ref}」表中修改"),
                false => words!(lang,
                    en: "{at}: {field}: `{id}` is at {day} {here} here but {date} {start} on the {main_ref} sheet; the {main_ref} sheet is what is read (the day sheets are for printing): make the change there",
                    zh: "{at}：{field}：此处写「{id}」{day} {here}，但「{main_ref}」表写的是 {date} {start}；读入的是「{main_ref}」表（日表只供打印），改期请在「{main_ref}」表中修改"),
            });
        }
    }
    out.extend(day_sheet_rows_deleted(
        &pages, &listed, rows, &main_ref, lang,
    ));
    // The two disagree whichever was edited: a planner who moved drills on
    // the schedule sheet, as asked, reads the lines above as if they had
    // not, and is told how to bring the printed pages up to date.
    if !out.is_empty() {
        let n = out.len();
        out.push(words!(lang,
            en: "the day sheets differ from the {main_ref} sheet in {n} place(s); if the changes were made on the {main_ref} sheet, nothing is lost: `drillplan export SCENARIO THIS.xlsx --xlsx NEW.xlsx` writes day sheets that match it",
            zh: "日表与「{main_ref}」表有 {n} 处不一致；如改动本就是在「{main_ref}」表中做的，则没有遗漏：`drillplan export 情景文件 本工作簿.xlsx --xlsx 新工作簿.xlsx` 可写出与之一致的日表"));
    }
    out
}

/// A drill scheduled on a day whose sheet no longer lists it anywhere (its
/// row deleted on the printed page, to cancel it): only the schedule sheet
/// is read, so the drill stays scheduled, and the planner is told where a
/// drill is taken out. A drill listed on another day's sheet is warned of
/// there, as moved.
fn day_sheet_rows_deleted(
    pages: &[&str],
    listed: &std::collections::HashSet<String>,
    rows: &[(usize, Row)],
    main_ref: &str,
    lang: Lang,
) -> Vec<String> {
    let mut out = Vec::new();
    for (_, row) in rows {
        if !matches!(row.status(), csv::Status::Scheduled) || listed.contains(&row.drill_id) {
            continue;
        }
        let Some(page) = row
            .date
            .get(5..10)
            .and_then(|day| pages.iter().find(|p| p.starts_with(day)))
        else {
            continue;
        };
        let (page, id, date, start) = (
            super::locate::sheet_ref(page),
            &row.drill_id,
            &row.date,
            &row.start,
        );
        out.push(words!(lang,
            en: "{page}: `{id}` has no row here, but the {main_ref} sheet schedules it on {date} at {start}; the {main_ref} sheet is what is read (the day sheets are for printing), so it stays scheduled: to take it out, delete its row on the {main_ref} sheet",
            zh: "{page}：此表没有「{id}」的行，但「{main_ref}」表把它安排在 {date} {start}；读入的是「{main_ref}」表（日表只供打印），此演练仍按已安排读入：要取消，请在「{main_ref}」表中删除其行"));
    }
    out
}

/// A start or end cell as the schedule sheet writes it (`09:45`, `24:00`),
/// or as typed when it is no time.
fn shown_time(v: &Value, end: bool) -> String {
    match time_of(v, end) {
        Some(m) => format!("{:02}:{:02}", m / 60, m % 60),
        None => super::literal::as_text(v).trim().to_string(),
    }
}

/// A day sheet's end cell changed with its start left as it was (a drill
/// lengthened or shortened on the printed page): no sheet's end is read
/// on its own, since a drill's length is the scenario's, so the planner is
/// told at the cell what the end is and how to move or lengthen the drill.
fn day_sheet_end(
    sheet: &str,
    row: u32,
    col: u32,
    value: &Value,
    main_row: &Row,
    main_ref: &str,
    lang: Lang,
) -> Option<String> {
    let here = shown_time(value, true);
    if main_row.date.is_empty() || here == main_row.end {
        return None;
    }
    let at = super::locate::cell_ref(sheet, row, Some(col));
    let field = Label::End.say(lang);
    let (id, date, start, end, minutes) = (
        &main_row.drill_id,
        &main_row.date,
        &main_row.start,
        &main_row.end,
        &main_row.duration_min,
    );
    Some(words!(lang,
        en: "{at}: {field}: `{id}` ends at {here} here but the {main_ref} sheet has {date} {start}-{end}; an end is not read on its own: the scenario fixes the drill's length ({minutes} minutes), and its end is its start plus that length. To move the drill, change its start on the {main_ref} sheet; to change its length, change its duration in the scenario",
        zh: "{at}：{field}：此处写「{id}」结束于 {here}，但「{main_ref}」表写的是 {date} {start}-{end}；结束时间不单独读入：演练时长由情景固定（{minutes} 分钟），结束时间 = 开始时间 + 时长。要改期，请在「{main_ref}」表中修改开始时间；要改时长，请在情景中修改此演练的时长"))
}

/// A day sheet's teams cell that lists other teams than the schedule
/// sheet's row of the same drill (a team swapped on the printed page): a
/// warning at the cell, since only the schedule sheet is read. Teams are
/// compared by id or name, in any order.
#[allow(clippy::too_many_arguments)]
fn day_sheet_teams(
    sheet: &str,
    row: u32,
    col: u32,
    id: &str,
    shown: &Value,
    main_row: &Row,
    main_ref: &str,
    lang: Lang,
) -> Option<String> {
    if main_row.date.is_empty() {
        return None;
    }
    let ids: Vec<&str> = main_row.team_ids().collect();
    let names: Vec<&str> = main_row.team_names.split(';').collect();
    let text = super::literal::as_text(shown);
    let mut here: Vec<&str> = text
        .split(['、', ';', '；', ',', '，', '\n'])
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|item| {
            names
                .iter()
                .position(|n| n.trim() == item)
                .and_then(|i| ids.get(i).copied())
                .unwrap_or(item)
        })
        .collect();
    let mut there = ids.clone();
    here.sort_unstable();
    here.dedup();
    there.sort_unstable();
    if here == there {
        return None;
    }
    let at = super::locate::cell_ref(sheet, row, Some(col));
    let field = Label::Teams.say(lang);
    let (here, there) = (
        text.trim().replace('\n', "、"),
        main_row.team_names.replace(';', "、"),
    );
    Some(words!(lang,
        en: "{at}: {field}: `{id}` has {here} here but {there} on the {main_ref} sheet; the {main_ref} sheet is what is read (the day sheets are for printing): make the change there",
        zh: "{at}：{field}：此处写「{id}」的参演队伍为 {here}，但「{main_ref}」表写的是 {there}；读入的是「{main_ref}」表（日表只供打印），换队请在「{main_ref}」表中修改"))
}

fn serial(v: &Value) -> Option<f64> {
    match v {
        Value::Number(f) => Some(*f),
        Value::Int(i) => Some(*i as f64),
        _ => None,
    }
}
