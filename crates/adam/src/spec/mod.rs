//! Analysis specs: the facts of one study's analyses as data (`analyses/<study>/*.toml`),
//! compiled once into the plan [`crate::derive_all`] follows. The keys are documented for
//! data managers in `analyses/README.md`.
//!
//! Compiling goes on after a problem, so every problem of every file is reported at once,
//! each with its file, key path and, for a misspelt name, the likely intended one.

mod adsl;
mod adtte;
mod bds;
mod composite;
mod dose;
mod names;
mod select;
mod study;
mod summary;

pub use adsl::{AdslSpec, Criterion, Population, SpecVariable, VariableRule};
pub use adtte::{AdtteSpec, Censor, CensorAt, Horizon, Parameter};
pub use bds::{BdsSpec, PchgCriterion, Slope};
pub use composite::{CompositeSpec, CompositeVisit, Part, PartRule};
pub use dose::{Cumulative, DoseSpec, Threshold};
pub use select::{Clause, Select, Test};
pub use study::{Event, EventKind, Origin, VisitWindow, Windows};
pub use summary::{ChangeSpec, ProportionSpec, Purpose, SummarySpec, TteSpec};

use spec::{Diag, SpecProblem};
use std::collections::BTreeMap;
use std::path::Path;

/// One study's analyses, compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysisSpec {
    /// Days after the last dose during which a new AE is still treatment emergent.
    pub teae_window_days: i64,
    pub origin: Origin,
    pub windows: Windows,
    pub events: BTreeMap<String, Event>,
    pub adsl: AdslSpec,
    pub adtte: Option<AdtteSpec>,
    /// BDS datasets from findings domains (`kind = "findings"`, the default), in file-name
    /// order.
    pub bds: Vec<BdsSpec>,
    /// Daily, cumulative and threshold doses (`kind = "dose"`).
    pub doses: Vec<DoseSpec>,
    /// Responder definitions (`kind = "composite"`).
    pub composites: Vec<CompositeSpec>,
    pub summary: SummarySpec,
}

#[derive(Debug, thiserror::Error)]
pub enum SpecError {
    #[error("{} problem(s) in the analysis spec:\n{}", .0.len(), list(.0))]
    Spec(Vec<SpecProblem>),
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

fn list(ps: &[SpecProblem]) -> String {
    ps.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The files of the example study's spec, embedded so the installed binary needs nothing
/// beside it.
pub const EXAMPLE: [(&str, &str); 8] = [
    (
        "analysis.toml",
        include_str!("../../../../analyses/umin000015469/analysis.toml"),
    ),
    (
        "adsl.toml",
        include_str!("../../../../analyses/umin000015469/adsl.toml"),
    ),
    (
        "adtte.toml",
        include_str!("../../../../analyses/umin000015469/adtte.toml"),
    ),
    (
        "adre.toml",
        include_str!("../../../../analyses/umin000015469/adre.toml"),
    ),
    (
        "adlb.toml",
        include_str!("../../../../analyses/umin000015469/adlb.toml"),
    ),
    (
        "summary.toml",
        include_str!("../../../../analyses/umin000015469/summary.toml"),
    ),
    (
        "adgc.toml",
        include_str!("../../../../analyses/umin000015469/adgc.toml"),
    ),
    (
        "adlda.toml",
        include_str!("../../../../analyses/umin000015469/adlda.toml"),
    ),
];

/// The example study's (UMIN000015469) spec.
pub fn example() -> AnalysisSpec {
    let files: Vec<(String, String)> = EXAMPLE
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    match compile(&files) {
        Ok(s) => s,
        // The embedded spec compiles in every test run; this arm is never taken.
        Err(e) => panic!("the embedded example analysis spec does not compile: {e}"),
    }
}

/// Reads every `*.toml` of `dir` and compiles them.
pub fn compile_dir(dir: &Path) -> Result<AnalysisSpec, SpecError> {
    let io = |e: std::io::Error| SpecError::Io {
        path: dir.display().to_string(),
        source: e,
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let p = entry.map_err(io)?.path();
        if p.extension().is_some_and(|x| x == "toml") {
            let text = std::fs::read_to_string(&p).map_err(|e| SpecError::Io {
                path: p.display().to_string(),
                source: e,
            })?;
            let name = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned();
            files.push((name, text));
        }
    }
    compile(&files)
}

/// Compiles the named files of one spec: `analysis.toml` and `adsl.toml` are required;
/// `adtte.toml`, `summary.toml` and one file per BDS dataset (`adre.toml`, `adlb.toml`, …)
/// are optional.
pub fn compile(files: &[(String, String)]) -> Result<AnalysisSpec, SpecError> {
    let cx = names::Ctx::new();
    let mut problems = Vec::new();
    let mut sorted: Vec<&(String, String)> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let mut parsed: BTreeMap<String, (Diag, spec::toml::Table)> = BTreeMap::new();
    for (name, text) in sorted {
        let mut d = Diag::new(name.clone());
        if let Some(t) = spec::parse(text, &mut d) {
            parsed.insert(name.clone(), (d, t));
        } else {
            problems.extend(d.problems);
        }
    }
    let mut take = |name: &str, problems: &mut Vec<SpecProblem>| {
        let got = parsed.remove(name);
        if got.is_none() && !problems.iter().any(|p| p.file == name) {
            problems.push(SpecProblem {
                file: name.to_owned(),
                path: String::new(),
                message: "this file is required in an analysis spec".into(),
                suggestion: None,
            });
        }
        got
    };
    let study = take("analysis.toml", &mut problems).and_then(|(mut d, t)| {
        let s = study::compile(&t, &cx, &mut d);
        problems.extend(d.problems);
        s
    });
    let events: Vec<String> = study
        .as_ref()
        .map(|s| s.events.keys().cloned().collect())
        .unwrap_or_default();
    let windows: Vec<String> = study
        .as_ref()
        .map(|s| {
            let w = &s.windows;
            std::iter::once(w.baseline.clone())
                .chain(w.visits.iter().map(|v| v.avisit.clone()))
                .collect()
        })
        .unwrap_or_default();
    let adsl = take("adsl.toml", &mut problems).and_then(|(mut d, t)| {
        let s = adsl::compile(&t, &cx, &events, &windows, &mut d);
        problems.extend(d.problems);
        s
    });
    let adsl_vars: Vec<String> = adsl.as_ref().map(AdslSpec::names).unwrap_or_default();
    let mut optional = |name: &str| parsed.remove(name);
    let adtte = optional("adtte.toml").and_then(|(mut d, t)| {
        let s = adtte::compile(&t, &cx, &events, &adsl_vars, &mut d);
        problems.extend(d.problems);
        s
    });
    let summary = optional("summary.toml").map(|(mut d, t)| {
        let s = summary::compile(&t, &adsl_vars, &windows, &mut d);
        problems.extend(d.problems);
        s
    });
    // The other files are datasets of a kind; doses first, as composites read them.
    let mut kinds: BTreeMap<String, Vec<(Diag, spec::toml::Table)>> = BTreeMap::new();
    for (_, (mut d, t)) in std::mem::take(&mut parsed) {
        let kind = spec::string(&t, "kind", "", &mut d).unwrap_or_else(|| "findings".into());
        kinds.entry(kind).or_default().push((d, t));
    }
    let (mut bds, mut doses, mut composites) = (Vec::new(), Vec::new(), Vec::new());
    for (mut d, t) in kinds.remove("findings").unwrap_or_default() {
        bds.extend(bds::compile(&t, &cx, &adsl_vars, &mut d));
        problems.extend(d.problems);
    }
    for (mut d, t) in kinds.remove("dose").unwrap_or_default() {
        doses.extend(dose::compile(&t, &cx, &adsl_vars, &mut d));
        problems.extend(d.problems);
    }
    let dose_names: Vec<String> = doses.iter().map(|x: &DoseSpec| x.dataset.clone()).collect();
    for (mut d, t) in kinds.remove("composite").unwrap_or_default() {
        composites.extend(composite::compile(
            &t,
            &cx,
            &adsl_vars,
            &windows,
            &dose_names,
            &mut d,
        ));
        problems.extend(d.problems);
    }
    for (kind, files) in kinds {
        for (mut d, _) in files {
            d.near(
                "kind",
                format!("unknown kind `{kind}`; allowed: findings, dose, composite"),
                &kind,
                ["findings", "dose", "composite"],
            );
            problems.extend(d.problems);
        }
    }
    if !problems.is_empty() {
        problems.sort();
        return Err(SpecError::Spec(problems));
    }
    match (study, adsl) {
        (Some(study), Some(adsl)) => Ok(AnalysisSpec {
            teae_window_days: study.teae_window_days,
            origin: study.origin,
            windows: study.windows,
            events: study.events,
            adsl,
            adtte,
            bds,
            doses,
            composites,
            summary: summary.unwrap_or_default(),
        }),
        // Every path to a missing part above recorded a problem.
        _ => Err(SpecError::Spec(Vec::new())),
    }
}
