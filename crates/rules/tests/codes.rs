//! `data/codes.tsv` cannot go stale: every code literal of its families in the source is in
//! it, every entry is still raised, and `docs/codes.md` is generated from it.

#![allow(clippy::unwrap_used)]

use rules::raised::{self, FAMILIES};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `"FM0030"`-style literals: one of the families' letters, four digits, in quotes.
fn literals(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for (i, _) in line.match_indices('"') {
        let rest = &line[i + 1..];
        for (letters, _) in FAMILIES {
            let Some(digits) = rest.strip_prefix(letters) else {
                continue;
            };
            let d = digits.as_bytes();
            if d.len() > 4 && d[..4].iter().all(u8::is_ascii_digit) && d[4] == b'"' {
                out.push(&rest[..letters.len() + 4]);
            }
        }
    }
    out
}

/// Code → files raising it, from `crates/*/src` and `src`. Only source counts: a code used
/// in a `#[cfg(test)]` module (by convention at the end of a file), a comment or `tests/` is
/// not raised by the tool.
fn codes_in_source() -> BTreeMap<String, Vec<String>> {
    let root = root();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    for c in std::fs::read_dir(root.join("crates")).unwrap().flatten() {
        rust_files(&c.path().join("src"), &mut files);
    }
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let shown = f.strip_prefix(&root).unwrap().display().to_string();
        for line in text.lines().take_while(|l| l.trim() != "#[cfg(test)]") {
            if line.trim_start().starts_with("//") {
                continue;
            }
            for code in literals(line) {
                let files = found.entry(code.to_owned()).or_default();
                if !files.contains(&shown) {
                    files.push(shown.clone());
                }
            }
        }
    }
    found
}

#[test]
fn every_code_in_the_source_is_registered_and_every_entry_is_raised() {
    let found = codes_in_source();
    let missing: Vec<_> = found
        .keys()
        .filter(|c| raised::lookup(c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "raised but not in crates/rules/data/codes.tsv: {missing:?}"
    );
    let dead: Vec<_> = raised::all()
        .iter()
        .filter(|r| !found.contains_key(r.code))
        .map(|r| r.code)
        .collect();
    assert!(dead.is_empty(), "in codes.tsv but raised nowhere: {dead:?}");
}

#[test]
fn entries_are_unique_and_well_formed() {
    let mut seen = HashSet::new();
    for r in raised::all() {
        assert!(seen.insert(r.code), "{} listed twice", r.code);
        assert!(
            rules::codes::lookup(r.code).is_none(),
            "{} is a catalogue code",
            r.code
        );
        let family = raised::family(r.code);
        assert!(raised::family_name(family).is_some(), "{}: family", r.code);
        assert_eq!(r.code.len() - family.len(), 4, "{}: four digits", r.code);
        assert!(
            ["error", "warning", "notice", "error/warning"].contains(&r.severity),
            "{}: severity {}",
            r.code,
            r.severity
        );
        assert!(!r.summary.is_empty(), "{}: no summary", r.code);
        for f in r.raised_in.split(", ") {
            assert!(root().join(f).is_file(), "{}: no file {f}", r.code);
        }
    }
}

/// `docs/codes.md`: the registry by family.
fn page() -> String {
    let mut out = String::from(
        "# Finding codes outside the rule catalogue\n\n\
         Generated from `crates/rules/data/codes.tsv`; do not edit. The catalogue (`SDT`, `ADM`) \
         is in [rules/](rules/README.md); `trialbridge rules CODE` prints any code.\n",
    );
    for (letters, name) in FAMILIES {
        out.push_str(&format!(
            "\n## {letters} — {name}\n\n| code | severity | summary | raised in |\n|---|---|---|---|\n"
        ));
        for r in raised::all()
            .iter()
            .filter(|r| raised::family(r.code) == letters)
        {
            let summary = r.summary.replace('|', "\\|");
            out.push_str(&format!(
                "| {} | {} | {summary} | {} |\n",
                r.code, r.severity, r.raised_in
            ));
        }
    }
    out
}

/// Regenerate with `UPDATE_DOCS=1 cargo test -p trialbridge-rules --test codes` (`make docs`).
#[test]
fn docs_page_is_up_to_date() {
    let path = root().join("docs/codes.md");
    let want = page();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &want).unwrap();
    } else {
        let have = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(have == want, "docs/codes.md is stale: run `make docs`");
    }
}
