//! Build facts the binary carries: the commit it was built from, and the example study's
//! files, so an installed `trialbridge` runs the example from any folder.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The example study: its study file, registry record, site workbooks, mapping and
/// analysis specs, as paths relative to the repository (the study file's relative paths
/// resolve the same way once written out).
const EXAMPLE: &[&str] = &[
    "fixtures/umin000015469.study.toml",
    "fixtures/registry/umin000015469.toml",
    "fixtures/umin000015469/*.xlsx",
    "mappings/umin000015469/*.toml",
    "analyses/umin000015469/*.toml",
];

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo"));
    println!("cargo:rustc-env=TRIALBRIDGE_COMMIT={}", commit(&root));
    println!("cargo:rerun-if-env-changed=TRIALBRIDGE_COMMIT");
    let files = example_files(&root);
    let mut code = String::from("/// (path relative to the repository, bytes)\n");
    code.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for rel in &files {
        let full = root.join(rel);
        println!("cargo:rerun-if-changed={}", full.display());
        let _ = writeln!(code, "    ({rel:?}, include_bytes!({:?})),", full.display());
    }
    code.push_str("];\n");
    for dir in [
        "fixtures/umin000015469",
        "mappings/umin000015469",
        "analyses/umin000015469",
    ] {
        println!("cargo:rerun-if-changed={}", root.join(dir).display());
    }
    std::fs::write(out.join("example_files.rs"), code).expect("OUT_DIR is writable");
}

/// The short commit, `TRIALBRIDGE_COMMIT` when set (a source tarball has no git), else
/// "unknown". Rebuilds when HEAD moves.
fn commit(root: &Path) -> String {
    if let Ok(c) = std::env::var("TRIALBRIDGE_COMMIT") {
        return c;
    }
    let git = root.join(".git");
    println!("cargo:rerun-if-changed={}", git.join("HEAD").display());
    if let Ok(head) = std::fs::read_to_string(git.join("HEAD"))
        && let Some(r) = head.trim().strip_prefix("ref: ")
    {
        println!("cargo:rerun-if-changed={}", git.join(r).display());
        println!(
            "cargo:rerun-if-changed={}",
            git.join("packed-refs").display()
        );
    }
    Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Each pattern's files, sorted; a pattern only globs its last component.
fn example_files(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    for pattern in EXAMPLE {
        let (dir, name) = pattern.rsplit_once('/').expect("patterns have a folder");
        let Some((stem, ext)) = name.split_once("*") else {
            files.push((*pattern).to_owned());
            continue;
        };
        let mut found: Vec<String> = std::fs::read_dir(root.join(dir))
            .unwrap_or_else(|e| panic!("{dir}: {e}"))
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|n| n.starts_with(stem) && n.ends_with(ext))
            .map(|n| format!("{dir}/{n}"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}
