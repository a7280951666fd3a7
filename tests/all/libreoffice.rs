//! The planner's loop in real LibreOffice Calc, driven headless through UNO
//! (scripts/calc-loop.py): the template opened, its example rows deleted
//! (Calc then writes empty rows and a dimension down to row 1 048 576), a
//! small county typed in with `9:00`, 必须安排 merged over three drills, a
//! 备注 column, skills in Chinese and a hidden 备勤 sheet, saved as .xlsx;
//! validated and solved; the schedule CSV opened in Calc and saved again,
//! checked against the original, and replanned from the re-saved copy,
//! which moves nothing; a drill moved in Calc to 6:00, which `check` names;
//! and the county again with a planner's mistakes typed in, every one of
//! them named at its cell in one pass, the warnings beside them. Needs
//! soffice and python3-uno: missing, the test fails on CI (`CI` set) and
//! says "skipped" elsewhere.

use assert_cmd::Command;
use std::path::Path;

const PYTHON: &str = "/usr/bin/python3";

fn drillplan() -> Command {
    Command::cargo_bin("drillplan").unwrap()
}

/// Whether soffice and the UNO bridge are here; on CI they must be.
fn calc_available() -> bool {
    let soffice = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let uno = std::process::Command::new(PYTHON)
        .args(["-c", "import uno"])
        .output()
        .is_ok_and(|o| o.status.success());
    if soffice && uno {
        return true;
    }
    let missing = if soffice { "python3-uno" } else { "soffice" };
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!("{missing} is not installed, and CI must run this test");
    }
    eprintln!("skipped: {missing} is not installed");
    false
}

fn calc(command: &str, from: &Path, to: &Path) {
    let out = std::process::Command::new(PYTHON)
        .arg("scripts/calc-loop.py")
        .arg(command)
        .arg(from)
        .arg(to)
        .output()
        .unwrap();
    assert!(
        out.status.success() && to.exists(),
        "calc-loop.py {command}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn run(cmd: &mut Command) -> (String, String) {
    let out = cmd.output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    assert!(out.status.success(), "{stdout}{stderr}");
    (stdout, stderr)
}

#[test]
fn a_county_typed_in_calc_is_read_solved_checked_and_replanned_from_its_resaved_schedule() {
    if !calc_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("plan.xlsx");
    run(drillplan().args(["init", "--lang", "zh"]).arg(&template));
    let city = dir.path().join("county.xlsx");
    calc("city", &template, &city);

    // Calc wrote the empty rows below the tables and a dimension to match.
    // The workbook is Chinese, so every answer is.
    let (stdout, stderr) = run(drillplan().arg("validate").arg(&city));
    assert!(
        stdout.contains("1 个区域、3 个场地、4 支队伍、4 项演练（其中必须安排或锁定 3 个）"),
        "the merged 必须安排 counts for its three drills: {stdout}"
    );
    assert!(
        stdout.contains("1 条备勤规则"),
        "the hidden 备勤 is read: {stdout}"
    );
    for warning in [
        "工作表「备勤」已隐藏",
        // Both venues' hours typed as 9:00: one line for the column.
        "场地!H2:H3：开放时段：共 2 个单元格：`9:00-12:00, 15:00-18:00` 按 \
         `09:00-12:00, 15:00-18:00` 读取；`9:00-21:00` 按 `09:00-21:00` 读取",
        "演练!N1：列 `备注`",
        "演练!F5：时长(分钟)：`４５` 按 `45` 读取",
        "工作表「说明」不是情景的表，不读入",
    ] {
        assert!(
            stderr.contains(warning),
            "missing `{warning}` in:\n{stderr}"
        );
    }

    let schedule = dir.path().join("county.csv");
    let (stdout, _) = run(drillplan()
        .args(["solve", "--work-limit", "2000", "--quiet", "-o"])
        .arg(&schedule)
        .arg(&city));
    assert!(
        stdout
            .lines()
            .any(|l| l.starts_with("已安排演练") && l.ends_with(" 4/4")),
        "{stdout}"
    );

    let resaved = dir.path().join("county.resaved.csv");
    calc("resave", &schedule, &resaved);
    let text = std::fs::read_to_string(&resaved).unwrap();
    assert!(
        text.contains(":00 AM") || text.contains(":00 PM") || text.contains(":00:00"),
        "Calc kept the times as text: {text}"
    );
    let (stdout, _) = run(drillplan()
        .arg("check")
        .arg(&city)
        .arg(&resaved)
        .arg("--baseline")
        .arg(&schedule));
    assert!(stdout.contains("可行：契约的每条规则都满足"), "{stdout}");
    assert!(stdout.contains("改动 0 场 ×"), "{stdout}");

    // A drill moved in Calc to 6:00, before every venue opens: `check`
    // reads the edit as typed and names the drill, its time and the rule.
    let edited = dir.path().join("county.edited.csv");
    calc("edit", &schedule, &edited);
    let out = drillplan()
        .arg("check")
        .arg(&city)
        .arg(&edited)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    // The first row of the schedule is the drill Calc moved.
    let moved = std::fs::read_to_string(&schedule)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .trim_start_matches('\u{feff}')
        .split(',')
        .next()
        .unwrap()
        .to_string();
    assert!(
        stdout.contains(&format!("规则 2：{moved}（"))
            && stdout.contains(" 06:00-")
            && stdout.contains("不可行"),
        "{stdout}"
    );

    // The re-saved schedule as the baseline of a replan of the unchanged
    // county: read as the original, so nothing moves.
    let replanned = dir.path().join("county.replanned.csv");
    let (stdout, stderr) = run(drillplan()
        .args(["solve", "--work-limit", "2000", "-o"])
        .arg(&replanned)
        .arg("--baseline")
        .arg(&resaved)
        .arg(&city));
    assert!(
        stdout.contains("改动 0 场 ×") && stderr.contains("与基线相比：没有改动"),
        "{stdout}{stderr}"
    );
    assert_eq!(
        schedule_rows(&replanned),
        schedule_rows(&schedule),
        "the replan kept every drill where it was"
    );

    // The planner's mistakes, typed in Calc: each is named at its cell, in
    // Chinese, in one pass, and nothing is written.
    let wrong = dir.path().join("county.wrong.xlsx");
    calc("mistakes", &city, &wrong);
    let out = drillplan().arg("validate").arg(&wrong).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for said in [
        "演练!H5",
        "必须",
        "演练!F2",
        "一小时",
        "演练!C3",
        "qx-malll",
        "qx-mall",
    ] {
        assert!(stderr.contains(said), "missing `{said}` in:\n{stderr}");
    }
    assert!(!stderr.contains("invalid type"), "{stderr}");
    // What was read with a warning is said beside the errors, not dropped.
    assert!(
        stderr.contains("警告") && stderr.contains("演练!A5"),
        "the trailing space of 演练!A5: {stderr}"
    );
    let out_csv = dir.path().join("wrong.csv");
    let out = drillplan()
        .args(["solve", "--work-limit", "200", "-o"])
        .arg(&out_csv)
        .arg(&wrong)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !out_csv.exists(),
        "nothing is written for a refused workbook"
    );
}

/// The rows of a schedule CSV, without the header.
fn schedule_rows(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut rows: Vec<String> = text.lines().skip(1).map(str::to_owned).collect();
    rows.sort();
    rows
}

#[test]
fn a_replans_marks_survive_a_calc_resave() {
    if !calc_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (csv, xlsx, diff) = super::schedule_book::replanned(dir.path());
    let resaved = dir.path().join("new.calc.xlsx");
    calc("resave-book", &xlsx, &resaved);
    // The 改动 text and the fill of each changed row are as written.
    super::schedule_book::assert_marks_changes(&resaved, &diff);
    // The extra column reads as information: the re-saved workbook checks
    // as the CSV of the same plan, with nothing changed and no warning.
    let out = drillplan()
        .args(["check", "scenarios/karamay-2017.toml"])
        .arg(&resaved)
        .arg("--baseline")
        .arg(&csv)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("可行：契约的每条规则都满足"), "{stdout}");
    assert!(stdout.contains("改动 0 场 ×"), "{stdout}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// The non-empty cells Calc shows in `book`, as (sheet, cell, text).
fn calc_cells(book: &Path) -> Vec<(String, String, String)> {
    let tsv = book.with_extension("tsv");
    calc("cells", book, &tsv);
    std::fs::read_to_string(&tsv)
        .unwrap()
        .lines()
        .filter_map(|l| {
            let mut parts = l.splitn(3, '\t');
            Some((
                parts.next()?.to_string(),
                parts.next()?.to_string(),
                parts.next()?.to_string(),
            ))
        })
        .collect()
}

#[test]
fn the_planners_notes_and_sheet_survive_convert_of_a_book_sorted_in_calc() {
    if !calc_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("plan.xlsx");
    run(drillplan().args(["init", "--lang", "zh"]).arg(&template));
    let city = dir.path().join("county.xlsx");
    calc("city", &template, &city);
    // Two drills noted in 备注, then the drills sorted Z to A in Calc.
    let sorted = dir.path().join("sorted.xlsx");
    calc("sort", &city, &sorted);

    let converted = dir.path().join("converted.xlsx");
    let (stdout, _) = run(drillplan().arg("convert").arg(&sorted).arg(&converted));
    assert!(
        stdout.contains("保留了「演练」表中你加的列（备注）：2 行备注，各在其条目旁"),
        "{stdout}"
    );
    // What Calc shows in the converted book: each note in the row of its
    // drill, under the planner's header, and the planner's 说明 sheet.
    let cells = calc_cells(&converted);
    let at = |sheet: &str, cell: &str| {
        cells
            .iter()
            .find(|(s, c, _)| s == sheet && c == cell)
            .map(|(_, _, t)| t.as_str())
    };
    let header = cells
        .iter()
        .find(|(s, c, t)| s == "演练" && c.ends_with('1') && c.len() == 2 && t == "备注")
        .map(|(_, c, _)| c[..1].to_string())
        .expect("the 备注 header");
    let row_of = |id: &str| {
        cells
            .iter()
            .find(|(s, c, t)| s == "演练" && c.starts_with('A') && t == id)
            .map(|(_, c, _)| c[1..].to_string())
            .unwrap()
    };
    for (drill, note) in [
        ("qx-school-fire", Some("校长亲自参加")),
        ("qx-plant-leak", Some("商场经理陪同")),
        ("qx-mall-fire", None),
        ("qx-mall-quake", None),
    ] {
        let cell = format!("{header}{}", row_of(drill));
        assert_eq!(at("演练", &cell), note, "{drill}: {cells:?}");
    }
    assert_eq!(at("说明", "A1"), Some("联系人：县应急局 张科长"));
    // The planner's sheet shows in the converted book as it showed in
    // theirs: a rate as 50%, a phone number whole, a day as they wrote it.
    let shown = |cells: &[(String, String, String)]| -> Vec<(String, String)> {
        cells
            .iter()
            .filter(|(s, _, _)| s == "说明")
            .map(|(_, c, t)| (c.clone(), t.clone()))
            .collect()
    };
    let before = shown(&calc_cells(&sorted));
    assert!(before.contains(&("B2".into(), "50%".into())), "{before:?}");
    assert!(
        before.contains(&("B3".into(), "13912345678".into())),
        "{before:?}"
    );
    assert_eq!(shown(&cells), before);
    // The converted book is the same scenario.
    run(drillplan().arg("validate").arg(&converted));

    // Into TOML, each note goes as a comment under its drill.
    let toml = dir.path().join("county.toml");
    let (_, stderr) = run(drillplan().arg("convert").arg(&sorted).arg(&toml));
    assert!(
        stderr.contains("你的工作表「说明」不在 county.toml 中"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&toml).unwrap();
    assert!(
        text.contains("[[drill]]\n# 备注: 商场经理陪同\nid = \"qx-plant-leak\""),
        "{text}"
    );
}

/// A drill lengthened on a day sheet in real Calc: the planner types a new
/// end time (`23:30`, a time value) under 结束 of the printed page and
/// saves. The end is not read (the drill's length is the scenario's), and
/// before it was not compared either: `check` passed without a word. Now
/// the cell is named, with the schedule sheet's times and what to do. So
/// is a drill's row deleted on that page.
#[test]
fn an_end_typed_on_a_day_sheet_in_calc_is_warned_at_its_cell() {
    if !calc_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let scenario = std::fs::canonicalize("scenarios/karamay-2017.xlsx").unwrap();
    let (csv, xlsx) = (dir.path().join("week.csv"), dir.path().join("week.xlsx"));
    run(drillplan()
        .env("DRILLPLAN_LANG", "zh")
        .arg("solve")
        .arg(&scenario)
        .args(["--work-limit", "3000", "--threads", "1", "--quiet", "-o"])
        .arg(&csv)
        .arg("--xlsx")
        .arg(&xlsx));
    let edited = dir.path().join("edited.xlsx");
    calc("day-end", &xlsx, &edited);
    let (out, err) = run(drillplan()
        .env("DRILLPLAN_LANG", "zh")
        .arg("check")
        .arg(&scenario)
        .arg(&edited));
    assert!(out.contains("可行"), "{out}");
    let line = err
        .lines()
        .find(|l| l.contains("'06-19 周一'!B2：结束："))
        .unwrap_or_else(|| panic!("no warning at the end cell:\n{err}"));
    assert!(
        line.contains("结束于 23:30，但「演练安排」表写的是 2017-06-19 "),
        "{line}"
    );
    assert!(line.contains("演练时长由情景固定（"), "{line}");
    assert!(
        line.contains("要改期，请在「演练安排」表中修改开始时间"),
        "{line}"
    );
    // The first drill's row deleted on that page in Calc (Delete Rows), to
    // cancel it: it stays scheduled, and the planner is told so.
    let deleted = dir.path().join("deleted.xlsx");
    calc("day-delete", &xlsx, &deleted);
    let (out, err) = run(drillplan()
        .env("DRILLPLAN_LANG", "zh")
        .arg("check")
        .arg(&scenario)
        .arg(&deleted));
    assert!(out.contains("可行"), "{out}");
    assert!(
        err.contains("'06-19 周一'：此表没有「")
            && err.contains("此演练仍按已安排读入：要取消，请在「演练安排」表中删除其行"),
        "{err}"
    );
}

/// Numbers typed in Calc under formats a planner applies by hand, each in
/// a column of whole numbers: the refusal quoted the stored value (`1.2`
/// for a cell showing `120%`). It now quotes what the cell shows, as Calc
/// shows it, with the stored value beside it; a format drillplan does not
/// render (scientific) is said to be one. A whole number shown as another
/// (1 under `0%` shows 100%) was read as 1 without a word: it is refused.
#[test]
fn a_refused_cell_is_quoted_as_calc_shows_it() {
    if !calc_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.xlsx");
    run(drillplan().args(["init", "--lang", "zh"]).arg(&template));
    let formatted = dir.path().join("formatted.xlsx");
    calc("formats", &template, &formatted);
    // What Calc itself shows in those cells.
    let shown: Vec<String> = calc_cells(&formatted)
        .into_iter()
        .filter(|(sheet, at, _)| {
            (sheet == "演练" && ["G2", "F3", "G4", "F5"].contains(&at.as_str()))
                || (sheet == "场地" && at == "G2")
        })
        .map(|(sheet, at, text)| format!("{sheet}!{at} {text}"))
        .collect();
    for cell in [
        "演练!G2 120%",
        "演练!F3 61分钟",
        "演练!G4 6月19日",
        "场地!G2 1,001",
    ] {
        assert!(shown.contains(&cell.to_string()), "{cell} not in {shown:?}");
    }
    let out = drillplan()
        .env("DRILLPLAN_LANG", "zh")
        .arg("validate")
        .arg(&formatted)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for line in [
        "演练!G2：优先级：`120%`（单元格存的值为 1.2）不是整数，如 60",
        "演练!F3：时长(分钟)：`61分钟`（单元格存的值为 60.5）不是整数，如 60",
        "演练!G4：优先级：`6月19日`（单元格存的值为 2017-06-19）不是整数，如 60",
        "场地!G2：容量：`1,001`（单元格存的值为 1000.5）不是整数，如 60",
        "演练!F5：时长(分钟)：`1.5`（单元格存的值；按其数字格式 `0.00E+00` 显示的可能不同）不是整数",
        // A whole number the format shows as another (1 as 100%) is not read as 1.
        "演练!G3：优先级：单元格显示 `100%`，存的值却是 1（数字格式所致）：两者都可能是要填的数，故不读入",
    ] {
        assert!(err.contains(line), "missing `{line}` in:\n{err}");
    }
    let out = drillplan()
        .args(["validate", "--lang", "en"])
        .arg(&formatted)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("演练!G2: 优先级: `120%` (the cell holds 1.2) is not a whole number"),
        "{err}"
    );
}

/// A copy of the 演练 sheet made in Calc beside it (`演练 (2)`, as Excel
/// names a copy; `演练备份`, a backup) was refused with "rename the sheet
/// 演练", which would clash with the sheet of that name. The copies are
/// left out as sheets of the planner's own, each with a warning saying
/// which sheet is read and how to use a copy instead; `convert` keeps them.
#[test]
fn a_copy_of_a_table_sheet_made_in_calc_is_left_out_with_a_warning() {
    if !calc_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.xlsx");
    run(drillplan().args(["init", "--lang", "zh"]).arg(&template));
    let copied = dir.path().join("copied.xlsx");
    calc("copy-sheet", &template, &copied);
    let (out, err) = run(drillplan()
        .env("DRILLPLAN_LANG", "zh")
        .arg("validate")
        .arg(&copied));
    assert!(out.contains("情景有效"), "{out}");
    for copy in ["演练 (2)", "演练备份"] {
        let want = format!(
            "工作表「{copy}」像是「演练」表的副本，不读入；读入的是「演练」表（副本仍留在工作簿中）。\
             如要改用副本中的内容，请删除「演练」表，再把副本改名为「演练」"
        );
        assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    }
    let converted = dir.path().join("converted.xlsx");
    let (out, _) = run(drillplan()
        .env("DRILLPLAN_LANG", "zh")
        .arg("convert")
        .arg(&copied)
        .arg(&converted));
    assert!(out.contains("保留了你的工作表「演练 (2)」"), "{out}");
}

/// A planner's fourth week, typed in real Calc: opening hours the Chinese
/// way (`8点-12点，下午2点-6点`, `8：00——18：00`, `8:00~20:00`, `9点-20点`),
/// a note in a header (`优先级（1-10）`, `容量(个)`), and a tick and a cross
/// under 必须安排. Each was refused, or (the headers) left unread with every
/// row at its default; now each is read as the planner sees it, the
/// rewritten times with a warning.
#[test]
fn a_fourth_weeks_edits_in_calc_are_read_as_the_planner_sees_them() {
    if !calc_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("plan.xlsx");
    run(drillplan().args(["init", "--lang", "zh"]).arg(&template));
    let edited = dir.path().join("week4.xlsx");
    calc("fourth-week", &template, &edited);
    let toml_of = |book: &Path| {
        let out = dir.path().join("out.toml");
        let _ = std::fs::remove_file(&out);
        let (_, err) = run(drillplan()
            .args(["convert", "--lang", "zh"])
            .arg(book)
            .arg(&out));
        (std::fs::read_to_string(&out).unwrap(), err)
    };
    let (before, _) = toml_of(&template);
    let (after, err) = toml_of(&edited);
    for note in [
        "计划!E2：默认时段：`9点-20点` 按 `09:00-20:00` 读取",
        "`8点-12点，下午2点-6点` 按 `08:00-12:00, 14:00-18:00` 读取",
        "`8：00——18：00` 按 `08:00-18:00` 读取",
        "队伍!H2：值班时段：`8:00~20:00` 按 `08:00-20:00` 读取",
    ] {
        assert!(err.contains(note), "missing `{note}` in:\n{err}");
    }
    assert!(!err.contains("不是「"), "{err}");
    let scenario = |text: &str| drillplan::scenario::parse("s.toml", text).unwrap();
    let (before, after) = (scenario(&before), scenario(&after));
    let priorities = |s: &drillplan::scenario::Scenario| -> Vec<u64> {
        s.drills.iter().map(|d| d.priority).collect()
    };
    let capacities = |s: &drillplan::scenario::Scenario| -> Vec<u32> {
        s.venues.iter().map(|v| v.capacity).collect()
    };
    assert_eq!(priorities(&after), priorities(&before));
    assert_eq!(capacities(&after), capacities(&before));
    let window = |start, end| drillplan::scenario::time::Window { start, end };
    assert_eq!(after.venues[0].hours, [window(480, 720), window(840, 1080)]);
    assert_eq!(after.venues[1].hours, [window(480, 1080)]);
    assert_eq!(after.teams[0].shift, window(480, 1200));
    assert!(after.drills[0].mandatory);
    assert!(!after.drills[1].mandatory);
}
