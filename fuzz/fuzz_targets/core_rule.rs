//! CORE rule YAML text → schema check → compiled plan, and a plan that compiles run on a
//! small DM with blank, numeric and text values: any rule text a user passes to `--rules`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use model::{Dataset, DatasetMeta, Value, Variable};

fn dm() -> Dataset {
    let mut meta = DatasetMeta::new("DM", "Demographics");
    meta.variables = vec![
        Variable::char("STUDYID", "Study Identifier"),
        Variable::char("DOMAIN", "Domain Abbreviation"),
        Variable::char("USUBJID", "Unique Subject Identifier"),
        Variable::num("AGE", "Age"),
        Variable::char("RFSTDTC", "Subject Reference Start Date/Time"),
    ];
    let mut ds = Dataset::new(meta);
    let row = |id: &str, age: Value, date: &str| {
        vec![
            Value::Char("S1".into()),
            Value::Char("DM".into()),
            Value::Char(id.into()),
            age,
            Value::Char(date.into()),
        ]
    };
    ds.rows = vec![
        row("S1-001", Value::Num(34.0), "2020-01-31"),
        row("S1-002", Value::NULL, ""),
        row("S1-002", Value::Num(-1.5), "2020-13"),
    ];
    ds
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match core_rules::RuleBook::from_text("fuzz.yml", text) {
        Ok(book) => {
            let package = core_rules::Package {
                standard: core_rules::Standard::new("SDTMIG", "3.4"),
                datasets: vec![dm()],
            };
            let _ = book.run_all(&package);
        }
        Err(errors) => {
            let _ = errors.iter().map(ToString::to_string).count();
        }
    }
});
