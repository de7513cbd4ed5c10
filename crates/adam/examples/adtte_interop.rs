//! Writes the real time-to-event data of both studies in the repository — the example
//! study (UMIN000015469: ADTTE OS, PFS, OS12 and ADGC TTPSL75, from its site workbooks)
//! and seed 000 (ADTTE OS12 and ADGC TTPSL75, from its CSV files), each derived by its
//! analysis spec — as `<study>_<param>.csv`, and trialbridge's statistics on them as
//! `.json`, into the directory given as the only argument, in the format
//! `tests/interop/stats_check.py` reads (see `stats_interop_fixtures.rs`):
//!
//! ```text
//! cargo run -p trialbridge-adam --example adtte_interop -- DIR
//! python tests/interop/stats_check.py DIR
//! ```
//!
//! `time` = AVAL, `event` = 1 − CNSR, `group` = TRTP, `stratum` = the spec's summary strata
//! variable (STRAT1R; `all` when the spec has none), `trt` = 1 for the arm compared with the
//! reference (TRTPN 2), `x1` = ADSL.BFVCPP.

use adam::stats::{
    Covariate, CoxOptions, SurvivalData, cox_ph, cox_treatment, kaplan_meier_by_group, logrank,
    logrank_stratified,
};
use model::Dataset;
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// A study: its mapping folder, input files (relative to the repository) and analysis spec.
struct Study {
    name: &'static str,
    mapping: &'static str,
    inputs: &'static [&'static str],
    analysis: &'static str,
}

const STUDIES: [Study; 2] = [
    Study {
        name: "umin000015469",
        mapping: "mappings/umin000015469",
        inputs: &[
            "fixtures/umin000015469/randomization.xlsx",
            "fixtures/umin000015469/site-01-hamamatsu.xlsx",
            "fixtures/umin000015469/site-02-mikatahara.xlsx",
            "fixtures/umin000015469/site-03-shizuoka.xlsx",
            "fixtures/umin000015469/site-04-hamamatsu-mc.xlsx",
        ],
        analysis: "analyses/umin000015469",
    },
    Study {
        name: "seed000",
        mapping: "mappings/seed000",
        inputs: &[
            "fixtures/seed000/patients.csv",
            "fixtures/seed000/ae_log.csv",
            "fixtures/seed000/pft.csv",
            "fixtures/seed000/gc_log.csv",
            "fixtures/seed000/labs.csv",
        ],
        analysis: "analyses/seed000",
    },
];

fn study_sdtm(root: &Path, st: &Study) -> Result<Vec<Dataset>, String> {
    let plan = sdtm::compile_dir(&root.join(st.mapping)).map_err(|e| e.to_string())?;
    let books: Vec<PathBuf> = st.inputs.iter().map(|p| root.join(p)).collect();
    let refs: Vec<(String, &Path)> = books
        .iter()
        .map(|p| {
            (
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
                p.as_path(),
            )
        })
        .collect();
    let conv = sdtm::convert(&plan, &refs).map_err(|e| e.to_string())?;
    Ok(conv.into_datasets())
}

fn text<'a>(d: &'a Dataset, row: usize, var: &str) -> Option<&'a str> {
    d.get(row, var).and_then(|v| v.as_str())
}

fn num(d: &Dataset, row: usize, var: &str) -> Option<f64> {
    d.get(row, var).and_then(|v| v.as_f64())
}

struct Param {
    rows: Vec<SurvivalData>,
    x1: Vec<f64>,
}

fn or_error<T: serde::Serialize>(r: Result<T, adam::stats::StatsError>) -> Json {
    match r {
        Ok(v) => serde_json::to_value(v).unwrap_or(Json::Null),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

fn results(p: &Param, treated: &str) -> Result<Json, String> {
    let opts = CoxOptions::default();
    let km: Vec<Json> = kaplan_meier_by_group(&p.rows, 0.95)
        .map_err(|e| e.to_string())?
        .iter()
        .map(|k| {
            let mut v = serde_json::to_value(k).unwrap_or(Json::Null);
            v["at_364"] = serde_json::to_value(k.at(364.0)).unwrap_or(Json::Null);
            v["median"] = serde_json::to_value(k.median()).unwrap_or(Json::Null);
            v
        })
        .collect();
    let trt: Vec<f64> = p
        .rows
        .iter()
        .map(|r| f64::from(u8::from(r.group.as_deref() == Some(treated))))
        .collect();
    let multi = [
        Covariate::new("trt", trt),
        Covariate::new("x1", p.x1.clone()),
    ];
    Ok(json!({
        "treated": treated,
        "km": km,
        "logrank": or_error(logrank(&p.rows)),
        "logrank_stratified": or_error(logrank_stratified(&p.rows)),
        "cox_trt": or_error(cox_treatment(&p.rows, treated, false, &opts)),
        "cox_multi": or_error(cox_ph(&p.rows, &multi, false, &opts)),
        "cox_stratified": or_error(cox_treatment(&p.rows, treated, true, &opts)),
    }))
}

fn csv(p: &Param, treated: &str) -> String {
    let mut out = String::from("id,time,event,group,stratum,trt,x1\n");
    for (i, (r, x)) in p.rows.iter().zip(&p.x1).enumerate() {
        let g = r.group.as_deref().unwrap_or_default();
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{}",
            i + 1,
            r.time,
            u8::from(r.event),
            g,
            r.stratum.as_deref().unwrap_or_default(),
            u8::from(g == treated),
            x
        );
    }
    out
}

/// Writes one study's fixtures; returns how many parameters.
fn study(root: &Path, st: &Study, dir: &Path) -> Result<usize, String> {
    let spec = adam::spec::compile_dir(&root.join(st.analysis)).map_err(|e| e.to_string())?;
    let out = adam::derive_all(
        &study_sdtm(root, st)?,
        &spec,
        &adam::DeriveOptions { adlb: false },
    );
    let Some(adsl) = out.dataset("ADSL") else {
        return Err(format!("{}: ADSL was not derived", st.name));
    };
    let bfvc: BTreeMap<&str, f64> = (0..adsl.rows.len())
        .filter_map(|i| Some((text(adsl, i, "USUBJID")?, num(adsl, i, "BFVCPP")?)))
        .collect();
    let treated = (0..adsl.rows.len())
        .find(|&i| num(adsl, i, "TRT01PN") == Some(2.0))
        .and_then(|i| text(adsl, i, "TRT01P"))
        .ok_or("no arm with TRT01PN 2")?;
    let strata = spec
        .summary
        .time_to_event
        .iter()
        .find_map(|e| e.strata.clone());
    let stratum: BTreeMap<&str, String> = (0..adsl.rows.len())
        .filter_map(|i| {
            let s = match &strata {
                Some(v) => text(adsl, i, v)?.to_owned(),
                None => "all".to_owned(),
            };
            Some((text(adsl, i, "USUBJID")?, s))
        })
        .collect();
    let mut params: BTreeMap<String, Param> = BTreeMap::new();
    let sources = [out.dataset("ADTTE"), out.dataset("ADGC")];
    for d in sources.into_iter().flatten() {
        for i in 0..d.rows.len() {
            // Time-to-event records are those with a censoring flag.
            let Some(cnsr) = num(d, i, "CNSR") else {
                continue;
            };
            let (Some(cd), Some(u), Some(aval), Some(g)) = (
                text(d, i, "PARAMCD"),
                text(d, i, "USUBJID"),
                num(d, i, "AVAL"),
                text(d, i, "TRTP"),
            ) else {
                return Err(format!("{} record {} is incomplete", d.name(), i + 1));
            };
            let mut row = SurvivalData::new(aval, cnsr == 0.0).with_group(g);
            row.stratum = stratum.get(u).cloned();
            let p = params.entry(cd.to_owned()).or_insert(Param {
                rows: Vec::new(),
                x1: Vec::new(),
            });
            p.rows.push(row);
            p.x1.push(*bfvc.get(u).ok_or(format!("{u} has no BFVCPP"))?);
        }
    }
    for (cd, p) in &params {
        let name = format!("{}_{}", st.name, cd.to_ascii_lowercase());
        let text =
            serde_json::to_string_pretty(&results(p, treated)?).map_err(|e| e.to_string())?;
        std::fs::write(dir.join(format!("{name}.json")), text + "\n")
            .and_then(|()| std::fs::write(dir.join(format!("{name}.csv")), csv(p, treated)))
            .map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(params.len())
}

fn run(dir: &Path) -> Result<usize, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut n = 0;
    for st in &STUDIES {
        n += study(&root, st, dir)?;
    }
    Ok(n)
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: adtte_interop DIR");
        return ExitCode::from(2);
    };
    match run(Path::new(&dir)) {
        Ok(n) => {
            println!("wrote {n} time-to-event parameters of the two studies to {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("adtte_interop: {e}");
            ExitCode::FAILURE
        }
    }
}
