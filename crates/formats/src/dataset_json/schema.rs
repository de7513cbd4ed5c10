//! Validation of a Dataset-JSON 1.1 file: the official JSON Schema, then what a schema
//! cannot say (row width = number of columns, each value's type per column `dataType`,
//! `records` = row count), which the streaming reader already checks.
//!
//! The schema (the official `dataset.schema.v1.1.json`, CDISC, MIT, unchanged) is embedded
//! by the standards crate ([`standards::reference::dataset_json_schema_v1_1`]) and compiled
//! once per process (draft 2019-09). Each schema error is a finding whose message starts
//! with the instance path as a JSON pointer (`/columns/3/dataType`); instance values appear
//! only as the finding's value (`` `...` `` in the message), so masking hides them. The
//! reader stops at the first problem in the rows, so at most one row-level error is
//! reported per file.
//!
//! | form | schema applied to | rows |
//! |---|---|---|
//! | `.json` up to [`LARGE`] bytes | the whole document | read again by the streaming reader, for positions |
//! | `.json` above [`LARGE`] | the metadata as the reader saw it, with `rows: []` (an `FM0067` notice says so) | streamed |
//! | `.ndjson`, `.dsjc` | the first line, with `rows: []` | streamed |
//!
//! For large files the schema sees the attributes the reader understood: unknown ones are
//! the reader's `FM0051` notices, not `FM0062` errors. Dataset-JSON 1.0 files (with
//! `clinicalData`/`referenceData`, or `datasetJSONVersion` 1.0) are not held to the 1.1
//! schema (`FM0068`); their rows are still read.
//!
//! | code | severity | when |
//! |---|---|---|
//! | `FM0061` | error | the schema: a required attribute is missing |
//! | `FM0062` | error | the schema: an attribute it does not define |
//! | `FM0063` | error | the schema: any other violation (type, enum, pattern, minimum) |
//! | `FM0064` | error | a row has more or fewer values than there are columns |
//! | `FM0065` | error | a row value does not fit its column's `dataType` |
//! | `FM0066` | error | the file cannot be read as Dataset-JSON (not JSON, truncated, duplicate keys, I/O) |
//! | `FM0067` | notice | a `.json` above [`LARGE`]: the schema was applied to the metadata only |
//! | `FM0068` | warning | a Dataset-JSON 1.0 file: the 1.1 schema does not apply |
//! | `FM0069` | error | the embedded schema did not compile (a build defect, never the file's fault) |
//!
//! The reader's own findings come along: `FM0053`, `FM0059` and `FM0060` (`records` ≠
//! rows). Its `FM0051`/`FM0052` (unknown or missing attributes) are left out when the
//! schema ran, which says the same as `FM0062`/`FM0061`.

use super::{DsjError, Flavor, Header, Inflate};
use model::{DatasetReader, Finding, Severity};
use serde_json::{Map, Value};
use std::fs::File;
use std::io::{BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::sync::OnceLock;

/// Above this size a `.json` file is not parsed into memory as a whole.
pub const LARGE: u64 = 64 * 1024 * 1024;

/// Characters of an offending value kept in a finding.
const SHOWN: usize = 80;

/// The compiled schema, shared by every thread.
pub fn validator() -> Result<&'static jsonschema::Validator, &'static str> {
    static V: OnceLock<Result<jsonschema::Validator, String>> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value = serde_json::from_str(standards::reference::dataset_json_schema_v1_1())
            .map_err(|e| e.to_string())?;
        jsonschema::draft201909::new(&schema).map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(String::as_str)
}

/// Validates a document already in memory; `file` names it in findings. Positions in the
/// reader's messages are omitted: they would be of a re-serialized text.
pub fn validate_value(value: &Value, file: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let schema_ran = schema_findings(value, &mut out);
    match serde_json::to_vec(value) {
        Ok(bytes) => {
            let r = super::DsjReader::json(Box::new(Cursor::new(bytes)) as Box<dyn BufRead + Send>);
            stream(r, schema_ran, false, &mut out);
        }
        Err(e) => out.push(Finding::error("FM0066", e.to_string())),
    }
    name_all(out, file)
}

/// Validates a `.json`, `.ndjson` or `.dsjc` file (by extension) without holding more
/// than its metadata and one row, except `.json` files up to [`LARGE`] bytes.
pub fn validate_file(path: &Path) -> Vec<Finding> {
    validate_file_with(path, LARGE)
}

/// [`validate_file`] with another size above which a `.json` is streamed (for tests, or a
/// machine with less memory to spare).
pub fn validate_file_with(path: &Path, large: u64) -> Vec<Finding> {
    let file = path.display().to_string();
    let mut out = Vec::new();
    let unreadable = |e: &dyn std::fmt::Display| Finding::error("FM0066", e.to_string());
    let Some(flavor) = Flavor::from_path(path) else {
        out.push(unreadable(&"not a .json, .ndjson or .dsjc file"));
        return name_all(out, &file);
    };
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => {
            out.push(unreadable(&e));
            return name_all(out, &file);
        }
    };
    let schema_ran = match flavor {
        Flavor::Json if size > large => None,
        Flavor::Json => match std::fs::read(path).map(|b| serde_json::from_slice::<Value>(&b)) {
            Ok(Ok(v)) => Some(schema_findings(&v, &mut out)),
            Ok(Err(e)) => {
                let msg = format!(
                    "line {}, column {}: not valid JSON: {e}",
                    e.line(),
                    e.column()
                );
                out.push(Finding::error("FM0066", msg));
                return name_all(out, &file);
            }
            Err(e) => {
                out.push(unreadable(&e));
                return name_all(out, &file);
            }
        },
        Flavor::Ndjson | Flavor::Dsjc => match first_line(path, flavor) {
            Ok(mut v) => {
                if let Value::Object(m) = &mut v {
                    m.entry("rows").or_insert(Value::Array(Vec::new()));
                }
                Some(schema_findings(&v, &mut out))
            }
            // The reader reports the same problem, with its position.
            Err(_) => Some(false),
        },
    };
    let reader = super::open(path);
    let header = stream(reader, schema_ran == Some(true), true, &mut out);
    if schema_ran.is_none() {
        out.push(Finding::notice(
            "FM0067",
            format!("the file is larger than {large} bytes: the schema was applied to its metadata, the rows were streamed"),
        ));
        if let Some(h) = header {
            let mut meta = header_value(&h);
            if let Value::Object(m) = &mut meta {
                m.insert("rows".into(), Value::Array(Vec::new()));
            }
            if schema_findings(&meta, &mut out) {
                out.retain(|f| f.code != "FM0052");
            }
        }
    }
    name_all(out, &file)
}

fn name_all(out: Vec<Finding>, file: &str) -> Vec<Finding> {
    out.into_iter().map(|f| f.or_in_file(file)).collect()
}

/// Schema findings for a whole document; `true` when the 1.1 schema was applied.
fn schema_findings(value: &Value, out: &mut Vec<Finding>) -> bool {
    let v10 = value.as_object().is_some_and(|m| {
        m.contains_key("clinicalData")
            || m.contains_key("referenceData")
            || m.get("datasetJSONVersion")
                .and_then(Value::as_str)
                .is_some_and(|v| v.starts_with("1.0"))
    });
    if v10 {
        out.push(Finding::warning(
            "FM0068",
            "a Dataset-JSON 1.0 file: not validated against the 1.1 schema (its rows are still read)",
        ));
        return false;
    }
    let validator = match validator() {
        Ok(v) => v,
        Err(e) => {
            out.push(Finding::error(
                "FM0069",
                format!("the embedded Dataset-JSON schema does not compile: {e}"),
            ));
            return false;
        }
    };
    for e in validator.iter_errors(value) {
        let pointer = match e.instance_path().as_str() {
            "" => "/".to_owned(),
            p => p.to_owned(),
        };
        let code = match e.kind() {
            jsonschema::error::ValidationErrorKind::Required { .. } => "FM0061",
            jsonschema::error::ValidationErrorKind::AdditionalProperties { .. } => "FM0062",
            _ => "FM0063",
        };
        let mut msg = format!("{pointer}: {}", e.masked_with("the value"));
        let mut f = Finding::error(code, String::new());
        if code == "FM0063" {
            let shown = shorten(&e.instance().to_string());
            msg.push_str(&format!(" (found `{shown}`)"));
            f = f.with_value(shown);
        }
        f.message = msg;
        if let Some(r) = row_of(&pointer) {
            f = f.at_record(r);
        }
        out.push(f);
    }
    true
}

fn shorten(s: &str) -> String {
    if s.chars().count() <= SHOWN {
        return s.to_owned();
    }
    let mut t: String = s.chars().take(SHOWN).collect();
    t.push('…');
    t
}

/// 1-based record of a pointer or reader path into the rows (`/rows/3/1`, `rows[3][1]`).
fn row_of(path: &str) -> Option<u64> {
    let rest = path
        .strip_prefix("/rows/")
        .or_else(|| path.strip_prefix("rows["))?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse::<u64>().ok().map(|n| n + 1)
}

/// `rows[3][1]` → `/rows/3/1`.
fn pointer(path: &str) -> String {
    let mut p = String::from("/");
    p.push_str(
        &path
            .replace("][", "/")
            .replace(['[', '.'], "/")
            .replace(']', ""),
    );
    p
}

/// Streams every row through the reader; returns the header when the end was reached.
fn stream<R: BufRead>(
    reader: Result<super::DsjReader<R>, DsjError>,
    schema_ran: bool,
    positioned: bool,
    out: &mut Vec<Finding>,
) -> Option<Header> {
    let mut r = match reader {
        Ok(r) => r,
        Err(e) => {
            push_error(&e, None, schema_ran, positioned, out);
            return None;
        }
    };
    let mut row = Vec::new();
    loop {
        match r.read_row(&mut row) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let name = r.meta().name.clone();
                push_error(
                    &e,
                    Some(name).filter(|n| !n.is_empty()),
                    schema_ran,
                    positioned,
                    out,
                );
                return None;
            }
        }
    }
    for f in r.findings() {
        if !(schema_ran && matches!(f.code.as_str(), "FM0051" | "FM0052")) {
            out.push(f);
        }
    }
    Some(r.header().clone())
}

fn push_error(
    e: &DsjError,
    dataset: Option<String>,
    schema_ran: bool,
    positioned: bool,
    out: &mut Vec<Finding>,
) {
    // A metadata problem the schema has already described in its own words.
    let metadata = matches!(
        e,
        DsjError::BadAttribute { .. } | DsjError::MissingAttribute { .. }
    );
    if metadata && schema_ran && out.iter().any(|f| f.severity == Severity::Error) {
        return;
    }
    let code = match e {
        DsjError::RowWidth { .. } => "FM0064",
        DsjError::WrongType { .. } => "FM0065",
        _ => "FM0066",
    };
    let what = match (e, positioned) {
        (_, true) => e.to_string(),
        (
            DsjError::RowWidth {
                expected, found, ..
            },
            false,
        ) => {
            format!("the row has {found} values but there are {expected} columns")
        }
        (
            DsjError::WrongType {
                column,
                data_type,
                found,
                ..
            },
            false,
        ) => {
            format!("column {column} is {data_type}, found {found}")
        }
        (DsjError::BadAttribute { why, .. }, false) => why.clone(),
        (DsjError::MissingAttribute { name, .. }, false) => {
            format!("required attribute `{name}` is missing")
        }
        _ => e.to_string(),
    };
    let mut f = match e.path() {
        Some(p) => Finding::error(code, format!("{}: {what}", pointer(p))),
        None => Finding::error(code, what),
    };
    if let Some(r) = e.path().and_then(row_of) {
        f = f.at_record(r);
    }
    if let Some(d) = dataset {
        f = f.in_dataset(d);
    }
    out.push(f);
}

/// The first line of an NDJSON stream (decompressed for `.dsjc`), at most [`LARGE`] bytes.
fn first_line(path: &Path, flavor: Flavor) -> Result<Value, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut src: Box<dyn Read> = match flavor {
        Flavor::Dsjc => Box::new(Inflate::new(file).map_err(|e| e.to_string())?),
        _ => Box::new(file),
    };
    let mut line = Vec::new();
    BufReader::new(&mut src)
        .take(LARGE)
        .read_until(b'\n', &mut line)
        .map_err(|e| e.to_string())?;
    serde_json::from_slice(&line).map_err(|e| e.to_string())
}

/// The header as the reader understood it, in the spec's spelling.
fn header_value(h: &Header) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            m.insert(k.to_owned(), v);
        }
    };
    let s = |v: &Option<String>| v.clone().map(Value::String);
    put("datasetJSONCreationDateTime", s(&h.creation_date_time));
    put("datasetJSONVersion", s(&h.version));
    put("fileOID", s(&h.file_oid));
    put("dbLastModifiedDateTime", s(&h.db_last_modified_date_time));
    put("originator", s(&h.originator));
    put(
        "sourceSystem",
        h.source_system
            .as_ref()
            .and_then(|x| serde_json::to_value(x).ok()),
    );
    put("studyOID", s(&h.study_oid));
    put("metaDataVersionOID", s(&h.metadata_version_oid));
    put("metaDataRef", s(&h.metadata_ref));
    put("itemGroupOID", s(&h.item_group_oid));
    put("records", h.records.map(Value::from));
    put("name", s(&h.name));
    put("label", s(&h.label));
    put(
        "columns",
        h.columns
            .as_ref()
            .and_then(|c| serde_json::to_value(c).ok()),
    );
    Value::Object(m)
}
