//! ## What it checks
//! In TS, a populated TSVAL of `TSPARMCD = "AGEMIN"` (planned minimum age of subjects) is
//! an ISO 8601 duration: `P18Y`, `P6M`. A record whose TSVALNF gives a null flavor is not
//! checked, nor a null TSVAL (SDT0056's). The format is checked as for AGEMAX (SDT0094).
//!
//! ## Why it matters
//! Registries and the FDA read the eligible age range from TS; `18` or `18 years` cannot be
//! read as an age without guessing its unit. An error, as CDISC CORE rates the same check
//! for AGEMAX.
//!
//! ## Example
//! `TSVAL = "18"` for AGEMIN is reported; `P18Y` is not.
//!
//! ## References
//! SDTMIG 3.4 §7.4.2 (TS) and its trial summary codes appendix (AGEMIN as ISO 8601
//! duration); Pinnacle 21 SD1217.

use super::ts_agemax_invalid::{check_tsval, is_iso_duration};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct TsAgeminInvalid;

static META: RuleMeta = RuleMeta {
    code: "SDT0095",
    name: "ts_agemin_invalid",
    severity: Severity::Error,
    summary: "TS AGEMIN value is not an ISO 8601 duration",
    refs: &["P21:SD1217"],
};

impl Rule for TsAgeminInvalid {
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
            "AGEMIN",
            is_iso_duration,
            "an ISO 8601 duration (P18Y)",
        );
    }
}
