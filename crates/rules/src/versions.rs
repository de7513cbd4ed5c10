//! Which standard and CT versions a package is checked against, and what the rules may
//! conclude when those are not the versions this build embeds.
//!
//! A package claims its versions (on the command line, in a CORE case's `.env`, in its
//! define.xml). Rules that compare with IG metadata (labels, types, required variables) are
//! only right for the version they were built from, so they do not run on a package that
//! claims another; rules that compare with CT still run, but a term missing from the embedded
//! CT is a warning that names both versions, never an error against a version the package
//! does not claim.

use model::{Finding, Severity};

/// What a rule needs beside the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Nothing version-dependent: the rule is right for any version.
    Data,
    /// The IG's metadata (variables, labels, types, core designations, domain tables).
    Ig,
    /// The controlled terminology.
    Ct,
}

/// One family's claim: `SDTMIG 3.1.2` with CT `2011-12-09`, and where each came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// `SDTMIG`, `ADaMIG`, `SENDIG`.
    pub ig: String,
    /// `3.1.2`; `None` when the package names its model but not the IG's version.
    pub version: Option<String>,
    /// `--standard`, `define.xml`, `default`...
    pub from: String,
    /// The CT version the package claims, when it claims one.
    pub ct: Option<String>,
    pub ct_from: Option<String>,
}

impl Claim {
    /// What is checked when the package claims nothing.
    pub fn default_for(ig: &str) -> Claim {
        let version = embedded_ig(ig).map(str::to_owned);
        Claim {
            ig: ig.to_owned(),
            version,
            from: "default".to_owned(),
            ct: None,
            ct_from: None,
        }
    }

    /// `SDTMIG 3.1.2`, or `ADaMIG (version not stated)`.
    pub fn label(&self) -> String {
        match &self.version {
            Some(v) => format!("{} {v}", self.ig),
            None => format!("{} (version not stated)", self.ig),
        }
    }

    /// The IG metadata this build embeds is the claimed version's.
    pub fn ig_embedded(&self) -> bool {
        embedded_ig(&self.ig).is_some_and(|v| self.version.as_deref() == Some(v))
    }

    /// The CT this build embeds for the claimed IG (`SDTM CT 2022-03-25`).
    pub fn embedded_ct(&self) -> Option<(&'static str, &'static str)> {
        if self.ig.eq_ignore_ascii_case("ADaMIG") {
            Some(("ADaM CT", standards::ADAM_CT_VERSION))
        } else if self.ig.eq_ignore_ascii_case("SDTMIG") {
            Some(("SDTM CT", standards::SDTM_CT_VERSION))
        } else {
            None
        }
    }

    /// A term missing from the embedded CT is an error only when that CT is the one the
    /// package claims, or the package claims none and is checked against the embedded IG.
    pub fn ct_authoritative(&self) -> bool {
        match (&self.ct, self.embedded_ct()) {
            (Some(claimed), Some((_, ours))) => claimed == ours,
            (None, Some(_)) => self.ig_embedded(),
            (_, None) => false,
        }
    }

    /// "SDTM CT 2022-03-25 (embedded); the package claims CT 2011-12-09 (define.xml)".
    pub fn ct_versions(&self) -> String {
        let ours = self
            .embedded_ct()
            .map_or_else(|| "no embedded CT".to_owned(), |(n, v)| format!("{n} {v}"));
        match (&self.ct, &self.ct_from) {
            (Some(c), Some(from)) => {
                format!("{ours} (embedded); the package claims CT {c} ({from})")
            }
            (Some(c), None) => format!("{ours} (embedded); the package claims CT {c}"),
            (None, _) => format!("{ours} (embedded); the package claims no CT version"),
        }
    }
}

fn embedded_ig(ig: &str) -> Option<&'static str> {
    if ig.eq_ignore_ascii_case("SDTMIG") {
        Some(standards::SDTMIG_VERSION)
    } else if ig.eq_ignore_ascii_case("ADaMIG") {
        Some(standards::ADAMIG_VERSION)
    } else {
        None
    }
}

/// The claims for the SDTM and the ADaM datasets of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Versions {
    pub sdtm: Claim,
    pub adam: Claim,
}

impl Default for Versions {
    fn default() -> Versions {
        Versions {
            sdtm: Claim::default_for("SDTMIG"),
            adam: Claim::default_for("ADaMIG"),
        }
    }
}

impl Versions {
    pub fn of(&self, adam: bool) -> &Claim {
        if adam { &self.adam } else { &self.sdtm }
    }
}

/// Whether a rule may run on a dataset of this claim.
pub(crate) fn allowed(needs: Needs, claim: &Claim) -> bool {
    needs != Needs::Ig || claim.ig_embedded()
}

/// A CT finding on a package whose CT is not the embedded one: a warning naming both.
pub(crate) fn soften(mut f: Finding, claim: &Claim) -> Finding {
    if f.severity == Severity::Error {
        f.severity = Severity::Warning;
    }
    f.message = format!("{} [checked against {}]", f.message, claim.ct_versions());
    f
}
