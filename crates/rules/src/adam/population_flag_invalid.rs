//! ## What it checks
//! In ADSL, every population flag is `Y` or `N` and never null: the ADaMIG's FASFL, SAFFL,
//! ITTFL, PPROTFL, COMPLFL, RANDFL, ENRLFL, and any other `*FL` variable whose label calls
//! it a population flag (`EFFFL` "Efficacy Population Flag", `COMP24FL`). Each distinct bad
//! value is reported once per flag, at its first record, with its count.
//!
//! ## Why it matters
//! A population flag says for every subject whether they are in the population; a null
//! leaves the subject's membership unknown, and denominators differ between programs that
//! read null as N and those that drop it.
//!
//! ## Example
//! `SAFFL = ""` for one subject is reported; `SAFFL = "N"` is not.
//!
//! ## References
//! ADaMIG 1.3 §3.1 (ADSL population indicator variables: Y/N, null not allowed).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::sdtm::tally;
use crate::values::column;
use model::{Severity, ValueRef};

pub struct PopulationFlagInvalid;

static META: RuleMeta = RuleMeta {
    code: "ADM0004",
    name: "population_flag_invalid",
    severity: Severity::Error,
    summary: "an ADSL population flag is not Y or N",
    refs: &[],
};

const IG_FLAGS: [&str; 7] = [
    "FASFL", "SAFFL", "ITTFL", "PPROTFL", "COMPLFL", "RANDFL", "ENRLFL",
];

fn flags(input: &Input) -> Vec<&str> {
    super::named(input, "FL")
        .into_iter()
        .filter(|v| {
            IG_FLAGS.contains(&v.name.to_ascii_uppercase().as_str())
                || v.label.to_ascii_uppercase().contains("POPULATION")
        })
        .map(|v| v.name.as_str())
        .collect()
}

impl Rule for PopulationFlagInvalid {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::structure(input) == Some(super::Structure::Adsl) && !flags(input).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for flag in flags(input) {
            let bad = column(input, flag).filter_map(|(r, v)| match v {
                ValueRef::Char(s) if matches!(s.trim_end(), "Y" | "N") => None,
                ValueRef::Char(s) => Some((r, s.trim_end())),
                _ => Some((r, "")),
            });
            for (value, row, count) in tally(bad) {
                let shown = if value.is_empty() {
                    "null".to_owned()
                } else {
                    format!("`{value}`")
                };
                out.record(
                    row,
                    &[(flag, value.to_owned())],
                    format!("Population flag {flag} is {shown} in {count} records; it must be `Y` or `N`"),
                );
            }
        }
    }
}
