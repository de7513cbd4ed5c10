//! Streaming reader for `.json` (v1.1 and v1.0 layouts), `.ndjson` and, through
//! [`super::Inflate`], `.dsjc`.

use super::error::{DsjError, Position};
use super::scan::{Scalar, Scanner};
use super::types::{Header, Kind, column_to_variable, iso_to_sas, parse_decimal};
use super::walk::Level;
use model::{DatasetMeta, DatasetReader, Finding, Value};
use std::collections::VecDeque;
use std::io::BufRead;

pub(super) enum Step {
    Rows,
    End,
}

enum State {
    Streaming { first: bool },
    Ndjson,
    Buffered(VecDeque<Vec<(Position, Scalar)>>),
    Done,
}

/// Reads one Dataset-JSON dataset row by row. See the module docs for what is accepted.
pub struct DsjReader<R> {
    pub(super) sc: Scanner<R>,
    pub(super) header: Header,
    pub(super) meta: DatasetMeta,
    pub(super) kinds: Vec<Kind>,
    /// v1.0 files start each row with ITEMGROUPDATASEQ, which is not a dataset variable.
    pub(super) skip_first: bool,
    pub(super) v10: bool,
    pub(super) rows_key: &'static str,
    pub(super) rows_seen: bool,
    pub(super) stack: Vec<Level>,
    state: State,
    pub(super) scratch: Vec<(Position, Scalar)>,
    pub(super) rows_read: u64,
    pub(super) findings: Vec<Finding>,
    pub(super) file: Option<String>,
    /// Numeric columns holding `""`: column index → (first 1-based record, how many).
    blank_numbers: std::collections::BTreeMap<usize, (u64, u64)>,
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
            blank_numbers: std::collections::BTreeMap::new(),
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
            return Err(DsjError::Unsupported {
                pos: me.sc.pos(),
                what: "rows inside the NDJSON metadata line",
            });
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
    pub(super) fn walk(&mut self, mut first: bool) -> Result<Step, DsjError> {
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

    fn finish_meta(&mut self) -> Result<(), DsjError> {
        let pos = self.sc.pos();
        let name = self
            .header
            .name
            .clone()
            .ok_or(DsjError::MissingAttribute { pos, name: "name" })?;
        let mut columns = self
            .header
            .columns
            .clone()
            .ok_or(DsjError::MissingAttribute {
                pos,
                name: "columns",
            })?;
        if self.v10
            && columns
                .first()
                .is_some_and(|c| c.name.eq_ignore_ascii_case("ITEMGROUPDATASEQ"))
        {
            columns.remove(0);
            self.skip_first = true;
        }
        let mut meta = DatasetMeta::new(name, self.header.label.clone().unwrap_or_default());
        for (i, c) in columns.iter().enumerate() {
            if meta.index_of(&c.name).is_some() {
                return Err(DsjError::BadAttribute {
                    pos,
                    path: format!("columns[{i}]"),
                    why: format!("column {} appears twice", c.name),
                });
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
    /// The next row into `row`, its strings' buffers swapped with the values read.
    fn fill_row(&mut self, row: &mut Vec<Value>) -> Result<bool, DsjError> {
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

    fn raw_row(
        &mut self,
        index: u64,
        keep: usize,
        out: &mut Vec<(Position, Scalar)>,
    ) -> Result<usize, DsjError> {
        if self.sc.peek()? != Some(b'[') {
            return Err(self.sc.syntax("`[` opening a row"));
        }
        self.sc.expect(b'[', "`[` opening a row")?;
        let mut n = 0usize;
        let mut first = true;
        while self.sc.next_element(first)? {
            first = false;
            let pos = self.sc.pos();
            // The previous row's slots are overwritten, so their strings' buffers are reused.
            let scalar = if n < keep {
                if n == out.len() {
                    out.push((pos, Scalar::Null));
                }
                out[n].0 = pos;
                self.sc.scalar_into(&mut out[n].1)?
            } else {
                self.sc.scalar()?.is_some()
            };
            if !scalar {
                let column = self.column_name(n);
                return Err(DsjError::WrongType {
                    pos,
                    path: format!("{}[{index}][{n}]", self.rows_key),
                    column,
                    data_type: self.data_type_name(n),
                    found: "an array or object".into(),
                });
            }
            n += 1;
        }
        out.truncate(n.min(keep));
        Ok(n)
    }

    fn column_name(&self, raw_index: usize) -> String {
        let i = raw_index.wrapping_sub(usize::from(self.skip_first));
        self.meta
            .variables
            .get(i)
            .map_or_else(|| "?".to_owned(), |v| v.name.clone())
    }

    fn data_type_name(&self, raw_index: usize) -> String {
        let i = raw_index.wrapping_sub(usize::from(self.skip_first));
        self.meta
            .variables
            .get(i)
            .and_then(|v| v.data_type.clone())
            .unwrap_or_else(|| "?".to_owned())
    }

    fn convert(
        &mut self,
        index: u64,
        raw: &mut [(Position, Scalar)],
        found: usize,
        row: &mut Vec<Value>,
    ) -> Result<(), DsjError> {
        let expected = self.kinds.len() + usize::from(self.skip_first);
        if found != expected {
            return Err(DsjError::RowWidth {
                pos: raw.first().map_or(self.sc.pos(), |(p, _)| *p),
                path: format!("{}[{index}]", self.rows_key),
                expected: expected - usize::from(self.skip_first),
                found: found.saturating_sub(usize::from(self.skip_first)),
            });
        }
        let skip = usize::from(self.skip_first);
        row.truncate(self.kinds.len());
        for (j, (pos, s)) in raw.iter_mut().enumerate().skip(skip) {
            let (k, pos) = (j - skip, *pos);
            let kind = self.kinds[k];
            // Text swaps buffers with the caller's previous row: no allocation per value.
            if let (Kind::Text, Scalar::Str(new), Some(Value::Char(old))) =
                (kind, &mut *s, row.get_mut(k))
            {
                std::mem::swap(new, old);
                continue;
            }
            let s = std::mem::replace(s, Scalar::Null);
            // CDISC's own examples (adlbc) put `""` in decimal columns for a missing value;
            // the schema allows any string there. Read it as null and say so, per column.
            if matches!(kind, Kind::Decimal | Kind::Number | Kind::Integer)
                && matches!(&s, Scalar::Str(t) if t.trim().is_empty())
            {
                let e = self.blank_numbers.entry(j).or_insert((index + 1, 0));
                e.1 += 1;
                model::io::put(row, k, Value::NULL);
                continue;
            }
            match to_value(kind, s) {
                Ok(v) => model::io::put(row, k, v),
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
            return Err(DsjError::Duplicate {
                pos: self.sc.pos(),
                name: self.rows_key.to_owned(),
            });
        }
        self.sc.expect_eof()
    }

    /// End-of-file checks that make findings, not errors: the data itself was readable.
    fn finish(&mut self) -> Result<(), DsjError> {
        self.state = State::Done;
        for (&j, &(first, count)) in &self.blank_numbers {
            let column = self.column_name(j);
            self.findings.push(
                Finding::warning(
                    "FM0070",
                    format!(
                        "{column} is {} but holds an empty string in {count} record(s) (first: \
                         record {first}); read as null",
                        self.data_type_name(j)
                    ),
                )
                .at_record(first)
                .with_variable(column),
            );
        }
        let h = &self.header;
        let missing = [
            (
                "datasetJSONCreationDateTime",
                h.creation_date_time.is_none(),
            ),
            ("datasetJSONVersion", h.version.is_none() && !self.v10),
            ("itemGroupOID", h.item_group_oid.is_none()),
            ("records", h.records.is_none()),
            ("label", h.label.is_none()),
        ];
        for (name, absent) in missing {
            if absent {
                self.findings.push(Finding::warning(
                    "FM0052",
                    format!("required attribute `{name}` is missing"),
                ));
            }
        }
        let expected = if self.v10 { "1.0" } else { "1.1" };
        if let Some(v) = &h.version
            && !v.starts_with(expected)
        {
            self.findings.push(
                Finding::notice(
                    "FM0053",
                    format!("datasetJSONVersion `{v}` read with the {expected} layout"),
                )
                .with_value(v.clone()),
            );
        }
        if let Some(n) = h.records
            && n != self.rows_read
        {
            self.findings.push(
                Finding::error(
                    "FM0060",
                    format!(
                        "`records` says {n} but the file holds {} rows",
                        self.rows_read
                    ),
                )
                .with_value(n.to_string()),
            );
        }
        Ok(())
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
        (Kind::SasDate | Kind::SasDateTime | Kind::SasTime, Scalar::Str(s)) => {
            match iso_to_sas(kind, &s) {
                Some(n) => Value::Num(n),
                None => return Err(Scalar::Str(s)),
            }
        }
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
        let more = self.fill_row(row);
        if !matches!(more, Ok(true)) {
            row.clear();
        }
        more
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
