//! ## What it checks
//! Within a domain, --SEQ is unique per USUBJID (or per POOLID for pooled records), across
//! every file of a split domain (`LBCH` and `LBHE` are both LB). TS, whose TSSEQ numbers
//! repeats of a parameter, and the Tobacco IG product-keyed domains (EM, DU, DO, DI) are
//! excluded.
//!
//! ## Why it matters
//! --SEQ is the key RELREC, SUPP-- (IDVAR = --SEQ) and ADaM traceability (SRCSEQ) point at;
//! a duplicate makes those links ambiguous.
//!
//! ## Example
//! Two AE records of one subject both with `AESEQ = 2`: both are reported.
//!
//! ## References
//! SDTMIG 3.4 §4.1.2.1 (--SEQ); CORE-000750; Pinnacle 21 SD0005.

use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{column, get, show, text};
use model::{Severity, Value};
use std::collections::HashMap;

pub struct SeqNotUnique;

static META: RuleMeta = RuleMeta {
    code: "SDT0010",
    name: "seq_not_unique",
    severity: Severity::Error,
    summary: "--SEQ is not unique within a subject",
    refs: &["CORE-000750", "P21:SD0005"],
};

const EXCLUDED: [&str; 5] = ["TS", "EM", "DU", "DO", "DI"];

/// The domain a dataset's records belong to: its DOMAIN value when present, so that the
/// files of a split domain are one domain.
fn domain_of(input: &Input) -> String {
    column(input, "DOMAIN")
        .find_map(|(_, v)| text(v))
        .unwrap_or(input.domain())
        .to_ascii_uppercase()
}

fn seq_var(input: &Input) -> Option<String> {
    let name = format!("{}SEQ", domain_of(input));
    input.has(&name).then_some(name)
}

type Key<'a> = (&'static str, &'a str, String);

/// `(key, row)` of every record with a subject (or pool) and a sequence number.
fn keys<'a>(input: &'a Input, seq: &str) -> Vec<(Key<'a>, usize)> {
    let mut out = Vec::new();
    for row in 0..input.dataset.rows.len() {
        let by = match (
            get(input, row, "USUBJID").and_then(text),
            get(input, row, "POOLID").and_then(text),
        ) {
            (Some(s), _) => ("USUBJID", s),
            (None, Some(p)) => ("POOLID", p),
            (None, None) => continue,
        };
        let value = match get(input, row, seq) {
            Some(v @ Value::Num(_)) => show(v),
            Some(Value::Char(s)) if !s.trim().is_empty() => s.trim().to_owned(),
            _ => continue,
        };
        out.push(((by.0, by.1, value), row));
    }
    out
}

impl Rule for SeqNotUnique {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        !EXCLUDED.contains(&domain_of(input).as_str())
            && !super::is_supp(input)
            && seq_var(input).is_some()
    }

    fn check(&self, study: &Study, input: &Input, out: &mut Sink<'_>) {
        let Some(seq) = seq_var(input) else { return };
        let domain = domain_of(input);
        // Count keys over every file of the domain; report only this file's records.
        let mut counts: HashMap<Key<'_>, usize> = HashMap::new();
        for other in study
            .inputs
            .iter()
            .filter(|i| !super::is_supp(i) && domain_of(i) == domain)
        {
            for (key, _) in keys(other, &seq) {
                *counts.entry(key).or_default() += 1;
            }
        }
        for ((by, id, value), row) in keys(input, &seq) {
            if counts.get(&(by, id, value.clone())).is_some_and(|n| *n > 1) {
                out.record(
                    row,
                    &[(seq.as_str(), value.clone()), (by, id.to_owned())],
                    format!("{seq} `{value}` occurs more than once for {by} `{id}` in {domain}"),
                );
            }
        }
    }
}
