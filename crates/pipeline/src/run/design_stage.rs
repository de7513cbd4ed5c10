//! Registry record → SDTM trial design (TS, TA, TE, TI, TV). The registry-vs-data
//! cross-checks run later, once DM and ADaM exist (`run::mod`).

use super::write;
use crate::{Ctx, Failure};
use anyhow::anyhow;
use model::Finding;
use sdtm::trial_design::{self, Options, PlannedVisit};
use std::path::{Path, PathBuf};
use study::Study;

pub struct DesignOutcome {
    pub status: String,
    /// The record, for the stages that use it after this one (FHIR).
    pub record: Option<registry::StudyRecord>,
    /// Each dataset with the file it was written to.
    pub datasets: Vec<(String, model::Dataset)>,
}

pub fn run(
    ctx: &Ctx<'_>,
    study: &Study,
    out: &Path,
    shown: &super::Shown,
    findings: &mut Vec<Finding>,
    written: &mut Vec<PathBuf>,
) -> Result<DesignOutcome, Failure> {
    let Some(path) = &study.registry_record else {
        let status = "skipped: the study file names no registry record".into();
        return Ok(DesignOutcome {
            status,
            record: None,
            datasets: Vec::new(),
        });
    };
    let record = registry::read_path(path).map_err(|e| anyhow!("{}: {e}", path.display()))?;
    let design = study.file.design.as_ref();
    let weeks: Vec<u32> = design.map(|d| d.visit_weeks.clone()).unwrap_or_default();
    let opts = Options {
        studyid: Some(study.file.study.id.clone()),
        visits: planned_visits(study, &weeks),
        treatment_duration: design.and_then(|d| d.treatment_duration.clone()),
        follow_up: design.and_then(|d| d.follow_up.clone()),
    };
    let td = trial_design::build(&record, &opts);
    let source = shown.path(path);
    findings.extend(td.findings.iter().cloned().map(|f| f.or_in_file(&source)));
    let dir = out.join("sdtm");
    let mut inputs = Vec::new();
    let mut names = Vec::new();
    for ds in td.datasets() {
        // XPT gets the ASCII copy (RG0017 per changed value); the other formats keep the text.
        let (xpt, rest): (Vec<_>, Vec<_>) = study
            .file
            .output
            .formats
            .iter()
            .copied()
            .partition(|f| *f == study::DatasetFormat::Xpt);
        if !xpt.is_empty() {
            let (ascii, notes) = trial_design::xpt_copy(ds);
            let file = format!("sdtm/{}.xpt", ds.meta.name.to_ascii_lowercase());
            findings.extend(notes.into_iter().map(|f| f.in_file(file.clone())));
            let sunk = write::dataset(ctx, &dir, &ascii, &xpt)?;
            written.extend(sunk.files);
            findings.extend(sunk.findings);
        }
        let sunk = write::dataset(ctx, &dir, ds, &rest)?;
        written.extend(sunk.files);
        findings.extend(sunk.findings);
        names.push(format!("{} ({})", ds.meta.name, ds.rows.len()));
        let file = format!("sdtm/{}.xpt", ds.meta.name.to_ascii_lowercase());
        inputs.push((file, ds.clone()));
    }
    let status = format!("{} from {source}", names.join(", "));
    Ok(DesignOutcome {
        status,
        record: Some(record),
        datasets: inputs,
    })
}

/// TV's schedule: the study file's `visit_weeks` when it gives them, else the mapping's
/// `visits.toml`, so the planned visits carry the names the SDTM records use (a study whose
/// visits are months, not weeks, gets MONTH 6 rather than WEEK 26).
fn planned_visits(study: &Study, weeks: &[u32]) -> Vec<PlannedVisit> {
    if !weeks.is_empty() {
        return PlannedVisit::weeks(weeks);
    }
    // A bad mapping folder is reported by the SDTM stage; here it only means no schedule.
    let schedule = study
        .mapping_dir
        .as_deref()
        .and_then(|m| sdtm::compile_dir(m).ok())
        .and_then(|plan| plan.schedule);
    schedule
        .map(|s| {
            s.visits
                .iter()
                .map(|v| PlannedVisit {
                    visitnum: v.num,
                    visit: v.name.clone(),
                    day: Some(v.day),
                    window: Some(v.window),
                })
                .collect()
        })
        .unwrap_or_default()
}
