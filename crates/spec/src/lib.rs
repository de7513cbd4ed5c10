//! Reading the TOML specs a data manager writes (mapping specs, analysis specs) with
//! positions: every accessor knows the key path it reads, so each problem names the spec
//! file, the path and, for a misspelt key, the likely intended one.

use std::fmt;
use toml::{Table, Value};

pub use toml;

/// One problem in a spec, positioned by spec file and TOML key path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SpecProblem {
    pub file: String,
    /// Dotted TOML key path, e.g. `variables.SEX.recode.table."Male"`; empty for the file.
    pub path: String,
    pub message: String,
    /// A near name the author probably meant.
    pub suggestion: Option<String>,
}

impl fmt::Display for SpecProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean `{s}`?)")?;
        }
        Ok(())
    }
}

/// Problems collected while compiling one spec file; compiling goes on after a problem so
/// that an author sees them all at once.
#[derive(Debug)]
pub struct Diag {
    pub file: String,
    pub problems: Vec<SpecProblem>,
}

impl Diag {
    pub fn new(file: impl Into<String>) -> Diag {
        Diag {
            file: file.into(),
            problems: Vec::new(),
        }
    }

    pub fn err(&mut self, path: &str, message: impl Into<String>) {
        self.push(path, message.into(), None);
    }

    /// A problem with a "did you mean" drawn from `candidates`.
    pub fn near<'a>(
        &mut self,
        path: &str,
        message: impl Into<String>,
        wanted: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) {
        let s = model::text::did_you_mean(wanted, candidates).map(str::to_owned);
        self.push(path, message.into(), s);
    }

    fn push(&mut self, path: &str, message: String, suggestion: Option<String>) {
        self.problems.push(SpecProblem {
            file: self.file.clone(),
            path: path.to_owned(),
            message,
            suggestion,
        });
    }
}

fn bare(k: &str) -> bool {
    !k.is_empty()
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

/// `parent.key`, quoting the key when TOML would need quotes.
pub fn join(parent: &str, k: &str) -> String {
    let k = if bare(k) { k.to_owned() } else { quote(k) };
    if parent.is_empty() {
        k
    } else {
        format!("{parent}.{k}")
    }
}

/// `parent."key"`: data keys (recode table entries) are always quoted, as they are values
/// someone typed into a workbook.
pub fn join_quoted(parent: &str, k: &str) -> String {
    format!("{parent}.{}", quote(k))
}

fn quote(k: &str) -> String {
    format!("\"{}\"", k.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Reports every key of `t` not in `allowed`, with the nearest allowed one.
pub fn check_keys(t: &Table, path: &str, allowed: &[&str], d: &mut Diag) {
    for k in t.keys() {
        if !allowed.contains(&k.as_str()) {
            d.near(
                &join(path, k),
                format!("unknown key `{k}`; allowed here: {}", allowed.join(", ")),
                k,
                allowed.iter().copied(),
            );
        }
    }
}

pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::String(_) => "a string",
        Value::Integer(_) => "an integer",
        Value::Float(_) => "a number",
        Value::Boolean(_) => "a boolean",
        Value::Datetime(_) => "a date",
        Value::Array(_) => "an array",
        Value::Table(_) => "a table",
    }
}

pub fn string(t: &Table, k: &str, path: &str, d: &mut Diag) -> Option<String> {
    match t.get(k)? {
        Value::String(s) => Some(s.clone()),
        other => {
            d.err(
                &join(path, k),
                format!("expected a string, found {}", type_name(other)),
            );
            None
        }
    }
}

/// A string or an array of strings.
pub fn strings(t: &Table, k: &str, path: &str, d: &mut Diag) -> Option<Vec<String>> {
    strings_of(t.get(k)?, &join(path, k), d)
}

/// A string or an array of strings, as a value already found at `path`.
pub fn strings_of(v: &Value, path: &str, d: &mut Diag) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(a) => {
            let mut out = Vec::new();
            for (i, v) in a.iter().enumerate() {
                match v {
                    Value::String(s) => out.push(s.clone()),
                    other => d.err(
                        &format!("{path}[{i}]"),
                        format!("expected a string, found {}", type_name(other)),
                    ),
                }
            }
            Some(out)
        }
        other => {
            d.err(
                path,
                format!(
                    "expected a string or an array of strings, found {}",
                    type_name(other)
                ),
            );
            None
        }
    }
}

pub fn table<'a>(t: &'a Table, k: &str, path: &str, d: &mut Diag) -> Option<&'a Table> {
    match t.get(k)? {
        Value::Table(x) => Some(x),
        other => {
            d.err(
                &join(path, k),
                format!("expected a table, found {}", type_name(other)),
            );
            None
        }
    }
}

pub fn boolean(t: &Table, k: &str, path: &str, d: &mut Diag) -> Option<bool> {
    match t.get(k)? {
        Value::Boolean(b) => Some(*b),
        other => {
            d.err(
                &join(path, k),
                format!("expected true or false, found {}", type_name(other)),
            );
            None
        }
    }
}

pub fn number(t: &Table, k: &str, path: &str, d: &mut Diag) -> Option<f64> {
    match t.get(k)? {
        Value::Integer(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        other => {
            d.err(
                &join(path, k),
                format!("expected a number, found {}", type_name(other)),
            );
            None
        }
    }
}

/// An array of tables (`[[source.filter]]`), or one inline table.
pub fn tables<'a>(t: &'a Table, k: &str, path: &str, d: &mut Diag) -> Vec<&'a Table> {
    match t.get(k) {
        None => Vec::new(),
        Some(Value::Table(x)) => vec![x],
        Some(Value::Array(a)) => a
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v {
                Value::Table(x) => Some(x),
                other => {
                    d.err(
                        &format!("{}[{i}]", join(path, k)),
                        format!("expected a table, found {}", type_name(other)),
                    );
                    None
                }
            })
            .collect(),
        Some(other) => {
            d.err(
                &join(path, k),
                format!("expected an array of tables, found {}", type_name(other)),
            );
            Vec::new()
        }
    }
}

/// Parses the file's text; a syntax error is one problem at the file level with its line.
pub fn parse(text: &str, d: &mut Diag) -> Option<Table> {
    match text.parse::<Table>() {
        Ok(t) => Some(t),
        Err(e) => {
            d.err("", format!("not valid TOML: {}", e.to_string().trim_end()));
            None
        }
    }
}
