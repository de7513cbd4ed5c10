//! The header half of the reader: walking the metadata keys of v1.1 and v1.0 files.

use super::error::{DsjError, Position};
use super::reader::DsjReader;
use super::scan::{MAX_DEPTH, Scalar, Scanner};
use super::types::{Column, DataType, Header, SourceSystem};
use model::Finding;
use serde::Deserialize;
use serde_json::{Map, Number, Value as Json};
use std::io::{BufRead, Read};

/// Objects the reader can be inside of while it walks towards the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Top,
    /// v1.0 `clinicalData` / `referenceData`.
    Data,
    /// v1.0 `itemGroupData`, keyed by item group OID.
    ItemGroups,
    /// v1.0 one item group.
    ItemGroup,
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

impl<R: BufRead> DsjReader<R> {
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

    fn set(
        slot: &mut Option<String>,
        value: String,
        key: &str,
        pos: Position,
    ) -> Result<(), DsjError> {
        if slot.is_some() {
            return Err(DsjError::Duplicate {
                pos,
                name: key.to_owned(),
            });
        }
        *slot = Some(value);
        Ok(())
    }

    /// Handles one key: `Ok(None)` when its value was consumed, `Some(Some(level))` to enter
    /// an object, `Some(None)` when the rows array begins.
    pub(super) fn on_key(
        &mut self,
        level: Level,
        key: &str,
        pos: Position,
    ) -> Result<Option<Option<Level>>, DsjError> {
        match (level, key) {
            (Level::Top, "rows") | (Level::ItemGroup, "itemData") => {
                if self.rows_seen {
                    return Err(DsjError::Duplicate {
                        pos,
                        name: key.to_owned(),
                    });
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
                    return Err(DsjError::Unsupported {
                        pos,
                        what: "more than one item group in a file",
                    });
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
                    return Err(DsjError::Duplicate {
                        pos,
                        name: key.to_owned(),
                    });
                }
            }
            (Level::Top, "columns") | (Level::ItemGroup, "items") => {
                let columns = self.columns(key, pos)?;
                if self.header.columns.replace(columns).is_some() {
                    return Err(DsjError::Duplicate {
                        pos,
                        name: key.to_owned(),
                    });
                }
            }
            (Level::Top, "sourceSystem") => match self.sc.value(0)? {
                // v1.0 wrote the name here and the version in `sourceSystemVersion`.
                Json::String(name) => {
                    let ss = self.header.source_system.get_or_insert(SourceSystem {
                        name: String::new(),
                        version: String::new(),
                    });
                    ss.name = name;
                }
                v => {
                    let ss: SourceSystem =
                        serde_json::from_value(v).map_err(|e| DsjError::BadAttribute {
                            pos,
                            path: key.into(),
                            why: e.to_string(),
                        })?;
                    self.header.source_system = Some(ss);
                }
            },
            (Level::Top, "sourceSystemVersion") => {
                let v = self.string_attr(key, pos)?;
                let ss = self.header.source_system.get_or_insert(SourceSystem {
                    name: String::new(),
                    version: String::new(),
                });
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
            return Err(DsjError::BadAttribute {
                pos,
                path: key.into(),
                why: "expected an array".into(),
            });
        };
        let mut out = Vec::new();
        for (i, item) in items.into_iter().enumerate() {
            let bad = |why: String| DsjError::BadAttribute {
                pos,
                path: format!("{key}[{i}]"),
                why,
            };
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

impl<R: Read> Scanner<R> {
    /// Any JSON value, as a tree; used for header attributes, which are small.
    pub(crate) fn value(&mut self, depth: usize) -> Result<Json, DsjError> {
        self.skip_ws()?;
        if depth >= MAX_DEPTH {
            return Err(DsjError::TooDeep {
                pos: self.pos(),
                limit: MAX_DEPTH,
            });
        }
        match self.peek()? {
            Some(b'[') => {
                self.bump();
                let mut items = Vec::new();
                let mut first = true;
                while self.next_element(first)? {
                    first = false;
                    items.push(self.value(depth + 1)?);
                }
                Ok(Json::Array(items))
            }
            Some(b'{') => {
                self.bump();
                let mut map = Map::new();
                let mut first = true;
                while let Some(k) = self.next_key(first)? {
                    first = false;
                    let v = self.value(depth + 1)?;
                    map.insert(k, v);
                }
                Ok(Json::Object(map))
            }
            Some(b'-' | b'0'..=b'9') => {
                let pos = self.pos();
                let (n, text) = self.number()?;
                let text = text.to_owned();
                // Integers keep their exact text so `records` and lengths are not rounded.
                if let Ok(u) = text.parse::<u64>() {
                    return Ok(Json::Number(u.into()));
                }
                if let Ok(i) = text.parse::<i64>() {
                    return Ok(Json::Number(i.into()));
                }
                Number::from_f64(n)
                    .map(Json::Number)
                    .ok_or(DsjError::Syntax {
                        pos,
                        expected: "a finite number",
                        found: text,
                    })
            }
            _ => Ok(match self.scalar()? {
                Some(Scalar::Null) | None => Json::Null,
                Some(Scalar::Bool(b)) => Json::Bool(b),
                Some(Scalar::Num(n)) => Number::from_f64(n).map_or(Json::Null, Json::Number),
                Some(Scalar::Str(s)) => Json::String(s),
            }),
        }
    }

    /// Consumes any JSON value without keeping it.
    pub(crate) fn skip(&mut self, depth: usize) -> Result<(), DsjError> {
        self.skip_ws()?;
        if depth >= MAX_DEPTH {
            return Err(DsjError::TooDeep {
                pos: self.pos(),
                limit: MAX_DEPTH,
            });
        }
        match self.peek()? {
            Some(b'[') => {
                self.bump();
                let mut first = true;
                while self.next_element(first)? {
                    first = false;
                    self.skip(depth + 1)?;
                }
            }
            Some(b'{') => {
                self.bump();
                let mut first = true;
                while self.next_key(first)?.is_some() {
                    first = false;
                    self.skip(depth + 1)?;
                }
            }
            _ => {
                self.scalar()?;
            }
        }
        Ok(())
    }
}
