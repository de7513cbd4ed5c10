//! ## What it checks
//! In TS, a populated TSVAL of `TSPARMCD = "LENGTH"` (trial length) is an ISO 8601
//! duration: `P2Y`, `P52W`. A record whose TSVALNF gives a null flavor is not checked, nor
//! a null TSVAL (SDT0056's). The format is checked as for AGEMAX (SDT0094).
//!
//! ## Why it matters
//! Registries and the FDA read the planned length of the trial from TS; `2 years` or `104`
//! cannot be compared across trials without guessing its unit. An error, as CDISC CORE
//! rates the same check for AGEMAX.
//!
//! ## Example
//! `TSVAL = "2 years"` for LENGTH is reported; `P2Y` is not.
//!
//! ## References
//! SDTMIG 3.4 §7.4.2 (TS) and its trial summary codes appendix (LENGTH as ISO 8601
//! duration); Pinnacle 21 SD1219.

use super::ts_agemax_invalid::{check_tsval, is_iso_duration};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct TsLengthInvalid;

static META: RuleMeta = RuleMeta {
    code: "SDT0096",
    name: "ts_length_invalid",
    severity: Severity::Error,
    summary: "TS LENGTH value is not an ISO 8601 duration",
    refs: &["P21:SD1219"],
};

impl Rule for TsLengthInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "TS" && input.has("TSPARMCD") && input.has("TSVAL")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        check_tsval(
            input,
            out,
            "LENGTH",
            is_iso_duration,
            "an ISO 8601 duration (P2Y)",
        );
    }
}
