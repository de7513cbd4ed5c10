//! Small constructors for FHIR data types, generated once per version because R5 and R4B
//! types are distinct but shaped alike for everything used here.

macro_rules! helpers {
    ($v:ident) => {
        use crate::codes::Mapped;
        use crate::error::{FhirError, build};
        use fhir_sdk::$v::types::{
            Annotation, CodeableConcept, Coding, Identifier, Period, Quantity, Range, Reference,
        };

        /// Trimmed, non-empty text: FHIR strings may not be empty.
        pub(crate) fn nz(s: Option<&str>) -> Option<String> {
            s.map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        }

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

        fn date_time(s: &str) -> Result<fhir_sdk::DateTime, FhirError> {
            s.parse().map_err(|_| FhirError::Code {
                what: "FHIR dateTime",
                code: s.to_owned(),
            })
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
            use registry::AgeUnit::*;
            let Some(v) = a.value else { return Ok(None) };
            let (unit, code) = match a.unit {
                Years => ("years", "a"),
                Months => ("months", "mo"),
                Weeks => ("weeks", "wk"),
                Days => ("days", "d"),
                Hours => ("hours", "h"),
                Minutes => ("minutes", "min"),
                Unknown => return Ok(None),
            };
            Quantity::builder()
                .value(f64::from(v))
                .unit(unit.to_owned())
                .system("http://unitsofmeasure.org".to_owned())
                .code(code.to_owned())
                .build()
                .map(Some)
                .map_err(build("Quantity"))
        }

        pub(crate) fn identifiers(
            rec: &registry::StudyRecord,
        ) -> Result<Vec<Identifier>, FhirError> {
            let mut ids = Vec::new();
            if let Some(p) = &rec.ids.primary {
                ids.push(identifier(
                    p.system.as_deref(),
                    &p.value,
                    Some("Registry identifier"),
                )?);
            }
            if let Some(o) = nz(rec.ids.org_study_id.as_deref()) {
                ids.push(identifier(None, &o, Some("Sponsor protocol number"))?);
            }
            for s in &rec.ids.secondary {
                let label = match (&s.kind, &s.domain) {
                    (Some(k), Some(d)) => format!("{k} ({d})"),
                    (Some(k), None) => k.clone(),
                    (None, Some(d)) => d.clone(),
                    (None, None) => "Secondary identifier".to_owned(),
                };
                ids.push(identifier(None, &s.value, Some(&label))?);
            }
            Ok(ids)
        }

        pub(crate) fn range(
            low: Option<Quantity>,
            high: Option<Quantity>,
        ) -> Result<Range, FhirError> {
            let mut b = Range::builder();
            if let Some(l) = low {
                b = b.low(l);
            }
            if let Some(h) = high {
                b = b.high(h);
            }
            b.build().map_err(build("Range"))
        }
    };
}

pub(crate) mod r5 {
    helpers!(r5);
}

pub(crate) mod r4b {
    helpers!(r4b);
}
