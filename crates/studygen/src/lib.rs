//! The example study's site workbooks (UMIN000015469), generated deterministically from the
//! published trial: same bytes every run.

pub mod broken;
pub mod date;
pub mod dosing;
pub mod events;
pub mod labs;
pub mod manifest;
pub mod mess;
pub mod paper;
pub mod readme;
pub mod rng;
pub mod schedule;
pub mod sheet;
pub mod study;
pub mod subjects;
pub mod tables;
pub mod write;

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("writing workbook {file}: {source}")]
    Xlsx {
        file: String,
        source: rust_xlsxwriter::XlsxError,
    },
    #[error("serialising {file}: {source}")]
    Toml {
        file: String,
        source: toml::ser::Error,
    },
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Every fixture file as (path relative to the output directory, bytes).
pub fn render() -> Result<Vec<(String, Vec<u8>)>, Error> {
    let st = study::generate();
    let mut books = Vec::new();
    let mut notes = Vec::new();
    for i in 0..study::SITES.len() {
        let mut b = tables::site_book(&st, i);
        mess::apply(&mut b, i, &mut notes);
        books.push(b);
    }
    let (broken, problems) = broken::break_book(&books[1]);
    books.push(tables::randomization_book(&st));

    let mut out = Vec::new();
    for b in books.iter().chain(std::iter::once(&broken)) {
        let bytes = write::xlsx(b).map_err(|source| Error::Xlsx {
            file: b.file.clone(),
            source,
        })?;
        out.push((b.file.clone(), bytes));
    }
    let toml_err = |file: &str| {
        let file = file.to_string();
        move |source| Error::Toml { file, source }
    };
    let expected = manifest::expected(&st, &books, &notes).map_err(toml_err("expected.toml"))?;
    out.push(("expected.toml".into(), expected.into_bytes()));
    let problems_toml =
        manifest::problems(&broken.file, &problems).map_err(toml_err("broken/PROBLEMS.toml"))?;
    out.push(("broken/PROBLEMS.toml".into(), problems_toml.into_bytes()));
    let site_books: Vec<Book> = books
        .iter()
        .filter(|b| b.file.starts_with("site-"))
        .cloned()
        .collect();
    let mut all = site_books;
    all.extend(
        books
            .iter()
            .filter(|b| !b.file.starts_with("site-"))
            .cloned(),
    );
    out.push((
        "README.md".into(),
        readme::render(&all, &notes, &broken, &problems).into_bytes(),
    ));
    Ok(out)
}

use sheet::Book;

/// Writes every fixture file under `dir`, creating `dir/broken`.
pub fn write_to(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let mut written = Vec::new();
    for (rel, bytes) in render()? {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| Error::Io {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, bytes).map_err(|source| Error::Io {
            path: path.clone(),
            source,
        })?;
        written.push(path);
    }
    Ok(written)
}
