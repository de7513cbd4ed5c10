//! The classic ClinicalTrials.gov JSON, from the API retired in 2023
//! (`/api/query/full_studies`): `{"FullStudiesResponse":{"FullStudies":[{"Study":…}]}}`,
//! a single `{"FullStudy":{"Study":…}}` or a bare `{"Study":{"ProtocolSection":…}}`.
//!
//! Its modules nest as API v2's do, with PascalCase names, leaf names prefixed by their
//! parent (`LeadSponsor.LeadSponsorName`), lists wrapped in an object
//! (`PhaseList.Phase[]`), display labels instead of tokens (`Unknown status`,
//! `Phase 2`), dates as `March 2019` / `March 5, 2019` and numbers and flags as text.
//! Rather than a second reader, the study is rewritten into the API v2 shape and read by
//! [`crate::ctgov_json`], so both formats give the same [`StudyRecord`] for the same trial.
//! Errors then point at the API v2 name of the field (`/protocolSection/designModule/...`).

use crate::codes::{Actuality, key};
use crate::error::{Format, Location, RegistryError};
use crate::normalize::parse_date;
use crate::record::StudyRecord;
use serde_json::{Map, Value};

const F: Format = Format::CtgovClassicJson;

mod modules;

/// Whether a parsed JSON document has the classic shape (one of its three roots).
pub fn is_classic(root: &Value) -> bool {
    ROOTS.iter().any(|(k, _)| root.get(k).is_some())
}

/// The JSON pointer of the study object under each of the classic roots.
const ROOTS: [(&str, &str); 3] = [
    (
        "FullStudiesResponse",
        "/FullStudiesResponse/FullStudies/0/Study",
    ),
    ("FullStudy", "/FullStudy/Study"),
    ("Study", "/Study"),
];

/// Where the study is in a classic document whose top-level key is `root_key`, as a JSON
/// pointer (`/FullStudy/Study`); None for a key that is no classic root.
pub fn study_pointer(root_key: &str) -> Option<&'static str> {
    ROOTS.iter().find(|(k, _)| *k == root_key).map(|(_, p)| *p)
}

/// Reads one study of the classic JSON.
pub fn read_str(text: &str) -> Result<StudyRecord, RegistryError> {
    let root = crate::error::parse_json(text, F)?;
    read_value(&root)
}

pub(crate) fn read_value(root: &Value) -> Result<StudyRecord, RegistryError> {
    let (study, at) = study(root)?;
    let ps = study
        .get("ProtocolSection")
        .filter(|v| v.is_object())
        .ok_or_else(|| RegistryError::Missing {
            format: F,
            at: Location::Pointer(at.clone()),
            field: "ProtocolSection",
        })?;
    let v2 = serde_json::json!({ "protocolSection": modules::protocol(ps) });
    crate::ctgov_json::read_value(&v2).map_err(retag)
}

/// The one study, and its JSON pointer.
fn study(root: &Value) -> Result<(&Value, String), RegistryError> {
    if let Some(resp) = root.get("FullStudiesResponse") {
        let list = resp
            .get("FullStudies")
            .and_then(Value::as_array)
            .map_or(&[][..], Vec::as_slice);
        if list.len() != 1 {
            return Err(RegistryError::TrialCount {
                format: F,
                count: list.len(),
            });
        }
        let s = list[0].get("Study").ok_or_else(|| RegistryError::Missing {
            format: F,
            at: Location::Pointer("/FullStudiesResponse/FullStudies/0".into()),
            field: "Study",
        })?;
        return Ok((s, "/FullStudiesResponse/FullStudies/0/Study".into()));
    }
    if let Some(full) = root.get("FullStudy") {
        let s = full.get("Study").ok_or_else(|| RegistryError::Missing {
            format: F,
            at: Location::Pointer("/FullStudy".into()),
            field: "Study",
        })?;
        return Ok((s, "/FullStudy/Study".into()));
    }
    match root.get("Study") {
        Some(s) => Ok((s, "/Study".into())),
        None => Err(RegistryError::Missing {
            format: F,
            at: Location::Pointer(String::new()),
            field: "Study",
        }),
    }
}

fn retag(e: RegistryError) -> RegistryError {
    match e {
        RegistryError::WrongType {
            at,
            expected,
            found,
            ..
        } => RegistryError::WrongType {
            format: F,
            at,
            expected,
            found,
        },
        RegistryError::UnknownValue {
            at, field, value, ..
        } => RegistryError::UnknownValue {
            format: F,
            at,
            field,
            value,
        },
        RegistryError::InvalidValue {
            at, value, reason, ..
        } => RegistryError::InvalidValue {
            format: F,
            at,
            value,
            reason,
        },
        RegistryError::Missing { at, field, .. } => RegistryError::Missing {
            format: F,
            at,
            field,
        },
        other => other,
    }
}

/// Builds one API v2 object from classic members.
struct Out(Map<String, Value>);

impl Out {
    fn new() -> Out {
        Out(Map::new())
    }
    fn set(&mut self, name: &str, v: Option<Value>) -> &mut Out {
        if let Some(v) = v.filter(|v| !v.is_null()) {
            self.0.insert(name.to_owned(), v);
        }
        self
    }
    fn done(&mut self) -> Option<Value> {
        (!self.0.is_empty()).then(|| Value::Object(std::mem::take(&mut self.0)))
    }
}

fn get<'a>(v: &'a Value, name: &str) -> Option<&'a Value> {
    v.get(name).filter(|v| !v.is_null())
}

/// A text member, as is (the API v2 reader checks its type).
fn text(v: &Value, name: &str) -> Option<Value> {
    get(v, name).cloned()
}

/// `Outer.Inner[]` as an array of whatever `each` makes of the items.
fn list(
    v: &Value,
    outer: &str,
    inner: &str,
    each: impl Fn(&Value) -> Option<Value>,
) -> Option<Value> {
    let items = get(v, outer)?.get(inner)?.as_array()?;
    Some(Value::Array(items.iter().filter_map(each).collect()))
}

/// A display label as the API v2 token `parse` knows it by; unknown labels are passed on
/// unchanged, so the API v2 reader reports them.
fn token<T: Copy>(
    v: &Value,
    name: &str,
    parse: fn(&str) -> Option<T>,
    tok: fn(T) -> &'static str,
) -> Option<Value> {
    let raw = get(v, name)?;
    let Some(s) = raw.as_str() else {
        return Some(raw.clone());
    };
    Some(Value::String(
        parse(&key(s)).map_or_else(|| s.to_owned(), |t| tok(t).to_owned()),
    ))
}

/// `March 2019` / `March 5, 2019` as ISO 8601; text that is no date is passed on.
fn date(v: &Value, name: &str) -> Option<Value> {
    let raw = get(v, name)?;
    let Some(s) = raw.as_str() else {
        return Some(raw.clone());
    };
    Some(Value::String(
        parse_date(s).map_or_else(|| s.to_owned(), |d| d.to_string()),
    ))
}

/// `Yes` / `No` (and the classic `Accepts Healthy Volunteers`) as a boolean.
fn flag(v: &Value, name: &str) -> Option<Value> {
    let raw = get(v, name)?;
    Some(match raw.as_str().map(key).as_deref() {
        Some("YES" | "ACCEPTS_HEALTHY_VOLUNTEERS") => Value::Bool(true),
        Some("NO") => Value::Bool(false),
        _ => raw.clone(),
    })
}

/// A count given as text (`"80"`) as a number.
fn count(v: &Value, name: &str) -> Option<Value> {
    let raw = get(v, name)?;
    Some(
        match raw.as_str().and_then(|s| s.trim().parse::<u64>().ok()) {
            Some(n) => Value::from(n),
            None => raw.clone(),
        },
    )
}

fn date_struct(v: &Value, outer: &str, name: &str) -> Option<Value> {
    let s = get(v, outer)?;
    Out::new()
        .set("date", date(s, name))
        .set(
            "type",
            token(
                s,
                &format!("{name}Type"),
                Actuality::from_key,
                Actuality::token,
            ),
        )
        .done()
}

fn strings(v: &Value, outer: &str, inner: &str) -> Option<Value> {
    list(v, outer, inner, |x| Some(x.clone()))
}

fn keyed_strings(v: &Value, outer: &str, inner: &str) -> Option<Value> {
    list(v, outer, inner, |x| {
        Some(
            x.as_str()
                .map_or_else(|| x.clone(), |s| Value::String(key(s))),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::{OverallStatus, Phase};

    #[test]
    fn labels_and_dates_become_api_v2_values() {
        let text = r#"{"FullStudy":{"Study":{"ProtocolSection":{
            "IdentificationModule":{"NCTId":"NCT00000001","BriefTitle":"A trial"},
            "StatusModule":{"OverallStatus":"Unknown status","LastKnownStatus":"Recruiting",
                "StartDateStruct":{"StartDate":"March 2019","StartDateType":"Actual"},
                "StudyFirstSubmitDate":"March 5, 2019"},
            "DesignModule":{"StudyType":"Interventional","PhaseList":{"Phase":["Phase 2","Phase 3"]},
                "EnrollmentInfo":{"EnrollmentCount":"80","EnrollmentType":"Anticipated"}}
        }}}}"#;
        let r = read_str(text).unwrap();
        assert_eq!(r.display_id(), Some("NCT00000001"));
        let s = r.status.overall.unwrap();
        assert_eq!(s.value, OverallStatus::UnknownStatus);
        assert_eq!(
            r.status.last_known.unwrap().value,
            OverallStatus::Recruiting
        );
        let start = r.dates.start.unwrap();
        assert_eq!(start.date.unwrap().to_string(), "2019-03");
        assert_eq!(start.actuality, Some(Actuality::Actual));
        assert_eq!(
            r.dates.registered.unwrap().date.unwrap().to_string(),
            "2019-03-05"
        );
        assert_eq!(r.phases, [Phase::Phase2, Phase::Phase3]);
        assert_eq!(r.enrollment.unwrap().count, Some(80));
    }

    #[test]
    fn a_response_must_hold_one_study_and_errors_name_the_format() {
        let e = read_str(r#"{"FullStudiesResponse":{"FullStudies":[]}}"#).unwrap_err();
        assert!(matches!(e, RegistryError::TrialCount { count: 0, .. }));
        let e = read_str(
            r#"{"Study":{"ProtocolSection":{"StatusModule":{"OverallStatus":"Sleeping"}}}}"#,
        )
        .unwrap_err();
        assert!(
            e.to_string().starts_with("ClinicalTrials.gov classic JSON"),
            "{e}"
        );
    }
}
