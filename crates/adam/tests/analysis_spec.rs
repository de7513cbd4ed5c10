//! Analysis specs: the example study's compiles; every mistake is reported with its file,
//! key path and, for a near name, the intended one — all at once.
#![allow(clippy::unwrap_used)]

use adam::spec::{self, CensorAt, Horizon, SpecError};
use spec_text::*;

mod spec_text {
    pub const ANALYSIS: &str = r#"
[origin]
name = "RANDOMIZATION"
domain = "DS"
where = { DSDECOD = "RANDOMIZED" }
date = "DSSTDTC"

[windows]
visits = [
  { avisit = "MONTH 6", avisitn = 6, target = 183, days = [2, 273] },
  { avisit = "MONTH 12", avisitn = 12, target = 366, days = [274, 456] },
]

[events.death]
description = "DEATH"
death = true
"#;
    pub const ADSL: &str = r#"
[[population]]
name = "PPROTFL"
all = [{ measured = { domain = "RE", test = "FVCPP", avisit = "MONTH 12" } }]
"#;
}

fn compile(files: &[(&str, &str)]) -> Result<spec::AnalysisSpec, SpecError> {
    let owned: Vec<(String, String)> = files
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    spec::compile(&owned)
}

/// The problems, one line each.
fn problems(files: &[(&str, &str)]) -> Vec<String> {
    match compile(files) {
        Ok(_) => Vec::new(),
        Err(SpecError::Spec(ps)) => ps.iter().map(ToString::to_string).collect(),
        Err(e) => vec![e.to_string()],
    }
}

fn has(ps: &[String], want: &str) {
    assert!(
        ps.iter().any(|p| p == want),
        "no `{want}` in\n{}",
        ps.join("\n")
    );
}

#[test]
fn the_example_folder_compiles_to_the_embedded_spec() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../analyses/umin000015469");
    let from_dir = spec::compile_dir(&dir).unwrap();
    let embedded = spec::example();
    assert_eq!(from_dir, embedded);
    let tte = embedded.adtte.as_ref().unwrap();
    let cds: Vec<&str> = tte.parameters.iter().map(|p| p.paramcd.as_str()).collect();
    assert_eq!(cds, ["OS", "PFS", "OS12"]);
    assert_eq!(tte.parameters[0].horizon, Horizon::Days(364));
    assert_eq!(tte.parameters[2].horizon, Horizon::Months(12));
    assert!(matches!(&tte.parameters[1].censor.at, CensorAt::Latest(v) if v.len() == 2));
    assert_eq!(embedded.windows.of(1).unwrap().0, "BASELINE");
    assert_eq!(embedded.windows.of(57).unwrap().0, "WEEK 12");
    assert!(embedded.windows.of(421).is_none());
}

#[test]
fn a_minimal_spec_compiles() {
    let s = compile(&[("analysis.toml", ANALYSIS), ("adsl.toml", ADSL)]).unwrap();
    assert!(s.adtte.is_none());
    assert!(s.bds.is_empty());
    assert_eq!(s.adsl.populations[0].of, "ITTFL");
    assert_eq!(s.windows.avisitn("MONTH 12"), Some(12.0));
}

#[test]
fn the_required_files_are_named_when_missing() {
    let ps = problems(&[("adtte.toml", "")]);
    has(
        &ps,
        "analysis.toml: this file is required in an analysis spec",
    );
    has(&ps, "adsl.toml: this file is required in an analysis spec");
}

#[test]
fn invalid_toml_is_one_problem_with_its_line() {
    let ps = problems(&[
        ("analysis.toml", ANALYSIS),
        ("adsl.toml", "[[population]\n"),
    ]);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].starts_with("adsl.toml: not valid TOML"), "{ps:?}");
}

#[test]
fn misspelt_names_get_the_intended_one() {
    let analysis = ANALYSIS
        .replace("DSDECOD", "DSDECD")
        .replace("[windows]", "[windws]");
    let adtte = r#"
copy = ["ITTFL", "STRAT1R"]
[[parameter]]
paramcd = "OS12"
param = "Survival"
events = ["deth"]
horizon = "P12M"
horizon_description = "END OF 12-MONTH FOLLOW-UP"
censor = { at = "LSTALVD", description = "ALIVE", date_description = "LAST KNOWN ALIVE DATE" }
"#;
    let adsl = ADSL.replace("MONTH 12", "MONTH 13");
    let ps = problems(&[
        ("analysis.toml", &analysis),
        ("adsl.toml", &adsl),
        ("adtte.toml", adtte),
    ]);
    has(
        &ps,
        "analysis.toml: origin.where.DSDECD: SDTMIG has no variable `DSDECD` in DS (did you mean `DSDECOD`?)",
    );
    has(
        &ps,
        "analysis.toml: windws: unknown key `windws`; allowed here: origin, windows, events, safety (did you mean `windows`?)",
    );
    has(
        &ps,
        "adtte.toml: parameter[0].events: no event `deth` in analysis.toml [events] (did you mean `death`?)",
    );
    has(
        &ps,
        "adtte.toml: parameter[0].censor.at: ADSL has no variable `LSTALVD` (did you mean `LSTALVDT`?)",
    );
    has(&ps, "adtte.toml: copy: ADSL has no variable `STRAT1R`");
    assert!(
        ps.iter().any(|p| p.starts_with(
            "adsl.toml: population[0].all[0].measured.avisit: no analysis visit `MONTH 13`"
        )),
        "{ps:?}"
    );
}

#[test]
fn durations_windows_and_names_are_checked() {
    let analysis = ANALYSIS.replace("days = [274, 456]", "days = [270, 456]");
    let adsl = r#"
[[population]]
name = "PPROT"
of = "EFFFL"
[[variable]]
name = "SAFFL"
value = { domain = "DM", var = "ARM" }
[[variable]]
name = "lowercase"
baseline = { domain = "RE", test = "FVCPP" }
"#;
    let adtte = r#"
[[parameter]]
paramcd = "OS12"
param = "Survival"
events = ["death"]
horizon = "12 months"
horizon_description = "END"
censor = { description = "ALIVE", date_description = "LAST" }
"#;
    let ps = problems(&[
        ("analysis.toml", &analysis),
        ("adsl.toml", adsl),
        ("adtte.toml", adtte),
        (
            "adre.toml",
            "dataset = \"RE\"\nlabel = \"x\"\ndomain = \"RE\"\n",
        ),
    ]);
    has(
        &ps,
        "analysis.toml: windows.visits[1].days: overlaps MONTH 6 (days 2–273)",
    );
    has(
        &ps,
        "adsl.toml: population[0].name: a population flag ends in FL: `PPROT`",
    );
    assert!(
        ps.iter()
            .any(|p| p.starts_with("adsl.toml: population[0].of: `EFFFL` is not ITTFL, SAFFL")),
        "{ps:?}"
    );
    has(
        &ps,
        "adsl.toml: variable[0].name: ADSL already has a variable `SAFFL`",
    );
    assert!(
        ps.iter()
            .any(|p| p.starts_with("adsl.toml: variable[1].name: `lowercase` is not an ADaM name")),
        "{ps:?}"
    );
    assert!(
        ps.iter().any(|p| p.starts_with(
            "adtte.toml: parameter[0].horizon: `12 months`: expected an ISO 8601 duration"
        )),
        "{ps:?}"
    );
    assert!(
        ps.iter().any(|p| p
            .starts_with("adtte.toml: parameter[0].censor: a censoring rule needs one of `at`")),
        "{ps:?}"
    );
    has(
        &ps,
        "adre.toml: dataset: an ADaM dataset name starts with AD: `RE`",
    );
    assert!(ps.len() >= 8, "every problem at once: {ps:?}");
}

#[test]
fn conditions_need_one_test_and_known_variables() {
    let analysis = ANALYSIS.to_owned()
        + r#"
[events.progression]
description = "PROGRESSION"
domain = "CE"
date = "CESTDTC"
where = [
  { var = "CECAT", is = "X", not = "Y" },
  { var = "CETERMX", contains = "PROGRESSION" },
  { is = "N" },
]
"#;
    let ps = problems(&[("analysis.toml", &analysis), ("adsl.toml", ADSL)]);
    has(
        &ps,
        "analysis.toml: events.progression.where[0]: a condition needs exactly one of is, not, contains, present",
    );
    has(
        &ps,
        "analysis.toml: events.progression.where[1].var: SDTMIG has no variable `CETERMX` in CE (did you mean `CETERM`?)",
    );
    has(
        &ps,
        "analysis.toml: events.progression.where[2]: a condition needs `var`, the variable it tests",
    );
}

#[test]
fn horizons_in_weeks_days_months_and_years() {
    let adtte = |h: &str| {
        format!(
            "[[parameter]]\nparamcd = \"OS\"\nparam = \"OS\"\nevents = [\"death\"]\nhorizon = \"{h}\"\nhorizon_description = \"END\"\ncensor = {{ at = \"LSTALVDT\", description = \"ALIVE\", date_description = \"LAST\" }}\n"
        )
    };
    let h = |x: &str| {
        let s = compile(&[
            ("analysis.toml", ANALYSIS),
            ("adsl.toml", ADSL),
            ("adtte.toml", &adtte(x)),
        ])
        .unwrap();
        s.adtte.unwrap().parameters[0].horizon
    };
    assert_eq!(h("P52W"), Horizon::Days(364));
    assert_eq!(h("P365D"), Horizon::Days(365));
    assert_eq!(h("P12M"), Horizon::Months(12));
    assert_eq!(h("P1Y"), Horizon::Months(12));
    assert_eq!(Horizon::Months(12).nominal_days(), 365.0);
    assert_eq!(h("P100Y"), Horizon::Months(1200));
    // Longer than 100 years is a typo, and overflowing ones must not wrap.
    for bad in [
        "P0M",
        "P12",
        "12M",
        "P1.5Y",
        "P101Y",
        "P9223372036854775807W",
        "P99999999999Y",
    ] {
        let ps = problems(&[
            ("analysis.toml", ANALYSIS),
            ("adsl.toml", ADSL),
            ("adtte.toml", &adtte(bad)),
        ]);
        assert_eq!(ps.len(), 1, "{bad}: {ps:?}");
    }
}

#[test]
fn spans_of_days_are_whole_and_at_most_a_hundred_years() {
    let analysis = ANALYSIS.to_owned() + "[safety]\nteae_window_days = 1e12\n";
    let ps = problems(&[("analysis.toml", &analysis), ("adsl.toml", ADSL)]);
    has(
        &ps,
        "analysis.toml: safety.teae_window_days: expected a whole number of days from 0 to 36525, found 1000000000000",
    );
    let adre = "dataset = \"ADRE\"\nlabel = \"x\"\ndomain = \"RE\"\n[[slope]]\nparamcd = \"S\"\nparam = \"S\"\nof = \"FVCPP\"\nup_to_day = 0.5\n";
    let ps = problems(&[
        ("analysis.toml", ANALYSIS),
        ("adsl.toml", ADSL),
        ("adre.toml", adre),
    ]);
    has(
        &ps,
        "adre.toml: slope[0].up_to_day: expected a whole number of days from 2 to 36525, found 0.5",
    );
}
