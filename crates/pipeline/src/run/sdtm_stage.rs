//! Site workbooks → SDTM datasets, with every value's source cell kept for the rules.

use super::write;
use crate::{Ctx, Failure};
use anyhow::anyhow;
use model::Finding;
use std::path::{Path, PathBuf};
use study::Study;

pub struct SdtmOutcome {
    pub status: String,
    /// Each dataset with the file it was written to, when the stage ran.
    pub datasets: Option<Vec<(String, model::Dataset)>>,
}

pub fn run(
    ctx: &Ctx<'_>,
    study: &Study,
    out: &Path,
    shown: &super::Shown,
    findings: &mut Vec<Finding>,
    written: &mut Vec<PathBuf>,
) -> Result<SdtmOutcome, Failure> {
    let Some(mapping) = &study.mapping_dir else {
        return Ok(SdtmOutcome {
            status: "skipped: the study file names no mapping folder".into(),
            datasets: None,
        });
    };
    if study.workbooks.is_empty() {
        return Ok(SdtmOutcome {
            status: "skipped: the study file names no site workbooks".into(),
            datasets: None,
        });
    }
    // A bad spec stops the run before any workbook is read.
    let plan = sdtm::compile_dir(mapping).map_err(|e| spec_failure(&e))?;
    let mut books: Vec<(String, PathBuf)> = Vec::new();
    books.extend(
        study
            .randomization
            .iter()
            .map(|p| (shown.path(p), p.clone())),
    );
    books.extend(study.workbooks.iter().map(|p| (shown.path(p), p.clone())));
    let refs: Vec<(String, &Path)> = books
        .iter()
        .map(|(n, p)| (n.clone(), p.as_path()))
        .collect();
    let busy = ctx.console.busy("sdtm");
    let conversion = sdtm::convert(&plan, &refs).map_err(|e| anyhow!(e))?;
    drop(busy);
    let rows: usize = conversion.datasets.iter().map(table::Table::len).sum();
    let status = format!(
        "{} datasets, {rows} records from {} workbook(s); CT {}",
        conversion.datasets.len(),
        books.len(),
        conversion.ct_version
    );
    findings.extend(conversion.findings);
    let dir = out.join("sdtm");
    let mut inputs = Vec::new();
    // Each dataset moves on to the rules with its provenance: one copy for the whole run.
    // The later stages (define, ADaM, the writers) still read rows: each table becomes
    // rows once, and the table is dropped as it does.
    for table in conversion.datasets {
        let dataset = table.to_dataset();
        drop(table);
        let sunk = write::dataset(ctx, &dir, &dataset, &study.file.output.formats)?;
        written.extend(sunk.files);
        findings.extend(sunk.findings);
        let file = format!("sdtm/{}.xpt", dataset.meta.name.to_ascii_lowercase());
        inputs.push((file, dataset));
    }
    Ok(SdtmOutcome {
        status,
        datasets: Some(inputs),
    })
}

/// Every problem of a mapping spec, one line each.
fn spec_failure(e: &sdtm::SdtmError) -> Failure {
    let problems = e.spec_problems();
    if problems.is_empty() {
        return Failure(vec![anyhow!("{e}")]);
    }
    Failure(problems.iter().map(|p| anyhow!("{p}")).collect())
}
