//! Collects each rule file's `//!` documentation so `trialbridge rules CODE` can print it
//! and the docs never drift from the code: the rule file is the single source.

use std::fmt::Write as _;
use std::path::Path;

const FAMILIES: [&str; 2] = ["sdtm", "adam"];

fn main() {
    let mut out = String::from("pub static DOCS: &[(&str, &str)] = &[\n");
    for family in FAMILIES {
        let dir = Path::new("src").join(family);
        println!("cargo::rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        for path in files {
            let stem = path
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or_default()
                .to_owned();
            if path.extension().and_then(|e| e.to_str()) != Some("rs") || stem == "mod" {
                continue;
            }
            println!("cargo::rerun-if-changed={}", path.display());
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let doc: Vec<&str> = text
                .lines()
                .take_while(|l| l.starts_with("//!"))
                .map(|l| {
                    l.trim_start_matches("//!")
                        .strip_prefix(' ')
                        .unwrap_or(l.trim_start_matches("//!"))
                })
                .collect();
            let _ = writeln!(out, "    ({stem:?}, {:?}),", doc.join("\n"));
        }
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("docs.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
}
