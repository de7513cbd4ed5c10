//! Small constructors for FHIR data types, one set per version: R5 fills fhir-sdk types
//! through their builders, R4B our own structs ([`crate::r4b`]), which cannot miss a
//! required element and so cannot fail. What both share is computed once, here.

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

pub(crate) mod r5 {
    use super::{date_time, ids, ucum};
    use crate::codes::Mapped;
    use crate::error::{FhirError, build};
    use fhir_sdk::r5::types::{
        Annotation, CodeableConcept, Coding, Identifier, Period, Quantity, Range, Reference,
    };

    pub(crate) use super::nz;

    pub(crate) fn text(t: &str) -> Result<CodeableConcept, FhirError> {
        let mut b = CodeableConcept::builder();
        if let Some(t) = nz(Some(t)) {
            b = b.text(t);
        }
        b.build().map_err(build("CodeableConcept"))
    }

    pub(crate) fn coded(
        system: &str,
        m: &Mapped,
        text: Option<&str>,
    ) -> Result<CodeableConcept, FhirError> {
        let coding = Coding::builder()
            .system(system.to_owned())
            .code(m.code.to_owned())
            .display(m.display.to_owned())
            .build()
            .map_err(build("Coding"))?;
        let mut b = CodeableConcept::builder().coding(vec![Some(coding)]);
        if let Some(t) = nz(text) {
            b = b.text(t);
        }
        b.build().map_err(build("CodeableConcept"))
    }

    pub(crate) fn reference(
        to: String,
        ty: &str,
        display: Option<&str>,
    ) -> Result<Reference, FhirError> {
        let mut b = Reference::builder().reference(to).r#type(ty.to_owned());
        if let Some(d) = nz(display) {
            b = b.display(d);
        }
        b.build().map_err(build("Reference"))
    }

    pub(crate) fn display_ref(display: &str, ty: Option<&str>) -> Result<Reference, FhirError> {
        let mut b = Reference::builder().display(display.trim().to_owned());
        if let Some(t) = ty {
            b = b.r#type(t.to_owned());
        }
        b.build().map_err(build("Reference"))
    }

    pub(crate) fn identifier(
        system: Option<&str>,
        value: &str,
        type_text: Option<&str>,
    ) -> Result<Identifier, FhirError> {
        let mut b = Identifier::builder().value(value.trim().to_owned());
        if let Some(s) = system {
            b = b.system(s.to_owned());
        }
        if let Some(t) = type_text {
            b = b.r#type(text(t)?);
        }
        b.build().map_err(build("Identifier"))
    }

    pub(crate) fn period(
        start: Option<&str>,
        end: Option<&str>,
    ) -> Result<Option<Period>, FhirError> {
        if start.is_none() && end.is_none() {
            return Ok(None);
        }
        let mut b = Period::builder();
        if let Some(s) = start {
            b = b.start(date_time(s)?);
        }
        if let Some(e) = end {
            b = b.end(date_time(e)?);
        }
        b.build().map(Some).map_err(build("Period"))
    }

    pub(crate) fn note(t: &str) -> Result<Annotation, FhirError> {
        Annotation::builder()
            .text(t.trim().to_owned())
            .build()
            .map_err(build("Annotation"))
    }

    /// An age limit in UCUM units.
    pub(crate) fn age(a: &registry::Age) -> Result<Option<Quantity>, FhirError> {
        let Some((value, unit, code)) = ucum(a) else {
            return Ok(None);
        };
        Quantity::builder()
            .value(value)
            .unit(unit.to_owned())
            .system("http://unitsofmeasure.org".to_owned())
            .code(code.to_owned())
            .build()
            .map(Some)
            .map_err(build("Quantity"))
    }

    pub(crate) fn identifiers(rec: &registry::StudyRecord) -> Result<Vec<Identifier>, FhirError> {
        ids(rec)
            .into_iter()
            .map(|(system, value, label)| identifier(system, &value, Some(&label)))
            .collect()
    }

    pub(crate) fn range(low: Option<Quantity>, high: Option<Quantity>) -> Result<Range, FhirError> {
        let mut b = Range::builder();
        if let Some(l) = low {
            b = b.low(l);
        }
        if let Some(h) = high {
            b = b.high(h);
        }
        b.build().map_err(build("Range"))
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
