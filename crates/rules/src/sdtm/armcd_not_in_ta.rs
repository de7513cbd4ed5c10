//! ## What it checks
//! When the study has a TA dataset, DM.ARMCD and DM.ACTARMCD are arms of TA. Codes for
//! subjects outside the planned arms (`SCRNFAIL`, `NOTASSGN`, `NOTTRT`, `UNPLAN`, which
//! earlier IG versions used, in any letter case: the CDISC pilot writes `Scrnfail`) are
//! not reported, nor are nulls.
//!
//! ## Why it matters
//! A subject's arm must be one of the designed arms, or their path through the trial's
//! epochs cannot be known.
//!
//! ## Example
//! TA has arms `PBO` and `XAN_HI`; a DM record with `ARMCD = "XAN_HIGH"` is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM: ARMCD, ACTARMCD, ARMNRS) and §7.2.1 (TA).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;
use std::collections::HashSet;

pub struct ArmcdNotInTa;

static META: RuleMeta = RuleMeta {
    code: "SDT0040",
    name: "armcd_not_in_ta",
    severity: Severity::Error,
    summary: "DM.ARMCD or ACTARMCD is not an arm of TA",
    refs: &[],
};

const OUTSIDE_DESIGN: [&str; 4] = ["SCRNFAIL", "NOTASSGN", "NOTTRT", "UNPLAN"];

impl Rule for ArmcdNotInTa {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && (input.has("ARMCD") || input.has("ACTARMCD"))
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(ta) = study.dataset("TA").filter(|t| t.has("ARMCD")) else {
            return;
        };
        let arms: HashSet<&str> = column(ta, "ARMCD").filter_map(|(_, v)| text(v)).collect();
        for var in ["ARMCD", "ACTARMCD"] {
            for (row, v) in column(input, var) {
                let Some(code) = text(v) else { continue };
                let outside = OUTSIDE_DESIGN.iter().any(|o| o.eq_ignore_ascii_case(code));
                if !arms.contains(code) && !outside {
                    out.record(
                        row,
                        &[(var, code.to_owned())],
                        format!("{var} `{code}` is not an arm of TA"),
                    );
                }
            }
        }
    }
}
