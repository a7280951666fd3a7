//! `drillplan init PATH.xlsx`: a template workbook to fill in, with example
//! rows that validate.

use crate::lang::Lang;
use crate::schedule::output::write_atomically;
use crate::workbook;
use clap::Args;
use std::path::PathBuf;

/// A bug of ours, as `solve` reports one.
const EXIT_INTERNAL: u8 = 70;

#[derive(Args, Debug)]
pub struct InitArgs {
    /// Where to write the template workbook (.xlsx).
    pub path: PathBuf,
    /// Language of the sheet names, headers and their comments.
    #[arg(long, value_enum, default_value = "zh")]
    pub lang: Lang,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: InitArgs) -> u8 {
    let path = &args.path;
    if !workbook::is_workbook(path) {
        eprintln!(
            "error: {}: init writes a workbook; give a path ending in .xlsx",
            path.display()
        );
        return super::EXIT_UNREADABLE;
    }
    if path.exists() && !args.force {
        eprintln!(
            "error: {} exists (perhaps a filled-in workbook); give --force to replace it",
            path.display()
        );
        return super::EXIT_UNREADABLE;
    }
    let bytes = match workbook::template::to_xlsx(args.lang) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("internal error: {e}");
            return EXIT_INTERNAL;
        }
    };
    // The template must validate as written; check the very bytes.
    let label = path.display().to_string();
    let scenario = match workbook::load_bytes(&label, bytes.clone()) {
        Ok(l) => l.scenario,
        Err(e) => {
            eprintln!(
                "internal error: the template does not validate:\n{}",
                e.render(false)
            );
            return EXIT_INTERNAL;
        }
    };
    if let Err(e) = write_atomically(path, &bytes) {
        eprintln!("error: {e}");
        return super::EXIT_UNREADABLE;
    }
    println!(
        "wrote {}: example rows from the Karamay scenario ({} venues, {} teams, {} drills)",
        path.display(),
        scenario.venues.len(),
        scenario.teams.len(),
        scenario.drills.len()
    );
    println!(
        "  replace them with your own (each header's comment explains its column), then run: drillplan validate {}",
        path.display()
    );
    0
}
