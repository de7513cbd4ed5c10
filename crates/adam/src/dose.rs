//! Dose datasets (`kind = "dose"` in the spec; the example study's ADGC, the glucocorticoid
//! taper), a BDS dataset.
//!
//! Rules; the domain, drugs, equivalence factors, units, horizon and parameters come from
//! the spec:
//! - Sources: records of the domain whose drug name (CMTRT) contains a word of the spec's
//!   equivalence table (the longest word first, so methylprednisolone is not read as
//!   prednisolone). Doses are in one of the spec's units, taken as daily; other units are
//!   reported and left out.
//! - Reference-drug mg = dose × the drug's factor.
//! - A record covers its start to its end date inclusive (complete dates); an open end runs
//!   to the earlier of LSTALVDT and the horizon. The daily dose is the sum over records
//!   covering the day, from RANDDT to RANDDT + horizon (days before the origin, e.g. a
//!   pulse given just before, are outside the analysis).
//! - Daily parameter: one record per run of days with the same daily dose (ASTDT–AENDT,
//!   AVAL mg/day); SRCSEQ is the source record when exactly one record makes up the dose.
//! - Cumulative parameters: the dose (mg) from RANDDT to so many days after it, or to the
//!   last covered day when follow-up ends earlier.
//! - Threshold parameter: days from RANDDT to the first day with a daily dose at or below
//!   the threshold (no dose counts as 0 mg) within the horizon, CNSR = 0; censored
//!   (CNSR = 1) at the last day with dose information, the death date or the horizon,
//!   whichever comes first.

use crate::adsl::Subject;
use crate::bds::subject_vars;
use crate::build::Builder;
use crate::input::{Table, date, num, text};
use crate::spec::{AnalysisSpec, DoseSpec};
use model::{Dataset, Finding, Value};
use std::collections::BTreeMap;

/// The daily reference-drug dose of one day, and the source record when exactly one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Day {
    pub dose: f64,
    pub seq: Option<f64>,
}

pub(crate) struct Gc {
    pub dataset: Option<Dataset>,
    /// The source domain and dose variable, for SRCDOM/SRCVAR of records that cite a dose.
    pub domain: String,
    pub dose_var: String,
    /// Per subject: SAS date → dose, for every day from RANDDT with dose information.
    pub daily: BTreeMap<String, BTreeMap<i64, Day>>,
}

pub(crate) fn derive(
    sdtm: &[Dataset],
    all: &AnalysisSpec,
    spec: &DoseSpec,
    subjects: &[Subject],
    findings: &mut Vec<Finding>,
) -> Gc {
    let Some(cm) = Table::find(sdtm, &spec.domain) else {
        findings.push(crate::missing_input(&spec.domain, &spec.dataset));
        return Gc {
            dataset: None,
            domain: spec.domain.clone(),
            dose_var: spec.dose.clone(),
            daily: BTreeMap::new(),
        };
    };
    let by_id: BTreeMap<&str, &Subject> =
        subjects.iter().map(|s| (s.usubjid.as_str(), s)).collect();
    let mut daily: BTreeMap<String, BTreeMap<i64, (f64, Vec<f64>)>> = BTreeMap::new();
    for r in cm.rows() {
        let Some(factor) = r.str(&spec.drug).and_then(|x| spec.factor(x)) else {
            continue;
        };
        let Some(s) = r.str("USUBJID").and_then(|u| by_id.get(u)) else {
            continue;
        };
        let (Some(randdt), Some(dose)) = (s.randdt, r.num(&spec.dose)) else {
            continue;
        };
        // A record without a unit is in the first unit.
        let unit = r
            .str(&spec.unit)
            .or(spec.units.first().map(String::as_str))
            .unwrap_or_default();
        if !spec.units.iter().any(|u| u.eq_ignore_ascii_case(unit)) {
            findings.push(r.locate(
                crate::derive_finding(
                    &spec.dataset,
                    format!(
                        "{}: {} dose unit {} is not {}; record left out of {}",
                        s.usubjid,
                        spec.domain,
                        unit.to_ascii_lowercase(),
                        spec.units.join(" or "),
                        spec.dataset
                    ),
                ),
                &spec.unit,
            ));
            continue;
        }
        let end_of_window = randdt + spec.horizon_days;
        let p = &spec.domain;
        let Some(start) = r.date(&format!("{p}STDTC")) else {
            continue;
        };
        let open_end = s.lstalvdt.map_or(end_of_window, |l| l.min(end_of_window));
        let end = r
            .date(&format!("{p}ENDTC"))
            .unwrap_or(open_end)
            .min(end_of_window);
        let days = daily.entry(s.usubjid.clone()).or_default();
        for d in start.max(randdt)..=end {
            let e = days.entry(d).or_insert((0.0, Vec::new()));
            e.0 += dose * factor;
            e.1.extend(r.num(&format!("{p}SEQ")));
        }
    }
    let daily: BTreeMap<String, BTreeMap<i64, Day>> = daily
        .into_iter()
        .map(|(u, days)| {
            let days = days
                .into_iter()
                .map(|(d, (dose, seqs))| {
                    (
                        d,
                        Day {
                            dose,
                            seq: (seqs.len() == 1).then(|| seqs[0]),
                        },
                    )
                })
                .collect();
            (u, days)
        })
        .collect();
    let dataset = dataset(all, spec, subjects, &daily);
    Gc {
        dataset: Some(dataset),
        domain: spec.domain.clone(),
        dose_var: spec.dose.clone(),
        daily,
    }
}

fn dataset(
    all: &AnalysisSpec,
    spec: &DoseSpec,
    subjects: &[Subject],
    daily: &BTreeMap<String, BTreeMap<i64, Day>>,
) -> Dataset {
    let mut b = Builder::new(
        &spec.dataset,
        &spec.label,
        "One record per subject per parameter per dose period",
    );
    crate::adsl::declare_ids(&mut b);
    crate::adsl::declare_treatment(&mut b);
    crate::adsl::declare_copies(&mut b, all, &spec.copy);
    declare_rest(&mut b);
    let (dom, dose_var) = (spec.domain.as_str(), spec.dose.as_str());
    let at_most = spec.threshold.at_most;
    for s in subjects.iter().filter(|s| s.ittfl) {
        let (Some(randdt), Some(days)) = (s.randdt, daily.get(&s.usubjid)) else {
            continue;
        };
        let rel = |d: i64| (d - randdt + 1) as f64;
        let mut runs: Vec<(i64, i64, Day)> = Vec::new();
        for (&d, &day) in days {
            match runs.last_mut() {
                Some(last) if last.1 + 1 == d && last.2 == day => last.1 = d,
                _ => runs.push((d, d, day)),
            }
        }
        for (a, e, day) in &runs {
            let mut r = b.row();
            subject_vars(&mut r, s, &spec.copy);
            r.set("PARAMCD", text(Some(&spec.daily.0)))
                .set("PARAM", text(Some(&spec.daily.1)))
                .set("AVAL", Value::Num(day.dose))
                .set("ASTDT", date(Some(*a)))
                .set("AENDT", date(Some(*e)))
                .set("ASTDY", Value::Num(rel(*a)))
                .set("AENDY", Value::Num(rel(*e)))
                .set("SRCDOM", text(day.seq.map(|_| dom)))
                .set("SRCVAR", text(day.seq.map(|_| dose_var)))
                .set("SRCSEQ", num(day.seq));
            b.push(r);
        }
        for c in &spec.cumulative {
            let last = randdt + c.days;
            let total: f64 = days.range(randdt..=last).map(|(_, d)| d.dose).sum();
            let covered = days.range(randdt..=last).next_back().map(|(d, _)| *d);
            let mut r = b.row();
            subject_vars(&mut r, s, &spec.copy);
            r.set("PARAMCD", text(Some(&c.paramcd)))
                .set("PARAM", text(Some(&c.param)))
                .set("PARAMTYP", text(Some("DERIVED")))
                .set("AVAL", Value::Num(total))
                .set("ASTDT", date(Some(randdt)))
                .set("AENDT", date(covered));
            b.push(r);
        }
        let limit = [
            Some(randdt + spec.horizon_days),
            days.keys().next_back().copied(),
            s.dthdt,
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(randdt);
        let reached = (randdt..=limit).find(|d| days.get(d).is_none_or(|x| x.dose <= at_most));
        let t = &spec.threshold;
        let (adt, cnsr, desc, seq) = match reached {
            Some(d) => (d, 0.0, &t.event, days.get(&d).and_then(|x| x.seq)),
            None => (limit, 1.0, &t.censored, None),
        };
        let mut r = b.row();
        subject_vars(&mut r, s, &spec.copy);
        r.set("PARAMCD", text(Some(&t.paramcd)))
            .set("PARAM", text(Some(&t.param)))
            .set("PARAMTYP", text(Some("DERIVED")))
            .set("AVAL", Value::Num((adt - randdt) as f64))
            .set("STARTDT", date(Some(randdt)))
            .set("ADT", date(Some(adt)))
            .set("CNSR", Value::Num(cnsr))
            .set("EVNTDESC", text(Some(desc)))
            .set("SRCDOM", text(seq.map(|_| dom)))
            .set("SRCVAR", text(seq.map(|_| dose_var)))
            .set("SRCSEQ", num(seq));
        b.push(r);
    }
    b.finish()
}

fn declare_rest(b: &mut Builder) {
    b.chars(&[("PARAMCD", ""), ("PARAM", ""), ("PARAMTYP", "")])
        .nums(&[("AVAL", "")])
        .date("ASTDT", "Analysis Start Date")
        .date("AENDT", "Analysis End Date")
        .nums(&[
            ("ASTDY", "Analysis Start Relative Day"),
            ("AENDY", "Analysis End Relative Day"),
        ])
        .date("STARTDT", "Time-to-Event Origin Date for Subject")
        .date("ADT", "")
        .nums(&[("CNSR", "Censor")])
        .chars(&[
            ("EVNTDESC", "Event or Censoring Description"),
            ("SRCDOM", ""),
            ("SRCVAR", ""),
        ])
        .nums(&[("SRCSEQ", "")]);
}
