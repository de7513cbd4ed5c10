//! A Define-XML 2.1 document for a folder of SDTM or ADaM datasets.
//!
//! `formats::define_xml` writes what it is given and infers what the data shows (types,
//! lengths, value-level metadata); this crate adds what the standards know: the IG's class,
//! structure, keys and labels-of-record, the CDISC CT codelists each variable draws from
//! (with NCI codes, restricted to the values used, sponsor extensions flagged), origins, and
//! a method for each derived variable trialbridge computes.

use formats::define_xml::{
    CodeItem, CodeList, CodeListType, DefineDoc, Method, MethodType, OriginSource, Standard, Study,
    oid,
};
use model::{Dataset, Origin, Value};
use std::collections::BTreeSet;

/// Derivations trialbridge performs, by generic variable name.
const METHODS: [(&str, &str); 6] = [
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
            }
        }
        for (col, var) in ds.meta.variables.iter().enumerate() {
            let meta = ig.and_then(|d| d.variable(&var.name));
            let codelist = var
                .codelist
                .clone()
                .or_else(|| meta.and_then(|m| m.codelist().map(str::to_owned)));
            let vd = def.var_mut(&var.name);
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
            if var.origin == Some(Origin::Derived)
                && let Some((name, _)) = METHODS.iter().find(|(g, _)| *g == generic)
            {
                vd.method = Some(oid::method(&name.replace("--", "")));
                methods.insert(name);
            }
        }
    }
    lists.sort_by(|a, b| a.oid.cmp(&b.oid));
    doc.codelists = lists;
    doc.methods = METHODS
        .iter()
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
