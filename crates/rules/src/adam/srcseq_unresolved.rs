//! ## What it checks
//! Where an ADaM record names its source with SRCDOM and SRCSEQ, and the study being
//! validated includes that SDTM dataset, the subject's record with `--SEQ = SRCSEQ` exists
//! there (`SRCDOM = "AE"`, `SRCSEQ = 3` needs AESEQ 3 for the same USUBJID). Sources in
//! datasets that are not part of the validation, and ADaM sources, are not checked. Every
//! unresolved record is reported.
//!
//! ## Why it matters
//! SRCDOM/SRCSEQ are the traceability from an analysis value back to the collected data; a
//! pointer to a record that does not exist breaks that trace for reviewers.
//!
//! ## Example
//! `SRCDOM = "LB"`, `SRCSEQ = 99` when the subject's LB records have LBSEQ 1–20 is
//! reported.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (SRCDOM, SRCVAR, SRCSEQ: traceability to the source record).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::{RecordIndex, Unresolved};
use crate::values::{column, get, show, text};
use model::Severity;

pub struct SrcseqUnresolved;

static META: RuleMeta = RuleMeta {
    code: "ADM0022",
    name: "srcseq_unresolved",
    severity: Severity::Error,
    summary: "SRCSEQ does not find a record of SRCDOM for the subject",
    refs: &[],
};

impl Rule for SrcseqUnresolved {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_adam(input) && input.has("SRCDOM") && input.has("SRCSEQ") && input.has("USUBJID")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let mut index = RecordIndex::default();
        for (row, dom) in column(input, "SRCDOM") {
            let Some(dom) = text(dom).filter(|d| !crate::sdtm::is_adam_name(d)) else {
                continue;
            };
            let (Some(id), Some(seq)) = (
                get(input, row, "USUBJID").and_then(text),
                get(input, row, "SRCSEQ").filter(|v| crate::values::key(v).is_some()),
            ) else {
                continue;
            };
            let seq_var = format!("{}SEQ", dom.to_ascii_uppercase());
            let seq_shown = show(seq);
            let why = match index.resolve(study, dom, id, Some(&seq_var), Some(&seq_shown)) {
                Ok(()) | Err(Unresolved::Dataset | Unresolved::Variable) => continue,
                Err(Unresolved::Subject) => format!("{dom} has no records of USUBJID `{id}`"),
                Err(Unresolved::Record) => {
                    format!("{dom} has no {seq_var} `{seq_shown}` for USUBJID `{id}`")
                }
            };
            out.record(
                row,
                &[
                    ("SRCSEQ", seq_shown.clone()),
                    ("SRCDOM", dom.to_owned()),
                    ("USUBJID", id.to_owned()),
                ],
                format!("SRCDOM `{dom}`, SRCSEQ `{seq_shown}` does not resolve: {why}"),
            );
        }
    }
}
