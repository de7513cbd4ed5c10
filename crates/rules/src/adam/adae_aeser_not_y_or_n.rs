//! ## What it checks
//! In ADAE, AESER is `Y` or `N` (the NY codelist) when populated. Each distinct other value
//! is reported once, at its first record, with its count.
//!
//! ## Why it matters
//! Serious AE tables select on AESER; a value outside Y/N (`Yes`, `1`) falls out of both
//! the serious and the non-serious counts.
//!
//! ## Example
//! `AESER = "Yes"` is reported.
//!
//! ## References
//! ADaM OCCDS v1.1 (AESER copied from SDTM AE, codelist NY).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::tally;
use crate::values::{column, text};
use model::Severity;

pub struct AdaeAeserNotYOrN;

static META: RuleMeta = RuleMeta {
    code: "ADM0025",
    name: "adae_aeser_not_y_or_n",
    severity: Severity::Error,
    summary: "ADAE AESER is not Y or N",
    refs: &[],
};

impl Rule for AdaeAeserNotYOrN {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input) == Some(super::Structure::Adae) && input.has("AESER")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let bad = column(input, "AESER")
            .filter_map(|(r, v)| Some((r, text(v)?)))
            .filter(|(_, s)| !matches!(*s, "Y" | "N"));
        for (value, row, count) in tally(bad) {
            out.record(
                row,
                &[("AESER", value.to_owned())],
                format!("AESER `{value}` ({count} records) must be `Y` or `N`"),
            );
        }
    }
}
