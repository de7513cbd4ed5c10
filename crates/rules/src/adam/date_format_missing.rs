//! ## What it checks
//! In ADaM datasets whose variables carry display formats (XPT, define-backed inputs),
//! numeric dates (`*DT`) have a date format (`DATE9.`, `E8601DA.`, `YYMMDD10.`...) and
//! numeric datetimes (`*DTM`) a datetime format (`DATETIME20.`, `E8601DT.`...). Inputs
//! without any format (CSV) are not checked. One finding per variable, on the dataset.
//!
//! ## Why it matters
//! Without a format a date prints as a day count (`19792`); reviewers opening the dataset
//! cannot read it, and define.xml shows the wrong display.
//!
//! ## Example
//! `TRTSDT` without a format, or with `8.`, is reported; with `DATE9.` it is not.
//!
//! ## References
//! ADaMIG 1.3 variable naming conventions (`*DT`, `*DTM` numeric with date/datetime
//! formats).

use super::{DateKind, date_kind, format_kind};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct DateFormatMissing;

static META: RuleMeta = RuleMeta {
    code: "ADM0027",
    name: "date_format_missing",
    severity: Severity::Warning,
    summary: "a numeric date or datetime has no date or datetime display format",
    refs: &[],
};

impl Rule for DateFormatMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        let vars = &input.dataset.meta().variables;
        super::is_adam(input)
            && vars.iter().any(|v| v.format.is_some())
            && vars.iter().any(|v| date_kind(v).is_some())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for v in &input.dataset.meta().variables {
            let Some(kind) = date_kind(v) else { continue };
            let format = v.format.as_deref().unwrap_or("");
            if format_kind(format) == Some(kind) {
                continue;
            }
            let want = match kind {
                DateKind::Date => "a date format such as DATE9. or E8601DA.",
                DateKind::Datetime => "a datetime format such as DATETIME20. or E8601DT.",
            };
            let has = if format.is_empty() {
                "no format".to_owned()
            } else {
                format!("format `{format}`")
            };
            out.dataset(
                &[v.name.as_str()],
                format!("{} has {has}; it needs {want}", v.name),
            );
        }
    }
}
