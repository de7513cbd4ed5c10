//! Terms whose submission value the embedded CT release changed, from the release's own change
//! log. A dataset value that was the term's submission value until this release is not a
//! stranger to the codelist, and some of these changes are the publication's own oddities:
//! SDTM CT 2022-03-25 publishes C49634 (`WITHDRAWAL BY SUBJECT` until then) in NCOMPLT as
//! `SDTM-NCOMPLT`, a codelist's name in place of the term.

use std::sync::OnceLock;

/// One changed submission value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    pub code: String,
    /// The codelist's short name (`NCOMPLT`).
    pub codelist: String,
    pub before: String,
    pub after: String,
}

impl Renamed {
    /// The new value is a codelist's name (`SDTM-NCOMPLT`), not a term: a slip in the
    /// publication that no dataset should follow.
    pub fn is_oddity(&self) -> bool {
        self.after
            .strip_prefix("SDTM-")
            .is_some_and(|rest| rest.eq_ignore_ascii_case(&self.codelist))
    }
}

const TABLE: (&str, &str) = (
    "sdtm-ct-2022-03-25-renames.tsv",
    include_str!(concat!(env!("OUT_DIR"), "/sdtm-ct-2022-03-25-renames.tsv")),
);

/// Every submission value SDTM CT 2022-03-25 changed.
pub fn sdtm_renames() -> &'static [Renamed] {
    static ALL: OnceLock<Vec<Renamed>> = OnceLock::new();
    ALL.get_or_init(|| {
        TABLE
            .1
            .lines()
            .skip(1)
            .filter_map(|line| {
                let mut f = line.split('\t').map(str::to_owned);
                Some(Renamed {
                    code: f.next()?,
                    codelist: f.next()?,
                    before: f.next()?,
                    after: f.next()?,
                })
            })
            .collect()
    })
}

/// The change that made `value` stop being a submission value of `codelist`, if any.
pub fn renamed_from(codelist: &str, value: &str) -> Option<&'static Renamed> {
    sdtm_renames()
        .iter()
        .find(|r| r.codelist.eq_ignore_ascii_case(codelist) && r.before == value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2022_03_25_change_log_is_read() {
        let r = renamed_from("NCOMPLT", "WITHDRAWAL BY SUBJECT").expect("C49634 changed");
        assert_eq!(
            (r.code.as_str(), r.after.as_str()),
            ("C49634", "SDTM-NCOMPLT")
        );
        assert!(r.is_oddity());
        let pole = renamed_from("LOC", "KIDNEY, UPPER LOBE").expect("a real rename");
        assert!(!pole.is_oddity());
        assert!(renamed_from("NCOMPLT", "COMPLETED").is_none());
    }
}
