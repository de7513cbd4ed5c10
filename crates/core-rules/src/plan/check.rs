//! The Check tree as a plan: `all` / `any` / `not` over typed leaf operators. Plans are data;
//! the operators that evaluate them live in `ops`, the row iteration in `exec`.

use crate::error::LoadError;
use serde_json::Value;

/// A boolean combination of leaf checks.
#[derive(Debug, Clone, PartialEq)]
pub enum CheckNode {
    All(Vec<CheckNode>),
    Any(Vec<CheckNode>),
    Not(Box<CheckNode>),
    Leaf(Box<Leaf>),
}

/// One operator applied to one target variable, with CORE's parameters.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Leaf {
    /// The variable checked (`name`); `--` is the dataset's domain prefix.
    pub target: String,
    /// The operator as written (`equal_to`).
    pub operator: String,
    /// `value`: a literal, a list, or the name of a column / operation result.
    pub value: Option<Value>,
    pub value_is_literal: bool,
    pub value_is_reference: bool,
    pub case_insensitive: bool,
    pub type_insensitive: bool,
    pub round_values: bool,
    pub prefix: Option<usize>,
    pub suffix: Option<usize>,
    pub within: Option<Value>,
    pub regex: Option<String>,
    pub date_component: Option<String>,
    pub ordering: Option<String>,
    pub negative: Option<bool>,
}

impl CheckNode {
    /// Every leaf, depth first.
    pub fn leaves(&self) -> Vec<&Leaf> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }

    fn collect<'a>(&'a self, out: &mut Vec<&'a Leaf>) {
        match self {
            CheckNode::All(v) | CheckNode::Any(v) => v.iter().for_each(|n| n.collect(out)),
            CheckNode::Not(n) => n.collect(out),
            CheckNode::Leaf(l) => out.push(l),
        }
    }
}

/// Types a Check tree. Errors carry the key path of the offending node.
pub fn compile(file: &str, check: &Value, path: &str) -> Result<CheckNode, Vec<LoadError>> {
    let mut errors = Vec::new();
    let node = walk(file, check, path, &mut errors);
    match node {
        Some(n) if errors.is_empty() => Ok(n),
        _ => Err(errors),
    }
}

/// The errors [`compile`] would report, for the loader to prefer over vaguer schema errors.
pub fn lint(file: &str, check: &Value, path: &str) -> Vec<LoadError> {
    let mut errors = Vec::new();
    walk(file, check, path, &mut errors);
    errors
}

fn walk(file: &str, v: &Value, path: &str, errors: &mut Vec<LoadError>) -> Option<CheckNode> {
    let Some(obj) = v.as_object() else {
        errors.push(LoadError::new(
            file,
            path,
            "expected a mapping (all/any/not or an operator)",
        ));
        return None;
    };
    for (key, ctor) in [
        ("all", CheckNode::All as fn(_) -> _),
        ("any", CheckNode::Any),
    ] {
        if let Some(items) = obj.get(key) {
            let here = format!("{path}.{key}");
            let Some(items) = items.as_array() else {
                errors.push(LoadError::new(file, here, "expected a list of checks"));
                return None;
            };
            let nodes: Vec<CheckNode> = items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| walk(file, item, &format!("{here}[{i}]"), errors))
                .collect();
            return Some(ctor(nodes));
        }
    }
    if let Some(inner) = obj.get("not") {
        return walk(file, inner, &format!("{path}.not"), errors).map(|n| CheckNode::Not(n.into()));
    }
    leaf(file, obj, path, errors).map(|l| CheckNode::Leaf(Box::new(l)))
}

fn leaf(
    file: &str,
    obj: &serde_json::Map<String, Value>,
    path: &str,
    errors: &mut Vec<LoadError>,
) -> Option<Leaf> {
    let before = errors.len();
    let mut text = |key: &str, required: bool| -> Option<String> {
        match obj.get(key) {
            Some(Value::String(s)) => Some(s.clone()),
            None if !required => None,
            None => {
                errors.push(LoadError::new(file, format!("{path}.{key}"), "missing"));
                None
            }
            Some(other) => {
                errors.push(LoadError::new(
                    file,
                    format!("{path}.{key}"),
                    format!("expected a string, found {other}"),
                ));
                None
            }
        }
    };
    let operator = text("operator", true);
    let target = text("name", false);
    let regex = text("regex", false);
    let date_component = text("date_component", false);
    let ordering = text("ordering", false);
    if let Some(op) = &operator
        && !known_operator(op)
    {
        errors.push(LoadError::new(
            file,
            format!("{path}.operator"),
            format!("unknown operator `{op}`"),
        ));
    }
    let flag = |key: &str| obj.get(key).and_then(Value::as_bool).unwrap_or(false);
    let count = |key: &str| {
        obj.get(key)
            .and_then(Value::as_u64)
            .and_then(|n| usize::try_from(n).ok())
    };
    if errors.len() > before {
        return None;
    }
    Some(Leaf {
        target: target.unwrap_or_default(),
        operator: operator.unwrap_or_default(),
        value: obj.get("value").cloned(),
        value_is_literal: flag("value_is_literal"),
        value_is_reference: flag("value_is_reference"),
        case_insensitive: flag("case_insensitive"),
        type_insensitive: flag("type_insensitive"),
        round_values: flag("round_values"),
        prefix: count("prefix"),
        suffix: count("suffix"),
        within: obj.get("within").cloned(),
        regex,
        date_component,
        ordering,
        negative: obj.get("negative").and_then(Value::as_bool),
    })
}

/// Operators the CORE schema defines (Operator.json); anything else is a typo.
fn known_operator(op: &str) -> bool {
    static NAMES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    let names = NAMES.get_or_init(|| {
        standards::cdisc_core::schema()
            .iter()
            .find(|f| f.name == "Operator.json")
            .and_then(|f| serde_json::from_str::<Value>(f.text).ok())
            .and_then(|s| s["anyOf"].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|alt| {
                alt["properties"]["operator"]["const"]
                    .as_str()
                    .map(str::to_owned)
            })
            .collect()
    });
    names.is_empty() || names.iter().any(|n| n == op)
}
