//! ## What it checks
//! Character values contain only printable ASCII.
//!
//! ## Why it matters
//! FDA expects ASCII in submitted datasets; accented letters, curly quotes, `µ` and
//! non-breaking spaces are decoded differently by different tools (the CDISC pilot's own
//! TS has one such byte).
//!
//! ## Example
//! `LBORRESU = "µmol/L"` is reported; write `umol/L`.
//!
//! ## References
//! FDA Study Data Technical Conformance Guide §3.3.2 (ASCII).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::{Severity, ValueRef};

pub struct NonAsciiValue;

static META: RuleMeta = RuleMeta {
    code: "SDT0007",
    name: "non_ascii_value",
    severity: Severity::Warning,
    summary: "character value is not printable ASCII",
    refs: &[],
};

/// Whether every byte is printable ASCII (space to `~`), eight bytes at a time: on a clean
/// dataset this scan of every character value is most of the rule's cost.
fn printable(s: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Adding 1 to a byte maps the printable ones to 0x21..=0x7F: a high bit in the byte or
    // in the sum, or a sum below 0x21 (which borrows when 0x21 is taken away), marks any
    // other. A carry or borrow only leaves a byte that is itself marked, so the answer is
    // exact.
    let bad = |w: u64| {
        let up = w.wrapping_add(ONES);
        (w | up | (up.wrapping_sub(ONES * 0x21) & !up)) & (ONES * 0x80) != 0
    };
    let b = s.as_bytes();
    if b.len() < 8 {
        return b.iter().all(|c| (b' '..=b'~').contains(c));
    }
    let word = |i: usize| u64::from_le_bytes(b[i..i + 8].try_into().expect("eight bytes"));
    // Whole words, then the last eight bytes (overlapping the last word) for the rest.
    (0..b.len() / 8).all(|k| !bad(word(8 * k))) && !bad(word(b.len() - 8))
}

impl Rule for NonAsciiValue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, _: &Input) -> bool {
        true
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let vars = &input.dataset.meta().variables;
        // Column by column, as the table stores them.
        for (i, v) in vars.iter().enumerate() {
            let Some(column) = input.dataset.column(i) else {
                continue;
            };
            for (row, value) in column.iter().enumerate() {
                let ValueRef::Char(s) = value else { continue };
                // A byte scan settles almost every value; only a value outside printable
                // ASCII needs its characters decoded.
                if printable(s) {
                    continue;
                }
                if let Some(c) = s.chars().find(|c| !(' '..='~').contains(c)) {
                    out.record(
                        row,
                        &[(&v.name, s.to_owned())],
                        format!(
                            "{} `{s}` contains the non-ASCII character U+{:04X}",
                            v.name, c as u32
                        ),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::printable;

    #[test]
    fn every_byte_at_every_place() {
        for b in 0u8..0x80 {
            for len in 1..=17 {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    let s = String::from_utf8(bytes).expect("ASCII");
                    assert_eq!(printable(&s), (b' '..=b'~').contains(&b), "{s:?}");
                }
            }
        }
        for bad in [
            "µ",
            "µmol/L",
            "mmol/L µ",
            "aaaaaaaa\u{a0}",
            "日本語のテキスト",
        ] {
            assert!(!printable(bad), "{bad:?}");
        }
        assert!(printable(""));
    }
}
