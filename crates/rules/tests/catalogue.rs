//! The catalogue keeps its promises: one code per rule, never two rules per code, docs in
//! the fixed template for every rule, and `docs/rules/` generated from them.

#![allow(clippy::unwrap_used)]

use rules::{DOC_SECTIONS, Status, codes, docs_of};
use std::collections::HashSet;
use std::path::Path;

#[test]
fn codes_are_unique_and_match_their_rules() {
    let mut seen = HashSet::new();
    let mut names = HashSet::new();
    for e in codes::TABLE {
        assert!(seen.insert(e.code), "{} listed twice", e.code);
        let meta = e.rule.meta();
        assert_eq!(meta.code, e.code, "table and rule disagree");
        assert!(
            names.insert(meta.name),
            "{} reuses the name {}",
            e.code,
            meta.name
        );
        assert!(!meta.summary.is_empty());
        let family: String = e
            .code
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .collect();
        assert!(
            ["SDT", "ADM", "SI", "DX", "FM", "FH", "RG", "XC"].contains(&family.as_str()),
            "{}",
            e.code
        );
        assert_eq!(e.code.len() - family.len(), 4, "{}: four digits", e.code);
    }
}

#[test]
fn every_rule_has_docs_in_the_template() {
    for e in codes::TABLE {
        let meta = e.rule.meta();
        let doc = docs_of(meta.name)
            .unwrap_or_else(|| panic!("{}: no file named {}.rs with docs", e.code, meta.name));
        let mut last = 0;
        for section in DOC_SECTIONS {
            let at = doc
                .find(section)
                .unwrap_or_else(|| panic!("{}: docs lack `{section}`", e.code));
            assert!(at >= last, "{}: `{section}` out of order", e.code);
            last = at;
        }
        for r in meta.refs {
            let bare = r
                .trim_start_matches("P21:")
                .trim_start_matches("Pinnacle 21 ");
            assert!(
                doc.contains(bare),
                "{}: docs' References do not mention {r}",
                e.code
            );
        }
    }
}

#[test]
fn every_rule_has_a_fixture_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for e in codes::TABLE
        .iter()
        .filter(|e| e.status != Status::Deprecated)
    {
        assert!(
            dir.join(format!("{}.toml", e.code)).exists(),
            "{}: no fixture",
            e.code
        );
    }
}

/// The Markdown page of one rule, as `docs/rules/<CODE>.md` holds it.
fn page(e: &codes::Entry) -> String {
    let m = e.rule.meta();
    format!(
        "# {} — {}\n\n`{}` · severity {} · {:?}\n\n{}\n",
        m.code,
        m.summary,
        m.name,
        m.severity,
        e.status,
        docs_of(m.name).unwrap_or_default()
    )
}

/// Regenerate with `UPDATE_DOCS=1 cargo test -p trialbridge-rules --test catalogue`.
#[test]
fn docs_folder_is_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules");
    let update = std::env::var_os("UPDATE_DOCS").is_some();
    let mut index = String::from(
        "# Rule catalogue\n\nGenerated from the rule files; do not edit.\n\n| code | rule | severity |\n|---|---|---|\n",
    );
    let mut stale = Vec::new();
    for e in codes::TABLE {
        let m = e.rule.meta();
        index.push_str(&format!(
            "| [{0}]({0}.md) | {1} | {2} |\n",
            m.code, m.summary, m.severity
        ));
        let path = dir.join(format!("{}.md", m.code));
        let want = page(e);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &want).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(want.as_str()) {
            stale.push(m.code);
        }
    }
    let index_path = dir.join("README.md");
    if update {
        std::fs::write(&index_path, &index).unwrap();
    } else if std::fs::read_to_string(&index_path).ok().as_deref() != Some(index.as_str()) {
        stale.push("README");
    }
    assert!(
        stale.is_empty(),
        "docs/rules is stale for {stale:?}: run `make docs`"
    );
}

/// The Pinnacle 21 ids the catalogue corresponds to, from the rules' refs and the ids their
/// docs say individual findings cite: `P21 id → our codes`.
fn p21_coverage() -> String {
    use std::collections::BTreeMap;
    let mut ids: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for e in codes::TABLE
        .iter()
        .filter(|e| e.status != Status::Deprecated)
    {
        let m = e.rule.meta();
        let docs = docs_of(m.name).unwrap_or_default();
        let from_docs = docs
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == ':'))
            .filter(|t| t.starts_with("P21:"));
        for id in m.refs.iter().copied().chain(from_docs) {
            if let Some(id) = id.strip_prefix("P21:") {
                let codes = ids.entry(id.to_owned()).or_default();
                if !codes.contains(&m.code) {
                    codes.push(m.code);
                }
            }
        }
    }
    let rows: Vec<String> = ids
        .iter()
        .map(|(id, codes)| format!("{id} ({})", codes.join(", ")))
        .collect();
    format!(
        "  {} Pinnacle 21 ids, each with the rules that correspond to it: {}.\n  ",
        ids.len(),
        rows.join(", ")
    )
}

/// The README's list of covered Pinnacle 21 ids is generated from the rules' refs;
/// `make docs` rewrites it.
#[test]
fn readme_lists_the_p21_ids_covered() {
    const START: &str = "<!-- p21-coverage: generated by `make docs` -->\n";
    const END: &str = "<!-- /p21-coverage -->";
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (Some(a), Some(b)) = (readme.find(START), readme.find(END)) else {
        panic!("README.md has no {START:?} … {END:?} block");
    };
    let want = p21_coverage();
    let current = &readme[a + START.len()..b];
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let updated = format!("{}{want}{}", &readme[..a + START.len()], &readme[b..]);
        std::fs::write(&path, updated).unwrap();
    } else {
        assert_eq!(current, want, "README's P21 list is stale: run `make docs`");
    }
}
