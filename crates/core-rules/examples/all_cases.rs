//! Runs every bundled rule on every published case (not only the rule's own), to shake out
//! panics and errors on data the rules were not written for:
//! `cargo run --release -p trialbridge-core-rules --example all_cases`.

use core_rules::{Package, RuleBook, Status};
use std::path::PathBuf;

fn main() {
    let root = standards::reference_dir().join("cdisc-core/rules");
    let mut dirs: Vec<PathBuf> = Vec::new();
    for rule in std::fs::read_dir(&root).into_iter().flatten().flatten() {
        for kind in ["positive", "negative"] {
            for case in std::fs::read_dir(rule.path().join(kind))
                .into_iter()
                .flatten()
                .flatten()
            {
                if case.path().join("data").is_dir() {
                    dirs.push(case.path().join("data"));
                }
            }
        }
    }
    dirs.sort();
    let book = RuleBook::bundled();
    let (mut runs, mut errors) = (0usize, 0usize);
    for dir in &dirs {
        let Ok(package) = Package::from_case_dir(dir) else {
            continue;
        };
        let outcome = book.run_all(&package);
        runs += outcome.statuses.len();
        for (id, s) in &outcome.statuses {
            if let Status::Error { cause } = s {
                errors += 1;
                if std::env::var("ALL_CASES_VERBOSE").is_ok() {
                    println!("{id} on {}: {cause}", dir.display());
                }
            }
        }
    }
    println!("{} cases, {runs} rule runs, {errors} errors", dirs.len());
}
