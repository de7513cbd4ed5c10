//! Streaming reader for `.json` (v1.1 and v1.0 layouts), `.ndjson` and, through
//! [`super::Inflate`], `.dsjc`.

use super::error::{DsjError, Position};
use super::scan::{Scalar, Scanner};
use super::types::{Column, DataType, Header, Kind, SourceSystem, column_to_variable, iso_to_sas, parse_decimal};
use model::{DatasetMeta, DatasetReader, Finding, Value};
use serde::Deserialize;
use serde_json::Value as Json;
use std::collections::VecDeque;
use std::io::BufRead;

/// Objects the reader can be inside of while it walks towards the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Top,
    /// v1.0 `clinicalData` / `referenceData`.
    Data,
    /// v1.0 `itemGroupData`, keyed by item group OID.
    ItemGroups,
    /// v1.0 one item group.
    ItemGroup,
}

enum Step {
    Rows,
    End,
}

enum State {
    Streaming { first: bool },
    Ndjson,
    Buffered(VecDeque<Vec<(Position, Scalar)>>),
    Done,
}

/// The v1.0 spelling of a column.
#[derive(Deserialize)]
struct ItemV10 {
    #[serde(rename = "OID")]
    oid: String,
    name: String,
    #[serde(default)]
    label: String,
    #[serde(rename = "type")]
    data_type: String,
    #[serde(default)]
    length: Option<u64>,
    #[serde(default, rename = "displayFormat")]
    display_format: Option<String>,
    #[serde(default, rename = "keySequence")]
    key_sequence: Option<u64>,
}

/// Reads one Dataset-JSON dataset row by row. See the module docs for what is accepted.
pub struct DsjReader<R> {
    sc: Scanner<R>,
    header: Header,
    meta: DatasetMeta,
    kinds: Vec<Kind>,
    /// v1.0 files start each row with ITEMGROUPDATASEQ, which is not a dataset variable.
    skip_first: bool,
    v10: bool,
    rows_key: &'static str,
    rows_seen: bool,
    stack: Vec<Level>,
    state: State,
    scratch: Vec<(Position, Scalar)>,
    rows_read: u64,
    findings: Vec<Finding>,
    file: Option<String>,
}

fn json_kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}

impl<R> std::fmt::Debug for DsjReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DsjReader")
            .field("dataset", &self.meta.name)
            .field("position", &self.sc.pos())
            .field("rows_read", &self.rows_read)
            .finish_non_exhaustive()
    }
}

impl<R: BufRead> DsjReader<R> {
    fn blank(r: R) -> DsjReader<R> {
        DsjReader {
            sc: Scanner::new(r),
            header: Header::default(),
            meta: DatasetMeta::new("", ""),
            kinds: Vec::new(),
            skip_first: false,
            v10: false,
            rows_key: "rows",
            rows_seen: false,
            stack: Vec::new(),
            state: State::Done,
            scratch: Vec::new(),
            rows_read: 0,
            findings: Vec::new(),
            file: None,
        }
    }

    /// Opens a `.json` file (v1.1 or v1.0 layout) and reads its metadata.
    pub fn json(r: R) -> Result<DsjReader<R>, DsjError> {
        let mut me = DsjReader::blank(r);
        me.open_object()?;
        match me.walk(true)? {
            Step::Rows => me.start_rows()?,
            Step::End => {
                me.sc.expect_eof()?;
                me.finish_meta()?;
                me.finish()?;
            }
        }
        Ok(me)
    }

    /// Opens a `.ndjson` stream: the first line is the metadata, each further line a row.
    pub fn ndjson(r: R) -> Result<DsjReader<R>, DsjError> {
        let mut me = DsjReader::blank(r);
        me.open_object()?;
        if let Step::Rows = me.walk(true)? {
            return Err(DsjError::Unsupported { pos: me.sc.pos(), what: "rows inside the NDJSON metadata line" });
        }
        me.finish_meta()?;
        me.state = State::Ndjson;
        Ok(me)
    }

    /// Names the file in findings.
    pub fn with_file(mut self, file: impl Into<String>) -> DsjReader<R> {
        self.file = Some(file.into());
        self
    }

    /// Top-level attributes; those after `rows` are known once `read_row` returned `false`.
    pub fn header(&self) -> &Header {
        &self.header
    }

    fn open_object(&mut self) -> Result<(), DsjError> {
        self.sc.expect(b'{', "`{` opening a Dataset-JSON object")?;
        self.stack.push(Level::Top);
        Ok(())
    }

    /// Reads keys until the rows array starts or every open object is closed.
    fn walk(&mut self, mut first: bool) -> Result<Step, DsjError> {
        while let Some(&level) = self.stack.last() {
            let pos = self.sc.pos();
            let Some(key) = self.sc.next_key(first)? else {
                self.stack.pop();
                first = false;
                continue;
            };
            first = false;
            if let Some(next) = self.on_key(level, &key, pos)? {
                match next {
                    Some(l) => {
                        self.sc.expect(b'{', "an object")?;
                        self.stack.push(l);
                        first = true;
                    }
                    None => return Ok(Step::Rows),
                }
            }
        }
        Ok(Step::End)
    }

    fn string_attr(&mut self, key: &str, pos: Position) -> Result<String, DsjError> {
        match self.sc.value(0)? {
            Json::String(s) => Ok(s),
            other => Err(DsjError::BadAttribute {
                pos,
                path: key.to_owned(),
                why: format!("expected a string, found {}", json_kind(&other)),
            }),
        }
    }

    fn set(slot: &mut Option<String>, value: String, key: &str, pos: Position) -> Result<(), DsjError> {
        if slot.is_some() {
            return Err(DsjError::Duplicate { pos, name: key.to_owned() });
        }
        *slot = Some(value);
        Ok(())
    }

    /// Handles one key: `Ok(None)` when its value was consumed, `Some(Some(level))` to enter
    /// an object, `Some(None)` when the rows array begins.
    fn on_key(&mut self, level: Level, key: &str, pos: Position) -> Result<Option<Option<Level>>, DsjError> {
        match (level, key) {
            (Level::Top, "rows") | (Level::ItemGroup, "itemData") => {
                if self.rows_seen {
                    return Err(DsjError::Duplicate { pos, name: key.to_owned() });
                }
                self.rows_seen = true;
                self.rows_key = if key == "rows" { "rows" } else { "itemData" };
                return Ok(Some(None));
            }
            (Level::Top, "clinicalData" | "referenceData") => {
                self.v10 = true;
                return Ok(Some(Some(Level::Data)));
            }
            (Level::Data, "itemGroupData") => return Ok(Some(Some(Level::ItemGroups))),
            (Level::ItemGroups, oid) => {
                let oid = oid.to_owned();
                if self.header.item_group_oid.is_some() {
                    return Err(DsjError::Unsupported { pos, what: "more than one item group in a file" });
                }
                self.header.item_group_oid = Some(oid);
                return Ok(Some(Some(Level::ItemGroup)));
            }
            (Level::Top | Level::ItemGroup, "records") => {
                let v = self.sc.value(0)?;
                let n = v.as_u64().ok_or_else(|| DsjError::BadAttribute {
                    pos,
                    path: "records".into(),
                    why: format!("expected a non-negative integer, found {v}"),
                })?;
                if self.header.records.replace(n).is_some() {
                    return Err(DsjError::Duplicate { pos, name: key.to_owned() });
                }
            }
            (Level::Top, "columns") | (Level::ItemGroup, "items") => {
                let columns = self.columns(key, pos)?;
                if self.header.columns.replace(columns).is_some() {
                    return Err(DsjError::Duplicate { pos, name: key.to_owned() });
                }
            }
            (Level::Top, "sourceSystem") => match self.sc.value(0)? {
                // v1.0 wrote the name here and the version in `sourceSystemVersion`.
                Json::String(name) => {
                    let ss = self.header.source_system.get_or_insert(SourceSystem { name: String::new(), version: String::new() });
                    ss.name = name;
                }
                v => {
                    let ss: SourceSystem = serde_json::from_value(v).map_err(|e| DsjError::BadAttribute {
                        pos,
                        path: key.into(),
                        why: e.to_string(),
                    })?;
                    self.header.source_system = Some(ss);
                }
            },
            (Level::Top, "sourceSystemVersion") => {
                let v = self.string_attr(key, pos)?;
                let ss = self.header.source_system.get_or_insert(SourceSystem { name: String::new(), version: String::new() });
                ss.version = v;
            }
            (l, k) if is_string_attr(l, k) => {
                let v = self.string_attr(key, pos)?;
                Self::set(string_slot(&mut self.header, k), v, key, pos)?;
            }
            _ => {
                self.sc.skip(0)?;
                self.findings.push(
                    Finding::notice("FM0051", format!("unknown attribute `{key}` ignored"))
                        .with_value(format!("line {}", pos.line)),
                );
            }
        }
        Ok(None)
    }

    fn columns(&mut self, key: &str, pos: Position) -> Result<Vec<Column>, DsjError> {
        let Json::Array(items) = self.sc.value(0)? else {
            return Err(DsjError::BadAttribute { pos, path: key.into(), why: "expected an array".into() });
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let bad = |why: String| DsjError::BadAttribute { pos, path: format!("{key}[{i}]"), why };
            let col = if key == "items" {
                let it: ItemV10 = serde_json::from_value(item).map_err(|e| bad(e.to_string()))?;
                let data_type = DataType::parse(&it.data_type)
                    .ok_or_else(|| bad(format!("unknown type `{}`", it.data_type)))?;
                Column {
                    item_oid: it.oid,
                    name: it.name,
                    label: it.label,
                    data_type,
                    target_data_type: None,
                    length: it.length,
                    display_format: it.display_format,
                    key_sequence: it.key_sequence,
                }
            } else {
                serde_json::from_value(item).map_err(|e| bad(e.to_string()))?
            };
            out.push(col);
        }
        Ok(out)
    }

    fn finish_meta(&mut self) -> Result<(), DsjError> {
        let pos = self.sc.pos();
        let name = self.header.name.clone().ok_or(DsjError::MissingAttribute { pos, name: "name" })?;
        let mut columns = self.header.columns.clone().ok_or(DsjError::MissingAttribute { pos, name: "columns" })?;
        if self.v10 && columns.first().is_some_and(|c| c.name.eq_ignore_ascii_case("ITEMGROUPDATASEQ")) {
            columns.remove(0);
            self.skip_first = true;
        }
        let mut meta = DatasetMeta::new(name, self.header.label.clone().unwrap_or_default());
        for (i, c) in columns.iter().enumerate() {
            if meta.index_of(&c.name).is_some() {
                return Err(DsjError::BadAttribute { pos, path: format!("columns[{i}]"), why: format!("column {} appears twice", c.name) });
            }
            let (v, kind) = column_to_variable(c);
            meta.variables.push(v);
            self.kinds.push(kind);
        }
        self.meta = meta;
        Ok(())
    }

    fn start_rows(&mut self) -> Result<(), DsjError> {
        self.sc.expect(b'[', "`[` opening the rows array")?;
        let h = &self.header;
        if h.columns.is_some() && h.name.is_some() && h.label.is_some() {
            self.finish_meta()?;
            self.state = State::Streaming { first: true };
            return Ok(());
        }
        // Metadata after the rows: the rows cannot be typed yet, so they wait in memory.
        let mut rows = VecDeque::new();
        let mut first = true;
        while self.sc.next_element(first)? {
            first = false;
            let mut row = Vec::new();
            self.raw_row(rows.len() as u64, usize::MAX, &mut row)?;
            rows.push_back(row);
        }
        self.after_rows()?;
        self.finish_meta()?;
        self.findings.push(Finding::notice(
            "FM0059",
            "`columns`, `name` or `label` come after `rows`: the rows were held in memory to be typed",
        ));
        self.state = State::Buffered(rows);
        Ok(())
    }

    /// Reads one `[...]` of scalars; stops keeping values beyond `keep`.
    fn raw_row(&mut self, index: u64, keep: usize, out: &mut Vec<(Position, Scalar)>) -> Result<usize, DsjError> {
        out.clear();
        if self.sc.peek()? != Some(b'[') {
            return Err(self.sc.syntax("`[` opening a row"));
        }
        self.sc.expect(b'[', "`[` opening a row")?;
        let mut n = 0usize;
        let mut first = true;
        while self.sc.next_element(first)? {
            first = false;
            let pos = self.sc.pos();
            match self.sc.scalar()? {
                Some(s) if n < keep => out.push((pos, s)),
                Some(_) => {}
                None => {
                    let column = self.column_name(n);
                    return Err(DsjError::WrongType {
                        pos,
                        path: format!("{}[{index}][{n}]", self.rows_key),
                        column,
                        data_type: self.data_type_name(n),
                        found: "an array or object".into(),
                    });
                }
            }
            n += 1;
        }
        Ok(n)
    }

    fn column_name(&self, raw_index: usize) -> String {
        let i = raw_index.wrapping_sub(usize::from(self.skip_first));
        self.meta.variables.get(i).map_or_else(|| "?".to_owned(), |v| v.name.clone())
    }

    fn data_type_name(&self, raw_index: usize) -> String {
        let i = raw_index.wrapping_sub(usize::from(self.skip_first));
        self.meta.variables.get(i).and_then(|v| v.data_type.clone()).unwrap_or_else(|| "?".to_owned())
    }

    fn convert(&self, index: u64, raw: &mut Vec<(Position, Scalar)>, found: usize, row: &mut Vec<Value>) -> Result<(), DsjError> {
        let expected = self.kinds.len() + usize::from(self.skip_first);
        if found != expected {
            return Err(DsjError::RowWidth {
                pos: raw.first().map_or(self.sc.pos(), |(p, _)| *p),
                path: format!("{}[{index}]", self.rows_key),
                expected: expected - usize::from(self.skip_first),
                found: found.saturating_sub(usize::from(self.skip_first)),
            });
        }
        row.clear();
        for (j, (pos, s)) in raw.drain(..).enumerate().skip(usize::from(self.skip_first)) {
            let kind = self.kinds[j - usize::from(self.skip_first)];
            match to_value(kind, s) {
                Ok(v) => row.push(v),
                Err(s) => {
                    return Err(DsjError::WrongType {
                        pos,
                        path: format!("{}[{index}][{j}]", self.rows_key),
                        column: self.column_name(j),
                        data_type: self.data_type_name(j),
                        found: s.describe(),
                    });
                }
            }
        }
        Ok(())
    }

    fn after_rows(&mut self) -> Result<(), DsjError> {
        if let Step::Rows = self.walk(false)? {
            return Err(DsjError::Duplicate { pos: self.sc.pos(), name: self.rows_key.to_owned() });
        }
        self.sc.expect_eof()
    }

    /// End-of-file checks that make findings, not errors: the data itself was readable.
    fn finish(&mut self) -> Result<(), DsjError> {
        self.state = State::Done;
        let h = &self.header;
        let missing = [
            ("datasetJSONCreationDateTime", h.creation_date_time.is_none()),
            ("datasetJSONVersion", h.version.is_none() && !self.v10),
            ("itemGroupOID", h.item_group_oid.is_none()),
            ("records", h.records.is_none()),
            ("label", h.label.is_none()),
        ];
        for (name, absent) in missing {
            if absent {
                self.findings.push(Finding::warning("FM0052", format!("required attribute `{name}` is missing")));
            }
        }
        let expected = if self.v10 { "1.0" } else { "1.1" };
        if let Some(v) = &h.version
            && !v.starts_with(expected)
        {
            self.findings.push(
                Finding::notice("FM0053", format!("datasetJSONVersion `{v}` read with the {expected} layout"))
                    .with_value(v.clone()),
            );
        }
        if let Some(n) = h.records
            && n != self.rows_read
        {
            self.findings.push(
                Finding::error("FM0060", format!("`records` says {n} but the file holds {} rows", self.rows_read))
                    .with_value(n.to_string()),
            );
        }
        Ok(())
    }
}

fn is_string_attr(level: Level, key: &str) -> bool {
    match level {
        Level::Top => matches!(
            key,
            "datasetJSONCreationDateTime"
                | "creationDateTime"
                | "datasetJSONVersion"
                | "fileOID"
                | "dbLastModifiedDateTime"
                | "asOfDateTime"
                | "originator"
                | "studyOID"
                | "metaDataVersionOID"
                | "metaDataRef"
                | "itemGroupOID"
                | "name"
                | "label"
        ),
        Level::Data => matches!(key, "studyOID" | "metaDataVersionOID" | "metaDataRef"),
        Level::ItemGroup => matches!(key, "name" | "label"),
        Level::ItemGroups => false,
    }
}

/// Where a string attribute is kept; v1.0 spellings share the v1.1 slots.
fn string_slot<'h>(h: &'h mut Header, key: &str) -> &'h mut Option<String> {
    match key {
        "datasetJSONCreationDateTime" | "creationDateTime" => &mut h.creation_date_time,
        "datasetJSONVersion" => &mut h.version,
        "fileOID" => &mut h.file_oid,
        "dbLastModifiedDateTime" | "asOfDateTime" => &mut h.db_last_modified_date_time,
        "originator" => &mut h.originator,
        "studyOID" => &mut h.study_oid,
        "metaDataVersionOID" => &mut h.metadata_version_oid,
        "metaDataRef" => &mut h.metadata_ref,
        "itemGroupOID" => &mut h.item_group_oid,
        "name" => &mut h.name,
        _ => &mut h.label,
    }
}

fn to_value(kind: Kind, s: Scalar) -> Result<Value, Scalar> {
    Ok(match (kind, s) {
        (_, Scalar::Null) => Value::NULL,
        (Kind::Text, Scalar::Str(s)) => Value::Char(s),
        (Kind::Integer, Scalar::Num(n)) if n.fract() == 0.0 => Value::Num(n),
        (Kind::Number | Kind::Decimal, Scalar::Num(n)) => Value::Num(n),
        (Kind::Decimal, Scalar::Str(s)) => match parse_decimal(&s) {
            Some(n) => Value::Num(n),
            None => return Err(Scalar::Str(s)),
        },
        (Kind::Boolean, Scalar::Bool(b)) => Value::Num(f64::from(u8::from(b))),
        (Kind::SasDate | Kind::SasDateTime | Kind::SasTime, Scalar::Str(s)) => match iso_to_sas(kind, &s) {
            Some(n) => Value::Num(n),
            None => return Err(Scalar::Str(s)),
        },
        // Some writers put the SAS number itself; it is what the target type asks for.
        (Kind::SasDate | Kind::SasDateTime | Kind::SasTime, Scalar::Num(n)) => Value::Num(n),
        (_, s) => return Err(s),
    })
}

impl<R: BufRead> DatasetReader for DsjReader<R> {
    type Error = DsjError;

    fn meta(&self) -> &DatasetMeta {
        &self.meta
    }

    fn read_row(&mut self, row: &mut Vec<Value>) -> Result<bool, DsjError> {
        let keep = self.kinds.len() + usize::from(self.skip_first) + 1;
        let mut raw = std::mem::take(&mut self.scratch);
        let index = self.rows_read;
        let found = match &mut self.state {
            State::Done => return Ok(false),
            State::Streaming { first } => {
                let was_first = std::mem::replace(first, false);
                if !self.sc.next_element(was_first)? {
                    self.after_rows()?;
                    self.finish()?;
                    return Ok(false);
                }
                self.raw_row(index, keep, &mut raw)?
            }
            State::Ndjson => {
                let newline = self.sc.skip_ws()?;
                if self.sc.peek()?.is_none() {
                    self.finish()?;
                    return Ok(false);
                }
                if !newline {
                    return Err(self.sc.syntax("a line break before the next NDJSON row"));
                }
                self.raw_row(index, keep, &mut raw)?
            }
            State::Buffered(rows) => match rows.pop_front() {
                Some(r) => {
                    raw = r;
                    raw.len()
                }
                None => {
                    self.finish()?;
                    return Ok(false);
                }
            },
        };
        self.convert(index, &mut raw, found, row)?;
        self.scratch = raw;
        self.rows_read += 1;
        Ok(true)
    }

    fn findings(&self) -> Vec<Finding> {
        self.findings
            .iter()
            .map(|f| {
                let mut f = f.clone().in_dataset(self.meta.name.clone());
                if let Some(file) = &self.file {
                    f = f.in_file(file.clone());
                }
                f
            })
            .collect()
    }
}
