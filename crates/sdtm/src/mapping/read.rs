//! Reading every sheet the plan needs, once per workbook, workbooks in parallel.

use super::checks::Check;
use super::plan::MappingPlan;
use crate::error::SdtmError;
use model::{CellRef, Finding, SourceCell};
use rayon::prelude::*;
use sheets::{RawTable, TableSpec, Workbook};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// Tables by normalized sheet name, in workbook order.
pub(crate) type Tables = HashMap<String, Vec<Arc<RawTable>>>;

/// What one workbook gave: its tables, the findings of reading them, its sheet names.
type BookRead = (Vec<(String, RawTable)>, Vec<Finding>, Vec<String>);

pub(crate) fn key(spec: &TableSpec) -> String {
    sheets::normalize_header(spec.sheet.as_deref().unwrap_or(""))
}

/// Each sheet once: the first spec that reads a sheet sets how its table is found.
fn needs(plan: &MappingPlan) -> Vec<TableSpec> {
    let mut out: Vec<TableSpec> = Vec::new();
    let specs = plan.domains.iter().flat_map(|d| &d.sources).flat_map(|s| {
        std::iter::once(s.table.clone()).chain(
            s.vars
                .iter()
                .chain(s.supp.iter().map(|q| &q.var))
                .filter_map(|v| match &v.op {
                    super::plan::Op::Lookup(l) => Some(l.table.clone()),
                    _ => None,
                }),
        )
    });
    for s in specs {
        if !out.iter().any(|o| key(o) == key(&s)) {
            out.push(s);
        }
    }
    out
}

pub(crate) fn read_all(
    plan: &MappingPlan,
    workbooks: &[(String, &Path)],
    findings: &mut Vec<Finding>,
) -> Result<Tables, SdtmError> {
    let needed = needs(plan);
    let per_book: Vec<Result<BookRead, SdtmError>> = workbooks
        .par_iter()
        .map(|(name, path)| {
            let mut book = Workbook::open_as(path, name, &sheets::ZipLimits::default())?;
            let names: Vec<String> = book.sheets().iter().map(|s| s.name.clone()).collect();
            let mut found = Vec::new();
            let mut fs = Vec::new();
            for spec in &needed {
                let k = key(spec);
                if names.iter().any(|n| sheets::normalize_header(n) == k)
                    && let Some(t) = book.read_table(spec, &mut fs)?
                {
                    found.push((k, t));
                }
            }
            Ok((found, fs, names))
        })
        .collect();
    let mut tables = Tables::new();
    let mut all_names = Vec::new();
    for r in per_book {
        let (found, fs, names) = r?;
        findings.extend(fs);
        all_names.extend(names);
        for (k, t) in found {
            tables.entry(k).or_default().push(Arc::new(t));
        }
    }
    for spec in &needed {
        let wanted = spec.sheet.clone().unwrap_or_default();
        let (Some((first, _)), false) = (workbooks.first(), tables.contains_key(&key(spec))) else {
            continue;
        };
        let hint = model::text::did_you_mean(&wanted, all_names.iter().map(String::as_str))
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        findings.push(Check::SheetInNoWorkbook.at(
            SourceCell {
                file: first.clone(),
                sheet: wanted.clone(),
                cell: CellRef::new(0, 0),
            },
            format!(
                "no workbook has a sheet `{wanted}` ({} read){hint}",
                workbooks.len()
            ),
        ));
    }
    Ok(tables)
}
