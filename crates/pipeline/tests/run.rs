//! The pipeline runs without the binary: a front end gives it a study, a folder and a
//! console, and gets back what each stage did.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use pipeline::run::{Shown, run};
use pipeline::{Console, Ctx};
use std::path::Path;
use std::sync::Mutex;

/// Keeps every line a stage says, as a front end other than a terminal would.
#[derive(Default)]
struct Recorded(Mutex<Vec<String>>);

impl Console for Recorded {
    fn say(&self, line: &str) {
        self.0.lock().unwrap().push(line.to_owned());
    }
}

#[test]
fn the_example_study_runs_through_every_stage_with_a_recording_console() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let study = study::Study::load(&root.join("fixtures/umin000015469.study.toml")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let console = Recorded::default();
    let ctx = Ctx {
        console: &console,
        mask: false,
        timestamp: model::Timestamp::parse("0").unwrap(),
    };
    let ran = run(&ctx, &study, out.path(), &Shown { root: Some(root) }).unwrap();

    let names: Vec<&str> = ran.stages.iter().map(|s| s.name).collect();
    for stage in [
        "sdtm",
        "design",
        "define",
        "adam",
        "fhir",
        "core",
        "validation",
    ] {
        assert!(names.contains(&stage), "{stage} missing from {names:?}");
    }
    for file in [
        "sdtm/dm.xpt",
        "sdtm/define.xml",
        "adam/adsl.xpt",
        "fhir/researchstudy-r5.json",
    ] {
        assert!(out.path().join(file).is_file(), "{file} not written");
    }
    assert!(ran.written.iter().all(|p| p.is_file()));
    assert_eq!(ran.report_html, out.path().join("validation/report.html"));
    let lines = console.0.lock().unwrap();
    assert!(lines[0].starts_with("study UMIN000015469 ("), "{lines:?}");
    // Inputs are shown relative to the root given, not as absolute paths.
    let manifest = std::fs::read_to_string(out.path().join("run.json")).unwrap();
    assert!(
        manifest.contains("\"fixtures/umin000015469/randomization.xlsx\""),
        "{manifest}"
    );
    assert!(!manifest.contains(env!("CARGO_MANIFEST_DIR")));
}
