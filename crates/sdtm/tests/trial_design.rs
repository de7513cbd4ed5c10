//! TS from the registry fixtures: the example study's parameters, and for every fixture and
//! CT.gov record that each TSPARMCD and coded value is a CDISC CT term. TA, TE, TI and TV are
//! in `trial_design_arms.rs`, the cross-checks in `trial_design_cross.rs`.
#![allow(clippy::unwrap_used)]

use model::{Dataset, Finding, Value};
use registry::StudyRecord;
use sdtm::trial_design::{Options, PlannedVisit, TrialDesign, build};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn record(rel: &str) -> StudyRecord {
    registry::read_path(root().join(rel)).unwrap()
}

/// The real ClinicalTrials.gov API v2 records in the standards folder.
fn ctgov_dir() -> PathBuf {
    standards::reference_dir().join("ctgov/api-v2-json")
}

/// One of them; a missing file fails the test.
fn ctgov(file: &str) -> StudyRecord {
    let path = ctgov_dir().join(file);
    registry::read_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn umin() -> StudyRecord {
    record("fixtures/registry/umin000015469.toml")
}

/// Every registry record the tests know: our fixtures and the real CT.gov downloads.
fn all_records() -> Vec<(String, StudyRecord)> {
    let mut out = Vec::new();
    for dir in [root().join("fixtures/registry"), ctgov_dir()] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| {
                matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("json" | "toml" | "xml")
                )
            })
            .collect();
        paths.sort();
        assert!(
            !paths.is_empty(),
            "no registry records in {}",
            dir.display()
        );
        for p in paths {
            out.push((p.display().to_string(), registry::read_path(&p).unwrap()));
        }
    }
    out
}

fn text(ds: &Dataset, row: usize, var: &str) -> Option<String> {
    ds.get(row, var)
        .filter(|v| !v.is_null())
        .map(Value::to_string)
}

/// TSVAL (joined with TSVAL1..n) of every record of one parameter, in TSSEQ order.
fn ts_values(ts: &Dataset, code: &str) -> Vec<Option<String>> {
    (0..ts.rows.len())
        .filter(|&r| text(ts, r, "TSPARMCD").as_deref() == Some(code))
        .map(|r| {
            let mut v = text(ts, r, "TSVAL")?;
            for i in 1.. {
                match ts.meta.index_of(&format!("TSVAL{i}")) {
                    Some(c) => {
                        if let Value::Char(s) = &ts.rows[r][c] {
                            v.push_str(s);
                        }
                    }
                    None => break,
                }
            }
            Some(v)
        })
        .collect()
}

fn ts_one(ts: &Dataset, code: &str) -> Option<String> {
    let v = ts_values(ts, code);
    assert_eq!(v.len(), 1, "{code}: {v:?}");
    v[0].clone()
}

fn ts_row(ts: &Dataset, code: &str) -> usize {
    (0..ts.rows.len())
        .find(|&r| text(ts, r, "TSPARMCD").as_deref() == Some(code))
        .unwrap_or_else(|| panic!("no TS {code}"))
}

fn text_column(ds: &Dataset, var: &str) -> Vec<String> {
    (0..ds.rows.len())
        .filter_map(|r| text(ds, r, var))
        .collect()
}

fn codes(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

fn example() -> TrialDesign {
    build(
        &umin(),
        &Options {
            visits: PlannedVisit::weeks(&[0, 4, 12, 24, 36, 52]),
            treatment_duration: Some("P52W".into()),
            ..Options::default()
        },
    )
}

#[test]
fn example_study_ts_answers_what_the_registry_knows() {
    let td = example();
    let ts = &td.ts;
    assert_eq!(ts.name(), "TS");
    assert_eq!(ts_one(ts, "TPHASE").as_deref(), Some("PHASE II TRIAL"));
    let r = ts_row(ts, "TPHASE");
    assert_eq!(text(ts, r, "TSVALCD").as_deref(), Some("C15601"));
    assert_eq!(text(ts, r, "TSVCDREF").as_deref(), Some("CDISC CT"));
    assert_eq!(text(ts, r, "TSVCDVER").as_deref(), Some("2022-03-25"));
    assert_eq!(
        text(ts, r, "TSPARM").as_deref(),
        Some("Trial Phase Classification")
    );
    assert_eq!(ts_one(ts, "ACTSUB").as_deref(), Some("58"));
    assert_eq!(ts_one(ts, "NARMS").as_deref(), Some("2"));
    assert_eq!(ts_one(ts, "STYPE").as_deref(), Some("INTERVENTIONAL"));
    assert_eq!(ts_one(ts, "INTMODEL").as_deref(), Some("PARALLEL"));
    assert_eq!(ts_one(ts, "RANDOM").as_deref(), Some("Y"));
    assert_eq!(ts_one(ts, "TBLIND").as_deref(), Some("OPEN LABEL"));
    assert_eq!(ts_one(ts, "TINDTP").as_deref(), Some("TREATMENT"));
    assert_eq!(ts_one(ts, "SSTDTC").as_deref(), Some("2014-11"));
    assert_eq!(
        text(ts, ts_row(ts, "SSTDTC"), "TSVCDREF").as_deref(),
        Some("ISO 8601")
    );
    assert_eq!(ts_one(ts, "AGEMIN").as_deref(), Some("P18Y"));
    assert_eq!(ts_one(ts, "AGEMAX"), None);
    assert_eq!(
        text(ts, ts_row(ts, "AGEMAX"), "TSVALNF").as_deref(),
        Some("PINF")
    );
    assert_eq!(ts_one(ts, "FCNTRY").as_deref(), Some("JPN"));
    assert_eq!(ts_one(ts, "REGID").as_deref(), Some("UMIN000015469"));
    let r = ts_row(ts, "REGID");
    assert_eq!(text(ts, r, "TSVALCD").as_deref(), Some("UMIN000015469"));
    assert_eq!(text(ts, r, "TSVCDREF").as_deref(), Some("UMIN-CTR"));
    assert_eq!(ts_values(ts, "INDIC").len(), 4);
    assert_eq!(
        ts_values(ts, "TRT"),
        ["Tacrolimus", "Cyclosporin A"].map(|s| Some(s.to_owned())),
        "prednisolone is given in both arms: background, not investigational"
    );
    assert!(
        ts_one(ts, "OUTMSPRI")
            .unwrap()
            .ends_with("[time frame: 52 weeks]")
    );
    assert_eq!(ts_values(ts, "OUTMSSEC").len(), 3);
    // What the paper does not say stays null with a null flavor, and says so.
    for code in [
        "SPONSOR", "PLANSUB", "SEXPOP", "OBJPRIM", "SENDTC", "TCNTRL",
    ] {
        let r = ts_row(ts, code);
        assert_eq!(text(ts, r, "TSVAL"), None, "{code}");
        assert_eq!(text(ts, r, "TSVALNF").as_deref(), Some("NI"), "{code}");
        assert!(
            td.findings
                .iter()
                .any(|f| f.code == "RG0002" && f.message.contains(&format!("TS {code}:"))),
            "{code}"
        );
    }
    // TSSEQ counts within a parameter.
    let seqs: Vec<f64> = (0..ts.rows.len())
        .filter(|&r| text(ts, r, "TSPARMCD").as_deref() == Some("INDIC"))
        .map(|r| ts.get(r, "TSSEQ").unwrap().as_f64().unwrap())
        .collect();
    assert_eq!(seqs, [1.0, 2.0, 3.0, 4.0]);
}

#[test]
fn a_tsval_over_200_characters_is_split_into_tsval1_and_tsval2() {
    let mut rec = umin();
    let long = format!("{} (extended) ", rec.titles.brief.clone().unwrap()).repeat(3);
    rec.titles.official = Some(long.trim().to_owned());
    let td = build(&rec, &Options::default());
    let ts = &td.ts;
    assert_eq!(ts_one(ts, "TITLE").as_deref(), Some(long.trim()));
    let r = ts_row(ts, "TITLE");
    for v in ["TSVAL", "TSVAL1", "TSVAL2"] {
        let piece = text(ts, r, v).unwrap();
        assert!(!piece.is_empty() && piece.len() <= 200, "{v}: {piece}");
    }
    assert_eq!(
        ts.meta.variable("TSVAL1").unwrap().label,
        "Parameter Value 1"
    );
    let at = |n: &str| ts.meta.index_of(n).unwrap();
    assert_eq!(
        (at("TSVAL1"), at("TSVAL2")),
        (at("TSVAL") + 1, at("TSVAL") + 2)
    );
    // Other parameters leave the extra columns null.
    assert_eq!(text(ts, ts_row(ts, "TPHASE"), "TSVAL1"), None);
    assert!(codes(&td.findings).contains(&"RG0005"));
    // The example study's own title fits.
    assert!(!codes(&example().findings).contains(&"RG0005"));
}

#[test]
fn ts_has_ig_metadata_and_sorted_rows() {
    let td = example();
    let ts = &td.ts;
    let names: Vec<&str> = ts.meta.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "STUDYID", "DOMAIN", "TSSEQ", "TSPARMCD", "TSPARM", "TSVAL", "TSVALNF", "TSVALCD",
            "TSVCDREF", "TSVCDVER"
        ]
    );
    for v in &ts.meta.variables {
        assert!(v.length.is_some(), "{}", v.name);
        assert!(v.label.len() <= 40 && !v.label.is_empty(), "{}", v.name);
        assert!(v.core.is_some(), "{}", v.name);
    }
    let keys: Vec<(String, f64)> = (0..ts.rows.len())
        .map(|r| {
            (
                text(ts, r, "TSPARMCD").unwrap(),
                ts.get(r, "TSSEQ").unwrap().as_f64().unwrap(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    assert_eq!(keys, sorted);
    assert!(ts.rows.iter().all(|r| r[0] == Value::char("UMIN000015469")));
    assert!(ts.rows.iter().all(|r| r[1] == Value::char("TS")));
}

#[test]
fn every_tsparmcd_and_coded_tsval_is_in_ct() {
    let ct = standards::ct();
    let parmcd = ct.codelist("TSPARMCD").unwrap();
    let parm = ct.codelist("TSPARM").unwrap();
    let coded = [
        ("TPHASE", "TPHASE"),
        ("STYPE", "STYPE"),
        ("INTMODEL", "INTMODEL"),
        ("RANDOM", "NY"),
        ("HLTSUBJI", "NY"),
        ("SEXPOP", "SEXPOP"),
        ("TBLIND", "TBLIND"),
        ("TCNTRL", "TCNTRL"),
        ("TINDTP", "TINDTP"),
        ("INTTYPE", "INTTYPE"),
    ];
    let nulls = [
        "NI", "UNK", "NA", "PINF", "NINF", "NASK", "ASKU", "NAV", "OTH", "MSK",
    ];
    for (name, rec) in all_records() {
        let td = build(&rec, &Options::default());
        let ts = &td.ts;
        assert!(!ts.rows.is_empty(), "{name}");
        for r in 0..ts.rows.len() {
            let cd = text(ts, r, "TSPARMCD").unwrap();
            assert!(parmcd.contains(&cd), "{name}: TSPARMCD {cd}");
            let p = text(ts, r, "TSPARM").unwrap();
            assert!(parm.contains(&p), "{name}: TSPARM {p}");
            assert_eq!(ct.pair("TSPARMCD", &cd, "TSPARM"), Some(p.as_str()));
            let val = text(ts, r, "TSVAL");
            let nf = text(ts, r, "TSVALNF");
            assert!(
                val.is_some() != nf.is_some(),
                "{name}: {cd} needs TSVAL xor TSVALNF"
            );
            if let Some(nf) = nf {
                assert!(nulls.contains(&nf.as_str()), "{name}: {cd} TSVALNF {nf}");
            }
            if let (Some(v), Some((_, list))) = (val, coded.iter().find(|(c, _)| *c == cd)) {
                let cl = ct.codelist(list).unwrap();
                let term = cl
                    .term(&v)
                    .unwrap_or_else(|| panic!("{name}: {cd} `{v}` not in {list}"));
                assert_eq!(text(ts, r, "TSVALCD").as_deref(), Some(term.code.as_str()));
                assert_eq!(text(ts, r, "TSVCDVER").as_deref(), Some("2022-03-25"));
            }
        }
        for ds in td.datasets() {
            for v in &ds.meta.variables {
                assert!(
                    v.length.is_some_and(|l| l <= 200),
                    "{name}: {}.{}",
                    ds.name(),
                    v.name
                );
            }
        }
        for r in 0..td.ta.rows.len() {
            let code = text(&td.ta, r, "ARMCD").unwrap();
            assert!(code.len() <= 20, "{name}: {code}");
        }
        assert!(
            td.findings.iter().all(|f| f.code.starts_with("RG")),
            "{name}"
        );
    }
}

#[test]
fn ctgov_records_map_design_and_phase() {
    let dupi = build(&ctgov("NCT02210780.json"), &Options::default());
    let ts = &dupi.ts;
    assert_eq!(ts_one(ts, "TPHASE").as_deref(), Some("PHASE II TRIAL"));
    assert_eq!(ts_one(ts, "TBLIND").as_deref(), Some("DOUBLE BLIND"));
    assert!(
        codes(&dupi.findings).contains(&"RG0004"),
        "triple masking is lossy"
    );
    assert_eq!(ts_one(ts, "TCNTRL").as_deref(), Some("PLACEBO"));
    assert_eq!(ts_one(ts, "AGEMAX").as_deref(), Some("P64Y"));
    assert_eq!(ts_one(ts, "REGID").as_deref(), Some("NCT02210780"));
    assert_eq!(
        text(ts, ts_row(ts, "REGID"), "TSVCDREF").as_deref(),
        Some("ClinicalTrials.gov")
    );
    assert_eq!(ts_one(ts, "ACTSUB").as_deref(), Some("194"));
    assert_eq!(text_column(&dupi.ta, "ARMCD").len(), 2 * 2);

    let caries = build(&ctgov("NCT00973089.json"), &Options::default());
    assert_eq!(
        ts_one(&caries.ts, "TPHASE").as_deref(),
        Some("NOT APPLICABLE")
    );
    assert_eq!(
        ts_one(&caries.ts, "TBLIND").as_deref(),
        Some("SINGLE BLIND")
    );

    let obs = build(&ctgov("NCT06171568.json"), &Options::default());
    assert_eq!(ts_one(&obs.ts, "STYPE").as_deref(), Some("OBSERVATIONAL"));
    assert_eq!(ts_one(&obs.ts, "TPHASE").as_deref(), Some("NOT APPLICABLE"));
    assert_eq!(
        text(&obs.ts, ts_row(&obs.ts, "INTMODEL"), "TSVALNF").as_deref(),
        Some("NA")
    );
    assert!(obs.ta.rows.is_empty() && obs.te.rows.is_empty());
    assert!(codes(&obs.findings).contains(&"RG0011"));
    assert_eq!(ts_one(&obs.ts, "PLANSUB").as_deref(), Some("400"));
}

#[test]
fn a_record_without_ids_gets_unknown_studyid_or_the_callers() {
    let rec = record("fixtures/registry/seed000-jak-vs-cni-ass-ild.json");
    let td = build(&rec, &Options::default());
    assert!(codes(&td.findings).contains(&"RG0001"));
    assert_eq!(text(&td.ts, 0, "STUDYID").as_deref(), Some("UNKNOWN"));
    assert_eq!(
        text(&td.ts, ts_row(&td.ts, "REGID"), "TSVALNF").as_deref(),
        Some("NI")
    );
    // Enrollment with no type in a study not known to have ended is the planned number.
    assert_eq!(ts_one(&td.ts, "PLANSUB").as_deref(), Some("80"));
    assert!(codes(&td.findings).contains(&"RG0007"));
    let named = build(
        &rec,
        &Options {
            studyid: Some("JAK-ILD".into()),
            ..Options::default()
        },
    );
    assert!(!codes(&named.findings).contains(&"RG0001"));
    assert_eq!(text(&named.ts, 0, "STUDYID").as_deref(), Some("JAK-ILD"));
}

#[test]
fn single_arm_phase_4_is_not_randomized_and_has_no_control() {
    let td = build(
        &record("fixtures/registry/nct04966884.json"),
        &Options::default(),
    );
    let ts = &td.ts;
    assert_eq!(ts_one(ts, "TPHASE").as_deref(), Some("PHASE IV TRIAL"));
    assert_eq!(ts_one(ts, "RANDOM").as_deref(), Some("N"));
    assert_eq!(ts_one(ts, "TCNTRL").as_deref(), Some("NONE"));
    assert_eq!(ts_one(ts, "INTMODEL").as_deref(), Some("SINGLE GROUP"));
    assert_eq!(ts_one(ts, "SSTDTC").as_deref(), Some("2020-04-02"));
    assert_eq!(ts_one(ts, "SENDTC").as_deref(), Some("2021-12-30"));
    // One arm, so no branch.
    assert!(text_column(&td.ta, "TABRANCH").is_empty());
}

#[test]
fn building_twice_gives_the_same_datasets() {
    let a = example();
    let b = example();
    assert_eq!(a.ts, b.ts);
    assert_eq!(a.ta, b.ta);
    assert_eq!(a.findings, b.findings);
}

#[test]
fn every_code_is_documented() {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("src/trial_design/mod.rs"),
    )
    .unwrap();
    for code in sdtm::trial_design::codes::ALL {
        assert!(
            doc.contains(&format!("//! | {code} |")),
            "{code} undocumented"
        );
    }
}
