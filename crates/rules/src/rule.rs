//! What a rule is, and the study it looks at.

use crate::versions::{Needs, Versions};
use model::{Finding, Severity};
use table::Table;

/// A rule's lifecycle. Codes are never reused: a retired rule stays `Deprecated`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Preview,
    Stable,
    Deprecated,
}

/// Fixed facts about a rule. `name` is also the rule's file name.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
    /// CDISC conformance rule ids (`CG0150`), CORE ids (`CORE-000186`), Pinnacle 21 ids (`P21:SD0004`).
    pub refs: &'static [&'static str],
}

/// One conformance check. Rules are pure: they read the study and push findings.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;

    /// Whether the rule looks at this dataset at all (by name, class or variables).
    fn applies(&self, input: &Input) -> bool;

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>);

    /// What the rule compares the data with: a rule built from the IG's metadata does not run
    /// on a package that claims another IG version, and CT findings soften to warnings when
    /// the package claims another CT (see [`crate::versions`]).
    fn needs(&self) -> Needs {
        Needs::Data
    }
}

/// One dataset as the rules see it: the file it was read from or will be written to. The
/// dataset's provenance names the workbook cell behind each mapped value, so a finding can
/// point at the cell a data manager must fix.
#[derive(Debug, Clone)]
pub struct Input {
    pub file: String,
    pub dataset: Table,
}

impl Input {
    pub fn new(file: impl Into<String>, dataset: impl Into<Table>) -> Input {
        Input {
            file: file.into(),
            dataset: dataset.into(),
        }
    }

    pub fn name(&self) -> &str {
        &self.dataset.meta().name
    }

    /// The two-letter domain prefix of variable names: `AE` for AE, the parent for SUPPAE.
    pub fn domain(&self) -> &str {
        let n = self.name();
        n.strip_prefix("SUPP").filter(|_| n.len() > 4).unwrap_or(n)
    }

    pub fn has(&self, variable: &str) -> bool {
        self.dataset.meta().index_of(variable).is_some()
    }
}

/// Every dataset of a submission, looked up by name.
#[derive(Debug, Default)]
pub struct Study {
    pub inputs: Vec<Input>,
    /// The standard and CT versions each family of datasets is checked against.
    pub versions: Versions,
}

impl Study {
    pub fn new(inputs: Vec<Input>) -> Study {
        Study {
            inputs,
            versions: Versions::default(),
        }
    }

    pub fn with_versions(mut self, versions: Versions) -> Study {
        self.versions = versions;
        self
    }

    pub fn dataset(&self, name: &str) -> Option<&Input> {
        self.inputs
            .iter()
            .find(|i| i.name().eq_ignore_ascii_case(name))
    }
}

/// Where a rule writes its findings; fills in the rule's code, severity, references and the
/// dataset's location, so the rule only says what is wrong.
pub struct Sink<'a> {
    meta: &'static RuleMeta,
    input: &'a Input,
    pub(crate) findings: Vec<Finding>,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(meta: &'static RuleMeta, input: &'a Input) -> Sink<'a> {
        Sink {
            meta,
            input,
            findings: Vec::new(),
        }
    }

    fn base(&self, message: String) -> Finding {
        let mut f = Finding::new(self.meta.code, self.meta.severity, message)
            .in_file(self.input.file.clone())
            .in_dataset(self.input.name());
        f.refs = self.meta.refs.iter().map(|r| (*r).to_owned()).collect();
        f
    }

    /// A finding about the dataset as a whole (or its metadata).
    pub fn dataset(&mut self, variables: &[&str], message: String) {
        let mut f = self.base(message);
        f.variables = variables.iter().map(|v| (*v).to_owned()).collect();
        self.findings.push(f);
    }

    /// Cites a rule (e.g. the CORE rule checking the same thing) on the last finding only: a
    /// rule whose findings each match a different CORE rule cites it per finding, so that only
    /// the CORE finding on the same record and variable is dropped as a duplicate.
    pub fn cite_last(&mut self, reference: &str) {
        if let Some(f) = self.findings.last_mut() {
            f.refs.push(reference.to_owned());
        }
    }

    /// Grades the last finding otherwise than the rule's severity, for the one case the rule
    /// knows is not what its severity says (a CT publication's own oddity is a notice).
    pub fn grade_last(&mut self, severity: Severity) {
        if let Some(f) = self.findings.last_mut() {
            f.severity = severity;
        }
    }

    /// A finding about one record (0-based `row`), naming the variables and values involved.
    /// The first variable's source cell, when known, becomes the finding's source.
    pub fn record(&mut self, row: usize, cells: &[(&str, String)], message: String) {
        let mut f = self.base(message).at_record(row as u64 + 1);
        for (var, value) in cells {
            f.variables.push((*var).to_owned());
            f.values.push(value.clone());
        }
        let first = cells
            .first()
            .and_then(|(v, _)| self.input.dataset.meta().index_of(v));
        if let Some(src) = first.and_then(|col| self.input.dataset.provenance.get(row, col)) {
            f.source = Some(src);
        }
        self.findings.push(f);
    }
}
