//! The conformance rule engine.
//!
//! - [`codes::TABLE`] is the one table of rule codes; codes are never reused.
//! - [`raised`] lists every other code the tool raises (site input, formats, define.xml, FHIR,
//!   registry, derivation, engine), from `data/codes.tsv`.
//! - Each rule lives in its own file under a family folder (`sdtm/`, `adam/`), whose `//!` docs
//!   follow a fixed template and are what `trialbridge rules CODE` prints.
//! - Each rule has a fixture in `fixtures/<CODE>.toml` with a case that triggers it and one
//!   that passes; `tests/fixtures.rs` runs them all.
//! - [`RuleSet::compile`] checks a selection once; [`RuleSet::run`] runs rules in parallel
//!   over (dataset, rule) and returns sorted, deterministic findings.
//!
//! Families: `SDT` SDTM and `ADM` ADaM in the catalogue; the others are in [`raised::FAMILIES`].

pub mod adam;
pub mod codes;
mod docs;
pub mod raised;
mod rule;
mod runner;
pub mod sdtm;
mod values;
pub mod versions;

pub use docs::{DOC_SECTIONS, docs_of};
pub use rule::{Input, Rule, RuleMeta, Sink, Status, Study};
pub use runner::{INPUT_UNREADABLE, RULE_PANICKED, RuleSet, RulesError, Selection};
pub use versions::{Claim, Needs, Versions};

/// Whether a dataset is an ADaM one (by name `AD…`, or ADSL/BDS/ADTTE structure): SDTM rules,
/// catalogue and CORE, leave such datasets to the ADaM rules.
pub fn is_adam(input: &Input) -> bool {
    adam::is_adam(input)
}

/// The one-line summary of any code the tool raises outside CDISC CORE: catalogue or not.
pub fn summary_of(code: &str) -> Option<&'static str> {
    codes::lookup(code)
        .map(|e| e.rule.meta().summary)
        .or_else(|| raised::lookup(code).map(|r| r.summary))
}

/// Every code of the catalogue and of [`raised`], for "did you mean".
pub fn all_codes() -> impl Iterator<Item = &'static str> {
    codes::TABLE
        .iter()
        .map(|e| e.code)
        .chain(raised::all().iter().map(|r| r.code))
}
