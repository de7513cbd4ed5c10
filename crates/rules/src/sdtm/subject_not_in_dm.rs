//! ## What it checks
//! Every USUBJID in a subject-level domain (AE, LB, EX, SUPPAE ...) has a DM record.
//!
//! ## Why it matters
//! DM defines the study population; data for a subject DM does not know is orphaned, and
//! usually means a typo in the subject number at the site.
//!
//! ## Example
//! An AE record for `UMIN000015469-02-099` when DM has no such subject is reported.
//!
//! ## References
//! SDTMIG 3.4 §5.2 (DM defines the subjects of the study).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, text};
use foldhash::HashSet;
use model::Severity;

pub struct SubjectNotInDm;

static META: RuleMeta = RuleMeta {
    code: "SDT0009",
    name: "subject_not_in_dm",
    severity: Severity::Error,
    summary: "USUBJID has no record in DM",
    refs: &[],
};

impl Rule for SubjectNotInDm {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() != "DM" && input.has("USUBJID")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(dm) = study.dataset("DM") else {
            out.dataset(
                &["USUBJID"],
                "no DM dataset: subjects cannot be checked against it".into(),
            );
            return;
        };
        let known: HashSet<&str> = column(dm, "USUBJID").filter_map(|(_, v)| text(v)).collect();
        // Records come sorted by subject: the previous record's answer usually holds.
        let mut last: Option<(&str, bool)> = None;
        for (row, v) in column(input, "USUBJID") {
            let Some(id) = text(v) else { continue };
            let in_dm = match last {
                Some((l, in_dm)) if l == id => in_dm,
                _ => known.contains(id),
            };
            last = Some((id, in_dm));
            if !in_dm {
                out.record(
                    row,
                    &[("USUBJID", id.to_owned())],
                    format!("USUBJID `{id}` is not in DM"),
                );
            }
        }
    }
}
