//! ## What it checks
//! At most one record per subject and test has `--BLFL = "Y"` (likewise `--LOBXFL`). A test
//! is --TESTCD together with whichever of --CAT, --SCAT, --SPEC, --METHOD, --POS, --LOC,
//! --LAT, --OBJ and --TPTNUM the dataset has, since a baseline is taken per specimen, body
//! position or time point. Every flagged record of a group with more than one is reported.
//!
//! ## Why it matters
//! Change from baseline needs exactly one baseline; with two, ADaM derivations pick one
//! arbitrarily or fail.
//!
//! ## Example
//! Two `LBTESTCD = "ALT"` records of `S-1` (same LBSPEC) both with `LBBLFL = "Y"`: both are
//! reported.
//!
//! ## References
//! SDTMIG 3.4 §6.3 (Findings: --BLFL, --LOBXFL).

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, key, text};
use model::Severity;
use std::collections::HashMap;

pub struct BaselineFlagNotUnique;

static META: RuleMeta = RuleMeta {
    code: "SDT0049",
    name: "baseline_flag_not_unique",
    severity: Severity::Error,
    summary: "more than one baseline record per subject and test",
    refs: &[],
};

const QUALIFIERS: [&str; 9] = [
    "CAT", "SCAT", "SPEC", "METHOD", "POS", "LOC", "LAT", "OBJ", "TPTNUM",
];

impl Rule for BaselineFlagNotUnique {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("USUBJID")
            && var(input, "TESTCD").is_some()
            && (var(input, "BLFL").is_some() || var(input, "LOBXFL").is_some())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(testcd) = var(input, "TESTCD") else {
            return;
        };
        let quals: Vec<String> = QUALIFIERS.iter().filter_map(|q| var(input, q)).collect();
        for flag in ["BLFL", "LOBXFL"].iter().filter_map(|f| var(input, f)) {
            let mut groups: HashMap<Vec<String>, Vec<usize>> = HashMap::new();
            for (row, v) in column(input, &flag) {
                if text(v) != Some("Y") {
                    continue;
                }
                let (Some(id), Some(code)) = (
                    get(input, row, "USUBJID").and_then(key),
                    get(input, row, &testcd).and_then(key),
                ) else {
                    continue;
                };
                let mut k = vec![id, code];
                k.extend(
                    quals
                        .iter()
                        .map(|q| get(input, row, q).and_then(key).unwrap_or_default()),
                );
                groups.entry(k).or_default().push(row);
            }
            for (k, rows) in groups.iter().filter(|(_, rows)| rows.len() > 1) {
                for &row in rows {
                    out.record(
                        row,
                        &[
                            (flag.as_str(), "Y".to_owned()),
                            ("USUBJID", k[0].clone()),
                            (testcd.as_str(), k[1].clone()),
                        ],
                        format!(
                            "{flag} is `Y` on {} records of USUBJID `{}`, {testcd} `{}`",
                            rows.len(),
                            k[0],
                            k[1]
                        ),
                    );
                }
            }
        }
    }
}
