//! What a v5 transport file can hold, checked before anything is written.

use super::XptOptions;
use super::header::Format;
use super::ibm::{IbmRangeError, to_ibm};
use model::text::is_sas_name;
use model::{DatasetMeta, DatasetRows, Finding, Missing, Severity, Value, VarType};

pub(crate) const MAX_NAME: usize = 8;
pub(crate) const MAX_LABEL: usize = 40;
pub(crate) const MAX_CHAR: usize = 200;
pub(crate) const MAX_VARS: usize = 9_999;

/// One variable as it will be laid out in the file.
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub name: String,
    pub label: String,
    pub numeric: bool,
    pub length: usize,
    pub position: usize,
    pub format: Format,
}

#[derive(Debug, Clone)]
pub(crate) struct Layout {
    pub columns: Vec<Column>,
    pub obs_len: usize,
}

/// Builds findings that all name the same file and dataset.
pub(crate) struct Ctx<'a> {
    pub file: Option<&'a str>,
    pub dataset: &'a str,
}

impl Ctx<'_> {
    pub fn finding(&self, code: &str, severity: Severity, message: String) -> Finding {
        let mut f = Finding::new(code, severity, message).in_dataset(self.dataset);
        if let Some(file) = self.file {
            f = f.in_file(file);
        }
        f
    }
}

/// Checks metadata and lays out the columns. `length_of(i)` is the byte length to use for
/// character variable `i` when its metadata has none (`None`: unknown, which is FM0015).
pub(crate) fn check_meta(
    meta: &DatasetMeta,
    length_of: impl Fn(usize) -> Option<usize>,
    ctx: &Ctx,
    out: &mut Vec<Finding>,
) -> Layout {
    let err = Severity::Error;
    if !is_sas_name(&meta.name, MAX_NAME) {
        out.push(
            ctx.finding(
                "FM0001",
                err,
                format!(
                    "dataset name `{}` is not a SAS name of at most {MAX_NAME} ASCII characters",
                    meta.name
                ),
            )
            .with_value(meta.name.clone()),
        );
    }
    if meta.label.len() > MAX_LABEL || !meta.label.is_ascii() {
        out.push(
            ctx.finding(
                "FM0002",
                err,
                format!(
                    "dataset label `{}` is not at most {MAX_LABEL} ASCII bytes ({} bytes)",
                    meta.label,
                    meta.label.len()
                ),
            )
            .with_value(meta.label.clone()),
        );
    }
    if meta.variables.is_empty() || meta.variables.len() > MAX_VARS {
        out.push(ctx.finding(
            "FM0016",
            err,
            format!(
                "dataset has {} variables; XPT v5 needs 1 to {MAX_VARS}",
                meta.variables.len()
            ),
        ));
    }
    let mut columns = Vec::with_capacity(meta.variables.len());
    let mut position = 0usize;
    for (i, v) in meta.variables.iter().enumerate() {
        let var = |f: Finding| f.with_variable(v.name.clone());
        if !is_sas_name(&v.name, MAX_NAME) {
            out.push(var(ctx.finding(
                "FM0003",
                err,
                format!(
                    "variable name `{}` is not a SAS name of at most {MAX_NAME} ASCII characters",
                    v.name
                ),
            )));
        }
        if meta.variables[..i]
            .iter()
            .any(|w| w.name.eq_ignore_ascii_case(&v.name))
        {
            out.push(var(ctx.finding(
                "FM0004",
                err,
                format!("variable name {} appears more than once", v.name),
            )));
        }
        if v.label.len() > MAX_LABEL || !v.label.is_ascii() {
            out.push(var(ctx
                .finding(
                    "FM0005",
                    err,
                    format!(
                        "label of {} `{}` is not at most {MAX_LABEL} ASCII bytes ({} bytes)",
                        v.name,
                        v.label,
                        v.label.len()
                    ),
                )
                .with_value(v.label.clone())));
        }
        let numeric = v.vtype == VarType::Num;
        let format = match v.format.as_deref() {
            None => Format::default(),
            Some(text) => match Format::parse(text) {
                Some(f) if f.name.len() <= MAX_NAME && f.name.starts_with('$') != numeric => f,
                _ => {
                    let kind = if numeric { "numeric" } else { "character ($)" };
                    out.push(var(ctx.finding(
                        "FM0006",
                        err,
                        format!("display format `{text}` of {} is not a {kind} SAS format with a name of at most {MAX_NAME} characters", v.name),
                    )
                    .with_value(text.to_owned())));
                    Format::default()
                }
            },
        };
        let length = if numeric {
            if v.length.is_some_and(|n| n != 8) {
                out.push(var(ctx.finding(
                    "FM0008",
                    err,
                    format!(
                        "numeric variable {} has length {}; only 8 holds every double exactly",
                        v.name,
                        v.length.unwrap_or(8)
                    ),
                )));
            }
            8
        } else {
            match v.length.or_else(|| length_of(i)) {
                Some(n) if (1..=MAX_CHAR).contains(&n) => n,
                Some(n) => {
                    out.push(var(ctx.finding(
                        "FM0007",
                        err,
                        format!(
                            "character variable {} has length {n}; XPT v5 allows 1 to {MAX_CHAR}",
                            v.name
                        ),
                    )));
                    n.clamp(1, MAX_CHAR)
                }
                None => {
                    out.push(var(ctx.finding(
                        "FM0015",
                        err,
                        format!("character variable {} has no length; the streaming writer needs one (use write_dataset to size from data)", v.name),
                    )));
                    1
                }
            }
        };
        columns.push(Column {
            name: v.name.clone(),
            label: v.label.clone(),
            numeric,
            length,
            position,
            format,
        });
        position += length;
    }
    Layout {
        columns,
        obs_len: position,
    }
}

/// Plain decimals for everyday numbers, exponent form for the extremes that need reporting.
fn num_text(x: f64) -> String {
    if x != 0.0 && x.is_finite() && !(1e-5..1e16).contains(&x.abs()) {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

/// Appends the findings for one row (`record` is 1-based).
pub(crate) fn check_row(
    layout: &Layout,
    row: &[Value],
    record: u64,
    ctx: &Ctx,
    out: &mut Vec<Finding>,
) {
    let err = Severity::Error;
    if row.len() != layout.columns.len() {
        out.push(
            ctx.finding(
                "FM0013",
                err,
                format!(
                    "row has {} values but the dataset has {} variables",
                    row.len(),
                    layout.columns.len()
                ),
            )
            .at_record(record),
        );
        return;
    }
    for (col, value) in layout.columns.iter().zip(row) {
        let at = |f: Finding| f.at_record(record).with_variable(col.name.clone());
        match (col.numeric, value) {
            (true, Value::Num(x)) => {
                if let Err(e) = to_ibm(*x) {
                    let why = match e {
                        IbmRangeError::NotFinite => "is not a finite number",
                        IbmRangeError::Underflow => {
                            "is too close to zero for an IBM double (smallest 5.4e-79)"
                        }
                        IbmRangeError::Overflow => {
                            "is too large for an IBM double (largest 7.2e75)"
                        }
                    };
                    out.push(at(ctx
                        .finding(
                            "FM0011",
                            err,
                            format!("{} value `{}` {why}", col.name, num_text(*x)),
                        )
                        .with_value(num_text(*x))));
                }
            }
            (true, Value::Missing(_)) | (false, Value::Missing(Missing::Dot)) => {}
            (false, Value::Missing(m)) => {
                out.push(at(ctx.finding(
                    "FM0014",
                    err,
                    format!("character variable {} holds special missing `{m}`, which XPT can only store for numerics", col.name),
                )
                .with_value(m.to_string())));
            }
            (false, Value::Char(s)) => {
                if !s.is_ascii() {
                    out.push(at(ctx
                        .finding(
                            "FM0010",
                            err,
                            format!("{} value `{s}` is not ASCII", col.name),
                        )
                        .with_value(s.clone())));
                }
                if s.len() > col.length {
                    out.push(at(ctx
                        .finding(
                            "FM0009",
                            err,
                            format!(
                                "{} value `{s}` is {} bytes, longer than the variable's length {}",
                                col.name,
                                s.len(),
                                col.length
                            ),
                        )
                        .with_value(s.clone())));
                }
            }
            (true, Value::Char(s)) => out.push(at(ctx
                .finding(
                    "FM0012",
                    err,
                    format!("numeric variable {} holds text `{s}`", col.name),
                )
                .with_value(s.clone()))),
            (false, Value::Num(x)) => out.push(at(ctx
                .finding(
                    "FM0012",
                    err,
                    format!("character variable {} holds number `{x}`", col.name),
                )
                .with_value(x.to_string()))),
        }
    }
}

/// Every finding writing `ds` would produce, in record order; writing succeeds exactly when
/// none is at error severity.
pub fn validate<R: DatasetRows>(ds: &R, opts: &XptOptions) -> Vec<Finding> {
    check_dataset(ds, opts).1
}

/// Two passes over the rows: character lengths first (when the metadata lacks one), then
/// every value.
pub(crate) fn check_dataset<R: DatasetRows>(ds: &R, opts: &XptOptions) -> (Layout, Vec<Finding>) {
    let meta = ds.meta();
    let ctx = Ctx {
        file: opts.file_name.as_deref(),
        dataset: &meta.name,
    };
    let n = meta.variables.len();
    let mut out = Vec::new();
    // Char lengths not given are sized from the data; values over 200 bytes still get FM0009
    // against the 200-byte cap rather than an FM0007 for the whole column.
    let mut longest = vec![0; n];
    if meta
        .variables
        .iter()
        .any(|v| v.vtype == VarType::Char && v.length.is_none())
    {
        ds.each(|row| {
            for (max, v) in longest.iter_mut().zip(row) {
                if let Some(s) = v.as_str() {
                    *max = s.len().max(*max);
                }
            }
        });
    }
    let layout = check_meta(
        meta,
        |i| Some(longest[i].clamp(1, MAX_CHAR)),
        &ctx,
        &mut out,
    );
    // Per variable: a `.` missing value seen, an empty text seen (FM0017 needs both).
    let (mut dot, mut empty) = (vec![false; n], vec![false; n]);
    let mut record = 0;
    ds.each(|row| {
        record += 1;
        check_row(&layout, row, record, &ctx, &mut out);
        for (i, v) in row.iter().enumerate().take(n) {
            match v {
                Value::Missing(Missing::Dot) => dot[i] = true,
                Value::Char(s) if s.is_empty() => empty[i] = true,
                _ => {}
            }
        }
    });
    for (i, col) in layout
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.numeric)
    {
        if dot.get(i) == Some(&true) && empty.get(i) == Some(&true) {
            out.push(
                ctx.finding(
                    "FM0017",
                    Severity::Notice,
                    format!("character variable {} holds both missing and empty values; XPT stores both as blanks", col.name),
                )
                .with_variable(col.name.clone()),
            );
        }
    }
    (layout, out)
}
