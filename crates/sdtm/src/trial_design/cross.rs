//! Registry record vs study data: does the data describe the trial that was registered?

use super::codes;
use super::duration::time_frame_days;
use super::ts_values::{Mapped, tphase};
use model::{Dataset, Finding, IsoDateTime, Value};
use registry::armcd::armcd_for;
use registry::{Actuality, StudyRecord};
use std::cmp::Ordering;
use std::collections::BTreeSet;

/// ARMCDs of subjects who were never randomized (SDTMIG 3.2 convention, still common).
const NOT_RANDOMIZED: [&str; 2] = ["SCRNFAIL", "NOTASSGN"];

/// Compares a registry record with the study's DM, TS and ADTTE horizon (the longest
/// analysis time, in days). Returns XC findings, sorted; see the module docs for the codes.
pub fn cross_check(
    record: &StudyRecord,
    dm: &Dataset,
    ts: Option<&Dataset>,
    adtte_horizon_days: Option<f64>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let randomized = randomized_rows(dm);
    match &randomized {
        Some(rows) => {
            enrollment(record, dm, rows, &mut out);
            arms(record, dm, rows, &mut out);
        }
        None => out.push(not_checked(
            "DM",
            "DM has no ARMCD: enrollment and arms not compared",
        )),
    }
    if let Some(ts) = ts {
        phase(record, ts, &mut out);
    }
    start(record, dm, &mut out);
    if let Some(h) = adtte_horizon_days {
        horizon(record, h, &mut out);
    }
    out.sort();
    out
}

fn not_checked(dataset: &str, why: &str) -> Finding {
    Finding::notice(codes::XC_NOT_CHECKED, why).in_dataset(dataset)
}

fn text(dm: &Dataset, row: usize, var: &str) -> Option<String> {
    dm.get(row, var)
        .filter(|v| !v.is_null())
        .map(Value::to_string)
        .map(|s| s.trim().to_owned())
}

/// Rows of subjects assigned to a planned arm, or `None` when DM has no ARMCD.
fn randomized_rows(dm: &Dataset) -> Option<Vec<usize>> {
    dm.meta.index_of("ARMCD")?;
    Some(
        (0..dm.rows.len())
            .filter(|&r| {
                text(dm, r, "ARMCD").is_some_and(|c| !NOT_RANDOMIZED.contains(&c.as_str()))
            })
            .collect(),
    )
}

fn enrollment(record: &StudyRecord, dm: &Dataset, rows: &[usize], out: &mut Vec<Finding>) {
    let Some(n) = record.enrollment.as_ref().and_then(|e| e.count) else {
        return;
    };
    // Subjects, not records: a DM with a duplicated subject is another check's business.
    let subjects: BTreeSet<String> = rows
        .iter()
        .map(|&r| text(dm, r, "USUBJID").unwrap_or_else(|| format!("#{r}")))
        .collect();
    let got = subjects.len();
    if got == n as usize {
        return;
    }
    let actual = record
        .enrollment
        .as_ref()
        .is_some_and(|e| e.actuality == Some(Actuality::Actual));
    let f = if actual {
        Finding::warning(
            codes::XC_ACTUAL_ENROLLMENT,
            format!(
                "the registry's actual enrollment is {n}, but DM has {got} randomized subject(s)"
            ),
        )
    } else {
        Finding::notice(
            codes::XC_PLANNED_ENROLLMENT,
            format!("the registry's planned enrollment is {n}; DM has {got} randomized subject(s)"),
        )
    };
    out.push(f.in_dataset("DM").with_variable("ARMCD"));
}

/// Upper-case words without punctuation, so `PSL + tacrolimus` equals `PSL tacrolimus`.
fn norm(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_uppercase)
        .collect::<Vec<_>>()
        .join(" ")
}

fn arms(record: &StudyRecord, dm: &Dataset, rows: &[usize], out: &mut Vec<Finding>) {
    if record.arms.is_empty() {
        return;
    }
    let mut dm_arms: Vec<(String, String)> = Vec::new();
    for &r in rows {
        let code = text(dm, r, "ARMCD").unwrap_or_default();
        let name = text(dm, r, "ARM").unwrap_or_default();
        if !dm_arms.iter().any(|(c, a)| *c == code && *a == name) {
            dm_arms.push((code, name));
        }
    }
    let mut matched = vec![false; dm_arms.len()];
    for arm in &record.arms {
        let label = arm.label.trim();
        let code = armcd_for(label);
        let by_name = dm_arms
            .iter()
            .position(|(_, a)| !a.is_empty() && norm(a) == norm(label));
        let by_code = dm_arms
            .iter()
            .position(|(c, a)| c.eq_ignore_ascii_case(&code) || armcd_for(a) == code);
        match (by_name, by_code) {
            (Some(i), _) => matched[i] = true,
            (None, Some(i)) => {
                matched[i] = true;
                out.push(
                    Finding::notice(
                        codes::XC_ARM_NAME,
                        format!(
                            "registry arm `{label}` matches DM ARMCD `{}` by code, but DM names it `{}`",
                            dm_arms[i].0, dm_arms[i].1
                        ),
                    )
                    .in_dataset("DM")
                    .with_variable("ARM"),
                );
            }
            (None, None) => out.push(
                Finding::warning(
                    codes::XC_ARM_NOT_IN_DM,
                    format!(
                        "registry arm `{label}` (ARMCD `{code}`) has no subjects in DM under that name or code"
                    ),
                )
                .in_dataset("DM")
                .with_variable("ARM"),
            ),
        }
    }
    for ((code, name), seen) in dm_arms.iter().zip(matched) {
        if !seen {
            out.push(
                Finding::warning(
                    codes::XC_ARM_NOT_IN_REGISTRY,
                    format!(
                        "DM arm `{name}` (ARMCD `{code}`) is not an arm of the registry record"
                    ),
                )
                .in_dataset("DM")
                .with_variable("ARM"),
            );
        }
    }
}

fn phase(record: &StudyRecord, ts: &Dataset, out: &mut Vec<Finding>) {
    let expected = match tphase(record) {
        Mapped::Term(t) | Mapped::Lossy(t, _) => t,
        Mapped::Missing(_) | Mapped::Unmapped(_) => return,
    };
    let found: Vec<String> = (0..ts.rows.len())
        .filter(|&r| text(ts, r, "TSPARMCD").as_deref() == Some("TPHASE"))
        .filter_map(|r| text(ts, r, "TSVAL"))
        .collect();
    if found.iter().any(|v| v.eq_ignore_ascii_case(expected)) {
        return;
    }
    let shown = if found.is_empty() {
        "no TPHASE value".to_owned()
    } else {
        format!("TPHASE `{}`", found.join("`, `"))
    };
    out.push(
        Finding::warning(
            codes::XC_PHASE,
            format!(
                "the registry's phase `{}` is `{expected}` in CT, but TS has {shown}",
                record.phase_raw.clone().unwrap_or_else(|| record
                    .phases
                    .iter()
                    .map(|p| p.token())
                    .collect::<Vec<_>>()
                    .join(", "))
            ),
        )
        .in_dataset("TS")
        .with_variable("TSVAL"),
    );
}

fn start(record: &StudyRecord, dm: &Dataset, out: &mut Vec<Finding>) {
    let Some((start, raw)) = record
        .dates
        .start
        .as_ref()
        .and_then(|s| s.date.as_ref().map(|d| (d, &s.raw)))
    else {
        return;
    };
    let mut earliest: Option<IsoDateTime> = None;
    for r in 0..dm.rows.len() {
        let Some(d) = text(dm, r, "RFICDTC").and_then(|t| t.parse::<IsoDateTime>().ok()) else {
            continue;
        };
        let earlier = match &earliest {
            None => true,
            // Partial dates that cannot be ordered fall back to their text, which for ISO
            // 8601 sorts in time order at equal precision.
            Some(e) => d
                .compare(e)
                .map_or(d.to_string() < e.to_string(), |o| o == Ordering::Less),
        };
        if earlier {
            earliest = Some(d);
        }
    }
    let Some(first) = earliest else {
        out.push(not_checked(
            "DM",
            "DM has no RFICDTC: the registered study start is not compared",
        ));
        return;
    };
    let shown = if raw.is_empty() {
        start.to_string()
    } else {
        raw.clone()
    };
    let f = match first.compare(start) {
        Some(Ordering::Less) => Finding::warning(
            codes::XC_CONSENT_BEFORE_START,
            format!(
                "the first informed consent ({first}) is before the registered study start ({shown})"
            ),
        ),
        Some(Ordering::Greater) => Finding::notice(
            codes::XC_CONSENT_AFTER_START,
            format!(
                "the first informed consent ({first}) is after the registered study start ({shown})"
            ),
        ),
        _ => return,
    };
    out.push(f.in_dataset("DM").with_variable("RFICDTC"));
}

fn horizon(record: &StudyRecord, h: f64, out: &mut Vec<Finding>) {
    let frame = record
        .outcomes
        .primary
        .iter()
        .filter_map(|o| o.time_frame.as_deref().and_then(time_frame_days))
        .fold(None, |m: Option<f64>, d| Some(m.map_or(d, |m| m.max(d))));
    let Some(f) = frame else {
        out.push(not_checked(
            "ADTTE",
            "no primary outcome time frame in the registry record can be read as a duration; the ADTTE horizon is not compared",
        ));
        return;
    };
    let slack = (0.1 * f).max(14.0);
    let f_shown = format!("{f:.0}");
    let h_shown = format!("{h:.0}");
    if h > f + slack {
        out.push(
            Finding::warning(
                codes::XC_HORIZON_LONG,
                format!(
                    "ADTTE follows subjects to day {h_shown}, past the registry's primary time frame ({f_shown} days)"
                ),
            )
            .in_dataset("ADTTE")
            .with_variable("AVAL"),
        );
    } else if h < 0.9 * f {
        out.push(
            Finding::notice(
                codes::XC_HORIZON_SHORT,
                format!(
                    "ADTTE ends at day {h_shown}, before the registry's primary time frame ({f_shown} days)"
                ),
            )
            .in_dataset("ADTTE")
            .with_variable("AVAL"),
        );
    }
}
