//! The endpoint table the paper reports, computed from the ADaM datasets (ADSL, ADTTE,
//! ADRE) rather than from SDTM, so it can be re-derived by anyone holding the ADaM
//! submission.
//!
//! Rules; which endpoints, time points, populations and strata come from the spec
//! (`summary.toml`):
//! - Time to event (an ADTTE parameter, or a dose dataset's threshold parameter), subjects of the population (the ADSL flag = Y),
//!   groups = TRTP in TRTPN order: n, events (CNSR = 0), Kaplan–Meier S(t) with the 95%
//!   log(−log) interval at the spec's day, median; the log-rank p value, the log-rank p
//!   stratified by the spec's ADSL variable; Cox hazard ratios (Efron ties) of each other
//!   arm versus TRTPN = 1 with 95% CI and Wald p.
//! - Change from baseline (a BDS parameter at one analysis visit, ANL01FL = Y), subjects
//!   of the population: n, mean, SD, median, min, max of CHG per TRTP.
//! - The population is printed as the flag's name without `FL` (ITT, PPROT).
//! - A statistic the data cannot support (no events, one arm) is left empty and the
//!   reason recorded in `notes`; nothing is dropped silently.

use crate::input::{Row, Table};
use crate::spec::{AnalysisSpec, ChangeSpec, ProportionSpec, TteSpec};
use crate::stats::wilson;
use crate::stats::{
    Covariate, CoxOptions, KaplanMeier, SurvivalData, cox_ph, cox_treatment, kaplan_meier_by_group,
    logrank, logrank_stratified, summarize_by_group,
};
use model::Dataset;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    pub study: String,
    pub conf_level: f64,
    pub time_to_event: Vec<TteEndpoint>,
    pub change: Vec<ChangeEndpoint>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub proportion: Vec<ProportionEndpoint>,
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProportionEndpoint {
    pub paramcd: String,
    pub param: String,
    pub avisit: String,
    pub population: String,
    pub arms: Vec<ProportionArm>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProportionArm {
    pub arm: String,
    /// Evaluable subjects (AVALC Y or N).
    pub n: usize,
    pub responders: usize,
    pub not_evaluable: usize,
    pub estimate: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TteEndpoint {
    pub paramcd: String,
    pub param: String,
    pub population: String,
    /// Days after randomization at which S(t) is read.
    pub time_point: f64,
    pub arms: Vec<TteArm>,
    pub logrank_p: Option<f64>,
    pub logrank_stratified_p: Option<f64>,
    pub hazard_ratios: Vec<HazardRatio>,
    /// The spec's Cox covariates (ADSL variables) and the treatment hazard ratios adjusted
    /// for them; empty when the spec names none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub covariates: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub adjusted_hazard_ratios: Vec<HazardRatio>,
    /// The product-limit tables behind the plot, one per arm.
    #[serde(skip)]
    pub curves: Vec<KaplanMeier>,
    /// The ADSL variable of the stratified log-rank test.
    #[serde(skip)]
    pub strata: Option<String>,
    /// What time zero is (the spec's origin, e.g. `randomization`), for the plot's axis.
    #[serde(skip)]
    pub origin: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TteArm {
    pub arm: String,
    pub n: usize,
    pub events: usize,
    pub estimate: f64,
    pub lower: f64,
    pub upper: f64,
    pub median: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HazardRatio {
    pub arm: String,
    pub reference: String,
    pub hazard_ratio: f64,
    pub lower: f64,
    pub upper: f64,
    pub p_value: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeEndpoint {
    pub paramcd: String,
    pub param: String,
    pub avisit: String,
    pub population: String,
    pub arms: Vec<ChangeArm>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChangeArm {
    pub arm: String,
    pub n: usize,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    pub median: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
}

/// Per subject, the ADSL record.
type Adsl<'a> = BTreeMap<&'a str, Row<'a>>;

pub(crate) fn summarize(adam: &[Dataset], spec: &AnalysisSpec) -> Summary {
    let mut notes = Vec::new();
    let adsl: Adsl<'_> = Table::find(adam, "ADSL")
        .map(|t| {
            t.rows()
                .filter_map(|r| Some((r.str("USUBJID")?, r)))
                .collect()
        })
        .unwrap_or_default();
    let study = adsl
        .values()
        .find_map(|r| r.str("STUDYID"))
        .unwrap_or_default()
        .to_owned();
    let mut time_to_event = Vec::new();
    for e in &spec.summary.time_to_event {
        if let Some(t) = Table::find(adam, &e.dataset)
            && let Some(mut e) = tte(t, &adsl, e, &mut notes)
        {
            e.origin = spec.origin.name.to_ascii_lowercase();
            time_to_event.push(e);
        }
    }
    let mut change = Vec::new();
    for c in &spec.summary.change {
        if let Some(t) = Table::find(adam, &c.dataset) {
            change.extend(chg(t, &adsl, c, &mut notes));
        }
    }
    let mut proportion = Vec::new();
    for p in &spec.summary.proportion {
        if let Some(t) = Table::find(adam, &p.dataset) {
            proportion.extend(responders(t, &adsl, p, &mut notes));
        }
    }
    Summary {
        study,
        conf_level: 0.95,
        time_to_event,
        change,
        proportion,
        notes,
    }
}

fn in_population(adsl: &Adsl<'_>, r: &Row<'_>, flag: &str) -> bool {
    r.str("USUBJID")
        .and_then(|u| adsl.get(u))
        .is_some_and(|a| a.str(flag) == Some("Y"))
}

fn population_name(flag: &str) -> String {
    flag.strip_suffix("FL").unwrap_or(flag).to_owned()
}

/// Arm labels in TRTPN order.
fn arm_order<'a>(rows: impl Iterator<Item = (&'a str, Option<f64>)>) -> Vec<String> {
    let mut arms: BTreeMap<&str, f64> = BTreeMap::new();
    for (a, n) in rows {
        let e = arms.entry(a).or_insert(f64::INFINITY);
        *e = e.min(n.unwrap_or(f64::INFINITY));
    }
    let mut v: Vec<(&str, f64)> = arms.into_iter().collect();
    v.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(b.0)));
    v.into_iter().map(|(a, _)| a.to_owned()).collect()
}

fn tte(
    t: Table<'_>,
    adsl: &Adsl<'_>,
    spec: &TteSpec,
    notes: &mut Vec<String>,
) -> Option<TteEndpoint> {
    let (cd, at) = (spec.paramcd.as_str(), spec.at_day);
    let rows: Vec<_> = t
        .rows()
        .filter(|r| r.str("PARAMCD") == Some(cd) && in_population(adsl, r, &spec.population))
        .collect();
    let param = rows.first()?.str("PARAM").unwrap_or(cd).to_owned();
    // Each analysed row with its covariates from ADSL (None where one is missing).
    let (data, covs): (Vec<SurvivalData>, Vec<Option<Vec<f64>>>) = rows
        .iter()
        .filter_map(|r| {
            let mut d =
                SurvivalData::new(r.num("AVAL")?, r.num("CNSR")? == 0.0).with_group(r.str("TRTP")?);
            let a = r.str("USUBJID").and_then(|u| adsl.get(u));
            d.stratum = spec
                .strata
                .as_deref()
                .and_then(|v| a.and_then(|a| a.str(v)).map(str::to_owned));
            let x: Option<Vec<f64>> = spec
                .covariates
                .iter()
                .map(|v| a.and_then(|a| a.num(v)))
                .collect();
            Some((d, x))
        })
        .unzip();
    let order = arm_order(
        rows.iter()
            .filter_map(|r| Some((r.str("TRTP")?, r.num("TRTPN")))),
    );
    let mut note = |what: &str, e: &dyn std::fmt::Display| notes.push(format!("{cd} {what}: {e}"));
    let mut curves = match kaplan_meier_by_group(&data, 0.95) {
        Ok(k) => k,
        Err(e) => {
            note("Kaplan-Meier", &e);
            return None;
        }
    };
    curves.sort_by_key(|k| order.iter().position(|a| Some(a) == k.group.as_ref()));
    let arms = curves
        .iter()
        .map(|k| {
            let p = k.at(at);
            TteArm {
                arm: k.group.clone().unwrap_or_default(),
                n: k.n,
                events: k.events,
                estimate: p.survival,
                lower: p.ci_loglog.lower,
                upper: p.ci_loglog.upper,
                median: k.median().estimate,
            }
        })
        .collect();
    let logrank_p = logrank(&data)
        .map_err(|e| note("log-rank", &e))
        .ok()
        .map(|l| l.p_value);
    let logrank_stratified_p = match &spec.strata {
        None => None,
        Some(_) if data.iter().all(|d| d.stratum.is_some()) => logrank_stratified(&data)
            .map_err(|e| note("stratified log-rank", &e))
            .ok()
            .map(|l| l.p_value),
        Some(v) => {
            note(
                "stratified log-rank",
                &format!("{v} missing for some subjects"),
            );
            None
        }
    };
    let mut hazard_ratios = Vec::new();
    if let Some(reference) = order.first() {
        for arm in order.iter().skip(1) {
            let two: Vec<SurvivalData> = data
                .iter()
                .filter(|d| d.group.as_ref().is_some_and(|g| g == arm || g == reference))
                .cloned()
                .collect();
            match cox_treatment(&two, arm, false, &CoxOptions::default()) {
                Ok(fit) => {
                    if let Some(c) = fit.coefficients.first() {
                        hazard_ratios.push(HazardRatio {
                            arm: arm.clone(),
                            reference: reference.clone(),
                            hazard_ratio: c.hazard_ratio,
                            lower: c.hr_ci.lower,
                            upper: c.hr_ci.upper,
                            p_value: c.p_value,
                        });
                    }
                }
                Err(e) => note(&format!("hazard ratio {arm} vs {reference}"), &e),
            }
        }
    }
    let adjusted_hazard_ratios = if spec.covariates.is_empty() {
        Vec::new()
    } else {
        adjusted(&data, &covs, &order, spec, &mut note)
    };
    Some(TteEndpoint {
        covariates: spec.covariates.clone(),
        adjusted_hazard_ratios,
        paramcd: cd.to_owned(),
        param,
        population: population_name(&spec.population),
        time_point: at,
        arms,
        logrank_p,
        logrank_stratified_p,
        hazard_ratios,
        curves,
        strata: spec.strata.clone(),
        origin: String::new(),
    })
}

/// Hazard ratios of each arm versus the first, from a Cox model of treatment and the
/// spec's covariates, on the subjects with every covariate (complete cases).
fn adjusted(
    data: &[SurvivalData],
    covs: &[Option<Vec<f64>>],
    order: &[String],
    spec: &TteSpec,
    note: &mut impl FnMut(&str, &dyn std::fmt::Display),
) -> Vec<HazardRatio> {
    let Some(reference) = order.first() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for arm in order.iter().skip(1) {
        let picked: Vec<(&SurvivalData, &Vec<f64>)> = data
            .iter()
            .zip(covs)
            .filter(|(d, _)| d.group.as_ref().is_some_and(|g| g == arm || g == reference))
            .filter_map(|(d, x)| Some((d, x.as_ref()?)))
            .collect();
        let left_out = data
            .iter()
            .zip(covs)
            .filter(|(d, x)| {
                x.is_none() && d.group.as_ref().is_some_and(|g| g == arm || g == reference)
            })
            .count();
        if left_out > 0 {
            note(
                &format!("adjusted hazard ratio {arm} vs {reference}"),
                &format!("{left_out} subject(s) without every covariate left out"),
            );
        }
        let rows: Vec<SurvivalData> = picked.iter().map(|(d, _)| (*d).clone()).collect();
        let mut columns = vec![Covariate::new(
            "trt",
            rows.iter()
                .map(|d| f64::from(u8::from(d.group.as_deref() == Some(arm.as_str()))))
                .collect(),
        )];
        for (i, name) in spec.covariates.iter().enumerate() {
            columns.push(Covariate::new(
                name.clone(),
                picked.iter().map(|(_, x)| x[i]).collect(),
            ));
        }
        match cox_ph(&rows, &columns, false, &CoxOptions::default()) {
            Ok(fit) => {
                if let Some(c) = fit.coefficients.first() {
                    out.push(HazardRatio {
                        arm: arm.clone(),
                        reference: reference.clone(),
                        hazard_ratio: c.hazard_ratio,
                        lower: c.hr_ci.lower,
                        upper: c.hr_ci.upper,
                        p_value: c.p_value,
                    });
                }
            }
            Err(e) => note(&format!("adjusted hazard ratio {arm} vs {reference}"), &e),
        }
    }
    out
}

fn responders(
    t: Table<'_>,
    adsl: &Adsl<'_>,
    spec: &ProportionSpec,
    notes: &mut Vec<String>,
) -> Option<ProportionEndpoint> {
    let (cd, visit) = (spec.paramcd.as_str(), spec.avisit.as_str());
    let rows: Vec<_> = t
        .rows()
        .filter(|r| {
            r.str("PARAMCD") == Some(cd)
                && r.str("AVISIT") == Some(visit)
                && in_population(adsl, r, &spec.population)
        })
        .collect();
    let param = rows.first()?.str("PARAM").unwrap_or(cd).to_owned();
    let order = arm_order(
        rows.iter()
            .filter_map(|r| Some((r.str("TRTP")?, r.num("TRTPN")))),
    );
    let arms = order
        .iter()
        .map(|arm| {
            let of_arm = rows.iter().filter(|r| r.str("TRTP") == Some(arm.as_str()));
            let (mut yes, mut no, mut ne) = (0, 0, 0);
            for r in of_arm {
                match r.str("AVALC").map(str::to_ascii_uppercase).as_deref() {
                    Some("Y") => yes += 1,
                    Some("N") => no += 1,
                    _ => ne += 1,
                }
            }
            let p = match wilson(yes, yes + no, 0.95) {
                Ok(p) => Some(p),
                Err(e) => {
                    notes.push(format!("{cd} {visit} responders {arm}: {e}"));
                    None
                }
            };
            ProportionArm {
                arm: arm.clone(),
                n: yes + no,
                responders: yes,
                not_evaluable: ne,
                estimate: p.map(|p| p.estimate),
                lower: p.map(|p| p.lower),
                upper: p.map(|p| p.upper),
            }
        })
        .collect();
    Some(ProportionEndpoint {
        paramcd: cd.to_owned(),
        param,
        avisit: visit.to_owned(),
        population: population_name(&spec.population),
        arms,
    })
}

fn chg(
    t: Table<'_>,
    adsl: &Adsl<'_>,
    spec: &ChangeSpec,
    notes: &mut Vec<String>,
) -> Option<ChangeEndpoint> {
    let (cd, visit) = (spec.paramcd.as_str(), spec.avisit.as_str());
    let rows: Vec<_> = t
        .rows()
        .filter(|r| {
            r.str("PARAMCD") == Some(cd)
                && r.str("AVISIT") == Some(visit)
                && r.str("ANL01FL") == Some("Y")
                && in_population(adsl, r, &spec.population)
        })
        .collect();
    let param = rows.first()?.str("PARAM").unwrap_or(cd).to_owned();
    let order = arm_order(
        rows.iter()
            .filter_map(|r| Some((r.str("TRTP")?, r.num("TRTPN")))),
    );
    let groups = match summarize_by_group(rows.iter().map(|r| (r.str("TRTP"), r.num("CHG")))) {
        Ok(g) => g,
        Err(e) => {
            notes.push(format!("{cd} change: {e}"));
            return None;
        }
    };
    let mut arms: Vec<ChangeArm> = groups
        .into_iter()
        .map(|g| ChangeArm {
            arm: g.group.unwrap_or_default(),
            n: g.summary.n,
            mean: g.summary.mean,
            sd: g.summary.sd,
            median: g.summary.median,
            min: g.summary.min,
            max: g.summary.max,
        })
        .collect();
    arms.sort_by_key(|a| order.iter().position(|o| *o == a.arm));
    Some(ChangeEndpoint {
        paramcd: cd.to_owned(),
        param,
        avisit: visit.to_owned(),
        population: population_name(&spec.population),
        arms,
    })
}

impl Summary {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    /// One row per endpoint and arm; test results repeat on each arm row, a hazard ratio
    /// sits on the row of the arm it compares with the reference.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "endpoint,param,population,arm,n,events,time_point,estimate,lower,upper,sd,median,\
             p_value,p_value_stratified,reference,hazard_ratio,hr_lower,hr_upper,hr_p_value\n",
        );
        let f = |v: Option<f64>| v.map(|x| x.to_string()).unwrap_or_default();
        for e in &self.time_to_event {
            for a in &e.arms {
                let hr = e.hazard_ratios.iter().find(|h| h.arm == a.arm);
                let _ = writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},,{},{},{},{},{},{},{},{}",
                    e.paramcd,
                    csv_field(&e.param),
                    e.population,
                    csv_field(&a.arm),
                    a.n,
                    a.events,
                    e.time_point,
                    a.estimate,
                    a.lower,
                    a.upper,
                    f(a.median),
                    f(e.logrank_p),
                    f(e.logrank_stratified_p),
                    hr.map(|h| csv_field(&h.reference)).unwrap_or_default(),
                    f(hr.map(|h| h.hazard_ratio)),
                    f(hr.map(|h| h.lower)),
                    f(hr.map(|h| h.upper)),
                    f(hr.map(|h| h.p_value)),
                );
            }
        }
        for e in &self.proportion {
            for a in &e.arms {
                let _ = writeln!(
                    out,
                    "{}_RESP,{},{},{},{},{},{},{},{},{},,,,,,,,,",
                    e.paramcd,
                    csv_field(&format!("{} responders", e.param)),
                    e.population,
                    csv_field(&a.arm),
                    a.n,
                    a.responders,
                    csv_field(&e.avisit),
                    f(a.estimate),
                    f(a.lower),
                    f(a.upper),
                );
            }
        }
        for c in &self.change {
            for a in &c.arms {
                let _ = writeln!(
                    out,
                    "{}_CHG,{},{},{},{},,{},{},,,{},{},,,,,,,",
                    c.paramcd,
                    csv_field(&format!("{} change from baseline", c.param)),
                    c.population,
                    csv_field(&a.arm),
                    a.n,
                    csv_field(&c.avisit),
                    f(a.mean),
                    f(a.sd),
                    f(a.median),
                );
            }
        }
        out
    }
}

/// Arm names and labels come from inputs: text a spreadsheet would run as a formula gets a
/// leading `'`, then RFC 4180 quoting.
fn csv_field(s: &str) -> String {
    let s = model::text::defuse_formula(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_from_inputs_never_start_a_formula() {
        assert_eq!(csv_field("Tacrolimus"), "Tacrolimus");
        assert_eq!(csv_field("TAC, 0.075 mg/kg"), "\"TAC, 0.075 mg/kg\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("-1"), "'-1");
        assert_eq!(csv_field("@SUM(A1)"), "'@SUM(A1)");
    }
}
