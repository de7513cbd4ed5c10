//! Running a compiled plan over workbooks: read every needed sheet once, map DM first (its
//! subjects and reference dates feed every other domain), then the other domains in
//! parallel; findings sorted and each problem reported once.

use super::build;
use super::derive::{self, dm_reference::Refs};
use super::ops::lookup::Lookups;
use super::plan::{DomainPlan, MappingPlan, Op};
use super::read::{self, Tables};
use super::records::{MapCx, Records, Subjects, map_source};
use crate::error::SdtmError;
use model::{Dataset, Finding};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use table::Table;

/// Everything one run produced.
#[derive(Debug, Clone, Default)]
pub struct Conversion {
    /// Domain datasets then their SUPP-- datasets, sorted by name, as Arrow tables; each value
    /// that came from a workbook cell names it (`Table::source`).
    pub datasets: Vec<Table>,
    /// Site-input findings, sorted, each problem once.
    pub findings: Vec<Finding>,
    /// The CDISC CT package recodes were checked against.
    pub ct_version: String,
}

impl Conversion {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.datasets.iter().find(|d| d.name() == name)
    }

    /// Every dataset as rows of values, for readers not yet on tables.
    pub fn into_datasets(self) -> Vec<Dataset> {
        self.datasets.into_iter().map(|t| t.to_dataset()).collect()
    }

    /// A dataset as rows of values (a copy of its table).
    pub fn dataset(&self, name: &str) -> Option<Dataset> {
        self.table(name).map(Table::to_dataset)
    }
}

/// Maps `workbooks` (path, and the name findings use) with a compiled plan. `Err` only
/// when a workbook cannot be read at all; problems inside them are findings.
pub fn convert(plan: &MappingPlan, workbooks: &[(String, &Path)]) -> Result<Conversion, SdtmError> {
    let mut findings = Vec::new();
    let mut tables = read::read_all(plan, workbooks, &mut findings)?;
    let lookups = lookups(plan, &tables);
    let uses = uses(plan);
    let mut mine: Vec<Tables> = plan
        .domains
        .iter()
        .map(|d| own(d, &uses, &mut tables))
        .collect();
    let mut subjects = Subjects::new();
    let (dm, rest): (Vec<_>, Vec<_>) = plan
        .domains
        .iter()
        .zip(mine.iter_mut().map(std::mem::take))
        .partition(|(d, _)| d.sources.iter().any(|s| s.demographics));
    let mut done: Vec<(String, Records)> = Vec::new();
    let mut refs = Refs::default();
    for (d, mut own) in dm {
        let recs = map_domain(
            d,
            &tables,
            &lookups,
            None,
            &mut subjects,
            &mut own,
            &mut findings,
        );
        refs = Refs::from_dm(&recs);
        done.push((d.domain.clone(), recs));
    }
    let known = (!subjects.is_empty()).then_some(&subjects);
    let mapped: Vec<(String, Records, Vec<Finding>)> = rest
        .into_par_iter()
        .map(|(d, mut own)| {
            let mut fs = Vec::new();
            let mut unused = Subjects::new();
            let recs = map_domain(d, &tables, &lookups, known, &mut unused, &mut own, &mut fs);
            (d.domain.clone(), recs, fs)
        })
        .collect();
    for (name, recs, fs) in mapped {
        findings.extend(fs);
        done.push((name, recs));
    }
    // Every value now lives in the records: the sheets' cells need not outlive the mapping.
    drop(lookups);
    drop(tables);
    let built: Vec<(Vec<Table>, Vec<Finding>)> = done
        .into_par_iter()
        .map(|(name, mut recs)| {
            let mut fs = Vec::new();
            if let Some(p) = plan.domains.iter().find(|p| p.domain == name) {
                derive::run(
                    &name,
                    &p.derive,
                    plan.schedule.as_ref(),
                    &refs,
                    &mut recs,
                    &mut fs,
                );
            }
            let out = match build::build(&name, recs) {
                Some((m, supp)) => std::iter::once(m).chain(supp).collect(),
                None => Vec::new(),
            };
            (out, fs)
        })
        .collect();
    let mut datasets = Vec::new();
    for (ms, fs) in built {
        datasets.extend(ms);
        findings.extend(fs);
    }
    datasets.sort_by(|a, b| a.name().cmp(b.name()));
    Ok(Conversion {
        datasets,
        findings: once_each(findings),
        ct_version: plan.ct_version.clone(),
    })
}

fn map_domain(
    d: &DomainPlan,
    tables: &Tables,
    lookups: &Lookups,
    known: Option<&Subjects>,
    demo: &mut Subjects,
    mine: &mut Tables,
    out: &mut Vec<Finding>,
) -> Records {
    let mut recs = Records::default();
    for s in &d.sources {
        let cx = MapCx {
            domain: &d.domain,
            tables,
            lookups,
            subjects: known,
        };
        map_source(s, &cx, &mut recs, demo, mine, out);
    }
    recs
}

/// How many sources and lookups of the plan read each sheet.
fn uses(plan: &MappingPlan) -> HashMap<String, usize> {
    let mut uses: HashMap<String, usize> = HashMap::new();
    for s in plan.domains.iter().flat_map(|d| &d.sources) {
        *uses.entry(read::key(&s.table)).or_default() += 1;
        for v in s.vars.iter().chain(s.supp.iter().map(|q| &q.var)) {
            if let Op::Lookup(lk) = &v.op {
                *uses.entry(read::key(&lk.table)).or_default() += 1;
            }
        }
    }
    uses
}

/// The sheets only this domain reads, and only once: taken out of the shared tables so its
/// mapping can free each row as it goes.
fn own(d: &DomainPlan, uses: &HashMap<String, usize>, tables: &mut Tables) -> Tables {
    let mut out = Tables::new();
    for s in &d.sources {
        let k = read::key(&s.table);
        if uses.get(&k) == Some(&1)
            && let Some(t) = tables.remove(&k)
        {
            out.insert(k, t);
        }
    }
    out
}

fn lookups(plan: &MappingPlan, tables: &Tables) -> Lookups {
    let mut l = Lookups::default();
    for s in plan.domains.iter().flat_map(|d| &d.sources) {
        for v in s.vars.iter().chain(s.supp.iter().map(|q| &q.var)) {
            if let Op::Lookup(lk) = &v.op
                && let Some(t) = tables.get(&read::key(&lk.table))
            {
                l.add(lk, t);
            }
        }
    }
    l
}

/// A cell read by two domains (a dosing start is EX's start and DM's RFSTDTC) would report
/// the same problem twice; the first report wins.
fn once_each(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort();
    let mut seen = HashSet::new();
    findings.retain(|f| match &f.source {
        Some(s) => seen.insert((f.code.clone(), s.clone())),
        None => true,
    });
    findings
}
