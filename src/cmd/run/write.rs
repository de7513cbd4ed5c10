//! Writing one dataset in each output format the study asks for.

use crate::cmd::Ctx;
use crate::{Failure, output};
use model::{Dataset, Finding};
use std::path::{Path, PathBuf};
use study::DatasetFormat;

/// Writes `ds` as `<dir>/<name>.<ext>` for each format. Data a format cannot hold (XPT:
/// non-ASCII text, values over 200 bytes) is not cut: that file is not written and the
/// reasons become findings. `Err` only for I/O failures.
pub fn dataset(
    ctx: &Ctx,
    dir: &Path,
    ds: &Dataset,
    formats: &[DatasetFormat],
) -> Result<(Vec<PathBuf>, Vec<Finding>), Failure> {
    let mut written = Vec::new();
    let mut findings = Vec::new();
    for f in formats {
        let ext = match f {
            DatasetFormat::Xpt => "xpt",
            DatasetFormat::Json => "json",
            DatasetFormat::Ndjson => "ndjson",
            DatasetFormat::Csv => "csv",
        };
        match output::dataset_file(ctx.timestamp, dir, ds, ext, "sdtm/")? {
            output::DatasetFile::Written(path, notes) => {
                if *f == DatasetFormat::Csv {
                    formats::csv::write_sidecar(&path, &ds.meta).map_err(|e| anyhow::anyhow!(e))?;
                }
                written.push(path);
                findings.extend(notes);
            }
            output::DatasetFile::Refused(reasons) => findings.extend(reasons),
        }
    }
    Ok((written, findings))
}
