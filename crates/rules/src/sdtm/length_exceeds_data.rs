//! ## What it checks
//! A character variable's declared length (from the XPT header or define.xml) is not longer
//! than its longest value in the dataset (in bytes, trailing blanks not counted; at least 1).
//! One notice per variable, on the dataset. Inputs without declared lengths (CSV) are not
//! checked.
//!
//! ## Why it matters
//! The FDA Study Data Technical Conformance Guide asks that character lengths fit the data:
//! padded columns (every variable at 200) make transport files many times larger than their
//! content, and large files are split or rejected.
//!
//! ## Example
//! AETERM declared with length 200 when its longest value has 46 bytes is reported.
//!
//! ## References
//! SDTMIG 3.4 §3 (dataset and variable metadata); FDA Study Data Technical Conformance Guide
//! (character variable lengths and dataset size).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::trim_end;
use model::{Severity, VarType};

pub struct LengthExceedsData;

static META: RuleMeta = RuleMeta {
    code: "SDT0065",
    name: "length_exceeds_data",
    severity: Severity::Notice,
    summary: "declared character length is longer than the longest value",
    refs: &[],
};

impl Rule for LengthExceedsData {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input
            .dataset
            .meta()
            .variables
            .iter()
            .any(|v| v.vtype == VarType::Char && v.length.is_some())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let vars = &input.dataset.meta().variables;
        for (i, var) in vars.iter().enumerate() {
            let Some(length) = var.length.filter(|_| var.vtype == VarType::Char) else {
                continue;
            };
            let Some(column) = input.dataset.column(i) else {
                continue;
            };
            let longest = column
                .iter()
                .filter_map(|v| Some(trim_end(v.as_str()?).len()))
                .max()
                .unwrap_or(0);
            if length > longest.max(1) {
                out.dataset(
                    &[var.name.as_str()],
                    format!("{} has length {length}, longest value {longest}", var.name),
                );
            }
        }
    }
}
