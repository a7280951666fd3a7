//! Writing outputs so that nothing is ever half-written:
//! - a regular file is written to a temporary file beside it and renamed
//!   into place, so a crash leaves the old file or the new one;
//! - a FIFO or a character device (`/dev/stdout`, `/dev/null`) is written
//!   into directly, never replaced by a file;
//! - a folder (the calendars) is filled beside the old one and swapped in.
//!
//! One write happens at a time, under a lock that also records what was
//! written. An interrupt that must stop the program takes the lock first
//! (`between_writes`), so it never cuts a file in half, never leaves a
//! temporary file behind, and can say exactly which files are new. A write
//! into a stream is the exception: it may wait forever for a reader, so it
//! runs outside the lock, and an interrupt ends it where it stands.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
struct Outputs {
    /// Paths written so far by this process, in order.
    written: Vec<PathBuf>,
    /// The stream being written into, if any.
    streaming: Option<PathBuf>,
}

static OUTPUTS: Mutex<Outputs> = Mutex::new(Outputs {
    written: Vec::new(),
    streaming: None,
});

fn lock() -> MutexGuard<'static, Outputs> {
    OUTPUTS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Runs `f` at a moment when no file is being replaced, with the paths
/// written so far and the stream being written into (which may have got
/// part of its output); no write starts until `f` returns (or exits the
/// process).
pub fn between_writes<R>(f: impl FnOnce(&[PathBuf], Option<&Path>) -> R) -> R {
    let outputs = lock();
    f(&outputs.written, outputs.streaming.as_deref())
}

/// The paths written so far by this process (the tests' view; the
/// command reads them under the lock, through `between_writes`).
#[cfg(test)]
pub fn written() -> Vec<PathBuf> {
    lock().written.clone()
}

/// The folder a path lives in (`.` for a bare file name).
pub fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Set once a write has failed for lack of room, so that the command can
/// say so with its own exit code (`failure::code::NO_ROOM`).
static OUT_OF_ROOM: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether `e` says the disk, the quota or the file-size limit is full.
pub fn is_out_of_room(e: &std::io::Error) -> bool {
    use std::io::ErrorKind::{FileTooLarge, QuotaExceeded, StorageFull};
    matches!(e.kind(), StorageFull | QuotaExceeded | FileTooLarge)
}

/// Whether a write of this process has failed for lack of room.
pub fn ran_out_of_room() -> bool {
    OUT_OF_ROOM.load(std::sync::atomic::Ordering::Relaxed)
}

fn describe(path: &Path, e: &std::io::Error) -> String {
    if is_out_of_room(e) {
        OUT_OF_ROOM.store(true, std::sync::atomic::Ordering::Relaxed);
    }
    let lang = crate::cli::lang_arg::current();
    let shown = path.display();
    if cfg!(windows) && e.raw_os_error() == Some(32) {
        crate::words!(lang,
            en: "{shown} is open in another program (close it in Excel or WPS and try again)",
            zh: "{shown} 正被其他程序打开（请在 Excel 或 WPS 中关闭后重试）")
    } else {
        let why = without_temporary(e);
        crate::words!(lang,
            en: "cannot write {shown}: {why}",
            zh: "无法写入 {shown}（系统报告：`{why}`）")
    }
}

/// The error without the temporary file's name that `tempfile` appends
/// (`... at path "/x/.drillplan-Ab12.tmp"`): the planner never asked for
/// that file and cannot find it afterwards, so only the destination is named.
fn without_temporary(e: &std::io::Error) -> String {
    let text = e.to_string();
    match (e.get_ref(), text.rfind(" at path ")) {
        (Some(_), Some(at)) => text[..at].to_string(),
        _ => text,
    }
}

/// Whether `path` is a stream to write into rather than a file to replace.
pub fn is_stream(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata(path).is_ok_and(|m| {
            let t = m.file_type();
            t.is_fifo() || t.is_char_device()
        })
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

/// Writes `bytes` to `path`: into it if it is a stream, else atomically.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if is_stream(path) {
        return write_stream(path, bytes);
    }
    let mut outputs = lock();
    // Through a symbolic link, as the shell's `>` writes: the link stays.
    let target = through_links(path).map_err(|e| describe(path, &e))?;
    replace_file(&target, bytes).map_err(|e| describe(path, &e))?;
    outputs.written.push(path.to_path_buf());
    Ok(())
}

/// Writes into a FIFO or a device, as the shell's `>` does: opening a FIFO
/// waits for a reader, perhaps forever, so the lock is not held meanwhile
/// and an interrupt can still end the program.
fn write_stream(path: &Path, bytes: &[u8]) -> Result<(), String> {
    lock().streaming = Some(path.to_path_buf());
    let result = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|mut f| f.write_all(bytes).and_then(|_| f.flush()));
    let mut outputs = lock();
    outputs.streaming = None;
    result.map_err(|e| describe(path, &e))?;
    outputs.written.push(path.to_path_buf());
    Ok(())
}

/// The file a path names once symbolic links are followed, whether or not
/// that file exists yet: a link to a file not yet written (`plan.csv ->
/// real/plan.csv`) names that file, not itself, as the shell's `>` reads it.
pub fn through_links(path: &Path) -> std::io::Result<PathBuf> {
    // Linux gives up after 40 links too (ELOOP).
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(m) if m.file_type().is_symlink() => {
                let next = std::fs::read_link(&current)?;
                current = parent_of(&current).join(next);
            }
            _ => return Ok(current),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

fn replace_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".drillplan-").suffix(".tmp");
    // A temporary file is private (0600); the output is an ordinary file the
    // planner shares: keep the old file's mode, else 0666 less the umask.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).map_or(0o666, |m| m.permissions().mode() & 0o777);
        builder.permissions(std::fs::Permissions::from_mode(mode));
    }
    let mut tmp = builder.tempfile_in(parent_of(path))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Entries of an existing folder that `owned` does not claim (or that are
/// not plain files): a folder holding any of them is not ours to replace.
pub fn foreign_entries(dir: &Path, owned: &dyn Fn(&str) -> bool) -> std::io::Result<Vec<String>> {
    let mut foreign = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(entry.file_type()?.is_file() && owned(&name)) {
            foreign.push(name);
        }
    }
    foreign.sort();
    Ok(foreign)
}

/// Makes `dir` hold exactly `files`: they are written into a fresh folder
/// beside it, which then takes its place. A folder holding anything `owned`
/// does not claim is refused, untouched.
pub fn write_folder(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    owned: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    let mut outputs = lock();
    let shown = dir;
    // Through a symbolic link, as for files: the link stays, and the folder
    // it points to is the one replaced.
    let dir = &through_links(dir).map_err(|e| describe(shown, &e))?;
    let exists = dir.exists();
    if exists {
        let foreign = foreign_entries(dir, owned).map_err(|e| describe(dir, &e))?;
        if !foreign.is_empty() {
            return Err(foreign_message(
                dir,
                &foreign,
                crate::cli::lang_arg::current(),
            ));
        }
    }
    let fresh = tempfile::Builder::new()
        .prefix(".drillplan-")
        .suffix(".tmp")
        .tempdir_in(parent_of(dir))
        .map_err(|e| describe(dir, &e))?;
    fill(fresh.path(), files).map_err(|e| describe(dir, &e))?;
    if exists {
        swap(fresh.path(), dir).map_err(|e| describe(dir, &e))?;
        // `fresh` now holds the old calendars; dropping it removes them.
    } else if let Err(e) = std::fs::rename(fresh.path(), dir) {
        // Another run (a second export into the same new folder) made the
        // folder meanwhile: it is then an existing folder, replaced as one
        // if it holds only calendars, as it would have been a moment later.
        if !dir.is_dir() {
            return Err(describe(dir, &e));
        }
        let foreign = foreign_entries(dir, owned).map_err(|e| describe(dir, &e))?;
        if !foreign.is_empty() {
            return Err(foreign_message(
                dir,
                &foreign,
                crate::cli::lang_arg::current(),
            ));
        }
        swap(fresh.path(), dir).map_err(|e| describe(dir, &e))?;
    }
    drop(fresh);
    outputs.written.push(shown.to_path_buf());
    Ok(())
}

pub fn foreign_message(dir: &Path, foreign: &[String], lang: crate::lang::Lang) -> String {
    let shown: Vec<&str> = foreign.iter().take(5).map(String::as_str).collect();
    let more = if foreign.len() > shown.len() {
        ", ..."
    } else {
        ""
    };
    let (dir, shown) = (dir.display(), shown.join(", "));
    crate::words!(lang,
        en: "{dir} holds files drillplan did not write ({shown}{more}); it is replaced as a whole, so give an empty or new folder",
        zh: "{dir} 里有不是 drillplan 写的文件（{shown}{more}）；文件夹会被整个替换，请给一个空的或新的文件夹")
}

fn fill(dir: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755))?;
    }
    for (name, bytes) in files {
        let mut f = std::fs::File::create_new(dir.join(name))?;
        f.write_all(bytes)?;
        f.sync_all()?;
    }
    Ok(())
}

/// Exchanges two folders: atomically where the system can, else by two renames.
fn swap(a: &Path, b: &Path) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    let aside = a.with_extension("old");
    std::fs::rename(b, &aside)?;
    std::fs::rename(a, b)?;
    std::fs::rename(&aside, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_target_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.csv");
        std::fs::write(&target, "old").unwrap();
        write_atomically(&target, b"new").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(written().contains(&target));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o044,
                0o044,
                "readable by others like any file: {mode:o}"
            );
        }
    }

    #[test]
    fn a_write_error_names_the_destination_not_the_temporary_file() {
        // The English words; the run's language is one per process.
        crate::cli::lang_arg::choose(Some(crate::lang::Lang::En));
        // What `tempfile` returns when the temporary file cannot be written.
        let inner = std::io::Error::from_raw_os_error(27);
        let wrapped = tempfile::NamedTempFile::new_in("/nonexistent-dir")
            .map(|_| ())
            .unwrap_err();
        assert!(wrapped.to_string().contains(" at path "), "{wrapped}");
        let shown = describe(Path::new("out.csv"), &wrapped);
        assert!(
            !shown.contains(".tmp") && !shown.contains("at path"),
            "{shown}"
        );
        assert!(shown.starts_with("cannot write out.csv: "), "{shown}");
        let plain = describe(Path::new("out.csv"), &inner);
        assert!(plain.contains("File too large"), "{plain}");
    }

    #[test]
    fn missing_folder_is_an_error_not_a_panic() {
        crate::cli::lang_arg::choose(Some(crate::lang::Lang::En));
        let err = write_atomically(Path::new("/nonexistent-dir/x/out.csv"), b"x").unwrap_err();
        assert!(err.contains("cannot write"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_stays_and_its_target_gets_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.csv");
        let link = dir.path().join("link.csv");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomically(&link, b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
    }

    #[test]
    fn a_folder_ends_up_holding_exactly_the_new_files() {
        let dir = tempfile::tempdir().unwrap();
        let cal = dir.path().join("cal");
        let ours = |n: &str| n.ends_with(".ics");
        let files = |names: &[&str]| -> Vec<(String, Vec<u8>)> {
            names
                .iter()
                .map(|n| (n.to_string(), n.as_bytes().to_vec()))
                .collect()
        };
        write_folder(&cal, &files(&["a.ics", "gone.ics"]), &ours).unwrap();
        write_folder(&cal, &files(&["a.ics", "b.ics"]), &ours).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&cal)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.ics", "b.ics"]);
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary folder left beside it"
        );
        std::fs::write(cal.join("notes.txt"), "mine").unwrap();
        let err = write_folder(&cal, &files(&["c.ics"]), &ours).unwrap_err();
        assert!(err.contains("notes.txt"), "{err}");
        assert!(
            cal.join("a.ics").exists(),
            "a refused folder stays as it was"
        );
    }
}
