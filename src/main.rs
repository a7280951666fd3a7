use std::process::ExitCode;

fn main() -> ExitCode {
    drillplan::cli::run()
}
