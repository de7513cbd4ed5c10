//! ## What it checks
//! Every DOMAIN value equals the dataset's name (the parent domain for split datasets such
//! as `LBCH` → `LB`), and DOMAIN is never null.
//!
//! ## Why it matters
//! Tools route records by DOMAIN; an AE record labelled `CM` is silently analysed as a
//! medication.
//!
//! ## Example
//! A record in `ae.xpt` with `DOMAIN = "CM"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §2.2, §4.1.7 (split datasets); Pinnacle 21 SD0004.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, show, text};
use model::Severity;

pub struct DomainValueMismatch;

static META: RuleMeta = RuleMeta {
    code: "SDT0002",
    name: "domain_value_mismatch",
    severity: Severity::Error,
    summary: "DOMAIN value differs from the dataset name",
    refs: &["P21:SD0004"],
};

impl Rule for DomainValueMismatch {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("DOMAIN") && !super::is_supp(input)
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let name = input.name().to_ascii_uppercase();
        for (row, v) in column(input, "DOMAIN") {
            match text(v) {
                None => out.record(row, &[("DOMAIN", show(v))], "DOMAIN is null".to_owned()),
                Some(t) if t.chars().count() == 2 && !name.starts_with(t) => {
                    out.record(
                        row,
                        &[("DOMAIN", t.to_owned())],
                        format!("DOMAIN is `{t}` in dataset {name}"),
                    );
                }
                Some(_) => {}
            }
        }
    }
}
