//! A Define-XML 2.1 document for a folder of SDTM or ADaM datasets.
//!
//! [`doc`] writes what it is given and infers what the data shows (types,
//! lengths, value-level metadata); this crate adds what the standards know: the IG's class,
//! structure, keys and labels-of-record, the CDISC CT codelists each variable draws from
//! (with NCI codes, restricted to the values used, sponsor extensions flagged), origins, and
//! a method for each derived variable trialbridge computes.

pub mod check;
pub mod claim;
pub mod doc;
pub mod read;

use crate::doc::{
    CodeItem, CodeList, CodeListType, DefineDoc, Method, MethodType, OriginSource, Standard, Study,
    oid,
};
use model::{Dataset, Origin, Value};
use std::collections::BTreeSet;

/// Derivations trialbridge performs, by generic variable name; any other derived variable
/// gets the mapping-spec method ([`MAPPED`]).
const METHODS: [(&str, &str); 22] = [
    (
        "USUBJID",
        "STUDYID, a hyphen and the site's subject identifier, concatenated.",
    ),
    (
        "RFSTDTC",
        "Date of the first study-drug administration (earliest EXSTDTC).",
    ),
    (
        "RFENDTC",
        "Date of the last study-drug administration (latest EXENDTC).",
    ),
    ("RFXSTDTC", "Earliest start date of study-drug exposure."),
    ("RFXENDTC", "Latest end date of study-drug exposure."),
    (
        "RFPENDTC",
        "Date of the end-of-study record, the subject's last contact.",
    ),
    ("DTHDTC", "Date of death from the deaths form."),
    (
        "DTHFL",
        "Y when the deaths form has a record for the subject, else null.",
    ),
    (
        "ARMCD",
        "Arm code of the randomized treatment, from the randomization list.",
    ),
    (
        "ARM",
        "Arm description of the randomized treatment, from the randomization list.",
    ),
    ("ACTARMCD", "Arm code of the treatment actually received."),
    (
        "ACTARM",
        "Arm description of the treatment actually received.",
    ),
    (
        "VISITNUM",
        "Visit number from the visit schedule: the planned visit whose window contains the date.",
    ),
    (
        "VISIT",
        "Visit name from the visit schedule, matching VISITNUM.",
    ),
    (
        "--BLFL",
        "Y on the last non-missing result on or before RFSTDTC, per subject and test.",
    ),
    (
        "--LOBXFL",
        "Y on the last non-missing result before first exposure, per subject and test.",
    ),
    (
        "--SEQ",
        "Sequence number of the record within the subject, in key order, starting at 1.",
    ),
    (
        "--DY",
        "Study day of --DTC relative to DM.RFSTDTC: date - RFSTDTC + 1 on or after it, date - RFSTDTC before it (no day 0).",
    ),
    (
        "--STDY",
        "Study day of --STDTC relative to DM.RFSTDTC (no day 0).",
    ),
    (
        "--ENDY",
        "Study day of --ENDTC relative to DM.RFSTDTC (no day 0).",
    ),
    (
        "AGE",
        "Age in completed years at informed consent, from BRTHDTC and RFICDTC, when collected as a date of birth.",
    ),
    (
        "EPOCH",
        "Epoch of the trial design whose element contains the observation date.",
    ),
];

/// The method of derived variables whose derivation is the study's own mapping spec.
const MAPPED: (&str, &str) = (
    "MAPPING",
    "Derived as the study's mapping specification states (see the mappings folder delivered with the data).",
);

/// Builds the document for `datasets` (all SDTM or all ADaM).
pub fn build(study_id: &str, datasets: &[Dataset], creation_datetime: &str) -> DefineDoc {
    let adam = datasets.iter().all(|d| d.meta.name.starts_with("AD"));
    let standards = if adam {
        vec![
            Standard::ig("STD.ADAMIG", "ADaMIG", standards::ADAMIG_VERSION),
            Standard::ct("STD.CT.ADAM", "ADaM", standards::ADAM_CT_VERSION),
            Standard::ct("STD.CT.SDTM", "SDTM", standards::SDTM_CT_VERSION),
        ]
    } else {
        vec![
            Standard::ig("STD.SDTMIG", "SDTMIG", standards::SDTMIG_VERSION),
            Standard::ct("STD.CT.SDTM", "SDTM", standards::SDTM_CT_VERSION),
        ]
    };
    let study = Study {
        oid: format!("ST.{study_id}"),
        name: study_id.to_owned(),
        description: format!(
            "{study_id} {}",
            if adam { "analysis" } else { "tabulation" }
        ),
        protocol_name: study_id.to_owned(),
        mdv_oid: format!("MDV.{study_id}.{}", if adam { "ADAM" } else { "SDTM" }),
        mdv_name: format!("{study_id} {}", if adam { "ADaM" } else { "SDTM" }),
        mdv_description: None,
    };
    let mut doc = DefineDoc::from_datasets(study, standards, datasets, creation_datetime);
    doc.file_oid = format!("DEF.{study_id}.{}", if adam { "ADAM" } else { "SDTM" });
    doc.originator = Some("trialbridge".into());
    doc.source_system = Some("trialbridge".into());
    doc.source_system_version = Some(env!("CARGO_PKG_VERSION").into());
    let mut lists: Vec<CodeList> = Vec::new();
    let mut methods: BTreeSet<&'static str> = BTreeSet::new();
    for (def, ds) in doc.datasets.iter_mut().zip(datasets) {
        let ig = standards::sdtmig().domain(&ds.meta.name);
        if let Some(ig) = ig.filter(|_| !adam) {
            def.meta
                .class
                .get_or_insert_with(|| ig.class.as_str().to_owned());
            def.meta
                .structure
                .get_or_insert_with(|| ig.structure.clone());
            if !ig.keys.is_empty() && !ds.meta.name.starts_with("SUPP") {
                def.keys = ig
                    .keys
                    .iter()
                    .filter(|k| ds.meta.index_of(k).is_some())
                    .cloned()
                    .collect();
                // The IG's natural keys rarely identify one record in real data (two AEs with
                // the same term and start); --SEQ makes the key unique, as sponsors declare it.
                let seq = format!("{}SEQ", ig.prefix().unwrap_or(&ds.meta.name));
                if ds.meta.index_of(&seq).is_some() && !def.keys.contains(&seq) {
                    def.keys.push(seq);
                }
            }
        }
        for (col, var) in ds.meta.variables.iter().enumerate() {
            let meta = ig.and_then(|d| d.variable(&var.name));
            let codelist = var
                .codelist
                .clone()
                .or_else(|| meta.and_then(|m| m.codelist().map(str::to_owned)));
            // A codelist with no value in the data would be an empty CodeList: refer to none
            // (the writer falls back to the variable's own reference, so clear that too).
            if let Some(v) = def.meta.variables.get_mut(col) {
                v.codelist = None;
            }
            let vd = def.var_mut(&var.name);
            vd.codelist = None;
            if let Some(list) = codelist.and_then(|c| codelist_for(&c, ds, col)) {
                vd.codelist = Some(list.oid.clone());
                if !lists.iter().any(|l| l.oid == list.oid) {
                    lists.push(list);
                } else if let Some(existing) = lists.iter_mut().find(|l| l.oid == list.oid) {
                    merge(existing, list);
                }
            }
            if var.origin == Some(Origin::Collected) {
                vd.origin_source = Some(OriginSource::Investigator);
            }
            let generic = meta
                .map(|m| m.generic_name(ig.and_then(|d| d.prefix())))
                .unwrap_or_else(|| var.name.clone());
            if var.origin == Some(Origin::Derived) {
                let name = METHODS
                    .iter()
                    .find(|(g, _)| *g == generic)
                    .map_or(MAPPED.0, |(g, _)| *g);
                vd.method = Some(oid::method(&name.replace("--", "")));
                methods.insert(name);
            }
        }
    }
    lists.sort_by(|a, b| a.oid.cmp(&b.oid));
    doc.codelists = lists;
    doc.methods = METHODS
        .iter()
        .chain(std::iter::once(&MAPPED))
        .filter(|(g, _)| methods.contains(g))
        .map(|(g, text)| Method {
            oid: oid::method(&g.replace("--", "")),
            name: format!("Algorithm for {g}"),
            kind: MethodType::Computation,
            description: (*text).to_owned(),
            expression: None,
            documents: Vec::new(),
        })
        .collect();
    doc
}

/// The CT codelist `name` restricted to the values column `col` uses; values outside a
/// codelist are kept as sponsor extensions (flagged, and reported when not extensible).
fn codelist_for(name: &str, ds: &Dataset, col: usize) -> Option<CodeList> {
    let ct = standards::any_codelist(name)?;
    let used: BTreeSet<&str> = ds
        .rows
        .iter()
        .filter_map(|r| match r.get(col) {
            Some(Value::Char(s)) if !s.trim().is_empty() => Some(s.trim()),
            _ => None,
        })
        .collect();
    if used.is_empty() {
        return None;
    }
    let items = used
        .iter()
        .map(|v| {
            let mut item = CodeItem::new(v);
            match ct.term(v) {
                Some(t) => {
                    item.nci_code = Some(t.code.clone());
                    item.decode = Some(t.decode.clone()).filter(|d| !d.is_empty() && d != v);
                }
                None => item.extended = true,
            }
            item
        })
        .collect();
    Some(CodeList {
        oid: oid::codelist(&ct.submission_value),
        name: ct.name.clone(),
        data_type: CodeListType::Text,
        nci_code: Some(ct.nci_code.clone()),
        extensible: ct.extensible,
        standard: None,
        comment: None,
        items,
    })
}

fn merge(into: &mut CodeList, from: CodeList) {
    for item in from.items {
        if !into.items.iter().any(|i| i.coded_value == item.coded_value) {
            into.items.push(item);
        }
    }
    into.items.sort_by(|a, b| a.coded_value.cmp(&b.coded_value));
}
