//! ## What it checks
//! In ADaM datasets, each DTYPE value is a term of the extensible DTYPE codelist of CDISC
//! ADaM Controlled Terminology 2021-12-17 (`LOCF`, `WOCF`, `AVERAGE`, `PHANTOM`...),
//! exactly as submitted. Each distinct value is reported once, at its first record, with
//! its count and the term it should be when only case or spacing differs.
//!
//! ## Why it matters
//! DTYPE says how a derived record was made; reviewers rely on the standard terms, and a
//! sponsor extension must be defined in define.xml.
//!
//! ## Example
//! `DTYPE = "locf"` is reported with the hint `LOCF`.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (DTYPE); CDISC ADaM CT 2021-12-17 (DTYPE, C81224).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::{submitted, tally};
use crate::values::column;
use crate::versions::Needs;
use model::Severity;

pub struct DtypeNotInCt;

static META: RuleMeta = RuleMeta {
    code: "ADM0032",
    name: "dtype_not_in_ct",
    severity: Severity::Warning,
    summary: "DTYPE is not in the ADaM CT DTYPE codelist (2021-12-17)",
    refs: &[],
};

impl Rule for DtypeNotInCt {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ct
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_adam(input) && input.has("DTYPE")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(list) = standards::adam_ct().codelist("DTYPE") else {
            return;
        };
        let values = column(input, "DTYPE").filter_map(|(r, v)| Some((r, submitted(v)?)));
        for (value, row, count) in tally(values) {
            if list.contains(value) {
                continue;
            }
            let hint = list
                .lookup_normalized(value)
                .map(|h| format!("; did you mean `{h}`?"))
                .unwrap_or_default();
            out.record(
                row,
                &[("DTYPE", value.to_owned())],
                format!(
                    "DTYPE `{value}` ({count} records) is not in codelist DTYPE (ADaM CT {}){hint}",
                    standards::ADAM_CT_VERSION
                ),
            );
        }
    }
}
