//! Runs every rule's fixture (`fixtures/<CODE>.toml`): each case lists the findings the
//! rule must produce, and nothing else may appear. Every rule has a case that triggers it
//! and a case that passes.

#![allow(clippy::unwrap_used)]

mod common;

use model::Value;
use rules::{Input, RuleSet, Study, codes};
use serde::Deserialize;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture {
    case: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    expect: Vec<String>,
    dataset: Vec<Ds>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Ds {
    name: String,
    columns: Vec<String>,
    /// Variable labels; the name is used when absent.
    #[serde(default)]
    labels: Vec<String>,
    rows: Vec<Vec<toml::Value>>,
}

fn value(v: &toml::Value) -> Value {
    match v {
        toml::Value::Integer(i) => Value::Num(*i as f64),
        toml::Value::Float(f) => Value::Num(*f),
        toml::Value::String(s) => Value::Char(s.clone()),
        other => panic!("fixture values are strings or numbers, not {other}"),
    }
}

fn load(code: &str) -> Fixture {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(format!("{code}.toml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_rule_meets_its_fixture() {
    let mut failures = Vec::new();
    for entry in codes::TABLE {
        let fixture = load(entry.code);
        assert!(
            fixture.case.iter().any(|c| !c.expect.is_empty()),
            "{}: no case triggers the rule",
            entry.code
        );
        assert!(
            fixture.case.iter().any(|c| c.expect.is_empty()),
            "{}: no case passes",
            entry.code
        );
        let set = RuleSet::from_rules(vec![entry.rule]);
        for case in &fixture.case {
            let inputs = case
                .dataset
                .iter()
                .map(|d| {
                    let rows = d
                        .rows
                        .iter()
                        .map(|r| r.iter().map(value).collect())
                        .collect();
                    let mut ds = common::dataset(&d.name, &d.columns, rows);
                    for (var, label) in ds.meta.variables.iter_mut().zip(&d.labels) {
                        var.label = label.clone();
                    }
                    Input::new(format!("{}.xpt", d.name.to_lowercase()), ds)
                })
                .collect();
            let found = set.run(&Study::new(inputs));
            let mut got: Vec<String> = found.iter().map(common::key).collect();
            let mut want = case.expect.clone();
            got.sort();
            want.sort();
            if got != want {
                failures.push(format!(
                    "{} `{}`: expected {want:?}, got {got:?}",
                    entry.code, case.name
                ));
            }
            for f in &found {
                assert_eq!(f.code, entry.code);
                assert!(!f.message.is_empty());
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
