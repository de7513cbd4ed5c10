//! ## What it checks
//! Every record of a BDS dataset (including ADTTE) has AVAL or AVALC populated. Each
//! parameter with such records is reported once, at its first record, with the count.
//!
//! ## Why it matters
//! A BDS record is one analysis value; a record without one contributes nothing to the
//! analysis and usually means a derivation failed for it.
//!
//! ## Example
//! A record with `AVAL` and `AVALC` both null is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (AVAL and AVALC: at least one populated per record).

use super::txt;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::tally;
use model::Severity;

pub struct AvalAvalcNull;

static META: RuleMeta = RuleMeta {
    code: "ADM0015",
    name: "aval_avalc_null",
    severity: Severity::Warning,
    summary: "a BDS record has neither AVAL nor AVALC",
    refs: &[],
};

impl Rule for AvalAvalcNull {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_bds(input)
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let empty = (0..input.dataset.len())
            .filter(|&r| super::num(input, r, "AVAL").is_none() && txt(input, r, "AVALC").is_none())
            .map(|r| (r, txt(input, r, "PARAMCD").unwrap_or("")));
        for (param, row, count) in tally(empty) {
            out.record(
                row,
                &[("AVAL", String::new()), ("PARAMCD", param.to_owned())],
                format!("PARAMCD `{param}` has {count} records with neither AVAL nor AVALC"),
            );
        }
    }
}
