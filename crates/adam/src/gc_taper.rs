//! ADGC: the glucocorticoid taper (seed 000's secondary endpoint), a BDS dataset.
//!
//! Rules:
//! - Sources: CM records of systemic glucocorticoids, recognised by CMTRT (prednisolone,
//!   prednisone, methylprednisolone, dexamethasone, hydrocortisone, betamethasone), rescue
//!   pulses included. Doses are CMDOSE in `mg/day` (or `mg`, taken as once daily); other
//!   units are reported and left out.
//! - Prednisolone-equivalent mg = dose × factor ([`PSL_EQUIVALENT`]: the usual
//!   anti-inflammatory equivalence, 5 mg prednisolone = 5 mg prednisone = 4 mg
//!   methylprednisolone = 0.75 mg dexamethasone = 20 mg hydrocortisone = 0.6 mg
//!   betamethasone).
//! - A record covers CMSTDTC to CMENDTC inclusive (complete dates); an open end runs to the
//!   earlier of LSTALVDT and the end of week 52. The daily dose is the sum over records
//!   covering the day, from RANDDT to RANDDT + 364 (days before randomization, e.g. a
//!   pulse given just before, are outside the analysis).
//! - PSLDOSE: one record per run of days with the same daily dose (ASTDT–AENDT, AVAL
//!   mg/day); SRCSEQ is the CM record when exactly one record makes up the dose.
//! - PSLCUM24 / PSLCUM52: cumulative dose (mg) from RANDDT to day 168 / 364 after it, or
//!   to the last covered day when follow-up ends earlier.
//! - TTPSL75: days from RANDDT to the first day with a daily dose ≤ 7.5 mg (no dose counts
//!   as 0 mg) within 52 weeks, CNSR = 0; censored (CNSR = 1) at the last day with dose
//!   information, the death date or RANDDT + 364, whichever comes first.

use crate::adsl::Subject;
use crate::bds::subject_vars;
use crate::build::Builder;
use crate::input::{Table, date, num, text};
use model::{Dataset, Finding, Value};
use std::collections::BTreeMap;

/// The protocol's 52 weeks: they end 364 days after randomization.
const HORIZON: i64 = 364;

/// ADSL variables ADGC and ADLDA carry.
pub(crate) fn copies() -> Vec<String> {
    vec!["ITTFL".into(), "PPROTFL".into()]
}

/// (CMTRT word, prednisolone-equivalent mg per mg).
pub const PSL_EQUIVALENT: [(&str, f64); 6] = [
    ("METHYLPREDNISOLONE", 1.25),
    ("PREDNISOLONE", 1.0),
    ("PREDNISONE", 1.0),
    ("DEXAMETHASONE", 5.0 / 0.75),
    ("HYDROCORTISONE", 0.25),
    ("BETAMETHASONE", 5.0 / 0.6),
];

/// The PSL-equivalence factor of a CM treatment name, `None` for non-glucocorticoids.
pub fn psl_equivalent_factor(cmtrt: &str) -> Option<f64> {
    let up = cmtrt.to_ascii_uppercase();
    // Methylprednisolone contains "PREDNISOLONE": the table lists it first.
    PSL_EQUIVALENT
        .iter()
        .find(|(w, _)| up.contains(w))
        .map(|&(_, f)| f)
}

/// The daily prednisolone-equivalent dose of one day, and the CM record when exactly one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Day {
    pub dose: f64,
    pub seq: Option<f64>,
}

pub(crate) struct Gc {
    pub dataset: Option<Dataset>,
    /// Per subject: SAS date → dose, for every day from RANDDT with dose information.
    pub daily: BTreeMap<String, BTreeMap<i64, Day>>,
}

pub(crate) fn derive(sdtm: &[Dataset], subjects: &[Subject], findings: &mut Vec<Finding>) -> Gc {
    let Some(cm) = Table::find(sdtm, "CM") else {
        findings.push(crate::missing_input("CM", "ADGC"));
        return Gc {
            dataset: None,
            daily: BTreeMap::new(),
        };
    };
    let by_id: BTreeMap<&str, &Subject> =
        subjects.iter().map(|s| (s.usubjid.as_str(), s)).collect();
    let mut daily: BTreeMap<String, BTreeMap<i64, (f64, Vec<f64>)>> = BTreeMap::new();
    for r in cm.rows() {
        let Some(factor) = r.str("CMTRT").and_then(psl_equivalent_factor) else {
            continue;
        };
        let Some(s) = r.str("USUBJID").and_then(|u| by_id.get(u)) else {
            continue;
        };
        let (Some(randdt), Some(dose)) = (s.randdt, r.num("CMDOSE")) else {
            continue;
        };
        let unit = r.str("CMDOSU").unwrap_or("mg/day").to_ascii_lowercase();
        if unit != "mg/day" && unit != "mg" {
            findings.push(
                crate::derive_finding(
                    "ADGC",
                    format!(
                        "{}: CM dose unit {unit} is not mg/day; record left out",
                        s.usubjid
                    ),
                )
                .at_record(r.record())
                .with_variable("CMDOSU"),
            );
            continue;
        }
        let end_of_window = randdt + HORIZON;
        let Some(start) = r.date("CMSTDTC") else {
            continue;
        };
        let open_end = s.lstalvdt.map_or(end_of_window, |l| l.min(end_of_window));
        let end = r.date("CMENDTC").unwrap_or(open_end).min(end_of_window);
        let days = daily.entry(s.usubjid.clone()).or_default();
        for d in start.max(randdt)..=end {
            let e = days.entry(d).or_insert((0.0, Vec::new()));
            e.0 += dose * factor;
            e.1.extend(r.num("CMSEQ"));
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
    let dataset = dataset(subjects, &daily);
    Gc {
        dataset: Some(dataset),
        daily,
    }
}

fn dataset(subjects: &[Subject], daily: &BTreeMap<String, BTreeMap<i64, Day>>) -> Dataset {
    let mut b = Builder::new(
        "ADGC",
        "Glucocorticoid Dose Analysis Dataset",
        "One record per subject per parameter per dose period",
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
        ("PARAMTYP", ""),
    ])
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
            subject_vars(&mut r, s, &copies());
            r.set("PARAMCD", text(Some("PSLDOSE")))
                .set(
                    "PARAM",
                    text(Some("Daily Prednisolone-Equivalent Dose (mg/day)")),
                )
                .set("AVAL", Value::Num(day.dose))
                .set("ASTDT", date(Some(*a)))
                .set("AENDT", date(Some(*e)))
                .set("ASTDY", Value::Num(rel(*a)))
                .set("AENDY", Value::Num(rel(*e)))
                .set("SRCDOM", text(day.seq.map(|_| "CM")))
                .set("SRCVAR", text(day.seq.map(|_| "CMDOSE")))
                .set("SRCSEQ", num(day.seq));
            b.push(r);
        }
        for (cd, label, upto) in [
            (
                "PSLCUM24",
                "Cumulative PSL-Equivalent Dose to Week 24 (mg)",
                168,
            ),
            (
                "PSLCUM52",
                "Cumulative PSL-Equivalent Dose to Week 52 (mg)",
                HORIZON,
            ),
        ] {
            let last = randdt + upto;
            let total: f64 = days.range(randdt..=last).map(|(_, d)| d.dose).sum();
            let covered = days.range(randdt..=last).next_back().map(|(d, _)| *d);
            let mut r = b.row();
            subject_vars(&mut r, s, &copies());
            r.set("PARAMCD", text(Some(cd)))
                .set("PARAM", text(Some(label)))
                .set("PARAMTYP", text(Some("DERIVED")))
                .set("AVAL", Value::Num(total))
                .set("ASTDT", date(Some(randdt)))
                .set("AENDT", date(covered));
            b.push(r);
        }
        let limit = [
            Some(randdt + HORIZON),
            days.keys().next_back().copied(),
            s.dthdt,
        ]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(randdt);
        let reached = (randdt..=limit).find(|d| days.get(d).is_none_or(|x| x.dose <= 7.5));
        let (adt, cnsr, desc, seq) = match reached {
            Some(d) => (
                d,
                0.0,
                "PSL-EQUIVALENT DOSE <= 7.5 MG/DAY",
                days.get(&d).and_then(|x| x.seq),
            ),
            None => (
                limit,
                1.0,
                "DOSE ABOVE 7.5 MG/DAY TO END OF FOLLOW-UP",
                None,
            ),
        };
        let mut r = b.row();
        subject_vars(&mut r, s, &copies());
        r.set("PARAMCD", text(Some("TTPSL75")))
            .set(
                "PARAM",
                text(Some("Time to PSL-Equivalent Dose <= 7.5 mg/day (Days)")),
            )
            .set("PARAMTYP", text(Some("DERIVED")))
            .set("AVAL", Value::Num((adt - randdt) as f64))
            .set("STARTDT", date(Some(randdt)))
            .set("ADT", date(Some(adt)))
            .set("CNSR", Value::Num(cnsr))
            .set("EVNTDESC", text(Some(desc)))
            .set("SRCDOM", text(seq.map(|_| "CM")))
            .set("SRCVAR", text(seq.map(|_| "CMDOSE")))
            .set("SRCSEQ", num(seq));
        b.push(r);
    }
    b.finish()
}
