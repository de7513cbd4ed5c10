//! Values against codelists (variable- and value-level) and key uniqueness: the checks
//! that read every row.

use super::{Compare, MAX_VALUES};
use crate::read::Item;
use model::{Finding, ValueRef};
use std::collections::{HashMap, HashSet};
use table::Row;

impl Compare<'_> {
    /// Reports values outside `terms` among the given rows, once per distinct value.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn misses(
        &self,
        var: &str,
        codelist: &str,
        col: usize,
        terms: &Terms,
        rows: impl Iterator<Item = usize>,
        code: &str,
        out: &mut Vec<Finding>,
    ) {
        let mut seen: HashMap<String, (usize, u64)> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut extra = 0u64;
        for i in rows {
            let Some(v) = self.ds.cell(i, col) else {
                continue;
            };
            if v.is_null() || terms.contains(v) {
                continue;
            }
            let key = text(v);
            if let Some(e) = seen.get_mut(&key) {
                e.1 += 1;
            } else if order.len() < MAX_VALUES {
                seen.insert(key.clone(), (i, 1));
                order.push(key);
            } else {
                extra += 1;
            }
        }
        for key in order {
            let (i, n) = seen[&key];
            let msg = format!(
                "{var} value `{key}` is not in codelist {codelist} ({n} record{})",
                if n == 1 { "" } else { "s" }
            );
            let f = Finding::error(code, msg)
                .at_record(i as u64 + 1)
                .with_value(key);
            out.push(self.finding(f.with_variable(var)));
        }
        if extra > 0 {
            let msg = format!("{var}: {extra} more records hold values not in codelist {codelist}");
            out.push(self.finding(Finding::error(code, msg).with_variable(var)));
        }
    }

    /// Value-level codelists: each record is checked against the first value-level item
    /// (with a codelist) one of whose where clauses it meets.
    pub(super) fn value_level(&self, item: &Item, col: usize, vl: &str, out: &mut Vec<Finding>) {
        let Some(refs) = self.doc.value_lists.get(vl) else {
            return;
        };
        let mut targets = Vec::new();
        for r in refs {
            let Some(vi) = self.doc.items.get(&r.item_oid) else {
                continue;
            };
            let Some(cl) = vi.codelist.as_ref().and_then(|o| self.doc.codelists.get(o)) else {
                continue;
            };
            let clauses: Vec<Vec<Cond>> = r
                .where_clauses
                .iter()
                .filter_map(|wc| self.clause(wc))
                .collect();
            if !cl.external && !clauses.is_empty() {
                targets.push((cl, Terms::new(&cl.values), clauses, Vec::new()));
            }
        }
        if targets.is_empty() {
            return;
        }
        for (i, row) in self.ds.rows().enumerate() {
            let hit = targets
                .iter_mut()
                .find(|t| t.2.iter().any(|c| c.iter().all(|c| c.holds(row))));
            if let Some(t) = hit {
                t.3.push(i);
            }
        }
        for (cl, terms, _, rows) in targets {
            self.misses(
                &item.name,
                &cl.oid,
                col,
                &terms,
                rows.into_iter(),
                "DX0012",
                out,
            );
        }
    }

    /// A where clause as conditions on this dataset's columns; `None` when one cannot be
    /// resolved (FM0122/FM0126 say why).
    fn clause(&self, oid: &str) -> Option<Vec<Cond>> {
        let checks = self.doc.where_clauses.get(oid)?;
        checks
            .iter()
            .map(|rc| {
                let name = &self.doc.items.get(&rc.item_oid)?.name;
                let col = self.ds.meta().index_of(name)?;
                let negate = match rc.comparator.as_str() {
                    "EQ" | "IN" => false,
                    "NE" | "NOTIN" => true,
                    _ => return None,
                };
                Some(Cond {
                    col,
                    negate,
                    values: rc.values.iter().map(|v| v.trim().to_owned()).collect(),
                })
            })
            .collect()
    }

    pub(super) fn keys(&self, out: &mut Vec<Finding>) {
        let mut keyed: Vec<(u32, &str)> = self
            .group
            .refs
            .iter()
            .filter_map(|r| {
                Some((
                    r.key_sequence?,
                    self.doc.items.get(&r.item_oid)?.name.as_str(),
                ))
            })
            .collect();
        keyed.sort();
        let mut names: Vec<&str> = keyed.into_iter().map(|(_, n)| n).collect();
        if names.is_empty() {
            names = self.group.domain_keys.iter().map(String::as_str).collect();
        }
        let cols: Option<Vec<usize>> = names.iter().map(|n| self.ds.meta().index_of(n)).collect();
        let Some(cols) = cols.filter(|c| !c.is_empty()) else {
            return;
        };
        let mut seen: HashMap<String, (usize, u64)> = HashMap::with_capacity(self.ds.len());
        for (i, row) in self.ds.rows().enumerate() {
            let key = cols
                .iter()
                .map(|&c| row.get(c).map(text).unwrap_or_default())
                .collect::<Vec<_>>()
                .join("\u{1f}");
            seen.entry(key).or_insert((i, 0)).1 += 1;
        }
        let mut dups: Vec<(usize, u64, String)> = seen
            .into_iter()
            .filter(|(_, (_, n))| *n > 1)
            .map(|(k, (i, n))| (i, n, k))
            .collect();
        dups.sort();
        let vars: Vec<String> = cols
            .iter()
            .map(|&c| self.ds.meta().variables[c].name.clone())
            .collect();
        for (i, n, key) in dups {
            let values: Vec<&str> = key.split('\u{1f}').collect();
            let shown: Vec<String> = values.iter().map(|v| format!("`{v}`")).collect();
            let msg = format!(
                "key ({}) = ({}) is on {n} records",
                vars.join(", "),
                shown.join(", ")
            );
            let mut f = Finding::error("DX0013", msg).at_record(i as u64 + 1);
            f.variables = vars.clone();
            f.values = values.iter().map(|v| (*v).to_owned()).collect();
            out.push(self.finding(f));
        }
    }
}

/// One `RangeCheck` resolved to a column.
struct Cond {
    col: usize,
    negate: bool,
    values: Vec<String>,
}

impl Cond {
    fn holds(&self, row: Row<'_>) -> bool {
        let v = row.get(self.col).map(text).unwrap_or_default();
        self.values.contains(&v) != self.negate
    }
}

/// A codelist's coded values, as text and, where they parse, as numbers.
pub(super) struct Terms<'a> {
    text: HashSet<&'a str>,
    numbers: Vec<f64>,
}

impl<'a> Terms<'a> {
    pub(super) fn new(values: &'a [String]) -> Terms<'a> {
        Terms {
            text: values.iter().map(|v| v.trim()).collect(),
            numbers: values
                .iter()
                .filter_map(|v| v.trim().parse().ok())
                .map(model::comparable)
                .collect(),
        }
    }

    fn contains(&self, v: ValueRef<'_>) -> bool {
        match v {
            ValueRef::Char(s) => self.text.contains(s.trim()),
            ValueRef::Num(n) => self.numbers.contains(&model::comparable(n)),
            ValueRef::Missing(_) => true,
        }
    }
}

/// A value as define.xml would write it: text trimmed, numbers in shortest form at the
/// precision numbers are compared.
fn text(v: ValueRef<'_>) -> String {
    match v {
        ValueRef::Char(s) => s.trim().to_owned(),
        ValueRef::Missing(_) => String::new(),
        ValueRef::Num(n) => model::comparable_text(n),
    }
}
