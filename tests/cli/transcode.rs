use crate::{stderr, trialbridge};
use std::path::{Path, PathBuf};

fn pilot(name: &str) -> PathBuf {
    standards::reference_dir()
        .join("cdiscpilot01/sdtm")
        .join(name)
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    trialbridge(dir)
        .arg("transcode")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn every_route_back_to_xpt_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let dm = pilot("dm.xpt");
    let dm = dm.to_str().unwrap();
    assert!(run(d, &[dm, "direct.xpt"]).status.success());
    for via in ["json", "ndjson", "dsjc", "csv"] {
        let mid = format!("dm.{via}");
        let back = format!("via-{via}.xpt");
        let o = run(d, &[dm, &mid]);
        assert!(o.status.success(), "{via}: {}", stderr(&o));
        let o = run(d, &[&mid, &back]);
        assert!(o.status.success(), "{via} back: {}", stderr(&o));
        assert_eq!(
            std::fs::read(d.join("direct.xpt")).unwrap(),
            std::fs::read(d.join(&back)).unwrap(),
            "via {via}"
        );
    }
}

#[test]
fn html_posing_as_xpt_is_one_clear_line() {
    let dir = tempfile::tempdir().unwrap();
    let html = standards::reference_dir().join("edge-cases/lab1_0_1refrangesampledata.xpt");
    let o = run(dir.path(), &[html.to_str().unwrap(), "out.json"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("lab1_0_1refrangesampledata.xpt: byte 0: not a SAS transport file"),
        "{err}"
    );
    assert!(!dir.path().join("out.json").exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no temporary file left"
    );
}

#[test]
fn data_xpt_cannot_hold_is_refused_with_every_reason() {
    let dir = tempfile::tempdir().unwrap();
    let ts = pilot("ts.xpt");
    assert!(
        run(dir.path(), &[ts.to_str().unwrap(), "ts.json"])
            .status
            .success()
    );
    let o = run(dir.path(), &["ts.json", "ts.xpt"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with("error: ts.xpt not written: 1 problem(s)"),
        "{err}"
    );
    assert!(err.contains("record 9: error[FM0010] TSVAL"), "{err}");
    assert!(!dir.path().join("ts.xpt").exists(), "nothing half-written");
}

#[test]
fn unknown_extension_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        dir.path(),
        &[pilot("dm.xpt").to_str().unwrap(), "dm.sas7bdat"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown output format"),
        "{}",
        stderr(&o)
    );
}
