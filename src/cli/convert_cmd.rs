//! `drillplan convert IN OUT`: a scenario from TOML to a workbook or back,
//! chosen by the extensions. Only a valid scenario is converted, and a
//! workbook is read back before it is written: it must give the same tables.

use super::failure::Failure;
use super::paths::{Kind, Paths};
use crate::lang::Lang;
use crate::output::write_atomically;
use crate::workbook::{self, write::equivalent};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// The scenario to read (.toml or .xlsx).
    pub input: PathBuf,
    /// Where to write it: .xlsx for a workbook, .toml for a scenario file.
    pub output: PathBuf,
    /// Language of the workbook's sheet names, headers and comments
    /// (default: Chinese when the scenario's names are).
    #[arg(long, value_parser = super::lang_arg::parser())]
    pub lang: Option<Lang>,
    /// Replace OUTPUT if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: ConvertArgs) -> Result<(), Failure> {
    let (input, output) = (&args.input, &args.output);
    let to_workbook = workbook::is_workbook(output);
    let shown = output.display();
    super::paths::scenario_named(output)?;
    Paths::default()
        .input("IN", input)
        .output("OUT", Some(output), Kind::File)
        .check()?;
    if output.exists() && !args.force {
        // Refused before the input is read: said in a workbook's language.
        super::lang_arg::settle_from_book(input);
        return Err(Failure::Usage(crate::words!(super::lang_arg::current(),
            en: "{shown} exists; give --force to replace it",
            zh: "{shown} 已存在；如要替换，请加 --force")));
    }
    super::signals::abort_on_signal();
    let label = input.display().to_string();
    // Read as `validate` reads it: a book refused is answered in its sheets'
    // language, a TOML file and a file that cannot be read in the run's
    // (or, for a Chinese-named one, in Chinese).
    let lang = super::lang_arg::for_scenario(input);
    let loaded = workbook::load_scenario_read_in(input, lang, super::lang_arg::for_file(input))
        .inspect_err(|_| super::lang_arg::settle_from_book(input))?;
    let lang = super::lang_arg::settle(loaded.lang, &loaded.scenario);
    super::warn(input, &loaded.notes);
    let (text, scenario, extras) = (loaded.text, loaded.scenario, loaded.extras);
    let bytes = if to_workbook {
        let doc: toml::Table = toml::from_str(&text).map_err(|e| {
            Failure::Internal(format!("{label} validated but is not a TOML table: {e}"))
        })?;
        let bytes = workbook::to_xlsx_keeping(&doc, lang, &extras).map_err(|e| {
            let e = e.say(lang);
            Failure::Rejected(crate::words!(lang,
                    en: "{label}: {e}; nothing written",
                    zh: "{label}：{e}；未写入任何文件"))
        })?;
        unmet_needs_warning(input, &text, lang);
        super::warn(input, &extras.titles_left(&file_name(output), lang));
        let back = workbook::read_back(&output.display().to_string(), bytes.clone()).ok();
        let same = back.is_some_and(|l| {
            toml::from_str::<toml::Table>(&l.text).is_ok_and(|b| equivalent(&doc, &b))
                && l.extras.same(&extras)
        });
        if !same {
            return Err(Failure::Internal(
                "the workbook does not read back as the same scenario; nothing written. Please report this".into(),
            ));
        }
        let long = workbook::write::long_numbers(&doc);
        if long > 0 {
            errln!(
                "{}",
                crate::words!(lang,
                    en: "note: {long} numbers have more than 15 significant digits; Excel, WPS and \
                         LibreOffice keep 15 when they save the workbook",
                    zh: "注意：有 {long} 个数超过 15 位有效数字；Excel、WPS 和 LibreOffice \
                         保存工作簿时只保留 15 位")
            );
        }
        if text.lines().any(|l| l.trim_start().starts_with('#')) {
            errln!(
                "{}",
                crate::words!(lang,
                    en: "note: the comments of {label} are not carried over into the workbook",
                    zh: "注意：{label} 中的注释不会带入工作簿")
            );
        }
        bytes
    } else if workbook::is_workbook(input) {
        not_carried(input, output, &extras, lang);
        format!(
            "# Converted from {} by drillplan convert.\n\n{}",
            file_name(input),
            extras.comment_toml(&text, lang)
        )
        .into_bytes()
    } else {
        text.into_bytes()
    };
    write_atomically(output, &bytes).map_err(Failure::Usage)?;
    let (districts, venues, teams, drills) = (
        scenario.districts.len(),
        scenario.venues.len(),
        scenario.teams.len(),
        scenario.drills.len(),
    );
    outln!(
        "{}",
        crate::words!(lang,
            en: "wrote {shown}: {districts} districts, {venues} venues, {teams} teams, {drills} drills",
            zh: "已写入 {shown}：{districts} 个区域、{venues} 个场地、{teams} 支队伍、{drills} 项演练")
    );
    if to_workbook {
        kept(&extras, lang);
    }
    Ok(())
}

/// What of the planner's own went into the workbook with the scenario,
/// said so that they know their notes were not left behind.
fn kept(extras: &workbook::extras::Extras, lang: Lang) {
    for added in &extras.columns {
        let sheet = &added.sheet;
        let beside = added.rows.iter().filter(|r| r.key.is_some()).count();
        let below = added.rows.len() - beside;
        let labels = (0..added.labels.len())
            .map(|i| added.label(i, lang))
            .collect::<Vec<_>>()
            .join(crate::words!(lang, en: ", ", zh: "、").as_str());
        let said = match below {
            0 => crate::words!(lang,
                en: "  kept your columns of {sheet} ({labels}): {beside} rows of notes, each beside its entry",
                zh: "  保留了「{sheet}」表中你加的列（{labels}）：{beside} 行备注，各在其条目旁"),
            _ => crate::words!(lang,
                en: "  kept your columns of {sheet} ({labels}): {beside} rows of notes beside their entries, and {below} rows of notes alone (a heading between entries, say), now below the table",
                zh: "  保留了「{sheet}」表中你加的列（{labels}）：{beside} 行备注在其条目旁；另有 {below} 行单独的备注（如条目之间的小标题），现放在表格下方"),
        };
        outln!("{}", super::terminal::escape(&said));
    }
    for sheet in &extras.sheets {
        let name = &sheet.name;
        outln!(
            "{}",
            super::terminal::escape(&crate::words!(lang,
                en: "  kept your sheet `{name}` (its cells' values and number formats; fonts, colours, borders and charts are not copied)",
                zh: "  保留了你的工作表「{name}」（单元格的值与数字格式；字体、颜色、边框与图表不复制）"))
        );
    }
}

/// A TOML file has no sheets, so a sheet of the planner's own cannot go
/// into one; said by name, as their notes, which go in as comments, are.
fn not_carried(input: &Path, output: &Path, extras: &workbook::extras::Extras, lang: Lang) {
    let (from, to) = (file_name(input), file_name(output));
    let mut warnings = Vec::new();
    for added in &extras.columns {
        let sheet = &added.sheet;
        let labels = (0..added.labels.len())
            .map(|i| added.label(i, lang))
            .collect::<Vec<_>>()
            .join(crate::words!(lang, en: ", ", zh: "、").as_str());
        warnings.push(crate::words!(lang,
            en: "the notes in your columns of {sheet} ({labels}) are written into {to} as comments under their entries; converting {to} back into a workbook does not carry comments",
            zh: "「{sheet}」表中你加的列（{labels}）的内容以注释写在 {to} 中各条目下；{to} 再转换为工作簿时不带注释"));
    }
    warnings.extend(extras.titles_left(&to, lang));
    for sheet in &extras.sheets {
        let name = &sheet.name;
        warnings.push(crate::words!(lang,
            en: "your sheet `{name}` is not in {to} (a TOML file has no sheets); it stays in {from}",
            zh: "你的工作表「{name}」不在 {to} 中（TOML 文件没有工作表）；它仍在 {from} 中"));
    }
    super::warn(input, &warnings);
}

/// A TOML scenario may need a skill no team has (the drill is then never
/// placed); a workbook refuses such a need at its cell. Said before the
/// workbook is written, so that the planner is not surprised by the
/// refusal when they next read it.
fn unmet_needs_warning(input: &Path, text: &str, lang: Lang) {
    let teams = workbook::schema::sheet_of("team").map_or("", |s| s.name(lang));
    let warnings: Vec<String> = crate::scenario::skill_needs_no_team_has(text, lang)
        .into_iter()
        .map(|p| {
            let (line, col) = p.line_col.unwrap_or((1, 1));
            let (field, message) = (&p.field, &p.message);
            crate::words!(lang,
                en: "{line}:{col}: {field}: {message}; the workbook will refuse this need \
                     until a team on its {teams} sheet has the skill",
                zh: "{line}:{col}: {field}: {message}；工作簿将拒绝此需求，\
                     直到「{teams}」表中有队伍具备此技能")
        })
        .collect();
    super::warn(input, &warnings);
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
