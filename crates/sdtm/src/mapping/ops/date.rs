//! `date = ["DD/MM/YYYY", "YYYY-MM-DD", "D-MMM-YY"]`: date cells as they are, text dates in
//! the declared formats only, to ISO 8601; partial dates stay partial.

use super::{Got, RowCtx};
use model::{Finding, SourceCell, Value};
use sheets::{CellProblem, DateFormat};
use spec::{Diag, strings};

pub(crate) fn parse(t: &toml::Table, path: &str, d: &mut Diag) -> Option<Vec<DateFormat>> {
    let patterns = strings(t, "date", path, d)?;
    let mut out = Vec::new();
    for (i, p) in patterns.iter().enumerate() {
        match DateFormat::parse(p) {
            Ok(f) => out.push(f),
            Err(e) => d.err(&format!("{path}.date[{i}]"), e.to_string()),
        }
    }
    Some(out)
}

pub(crate) fn apply(
    formats: &[DateFormat],
    var: &str,
    got: &Got,
    src: Option<&SourceCell>,
    ctx: &RowCtx<'_>,
    out: &mut Vec<Finding>,
) -> Got {
    match sheets::parse_date(&got.as_cell(src), formats) {
        Ok(iso) => Got::Val(Value::char(iso.to_string())),
        Err(CellProblem::Empty) => Got::Null,
        Err(p) => {
            if let Some(f) = src.and_then(|s| p.finding(s.clone())) {
                out.push(ctx.finding(f, var));
            }
            Got::Null
        }
    }
}
