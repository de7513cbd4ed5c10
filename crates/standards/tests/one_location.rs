//! The standards folder has one location, known to one file: `build.rs` resolves it and
//! everything else asks `standards::reference_dir()`. No code, script or config file names
//! it, nor any absolute path of one machine.

#![allow(clippy::unwrap_used, reason = "helpers of a test crate")]

#[path = "../build/parts.rs"]
mod parts;

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// The folder's name as code would spell it, built from pieces so this file does not match.
fn folder_name() -> String {
    ["shared", "standards"].join("/")
}

/// Absolute paths that exist on one machine only, built the same way.
fn machine_paths() -> Vec<String> {
    let mut out: Vec<String> = ["work", "home", "root", "Users"]
        .iter()
        .map(|d| format!("/{d}/"))
        .collect();
    out.push(["C:", "\\"].concat());
    out
}

/// Files that may name the folder, each once.
const MAY_NAME_ONCE: &[&str] = &["crates/standards/build.rs", "Makefile"];

/// Repository files, relative, `/`-separated: what git tracks (a scratch file nobody added is
/// not looked at); without git, a walk of the tree.
fn repository_files(root: &Path) -> Vec<String> {
    let git = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output();
    let mut files: Vec<String> = match git {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout)
            .split('\0')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => {
            let mut out = Vec::new();
            walk(root, root, &mut out);
            out
        }
    };
    // Deleted in the working tree but still in the index.
    files.retain(|f| root.join(f).is_file());
    files.sort();
    files.dedup();
    files
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            let skip = name == "target"
                || name == ".git"
                || name.starts_with(".venv")
                || rel.starts_with("fuzz/corpus");
            if !skip {
                walk(root, &path, out);
            }
        } else {
            out.push(rel);
        }
    }
}

/// Code, scripts and configuration: what could read a file at a path.
fn is_checked(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = name.rsplit_once('.').map(|(_, e)| e);
    matches!(ext, Some("rs" | "py" | "toml" | "sh" | "yml" | "yaml"))
        || name == "Makefile"
        || rel.starts_with(".ci/")
}

#[test]
fn no_file_names_the_standards_folder_or_a_machine_path() {
    let root = workspace();
    let files = repository_files(&root);
    assert!(
        files.iter().any(|f| f == "crates/standards/Cargo.toml"),
        "the file list is incomplete: {} files",
        files.len()
    );
    let folder = folder_name();
    let machine = machine_paths();
    let mut problems = Vec::new();
    for rel in files.iter().filter(|f| is_checked(f)) {
        let text = String::from_utf8_lossy(&std::fs::read(root.join(rel)).unwrap()).into_owned();
        let allowed = if MAY_NAME_ONCE.contains(&rel.as_str()) {
            1
        } else {
            0
        };
        let mut named = 0;
        for (n, line) in text.lines().enumerate() {
            for m in machine.iter().filter(|m| line.contains(m.as_str())) {
                problems.push(format!(
                    "{rel}:{}: machine path `{m}`: {}",
                    n + 1,
                    line.trim()
                ));
            }
            if line.contains(&folder) {
                named += line.matches(&folder).count();
                if named > allowed {
                    problems.push(format!(
                        "{rel}:{}: names the standards folder (use standards::reference_dir(), \
                         or TRIALBRIDGE_STANDARDS in scripts): {}",
                        n + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn the_check_sees_what_it_looks_for() {
    assert!(is_checked("crates/x/src/lib.rs"));
    assert!(is_checked("Makefile") && is_checked("fuzz/Makefile"));
    assert!(is_checked(".ci/run") && is_checked("a/b.yaml") && is_checked("bench/run.py"));
    assert!(!is_checked("README.md") && !is_checked("crates/standards/standards-missing.txt"));
    assert_eq!(folder_name().len(), 16);
    assert_eq!(machine_paths().len(), 5);
}

#[test]
fn reference_dir_holds_the_expected_parts() {
    let dir = standards::reference_dir();
    assert!(dir.is_absolute(), "{}", dir.display());
    assert!(dir.is_dir(), "{}", dir.display());
    for part in parts::PARTS {
        assert!(dir.join(part).exists(), "{} lacks {part}", dir.display());
    }
    // The build stops with this text when a part is missing: it must name each subfolder.
    let help = include_str!("../standards-missing.txt");
    for sub in parts::PARTS.iter().map(|p| p.split('/').next().unwrap()) {
        assert!(
            help.contains(&format!("{sub}/")),
            "standards-missing.txt lacks {sub}/"
        );
    }
}

#[test]
fn embedded_schemas_are_the_reference_files() {
    let dir = standards::reference_dir();
    let same = |rel: &str, embedded: &str| {
        let on_disk = std::fs::read_to_string(dir.join(rel)).unwrap();
        assert!(on_disk == embedded, "{rel} differs from the embedded copy");
    };
    same(
        "fhir/r5/fhir.schema.json",
        standards::reference::fhir_schema_r5(),
    );
    same(
        "fhir/r4/fhir.schema.json",
        standards::reference::fhir_schema_r4(),
    );
    same(
        "dataset-json/schema/dataset.schema.v1.1.json",
        standards::reference::dataset_json_schema_v1_1(),
    );
    for text in [
        standards::reference::fhir_schema_r5(),
        standards::reference::fhir_schema_r4(),
        standards::reference::dataset_json_schema_v1_1(),
    ] {
        serde_json::from_str::<serde_json::Value>(text).unwrap();
    }
}
