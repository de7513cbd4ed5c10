//! The example study's SDTM, produced the way `trialbridge run` does, once per test binary.

use model::Dataset;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

pub fn example_sdtm() -> &'static [Dataset] {
    static SDTM: OnceLock<Vec<Dataset>> = OnceLock::new();
    SDTM.get_or_init(|| {
        let root = repo();
        let plan = sdtm::compile_dir(&root.join("mappings/umin000015469")).unwrap();
        let fixtures = root.join("fixtures/umin000015469");
        let mut books: Vec<PathBuf> = std::fs::read_dir(&fixtures)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                name.ends_with(".xlsx")
                    && (name.starts_with("site-") || name == "randomization.xlsx")
            })
            .collect();
        books.sort();
        let refs: Vec<(String, &Path)> = books
            .iter()
            .map(|p| {
                (
                    p.file_name().unwrap().to_string_lossy().into_owned(),
                    p.as_path(),
                )
            })
            .collect();
        let conv = sdtm::convert(&plan, &refs).unwrap();
        conv.into_datasets()
    })
}

pub fn example_adam() -> &'static adam::AdamOutput {
    static ADAM: OnceLock<adam::AdamOutput> = OnceLock::new();
    ADAM.get_or_init(|| {
        adam::derive_all(
            example_sdtm(),
            &adam::spec::example(),
            &adam::DeriveOptions::default(),
        )
    })
}
