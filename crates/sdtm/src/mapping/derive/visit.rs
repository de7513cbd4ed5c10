//! VISIT/VISITNUM from a visit schedule with windows (`visits.toml`), and `SI0037` for a
//! visit whose date falls outside its window.
//!
//! ```toml
//! [[visit]]
//! visitnum = 2
//! visit = "WEEK 4"
//! day = 29              # planned study day
//! window = [-7, 7]      # days around it
//! epoch = "TREATMENT"
//! aliases = ["Week 4"]  # how the sites write it
//! ```

use crate::mapping::checks::Check;
use model::iso8601::study_day;
use model::{Finding, IsoDateTime, SourceCell};
use spec::{Diag, check_keys, join, number, string, strings, tables};

#[derive(Debug, Clone)]
pub struct Visit {
    pub num: f64,
    pub name: String,
    pub day: i64,
    pub window: (i64, i64),
    pub epoch: Option<String>,
    /// Normalized visit name and aliases.
    keys: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Schedule {
    pub visits: Vec<Visit>,
}

impl Schedule {
    pub(crate) fn parse(t: &toml::Table, d: &mut Diag) -> Schedule {
        check_keys(t, "", &["visit"], d);
        let mut visits = Vec::new();
        for (i, v) in tables(t, "visit", "", d).into_iter().enumerate() {
            let p = format!("visit[{i}]");
            check_keys(
                v,
                &p,
                &["visitnum", "visit", "day", "window", "epoch", "aliases"],
                d,
            );
            let (Some(num), Some(name), Some(day)) = (
                number(v, "visitnum", &p, d),
                string(v, "visit", &p, d),
                number(v, "day", &p, d),
            ) else {
                d.err(&p, "a visit needs visitnum, visit and day");
                continue;
            };
            let window = match v.get("window").and_then(|w| w.as_array()) {
                Some(a) if a.len() == 2 => {
                    let n = |x: &toml::Value| x.as_integer().unwrap_or(0);
                    (n(&a[0]), n(&a[1]))
                }
                Some(_) => {
                    d.err(&join(&p, "window"), "a window is [days before, days after]");
                    (0, 0)
                }
                None => (0, 0),
            };
            let mut keys = vec![standards::normalize(&name)];
            keys.extend(
                strings(v, "aliases", &p, d)
                    .unwrap_or_default()
                    .iter()
                    .map(|a| standards::normalize(a)),
            );
            visits.push(Visit {
                num,
                name,
                day: day as i64,
                window,
                epoch: string(v, "epoch", &p, d),
                keys,
            });
        }
        Schedule { visits }
    }

    pub fn by_label(&self, label: &str) -> Option<&Visit> {
        let k = standards::normalize(label);
        self.visits.iter().find(|v| v.keys.contains(&k))
    }

    /// The visit whose window holds a study day.
    pub fn by_day(&self, dy: i64) -> Option<&Visit> {
        self.visits.iter().find(|v| v.contains(dy))
    }
}

impl Visit {
    pub fn contains(&self, dy: i64) -> bool {
        // The window counts from the planned day; there is no day 0 in between.
        let lo = shift(self.day, self.window.0);
        let hi = shift(self.day, self.window.1);
        dy >= lo && dy <= hi
    }
}

fn shift(day: i64, by: i64) -> i64 {
    let d = day + by;
    if day > 0 && d <= 0 { d - 1 } else { d }
}

/// The visit for one record, and a finding when its date is outside the window.
pub(crate) fn assign<'s>(
    schedule: &'s Schedule,
    label: Option<(&str, Option<&SourceCell>)>,
    date: Option<(&str, Option<&SourceCell>)>,
    rfstdtc: Option<&IsoDateTime>,
    out: &mut Vec<Finding>,
) -> Option<&'s Visit> {
    let dy = date.and_then(|(d, _)| {
        let d: IsoDateTime = d.parse().ok()?;
        study_day(rfstdtc?, &d)
    });
    let visit = match label {
        Some((l, src)) => {
            let v = schedule.by_label(l);
            if v.is_none()
                && let Some(s) = src
            {
                out.push(
                    Check::Unmapped
                        .at(
                            s.clone(),
                            format!("visit `{l}` is not in the visit schedule"),
                        )
                        .with_value(l)
                        .with_variable("VISIT"),
                );
            }
            v
        }
        None => dy.and_then(|dy| schedule.by_day(dy)),
    }?;
    if let (Some(dy), Some((d, Some(src)))) = (dy, date)
        && !visit.contains(dy)
    {
        out.push(
            Check::OutsideVisitWindow
                .at(
                    src.clone(),
                    format!(
                        "{} on `{d}` is study day {dy}, outside its window (day {} {:+}/{:+})",
                        visit.name, visit.day, visit.window.0, visit.window.1
                    ),
                )
                .with_value(d)
                .with_variable("VISIT"),
        );
    }
    Some(visit)
}
