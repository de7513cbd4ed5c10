//! ADAE: one record per AE record of a subject in ADSL.
//!
//! Rules:
//! - Identifiers, AESEQ, AETERM, AEDECOD, AEBODSYS, AESER and the seriousness criteria
//!   (AESCAN, AESCONG, AESDISAB, AESDTH, AESHOSP, AESLIFE, AESMIE, when SDTM has them),
//!   AEOUT, AEACN, AEREL, AETOXGR are copied from AE; TRTA/TRTAN, SAFFL from ADSL.
//! - ATOXGR = AETOXGR (CTCAE v4.0 grade as collected; no regrading).
//! - ASTDT from AESTDTC. Partial dates are imputed, and ASTDTF says how:
//!   - day missing (`2015-08`): the first of the month, or TRTSDT when treatment started
//!     in that month and on a later day (an event in the month treatment began is
//!     assumed to be on treatment: the conservative reading for safety); ASTDTF = D;
//!   - month and day missing (`2015`): 1 January, or TRTSDT when treatment started that
//!     year; ASTDTF = M;
//!   - year missing or no date: ASTDT null, not imputed.
//!
//!   An imputed ASTDT never falls after AENDT: it is then set to AENDT.
//! - AENDT from AEENDTC: day missing → last day of the month (AENDTF = D); month and day
//!   missing → 31 December (AENDTF = M); never after the death date; ongoing (no date) →
//!   null.
//! - ASTDY/AENDY relative to TRTSDT (TRTSDT is day 1, no day 0); ADURN = AENDT − ASTDT + 1
//!   days.
//! - TRTEMFL = Y when the subject was treated and ASTDT is on or after TRTSDT and no later
//!   than TRTEDT + the spec's window (`analysis.toml` `[safety] teae_window_days`, 30 by
//!   default), or ASTDT is unknown (assumed emergent); otherwise null.

use crate::adsl::Subject;
use crate::build::Builder;
use crate::input::{Table, date, flag_y, num, text};
use model::{Dataset, Finding, IsoDateTime, Value};
use std::collections::BTreeMap;

const COPIED: [&str; 11] = [
    "AETERM", "AEDECOD", "AEBODSYS", "AESER", "AESCAN", "AESCONG", "AESDISAB", "AESDTH", "AESHOSP",
    "AESLIFE", "AESMIE",
];
const TAIL: [&str; 4] = ["AEOUT", "AEACN", "AEREL", "AETOXGR"];

pub(crate) fn derive(
    sdtm: &[Dataset],
    teae_window: i64,
    subjects: &[Subject],
    findings: &mut Vec<Finding>,
) -> Option<Dataset> {
    let Some(ae) = Table::find(sdtm, "AE") else {
        findings.push(crate::missing_input("AE", "ADAE"));
        return None;
    };
    let by_id: BTreeMap<&str, &Subject> =
        subjects.iter().map(|s| (s.usubjid.as_str(), s)).collect();
    let present = |v: &&str| ae.ds.meta.index_of(v).is_some();
    // The first three are Required and always declared; the rest only when AE has them.
    let copied: Vec<&str> = COPIED[3..].iter().copied().filter(present).collect();
    let tail: Vec<&str> = TAIL.iter().copied().filter(present).collect();
    let label_of = |v: &str| {
        ae.ds
            .meta
            .variable(v)
            .map(|x| x.label.clone())
            .unwrap_or_default()
    };
    let mut b = Builder::new(
        "ADAE",
        "Adverse Events Analysis Dataset",
        "One record per adverse event record",
    );
    b.chars(&[
        ("STUDYID", ""),
        ("USUBJID", ""),
        ("SUBJID", ""),
        ("SITEID", ""),
    ])
    .nums(&[("AESEQ", "")])
    .chars(&[("TRTA", "")])
    .nums(&[("TRTAN", "")])
    .chars(&[
        ("SAFFL", ""),
        ("AETERM", ""),
        ("AEDECOD", ""),
        ("AEBODSYS", ""),
    ]);
    for v in copied.iter().chain(&tail) {
        b.chars(&[(v, &label_of(v))]);
    }
    b.chars(&[("ATOXGR", "")])
        .date("ASTDT", "")
        .chars(&[("ASTDTF", "")])
        .date("AENDT", "")
        .chars(&[("AENDTF", "")])
        .nums(&[("ASTDY", ""), ("AENDY", ""), ("ADURN", "")])
        .chars(&[("ADURU", ""), ("TRTEMFL", "")]);
    b.copied(&COPIED).copied(&TAIL);
    for r in ae.rows() {
        let Some(s) = r.str("USUBJID").and_then(|u| by_id.get(u)) else {
            if let Some(u) = r.str("USUBJID") {
                findings.push(r.locate(
                    crate::derive_finding(
                        "ADAE",
                        format!("{u}: AE record for a subject not in DM; left out of ADAE"),
                    ),
                    "USUBJID",
                ));
            }
            continue;
        };
        let (aendt, aendtf) = match r.iso("AEENDTC") {
            Some(d) => impute_end(&d, s.dthdt),
            None => (None, None),
        };
        let (mut astdt, astdtf) = match r.iso("AESTDTC") {
            Some(d) => impute_start(&d, s.trtsdt),
            None => (None, None),
        };
        if astdtf.is_some()
            && let (Some(st), Some(en)) = (astdt, aendt)
            && st > en
        {
            astdt = Some(en);
        }
        let rel = |d: Option<i64>| {
            let (d, t) = (d?, s.trtsdt?);
            Some(if d >= t { d - t + 1 } else { d - t } as f64)
        };
        let teae = s.trtsdt.is_some()
            && match (astdt, s.trtsdt, s.trtedt) {
                (None, ..) => true,
                (Some(a), Some(st), Some(en)) => a >= st && a <= en + teae_window,
                (Some(a), Some(st), None) => a >= st,
                _ => false,
            };
        let mut row = b.row();
        row.set("STUDYID", text(Some(&s.studyid)))
            .set("USUBJID", text(Some(&s.usubjid)))
            .set("SUBJID", text(s.subjid.as_deref()))
            .set("SITEID", text(s.siteid.as_deref()))
            .set("AESEQ", num(r.num("AESEQ")))
            .set("TRTA", text(s.actarm.as_deref().filter(|_| s.saffl)))
            .set("TRTAN", num(s.trtan.filter(|_| s.saffl)))
            .set("SAFFL", crate::input::flag(s.saffl));
        for v in ["AETERM", "AEDECOD", "AEBODSYS"]
            .iter()
            .chain(&copied)
            .chain(&tail)
        {
            row.set(v, text(r.str(v)));
        }
        row.set("ATOXGR", text(r.str("AETOXGR")))
            .set("ASTDT", date(astdt))
            .set("ASTDTF", text(astdtf))
            .set("AENDT", date(aendt))
            .set("AENDTF", text(aendtf))
            .set("ASTDY", num(rel(astdt)))
            .set("AENDY", num(rel(aendt)))
            .set(
                "ADURN",
                num(astdt.zip(aendt).map(|(a, e)| (e - a + 1) as f64)),
            )
            .set(
                "ADURU",
                if astdt.is_some() && aendt.is_some() {
                    Value::char("DAYS")
                } else {
                    Value::NULL
                },
            )
            .set("TRTEMFL", flag_y(teae));
        b.push(row);
    }
    Some(b.finish())
}

/// ASTDT and ASTDTF for a possibly partial AESTDTC.
pub fn impute_start(d: &IsoDateTime, trtsdt: Option<i64>) -> (Option<i64>, Option<&'static str>) {
    if let Some(full) = d.sas_date() {
        return (Some(full), None);
    }
    let Some(y) = d.year else { return (None, None) };
    let trt = trtsdt.map(IsoDateTime::from_sas_date);
    let same_year = trt.as_ref().is_some_and(|t| t.year == Some(y));
    match d.month {
        Some(m) => {
            let first = IsoDateTime::date(y, m, 1).and_then(|x| x.sas_date());
            let same_month = same_year && trt.as_ref().is_some_and(|t| t.month == Some(m));
            let v = if same_month { first.max(trtsdt) } else { first };
            (v, Some("D"))
        }
        None => {
            let jan1 = IsoDateTime::date(y, 1, 1).and_then(|x| x.sas_date());
            let v = if same_year { jan1.max(trtsdt) } else { jan1 };
            (v, Some("M"))
        }
    }
}

/// AENDT and AENDTF for a possibly partial AEENDTC.
pub fn impute_end(d: &IsoDateTime, dthdt: Option<i64>) -> (Option<i64>, Option<&'static str>) {
    if let Some(full) = d.sas_date() {
        return (Some(full), None);
    }
    let Some(y) = d.year else { return (None, None) };
    let (last, flag) = match d.month {
        Some(m) => {
            let next = if m == 12 {
                IsoDateTime::date(y + 1, 1, 1)
            } else {
                IsoDateTime::date(y, m + 1, 1)
            };
            (next.and_then(|x| x.sas_date()).map(|x| x - 1), "D")
        }
        None => (IsoDateTime::date(y, 12, 31).and_then(|x| x.sas_date()), "M"),
    };
    let v = match (last, dthdt) {
        (Some(l), Some(dth)) => Some(l.min(dth)),
        (l, _) => l,
    };
    (v, Some(flag))
}
