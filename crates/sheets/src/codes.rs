//! The site-input codes this crate emits. Codes are never reused; see the table in the
//! crate docs.

use model::{Finding, Severity, SourceCell};

/// One finding code with its fixed severity, so a call site cannot disagree with the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Code {
    ExcelErrorCell,
    RaggedCsvRow,
    EncodingGuessed,
    HiddenSheetRead,
    DuplicateHeader,
    EmptyHeaderInUsedColumn,
    SheetMissing,
    SheetMatchedIgnoringCase,
    BlankRowSkipped,
    NotesBlockIgnored,
    MergedHeaderFilled,
    MergedDataCells,
    NulBytes,
    PhantomLeapDay,
    SerialOutOfRange,
    EmptySheet,
    NoHeaderRow,
    RowsAfterBlankRow,
    DelimiterDetected,
    DateNotInDeclaredFormats,
    ImpossibleDate,
    NotANumber,
    AmbiguousDate,
    WrongCellType,
    UnclosedQuote,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::ExcelErrorCell => "SI0001",
            Code::RaggedCsvRow => "SI0002",
            Code::EncodingGuessed => "SI0003",
            Code::HiddenSheetRead => "SI0004",
            Code::DuplicateHeader => "SI0005",
            Code::EmptyHeaderInUsedColumn => "SI0006",
            Code::SheetMissing => "SI0007",
            Code::SheetMatchedIgnoringCase => "SI0008",
            Code::BlankRowSkipped => "SI0009",
            Code::NotesBlockIgnored => "SI0010",
            Code::MergedHeaderFilled => "SI0011",
            Code::MergedDataCells => "SI0012",
            Code::NulBytes => "SI0013",
            Code::PhantomLeapDay => "SI0014",
            Code::SerialOutOfRange => "SI0015",
            Code::EmptySheet => "SI0016",
            Code::NoHeaderRow => "SI0017",
            Code::RowsAfterBlankRow => "SI0018",
            Code::DelimiterDetected => "SI0019",
            Code::DateNotInDeclaredFormats => "SI0020",
            Code::ImpossibleDate => "SI0021",
            Code::NotANumber => "SI0022",
            Code::AmbiguousDate => "SI0023",
            Code::WrongCellType => "SI0024",
            Code::UnclosedQuote => "SI0025",
        }
    }

    pub fn severity(self) -> Severity {
        use Code::*;
        match self {
            ExcelErrorCell
            | DuplicateHeader
            | SheetMissing
            | NulBytes
            | PhantomLeapDay
            | SerialOutOfRange
            | NoHeaderRow
            | DateNotInDeclaredFormats
            | ImpossibleDate
            | NotANumber
            | AmbiguousDate
            | WrongCellType
            | UnclosedQuote => Severity::Error,
            RaggedCsvRow
            | HiddenSheetRead
            | EmptyHeaderInUsedColumn
            | EmptySheet
            | RowsAfterBlankRow => Severity::Warning,
            EncodingGuessed
            | SheetMatchedIgnoringCase
            | BlankRowSkipped
            | NotesBlockIgnored
            | MergedHeaderFilled
            | MergedDataCells
            | DelimiterDetected => Severity::Notice,
        }
    }

    /// Every code in table order, for the documentation test.
    pub const ALL: [Code; 25] = [
        Code::ExcelErrorCell,
        Code::RaggedCsvRow,
        Code::EncodingGuessed,
        Code::HiddenSheetRead,
        Code::DuplicateHeader,
        Code::EmptyHeaderInUsedColumn,
        Code::SheetMissing,
        Code::SheetMatchedIgnoringCase,
        Code::BlankRowSkipped,
        Code::NotesBlockIgnored,
        Code::MergedHeaderFilled,
        Code::MergedDataCells,
        Code::NulBytes,
        Code::PhantomLeapDay,
        Code::SerialOutOfRange,
        Code::EmptySheet,
        Code::NoHeaderRow,
        Code::RowsAfterBlankRow,
        Code::DelimiterDetected,
        Code::DateNotInDeclaredFormats,
        Code::ImpossibleDate,
        Code::NotANumber,
        Code::AmbiguousDate,
        Code::WrongCellType,
        Code::UnclosedQuote,
    ];

    /// A finding of this code at a cell.
    pub fn at(self, source: SourceCell, message: impl Into<String>) -> Finding {
        Finding::new(self.as_str(), self.severity(), message).from_cell(source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sequential_and_documented() {
        let docs = include_str!("lib.rs");
        for (i, c) in Code::ALL.iter().enumerate() {
            assert_eq!(c.as_str(), format!("SI{:04}", i + 1));
            let row = format!("| `{}` | {} |", c.as_str(), c.severity());
            assert!(
                docs.contains(&row),
                "lib.rs docs lack the row starting {row}"
            );
        }
    }
}
