//! Finds the standards folder: `TRIALBRIDGE_STANDARDS` (relative to the workspace root) or
//! the default beside the repository, checked against [`PARTS`].

use super::parts::PARTS;
use std::path::{Path, PathBuf};

pub const ENV: &str = "TRIALBRIDGE_STANDARDS";

/// The folder, canonical, or the whole message to stop the build with.
pub fn standards_dir(workspace: &Path, default: &Path, help: &str) -> Result<PathBuf, String> {
    let (dir, from) = match std::env::var_os(ENV) {
        Some(v) if !v.is_empty() => (workspace.join(v), format!("from {ENV}")),
        _ => (
            default.to_path_buf(),
            format!("the default; {ENV} is not set"),
        ),
    };
    let missing: Vec<&str> = if dir.is_dir() {
        PARTS
            .iter()
            .copied()
            .filter(|p| !dir.join(p).exists())
            .collect()
    } else {
        vec!["the folder itself"]
    };
    let stop = |what: String| {
        format!(
            "the standards folder cannot be used.\n  looked at: {} ({from})\n  {what}\n\n{help}",
            dir.display()
        )
    };
    if !missing.is_empty() {
        return Err(stop(format!("missing:   {}", missing.join(", "))));
    }
    let dir = dir
        .canonicalize()
        .map_err(|e| stop(format!("cannot resolve it: {e}")))?;
    if dir.to_str().is_none() {
        return Err(stop("its path is not valid UTF-8".into()));
    }
    Ok(dir)
}
