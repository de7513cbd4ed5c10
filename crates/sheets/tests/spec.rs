//! A mapping spec sets the table rules in TOML; what it leaves out takes the defaults.

use sheets::{BlankRows, DateFormat, TableSpec};

#[test]
fn a_spec_names_only_what_differs() {
    let spec: TableSpec = toml::from_str(
        r#"
        sheet = "Labs"
        header_row = 3
        blank_rows = "skip"
        notes_prefixes = ["Footnote", "*"]
        "#,
    )
    .unwrap();
    assert_eq!(spec.sheet.as_deref(), Some("Labs"));
    assert_eq!(spec.header_row, Some(3));
    assert_eq!(spec.blank_rows, BlankRows::Skip);
    assert_eq!(spec.header_rows, 1);
    assert!(!spec.allow_hidden && !spec.fill_merged_data);
    assert!(spec.starts_notes("footnote 1: LLOQ"));
}

#[test]
fn unknown_keys_and_bad_formats_are_refused_when_the_spec_is_read() {
    let e = toml::from_str::<TableSpec>("sheet = \"Labs\"\nheader = 3\n").unwrap_err();
    assert!(e.to_string().contains("unknown field `header`"), "{e}");

    #[derive(serde::Deserialize)]
    struct Dates {
        #[allow(dead_code)]
        formats: Vec<DateFormat>,
    }
    let e = toml::from_str::<Dates>("formats = [\"DD/MM/YYYY\", \"DDD-MM\"]")
        .err()
        .unwrap();
    assert!(
        e.to_string()
            .contains("date format `DDD-MM` at character 1"),
        "{e}"
    );
}
