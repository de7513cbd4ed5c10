//! BDS datasets for findings: ADRE (pulmonary function from RE) and ADLB (labs from LB).
//!
//! Rules; the dataset, its domain, criteria and derived parameters come from the spec
//! (`ad<xx>.toml`), the analysis windows from `analysis.toml`:
//! - One record per numeric SDTM result (`--STRESN`) with a complete `--DTC` date, for
//!   subjects with a RANDDT, of the spec's `tests` (every test when it names none); PARAMCD = `--TESTCD`, PARAM = `--TEST (--STRESU)`. Character
//!   results (LB antibodies) are summarised in ADSL flags instead.
//! - ADY = ADT − RANDDT + 1 (randomization is day 1, there is no day 0).
//! - AVISIT/AVISITN from the spec's windows on ADY: the baseline window is day 1 and
//!   earlier; records outside every window keep no AVISIT.
//! - ABLFL = Y on the last record on or before RANDDT (ADY ≤ 1); BASE is its AVAL on every
//!   record of the subject and parameter. CHG = AVAL − BASE and PCHG = 100 · CHG / BASE on
//!   post-baseline records (ADY > 1; PCHG null when BASE is 0).
//! - ANL01FL = Y on the baseline record and, per post-baseline window, on the record
//!   nearest the target day (the later one on a tie): one value per subject, parameter and
//!   visit for by-visit analyses.
//! - A spec criterion sets CRIT1 (its text) and CRIT1FL = Y when PCHG ≤ its limit, else N,
//!   on the post-baseline records of its parameter.
//! - A spec slope is a derived parameter (PARAMTYP DERIVED): AVAL = least-squares slope of
//!   AVAL on ADY over the subject's ANL01FL records up to its day, × 365.25 (points per
//!   year; a decline is negative). Needs two distinct days; ADT is the last record used.
//! - With `ranges`, ANRLO/ANRHI from `--STNRLO/--STNRHI`; ANRIND = LOW/HIGH/NORMAL.
//! - SRCDOM/SRCVAR/SRCSEQ name the SDTM record; ASEQ numbers the records per subject.

use crate::adsl::{self, Subject};
use crate::build::Builder;
use crate::input::{Table, date, flag_y, num, text};
use crate::spec::{AnalysisSpec, BdsSpec, Windows};
use model::{Dataset, Finding, Value};
use std::collections::BTreeMap;

/// An analysis window a record falls in: (AVISIT, AVISITN, target day).
type Window = (String, f64, i64);

fn window(w: &Windows, ady: i64) -> Option<Window> {
    w.of(ady).map(|(a, n, t)| (a.to_owned(), n, t))
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

/// The BDS dataset of a spec; `None` when its domain is absent.
pub(crate) fn derive(
    sdtm: &[Dataset],
    spec: &AnalysisSpec,
    bs: &BdsSpec,
    subjects: &[Subject],
    findings: &mut Vec<Finding>,
) -> Option<Dataset> {
    let domain = bs.domain.as_str();
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
        if !bs.tests.is_empty() && !bs.tests.iter().any(|t| t.eq_ignore_ascii_case(cd)) {
            continue;
        }
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
                aval,
                adt,
                ady,
                seq: r.num(&v("SEQ")),
                lo: r.num(&v("STNRLO")),
                hi: r.num(&v("STNRHI")),
                window: window(&spec.windows, ady),
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
    let mut b = Builder::new(
        &bs.dataset,
        &bs.label,
        "One record per subject per parameter per analysis date",
    );
    declare(&mut b, spec, bs);
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
            let crit = bs.criteria.iter().find(|c| &c.paramcd == cd);
            for rec in recs.iter() {
                aseq += 1.0;
                let mut row = b.row();
                subject_vars(&mut row, s, &bs.copy);
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
                    .set("AVISIT", text(rec.window.as_ref().map(|w| w.0.as_str())))
                    .set("AVISITN", num(rec.window.as_ref().map(|w| w.1)))
                    .set("ABLFL", flag_y(rec.ablfl))
                    .set("BASE", num(base))
                    .set("CHG", num(chg))
                    .set("PCHG", num(pchg))
                    .set("ANL01FL", flag_y(rec.anl01fl))
                    .set("SRCDOM", text(Some(domain)))
                    .set("SRCVAR", text(Some(&v("STRESN"))))
                    .set("SRCSEQ", num(rec.seq));
                if let Some(c) = crit
                    && let Some(p) = pchg
                {
                    row.set("CRIT1", text(Some(&c.text)))
                        .set("CRIT1FL", crate::input::flag(p <= c.pchg_at_most));
                }
                if bs.ranges {
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
            for slope in bs.slopes.iter().filter(|x| &x.of == cd) {
                let Some((value, last)) = annual_slope(recs, slope.up_to_day) else {
                    continue;
                };
                aseq += 1.0;
                let mut row = b.row();
                subject_vars(&mut row, s, &bs.copy);
                row.set("ASEQ", Value::Num(aseq))
                    .set("PARAMCD", text(Some(&slope.paramcd)))
                    .set("PARAM", text(Some(&slope.param)))
                    .set("PARAMTYP", text(Some("DERIVED")))
                    .set("AVAL", Value::Num(value))
                    .set("ADT", date(Some(last)));
                b.push(row);
            }
        }
    }
    Some(b.finish())
}

fn declare(b: &mut Builder, spec: &AnalysisSpec, bs: &BdsSpec) {
    adsl::declare_ids(b);
    b.nums(&[("ASEQ", "Analysis Sequence Number")]);
    adsl::declare_treatment(b);
    adsl::declare_copies(b, spec, &bs.copy);
    b.chars(&[("PARAMCD", ""), ("PARAM", ""), ("PARAMTYP", "")])
        .date("ADT", "")
        .nums(&[("ADY", "")])
        .chars(&[("AVISIT", "")])
        .nums(&[("AVISITN", ""), ("AVAL", "")])
        .chars(&[("ABLFL", "")])
        .nums(&[("BASE", ""), ("CHG", ""), ("PCHG", "")]);
    if !bs.criteria.is_empty() {
        b.chars(&[("CRIT1", ""), ("CRIT1FL", "")]);
    }
    if bs.ranges {
        b.nums(&[("ANRLO", ""), ("ANRHI", "")])
            .chars(&[("ANRIND", "")]);
    }
    b.chars(&[("ANL01FL", ""), ("SRCDOM", ""), ("SRCVAR", "")])
        .nums(&[("SRCSEQ", "")]);
}

/// Identifiers, treatment and the dataset's ADSL copies.
pub(crate) fn subject_vars(row: &mut crate::build::Rec, s: &Subject, copy: &[String]) {
    adsl::set_treatment(row, s);
    adsl::set_copies(row, s, copy);
}

/// Marks the baseline and the one analysed record per window; `recs` is sorted by date.
fn flag_records(recs: &mut [Rec]) {
    if let Some(i) = recs.iter().rposition(|r| r.ady <= 1) {
        recs[i].ablfl = true;
        recs[i].anl01fl = true;
    }
    let mut best: BTreeMap<i64, usize> = BTreeMap::new();
    for (i, r) in recs.iter().enumerate() {
        let Some(target) = r.window.as_ref().filter(|_| r.ady > 1).map(|w| w.2) else {
            continue;
        };
        let dist = (r.ady - target).abs();
        // Later records win ties because they come later in `recs`.
        let better = best
            .get(&target)
            .is_none_or(|&j| dist <= (recs[j].ady - target).abs());
        if better {
            best.insert(target, i);
        }
    }
    for i in best.into_values() {
        recs[i].anl01fl = true;
    }
}

/// Least-squares slope of AVAL on ADY over the analysed records up to a day, per year.
fn annual_slope(recs: &[Rec], up_to_day: i64) -> Option<(f64, i64)> {
    let pts: Vec<&Rec> = recs
        .iter()
        .filter(|r| r.anl01fl && r.ady <= up_to_day)
        .collect();
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
