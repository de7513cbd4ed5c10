//! R5 progress statuses (study status and dated milestones) and outcome measures.

use crate::codes::{self, OBJECTIVE_TYPE, STUDY_STATUS};
use crate::error::FhirError;
use crate::plan::{Plan, is_actual};
use crate::types::r5::{coded, nz, period, text};
use registry::Outcome;
use serde_json::{Value, json};

pub(super) fn objective(code: &'static str, display: &'static str) -> codes::Mapped {
    codes::Mapped {
        code,
        display,
        exact: true,
    }
}

pub(super) fn outcome(o: &Outcome, kind: codes::Mapped) -> Value {
    let mut desc = nz(o.description.as_deref()).unwrap_or_default();
    if let Some(tf) = nz(o.time_frame.as_deref()) {
        if !desc.is_empty() {
            desc.push_str("\n\n");
        }
        desc.push_str(&format!("Time frame: {tf}"));
    }
    json!({
        "name": nz(Some(&o.measure)),
        "type": [coded(OBJECTIVE_TYPE, &kind, None)],
        "description": (!desc.is_empty()).then_some(desc),
    })
}

fn progress(
    state: Value,
    actual: Option<bool>,
    start: Option<&str>,
    end: Option<&str>,
) -> Result<Value, FhirError> {
    let period = period(start, end)?;
    Ok(json!({ "state": state, "actual": actual, "period": period }))
}

pub(super) fn progress_statuses(plan: &mut Plan) -> Result<Vec<Value>, FhirError> {
    let rec = plan.rec;
    let mut out = Vec::new();
    for (field, prefix, s) in [
        ("status.overall", "", &rec.status.overall),
        ("status.last_known", "Last known: ", &rec.status.last_known),
    ] {
        let Some(s) = s else { continue };
        let label = format!("{prefix}{}", s.raw.trim());
        let state = match codes::progress_state_r5(s.value) {
            Some(m) => {
                if !m.exact {
                    plan.push(
                        "FH0004",
                        field,
                        format!(
                            "status `{}` has no exact research-study-status code: written as `{}` (see docs/registry.md), the source text kept as the state's text",
                            s.raw, m.code
                        ),
                    );
                }
                coded(STUDY_STATUS, &m, Some(&label))
            }
            None => {
                plan.push(
                    "FH0003",
                    field,
                    format!(
                        "status `{}` has no research-study-status code; text only",
                        s.raw
                    ),
                );
                text(&label)
            }
        };
        out.push(progress(state, None, None, None)?);
    }
    let start = Plan::date(rec.dates.start.as_ref());
    let end = Plan::date(rec.dates.completion.as_ref());
    let sa = rec
        .dates
        .start
        .as_ref()
        .and_then(|d| is_actual(d.actuality));
    let ea = rec
        .dates
        .completion
        .as_ref()
        .and_then(|d| is_actual(d.actuality));
    let overall = codes::Mapped {
        code: "overall-study",
        display: "Overall study",
        exact: true,
    };
    if start.is_some() || end.is_some() {
        // One `actual` flag per entry: a study started (actual) but not yet finished
        // (anticipated) needs two entries to say both.
        if start.is_some() && end.is_some() && sa != ea {
            out.push(progress(
                coded(STUDY_STATUS, &overall, None),
                sa,
                start.as_deref(),
                None,
            )?);
            out.push(progress(
                coded(STUDY_STATUS, &overall, None),
                ea,
                None,
                end.as_deref(),
            )?);
        } else {
            out.push(progress(
                coded(STUDY_STATUS, &overall, None),
                sa.or(ea),
                start.as_deref(),
                end.as_deref(),
            )?);
        }
    }
    if let Some(pc) = Plan::date(rec.dates.primary_completion.as_ref()) {
        let a = rec
            .dates
            .primary_completion
            .as_ref()
            .and_then(|d| is_actual(d.actuality));
        out.push(progress(text("Primary completion"), a, None, Some(&pc))?);
    }
    Ok(out)
}
