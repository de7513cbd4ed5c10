//! Writes varied XPT v5 datasets, each with a `NAME.expected.json` sidecar saying what an
//! independent reader must see, into the directory given as the only argument:
//!
//! ```text
//! cargo run -p trialbridge-formats --example xpt_interop_fixtures -- DIR
//! .venv/bin/python tests/interop/xpt_check.py DIR
//! ```
//!
//! Sidecar: `{"dataset", "label", "columns": [{"name","label","type":"num"|"char","format"}],
//! "rows": [[...]]}` with numbers as JSON numbers, `.` as `null`, special missings as
//! `{"missing": ".A"}`, text with trailing blanks trimmed and missing text as `""`.
//! Datasets that XPT cannot hold (non-ASCII text, 1e300) must be refused: the program fails
//! if the writer accepts them.

use formats::xpt::{XptOptions, write_dataset};
use model::{Dataset, DatasetMeta, Missing, Value, VarType, Variable};
use serde_json::{Value as Json, json};
use std::path::Path;
use std::process::ExitCode;

fn dataset(name: &str, label: &str, vars: Vec<Variable>, rows: Vec<Vec<Value>>) -> Dataset {
    let mut meta = DatasetMeta::new(name, label);
    meta.variables = vars;
    let mut ds = Dataset::new(meta);
    ds.rows = rows;
    ds
}

fn numbers() -> Dataset {
    let xs: Vec<Value> = vec![
        0.0.into(),
        (-0.0).into(),
        1.0.into(),
        (-1.0).into(),
        0.1.into(),
        (1.0 / 3.0).into(),
        (-118.625).into(),
        1e-78.into(),
        (-1e-78).into(),
        7.2e75.into(),
        (-7.2e75).into(),
        123_456_789.123_456_78.into(),
        9_007_199_254_740_992.0.into(),
        std::f64::consts::PI.into(),
        Value::Missing(Missing::Dot),
        Value::Missing(Missing::Underscore),
        Value::Missing(Missing::Letter(b'A')),
        Value::Missing(Missing::Letter(b'Z')),
    ];
    let rows = xs
        .into_iter()
        .enumerate()
        .map(|(i, x)| {
            let y = if i % 4 == 3 {
                Value::NULL
            } else {
                Value::Num(i as f64 * -2.5)
            };
            vec![Value::char(format!("N{i:02}")), x, y]
        })
        .collect();
    let vars = vec![
        Variable::char("ID", "Row identifier"),
        Variable::num("X", "Values across the IBM range").with_format("BEST12."),
        Variable::num("Y", "Two decimals").with_format("8.2"),
    ];
    dataset("NUMS", "Numbers, extremes and missings", vars, rows)
}

fn dates() -> Dataset {
    // SAS dates count days from 1960-01-01.
    let rows = [
        (-365.0, 1.5),
        (0.0, 2.25),
        (19_724.0, -3.0),
        (22_000.0, 0.0),
    ]
    .iter()
    .enumerate()
    .map(|(i, (d, v))| {
        vec![
            Value::char(format!("01-701-{}", 1000 + i)),
            Value::Num(*d),
            Value::Num(*v),
        ]
    })
    .chain(std::iter::once(vec![
        Value::char("01-701-9999"),
        Value::NULL,
        Value::NULL,
    ]))
    .collect();
    let vars = vec![
        Variable::char("USUBJID", "Unique Subject Identifier").with_format("$CHAR11."),
        Variable::num("TRTSDT", "Date of First Exposure to Treatment").with_format("DATE9."),
        Variable::num("AVAL", "Analysis Value").with_format("8.2"),
    ];
    dataset("ADSLX", "Subject-level dates", vars, rows)
}

fn text() -> Dataset {
    let long = "x".repeat(199) + "y";
    let rows = vec![
        vec![Value::char("  two leading blanks"), Value::char("a")],
        vec![
            Value::char("quotes \" and ' and \\ backslash"),
            Value::char(""),
        ],
        vec![Value::char(long), Value::NULL],
        vec![Value::char(""), Value::char("z")],
    ];
    let vars = vec![
        Variable::char("LONGTEXT", "A label of exactly forty characters long"),
        Variable::char("SHORT", "Short text").with_length(3),
    ];
    dataset("TEXT", "Character edge cases", vars, rows)
}

fn empty() -> Dataset {
    let vars = vec![
        Variable::char("STUDYID", "Study Identifier").with_length(12),
        Variable::num("N", "Count"),
    ];
    dataset("EMPTY", "No rows", vars, Vec::new())
}

fn rejected() -> Vec<(Dataset, &'static str)> {
    let uni = dataset(
        "UNI",
        "Unicode",
        vec![Variable::char("AETERM", "Reported Term")],
        vec![vec![Value::char("頭痛")]],
    );
    let huge = dataset(
        "HUGE",
        "Overflow",
        vec![Variable::num("X", "x")],
        vec![vec![Value::Num(1e300)]],
    );
    let tiny = dataset(
        "TINY",
        "Underflow",
        vec![Variable::num("X", "x")],
        vec![vec![Value::Num(1e-300)]],
    );
    vec![(uni, "FM0010"), (huge, "FM0011"), (tiny, "FM0011")]
}

fn sidecar(ds: &Dataset) -> Json {
    let columns: Vec<Json> = ds
        .meta
        .variables
        .iter()
        .map(|v| {
            let t = if v.vtype == VarType::Num {
                "num"
            } else {
                "char"
            };
            json!({"name": v.name, "label": v.label, "type": t, "format": v.format})
        })
        .collect();
    let rows: Vec<Json> = ds
        .rows
        .iter()
        .map(|r| {
            Json::Array(
                r.iter()
                    .zip(&ds.meta.variables)
                    .map(|(v, var)| match (v, var.vtype) {
                        (Value::Num(x), _) => json!(x),
                        (Value::Char(s), _) => json!(s.trim_end_matches(' ')),
                        (Value::Missing(_), VarType::Char) => json!(""),
                        (Value::Missing(Missing::Dot), VarType::Num) => Json::Null,
                        (Value::Missing(m), VarType::Num) => json!({"missing": m.to_string()}),
                    })
                    .collect(),
            )
        })
        .collect();
    json!({"dataset": ds.meta.name, "label": ds.meta.label, "columns": columns, "rows": rows})
}

fn run(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let opts = XptOptions::at(1_772_000_000);
    for ds in [numbers(), dates(), text(), empty()] {
        let stem = ds.meta.name.to_ascii_lowercase();
        let mut bytes = Vec::new();
        let findings = write_dataset(&ds, &mut bytes, &opts).map_err(|e| e.to_string())?;
        for f in findings {
            eprintln!("{f}");
        }
        let write = |name: String, content: &[u8]| {
            std::fs::write(dir.join(&name), content).map_err(|e| format!("{name}: {e}"))
        };
        write(format!("{stem}.xpt"), &bytes)?;
        let json = serde_json::to_vec_pretty(&sidecar(&ds)).map_err(|e| e.to_string())?;
        write(format!("{stem}.expected.json"), &json)?;
        println!(
            "wrote {stem}.xpt ({} rows, {} bytes)",
            ds.rows.len(),
            bytes.len()
        );
    }
    for (ds, code) in rejected() {
        match write_dataset(&ds, Vec::new(), &opts) {
            Ok(_) => {
                return Err(format!(
                    "{} was written although XPT cannot hold it",
                    ds.meta.name
                ));
            }
            Err(e) if e.findings().iter().any(|f| f.code == code) => {
                println!("refused {} as expected: {e}", ds.meta.name)
            }
            Err(e) => return Err(format!("{} refused without {code}: {e}", ds.meta.name)),
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1) else {
        eprintln!("usage: xpt_interop_fixtures DIR");
        return ExitCode::from(2);
    };
    match run(Path::new(&dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
