//! What a planner adds to a scenario workbook beside the scenario (a 备注
//! column, a column without a header, a 说明 sheet, a hidden sheet of
//! their own) survives `convert`: into a workbook beside the same entries,
//! found by id, and into TOML as comments under the entries.

use crate::workbook_planner::{edit_part, set_text};
use crate::xlsx_edit::{self, append_rows, Typed::*};
use assert_cmd::Command;
use calamine::{Data, Reader, Xlsx};
use drillplan::lang::Lang;
use drillplan::workbook::{self, extras::RowKey};
use std::io::Cursor;

/// The small scenario as a Chinese workbook with a 说明 sheet of the
/// planner's own, a 备注 column on 演练 with a note beside school-fire (row
/// 2), a note without a header beside mall-quake (row 4), and a note on a
/// row of no drill below the table.
fn noted_book() -> Vec<u8> {
    let text = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let mut doc: toml::Table = toml::from_str(&text).unwrap();
    // A table the contract lacks is written as a sheet of that name: here,
    // the planner's own.
    doc.insert(
        "说明".into(),
        toml::Value::Table(toml::toml! { 联系人 = "县应急局 张科长" }),
    );
    let bytes = workbook::to_xlsx(&doc, Lang::Zh).unwrap();
    let part = xlsx_edit::sheet_part(&bytes, "演练");
    let bytes = edit_part(&bytes, &part, |xml| {
        let xml = set_text(xml, "Z1", "备注");
        let xml = set_text(xml, "Z2", "校长亲自参加");
        set_text(xml, "AB4", "待确认")
    });
    append_rows(&bytes, "演练", &[vec![("Z", Text("以上由区应急局提供"))]])
}

/// Each row of `sheet` as its cells' text, by its header's labels.
fn rows_of(bytes: &[u8], sheet: &str) -> Vec<Vec<(String, String)>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let range = book.worksheet_range(sheet).unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(|c| c.to_string()).collect();
    rows.map(|r| {
        r.iter()
            .enumerate()
            .filter(|(_, c)| !matches!(c, Data::Empty))
            .map(|(i, c)| (header[i].clone(), c.to_string()))
            .collect()
    })
    .collect()
}

fn cell<'a>(row: &'a [(String, String)], header: &str) -> Option<&'a str> {
    row.iter()
        .find(|(h, _)| h == header)
        .map(|(_, v)| v.as_str())
}

#[test]
fn the_planners_notes_are_read_beside_their_entries() {
    let loaded = workbook::load_bytes("w.xlsx", noted_book()).unwrap();
    let added = loaded.extras.of("drill").unwrap();
    assert_eq!(added.labels, ["备注", ""]);
    let keys: Vec<Option<RowKey>> = added.rows.iter().map(|r| r.key.clone()).collect();
    assert_eq!(
        keys,
        [
            Some(RowKey::Id("school-fire".into())),
            Some(RowKey::Id("mall-quake".into())),
            None
        ]
    );
    assert_eq!(loaded.extras.sheets.len(), 1);
    assert_eq!(loaded.extras.sheets[0].name, "说明");
    // Still out of the scenario.
    assert!(!loaded.text.contains("校长亲自参加"));
}

#[test]
fn notes_follow_their_entries_when_rows_are_reordered_or_deleted() {
    let loaded = workbook::load_bytes("w.xlsx", noted_book()).unwrap();
    let mut doc: toml::Table = toml::from_str(&loaded.text).unwrap();
    let drills = doc.get_mut("drill").unwrap().as_array_mut().unwrap();
    drills.reverse();
    drills.retain(|d| d["id"].as_str() != Some("mall-quake"));
    let bytes = workbook::to_xlsx_keeping(&doc, Lang::Zh, &loaded.extras).unwrap();
    let rows = rows_of(&bytes, "演练");
    let of = |id: &str| rows.iter().find(|r| cell(r, "编号") == Some(id)).unwrap();
    assert_eq!(cell(of("school-fire"), "备注"), Some("校长亲自参加"));
    // school-fire was first and is now last of the drills: its note moved with it.
    let last_drill = rows
        .iter()
        .rposition(|r| cell(r, "编号").is_some())
        .unwrap();
    assert_eq!(cell(&rows[last_drill], "编号"), Some("school-fire"));
    // The deleted drill's note and the note of no drill are kept below the table.
    let below: Vec<Vec<&str>> = rows[last_drill + 1..]
        .iter()
        .map(|r| r.iter().map(|(_, v)| v.as_str()).collect())
        .collect();
    assert_eq!(below, [vec!["待确认"], vec!["以上由区应急局提供"]]);
    for r in &rows {
        if cell(r, "编号").is_some_and(|id| id != "school-fire") {
            assert_eq!(cell(r, "备注"), None, "{r:?}");
        }
    }
    // Read back, the workbook is the same scenario with the same notes.
    let back = workbook::load_bytes("back.xlsx", bytes.clone()).unwrap();
    assert_eq!(
        back.scenario.drills.len(),
        doc["drill"].as_array().unwrap().len()
    );
    assert_eq!(
        rows_of(&bytes, "说明"),
        [vec![("联系人".into(), "县应急局 张科长".into())]]
    );
    let keys: Vec<_> = back
        .extras
        .of("drill")
        .unwrap()
        .rows
        .iter()
        .map(|r| r.key.clone())
        .collect();
    assert_eq!(keys, [Some(RowKey::Id("school-fire".into())), None, None]);
}

#[test]
fn a_hidden_sheet_of_the_planners_own_is_kept_hidden() {
    let hidden = edit_part(&noted_book(), "xl/workbook.xml", |xml| {
        let at = xml.find("<sheet name=\"说明\"").unwrap();
        format!("{}<sheet state=\"hidden\" {}", &xml[..at], &xml[at + 7..])
    });
    let loaded = workbook::load_bytes("w.xlsx", hidden).unwrap();
    // Not read, so not warned of.
    assert!(
        !loaded.notes.iter().any(|n| n.contains("说明")),
        "{:?}",
        loaded.notes
    );
    let doc: toml::Table = toml::from_str(&loaded.text).unwrap();
    let bytes = workbook::to_xlsx_keeping(&doc, Lang::Zh, &loaded.extras).unwrap();
    let book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let sheet = book
        .sheets_metadata()
        .iter()
        .find(|s| s.name == "说明")
        .unwrap();
    assert_eq!(sheet.visible, calamine::SheetVisible::Hidden);
    assert_eq!(
        rows_of(&bytes, "说明"),
        [vec![("联系人".into(), "县应急局 张科长".into())]]
    );
}

fn drillplan() -> Command {
    Command::cargo_bin("drillplan").unwrap()
}

#[test]
fn convert_to_a_workbook_keeps_the_planners_columns_and_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let input = xlsx_edit::save(dir.path(), "w.xlsx", &noted_book());
    let output = dir.path().join("new.xlsx");
    let out = drillplan()
        .arg("convert")
        .arg(&input)
        .arg(&output)
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("保留了「演练」表中你加的列（备注、AB 列）：2 行备注在其条目旁；另有 1 行单独的备注（如条目之间的小标题），现放在表格下方"),
        "{stdout}"
    );
    assert!(stdout.contains("保留了你的工作表「说明」"), "{stdout}");
    let bytes = std::fs::read(&output).unwrap();
    let rows = rows_of(&bytes, "演练");
    let of = |id: &str| rows.iter().find(|r| cell(r, "编号") == Some(id)).unwrap();
    assert_eq!(cell(of("school-fire"), "备注"), Some("校长亲自参加"));
    assert!(of("mall-quake").iter().any(|(_, v)| v == "待确认"));
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).unwrap();
    let notes = book.worksheet_range("说明").unwrap();
    assert_eq!(
        notes.get_value((1, 0)).map(|c| c.to_string()).as_deref(),
        Some("县应急局 张科长")
    );
    // And again: a converted book converts to the same notes.
    let again = dir.path().join("again.xlsx");
    drillplan()
        .arg("convert")
        .arg(&output)
        .arg(&again)
        .assert()
        .success();
    assert_eq!(rows_of(&std::fs::read(&again).unwrap(), "演练"), rows);
}

#[test]
fn convert_to_toml_writes_the_notes_as_comments_under_their_entries() {
    let dir = tempfile::tempdir().unwrap();
    let input = xlsx_edit::save(dir.path(), "w.xlsx", &noted_book());
    let output = dir.path().join("w.toml");
    let out = drillplan()
        .arg("convert")
        .arg(&input)
        .arg(&output)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr
            .contains("你的工作表「说明」不在 w.toml 中（TOML 文件没有工作表）；它仍在 w.xlsx 中"),
        "{stderr}"
    );
    assert!(stderr.contains("以注释写在 w.toml 中各条目下"), "{stderr}");
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(
        text.contains("[[drill]]\n# 备注: 校长亲自参加\nid = \"school-fire\""),
        "{text}"
    );
    assert!(
        text.contains("[[drill]]\n# AB 列: 待确认\nid = \"mall-quake\""),
        "{text}"
    );
    assert!(
        text.contains("# 演练!Z10 备注: 以上由区应急局提供"),
        "{text}"
    );
    // The TOML is the same scenario.
    drillplan().arg("validate").arg(&output).assert().success();
}

/// A hidden sheet of the planner's that cannot be read (a formula saved
/// without its value) cannot be carried: convert says so by name, rather
/// than leave it out silently, and still converts the scenario.
#[test]
fn a_hidden_sheet_that_cannot_be_read_is_named_as_not_carried() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = noted_book();
    let part = xlsx_edit::sheet_part(&bytes, "说明");
    let bytes = edit_part(&bytes, &part, |xml| {
        // A formula in B2 with no value after it.
        let row = xml.find("<row r=\"2\"").unwrap();
        let end = row + xml[row..].find("</row>").unwrap();
        format!("{}<c r=\"B2\"><f>1+1</f></c>{}", &xml[..end], &xml[end..])
    });
    let bytes = edit_part(&bytes, "xl/workbook.xml", |xml| {
        let at = xml.find("<sheet name=\"说明\"").unwrap();
        format!("{}<sheet state=\"hidden\" {}", &xml[..at], &xml[at + 7..])
    });
    let input = xlsx_edit::save(dir.path(), "w.xlsx", &bytes);
    let output = dir.path().join("new.xlsx");
    let out = drillplan()
        .arg("convert")
        .arg(&input)
        .arg(&output)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("你的隐藏工作表「说明」无法读取（")
            && stderr.contains("它不会带入 new.xlsx"),
        "{stderr}"
    );
    assert!(stderr.contains("=1+1"), "{stderr}");
}
