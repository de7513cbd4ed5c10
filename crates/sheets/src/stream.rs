//! Reading a sheet into a [`Grid`] while it is parsed.
//!
//! An xlsx sheet is parsed on a second thread, which hands its cells in batches to the
//! calling thread to convert to [`crate::RawValue`]s and place: the conversion and the grid
//! cost no time beyond the parse. Other formats are read whole and converted after.

use crate::grid::{Grid, GridBuilder};
use calamine::{Data, DataRef, Error, Reader, Sheets, Xlsx, XlsxError};
use std::fs::File;
use std::io::BufReader;
use std::sync::mpsc::sync_channel;

/// Cells per batch handed between the threads: large enough that the handing costs
/// nothing, small enough that a batch is a small part of a sheet.
const BATCH: usize = 4096;

/// Cells below which a sheet is parsed and placed on one thread.
const SMALL: u64 = 16_384;

/// A grid is laid out up to its last cell, so a cell past Excel's last row or column
/// (XFD1048576), which no spreadsheet program writes, would size it from a forged position.
const OUTSIDE: &str = "a cell lies past Excel's last row or column (XFD1048576)";

fn inside((row, col): (u32, u32)) -> bool {
    row < 1_048_576 && col < 16_384
}

/// The sheet `name` as a grid; `None` when it has no used cell.
pub(crate) fn read_grid(
    book: &mut Sheets<BufReader<File>>,
    name: &str,
) -> Result<Option<Grid>, Error> {
    match book {
        Sheets::Xlsx(x) => stream_xlsx(x, name),
        other => {
            let range = other.worksheet_range(name)?;
            if range.end().is_some_and(|end| !inside(end)) {
                return Err(Error::Msg(OUTSIDE));
            }
            Ok(Grid::from_range(range))
        }
    }
}

fn stream_xlsx(book: &mut Xlsx<BufReader<File>>, name: &str) -> Result<Option<Grid>, Error> {
    let mut cells = match book.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet or dialog sheet: calamine reads it as an empty range.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    // A sheet declaring few cells is not worth a thread (a lying declaration only costs time).
    if cells.dimensions().len() < SMALL {
        let mut grid = GridBuilder::default();
        while let Some(cell) = cells.next_cell()? {
            let at = cell.get_position();
            if !inside(at) {
                return Err(Error::Msg(OUTSIDE));
            }
            grid.push(at.0, at.1, Data::from(cell.get_value().clone()));
        }
        return Ok(grid.finish());
    }
    let (send, receive) = sync_channel::<Vec<((u32, u32), DataRef<'_>)>>(4);
    std::thread::scope(|scope| {
        // The parse runs beside, the values are made here: what the table keeps is allocated
        // by the thread that will go on to map it.
        let parser = scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            loop {
                match cells.next_cell() {
                    Ok(Some(cell)) => {
                        if matches!(cell.get_value(), DataRef::Empty) {
                            continue;
                        }
                        batch.push((cell.get_position(), cell.get_value().clone()));
                        if batch.len() == BATCH {
                            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH));
                            // Refused when the placer stopped at a cell outside the grid.
                            if send.send(full).is_err() {
                                return Ok(());
                            }
                        }
                    }
                    Ok(None) => break,
                    Err(e) => return Err(e),
                }
            }
            if !batch.is_empty() {
                let _ = send.send(batch);
            }
            Ok(())
        });
        let mut grid = GridBuilder::default();
        let mut outside = false;
        'placing: for batch in receive {
            for (at, value) in batch {
                if !inside(at) {
                    outside = true;
                    break 'placing;
                }
                grid.push(at.0, at.1, Data::from(value));
            }
        }
        let parsed = parser
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        if outside {
            return Err(Error::Msg(OUTSIDE));
        }
        parsed.map(|()| grid.finish()).map_err(Error::from)
    })
}
