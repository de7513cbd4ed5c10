//! Read access to SDTM datasets by variable name, with the conversions every derivation
//! needs: trimmed text, numbers that may have arrived as text (CSV), and ISO 8601 dates as
//! SAS date numbers.
//!
//! Only complete dates become SAS dates here; partial dates are the business of the one
//! derivation that imputes them (ADAE), so nothing is imputed silently.

use crate::spec::Select;
use model::{Dataset, Finding, IsoDateTime, Value};
use std::collections::BTreeMap;

/// One SDTM dataset, looked up case-insensitively by name.
#[derive(Clone, Copy)]
pub(crate) struct Table<'a> {
    pub ds: &'a Dataset,
}

impl<'a> Table<'a> {
    pub fn find(sdtm: &'a [Dataset], name: &str) -> Option<Table<'a>> {
        sdtm.iter()
            .find(|d| d.meta.name.eq_ignore_ascii_case(name))
            .map(|ds| Table { ds })
    }

    pub fn rows(self) -> impl Iterator<Item = Row<'a>> {
        (0..self.ds.rows.len()).map(move |i| Row { ds: self.ds, i })
    }

    /// Rows of one subject, in dataset order.
    pub fn subject(self, usubjid: &'a str) -> impl Iterator<Item = Row<'a>> {
        self.rows()
            .filter(move |r| r.str("USUBJID") == Some(usubjid))
    }

    pub fn name(self) -> &'a str {
        &self.ds.meta.name
    }
}

#[derive(Clone, Copy)]
pub(crate) struct Row<'a> {
    ds: &'a Dataset,
    i: usize,
}

impl<'a> Row<'a> {
    fn value(&self, var: &str) -> Option<&'a Value> {
        let col = self.ds.meta.index_of(var)?;
        self.ds.rows.get(self.i)?.get(col)
    }

    /// Non-null text, trimmed; a number prints as text.
    pub fn str(&self, var: &str) -> Option<&'a str> {
        match self.value(var)? {
            Value::Char(s) => Some(s.trim()).filter(|s| !s.is_empty()),
            _ => None,
        }
    }

    pub fn num(&self, var: &str) -> Option<f64> {
        match self.value(var)? {
            Value::Num(n) if n.is_finite() => Some(*n),
            Value::Char(s) => s.trim().parse().ok().filter(|n: &f64| n.is_finite()),
            _ => None,
        }
    }

    pub fn iso(&self, var: &str) -> Option<IsoDateTime> {
        self.str(var)?.parse().ok()
    }

    /// SAS date of a complete `--DTC` date (the time part is ignored).
    pub fn date(&self, var: &str) -> Option<i64> {
        self.iso(var)?.sas_date()
    }

    /// 1-based record number, as findings count records.
    pub fn record(&self) -> u64 {
        self.i as u64 + 1
    }

    /// `f` placed at this SDTM record and variable, and at the workbook cell the value came
    /// from when the dataset knows it, so a derivation problem leads back to its source.
    pub fn locate(&self, f: Finding, var: &str) -> Finding {
        let f = f
            .in_dataset(self.ds.meta.name.clone())
            .at_record(self.record())
            .with_variable(var);
        match self.ds.source(self.i, var) {
            Some(cell) => f.from_cell(cell),
            None => f,
        }
    }
}

/// Per subject, the earliest complete `date` of the records `select` matches, with the
/// record's `--SEQ` (the first record in dataset order on a tie).
pub(crate) fn earliest<'a>(
    sdtm: &'a [Dataset],
    select: &Select,
    date: &str,
) -> BTreeMap<&'a str, (i64, Option<f64>)> {
    let mut out: BTreeMap<&str, (i64, Option<f64>)> = BTreeMap::new();
    let Some(t) = Table::find(sdtm, &select.domain) else {
        return out;
    };
    let seq = format!("{}SEQ", select.domain);
    for r in t.rows().filter(|r| select.matches(|x| r.str(x))) {
        let (Some(u), Some(d)) = (r.str("USUBJID"), r.date(date)) else {
            continue;
        };
        let e = out.entry(u).or_insert((d, r.num(&seq)));
        if d < e.0 {
            *e = (d, r.num(&seq));
        }
    }
    out
}

/// Value helpers for building output rows.
pub(crate) fn num(v: Option<f64>) -> Value {
    v.map_or(Value::NULL, Value::Num)
}

pub(crate) fn date(v: Option<i64>) -> Value {
    v.map_or(Value::NULL, |d| Value::Num(d as f64))
}

pub(crate) fn text(v: Option<&str>) -> Value {
    v.map_or(Value::NULL, Value::char)
}

pub(crate) fn flag(b: bool) -> Value {
    Value::char(if b { "Y" } else { "N" })
}

/// `Y` or null: the ADaM convention for flags such as ABLFL, ANL01FL and TRTEMFL.
pub(crate) fn flag_y(b: bool) -> Value {
    if b { Value::char("Y") } else { Value::NULL }
}
