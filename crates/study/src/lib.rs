//! The study file (`study.toml`) that `trialbridge run` reads.
//!
//! Paths in the file are relative to the file's own folder, so a study folder can be moved
//! or checked out anywhere.

use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudyFile {
    pub study: StudySection,
    #[serde(default)]
    pub registry: Option<RegistrySection>,
    #[serde(default)]
    pub sites: Option<SitesSection>,
    #[serde(default)]
    pub mapping: Option<MappingSection>,
    #[serde(default)]
    pub analysis: Option<AnalysisSection>,
    #[serde(default)]
    pub design: Option<DesignSection>,
    #[serde(default)]
    pub standards: Standards,
    #[serde(default)]
    pub output: OutputSection,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StudySection {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegistrySection {
    /// A CT.gov API v2 JSON, CT.gov legacy XML, WHO ICTRP XML or study TOML record.
    pub record: PathBuf,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SitesSection {
    /// File paths or glob patterns of the site workbooks.
    pub workbooks: Vec<String>,
    #[serde(default)]
    pub randomization: Option<PathBuf>,
}

/// What the registry record cannot say about the trial design.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesignSection {
    /// Planned visits in weeks from randomization (TV; week 0 is study day 1).
    #[serde(default)]
    pub visit_weeks: Vec<u32>,
    /// Planned treatment duration, ISO 8601 (e.g. `P52W`).
    #[serde(default)]
    pub treatment_duration: Option<String>,
    /// Planned follow-up after treatment, ISO 8601 (e.g. `P4W`); `""` for a follow-up
    /// epoch without a planned length.
    #[serde(default)]
    pub follow_up: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingSection {
    pub dir: PathBuf,
}

/// The analysis spec (`analyses/<study>/`) that ADaM and the endpoint summary follow.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalysisSection {
    pub dir: PathBuf,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Standards {
    #[serde(default = "default_sdtmig")]
    pub sdtmig: String,
    #[serde(default = "default_adamig")]
    pub adamig: String,
    #[serde(default = "default_ct")]
    pub ct: String,
    #[serde(default = "default_define")]
    pub define: String,
}

impl Default for Standards {
    fn default() -> Standards {
        Standards {
            sdtmig: default_sdtmig(),
            adamig: default_adamig(),
            ct: default_ct(),
            define: default_define(),
        }
    }
}

fn default_sdtmig() -> String {
    "3.4".into()
}
fn default_adamig() -> String {
    "1.3".into()
}
fn default_ct() -> String {
    "2022-03-25".into()
}
fn default_define() -> String {
    "2.1".into()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DatasetFormat {
    Xpt,
    Json,
    Ndjson,
    Csv,
}

impl DatasetFormat {
    /// The file extension, which is how the writers are chosen.
    pub fn extension(self) -> &'static str {
        match self {
            DatasetFormat::Xpt => "xpt",
            DatasetFormat::Json => "json",
            DatasetFormat::Ndjson => "ndjson",
            DatasetFormat::Csv => "csv",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FhirVersion {
    R5,
    R4b,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputSection {
    #[serde(default = "default_formats")]
    pub formats: Vec<DatasetFormat>,
    #[serde(default = "default_fhir")]
    pub fhir: Vec<FhirVersion>,
}

impl Default for OutputSection {
    fn default() -> OutputSection {
        OutputSection {
            formats: default_formats(),
            fhir: default_fhir(),
        }
    }
}

fn default_formats() -> Vec<DatasetFormat> {
    vec![DatasetFormat::Xpt, DatasetFormat::Json]
}
fn default_fhir() -> Vec<FhirVersion> {
    vec![FhirVersion::R5, FhirVersion::R4b]
}

/// A study file with every input path resolved and checked.
#[derive(Debug)]
pub struct Study {
    pub file: StudyFile,
    pub origin: String,
    pub registry_record: Option<PathBuf>,
    pub workbooks: Vec<PathBuf>,
    pub randomization: Option<PathBuf>,
    pub mapping_dir: Option<PathBuf>,
    pub analysis_dir: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum StudyError {
    #[error("cannot read study file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Parse { path: String, message: String },
    #[error("{origin}: {key}: {path} does not exist")]
    MissingInput {
        origin: String,
        key: &'static str,
        path: String,
    },
    #[error("{origin}: sites.workbooks: pattern `{pattern}` matches no file")]
    NoMatch { origin: String, pattern: String },
    #[error("{origin}: sites.workbooks: bad pattern `{pattern}`: {message}")]
    BadPattern {
        origin: String,
        pattern: String,
        message: String,
    },
}

impl StudyFile {
    /// The file's content alone, without touching the file system: a syntax error or an
    /// unknown key with its line and column; a workbook pattern glob cannot read.
    pub fn parse(text: &str, origin: &str) -> Result<StudyFile, Vec<StudyError>> {
        let file: StudyFile = toml::from_str(text).map_err(|e| {
            let message = e.message().to_owned();
            let at = e.span().map(|s| line_col(text, s.start));
            let message = match at {
                Some((l, c)) => format!("line {l}, column {c}: {message}"),
                None => message,
            };
            vec![StudyError::Parse {
                path: origin.to_owned(),
                message,
            }]
        })?;
        let bad: Vec<StudyError> = file
            .sites
            .iter()
            .flat_map(|s| &s.workbooks)
            .filter_map(|p| {
                glob::Pattern::new(p).err().map(|e| StudyError::BadPattern {
                    origin: origin.to_owned(),
                    pattern: p.clone(),
                    message: e.msg.to_owned(),
                })
            })
            .collect();
        if bad.is_empty() { Ok(file) } else { Err(bad) }
    }
}

impl Study {
    pub fn load(path: &Path) -> Result<Study, Vec<StudyError>> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| {
            vec![StudyError::Read {
                path: origin.clone(),
                source,
            }]
        })?;
        let base = path.parent().unwrap_or(Path::new("."));
        Study::from_text(&text, &origin, base)
    }

    /// Parses and resolves a study file, reporting every missing input, not just the first.
    pub fn from_text(text: &str, origin: &str, base: &Path) -> Result<Study, Vec<StudyError>> {
        let file = StudyFile::parse(text, origin)?;
        let mut errors = Vec::new();
        let mut existing = |key: &'static str, p: &Path| -> Option<PathBuf> {
            let full = base.join(p);
            if full.exists() {
                Some(full)
            } else {
                errors.push(StudyError::MissingInput {
                    origin: origin.to_owned(),
                    key,
                    path: full.display().to_string(),
                });
                None
            }
        };
        let registry_record = file
            .registry
            .as_ref()
            .and_then(|r| existing("registry.record", &r.record));
        let randomization = file
            .sites
            .as_ref()
            .and_then(|s| s.randomization.as_ref())
            .and_then(|p| existing("sites.randomization", p));
        let mapping_dir = file
            .mapping
            .as_ref()
            .and_then(|m| existing("mapping.dir", &m.dir));
        let analysis_dir = file
            .analysis
            .as_ref()
            .and_then(|a| existing("analysis.dir", &a.dir));
        let mut workbooks = Vec::new();
        for pattern in file.sites.iter().flat_map(|s| &s.workbooks) {
            let full = base.join(pattern).display().to_string();
            match glob::glob(&full) {
                Err(e) => errors.push(StudyError::BadPattern {
                    origin: origin.to_owned(),
                    pattern: pattern.clone(),
                    message: e.msg.to_owned(),
                }),
                Ok(paths) => {
                    let mut found: Vec<PathBuf> = paths
                        .filter_map(Result::ok)
                        .filter(|p| p.is_file())
                        .collect();
                    if found.is_empty() {
                        errors.push(StudyError::NoMatch {
                            origin: origin.to_owned(),
                            pattern: pattern.clone(),
                        });
                    }
                    found.sort();
                    workbooks.extend(found);
                }
            }
        }
        workbooks.dedup();
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Study {
            file,
            origin: origin.to_owned(),
            registry_record,
            workbooks,
            randomization,
            mapping_dir,
            analysis_dir,
        })
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_missing_input() {
        let text = r#"
[study]
id = "X"
[registry]
record = "nope.json"
[sites]
workbooks = ["none-*.xlsx"]
randomization = "rand.xlsx"
"#;
        let errs = Study::from_text(text, "study.toml", Path::new("/nonexistent")).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(msgs.len(), 3, "{msgs:?}");
        assert!(msgs[0].contains("registry.record"));
        assert!(msgs[1].contains("sites.randomization"));
        assert!(msgs[2].contains("none-*.xlsx"));
    }

    #[test]
    fn parse_errors_name_line_and_column() {
        let errs = Study::from_text("[study]\nid = 3\n", "s.toml", Path::new(".")).unwrap_err();
        let msg = errs[0].to_string();
        assert!(msg.starts_with("s.toml: line 2, column 6:"), "{msg}");
    }

    #[test]
    fn a_bad_pattern_is_refused_before_any_file_is_looked_for() {
        let text = "[study]\nid = \"X\"\n[sites]\nworkbooks = [\"site-[.xlsx\", \"ok.xlsx\"]\n";
        let errs = StudyFile::parse(text, "s.toml").unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        let msg = errs[0].to_string();
        assert!(
            msg.starts_with("s.toml: sites.workbooks: bad pattern `site-[.xlsx`"),
            "{msg}"
        );
    }

    #[test]
    fn unknown_keys_are_refused() {
        let errs = Study::from_text(
            "[study]\nid = \"X\"\nsponsor = \"Y\"\n",
            "s.toml",
            Path::new("."),
        )
        .unwrap_err();
        assert!(
            errs[0].to_string().contains("unknown field `sponsor`"),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn defaults_standards_and_outputs() {
        let s = Study::from_text("[study]\nid = \"X\"\n", "s.toml", Path::new(".")).unwrap();
        assert_eq!(s.file.standards.sdtmig, "3.4");
        assert_eq!(s.file.standards.ct, "2022-03-25");
        assert_eq!(
            s.file.output.formats,
            vec![DatasetFormat::Xpt, DatasetFormat::Json]
        );
        assert_eq!(s.file.output.fhir, vec![FhirVersion::R5, FhirVersion::R4b]);
    }
}
