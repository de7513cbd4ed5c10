//! Folders laid out as CDISC CORE test cases (`_variables.csv`, `_datasets.csv`, one CSV per
//! dataset, `.env` naming the standard), read as a package: a rule author validates a case
//! like any other submission and compares with the case's expected results.

use core_rules::{Package, Standard};
use model::Finding;
use rules::{INPUT_UNREADABLE, Input};
use std::path::{Path, PathBuf};

/// The case's data folder, when `dir` is one (`data/`) or holds one beside `results/`.
pub fn data_dir(dir: &Path) -> Option<PathBuf> {
    if dir.join("_variables.csv").is_file() {
        return Some(dir.to_path_buf());
    }
    let data = dir.join("data");
    (data.join("_variables.csv").is_file() && dir.join("results").is_dir()).then_some(data)
}

/// The case's datasets as inputs named `<dir>/<dataset>.csv`, and the standard its `.env`
/// names (none without one); a case that cannot be read is a finding on its folder.
pub fn read(dir: &Path) -> Result<(Vec<Input>, Option<Standard>), Box<Finding>> {
    let package = Package::from_case_dir(dir).map_err(|e| {
        Box::new(Finding::error(INPUT_UNREADABLE, e.to_string()).in_file(dir.display().to_string()))
    })?;
    let standard = dir.join(".env").is_file().then(|| package.standard.clone());
    let inputs = package
        .datasets
        .into_iter()
        .map(|ds| {
            let file = dir.join(format!("{}.csv", ds.name().to_ascii_lowercase()));
            Input::new(file.display().to_string(), ds)
        })
        .collect();
    Ok((inputs, standard))
}
