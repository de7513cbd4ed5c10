//! Records → a [`Dataset`] in SDTMIG shape: variables in IG order with label, type, core,
//! codelist, origin and a length computed from the data; rows sorted by the domain's keys;
//! `--SEQ` numbered in that order.

use super::derive::seq;
use super::records::Records;
use model::{Core, Dataset, Origin, Value, VarType, Variable};

pub(crate) fn build(
    domain: &str,
    mut recs: Records,
) -> Option<(Dataset, Vec<Vec<super::records::SuppRec>>)> {
    let meta = standards::sdtmig().domain(domain)?;
    let dom = recs.col("DOMAIN", VarType::Char, Origin::Assigned);
    for r in &mut recs.rows {
        r[dom] = Value::char(domain);
    }
    let keys: Vec<usize> = meta
        .keys
        .iter()
        .filter(|k| !k.ends_with("SEQ"))
        .filter_map(|k| recs.index(k))
        .collect();
    let order = crate::order::by_keys(&recs.rows, &keys);
    let seq_name = format!("{domain}SEQ");
    let seq_var = meta.variable(&seq_name).is_some();
    if seq_var {
        let subjects: Vec<String> = order
            .iter()
            .map(|&r| recs.text(r, "USUBJID").unwrap_or_default())
            .collect();
        let s = recs.col(&seq_name, VarType::Num, Origin::Derived);
        for (&r, v) in order.iter().zip(seq::numbers(&subjects)) {
            recs.rows[r][s] = v;
        }
    }
    let mut vars: Vec<(Variable, Option<usize>)> = Vec::new();
    for vm in meta.variables() {
        let at = recs.index(&vm.name);
        if at.is_none() && vm.core == Core::Perm {
            continue;
        }
        let mut v = vm.to_variable();
        v.origin = at.map(|i| recs.types[i].1.clone());
        vars.push((v, at));
    }
    let mut ds = Dataset::new(meta.to_dataset_meta());
    // `order` names each record once and each variable has its own column: values move, and
    // each record is freed as soon as its row is built.
    for &r in &order {
        let mut record = std::mem::take(&mut recs.rows[r]);
        let row = vars
            .iter()
            .map(|(_, at)| {
                at.and_then(|i| record.get_mut(i))
                    .map_or(Value::NULL, |v| std::mem::replace(v, Value::NULL))
            })
            .collect();
        ds.rows.push(row);
    }
    for (c, (v, _)) in vars.iter_mut().enumerate() {
        if v.vtype == VarType::Char {
            let len = ds
                .rows
                .iter()
                .map(|r| r[c].as_str().map_or(0, str::len))
                .max();
            v.length = Some(len.unwrap_or(0).max(1));
        }
    }
    let columns: Vec<Option<usize>> = vars.iter().map(|(_, at)| *at).collect();
    ds.provenance = recs.provenance.select_rows(&order).select_columns(&columns);
    ds.meta.variables = vars.into_iter().map(|(v, _)| v).collect();
    let supp = order
        .iter()
        .map(|&r| std::mem::take(&mut recs.supp[r]))
        .collect();
    Some((ds, supp))
}

/// `SUPP<domain>` for the parent's supplemental qualifiers, one record per value.
pub(crate) fn supp(ds: &Dataset, recs: &[Vec<super::records::SuppRec>]) -> Option<Dataset> {
    if recs.iter().all(Vec::is_empty) {
        return None;
    }
    let domain = ds.name().to_owned();
    let mut meta = standards::sdtmig().supp_meta(&domain)?;
    let seq = format!("{domain}SEQ");
    let mut out = Dataset::new(meta.clone());
    let qval = meta.index_of("QVAL");
    for (r, qs) in recs.iter().enumerate() {
        for q in qs {
            let (idvar, idval) = match ds.get(r, &seq) {
                Some(Value::Num(n)) => (Value::char(seq.clone()), Value::char(format!("{n}"))),
                _ => (Value::NULL, Value::NULL),
            };
            let row: Vec<Value> = meta
                .variables
                .iter()
                .map(|v| match v.name.as_str() {
                    "STUDYID" => ds.get(r, "STUDYID").cloned().unwrap_or(Value::NULL),
                    "RDOMAIN" => Value::char(domain.clone()),
                    "USUBJID" => ds.get(r, "USUBJID").cloned().unwrap_or(Value::NULL),
                    "IDVAR" => idvar.clone(),
                    "IDVARVAL" => idval.clone(),
                    "QNAM" => Value::char(q.qnam.clone()),
                    "QLABEL" => Value::char(q.qlabel.clone()),
                    "QVAL" => q.value.clone(),
                    "QORIG" => Value::char(q.qorig.clone()),
                    _ => Value::NULL,
                })
                .collect();
            if let (Some(c), Some(s)) = (qval, &q.src) {
                out.provenance.set(out.rows.len(), c, s);
            }
            out.rows.push(row);
        }
    }
    for (c, v) in meta.variables.iter_mut().enumerate() {
        if v.vtype == VarType::Char {
            let len = out
                .rows
                .iter()
                .map(|r| r[c].as_str().map_or(0, str::len))
                .max();
            v.length = Some(len.unwrap_or(0).max(1));
        }
        v.origin = Some(if v.name == "QVAL" {
            Origin::Collected
        } else {
            Origin::Assigned
        });
    }
    out.meta = meta;
    Some(out)
}
