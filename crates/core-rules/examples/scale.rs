//! Runs the bundled book on a synthetic SDTMIG 3.4 package of `n` subjects (default 2000) and
//! prints how long it takes: `cargo run --release -p trialbridge-core-rules --example scale -- 5000`.

use core_rules::{Package, RuleBook, Standard};
use model::{Dataset, DatasetMeta, Value, Variable};
use std::time::Instant;

fn dataset(name: &str, vars: &[(&str, bool)], rows: Vec<Vec<Value>>) -> Dataset {
    let mut meta = DatasetMeta::new(name, name);
    meta.variables = vars
        .iter()
        .map(|(v, num)| {
            if *num {
                Variable::num(*v, *v)
            } else {
                Variable::char(*v, *v)
            }
        })
        .collect();
    Dataset::with_rows(meta, rows)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(2000);
    let subject = |i: usize| Value::char(format!("S{i:05}"));
    let dm = dataset(
        "DM",
        &[
            ("STUDYID", false),
            ("DOMAIN", false),
            ("USUBJID", false),
            ("RFSTDTC", false),
            ("AGE", true),
            ("AGEU", false),
            ("SEX", false),
        ],
        (0..n)
            .map(|i| {
                vec![
                    Value::char("S"),
                    Value::char("DM"),
                    subject(i),
                    Value::char("2020-01-01"),
                    Value::Num(40.0),
                    Value::char("YEARS"),
                    Value::char("F"),
                ]
            })
            .collect(),
    );
    let lb = dataset(
        "LB",
        &[
            ("STUDYID", false),
            ("DOMAIN", false),
            ("USUBJID", false),
            ("LBSEQ", true),
            ("LBTESTCD", false),
            ("LBTEST", false),
            ("LBORRES", false),
            ("LBSTRESC", false),
            ("LBSTRESN", true),
            ("LBDTC", false),
            ("VISITNUM", true),
        ],
        (0..n * 10)
            .map(|i| {
                vec![
                    Value::char("S"),
                    Value::char("LB"),
                    subject(i / 10),
                    Value::Num((i % 10) as f64 + 1.0),
                    Value::char(format!("T{}", i % 10)),
                    Value::char(format!("Test {}", i % 10)),
                    Value::char("5"),
                    Value::char("5"),
                    Value::Num(5.0),
                    Value::char("2020-01-02"),
                    Value::Num(1.0),
                ]
            })
            .collect(),
    );
    let package = Package {
        standard: Standard::new("SDTMIG", "3.4"),
        datasets: vec![dm.into(), lb.into()],
    };
    if std::env::var("SCALE_PROFILE").is_ok() {
        let mut times: Vec<(std::time::Duration, String)> = RuleBook::bundled()
            .rules()
            .iter()
            .filter(|r| r.applies_to(&package.standard))
            .map(|r| {
                let t = Instant::now();
                RuleBook::from_rules(vec![r.clone()]).run(&package);
                (t.elapsed(), r.id().to_owned())
            })
            .collect();
        times.sort();
        for (t, id) in times.iter().rev().take(8) {
            println!("{id} {t:.2?}");
        }
    }
    let started = Instant::now();
    let outcome = RuleBook::bundled().run(&package);
    println!(
        "{} rules, {} findings, {} LB rows in {:.2?}",
        outcome.statuses.len(),
        outcome.findings.len(),
        n * 10,
        started.elapsed()
    );
}
