//! ## What it checks
//! In SUPP-- datasets, no two records share RDOMAIN, USUBJID (or POOLID), IDVAR, IDVARVAL and
//! QNAM. Every record of a duplicated key is reported.
//!
//! ## Why it matters
//! A supplemental qualifier is one value of one variable of one parent record; two values
//! for the same key cannot be merged back onto the parent, and which one is right is unknown.
//!
//! ## Example
//! Two SUPPAE records for `S-1`, `IDVAR = "AESEQ"`, `IDVARVAL = "3"`, `QNAM = "AETRTEM"`:
//! both are reported.
//!
//! ## References
//! SDTMIG 3.4 §8.4.1 (supplemental qualifiers: SUPP-- structure and keys).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, key, show};
use model::Severity;
use std::collections::HashMap;

pub struct SuppDuplicateQualifier;

static META: RuleMeta = RuleMeta {
    code: "SDT0050",
    name: "supp_duplicate_qualifier",
    severity: Severity::Error,
    summary: "duplicate SUPP-- record for one parent record and QNAM",
    refs: &[],
};

impl Rule for SuppDuplicateQualifier {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_supp(input) && input.has("QNAM")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let mut seen: HashMap<[String; 6], Vec<usize>> = HashMap::new();
        for row in 0..input.dataset.len() {
            let k = |var: &str| get(input, row, var).and_then(key).unwrap_or_default();
            let qnam = k("QNAM");
            if qnam.is_empty() {
                continue;
            }
            let id = [
                k("RDOMAIN"),
                k("USUBJID"),
                k("POOLID"),
                k("IDVAR"),
                k("IDVARVAL"),
                qnam,
            ];
            seen.entry(id).or_default().push(row);
        }
        for (k, rows) in seen.iter().filter(|(_, rows)| rows.len() > 1) {
            let who = if k[1].is_empty() { &k[2] } else { &k[1] };
            for &row in rows {
                let idvarval = get(input, row, "IDVARVAL").map(show).unwrap_or_default();
                out.record(
                    row,
                    &[
                        ("QNAM", k[5].clone()),
                        ("IDVAR", k[3].clone()),
                        ("IDVARVAL", idvarval),
                    ],
                    format!(
                        "QNAM `{}` occurs {} times for `{who}`, IDVAR `{}`, IDVARVAL `{}`",
                        k[5],
                        rows.len(),
                        k[3],
                        k[4]
                    ),
                );
            }
        }
    }
}
