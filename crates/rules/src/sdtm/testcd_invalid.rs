//! ## What it checks
//! --TESTCD values are at most 8 characters of letters, digits and underscores, not
//! starting with a digit.
//!
//! ## Why it matters
//! Test codes become variable names when findings are transposed (and PARAMCD in ADaM);
//! a code that is not a valid SAS name breaks that.
//!
//! ## Example
//! `LBTESTCD = "KL-6"` and `RETESTCD = "FVC PCT"` are reported.
//!
//! ## References
//! SDTMIG 3.4 §4.5.1 (--TESTCD); CDISC conformance rule CG0372; CORE-000220.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use model::Severity;

pub struct TestcdInvalid;

static META: RuleMeta = RuleMeta {
    code: "SDT0024",
    name: "testcd_invalid",
    severity: Severity::Error,
    summary: "--TESTCD is not a valid 8-character code",
    refs: &["CG0372", "CORE-000220"],
};

fn testcd(input: &Input) -> Option<String> {
    let name = format!("{}TESTCD", input.domain());
    input.has(&name).then_some(name)
}

fn valid(s: &str) -> bool {
    let b = s.as_bytes();
    (1..=8).contains(&b.len())
        && !b[0].is_ascii_digit()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
}

impl Rule for TestcdInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        testcd(input).is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(var) = testcd(input) else { return };
        for (row, v) in column(input, &var) {
            let Some(t) = text(v) else { continue };
            let raw = v.as_str().unwrap_or(t);
            if !valid(raw) {
                out.record(
                    row,
                    &[(var.as_str(), raw.to_owned())],
                    format!("{var} `{raw}` must be 1–8 letters, digits or underscores, not starting with a digit"),
                );
            }
        }
    }
}
