//! Version-neutral text for what FHIR has no coded element for: design statements and
//! the note lines that keep free-text fields from being dropped.

use crate::plan::{Plan, title_case};
use crate::types::r5::nz;
use registry::StudyRecord;

/// `Allocation: Randomized`; an unknown code keeps the source wording.
pub(crate) fn design_text(label: &str, token: &str, raw: &str) -> String {
    if token == "UNKNOWN" {
        format!("{label}: {raw}")
    } else {
        format!("{label}: {}", title_case(token))
    }
}

/// Design statements that FHIR has codes for in neither version, as text concepts.
pub(crate) fn design_lines(rec: &StudyRecord) -> Vec<String> {
    let d = &rec.design;
    let mut out = Vec::new();
    if let Some(a) = &d.allocation {
        out.push(design_text("Allocation", a.value.token(), &a.raw));
    }
    if let Some(m) = &d.intervention_model {
        out.push(design_text("Intervention model", m.value.token(), &m.raw));
    }
    if let Some(m) = &d.masking {
        out.push(design_text("Masking", m.value.token(), &m.raw));
    }
    for w in &d.who_masked {
        out.push(format!("Masked: {}", title_case(w)));
    }
    if let Some(o) = nz(d.observational_model.as_deref()) {
        out.push(format!("Observational model: {o}"));
    }
    if let Some(t) = nz(d.time_perspective.as_deref()) {
        out.push(format!("Time perspective: {t}"));
    }
    out
}

/// Free-text fields with no element in either version, as note lines.
pub(crate) fn note_lines(plan: &mut Plan) -> Vec<String> {
    let rec = plan.rec;
    let d = &rec.design;
    let mut out = Vec::new();
    let mut push = |plan: &mut Plan, field: &str, label: &str, v: Option<&str>| {
        if let Some(v) = nz(v) {
            out.push(format!("{label}: {v}"));
            plan.push(
                "FH0013",
                field,
                format!("{label} has no element; kept as note text"),
            );
        }
    };
    push(
        plan,
        "design.intervention_model_description",
        "Intervention model description",
        d.intervention_model_description.as_deref(),
    );
    push(
        plan,
        "design.masking_description",
        "Masking description",
        d.masking_description.as_deref(),
    );
    push(
        plan,
        "design.description",
        "Study design",
        d.description.as_deref(),
    );
    for i in &rec.interventions {
        let mut parts = Vec::new();
        if let Some(t) = &i.intervention_type {
            parts.push(design_text("type", t.value.token(), &t.raw));
        }
        if !i.other_names.is_empty() {
            parts.push(format!("also called {}", i.other_names.join(", ")));
        }
        if let Some(desc) = nz(i.description.as_deref()) {
            parts.push(desc);
        }
        if !parts.is_empty() {
            let label = format!("Intervention {}", i.name.trim());
            push(plan, "interventions", &label, Some(&parts.join("; ")));
        }
    }
    if let Some(en) = &rec.enrollment
        && en.count.is_none()
        && let Some(raw) = nz(en.raw.as_deref())
    {
        out.push(format!("Enrollment: {raw}"));
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
        if let Some(d) = d.as_ref().filter(|d| d.date.is_none()) {
            out.push(format!("{label}: {}", d.raw));
            plan.findings.push(
                crate::plan::notice(
                    "FH0005",
                    field,
                    format!("`{}` is not a date; kept as note text", d.raw),
                )
                .with_value(d.raw.clone()),
            );
        }
    }
    out
}
