//! A pull scanner over JSON text.
//!
//! serde_json drives its visitors itself, so it cannot hand rows to a caller one at a time;
//! this scanner lets the reader ask for "the next key", "the next row" and so on, while
//! keeping a line/column position for every error. Recursion is bounded by [`MAX_DEPTH`] and
//! no allocation is sized from the input, so hostile files fail cleanly.

use super::error::{DsjError, Position};
use std::io::{BufRead, ErrorKind};

/// Nesting allowed inside header attributes; real files need 3.
pub(crate) const MAX_DEPTH: usize = 64;
/// Longest string or number token accepted.
pub(crate) const MAX_TOKEN: usize = 64 << 20;
const MAX_NUMBER: usize = 1024;

/// A JSON value that may appear inside a row.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar {
    Null,
    Bool(bool),
    Num(f64),
    Str(String),
}

impl Scalar {
    pub(crate) fn describe(&self) -> String {
        match self {
            Scalar::Null => "null".to_owned(),
            Scalar::Bool(b) => format!("boolean {b}"),
            Scalar::Num(n) => format!("number {n}"),
            Scalar::Str(s) => format!("string {}", quote_short(s)),
        }
    }
}

fn quote_short(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    format!("{out:?}")
}

pub(crate) struct Scanner<R> {
    r: R,
    pos: Position,
}

fn describe_byte(b: Option<u8>) -> String {
    match b {
        None => "end of file".to_owned(),
        Some(b) if b.is_ascii_graphic() => format!("`{}`", b as char),
        Some(b) => format!("byte 0x{b:02X}"),
    }
}

impl<R> Scanner<R> {
    pub(crate) fn pos(&self) -> Position {
        self.pos
    }
}

impl<R: BufRead> Scanner<R> {
    pub(crate) fn new(r: R) -> Scanner<R> {
        Scanner {
            r,
            pos: Position {
                offset: 0,
                line: 1,
                column: 1,
            },
        }
    }

    fn io(&self, source: std::io::Error) -> DsjError {
        DsjError::Io {
            pos: Some(self.pos),
            source,
        }
    }

    pub(crate) fn peek(&mut self) -> Result<Option<u8>, DsjError> {
        loop {
            match self.r.fill_buf() {
                Ok(buf) => return Ok(buf.first().copied()),
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.io(e)),
            }
        }
    }

    pub(crate) fn bump(&mut self) {
        advance_pos(&mut self.pos, b"x");
        self.r.consume(1);
    }

    /// Skips whitespace; tells whether a line feed was among it (NDJSON needs one).
    pub(crate) fn skip_ws(&mut self) -> Result<bool, DsjError> {
        let mut newline = false;
        while let Some(b) = self.peek()? {
            match b {
                b'\n' => {
                    newline = true;
                    advance_pos(&mut self.pos, b"\n");
                    self.r.consume(1);
                }
                b' ' | b'\t' | b'\r' => self.bump(),
                _ => break,
            }
        }
        Ok(newline)
    }

    pub(crate) fn syntax(&mut self, expected: &'static str) -> DsjError {
        match self.peek() {
            Ok(None) => DsjError::Truncated {
                pos: self.pos,
                expected,
            },
            Ok(b) => DsjError::Syntax {
                pos: self.pos,
                expected,
                found: describe_byte(b),
            },
            Err(e) => e,
        }
    }

    pub(crate) fn expect(&mut self, b: u8, expected: &'static str) -> Result<(), DsjError> {
        self.skip_ws()?;
        if self.peek()? == Some(b) {
            self.bump();
            Ok(())
        } else {
            Err(self.syntax(expected))
        }
    }

    /// Skips whitespace then consumes `b` if it is next.
    pub(crate) fn eat(&mut self, b: u8) -> Result<bool, DsjError> {
        self.skip_ws()?;
        if self.peek()? == Some(b) {
            self.bump();
            return Ok(true);
        }
        Ok(false)
    }

    /// The next key of an object whose `{` has been read, or `None` at its `}`.
    pub(crate) fn next_key(&mut self, first: bool) -> Result<Option<String>, DsjError> {
        if self.eat(b'}')? {
            return Ok(None);
        }
        if !first {
            self.expect(b',', "`,` or `}` in an object")?;
            self.skip_ws()?;
        }
        if self.peek()? != Some(b'"') {
            return Err(self.syntax("a quoted object key"));
        }
        let key = self.string()?;
        self.expect(b':', "`:` after an object key")?;
        self.skip_ws()?;
        Ok(Some(key))
    }

    /// Moves to the next element of an array whose `[` has been read: `false` at its `]`.
    pub(crate) fn next_element(&mut self, first: bool) -> Result<bool, DsjError> {
        if self.eat(b']')? {
            return Ok(false);
        }
        if !first {
            self.expect(b',', "`,` or `]` in an array")?;
        }
        self.skip_ws()?;
        Ok(true)
    }

    pub(crate) fn string(&mut self) -> Result<String, DsjError> {
        let start = self.pos;
        self.bump();
        let mut out: Vec<u8> = Vec::new();
        loop {
            let buf = match self.r.fill_buf() {
                Ok(buf) => buf,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.io(e)),
            };
            if buf.is_empty() {
                return Err(DsjError::Truncated {
                    pos: self.pos,
                    expected: "the end of a string",
                });
            }
            let run = buf
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(buf.len());
            if out.len() + run > MAX_TOKEN {
                return Err(DsjError::TooLong {
                    pos: start,
                    limit: MAX_TOKEN,
                });
            }
            out.extend_from_slice(&buf[..run]);
            let stop = buf.get(run).copied();
            advance_pos(&mut self.pos, &buf[..run]);
            self.r.consume(run);
            match stop {
                None => continue,
                Some(b'"') => {
                    self.bump();
                    break;
                }
                Some(b'\\') => {
                    self.bump();
                    self.escape(&mut out)?;
                }
                Some(_) => return Err(self.syntax("no raw control characters inside a string")),
            }
        }
        String::from_utf8(out).map_err(|_| DsjError::Utf8 { pos: start })
    }

    fn escape(&mut self, out: &mut Vec<u8>) -> Result<(), DsjError> {
        let Some(b) = self.peek()? else {
            return Err(DsjError::Truncated {
                pos: self.pos,
                expected: "an escape sequence",
            });
        };
        let simple = match b {
            b'"' => Some(b'"'),
            b'\\' => Some(b'\\'),
            b'/' => Some(b'/'),
            b'b' => Some(8),
            b'f' => Some(12),
            b'n' => Some(b'\n'),
            b'r' => Some(b'\r'),
            b't' => Some(b'\t'),
            b'u' => None,
            _ => return Err(self.syntax("a valid escape sequence")),
        };
        self.bump();
        if let Some(c) = simple {
            out.push(c);
            return Ok(());
        }
        let hi = self.hex4()?;
        let c = if (0xD800..0xDC00).contains(&hi) {
            if !(self.eat_raw(b'\\')? && self.eat_raw(b'u')?) {
                return Err(self.syntax("the low half of a surrogate pair"));
            }
            let lo = self.hex4()?;
            if !(0xDC00..0xE000).contains(&lo) {
                return Err(self.syntax("the low half of a surrogate pair"));
            }
            char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00))
        } else {
            char::from_u32(hi)
        };
        let Some(c) = c else {
            return Err(self.syntax("a Unicode scalar value"));
        };
        let mut tmp = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
        Ok(())
    }

    fn eat_raw(&mut self, b: u8) -> Result<bool, DsjError> {
        if self.peek()? == Some(b) {
            self.bump();
            return Ok(true);
        }
        Ok(false)
    }

    fn hex4(&mut self) -> Result<u32, DsjError> {
        let mut v = 0u32;
        for _ in 0..4 {
            let d = self.peek()?.and_then(|b| (b as char).to_digit(16));
            let Some(d) = d else {
                return Err(self.syntax("four hex digits after \\u"));
            };
            self.bump();
            v = v * 16 + d;
        }
        Ok(v)
    }

    /// A JSON number; the grammar is checked here because `f64::from_str` accepts more.
    pub(crate) fn number(&mut self) -> Result<(f64, String), DsjError> {
        let start = self.pos;
        let mut text = String::new();
        while let Some(b) = self.peek()? {
            if !(b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) {
                break;
            }
            if text.len() >= MAX_NUMBER {
                return Err(DsjError::TooLong {
                    pos: start,
                    limit: MAX_NUMBER,
                });
            }
            text.push(b as char);
            self.bump();
        }
        if !valid_json_number(&text) {
            return Err(DsjError::Syntax {
                pos: start,
                expected: "a JSON number",
                found: format!("`{text}`"),
            });
        }
        let n: f64 = text.parse().map_err(|_| DsjError::Syntax {
            pos: start,
            expected: "a JSON number",
            found: format!("`{text}`"),
        })?;
        if !n.is_finite() {
            return Err(DsjError::Syntax {
                pos: start,
                expected: "a number within double range",
                found: text,
            });
        }
        Ok((n, text))
    }

    fn literal(&mut self, word: &'static str, expected: &'static str) -> Result<(), DsjError> {
        for &b in word.as_bytes() {
            if self.peek()? != Some(b) {
                return Err(self.syntax(expected));
            }
            self.bump();
        }
        Ok(())
    }

    /// A scalar value, or `None` (nothing consumed) when an array or object starts here.
    pub(crate) fn scalar(&mut self) -> Result<Option<Scalar>, DsjError> {
        self.skip_ws()?;
        Ok(Some(match self.peek()? {
            Some(b'"') => Scalar::Str(self.string()?),
            Some(b'n') => {
                self.literal("null", "a JSON value")?;
                Scalar::Null
            }
            Some(b't') => {
                self.literal("true", "a JSON value")?;
                Scalar::Bool(true)
            }
            Some(b'f') => {
                self.literal("false", "a JSON value")?;
                Scalar::Bool(false)
            }
            Some(b'-' | b'0'..=b'9') => Scalar::Num(self.number()?.0),
            Some(b'[' | b'{') => return Ok(None),
            _ => return Err(self.syntax("a JSON value")),
        }))
    }

    /// Succeeds only when nothing but whitespace is left.
    pub(crate) fn expect_eof(&mut self) -> Result<(), DsjError> {
        self.skip_ws()?;
        match self.peek()? {
            None => Ok(()),
            b => Err(DsjError::Syntax {
                pos: self.pos,
                expected: "the end of the file",
                found: describe_byte(b),
            }),
        }
    }
}

fn advance_pos(pos: &mut Position, bytes: &[u8]) {
    for &b in bytes {
        pos.offset += 1;
        if b == b'\n' {
            pos.line += 1;
            pos.column = 1;
        } else if b & 0xC0 != 0x80 {
            pos.column += 1;
        }
    }
}

fn valid_json_number(t: &str) -> bool {
    let b = t.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let s = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - s
    };
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_grammar_is_json_not_rust() {
        for ok in ["0", "-0", "1.5", "1e5", "-2.5E-3", "10"] {
            assert!(valid_json_number(ok), "{ok}");
        }
        for bad in ["01", "+1", ".5", "1.", "1e", "--1", "inf", "1.2.3", ""] {
            assert!(!valid_json_number(bad), "{bad}");
        }
    }

    #[test]
    fn strings_decode_escapes_and_surrogates() {
        let mut s = Scanner::new(&br#""a\"b\u00e9\ud83d\ude00\n""#[..]);
        assert_eq!(s.scalar().unwrap(), Some(Scalar::Str("a\"bé😀\n".into())));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(100_000);
        let mut s = Scanner::new(text.as_bytes());
        assert!(matches!(s.value(0), Err(DsjError::TooDeep { .. })));
        let mut s = Scanner::new(text.as_bytes());
        assert!(matches!(s.skip(0), Err(DsjError::TooDeep { .. })));
    }

    #[test]
    fn positions_count_characters() {
        let mut s = Scanner::new("\n  \"é\" x".as_bytes());
        s.scalar().unwrap();
        s.skip_ws().unwrap();
        assert_eq!(
            s.pos(),
            Position {
                offset: 8,
                line: 2,
                column: 7
            }
        );
    }
}
