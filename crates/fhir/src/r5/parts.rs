//! The resources an R5 ResearchStudy points to, ResearchSubjects, and the Bundle.

use crate::codes::uuid_for;
use crate::error::{FhirError, build};
use crate::plan::{Criterion, Plan, Refs, criteria, eligibility_text, notice};
use crate::types::r5::{age, identifier, nz, period, range, reference, text};
use crate::{BundleKind, DmRow};
use fhir_sdk::r5::codes::{
    BundleType, GroupMembershipBasis, GroupType, HTTPVerb, PublicationStatus,
};
use fhir_sdk::r5::resources::{
    Bundle, BundleEntry, BundleEntryRequest, Group, GroupCharacteristic, GroupCharacteristicValue,
    Location, Organization, ResearchStudy, ResearchSubject, Resource,
};
use fhir_sdk::r5::types::{Address, CodeableConcept, Coding};

/// Group, Organizations and Locations with the full URL each gets in a Bundle.
pub(super) fn parts(plan: &mut Plan, refs: Refs) -> Result<Vec<(String, Resource)>, FhirError> {
    let id = |local: &str, uuid: &str| match refs {
        Refs::Contained => local.to_owned(),
        Refs::Bundle => uuid.to_owned(),
    };
    let mut out = Vec::new();
    if let Some(g) = &plan.group {
        let group = group(plan, id(&g.id, &g.uuid))?;
        out.push((g.uuid.clone(), Resource::Group(group)));
    }
    for o in &plan.orgs {
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

fn group(plan: &Plan, id: String) -> Result<Group, FhirError> {
    let mut chars = Vec::new();
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
        .membership(GroupMembershipBasis::Definitional)
        .name(format!("Eligibility criteria of {}", plan.id))
        .characteristic(chars);
    if let Some(d) = eligibility_text(plan.rec) {
        b = b.description(d);
    }
    b.build().map_err(build("Group"))
}

fn subject(
    plan: &mut Plan,
    row: &DmRow,
    study: &str,
) -> Result<(String, ResearchSubject), FhirError> {
    let uuid = uuid_for(&["ResearchSubject", &plan.id, &row.usubjid]);
    let mut b = ResearchSubject::builder()
        .id(uuid.clone())
        .status(PublicationStatus::Active)
        .identifier(vec![Some(identifier(None, &row.usubjid, Some("USUBJID"))?)])
        .study(reference(study.to_owned(), "ResearchStudy", None)?)
        .subject(
            fhir_sdk::r5::types::Reference::builder()
                .r#type("Patient".to_owned())
                .identifier(identifier(None, &row.usubjid, Some("USUBJID"))?)
                .build()
                .map_err(build("Reference"))?,
        );
    if let Some(code) = arm(plan, row, "ARMCD", &row.armcd) {
        b = b.assigned_comparison_group(code);
    }
    if let Some(code) = arm(plan, row, "ACTARMCD", &row.actarmcd) {
        b = b.actual_comparison_group(code);
    }
    if let Some(p) = consent_period(plan, row)? {
        b = b.period(p);
    }
    Ok((uuid, b.build().map_err(build("ResearchSubject"))?))
}

/// The ARMCD when it names a comparison group of the study; else a notice and nothing.
pub(crate) fn arm(plan: &mut Plan, row: &DmRow, var: &str, code: &str) -> Option<String> {
    let code = code.trim();
    if code.is_empty() {
        return None;
    }
    if plan.arms.iter().any(|a| a.armcd == code) {
        return Some(code.to_owned());
    }
    plan.findings.push(
        notice(
            "FH0016",
            var,
            format!(
                "subject `{}`: {var} `{code}` is not an arm of the registry record; not linked",
                row.usubjid
            ),
        )
        .in_dataset("DM")
        .with_value(code.to_owned()),
    );
    None
}

fn consent_period(
    plan: &mut Plan,
    row: &DmRow,
) -> Result<Option<fhir_sdk::r5::types::Period>, FhirError> {
    match crate::plan::consent_date(plan, row) {
        Some(d) => period(Some(&d), None),
        None => Ok(None),
    }
}

pub(super) fn bundle(
    plan: &mut Plan,
    study: ResearchStudy,
    parts: Vec<(String, Resource)>,
    dm: &[DmRow],
) -> Result<String, FhirError> {
    let study_url = format!("urn:uuid:{}", plan.uuid);
    let mut resources = vec![(plan.uuid.clone(), Resource::ResearchStudy(study))];
    resources.extend(parts);
    for row in dm {
        let (uuid, s) = subject(plan, row, &study_url)?;
        resources.push((uuid, Resource::ResearchSubject(s)));
    }
    let kind = plan.bundle;
    let mut entries = Vec::new();
    for (uuid, r) in resources {
        let mut e = BundleEntry::builder().full_url(format!("urn:uuid:{uuid}"));
        if kind == BundleKind::Transaction {
            let ty = resource_type(&r);
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
    Ok(crate::sdk::r5_to_json(&Resource::Bundle(b))?)
}

fn resource_type(r: &Resource) -> &'static str {
    match r {
        Resource::ResearchStudy(_) => "ResearchStudy",
        Resource::Group(_) => "Group",
        Resource::Organization(_) => "Organization",
        Resource::Location(_) => "Location",
        Resource::ResearchSubject(_) => "ResearchSubject",
        _ => "Resource",
    }
}
