//! The one error type of this crate: the file (and where known the sheet or line) could not
//! be read at all. Problems *inside* a readable file are findings, not errors.

/// Why a file could not be read. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum SheetsError {
    #[error("{file}: cannot read the file: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{file}: encrypted workbook (password protected); save an unprotected copy and try again"
    )]
    Encrypted { file: String },
    #[error("{file}: not a readable {format} file: {reason}")]
    Damaged {
        file: String,
        format: &'static str,
        reason: &'static str,
    },
    #[error(
        "{file}: xl/sharedStrings.xml claims {claimed} strings but its {bytes} bytes can hold at most {possible}"
    )]
    SharedStringsClaim {
        file: String,
        claimed: u64,
        bytes: u64,
        possible: u64,
    },
    #[error(
        "{file}: archive member `{member}` claims {claimed} bytes uncompressed, over the limit of {limit}"
    )]
    MemberTooLarge {
        file: String,
        member: String,
        claimed: u64,
        limit: u64,
    },
    #[error(
        "{file}: archive claims {claimed} bytes uncompressed in total, over the limit of {limit}"
    )]
    ArchiveTooLarge {
        file: String,
        claimed: u64,
        limit: u64,
    },
    #[error(
        "{file}: archive member `{member}` claims a compression ratio of {ratio}:1, over the limit of {limit}:1"
    )]
    CompressionRatio {
        file: String,
        member: String,
        ratio: u64,
        limit: u64,
    },
    #[error("{file}: archive has {count} members, over the limit of {limit}")]
    TooManyMembers {
        file: String,
        count: u64,
        limit: u64,
    },
    #[error(
        "{file}: unsupported file type `{extension}` (expected xlsx, xlsm, xlsb, xls, ods, csv or tsv)"
    )]
    UnsupportedType { file: String, extension: String },
    #[error("{file}: {source}")]
    Workbook {
        file: String,
        #[source]
        source: calamine::Error,
    },
    #[error("{file}!{sheet}: {source}")]
    Sheet {
        file: String,
        sheet: String,
        #[source]
        source: calamine::Error,
    },
    #[error("{file}: line {line}: {source}")]
    Csv {
        file: String,
        line: u64,
        #[source]
        source: csv::Error,
    },
    #[error("date format `{pattern}` at character {pos}: {why}")]
    DateFormat {
        pattern: String,
        pos: usize,
        why: &'static str,
    },
}

impl SheetsError {
    /// The file the error is about; `None` for a bad date format in a mapping spec.
    pub fn file(&self) -> Option<&str> {
        match self {
            SheetsError::Io { file, .. }
            | SheetsError::Encrypted { file }
            | SheetsError::Damaged { file, .. }
            | SheetsError::SharedStringsClaim { file, .. }
            | SheetsError::MemberTooLarge { file, .. }
            | SheetsError::ArchiveTooLarge { file, .. }
            | SheetsError::CompressionRatio { file, .. }
            | SheetsError::TooManyMembers { file, .. }
            | SheetsError::UnsupportedType { file, .. }
            | SheetsError::Workbook { file, .. }
            | SheetsError::Sheet { file, .. }
            | SheetsError::Csv { file, .. } => Some(file),
            SheetsError::DateFormat { .. } => None,
        }
    }
}
