//! ## What it checks
//! In TS, the parameters that count something hold a whole number in TSVAL: `PLANSUB`
//! (planned number of subjects) and `NARMS` (planned number of arms) at least 1, `ACTSUB`
//! (actual number of subjects) at least 0. A record whose TSVALNF gives a null flavor is
//! not checked, nor a null TSVAL (SDT0056's).
//!
//! ## Why it matters
//! Registries and the FDA compare planned with actual enrolment from these records; `300
//! subjects`, `approx. 300` or `300.5` cannot be compared. A warning: no Pinnacle 21 or
//! CORE check of these values is known to us, and the value may be right but written out.
//!
//! ## Example
//! `TSVAL = "300 subjects"` for PLANSUB is reported; `300` is not; `0` is for PLANSUB, not
//! for ACTSUB.
//!
//! ## References
//! SDTMIG 3.4 §7.4.2 (TS) and its trial summary codes appendix (PLANSUB, ACTSUB, NARMS).

use super::ts_agemax_invalid::check_tsval;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct TsCountInvalid;

static META: RuleMeta = RuleMeta {
    code: "SDT0097",
    name: "ts_count_invalid",
    severity: Severity::Warning,
    summary: "TS PLANSUB, ACTSUB or NARMS value is not a whole number of the allowed range",
    refs: &[],
};

fn whole(s: &str) -> Option<u64> {
    s.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| s.parse().ok())
        .flatten()
}

fn positive(s: &str) -> bool {
    whole(s).is_some_and(|n| n >= 1)
}

fn count(s: &str) -> bool {
    whole(s).is_some()
}

impl Rule for TsCountInvalid {
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
            "PLANSUB",
            positive,
            "a whole number of at least 1",
        );
        check_tsval(
            input,
            out,
            "NARMS",
            positive,
            "a whole number of at least 1",
        );
        check_tsval(input, out, "ACTSUB", count, "a whole number");
    }
}
