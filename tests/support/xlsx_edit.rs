//! Editing a workbook the way a spreadsheet program saves one: its zip
//! parts rewritten, rows added to a sheet's XML. Used to fill in a template
//! as a planner would, and to build hostile files.
#![allow(dead_code)]

use std::io::{Read, Write};

/// A cell a planner typed.
pub enum Typed<'a> {
    Text(&'a str),
    Number(f64),
    /// A real Excel date or date-time (serial number) in the style of an existing cell.
    Serial(f64, &'a str),
    /// A spreadsheet error value, such as `#N/A`.
    Error(&'a str),
}

/// The parts of a zip, in order.
pub fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

/// A zip of `parts`, each read from its reader (so a huge part streams).
pub fn zip_of(parts: Vec<(String, Box<dyn Read>)>) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, mut data) in parts {
        out.start_file(name, opts).unwrap();
        std::io::copy(&mut data, &mut out).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The zip part holding the sheet named `sheet`.
pub fn sheet_part(bytes: &[u8], sheet: &str) -> String {
    let parts = parts(bytes);
    let text = |name: &str| {
        String::from_utf8(parts.iter().find(|(n, _)| n == name).unwrap().1.clone()).unwrap()
    };
    let book = text("xl/workbook.xml");
    let at = book
        .find(&format!("name=\"{sheet}\""))
        .expect("sheet exists");
    let rid = attr(&book[at..], "r:id");
    let rels = text("xl/_rels/workbook.xml.rels");
    let at = rels.find(&format!("Id=\"{rid}\"")).unwrap();
    let start = rels[..at].rfind('<').unwrap();
    format!("xl/{}", attr(&rels[start..], "Target"))
}

fn attr(xml: &str, name: &str) -> String {
    let at = xml.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    xml[at..at + xml[at..].find('"').unwrap()].to_string()
}

/// The style index of a cell (`B2`) of a sheet's XML.
pub fn style_of(xml: &str, cell: &str) -> String {
    let at = xml.find(&format!("<c r=\"{cell}\"")).expect("cell exists");
    attr(&xml[at..], "s")
}

/// `bytes` with rows appended to the sheet named `sheet`: each row is
/// (column letters, typed value) pairs.
pub fn append_rows(bytes: &[u8], sheet: &str, rows: &[Vec<(&str, Typed)>]) -> Vec<u8> {
    let part = sheet_part(bytes, sheet);
    let edited: Vec<(String, Box<dyn Read>)> = parts(bytes)
        .into_iter()
        .map(|(name, data)| {
            let data = if name == part {
                let xml = String::from_utf8(data).unwrap();
                let first = xml.matches("<row ").count() + 1;
                let mut added = String::new();
                for (next, row) in (first..).zip(rows) {
                    added.push_str(&format!("<row r=\"{next}\">"));
                    for (col, value) in row {
                        let r = format!("{col}{next}");
                        added.push_str(&match value {
                            Typed::Text(t) => format!(
                                "<c r=\"{r}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                                escape(t)
                            ),
                            Typed::Number(x) => format!("<c r=\"{r}\"><v>{x}</v></c>"),
                            Typed::Serial(x, style) => {
                                format!("<c r=\"{r}\" s=\"{style}\"><v>{x}</v></c>")
                            }
                            Typed::Error(e) => format!("<c r=\"{r}\" t=\"e\"><v>{e}</v></c>"),
                        });
                    }
                    added.push_str("</row>");
                }
                xml.replacen("</sheetData>", &format!("{added}</sheetData>"), 1)
                    .into_bytes()
            } else {
                data
            };
            (name, Box::new(std::io::Cursor::new(data)) as Box<dyn Read>)
        })
        .collect();
    zip_of(edited)
}

/// `bytes` with one part's content replaced by what `with` reads.
pub fn replace_part(bytes: &[u8], part: &str, with: Box<dyn Read>) -> Vec<u8> {
    let mut with = Some(with);
    let edited = parts(bytes)
        .into_iter()
        .map(|(name, data)| {
            let reader: Box<dyn Read> = if name == part {
                with.take().unwrap()
            } else {
                Box::new(std::io::Cursor::new(data))
            };
            (name, reader)
        })
        .collect();
    zip_of(edited)
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Excel's serial number of a date and time (1900 date system).
pub fn serial(y: i32, m: u32, d: u32, h: u32, min: u32) -> f64 {
    let date = chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
    (date - epoch).num_days() as f64 + (h * 60 + min) as f64 / 1440.0
}

/// Writes `bytes` to a file in `dir`.
pub fn save(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    path
}
