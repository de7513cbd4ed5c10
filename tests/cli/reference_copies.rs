//! Reference files (schemas, CT, CDISC CORE rules, CDISC pilot data, registry records) are
//! read from the standards folder and never copied into the repository: no file the
//! repository holds is one of them, whole or behind one leading byte (the byte a fuzz input
//! spends choosing its format).

use crate::repo;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

/// Files this small (an empty dataset, a one-line record) prove nothing by matching.
const SMALLEST: usize = 64;

fn digest(bytes: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    bytes.hash(&mut h);
    h.finish()
}

/// Every file under `dir`, leaving out the folders in `skip`.
fn walk(dir: &Path, skip: &[PathBuf], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !skip.contains(&path) {
                walk(&path, skip, out);
            }
        } else {
            out.push(path);
        }
    }
}

/// What the repository does not hold: `.git` and the root-anchored entries of `.gitignore`
/// (build outputs, the fuzzers' unminimized corpora, which copy the CORE rules on purpose).
fn not_held() -> Vec<PathBuf> {
    let ignore = std::fs::read_to_string(repo().join(".gitignore")).unwrap_or_default();
    ignore
        .lines()
        .filter_map(|l| l.trim().strip_prefix('/'))
        .map(|l| repo().join(l.trim_end_matches('/')))
        .chain([repo().join(".git")])
        .collect()
}

#[test]
fn no_file_in_the_repository_is_a_reference_file() {
    let mut reference = Vec::new();
    walk(standards::reference_dir(), &[], &mut reference);
    let mut known: HashMap<u64, PathBuf> = HashMap::new();
    for p in reference {
        if let Ok(bytes) = std::fs::read(&p)
            && bytes.len() >= SMALLEST
        {
            known.insert(digest(&bytes), p);
        }
    }
    assert!(known.len() > 1000, "the standards folder looks empty");
    let mut ours = Vec::new();
    walk(repo(), &not_held(), &mut ours);
    let mut copies = Vec::new();
    for p in &ours {
        let Ok(bytes) = std::fs::read(p) else {
            continue;
        };
        for part in [&bytes[..], bytes.get(1..).unwrap_or_default()] {
            if part.len() < SMALLEST {
                continue;
            }
            if let Some(r) = known.get(&digest(part))
                && std::fs::read(r).is_ok_and(|b| b == part)
            {
                copies.push(format!("{} is a copy of {}", p.display(), r.display()));
            }
        }
    }
    assert!(ours.len() > 1000, "the repository looks empty");
    assert!(copies.is_empty(), "{}", copies.join("\n"));
}
