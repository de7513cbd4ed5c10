//! A dataset package uploaded as a zip: its datasets (and define.xml) unpacked into a
//! folder under names of our own, with limits a hostile archive cannot get past — at most
//! [`MAX_ENTRIES`] entries and a number of bytes unpacked (by default [`MAX_INFLATED`]),
//! counted as they inflate, not as the archive claims.

use std::io::Read;
use std::path::{Path, PathBuf};

pub const MAX_ENTRIES: usize = 1_000;
pub const MAX_INFLATED: u64 = 2 << 30;

/// What a package may hold: datasets and define.xml (other entries are skipped).
const KINDS: [&str; 6] = ["xpt", "json", "ndjson", "dsjc", "csv", "xml"];

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PackageError {
    #[error("not a readable zip archive: {0}")]
    NotZip(String),
    #[error("the archive has more than {MAX_ENTRIES} entries")]
    TooManyEntries,
    #[error("the archive inflates past {0} MB: refused as a zip bomb")]
    TooLarge(u64),
    #[error("no dataset (xpt, json, ndjson, dsjc, csv) or define.xml in the archive")]
    Empty,
    #[error("unpacking: {0}")]
    Io(String),
}

/// The entry's file name (no folders), letters, digits, `-`, `_` and `.` only.
/// A file name's stem that is safe on any file system and never a path: letters, digits,
/// `-` and `_` kept, anything else `_`, at most 80 characters.
pub fn safe_stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect()
}

fn flat_name(i: usize, name: &str) -> Option<String> {
    let base = name.rsplit(['/', '\\']).next()?;
    let ext = Path::new(base)
        .extension()?
        .to_string_lossy()
        .to_ascii_lowercase();
    if !KINDS.contains(&ext.as_str()) {
        return None;
    }
    let stem = safe_stem(base);
    // define.xml keeps its name: the validator looks for it by name.
    if stem.eq_ignore_ascii_case("define") && ext == "xml" {
        return Some("define.xml".into());
    }
    Some(format!("{stem}.{ext}")).filter(|_| i < MAX_ENTRIES)
}

/// Unpacks `bytes` into `dir`; returns the files written, with the archive's name for each.
pub fn unpack(
    bytes: &[u8],
    dir: &Path,
    max_inflated: u64,
) -> Result<Vec<(PathBuf, String)>, PackageError> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| PackageError::NotZip(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(PackageError::TooManyEntries);
    }
    let mut left = max_inflated;
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut entry = zip
            .by_index(i)
            .map_err(|e| PackageError::NotZip(e.to_string()))?;
        if entry.is_dir() {
            continue;
        }
        // zip 9 decodes names fallibly; a name it cannot decode is shown by its index.
        let shown = entry
            .name()
            .map(|n| n.into_owned())
            .unwrap_or_else(|_| format!("entry-{}", i + 1));
        let Some(name) = flat_name(i, &shown) else {
            continue;
        };
        let path = dir.join(&name);
        if out.iter().any(|(p, _): &(PathBuf, String)| p == &path) {
            continue;
        }
        let mut data = Vec::new();
        // One byte past what is left shows the archive would go over.
        let read = (&mut entry)
            .take(left.saturating_add(1))
            .read_to_end(&mut data)
            .map_err(|e| PackageError::NotZip(format!("{shown}: {e}")))?;
        if read as u64 > left {
            return Err(PackageError::TooLarge(max_inflated >> 20));
        }
        left -= read as u64;
        std::fs::write(&path, &data).map_err(|e| PackageError::Io(e.to_string()))?;
        out.push((path, shown));
    }
    if out.is_empty() {
        return Err(PackageError::Empty);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        for (name, data) in entries {
            w.start_file(*name, opts).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn entries_land_under_our_names_never_their_paths() {
        let dir = tempfile::tempdir().unwrap();
        let z = zip_of(&[
            ("../../etc/dm.xpt", b"x"),
            ("pkg/Define.XML", b"<ODM/>"),
            ("notes.txt", b"skipped"),
        ]);
        let got = unpack(&z, dir.path(), MAX_INFLATED).unwrap();
        let names: Vec<String> = got
            .iter()
            .map(|(p, _)| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["dm.xpt", "define.xml"]);
        assert!(got.iter().all(|(p, _)| p.parent() == Some(dir.path())));
        assert_eq!(got[0].1, "../../etc/dm.xpt");
    }

    #[test]
    fn not_a_zip_and_an_empty_package_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            unpack(b"PK\x03\x04nonsense", dir.path(), MAX_INFLATED),
            Err(PackageError::NotZip(_))
        ));
        assert_eq!(
            unpack(&zip_of(&[("a.txt", b"x")]), dir.path(), MAX_INFLATED),
            Err(PackageError::Empty)
        );
    }

    #[test]
    fn an_archive_that_inflates_past_the_limit_is_a_bomb() {
        let dir = tempfile::tempdir().unwrap();
        let zeros = vec![0u8; 8 << 20];
        let z = zip_of(&[("lb.xpt", &zeros)]);
        assert!(
            z.len() < 64 << 10,
            "8 MB of zeros deflate to {} bytes",
            z.len()
        );
        assert_eq!(
            unpack(&z, dir.path(), 1 << 20),
            Err(PackageError::TooLarge(1))
        );
        assert!(unpack(&z, dir.path(), 16 << 20).is_ok());
    }
}
