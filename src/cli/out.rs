//! Standard output and standard error for every command. `println!` panics
//! when its reader has gone (`drillplan check S C | head -1` closes the pipe
//! after one line), which is exit 101 and a crash message for what is an
//! ordinary way to read a report. Here a closed reader ends the output
//! quietly: nothing more is printed, and the command still ends with the
//! exit code its work gives (a verdict of `check` stays a verdict). Any
//! other failure to write standard output (a full disk under `> file`) is
//! kept and reported once the command is done.

use std::fmt;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// The reader of standard output has gone; later output is dropped.
static CLOSED: AtomicBool = AtomicBool::new(false);
/// The first failure to write standard output other than a closed reader.
static FAILED: Mutex<Option<io::Error>> = Mutex::new(None);

/// Writes to standard output (`outln!`, `out!`).
pub fn out(args: fmt::Arguments) {
    if CLOSED.load(Ordering::Relaxed) {
        return;
    }
    let mut stdout = io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args) {
        note_failure(e);
    }
}

/// Writes bytes to standard output and flushes them: a schedule with `-o -`.
/// A closed reader is not an error (it read what it wanted); any other
/// failure is returned.
pub fn out_bytes(bytes: &[u8]) -> io::Result<()> {
    if CLOSED.load(Ordering::Relaxed) {
        return Ok(());
    }
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            CLOSED.store(true, Ordering::Relaxed);
            Ok(())
        }
        other => other,
    }
}

/// Writes to standard error (`errln!`, `err!`). Nothing is left to tell
/// when standard error itself is gone, and a search must not die of it
/// (`solve ... 2>&1 | head -1` would lose the schedule), so a failure here
/// is dropped.
pub fn err(args: fmt::Arguments) {
    let _ = io::stderr().lock().write_fmt(args);
}

fn note_failure(e: io::Error) {
    if e.kind() == io::ErrorKind::BrokenPipe {
        CLOSED.store(true, Ordering::Relaxed);
        return;
    }
    let mut failed = FAILED.lock().unwrap_or_else(|p| p.into_inner());
    if failed.is_none() {
        *failed = Some(e);
    }
}

/// Flushes standard output at the end of a command; the first failure to
/// write it other than a closed reader, if any.
pub fn finish() -> Option<io::Error> {
    if !CLOSED.load(Ordering::Relaxed) {
        if let Err(e) = io::stdout().lock().flush() {
            note_failure(e);
        }
    }
    FAILED.lock().unwrap_or_else(|p| p.into_inner()).take()
}
