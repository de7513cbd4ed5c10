//! XPT v5 writer: a whole dataset checked up front, or rows streamed when lengths are known.

use super::header::{Kind, Namestr, RECORD, header_record, put};
use super::ibm::{missing_to_bytes, to_ibm};
use super::validate::{Ctx, Layout, check_dataset, check_meta, check_row};
use super::{XptError, XptOptions};
use model::{DatasetMeta, DatasetRows, DatasetWriter, Finding, Severity, Value};
use std::io::Write;

/// Writes `ds` as a one-member v5 transport file, character lengths sized from the data where
/// the metadata gives none.
///
/// Nothing is written when any check fails: the error is [`XptError::Invalid`] with every
/// finding. On success, returns the notices (e.g. FM0017). The writer is flushed, not closed.
pub fn write_dataset<W: Write, R: DatasetRows>(
    ds: &R,
    out: W,
    opts: &XptOptions,
) -> Result<Vec<Finding>, XptError> {
    let (layout, findings) = check_dataset(ds, opts);
    if findings.iter().any(|f| f.severity == Severity::Error) {
        return Err(XptError::Invalid {
            dataset: ds.meta().name.clone(),
            findings,
        });
    }
    let mut w = XptWriter::start(out, ds.meta(), layout, opts)?;
    w.findings = findings;
    ds.try_each(|row| w.put_row(row))?;
    w.close()
}

/// Streams rows into a v5 transport file. Every character variable needs a length in its
/// metadata; use [`write_dataset`] to size lengths from the data instead.
pub struct XptWriter<W: Write> {
    out: Counting<W>,
    layout: Layout,
    dataset: String,
    file: Option<String>,
    rows: u64,
    row_buf: Vec<u8>,
    findings: Vec<Finding>,
}

impl<W: Write> XptWriter<W> {
    /// Checks the metadata and writes all headers. Metadata findings at error severity make
    /// this fail with [`XptError::Invalid`] before anything is written.
    pub fn new(out: W, meta: &DatasetMeta, opts: &XptOptions) -> Result<XptWriter<W>, XptError> {
        let ctx = Ctx {
            file: opts.file_name.as_deref(),
            dataset: &meta.name,
        };
        let mut findings = Vec::new();
        let layout = check_meta(meta, |_| None, &ctx, &mut findings);
        if findings.iter().any(|f| f.severity == Severity::Error) {
            return Err(XptError::Invalid {
                dataset: meta.name.clone(),
                findings,
            });
        }
        let mut w = XptWriter::start(out, meta, layout, opts)?;
        w.findings = findings;
        Ok(w)
    }

    fn start(
        out: W,
        meta: &DatasetMeta,
        layout: Layout,
        opts: &XptOptions,
    ) -> Result<XptWriter<W>, XptError> {
        let mut w = XptWriter {
            out: Counting {
                inner: out,
                written: 0,
            },
            row_buf: Vec::with_capacity(layout.obs_len),
            layout,
            dataset: meta.name.clone(),
            file: opts.file_name.clone(),
            rows: 0,
            findings: Vec::new(),
        };
        w.write_headers(meta, opts)?;
        Ok(w)
    }

    fn write_headers(&mut self, meta: &DatasetMeta, opts: &XptOptions) -> Result<(), XptError> {
        let stamp = opts.timestamp.sas();
        let version = opts.sas_version.as_bytes();
        let os = opts.os_name.as_bytes();
        let zeros = "0".repeat(30);
        self.out.put(&header_record(Kind::Library, false, &zeros))?;
        let mut real = [b' '; RECORD];
        put(&mut real[0..24], b"SAS     SAS     SASLIB");
        put(&mut real[24..32], version);
        put(&mut real[32..40], os);
        put(&mut real[64..80], stamp.as_bytes());
        self.out.put(&real)?;
        let mut modified = [b' '; RECORD];
        put(&mut modified[0..16], stamp.as_bytes());
        self.out.put(&modified)?;

        self.out.put(&header_record(
            Kind::Member,
            false,
            "000000000000000001600000000140",
        ))?;
        self.out
            .put(&header_record(Kind::Descriptor, false, &zeros))?;
        let mut descr = [b' '; RECORD];
        put(&mut descr[0..8], b"SAS");
        put(&mut descr[8..16], meta.name.as_bytes());
        put(&mut descr[16..24], b"SASDATA");
        put(&mut descr[24..32], version);
        put(&mut descr[32..40], os);
        put(&mut descr[64..80], stamp.as_bytes());
        self.out.put(&descr)?;
        let mut descr2 = [b' '; RECORD];
        put(&mut descr2[0..16], stamp.as_bytes());
        put(&mut descr2[32..72], meta.label.as_bytes());
        self.out.put(&descr2)?;

        let count = self.layout.columns.len();
        self.out.put(&header_record(
            Kind::Namestr,
            false,
            &format!("000000{count:04}{}", "0".repeat(20)),
        ))?;
        for (i, col) in self.layout.columns.iter().enumerate() {
            // Lengths and positions fit: lengths ≤ 200 and ≤ 9,999 variables were checked.
            let ns = Namestr {
                numeric: col.numeric,
                length: col.length as u16,
                varnum: (i + 1) as u16,
                name: col.name.as_bytes().to_vec(),
                label: col.label.as_bytes().to_vec(),
                format: col.format.clone(),
                position: col.position as u32,
                ..Namestr::default()
            };
            self.out.put(&ns.encode())?;
        }
        self.out.pad()?;
        self.out.put(&header_record(Kind::Obs, false, &zeros))
    }

    /// Writes one row. A row that fails the checks is not written and the error carries its
    /// findings; the file stays consistent, so the caller may go on with the next row.
    pub fn write_row(&mut self, row: &[Value]) -> Result<(), XptError> {
        let record = self.rows + 1;
        let mut found = Vec::new();
        let ctx = Ctx {
            file: self.file.as_deref(),
            dataset: &self.dataset,
        };
        check_row(&self.layout, row, record, &ctx, &mut found);
        if found.iter().any(|f| f.severity == Severity::Error) {
            return Err(XptError::InvalidRow {
                dataset: self.dataset.clone(),
                record,
                findings: found,
            });
        }
        self.findings.extend(found);
        self.put_row(row)
    }

    /// Encodes a row already checked.
    fn put_row(&mut self, row: &[Value]) -> Result<(), XptError> {
        self.row_buf.clear();
        for (col, value) in self.layout.columns.iter().zip(row) {
            match value {
                Value::Num(x) => {
                    // Checked already; an out-of-range value here would be a bug in the checks,
                    // and is still reported rather than written wrong.
                    let bytes = to_ibm(*x).map_err(|_| XptError::InvalidRow {
                        dataset: self.dataset.clone(),
                        record: self.rows + 1,
                        findings: Vec::new(),
                    })?;
                    self.row_buf.extend_from_slice(&bytes);
                }
                Value::Missing(m) if col.numeric => {
                    self.row_buf.extend_from_slice(&missing_to_bytes(*m))
                }
                Value::Missing(_) => self.row_buf.resize(self.row_buf.len() + col.length, b' '),
                Value::Char(s) => {
                    let start = self.row_buf.len();
                    self.row_buf.resize(start + col.length, b' ');
                    put(&mut self.row_buf[start..], s.as_bytes());
                }
            }
        }
        self.rows += 1;
        let buf = std::mem::take(&mut self.row_buf);
        let res = self.out.put(&buf);
        self.row_buf = buf;
        res
    }

    /// Rows written so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Pads the last record, flushes, and hands back the inner writer with the findings.
    pub fn finish(mut self) -> Result<(W, Vec<Finding>), XptError> {
        self.out.pad()?;
        let offset = self.out.written;
        self.out
            .inner
            .flush()
            .map_err(|source| XptError::Io { offset, source })?;
        Ok((self.out.inner, self.findings))
    }
}

impl<W: Write> DatasetWriter for XptWriter<W> {
    type Error = XptError;

    fn write_row(&mut self, row: &[Value]) -> Result<(), XptError> {
        XptWriter::write_row(self, row)
    }

    fn close(self) -> Result<Vec<Finding>, XptError> {
        self.finish().map(|(_, findings)| findings)
    }
}

/// Counts bytes so I/O errors carry an offset and padding knows the record boundary.
struct Counting<W> {
    inner: W,
    written: u64,
}

impl<W: Write> Counting<W> {
    fn put(&mut self, b: &[u8]) -> Result<(), XptError> {
        let offset = self.written;
        self.inner
            .write_all(b)
            .map_err(|source| XptError::Io { offset, source })?;
        self.written += b.len() as u64;
        Ok(())
    }

    fn pad(&mut self) -> Result<(), XptError> {
        let rem = (self.written % RECORD as u64) as usize;
        if rem == 0 {
            return Ok(());
        }
        self.put(&[b' '; RECORD][..RECORD - rem])
    }
}
