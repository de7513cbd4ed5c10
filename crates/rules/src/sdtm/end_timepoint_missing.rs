//! ## What it checks
//! In an Events or Interventions dataset, each record says when it ended or that it had
//! not: at least one of --ENDTC, --ENRF and --ENRTPT (those the dataset has) is populated.
//! Records of events or treatments that did not happen (`--OCCUR = "N"`, `--STAT = "NOT
//! DONE"`) are not checked; a dataset with none of the three variables is not either.
//!
//! ## Why it matters
//! An event without an end date may have resolved on an unknown date or be ongoing; the
//! analyses of duration and of ongoing events need to know which. --ENRF (`ONGOING`,
//! `AFTER`) or --ENRTPT with --ENTPT says it. A warning: the end may truly be unknown.
//!
//! ## Example
//! An MH record with MHENDTC and MHENRTPT null is reported; with `MHENRTPT = "ONGOING"` and
//! `MHENTPT = "SCREENING"` it is not.
//!
//! ## References
//! SDTMIG 3.4 §4.4.7 (relative timing variables); Pinnacle 21 SD0021 (missing end
//! time-point values). SDT0058 is another check: it pairs --ENRTPT with --ENTPT.

use super::start_timepoint_missing::{check_missing, timepoints};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use model::Severity;

pub struct EndTimepointMissing;

static META: RuleMeta = RuleMeta {
    code: "SDT0101",
    name: "end_timepoint_missing",
    severity: Severity::Warning,
    summary: "an event or intervention record has none of --ENDTC, --ENRF, --ENRTPT",
    refs: &["P21:SD0021"],
};

impl Rule for EndTimepointMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        !timepoints(input, ["ENDTC", "ENRF", "ENRTPT"]).is_empty()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let vars = timepoints(input, ["ENDTC", "ENRF", "ENRTPT"]);
        check_missing(input, out, &vars, "end");
    }
}
