//! Streaming reader for v5 and v8 transport files.

use super::header::{HEADER_PREFIX, Kind, RECORD, parse_header, trim_blanks, trim_end_blanks};
use super::ibm::{XptNumber, decode_number};
use super::input::Input;
use super::member::{Slot, decode, read_member};
use super::{XptError, preview};
use model::{Dataset, DatasetMeta, DatasetReader, Finding, Severity, Value};
use std::io::Read;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XptVersion {
    V5,
    V8,
}

/// What the library header says about the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryInfo {
    pub version: XptVersion,
    pub sas_version: String,
    pub os: String,
    /// `ddMMMyy:hh:mm:ss` as written.
    pub created: String,
    pub modified: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Rows,
    /// Data of this member is over; `true` when another member header follows.
    Done(bool),
}

/// Reads one member at a time, streaming its rows. Created on the first member.
pub struct XptReader<R: Read> {
    input: Input<R>,
    library: LibraryInfo,
    member: usize,
    meta: DatasetMeta,
    slots: Vec<Slot>,
    obs_len: usize,
    declared_rows: Option<u64>,
    rows_read: u64,
    state: State,
    file_name: Option<String>,
    member_findings: Vec<Finding>,
    /// Per variable: (first record, count) of values decoded as Windows-1252.
    recoded: Vec<Option<(u64, u64)>>,
}

impl<R: Read> XptReader<R> {
    /// Reads the library header and the first member's metadata.
    pub fn new(reader: R) -> Result<XptReader<R>, XptError> {
        let mut input = Input::new(reader);
        let head = input.fill(RECORD)?;
        if head.is_empty() {
            return Err(XptError::Empty);
        }
        let kind = (head.len() >= RECORD)
            .then(|| parse_header(&head[..RECORD]))
            .flatten();
        let v8 = match kind {
            Some((Kind::Library, v8)) => v8,
            Some((other, _)) => {
                return Err(XptError::UnexpectedRecord {
                    offset: 0,
                    expected: "LIBRARY",
                    found: other.name().into(),
                });
            }
            None if head.len() < RECORD
                && HEADER_PREFIX.starts_with(&head[..head.len().min(20)]) =>
            {
                return Err(XptError::Truncated {
                    offset: head.len() as u64,
                    context: "library header",
                    missing: (RECORD - head.len()) as u64,
                });
            }
            None => {
                let lower =
                    String::from_utf8_lossy(&head[..head.len().min(RECORD)]).to_ascii_lowercase();
                let hint = if lower.contains("<html")
                    || lower.contains("<!doctype")
                    || lower.contains("<head")
                {
                    " (it is an HTML page, perhaps a failed download)"
                } else if lower.trim_start().starts_with('{') {
                    " (it looks like JSON)"
                } else {
                    ""
                };
                return Err(XptError::NotXpt {
                    offset: 0,
                    found: preview(head),
                    hint,
                });
            }
        };
        input.skip(RECORD);
        let at = input.offset();
        let real = input.take(RECORD, "first real header record")?;
        if &real[..8] != b"SAS     " {
            return Err(XptError::BadField {
                offset: at,
                field: "first real header record",
                found: preview(real),
            });
        }
        let text = |b: &[u8]| String::from_utf8_lossy(trim_blanks(b)).into_owned();
        let (sas_version, os, created) = (
            text(&real[24..32]),
            text(&real[32..40]),
            text(&real[64..80]),
        );
        let modified = text(&input.take(RECORD, "second real header record")?[..16]);
        let library = LibraryInfo {
            version: if v8 { XptVersion::V8 } else { XptVersion::V5 },
            sas_version,
            os,
            created,
            modified,
        };
        let mut r = XptReader {
            input,
            library,
            member: 0,
            meta: DatasetMeta::new("", ""),
            slots: Vec::new(),
            obs_len: 0,
            declared_rows: None,
            rows_read: 0,
            state: State::Rows,
            file_name: None,
            member_findings: Vec::new(),
            recoded: Vec::new(),
        };
        r.open_member()?;
        Ok(r)
    }

    /// Names findings after this file.
    pub fn with_file_name(mut self, name: impl Into<String>) -> XptReader<R> {
        self.file_name = Some(name.into());
        self
    }

    pub fn library(&self) -> &LibraryInfo {
        &self.library
    }

    /// 0-based index of the current member in the file.
    pub fn member_index(&self) -> usize {
        self.member
    }

    /// Byte offset of the next unread byte.
    pub fn offset(&self) -> u64 {
        self.input.offset()
    }

    /// Skips the rest of this member and opens the next; `None` after the last. Collect
    /// [`DatasetReader::findings`] first: they belong to the member being left.
    pub fn next_member(mut self) -> Result<Option<XptReader<R>>, XptError> {
        let mut row = Vec::new();
        while self.read_row(&mut row)? {}
        if self.state != State::Done(true) {
            return Ok(None);
        }
        self.member += 1;
        self.open_member()?;
        Ok(Some(self))
    }

    fn open_member(&mut self) -> Result<(), XptError> {
        let member = read_member(&mut self.input, self.library.version == XptVersion::V8)?;
        self.recoded = vec![None; member.slots.len()];
        self.state = if member.obs_len == 0 {
            State::Done(false)
        } else {
            State::Rows
        };
        self.meta = member.meta;
        self.slots = member.slots;
        self.obs_len = member.obs_len;
        self.declared_rows = member.declared_rows;
        self.member_findings = member.findings;
        self.rows_read = 0;
        Ok(())
    }

    /// The next observation into `row`, refilling the strings of the previous one in place:
    /// a string per character value and row was most of the allocation when streaming.
    fn fill_row(&mut self, row: &mut Vec<Value>) -> Result<bool, XptError> {
        if self.state != State::Rows {
            return Ok(false);
        }
        if let Some(end) = self.at_end()? {
            self.state = end;
            return Ok(false);
        }
        let obs_len = self.obs_len;
        let bytes = self.input.take(obs_len, "observation")?;
        let record = self.rows_read + 1;
        row.truncate(self.slots.len());
        for (i, slot) in self.slots.iter().enumerate() {
            let field = &bytes[slot.position..slot.position + slot.length];
            if slot.numeric {
                let value = match decode_number(field) {
                    XptNumber::Num(x) => Value::Num(x),
                    XptNumber::Missing(m) => Value::Missing(m),
                };
                model::io::put(row, i, value);
                continue;
            }
            let text = trim_end_blanks(field);
            let recoded = if let Some(Value::Char(s)) = row.get_mut(i) {
                s.clear();
                decode_into(text, s)
            } else {
                let (s, recoded) = decode(text);
                model::io::put(row, i, Value::Char(s));
                recoded
            };
            if recoded {
                let e = self.recoded[i].get_or_insert((record, 0));
                e.1 += 1;
            }
        }
        self.rows_read = record;
        Ok(true)
    }

    fn finding(&self, code: &str, severity: Severity, message: String) -> Finding {
        let mut f = Finding::new(code, severity, message).in_dataset(self.meta.name.clone());
        if let Some(file) = &self.file_name {
            f = f.in_file(file.clone());
        }
        f
    }

    /// Decides at a row boundary whether the member's data is over. Returns the end state.
    fn at_end(&mut self) -> Result<Option<State>, XptError> {
        if let Some(n) = self.declared_rows
            && self.rows_read >= n
        {
            return self.after_declared_rows().map(Some);
        }
        let o = self.input.offset();
        let end = self.data_end(o)?;
        match (self.declared_rows, end) {
            (Some(declared), Some(_)) => {
                let found = self.rows_read;
                Err(XptError::MissingRows {
                    offset: o,
                    declared,
                    found,
                })
            }
            (_, Some((state, skip))) => {
                self.input.skip(skip);
                Ok(Some(state))
            }
            (_, None) => Ok(None),
        }
    }

    /// Whether the data ends at `o` (the current offset), as the end state and the number of
    /// padding bytes to skip. Nothing is consumed.
    fn data_end(&mut self, o: u64) -> Result<Option<(State, usize)>, XptError> {
        // The data ends where fewer than 80 blanks run up to a
        // record boundary followed by the end of the file or the next member. A blank row
        // in that position is indistinguishable from padding, as in every XPT reader.
        let to_boundary = (RECORD - (o % RECORD as u64) as usize) % RECORD;
        let avail = self.input.fill(self.obs_len.max(to_boundary + RECORD))?;
        if to_boundary == 0 {
            if avail.is_empty() {
                return Ok(Some((State::Done(false), 0)));
            }
            if is_member_header(avail) {
                return Ok(Some((State::Done(true), 0)));
            }
        } else if avail[..to_boundary.min(avail.len())]
            .iter()
            .all(|&b| b == b' ')
        {
            if avail.len() == to_boundary {
                return Ok(Some((State::Done(false), to_boundary)));
            }
            if avail.len() < to_boundary {
                // Writers always pad the last record; a file ending short of it was cut.
                let (offset, missing) =
                    (o + avail.len() as u64, (to_boundary - avail.len()) as u64);
                return Err(XptError::Truncated {
                    offset,
                    context: "padding of the last record",
                    missing,
                });
            }
            if is_member_header(&avail[to_boundary..]) {
                return Ok(Some((State::Done(true), to_boundary)));
            }
        }
        if avail.len() < self.obs_len {
            let (offset, missing) = (o + avail.len() as u64, (self.obs_len - avail.len()) as u64);
            return Err(XptError::Truncated {
                offset,
                context: "last observation",
                missing,
            });
        }
        Ok(None)
    }

    fn after_declared_rows(&mut self) -> Result<State, XptError> {
        self.input.align(RECORD, "padding of the last record")?;
        let at = self.input.offset();
        let avail = self.input.fill(RECORD)?;
        if avail.is_empty() {
            Ok(State::Done(false))
        } else if is_member_header(avail) {
            Ok(State::Done(true))
        } else {
            Err(XptError::UnexpectedRecord {
                offset: at,
                expected: "MEMBER (or end of file) after the declared observations",
                found: preview(avail),
            })
        }
    }
}

/// [`decode`] appended to `s`; whether the bytes were Windows-1252.
fn decode_into(b: &[u8], s: &mut String) -> bool {
    match std::str::from_utf8(b) {
        Ok(text) => {
            s.push_str(text);
            false
        }
        Err(_) => {
            let (text, recoded) = decode(b);
            s.push_str(&text);
            recoded
        }
    }
}

fn is_member_header(b: &[u8]) -> bool {
    b.len() >= RECORD && matches!(parse_header(&b[..RECORD]), Some((Kind::Member, _)))
}

impl<R: Read> DatasetReader for XptReader<R> {
    type Error = XptError;

    fn meta(&self) -> &DatasetMeta {
        &self.meta
    }

    fn read_row(&mut self, row: &mut Vec<Value>) -> Result<bool, XptError> {
        let more = self.fill_row(row);
        if !matches!(more, Ok(true)) {
            row.clear();
        }
        more
    }

    fn findings(&self) -> Vec<Finding> {
        let mut out: Vec<Finding> = self
            .member_findings
            .iter()
            .cloned()
            .map(|mut f| {
                f.file.clone_from(&self.file_name);
                f
            })
            .collect();
        for (var, rec) in self.meta.variables.iter().zip(&self.recoded) {
            if let Some((first, count)) = rec {
                let f = self
                    .finding("FM0030", Severity::Notice, format!("{count} value(s) of {} are not UTF-8 and were decoded as Windows-1252, first in record {first}", var.name))
                    .at_record(*first)
                    .with_variable(var.name.clone());
                out.push(f);
            }
        }
        out
    }
}

/// Every member of a transport file in memory, with the reading findings of all of them.
pub fn read_all_members<R: Read>(reader: R) -> Result<(Vec<Dataset>, Vec<Finding>), XptError> {
    let mut datasets = Vec::new();
    let mut findings = Vec::new();
    let mut current = Some(XptReader::new(reader)?);
    while let Some(mut r) = current {
        let mut ds = Dataset::new(r.meta().clone());
        let mut row = Vec::new();
        while r.read_row(&mut row)? {
            ds.rows.push(std::mem::take(&mut row));
        }
        findings.extend(r.findings());
        datasets.push(ds);
        current = r.next_member()?;
    }
    Ok((datasets, findings))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)] // tests: a failed unwrap is a failed test

    use super::*;
    use crate::xpt::{XptOptions, write_dataset};
    use model::{Missing, Variable};

    fn rows_and_findings(bytes: &[u8], mut row: Vec<Value>) -> (Vec<Vec<Value>>, Vec<Finding>) {
        let mut r = XptReader::new(bytes).unwrap();
        let mut rows = Vec::new();
        while r.read_row(&mut row).unwrap() {
            rows.push(row.clone());
        }
        assert!(row.is_empty());
        (rows, r.findings())
    }

    #[test]
    fn a_reused_row_reads_like_a_new_one() {
        let mut meta = DatasetMeta::new("T", "");
        meta.variables = vec![
            Variable::char("A", "").with_length(6),
            Variable::num("N", ""),
            Variable::char("B", "").with_length(3),
        ];
        let mut ds = Dataset::new(meta);
        ds.rows = vec![
            vec![Value::char("CAFE?"), Value::Num(1.5), Value::char("x")],
            vec![
                Value::char(""),
                Value::Missing(Missing::Letter(b'A')),
                Value::char("yz"),
            ],
            vec![Value::char("ABCDEF"), Value::Num(-2.0), Value::char("")],
        ];
        let mut bytes = Vec::new();
        write_dataset(&ds, &mut bytes, &XptOptions::default()).unwrap();
        // A Windows-1252 `é`, so that a reused string is recoded too.
        let at = bytes.windows(5).position(|w| w == b"CAFE?").unwrap() + 4;
        bytes[at] = 0xE9;

        let fresh = rows_and_findings(&bytes, Vec::new());
        assert_eq!(fresh.0[0][0], Value::char("CAFEé"));
        assert_eq!(fresh.1.len(), 1);
        let left_over = vec![
            Value::Num(0.0),
            Value::char("left over"),
            Value::NULL,
            Value::char("one too many"),
        ];
        assert_eq!(rows_and_findings(&bytes, left_over), fresh);
    }
}
