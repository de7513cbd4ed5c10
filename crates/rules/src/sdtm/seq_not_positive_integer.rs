//! ## What it checks
//! --SEQ is a positive whole number (1, 2, 3 ...) wherever it is populated.
//!
//! ## Why it matters
//! --SEQ is the record key SUPP-- and RELREC refer to through IDVARVAL; fractions, zero or
//! text do not survive the round trip through a character IDVARVAL reliably.
//!
//! ## Example
//! `AESEQ = 2.5`, `AESEQ = 0` and `AESEQ = -1` are reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.2.1 (--SEQ: sequence number).

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, number, show};
use model::Severity;

pub struct SeqNotPositiveInteger;

static META: RuleMeta = RuleMeta {
    code: "SDT0064",
    name: "seq_not_positive_integer",
    severity: Severity::Error,
    summary: "--SEQ is not a positive integer",
    refs: &[],
};

impl Rule for SeqNotPositiveInteger {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        !super::is_supp(input) && var(input, "SEQ").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(seq) = var(input, "SEQ") else { return };
        for (row, v) in column(input, &seq) {
            if v.is_null() {
                continue;
            }
            if !number(v).is_some_and(|n| n >= 1.0 && n.fract() == 0.0) {
                let shown = show(v);
                out.record(
                    row,
                    &[(seq.as_str(), shown.clone())],
                    format!("{seq} `{}` is not a positive integer", shown.trim()),
                );
            }
        }
    }
}
