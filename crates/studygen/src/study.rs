//! The whole simulated trial in memory: subjects, visits, labs, events, dosing.

use crate::date::Date;
use crate::dosing::{self, CniRow, GcRow, RescueRow};
use crate::events;
use crate::labs::{self, Ae, Peaks};
use crate::paper::{self, SEED};
use crate::rng::Rng;
use crate::schedule::{self, Visit};
use crate::subjects::{Arm, Subject, arm_subjects};

pub struct Site {
    pub code: &'static str,
    pub slug: &'static str,
    pub name: &'static str,
    pub size: usize,
}

/// Four of the trial's twelve centres (the affiliations in the paper); the simulated subjects
/// are spread over them so every workbook has enough rows to carry the mess.
pub const SITES: [Site; 4] = [
    Site {
        code: "01",
        slug: "hamamatsu",
        name: "Hamamatsu University School of Medicine",
        size: 20,
    },
    Site {
        code: "02",
        slug: "mikatahara",
        name: "Seirei Mikatahara General Hospital",
        size: 14,
    },
    Site {
        code: "03",
        slug: "shizuoka",
        name: "Shizuoka General Hospital",
        size: 13,
    },
    Site {
        code: "04",
        slug: "hamamatsu-mc",
        name: "Hamamatsu Medical Center",
        size: 11,
    },
];

pub fn site_file(i: usize) -> String {
    format!("site-{}-{}.xlsx", SITES[i].code, SITES[i].slug)
}

pub struct Study {
    pub subjects: Vec<Subject>,
    pub visits: Vec<Vec<Visit>>,
    pub labs: Vec<Vec<[f64; 9]>>,
    pub aes: Vec<Ae>,
    pub cni: Vec<Vec<CniRow>>,
    pub gc: Vec<Vec<GcRow>>,
    pub rescue: Vec<Vec<RescueRow>>,
}

impl Study {
    pub fn date(&self, subject: usize, day: i64) -> Date {
        self.subjects[subject].rand_date.plus(day)
    }

    /// Subject indices of one site, in subject-id order.
    pub fn site_subjects(&self, site: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..self.subjects.len())
            .filter(|&i| self.subjects[i].site == site)
            .collect();
        v.sort_by(|&a, &b| self.subjects[a].id.cmp(&self.subjects[b].id));
        v
    }
}

fn weekday_shift(d: Date) -> Date {
    // 1970-01-01 was a Thursday; sites randomize on weekdays.
    match (d.0 + 3).rem_euclid(7) {
        5 => d.plus(-1),
        6 => d.plus(1),
        _ => d,
    }
}

pub fn generate() -> Study {
    let mut rng = Rng::new(SEED);
    let mut subs = arm_subjects(&mut rng, Arm::Tac);
    subs.extend(arm_subjects(&mut rng, Arm::Csa));
    let n_tac = paper::N_TAC;
    let mut planned = Vec::new();
    {
        let (tac, csa) = subs.split_at_mut(n_tac);
        planned.extend(events::progressions(&mut rng, Arm::Tac, tac, 0));
        planned.extend(events::progressions(&mut rng, Arm::Csa, csa, n_tac));
        events::pulses_and_psl(&mut rng, Arm::Tac, tac);
        events::pulses_and_psl(&mut rng, Arm::Csa, csa);
    }
    let days: Vec<Vec<(u32, i64)>> = subs
        .iter()
        .map(|_| schedule::visit_days(&mut rng))
        .collect();
    schedule::place_progressions(&mut rng, &mut subs, &planned, &days);
    let mut plans = events::adverse_events(&mut rng, Arm::Tac, &subs[..n_tac], 0);
    plans.extend(events::adverse_events(
        &mut rng,
        Arm::Csa,
        &subs[n_tac..],
        n_tac,
    ));

    let mut change = vec![(0.0, 0.0); subs.len()];
    for arm in Arm::BOTH {
        let idx: Vec<usize> = (0..subs.len())
            .filter(|&i| subs[i].arm == arm && subs[i].per_protocol())
            .collect();
        for (k, c) in schedule::pp_changes(&mut rng, arm, &subs, &idx)
            .into_iter()
            .enumerate()
        {
            change[idx[k]] = c;
        }
        let ((fm, fs), (dm, ds)) = paper::table2(arm);
        for (i, s) in subs.iter().enumerate() {
            if s.arm == arm && !s.per_protocol() {
                change[i] = (rng.gauss(fm, fs), rng.gauss(dm, ds));
            }
        }
    }
    let visits: Vec<Vec<Visit>> = (0..subs.len())
        .map(|i| schedule::course(&mut rng, &subs[i], &days[i], change[i]))
        .collect();
    let mut peaks = vec![Peaks::default(); subs.len()];
    let aes = labs::date_events(&mut rng, &plans, &subs, &visits, &mut peaks);
    let labs = (0..subs.len())
        .map(|i| labs::values(&mut rng, &subs[i], &visits[i], peaks[i]))
        .collect();
    let cni = (0..subs.len())
        .map(|i| dosing::cni(&mut rng, &subs[i], &visits[i], peaks[i].renal))
        .collect();
    let gc = subs
        .iter()
        .map(|s| dosing::glucocorticoids(&mut rng, s))
        .collect();
    let rescue = subs.iter().map(|s| dosing::rescue(&mut rng, s)).collect();

    enroll(&mut rng, &mut subs);
    Study {
        subjects: subs,
        visits,
        labs,
        aes,
        cni,
        gc,
        rescue,
    }
}

/// Enrollment order, randomization dates (Nov 2014 – Mar 2018, the paper's recruitment
/// window), sites, subject ids, consent and birth dates.
fn enroll(rng: &mut Rng, subs: &mut [Subject]) {
    let n = subs.len();
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let first = Date::ymd(2014, 11, 10);
    let last = Date::ymd(2018, 3, 28);
    let mut dates: Vec<Date> = (0..n).map(|_| Date(rng.int(first.0, last.0))).collect();
    dates.sort();
    let mut site_of: Vec<usize> = SITES
        .iter()
        .enumerate()
        .flat_map(|(i, s)| std::iter::repeat_n(i, s.size))
        .collect();
    rng.shuffle(&mut site_of);
    let mut seq = [0usize; SITES.len()];
    for (k, &i) in order.iter().enumerate() {
        let s = &mut subs[i];
        s.rand_no = k + 1;
        s.rand_date = weekday_shift(dates[k]);
        s.site = site_of[k];
        seq[s.site] += 1;
        s.id = format!("{}-{:03}", SITES[s.site].code, seq[s.site]);
        s.consent = s.rand_date.plus(-rng.int(2, 12));
        let mut birth = s.consent.plus(-(s.age * 365 + s.age / 4) - rng.int(1, 360));
        while birth.years_until(s.consent) > s.age {
            birth = birth.plus(30);
        }
        while birth.years_until(s.consent) < s.age {
            birth = birth.plus(-30);
        }
        s.birth = birth;
    }
}
