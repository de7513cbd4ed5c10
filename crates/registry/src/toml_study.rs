//! Our study TOML: a hand-written registry record for registries with no machine-readable
//! export (UMIN-CTR, or a paper's methods section). The format is documented with an
//! example in `crates/registry/README.md`; `fixtures/registry/umin000015469.toml` is a full one.
//!
//! Because people write it, it is strict: unknown keys are errors (a typo must not silently
//! drop a field), and coded fields accept API v2 tokens (`PHASE2`) or registry wording
//! (`Phase 2`, `Open public recruiting`) but not text that normalizes to nothing. Errors
//! carry the key and its line and column.

use crate::codes::{
    Actuality, Allocation, ArmType, Coded, InterventionModel, InterventionType, Masking, PartyRole,
    PrimaryPurpose, Sex, StudyType, key,
};
use crate::error::{Format, Location, RegistryError, line_column};
use crate::normalize::{parse_age, parse_date, phases_free_text, split_criteria, status_free_text};
use crate::record::{
    Age, Arm, CTGOV_SYSTEM, Enrollment, Intervention, Location as Site, Party, RegistryId,
    StudyDate, StudyRecord, UMIN_SYSTEM,
};
use toml::Spanned;

const F: Format = Format::StudyToml;
type S = Spanned<String>;

mod schema;
use schema::{DateT, Doc};

struct Ctx<'a> {
    text: &'a str,
}

impl Ctx<'_> {
    fn at(&self, key: &str, s: &S) -> Location {
        let (line, column) = line_column(self.text, s.span().start);
        Location::Toml {
            key: key.to_owned(),
            line: Some(line),
            column: Some(column),
        }
    }

    /// A coded value from a token or wording; text that maps to nothing is an error.
    fn code<T: PartialEq>(
        &self,
        k: &str,
        field: &'static str,
        s: &S,
        parse: impl Fn(&str) -> Option<T>,
        unknown: T,
    ) -> Result<Coded<T>, RegistryError> {
        match parse(s.get_ref()).filter(|v| *v != unknown) {
            Some(v) => Ok(Coded::new(v, s.get_ref().clone())),
            None => Err(RegistryError::UnknownValue {
                format: F,
                at: self.at(k, s),
                field,
                value: s.get_ref().clone(),
            }),
        }
    }

    fn opt<T: PartialEq>(
        &self,
        k: &str,
        field: &'static str,
        s: &Option<S>,
        parse: impl Fn(&str) -> Option<T>,
        unknown: T,
    ) -> Result<Option<Coded<T>>, RegistryError> {
        s.as_ref()
            .map(|s| self.code(k, field, s, parse, unknown))
            .transpose()
    }

    fn date(&self, k: &str, d: &Option<DateT>) -> Result<Option<StudyDate>, RegistryError> {
        let Some(d) = d else { return Ok(None) };
        let (s, actuality) = (&d.date, d.actuality.as_ref());
        let date = parse_date(s.get_ref())
            .ok_or_else(|| self.invalid(k, s, "not a date (use ISO 8601, e.g. 2014-11)"))?;
        let actuality = match actuality {
            Some(a) => Some(
                self.code(
                    &format!("{k}.actuality"),
                    "date actuality",
                    a,
                    |t| Actuality::from_key(&key(t)),
                    Actuality::Unknown,
                )?
                .value,
            ),
            None => None,
        };
        Ok(Some(StudyDate {
            date: Some(date),
            actuality,
            raw: s.get_ref().clone(),
        }))
    }

    fn age(&self, k: &str, s: &Option<S>) -> Result<Option<Age>, RegistryError> {
        let Some(s) = s else { return Ok(None) };
        match parse_age(s.get_ref()) {
            Some(a) if a.value.is_none() || a.unit == crate::codes::AgeUnit::Unknown => {
                Err(self.invalid(k, s, "expected `NUMBER UNIT`, e.g. `18 Years`, or `N/A`"))
            }
            other => Ok(other),
        }
    }

    fn invalid(&self, k: &str, s: &S, reason: &'static str) -> RegistryError {
        RegistryError::InvalidValue {
            format: F,
            at: self.at(k, s),
            value: s.get_ref().clone(),
            reason,
        }
    }
}

fn by_key<T>(parse: fn(&str) -> Option<T>) -> impl Fn(&str) -> Option<T> {
    move |t| parse(&key(t))
}

/// Reads one study TOML document.
pub fn read_str(text: &str) -> Result<StudyRecord, RegistryError> {
    let doc: Doc = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
        RegistryError::Syntax {
            format: F,
            line,
            column,
            message: e.message().to_owned(),
        }
    })?;
    let cx = Ctx { text };
    let mut r = StudyRecord::default();
    let system = |id: &str| {
        doc.ids.system.clone().or_else(|| {
            if id.starts_with("UMIN") {
                Some(UMIN_SYSTEM.into())
            } else if id.starts_with("NCT") {
                Some(CTGOV_SYSTEM.into())
            } else {
                None
            }
        })
    };
    r.ids.primary = doc.ids.primary.as_ref().map(|v| RegistryId {
        value: v.clone(),
        system: system(v),
    });
    r.ids.org_study_id = doc.ids.org_study_id.clone();
    r.ids.secondary = doc.ids.secondary.clone();
    r.titles = doc.titles.clone();
    r.status.overall = cx.opt(
        "status.overall",
        "overall status",
        &doc.status.overall,
        |t| Some(status_free_text(t)),
        crate::codes::OverallStatus::Unknown,
    )?;
    r.status.why_stopped = doc.status.why_stopped.clone();
    if let Some(v) = &doc.status.verified {
        r.status.verified = Some(
            parse_date(v.get_ref())
                .ok_or_else(|| cx.invalid("status.verified", v, "not a date"))?,
        );
    }
    let d = &doc.dates;
    r.dates.start = cx.date("dates.start", &d.start)?;
    r.dates.primary_completion = cx.date("dates.primary_completion", &d.primary_completion)?;
    r.dates.completion = cx.date("dates.completion", &d.completion)?;
    r.dates.registered = cx.date("dates.registered", &d.registered)?;
    r.dates.last_update = cx.date("dates.last_update", &d.last_update)?;
    for p in &doc.phases {
        let phases = phases_free_text(p.get_ref());
        if phases.is_empty() || phases.contains(&crate::codes::Phase::Unknown) {
            return Err(RegistryError::UnknownValue {
                format: F,
                at: cx.at("phases", p),
                field: "phase",
                value: p.get_ref().clone(),
            });
        }
        r.phases.extend(phases);
    }
    r.phase_raw = (!doc.phases.is_empty()).then(|| {
        doc.phases
            .iter()
            .map(|p| p.get_ref().as_str())
            .collect::<Vec<_>>()
            .join(", ")
    });
    r.study_type = cx.opt(
        "study_type",
        "study type",
        &doc.study_type,
        by_key(StudyType::from_key),
        StudyType::Unknown,
    )?;
    r.brief_summary = doc.brief_summary.clone();
    r.detailed_description = doc.detailed_description.clone();
    r.conditions = doc.conditions.clone();
    r.keywords = doc.keywords.clone();
    let (dt, dd) = (&doc.design, &mut r.design);
    dd.allocation = cx.opt(
        "design.allocation",
        "allocation",
        &dt.allocation,
        by_key(Allocation::from_key),
        Allocation::Unknown,
    )?;
    dd.intervention_model = cx.opt(
        "design.intervention_model",
        "intervention model",
        &dt.intervention_model,
        by_key(InterventionModel::from_key),
        InterventionModel::Unknown,
    )?;
    dd.intervention_model_description = dt.intervention_model_description.clone();
    dd.masking = cx.opt(
        "design.masking",
        "masking",
        &dt.masking,
        by_key(Masking::from_key),
        Masking::Unknown,
    )?;
    dd.who_masked = dt.who_masked.iter().map(|w| key(w)).collect();
    dd.masking_description = dt.masking_description.clone();
    dd.primary_purpose = cx.opt(
        "design.primary_purpose",
        "primary purpose",
        &dt.primary_purpose,
        by_key(PrimaryPurpose::from_key),
        PrimaryPurpose::Unknown,
    )?;
    dd.observational_model = dt.observational_model.clone();
    dd.time_perspective = dt.time_perspective.clone();
    dd.description = dt.description.clone();
    for (i, a) in doc.arms.iter().enumerate() {
        r.arms.push(Arm {
            label: a.label.clone(),
            arm_type: cx.opt(
                &format!("arms[{i}].type"),
                "arm type",
                &a.arm_type,
                by_key(ArmType::from_key),
                ArmType::Unknown,
            )?,
            description: a.description.clone(),
            intervention_names: a.interventions.clone(),
        });
    }
    for (i, v) in doc.interventions.iter().enumerate() {
        r.interventions.push(Intervention {
            intervention_type: cx.opt(
                &format!("interventions[{i}].type"),
                "intervention type",
                &v.intervention_type,
                by_key(InterventionType::from_key),
                InterventionType::Unknown,
            )?,
            name: v.name.clone(),
            description: v.description.clone(),
            arm_labels: v.arms.clone(),
            other_names: v.other_names.clone(),
        });
    }
    r.outcomes = doc.outcomes.clone();
    let (et, e) = (&doc.eligibility, &mut r.eligibility);
    e.criteria = et.criteria.clone();
    (e.inclusion, e.exclusion) = match (
        &et.criteria,
        et.inclusion.is_empty() && et.exclusion.is_empty(),
    ) {
        (Some(c), true) => split_criteria(c),
        _ => (et.inclusion.clone(), et.exclusion.clone()),
    };
    e.sex = cx.opt(
        "eligibility.sex",
        "sex",
        &et.sex,
        by_key(Sex::from_key),
        Sex::Unknown,
    )?;
    e.minimum_age = cx.age("eligibility.minimum_age", &et.minimum_age)?;
    e.maximum_age = cx.age("eligibility.maximum_age", &et.maximum_age)?;
    e.healthy_volunteers = et.healthy_volunteers;
    e.std_ages = et.std_ages.clone();
    e.study_population = et.study_population.clone();
    if let Some(en) = &doc.enrollment {
        let actuality = cx.opt(
            "enrollment.actuality",
            "enrollment actuality",
            &en.actuality,
            by_key(Actuality::from_key),
            Actuality::Unknown,
        )?;
        r.enrollment = Some(Enrollment {
            count: Some(en.count),
            actuality: actuality.map(|c| c.value),
            raw: None,
        });
    }
    for (i, p) in doc.parties.iter().enumerate() {
        let role = cx.code(
            &format!("parties[{i}].role"),
            "party role",
            &p.role,
            by_key(PartyRole::from_key),
            PartyRole::Unknown,
        )?;
        r.parties.push(Party {
            name: p.name.clone(),
            role: role.value,
            affiliation: p.affiliation.clone(),
            class: p.class.clone(),
        });
    }
    for (i, l) in doc.locations.iter().enumerate() {
        let status = cx.opt(
            &format!("locations[{i}].status"),
            "location status",
            &l.status,
            |t| Some(status_free_text(t)),
            crate::codes::OverallStatus::Unknown,
        )?;
        let site = Site {
            facility: l.facility.clone(),
            city: l.city.clone(),
            state: l.state.clone(),
            zip: l.zip.clone(),
            country: l.country.clone(),
            status,
        };
        if let Some(c) = &site.country {
            r.add_country(&c.clone());
        }
        r.locations.push(site);
    }
    for c in &doc.countries {
        r.add_country(c);
    }
    Ok(r)
}
