//! ClinicalTrials.gov legacy `<clinical_study>` XML (schema `public.xsd`, retired in 2023
//! but still what archives such as AACT snapshots hold).
//!
//! Values the schema closes (`phase`, `overall_status`, `study_type`, `intervention_type`,
//! `gender`, date and enrollment `type`) must be schema values: anything else is an error at
//! its line and column. Fields the schema leaves as free strings (allocation, masking,
//! intervention model, arm type ...) normalize to `Unknown` when unrecognized.
//!
//! Security: see [`crate::xml`]-level rules in the crate README: DTDs are refused, only
//! predefined entities and character references are resolved.

use crate::codes::{
    Actuality, Allocation, ArmType, Coded, InterventionModel, InterventionType, Masking,
    OverallStatus, PartyRole, Phase, PrimaryPurpose, StudyType, key,
};
use crate::error::{Format, RegistryError};
use crate::normalize::parse_date;
use crate::record::{
    Arm, CTGOV_SYSTEM, Intervention, Outcome, Party, RegistryId, StudyDate, StudyRecord,
};
use crate::xml::{self, Element};

const F: Format = Format::CtgovXml;

pub(super) struct Doc<'a> {
    text: &'a str,
}

impl Doc<'_> {
    fn unknown(&self, el: &Element, path: &str, field: &'static str) -> RegistryError {
        let value = el.value().unwrap_or_default();
        RegistryError::UnknownValue {
            format: F,
            at: xml::location(self.text, path, el),
            field,
            value,
        }
    }

    /// A schema-closed value: unknown text is an error.
    pub(super) fn closed<T>(
        &self,
        parent: &Element,
        name: &str,
        field: &'static str,
        parse: fn(&str) -> Option<T>,
    ) -> Result<Option<Coded<T>>, RegistryError> {
        let Some(el) = parent.child(name) else {
            return Ok(None);
        };
        let Some(raw) = el.value() else {
            return Ok(None);
        };
        let value = parse(&key(&raw))
            .ok_or_else(|| self.unknown(el, &format!("{}/{name}", parent.name), field))?;
        Ok(Some(Coded::new(value, raw)))
    }

    fn date(&self, parent: &Element, name: &str) -> Result<Option<StudyDate>, RegistryError> {
        let Some(el) = parent.child(name) else {
            return Ok(None);
        };
        let Some(raw) = el.value() else {
            return Ok(None);
        };
        let path = format!("{}/{name}", parent.name);
        let date = parse_date(&raw).ok_or_else(|| RegistryError::InvalidValue {
            format: F,
            at: xml::location(self.text, &path, el),
            value: raw.clone(),
            reason: "not a date (expected e.g. `June 2006` or `October 9, 2009`)",
        })?;
        let actuality =
            match el.attr("type") {
                Some(t) => Some(Actuality::from_key(&key(t)).ok_or_else(|| {
                    RegistryError::UnknownValue {
                        format: F,
                        at: xml::location(self.text, &path, el),
                        field: "date type",
                        value: t.to_owned(),
                    }
                })?),
                None => None,
            };
        Ok(Some(StudyDate {
            date: Some(date),
            actuality,
            raw,
        }))
    }
}

/// An open (free-string) value: unknown text normalizes to `Unknown`.
fn open<T>(
    parent: &Element,
    name: &str,
    parse: fn(&str) -> Option<T>,
    unknown: T,
) -> Option<Coded<T>> {
    let raw = parent.text_of(name)?;
    Some(Coded::new(parse(&key(&raw)).unwrap_or(unknown), raw))
}

pub(super) fn texts(parent: &Element, name: &str) -> Vec<String> {
    parent
        .children_named(name)
        .filter_map(Element::value)
        .collect()
}

/// Reads one `<clinical_study>` document.
pub fn read_str(text: &str) -> Result<StudyRecord, RegistryError> {
    let root = xml::parse(text, F)?;
    if root.name != "clinical_study" {
        return Err(RegistryError::UnexpectedRoot {
            format: F,
            found: root.name,
            expected: "clinical_study",
        });
    }
    let doc = Doc { text };
    let mut r = StudyRecord::default();
    if let Some(ids) = root.child("id_info") {
        r.ids.primary = ids.text_of("nct_id").map(|value| RegistryId {
            value,
            system: Some(CTGOV_SYSTEM.into()),
        });
        r.ids.org_study_id = ids.text_of("org_study_id");
        for value in texts(ids, "secondary_id")
            .into_iter()
            .chain(texts(ids, "nct_alias"))
        {
            r.ids.secondary.push(crate::record::SecondaryId {
                value,
                kind: None,
                domain: None,
            });
        }
    }
    r.titles.brief = root.text_of("brief_title");
    r.titles.official = root.text_of("official_title");
    r.titles.acronym = root.text_of("acronym");
    if let Some(sp) = root.child("sponsors") {
        let roles = [
            ("lead_sponsor", PartyRole::LeadSponsor),
            ("collaborator", PartyRole::Collaborator),
        ];
        for (tag, role) in roles {
            for s in sp.children_named(tag) {
                if let Some(name) = s.text_of("agency") {
                    r.parties.push(Party {
                        name,
                        role,
                        affiliation: None,
                        class: s.text_of("agency_class"),
                    });
                }
            }
        }
    }
    r.brief_summary = root.text_of("brief_summary");
    r.detailed_description = root.text_of("detailed_description");
    status_and_dates(&doc, &root, &mut r)?;
    design(&doc, &root, &mut r)?;
    r.conditions = texts(&root, "condition");
    r.keywords = texts(&root, "keyword");
    for (tag, list) in [
        ("primary_outcome", &mut r.outcomes.primary),
        ("secondary_outcome", &mut r.outcomes.secondary),
        ("other_outcome", &mut r.outcomes.other),
    ] {
        for o in root.children_named(tag) {
            if let Some(measure) = o.text_of("measure") {
                list.push(Outcome {
                    measure,
                    time_frame: o.text_of("time_frame"),
                    description: o.text_of("description"),
                });
            }
        }
    }
    arms(&doc, &root, &mut r)?;
    eligibility(&doc, &root, &mut r)?;
    people_and_places(&doc, &root, &mut r)?;
    Ok(r)
}

fn status_and_dates(
    doc: &Doc<'_>,
    root: &Element,
    r: &mut StudyRecord,
) -> Result<(), RegistryError> {
    r.status.overall = doc.closed(
        root,
        "overall_status",
        "overall status",
        OverallStatus::from_key,
    )?;
    r.status.last_known = doc.closed(
        root,
        "last_known_status",
        "last known status",
        OverallStatus::from_key,
    )?;
    r.status.why_stopped = root.text_of("why_stopped");
    r.status.verified = doc.date(root, "verification_date")?.and_then(|d| d.date);
    r.dates.start = doc.date(root, "start_date")?;
    r.dates.primary_completion = doc.date(root, "primary_completion_date")?;
    r.dates.completion = doc.date(root, "completion_date")?;
    r.dates.registered = doc.date(root, "study_first_submitted")?;
    r.dates.last_update = doc.date(root, "last_update_submitted")?;
    Ok(())
}

fn phases_from_label(k: &str) -> Option<Vec<Phase>> {
    match k {
        "PHASE_1_PHASE_2" => Some(vec![Phase::Phase1, Phase::Phase2]),
        "PHASE_2_PHASE_3" => Some(vec![Phase::Phase2, Phase::Phase3]),
        _ => Phase::from_key(k)
            .filter(|p| *p != Phase::Unknown)
            .map(|p| vec![p]),
    }
}

fn design(doc: &Doc<'_>, root: &Element, r: &mut StudyRecord) -> Result<(), RegistryError> {
    if let Some(p) = doc.closed(root, "phase", "phase", phases_from_label)? {
        r.phases = p.value;
        r.phase_raw = Some(p.raw);
    }
    if let Some(t) = root.text_of("study_type") {
        let k = key(&t);
        let value = match StudyType::from_key(&k) {
            Some(v) => v,
            // Redacted ("Withheld") records carry `N/A`, which the schema allows.
            None if k == "N_A" => StudyType::Unknown,
            None => {
                return Err(doc.unknown(
                    root.child("study_type").unwrap_or(root),
                    "clinical_study/study_type",
                    "study type",
                ));
            }
        };
        r.patient_registry =
            (value == StudyType::Observational).then(|| k.contains("PATIENT_REGISTRY"));
        r.study_type = Some(Coded::new(value, t));
    }
    if let Some(di) = root.child("study_design_info") {
        let d = &mut r.design;
        d.allocation = open(di, "allocation", Allocation::from_key, Allocation::Unknown);
        d.intervention_model = open(
            di,
            "intervention_model",
            InterventionModel::from_key,
            InterventionModel::Unknown,
        );
        d.intervention_model_description = di.text_of("intervention_model_description");
        d.primary_purpose = open(
            di,
            "primary_purpose",
            PrimaryPurpose::from_key,
            PrimaryPurpose::Unknown,
        );
        d.observational_model = di.text_of("observational_model");
        d.time_perspective = di.text_of("time_perspective");
        d.masking_description = di.text_of("masking_description");
        if let Some(raw) = di.text_of("masking") {
            // "Double (Participant, Investigator)": the level, then who is masked.
            let (level, who) = raw.split_once('(').unwrap_or((&raw, ""));
            let value = Masking::from_key(&key(level)).or_else(|| Masking::from_key(&key(&raw)));
            if value != Some(Masking::None) {
                d.who_masked = who
                    .trim_end_matches(')')
                    .split(',')
                    .map(key)
                    .filter(|s| !s.is_empty())
                    .collect();
            }
            d.masking = Some(Coded::new(value.unwrap_or(Masking::Unknown), raw));
        }
    }
    if let Some(e) = root.child("enrollment") {
        let raw = e.value();
        let count = match &raw {
            Some(t) => Some(t.parse::<u32>().map_err(|_| RegistryError::InvalidValue {
                format: F,
                at: xml::location(doc.text, "clinical_study/enrollment", e),
                value: t.clone(),
                reason: "not a non-negative integer",
            })?),
            None => None,
        };
        let actuality = e.attr("type").and_then(|t| Actuality::from_key(&key(t)));
        r.enrollment = Some(crate::record::Enrollment {
            count,
            actuality,
            raw: None,
        });
    }
    Ok(())
}

fn arms(doc: &Doc<'_>, root: &Element, r: &mut StudyRecord) -> Result<(), RegistryError> {
    for i in root.children_named("intervention") {
        let Some(name) = i.text_of("intervention_name") else {
            continue;
        };
        r.interventions.push(Intervention {
            intervention_type: doc.closed(
                i,
                "intervention_type",
                "intervention type",
                InterventionType::from_key,
            )?,
            name,
            description: i.text_of("description"),
            arm_labels: texts(i, "arm_group_label"),
            other_names: texts(i, "other_name"),
        });
    }
    for a in root.children_named("arm_group") {
        let Some(label) = a.text_of("arm_group_label") else {
            continue;
        };
        // The legacy XML links interventions to arms only from the intervention side;
        // API v2 lists `Type: name` on the arm, so derive that here.
        let intervention_names = r
            .interventions
            .iter()
            .filter(|i| i.arm_labels.contains(&label))
            .map(|i| match &i.intervention_type {
                Some(t) => format!("{}: {}", t.raw, i.name),
                None => i.name.clone(),
            })
            .collect();
        r.arms.push(Arm {
            label,
            arm_type: open(a, "arm_group_type", ArmType::from_key, ArmType::Unknown),
            description: a.text_of("description"),
            intervention_names,
        });
    }
    Ok(())
}

mod people;
use people::{eligibility, people_and_places};
