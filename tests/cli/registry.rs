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

/// Every real ClinicalTrials.gov record in the standards folder, then the example study's.
fn real_records() -> Vec<PathBuf> {
    let ctgov = standards::reference_dir().join("ctgov");
    let mut out = Vec::new();
    for (sub, ext) in [("api-v2-json", "json"), ("legacy-xml", "xml")] {
        let dir = ctgov.join(sub);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .collect();
        files.sort();
        out.extend(files);
    }
    assert_eq!(out.len(), 8, "4 API v2 and 4 legacy XML records");
    out.push(fixture("umin000015469.toml"));
    out
}

/// Character values of a dataset, row by row.
fn texts(ds: &model::Dataset) -> Vec<Vec<Option<String>>> {
    ds.rows
        .iter()
        .map(|r| {
            // XPT has no null text: a null reads back as "" there and as null from JSON.
            r.iter()
                .map(|v| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned))
                .collect()
        })
        .collect()
}

/// Issue 16: several real records (≥, ®, è, ’ in their text) made `registry --sdtm` exit 2
/// and leave a partial folder. Every one now goes through with a complete output folder,
/// ASCII XPT files, the registered text in Dataset-JSON, and ARMCDs that FHIR and TA share.
#[test]
fn every_real_ctgov_record_goes_through_sdtm_and_fhir() {
    let dir = tempfile::tempdir().unwrap();
    let mut changed = 0;
    for (i, record) in real_records().iter().enumerate() {
        let out = format!("out{i}");
        let o = trialbridge(dir.path())
            .arg("registry")
            .arg(record)
            .args(["--out", &out, "--sdtm", "--fhir", "r5,r4b"])
            .output()
            .unwrap();
        let shown = record.file_name().unwrap().to_string_lossy().into_owned();
        let log = format!("{shown}\n{}{}", stdout(&o), stderr(&o));
        assert!(matches!(o.status.code(), Some(0 | 1)), "{log}");
        let out = dir.path().join(&out);

        let fhir: Vec<_> = [
            "researchstudy-r5",
            "bundle-r5",
            "researchstudy-r4b",
            "bundle-r4b",
        ]
        .iter()
        .map(|f| out.join(format!("fhir/{f}.json")))
        .collect();
        assert!(fhir.iter().all(|p| p.is_file()), "{log}");
        let sdtm = out.join("sdtm");
        assert!(sdtm.join("ts.xpt").is_file(), "{log}");
        for name in ["ts", "ta", "te", "ti", "tv"] {
            let (xpt, json) = (
                sdtm.join(format!("{name}.xpt")),
                sdtm.join(format!("{name}.json")),
            );
            assert_eq!(
                xpt.exists(),
                json.exists(),
                "{shown}: {name} in one format only"
            );
            if !xpt.exists() {
                continue;
            }
            let (x, _) = formats::transcode::read_dataset(&xpt).unwrap();
            let (j, _) = formats::transcode::read_dataset(&json).unwrap();
            let (x, j) = (texts(&x), texts(&j));
            assert_eq!(x.len(), j.len(), "{shown}: {name}");
            for (xr, jr) in x.iter().zip(&j) {
                for (xv, jv) in xr.iter().zip(jr) {
                    let (Some(xv), Some(jv)) = (xv, jv) else {
                        assert_eq!(xv, jv, "{shown}: {name}");
                        continue;
                    };
                    assert!(xv.is_ascii(), "{shown}: {name} XPT holds `{xv}`");
                    if xv != jv {
                        // The JSON keeps what was registered; the XPT has its transliteration.
                        assert!(!jv.is_ascii(), "{shown}: {name}: `{jv}` became `{xv}`");
                        assert!(
                            model::ascii::transliterate(jv).starts_with(xv.as_str()),
                            "{shown}: {name}: `{jv}` → `{xv}`"
                        );
                        assert!(log.contains("notice[RG0017]"), "{log}");
                        changed += 1;
                    }
                }
            }
        }
        // One ARMCD per arm, the same in TA and in the FHIR comparison groups.
        let (ta, _) =
            formats::transcode::read_dataset(&sdtm.join("ta.json")).unwrap_or_else(|_| {
                (
                    model::Dataset::new(model::DatasetMeta::new("TA", "")),
                    vec![],
                )
            });
        let mut armcds: Vec<String> = ta
            .column("ARMCD")
            .map(|c| {
                c.filter_map(|v| v.as_str().map(registry::armcd::link_id))
                    .collect()
            })
            .unwrap_or_default();
        armcds.sort();
        armcds.dedup();
        let study: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&fhir[0]).unwrap()).unwrap();
        let mut links: Vec<String> = study["comparisonGroup"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|g| g["linkId"].as_str().unwrap().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        links.sort();
        assert_eq!(
            armcds, links,
            "{shown}: TA.ARMCD vs R5 comparisonGroup.linkId"
        );
    }
    assert!(changed > 0, "some real record holds non-ASCII text");
    // Nothing but the output folders: no staging folder is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("out"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// A run that fails at its last step leaves nothing new: not the FHIR files already
/// written, not its staging folder.
#[test]
fn a_failed_run_leaves_nothing_new() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    // A file where the run's `sdtm` folder must go.
    std::fs::write(out.join("sdtm"), b"in the way").unwrap();
    let o = trialbridge(dir.path())
        .arg("registry")
        .arg(fixture("umin000015469.toml"))
        .args(["--out", "out", "--sdtm"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    assert!(!out.join("fhir").exists(), "FHIR files were put in place");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out"], "the staging folder is removed");
    assert_eq!(std::fs::read(out.join("sdtm")).unwrap(), b"in the way");
}

/// The pre-2023 ClinicalTrials.gov JSON is read, not refused as a broken API v2 record.
#[test]
fn classic_ctgov_json_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let classic = dir.path().join("classic.json");
    std::fs::write(
        &classic,
        r#"{"FullStudiesResponse":{"FullStudies":[{"Rank":1,"Study":{"ProtocolSection":{
            "IdentificationModule":{"NCTId":"NCT00000102","BriefTitle":"Congenital Adrenal Hyperplasia: Calcium Channel Blockers"},
            "StatusModule":{"OverallStatus":"Completed","StartDateStruct":{"StartDate":"July 1998"}},
            "DesignModule":{"StudyType":"Interventional","PhaseList":{"Phase":["Phase 1","Phase 2"]}}}}}]}}"#,
    )
    .unwrap();
    let o = trialbridge(dir.path())
        .arg("registry")
        .arg(&classic)
        .args(["--out", "out", "--sdtm"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    let (ts, _) = formats::transcode::read_dataset(&dir.path().join("out/sdtm/ts.json")).unwrap();
    assert_eq!(
        ts.get(0, "STUDYID").and_then(|v| v.as_str()),
        Some("NCT00000102")
    );
    let r4b = std::fs::read_to_string(dir.path().join("out/fhir/researchstudy-r4b.json")).unwrap();
    assert!(r4b.contains(r#""status":"completed""#), "{r4b}");
    // `validate` knows it too: checked as a registry record, not refused as an unknown file.
    let o = trialbridge(dir.path())
        .args(["validate", "--format", "json"])
        .arg(&classic)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(!codes.iter().any(|c| c.starts_with("RL")), "{codes:?}");
    assert_eq!(o.status.code(), Some(0), "{codes:?}");
}
