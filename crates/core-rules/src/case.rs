//! Reading a CORE test case folder (`data/`): `.env` (standard and version), `_datasets.csv`
//! (file names and labels), `_variables.csv` (names, labels, types, lengths) and one CSV per
//! dataset. Cells are text; `Num` variables parse as numbers; empty cells are missing.

use crate::error::CaseError;
use crate::package::{Package, Standard};
use model::{Dataset, DatasetMeta, Missing, Value, VarType, Variable};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

impl Package {
    /// Builds a package from a case's `data/` folder (or the case folder holding `data/`).
    pub fn from_case_dir(path: &Path) -> Result<Package, CaseError> {
        let dir = if path.join("data").is_dir() {
            path.join("data")
        } else {
            path.to_path_buf()
        };
        let (standard, typed) = read_env(&dir.join(".env"))?;
        let listed = if dir.join("_datasets.csv").is_file() {
            read_csv(&dir.join("_datasets.csv"))?
        } else {
            // Some published cases omit `_datasets.csv`: every other CSV is a dataset.
            csv_files(&dir)?
        };
        let vars = read_csv(&dir.join("_variables.csv"))?;
        let mut meta: HashMap<String, Vec<Variable>> = HashMap::new();
        for (_, row) in vars.iter().skip(1) {
            let get = |i: usize| row.get(i).map(String::as_str).unwrap_or("");
            let vtype = if typed && get(3).eq_ignore_ascii_case("Num") {
                VarType::Num
            } else {
                VarType::Char
            };
            let mut v = Variable::new(get(1), get(2), vtype);
            v.length = get(4).trim().parse::<f64>().ok().map(|n| n as usize);
            meta.entry(get(0).to_ascii_lowercase()).or_default().push(v);
        }
        let mut datasets = Vec::new();
        for (_, row) in listed.iter().skip(1) {
            let file = row.first().map(String::as_str).unwrap_or("").trim();
            if file.is_empty() {
                continue;
            }
            let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
            let label = row.get(1).cloned().unwrap_or_default();
            let known = meta
                .get(&stem.to_ascii_lowercase())
                .cloned()
                .unwrap_or_default();
            let ds = read_dataset(&find(&dir, stem)?, stem, &label, &known)?;
            datasets.push(table::Table::from(ds));
        }
        Ok(Package { standard, datasets })
    }
}

/// The standard, and whether `Num` variables are typed: CORE's published results for cases
/// without `.env` show numbers as written (`0`, not `0.0`), so those cases keep text.
fn read_env(path: &Path) -> Result<(Standard, bool), CaseError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok((Standard::new("SDTMIG", "3.4"), false));
        }
        Err(source) => {
            return Err(CaseError::Io {
                file: path.display().to_string(),
                source,
            });
        }
    };
    let mut standard = Standard::new("SDTMIG", "3.4");
    for line in text.lines() {
        match line.split_once('=') {
            Some(("PRODUCT", v)) => standard.name = v.trim().to_ascii_uppercase(),
            Some(("VERSION", v)) => standard.version = v.trim().replace('-', "."),
            _ => {}
        }
    }
    Ok((standard, true))
}

/// `(line, [file stem])` rows for every dataset CSV of the folder, in name order.
fn csv_files(dir: &Path) -> Result<Vec<(u64, Vec<String>)>, CaseError> {
    let io = |source| CaseError::Io {
        file: dir.display().to_string(),
        source,
    };
    let mut stems: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let name = entry
            .map_err(io)?
            .file_name()
            .to_string_lossy()
            .into_owned();
        if let Some(stem) = name.strip_suffix(".csv").filter(|s| !s.starts_with('_')) {
            stems.push(stem.to_owned());
        }
    }
    stems.sort();
    let header = (1, vec!["Filename".to_owned(), "Label".to_owned()]);
    Ok(std::iter::once(header)
        .chain(stems.into_iter().map(|s| (0, vec![s, String::new()])))
        .collect())
}

/// The dataset's CSV, matched case-insensitively (`mhLB` is stored as `mhlb.csv`).
fn find(dir: &Path, stem: &str) -> Result<PathBuf, CaseError> {
    let want = format!("{}.csv", stem.to_ascii_lowercase());
    let io = |source| CaseError::Io {
        file: dir.display().to_string(),
        source,
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        if entry.file_name().to_string_lossy().to_ascii_lowercase() == want {
            return Ok(entry.path());
        }
    }
    Err(CaseError::Io {
        file: dir.join(want).display().to_string(),
        source: std::io::Error::new(
            std::io::ErrorKind::NotFound,
            "dataset file listed in _datasets.csv is missing",
        ),
    })
}

/// Rows with their 1-based line numbers.
fn read_csv(path: &Path) -> Result<Vec<(u64, Vec<String>)>, CaseError> {
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| CaseError::Parse {
            file: file.clone(),
            line: 0,
            message: e.to_string(),
        })?;
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| CaseError::Parse {
            file: file.clone(),
            line: e.position().map_or(0, |p| p.line()),
            message: e.to_string(),
        })?;
        let line = rec.position().map_or(0, |p| p.line());
        rows.push((
            line,
            rec.iter()
                .map(|c| c.trim_start_matches('\u{feff}').to_owned())
                .collect(),
        ));
    }
    Ok(rows)
}

fn read_dataset(
    path: &Path,
    stem: &str,
    label: &str,
    known: &[Variable],
) -> Result<Dataset, CaseError> {
    let rows = read_csv(path)?;
    let mut meta = DatasetMeta::new(stem.to_ascii_uppercase(), label);
    let Some(((_, header), body)) = rows.split_first() else {
        return Ok(Dataset::new(meta));
    };
    meta.variables = header
        .iter()
        .map(|h| {
            // Names keep their spelling: CORE flags lower-case variable names.
            let name = h.trim().to_owned();
            known
                .iter()
                .find(|v| v.name.eq_ignore_ascii_case(&name))
                .cloned()
                .map(|v| Variable {
                    name: name.clone(),
                    ..v
                })
                .unwrap_or_else(|| Variable::char(name, ""))
        })
        .collect();
    let mut ds = Dataset::new(meta);
    for (line, row) in body {
        if row.len() > ds.meta.variables.len() {
            return Err(CaseError::Parse {
                file: path.display().to_string(),
                line: *line,
                message: format!(
                    "{} cells for {} columns",
                    row.len(),
                    ds.meta.variables.len()
                ),
            });
        }
        let values = ds
            .meta
            .variables
            .iter()
            .enumerate()
            .map(|(i, v)| cell(row.get(i).map(String::as_str).unwrap_or(""), v.vtype))
            .collect();
        ds.rows.push(values);
    }
    Ok(ds)
}

fn cell(text: &str, vtype: VarType) -> Value {
    if text.is_empty() {
        return Value::Missing(Missing::Dot);
    }
    match vtype {
        // A non-numeric cell in a Num column is missing (coerced, as CORE's results show).
        VarType::Num => text
            .trim()
            .parse::<f64>()
            .map_or(Value::Missing(Missing::Dot), Value::Num),
        VarType::Char => Value::char(text),
    }
}
