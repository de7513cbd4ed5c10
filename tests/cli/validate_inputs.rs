//! `validate` on what it is given (issue 16): FHIR files checked as the version they are,
//! registry records checked as records, files of no kind never a pass, exit codes as the
//! README promises, `--mask` over every value, a closed pipe, and CDISC's own Dataset-JSON.

use crate::{codes, repo, stderr, stdout, trialbridge};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Stdio;

fn standards(rel: &str) -> PathBuf {
    standards::reference_dir().join(rel)
}

fn json_report(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}{}", stdout(o), stderr(o)))
}

fn findings(report: &Value) -> Vec<Value> {
    report["findings"].as_array().cloned().unwrap_or_default()
}

fn errors(report: &Value) -> Vec<String> {
    findings(report)
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| format!("{} {} {}", f["file"], f["code"], f["message"]))
        .collect()
}

// ---- 6. a closed standard output -------------------------------------------------------

/// `trialbridge ... | head`: the reader goes away; the tool stops quietly, as ripgrep does.
fn closed_early(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut child = trialbridge(dir)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Closing the read end before the child writes makes its first write fail (EPIPE).
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_every_output_path_quietly() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dm.csv"), "STUDYID,DOMAIN\nS1,DM\n").unwrap();
    for args in [
        &["rules"][..],
        &["validate", "dm.csv"],
        &["validate", "dm.csv", "--format", "json"],
    ] {
        let o = closed_early(dir.path(), args);
        let err = stderr(&o);
        assert!(!err.contains("internal error"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(o.status.code(), Some(0), "{args:?}: {err}");
    }
}

// ---- 4. exit codes as the README promises ------------------------------------------------

#[test]
fn an_empty_csv_is_a_finding_not_a_clean_pass() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dm.csv"), "").unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "dm.csv"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("dm.csv: error[RL0002] the file is empty"),
        "{}",
        stdout(&o)
    );
    assert!(
        stdout(&o).contains("0 file(s) checked, 1 not checked: 1 error(s)"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_folder_of_workbooks_without_mapping_says_how_to_check_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("inbox")).unwrap();
    std::fs::copy(
        repo().join("fixtures/umin000015469/randomization.xlsx"),
        dir.path().join("inbox/site-01.xlsx"),
    )
    .unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "inbox"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("`trialbridge validate --mapping MAPPING_DIR inbox`"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_report_written_to_a_file_is_named_on_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("dm.csv"), "STUDYID,DOMAIN\nS1,DM\n").unwrap();
    for fmt in ["html", "xlsx", "json"] {
        let file = format!("r.{fmt}");
        let o = trialbridge(dir.path())
            .args(["validate", "dm.csv", "--format", fmt, "--output", &file])
            .output()
            .unwrap();
        assert_eq!(
            stdout(&o).trim(),
            format!("wrote the {fmt} report to {file}"),
            "{}",
            stderr(&o)
        );
        assert!(dir.path().join(&file).is_file());
    }
}

// ---- 3. a file nothing checks is never a pass --------------------------------------------

#[test]
fn a_file_of_no_kind_we_check_is_an_error_unless_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("dm.csv"), "STUDYID,DOMAIN\nS1,DM\n").unwrap();
    std::fs::write(
        d.join("notes.xml"),
        "<?xml version=\"1.0\"?>\n<notes><a/></notes>",
    )
    .unwrap();
    std::fs::write(d.join("settings.json"), r#"{"theme": "dark", "size": 3}"#).unwrap();
    // RL findings are kept whatever --select says: the DM's own findings are left out.
    let o = trialbridge(d)
        .args(["validate", ".", "--select", "RL"])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    assert!(
        out.contains(
            "notes.xml: error[RL0003] not a define.xml, FHIR resource, registry record or \
             dataset; first element `<notes>`"
        ),
        "{out}"
    );
    assert!(
        out.contains("settings.json: error[RL0003] not a define.xml, FHIR resource, registry record or dataset; top-level keys `theme`, `size`"),
        "{out}"
    );
    assert!(
        out.lines()
            .last()
            .unwrap()
            .starts_with("1 file(s) checked, 2 not checked: 2 error(s)"),
        "{out}"
    );
    let o = trialbridge(d)
        .args([
            "validate",
            ".",
            "--skip-unknown",
            "--select",
            "RL",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report = json_report(&o);
    assert_eq!(o.status.code(), Some(0), "{:?}", errors(&report));
    let skipped = findings(&report)
        .into_iter()
        .filter(|f| f["code"] == "RL0004")
        .count();
    assert_eq!(skipped, 2);
}

// ---- 1. FHIR version from content ---------------------------------------------------------

/// The official examples, as HL7 publishes them, give no error-severity finding. None is
/// excused: every error one gave was a false one.
#[test]
fn the_official_r4_and_r5_examples_validate_without_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (release, folder) in [("R4", "fhir/r4/examples"), ("R5", "fhir/r5/examples")] {
        let o = trialbridge(dir.path())
            .args(["validate", "--format", "json"])
            .arg(standards(folder))
            .output()
            .unwrap();
        let report = json_report(&o);
        assert_eq!(errors(&report), Vec::<String>::new(), "{folder}");
        assert_eq!(o.status.code(), Some(0), "{folder}: {}", stderr(&o));
        let used: Vec<String> = findings(&report)
            .iter()
            .filter(|f| f["code"] == "FH0072")
            .map(|f| f["message"].as_str().unwrap().to_owned())
            .collect();
        assert!(used.len() >= 6, "{folder}: {used:?}");
        let want = format!("checked as FHIR {release}");
        assert!(
            used.iter().all(|m| m.starts_with(&want)),
            "{folder}: {used:?}"
        );
    }
}

#[test]
fn a_renamed_r4_file_is_checked_as_r4_by_its_content_and_the_version_can_be_forced() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        standards("fhir/r4/examples/ResearchSubject-example.json"),
        d.join("subject.json"),
    )
    .unwrap();
    let o = trialbridge(d)
        .args(["validate", "subject.json"])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains(
            "subject.json: notice[FH0072] checked as FHIR R4 (the R4 schema and the R4B \
             checks): R4-only content: ResearchSubject.individual"
        ),
        "{out}"
    );
    let o = trialbridge(d)
        .args(["validate", "subject.json", "--fhir-version", "r5"])
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(1),
        "R4 content checked as R5 has errors"
    );
    assert!(
        stdout(&o).contains("checked as FHIR R5: --fhir-version"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn our_own_r4b_output_under_a_neutral_name_has_no_false_errors() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = trialbridge(d)
        .arg("registry")
        .arg(repo().join("fixtures/registry/umin000015469.toml"))
        .args(["--out", "out", "--fhir", "r4b"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for (from, to) in [
        ("researchstudy-r4b.json", "study.json"),
        ("bundle-r4b.json", "bundle.json"),
    ] {
        std::fs::rename(d.join("out/fhir").join(from), d.join(to)).unwrap();
    }
    let o = trialbridge(d)
        .args(["validate", "study.json", "bundle.json", "--format", "json"])
        .output()
        .unwrap();
    let report = json_report(&o);
    assert_eq!(errors(&report), Vec::<String>::new());
    for f in findings(&report).iter().filter(|f| f["code"] == "FH0072") {
        assert!(
            f["message"]
                .as_str()
                .unwrap()
                .starts_with("checked as FHIR R4 "),
            "{f}"
        );
    }
}

/// report.json names the version each FHIR file was checked as and what decided it, in a
/// field of its own: a pipeline does not parse FH0072 messages.
#[test]
fn report_json_says_which_version_each_fhir_file_was_checked_as() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        standards("fhir/r4/examples/ResearchSubject-example.json"),
        d.join("subject.json"),
    )
    .unwrap();
    let o = trialbridge(d)
        .args(["validate", "subject.json", "--format", "json"])
        .output()
        .unwrap();
    let report = json_report(&o);
    assert_eq!(
        report["fhir"],
        serde_json::json!([{
            "file": "subject.json",
            "version": "R4",
            "checked_as": "R4B",
            "decided_by": "R4-only content: ResearchSubject.individual, \
                           ResearchSubject.status `candidate`"
        }])
    );
    let o = trialbridge(d)
        .args([
            "validate",
            "subject.json",
            "--format",
            "json",
            "--fhir-version",
            "r5",
        ])
        .output()
        .unwrap();
    let report = json_report(&o);
    assert_eq!(report["fhir"][0]["version"], "R5");
    assert_eq!(report["fhir"][0]["decided_by"], "--fhir-version");
}

/// The official packages' manifests are clean; a manifest the package tools would refuse is
/// an FH0073 error at each pointer; a resource whose content contradicts the manifest beside
/// it is an FH0074 warning, and is checked as what its content says.
#[test]
fn package_json_is_checked_and_a_resource_that_contradicts_it_is_flagged() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["fhir/r4/examples", "fhir/r5/examples"] {
        let manifest = standards(folder).join("package.json");
        let o = trialbridge(dir.path())
            .args(["validate", "--format", "json"])
            .arg(&manifest)
            .output()
            .unwrap();
        let report = json_report(&o);
        assert_eq!(
            findings(&report),
            Vec::<serde_json::Value>::new(),
            "{folder}"
        );
        assert_eq!(o.status.code(), Some(0), "{folder}");
    }
    let d = dir.path();
    std::fs::write(
        d.join("package.json"),
        r#"{"name": "Site Study", "version": "1.0", "fhirVersions": ["5.0.0"],
            "dependencies": {"hl7.fhir.r5.core": 5}}"#,
    )
    .unwrap();
    std::fs::write(
        d.join("study.json"),
        r#"{"resourceType": "CapabilityStatement", "status": "active", "date": "2024-01-01",
            "kind": "instance", "fhirVersion": "4.0.1", "format": ["json"],
            "implementation": {"description": "site server"}}"#,
    )
    .unwrap();
    let o = trialbridge(d)
        .args(["validate", ".", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let report = json_report(&o);
    let got: Vec<(String, String, String)> = findings(&report)
        .iter()
        .filter(|f| f["code"] == "FH0073" || f["code"] == "FH0074")
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["variables"][0].as_str().unwrap_or_default().to_owned(),
                f["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let at: Vec<(&str, &str)> = got
        .iter()
        .map(|(c, v, _)| (c.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            ("FH0073", "/version"),
            ("FH0073", "/dependencies/hl7.fhir.r5.core"),
            ("FH0073", "/name"),
            ("FH0074", ""),
        ],
        "{got:#?}"
    );
    assert!(
        got[3].2.ends_with(
            "package.json says FHIR R5, but the resource is FHIR R4 (its fhirVersion `4.0.1`)"
        ),
        "{got:#?}"
    );
    assert_eq!(report["fhir"][0]["version"], "R4");
}

// ---- 2. registry records ------------------------------------------------------------------

#[test]
fn real_ctgov_records_are_checked_as_registry_records() {
    let dir = tempfile::tempdir().unwrap();
    for folder in ["ctgov/api-v2-json", "ctgov/legacy-xml"] {
        let o = trialbridge(dir.path())
            .args(["validate", "--skip-unknown", "--format", "json"])
            .arg(standards(folder))
            .output()
            .unwrap();
        let report = json_report(&o);
        assert_eq!(errors(&report), Vec::<String>::new(), "{folder}");
        let text = report.to_string();
        assert!(!text.contains("required attribute"), "{folder}: {text}");
        if folder.ends_with("legacy-xml") {
            // A real record's `N/A` study type is no value of the vocabulary: said, positioned.
            let na = findings(&report)
                .into_iter()
                .find(|f| f["code"] == "RG0052")
                .unwrap_or_else(|| panic!("{text}"));
            assert_eq!(na["severity"], "warning");
            assert_eq!(na["variables"][0], "clinical_study/study_type");
            assert!(na["file"].as_str().unwrap().ends_with("NCT03182660.xml"));
        }
        // Every record counts as checked; only the legacy folder's XSD is passed over.
        let skipped: Vec<Value> = findings(&report)
            .into_iter()
            .filter(|f| f["code"] == "RL0004")
            .collect();
        assert!(
            skipped
                .iter()
                .all(|f| f["file"].as_str().unwrap().ends_with("public.xsd")),
            "{skipped:?}"
        );
    }
}

#[test]
fn a_who_ictrp_export_is_checked_as_a_registry_record() {
    let dir = tempfile::tempdir().unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "--format", "json"])
        .arg(repo().join("fixtures/registry/ictrp-umin000015469.xml"))
        .output()
        .unwrap();
    let report = json_report(&o);
    assert_eq!(o.status.code(), Some(0), "{report}");
    assert!(
        findings(&report)
            .iter()
            .all(|f| !f["code"].as_str().unwrap().starts_with("RL")),
        "{report}"
    );
    // Without its trial id the record is incomplete, at the element the id comes from.
    let text =
        std::fs::read_to_string(repo().join("fixtures/registry/ictrp-umin000015469.xml")).unwrap();
    let start = text.find("<TrialID>").unwrap();
    let end = text.find("</TrialID>").unwrap() + "</TrialID>".len();
    std::fs::write(
        dir.path().join("ictrp.xml"),
        format!("{}{}", &text[..start], &text[end..]),
    )
    .unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "ictrp.xml"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains(
            "error[RG0051] WHO ICTRP XML: required registry id is missing (<Trial/TrialID>)"
        ),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_broken_ctgov_json_record_gets_positioned_findings() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(standards("ctgov/api-v2-json/NCT03475563.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    let status = v
        .pointer_mut("/protocolSection/statusModule")
        .unwrap()
        .as_object_mut()
        .unwrap();
    status.remove("overallStatus");
    std::fs::write(dir.path().join("record.json"), v.to_string()).unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "record.json"])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}{}", stderr(&o));
    assert!(
        out.contains(
            "record.json: error[RG0051] ClinicalTrials.gov API v2 JSON: required overall status \
             is missing (`/protocolSection/statusModule/overallStatus`)"
        ),
        "{out}"
    );
    // The API v2 reader knows every token of the published enums: an unknown one stops it.
    v.pointer_mut("/protocolSection/designModule")
        .unwrap()
        .as_object_mut()
        .unwrap()
        .insert("studyType".into(), Value::from("SOMETHING_ELSE"));
    std::fs::write(dir.path().join("record.json"), v.to_string()).unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "record.json", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let report = json_report(&o);
    let f = findings(&report)
        .into_iter()
        .find(|f| f["code"] == "RG0050")
        .unwrap_or_else(|| panic!("{report}"));
    assert_eq!(f["variables"][0], "/protocolSection/designModule/studyType");
    // An unreadable date stops the API v2 reader at its pointer.
    let bad = text.replace("\"2018-08-16\"", "\"2018-13-45\"");
    std::fs::write(dir.path().join("record.json"), bad).unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "record.json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("error[RG0050]")
            && stdout(&o).contains("/protocolSection/statusModule/startDateStruct/date"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_legacy_xml_record_is_checked_not_passed() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(standards("ctgov/legacy-xml/NCT00482794.xml")).unwrap();
    let start = text.find("<overall_status>").unwrap();
    let end = text.find("</overall_status>").unwrap() + "</overall_status>".len();
    let broken = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(dir.path().join("study.xml"), broken).unwrap();
    let o = trialbridge(dir.path())
        .args(["validate", "study.xml"])
        .output()
        .unwrap();
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains(
            "study.xml: error[RG0051] ClinicalTrials.gov legacy XML: required overall status is \
             missing (<clinical_study/overall_status>)"
        ),
        "{out}"
    );
    assert!(
        out.ends_with("1 file(s): 1 error(s), 0 warning(s), 0 notice(s)\n"),
        "{out}"
    );
}

// ---- 5. --mask hides every subject value ----------------------------------------------------

#[test]
fn mask_hides_the_day_of_a_date_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dm.csv"),
        "STUDYID,DOMAIN,USUBJID,RFSTDTC\nS1,DM,S1-001,2016-02-30\n",
    )
    .unwrap();
    let plain = trialbridge(dir.path())
        .args(["validate", "dm.csv", "--select", "SDT"])
        .output()
        .unwrap();
    assert!(
        stdout(&plain).contains("day `30` is out of range"),
        "{}",
        stdout(&plain)
    );
    for format in ["text", "json", "csv"] {
        let o = trialbridge(dir.path())
            .args([
                "--mask", "validate", "dm.csv", "--select", "SDT", "--format", format,
            ])
            .output()
            .unwrap();
        let out = stdout(&o);
        assert!(out.contains("day `***` is out of range"), "{format}: {out}");
        assert!(
            !out.contains("`30`") && !out.contains("02-30"),
            "{format}: {out}"
        );
    }
}

// ---- 7. CDISC's Dataset-JSON with "" in decimal columns -------------------------------------

/// zlib with stored (uncompressed) deflate blocks: a valid `.dsjc` without a compressor.
fn zlib_stored(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let chunks: Vec<&[u8]> = data.chunks(65535).collect();
    for (i, chunk) in chunks.iter().enumerate() {
        out.push(u8::from(i + 1 == chunks.len()));
        let len = u16::try_from(chunk.len()).unwrap();
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(*chunk);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in data {
        a = (a + u32::from(byte)) % 65521;
        b = (b + a) % 65521;
    }
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

#[test]
fn empty_strings_in_decimal_columns_are_a_warning_not_a_refusal() {
    // The shape of CDISC's adlbc example: decimal columns as strings, `""` where missing.
    let header = r#"{"datasetJSONCreationDateTime":"2024-11-11T15:09:13","datasetJSONVersion":"1.1.0","fileOID":"www.cdisc.org/StudyMSGv1/1/Define-XML_2.1.0/2024-11-11/adlbc","itemGroupOID":"IG.ADLBC","records":3,"name":"ADLBC","label":"Analysis Dataset Lab Blood Chemistry","columns":[{"itemOID":"IT.ADLBC.USUBJID","name":"USUBJID","label":"Unique Subject Identifier","dataType":"string","length":11},{"itemOID":"IT.ADLBC.PARAMCD","name":"PARAMCD","label":"Parameter Code","dataType":"string","length":8},{"itemOID":"IT.ADLBC.AVAL","name":"AVAL","label":"Analysis Value","dataType":"decimal","targetDataType":"decimal"},{"itemOID":"IT.ADLBC.BASE","name":"BASE","label":"Baseline Value","dataType":"decimal","targetDataType":"decimal"}]}"#;
    let rows = [
        r#"["01-701-1015","ALB","38","38"]"#,
        r#"["01-701-1015","ALB","39",""]"#,
        r#"["01-701-1015","ALT","",""]"#,
    ];
    let ndjson = format!("{header}\n{}\n", rows.join("\n"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("adlbc.dsjc"),
        zlib_stored(ndjson.as_bytes()),
    )
    .unwrap();
    let o = trialbridge(dir.path())
        .args([
            "validate",
            "adlbc.dsjc",
            "--format",
            "json",
            "--select",
            "FM,RL",
        ])
        .output()
        .unwrap();
    assert_ne!(o.status.code(), Some(2), "{}{}", stdout(&o), stderr(&o));
    let report = json_report(&o);
    assert_eq!(errors(&report), Vec::<String>::new());
    let mut blank: Vec<(String, u64)> = findings(&report)
        .iter()
        .filter(|f| f["code"] == "FM0070")
        .map(|f| {
            assert_eq!(f["severity"], "warning");
            (
                f["variables"][0].as_str().unwrap().to_owned(),
                f["record"].as_u64().unwrap(),
            )
        })
        .collect();
    blank.sort();
    assert_eq!(
        blank,
        [("AVAL".to_owned(), 3), ("BASE".to_owned(), 2)],
        "{report}"
    );
    assert!(codes(&report).iter().all(|c| *c != "RL0002"));
}
