//! Subjects and their baseline: Table 1 counts exactly, continuous values calibrated per arm.

use crate::date::Date;
use crate::paper::{self, facts};
use crate::rng::{Rng, calibrate_normal, calibrate_skewed, round_to, round1};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Arm {
    Tac,
    Csa,
}

impl Arm {
    pub const BOTH: [Arm; 2] = [Arm::Tac, Arm::Csa];
    pub fn code(self) -> &'static str {
        match self {
            Arm::Tac => "TAC",
            Arm::Csa => "CsA",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Arm::Tac => "PSL + tacrolimus",
            Arm::Csa => "PSL + cyclosporin A",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dx {
    Pm,
    Dm,
    Cadm,
}

impl Dx {
    pub const ALL: [Dx; 3] = [Dx::Pm, Dx::Dm, Dx::Cadm];
    pub fn code(self) -> &'static str {
        match self {
            Dx::Pm => "PM",
            Dx::Dm => "DM",
            Dx::Cadm => "CADM",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ab {
    Mda5,
    Ars,
    Neg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Smoking {
    Never,
    Former,
    Current,
}

impl Smoking {
    pub fn label(self) -> &'static str {
        match self {
            Smoking::Never => "Never",
            Smoking::Former => "Former",
            Smoking::Current => "Current",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgKind {
    Ild,
    Muscle,
    Skin,
}

impl ProgKind {
    pub fn label(self) -> &'static str {
        match self {
            ProgKind::Ild => "ILD",
            ProgKind::Muscle => "Muscle",
            ProgKind::Skin => "Skin",
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Baseline {
    pub ferritin: f64,
    pub ck: f64,
    pub aldolase: f64,
    pub kl6: f64,
    pub spd: f64,
    pub fvc_pct: f64,
    pub dlco_pct: f64,
    pub pao2: f64,
    pub creatinine: f64,
    pub glucose: f64,
}

#[derive(Debug, Clone)]
pub struct Subject {
    pub arm: Arm,
    pub dx: Dx,
    pub ab: Ab,
    pub female: bool,
    pub smoking: Smoking,
    pub acute: bool,
    pub dyspnea: bool,
    pub crackles: bool,
    pub age: i64,
    pub birth: Date,
    pub height: f64,
    pub weight: f64,
    pub base: Baseline,
    /// Filled in by `events`: progression (study day, kind) and death study day.
    pub progression: Option<(i64, ProgKind)>,
    pub death_day: Option<i64>,
    pub pulse: bool,
    pub psl0: f64,
    /// Filled in by `study`: id, site, dates.
    pub id: String,
    pub site: usize,
    pub rand_no: usize,
    pub consent: Date,
    pub rand_date: Date,
}

impl Subject {
    pub fn per_protocol(&self) -> bool {
        self.progression.is_none()
    }
    pub fn sex_code(&self) -> &'static str {
        if self.female { "F" } else { "M" }
    }
}

/// (dx, antibody, count) per arm; sums give the Table 1 PM/DM/CADM and MSA counts, and
/// anti-MDA5 sits only in DM/CADM, as in the clinic.
fn profile_cells(arm: Arm) -> Vec<(Dx, Ab, usize)> {
    use Ab::*;
    use Dx::*;
    match arm {
        Arm::Tac => vec![
            (Pm, Ars, 5),
            (Pm, Neg, 1),
            (Dm, Mda5, 2),
            (Dm, Ars, 6),
            (Dm, Neg, 2),
            (Cadm, Mda5, 6),
            (Cadm, Ars, 4),
            (Cadm, Neg, 4),
        ],
        Arm::Csa => vec![
            (Pm, Ars, 3),
            (Pm, Neg, 1),
            (Dm, Mda5, 3),
            (Dm, Ars, 8),
            (Dm, Neg, 2),
            (Cadm, Mda5, 7),
            (Cadm, Ars, 3),
            (Cadm, Neg, 1),
        ],
    }
}

/// Marks exactly `k` of the indices in `pool` (after shuffling) true.
fn mark(rng: &mut Rng, flags: &mut [bool], pool: &[usize], k: usize) {
    let mut p = pool.to_vec();
    rng.shuffle(&mut p);
    for &i in p.iter().take(k) {
        flags[i] = true;
    }
}

pub fn arm_subjects(rng: &mut Rng, arm: Arm) -> Vec<Subject> {
    let f = facts(arm);
    let mut out = Vec::with_capacity(f.n);
    for (dx, ab, k) in profile_cells(arm) {
        for _ in 0..k {
            out.push(blank(arm, dx, ab));
        }
    }
    rng.shuffle(&mut out);
    let n = out.len();
    let all: Vec<usize> = (0..n).collect();

    let mut female = vec![false; n];
    mark(rng, &mut female, &all, f.female);
    // Anti-MDA5 disease is the rapidly progressive kind: every MDA5+ subject is acute/subacute.
    let mut acute: Vec<bool> = out.iter().map(|s| s.ab == Ab::Mda5).collect();
    let others: Vec<usize> = all.iter().copied().filter(|&i| !acute[i]).collect();
    mark(rng, &mut acute, &others, f.acute - f.anti_mda5);
    let mut dyspnea = acute.clone();
    let chronic: Vec<usize> = all.iter().copied().filter(|&i| !acute[i]).collect();
    mark(
        rng,
        &mut dyspnea,
        &chronic,
        f.dyspnea - f.acute.min(f.dyspnea),
    );
    let mut crackles = vec![false; n];
    mark(rng, &mut crackles, &all, f.crackles);
    // Smokers are drawn from the men first: in this population almost all smokers are men.
    let mut by_sex: Vec<usize> = all.clone();
    rng.shuffle(&mut by_sex);
    by_sex.sort_by_key(|&i| female[i]);
    let smokers = f.n - f.never_smoker;
    for (k, &i) in by_sex.iter().take(smokers).enumerate() {
        out[i].smoking = if k == 0 {
            Smoking::Current
        } else {
            Smoking::Former
        };
    }
    for (i, s) in out.iter_mut().enumerate() {
        s.female = female[i];
        s.acute = acute[i];
        s.dyspnea = dyspnea[i];
        s.crackles = crackles[i];
        s.height = round1(if s.female {
            rng.gauss(153.5, 5.8)
        } else {
            rng.gauss(166.5, 6.2)
        });
        s.weight = round1(if s.female {
            rng.gauss(51.5, 7.5)
        } else {
            rng.gauss(62.5, 9.0)
        });
    }
    continuous(rng, arm, &mut out);
    out
}

fn blank(arm: Arm, dx: Dx, ab: Ab) -> Subject {
    Subject {
        arm,
        dx,
        ab,
        female: false,
        smoking: Smoking::Never,
        acute: false,
        dyspnea: false,
        crackles: false,
        age: 0,
        birth: Date(0),
        height: 0.0,
        weight: 0.0,
        base: Baseline::default(),
        progression: None,
        death_day: None,
        pulse: false,
        psl0: 0.0,
        id: String::new(),
        site: 0,
        rand_no: 0,
        consent: Date(0),
        rand_date: Date(0),
    }
}

/// Draws raw values with the clinical correlations (CK by diagnosis, ferritin with MDA5),
/// then calibrates each variable per arm onto Table 1.
fn continuous(rng: &mut Rng, arm: Arm, s: &mut [Subject]) {
    let n = s.len();
    fn draw_with(
        rng: &mut Rng,
        s: &[Subject],
        f: &mut dyn FnMut(&mut Rng, &Subject) -> f64,
    ) -> Vec<f64> {
        s.iter().map(|x| f(rng, x)).collect()
    }
    macro_rules! draw {
        ($f:expr) => {
            draw_with(rng, s, &mut $f)
        };
    }
    let mut age = draw!(|r, _| r.normal());
    let mut ferritin = draw!(|r, x| {
        (r.normal() + if x.ab == Ab::Mda5 { 1.3 } else { 0.0 } + if x.acute { 0.4 } else { 0.0 })
            .exp()
    });
    let ck_raw = draw!(|r, x| {
        (r.gauss(0.0, 0.9)
            + match x.dx {
                Dx::Pm => 2.6,
                Dx::Dm => 1.8,
                Dx::Cadm => 0.0,
            })
        .exp()
    });
    let mut aldolase: Vec<f64> = ck_raw
        .iter()
        .map(|c| (0.8 * c.ln() + rng.gauss(0.0, 0.5)).exp())
        .collect();
    let mut ck = ck_raw;
    let mut kl6 = draw!(|r, x| (r.gauss(0.0, 0.7) + if x.acute { 0.0 } else { 0.3 }).exp());
    let mut spd = draw!(|r, _| r.gauss(0.0, 0.8).exp());
    let mut fvc = draw!(|r, _| r.normal());
    let mut dlco: Vec<f64> = fvc.iter().map(|z| 0.6 * z + 0.8 * rng.normal()).collect();
    let mut pao2 = draw!(|r, x| r.normal() - if x.acute { 0.4 } else { 0.0 });

    let fit = |v: &mut Vec<f64>, name: &str, skewed: bool, step: f64, lo: f64, hi: f64| {
        let (m, sd) = paper::continuous(name, arm);
        // Clamping and rounding move the moments a little; three passes pull them back.
        for _ in 0..3 {
            if skewed {
                calibrate_skewed(v, m, sd);
            } else {
                calibrate_normal(v, m, sd);
            }
            for x in v.iter_mut() {
                *x = round_to(x.clamp(lo, hi), step);
            }
        }
    };
    fit(&mut age, "age", false, 1.0, 22.0, 86.0);
    fit(&mut ferritin, "ferritin", true, 1.0, 8.0, 20_000.0);
    fit(&mut ck, "ck", true, 1.0, 25.0, 40_000.0);
    fit(&mut aldolase, "aldolase", true, 0.1, 1.5, 400.0);
    fit(&mut kl6, "kl6", true, 1.0, 150.0, 10_000.0);
    fit(&mut spd, "spd", true, 0.1, 10.0, 3_000.0);
    fit(&mut fvc, "fvc_pct", false, 0.1, 32.0, 128.0);
    fit(&mut dlco, "dlco_pct", false, 0.1, 18.0, 125.0);
    fit(&mut pao2, "pao2", false, 0.1, 42.0, 112.0);
    for i in 0..n {
        let x = &mut s[i];
        x.age = age[i] as i64;
        x.base.ferritin = ferritin[i];
        x.base.ck = ck[i];
        x.base.aldolase = (aldolase[i] * 10.0).round() / 10.0;
        x.base.kl6 = kl6[i];
        x.base.spd = spd[i];
        x.base.fvc_pct = fvc[i];
        x.base.dlco_pct = dlco[i];
        x.base.pao2 = pao2[i];
        x.base.creatinine = round_to(
            if x.female {
                rng.gauss(0.58, 0.09)
            } else {
                rng.gauss(0.80, 0.12)
            }
            .clamp(0.38, 1.05),
            0.01,
        );
        x.base.glucose = round_to(rng.gauss(102.0, 14.0).clamp(72.0, 150.0), 1.0);
    }
}
