//! StudyRecord → R4B ResearchStudy. R4B has no labels, progress statuses, enrollment
//! numbers or associated parties: what does not fit becomes note text and a notice.
//!
//! R4B is written through our own small serde types ([`model`], [`datatypes`]), not
//! fhir-sdk's R4B model, whose build alone needs gigabytes more (figures in the crate README).

pub(crate) mod datatypes;
mod model;
mod parts;

use crate::codes::{self, OBJECTIVE_TYPE};
use crate::error::FhirError;
use crate::plan::{Plan, Refs, title_case};
use crate::text::{design_lines, design_text, note_lines};
use crate::types::r4b::{coded, display_ref, identifiers, note, nz, period, reference, text};
use crate::{DmRow, Output};
use datatypes::{CodeableConcept, ContactDetail};
use model::{ResearchStudy, ResearchStudyArm, ResearchStudyObjective, Resource};
use registry::PartyRole;

pub(crate) fn study_json(mut plan: Plan) -> Result<Output, FhirError> {
    let contained = parts::parts(&mut plan, Refs::Contained)?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let study = study(&mut plan, Refs::Contained, contained)?;
    let json = Resource::ResearchStudy(Box::new(study)).to_json()?;
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

fn status(plan: &mut Plan) -> Result<String, FhirError> {
    let overall = plan.rec.status.overall.as_ref();
    let m = codes::status_r4b(overall.map(|s| s.value));
    if !m.exact {
        let raw = overall.map_or("(none)", |s| s.raw.as_str());
        plan.push(
            "FH0004",
            "status.overall",
            format!(
                "status `{raw}` has no exact R4B code: written as `{}` (see docs/registry.md), the source text kept as a note",
                m.code
            ),
        );
    }
    model::study_status(m.code)
}

/// Notes for what R5 has elements for and R4B does not.
fn r4b_notes(plan: &mut Plan) -> Vec<String> {
    let rec = plan.rec;
    let mut out = Vec::new();
    let t = &rec.titles;
    let title = nz(t.brief.as_deref()).or(nz(t.official.as_deref()));
    for (field, label, v) in [
        ("titles.official", "Official title", &t.official),
        ("titles.acronym", "Acronym", &t.acronym),
    ] {
        if let Some(v) = nz(v.as_deref()).filter(|v| Some(v) != title.as_ref()) {
            out.push(format!("{label}: {v}"));
            plan.push(
                "FH0013",
                field,
                format!("{label} has no element in R4B; kept as note text"),
            );
        }
    }
    // A lossy `status` code must not be the only trace of what the registry said.
    if let Some(s) = &rec.status.overall
        && !codes::status_r4b(Some(s.value)).exact
    {
        out.push(format!("Overall status: {}", s.raw.trim()));
    }
    if let Some(s) = &rec.status.last_known {
        out.push(format!("Last known status: {}", s.raw));
        plan.push(
            "FH0006",
            "status.last_known",
            "last known status has no element in R4B; kept as note text",
        );
    }
    for (field, label, d) in [
        ("dates.start", "Start date", &rec.dates.start),
        (
            "dates.primary_completion",
            "Primary completion date",
            &rec.dates.primary_completion,
        ),
        ("dates.completion", "Completion date", &rec.dates.completion),
        ("dates.registered", "Registered", &rec.dates.registered),
        ("dates.last_update", "Last update", &rec.dates.last_update),
    ] {
        let Some(d) = d.as_ref() else { continue };
        let Some(iso) = &d.date else { continue };
        let kept_in_period = matches!(field, "dates.start" | "dates.completion");
        if !kept_in_period || d.actuality.is_some() {
            let flag = d
                .actuality
                .map(|a| format!(" ({})", title_case(a.token())))
                .unwrap_or_default();
            out.push(format!("{label}: {iso}{flag}"));
            plan.push(
                "FH0006",
                field,
                format!(
                    "{label} (or whether it is actual) has no element in R4B; kept as note text"
                ),
            );
        }
    }
    if let Some(v) = &rec.status.verified {
        out.push(format!("Status verified: {v}"));
        plan.push(
            "FH0006",
            "status.verified",
            "status verification date has no element; kept as note text",
        );
    }
    for o in rec
        .outcomes
        .primary
        .iter()
        .chain(&rec.outcomes.secondary)
        .chain(&rec.outcomes.other)
    {
        let mut parts = Vec::new();
        if let Some(tf) = nz(o.time_frame.as_deref()) {
            parts.push(format!("time frame {tf}"));
        }
        if let Some(d) = nz(o.description.as_deref()) {
            parts.push(d);
        }
        if !parts.is_empty() {
            out.push(format!(
                "Outcome {}: {}",
                o.measure.trim(),
                parts.join("; ")
            ));
            plan.push(
                "FH0013",
                "outcomes",
                "outcome time frames and descriptions have no element in R4B; kept as note text",
            );
        }
    }
    let mut sponsor_seen = false;
    let mut pi_seen = false;
    for p in &rec.parties {
        let first = match p.role {
            PartyRole::LeadSponsor => !std::mem::replace(&mut sponsor_seen, true),
            PartyRole::PrincipalInvestigator => !std::mem::replace(&mut pi_seen, true),
            PartyRole::Contact => true,
            _ => false,
        };
        if !first {
            let role = title_case(&format!("{:?}", p.role).to_ascii_uppercase());
            let class = p
                .class
                .as_deref()
                .map(|c| format!(" [{c}]"))
                .unwrap_or_default();
            let aff = p
                .affiliation
                .as_deref()
                .map(|a| format!(", {a}"))
                .unwrap_or_default();
            out.push(format!("{role}: {}{aff}{class}", p.name.trim()));
            plan.push("FH0014", "parties", format!("{role} `{}`: R4B has one sponsor and one principal investigator; kept as note text", p.name.trim()));
        }
    }
    out
}

fn study(
    plan: &mut Plan,
    refs: Refs,
    contained: Vec<Resource>,
) -> Result<ResearchStudy, FhirError> {
    let rec = plan.rec;
    let mut s = ResearchStudy {
        id: Some(plan.id.clone()),
        contained,
        identifier: identifiers(rec),
        title: nz(rec.titles.brief.as_deref()).or(nz(rec.titles.official.as_deref())),
        status: status(plan)?,
        ..Default::default()
    };
    if let Some(p) = &rec.design.primary_purpose {
        s.primary_purpose_type = Some(match codes::purpose(p.value) {
            Some(m) => coded(codes::PURPOSE_R4B, &m, None),
            None => {
                plan.push(
                    "FH0008",
                    "design.primary_purpose",
                    format!("primary purpose `{}` has no code; text only", p.raw),
                );
                text(&p.raw)
            }
        });
    }
    if !rec.phases.is_empty() {
        let raw = rec.phase_raw.clone().unwrap_or_else(|| {
            rec.phases
                .iter()
                .map(|p| p.token())
                .collect::<Vec<_>>()
                .join(", ")
        });
        s.phase = Some(match codes::phase(&rec.phases) {
            Some(m) => coded(codes::PHASE_R4B, &m, Some(&raw)),
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
    let mut category: Vec<String> = design_lines(rec);
    if let Some(st) = &rec.study_type {
        category.push(design_text("Study type", st.value.token(), &st.raw));
    }
    if rec.patient_registry == Some(true) {
        category.push("Patient registry".to_owned());
    }
    let texts = |v: &[String]| -> Vec<CodeableConcept> {
        v.iter()
            .filter_map(|s| nz(Some(s)))
            .map(|s| text(&s))
            .collect()
    };
    let names: Vec<String> = rec.interventions.iter().map(|i| i.name.clone()).collect();
    s.category = texts(&category);
    s.focus = texts(&names);
    s.condition = texts(&rec.conditions);
    s.keyword = texts(&rec.keywords);
    s.location = texts(&rec.countries);
    let desc: Vec<String> = [&rec.brief_summary, &rec.detailed_description]
        .iter()
        .filter_map(|d| nz(d.as_deref()))
        .collect();
    if !desc.is_empty() {
        s.description = Some(desc.join("\n\n"));
    }
    let date = |d: &Option<registry::StudyDate>| {
        d.as_ref()
            .and_then(|d| d.date.as_ref())
            .map(ToString::to_string)
    };
    let (start, end) = (date(&rec.dates.start), date(&rec.dates.completion));
    s.period = period(start.as_deref(), end.as_deref())?;
    if let Some(g) = &plan.group {
        let r = reference(g.reference(refs), "Group", Some("Eligibility criteria"));
        s.enrollment = vec![r];
    }
    if let Some(lead) = rec
        .parties
        .iter()
        .find(|p| p.role == PartyRole::LeadSponsor)
        && let Some(org) = plan.org_for(lead)
    {
        s.sponsor = Some(reference(
            org.reference(refs),
            "Organization",
            Some(&lead.name),
        ));
    }
    if let Some(pi) = rec
        .parties
        .iter()
        .find(|p| p.role == PartyRole::PrincipalInvestigator)
    {
        s.principal_investigator = Some(display_ref(&pi.name, Some("Practitioner")));
    }
    s.contact = rec
        .parties
        .iter()
        .filter(|p| p.role == PartyRole::Contact)
        .map(|p| ContactDetail {
            name: Some(p.name.trim().to_owned()),
        })
        .collect();
    s.site = plan
        .sites
        .iter()
        .map(|l| reference(l.reference(refs), "Location", l.item.facility.as_deref()))
        .collect();
    s.reason_stopped = nz(rec.status.why_stopped.as_deref()).map(|w| text(&w));
    for a in &plan.arms {
        let mut arm = ResearchStudyArm {
            name: a.label.trim().to_owned(),
            ..Default::default()
        };
        if let Some(t) = rec
            .arms
            .iter()
            .find(|r| r.label == a.label)
            .and_then(|r| r.arm_type.as_ref())
        {
            arm.r#type = Some(match codes::arm_type(t.value) {
                Some(m) => coded(codes::ARM_TYPE, &m, None),
                None => {
                    plan.findings.push(crate::plan::notice(
                        "FH0009",
                        "arms.arm_type",
                        format!("arm type `{}` unknown; text only", t.raw),
                    ));
                    text(&t.raw)
                }
            });
        }
        let mut desc: Vec<String> = nz(a.description).into_iter().collect();
        if !a.exposures.is_empty() {
            desc.push(format!("Interventions: {}", a.exposures.join("; ")));
        }
        if !desc.is_empty() {
            arm.description = Some(desc.join("\n\n"));
        }
        s.arm.push(arm);
    }
    for (list, code, display) in [
        (&rec.outcomes.primary, "primary", "Primary"),
        (&rec.outcomes.secondary, "secondary", "Secondary"),
        (&rec.outcomes.other, "exploratory", "Exploratory"),
    ] {
        let m = codes::Mapped {
            code,
            display,
            exact: true,
        };
        for o in list {
            s.objective.push(ResearchStudyObjective {
                name: nz(Some(&o.measure)),
                r#type: Some(coded(OBJECTIVE_TYPE, &m, None)),
            });
        }
    }
    let mut notes = note_lines(plan);
    notes.extend(r4b_notes(plan));
    s.note = notes.iter().map(|n| note(n)).collect();
    Ok(s)
}
