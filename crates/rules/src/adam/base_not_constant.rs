//! ## What it checks
//! In a BDS dataset, BASE has one value within each USUBJID and PARAMCD (and BASETYPE,
//! when present); null BASE is not counted. The first record that departs from a group's
//! first BASE is reported, once per group.
//!
//! ## Why it matters
//! A subject has one baseline per parameter (and baseline type); several BASE values mean
//! CHG was computed against different baselines within the same analysis.
//!
//! ## Example
//! Subject `S-1`, `SYSBP`: BASE 120 on one record and 118 on another is reported.
//!
//! ## References
//! ADaMIG 1.3 §3.2 (BASE: constant within USUBJID, PARAMCD and BASETYPE).

use super::show_num;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, number};
use model::Severity;
use std::collections::HashMap;

pub struct BaseNotConstant;

static META: RuleMeta = RuleMeta {
    code: "ADM0011",
    name: "base_not_constant",
    severity: Severity::Error,
    summary: "BASE differs within USUBJID, PARAMCD (and BASETYPE)",
    refs: &[],
};

impl Rule for BaseNotConstant {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_bds(input) && input.has("BASE") && input.has("USUBJID")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        // Per group: the first BASE, and whether the group is already reported.
        let mut groups: HashMap<(String, String, String), (f64, bool)> = HashMap::new();
        for (row, v) in column(input, "BASE") {
            let Some(base) = number(v) else { continue };
            let Some(g) = super::baseline_group(input, row) else {
                continue;
            };
            match groups.get_mut(&g) {
                None => {
                    groups.insert(g, (base, false));
                }
                Some((first, reported))
                    if !*reported && (*first - base).abs() > 1e-9 * first.abs().max(1.0) =>
                {
                    *reported = true;
                    out.record(
                        row,
                        &[
                            ("BASE", show_num(base)),
                            ("USUBJID", g.0.clone()),
                            ("PARAMCD", g.1.clone()),
                        ],
                        format!(
                            "BASE `{}` differs from `{}` earlier for USUBJID `{}`, PARAMCD `{}`",
                            show_num(base),
                            show_num(*first),
                            g.0,
                            g.1
                        ),
                    );
                }
                Some(_) => {}
            }
        }
    }
}
