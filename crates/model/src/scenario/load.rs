//! From bytes on disk to a validated `Scenario`, refusing anything a planner
//! could not have meant with a message that points at the spot.

use super::build::build;
use super::model::Scenario;
use super::raw::RawScenario;
use crate::diagnostics::{line_col, InputError, Problem, ProblemKind};
use crate::lang::Lang;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// No planner's scenario comes near this; it keeps a stray huge file from exhausting memory.
pub const MAX_SCENARIO_BYTES: u64 = 64 * 1024 * 1024;
/// Deeper nesting than this is never a scenario and could exhaust the parser's stack.
pub const MAX_NESTING: usize = 64;

/// Reads and validates the scenario at `path`.
pub fn load(path: &Path) -> Result<Scenario, InputError> {
    let label = path.display().to_string();
    let text = read_text(path, MAX_SCENARIO_BYTES)?;
    parse(&label, &text)
}

/// Reads a text file: bounded in size, UTF-8 (a BOM is dropped), else a clear error.
pub fn read_text(path: &Path, limit: u64) -> Result<String, InputError> {
    read_text_in(path, limit, Lang::En)
}

/// `read_text`, a problem with the file itself told in `lang`.
pub fn read_text_in(path: &Path, limit: u64, lang: Lang) -> Result<String, InputError> {
    let label = path.display().to_string();
    let bytes = read_bytes_in(path, limit, lang)?;
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let valid = std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default();
            let (line, col) = line_col(valid, valid.len());
            Err(InputError::single(
                &label,
                ProblemKind::Unreadable,
                "file",
                crate::words!(lang,
                    en: "not UTF-8 text (first bad byte at line {line}, column {col}); save the file as UTF-8",
                    zh: "不是 UTF-8 文本（第 {line} 行第 {col} 列起无法识别）；请把文件另存为 UTF-8"),
            ))
        }
    }
}

/// Reads at most `limit` bytes of a file, else a clear error naming the file.
pub fn read_bytes(path: &Path, limit: u64) -> Result<Vec<u8>, InputError> {
    read_bytes_in(path, limit, Lang::En)
}

/// `read_bytes`, a problem with the file told in `lang`: the file is read
/// before its contents can say which language the planner writes.
pub fn read_bytes_in(path: &Path, limit: u64, lang: Lang) -> Result<Vec<u8>, InputError> {
    let label = path.display().to_string();
    let unreadable = |msg: String| InputError::single(&label, ProblemKind::Unreadable, "file", msg);
    let mib = limit / (1024 * 1024);
    let too_large = || {
        unreadable(crate::words!(lang,
            en: "larger than {mib} MiB; this is not a file drillplan reads",
            zh: "文件大于 {mib} MiB，不是 drillplan 读取的文件"))
    };
    let cannot = |e: std::io::Error, opening: bool| {
        use std::io::ErrorKind;
        unreadable(match (lang, e.kind()) {
            (Lang::Zh, ErrorKind::NotFound) => "找不到此文件（请检查路径和文件名）".to_string(),
            (Lang::Zh, ErrorKind::PermissionDenied) => "没有读取此文件的权限".to_string(),
            (Lang::Zh, ErrorKind::IsADirectory) => "这是文件夹，不是文件".to_string(),
            (Lang::Zh, _) if opening => format!("无法打开（系统报告：`{e}`）"),
            (Lang::Zh, _) => format!("无法读取（系统报告：`{e}`）"),
            (Lang::En, _) if opening => format!("cannot open: {e}"),
            (Lang::En, _) => format!("cannot read: {e}"),
        })
    };
    let file = std::fs::File::open(path).map_err(|e| cannot(e, true))?;
    // Refuse a regular file by its size before reading a byte; the bounded
    // read below still protects against pipes and files that grow.
    if file
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() > limit)
    {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| cannot(e, false))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Parses and validates scenario text; `label` names the file in messages.
///
/// Every problem of the file comes back at once, each with its kind, the
/// field as the planner finds it and, for a reference to nothing, the
/// closest ids that exist:
///
/// ```
/// use drillplan_model::diagnostics::ProblemKind;
/// use drillplan_model::scenario::parse;
///
/// # let text = r#"
/// # [plan]
/// # start = 2017-06-19
/// # end = 2017-06-20
/// # [[district]]
/// # id = "karamay"
/// # [[venue]]
/// # id = "school"
/// # district = "karamay"
/// # location = [45.58, 84.88]
/// # [[team]]
/// # id = "fire-1"
/// # skills = ["fire"]
/// # district = "karamay"
/// # base = [45.59, 84.87]
/// # [[drill]]
/// # id = "evacuation"
/// # venue = "school"
/// # duration = 60
/// # needs = [{ skill = "fire" }]
/// # "#;
/// assert_eq!(parse("plan.toml", text).unwrap().drills.len(), 1);
///
/// let typo = text.replace(r#"venue = "school""#, r#"venue = "schol""#);
/// let err = parse("plan.toml", &typo).unwrap_err();
/// assert_eq!(err.kinds(), vec![ProblemKind::UnknownReference]);
/// assert_eq!(err.path, "plan.toml");
/// assert!(err.problems[0].help.as_deref().unwrap().contains("school"));
/// // The line and column of the bad value (line 18 of `text`).
/// assert_eq!(err.problems[0].line_col.map(|(line, _)| line), Some(18));
/// ```
pub fn parse(label: &str, text: &str) -> Result<Scenario, InputError> {
    parse_in(label, text, Lang::En)
}

/// `parse`, its problems told in `lang`: the planner reads them as they
/// are, inside the frame the command prints in the run's language.
///
/// ```
/// use drillplan_model::lang::Lang;
/// use drillplan_model::scenario::parse_in;
///
/// let text = "[plan]\nstart = 2017-06-19\nend = 2017-06-18\n";
/// let err = parse_in("plan.toml", text, Lang::Zh).unwrap_err();
/// assert_eq!(err.problems[0].message, "计划结束于 2017-06-18，早于开始日期 2017-06-19");
/// ```
pub fn parse_in(label: &str, text: &str, lang: Lang) -> Result<Scenario, InputError> {
    let source = Arc::new(text.to_string());
    let fail = |problem: Problem| InputError {
        path: label.to_string(),
        source: source.clone(),
        problems: vec![problem],
        notes: Vec::new(),
    };
    if let Some(offset) = too_deep(text) {
        return Err(fail(Problem {
            kind: ProblemKind::Syntax,
            field: "(document)".into(),
            message: crate::words!(lang,
                en: "arrays or tables nested more than {MAX_NESTING} deep",
                zh: "数组或表的嵌套超过 {MAX_NESTING} 层"),
            help: None,
            span: Some(offset..offset + 1),
            line_col: Some(line_col(text, offset)),
            cell: None,
        }));
    }
    let raw: RawScenario = toml::from_str(text).map_err(|e| fail(toml_problem(text, &e, lang)))?;
    build(raw, label, source.clone(), lang)
}

fn toml_problem(text: &str, e: &toml::de::Error, lang: Lang) -> Problem {
    let said = e.message().trim().to_string();
    let span = e.span();
    let kind = classify(text, span.as_ref());
    let field = match (kind, span.as_ref()) {
        (ProblemKind::UnknownKey, Some(s)) => text[s.clone()].trim().to_string(),
        _ => field_from_message(&said).unwrap_or_else(|| "(document)".into()),
    };
    let message = match lang {
        Lang::En => said,
        // The parser's words are English only; the kind, the field and
        // the spot it points at say the same in the planner's words.
        Lang::Zh => {
            let at = span
                .as_ref()
                .map(|s| text[s.clone()].trim())
                .unwrap_or_default();
            let parses = toml::de::DeTable::parse(text).is_ok();
            toml_problem_zh(kind, &field, at, &said, parses)
        }
    };
    Problem {
        kind,
        field,
        message,
        help: match kind {
            ProblemKind::UnknownKey => Some(crate::words!(lang,
                en: "keys are case-sensitive; see the scenario format",
                zh: "键名区分大小写；见情景格式说明（docs/scenario-format.md）")),
            _ => None,
        },
        line_col: span.as_ref().map(|s| line_col(text, s.start)),
        span,
        cell: None,
    }
}

/// A TOML error in Chinese, from what it is and where it points. The
/// parser names the type it expected (`expected i64`); that one word of
/// its message is read to name the type in Chinese.
fn toml_problem_zh(kind: ProblemKind, field: &str, at: &str, said: &str, parses: bool) -> String {
    let at: String = at.chars().take(40).collect();
    match kind {
        // The keys the parser lists are ids of the format: kept as written.
        ProblemKind::UnknownKey => match said.split_once("expected one of ") {
            Some((_, keys)) => format!("`{field}` 不是此处可用的键；可用的键：{keys}"),
            None => format!("`{field}` 不是此处可用的键"),
        },
        ProblemKind::MissingField => format!("缺少必填项 `{field}`"),
        ProblemKind::Syntax if said.starts_with("invalid type") => {
            let wanted = said.rsplit("expected ").next().unwrap_or_default();
            let wanted = match wanted {
                "i64" | "u32" | "u64" | "i32" => "整数",
                "f64" => "数",
                "a boolean" => "true 或 false",
                "a string" => "文字（加引号）",
                "a sequence" => "列表 [...]",
                w if w.contains("date") => "日期或日期加时刻",
                _ => "",
            };
            match wanted {
                "" => format!("`{at}` 的类型不符合此项"),
                w => format!("`{at}` 的类型不符合此项：应为{w}"),
            }
        }
        // Past the parser: a value of the right type and the wrong shape.
        _ if parses => format!("`{at}` 不符合此项的格式"),
        _ if at.is_empty() => "TOML 语法错误：文件无法解析".to_string(),
        _ => format!("TOML 语法错误：`{at}` 处无法解析"),
    }
}

/// What a TOML error is, from where it points in the parsed document rather
/// than from its wording: text the parser refuses is a syntax error; past the
/// parser, an error at a key is an unknown key, one at a whole table (or at
/// the document) a missing field, and one at a value a value of the wrong type.
fn classify(text: &str, span: Option<&std::ops::Range<usize>>) -> ProblemKind {
    let Ok(doc) = toml::de::DeTable::parse(text) else {
        return ProblemKind::Syntax;
    };
    let Some(span) = span else {
        return ProblemKind::MissingField;
    };
    if *span == doc.span() {
        return ProblemKind::MissingField;
    }
    table_kind(doc.get_ref(), span).unwrap_or(ProblemKind::Syntax)
}

fn table_kind(table: &toml::de::DeTable, span: &std::ops::Range<usize>) -> Option<ProblemKind> {
    table.iter().find_map(|(key, value)| {
        if key.span() == *span {
            Some(ProblemKind::UnknownKey)
        } else {
            value_kind(value, span)
        }
    })
}

fn value_kind(
    value: &toml::Spanned<toml::de::DeValue>,
    span: &std::ops::Range<usize>,
) -> Option<ProblemKind> {
    match value.get_ref() {
        toml::de::DeValue::Table(t) if value.span() == *span => Some(ProblemKind::MissingField),
        toml::de::DeValue::Table(t) => table_kind(t, span),
        toml::de::DeValue::Array(items) => items.iter().find_map(|v| value_kind(v, span)),
        _ => None,
    }
}

/// serde names the field in backticks: "unknown field `foo`, expected ...".
fn field_from_message(message: &str) -> Option<String> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(message[start..start + len].to_string())
}

/// Byte offset where bracket nesting first exceeds `MAX_NESTING`, ignoring strings and comments.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            quote @ (b'"' | b'\'') => {
                let triple = bytes[i..].starts_with(&[quote; 3]);
                let close: &[u8] = if triple {
                    &bytes[i..i + 3]
                } else {
                    &bytes[i..i + 1]
                };
                i += close.len();
                while i < bytes.len() && !bytes[i..].starts_with(close) {
                    if quote == b'"' && bytes[i] == b'\\' {
                        i += 1;
                    }
                    if !triple && bytes[i.min(bytes.len() - 1)] == b'\n' {
                        break;
                    }
                    i += 1;
                }
                i += close.len() - 1;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => {}
            _ => {}
        }
        i += 1;
    }
    None
}

/// Each need of `text`'s drills for a skill no team has, as a problem at
/// the need, in `lang`. The workbook reader refuses each at its cell (a
/// drill no team can staff would silently never be placed); `convert`
/// warns of them before it writes a workbook. The TOML contract allows
/// such a need (`validate` then says the drill can never be placed).
/// Skills match by key or by either language's label (`消防` is `fire`);
/// the help offers the teams' skills closest spelling first, by their
/// labels in `lang`, and says what to do.
pub fn skill_needs_no_team_has(text: &str, lang: crate::lang::Lang) -> Vec<Problem> {
    use crate::lang::{skill_key, Lang};
    let Ok(raw) = toml::from_str::<RawScenario>(text) else {
        return Vec::new();
    };
    let mut held: Vec<&str> = Vec::new();
    for team in &raw.team {
        for s in team.get_ref().skills.get_ref() {
            let key = skill_key(s.get_ref().trim());
            if !held.contains(&key) {
                held.push(key);
            }
        }
    }
    held.sort_unstable();
    let mut out = Vec::new();
    for drill in &raw.drill {
        let drill = drill.get_ref();
        for need in drill.needs.get_ref() {
            let Some(skill) = &need.get_ref().skill else {
                continue;
            };
            let written = skill.get_ref().trim();
            let key = skill_key(written);
            if key.is_empty() || held.contains(&key) {
                continue;
            }
            let nearest = nearest_skills(written, &held);
            let close = nearest
                .first()
                .is_some_and(|&(d, longest, _)| crate::diagnostics::is_slip(d, longest));
            let shown: Vec<&str> = nearest
                .iter()
                .take(NEAREST_SHOWN)
                .map(|&(_, _, k)| lang.skill(k))
                .collect();
            let more = nearest.len().saturating_sub(NEAREST_SHOWN);
            let mut listed = shown.join(match lang {
                Lang::Zh => "、",
                Lang::En => ", ",
            });
            if more > 0 {
                listed += &crate::words!(lang, en: " and {more} more", zh: " 等（另有 {more} 项）");
            }
            let message = crate::words!(lang,
                en: "no team has the skill `{written}`, so this drill could never be placed",
                zh: "没有队伍具备技能「{written}」，此演练将无法安排");
            let todo = crate::words!(lang,
                en: "add the skill to a team on the teams sheet, or correct the need",
                zh: "请在「队伍」表给某支队伍加上此技能，或改正此需求");
            let counted = counted_skill(written)
                .filter(|(base, _)| held.contains(&skill_key(base)))
                .map(|(base, n)| (lang.skill(skill_key(base)), n));
            let help = match (counted, shown.first(), close) {
                (Some((label, n)), _, _) => crate::words!(lang,
                    en: "`{written}` reads as {n} teams of {label}: write the count after a ×, as in {label}×{n}",
                    zh: "「{written}」像是 {n} 支「{label}」队伍：数量请写在 × 之后，如 {label}×{n}"),
                (None, None, _) => crate::words!(lang,
                    en: "no team has any skill yet; {todo}",
                    zh: "目前没有队伍填写技能；{todo}"),
                (None, Some(m), true) => crate::words!(lang,
                    en: "did you mean {m}? the teams' skills, closest first: {listed}; {todo}",
                    zh: "是否为「{m}」？各队伍具备的技能（拼写最接近的在前）：{listed}；{todo}"),
                (None, Some(_), false) => crate::words!(lang,
                    en: "the teams' skills, closest first: {listed}; {todo}",
                    zh: "各队伍具备的技能（拼写最接近的在前）：{listed}；{todo}"),
            };
            out.push(Problem {
                kind: ProblemKind::UnknownReference,
                field: format!("drill `{}`.needs.skill", drill.id.get_ref()),
                message,
                help: Some(help),
                line_col: Some(line_col(text, skill.span().start)),
                span: Some(skill.span()),
                cell: None,
            });
        }
    }
    out
}

/// A skill with its count said as a planner says it, not as `消防×2`:
/// `消防 2`, `消防（2）`, `消防2支`, `2个消防`, `两支消防`. The skill as
/// written and the count; `None` for anything else.
fn counted_skill(written: &str) -> Option<(&str, u32)> {
    const MEASURES: [char; 4] = ['个', '支', '队', '名'];
    let number = |t: &str| -> Option<u32> {
        let t = t.trim().trim_end_matches(MEASURES);
        match t {
            "一" => Some(1),
            "二" | "两" => Some(2),
            "三" => Some(3),
            "四" => Some(4),
            "五" => Some(5),
            _ => t.parse().ok(),
        }
        .filter(|&n| n >= 1)
    };
    fn bracketed(t: &str) -> &str {
        let t = t.trim();
        t.strip_prefix(['（', '('])
            .and_then(|t| t.strip_suffix(['）', ')']))
            .map_or(t, str::trim)
    }
    let is_count =
        |c: char| c.is_ascii_digit() || "一二两三四五".contains(c) || MEASURES.contains(&c);
    // The count after the skill.
    let body = written
        .trim_end_matches(|c: char| is_count(c) || "（）() ".contains(c))
        .trim_end();
    if !body.is_empty() && body.len() < written.len() {
        if let Some(n) = number(bracketed(&written[body.len()..])) {
            return Some((body, n));
        }
    }
    // The count before it.
    let rest = written.trim_start_matches(|c: char| is_count(c) || c == ' ');
    let count = &written[..written.len() - rest.len()];
    if !rest.is_empty() && !count.is_empty() {
        return Some((rest.trim(), number(count)?));
    }
    None
}

/// Each team skill that no drill needs and no standby rule keeps, yet is
/// spelt close to a skill that is needed (`消访` beside `消防`): a slip in
/// the 技能 cell that leaves the team out of every drill it was meant for,
/// with no error, since other teams may still cover the need. Said as a
/// problem at the team's skill, in `lang`, for the workbook reader to warn
/// of at its cell; a skill spelt like no needed one is taken as meant.
pub fn team_skills_close_to_a_need(text: &str, lang: crate::lang::Lang) -> Vec<Problem> {
    use crate::lang::skill_key;
    let Ok(raw) = toml::from_str::<RawScenario>(text) else {
        return Vec::new();
    };
    let mut used: Vec<&str> = Vec::new();
    for drill in &raw.drill {
        for need in drill.get_ref().needs.get_ref() {
            if let Some(skill) = &need.get_ref().skill {
                used.push(skill_key(skill.get_ref().trim()));
            }
        }
    }
    for rule in &raw.standby {
        used.push(skill_key(rule.get_ref().skill.get_ref().trim()));
    }
    used.retain(|k| !k.is_empty());
    used.sort_unstable();
    used.dedup();
    let mut out = Vec::new();
    for team in &raw.team {
        let team = team.get_ref();
        for skill in team.skills.get_ref() {
            let written = skill.get_ref().trim();
            let key = skill_key(written);
            if key.is_empty() || used.contains(&key) {
                continue;
            }
            let Some(&(d, longest, meant)) = nearest_skills(written, &used).first() else {
                continue;
            };
            // As close as the need side's "did you mean": one slip in a
            // short name, two in a long one.
            if d == 0 || !crate::diagnostics::is_slip(d, longest) {
                continue;
            }
            let meant = lang.skill(meant);
            out.push(Problem {
                kind: ProblemKind::UnknownReference,
                field: format!("team `{}`.skills", team.id.get_ref()),
                message: crate::words!(lang,
                    en: "no drill needs the skill `{written}`; did you mean {meant}? As written, this team is left out of the drills that need {meant}",
                    zh: "没有演练需要技能「{written}」；是否为「{meant}」？照此填写，此队伍不会被安排到需要「{meant}」的演练"),
                help: None,
                line_col: Some(line_col(text, skill.span().start)),
                span: Some(skill.span()),
                cell: None,
            });
        }
    }
    out
}

/// How many of the teams' skills a refused need offers.
const NEAREST_SHOWN: usize = 5;

/// The held skills (keys) by how close `written` is to any name each goes
/// by (its key and both labels): (edit distance, the longer length, key),
/// closest first, ties by key.
fn nearest_skills<'a>(written: &str, held: &[&'a str]) -> Vec<(usize, usize, &'a str)> {
    use crate::lang::Lang;
    let lower = written.to_lowercase();
    let mut ranked: Vec<(usize, usize, &str)> = held
        .iter()
        .map(|&k| {
            [k, Lang::En.skill(k), Lang::Zh.skill(k)]
                .into_iter()
                .map(|name| {
                    let name = name.to_lowercase();
                    let d = crate::diagnostics::edit_distance(&lower, &name);
                    (d, name.chars().count().max(lower.chars().count()), k)
                })
                .min()
                .expect("three names")
        })
        .collect();
    ranked.sort_unstable();
    ranked
}

#[cfg(test)]
mod counted_tests {
    use super::counted_skill;

    #[test]
    fn a_count_said_the_way_planners_say_it_is_found() {
        for (written, want) in [
            ("消防 2", Some(("消防", 2))),
            ("消防（2）", Some(("消防", 2))),
            ("消防(3)", Some(("消防", 3))),
            ("消防2支", Some(("消防", 2))),
            ("2个消防", Some(("消防", 2))),
            ("两支消防", Some(("消防", 2))),
            ("fire 2", Some(("fire", 2))),
            ("消防", None),
            ("消防队", None),
            ("2", None),
        ] {
            assert_eq!(counted_skill(written), want, "{written}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_not_a_crash() {
        let text = format!("a = {}1{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = parse("deep.toml", &text).unwrap_err();
        assert_eq!(err.kinds(), [ProblemKind::Syntax]);
    }

    #[test]
    fn brackets_inside_strings_do_not_count() {
        let text = format!("a = \"{}\" # {}\n", "[".repeat(200), "{".repeat(200));
        assert_eq!(too_deep(&text), None);
    }

    /// One case per class, told apart by where the error points.
    #[test]
    fn toml_errors_are_classified_by_where_they_point() {
        let plan = "[plan]\nstart = 2017-06-19\nend = 2017-06-20\n";
        let kind = |text: &str| parse("t.toml", text).unwrap_err().problems[0].kind;
        assert_eq!(kind("[plan\nstart = 1"), ProblemKind::Syntax);
        assert_eq!(kind(&format!("{plan}speed = 3\n")), ProblemKind::UnknownKey);
        assert_eq!(
            kind(&format!("{plan}[[district]]\nname = \"x\"\n")),
            ProblemKind::MissingField
        );
        assert_eq!(
            kind("[plan]\nend = 2017-06-20\n"),
            ProblemKind::MissingField
        );
        assert_eq!(kind("name = 1\n"), ProblemKind::UnknownKey);
        assert_eq!(
            kind("[plan]\nstart = 2017-06-19\nend = \"soon\"\n"),
            ProblemKind::Syntax
        );
        let unknown = parse("t.toml", &format!("{plan}speed = 3\n")).unwrap_err();
        assert_eq!(unknown.problems[0].field, "speed");
    }

    #[test]
    fn junk_is_a_syntax_error() {
        for junk in ["", "\u{0}\u{1}\u{2}", "[[[", "plan = 5", "= = ="] {
            assert!(parse("junk.toml", junk).is_err(), "{junk:?}");
        }
    }
}
