//! ## What it checks
//! In every general-class SDTM domain — standard, split or custom, whether or not its IG
//! table is embedded (VS, EG, QS as much as LB) — each --STRESU value is a term of the
//! extensible UNIT codelist of CDISC SDTM CT 2022-03-25, exactly as submitted (units are
//! case-sensitive: `mg/dL`, not `MG/DL`). Each distinct unit is reported once per dataset,
//! at its first record, with its count and the term it should be when only case or spacing
//! differs.
//!
//! ## Why it matters
//! Standard units are what results are pooled and converted by; a unit outside CT cannot be
//! matched across studies and is often a variant of a CT unit.
//!
//! ## Example
//! `LBSTRESU = "mg/dl"` is reported with the hint `mg/dL`; `VSSTRESU = "kg"` is not.
//!
//! ## References
//! SDTMIG 3.4 §4.5.1 (original and standard results) and §4.3; CDISC SDTM CT 2022-03-25
//! (UNIT, C71620).

use super::{Spec, submitted, tally};
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::versions::Needs;
use model::Severity;

pub struct StresuNotInUnit;

static META: RuleMeta = RuleMeta {
    code: "SDT0082",
    name: "stresu_not_in_unit",
    severity: Severity::Warning,
    summary: "--STRESU value is not in the UNIT codelist (SDTM CT 2022-03-25)",
    refs: &[],
};

fn stresu(input: &Input) -> Option<String> {
    let spec = Spec::of(input).filter(Spec::is_general)?;
    let name = format!("{}STRESU", spec.prefix);
    input.has(&name).then_some(name)
}

impl Rule for StresuNotInUnit {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn needs(&self) -> Needs {
        Needs::Ct
    }

    fn applies(&self, input: &Input) -> bool {
        stresu(input).is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let (Some(var), Some(unit)) = (stresu(input), standards::ct().codelist("UNIT")) else {
            return;
        };
        let values =
            crate::values::column(input, &var).filter_map(|(r, v)| Some((r, submitted(v)?)));
        for (value, row, count) in tally(values) {
            if unit.contains(value) {
                continue;
            }
            let hint = unit
                .lookup_normalized(value)
                .map(|h| format!("; did you mean `{h}`?"))
                .unwrap_or_default();
            out.record(
                row,
                &[(var.as_str(), value.to_owned())],
                format!(
                    "{var} `{value}` ({count} records) is not in codelist UNIT (CT {}){hint}",
                    standards::SDTM_CT_VERSION
                ),
            );
        }
    }
}
