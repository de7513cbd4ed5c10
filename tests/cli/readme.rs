//! The README's example session is what the binary prints: each `$ trialbridge ...` block of the "Example session" section is run and its shown lines are
//! compared with the real output. `…` in a shown line stands for any text (elided paths).

use crate::{repo, stdout, trialbridge};
use std::path::Path;

/// The console blocks of the README's example session: (command, shown output lines).
fn session() -> Vec<(String, Vec<String>)> {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let section = readme
        .split("## Example session")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("README has an Example session section");
    let mut blocks: Vec<(String, Vec<String>)> = Vec::new();
    let mut command: Option<String> = None;
    for line in section.lines() {
        if let Some(c) = line.strip_prefix("$ ") {
            command = Some(c.to_owned());
            blocks.push((c.to_owned(), Vec::new()));
        } else if command.as_deref().is_some_and(|c| c.ends_with('\\')) {
            let (c, _) = blocks.last_mut().unwrap();
            c.push('\n');
            c.push_str(line);
            command = Some(line.to_owned());
        } else if line.starts_with("```") || line.is_empty() {
            command = None;
        } else if command.is_some() {
            blocks.last_mut().unwrap().1.push(line.to_owned());
        }
    }
    blocks
}

/// `shown` with `…` as a wildcard matches `actual`.
fn matches(shown: &str, actual: &str) -> bool {
    let parts: Vec<&str> = shown.split('…').collect();
    let mut rest = actual;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(at) => rest = &rest[at + part.len()..],
                None => return false,
            }
        }
    }
    rest.is_empty()
}

/// Every shown line appears in the output, in order, and the last shown line is the
/// output's last line (the totals).
fn assert_shown(command: &str, shown: &[String], output: &str) {
    let actual: Vec<&str> = output.lines().collect();
    let mut at = 0;
    for s in shown {
        let found = actual[at..].iter().position(|a| matches(s, a));
        assert!(
            found.is_some(),
            "README line not in the output of `{command}`:\n  {s}\n--- output:\n{output}"
        );
        at += found.unwrap_or(0) + 1;
    }
    if let (Some(last), Some(real)) = (shown.last(), actual.last()) {
        assert!(
            matches(last, real),
            "`{command}` ends with:\n  {real}\nREADME shows:\n  {last}"
        );
    }
}

fn blocks_for(prefix: &str) -> Vec<(String, Vec<String>)> {
    let found: Vec<_> = session()
        .into_iter()
        .filter(|(c, _)| c.starts_with(prefix))
        .collect();
    assert!(
        !found.is_empty(),
        "README's session has no `$ {prefix}` block"
    );
    found
}

#[test]
fn the_demo_lines_are_what_run_prints_from_any_folder() {
    // Not the repository: the example study is embedded in the binary.
    let dir = tempfile::tempdir().unwrap();
    let (command, shown) = blocks_for("trialbridge run").remove(0);
    let out = trialbridge(dir.path())
        .args(["run", "--out", "trialbridge-out"])
        .output()
        .unwrap();
    // Exit 1: CDISC CORE's rules find errors in the example study's SDTM.
    assert_eq!(out.status.code(), Some(1), "{}", crate::stderr(&out));
    let printed = stdout(&out);
    assert_eq!(
        printed.lines().count(),
        shown.len(),
        "README shows every line of the demo:\n{printed}"
    );
    assert_shown(&command, &shown, &printed);
}

#[test]
fn the_check_only_lines_are_what_convert_prints() {
    let (command, shown) = blocks_for("trialbridge convert").remove(0);
    let args: Vec<&str> = command
        .split_whitespace()
        .filter(|a| *a != "\\")
        .skip(1)
        .collect();
    let out = trialbridge(repo()).args(&args).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let both = stdout(&out) + &crate::stderr(&out);
    assert_shown(&command, &shown, &both);
}

#[test]
fn the_pilot_validate_lines_are_what_validate_prints() {
    let (command, shown) = blocks_for("trialbridge validate").remove(0);
    let pilot = standards::reference_dir().join("cdiscpilot01/sdtm");
    let report = tempfile::tempdir().unwrap();
    let out = trialbridge(report.path())
        .args([
            "validate",
            pilot.to_str().unwrap(),
            "--report-dir",
            "report",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let both = stdout(&out) + &crate::stderr(&out);
    assert_shown(&command, &shown, &both);
    assert!(Path::new(&report.path().join("report/report.json")).is_file());
}
