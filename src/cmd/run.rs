//! `trialbridge run`: the whole pipeline for one study.

use crate::cli::RunArgs;
use crate::cmd::Ctx;
use crate::study::Study;
use crate::{Failure, Outcome, clock, output};
use anyhow::anyhow;
use serde_json::json;
use std::path::{Path, PathBuf};

/// The example study's file, compiled in so `trialbridge run` works without arguments.
const EXAMPLE_STUDY: &str = include_str!("../../fixtures/umin000015469.study.toml");
const EXAMPLE_ORIGIN: &str = "embedded example study (fixtures/umin000015469.study.toml)";

/// Stages of the pipeline, in order, and whether this build can run them.
const STAGES: [(&str, bool); 6] = [
    ("sdtm", false),
    ("adam", false),
    ("define", false),
    ("fhir", false),
    ("validation", false),
    ("summary", false),
];

pub fn run(ctx: &Ctx, args: &RunArgs) -> Result<Outcome, Failure> {
    let study = load(args.study.as_deref())?;
    ctx.say(format!("study {} ({})", study.file.study.id, study.origin));
    let inputs = inputs_of(&study);
    let bar = crate::progress::bar(STAGES.len() as u64, "run", ctx.quiet);
    let mut stages = Vec::new();
    for (name, available) in STAGES {
        bar.set_message(name);
        stages.push(
            json!({"stage": name, "status": if available { "done" } else { "not available yet" }}),
        );
        bar.inc(1);
    }
    bar.finish_and_clear();
    let manifest = json!({
        "tool": {"name": "trialbridge", "version": env!("CARGO_PKG_VERSION")},
        "timestamp": clock::iso_utc(ctx.timestamp),
        "study": {
            "id": study.file.study.id,
            "title": study.file.study.title,
            "standards": {
                "sdtmig": study.file.standards.sdtmig,
                "adamig": study.file.standards.adamig,
                "ct": study.file.standards.ct,
                "define": study.file.standards.define,
            },
        },
        "inputs": inputs,
        "mapping": study.mapping_dir.as_deref().map(display_path),
        "outputs": {
            "formats": study.file.output.formats,
            "fhir": study.file.output.fhir,
            "masked": ctx.mask,
        },
        "stages": stages,
    });
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| anyhow!(e))? + "\n";
    let written = output::write_atomic(&args.out, "run.json", text.as_bytes())?;
    ctx.say(format!(
        "inputs: {} file(s)",
        manifest["inputs"].as_array().map_or(0, Vec::len)
    ));
    if ctx.verbose {
        for input in manifest["inputs"].as_array().into_iter().flatten() {
            ctx.say(format!("  {} {}", input["role"], input["path"]));
        }
    }
    for (name, available) in STAGES {
        if !available {
            ctx.say(format!("  {name:<10} not available yet"));
        }
    }
    ctx.say(format!("wrote {}", written.display()));
    Ok(Outcome::Clean)
}

fn load(path: Option<&Path>) -> Result<Study, Failure> {
    let result = match path {
        Some(p) => Study::load(p),
        None => {
            let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
            Study::from_text(EXAMPLE_STUDY, EXAMPLE_ORIGIN, &base)
        }
    };
    result.map_err(|errors| Failure(errors.into_iter().map(anyhow::Error::from).collect()))
}

/// Every input file with its size, paths as given relative to the current folder when possible.
fn inputs_of(study: &Study) -> Vec<serde_json::Value> {
    let mut files: Vec<(&str, PathBuf)> = Vec::new();
    files.extend(
        study
            .registry_record
            .iter()
            .map(|p| ("registry", p.clone())),
    );
    files.extend(
        study
            .randomization
            .iter()
            .map(|p| ("randomization", p.clone())),
    );
    files.extend(study.workbooks.iter().map(|p| ("site workbook", p.clone())));
    files
        .into_iter()
        .map(|(role, p)| {
            let bytes = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            json!({"role": role, "path": display_path(&p), "bytes": bytes})
        })
        .collect()
}

/// Paths in outputs never depend on where the repository was checked out.
fn display_path(p: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cwd = std::env::current_dir().unwrap_or_default();
    p.strip_prefix(&cwd)
        .or_else(|_| p.strip_prefix(root))
        .unwrap_or(p)
        .display()
        .to_string()
}
