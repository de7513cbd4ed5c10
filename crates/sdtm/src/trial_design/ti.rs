//! TI: the registry's eligibility criteria, one record each, numbered INCL01.. and EXCL01..

use super::codes;
use super::table::Table;
use model::{Dataset, Finding, Value};
use registry::StudyRecord;

pub(crate) fn build(r: &StudyRecord, studyid: &str, findings: &mut Vec<Finding>) -> Dataset {
    let mut ti = Table::new("TI");
    let e = &r.eligibility;
    if e.inclusion.is_empty() && e.exclusion.is_empty() {
        let why = if e.criteria.as_deref().is_some_and(|c| !c.trim().is_empty()) {
            "the registry's criteria text has no items we could split out"
        } else {
            "the registry record states no eligibility criteria"
        };
        findings.push(
            Finding::notice(codes::RG_NO_CRITERIA, format!("{why}; TI is empty")).in_dataset("TI"),
        );
    }
    for (prefix, cat, list) in [
        ("INCL", "INCLUSION", &e.inclusion),
        ("EXCL", "EXCLUSION", &e.exclusion),
    ] {
        let texts = list.iter().map(|c| c.trim()).filter(|c| !c.is_empty());
        for (i, text) in texts.enumerate() {
            // Long criteria are cut by the table (RG0015): SDTMIG keeps the full wording in
            // the protocol and a meaningful 200-character version in IETEST.
            ti.push(vec![
                ("IETESTCD", Value::char(format!("{prefix}{:02}", i + 1))),
                ("IETEST", Value::char(text)),
                ("IECAT", Value::char(cat)),
            ]);
        }
    }
    ti.finish(studyid, findings)
}
