//! Writing FHIR resources for a registry record: ResearchStudy and a collection Bundle per
//! version, each checked by our own validator before it is written.

use crate::output;
use crate::{Ctx, Failure};
use anyhow::anyhow;
use fhir::{DmRow, FhirVersion, Options};
use model::{Dataset, Finding};
use std::path::{Path, PathBuf};

/// Versions by their command-line names.
pub fn parse_version(v: &str) -> Option<FhirVersion> {
    match v.to_ascii_lowercase().as_str() {
        "r5" => Some(FhirVersion::R5),
        "r4b" => Some(FhirVersion::R4B),
        _ => None,
    }
}

/// Writes `researchstudy-<v>.json` and `bundle-<v>.json` into `dir` for each version; the
/// Bundle has one ResearchSubject per DM subject when `dm` is given. Returns the files and
/// the mapping notices plus anything our validator finds in what was produced.
pub fn write(
    _ctx: &Ctx<'_>,
    record: &registry::StudyRecord,
    versions: &[FhirVersion],
    dm: Option<&Dataset>,
    dir: &Path,
) -> Result<(Vec<PathBuf>, Vec<Finding>), Failure> {
    let rows = dm.map(dm_rows).unwrap_or_default();
    let opts = Options::default();
    let mut files = Vec::new();
    let mut findings = Vec::new();
    for v in versions {
        let tag = match v {
            FhirVersion::R5 => "r5",
            FhirVersion::R4B => "r4b",
        };
        let study = match v {
            FhirVersion::R5 => fhir::research_study_r5(record, &opts),
            FhirVersion::R4B => fhir::research_study_r4b(record, &opts),
        }
        .map_err(|e| anyhow!("FHIR {tag} ResearchStudy: {e}"))?;
        let bundle = fhir::bundle(record, *v, &rows, &opts)
            .map_err(|e| anyhow!("FHIR {tag} Bundle: {e}"))?;
        for (name, out) in [
            (format!("researchstudy-{tag}.json"), study),
            (format!("bundle-{tag}.json"), bundle),
        ] {
            let shown = format!("fhir/{name}");
            findings.extend(out.findings.into_iter().map(|f| f.or_in_file(&shown)));
            findings.extend(
                fhir::validate_json(&out.json, *v)
                    .into_iter()
                    .map(|f| f.in_file(shown.clone())),
            );
            // Compact JSON from the model; a trailing newline keeps the files friendly to diff tools.
            files.push(output::write_atomic(
                dir,
                &name,
                format!("{}\n", out.json).as_bytes(),
            )?);
        }
    }
    Ok((files, findings))
}

fn dm_rows(dm: &Dataset) -> Vec<DmRow> {
    let text = |row: usize, var: &str| {
        dm.get(row, var)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .trim()
            .to_owned()
    };
    (0..dm.rows.len())
        .map(|r| DmRow {
            usubjid: text(r, "USUBJID"),
            armcd: text(r, "ARMCD"),
            actarmcd: text(r, "ACTARMCD"),
            rficdtc: text(r, "RFICDTC"),
        })
        .collect()
}
