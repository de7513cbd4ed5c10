//! ## What it checks
//! No two records of a dataset have the same value in every variable except --SEQ. Each
//! repeat is reported, naming the first record it repeats; the first is not.
//!
//! ## Why it matters
//! A record entered or mapped twice is counted twice: two identical AEs double an incidence,
//! two identical lab results weigh double in a mean.
//!
//! ## Example
//! Two AE records of `S-1` identical except AESEQ 3 and 4: the second is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.2.1 (--SEQ makes records unique). Pinnacle 21 reports duplicate AE and
//! MH records as SD1201, comparing fewer variables than every one: each record this rule
//! reports in AE or MH, SD1201 reports too, so those findings cite `P21:SD1201`.

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{get, show};
use model::{Severity, Value};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

pub struct DuplicateRecord;

static META: RuleMeta = RuleMeta {
    code: "SDT0057",
    name: "duplicate_record",
    severity: Severity::Warning,
    summary: "a record repeats another in every variable but --SEQ",
    refs: &[],
};

/// Hashes one record's values except --SEQ; trailing blanks do not count, as in SAS.
fn fingerprint(row: &[Value], skip: Option<usize>) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for (_, v) in row.iter().enumerate().filter(|(i, _)| Some(*i) != skip) {
        match v {
            Value::Num(n) => (0u8, model::comparable(*n).to_bits()).hash(&mut h),
            Value::Char(s) => (1u8, s.trim_end()).hash(&mut h),
            Value::Missing(m) => (2u8, m.to_string()).hash(&mut h),
        }
    }
    h.finish()
}

fn same(a: &[Value], b: &[Value], skip: Option<usize>) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).enumerate().all(|(i, (x, y))| {
            Some(i) == skip
                || match (x, y) {
                    (Value::Char(x), Value::Char(y)) => x.trim_end() == y.trim_end(),
                    (Value::Num(x), Value::Num(y)) => x.to_bits() == y.to_bits(),
                    _ => x == y,
                }
        })
}

impl Rule for DuplicateRecord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.dataset.rows.len() > 1
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let seq = if super::is_supp(input) {
            None
        } else {
            var(input, "SEQ")
        };
        let skip = seq.as_deref().and_then(|s| input.dataset.meta.index_of(s));
        let point = seq
            .clone()
            .or_else(|| input.has("USUBJID").then(|| "USUBJID".to_owned()))
            .or_else(|| input.dataset.meta.variables.first().map(|v| v.name.clone()));
        let Some(point) = point else { return };
        let sd1201 = matches!(super::prefix(input).as_str(), "AE" | "MH") && !super::is_supp(input);
        let rows = &input.dataset.rows;
        // Fingerprint → the first record of each distinct content with that fingerprint.
        let mut first: HashMap<u64, Vec<usize>> = HashMap::new();
        for (row, values) in rows.iter().enumerate() {
            let seen = first.entry(fingerprint(values, skip)).or_default();
            let earlier = seen.iter().copied().find(|&e| same(&rows[e], values, skip));
            if earlier.is_none() {
                seen.push(row);
            }
            if let Some(earlier) = earlier {
                let shown = get(input, row, &point).map(show).unwrap_or_default();
                let but = seq
                    .as_deref()
                    .map(|s| format!(" but {s}"))
                    .unwrap_or_default();
                out.record(
                    row,
                    &[(point.as_str(), shown)],
                    format!(
                        "record repeats record {} in every variable{but}",
                        earlier + 1
                    ),
                );
                if sd1201 {
                    out.cite_last("P21:SD1201");
                }
            }
        }
    }
}
