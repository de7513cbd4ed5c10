//! `analysis.toml`: what every dataset of a study shares — the origin (time zero), the
//! analysis visit windows, the named events and the treatment-emergent window.

use super::names::{self, Ctx};
use super::select::{Select, select};
use spec::toml::{Table, Value};
use spec::{Diag, check_keys, join, string, table, type_name};
use std::collections::BTreeMap;

/// Time zero of every analysis: the earliest complete date of the subject's matching
/// records, kept in ADSL as RANDDT.
#[derive(Debug, Clone, PartialEq)]
pub struct Origin {
    /// What the origin is called in descriptions (`RANDOMIZATION`).
    pub name: String,
    pub select: Select,
    pub date: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct VisitWindow {
    pub avisit: String,
    pub avisitn: f64,
    /// The analysis day the visit aims at.
    pub target: i64,
    pub first: i64,
    pub last: i64,
}

/// Analysis visits on the analysis day (origin = day 1).
#[derive(Debug, Clone, PartialEq)]
pub struct Windows {
    /// AVISIT of records on or before day 1.
    pub baseline: String,
    pub visits: Vec<VisitWindow>,
}

impl Windows {
    /// The window of an analysis day.
    pub fn of(&self, ady: i64) -> Option<(&str, f64, i64)> {
        if ady <= 1 {
            return Some((&self.baseline, 0.0, 1));
        }
        self.visits
            .iter()
            .find(|w| (w.first..=w.last).contains(&ady))
            .map(|w| (w.avisit.as_str(), w.avisitn, w.target))
    }

    /// AVISITN of a named analysis visit.
    pub fn avisitn(&self, avisit: &str) -> Option<f64> {
        if avisit.eq_ignore_ascii_case(&self.baseline) {
            return Some(0.0);
        }
        self.visits
            .iter()
            .find(|w| w.avisit.eq_ignore_ascii_case(avisit))
            .map(|w| w.avisitn)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum EventKind {
    /// The earliest complete date of the subject's matching records.
    Record { select: Select, date: String },
    /// Death as ADSL records it (DTHDT: DM.DTHDTC, else the DS `DEATH` record).
    Death,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// EVNTDESC of an event record.
    pub description: String,
    pub kind: EventKind,
}

pub(super) struct StudyPart {
    pub teae_window_days: i64,
    pub origin: Origin,
    pub windows: Windows,
    pub events: BTreeMap<String, Event>,
}

pub(super) fn compile(t: &Table, cx: &Ctx, d: &mut Diag) -> Option<StudyPart> {
    check_keys(t, "", &["origin", "windows", "events", "safety"], d);
    let teae_window_days = match table(t, "safety", "", d) {
        Some(s) => {
            check_keys(s, "safety", &["teae_window_days"], d);
            names::days(s, "teae_window_days", "safety", 0, d).unwrap_or(30)
        }
        None => 30,
    };
    let origin = match table(t, "origin", "", d) {
        Some(o) => origin(o, cx, d),
        None => {
            d.err(
                "",
                "`[origin]` is required: the records that give time zero",
            );
            None
        }
    };
    let windows = match table(t, "windows", "", d) {
        Some(w) => windows(w, d),
        None => Some(Windows {
            baseline: "BASELINE".into(),
            visits: Vec::new(),
        }),
    };
    let mut events = BTreeMap::new();
    if let Some(es) = table(t, "events", "", d) {
        for (name, v) in es {
            let path = join("events", name);
            match v {
                Value::Table(e) => {
                    if let Some(e) = event(e, &path, cx, d) {
                        events.insert(name.clone(), e);
                    }
                }
                other => d.err(
                    &path,
                    format!("expected a table, found {}", type_name(other)),
                ),
            }
        }
    }
    Some(StudyPart {
        teae_window_days,
        origin: origin?,
        windows: windows?,
        events,
    })
}

fn origin(t: &Table, cx: &Ctx, d: &mut Diag) -> Option<Origin> {
    check_keys(t, "origin", &["name", "domain", "where", "date"], d);
    let name = string(t, "name", "origin", d).unwrap_or_else(|| "ORIGIN".into());
    let select = select(t, "origin", cx, d)?;
    let date = names::required(t, "date", "origin", d)?;
    let date = names::sdtm_var(&date, &select.domain, &join("origin", "date"), cx, d)?;
    Some(Origin {
        name: name.to_ascii_uppercase(),
        select,
        date,
    })
}

fn windows(t: &Table, d: &mut Diag) -> Option<Windows> {
    check_keys(t, "windows", &["baseline", "visits"], d);
    let baseline = string(t, "baseline", "windows", d).unwrap_or_else(|| "BASELINE".into());
    let mut visits: Vec<VisitWindow> = Vec::new();
    for (i, w) in spec::tables(t, "visits", "windows", d)
        .into_iter()
        .enumerate()
    {
        let path = format!("windows.visits[{i}]");
        check_keys(w, &path, &["avisit", "avisitn", "target", "days"], d);
        let days = match w.get("days") {
            Some(Value::Array(a)) if a.len() == 2 => match (&a[0], &a[1]) {
                (Value::Integer(x), Value::Integer(y))
                    if x <= y && x.abs() <= names::MAX_DAYS && y.abs() <= names::MAX_DAYS =>
                {
                    Some((*x, *y))
                }
                _ => None,
            },
            _ => None,
        };
        if days.is_none() {
            d.err(
                &join(&path, "days"),
                "expected [first, last]: two whole analysis days, first <= last, within 100 years",
            );
        }
        let (Some(avisit), Some(avisitn), Some(target), Some((first, last))) = (
            names::required(w, "avisit", &path, d),
            names::number(w, "avisitn", &path, d),
            names::days(w, "target", &path, 2, d),
            days,
        ) else {
            continue;
        };
        if !(first..=last).contains(&target) {
            d.err(
                &join(&path, "target"),
                format!("day {target} is outside days {first}–{last}"),
            );
        }
        if first <= 1 {
            d.err(
                &join(&path, "days"),
                "day 1 and earlier are the baseline window",
            );
        }
        if let Some(prev) = visits.last().filter(|p| first <= p.last) {
            d.err(
                &join(&path, "days"),
                format!(
                    "overlaps {} (days {}–{})",
                    prev.avisit, prev.first, prev.last
                ),
            );
        }
        visits.push(VisitWindow {
            avisit,
            avisitn,
            target,
            first,
            last,
        });
    }
    Some(Windows { baseline, visits })
}

fn event(t: &Table, path: &str, cx: &Ctx, d: &mut Diag) -> Option<Event> {
    check_keys(
        t,
        path,
        &["description", "death", "domain", "where", "date"],
        d,
    );
    let description = names::required(t, "description", path, d)?;
    if spec::boolean(t, "death", path, d) == Some(true) {
        for k in ["domain", "where", "date"] {
            if t.contains_key(k) {
                d.err(
                    &join(path, k),
                    "a death event takes its date from ADSL; remove this key",
                );
            }
        }
        return Some(Event {
            description,
            kind: EventKind::Death,
        });
    }
    let select = select(t, path, cx, d)?;
    let date = names::required(t, "date", path, d)?;
    let date = names::sdtm_var(&date, &select.domain, &join(path, "date"), cx, d)?;
    Some(Event {
        description,
        kind: EventKind::Record { select, date },
    })
}
