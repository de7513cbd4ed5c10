//! The mapping engine's site-input checks. They continue the `sheets` crate's family (which
//! ends at `SI0029`); codes are never reused.
//!
//! | Code | Severity | Meaning |
//! |------|----------|---------|
//! | `SI0030` | error | a column the spec reads is missing from the sheet's header |
//! | `SI0031` | error | value not in the recode table or codelist (unmapped value) |
//! | `SI0032` | error | number outside the spec's plausible range |
//! | `SI0033` | error | subject ID appears twice in the demographics sheet |
//! | `SI0034` | error | subject in a data sheet but not in demographics |
//! | `SI0035` | warning | date before the subject's informed consent |
//! | `SI0036` | warning | date after the subject's end of study |
//! | `SI0037` | warning | visit date outside the visit's window in the schedule |
//! | `SI0038` | error | unit without a declared conversion factor |
//! | `SI0039` | error | required value is empty |
//! | `SI0040` | error | source sheet found in none of the workbooks |
//!
//! Type failures (text that is not a number or a date, impossible dates, Excel error cells)
//! keep the `sheets` codes `SI0001` and `SI0020`–`SI0024`, so one problem has one code
//! whichever step meets it.

use model::{Finding, Severity, SourceCell};

/// One input check with its fixed code and severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Check {
    MissingColumn,
    Unmapped,
    OutOfRange,
    DuplicateSubject,
    SubjectNotInDemographics,
    BeforeConsent,
    AfterEndOfStudy,
    OutsideVisitWindow,
    UnknownUnit,
    RequiredEmpty,
    SheetInNoWorkbook,
}

impl Check {
    pub const ALL: [Check; 11] = [
        Check::MissingColumn,
        Check::Unmapped,
        Check::OutOfRange,
        Check::DuplicateSubject,
        Check::SubjectNotInDemographics,
        Check::BeforeConsent,
        Check::AfterEndOfStudy,
        Check::OutsideVisitWindow,
        Check::UnknownUnit,
        Check::RequiredEmpty,
        Check::SheetInNoWorkbook,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Check::MissingColumn => "SI0030",
            Check::Unmapped => "SI0031",
            Check::OutOfRange => "SI0032",
            Check::DuplicateSubject => "SI0033",
            Check::SubjectNotInDemographics => "SI0034",
            Check::BeforeConsent => "SI0035",
            Check::AfterEndOfStudy => "SI0036",
            Check::OutsideVisitWindow => "SI0037",
            Check::UnknownUnit => "SI0038",
            Check::RequiredEmpty => "SI0039",
            Check::SheetInNoWorkbook => "SI0040",
        }
    }

    pub fn severity(self) -> Severity {
        match self {
            Check::BeforeConsent | Check::AfterEndOfStudy | Check::OutsideVisitWindow => {
                Severity::Warning
            }
            _ => Severity::Error,
        }
    }

    /// A finding of this check at a cell.
    pub fn at(self, source: SourceCell, message: impl Into<String>) -> Finding {
        Finding::new(self.code(), self.severity(), message).from_cell(source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_sequential_and_documented() {
        let docs = include_str!("checks.rs");
        for (i, c) in Check::ALL.iter().enumerate() {
            assert_eq!(c.code(), format!("SI{:04}", 30 + i));
            let row = format!("| `{}` | {} |", c.code(), c.severity());
            assert!(docs.contains(&row), "checks.rs docs lack {row}");
        }
    }
}
