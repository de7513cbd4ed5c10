use crate::{stdout, trialbridge};

const SUBCOMMANDS: [&str; 8] = [
    "run",
    "convert",
    "registry",
    "adam",
    "validate",
    "transcode",
    "define",
    "rules",
];

#[test]
fn every_subcommand_documents_its_usage() {
    let dir = tempfile::tempdir().unwrap();
    for sub in SUBCOMMANDS {
        let out = trialbridge(dir.path())
            .args([sub, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{sub} --help");
        let text = stdout(&out);
        assert!(
            text.contains(&format!("Usage: trialbridge {sub}")),
            "{sub}: {text}"
        );
        assert!(
            text.lines().count() > 5,
            "{sub} --help describes its options: {text}"
        );
    }
}

#[test]
fn top_level_help_lists_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let out = trialbridge(dir.path()).arg("--help").output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("Exit codes: 0 clean, 1 error-severity findings"),
        "{text}"
    );
    for sub in SUBCOMMANDS {
        assert!(text.contains(&format!("  {sub} ")), "{sub} listed");
    }
}

#[test]
fn bad_arguments_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = trialbridge(dir.path())
        .args(["run", "--no-such-flag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
