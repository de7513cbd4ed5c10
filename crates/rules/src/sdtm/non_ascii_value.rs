//! ## What it checks
//! Character values contain only printable ASCII.
//!
//! ## Why it matters
//! FDA expects ASCII in submitted datasets; accented letters, curly quotes, `µ` and
//! non-breaking spaces are decoded differently by different tools (the CDISC pilot's own
//! TS has one such byte).
//!
//! ## Example
//! `LBORRESU = "µmol/L"` is reported; write `umol/L`.
//!
//! ## References
//! FDA Study Data Technical Conformance Guide §3.3.2 (ASCII).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::{Severity, Value};

pub struct NonAsciiValue;

static META: RuleMeta = RuleMeta {
    code: "SDT0007",
    name: "non_ascii_value",
    severity: Severity::Warning,
    summary: "character value is not printable ASCII",
    refs: &[],
};

impl Rule for NonAsciiValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, _: &Input) -> bool {
        true
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let vars = &input.dataset.meta.variables;
        for (row, values) in input.dataset.rows.iter().enumerate() {
            for (v, value) in vars.iter().zip(values) {
                let Value::Char(s) = value else { continue };
                if let Some(c) = s.chars().find(|c| !(' '..='~').contains(c)) {
                    out.record(
                        row,
                        &[(&v.name, s.clone())],
                        format!(
                            "{} `{s}` contains the non-ASCII character U+{:04X}",
                            v.name, c as u32
                        ),
                    );
                }
            }
        }
    }
}
