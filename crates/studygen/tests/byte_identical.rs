//! `make fixtures` must reproduce the committed fixtures byte for byte.
#![allow(clippy::unwrap_used)] // test helpers outside #[test] fns panic on purpose

mod common;

use std::path::Path;

fn files(dir: &Path, base: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, base, out);
        } else {
            out.push(
                p.strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

#[test]
fn regenerating_gives_the_committed_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    studygen::write_to(tmp.path()).unwrap();
    let committed = common::fixtures();
    let (mut want, mut got) = (Vec::new(), Vec::new());
    files(&committed, &committed, &mut want);
    files(tmp.path(), tmp.path(), &mut got);
    want.sort();
    got.sort();
    assert_eq!(want, got, "file lists differ");
    for f in &want {
        let a = std::fs::read(committed.join(f)).unwrap();
        let b = std::fs::read(tmp.path().join(f)).unwrap();
        assert!(
            a == b,
            "{f} differs from a fresh generation: run `make fixtures`"
        );
    }
}

#[test]
fn two_renders_in_one_process_are_identical() {
    assert_eq!(studygen::render().unwrap(), studygen::render().unwrap());
}
