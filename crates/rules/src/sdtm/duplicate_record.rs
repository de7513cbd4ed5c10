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
use crate::values::{get, show, trim_end};
use foldhash::HashMap;
use foldhash::fast::FixedState;
use model::{Severity, ValueRef};
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;
use table::{Row, Table};

pub struct DuplicateRecord;

static META: RuleMeta = RuleMeta {
    code: "SDT0057",
    name: "duplicate_record",
    severity: Severity::Warning,
    summary: "a record repeats another in every variable but --SEQ",
    refs: &[],
};

/// Hashes each record's values except --SEQ, a column at a time as the table stores them;
/// trailing blanks do not count, as in SAS. Numbers hash by their bits, as [`same`] compares
/// them.
fn fingerprints(t: &Table, skip: Option<usize>) -> Vec<u64> {
    let mut fps = vec![0u64; t.len()];
    let state = FixedState::default();
    for i in (0..t.meta().variables.len()).filter(|&i| Some(i) != skip) {
        let Some(column) = t.column(i) else { continue };
        for (fp, v) in fps.iter_mut().zip(column.iter()) {
            let h = match v {
                ValueRef::Num(n) => n.to_bits(),
                ValueRef::Char(s) => state.hash_one(trim_end(s)),
                ValueRef::Missing(m) => state.hash_one(m),
            };
            *fp = combine(*fp, h);
        }
    }
    fps
}

/// Folds one value's hash into a record's: a 128-bit multiply mixes every bit of both into
/// the result, so that columns of small integers still spread.
fn combine(fp: u64, h: u64) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let p = u128::from(fp.rotate_left(23) ^ h ^ K) * u128::from(K.rotate_left(31) | 1);
    (p as u64) ^ ((p >> 64) as u64)
}

/// The records whose fingerprint's bitmap slot another record also falls in, in row order:
/// only these can repeat one another, and in clean data they are few, so that the exact
/// comparison below needs no map of a million fingerprints.
fn candidates(fps: &[u64]) -> Vec<usize> {
    let bits = (fps.len() * 16).next_power_of_two().max(64);
    let shift = 64 - bits.trailing_zeros();
    let slot = |fp: u64| {
        let s = (fp >> shift) as usize;
        (s / 64, 1u64 << (s % 64))
    };
    let mut seen = vec![0u64; bits / 64];
    let mut again = vec![0u64; bits / 64];
    for &fp in fps {
        let (w, b) = slot(fp);
        again[w] |= seen[w] & b;
        seen[w] |= b;
    }
    (0..fps.len())
        .filter(|&r| {
            let (w, b) = slot(fps[r]);
            again[w] & b != 0
        })
        .collect()
}

fn same(a: Row<'_>, b: Row<'_>, skip: Option<usize>) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).enumerate().all(|(i, (x, y))| {
            Some(i) == skip
                || match (x, y) {
                    (ValueRef::Char(x), ValueRef::Char(y)) => x.trim_end() == y.trim_end(),
                    (ValueRef::Num(x), ValueRef::Num(y)) => x.to_bits() == y.to_bits(),
                    _ => x == y,
                }
        })
}

impl Rule for DuplicateRecord {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        input.dataset.len() > 1
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let seq = if super::is_supp(input) {
            None
        } else {
            var(input, "SEQ")
        };
        let skip = seq
            .as_deref()
            .and_then(|s| input.dataset.meta().index_of(s));
        let point = seq
            .clone()
            .or_else(|| input.has("USUBJID").then(|| "USUBJID".to_owned()))
            .or_else(|| {
                input
                    .dataset
                    .meta()
                    .variables
                    .first()
                    .map(|v| v.name.clone())
            });
        let Some(point) = point else { return };
        let sd1201 = matches!(super::prefix(input).as_str(), "AE" | "MH") && !super::is_supp(input);
        let rows = &input.dataset;
        let same_as = |e: usize, values| rows.row(e).is_some_and(|e| same(e, values, skip));
        let fps = fingerprints(rows, skip);
        // Fingerprint → the first record with it; further distinct contents that share a
        // fingerprint (rare) wait in `more`.
        let mut first: HashMap<u64, usize> = HashMap::default();
        let mut more: HashMap<u64, Vec<usize>> = HashMap::default();
        for row in candidates(&fps) {
            let Some(values) = rows.row(row) else {
                continue;
            };
            let fp = fps[row];
            let earlier = match first.entry(fp) {
                Entry::Vacant(e) => {
                    e.insert(row);
                    None
                }
                Entry::Occupied(e) if same_as(*e.get(), values) => Some(*e.get()),
                Entry::Occupied(_) => {
                    let others = more.entry(fp).or_default();
                    let found = others.iter().copied().find(|&e| same_as(e, values));
                    if found.is_none() {
                        others.push(row);
                    }
                    found
                }
            };
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
