//! Writing one dataset in each output format the study asks for.

use crate::sink::{DatasetSink, Refusal, Sunk};
use crate::{Ctx, Failure};
use model::Dataset;
use std::path::Path;
use study::DatasetFormat;

/// Writes `ds` as `<dir>/<name>.<ext>` for each format. Data a format cannot hold (XPT:
/// non-ASCII text, values over 200 bytes) is not cut: that file is not written and the
/// reasons become findings. `Err` only for I/O failures.
pub fn dataset(
    ctx: &Ctx<'_>,
    dir: &Path,
    ds: &Dataset,
    formats: &[DatasetFormat],
) -> Result<Sunk, Failure> {
    let sink = DatasetSink {
        timestamp: ctx.timestamp,
        dir,
        shown: "sdtm/",
        refusal: Refusal::Report,
    };
    let exts: Vec<&str> = formats.iter().map(|f| f.extension()).collect();
    sink.write(ds, &exts)
}
