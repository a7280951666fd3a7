//! Scenario workbooks as planners make them: the template from `init`,
//! filled in; the same re-saved by LibreOffice Calc; a layout of their own
//! (title rows above the header, columns in any order, English headers,
//! hidden sheets); and conversion both ways, solved to the same bytes.

use crate::xlsx_edit;

use assert_cmd::Command;
use drillplan::lang::Lang;
use drillplan::workbook::{self, write::equivalent};
use std::path::{Path, PathBuf};
use xlsx_edit::{append_rows, serial, style_of, Typed::*};

fn drillplan() -> Command {
    Command::cargo_bin("drillplan").unwrap()
}

fn toml_doc(text: &str) -> toml::Table {
    toml::from_str(text).unwrap()
}

/// The scenario a workbook states, as TOML tables.
fn read_back(path: &Path) -> toml::Table {
    match workbook::load(path) {
        Ok(l) => toml_doc(&l.text),
        Err(e) => panic!("{}", e.render(false)),
    }
}

/// The schedule CSV `solve` writes for a scenario, deterministic by work limit.
fn solve_bytes(scenario: &Path, dir: &Path, name: &str) -> Vec<u8> {
    let out = dir.join(name);
    drillplan()
        .args([
            "solve",
            "--work-limit",
            "300",
            "--threads",
            "1",
            "--quiet",
            "-o",
        ])
        .arg(&out)
        .arg(scenario)
        .assert()
        .success();
    std::fs::read(out).unwrap()
}

fn init(dir: &Path, lang: &str) -> PathBuf {
    let path = dir.join(format!("template-{lang}.xlsx"));
    drillplan()
        .args(["init", "--lang", lang])
        .arg(&path)
        .assert()
        .success();
    path
}

#[test]
fn init_writes_a_template_that_validates_and_solves() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["zh", "en"] {
        let path = init(dir.path(), lang);
        drillplan().arg("validate").arg(&path).assert().success();
        let lang_of = if lang == "zh" { Lang::Zh } else { Lang::En };
        assert!(equivalent(
            &read_back(&path),
            &workbook::template::example_in(lang_of)
        ));
        let csv = dir.path().join(format!("{lang}.csv"));
        drillplan()
            .args(["solve", "--work-limit", "200", "--quiet", "-o"])
            .arg(&csv)
            .arg(&path)
            .assert()
            .success();
        drillplan()
            .arg("check")
            .arg(&path)
            .arg(&csv)
            .assert()
            .success();
    }
    // A filled-in workbook is never overwritten by accident.
    let path = dir.path().join("template-zh.xlsx");
    let before = std::fs::read(&path).unwrap();
    let out = drillplan().arg("init").arg(&path).assert().code(2);
    assert!(String::from_utf8_lossy(&out.get_output().stderr).contains("--force"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
    drillplan()
        .args(["init", "--force"])
        .arg(&path)
        .assert()
        .success();
    drillplan()
        .arg("init")
        .arg(dir.path().join("t.toml"))
        .assert()
        .code(2);
}

/// The Chinese template's example rows name skills, sectors and kinds by
/// the Chinese labels its header notes and dropdowns teach (消防, not
/// `fire`); the English one by their keys. Either reads as the same
/// scenario as the example itself.
#[test]
fn the_chinese_template_teaches_the_chinese_labels() {
    use drillplan::lang::{kind_key, sector_key, skill_key};
    let dir = tempfile::tempdir().unwrap();
    let example = toml::to_string(&workbook::template::example()).unwrap();
    let example = drillplan::scenario::parse("example.toml", &example).unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let path = init(dir.path(), if lang == Lang::Zh { "zh" } else { "en" });
        let loaded = workbook::load(&path).unwrap();
        assert_eq!(
            keyed(&loaded.scenario),
            keyed(&example),
            "{lang:?}: the labels stand for the same keys"
        );
        let doc = toml_doc(&loaded.text);
        let rows = |t: &str| doc[t].as_array().unwrap().clone();
        // (written, its key, the key's label in this language)
        let mut seen: Vec<(String, String, String)> = Vec::new();
        let mut see = |v: &toml::Value, key: fn(&str) -> &str, label: fn(Lang, &str) -> String| {
            let v = v.as_str().unwrap().to_string();
            let k = key(&v).to_string();
            seen.push((v, k.clone(), label(lang, &k)));
        };
        let skill = |l: Lang, k: &str| l.skill(k).to_string();
        for team in rows("team") {
            for s in team["skills"].as_array().unwrap() {
                see(s, skill_key, skill);
            }
        }
        for drill in rows("drill") {
            see(&drill["sector"], sector_key, |l, k| l.sector(k).to_string());
            see(&drill["kind"], kind_key, |l, k| l.kind(k).to_string());
            for need in drill["needs"].as_array().unwrap() {
                if let Some(s) = need.get("skill") {
                    see(s, skill_key, skill);
                }
            }
        }
        for standby in rows("standby") {
            see(&standby["skill"], skill_key, skill);
        }
        assert!(seen.len() > 20, "{seen:?}");
        for (written, key, label) in &seen {
            match lang {
                // The cell shows the label, which reads as the key.
                Lang::Zh => assert_eq!(written, label, "{key}"),
                Lang::En => assert_eq!(written, key),
            }
        }
        let chinese = seen.iter().filter(|(w, _, _)| !w.is_ascii()).count();
        match lang {
            Lang::Zh => assert_eq!(chinese, seen.len(), "{seen:?}"),
            Lang::En => assert_eq!(chinese, 0, "{seen:?}"),
        }
        if lang == Lang::Zh {
            assert!(seen.iter().any(|(w, k, _)| w == "消防" && k == "fire"));
        }
    }
}

/// What a scenario keys by skill, sector and kind (its tables in order;
/// no maps, whose order varies).
fn keyed(s: &drillplan::scenario::Scenario) -> String {
    let teams: Vec<_> = s.teams.iter().map(|t| (&t.id, &t.skills)).collect();
    let drills: Vec<_> = s
        .drills
        .iter()
        .map(|d| (&d.id, &d.kind, &d.sector, &d.needs))
        .collect();
    format!(
        "{:?}\n{teams:?}\n{drills:?}\n{:?}\n{:?}",
        s.skills, s.standbys, s.coverage
    )
}

#[test]
fn the_template_explains_each_column_and_offers_dropdowns() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(init(dir.path(), "zh")).unwrap();
    let parts = xlsx_edit::parts(&bytes);
    let part = |name: &str| {
        String::from_utf8(parts.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap()
    };
    let drills = part(&xlsx_edit::sheet_part(&bytes, "演练"));
    // The venue of a drill offers the venues sheet's ids; needs offer the skills.
    assert!(drills.contains("<formula1>'场地'!$A$2:$A$"), "{drills}");
    assert!(drills.contains("<formula1>'_lists'!$A$1:$A$"), "{drills}");
    let venues = part(&xlsx_edit::sheet_part(&bytes, "场地"));
    assert!(venues.contains("<formula1>'区域'!$A$2:$A$"));
    assert!(
        venues.contains("\"周一,周二,周三,周四,周五,周六,周日\""),
        "{venues}"
    );
    let comments: String = parts
        .iter()
        .filter(|(n, _)| n.starts_with("xl/comments"))
        .map(|(_, d)| String::from_utf8_lossy(d).into_owned())
        .collect();
    assert!(comments.contains("fire×2, medical, team:leaders-obs"));
    assert!(comments.contains("08:30-12:00, 15:30-19:00"));
    assert!(part("xl/workbook.xml").contains("name=\"_lists\" sheetId=\"12\" state=\"hidden\""));
}

/// The rows a planner adds to the template, and the TOML they mean.
fn fill_in(template: &Path) -> (Vec<u8>, toml::Table) {
    let bytes = std::fs::read(template).unwrap();
    let plan = String::from_utf8(
        xlsx_edit::parts(&bytes)
            .into_iter()
            .find(|(n, _)| *n == xlsx_edit::sheet_part(&bytes, "计划"))
            .unwrap()
            .1,
    )
    .unwrap();
    let pins = String::from_utf8(
        xlsx_edit::parts(&bytes)
            .into_iter()
            .find(|(n, _)| *n == xlsx_edit::sheet_part(&bytes, "锁定"))
            .unwrap()
            .1,
    )
    .unwrap();
    let (date, datetime) = (style_of(&plan, "B2"), style_of(&pins, "B2"));
    let bytes = append_rows(
        &bytes,
        "场地",
        &[vec![
            ("A", Text("dsz-new-mall")),
            ("B", Text("独山子新天地")),
            ("C", Text("mall")),
            ("D", Text("dushanzi")),
            ("E", Number(44.33)),
            ("F", Text("84.88")),
            ("G", Text(" 2 ")),
            ("H", Text("08:30-12:00，15:30-21:00")),
            ("I", Text("周一、周三, sat")),
            ("J", Serial(serial(2017, 6, 23, 0, 0), &date)),
        ]],
    );
    let bytes = append_rows(
        &bytes,
        "队伍",
        &[vec![
            ("A", Text("rescue-dsz-new")),
            ("B", Text("独山子新救援队")),
            ("C", Text("rescue")),
            ("D", Text("rescue；medical")),
            ("E", Text("dushanzi")),
            ("F", Number(44.32)),
            ("G", Number(84.9)),
            ("H", Text("08:00-20:00")),
            ("I", Text("mon, tue, wed, thu, fri, 2017-06-24")),
            ("J", Text("2017/6/21")),
            ("K", Text("3")),
            ("L", Number(240.0)),
        ]],
    );
    let bytes = append_rows(
        &bytes,
        "演练",
        &[vec![
            ("A", Text("dsz-new-mall-fire")),
            ("B", Text("新天地火灾疏散演练")),
            ("C", Text("dsz-new-mall")),
            ("D", Text("fire_evacuation")),
            ("E", Text("crowded_places")),
            ("F", Text("60")),
            ("G", Number(5.0)),
            ("H", Text("是")),
            ("I", Text("fire x2, medical*1, team:rescue-dsz-new")),
            ("J", Serial(serial(2017, 6, 19, 8, 0), &datetime)),
            ("K", Text("2017-06-23 21:00")),
            ("L", Text("周一, 周三")),
            ("M", Text("09:00-11:00")),
        ]],
    );
    let bytes = append_rows(
        &bytes,
        "冲突",
        &[vec![
            ("A", Text("新天地周边交通管制")),
            ("B", Text("dsz-new-mall-fire")),
            ("C", Text("dsz-mall")),
            ("D", Number(15.0)),
        ]],
    );
    let bytes = append_rows(
        &bytes,
        "锁定",
        &[vec![
            ("A", Text("dsz-new-mall-fire")),
            ("B", Text("2017-06-19 15:30")),
            ("C", Text("rescue-dsz-new")),
        ]],
    );
    let added = toml_doc(
        r#"
[[venue]]
id = "dsz-new-mall"
name = "独山子新天地"
kind = "mall"
district = "dushanzi"
location = [44.33, 84.88]
capacity = 2
hours = ["08:30-12:00", "15:30-21:00"]
days = ["mon", "wed", "sat"]
closed = [2017-06-23]

[[team]]
id = "rescue-dsz-new"
name = "独山子新救援队"
agency = "rescue"
skills = ["rescue", "medical"]
district = "dushanzi"
base = [44.32, 84.9]
hours = "08:00-20:00"
days = ["mon", "tue", "wed", "thu", "fri", 2017-06-24]
off = [2017-06-21]
max_drills_per_day = 3
max_minutes_per_day = 240

[[drill]]
id = "dsz-new-mall-fire"
name = "新天地火灾疏散演练"
venue = "dsz-new-mall"
kind = "fire_evacuation"
sector = "crowded_places"
duration = 60
priority = 5
mandatory = true
needs = [{ skill = "fire", count = 2 }, { skill = "medical", count = 1 }, { team = "rescue-dsz-new" }]
window = { from = 2017-06-19T08:00:00, to = 2017-06-23T21:00:00 }
prefer = { days = ["mon", "wed"], hours = ["09:00-11:00"] }

[[conflict]]
name = "新天地周边交通管制"
drills = ["dsz-new-mall-fire"]
venues = ["dsz-mall"]
gap = 15

[[pin]]
drill = "dsz-new-mall-fire"
start = 2017-06-19T15:30:00
teams = ["rescue-dsz-new"]
"#,
    );
    let mut expected = workbook::template::example_in(Lang::Zh);
    for (table, rows) in added {
        let rows = rows.as_array().unwrap().clone();
        expected
            .get_mut(&table)
            .unwrap()
            .as_array_mut()
            .unwrap()
            .extend(rows);
    }
    (bytes, expected)
}

#[test]
fn a_filled_in_template_reads_as_the_scenario_it_states() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, expected) = fill_in(&init(dir.path(), "zh"));
    let path = xlsx_edit::save(dir.path(), "filled.xlsx", &bytes);
    let got = read_back(&path);
    for table in ["venue", "team", "drill", "conflict", "pin"] {
        let last = |doc: &toml::Table| doc[table].as_array().unwrap().last().cloned();
        assert_eq!(last(&got), last(&expected), "{table}");
    }
    assert!(equivalent(&got, &expected));
    // The planner's path goes on: validate, solve, export.
    drillplan().arg("validate").arg(&path).assert().success();
    let csv = dir.path().join("filled.csv");
    drillplan()
        .args(["solve", "--work-limit", "300", "--quiet", "-o"])
        .arg(&csv)
        .arg(&path)
        .assert()
        .success();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains("dsz-new-mall-fire,新天地火灾疏散演练,dsz-new-mall,独山子新天地,dushanzi,fire_evacuation,crowded_places,2017-06-19,Mon,15:30,16:30"), "{text}");
    drillplan()
        .arg("export")
        .arg(&path)
        .arg(&csv)
        .arg("--html")
        .arg(dir.path().join("filled.html"))
        .assert()
        .success();
}

/// LibreOffice Calc, which CI installs: there a missing one is a failure.
fn soffice() -> Option<PathBuf> {
    let found = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("soffice"))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set but LibreOffice (soffice) is not installed"
        );
        eprintln!("skipped: LibreOffice is not installed");
    }
    found
}

#[test]
fn a_workbook_resaved_by_libreoffice_reads_the_same() {
    let Some(office) = soffice() else { return };
    let dir = tempfile::tempdir().unwrap();
    let (bytes, _) = fill_in(&init(dir.path(), "zh"));
    let filled = xlsx_edit::save(dir.path(), "filled.xlsx", &bytes);
    let out = dir.path().join("resaved");
    let run = std::process::Command::new(office)
        .args(["--headless", "--convert-to", "xlsx", "--outdir"])
        .arg(&out)
        .arg(&filled)
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let resaved = out.join("filled.xlsx");
    assert_ne!(
        std::fs::read(&resaved).unwrap(),
        bytes,
        "LibreOffice wrote its own file"
    );
    assert!(equivalent(&read_back(&resaved), &read_back(&filled)));
    assert_eq!(
        solve_bytes(&resaved, dir.path(), "resaved.csv"),
        solve_bytes(&filled, dir.path(), "filled.csv")
    );
}

/// A planner's own layout: a merged title over each table, a blank row,
/// English headers in reverse order, a hidden sheet of notes.
fn own_layout(doc: &toml::Table) -> Vec<u8> {
    use rust_xlsxwriter::{Format, Workbook};
    let sheets = workbook::write::sheets(doc, Lang::En, &Default::default()).unwrap();
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy/m/d");
    for sheet in &sheets {
        let ws = book.add_worksheet();
        ws.set_name(&sheet.name).unwrap();
        let width = sheet.headers.len() as u16;
        ws.merge_range(
            0,
            0,
            0,
            width.max(2) - 1,
            &format!("克拉玛依 2017: {}", sheet.name),
            &Format::new(),
        )
        .unwrap();
        for (i, (label, _)) in sheet.headers.iter().enumerate() {
            let col = width - 1 - i as u16;
            ws.write_string(2, col, label).unwrap();
            for (r, row) in sheet.rows.iter().enumerate() {
                let r = r as u32 + 3;
                match row.get(i).cloned().flatten() {
                    None => {}
                    Some(workbook::read::Value::Text(t)) => {
                        ws.write_string(r, col, t).unwrap();
                    }
                    Some(workbook::read::Value::Number(x)) => {
                        ws.write_number(r, col, x).unwrap();
                    }
                    Some(workbook::read::Value::Bool(b)) => {
                        ws.write_boolean(r, col, b).unwrap();
                    }
                    Some(workbook::read::Value::Stamp(s)) => {
                        let text = s.literal().replace('T', " ");
                        if s.is_date_only() {
                            let dt = rust_xlsxwriter::ExcelDateTime::parse_from_str(&text).unwrap();
                            ws.write_datetime_with_format(r, col, &dt, &date).unwrap();
                        } else {
                            ws.write_string(r, col, text).unwrap();
                        }
                    }
                    Some(other) => panic!("{other:?}"),
                }
            }
        }
    }
    let notes = book.add_worksheet();
    notes.set_name("notes").unwrap();
    notes
        .write_string(0, 0, "call the depot before the 20th")
        .unwrap();
    notes.set_hidden(true);
    book.save_to_buffer().unwrap()
}

#[test]
fn title_rows_any_column_order_english_headers_and_hidden_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let path = xlsx_edit::save(dir.path(), "own.xlsx", &own_layout(&toml_doc(&text)));
    assert!(equivalent(&read_back(&path), &toml_doc(&text)));
    assert_eq!(
        solve_bytes(&path, dir.path(), "own.csv"),
        solve_bytes(
            Path::new("tests/scenarios/small.toml"),
            dir.path(),
            "small.csv"
        )
    );
}

/// convert of a book laid out the planner's way keeps their hidden sheet
/// and says, by cell, which titles it does not carry.
#[test]
fn convert_names_each_title_it_leaves_and_keeps_the_hidden_notes() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let path = xlsx_edit::save(dir.path(), "own.xlsx", &own_layout(&toml_doc(&text)));
    let out = dir.path().join("new.xlsx");
    let run = drillplan()
        .args(["convert", "--lang", "en"])
        .arg(&path)
        .arg(&out)
        .assert()
        .success();
    let stderr = String::from_utf8_lossy(&run.get_output().stderr).into_owned();
    assert!(
        stderr.contains(
            "drills!A1: the title above the table's header (`克拉玛依 2017: drills`) is not \
             carried into new.xlsx"
        ),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&run.get_output().stdout).into_owned();
    assert!(stdout.contains("kept your sheet `notes`"), "{stdout}");
    let loaded = workbook::load(&out).unwrap();
    assert!(equivalent(&toml_doc(&loaded.text), &read_back(&path)));
    assert!(loaded.extras.titles.is_empty());
    let notes = &loaded.extras.sheets[0];
    assert_eq!((notes.name.as_str(), notes.hidden), ("notes", true));
}

#[test]
fn solving_the_workbook_gives_the_bytes_of_the_toml() {
    let dir = tempfile::tempdir().unwrap();
    let toml = Path::new("scenarios/karamay-2017.toml");
    let xlsx = dir.path().join("karamay.xlsx");
    let back = dir.path().join("karamay.toml");
    let out = drillplan()
        .arg("convert")
        .arg(toml)
        .arg(&xlsx)
        .assert()
        .success();
    // A Chinese scenario is answered in Chinese.
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("注释不会带入工作簿"), "{stderr}");
    drillplan()
        .arg("convert")
        .arg(&xlsx)
        .arg(&back)
        .assert()
        .success();
    let want = solve_bytes(toml, dir.path(), "a.csv");
    assert_eq!(solve_bytes(&xlsx, dir.path(), "b.csv"), want);
    assert_eq!(solve_bytes(&back, dir.path(), "c.csv"), want);
    // explain and what-ifs read the workbook too.
    drillplan()
        .arg("explain")
        .arg(&xlsx)
        .arg(dir.path().join("b.csv"))
        .assert()
        .success();
    drillplan()
        .args([
            "solve",
            "--work-limit",
            "100",
            "--quiet",
            "--set",
            "standby.karamay.fire.keep=2",
            "-o",
        ])
        .arg(dir.path().join("d.csv"))
        .arg(&xlsx)
        .assert()
        .success();
    // No output is written over the workbook it was read from.
    let before = std::fs::read(&xlsx).unwrap();
    drillplan()
        .arg("solve")
        .arg(&xlsx)
        .arg("--xlsx")
        .arg(&xlsx)
        .assert()
        .code(2);
    drillplan()
        .arg("solve")
        .arg(&xlsx)
        .arg("-o")
        .arg(&xlsx)
        .assert()
        .code(2);
    drillplan()
        .arg("export")
        .arg(&xlsx)
        .arg(dir.path().join("b.csv"))
        .arg("--xlsx")
        .arg(&xlsx)
        .assert()
        .code(2);
    assert_eq!(std::fs::read(&xlsx).unwrap(), before);
    // Conversion never writes over its input or an existing file unasked.
    drillplan()
        .arg("convert")
        .arg(&xlsx)
        .arg(&xlsx)
        .assert()
        .code(2);
    drillplan()
        .arg("convert")
        .arg(toml)
        .arg(&xlsx)
        .assert()
        .code(2);
    drillplan()
        .arg("convert")
        .arg(toml)
        .arg(dir.path().join("k.csv"))
        .assert()
        .code(2);
}

#[test]
fn the_bundled_workbook_is_the_bundled_scenario() {
    let toml = std::fs::read_to_string("scenarios/karamay-2017.toml").unwrap();
    assert!(equivalent(
        &read_back(Path::new("scenarios/karamay-2017.xlsx")),
        &toml_doc(&toml)
    ));
}

#[test]
fn a_bad_cell_is_named_by_file_sheet_and_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = toml_doc(&std::fs::read_to_string("tests/scenarios/small.toml").unwrap());
    let team = doc["team"].as_array_mut().unwrap()[1]
        .as_table_mut()
        .unwrap();
    team.insert("district".into(), toml::Value::String("nowhere".into()));
    let bytes = workbook::to_xlsx(&doc, Lang::Zh).unwrap();
    let path = xlsx_edit::save(dir.path(), "scenario.xlsx", &bytes);
    let out = drillplan().arg("validate").arg(&path).assert().code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    // The header the planner sees names the field; the cell names the row;
    // a workbook with Chinese headers is answered in Chinese, also where
    // the problem lies between rows, and so is the frame around it.
    let want = format!(
        "错误[引用不存在]：{}：队伍!E3：区域：没有编号为 `nowhere` 的区域",
        path.display()
    );
    assert!(stderr.starts_with(&want), "{stderr}");
    assert!(
        stderr.contains("提示：已有的区域编号：krm, dsz"),
        "{stderr}"
    );
    // Asked for English, it answers in English.
    let out = drillplan()
        .env("DRILLPLAN_LANG", "en")
        .arg("validate")
        .arg(&path)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("区域: no district has id `nowhere`"),
        "{stderr}"
    );
    assert!(stderr.contains("help: existing district ids:"), "{stderr}");
}

#[test]
fn the_guide_names_every_sheet_and_column() {
    let guide = std::fs::read_to_string("docs/workbooks.md").unwrap();
    for sheet in &workbook::schema::SHEETS {
        assert!(
            guide.contains(&format!("{} / {}", sheet.zh, sheet.en)),
            "{}",
            sheet.zh
        );
        for c in sheet.columns {
            assert!(
                guide.contains(c.zh) && guide.contains(c.en),
                "{} {}",
                c.zh,
                c.en
            );
        }
    }
}

/// A workbook of text cells: (sheet, rows).
fn text_book(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = book.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if !text.is_empty() {
                    ws.write_string(r as u32, c as u16, *text).unwrap();
                }
            }
        }
    }
    book.save_to_buffer().unwrap()
}

/// The first problem of a workbook that does not load: (cell, field, message).
fn first_problem(bytes: Vec<u8>) -> (String, String, String) {
    match workbook::load_bytes("w.xlsx", bytes) {
        Ok(_) => panic!("the workbook loads"),
        Err(e) => {
            let p = &e.problems[0];
            (
                p.cell.clone().unwrap_or_default(),
                p.field.clone(),
                p.message.clone(),
            )
        }
    }
}

/// The 计划 sheet deleted: said as a missing sheet, in the book's
/// language, not pinned on a row of another sheet (it named `交通!2:2`).
#[test]
fn a_deleted_plan_sheet_is_named_as_missing() {
    let small = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let bytes = workbook::to_xlsx(&toml_doc(&small), Lang::Zh).unwrap();
    let plan_part = xlsx_edit::sheet_part(&bytes, "计划");
    let parts: Vec<(String, Box<dyn std::io::Read>)> = xlsx_edit::parts(&bytes)
        .into_iter()
        .map(|(name, data)| {
            let data = match name.as_str() {
                // The sheet's rows emptied and the sheet renamed: as if deleted.
                "xl/workbook.xml" => String::from_utf8(data)
                    .unwrap()
                    .replacen("name=\"计划\"", "name=\"草稿\"", 1)
                    .into_bytes(),
                n if n == plan_part => {
                    let xml = String::from_utf8(data).unwrap();
                    let (a, rest) = xml.split_once("<sheetData>").unwrap();
                    let (_, b) = rest.split_once("</sheetData>").unwrap();
                    format!("{a}<sheetData></sheetData>{b}").into_bytes()
                }
                _ => data,
            };
            (
                name,
                Box::new(std::io::Cursor::new(data)) as Box<dyn std::io::Read>,
            )
        })
        .collect();
    let e = match workbook::load_bytes("w.xlsx", xlsx_edit::zip_of(parts)) {
        Ok(_) => panic!("the workbook loads"),
        Err(e) => e,
    };
    let p = e
        .problems
        .iter()
        .find(|p| p.field == "plan")
        .unwrap_or_else(|| panic!("{e}"));
    assert_eq!(p.cell, None, "{e}");
    assert_eq!(p.message, "工作簿中没有「计划」表（plan）");
}

#[test]
fn layout_mistakes_are_named_by_cell() {
    let plan: &[&[&str]] = &[
        &["名称", "开始日期", "结束日期"],
        &["周", "2017-06-19", "2017-06-21"],
    ];
    let (cell, _, message) = first_problem(text_book(&[
        ("计划", plan),
        ("drills", &[&["id"]]),
        ("演练", &[&["编号"]]),
    ]));
    assert_eq!(cell, "演练");
    // Two of the three sheets are named in Chinese: told in Chinese.
    assert!(message.contains("都是「演练」表"), "{message}");
    let (cell, field, message) = first_problem(text_book(&[
        ("计划", plan),
        ("区域", &[&["编号", "id"], &["krm", "krm"]]),
    ]));
    assert_eq!((cell.as_str(), field.as_str()), ("区域!B1", "id"));
    // In the header's language (it was English on a Chinese sheet).
    assert_eq!(
        message,
        "列 `id` 出现了两次（另见 A 列）；请删除或改名其中一列"
    );
    let (cell, _, message) = first_problem(text_book(&[
        ("计划", plan),
        ("区域", &[&["krm", "克拉玛依区"]]),
    ]));
    assert_eq!(cell, "区域!1:1");
    assert_eq!(
        message,
        "没有表头行：数据上方的一行须写明各列的名称（编号、名称等）"
    );

    let small = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let bytes = workbook::to_xlsx(&toml_doc(&small), Lang::Zh).unwrap();
    type Rows<'a> = Vec<Vec<(&'a str, xlsx_edit::Typed<'a>)>>;
    let over = |minutes| {
        vec![
            ("C", Text("school-1")),
            ("D", Text("mall-1")),
            ("E", Number(minutes)),
        ]
    };
    let cases: [(&str, Rows, &str, &str); 4] = [
        (
            "计划",
            vec![vec![("A", Text("又一个计划"))]],
            "计划!3:3",
            "只有一行取值；这是第二行",
        ),
        (
            "交通",
            vec![over(5.0), vec![("A", Number(50.0))]],
            "交通!A3",
            "the travel settings go in the first row only",
        ),
        (
            "演练",
            // The note in a column without a header is the planner's, left
            // out with a warning (tests/workbook_planner.rs); the row itself
            // lacks its venue, at its empty cell.
            vec![vec![("A", Text("evac-9")), ("Z", Text("备注"))]],
            "演练!C10",
            "`场地` 为空；此项必填",
        ),
        (
            "演练",
            vec![vec![("A", Text("evac-9")), ("F", Error("#N/A"))]],
            "演练!F10",
            "单元格是表格错误值 #N/A",
        ),
    ];
    // Every cell's problem comes in the same pass, so the one meant is
    // found among them.
    for (sheet, rows, at, says) in cases {
        let err = match workbook::load_bytes("w.xlsx", append_rows(&bytes, sheet, &rows)) {
            Ok(_) => panic!("the workbook loads"),
            Err(e) => e,
        };
        assert!(
            err.problems
                .iter()
                .any(|p| p.cell.as_deref() == Some(at) && p.message.contains(says)),
            "{at}: {says}: {}",
            err.render(false)
        );
    }
}

/// Extensions choose the format whatever their case, as Windows shows them:
/// `PLAN.XLSX` is read as a workbook, so `PLAN.TOML` is written as TOML.
#[test]
fn convert_takes_extensions_in_any_case() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("PLAN.XLSX");
    drillplan()
        .args(["convert", "tests/scenarios/small.toml"])
        .arg(&book)
        .assert()
        .success();
    let back = dir.path().join("PLAN.TOML");
    drillplan()
        .arg("convert")
        .arg(&book)
        .arg(&back)
        .assert()
        .success();
    assert_eq!(
        toml_doc(&std::fs::read_to_string(&back).unwrap()),
        read_back(&book)
    );
}
