//! CDISC Dataset-JSON 1.1: `.json`, `.ndjson` and compressed `.dsjc`, read and written a
//! row at a time; the 1.0 layout (`clinicalData`/`referenceData` → `itemGroupData`) is read.
//!
//! | code     | severity | when |
//! |----------|----------|------|
//! | `FM0051` | notice   | an attribute the spec does not define was skipped |
//! | `FM0052` | warning  | a required top-level attribute (other than `name`/`columns`) is missing |
//! | `FM0053` | notice   | `datasetJSONVersion` does not match the layout the file uses |
//! | `FM0054` | notice   | special missing values (`.A`, `._`) were written as `null` |
//! | `FM0059` | notice   | `columns`/`name`/`label` came after `rows`, so rows were buffered |
//! | `FM0060` | error    | `records` disagrees with the number of rows in the file |
//! | `FM0061`–`FM0069` | see [`schema`] | the official 1.1 JSON Schema and the checks it cannot express ([`schema::validate_file`]) |
//! | `FM0070` | warning  | a numeric column holds `""` (CDISC's adlbc example does, in decimal columns): read as `null` |
//!
//! # Values
//!
//! | `dataType` (+ `targetDataType`) | JSON | `model` |
//! |---|---|---|
//! | string, URI, date/datetime/time | string | `Char` (SDTM `--DTC` stay text) |
//! | integer, float, double | number | `Num` |
//! | decimal (+ decimal) | string (number accepted on read) | `Num`; written shortest round-trip |
//! | boolean | true/false | `Num` 1/0 |
//! | date/datetime/time + integer | ISO 8601 string | `Num` SAS date / datetime / time |
//!
//! `null` is `Value::Missing(Dot)` and `""` is `Value::Char("")`, both ways. Dataset-JSON has
//! a single missing value: special missings are written as `null` with an `FM0054` notice.
//! A numeric variable without `data_type` is written as `float`, or as a date, datetime or
//! time when its SAS format is one (`DATE9.`, `E8601DA.`, `DATETIME20.`, `TIME8.`, ...).
//! Numbers are printed in the shortest form that reads back to the same double.
//!
//! # Streaming and attribute order
//!
//! Readers never hold more than one row. `records` may come anywhere (our writer puts it
//! after `rows` when the count is not known up front; JSON key order is free and the schema
//! does not care). Attributes other than `columns`, `name` and `label` may follow `rows`;
//! they appear in [`DsjReader::header`] once the last row is read. When `columns`, `name`
//! or `label` follow `rows`, the rows cannot be typed as they stream, so they are held in
//! memory until the end of the object (`FM0059`): such files read correctly but are not
//! streamed. A `records` count that disagrees with the rows is an `FM0060` finding, not an
//! error: every row was readable. NDJSON and DSJC writers need the count for their first
//! line; without [`DsjOptions::records`] rows wait in an anonymous temporary file.
//!
//! # DSJC framing
//!
//! The compressed spec says a bare zlib stream (RFC 1950) of the NDJSON text; that is what
//! is written. The published examples are gzip (RFC 1952) files, so the reader accepts both,
//! telling them apart by the first two bytes.
//!
//! # Limits
//!
//! Header attributes may nest at most 64 levels; a row value must be a scalar; one string
//! may be at most 64 MiB. Counts in the file are never used to size an allocation.

mod error;
mod reader;
mod scan;
pub mod schema;
mod types;
mod walk;
mod writer;

pub use error::{DsjError, Position};
pub use reader::DsjReader;
pub use types::{Column, DataType, Header, SourceSystem, TargetDataType};
pub use writer::{DsjOptions, DsjWriter};

use flate2::bufread::{MultiGzDecoder, ZlibDecoder};
use model::DatasetMeta;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// The three physical forms of a Dataset-JSON dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flavor {
    /// One JSON object with `rows` (`.json`).
    Json,
    /// Metadata line, then a row per line (`.ndjson`).
    Ndjson,
    /// zlib-compressed NDJSON (`.dsjc`).
    Dsjc,
}

impl Flavor {
    /// By file extension, case-insensitively.
    pub fn from_path(path: &Path) -> Option<Flavor> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Flavor::Json),
            "ndjson" => Some(Flavor::Ndjson),
            "dsjc" => Some(Flavor::Dsjc),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Flavor::Json => "json",
            Flavor::Ndjson => "ndjson",
            Flavor::Dsjc => "dsjc",
        }
    }
}

pub use model::oid::{item_group_oid, item_oid};

/// Decompresses a `.dsjc` stream, zlib as the spec says or gzip as the examples are.
pub struct Inflate<R: Read>(InflateKind<R>);

enum InflateKind<R: Read> {
    Zlib(ZlibDecoder<BufReader<R>>),
    Gzip(MultiGzDecoder<BufReader<R>>),
}

impl<R: Read> Inflate<R> {
    pub fn new(r: R) -> io::Result<Inflate<R>> {
        let mut r = BufReader::new(r);
        let head = r.fill_buf()?;
        Ok(Inflate(if head.starts_with(&[0x1f, 0x8b]) {
            InflateKind::Gzip(MultiGzDecoder::new(r))
        } else {
            InflateKind::Zlib(ZlibDecoder::new(r))
        }))
    }
}

impl<R: Read> Read for Inflate<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        match &mut self.0 {
            InflateKind::Zlib(d) => d.read(buf),
            InflateKind::Gzip(d) => d.read(buf),
        }
    }
}

/// A reader over any source, whatever its flavor.
pub type AnyReader = DsjReader<Box<dyn BufRead + Send>>;

/// Reads a dataset of the given flavor from any byte source.
pub fn reader(flavor: Flavor, r: impl Read + Send + 'static) -> Result<AnyReader, DsjError> {
    match flavor {
        Flavor::Json => DsjReader::json(Box::new(BufReader::new(r)) as Box<dyn BufRead + Send>),
        Flavor::Ndjson => DsjReader::ndjson(Box::new(BufReader::new(r)) as Box<dyn BufRead + Send>),
        Flavor::Dsjc => {
            let inflate = Inflate::new(r)?;
            DsjReader::ndjson(Box::new(BufReader::new(inflate)) as Box<dyn BufRead + Send>)
        }
    }
}

fn flavor_of(path: &Path) -> Result<Flavor, DsjError> {
    Flavor::from_path(path).ok_or_else(|| DsjError::BadMeta {
        why: format!("{}: not a .json, .ndjson or .dsjc file", path.display()),
    })
}

/// Opens a file, choosing the flavor by extension; findings name the file.
pub fn open(path: &Path) -> Result<AnyReader, DsjError> {
    let flavor = flavor_of(path)?;
    let file = File::open(path)?;
    Ok(reader(flavor, file)?.with_file(path.display().to_string()))
}

/// Creates a file, choosing the flavor by extension. Nothing is atomic here: write to a
/// temporary name and rename when a half-written file must never be seen.
pub fn create(
    path: &Path,
    meta: &DatasetMeta,
    opts: &DsjOptions,
) -> Result<DsjWriter<File>, DsjError> {
    let flavor = flavor_of(path)?;
    DsjWriter::new(File::create(path)?, flavor, meta, opts)
}
