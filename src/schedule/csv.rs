//! The schedule CSV of `schedule-format.md`: UTF-8 with a BOM (unless asked
//! not to), RFC 4180 with CRLF, formula-safe text cells, one row per drill.

use super::{Entry, Schedule};
use crate::diagnostics::{InputError, Problem, ProblemKind};
use crate::scenario::time::{parse_hhmm, weekday_label, HhMm};
use crate::scenario::{DrillId, Scenario};
use chrono::NaiveDate;

pub const HEADER: [&str; 18] = [
    "drill_id",
    "drill_name",
    "venue_id",
    "venue_name",
    "district",
    "kind",
    "sector",
    "date",
    "weekday",
    "start",
    "end",
    "duration_min",
    "teams",
    "team_names",
    "priority",
    "mandatory",
    "status",
    "reason",
];

const BOM: &[u8] = b"\xEF\xBB\xBF";
/// A schedule file larger than this is no schedule of a plan drillplan accepts.
pub const MAX_SCHEDULE_BYTES: u64 = 256 * 1024 * 1024;
/// More rows than any published plan could have (the largest scenario
/// drillplan accepts has 200 000 drills); reading stops at the first extra row,
/// so a runaway export costs neither time nor memory.
pub const MAX_SCHEDULE_ROWS: usize = 250_000;

/// Prefixes `'` to a cell a spreadsheet would run as a formula.
pub fn formula_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Undoes `formula_safe`: drops one `'` standing before a formula character.
pub fn formula_unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// The file's bytes for `schedule`.
pub fn to_bytes(scenario: &Scenario, schedule: &Schedule, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice(BOM);
    }
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(&mut out);
    // Writing to a Vec cannot fail; the csv crate only reports I/O errors here.
    let _ = writer.write_record(HEADER);
    for drill in row_order(scenario, schedule) {
        let _ = writer.write_record(
            row(scenario, schedule, drill)
                .iter()
                .map(|c| formula_safe(c).into_owned()),
        );
    }
    let _ = writer.flush();
    drop(writer);
    out
}

/// Scheduled drills by (date, start, venue id, drill id), then unscheduled
/// ones by (priority descending, drill id).
pub fn row_order(scenario: &Scenario, schedule: &Schedule) -> Vec<DrillId> {
    let mut scheduled: Vec<DrillId> = scenario
        .drill_ids()
        .filter(|&d| schedule.placement(d).is_some())
        .collect();
    let mut unscheduled: Vec<DrillId> = scenario
        .drill_ids()
        .filter(|&d| schedule.placement(d).is_none())
        .collect();
    scheduled.sort_by(|&a, &b| {
        let (pa, pb) = (
            schedule.placement(a).unwrap(),
            schedule.placement(b).unwrap(),
        );
        let (da, db) = (scenario.drill(a), scenario.drill(b));
        (pa.day, pa.start, &scenario.venue(da.venue).id, &da.id).cmp(&(
            pb.day,
            pb.start,
            &scenario.venue(db.venue).id,
            &db.id,
        ))
    });
    unscheduled.sort_by(|&a, &b| {
        let (da, db) = (scenario.drill(a), scenario.drill(b));
        db.priority
            .cmp(&da.priority)
            .then_with(|| da.id.cmp(&db.id))
    });
    scheduled.extend(unscheduled);
    scheduled
}

fn row(scenario: &Scenario, schedule: &Schedule, id: DrillId) -> [String; 18] {
    let drill = scenario.drill(id);
    let venue = scenario.venue(drill.venue);
    let mut cells: [String; 18] = Default::default();
    cells[0] = drill.id.clone();
    cells[1] = drill.name.clone();
    cells[2] = venue.id.clone();
    cells[3] = venue.name.clone();
    cells[4] = scenario.districts[venue.district.index()].id.clone();
    cells[5] = drill.kind.clone();
    cells[6] = drill.sector.clone();
    cells[11] = drill.duration.to_string();
    cells[14] = drill.priority.to_string();
    cells[15] = drill.is_required().to_string();
    match schedule.placement(id) {
        Some(p) => {
            let date = scenario.date(p.day);
            let join = |f: fn(&crate::scenario::Team) -> &str| {
                p.teams
                    .iter()
                    .map(|&t| f(scenario.team(t)))
                    .collect::<Vec<_>>()
                    .join(";")
            };
            cells[7] = date.format("%Y-%m-%d").to_string();
            cells[8] = weekday_label(date).to_string();
            cells[9] = HhMm(p.start).to_string();
            cells[10] = HhMm(p.start + drill.duration).to_string();
            cells[12] = join(|t| &t.id);
            cells[13] = join(|t| &t.name);
            cells[16] = "scheduled".into();
        }
        None => {
            cells[16] = "unscheduled".into();
            cells[17] = match schedule.reasons[id.index()].as_str() {
                "" => "not scheduled".into(),
                reason => reason.into(),
            };
        }
    }
    cells
}

/// Reads a schedule file for `scenario`: one entry (or none) per drill.
pub fn read(scenario: &Scenario, path: &std::path::Path) -> Result<Vec<Option<Entry>>, InputError> {
    let text = crate::scenario::read_text(path, MAX_SCHEDULE_BYTES)?;
    parse(scenario, &path.display().to_string(), &text)
}

/// The data rows of a schedule file as `(line, cells)`, formula escapes
/// removed. Anything that is not the contract's CSV (not CSV, a wrong
/// header, a row of the wrong width, no header at all, more than `max_rows`
/// data rows) is an error.
pub fn rows(
    label: &str,
    text: &str,
    max_rows: usize,
) -> Result<Vec<(usize, Vec<String>)>, InputError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fail = |line: usize, field: &str, message: String| InputError {
        path: label.to_string(),
        source: std::sync::Arc::new(String::new()),
        problems: vec![Problem {
            kind: ProblemKind::Syntax,
            field: field.to_string(),
            message,
            help: None,
            span: None,
            line_col: Some((line, 1)),
            cell: None,
        }],
    };
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut saw_header = false;
    // Lines are counted forward from the previous record, so a long file
    // costs one pass, not one pass per row.
    let mut counted = (0usize, 1usize);
    for (i, record) in reader.records().enumerate() {
        // With CRLF ends the csv crate places a record at the previous line's
        // `\n`; step over line ends before counting.
        let line = record
            .as_ref()
            .ok()
            .and_then(|r| r.position())
            .map_or(i + 1, |p| {
                let start = text.as_bytes()[p.byte() as usize..]
                    .iter()
                    .position(|b| !matches!(b, b'\r' | b'\n'))
                    .map_or(text.len(), |skip| p.byte() as usize + skip);
                let (from, line) = counted;
                let start = start.max(from);
                let newlines = text.as_bytes()[from..start].iter().filter(|&&b| b == b'\n');
                counted = (start, line + newlines.count());
                counted.1
            });
        let record = record.map_err(|e| fail(line, "(row)", format!("not CSV: {e}")))?;
        let cells: Vec<String> = record
            .iter()
            .map(|c| formula_unescape(c).to_string())
            .collect();
        if i == 0 {
            if cells != HEADER {
                return Err(fail(
                    line,
                    "(header)",
                    format!("the header must be exactly `{}`", HEADER.join(",")),
                ));
            }
            saw_header = true;
            continue;
        }
        if out.len() == max_rows {
            return Err(fail(
                line,
                "(row)",
                format!("more than {max_rows} rows; a schedule has at most one row per drill"),
            ));
        }
        if cells.len() != HEADER.len() {
            return Err(fail(
                line,
                "(row)",
                format!("has {} cells, the header has {}", cells.len(), HEADER.len()),
            ));
        }
        out.push((line, cells));
    }
    if !saw_header {
        return Err(fail(
            1,
            "(header)",
            "the file is empty; a schedule starts with its header row".into(),
        ));
    }
    Ok(out)
}

/// Parses schedule text (a BOM already stripped or not): one entry (or none)
/// per drill. Every row must belong to the scenario and every drill have one.
pub fn parse(
    scenario: &Scenario,
    label: &str,
    text: &str,
) -> Result<Vec<Option<Entry>>, InputError> {
    let rows = rows(label, text, MAX_SCHEDULE_ROWS)?;
    let mut problems = Vec::new();
    let mut problem = |kind: ProblemKind, line: usize, field: &str, message: String| {
        problems.push(Problem {
            kind,
            field: field.to_string(),
            message,
            help: None,
            span: None,
            line_col: Some((line, 1)),
            cell: None,
        });
    };
    let mut entries: Vec<Option<Entry>> = vec![None; scenario.drills.len()];
    let mut seen = vec![false; scenario.drills.len()];
    for (line, cells) in &rows {
        let line = *line;
        let Some(drill) = scenario.find_drill(&cells[0]) else {
            problem(
                ProblemKind::UnknownReference,
                line,
                "drill_id",
                format!("the scenario has no drill `{}`", cells[0]),
            );
            continue;
        };
        if std::mem::replace(&mut seen[drill.index()], true) {
            problem(
                ProblemKind::DuplicateId,
                line,
                "drill_id",
                format!("drill `{}` has a second row", cells[0]),
            );
            continue;
        }
        match cells[16].as_str() {
            "unscheduled" => {}
            "scheduled" => match parse_entry(scenario, cells) {
                Ok(entry) => entries[drill.index()] = Some(entry),
                Err((field, message)) => problem(ProblemKind::BadValue, line, field, message),
            },
            other => problem(
                ProblemKind::BadValue,
                line,
                "status",
                format!("`{other}` is neither `scheduled` nor `unscheduled`"),
            ),
        }
    }
    let missing: Vec<&str> = scenario
        .drill_ids()
        .filter(|d| !seen[d.index()])
        .map(|d| scenario.drill(d).id.as_str())
        .collect();
    if !missing.is_empty() {
        let shown = missing
            .iter()
            .take(10)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        problem(
            ProblemKind::MissingField,
            1,
            "drill_id",
            format!(
                "{} drill(s) of the scenario have no row: {shown}",
                missing.len()
            ),
        );
    }
    if problems.is_empty() {
        Ok(entries)
    } else {
        Err(InputError {
            path: label.to_string(),
            source: std::sync::Arc::new(String::new()),
            problems,
        })
    }
}

pub(crate) fn parse_entry(
    scenario: &Scenario,
    cells: &[String],
) -> Result<Entry, (&'static str, String)> {
    let date = NaiveDate::parse_from_str(&cells[7], "%Y-%m-%d")
        .map_err(|_| ("date", format!("`{}` is not a date YYYY-MM-DD", cells[7])))?;
    let start = parse_hhmm(&cells[9], false).map_err(|m| ("start", m))?;
    let end = parse_hhmm(&cells[10], true).map_err(|m| ("end", m))?;
    let mut teams = Vec::new();
    for id in cells[12].split(';').filter(|s| !s.is_empty()) {
        teams.push(
            scenario
                .find_team(id)
                .ok_or(("teams", format!("the scenario has no team `{id}`")))?,
        );
    }
    Ok(Entry {
        date,
        start,
        end,
        teams,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_round_trip() {
        for cell in [
            "=SUM(A1)",
            "+1",
            "-x",
            "@cmd",
            "\tx",
            "\rx",
            "'quoted",
            "plain",
            "克拉玛依",
            "",
        ] {
            assert_eq!(formula_unescape(&formula_safe(cell)), cell);
        }
        assert_eq!(formula_safe("=1+1"), "'=1+1");
        assert_eq!(formula_safe("a=1"), "a=1");
    }
}
