//! Running a compiled rule on a package: pick the datasets in scope, join Match Datasets,
//! compute Operations, evaluate the Check tree column by column, report violating rows.

pub mod child;
mod facts;
pub mod merge;
pub mod operations;
pub mod output;
pub mod relrec;
pub mod supp;
pub mod views;

use crate::error::EvalError;
use crate::frame::Frame;
use crate::ops;
use crate::plan::{CheckNode, CompiledRule};
use model::Finding;
use std::sync::OnceLock;

/// How one rule ended on one package.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Ran on every dataset in scope; nothing violated it.
    Passed,
    /// Violated; the findings, in dataset and record order.
    Failed { findings: Vec<Finding> },
    /// Not run: this interpreter cannot execute the rule (the reason says why).
    Skipped { reason: String },
    /// Could not be evaluated on the data (e.g. an invalid regular expression).
    Error { cause: String },
}

/// A package as the rule types see it: the datasets, their metadata, the study. Only the
/// record frames are built up front; the metadata views are built the first time a rule of
/// their type asks (the value-check view holds one row per value of every variable: on a
/// 1,000,000-row LB it alone took gigabytes when built for every run).
#[derive(Debug)]
pub struct Views<'a> {
    package: &'a crate::package::Package,
    pub data: Vec<Frame>,
    dataset_metadata: OnceLock<Vec<Frame>>,
    variable_metadata: OnceLock<Vec<Frame>>,
    variable_values: OnceLock<Vec<Frame>>,
    study: OnceLock<Frame>,
}

impl<'a> Views<'a> {
    pub fn of(package: &'a crate::package::Package) -> Views<'a> {
        let ds = &package.datasets;
        Views {
            package,
            data: views::unsplit(ds.iter().map(Frame::from_dataset).collect()),
            dataset_metadata: OnceLock::new(),
            variable_metadata: OnceLock::new(),
            variable_values: OnceLock::new(),
            study: OnceLock::new(),
        }
    }

    pub fn study(&self) -> &Frame {
        self.study
            .get_or_init(|| views::study(&self.package.datasets))
    }

    /// The frames a rule of this type runs on, and whether its Scope selects among them.
    fn for_rule_type(&self, rule_type: &str) -> (&[Frame], bool) {
        match rule_type {
            "Dataset Metadata Check" => (
                self.dataset_metadata
                    .get_or_init(|| self.build(views::dataset_metadata)),
                true,
            ),
            "Variable Metadata Check" => (
                self.variable_metadata
                    .get_or_init(|| self.build(views::variable_metadata)),
                true,
            ),
            "Value Check with Variable Metadata" => (
                self.variable_values
                    .get_or_init(|| self.build(views::variable_values)),
                true,
            ),
            "Domain Presence Check" => (std::slice::from_ref(self.study()), false),
            _ => (&self.data, true),
        }
    }

    fn build(&self, view: fn(&model::Dataset) -> Frame) -> Vec<Frame> {
        self.package.datasets.iter().map(view).collect()
    }
}

/// Runs one rule on a package's views.
pub fn run_rule(rule: &CompiledRule, views: &Views) -> Status {
    if let Some(reason) = rule.skip_reason() {
        return Status::Skipped {
            reason: reason.to_owned(),
        };
    }
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let (frames, scoped) = views.for_rule_type(&rule.rule_type);
    for frame in frames
        .iter()
        .filter(|f| !scoped || rule.scope.includes(&f.info))
    {
        match run_on(rule, frame, &views.data) {
            Ok(mut f) => findings.append(&mut f),
            // CORE: a missing column or dataset makes the rule inapplicable to this dataset
            // (an execution error or skip in its report); it yields no findings.
            Err(EvalError::MissingColumn(_) | EvalError::MissingDataset(_)) => {}
            Err(e) => errors.push(format!("{}: {e}", frame.info.name)),
        }
    }
    if !findings.is_empty() {
        Status::Failed { findings }
    } else if !errors.is_empty() {
        Status::Error {
            cause: errors.join("; "),
        }
    } else {
        Status::Passed
    }
}

fn run_on(rule: &CompiledRule, frame: &Frame, all: &[Frame]) -> Result<Vec<Finding>, EvalError> {
    // The study-level view has no keys to join on; CORE ignores Match Datasets there.
    let joins = if rule.rule_type == "Domain Presence Check" {
        &[][..]
    } else {
        &rule.match_datasets[..]
    };
    // Most rules only read the dataset: no copy for them.
    if joins.is_empty() && rule.operations.is_empty() {
        let violating = evaluate(&rule.check, frame)?;
        return Ok(output::findings(rule, frame, &violating));
    }
    let mut work = frame.clone();
    for m in joins {
        work = match (m.child, m.relrec) {
            (true, _) if child::applies(m, &work) => child::join(&work, all)?,
            (true, _) => work,
            (false, true) => relrec::join(&work, m.wildcard.as_deref(), all)?,
            (false, false) => merge::left_join(&work, m, all)?,
        };
    }
    for op in &rule.operations {
        operations::apply(op, &mut work, all)?;
    }
    let violating = evaluate(&rule.check, &work)?;
    Ok(output::findings(rule, &work, &violating))
}

/// Evaluates a Check tree to one boolean per row. Like CORE (its business-rules fork), every
/// branch is evaluated: a missing column under `all` makes the dataset inapplicable, while
/// under `any` a branch naming a missing column counts as false unless every branch does.
pub fn evaluate(node: &CheckNode, frame: &Frame) -> Result<Vec<bool>, EvalError> {
    let n = frame.len();
    match node {
        CheckNode::Leaf(leaf) => ops::evaluate(leaf, frame),
        CheckNode::Not(inner) => Ok(evaluate(inner, frame)?.into_iter().map(|b| !b).collect()),
        CheckNode::All(items) => items.iter().try_fold(vec![true; n], |acc, item| {
            Ok(acc
                .iter()
                .zip(evaluate(item, frame)?)
                .map(|(a, b)| *a && b)
                .collect())
        }),
        CheckNode::Any(items) => {
            let mut acc = vec![false; n];
            let mut missing = None;
            let mut names: Vec<String> = Vec::new();
            let mut answered = false;
            for item in items {
                match evaluate(item, frame) {
                    Ok(v) => {
                        answered = true;
                        acc.iter_mut().zip(v).for_each(|(a, b)| *a = *a || b);
                    }
                    Err(EvalError::MissingColumn(c)) => {
                        names.push(c);
                        missing = Some(());
                    }
                    Err(e) => return Err(e),
                }
            }
            match missing {
                Some(_) if !answered => Err(EvalError::MissingColumn(names.join(", "))),
                _ => Ok(acc),
            }
        }
    }
}
