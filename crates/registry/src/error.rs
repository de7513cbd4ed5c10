//! The one error type of this crate. Every variant says where in the input the problem is,
//! so that a data manager can open the export at the right place.

use std::fmt;

/// The input formats this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    CtgovJson,
    /// The pre-2023 ClinicalTrials.gov API's JSON (`FullStudiesResponse`, `FullStudy`,
    /// `Study` with a PascalCase `ProtocolSection`).
    CtgovClassicJson,
    CtgovXml,
    Ictrp,
    StudyToml,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::CtgovJson => "ClinicalTrials.gov API v2 JSON",
            Format::CtgovClassicJson => "ClinicalTrials.gov classic JSON (pre-2023 API)",
            Format::CtgovXml => "ClinicalTrials.gov legacy XML",
            Format::Ictrp => "WHO ICTRP XML",
            Format::StudyToml => "study TOML",
        })
    }
}

/// A place in an input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An RFC 6901 JSON pointer, e.g. `/protocolSection/designModule/phases/0`.
    Pointer(String),
    /// An element path with the 1-based line and column of its start tag.
    Xml {
        path: String,
        line: usize,
        column: usize,
    },
    /// A dotted TOML key path, with the position when the parser reported one.
    Toml {
        key: String,
        line: Option<usize>,
        column: Option<usize>,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Pointer(p) => write!(f, "`{p}`"),
            Location::Xml { path, line, column } => {
                write!(f, "<{path}> at line {line}, column {column}")
            }
            Location::Toml {
                key,
                line: Some(l),
                column: Some(c),
            } => write!(f, "`{key}` at line {l}, column {c}"),
            Location::Toml { key, .. } => write!(f, "`{key}`"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },

    #[error(
        "cannot tell which registry format {path} is (expected .json, .xml or .toml with a known root)"
    )]
    UnknownFormat { path: String },

    #[error("{format}: not UTF-8 at line {line}, column {column}")]
    Encoding {
        format: Format,
        line: usize,
        column: usize,
    },

    /// Malformed or truncated input: the parser's own message and where it stopped.
    #[error("{format}: syntax error at line {line}, column {column}: {message}")]
    Syntax {
        format: Format,
        line: usize,
        column: usize,
        message: String,
    },

    #[error("{format}: {at}: expected {expected}, found {found}")]
    WrongType {
        format: Format,
        at: Location,
        expected: &'static str,
        found: String,
    },

    #[error("{format}: {at}: unknown {field} `{value}`")]
    UnknownValue {
        format: Format,
        at: Location,
        field: &'static str,
        value: String,
    },

    #[error("{format}: {at}: invalid value `{value}`: {reason}")]
    InvalidValue {
        format: Format,
        at: Location,
        value: String,
        reason: &'static str,
    },

    #[error("{format}: {at}: required {field} is missing")]
    Missing {
        format: Format,
        at: Location,
        field: &'static str,
    },

    /// A DTD, entity declaration or other construct refused on principle: registry exports
    /// never need one, and resolving them is how XXE and entity-expansion attacks work.
    #[error(
        "{format}: {construct} at line {line}, column {column} refused: DTDs and entity declarations are not accepted"
    )]
    Refused {
        format: Format,
        construct: &'static str,
        line: usize,
        column: usize,
    },

    #[error(
        "{format}: undeclared entity `&{name};` at line {line}, column {column} (only the five predefined XML entities and character references are accepted)"
    )]
    UndeclaredEntity {
        format: Format,
        name: String,
        line: usize,
        column: usize,
    },

    #[error("{format}: root element is <{found}>, expected <{expected}>")]
    UnexpectedRoot {
        format: Format,
        found: String,
        expected: &'static str,
    },

    #[error("{format}: expected exactly one trial, found {count}")]
    TrialCount { format: Format, count: usize },
}

impl RegistryError {
    /// The input line and column, when the error has one.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self {
            RegistryError::Encoding { line, column, .. }
            | RegistryError::Syntax { line, column, .. }
            | RegistryError::Refused { line, column, .. }
            | RegistryError::UndeclaredEntity { line, column, .. } => Some((*line, *column)),
            RegistryError::WrongType { at, .. }
            | RegistryError::UnknownValue { at, .. }
            | RegistryError::InvalidValue { at, .. }
            | RegistryError::Missing { at, .. } => match at {
                Location::Xml { line, column, .. } => Some((*line, *column)),
                Location::Toml {
                    line: Some(l),
                    column: Some(c),
                    ..
                } => Some((*l, *c)),
                _ => None,
            },
            _ => None,
        }
    }

    /// The JSON pointer, when the error is about a JSON value.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            RegistryError::WrongType {
                at: Location::Pointer(p),
                ..
            }
            | RegistryError::UnknownValue {
                at: Location::Pointer(p),
                ..
            }
            | RegistryError::InvalidValue {
                at: Location::Pointer(p),
                ..
            }
            | RegistryError::Missing {
                at: Location::Pointer(p),
                ..
            } => Some(p),
            _ => None,
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.as_bytes().get(..offset).unwrap_or_default();
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    // Count characters, not bytes, so a column matches what an editor shows.
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Parses a JSON document of `format`; a syntax error names its line and column.
pub(crate) fn parse_json(text: &str, format: Format) -> Result<serde_json::Value, RegistryError> {
    serde_json::from_str(text).map_err(|e| RegistryError::Syntax {
        format,
        line: e.line(),
        column: e.column(),
        message: e.to_string(),
    })
}

/// Reads bytes as UTF-8 (dropping a BOM), reporting where the first bad byte is.
pub(crate) fn utf8(bytes: &[u8], format: Format) -> Result<&str, RegistryError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let good = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let text = std::str::from_utf8(good).unwrap_or_default();
        let (line, column) = line_column(text, text.len());
        RegistryError::Encoding {
            format,
            line,
            column,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let t = "ab\ncé d";
        assert_eq!(line_column(t, 0), (1, 1));
        assert_eq!(line_column(t, 3), (2, 1));
        assert_eq!(line_column(t, t.find('d').unwrap()), (2, 4));
    }

    #[test]
    fn bad_utf8_is_positioned() {
        let e = utf8(b"ok\nx\xFFy", Format::CtgovXml).unwrap_err();
        assert_eq!(e.position(), Some((2, 2)));
    }
}
