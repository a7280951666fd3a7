//! What-if overrides (`--set KEY=VALUE`): a change to a scenario's text,
//! applied to its TOML tables before validation, so the changed scenario
//! passes every check a hand-edited file would.
//!
//! Keys name a table, a row and a field:
//! - `plan.FIELD`, `travel.FIELD`, `objective.FIELD`;
//! - `district.ID.FIELD`, `venue.ID.FIELD`, `team.ID.FIELD`, `drill.ID.FIELD`,
//!   `pin.DRILL.FIELD`, `conflict.NAME.FIELD`, `coverage.NAME.FIELD`;
//! - `standby.DISTRICT.SKILL.FIELD`;
//! - `team`, `venue`, `drill`, ... with `+=` and an inline table: a new row.
//!
//! An id with a `.` (or `=`, a quote, spaces at its ends) is quoted as in
//! TOML: `drill."no1.quake".duration=90` or `drill.'no1.quake'.duration=90`.
//! A row may also be named by its place in the file, from 1: `conflict.#2.gap`
//! (conflict and coverage names are free text, and two may be the same).
//!
//! `=` sets a field, `+=` appends to an array field (creating it), `-=`
//! removes equal items from one. Values are TOML (`2017-06-21`, `1`,
//! `["fire"]`, `{ from = ..., to = ... }`); anything else is a string.

use crate::lang::Lang;
use crate::words;
use toml::{Table, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Set,
    Append,
    Remove,
}

/// Applies `overrides` in order to scenario `text`; the changed text, or a
/// message naming the override that does not apply.
pub fn apply(text: &str, overrides: &[String]) -> Result<String, String> {
    apply_in(text, overrides, Lang::En)
}

/// `apply`, why an override does not apply told in `lang`.
pub fn apply_in(text: &str, overrides: &[String], lang: Lang) -> Result<String, String> {
    apply_named(text, overrides, lang, None)
}

/// How a workbook shows the scenario's tables and fields, for the messages
/// of a `--set` on a scenario the planner keeps as a workbook: they see
/// the 场地 sheet and its 开放时段 column, not `[[venue]]` and `hours`.
pub struct Book<'a> {
    /// The sheet that holds `table`, as the planner sees it.
    pub sheet: &'a dyn Fn(&str) -> Option<String>,
    /// The column (or columns) that hold `field` of `table`.
    pub column: &'a dyn Fn(&str, &str) -> Option<String>,
}

/// What a message calls a table and its fields: a workbook's sheet and
/// columns where the scenario is one, else the TOML names.
#[derive(Clone, Copy)]
struct Names<'a> {
    book: Option<&'a Book<'a>>,
}

impl Names<'_> {
    fn sheet(&self, table: &str) -> Option<String> {
        self.book.and_then(|b| (b.sheet)(table))
    }

    /// A field: its column's header in a workbook, else the key, quoted
    /// as the run's language quotes a name.
    fn field(&self, table: &str, field: &str, lang: Lang) -> String {
        let name = self
            .book
            .and_then(|b| (b.column)(table, field))
            .unwrap_or_else(|| field.to_string());
        match lang {
            Lang::Zh if self.book.is_some() => format!("「{name}」"),
            _ => format!("`{name}`"),
        }
    }
}

/// `apply_in`, the tables and fields named as `book` shows them when the
/// scenario is a workbook.
pub fn apply_named(
    text: &str,
    overrides: &[String],
    lang: Lang,
    book: Option<&Book>,
) -> Result<String, String> {
    let names = Names { book };
    if overrides.is_empty() {
        return Ok(text.to_string());
    }
    let mut doc: Table = text.parse().map_err(|e: toml::de::Error| {
        let e = e.message();
        words!(lang,
            en: "the scenario is not valid TOML: {e}",
            zh: "情景不是有效的 TOML：{e}")
    })?;
    for o in overrides {
        apply_one(&mut doc, o, lang, names)
            .map_err(|e| words!(lang, en: "--set {o}: {e}", zh: "--set {o}：{e}"))?;
    }
    toml::to_string(&doc).map_err(|e| {
        words!(lang,
            en: "cannot write the changed scenario: {e}",
            zh: "无法写出改动后的情景：{e}")
    })
}

/// A `--set` key naming `parts`, each quoted where it must be to be read
/// back as one part: what `explain` prints.
pub fn key(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| {
            let bare = !p.is_empty()
                && p.trim() == *p
                && !p.starts_with('#')
                && !p.ends_with(['+', '-'])
                && !p.contains(['.', '"', '\'', '=', '\\']);
            if bare {
                p.to_string()
            } else {
                string(p)
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// `text` as a TOML string in an override (`skills = ["first aid"]`), its
/// quotes and backslashes escaped.
pub fn string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The parts of a key: split at dots outside quotes; a part in double
/// quotes takes `\"` and `\\` escapes, one in single quotes is literal.
fn key_parts(key: &str, lang: Lang) -> Result<Vec<String>, String> {
    let mut parts = Vec::new();
    let mut part = String::new();
    let mut quoted = false;
    let mut chars = key.chars();
    while let Some(c) = chars.next() {
        match c {
            '.' => {
                parts.push(finish_part(&part, quoted, lang)?);
                part.clear();
                quoted = false;
            }
            '"' | '\'' if part.trim().is_empty() => {
                let mut closed = false;
                part.clear();
                while let Some(q) = chars.next() {
                    match q {
                        '\\' if c == '"' => match chars.next() {
                            Some(e) => part.push(e),
                            None => break,
                        },
                        q if q == c => {
                            closed = true;
                            break;
                        }
                        q => part.push(q),
                    }
                }
                if !closed {
                    return Err(words!(lang,
                        en: "a quote {c} in the key is not closed",
                        zh: "键中的引号 {c} 没有闭合"));
                }
                quoted = true;
            }
            c if quoted && !c.is_whitespace() => {
                return Err(words!(lang,
                    en: "`{c}` after a quoted part of the key; put a dot between parts",
                    zh: "键中加引号的部分后面紧跟 `{c}`；各部分之间请用点号分隔"));
            }
            _ if quoted => {}
            c => part.push(c),
        }
    }
    parts.push(finish_part(&part, quoted, lang)?);
    Ok(parts)
}

fn finish_part(part: &str, quoted: bool, lang: Lang) -> Result<String, String> {
    if quoted {
        return Ok(part.to_string());
    }
    let bare = part.trim();
    if bare.is_empty() {
        return Err(words!(lang, en: "an empty part in the key", zh: "键中有空的部分"));
    }
    Ok(bare.to_string())
}

fn apply_one(doc: &mut Table, item: &str, lang: Lang, names: Names) -> Result<(), String> {
    let (key, op, value) = split(item, lang)?;
    let value = parse_value(value, lang)?;
    let parts = key_parts(key, lang)?;
    let path: Vec<&str> = parts.iter().map(String::as_str).collect();
    let table = path[0];
    match (table, path.len(), op) {
        (_, 1, Op::Append) => {
            let Value::Table(row) = value else {
                return Err(match names.sheet(table) {
                    Some(sheet) => words!(lang,
                        en: "a new row of the {sheet} sheet is an inline table with the TOML keys of its columns: {{ id = \"...\", ... }}",
                        zh: "「{sheet}」表新增的一行须写成内联表，键为各列的 TOML 键名：{{ id = \"...\", ... }}"),
                    None => words!(lang,
                        en: "a new [[{table}]] row is an inline table: {{ id = \"...\", ... }}",
                        zh: "新增的 [[{table}]] 行须写成内联表：{{ id = \"...\", ... }}"),
                });
            };
            rows(doc, table, lang)?.push(Value::Table(row));
            Ok(())
        }
        ("plan" | "travel" | "objective", 2, _) => {
            let t = doc
                .entry(table)
                .or_insert_with(|| Value::Table(Table::new()))
                .as_table_mut()
                .ok_or_else(
                    || words!(lang, en: "`{table}` is not a table", zh: "`{table}` 不是表"),
                )?;
            change(
                t,
                path[1],
                op,
                value,
                lang,
                &names.field(table, path[1], lang),
            )
        }
        ("standby", 4, _) => {
            let row = find_row(doc, table, |r| {
                r.get("district").and_then(Value::as_str) == Some(path[1])
                    && r.get("skill").and_then(Value::as_str) == Some(path[2])
            })
            .ok_or_else(|| {
                let (district, skill) = (path[1], path[2]);
                match names.sheet(table) {
                    Some(sheet) => {
                        let (d, s) = (
                            names.field(table, "district", lang),
                            names.field(table, "skill", lang),
                        );
                        words!(lang,
                            en: "no row of the {sheet} sheet has {d} `{district}` and {s} `{skill}`",
                            zh: "「{sheet}」表中没有{d}为 `{district}`、{s}为 `{skill}` 的行")
                    }
                    None => words!(lang,
                        en: "no standby rule for district `{district}` and skill `{skill}`",
                        zh: "没有区域 `{district}`、技能 `{skill}` 的备勤规则"),
                }
            })?;
            change(
                row,
                path[3],
                op,
                value,
                lang,
                &names.field(table, path[3], lang),
            )
        }
        ("district" | "venue" | "team" | "drill" | "pin" | "conflict" | "coverage", 3, _) => {
            let field = match table {
                "pin" => "drill",
                "conflict" | "coverage" => "name",
                _ => "id",
            };
            let row = named_row(doc, table, field, path[1], lang, names)?;
            change(
                row,
                path[2],
                op,
                value,
                lang,
                &names.field(table, path[2], lang),
            )
        }
        ("district" | "venue" | "team" | "drill" | "pin" | "conflict", n, _) if n > 3 => {
            Err(words!(lang,
                en: "`{key}` has {n} parts where {table}.ID.FIELD has 3; an id with a dot is quoted: {table}.\"a.b\".FIELD",
                zh: "`{key}` 有 {n} 段，而 {table}.ID.FIELD 只有 3 段；含点号的编号须加引号：{table}.\"a.b\".FIELD"
            ))
        }
        _ => Err(words!(lang,
            en: "`{key}` is not a key drillplan knows; use plan.FIELD, team.ID.FIELD, \
                 standby.DISTRICT.SKILL.FIELD or team+={{...}} (see docs/commands.md)",
            zh: "drillplan 不认识键 `{key}`；可用 plan.FIELD、team.ID.FIELD、\
                 standby.DISTRICT.SKILL.FIELD 或 team+={{...}}（见 docs/commands.md）"
        )),
    }
}

/// The row of `table` whose `field` is `name`, or the one at place `#N`;
/// a name that several rows share is refused with their places, never
/// applied to the first one silently.
fn named_row<'a>(
    doc: &'a mut Table,
    table: &str,
    field: &str,
    name: &str,
    lang: Lang,
    names: Names,
) -> Result<&'a mut Table, String> {
    let sheet = names.sheet(table);
    let rows: Vec<&mut Table> = doc
        .get_mut(table)
        .and_then(Value::as_array_mut)
        .map(|a| a.iter_mut().filter_map(Value::as_table_mut).collect())
        .unwrap_or_default();
    if let Some(place) = name.strip_prefix('#') {
        let n = rows.len();
        let i: usize = place.parse().map_err(|_| match &sheet {
            Some(sheet) => words!(lang,
                en: "`#{place}` is not a place in the {sheet} sheet; #1 is its first row of values",
                zh: "`#{place}` 不是「{sheet}」表中的位置；#1 是其第一行数据"),
            None => words!(lang,
                en: "`#{place}` is not a place in the file; #1 is the first [[{table}]]",
                zh: "`#{place}` 不是文件中的位置；#1 是第一个 [[{table}]]"),
        })?;
        return rows
            .into_iter()
            .nth(i.wrapping_sub(1))
            .ok_or_else(|| match &sheet {
                Some(sheet) => words!(lang,
                    en: "the {sheet} sheet has no row #{i}; it has {n} row(s) of values",
                    zh: "「{sheet}」表中没有第 {i} 行；共 {n} 行数据"),
                None => words!(lang,
                    en: "no [[{table}]] #{i}; the file has {n}",
                    zh: "没有第 {i} 个 [[{table}]]；文件中共 {n} 个"),
            });
    }
    let mut places = Vec::new();
    let mut found = None;
    for (i, r) in rows.into_iter().enumerate() {
        if r.get(field).and_then(Value::as_str) == Some(name) {
            places.push(format!("{}.#{}", table, i + 1));
            found.get_or_insert(r);
        }
    }
    let column = names.field(table, field, lang);
    match (found, places.len(), sheet) {
        (Some(r), 1, _) => Ok(r),
        (Some(_), _, Some(sheet)) => {
            let (n, listed) = (places.len(), places.join(".FIELD, "));
            Err(words!(lang,
                en: "{n} rows of the {sheet} sheet have {column} `{name}`; name one by its place: {listed}.FIELD",
                zh: "「{sheet}」表中有 {n} 行的{column}为 `{name}`；请按位置指明其一：{listed}.FIELD"))
        }
        (Some(_), _, None) => {
            let (n, listed) = (places.len(), places.join(".FIELD, "));
            Err(words!(lang,
                en: "{n} [[{table}]] rows have {field} `{name}`; name one by its place: {listed}.FIELD",
                zh: "有 {n} 个 [[{table}]] 行的 {field} 为 `{name}`；请按位置指明其一：{listed}.FIELD"))
        }
        (None, _, Some(sheet)) => Err(words!(lang,
            en: "no row of the {sheet} sheet has {column} `{name}` (an id with a dot is quoted: {table}.\"a.b\".FIELD)",
            zh: "「{sheet}」表中没有{column}为 `{name}` 的行（含点号的编号须加引号：{table}.\"a.b\".FIELD）"
        )),
        (None, _, None) => Err(words!(lang,
            en: "no [[{table}]] with {field} `{name}` (an id with a dot is quoted: {table}.\"a.b\".FIELD)",
            zh: "没有 {field} 为 `{name}` 的 [[{table}]]（含点号的编号须加引号：{table}.\"a.b\".FIELD）"
        )),
    }
}

fn split(item: &str, lang: Lang) -> Result<(&str, Op, &str), String> {
    // The first `=` outside quotes: a quoted id may hold one.
    let mut quote = None;
    let mut eq = None;
    for (i, c) in item.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '=') => {
                eq = Some(i);
                break;
            }
            // Trimmed or kept, a line feed or another control character
            // would address some other row than the one typed, silently.
            (None, c) if c.is_control() => {
                let c = c.escape_debug();
                return Err(words!(lang,
                    en: "the key holds a control character `{c}`; ids with one are quoted: drill.\"...\".FIELD",
                    zh: "键中有控制字符 `{c}`；含控制字符的编号须加引号：drill.\"...\".FIELD"));
            }
            _ => {}
        }
    }
    let Some(eq) = eq else {
        return Err(match quote {
            Some(q) => words!(lang,
                en: "a quote {q} in the key is not closed; a quoted part ends with its quote: drill.{q}a.b{q}.FIELD=VALUE",
                zh: "键中的引号 {q} 没有闭合；加引号的部分以同一引号结束：drill.{q}a.b{q}.FIELD=VALUE"),
            None => words!(lang,
                en: "expected KEY=VALUE, KEY+=VALUE or KEY-=VALUE",
                zh: "应写作 KEY=VALUE、KEY+=VALUE 或 KEY-=VALUE"),
        });
    };
    let (key, op) = match item[..eq].chars().last() {
        Some('+') => (&item[..eq - 1], Op::Append),
        Some('-') => (&item[..eq - 1], Op::Remove),
        _ => (&item[..eq], Op::Set),
    };
    Ok((key.trim(), op, item[eq + 1..].trim()))
}

/// One TOML value, or else the text as a string. Text that parses as more
/// than one value (`60\n[plan2]\nx = 1`) is refused rather than cut short,
/// as is text on several lines that is no TOML at all.
fn parse_value(text: &str, lang: Lang) -> Result<Value, String> {
    let shown = text.escape_debug();
    let several = || {
        words!(lang,
            en: "`{shown}` is not a single value; give one TOML value (quote text, e.g. \"...\")",
            zh: "`{shown}` 不是单个值；请给出一个 TOML 值（文字加引号，如 \"...\"）")
    };
    match format!("v = {text}").parse::<Table>() {
        Ok(mut t) if t.len() == 1 => t.remove("v").ok_or_else(several),
        Ok(_) => Err(several()),
        Err(_) if text.contains(['\n', '\r']) => Err(several()),
        // `"Fire team` is a quote left open, not a name that starts with one.
        Err(_) if text.starts_with(['"', '\'']) && !unclosed_ok(text) => {
            let q = &text[..1];
            Err(words!(lang,
                en: "the quote {q} that starts the value `{shown}` is not closed",
                zh: "值 `{shown}` 开头的引号 {q} 没有闭合"))
        }
        Err(_) => Ok(Value::String(text.to_string())),
    }
}

/// Whether the quote that starts `text` appears again (closing it).
fn unclosed_ok(text: &str) -> bool {
    text[1..].contains(&text[..1])
}

fn rows<'a>(doc: &'a mut Table, table: &str, lang: Lang) -> Result<&'a mut Vec<Value>, String> {
    doc.entry(table)
        .or_insert_with(|| Value::Array(Vec::new()))
        .as_array_mut()
        .ok_or_else(
            || words!(lang, en: "`{table}` is not an array of tables", zh: "`{table}` 不是表数组"),
        )
}

fn find_row<'a>(
    doc: &'a mut Table,
    table: &str,
    matches: impl Fn(&Table) -> bool,
) -> Option<&'a mut Table> {
    doc.get_mut(table)?
        .as_array_mut()?
        .iter_mut()
        .filter_map(Value::as_table_mut)
        .find(|r| matches(r))
}

/// Changes `field` of `row`; `shown` is how the messages name it (its
/// column in a workbook, else the key).
fn change(
    row: &mut Table,
    field: &str,
    op: Op,
    value: Value,
    lang: Lang,
    shown: &str,
) -> Result<(), String> {
    match op {
        Op::Set => {
            row.insert(field.to_string(), value);
        }
        Op::Append => {
            let items = row
                .entry(field)
                .or_insert_with(|| Value::Array(Vec::new()))
                .as_array_mut()
                .ok_or_else(|| {
                    words!(lang,
                        en: "{shown} holds one value, not a list; use = to set it",
                        zh: "{shown} 只有一个值，不是列表；请用 = 设置它")
                })?;
            match value {
                Value::Array(more) => items.extend(more),
                one => items.push(one),
            }
        }
        Op::Remove => {
            let items = row
                .get_mut(field)
                .and_then(Value::as_array_mut)
                .ok_or_else(|| {
                    words!(lang,
                        en: "{shown} is empty or not a list here",
                        zh: "此处 {shown} 为空或不是列表")
                })?;
            let gone: Vec<Value> = match value {
                Value::Array(v) => v,
                one => vec![one],
            };
            let before = items.len();
            items.retain(|i| !gone.contains(i));
            if items.len() == before {
                return Err(
                    words!(lang, en: "{shown} has no such item", zh: "{shown} 中没有这一项"),
                );
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
[plan]
start = 2017-06-19
end = 2017-06-21
[[district]]
id = "k"
[[team]]
id = "fire-1"
skills = ["fire"]
district = "k"
base = [45.0, 84.0]
[[standby]]
district = "k"
skill = "fire"
keep = 2
"#;

    fn changed(sets: &[&str]) -> Table {
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        apply(TEXT, &sets).unwrap().parse().unwrap()
    }

    #[test]
    fn appends_sets_and_removes() {
        let doc = changed(&[
            "team.fire-1.off+=2017-06-21",
            "standby.k.fire.keep=1",
            "plan.name=演练周",
        ]);
        let team = &doc["team"].as_array().unwrap()[0];
        assert_eq!(team["off"].as_array().unwrap().len(), 1);
        assert_eq!(
            team["off"][0].as_datetime().unwrap().to_string(),
            "2017-06-21"
        );
        assert_eq!(doc["standby"][0]["keep"].as_integer(), Some(1));
        assert_eq!(doc["plan"]["name"].as_str(), Some("演练周"));
        let doc = changed(&["team.fire-1.skills+=rescue", "team.fire-1.skills-=fire"]);
        assert_eq!(
            doc["team"][0]["skills"].as_array().unwrap(),
            &vec![Value::from("rescue")]
        );
    }

    #[test]
    fn adds_a_row() {
        let doc = changed(&[
            r#"team+={ id = "fire-2", skills = ["fire"], district = "k", base = [45.0, 84.0] }"#,
        ]);
        assert_eq!(doc["team"].as_array().unwrap().len(), 2);
    }

    const DOTTED: &str = r#"
[[drill]]
id = "no1.quake"
duration = 60
[[conflict]]
name = "dup"
gap = 10
[[conflict]]
name = "dup"
gap = 20
"#;

    #[test]
    fn ids_with_dots_are_quoted_and_rows_named_by_place() {
        let set = |s: &str| apply(DOTTED, &[s.to_string()]);
        for quoted in [
            r#"drill."no1.quake".duration=90"#,
            "drill.'no1.quake'.duration=90",
            &format!("{}=90", key(&["drill", "no1.quake", "duration"])),
        ] {
            let doc: Table = set(quoted).unwrap().parse().unwrap();
            assert_eq!(
                doc["drill"][0]["duration"].as_integer(),
                Some(90),
                "{quoted}"
            );
        }
        let err = set("drill.no1.quake.duration=90").unwrap_err();
        assert!(err.contains("quoted"), "{err}");
        // Two conflicts named `dup`: refused by name, addressed by place.
        let err = set("conflict.dup.gap=5").unwrap_err();
        assert!(
            err.contains("2 [[conflict]] rows") && err.contains("conflict.#2.FIELD"),
            "{err}"
        );
        let doc: Table = set("conflict.#2.gap=5").unwrap().parse().unwrap();
        assert_eq!(doc["conflict"][0]["gap"].as_integer(), Some(10));
        assert_eq!(doc["conflict"][1]["gap"].as_integer(), Some(5));
        assert!(set("conflict.#3.gap=5")
            .unwrap_err()
            .contains("the file has 2"));
        assert!(set("conflict.#0.gap=5").is_err());
        // Every id `key` quotes reads back as that id.
        for id in [
            "a.b",
            "x=y",
            "q\"uote",
            "back\\slash",
            " pad ",
            "#1",
            "end-",
            "it's",
        ] {
            let k = key(&["drill", id, "duration"]);
            assert_eq!(
                key_parts(&k, Lang::En).unwrap(),
                vec!["drill", id, "duration"],
                "{k}"
            );
        }
        assert!(set(r#"drill."no1.quake.duration=90"#).is_err());
    }

    #[test]
    fn refuses_what_does_not_apply() {
        let sets = |s: &str| apply(TEXT, &[s.to_string()]).unwrap_err();
        assert!(sets("team.nobody.off+=2017-06-21").contains("no [[team]] with id `nobody`"));
        assert!(sets("standby.k.medical.keep=1").contains("no standby rule"));
        assert!(sets("frobnicate").contains("expected KEY=VALUE"));
        // A line feed in the key is refused, not trimmed into another key.
        for key in [
            "plan.name\n=x",
            "team.fire-1\n.off+=2017-06-21",
            "\nplan.name=x",
            "plan.na\rme=x",
        ] {
            let err = sets(key);
            assert!(err.contains("control character"), "{key:?}: {err}");
        }
        // An unclosed quote is named, in the key and in the value.
        let err = sets("team.\"fire-1.off+=2017-06-21");
        assert!(err.contains("quote \" in the key is not closed"), "{err}");
        let err = sets("plan.name=\"演练周");
        assert!(err.contains("not closed"), "{err}");
        let err = sets("plan.name='演练周");
        assert!(err.contains("not closed"), "{err}");
        assert!(sets("weather.rain=1").contains("not a key"));
        assert!(sets("team.fire-1.skills-=hazmat").contains("no such item"));
        for several in ["60\n[plan2]\nx=1", "60\nname = \"x\"", "a\n[b]"] {
            let err = sets(&format!("plan.slot_minutes={several}"));
            assert!(err.contains("not a single value"), "{several:?}: {err}");
        }
    }
}
