//! ## What it checks
//! Within a dataset, each --TESTCD has one --TEST and each --TEST one --TESTCD (for every
//! `xxTESTCD`/`xxTEST` pair the dataset has, so IETESTCD in TI too). Each conflicting pairing
//! is reported once, at its first record.
//!
//! ## Why it matters
//! --TESTCD is the key analyses and ADaM PARAMCD derive from and --TEST the name reviewers
//! read; when they are not one-to-one one test shows under two names or two tests merge.
//!
//! ## Example
//! `LBTESTCD = "GLUC"` with `LBTEST = "Glucose"` in one record and `"Glucose, fasting"` in
//! another: the first record of each pairing is reported.
//!
//! ## References
//! SDTMIG 3.4 §6.3 (Findings: --TESTCD, --TEST).

use super::not_one_to_one;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct TestTestcdNotOneToOne;

static META: RuleMeta = RuleMeta {
    code: "SDT0042",
    name: "test_testcd_not_one_to_one",
    severity: Severity::Error,
    summary: "--TEST and --TESTCD are not one-to-one within the dataset",
    refs: &[],
};

/// `(xxTESTCD, xxTEST)` pairs the dataset has.
fn pairs(input: &Input) -> Vec<(String, String)> {
    input
        .dataset
        .meta()
        .variables
        .iter()
        .filter_map(|v| {
            let up = v.name.to_ascii_uppercase();
            let base = up.strip_suffix("TESTCD")?;
            let test = format!("{base}TEST");
            input.has(&test).then(|| (up.clone(), test))
        })
        .collect()
}

impl Rule for TestTestcdNotOneToOne {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        !pairs(input).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (code, name) in pairs(input) {
            for p in not_one_to_one(input, &code, &name) {
                let others: Vec<String> = p.partners.iter().map(|s| format!("`{s}`")).collect();
                if p.a_has_many {
                    out.record(
                        p.row,
                        &[(name.as_str(), p.b.clone()), (code.as_str(), p.a.clone())],
                        format!(
                            "{code} `{}` has several {name} values: {}",
                            p.a,
                            others.join(", ")
                        ),
                    );
                } else {
                    out.record(
                        p.row,
                        &[(code.as_str(), p.a.clone()), (name.as_str(), p.b.clone())],
                        format!(
                            "{name} `{}` has several {code} values: {}",
                            p.b,
                            others.join(", ")
                        ),
                    );
                }
            }
        }
    }
}
