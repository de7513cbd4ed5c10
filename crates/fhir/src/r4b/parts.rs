//! The resources an R4B ResearchStudy points to, ResearchSubjects, and the Bundle.

use crate::codes::uuid_for;
use crate::error::{FhirError, build};
use crate::plan::{Criterion, Plan, Refs, criteria, eligibility_text};
use crate::r5::parts::arm;
use crate::types::r4b::{age, identifier, nz, period, range, reference, text};
use crate::{BundleKind, DmRow};
use fhir_sdk::r4b::codes::{BundleType, GroupType, HTTPVerb, ResearchSubjectStatus};
use fhir_sdk::r4b::resources::{
    Bundle, BundleEntry, BundleEntryRequest, Group, GroupCharacteristic, GroupCharacteristicValue,
    Location, Organization, ResearchStudy, ResearchSubject, Resource,
};
use fhir_sdk::r4b::types::{Address, CodeableConcept, Coding, Reference};

pub(super) fn parts(plan: &mut Plan, refs: Refs) -> Result<Vec<(String, Resource)>, FhirError> {
    let id = |local: &str, uuid: &str| match refs {
        Refs::Contained => local.to_owned(),
        Refs::Bundle => uuid.to_owned(),
    };
    let mut out = Vec::new();
    if let Some(g) = &plan.group {
        let gid = id(&g.id, &g.uuid);
        let uuid = g.uuid.clone();
        let group = group(plan, gid)?;
        out.push((uuid, Resource::Group(group)));
    }
    // R4B references one sponsor; the other organisations are note text (FH0014).
    let lead = plan
        .orgs
        .iter()
        .find(|o| o.item.role == registry::PartyRole::LeadSponsor);
    if let Some(o) = lead {
        let mut b = Organization::builder()
            .id(id(&o.id, &o.uuid))
            .name(o.item.name.trim().to_owned());
        if let Some(c) = nz(o.item.class.as_deref()) {
            b = b.r#type(vec![Some(text(&c)?)]);
        }
        out.push((
            o.uuid.clone(),
            Resource::Organization(b.build().map_err(build("Organization"))?),
        ));
    }
    for s in &plan.sites {
        let l = s.item;
        let mut b = Location::builder().id(id(&s.id, &s.uuid));
        if let Some(n) = nz(l.facility.as_deref()) {
            b = b.name(n);
        }
        if let Some(st) = &l.status {
            b = b.description(format!("Recruitment status: {}", st.raw.trim()));
        }
        if l.city.is_some() || l.state.is_some() || l.zip.is_some() || l.country.is_some() {
            let mut a = Address::builder();
            if let Some(v) = nz(l.city.as_deref()) {
                a = a.city(v);
            }
            if let Some(v) = nz(l.state.as_deref()) {
                a = a.state(v);
            }
            if let Some(v) = nz(l.zip.as_deref()) {
                a = a.postal_code(v);
            }
            if let Some(v) = nz(l.country.as_deref()) {
                a = a.country(v);
            }
            b = b.address(a.build().map_err(build("Address"))?);
        }
        out.push((
            s.uuid.clone(),
            Resource::Location(b.build().map_err(build("Location"))?),
        ));
    }
    Ok(out)
}

fn characteristic(
    code: &str,
    value: GroupCharacteristicValue,
    exclude: bool,
) -> Result<Option<GroupCharacteristic>, FhirError> {
    GroupCharacteristic::builder()
        .code(text(code)?)
        .value(value)
        .exclude(exclude)
        .build()
        .map(Some)
        .map_err(build("Group.characteristic"))
}

fn group(plan: &mut Plan, id: String) -> Result<Group, FhirError> {
    let mut chars = Vec::new();
    // R4B Group has no description: the prose goes into a characteristic of its own.
    if let Some(d) = eligibility_text(plan.rec) {
        chars.push(characteristic(
            "Eligibility criteria",
            GroupCharacteristicValue::CodeableConcept(text(&d)?),
            false,
        )?);
    }
    for c in criteria(plan.rec) {
        chars.push(match c {
            Criterion::Text {
                label,
                value,
                exclude,
            } => characteristic(
                label,
                GroupCharacteristicValue::CodeableConcept(text(value)?),
                exclude,
            )?,
            Criterion::Sex(code, display) => {
                let coding = Coding::builder()
                    .system("http://hl7.org/fhir/administrative-gender".to_owned())
                    .code(code.to_owned())
                    .display(display.to_owned())
                    .build()
                    .map_err(build("Coding"))?;
                let cc = CodeableConcept::builder()
                    .coding(vec![Some(coding)])
                    .build()
                    .map_err(build("CodeableConcept"))?;
                characteristic("Sex", GroupCharacteristicValue::CodeableConcept(cc), false)?
            }
            Criterion::Age(lo, hi) => {
                let r = range(
                    lo.map(age).transpose()?.flatten(),
                    hi.map(age).transpose()?.flatten(),
                )?;
                characteristic("Age", GroupCharacteristicValue::Range(r), false)?
            }
            Criterion::Flag(label, v) => {
                characteristic(label, GroupCharacteristicValue::Boolean(v), false)?
            }
        });
    }
    let mut b = Group::builder()
        .id(id)
        .r#type(GroupType::Person)
        .actual(false)
        .name(format!("Eligibility criteria of {}", plan.id))
        .characteristic(chars);
    if let Some(n) = plan.rec.enrollment.as_ref().and_then(|e| e.count) {
        b = b.quantity(n);
        plan.push("FH0015", "enrollment.actuality", "R4B cannot say whether enrollment is actual or planned; written as the enrollment Group's quantity");
    }
    b.build().map_err(build("Group"))
}

/// R4B subject status from the SDTM arm codes: screen failures are `ineligible`, subjects
/// never assigned `not-registered`, everyone else `on-study` (DM does not say more).
fn subject_status(row: &DmRow) -> ResearchSubjectStatus {
    match row.armcd.trim() {
        "SCRNFAIL" => ResearchSubjectStatus::Ineligible,
        "NOTASSGN" => ResearchSubjectStatus::NotRegistered,
        _ => ResearchSubjectStatus::OnStudy,
    }
}

fn subject(
    plan: &mut Plan,
    row: &DmRow,
    study: &str,
) -> Result<(String, ResearchSubject), FhirError> {
    let uuid = uuid_for(&["ResearchSubject", &plan.id, &row.usubjid]);
    let individual = Reference::builder()
        .r#type("Patient".to_owned())
        .identifier(identifier(None, &row.usubjid, Some("USUBJID"))?)
        .build()
        .map_err(build("Reference"))?;
    let mut b = ResearchSubject::builder()
        .id(uuid.clone())
        .status(subject_status(row))
        .identifier(vec![Some(identifier(None, &row.usubjid, Some("USUBJID"))?)])
        .study(reference(study.to_owned(), "ResearchStudy", None)?)
        .individual(individual);
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
    if let Some(n) = name_of(plan, assigned) {
        b = b.assigned_arm(n);
    }
    let actual = arm(plan, row, "ACTARMCD", &row.actarmcd);
    if let Some(n) = name_of(plan, actual) {
        b = b.actual_arm(n);
    }
    if let Some(d) = crate::plan::consent_date(plan, row)
        && let Some(p) = period(Some(&d), None)?
    {
        b = b.period(p);
    }
    Ok((uuid, b.build().map_err(build("ResearchSubject"))?))
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
        Resource::ResearchStudy(study),
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
        resources.push((uuid, "ResearchSubject", Resource::ResearchSubject(s)));
    }
    let kind = plan.bundle;
    let mut entries = Vec::new();
    for (uuid, ty, r) in resources {
        let mut e = BundleEntry::builder().full_url(format!("urn:uuid:{uuid}"));
        if kind == BundleKind::Transaction {
            e = e.request(
                BundleEntryRequest::builder()
                    .method(HTTPVerb::Post)
                    .url(ty.to_owned())
                    .build()
                    .map_err(build("Bundle.entry.request"))?,
            );
        }
        entries.push(Some(e.resource(r).build().map_err(build("Bundle.entry"))?));
    }
    let ty = match kind {
        BundleKind::Collection => BundleType::Collection,
        BundleKind::Transaction => BundleType::Transaction,
    };
    let b = Bundle::builder()
        .id(uuid_for(&["Bundle", &plan.id]))
        .r#type(ty)
        .entry(entries)
        .build()
        .map_err(build("Bundle"))?;
    Ok(crate::sdk::r4b_to_json(&Resource::Bundle(b))?)
}
