//! CSV and TSV files as one-sheet workbooks. The whole file is decoded first because the
//! encoding can only be known from all of it; records are then parsed into a reused buffer.

use crate::SheetsError;
use crate::codes::Code;
use calamine::{Data, Range};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use model::{CellRef, Finding, SourceCell};
use std::borrow::Cow;

/// A decoded CSV file: its cells laid out as Excel would show them, and what was noticed.
pub(crate) struct CsvSheet {
    pub range: Range<Data>,
    pub findings: Vec<Finding>,
}

/// A bound on the grid a CSV may ask for (about 1 GB of cells): one line with thousands of
/// separators, or a wrong separator guess, must not turn into an allocation failure.
const MAX_CELLS: u64 = 32 * 1024 * 1024;

pub(crate) fn read_csv(
    bytes: &[u8],
    file: &str,
    sheet: &str,
    tab: bool,
) -> Result<CsvSheet, SheetsError> {
    let at = |row: u32, col: u32| SourceCell {
        file: file.to_owned(),
        sheet: sheet.to_owned(),
        cell: CellRef::new(row, col),
    };
    let mut findings = Vec::new();
    let text = decode(bytes, |line| {
        findings.push(Code::EncodingGuessed.at(
            at(line, 0),
            format!(
                "not valid UTF-8 (first invalid byte on line {}): decoded as Windows-1252",
                line + 1
            ),
        ));
    });
    let delimiter = if tab { b'\t' } else { sniff_delimiter(&text) };
    if delimiter != b',' && !tab {
        let shown = if delimiter == b'\t' {
            "tab".to_owned()
        } else {
            format!("`{}`", delimiter as char)
        };
        findings.push(Code::DelimiterDetected.at(
            at(0, 0),
            format!("fields are separated by {shown}, not commas"),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let mut rows: Vec<(u32, Vec<Data>)> = Vec::new();
    let mut expected: Option<usize> = None;
    let (mut scanned, mut breaks_before, mut breaks_in_fields) = (0usize, 0u64, 0u64);
    let mut width = 0;
    loop {
        let more = reader
            .read_record(&mut record)
            .map_err(|source| SheetsError::Csv {
                file: file.to_owned(),
                line: source.position().map_or(0, csv::Position::line),
                source,
            })?;
        if !more {
            break;
        }
        // Excel shows an empty line as an empty row and a quoted line break inside its cell,
        // so the row is the count of line breaks before the record less those inside fields.
        // (csv skips empty lines and its line numbers do not count them.)
        let from = record
            .position()
            .map_or(0, |p| p.byte() as usize)
            .max(scanned);
        let content = from
            + text.as_bytes()[from..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        breaks_before += line_breaks(&text.as_bytes()[scanned..content]);
        scanned = content;
        let row = u32::try_from(breaks_before - breaks_in_fields).unwrap_or(u32::MAX);
        breaks_in_fields += record
            .iter()
            .map(|f| line_breaks(f.as_bytes()))
            .sum::<u64>();
        let n = record.len();
        let header_len = *expected.get_or_insert(n);
        if n != header_len {
            findings.push(Code::RaggedCsvRow.at(
                at(row, n.min(header_len) as u32),
                format!(
                    "row {} has {n} fields, the first row has {header_len}",
                    row + 1
                ),
            ));
        }
        let mut nul_reported = false;
        let cells = record
            .iter()
            .enumerate()
            .map(|(col, field)| {
                if field.contains('\0') {
                    if !nul_reported {
                        nul_reported = true;
                        findings.push(Code::NulBytes.at(
                            at(row, col as u32),
                            "NUL bytes in the field (removed); the file may be UTF-16 without a byte-order mark or damaged",
                        ));
                    }
                    Data::String(field.replace('\0', ""))
                } else if field.is_empty() {
                    Data::Empty
                } else {
                    Data::String(field.to_owned())
                }
            })
            .collect::<Vec<_>>();
        width = width.max(cells.len());
        rows.push((row, cells));
    }
    // Records start outside quotes, so only the last one can hold a quote that never closes.
    let mut quotes = model::quotes::QuoteScan::new(delimiter);
    quotes.feed(&text.as_bytes()[scanned..]);
    if let (Some((in_last, field)), Some((row, _))) = (quotes.unclosed(), rows.last()) {
        let before = text.as_bytes()[..scanned]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        let line = before as u64 + in_last;
        findings.push(Code::UnclosedQuote.at(
            at(*row, field as u32),
            format!(
                "the quote opened on line {line} is never closed: every line after it was read into this cell"
            ),
        ));
    }
    let height = rows.last().map_or(0, |(r, _)| u64::from(*r) + 1);
    if height * width as u64 > MAX_CELLS {
        return Err(SheetsError::Damaged {
            file: file.to_owned(),
            format: "csv",
            reason: "more than 32 million cells (rows × widest row); is a line malformed?",
        });
    }
    let range = if height == 0 || width == 0 {
        Range::empty()
    } else {
        let mut range = Range::new((0, 0), ((height - 1) as u32, (width - 1) as u32));
        for (row, cells) in rows {
            for (col, value) in cells.into_iter().enumerate() {
                range[(row as usize, col)] = value;
            }
        }
        range
    };
    Ok(CsvSheet { range, findings })
}

/// `\r\n`, `\n` and a lone `\r` each end one line.
fn line_breaks(bytes: &[u8]) -> u64 {
    let mut n = 0;
    for (i, b) in bytes.iter().enumerate() {
        n += u64::from(*b == b'\n' || (*b == b'\r' && bytes.get(i + 1) != Some(&b'\n')));
    }
    n
}

/// UTF-8 (with or without BOM) and BOM-marked UTF-16 are taken as declared; anything else
/// that is not valid UTF-8 is read as Windows-1252, the usual encoding of a CSV saved by
/// Excel on a Western-European Windows machine, and `guessed` is told the 0-based line of
/// the first invalid byte.
fn decode<'a>(bytes: &'a [u8], guessed: impl FnOnce(u32)) -> Cow<'a, str> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom..];
        if encoding != UTF_8 || std::str::from_utf8(body).is_err() {
            return Cow::Owned(encoding.decode_without_bom_handling(body).0.into_owned());
        }
        return Cow::Borrowed(std::str::from_utf8(body).unwrap_or_default());
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(e) => {
            let line = bytes[..e.valid_up_to()]
                .iter()
                .filter(|b| **b == b'\n')
                .count();
            guessed(u32::try_from(line).unwrap_or(u32::MAX));
            WINDOWS_1252.decode_without_bom_handling(bytes).0
        }
    }
}

/// The separator most frequent outside quotes on the first line: comma, semicolon (Excel in
/// locales with a decimal comma) or tab. Ties go to the comma.
fn sniff_delimiter(text: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in text.bytes() {
        if b == b'\n' && !quoted {
            break;
        }
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            for (d, n) in &mut counts {
                *n += usize::from(b == *d);
            }
        }
    }
    counts
        .iter()
        .fold(
            (b',', 0),
            |best, &(d, n)| if n > best.1 { (d, n) } else { best },
        )
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(sheet: &CsvSheet) -> Vec<Vec<String>> {
        sheet
            .range
            .rows()
            .map(|r| r.iter().map(|d| d.to_string()).collect())
            .collect()
    }

    #[test]
    fn quoted_line_breaks_stay_in_their_cell_and_empty_lines_stay_rows() {
        let s = read_csv(b"a,b\n\"x\ny\",2\n\n3,4\n", "f.csv", "f", false).unwrap();
        assert_eq!(
            cells(&s),
            [
                vec!["a", "b"],
                vec!["x\ny", "2"],
                vec!["", ""],
                vec!["3", "4"]
            ]
        );
        assert!(s.findings.is_empty());
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_the_cell_that_swallowed_the_rest() {
        let s = read_csv(b"a,b\n1,\"x\n2,y\n3,z\n", "f.csv", "f", false).unwrap();
        let f: Vec<String> = s.findings.iter().map(|f| f.to_string()).collect();
        assert_eq!(
            f,
            [
                "f.csv!f!B2: error[SI0025] the quote opened on line 2 is never closed: every line after it was read into this cell"
            ]
        );
        let closed = read_csv(b"a,b\n1,\"x\n\"\"y\"\n2,z\n", "f.csv", "f", false).unwrap();
        assert!(closed.findings.is_empty(), "{:?}", closed.findings);
    }

    #[test]
    fn sniffs_semicolons_and_ignores_quoted_commas() {
        assert_eq!(sniff_delimiter("\"a,b,c\";d;e\n1,2"), b';');
        assert_eq!(sniff_delimiter("a,b\tc"), b',');
        assert_eq!(sniff_delimiter(""), b',');
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("é,1\n".encode_utf16().flat_map(u16::to_le_bytes));
        let s = read_csv(&bytes, "f.csv", "f", false).unwrap();
        assert_eq!(cells(&s), [vec!["é", "1"]]);
        assert!(s.findings.is_empty());
    }
}
