//! ## What it checks
//! ADaM variables named like flags (`*FL`: SAFFL, ABLFL, ANL01FL, TRTEMFL) are character
//! with a declared length of 1 when a length is declared. One finding per variable, on the
//! dataset.
//!
//! ## Why it matters
//! Flags hold `Y`, `N` or null; a numeric flag or a 200-byte one breaks the convention
//! programs select on and pads transport files.
//!
//! ## Example
//! `SAFFL` declared as Char length 8 is reported; Char length 1 is not.
//!
//! ## References
//! ADaMIG 1.3 variable naming conventions (`*FL`: character flag, `*FN` its numeric
//! version).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::{Severity, VarType};

pub struct FlagNotCharLength1;

static META: RuleMeta = RuleMeta {
    code: "ADM0031",
    name: "flag_not_char_length_1",
    severity: Severity::Warning,
    summary: "a *FL flag variable is not character of length 1",
    refs: &[],
};

impl Rule for FlagNotCharLength1 {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_adam(input) && !super::named(input, "FL").is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for v in super::named(input, "FL") {
            let problem = match (v.vtype, v.length) {
                (VarType::Num, _) => "is numeric".to_owned(),
                (_, Some(l)) if l != 1 => format!("has length {l}"),
                _ => continue,
            };
            out.dataset(
                &[v.name.as_str()],
                format!("Flag {} {problem}; flags are Char of length 1", v.name),
            );
        }
    }
}
