//! Writes the example study's real ADTTE (OS, PFS, OS12), derived from its site workbooks,
//! as `umin000015469_<param>.csv`, and trialbridge's statistics on it as `.json`, into the
//! directory given as the only argument, in the format `tests/interop/stats_check.py`
//! reads (see `stats_interop_fixtures.rs`):
//!
//! ```text
//! cargo run -p trialbridge-adam --example adtte_interop -- DIR
//! python tests/interop/stats_check.py DIR
//! ```
//!
//! `time` = AVAL, `event` = 1 − CNSR, `group` = TRTP, `stratum` = STRAT1R, `trt` = 1 for
//! the arm compared with the reference (TRTPN 2: PSL + tacrolimus), `x1` = ADSL.BFVCPP.

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

fn example_sdtm() -> Result<Vec<Dataset>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let plan =
        sdtm::compile_dir(&root.join("mappings/umin000015469")).map_err(|e| e.to_string())?;
    let fixtures = root.join("fixtures/umin000015469");
    let mut books: Vec<PathBuf> = vec![fixtures.join("randomization.xlsx")];
    for site in [
        "site-01-hamamatsu",
        "site-02-mikatahara",
        "site-03-shizuoka",
        "site-04-hamamatsu-mc",
    ] {
        books.push(fixtures.join(format!("{site}.xlsx")));
    }
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

fn run(dir: &Path) -> Result<usize, String> {
    let out = adam::derive_all(
        &example_sdtm()?,
        &adam::spec::example(),
        &adam::DeriveOptions { adlb: false },
    );
    let (Some(adsl), Some(adtte)) = (out.dataset("ADSL"), out.dataset("ADTTE")) else {
        return Err("ADSL or ADTTE was not derived".into());
    };
    let bfvc: BTreeMap<&str, f64> = (0..adsl.rows.len())
        .filter_map(|i| Some((text(adsl, i, "USUBJID")?, num(adsl, i, "BFVCPP")?)))
        .collect();
    let treated = (0..adsl.rows.len())
        .find(|&i| num(adsl, i, "TRT01PN") == Some(2.0))
        .and_then(|i| text(adsl, i, "TRT01P"))
        .ok_or("no arm with TRT01PN 2")?;
    let mut params: BTreeMap<&str, Param> = BTreeMap::new();
    for i in 0..adtte.rows.len() {
        let (Some(cd), Some(u), Some(aval), Some(cnsr), Some(g)) = (
            text(adtte, i, "PARAMCD"),
            text(adtte, i, "USUBJID"),
            num(adtte, i, "AVAL"),
            num(adtte, i, "CNSR"),
            text(adtte, i, "TRTP"),
        ) else {
            return Err(format!("ADTTE record {} is incomplete", i + 1));
        };
        let mut d = SurvivalData::new(aval, cnsr == 0.0).with_group(g);
        d.stratum = text(adtte, i, "STRAT1R").map(str::to_owned);
        let p = params.entry(cd).or_insert(Param {
            rows: Vec::new(),
            x1: Vec::new(),
        });
        p.rows.push(d);
        p.x1.push(*bfvc.get(u).ok_or(format!("{u} has no BFVCPP"))?);
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for (cd, p) in &params {
        let name = format!("umin000015469_{}", cd.to_ascii_lowercase());
        let text =
            serde_json::to_string_pretty(&results(p, treated)?).map_err(|e| e.to_string())?;
        std::fs::write(dir.join(format!("{name}.json")), text + "\n")
            .and_then(|()| std::fs::write(dir.join(format!("{name}.csv")), csv(p, treated)))
            .map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(params.len())
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: adtte_interop DIR");
        return ExitCode::from(2);
    };
    match run(Path::new(&dir)) {
        Ok(n) => {
            println!("wrote the example study's ADTTE ({n} parameters) to {dir}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("adtte_interop: {e}");
            ExitCode::FAILURE
        }
    }
}
