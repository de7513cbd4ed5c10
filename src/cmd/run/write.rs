//! Writing one dataset in each output format the study asks for.

use crate::cmd::Ctx;
use crate::output::AtomicFile;
use crate::study::DatasetFormat;
use crate::{Failure, output};
use formats::dataset_json::Flavor;
use formats::transcode::{self, Kind, WriteOptions};
use model::{Dataset, Finding};
use std::io::Write;
use std::path::{Path, PathBuf};

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
    let stem = ds.meta.name.to_ascii_lowercase();
    for f in formats {
        let (kind, ext) = match f {
            DatasetFormat::Xpt => (Kind::Xpt, "xpt"),
            DatasetFormat::Json => (Kind::Json(Flavor::Json), "json"),
            DatasetFormat::Ndjson => (Kind::Json(Flavor::Ndjson), "ndjson"),
            DatasetFormat::Csv => (Kind::Csv, "csv"),
        };
        let name = format!("{stem}.{ext}");
        let path = output::confined(dir, &name)?;
        let opts = WriteOptions {
            timestamp: ctx.timestamp,
            file_name: format!("sdtm/{name}"),
        };
        let mut file = AtomicFile::create(&path)?;
        match transcode::write(ds, kind, file.writer(), &opts) {
            Ok(notes) => {
                file.writer()
                    .flush()
                    .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
                written.push(file.commit()?);
                findings.extend(notes);
                if kind == Kind::Csv {
                    formats::csv::write_sidecar(&path, &ds.meta).map_err(|e| anyhow::anyhow!(e))?;
                }
            }
            Err(e) => {
                let refused = transcode::refusal_findings(&e).to_vec();
                if refused.is_empty() {
                    return Err(anyhow::anyhow!(e).into());
                }
                findings.extend(refused);
            }
        }
    }
    Ok((written, findings))
}
