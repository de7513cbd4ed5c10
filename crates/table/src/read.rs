//! A streaming reader into a table.

use crate::{Table, TableBuilder};
use model::{DatasetReader, Value};

/// A reader's error, or the rows it read before it.
#[derive(Debug)]
pub struct ReadError<E> {
    pub error: E,
    /// Records read before the error.
    pub rows: usize,
}

impl<E: std::fmt::Display> std::fmt::Display for ReadError<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (after {} records)", self.error, self.rows)
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ReadError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// Reads the reader's remaining rows into a table, one reused row buffer at a time, so
/// memory holds the Arrow columns and one row, never a vector per record. The reader stays
/// with the caller for its [`DatasetReader::findings`].
pub fn read<R: DatasetReader>(reader: &mut R) -> Result<Table, ReadError<R::Error>> {
    let mut b = TableBuilder::new(reader.meta().clone());
    let mut row: Vec<Value> = Vec::new();
    loop {
        match reader.read_row(&mut row) {
            Ok(true) => b.push_row(row.iter().map(Value::view)),
            Ok(false) => return Ok(b.finish()),
            Err(error) => {
                return Err(ReadError {
                    error,
                    rows: b.len(),
                });
            }
        }
    }
}
