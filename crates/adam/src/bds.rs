//! BDS datasets for findings: ADRE (pulmonary function from RE) and ADLB (labs from LB).
//!
//! Rules:
//! - One record per numeric SDTM result (`--STRESN`) with a complete `--DTC` date, for
//!   subjects with a RANDDT; PARAMCD = `--TESTCD`, PARAM = `--TEST (--STRESU)`. Character
//!   results (LB antibodies) are summarised in ADSL (ARSFL/MDA5FL) instead.
//! - ADY = ADT − RANDDT + 1 (randomization is day 1, there is no day 0).
//! - Analysis windows on ADY around the protocol visits (week w targets day 7w + 1), split
//!   at the midpoints between targets: BASELINE ≤ 1; WEEK 4 2–56; WEEK 12 57–126; WEEK 24
//!   127–210; WEEK 36 211–308; WEEK 52 309–420. Later records keep no AVISIT.
//! - ABLFL = Y on the last record on or before RANDDT (ADY ≤ 1); BASE is its AVAL on every
//!   record of the subject and parameter. CHG = AVAL − BASE and PCHG = 100 · CHG / BASE on
//!   post-baseline records (ADY > 1; PCHG null when BASE is 0).
//! - ANL01FL = Y on the baseline record and, per post-baseline window, on the record
//!   nearest the target day (the later one on a tie): one value per subject, parameter and
//!   visit for by-visit analyses.
//! - ADRE CRIT1 for FVCPP: "FVC % predicted relative decline >= 10% from baseline",
//!   CRIT1FL = Y when PCHG ≤ −10, else N (post-baseline records). The paper's progression
//!   criterion reads ">10% decrease in %FVC"; the relative reading is used because the
//!   paper gives %FVC in percent of predicted, where an absolute 10-point fall is a
//!   different (stricter at low FVC) criterion.
//! - ADRE annual rate of change (seed 000's "annual decline rate"): PARAMCD FVCPPSLP and
//!   DLCOPSLP, PARAMTYP DERIVED, AVAL = least-squares slope of AVAL on ADY over the
//!   subject's ANL01FL records up to day 420, × 365.25 (points per year; a decline is
//!   negative). Needs two distinct days; ADT is the last record used.
//! - ADLB ANRLO/ANRHI from `--STNRLO/--STNRHI`; ANRIND = LOW/HIGH/NORMAL against them.
//! - SRCDOM/SRCVAR/SRCSEQ name the SDTM record; ASEQ numbers the records per subject.

use crate::adsl::Subject;
use crate::build::Builder;
use crate::input::{Table, date, flag_y, num, text};
use model::{Dataset, Finding, Value};
use std::collections::BTreeMap;

/// An analysis visit window.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Window {
    pub avisit: &'static str,
    pub avisitn: f64,
    /// Target study day.
    pub target: i64,
}

const WINDOWS: [(&str, f64, i64, i64); 5] = [
    ("WEEK 4", 4.0, 2, 56),
    ("WEEK 12", 12.0, 57, 126),
    ("WEEK 24", 24.0, 127, 210),
    ("WEEK 36", 36.0, 211, 308),
    ("WEEK 52", 52.0, 309, 420),
];

/// The window of a study day (ADY).
pub fn window(ady: i64) -> Option<Window> {
    if ady <= 1 {
        return Some(Window {
            avisit: "BASELINE",
            avisitn: 0.0,
            target: 1,
        });
    }
    WINDOWS
        .iter()
        .find(|w| (w.2..=w.3).contains(&ady))
        .map(|&(avisit, avisitn, ..)| Window {
            avisit,
            avisitn,
            target: 7 * avisitn as i64 + 1,
        })
}

/// The baseline (value, --SEQ) of one subject and test: the last result on or before
/// `randdt`.
pub(crate) fn subject_baseline(
    t: Table<'_>,
    usubjid: &str,
    testcd: &str,
    randdt: i64,
) -> Option<(f64, f64)> {
    let p = prefix(t.name());
    t.subject(usubjid)
        .filter(|r| r.str(&format!("{p}TESTCD")) == Some(testcd))
        .filter_map(|r| {
            let d = r.date(&format!("{p}DTC"))?;
            let v = r.num(&format!("{p}STRESN"))?;
            (d <= randdt).then(|| (d, r.num(&format!("{p}SEQ")).unwrap_or(0.0), v))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)))
        .map(|(_, seq, v)| (v, seq))
}

fn prefix(domain: &str) -> String {
    domain.to_ascii_uppercase()
}

#[derive(Debug, Clone)]
struct Rec {
    paramcd: String,
    aval: f64,
    adt: i64,
    ady: i64,
    seq: Option<f64>,
    lo: Option<f64>,
    hi: Option<f64>,
    window: Option<Window>,
    ablfl: bool,
    anl01fl: bool,
}

/// ADRE from RE, or ADLB from LB; `None` when the domain is absent.
pub(crate) fn derive(
    sdtm: &[Dataset],
    subjects: &[Subject],
    domain: &str,
    findings: &mut Vec<Finding>,
) -> Option<Dataset> {
    let t = Table::find(sdtm, domain)?;
    let p = prefix(domain);
    let v = |s: &str| format!("{p}{s}");
    let by_id: BTreeMap<&str, &Subject> =
        subjects.iter().map(|s| (s.usubjid.as_str(), s)).collect();
    let mut params: BTreeMap<String, String> = BTreeMap::new();
    let mut groups: BTreeMap<(String, String), Vec<Rec>> = BTreeMap::new();
    let mut undated = 0usize;
    for r in t.rows() {
        let Some(s) = r.str("USUBJID").and_then(|u| by_id.get(u)) else {
            continue;
        };
        let (Some(randdt), Some(cd), Some(aval)) =
            (s.randdt, r.str(&v("TESTCD")), r.num(&v("STRESN")))
        else {
            continue;
        };
        let Some(adt) = r.date(&v("DTC")) else {
            undated += 1;
            continue;
        };
        params.entry(cd.to_owned()).or_insert_with(|| {
            let test = r.str(&v("TEST")).unwrap_or(cd);
            match r.str(&v("STRESU")) {
                Some(u) => format!("{test} ({u})"),
                None => test.to_owned(),
            }
        });
        let ady = adt - randdt + 1;
        groups
            .entry((s.usubjid.clone(), cd.to_owned()))
            .or_default()
            .push(Rec {
                paramcd: cd.to_owned(),
                aval,
                adt,
                ady,
                seq: r.num(&v("SEQ")),
                lo: r.num(&v("STNRLO")),
                hi: r.num(&v("STNRHI")),
                window: window(ady),
                ablfl: false,
                anl01fl: false,
            });
    }
    if undated > 0 {
        findings.push(crate::derive_finding(
            domain,
            format!("{undated} {domain} result(s) without a complete date are left out of the BDS dataset"),
        ));
    }
    let name = format!("AD{p}");
    let is_re = p == "RE";
    let label = if is_re {
        "Pulmonary Function Analysis Dataset"
    } else {
        "Laboratory Analysis Dataset"
    };
    let mut b = Builder::new(
        &name,
        label,
        "One record per subject per parameter per analysis date",
    );
    declare(&mut b, is_re);
    for (u, s) in &by_id {
        let mut aseq = 0.0;
        for (cd, param) in &params {
            let Some(recs) = groups.get_mut(&((*u).to_owned(), cd.clone())) else {
                continue;
            };
            recs.sort_by(|a, b| {
                a.adt
                    .cmp(&b.adt)
                    .then(a.seq.unwrap_or(0.0).total_cmp(&b.seq.unwrap_or(0.0)))
            });
            flag_records(recs);
            let base = recs.iter().find(|r| r.ablfl).map(|r| r.aval);
            for rec in recs.iter() {
                aseq += 1.0;
                let mut row = b.row();
                subject_vars(&mut row, s);
                let post = rec.ady > 1;
                let chg = base.filter(|_| post).map(|b| rec.aval - b);
                let pchg = base
                    .filter(|b| post && *b != 0.0)
                    .map(|b| 100.0 * (rec.aval - b) / b);
                row.set("ASEQ", Value::Num(aseq))
                    .set("PARAMCD", text(Some(cd)))
                    .set("PARAM", text(Some(param)))
                    .set("AVAL", Value::Num(rec.aval))
                    .set("ADT", date(Some(rec.adt)))
                    .set("ADY", Value::Num(rec.ady as f64))
                    .set("AVISIT", text(rec.window.map(|w| w.avisit)))
                    .set("AVISITN", num(rec.window.map(|w| w.avisitn)))
                    .set("ABLFL", flag_y(rec.ablfl))
                    .set("BASE", num(base))
                    .set("CHG", num(chg))
                    .set("PCHG", num(pchg))
                    .set("ANL01FL", flag_y(rec.anl01fl))
                    .set("SRCDOM", text(Some(domain)))
                    .set("SRCVAR", text(Some(&v("STRESN"))))
                    .set("SRCSEQ", num(rec.seq));
                if is_re && rec.paramcd == "FVCPP" && pchg.is_some() {
                    row.set(
                        "CRIT1",
                        text(Some(
                            "FVC % predicted relative decline >= 10% from baseline",
                        )),
                    )
                    .set(
                        "CRIT1FL",
                        crate::input::flag(pchg.is_some_and(|p| p <= -10.0)),
                    );
                }
                if !is_re {
                    let ind = match (rec.lo, rec.hi) {
                        (Some(lo), _) if rec.aval < lo => Some("LOW"),
                        (_, Some(hi)) if rec.aval > hi => Some("HIGH"),
                        (None, None) => None,
                        _ => Some("NORMAL"),
                    };
                    row.set("ANRLO", num(rec.lo))
                        .set("ANRHI", num(rec.hi))
                        .set("ANRIND", text(ind));
                }
                b.push(row);
            }
            if is_re
                && let Some((slp_cd, slp_param)) = slope_param(cd)
                && let Some((slope, last)) = annual_slope(recs)
            {
                aseq += 1.0;
                let mut row = b.row();
                subject_vars(&mut row, s);
                row.set("ASEQ", Value::Num(aseq))
                    .set("PARAMCD", text(Some(slp_cd)))
                    .set("PARAM", text(Some(slp_param)))
                    .set("PARAMTYP", text(Some("DERIVED")))
                    .set("AVAL", Value::Num(slope))
                    .set("ADT", date(Some(last)));
                b.push(row);
            }
        }
    }
    Some(b.finish())
}

fn declare(b: &mut Builder, is_re: bool) {
    b.chars(&[
        ("STUDYID", ""),
        ("USUBJID", ""),
        ("SUBJID", ""),
        ("SITEID", ""),
    ])
    .nums(&[("ASEQ", "Analysis Sequence Number")])
    .chars(&[("TRTP", "")])
    .nums(&[("TRTPN", "")])
    .chars(&[("TRTA", "")])
    .nums(&[("TRTAN", "")])
    .chars(&[("ITTFL", ""), ("PPROTFL", "")])
    .chars(&[("PARAMCD", ""), ("PARAM", ""), ("PARAMTYP", "")])
    .date("ADT", "")
    .nums(&[("ADY", "")])
    .chars(&[("AVISIT", "")])
    .nums(&[("AVISITN", ""), ("AVAL", "")])
    .chars(&[("ABLFL", "")])
    .nums(&[("BASE", ""), ("CHG", ""), ("PCHG", "")]);
    if is_re {
        b.chars(&[("CRIT1", ""), ("CRIT1FL", "")]);
    } else {
        b.nums(&[("ANRLO", ""), ("ANRHI", "")])
            .chars(&[("ANRIND", "")]);
    }
    b.chars(&[("ANL01FL", ""), ("SRCDOM", ""), ("SRCVAR", "")])
        .nums(&[("SRCSEQ", "")]);
}

pub(crate) fn subject_vars(row: &mut crate::build::Rec, s: &Subject) {
    row.set("STUDYID", text(Some(&s.studyid)))
        .set("USUBJID", text(Some(&s.usubjid)))
        .set("SUBJID", text(s.subjid.as_deref()))
        .set("SITEID", text(s.siteid.as_deref()))
        .set("TRTP", text(s.arm.as_deref().filter(|_| s.ittfl)))
        .set("TRTPN", num(s.trtpn))
        .set("TRTA", text(s.actarm.as_deref().filter(|_| s.saffl)))
        .set("TRTAN", num(s.trtan.filter(|_| s.saffl)))
        .set("ITTFL", crate::input::flag(s.ittfl))
        .set("PPROTFL", crate::input::flag(s.pprotfl));
}

/// Marks the baseline and the one analysed record per window; `recs` is sorted by date.
fn flag_records(recs: &mut [Rec]) {
    if let Some(i) = recs.iter().rposition(|r| r.ady <= 1) {
        recs[i].ablfl = true;
        recs[i].anl01fl = true;
    }
    let mut best: BTreeMap<i64, usize> = BTreeMap::new();
    for (i, r) in recs.iter().enumerate() {
        let Some(w) = r.window.filter(|_| r.ady > 1) else {
            continue;
        };
        let dist = (r.ady - w.target).abs();
        // Later records win ties because they come later in `recs`.
        let better = best
            .get(&w.target)
            .is_none_or(|&j| dist <= (recs[j].ady - w.target).abs());
        if better {
            best.insert(w.target, i);
        }
    }
    for i in best.into_values() {
        recs[i].anl01fl = true;
    }
}

fn slope_param(cd: &str) -> Option<(&'static str, &'static str)> {
    match cd {
        "FVCPP" => Some((
            "FVCPPSLP",
            "Annual Rate of Change in FVC % Predicted (%/year)",
        )),
        "DLCOPP" => Some((
            "DLCOPSLP",
            "Annual Rate of Change in DLCO % Predicted (%/year)",
        )),
        _ => None,
    }
}

/// Least-squares slope of AVAL on ADY over the analysed records up to day 420, per year.
fn annual_slope(recs: &[Rec]) -> Option<(f64, i64)> {
    let pts: Vec<&Rec> = recs.iter().filter(|r| r.anl01fl && r.ady <= 420).collect();
    let n = pts.len() as f64;
    if pts.len() < 2 {
        return None;
    }
    let mx = pts.iter().map(|r| r.ady as f64).sum::<f64>() / n;
    let my = pts.iter().map(|r| r.aval).sum::<f64>() / n;
    let sxx: f64 = pts.iter().map(|r| (r.ady as f64 - mx).powi(2)).sum();
    if sxx == 0.0 {
        return None;
    }
    let sxy: f64 = pts
        .iter()
        .map(|r| (r.ady as f64 - mx) * (r.aval - my))
        .sum();
    Some((sxy / sxx * 365.25, pts.last()?.adt))
}
