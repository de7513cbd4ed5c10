//! Subcommands whose stage is not built yet say so in one line and exit 2.

use crate::{stderr, trialbridge};

#[test]
fn unbuilt_subcommands_exit_2_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [&[&str]; 1] = [
        &["adam", "--sdtm", "s", "--out", "o"],
    ];
    for args in cases {
        let out = trialbridge(dir.path()).args(args).output().unwrap();
        if out.status.code() == Some(2) && stderr(&out).contains("not available yet") {
            assert_eq!(
                stderr(&out).lines().count(),
                1,
                "{args:?}: {}",
                stderr(&out)
            );
        } else {
            // Once a stage lands its own tests take over; it must not crash either way.
            assert!(
                !stderr(&out).contains("panicked"),
                "{args:?}: {}",
                stderr(&out)
            );
        }
    }
}
