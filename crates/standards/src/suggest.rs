//! "Did you mean" for misspelt names in mapping specs and rule selections.

/// The candidate closest to `name` (case-insensitive edit distance, adjacent swaps counting
/// as one edit), if it is close enough to be a plausible typo: at most a third of the
/// longer name's length, and at least one edit allowed. Ties go to the earlier candidate.
pub fn did_you_mean<'a, I>(name: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let target: Vec<char> = name.to_uppercase().chars().collect();
    let mut best: Option<(usize, &'a str)> = None;
    for cand in candidates {
        let c: Vec<char> = cand.to_uppercase().chars().collect();
        let limit = (target.len().max(c.len()) / 3).max(1);
        let d = distance(&target, &c);
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance.
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
    }
}
