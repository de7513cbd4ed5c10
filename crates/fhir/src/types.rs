//! Small constructors for FHIR data types, one set per version: R5 as JSON that fhir-sdk's
//! model checks when the resource is written, R4B our own structs ([`crate::r4b`]). What
//! both share is computed once, here.

use crate::error::FhirError;

/// Trimmed, non-empty text: FHIR strings may not be empty.
pub(crate) fn nz(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn date_time(s: &str) -> Result<fhir_sdk::DateTime, FhirError> {
    s.parse().map_err(|_| FhirError::Code {
        what: "FHIR dateTime",
        code: s.to_owned(),
    })
}

/// An age limit as value, UCUM unit and code.
fn ucum(a: &registry::Age) -> Option<(f64, &'static str, &'static str)> {
    use registry::AgeUnit::*;
    let (unit, code) = match a.unit {
        Years => ("years", "a"),
        Months => ("months", "mo"),
        Weeks => ("weeks", "wk"),
        Days => ("days", "d"),
        Hours => ("hours", "h"),
        Minutes => ("minutes", "min"),
        Unknown => return None,
    };
    Some((f64::from(a.value?), unit, code))
}

/// The record's identifiers as (system, value, type text), in the order we write them.
fn ids(rec: &registry::StudyRecord) -> Vec<(Option<&str>, String, String)> {
    let mut ids = Vec::new();
    if let Some(p) = &rec.ids.primary {
        let label = "Registry identifier".to_owned();
        ids.push((p.system.as_deref(), p.value.clone(), label));
    }
    if let Some(o) = nz(rec.ids.org_study_id.as_deref()) {
        ids.push((None, o, "Sponsor protocol number".to_owned()));
    }
    for s in &rec.ids.secondary {
        let label = match (&s.kind, &s.domain) {
            (Some(k), Some(d)) => format!("{k} ({d})"),
            (Some(k), None) => k.clone(),
            (None, Some(d)) => d.clone(),
            (None, None) => "Secondary identifier".to_owned(),
        };
        ids.push((None, s.value.clone(), label));
    }
    ids
}

/// R5 data types as JSON, checked against fhir-sdk's model when the resource is written
/// ([`crate::r5::write`]). A `null` member or empty list is absent.
pub(crate) mod r5 {
    use super::{date_time, ids, ucum};
    use crate::codes::Mapped;
    use crate::error::FhirError;
    use serde_json::{Value, json};

    pub(crate) use super::nz;

    pub(crate) fn text(t: &str) -> Value {
        json!({ "text": nz(Some(t)) })
    }

    pub(crate) fn coding(system: &str, code: &str, display: &str) -> Value {
        json!({ "system": system, "code": code, "display": display })
    }

    pub(crate) fn coded(system: &str, m: &Mapped, text: Option<&str>) -> Value {
        json!({ "coding": [coding(system, m.code, m.display)], "text": nz(text) })
    }

    pub(crate) fn reference(to: String, ty: &str, display: Option<&str>) -> Value {
        json!({ "reference": to, "type": ty, "display": nz(display) })
    }

    pub(crate) fn display_ref(display: &str, ty: Option<&str>) -> Value {
        json!({ "type": ty, "display": display.trim() })
    }

    pub(crate) fn identifier(system: Option<&str>, value: &str, type_text: Option<&str>) -> Value {
        json!({ "type": type_text.map(text), "system": system, "value": value.trim() })
    }

    /// A dateTime as fhir-sdk writes it (it normalises what it reads), so that the written
    /// resource equals the one we built.
    pub(crate) fn date(s: &str) -> Result<Value, FhirError> {
        Ok(serde_json::to_value(date_time(s)?)?)
    }

    pub(crate) fn period(
        start: Option<&str>,
        end: Option<&str>,
    ) -> Result<Option<Value>, FhirError> {
        if start.is_none() && end.is_none() {
            return Ok(None);
        }
        let start = start.map(date).transpose()?;
        let end = end.map(date).transpose()?;
        Ok(Some(json!({ "start": start, "end": end })))
    }

    pub(crate) fn note(t: &str) -> Value {
        json!({ "text": t.trim() })
    }

    /// An age limit in UCUM units.
    pub(crate) fn age(a: &registry::Age) -> Option<Value> {
        let (value, unit, code) = ucum(a)?;
        Some(json!({
            "value": value,
            "unit": unit,
            "system": "http://unitsofmeasure.org",
            "code": code,
        }))
    }

    pub(crate) fn identifiers(rec: &registry::StudyRecord) -> Vec<Value> {
        ids(rec)
            .into_iter()
            .map(|(system, value, label)| identifier(system, &value, Some(&label)))
            .collect()
    }

    pub(crate) fn range(low: Option<Value>, high: Option<Value>) -> Value {
        json!({ "low": low, "high": high })
    }
}

pub(crate) mod r4b {
    use super::{date_time, ids, ucum};
    use crate::codes::Mapped;
    use crate::error::FhirError;
    use crate::r4b::datatypes::{
        Annotation, CodeableConcept, Coding, Identifier, Period, Quantity, Reference,
    };

    pub(crate) use super::nz;

    pub(crate) fn text(t: &str) -> CodeableConcept {
        CodeableConcept {
            text: nz(Some(t)),
            ..Default::default()
        }
    }

    pub(crate) fn coding(system: &str, code: &str, display: &str) -> Coding {
        Coding {
            system: Some(system.to_owned()),
            code: Some(code.to_owned()),
            display: Some(display.to_owned()),
        }
    }

    pub(crate) fn coded(system: &str, m: &Mapped, text: Option<&str>) -> CodeableConcept {
        CodeableConcept {
            coding: vec![coding(system, m.code, m.display)],
            text: nz(text),
        }
    }

    pub(crate) fn reference(to: String, ty: &str, display: Option<&str>) -> Reference {
        Reference {
            reference: Some(to),
            r#type: Some(ty.to_owned()),
            display: nz(display),
            ..Default::default()
        }
    }

    pub(crate) fn display_ref(display: &str, ty: Option<&str>) -> Reference {
        Reference {
            r#type: ty.map(str::to_owned),
            display: Some(display.trim().to_owned()),
            ..Default::default()
        }
    }

    pub(crate) fn identifier(system: Option<&str>, value: &str, type_text: &str) -> Identifier {
        Identifier {
            r#type: Some(text(type_text)),
            system: system.map(str::to_owned),
            value: Some(value.trim().to_owned()),
        }
    }

    pub(crate) fn period(
        start: Option<&str>,
        end: Option<&str>,
    ) -> Result<Option<Period>, FhirError> {
        if start.is_none() && end.is_none() {
            return Ok(None);
        }
        Ok(Some(Period {
            start: start.map(date_time).transpose()?,
            end: end.map(date_time).transpose()?,
        }))
    }

    pub(crate) fn note(t: &str) -> Annotation {
        Annotation {
            text: t.trim().to_owned(),
        }
    }

    /// An age limit in UCUM units.
    pub(crate) fn age(a: &registry::Age) -> Option<Quantity> {
        let (value, unit, code) = ucum(a)?;
        Some(Quantity {
            value: Some(value),
            unit: Some(unit.to_owned()),
            system: Some("http://unitsofmeasure.org".to_owned()),
            code: Some(code.to_owned()),
        })
    }

    pub(crate) fn identifiers(rec: &registry::StudyRecord) -> Vec<Identifier> {
        ids(rec)
            .into_iter()
            .map(|(system, value, label)| identifier(system, &value, &label))
            .collect()
    }
}
