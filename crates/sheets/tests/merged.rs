//! Merged cells: group headers spread over their columns, data regions filled on request.

mod common;

use common::{codes, column, read, xlsx};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};
use sheets::TableSpec;

fn merged(ws: &mut Worksheet) -> Result<(), XlsxError> {
    let plain = Format::new();
    ws.merge_range(0, 0, 1, 0, "Subject", &plain)?;
    ws.merge_range(0, 1, 0, 2, "Vital signs", &plain)?;
    ws.write_row(1, 1, ["SBP", "DBP"])?;
    ws.merge_range(2, 0, 3, 0, "001", &plain)?;
    ws.write_row(2, 1, [120, 80])?;
    ws.write_row(3, 1, [125, 85])?;
    Ok(())
}

#[test]
fn merged_group_headers_combine_with_sub_headers() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(dir.path(), "vs.xlsx", &[("VS", &merged)]);
    let spec = TableSpec {
        header_rows: 2,
        ..TableSpec::sheet("VS")
    };
    let (table, findings) = read(&path, &spec);
    let t = table.unwrap();
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Subject", "Vital signs SBP", "Vital signs DBP"]);
    assert_eq!(column(&t, "vital signs dbp"), ["n:80", "n:85"]);
    assert_eq!(
        column(&t, "Subject"),
        ["t:001", "-"],
        "only the top-left cell of a merge holds the value"
    );
    let mut got = codes(&findings);
    got.sort();
    let want = [("SI0011", "A1"), ("SI0011", "B1"), ("SI0012", "A3")];
    assert_eq!(got, want.map(|(c, a)| (c.to_owned(), a.to_owned())));

    let spec = TableSpec {
        fill_merged_data: true,
        ..spec
    };
    let (table, findings) = read(&path, &spec);
    assert_eq!(column(&table.unwrap(), "Subject"), ["t:001", "t:001"]);
    assert!(
        findings
            .iter()
            .any(|f| f.code == "SI0012" && f.message.contains("A3:A4 filled"))
    );
}

fn one_header_row_with_a_merge(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.write(0, 0, "Subject")?;
    ws.merge_range(0, 1, 0, 2, "Blood pressure", &Format::new())?;
    ws.write(0, 3, "Pulse")?;
    ws.write_row(1, 0, ["001", "120", "80", "60"])?;
    Ok(())
}

#[test]
fn a_merge_in_a_single_header_row_is_spread_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "vs.xlsx",
        &[("VS", &one_header_row_with_a_merge)],
    );
    let (table, findings) = read(&path, &TableSpec::default());
    let t = table.unwrap();
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        ["Subject", "Blood pressure", "Blood pressure", "Pulse"]
    );
    assert_eq!(column(&t, "pulse"), ["t:60"]);
    let want = [("SI0011", "B1"), ("SI0005", "C1")];
    assert_eq!(
        codes(&findings),
        want.map(|(c, a)| (c.to_owned(), a.to_owned()))
    );
}
