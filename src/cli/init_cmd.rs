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
    if !workbook::is_workbook(path) {
        return Err(Failure::Usage(format!(
            "{}: init writes a workbook; give a path ending in .xlsx",
            path.display()
        )));
    }
    if path.exists() && !args.force {
        return Err(Failure::Usage(format!(
            "{} exists (perhaps a filled-in workbook); give --force to replace it",
            path.display()
        )));
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
    outln!(
        "wrote {}: example rows from the Karamay scenario ({} venues, {} teams, {} drills)",
        path.display(),
        scenario.venues.len(),
        scenario.teams.len(),
        scenario.drills.len()
    );
    outln!(
        "  replace them with your own (each header's comment explains its column), then run: drillplan validate {}",
        path.display()
    );
    Ok(())
}
