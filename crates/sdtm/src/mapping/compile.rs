//! Spec files → [`MappingPlan`], before any data is read. Every problem of every file is
//! collected, so a data manager fixes a spec in one pass.

use super::compile_parts::{derive, order, source, supp, unpivot};
use super::compile_var::{self, VarCx};
use super::derive::visit::Schedule;
use super::plan::*;
use crate::error::{SdtmError, SpecProblem};
use model::{Origin, VarType};
use spec::{self, Diag, check_keys, join, string, table};
use std::path::Path;

const TOP: &[&str] = &["domain", "source", "unpivot", "variables", "supp", "derive"];
/// Hidden helper column: the visit label, read for the visit derivation only.
pub(crate) const VISIT_LABEL: &str = "__VISIT";

/// Compiles one spec from its text; `name` is what problems call the file.
pub(crate) fn compile_one(
    name: &str,
    text: &str,
    d: &mut Diag,
) -> Option<(String, SourcePlan, DerivePlan)> {
    let t = spec::parse(text, d)?;
    check_keys(&t, "", TOP, d);
    let domain = string(&t, "domain", "", d).map(|s| s.to_ascii_uppercase());
    let Some(domain) = domain else {
        d.err(
            "domain",
            "the spec names its target `domain` (e.g. domain = \"AE\")",
        );
        return None;
    };
    let ig = standards::sdtmig();
    let Some(meta) = ig.domain(&domain).filter(|m| m.name != "SUPPQUAL") else {
        d.near(
            "domain",
            format!("`{domain}` is not an SDTMIG {} domain", ig.version()),
            &domain,
            ig.domains().iter().map(|m| m.name.as_str()),
        );
        return None;
    };
    let Some(src) = table(&t, "source", "", d) else {
        d.err("source", "the spec names its `[source]` sheet");
        return None;
    };
    let (table_spec, subject, filters, demographics) = source(src, d);
    let mut columns = vec![subject.clone()];
    columns.extend(filters.iter().map(|f| f.column.clone()));
    let unpivot = unpivot(&t, meta, &mut columns, d);
    let derive = derive(&t, meta, d);
    let mut lookups = Vec::new();
    let mut vars = Vec::new();
    if let Some(vt) = table(&t, "variables", "", d) {
        let names: Vec<String> = vt.keys().cloned().collect();
        for (name, v) in vt {
            let path = join("variables", name);
            let Some(vm) = meta.variable(name) else {
                d.near(
                    &path,
                    format!("{name} is not a variable of SDTMIG {} {domain}; non-standard variables go to [supp]", ig.version()),
                    name,
                    meta.variables().iter().map(|v| v.name.as_str()),
                );
                continue;
            };
            let earlier: Vec<String> = names.iter().filter(|n| *n != name).cloned().collect();
            let mut cx = VarCx {
                earlier: &earlier,
                columns: &mut columns,
                unpivot: !unpivot.is_empty(),
                lookups: &mut lookups,
            };
            vars.extend(compile_var::compile(
                &vm.name,
                vm.vtype,
                vm.codelist(),
                v,
                &path,
                &mut cx,
                d,
            ));
        }
    }
    for item in unpivot.first().map(|i| &i.set).into_iter().flatten() {
        if let Some(vm) = meta.variable(&item.0) {
            vars.push(VarPlan {
                name: vm.name.clone(),
                op: Op::ItemSet,
                steps: Vec::new(),
                required: false,
                origin: Origin::Assigned,
                vtype: vm.vtype,
            });
        }
    }
    if let Some(VisitDerive {
        column: Some(c), ..
    }) = &derive.visit
    {
        columns.push(c.clone());
        vars.push(VarPlan {
            name: VISIT_LABEL.into(),
            op: Op::Column(c.clone()),
            steps: Vec::new(),
            required: false,
            origin: Origin::Collected,
            vtype: VarType::Char,
        });
    }
    let vars = order(vars, d);
    let supp = supp(&t, meta, &mut columns, &mut lookups, d);
    Some((
        domain,
        SourcePlan {
            spec_file: name.to_owned(),
            table: table_spec,
            subject,
            columns: dedup(columns),
            filters,
            unpivot,
            vars,
            supp,
            demographics,
        },
        derive,
    ))
}

pub fn compile_files(files: &[(String, String)]) -> Result<MappingPlan, SdtmError> {
    let mut problems: Vec<SpecProblem> = Vec::new();
    let mut domains: Vec<DomainPlan> = Vec::new();
    let mut schedule = None;
    for (name, text) in files {
        let mut d = Diag::new(name.clone());
        if Path::new(name)
            .file_name()
            .is_some_and(|f| f == "visits.toml")
        {
            if let Some(t) = spec::parse(text, &mut d) {
                schedule = Some(Schedule::parse(&t, &mut d));
            }
        } else if let Some((domain, source, derive)) = compile_one(name, text, &mut d) {
            match domains.iter_mut().find(|p| p.domain == domain) {
                Some(p) => {
                    merge(&mut p.derive, derive);
                    p.sources.push(source);
                }
                None => domains.push(DomainPlan {
                    domain,
                    sources: vec![source],
                    derive,
                }),
            }
        }
        problems.extend(d.problems);
    }
    for p in &domains {
        problems.extend(unmapped_required(p));
    }
    let needs_schedule = domains.iter().any(|p| p.derive.visit.is_some());
    if needs_schedule && schedule.is_none() {
        problems.push(SpecProblem {
            file: "visits.toml".into(),
            path: String::new(),
            message: "a spec derives visits but there is no visits.toml schedule".into(),
            suggestion: None,
        });
    }
    if !problems.is_empty() {
        problems.sort();
        return Err(SdtmError::Spec(problems));
    }
    domains.sort_by_key(|p| p.domain != "DM");
    Ok(MappingPlan {
        domains,
        schedule,
        ct_version: standards::ct().version().to_owned(),
    })
}

fn merge(into: &mut DerivePlan, from: DerivePlan) {
    for v in from.study_day {
        if !into.study_day.contains(&v) {
            into.study_day.push(v)
        }
    }
    for v in from.in_study {
        if !into.in_study.contains(&v) {
            into.in_study.push(v)
        }
    }
    into.visit = into.visit.take().or(from.visit);
    into.epoch = into.epoch.take().or(from.epoch);
    into.baseline = into.baseline.take().or(from.baseline);
}

/// Compiles every `*.toml` of a folder (or one file), in file-name order.
pub fn compile_dir(path: &Path) -> Result<MappingPlan, SdtmError> {
    let io = |p: &Path, source| SdtmError::Io {
        path: p.display().to_string(),
        source,
    };
    let mut paths = Vec::new();
    if path.is_dir() {
        for e in std::fs::read_dir(path).map_err(|e| io(path, e))? {
            let p = e.map_err(|e| io(path, e))?.path();
            if p.extension().is_some_and(|x| x == "toml") {
                paths.push(p);
            }
        }
        paths.sort();
    } else {
        paths.push(path.to_owned());
    }
    let mut files = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(&p).map_err(|e| io(&p, e))?;
        files.push((p.display().to_string(), text));
    }
    compile_files(&files)
}

fn dedup(mut v: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|c| seen.insert(c.clone()));
    v
}

/// Required variables no source maps and no derivation computes.
fn unmapped_required(p: &DomainPlan) -> Vec<SpecProblem> {
    let Some(meta) = standards::sdtmig().domain(&p.domain) else {
        return Vec::new();
    };
    let mut have: Vec<String> = vec!["DOMAIN".into(), format!("{}SEQ", p.domain)];
    for s in &p.sources {
        have.extend(s.vars.iter().map(|v| v.name.clone()));
    }
    if p.derive.visit.is_some() {
        have.extend(["VISIT", "VISITNUM", "EPOCH"].map(String::from));
    }
    meta.required()
        .filter(|v| !have.contains(&v.name))
        .map(|v| SpecProblem {
            file: p
                .sources
                .first()
                .map(|s| s.spec_file.clone())
                .unwrap_or_default(),
            path: "variables".into(),
            message: format!(
                "{} is required in SDTMIG {} {} but no spec of the domain maps it",
                v.name,
                standards::sdtmig().version(),
                p.domain
            ),
            suggestion: None,
        })
        .collect()
}
