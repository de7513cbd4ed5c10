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
use crate::package::DatasetInfo;
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
    if rule.rule_type == VALUE_CHECK {
        return value_check(rule, views);
    }
    let (frames, scoped) = views.for_rule_type(&rule.rule_type);
    let frames = frames
        .iter()
        .filter(|f| !scoped || rule.scope.includes(&f.info));
    status_of(frames.map(|frame| (frame.info.name.clone(), run_on(rule, frame, &views.data))))
}

const VALUE_CHECK: &str = "Value Check with Variable Metadata";

/// The value-check view (one row per value) is built for one dataset at a time and, for a
/// record-level rule without joins or operations, one variable at a time: never the whole
/// package at once.
fn value_check(rule: &CompiledRule, views: &Views) -> Status {
    let by_variable = rule.match_datasets.is_empty()
        && rule.operations.is_empty()
        && rule.sensitivity == crate::plan::Sensitivity::Record;
    let results = views
        .package
        .datasets
        .iter()
        .map(|ds| (ds, DatasetInfo::of(ds)))
        .filter(|(_, info)| rule.scope.includes(info))
        .flat_map(|(ds, info)| {
            // Built lazily: one variable's view is dropped before the next one is built.
            let frames: Box<dyn Iterator<Item = Frame>> = if by_variable {
                // A dataset read from one file has its record frame: its columns are shared.
                let built = views
                    .data
                    .iter()
                    .find(|f| f.file_names.len() == 1 && f.info.name == info.name);
                Box::new(
                    (0..ds.meta.variables.len())
                        .map(move |i| views::variable_values_of(ds, i, &info, built)),
                )
            } else {
                Box::new(std::iter::once(views::variable_values(ds)))
            };
            frames.map(move |frame| {
                let found = run_on(rule, &frame, &views.data);
                (frame.info.name, found)
            })
        });
    status_of(results)
}

fn status_of(results: impl Iterator<Item = (String, Result<Vec<Finding>, EvalError>)>) -> Status {
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    for (name, result) in results {
        match result {
            Ok(mut f) => findings.append(&mut f),
            // CORE: a missing column or dataset makes the rule inapplicable to this dataset
            // (an execution error or skip in its report); it yields no findings.
            Err(EvalError::MissingColumn(_) | EvalError::MissingDataset(_)) => {}
            Err(e) => errors.push(format!("{name}: {e}")),
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
            (false, false) => {
                merge::left_join(&work, m, all, rule.mentions.as_ref(), &rule.qualified)?
            }
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
