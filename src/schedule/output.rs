//! Writing files so that a crash or a kill never leaves half of one: write a
//! temporary file beside the target, then rename it into place.

use std::io::Write;
use std::path::Path;

pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let describe = |e: std::io::Error| {
        if cfg!(windows) && e.raw_os_error() == Some(32) {
            format!(
                "{} is open in another program (close it in Excel or WPS and try again)",
                path.display()
            )
        } else {
            format!("cannot write {}: {e}", path.display())
        }
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".drillplan-").suffix(".tmp");
    // A temporary file is private (0600); the output is an ordinary file the
    // planner shares, so create it as one (0666 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(describe)?;
    tmp.write_all(bytes).map_err(describe)?;
    tmp.as_file().sync_all().map_err(describe)?;
    tmp.persist(path).map_err(|e| describe(e.error))?;
    Ok(())
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
    fn missing_folder_is_an_error_not_a_panic() {
        let err = write_atomically(Path::new("/nonexistent-dir/x/out.csv"), b"x").unwrap_err();
        assert!(err.contains("cannot write"), "{err}");
    }
}
