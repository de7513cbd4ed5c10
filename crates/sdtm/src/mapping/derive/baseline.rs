//! `--BLFL`/`--LOBXFL`: per subject and test, the last record with a result taken on or
//! before the first study treatment.

use super::dm_reference::Refs;
use crate::mapping::plan::Baseline;
use crate::mapping::records::Records;
use model::{IsoDateTime, Origin, Value, VarType};
use std::cmp::Ordering;
use std::collections::HashMap;

pub(crate) fn derive(plan: &Baseline, refs: &Refs, recs: &mut Records) {
    let flag = recs.col(&plan.flag, VarType::Char, Origin::Derived);
    let mut best: HashMap<Vec<String>, (usize, IsoDateTime)> = HashMap::new();
    for r in 0..recs.len() {
        if recs.text(r, &plan.value).is_none() {
            continue;
        }
        let Some(date) = recs
            .text(r, &plan.date)
            .and_then(|d| d.parse::<IsoDateTime>().ok())
        else {
            continue;
        };
        let Some(start) = refs.of(recs, r).and_then(|s| s.rfxstdtc.clone()) else {
            continue;
        };
        if date.date_part().compare(&start.date_part()) != Some(Ordering::Less)
            && date.date_part().compare(&start.date_part()) != Some(Ordering::Equal)
        {
            continue;
        }
        let mut key = vec![recs.text(r, "USUBJID").unwrap_or_default()];
        key.extend(plan.by.iter().map(|b| recs.text(r, b).unwrap_or_default()));
        let later = match best.get(&key) {
            Some((_, d)) => date.compare(d) != Some(Ordering::Less),
            None => true,
        };
        if later {
            best.insert(key, (r, date));
        }
    }
    for (r, _) in best.into_values() {
        recs.set(r, flag, Value::char("Y"));
    }
}
