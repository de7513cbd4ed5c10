//! `trialbridge registry INPUT --out DIR --sdtm`: trial-design datasets from a registry record.

use crate::{repo, stderr, stdout, trialbridge};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    repo().join("fixtures/registry").join(name)
}

#[test]
fn example_study_record_writes_ts_ta_te_ti_readable_back() {
    let dir = tempfile::tempdir().unwrap();
    let o = trialbridge(dir.path())
        .arg("registry")
        .arg(fixture("umin000015469.toml"))
        .args(["--out", "out", "--sdtm"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let sdtm = dir.path().join("out/sdtm");
    for name in ["ts", "ta", "te", "ti"] {
        for ext in ["xpt", "json"] {
            let p = sdtm.join(format!("{name}.{ext}"));
            let (ds, _) = formats::transcode::read_dataset(&p).unwrap();
            assert_eq!(ds.name(), name.to_uppercase(), "{}", p.display());
            assert!(!ds.rows.is_empty(), "{}", p.display());
        }
    }
    // Registries have no visit schedule: no TV, and a notice saying so.
    assert!(!sdtm.join("tv.xpt").exists());
    let out = stdout(&o);
    assert!(out.contains("notice[RG0016]"), "{out}");
    assert!(out.contains("0 error(s)"), "{out}");

    let (ts, _) = formats::transcode::read_dataset(&sdtm.join("ts.xpt")).unwrap();
    let parm = ts.meta.index_of("TSPARMCD").unwrap();
    let val = ts.meta.index_of("TSVAL").unwrap();
    let tphase = ts
        .rows
        .iter()
        .find(|r| r[parm].as_str() == Some("TPHASE"))
        .unwrap();
    assert_eq!(tphase[val].as_str(), Some("PHASE II TRIAL"));
    let (ta, _) = formats::transcode::read_dataset(&sdtm.join("ta.json")).unwrap();
    let armcds: Vec<_> = ta.column("ARMCD").unwrap().map(|v| v.to_string()).collect();
    assert_eq!(armcds, ["CSA", "CSA", "TAC", "TAC"]);
}

#[test]
fn the_same_record_gives_byte_identical_files() {
    let dir = tempfile::tempdir().unwrap();
    for out in ["a", "b"] {
        let o = trialbridge(dir.path())
            .arg("registry")
            .arg(fixture("nct04966884.json"))
            .args(["--out", out, "--sdtm"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    for name in ["ts.xpt", "ts.json", "ta.xpt", "te.json"] {
        let a = std::fs::read(dir.path().join("a/sdtm").join(name)).unwrap();
        let b = std::fs::read(dir.path().join("b/sdtm").join(name)).unwrap();
        assert_eq!(a, b, "{name}");
    }
}

#[test]
fn without_sdtm_only_fhir_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let o = trialbridge(dir.path())
        .arg("registry")
        .arg(fixture("seed004-catr-pat.json"))
        .args(["--out", "out"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!dir.path().join("out/sdtm").exists());
    for f in [
        "researchstudy-r5.json",
        "bundle-r5.json",
        "researchstudy-r4b.json",
        "bundle-r4b.json",
    ] {
        assert!(dir.path().join("out/fhir").join(f).is_file(), "{f}");
    }
    let none = trialbridge(dir.path())
        .arg("registry")
        .arg(fixture("seed004-catr-pat.json"))
        .args(["--out", "none", "--fhir", ""])
        .output()
        .unwrap();
    assert!(
        stdout(&none).contains("nothing written"),
        "{}",
        stdout(&none)
    );
}

#[test]
fn a_broken_record_exits_2_with_its_position() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(
        &bad,
        "{\"protocolSection\": {\"designModule\": {\"phases\": [\"PHASE9\"]}}}",
    )
    .unwrap();
    let o = trialbridge(dir.path())
        .arg("registry")
        .arg(&bad)
        .args(["--out", "out", "--sdtm"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(stderr(&o).contains("bad.json"), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("/protocolSection/designModule/phases/0"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn an_unknown_fhir_version_is_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let o = trialbridge(dir.path())
        .arg("registry")
        .arg(fixture("umin000015469.toml"))
        .args(["--out", "out", "--fhir", "r6"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("`r6`"), "{}", stderr(&o));
}
