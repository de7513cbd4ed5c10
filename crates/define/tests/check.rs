#![allow(clippy::unwrap_used)]
//! define.xml against data: one crafted mutation per code on a small study.

use define::check::against_data;
use define::doc::{
    CodeItem, CodeList, CodeListType, Condition, DataType, DefineDoc, Document, ValueItem,
    write_define,
};
use model::{Dataset, DatasetMeta, Finding, Severity, Value, Variable};
use std::path::Path;

fn xml_of(doc: &DefineDoc) -> String {
    String::from_utf8(write_define(doc).unwrap().xml).unwrap()
}

fn build(data: &[(String, Dataset)]) -> DefineDoc {
    let ds: Vec<Dataset> = data.iter().map(|(_, d)| d.clone()).collect();
    define::build("CDISCPILOT01", &ds, "2026-01-01T00:00:00")
}

fn of<'a>(fs: &'a [Finding], code: &str) -> Vec<&'a Finding> {
    fs.iter().filter(|f| f.code == code).collect()
}

// ---- mutations on a small study ----

fn small() -> Vec<(String, Dataset)> {
    let mut dm = DatasetMeta::new("DM", "Demographics");
    dm.variables = vec![
        Variable::char("STUDYID", "Study Identifier").with_length(2),
        Variable::char("USUBJID", "Unique Subject Identifier").with_length(6),
        Variable::char("SEX", "Sex").with_length(1),
        Variable::num("AGE", "Age"),
    ];
    let mut dm = Dataset::new(dm);
    for (id, sex, age) in [
        ("S1-001", "F", 54.0),
        ("S1-002", "M", 61.0),
        ("S1-003", "F", 47.0),
    ] {
        dm.rows
            .push(vec!["S1".into(), id.into(), sex.into(), age.into()]);
    }
    let mut vs = DatasetMeta::new("VS", "Vital Signs");
    vs.variables = vec![
        Variable::char("STUDYID", "Study Identifier").with_length(2),
        Variable::char("USUBJID", "Unique Subject Identifier").with_length(6),
        Variable::num("VSSEQ", "Sequence Number"),
        Variable::char("VSTESTCD", "Vital Signs Test Short Name").with_length(6),
        Variable::char("VSORRES", "Result or Finding in Original Units").with_length(3),
        Variable::char("VSORRESU", "Original Units").with_length(2),
    ];
    let mut vs = Dataset::new(vs);
    for (i, (id, test, res, unit)) in [
        ("S1-001", "HEIGHT", "160", "cm"),
        ("S1-001", "WEIGHT", "60", "kg"),
        ("S1-002", "HEIGHT", "175", "cm"),
        ("S1-002", "WEIGHT", "80", "kg"),
    ]
    .into_iter()
    .enumerate()
    {
        vs.rows.push(vec![
            "S1".into(),
            id.into(),
            Value::Num(i as f64 + 1.0),
            test.into(),
            res.into(),
            unit.into(),
        ]);
    }
    vec![("dm.xpt".into(), dm), ("vs.xpt".into(), vs)]
}

fn codelist(oid: &str, values: &[&str]) -> CodeList {
    CodeList {
        oid: oid.into(),
        name: oid.into(),
        data_type: CodeListType::Text,
        nci_code: None,
        extensible: false,
        standard: None,
        comment: None,
        items: values.iter().map(|v| CodeItem::new(v)).collect(),
    }
}

/// The small study's define.xml, with value-level units: cm for HEIGHT, kg for WEIGHT.
fn small_define() -> String {
    let mut doc = build(&small());
    let vs = doc
        .datasets
        .iter_mut()
        .find(|d| d.meta.name == "VS")
        .unwrap();
    vs.var_mut("VSORRESU").value_list = ["HEIGHT", "WEIGHT"]
        .into_iter()
        .map(|t| ValueItem {
            key: t.into(),
            conditions: vec![Condition::eq("VSTESTCD", t)],
            label: None,
            data_type: DataType::Text,
            length: Some(2),
            significant_digits: None,
            display_format: None,
            mandatory: false,
            codelist: Some(format!("CL.U{t}")),
            method: None,
            comment: None,
        })
        .collect();
    doc.codelists.push(codelist("CL.UHEIGHT", &["cm"]));
    doc.codelists.push(codelist("CL.UWEIGHT", &["kg"]));
    doc.documents.push(Document {
        id: "LF.acrf".into(),
        href: "acrf.pdf".into(),
        title: "Annotated CRF".into(),
    });
    xml_of(&doc)
}

fn check(xml: &str, data: &[(String, Dataset)]) -> Vec<Finding> {
    against(xml, data, None)
}

/// The data as the check reads it: each dataset an Arrow table.
fn against(xml: &str, data: &[(String, Dataset)], base: Option<&Path>) -> Vec<Finding> {
    let tables: Vec<(&str, table::Table)> =
        data.iter().map(|(f, d)| (f.as_str(), d.into())).collect();
    let refs: Vec<(&str, &table::Table)> = tables.iter().map(|(f, t)| (*f, t)).collect();
    against_data(xml, "define.xml", &refs, base)
}

fn errors(fs: &[Finding]) -> Vec<String> {
    fs.iter()
        .filter(|f| f.severity == Severity::Error)
        .map(Finding::to_string)
        .collect()
}

fn set(data: &mut [(String, Dataset)], ds: usize, row: usize, var: &str, v: Value) {
    let i = data[ds].1.meta.index_of(var).unwrap();
    data[ds].1.rows[row][i] = v;
}

#[test]
fn the_small_study_is_clean() {
    let fs = check(&small_define(), &small());
    assert_eq!(errors(&fs), Vec::<String>::new());
    let warnings: Vec<&str> = fs.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(warnings, Vec::<&str>::new(), "{fs:#?}");
}

#[test]
fn dx0001_doctype_is_refused_and_entities_are_not_resolved() {
    let xml = small_define().replacen("<ODM", "<!DOCTYPE ODM [<!ENTITY x \"y\">]>\n<ODM", 1);
    let fs = check(&xml, &small());
    let f = of(&fs, "DX0001");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message.starts_with("line 2, column 1: DOCTYPE"),
        "{}",
        f[0].message
    );

    let xml = small_define().replacen("<StudyName>", "<StudyName>&bogus;", 1);
    let fs = check(&xml, &small());
    assert_eq!(of(&fs, "DX0001").len(), 1);
    assert!(of(&fs, "DX0001")[0].message.contains("`&bogus;`"));
}

#[test]
fn dx0001_is_not_repeated_when_fm0120_said_it() {
    let xml = small_define();
    let fs = check(&xml[..xml.len() / 2], &small());
    assert_eq!(of(&fs, "FM0120").len(), 1);
    assert!(of(&fs, "DX0001").is_empty());
    assert!(
        of(&fs, "DX0002").is_empty(),
        "nothing is compared with a broken document"
    );
}

#[test]
fn dx0002_and_dx0003_datasets_on_one_side_only() {
    let mut data = small();
    data.remove(1);
    let mut other = data[0].1.clone();
    other.meta.name = "XX".into();
    data.push(("xx.xpt".into(), other));
    let fs = check(&small_define(), &data);
    let f = of(&fs, "DX0002");
    assert_eq!((f.len(), f[0].dataset.as_deref()), (1, Some("VS")));
    assert_eq!(f[0].file.as_deref(), Some("define.xml"));
    let f = of(&fs, "DX0003");
    assert_eq!((f.len(), f[0].file.as_deref()), (1, Some("xx.xpt")));
}

#[test]
fn dx0004_and_dx0005_variables_on_one_side_only() {
    let mut data = small();
    let dm = &mut data[0].1;
    dm.meta.variables[3] = Variable::num("AGEX", "Age");
    let fs = check(&small_define(), &data);
    assert_eq!(of(&fs, "DX0004")[0].variables, ["AGEX"]);
    assert_eq!(of(&fs, "DX0005")[0].variables, ["AGE"]);
    assert_eq!(of(&fs, "DX0005")[0].file.as_deref(), Some("dm.xpt"));
}

#[test]
fn dx0006_type_disagrees() {
    let xml = small_define();
    let age = r#"Name="AGE" DataType="integer""#;
    assert!(xml.contains(age));
    let fs = check(&xml.replace(age, r#"Name="AGE" DataType="text""#), &small());
    let f = of(&fs, "DX0006");
    assert_eq!(
        (f.len(), f[0].variables.as_slice()),
        (1, &["AGE".to_owned()][..])
    );
    assert!(
        f[0].message
            .contains("numeric in the data but DataType `text`")
    );
}

#[test]
fn dx0007_a_fraction_in_an_integer() {
    let mut data = small();
    set(&mut data, 0, 1, "AGE", Value::Num(61.5));
    // Our own define.xml would now say float; the one written before the change says integer.
    let fs = check(&small_define(), &data);
    let f = of(&fs, "DX0007");
    assert_eq!(
        (f[0].record, f[0].values.as_slice()),
        (Some(2), &["61.5".to_owned()][..])
    );
}

#[test]
fn dx0008_length_too_short_and_dx0009_length_differs() {
    let xml = small_define();
    let usubjid = r#"Name="USUBJID" DataType="text" Length="6""#;
    assert!(xml.contains(usubjid), "{xml}");
    let fs = check(
        &xml.replacen(usubjid, r#"Name="USUBJID" DataType="text" Length="5""#, 1),
        &small(),
    );
    let f = of(&fs, "DX0008");
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].dataset.as_deref(), f[0].record),
        (Some("DM"), Some(1))
    );
    assert_eq!(f[0].values, ["S1-001"]);
    assert!(f[0].message.contains("Length 5"));
    let f = of(&fs, "DX0009");
    assert!(
        f.iter()
            .any(|f| f.severity == Severity::Warning && f.values == ["6"])
    );
}

#[test]
fn dx0010_label_differs() {
    let xml = small_define();
    assert!(xml.contains(">Sex<"));
    let fs = check(&xml.replacen(">Sex<", ">Gender<", 1), &small());
    let f = of(&fs, "DX0010");
    assert_eq!(f.len(), 1);
    assert!(
        f[0].message
            .starts_with("SEX label `Sex` differs from `Gender` in define.xml (line "),
        "{}",
        f[0].message
    );
}

#[test]
fn dx0011_value_not_in_codelist_once_per_value() {
    let mut data = small();
    set(&mut data, 0, 1, "SEX", "X".into());
    set(&mut data, 0, 2, "SEX", "X".into());
    let fs = check(&small_define(), &data);
    let f = of(&fs, "DX0011");
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].record, f[0].values.as_slice()),
        (Some(2), &["X".to_owned()][..])
    );
    assert!(
        f[0].message
            .contains("`X` is not in codelist CL.SEX (2 records)"),
        "{}",
        f[0].message
    );
}

#[test]
fn dx0012_value_level_codelist_by_testcd() {
    let mut data = small();
    set(&mut data, 1, 2, "VSORRESU", "kg".into());
    let fs = check(&small_define(), &data);
    let f = of(&fs, "DX0012");
    assert_eq!(f.len(), 1, "{fs:#?}");
    assert_eq!(
        (f[0].dataset.as_deref(), f[0].record),
        (Some("VS"), Some(3))
    );
    assert!(f[0].message.contains("`kg` is not in codelist CL.UHEIGHT"));
}

#[test]
fn dx0013_duplicate_keys_once_each_at_the_first_record() {
    let mut data = small();
    let row = data[0].1.rows[0].clone();
    data[0].1.rows.push(row.clone());
    data[0].1.rows.push(row);
    let fs = check(&small_define(), &data);
    let f = of(&fs, "DX0013");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].record, Some(1));
    assert_eq!(f[0].variables, ["STUDYID", "USUBJID"]);
    assert_eq!(f[0].values, ["S1", "S1-001"]);
    assert!(f[0].message.ends_with("is on 3 records"));
}

#[test]
fn dx0014_and_dx0015_leaves_next_to_define_xml() {
    let dir = tempfile::tempdir().unwrap();
    let xml = small_define();
    std::fs::write(dir.path().join("define.xml"), &xml).unwrap();
    std::fs::write(dir.path().join("dm.xpt"), b"").unwrap();
    let fs = against(&xml, &small(), Some(dir.path()));
    let f = of(&fs, "DX0014");
    assert_eq!((f.len(), f[0].dataset.as_deref()), (1, Some("VS")));
    assert_eq!(f[0].values, ["vs.xpt"]);
    let f = of(&fs, "DX0015");
    assert_eq!((f.len(), f[0].severity), (1, Severity::Warning));
    assert_eq!(f[0].values, ["acrf.pdf"]);
}

#[test]
fn dx0016_dataset_label_differs() {
    let mut data = small();
    data[0].1.meta.label = "Demography".into();
    let fs = check(&small_define(), &data);
    assert_eq!(of(&fs, "DX0016").len(), 1);
}

#[test]
fn reference_findings_come_first_and_name_the_file() {
    let xml = small_define().replacen(r#"CodeListOID="CL.SEX""#, r#"CodeListOID="CL.NOPE""#, 1);
    let fs = check(&xml, &small());
    assert_eq!(fs[0].code, "FM0123");
    assert_eq!(fs[0].file.as_deref(), Some("define.xml"));
}

#[test]
fn garbage_never_panics() {
    for text in [
        "",
        "<",
        "not xml",
        "<ODM>",
        "<ODM><Study></ODM>",
        "<a b='>",
        "\u{feff}<x/>",
    ] {
        let fs = check(text, &small());
        assert!(
            fs.iter().any(|f| f.severity == Severity::Error),
            "{text:?}: {fs:?}"
        );
    }
}
