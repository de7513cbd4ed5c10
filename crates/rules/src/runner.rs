//! A compiled, immutable rule set and its parallel run.

use crate::codes::{self, Entry};
use crate::rule::{Input, Rule, Sink, Study};
use crate::versions::{self, Needs, Versions};
use model::Finding;
use rayon::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Which rules to run: codes or code prefixes (`SD`, `SD00`, `SD0007`).
#[derive(Debug, Clone, Default)]
pub struct Selection {
    pub select: Vec<String>,
    pub ignore: Vec<String>,
    /// Run preview rules too.
    pub preview: bool,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum RulesError {
    #[error("no rule code starts with `{selector}`{}", suggestion.as_ref().map(|s| format!(" (did you mean `{s}`?)")).unwrap_or_default())]
    UnknownSelector {
        selector: String,
        suggestion: Option<String>,
    },
}

/// The rules chosen for a run, checked once before any data is read. `Send + Sync`.
pub struct RuleSet {
    rules: Vec<&'static dyn Rule>,
}

/// Code of the finding that replaces a rule that panicked.
pub const RULE_PANICKED: &str = "RL0001";

/// Code of the finding for an input file that could not be read at all: in a batch, one
/// broken file is a problem in the data, and the other files are still checked.
pub const INPUT_UNREADABLE: &str = "RL0002";

impl RuleSet {
    pub fn compile(sel: &Selection) -> Result<RuleSet, RulesError> {
        for s in sel.select.iter().chain(&sel.ignore) {
            check_selector(s)?;
        }
        let matches = |list: &[String], code: &str| {
            list.iter()
                .any(|s| code.starts_with(s.to_ascii_uppercase().as_str()))
        };
        let rules = codes::TABLE
            .iter()
            .filter(|e| e.status != crate::Status::Deprecated)
            .filter(|e| {
                e.status == crate::Status::Stable || sel.preview || matches(&sel.select, e.code)
            })
            .filter(|e| sel.select.is_empty() || matches(&sel.select, e.code))
            .filter(|e| !matches(&sel.ignore, e.code))
            .map(|e| e.rule)
            .collect();
        Ok(RuleSet { rules })
    }

    /// A rule set of exactly these rules (for tests and embedding).
    pub fn from_rules(rules: Vec<&'static dyn Rule>) -> RuleSet {
        RuleSet { rules }
    }

    /// Every non-deprecated stable rule.
    pub fn all() -> RuleSet {
        RuleSet {
            rules: codes::TABLE
                .iter()
                .filter(|e| e.status == crate::Status::Stable)
                .map(|e| e.rule)
                .collect(),
        }
    }

    /// The rules of this set that a study's claimed versions keep from running (they need
    /// IG metadata of a version this build does not embed), per family: (SDTM, ADaM).
    pub fn held_back(&self, versions: &Versions) -> (Vec<&'static str>, Vec<&'static str>) {
        let held = |adam: bool| {
            self.rules
                .iter()
                .filter(|r| r.meta().code.starts_with(if adam { "ADM" } else { "SDT" }))
                .filter(|r| !versions::allowed(r.needs(), versions.of(adam)))
                .map(|r| r.meta().code)
                .collect()
        };
        (held(false), held(true))
    }

    /// Whether any rule of the set needs this (the CT, the IG's metadata).
    pub fn uses(&self, needs: Needs) -> bool {
        self.rules.iter().any(|r| r.needs() == needs)
    }

    pub fn codes(&self) -> Vec<&'static str> {
        self.rules.iter().map(|r| r.meta().code).collect()
    }

    /// Runs every rule on every dataset it applies to, in parallel; the result is sorted and
    /// identical from run to run. A rule that panics yields an error finding instead.
    pub fn run(&self, study: &Study) -> Vec<Finding> {
        self.run_with(study, &|_, _| {})
    }

    /// [`RuleSet::run`], calling `progress(done, total)` as (dataset, rule) pairs finish, so a
    /// long rules phase can show that it moves.
    pub fn run_with(
        &self,
        study: &Study,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Vec<Finding> {
        let work: Vec<(&Input, &'static dyn Rule, bool)> = study
            .inputs
            .iter()
            .flat_map(|i| {
                let adam = crate::adam::is_adam(i);
                let claim = study.versions.of(adam);
                self.rules
                    .iter()
                    .filter(move |r| {
                        in_scope(r.meta().code, adam)
                            && versions::allowed(r.needs(), claim)
                            && r.applies(i)
                    })
                    .map(move |r| (i, *r, adam))
            })
            .collect();
        let done = AtomicUsize::new(0);
        let mut findings: Vec<Finding> = work
            .par_iter()
            .flat_map_iter(|(input, rule, adam)| {
                let found = run_one(study, input, *rule);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, work.len());
                let claim = study.versions.of(*adam);
                let soft = rule.needs() == Needs::Ct && !claim.ct_authoritative();
                found
                    .into_iter()
                    .map(move |f| if soft { versions::soften(f, claim) } else { f })
            })
            .collect();
        findings.sort();
        findings.dedup();
        findings
    }
}

/// Rules apply by the dataset's standard: an SDTM rule never looks at an ADaM dataset (on
/// the pilot ADaM package the SDTM arm rule fired on every ADSL record), and the ADaM
/// family decides for itself which datasets are ADaM.
fn in_scope(code: &str, adam: bool) -> bool {
    !(code.starts_with("SDT") && adam)
}

fn run_one(study: &Study, input: &Input, rule: &'static dyn Rule) -> Vec<Finding> {
    let meta = rule.meta();
    let result = catch_unwind(AssertUnwindSafe(|| {
        let mut sink = Sink::new(meta, input);
        rule.check(study, input, &mut sink);
        sink.findings
    }));
    result.unwrap_or_else(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        vec![
            Finding::error(
                RULE_PANICKED,
                format!(
                    "rule {} failed on this dataset and was skipped: {why}",
                    meta.code
                ),
            )
            .in_file(input.file.clone())
            .in_dataset(input.name()),
        ]
    })
}

fn check_selector(s: &str) -> Result<(), RulesError> {
    let up = s.to_ascii_uppercase();
    if codes::TABLE
        .iter()
        .any(|e: &Entry| e.code.starts_with(up.as_str()))
        && !up.is_empty()
    {
        return Ok(());
    }
    let suggestion =
        model::text::did_you_mean(&up, codes::TABLE.iter().map(|e| e.code)).map(str::to_owned);
    Err(RulesError::UnknownSelector {
        selector: s.to_owned(),
        suggestion,
    })
}
