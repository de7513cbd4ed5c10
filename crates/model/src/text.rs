//! Small text rules every crate needs the same answer to: the closest name to a typo, what a
//! SAS name is, which text a spreadsheet would run as a formula, and HTML escaping. Each
//! exists once so a spec, a report and a rule can never disagree about them.

use std::borrow::Cow;

/// The candidate closest to `name` when it is close enough to be a plausible typo, for
/// "did you mean" in specs, sheet and column names, rule codes and options.
///
/// Case-insensitive, with whitespace runs collapsed (a header typed with Alt+Enter is the
/// same name); the distance counts an adjacent swap as one edit (`AESTDCT` → `AESTDTC`). Close
/// enough is at most a third of the longer name's length, and always at least one edit.
/// Ties go to the earlier candidate.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let target = folded(name);
    let mut best: Option<(usize, &'a str)> = None;
    for cand in candidates {
        let c = folded(cand);
        let limit = (target.len().max(c.len()) / 3).max(1);
        let d = distance(&target, &c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

fn folded(s: &str) -> Vec<char> {
    let mut out = Vec::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_uppercase));
    }
    out
}

/// Edits from `a` to `b` (optimal string alignment: insert, delete, replace, swap adjacent),
/// case-insensitively.
pub fn edit_distance(a: &str, b: &str) -> usize {
    distance(&folded(a), &folded(b))
}

fn distance(a: &[char], b: &[char]) -> usize {
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for i in 0..=a.len() {
        d[i * w] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// A SAS name of at most `max` characters: a letter or `_`, then letters, digits or `_`
/// (SAS V5 names, ODM's `sasName`; 8 for datasets and variables, 32 for V8 names).
pub fn is_sas_name(s: &str, max: usize) -> bool {
    let mut chars = s.chars();
    s.len() <= max
        && chars
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A SAS name as SDTM and ADaM spell them: [`is_sas_name`] in upper case only.
pub fn is_upper_sas_name(s: &str, max: usize) -> bool {
    is_sas_name(s, max) && !s.bytes().any(|b| b.is_ascii_lowercase())
}

/// Whether a spreadsheet opening this text would take it as the start of a formula (CSV
/// injection, OWASP's list): `=`, `+`, `-`, `@`, tab or carriage return first.
pub fn starts_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text from a site made inert for a spreadsheet: a leading `'`, which spreadsheets show as
/// text, when it [`starts_formula`]; otherwise unchanged.
pub fn defuse_formula(s: &str) -> Cow<'_, str> {
    if starts_formula(s) {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Text for HTML element content or a double-quoted attribute (every attribute we write is
/// double-quoted, so `'` stays as it is).
pub fn escape_html(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        let vars = ["AETERM", "AEDECOD", "AESTDTC", "AESER"];
        assert_eq!(did_you_mean("AETRM", vars), Some("AETERM"));
        assert_eq!(did_you_mean("aestdct", vars), Some("AESTDTC"));
        assert_eq!(did_you_mean("BRTHDTC", vars), None);
        assert_eq!(did_you_mean("AESER", []), None);
        assert_eq!(did_you_mean("Lab", ["Labs", "Demographics"]), Some("Labs"));
        assert_eq!(did_you_mean("Adverse Events", ["AE Log", "Labs"]), None);
        assert_eq!(
            did_you_mean("visit\n date", ["Visit Date", "Visit"]),
            Some("Visit Date")
        );
        assert_eq!(
            did_you_mean("DM0001", ["DM0010", "DM0001X"]),
            Some("DM0010")
        );
    }

    #[test]
    fn distance_counts_a_swap_as_one_edit() {
        assert_eq!(edit_distance("Labs", "labs"), 0);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("AESTDTC", "AESTDCT"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn sas_names() {
        assert!(is_sas_name("USUBJID", 8) && is_sas_name("_x1", 8));
        assert!(!is_sas_name("1ABC", 8) && !is_sas_name("", 8) && !is_sas_name("A B", 8));
        assert!(!is_sas_name("TOOLONGNAME", 8) && is_sas_name("TOOLONGNAME", 32));
        assert!(!is_sas_name("AÉ", 8));
        assert!(is_upper_sas_name("AETERM", 8) && !is_upper_sas_name("AEterm", 8));
    }

    #[test]
    fn formulas_are_defused_and_the_rest_kept() {
        for s in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(defuse_formula(s), format!("'{s}"));
        }
        assert!(matches!(defuse_formula("Tacrolimus"), Cow::Borrowed(_)));
        assert_eq!(defuse_formula("a=b"), "a=b");
    }

    #[test]
    fn html_is_escaped() {
        assert_eq!(
            escape_html("<script>alert(\"x\" & 'y')</script>"),
            "&lt;script&gt;alert(&quot;x&quot; &amp; 'y')&lt;/script&gt;"
        );
        assert!(matches!(escape_html("plain"), Cow::Borrowed(_)));
    }
}
