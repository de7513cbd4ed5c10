//! The codes raised outside the catalogue — while reading, converting and cross-checking —
//! from `data/codes.tsv`. Data, not code, so the table stays one readable line per code;
//! `tests/codes.rs` keeps it in step with the source and generates `docs/codes.md` from it.

use std::fmt;
use std::sync::OnceLock;

/// One non-catalogue code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Raised {
    pub code: &'static str,
    /// As the raising code sets it; a few codes are raised at more than one ("error/warning").
    pub severity: &'static str,
    pub summary: &'static str,
    /// Source files (from the repository root) where the code is raised, comma-separated.
    pub raised_in: &'static str,
}

const TSV: &str = include_str!("../data/codes.tsv");

/// The families, in the order `trialbridge rules` and `docs/codes.md` list them.
pub const FAMILIES: [(&str, &str); 8] = [
    ("SI", "site input"),
    ("FM", "file formats"),
    ("DX", "define.xml vs data"),
    ("FH", "FHIR"),
    ("RG", "registry to trial design"),
    ("XC", "registry vs data cross-checks"),
    ("DRV", "ADaM derivation"),
    ("RL", "the rule engine"),
];

/// Every entry, in family order, then by code.
pub fn all() -> &'static [Raised] {
    static ALL: OnceLock<Vec<Raised>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut all: Vec<Raised> = TSV
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(parse)
            .collect();
        all.sort_by_key(|r| (FAMILIES.iter().position(|f| f.0 == family(r.code)), r.code));
        all
    })
}

/// A malformed line is a defect of the embedded file, caught by every test that reads it.
fn parse(line: &'static str) -> Raised {
    let mut cells = line.split('\t');
    let mut next = || cells.next().unwrap_or_default();
    Raised {
        code: next(),
        severity: next(),
        summary: next(),
        raised_in: next(),
    }
}

/// The letters of a code: `FM` for `FM0030`.
pub fn family(code: &str) -> &str {
    code.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// What a family's letters stand for.
pub fn family_name(letters: &str) -> Option<&'static str> {
    FAMILIES.iter().find(|f| f.0 == letters).map(|f| f.1)
}

/// The entry of a code, case-insensitively.
pub fn lookup(code: &str) -> Option<&'static Raised> {
    all().iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// What `trialbridge rules CODE` prints for it.
impl fmt::Display for Raised {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let family = family(self.code);
        writeln!(f, "{} — {}", self.code, self.summary)?;
        writeln!(
            f,
            "severity: {}   family: {family} ({})",
            self.severity,
            family_name(family).unwrap_or_default()
        )?;
        write!(f, "raised in: {}", self.raised_in)
    }
}
