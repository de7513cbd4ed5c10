//! A pull scanner over JSON text.
//!
//! serde_json drives its visitors itself, so it cannot hand rows to a caller one at a time;
//! this scanner lets the reader ask for "the next key", "the next row" and so on, while
//! keeping a line/column position for every error. Recursion is bounded by [`MAX_DEPTH`] and
//! no allocation is sized from the input, so hostile files fail cleanly.

use super::error::{DsjError, Position};
use std::io::{ErrorKind, Read};

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

/// Bytes read from the source at a time. The scanner keeps its own buffer so that looking
/// at the next byte is an index, not a call into the reader.
const CHUNK: usize = 64 << 10;

pub(crate) struct Scanner<R> {
    r: R,
    buf: Box<[u8]>,
    at: usize,
    end: usize,
    pos: Position,
    /// The last number's text, kept to reuse its allocation.
    num: String,
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

impl<R: Read> Scanner<R> {
    pub(crate) fn new(r: R) -> Scanner<R> {
        Scanner {
            r,
            buf: vec![0; CHUNK].into_boxed_slice(),
            at: 0,
            end: 0,
            pos: Position {
                offset: 0,
                line: 1,
                column: 1,
            },
            num: String::new(),
        }
    }

    fn io(&self, source: std::io::Error) -> DsjError {
        DsjError::Io {
            pos: Some(self.pos),
            source,
        }
    }

    /// Reads the next chunk once the buffer is used up: `false` at the end of the input.
    fn refill(&mut self) -> Result<bool, DsjError> {
        if self.at < self.end {
            return Ok(true);
        }
        loop {
            match self.r.read(&mut self.buf) {
                Ok(n) => {
                    (self.at, self.end) = (0, n);
                    return Ok(n > 0);
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.io(e)),
            }
        }
    }

    pub(crate) fn peek(&mut self) -> Result<Option<u8>, DsjError> {
        if self.at == self.end && !self.refill()? {
            return Ok(None);
        }
        Ok(Some(self.buf[self.at]))
    }

    /// Consumes the byte [`Scanner::peek`] returned; never a line feed.
    pub(crate) fn bump(&mut self) {
        self.pos.offset += 1;
        if self.buf[self.at] & 0xC0 != 0x80 {
            self.pos.column += 1;
        }
        self.at += 1;
    }

    /// Skips whitespace; tells whether a line feed was among it (NDJSON needs one).
    pub(crate) fn skip_ws(&mut self) -> Result<bool, DsjError> {
        let mut newline = false;
        loop {
            while let Some(&b) = self.buf[..self.end].get(self.at) {
                match b {
                    b'\n' => {
                        newline = true;
                        self.pos.line += 1;
                        self.pos.column = 1;
                    }
                    b' ' | b'\t' | b'\r' => self.pos.column += 1,
                    _ => return Ok(newline),
                }
                self.pos.offset += 1;
                self.at += 1;
            }
            if !self.refill()? {
                return Ok(newline);
            }
        }
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
        let mut s = String::new();
        self.string_into(&mut s)?;
        Ok(s)
    }

    /// A string into `buf`, replacing its text but keeping its allocation.
    fn string_into(&mut self, buf: &mut String) -> Result<(), DsjError> {
        let start = self.pos;
        self.bump();
        let mut out = std::mem::take(buf).into_bytes();
        out.clear();
        loop {
            if !self.refill()? {
                return Err(DsjError::Truncated {
                    pos: self.pos,
                    expected: "the end of a string",
                });
            }
            let chunk = &self.buf[self.at..self.end];
            let run = chunk
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                .unwrap_or(chunk.len());
            if out.len() + run > MAX_TOKEN {
                return Err(DsjError::TooLong {
                    pos: start,
                    limit: MAX_TOKEN,
                });
            }
            out.extend_from_slice(&chunk[..run]);
            let stop = chunk.get(run).copied();
            // No line feed can be in the run: control characters end it.
            self.pos.offset += run as u64;
            self.pos.column += chunk[..run].iter().filter(|&&b| b & 0xC0 != 0x80).count() as u64;
            self.at += run;
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
        *buf = String::from_utf8(out).map_err(|_| DsjError::Utf8 { pos: start })?;
        Ok(())
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

    /// A JSON number and its text; the grammar is checked here because `f64::from_str`
    /// accepts more.
    pub(crate) fn number(&mut self) -> Result<(f64, &str), DsjError> {
        let start = self.pos;
        self.num.clear();
        'token: loop {
            while let Some(&b) = self.buf[..self.end].get(self.at) {
                if !(b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E')) {
                    break 'token;
                }
                if self.num.len() >= MAX_NUMBER {
                    return Err(DsjError::TooLong {
                        pos: start,
                        limit: MAX_NUMBER,
                    });
                }
                self.num.push(b as char);
                self.at += 1;
            }
            if !self.refill()? {
                break;
            }
        }
        let len = self.num.len() as u64;
        self.pos.offset += len;
        self.pos.column += len;
        let text = self.num.as_str();
        let bad = || DsjError::Syntax {
            pos: start,
            expected: "a JSON number",
            found: format!("`{text}`"),
        };
        if !valid_json_number(text) {
            return Err(bad());
        }
        let n: f64 = text.parse().map_err(|_| bad())?;
        if !n.is_finite() {
            return Err(DsjError::Syntax {
                pos: start,
                expected: "a number within double range",
                found: text.to_owned(),
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

    /// Like [`Scanner::scalar`] into `slot`, reusing its string's allocation when it holds
    /// one (rows repeat their shape): `false`, nothing consumed, at an array or object.
    pub(crate) fn scalar_into(&mut self, slot: &mut Scalar) -> Result<bool, DsjError> {
        self.skip_ws()?;
        if let (Some(b'"'), Scalar::Str(buf)) = (self.peek()?, &mut *slot) {
            self.string_into(buf)?;
            return Ok(true);
        }
        Ok(match self.scalar()? {
            Some(s) => {
                *slot = s;
                true
            }
            None => false,
        })
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

    /// Hands out one byte per read, so every token crosses a refill of the scanner's buffer.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((&b, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            buf[0] = b;
            self.0 = rest;
            Ok(1)
        }
    }

    #[test]
    fn tokens_across_buffer_refills_read_as_whole_ones() {
        let text = "[\"ab\\u00e9c\", -12.5e1, null, \"\", true]\n  \"é\"";
        fn scan<R: Read>(s: &mut Scanner<R>) -> (Vec<Scalar>, Position) {
            let mut got = Vec::new();
            s.expect(b'[', "[").unwrap();
            let mut first = true;
            while s.next_element(first).unwrap() {
                first = false;
                got.push(s.scalar().unwrap().unwrap());
            }
            got.push(s.scalar().unwrap().unwrap());
            (got, s.pos())
        }
        let whole = scan(&mut Scanner::new(text.as_bytes()));
        let trickled = scan(&mut Scanner::new(Trickle(text.as_bytes())));
        assert_eq!(whole, trickled);
        assert_eq!(
            whole.0,
            [
                Scalar::Str("abéc".into()),
                Scalar::Num(-125.0),
                Scalar::Null,
                Scalar::Str(String::new()),
                Scalar::Bool(true),
                Scalar::Str("é".into()),
            ]
        );
        assert_eq!((whole.1.line, whole.1.column), (2, 6));
    }

    #[test]
    fn a_reused_string_slot_holds_only_the_new_text() {
        let mut s = Scanner::new(r#""longer text" "x" 7"#.as_bytes());
        let mut slot = Scalar::Null;
        assert!(s.scalar_into(&mut slot).unwrap());
        assert_eq!(slot, Scalar::Str("longer text".into()));
        assert!(s.scalar_into(&mut slot).unwrap());
        assert_eq!(slot, Scalar::Str("x".into()));
        assert!(s.scalar_into(&mut slot).unwrap());
        assert_eq!(slot, Scalar::Num(7.0));
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
