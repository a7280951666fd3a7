//! `drillplan convert IN OUT`: a scenario from TOML to a workbook or back,
//! chosen by the extensions. Only a valid scenario is converted, and a
//! workbook is read back before it is written: it must give the same tables.

use crate::lang::Lang;
use crate::schedule::output::write_atomically;
use crate::workbook::{self, write::equivalent};
use clap::Args;
use std::path::{Path, PathBuf};

/// A bug of ours, as `solve` reports one.
const EXIT_INTERNAL: u8 = 70;

#[derive(Args, Debug)]
pub struct ConvertArgs {
    /// The scenario to read (.toml or .xlsx).
    pub input: PathBuf,
    /// Where to write it: .xlsx for a workbook, .toml for a scenario file.
    pub output: PathBuf,
    /// Language of the workbook's sheet names, headers and comments
    /// (default: Chinese when the scenario's names are).
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Replace OUTPUT if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: ConvertArgs) -> u8 {
    let (input, output) = (&args.input, &args.output);
    let to_workbook = workbook::is_workbook(output);
    if !to_workbook && output.extension().is_none_or(|e| e != "toml") {
        eprintln!(
            "error: {}: the output's extension chooses the format; give .xlsx or .toml",
            output.display()
        );
        return super::EXIT_UNREADABLE;
    }
    if same_file(input, output) {
        eprintln!(
            "error: {} is the input; write the conversion to another file",
            output.display()
        );
        return super::EXIT_UNREADABLE;
    }
    if output.exists() && !args.force {
        eprintln!(
            "error: {} exists; give --force to replace it",
            output.display()
        );
        return super::EXIT_UNREADABLE;
    }
    let label = input.display().to_string();
    let loaded = if workbook::is_workbook(input) {
        workbook::load(input)
    } else {
        workbook::scenario_text(input).and_then(|text| {
            crate::scenario::parse(&label, &text)
                .map(|scenario| workbook::Loaded { text, scenario })
        })
    };
    let (text, scenario) = match loaded {
        Ok(l) => (l.text, l.scenario),
        Err(e) => return super::report_input_error(&e),
    };
    let bytes = if to_workbook {
        let doc: toml::Table = match toml::from_str(&text) {
            Ok(d) => d,
            Err(e) => {
                eprintln!("internal error: {label} validated but is not a TOML table: {e}");
                return EXIT_INTERNAL;
            }
        };
        let bytes = match workbook::to_xlsx(&doc, Lang::pick(args.lang, &scenario)) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {label}: {e}; nothing written");
                return super::EXIT_INVALID;
            }
        };
        let back = workbook::load_bytes(&output.display().to_string(), bytes.clone())
            .ok()
            .and_then(|l| toml::from_str::<toml::Table>(&l.text).ok());
        if !back.is_some_and(|b| equivalent(&doc, &b)) {
            eprintln!("internal error: the workbook does not read back as the same scenario; nothing written. Please report this");
            return EXIT_INTERNAL;
        }
        let long = workbook::write::long_numbers(&doc);
        if long > 0 {
            eprintln!("note: {long} numbers have more than 15 significant digits; Excel, WPS and LibreOffice keep 15 when they save the workbook");
        }
        if text.lines().any(|l| l.trim_start().starts_with('#')) {
            eprintln!("note: the comments of {label} are not carried over into the workbook");
        }
        bytes
    } else if workbook::is_workbook(input) {
        format!(
            "# Converted from {} by drillplan convert.\n\n{text}",
            file_name(input)
        )
        .into_bytes()
    } else {
        text.into_bytes()
    };
    if let Err(e) = write_atomically(output, &bytes) {
        eprintln!("error: {e}");
        return super::EXIT_UNREADABLE;
    }
    println!(
        "wrote {}: {} districts, {} venues, {} teams, {} drills",
        output.display(),
        scenario.districts.len(),
        scenario.venues.len(),
        scenario.teams.len(),
        scenario.drills.len()
    );
    0
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Refuses (exit 2) when an output would be written over an input: with
/// scenarios kept as workbooks, `--xlsx` can name the scenario itself.
pub fn keep_inputs(inputs: &[Option<&Path>], outputs: &[Option<&Path>]) -> Result<(), u8> {
    for out in outputs.iter().flatten() {
        if inputs.iter().flatten().any(|i| same_file(i, out)) {
            eprintln!(
                "error: {} is an input; write the output to another file",
                out.display()
            );
            return Err(super::EXIT_UNREADABLE);
        }
    }
    Ok(())
}

/// Whether two paths name one file (the output need not exist yet).
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
