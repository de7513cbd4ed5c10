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

/// Levenshtein distance over characters, case-insensitively.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().flat_map(char::to_lowercase).collect();
    let b: Vec<char> = b.chars().flat_map(char::to_lowercase).collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(ca != cb);
            cur[j + 1] = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate, when it is close enough to be a plausible typo (at most a third of
/// the wanted name's length, and at least 2 edits allowed).
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(wanted, c), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
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

    #[test]
    fn suggests_only_near_names() {
        assert_eq!(edit_distance("Labs", "labs"), 0);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(did_you_mean("Lab", ["Labs", "Demographics"]), Some("Labs"));
        assert_eq!(did_you_mean("Adverse Events", ["AE Log", "Labs"]), None);
    }
}
