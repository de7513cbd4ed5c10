//! CSV (RFC 4180): a header row of variable names, then one record per row.
//!
//! | code     | severity | when |
//! |----------|----------|------|
//! | `FM0100` | notice   | null character values were written as empty fields |
//! | `FM0101` | notice   | special missing numerics were written as empty fields |
//! | `FM0102` | notice   | character values were prefixed with `'` against formula injection |
//!
//! CSV has no types, so reading needs a [`DatasetMeta`]: the sidecar written next to the file
//! by [`write_sidecar`] (`dm.csv` → `dm.meta.json`), or one proposed by [`infer_meta`], an
//! explicit pass over the file that makes a column numeric when every non-empty value is a
//! plain number without leading zeros (so `007` and `1.50` stay text).
//!
//! Missing numerics, null and empty text all become empty fields: CSV cannot tell them
//! apart. On reading, an empty field is missing in a numeric column and `""` in a text
//! column; `.` and `.A`–`.Z` in a numeric column read as SAS missings.
//!
//! With [`CsvOptions::spreadsheet_safe`] (for CSV that people open in a spreadsheet), text
//! starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so it is not run as a
//! formula. Only character variables are touched: `-3` in a numeric column stays a number.
//! Such a file is for reading by people; it does not round-trip.
//!
//! Reading refuses, with the line and column, what would otherwise lose data without a
//! word: a NUL byte (UTF-16 without a byte-order mark, or a damaged file) and a quoted value
//! that never closes, which the `csv` crate would read to the end of the file ([`QuoteScan`]).

use model::{
    DatasetMeta, DatasetReader, DatasetWriter, Finding, Missing, Value, VarType, Variable,
};
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

mod quotes;

use self::quotes::Scanned;
pub use model::quotes::QuoteScan;

/// Errors of the CSV reader and writer; `line` is the 1-based line where the record starts.
#[derive(Debug, thiserror::Error)]
pub enum CsvError {
    #[error("I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("line {line}: {source}")]
    Parse { line: u64, source: ::csv::Error },
    #[error("line 1: header has {found:?} but the metadata expects {expected:?}")]
    Header {
        expected: Vec<String>,
        found: Vec<String>,
    },
    #[error("line {line}: {found} fields for {expected} columns")]
    Width {
        line: u64,
        expected: usize,
        found: usize,
    },
    #[error(
        "line {line}, {column}: a NUL byte in the value (the file may be UTF-16 without a byte-order mark, or damaged)"
    )]
    Nul { line: u64, column: String },
    #[error(
        "line {line}, {column}: a quoted value opened here is never closed; the rest of the file would be read into it"
    )]
    UnclosedQuote { line: u64, column: String },
    #[error("line {line}, {column}: `{value}` is not a number")]
    NotNumber {
        line: u64,
        column: String,
        value: String,
    },
    #[error("record {record}, {column}: {found} cannot be written to a {vtype} column")]
    WriteType {
        record: u64,
        column: String,
        vtype: &'static str,
        found: String,
    },
    #[error("sidecar {path}: {source}")]
    Sidecar {
        path: String,
        source: serde_json::Error,
    },
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Prefix formula-like text with `'` (see the module docs).
    pub spreadsheet_safe: bool,
    /// Start with a UTF-8 byte order mark, which some spreadsheets need to see UTF-8.
    pub bom: bool,
}

pub struct CsvWriter<W: Write> {
    w: ::csv::Writer<W>,
    meta: DatasetMeta,
    opts: CsvOptions,
    record: u64,
    fields: Vec<String>,
    counts: BTreeMap<(&'static str, usize), u64>,
}

impl<W: Write> CsvWriter<W> {
    /// Writes the header row at once.
    pub fn new(mut w: W, meta: &DatasetMeta, opts: CsvOptions) -> Result<CsvWriter<W>, CsvError> {
        if opts.bom {
            w.write_all("\u{feff}".as_bytes())?;
        }
        // A larger buffer than the crate's 8 KiB: fewer writes to a file for long tables.
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .buffer_capacity(64 * 1024)
            .from_writer(w);
        w.write_record(meta.variables.iter().map(|v| v.name.as_str()))
            .map_err(|source| CsvError::Parse { line: 1, source })?;
        Ok(CsvWriter {
            w,
            meta: meta.clone(),
            opts,
            record: 0,
            fields: Vec::new(),
            counts: BTreeMap::new(),
        })
    }

    pub fn finish(mut self) -> Result<(W, Vec<Finding>), CsvError> {
        self.w.flush()?;
        let findings = self
            .counts
            .iter()
            .map(|(&(code, i), &n)| {
                let v = &self.meta.variables[i].name;
                let what = match code {
                    "FM0100" => "null values written as empty fields, like empty text",
                    "FM0101" => "special missing values written as empty fields",
                    _ => "values prefixed with ' so spreadsheets do not run them as formulas",
                };
                Finding::notice(code, format!("{v}: {n} {what}"))
                    .in_dataset(self.meta.name.clone())
                    .with_variable(v.clone())
            })
            .collect();
        let w = self
            .w
            .into_inner()
            .map_err(|e| CsvError::Io(e.into_error()))?;
        Ok((w, findings))
    }
}

impl<W: Write> DatasetWriter for CsvWriter<W> {
    type Error = CsvError;

    fn write_row(&mut self, row: &[Value]) -> Result<(), CsvError> {
        self.record += 1;
        let n = self.meta.variables.len();
        if row.len() != n {
            return Err(CsvError::Width {
                line: self.record + 1,
                expected: n,
                found: row.len(),
            });
        }
        self.fields.resize(n, String::new());
        for (i, (v, var)) in row.iter().zip(&self.meta.variables).enumerate() {
            let f = &mut self.fields[i];
            f.clear();
            match (var.vtype, v) {
                (VarType::Num, Value::Num(x)) if x.is_finite() => model::num::push_num(f, *x),
                (VarType::Num, Value::Missing(m)) => {
                    if *m != Missing::Dot {
                        *self.counts.entry(("FM0101", i)).or_default() += 1;
                    }
                }
                (VarType::Char, Value::Char(s)) => {
                    if self.opts.spreadsheet_safe && model::text::starts_formula(s) {
                        f.push('\'');
                        *self.counts.entry(("FM0102", i)).or_default() += 1;
                    }
                    f.push_str(s);
                }
                (VarType::Char, Value::Missing(_)) => {
                    *self.counts.entry(("FM0100", i)).or_default() += 1
                }
                (vtype, v) => {
                    return Err(CsvError::WriteType {
                        record: self.record,
                        column: var.name.clone(),
                        vtype: if vtype == VarType::Num {
                            "numeric"
                        } else {
                            "character"
                        },
                        found: format!("{v:?}"),
                    });
                }
            }
        }
        let line = self.record + 1;
        self.w
            .write_record(&self.fields)
            .map_err(|source| CsvError::Parse { line, source })
    }

    fn close(self) -> Result<Vec<Finding>, CsvError> {
        Ok(self.finish()?.1)
    }
}

pub struct CsvReader<R: Read> {
    r: ::csv::Reader<Scanned<R>>,
    meta: DatasetMeta,
    record: ::csv::StringRecord,
}

fn line_of(r: &::csv::StringRecord) -> u64 {
    r.position().map_or(0, |p| p.line())
}

fn open_csv<R: Read>(r: R) -> ::csv::Reader<Scanned<R>> {
    // Width is checked here so that the error names the columns.
    ::csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(Scanned::new(r))
}

/// An error once the file has ended inside a quoted field. Asked after every record: the
/// record that swallowed the rest is usually also too narrow, and this is the real cause.
fn check_closed<R: Read>(
    r: &::csv::Reader<Scanned<R>>,
    name_of: impl Fn(usize) -> Option<String>,
) -> Result<(), CsvError> {
    match r.get_ref().unclosed() {
        Some((line, field)) => Err(CsvError::UnclosedQuote {
            line,
            column: name_of(field).unwrap_or_else(|| format!("field {}", field + 1)),
        }),
        None => Ok(()),
    }
}

/// NUL is never text: a CSV holding one is UTF-16 read as bytes, or damaged.
fn check_nul(field: &str, line: u64, column: &str) -> Result<(), CsvError> {
    if field.contains('\0') {
        return Err(CsvError::Nul {
            line,
            column: column.to_owned(),
        });
    }
    Ok(())
}

fn header_names<R: Read>(r: &mut ::csv::Reader<Scanned<R>>) -> Result<Vec<String>, CsvError> {
    let h = r
        .headers()
        .map_err(|source| CsvError::Parse { line: 1, source })?;
    Ok(h.iter()
        .enumerate()
        .map(|(i, s)| {
            if i == 0 {
                s.trim_start_matches('\u{feff}')
            } else {
                s
            }
            .to_owned()
        })
        .collect())
}

impl<R: Read> CsvReader<R> {
    /// Reads with known metadata; the header must name the same variables in the same order.
    pub fn new(r: R, meta: DatasetMeta) -> Result<CsvReader<R>, CsvError> {
        let mut r = open_csv(r);
        let found = header_names(&mut r)?;
        let expected: Vec<String> = meta.variables.iter().map(|v| v.name.clone()).collect();
        if found.len() != expected.len()
            || found
                .iter()
                .zip(&expected)
                .any(|(a, b)| !a.eq_ignore_ascii_case(b))
        {
            return Err(CsvError::Header { expected, found });
        }
        Ok(CsvReader {
            r,
            meta,
            record: ::csv::StringRecord::new(),
        })
    }
}

fn parse_num(s: &str) -> Option<Value> {
    if s.is_empty() {
        return Some(Value::NULL);
    }
    if let Some(m) = Missing::parse(s) {
        return Some(Value::Missing(m));
    }
    let t = s.trim();
    let plain = t
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'));
    let n: f64 = if plain { t.parse().ok()? } else { return None };
    n.is_finite().then_some(Value::Num(n))
}

impl<R: Read> DatasetReader for CsvReader<R> {
    type Error = CsvError;

    fn meta(&self) -> &DatasetMeta {
        &self.meta
    }

    fn read_row(&mut self, row: &mut Vec<Value>) -> Result<bool, CsvError> {
        let more = self.fill_row(row);
        if !matches!(more, Ok(true)) {
            row.clear();
        }
        more
    }
}

impl<R: Read> CsvReader<R> {
    /// The next record into `row`, refilling the previous row's strings in place.
    fn fill_row(&mut self, row: &mut Vec<Value>) -> Result<bool, CsvError> {
        let more = self
            .r
            .read_record(&mut self.record)
            .map_err(|source| CsvError::Parse {
                line: line_of(&self.record),
                source,
            })?;
        check_closed(&self.r, |i| {
            self.meta.variables.get(i).map(|v| v.name.clone())
        })?;
        if !more {
            return Ok(false);
        }
        let line = line_of(&self.record);
        let n = self.meta.variables.len();
        if self.record.len() != n {
            return Err(CsvError::Width {
                line,
                expected: n,
                found: self.record.len(),
            });
        }
        row.truncate(n);
        for (i, (field, var)) in self.record.iter().zip(&self.meta.variables).enumerate() {
            check_nul(field, line, &var.name)?;
            match (var.vtype, row.get_mut(i)) {
                (VarType::Char, Some(Value::Char(s))) => {
                    s.clear();
                    s.push_str(field);
                }
                (VarType::Char, _) => model::io::put(row, i, Value::Char(field.to_owned())),
                (VarType::Num, _) => {
                    let v = parse_num(field).ok_or_else(|| CsvError::NotNumber {
                        line,
                        column: var.name.clone(),
                        value: field.to_owned(),
                    })?;
                    model::io::put(row, i, v);
                }
            }
        }
        Ok(true)
    }
}

/// Proposes metadata by reading the whole file once (see the module docs for the rule).
pub fn infer_meta<R: Read>(r: R, name: &str) -> Result<DatasetMeta, CsvError> {
    let mut r = open_csv(r);
    let names = header_names(&mut r)?;
    let mut numeric = vec![true; names.len()];
    let mut seen = vec![false; names.len()];
    let mut rec = ::csv::StringRecord::new();
    let mut text = String::new();
    while r.read_record(&mut rec).map_err(|source| CsvError::Parse {
        line: line_of(&rec),
        source,
    })? {
        check_closed(&r, |i| names.get(i).cloned())?;
        for (i, f) in rec.iter().enumerate().take(names.len()) {
            check_nul(f, line_of(&rec), &names[i])?;
            if f.is_empty() || Missing::parse(f).is_some() {
                continue;
            }
            seen[i] = true;
            let digits = f.trim_start_matches('-');
            let leading_zero =
                digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.");
            let canonical = parse_num(f).and_then(|v| v.as_f64()).is_some_and(|x| {
                text.clear();
                model::num::push_num(&mut text, x);
                text == f
            });
            numeric[i] &= !leading_zero && canonical;
        }
    }
    check_closed(&r, |i| names.get(i).cloned())?;
    let mut meta = DatasetMeta::new(name, "");
    meta.variables = names
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            if numeric[i] && seen[i] {
                Variable::num(n, "")
            } else {
                Variable::char(n, "")
            }
        })
        .collect();
    Ok(meta)
}

/// `dm.csv` → `dm.meta.json`.
pub fn sidecar_path(csv: &Path) -> PathBuf {
    csv.with_extension("meta.json")
}

/// Writes the metadata next to the CSV, pretty-printed so it diffs well.
pub fn write_sidecar(csv: &Path, meta: &DatasetMeta) -> Result<(), CsvError> {
    let path = sidecar_path(csv);
    let mut text = serde_json::to_string_pretty(meta).map_err(|source| CsvError::Sidecar {
        path: path.display().to_string(),
        source,
    })?;
    text.push('\n');
    std::fs::write(&path, text)?;
    Ok(())
}

pub fn read_sidecar(csv: &Path) -> Result<DatasetMeta, CsvError> {
    let path = sidecar_path(csv);
    let text = std::fs::read(&path)?;
    serde_json::from_slice(&text).map_err(|source| CsvError::Sidecar {
        path: path.display().to_string(),
        source,
    })
}
