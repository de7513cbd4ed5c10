//! Checks of a [`DefineDoc`] before it is written. Errors are what would make the file fail
//! the Define-XML 2.1 schema or contradict itself; warnings are what a reviewer would query.

use super::derive::resolved;
use super::model::{DefineDoc, StandardType};
use super::oid;
use super::writer::distinct_where_clauses;
use model::{Finding, Origin};
use std::collections::BTreeMap;

/// `def:Class/@Name` values the 2.1 schema accepts.
const CLASSES: [&str; 15] = [
    "ADAM OTHER",
    "BASIC DATA STRUCTURE",
    "DEVICE LEVEL ANALYSIS DATASET",
    "EVENTS",
    "FINDINGS",
    "FINDINGS ABOUT",
    "INTERVENTIONS",
    "MEDICAL DEVICE BASIC DATA STRUCTURE",
    "MEDICAL DEVICE OCCURRENCE DATA STRUCTURE",
    "OCCURRENCE DATA STRUCTURE",
    "RELATIONSHIP",
    "SPECIAL PURPOSE",
    "STUDY REFERENCE",
    "SUBJECT LEVEL ANALYSIS DATASET",
    "TRIAL DESIGN",
];

const SUB_CLASSES: [&str; 5] = [
    "ADVERSE EVENT",
    "MEDICAL DEVICE TIME-TO-EVENT",
    "NON-COMPARTMENTAL ANALYSIS",
    "POPULATION PHARMACOKINETIC ANALYSIS",
    "TIME-TO-EVENT",
];

const STANDARD_NAMES: [&str; 9] = [
    "ADaMIG",
    "BIMO",
    "CDISC/NCI",
    "SDTMIG",
    "SDTMIG-AP",
    "SDTMIG-MD",
    "SENDIG",
    "SENDIG-AR",
    "SENDIG-DART",
];

const PUBLISHING_SETS: [&str; 5] = ["ADaM", "CDASH", "DEFINE-XML", "SDTM", "SEND"];
const STATUSES: [&str; 3] = ["Draft", "Final", "Provisional"];

/// `YYYY-MM-DDThh:mm:ss` with optional fraction and zone, as `xs:dateTime` wants.
fn is_datetime(s: &str) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| r.clone().all(|i| b.get(i).is_some_and(u8::is_ascii_digit));
    b.len() >= 19
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10)
        && b[10] == b'T'
        && digits(11..13)
        && b[13] == b':'
        && digits(14..16)
        && b[16] == b':'
        && digits(17..19)
}

impl DefineDoc {
    /// Problems in this document that the writer would otherwise pass on (codes in the
    /// module docs, `FM0140`–`FM0149`).
    pub fn validate(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        let header = [
            ("FileOID", self.file_oid.as_str()),
            ("Study OID", self.study.oid.as_str()),
            ("MetaDataVersion OID", self.study.mdv_oid.as_str()),
        ];
        for (what, v) in header {
            if v.trim().is_empty() {
                out.push(Finding::error("FM0149", format!("{what} is empty")));
            }
        }
        if !is_datetime(&self.creation_datetime) {
            out.push(
                Finding::error(
                    "FM0149",
                    format!(
                        "CreationDateTime `{}` is not YYYY-MM-DDThh:mm:ss",
                        self.creation_datetime
                    ),
                )
                .with_value(self.creation_datetime.clone()),
            );
        }
        for st in &self.standards {
            let bad = !STANDARD_NAMES.contains(&st.name.as_str())
                || !STATUSES.contains(&st.status.as_str())
                || st
                    .publishing_set
                    .as_deref()
                    .is_some_and(|p| !PUBLISHING_SETS.contains(&p))
                || (st.kind == StandardType::Ct && st.publishing_set.is_none());
            if bad {
                out.push(
                    Finding::error(
                        "FM0147",
                        format!(
                            "standard `{}` ({} {} {:?}) is outside the Define-XML 2.1 terminology",
                            st.oid, st.name, st.status, st.publishing_set
                        ),
                    )
                    .with_value(st.oid.clone()),
                );
            }
        }
        for ds in &self.datasets {
            let name = ds.meta.name.as_str();
            let at = |f: Finding| f.in_dataset(name);
            if !model::text::is_sas_name(name, 8) {
                out.push(at(Finding::error(
                    "FM0139",
                    format!(
                        "dataset name `{name}` is not a SAS name (a letter or `_`, then letters, digits or `_`, at most 8): it would become a file link and OIDs"
                    ),
                )
                .with_value(name)));
            }
            match ds.meta.class.as_deref() {
                Some(c) if !CLASSES.contains(&c) => out.push(at(Finding::error(
                    "FM0140",
                    format!("class `{c}` is not a Define-XML 2.1 dataset class"),
                )
                .with_value(c))),
                None => out.push(at(Finding::warning("FM0140", "the dataset has no class"))),
                _ => {}
            }
            if ds
                .meta
                .structure
                .as_deref()
                .is_none_or(|s| s.trim().is_empty())
            {
                out.push(at(Finding::warning(
                    "FM0140",
                    "the dataset has no structure",
                )));
            }
            if let Some(s) = ds.sub_class.as_deref().filter(|s| !SUB_CLASSES.contains(s)) {
                out.push(at(Finding::error(
                    "FM0140",
                    format!("subclass `{s}` is not a Define-XML 2.1 dataset subclass"),
                )
                .with_value(s)));
            }
            for k in &ds.keys {
                if ds.meta.index_of(k).is_none() {
                    out.push(at(Finding::error(
                        "FM0143",
                        format!("key variable {k} is not in the dataset"),
                    )
                    .with_variable(k.clone())));
                }
            }
            for var in &ds.meta.variables {
                let r = resolved(ds, var);
                let v = |f: Finding| at(f).with_variable(var.name.clone());
                if var.origin == Some(Origin::Derived) && r.method.is_none() {
                    out.push(v(Finding::warning(
                        "FM0142",
                        format!("{} is derived but has no method", var.name),
                    )));
                }
                if var.origin == Some(Origin::Predecessor) && r.origin_description.is_none() {
                    out.push(v(Finding::warning(
                        "FM0148",
                        format!("{} comes from a predecessor that is not named", var.name),
                    )));
                }
                if r.data_type.has_length() && r.length.is_none_or(|n| n == 0) {
                    out.push(v(Finding::warning(
                        "FM0146",
                        format!("{} is {} without a length", var.name, r.data_type.as_str()),
                    )));
                }
                let items = ds.vars.get(&var.name).map_or(&[][..], |d| &d.value_list);
                for item in items {
                    if item.conditions.is_empty()
                        || item.conditions.iter().any(|c| c.values.is_empty())
                    {
                        out.push(v(Finding::error(
                            "FM0144",
                            format!(
                                "value-level item {} of {} has an empty where clause",
                                item.key, var.name
                            ),
                        )));
                    }
                    if item.data_type.has_length() && item.length.is_none_or(|n| n == 0) {
                        out.push(v(Finding::warning(
                            "FM0146",
                            format!(
                                "value-level item {} of {} has no length",
                                item.key, var.name
                            ),
                        )));
                    }
                }
            }
        }
        let mut clauses: BTreeMap<String, (&str, &[_])> = BTreeMap::new();
        for ds in &self.datasets {
            for item in super::writer::all_value_items(ds) {
                let wc = oid::where_clause(&ds.meta.name, item);
                let this = (ds.meta.name.as_str(), item.conditions.as_slice());
                match clauses.get(&wc) {
                    Some(first) if *first != this => out.push(
                        Finding::error(
                            "FM0145",
                            format!("where clause {wc} stands for two different conditions"),
                        )
                        .in_dataset(ds.meta.name.clone())
                        .with_value(wc.clone()),
                    ),
                    Some(_) => {}
                    None => {
                        clauses.insert(wc, this);
                    }
                }
            }
        }
        debug_assert_eq!(clauses.len(), distinct_where_clauses(self).len());
        for cl in &self.codelists {
            if cl.items.is_empty() {
                out.push(
                    Finding::error("FM0144", format!("codelist {} has no terms", cl.oid))
                        .with_value(cl.oid.clone()),
                );
            }
            for item in cl.items.iter().filter(|i| i.extended && !cl.extensible) {
                out.push(
                    Finding::warning(
                        "FM0141",
                        format!(
                            "`{}` extends codelist {}, which is not extensible",
                            item.coded_value, cl.oid
                        ),
                    )
                    .with_value(item.coded_value.clone()),
                );
            }
        }
        out
    }
}
