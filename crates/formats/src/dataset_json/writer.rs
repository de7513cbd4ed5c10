//! Streaming writer for `.json`, `.ndjson` and `.dsjc`.

use super::Flavor;
use super::error::DsjError;
use super::types::{Column, Kind, SourceSystem, sas_to_iso, valid_timestamp, variable_to_column};
use flate2::Compression;
use flate2::write::ZlibEncoder;
use model::{DatasetMeta, DatasetWriter, Finding, Missing, Value};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};

/// Top-level attributes the caller supplies. Only the creation time is required, and it
/// comes from the caller so that the same inputs give the same bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DsjOptions {
    /// `datasetJSONCreationDateTime`, e.g. `model::Timestamp::iso_local`.
    pub creation_date_time: String,
    pub file_oid: Option<String>,
    pub db_last_modified_date_time: Option<String>,
    pub originator: Option<String>,
    pub source_system: Option<SourceSystem>,
    pub study_oid: Option<String>,
    pub metadata_version_oid: Option<String>,
    pub metadata_ref: Option<String>,
    /// Defaults to [`super::item_group_oid`] of the dataset name.
    pub item_group_oid: Option<String>,
    /// Key variables in order; they get `keySequence` 1, 2, ...
    pub keys: Vec<String>,
    /// The number of rows that will be written, when known: `records` then goes in its
    /// recommended place and NDJSON needs no spooling. Writing a different number fails.
    pub records: Option<u64>,
    /// zlib level for `.dsjc`, 0–9.
    pub compression_level: u32,
}

impl DsjOptions {
    pub fn new(creation_date_time: impl Into<String>) -> DsjOptions {
        DsjOptions {
            creation_date_time: creation_date_time.into(),
            file_oid: None,
            db_last_modified_date_time: None,
            originator: None,
            source_system: None,
            study_oid: None,
            metadata_version_oid: None,
            metadata_ref: None,
            item_group_oid: None,
            keys: Vec::new(),
            records: None,
            compression_level: 9,
        }
    }
}

enum Encoder<W: Write> {
    Plain(W),
    Zlib(ZlibEncoder<W>),
}

impl<W: Write> Write for Encoder<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Encoder::Plain(w) => w.write(buf),
            Encoder::Zlib(w) => w.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Encoder::Plain(w) => w.flush(),
            Encoder::Zlib(w) => w.flush(),
        }
    }
}

/// Writes one dataset. The header goes out with the first row (or at `close` for NDJSON
/// whose record count was not given, whose rows wait in an anonymous temporary file).
pub struct DsjWriter<W: Write> {
    out: BufWriter<Encoder<W>>,
    flavor: Flavor,
    dataset: String,
    label: String,
    head: Vec<u8>,
    records_in_header: bool,
    columns: Vec<Column>,
    kinds: Vec<Kind>,
    declared: Option<u64>,
    written: u64,
    started: bool,
    spool: Option<BufWriter<File>>,
    line: Vec<u8>,
    special: BTreeMap<usize, u64>,
}

fn json_str(out: &mut Vec<u8>, s: &str) {
    // Writing into a Vec cannot fail and a str always serializes.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Shortest round-trip digits; exponent form only where plain digits would run long
/// (`1e300` rather than 301 digits), which JSON allows.
fn write_number(out: &mut Vec<u8>, n: f64) -> bool {
    let a = n.abs();
    if a != 0.0 && !(1e-6..1e16).contains(&a) {
        write!(out, "{n:e}").is_ok()
    } else {
        write!(out, "{n}").is_ok()
    }
}

impl<W: Write> DsjWriter<W> {
    /// Checks the metadata and prepares the header; nothing is written yet.
    pub fn new(
        w: W,
        flavor: Flavor,
        meta: &DatasetMeta,
        opts: &DsjOptions,
    ) -> Result<DsjWriter<W>, DsjError> {
        let bad = |why: String| DsjError::BadMeta { why };
        if !valid_timestamp(&opts.creation_date_time) {
            return Err(bad(format!(
                "datasetJSONCreationDateTime `{}` is not YYYY-MM-DDThh:mm:ss",
                opts.creation_date_time
            )));
        }
        if let Some(t) = opts
            .db_last_modified_date_time
            .as_deref()
            .filter(|t| !valid_timestamp(t))
        {
            return Err(bad(format!(
                "dbLastModifiedDateTime `{t}` is not YYYY-MM-DDThh:mm:ss"
            )));
        }
        if meta.name.is_empty() {
            return Err(bad("the dataset has no name".into()));
        }
        let mut columns = Vec::with_capacity(meta.variables.len());
        let mut kinds = Vec::with_capacity(meta.variables.len());
        for (i, v) in meta.variables.iter().enumerate() {
            if v.name.is_empty() {
                return Err(bad(format!("variable {} has no name", i + 1)));
            }
            if meta.index_of(&v.name) != Some(i) {
                return Err(bad(format!("variable {} appears twice", v.name)));
            }
            let key = opts
                .keys
                .iter()
                .position(|k| k.eq_ignore_ascii_case(&v.name))
                .map(|p| p as u64 + 1);
            let (c, k) = variable_to_column(&meta.name, v, key).map_err(bad)?;
            columns.push(c);
            kinds.push(k);
        }
        if let Some(k) = opts.keys.iter().find(|k| meta.index_of(k).is_none()) {
            return Err(bad(format!("key variable {k} is not in the dataset")));
        }
        let mut head = Vec::new();
        let mut field = |name: &str, value: &str| {
            head.extend_from_slice(if head.is_empty() { b"{" } else { b"," });
            json_str(&mut head, name);
            head.push(b':');
            json_str(&mut head, value);
        };
        field("datasetJSONCreationDateTime", &opts.creation_date_time);
        field("datasetJSONVersion", "1.1.0");
        let optional = [
            ("fileOID", &opts.file_oid),
            ("dbLastModifiedDateTime", &opts.db_last_modified_date_time),
            ("originator", &opts.originator),
        ];
        for (name, v) in optional {
            if let Some(v) = v {
                field(name, v);
            }
        }
        if let Some(ss) = &opts.source_system {
            head.extend_from_slice(b",\"sourceSystem\":{\"name\":");
            json_str(&mut head, &ss.name);
            head.extend_from_slice(b",\"version\":");
            json_str(&mut head, &ss.version);
            head.push(b'}');
        }
        let mut field = |name: &str, value: &str| {
            head.push(b',');
            json_str(&mut head, name);
            head.push(b':');
            json_str(&mut head, value);
        };
        for (name, v) in [
            ("studyOID", &opts.study_oid),
            ("metaDataVersionOID", &opts.metadata_version_oid),
            ("metaDataRef", &opts.metadata_ref),
        ] {
            if let Some(v) = v {
                field(name, v);
            }
        }
        let ig = opts
            .item_group_oid
            .clone()
            .unwrap_or_else(|| super::item_group_oid(&meta.name));
        field("itemGroupOID", &ig);
        let encoder = match flavor {
            Flavor::Dsjc => Encoder::Zlib(ZlibEncoder::new(
                w,
                Compression::new(opts.compression_level.min(9)),
            )),
            Flavor::Json | Flavor::Ndjson => Encoder::Plain(w),
        };
        let spool = match (flavor, opts.records) {
            (Flavor::Ndjson | Flavor::Dsjc, None) => Some(BufWriter::new(tempfile::tempfile()?)),
            _ => None,
        };
        Ok(DsjWriter {
            out: BufWriter::new(encoder),
            flavor,
            dataset: meta.name.clone(),
            label: meta.label.clone(),
            head,
            records_in_header: false,
            columns,
            kinds,
            declared: opts.records,
            written: 0,
            started: false,
            spool,
            line: Vec::new(),
            special: BTreeMap::new(),
        })
    }

    /// Header from `itemGroupOID` on: `records` (when known), `name`, `label`, `columns`.
    fn write_header(&mut self, records: Option<u64>) -> Result<(), DsjError> {
        let mut h = std::mem::take(&mut self.head);
        if let Some(n) = records {
            h.extend_from_slice(format!(",\"records\":{n}").as_bytes());
            self.records_in_header = true;
        }
        h.extend_from_slice(b",\"name\":");
        json_str(&mut h, &self.dataset);
        h.extend_from_slice(b",\"label\":");
        json_str(&mut h, &self.label);
        h.extend_from_slice(b",\"columns\":");
        serde_json::to_writer(&mut h, &self.columns).map_err(io::Error::other)?;
        h.extend_from_slice(match self.flavor {
            Flavor::Json => b",\"rows\":[",
            Flavor::Ndjson | Flavor::Dsjc => b"}\n",
        });
        self.out.write_all(&h)?;
        self.started = true;
        Ok(())
    }

    fn encode_row(&mut self, row: &[Value]) -> Result<(), DsjError> {
        let record = self.written + 1;
        if row.len() != self.kinds.len() {
            return Err(DsjError::WriteWidth {
                record,
                expected: self.kinds.len(),
                found: row.len(),
            });
        }
        let line = &mut self.line;
        line.clear();
        line.push(b'[');
        for (i, (v, &kind)) in row.iter().zip(&self.kinds).enumerate() {
            if i > 0 {
                line.push(b',');
            }
            let ok = match (kind, v) {
                (_, Value::Missing(m)) => {
                    if *m != Missing::Dot {
                        *self.special.entry(i).or_default() += 1;
                    }
                    line.extend_from_slice(b"null");
                    true
                }
                (Kind::Text, Value::Char(s)) => {
                    json_str(line, s);
                    true
                }
                (Kind::Integer, Value::Num(n)) if n.is_finite() && n.fract() == 0.0 => {
                    write_number(line, *n)
                }
                (Kind::Number, Value::Num(n)) if n.is_finite() => write_number(line, *n),
                (Kind::Decimal, Value::Num(n)) if n.is_finite() => write!(line, "\"{n}\"").is_ok(),
                (Kind::Boolean, Value::Num(n)) if *n == 0.0 || *n == 1.0 => {
                    line.extend_from_slice(if *n == 1.0 { b"true" } else { b"false" });
                    true
                }
                (Kind::SasDate | Kind::SasDateTime | Kind::SasTime, Value::Num(n)) => {
                    match sas_to_iso(kind, *n) {
                        Some(s) => {
                            json_str(line, &s);
                            true
                        }
                        None => false,
                    }
                }
                _ => false,
            };
            if !ok {
                let c = &self.columns[i];
                let found = match v {
                    Value::Num(n) => format!("number {n}"),
                    Value::Char(s) => format!("text {s:?}"),
                    Value::Missing(m) => format!("missing {m}"),
                };
                let mut data_type = c.data_type.to_string();
                if kind != Kind::Text && c.data_type != super::DataType::Float {
                    data_type.push_str(" (numeric)");
                }
                return Err(DsjError::WriteType {
                    record,
                    column: c.name.clone(),
                    data_type,
                    found,
                });
            }
        }
        line.push(b']');
        Ok(())
    }

    /// Finishes the file and hands back the underlying writer.
    pub fn finish(mut self) -> Result<(W, Vec<Finding>), DsjError> {
        if let Some(declared) = self.declared
            && declared != self.written
        {
            return Err(DsjError::WriteCount {
                declared,
                written: self.written,
            });
        }
        if !self.started {
            self.write_header(self.declared.or(Some(self.written)))?;
        }
        match self.flavor {
            Flavor::Json => {
                self.out
                    .write_all(if self.written > 0 { b"\n]" } else { b"]" })?;
                if !self.records_in_header {
                    write!(self.out, ",\"records\":{}", self.written)?;
                }
                self.out.write_all(b"}\n")?;
            }
            Flavor::Ndjson | Flavor::Dsjc => {
                if let Some(spool) = self.spool.take() {
                    let mut file = spool.into_inner().map_err(|e| e.into_error())?;
                    file.rewind()?;
                    io::copy(&mut file, &mut self.out)?;
                }
            }
        }
        let encoder = self.out.into_inner().map_err(|e| e.into_error())?;
        let w = match encoder {
            Encoder::Plain(mut w) => {
                w.flush()?;
                w
            }
            Encoder::Zlib(z) => {
                let mut w = z.finish()?;
                w.flush()?;
                w
            }
        };
        let findings = self
            .special
            .iter()
            .map(|(&i, &n)| {
                let name = &self.columns[i].name;
                Finding::notice(
                    "FM0054",
                    format!("{n} special missing value(s) of {name} written as null: Dataset-JSON has only one missing"),
                )
                .in_dataset(self.dataset.clone())
                .with_variable(name.clone())
            })
            .collect();
        Ok((w, findings))
    }
}

impl<W: Write> DatasetWriter for DsjWriter<W> {
    type Error = DsjError;

    fn write_row(&mut self, row: &[Value]) -> Result<(), DsjError> {
        self.encode_row(row)?;
        if let Some(spool) = &mut self.spool {
            spool.write_all(&self.line)?;
            spool.write_all(b"\n")?;
        } else {
            if !self.started {
                self.write_header(self.declared)?;
            }
            match self.flavor {
                Flavor::Json => {
                    self.out
                        .write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
                    self.out.write_all(&self.line)?;
                }
                Flavor::Ndjson | Flavor::Dsjc => {
                    self.out.write_all(&self.line)?;
                    self.out.write_all(b"\n")?;
                }
            }
        }
        self.written += 1;
        Ok(())
    }

    fn close(self) -> Result<Vec<Finding>, DsjError> {
        Ok(self.finish()?.1)
    }
}
