//! Every way a command can fail, one type per outcome, and the one place
//! where outcomes become exit codes. Commands return `Result<(), Failure>`
//! and use `?`; `cli::run` prints the failure and exits with its code.

use crate::diagnostics::{InputError, ProblemKind};
use std::path::PathBuf;

/// Exit codes, as `docs/files-and-safety.md` lists them.
pub mod code {
    pub const SUCCESS: u8 = 0;
    /// Invalid contents (scenario or schedule), or a schedule that breaks rules.
    pub const INVALID: u8 = 1;
    /// A usage error: a flag out of its range, an output path refused, a
    /// file that cannot be read or is not in the format the command reads.
    pub const USAGE: u8 = 2;
    /// `solve`: the mandatory and pinned drills cannot all be placed, or
    /// not together with every coverage row (rule 12).
    pub const REQUIRED_UNPLACED: u8 = 3;
    /// `solve`: the schedule CSV was written, but a later file (a view or the diff) was not.
    pub const LATER_OUTPUT_FAILED: u8 = 4;
    /// An output could not be written for lack of room (a full disk, a
    /// quota, a file-size limit); the message says where the schedule went.
    pub const NO_ROOM: u8 = 5;
    /// An internal error: something drillplan made failed its own check (a
    /// schedule the checker rejects, a search that panicked, a generated
    /// scenario, template or converted workbook that does not validate or
    /// read back).
    pub const INTERNAL: u8 = 70;
    /// Stopped by a second interrupt (or the first one, where there is no
    /// search to finish); the message says which files were written.
    pub const ABORTED: u8 = 130;
}

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// A flag or an output path that cannot be used; nothing was done.
    #[error("error: {0}")]
    Usage(String),
    /// A file that cannot be read, or is not in the format the command reads.
    #[error("{0}")]
    Unreadable(InputError),
    /// A file that is read but whose contents are invalid.
    #[error("{0}")]
    Invalid(InputError),
    /// A schedule or a change that breaks the rules (already listed on the way).
    #[error("error: {0}")]
    Rejected(String),
    /// `solve`: no schedule holds every required drill and coverage row.
    #[error("error: {0}")]
    RequiredUnplaced(String),
    /// A later output failed after the schedule CSV was written.
    #[error("error: {message} (the schedule {} was written)", written.display())]
    LaterOutput { written: PathBuf, message: String },
    #[error("internal error: {0}")]
    Internal(String),
    /// An output that did not fit (disk full, quota, file-size limit).
    #[error("error: {0}")]
    NoRoom(String),
}

impl Failure {
    pub fn exit_code(&self) -> u8 {
        match self {
            Failure::Usage(_) | Failure::Unreadable(_) => code::USAGE,
            Failure::Invalid(_) | Failure::Rejected(_) => code::INVALID,
            Failure::RequiredUnplaced(_) => code::REQUIRED_UNPLACED,
            Failure::LaterOutput { .. } => code::LATER_OUTPUT_FAILED,
            Failure::Internal(_) => code::INTERNAL,
            Failure::NoRoom(_) => code::NO_ROOM,
        }
    }

    /// What to print on stderr; input errors with a source excerpt on a terminal.
    /// The frame (`error:`, `错误：`) is in the run's language; `Display`
    /// stays English.
    pub fn render(&self, fancy: bool) -> String {
        let lang = super::lang_arg::current();
        let text = match self {
            Failure::Unreadable(e) | Failure::Invalid(e) => e.render_in(fancy, lang),
            Failure::Usage(m)
            | Failure::Rejected(m)
            | Failure::RequiredUnplaced(m)
            | Failure::NoRoom(m) => crate::words!(lang, en: "error: {m}\n", zh: "错误：{m}\n"),
            Failure::LaterOutput { written, message } => {
                let written = written.display();
                crate::words!(lang,
                    en: "error: {message} (the schedule {written} was written)\n",
                    zh: "错误：{message}（排程 {written} 已写出）\n")
            }
            Failure::Internal(m) => {
                crate::words!(lang, en: "internal error: {m}\n", zh: "内部错误：{m}\n")
            }
        };
        super::terminal::escape_text(&text).into_owned()
    }
}

/// An input error is unreadable when every problem is about the file as a
/// whole (missing, not UTF-8, too large, not the expected format); anything
/// else is about its contents.
impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        let file_level = e
            .problems
            .iter()
            .all(|p| matches!(p.kind, ProblemKind::Unreadable | ProblemKind::WrongFormat));
        if file_level {
            Failure::Unreadable(e)
        } else {
            Failure::Invalid(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_level_problems_are_usage_errors_contents_are_invalid() {
        let e = |kind| InputError::single("f", kind, "x", "y");
        assert_eq!(Failure::from(e(ProblemKind::WrongFormat)).exit_code(), 2);
        assert_eq!(Failure::from(e(ProblemKind::Unreadable)).exit_code(), 2);
        assert_eq!(Failure::from(e(ProblemKind::Syntax)).exit_code(), 1);
        assert_eq!(
            Failure::from(e(ProblemKind::UnknownReference)).exit_code(),
            1
        );
    }
}
