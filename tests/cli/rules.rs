use crate::{stderr, stdout, trialbridge};

#[test]
fn lists_the_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let out = trialbridge(dir.path()).arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.lines().count() >= 28, "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("SDT0013") && l.contains("DTHFL must be Y or null")),
        "{text}"
    );
}

#[test]
fn prints_one_rules_docs() {
    let dir = tempfile::tempdir().unwrap();
    let out = trialbridge(dir.path())
        .args(["rules", "sdt0013"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for part in [
        "SDT0013",
        "## What it checks",
        "## Why it matters",
        "## Example",
        "## References",
        "CORE-000006",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn unknown_code_suggests_the_nearest() {
    let dir = tempfile::tempdir().unwrap();
    let out = trialbridge(dir.path())
        .args(["rules", "SDT0O13"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "error: no rule SDT0O13 (did you mean SDT0013?); `trialbridge rules` lists them all"
    );
}

#[test]
fn lists_the_codes_raised_outside_the_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let out = trialbridge(dir.path()).arg("rules").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for (code, summary) in [
        ("FM0030", "decoded as Windows-1252"),
        ("SI0001", "Excel error value"),
    ] {
        assert!(
            text.lines()
                .any(|l| l.starts_with(code) && l.contains(summary)),
            "{code}: {text}"
        );
    }
}

#[test]
fn prints_a_raised_codes_entry() {
    let dir = tempfile::tempdir().unwrap();
    let out = trialbridge(dir.path())
        .args(["rules", "fm0030"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    for part in [
        "FM0030 — ",
        "Windows-1252",
        "severity: notice",
        "family: FM (file formats)",
        "raised in: crates/formats/src/xpt/",
    ] {
        assert!(text.contains(part), "{part}: {text}");
    }
}

#[test]
fn unknown_code_near_a_raised_one_suggests_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = trialbridge(dir.path())
        .args(["rules", "FM003O"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("(did you mean FM0030?)"),
        "{}",
        stderr(&out)
    );
}
