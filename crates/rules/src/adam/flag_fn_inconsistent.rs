//! ## What it checks
//! Where a dataset has a flag `*FL` and its numeric version `*FN` (SAFFL and SAFFN), each
//! record pairs `Y` with 1 and `N` with 0, and a null flag with a null number. Every
//! disagreeing record is reported.
//!
//! ## Why it matters
//! The two are the same fact in two types; programs that select on SAFFN = 1 and those
//! that select on SAFFL = "Y" must get the same subjects.
//!
//! ## Example
//! `SAFFL = "Y"` with `SAFFN = 0` is reported.
//!
//! ## References
//! ADaMIG 1.3 variable naming conventions (`*FL` character flag, `*FN` its numeric version:
//! Y=1, N=0).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, number, show, text};
use model::Severity;

pub struct FlagFnInconsistent;

static META: RuleMeta = RuleMeta {
    code: "ADM0005",
    name: "flag_fn_inconsistent",
    severity: Severity::Error,
    summary: "*FL and *FN disagree (Y↔1, N↔0)",
    refs: &[],
};

fn pairs(input: &Input) -> Vec<(String, String)> {
    super::named(input, "FL")
        .into_iter()
        .filter_map(|v| {
            let stem = &v.name[..v.name.len() - 2];
            let n = format!("{stem}FN");
            input.has(&n).then(|| (v.name.clone(), n))
        })
        .collect()
}

impl Rule for FlagFnInconsistent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_adam(input) && !pairs(input).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (fl, fn_) in pairs(input) {
            for row in 0..input.dataset.len() {
                let (Some(f), Some(n)) = (get(input, row, &fl), get(input, row, &fn_)) else {
                    continue;
                };
                let want = match text(f) {
                    Some("Y") => Some(1.0),
                    Some("N") => Some(0.0),
                    Some(_) => continue,
                    None => None,
                };
                if want != number(n) {
                    out.record(
                        row,
                        &[(fn_.as_str(), show(n)), (fl.as_str(), show(f))],
                        format!("{fl} `{}` with {fn_} `{}`", show(f), show(n)),
                    );
                }
            }
        }
    }
}
