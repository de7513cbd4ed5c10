//! WHO ICTRP XML export (`<Trials_downloaded_from_ICTRP>` with one flat `<Trial>` per
//! registration, every field a text node).
//!
//! ICTRP passes each source registry's wording through, so phase ("Phase II", "2-3"),
//! status ("Not recruiting", "Authorised"), target size ("Japan: 58") and design are free
//! text. They are normalized per [`crate::normalize`]; what cannot be read stays as raw
//! text with an `Unknown` value and is not an error. Field names are matched without regard
//! to case, as exports differ (`Primary_outcome` / `Primary_Outcome`). Contact fields are
//! personal data and are not read.

use crate::codes::{
    Actuality, Allocation, Coded, InterventionModel, InterventionType, Masking, PartyRole,
    PrimaryPurpose, Sex, StudyType, key,
};
use crate::error::{Format, RegistryError};
use crate::normalize::{
    criteria_items, parse_age, parse_date, phases_free_text, status_free_text, target_size,
};
use crate::record::{
    CTGOV_SYSTEM, Design, Enrollment, ICTRP_SYSTEM, Intervention, Outcome, Party, RegistryId,
    SecondaryId, StudyDate, StudyRecord, UMIN_SYSTEM,
};
use crate::xml::{self, Element};

const F: Format = Format::Ictrp;
const ROOT: &str = "Trials_downloaded_from_ICTRP";

/// Reads an export holding exactly one trial.
pub fn read_str(text: &str) -> Result<StudyRecord, RegistryError> {
    let mut all = read_all(text)?;
    match all.len() {
        1 => Ok(all.remove(0)),
        count => Err(RegistryError::TrialCount { format: F, count }),
    }
}

/// Reads every trial of an export, in document order.
pub fn read_all(text: &str) -> Result<Vec<StudyRecord>, RegistryError> {
    let root = xml::parse(text, F)?;
    match root.name.as_str() {
        ROOT => Ok(root.children_named("Trial").map(trial).collect()),
        "Trial" => Ok(vec![trial(&root)]),
        _ => Err(RegistryError::UnexpectedRoot {
            format: F,
            found: root.name,
            expected: ROOT,
        }),
    }
}

/// A field's text with ICTRP's HTML residue (`<br>` arrives escaped as text) made plain.
fn field(t: &Element, name: &str) -> Option<String> {
    let el = t
        .children
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(name))?;
    let mut s = el.text.replace('\r', "");
    for br in ["<br />", "<br/>", "<br>", "<BR>"] {
        s = s.replace(br, "\n");
    }
    let s = s.trim();
    (!s.is_empty() && !s.eq_ignore_ascii_case("null")).then(|| s.to_owned())
}

fn list(t: &Element, name: &str) -> Vec<String> {
    field(t, name).map_or_else(Vec::new, |s| {
        s.split([';', '\n'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
}

fn primary_id(id: &str) -> RegistryId {
    let (value, system) = if id.starts_with("NCT") {
        (id, CTGOV_SYSTEM)
    } else if let Some(umin) = id
        .strip_prefix("JPRN-")
        .filter(|s| s.starts_with("UMIN"))
        .or(id.strip_prefix("UMIN").map(|_| id))
    {
        (umin, UMIN_SYSTEM)
    } else {
        (id, ICTRP_SYSTEM)
    };
    RegistryId {
        value: value.to_owned(),
        system: Some(system.to_owned()),
    }
}

fn trial(t: &Element) -> StudyRecord {
    let mut r = StudyRecord::default();
    if let Some(id) = field(t, "TrialID") {
        let p = primary_id(&id);
        if p.value != id {
            r.ids.secondary.push(SecondaryId {
                value: id,
                kind: Some("ICTRP TrialID".into()),
                domain: Some("WHO ICTRP".into()),
            });
        }
        r.ids.primary = Some(p);
    }
    for value in list(t, "Secondary_ID") {
        r.ids.secondary.push(SecondaryId {
            value,
            kind: None,
            domain: None,
        });
    }
    r.titles.brief = field(t, "Public_title");
    r.titles.official = field(t, "Scientific_title");
    r.titles.acronym = field(t, "Acronym");
    for (tag, role) in [
        ("Primary_sponsor", PartyRole::LeadSponsor),
        ("Secondary_Sponsor", PartyRole::Collaborator),
        ("Source_Support", PartyRole::Funder),
    ] {
        for name in list(t, tag) {
            r.parties.push(Party {
                name,
                role,
                affiliation: None,
                class: None,
            });
        }
    }
    let date = |name: &str, actuality| {
        field(t, name).map(|raw| StudyDate {
            date: parse_date(&raw),
            actuality,
            raw,
        })
    };
    r.dates.registered = date("Date_registration3", Some(Actuality::Actual))
        .or_else(|| date("Date_registration", Some(Actuality::Actual)));
    // ICTRP does not say whether the enrollment date happened or is planned.
    r.dates.start = date("Date_enrollement", None).or_else(|| date("Date_enrolment", None));
    r.status.overall =
        field(t, "Recruitment_Status").map(|raw| Coded::new(status_free_text(&raw), raw));
    r.enrollment = field(t, "Target_size").map(|raw| Enrollment {
        count: target_size(&raw),
        actuality: Some(Actuality::Anticipated),
        raw: Some(raw),
    });
    r.study_type = field(t, "Study_type").map(|raw| {
        Coded::new(
            StudyType::from_key(&key(&raw)).unwrap_or(StudyType::Unknown),
            raw,
        )
    });
    if let Some(raw) = field(t, "Study_design") {
        r.design = design_free_text(&raw);
    }
    if let Some(raw) = field(t, "Phase") {
        r.phases = phases_free_text(&raw);
        r.phase_raw = Some(raw);
    }
    for c in list(t, "Countries") {
        r.add_country(&c);
    }
    r.conditions = list(t, "Condition");
    r.interventions = list(t, "Intervention")
        .into_iter()
        .map(|s| intervention(&s))
        .collect();
    eligibility(t, &mut r);
    let outcomes = |name| {
        list(t, name)
            .into_iter()
            .map(|measure| Outcome {
                measure,
                time_frame: None,
                description: None,
            })
            .collect()
    };
    r.outcomes.primary = outcomes("Primary_outcome");
    r.outcomes.secondary = outcomes("Secondary_outcome");
    r
}

/// "Drug: Tacrolimus" → a typed intervention; text without a known type prefix is a name.
fn intervention(text: &str) -> Intervention {
    let typed = text.split_once(':').and_then(|(ty, name)| {
        let t = InterventionType::from_key(&key(ty))?;
        Some((Coded::new(t, ty.trim()), name.trim().to_owned()))
    });
    let (intervention_type, name) = match typed {
        Some((t, n)) => (Some(t), n),
        None => (None, text.to_owned()),
    };
    Intervention {
        intervention_type,
        name,
        description: None,
        arm_labels: Vec::new(),
        other_names: Vec::new(),
    }
}

fn eligibility(t: &Element, r: &mut StudyRecord) {
    let e = &mut r.eligibility;
    let inc = field(t, "Inclusion_Criteria");
    let exc = field(t, "Exclusion_Criteria");
    e.inclusion = inc.as_deref().map(criteria_items).unwrap_or_default();
    e.exclusion = exc.as_deref().map(criteria_items).unwrap_or_default();
    let parts: Vec<String> = [inc, exc].into_iter().flatten().collect();
    e.criteria = (!parts.is_empty()).then(|| parts.join("\n\n"));
    e.minimum_age = field(t, "Inclusion_agemin").and_then(|s| parse_age(&s));
    e.maximum_age = field(t, "Inclusion_agemax").and_then(|s| parse_age(&s));
    e.sex = field(t, "Inclusion_gender").map(|raw| {
        let k = key(&raw);
        let sex = Sex::from_key(&k).unwrap_or(if k.contains("MALE") && k.contains("FEMALE") {
            Sex::All
        } else {
            Sex::Unknown
        });
        Coded::new(sex, raw)
    });
}

/// Reads what it can of a free-text design statement, e.g. "Allocation: Randomized.
/// Intervention model: Parallel Assignment. Masking: None (Open Label)." or UMIN's
/// "Parallel, Randomized, Open(masking not used)". The whole text is the raw value of each.
pub fn design_free_text(raw: &str) -> Design {
    let l = raw.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| l.contains(w));
    fn coded<T>(v: T, raw: &str) -> Option<Coded<T>> {
        Some(Coded::new(v, raw))
    }
    let allocation = if has(&["non-random", "nonrandom", "non random"]) {
        coded(Allocation::NonRandomized, raw)
    } else if has(&["random"]) {
        coded(Allocation::Randomized, raw)
    } else {
        None
    };
    let intervention_model = [
        (&["parallel"][..], InterventionModel::Parallel),
        (
            &["crossover", "cross-over", "cross over"][..],
            InterventionModel::Crossover,
        ),
        (&["factorial"][..], InterventionModel::Factorial),
        (
            &["single group", "single arm", "single-arm"][..],
            InterventionModel::SingleGroup,
        ),
        (&["sequential"][..], InterventionModel::Sequential),
    ]
    .into_iter()
    .find(|(w, _)| has(w))
    .and_then(|(_, m)| coded(m, raw));
    let masking = [
        (
            &[
                "open label",
                "open-label",
                "open(",
                "open (",
                "masking not used",
                "masking: none",
                "not blinded",
                "no masking",
            ][..],
            Masking::None,
        ),
        (&["quadruple"][..], Masking::Quadruple),
        (&["triple"][..], Masking::Triple),
        (&["double"][..], Masking::Double),
        (
            &[
                "single blind",
                "single-blind",
                "masking: single",
                "single (",
            ][..],
            Masking::Single,
        ),
        (&["blind", "masked"][..], Masking::Unknown),
    ]
    .into_iter()
    .find(|(w, _)| has(w))
    .and_then(|(_, m)| coded(m, raw));
    let primary_purpose = [
        ("treatment", PrimaryPurpose::Treatment),
        ("prevention", PrimaryPurpose::Prevention),
        ("diagnos", PrimaryPurpose::Diagnostic),
        ("supportive", PrimaryPurpose::SupportiveCare),
        ("screening", PrimaryPurpose::Screening),
        ("basic science", PrimaryPurpose::BasicScience),
        ("health services", PrimaryPurpose::HealthServicesResearch),
    ]
    .into_iter()
    .find(|(w, _)| l.contains(w))
    .and_then(|(_, p)| coded(p, raw));
    Design {
        allocation,
        intervention_model,
        masking,
        primary_purpose,
        description: Some(raw.to_owned()),
        ..Design::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn design_statements_from_two_registries() {
        let d = design_free_text(
            "Allocation: Randomized. Intervention model: Parallel Assignment. Primary purpose: Treatment. Masking: None (Open Label).",
        );
        assert_eq!(d.allocation.unwrap().value, Allocation::Randomized);
        assert_eq!(
            d.intervention_model.unwrap().value,
            InterventionModel::Parallel
        );
        assert_eq!(d.masking.unwrap().value, Masking::None);
        assert_eq!(d.primary_purpose.unwrap().value, PrimaryPurpose::Treatment);
        let d = design_free_text("Parallel, Randomized, Open(masking not used), Active");
        assert_eq!(d.masking.unwrap().value, Masking::None);
        let d = design_free_text("Non-randomized, single arm, double blind");
        assert_eq!(d.allocation.unwrap().value, Allocation::NonRandomized);
        assert_eq!(
            d.intervention_model.unwrap().value,
            InterventionModel::SingleGroup
        );
        assert_eq!(d.masking.unwrap().value, Masking::Double);
    }

    #[test]
    fn trial_ids_get_their_registry_system() {
        assert_eq!(primary_id("JPRN-UMIN000015469").value, "UMIN000015469");
        assert_eq!(
            primary_id("JPRN-UMIN000015469").system.as_deref(),
            Some(UMIN_SYSTEM)
        );
        assert_eq!(
            primary_id("NCT04966884").system.as_deref(),
            Some(CTGOV_SYSTEM)
        );
        assert_eq!(
            primary_id("ChiCTR2600132949").system.as_deref(),
            Some(ICTRP_SYSTEM)
        );
    }

    #[test]
    fn interventions_keep_untyped_text_as_name() {
        let i = intervention("Drug: Tacrolimus");
        assert_eq!(
            (i.intervention_type.unwrap().value, i.name.as_str()),
            (InterventionType::Drug, "Tacrolimus")
        );
        let i = intervention("TAC group: tacrolimus 0.075 mg/kg/day");
        assert_eq!(
            (i.intervention_type, i.name.as_str()),
            (None, "TAC group: tacrolimus 0.075 mg/kg/day")
        );
    }
}
