//! Which standard and CT versions each family of datasets is checked against: `--standard`
//! and `--ct`, else a CORE case's `.env`, else what a define.xml in the run claims, else the
//! embedded versions. Every report says which were used and, when a claimed version is not
//! embedded, what that changed.

use core_rules::Standard;
use model::Finding;
use rules::{Claim, RuleSet, Versions};
use std::path::PathBuf;

/// A notice at the top of the report: the claimed versions are not the embedded ones.
pub const VERSION_NOT_EMBEDDED: &str = "RL0005";

/// The claims of one run.
pub fn decide(
    forced: Option<&Standard>,
    ct: Option<&str>,
    case: Option<&Standard>,
    defines: &[PathBuf],
) -> Versions {
    let mut v = Versions::default();
    for (path, claimed) in defines.iter().filter_map(|p| Some((p, claimed(p)?))) {
        let claim = v.family_mut(&claimed.ig);
        if claim.from == "default" {
            *claim = Claim {
                ig: claimed.ig,
                version: claimed.version,
                from: format!("define.xml {}", path.display()),
                ct_from: claimed.ct.as_ref().map(|_| "define.xml".to_owned()),
                ct: claimed.ct,
            };
        }
    }
    for (s, from) in [(case, "the case's .env"), (forced, "--standard")] {
        if let Some(s) = s {
            let claim = v.family_mut(&s.name);
            claim.ig.clone_from(&s.name);
            claim.version = Some(s.version.clone());
            claim.from = from.to_owned();
        }
    }
    if let Some(ct) = ct {
        for claim in [&mut v.sdtm, &mut v.adam] {
            claim.ct = Some(ct.to_owned());
            claim.ct_from = Some("--ct".to_owned());
        }
    }
    v
}

trait FamilyMut {
    fn family_mut(&mut self, ig: &str) -> &mut Claim;
}

impl FamilyMut for Versions {
    fn family_mut(&mut self, ig: &str) -> &mut Claim {
        if ig.eq_ignore_ascii_case("ADaMIG") {
            &mut self.adam
        } else {
            &mut self.sdtm
        }
    }
}

fn claimed(path: &PathBuf) -> Option<define::claim::Claimed> {
    let bytes = std::fs::read(path).ok()?;
    let doc = define::read::read(&define::read::decode(bytes).ok()?).ok()?;
    define::claim::claimed(&doc)
}

/// The CORE standard of a claim; a claim without an IG version matches no CORE rule.
pub fn core_standard(claim: &Claim) -> Standard {
    Standard::new(claim.ig.clone(), claim.version.clone().unwrap_or_default())
}

/// One notice per family in the run whose claimed IG or CT is not the embedded one, saying
/// which rules were held back and how CT findings were graded.
pub fn notices(versions: &Versions, ruleset: &RuleSet, families: (bool, bool)) -> Vec<Finding> {
    let (sdtm_held, adam_held) = ruleset.held_back(versions);
    let mut out = Vec::new();
    for (present, claim, held) in [
        (families.0, &versions.sdtm, sdtm_held),
        (families.1, &versions.adam, adam_held),
    ] {
        // Nothing to say when no rule of this run depends on what is missing.
        let ct_matters = !claim.ct_authoritative() && ruleset.uses(rules::Needs::Ct);
        if !present || (held.is_empty() && !ct_matters) {
            continue;
        }
        let mut text = format!("checked as {} ({})", claim.label(), claim.from);
        if !claim.ig_embedded() {
            let ours = Claim::default_for(&claim.ig);
            let embedded = ours
                .version
                .map_or_else(|| "no version".to_owned(), |v| format!("{} {v}", ours.ig));
            text.push_str(&format!(
                ": this build embeds {embedded}, so the {} rule(s) built from IG metadata did not run",
                held.len()
            ));
            if !held.is_empty() {
                text.push_str(&format!(" ({})", held.join(", ")));
            }
        }
        if ct_matters {
            text.push_str(&format!(
                "; CT findings are warnings: {}",
                claim.ct_versions()
            ));
        }
        out.push(Finding::notice(VERSION_NOT_EMBEDDED, text).with_value(claim.label()));
    }
    out
}
