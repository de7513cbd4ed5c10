//! define.xml against the data it describes.
//!
//! [`against_data`] first runs [`crate::doc::check_references`] (`FM0120`–`FM0131`:
//! dangling and duplicate OIDs) and then compares the document with the datasets. Datasets
//! and variables are matched by name, case-insensitively, as SAS does; a dataset's variables
//! are the `ItemDef`s its `ItemGroupDef` refers to. Define-XML 1.0 is read too (labels from
//! `def:Label`, keys from `def:DomainKeys`); its value-level metadata has no where clauses,
//! so `DX0012` needs 2.x.
//!
//! | code | severity | when |
//! |---|---|---|
//! | `DX0001` | error | the document cannot be read: a DOCTYPE (refused) or malformed XML that `FM0120` did not already report |
//! | `DX0002` | error | an `ItemGroupDef` with no data file among the inputs |
//! | `DX0003` | error | a data file whose dataset is not in define.xml |
//! | `DX0004` | error | a variable in the data that its `ItemGroupDef` does not list |
//! | `DX0005` | error | a variable the `ItemGroupDef` lists that is not in the data |
//! | `DX0006` | error | `DataType` `text` for a numeric variable, or `integer`/`float` for a character one |
//! | `DX0007` | error | `DataType` `integer` but the data holds a fraction (first record) |
//! | `DX0008` | error | `Length` shorter than the longest value (at its record) |
//! | `DX0009` | warning | `Length` differs from the length the data file declares (XPT, Dataset-JSON `length`) |
//! | `DX0010` | warning | the `ItemDef` label differs from the variable's label |
//! | `DX0011` | error | a value that is not in the variable's `CodeList` (once per value, at its first record) |
//! | `DX0012` | error | a value that is not in the codelist of the value-level item whose where clause the record meets |
//! | `DX0013` | error | key variables (`KeySequence`, 1.0 `def:DomainKeys`) not unique: each repeated key once, at its first record |
//! | `DX0014` | error | a dataset's `def:leaf` `xlink:href` names no file next to define.xml |
//! | `DX0015` | warning | a document's `def:leaf` (annotated CRF, guides) names no file next to define.xml |
//! | `DX0016` | warning | the `ItemGroupDef` label differs from the dataset's label (a blank data label is left to the dataset rules) |
//!
//! `DX0017`–`DX0049` are reserved. Codelists are compared after trimming blanks; numeric
//! values match a coded value that parses to the same number; `ExternalCodeList`s (MedDRA,
//! WHODrug) are not checked. At most [`MAX_VALUES`] distinct values are reported per variable
//! and codelist; one more finding counts the rest.

mod values;

use crate::doc::check_references;
use crate::read::{self, Define, Group, Item};
use model::{Finding, ValueRef, VarType};
use std::collections::HashMap;
use std::path::Path;
use table::Table;
use values::Terms;

/// Distinct codelist misses reported per variable before the rest are only counted.
pub const MAX_VALUES: usize = 50;

/// Compares define.xml text (`file` names it in findings) with `datasets`, each with the
/// file it was read from. `base` is the folder the define.xml sits in: when given, every
/// `def:leaf` must name a file there.
pub fn against_data(
    xml: &str,
    file: &str,
    datasets: &[(&str, &Table)],
    base: Option<&Path>,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = check_references(xml)
        .into_iter()
        .map(|f| f.in_file(file))
        .collect();
    let doc = match read::read(xml) {
        Ok(doc) => doc,
        Err(e) => {
            if e.refused || !out.iter().any(|f| f.code == "FM0120") {
                let msg = format!("line {}, column {}: {}", e.line, e.column, e.message);
                out.push(Finding::error("DX0001", msg).in_file(file));
            }
            return out;
        }
    };
    for g in &doc.groups {
        if !datasets
            .iter()
            .any(|(_, d)| d.name().eq_ignore_ascii_case(&g.name))
        {
            let msg = format!(
                "line {}: dataset `{}` is in define.xml but no data file for it was given",
                g.line, g.name
            );
            out.push(
                Finding::error("DX0002", msg)
                    .in_file(file)
                    .in_dataset(g.name.clone())
                    .with_value(g.name.clone()),
            );
        }
    }
    if let Some(base) = base {
        leaves(&doc, file, base, &mut out);
    }
    for &(data_file, ds) in datasets {
        match doc
            .groups
            .iter()
            .find(|g| g.name.eq_ignore_ascii_case(ds.name()))
        {
            Some(g) => Compare::new(&doc, g, file, data_file, ds).run(&mut out),
            None => out.push(
                Finding::error(
                    "DX0003",
                    format!("dataset `{}` is not described in {file}", ds.name()),
                )
                .in_file(data_file)
                .in_dataset(ds.name())
                .with_value(ds.name()),
            ),
        }
    }
    out
}

fn leaves(doc: &Define, file: &str, base: &Path, out: &mut Vec<Finding>) {
    let datasets: HashMap<&str, &Group> = doc
        .groups
        .iter()
        .filter_map(|g| Some((g.archive.as_deref()?, g)))
        .collect();
    let mut ids: Vec<(&String, &String)> = doc.leaves.iter().collect();
    ids.sort();
    for (id, href) in ids {
        // Remote documents cannot be checked from here.
        if href.contains("://") || base.join(href).is_file() {
            continue;
        }
        let f = match datasets.get(id.as_str()) {
            Some(g) => Finding::error(
                "DX0014",
                format!(
                    "the leaf of dataset `{}` names `{href}`, which is not next to {file}",
                    g.name
                ),
            )
            .in_dataset(g.name.clone()),
            None => Finding::warning(
                "DX0015",
                format!("leaf `{id}` names `{href}`, which is not next to {file}"),
            ),
        };
        out.push(f.in_file(file).with_value(href.clone()));
    }
}

/// One dataset against its `ItemGroupDef`.
struct Compare<'a> {
    doc: &'a Define,
    group: &'a Group,
    define_file: &'a str,
    file: &'a str,
    ds: &'a Table,
}

impl<'a> Compare<'a> {
    fn new(
        doc: &'a Define,
        group: &'a Group,
        define_file: &'a str,
        file: &'a str,
        ds: &'a Table,
    ) -> Compare<'a> {
        Compare {
            doc,
            group,
            define_file,
            file,
            ds,
        }
    }

    fn finding(&self, f: Finding) -> Finding {
        f.in_file(self.file).in_dataset(self.ds.name())
    }

    fn run(&self, out: &mut Vec<Finding>) {
        let name = self.ds.name();
        if let Some(label) = &self.group.label
            && !label.trim().is_empty()
            && !self.ds.meta().label.trim().is_empty()
            && label.trim() != self.ds.meta().label.trim()
        {
            let msg = format!(
                "dataset label `{}` differs from `{}` in {} (line {})",
                self.ds.meta().label.trim(),
                label.trim(),
                self.define_file,
                self.group.line
            );
            out.push(self.finding(Finding::warning("DX0016", msg)));
        }
        let items: Vec<(&Item, usize)> = self
            .group
            .refs
            .iter()
            .filter_map(|r| Some((self.doc.items.get(&r.item_oid)?, r.line)))
            .collect();
        for v in &self.ds.meta().variables {
            if !items
                .iter()
                .any(|(i, _)| i.name.eq_ignore_ascii_case(&v.name))
            {
                let msg = format!(
                    "variable {} is in the data but not in {}'s ItemGroupDef (line {})",
                    v.name, name, self.group.line
                );
                out.push(self.finding(Finding::error("DX0004", msg).with_variable(v.name.clone())));
            }
        }
        for (item, line) in &items {
            let Some(col) = self.ds.meta().index_of(&item.name) else {
                let msg = format!(
                    "variable {} is in {} (line {line}) but not in the data",
                    item.name, self.define_file
                );
                out.push(
                    self.finding(Finding::error("DX0005", msg).with_variable(item.name.clone())),
                );
                continue;
            };
            self.variable(item, col, out);
            if let Some(vl) = &item.value_list {
                self.value_level(item, col, vl, out);
            }
        }
        self.keys(out);
    }

    fn variable(&self, item: &Item, col: usize, out: &mut Vec<Finding>) {
        let var = &self.ds.meta().variables[col];
        let with = |f: Finding| self.finding(f.with_variable(var.name.clone()));
        let dt = item.data_type.as_str();
        let clash = match (dt, var.vtype) {
            ("text", VarType::Num) => Some("numeric"),
            ("integer" | "float", VarType::Char) => Some("character"),
            _ => None,
        };
        if let Some(kind) = clash {
            let msg = format!(
                "{} is {kind} in the data but DataType `{dt}` in {} (line {})",
                var.name, self.define_file, item.line
            );
            out.push(with(Finding::error("DX0006", msg).with_value(dt)));
            return;
        }
        if let (Some(label), l) = (&item.label, var.label.trim())
            && label.trim() != l
        {
            let msg = format!(
                "{} label `{l}` differs from `{}` in {} (line {})",
                var.name,
                label.trim(),
                self.define_file,
                item.line
            );
            out.push(with(Finding::warning("DX0010", msg)));
        }
        if dt == "integer"
            && let Some((i, n)) = self
                .ds
                .column(col)
                .into_iter()
                .flat_map(|c| c.iter().enumerate())
                .find_map(|(i, v)| match v {
                    ValueRef::Num(n) if n.fract() != 0.0 => Some((i, n)),
                    _ => None,
                })
        {
            let msg = format!("{} is DataType `integer` but holds `{n}`", var.name);
            out.push(with(
                Finding::error("DX0007", msg)
                    .at_record(i as u64 + 1)
                    .with_value(n.to_string()),
            ));
        }
        if var.vtype == VarType::Char
            && let Some(declared) = item.length
        {
            let longest = self
                .ds
                .column(col)
                .into_iter()
                .flat_map(|c| c.iter().enumerate())
                .filter_map(|(i, v)| Some((i, v.as_str()?.trim_end())))
                .max_by_key(|(i, s)| (s.len(), std::cmp::Reverse(*i)));
            if let Some((i, s)) = longest.filter(|(_, s)| s.len() > declared) {
                let msg = format!(
                    "{} has Length {declared} in {} (line {}) but `{s}` is {} bytes",
                    var.name,
                    self.define_file,
                    item.line,
                    s.len()
                );
                out.push(with(
                    Finding::error("DX0008", msg)
                        .at_record(i as u64 + 1)
                        .with_value(s),
                ));
            }
            if let Some(actual) = var.length.filter(|&n| n != declared) {
                let msg = format!(
                    "{} has Length {declared} in {} (line {}) but {actual} in the data file",
                    var.name, self.define_file, item.line
                );
                out.push(with(
                    Finding::warning("DX0009", msg).with_value(actual.to_string()),
                ));
            }
        }
        if let Some(cl) = item
            .codelist
            .as_ref()
            .and_then(|o| self.doc.codelists.get(o))
            && !cl.external
        {
            let terms = Terms::new(&cl.values);
            let rows = 0..self.ds.len();
            self.misses(&var.name, &cl.oid, col, &terms, rows, "DX0011", out);
        }
    }
}
