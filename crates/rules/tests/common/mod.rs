//! Building datasets for rule tests from fixture TOML and from CDISC's CORE case CSVs.

#![allow(dead_code)] // each test binary uses part of this module

use model::{Dataset, DatasetMeta, Finding, Value, Variable};

/// `name`, `name:num`, or with a declared length `name:char:200`, and a display format
/// after it (`name:num:8:DATE9.`); numeric columns read `""` as missing.
pub fn dataset(name: &str, columns: &[String], rows: Vec<Vec<Value>>) -> Dataset {
    let mut meta = DatasetMeta::new(name, name);
    for c in columns {
        let mut parts = c.split(':');
        let n = parts.next().unwrap_or_default();
        let num = parts.next() == Some("num");
        let var = if num {
            Variable::num(n, n)
        } else {
            Variable::char(n, n)
        };
        let var = match parts.next().and_then(|l| l.parse().ok()) {
            Some(len) => var.with_length(len),
            None => var,
        };
        meta.variables.push(match parts.next() {
            Some(format) => var.with_format(format),
            None => var,
        });
    }
    let rows = rows
        .into_iter()
        .map(|r| {
            r.into_iter()
                .zip(&meta.variables)
                .map(|(v, var)| match (&v, var.vtype) {
                    (Value::Char(s), model::VarType::Num) if s.is_empty() => Value::NULL,
                    (Value::Char(s), model::VarType::Num) => s.parse().map(Value::Num).unwrap_or(v),
                    _ => v,
                })
                .collect()
        })
        .collect();
    Dataset::with_rows(meta, rows)
}

/// `DATASET:record:VARIABLE` — the shape fixtures state expectations in.
pub fn key(f: &Finding) -> String {
    format!(
        "{}:{}:{}",
        f.dataset.as_deref().unwrap_or(""),
        f.record.map(|r| r.to_string()).unwrap_or_default(),
        f.variables.first().map(String::as_str).unwrap_or("")
    )
}
