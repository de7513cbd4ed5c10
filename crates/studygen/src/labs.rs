//! Laboratory values per visit and the dates of adverse events. Lab-defined events (renal,
//! liver, hyperglycemia) are visible in the labs: Table 3's definitions hold on the cells.

use crate::events::AePlan;
use crate::rng::{Rng, round_to, round1};
use crate::schedule::Visit;
use crate::subjects::{ProgKind, Subject};

pub struct Test {
    pub name: &'static str,
    pub unit: &'static str,
    /// Reference range (male, female).
    pub range: [(f64, f64); 2],
}

pub const TESTS: [Test; 9] = [
    Test {
        name: "CK",
        unit: "U/L",
        range: [(59.0, 248.0), (41.0, 153.0)],
    },
    Test {
        name: "Aldolase",
        unit: "U/L",
        range: [(2.1, 6.1), (2.1, 6.1)],
    },
    Test {
        name: "Ferritin",
        unit: "ng/mL",
        range: [(21.8, 274.7), (5.0, 152.0)],
    },
    Test {
        name: "KL-6",
        unit: "U/mL",
        range: [(0.0, 499.0), (0.0, 499.0)],
    },
    Test {
        name: "SP-D",
        unit: "ng/mL",
        range: [(0.0, 109.9), (0.0, 109.9)],
    },
    Test {
        name: "Creatinine",
        unit: "mg/dL",
        range: [(0.65, 1.07), (0.46, 0.79)],
    },
    Test {
        name: "Glucose",
        unit: "mg/dL",
        range: [(73.0, 109.0), (73.0, 109.0)],
    },
    Test {
        name: "AST",
        unit: "U/L",
        range: [(13.0, 30.0), (13.0, 30.0)],
    },
    Test {
        name: "ALT",
        unit: "U/L",
        range: [(10.0, 42.0), (7.0, 23.0)],
    },
];

pub fn uln(test: usize, female: bool) -> f64 {
    TESTS[test].range[usize::from(female)].1
}

/// Lab-defined adverse events of a subject: the visit index at which each is seen.
#[derive(Default, Clone, Copy)]
pub struct Peaks {
    pub renal: Option<usize>,
    pub liver: Option<usize>,
    pub glucose: Option<usize>,
}

/// values[visit][test]
pub fn values(rng: &mut Rng, s: &Subject, visits: &[Visit], peaks: Peaks) -> Vec<[f64; 9]> {
    let b = &s.base;
    let f = s.female;
    let mut out = Vec::with_capacity(visits.len());
    for (k, v) in visits.iter().enumerate() {
        let w = f64::from(v.week);
        let mut row;
        if k == 0 {
            let ast = (18.0 + b.ck / 35.0 + rng.gauss(0.0, 3.0)).clamp(14.0, 400.0);
            let alt = (14.0 + b.ck / 60.0 + rng.gauss(0.0, 3.0)).clamp(9.0, 300.0);
            row = [
                b.ck,
                b.aldolase,
                b.ferritin,
                b.kl6,
                b.spd,
                b.creatinine,
                b.glucose,
                ast,
                alt,
            ];
        } else {
            let (lo_ck, hi_ck) = TESTS[0].range[usize::from(f)];
            let normal_ck = rng.uniform(lo_ck + 10.0, hi_ck * 0.8);
            let mut ck = normal_ck.max(b.ck * (-w / 5.0).exp());
            let mut ald = rng.uniform(3.0, 5.8).max(b.aldolase * (-w / 6.0).exp());
            let mut fer = 90.0 + (b.ferritin - 90.0).max(0.0) * (-w / 8.0).exp();
            let mut kl6 = b.kl6 * (0.65 + 0.35 * (-w / 20.0).exp());
            let spd = b.spd * (0.55 + 0.45 * (-w / 10.0).exp());
            match s.progression {
                Some((d, ProgKind::Ild)) if v.day >= d => {
                    fer *= 2.5;
                    kl6 *= 1.4;
                }
                Some((d, ProgKind::Muscle)) if (v.day - d).abs() <= 60 => {
                    ck = ck.max(b.ck.max(400.0) * rng.uniform(0.8, 1.6));
                    ald = ald.max(b.aldolase.max(8.0) * rng.uniform(0.8, 1.4));
                }
                _ => {}
            }
            let mut cre = b.creatinine * rng.uniform(0.95, 1.3);
            let mut glu = (b.glucose * rng.uniform(1.0, 1.4)).min(180.0);
            let mut ast = (15.0 + ck / 40.0 + rng.gauss(0.0, 3.0)).clamp(13.0, 2.0 * uln(7, f));
            let mut alt = rng.uniform(0.5, 1.5) * uln(8, f) * 0.8;
            if peaks.renal == Some(k) {
                cre = b.creatinine * rng.uniform(1.58, 1.9);
            } else if peaks.renal.is_some_and(|p| k == p + 1) {
                cre = b.creatinine * rng.uniform(1.15, 1.35);
            }
            if peaks.liver == Some(k) {
                alt = uln(8, f) * rng.uniform(3.3, 4.6);
                ast = uln(7, f) * rng.uniform(2.2, 3.6);
            }
            if peaks.glucose == Some(k) {
                glu = rng.uniform(262.0, 338.0);
            }
            row = [
                round_to(ck, 1.0),
                round1(ald),
                round_to(fer, 1.0),
                round_to(kl6, 1.0),
                round1(spd),
                round_to(cre, 0.01),
                round_to(glu, 1.0),
                round_to(ast, 1.0),
                round_to(alt, 1.0),
            ];
        }
        row[7] = row[7].round();
        row[8] = row[8].round();
        out.push(row);
    }
    out
}

#[derive(Debug, Clone)]
pub struct Ae {
    pub plan: AePlan,
    pub start_day: i64,
    pub end_day: Option<i64>,
    pub outcome: &'static str,
    pub action: &'static str,
}

/// Dates each planned event; lab-defined ones are put on a post-baseline visit and the peak
/// recorded so `values` can show it.
pub fn date_events(
    rng: &mut Rng,
    plans: &[AePlan],
    subs: &[Subject],
    visits: &[Vec<Visit>],
    peaks: &mut [Peaks],
) -> Vec<Ae> {
    let mut out = Vec::new();
    for p in plans {
        let s = &subs[p.subject];
        let vs = &visits[p.subject];
        let last = s.death_day.unwrap_or(364);
        let lab = matches!(
            p.term,
            "Renal dysfunction" | "Liver dysfunction" | "Hyperglycemia"
        );
        let start = if lab {
            let k = rng.int(1, vs.len() as i64 - 1) as usize;
            let pk = &mut peaks[p.subject];
            match p.term {
                "Renal dysfunction" => pk.renal = Some(k),
                "Liver dysfunction" => pk.liver = Some(k),
                _ => pk.glucose = Some(k),
            }
            vs[k].day
        } else {
            rng.int(18, (last - 12).max(19))
        };
        let dur = rng.int(9, 45);
        let ongoing = p.term == "Tuberculosis" || start + dur >= last;
        let (end_day, outcome) = if ongoing {
            let o = if s.death_day.is_some() {
                "Not recovered/not resolved"
            } else {
                "Recovering/resolving"
            };
            (None, o)
        } else {
            (Some(start + dur), "Recovered/resolved")
        };
        let action = match p.term {
            "Renal dysfunction" => "Dose reduced",
            "Hyperglycemia" => "Dose not changed",
            "Pulmonary aspergillosis" | "Tuberculosis" => "Drug interrupted",
            _ => "Dose not changed",
        };
        out.push(Ae {
            plan: p.clone(),
            start_day: start,
            end_day,
            outcome,
            action,
        });
    }
    out.sort_by_key(|a| (a.plan.subject, a.start_day));
    out
}
