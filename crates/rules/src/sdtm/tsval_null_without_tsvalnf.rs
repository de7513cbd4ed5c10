//! ## What it checks
//! In TS, a record with a null TSVAL has a null flavor in TSVALNF explaining why.
//!
//! ## Why it matters
//! A trial summary parameter without a value says nothing; the ISO 21090 null flavor
//! (`NA`, `UNK`, `PINF` ...) is how TS states that a value is not applicable, unknown or
//! unbounded.
//!
//! ## Example
//! `TSPARMCD = "AGEMAX"`, TSVAL null and TSVALNF null is reported; with `TSVALNF = "PINF"` it
//! is not.
//!
//! ## References
//! SDTMIG 3.4 §7.4.2 (TS: TSVAL, TSVALNF; use of null flavor).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show, text};
use model::Severity;

pub struct TsvalNullWithoutTsvalnf;

static META: RuleMeta = RuleMeta {
    code: "SDT0056",
    name: "tsval_null_without_tsvalnf",
    severity: Severity::Error,
    summary: "TSVAL is null and TSVALNF gives no null flavor",
    refs: &[],
};

impl Rule for TsvalNullWithoutTsvalnf {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "TS" && input.has("TSVAL")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (row, v) in column(input, "TSVAL") {
            if !v.is_null() || get(input, row, "TSVALNF").and_then(text).is_some() {
                continue;
            }
            let parm = get(input, row, "TSPARMCD").map(show).unwrap_or_default();
            out.record(
                row,
                &[("TSVAL", String::new()), ("TSPARMCD", parm.clone())],
                format!(
                    "TSVAL is null for TSPARMCD `{}` and TSVALNF is null",
                    parm.trim()
                ),
            );
        }
    }
}
