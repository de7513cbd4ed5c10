//! `validate --shard I/N` and `merge`: for N = 1, 2, 3 and 7, the parts of a run merged are
//! byte for byte the report the single run writes (in every format), on the example study's
//! workbooks, the CDISC pilot package and a folder of every kind of input; merge refuses
//! parts that do not make one run.

use crate::{repo, stderr, trialbridge};
use std::path::{Path, PathBuf};

/// `validate ARGS --format FORMAT` into `out`; the exit code.
fn validate(dir: &Path, args: &[String], extra: &[&str], format: &str, out: &Path) -> i32 {
    let o = trialbridge(dir)
        .arg("validate")
        .args(args)
        .args(extra)
        .args(["--format", format, "--output"])
        .arg(out)
        .output()
        .unwrap();
    assert!(out.exists(), "{}", stderr(&o));
    o.status.code().unwrap_or(-1)
}

/// Every report format but the console's.
const FORMATS: [&str; 5] = ["json", "sarif", "csv", "html", "xlsx"];

/// The single run against its shards merged, for every N, in every report format.
fn merged_equals_single(args: &[String]) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let single_code = validate(d, args, &[], "json", &d.join("single.json"));
    let single = std::fs::read(d.join("single.json")).unwrap();
    for format in &FORMATS[1..] {
        validate(d, args, &[], format, &d.join(format!("single.{format}")));
    }
    let all: serde_json::Value = serde_json::from_slice(&single).unwrap();
    let inputs = all["inputs"].as_array().unwrap().len();
    for n in [1, 2, 3, 7] {
        let mut parts: Vec<PathBuf> = Vec::new();
        let mut held = 0;
        for i in 0..n {
            let part = d.join(format!("part-{i}-of-{n}.json"));
            let shard = format!("{i}/{n}");
            validate(d, args, &["--shard", &shard], "json", &part);
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&part).unwrap()).unwrap();
            assert_eq!(v["shard"]["index"], i);
            held += v["inputs"].as_array().unwrap().len();
            parts.push(part);
        }
        assert_eq!(held, inputs, "every input in exactly one of {n} shards");
        for format in FORMATS {
            let out = d.join(format!("merged-{n}.{format}"));
            let o = trialbridge(d)
                .arg("merge")
                .args(&parts)
                .args(["--format", format, "--output"])
                .arg(&out)
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(single_code), "{}", stderr(&o));
            let want = std::fs::read(d.join(format!("single.{format}"))).unwrap();
            let got = std::fs::read(&out).unwrap();
            assert!(
                got == want,
                "{n} shards merged as {format} differ from the single run ({} against {} bytes)",
                got.len(),
                want.len()
            );
        }
    }
}

fn shown(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn shards_of_the_example_studys_workbooks_merge_into_the_single_run() {
    let fixtures = repo().join("fixtures/umin000015469");
    merged_equals_single(&[
        "--mapping".into(),
        shown(&repo().join("mappings/umin000015469")),
        "--with".into(),
        shown(&fixtures.join("randomization.xlsx")),
        shown(&fixtures),
    ]);
}

#[test]
fn shards_of_the_cdisc_pilot_package_merge_into_the_single_run() {
    let pilot = standards::reference_dir().join("cdiscpilot01/sdtm");
    merged_equals_single(&[shown(&pilot)]);
}

#[test]
fn shards_of_a_folder_of_every_kind_merge_into_the_single_run() {
    let reference = standards::reference_dir();
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let copy = |from: &Path, to: &str| {
        let to = inbox.join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    };
    for f in ["dm.xpt", "ae.xpt", "ts.xpt", "suppdm.xpt", "define.xml"] {
        copy(
            &reference.join("cdiscpilot01/sdtm").join(f),
            &format!("sdtm/{f}"),
        );
    }
    for sub in ["api-v2-json", "legacy-xml"] {
        for e in std::fs::read_dir(reference.join("ctgov").join(sub)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            copy(&p, &format!("registry/{name}"));
        }
    }
    for e in std::fs::read_dir(reference.join("fhir/r4/examples")).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        copy(&p, &format!("fhir/{name}"));
    }
    copy(
        &repo().join("fixtures/umin000015469/broken/site-02-mikatahara.xlsx"),
        "sites/site-02.xlsx",
    );
    std::fs::write(inbox.join("notes.csv"), "").unwrap();
    merged_equals_single(&[shown(&inbox), "--skip-unknown".into()]);
}

#[test]
fn merge_refuses_parts_that_do_not_make_one_run() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pilot = shown(&standards::reference_dir().join("cdiscpilot01/sdtm"));
    let part = |shard: &str, stamp: &str, name: &str| {
        let out = d.join(name);
        let o = trialbridge(d)
            .args(["validate", &pilot, "--shard", shard, "--timestamp", stamp])
            .args(["--format", "json", "--output"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(out.exists(), "{}", stderr(&o));
        out
    };
    let a = part("0/3", "0", "a.json");
    let b = part("1/3", "0", "b.json");
    let late = part("2/3", "86400", "late.json");
    let other_split = part("1/2", "0", "half.json");
    let merge = |parts: &[&PathBuf]| {
        trialbridge(d)
            .arg("merge")
            .args(parts)
            .args(["--format", "json"])
            .output()
            .unwrap()
    };
    let o = merge(&[&a, &b]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing part(s) for shard 2/3"),
        "{}",
        stderr(&o)
    );
    let o = merge(&[&a, &b, &late]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("same --timestamp"), "{}", stderr(&o));
    let o = merge(&[&a, &a, &b, &other_split]);
    let why = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(why.contains("given twice"), "{why}");
    assert!(why.contains("another split"), "{why}");
    // A whole run's report is not a part.
    let whole = d.join("whole.json");
    trialbridge(d)
        .args(["validate", &pilot, "--format", "json", "--output"])
        .arg(&whole)
        .output()
        .unwrap();
    let o = merge(&[&whole]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("not a part of a sharded run"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_shard_outside_its_count_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    for (shard, says) in [
        ("3/3", "below 3"),
        ("1/0", "at least one"),
        ("x", "INDEX/COUNT"),
    ] {
        let o = trialbridge(dir.path())
            .args(["validate", ".", "--shard", shard])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{shard}");
        assert!(stderr(&o).contains(says), "{shard}: {}", stderr(&o));
    }
}
