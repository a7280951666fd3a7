//! SIGINT (Ctrl-C), SIGTERM and SIGHUP. `timeout`, systemd and CI stop a
//! program with SIGTERM, and a closed terminal sends SIGHUP; each is taken
//! like Ctrl-C, so a stopped search still hands over its best schedule.
//!
//! - `solve`: the first signal ends the search; the best schedule so far is
//!   checked and written with its views, exit 0 as at the time limit.
//! - A second signal (or the first, in a command with no search to finish)
//!   stops at once, exit 130. It waits for a file being written to be
//!   complete, so no file is cut in half and no temporary file stays, and
//!   it says which files were written.

use super::failure::code;
use crate::output;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

/// For `solve`: the first signal sets `stop`, the second aborts.
pub fn stop_search_on_signal(stop: Arc<AtomicBool>) {
    let signals = AtomicUsize::new(0);
    install(move || {
        if signals.fetch_add(1, Ordering::SeqCst) == 0 {
            errln!(
                "\ninterrupted: finishing with the best schedule so far \
                 (interrupt again to stop at once; files already written stay)"
            );
            stop.store(true, Ordering::SeqCst);
        } else {
            abort();
        }
    });
}

/// For commands with nothing to finish (`export`, `generate`, `init`,
/// `convert`): stop at once, between two files.
pub fn abort_on_signal() {
    install(abort);
}

fn install(handler: impl FnMut() + Send + 'static) {
    // Fails only if a handler is already installed (tests running `run` twice).
    let _ = ctrlc::set_handler(handler);
}

fn abort() {
    output::between_writes(|written, streaming| {
        errln!("\n{}", aborted_message(written, streaming));
        std::process::exit(i32::from(code::ABORTED));
    })
}

/// What an abort leaves: the files written so far, the stream it cut short
/// (a FIFO with no reader yet, a slow pipe), the rest unchanged.
pub fn aborted_message(written: &[PathBuf], streaming: Option<&Path>) -> String {
    let cut = streaming.map_or(String::new(), |s| {
        format!(
            " while writing into {} (its reader got part of the output or none)",
            s.display()
        )
    });
    if written.is_empty() {
        let other = if cut.is_empty() { "" } else { " else" };
        format!("aborted{cut}: nothing{other} was written")
    } else {
        let list: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        format!(
            "aborted{cut} after writing {}; no other file was written or changed",
            list.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_abort_message_names_what_was_written() {
        assert_eq!(aborted_message(&[], None), "aborted: nothing was written");
        let m = aborted_message(&[PathBuf::from("plan.csv")], None);
        assert!(m.contains("after writing plan.csv"), "{m}");
        let m = aborted_message(&[PathBuf::from("plan.csv")], Some(Path::new("pipe")));
        assert!(
            m.contains("writing into pipe") && m.contains("plan.csv"),
            "{m}"
        );
    }
}
