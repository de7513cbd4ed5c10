//! The resources an R5 ResearchStudy points to, ResearchSubjects, and the Bundle.

use crate::codes::uuid_for;
use crate::error::FhirError;
use crate::plan::{Criterion, Plan, Refs, criteria, eligibility_text, notice};
use crate::types::r5::{age, coding, identifier, nz, period, range, reference, text};
use crate::{BundleKind, DmRow};
use serde_json::{Value, json};

/// Group, Organizations and Locations with the full URL each gets in a Bundle.
pub(super) fn parts(plan: &mut Plan, refs: Refs) -> Result<Vec<(String, Value)>, FhirError> {
    let id = |local: &str, uuid: &str| match refs {
        Refs::Contained => local.to_owned(),
        Refs::Bundle => uuid.to_owned(),
    };
    let mut out = Vec::new();
    if let Some(g) = &plan.group {
        out.push((g.uuid.clone(), group(plan, id(&g.id, &g.uuid))));
    }
    for o in &plan.orgs {
        let org = json!({
            "resourceType": "Organization",
            "id": id(&o.id, &o.uuid),
            "type": nz(o.item.class.as_deref()).map(|c| [text(&c)]),
            "name": o.item.name.trim(),
        });
        out.push((o.uuid.clone(), org));
    }
    for s in &plan.sites {
        let l = s.item;
        let any = l.city.is_some() || l.state.is_some() || l.zip.is_some() || l.country.is_some();
        let address = any.then(|| {
            json!({
                "city": nz(l.city.as_deref()),
                "state": nz(l.state.as_deref()),
                "postalCode": nz(l.zip.as_deref()),
                "country": nz(l.country.as_deref()),
            })
        });
        let status = l.status.as_ref();
        let location = json!({
            "resourceType": "Location",
            "id": id(&s.id, &s.uuid),
            "name": nz(l.facility.as_deref()),
            "description": status.map(|st| format!("Recruitment status: {}", st.raw.trim())),
            "address": address,
        });
        out.push((s.uuid.clone(), location));
    }
    Ok(out)
}

/// `value` is the `value[x]` element: its name (`valueRange`) and value.
fn characteristic(code: &str, value: (&str, Value), exclude: bool) -> Value {
    let (key, value) = value;
    json!({ "code": text(code), key: value, "exclude": exclude })
}

fn group(plan: &Plan, id: String) -> Value {
    let chars: Vec<Value> = criteria(plan.rec)
        .into_iter()
        .map(|c| match c {
            Criterion::Text {
                label,
                value,
                exclude,
            } => characteristic(label, ("valueCodeableConcept", text(value)), exclude),
            Criterion::Sex(code, display) => {
                let system = "http://hl7.org/fhir/administrative-gender";
                let cc = json!({ "coding": [coding(system, code, display)] });
                characteristic("Sex", ("valueCodeableConcept", cc), false)
            }
            Criterion::Age(lo, hi) => {
                let r = range(lo.and_then(age), hi.and_then(age));
                characteristic("Age", ("valueRange", r), false)
            }
            Criterion::Flag(label, v) => characteristic(label, ("valueBoolean", v.into()), false),
        })
        .collect();
    json!({
        "resourceType": "Group",
        "id": id,
        "name": format!("Eligibility criteria of {}", plan.id),
        "description": eligibility_text(plan.rec),
        "type": "person",
        "membership": "definitional",
        "characteristic": chars,
    })
}

fn subject(plan: &mut Plan, row: &DmRow, study: &str) -> Result<(String, Value), FhirError> {
    let uuid = uuid_for(&["ResearchSubject", &plan.id, &row.usubjid]);
    let usubjid = || identifier(None, &row.usubjid, Some("USUBJID"));
    // Subjects point at comparison groups by link id, the FHIR spelling of the ARMCD.
    let link = |c: Option<String>| c.map(|c| crate::codes::link_id(&c));
    let assigned = link(arm(plan, row, "ARMCD", &row.armcd));
    let actual = link(arm(plan, row, "ACTARMCD", &row.actarmcd));
    let s = json!({
        "resourceType": "ResearchSubject",
        "id": uuid,
        "identifier": [usubjid()],
        "status": "active",
        "period": consent_period(plan, row)?,
        "study": reference(study.to_owned(), "ResearchStudy", None),
        "subject": { "type": "Patient", "identifier": usubjid() },
        "assignedComparisonGroup": assigned,
        "actualComparisonGroup": actual,
    });
    Ok((uuid, s))
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

fn consent_period(plan: &mut Plan, row: &DmRow) -> Result<Option<Value>, FhirError> {
    match crate::plan::consent_date(plan, row) {
        Some(d) => period(Some(&d), None),
        None => Ok(None),
    }
}

pub(super) fn bundle(
    plan: &mut Plan,
    study: Value,
    parts: Vec<(String, Value)>,
    dm: &[DmRow],
) -> Result<String, FhirError> {
    let study_url = format!("urn:uuid:{}", plan.uuid);
    let mut resources = vec![(plan.uuid.clone(), study)];
    resources.extend(parts);
    for row in dm {
        resources.push(subject(plan, row, &study_url)?);
    }
    let transaction = plan.bundle == BundleKind::Transaction;
    let entries: Vec<Value> = resources
        .into_iter()
        .map(|(uuid, r)| {
            let request =
                transaction.then(|| json!({ "method": "POST", "url": r["resourceType"] }));
            json!({ "fullUrl": format!("urn:uuid:{uuid}"), "resource": r, "request": request })
        })
        .collect();
    let b = json!({
        "resourceType": "Bundle",
        "id": uuid_for(&["Bundle", &plan.id]),
        "type": if transaction { "transaction" } else { "collection" },
        "entry": entries,
    });
    super::write("Bundle", b)
}
