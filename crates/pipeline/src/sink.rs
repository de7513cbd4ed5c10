//! Where every command's datasets go: one writer for every format, each file atomic, a CSV
//! with its metadata sidecar, the run's timestamp stamped the same way everywhere.

use crate::Failure;
use crate::output::{DatasetFile, dataset_file};
use anyhow::anyhow;
use model::{DatasetRows, Finding, Timestamp};
use std::path::{Path, PathBuf};

/// What to do when a format cannot hold the data (XPT: non-ASCII text, values over 200
/// bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// That file is not written and the reasons become findings; the other formats are
    /// written (a pipeline stage, whose report says what is missing).
    Report,
    /// The command fails, naming the file and the reasons (a command whose output is all or
    /// nothing).
    Fail,
}

pub struct DatasetSink<'a> {
    pub timestamp: Timestamp,
    pub dir: &'a Path,
    /// Prefixes file names in findings (`sdtm/`).
    pub shown: &'a str,
    pub refusal: Refusal,
}

/// The files one dataset became, and what the writers noted.
#[derive(Default)]
pub struct Sunk {
    pub files: Vec<PathBuf>,
    pub findings: Vec<Finding>,
}

impl DatasetSink<'_> {
    /// `ds` (rows of values, or an Arrow table) as `<dir>/<name>.<ext>` for each extension,
    /// in order.
    pub fn write<R: DatasetRows>(&self, ds: &R, extensions: &[&str]) -> Result<Sunk, Failure> {
        let mut out = Sunk::default();
        for ext in extensions {
            match dataset_file(self.timestamp, self.dir, ds, ext, self.shown)? {
                DatasetFile::Written(path, notes) => {
                    if *ext == "csv" {
                        // A CSV alone loses types, lengths and labels; the sidecar keeps them.
                        formats::csv::write_sidecar(&path, ds.meta()).map_err(|e| anyhow!(e))?;
                    }
                    out.files.push(path);
                    out.findings.extend(notes);
                }
                DatasetFile::Refused(reasons) if self.refusal == Refusal::Report => {
                    out.findings.extend(reasons)
                }
                DatasetFile::Refused(reasons) => {
                    let name = format!("{}.{ext}", ds.meta().name.to_ascii_lowercase());
                    let mut errors = vec![anyhow!("{} not written", self.dir.join(name).display())];
                    errors.extend(reasons.iter().map(|f| anyhow!("{f}")));
                    return Err(Failure(errors));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{Dataset, DatasetMeta, Value, VarType, Variable};

    fn dm(text: &str) -> Dataset {
        let mut meta = DatasetMeta::new("DM", "Demographics");
        meta.variables = vec![Variable::new("USUBJID", "Subject", VarType::Char)];
        let mut ds = Dataset::new(meta);
        ds.rows.push(vec![Value::Char(text.into())]);
        ds
    }

    fn sink(dir: &Path, refusal: Refusal) -> DatasetSink<'_> {
        DatasetSink {
            timestamp: Timestamp::from_unix(0),
            dir,
            shown: "sdtm/",
            refusal,
        }
    }

    #[test]
    fn every_format_is_written_and_csv_gets_its_sidecar() {
        let dir = tempfile::tempdir().unwrap();
        let sunk = sink(dir.path(), Refusal::Fail)
            .write(&dm("S-001"), &["xpt", "json", "ndjson", "csv"])
            .unwrap();
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(sunk.files.len(), 4);
        for n in ["dm.xpt", "dm.json", "dm.ndjson", "dm.csv", "dm.meta.json"] {
            assert!(names.iter().any(|x| x == n), "{n} in {names:?}");
        }
    }

    #[test]
    fn a_refusal_is_a_finding_or_a_failure_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let ds = dm("Müller ≥ 2");
        let sunk = sink(dir.path(), Refusal::Report)
            .write(&ds, &["xpt", "json"])
            .unwrap();
        assert_eq!(sunk.files.len(), 1, "only the JSON");
        assert!(!sunk.findings.is_empty());
        assert!(!dir.path().join("dm.xpt").exists());
        let Err(Failure(errors)) = sink(dir.path(), Refusal::Fail).write(&ds, &["xpt"]) else {
            panic!("XPT cannot hold non-ASCII text");
        };
        assert!(errors[0].to_string().contains("dm.xpt not written"));
        assert!(errors.len() > 1, "the reasons follow");
    }
}
