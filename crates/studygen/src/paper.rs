//! What the published trial reports (Fujisawa et al., Table 1–3 and the Results text).
//! Every count here is reproduced exactly; every mean/SD is approached by calibration.

use crate::subjects::{Arm, Dx};

pub const SEED: u64 = 15_469;
pub const N_TAC: usize = 30;
pub const N_CSA: usize = 28;

pub struct ArmFacts {
    pub n: usize,
    pub female: usize,
    pub never_smoker: usize,
    pub dx: [(Dx, usize); 3],
    pub acute: usize,
    pub dyspnea: usize,
    pub crackles: usize,
    pub anti_ars: usize,
    pub anti_mda5: usize,
    pub mpsl_pulse: usize,
    pub psl_initial_mean: f64,
    pub per_protocol: usize,
}

pub fn facts(arm: Arm) -> ArmFacts {
    match arm {
        Arm::Tac => ArmFacts {
            n: N_TAC,
            female: 19,
            never_smoker: 24,
            dx: [(Dx::Pm, 6), (Dx::Dm, 10), (Dx::Cadm, 14)],
            acute: 16,
            dyspnea: 24,
            crackles: 28,
            anti_ars: 15,
            anti_mda5: 8,
            mpsl_pulse: 7,
            psl_initial_mean: 40.2,
            per_protocol: 26,
        },
        Arm::Csa => ArmFacts {
            n: N_CSA,
            female: 22,
            never_smoker: 24,
            dx: [(Dx::Pm, 4), (Dx::Dm, 13), (Dx::Cadm, 11)],
            acute: 20,
            dyspnea: 21,
            crackles: 25,
            anti_ars: 14,
            anti_mda5: 10,
            mpsl_pulse: 9,
            psl_initial_mean: 43.6,
            per_protocol: 20,
        },
    }
}

/// Table 1 continuous values, mean and SD: (name, unit, TAC, CsA).
/// (name, unit, TAC (mean, SD), CsA (mean, SD))
pub type Continuous = (&'static str, &'static str, (f64, f64), (f64, f64));

pub const CONTINUOUS: [Continuous; 9] = [
    ("age", "years", (61.6, 11.0), (59.2, 13.0)),
    ("ferritin", "ng/mL", (476.0, 806.0), (255.0, 265.0)),
    ("ck", "U/L", (1283.0, 2824.0), (633.0, 1697.0)),
    ("aldolase", "U/L", (16.6, 29.8), (18.2, 44.7)),
    ("kl6", "U/mL", (1265.0, 917.0), (1177.0, 1189.0)),
    ("spd", "ng/mL", (200.0, 230.0), (249.0, 290.0)),
    ("fvc_pct", "%", (74.8, 20.4), (76.4, 17.8)),
    ("dlco_pct", "%", (64.1, 21.6), (68.5, 22.4)),
    ("pao2", "Torr", (79.4, 11.7), (77.3, 17.0)),
];

pub fn continuous(name: &str, arm: Arm) -> (f64, f64) {
    for (n, _, tac, csa) in CONTINUOUS {
        if n == name {
            return if arm == Arm::Tac { tac } else { csa };
        }
    }
    (f64::NAN, f64::NAN)
}

/// Table 2: change from baseline to week 52 in the per-protocol population (mean, SD).
pub fn table2(arm: Arm) -> ((f64, f64), (f64, f64)) {
    match arm {
        Arm::Tac => ((16.9, 12.1), (14.7, 23.3)),
        Arm::Csa => ((19.7, 14.5), (9.7, 23.3)),
    }
}

/// Table 3: (term, TAC subjects, CsA subjects); infections are listed by organism.
pub const ADVERSE_EVENTS: [(&str, usize, usize); 10] = [
    ("Bacterial infection", 2, 0),
    ("Cytomegalovirus infection", 2, 3),
    ("Herpes zoster", 1, 0),
    ("Pulmonary aspergillosis", 1, 0),
    ("Tuberculosis", 1, 0),
    ("Renal dysfunction", 4, 7),
    ("Liver dysfunction", 2, 2),
    ("Hyperglycemia", 4, 0),
    ("Pneumomediastinum", 0, 1),
    ("Deep vein thrombosis", 0, 1),
];

pub const INFECTIONS: [&str; 5] = [
    "Bacterial infection",
    "Cytomegalovirus infection",
    "Herpes zoster",
    "Pulmonary aspergillosis",
    "Tuberculosis",
];

pub const TITLE: &str = "Treatment with prednisolone and tacrolimus versus prednisolone and cyclosporin A for polymyositis/dermatomyositis-associated interstitial lung disease: a randomized, open-label trial";
pub const AUTHORS: &str = "Fujisawa T, Hozumi H, Kamiya Y, Kaida Y, Akamatsu T, Kusagaya H, Satake Y, Mori K, Mikamo M, Matsuda H, Yokomura K, Koshimizu N, Toyoshima M, Imokawa S, Yasui H, Suzuki Y, Karayama M, Furuhashi K, Enomoto N, Nakamura Y, Inui N, Suda T";
pub const HANDLE: &str = "http://hdl.handle.net/10271/0002000079";
