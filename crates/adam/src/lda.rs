//! ADLDA: seed 000's low disease activity (LDA) at months 6 and 12, a BDS dataset with one
//! record per subject, visit and criterion plus the composite.
//!
//! Seed 000 defines LDA as meeting all of: (1) no active arthritis without regular NSAID
//! use; (2) no active myositis, serum CK ≤ upper limit of normal; (3) stable ILD, FVC
//! decline < 5% and DLCO decline < 10% over the past 6 months; (4) no fever or other
//! systemic manifestation, ESR < 20 mm/h; (5) a stable glucocorticoid dose ≤ 7.5 mg/day
//! prednisone-equivalent for at least 3 months.
//!
//! Rules (month 6 = analysis visit WEEK 24, month 12 = WEEK 52, windows as in ADRE; the
//! visit date is that of the analysed FVC % predicted record, else the window's target
//! day):
//! - LDAARTH (1): not evaluable. The example trial collects no joint examination and no
//!   NSAID use; AVALC = NE with NEREAS saying so. Nothing is imputed.
//! - LDACK (2): LB `CK` nearest the target day in the window; met when LBSTRESN ≤
//!   LBSTNRHI. LDAVAL = CK, LDAREF = ULN; SRC* name the LB record.
//! - LDAFVC, LDADLCO (3): RE `FVCPP` / `DLCOPP` at the visit against the value six months
//!   earlier (baseline for month 6, WEEK 24 for month 12); met when the relative decline
//!   100 · (earlier − now) / earlier is below 5 (FVC) or 10 (DLCO). LDAVAL = the decline,
//!   SRC* the current RE record, REFSEQ the earlier one.
//! - LDASYS (4): not evaluable: no ESR and no temperature in the example trial.
//! - LDAGC (5): met when the daily prednisolone-equivalent dose (ADGC rules) is ≤ 7.5 mg on
//!   each of the 91 days up to the visit date. LDAVAL = the highest daily dose in that
//!   period; SRC* the CM record of the dose on the visit day when one record makes it.
//! - LDA: Y when all five are met, N when any criterion is not met, NE otherwise. For the
//!   example trial two criteria are never evaluable, so LDA is N or NE, never Y.
//! - A subject who died before the visit: every criterion NE ("died before the visit") and
//!   LDA = N (the usual non-responder rule: a death is not low disease activity).
//! - AVALC = Y/N/NE, AVAL = 1/0/null.

use crate::adsl::Subject;
use crate::bds::subject_vars;
use crate::build::Builder;
use crate::gc_taper::Gc;
use crate::input::{Table, date, num, text};
use crate::spec::Windows;
use model::{Dataset, Finding, Value};

const VISITS: [(&str, f64, f64); 2] = [("MONTH 6", 24.0, 0.0), ("MONTH 12", 52.0, 24.0)];

#[derive(Debug, Clone, Default)]
struct Crit {
    met: Option<bool>,
    value: Option<f64>,
    reference: Option<f64>,
    src: Option<(&'static str, &'static str, Option<f64>)>,
    refseq: Option<f64>,
    ne: Option<&'static str>,
}

/// A result in the window of `avisitn`, nearest its target: (value, date, --SEQ, ULN).
fn nearest(
    windows: &Windows,
    t: Table<'_>,
    s: &Subject,
    testcd: &str,
    avisitn: f64,
) -> Option<(f64, i64, Option<f64>, Option<f64>)> {
    let p = t.name().to_ascii_uppercase();
    let randdt = s.randdt?;
    t.subject(&s.usubjid)
        .filter(|r| r.str(&format!("{p}TESTCD")) == Some(testcd))
        .filter_map(|r| {
            let d = r.date(&format!("{p}DTC"))?;
            let (_, n, target) = windows.of(d - randdt + 1)?;
            let v = r.num(&format!("{p}STRESN"))?;
            (n == avisitn).then(|| {
                let dist = (d - randdt + 1 - target).abs();
                (
                    dist,
                    -d,
                    v,
                    d,
                    r.num(&format!("{p}SEQ")),
                    r.num(&format!("{p}STNRHI")),
                )
            })
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)))
        .map(|(.., v, d, seq, hi)| (v, d, seq, hi))
}

fn decline(
    windows: &Windows,
    re: Option<Table<'_>>,
    s: &Subject,
    cd: &str,
    now: f64,
    before: f64,
    limit: f64,
) -> Crit {
    let Some(re) = re else {
        return Crit {
            ne: Some("no RE dataset"),
            ..Crit::default()
        };
    };
    let (Some(cur), Some(prev)) = (
        nearest(windows, re, s, cd, now),
        nearest(windows, re, s, cd, before),
    ) else {
        return Crit {
            ne: Some("no measurement at the visit or six months before it"),
            ..Crit::default()
        };
    };
    let dec = (prev.0 != 0.0).then(|| 100.0 * (prev.0 - cur.0) / prev.0);
    Crit {
        met: dec.map(|d| d < limit),
        value: dec,
        reference: Some(limit),
        src: Some(("RE", "RESTRESN", cur.2)),
        refseq: prev.2,
        ne: dec.is_none().then_some("earlier value is 0"),
    }
}

pub(crate) fn derive(
    sdtm: &[Dataset],
    windows: &Windows,
    subjects: &[Subject],
    gc: &Gc,
    _findings: &mut Vec<Finding>,
) -> Option<Dataset> {
    let re = Table::find(sdtm, "RE");
    let lb = Table::find(sdtm, "LB");
    let mut b = Builder::new(
        "ADLDA",
        "Low Disease Activity Analysis Dataset",
        "One record per subject per parameter per analysis visit",
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
        ("PPROTFL", ""),
        ("PARAMCD", ""),
        ("PARAM", ""),
        ("PARCAT1", "Parameter Category 1"),
        ("AVISIT", ""),
    ])
    .nums(&[("AVISITN", "")])
    .date("ADT", "")
    .nums(&[("AVAL", "")])
    .chars(&[("AVALC", "")])
    .nums(&[
        ("LDAVAL", "Criterion Input Value"),
        ("LDAREF", "Criterion Reference Value"),
    ])
    .chars(&[
        ("NEREAS", "Reason Not Evaluable"),
        ("SRCDOM", ""),
        ("SRCVAR", ""),
    ])
    .nums(&[("SRCSEQ", ""), ("REFSEQ", "Earlier Source Sequence Number")]);
    for s in subjects.iter().filter(|s| s.ittfl) {
        let Some(randdt) = s.randdt else { continue };
        for (avisit, wk, before) in VISITS {
            let visit_date = re
                .and_then(|re| nearest(windows, re, s, "FVCPP", wk))
                .map(|x| x.1)
                .unwrap_or(randdt + 7 * wk as i64);
            let arth = Crit {
                ne: Some("no joint examination or NSAID data collected"),
                ..Crit::default()
            };
            let sys = Crit {
                ne: Some("no ESR or temperature collected"),
                ..Crit::default()
            };
            let ck = match lb.and_then(|lb| nearest(windows, lb, s, "CK", wk)) {
                Some((v, _, seq, Some(hi))) => Crit {
                    met: Some(v <= hi),
                    value: Some(v),
                    reference: Some(hi),
                    src: Some(("LB", "LBSTRESN", seq)),
                    ..Crit::default()
                },
                Some(_) => Crit {
                    ne: Some("CK has no upper limit of normal"),
                    ..Crit::default()
                },
                None => Crit {
                    ne: Some("no CK result at the visit"),
                    ..Crit::default()
                },
            };
            let fvc = decline(windows, re, s, "FVCPP", wk, before, 5.0);
            let dlco = decline(windows, re, s, "DLCOPP", wk, before, 10.0);
            let gcc = match gc.daily.get(&s.usubjid) {
                None => Crit {
                    ne: Some("no glucocorticoid records"),
                    ..Crit::default()
                },
                Some(days) => {
                    let from = visit_date - 90;
                    let max = (from..=visit_date)
                        .map(|d| days.get(&d).map_or(0.0, |x| x.dose))
                        .fold(0.0, f64::max);
                    let seq = days.get(&visit_date).and_then(|x| x.seq);
                    Crit {
                        met: Some(max <= 7.5),
                        value: Some(max),
                        reference: Some(7.5),
                        src: seq.map(|q| ("CM", "CMDOSE", Some(q))),
                        ..Crit::default()
                    }
                }
            };
            let mut parts = [
                ("LDAARTH", "LDA: No Active Arthritis Without NSAID", arth),
                ("LDACK", "LDA: CK <= Upper Limit of Normal", ck),
                ("LDAFVC", "LDA: FVC %pred Decline < 5% in 6 Months", fvc),
                ("LDADLCO", "LDA: DLCO %pred Decline < 10% in 6 Months", dlco),
                ("LDASYS", "LDA: No Systemic Signs, ESR < 20 mm/h", sys),
                ("LDAGC", "LDA: PSL-Eq <= 7.5 mg/day for 3 Months", gcc),
            ];
            let died = s.dthdt.is_some_and(|d| d <= visit_date);
            if died {
                for p in &mut parts {
                    p.2 = Crit {
                        ne: Some("died before the visit"),
                        ..Crit::default()
                    };
                }
            }
            let composite = if died || parts.iter().any(|p| p.2.met == Some(false)) {
                Some(false)
            } else if parts.iter().all(|p| p.2.met == Some(true)) {
                Some(true)
            } else {
                None
            };
            let lda = Crit {
                met: composite,
                ne: composite
                    .is_none()
                    .then_some("a criterion is not evaluable"),
                ..Crit::default()
            };
            for (cd, param, c) in
                parts
                    .iter()
                    .chain([&("LDA", "Low Disease Activity (5 Criteria)", lda)])
            {
                let mut r = b.row();
                subject_vars(&mut r, s, &crate::gc_taper::copies());
                r.set("PARAMCD", text(Some(cd)))
                    .set("PARAM", text(Some(param)))
                    .set("PARCAT1", text(Some("LOW DISEASE ACTIVITY")))
                    .set("AVISIT", text(Some(avisit)))
                    .set("AVISITN", Value::Num(wk / 52.0 * 12.0))
                    .set("ADT", date(Some(visit_date)))
                    .set("AVAL", num(c.met.map(|m| f64::from(u8::from(m)))))
                    .set(
                        "AVALC",
                        text(Some(match c.met {
                            Some(true) => "Y",
                            Some(false) => "N",
                            None => "NE",
                        })),
                    )
                    .set("LDAVAL", num(c.value))
                    .set("LDAREF", num(c.reference))
                    .set("NEREAS", text(c.ne.filter(|_| c.met.is_none())))
                    .set("SRCDOM", text(c.src.map(|x| x.0)))
                    .set("SRCVAR", text(c.src.map(|x| x.1)))
                    .set("SRCSEQ", num(c.src.and_then(|x| x.2)))
                    .set("REFSEQ", num(c.refseq));
                b.push(r);
            }
        }
    }
    Some(b.finish())
}
