//! ## What it checks
//! The natural key variables the SDTMIG 3.4 lists for a domain (LB: STUDYID, USUBJID,
//! LBTESTCD, LBSPEC, VISITNUM, LBTPTREF, LBTPTNUM) are present. Required and Expected keys
//! are reported by SDT0069 and SDT0071; this rule reports the permissible ones, as a
//! notice, since the records may still be told apart without them.
//!
//! ## Why it matters
//! The keys are how define.xml says records are unique; when a key variable of the IG is
//! absent, the dataset's key structure must be declared differently and reviewers expect
//! to see why.
//!
//! ## Example
//! An LB dataset without LBSPEC is reported.
//!
//! ## References
//! SDTMIG 3.4 §3.2.1.1 (natural keys) and the domain structures.

use super::Spec;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::{Core, Severity};

pub struct KeyVariableMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0081",
    name: "key_variable_missing",
    severity: Severity::Notice,
    summary: "a permissible key variable of the SDTMIG domain is missing",
    refs: &[],
};

impl Rule for KeyVariableMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ig
    }

    fn applies(&self, input: &Input) -> bool {
        Spec::of(input).is_some_and(|s| s.exact().is_some())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(table) = Spec::of(input).and_then(|s| s.exact()) else {
            return;
        };
        for key in &table.keys {
            let perm = table.variable(key).is_some_and(|v| v.core == Core::Perm);
            if perm && !input.has(key) {
                out.dataset(
                    &[key.as_str()],
                    format!("Key variable {key} of SDTMIG 3.4 {} is missing", table.name),
                );
            }
        }
    }
}
