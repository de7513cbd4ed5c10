//! Compiling a typed rule into an executable plan. Anything we cannot execute yet compiles
//! to a plan that is skipped with the reason, never to one that silently passes.

pub mod check;
pub mod scope;

use crate::error::LoadError;
use crate::package::Standard;
use crate::rule::RuleDoc;
pub use check::{CheckNode, Leaf};
pub use scope::Scope;
use serde_json::Value;

/// Record: one finding per violating record. Dataset: one per violating dataset. Group: one
/// per group of violating records with the same Grouping_Variables values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sensitivity {
    Record,
    Dataset,
    Group(Vec<String>),
}

/// An Operations entry: computes a column (`id`, e.g. `$distinct_visits`) before the Check runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    /// `distinct` of a variable holding variable names: keep the names RDOMAIN's dataset has.
    pub value_is_reference: bool,
    pub id: String,
    pub operator: String,
    pub name: Option<String>,
    pub domain: Option<String>,
    pub group: Vec<String>,
    pub filter: Vec<(String, Value)>,
}

/// A Match Datasets entry: left join of `name` on `keys` (same name on both sides).
#[derive(Debug, Clone, PartialEq)]
pub struct MatchDataset {
    pub name: String,
    pub keys: Vec<String>,
    /// The dataset under check is a child pointing at parents via RDOMAIN/IDVAR/IDVARVAL.
    pub child: bool,
    /// RELREC relationships (`Name: RELREC` without keys); related columns named with this
    /// wildcard (`**` when absent).
    pub relrec: bool,
    pub wildcard: Option<String>,
}

/// One rule, ready to run.
#[derive(Debug, Clone, PartialEq)]
pub struct CompiledRule {
    pub(crate) id: String,
    pub(crate) file: String,
    pub(crate) description: String,
    pub message: String,
    pub output_variables: Vec<String>,
    pub rule_type: String,
    pub sensitivity: Sensitivity,
    pub standards: Vec<Standard>,
    /// Conformance-rule ids this rule implements (CG, FDA, TIG, SEND ids).
    pub refs: Vec<String>,
    pub scope: Scope,
    pub check: CheckNode,
    pub operations: Vec<Operation>,
    pub match_datasets: Vec<MatchDataset>,
    /// Every text the Check, Outcome and grouping name, when they are all the rule can read
    /// of a joined dataset: a join then carries only those columns (a 1,000,000-row LB joined
    /// to every DM column took gigabytes). None when the rule reads columns named elsewhere
    /// (by Operations, or by the data itself with `value_is_reference`).
    pub mentions: Option<std::collections::HashSet<String>>,
    /// Names the rule qualifies with a dataset (`TV.VISITDY`): see `merge::left_join`.
    pub qualified: std::collections::HashSet<String>,
    pub(crate) skip: Option<String>,
}

impl CompiledRule {
    /// The CORE id (`CORE-000001`), or for a custom rule without one, its file name.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn description(&self) -> &str {
        &self.description
    }

    /// Whether the rule's Authorities cite this standard and version.
    pub fn applies_to(&self, standard: &Standard) -> bool {
        self.standards
            .iter()
            .any(|s| s.name.eq_ignore_ascii_case(&standard.name) && s.version == standard.version)
    }

    /// Why the rule cannot run at all with this interpreter, if it cannot.
    pub fn skip_reason(&self) -> Option<&str> {
        self.skip.as_deref()
    }

    /// The file the rule was loaded from.
    pub fn file(&self) -> &str {
        &self.file
    }
}

/// Types the Check tree, Operations and Match Datasets, and decides whether the rule can run.
pub fn compile(file: &str, doc: RuleDoc) -> Result<CompiledRule, Vec<LoadError>> {
    let check = check::compile(file, &doc.check, "Check")?;
    let mut errors = Vec::new();
    let operations: Vec<Operation> = doc
        .operations
        .iter()
        .enumerate()
        .filter_map(|(i, op)| operation(file, op, i, &mut errors))
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let sensitivity = match doc.sensitivity.as_deref() {
        Some("Dataset") | Some("Study") => Sensitivity::Dataset,
        Some("Group") => Sensitivity::Group(doc.grouping_variables.clone()),
        _ => Sensitivity::Record,
    };
    let mut standards = Vec::new();
    let mut refs: Vec<String> = Vec::new();
    for a in &doc.authorities {
        for s in &a.standards {
            standards.push(Standard::new(s.name.clone(), s.version.clone()));
            for r in &s.references {
                if !refs.contains(&r.rule_identifier.id) {
                    refs.push(r.rule_identifier.id.clone());
                }
            }
        }
    }
    let match_datasets: Vec<MatchDataset> = doc
        .match_datasets
        .iter()
        .map(|m| MatchDataset {
            child: m.child == Some(true),
            relrec: m.name == "RELREC" && m.keys.is_empty(),
            wildcard: m.wildcard.clone(),
            name: m.name.clone(),
            keys: m
                .keys
                .iter()
                .filter_map(|k| k.as_str().map(str::to_owned))
                .collect(),
        })
        .collect();
    let skip = skip_reason(&doc, &check, &operations);
    let texts = mentions_of(&doc.check);
    let mentions = mentions(&doc, &texts, &operations);
    let qualified = texts.into_iter().filter(|s| s.contains('.')).collect();
    let id = doc.core.id.clone().unwrap_or_else(|| file.to_owned());
    Ok(CompiledRule {
        id,
        file: file.to_owned(),
        description: doc.description,
        message: doc.outcome.message,
        output_variables: doc.outcome.output_variables,
        rule_type: doc.rule_type,
        sensitivity,
        standards,
        refs,
        scope: Scope::from_doc(&doc.scope),
        check,
        operations,
        match_datasets,
        mentions,
        qualified,
        skip,
    })
}

/// Every text in a part of the rule.
fn mentions_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().flat_map(mentions_of).collect(),
        Value::Object(m) => m.values().flat_map(mentions_of).collect(),
        _ => Vec::new(),
    }
}

/// Whether a Check names a column through the data (`value_is_reference: true`).
fn refers_through_data(v: &Value) -> bool {
    match v {
        Value::Array(items) => items.iter().any(refers_through_data),
        Value::Object(m) => {
            m.get("value_is_reference") == Some(&Value::Bool(true))
                || m.values().any(refers_through_data)
        }
        _ => false,
    }
}

fn mentions(
    doc: &RuleDoc,
    texts: &[String],
    operations: &[Operation],
) -> Option<std::collections::HashSet<String>> {
    if !operations.is_empty() || refers_through_data(&doc.check) {
        return None;
    }
    let named = doc
        .outcome
        .output_variables
        .iter()
        .chain(&doc.grouping_variables);
    Some(texts.iter().chain(named).cloned().collect())
}

fn operation(file: &str, v: &Value, i: usize, errors: &mut Vec<LoadError>) -> Option<Operation> {
    let path = format!("Operations[{i}]");
    let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let (Some(id), Some(operator)) = (text("id"), text("operator")) else {
        errors.push(LoadError::new(
            file,
            path,
            "an operation needs `id` and `operator`",
        ));
        return None;
    };
    let group = match v.get("group") {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|g| g.as_str().map(str::to_owned))
            .collect(),
        Some(Value::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    };
    let filter = v
        .get("filter")
        .and_then(Value::as_object)
        .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
        .unwrap_or_default();
    Some(Operation {
        value_is_reference: v
            .get("value_is_reference")
            .and_then(Value::as_bool)
            .unwrap_or(false),
        id,
        operator,
        name: text("name"),
        domain: text("domain"),
        group,
        filter,
    })
}

/// The first thing about the rule this interpreter cannot execute, as a reason.
fn skip_reason(doc: &RuleDoc, check: &CheckNode, operations: &[Operation]) -> Option<String> {
    const TYPES: &[&str] = &[
        "Record Data",
        "Dataset Metadata Check",
        "Variable Metadata Check",
        "Value Check with Variable Metadata",
        "Domain Presence Check",
    ];
    if doc.rule_type.contains("Library Metadata") {
        return Some(format!(
            "rule type `{}` needs CDISC Library metadata (not available)",
            doc.rule_type
        ));
    }
    if doc.rule_type.contains("Define XML") {
        return Some(format!(
            "rule type `{}` needs define.xml (not read yet)",
            doc.rule_type
        ));
    }
    if !TYPES.contains(&doc.rule_type.as_str()) {
        return Some(format!("rule type `{}` not implemented yet", doc.rule_type));
    }
    if !doc.check.is_object() {
        return Some("Check is a JSONata expression, not implemented".into());
    }
    for op in operations {
        if let Some(reason) = crate::exec::operations::unsupported(op) {
            return Some(reason);
        }
    }
    for m in &doc.match_datasets {
        if m.is_relationship.is_some() || m.join_type.is_some() {
            return Some("Match Datasets with relationship/join type not implemented yet".into());
        }
        if m.keys.iter().any(|k| !k.is_string()) {
            return Some("Match Datasets with Left/Right keys not implemented yet".into());
        }
    }
    for leaf in check.leaves() {
        if let Some(reason) = crate::ops::unsupported(leaf) {
            return Some(reason);
        }
    }
    if doc.scope.datasets.is_some() || doc.scope.data_structures.is_some() {
        return Some("Scope by Datasets/Data Structures (ADaM) not implemented yet".into());
    }
    None
}
