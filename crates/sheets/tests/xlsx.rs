//! Reading tables out of xlsx workbooks written on the fly.

mod common;

use common::{cells, codes, column, date_format, read, xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Worksheet, XlsxError};
use sheets::{
    BlankRows, DateFormat, DateSystem, RawValue, TableSpec, Visibility, Workbook, parse_date,
    parse_number,
};

fn labs(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.write(0, 0, "Study ABC-123 laboratory listing")?;
    for (c, h) in ["Subject", "Visit date", "Result", "Unit"]
        .iter()
        .enumerate()
    {
        ws.write(2, c as u16, *h)?;
    }
    let d = date_format();
    ws.write(3, 0, "001")?;
    ws.write_datetime_with_format(3, 1, ExcelDateTime::from_ymd(2016, 3, 1)?, &d)?;
    ws.write(3, 2, 12.5)?;
    ws.write(3, 3, "g/L")?;
    ws.write(4, 0, "002")?;
    ws.write(4, 1, "01/03/2016")?;
    ws.write(4, 2, " 12.5 ")?;
    ws.write(4, 3, "g/L")?;
    let dt = ExcelDateTime::from_ymd(2016, 3, 2)?.and_hms(8, 30, 0)?;
    ws.write(5, 0, "003")?;
    ws.write_datetime_with_format(5, 1, dt, &Format::new().set_num_format("yyyy-mm-dd hh:mm"))?;
    ws.write_formula(5, 2, Formula::new("=NA()").set_result("#N/A"))?;
    ws.write(5, 3, "<0.5")?;
    ws.write(6, 0, "Note: results below LLOQ are written <0.5")?;
    ws.write(7, 0, "Source: central lab")?;
    Ok(())
}

#[test]
fn header_is_found_below_a_title_and_every_value_keeps_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(dir.path(), "site01.xlsx", &[("Labs", &labs)]);
    let (table, findings) = read(&path, &TableSpec::sheet("Labs"));
    let t = table.unwrap();
    assert_eq!(t.header_row, 2, "row 3, 0-based");
    let names: Vec<&str> = t.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Subject", "Visit date", "Result", "Unit"]);
    assert_eq!(column(&t, "subject"), ["t:001", "t:002", "t:003"]);
    assert_eq!(
        column(&t, "VISIT  DATE"),
        ["d:2016-03-01", "t:01/03/2016", "d:2016-03-02T08:30"]
    );
    assert_eq!(column(&t, "Result"), ["n:12.5", "t: 12.5 ", "e:#N/A"]);
    assert_eq!(cells(&t, "Result"), ["C4", "C5", "C6"]);
    assert_eq!(
        t.source(t.rows[2].cells[2].cell).to_string(),
        format!("{}!Labs!C6", path.display())
    );

    let RawValue::Date(d) = &t.rows[0].cells[1].value else {
        panic!("a date cell")
    };
    assert_eq!(d.serial, Some((42_430.0, DateSystem::Excel1900)));

    let ddmmyyyy = [DateFormat::parse("DD/MM/YYYY").unwrap()];
    let visit = |r: usize| parse_date(&t.rows[r].cells[1], &ddmmyyyy).map(|d| d.to_string());
    assert_eq!(visit(0).unwrap(), "2016-03-01");
    assert_eq!(
        visit(1).unwrap(),
        "2016-03-01",
        "text in the declared format"
    );
    assert_eq!(
        parse_number(&t.rows[1].cells[2]),
        Ok(12.5),
        "a number stored as text"
    );

    assert_eq!(
        codes(&findings),
        [
            ("SI0001".into(), "C6".into()),
            ("SI0010".into(), "A7".into())
        ]
    );
    let error = &findings[0];
    assert_eq!(error.severity, model::Severity::Error);
    assert_eq!(error.values, ["#N/A"]);
    assert!(
        error
            .to_string()
            .ends_with("!Labs!C6: error[SI0001] Excel error `#N/A` in column `Result`"),
        "{error}"
    );
}

fn with_blank_row(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.write_row(0, 0, ["Subject", "AE term"])?;
    ws.write_row(1, 0, ["001", "Headache"])?;
    ws.write_row(2, 0, ["001", "Nausea"])?;
    ws.write_row(4, 0, ["002", "Cough"])?;
    ws.write_row(5, 0, ["003", "Rash"])?;
    ws.write(7, 0, "* MedDRA 26.0")?;
    Ok(())
}

#[test]
fn a_blank_row_stops_the_table_and_says_what_is_left_below() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(dir.path(), "ae.xlsx", &[("AE", &with_blank_row)]);
    let (table, findings) = read(&path, &TableSpec::default());
    assert_eq!(
        column(&table.unwrap(), "AE term"),
        ["t:Headache", "t:Nausea"]
    );
    assert_eq!(codes(&findings), [("SI0018".into(), "A5".into())]);
    assert!(
        findings[0].message.contains("2 non-blank rows from row 5"),
        "{}",
        findings[0].message
    );
}

#[test]
fn blank_rows_can_be_skipped_up_to_the_notes_block() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(dir.path(), "ae.xlsx", &[("AE", &with_blank_row)]);
    let spec = TableSpec {
        blank_rows: BlankRows::Skip,
        ..TableSpec::default()
    };
    let (table, findings) = read(&path, &spec);
    let t = table.unwrap();
    assert_eq!(
        column(&t, "AE term"),
        ["t:Headache", "t:Nausea", "t:Cough", "t:Rash"]
    );
    assert_eq!(cells(&t, "Subject"), ["A2", "A3", "A5", "A6"]);
    // Row 7 is blank too, but it only separates the data from the notes: not reported.
    assert_eq!(
        codes(&findings),
        [
            ("SI0009".into(), "A4".into()),
            ("SI0010".into(), "A8".into())
        ]
    );
}

fn visible_and_hidden(book: &[(&str, Option<bool>)]) -> Vec<(String, Visibility)> {
    let dir = tempfile::tempdir().expect("test setup");
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, hidden) in book {
        let ws = wb.add_worksheet();
        ws.set_name(*name).expect("test setup");
        ws.write_row(0, 0, ["Subject", "Arm"]).expect("test setup");
        ws.write_row(1, 0, ["001", "A"]).expect("test setup");
        match hidden {
            Some(false) => drop(ws.set_hidden(true)),
            Some(true) => drop(ws.set_very_hidden(true)),
            // Excel will not hide the active sheet, so the visible one is made active.
            None => drop(ws.set_active(true)),
        }
    }
    let path = dir.path().join("rand.xlsx");
    wb.save(&path).expect("test setup");
    let book = Workbook::open(&path).expect("test setup");
    let listing = book
        .sheets()
        .iter()
        .map(|s| (s.name.clone(), s.visibility))
        .collect();
    let mut findings = Vec::new();
    let mut book = book;
    book.read_table(&TableSpec::sheet("Old randomisation"), &mut findings)
        .expect("test setup")
        .expect("test setup");
    assert_eq!(codes(&findings), [("SI0004".into(), "A1".into())]);
    findings.clear();
    let allowed = TableSpec {
        allow_hidden: true,
        ..TableSpec::sheet("Old randomisation")
    };
    book.read_table(&allowed, &mut findings)
        .expect("test setup")
        .expect("test setup");
    assert!(findings.is_empty());
    // With no sheet named, the first visible one is read.
    let t = book
        .read_table(&TableSpec::default(), &mut findings)
        .expect("test setup")
        .expect("test setup");
    assert_eq!(t.sheet, "Randomisation");
    listing
}

#[test]
fn hidden_sheets_are_listed_and_warned_about_unless_allowed() {
    let listing = visible_and_hidden(&[
        ("Old randomisation", Some(false)),
        ("Randomisation", None),
        ("Lookups", Some(true)),
    ]);
    assert_eq!(
        listing,
        [
            ("Old randomisation".to_owned(), Visibility::Hidden),
            ("Randomisation".to_owned(), Visibility::Visible),
            ("Lookups".to_owned(), Visibility::VeryHidden)
        ]
    );
}

#[test]
fn a_missing_sheet_is_a_finding_with_a_suggestion_and_case_is_forgiven() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(
        dir.path(),
        "site01.xlsx",
        &[("Labs", &labs), ("Demographics", &with_blank_row)],
    );
    let (table, findings) = read(&path, &TableSpec::sheet("Lab"));
    assert!(table.is_none());
    assert_eq!(codes(&findings), [("SI0007".into(), "A1".into())]);
    assert_eq!(findings[0].source.as_ref().unwrap().sheet, "Lab");
    assert!(
        findings[0].message.ends_with("did you mean `Labs`?"),
        "{}",
        findings[0].message
    );

    let (table, findings) = read(&path, &TableSpec::sheet("LABS"));
    assert_eq!(table.unwrap().sheet, "Labs");
    assert_eq!(codes(&findings)[0], ("SI0008".into(), "A1".into()));
}

fn messy_headers(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.write_row(0, 0, ["Visit", "VISIT ", ""])?;
    ws.write_row(1, 0, ["Screening", "Day 1", "extra"])?;
    ws.write_row(2, 0, ["Week 4", "Week 8", ""])?;
    Ok(())
}

#[test]
fn duplicate_and_missing_headers_are_reported_at_the_header_cell() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(dir.path(), "sv.xlsx", &[("SV", &messy_headers)]);
    let (table, findings) = read(&path, &TableSpec::default());
    let t = table.unwrap();
    assert_eq!(t.columns.len(), 3);
    assert_eq!(
        column(&t, "visit"),
        ["t:Screening", "t:Week 4"],
        "the first of two equal headers wins"
    );
    assert_eq!(
        codes(&findings),
        [
            ("SI0005".into(), "B1".into()),
            ("SI0006".into(), "C1".into())
        ]
    );
    assert!(findings[1].message.contains("first at C2"));
}

fn serials(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.write_row(0, 0, ["Subject", "Date"])?;
    for (r, serial) in [59.0, 60.0, 61.0].iter().enumerate() {
        ws.write(r as u32 + 1, 0, format!("00{r}"))?;
        ws.write_number_with_format(r as u32 + 1, 1, *serial, &date_format())?;
    }
    Ok(())
}

#[test]
fn serial_60_is_the_phantom_leap_day_and_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(dir.path(), "dates.xlsx", &[("Dates", &serials)]);
    let (table, findings) = read(&path, &TableSpec::default());
    assert_eq!(
        column(&table.unwrap(), "Date"),
        ["d:1900-02-28", "n:60", "d:1900-03-01"]
    );
    assert_eq!(codes(&findings), [("SI0014".into(), "B3".into())]);
}

#[test]
fn an_empty_or_headerless_sheet_is_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    let numbers = |ws: &mut Worksheet| {
        ws.write_row(0, 0, [1, 2, 3])?;
        ws.write_row(1, 0, [4, 5, 6])?;
        Ok(())
    };
    let path = xlsx(
        dir.path(),
        "odd.xlsx",
        &[("Empty", &|_| Ok(())), ("Numbers", &numbers)],
    );
    let (table, findings) = read(&path, &TableSpec::sheet("Empty"));
    assert!(table.is_none());
    assert_eq!(codes(&findings), [("SI0016".into(), "A1".into())]);
    let (table, findings) = read(&path, &TableSpec::sheet("Numbers"));
    assert!(table.is_none());
    assert_eq!(codes(&findings), [("SI0017".into(), "A1".into())]);
    let explicit = TableSpec {
        header_row: Some(1),
        ..TableSpec::sheet("Numbers")
    };
    let (table, _) = read(&path, &explicit);
    assert_eq!(
        table.unwrap().columns[2].name,
        "3",
        "a number header reads as its text"
    );
}

fn starred_comment(ws: &mut Worksheet) -> Result<(), XlsxError> {
    ws.write_row(0, 0, ["Subject", "Term", "Comment"])?;
    ws.write_row(1, 0, ["001", "Headache", ""])?;
    ws.write_row(2, 1, ["Nausea", "* ID missing on the CRF"])?;
    ws.write_row(3, 0, ["003", "Rash", ""])?;
    ws.write(4, 0, "* Coded with MedDRA 26.0")?;
    Ok(())
}

#[test]
fn a_row_is_a_note_only_when_its_text_stands_alone_or_leads_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(dir.path(), "ae.xlsx", &[("AE", &starred_comment)]);
    let (table, findings) = read(&path, &TableSpec::default());
    let t = table.unwrap();
    assert_eq!(column(&t, "Term"), ["t:Headache", "t:Nausea", "t:Rash"]);
    assert_eq!(column(&t, "Subject"), ["t:001", "-", "t:003"]);
    assert_eq!(codes(&findings), [("SI0010".into(), "A5".into())]);
}

#[test]
fn a_table_away_from_column_a_reads_as_one_at_column_a() {
    // From column A a table takes each sheet row whole; from column C, or with a column
    // skipped, it is put together cell by cell. Both give the same values and findings.
    let at = |first: u16, gap: bool| {
        move |ws: &mut Worksheet| -> Result<(), XlsxError> {
            let col = |c: u16| first + c + u16::from(gap && c > 0);
            for (c, h) in ["Subject", "Date", "Result"].iter().enumerate() {
                ws.write(0, col(c as u16), *h)?;
            }
            for (r, serial) in [59.0, 60.0, 61.0].iter().enumerate() {
                let r = r as u32 + 1;
                ws.write(r, col(0), format!("00{r}"))?;
                ws.write_number_with_format(r, col(1), *serial, &date_format())?;
                ws.write(r, col(2), 1.5 * f64::from(r))?;
            }
            ws.write_formula(2, col(2), Formula::new("=NA()").set_result("#N/A"))?;
            Ok(())
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let read_at = |name: &str, first: u16, gap: bool| {
        let path = xlsx(dir.path(), name, &[("Dates", &at(first, gap))]);
        let (table, findings) = read(&path, &TableSpec::default());
        let table = table.unwrap();
        let values: Vec<Vec<String>> = ["Subject", "Date", "Result"]
            .iter()
            .map(|c| column(&table, c))
            .collect();
        let found: Vec<String> = codes(&findings).into_iter().map(|(c, _)| c).collect();
        (values, found, cells(&table, "Date"))
    };
    let (a, a_found, a_cells) = read_at("a.xlsx", 0, false);
    assert_eq!(a[1], ["d:1900-02-28", "n:60", "d:1900-03-01"]);
    assert_eq!(a_found, ["SI0014", "SI0001"], "the serial and the #N/A");
    assert_eq!(a_cells[1], "B3");
    for (name, first, gap, date_col) in [("c.xlsx", 2, false, "D"), ("gap.xlsx", 0, true, "C")] {
        let (v, found, cells) = read_at(name, first, gap);
        assert_eq!(v, a, "{name}");
        assert_eq!(found, a_found, "{name}");
        assert_eq!(cells[1], format!("{date_col}3"), "{name}");
    }
}

#[test]
fn a_sheet_parsed_beside_its_placing_keeps_every_cell_in_place() {
    // 6,000 rows × 3 columns: past the size at which the sheet is parsed on a second thread
    // and its cells handed over in batches, so rows straddle the batches.
    let rows = 6_000u32;
    let fill = |ws: &mut Worksheet| -> Result<(), XlsxError> {
        ws.write_row(0, 0, ["Subject", "Result", "Date"])?;
        for r in 1..=rows {
            ws.write(r, 0, format!("S{r}"))?;
            ws.write(r, 1, f64::from(r))?;
            let day = ExcelDateTime::from_ymd(2016, 3, 1 + (r % 28) as u8)?;
            ws.write_datetime_with_format(r, 2, day, &date_format())?;
        }
        ws.write_formula(3_000, 1, Formula::new("=NA()").set_result("#N/A"))?;
        Ok(())
    };
    let dir = tempfile::tempdir().unwrap();
    let path = xlsx(dir.path(), "big.xlsx", &[("Labs", &fill)]);
    let (table, findings) = read(&path, &TableSpec::default());
    let table = table.unwrap();
    assert_eq!(table.rows.len(), rows as usize);
    for (i, row) in table.rows.iter().enumerate() {
        let r = i as u32 + 1;
        assert_eq!(row.row, r);
        assert_eq!(row.cells[0].value, RawValue::Text(format!("S{r}")));
        if r != 3_000 {
            assert_eq!(
                row.cells[1].value,
                RawValue::Number(f64::from(r)),
                "row {r}"
            );
        }
        let RawValue::Date(d) = &row.cells[2].value else {
            panic!("row {r}: a date");
        };
        assert_eq!(d.value.to_string(), format!("2016-03-{:02}", 1 + r % 28));
        assert!(
            row.cells
                .iter()
                .enumerate()
                .all(|(c, cell)| cell.cell.col == c as u32)
        );
    }
    assert_eq!(codes(&findings), [("SI0001".into(), "B3001".into())]);
}
