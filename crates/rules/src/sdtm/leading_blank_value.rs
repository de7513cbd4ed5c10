//! ## What it checks
//! No character value starts with a blank (a space, a tab or any other white space). Every
//! such value of a character variable is reported, in any SDTM dataset; a value of only
//! blanks in a text source (CSV, workbook) is reported too, as CDISC CORE does. Numeric
//! variables are not looked at.
//!
//! ## Why it matters
//! SAS and review tools compare text exactly: `" CDISC001"` is another subject than
//! `"CDISC001"`, and `" MILD"` is not a term of AESEV. The blank usually comes from a
//! concatenation or a padded CRF export and is invisible in a listing.
//!
//! ## Example
//! `USUBJID = " CDISC001"` in CM is reported; `CMTRT = "ASPIRIN   "` is not (trailing
//! blanks are transport padding).
//!
//! ## References
//! FDA business rule FDAB015 (no leading spaces in character values); CORE-000867;
//! Pinnacle 21 SD1021.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::{Severity, ValueRef, VarType};

pub struct LeadingBlankValue;

static META: RuleMeta = RuleMeta {
    code: "SDT0083",
    name: "leading_blank_value",
    severity: Severity::Warning,
    summary: "character value starts with a blank",
    refs: &["P21:SD1021", "CORE-000867"],
};

impl Rule for LeadingBlankValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input
            .dataset
            .meta()
            .variables
            .iter()
            .any(|v| v.vtype == VarType::Char)
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let vars = &input.dataset.meta().variables;
        let text = vars
            .iter()
            .enumerate()
            .filter(|(_, v)| v.vtype == VarType::Char);
        // Column by column, as the table stores them.
        for (i, v) in text {
            let Some(column) = input.dataset.column(i) else {
                continue;
            };
            for (row, value) in column.iter().enumerate() {
                let ValueRef::Char(s) = value else { continue };
                if !s.starts_with(char::is_whitespace) {
                    continue;
                }
                let what = if s.trim().is_empty() {
                    "holds only blanks"
                } else {
                    "starts with a blank"
                };
                out.record(
                    row,
                    &[(&v.name, s.to_owned())],
                    format!("{} `{s}` {what}", v.name),
                );
            }
        }
    }
}
