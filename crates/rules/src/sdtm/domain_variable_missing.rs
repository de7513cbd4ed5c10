//! ## What it checks
//! A domain dataset — a standard domain, a split file of one, or a custom domain — has the
//! DOMAIN variable. SUPP-- and RELREC, which name their domain in RDOMAIN, and datasets not
//! recognised as SDTM domains are not checked.
//!
//! ## Why it matters
//! DOMAIN tells a split file (LBCH) which domain it belongs to and is the value RDOMAIN in
//! SUPP-- and RELREC points at; without it, records cannot be related or recombined.
//!
//! ## Example
//! An AE dataset without a DOMAIN column is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.2 (DOMAIN is Required in every domain) and §4.1.7 (split datasets).

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;
use standards::Class;

pub struct DomainVariableMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0079",
    name: "domain_variable_missing",
    severity: Severity::Error,
    summary: "a domain dataset has no DOMAIN variable",
    refs: &[],
};

impl Rule for DomainVariableMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        !input.has("DOMAIN")
            && Spec::of(input)
                .is_some_and(|s| s.known && s.class.is_some_and(|c| c != Class::Relationship))
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        out.dataset(
            &["DOMAIN"],
            format!("Dataset {} has no DOMAIN variable", input.name()),
        );
    }
}
