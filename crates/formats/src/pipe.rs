//! Reading on a second thread: a reader parses rows in batches while the calling thread
//! consumes them (builds a table, writes another format), so a transcode or a dataset read
//! takes about the longer of the two halves instead of their sum.

use crate::transcode::{AnyReader, TranscodeError};
use model::Value;
use std::sync::mpsc::sync_channel;

/// Rows per batch handed between the threads.
const BATCH: usize = 1024;
/// Batches in flight: one being read, one being consumed, one waiting.
const IN_FLIGHT: usize = 3;

/// Smaller inputs are read on the calling thread: a thread costs more than it saves.
const MIN_BYTES: u64 = 4 << 20;

/// Calls `consume` on every row of `reader`, in order, reading ahead on a second thread.
/// Batches go back to the reader once consumed, so each row's text buffers are reused as a
/// single-threaded read reuses them. The first error in row order wins: a row `consume`
/// refused comes before any the reader could not read.
/// `bytes`: the input's size; under [`MIN_BYTES`] it is read on the calling thread.
pub fn each_row<F>(
    reader: &mut AnyReader,
    source: &str,
    bytes: u64,
    mut consume: F,
) -> Result<(), TranscodeError>
where
    F: FnMut(&[Value]) -> Result<(), TranscodeError>,
{
    if bytes < MIN_BYTES {
        let mut row = Vec::new();
        while reader.read_row(&mut row, source)? {
            consume(&row)?;
        }
        return Ok(());
    }
    let (full_tx, full_rx) = sync_channel::<(Vec<Vec<Value>>, usize)>(IN_FLIGHT);
    let (empty_tx, empty_rx) = sync_channel::<Vec<Vec<Value>>>(IN_FLIGHT);
    for _ in 0..IN_FLIGHT {
        // Cannot fail: the channel holds IN_FLIGHT batches and its receiver is alive.
        let _ = empty_tx.send(vec![Vec::new(); BATCH]);
    }
    std::thread::scope(|s| {
        let producer = s.spawn(move || -> Result<(), TranscodeError> {
            while let Ok(mut batch) = empty_rx.recv() {
                let mut n = 0;
                let mut failed = Ok(());
                while n < BATCH {
                    match reader.read_row(&mut batch[n], source) {
                        Ok(true) => n += 1,
                        Ok(false) => break,
                        Err(e) => {
                            failed = Err(e);
                            break;
                        }
                    }
                }
                // The rows before a failure are consumed first: the consumer may refuse one.
                let sent = full_tx.send((batch, n)).is_ok();
                failed?;
                // The consumer has stopped (it refused a row), or the rows are over.
                if !sent || n < BATCH {
                    break;
                }
            }
            Ok(())
        });
        let mut consumed = Ok(());
        for (batch, n) in &full_rx {
            consumed = batch[..n].iter().try_for_each(|row| consume(row));
            if consumed.is_err() {
                break;
            }
            // Refused once the reader has read everything; the batches it sent are still due.
            let _ = empty_tx.send(batch);
        }
        // Unblocks a reader waiting for a batch or for room to hand one over.
        drop(empty_tx);
        drop(full_rx);
        let read = producer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        consumed.and(read)
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, reason = "test helpers")]
    use super::*;
    use crate::transcode::open;
    use std::path::Path;

    /// A CSV of `rows` records (more batches than are in flight), `bad` breaking one of them.
    fn csv(dir: &Path, rows: usize, bad: Option<usize>) -> std::path::PathBuf {
        let path = dir.join("rows.csv");
        let mut text = String::from("SEQ,NAME\n");
        for r in 0..rows {
            let extra = if bad == Some(r) { ",extra" } else { "" };
            text.push_str(&format!("{r},name{r}{extra}\n"));
        }
        std::fs::write(&path, text).unwrap();
        path
    }

    /// Each row's first value as text, read with `bytes` telling which way, `pause` making
    /// the consumer the slower side.
    fn read(path: &Path, bytes: u64, pause: bool) -> (Vec<String>, Result<(), TranscodeError>) {
        let mut r = open(path).unwrap();
        let mut seen = Vec::new();
        let done = each_row(&mut r, "rows.csv", bytes, |row| {
            if pause && seen.len() % 512 == 0 {
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            seen.push(format!("{:?}", row[0]));
            Ok(())
        });
        (seen, done)
    }

    #[test]
    fn every_row_arrives_in_order_whichever_side_is_slower() {
        let dir = tempfile::tempdir().unwrap();
        let rows = BATCH * (IN_FLIGHT + 2) + 17;
        let path = csv(dir.path(), rows, None);
        let (serial, ok) = read(&path, 0, false);
        assert!(ok.is_ok());
        assert_eq!(serial.len(), rows);
        for pause in [false, true] {
            let (piped, ok) = read(&path, u64::MAX, pause);
            assert!(ok.is_ok(), "{ok:?}");
            assert_eq!(piped, serial, "consumer pausing: {pause}");
        }
    }

    #[test]
    fn a_refused_row_stops_the_read_and_is_the_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = csv(dir.path(), BATCH * 6, None);
        let mut r = open(&path).unwrap();
        let mut seen = 0;
        let done = each_row(&mut r, "rows.csv", u64::MAX, |_| {
            if seen == 2500 {
                return Err(TranscodeError::UnknownKind {
                    path: "refused".into(),
                });
            }
            seen += 1;
            Ok(())
        });
        assert_eq!(seen, 2500);
        assert!(matches!(done, Err(TranscodeError::UnknownKind { path }) if path == "refused"));
    }

    #[test]
    fn a_row_the_reader_cannot_read_is_the_error_after_every_row_before_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = csv(dir.path(), BATCH * 6, Some(4000));
        let (serial, serial_done) = read(&path, 0, false);
        let (piped, piped_done) = read(&path, u64::MAX, false);
        assert_eq!(serial.len(), 4000);
        assert_eq!(piped.len(), 4000);
        let message = |d: Result<(), TranscodeError>| d.unwrap_err().to_string();
        assert_eq!(message(piped_done), message(serial_done));
    }
}
