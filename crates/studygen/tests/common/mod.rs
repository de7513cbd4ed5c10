//! A reader of the site workbooks that normalises their mess the way a careful mapper must:
//! trimmed ids, any sex spelling, text and partial dates, numbers stored as text, blank rows
//! and notes blocks skipped. Tests compute truths from cells through this, never from the
//! generator's structs.
#![allow(dead_code, clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use calamine::{Data, Reader, open_workbook_auto};

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/umin000015469")
}

pub const SITE_FILES: [&str; 4] = [
    "site-01-hamamatsu.xlsx",
    "site-02-mikatahara.xlsx",
    "site-03-shizuoka.xlsx",
    "site-04-hamamatsu-mc.xlsx",
];

pub struct Table {
    pub header: Vec<String>,
    /// (1-based Excel row, cells)
    pub rows: Vec<(u32, Vec<Data>)>,
}

impl Table {
    pub fn col(&self, name: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name} in {:?}", self.header))
    }
    pub fn get(&self, row: &[Data], name: &str) -> Data {
        row.get(self.col(name)).cloned().unwrap_or(Data::Empty)
    }
}

fn is_key(s: &str) -> bool {
    let b = s.as_bytes();
    (b.len() == 6 && b[2] == b'-' && s.chars().filter(char::is_ascii_digit).count() == 5)
        || (b.len() == 4 && b[0] == b'R' && s[1..].chars().all(|c| c.is_ascii_digit()))
}

/// The table of a sheet: header = the first row whose column A says `Subject ID` or
/// `Randomization no.`; data = following rows whose column A is a subject/randomization key.
pub fn read(path: &Path, sheet: &str) -> Table {
    let mut wb = open_workbook_auto(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let mut header = Vec::new();
    let mut rows = Vec::new();
    let start = range.start().unwrap_or((0, 0)).0;
    for (i, r) in range.rows().enumerate() {
        let a = text(r.first().unwrap_or(&Data::Empty));
        if header.is_empty() {
            if a == "Subject ID" || a == "Randomization no." {
                header = r.iter().map(text).collect();
            }
        } else if is_key(&a) {
            rows.push((start + i as u32 + 1, r.to_vec()));
        }
    }
    assert!(!header.is_empty(), "{sheet}: no header");
    Table { header, rows }
}

pub fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.trim().to_string(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => format!("{i}"),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

pub fn num(d: &Data) -> Option<f64> {
    match d {
        Data::Float(f) => Some(*f),
        Data::Int(i) => Some(*i as f64),
        Data::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

pub fn sex(d: &Data) -> Option<char> {
    match text(d).to_lowercase().as_str() {
        "m" | "male" => Some('M'),
        "f" | "female" => Some('F'),
        _ => None,
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn civil(serial: f64) -> String {
    studygen::date::Date(serial as i64 - 25_569).to_string()
}

/// ISO 8601, possibly partial (`2016-03`), from a date cell or any of the text forms used.
pub fn date(d: &Data) -> Option<String> {
    match d {
        Data::DateTime(dt) => Some(civil(dt.as_f64())),
        Data::Float(f) => Some(civil(*f)),
        Data::String(s) => {
            let s = s.trim();
            let p: Vec<&str> = s.split(['-', '/']).collect();
            match p.as_slice() {
                [y, m, d] if y.len() == 4 => Some(format!("{y}-{m}-{d}")),
                [d, m, y] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
                    Some(format!("{y}-{m}-{d}"))
                }
                ["UNK", m, y] => Some(format!("{y}-{m}")),
                [y, m] if y.len() == 4 => Some(format!("{y}-{m}")),
                [d, mon, yy] => {
                    let m = MONTHS.iter().position(|x| mon.eq_ignore_ascii_case(x))? + 1;
                    let y: i64 = yy.parse().ok()?;
                    let d: u32 = d.parse().ok()?;
                    Some(format!("{}-{m:02}-{d:02}", 2000 + y))
                }
                _ => None,
            }
        }
        _ => None,
    }
}

pub fn expected() -> toml::Table {
    let s = std::fs::read_to_string(fixtures().join("expected.toml")).unwrap();
    s.parse().unwrap()
}

pub fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    (m, var.sqrt())
}

/// "E42" → (row 41, col 4), 0-based.
pub fn cell_pos(a1: &str) -> (u32, u32) {
    let letters: String = a1.chars().take_while(char::is_ascii_alphabetic).collect();
    let row: u32 = a1[letters.len()..].parse().unwrap();
    let col = letters
        .bytes()
        .fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1));
    (row - 1, col - 1)
}
pub mod trial;
