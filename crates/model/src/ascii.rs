//! Text to ASCII, for the places that cannot hold anything else: XPT v5 character values and
//! SDTM codes such as ARMCD. Real registry records are full of `≥`, `®`, `è` and curly
//! quotes, so refusing them is not an option; this is the one documented transliteration
//! (the table is `docs/registry.md`, "ASCII for XPT", and a test keeps the two equal).
//!
//! Per character, in order: the [`TABLE`] below; else its Unicode compatibility
//! decomposition (NFKD) without combining marks, so accents come off (`è` → `e`) and
//! compatibility forms unfold (`²` → `2`, `ﬁ` → `fi`); whatever is still not ASCII is `?`.

use std::borrow::Cow;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Characters with a fixed ASCII spelling, checked before decomposition. Chosen for what
/// trial registrations contain: comparison signs in criteria, trade marks in drug and
/// sponsor names, typographic quotes and dashes, micro and degree signs in doses.
pub const TABLE: &[(char, &str)] = &[
    ('≥', ">="),
    ('≤', "<="),
    ('≠', "!="),
    ('±', "+/-"),
    ('×', "x"),
    ('÷', "/"),
    ('®', "(R)"),
    ('™', "(TM)"),
    ('©', "(C)"),
    ('‘', "'"),
    ('’', "'"),
    ('‚', "'"),
    ('′', "'"),
    ('“', "\""),
    ('”', "\""),
    ('„', "\""),
    ('″', "\""),
    ('«', "\""),
    ('»', "\""),
    ('–', "-"),
    ('—', "-"),
    ('‒', "-"),
    ('―', "-"),
    ('‐', "-"),
    ('‑', "-"),
    ('−', "-"),
    ('•', "-"),
    ('·', "."),
    ('…', "..."),
    ('µ', "u"),
    ('μ', "u"),
    ('°', " deg"),
    ('α', "alpha"),
    ('β', "beta"),
    ('γ', "gamma"),
    ('δ', "delta"),
    ('κ', "kappa"),
    ('ß', "ss"),
    ('æ', "ae"),
    ('Æ', "AE"),
    ('œ', "oe"),
    ('Œ', "OE"),
    ('ø', "o"),
    ('Ø', "O"),
    ('ł', "l"),
    ('Ł', "L"),
    ('đ', "d"),
    ('Đ', "D"),
    ('\u{a0}', " "),
    ('\u{202f}', " "),
    ('\u{2009}', " "),
    ('\u{200b}', ""),
    ('\u{feff}', ""),
    ('⁄', "/"),
];

/// `text` in ASCII (see the module documentation); borrowed when it already is.
pub fn transliterate(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push(c, &mut out);
    }
    Cow::Owned(out)
}

fn push(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c);
        return;
    }
    if let Some((_, s)) = TABLE.iter().find(|(k, _)| *k == c) {
        out.push_str(s);
        return;
    }
    let mut any = false;
    for d in std::iter::once(c).nfkd() {
        if is_combining_mark(d) {
            // A base letter already written keeps the character; a lone mark is dropped.
            any = true;
        } else if d.is_ascii() {
            out.push(d);
            any = true;
        } else if let Some((_, s)) = TABLE.iter().find(|(k, _)| *k == d) {
            out.push_str(s);
            any = true;
        } else {
            out.push('?');
            any = true;
        }
    }
    if !any {
        out.push('?');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_borrowed_and_unchanged() {
        assert!(matches!(
            transliterate("plain text"),
            Cow::Borrowed("plain text")
        ));
    }

    #[test]
    fn real_registry_phrases() {
        assert_eq!(transliterate("age ≥ 18 years"), "age >= 18 years");
        assert_eq!(transliterate("Humira®"), "Humira(R)");
        assert_eq!(transliterate("Crohn’s disease"), "Crohn's disease");
        assert_eq!(
            transliterate("Hôpital Necker–Enfants"),
            "Hopital Necker-Enfants"
        );
        assert_eq!(transliterate("5 µg/kg"), "5 ug/kg");
        assert_eq!(transliterate("ステロイド"), "?????");
        assert_eq!(
            transliterate("e\u{301}"),
            "e",
            "a combining accent comes off"
        );
        assert_eq!(transliterate("m²"), "m2");
    }
}
