//! Any dataset format to any other, chosen by file extension. The one module that joins the
//! format modules; each of them stays unaware of the others.
//!
//! | code     | severity | when |
//! |----------|----------|------|
//! | `FM0150` | warning  | metadata the target cannot hold was dropped (labels in plain CSV) |
//! | `FM0151` | notice   | rows were held in memory because the target needs character lengths first |

use crate::csv::{self as tcsv, CsvError, CsvOptions, CsvReader, CsvWriter};
use crate::dataset_json::{self as dsj, DsjError, DsjOptions, DsjWriter, Flavor};
use crate::pipe::each_row;
use crate::xpt::{self, XptError, XptOptions, XptReader, XptWriter};
use model::{
    Dataset, DatasetMeta, DatasetReader, DatasetRows, DatasetWriter, Finding, Value, VarType,
};
use std::fs::File;
use std::io::{BufReader, Write};
use std::path::Path;

/// A dataset file format, by extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Xpt,
    Json(Flavor),
    Csv,
}

impl Kind {
    pub fn from_path(path: &Path) -> Option<Kind> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xpt" => Some(Kind::Xpt),
            "csv" => Some(Kind::Csv),
            _ => Flavor::from_path(path).map(Kind::Json),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TranscodeError {
    #[error("{path}: not a dataset file (expected .xpt, .json, .ndjson, .dsjc or .csv)")]
    UnknownKind { path: String },
    #[error("{path}: {source}")]
    Open {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Xpt { path: String, source: Box<XptError> },
    #[error("{path}: {source}")]
    Json { path: String, source: Box<DsjError> },
    #[error("{path}: {source}")]
    Csv { path: String, source: Box<CsvError> },
}

/// A reader of any supported format.
pub enum AnyReader {
    Xpt(Box<XptReader<BufReader<File>>>),
    Json(Box<dsj::AnyReader>),
    Csv(Box<CsvReader<BufReader<File>>>),
}

pub fn open(path: &Path) -> Result<AnyReader, TranscodeError> {
    let p = path.display().to_string();
    let kind =
        Kind::from_path(path).ok_or_else(|| TranscodeError::UnknownKind { path: p.clone() })?;
    let file = || {
        File::open(path)
            .map(BufReader::new)
            .map_err(|source| TranscodeError::Open {
                path: p.clone(),
                source,
            })
    };
    Ok(match kind {
        Kind::Xpt => {
            let r = XptReader::new(file()?).map_err(|source| TranscodeError::Xpt {
                path: p.clone(),
                source: Box::new(source),
            })?;
            AnyReader::Xpt(Box::new(r.with_file_name(file_name(path))))
        }
        Kind::Json(_) => AnyReader::Json(Box::new(dsj::open(path).map_err(|source| {
            TranscodeError::Json {
                path: p,
                source: Box::new(source),
            }
        })?)),
        Kind::Csv => {
            let csv_err = |source| TranscodeError::Csv {
                path: p.clone(),
                source: Box::new(source),
            };
            let meta = if tcsv::sidecar_path(path).exists() {
                tcsv::read_sidecar(path).map_err(csv_err)?
            } else {
                let stem = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("DATA")
                    .to_ascii_uppercase();
                tcsv::infer_meta(file()?, &stem).map_err(csv_err)?
            };
            AnyReader::Csv(Box::new(CsvReader::new(file()?, meta).map_err(csv_err)?))
        }
    })
}

/// A file's size in bytes; 0 when it cannot be asked (the read then says why).
fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |m| m.len())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

impl AnyReader {
    pub fn meta(&self) -> &DatasetMeta {
        match self {
            AnyReader::Xpt(r) => r.meta(),
            AnyReader::Json(r) => r.meta(),
            AnyReader::Csv(r) => r.meta(),
        }
    }

    /// The next row, with errors named after `path`.
    pub fn read_row(&mut self, row: &mut Vec<Value>, path: &str) -> Result<bool, TranscodeError> {
        let p = || path.to_owned();
        match self {
            AnyReader::Xpt(r) => r.read_row(row).map_err(|source| TranscodeError::Xpt {
                path: p(),
                source: Box::new(source),
            }),
            AnyReader::Json(r) => r.read_row(row).map_err(|source| TranscodeError::Json {
                path: p(),
                source: Box::new(source),
            }),
            AnyReader::Csv(r) => r.read_row(row).map_err(|source| TranscodeError::Csv {
                path: p(),
                source: Box::new(source),
            }),
        }
    }

    pub fn findings(&self) -> Vec<Finding> {
        match self {
            AnyReader::Xpt(r) => r.findings(),
            AnyReader::Json(r) => r.findings(),
            AnyReader::Csv(r) => r.findings(),
        }
    }
}

/// Reads a whole dataset of any format into memory, with the reader's notices.
pub fn read_dataset(path: &Path) -> Result<(Dataset, Vec<Finding>), TranscodeError> {
    let mut r = open(path)?;
    let p = path.display().to_string();
    let mut ds = Dataset::new(r.meta().clone());
    let mut row = Vec::new();
    while r.read_row(&mut row, &p)? {
        ds.rows.push(std::mem::take(&mut row));
    }
    Ok((ds, r.findings()))
}

/// Reads a dataset file into an Arrow [`table::Table`], a row at a time, with the reader's
/// notices: what validation holds in memory (a 1,000,000-row LB takes 129 MB this way and
/// 748 MB as a [`Dataset`]).
pub fn read_table(path: &Path) -> Result<(table::Table, Vec<Finding>), TranscodeError> {
    let mut r = open(path)?;
    let p = path.display().to_string();
    let mut t = table::TableBuilder::new(r.meta().clone());
    each_row(&mut r, &p, size(path), |row| {
        t.push_row(row.iter().map(Value::view));
        Ok(())
    })?;
    Ok((t.finish(), r.findings()))
}

/// How outputs are stamped.
#[derive(Debug, Clone)]
pub struct WriteOptions {
    /// UNIX seconds written into headers (XPT) and `datasetJSONCreationDateTime`.
    pub timestamp: model::Timestamp,
    /// Name findings after this file.
    pub file_name: String,
}

/// Streams `reader` into `out` in format `kind`, reading on a second thread while this one
/// writes. Rows are held in memory only when XPT needs character lengths the source does not
/// declare.
pub fn copy<W: Write>(
    reader: &mut AnyReader,
    source: &str,
    kind: Kind,
    out: W,
    opts: &WriteOptions,
) -> Result<Vec<Finding>, TranscodeError> {
    let meta = reader.meta().clone();
    let mut findings = Vec::new();
    let mut row = Vec::new();
    let target = opts.file_name.clone();
    let mut buffered = None;
    if kind == Kind::Xpt
        && meta
            .variables
            .iter()
            .any(|v| v.vtype == VarType::Char && v.length.is_none())
    {
        let mut ds = Dataset::new(meta.clone());
        while reader.read_row(&mut row, source)? {
            ds.rows.push(std::mem::take(&mut row));
        }
        findings.push(
            Finding::notice(
                "FM0151",
                "rows held in memory: XPT needs character lengths the source does not declare",
            )
            .in_file(target.clone()),
        );
        buffered = Some(ds);
    }
    let out_findings = match (kind, buffered) {
        (Kind::Xpt, Some(ds)) => write_xpt_dataset(&ds, out, opts)?,
        (Kind::Xpt, None) => {
            let xo = xpt_options(opts);
            let xerr = |source| TranscodeError::Xpt {
                path: target.clone(),
                source: Box::new(source),
            };
            let mut w = XptWriter::new(out, &meta, &xo).map_err(xerr)?;
            each_row(reader, source, u64::MAX, |row| {
                w.write_row(row).map_err(xerr)
            })?;
            w.close().map_err(xerr)?
        }
        (Kind::Json(flavor), _) => {
            let jerr = |source| TranscodeError::Json {
                path: target.clone(),
                source: Box::new(source),
            };
            let mut w = DsjWriter::new(out, flavor, &meta, &dsj_options(opts)).map_err(jerr)?;
            each_row(reader, source, u64::MAX, |row| {
                w.write_row(row).map_err(jerr)
            })?;
            w.close().map_err(jerr)?
        }
        (Kind::Csv, _) => {
            let cerr = |source| TranscodeError::Csv {
                path: target.clone(),
                source: Box::new(source),
            };
            let mut w = CsvWriter::new(out, &meta, CsvOptions::default()).map_err(cerr)?;
            each_row(reader, source, u64::MAX, |row| {
                w.write_row(row).map_err(cerr)
            })?;
            w.close().map_err(cerr)?
        }
    };
    // Asked only now: some findings (a `records` count that disagrees) need every row read.
    let mut all = reader.findings();
    all.extend(findings);
    all.extend(out_findings);
    Ok(all)
}

/// Writes an in-memory dataset (rows of values, or an Arrow table) in format `kind`.
pub fn write<W: Write, R: DatasetRows>(
    ds: &R,
    kind: Kind,
    out: W,
    opts: &WriteOptions,
) -> Result<Vec<Finding>, TranscodeError> {
    let target = opts.file_name.clone();
    match kind {
        Kind::Xpt => write_xpt_dataset(ds, out, opts),
        Kind::Json(flavor) => {
            let jerr = |source| TranscodeError::Json {
                path: target.clone(),
                source: Box::new(source),
            };
            let mut o = dsj_options(opts);
            o.records = Some(ds.len() as u64);
            let mut w = DsjWriter::new(out, flavor, ds.meta(), &o).map_err(jerr)?;
            ds.try_each(|row| w.write_row(row).map_err(jerr))?;
            w.close().map_err(jerr)
        }
        Kind::Csv => {
            let cerr = |source| TranscodeError::Csv {
                path: target.clone(),
                source: Box::new(source),
            };
            let mut w = CsvWriter::new(out, ds.meta(), CsvOptions::default()).map_err(cerr)?;
            ds.try_each(|row| w.write_row(row).map_err(cerr))?;
            w.close().map_err(cerr)
        }
    }
}

fn write_xpt_dataset<W: Write, R: DatasetRows>(
    ds: &R,
    out: W,
    opts: &WriteOptions,
) -> Result<Vec<Finding>, TranscodeError> {
    xpt::write_dataset(ds, out, &xpt_options(opts)).map_err(|source| TranscodeError::Xpt {
        path: opts.file_name.clone(),
        source: Box::new(source),
    })
}

fn xpt_options(opts: &WriteOptions) -> XptOptions {
    let mut o = XptOptions::at(opts.timestamp);
    o.file_name = Some(opts.file_name.clone());
    o
}

fn dsj_options(opts: &WriteOptions) -> DsjOptions {
    let mut o = DsjOptions::new(opts.timestamp.iso_local());
    o.originator = Some("trialbridge".into());
    o.source_system = None;
    o
}

/// Findings of an XPT write refused because of data it cannot hold (all of them, not the first).
pub fn refusal_findings(e: &TranscodeError) -> &[Finding] {
    match e {
        TranscodeError::Xpt { source, .. } => source.findings(),
        _ => &[],
    }
}
