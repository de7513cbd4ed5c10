//! ## What it checks
//! ARMCD and ACTARMCD values are at most 20 characters.
//!
//! ## Why it matters
//! Arm codes are keys into TA and are printed in tables; the IG limits them to 20 characters
//! so that they stay codes, not descriptions.
//!
//! ## Example
//! `ARMCD = "TACROLIMUS_PREDNISOLONE"` (23 characters) is reported; use `TAC` and put the
//! description in ARM.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM) and §7.2 (TA); CDISC conformance rule CG0153; CORE-000010.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;

pub struct ArmcdTooLong;

static META: RuleMeta = RuleMeta {
    code: "SDT0015",
    name: "armcd_too_long",
    severity: Severity::Error,
    summary: "ARMCD/ACTARMCD longer than 20 characters",
    refs: &["CG0153", "CORE-000010"],
};

impl Rule for ArmcdTooLong {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.has("ARMCD") || input.has("ACTARMCD")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for var in ["ARMCD", "ACTARMCD"] {
            for (row, v) in column(input, var) {
                if let Some(t) = text(v).filter(|t| t.chars().count() > 20) {
                    let n = t.chars().count();
                    out.record(
                        row,
                        &[(var, t.to_owned())],
                        format!("{var} `{t}` has {n} characters; at most 20 are allowed"),
                    );
                }
            }
        }
    }
}
