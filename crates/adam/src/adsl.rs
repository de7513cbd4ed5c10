//! ADSL: one record per subject in DM.
//!
//! Rules, all from SDTM:
//! - Identifiers, AGE/AGEU, SEX, RACE, COUNTRY, ARM/ARMCD, ACTARM/ACTARMCD from DM.
//! - TRT01P = ARM, TRT01A = ACTARM; TRT01PN/TRT01AN number the randomized arms 1, 2, … in
//!   sorted ARMCD order (for the example study CSA = 1, TAC = 2), so "arm 1" is the
//!   reference of the hazard ratios in the summary.
//! - RANDDT = DS `RANDOMIZED` DSSTDTC (DS is the record of the randomization act; DM's
//!   RFSTDTC is a reference date and not used for it).
//! - ITTFL = Y when the subject was randomized (a DS `RANDOMIZED` record, or an ARMCD other
//!   than SCRNFAIL/NOTASSGN); every randomized subject is analysed as randomized.
//! - TRTSDT/TRTEDT = first EXSTDTC / last EXENDTC (complete dates only); SAFFL = ITTFL and
//!   at least one EX record; TRTDURD = TRTEDT − TRTSDT + 1.
//! - PPROTFL = ITTFL, no CE `DISEASE PROGRESSION` record, and FVC % predicted measured in
//!   the week-52 analysis window. The protocol's per-protocol definition is not published;
//!   the example study's generator uses "no progression" as its stand-in (progression meant
//!   added, off-protocol treatment) and every such subject has a week-52 visit, which gives
//!   the paper's 26 vs 20.
//! - STRAT1R = SUPPDM QNAM `DIAG` (PM/DM/CADM, the randomization stratum).
//! - ARSFL/MDA5FL = Y/N from LB `ARSAB`/`MDA5AB` LBSTRESC POSITIVE/NEGATIVE; null when not
//!   tested.
//! - DTHFL = Y when DM.DTHFL is Y or a death date exists; DTHDT = DM.DTHDTC, else DS `DEATH`.
//! - LSTALVDT = latest complete date of any contact (DS other than death, SV, RE, LB, EX,
//!   CM, AE, CE), never after DTHDT.
//! - EOSSTT/EOSDT/DCSREAS from the last DS `DISPOSITION EVENT`: COMPLETED, else
//!   DISCONTINUED with DCSREAS = DSDECOD; ONGOING when there is none.
//! - BFVCPP/BDLCOPP = the ADRE baseline (last RE value on or before RANDDT).

use crate::bds;
use crate::build::Builder;
use crate::input::{Row, Table, date, flag, flag_y, num, text};
use model::{Dataset, Finding};
use std::collections::BTreeMap;

/// What later derivations need to know about a subject.
#[derive(Debug, Clone, Default)]
pub struct Subject {
    pub studyid: String,
    pub usubjid: String,
    pub subjid: Option<String>,
    pub siteid: Option<String>,
    pub age: Option<f64>,
    pub ageu: Option<String>,
    pub sex: Option<String>,
    pub race: Option<String>,
    pub country: Option<String>,
    pub armcd: Option<String>,
    pub arm: Option<String>,
    pub actarmcd: Option<String>,
    pub actarm: Option<String>,
    pub trtpn: Option<f64>,
    pub trtan: Option<f64>,
    pub randdt: Option<i64>,
    pub trtsdt: Option<i64>,
    pub trtedt: Option<i64>,
    pub ittfl: bool,
    pub saffl: bool,
    pub pprotfl: bool,
    pub stratum: Option<String>,
    pub ars: Option<bool>,
    pub mda5: Option<bool>,
    pub dthdt: Option<i64>,
    /// DM.DTHFL = Y, with or without a date.
    pub death_recorded: bool,
    pub lstalvdt: Option<i64>,
    pub eosstt: String,
    pub eosdt: Option<i64>,
    pub dcsreas: Option<String>,
    pub bfvcpp: Option<f64>,
    pub bdlcopp: Option<f64>,
}

impl Subject {
    pub fn dthfl(&self) -> bool {
        self.death_recorded || self.dthdt.is_some()
    }
}

const NOT_RANDOMIZED: [&str; 3] = ["SCRNFAIL", "NOTASSGN", "NOTTRT"];

/// Subjects in USUBJID order.
pub(crate) fn subjects(sdtm: &[Dataset], findings: &mut Vec<Finding>) -> Vec<Subject> {
    let Some(dm) = Table::find(sdtm, "DM") else {
        findings.push(crate::missing_input("DM", "ADSL"));
        return Vec::new();
    };
    let mut out: BTreeMap<String, Subject> = BTreeMap::new();
    for r in dm.rows() {
        let Some(u) = r.str("USUBJID") else { continue };
        let dm_death = r.str("DTHFL") == Some("Y");
        let s = Subject {
            studyid: r.str("STUDYID").unwrap_or_default().to_owned(),
            usubjid: u.to_owned(),
            subjid: r.str("SUBJID").map(str::to_owned),
            siteid: r.str("SITEID").map(str::to_owned),
            age: r.num("AGE"),
            ageu: r.str("AGEU").map(str::to_owned),
            sex: r.str("SEX").map(str::to_owned),
            race: r.str("RACE").map(str::to_owned),
            country: r.str("COUNTRY").map(str::to_owned),
            armcd: r.str("ARMCD").map(str::to_owned),
            arm: r.str("ARM").map(str::to_owned),
            actarmcd: r.str("ACTARMCD").map(str::to_owned),
            actarm: r.str("ACTARM").map(str::to_owned),
            dthdt: r.date("DTHDTC"),
            eosstt: "ONGOING".into(),
            death_recorded: dm_death,
            ..Subject::default()
        };
        out.insert(u.to_owned(), s);
    }
    let ds = Table::find(sdtm, "DS");
    for s in out.values_mut() {
        disposition(ds, s);
    }
    exposure(Table::find(sdtm, "EX"), &mut out);
    for s in out.values_mut() {
        let randomized_arm = s
            .armcd
            .as_deref()
            .is_some_and(|a| !NOT_RANDOMIZED.contains(&a));
        s.ittfl = s.randdt.is_some() || randomized_arm;
        s.saffl = s.ittfl && s.trtsdt.is_some();
        if s.ittfl && s.randdt.is_none() {
            findings.push(
                crate::derive_finding(
                    "ADSL",
                    format!("{}: randomized but no DS RANDOMIZED date; RANDDT is null and time-to-event records are not derived", s.usubjid),
                )
                .with_variable("RANDDT"),
            );
        }
    }
    number_arms(&mut out);
    supp_and_antibodies(sdtm, &mut out);
    last_alive(sdtm, &mut out);
    let re = Table::find(sdtm, "RE");
    let ce = Table::find(sdtm, "CE");
    for s in out.values_mut() {
        let Some(randdt) = s.randdt else { continue };
        if let Some(re) = re {
            s.bfvcpp = bds::subject_baseline(re, &s.usubjid, "FVCPP", randdt).map(|b| b.0);
            s.bdlcopp = bds::subject_baseline(re, &s.usubjid, "DLCOPP", randdt).map(|b| b.0);
        }
        let progressed = ce.is_some_and(|ce| ce.subject(&s.usubjid).any(is_progression));
        let week52 = re.is_some_and(|re| {
            re.subject(&s.usubjid).any(|r| {
                r.str("RETESTCD") == Some("FVCPP")
                    && r.num("RESTRESN").is_some()
                    && r.date("REDTC")
                        .and_then(|d| bds::window(d - randdt + 1))
                        .is_some_and(|w| w.avisitn == 52.0)
            })
        });
        s.pprotfl = s.ittfl && !progressed && week52;
    }
    out.into_values().collect()
}

pub(crate) fn is_progression(r: Row<'_>) -> bool {
    r.str("CECAT")
        .is_none_or(|c| c.eq_ignore_ascii_case("DISEASE PROGRESSION"))
        && r.str("CEDECOD")
            .or(r.str("CETERM"))
            .is_some_and(|d| d.to_ascii_uppercase().contains("PROGRESSION"))
        && r.str("CEOCCUR") != Some("N")
}

fn disposition(ds: Option<Table<'_>>, s: &mut Subject) {
    let Some(ds) = ds else { return };
    let mut last: Option<(i64, String)> = None;
    for r in ds.subject(&s.usubjid) {
        let decod = r.str("DSDECOD").unwrap_or_default().to_ascii_uppercase();
        let d = r.date("DSSTDTC");
        if decod == "RANDOMIZED" {
            s.randdt = s.randdt.or(d);
        }
        if decod == "DEATH" && s.dthdt.is_none() {
            s.dthdt = d;
        }
        let event = r.str("DSCAT").is_some_and(|c| c == "DISPOSITION EVENT");
        if event
            && let Some(d) = d
            && last.as_ref().is_none_or(|(ld, _)| d >= *ld)
        {
            last = Some((d, decod));
        }
    }
    if let Some((d, decod)) = last {
        s.eosdt = Some(d);
        if decod == "COMPLETED" {
            s.eosstt = "COMPLETED".into();
        } else {
            s.eosstt = "DISCONTINUED".into();
            s.dcsreas = Some(decod);
        }
    }
}

fn exposure(ex: Option<Table<'_>>, out: &mut BTreeMap<String, Subject>) {
    let Some(ex) = ex else { return };
    for r in ex.rows() {
        let Some(s) = r.str("USUBJID").and_then(|u| out.get_mut(u)) else {
            continue;
        };
        let dose_given = r.num("EXDOSE").is_none_or(|d| d > 0.0);
        if !dose_given {
            continue;
        }
        if let Some(d) = r.date("EXSTDTC") {
            s.trtsdt = Some(s.trtsdt.map_or(d, |x| x.min(d)));
        }
        if let Some(d) = r.date("EXENDTC").or(r.date("EXSTDTC")) {
            s.trtedt = Some(s.trtedt.map_or(d, |x| x.max(d)));
        }
    }
}

fn number_arms(out: &mut BTreeMap<String, Subject>) {
    let mut arms: Vec<String> = out
        .values()
        .filter(|s| s.ittfl)
        .filter_map(|s| s.armcd.clone())
        .collect();
    arms.sort();
    arms.dedup();
    let n = |cd: Option<&str>| {
        cd.and_then(|c| arms.iter().position(|a| a == c))
            .map(|i| i as f64 + 1.0)
    };
    for s in out.values_mut() {
        s.trtpn = n(s.armcd.as_deref());
        s.trtan = n(s.actarmcd.as_deref());
    }
}

fn supp_and_antibodies(sdtm: &[Dataset], out: &mut BTreeMap<String, Subject>) {
    if let Some(supp) = Table::find(sdtm, "SUPPDM") {
        for r in supp.rows() {
            if r.str("QNAM") != Some("DIAG") {
                continue;
            }
            if let Some(s) = r.str("USUBJID").and_then(|u| out.get_mut(u)) {
                s.stratum = r.str("QVAL").map(str::to_owned);
            }
        }
    }
    let Some(lb) = Table::find(sdtm, "LB") else {
        return;
    };
    for r in lb.rows() {
        let which = r.str("LBTESTCD");
        if !matches!(which, Some("ARSAB" | "MDA5AB")) {
            continue;
        }
        let result = match r.str("LBSTRESC").map(str::to_ascii_uppercase).as_deref() {
            Some("POSITIVE") => Some(true),
            Some("NEGATIVE") => Some(false),
            _ => None,
        };
        if let Some(s) = r.str("USUBJID").and_then(|u| out.get_mut(u)) {
            let slot = if which == Some("ARSAB") {
                &mut s.ars
            } else {
                &mut s.mda5
            };
            // Any positive result makes the subject positive.
            *slot = match (*slot, result) {
                (Some(a), Some(b)) => Some(a || b),
                (a, b) => a.or(b),
            };
        }
    }
}

const CONTACTS: [(&str, &[&str]); 8] = [
    ("DS", &["DSSTDTC"]),
    ("SV", &["SVSTDTC", "SVENDTC"]),
    ("RE", &["REDTC"]),
    ("LB", &["LBDTC"]),
    ("EX", &["EXSTDTC", "EXENDTC"]),
    ("CM", &["CMSTDTC", "CMENDTC"]),
    ("AE", &["AESTDTC", "AEENDTC"]),
    ("CE", &["CESTDTC"]),
];

fn last_alive(sdtm: &[Dataset], out: &mut BTreeMap<String, Subject>) {
    for (domain, vars) in CONTACTS {
        let Some(t) = Table::find(sdtm, domain) else {
            continue;
        };
        for r in t.rows() {
            if domain == "DS" && r.str("DSDECOD") == Some("DEATH") {
                continue;
            }
            let Some(s) = r.str("USUBJID").and_then(|u| out.get_mut(u)) else {
                continue;
            };
            for v in vars {
                if let Some(d) = r.date(v) {
                    let d = s.dthdt.map_or(d, |x| d.min(x));
                    s.lstalvdt = Some(s.lstalvdt.map_or(d, |x| x.max(d)));
                }
            }
        }
    }
}

pub(crate) fn dataset(subjects: &[Subject]) -> Dataset {
    let mut b = Builder::new(
        "ADSL",
        "Subject-Level Analysis Dataset",
        "One record per subject",
    );
    b.ig_chars(&["STUDYID", "USUBJID", "SUBJID", "SITEID"])
        .ig_nums(&["AGE"])
        .ig_chars(&[
            "AGEU", "SEX", "RACE", "COUNTRY", "ARM", "ARMCD", "ACTARM", "ACTARMCD",
        ])
        .ig_chars(&["TRT01P"])
        .ig_nums(&["TRT01PN"])
        .ig_chars(&["TRT01A"])
        .ig_nums(&["TRT01AN"])
        .date("RANDDT", "")
        .date("TRTSDT", "")
        .date("TRTEDT", "")
        .ig_nums(&["TRTDURD"])
        .ig_chars(&["ITTFL", "SAFFL", "PPROTFL", "STRAT1R"])
        .chars(&[
            ("ARSFL", "Anti-ARS Antibody Positive Flag"),
            ("MDA5FL", "Anti-MDA5 Antibody Positive Flag"),
        ])
        .ig_chars(&["DTHFL"])
        .date("DTHDT", "")
        .date("LSTALVDT", "Date Last Known Alive")
        .ig_chars(&["EOSSTT"])
        .date("EOSDT", "")
        .ig_chars(&["DCSREAS"])
        .nums(&[
            ("BFVCPP", "Baseline FVC Percent Predicted (%)"),
            ("BDLCOPP", "Baseline DLCO Percent Predicted (%)"),
        ])
        .copied(&[
            "STUDYID", "USUBJID", "SUBJID", "SITEID", "AGE", "AGEU", "SEX", "RACE", "COUNTRY",
            "ARM", "ARMCD", "ACTARM", "ACTARMCD",
        ]);
    for s in subjects {
        let mut r = b.row();
        r.set("STUDYID", text(Some(&s.studyid)))
            .set("USUBJID", text(Some(&s.usubjid)))
            .set("SUBJID", text(s.subjid.as_deref()))
            .set("SITEID", text(s.siteid.as_deref()))
            .set("AGE", num(s.age))
            .set("AGEU", text(s.ageu.as_deref()))
            .set("SEX", text(s.sex.as_deref()))
            .set("RACE", text(s.race.as_deref()))
            .set("COUNTRY", text(s.country.as_deref()))
            .set("ARM", text(s.arm.as_deref()))
            .set("ARMCD", text(s.armcd.as_deref()))
            .set("ACTARM", text(s.actarm.as_deref()))
            .set("ACTARMCD", text(s.actarmcd.as_deref()))
            .set("TRT01P", text(s.arm.as_deref().filter(|_| s.ittfl)))
            .set("TRT01PN", num(s.trtpn))
            .set("TRT01A", text(s.actarm.as_deref().filter(|_| s.saffl)))
            .set("TRT01AN", num(s.trtan.filter(|_| s.saffl)))
            .set("RANDDT", date(s.randdt))
            .set("TRTSDT", date(s.trtsdt))
            .set("TRTEDT", date(s.trtedt))
            .set(
                "TRTDURD",
                num(s.trtsdt.zip(s.trtedt).map(|(a, b)| (b - a + 1) as f64)),
            )
            .set("ITTFL", flag(s.ittfl))
            .set("SAFFL", flag(s.saffl))
            .set("PPROTFL", flag(s.pprotfl))
            .set("STRAT1R", text(s.stratum.as_deref()))
            .set("ARSFL", s.ars.map_or(model::Value::NULL, flag))
            .set("MDA5FL", s.mda5.map_or(model::Value::NULL, flag))
            .set("DTHFL", flag_y(s.dthfl()))
            .set("DTHDT", date(s.dthdt))
            .set("LSTALVDT", date(s.lstalvdt))
            .set("EOSSTT", text(Some(&s.eosstt)))
            .set("EOSDT", date(s.eosdt))
            .set("DCSREAS", text(s.dcsreas.as_deref()))
            .set("BFVCPP", num(s.bfvcpp))
            .set("BDLCOPP", num(s.bdlcopp));
        b.push(r);
    }
    b.finish()
}
