//! ## What it checks
//! In TS, the TSVAL of `TSPARMCD = "DOSFRQ"` (dosing frequency) is a submission value of the
//! FREQ codelist of CDISC SDTM Controlled Terminology 2022-03-25, compared exactly (only
//! trailing blanks are ignored). When case or spacing is all that differs, the finding names
//! the term. A null TSVAL is SDT0056's.
//!
//! ## Why it matters
//! TSVAL is free text for most parameters, so the generic CT rules cannot see that this one
//! is bound to FREQ; `twice daily` or `BD` for `BID` is not found by a search on the term.
//! FREQ is extensible, so a warning, as for other extensible codelists (SDT0077).
//!
//! ## Example
//! `TSVAL = "Twice daily"` for DOSFRQ is reported; `BID` and `QD` are not.
//!
//! ## References
//! SDTMIG 3.4 §7.4.2 (TS) and its trial summary codes appendix (DOSFRQ uses FREQ); CDISC
//! SDTM CT 2022-03-25; Pinnacle 21 CT2005.

use super::submitted;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use crate::versions::Needs;
use model::Severity;

pub struct TsDosfrqNotInCt;

static META: RuleMeta = RuleMeta {
    code: "SDT0098",
    name: "ts_dosfrq_not_in_ct",
    severity: Severity::Warning,
    summary: "TS DOSFRQ value is not in the FREQ codelist (SDTM CT 2022-03-25)",
    refs: &["P21:CT2005"],
};

impl Rule for TsDosfrqNotInCt {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ct
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "TS" && input.has("TSPARMCD") && input.has("TSVAL")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(freq) = standards::ct().codelist("FREQ") else {
            return;
        };
        for (row, v) in column(input, "TSPARMCD") {
            if text(v) != Some("DOSFRQ") {
                continue;
            }
            let Some(val) = get(input, row, "TSVAL").and_then(submitted) else {
                continue;
            };
            if freq.contains(val) {
                continue;
            }
            let hint = freq
                .lookup_normalized(val)
                .map(|h| format!("; did you mean `{h}`?"))
                .unwrap_or_default();
            out.record(
                row,
                &[("TSVAL", val.to_owned()), ("TSPARMCD", "DOSFRQ".to_owned())],
                format!(
                    "TSVAL `{val}` of DOSFRQ is not in codelist FREQ (CT {}){hint}",
                    standards::SDTM_CT_VERSION
                ),
            );
        }
    }
}
