//! StudyRecord → R5 ResearchStudy (fhir-sdk types).

pub(crate) mod parts;
mod progress;

use crate::codes::{self, PARTY_ROLE, TITLE_TYPE};
use crate::error::{FhirError, build};
use crate::plan::{Plan, Refs, is_actual};
use crate::text::{design_lines, design_text, note_lines};
use crate::types::r5::{coded, display_ref, identifiers, note, nz, period, reference, text};
use crate::{DmRow, Output};
use fhir_sdk::r5::codes::PublicationStatus;
use fhir_sdk::r5::resources::{
    ResearchStudy, ResearchStudyAssociatedParty, ResearchStudyComparisonGroup, ResearchStudyLabel,
    ResearchStudyRecruitment, Resource,
};
use fhir_sdk::r5::types::{Annotation, CodeableConcept, CodeableReference};
use progress::{objective, outcome, progress_statuses};

pub(crate) fn study_json(mut plan: Plan) -> Result<Output, FhirError> {
    let contained = parts::parts(&mut plan, Refs::Contained)?
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let study = study(&mut plan, Refs::Contained, contained)?;
    let json = crate::sdk::r5_to_json(&Resource::ResearchStudy(study))?;
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

fn some<T>(v: Vec<T>) -> Vec<Option<T>> {
    v.into_iter().map(Some).collect()
}

fn study(
    plan: &mut Plan,
    refs: Refs,
    contained: Vec<Resource>,
) -> Result<ResearchStudy, FhirError> {
    let rec = plan.rec;
    let t = &rec.titles;
    let mut b = ResearchStudy::builder()
        .id(plan.id.clone())
        .status(PublicationStatus::Active)
        .identifier(some(identifiers(rec)?))
        .contained(contained);
    let title = nz(t.brief.as_deref()).or(nz(t.official.as_deref()));
    if let Some(title) = &title {
        b = b.title(title.clone());
    }
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
            labels.push(
                ResearchStudyLabel::builder()
                    .r#type(coded(TITLE_TYPE, &m, None)?)
                    .value(v)
                    .build()
                    .map_err(build("ResearchStudy.label"))?,
            );
        }
    }
    b = b.label(some(labels));
    if let Some(d) = rec.dates.last_update.as_ref().and_then(|d| d.date.as_ref()) {
        b = b.date(d.to_string().parse().map_err(|_| FhirError::Code {
            what: "FHIR dateTime",
            code: d.to_string(),
        })?);
    }
    if let Some(p) = &rec.design.primary_purpose {
        match codes::purpose(p.value) {
            Some(m) => b = b.primary_purpose_type(coded(codes::PURPOSE_R5, &m, None)?),
            None => {
                plan.push(
                    "FH0008",
                    "design.primary_purpose",
                    format!("primary purpose `{}` has no code; text only", p.raw),
                );
                b = b.primary_purpose_type(text(&p.raw)?);
            }
        }
    }
    if !rec.phases.is_empty() {
        let raw = rec.phase_raw.clone().unwrap_or_else(|| {
            rec.phases
                .iter()
                .map(|p| p.token())
                .collect::<Vec<_>>()
                .join(", ")
        });
        match codes::phase(&rec.phases) {
            Some(m) => b = b.phase(coded(codes::PHASE_R5, &m, Some(&raw))?),
            None => {
                plan.push(
                    "FH0007",
                    "phases",
                    format!("phase `{raw}` has no research-study-phase code; text only"),
                );
                b = b.phase(text(&raw)?);
            }
        }
    }
    b = b.study_design(some(
        design_lines(rec)
            .iter()
            .map(|l| text(l))
            .collect::<Result<_, _>>()?,
    ));
    let mut classifier = Vec::new();
    if let Some(st) = &rec.study_type {
        classifier.push(text(&design_text("Study type", st.value.token(), &st.raw))?);
    }
    if rec.patient_registry == Some(true) {
        classifier.push(text("Patient registry")?);
    }
    b = b.classifier(some(classifier));
    let focus = rec
        .interventions
        .iter()
        .filter_map(|i| nz(Some(&i.name)))
        .map(|n| {
            CodeableReference::builder()
                .concept(text(&n)?)
                .build()
                .map_err(build("CodeableReference"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    b = b.focus(some(focus));
    let texts = |v: &[String]| -> Result<Vec<Option<CodeableConcept>>, FhirError> {
        v.iter()
            .filter_map(|s| nz(Some(s)))
            .map(|s| text(&s).map(Some))
            .collect()
    };
    b = b
        .condition(texts(&rec.conditions)?)
        .keyword(texts(&rec.keywords)?)
        .region(texts(&rec.countries)?);
    if let Some(s) = nz(rec.brief_summary.as_deref()) {
        b = b.description_summary(s);
    }
    if let Some(s) = nz(rec.detailed_description.as_deref()) {
        b = b.description(s);
    }
    let start = rec
        .dates
        .start
        .as_ref()
        .and_then(|d| d.date.as_ref())
        .map(ToString::to_string);
    let end = rec
        .dates
        .completion
        .as_ref()
        .and_then(|d| d.date.as_ref())
        .map(ToString::to_string);
    if let Some(p) = period(start.as_deref(), end.as_deref())? {
        b = b.period(p);
    }
    let sites = plan
        .sites
        .iter()
        .map(|s| reference(s.reference(refs), "Location", s.item.facility.as_deref()))
        .collect::<Result<Vec<_>, _>>()?;
    b = b.site(some(sites));
    b = b.associated_party(some(parties(plan, refs)?));
    b = b.progress_status(some(progress_statuses(plan)?));
    if let Some(w) = nz(rec.status.why_stopped.as_deref()) {
        b = b.why_stopped(text(&w)?);
    }
    if let Some(r) = recruitment(plan, refs)? {
        b = b.recruitment(r);
    }
    let mut groups = Vec::new();
    let mut arm_notes = Vec::new();
    for a in &plan.arms {
        let mut g = ResearchStudyComparisonGroup::builder()
            .link_id(a.armcd.clone())
            .name(a.label.trim().to_owned());
        if let Some(t) = rec
            .arms
            .iter()
            .find(|r| r.label == a.label)
            .and_then(|r| r.arm_type.as_ref())
        {
            match codes::arm_type(t.value) {
                Some(m) => g = g.r#type(coded(codes::ARM_TYPE, &m, None)?),
                None => {
                    arm_notes.push(crate::plan::notice(
                        "FH0009",
                        "arms.arm_type",
                        format!("arm type `{}` unknown; text only", t.raw),
                    ));
                    g = g.r#type(text(&t.raw)?);
                }
            }
        }
        if let Some(d) = nz(a.description) {
            g = g.description(d);
        }
        let exp = a
            .exposures
            .iter()
            .filter_map(|e| nz(Some(e)))
            .map(|e| display_ref(&e, Some("EvidenceVariable")))
            .collect::<Result<Vec<_>, _>>()?;
        groups.push(
            g.intended_exposure(some(exp))
                .build()
                .map_err(build("ResearchStudy.comparisonGroup"))?,
        );
    }
    plan.findings.extend(arm_notes);
    b = b.comparison_group(some(groups));
    let mut measures = Vec::new();
    for (list, kind) in [
        (&rec.outcomes.primary, objective("primary", "Primary")),
        (&rec.outcomes.secondary, objective("secondary", "Secondary")),
        (&rec.outcomes.other, objective("exploratory", "Exploratory")),
    ] {
        for o in list {
            measures.push(outcome(o, kind)?);
        }
    }
    b = b.outcome_measure(some(measures));
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
    let notes: Vec<Annotation> = notes.iter().map(|n| note(n)).collect::<Result<_, _>>()?;
    b.note(some(notes)).build().map_err(build("ResearchStudy"))
}

fn parties(plan: &mut Plan, refs: Refs) -> Result<Vec<ResearchStudyAssociatedParty>, FhirError> {
    let mut out = Vec::new();
    let mut notes = Vec::new();
    for p in &plan.rec.parties {
        let role = match codes::party_role(p.role) {
            Some(m) => coded(PARTY_ROLE, &m, None)?,
            None => {
                notes.push(crate::plan::notice(
                    "FH0018",
                    "parties.role",
                    format!("party `{}` has an unknown role; text only", p.name.trim()),
                ));
                text("Unknown role")?
            }
        };
        let mut b = ResearchStudyAssociatedParty::builder().role(role);
        if let Some(n) = nz(Some(&p.name)) {
            b = b.name(n);
        }
        if let Some(c) = nz(p.class.as_deref()) {
            b = b.classifier(vec![Some(text(&c)?)]);
        }
        if let Some(org) = plan.org_for(p) {
            b = b.party(reference(
                org.reference(refs),
                "Organization",
                Some(&p.name),
            )?);
        } else if let Some(a) = nz(p.affiliation.as_deref()) {
            b = b.party(display_ref(&a, Some("Organization"))?);
        }
        out.push(b.build().map_err(build("ResearchStudy.associatedParty"))?);
    }
    plan.findings.extend(notes);
    Ok(out)
}

fn recruitment(plan: &mut Plan, refs: Refs) -> Result<Option<ResearchStudyRecruitment>, FhirError> {
    let mut b = ResearchStudyRecruitment::builder();
    let mut any = false;
    if let Some(en) = &plan.rec.enrollment
        && let Some(n) = en.count
    {
        any = true;
        b = match is_actual(en.actuality) {
            Some(true) => b.actual_number(n),
            _ => b.target_number(n),
        };
    }
    if let Some(g) = &plan.group {
        any = true;
        b = b.eligibility(reference(
            g.reference(refs),
            "Group",
            Some("Eligibility criteria"),
        )?);
    }
    if !any {
        return Ok(None);
    }
    b.build()
        .map(Some)
        .map_err(build("ResearchStudy.recruitment"))
}
