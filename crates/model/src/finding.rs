//! The one structured result every check produces.

use crate::provenance::SourceCell;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    // Declared most severe first so that sorting puts errors on top.
    Error,
    Warning,
    Notice,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Notice => "notice",
        })
    }
}

/// A problem found in inputs or outputs. Field order is the sort order of reports.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Finding {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dataset: Option<String>,
    /// 1-based record number, when the finding is about one record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
    pub code: String,
    pub severity: Severity,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variables: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceCell>,
    /// External ids: CDISC `CGxxxx`, `CORE-000nnn`, `P21:SDxxxx`, FHIR invariants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<String>,
}

/// What replaces subject-level values in masked output.
pub const MASK: &str = "***";

impl Finding {
    pub fn new(code: impl Into<String>, severity: Severity, message: impl Into<String>) -> Finding {
        Finding {
            file: None,
            dataset: None,
            record: None,
            code: code.into(),
            severity,
            message: message.into(),
            variables: Vec::new(),
            values: Vec::new(),
            source: None,
            refs: Vec::new(),
        }
    }

    pub fn error(code: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding::new(code, Severity::Error, message)
    }

    pub fn warning(code: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding::new(code, Severity::Warning, message)
    }

    pub fn notice(code: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding::new(code, Severity::Notice, message)
    }

    pub fn in_file(mut self, file: impl Into<String>) -> Finding {
        self.file = Some(file.into());
        self
    }

    /// [`Finding::in_file`] unless the finding already names its file (a stage that reads
    /// several files locates its own findings more precisely than its caller can).
    pub fn or_in_file(self, file: impl Into<String>) -> Finding {
        if self.file.is_some() {
            return self;
        }
        self.in_file(file)
    }

    pub fn in_dataset(mut self, dataset: impl Into<String>) -> Finding {
        self.dataset = Some(dataset.into());
        self
    }

    pub fn at_record(mut self, record: u64) -> Finding {
        self.record = Some(record);
        self
    }

    pub fn with_variable(mut self, variable: impl Into<String>) -> Finding {
        self.variables.push(variable.into());
        self
    }

    pub fn with_value(mut self, value: impl Into<String>) -> Finding {
        self.values.push(value.into());
        self
    }

    pub fn from_cell(mut self, source: SourceCell) -> Finding {
        if self.file.is_none() {
            self.file = Some(source.file.clone());
        }
        self.source = Some(source);
        self
    }

    pub fn with_ref(mut self, r: impl Into<String>) -> Finding {
        self.refs.push(r.into());
        self
    }

    /// The same finding with subject-level values hidden, for reports that leave the site.
    ///
    /// Messages quote values in backticks (`` `X` ``) by convention, so each quoted value is
    /// replaced in the message too, without touching variable names that happen to contain it.
    /// Messages also quote values derived from the record that are not among `values` (the
    /// day of a date that does not exist, a reference date, an expected study day): every
    /// quoted number, date or time is hidden as well, as no name or code is written so.
    pub fn masked(&self) -> Finding {
        let mut f = self.clone();
        for v in &self.values {
            f.message = f.message.replace(&format!("`{v}`"), &format!("`{MASK}`"));
        }
        f.message = mask_quoted_numbers(&f.message);
        f.values = self.values.iter().map(|_| MASK.to_owned()).collect();
        f
    }
}

impl fmt::Display for Finding {
    /// `site01.xlsx!Labs!D14: error[SI0003] message`; the location is the most precise known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.source, &self.file, &self.dataset, self.record) {
            (Some(src), ..) => write!(f, "{src}: ")?,
            (None, file, dataset, record) => {
                let mut parts: Vec<String> = Vec::new();
                parts.extend(file.clone());
                if let Some(d) = dataset.as_ref().filter(|d| Some(*d) != file.as_ref()) {
                    parts.push(d.clone());
                }
                if let Some(r) = record {
                    parts.push(format!("record {r}"));
                }
                if !parts.is_empty() {
                    write!(f, "{}: ", parts.join(" "))?;
                }
            }
        }
        write!(f, "{}[{}] {}", self.severity, self.code, self.message)
    }
}

/// `` `30` ``, `` `2013-05-09` ``, `` `12:30` `` → `` `***` ``; other quoted text is kept.
fn mask_quoted_numbers(message: &str) -> String {
    let parts: Vec<&str> = message.split('`').collect();
    if parts.len() < 3 {
        return message.to_owned();
    }
    let mut out = String::with_capacity(message.len());
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push('`');
        }
        // Odd parts lie between a pair of backticks (the last one only if it was closed).
        let quoted = i % 2 == 1 && i + 1 < parts.len();
        let numeric = !part.is_empty()
            && part.chars().any(|c| c.is_ascii_digit())
            && part
                .chars()
                .all(|c| c.is_ascii_digit() || "-+:./TZ ,eE".contains(c));
        if quoted && numeric {
            out.push_str(MASK);
        } else {
            out.push_str(part);
        }
    }
    out
}

/// Counts per severity, as `report.json` carries them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub error: usize,
    pub warning: usize,
    pub notice: usize,
}

impl Summary {
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.error += 1,
                Severity::Warning => s.warning += 1,
                Severity::Notice => s.notice += 1,
            }
        }
        s
    }

    /// The process exit code these findings call for: 1 when any error, else 0.
    pub fn exit_code(&self) -> i32 {
        i32::from(self.error > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::provenance::CellRef;

    #[test]
    fn or_in_file_keeps_a_file_already_named() {
        let bare = Finding::error("FM0001", "x");
        assert_eq!(bare.or_in_file("a.xpt").file.as_deref(), Some("a.xpt"));
        let located = Finding::error("FM0001", "x").in_file("b.xpt");
        assert_eq!(located.or_in_file("a.xpt").file.as_deref(), Some("b.xpt"));
    }

    fn sample() -> Finding {
        Finding::error("SI0004", "SEX value `X` is not in codelist SEX")
            .in_dataset("DM")
            .at_record(3)
            .with_variable("SEX")
            .with_value("X")
            .from_cell(SourceCell {
                file: "site02.xlsx".into(),
                sheet: "Demographics".into(),
                cell: CellRef::new(3, 4),
            })
            .with_ref("CG0015")
    }

    #[test]
    fn json_round_trip_keeps_every_field() {
        let f = sample();
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(
            json,
            r#"{"file":"site02.xlsx","dataset":"DM","record":3,"code":"SI0004","severity":"error","message":"SEX value `X` is not in codelist SEX","variables":["SEX"],"values":["X"],"source":{"file":"site02.xlsx","sheet":"Demographics","cell":"E4"},"refs":["CG0015"]}"#
        );
        let back: Finding = serde_json::from_str(&json).unwrap();
        assert_eq!(back, f);
    }

    #[test]
    fn empty_fields_are_left_out_and_read_back_as_empty() {
        let f = Finding::notice("FM0001", "decoded as Windows-1252");
        let json = serde_json::to_string(&f).unwrap();
        assert_eq!(
            json,
            r#"{"code":"FM0001","severity":"notice","message":"decoded as Windows-1252"}"#
        );
        assert_eq!(serde_json::from_str::<Finding>(&json).unwrap(), f);
    }

    #[test]
    fn masking_hides_values_in_message_too() {
        let m = sample().masked();
        assert_eq!(m.values, vec!["***"]);
        assert_eq!(m.message, "SEX value `***` is not in codelist SEX");
        assert_eq!(m.source, sample().source, "positions are not subject data");
    }

    #[test]
    fn masking_hides_quoted_numbers_and_dates_not_in_values() {
        let f = Finding::error(
            "SI0021",
            "`2015-02-30` is not a real date: day `30` is out of range",
        )
        .with_value("2015-02-30");
        assert_eq!(
            f.masked().message,
            "`***` is not a real date: day `***` is out of range"
        );
        let f = Finding::error(
            "DX0002",
            "dataset `CM` has no data file; key `A1` is `12:30`",
        );
        assert_eq!(
            f.masked().message,
            "dataset `CM` has no data file; key `A1` is `***`"
        );
    }

    #[test]
    fn display_leads_with_the_cell() {
        assert_eq!(
            sample().to_string(),
            "site02.xlsx!Demographics!E4: error[SI0004] SEX value `X` is not in codelist SEX"
        );
        let f = Finding::warning("SD0001", "m")
            .in_file("dm.xpt")
            .in_dataset("DM")
            .at_record(2);
        assert_eq!(f.to_string(), "dm.xpt DM record 2: warning[SD0001] m");
    }

    #[test]
    fn summary_and_exit_code() {
        let fs = [
            sample(),
            Finding::warning("A", "b"),
            Finding::notice("C", "d"),
        ];
        let s = Summary::of(&fs);
        assert_eq!((s.error, s.warning, s.notice), (1, 1, 1));
        assert_eq!(s.exit_code(), 1);
        assert_eq!(Summary::of(&fs[1..]).exit_code(), 0);
    }

    #[test]
    fn sorts_by_location_then_code() {
        let mut v = [
            Finding::error("B", "x").in_file("b"),
            Finding::error("A", "x").in_file("b"),
            Finding::error("Z", "x").in_file("a"),
        ];
        v.sort();
        let codes: Vec<_> = v.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["Z", "A", "B"]);
    }
}
