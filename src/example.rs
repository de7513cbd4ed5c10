//! The example study compiled into the binary (UMIN000015469: its study file, registry
//! record, site workbooks and mapping specs), so `trialbridge run` works from any folder and
//! `trialbridge example` can hand the files to a user who wants to read or edit them.

use anyhow::{Context, bail};
use std::path::{Path, PathBuf};

mod files {
    include!(concat!(env!("OUT_DIR"), "/example_files.rs"));
}

/// The study file, relative to the folder the example is written to.
pub const STUDY_FILE: &str = "fixtures/umin000015469.study.toml";

/// Every embedded file: (path relative to the written-out folder, bytes).
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    files::FILES
}

/// Writes the example into `dir`, keeping its layout, and returns the study file's path.
/// A file already there with other content is an error, never overwritten: the user may
/// have edited it.
pub fn write_to(dir: &Path) -> anyhow::Result<PathBuf> {
    let clashes: Vec<String> = files()
        .iter()
        .filter(|(rel, bytes)| {
            std::fs::read(dir.join(rel)).is_ok_and(|old| old.as_slice() != *bytes)
        })
        .map(|(rel, _)| dir.join(rel).display().to_string())
        .collect();
    if !clashes.is_empty() {
        bail!(
            "{} would be overwritten (they differ from the example); choose another folder: {}",
            if clashes.len() == 1 {
                "a file"
            } else {
                "files"
            },
            clashes.join(", ")
        );
    }
    for (rel, bytes) in files() {
        let (sub, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        pipeline::output::write_atomic(&dir.join(sub), name, bytes)
            .with_context(|| format!("writing the example study into {}", dir.display()))?;
    }
    Ok(dir.join(STUDY_FILE))
}
