//! `drillplan init PATH.xlsx`: a template workbook to fill in, with example
//! rows that validate.

use super::failure::Failure;
use super::paths::{Kind, Paths};
use crate::lang::Lang;
use crate::output::write_atomically;
use crate::workbook;
use clap::Args;
use std::path::PathBuf;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Where to write the template workbook (.xlsx).
    pub path: PathBuf,
    /// Language of the sheet names, headers and their comments.
    #[arg(long, value_parser = super::lang_arg::parser(), default_value = "zh")]
    pub lang: Lang,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: InitArgs) -> Result<(), Failure> {
    let path = &args.path;
    // The planner who asks for a Chinese template reads Chinese, unless
    // DRILLPLAN_LANG says otherwise.
    let lang = super::lang_arg::settled().unwrap_or(args.lang);
    let shown = path.display();
    if !workbook::is_workbook(path) {
        return Err(Failure::Usage(crate::words!(lang,
            en: "{shown}: init writes a workbook; give a path ending in .xlsx",
            zh: "{shown}：init 写出的是工作簿；请给出以 .xlsx 结尾的路径")));
    }
    if path.exists() && !args.force {
        return Err(Failure::Usage(crate::words!(lang,
            en: "{shown} exists (perhaps a filled-in workbook); give --force to replace it",
            zh: "{shown} 已存在（可能是已填写的工作簿）；如要替换，请加 --force")));
    }
    Paths::default()
        .output("PATH", Some(path), Kind::File)
        .check()?;
    super::signals::abort_on_signal();
    let bytes =
        workbook::template::to_xlsx(args.lang).map_err(|e| Failure::Internal(e.to_string()))?;
    // The template must validate as written; check the very bytes.
    let label = path.display().to_string();
    let scenario = workbook::load_bytes(&label, bytes.clone())
        .map_err(|e| {
            Failure::Internal(format!(
                "the template does not validate:\n{}",
                e.render(false)
            ))
        })?
        .scenario;
    write_atomically(path, &bytes).map_err(Failure::Usage)?;
    let (venues, teams, drills) = (
        scenario.venues.len(),
        scenario.teams.len(),
        scenario.drills.len(),
    );
    outln!(
        "{}",
        crate::words!(lang,
            en: "wrote {shown}: example rows from the Karamay scenario ({venues} venues, {teams} \
                 teams, {drills} drills)",
            zh: "已写入 {shown}：示例行取自克拉玛依情景（{venues} 个场地、{teams} 支队伍、\
                 {drills} 项演练）")
    );
    outln!(
        "{}",
        crate::words!(lang,
            en: "  replace them with your own (each header's comment explains its column), then \
                 run: drillplan validate {shown}",
            zh: "  请换成你自己的内容（每个表头的批注说明该列），然后运行：drillplan validate {shown}")
    );
    Ok(())
}
