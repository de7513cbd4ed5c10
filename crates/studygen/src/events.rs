//! Who progresses, who dies, who gets a pulse, initial PSL doses and who has which adverse
//! event — per arm, exactly as the paper reports.

use crate::paper::{self, facts};
use crate::rng::{Rng, round_to};
use crate::subjects::{Ab, Arm, Dx, ProgKind, Subject};

/// A progression to place: antibody, required diagnosis, kind, death, and for ILD the visit
/// week at which it is detected.
struct Spec {
    ab: Ab,
    dx: Option<Dx>,
    kind: ProgKind,
    dies: bool,
    week: u32,
}

fn specs(arm: Arm) -> Vec<Spec> {
    use Ab::*;
    use ProgKind::*;
    let s = |ab, dx, kind, dies, week| Spec {
        ab,
        dx,
        kind,
        dies,
        week,
    };
    // Subgroup PFS in the paper pins the antibodies: TAC MDA5+ 5/8, ARS+ 14/15;
    // CsA MDA5+ 4/10, ARS+ 13/14; all deaths MDA5+ after ILD progression.
    match arm {
        Arm::Tac => vec![
            s(Mda5, None, Ild, true, 4),
            s(Mda5, None, Ild, false, 12),
            s(Mda5, Some(Dx::Dm), Muscle, false, 0),
            s(Ars, Some(Dx::Pm), Muscle, false, 0),
        ],
        Arm::Csa => vec![
            s(Mda5, None, Ild, true, 4),
            s(Mda5, None, Ild, true, 12),
            s(Mda5, None, Ild, false, 4),
            s(Mda5, None, Ild, false, 12),
            s(Mda5, None, Ild, false, 24),
            s(Mda5, Some(Dx::Cadm), Skin, false, 0),
            s(Ars, None, Ild, false, 36),
            s(Neg, Some(Dx::Dm), Muscle, false, 0),
        ],
    }
}

/// The ILD progressions are detected at a visit; the visit days are known only later, so the
/// week is returned and `course` turns it into a day.
pub struct Planned {
    pub subject: usize,
    pub kind: ProgKind,
    pub dies: bool,
    pub week: u32,
}

pub fn progressions(rng: &mut Rng, arm: Arm, subs: &mut [Subject], offset: usize) -> Vec<Planned> {
    let mut out = Vec::new();
    let mut taken = vec![false; subs.len()];
    for sp in specs(arm) {
        let pool: Vec<usize> = (0..subs.len())
            .filter(|&i| !taken[i] && subs[i].ab == sp.ab && sp.dx.is_none_or(|d| subs[i].dx == d))
            .collect();
        let i = *rng.pick(&pool);
        taken[i] = true;
        let day = if sp.kind == ProgKind::Ild {
            0
        } else {
            rng.int(70, 300)
        };
        subs[i].progression = Some((day, sp.kind));
        out.push(Planned {
            subject: offset + i,
            kind: sp.kind,
            dies: sp.dies,
            week: sp.week,
        });
    }
    out
}

pub fn pulses_and_psl(rng: &mut Rng, arm: Arm, subs: &mut [Subject]) {
    let f = facts(arm);
    // Physicians pulse the sickest first: MDA5+ then other acute cases.
    let mut order: Vec<usize> = (0..subs.len()).collect();
    rng.shuffle(&mut order);
    order.sort_by_key(|&i| (subs[i].ab != Ab::Mda5, !subs[i].acute));
    for &i in order.iter().take(f.mpsl_pulse) {
        subs[i].pulse = true;
    }
    let lo = |w: f64| (0.6 * w / 5.0).ceil() * 5.0;
    let hi = |w: f64| (1.0 * w / 5.0).floor() * 5.0;
    for s in subs.iter_mut() {
        s.psl0 =
            round_to(rng.uniform(0.65, 0.95) * s.weight, 5.0).clamp(lo(s.weight), hi(s.weight));
    }
    let target = f.psl_initial_mean * subs.len() as f64;
    for _ in 0..400 {
        let sum: f64 = subs.iter().map(|s| s.psl0).sum();
        if (sum - target).abs() <= 2.5 {
            break;
        }
        let i = rng.int(0, subs.len() as i64 - 1) as usize;
        let w = subs[i].weight;
        if sum < target && subs[i].psl0 + 5.0 <= hi(w) {
            subs[i].psl0 += 5.0;
        } else if sum > target && subs[i].psl0 - 5.0 >= lo(w) {
            subs[i].psl0 -= 5.0;
        }
    }
}

/// One adverse event before its dates are known.
#[derive(Debug, Clone)]
pub struct AePlan {
    pub subject: usize,
    pub term: &'static str,
    pub grade: u8,
    pub serious: bool,
}

fn grade_and_seriousness(rng: &mut Rng, term: &str) -> (u8, bool) {
    match term {
        "Bacterial infection" => (3, true),
        "Cytomegalovirus infection" => (if rng.chance(0.3) { 3 } else { 2 }, false),
        "Herpes zoster" => (2, false),
        "Pulmonary aspergillosis" => (3, true),
        "Tuberculosis" => (3, true),
        "Renal dysfunction" => (2, false),
        "Liver dysfunction" => (2, false),
        "Hyperglycemia" => (3, false),
        "Pneumomediastinum" => (2, true),
        _ => (2, false),
    }
}

/// Picks subjects for Table 3. Infections go to distinct subjects (the table's infection row
/// counts subjects and equals the sum of its organisms); lab-defined events need a subject who
/// lives to at least one post-baseline visit.
pub fn adverse_events(rng: &mut Rng, arm: Arm, subs: &[Subject], offset: usize) -> Vec<AePlan> {
    let mut out = Vec::new();
    let mut infected = vec![false; subs.len()];
    for (term, tac, csa) in paper::ADVERSE_EVENTS {
        let k = if arm == Arm::Tac { tac } else { csa };
        let infection = paper::INFECTIONS.contains(&term);
        let mut pool: Vec<usize> = (0..subs.len())
            .filter(|&i| !(infection && infected[i]))
            .filter(|&i| match term {
                // Pneumomediastinum is the anti-MDA5 complication.
                "Pneumomediastinum" => subs[i].ab == Ab::Mda5 && subs[i].death_day.is_none(),
                _ => subs[i].death_day.is_none_or(|d| d > 40),
            })
            .collect();
        rng.shuffle(&mut pool);
        for &i in pool.iter().take(k) {
            if infection {
                infected[i] = true;
            }
            let (grade, serious) = grade_and_seriousness(rng, term);
            out.push(AePlan {
                subject: offset + i,
                term,
                grade,
                serious,
            });
        }
    }
    out
}
