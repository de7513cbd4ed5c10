//! Writes censored survival datasets with ties as `NAME.csv`, and trialbridge's statistics
//! on each as `NAME.json`, into the directory given as the only argument:
//!
//! ```text
//! cargo run -p trialbridge-adam --example stats_interop_fixtures -- DIR
//! python tests/interop/stats_check.py DIR
//! ```
//!
//! CSV columns: `id,time,event,group,stratum,trt,x1` (`trt` is 1 for the `treated` group).
//! JSON: `{"treated", "km": [KaplanMeier + "at_364" + "median"], "logrank",
//! "logrank_stratified", "cox_trt", "cox_multi" (trt + x1), "cox_stratified" (trt, by
//! stratum)}`; a statistic that is undefined on the data is `{"error": "..."}` instead.
//! Datasets: seeded random ones (integer days, so many ties; two or three groups), one
//! shaped like the example trial (TAC 30 vs CSA 28, 52 weeks, 4 vs 8 events, strata
//! PM/DM/CADM), and an edge case whose treated arm has no events.

use adam::stats::{
    Covariate, CoxOptions, SurvivalData, cox_ph, cox_treatment, kaplan_meier_by_group, logrank,
    logrank_stratified,
};
use serde_json::{Value as Json, json};
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

/// SplitMix64: tiny, well mixed, and the same on every platform.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on [0, 1).
    fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: usize) -> usize {
        (self.uniform() * n as f64) as usize
    }
}

struct Dataset {
    name: String,
    rows: Vec<SurvivalData>,
    x1: Vec<f64>,
    treated: String,
}

fn random(seed: u64, n: usize, groups: &[&str], strata: &[&str], horizon: f64) -> Dataset {
    let mut rng = Rng(seed);
    let mut rows = Vec::with_capacity(n);
    let mut x1 = Vec::with_capacity(n);
    for _ in 0..n {
        let g = rng.below(groups.len());
        let s = rng.below(strata.len());
        // Roughly normal (Irwin–Hall), rounded so the covariate has ties too.
        let x = ((0..4).map(|_| rng.uniform()).sum::<f64>() - 2.0) * 1.7;
        let x = (x * 10.0).round() / 10.0;
        let hazard = 0.05 * (0.6 * g as f64 + 0.3 * x + 0.2 * s as f64).exp();
        let t_event = -rng.uniform().max(1e-12).ln() / hazard;
        let t_censor = if rng.uniform() < 0.3 {
            rng.uniform() * horizon
        } else {
            horizon
        };
        let (time, event) = if t_event <= t_censor {
            (t_event, true)
        } else {
            (t_censor, false)
        };
        // Whole days, at least day 1: ties between events and between events and censoring.
        let time = time.ceil().max(1.0);
        rows.push(
            SurvivalData::new(time, event)
                .with_group(groups[g])
                .with_stratum(strata[s]),
        );
        x1.push(x);
    }
    let treated = groups[groups.len() - 1].to_owned();
    Dataset {
        name: format!("random_{seed}"),
        rows,
        x1,
        treated,
    }
}

/// TAC 30 vs CSA 28 over 52 weeks with 4 vs 8 progression events (ties included); the
/// strata are assigned at random, censoring is administrative at day 364 except two
/// dropouts, one on an event day.
fn example_trial() -> Dataset {
    let mut rng = Rng(15469);
    let strata = ["PM", "DM", "CADM"];
    let arms: [(&str, usize, &[f64], &[f64]); 2] = [
        ("TAC", 30, &[45.0, 120.0, 120.0, 250.0], &[120.0, 340.0]),
        (
            "CSA",
            28,
            &[30.0, 61.0, 61.0, 90.0, 150.0, 150.0, 210.0, 330.0],
            &[355.0],
        ),
    ];
    let mut rows = Vec::new();
    let mut x1 = Vec::new();
    for (arm, n, events, dropouts) in arms {
        for i in 0..n {
            let (time, event) = if let Some(&t) = events.get(i) {
                (t, true)
            } else if let Some(&t) = dropouts.get(i - events.len()) {
                (t, false)
            } else {
                (364.0, false)
            };
            let s = strata[rng.below(strata.len())];
            rows.push(
                SurvivalData::new(time, event)
                    .with_group(arm)
                    .with_stratum(s),
            );
            // Baseline FVC % predicted, rounded to whole percent as CRFs record it.
            x1.push((60.0 + 40.0 * rng.uniform()).round());
        }
    }
    Dataset {
        name: "example_trial".into(),
        rows,
        x1,
        treated: "TAC".into(),
    }
}

fn no_events_in_treated() -> Dataset {
    let mut d = random(7, 40, &["A", "B"], &["S1", "S2"], 60.0);
    for r in &mut d.rows {
        if r.group.as_deref() == Some("B") {
            r.event = false;
        }
    }
    d.name = "edge_no_events_treated".into();
    d
}

fn or_error<T: serde::Serialize>(r: Result<T, adam::stats::StatsError>) -> Json {
    match r {
        Ok(v) => serde_json::to_value(v).unwrap_or(Json::Null),
        Err(e) => json!({ "error": e.to_string() }),
    }
}

fn results(d: &Dataset) -> Result<Json, String> {
    let opts = CoxOptions::default();
    let km = kaplan_meier_by_group(&d.rows, 0.95).map_err(|e| e.to_string())?;
    let km: Vec<Json> = km
        .iter()
        .map(|k| {
            let mut v = serde_json::to_value(k).unwrap_or(Json::Null);
            v["at_364"] = serde_json::to_value(k.at(364.0)).unwrap_or(Json::Null);
            v["median"] = serde_json::to_value(k.median()).unwrap_or(Json::Null);
            v
        })
        .collect();
    let trt: Vec<f64> = d
        .rows
        .iter()
        .map(|r| f64::from(u8::from(r.group.as_deref() == Some(d.treated.as_str()))))
        .collect();
    let multi = [
        Covariate::new("trt", trt),
        Covariate::new("x1", d.x1.clone()),
    ];
    Ok(json!({
        "treated": d.treated,
        "km": km,
        "logrank": or_error(logrank(&d.rows)),
        "logrank_stratified": or_error(logrank_stratified(&d.rows)),
        "cox_trt": or_error(cox_treatment(&d.rows, &d.treated, false, &opts)),
        "cox_multi": or_error(cox_ph(&d.rows, &multi, false, &opts)),
        "cox_stratified": or_error(cox_treatment(&d.rows, &d.treated, true, &opts)),
    }))
}

fn csv(d: &Dataset) -> String {
    let mut out = String::from("id,time,event,group,stratum,trt,x1\n");
    for (i, (r, x)) in d.rows.iter().zip(&d.x1).enumerate() {
        let g = r.group.as_deref().unwrap_or_default();
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{}",
            i + 1,
            r.time,
            u8::from(r.event),
            g,
            r.stratum.as_deref().unwrap_or_default(),
            u8::from(g == d.treated),
            x
        );
    }
    out
}

fn main() -> ExitCode {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: stats_interop_fixtures DIR");
        return ExitCode::from(2);
    };
    let dir = Path::new(&dir);
    let mut sets = vec![example_trial(), no_events_in_treated()];
    for (seed, n) in [(1u64, 24usize), (2, 60), (3, 150), (4, 45)] {
        sets.push(random(seed, n, &["A", "B"], &["S1", "S2", "S3"], 40.0));
    }
    sets.push(random(5, 90, &["A", "B", "C"], &["S1", "S2"], 30.0));
    sets.push(random(6, 12, &["A", "B", "C"], &["S1"], 15.0));
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    for d in &sets {
        let written = results(d).and_then(|json| {
            let text = serde_json::to_string_pretty(&json).map_err(|e| e.to_string())?;
            std::fs::write(dir.join(format!("{}.json", d.name)), text + "\n")
                .and_then(|()| std::fs::write(dir.join(format!("{}.csv", d.name)), csv(d)))
                .map_err(|e| e.to_string())
        });
        if let Err(e) = written {
            eprintln!("{}: {e}", d.name);
            return ExitCode::FAILURE;
        }
    }
    println!("wrote {} datasets to {}", sets.len(), dir.display());
    ExitCode::SUCCESS
}
