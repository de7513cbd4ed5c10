//! Random numbers built only on ChaCha's raw stream.
//!
//! rand's distributions are not value-stable across releases; drawing everything from
//! `next_u64` keeps the fixtures byte-identical whatever rand version the lock file moves to.

use rand::{Rng as _, SeedableRng};
use rand_chacha::ChaCha8Rng;

pub struct Rng(ChaCha8Rng);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in [0, 1) with 53 bits.
    pub fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn uniform(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Integer in [lo, hi] inclusive.
    pub fn int(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo + 1) as u64;
        lo + (self.0.next_u64() % span) as i64
    }

    /// Standard normal by Box–Muller (one value per call, the twin is dropped for simplicity).
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit();
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }

    pub fn gauss(&mut self, mean: f64, sd: f64) -> f64 {
        mean + sd * self.normal()
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.int(0, i as i64) as usize;
            v.swap(i, j);
        }
    }

    pub fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.int(0, v.len() as i64 - 1) as usize]
    }
}

pub fn mean_sd(v: &[f64]) -> (f64, f64) {
    let n = v.len() as f64;
    let m = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1.0);
    (m, var.sqrt())
}

/// Moves a sample onto an exact mean and SD (sample SD, n-1) by an affine map.
pub fn calibrate_normal(v: &mut [f64], mean: f64, sd: f64) {
    let (m, s) = mean_sd(v);
    for x in v.iter_mut() {
        *x = mean + sd * (*x - m) / s;
    }
}

/// Moves a positive, skewed sample onto a mean and SD by `a * x^b`, which keeps every value
/// positive and the subjects' order (the paper's labs have SD > mean: an affine map would go
/// negative).
pub fn calibrate_skewed(v: &mut [f64], mean: f64, sd: f64) {
    let target_cv = sd / mean;
    let cv = |b: f64| {
        let p: Vec<f64> = v.iter().map(|x| x.powf(b)).collect();
        let (m, s) = mean_sd(&p);
        s / m
    };
    let (mut lo, mut hi) = (0.01, 8.0);
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if cv(mid) < target_cv {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let b = 0.5 * (lo + hi);
    for x in v.iter_mut() {
        *x = x.powf(b);
    }
    let (m, _) = mean_sd(v);
    for x in v.iter_mut() {
        *x *= mean / m;
    }
}

pub fn round_to(x: f64, step: f64) -> f64 {
    (x / step).round() * step
}

pub fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
