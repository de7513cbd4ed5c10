//! The DM reference dates every other domain is measured against, and the date checks
//! against consent and end of study (`SI0035`, `SI0036`).

use crate::mapping::checks::Check;
use crate::mapping::records::Records;
use model::{Finding, IsoDateTime};
use std::collections::HashMap;

#[derive(Debug, Clone, Default)]
pub(crate) struct SubjectRefs {
    pub rfstdtc: Option<IsoDateTime>,
    pub rfxstdtc: Option<IsoDateTime>,
    pub rfxendtc: Option<IsoDateTime>,
    pub rficdtc: Option<IsoDateTime>,
    pub rfpendtc: Option<IsoDateTime>,
}

/// Reference dates by USUBJID.
#[derive(Debug, Clone, Default)]
pub(crate) struct Refs(pub HashMap<String, SubjectRefs>);

impl Refs {
    pub fn from_dm(dm: &Records) -> Refs {
        let mut map = HashMap::new();
        for r in 0..dm.len() {
            let Some(id) = dm.text(r, "USUBJID") else {
                continue;
            };
            let date = |n: &str| dm.text(r, n).and_then(|s| s.parse().ok());
            map.insert(
                id,
                SubjectRefs {
                    rfstdtc: date("RFSTDTC"),
                    rfxstdtc: date("RFXSTDTC").or_else(|| date("RFSTDTC")),
                    rfxendtc: date("RFXENDTC").or_else(|| date("RFENDTC")),
                    rficdtc: date("RFICDTC"),
                    rfpendtc: date("RFPENDTC"),
                },
            );
        }
        Refs(map)
    }

    pub fn of(&self, recs: &Records, row: usize) -> Option<&SubjectRefs> {
        self.of_subject(&recs.text_at(row, recs.index("USUBJID")?)?)
    }

    /// The subject's reference dates by USUBJID.
    pub fn of_subject(&self, usubjid: &str) -> Option<&SubjectRefs> {
        self.0.get(usubjid)
    }
}

pub(crate) fn check_in_study(
    domain: &str,
    var: &str,
    refs: &Refs,
    recs: &Records,
    out: &mut Vec<Finding>,
) {
    let Some(col) = recs.index(var) else { return };
    for r in 0..recs.len() {
        let (Some(text), Some(sr), Some(src)) = (
            recs.text(r, var),
            refs.of(recs, r),
            recs.provenance.get(r, col),
        ) else {
            continue;
        };
        let Ok(date) = text.parse::<IsoDateTime>() else {
            continue;
        };
        let finding = if let Some(c) = sr.rficdtc.as_ref().filter(|c| date.is_before(c)) {
            Check::BeforeConsent.at(
                src.clone(),
                format!("{var} `{text}` is before informed consent on {c}"),
            )
        } else if let Some(e) = sr.rfpendtc.as_ref().filter(|e| date.is_after(e)) {
            Check::AfterEndOfStudy.at(
                src.clone(),
                format!("{var} `{text}` is after the end of study on {e}"),
            )
        } else {
            continue;
        };
        out.push(
            finding
                .with_value(text)
                .with_variable(var)
                .in_dataset(domain),
        );
    }
}
