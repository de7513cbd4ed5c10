//! The two small traits every dataset format implements.

use crate::dataset::{Dataset, DatasetMeta};
use crate::finding::Finding;
use crate::value::Value;

/// Streams the rows of one dataset. Metadata is known before the first row.
pub trait DatasetReader {
    type Error: std::error::Error + Send + Sync + 'static;

    fn meta(&self) -> &DatasetMeta;

    /// Reads the next row into `row`, replacing what it held and reusing its allocations (a
    /// reader may refill the previous row's strings in place, see [`put`]). Returns `false`,
    /// with `row` empty, at the end of the data.
    fn read_row(&mut self, row: &mut Vec<Value>) -> Result<bool, Self::Error>;

    /// Notices gathered while reading (e.g. an encoding that had to be guessed).
    fn findings(&self) -> Vec<Finding> {
        Vec::new()
    }

    /// Reads the remaining rows into memory.
    fn read_all(mut self) -> Result<Dataset, Self::Error>
    where
        Self: Sized,
    {
        let mut ds = Dataset::new(self.meta().clone());
        let mut row = Vec::new();
        while self.read_row(&mut row)? {
            ds.rows.push(std::mem::take(&mut row));
        }
        Ok(ds)
    }
}

/// Writes one dataset. The writer owns the format's header and footer: the header is
/// written on creation or first row, the footer by [`DatasetWriter::close`]. A writer that
/// is dropped without `close` has not produced a valid file.
pub trait DatasetWriter {
    type Error: std::error::Error + Send + Sync + 'static;

    fn write_row(&mut self, row: &[Value]) -> Result<(), Self::Error>;

    /// Finishes the file and returns what the format could not hold exactly
    /// (e.g. a label cut to fit), as findings.
    fn close(self) -> Result<Vec<Finding>, Self::Error>;
}

/// A whole dataset in memory as writers walk it, possibly more than once (XPT checks every
/// value before it writes one): rows of values, or an Arrow table made into values a row at a
/// time (`table::Table`), so a table is written without a copy as rows.
pub trait DatasetRows {
    fn meta(&self) -> &DatasetMeta;

    fn len(&self) -> usize;

    fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Calls `f` on every row in order, stopping at its first error.
    fn try_each<E, F>(&self, f: F) -> Result<(), E>
    where
        F: FnMut(&[Value]) -> Result<(), E>;

    /// Calls `f` on every row in order.
    fn each<F: FnMut(&[Value])>(&self, mut f: F) {
        let walked = self.try_each(|row| {
            f(row);
            Ok::<(), std::convert::Infallible>(())
        });
        match walked {
            Ok(()) => {}
        }
    }
}

impl DatasetRows for Dataset {
    fn meta(&self) -> &DatasetMeta {
        &self.meta
    }

    fn len(&self) -> usize {
        self.rows.len()
    }

    fn try_each<E, F>(&self, mut f: F) -> Result<(), E>
    where
        F: FnMut(&[Value]) -> Result<(), E>,
    {
        self.rows.iter().try_for_each(|row| f(row))
    }
}

/// Sets value `i` of a row being refilled left to right (`i` at most one past its end), so a
/// reader can keep the previous row's values where it refills them in place.
pub fn put(row: &mut Vec<Value>, i: usize, v: Value) {
    match row.get_mut(i) {
        Some(slot) => *slot = v,
        None => row.push(v),
    }
}
