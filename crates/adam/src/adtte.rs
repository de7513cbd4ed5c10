//! ADTTE: one record per randomized subject per parameter, OS, PFS (seed 002) and OS12
//! (seed 000).
//!
//! Rules:
//! - STARTDT = RANDDT (intention to treat: every subject with ITTFL = Y). Subjects without
//!   RANDDT get no record (ADSL reports them).
//! - AVAL = ADT − STARTDT in days elapsed (an event on the day of randomization is day 0).
//! - 52-week horizon (OS, PFS): the trial's 52 weeks end 364 days after randomization;
//!   an event after RANDDT + 364 is not counted and the subject is censored there, as is
//!   anyone followed beyond it.
//! - OS: event = death (ADSL.DTHDT; traced to the DS `DEATH` record, else DM.DTHDTC);
//!   censored at LSTALVDT (capped at the horizon).
//! - PFS: event = the earlier of the first CE `DISEASE PROGRESSION` record (ILD
//!   deterioration, muscle or skin worsening that needed added treatment: seed 002's
//!   definition, recorded by the sites as CE) and death; censored at the last disease
//!   assessment (latest SV or RE date), capped at the horizon, or at RANDDT when there is
//!   none.
//! - OS12: seed 000's primary endpoint, "time from randomization to death from any cause"
//!   with survival read at 12 months: the horizon is the same calendar day 12 months after
//!   RANDDT (29 February becomes 28 February), otherwise as OS.
//! - CNSR = 0 for an event, 1 for censoring; EVNTDESC says which event or censoring;
//!   CNSDTDSC names the censoring date; SRCDOM/SRCVAR/SRCSEQ point at the record that gave
//!   ADT (SDTM for events, ADSL for censoring dates).

use crate::adsl::{Subject, is_progression};
use crate::build::Builder;
use crate::input::{Table, date, num, text};
use model::{Dataset, Finding, IsoDateTime, Value};
use std::collections::BTreeMap;

/// Days from randomization to the end of week 52.
pub const HORIZON_52W: i64 = 364;

#[derive(Debug, Clone)]
struct Source {
    dom: &'static str,
    var: &'static str,
    seq: Option<f64>,
}

#[derive(Debug, Clone)]
struct Outcome {
    adt: i64,
    event: bool,
    desc: &'static str,
    cnsdesc: Option<&'static str>,
    src: Source,
}

const PARAMS: [(&str, &str); 3] = [
    ("OS", "Overall Survival up to Week 52 (Days)"),
    ("PFS", "Progression-Free Survival up to Week 52 (Days)"),
    ("OS12", "Survival up to 12 Months (Days)"),
];

pub(crate) fn derive(
    sdtm: &[Dataset],
    subjects: &[Subject],
    findings: &mut Vec<Finding>,
) -> Dataset {
    let deaths = death_records(sdtm);
    let progressions = first_progressions(sdtm);
    let assessments = last_assessments(sdtm);
    let mut b = Builder::new(
        "ADTTE",
        "Time-to-Event Analysis Dataset",
        "One record per subject per parameter",
    );
    b.chars(&[
        ("STUDYID", ""),
        ("USUBJID", ""),
        ("SUBJID", ""),
        ("SITEID", ""),
    ])
    .chars(&[("TRTP", "")])
    .nums(&[("TRTPN", "")])
    .chars(&[("TRTA", "")])
    .nums(&[("TRTAN", "")])
    .chars(&[
        ("ITTFL", ""),
        ("STRAT1R", ""),
        ("ARSFL", "Anti-ARS Antibody Positive Flag"),
        ("MDA5FL", "Anti-MDA5 Antibody Positive Flag"),
        ("PARAMCD", ""),
        ("PARAM", ""),
    ])
    .nums(&[("AVAL", "")])
    .date("STARTDT", "")
    .date("ADT", "")
    .nums(&[("CNSR", "")])
    .chars(&[
        ("EVNTDESC", ""),
        ("CNSDTDSC", ""),
        ("SRCDOM", ""),
        ("SRCVAR", ""),
    ])
    .nums(&[("SRCSEQ", "")]);
    for (paramcd, param) in PARAMS {
        for s in subjects.iter().filter(|s| s.ittfl) {
            let Some(start) = s.randdt else { continue };
            let horizon = if paramcd == "OS12" {
                plus_12_months(start)
            } else {
                start + HORIZON_52W
            };
            let death = s.dthdt.map(|d| {
                let seq = deaths.get(s.usubjid.as_str()).copied().flatten();
                let src = match seq {
                    Some(seq) => Source {
                        dom: "DS",
                        var: "DSSTDTC",
                        seq: Some(seq),
                    },
                    None => Source {
                        dom: "DM",
                        var: "DTHDTC",
                        seq: None,
                    },
                };
                (d, src)
            });
            let mut event = death.map(|(d, src)| (d, "DEATH", src));
            let censor_at;
            if paramcd == "PFS" {
                if let Some(&(d, seq)) = progressions.get(s.usubjid.as_str())
                    && event.as_ref().is_none_or(|e| d <= e.0)
                {
                    let src = Source {
                        dom: "CE",
                        var: "CESTDTC",
                        seq,
                    };
                    event = Some((d, "DISEASE PROGRESSION", src));
                }
                censor_at = assessments
                    .get(s.usubjid.as_str())
                    .map(|&(d, dom)| (d, dom));
            } else {
                censor_at = s.lstalvdt.map(|d| (d, "ADSL"));
            }
            let o = match event.filter(|e| e.0 <= horizon) {
                Some((d, desc, src)) => Outcome {
                    adt: d,
                    event: true,
                    desc,
                    cnsdesc: None,
                    src,
                },
                None => censored(paramcd, start, horizon, censor_at),
            };
            if o.adt < start {
                findings.push(
                    crate::derive_finding(
                        "ADTTE",
                        format!(
                            "{} {paramcd}: {} date {} is before RANDDT; no record derived",
                            s.usubjid, o.desc, o.adt
                        ),
                    )
                    .with_variable("ADT"),
                );
                continue;
            }
            let mut r = b.row();
            r.set("STUDYID", text(Some(&s.studyid)))
                .set("USUBJID", text(Some(&s.usubjid)))
                .set("SUBJID", text(s.subjid.as_deref()))
                .set("SITEID", text(s.siteid.as_deref()))
                .set("TRTP", text(s.arm.as_deref()))
                .set("TRTPN", num(s.trtpn))
                .set("TRTA", text(s.actarm.as_deref().filter(|_| s.saffl)))
                .set("TRTAN", num(s.trtan.filter(|_| s.saffl)))
                .set("ITTFL", crate::input::flag(s.ittfl))
                .set("STRAT1R", text(s.stratum.as_deref()))
                .set("ARSFL", s.ars.map_or(Value::NULL, crate::input::flag))
                .set("MDA5FL", s.mda5.map_or(Value::NULL, crate::input::flag))
                .set("PARAMCD", text(Some(paramcd)))
                .set("PARAM", text(Some(param)))
                .set("AVAL", Value::Num((o.adt - start) as f64))
                .set("STARTDT", date(Some(start)))
                .set("ADT", date(Some(o.adt)))
                .set("CNSR", Value::Num(if o.event { 0.0 } else { 1.0 }))
                .set("EVNTDESC", text(Some(o.desc)))
                .set("CNSDTDSC", text(o.cnsdesc))
                .set("SRCDOM", text(Some(o.src.dom)))
                .set("SRCVAR", text(Some(o.src.var)))
                .set("SRCSEQ", num(o.src.seq));
            b.push(r);
        }
    }
    b.finish()
}

fn censored(paramcd: &str, start: i64, horizon: i64, at: Option<(i64, &'static str)>) -> Outcome {
    let end_desc = if paramcd == "OS12" {
        "END OF 12-MONTH FOLLOW-UP"
    } else {
        "END OF 52-WEEK FOLLOW-UP"
    };
    match at {
        Some((d, _)) if d >= horizon => Outcome {
            adt: horizon,
            event: false,
            desc: "ALIVE AT END OF FOLLOW-UP",
            cnsdesc: Some(end_desc),
            src: Source {
                dom: "ADSL",
                var: "RANDDT",
                seq: None,
            },
        },
        Some((d, dom)) => {
            let (desc, cns, src) = if paramcd == "PFS" {
                let var = if dom == "RE" { "REDTC" } else { "SVSTDTC" };
                (
                    "ALIVE WITHOUT PROGRESSION",
                    "LAST DISEASE ASSESSMENT",
                    Source {
                        dom: if dom == "RE" { "RE" } else { "SV" },
                        var,
                        seq: None,
                    },
                )
            } else {
                (
                    "ALIVE",
                    "LAST KNOWN ALIVE DATE",
                    Source {
                        dom: "ADSL",
                        var: "LSTALVDT",
                        seq: None,
                    },
                )
            };
            Outcome {
                adt: d.max(start),
                event: false,
                desc,
                cnsdesc: Some(cns),
                src,
            }
        }
        None => Outcome {
            adt: start,
            event: false,
            desc: "NO FOLLOW-UP AFTER RANDOMIZATION",
            cnsdesc: Some("RANDOMIZATION DATE"),
            src: Source {
                dom: "ADSL",
                var: "RANDDT",
                seq: None,
            },
        },
    }
}

fn plus_12_months(sas: i64) -> i64 {
    let d = IsoDateTime::from_sas_date(sas);
    let (Some(y), Some(m), Some(day)) = (d.year, d.month, d.day) else {
        return sas + 365;
    };
    IsoDateTime::date(y + 1, m, day)
        .or_else(|| IsoDateTime::date(y + 1, m, day - 1))
        .and_then(|d| d.sas_date())
        .unwrap_or(sas + 365)
}

/// DSSEQ of each subject's DS `DEATH` record.
fn death_records(sdtm: &[Dataset]) -> BTreeMap<&str, Option<f64>> {
    let mut out = BTreeMap::new();
    if let Some(ds) = Table::find(sdtm, "DS") {
        for r in ds.rows() {
            if r.str("DSDECOD") == Some("DEATH")
                && let Some(u) = r.str("USUBJID")
            {
                out.entry(u).or_insert(r.num("DSSEQ"));
            }
        }
    }
    out
}

/// Date and CESEQ of each subject's first progression with a complete date.
fn first_progressions(sdtm: &[Dataset]) -> BTreeMap<&str, (i64, Option<f64>)> {
    let mut out: BTreeMap<&str, (i64, Option<f64>)> = BTreeMap::new();
    let Some(ce) = Table::find(sdtm, "CE") else {
        return out;
    };
    for r in ce.rows().filter(|r| is_progression(*r)) {
        let (Some(u), Some(d)) = (r.str("USUBJID"), r.date("CESTDTC")) else {
            continue;
        };
        let e = out.entry(u).or_insert((d, r.num("CESEQ")));
        if d < e.0 {
            *e = (d, r.num("CESEQ"));
        }
    }
    out
}

/// Latest SV or RE date per subject (a visit is where progression was assessed).
fn last_assessments(sdtm: &[Dataset]) -> BTreeMap<&str, (i64, &'static str)> {
    let mut out: BTreeMap<&str, (i64, &'static str)> = BTreeMap::new();
    for (dom, var) in [("SV", "SVSTDTC"), ("RE", "REDTC")] {
        let Some(t) = Table::find(sdtm, dom) else {
            continue;
        };
        for r in t.rows() {
            let (Some(u), Some(d)) = (r.str("USUBJID"), r.date(var)) else {
                continue;
            };
            let e = out.entry(u).or_insert((d, dom));
            if d > e.0 {
                *e = (d, dom);
            }
        }
    }
    out
}
