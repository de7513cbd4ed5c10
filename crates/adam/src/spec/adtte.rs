//! `adtte.toml`: time-to-event parameters as data — which events end the time, where a
//! subject without one is censored, and the horizon after which nothing counts.

use super::names::{self, Ctx};
use super::select::texts;
use spec::toml::{Table, Value};
use spec::{Diag, check_keys, join, string, type_name};

#[derive(Debug, Clone, PartialEq)]
pub struct AdtteSpec {
    /// ADSL variables every record carries after the treatment variables.
    pub copy: Vec<String>,
    /// The first is the primary endpoint.
    pub parameters: Vec<Parameter>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub paramcd: String,
    pub param: String,
    /// Named events (analysis.toml); the earliest ends the time, the first listed on a tie.
    pub events: Vec<String>,
    pub horizon: Horizon,
    /// CNSDTDSC of a subject censored at the horizon.
    pub horizon_description: String,
    pub censor: Censor,
}

/// How long after the origin events count.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Horizon {
    Days(i64),
    /// The same calendar day so many months later (29 February becomes 28 February).
    Months(i32),
}

impl Horizon {
    /// The nominal length in days (months at 365.25 / 12 days), for comparisons with a
    /// registry's time frame.
    pub fn nominal_days(self) -> f64 {
        match self {
            Horizon::Days(d) => d as f64,
            Horizon::Months(m) => (f64::from(m) * 365.25 / 12.0).floor(),
        }
    }
}

/// Where a subject without an event is censored (never after the horizon).
#[derive(Debug, Clone, PartialEq)]
pub struct Censor {
    pub at: CensorAt,
    /// EVNTDESC of a censored record.
    pub description: String,
    /// CNSDTDSC of a censored record.
    pub date_description: String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CensorAt {
    /// An ADSL date (LSTALVDT).
    Adsl(String),
    /// The latest of these `DOMAIN.VARIABLE` dates (the first listed on a tie).
    Latest(Vec<(String, String)>),
}

/// `P<n>D`, `P<n>W`, `P<n>M` or `P<n>Y`.
pub(super) fn horizon(s: &str) -> Option<Horizon> {
    let body = s.strip_prefix('P')?;
    let (n, unit) = body.split_at(body.len().checked_sub(1)?);
    let n: i64 = n.parse().ok().filter(|n| *n > 0)?;
    // At most 100 years, like every span of days a spec names.
    let h = match unit {
        "D" => Horizon::Days(n),
        "W" => Horizon::Days(n.checked_mul(7)?),
        "M" => Horizon::Months(i32::try_from(n).ok()?),
        "Y" => Horizon::Months(i32::try_from(n.checked_mul(12)?).ok()?),
        _ => return None,
    };
    (h.nominal_days() <= super::names::MAX_DAYS as f64).then_some(h)
}

pub(super) fn compile(
    t: &Table,
    cx: &Ctx,
    events: &[String],
    adsl: &[String],
    d: &mut Diag,
) -> Option<AdtteSpec> {
    check_keys(t, "", &["copy", "parameter"], d);
    let copy = copy_list(t, "", adsl, d);
    let mut parameters: Vec<Parameter> = Vec::new();
    for (i, p) in spec::tables(t, "parameter", "", d).into_iter().enumerate() {
        let path = format!("parameter[{i}]");
        check_keys(
            p,
            &path,
            &[
                "paramcd",
                "param",
                "events",
                "horizon",
                "horizon_description",
                "censor",
            ],
            d,
        );
        let paramcd = names::adam_name(p, "paramcd", &path, d);
        if let Some(cd) = &paramcd
            && parameters.iter().any(|q| &q.paramcd == cd)
        {
            d.err(
                &join(&path, "paramcd"),
                format!("PARAMCD `{cd}` is declared twice"),
            );
        }
        let param = names::required(p, "param", &path, d);
        if let Some(x) = param.as_ref().filter(|x| x.len() > 200) {
            d.err(
                &join(&path, "param"),
                format!("PARAM is {} characters; at most 200", x.len()),
            );
        }
        let evs: Vec<String> = match p.get("events") {
            Some(v) => texts(v, &join(&path, "events"), d).unwrap_or_default(),
            None => {
                d.err(
                    &path,
                    "`events` is required: the named events that end the time",
                );
                Vec::new()
            }
        };
        for e in &evs {
            if !events.contains(e) {
                d.near(
                    &join(&path, "events"),
                    format!("no event `{e}` in analysis.toml [events]"),
                    e,
                    events.iter().map(String::as_str),
                );
            }
        }
        let hz = names::required(p, "horizon", &path, d).and_then(|s| {
            let h = horizon(&s);
            if h.is_none() {
                d.err(
                    &join(&path, "horizon"),
                    format!(
                        "`{s}`: expected an ISO 8601 duration such as P52W, P12M, P365D or P1Y"
                    ),
                );
            }
            h
        });
        let hdesc = names::required(p, "horizon_description", &path, d);
        let censor = match p.get("censor") {
            Some(Value::Table(c)) => censor(c, &join(&path, "censor"), cx, adsl, d),
            Some(other) => {
                d.err(
                    &join(&path, "censor"),
                    format!("expected a table, found {}", type_name(other)),
                );
                None
            }
            None => {
                d.err(
                    &path,
                    "`censor` is required: where a subject without an event is censored",
                );
                None
            }
        };
        if let (
            Some(paramcd),
            Some(param),
            Some(horizon),
            Some(horizon_description),
            Some(censor),
        ) = (paramcd, param, hz, hdesc, censor)
        {
            parameters.push(Parameter {
                paramcd,
                param,
                events: evs,
                horizon,
                horizon_description,
                censor,
            });
        }
    }
    Some(AdtteSpec { copy, parameters })
}

fn censor(c: &Table, path: &str, cx: &Ctx, adsl: &[String], d: &mut Diag) -> Option<Censor> {
    check_keys(
        c,
        path,
        &["at", "latest", "description", "date_description"],
        d,
    );
    let at = match (string(c, "at", path, d), c.get("latest")) {
        (Some(v), None) => {
            if !adsl.contains(&v) {
                d.near(
                    &join(path, "at"),
                    format!("ADSL has no variable `{v}`"),
                    &v,
                    adsl.iter().map(String::as_str),
                );
            }
            CensorAt::Adsl(v)
        }
        (None, Some(l)) => CensorAt::Latest(names::date_refs(l, &join(path, "latest"), cx, d)),
        _ => {
            d.err(path, "a censoring rule needs one of `at` (an ADSL date) or `latest` (DOMAIN.VARIABLE dates)");
            return None;
        }
    };
    Some(Censor {
        at,
        description: names::required(c, "description", path, d)?,
        date_description: names::required(c, "date_description", path, d)?,
    })
}

/// `copy`: ADSL variables the dataset carries.
pub(super) fn copy_list(t: &Table, path: &str, adsl: &[String], d: &mut Diag) -> Vec<String> {
    let p = join(path, "copy");
    let Some(v) = t.get("copy") else {
        return Vec::new();
    };
    let names = texts(v, &p, d).unwrap_or_default();
    names
        .into_iter()
        .filter(|n| {
            let ok = adsl.contains(n);
            if !ok {
                d.near(
                    &p,
                    format!("ADSL has no variable `{n}`"),
                    n,
                    adsl.iter().map(String::as_str),
                );
            }
            ok
        })
        .collect()
}
