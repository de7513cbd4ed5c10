//! The typed readings the mapper asks of a cell.

use model::{CellRef, SourceCell};
use sheets::{
    CellDate, CellProblem, DateFormat, RawCell, RawValue, parse_date, parse_number,
    parse_number_decimal_comma, text,
};

fn cell(value: RawValue) -> RawCell {
    RawCell {
        value,
        cell: CellRef::new(13, 3),
    }
}

fn t(s: &str) -> RawCell {
    cell(RawValue::Text(s.to_owned()))
}

fn formats(patterns: &[&str]) -> Vec<DateFormat> {
    patterns
        .iter()
        .map(|p| DateFormat::parse(p).expect("a valid format"))
        .collect()
}

fn date(s: &str, patterns: &[&str]) -> Result<String, CellProblem> {
    parse_date(&t(s), &formats(patterns)).map(|d| d.to_string())
}

#[test]
fn text_dates_in_declared_formats() {
    assert_eq!(date("07/03/2016", &["DD/MM/YYYY"]).unwrap(), "2016-03-07");
    assert_eq!(date("03/07/2016", &["MM/DD/YYYY"]).unwrap(), "2016-03-07");
    assert_eq!(date(" 2016-03-07 ", &["YYYY-MM-DD"]).unwrap(), "2016-03-07");
    assert_eq!(date("7-Mar-16", &["D-MMM-YY"]).unwrap(), "2016-03-07");
    assert_eq!(date("07-MAR-2016", &["DD-MMM-YYYY"]).unwrap(), "2016-03-07");
    assert_eq!(
        date("07/03/2016 08:30", &["DD/MM/YYYY HH:MM"]).unwrap(),
        "2016-03-07T08:30"
    );
    assert_eq!(
        date("2016-03-07T08:30:15", &["YYYY-MM-DDTHH:MM:SS"]).unwrap(),
        "2016-03-07T08:30:15"
    );
}

#[test]
fn two_digit_years_pivot_like_excel() {
    assert_eq!(date("1-Jan-29", &["D-MMM-YY"]).unwrap(), "2029-01-01");
    assert_eq!(date("1-Jan-30", &["D-MMM-YY"]).unwrap(), "1930-01-01");
    let later = [DateFormat::parse("D-MMM-YY").unwrap().with_pivot(50)];
    assert_eq!(
        parse_date(&t("5-Mar-45"), &later).unwrap().to_string(),
        "2045-03-05"
    );
}

#[test]
fn partial_dates_stay_partial() {
    assert_eq!(date("2016-03", &["YYYY-MM-DD"]).unwrap(), "2016-03");
    assert_eq!(date("2016", &["YYYY-MM-DD"]).unwrap(), "2016");
    assert_eq!(date("UNK-03-2016", &["DD-MM-YYYY"]).unwrap(), "2016-03");
    assert_eq!(date("UN-UNK-2016", &["DD-MMM-YYYY"]).unwrap(), "2016");
    assert_eq!(date("un/mar/2016", &["DD/MMM/YYYY"]).unwrap(), "2016-03");
    assert_eq!(
        date("07-UNK-2016", &["DD-MMM-YYYY"]).unwrap(),
        "2016---07",
        "a known day in an unknown month"
    );
    assert!(
        matches!(
            date("03/2016", &["DD/MM/YYYY"]),
            Err(CellProblem::NotInFormats { .. })
        ),
        "only smaller units may be cut"
    );
    assert!(matches!(
        date("UN-UNK-UNKN", &["DD-MMM-YYYY"]),
        Err(CellProblem::NotInFormats { .. })
    ));
    assert!(matches!(
        date("UN-UNK-UNK", &["DD-MMM-YYYY"]),
        Err(CellProblem::NoKnownComponent { .. })
    ));
}

#[test]
fn ambiguous_text_is_never_guessed() {
    let both = ["DD/MM/YYYY", "MM/DD/YYYY"];
    let e = date("03/04/2016", &both).unwrap_err();
    assert_eq!(
        e.to_string(),
        "`03/04/2016` reads as different dates in the declared formats: 2016-04-03 or 2016-03-04"
    );
    assert_eq!(
        date("05/05/2016", &both).unwrap(),
        "2016-05-05",
        "both readings agree"
    );
    assert_eq!(
        date("25/04/2016", &both).unwrap(),
        "2016-04-25",
        "only one format fits"
    );
    let f = e
        .finding(SourceCell {
            file: "s.xlsx".into(),
            sheet: "AE".into(),
            cell: CellRef::new(13, 3),
        })
        .unwrap();
    assert_eq!(
        (f.code.as_str(), f.values.as_slice()),
        ("SI0023", ["03/04/2016".to_owned()].as_slice())
    );
    assert_eq!(
        f.to_string(),
        "s.xlsx!AE!D14: error[SI0023] `03/04/2016` reads as different dates in the declared formats: 2016-04-03 or 2016-03-04"
    );
}

#[test]
fn impossible_and_unreadable_dates() {
    let e = date("31/02/2016", &["DD/MM/YYYY"]).unwrap_err();
    assert!(matches!(&e, CellProblem::ImpossibleDate { .. }), "{e:?}");
    assert_eq!(e.code().unwrap().as_str(), "SI0021");
    let e = date("2016.03.07", &["DD/MM/YYYY", "YYYY-MM-DD"]).unwrap_err();
    assert_eq!(
        e.to_string(),
        "`2016.03.07` is not a date in the declared formats (DD/MM/YYYY, YYYY-MM-DD)"
    );
    assert_eq!(e.code().unwrap().as_str(), "SI0020");
}

#[test]
fn date_cells_convert_exactly_and_other_kinds_are_refused() {
    let value = "2016-03-01".parse().unwrap();
    let d = cell(RawValue::Date(Box::new(CellDate {
        value,
        serial: Some((42_430.0, sheets::DateSystem::Excel1900)),
    })));
    assert_eq!(parse_date(&d, &[]).unwrap().to_string(), "2016-03-01");
    assert_eq!(
        parse_date(&cell(RawValue::Empty), &[]),
        Err(CellProblem::Empty)
    );
    let e = parse_date(&cell(RawValue::Number(42_430.0)), &[]).unwrap_err();
    assert_eq!(e.to_string(), "expected a date, found number `42430`");
    assert_eq!(e.code().unwrap().as_str(), "SI0024");
    let e = parse_date(&cell(RawValue::Error("#N/A".into())), &[]).unwrap_err();
    assert_eq!(
        e.finding(SourceCell {
            file: "f".into(),
            sheet: "s".into(),
            cell: CellRef::new(0, 0)
        }),
        None,
        "reported already"
    );
}

#[test]
fn numbers_from_number_cells_and_plain_decimal_text() {
    assert_eq!(parse_number(&cell(RawValue::Number(63.0))), Ok(63.0));
    assert_eq!(parse_number(&t("12.5")), Ok(12.5));
    assert_eq!(parse_number(&t(" -3 ")), Ok(-3.0));
    assert_eq!(parse_number(&t("1e-3")), Ok(0.001));
    for bad in ["<0.5", "12,5", "1,234.5", "NaN", "inf", "12 mg", "1 234"] {
        assert!(
            matches!(parse_number(&t(bad)), Err(CellProblem::NotANumber { .. })),
            "{bad}"
        );
    }
    let e = parse_number(&t("<0.5")).unwrap_err();
    assert!(
        e.to_string().starts_with("`<0.5` is not a number (a limit"),
        "{e}"
    );
    assert_eq!(
        parse_number(&cell(RawValue::Bool(true)))
            .unwrap_err()
            .code()
            .unwrap()
            .as_str(),
        "SI0024"
    );
}

#[test]
fn a_declared_decimal_comma_is_accepted() {
    assert_eq!(parse_number_decimal_comma(&t(" 12,5")), Ok(12.5));
    assert_eq!(parse_number_decimal_comma(&t("12.5")), Ok(12.5));
    assert!(
        parse_number_decimal_comma(&t("1.234,5")).is_err(),
        "grouping is refused"
    );
    assert!(parse_number_decimal_comma(&t("1,2,3")).is_err());
}

#[test]
fn text_is_trimmed_and_whitespace_collapsed() {
    assert_eq!(text(&t("  Severe \n headache\u{a0} ")), "Severe headache");
    assert!(
        matches!(text(&t("clean text")), std::borrow::Cow::Borrowed(_)),
        "no copy when already clean"
    );
    assert_eq!(text(&cell(RawValue::Number(63.0))), "63");
    assert_eq!(text(&cell(RawValue::Number(12.5))), "12.5");
    assert_eq!(text(&cell(RawValue::Bool(false))), "FALSE");
    assert_eq!(text(&cell(RawValue::Empty)), "");
}
