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

/// Every file under `dir`, leaving out folders named in `skip`.
fn walk(dir: &Path, skip: &[&str], out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            if !skip.iter().any(|s| name == *s || name.starts_with(".venv")) {
                walk(&path, skip, out);
            }
        } else {
            out.push(path);
        }
    }
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
    let outputs = [".git", "target", "trialbridge-out", "node_modules"];
    walk(repo(), &outputs, &mut ours);
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
