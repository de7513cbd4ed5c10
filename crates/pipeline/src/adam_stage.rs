//! SDTM → ADaM datasets, their define.xml and the endpoint summary: the layout `run` and
//! `adam` both give their output folder.

use crate::sink::{DatasetSink, Refusal};
use crate::{Ctx, Failure, output};
use model::{Dataset, Finding};
use std::path::{Path, PathBuf};

/// What the ADaM stage wrote and found.
pub struct AdamStage {
    pub written: Vec<PathBuf>,
    pub findings: Vec<Finding>,
    pub status: String,
    /// Whether `summary/` was written (it is not when no endpoint could be computed).
    pub summary: bool,
    /// The ADTTE horizon in days (the longest analysis time) when ADTTE was derived, for the
    /// registry cross-checks of the primary outcome's time frame (XC0009, XC0010).
    pub horizon: Option<f64>,
}

/// Derives ADaM from `sdtm` as `spec` says and writes `out/adam/` and `out/summary/`.
/// Returns the files written, the derivation and writer findings, and a one-line status.
pub fn run_stage(
    ctx: &Ctx<'_>,
    sdtm: &[Dataset],
    spec: &adam::spec::AnalysisSpec,
    out: &Path,
) -> Result<AdamStage, Failure> {
    let derived = adam::derive_all(sdtm, spec, &adam::DeriveOptions::default());
    let mut findings = derived.findings.clone();
    let mut written = Vec::new();
    let dir = out.join("adam");
    // A format that cannot hold the data is skipped with findings saying why.
    let sink = DatasetSink {
        timestamp: ctx.timestamp,
        dir: &dir,
        shown: "adam/",
        refusal: Refusal::Report,
    };
    for ds in &derived.datasets {
        let sunk = sink.write(ds, &["xpt", "json"])?;
        written.extend(sunk.files);
        findings.extend(sunk.findings);
    }
    if !derived.datasets.is_empty() {
        let study = derived
            .summary
            .study
            .clone()
            .chars()
            .filter(|c| !c.is_control())
            .collect::<String>();
        let define = dir.join("define.xml");
        let results = crate::arm::results(spec, &derived.summary);
        findings.extend(crate::define_out::write_with_results(
            ctx,
            &study,
            &derived.datasets,
            results,
            &define,
        )?);
        written.push(define);
    }
    let summary_dir = out.join("summary");
    let s = &derived.summary;
    let endpoints = s.time_to_event.len() + s.change.len() + s.proportion.len();
    // A page with no endpoint on it says nothing; a finding of the derivation says why.
    if endpoints > 0 {
        for (name, text) in [
            ("endpoints.csv", s.to_csv()),
            ("endpoints.json", s.to_json()),
            ("index.html", s.to_html()),
        ] {
            written.push(output::write_atomic(&summary_dir, name, text.as_bytes())?);
        }
    }
    let rows: usize = derived.datasets.iter().map(|d| d.rows.len()).sum();
    let status = format!(
        "{} datasets, {rows} records; {endpoints} endpoints",
        derived.datasets.len(),
    );
    let horizon = derived.horizon;
    Ok(AdamStage {
        summary: endpoints > 0,
        written,
        findings,
        status,
        horizon,
    })
}

/// Compiles the analysis spec in `dir`; a bad spec is every problem, each on its line,
/// named by the spec file as `shown` names the folder.
pub fn compile_spec(dir: &Path, shown: &str) -> Result<adam::spec::AnalysisSpec, Failure> {
    adam::spec::compile_dir(dir).map_err(|e| match e {
        adam::spec::SpecError::Spec(ps) => Failure(
            ps.iter()
                .map(|p| anyhow::anyhow!("{}/{p}", shown.trim_end_matches('/')))
                .collect(),
        ),
        other => Failure(vec![other.into()]),
    })
}

/// The spec in `dir`, else the example study's, which the binary carries.
pub fn spec_or_example(dir: Option<&Path>) -> Result<adam::spec::AnalysisSpec, Failure> {
    match dir {
        Some(d) => compile_spec(d, &d.display().to_string()),
        None => Ok(adam::spec::example()),
    }
}
