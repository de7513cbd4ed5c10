//! ## What it checks
//! In a SUPP-- dataset named for its parent (SUPPAE), RDOMAIN is that parent (`AE`). For the
//! supplemental dataset of a split domain (SUPPLBCH) the parent domain's two letters (`LB`)
//! are accepted. A combined SUPPQUAL is not checked.
//!
//! ## Why it matters
//! RDOMAIN is how a merge finds the parent; a SUPPAE record pointing at CM is either in the
//! wrong file or carries the wrong RDOMAIN, and is lost either way.
//!
//! ## Example
//! A SUPPAE record with `RDOMAIN = "CM"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §8.4.1 (SUPP--: RDOMAIN) and §8.4.2 (submitting supplemental qualifiers in
//! separate datasets).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, show, text};
use model::Severity;

pub struct SuppRdomainMismatch;

static META: RuleMeta = RuleMeta {
    code: "SDT0051",
    name: "supp_rdomain_mismatch",
    severity: Severity::Error,
    summary: "RDOMAIN differs from the parent the SUPP-- dataset is named for",
    refs: &[],
};

impl Rule for SuppRdomainMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_supp(input)
            && !input.name().eq_ignore_ascii_case("SUPPQUAL")
            && input.has("RDOMAIN")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let parent = input.domain().to_ascii_uppercase();
        for (row, v) in column(input, "RDOMAIN") {
            let r = text(v).map(str::to_ascii_uppercase).unwrap_or_default();
            let split = parent.len() > 2 && r.len() == 2 && parent.starts_with(&r);
            if r != parent && !split {
                let shown = show(v);
                out.record(
                    row,
                    &[("RDOMAIN", shown.clone())],
                    format!(
                        "RDOMAIN `{}` in {} must be `{parent}`",
                        shown.trim(),
                        input.name()
                    ),
                );
            }
        }
    }
}
