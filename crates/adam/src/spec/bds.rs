//! `ad<xx>.toml` for a findings domain: a BDS dataset with one record per numeric result,
//! analysis windows, baseline and change, and derived parameters.

use super::adtte::copy_list;
use super::names::{self, Ctx};
use spec::toml::Table;
use spec::{Diag, boolean, check_keys};

#[derive(Debug, Clone, PartialEq)]
pub struct BdsSpec {
    pub dataset: String,
    pub label: String,
    /// The SDTM findings domain (`--TESTCD`, `--STRESN`, `--DTC`).
    pub domain: String,
    /// The `--TESTCD` values taken; all numeric results when empty.
    pub tests: Vec<String>,
    pub copy: Vec<String>,
    /// ANRLO/ANRHI/ANRIND from `--STNRLO`/`--STNRHI`.
    pub ranges: bool,
    pub criteria: Vec<PchgCriterion>,
    pub slopes: Vec<Slope>,
}

/// CRIT1/CRIT1FL on post-baseline records of one parameter: Y when PCHG <= the limit.
#[derive(Debug, Clone, PartialEq)]
pub struct PchgCriterion {
    pub paramcd: String,
    pub text: String,
    pub pchg_at_most: f64,
}

/// A derived parameter: the least-squares slope of AVAL on ADY over the analysed records
/// (ANL01FL) up to a day, per year (365.25 days).
#[derive(Debug, Clone, PartialEq)]
pub struct Slope {
    pub paramcd: String,
    pub param: String,
    pub of: String,
    pub up_to_day: i64,
}

pub(super) fn compile(t: &Table, cx: &Ctx, adsl: &[String], d: &mut Diag) -> Option<BdsSpec> {
    check_keys(
        t,
        "",
        &[
            "dataset",
            "label",
            "domain",
            "copy",
            "ranges",
            "criterion",
            "slope",
        ],
        d,
    );
    let dataset = names::adam_name(t, "dataset", "", d);
    if let Some(ds) = &dataset
        && !ds.starts_with("AD")
    {
        d.err(
            "dataset",
            format!("an ADaM dataset name starts with AD: `{ds}`"),
        );
    }
    let label = names::required(t, "label", "", d);
    let domain = names::domain(t, "", cx, d);
    let copy = copy_list(t, "", adsl, d);
    let tests = match t.get("tests") {
        Some(v) => super::select::texts(v, "tests", d).unwrap_or_default(),
        None => Vec::new(),
    };
    let ranges = boolean(t, "ranges", "", d).unwrap_or(false);
    let mut criteria = Vec::new();
    for (i, c) in spec::tables(t, "criterion", "", d).into_iter().enumerate() {
        let path = format!("criterion[{i}]");
        check_keys(c, &path, &["paramcd", "text", "pchg_at_most"], d);
        if let (Some(paramcd), Some(text), Some(pchg_at_most)) = (
            names::adam_name(c, "paramcd", &path, d),
            names::required(c, "text", &path, d),
            names::number(c, "pchg_at_most", &path, d),
        ) {
            criteria.push(PchgCriterion {
                paramcd,
                text,
                pchg_at_most,
            });
        }
    }
    let mut slopes = Vec::new();
    for (i, s) in spec::tables(t, "slope", "", d).into_iter().enumerate() {
        let path = format!("slope[{i}]");
        check_keys(s, &path, &["paramcd", "param", "of", "up_to_day"], d);
        if let (Some(paramcd), Some(param), Some(of), Some(up_to_day)) = (
            names::adam_name(s, "paramcd", &path, d),
            names::required(s, "param", &path, d),
            names::required(s, "of", &path, d),
            names::days(s, "up_to_day", &path, 2, d),
        ) {
            slopes.push(Slope {
                paramcd,
                param,
                of,
                up_to_day,
            });
        }
    }
    Some(BdsSpec {
        dataset: dataset?,
        label: label?,
        domain: domain?,
        tests,
        copy,
        ranges,
        criteria,
        slopes,
    })
}
