//! `trialbridge run`: the whole pipeline for one study, stage by stage.
//!
//! Each stage reads what earlier stages produced and adds files under the output folder;
//! every file goes through an atomic write. Findings from every stage end up in one
//! validation report.

mod design_stage;
mod sdtm_stage;
mod write;

use crate::cli::RunArgs;
use crate::cmd::{Ctx, cdisc_core};
use crate::{Failure, Outcome};
use anyhow::anyhow;
use model::{Finding, Summary};
use pipeline::output;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use study::Study;

const EXAMPLE_ORIGIN: &str = "embedded example study (fixtures/umin000015469.study.toml)";

/// Where the embedded example was written for this run; paths under it are shown relative
/// to it, so outputs do not depend on the temporary folder's name.
static EXAMPLE_ROOT: OnceLock<PathBuf> = OnceLock::new();

/// What one stage did, for the run manifest and the console.
struct StageResult {
    name: &'static str,
    status: String,
}

pub fn run(ctx: &Ctx, args: &RunArgs) -> Result<Outcome, Failure> {
    // Lives until the run ends: the embedded example's inputs are read from it.
    let example_dir = match args.study {
        Some(_) => None,
        None => Some(
            tempfile::Builder::new()
                .prefix("trialbridge-example")
                .tempdir()
                .map_err(|e| {
                    anyhow!("cannot create a temporary folder for the example study: {e}")
                })?,
        ),
    };
    let study = load(
        args.study.as_deref(),
        example_dir.as_ref().map(|d| d.path()),
    )?;
    ctx.say(format!("study {} ({})", study.file.study.id, study.origin));
    if ctx.verbose {
        for input in inputs_of(&study) {
            ctx.say(format!("  input: {} {}", input["role"], input["path"]));
        }
    }
    let out = &args.out;
    let mut findings: Vec<Finding> = Vec::new();
    let mut written: Vec<PathBuf> = Vec::new();
    let mut stages: Vec<StageResult> = Vec::new();

    let sdtm = sdtm_stage::run(ctx, &study, out, &mut findings, &mut written)?;
    stages.push(StageResult {
        name: "sdtm",
        status: sdtm.status.clone(),
    });

    let design = design_stage::run(ctx, &study, out, &mut findings, &mut written)?;
    stages.push(StageResult {
        name: "design",
        status: design.status.clone(),
    });

    // Mapped domains and trial design together: define.xml and the rules see the whole package.
    let mut package: Vec<rules::Input> = sdtm.datasets.unwrap_or_default();
    package.extend(design.datasets);
    package.sort_by(|a, b| a.name().cmp(b.name()));
    // define.xml, ADaM, the cross-checks and FHIR read the datasets without their file names;
    // they are lent out here and become the rules' inputs again below, never copied.
    let (files, datasets): (Vec<String>, Vec<model::Dataset>) =
        package.into_iter().map(|i| (i.file, i.dataset)).unzip();
    let dataset = |name: &str| datasets.iter().find(|d| d.name() == name);
    if datasets.is_empty() {
        stages.push(StageResult {
            name: "define",
            status: "skipped: no SDTM datasets".into(),
        });
    } else {
        let path = out.join("sdtm").join("define.xml");
        findings.extend(crate::cmd::define::write(
            ctx,
            &study.file.study.id,
            &datasets,
            &path,
        )?);
        written.push(path);
        stages.push(StageResult {
            name: "define",
            status: format!("{} datasets", datasets.len()),
        });
    }
    let mut horizon = None;
    if dataset("DM").is_some() {
        let stage = crate::cmd::adam::run_stage(ctx, &datasets, out)?;
        horizon = stage.horizon;
        let (files, notes, status) = (stage.written, stage.findings, stage.status);
        written.extend(files);
        findings.extend(notes);
        stages.push(StageResult {
            name: "adam",
            status,
        });
        stages.push(StageResult {
            name: "summary",
            status: "endpoints.csv, endpoints.json, index.html".into(),
        });
    } else {
        stages.push(StageResult {
            name: "adam",
            status: "skipped: no DM".into(),
        });
    }
    // Registry vs data, once DM and (when there is one) the ADTTE horizon exist.
    if let Some(record) = &design.record
        && let Some(dm) = dataset("DM")
    {
        let ts = dataset("TS");
        findings.extend(sdtm::trial_design::cross_check(record, dm, ts, horizon));
    }
    match &design.record {
        Some(record) => {
            let versions: Vec<fhir::FhirVersion> = study
                .file
                .output
                .fhir
                .iter()
                .map(|v| match v {
                    study::FhirVersion::R5 => fhir::FhirVersion::R5,
                    study::FhirVersion::R4b => fhir::FhirVersion::R4B,
                })
                .collect();
            let dm = dataset("DM");
            let (fhir_files, notes) =
                crate::cmd::fhir_out::write(ctx, record, &versions, dm, &out.join("fhir"))?;
            let status = format!(
                "{} file(s): ResearchStudy and Bundle for {} version(s)",
                fhir_files.len(),
                versions.len()
            );
            written.extend(fhir_files);
            findings.extend(notes);
            stages.push(StageResult {
                name: "fhir",
                status,
            });
        }
        None => stages.push(StageResult {
            name: "fhir",
            status: "skipped: no registry record".into(),
        }),
    }

    let mut package: Vec<rules::Input> = files
        .into_iter()
        .zip(datasets)
        .map(|(file, dataset)| rules::Input::new(file, dataset))
        .collect();

    // CDISC CORE's published rules for the SDTMIG version the study file declares, next to
    // the catalogue; a problem both find is reported once, by the rule naming the cell.
    let declared = &study.file.standards;
    let versions = rules::Versions {
        sdtm: rules::Claim {
            ig: "SDTMIG".to_owned(),
            version: Some(declared.sdtmig.clone()),
            from: "study file".to_owned(),
            ct: Some(declared.ct.clone()),
            ct_from: Some("study file".to_owned()),
        },
        ..rules::Versions::default()
    };
    let checked = if package.is_empty() {
        None
    } else {
        let chosen = cdisc_core::choose(&[], &[], &[])?;
        let standard = core_rules::Standard::new("SDTMIG", declared.sdtmig.clone());
        let ct = versions.sdtm.ct_versions();
        let (found, checked) = cdisc_core::run(&chosen, &standard, "study file", ct, &mut package);
        findings.extend(found);
        Some(checked)
    };
    if !package.is_empty() {
        let study = rules::Study::new(package).with_versions(versions);
        findings.extend(rules::RuleSet::all().run(&study));
    }
    cdisc_core::dedupe(&mut findings);
    findings.sort();
    findings.dedup();
    let summary = Summary::of(&findings);
    let stamp = ctx.timestamp.iso_utc();
    let inputs: Vec<String> = inputs_of(&study)
        .iter()
        .map(|v| v["path"].as_str().unwrap_or_default().to_owned())
        .collect();
    let tool = reports::json::Tool {
        name: "trialbridge",
        version: env!("CARGO_PKG_VERSION"),
        timestamp: &stamp,
    };
    let report =
        reports::json::render_checked(tool, checked.as_ref(), &inputs, &findings, ctx.mask);
    let vdir = out.join("validation");
    crate::cmd::validate::write_reports(
        &vdir,
        checked.as_ref(),
        &inputs,
        &report,
        &stamp,
        &findings,
        ctx.mask,
    )?;
    written.extend(["report.json", "report.html", "report.xlsx"].map(|f| vdir.join(f)));
    if let Some(c) = &checked {
        stages.push(StageResult {
            name: "core",
            status: cdisc_core::summary(c),
        });
    }
    stages.push(StageResult {
        name: "validation",
        status: format!(
            "{} error(s), {} warning(s), {} notice(s)",
            summary.error, summary.warning, summary.notice
        ),
    });

    let manifest = manifest(ctx, &study, out, &stages, &written)?;
    written.push(output::write_atomic(out, "run.json", manifest.as_bytes())?);
    for s in &stages {
        ctx.say(format!("  {:<10} {}", s.name, s.status));
    }
    ctx.say(format!(
        "wrote {} file(s) under {}",
        written.len(),
        out.display()
    ));
    if summary.error > 0 {
        ctx.say(format!(
            "see {} for the {} error(s)",
            vdir.join("report.html").display(),
            summary.error
        ));
    }
    Ok(if summary.error > 0 {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn manifest(
    ctx: &Ctx,
    study: &Study,
    out: &Path,
    stages: &[StageResult],
    written: &[PathBuf],
) -> Result<String, Failure> {
    let mut outputs: Vec<String> = written
        .iter()
        .map(|p| p.strip_prefix(out).unwrap_or(p).display().to_string())
        .collect();
    outputs.push("run.json".into());
    outputs.sort();
    outputs.dedup();
    let m = json!({
        "tool": {"name": "trialbridge", "version": env!("CARGO_PKG_VERSION")},
        "timestamp": ctx.timestamp.iso_utc(),
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
        "inputs": inputs_of(study),
        "mapping": study.mapping_dir.as_deref().map(display_path),
        "options": {
            "formats": study.file.output.formats,
            "fhir": study.file.output.fhir,
            "masked": ctx.mask,
        },
        "stages": stages.iter().map(|s| json!({"stage": s.name, "status": s.status})).collect::<Vec<_>>(),
        "outputs": outputs,
    });
    Ok(serde_json::to_string_pretty(&m).map_err(|e| anyhow!(e))? + "\n")
}

fn load(path: Option<&Path>, example_dir: Option<&Path>) -> Result<Study, Failure> {
    let result = match (path, example_dir) {
        (Some(p), _) => Study::load(p),
        (None, Some(dir)) => {
            let file = crate::example::write_to(dir)?;
            let _ = EXAMPLE_ROOT.set(dir.to_owned());
            let text =
                std::fs::read_to_string(&file).map_err(|e| anyhow!("{}: {e}", file.display()))?;
            let base = file.parent().unwrap_or(dir);
            Study::from_text(&text, EXAMPLE_ORIGIN, base)
        }
        (None, None) => return Err(anyhow!("no study file and no example folder").into()),
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

/// Paths in outputs never depend on where the example was written: relative to the
/// example's folder, else to the current folder when possible.
pub fn display_path(p: &Path) -> String {
    if let Some(rel) = EXAMPLE_ROOT.get().and_then(|r| p.strip_prefix(r).ok()) {
        return rel.display().to_string();
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    p.strip_prefix(&cwd).unwrap_or(p).display().to_string()
}
