//! A generated SDTM package for the rule-engine benchmark: DM with 1,000 subjects and an LB
//! of N rows, written as XPT, so `trialbridge validate` runs every rule on it.

use model::{Dataset, DatasetMeta, Value, Variable};
use std::path::Path;

const SUBJECTS: usize = 1000;
const TESTS: [(&str, &str, &str); 5] = [
    ("ALT", "Alanine Aminotransferase", "U/L"),
    ("AST", "Aspartate Aminotransferase", "U/L"),
    ("CK", "Creatine Kinase", "U/L"),
    ("CREAT", "Creatinine", "mg/dL"),
    ("GLUC", "Glucose", "mg/dL"),
];

fn usubjid(s: usize) -> String {
    format!("BENCH-{s:04}")
}

fn dm() -> Dataset {
    let mut meta = DatasetMeta::new("DM", "Demographics");
    let c = |n: &str, l: &str, len: usize| Variable::char(n, l).with_length(len);
    meta.variables = vec![
        c("STUDYID", "Study Identifier", 5),
        c("DOMAIN", "Domain Abbreviation", 2),
        c("USUBJID", "Unique Subject Identifier", 10),
        c("SUBJID", "Subject Identifier for the Study", 4),
        c("RFSTDTC", "Subject Reference Start Date/Time", 10),
        c("SITEID", "Study Site Identifier", 2),
        Variable::num("AGE", "Age"),
        c("AGEU", "Age Units", 5),
        c("SEX", "Sex", 1),
        c("COUNTRY", "Country", 3),
    ];
    let mut ds = Dataset::new(meta);
    ds.rows = (0..SUBJECTS)
        .map(|s| {
            vec![
                Value::char("BENCH"),
                Value::char("DM"),
                Value::Char(usubjid(s)),
                Value::Char(format!("{s:04}")),
                Value::char("2020-01-06"),
                Value::Char(format!("{:02}", s % 20)),
                Value::Num(30.0 + (s % 40) as f64),
                Value::char("YEARS"),
                Value::char(if s % 2 == 0 { "F" } else { "M" }),
                Value::char("JPN"),
            ]
        })
        .collect();
    ds
}

fn lb(rows: usize) -> Dataset {
    let mut meta = DatasetMeta::new("LB", "Laboratory Test Results");
    let c = |n: &str, l: &str, len: usize| Variable::char(n, l).with_length(len);
    meta.variables = vec![
        c("STUDYID", "Study Identifier", 5),
        c("DOMAIN", "Domain Abbreviation", 2),
        c("USUBJID", "Unique Subject Identifier", 10),
        Variable::num("LBSEQ", "Sequence Number"),
        c("LBTESTCD", "Lab Test or Examination Short Name", 8),
        c("LBTEST", "Lab Test or Examination Name", 40),
        c("LBORRES", "Result or Finding in Original Units", 12),
        c("LBORRESU", "Original Units", 8),
        c("LBSTRESC", "Character Result/Finding in Std Format", 12),
        Variable::num("LBSTRESN", "Numeric Result/Finding in Standard Units"),
        c("LBSTRESU", "Standard Units", 8),
        c("LBDTC", "Date/Time of Specimen Collection", 10),
        Variable::num("LBDY", "Study Day of Specimen Collection"),
    ];
    let mut ds = Dataset::new(meta);
    let per_subject = rows.div_ceil(SUBJECTS).max(1);
    ds.rows = (0..rows)
        .map(|i| {
            let (s, k) = (i / per_subject, i % per_subject);
            let (cd, name, unit) = TESTS[k % TESTS.len()];
            let day = 1 + (k / TESTS.len()) as i64;
            let value = 10.0 + ((i * 7919) % 1000) as f64 / 10.0;
            let date = model::IsoDateTime::from_epoch_days(18_267 + day - 1).to_string();
            vec![
                Value::char("BENCH"),
                Value::char("LB"),
                Value::Char(usubjid(s)),
                Value::Num((k + 1) as f64),
                Value::char(cd),
                Value::char(name),
                Value::Char(format!("{value}")),
                Value::char(unit),
                Value::Char(format!("{value}")),
                Value::Num(value),
                Value::char(unit),
                Value::Char(date),
                Value::Num(day as f64),
            ]
        })
        .collect();
    ds
}

/// Writes `dm.xpt` and `lb.xpt` (N rows) into `dir`.
pub fn make(rows: usize, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)?;
    super::write(&dm(), &dir.join("dm.xpt"))?;
    super::write(&lb(rows), &dir.join("lb.xpt"))?;
    Ok(())
}
