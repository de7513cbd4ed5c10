//! ## What it checks
//! When a subject has an AE with `AESDTH = "Y"` (the event resulted in death), the subject's
//! DM.DTHFL is `Y`. The DM record is reported, since that is where the fix belongs.
//!
//! ## Why it matters
//! An AE that resulted in death is a death; DM is where reviewers count deaths, and the two
//! must tell the same story. SDT0027 checks the same through AEOUT.
//!
//! ## Example
//! A subject with an AE whose `AESDTH = "Y"` and a null DTHFL in DM is reported on the DM
//! record.
//!
//! ## References
//! SDTMIG 3.4 §6.2 (AE: AESDTH) and §5.2 (DM: DTHFL).

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show, text};
use model::Severity;
use std::collections::HashSet;

pub struct AesdthWithoutDeathFlag;

static META: RuleMeta = RuleMeta {
    code: "SDT0068",
    name: "aesdth_without_death_flag",
    severity: Severity::Error,
    summary: "an AE resulted in death (AESDTH Y) but DM.DTHFL is not Y",
    refs: &[],
};

impl Rule for AesdthWithoutDeathFlag {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "DM" && input.has("USUBJID") && input.has("DTHFL")
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(ae) = study.dataset("AE") else {
            return;
        };
        let died: HashSet<&str> = column(ae, "AESDTH")
            .filter(|(_, v)| text(v) == Some("Y"))
            .filter_map(|(row, _)| get(ae, row, "USUBJID").and_then(text))
            .collect();
        for (row, v) in column(input, "USUBJID") {
            let Some(id) = text(v).filter(|id| died.contains(id)) else {
                continue;
            };
            let flag = get(input, row, "DTHFL").map(show).unwrap_or_default();
            if flag.trim() != "Y" {
                out.record(
                    row,
                    &[("DTHFL", flag.clone()), ("USUBJID", id.to_owned())],
                    format!("`{id}` has an AE with AESDTH `Y` but DTHFL is `{flag}`"),
                );
            }
        }
    }
}
