//! CSV and TSV files: encodings, ragged rows, NUL bytes, separators.

mod common;

use common::{cells, codes, column, read};
use sheets::{TableSpec, Workbook};
use std::path::PathBuf;

fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("test file written");
    path
}

#[test]
fn utf8_with_and_without_bom_reads_the_same_and_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Subject,Site,Comment\n001,Zürich,Fièvre\n002,Genève,\n".as_bytes();
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), body].concat();
    for (name, bytes) in [("dm.csv", body), ("dm_bom.csv", with_bom.as_slice())] {
        let path = write(&dir, name, bytes);
        let (table, findings) = read(&path, &TableSpec::default());
        let t = table.unwrap();
        assert_eq!(
            t.columns[0].name, "Subject",
            "the BOM is not part of the first header"
        );
        assert_eq!(column(&t, "Site"), ["t:Zürich", "t:Genève"]);
        assert_eq!(column(&t, "Comment"), ["t:Fièvre", "-"]);
        assert!(findings.is_empty(), "{findings:?}");
    }
}

#[test]
fn windows_1252_is_detected_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "dm.csv",
        b"Subject,Site\n001,Z\xFCrich\n002,Gen\xE8ve \x80\n",
    );
    let (table, findings) = read(&path, &TableSpec::default());
    assert_eq!(column(&table.unwrap(), "site"), ["t:Zürich", "t:Genève €"]);
    assert_eq!(codes(&findings), [("SI0003".into(), "A2".into())]);
    assert_eq!(findings[0].severity, model::Severity::Notice);
}

#[test]
fn the_sheet_of_a_csv_is_its_file_stem() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "labs_site01.csv", b"a,b\n1,2\n");
    let book = Workbook::open(&path).unwrap();
    assert_eq!(book.sheets()[0].name, "labs_site01");
    let (table, findings) = read(&path, &TableSpec::sheet("labs_site01"));
    assert_eq!(
        column(&table.unwrap(), "b"),
        ["t:2"],
        "CSV values are text until the mapper types them"
    );
    assert!(findings.is_empty());
}

#[test]
fn ragged_rows_are_reported_at_the_first_missing_or_extra_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "ae.csv",
        b"Subject,Term,Grade\n001,Headache,1\n002,Nausea\n003,Rash,2,extra\n",
    );
    let (table, findings) = read(&path, &TableSpec::default());
    let t = table.unwrap();
    assert_eq!(column(&t, "Grade"), ["t:1", "-", "t:2"]);
    let mut got = codes(&findings);
    got.sort();
    let want = [("SI0002", "C3"), ("SI0002", "D4"), ("SI0006", "D1")];
    assert_eq!(got, want.map(|(c, a)| (c.to_owned(), a.to_owned())));
    assert!(
        findings
            .iter()
            .any(|f| f.message == "row 3 has 2 fields, the first row has 3")
    );
}

#[test]
fn nul_bytes_are_removed_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "cm.csv",
        b"Subject,Drug\n001,Pred\0nisolone\n002,Aspirin\n",
    );
    let (table, findings) = read(&path, &TableSpec::default());
    assert_eq!(
        column(&table.unwrap(), "Drug"),
        ["t:Prednisolone", "t:Aspirin"]
    );
    assert_eq!(codes(&findings), [("SI0013".into(), "B2".into())]);
}

#[test]
fn semicolons_and_tabs_separate_fields() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(&dir, "lb.csv", b"Subject;Result\n001;12,5\n");
    let (table, findings) = read(&path, &TableSpec::default());
    assert_eq!(column(&table.unwrap(), "Result"), ["t:12,5"]);
    assert_eq!(codes(&findings), [("SI0019".into(), "A1".into())]);

    let path = write(&dir, "lb.tsv", b"Subject\tResult\n001\t12.5\n");
    let (table, findings) = read(&path, &TableSpec::default());
    assert_eq!(cells(&table.unwrap(), "Result"), ["B2"]);
    assert!(findings.is_empty(), "a tab in a .tsv is expected");
}

#[test]
fn empty_lines_keep_excel_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        &dir,
        "sv.csv",
        b"Subject,Visit\r\n001,\"Day\r\n1\"\r\n\r\n002,Week 4\r\n",
    );
    let spec = TableSpec {
        blank_rows: sheets::BlankRows::Skip,
        ..TableSpec::default()
    };
    let (table, findings) = read(&path, &spec);
    let t = table.unwrap();
    assert_eq!(cells(&t, "Visit"), ["B2", "B4"]);
    assert_eq!(codes(&findings), [("SI0009".into(), "A3".into())]);
}
