//! The embedded tables are plain TSV with a header row; this is the whole parser, so the
//! crate needs no CSV dependency and errors can name the embedded file and line.

use crate::error::{Error, TableErrorKind};

/// One data row, with the 1-based line number it came from for error messages.
pub(crate) struct Row<'a> {
    pub file: &'static str,
    pub line: usize,
    pub cells: Vec<&'a str>,
}

impl<'a> Row<'a> {
    pub fn get(&self, i: usize) -> &'a str {
        self.cells.get(i).copied().unwrap_or("")
    }

    pub fn error(&self, kind: TableErrorKind) -> Error {
        Error::Table {
            file: self.file,
            line: self.line,
            kind,
        }
    }

    pub fn bad(&self, column: &'static str, value: &str) -> Error {
        self.error(TableErrorKind::BadValue {
            column,
            value: value.to_owned(),
        })
    }
}

/// Splits `text` into rows after checking the header is exactly `header`.
pub(crate) fn rows<'a>(
    file: &'static str,
    text: &'a str,
    header: &[&str],
) -> Result<Vec<Row<'a>>, Error> {
    let mut lines = text.lines().enumerate();
    let found: Vec<&str> = lines
        .next()
        .map(|(_, l)| l.split('\t').collect())
        .unwrap_or_default();
    if found != header {
        return Err(Error::Table {
            file,
            line: 1,
            kind: TableErrorKind::Header {
                expected: header.join(", "),
            },
        });
    }
    let mut out = Vec::new();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let row = Row {
            file,
            line: i + 1,
            cells: line.split('\t').collect(),
        };
        if row.cells.len() != header.len() {
            return Err(row.error(TableErrorKind::ColumnCount {
                expected: header.len(),
                found: row.cells.len(),
            }));
        }
        out.push(row);
    }
    Ok(out)
}

/// `a; b; c` → `["a", "b", "c"]`, the separator NCI's reports and our tables share.
pub(crate) fn list(cell: &str, sep: char) -> Vec<String> {
    cell.split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}
