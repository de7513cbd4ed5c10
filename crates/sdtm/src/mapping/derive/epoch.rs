//! VISIT/VISITNUM from the schedule, and EPOCH: the visit's epoch when the schedule gives
//! one, else the date against first and last study treatment.

use super::dm_reference::Refs;
use super::visit::{self, Schedule};
use crate::mapping::compile::VISIT_LABEL;
use crate::mapping::plan::VisitDerive;
use crate::mapping::records::Records;
use model::{Finding, IsoDateTime, Origin, Value, VarType};
use std::cmp::Ordering;

pub(crate) fn visits(
    domain: &str,
    plan: &VisitDerive,
    schedule: &Schedule,
    refs: &Refs,
    recs: &mut Records,
    out: &mut Vec<Finding>,
) {
    let num = recs.col("VISITNUM", VarType::Num, Origin::Derived);
    let name = recs.col("VISIT", VarType::Char, Origin::Derived);
    let epoch = recs.col("EPOCH", VarType::Char, Origin::Derived);
    let label_col = recs.index(VISIT_LABEL);
    let date_col = recs.index(&plan.date);
    for r in 0..recs.len() {
        let label = label_col.and_then(|c| {
            recs.text(r, VISIT_LABEL)
                .map(|l| (l, recs.provenance.get(r, c)))
        });
        let date = date_col.and_then(|c| {
            recs.text(r, &plan.date)
                .map(|d| (d, recs.provenance.get(r, c)))
        });
        let rf = refs.of(recs, r).and_then(|s| s.rfstdtc.clone());
        let mut local = Vec::new();
        let v = visit::assign(
            schedule,
            label.as_ref().map(|(l, s)| (l.as_str(), s.as_ref())),
            date.as_ref().map(|(d, s)| (d.as_str(), s.as_ref())),
            rf.as_ref(),
            &mut local,
        );
        out.extend(local.into_iter().map(|f| f.in_dataset(domain)));
        if let Some(v) = v {
            recs.set(r, num, Value::Num(v.num));
            recs.set(r, name, Value::char(v.name.clone()));
            recs.set(r, epoch, v.epoch.clone().map_or(Value::NULL, Value::char));
            if let Some((_, Some(s))) = &label {
                recs.provenance.set(r, name, s);
            }
        }
    }
}

pub(crate) fn from_date(var: &str, refs: &Refs, recs: &mut Records) {
    let epoch = recs.col("EPOCH", VarType::Char, Origin::Derived);
    for r in 0..recs.len() {
        if !recs.get(r, epoch).is_null() {
            continue;
        }
        let e = (|| {
            let date: IsoDateTime = recs.text(r, var)?.parse().ok()?;
            let sr = refs.of(recs, r)?;
            let start = sr.rfxstdtc.as_ref()?;
            if date.compare(start)? == Ordering::Less {
                return Some("SCREENING");
            }
            match sr.rfxendtc.as_ref().and_then(|end| date.compare(end)) {
                Some(Ordering::Greater) => Some("FOLLOW-UP"),
                _ => Some("TREATMENT"),
            }
        })();
        recs.set(r, epoch, e.map_or(Value::NULL, Value::char));
    }
}
