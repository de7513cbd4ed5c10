//! TS: one record per trial-summary parameter value the registry can answer.

use super::codes;
use super::country;
use super::duration::age_duration;
use super::ta_te::arm_interventions;
use super::ts_rows::{Ts, finish};
use super::ts_values::{self as tv, Mapped};
use model::{Dataset, Finding};
use registry::{Actuality, ArmType, OverallStatus, StudyRecord};

const ISO_3166: &str = "ISO 3166-1 Alpha-3";

pub(crate) fn build(r: &StudyRecord, studyid: &str, findings: &mut Vec<Finding>) -> Dataset {
    let mut ts = Ts {
        params: Vec::new(),
        findings,
    };
    let interventional = r
        .study_type
        .as_ref()
        .is_none_or(|t| t.value != registry::StudyType::Observational);

    enrollment(&mut ts, r);
    age(&mut ts, "AGEMIN", r.eligibility.minimum_age.as_ref(), "NI");
    age(
        &mut ts,
        "AGEMAX",
        r.eligibility.maximum_age.as_ref(),
        "PINF",
    );
    for c in &r.countries {
        match country::alpha3(c) {
            Some(a3) => {
                ts.value("FCNTRY", a3);
                let p = ts.last();
                p.vcd = Some(a3.to_owned());
                p.vcdref = Some(ISO_3166);
            }
            None => {
                ts.value("FCNTRY", c.as_str());
                ts.findings.push(
                    Finding::notice(
                        codes::RG_COUNTRY,
                        format!("TS FCNTRY: no ISO 3166-1 alpha-3 code known for `{c}`"),
                    )
                    .in_dataset("TS")
                    .with_variable("TSVALCD"),
                );
            }
        }
    }
    if let Some(h) = r.eligibility.healthy_volunteers {
        ts.coded("HLTSUBJI", "NY", Mapped::Term(if h { "Y" } else { "N" }));
    }
    if r.conditions.is_empty() {
        if r.eligibility.healthy_volunteers == Some(true) {
            ts.null("INDIC", "NA");
            ts.value("TDIGRP", "HEALTHY SUBJECTS");
        } else {
            ts.null("INDIC", "NI");
        }
    } else {
        for c in &r.conditions {
            ts.value("INDIC", c.as_str());
        }
        not_coded(&mut ts, "INDIC", "SNOMED CT");
    }
    ts.coded("INTMODEL", "INTMODEL", tv::intmodel(r));
    let mut types = Vec::new();
    for i in &r.interventions {
        if let Some(t) = &i.intervention_type
            && !types.contains(&t.value)
        {
            types.push(t.value);
            ts.coded("INTTYPE", "INTTYPE", tv::inttype(t.value, &t.raw));
        }
    }
    for k in &r.keywords {
        ts.value("KEYWORD", k.as_str());
    }
    if interventional {
        match r.arms.len() {
            0 => ts.null("NARMS", "NI"),
            n => ts.value("NARMS", n.to_string()),
        }
    } else if !r.arms.is_empty() {
        ts.value("NCOHORT", r.arms.len().to_string());
    }
    // Registries state outcomes, not objectives; the protocol has to supply OBJPRIM.
    ts.null("OBJPRIM", "NI");
    outcomes(&mut ts, r);
    ts.coded("RANDOM", "NY", tv::random(r));
    regid(&mut ts, r);
    ts.date("SENDTC", r.dates.completion.as_ref());
    ts.coded("SEXPOP", "SEXPOP", tv::sexpop(r));
    ts.text_or("SPONSOR", r.lead_sponsor().map(|p| p.name.as_str()), "NI");
    if let Some(id) = &r.ids.org_study_id {
        ts.value("SPREFID", id.as_str());
    }
    ts.date("SSTDTC", r.dates.start.as_ref());
    ts.coded("STYPE", "STYPE", tv::stype(r));
    ts.coded("TBLIND", "TBLIND", tv::tblind(r));
    ts.coded("TCNTRL", "TCNTRL", tv::tcntrl(r));
    ts.coded("TINDTP", "TINDTP", tv::tindtp(r));
    ts.text_or(
        "TITLE",
        r.titles.official.as_deref().or(r.titles.brief.as_deref()),
        "NI",
    );
    ts.coded("TPHASE", "TPHASE", tv::tphase(r));
    treatments(&mut ts, r);
    finish(ts.params, studyid, findings)
}

fn enrollment(ts: &mut Ts, r: &StudyRecord) {
    let Some(e) = &r.enrollment else {
        ts.null("ACTSUB", "NI");
        ts.null("PLANSUB", "NI");
        return;
    };
    let Some(n) = e.count else {
        let raw = e.raw.clone().unwrap_or_default();
        ts.unknown(
            "PLANSUB",
            &format!("registry enrollment `{raw}` is not a number"),
        );
        ts.null("ACTSUB", "NI");
        return;
    };
    let ended = matches!(
        r.status.overall.as_ref().map(|s| s.value),
        Some(OverallStatus::Completed | OverallStatus::Terminated)
    );
    let actual = match e.actuality {
        Some(Actuality::Actual) => true,
        Some(Actuality::Anticipated) => false,
        _ => {
            ts.findings.push(
                Finding::notice(
                    codes::RG_ENROLLMENT_TYPE,
                    format!(
                        "enrollment {n} is not marked actual or anticipated; taken as {} because the study {}",
                        if ended { "ACTSUB" } else { "PLANSUB" },
                        if ended { "has ended" } else { "is not known to have ended" }
                    ),
                )
                .in_dataset("TS")
                .with_variable("TSVAL"),
            );
            ended
        }
    };
    if actual {
        ts.value("ACTSUB", n.to_string());
        ts.null("PLANSUB", "NI");
    } else {
        ts.null("ACTSUB", if ended { "NI" } else { "UNK" });
        ts.value("PLANSUB", n.to_string());
    }
}

fn age(ts: &mut Ts, code: &'static str, age: Option<&registry::Age>, none: &'static str) {
    match age {
        // No upper limit is a stated fact (PINF), not missing information.
        None if none == "PINF" => ts.flavor(code, none),
        None => ts.null(code, none),
        Some(a) => match age_duration(a) {
            Some(d) => ts.iso(code, d),
            None => {
                ts.flavor(code, "UNK");
                ts.findings.push(
                    Finding::warning(
                        codes::RG_AGE,
                        format!("TS {code}: cannot read an age from `{}`", a.raw),
                    )
                    .in_dataset("TS")
                    .with_variable("TSVAL"),
                );
            }
        },
    }
}

fn outcomes(ts: &mut Ts, r: &StudyRecord) {
    let groups = [
        ("OUTMSPRI", &r.outcomes.primary),
        ("OUTMSSEC", &r.outcomes.secondary),
        ("OUTMSEXP", &r.outcomes.other),
    ];
    for (code, list) in groups {
        if list.is_empty() && code == "OUTMSPRI" {
            ts.null(code, "NI");
        }
        for o in list {
            let text = match o.time_frame.as_deref().map(str::trim) {
                Some(tf) if !tf.is_empty() => format!("{} [time frame: {tf}]", o.measure.trim()),
                _ => o.measure.trim().to_owned(),
            };
            ts.value(code, text);
        }
    }
}

fn regid(ts: &mut Ts, r: &StudyRecord) {
    let mut ids: Vec<(&str, Option<&str>)> = Vec::new();
    if let Some(p) = &r.ids.primary {
        ids.push((&p.value, p.system.as_deref()));
    }
    ids.extend(r.ids.secondary.iter().map(|s| (s.value.as_str(), None)));
    let mut any = false;
    for (id, system) in ids {
        let Some(reg) = tv::registry_of(id, system) else {
            continue;
        };
        ts.value("REGID", id);
        let p = ts.last();
        p.vcd = Some(id.to_owned());
        p.vcdref = Some(reg);
        any = true;
    }
    if !any {
        ts.null("REGID", "NI");
    }
}

/// TRT: the investigational treatments, i.e. those of the experimental arms when the
/// registry types its arms, else every intervention but placebo and (with two or more arms)
/// but those every arm receives. COMPTRT: what only the
/// active-comparator arms receive.
fn treatments(ts: &mut Ts, r: &StudyRecord) {
    let typed = |t: ArmType| -> Vec<String> {
        r.arms
            .iter()
            .filter(|a| a.arm_type.as_ref().is_some_and(|x| x.value == t))
            .flat_map(|a| arm_interventions(r, a))
            .collect()
    };
    let experimental = typed(ArmType::Experimental);
    let trt: Vec<String> = if experimental.is_empty() {
        let all: Vec<String> = r.interventions.iter().map(|i| i.name.clone()).collect();
        // With several arms, what every arm receives is background therapy, not what the
        // trial investigates (the example study's prednisolone in both arms).
        let per_arm: Vec<Vec<String>> = r.arms.iter().map(|a| arm_interventions(r, a)).collect();
        let differing: Vec<String> = all
            .iter()
            .filter(|i| per_arm.len() < 2 || !per_arm.iter().all(|a| a.contains(i)))
            .cloned()
            .collect();
        if differing.is_empty() { all } else { differing }
    } else {
        experimental.clone()
    };
    let mut seen: Vec<String> = Vec::new();
    for t in trt {
        if t.to_ascii_lowercase().contains("placebo") || seen.contains(&t) {
            continue;
        }
        ts.value("TRT", t.as_str());
        seen.push(t);
    }
    if seen.is_empty() {
        ts.null("TRT", "NI");
    } else {
        not_coded(ts, "TRT", "UNII");
    }
    let mut comp: Vec<String> = Vec::new();
    for c in typed(ArmType::ActiveComparator) {
        if !experimental.contains(&c) && !comp.contains(&c) {
            ts.value("COMPTRT", c.as_str());
            comp.push(c);
        }
    }
}

fn not_coded(ts: &mut Ts, code: &str, system: &str) {
    ts.findings.push(
        Finding::notice(
            codes::RG_NOT_CODED,
            format!("TS {code}: the registry carries no {system} codes; TSVALCD is null"),
        )
        .in_dataset("TS")
        .with_variable("TSVALCD"),
    );
}
