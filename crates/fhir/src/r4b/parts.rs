//! The resources an R4B ResearchStudy points to, ResearchSubjects, and the Bundle.

use super::datatypes::{Address, CodeableConcept, Reference};
use super::model::{
    Bundle, BundleEntry, BundleEntryRequest, CharacteristicValue, Group, GroupCharacteristic,
    Location, Organization, ResearchStudy, ResearchSubject, Resource,
};
use crate::codes::uuid_for;
use crate::error::FhirError;
use crate::plan::{Criterion, Plan, Refs, criteria, eligibility_text};
use crate::r5::parts::arm;
use crate::types::r4b::{age, coding, identifier, nz, period, reference, text};
use crate::{BundleKind, DmRow};

pub(super) fn parts(plan: &mut Plan, refs: Refs) -> Result<Vec<(String, Resource)>, FhirError> {
    let id = |local: &str, uuid: &str| match refs {
        Refs::Contained => local.to_owned(),
        Refs::Bundle => uuid.to_owned(),
    };
    let mut out = Vec::new();
    if let Some(g) = &plan.group {
        let gid = id(&g.id, &g.uuid);
        let uuid = g.uuid.clone();
        let group = group(plan, gid);
        out.push((uuid, Resource::Group(group)));
    }
    // R4B references one sponsor; the other organisations are note text (FH0014).
    let lead = plan
        .orgs
        .iter()
        .find(|o| o.item.role == registry::PartyRole::LeadSponsor);
    if let Some(o) = lead {
        let org = Organization {
            id: Some(id(&o.id, &o.uuid)),
            r#type: nz(o.item.class.as_deref())
                .map(|c| text(&c))
                .into_iter()
                .collect(),
            name: Some(o.item.name.trim().to_owned()),
        };
        out.push((o.uuid.clone(), Resource::Organization(org)));
    }
    for s in &plan.sites {
        let l = s.item;
        let mut loc = Location {
            id: Some(id(&s.id, &s.uuid)),
            name: nz(l.facility.as_deref()),
            description: l
                .status
                .as_ref()
                .map(|st| format!("Recruitment status: {}", st.raw.trim())),
            address: None,
        };
        if l.city.is_some() || l.state.is_some() || l.zip.is_some() || l.country.is_some() {
            loc.address = Some(Address {
                city: nz(l.city.as_deref()),
                state: nz(l.state.as_deref()),
                postal_code: nz(l.zip.as_deref()),
                country: nz(l.country.as_deref()),
            });
        }
        out.push((s.uuid.clone(), Resource::Location(loc)));
    }
    Ok(out)
}

fn characteristic(code: &str, value: CharacteristicValue, exclude: bool) -> GroupCharacteristic {
    GroupCharacteristic {
        code: text(code),
        value,
        exclude,
    }
}

fn group(plan: &mut Plan, id: String) -> Group {
    use CharacteristicValue::{Boolean, CodeableConcept as Concept, Range};
    let mut chars = Vec::new();
    // R4B Group has no description: the prose goes into a characteristic of its own.
    if let Some(d) = eligibility_text(plan.rec) {
        chars.push(characteristic(
            "Eligibility criteria",
            Concept(text(&d)),
            false,
        ));
    }
    for c in criteria(plan.rec) {
        chars.push(match c {
            Criterion::Text {
                label,
                value,
                exclude,
            } => characteristic(label, Concept(text(value)), exclude),
            Criterion::Sex(code, display) => {
                let system = "http://hl7.org/fhir/administrative-gender";
                let cc = CodeableConcept {
                    coding: vec![coding(system, code, display)],
                    text: None,
                };
                characteristic("Sex", Concept(cc), false)
            }
            Criterion::Age(lo, hi) => {
                let r = super::datatypes::Range {
                    low: lo.and_then(age),
                    high: hi.and_then(age),
                };
                characteristic("Age", Range(r), false)
            }
            Criterion::Flag(label, v) => characteristic(label, Boolean(v), false),
        });
    }
    let quantity = plan.rec.enrollment.as_ref().and_then(|e| e.count);
    if quantity.is_some() {
        plan.push("FH0015", "enrollment.actuality", "R4B cannot say whether enrollment is actual or planned; written as the enrollment Group's quantity");
    }
    Group {
        id: Some(id),
        r#type: "person".to_owned(),
        actual: false,
        name: Some(format!("Eligibility criteria of {}", plan.id)),
        quantity,
        characteristic: chars,
    }
}

/// R4B subject status from the SDTM arm codes: screen failures are `ineligible`, subjects
/// never assigned `not-registered`, everyone else `on-study` (DM does not say more).
fn subject_status(row: &DmRow) -> &'static str {
    match row.armcd.trim() {
        "SCRNFAIL" => "ineligible",
        "NOTASSGN" => "not-registered",
        _ => "on-study",
    }
}

fn subject(
    plan: &mut Plan,
    row: &DmRow,
    study: &str,
) -> Result<(String, ResearchSubject), FhirError> {
    let uuid = uuid_for(&["ResearchSubject", &plan.id, &row.usubjid]);
    let individual = Reference {
        r#type: Some("Patient".to_owned()),
        identifier: Some(identifier(None, &row.usubjid, "USUBJID")),
        ..Default::default()
    };
    // R4B links subjects to arms by name, not by code.
    let name_of = |plan: &Plan, code: Option<String>| {
        code.and_then(|c| {
            plan.arms
                .iter()
                .find(|a| a.armcd == c)
                .map(|a| a.label.trim().to_owned())
        })
    };
    let assigned = arm(plan, row, "ARMCD", &row.armcd);
    let assigned_arm = name_of(plan, assigned);
    let actual = arm(plan, row, "ACTARMCD", &row.actarmcd);
    let actual_arm = name_of(plan, actual);
    let period = match crate::plan::consent_date(plan, row) {
        Some(d) => period(Some(&d), None)?,
        None => None,
    };
    let s = ResearchSubject {
        id: Some(uuid.clone()),
        identifier: vec![identifier(None, &row.usubjid, "USUBJID")],
        status: subject_status(row).to_owned(),
        period,
        study: reference(study.to_owned(), "ResearchStudy", None),
        individual,
        assigned_arm,
        actual_arm,
    };
    Ok((uuid, s))
}

pub(super) fn bundle(
    plan: &mut Plan,
    study: ResearchStudy,
    parts: Vec<(String, Resource)>,
    dm: &[DmRow],
) -> Result<String, FhirError> {
    let study_url = format!("urn:uuid:{}", plan.uuid);
    let mut resources = vec![(
        plan.uuid.clone(),
        "ResearchStudy",
        Resource::ResearchStudy(Box::new(study)),
    )];
    for (u, r) in parts {
        let ty = match &r {
            Resource::Group(_) => "Group",
            Resource::Organization(_) => "Organization",
            _ => "Location",
        };
        resources.push((u, ty, r));
    }
    for row in dm {
        let (uuid, s) = subject(plan, row, &study_url)?;
        resources.push((
            uuid,
            "ResearchSubject",
            Resource::ResearchSubject(Box::new(s)),
        ));
    }
    let transaction = plan.bundle == BundleKind::Transaction;
    let entry = resources
        .into_iter()
        .map(|(uuid, ty, r)| BundleEntry {
            full_url: Some(format!("urn:uuid:{uuid}")),
            resource: Some(r),
            request: transaction.then(|| BundleEntryRequest {
                method: "POST".to_owned(),
                url: ty.to_owned(),
            }),
        })
        .collect();
    let b = Bundle {
        id: Some(uuid_for(&["Bundle", &plan.id])),
        r#type: if transaction {
            "transaction"
        } else {
            "collection"
        }
        .to_owned(),
        entry,
    };
    Resource::Bundle(b).to_json()
}
