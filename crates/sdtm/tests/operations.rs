//! Each operation, derivation and input check on a tiny CSV study written per test.
#![allow(clippy::unwrap_used)]

use model::{Finding, Value};
use std::path::{Path, PathBuf};

struct Study {
    dir: tempfile::TempDir,
}

impl Study {
    fn new(files: &[(&str, &str)]) -> Study {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        Study { dir }
    }

    fn run(&self, specs: &[(&str, &str)], books: &[&str]) -> sdtm::Conversion {
        let specs: Vec<(String, String)> = specs
            .iter()
            .map(|(n, t)| (n.to_string(), t.to_string()))
            .collect();
        let plan = sdtm::compile_files(&specs).unwrap();
        let paths: Vec<(String, PathBuf)> = books
            .iter()
            .map(|b| (b.to_string(), self.dir.path().join(b)))
            .collect();
        let refs: Vec<(String, &Path)> = paths
            .iter()
            .map(|(n, p)| (n.clone(), p.as_path()))
            .collect();
        sdtm::convert(&plan, &refs).unwrap()
    }
}

const DEMO: &str = "id,sex,consent,end\n 001,Male,2020-01-02,2020-12-31\n002,female,2020-01-05,2020-12-31\n003,X,2020-01-06,2020-12-31\n002,F,2020-01-05,2020-12-31\n";
const DOSE: &str =
    "id,start,stop\n001,2020-01-10,2020-03-01\n001,2020-03-02,2020-06-30\n002,2020-01-12,\n";

fn dm(extra: &str) -> String {
    format!(
        "domain = \"DM\"\n[source]\nsheet = \"demo\"\nsubject = \"id\"\ndemographics = true\n[variables]\n\
         STUDYID = {{ constant = \"S1\" }}\nSUBJID = {{ column = \"id\" }}\nSITEID = {{ constant = \"01\" }}\nCOUNTRY = {{ constant = \"JPN\" }}\nUSUBJID = {{ concat = [\"$STUDYID\", \"-\", {{ column = \"id\" }}] }}\n\
         SEX = {{ column = \"sex\", recode = {{ codelist = \"SEX\" }} }}\nRFICDTC = {{ column = \"consent\", date = [\"YYYY-MM-DD\"] }}\n\
         RFPENDTC = {{ column = \"end\", date = [\"YYYY-MM-DD\"] }}\n\
         RFSTDTC = {{ lookup = {{ sheet = \"dose\", key = \"id\", value = \"start\", pick = \"min\" }}, date = [\"YYYY-MM-DD\"] }}\n\
         RFENDTC = {{ lookup = {{ sheet = \"dose\", key = \"id\", value = \"stop\", pick = \"max\" }}, date = [\"YYYY-MM-DD\"] }}\n{extra}"
    )
}

fn codes_at(fs: &[Finding], code: &str) -> Vec<String> {
    fs.iter()
        .filter(|f| f.code == code)
        .map(|f| {
            f.source
                .as_ref()
                .map(|s| format!("{}!{}", s.sheet, s.cell))
                .unwrap_or_default()
        })
        .collect()
}

fn texts(ds: &model::Dataset, var: &str) -> Vec<String> {
    ds.column(var)
        .unwrap()
        .map(|v| {
            if v.is_null() {
                String::new()
            } else {
                v.to_string()
            }
        })
        .collect()
}

#[test]
fn copy_constant_concat_recode_lookup_and_supp() {
    let s = Study::new(&[("demo.csv", DEMO), ("dose.csv", DOSE)]);
    let spec = dm(
        "AGEU = { constant = \"YEARS\" }\n[supp]\nRAWSEX = { column = \"sex\", label = \"Sex as Written\" }\n",
    );
    let c = s.run(&[("dm.toml", &spec)], &["demo.csv", "dose.csv"]);
    let dm = &c.dataset("DM").unwrap();
    assert_eq!(
        texts(dm, "USUBJID"),
        ["S1-001", "S1-002", "S1-003"],
        "trimmed, sorted, duplicate dropped"
    );
    assert_eq!(texts(dm, "SEX"), ["M", "F", ""]);
    assert_eq!(
        texts(dm, "RFSTDTC"),
        ["2020-01-10", "2020-01-12", ""],
        "min of the dosing starts"
    );
    assert_eq!(
        texts(dm, "RFENDTC"),
        ["2020-06-30", "", ""],
        "max; a blank stop is skipped"
    );
    assert_eq!(texts(dm, "DOMAIN"), ["DM"; 3]);
    assert_eq!(codes_at(&c.findings, "SI0031"), ["demo!B4"], "X is no sex");
    assert_eq!(codes_at(&c.findings, "SI0033"), ["demo!A5"]);
    let sex = dm.meta.variable("SEX").unwrap();
    assert_eq!(
        (sex.label.as_str(), sex.codelist.as_deref(), sex.length),
        ("Sex", Some("SEX"), Some(1))
    );
    assert_eq!(
        dm.meta.variable("AGEU").unwrap().origin,
        Some(model::Origin::Assigned)
    );
    assert_eq!(
        dm.meta.variable("SEX").unwrap().origin,
        Some(model::Origin::Collected)
    );
    assert_eq!(dm.source(1, "SEX").unwrap().to_string(), "demo.csv!demo!B3");
    let supp = &c.dataset("SUPPDM").unwrap();
    assert_eq!(texts(supp, "QNAM"), ["RAWSEX"; 3]);
    assert_eq!(texts(supp, "QVAL"), ["Male", "female", "X"]);
    assert_eq!(texts(supp, "QORIG"), ["CRF"; 3]);
    assert_eq!(c.ct_version, "2022-03-25");
}

const LABS: &str = "id,visit,date,test,result,unit\n001,Day 1,2020-01-10,GLUC,90,mg/dL\n001,Day 1,2020-01-09,GLUC,5.5,mmol/L\n001,Week 2,2020-01-24,GLUC,abc,mg/dL\n001,Week 2,2020-02-20,GLUC,9000,mg/dL\n001,Week 2,2020-01-24,GLUC,80,furlongs\n004,Day 1,2020-01-01,GLUC,80,mg/dL\n001,Week 9,2019-12-01,,,mg/dL\n";

const LB: &str = r#"domain = "LB"
[source]
sheet = "labs"
subject = "id"
[variables]
STUDYID = { constant = "S1" }
USUBJID = { concat = ["$STUDYID", "-", { column = "id" }] }
LBTESTCD = { column = "test", required = true }
LBTEST = { from = "LBTESTCD", codelist = "LBTEST" }
LBORRES = { column = "result" }
LBSTRESN = { column = "result", number = { min = 0, max = 1000, unit = { column = "unit", factors = { "mg/dL" = 1, "mmol/L" = 18 } } } }
LBDTC = { column = "date", date = ["YYYY-MM-DD"] }
[derive]
visit = { column = "visit", date = "LBDTC" }
study_day = ["LBDTC"]
epoch = "LBDTC"
baseline = { flag = "LBLOBXFL", date = "LBDTC", by = ["LBTESTCD"], value = "LBSTRESN" }
in_study = ["LBDTC"]
"#;

const VISITS: &str = "[[visit]]\nvisitnum = 1\nvisit = \"DAY 1\"\nday = 1\nwindow = [-3, 0]\naliases = [\"Day 1\"]\n\n[[visit]]\nvisitnum = 2\nvisit = \"WEEK 2\"\nday = 15\nwindow = [-2, 2]\naliases = [\"Week 2\"]\n";

#[test]
fn numbers_units_dates_visits_and_derivations() {
    let s = Study::new(&[("demo.csv", DEMO), ("dose.csv", DOSE), ("labs.csv", LABS)]);
    let c = s.run(
        &[
            ("dm.toml", &dm("")),
            ("lb.toml", LB),
            ("visits.toml", VISITS),
        ],
        &["demo.csv", "dose.csv", "labs.csv"],
    );
    let lb = &c.dataset("LB").unwrap();
    assert_eq!(lb.rows.len(), 7);
    let strn = texts(lb, "LBSTRESN");
    assert!(strn.contains(&"99".to_owned()), "5.5 mmol/L × 18: {strn:?}");
    assert!(
        texts(lb, "LBTEST").contains(&"Glucose".to_owned()),
        "decoded through the paired codelist"
    );
    assert_eq!(
        codes_at(&c.findings, "SI0022"),
        ["labs!E4"],
        "abc is no number"
    );
    assert_eq!(
        codes_at(&c.findings, "SI0032"),
        ["labs!E5"],
        "9000 out of range"
    );
    assert_eq!(
        codes_at(&c.findings, "SI0038"),
        ["labs!F6"],
        "no factor for furlongs"
    );
    assert_eq!(
        codes_at(&c.findings, "SI0034"),
        ["labs!A7"],
        "004 not in demographics"
    );
    assert_eq!(
        codes_at(&c.findings, "SI0037"),
        ["labs!C5"],
        "week 2 on day 42"
    );
    assert_eq!(
        codes_at(&c.findings, "SI0031"),
        ["demo!B4", "labs!B8"],
        "Week 9 not in the schedule"
    );
    assert_eq!(codes_at(&c.findings, "SI0039"), ["labs!D8"]);
    assert_eq!(
        codes_at(&c.findings, "SI0035"),
        ["labs!C8"],
        "before consent"
    );
    // Rows of subject 001 sorted by keys (LBTESTCD, VISITNUM), numbered 1.. per subject.
    let first: Vec<usize> = (0..lb.rows.len())
        .filter(|&r| lb.get(r, "USUBJID").unwrap().to_string() == "S1-001")
        .collect();
    let seqs: Vec<String> = first
        .iter()
        .map(|&r| lb.get(r, "LBSEQ").unwrap().to_string())
        .collect();
    assert_eq!(seqs, ["1", "2", "3", "4", "5", "6"]);
    let row = |date: &str| {
        (0..lb.rows.len())
            .find(|&r| lb.get(r, "LBDTC").unwrap().to_string() == date)
            .unwrap()
    };
    assert_eq!(lb.get(row("2020-01-10"), "LBDY"), Some(&Value::Num(1.0)));
    assert_eq!(
        lb.get(row("2020-01-09"), "LBDY"),
        Some(&Value::Num(-1.0)),
        "no day 0"
    );
    assert_eq!(
        lb.get(row("2020-01-10"), "LBLOBXFL").unwrap().to_string(),
        "Y",
        "last before first dose"
    );
    assert!(lb.get(row("2020-01-09"), "LBLOBXFL").unwrap().is_null());
    assert_eq!(
        lb.get(row("2020-01-09"), "EPOCH").unwrap().to_string(),
        "SCREENING"
    );
    assert_eq!(
        lb.get(row("2020-01-10"), "EPOCH").unwrap().to_string(),
        "TREATMENT"
    );
    assert_eq!(
        lb.get(row("2020-01-10"), "VISITNUM"),
        Some(&Value::Num(1.0))
    );
}

#[test]
fn unpivot_turns_columns_into_records() {
    let wide = "id,date,fvc,dlco\n001,2020-01-10,2.5,61\n002,2020-01-12,3.1,\n";
    let re = r#"domain = "RE"
[source]
sheet = "pft"
subject = "id"
[[unpivot]]
column = "fvc"
set = { RETESTCD = "FVC", RETEST = "Forced Vital Capacity" }
max = 3
[[unpivot]]
column = "dlco"
set = { RETESTCD = "DLCOPP", RETEST = "Percent Predicted DLCO" }
[variables]
STUDYID = { constant = "S1" }
USUBJID = { concat = ["$STUDYID", "-", { column = "id" }] }
REORRES = { column = "@value" }
RESTRESN = { column = "@value", number = {} }
REDTC = { column = "date", date = ["YYYY-MM-DD"] }
"#;
    let s = Study::new(&[("pft.csv", wide)]);
    let c = s.run(&[("re.toml", re)], &["pft.csv"]);
    let ds = &c.dataset("RE").unwrap();
    assert_eq!(texts(ds, "RETESTCD"), ["DLCOPP", "FVC", "DLCOPP", "FVC"]);
    assert_eq!(texts(ds, "REORRES"), ["61", "2.5", "", "3.1"]);
    assert_eq!(
        codes_at(&c.findings, "SI0032"),
        ["pft!C3"],
        "the item's own range"
    );
    assert_eq!(ds.source(0, "RESTRESN").unwrap().cell.to_string(), "D2");
    // Sorted by subject and test code, unlike the sheet: each value still names its own cell.
    let cells: Vec<String> = (0..4)
        .map(|r| {
            ds.source(r, "REORRES")
                .map_or("-".into(), |s| s.cell.to_string())
        })
        .collect();
    assert_eq!(cells, ["D2", "C2", "D3", "C3"]);
    assert_eq!(ds.source(1, "REDTC").unwrap().cell.to_string(), "B2");
    assert_eq!(ds.source(1, "RESEQ"), None, "derived values have no cell");
}

#[test]
fn missing_columns_and_sheets_are_reported_not_fatal() {
    let s = Study::new(&[("demo.csv", DEMO), ("dose.csv", DOSE)]);
    let ae = "domain = \"AE\"\n[source]\nsheet = \"adverse\"\nsubject = \"id\"\n[variables]\nSTUDYID = { constant = \"S1\" }\nUSUBJID = { column = \"id\" }\nAETERM = { column = \"term\" }\nAEDECOD = { column = \"term\" }\n";
    let spec = dm("BRTHDTC = { column = \"birth date\", date = [\"YYYY-MM-DD\"] }\n");
    let c = s.run(
        &[("dm.toml", &spec), ("ae.toml", ae)],
        &["demo.csv", "dose.csv"],
    );
    assert_eq!(codes_at(&c.findings, "SI0030"), ["demo!A1"]);
    assert_eq!(codes_at(&c.findings, "SI0040"), ["adverse!A1"]);
    assert_eq!(c.dataset("DM").unwrap().rows.len(), 3, "mapping goes on");
}

#[test]
fn a_value_repeated_in_many_cells_is_mapped_once_but_each_cell_keeps_its_own_finding_and_source() {
    let demo = "id,sex,consent\n001,X,2020-13-01\n002,Male,2020-01-02\n003,X,2020-13-01\n004,Male,2020-01-02\n";
    let spec = "domain = \"DM\"\n[source]\nsheet = \"demo\"\nsubject = \"id\"\ndemographics = true\n[variables]\n\
        STUDYID = { constant = \"S1\" }\nUSUBJID = { concat = [\"$STUDYID\", \"-\", { column = \"id\" }] }\n\
        SUBJID = { column = \"id\" }\nSITEID = { constant = \"01\" }\nCOUNTRY = { constant = \"JPN\" }\n\
        SEX = { column = \"sex\", recode = { codelist = \"SEX\" } }\n\
        RFICDTC = { column = \"consent\", date = [\"YYYY-MM-DD\"] }\n";
    let s = Study::new(&[("demo.csv", demo)]);
    let c = s.run(&[("dm.toml", spec)], &["demo.csv"]);
    assert_eq!(codes_at(&c.findings, "SI0031"), ["demo!B2", "demo!B4"]);
    let dates: Vec<String> = c
        .findings
        .iter()
        .filter(|f| f.variables.iter().any(|v| v == "RFICDTC"))
        .filter_map(|f| f.source.as_ref().map(|s| s.cell.to_string()))
        .collect();
    assert_eq!(dates, ["C2", "C4"], "the bad date, once per cell");
    let dm = c.table("DM").unwrap();
    let sex: Vec<String> = (0..dm.len())
        .map(|r| {
            dm.get(r, "SEX")
                .filter(|v| !v.is_null())
                .map(|v| v.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(sex, ["", "M", "", "M"]);
    let cells: Vec<String> = (0..dm.len())
        .map(|r| {
            dm.source(r, "SEX")
                .map(|s| s.cell.to_string())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        cells,
        ["B2", "B3", "B4", "B5"],
        "a repeated value names its own cell"
    );
}

/// 40,000 lab rows: more than one piece of a table mapped on several threads. Subjects 011
/// and 012 are not in the demographics sheet; every 4,999th test is unknown.
fn many_labs() -> (String, Vec<(String, String, String)>) {
    let mut csv = String::from("id,test,result,date\n");
    let mut rows = Vec::new();
    for i in 0..40_000 {
        let id = format!("{:03}", 1 + i % 12);
        let test = if i % 4_999 == 7 { "XX" } else { "CK" }.to_string();
        let result = format!("{}", 100 + i % 97);
        csv.push_str(&format!("{id},{test},{result},2020-02-{:02}\n", 1 + i % 28));
        rows.push((id, test, result));
    }
    (csv, rows)
}

#[test]
fn a_table_mapped_in_pieces_reads_as_if_mapped_in_one_pass() {
    let demo: String = std::iter::once("id,sex,consent\n".to_string())
        .chain((1..=10).map(|i| format!("{i:03},Male,2020-01-02\n")))
        .collect();
    let (labs, rows) = many_labs();
    let s = Study::new(&[("demo.csv", &demo), ("labs.csv", &labs)]);
    let dm = |extra: &str| {
        format!(
            "domain = \"DM\"\n[source]\nsheet = \"demo\"\nsubject = \"id\"\ndemographics = true\n[variables]\n\
             STUDYID = {{ constant = \"S1\" }}\nUSUBJID = {{ concat = [\"$STUDYID\", \"-\", {{ column = \"id\" }}] }}\n\
             SUBJID = {{ column = \"id\" }}\nSITEID = {{ constant = \"01\" }}\nCOUNTRY = {{ constant = \"JPN\" }}\n\
             SEX = {{ column = \"sex\", recode = {{ codelist = \"SEX\" }} }}\nRFICDTC = {{ column = \"consent\", date = [\"YYYY-MM-DD\"] }}\n{extra}"
        )
    };
    let lb = "domain = \"LB\"\n[source]\nsheet = \"labs\"\nsubject = \"id\"\n[variables]\n\
        STUDYID = { constant = \"S1\" }\nUSUBJID = { concat = [\"$STUDYID\", \"-\", { column = \"id\" }] }\n\
        LBTESTCD = { column = \"test\", recode = { table = { \"CK\" = \"CK\" } } }\n\
        LBTEST = { from = \"LBTESTCD\", codelist = \"LBTEST\" }\n\
        LBORRES = { column = \"result\" }\nLBDTC = { column = \"date\", date = [\"YYYY-MM-DD\"] }\n";
    // Read by LB alone, the sheet is consumed piece by piece; looked up by DM too, it is
    // shared and read in place.
    let lookup = "RFSTDTC = { lookup = { sheet = \"labs\", key = \"id\", value = \"date\", pick = \"min\" }, date = [\"YYYY-MM-DD\"] }\n";
    let owned = s.run(
        &[("dm.toml", &dm("")), ("lb.toml", lb)],
        &["demo.csv", "labs.csv"],
    );
    let shared = s.run(
        &[("dm.toml", &dm(lookup)), ("lb.toml", lb)],
        &["demo.csv", "labs.csv"],
    );
    for c in [&owned, &shared] {
        assert_eq!(
            codes_at(&c.findings, "SI0034"),
            ["labs!A12", "labs!A13"],
            "each unknown subject once, at its first row"
        );
        let unknown_tests: Vec<String> = (0..rows.len())
            .filter(|i| rows[*i].1 == "XX")
            .map(|i| format!("labs!B{}", i + 2))
            .collect();
        assert_eq!(unknown_tests.len(), 9, "in most pieces");
        assert_eq!(codes_at(&c.findings, "SI0031"), unknown_tests);
        let t = c.table("LB").unwrap();
        assert_eq!(t.len(), rows.len());
        for r in 0..t.len() {
            let cell = t.source(r, "LBORRES").unwrap();
            let (id, _, result) = &rows[cell.cell.row as usize - 1];
            assert_eq!(cell.cell.col, 2);
            assert_eq!(
                t.get(r, "LBORRES").unwrap().to_string(),
                *result,
                "record {r}"
            );
            assert_eq!(t.get(r, "USUBJID").unwrap().to_string(), format!("S1-{id}"));
            assert_eq!(t.source(r, "LBTESTCD").unwrap().cell.row, cell.cell.row);
        }
    }
    assert_eq!(owned.table("LB"), shared.table("LB"));
}
