//! Composite responder datasets (`kind = "composite"` in the spec; the example study's
//! ADLDA, low disease activity at months 6 and 12), a BDS dataset with one record per
//! subject, visit and criterion plus the composite.
//!
//! Rules; the visits, criteria, their limits and the not-evaluable reasons come from the
//! spec:
//! - A visit reads results from one analysis window (analysis.toml); its date is that of
//!   the analysed record (nearest the window's target, the later on a tie) of the spec's
//!   `visit_date` test, else the window's target day.
//! - `not_evaluable`: the study collects nothing to judge the criterion by; AVALC = NE with
//!   the spec's reason. Nothing is imputed.
//! - `at_most_uln`: the result nearest the target day in the window; met when `--STRESN` ≤
//!   `--STNRHI`. The value and reference columns hold the result and the ULN; SRC* name
//!   the record.
//! - `below`: as `at_most_uln`, met when the result is below the spec's limit.
//! - `decline_below`: the result at the visit against the one in the earlier window; met
//!   when the relative decline 100 · (earlier − now) / earlier is below the spec's percent.
//!   The value is the decline, SRC* the current record, REFSEQ the earlier one.
//! - `dose_at_most`: met when the daily dose of the spec's dose dataset is at most the
//!   limit on each of the given number of days up to the visit date. The value is the
//!   highest daily dose in that period; SRC* the source record of the dose on the visit
//!   day when one record makes it.
//! - The composite: Y when every criterion is met, N when any is not met, NE otherwise.
//! - A subject who died before the visit: every criterion NE ("died before the visit") and
//!   the composite N (the usual non-responder rule: a death is not a response).
//! - AVALC = Y/N/NE, AVAL = 1/0/null.

use crate::adsl::Subject;
use crate::bds::subject_vars;
use crate::build::Builder;
use crate::dose::Gc;
use crate::input::{Table, date, num, text};
use crate::spec::{AnalysisSpec, CompositeSpec, PartRule, Windows};
use model::{Dataset, Value};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
struct Crit {
    met: Option<bool>,
    value: Option<f64>,
    reference: Option<f64>,
    src: Option<(String, String, Option<f64>)>,
    refseq: Option<f64>,
    ne: Option<String>,
}

impl Crit {
    fn ne(why: impl Into<String>) -> Crit {
        Crit {
            ne: Some(why.into()),
            ..Crit::default()
        }
    }
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

/// What one visit of one subject needs to judge a criterion.
struct At<'a> {
    sdtm: &'a [Dataset],
    windows: &'a Windows,
    s: &'a Subject,
    now: f64,
    before: f64,
    visit_date: i64,
    doses: &'a BTreeMap<String, Gc>,
}

fn judge(at: &At<'_>, rule: &PartRule, missing: Option<&str>) -> Crit {
    let table = |domain: &str| Table::find(at.sdtm, domain);
    let src = |domain: &str, seq| Some((domain.to_owned(), format!("{domain}STRESN"), seq));
    match rule {
        PartRule::NotEvaluable(why) => Crit::ne(why.as_str()),
        PartRule::AtMostUln { domain, test } | PartRule::Below { domain, test, .. } => {
            let found = table(domain).and_then(|t| nearest(at.windows, t, at.s, test, at.now));
            let limit = match rule {
                PartRule::Below { limit, .. } => Some(*limit),
                _ => found.and_then(|f| f.3),
            };
            match (found, limit) {
                (Some((v, _, seq, _)), Some(lim)) => Crit {
                    met: Some(match rule {
                        PartRule::Below { .. } => v < lim,
                        _ => v <= lim,
                    }),
                    value: Some(v),
                    reference: Some(lim),
                    src: src(domain, seq),
                    ..Crit::default()
                },
                (Some(_), None) => Crit::ne(format!("{test} has no upper limit of normal")),
                (None, _) => Crit::ne(
                    missing.map_or_else(|| format!("no {test} result at the visit"), str::to_owned),
                ),
            }
        }
        PartRule::DeclineBelow {
            domain,
            test,
            percent,
        } => {
            let Some(t) = table(domain) else {
                return Crit::ne(format!("no {domain} dataset"));
            };
            let (Some(cur), Some(prev)) = (
                nearest(at.windows, t, at.s, test, at.now),
                nearest(at.windows, t, at.s, test, at.before),
            ) else {
                return Crit::ne(
                    missing.unwrap_or("no measurement at the visit or the earlier one"),
                );
            };
            let dec = (prev.0 != 0.0).then(|| 100.0 * (prev.0 - cur.0) / prev.0);
            Crit {
                met: dec.map(|d| d < *percent),
                value: dec,
                reference: Some(*percent),
                src: src(domain, cur.2),
                refseq: prev.2,
                ne: dec.is_none().then(|| "earlier value is 0".to_owned()),
            }
        }
        PartRule::DoseAtMost {
            dataset,
            at_most,
            days,
        } => {
            let gc = at.doses.get(dataset);
            let Some(daily) = gc.and_then(|g| g.daily.get(&at.s.usubjid)) else {
                return Crit::ne(
                    missing.map_or_else(|| format!("no {dataset} records"), str::to_owned),
                );
            };
            let from = at.visit_date - (days - 1);
            let max = (from..=at.visit_date)
                .map(|d| daily.get(&d).map_or(0.0, |x| x.dose))
                .fold(0.0, f64::max);
            let seq = daily.get(&at.visit_date).and_then(|x| x.seq);
            let (dom, var) = gc
                .map(|g| (g.domain.clone(), g.dose_var.clone()))
                .unwrap_or_default();
            Crit {
                met: Some(max <= *at_most),
                value: Some(max),
                reference: Some(*at_most),
                src: seq.map(|q| (dom, var, Some(q))),
                ..Crit::default()
            }
        }
    }
}

pub(crate) fn derive(
    sdtm: &[Dataset],
    all: &AnalysisSpec,
    spec: &CompositeSpec,
    subjects: &[Subject],
    doses: &BTreeMap<String, Gc>,
) -> Dataset {
    let windows = &all.windows;
    let mut b = Builder::new(
        &spec.dataset,
        &spec.label,
        "One record per subject per parameter per analysis visit",
    );
    crate::adsl::declare_ids(&mut b);
    crate::adsl::declare_treatment(&mut b);
    crate::adsl::declare_copies(&mut b, all, &spec.copy);
    b.chars(&[
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
        (spec.value_var.as_str(), "Criterion Input Value"),
        (spec.reference_var.as_str(), "Criterion Reference Value"),
    ])
    .chars(&[
        ("NEREAS", "Reason Not Evaluable"),
        ("SRCDOM", ""),
        ("SRCVAR", ""),
    ])
    .nums(&[("SRCSEQ", ""), ("REFSEQ", "Earlier Source Sequence Number")]);
    let (vd_domain, vd_test) = &spec.visit_date;
    for s in subjects.iter().filter(|s| s.ittfl) {
        let Some(randdt) = s.randdt else { continue };
        for v in &spec.visits {
            let (Some(now), Some(before)) =
                (windows.avisitn(&v.window), windows.avisitn(&v.earlier))
            else {
                continue;
            };
            let target = windows
                .visits
                .iter()
                .find(|w| w.avisit.eq_ignore_ascii_case(&v.window))
                .map_or(1, |w| w.target);
            let visit_date = Table::find(sdtm, vd_domain)
                .and_then(|t| nearest(windows, t, s, vd_test, now))
                .map(|x| x.1)
                .unwrap_or(randdt + target - 1);
            let at = At {
                sdtm,
                windows,
                s,
                now,
                before,
                visit_date,
                doses,
            };
            let died = s.dthdt.is_some_and(|d| d <= visit_date);
            let parts: Vec<(&str, &str, Crit)> = spec
                .criteria
                .iter()
                .map(|p| {
                    let c = if died {
                        Crit::ne("died before the visit")
                    } else {
                        judge(&at, &p.rule, p.missing.as_deref())
                    };
                    (p.paramcd.as_str(), p.param.as_str(), c)
                })
                .collect();
            let composite = if died || parts.iter().any(|p| p.2.met == Some(false)) {
                Some(false)
            } else if parts.iter().all(|p| p.2.met == Some(true)) {
                Some(true)
            } else {
                None
            };
            let whole = Crit {
                met: composite,
                ne: composite
                    .is_none()
                    .then(|| "a criterion is not evaluable".to_owned()),
                ..Crit::default()
            };
            let whole = (spec.paramcd.as_str(), spec.param.as_str(), whole);
            for (cd, param, c) in parts.iter().chain([&whole]) {
                let mut r = b.row();
                subject_vars(&mut r, s, &spec.copy);
                r.set("PARAMCD", text(Some(cd)))
                    .set("PARAM", text(Some(param)))
                    .set("PARCAT1", text(Some(&spec.category)))
                    .set("AVISIT", text(Some(&v.avisit)))
                    .set("AVISITN", Value::Num(v.avisitn))
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
                    .set(&spec.value_var, num(c.value))
                    .set(&spec.reference_var, num(c.reference))
                    .set("NEREAS", text(c.ne.as_deref().filter(|_| c.met.is_none())))
                    .set("SRCDOM", text(c.src.as_ref().map(|x| x.0.as_str())))
                    .set("SRCVAR", text(c.src.as_ref().map(|x| x.1.as_str())))
                    .set("SRCSEQ", num(c.src.as_ref().and_then(|x| x.2)))
                    .set("REFSEQ", num(c.refseq));
                b.push(r);
            }
        }
    }
    b.finish()
}
