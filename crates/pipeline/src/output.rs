//! Writing outputs so that a failed run never leaves a half-written file under a final name.

use anyhow::{Context, bail};
use std::io::Write;
use std::path::{Component, Path, PathBuf};

/// Writes `bytes` to `dir/name` through a temporary file in the same folder and a rename.
/// `name` comes from inputs (dataset names), so it may not climb out of `dir`.
pub fn write_atomic(dir: &Path, name: &str, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    let target = confined(dir, name)?;
    let mut file = AtomicFile::create(&target)?;
    file.writer()
        .write_all(bytes)
        .with_context(|| format!("cannot write {}", target.display()))?;
    file.commit()
}

/// [`write_atomic`] to a path a user gave (`--output FILE`): its folder, else the current one.
pub fn write_atomic_at(path: &Path, bytes: &[u8]) -> anyhow::Result<PathBuf> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_atomic(dir, &name, bytes)
}

/// A file being written under a temporary name in its final folder; [`AtomicFile::commit`]
/// renames it into place, and dropping it uncommitted removes it.
pub struct AtomicFile {
    tmp: Option<PathBuf>,
    target: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    pub fn create(target: &Path) -> anyhow::Result<AtomicFile> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create folder {}", parent.display()))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = std::fs::File::create(&tmp)
            .with_context(|| format!("cannot write {}", target.display()))?;
        Ok(AtomicFile {
            tmp: Some(tmp),
            target: target.to_owned(),
            file: Some(std::io::BufWriter::new(file)),
        })
    }

    pub fn writer(&mut self) -> &mut std::io::BufWriter<std::fs::File> {
        // Only `commit` takes the file out, and it consumes self.
        self.file
            .as_mut()
            .unwrap_or_else(|| unreachable!("AtomicFile used after commit"))
    }

    pub fn commit(mut self) -> anyhow::Result<PathBuf> {
        let target = self.target.clone();
        let result = (|| -> std::io::Result<()> {
            if let (Some(file), Some(tmp)) = (self.file.take(), self.tmp.as_ref()) {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                std::fs::rename(tmp, &target)?;
            }
            Ok(())
        })();
        result.with_context(|| format!("cannot write {}", target.display()))?;
        self.tmp = None;
        Ok(target)
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            self.file = None;
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// A run's output folder built aside and put in place at the end, so that a run that
/// fails half-way leaves nothing new behind (issue 16: `registry --sdtm` left TS written and
/// TI missing). Files go into a hidden sibling of the target; [`StagedDir::commit`] renames
/// the sibling onto the target when there is none yet, or moves the files in one by one
/// (each an atomic rename on the same file system) when the target already holds others'.
/// Dropping it uncommitted removes the sibling.
pub struct StagedDir {
    staging: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl StagedDir {
    pub fn create(target: &Path) -> anyhow::Result<StagedDir> {
        let pid = std::process::id();
        let staging = match (target.parent(), target.file_name()) {
            (Some(parent), Some(name)) => {
                let parent = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
                std::fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create folder {}", parent.display()))?;
                parent.join(format!(".{}.{pid}.tmp", name.to_string_lossy()))
            }
            // `.` or `..`: no sibling to name, so stage inside the target itself.
            _ => target.join(format!(".trialbridge.{pid}.tmp")),
        };
        if staging.exists() {
            std::fs::remove_dir_all(&staging)
                .with_context(|| format!("cannot clear {}", staging.display()))?;
        }
        std::fs::create_dir_all(&staging)
            .with_context(|| format!("cannot create folder {}", staging.display()))?;
        Ok(StagedDir {
            staging,
            target: target.to_owned(),
            committed: false,
        })
    }

    /// Where to write: the final layout, under the staging folder.
    pub fn path(&self) -> &Path {
        &self.staging
    }

    pub fn commit(mut self) -> anyhow::Result<()> {
        let inside = self.staging.starts_with(&self.target);
        if !inside && !self.target.exists() {
            std::fs::rename(&self.staging, &self.target)
                .with_context(|| format!("cannot write {}", self.target.display()))?;
        } else {
            move_files(&self.staging, &self.target)?;
            let _ = std::fs::remove_dir_all(&self.staging);
        }
        self.committed = true;
        Ok(())
    }
}

/// Moves every file under `from` to the same relative place under `to`. Folders are made
/// and every destination checked first, so that what can fail fails before the first move.
fn move_files(from: &Path, to: &Path) -> anyhow::Result<()> {
    let mut files = Vec::new();
    list_files(from, Path::new(""), &mut files)?;
    files.sort();
    for rel in &files {
        let mut at = to.to_path_buf();
        for part in rel.parent().into_iter().flat_map(Path::components) {
            at.push(part);
            if at.exists() && !at.is_dir() {
                bail!(
                    "cannot create folder {}: a file is in the way",
                    at.display()
                );
            }
        }
        let dest = to.join(rel);
        if dest.is_dir() {
            bail!("cannot write {}: a folder is in the way", dest.display());
        }
    }
    for rel in &files {
        let dest = to.join(rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent)
                .with_context(|| format!("cannot create folder {}", parent.display()))?;
        }
        std::fs::rename(from.join(rel), &dest)
            .with_context(|| format!("cannot write {}", dest.display()))?;
    }
    Ok(())
}

fn list_files(root: &Path, rel: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    let dir = root.join(rel);
    for e in std::fs::read_dir(&dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let e = e.with_context(|| format!("cannot read {}", dir.display()))?;
        let r = rel.join(e.file_name());
        if e.file_type()?.is_dir() {
            list_files(root, &r, out)?;
        } else {
            out.push(r);
        }
    }
    Ok(())
}

impl Drop for StagedDir {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// `dir/name`, refusing absolute names and `..`.
pub fn confined(dir: &Path, name: &str) -> anyhow::Result<PathBuf> {
    let rel = Path::new(name);
    if name.is_empty() || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        bail!(
            "refusing output name `{name}`: it must stay inside {}",
            dir.display()
        );
    }
    Ok(dir.join(rel))
}

/// What writing one dataset file came to.
pub enum DatasetFile {
    Written(PathBuf, Vec<model::Finding>),
    /// The format cannot hold the data (XPT: non-ASCII text, values over 200 bytes); nothing
    /// was written under the final name, and these are the reasons.
    Refused(Vec<model::Finding>),
}

/// Writes `ds` as `<dir>/<name>.<ext>` atomically. The file name comes from the dataset's
/// name, so it is confined to `dir`; `shown` prefixes the name in findings (`sdtm/`).
pub fn dataset_file<R: model::DatasetRows>(
    timestamp: model::Timestamp,
    dir: &Path,
    ds: &R,
    ext: &str,
    shown: &str,
) -> anyhow::Result<DatasetFile> {
    use formats::transcode::{self, Kind, WriteOptions};
    let name = format!("{}.{ext}", ds.meta().name.to_ascii_lowercase());
    let path = confined(dir, &name)?;
    let kind = Kind::from_path(&path).with_context(|| format!("no writer for .{ext}"))?;
    let opts = WriteOptions {
        timestamp,
        file_name: format!("{shown}{name}"),
    };
    let mut file = AtomicFile::create(&path)?;
    match transcode::write(ds, kind, file.writer(), &opts) {
        Ok(notes) => {
            file.writer()
                .flush()
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(DatasetFile::Written(file.commit()?, notes))
        }
        Err(e) => {
            let refused = transcode::refusal_findings(&e).to_vec();
            if refused.is_empty() {
                return Err(e.into());
            }
            Ok(DatasetFile::Refused(refused))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_escape() {
        let d = Path::new("/tmp/out");
        assert!(confined(d, "../x").is_err());
        assert!(confined(d, "/etc/passwd").is_err());
        assert!(confined(d, "sdtm/../../x").is_err());
        assert!(confined(d, "").is_err());
        assert_eq!(confined(d, "sdtm/dm.xpt").unwrap(), d.join("sdtm/dm.xpt"));
    }

    #[test]
    fn an_uncommitted_file_leaves_nothing_behind() {
        use std::io::Write;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("dm.xpt");
        std::fs::write(&target, b"good").unwrap();
        {
            let mut f = AtomicFile::create(&target).unwrap();
            f.writer().write_all(b"half").unwrap();
        }
        assert_eq!(
            std::fs::read(&target).unwrap(),
            b"good",
            "earlier output kept"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut f = AtomicFile::create(&target).unwrap();
        f.writer().write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn a_staged_folder_is_all_or_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        {
            let s = StagedDir::create(&out).unwrap();
            write_atomic(s.path(), "sdtm/ts.xpt", b"half").unwrap();
        }
        assert!(!out.exists(), "a dropped run leaves no output folder");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            0,
            "nor a staging folder"
        );

        let s = StagedDir::create(&out).unwrap();
        write_atomic(s.path(), "sdtm/ts.xpt", b"one").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("sdtm/ts.xpt")).unwrap(), b"one");

        // Into an existing folder: others' files stay, ours are replaced.
        std::fs::write(out.join("notes.txt"), b"mine").unwrap();
        let s = StagedDir::create(&out).unwrap();
        write_atomic(s.path(), "sdtm/ts.xpt", b"two").unwrap();
        s.commit().unwrap();
        assert_eq!(std::fs::read(out.join("sdtm/ts.xpt")).unwrap(), b"two");
        assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn replaces_whole_files_only() {
        let dir = tempfile::tempdir().unwrap();
        write_atomic(dir.path(), "a/b.txt", b"one").unwrap();
        write_atomic(dir.path(), "a/b.txt", b"two").unwrap();
        assert_eq!(std::fs::read(dir.path().join("a/b.txt")).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("a")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }
}
