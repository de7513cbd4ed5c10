//! `trialbridge adam`: SDTM datasets in, ADaM datasets and the endpoint summary out.
//!
//! Writes `<out>/adam/<name>.xpt` and `.json` for ADSL, ADTTE, ADAE and the datasets the
//! analysis spec (`--spec`, else the example study's) names, `<out>/adam/define.xml`, and `<out>/summary/` (`endpoints.csv`,
//! `endpoints.json`, `index.html` with the Kaplan–Meier plots): the same layout `run`
//! gives its output folder: the pipeline's ADaM stage serves both.

use crate::cli::AdamArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use anyhow::{Context, anyhow};
use model::{Dataset, Finding, Severity, Summary};
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
    let spec = pipeline::adam_stage::spec_or_example(args.spec.as_deref())?;
    let pipeline::adam_stage::AdamStage {
        written,
        findings: notes,
        status,
        ..
    } = pipeline::adam_stage::run_stage(&ctx.stage(), &sdtm, &spec, &args.out)?;
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
