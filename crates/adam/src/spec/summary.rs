//! `summary.toml`: the endpoint table — which time-to-event parameters (read at which day,
//! in which population, stratified by what) and which changes from baseline.

use super::names;
use spec::toml::Table;
use spec::{Diag, check_keys, join, string};

/// What an endpoint is in the protocol; Analysis Results Metadata says it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Purpose {
    Primary,
    #[default]
    Secondary,
    Exploratory,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SummarySpec {
    pub time_to_event: Vec<TteSpec>,
    pub change: Vec<ChangeSpec>,
    pub proportion: Vec<ProportionSpec>,
}

/// Responders (AVALC = Y) of a parameter at one analysis visit by arm, out of the evaluable
/// subjects (AVALC Y or N), with the Wilson 95% interval; NE records are counted apart.
#[derive(Debug, Clone, PartialEq)]
pub struct ProportionSpec {
    pub purpose: Purpose,
    pub dataset: String,
    pub paramcd: String,
    pub avisit: String,
    pub population: String,
}

/// Kaplan–Meier by arm read at `at_day`, log-rank (and stratified by `strata`), Cox hazard
/// ratios versus the first arm.
#[derive(Debug, Clone, PartialEq)]
pub struct TteSpec {
    pub purpose: Purpose,
    /// ADTTE, or a dataset with time-to-event parameters (a dose dataset's threshold).
    pub dataset: String,
    pub paramcd: String,
    pub at_day: f64,
    /// An ADSL population flag.
    pub population: String,
    pub strata: Option<String>,
    /// ADSL numeric variables a Cox model adjusts the treatment hazard ratio for.
    pub covariates: Vec<String>,
}

/// n, mean, SD, median, min, max of CHG by arm at one analysis visit (ANL01FL records).
#[derive(Debug, Clone, PartialEq)]
pub struct ChangeSpec {
    pub purpose: Purpose,
    pub dataset: String,
    pub paramcd: String,
    pub avisit: String,
    pub population: String,
}

pub(super) fn compile(t: &Table, adsl: &[String], windows: &[String], d: &mut Diag) -> SummarySpec {
    check_keys(t, "", &["time_to_event", "change", "proportion"], d);
    let flag = |p: &Table, path: &str, d: &mut Diag| {
        let v = string(p, "population", path, d).unwrap_or_else(|| "ITTFL".into());
        if !adsl.contains(&v) || !v.ends_with("FL") {
            d.near(
                &join(path, "population"),
                format!("`{v}` is not an ADSL population flag"),
                &v,
                adsl.iter().map(String::as_str),
            );
        }
        v
    };
    let mut out = SummarySpec::default();
    for (i, p) in spec::tables(t, "time_to_event", "", d)
        .into_iter()
        .enumerate()
    {
        let path = format!("time_to_event[{i}]");
        check_keys(
            p,
            &path,
            &[
                "purpose",
                "dataset",
                "paramcd",
                "at_day",
                "population",
                "strata",
                "covariates",
            ],
            d,
        );
        let covariates = match p.get("covariates") {
            Some(v) => super::select::texts(v, &join(&path, "covariates"), d).unwrap_or_default(),
            None => Vec::new(),
        };
        for c in covariates.iter().filter(|c| !adsl.contains(c)) {
            d.near(
                &join(&path, "covariates"),
                format!("ADSL has no variable `{c}`"),
                c,
                adsl.iter().map(String::as_str),
            );
        }
        let dataset = string(p, "dataset", &path, d).unwrap_or_else(|| "ADTTE".into());
        let population = flag(p, &path, d);
        let strata = string(p, "strata", &path, d);
        if let Some(s) = strata.as_ref().filter(|s| !adsl.contains(s)) {
            d.near(
                &join(&path, "strata"),
                format!("ADSL has no variable `{s}`"),
                s,
                adsl.iter().map(String::as_str),
            );
        }
        if let (Some(paramcd), Some(at_day)) = (
            names::adam_name(p, "paramcd", &path, d),
            names::number(p, "at_day", &path, d).filter(|x| {
                let ok = x.is_finite() && *x >= 0.0 && *x <= names::MAX_DAYS as f64;
                if !ok {
                    d.err(
                        &join(&path, "at_day"),
                        format!("`{x}` is not a day from 0 to {}", names::MAX_DAYS),
                    );
                }
                ok
            }),
        ) {
            out.time_to_event.push(TteSpec {
                purpose: purpose(p, &path, d),
                dataset,
                paramcd,
                at_day,
                population,
                strata,
                covariates,
            });
        }
    }
    for (i, p) in spec::tables(t, "change", "", d).into_iter().enumerate() {
        let path = format!("change[{i}]");
        check_keys(
            p,
            &path,
            &["purpose", "dataset", "paramcd", "avisit", "population"],
            d,
        );
        let population = flag(p, &path, d);
        if let (Some(dataset), Some(paramcd), Some(avisit)) = (
            names::adam_name(p, "dataset", &path, d),
            names::adam_name(p, "paramcd", &path, d),
            names::required(p, "avisit", &path, d),
        ) {
            if !windows.iter().any(|w| w.eq_ignore_ascii_case(&avisit)) {
                d.near(
                    &join(&path, "avisit"),
                    format!("no analysis visit `{avisit}` in analysis.toml [windows]"),
                    &avisit,
                    windows.iter().map(String::as_str),
                );
            }
            out.change.push(ChangeSpec {
                purpose: purpose(p, &path, d),
                dataset,
                paramcd,
                avisit,
                population,
            });
        }
    }
    for (i, p) in spec::tables(t, "proportion", "", d).into_iter().enumerate() {
        let path = format!("proportion[{i}]");
        check_keys(
            p,
            &path,
            &["purpose", "dataset", "paramcd", "avisit", "population"],
            d,
        );
        let population = flag(p, &path, d);
        if let (Some(dataset), Some(paramcd), Some(avisit)) = (
            names::adam_name(p, "dataset", &path, d),
            names::adam_name(p, "paramcd", &path, d),
            names::required(p, "avisit", &path, d),
        ) {
            out.proportion.push(ProportionSpec {
                purpose: purpose(p, &path, d),
                dataset,
                paramcd,
                avisit,
                population,
            });
        }
    }
    out
}

fn purpose(t: &Table, path: &str, d: &mut Diag) -> Purpose {
    match string(t, "purpose", path, d).as_deref() {
        None | Some("secondary") => Purpose::Secondary,
        Some("primary") => Purpose::Primary,
        Some("exploratory") => Purpose::Exploratory,
        Some(other) => {
            let allowed = ["primary", "secondary", "exploratory"];
            d.near(
                &join(path, "purpose"),
                format!("`{other}` is not one of {}", allowed.join(", ")),
                other,
                allowed,
            );
            Purpose::Secondary
        }
    }
}
