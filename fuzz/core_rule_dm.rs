/// The small DM the `core_rule` fuzz target runs a compiled rule on: blank, numeric, negative
/// and malformed-date values. Included by the target and by the corpus replay test.
fn fuzz_dm() -> model::Dataset {
    use model::{Dataset, DatasetMeta, Value, Variable};
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

