//! `docs/registry.md` ("ASCII for XPT") is the transliteration's specification: every row is
//! checked against `model::ascii::transliterate`, and every fixed spelling of the code is a
//! row of the docs.

#![allow(clippy::unwrap_used)]

use model::ascii::{TABLE, transliterate};
use std::path::Path;

/// (character, written as) of every table row under the `## ASCII for XPT` heading.
fn rows() -> Vec<(char, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/registry.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let section = doc
        .split("\n## ")
        .find(|s| s.starts_with("ASCII for XPT"))
        .expect("an `## ASCII for XPT` section");
    let mut out = Vec::new();
    for line in section.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let Some(hex) = cells.get(1).and_then(|c| c.strip_prefix("U+")) else {
            continue; // the header row
        };
        let c = char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap();
        let written = match cells[2] {
            "(nothing)" => String::new(),
            w => w
                .strip_prefix('`')
                .unwrap()
                .strip_suffix('`')
                .unwrap()
                .to_owned(),
        };
        out.push((c, written));
    }
    out
}

#[test]
fn every_documented_row_is_what_the_code_writes() {
    let rows = rows();
    assert!(rows.len() > 50, "the table was found ({} rows)", rows.len());
    for (c, written) in &rows {
        assert_eq!(
            transliterate(&c.to_string()),
            written.as_str(),
            "U+{:04X} `{c}`",
            *c as u32
        );
    }
}

#[test]
fn every_fixed_spelling_is_documented() {
    let rows = rows();
    for (c, s) in TABLE {
        assert!(
            rows.iter().any(|(d, w)| d == c && w == s),
            "U+{:04X} `{c}` → `{s}` is not a row of docs/registry.md",
            *c as u32
        );
    }
}

#[test]
fn the_issue_examples_in_a_sentence() {
    // Issue 16: ≥, ®, è and ’ made `registry --sdtm` exit 2.
    assert_eq!(
        transliterate("Patients ≥ 18 with Crohn’s disease treated with Humira® at Hôpital Bicêtre"),
        "Patients >= 18 with Crohn's disease treated with Humira(R) at Hopital Bicetre"
    );
}
