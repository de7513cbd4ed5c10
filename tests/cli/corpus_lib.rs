//! The bad-input corpus through readers that have no command yet (workbooks, registry
//! records, define.xml reference checks, mapping specs), and the fuzzers' seeds and
//! minimized crashes replayed through the fuzz targets' code.
//!
//! Each case runs in a child process (this test binary again, filtered to [`worker`]) under
//! the same 1 GiB address-space limit and 20 s deadline as the binary's corpus tests, so an
//! abort, an over-allocation or a hang fails one test instead of taking the run down.

use crate::corpus::{assert_no_rust_noise, corpus, has_position, run_bounded};
use crate::repo;
use model::{DatasetReader, Finding};
use std::process::Command;

/// What a case's reader said, one line each: `err <message>` or `ok <finding>`.
fn outcome(case: &str) -> Vec<String> {
    outcome_with(case, false)
}

/// [`outcome`], allowing panic text on standard error when a guard caught the panic.
fn outcome_with(case: &str, caught_panic: bool) -> Vec<String> {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "corpus_lib::worker",
        "--exact",
        "--nocapture",
        "--test-threads=1",
    ])
    .env("CORPUS_CASE", case)
    .env_remove("RUST_BACKTRACE");
    let o = run_bounded(cmd, case);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        o.status.success(),
        "{case}: the reader panicked:\n{out}{err}"
    );
    if !caught_panic {
        assert_no_rust_noise(case, &err);
    }
    out.lines()
        .filter_map(|l| l.split_once("OUTCOME ").map(|(_, rest)| rest))
        .map(str::to_owned)
        .collect()
}

/// Runs one case in this process when `CORPUS_CASE` names it; otherwise does nothing.
#[test]
fn worker() {
    let Ok(case) = std::env::var("CORPUS_CASE") else {
        return;
    };
    let (kind, arg) = case.split_once(':').unwrap();
    let say = |s: String| println!("OUTCOME {}", s.replace('\n', " \\n "));
    let said_findings = |fs: &[Finding]| {
        for f in fs {
            say(format!("ok {f}"));
        }
    };
    match kind {
        "sheets" => match sheets::Workbook::open(corpus(arg)) {
            Err(e) => say(format!("err {e}")),
            Ok(mut book) => {
                let mut fs = Vec::new();
                match book.read_table(&sheets::TableSpec::default(), &mut fs) {
                    Err(e) => say(format!("err {e}")),
                    Ok(_) => {
                        say("ok read".into());
                        said_findings(&fs);
                    }
                }
            }
        },
        "registry" => match registry::read_path(corpus(arg)) {
            Err(e) => say(format!("err {e}")),
            Ok(_) => say("ok read".into()),
        },
        "define" => {
            let bytes = std::fs::read(corpus(arg)).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            say("ok read".into());
            said_findings(&define::doc::check_references(&text));
        }
        "mapping" => match sdtm::compile_dir(&corpus(arg)) {
            Err(e) => say(format!("err {e}")),
            Ok(_) => say("ok read".into()),
        },
        "replay" => replay(arg, &say),
        _ => panic!("unknown case kind {kind}"),
    }
}

/// Feeds every file under `fuzz/seeds/<target>/` to what the fuzz target calls.
/// The seeds and the minimized corpus the fuzzers left (`fuzz/corpus-min`, see fuzz/README.md).
fn replay(target: &str, say: &dyn Fn(String)) {
    let dir = repo().join("fuzz/seeds").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    assert!(!files.is_empty(), "no seeds in {}", dir.display());
    if let Ok(min) = std::fs::read_dir(repo().join("fuzz/corpus-min").join(target)) {
        files.extend(min.map(|e| e.unwrap().path()));
    }
    files.sort();
    for path in &files {
        let data = std::fs::read(path).unwrap();
        fuzz_one(target, &data);
        say(format!(
            "ok {}",
            path.file_name().unwrap().to_string_lossy()
        ));
    }
}

include!("../../fuzz/core_rule_dm.rs");
include!("../../fuzz/registry_record.rs");
include!("../../fuzz/fhir_version.rs");
include!("../../fuzz/study_file.rs");
include!("../../fuzz/analysis_spec.rs");
include!("../../fuzz/dataset_package.rs");

/// The body of each fuzz target (fuzz/fuzz_targets/*.rs), minus libFuzzer.
fn fuzz_one(target: &str, data: &[u8]) {
    let text = std::str::from_utf8(data).ok();
    match target {
        "xpt_reader" => {
            if let Ok((datasets, _)) = formats::xpt::read_all_members(data) {
                for ds in &datasets {
                    assert!(ds.rows.iter().all(|r| r.len() == ds.meta.variables.len()));
                }
            }
        }
        "dataset_json_reader" => {
            use formats::dataset_json::{Flavor, reader};
            let Some((&pick, body)) = data.split_first() else {
                return;
            };
            let flavor = [Flavor::Json, Flavor::Ndjson, Flavor::Dsjc][usize::from(pick % 3)];
            if let Ok(mut r) = reader(flavor, std::io::Cursor::new(body.to_vec())) {
                let width = r.meta().variables.len();
                let mut row = Vec::new();
                for _ in 0..100_000 {
                    match r.read_row(&mut row) {
                        Ok(true) => assert_eq!(row.len(), width),
                        Ok(false) | Err(_) => break,
                    }
                }
                let _ = r.findings();
            }
        }
        "ctgov_json" => {
            if let Some(t) = text {
                let _ = registry::ctgov_json::read_str(t).map_err(|e| e.to_string());
            }
        }
        "ctgov_xml" => {
            if let Some(t) = text {
                let _ = registry::ctgov_xml::read_str(t).map_err(|e| e.to_string());
                let _ = registry::ictrp::read_all(t).map_err(|e| e.to_string());
            }
        }
        "iso8601" => {
            if let Some(v) = text.and_then(|t| t.parse::<model::IsoDateTime>().ok()) {
                let printed = v.to_string();
                assert_eq!(printed.parse::<model::IsoDateTime>().ok(), Some(v));
            }
        }
        "mapping_spec" => {
            if let Some(t) = text {
                for name in ["dm.toml", "visits.toml"] {
                    let files = [(name.to_owned(), t.to_owned())];
                    let _ = sdtm::compile_files(&files).map_err(|e| e.to_string());
                }
            }
        }
        "core_rule" => {
            if let Some(t) = text {
                match core_rules::RuleBook::from_text("fuzz.yml", t) {
                    Ok(book) => {
                        let package = core_rules::Package {
                            standard: core_rules::Standard::new("SDTMIG", "3.4"),
                            datasets: vec![fuzz_dm().into()],
                        };
                        let _ = book.run_all(&package);
                    }
                    Err(errors) => {
                        let _ = errors.iter().map(ToString::to_string).count();
                    }
                }
            }
        }
        "registry_record" => registry_record(data),
        "fhir_version" => fhir_version(data),
        "study_file" => study_file(data),
        "dataset_package" => dataset_package(data),
        "analysis_spec" => {
            static SDTM: std::sync::OnceLock<Vec<model::Dataset>> = std::sync::OnceLock::new();
            analysis_spec(data, SDTM.get_or_init(|| seed000_sdtm(repo())));
        }
        "define_check" => {
            if let Some(t) = text {
                let _ = define::doc::check_references(t);
            }
        }
        "csv_reader" => {
            use formats::csv::{CsvOptions, CsvReader, CsvWriter, infer_meta};
            use model::{DatasetWriter, Value};
            let Ok(meta) = infer_meta(data, "DM") else {
                return;
            };
            let Ok(Ok(ds)) = CsvReader::new(data, meta.clone()).map(|r| r.read_all()) else {
                return;
            };
            if meta.variables.is_empty() {
                return;
            }
            // What reads, written back and read again, gives the same values.
            let mut w = CsvWriter::new(Vec::new(), &meta, CsvOptions::default()).unwrap();
            for row in &ds.rows {
                w.write_row(row).unwrap();
            }
            let bytes = w.finish().unwrap().0;
            let back = CsvReader::new(&bytes[..], meta)
                .unwrap()
                .read_all()
                .unwrap();
            let plain = |v: &Value| match v {
                Value::Missing(_) => Value::NULL,
                other => other.clone(),
            };
            assert_eq!(back.rows.len(), ds.rows.len());
            for (a, b) in ds.rows.iter().zip(&back.rows) {
                assert_eq!(
                    a.iter().map(plain).collect::<Vec<_>>(),
                    b.iter().map(plain).collect::<Vec<_>>()
                );
            }
        }
        "workbook" => {
            let Some((&pick, body)) = data.split_first() else {
                return;
            };
            let ext = ["xlsx", "xls", "ods", "csv"][usize::from(pick % 4)];
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join(format!("in.{ext}"));
            std::fs::write(&path, body).unwrap();
            if let Ok(mut book) = sheets::Workbook::open(&path) {
                let names: Vec<String> = book.sheets().iter().map(|s| s.name.clone()).collect();
                for name in names.into_iter().take(16) {
                    let spec = sheets::TableSpec {
                        sheet: Some(name),
                        allow_hidden: true,
                        ..sheets::TableSpec::default()
                    };
                    let _ = book.read_table(&spec, &mut Vec::new());
                }
            }
        }
        _ => panic!("unknown fuzz target {target}"),
    }
}

/// A file the reader must refuse: one `err` line naming the file (when `named`) and saying
/// `says`.
fn assert_refused(kind: &str, file: &str, says: &str) {
    let lines = outcome(&format!("{kind}:{file}"));
    let [line] = lines.as_slice() else {
        panic!("{file}: expected one error, got {lines:#?}");
    };
    let msg = line
        .strip_prefix("err ")
        .unwrap_or_else(|| panic!("{file}: read without an error: {lines:#?}"));
    assert!(msg.contains(says), "{file}: says `{says}`: {msg}");
    assert_eq!(msg.lines().count(), 1, "{msg}");
}

fn path_of(file: &str) -> String {
    corpus(file).display().to_string()
}

// ----------------------------------------------------------------------------- workbooks

#[test]
fn damaged_workbooks_are_refused_naming_the_file() {
    for (file, says) in [
        (
            "xlsx/truncated.xlsx",
            "no end-of-archive record (the file is truncated or not a zip archive)",
        ),
        (
            "xlsx/garbage.xlsx",
            "neither a zip archive nor an OLE compound file",
        ),
        // Random bytes that start with `<` are taken for markup: the advice is off, the
        // refusal is right.
        (
            "xlsx/garbage_starting_with_lt.xlsx",
            "an HTML or XML file named like a workbook",
        ),
        (
            "xlsx/empty.xlsx",
            "neither a zip archive nor an OLE compound file",
        ),
        (
            "xlsx/html_named_xls.xls",
            "an HTML or XML file named like a workbook",
        ),
        (
            "xlsx/password_protected.xlsx",
            "encrypted workbook (password protected)",
        ),
        (
            "xlsx/directory_past_end.xlsx",
            "the member directory lies past the end of the file",
        ),
        ("xlsx/no_workbook_part.xlsx", "File not found '_rels/.rels'"),
        (
            "xlsx/truncated_content.ods",
            "'META-INF/manifest.xml' file not found",
        ),
    ] {
        assert_refused("sheets", file, &format!("{}: ", path_of(file)));
        assert_refused("sheets", file, says);
    }
}

#[test]
fn zip_bombs_are_refused_by_what_they_claim_naming_the_member() {
    for (file, says) in [
        (
            "xlsx/zip_bomb_member_size.xlsx",
            "archive member `xl/worksheets/sheet1.xml` claims 4000000000 bytes uncompressed, over the limit of 1073741824",
        ),
        (
            "xlsx/zip_bomb_ratio.xlsx",
            "archive member `xl/worksheets/sheet1.xml` claims a compression ratio of 600000:1",
        ),
        (
            "xlsx/zip_bomb_total.xlsx",
            "archive claims 4750002253 bytes uncompressed in total, over the limit of 4294967296",
        ),
    ] {
        assert_refused("sheets", file, &format!("{}: {says}", path_of(file)));
    }
}

#[test]
fn a_malformed_sheet_is_refused_naming_file_and_sheet() {
    let file = "xlsx/malformed_sheet_xml.xlsx";
    assert_refused(
        "sheets",
        file,
        &format!(
            "{}!Demographics: Xlsx error: Unexpected end of xml",
            path_of(file)
        ),
    );
}

#[test]
fn a_shared_strings_count_past_usize_is_refused() {
    // Refused from the claim, before calamine would panic on a capacity overflow.
    let file = "xlsx/shared_strings_claimed_overflow.xlsx";
    let lines = outcome_with(&format!("sheets:{file}"), true);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("err ") && l.contains("xl/sharedStrings.xml claims")),
        "{lines:#?}"
    );
}

#[test]
fn a_caught_reader_panic_prints_nothing() {
    outcome("sheets:xlsx/shared_strings_claimed_overflow.xlsx");
}

#[test]
fn a_shared_strings_table_claiming_ten_billion_strings_is_refused() {
    assert_refused(
        "sheets",
        "xlsx/shared_strings_claimed_huge.xlsx",
        "sharedStrings.xml",
    );
}

#[test]
fn deep_nesting_in_a_sheet_neither_crashes_nor_hangs() {
    // calamine reads past unknown elements without recursion; the cells inside still count.
    let lines = outcome("sheets:xlsx/deep_nesting_sheet.xlsx");
    assert!(!lines.is_empty(), "{lines:#?}");
}

#[test]
fn damaged_csv_workbooks_are_findings_at_the_cell() {
    for (file, finding) in [
        (
            "csv/nul_bytes.csv",
            "csv/nul_bytes.csv!nul_bytes!B2: error[SI0013] NUL bytes in the field (removed)",
        ),
        (
            "csv/mixed_encodings.csv",
            "!mixed_encodings!A3: notice[SI0003] not valid UTF-8 (first invalid byte on line 3): decoded as Windows-1252",
        ),
        (
            "csv/ragged_rows.csv",
            "!ragged_rows!C2: warning[SI0002] row 2 has 2 fields, the first row has 3",
        ),
        (
            "csv/duplicate_headers.csv",
            "!duplicate_headers!C1: error[SI0005] header `AGE` repeats the one in B1",
        ),
        (
            "csv/binary_garbage.csv",
            "!binary_garbage!A1: notice[SI0003] not valid UTF-8",
        ),
    ] {
        let lines = outcome(&format!("sheets:{file}"));
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with("ok ") && l.contains(finding)),
            "{file}: `{finding}` in {lines:#?}"
        );
    }
}

#[test]
fn an_unterminated_quote_in_a_csv_workbook_is_a_finding() {
    let lines = outcome("sheets:csv/unterminated_quote.csv");
    assert!(lines.len() > 1, "{lines:#?}");
}

// ------------------------------------------------------------------------------ registry

#[test]
fn broken_registry_records_are_refused_with_a_position() {
    for (file, says) in [
        (
            "registry/ctgov_truncated.json",
            "ClinicalTrials.gov API v2 JSON: syntax error at line 5, column 64",
        ),
        (
            "registry/ctgov_wrong_types.json",
            "`/protocolSection/designModule/phases`: expected an array, found string \"PHASE2\"",
        ),
        (
            "registry/ctgov_deep_nesting.json",
            "syntax error at line 1, column 146: recursion limit exceeded",
        ),
        (
            "registry/ctgov_latin1.json",
            "ClinicalTrials.gov API v2 JSON: not UTF-8 at line 3, column 69",
        ),
        (
            "registry/ctgov_truncated.xml",
            "ClinicalTrials.gov legacy XML: syntax error at line 6, column 3",
        ),
        (
            "registry/ctgov_deep_nesting.xml",
            "syntax error at line 4, column 192: elements nested deeper than 64",
        ),
        (
            "registry/study_syntax_error.toml",
            "study TOML: syntax error at line 3, column 22",
        ),
    ] {
        assert_refused("registry", file, says);
        let msg = outcome(&format!("registry:{file}")).remove(0);
        assert!(has_position(&msg), "{file}: {msg}");
    }
    // No root to go by: the file is named instead of a position.
    let file = "registry/ctgov_root_is_array.json";
    assert_refused(
        "registry",
        file,
        &format!("cannot tell which registry format {} is", path_of(file)),
    );
}

#[test]
fn external_entities_and_billion_laughs_are_refused_at_the_doctype() {
    for (file, format) in [
        ("registry/ctgov_xxe.xml", "ClinicalTrials.gov legacy XML"),
        (
            "registry/ctgov_billion_laughs.xml",
            "ClinicalTrials.gov legacy XML",
        ),
        ("registry/ictrp_xxe.xml", "WHO ICTRP XML"),
        ("registry/ictrp_billion_laughs.xml", "WHO ICTRP XML"),
    ] {
        assert_refused(
            "registry",
            file,
            &format!(
                "{format}: DOCTYPE declaration at line 2, column 1 refused: DTDs and entity declarations are not accepted"
            ),
        );
    }
}

// ------------------------------------------------------------------------------ define.xml

#[test]
fn broken_define_xml_is_an_error_finding_with_a_line() {
    for (file, finding) in [
        (
            "define/deep_nesting.xml",
            "error[FM0120] line 10: not well-formed XML",
        ),
        (
            "define/truncated.xml",
            "error[FM0122] line 6: ItemOID `IT.DM.USUBJID` names no ItemDef",
        ),
    ] {
        let lines = outcome(&format!("define:{file}"));
        assert!(
            lines.iter().any(|l| l.contains(finding)),
            "{file}: `{finding}` in {lines:#?}"
        );
    }
}

#[test]
fn entities_in_define_xml_are_never_expanded() {
    // check_references does not resolve the DTD: no file is read, nothing is expanded, and
    // the check ends at once. (That the DOCTYPE passes without a finding is a gap, below.)
    for file in ["define/xxe.xml", "define/billion_laughs.xml"] {
        let lines = outcome(&format!("define:{file}"));
        assert!(lines.iter().all(|l| !l.contains("root:")), "{lines:#?}");
        assert!(lines.iter().all(|l| !l.contains("lollol")), "{lines:#?}");
    }
}

#[test]
fn a_doctype_in_define_xml_is_an_error_finding() {
    for file in ["define/xxe.xml", "define/billion_laughs.xml"] {
        let lines = outcome(&format!("define:{file}"));
        assert!(lines.iter().any(|l| l.contains("error[")), "{lines:#?}");
    }
}

// ---------------------------------------------------------------------------- mapping specs

#[test]
fn a_mapping_spec_that_refers_to_itself_is_refused_with_key_paths() {
    let file = "mapping/self_reference.toml";
    let lines = outcome(&format!("mapping:{file}"));
    let msg = lines.join("\n");
    let spec = path_of(file);
    for says in [
        format!("{spec}: variables: variables refer to each other in a cycle: AGE"),
        format!("{spec}: variables.AGE.from: `AGE` is not a variable defined above this one"),
        format!("{spec}: variables.USUBJID.concat[0]: `$USUBJID` is not a variable defined above"),
    ] {
        assert!(msg.contains(&says), "`{says}` in {msg}");
    }
    let file = "mapping/cycle.toml";
    let msg = outcome(&format!("mapping:{file}")).join("\n");
    let says = format!(
        "{}: variables: variables refer to each other in a cycle: SUBJID, USUBJID",
        path_of(file)
    );
    assert!(msg.contains(&says), "`{says}` in {msg}");
    let file = "mapping/not_toml.toml";
    let msg = outcome(&format!("mapping:{file}")).join("\n");
    assert!(msg.contains("not valid TOML"), "{msg}");
    assert!(msg.contains("line 2, column 11"), "{msg}");
}

// ---------------------------------------------------------------------- fuzz regressions

macro_rules! replay_tests {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            let target = stringify!($name).trim_start_matches("fuzz_seeds_");
            // The sheets guard catches calamine's panics, whose hook still prints them.
            let lines = outcome_with(&format!("replay:{target}"), target == "workbook");
            assert!(!lines.is_empty(), "{target}: no seed replayed");
        }
    )*};
}

replay_tests!(
    fuzz_seeds_xpt_reader,
    fuzz_seeds_dataset_json_reader,
    fuzz_seeds_ctgov_json,
    fuzz_seeds_ctgov_xml,
    fuzz_seeds_iso8601,
    fuzz_seeds_mapping_spec,
    fuzz_seeds_define_check,
    fuzz_seeds_csv_reader,
    fuzz_seeds_workbook,
    fuzz_seeds_core_rule,
    fuzz_seeds_registry_record,
    fuzz_seeds_fhir_version,
    fuzz_seeds_study_file,
    fuzz_seeds_analysis_spec,
    fuzz_seeds_dataset_package,
);

#[test]
fn the_xpt_fuzz_crash_is_a_truncation_error_not_a_4_gb_allocation() {
    let data = std::fs::read(repo().join("fuzz/seeds/xpt_reader/oom-npos-4gb.xpt")).unwrap();
    let e = formats::xpt::read_all_members(&data[..]).unwrap_err();
    assert!(e.to_string().contains("file ends inside"), "{e}");
}
