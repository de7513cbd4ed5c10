//! StudyRecord → R5 ResearchStudy, built as JSON and written through fhir-sdk's model
//! ([`write`]).

pub(crate) mod parts;
mod progress;
mod write;

use crate::codes::{self, PARTY_ROLE, TITLE_TYPE};
use crate::error::FhirError;
use crate::plan::{Plan, Refs, is_actual};
use crate::text::{design_lines, design_text, note_lines};
use crate::types::r5::{coded, date, display_ref, identifiers, note, nz, period, reference, text};
use crate::{DmRow, Output};
use progress::{objective, outcome, progress_statuses};
use serde_json::{Map, Value, json};
use write::write;

pub(crate) fn study_json(mut plan: Plan) -> Result<Output, FhirError> {
    let contained = parts::parts(&mut plan, Refs::Contained)?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let study = study(&mut plan, Refs::Contained, contained)?;
    let json = write("ResearchStudy", study)?;
    Ok(Output {
        json,
        findings: plan.findings,
    })
}

pub(crate) fn bundle_json(mut plan: Plan, dm: &[DmRow]) -> Result<Output, FhirError> {
    let entries = parts::parts(&mut plan, Refs::Bundle)?;
    let study = study(&mut plan, Refs::Bundle, Vec::new())?;
    let json = parts::bundle(&mut plan, study, entries, dm)?;
    Ok(Output {
        json,
        findings: plan.findings,
    })
}

fn study(plan: &mut Plan, refs: Refs, contained: Vec<Value>) -> Result<Value, FhirError> {
    let rec = plan.rec;
    let t = &rec.titles;
    let title = nz(t.brief.as_deref()).or(nz(t.official.as_deref()));
    let mut labels = Vec::new();
    for (v, code, display) in [
        (&t.official, "official", "Official"),
        (&t.acronym, "acronym", "Acronym"),
    ] {
        if let Some(v) = nz(v.as_deref()).filter(|v| Some(v) != title.as_ref()) {
            let m = codes::Mapped {
                code,
                display,
                exact: true,
            };
            labels.push(json!({ "type": coded(TITLE_TYPE, &m, None), "value": v }));
        }
    }
    let last_update = rec.dates.last_update.as_ref().and_then(|d| d.date.as_ref());
    let purpose = rec
        .design
        .primary_purpose
        .as_ref()
        .map(|p| match codes::purpose(p.value) {
            Some(m) => coded(codes::PURPOSE_R5, &m, None),
            None => {
                plan.push(
                    "FH0008",
                    "design.primary_purpose",
                    format!("primary purpose `{}` has no code; text only", p.raw),
                );
                text(&p.raw)
            }
        });
    let mut phase = None;
    if !rec.phases.is_empty() {
        let raw = rec.phase_raw.clone().unwrap_or_else(|| {
            rec.phases
                .iter()
                .map(|p| p.token())
                .collect::<Vec<_>>()
                .join(", ")
        });
        phase = Some(match codes::phase(&rec.phases) {
            Some(m) => coded(codes::PHASE_R5, &m, Some(&raw)),
            None => {
                plan.push(
                    "FH0007",
                    "phases",
                    format!("phase `{raw}` has no research-study-phase code; text only"),
                );
                text(&raw)
            }
        });
    }
    let mut classifier = Vec::new();
    if let Some(st) = &rec.study_type {
        classifier.push(text(&design_text("Study type", st.value.token(), &st.raw)));
    }
    if rec.patient_registry == Some(true) {
        classifier.push(text("Patient registry"));
    }
    let texts = |v: &[String]| -> Vec<Value> {
        v.iter()
            .filter_map(|s| nz(Some(s)))
            .map(|s| text(&s))
            .collect()
    };
    let start = Plan::date(rec.dates.start.as_ref());
    let end = Plan::date(rec.dates.completion.as_ref());
    let sites: Vec<Value> = plan
        .sites
        .iter()
        .map(|s| reference(s.reference(refs), "Location", s.item.facility.as_deref()))
        .collect();
    let parties = parties(plan, refs);
    let progress = progress_statuses(plan)?;
    let groups = comparison_groups(plan);
    let mut measures = Vec::new();
    for (list, kind) in [
        (&rec.outcomes.primary, objective("primary", "Primary")),
        (&rec.outcomes.secondary, objective("secondary", "Secondary")),
        (&rec.outcomes.other, objective("exploratory", "Exploratory")),
    ] {
        measures.extend(list.iter().map(|o| outcome(o, kind)));
    }
    let mut notes: Vec<String> = note_lines(plan);
    if let Some(d) = rec.dates.registered.as_ref().and_then(|d| d.date.as_ref()) {
        notes.push(format!("Registered: {d}"));
        plan.push(
            "FH0006",
            "dates.registered",
            "registration date has no element; kept as note text",
        );
    }
    if let Some(v) = &rec.status.verified {
        notes.push(format!("Status verified: {v}"));
        plan.push(
            "FH0006",
            "status.verified",
            "status verification date has no element; kept as note text",
        );
    }
    Ok(json!({
        "resourceType": "ResearchStudy",
        "id": plan.id,
        "contained": contained,
        "identifier": identifiers(rec),
        "title": title,
        "label": labels,
        "status": "active",
        "date": last_update.map(|d| date(&d.to_string())).transpose()?,
        "primaryPurposeType": purpose,
        "phase": phase,
        "studyDesign": design_lines(rec).iter().map(|l| text(l)).collect::<Vec<_>>(),
        "focus": rec
            .interventions
            .iter()
            .filter_map(|i| nz(Some(&i.name)))
            .map(|n| json!({ "concept": text(&n) }))
            .collect::<Vec<_>>(),
        "condition": texts(&rec.conditions),
        "keyword": texts(&rec.keywords),
        "region": texts(&rec.countries),
        "descriptionSummary": nz(rec.brief_summary.as_deref()),
        "description": nz(rec.detailed_description.as_deref()),
        "period": period(start.as_deref(), end.as_deref())?,
        "site": sites,
        "note": notes.iter().map(|n| note(n)).collect::<Vec<_>>(),
        "classifier": classifier,
        "associatedParty": parties,
        "progressStatus": progress,
        "whyStopped": nz(rec.status.why_stopped.as_deref()).map(|w| text(&w)),
        "recruitment": recruitment(plan, refs),
        "comparisonGroup": groups,
        "outcomeMeasure": measures,
    }))
}

fn comparison_groups(plan: &mut Plan) -> Vec<Value> {
    let mut groups = Vec::new();
    let mut arm_notes = Vec::new();
    for a in &plan.arms {
        let arm_type = plan
            .rec
            .arms
            .iter()
            .find(|r| r.label == a.label)
            .and_then(|r| r.arm_type.as_ref());
        let ty = arm_type.map(|t| match codes::arm_type(t.value) {
            Some(m) => coded(codes::ARM_TYPE, &m, None),
            None => {
                arm_notes.push(crate::plan::notice(
                    "FH0009",
                    "arms.arm_type",
                    format!("arm type `{}` unknown; text only", t.raw),
                ));
                text(&t.raw)
            }
        });
        let exposure: Vec<Value> = a
            .exposures
            .iter()
            .filter_map(|e| nz(Some(e)))
            .map(|e| display_ref(&e, Some("EvidenceVariable")))
            .collect();
        groups.push(json!({
            "linkId": crate::codes::link_id(&a.armcd),
            "name": a.label.trim(),
            "type": ty,
            "description": nz(a.description),
            "intendedExposure": exposure,
        }));
    }
    plan.findings.extend(arm_notes);
    groups
}

fn parties(plan: &mut Plan, refs: Refs) -> Vec<Value> {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for p in &plan.rec.parties {
        let role = match codes::party_role(p.role) {
            Some(m) => coded(PARTY_ROLE, &m, None),
            None => {
                notes.push(crate::plan::notice(
                    "FH0018",
                    "parties.role",
                    format!("party `{}` has an unknown role; text only", p.name.trim()),
                ));
                text("Unknown role")
            }
        };
        let party = match plan.org_for(p) {
            Some(org) => Some(reference(
                org.reference(refs),
                "Organization",
                Some(&p.name),
            )),
            None => nz(p.affiliation.as_deref()).map(|a| display_ref(&a, Some("Organization"))),
        };
        out.push(json!({
            "name": nz(Some(&p.name)),
            "role": role,
            "classifier": nz(p.class.as_deref()).map(|c| [text(&c)]),
            "party": party,
        }));
    }
    plan.findings.extend(notes);
    out
}

fn recruitment(plan: &Plan, refs: Refs) -> Option<Value> {
    let mut r = Map::new();
    if let Some(en) = &plan.rec.enrollment
        && let Some(n) = en.count
    {
        let key = match is_actual(en.actuality) {
            Some(true) => "actualNumber",
            _ => "targetNumber",
        };
        r.insert(key.to_owned(), n.into());
    }
    if let Some(g) = &plan.group {
        let to = g.reference(refs);
        let eligibility = reference(to, "Group", Some("Eligibility criteria"));
        r.insert("eligibility".to_owned(), eligibility);
    }
    (!r.is_empty()).then_some(Value::Object(r))
}
