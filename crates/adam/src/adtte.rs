//! ADTTE: one record per randomized subject per parameter, OS, PFS (seed 002) and OS12
//! (seed 000).
//!
//! Rules; the parameters, their events, horizons and censoring come from the spec
//! (`adtte.toml`, events in `analysis.toml`):
//! - STARTDT = RANDDT (the spec's origin; every subject with ITTFL = Y). Subjects without
//!   RANDDT get no record (ADSL reports them).
//! - AVAL = ADT − STARTDT in days elapsed (an event on the day of the origin is day 0).
//! - Horizon: `P<n>W`/`P<n>D` end n·7/n days after the origin (52 weeks end 364 days
//!   after randomization); `P<n>M`/`P<n>Y` end on the same calendar day so many months
//!   later (29 February becomes 28 February). An event after the horizon is not counted
//!   and the subject is censored there, as is anyone followed beyond it.
//! - The event is the earliest of the parameter's named events (the first listed on a
//!   tie): a record event's date is the earliest complete date of its records; death is
//!   ADSL.DTHDT, traced to the DS `DEATH` record, else DM.DTHDTC.
//! - Without an event the subject is censored at the spec's censoring date (an ADSL date
//!   or the latest of SDTM dates), capped at the horizon, or at the origin when there is
//!   none.
//! - CNSR = 0 for an event, 1 for censoring; EVNTDESC says which event or censoring;
//!   CNSDTDSC names the censoring date; SRCDOM/SRCVAR/SRCSEQ point at the record that gave
//!   ADT (SDTM for events, ADSL for censoring dates).

use crate::adsl::{self, Subject};
use crate::build::Builder;
use crate::input::{Table, date, num, text};
use crate::spec::{AdtteSpec, AnalysisSpec, CensorAt, EventKind, Horizon, Parameter};
use model::{Dataset, Finding, IsoDateTime, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
struct Source {
    dom: String,
    var: String,
    seq: Option<f64>,
}

impl Source {
    fn new(dom: &str, var: &str, seq: Option<f64>) -> Source {
        Source {
            dom: dom.to_owned(),
            var: var.to_owned(),
            seq,
        }
    }
}

#[derive(Debug, Clone)]
struct Outcome {
    adt: i64,
    event: bool,
    desc: String,
    cnsdesc: Option<String>,
    src: Source,
}

/// Per event name, per subject: the event's date and source.
type EventDates<'a> = BTreeMap<&'a str, BTreeMap<&'a str, (i64, Option<f64>)>>;

pub(crate) fn derive(
    sdtm: &[Dataset],
    spec: &AnalysisSpec,
    tte: &AdtteSpec,
    subjects: &[Subject],
    findings: &mut Vec<Finding>,
) -> Dataset {
    let deaths = death_records(sdtm);
    let mut records: EventDates<'_> = BTreeMap::new();
    for (name, e) in &spec.events {
        if let EventKind::Record { select, date } = &e.kind {
            records.insert(name, crate::input::earliest(sdtm, select, date));
        }
    }
    let mut b = Builder::new(
        "ADTTE",
        "Time-to-Event Analysis Dataset",
        "One record per subject per parameter",
    );
    adsl::declare_ids(&mut b);
    adsl::declare_treatment(&mut b);
    adsl::declare_copies(&mut b, spec, &tte.copy);
    b.chars(&[("PARAMCD", ""), ("PARAM", "")])
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
    for p in &tte.parameters {
        let latest = match &p.censor.at {
            CensorAt::Latest(refs) => latest_dates(sdtm, refs),
            CensorAt::Adsl(_) => BTreeMap::new(),
        };
        for s in subjects.iter().filter(|s| s.ittfl) {
            let Some(start) = s.randdt else { continue };
            let horizon = match p.horizon {
                Horizon::Days(n) => start + n,
                Horizon::Months(m) => plus_months(start, m),
            };
            let mut event: Option<(i64, String, Source)> = None;
            for name in &p.events {
                let Some(e) = spec.events.get(name) else {
                    continue;
                };
                let found = match &e.kind {
                    EventKind::Death => s.dthdt.map(|d| {
                        let src = match deaths.get(s.usubjid.as_str()).copied().flatten() {
                            Some(seq) => Source::new("DS", "DSSTDTC", Some(seq)),
                            None => Source::new("DM", "DTHDTC", None),
                        };
                        (d, src)
                    }),
                    EventKind::Record { select, date } => records
                        .get(name.as_str())
                        .and_then(|m| m.get(s.usubjid.as_str()))
                        .map(|&(d, seq)| (d, Source::new(&select.domain, date, seq))),
                };
                if let Some((d, src)) = found
                    && event.as_ref().is_none_or(|x| d < x.0)
                {
                    event = Some((d, e.description.clone(), src));
                }
            }
            let censor_at = match &p.censor.at {
                CensorAt::Adsl(var) => s
                    .value(var)
                    .as_f64()
                    .map(|d| (d as i64, Source::new("ADSL", var, None))),
                CensorAt::Latest(_) => latest.get(s.usubjid.as_str()).cloned(),
            };
            let o = match event.filter(|e| e.0 <= horizon) {
                Some((d, desc, src)) => Outcome {
                    adt: d,
                    event: true,
                    desc,
                    cnsdesc: None,
                    src,
                },
                None => censored(p, &spec.origin.name, start, horizon, censor_at),
            };
            if o.adt < start {
                findings.push(
                    crate::derive_finding(
                        "ADTTE",
                        format!(
                            "{} {}: {} date {} is before RANDDT; no record derived",
                            s.usubjid, p.paramcd, o.desc, o.adt
                        ),
                    )
                    .with_variable("ADT"),
                );
                continue;
            }
            let mut r = b.row();
            adsl::set_treatment(&mut r, s);
            adsl::set_copies(&mut r, s, &tte.copy);
            r.set("PARAMCD", text(Some(&p.paramcd)))
                .set("PARAM", text(Some(&p.param)))
                .set("AVAL", Value::Num((o.adt - start) as f64))
                .set("STARTDT", date(Some(start)))
                .set("ADT", date(Some(o.adt)))
                .set("CNSR", Value::Num(if o.event { 0.0 } else { 1.0 }))
                .set("EVNTDESC", text(Some(&o.desc)))
                .set("CNSDTDSC", text(o.cnsdesc.as_deref()))
                .set("SRCDOM", text(Some(&o.src.dom)))
                .set("SRCVAR", text(Some(&o.src.var)))
                .set("SRCSEQ", num(o.src.seq));
            b.push(r);
        }
    }
    b.finish()
}

fn censored(
    p: &Parameter,
    origin: &str,
    start: i64,
    horizon: i64,
    at: Option<(i64, Source)>,
) -> Outcome {
    match at {
        Some((d, _)) if d >= horizon => Outcome {
            adt: horizon,
            event: false,
            desc: "ALIVE AT END OF FOLLOW-UP".into(),
            cnsdesc: Some(p.horizon_description.clone()),
            src: Source::new("ADSL", "RANDDT", None),
        },
        Some((d, src)) => Outcome {
            adt: d.max(start),
            event: false,
            desc: p.censor.description.clone(),
            cnsdesc: Some(p.censor.date_description.clone()),
            src,
        },
        None => Outcome {
            adt: start,
            event: false,
            desc: format!("NO FOLLOW-UP AFTER {origin}"),
            cnsdesc: Some(format!("{origin} DATE")),
            src: Source::new("ADSL", "RANDDT", None),
        },
    }
}

/// The same calendar day `months` later; a day the month lacks becomes its last day.
fn plus_months(sas: i64, months: i32) -> i64 {
    let d = IsoDateTime::from_sas_date(sas);
    let (Some(y), Some(m), Some(day)) = (d.year, d.month, d.day) else {
        return sas + (f64::from(months) * 365.25 / 12.0) as i64;
    };
    let total = i64::from(m) - 1 + i64::from(months);
    let (y, m) = (
        y + (total.div_euclid(12)) as i32,
        (total.rem_euclid(12) + 1) as u8,
    );
    (0..4)
        .find_map(|back| {
            IsoDateTime::date(y, m, day.saturating_sub(back)).and_then(|d| d.sas_date())
        })
        .unwrap_or(sas + (f64::from(months) * 365.25 / 12.0) as i64)
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

/// Per subject, the latest of the `DOMAIN.VARIABLE` dates (the first listed on a tie).
fn latest_dates<'a>(
    sdtm: &'a [Dataset],
    refs: &[(String, String)],
) -> BTreeMap<&'a str, (i64, Source)> {
    let mut out: BTreeMap<&str, (i64, Source)> = BTreeMap::new();
    for (dom, var) in refs {
        let Some(t) = Table::find(sdtm, dom) else {
            continue;
        };
        for r in t.rows() {
            let (Some(u), Some(d)) = (r.str("USUBJID"), r.date(var)) else {
                continue;
            };
            let e = out
                .entry(u)
                .or_insert_with(|| (d, Source::new(dom, var, None)));
            if d > e.0 {
                *e = (d, Source::new(dom, var, None));
            }
        }
    }
    out
}
