//! Records → a [`Table`] in SDTMIG shape: variables in IG order with label, type, core,
//! codelist, origin and a length computed from the data; rows sorted by the domain's keys;
//! `--SEQ` numbered in that order; supplemental qualifiers in `SUPP--`.

use super::derive::seq;
use super::records::{Records, SuppRec};
use model::{Core, Dataset, Origin, Value, VarType, Variable};
use table::{Table, TableBuilder};

/// The domain's table and, when any record has a supplemental qualifier, its `SUPP--`.
pub(crate) fn build(domain: &str, mut recs: Records) -> Option<(Table, Option<Table>)> {
    let meta = standards::sdtmig().domain(domain)?;
    let dom = recs.col("DOMAIN", VarType::Char, Origin::Assigned);
    let id = recs.column_mut(dom).intern(Value::char(domain));
    for r in 0..recs.len() {
        recs.column_mut(dom).set_id(r, id);
    }
    let keys: Vec<_> = meta
        .keys
        .iter()
        .filter(|k| !k.ends_with("SEQ"))
        .filter_map(|k| recs.index(k))
        .map(|k| recs.column(k))
        .collect();
    let order = crate::order::by_columns(&keys, recs.len());
    let seq_name = format!("{domain}SEQ");
    if meta.variable(&seq_name).is_some() {
        let subjects: Vec<u32> = match recs.index("USUBJID") {
            Some(c) => order.iter().map(|&r| recs.column(c).id(r)).collect(),
            None => vec![0; order.len()],
        };
        let s = recs.col(&seq_name, VarType::Num, Origin::Derived);
        for (&r, v) in order.iter().zip(seq::numbers(&subjects)) {
            recs.set(r, s, v);
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
        if v.vtype == VarType::Char {
            v.length = Some(at.map_or(0, |c| longest(&recs, c)).max(1));
        }
        vars.push((v, at));
    }
    let columns: Vec<Option<usize>> = vars.iter().map(|(_, at)| *at).collect();
    let mut ds_meta = meta.to_dataset_meta();
    ds_meta.variables = vars.into_iter().map(|(v, _)| v).collect();
    // Columns first: sorting scatters a sheet's runs into a run per value, and picking the
    // columns copies every run it keeps.
    let provenance = recs.provenance.select_columns(&columns).select_rows(&order);
    let out = TableBuilder::from_columns(ds_meta, order.len(), provenance, |col, row| {
        columns[col].map_or(model::ValueRef::NULL, |c| recs.get(order[row], c).view())
    });
    let supp = supp(domain, &recs, &order);
    Some((out, supp))
}

/// The longest text a character column holds, in bytes.
fn longest(recs: &Records, col: usize) -> usize {
    let c = recs.column(col);
    let lens: Vec<usize> = c
        .values()
        .iter()
        .map(|v| v.as_str().map_or(0, str::len))
        .collect();
    c.ids()
        .iter()
        .map(|&id| lens[id as usize])
        .max()
        .unwrap_or(0)
}

/// `SUPP<domain>` for the parent's supplemental qualifiers, one record per value, in the
/// parent's sorted order.
fn supp(domain: &str, recs: &Records, order: &[usize]) -> Option<Table> {
    if order.iter().all(|&r| recs.supp[r].is_empty()) {
        return None;
    }
    let mut meta = standards::sdtmig().supp_meta(domain)?;
    let seq = format!("{domain}SEQ");
    let parent = |r: usize, name: &str| {
        recs.index(name)
            .map_or(Value::NULL, |c| recs.get(r, c).clone())
    };
    let mut out = Dataset::new(meta.clone());
    let qval = meta.index_of("QVAL");
    for &r in order {
        let (idvar, idval) = match parent(r, &seq) {
            Value::Num(n) => (Value::char(seq.clone()), Value::char(format!("{n}"))),
            _ => (Value::NULL, Value::NULL),
        };
        for q in &recs.supp[r] {
            let row = meta
                .variables
                .iter()
                .map(|v| field(v.name.as_str(), q, domain, &idvar, &idval, |n| parent(r, n)))
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
    Some(Table::from(out))
}

fn field(
    name: &str,
    q: &SuppRec,
    domain: &str,
    idvar: &Value,
    idval: &Value,
    parent: impl Fn(&str) -> Value,
) -> Value {
    match name {
        "STUDYID" | "USUBJID" => parent(name),
        "RDOMAIN" => Value::char(domain),
        "IDVAR" => idvar.clone(),
        "IDVARVAL" => idval.clone(),
        "QNAM" => Value::char(q.qnam.clone()),
        "QLABEL" => Value::char(q.qlabel.clone()),
        "QVAL" => q.value.clone(),
        "QORIG" => Value::char(q.qorig.clone()),
        _ => Value::NULL,
    }
}
