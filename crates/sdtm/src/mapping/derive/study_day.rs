//! `--DY` from RFSTDTC: day 1 is the reference day and there is no day 0. Partial dates get
//! no study day rather than a guessed one.

use super::dm_reference::Refs;
use crate::mapping::records::Records;
use model::iso8601::study_day;
use model::{IsoDateTime, Origin, Value, VarType};

/// `AESTDTC` → `AESTDY`, `LBDTC` → `LBDY`.
pub(crate) fn name_for(dtc: &str) -> String {
    format!("{}DY", dtc.strip_suffix("DTC").unwrap_or(dtc))
}

pub(crate) fn derive(var: &str, refs: &Refs, recs: &mut Records) {
    let target = recs.col(&name_for(var), VarType::Num, Origin::Derived);
    let (Some(dtc), Some(subject)) = (recs.index(var), recs.index("USUBJID")) else {
        return;
    };
    for r in 0..recs.len() {
        let dy = (|| {
            let date: IsoDateTime = recs.text_at(r, dtc)?.parse().ok()?;
            let rfstdtc = refs
                .of_subject(&recs.text_at(r, subject)?)?
                .rfstdtc
                .as_ref()?;
            study_day(rfstdtc, &date)
        })();
        recs.set(r, target, dy.map_or(Value::NULL, |d| Value::Num(d as f64)));
    }
}
