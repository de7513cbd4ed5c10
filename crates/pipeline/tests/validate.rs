//! `validate` without the binary: a front end gives paths and a console and gets the
//! findings back, with the progress it was shown.

#![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

use pipeline::validate::{Request, unchecked, validate};
use pipeline::{Console, Ctx, Progress};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Counts the parts each counted step reports, as a web page's progress bar would.
#[derive(Default)]
struct Counting {
    steps: Mutex<Vec<String>>,
    read: std::sync::Arc<AtomicU64>,
}

struct Tick(std::sync::Arc<AtomicU64>);

impl Progress for Tick {
    fn inc(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }
}

impl Console for Counting {
    fn say(&self, _: &str) {}

    fn progress(&self, what: &str, _: u64) -> Box<dyn Progress> {
        self.steps.lock().unwrap().push(what.to_owned());
        Box::new(Tick(self.read.clone()))
    }
}

fn ctx(console: &dyn Console) -> Ctx<'_> {
    Ctx {
        console,
        mask: false,
        timestamp: model::Timestamp::parse("0").unwrap(),
    }
}

#[test]
fn the_pilot_package_is_read_checked_and_counted() {
    let pilot = standards::reference_dir().join("cdiscpilot01/sdtm");
    let console = Counting::default();
    let request = Request {
        paths: vec![pilot],
        ..Request::default()
    };
    let done = validate(&ctx(&console), &request).unwrap();
    // 17 datasets and the define.xml, each read once.
    assert_eq!(done.inputs.len(), 18);
    assert_eq!(console.read.load(Ordering::Relaxed), 18);
    assert_eq!(*console.steps.lock().unwrap(), ["read", "rules"]);
    assert!(done.checked.is_some(), "datasets were read, so CORE ran");
    assert!(!done.incomplete());
    assert!(unchecked(&done.findings).is_empty());
    assert!(done.findings.iter().any(|f| f.code.starts_with("SDT")));
}

#[test]
fn a_file_of_no_kind_makes_the_run_incomplete_unless_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("study.xml");
    std::fs::write(&odd, "<clinical_notes/>").unwrap();
    let mut request = Request {
        paths: vec![odd.clone()],
        ..Request::default()
    };
    let done = validate(&ctx(&pipeline::Silent), &request).unwrap();
    assert!(done.incomplete());
    assert!(done.checked.is_none(), "no dataset, no CORE run");
    assert_eq!(unchecked(&done.findings).len(), 1);
    request.skip_unknown = true;
    let skipped = validate(&ctx(&pipeline::Silent), &request).unwrap();
    assert!(!skipped.incomplete());
    assert!(!skipped.has_errors());
}

#[test]
fn a_missing_path_stops_the_run_with_its_name() {
    let request = Request {
        paths: vec!["/no/such/folder".into()],
        ..Request::default()
    };
    let Err(failure) = validate(&ctx(&pipeline::Silent), &request) else {
        panic!("a missing path must stop the run");
    };
    assert_eq!(
        failure.0[0].to_string(),
        "/no/such/folder: no such file or folder"
    );
}
