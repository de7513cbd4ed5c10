//! Checking one submission: its workbooks through the study's mapping, with the study's own
//! workbooks (the randomization list) read beside them, exactly as `trialbridge validate
//! --mapping` would; findings name the uploaded file, never the temporary path.

use crate::store::Upload;
use model::Finding;
use pipeline::validate::{Request, validate};
use std::path::{Path, PathBuf};

/// What every submission of a study is checked against.
#[derive(Debug, Clone)]
pub struct StudyCheck {
    pub id: String,
    pub mapping: PathBuf,
    /// Study-wide workbooks read with each submission.
    pub with: Vec<PathBuf>,
}

impl StudyCheck {
    /// From a study file: its mapping folder and randomization workbook.
    pub fn load(path: &Path) -> Result<StudyCheck, String> {
        let study = study::Study::load(path).map_err(|errors| {
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        let mapping = study
            .mapping_dir
            .ok_or_else(|| format!("{}: the study file names no [mapping] dir", path.display()))?;
        Ok(StudyCheck {
            id: study.file.study.id.clone(),
            mapping,
            with: study.randomization.into_iter().collect(),
        })
    }
}

/// The file kinds a submission may hold, by their first bytes and name: a zip (xlsx, xlsm,
/// ods, or a dataset package `.zip`), an OLE compound file (xls), or text (csv). Anything
/// else is refused before storing.
pub fn workbook_extension(name: &str, bytes: &[u8]) -> Option<&'static str> {
    let ext = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())?;
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let text = std::str::from_utf8(&bytes[..bytes.len().min(4096)]).is_ok() && !bytes.contains(&0);
    match ext.as_str() {
        "xlsx" if zip => Some("xlsx"),
        "xlsm" if zip => Some("xlsm"),
        "ods" if zip => Some("ods"),
        "zip" if zip => Some("zip"),
        "xls" if ole => Some("xls"),
        "csv" if text => Some("csv"),
        _ => None,
    }
}

/// A file name that is safe on any file system: the upload's letters, digits, `-` and `_`
/// only, never a path; the stem is kept (a dataset's name comes from it), with a number
/// added when two uploads would share a name.
fn safe_name(name: &str, ext: &str, taken: &[String]) -> String {
    let stem = formats::package::safe_stem(name);
    let stem = if stem.is_empty() {
        "file".to_owned()
    } else {
        stem
    };
    let mut candidate = format!("{stem}.{ext}");
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&candidate)) {
        candidate = format!("{stem}_{n}.{ext}");
        n += 1;
    }
    candidate
}

/// Checks the files (a zip package's datasets as `validate` checks a folder); findings are
/// sorted and say the uploaded names.
pub fn run(
    study: &StudyCheck,
    files: &[Upload],
    max_inflated: u64,
) -> Result<Vec<Finding>, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("temporary folder: {e}"))?;
    let mut paths = Vec::new();
    let mut names: Vec<(String, String)> = Vec::new();
    let mut taken: Vec<String> = Vec::new();
    for (i, f) in files.iter().enumerate() {
        let ext = workbook_extension(&f.name, &f.bytes).unwrap_or("bin");
        if ext == "zip" {
            let into = dir.path().join(format!("package-{}", i + 1));
            std::fs::create_dir(&into).map_err(|e| format!("{}: {e}", f.name))?;
            let unpacked = formats::package::unpack(&f.bytes, &into, max_inflated)
                .map_err(|e| format!("{}: {e}", f.name))?;
            for (path, inner) in unpacked {
                names.push((path.display().to_string(), format!("{}!{inner}", f.name)));
                paths.push(path);
            }
            continue;
        }
        let safe = safe_name(&f.name, ext, &taken);
        taken.push(safe.clone());
        let path = dir.path().join(&safe);
        std::fs::write(&path, &f.bytes).map_err(|e| format!("{safe}: {e}"))?;
        names.push((path.display().to_string(), f.name.clone()));
        paths.push(path);
    }
    let console = pipeline::Silent;
    let ctx = pipeline::Ctx {
        console: &console,
        mask: false,
        timestamp: model::Timestamp::from_unix(0),
    };
    let request = Request {
        paths,
        mapping: Some(study.mapping.clone()),
        with: study.with.clone(),
        ..Request::default()
    };
    let done = validate(&ctx, &request).map_err(|f| {
        f.0.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let rename = |s: &str| {
        names.iter().fold(s.to_owned(), |acc, (tmp, shown)| {
            acc.replace(tmp.as_str(), shown)
        })
    };
    let mut findings: Vec<Finding> = done
        .findings
        .into_iter()
        .map(|mut f| {
            f.file = f.file.as_deref().map(rename);
            if let Some(src) = &mut f.source {
                src.file = rename(&src.file);
            }
            f.message = rename(&f.message);
            f
        })
        .collect();
    findings.sort();
    Ok(findings)
}
