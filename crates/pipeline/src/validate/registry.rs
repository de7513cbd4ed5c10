//! Trial-registry records (CT.gov API v2 JSON, CT.gov legacy XML, WHO ICTRP XML) checked as
//! what they are, with the registry crate's own readers: a record the readers refuse is one
//! positioned error, and a record they read is checked for what every registration has.

use model::Finding;
use registry::check::{Problem, ProblemKind};
use registry::{Format, RegistryError};
use std::path::Path;

/// The reader stops at a value: wrong type, invalid value, missing required element.
const REFUSED_VALUE: &str = "RG0050";
/// A field every registration has is missing.
const MISSING: &str = "RG0051";
/// A value no token of the field's vocabulary matches.
const UNKNOWN_CODE: &str = "RG0052";
/// A date the reader could not read.
const NOT_A_DATE: &str = "RG0053";

pub fn check(path: &Path, shown: &str, format: Format) -> Vec<Finding> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return vec![
                Finding::error(rules::INPUT_UNREADABLE, format!("cannot read: {e}"))
                    .in_file(shown.to_owned()),
            ];
        }
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return vec![
            Finding::error(
                rules::INPUT_UNREADABLE,
                format!("{format}: the text is not UTF-8"),
            )
            .in_file(shown.to_owned()),
        ];
    };
    // An ICTRP export may hold many trials; each is a record to check.
    let read = match format {
        Format::Ictrp => registry::ictrp::read_all(text),
        other => registry::read_str(text, other).map(|r| vec![r]),
    };
    let records = match read {
        Ok(r) => r,
        Err(e) => return vec![refused(&e, shown)],
    };
    // Where the study object is in a JSON document, for the findings' pointers.
    let keys = super::kind::top_level_keys(text);
    let root = match format {
        Format::CtgovJson if keys.iter().any(|k| k == "studies") => "/studies/0",
        Format::CtgovClassicJson => keys
            .iter()
            .find_map(|k| registry::ctgov_classic::study_pointer(k))
            .unwrap_or_default(),
        _ => "",
    };
    let mut out = Vec::new();
    for (i, record) in records.iter().enumerate() {
        for p in registry::check::check(record, format, root) {
            let mut f = finding(&p, format);
            if records.len() > 1 {
                f.variables[0] = f.variables[0].replacen("Trial", &format!("Trial[{}]", i + 1), 1);
                f.message = format!("trial {}: {}", i + 1, f.message);
            }
            out.push(f.in_file(shown.to_owned()));
        }
    }
    out
}

/// Text that is not a document of its format cannot be checked at all (exit 2); a document
/// the reader stops in at a value is a finding about that value (exit 1).
fn refused(e: &RegistryError, shown: &str) -> Finding {
    let code = match e {
        RegistryError::WrongType { .. }
        | RegistryError::UnknownValue { .. }
        | RegistryError::InvalidValue { .. }
        | RegistryError::Missing { .. }
        | RegistryError::TrialCount { .. } => REFUSED_VALUE,
        _ => rules::INPUT_UNREADABLE,
    };
    let mut f = Finding::error(code, e.to_string()).in_file(shown.to_owned());
    if let Some(p) = e.pointer() {
        f = f.with_variable(p);
    }
    f
}

fn finding(p: &Problem, format: Format) -> Finding {
    let at = if matches!(format, Format::CtgovJson | Format::CtgovClassicJson) {
        format!("`{}`", p.at)
    } else {
        format!("<{}>", p.at)
    };
    let mut f = match &p.kind {
        ProblemKind::Missing => Finding::error(
            MISSING,
            format!("{format}: required {} is missing ({at})", p.field),
        ),
        ProblemKind::UnknownCode { raw } => Finding::warning(
            UNKNOWN_CODE,
            format!("{format}: {at}: {} `{raw}` is not a known value", p.field),
        )
        .with_value(raw.clone()),
        ProblemKind::NotADate { raw } => Finding::error(
            NOT_A_DATE,
            format!("{format}: {at}: {} `{raw}` is not a date", p.field),
        )
        .with_value(raw.clone()),
    };
    // The position comes first among the variables, as FHIR findings carry theirs.
    f.variables.insert(0, p.at.clone());
    f
}
