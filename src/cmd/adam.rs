//! `trialbridge adam`: SDTM datasets in, ADaM datasets and the endpoint summary out.
//!
//! Writes `<out>/adam/<name>.xpt` and `.json` for ADSL, ADTTE, ADAE, ADRE, ADLB, ADGC and
//! ADLDA, `<out>/adam/define.xml`, and `<out>/summary/` (`endpoints.csv`,
//! `endpoints.json`, `index.html` with the Kaplan–Meier plots): the same layout `run`
//! gives its output folder, so [`run_stage`] serves both.

use crate::cli::AdamArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use anyhow::{Context, anyhow};
use model::{Dataset, Finding, Severity, Summary};
use pipeline::output;
use pipeline::sink::{DatasetSink, Refusal};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub fn adam(ctx: &Ctx, args: &AdamArgs) -> Result<Outcome, Failure> {
    let (sdtm, mut findings) = read_sdtm(&args.sdtm)?;
    if sdtm.is_empty() {
        return Err(anyhow!(
            "no SDTM datasets (.json, .ndjson, .xpt, .csv) in {}",
            args.sdtm.display()
        )
        .into());
    }
    let AdamStage {
        written,
        findings: notes,
        status,
        ..
    } = run_stage(ctx, &sdtm, &args.out)?;
    findings.extend(notes);
    findings.sort();
    for f in &findings {
        let f = if ctx.mask { f.masked() } else { f.clone() };
        if !ctx.quiet || f.severity == Severity::Error {
            crate::out::line(&f.to_string());
        }
    }
    if ctx.verbose {
        for p in &written {
            ctx.say(format!("  wrote {}", p.display()));
        }
    }
    let s = Summary::of(&findings);
    ctx.say(format!(
        "adam: {status} to {}; {} error(s), {} warning(s), {} notice(s)",
        args.out.display(),
        s.error,
        s.warning,
        s.notice
    ));
    Ok(if s.error > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Derives ADaM from `sdtm` and writes `out/adam/` and `out/summary/`. Returns the files
/// written, the derivation and writer findings, and a one-line status.
/// What the ADaM stage wrote and found.
pub struct AdamStage {
    pub written: Vec<PathBuf>,
    pub findings: Vec<Finding>,
    pub status: String,
    /// The ADTTE horizon in days (the longest analysis time) when ADTTE was derived, for the
    /// registry cross-checks of the primary outcome's time frame (XC0009, XC0010).
    pub horizon: Option<f64>,
}

pub fn run_stage(ctx: &Ctx, sdtm: &[Dataset], out: &Path) -> Result<AdamStage, Failure> {
    let derived = adam::derive_all(sdtm, &adam::DeriveOptions::default());
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
        findings.extend(crate::cmd::define::write(
            ctx,
            &study,
            &derived.datasets,
            &define,
        )?);
        written.push(define);
    }
    let summary_dir = out.join("summary");
    let s = &derived.summary;
    for (name, text) in [
        ("endpoints.csv", s.to_csv()),
        ("endpoints.json", s.to_json()),
        ("index.html", s.to_html()),
    ] {
        written.push(output::write_atomic(&summary_dir, name, text.as_bytes())?);
    }
    let rows: usize = derived.datasets.iter().map(|d| d.rows.len()).sum();
    let status = format!(
        "{} datasets, {rows} records; {} endpoints",
        derived.datasets.len(),
        s.time_to_event.len() + s.change.len()
    );
    let horizon = derived
        .datasets
        .iter()
        .any(|d| d.meta.name == "ADTTE")
        .then_some(adam::HORIZON_52W as f64);
    Ok(AdamStage {
        written,
        findings,
        status,
        horizon,
    })
}

/// Every dataset file in `dir` (not recursive), one per dataset name: Dataset-JSON is
/// preferred over XPT because it keeps empty strings apart from nulls.
fn read_sdtm(dir: &Path) -> Result<(Vec<Dataset>, Vec<Finding>), Failure> {
    let entries =
        std::fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))?;
    let mut best: BTreeMap<String, (usize, PathBuf)> = BTreeMap::new();
    for entry in entries {
        let path = entry
            .with_context(|| format!("cannot read {}", dir.display()))?
            .path();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let Some(rank) = ["json", "ndjson", "xpt", "csv"]
            .iter()
            .position(|e| *e == ext)
        else {
            continue;
        };
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().to_ascii_uppercase())
            .unwrap_or_default();
        if best.get(&stem).is_none_or(|(r, _)| rank < *r) {
            best.insert(stem, (rank, path));
        }
    }
    let mut datasets = Vec::new();
    let mut findings = Vec::new();
    for (_, path) in best.into_values() {
        let (ds, notes) = formats::transcode::read_dataset(&path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        datasets.push(ds);
        findings.extend(notes);
    }
    Ok((datasets, findings))
}
