//! Every dataset file in the standards folder read as an Arrow table holds what the row
//! reader reads, value for value, with the same notices.

#![allow(clippy::unwrap_used, reason = "helpers of a test crate")]

mod common;

use formats::transcode::{Kind, read_dataset, read_table};
use std::path::{Path, PathBuf};

fn dataset_files(dir: &Path, out: &mut Vec<PathBuf>) {
    common::files_under(dir, &|p| Kind::from_path(p).is_some(), out);
}

#[test]
fn a_table_reads_what_the_row_reader_reads() {
    let root = standards::reference_dir();
    let mut files = Vec::new();
    for sub in ["cdiscpilot01", "dataset-json", "edge-cases"] {
        dataset_files(&root.join(sub), &mut files);
    }
    let mut compared = 0;
    for f in &files {
        let Ok((ds, notes)) = read_dataset(f) else {
            assert!(
                read_table(f).is_err(),
                "{}: only the table reader reads it",
                f.display()
            );
            continue;
        };
        let (t, table_notes) = read_table(f).unwrap();
        assert_eq!(t.len(), ds.rows.len(), "{}", f.display());
        assert_eq!(t.meta(), &ds.meta, "{}", f.display());
        // NaN is not equal to itself; no reader produces one, and a mismatch must show.
        assert!(t.to_dataset() == ds, "{}: values differ", f.display());
        assert_eq!(table_notes, notes, "{}", f.display());
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} dataset files compared");
}
