//! `trialbridge define --in DIR --out define.xml`: Define-XML 2.1 for a folder of datasets.

use crate::cli::DefineArgs;
use crate::cmd::Ctx;
use crate::{Failure, Outcome};
use anyhow::anyhow;
use model::{Dataset, Severity};
use std::path::{Path, PathBuf};

pub fn define(ctx: &Ctx, args: &DefineArgs) -> Result<Outcome, Failure> {
    let datasets = read_folder(&args.input)?;
    let study = study_id(&datasets).unwrap_or_else(|| "STUDY".into());
    let findings = pipeline::define_out::write(&ctx.stage(), &study, &datasets, &args.out)?;
    for f in &findings {
        eprintln!("{}", if ctx.mask { f.masked() } else { f.clone() });
    }
    ctx.say(format!(
        "wrote {} ({} datasets)",
        args.out.display(),
        datasets.len()
    ));
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    Ok(if errors {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Every dataset file in `dir` (not recursive), read whole, sorted by name.
fn read_folder(dir: &Path) -> Result<Vec<Dataset>, Failure> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| anyhow!("cannot read folder {}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let n = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            formats::transcode::Kind::from_path(p).is_some()
                && !n.ends_with(".meta.json")
                && !n.starts_with('.')
        })
        .collect();
    files.sort();
    // One dataset may be present in several formats (dm.xpt and dm.json): keep the first.
    let mut seen = std::collections::BTreeSet::new();
    let mut datasets = Vec::new();
    let mut errors = Vec::new();
    for f in files {
        match formats::transcode::read_dataset(&f) {
            Ok((ds, _)) if seen.insert(ds.meta.name.to_ascii_uppercase()) => datasets.push(ds),
            Ok(_) => {}
            Err(e) => errors.push(anyhow!(e)),
        }
    }
    if !errors.is_empty() {
        return Err(Failure(errors));
    }
    if datasets.is_empty() {
        return Err(anyhow!(
            "no datasets (.xpt, .json, .ndjson, .dsjc, .csv) in {}",
            dir.display()
        )
        .into());
    }
    datasets.sort_by_key(|d| define_order(&d.meta.name));
    Ok(datasets)
}

/// Trial design first, then DM and the other domains, SUPP-- after their parents.
fn define_order(name: &str) -> (u8, String) {
    let n = name.to_ascii_uppercase();
    let rank = match n.as_str() {
        "TA" | "TE" | "TI" | "TS" | "TV" => 0,
        "DM" | "ADSL" => 1,
        _ if n.starts_with("SUPP") => 3,
        "RELREC" => 4,
        _ => 2,
    };
    let key = n.strip_prefix("SUPP").map(|p| format!("{p}~")).unwrap_or(n);
    (rank.min(2), key)
}

fn study_id(datasets: &[Dataset]) -> Option<String> {
    datasets.iter().find_map(|d| {
        d.column("STUDYID")?
            .find_map(|v| v.as_str().map(str::trim).map(str::to_owned))
    })
}
