//! Trial-registry exports read into one [`StudyRecord`].
//!
//! | reader | input |
//! |---|---|
//! | [`ctgov_json::read_str`] | ClinicalTrials.gov API v2 study JSON (`protocolSection` ...); hands the classic shape on |
//! | [`ctgov_classic::read_str`] | ClinicalTrials.gov classic JSON of the pre-2023 API (`FullStudiesResponse`, `FullStudy`, `Study`) |
//! | [`ctgov_xml::read_str`] | ClinicalTrials.gov legacy `<clinical_study>` XML |
//! | [`ictrp::read_str`], [`ictrp::read_all`] | WHO ICTRP `<Trials_downloaded_from_ICTRP>` export |
//! | [`toml_study::read_str`] | our study TOML, for registries without an export (UMIN-CTR) |
//!
//! [`read_path`] picks one by extension and, for `.xml` and `.json`, by the root it finds.
//! Errors are one [`RegistryError`] carrying a JSON pointer or a line and column;
//! [`check::check`] lists what a record that reads lacks or holds unmapped, positioned.
//! No reader performs network or file access beyond the file it is given; XML DTDs are
//! refused outright (see [`xml`](crate::ctgov_xml) security notes in the README).

pub mod armcd;
pub mod check;
pub mod codes;
pub mod ctgov_classic;
pub mod ctgov_json;
pub mod ctgov_xml;
pub mod error;
pub mod ictrp;
pub mod normalize;
pub mod record;
pub mod toml_study;
mod xml;

pub use codes::{
    Actuality, AgeUnit, Allocation, ArmType, Coded, InterventionModel, InterventionType, Masking,
    OverallStatus, PartyRole, Phase, PrimaryPurpose, Sex, StudyType,
};
pub use error::{Format, Location, RegistryError};
pub use record::{
    Age, Arm, CTGOV_SYSTEM, Dates, Design, Eligibility, Enrollment, ICTRP_SYSTEM, Identifiers,
    Intervention, Location as Site, Outcome, Outcomes, Party, RegistryId, SecondaryId, Status,
    StudyDate, StudyRecord, Titles, UMIN_SYSTEM,
};

use std::path::Path;

/// Which format `text` is, from its first significant characters and root element.
pub fn sniff(text: &str) -> Option<Format> {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        // The classic roots come first in every classic document.
        let head: String = t.chars().take(64).filter(|c| !c.is_whitespace()).collect();
        if ["{\"FullStudiesResponse\"", "{\"FullStudy\"", "{\"Study\""]
            .iter()
            .any(|r| head.starts_with(r))
        {
            return Some(Format::CtgovClassicJson);
        }
        return Some(Format::CtgovJson);
    }
    if t.starts_with('<') {
        // Look for the root name after any declaration, comments or DOCTYPE.
        let head: String = t.chars().take(4096).collect();
        if head.contains("<Trials_downloaded_from_ICTRP") || head.contains("<Trial>") {
            return Some(Format::Ictrp);
        }
        if head.contains("<clinical_study") {
            return Some(Format::CtgovXml);
        }
        return None;
    }
    None
}

/// Reads text of a known format.
pub fn read_str(text: &str, format: Format) -> Result<StudyRecord, RegistryError> {
    match format {
        Format::CtgovJson => ctgov_json::read_str(text),
        Format::CtgovClassicJson => ctgov_classic::read_str(text),
        Format::CtgovXml => ctgov_xml::read_str(text),
        Format::Ictrp => ictrp::read_str(text),
        Format::StudyToml => toml_study::read_str(text),
    }
}

/// Reads a registry record from a file, choosing the reader by extension (`.toml`) or by
/// content (`.json`, `.xml` or anything else).
pub fn read_path(path: impl AsRef<Path>) -> Result<StudyRecord, RegistryError> {
    let path = path.as_ref();
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|source| RegistryError::Io {
        path: shown.clone(),
        source,
    })?;
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let guess = match ext.as_deref() {
        Some("toml") => Format::StudyToml,
        Some("json") => Format::CtgovJson,
        _ => Format::CtgovXml,
    };
    let text = error::utf8(&bytes, guess)?;
    let format = match ext.as_deref() {
        Some("toml") => Format::StudyToml,
        _ => sniff(text).ok_or(RegistryError::UnknownFormat { path: shown })?,
    };
    read_str(text, format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_roots() {
        assert_eq!(sniff("  {\"protocolSection\":{}}"), Some(Format::CtgovJson));
        assert_eq!(
            sniff("{ \"FullStudiesResponse\": {}}"),
            Some(Format::CtgovClassicJson)
        );
        assert_eq!(
            sniff("<?xml version=\"1.0\"?>\n<clinical_study>"),
            Some(Format::CtgovXml)
        );
        assert_eq!(sniff("<Trials_downloaded_from_ICTRP>"), Some(Format::Ictrp));
        assert_eq!(sniff("<html>"), None);
        assert_eq!(sniff("title = 1"), None);
    }
}
