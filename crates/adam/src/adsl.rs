//! ADSL: one record per subject in DM.
//!
//! Rules, all from SDTM; what a study adds comes from its spec (`adsl.toml`):
//! - Identifiers, AGE/AGEU, SEX, RACE, COUNTRY, ARM/ARMCD, ACTARM/ACTARMCD from DM.
//! - TRT01P = ARM, TRT01A = ACTARM; TRT01PN/TRT01AN number the randomized arms 1, 2, … in
//!   sorted ARMCD order (for the example study CSA = 1, TAC = 2), so "arm 1" is the
//!   reference of the hazard ratios in the summary.
//! - RANDDT = the origin of the spec (`analysis.toml [origin]`): the earliest complete date
//!   of the subject's matching records (for the example study DS `RANDOMIZED` DSSTDTC).
//! - ITTFL = Y when the subject was randomized (an origin date, or an ARMCD other than
//!   SCRNFAIL/NOTASSGN/NOTTRT); every randomized subject is analysed as randomized.
//! - TRTSDT/TRTEDT = first EXSTDTC / last EXENDTC (complete dates only); SAFFL = ITTFL and
//!   at least one EX record; TRTDURD = TRTEDT − TRTSDT + 1.
//! - Population flags of the spec: Y for subjects of the `of` population that meet every
//!   criterion (no record of an event; a numeric result in an analysis window), else N.
//! - Spec variables: a value (the text of the subject's last matching record), a flag (Y
//!   when any matching record says yes, N when one says no, null when none does) or a
//!   baseline (the last numeric result on or before RANDDT).
//! - DTHFL = Y when DM.DTHFL is Y or a death date exists; DTHDT = DM.DTHDTC, else DS `DEATH`.
//! - LSTALVDT = latest complete date of the spec's contact dates (`last_alive`; DS death
//!   records excepted), never after DTHDT.
//! - EOSSTT/EOSDT/DCSREAS from the last DS `DISPOSITION EVENT`: COMPLETED, else
//!   DISCONTINUED with DCSREAS = DSDECOD; ONGOING when there is none.
//! - Variable order: the standard variables through SAFFL, the population flags, the value
//!   and flag variables, DTHFL through DCSREAS, then the baselines.

use crate::bds;
use crate::build::Builder;
use crate::input::{Table, date, flag, flag_y, num, text};
use crate::spec::{AnalysisSpec, Criterion, EventKind, VariableRule};
use model::{Dataset, Finding, Value};
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
    pub dthdt: Option<i64>,
    /// DM.DTHFL = Y, with or without a date.
    pub death_recorded: bool,
    pub lstalvdt: Option<i64>,
    pub eosstt: String,
    pub eosdt: Option<i64>,
    pub dcsreas: Option<String>,
    /// The spec's population flags.
    pub populations: BTreeMap<String, bool>,
    /// The spec's value, flag and baseline variables.
    pub extra: BTreeMap<String, Value>,
}

impl Subject {
    pub fn dthfl(&self) -> bool {
        self.death_recorded || self.dthdt.is_some()
    }

    /// The value of an ADSL variable, as ADSL holds it and datasets copy it.
    pub fn value(&self, name: &str) -> Value {
        let t = |v: &Option<String>| text(v.as_deref());
        match name {
            "STUDYID" => text(Some(&self.studyid)),
            "USUBJID" => text(Some(&self.usubjid)),
            "SUBJID" => t(&self.subjid),
            "SITEID" => t(&self.siteid),
            "AGE" => num(self.age),
            "AGEU" => t(&self.ageu),
            "SEX" => t(&self.sex),
            "RACE" => t(&self.race),
            "COUNTRY" => t(&self.country),
            "ARM" => t(&self.arm),
            "ARMCD" => t(&self.armcd),
            "ACTARM" => t(&self.actarm),
            "ACTARMCD" => t(&self.actarmcd),
            "TRT01P" => text(self.arm.as_deref().filter(|_| self.ittfl)),
            "TRT01PN" => num(self.trtpn),
            "TRT01A" => text(self.actarm.as_deref().filter(|_| self.saffl)),
            "TRT01AN" => num(self.trtan.filter(|_| self.saffl)),
            "RANDDT" => date(self.randdt),
            "TRTSDT" => date(self.trtsdt),
            "TRTEDT" => date(self.trtedt),
            "TRTDURD" => num(self
                .trtsdt
                .zip(self.trtedt)
                .map(|(a, b)| (b - a + 1) as f64)),
            "ITTFL" => flag(self.ittfl),
            "SAFFL" => flag(self.saffl),
            "DTHFL" => flag_y(self.dthfl()),
            "DTHDT" => date(self.dthdt),
            "LSTALVDT" => date(self.lstalvdt),
            "EOSSTT" => text(Some(&self.eosstt)),
            "EOSDT" => date(self.eosdt),
            "DCSREAS" => t(&self.dcsreas),
            other => match self.populations.get(other) {
                Some(b) => flag(*b),
                None => self.extra.get(other).cloned().unwrap_or(Value::NULL),
            },
        }
    }

    /// Whether the subject is in a population (ITTFL, SAFFL or a spec flag).
    pub fn in_population(&self, flag: &str) -> bool {
        match flag {
            "ITTFL" => self.ittfl,
            "SAFFL" => self.saffl,
            other => self.populations.get(other).copied().unwrap_or(false),
        }
    }
}

const NOT_RANDOMIZED: [&str; 3] = ["SCRNFAIL", "NOTASSGN", "NOTTRT"];

/// Subjects in USUBJID order.
pub(crate) fn subjects(
    sdtm: &[Dataset],
    spec: &AnalysisSpec,
    findings: &mut Vec<Finding>,
) -> Vec<Subject> {
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
    let o = &spec.origin;
    for (u, d) in crate::input::earliest(sdtm, &o.select, &o.date) {
        if let Some(s) = out.get_mut(u) {
            s.randdt = Some(d.0);
        }
    }
    exposure(Table::find(sdtm, "EX"), &mut out);
    let mut no_origin = Vec::new();
    for s in out.values_mut() {
        let randomized_arm = s
            .armcd
            .as_deref()
            .is_some_and(|a| !NOT_RANDOMIZED.contains(&a));
        s.ittfl = s.randdt.is_some() || randomized_arm;
        s.saffl = s.ittfl && s.trtsdt.is_some();
        if s.ittfl && s.randdt.is_none() {
            no_origin.push(s.usubjid.clone());
        }
    }
    if !no_origin.is_empty() {
        findings.push(missing_origin(spec, &no_origin, out.len()));
    }
    number_arms(&mut out);
    last_alive(sdtm, spec, &mut out);
    variables(sdtm, spec, &mut out);
    populations(sdtm, spec, &mut out);
    out.into_values().collect()
}

/// One finding for every randomized subject without an origin date: what the spec looks
/// for, how many lack it and which, so a package the spec does not fit is explained once.
fn missing_origin(spec: &AnalysisSpec, ids: &[String], all: usize) -> Finding {
    let o = &spec.origin;
    let wanted = o
        .select
        .clauses
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>();
    let shown: Vec<&str> = ids.iter().take(5).map(String::as_str).collect();
    let more = ids.len().saturating_sub(shown.len());
    let mut who = shown.join(", ");
    if more > 0 {
        who.push_str(&format!(" and {more} more"));
    }
    crate::derive_finding(
        "ADSL",
        format!(
            "{} of {all} randomized subjects have no {} date: the analysis spec's [origin] \
             (analysis.toml) takes the earliest complete {}.{} of records where {}, and none \
             was found, so RANDDT is null and no time-to-event, BDS, dose or composite record \
             is derived for them ({who})",
            ids.len(),
            o.name,
            o.select.domain,
            o.date,
            if wanted.is_empty() {
                "any record".to_owned()
            } else {
                wanted.join(" and ")
            }
        ),
    )
    .with_variable("RANDDT")
}

fn disposition(ds: Option<Table<'_>>, s: &mut Subject) {
    let Some(ds) = ds else { return };
    let mut last: Option<(i64, String)> = None;
    for r in ds.subject(&s.usubjid) {
        let decod = r.str("DSDECOD").unwrap_or_default().to_ascii_uppercase();
        let d = r.date("DSSTDTC");
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

fn variables(sdtm: &[Dataset], spec: &AnalysisSpec, out: &mut BTreeMap<String, Subject>) {
    for v in &spec.adsl.variables {
        match &v.rule {
            VariableRule::Value { select, var } => {
                let Some(t) = Table::find(sdtm, &select.domain) else {
                    continue;
                };
                for r in t.rows().filter(|r| select.matches(|x| r.str(x))) {
                    if let Some(s) = r.str("USUBJID").and_then(|u| out.get_mut(u)) {
                        s.extra.insert(v.name.clone(), text(r.str(var)));
                    }
                }
            }
            VariableRule::Flag {
                select,
                var,
                yes,
                no,
            } => {
                let Some(t) = Table::find(sdtm, &select.domain) else {
                    continue;
                };
                for r in t.rows().filter(|r| select.matches(|x| r.str(x))) {
                    let Some(s) = r.str("USUBJID").and_then(|u| out.get_mut(u)) else {
                        continue;
                    };
                    let said = r.str(var);
                    let is = |xs: &[String]| {
                        said.is_some_and(|x| xs.iter().any(|y| y.eq_ignore_ascii_case(x)))
                    };
                    let now = if is(yes) {
                        Some(true)
                    } else if is(no) {
                        Some(false)
                    } else {
                        None
                    };
                    let was = s
                        .extra
                        .get(&v.name)
                        .and_then(Value::as_str)
                        .map(|x| x == "Y");
                    // Any positive record makes the subject positive.
                    let merged = match (was, now) {
                        (Some(a), Some(b)) => Some(a || b),
                        (a, b) => a.or(b),
                    };
                    if let Some(m) = merged {
                        s.extra.insert(v.name.clone(), flag(m));
                    }
                }
            }
            VariableRule::Baseline { domain, test } => {
                let Some(t) = Table::find(sdtm, domain) else {
                    continue;
                };
                for s in out.values_mut() {
                    let Some(randdt) = s.randdt else { continue };
                    if let Some(b) = bds::subject_baseline(t, &s.usubjid, test, randdt) {
                        s.extra.insert(v.name.clone(), Value::Num(b.0));
                    }
                }
            }
        }
    }
}

fn populations(sdtm: &[Dataset], spec: &AnalysisSpec, out: &mut BTreeMap<String, Subject>) {
    for p in &spec.adsl.populations {
        let mut excluded: BTreeMap<&str, ()> = BTreeMap::new();
        let mut measured: Vec<BTreeMap<&str, ()>> = Vec::new();
        for c in &p.all {
            match c {
                Criterion::NoEvent(e) => {
                    for u in event_subjects(sdtm, spec, e, out) {
                        excluded.insert(u, ());
                    }
                }
                Criterion::Measured {
                    domain,
                    test,
                    avisit,
                } => {
                    let mut got = BTreeMap::new();
                    if let Some(t) = Table::find(sdtm, domain) {
                        let pre = domain.to_ascii_uppercase();
                        for r in t.rows() {
                            let (Some(u), Some(_), Some(d)) = (
                                r.str("USUBJID"),
                                r.num(&format!("{pre}STRESN")),
                                r.date(&format!("{pre}DTC")),
                            ) else {
                                continue;
                            };
                            let in_window = r.str(&format!("{pre}TESTCD")) == Some(test.as_str())
                                && out
                                    .get(u)
                                    .and_then(|s| s.randdt)
                                    .and_then(|o| spec.windows.of(d - o + 1))
                                    .is_some_and(|w| w.0.eq_ignore_ascii_case(avisit));
                            if in_window {
                                got.insert(u, ());
                            }
                        }
                    }
                    measured.push(got);
                }
            }
        }
        let flags: Vec<(String, bool)> = out
            .values()
            .map(|s| {
                let u = s.usubjid.as_str();
                let yes = s.in_population(&p.of)
                    && !excluded.contains_key(u)
                    && measured.iter().all(|m| m.contains_key(u));
                (s.usubjid.clone(), yes)
            })
            .collect();
        for (u, yes) in flags {
            if let Some(s) = out.get_mut(&u) {
                s.populations.insert(p.name.clone(), yes);
            }
        }
    }
}

/// Subjects with at least one record of a named event.
fn event_subjects<'a>(
    sdtm: &'a [Dataset],
    spec: &AnalysisSpec,
    name: &str,
    out: &'a BTreeMap<String, Subject>,
) -> Vec<&'a str> {
    match spec.events.get(name).map(|e| &e.kind) {
        Some(EventKind::Record { select, .. }) => Table::find(sdtm, &select.domain)
            .map(|t| {
                t.rows()
                    .filter(|r| select.matches(|x| r.str(x)))
                    .filter_map(|r| r.str("USUBJID"))
                    .collect()
            })
            .unwrap_or_default(),
        Some(EventKind::Death) => out
            .values()
            .filter(|s| s.dthfl())
            .map(|s| s.usubjid.as_str())
            .collect(),
        None => Vec::new(),
    }
}

fn last_alive(sdtm: &[Dataset], spec: &AnalysisSpec, out: &mut BTreeMap<String, Subject>) {
    for (domain, var) in &spec.adsl.last_alive {
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
            if let Some(d) = r.date(var) {
                let d = s.dthdt.map_or(d, |x| d.min(x));
                s.lstalvdt = Some(s.lstalvdt.map_or(d, |x| x.max(d)));
            }
        }
    }
}

pub(crate) fn dataset(subjects: &[Subject], spec: &AnalysisSpec) -> Dataset {
    let mut b = Builder::new(
        "ADSL",
        "Subject-Level Analysis Dataset",
        "One record per subject",
    );
    let a = &spec.adsl;
    let (baselines, others): (Vec<_>, Vec<_>) = a
        .variables
        .iter()
        .partition(|v| matches!(v.rule, VariableRule::Baseline { .. }));
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
        .ig_chars(&["ITTFL", "SAFFL"]);
    for p in &a.populations {
        b.var(
            &p.name,
            p.label.as_deref().unwrap_or(&p.name),
            model::VarType::Char,
        );
    }
    for v in &others {
        b.var(
            &v.name,
            v.label.as_deref().unwrap_or(&v.name),
            model::VarType::Char,
        );
    }
    b.ig_chars(&["DTHFL"])
        .date("DTHDT", "")
        .date("LSTALVDT", "Date Last Known Alive")
        .ig_chars(&["EOSSTT"])
        .date("EOSDT", "")
        .ig_chars(&["DCSREAS"]);
    for v in &baselines {
        b.var(
            &v.name,
            v.label.as_deref().unwrap_or(&v.name),
            model::VarType::Num,
        );
    }
    b.copied(&[
        "STUDYID", "USUBJID", "SUBJID", "SITEID", "AGE", "AGEU", "SEX", "RACE", "COUNTRY", "ARM",
        "ARMCD", "ACTARM", "ACTARMCD",
    ]);
    let names = b.names();
    for s in subjects {
        let mut r = b.row();
        for n in &names {
            r.set(n, s.value(n));
        }
        b.push(r);
    }
    b.finish()
}

/// Identifiers every analysis dataset starts with.
pub(crate) fn declare_ids(b: &mut Builder) {
    b.chars(&[
        ("STUDYID", ""),
        ("USUBJID", ""),
        ("SUBJID", ""),
        ("SITEID", ""),
    ]);
}

/// The planned and actual treatment of a record (TRTP from TRT01P, TRTA from TRT01A).
pub(crate) fn declare_treatment(b: &mut Builder) {
    b.chars(&[("TRTP", "")])
        .nums(&[("TRTPN", "")])
        .chars(&[("TRTA", "")])
        .nums(&[("TRTAN", "")]);
}

pub(crate) fn set_treatment(r: &mut crate::build::Rec, s: &Subject) {
    for n in ["STUDYID", "USUBJID", "SUBJID", "SITEID"] {
        r.set(n, s.value(n));
    }
    r.set("TRTP", s.value("TRT01P"))
        .set("TRTPN", s.value("TRT01PN"))
        .set("TRTA", s.value("TRT01A"))
        .set("TRTAN", s.value("TRT01AN"));
}

/// ADSL variables a dataset copies, with ADSL's labels and types.
pub(crate) fn declare_copies(b: &mut Builder, spec: &AnalysisSpec, names: &[String]) {
    for n in names {
        let vtype = if spec.adsl.is_num(n) {
            model::VarType::Num
        } else {
            model::VarType::Char
        };
        b.var(n, spec.adsl.label(n).unwrap_or(""), vtype);
    }
}

pub(crate) fn set_copies(r: &mut crate::build::Rec, s: &Subject, names: &[String]) {
    for n in names {
        r.set(n, s.value(n));
    }
}
