//! Header and sheet-name matching: how a spec written by a person finds a column typed by
//! another person.

/// Trimmed, case-folded, every whitespace run (including line breaks typed with Alt+Enter and
/// non-breaking spaces) collapsed to one space.
pub fn normalize_header(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_normalize_case_and_whitespace() {
        assert_eq!(
            normalize_header("  Visit\n Date\u{a0}(DD/MM) "),
            "visit date (dd/mm)"
        );
        assert_eq!(normalize_header("SUBJID"), "subjid");
        assert_eq!(normalize_header("   "), "");
    }
}
