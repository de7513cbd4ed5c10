//! ## What it checks
//! When TS says the study treatment is added on to existing treatments (`TSPARMCD =
//! "ADDON"` with `TSVAL = "Y"`), TS also has a `CURTRT` record naming the current therapy
//! it is added to. Reported once, on the ADDON record.
//!
//! ## Why it matters
//! An add-on trial compares the treatment plus background therapy with the background
//! therapy alone; without CURTRT a reviewer cannot tell what the background was. A
//! warning: the information may be in the protocol, but TS is where tools look for it.
//!
//! ## Example
//! TS with `ADDON = "Y"` and no `CURTRT` record is reported; with `ADDON = "N"` it is not.
//!
//! ## References
//! SDTMIG 3.4 §7.4.2 (TS) and its trial summary codes appendix (ADDON, CURTRT); Pinnacle 21
//! SD1308.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, text};
use model::Severity;

pub struct TsAddonWithoutCurtrt;

static META: RuleMeta = RuleMeta {
    code: "SDT0099",
    name: "ts_addon_without_curtrt",
    severity: Severity::Warning,
    summary: "TS ADDON is Y but TS has no CURTRT record",
    refs: &["P21:SD1308"],
};

impl Rule for TsAddonWithoutCurtrt {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.name() == "TS" && input.has("TSPARMCD") && input.has("TSVAL")
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let parm = |row: usize| get(input, row, "TSPARMCD").and_then(text);
        let rows = 0..input.dataset.len();
        if rows.clone().any(|r| parm(r) == Some("CURTRT")) {
            return;
        }
        let addon = column(input, "TSVAL")
            .find(|(row, v)| parm(*row) == Some("ADDON") && text(v) == Some("Y"));
        if let Some((row, _)) = addon {
            out.record(
                row,
                &[("TSVAL", "Y".to_owned()), ("TSPARMCD", "ADDON".to_owned())],
                "ADDON is `Y` but TS has no CURTRT record naming the current therapy".to_owned(),
            );
        }
    }
}
