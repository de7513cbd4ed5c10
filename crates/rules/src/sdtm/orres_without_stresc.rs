//! ## What it checks
//! In a findings dataset, a record with a result in --ORRES also has --STRESC.
//!
//! ## Why it matters
//! --STRESC is where every result, numeric or not, is standardized; analyses and ADaM read
//! it, so a result left only in --ORRES is invisible to them.
//!
//! ## Example
//! `LBORRES = "5.2"`, `LBSTRESC` null is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.5.1 (original and standardized results).

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::text;
use model::Severity;

pub struct OrresWithoutStresc;

static META: RuleMeta = RuleMeta {
    code: "SDT0044",
    name: "orres_without_stresc",
    severity: Severity::Error,
    summary: "--ORRES is populated but --STRESC is null",
    refs: &[],
};

impl Rule for OrresWithoutStresc {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        var(input, "ORRES").is_some() && var(input, "STRESC").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let (Some(orres), Some(stresc)) = (var(input, "ORRES"), var(input, "STRESC")) else {
            return;
        };
        let meta = input.dataset.meta();
        let (Some(io), Some(ic)) = (meta.index_of(&orres), meta.index_of(&stresc)) else {
            return;
        };
        for (row, r) in input.dataset.rows().enumerate() {
            let Some(result) = r.get(io).and_then(text) else {
                continue;
            };
            if r.get(ic).and_then(text).is_none() {
                out.record(
                    row,
                    &[
                        (stresc.as_str(), String::new()),
                        (orres.as_str(), result.to_owned()),
                    ],
                    format!("{orres} is `{result}` but {stresc} is null"),
                );
            }
        }
    }
}
