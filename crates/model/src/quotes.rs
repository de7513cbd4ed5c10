//! Where a quoted CSV field that never closes began. The `csv` crate reads an unclosed quote
//! as a field that runs to the end of the file, without an error: every row after it
//! would silently become part of one value. Both CSV readers (datasets in `formats`, site
//! files in `sheets`) ask this one scanner.

/// Follows RFC 4180 quoting byte by byte, as the `csv` crate parses it: a quote opens a
/// quoted field only at the start of a field; inside one, `""` is a quote and a lone `"`
/// closes it. Feed it every byte the parser sees, then ask [`QuoteScan::unclosed`].
#[derive(Debug, Clone)]
pub struct QuoteScan {
    delimiter: u8,
    state: State,
    line: u64,
    field: usize,
    opened: (u64, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: the close, or the first half of `""`.
    QuoteInQuoted,
}

impl QuoteScan {
    pub fn new(delimiter: u8) -> QuoteScan {
        QuoteScan {
            delimiter,
            state: State::FieldStart,
            line: 1,
            field: 0,
            opened: (1, 0),
        }
    }

    pub fn feed(&mut self, bytes: &[u8]) {
        use State::*;
        for &b in bytes {
            self.line += u64::from(b == b'\n');
            self.state = match (self.state, b) {
                (FieldStart, b'"') => {
                    self.opened = (self.line, self.field);
                    Quoted
                }
                (Quoted, b'"') => QuoteInQuoted,
                (Quoted, _) => Quoted,
                (QuoteInQuoted, b'"') => Quoted,
                (_, b'\n' | b'\r') => {
                    self.field = 0;
                    FieldStart
                }
                (_, d) if d == self.delimiter => {
                    self.field += 1;
                    FieldStart
                }
                _ => Unquoted,
            };
        }
    }

    /// At the end of the input: the 1-based line and 0-based field of a quote still open.
    pub fn unclosed(&self) -> Option<(u64, usize)> {
        (self.state == State::Quoted).then_some(self.opened)
    }
}

#[cfg(test)]
mod tests {
    use super::QuoteScan;

    fn unclosed(text: &str) -> Option<(u64, usize)> {
        let mut s = QuoteScan::new(b',');
        // Byte at a time and whole must agree: the state crosses read boundaries.
        for b in text.as_bytes() {
            s.feed(std::slice::from_ref(b));
        }
        let mut whole = QuoteScan::new(b',');
        whole.feed(text.as_bytes());
        assert_eq!(s.unclosed(), whole.unclosed());
        s.unclosed()
    }

    #[test]
    fn closed_quotes_escaped_quotes_and_quoted_line_breaks_are_fine() {
        for ok in [
            "a,b\n1,2\n",
            "a,b\n\"x, y\",2\n",
            "a,b\n\"say \"\"hi\"\"\",2\n",
            "a,b\n\"two\nlines\",2",
            "a,b\r\n\"\",\"\"\r\n",
            "a,b\n12\" pipe,3\n",
            "a,b\n\"x\"y,3\n",
            "",
        ] {
            assert_eq!(unclosed(ok), None, "{ok:?}");
        }
    }

    #[test]
    fn an_open_quote_at_the_end_names_its_line_and_field() {
        assert_eq!(unclosed("a,b\n1,\"HEADACHE\n2,NAUSEA\n"), Some((2, 1)));
        assert_eq!(unclosed("a,b\n\"x\"\"\n"), Some((2, 0)));
        assert_eq!(unclosed("\""), Some((1, 0)));
        let mut semi = QuoteScan::new(b';');
        semi.feed(b"a;b\n1;\"x,y\n");
        assert_eq!(semi.unclosed(), Some((2, 1)));
    }
}
