//! ## What it checks
//! An ADaM dataset with a numeric coding of a character variable also has the character
//! variable it codes: `*FN` needs `*FL` (SAFFN, SAFFL), `*GRyN` needs `*GRy` (AGEGR1N),
//! `*CATyN` and `*CAyN` need `*CATy` (AVALCAT1N or AVALCA1N, AVALCAT1), `TRTxxPN` and
//! `TRTxxAN` need `TRTxxP` and `TRTxxA`, `TRTPN` and `TRTAN` need `TRTP` and `TRTA`. One
//! finding per secondary variable, on the dataset.
//!
//! ## Why it matters
//! The ADaMIG defines these numeric variables only as codings of their character primary,
//! for sorting and modelling; alone, `AGEGR1N = 2` says nothing a reader can check, and a
//! define.xml decode cannot stand in for the variable. A warning: the coding itself is
//! usable, and adding the primary loses nothing.
//!
//! ## Example
//! ADSL with AGEGR1N and without AGEGR1 is reported; with both it is not.
//!
//! ## References
//! ADaMIG 1.3 (variable naming conventions: `*FL`/`*FN`, `*GRy`/`*GRyN`,
//! `*CATy`/`*CAyN`, `TRTxxP`/`TRTxxPN`); Pinnacle 21 AD1012.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct SecondaryWithoutPrimary;

static META: RuleMeta = RuleMeta {
    code: "ADM0034",
    name: "secondary_without_primary",
    severity: Severity::Warning,
    summary: "a numeric secondary variable (*FN, *GRyN, *CATyN, TRTxxPN...) is present without its primary",
    refs: &["P21:AD1012"],
};

/// The character primary a secondary variable codes, by the ADaMIG naming conventions.
fn primary_of(name: &str) -> Option<String> {
    let stem = name.to_ascii_uppercase().strip_suffix('N')?.to_owned();
    if let Some(flag) = stem.strip_suffix('F').filter(|s| !s.is_empty()) {
        return Some(format!("{flag}FL"));
    }
    let head = stem.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &stem[head.len()..];
    if !digits.is_empty() {
        let grouped = |s: &str| head.len() > s.len() && head.ends_with(s);
        if grouped("GR") || grouped("CAT") {
            return Some(stem.clone());
        }
        if let Some(var) = head.strip_suffix("CA").filter(|s| !s.is_empty()) {
            return Some(format!("{var}CAT{digits}"));
        }
    }
    let trt = stem.strip_prefix("TRT")?;
    let arm = trt.strip_suffix(['P', 'A'])?;
    let period = arm.is_empty() || (arm.len() == 2 && arm.bytes().all(|b| b.is_ascii_digit()));
    period.then_some(stem)
}

fn orphans(input: &Input) -> Vec<(&str, String)> {
    input
        .dataset
        .meta()
        .variables
        .iter()
        .filter_map(|v| Some((v.name.as_str(), primary_of(&v.name)?)))
        .filter(|(_, p)| !input.has(p))
        .collect()
}

impl Rule for SecondaryWithoutPrimary {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        super::is_adam(input)
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for (secondary, primary) in orphans(input) {
            out.dataset(
                &[secondary, primary.as_str()],
                format!("{secondary} is present but its primary variable {primary} is not"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::primary_of;

    #[test]
    fn primaries() {
        let cases = [
            ("SAFFN", Some("SAFFL")),
            ("ANL01FN", Some("ANL01FL")),
            ("AGEGR1N", Some("AGEGR1")),
            ("AVALCAT1N", Some("AVALCAT1")),
            ("AVALCA1N", Some("AVALCAT1")),
            ("TRT01PN", Some("TRT01P")),
            ("TRT01AN", Some("TRT01A")),
            ("TRTPN", Some("TRTP")),
            ("AVISITN", None),
            ("PARAMN", None),
            ("TRTDURN", None),
            ("GR1N", None),
            ("FN", None),
        ];
        for (name, want) in cases {
            assert_eq!(primary_of(name).as_deref(), want, "{name}");
        }
    }
}
