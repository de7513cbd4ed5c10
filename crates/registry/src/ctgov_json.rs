//! ClinicalTrials.gov API v2 study JSON (`GET /api/v2/studies/{nctId}`).
//!
//! Enum fields must hold API v2 tokens exactly (`PHASE2`, not `Phase 2`): an unknown token
//! is an error with its JSON pointer, since this format is machine-written and a stray
//! value means a wrong or corrupted file. Unknown *fields* are ignored, so newer API
//! versions still read.

use crate::codes::{Actuality, AgeUnit, OverallStatus, PartyRole, Phase, key};
use crate::error::{Format, Location, RegistryError};
use crate::normalize::split_criteria;
use crate::record::{
    Age, Arm, CTGOV_SYSTEM, Intervention, Location as Site, Outcome, Party, RegistryId,
    SecondaryId, StudyDate, StudyRecord,
};
use model::IsoDateTime;
use serde_json::Value;

pub(crate) const F: Format = Format::CtgovJson;

mod cursor;
use cursor::At;

/// Reads one study. A search response (`{"studies": [...]}`) must hold exactly one.
pub fn read_str(text: &str) -> Result<StudyRecord, RegistryError> {
    let root = crate::error::parse_json(text, F)?;
    if crate::ctgov_classic::is_classic(&root) {
        return crate::ctgov_classic::read_value(&root);
    }
    read_value(&root)
}

/// Reads a parsed API v2 document (also the rewritten classic JSON).
pub(crate) fn read_value(root: &Value) -> Result<StudyRecord, RegistryError> {
    let top = At {
        v: root,
        ptr: String::new(),
    };
    if let Some(studies) = top.get("studies")? {
        let arr = studies
            .v
            .as_array()
            .ok_or_else(|| studies.wrong("an array"))?;
        if arr.len() != 1 {
            return Err(RegistryError::TrialCount {
                format: F,
                count: arr.len(),
            });
        }
        return read_study(&At {
            v: &arr[0],
            ptr: "/studies/0".into(),
        });
    }
    read_study(&top)
}

fn read_study(study: &At<'_>) -> Result<StudyRecord, RegistryError> {
    let ps = study
        .get("protocolSection")?
        .ok_or_else(|| RegistryError::Missing {
            format: F,
            at: Location::Pointer(study.ptr.clone()),
            // Say what a study JSON may look like: both CT.gov shapes are read.
            field: "protocolSection (API v2), or FullStudiesResponse, FullStudy or Study (classic JSON)",
        })?;
    let mut r = StudyRecord::default();
    identification(&ps.module("identificationModule")?, &mut r)?;
    status(&ps.module("statusModule")?, &mut r)?;
    sponsors(&ps.module("sponsorCollaboratorsModule")?, &mut r)?;
    let desc = ps.module("descriptionModule")?;
    if desc.present() {
        r.brief_summary = desc.text("briefSummary")?;
        r.detailed_description = desc.text("detailedDescription")?;
    }
    let cond = ps.module("conditionsModule")?;
    if cond.present() {
        r.conditions = cond.strings("conditions")?;
        r.keywords = cond.strings("keywords")?;
    }
    design(&ps.module("designModule")?, &mut r)?;
    arms(&ps.module("armsInterventionsModule")?, &mut r)?;
    outcomes(&ps.module("outcomesModule")?, &mut r)?;
    eligibility(&ps.module("eligibilityModule")?, &mut r)?;
    contacts(&ps.module("contactsLocationsModule")?, &mut r)?;
    Ok(r)
}

fn identification(m: &At<'_>, r: &mut StudyRecord) -> Result<(), RegistryError> {
    if !m.present() {
        return Ok(());
    }
    r.ids.primary = m.text("nctId")?.map(|value| RegistryId {
        value,
        system: Some(CTGOV_SYSTEM.into()),
    });
    if let Some(org) = m.get("orgStudyIdInfo")? {
        r.ids.org_study_id = org.text("id")?;
    }
    for s in m.items("secondaryIdInfos")? {
        if let Some(value) = s.text("id")? {
            r.ids.secondary.push(SecondaryId {
                value,
                kind: s.text("type")?,
                domain: s.text("domain")?,
            });
        }
    }
    r.titles.brief = m.text("briefTitle")?;
    r.titles.official = m.text("officialTitle")?;
    r.titles.acronym = m.text("acronym")?;
    Ok(())
}

fn date(a: &At<'_>) -> Result<IsoDateTime, RegistryError> {
    let s = a.str()?;
    s.trim()
        .parse()
        .map_err(|_| a.invalid(s, "not an ISO 8601 date"))
}

fn date_struct(m: &At<'_>, name: &str) -> Result<Option<StudyDate>, RegistryError> {
    let Some(s) = m.get(name)? else {
        return Ok(None);
    };
    let Some(d) = s.get("date")? else {
        return Ok(None);
    };
    let actuality = s
        .opt_code("type", "date type", Actuality::from_key)?
        .map(|c| c.value);
    Ok(Some(StudyDate {
        date: Some(date(&d)?),
        actuality,
        raw: d.str()?.to_owned(),
    }))
}

fn plain_date(m: &At<'_>, name: &str) -> Result<Option<StudyDate>, RegistryError> {
    let Some(d) = m.get(name)? else {
        return Ok(None);
    };
    Ok(Some(StudyDate {
        date: Some(date(&d)?),
        actuality: Some(Actuality::Actual),
        raw: d.str()?.to_owned(),
    }))
}

fn status(m: &At<'_>, r: &mut StudyRecord) -> Result<(), RegistryError> {
    if !m.present() {
        return Ok(());
    }
    r.status.overall = m.opt_code("overallStatus", "overall status", OverallStatus::from_key)?;
    r.status.last_known = m.opt_code(
        "lastKnownStatus",
        "last known status",
        OverallStatus::from_key,
    )?;
    r.status.why_stopped = m.text("whyStopped")?;
    r.status.verified = m.get("statusVerifiedDate")?.map(|a| date(&a)).transpose()?;
    r.dates.start = date_struct(m, "startDateStruct")?;
    r.dates.primary_completion = date_struct(m, "primaryCompletionDateStruct")?;
    r.dates.completion = date_struct(m, "completionDateStruct")?;
    r.dates.registered = plain_date(m, "studyFirstSubmitDate")?;
    r.dates.last_update = plain_date(m, "lastUpdateSubmitDate")?;
    Ok(())
}

fn sponsors(m: &At<'_>, r: &mut StudyRecord) -> Result<(), RegistryError> {
    if !m.present() {
        return Ok(());
    }
    let mut party = |a: &At<'_>, role| -> Result<(), RegistryError> {
        if let Some(name) = a.text("name")? {
            r.parties.push(Party {
                name,
                role,
                affiliation: None,
                class: a.text("class")?,
            });
        }
        Ok(())
    };
    if let Some(lead) = m.get("leadSponsor")? {
        party(&lead, PartyRole::LeadSponsor)?;
    }
    for c in m.items("collaborators")? {
        party(&c, PartyRole::Collaborator)?;
    }
    if let Some(rp) = m.get("responsibleParty")? {
        let role = rp.text("type")?.and_then(|t| PartyRole::from_key(&t));
        if let (Some(name), Some(role)) = (rp.text("investigatorFullName")?, role)
            && !r.parties.iter().any(|p| p.name == name && p.role == role)
        {
            r.parties.push(Party {
                name,
                role,
                affiliation: rp.text("investigatorAffiliation")?,
                class: None,
            });
        }
    }
    Ok(())
}

fn design(m: &At<'_>, r: &mut StudyRecord) -> Result<(), RegistryError> {
    if !m.present() {
        return Ok(());
    }
    r.study_type = m.opt_code("studyType", "study type", crate::codes::StudyType::from_key)?;
    r.patient_registry = m.bool("patientRegistry")?;
    let phases = m.items("phases")?;
    for p in &phases {
        r.phases.push(p.code("phase", Phase::from_key)?.value);
    }
    if !phases.is_empty() {
        r.phase_raw = Some(
            phases
                .iter()
                .map(|p| p.str())
                .collect::<Result<Vec<_>, _>>()?
                .join(", "),
        );
    }
    if let Some(di) = m.get("designInfo")? {
        let d = &mut r.design;
        d.allocation = di.opt_code(
            "allocation",
            "allocation",
            crate::codes::Allocation::from_key,
        )?;
        d.intervention_model = di.opt_code(
            "interventionModel",
            "intervention model",
            crate::codes::InterventionModel::from_key,
        )?;
        d.intervention_model_description = di.text("interventionModelDescription")?;
        d.primary_purpose = di.opt_code(
            "primaryPurpose",
            "primary purpose",
            crate::codes::PrimaryPurpose::from_key,
        )?;
        d.observational_model = di.text("observationalModel")?;
        d.time_perspective = di.text("timePerspective")?;
        if let Some(mi) = di.get("maskingInfo")? {
            d.masking = mi.opt_code("masking", "masking", crate::codes::Masking::from_key)?;
            d.who_masked = mi.strings("whoMasked")?;
            d.masking_description = mi.text("maskingDescription")?;
        }
    }
    if let Some(e) = m.get("enrollmentInfo")? {
        let count = match e.get("count")? {
            Some(c) => Some(
                c.v.as_u64()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(|| c.wrong("a non-negative integer"))?,
            ),
            None => None,
        };
        let actuality = e
            .opt_code("type", "enrollment type", Actuality::from_key)?
            .map(|c| c.value);
        r.enrollment = Some(crate::record::Enrollment {
            count,
            actuality,
            raw: None,
        });
    }
    Ok(())
}

fn arms(m: &At<'_>, r: &mut StudyRecord) -> Result<(), RegistryError> {
    if !m.present() {
        return Ok(());
    }
    for a in m.items("armGroups")? {
        let label = a.text("label")?.ok_or_else(|| RegistryError::Missing {
            format: F,
            at: a.loc(),
            field: "label",
        })?;
        r.arms.push(Arm {
            label,
            arm_type: a.opt_code("type", "arm group type", crate::codes::ArmType::from_key)?,
            description: a.text("description")?,
            intervention_names: a.strings("interventionNames")?,
        });
    }
    for i in m.items("interventions")? {
        let name = i.text("name")?.ok_or_else(|| RegistryError::Missing {
            format: F,
            at: i.loc(),
            field: "name",
        })?;
        r.interventions.push(Intervention {
            intervention_type: i.opt_code(
                "type",
                "intervention type",
                crate::codes::InterventionType::from_key,
            )?,
            name,
            description: i.text("description")?,
            arm_labels: i.strings("armGroupLabels")?,
            other_names: i.strings("otherNames")?,
        });
    }
    Ok(())
}

fn outcomes(m: &At<'_>, r: &mut StudyRecord) -> Result<(), RegistryError> {
    if !m.present() {
        return Ok(());
    }
    let list = |name: &str| -> Result<Vec<Outcome>, RegistryError> {
        let mut out = Vec::new();
        for o in m.items(name)? {
            let measure = o.text("measure")?.ok_or_else(|| RegistryError::Missing {
                format: F,
                at: o.loc(),
                field: "measure",
            })?;
            out.push(Outcome {
                measure,
                time_frame: o.text("timeFrame")?,
                description: o.text("description")?,
            });
        }
        Ok(out)
    };
    r.outcomes.primary = list("primaryOutcomes")?;
    r.outcomes.secondary = list("secondaryOutcomes")?;
    r.outcomes.other = list("otherOutcomes")?;
    Ok(())
}

/// API v2 ages are `NUMBER UNIT` (`18 Years`).
fn age(a: &At<'_>) -> Result<Age, RegistryError> {
    let raw = a.str()?;
    let parsed = raw.trim().split_once(' ').and_then(|(n, u)| {
        let unit = AgeUnit::from_key(&key(u)).filter(|u| *u != AgeUnit::Unknown)?;
        Some((n.parse::<u32>().ok()?, unit))
    });
    let (value, unit) =
        parsed.ok_or_else(|| a.invalid(raw, "expected `NUMBER UNIT`, e.g. `18 Years`"))?;
    Ok(Age {
        value: Some(value),
        unit,
        raw: raw.to_owned(),
    })
}

fn eligibility(m: &At<'_>, r: &mut StudyRecord) -> Result<(), RegistryError> {
    if !m.present() {
        return Ok(());
    }
    let e = &mut r.eligibility;
    e.criteria = m.text("eligibilityCriteria")?;
    if let Some(c) = &e.criteria {
        (e.inclusion, e.exclusion) = split_criteria(c);
    }
    e.healthy_volunteers = m.bool("healthyVolunteers")?;
    e.sex = m.opt_code("sex", "sex", crate::codes::Sex::from_key)?;
    e.minimum_age = m.get("minimumAge")?.map(|a| age(&a)).transpose()?;
    e.maximum_age = m.get("maximumAge")?.map(|a| age(&a)).transpose()?;
    e.std_ages = m.strings("stdAges")?;
    e.study_population = m.text("studyPopulation")?;
    Ok(())
}

fn contacts(m: &At<'_>, r: &mut StudyRecord) -> Result<(), RegistryError> {
    if !m.present() {
        return Ok(());
    }
    for o in m.items("overallOfficials")? {
        if let Some(name) = o.text("name")? {
            let role = o.opt_code("role", "official role", PartyRole::from_key)?;
            let role = role.map_or(PartyRole::Unknown, |c| c.value);
            r.parties.push(Party {
                name,
                role,
                affiliation: o.text("affiliation")?,
                class: None,
            });
        }
    }
    for l in m.items("locations")? {
        let site = Site {
            facility: l.text("facility")?,
            city: l.text("city")?,
            state: l.text("state")?,
            zip: l.text("zip")?,
            country: l.text("country")?,
            status: l.opt_code("status", "location status", OverallStatus::from_key)?,
        };
        if let Some(c) = &site.country {
            r.add_country(&c.clone());
        }
        r.locations.push(site);
    }
    Ok(())
}
