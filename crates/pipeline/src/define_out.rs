//! define.xml for a set of datasets, written atomically, its findings located in it.

use crate::output;
use crate::{Ctx, Failure};
use anyhow::anyhow;
use define::doc::{DefineError, write_define};
use model::{Dataset, Finding};
use std::path::Path;

/// Writes define.xml for `datasets` atomically and returns its findings (warnings, and any
/// dangling reference in the written document).
pub fn write(
    ctx: &Ctx<'_>,
    study: &str,
    datasets: &[Dataset],
    out: &Path,
) -> Result<Vec<Finding>, Failure> {
    write_with_results(ctx, study, datasets, Vec::new(), out)
}

/// As [`write`], with Analysis Results Metadata for an ADaM package's results.
pub fn write_with_results(
    ctx: &Ctx<'_>,
    study: &str,
    datasets: &[Dataset],
    results: Vec<define::doc::ResultDisplay>,
    out: &Path,
) -> Result<Vec<Finding>, Failure> {
    let stamp = ctx.timestamp.iso_local();
    let mut doc = define::build(study, datasets, &stamp);
    doc.results = results;
    match write_define(&doc) {
        Ok(written) => {
            output::write_atomic_at(out, &written.xml)?;
            let file = out.display().to_string();
            Ok(written
                .findings
                .into_iter()
                .map(|f| f.or_in_file(&file))
                .collect())
        }
        Err(DefineError::Invalid(findings)) => {
            let mut errors = vec![anyhow!(
                "{} not written: {} problem(s)",
                out.display(),
                findings.len()
            )];
            errors.extend(findings.iter().map(|f| anyhow!("{f}")));
            Err(Failure(errors))
        }
        Err(e) => Err(anyhow!(e).into()),
    }
}
