//! The reference files the library embeds whole: written to OUT_DIR, the large ones
//! deflate-compressed (`src/reference.rs` inflates each once, on first use).

use flate2::Compression;
use flate2::write::DeflateEncoder;
use std::io::Write;
use std::path::Path;

/// (file in the standards folder, name in OUT_DIR, compress?)
pub const EMBEDDED: &[(&str, &str, bool)] = &[
    (
        "fhir/r5/fhir.schema.json",
        "fhir-r5.schema.json.deflate",
        true,
    ),
    (
        "fhir/r4/fhir.schema.json",
        "fhir-r4.schema.json.deflate",
        true,
    ),
    (
        "dataset-json/schema/dataset.schema.v1.1.json",
        "dataset.schema.v1.1.json",
        false,
    ),
];

/// Writes every [`EMBEDDED`] file into `out`.
pub fn write_all(standards: &Path, out: &Path) -> Result<(), String> {
    for &(src, dst, compress) in EMBEDDED {
        let path = standards.join(src);
        let raw = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        // Checked here so that the library's `&str` of it cannot fail.
        std::str::from_utf8(&raw).map_err(|e| format!("{}: not UTF-8: {e}", path.display()))?;
        let bytes = if compress {
            let mut enc = DeflateEncoder::new(Vec::new(), Compression::best());
            enc.write_all(&raw)
                .and_then(|()| enc.finish())
                .map_err(|e| e.to_string())?
        } else {
            raw
        };
        let target = out.join(dst);
        std::fs::write(&target, bytes).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}
