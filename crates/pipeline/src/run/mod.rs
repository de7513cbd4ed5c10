//! `trialbridge run`: the whole pipeline for one study, stage by stage.
//!
//! Each stage reads what earlier stages produced and adds files under the output folder;
//! every file goes through an atomic write. Findings from every stage end up in one
//! validation report.

mod design_stage;
mod sdtm_stage;
mod write;

use crate::{Ctx, Failure, cdisc_core, output};
use anyhow::anyhow;
use model::{Finding, Summary};
use serde_json::json;
use std::path::{Path, PathBuf};
use study::Study;

/// What one stage did, for the run manifest and the console.
pub struct StageResult {
    pub name: &'static str,
    pub status: String,
}

/// What a run did: its stages, every file it wrote, and the counts of its findings.
pub struct Ran {
    pub stages: Vec<StageResult>,
    pub written: Vec<PathBuf>,
    pub summary: Summary,
    /// The validation report a reader opens first.
    pub report_html: PathBuf,
}

/// How input paths are shown in outputs: relative to `root` (the folder the embedded example
/// was written to, so outputs do not depend on a temporary folder's name), else to the
/// current folder when possible.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    pub root: Option<PathBuf>,
}

impl Shown {
    pub fn path(&self, p: &Path) -> String {
        if let Some(rel) = self.root.as_deref().and_then(|r| p.strip_prefix(r).ok()) {
            return rel.display().to_string();
        }
        let cwd = std::env::current_dir().unwrap_or_default();
        p.strip_prefix(&cwd).unwrap_or(p).display().to_string()
    }
}

/// Runs every stage for `study`, writing under `out`.
pub fn run(ctx: &Ctx<'_>, study: &Study, out: &Path, shown: &Shown) -> Result<Ran, Failure> {
    ctx.say(format!("study {} ({})", study.file.study.id, study.origin));
    if ctx.verbose() {
        for input in inputs_of(study, shown) {
            ctx.say(format!("  input: {} {}", input["role"], input["path"]));
        }
    }
    let mut findings: Vec<Finding> = Vec::new();
    let mut written: Vec<PathBuf> = Vec::new();
    let mut stages: Vec<StageResult> = Vec::new();

    // A bad analysis spec stops the run before anything is read, like a bad mapping spec.
    let analysis = match &study.analysis_dir {
        Some(dir) => {
            // `fixtures/../analyses/x` reads better as `analyses/x`.
            let plain = dir.canonicalize().unwrap_or_else(|_| dir.clone());
            Some(crate::adam_stage::compile_spec(dir, &shown.path(&plain))?)
        }
        None => None,
    };
    let sdtm = sdtm_stage::run(ctx, study, out, shown, &mut findings, &mut written)?;
    stages.push(StageResult {
        name: "sdtm",
        status: sdtm.status.clone(),
    });

    let design = design_stage::run(ctx, study, out, shown, &mut findings, &mut written)?;
    stages.push(StageResult {
        name: "design",
        status: design.status.clone(),
    });

    // Mapped domains and trial design together: define.xml and the rules see the whole package.
    let mut package: Vec<(String, model::Dataset)> = sdtm.datasets.unwrap_or_default();
    package.extend(design.datasets);
    package.sort_by(|a, b| a.1.name().cmp(b.1.name()));
    // define.xml, ADaM, the cross-checks and FHIR read the datasets as built; the rules read
    // them as Arrow tables, made once each below.
    let (files, datasets): (Vec<String>, Vec<model::Dataset>) = package.into_iter().unzip();
    let dataset = |name: &str| datasets.iter().find(|d| d.name() == name);
    if datasets.is_empty() {
        stages.push(StageResult {
            name: "define",
            status: "skipped: no SDTM datasets".into(),
        });
    } else {
        let path = out.join("sdtm").join("define.xml");
        findings.extend(crate::define_out::write(
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
    if dataset("DM").is_some()
        && let Some(spec) = &analysis
    {
        let stage = crate::adam_stage::run_stage(ctx, &datasets, spec, out)?;
        horizon = stage.horizon;
        let summary = if stage.summary {
            "endpoints.csv, endpoints.json, index.html"
        } else {
            "skipped: no endpoint could be computed"
        };
        let (files, notes, status) = (stage.written, stage.findings, stage.status);
        written.extend(files);
        findings.extend(notes);
        stages.push(StageResult {
            name: "adam",
            status,
        });
        stages.push(StageResult {
            name: "summary",
            status: summary.into(),
        });
    } else {
        let why = if analysis.is_none() {
            "skipped: the study file names no analysis spec ([analysis] dir)"
        } else {
            "skipped: no DM"
        };
        stages.push(StageResult {
            name: "adam",
            status: why.into(),
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
                crate::fhir_out::write(ctx, record, &versions, dm, &out.join("fhir"))?;
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

    let package: Vec<rules::Input> = files
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
        let (found, checked) = cdisc_core::run(&chosen, &standard, "study file", ct, &package);
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
    let inputs: Vec<String> = inputs_of(study, shown)
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
    crate::report::write_reports(
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

    let manifest = manifest(ctx, study, out, shown, &stages, &written)?;
    written.push(output::write_atomic(out, "run.json", manifest.as_bytes())?);
    Ok(Ran {
        stages,
        written,
        summary,
        report_html: vdir.join("report.html"),
    })
}

fn manifest(
    ctx: &Ctx<'_>,
    study: &Study,
    out: &Path,
    shown: &Shown,
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
        "inputs": inputs_of(study, shown),
        "mapping": study.mapping_dir.as_deref().map(|p| shown.path(p)),
        "analysis": study.analysis_dir.as_deref().map(|p| shown.path(p)),
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

/// Every input file with its size, paths as given relative to the current folder when possible.
pub fn inputs_of(study: &Study, shown: &Shown) -> Vec<serde_json::Value> {
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
            json!({"role": role, "path": shown.path(&p), "bytes": bytes})
        })
        .collect()
}
