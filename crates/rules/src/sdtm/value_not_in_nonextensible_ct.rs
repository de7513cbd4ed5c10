//! ## What it checks
//! Each value of a variable the SDTMIG 3.4 binds to a non-extensible codelist is a
//! submission
//! value of that codelist in CDISC SDTM Controlled Terminology 2022-03-25 (where the IG
//! lists several codelists, as for DSDECOD, any of them). The comparison is exact, as CT is
//! case-sensitive: only trailing blanks (transport padding) are ignored. Custom domains are
//! checked through their class template, except for the template's own test codes;
//! --STRESU is left to SDT0082 and numeric results to the character-result codelists' own
//! scope. Each distinct value is reported once per variable, at its first record, with its
//! count and, when case or spacing is all that differs, the term it should be. A value that
//! was a term's submission value until the CT release changed it says so; where the release
//! itself published a codelist name in place of the term (C49634 `WITHDRAWAL BY SUBJECT`
//! became `SDTM-NCOMPLT` in CT 2022-03-25), the finding is a notice naming the CT version.
//!
//! ## Why it matters
//! A non-extensible codelist is closed: any other value is an error, and is usually a case
//! or spelling variant of a term (`Male` for `M`).
//!
//! ## Example
//! DM with `SEX = "Male"` is reported (the codelist has `M`).
//!
//! ## References
//! SDTMIG 3.4 §4.3 (controlled terminology); CDISC SDTM CT 2022-03-25; Pinnacle 21 CT2001.

use super::ct_misses;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::Severity;

pub struct ValueNotInNonextensibleCt;

static META: RuleMeta = RuleMeta {
    code: "SDT0076",
    name: "value_not_in_nonextensible_ct",
    severity: Severity::Error,
    summary: "value not in its non-extensible CT codelist (SDTM CT 2022-03-25)",
    refs: &["P21:CT2001"],
};

impl Rule for ValueNotInNonextensibleCt {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ct
    }

    fn applies(&self, input: &Input) -> bool {
        super::Spec::of(input).is_some_and(|s| s.table.is_some())
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        for m in ct_misses(input, false) {
            super::report_ct_miss(out, &m, "non-extensible");
        }
    }
}
