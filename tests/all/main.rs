//! Every integration test in one binary, one module per file: the
//! dependency tree is linked once instead of once per file. Run a file's
//! tests with its module path, e.g. `cargo test --test all metamorphic::`.

#[path = "../common/mod.rs"]
mod common;
#[path = "../support/xlsx_case.rs"]
mod xlsx_case;
#[path = "../support/xlsx_edit.rs"]
mod xlsx_edit;

mod checker;
mod cli;
mod coverage;
mod csv;
mod diagnosis_oracle;
mod errors;
mod explain;
mod export;
mod generate;
mod held_by_coverage;
mod hostile;
mod interrupt;
mod libreoffice;
mod metamorphic;
mod planner_messages;
mod properties;
mod readme;
mod replan;
mod safety_check;
mod safety_limits;
mod safety_paths;
mod safety_views;
mod scale;
mod schedule_book;
mod solve;
mod solve_summary;
mod spreadsheet_csv;
mod time_limits;
mod words;
mod workbook;
mod workbook_hostile;
mod workbook_keeps;
mod workbook_planner;
mod workbook_roundtrip;
mod zh_help;
mod zh_messages;
