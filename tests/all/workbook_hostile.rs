//! Hostile and broken workbooks: a zip bomb (honest about its size, and
//! lying about it), a million rows, a huge cell, a file that is no zip, an
//! old .xls. Each gets a clear refusal under a 4 GiB address-space limit,
//! never a panic or an out-of-memory abort.

use crate::xlsx_edit;

use drillplan::lang::Lang;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Output};

const MEMORY_LIMIT_KIB: u64 = 4 * 1024 * 1024;

fn validate_limited(path: &Path) -> Output {
    let bin = assert_cmd::cargo::cargo_bin("drillplan");
    let script = format!(
        "ulimit -v {MEMORY_LIMIT_KIB}; exec '{}' validate '{}'",
        bin.display(),
        path.display()
    );
    Command::new("sh").arg("-c").arg(script).output().unwrap()
}

fn assert_refused(out: &Output, code: i32, message: &str) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(code), "{err}");
    assert!(err.contains(message), "expected `{message}` in:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// A valid small scenario as a workbook, and the zip part of its drills sheet.
fn base() -> (Vec<u8>, String) {
    let text = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let bytes = drillplan::workbook::to_xlsx(&toml::from_str(&text).unwrap(), Lang::Zh).unwrap();
    let part = xlsx_edit::sheet_part(&bytes, "演练");
    (bytes, part)
}

const SHEET_START: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#;

/// A drills sheet of `rows` rows of one empty text cell each, after the
/// header, as Calc leaves them after Delete Rows; `last` is the text of the
/// last row's cell.
fn empty_rows(rows: usize, dimension: bool, last: &str) -> Box<dyn Read> {
    let mut xml = String::from(SHEET_START);
    if dimension {
        xml.push_str(&format!("<dimension ref=\"A1:M{}\"/>", rows + 1));
    }
    xml.push_str(
        "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>编号</t></is></c></row>",
    );
    for r in 2..=rows + 1 {
        let text = if r == rows + 1 { last } else { "" };
        xml.push_str(&format!(
            "<row r=\"{r}\"><c r=\"B{r}\" t=\"inlineStr\"><is><t>{text}</t></is></c></row>"
        ));
    }
    xml.push_str("</sheetData></worksheet>");
    Box::new(std::io::Cursor::new(xml.into_bytes()))
}

#[test]
fn a_million_empty_rows_are_ignored_and_a_value_far_below_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, part) = base();
    // Empty rows and a dimension to match are what Calc writes: not an
    // error about rows (the sheet is then a table without drills).
    for dimension in [true, false] {
        let edited = xlsx_edit::replace_part(&bytes, &part, empty_rows(1_000_000, dimension, ""));
        let path = xlsx_edit::save(dir.path(), "empty.xlsx", &edited);
        let out = validate_limited(&path);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            !err.contains("row 1000001") && !err.contains("200100"),
            "{err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    // A value a million rows down is refused at the first row too many,
    // at its cell and in the sheet's language (it was English on a 演练
    // sheet, with no cell to go to).
    let far = xlsx_edit::replace_part(&bytes, &part, empty_rows(1_000_000, true, "x"));
    let path = xlsx_edit::save(dir.path(), "far.xlsx", &far);
    assert_refused(
        &validate_limited(&path),
        1,
        "演练!B1000001: (sheet): 工作表在第 1000001 行有值；最多读取 200100 行",
    );
}

/// Sheet XML with `spaces` bytes of white space inside: inflates far beyond
/// its compressed size.
fn bomb(spaces: u64) -> Box<dyn Read> {
    let head = format!("{SHEET_START}<sheetData>");
    Box::new(
        std::io::Cursor::new(head.into_bytes())
            .chain(std::io::repeat(b' ').take(spaces))
            .chain(std::io::Cursor::new(b"</sheetData></worksheet>".to_vec())),
    )
}

#[test]
fn a_zip_bomb_is_refused_whether_or_not_it_declares_its_size() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, part) = base();
    let honest = xlsx_edit::replace_part(&bytes, &part, bomb(300 << 20));
    assert!(honest.len() < 8 << 20, "{}", honest.len());
    let path = xlsx_edit::save(dir.path(), "bomb.xlsx", &honest);
    assert_refused(&validate_limited(&path), 2, "inflates to more than 256 MiB");
    // The same part declaring a tiny size in both of its zip headers.
    let lying = lie_about_size(honest, &part);
    let path = xlsx_edit::save(dir.path(), "lying.xlsx", &lying);
    assert_refused(&validate_limited(&path), 2, "inflates to more than 256 MiB");
}

/// Sets the declared uncompressed size of `part` to 1 KiB in its local and
/// central headers.
fn lie_about_size(mut zip: Vec<u8>, part: &str) -> Vec<u8> {
    let name = part.as_bytes();
    for (signature, size_at, name_len_at, name_at) in [
        ([0x50, 0x4b, 0x03, 0x04], 22, 26, 30),
        ([0x50, 0x4b, 0x01, 0x02], 24, 28, 46),
    ] {
        let mut i = 0;
        while i + name_at < zip.len() {
            if zip[i..i + 4] == signature {
                let len =
                    u16::from_le_bytes([zip[i + name_len_at], zip[i + name_len_at + 1]]) as usize;
                if zip.get(i + name_at..i + name_at + len) == Some(name) {
                    zip[i + size_at..i + size_at + 4].copy_from_slice(&1024u32.to_le_bytes());
                }
            }
            i += 1;
        }
    }
    zip
}

#[test]
fn a_huge_cell_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let (bytes, part) = base();
    let xml = format!(
        "{SHEET_START}<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>编号</t></is></c><c r=\"B1\" t=\"inlineStr\"><is><t>名称</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>x</t></is></c><c r=\"B2\" t=\"inlineStr\"><is><t>{}</t></is></c></row></sheetData></worksheet>",
        "演".repeat(40_000)
    );
    let edited = xlsx_edit::replace_part(
        &bytes,
        &part,
        Box::new(std::io::Cursor::new(xml.into_bytes())),
    );
    let path = xlsx_edit::save(dir.path(), "cell.xlsx", &edited);
    assert_refused(
        &validate_limited(&path),
        1,
        "cell.xlsx: 演练!B2: (sheet): 40000 个字符；一个单元格最多 32767 个字符",
    );
}

#[test]
fn files_that_are_not_workbooks_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("scenario.xlsx");
    std::fs::copy("tests/scenarios/small.toml", &toml).unwrap();
    // A text file under an .xlsx name, and an empty one (a save that
    // failed), are said as what they are, not as the zip reader's "EOCD".
    let out = validate_limited(&toml);
    assert_refused(
        &out,
        2,
        "this is a text file (a CSV renamed?), not an Excel workbook (.xlsx)",
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("EOCD"));
    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let out = validate_limited(&empty);
    assert_refused(&out, 2, "the file is empty (0 bytes), not a workbook");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("EOCD"));
    let xls = dir.path().join("scenario.xls");
    std::fs::write(&xls, b"\xD0\xCF\x11\xE0").unwrap();
    assert_refused(
        &validate_limited(&xls),
        2,
        "save it as an Excel workbook (.xlsx)",
    );
    // An .xls (or a password-protected .xlsx) renamed .xlsx: an OLE file.
    let ole = dir.path().join("renamed.xlsx");
    let mut bytes = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    bytes.resize(4096, 0);
    std::fs::write(&ole, bytes).unwrap();
    let out = validate_limited(&ole);
    assert_refused(
        &out,
        2,
        "an old Excel workbook (.xls) or one saved with a password",
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("EOCD"));
    let big = dir.path().join("big.xlsx");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(65 << 20)
        .unwrap();
    assert_refused(&validate_limited(&big), 2, "larger than 64 MiB");
}

/// A formula with no computed value (as a script's library writes it, never
/// opened in a spreadsheet program) is not read as an empty cell: the value
/// the planner meant would silently fall back to its default.
#[test]
fn a_formula_without_its_computed_value_is_refused_at_its_cell() {
    let text = std::fs::read_to_string("tests/scenarios/small.toml").unwrap();
    let bytes = drillplan::workbook::to_xlsx(&toml::from_str(&text).unwrap(), Lang::Zh).unwrap();
    let part = xlsx_edit::sheet_part(&bytes, "队伍");
    let edited: Vec<(String, Box<dyn Read>)> = xlsx_edit::parts(&bytes)
        .into_iter()
        .map(|(name, data)| {
            let data = if name == part {
                let xml = String::from_utf8(data).unwrap();
                let cell = r#"<c r="K3"><v>2</v></c>"#;
                assert!(
                    xml.contains(cell),
                    "the small scenario's max_drills_per_day"
                );
                xml.replace(cell, r#"<c r="K3"><f>1+1</f></c>"#)
                    .into_bytes()
            } else {
                data
            };
            (name, Box::new(std::io::Cursor::new(data)) as Box<dyn Read>)
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("formula.xlsx");
    std::fs::write(&path, xlsx_edit::zip_of(edited)).unwrap();
    let out = validate_limited(&path);
    assert_refused(&out, 1, "队伍!K3");
    assert_refused(&out, 1, "单元格中有公式 `=1+1`，但没有保存其计算结果");
}

/// `drillplan` with no language asked for: no `--lang`, no `DRILLPLAN_LANG`,
/// and the locale of a Chinese planner's Windows, which sets none.
fn unasked(dir: &Path) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("drillplan").unwrap();
    for var in ["DRILLPLAN_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(var);
    }
    c.current_dir(dir);
    c
}

fn stderr_of(c: &mut assert_cmd::Command) -> String {
    let out = c.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

/// A workbook that cannot be read at all has no headers to tell the
/// planner's language; its Chinese name does. Before, a truncated
/// 演练周.xlsx got `error[unreadable]: ... not an Excel workbook` on a
/// machine with no LANG; now it is Chinese unless English is asked for.
#[test]
fn a_chinese_named_workbook_that_cannot_be_read_is_answered_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read("scenarios/karamay-2017.xlsx").unwrap();
    std::fs::write(dir.path().join("演练周.xlsx"), &whole[..whole.len() / 2]).unwrap();
    std::fs::write(dir.path().join("文本.xlsx"), "id,name\n").unwrap();
    std::fs::copy("scenarios/karamay-2017.xlsx", dir.path().join("city.xlsx")).unwrap();
    for args in [
        &["validate", "演练周.xlsx"][..],
        &["solve", "演练周.xlsx"],
        &["convert", "演练周.xlsx", "演练周.toml"],
        &["validate", "文本.xlsx"],
    ] {
        let err = stderr_of(unasked(dir.path()).args(args));
        // `solve` prints its progress (`0.00s  读取`) first.
        assert!(
            err.lines()
                .any(|l| l.starts_with("错误[无法读取]：演练周.xlsx")
                    || l.starts_with("错误[无法读取]：文本.xlsx")),
            "{args:?}: {err}"
        );
        crate::zh_messages::assert_chinese(&err, &format!("{args:?}"));
    }
    let err = stderr_of(unasked(dir.path()).args(["validate", "演练周.xlsx"]));
    assert!(
        err.contains("演练周.xlsx：文件：工作簿不完整（文件被截断"),
        "{err}"
    );
    assert!(
        err.contains("请在 Excel、WPS 或 LibreOffice 中重新保存"),
        "{err}"
    );
    // English when asked for, by the flag or the environment.
    let err = stderr_of(unasked(dir.path()).args(["validate", "演练周.xlsx", "--lang", "en"]));
    assert!(
        err.starts_with("error[unreadable]: 演练周.xlsx: file: the workbook is incomplete"),
        "{err}"
    );
    let err = stderr_of(
        unasked(dir.path())
            .env("DRILLPLAN_LANG", "en")
            .args(["validate", "演练周.xlsx"]),
    );
    assert!(err.starts_with("error[unreadable]: "), "{err}");
    // A name with no Chinese decides nothing: the locale does, as before.
    std::fs::write(dir.path().join("week.xlsx"), &whole[..whole.len() / 2]).unwrap();
    let err = stderr_of(unasked(dir.path()).args(["validate", "week.xlsx"]));
    assert!(err.starts_with("error[unreadable]: week.xlsx"), "{err}");
    // The schedule named in Chinese, beside an English-named scenario that
    // was read: the scenario's headers (Chinese) decide, as before.
    let err = stderr_of(unasked(dir.path()).args(["check", "city.xlsx", "演练周.xlsx"]));
    assert!(err.starts_with("错误[无法读取]：演练周.xlsx"), "{err}");
}

/// A Chinese-named TOML scenario that cannot be read was answered in the
/// locale's language (English with no LANG), though an unreadable
/// 演练周.xlsx is answered in Chinese; now both are, unless English is asked.
#[test]
fn a_chinese_named_toml_that_cannot_be_read_is_answered_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read("scenarios/karamay-2017.toml").unwrap();
    // Not UTF-8 (saved as GBK), cut short, binary.
    let mut gbk = b"[plan]\nname = \"".to_vec();
    gbk.extend_from_slice(&[0xd1, 0xdd, 0xc1, 0xb7]);
    gbk.extend_from_slice(b"\"\n");
    let cut = &whole[..whole.len() / 3];
    let binary = [0u8, 159, 146, 150, 0, 1, 2, 3];
    for (name, bytes) in [
        ("编码.toml", &gbk[..]),
        ("截断.toml", cut),
        ("二进制.toml", &binary[..]),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        for args in [
            &["validate", name][..],
            &["solve", name],
            &["convert", name, "出.xlsx"],
        ] {
            // A syntax error is a problem in the scenario (1), the rest unreadable (2).
            let out = unasked(dir.path()).args(args).output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr).into_owned();
            assert!(matches!(out.status.code(), Some(1 | 2)), "{args:?}: {err}");
            assert!(!dir.path().join("出.xlsx").exists(), "{args:?}");
            assert!(
                err.lines().any(|l| l.starts_with("错误")),
                "{args:?}: {err}"
            );
            crate::zh_messages::assert_chinese(&err, &format!("{args:?}"));
        }
        let out = unasked(dir.path())
            .args(["validate", name, "--lang", "en"])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("error"), "{name}: {err}");
        assert!(!err.contains("错误"), "{name}: {err}");
    }
    // A name with no Chinese decides nothing: the locale does, as before.
    std::fs::write(dir.path().join("week.toml"), binary).unwrap();
    let err = stderr_of(unasked(dir.path()).args(["validate", "week.toml"]));
    assert!(err.starts_with("error"), "{err}");
}

/// An .xlsx saved with a password to open it is an encrypted package in an
/// OLE compound file, no zip: said as what it is, with what to do, not as
/// an old .xls. The fixture is Calc's own (`scripts/calc-loop.py password
/// new tests/fixtures/calc/password-drillplan.xlsx`: a new sheet with
/// `演练` in A1, saved with the password `drillplan`), so the test needs
/// no soffice.
#[test]
fn a_workbook_saved_with_a_password_is_refused_as_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("演练周.xlsx");
    std::fs::copy("tests/fixtures/calc/password-drillplan.xlsx", &locked).unwrap();
    assert!(std::fs::read(&locked)
        .unwrap()
        .starts_with(b"\xD0\xCF\x11\xE0"));
    let zh = "演练周.xlsx：文件：工作簿已加密（有打开密码），drillplan 无法读取：\
              请在 Excel、WPS 或 LibreOffice 中输入密码打开，去掉密码后另存为 .xlsx（Excel 工作簿）";
    let err = stderr_of(unasked(dir.path()).args(["validate", "演练周.xlsx"]));
    assert_eq!(err, format!("错误[无法读取]：{zh}\n"));
    // The same as a schedule, beside a scenario that was read, and as a
    // baseline, also under a CSV's name.
    std::fs::copy("scenarios/karamay-2017.xlsx", dir.path().join("city.xlsx")).unwrap();
    std::fs::copy(&locked, dir.path().join("安排.csv")).unwrap();
    for args in [
        &["check", "city.xlsx", "演练周.xlsx"][..],
        &["check", "city.xlsx", "安排.csv"],
        &[
            "solve",
            "city.xlsx",
            "--baseline",
            "演练周.xlsx",
            "-o",
            "new.csv",
        ],
    ] {
        let err = stderr_of(unasked(dir.path()).args(args));
        assert!(
            err.contains("工作簿已加密（有打开密码）"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("旧版"), "{args:?}: {err}");
    }
    assert!(!dir.path().join("new.csv").exists());
    let err = stderr_of(unasked(dir.path()).args(["validate", "演练周.xlsx", "--lang", "en"]));
    assert!(
        err.contains("the workbook is encrypted (it has a password to open it)"),
        "{err}"
    );
    assert!(
        err.contains("remove the password and save it as .xlsx"),
        "{err}"
    );
}
