//! Analysis Results Metadata for the endpoint summary: one display per endpoint the summary
//! computed, each analysis on it (Kaplan–Meier, log-rank, Cox, change statistics) a result
//! naming the ADaM records and variables it reads, so define.xml traces every number on the
//! endpoint page to its data.

use adam::spec::{AnalysisSpec, ChangeSpec, ProportionSpec, Purpose, TteSpec};
use adam::summary::Summary;
use define::doc::{AnalysisDataset, AnalysisPurpose, AnalysisResult, Condition, ResultDisplay};

const REASON: &str = "SPECIFIED IN PROTOCOL";

fn purpose(p: Purpose) -> AnalysisPurpose {
    match p {
        Purpose::Primary => AnalysisPurpose::Primary,
        Purpose::Secondary => AnalysisPurpose::Secondary,
        Purpose::Exploratory => AnalysisPurpose::Exploratory,
    }
}

/// An OID part from a parameter code: letters, digits and `_`.
fn oid_part(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// The population's ADSL records, with the variables the analysis also reads from ADSL.
fn adsl(population: &str, more: &[&str]) -> AnalysisDataset {
    let mut variables = vec![population.to_owned()];
    variables.extend(more.iter().map(|v| (*v).to_owned()));
    AnalysisDataset {
        dataset: "ADSL".into(),
        conditions: vec![Condition::eq(population, "Y")],
        variables,
    }
}

fn code(spec: &str) -> Option<(String, String)> {
    Some((
        format!("trialbridge {}", env!("CARGO_PKG_VERSION")),
        format!(
            "trialbridge adam --sdtm <SDTM folder> --spec <analysis folder> --out <folder>\n# summary.toml: {spec}"
        ),
    ))
}

fn tte(t: &TteSpec, param: &str) -> ResultDisplay {
    let mut from_adsl: Vec<&str> = t.strata.iter().map(String::as_str).collect();
    from_adsl.extend(t.covariates.iter().map(String::as_str));
    let records = AnalysisDataset {
        dataset: t.dataset.clone(),
        conditions: vec![Condition::eq("PARAMCD", &t.paramcd)],
        variables: ["AVAL", "CNSR", "TRTP"].map(String::from).to_vec(),
    };
    let datasets = vec![records, adsl(&t.population, &from_adsl)];
    let pop = t.population.trim_end_matches("FL");
    let which = format!("[[time_to_event]] paramcd = \"{}\"", t.paramcd);
    let result = |description: String, documentation: String| AnalysisResult {
        description,
        parameter_of: Some(t.dataset.clone()),
        reason: REASON.into(),
        purpose: purpose(t.purpose),
        datasets: datasets.clone(),
        documentation,
        code: code(&which),
    };
    let mut results = vec![
        result(
            format!("Kaplan–Meier estimate of {param} at day {} by arm, with its 95% confidence interval, and the median", t.at_day),
            "Product-limit estimate of S(t) per arm (TRTP) from AVAL (days) and CNSR (0 = event); Greenwood variance; 95% interval on the log(−log) scale; the median is the first time S(t) ≤ 0.5, its interval from the interval's bounds.".into(),
        ),
        result(
            format!("Log-rank test of {param} across arms"),
            match &t.strata {
                Some(s) => format!("Log-rank (Mantel–Haenszel) chi-square test of equal survival across arms, and the same test stratified by ADSL.{s} (sums of observed − expected and variances over strata)."),
                None => "Log-rank (Mantel–Haenszel) chi-square test of equal survival across arms.".into(),
            },
        ),
        result(
            format!("Cox hazard ratio of {param} of each arm versus the first (TRTPN = 1)"),
            "Cox proportional hazards model of the arm indicator, Efron's method for ties; hazard ratio with 95% Wald confidence interval and Wald p value.".into(),
        ),
    ];
    if !t.covariates.is_empty() {
        let covs = t.covariates.join(", ");
        results.push(result(
            format!("Cox hazard ratio of {param} adjusted for {covs}"),
            format!("Cox proportional hazards model of the arm indicator and ADSL.{} (Efron's ties), on the subjects with every covariate.", t.covariates.join(", ADSL.")),
        ));
    }
    ResultDisplay {
        id: oid_part(&t.paramcd),
        name: format!("Endpoint {}", t.paramcd),
        description: format!("{param}: {pop} population; Kaplan–Meier, log-rank and Cox analyses"),
        results,
    }
}

fn change(c: &ChangeSpec, param: &str) -> ResultDisplay {
    let records = AnalysisDataset {
        dataset: c.dataset.clone(),
        conditions: vec![
            Condition::eq("PARAMCD", &c.paramcd),
            Condition::eq("AVISIT", &c.avisit),
            Condition::eq("ANL01FL", "Y"),
        ],
        variables: ["CHG", "TRTP"].map(String::from).to_vec(),
    };
    let pop = c.population.trim_end_matches("FL");
    let which = format!("[[change]] paramcd = \"{}\"", c.paramcd);
    ResultDisplay {
        id: format!("{}_CHG_{}", oid_part(&c.paramcd), oid_part(&c.avisit)),
        name: format!("Change from baseline in {} at {}", c.paramcd, c.avisit),
        description: format!("{param}: change from baseline to {} ({pop} population)", c.avisit),
        results: vec![AnalysisResult {
            description: format!("Summary statistics of the change from baseline in {param} at {} by arm", c.avisit),
            parameter_of: Some(c.dataset.clone()),
            reason: REASON.into(),
            purpose: purpose(c.purpose),
            datasets: vec![records, adsl(&c.population, &[])],
            documentation: "n, mean, standard deviation (n − 1), median, minimum and maximum of CHG per arm (TRTP), on the analysed record (ANL01FL = Y) of the visit.".into(),
            code: code(&which),
        }],
    }
}

fn proportion(c: &ProportionSpec, param: &str) -> ResultDisplay {
    let records = AnalysisDataset {
        dataset: c.dataset.clone(),
        conditions: vec![
            Condition::eq("PARAMCD", &c.paramcd),
            Condition::eq("AVISIT", &c.avisit),
        ],
        variables: ["AVALC", "TRTP"].map(String::from).to_vec(),
    };
    let pop = c.population.trim_end_matches("FL");
    let which = format!("[[proportion]] paramcd = \"{}\"", c.paramcd);
    ResultDisplay {
        id: format!("{}_RESP_{}", oid_part(&c.paramcd), oid_part(&c.avisit)),
        name: format!("Responders {} at {}", c.paramcd, c.avisit),
        description: format!("{param}: responders at {} ({pop} population)", c.avisit),
        results: vec![AnalysisResult {
            description: format!("Proportion of responders ({param}) at {} by arm", c.avisit),
            parameter_of: Some(c.dataset.clone()),
            reason: REASON.into(),
            purpose: purpose(c.purpose),
            datasets: vec![records, adsl(&c.population, &[])],
            documentation: "Responders (AVALC = Y) out of the evaluable subjects (AVALC Y or N) per arm (TRTP), with the Wilson score 95% interval; not-evaluable records (AVALC NE) are counted apart.".into(),
            code: code(&which),
        }],
    }
}

/// The displays of the endpoints `summary` computed, in its order.
pub fn results(spec: &AnalysisSpec, summary: &Summary) -> Vec<ResultDisplay> {
    let mut out = Vec::new();
    for e in &summary.time_to_event {
        if let Some(t) = spec
            .summary
            .time_to_event
            .iter()
            .find(|t| t.paramcd == e.paramcd)
        {
            out.push(tte(t, &e.param));
        }
    }
    for e in &summary.change {
        if let Some(c) = spec
            .summary
            .change
            .iter()
            .find(|c| c.paramcd == e.paramcd && c.avisit == e.avisit)
        {
            out.push(change(c, &e.param));
        }
    }
    for e in &summary.proportion {
        if let Some(c) = spec
            .summary
            .proportion
            .iter()
            .find(|c| c.paramcd == e.paramcd && c.avisit == e.avisit)
        {
            out.push(proportion(c, &e.param));
        }
    }
    out
}
