//! A workbook as a planner's spreadsheet leaves it: merged cells, hidden
//! sheets, columns of their own, `9:00`, stray spaces, and mistakes in
//! several sheets at once. What the planner sees is what is read, and every
//! mistake is named in one pass, at its cell, under its header.

use crate::xlsx_edit;

use assert_cmd::Command;
use drillplan::lang::Lang;
use drillplan::workbook;
use std::io::Read;
use xlsx_edit::{append_rows, Typed::*};

fn small_book() -> Vec<u8> {
    let text = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    workbook::to_xlsx(&toml::from_str(&text).unwrap(), Lang::Zh).unwrap()
}

/// `bytes` with the zip part `part` rewritten by `edit`.
pub(crate) fn edit_part(bytes: &[u8], part: &str, edit: impl Fn(String) -> String) -> Vec<u8> {
    let parts = xlsx_edit::parts(bytes)
        .into_iter()
        .map(|(name, data)| {
            let data = if name == part {
                edit(String::from_utf8(data).unwrap()).into_bytes()
            } else {
                data
            };
            (name, Box::new(std::io::Cursor::new(data)) as Box<dyn Read>)
        })
        .collect();
    xlsx_edit::zip_of(parts)
}

/// Replaces the text of cell `at` (such as `H3`) of a sheet's XML, or adds it to its row.
pub(crate) fn set_text(xml: String, at: &str, text: &str) -> String {
    let cell =
        format!("<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{text}</t></is></c>");
    let start = format!("<c r=\"{at}\"");
    if let Some(i) = xml.find(&start) {
        let rest = &xml[i..];
        let end = if let Some(j) = rest.find("/>").filter(|&j| !rest[..j].contains('>')) {
            j + 2
        } else {
            rest.find("</c>").unwrap() + 4
        };
        format!("{}{cell}{}", &xml[..i], &xml[i + end..])
    } else {
        let row: String = at.chars().skip_while(char::is_ascii_uppercase).collect();
        let open = format!("<row r=\"{row}\"");
        let i = xml.find(&open).unwrap();
        let close = i + xml[i..].find("</row>").unwrap();
        format!("{}{cell}{}", &xml[..close], &xml[close..])
    }
}

fn load(bytes: Vec<u8>) -> Result<workbook::Loaded, drillplan::diagnostics::InputError> {
    workbook::load_bytes("w.xlsx", bytes)
}

/// The problems of a workbook that must be refused.
fn refused(bytes: Vec<u8>) -> drillplan::diagnostics::InputError {
    match load(bytes) {
        Ok(_) => panic!("the workbook loads"),
        Err(e) => e,
    }
}

#[test]
fn a_merged_cell_counts_for_every_row_it_covers() {
    let bytes = small_book();
    let part = xlsx_edit::sheet_part(&bytes, "演练");
    // school-fire (row 2) is mandatory; merge its 必须安排 (H) over the next two drills.
    let merged = edit_part(&bytes, &part, |xml| {
        assert!(!xml.contains("<c r=\"H3\"") && !xml.contains("<c r=\"H4\""));
        xml.replacen(
            "</sheetData>",
            "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"H2:H4\"/></mergeCells>",
            1,
        )
    });
    let loaded = load(merged).unwrap();
    let s = &loaded.scenario;
    for id in ["school-fire", "mall-fire", "mall-quake"] {
        assert!(s.drill(s.find_drill(id).unwrap()).is_required(), "{id}");
    }
    assert!(!s.drill(s.find_drill("petro-leak").unwrap()).is_required());
}

/// Calc and WPS can merge cells and keep what the covered cells held; no
/// spreadsheet shows it, so the merged value is read in their place.
#[test]
fn a_value_hidden_under_a_merged_cell_is_not_read() {
    let bytes = small_book();
    let part = xlsx_edit::sheet_part(&bytes, "演练");
    // 优先级 (G): school-fire 5, mall-fire 4; merged, the sheet shows 5 twice.
    // 名称 (B) merged across 场地 (C) on petro-leak's row hides its venue.
    let merged = edit_part(&bytes, &part, |xml| {
        assert!(xml.contains("<c r=\"G3\"") && xml.contains("<c r=\"C5\""));
        xml.replacen(
            "</sheetData>",
            "</sheetData><mergeCells count=\"2\"><mergeCell ref=\"G2:G3\"/><mergeCell ref=\"B5:C5\"/></mergeCells>",
            1,
        )
    });
    let s = load(bytes).unwrap().scenario;
    assert_eq!(s.drill(s.find_drill("mall-fire").unwrap()).priority, 4);
    let petro = s.drill(s.find_drill("petro-leak").unwrap());
    assert_eq!(s.venue(petro.venue).id, "petrochem");
    let e = refused(merged);
    let shown = e.to_string();
    // The venue is not read from under the merge: the cell is empty as shown.
    assert!(
        e.problems
            .iter()
            .any(|p| p.cell.as_deref() == Some("演练!C5")),
        "{shown}"
    );
    let notes = e.notes.join("\n");
    assert!(
        notes.contains(
            "演练!G2:G3：合并单元格显示 `5`，但其中的 G3 还存有不显示的值 `4`；按显示的 `5` 读取"
        ),
        "{notes}"
    );
    assert!(
        notes.contains("演练!B5:C5：合并单元格盖住了 C5，其中不显示的值 `petrochem` 不读入"),
        "{notes}"
    );
}

#[test]
fn a_hidden_table_is_read_with_a_note() {
    let bytes = small_book();
    let hidden = edit_part(&bytes, "xl/workbook.xml", |xml| {
        xml.replacen(
            "<sheet name=\"备勤\" sheetId=\"9\"",
            "<sheet name=\"备勤\" sheetId=\"9\" state=\"hidden\"",
            1,
        )
    });
    let before = load(bytes).unwrap().scenario.standbys.len();
    assert!(before > 0);
    let loaded = load(hidden).unwrap();
    assert_eq!(loaded.scenario.standbys.len(), before);
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.contains("工作表「备勤」已隐藏")),
        "{:?}",
        loaded.notes
    );
}

#[test]
fn the_planners_own_columns_are_left_out_with_a_note() {
    let bytes = small_book();
    let part = xlsx_edit::sheet_part(&bytes, "演练");
    let noted = edit_part(&bytes, &part, |xml| {
        let xml = set_text(xml, "Z1", "备注");
        let xml = set_text(xml, "Z2", "校长亲自参加");
        // A note in a column without a header, too.
        set_text(xml, "AB3", "待确认")
    });
    let loaded = load(noted).unwrap();
    let notes = loaded.notes.join("\n");
    assert!(notes.contains("演练!Z1：列 `备注`"), "{notes}");
    assert!(
        notes.contains("演练!AB3：`待确认` 所在的列没有表头"),
        "{notes}"
    );
    assert!(!loaded.text.contains("校长亲自参加"));
}

/// 优先级 renamed 重要程度: every drill takes the default priority, and the
/// note on the unknown header now says so, with the header to restore.
#[test]
fn a_renamed_column_says_which_column_the_sheet_now_lacks() {
    let bytes = small_book();
    let part = xlsx_edit::sheet_part(&bytes, "演练");
    let renamed = edit_part(&bytes, &part, |xml| set_text(xml, "G1", "重要程度"));
    let loaded = load(renamed).unwrap();
    let s = &loaded.scenario;
    assert_eq!(s.drill(s.find_drill("school-fire").unwrap()).priority, 1);
    let notes = loaded.notes.join("\n");
    assert!(
        notes.contains(
            "演练!G1：列 `重要程度` 不是「演练」表的列，其单元格不读入。此表没有 `优先级` 列，各行按默认值读取；如果 `重要程度` 就是其中一列，请把表头改为该列名"
        ),
        "{notes}"
    );
}

#[test]
fn unambiguous_forms_are_read_with_a_note() {
    let bytes = small_book();
    let venues = xlsx_edit::sheet_part(&bytes, "场地");
    let edited = edit_part(&bytes, &venues, |xml| {
        // 开放时段 is column H; the id of school-1 gets a trailing space.
        let xml = set_text(xml, "H2", "8:30-12:00, 15:30-19:00");
        set_text(xml, "A3", "mall-1 ")
    });
    let loaded = load(edited).unwrap();
    let notes = loaded.notes.join("\n");
    assert!(
        notes.contains(
            "场地!H2：开放时段：`8:30-12:00, 15:30-19:00` 按 `08:30-12:00, 15:30-19:00` 读取"
        ),
        "{notes}"
    );
    assert!(
        notes.contains("场地!A3：编号：`mall-1 ` 前后有空格"),
        "{notes}"
    );
    assert!(loaded.scenario.venues.iter().any(|v| v.id == "mall-1"));
}

#[test]
fn every_mistake_of_every_sheet_comes_in_one_pass() {
    let bytes = small_book();
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    let teams = xlsx_edit::sheet_part(&bytes, "队伍");
    let venues = xlsx_edit::sheet_part(&bytes, "场地");
    let bytes = edit_part(&bytes, &drills, |xml| {
        // 必须安排 (H) as a word, and a window (J, K) with one end.
        let xml = set_text(xml, "H2", "必须");
        set_text(xml, "J3", "2017-06-19 08:00")
    });
    let bytes = edit_part(&bytes, &teams, |xml| set_text(xml, "K2", "两个"));
    let bytes = edit_part(&bytes, &venues, |xml| set_text(xml, "H3", "8-18"));
    let err = refused(bytes);
    let text = err.render(false);
    for want in [
        "演练!H2: 必须安排: `必须` 不是 TRUE 或 FALSE（也可写 是 或 否）",
        "演练!K3: 最晚结束: `最晚结束` 为空而 `最早开始` 已填写",
        "队伍!K2: 每日最多演练: `两个` 不是整数",
        "场地!H3: 开放时段: `8-18` 不是时段 HH:MM-HH:MM",
    ] {
        assert!(text.contains(want), "missing `{want}` in:\n{text}");
    }
    assert!(!text.contains("invalid type"), "{text}");
}

#[test]
fn an_excel_time_reads_as_the_time_it_shows() {
    let bytes = small_book();
    // A time typed as a time where a date and time goes: named as 09:00, not as 1899.
    let style = xlsx_edit::style_of(
        &String::from_utf8(
            xlsx_edit::parts(&bytes)
                .into_iter()
                .find(|(n, _)| *n == xlsx_edit::sheet_part(&bytes, "演练"))
                .unwrap()
                .1,
        )
        .unwrap(),
        "J6",
    );
    let bytes = append_rows(
        &bytes,
        "锁定",
        &[vec![("A", Text("mall-fire")), ("B", Serial(0.375, &style))]],
    );
    let err = refused(bytes);
    let text = err.render(false);
    assert!(text.contains("`09:00` 不是日期和时间"), "{text}");
    assert!(!text.contains("1899"), "{text}");
}

#[test]
fn validate_prints_the_notes_as_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = small_book();
    let part = xlsx_edit::sheet_part(&bytes, "演练");
    let noted = edit_part(&bytes, &part, |xml| {
        set_text(set_text(xml, "Z1", "备注"), "Z2", "x")
    });
    let path = xlsx_edit::save(dir.path(), "noted.xlsx", &noted);
    let out = Command::cargo_bin("drillplan")
        .unwrap()
        .arg("validate")
        .arg(&path)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        // A Chinese workbook is answered in Chinese.
        stderr.contains("警告：") && stderr.contains("列 `备注`"),
        "{stderr}"
    );
}

#[test]
fn a_need_no_team_meets_is_refused_at_its_cell_with_the_skill_meant() {
    let bytes = small_book();
    // The skills dropdown offers this book's teams' skills and the
    // notice's standard ones, in the book's language.
    let lists = String::from_utf8(
        xlsx_edit::parts(&bytes)
            .into_iter()
            .find(|(n, _)| *n == xlsx_edit::sheet_part(&bytes, "_lists"))
            .unwrap()
            .1,
    )
    .unwrap();
    let shared = String::from_utf8(
        xlsx_edit::parts(&bytes)
            .into_iter()
            .find(|(n, _)| n == "xl/sharedStrings.xml")
            .unwrap()
            .1,
    )
    .unwrap();
    assert!(
        lists.contains("<c r=\"A12\""),
        "12 skills at least: {lists}"
    );
    for skill in ["消防", "危化品处置", "志愿者"] {
        assert!(shared.contains(&format!(">{skill}<")), "{skill} listed");
    }
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    // school-fire (row 2) needs `fire, medical`: 消防 is fire, read as such.
    let ok = edit_part(&bytes, &drills, |xml| set_text(xml, "I2", "消防, 医疗"));
    assert!(load(ok).is_ok());
    // A slip close to a skill the teams have, and a skill none has.
    let bad = edit_part(&bytes, &drills, |xml| {
        let xml = set_text(xml, "I2", "消防队, 医疗");
        set_text(xml, "I3", "潜水")
    });
    let err = refused(bad.clone());
    let text = err.render(false);
    for want in [
        "演练!I2: 所需队伍: 没有队伍具备技能「消防队」",
        "是否为「消防」？",
        // Both at their cells, in one pass.
        "演练!I3: 所需队伍: 没有队伍具备技能「潜水」",
    ] {
        assert!(text.contains(want), "missing `{want}` in:\n{text}");
    }
    assert_eq!(err.problems.len(), 2, "{text}");
    assert!(!text.contains("no team has"), "{text}");
    // The nearest of the teams' skills come first, by their Chinese labels.
    assert!(
        text.contains("是否为「消防」？各队伍具备的技能（拼写最接近的在前）：消防、"),
        "{text}"
    );
    // A skill none has and none is spelt like is refused at its cell too:
    // read as it stands, the drill would silently never be placed.
    for far in ["潜水", "特种设备"] {
        let only_far = edit_part(&bytes, &drills, |xml| set_text(xml, "I3", far));
        let err = match load(only_far) {
            Ok(_) => panic!("a need for {far} loads"),
            Err(e) => e,
        };
        assert_eq!(err.problems.len(), 1, "{}", err.render(false));
        let text = err.render(false);
        for want in [
            format!("w.xlsx: 演练!I3: 所需队伍: 没有队伍具备技能「{far}」，此演练将无法安排"),
            "各队伍具备的技能（拼写最接近的在前）：".to_string(),
            "请在「队伍」表给某支队伍加上此技能，或改正此需求".to_string(),
        ] {
            assert!(text.contains(&want), "missing `{want}` in:\n{text}");
        }
        // The teams' skills by the book's labels, not their keys.
        assert!(text.contains("消防") && !text.contains("fire"), "{text}");
    }
}

/// `validate` of a workbook with a need no team meets fails at the cell
/// (exit 1); the same scenario as TOML is valid by its contract, and
/// `validate` warns that the drill can never be placed; `convert` to a
/// workbook warns that the workbook will refuse the need.
#[test]
fn a_need_no_team_meets_fails_a_workbook_and_warns_in_toml() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/scenarios/small.toml")
        .unwrap()
        .replacen(
            "needs = [{ skill = \"medical\" }]",
            "needs = [{ skill = \"special_equipment\" }]",
            1,
        );
    let toml_path = dir.path().join("city.toml");
    std::fs::write(&toml_path, &text).unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        let out = Command::cargo_bin("drillplan")
            .unwrap()
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, stderr) = run(&[
        "validate".as_ref(),
        toml_path.as_ref(),
        "--lang".as_ref(),
        "zh".as_ref(),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains("警告：演练 mall-quake 无法安排"),
        "{stderr}"
    );
    let book = dir.path().join("city.xlsx");
    let (code, stderr) = run(&[
        "convert".as_ref(),
        toml_path.as_ref(),
        book.as_ref(),
        "--lang".as_ref(),
        "zh".as_ref(),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    for want in [
        "警告：",
        "drill `mall-quake`.needs.skill: 没有队伍具备技能「special_equipment」，此演练将无法安排；\
         工作簿将拒绝此需求，直到「队伍」表中有队伍具备此技能",
    ] {
        assert!(stderr.contains(want), "missing `{want}` in:\n{stderr}");
    }
    let (code, stderr) = run(&["validate".as_ref(), book.as_ref()]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("演练!I4：所需队伍：没有队伍具备技能「special_equipment」"),
        "{stderr}"
    );
}

/// A Chinese workbook with a mistake, in a shell whose locale is not
/// Chinese and with no --lang: the body of each problem is in the headers'
/// language, and so is the frame around it (`错误[…]：`, `提示：`), not
/// `error[bad-value]:` over a Chinese sentence.
#[test]
fn a_chinese_workbook_that_cannot_be_read_is_framed_in_chinese() {
    let bytes = append_rows(
        &small_book(),
        "区域",
        &[vec![("A", Text("bad id!")), ("B", Text("坏区域"))]],
    );
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx_edit::save(dir.path(), "w.xlsx", &bytes);
    let out = Command::cargo_bin("drillplan")
        .unwrap()
        .arg("validate")
        .arg(&path)
        .env_remove("DRILLPLAN_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("区域!A"), "{stderr}");
    assert!(
        stderr.starts_with("错误[") && !stderr.contains("error["),
        "{stderr}"
    );
}

/// The small city with every team's 值班时段 (队伍, column H) filled in.
fn book_with_team_hours(lang: Lang) -> Vec<u8> {
    let text = std::fs::read_to_string("tests/scenarios/small.toml")
        .unwrap()
        .replace("hours = \"09:00-17:00\"\n", "")
        .replace("\nbase = [", "\nhours = \"08:00-18:00\"\nbase = [");
    workbook::to_xlsx(&toml::from_str(&text).unwrap(), lang).unwrap()
}

/// `9:00`-style hours typed in five team rows (two runs of them), and a
/// venue id with a trailing space, in a sheet named `teams` or `venues`.
fn typed_loosely(bytes: &[u8], teams: &str, venues: &str) -> Vec<u8> {
    let part = xlsx_edit::sheet_part(bytes, teams);
    let bytes = edit_part(bytes, &part, |xml| {
        let mut xml = xml;
        for cell in ["H2", "H3", "H4", "H6"] {
            xml = set_text(xml, cell, "8:00-18:00");
        }
        set_text(xml, "H7", "9:00-17:00")
    });
    let part = xlsx_edit::sheet_part(&bytes, venues);
    edit_part(&bytes, &part, |xml| set_text(xml, "A3", "mall-1 "))
}

/// A planner who types `9:00` in many cells reads one line for them, which
/// names the cells (runs of them), their count and what was read; every
/// other note stays a line of its own.
#[test]
fn many_notes_of_one_kind_in_a_column_fold_into_one_line() {
    let zh = typed_loosely(&book_with_team_hours(Lang::Zh), "队伍", "场地");
    let loaded = load(zh).unwrap();
    let hours: Vec<&String> = loaded
        .notes
        .iter()
        .filter(|n| n.contains("值班时段"))
        .collect();
    assert_eq!(
        hours,
        [
            "队伍!H2:H4, H6:H7：值班时段：共 5 个单元格：`8:00-18:00` 按 `08:00-18:00` 读取；\
             `9:00-17:00` 按 `09:00-17:00` 读取"
        ],
        "{:?}",
        loaded.notes
    );
    assert!(
        loaded
            .notes
            .iter()
            .any(|n| n.starts_with("场地!A3：编号：`mall-1 ` 前后有空格")),
        "{:?}",
        loaded.notes
    );
    assert_eq!(loaded.notes.len(), 2, "{:?}", loaded.notes);
    // The hours read are the ones typed: 8:00-18:00 is 08:00-18:00.
    let shift = |s: &drillplan::scenario::Scenario| {
        format!("{:?}", s.team(s.find_team("police-krm").unwrap()).shift)
    };
    let typed = load(book_with_team_hours(Lang::Zh)).unwrap().scenario;
    assert_eq!(shift(&loaded.scenario), shift(&typed));

    let en = typed_loosely(&book_with_team_hours(Lang::En), "teams", "venues");
    let loaded = load(en).unwrap();
    assert!(
        loaded.notes.iter().any(|n| n
            == "teams!H2:H4, H6:H7: hours: 5 cells: `8:00-18:00` read as `08:00-18:00`; \
                `9:00-17:00` read as `09:00-17:00`"),
        "{:?}",
        loaded.notes
    );
    assert_eq!(loaded.notes.len(), 2, "{:?}", loaded.notes);
}

/// A workbook refused for its errors still says how it was read: the
/// warnings of the same read come after the errors, as they would had it
/// loaded, whichever command read it.
#[test]
fn warnings_come_after_the_errors_of_a_refused_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = typed_loosely(&book_with_team_hours(Lang::Zh), "队伍", "场地");
    let part = xlsx_edit::sheet_part(&bytes, "队伍");
    // 每日最多演练 as a word: an error of the same read.
    let bytes = edit_part(&bytes, &part, |xml| set_text(xml, "K2", "两个"));
    let book = xlsx_edit::save(dir.path(), "city.xlsx", &bytes);
    let csv = dir.path().join("schedule.csv");
    std::fs::write(&csv, "drill_id\n").unwrap();
    let out_csv = dir.path().join("out.csv");
    let out_toml = dir.path().join("out.toml");
    let runs: [Vec<&std::ffi::OsStr>; 4] = [
        vec!["validate".as_ref(), book.as_ref()],
        vec![
            "solve".as_ref(),
            "-o".as_ref(),
            out_csv.as_ref(),
            book.as_ref(),
        ],
        vec!["convert".as_ref(), book.as_ref(), out_toml.as_ref()],
        vec!["check".as_ref(), book.as_ref(), csv.as_ref()],
    ];
    for args in runs {
        let out = Command::cargo_bin("drillplan")
            .unwrap()
            .args(&args)
            .env_remove("DRILLPLAN_LANG")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {stderr}");
        let error = stderr
            .find("队伍!K2：每日最多演练：`两个` 不是整数")
            .unwrap_or_else(|| panic!("{args:?}: no error in:\n{stderr}"));
        let hours = stderr
            .find("警告：")
            .unwrap_or_else(|| panic!("{args:?}: no warning in:\n{stderr}"));
        assert!(error < hours, "{args:?}: the errors come first:\n{stderr}");
        for want in [
            "警告：",
            "队伍!H2:H4, H6:H7：值班时段：共 5 个单元格：`8:00-18:00` 按 `08:00-18:00` 读取",
            "场地!A3：编号：`mall-1 ` 前后有空格",
        ] {
            assert!(
                stderr.contains(want),
                "{args:?}: missing `{want}` in:\n{stderr}"
            );
        }
        assert!(!out_csv.exists() && !out_toml.exists());
    }
}

/// A planner in Calc types a drill's length the way it is said: `1小时`,
/// `一个半小时`, or `1:30`, which Calc turns into a time. The column counts
/// minutes; each cell is named with the number to write instead.
#[test]
fn a_length_typed_in_hours_is_refused_with_the_minutes_to_write() {
    let bytes = small_book();
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    let bytes = edit_part(&bytes, &drills, |xml| {
        let xml = set_text(xml, "F2", "1小时");
        let xml = set_text(xml, "F3", "一个半小时");
        set_text(xml, "F4", "90分钟")
    });
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx_edit::save(dir.path(), "w.xlsx", &bytes);
    let out = Command::cargo_bin("drillplan")
        .unwrap()
        .arg("validate")
        .arg(&path)
        .env_remove("DRILLPLAN_LANG")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    for want in [
        "演练!F2：时长(分钟)：`1小时` 不是整数，如 60\n  提示：此列以分钟计：`1小时` 请写 60",
        "演练!F3：时长(分钟)：`一个半小时` 不是整数，如 60\n  提示：此列以分钟计：`一个半小时` 请写 90",
        "演练!F4：时长(分钟)：`90分钟` 不是整数，如 60\n  提示：此列以分钟计：`90分钟` 请写 90",
    ] {
        assert!(stderr.contains(want), "missing `{want}` in:\n{stderr}");
    }
}

/// A cell's own problem follows the book's headers unless the run asks for
/// a language: `--lang en` on a Chinese book says the problem in English,
/// still naming the cell by the header the planner sees.
#[test]
fn a_cells_problem_is_said_in_the_language_the_run_asks_for() {
    let bytes = small_book();
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    let bytes = edit_part(&bytes, &drills, |xml| set_text(xml, "F2", "两个"));
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx_edit::save(dir.path(), "w.xlsx", &bytes);
    let said = |lang: Option<&str>| {
        let mut cmd = Command::cargo_bin("drillplan").unwrap();
        cmd.arg("validate").arg(&path).env_remove("DRILLPLAN_LANG");
        if let Some(lang) = lang {
            cmd.args(["--lang", lang]);
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let en = said(Some("en"));
    assert!(
        en.contains("演练!F2: 时长(分钟): `两个` is not a whole number"),
        "{en}"
    );
    assert!(!en.contains("不是整数"), "{en}");
    for zh in [said(Some("zh")), said(None)] {
        assert!(zh.contains("演练!F2：时长(分钟)：`两个` 不是整数"), "{zh}");
    }
}

/// `消访` typed for `消防` in a team's 技能: other teams still cover every
/// need, so nothing fails, and the team would silently never be sent to a
/// fire drill. The workbook loads, with a warning at the cell.
#[test]
fn a_team_skill_spelt_close_to_a_needed_one_is_warned_at_its_cell() {
    let bytes = small_book();
    assert!(
        !load(bytes.clone())
            .unwrap()
            .notes
            .iter()
            .any(|n| n.contains("技能")),
        "no warning for the teams' own skills"
    );
    let teams = xlsx_edit::sheet_part(&bytes, "队伍");
    // fire-krm-2 (row 3) holds only fire; fire-krm-1 and fire-dsz still cover `fire×2`.
    let bytes = edit_part(&bytes, &teams, |xml| set_text(xml, "D3", "消访"));
    let loaded = load(bytes).expect("the workbook loads");
    let want = "队伍!D3：技能：没有演练需要技能「消访」；是否为「消防」？照此填写，此队伍不会被安排到需要「消防」的演练";
    assert!(
        loaded.notes.iter().any(|n| n == want),
        "missing `{want}` in {:#?}",
        loaded.notes
    );
}

/// A coverage row no district can meet: the help names the columns of the
/// 覆盖要求 sheet, not the TOML keys `min_drills` and `districts`.
#[test]
fn a_coverage_row_out_of_reach_says_what_to_change_in_the_sheets_words() {
    let bytes = append_rows(
        &small_book(),
        "覆盖要求",
        &[vec![
            ("A", Text("独山子区学校演练")),
            ("C", Text("火灾疏散")),
            ("D", Text("dsz")),
            ("E", Text("5")),
        ]],
    );
    let text = refused(bytes).render_in(false, Lang::Zh);
    assert!(
        text.contains("覆盖要求!E") && text.contains("提示：请调低最少演练数"),
        "{text}"
    );
    assert!(
        !text.contains("min_drills") && !text.contains("`districts`"),
        "{text}"
    );
}

/// A coverage row whose sector no drill has, typed short of the notice's
/// word (`人员密集` for 人员密集场所) or two in one cell, was refused at its
/// 最少演练数 cell as "only 0 such drills" in each district, the slip
/// itself unnamed. It is said at the 行业领域 cell, with the drills'
/// sectors closest first.
#[test]
fn a_coverage_sector_no_drill_has_is_named_at_its_cell() {
    for typed in ["人员密集", "人员密集场所、危险化学品"] {
        let bytes = append_rows(
            &small_book(),
            "覆盖要求",
            &[vec![
                ("A", Text("学校演练")),
                ("B", Text(typed)),
                ("E", Text("1")),
            ]],
        );
        let text = refused(bytes).render_in(false, Lang::Zh);
        let want = format!(
            "覆盖要求!B2：行业领域：覆盖要求「学校演练」：没有演练的行业领域是「{typed}」，此行不计入任何演练"
        );
        assert!(text.contains(&want), "missing `{want}` in:\n{text}");
        assert!(
            text.contains("提示：演练中的行业领域（最接近的在前）：人员密集场所"),
            "{text}"
        );
        assert!(!text.contains("但情景中该区域只有 0 个"), "{text}");
    }
}

/// What a coverage row for schools, its 区域 typed `district`, is refused
/// with, in Chinese.
fn coverage_district_refused(district: &str) -> String {
    let bytes = append_rows(
        &small_book(),
        "覆盖要求",
        &[vec![
            ("A", Text("学校演练")),
            ("B", Text("人员密集场所")),
            ("D", Text(district)),
        ]],
    );
    refused(bytes).render_in(false, Lang::Zh)
}

/// A district typed by its name where its id goes (`独山子区` for `dsz`,
/// as the notice and the sheet's 名称 column say it) was refused with the
/// list of ids only; the hint now says whose name it is and the id to write.
#[test]
fn a_reference_typed_by_name_is_told_the_id_to_write() {
    let text = coverage_district_refused("独山子区");
    assert!(
        text.contains("覆盖要求!D2：区域：没有编号为 `独山子区` 的区域")
            && text.contains("提示：「独山子区」是区域 `dsz` 的名称；此处须填编号：请写 `dsz`"),
        "{text}"
    );
}

/// A district typed by its name with ASCII brackets where the name has
/// full-width ones (`克拉玛依区(主城)` for `克拉玛依区（主城）`), as the two
/// look alike in a cell, was told only the list of ids; it is now told
/// whose name it is and the id to write.
#[test]
fn a_name_differing_only_by_its_brackets_is_told_the_id_to_write() {
    let text = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let text = text.replace("name = \"独山子区\"", "name = \"独山子区（石化）\"");
    assert!(text.contains("独山子区（石化）"));
    let renamed = workbook::to_xlsx(&toml::from_str(&text).unwrap(), Lang::Zh).unwrap();
    let bytes = append_rows(
        &renamed,
        "覆盖要求",
        &[vec![
            ("A", Text("学校演练")),
            ("B", Text("人员密集场所")),
            ("D", Text("独山子区 (石化)")),
        ]],
    );
    let text = refused(bytes).render_in(false, Lang::Zh);
    assert!(
        text.contains("提示：「独山子区 (石化)」即区域 `dsz` 的名称「独山子区（石化）」（括号或空格的写法不同）；此处须填编号：请写 `dsz`"),
        "{text}"
    );
}

/// A coverage row with neither a sector nor a kind was told so by the TOML
/// keys alone (`既没有 `sector` 也没有 `kind``) on a sheet whose columns are
/// 行业领域 and 类型.
#[test]
fn a_coverage_row_with_no_sector_or_kind_names_the_columns() {
    let bytes = append_rows(
        &small_book(),
        "覆盖要求",
        &[vec![("A", Text("学校演练")), ("E", Text("1"))]],
    );
    let text = refused(bytes).render_in(false, Lang::Zh);
    assert!(
        text.contains(
            "覆盖要求「学校演练」既没有行业领域（sector）也没有类型（kind），不计入任何演练"
        ),
        "{text}"
    );
}

/// Days typed as planners type them: a range `周一至周五` is read day by
/// day with a warning; a day that is no date (`6月31日`, read in the
/// plan's year) is named at its cell with the rest of the mistakes, not as
/// a TOML type error that hid them until it was fixed.
#[test]
fn weekday_ranges_are_read_and_a_date_that_is_none_is_named_in_the_same_pass() {
    let bytes = small_book();
    let venues = xlsx_edit::sheet_part(&bytes, "场地");
    let teams = xlsx_edit::sheet_part(&bytes, "队伍");
    let bytes = edit_part(&bytes, &venues, |xml| {
        let xml = set_text(xml, "I2", "周一至周五");
        set_text(xml, "J3", "6月31日")
    });
    let bytes = edit_part(&bytes, &teams, |xml| set_text(xml, "K2", "两个"));
    let err = refused(bytes);
    let text = err.render_in(false, Lang::Zh);
    for want in [
        "场地!J3：关闭日期：`6月31日` 不是日期，如 2017-06-19",
        "队伍!K2：每日最多演练：`两个` 不是整数",
        "警告：w.xlsx：场地!I2：开放日：`周一至周五` 按 `周一, 周二, 周三, 周四, 周五` 读取",
    ] {
        assert!(text.contains(want), "missing `{want}` in:\n{text}");
    }
    assert!(!text.contains("类型不符合"), "{text}");
}

/// Rows hidden on a table (by hand, or by a filter a planner left on) are
/// read as any other: the planner who sees 6 drills on screen while 8 are
/// scheduled is told so, rows named, as for a hidden sheet.
#[test]
fn hidden_rows_of_a_table_are_read_with_a_warning() {
    let bytes = small_book();
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    let bytes = edit_part(&bytes, &drills, |xml| {
        assert!(xml.contains("<row r=\"3\"") && xml.contains("<row r=\"4\""));
        xml.replace("<row r=\"3\"", "<row r=\"3\" hidden=\"1\"")
            .replace("<row r=\"4\"", "<row r=\"4\" hidden=\"true\"")
    });
    let loaded = load(bytes).expect("the workbook loads");
    assert_eq!(loaded.scenario.drills.len(), 8, "hidden rows are read");
    let want = "演练!3:4：2 行已隐藏（手动隐藏或被筛选）；这些行照常读入";
    assert!(
        loaded.notes.iter().any(|n| n == want),
        "missing `{want}` in {:#?}",
        loaded.notes
    );
    // A hidden header row is still the header, not a data row read.
    let bytes = edit_part(&small_book(), &drills, |xml| {
        xml.replace("<row r=\"1\"", "<row r=\"1\" hidden=\"1\"")
            .replace("<row r=\"5\"", "<row r=\"5\" hidden=\"1\"")
    });
    let loaded = load(bytes).expect("the workbook loads");
    let hidden: Vec<&String> = loaded.notes.iter().filter(|n| n.contains("隐藏")).collect();
    assert_eq!(
        hidden,
        ["演练!5:5：1 行已隐藏（手动隐藏或被筛选）；这些行照常读入"],
        "{:#?}",
        loaded.notes
    );
    // Nothing hidden, nothing said.
    assert!(!load(small_book())
        .unwrap()
        .notes
        .iter()
        .any(|n| n.contains("隐藏")));
}

/// A count typed with a Chinese input method's full-width digits
/// (`消防×２`) was refused as a TOML type error (`"２"` 的类型不符合此项),
/// which also ended the pass; it is the count 2. A count said the way a
/// planner says it (`消防 2`, `消防（2）`, `2个消防`) is still refused at its
/// cell, now with the need to write, not `是否为「消防」？`.
#[test]
fn a_count_typed_full_width_is_read_and_one_said_in_words_is_told_how_to_write() {
    let bytes = small_book();
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    let typed = |text: &str| edit_part(&bytes, &drills, |xml| set_text(xml, "I2", text));
    let loaded = load(typed("消防×２, 医疗")).expect("the workbook loads");
    let fire = loaded
        .scenario
        .skills
        .iter()
        .position(|s| s == "fire")
        .unwrap();
    let first = &loaded.scenario.drills[0];
    let teams_of_fire: u32 = first
        .needs
        .iter()
        .filter(|n| matches!(n, drillplan::scenario::Need::Skill { skill, .. } if skill.index() == fire))
        .map(|n| n.count())
        .sum();
    assert_eq!(teams_of_fire, 2, "{:?}", first.needs);
    for written in ["消防 2", "消防（2）", "2个消防"] {
        let err = refused(typed(&format!("{written}, 医疗")));
        let p = err
            .problems
            .iter()
            .find(|p| p.cell.as_deref() == Some("演练!I2"))
            .unwrap_or_else(|| panic!("{written}: {:#?}", err.problems));
        assert_eq!(
            p.help.as_deref(),
            Some(
                format!("「{written}」像是 2 支「消防」队伍：数量请写在 × 之后，如 消防×2")
                    .as_str()
            ),
            "{written}"
        );
    }
}

/// `每天` under 工作日 (a team on duty every day, as it is said) was refused,
/// and quoted as TOML (`"每天"`); it is every weekday, read with a warning
/// that shows the days, as `工作日` and `周末` are. A word that is no day
/// is quoted as typed.
#[test]
fn every_day_said_in_words_is_read_and_a_word_that_is_no_day_is_quoted_as_typed() {
    let bytes = small_book();
    let teams = xlsx_edit::sheet_part(&bytes, "队伍");
    let typed = |text: &str| edit_part(&bytes, &teams, |xml| set_text(xml, "I2", text));
    for word in ["每天", "每日", "全周", "天天"] {
        let loaded = load(typed(word)).expect("the workbook loads");
        let want =
            format!("队伍!I2：工作日：`{word}` 按 `周一, 周二, 周三, 周四, 周五, 周六, 周日` 读取");
        assert!(
            loaded.notes.iter().any(|n| n == &want),
            "missing `{want}` in {:#?}",
            loaded.notes
        );
    }
    let err = refused(typed("每周"));
    let p = err
        .problems
        .iter()
        .find(|p| p.cell.as_deref() == Some("队伍!I2"))
        .unwrap_or_else(|| panic!("{:#?}", err.problems));
    assert!(p.message.starts_with("`每周` 既不是星期"), "{}", p.message);
}

/// A sheet named like a table beside that table (a copy, `演练 (2)`) is
/// left out with a warning naming the sheet that is read; with no such
/// table (`演练表` for 演练, renamed), it is refused with the name it
/// should have, as before. (Real Calc's copy: libreoffice.rs.)
#[test]
fn a_sheet_named_like_a_table_beside_it_is_a_copy_and_without_it_a_rename() {
    let bytes = small_book();
    let renamed = |from: &str, to: &str| {
        edit_part(&bytes, "xl/workbook.xml", |xml| {
            let old = format!("<sheet name=\"{from}\"");
            assert!(xml.contains(&old), "{xml}");
            xml.replacen(&old, &format!("<sheet name=\"{to}\""), 1)
        })
    };
    // 冲突 renamed `演练 (2)`: a sheet beside 演练 named as its copy.
    let loaded = load(renamed("冲突", "演练 (2)")).expect("the workbook loads");
    let want = "工作表「演练 (2)」像是「演练」表的副本，不读入；读入的是「演练」表（副本仍留在工作簿中）。\
                如要改用副本中的内容，请删除「演练」表，再把副本改名为「演练」";
    assert!(
        loaded.notes.iter().any(|n| n == want),
        "{:#?}",
        loaded.notes
    );
    // 演练 itself renamed: its rows would be lost, so it is refused.
    let err = refused(renamed("演练", "演练表"));
    let p = err
        .problems
        .iter()
        .find(|p| p.cell.as_deref() == Some("演练表"))
        .unwrap_or_else(|| panic!("{:#?}", err.problems));
    assert_eq!(
        p.help.as_deref(),
        Some("是否为「演练」？请把工作表改名为「演练」，其各行才会读入")
    );
}

/// A column hidden on a table (必须安排 folded away to tidy the screen)
/// was read without a word: the planner sees none of its values, yet each
/// counts. It is still read, with a warning naming the column under its
/// header; a hidden column with nothing below its header, or columns
/// hidden past the table's (no header, not read), is nothing to say.
/// (Real Calc's hidden column is the same `<col hidden="1">`.)
#[test]
fn a_hidden_column_of_a_table_is_read_with_a_warning() {
    let bytes = small_book();
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    let loaded = load(bytes.clone()).unwrap();
    let mandatory = loaded
        .scenario
        .drills
        .iter()
        .filter(|d| d.mandatory)
        .count();
    assert!(mandatory > 0);
    let hide = |min: u32, max: u32| {
        edit_part(&bytes, &drills, |xml| {
            let cols = format!(
                "<cols><col min=\"{min}\" max=\"{max}\" width=\"9\" hidden=\"1\" customWidth=\"1\"/>"
            );
            assert!(xml.contains("<cols>"));
            xml.replacen("<cols>", &cols, 1)
        })
    };
    // H, 必须安排.
    let loaded = load(hide(8, 8)).expect("the workbook loads");
    let read = loaded
        .scenario
        .drills
        .iter()
        .filter(|d| d.mandatory)
        .count();
    assert_eq!(read, mandatory, "a hidden column is read");
    let said: Vec<&String> = loaded
        .notes
        .iter()
        .filter(|n| n.contains("列已隐藏"))
        .collect();
    assert_eq!(said.len(), 1, "{:#?}", loaded.notes);
    assert!(
        said[0].starts_with("演练!H:H：「必须安排」列已隐藏；其中 ")
            && said[0].ends_with(" 个值照常读入（取消隐藏可查看读入的内容；不需要请清空）"),
        "{said:?}"
    );
    // Everything from the column past the table's to the sheet's end.
    let loaded = load(hide(30, 16384)).expect("the workbook loads");
    assert!(
        !loaded.notes.iter().any(|n| n.contains("隐藏")),
        "{:#?}",
        loaded.notes
    );
}

/// What a Chinese input method types: a full-width colon and a range typed
/// with `～` or `至` in opening hours, full-width digits in a duration. They
/// were refused at every cell; they are read, with a warning showing what
/// was read.
#[test]
fn full_width_digits_colons_and_range_words_are_read_with_a_note() {
    let bytes = small_book();
    let venues = xlsx_edit::sheet_part(&bytes, "场地");
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    let bytes = edit_part(&bytes, &venues, |xml| {
        let xml = set_text(xml, "H2", "9：00～12：00，15：30至19：00");
        set_text(xml, "H3", "９：００－１９：００")
    });
    let bytes = edit_part(&bytes, &drills, |xml| set_text(xml, "F2", "６０"));
    let loaded = load(bytes).expect("the workbook loads");
    let notes = loaded.notes.join("\n");
    for want in [
        "`9：00～12：00，15：30至19：00` 按 `09:00-12:00, 15:30-19:00` 读取",
        "`９：００－１９：００` 按 `09:00-19:00` 读取",
        "演练!F2：时长(分钟)：`６０` 按 `60` 读取",
    ] {
        assert!(notes.contains(want), "missing `{want}` in:\n{notes}");
    }
    let school = &loaded.scenario.drills[0];
    assert_eq!(school.duration, 60);
}

#[test]
fn a_date_without_a_year_is_read_in_the_plans_year() {
    let bytes = small_book();
    let venues = xlsx_edit::sheet_part(&bytes, "场地");
    // kg-1 (row 5) is closed on 2017-06-20; typed without the year.
    let edited = edit_part(&bytes, &venues, |xml| set_text(xml, "J5", "6月20日"));
    let edited = append_rows(
        &edited,
        "锁定",
        &[vec![("A", Text("mall-fire")), ("B", Text("6/19 9:00"))]],
    );
    let loaded = load(edited).unwrap();
    let notes = loaded.notes.join("\n");
    assert!(
        notes.contains("场地!J5：关闭日期：`6月20日` 没有年份；按计划的年份读作 `2017-06-20`"),
        "{notes}"
    );
    assert!(
        notes.contains("锁定!B")
            && notes.contains("`6/19 9:00` 没有年份；按计划的年份读作 `2017-06-19 09:00`"),
        "{notes}"
    );
    assert!(
        loaded.text.contains("closed = [2017-06-20]"),
        "{}",
        loaded.text
    );
    assert!(
        loaded.text.contains("start = 2017-06-19T09:00:00"),
        "{}",
        loaded.text
    );
    let original = load(small_book()).unwrap().text;
    assert!(original.contains("closed = [2017-06-20]"), "{original}");
}

#[test]
fn a_date_without_a_year_is_refused_when_the_plan_gives_none() {
    let bytes = small_book();
    let plan = xlsx_edit::sheet_part(&bytes, "计划");
    let venues = xlsx_edit::sheet_part(&bytes, "场地");
    let edited = edit_part(&bytes, &plan, |xml| set_text(xml, "B2", "6月19日"));
    let edited = edit_part(&edited, &venues, |xml| set_text(xml, "J5", "6-20"));
    let text = refused(edited).render(false);
    for want in [
        "计划!B2: 开始日期: `6月19日` 没有年份；请写上年份，如 2027-06-19",
        "场地!J5: 关闭日期: `6-20` 没有年份，而「计划」表的开始、结束日期无法读出",
    ] {
        assert!(text.contains(want), "missing `{want}` in:\n{text}");
    }
}

/// `6/20` typed into a date cell in Excel becomes a date of the current
/// year, shown without it: a date cell of another year whose day falls in
/// the plan is read as it stands, and the planner told which date the
/// plan's year would give.
#[test]
fn a_date_cell_of_another_year_within_the_plans_days_is_named() {
    let bytes = small_book();
    let venues = xlsx_edit::sheet_part(&bytes, "场地");
    // The date style of the plan's start (计划!B2): a real date cell.
    let plan = xlsx_edit::sheet_part(&bytes, "计划");
    let plan_xml = xlsx_edit::parts(&bytes)
        .into_iter()
        .find(|(n, _)| *n == plan)
        .unwrap()
        .1;
    let style = xlsx_edit::style_of(&String::from_utf8(plan_xml).unwrap(), "B2");
    let edited = edit_part(&bytes, &venues, |xml| {
        let at = xml.find("<c r=\"J5\"").unwrap();
        let end = at + xml[at..].find("</c>").unwrap() + 4;
        let serial = xlsx_edit::serial(2016, 6, 20, 0, 0);
        format!(
            "{}<c r=\"J5\" s=\"{style}\"><v>{serial}</v></c>{}",
            &xml[..at],
            &xml[end..]
        )
    });
    let loaded = load(edited).unwrap();
    let notes = loaded.notes.join("\n");
    assert!(
        notes.contains(
            "场地!J5：关闭日期：`2016-06-20` 照原样读入，但计划为 2017-06-19 至 2017-06-21"
        ) && notes.contains("如指 2017-06-20，请连同年份输入"),
        "{notes}"
    );
    assert!(
        loaded.text.contains("closed = [2016-06-20]"),
        "{}",
        loaded.text
    );
}

/// Calc and Excel make `2017-06-20` typed into a cell a date-time at
/// midnight shown as a date. Where a date and time is wanted (a pin's start,
/// a window's ends) the planner sees a bare date, which as text is refused;
/// read as 00:00, a window's end would leave out the day it names. A cell
/// whose format shows the time (`2017-06-20 00:00`) still reads as 00:00.
#[test]
fn a_date_cell_shown_without_a_time_is_no_date_and_time() {
    let bytes = small_book();
    let style_of = |sheet: &str, at: &str| {
        let part = xlsx_edit::sheet_part(&bytes, sheet);
        let xml = xlsx_edit::parts(&bytes)
            .into_iter()
            .find(|(n, _)| *n == part)
            .unwrap()
            .1;
        xlsx_edit::style_of(&String::from_utf8(xml).unwrap(), at)
    };
    // The plan's start date (a date format) and a window's end (a date-time one).
    let (date, datetime) = (style_of("计划", "B2"), style_of("演练", "J6"));
    let midnight = xlsx_edit::serial(2017, 6, 20, 0, 0);
    let pinned = |style: &str| {
        append_rows(
            &bytes,
            "锁定",
            &[vec![
                ("A", Text("mall-fire")),
                ("B", Serial(midnight, style)),
            ]],
        )
    };
    let text = refused(pinned(&date)).render(false);
    assert!(
        text.contains("锁定!B3: 开始时间: `2017-06-20` 不是日期和时间"),
        "{text}"
    );
    let loaded = load(pinned(&datetime)).unwrap();
    assert!(
        loaded.text.contains("start = 2017-06-20T00:00:00"),
        "{}",
        loaded.text
    );
}

/// `全部` under a coverage row's 区域, as the notice says "every district",
/// got the list of district ids; the hint says to leave the cell empty.
#[test]
fn every_district_typed_as_a_word_is_told_to_leave_the_cell_empty() {
    let text = coverage_district_refused("全部");
    assert!(
        text.contains("覆盖要求!D2：区域：没有编号为 `全部` 的区域")
            && text.contains("提示：要计入所有区域，请把区域（districts）留空"),
        "{text}"
    );
}

/// Times written the Chinese way (`8点-12点`, `下午2点-5点半`, `9点半`,
/// `8：00——12：00`) were refused as no time; now each is read as said, with
/// a note, and one that could be two times is refused at its cell saying
/// how to write either.
#[test]
fn times_written_the_chinese_way_are_read_as_said_or_refused_at_the_cell() {
    use drillplan::scenario::time::Window;
    let bytes = small_book();
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    let venues = xlsx_edit::sheet_part(&bytes, "场地");
    let read = edit_part(&bytes, &venues, |xml| {
        let xml = set_text(xml, "H2", "8点-12点，下午2点-5点半");
        set_text(xml, "H3", "8：00——12：00")
    });
    let read = edit_part(&read, &drills, |xml| {
        let xml = set_text(xml, "J3", "2017-06-19 9点半");
        set_text(xml, "K3", "2017-06-19 下午5点")
    });
    let loaded = load(read).unwrap();
    let hours = |id: &str| {
        let v = loaded.scenario.venues.iter().find(|v| v.id == id).unwrap();
        v.hours.clone()
    };
    let w = |start, end| Window { start, end };
    assert_eq!(hours("school-1"), [w(480, 720), w(840, 1050)]);
    assert_eq!(hours("mall-1"), [w(480, 720)]);
    assert!(
        loaded.text.contains("2017-06-19T09:30:00") && loaded.text.contains("2017-06-19T17:00:00"),
        "{}",
        loaded.text
    );
    let notes = loaded.notes.join("\n");
    assert!(
        notes.contains("`8点-12点，下午2点-5点半` 按 `08:00-12:00, 14:00-17:30` 读取"),
        "{notes}"
    );
    // Two readings: refused at the cell, both said.
    let refused_book = edit_part(&bytes, &venues, |xml| {
        let xml = set_text(xml, "H2", "8点-5点");
        set_text(xml, "H3", "下午12点-5点")
    });
    let refused_book = edit_part(&refused_book, &drills, |xml| {
        set_text(xml, "J3", "2017-06-19 9点5")
    });
    let text = refused(refused_book).render(false);
    for want in [
        "场地!H2: 开放时段: `8点-5点` 读作 08:00-05:00，结束早于开始；如指下午，请写 08:00-17:00",
        "场地!H3: 开放时段: `下午12点` 可指中午也可指午夜",
        "演练!J3: 最早开始: `9点5` 可指 09:05 也可指 09:50",
    ] {
        assert!(text.contains(want), "missing `{want}` in:\n{text}");
    }
}

/// A header given a note in brackets (`优先级（1-10）`, `容量(个)`, as Calc
/// users label a column) left the column unread with a warning, every row
/// taking its default (a total priority of 20 for 120 typed); now it names
/// its column. A unit other than the column's own is still not it.
#[test]
fn a_header_with_a_note_in_brackets_is_its_column() {
    let bytes = small_book();
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    let venues = xlsx_edit::sheet_part(&bytes, "场地");
    let plain = load(bytes.clone()).unwrap();
    let noted = edit_part(&bytes, &drills, |xml| set_text(xml, "G1", "优先级（1-10）"));
    let noted = edit_part(&noted, &venues, |xml| set_text(xml, "G1", "容量(个)"));
    let loaded = load(noted).unwrap();
    let priorities = |l: &workbook::Loaded| -> Vec<u64> {
        l.scenario.drills.iter().map(|d| d.priority).collect()
    };
    let capacities = |l: &workbook::Loaded| -> Vec<u32> {
        l.scenario.venues.iter().map(|v| v.capacity).collect()
    };
    assert!(priorities(&plain).iter().any(|&p| p != 1));
    assert_eq!(priorities(&loaded), priorities(&plain));
    assert_eq!(capacities(&loaded), capacities(&plain));
    assert!(
        !loaded.notes.iter().any(|n| n.contains("不是")),
        "{:?}",
        loaded.notes
    );
    let hours = edit_part(&bytes, &drills, |xml| set_text(xml, "F1", "时长(小时)"));
    let text = refused(hours).render(false);
    assert!(text.contains("时长"), "{text}");
}

/// A closed day typed with another year (`2016-06-19`) left the venue open
/// on the plan's 6月19日 without a word; it is now warned of at its cell.
#[test]
fn a_closed_day_outside_the_plan_is_warned_of_at_its_cell() {
    let bytes = small_book();
    let venues = xlsx_edit::sheet_part(&bytes, "场地");
    let bytes = edit_part(&bytes, &venues, |xml| set_text(xml, "J2", "2016-06-19"));
    let loaded = load(bytes).unwrap();
    let notes = loaded.notes.join("\n");
    assert!(
        notes.contains(
            "场地!J2：关闭日期：`2016-06-19` 不在计划期（2017-06-19 至 2017-06-21）内，不起作用"
        ),
        "{notes}"
    );
}

/// A window's end refused at its cell (`2017-06-19 9点5`) was told of a
/// second time as empty (`最早开始` 为空而 `最晚结束` 已填写), though it is
/// not; now only its own refusal is said.
#[test]
fn a_refused_end_of_a_window_is_not_also_said_to_be_empty() {
    let bytes = small_book();
    let drills = xlsx_edit::sheet_part(&bytes, "演练");
    let bytes = edit_part(&bytes, &drills, |xml| {
        let xml = set_text(xml, "J3", "2017-06-19 9点5");
        set_text(xml, "K3", "2017-06-19 18:00")
    });
    let text = refused(bytes).render(false);
    assert!(
        text.contains("演练!J3: 最早开始: `9点5` 可指 09:05 也可指 09:50"),
        "{text}"
    );
    assert!(!text.contains("为空"), "{text}");
    assert_eq!(text.matches("演练!J3").count(), 1, "{text}");
}
