//! ## What it checks
//! Within a findings dataset, each test has one standard unit: --STRESU takes one value per
//! --TESTCD (and per --CAT, --SPEC and --METHOD where the dataset has them, since glucose in
//! urine and in serum legitimately differ). Nulls are ignored. Each unit of a test with
//! several is reported once, at its first record, with the number of records that use it.
//!
//! ## Why it matters
//! Standardized results exist to be comparable across subjects and sites; two standard units
//! for one test mean the conversion was not finished, and summaries mix magnitudes.
//!
//! ## Example
//! `LBTESTCD = "GLUC"` with `LBSTRESU = "mmol/L"` in most records and `"mg/dL"` in a few:
//! the first record of each unit is reported.
//!
//! ## References
//! SDTMIG 3.4 §4.5.1 (original and standardized results) and §6.3 (Findings).

use super::var;
use crate::rule::{Input, Rule, RuleMeta, Sink, Study};
use crate::values::{Raw, key, text};
use model::Severity;
use std::collections::{BTreeMap, HashMap};

pub struct StandardUnitInconsistent;

static META: RuleMeta = RuleMeta {
    code: "SDT0043",
    name: "standard_unit_inconsistent",
    severity: Severity::Warning,
    summary: "a test has more than one standard unit (--STRESU)",
    refs: &[],
};

const QUALIFIERS: [&str; 3] = ["CAT", "SPEC", "METHOD"];

const NULL: Raw<'static> = Raw::Missing(model::Missing::Dot);

impl Rule for StandardUnitInconsistent {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn applies(&self, input: &Input) -> bool {
        var(input, "TESTCD").is_some() && var(input, "STRESU").is_some()
    }

    fn check(&self, _: &Study, input: &Input, out: &mut Sink<'_>) {
        let (Some(testcd), Some(stresu)) = (var(input, "TESTCD"), var(input, "STRESU")) else {
            return;
        };
        let meta = input.dataset.meta();
        let (Some(code_col), Some(unit_col)) = (meta.index_of(&testcd), meta.index_of(&stresu))
        else {
            return;
        };
        let quals: Vec<String> = QUALIFIERS.iter().filter_map(|q| var(input, q)).collect();
        let qual_cols: Vec<usize> = quals.iter().filter_map(|q| meta.index_of(q)).collect();
        // Each distinct stored (test code, unit, qualifiers) → (first row, count), normalized
        // below: one hash per record rather than a key built for each. The qualifiers go by
        // the number of their combination, to keep the key small.
        let mut combinations: Vec<[Raw<'_>; 3]> = vec![[NULL; 3]];
        let mut numbers: foldhash::HashMap<[Raw<'_>; 3], usize> = Default::default();
        let mut stored: foldhash::HashMap<(Raw<'_>, &str, usize), (usize, usize)> =
            Default::default();
        for (row, record) in input.dataset.rows().enumerate() {
            let (Some(code), Some(unit)) =
                (record.get(code_col), record.get(unit_col).and_then(text))
            else {
                continue;
            };
            let mut q = 0;
            if !qual_cols.is_empty() {
                let mut values = [NULL; 3];
                for (slot, &col) in values.iter_mut().zip(&qual_cols) {
                    *slot = record.get(col).map_or(NULL, Raw::from);
                }
                q = *numbers.entry(values).or_insert_with(|| {
                    combinations.push(values);
                    combinations.len() - 1
                });
            }
            let k = (code.into(), unit, q);
            match stored.get_mut(&k) {
                Some((_, count)) => *count += 1,
                None => {
                    stored.insert(k, (row, 1));
                }
            }
        }
        // test key → unit → (first row, count)
        let mut units: HashMap<Vec<String>, BTreeMap<&str, (usize, usize)>> = HashMap::new();
        for ((code, unit, q), (row, count)) in stored {
            let q = &combinations[q];
            let Some(code) = key(code) else {
                continue;
            };
            let mut k = vec![code];
            k.extend(q[..quals.len()].iter().map(|v| key(*v).unwrap_or_default()));
            let (first, n) = units.entry(k).or_default().entry(unit).or_insert((row, 0));
            *first = (*first).min(row);
            *n += count;
        }
        let mut found: Vec<(usize, usize, &str, &str, String, String)> = Vec::new();
        for (k, us) in &units {
            if us.len() < 2 {
                continue;
            }
            let all: Vec<String> = us.keys().map(|u| format!("`{u}`")).collect();
            let test = std::iter::once(format!("{testcd} `{}`", k[0]))
                .chain(
                    quals
                        .iter()
                        .zip(&k[1..])
                        .filter(|(_, v)| !v.is_empty())
                        .map(|(q, v)| format!("{q} `{v}`")),
                )
                .collect::<Vec<_>>()
                .join(", ");
            for (unit, (row, count)) in us {
                found.push((*row, *count, unit, &k[0], test.clone(), all.join(", ")));
            }
        }
        found.sort();
        for (row, count, unit, code, test, all) in found {
            out.record(
                row,
                &[
                    (stresu.as_str(), unit.to_owned()),
                    (testcd.as_str(), code.to_owned()),
                ],
                format!("{test} has several standard units ({all}); `{unit}` in {count} records"),
            );
        }
    }
}
