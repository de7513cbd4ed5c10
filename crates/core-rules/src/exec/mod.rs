//! Running a compiled rule on a package: pick the datasets in scope, join Match Datasets,
//! compute Operations, evaluate the Check tree column by column, report violating rows.

pub mod child;
mod facts;
pub mod merge;
pub mod operations;
pub mod output;
mod passes;
pub mod relrec;
pub mod supp;
mod value_check;
pub mod views;

pub use passes::{Views, run};

use crate::error::EvalError;
use crate::frame::Frame;
use crate::ops;
use crate::plan::{CheckNode, CompiledRule};
use model::Finding;

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

const DATASET_METADATA: &str = "Dataset Metadata Check";
const VARIABLE_METADATA: &str = "Variable Metadata Check";
const DOMAIN_PRESENCE: &str = "Domain Presence Check";
const VALUE_CHECK: &str = "Value Check with Variable Metadata";
/// The rule types checked on package-wide views, run in the package pass only.
const PACKAGE_WIDE: [&str; 3] = [DATASET_METADATA, VARIABLE_METADATA, DOMAIN_PRESENCE];

fn run_on(rule: &CompiledRule, frame: &Frame, all: &[Frame]) -> Result<Vec<Finding>, EvalError> {
    // The study-level view has no keys to join on; CORE ignores Match Datasets there.
    let joins = if rule.rule_type == DOMAIN_PRESENCE {
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
        CheckNode::All(items) => items.iter().try_fold(vec![true; n], |mut acc, item| {
            let holds = evaluate_where(item, frame, &acc)?;
            acc.iter_mut().zip(holds).for_each(|(a, b)| *a = *a && b);
            Ok(acc)
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

/// `node`'s answer on the rows where `acc` still holds (other rows' answers are unspecified:
/// `all` discards them). A row-local node is evaluated on those rows alone when they are at
/// most half the frame: after `variable_data_type equal_to Char` a value check reads no
/// numeric variable, and a rare condition leaves the rest of a rule a few rows to look at.
fn evaluate_where(node: &CheckNode, frame: &Frame, acc: &[bool]) -> Result<Vec<bool>, EvalError> {
    if !row_local(node, frame) || acc.iter().filter(|&&a| a).count() * 2 > acc.len() {
        return evaluate(node, frame);
    }
    let rows: Vec<usize> = (0..acc.len()).filter(|&r| acc[r]).collect();
    let mut out = vec![false; acc.len()];
    let on_rows = evaluate(node, &frame.take_rows(&rows))?;
    rows.iter().zip(on_rows).for_each(|(&r, b)| out[r] = b);
    Ok(out)
}

fn row_local(node: &CheckNode, frame: &Frame) -> bool {
    match node {
        CheckNode::Leaf(leaf) => ops::row_local(leaf, frame),
        CheckNode::Not(inner) => row_local(inner, frame),
        CheckNode::All(items) | CheckNode::Any(items) => items.iter().all(|i| row_local(i, frame)),
    }
}

#[cfg(test)]
mod tests;
