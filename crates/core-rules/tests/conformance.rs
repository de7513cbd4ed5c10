//! CORE conformance: every bundled rule runs on every one of its published test cases
//! (`positive/NN` conforming, `negative/NN` violating) and our findings must equal CDISC's
//! `results/results.csv` exactly, as a set of (Dataset, Record, Variable, Value) rows.
//!
//! A rule passes when all its cases match. A rule that fails must be listed, with the reason,
//! in `known-differences.toml`; a listed rule that passes fails the test (the list cannot go
//! stale). Statically unsupported rules must report `Skipped`, never pass silently.
//! Set `CORE_CONFORMANCE_REPORT=<file>` to write every mismatch in detail.

mod support;

use core_rules::{CompiledRule, Package, RuleBook, Standard, Status};
use rayon::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;
use support::{Row, actual, case_name, cases, expected, rules_dir};

#[derive(Debug, Deserialize)]
struct KnownDifferences {
    #[serde(default)]
    difference: Vec<Difference>,
}

#[derive(Debug, Deserialize)]
struct Difference {
    rule: String,
    case: String,
    why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Outcome {
    Passing,
    Skipped,
    NoCases,
    FailingKnown,
    Failing,
}

struct RuleResult {
    id: String,
    outcome: Outcome,
    sdtmig34: bool,
    skip: Option<String>,
    /// Known-difference entries naming a case that matches.
    stale_cases: Vec<String>,
    /// Failing cases: (case, detail).
    mismatches: Vec<(String, String)>,
}

fn check_rule(rule: &CompiledRule, known: &BTreeMap<String, Vec<&Difference>>) -> RuleResult {
    let sdtmig34 = rule.applies_to(&Standard::new("SDTMIG", "3.4"));
    let dir = rules_dir().join(rule.id());
    let book = RuleBook::from_rules(vec![rule.clone()]);
    let mut mismatches = Vec::new();
    let mut skipped = None;
    let cases = cases(&dir);
    for case in &cases {
        let case = case.as_path();
        let name = case_name(case);
        let package = match Package::from_case_dir(&case.join("data")) {
            Ok(p) => p,
            Err(e) => {
                mismatches.push((name, format!("case does not read: {e}")));
                continue;
            }
        };
        let outcome = book.run_all(&package);
        let Some((_, status)) = outcome.statuses.first() else {
            mismatches.push((name, "no status".into()));
            continue;
        };
        if let Status::Skipped { reason } = status {
            skipped = Some(reason.clone());
            continue;
        }
        let want = match expected(case) {
            Ok(w) => w,
            Err(e) => {
                mismatches.push((name, e));
                continue;
            }
        };
        let got = actual(status);
        if got != want {
            let missing: Vec<&Row> = want.difference(&got).take(6).collect();
            let extra: Vec<&Row> = got.difference(&want).take(6).collect();
            let err = match status {
                Status::Error { cause } => format!(" error: {cause}"),
                _ => String::new(),
            };
            mismatches.push((name, format!("missing {missing:?} extra {extra:?}{err}")));
        }
    }
    // Every mismatching case must be listed (by name or "*"); a listed case that matches is stale.
    let entries = known.get(rule.id()).map(Vec::as_slice).unwrap_or_default();
    let covers = |case: &str| entries.iter().any(|d| d.case == "*" || d.case == case);
    let listed = !mismatches.is_empty() && mismatches.iter().all(|(case, _)| covers(case));
    let stale_cases: Vec<String> = entries
        .iter()
        .filter(|d| d.case != "*" && !mismatches.iter().any(|(case, _)| *case == d.case))
        .map(|d| format!("{} {}", d.rule, d.case))
        .collect();
    if let Some(reason) = &skipped {
        assert_eq!(
            rule.skip_reason(),
            Some(reason.as_str()),
            "{}: skipped at run time but not statically",
            rule.id()
        );
    }
    // A statically unsupported rule is skipped whether or not it has cases; a rule without
    // any published case cannot pass.
    let skipped = skipped.or_else(|| rule.skip_reason().map(str::to_owned));
    let outcome = if skipped.is_some() {
        Outcome::Skipped
    } else if cases.is_empty() {
        Outcome::NoCases
    } else if mismatches.is_empty() {
        Outcome::Passing
    } else if listed {
        Outcome::FailingKnown
    } else {
        Outcome::Failing
    };
    RuleResult {
        stale_cases,
        id: rule.id().to_owned(),
        outcome,
        sdtmig34,
        skip: skipped,
        mismatches,
    }
}

#[test]
fn core_published_cases_match_exactly() {
    let started = Instant::now();
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("known-differences.toml"),
    )
    .expect("known-differences.toml");
    let known: KnownDifferences = toml::from_str(&text).expect("known-differences.toml parses");
    let mut by_rule: BTreeMap<String, Vec<&Difference>> = BTreeMap::new();
    for d in &known.difference {
        assert!(
            !d.why.trim().is_empty(),
            "{}: a known difference needs a reason",
            d.rule
        );
        by_rule.entry(d.rule.clone()).or_default().push(d);
    }
    let book = RuleBook::bundled();
    assert_eq!(
        book.rules().len(),
        standards::cdisc_core::rules().len(),
        "every bundled rule compiles"
    );
    // `CORE_RULE=CORE-000001` checks one rule only (for debugging; the lists are not checked).
    if let Ok(only) = std::env::var("CORE_RULE") {
        for r in book.rules().iter().filter(|r| r.id() == only) {
            let result = check_rule(r, &by_rule);
            for (case, detail) in &result.mismatches {
                println!("{} {case}: {detail}", r.id());
            }
            println!("{:?} {:?}", result.outcome, result.skip);
        }
        return;
    }
    let results: Vec<RuleResult> = book
        .rules()
        .par_iter()
        .map(|r| check_rule(r, &by_rule))
        .collect();

    // Skipped rules are statically unsupported and say why.
    for r in results.iter().filter(|r| r.outcome == Outcome::Skipped) {
        assert!(
            r.skip.as_deref().is_some_and(|s| !s.is_empty()),
            "{}: skipped without reason",
            r.id
        );
    }
    print_table(&results);
    readmes_tell_the_truth(&results);
    if let Ok(path) = std::env::var("CORE_CONFORMANCE_REPORT") {
        let mut out = String::new();
        for r in &results {
            for (case, detail) in &r.mismatches {
                out.push_str(&format!("{} {case}: {detail}\n", r.id));
            }
            if let Some(s) = &r.skip {
                out.push_str(&format!("{} skipped: {s}\n", r.id));
            }
        }
        std::fs::write(path, out).expect("write report");
    }
    let stale: Vec<String> = results
        .iter()
        .filter(|r| {
            by_rule.contains_key(&r.id)
                && matches!(
                    r.outcome,
                    Outcome::Passing | Outcome::Skipped | Outcome::NoCases
                )
        })
        .map(|r| r.id.clone())
        .chain(results.iter().flat_map(|r| r.stale_cases.clone()))
        .collect();
    let failing: Vec<String> = results
        .iter()
        .filter(|r| r.outcome == Outcome::Failing)
        .map(|r| format!("{} {}: {}", r.id, r.mismatches[0].0, r.mismatches[0].1))
        .collect();
    println!("conformance run took {:.1?}", started.elapsed());
    assert!(
        stale.is_empty(),
        "listed in known-differences.toml but not failing: {stale:?}"
    );
    assert!(
        failing.is_empty(),
        "{} rules differ from CORE:\n{}",
        failing.len(),
        failing.join("\n")
    );
}

fn print_table(results: &[RuleResult]) {
    let count = |f: &dyn Fn(&RuleResult) -> bool, o: Outcome| {
        results.iter().filter(|r| f(r) && r.outcome == o).count()
    };
    let all = |_: &RuleResult| true;
    let ig = |r: &RuleResult| r.sdtmig34;
    println!("| status | all rules | SDTMIG 3.4 rules |");
    println!("|---|---:|---:|");
    for (label, o) in [
        ("passing exactly", Outcome::Passing),
        ("skipped with reason", Outcome::Skipped),
        ("no published case", Outcome::NoCases),
        ("failing, known difference", Outcome::FailingKnown),
        ("failing", Outcome::Failing),
    ] {
        println!("| {label} | {} | {} |", count(&all, o), count(&ig, o));
    }
    println!(
        "| total | {} | {} |",
        results.len(),
        results.iter().filter(|r| r.sdtmig34).count()
    );
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for r in results {
        if let Some(s) = &r.skip {
            *reasons.entry(s.as_str()).or_default() += 1;
        }
    }
    let mut reasons: Vec<(&str, usize)> = reasons.into_iter().collect();
    reasons.sort_by_key(|r| std::cmp::Reverse(r.1));
    println!("top skip reasons:");
    for (reason, n) in reasons.iter().take(15) {
        println!("  {n:4}  {reason}");
    }
}

/// The coverage tables of this crate's README and of the repository's README are these
/// counts: a change in coverage must be written down.
fn readmes_tell_the_truth(results: &[RuleResult]) {
    let count = |sdtmig34: bool, o: Outcome| {
        results
            .iter()
            .filter(|r| r.outcome == o && (!sdtmig34 || r.sdtmig34))
            .count()
    };
    let (total, total34) = (results.len(), results.iter().filter(|r| r.sdtmig34).count());
    let pct = |n: usize, of: usize| format!("{n} ({:.1} %)", 100.0 * n as f64 / of as f64);
    let row = |label: &str, o: Outcome, with_pct: bool| {
        let (a, b) = (count(false, o), count(true, o));
        if with_pct {
            format!("| {label} | {} | {} |", pct(a, total), pct(b, total34))
        } else {
            format!("| {label} | {a} | {b} |")
        }
    };
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let crate_readme = std::fs::read_to_string(here.join("README.md")).expect("README.md");
    let root_readme =
        std::fs::read_to_string(here.join("../../README.md")).expect("the repository README");
    let expected_here = [
        row("passing exactly", Outcome::Passing, true),
        row(
            "skipped with reason (statically unsupported)",
            Outcome::Skipped,
            true,
        ),
        row("failing, known difference", Outcome::FailingKnown, true),
        row("failing", Outcome::Failing, false),
        format!("| total | {total} | {total34} |"),
    ];
    let expected_root = [
        row("pass every case exactly", Outcome::Passing, true),
        format!(
            "| skipped, with the reason (needs CDISC Library metadata or define.xml, ...) | {} | {} |",
            count(false, Outcome::Skipped),
            count(true, Outcome::Skipped)
        ),
        row("no published case", Outcome::NoCases, false),
        row("differ, unlisted (a test failure)", Outcome::Failing, false),
    ];
    for line in &expected_here {
        assert!(
            crate_readme.contains(line.as_str()),
            "crates/core-rules/README.md lacks:\n{line}"
        );
    }
    for line in &expected_root {
        assert!(
            root_readme.contains(line.as_str()),
            "README.md lacks:\n{line}"
        );
    }
    let known_row = format!(
        "in `crates/core-rules/known-differences.toml` (mostly published cases that contradict their own data or each other) | {} | {} |",
        count(false, Outcome::FailingKnown),
        count(true, Outcome::FailingKnown)
    );
    assert!(
        root_readme.contains(&known_row),
        "README.md lacks:\n{known_row}"
    );
}
