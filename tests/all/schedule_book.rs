//! The schedule straight from the exported workbook (issue 19): `check`,
//! `explain`, `export` and `--baseline` read the workbook `solve --xlsx`
//! wrote, as a planner edits and re-saves it.

use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx};
use std::path::{Path, PathBuf};

const SCENARIO: &str = "scenarios/karamay-2017.toml";

// Karamay's names are Chinese, so every answer here is Chinese, as the
// planner reads it.
fn drillplan() -> Command {
    Command::cargo_bin("drillplan").unwrap()
}

fn run(args: &[&std::ffi::OsStr]) -> (bool, String, String) {
    let out = drillplan().args(args).output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Solves Karamay once into `dir`: the schedule CSV and the workbook.
fn solved(dir: &Path) -> (PathBuf, PathBuf) {
    let (csv, xlsx) = (dir.join("week.csv"), dir.join("week.xlsx"));
    let (ok, _, err) = run(&[
        "solve".as_ref(),
        SCENARIO.as_ref(),
        "--work-limit".as_ref(),
        "3000".as_ref(),
        "--threads".as_ref(),
        "1".as_ref(),
        "--quiet".as_ref(),
        "-o".as_ref(),
        csv.as_os_str(),
        "--xlsx".as_ref(),
        xlsx.as_os_str(),
    ]);
    assert!(ok, "{err}");
    (csv, xlsx)
}

fn check(schedule: &Path, baseline: Option<&Path>) -> (bool, String, String) {
    let mut args: Vec<&std::ffi::OsStr> =
        vec!["check".as_ref(), SCENARIO.as_ref(), schedule.as_os_str()];
    if let Some(b) = baseline {
        args.push("--baseline".as_ref());
        args.push(b.as_os_str());
    }
    run(&args)
}

/// Whether a cell holds exactly `text`.
fn is(cell: &Data, text: &str) -> bool {
    matches!(cell, Data::String(t) if t == text)
}

/// The score line `check` prints.
fn score(stdout: &str) -> String {
    stdout
        .lines()
        .find(|l| l.contains("优先级"))
        .unwrap_or_else(|| panic!("no score: {stdout}"))
        .to_string()
}

/// The schedule sheet's cells, row by row.
fn schedule_sheet(path: &Path) -> (String, Vec<Vec<Data>>) {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    (name, range.rows().map(<[Data]>::to_vec).collect())
}

/// The sheet as a planner's spreadsheet saves it after an edit: a title row
/// above the header, dates as typed text `2017/6/19`, times `9:00` without
/// the leading zero, ends as Excel times.
fn resave(path: &Path, name: &str, rows: &[Vec<Data>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(name).unwrap();
    ws.write_string(0, 0, "克拉玛依 演练周").unwrap();
    let header = &rows[0];
    let col = |label: &str| header.iter().position(|c| is(c, label));
    let (date, start, end) = (col("日期"), col("开始"), col("结束"));
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c16 = c as u16;
            match cell {
                Data::Empty => {}
                Data::DateTime(dt) if Some(c) == date => {
                    let (y, m, d, ..) = dt.to_ymd_hms_milli();
                    ws.write_string(r, c16, format!("{y}/{m}/{d}")).unwrap();
                }
                Data::DateTime(dt) if Some(c) == start => {
                    let (.., h, mi, _, _) = dt.to_ymd_hms_milli();
                    ws.write_string(r, c16, format!("{h}:{mi:02}")).unwrap();
                }
                Data::DateTime(dt) if Some(c) == end => {
                    let f = rust_xlsxwriter::Format::new().set_num_format("hh:mm");
                    ws.write_number_with_format(r, c16, dt.as_f64(), &f)
                        .unwrap();
                }
                Data::Float(f) => {
                    ws.write_number(r, c16, *f).unwrap();
                }
                Data::Int(i) => {
                    ws.write_number(r, c16, *i as f64).unwrap();
                }
                other => {
                    ws.write_string(r, c16, other.to_string()).unwrap();
                }
            }
        }
    }
    book.save(path).unwrap();
}

#[test]
fn the_exported_workbook_checks_as_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, xlsx) = solved(dir.path());
    let (ok, from_csv, err) = check(&csv, None);
    assert!(ok, "{from_csv}{err}");
    let (ok, from_book, err) = check(&xlsx, None);
    assert!(ok, "{from_book}{err}");
    assert!(
        from_book.contains("可行：契约的每条规则都满足"),
        "{from_book}"
    );
    assert_eq!(score(&from_book), score(&from_csv));
    assert!(err.is_empty(), "no warning expected: {err}");
    // Against the CSV as its baseline, nothing changed, either way round.
    let (ok, out, err) = check(&xlsx, Some(&csv));
    assert!(ok && out.contains("改动 0 场 ×"), "{out}{err}");
    let (ok, out, err) = check(&csv, Some(&xlsx));
    assert!(ok && out.contains("改动 0 场 ×"), "{out}{err}");
    // explain and export take it too.
    let (ok, out, err) = run(&["explain".as_ref(), SCENARIO.as_ref(), xlsx.as_os_str()]);
    assert!(ok, "{out}{err}");
    let html = dir.path().join("week.html");
    let (ok, out, err) = run(&[
        "export".as_ref(),
        SCENARIO.as_ref(),
        xlsx.as_os_str(),
        "--html".as_ref(),
        html.as_os_str(),
    ]);
    assert!(ok && html.exists(), "{out}{err}");
}

#[test]
fn a_replan_against_the_workbook_is_the_replan_against_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, xlsx) = solved(dir.path());
    let replan = |baseline: &Path, out: &Path| {
        let (ok, _, err) = run(&[
            "solve".as_ref(),
            SCENARIO.as_ref(),
            "--baseline".as_ref(),
            baseline.as_os_str(),
            "--set".as_ref(),
            "team.police-dsz.off+=2017-06-19".as_ref(),
            "--work-limit".as_ref(),
            "3000".as_ref(),
            "--threads".as_ref(),
            "1".as_ref(),
            "--quiet".as_ref(),
            "-o".as_ref(),
            out.as_os_str(),
        ]);
        assert!(ok, "{err}");
        std::fs::read(out).unwrap()
    };
    let want = replan(&csv, &dir.path().join("a.csv"));
    let got = replan(&xlsx, &dir.path().join("b.csv"));
    assert!(got == want, "the replan from the workbook differs");
}

#[test]
fn an_edited_and_resaved_workbook_is_read_as_the_planner_sees_it() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, xlsx) = solved(dir.path());
    let (name, mut rows) = schedule_sheet(&xlsx);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let col = |label: &str| header.iter().position(|c| c == label).unwrap();
    // The glossary's word, or the one it replaced.
    let mandatory = header
        .iter()
        .position(|c| c == "必须安排" || c == "必须举行")
        .unwrap();
    let (status, drill) = (col("状态"), col("演练"));
    // Delete the row of a scheduled optional drill, and turn the rows
    // upside down (the planner sorted by another column).
    let gone = (1..rows.len())
        .find(|&r| is(&rows[r][status], "已安排") && is(&rows[r][mandatory], "否"))
        .expect("an optional scheduled drill");
    let gone_name = rows[gone][drill].to_string();
    rows.remove(gone);
    rows[1..].reverse();
    let edited = dir.path().join("edited.xlsx");
    resave(&edited, &name, &rows);
    let (_, out, err) = check(&edited, Some(&csv));
    // The deleted drill is read as unscheduled, said once, and it is the
    // one change.
    assert!(
        err.contains(&gone_name) && err.contains("按未安排读入"),
        "{err}"
    );
    assert!(out.contains("改动 1 场 ×"), "{out}{err}");
}

#[test]
fn every_bad_cell_is_named_in_one_pass() {
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = solved(dir.path());
    let (name, mut rows) = schedule_sheet(&xlsx);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let col = |label: &str| header.iter().position(|c| c == label).unwrap();
    let (status, teams, start) = (col("状态"), col("参演队伍"), col("开始"));
    let scheduled: Vec<usize> = (1..rows.len())
        .filter(|&r| is(&rows[r][status], "已安排"))
        .take(2)
        .collect();
    rows[scheduled[0]][teams] = Data::String("没有这个队".into());
    rows[scheduled[1]][start] = Data::String("上午九点".into());
    let edited = dir.path().join("bad.xlsx");
    resave(&edited, &name, &rows);
    let (ok, out, err) = check(&edited, None);
    assert!(!ok, "{out}");
    // Row r of the sheet is row r + 1 below the title row, 1-based.
    let cell = |c: usize, r: usize| format!("{name}!{}{}", (b'A' + c as u8) as char, r + 2);
    assert!(err.contains(&cell(teams, scheduled[0])), "{err}");
    assert!(
        err.contains("参演队伍") && err.contains("没有这个队"),
        "{err}"
    );
    assert!(err.contains(&cell(start, scheduled[1])), "{err}");
    assert!(err.contains("上午九点"), "{err}");
}

#[test]
fn a_scenario_workbook_is_refused_as_a_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan.xlsx");
    let (ok, _, err) = run(&[
        "init".as_ref(),
        "--lang".as_ref(),
        "zh".as_ref(),
        plan.as_os_str(),
    ]);
    assert!(ok, "{err}");
    let (ok, out, err) = check(&plan, None);
    assert!(!ok, "{out}");
    assert!(err.contains("场景工作簿"), "{err}");
}

#[test]
fn a_drill_moved_off_a_closed_venue_says_so_in_the_planners_words() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, xlsx) = solved(dir.path());
    // The first scheduled row's venue closes on that row's date.
    let mut reader = ::csv::Reader::from_path(&csv).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[at("status")] == "scheduled")
        .unwrap();
    let (venue, date, drill) = (
        row[at("venue_id")].to_string(),
        row[at("date")].to_string(),
        row[at("drill_id")].to_string(),
    );
    let diff = dir.path().join("changes.csv");
    let closed = format!("venue.{venue}.closed+={date}");
    let out = dir.path().join("new.csv");
    let (ok, _, err) = run(&[
        "solve".as_ref(),
        SCENARIO.as_ref(),
        "--baseline".as_ref(),
        xlsx.as_os_str(),
        "--set".as_ref(),
        closed.as_ref(),
        "--work-limit".as_ref(),
        "3000".as_ref(),
        "--threads".as_ref(),
        "1".as_ref(),
        "-o".as_ref(),
        out.as_os_str(),
        "--diff".as_ref(),
        diff.as_os_str(),
    ]);
    assert!(ok, "{err}");
    let d = chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").unwrap();
    use chrono::Datelike;
    let why = format!("场地 {venue} {}月{}日关闭", d.month(), d.day());
    assert!(err.contains(&why), "{err}");
    assert!(err.contains(&drill), "{err}");
    // Every file written is named.
    assert!(err.contains(&format!("已写入 {}", diff.display())), "{err}");
    let changes = std::fs::read_to_string(&diff).unwrap();
    assert!(changes.contains(&why), "{changes}");
}

/// Karamay replanned with its Dushanzi police off on the first day, against
/// the schedule `solved` wrote: the new CSV, workbook and changes file.
pub(crate) fn replanned(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let (csv, _) = solved(dir);
    let (new_csv, new_xlsx, diff) = (
        dir.join("new.csv"),
        dir.join("new.xlsx"),
        dir.join("changes.csv"),
    );
    let (ok, _, err) = run(&[
        "solve".as_ref(),
        SCENARIO.as_ref(),
        "--baseline".as_ref(),
        csv.as_os_str(),
        "--set".as_ref(),
        "team.police-dsz.off+=2017-06-19".as_ref(),
        "--work-limit".as_ref(),
        "3000".as_ref(),
        "--threads".as_ref(),
        "1".as_ref(),
        "--quiet".as_ref(),
        "-o".as_ref(),
        new_csv.as_os_str(),
        "--xlsx".as_ref(),
        new_xlsx.as_os_str(),
        "--diff".as_ref(),
        diff.as_os_str(),
    ]);
    assert!(ok, "{err}");
    (new_csv, new_xlsx, diff)
}

/// (drill id, why) of each row of a changes CSV.
fn changes_csv(path: &Path) -> Vec<(String, String)> {
    let mut reader = ::csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    let at = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{feff}') == name)
    };
    let (id, why) = (at("drill_id").unwrap(), at("why").unwrap());
    reader
        .records()
        .map(Result::unwrap)
        .map(|r| (r[id].to_string(), r[why].to_string()))
        .collect()
}

/// The fill colour (`FFEB9C`-style, the last six hex digits) of a cell of
/// the workbook's first sheet, read from the package itself: the one cell
/// style a planner sees that calamine does not read.
pub(crate) fn fill_of(path: &Path, cell: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let (sheet, styles) = (part("xl/worksheets/sheet1.xml"), part("xl/styles.xml"));
    let attr = |tag: &str, name: &str| -> Option<String> {
        let from = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(tag[from..from + tag[from..].find('"')?].to_string())
    };
    let at = sheet.find(&format!("<c r=\"{cell}\""))?;
    let tag = &sheet[at..at + sheet[at..].find('>')?];
    let style: usize = attr(tag, "s")?.parse().ok()?;
    let xfs = &styles[styles.find("<cellXfs")?..];
    let xf = xfs.split("<xf ").nth(style + 1)?;
    let fill: usize = attr(&format!(" {xf}"), "fillId")?.parse().ok()?;
    let fills = &styles[styles.find("<fills")?..styles.find("</fills>")?];
    let fill = fills.split("<fill>").nth(fill + 1)?;
    if !fill.contains("patternType=\"solid\"") {
        return None;
    }
    let rgb = attr(&format!(" {}", &fill[fill.find("<fgColor")?..]), "rgb")?;
    Some(rgb[rgb.len().saturating_sub(6)..].to_string())
}

/// The drill id and 改动 text of each row of the schedule sheet, with the
/// cell reference of its 改动 cell.
pub(crate) fn change_column(path: &Path) -> Vec<(String, String, String)> {
    let (_, rows) = schedule_sheet(path);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let col = |label: &str| {
        header
            .iter()
            .position(|c| c == label)
            .unwrap_or_else(|| panic!("no {label} column: {header:?}"))
    };
    let (id, change) = (col("演练编号"), col("改动"));
    rows.iter()
        .enumerate()
        .skip(1)
        .map(|(r, row)| {
            let cell = format!("{}{}", (b'A' + change as u8) as char, r + 1);
            (row[id].to_string(), row[change].to_string(), cell)
        })
        .collect()
}

/// The workbook of a replan marks each changed drill with the changes
/// file's why and a fill; the schedule reader takes the extra column as
/// information, so the workbook still checks as its CSV.
pub(crate) fn assert_marks_changes(xlsx: &Path, diff: &Path) {
    let changes = changes_csv(diff);
    assert!(!changes.is_empty(), "the replan changed nothing");
    let rows = change_column(xlsx);
    for (id, why) in &changes {
        let (_, text, cell) = rows
            .iter()
            .find(|(d, ..)| d == id)
            .unwrap_or_else(|| panic!("no row for {id}"));
        assert!(
            text.ends_with(why.as_str()) && (text.starts_with("改期") || text.starts_with("换队")),
            "{id}: `{text}` is not `…：{why}`"
        );
        assert_eq!(
            fill_of(xlsx, cell).as_deref(),
            Some("FFEB9C"),
            "{id} at {cell}"
        );
    }
    let unchanged: Vec<_> = rows
        .iter()
        .filter(|(id, ..)| !changes.iter().any(|(d, _)| d == id))
        .collect();
    assert_eq!(unchanged.len(), rows.len() - changes.len());
    for (id, text, cell) in unchanged {
        assert!(text.is_empty(), "{id} is marked `{text}`");
        assert_eq!(fill_of(xlsx, cell), None, "{id} at {cell}");
    }
}

#[test]
fn a_replans_workbook_marks_each_changed_drill_and_still_reads_as_its_schedule() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, xlsx, diff) = replanned(dir.path());
    assert_marks_changes(&xlsx, &diff);
    // Both against the CSV as baseline, so both score lines count changes.
    let (ok, from_csv, err) = check(&csv, Some(&csv));
    assert!(ok, "{from_csv}{err}");
    let (ok, from_book, err) = check(&xlsx, Some(&csv));
    assert!(ok, "{from_book}{err}");
    assert_eq!(score(&from_book), score(&from_csv));
    assert!(from_book.contains("改动 0 场 ×"), "{from_book}");
    assert!(
        err.is_empty(),
        "the 改动 column is read without a word: {err}"
    );
}

/// The schedule workbook's day sheet for 19 June: its name, its cells and
/// its header's labels.
fn day_sheet_of_19_june(xlsx: &Path) -> (String, calamine::Range<Data>, Vec<String>) {
    let mut book: Xlsx<_> = calamine::open_workbook(xlsx).unwrap();
    let day = book
        .sheet_names()
        .into_iter()
        .find(|n| n.starts_with("06-19"))
        .expect("a sheet for 19 June");
    let range = book.worksheet_range(&day).unwrap();
    let header: Vec<String> = range
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    (day, range, header)
}

/// A planner moves a drill on a day sheet (`06-19 周一`), the page they
/// printed, instead of on 演练安排. Only 演练安排 is read, so before,
/// `check` passed on the old time and the edit was lost without a word.
/// It is still 演练安排 that is read, with a warning at the day sheet's
/// cell saying both times and where to make the change.
#[test]
fn a_start_edited_on_a_day_sheet_is_warned_at_its_cell() {
    use crate::xlsx_edit;
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = solved(dir.path());
    let bytes = std::fs::read(&xlsx).unwrap();
    let (day, range, header) = day_sheet_of_19_june(&xlsx);
    assert_eq!(header[0], "开始", "{header:?}");
    let id_col = header.iter().position(|h| h == "演练编号").unwrap();
    let id = range.rows().nth(1).unwrap()[id_col].to_string();
    // The first drill of the day moved to 06:00 (0.25 of a day) in A2.
    let part = xlsx_edit::sheet_part(&bytes, &day);
    let (name, xml) = xlsx_edit::parts(&bytes)
        .into_iter()
        .find(|(n, _)| *n == part)
        .unwrap();
    let xml = String::from_utf8(xml).unwrap();
    let cell = xml.find("<c r=\"A2\"").unwrap();
    let v = cell + xml[cell..].find("<v>").unwrap() + 3;
    let v_end = v + xml[v..].find("</v>").unwrap();
    let xml = format!("{}0.25{}", &xml[..v], &xml[v_end..]);
    let edited = xlsx_edit::replace_part(&bytes, &name, Box::new(std::io::Cursor::new(xml)));
    let edited = xlsx_edit::save(dir.path(), "day-edited.xlsx", &edited);
    let (ok, out, err) = check(&edited, None);
    assert!(
        ok,
        "演练安排 is unchanged, so the schedule still holds: {out}{err}"
    );
    let want =
        format!("'{day}'!A2：开始：此处写「{id}」06-19 06:00，但「演练安排」表写的是 2017-06-19 ");
    assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    assert!(
        err.contains("读入的是「演练安排」表（日表只供打印），改期请在「演练安排」表中修改"),
        "{err}"
    );
    // Whichever sheet was edited, the planner is told how the printed
    // pages are brought up to date (one who edited 演练安排 read the line
    // above as if they had not).
    assert!(
        err.contains(
            "日表与「演练安排」表有 1 处不一致；如改动本就是在「演练安排」表中做的，则没有遗漏"
        ),
        "{err}"
    );
}

/// A planner lengthens a drill on a day sheet by typing a new end time
/// (结束), leaving its start. Only starts were compared, so before, the
/// edit was lost without a word. A drill's length is the scenario's and no
/// end is read on its own: the day sheet's end cell is warned of, naming
/// the schedule sheet's times, the fixed duration, and that moving the
/// start moves the drill. An end typed as text that is no time (`十点半`)
/// is said as typed; the end as it was is no change.
#[test]
fn an_end_edited_on_a_day_sheet_is_warned_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = solved(dir.path());
    let bytes = std::fs::read(&xlsx).unwrap();
    let (day, range, header) = day_sheet_of_19_june(&xlsx);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id_col, start_col, end_col) = (col("演练编号"), col("开始"), col("结束"));
    let row = range.rows().nth(1).unwrap();
    // Times are Excel times, fractions of a day.
    let hhmm = |cell: &Data| {
        let minutes = match cell {
            Data::DateTime(t) => t.as_f64(),
            Data::Float(f) => *f,
            other => panic!("not a time: {other:?}"),
        } * 1440.0;
        let m = minutes.round() as u32;
        format!("{:02}:{:02}", m / 60, m % 60)
    };
    let (id, start, end) = (
        row[id_col].to_string(),
        hhmm(&row[start_col]),
        hhmm(&row[end_col]),
    );
    let letter = char::from(b'A' + end_col as u8);
    let part = crate::xlsx_edit::sheet_part(&bytes, &day);
    let edit = |text: &str, name: &str| {
        let edited = crate::workbook_planner::edit_part(&bytes, &part, |xml| {
            crate::workbook_planner::set_text(xml, &format!("{letter}2"), text)
        });
        crate::xlsx_edit::save(dir.path(), name, &edited)
    };
    for (typed, said) in [("23:30", "23:30"), ("十点半", "十点半")] {
        let edited = edit(typed, "end-edited.xlsx");
        let (ok, out, err) = check(&edited, None);
        assert!(ok, "演练安排 is unchanged: {out}{err}");
        let want = format!(
            "'{day}'!{letter}2：结束：此处写「{id}」结束于 {said}，但「演练安排」表写的是 \
             2017-06-19 {start}-{end}；结束时间不单独读入：演练时长由情景固定（"
        );
        assert!(err.contains(&want), "missing `{want}` in:\n{err}");
        assert!(
            err.contains(
                "要改期，请在「演练安排」表中修改开始时间；要改时长，请在情景中修改此演练的时长"
            ),
            "{err}"
        );
        assert!(err.contains("日表与「演练安排」表有 1 处不一致"), "{err}");
    }
    // The end as the schedule sheet has it, typed as text: nothing to say.
    let same = edit(&end, "same-end.xlsx");
    let (ok, out, err) = check(&same, None);
    assert!(ok, "{out}{err}");
    assert!(!err.contains("结束："), "{err}");
}

/// A planner cancels a drill by deleting its row on a day sheet, the page
/// they printed. Only 演练安排 is read, so the drill stayed scheduled and
/// nothing was said. Now the day sheet is named with the drill, when it is
/// scheduled, and where to take it out; a drill moved to another day's
/// sheet is said there, as moved, not twice.
#[test]
fn a_row_deleted_on_a_day_sheet_is_warned_of() {
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = solved(dir.path());
    let bytes = std::fs::read(&xlsx).unwrap();
    let (day, range, header) = day_sheet_of_19_june(&xlsx);
    let id_col = header.iter().position(|h| h == "演练编号").unwrap();
    let id = range.rows().nth(1).unwrap()[id_col].to_string();
    let part = crate::xlsx_edit::sheet_part(&bytes, &day);
    let deleted = crate::workbook_planner::edit_part(&bytes, &part, |xml| {
        let start = xml.find("<row r=\"2\"").unwrap();
        let end = start + xml[start..].find("</row>").unwrap() + "</row>".len();
        format!("{}{}", &xml[..start], &xml[end..])
    });
    let deleted = crate::xlsx_edit::save(dir.path(), "row-deleted.xlsx", &deleted);
    let (ok, out, err) = check(&deleted, None);
    assert!(ok, "演练安排 is unchanged: {out}{err}");
    let (_, before, _) = check(&xlsx, None);
    assert_eq!(score(&out), score(&before), "the schedule reads as before");
    let want = format!("'{day}'：此表没有「{id}」的行，但「演练安排」表把它安排在 2017-06-19 ");
    assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    assert!(
        err.contains("此演练仍按已安排读入：要取消，请在「演练安排」表中删除其行"),
        "{err}"
    );
    assert!(err.contains("日表与「演练安排」表有 1 处不一致"), "{err}");
    // Untouched, nothing is said.
    let (ok, _, err) = check(&xlsx, None);
    assert!(ok && !err.contains("此表没有"), "{err}");
}

/// A team swapped on a day sheet (the printed page) instead of on 演练安排
/// was lost without a word, as a moved start was: a warning at the day
/// sheet's teams cell names both lists and where to make the change. The
/// same teams in another order, or by id, are no change.
#[test]
fn teams_edited_on_a_day_sheet_are_warned_at_their_cell() {
    use crate::xlsx_edit;
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = solved(dir.path());
    let bytes = std::fs::read(&xlsx).unwrap();
    let (day, range, header) = day_sheet_of_19_june(&xlsx);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id_col, teams_col) = (col("演练编号"), col("参演队伍"));
    let row = range.rows().nth(1).unwrap();
    let (id, teams) = (row[id_col].to_string(), row[teams_col].to_string());
    let letter = char::from(b'A' + teams_col as u8);
    let part = xlsx_edit::sheet_part(&bytes, &day);
    let edit = |text: &str, name: &str| {
        let edited = crate::workbook_planner::edit_part(&bytes, &part, |xml| {
            crate::workbook_planner::set_text(xml, &format!("{letter}2"), text)
        });
        xlsx_edit::save(dir.path(), name, &edited)
    };
    // Another team than the schedule sheet's.
    let swapped = edit("没有这个队", "swapped.xlsx");
    let (ok, out, err) = check(&swapped, None);
    assert!(ok, "演练安排 is unchanged: {out}{err}");
    let want = format!("'{day}'!{letter}2：参演队伍：此处写「{id}」的参演队伍为 没有这个队，但「演练安排」表写的是 ");
    assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    assert!(err.contains("换队请在「演练安排」表中修改"), "{err}");
    // The same teams in reverse order: nothing to say.
    let reversed: Vec<&str> = teams.split('、').rev().collect();
    let same = edit(&reversed.join("、"), "reversed.xlsx");
    let (ok, out, err) = check(&same, None);
    assert!(ok, "{out}{err}");
    assert!(!err.contains("参演队伍："), "{err}");
}

/// Two starts merged in Calc with the covered cell's contents kept: the
/// sheet shows the first start for both drills, and so it is read, with a
/// warning in the sheet's language (it was English on 演练安排).
#[test]
fn a_start_hidden_under_a_merged_cell_is_read_as_shown_and_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, xlsx) = solved(dir.path());
    let (_, rows) = schedule_sheet(&xlsx);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let start = header.iter().position(|c| c == "开始").unwrap();
    let column = char::from(b'A' + start as u8);
    let bytes = std::fs::read(&xlsx).unwrap();
    let part = crate::xlsx_edit::sheet_part(&bytes, "演练安排");
    let range = format!("{column}2:{column}3");
    let merged = crate::workbook_planner::edit_part(&bytes, &part, |xml| {
        assert!(!xml.contains("<mergeCells"));
        xml.replacen(
            "</sheetData>",
            &format!(
                "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"{range}\"/></mergeCells>"
            ),
            1,
        )
    });
    let edited = dir.path().join("merged.xlsx");
    std::fs::write(&edited, merged).unwrap();
    let (_, out, err) = check(&edited, Some(&csv));
    let said = format!("{out}{err}");
    assert!(
        said.contains(&format!("演练安排!{range}：合并单元格显示 `")),
        "{said}"
    );
    assert!(!said.contains("the merged cell"), "{said}");
}

/// The schedule workbook where the scenario goes (the two swapped): one
/// error saying which is which. It was told to rename 演练安排 to 演练, in
/// English, once per sheet.
#[test]
fn a_schedule_workbook_given_as_the_scenario_says_which_goes_first() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, xlsx) = solved(dir.path());
    let out = drillplan()
        .env("DRILLPLAN_LANG", "zh")
        .arg("check")
        .arg(&xlsx)
        .arg(&csv)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("演练安排：（工作表）：这是演练安排工作簿（`solve --xlsx` 写出的），不是情景；情景（.toml 或含演练、场地、队伍的工作簿）在前，排程在后：drillplan check 情景 排程"),
        "{err}"
    );
}

/// The schedule workbook saved by Calc as .ods or as .xls (its "Excel 97"
/// filter), given to `check` or `--baseline`: an .ods was refused with the
/// zip reader's "File not found 'xl/_rels/workbook.xml.rels'", an .xls was
/// read as CSV text and refused as "not UTF-8", asking for a CSV. Each now
/// says what it is and to save as .xlsx, in the planner's language.
#[test]
fn a_schedule_saved_as_ods_or_xls_is_refused_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (csv, xlsx) = solved(dir.path());
    // An .ods is a zip too; an .xls (and WPS's .et) is an OLE compound file.
    let ods = dir.path().join("安排.ods");
    std::fs::copy(&xlsx, &ods).unwrap();
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(4096, 0);
    let xls = dir.path().join("安排.xls");
    std::fs::write(&xls, &ole).unwrap();
    let zh = |args: &[&std::ffi::OsStr]| {
        let out = drillplan()
            .env("DRILLPLAN_LANG", "zh")
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = zh(&["check".as_ref(), SCENARIO.as_ref(), ods.as_os_str()]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("安排.ods：文件：演练安排从 drillplan 写出的 .xlsx 工作簿或 .csv 文件读取，不读 .ods；请另存为 Excel 工作簿（.xlsx）"),
        "{err}"
    );
    assert!(!err.contains("xl/_rels"), "{err}");
    let (code, err) = zh(&[
        "solve".as_ref(),
        SCENARIO.as_ref(),
        "--baseline".as_ref(),
        xls.as_os_str(),
        "-o".as_ref(),
        csv.as_os_str(),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("安排.xls：文件：这是旧版 Excel 工作簿（.xls）或设了密码的工作簿，不是 .xlsx"),
        "{err}"
    );
    assert!(!err.contains("UTF-8"), "{err}");
}

/// The venue, priority, 必须安排 and length on 演练安排 restate the scenario
/// and are not read. A planner who typed another venue or a longer length
/// there lost the edit without a word; now each differing cell is a warning
/// at the cell, naming both values. The sheet as written warns of nothing.
#[test]
fn a_restated_cell_edited_on_the_schedule_sheet_is_warned_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = solved(dir.path());
    let (_, err) = {
        let (ok, out, err) = check(&xlsx, None);
        assert!(ok, "{out}{err}");
        (out, err)
    };
    assert!(!err.contains("此列照录情景"), "unedited: {err}");
    let (_, rows) = schedule_sheet(&xlsx);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let letter = |name: &str| {
        char::from(b'A' + header.iter().position(|h| h == name).unwrap() as u8).to_string()
    };
    let id = rows[1][header.iter().position(|h| h == "演练编号").unwrap()].to_string();
    let bytes = std::fs::read(&xlsx).unwrap();
    let part = crate::xlsx_edit::sheet_part(&bytes, "演练安排");
    let (venue, minutes) = (letter("场地"), letter("时长(分钟)"));
    let edited = crate::workbook_planner::edit_part(&bytes, &part, |xml| {
        let xml = crate::workbook_planner::set_text(xml, &format!("{venue}2"), "别的场地");
        crate::workbook_planner::set_text(xml, &format!("{minutes}2"), "999")
    });
    let path = dir.path().join("restated.xlsx");
    std::fs::write(&path, edited).unwrap();
    let (ok, out, err) = check(&path, None);
    assert!(ok, "the restated cells are not read: {out}{err}");
    for want in [
        format!("演练安排!{venue}2：场地：此处写 `别的场地`，但情景中「{id}」的场地是 `"),
        format!("演练安排!{minutes}2：时长(分钟)：此处写 `999`，但情景中「{id}」的时长(分钟)是 `"),
    ] {
        assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    }
    assert!(err.contains("此列照录情景，不读入"), "{err}");
}

/// A drill given two rows on 演练安排 (a row copied down in Calc) was
/// refused as `安排.xlsx:3:1：drill_id：…`, a line and the CSV's column
/// name; it names the sheet's cell and the header the planner sees.
#[test]
fn a_problem_found_in_the_rows_names_the_cell_and_header() {
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = solved(dir.path());
    let (_, rows) = schedule_sheet(&xlsx);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let id_col = header.iter().position(|h| h == "演练编号").unwrap();
    let letter = char::from(b'A' + id_col as u8);
    let id = rows[1][id_col].to_string();
    let bytes = std::fs::read(&xlsx).unwrap();
    let part = crate::xlsx_edit::sheet_part(&bytes, "演练安排");
    let edited = crate::workbook_planner::edit_part(&bytes, &part, |xml| {
        crate::workbook_planner::set_text(xml, &format!("{letter}3"), &id)
    });
    let path = dir.path().join("twice.xlsx");
    std::fs::write(&path, edited).unwrap();
    let (ok, out, err) = check(&path, None);
    assert!(!ok, "{out}{err}");
    let want = format!("演练安排!{letter}3：演练编号：演练 `{id}` 有第二行");
    assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    assert!(!err.contains("drill_id"), "{err}");
}

/// A drill moved on 演练安排 by its start alone is read by its start where
/// a schedule is built on (explain, export, --baseline), with a warning
/// that named the row as `第 2 行`, a CSV's line; it names the end's cell.
#[test]
fn an_end_left_behind_on_the_sheet_is_named_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = solved(dir.path());
    let (_, rows) = schedule_sheet(&xlsx);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (start, end) = (col("开始"), col("结束"));
    let id = rows[1][col("演练编号")].to_string();
    let letter = |c: usize| char::from(b'A' + c as u8);
    let bytes = std::fs::read(&xlsx).unwrap();
    let part = crate::xlsx_edit::sheet_part(&bytes, "演练安排");
    // 05:00 is no start the solver gave: the end no longer follows.
    let edited = crate::workbook_planner::edit_part(&bytes, &part, |xml| {
        crate::workbook_planner::set_text(xml, &format!("{}2", letter(start)), "5:00")
    });
    let path = dir.path().join("moved.xlsx");
    std::fs::write(&path, edited).unwrap();
    let (_, out, err) = run(&["explain".as_ref(), SCENARIO.as_ref(), path.as_os_str()]);
    let want = format!("演练安排!{}2：演练 {id}：结束时间 ", letter(end));
    assert!(err.contains(&want), "missing `{want}` in:\n{out}{err}");
    assert!(!err.contains("第 2 行"), "{err}");
}

/// A row of 演练安排 hidden or filtered out is still read (the drill stays
/// scheduled): a planner who hid it to drop it was not told, as they are
/// on a scenario's sheets. Now they are, naming the rows.
#[test]
fn hidden_rows_of_the_schedule_sheet_are_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = solved(dir.path());
    let bytes = std::fs::read(&xlsx).unwrap();
    let part = crate::xlsx_edit::sheet_part(&bytes, "演练安排");
    let edited = crate::workbook_planner::edit_part(&bytes, &part, |xml| {
        assert!(xml.contains("<row r=\"3\""), "row 3 is written");
        xml.replacen("<row r=\"3\"", "<row r=\"3\" hidden=\"1\"", 1)
    });
    let path = dir.path().join("hidden.xlsx");
    std::fs::write(&path, edited).unwrap();
    let (ok, out, err) = check(&path, None);
    assert!(ok, "{out}{err}");
    assert!(
        err.contains("演练安排!3:3：1 行已隐藏（手动隐藏或被筛选）；这些行照常读入"),
        "{err}"
    );
    let (_, _, unedited) = check(&xlsx, None);
    assert!(!unedited.contains("已隐藏"), "{unedited}");
}

/// `10` typed into a start cell (formatted as a time) is ten days to the
/// spreadsheet, shown as 00:00; it was refused as `「1900-01-10」不是时刻`, a
/// date the planner never saw. The message says what happened and to type
/// 10:00.
#[test]
fn a_number_typed_into_a_time_cell_is_told_to_be_typed_as_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let (_, xlsx) = solved(dir.path());
    let (_, rows) = schedule_sheet(&xlsx);
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    let start = header.iter().position(|h| h == "开始").unwrap();
    let at = format!("{}2", char::from(b'A' + start as u8));
    let bytes = std::fs::read(&xlsx).unwrap();
    let part = crate::xlsx_edit::sheet_part(&bytes, "演练安排");
    let edited = crate::workbook_planner::edit_part(&bytes, &part, |xml| {
        let cell = xml.find(&format!("<c r=\"{at}\"")).unwrap();
        let v = cell + xml[cell..].find("<v>").unwrap() + 3;
        let v_end = v + xml[v..].find("</v>").unwrap();
        format!("{}10{}", &xml[..v], &xml[v_end..])
    });
    let path = dir.path().join("ten.xlsx");
    std::fs::write(&path, edited).unwrap();
    let (ok, out, err) = check(&path, None);
    assert!(!ok, "{out}{err}");
    let want = format!("演练安排!{at}：开始：单元格的值是 10，时间格式的单元格把它当作 10 天，显示为 00:00；请输入时刻，如 10:00");
    assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    assert!(!err.contains("1900"), "{err}");
}
