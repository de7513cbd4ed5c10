//! CDISC's published CORE rule cases (the standards folder's `cdisc-core/rules`, MIT, from
//! cdisc-org/cdisc-open-rules): for every case whose CORE id one of our rules cites, the
//! records we flag must be exactly the records CDISC's expected results list — on the
//! violating (`negative`) cases and on the conforming (`positive`) ones.

#![allow(clippy::unwrap_used)]

mod common;

use model::Value;
use rules::{Input, RuleSet, Study, codes};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    standards::reference_dir().join("cdisc-core/rules")
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn load_case(data: &Path) -> Vec<Input> {
    let datasets = read_csv(&data.join("_datasets.csv"));
    let variables = read_csv(&data.join("_variables.csv"));
    let mut inputs = Vec::new();
    for row in datasets.iter().skip(1) {
        let file = &row[0];
        let rows = read_csv(&data.join(format!("{}.csv", file.to_lowercase())));
        let Some((header, body)) = rows.split_first() else {
            continue;
        };
        let columns: Vec<String> = header
            .iter()
            .map(|h| {
                let num = variables.iter().any(|v| {
                    v[0].eq_ignore_ascii_case(file)
                        && v[1] == *h
                        && v.get(3).is_some_and(|t| t == "Num")
                });
                if num { format!("{h}:num") } else { h.clone() }
            })
            .collect();
        let values = body
            .iter()
            .map(|r| r.iter().map(|c| Value::Char(c.clone())).collect())
            .collect();
        let ds = common::dataset(&file.to_uppercase(), &columns, values);
        inputs.push(Input::new(format!("{file}.csv"), ds));
    }
    inputs
}

fn expected(results: &Path) -> BTreeSet<(String, String)> {
    read_csv(results)
        .into_iter()
        .skip(1)
        .map(|r| (r[0].to_uppercase(), r[1].clone()))
        .collect()
}

#[test]
fn our_rules_flag_what_core_flags() {
    let mut compared = 0;
    let mut failures = Vec::new();
    for entry in codes::TABLE {
        let meta = entry.rule.meta();
        for core in meta.refs.iter().filter(|r| r.starts_with("CORE-")) {
            let dir = root().join(core);
            if !dir.exists() {
                continue;
            }
            for kind in ["negative", "positive"] {
                let mut cases: Vec<_> = std::fs::read_dir(dir.join(kind))
                    .unwrap()
                    .map(|e| e.unwrap().path())
                    .collect();
                cases.sort();
                for case in cases {
                    let study = Study::new(load_case(&case.join("data")));
                    let found = RuleSet::from_rules(vec![entry.rule]).run(&study);
                    let got: BTreeSet<(String, String)> = found
                        .iter()
                        .map(|f| {
                            (
                                f.dataset.clone().unwrap_or_default(),
                                f.record.map(|r| r.to_string()).unwrap_or_default(),
                            )
                        })
                        .collect();
                    let want = expected(&case.join("results/results.csv"));
                    compared += 1;
                    if got != want {
                        failures.push(format!(
                            "{} vs {core} {kind}/{}: expected {want:?}, got {got:?}",
                            meta.code,
                            case.file_name().unwrap().to_string_lossy()
                        ));
                    }
                }
            }
        }
    }
    assert!(compared >= 30, "only {compared} CORE cases compared");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
