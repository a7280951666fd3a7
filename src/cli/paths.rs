//! Output paths are checked before any work starts: each against every
//! input and every other output of the command (so no output destroys an
//! input or another output), and each for being writable at all. A bad
//! path fails in a second, not after a long search.

use super::failure::Failure;
use crate::output::{foreign_entries, foreign_message, is_stream, parent_of, through_links};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    File,
    /// A folder replaced as a whole; `owned` tells the files drillplan writes into it.
    Folder(fn(&str) -> bool),
}

/// The paths one command reads and writes, by the flag that names each.
#[derive(Default)]
pub struct Paths {
    inputs: Vec<(String, PathBuf)>,
    outputs: Vec<(String, PathBuf, Kind)>,
    /// The flags whose file is a CSV, whatever its name says.
    csv: Vec<&'static str>,
}

impl Paths {
    pub fn input(&mut self, flag: &str, path: &Path) -> &mut Self {
        self.inputs.push((flag.to_string(), path.to_path_buf()));
        self
    }

    /// An output that may be `-`, standard output, which is not a path and
    /// is skipped.
    pub fn output_or_stdout(&mut self, flag: &str, path: Option<&Path>, kind: Kind) -> &mut Self {
        self.output(flag, path.filter(|p| !is_dash(p)), kind)
    }

    /// Marks `flag`'s output as a CSV file, so that a workbook's name for
    /// it is refused.
    pub fn writes_csv(&mut self, flag: &'static str) -> &mut Self {
        self.csv.push(flag);
        self
    }

    /// An output that is always a path: `-` is refused, for it would be a
    /// file named `-` where standard output was meant (`./-` names that file).
    pub fn output(&mut self, flag: &str, path: Option<&Path>, kind: Kind) -> &mut Self {
        if let Some(p) = path {
            self.outputs.push((flag.to_string(), p.to_path_buf(), kind));
        }
        self
    }

    /// Refuses (exit 2) clashing paths and outputs that cannot be written.
    pub fn check(&self) -> Result<(), Failure> {
        let checked = self.check_in_current_language();
        if checked.is_err() && super::lang_arg::settled().is_none() {
            // Refused before any input is read: a workbook's sheet names
            // tell the planner's language (reading them costs a read, so
            // only a refusal pays it), and the refusal is said again in it.
            for (_, input) in &self.inputs {
                super::lang_arg::settle_from_book(input);
            }
            return self.check_in_current_language();
        }
        checked
    }

    fn check_in_current_language(&self) -> Result<(), Failure> {
        for (flag, path, kind) in &self.outputs {
            writable(flag, path, *kind).map_err(Failure::Usage)?;
        }
        let inputs = self.inputs.iter().map(|(f, p)| (f, p, None));
        let outputs = self.outputs.iter().map(|(f, p, k)| (f, p, Some(*k)));
        let all: Vec<_> = outputs.chain(inputs).collect();
        for (i, &(flag, path, kind)) in all.iter().enumerate().take(self.outputs.len()) {
            for &(other_flag, other, other_kind) in &all[i + 1..] {
                if clash(path, kind, other, other_kind) {
                    let folder = matches!(kind, Some(Kind::Folder(_)))
                        || matches!(other_kind, Some(Kind::Folder(_)));
                    let (path, other) = (path.display(), other.display());
                    let lang = super::lang_arg::current();
                    return Err(Failure::Usage(match folder {
                        true => crate::words!(lang,
                            en: "{flag} {path} and {other_flag} {other} clash: the folder is replaced as a whole, so nothing else may live in it; nothing was written",
                            zh: "{flag} {path} 与 {other_flag} {other} 冲突：文件夹会被整个替换，其中不能放别的文件；什么也没有写出"),
                        false => crate::words!(lang,
                            en: "{flag} {path} and {other_flag} {other} are the same file; nothing was written",
                            zh: "{flag} {path} 与 {other_flag} {other} 是同一个文件；什么也没有写出"),
                    }));
                }
            }
        }
        for (flag, path, _) in &self.outputs {
            let csv = self.csv.contains(&flag.as_str());
            misnamed(flag, path, csv).map_err(Failure::Usage)?;
        }
        Ok(())
    }
}

/// A scenario is written as a workbook or as TOML, and the name's
/// extension says which: `generate -o 城市.ods` or `convert a.xlsx b.csv`
/// would put TOML text under a name LibreOffice or Excel opens as something
/// else, and the planner would be shown garbage or an error.
pub fn scenario_named(path: &Path) -> Result<(), Failure> {
    if crate::workbook::is_workbook(path) || crate::workbook::is_toml(path) {
        return Ok(());
    }
    let shown = path.display();
    Err(Failure::Usage(crate::words!(super::lang_arg::current(),
        en: "{shown}: the output's extension chooses the format; give .xlsx (a scenario workbook) or .toml",
        zh: "{shown}：输出文件的扩展名决定格式；请用 .xlsx（情景工作簿）或 .toml")))
}

/// A CSV written under a workbook's name (`solve -o 安排.xlsx`, meaning
/// `--xlsx`), or a workbook under a CSV's: Excel refuses to open the file
/// ("the file format or extension is not valid"), and the planner is left
/// with neither. Said after a clash, which is the worse mistake.
fn misnamed(flag: &str, path: &Path, csv: bool) -> Result<(), String> {
    let lang = super::lang_arg::current();
    let ext = crate::workbook::extension(path).unwrap_or_default();
    let shown = path.display();
    if csv && matches!(ext.as_str(), "xlsx" | "xls" | "et") {
        return Err(crate::words!(lang,
            en: "{flag} {shown}: {flag} writes a CSV file, which Excel and WPS will not open under a workbook's name; give a name ending in .csv (for the workbook, --xlsx {shown})",
            zh: "{flag} {shown}：{flag} 写出的是 CSV 文件，以工作簿的扩展名命名，Excel、WPS 会打不开；请用以 .csv 结尾的文件名（要工作簿请用 --xlsx {shown}）"));
    }
    if flag == "--xlsx" && matches!(ext.as_str(), "csv" | "html" | "htm" | "txt") {
        return Err(crate::words!(lang,
            en: "--xlsx {shown}: --xlsx writes an Excel workbook; give a name ending in .xlsx",
            zh: "--xlsx {shown}：--xlsx 写出的是 Excel 工作簿；请用以 .xlsx 结尾的文件名"));
    }
    Ok(())
}

/// Where a path is: its device and inode if it exists, else its folder's
/// real location and its name.
#[derive(PartialEq, Eq, Debug)]
enum Identity {
    Node(u64, u64),
    Path(PathBuf),
}

fn identity(path: &Path) -> Identity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(m) = std::fs::metadata(path) {
            return Identity::Node(m.dev(), m.ino());
        }
    }
    Identity::Path(location(path))
}

/// The absolute, symlink-free location of a path that may not exist yet.
fn location(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let path = &through_links(path).unwrap_or_else(|_| path.to_path_buf());
    let parent = std::fs::canonicalize(parent_of(path)).unwrap_or_else(|_| parent_of(path).into());
    match path.file_name() {
        Some(name) => parent.join(name),
        None => parent,
    }
}

/// Character devices are never the same "file" in a harmful way: writing
/// two outputs into `/dev/null` or a terminal destroys nothing.
fn is_char_device(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        std::fs::metadata(path).is_ok_and(|m| m.file_type().is_char_device())
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

fn clash(a: &Path, a_kind: Option<Kind>, b: &Path, b_kind: Option<Kind>) -> bool {
    if is_char_device(a) || is_char_device(b) {
        return false;
    }
    let folder = |k: Option<Kind>| matches!(k, Some(Kind::Folder(_)));
    identity(a) == identity(b)
        || (folder(a_kind) && clash_inside(b, a))
        || (folder(b_kind) && clash_inside(a, b))
}

/// Whether `inner` lies inside the folder `outer` (which a swap would remove).
fn clash_inside(inner: &Path, outer: &Path) -> bool {
    let (inner, outer) = (location(inner), location(outer));
    inner != outer && inner.starts_with(&outer)
}

/// Refuses a path that names no file of its own: one that ends in `/` (a
/// folder, for a file output) or, for a folder replaced as a whole, in `.` or
/// `..` (which cannot be renamed, and would pull the folder out from under
/// the shell standing in it).
fn names_itself(flag: &str, path: &Path, kind: Kind) -> Result<(), String> {
    let shown = path.display();
    let lang = super::lang_arg::current();
    let text = path.as_os_str().to_string_lossy();
    let trimmed = text.trim_end_matches(std::path::is_separator);
    let last = trimmed.rsplit(std::path::is_separator).next().unwrap_or("");
    match kind {
        Kind::File if trimmed.len() < text.len() => Err(crate::words!(lang,
            en: "{flag} {shown} ends in `/`, which names a folder; give a file name",
            zh: "{flag} {shown} 以 `/` 结尾，指的是文件夹；请给出文件名")),
        Kind::Folder(_) if matches!(last, "" | "." | "..") => {
            let example = std::fs::canonicalize(path)
                .ok()
                .filter(|real| real.parent().is_some())
                .map_or_else(|| "../cal".into(), |real| real.display().to_string());
            Err(crate::words!(lang,
                en: "{flag} {shown}: the folder is replaced as a whole, so name the folder itself \
                     (as in `{flag} {example}`), not `.`, `..` or `/`",
                zh: "{flag} {shown}：文件夹会被整个替换，请写出文件夹本身的名字\
                     （如 `{flag} {example}`），不要用 `.`、`..` 或 `/`"))
        }
        _ => Ok(()),
    }
}

/// The nearest ancestor of `path` that exists, if it is not a folder: `x.csv`
/// in `s.toml/x.csv` or `s.toml/sub/x.csv`.
fn file_in_the_way(path: &Path) -> Option<&Path> {
    path.ancestors()
        .skip(1)
        .filter(|a| !a.as_os_str().is_empty())
        .find(|a| a.exists())
        .filter(|a| !a.is_dir())
}

fn is_dash(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn writable(flag: &str, path: &Path, kind: Kind) -> Result<(), String> {
    let lang = super::lang_arg::current();
    if is_dash(path) {
        return Err(crate::words!(lang,
            en: "{flag} -: only --output writes to standard output; give a file name (`./-` for a file named -)",
            zh: "{flag} -：只有 --output 能写到标准输出；请给出文件名（名为 - 的文件写作 `./-`）"));
    }
    names_itself(flag, path, kind)?;
    let shown = path.display();
    if let Some(file) = file_in_the_way(path) {
        let file = file.display();
        return Err(crate::words!(lang,
            en: "{flag} {shown}: {file} is not a folder",
            zh: "{flag} {shown}：{file} 不是文件夹"));
    }
    let meta = std::fs::metadata(path).ok();
    match (kind, &meta) {
        (Kind::File, Some(m)) if m.is_dir() => {
            return Err(crate::words!(lang,
                en: "{flag} {shown} is a folder; give a file name",
                zh: "{flag} {shown} 是文件夹；请给出文件名"));
        }
        (Kind::Folder(_), Some(m)) if !m.is_dir() => {
            return Err(crate::words!(lang,
                en: "{flag} {shown} is not a folder",
                zh: "{flag} {shown} 不是文件夹"));
        }
        (Kind::Folder(owned), Some(_)) => {
            let foreign = foreign_entries(path, &owned).map_err(|e| {
                crate::words!(lang,
                        en: "{flag} {shown}: cannot read the folder: {e}",
                        zh: "{flag} {shown}：无法读取此文件夹（系统报告：`{e}`）")
            })?;
            if !foreign.is_empty() {
                return Err(format!("{flag} {}", foreign_message(path, &foreign, lang)));
            }
        }
        _ => {}
    }
    if meta.is_some() && is_stream(path) {
        return may_write(path).map_err(|_| {
            crate::words!(lang,
                en: "{flag} {shown} cannot be written to",
                zh: "{flag} {shown} 无法写入")
        });
    }
    // A read-only folder too: replacing it would drop the protection, and
    // for anyone but root strand the old calendars, which cannot be removed
    // from it, in a temporary folder beside it. (Windows marks folders
    // read-only for its own reasons, so there only files count.)
    if let Some(m) = meta
        .as_ref()
        .filter(|_| cfg!(unix) || matches!(kind, Kind::File))
    {
        if read_only(m) || may_write(path).is_err() {
            return Err(crate::words!(lang,
                en: "{flag} {shown} is read-only; drillplan does not replace it (change its permissions or choose another path)",
                zh: "{flag} {shown} 是只读的，drillplan 不会替换它（请修改权限或换一个路径）"));
        }
    }
    let target = through_links(path).map_err(|e| {
        crate::words!(lang,
            en: "{flag} {shown}: {e}",
            zh: "{flag} {shown}：系统报告 `{e}`")
    })?;
    let parent = parent_of(&target);
    if !parent.is_dir() {
        let parent = parent.display();
        return Err(crate::words!(lang,
            en: "{flag} {shown}: the folder {parent} does not exist",
            zh: "{flag} {shown}：文件夹 {parent} 不存在"));
    }
    may_write(parent).map_err(|_| {
        let parent = parent.display();
        crate::words!(lang,
            en: "{flag} {shown}: the folder {parent} is not writable",
            zh: "{flag} {shown}：文件夹 {parent} 不可写入")
    })
}

/// No write permission bit at all: read-only even for root, as `chmod a-w` means.
fn read_only(m: &std::fs::Metadata) -> bool {
    m.permissions().readonly()
}

fn may_write(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        rustix::fs::access(path, rustix::fs::Access::WRITE_OK).map_err(std::io::Error::from)
    }
    #[cfg(not(unix))]
    {
        match std::fs::metadata(path) {
            Ok(m) if m.permissions().readonly() && m.is_file() => Err(std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                "read-only",
            )),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_not_yet_written_clashes_by_its_location() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("x.csv");
        let b = dir.path().join("sub/../x.csv");
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        assert!(clash(&a, Some(Kind::File), &b, None));
        assert!(!clash(
            &a,
            Some(Kind::File),
            &dir.path().join("y.csv"),
            None
        ));
    }

    #[test]
    fn a_file_inside_a_replaced_folder_clashes() {
        let dir = tempfile::tempdir().unwrap();
        let cal = dir.path().join("cal");
        assert!(clash_inside(&cal.join("k.toml"), &cal));
        assert!(!clash_inside(&dir.path().join("k.toml"), &cal));
    }
}
