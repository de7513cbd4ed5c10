//! The bad-input corpus (`tests/corpus/`, see its README) through the binary: every damaged
//! file gives exit 1 or 2, one clear line naming the file and a position, no panic, no
//! signal, no hang, and it finishes under a 1 GiB address-space limit.

use crate::{repo, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Address-space ceiling for every run, KiB (1 GiB).
const MEMORY_KIB: u64 = 1 << 20;
/// A run longer than this is a hang.
const HANG: Duration = Duration::from_secs(20);

pub fn corpus(rel: &str) -> PathBuf {
    repo().join("tests/corpus").join(rel)
}

/// Runs `cmd` under `ulimit -v` with a deadline; panics on a hang or a signal.
pub fn run_bounded(cmd: Command, what: &str) -> Output {
    let program = cmd.get_program().to_owned();
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\""))
        .arg(program)
        .args(cmd.get_args());
    if let Some(dir) = cmd.get_current_dir() {
        sh.current_dir(dir);
    }
    for (k, v) in cmd.get_envs() {
        match v {
            Some(v) => sh.env(k, v),
            None => sh.env_remove(k),
        };
    }
    let mut child = sh
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut b).unwrap();
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut b).unwrap();
        b
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > HANG {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{what}: still running after {HANG:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let o = Output {
        status,
        stdout: out_t.join().unwrap(),
        stderr: err_t.join().unwrap(),
    };
    if status.code().is_none() {
        use std::os::unix::process::ExitStatusExt;
        panic!(
            "{what}: killed by signal {:?} (abort = 6: an allocation failed under the {MEMORY_KIB} KiB limit)\n{}",
            status.signal(),
            stderr(&o)
        );
    }
    o
}

fn tb(dir: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_trialbridge"));
    cmd.current_dir(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env_remove("CI")
        .env_remove("RUST_BACKTRACE");
    run_bounded(cmd, &args.join(" "))
}

/// Nothing a user should never see: panics, backtraces, debug formatting of errors.
pub fn assert_no_rust_noise(what: &str, text: &str) {
    for bad in [
        "panicked",
        "RUST_BACKTRACE",
        "stack backtrace",
        "memory allocation of",
        "Error {",
        "Os {",
        "kind: ",
    ] {
        assert!(!text.contains(bad), "{what}: output has `{bad}`:\n{text}");
    }
}

/// A line that names a place inside the file.
pub fn has_position(line: &str) -> bool {
    ["byte ", "line ", "record ", "column ", "`/", "rows["]
        .iter()
        .any(|p| line.contains(p))
}

/// One corpus file through `transcode` and `validate`.
struct Case {
    file: &'static str,
    /// Text the transcode error line must hold (after the file name).
    says: &'static str,
    /// Whether that line must also hold a position (false only where the README says why).
    positioned: bool,
}

const fn case(file: &'static str, says: &'static str) -> Case {
    Case {
        file,
        says,
        positioned: true,
    }
}

/// Files every reader must refuse, with exit 2 from `transcode` and an `RL0002` finding
/// (exit 2: the file could not be checked) from `validate`.
const REFUSED: &[Case] = &[
    case("xpt/empty.xpt", "byte 0: file is empty"),
    case(
        "xpt/garbage_after_library_header.xpt",
        "byte 240: expected the MEMBER header record",
    ),
    case(
        "xpt/html_pretending.xpt",
        "byte 0: not a SAS transport file (it is an HTML page",
    ),
    case("xpt/namestr_count_9999.xpt", "byte 920: NAMESTR 3"),
    case(
        "xpt/namestr_count_not_digits.xpt",
        "byte 608: invalid variable count",
    ),
    case("xpt/namestr_count_too_high.xpt", "byte 920: NAMESTR 3"),
    case(
        "xpt/namestr_overlap.xpt",
        "byte 780: NAMESTR 2 (variable \"AGE\"): numeric length 30000 is not 2 to 8",
    ),
    case(
        "xpt/namestr_position_2gb.xpt",
        "byte 1200: file ends inside the last observation",
    ),
    case(
        "xpt/numeric_length_1.xpt",
        "byte 780: NAMESTR 2 (variable \"AGE\"): numeric length 1 is not 2 to 8",
    ),
    case(
        "xpt/truncated_in_library_header.xpt",
        "byte 130: file ends inside the first real header record",
    ),
    case(
        "xpt/truncated_in_namestr.xpt",
        "byte 740: file ends inside the NAMESTR records",
    ),
    case(
        "xpt/truncated_mid_record.xpt",
        "byte 1081: file ends inside the last observation",
    ),
    case(
        "dsj/bad_iso_date.json",
        "byte 596): rows[0][1]: column BRTHDT is date, found string \"2024-13-45\"",
    ),
    case(
        "dsj/binary_garbage.json",
        "line 1, column 1 (byte 0): not valid JSON",
    ),
    case("dsj/columns_not_array.json", "columns: expected an array"),
    case(
        "dsj/deep_nesting_attribute.json",
        "JSON nested deeper than 64 levels",
    ),
    case(
        "dsj/deep_nesting_row.json",
        "rows[0][0]: column USUBJID is string, found an array or object",
    ),
    case(
        "dsj/deep_nesting_top.json",
        "line 1, column 1 (byte 0): not valid JSON",
    ),
    case("dsj/duplicate_attribute.json", "`name` appears twice"),
    case("dsj/garbage.dsjc", "(byte 0): corrupt deflate stream"),
    case("dsj/invalid_utf8.json", "text is not valid UTF-8"),
    case(
        "dsj/ndjson_row_not_array.ndjson",
        "line 2, column 1 (byte 541): not valid JSON: expected `[` opening a row",
    ),
    case(
        "dsj/number_out_of_range.json",
        "expected a number within double range, found 1e999",
    ),
    case(
        "dsj/row_narrower_than_columns.json",
        "rows[0]: the row has 1 values but there are 2 columns",
    ),
    case(
        "dsj/row_wider_than_columns.json",
        "rows[1]: the row has 4 values but there are 2 columns",
    ),
    case("dsj/truncated.dsjc", "incomplete deflate stream"),
    case("dsj/truncated.json", "the file ends early"),
    case(
        "dsj/wrong_value_type.json",
        "rows[1][1]: column AGE is integer, found string \"sixty-one\"",
    ),
    case("csv/binary_garbage.csv", "line 1: CSV parse error"),
    case("csv/mixed_encodings.csv", "line 3: CSV parse error"),
    case("csv/ragged_rows.csv", "line 2: 2 fields for 3 columns"),
    case("csv/utf16_with_bom.csv", "line 1: CSV parse error"),
];

/// Where `transcode` sends a file: a different format, so every reader path is the input's.
fn target_for(file: &str) -> &'static str {
    if file.ends_with(".xpt") || file.ends_with(".csv") || file.ends_with(".ndjson") {
        "out.json"
    } else {
        "out.ndjson"
    }
}

/// A fresh folder holding a copy of the corpus file under its corpus-relative name, so
/// messages name it exactly as the test passes it.
fn staged(file: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join(file);
    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
    std::fs::copy(corpus(file), &to).unwrap();
    dir
}

fn assert_only(dir: &Path, expected: &[&str]) {
    let mut found = Vec::new();
    walk(dir, dir, &mut found);
    found.sort();
    let mut expected: Vec<String> = expected.iter().map(|s| (*s).to_owned()).collect();
    expected.sort();
    assert_eq!(found, expected, "files in {}", dir.display());
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            out.push(rel);
        }
    }
}

#[test]
fn every_refused_file_is_one_positioned_line_from_transcode() {
    for c in REFUSED {
        let dir = staged(c.file);
        let out = target_for(c.file);
        let o = tb(dir.path(), &["transcode", c.file, out]);
        let err = stderr(&o);
        assert_no_rust_noise(c.file, &(stdout(&o) + &err));
        assert_eq!(o.status.code(), Some(2), "{}: {err}", c.file);
        assert_eq!(err.lines().count(), 1, "{}: one line:\n{err}", c.file);
        let want = format!("error: {}: ", c.file);
        assert!(err.starts_with(&want), "{}: names the file:\n{err}", c.file);
        assert!(
            err.contains(c.says),
            "{}: says `{}`:\n{err}",
            c.file,
            c.says
        );
        assert!(
            !c.positioned || has_position(&err),
            "{}: position:\n{err}",
            c.file
        );
        assert_only(dir.path(), &[c.file]);
    }
}

#[test]
fn every_refused_file_is_an_unreadable_input_finding_from_validate() {
    for c in REFUSED {
        let dir = staged(c.file);
        let o = tb(dir.path(), &["validate", c.file]);
        let out = stdout(&o);
        assert_no_rust_noise(c.file, &(out.clone() + &stderr(&o)));
        assert_eq!(o.status.code(), Some(2), "{}: {out}{}", c.file, stderr(&o));
        let line = out
            .lines()
            .find(|l| l.contains("error[RL0002]"))
            .unwrap_or_else(|| panic!("{}: no RL0002 line:\n{out}", c.file));
        assert!(line.starts_with(c.file), "{}: {line}", c.file);
        assert!(
            line.contains(c.says),
            "{}: says `{}`: {line}",
            c.file,
            c.says
        );
        assert!(
            out.contains("0 file(s) checked, 1 not checked: 1 error(s)"),
            "{}: {out}",
            c.file
        );
    }
}

#[test]
fn the_json_report_carries_the_unreadable_file_and_its_position() {
    let dir = staged("dsj/row_wider_than_columns.json");
    let o = tb(
        dir.path(),
        &[
            "validate",
            "dsj/row_wider_than_columns.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let f = &report["findings"][0];
    assert_eq!(f["code"], "RL0002");
    assert_eq!(f["file"], "dsj/row_wider_than_columns.json");
    let message = f["message"].as_str().unwrap();
    assert!(
        message.contains("line 1, column 565 (byte 564): rows[1]"),
        "{message}"
    );
}

#[test]
fn a_records_count_that_disagrees_is_an_error_finding_in_validate() {
    for (file, says) in [
        (
            "dsj/records_disagree.json",
            "error[FM0060] `records` says 5 but the file holds 2 rows",
        ),
        (
            "dsj/claimed_10gb.json",
            "error[FM0060] `records` says 10737418240 but the file holds 1 rows",
        ),
        (
            "dsj/claimed_10gb.ndjson",
            "error[FM0060] `records` says 10737418240 but the file holds 1 rows",
        ),
    ] {
        let dir = staged(file);
        let o = tb(dir.path(), &["validate", file]);
        let out = stdout(&o);
        assert_no_rust_noise(file, &(out.clone() + &stderr(&o)));
        assert_eq!(o.status.code(), Some(1), "{file}: {out}");
        assert!(out.contains(&format!("{file} DM: {says}")), "{file}: {out}");
    }
}

#[test]
fn a_10_gib_claimed_length_is_refused_by_the_xpt_writer_without_allocating_it() {
    for file in ["dsj/claimed_10gb.json", "dsj/claimed_10gb.ndjson"] {
        let dir = staged(file);
        let o = tb(dir.path(), &["transcode", file, "out.xpt"]);
        let err = stderr(&o);
        assert_no_rust_noise(file, &err);
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert!(
            err.contains(
                "error[FM0007] character variable USUBJID has length 10737418240; XPT v5 allows 1 to 200"
            ),
            "{file}: {err}"
        );
        assert!(err.lines().all(|l| l.starts_with("error: ")), "{err}");
        assert_only(dir.path(), &[file]);
    }
}

#[test]
fn a_dataset_named_dot_dot_never_writes_outside_the_output_folder() {
    let file = "dsj/dotdot_name.json";
    let dir = staged(file);
    let d = dir.path();
    std::fs::create_dir_all(d.join("work/out")).unwrap();
    std::fs::rename(d.join(file), d.join("work/in.json")).unwrap();
    let w = d.join("work");
    for target in ["out/dm.json", "out/dm.ndjson", "out/dm.csv", "out/dm.xpt"] {
        let o = tb(&w, &["transcode", "in.json", target]);
        assert_no_rust_noise(target, &stderr(&o));
    }
    // XPT refuses the name (FM0001); the others write exactly the file they were told to.
    let o = tb(&w, &["transcode", "in.json", "out/x.xpt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("error[FM0001] dataset name `../../evil` is not a SAS name"),
        "{}",
        stderr(&o)
    );
    std::fs::copy(w.join("in.json"), w.join("out/in.json")).unwrap();
    // define refuses the name (FM0139, `a_dataset_named_dot_dot_is_refused_by_define`), so
    // no define.xml links to `../../evil.xpt`.
    let o = tb(&w, &["define", "--in", "out", "--out", "out/define.xml"]);
    assert_no_rust_noise("define", &stderr(&o));
    assert_only(
        d,
        &[
            "work/in.json",
            "work/out/in.json",
            "work/out/dm.json",
            "work/out/dm.ndjson",
            "work/out/dm.csv",
            "work/out/dm.meta.json",
        ],
    );
}

#[test]
fn a_dataset_named_dot_dot_is_refused_by_define() {
    let dir = staged("dsj/dotdot_name.json");
    let o = tb(
        dir.path(),
        &["define", "--in", "dsj", "--out", "define.xml"],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("error[FM0139] dataset name `../../evil` is not a SAS name"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("define.xml").exists());
}

#[test]
fn a_records_count_that_disagrees_is_an_error_in_transcode() {
    let file = "dsj/records_disagree.json";
    let dir = staged(file);
    let o = tb(dir.path(), &["transcode", file, "out.ndjson"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("FM0060"), "{}", stderr(&o));
}

#[test]
fn nul_bytes_in_csv_are_reported_by_transcode() {
    let file = "csv/nul_bytes.csv";
    let dir = staged(file);
    let o = tb(dir.path(), &["transcode", file, "out.json"]);
    assert!(matches!(o.status.code(), Some(1 | 2)), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
}

#[test]
fn an_unterminated_quote_in_csv_is_reported() {
    let file = "csv/unterminated_quote.csv";
    let dir = staged(file);
    let o = tb(dir.path(), &["transcode", file, "out.json"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
}

#[test]
fn an_xpt_v5_character_length_over_200_is_reported() {
    let file = "xpt/namestr_length_huge.xpt";
    let dir = staged(file);
    let o = tb(dir.path(), &["validate", file]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
}

#[test]
fn files_read_with_a_caveat_still_end_cleanly() {
    // Readable, but not as the site meant: never a panic, and the exit code is 0, 1 or 2.
    for (file, out) in [
        ("csv/nul_bytes.csv", "out.json"),
        ("csv/unterminated_quote.csv", "out.json"),
        ("csv/duplicate_headers.csv", "out.json"),
        ("xpt/namestr_length_huge.xpt", "out.json"),
        ("dsj/records_disagree.json", "out.ndjson"),
    ] {
        let dir = staged(file);
        for args in [
            vec!["transcode", file, out],
            vec!["validate", file, "--format", "json"],
        ] {
            let o = tb(dir.path(), &args);
            assert_no_rust_noise(file, &(stdout(&o) + &stderr(&o)));
            assert!(matches!(o.status.code(), Some(0..=2)), "{file}");
        }
    }
    // Two columns named AGE: refused when writing, naming the variable.
    let dir = staged("csv/duplicate_headers.csv");
    let o = tb(
        dir.path(),
        &["transcode", "csv/duplicate_headers.csv", "o.json"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("variable AGE appears twice"),
        "{}",
        stderr(&o)
    );
}

fn convert_check_only(dir: &Path, workbook: &str) -> Output {
    let mapping = repo().join("mappings/umin000015469");
    tb(
        dir,
        &[
            "convert",
            "--mapping",
            mapping.to_str().unwrap(),
            "--check-only",
            workbook,
        ],
    )
}

/// Workbooks `convert` must refuse before reading a cell. Whole-file problems have no
/// position inside the file; the archive member or the sheet is named where there is one.
const WORKBOOKS_REFUSED: &[(&str, &str)] = &[
    (
        "xlsx/truncated.xlsx",
        "no end-of-archive record (the file is truncated or not a zip archive)",
    ),
    (
        "xlsx/garbage.xlsx",
        "neither a zip archive nor an OLE compound file",
    ),
    (
        "xlsx/garbage_starting_with_lt.xlsx",
        "an HTML or XML file named like a workbook",
    ),
    (
        "xlsx/empty.xlsx",
        "neither a zip archive nor an OLE compound file",
    ),
    (
        "xlsx/zip_bomb_member_size.xlsx",
        "archive member `xl/worksheets/sheet1.xml` claims 4000000000 bytes uncompressed",
    ),
    (
        "xlsx/zip_bomb_ratio.xlsx",
        "archive member `xl/worksheets/sheet1.xml` claims a compression ratio of 600000:1",
    ),
    (
        "xlsx/zip_bomb_total.xlsx",
        "archive claims 4750002253 bytes uncompressed in total",
    ),
    (
        "xlsx/password_protected.xlsx",
        "encrypted workbook (password protected)",
    ),
    (
        "xlsx/html_named_xls.xls",
        "an HTML or XML file named like a workbook",
    ),
    ("xlsx/no_workbook_part.xlsx", "File not found '_rels/.rels'"),
    (
        "xlsx/malformed_sheet_xml.xlsx",
        "!Demographics: Xlsx error: Unexpected end of xml",
    ),
    (
        "xlsx/directory_past_end.xlsx",
        "the member directory lies past the end of the file",
    ),
    (
        "xlsx/truncated_content.ods",
        "'META-INF/manifest.xml' file not found in archive",
    ),
];

#[test]
fn damaged_workbooks_are_one_line_from_convert() {
    for (file, says) in WORKBOOKS_REFUSED {
        let dir = staged(file);
        let o = convert_check_only(dir.path(), file);
        let err = stderr(&o);
        assert_no_rust_noise(file, &(stdout(&o) + &err));
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert_eq!(err.lines().count(), 1, "{file}: one line:\n{err}");
        assert!(err.starts_with(&format!("error: {file}")), "{file}: {err}");
        assert!(err.contains(says), "{file}: says `{says}`:\n{err}");
        assert_only(dir.path(), &[file]);
    }
}

#[test]
fn a_shared_strings_count_past_usize_is_refused_by_convert() {
    let file = "xlsx/shared_strings_claimed_overflow.xlsx";
    let dir = staged(file);
    let o = convert_check_only(dir.path(), file);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "error: {file}: xl/sharedStrings.xml claims 18446744073709551615 strings"
        )),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_caught_reader_panic_prints_nothing_from_convert() {
    let file = "xlsx/shared_strings_claimed_overflow.xlsx";
    let dir = staged(file);
    let o = convert_check_only(dir.path(), file);
    assert_no_rust_noise(file, &stderr(&o));
}

/// calamine reserves room for `<sst uniqueCount>` strings before reading one: 10^10 would be
/// a 240 GB allocation and an abort, so the claim is checked against the member's size first.
#[test]
fn a_shared_strings_table_claiming_ten_billion_strings_is_refused_by_convert() {
    let file = "xlsx/shared_strings_claimed_huge.xlsx";
    let dir = staged(file);
    let o = convert_check_only(dir.path(), file);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with(&format!("error: {file}")),
        "{}",
        stderr(&o)
    );
}

#[test]
fn workbooks_read_with_problems_are_findings_at_a_cell_from_convert() {
    // The example study's mapping wants sheets these files do not have: each is read
    // without a crash and every missing sheet is a finding at its A1.
    for file in [
        "csv/nul_bytes.csv",
        "csv/ragged_rows.csv",
        "csv/mixed_encodings.csv",
        "csv/binary_garbage.csv",
        "xlsx/deep_nesting_sheet.xlsx",
    ] {
        let dir = staged(file);
        let o = convert_check_only(dir.path(), file);
        let all = stdout(&o) + &stderr(&o);
        assert_no_rust_noise(file, &all);
        assert_eq!(o.status.code(), Some(1), "{file}: {all}");
        let finding = format!("{file}!Adverse events!A1: error[SI0040] no workbook has a sheet");
        assert!(all.contains(&finding), "{file}: `{finding}` in\n{all}");
    }
}

#[test]
fn a_mapping_spec_that_refers_to_itself_is_refused_before_reading_data() {
    let dir = tempfile::tempdir().unwrap();
    let book = repo().join("fixtures/umin000015469/site-01-hamamatsu.xlsx");
    let spec = corpus("mapping/self_reference.toml");
    let o = tb(
        dir.path(),
        &[
            "convert",
            "--mapping",
            spec.to_str().unwrap(),
            "--out",
            "out",
            book.to_str().unwrap(),
        ],
    );
    let err = stderr(&o);
    assert_no_rust_noise("convert", &err);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("self_reference.toml"), "{err}");
    assert!(err.contains("cycle: AGE"), "{err}");
    assert!(err.contains("variables.USUBJID.concat[0]"), "{err}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn every_corpus_file_is_listed_in_the_readme() {
    let readme = std::fs::read_to_string(corpus("README.md")).unwrap();
    let mut files = Vec::new();
    let root = corpus("");
    walk(&root, &root, &mut files);
    let missing: Vec<&String> = files
        .iter()
        .filter(|f| !f.ends_with(".md") && !f.ends_with(".py"))
        .filter(|f| !readme.contains(&format!("`{f}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "not in tests/corpus/README.md: {missing:?}"
    );
    assert!(files.len() >= 40, "{} files", files.len());
}

#[test]
fn broken_registry_records_are_refused_by_the_registry_command_with_file_and_position() {
    for file in [
        "registry/ctgov_billion_laughs.xml",
        "registry/ctgov_deep_nesting.json",
        "registry/ctgov_deep_nesting.xml",
        "registry/ctgov_latin1.json",
        "registry/ctgov_truncated.json",
        "registry/ctgov_truncated.xml",
        "registry/ctgov_wrong_types.json",
        "registry/ctgov_xxe.xml",
        "registry/ictrp_billion_laughs.xml",
        "registry/ictrp_xxe.xml",
        "registry/study_syntax_error.toml",
    ] {
        let dir = staged(file);
        let o = tb(
            dir.path(),
            &["registry", file, "--out", "out", "--fhir", "r5", "--sdtm"],
        );
        let err = stderr(&o);
        assert_no_rust_noise(file, &err);
        assert_eq!(o.status.code(), Some(2), "{file}: {err}");
        assert_eq!(err.lines().count(), 1, "{file}: {err}");
        assert!(err.starts_with(&format!("error: {file}")), "{file}: {err}");
        assert!(has_position(&err), "{file}: no position in {err}");
        assert!(
            !err.contains("root:"),
            "{file}: an entity was expanded: {err}"
        );
        assert_only(dir.path(), &[file]);
    }
}
