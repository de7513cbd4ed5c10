//! Study drug (TAC/CsA with trough levels), glucocorticoids and rescue treatment.

use crate::rng::{Rng, round_to, round1};
use crate::schedule::Visit;
use crate::subjects::{Arm, ProgKind, Subject};

#[derive(Debug, Clone)]
pub struct CniRow {
    pub start: i64,
    pub end: i64,
    pub dose: f64,
    /// (day, ng/mL) measured at the visit closing the period.
    pub trough: Option<(i64, f64)>,
}

/// One period per visit interval; the dose is titrated on the previous trough.
pub fn cni(
    rng: &mut Rng,
    s: &Subject,
    visits: &[Visit],
    renal_visit: Option<usize>,
) -> Vec<CniRow> {
    let tac = s.arm == Arm::Tac;
    let mut dose = if tac {
        round_to(0.075 * s.weight, 0.5)
    } else {
        round_to(3.0 * s.weight, 25.0)
    };
    let step = if tac { 0.5 } else { 25.0 };
    let mut out = Vec::new();
    for k in 0..visits.len() {
        let start = visits[k].day;
        let (end, trough) = match visits.get(k + 1) {
            Some(next) => {
                let t = if tac {
                    round1(rng.uniform(5.2, 9.7))
                } else {
                    round_to(rng.uniform(102.0, 149.0), 1.0)
                };
                (next.day - 1, Some((next.day, t)))
            }
            None => match s.death_day {
                Some(d) => (d - 1, None),
                None => break,
            },
        };
        out.push(CniRow {
            start,
            end,
            dose,
            trough,
        });
        if let Some((_, t)) = trough {
            let (low, high) = if tac { (6.5, 9.0) } else { (115.0, 140.0) };
            if renal_visit == Some(k + 1) || t > high {
                dose = (dose - step).max(step);
            } else if t < low {
                dose += step;
            }
        }
    }
    out
}

#[derive(Debug, Clone)]
pub struct GcRow {
    pub drug: &'static str,
    pub route: &'static str,
    pub start: i64,
    pub end: i64,
    pub dose: f64,
    pub reason: &'static str,
}

fn taper_step(dose: f64, frac: f64) -> f64 {
    let next = dose * (1.0 - frac);
    let r = if next >= 20.0 {
        round_to(next, 2.5)
    } else {
        next.round()
    };
    r.min(dose - 1.0).max(5.0)
}

/// Oral PSL held for 4 weeks, then tapered 10–20% every 2–4 weeks to a 5 mg floor; an
/// optional mPSL pulse (1 g/day × 3) precedes it; progression re-escalates to ~1 mg/kg.
pub fn glucocorticoids(rng: &mut Rng, s: &Subject) -> Vec<GcRow> {
    let mut out = Vec::new();
    let stop = s.death_day.map_or(364, |d| d - 1);
    let mut day = 0;
    if s.pulse {
        out.push(GcRow {
            drug: "Methylprednisolone",
            route: "IV",
            start: 0,
            end: 2,
            dose: 1000.0,
            reason: "Initial pulse",
        });
        day = 3;
    }
    let prog = s.progression.map(|(d, _)| d);
    let mut dose = s.psl0;
    let mut reason = "Initial dose";
    let mut hold_until = day + 28;
    let mut escalated = false;
    while day <= stop {
        let mut end = if day < hold_until {
            hold_until - 1
        } else {
            day + [14, 21, 28][rng.int(0, 2) as usize] - 1
        };
        if let Some(p) = prog.filter(|&p| !escalated && p > day && p <= end) {
            end = p - 1;
        }
        let end = end.min(stop);
        out.push(GcRow {
            drug: "Prednisolone",
            route: "PO",
            start: day,
            end,
            dose,
            reason,
        });
        day = end + 1;
        if prog.is_some_and(|p| !escalated && day == p) {
            escalated = true;
            dose = round_to(s.weight.min(60.0), 5.0).max(dose);
            reason = "Increased: disease progression";
            hold_until = day + 28;
        } else if day >= hold_until && dose > 5.0 {
            dose = taper_step(dose, rng.uniform(0.10, 0.20));
            reason = "Taper";
        } else {
            reason = "Maintenance";
        }
    }
    out
}

#[derive(Debug, Clone)]
pub struct RescueRow {
    pub treatment: &'static str,
    pub route: &'static str,
    pub start: i64,
    pub end: i64,
    pub dose: f64,
    pub unit: &'static str,
}

/// The additional treatments the paper lists for progression.
pub fn rescue(rng: &mut Rng, s: &Subject) -> Vec<RescueRow> {
    let Some((p, kind)) = s.progression else {
        return Vec::new();
    };
    let stop = s.death_day.map_or(364, |d| d - 1);
    let row = |treatment, route, start: i64, end: i64, dose, unit| RescueRow {
        treatment,
        route,
        start,
        end: end.min(stop),
        dose,
        unit,
    };
    match kind {
        ProgKind::Ild => {
            let mut v = vec![
                row("Methylprednisolone pulse", "IV", p, p + 2, 1000.0, "mg/day"),
                row(
                    "Cyclophosphamide (IVCY)",
                    "IV",
                    p + 3,
                    p + 3 + 14 * rng.int(3, 6),
                    500.0,
                    "mg/m2",
                ),
            ];
            if s.death_day.is_some() {
                v.push(row("IVIG", "IV", p + 5, p + 9, 400.0, "mg/kg/day"));
            }
            v
        }
        ProgKind::Muscle => vec![row("IVIG", "IV", p + 2, p + 6, 400.0, "mg/kg/day")],
        ProgKind::Skin => vec![row(
            "Mycophenolate mofetil",
            "PO",
            p + 7,
            364,
            1000.0,
            "mg/day",
        )],
    }
}
