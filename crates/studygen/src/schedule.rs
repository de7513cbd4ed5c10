//! Visit days, deaths and the pulmonary-function course of every subject.

use crate::events::Planned;
use crate::paper;
use crate::rng::{Rng, calibrate_normal, round_to, round1};
use crate::subjects::{Arm, ProgKind, Subject};

pub const WEEKS: [u32; 6] = [0, 4, 12, 24, 36, 52];

#[derive(Debug, Clone)]
pub struct Visit {
    pub week: u32,
    /// Days after randomization (the baseline visit is day 0).
    pub day: i64,
    pub fvc_pct: f64,
    pub fvc_l: f64,
    pub dlco_pct: f64,
    pub pao2: f64,
}

/// Scheduled days with the ±3-day window sites actually use.
pub fn visit_days(rng: &mut Rng) -> Vec<(u32, i64)> {
    WEEKS
        .iter()
        .map(|&w| {
            let d = if w == 0 {
                0
            } else {
                7 * i64::from(w) + rng.int(-3, 3)
            };
            (w, d)
        })
        .collect()
}

/// ILD progression is detected at a visit; death follows before the next one, so a subject
/// who dies has no visit after death.
pub fn place_progressions(
    rng: &mut Rng,
    subs: &mut [Subject],
    planned: &[Planned],
    days: &[Vec<(u32, i64)>],
) {
    for p in planned {
        let s = &mut subs[p.subject];
        if p.kind == ProgKind::Ild {
            let d = &days[p.subject];
            let k = d.iter().position(|(w, _)| *w == p.week).unwrap_or(1);
            let day = d[k].1;
            s.progression = Some((day, ProgKind::Ild));
            if p.dies {
                let next = d.get(k + 1).map_or(day + 60, |x| x.1);
                s.death_day = Some(day + rng.int(12, (next - day - 4).max(13)));
            }
        }
    }
}

/// Predicted vital capacity (L), Japanese Respiratory Society reference equations.
fn predicted_vc(s: &Subject, years: f64) -> f64 {
    if s.female {
        0.032 * s.height - 0.018 * years - 1.178
    } else {
        0.045 * s.height - 0.023 * years - 2.258
    }
}

/// Table 2 changes for the per-protocol subjects of one arm: the largest gains go to the
/// lowest baselines (regression to the mean), which also keeps week 52 under the ceiling.
pub fn pp_changes(rng: &mut Rng, arm: Arm, subs: &[Subject], idx: &[usize]) -> Vec<(f64, f64)> {
    let ((fm, fs), (dm, ds)) = paper::table2(arm);
    let mut out = vec![(0.0, 0.0); idx.len()];
    for (pick, (m, sd), cap) in [(0usize, (fm, fs), 135.0), (1usize, (dm, ds), 130.0)] {
        let base: Vec<f64> = idx
            .iter()
            .map(|&i| {
                if pick == 0 {
                    subs[i].base.fvc_pct
                } else {
                    subs[i].base.dlco_pct
                }
            })
            .collect();
        let mut z: Vec<f64> = (0..idx.len()).map(|_| rng.normal()).collect();
        z.sort_by(|a, b| b.total_cmp(a));
        let mut order: Vec<usize> = (0..idx.len()).collect();
        let noisy: Vec<f64> = base.iter().map(|b| b + rng.gauss(0.0, 15.0)).collect();
        order.sort_by(|&a, &b| noisy[a].total_cmp(&noisy[b]));
        let mut ch = vec![0.0; idx.len()];
        for (rank, &k) in order.iter().enumerate() {
            ch[k] = z[rank];
        }
        for _ in 0..4 {
            calibrate_normal(&mut ch, m, sd);
            for (k, c) in ch.iter_mut().enumerate() {
                let end = round1((base[k] + *c).clamp(15.0, cap));
                *c = round1(end - base[k]);
            }
        }
        for (k, c) in ch.iter().enumerate() {
            if pick == 0 {
                out[k].0 = *c;
            } else {
                out[k].1 = *c;
            }
        }
    }
    out
}

const FRAC_FVC: [f64; 6] = [0.0, 0.45, 0.7, 0.85, 0.95, 1.0];
const FRAC_DLCO: [f64; 6] = [0.0, 0.2, 0.45, 0.7, 0.85, 1.0];

/// The visits a subject attends with their pulmonary function. `change` is the week-52 change
/// (FVC %, DLCO %) for subjects who do not progress in the lungs.
pub fn course(rng: &mut Rng, s: &Subject, days: &[(u32, i64)], change: (f64, f64)) -> Vec<Visit> {
    let b = &s.base;
    let ild_day = match s.progression {
        Some((d, ProgKind::Ild)) => Some(d),
        _ => None,
    };
    let mut out: Vec<Visit> = Vec::new();
    let mut drop = (0.0, 0.0, 0.0);
    let mut since = 0;
    for (k, &(week, day)) in days.iter().enumerate() {
        if s.death_day.is_some_and(|dd| day >= dd) {
            break;
        }
        let noise = k > 0 && week != 52;
        let n = |r: &mut Rng, sd: f64| if noise { r.gauss(0.0, sd) } else { 0.0 };
        let (mut fvc, mut dlco, mut pao2);
        match ild_day {
            Some(pd) if day >= pd => {
                if day == pd {
                    let prev = out.last().map_or(b.fvc_pct, |v| v.fvc_pct);
                    let prev_d = out.last().map_or(b.dlco_pct, |v| v.dlco_pct);
                    drop = (
                        b.fvc_pct - (prev - rng.uniform(12.0, 18.0)),
                        b.dlco_pct - (prev_d - rng.uniform(8.0, 15.0)),
                        rng.uniform(13.0, 22.0),
                    );
                } else {
                    since += 1;
                }
                let rec = f64::from(since) * 4.0;
                fvc = b.fvc_pct - drop.0 + rec;
                dlco = b.dlco_pct - drop.1 + rec * 0.7;
                pao2 = b.pao2 - drop.2 + rec;
            }
            _ => {
                let pre = if ild_day.is_some() { 0.3 } else { 1.0 };
                fvc = b.fvc_pct + pre * change.0 * FRAC_FVC[k] + n(rng, 2.5);
                dlco = b.dlco_pct + pre * change.1 * FRAC_DLCO[k] + n(rng, 3.0);
                pao2 = b.pao2 + (95.0 - b.pao2).max(0.0) * 0.6 * FRAC_FVC[k] + n(rng, 3.0);
            }
        }
        fvc = round1(fvc.clamp(15.0, 140.0));
        dlco = round1(dlco.clamp(12.0, 135.0));
        pao2 = round1(pao2.clamp(40.0, 108.0));
        if k == 0 {
            (fvc, dlco, pao2) = (b.fvc_pct, b.dlco_pct, b.pao2);
        }
        let years = s.age as f64 + day as f64 / 365.25;
        let fvc_l = round_to(fvc / 100.0 * predicted_vc(s, years), 0.01);
        out.push(Visit {
            week,
            day,
            fvc_pct: fvc,
            fvc_l,
            dlco_pct: dlco,
            pao2,
        });
    }
    out
}
