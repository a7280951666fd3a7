//! SIGINT (Ctrl-C), SIGTERM and SIGHUP. `timeout`, systemd and CI stop a
//! program with SIGTERM, and a closed terminal sends SIGHUP; each is taken
//! like Ctrl-C, so a stopped search still hands over its best schedule.
//!
//! - `solve`: the first signal ends the search; the best schedule so far is
//!   checked and written with its views, exit 0 as at the time limit.
//! - A second signal (half a second or more after the first: `timeout`
//!   sends one twice at once; or the first, in a command with no search to finish,
//!   or while the process is still starting) stops at once, exit 130. It waits for a file being written to be
//!   complete, so no file is cut in half and no temporary file stays, and
//!   it says which files were written.

use super::failure::code;
use crate::output;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Signals that come this soon after the first are the same interrupt sent
/// twice, not a planner pressing Ctrl-C again. `timeout` sends its signal to
/// the program and then to the program's process group, which holds the
/// program again; when the first is delivered before the second is sent, the
/// two arrive as two signals a few microseconds apart, and counting the second
/// aborted one run in five of `timeout -s INT 3 drillplan solve ...` with
/// nothing written. A person's second Ctrl-C comes well after this.
const SAME_INTERRUPT: Duration = Duration::from_millis(500);

/// For `solve`: the first signal sets `stop`, the second aborts.
pub fn stop_search_on_signal(stop: Arc<AtomicBool>) {
    let mut first: Option<Instant> = None;
    install(move || match first {
        Some(at) if at.elapsed() < SAME_INTERRUPT => {}
        Some(_) => abort(),
        None => {
            first = Some(Instant::now());
            errln!(
                "\n{}",
                crate::words!(super::lang_arg::current(),
                    en: "interrupted: finishing with the best schedule so far \
                         (interrupt again to stop at once; files already written stay)",
                    zh: "已中断：正在以目前最好的排程收尾（再按一次 Ctrl-C 立即停止；已写好的文件保留）")
            );
            stop.store(true, Ordering::SeqCst);
        }
    });
}

/// For commands with nothing to finish (`export`, `generate`, `init`,
/// `convert`): stop at once, between two files.
pub fn abort_on_signal() {
    install(abort);
}

/// What a signal does now; `None` until a command says: stop at once.
type Handler = Box<dyn FnMut() + Send>;
static HANDLER: Mutex<Option<Handler>> = Mutex::new(None);

/// Installed before the arguments are read: a signal that comes while the
/// process is still starting (before a command installs its own way to
/// stop) is answered too, with exit 130 and what was written (nothing),
/// rather than killing the process without a word.
pub fn answer_from_the_start() {
    // Fails only if a handler is already installed (tests running `run` twice).
    let _ = ctrlc::set_handler(|| {
        let mut handler = HANDLER.lock().unwrap_or_else(|e| e.into_inner());
        match handler.as_mut() {
            Some(handler) => handler(),
            None => abort(),
        }
    });
}

fn install(handler: impl FnMut() + Send + 'static) {
    *HANDLER.lock().unwrap_or_else(|e| e.into_inner()) = Some(Box::new(handler));
}

fn abort() {
    output::between_writes(|written, streaming| {
        errln!(
            "\n{}",
            aborted_message(written, streaming, super::lang_arg::current())
        );
        std::process::exit(i32::from(code::ABORTED));
    })
}

/// What an abort leaves: the files written so far, the stream it cut short
/// (a FIFO with no reader yet, a slow pipe), the rest unchanged.
pub fn aborted_message(
    written: &[PathBuf],
    streaming: Option<&Path>,
    lang: crate::lang::Lang,
) -> String {
    let cut = streaming.map_or(String::new(), |s| {
        let s = s.display();
        crate::words!(lang,
            en: " while writing into {s} (its reader got part of the output or none)",
            zh: "，当时正写入 {s}（读取方只收到部分输出或没有收到）")
    });
    if written.is_empty() {
        match cut.is_empty() {
            true => {
                crate::words!(lang, en: "aborted: nothing was written", zh: "已中止：没有写入任何文件")
            }
            false => crate::words!(lang,
                en: "aborted{cut}: nothing else was written",
                zh: "已中止{cut}；没有写入其他文件"),
        }
    } else {
        let list: Vec<String> = written.iter().map(|p| p.display().to_string()).collect();
        let list = list.join(match lang {
            crate::lang::Lang::En => ", ",
            crate::lang::Lang::Zh => "、",
        });
        crate::words!(lang,
            en: "aborted{cut} after writing {list}; no other file was written or changed",
            zh: "已中止{cut}；已写入 {list}，其他文件均未写入或改动")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_abort_message_names_what_was_written() {
        use crate::lang::Lang::{En, Zh};
        assert_eq!(
            aborted_message(&[], None, En),
            "aborted: nothing was written"
        );
        let m = aborted_message(&[PathBuf::from("plan.csv")], None, En);
        assert!(m.contains("after writing plan.csv"), "{m}");
        let m = aborted_message(&[PathBuf::from("plan.csv")], Some(Path::new("pipe")), En);
        assert!(
            m.contains("writing into pipe") && m.contains("plan.csv"),
            "{m}"
        );
        assert_eq!(aborted_message(&[], None, Zh), "已中止：没有写入任何文件");
        let m = aborted_message(
            &[PathBuf::from("a.csv"), PathBuf::from("b.xlsx")],
            Some(Path::new("pipe")),
            Zh,
        );
        assert_eq!(
            m,
            "已中止，当时正写入 pipe（读取方只收到部分输出或没有收到）；已写入 a.csv、b.xlsx，其他文件均未写入或改动"
        );
    }
}
