//! Poisson draws, for the resampling weights of the paired bootstrap
//! ([`crate::engine::paired`]): a cell of `count` iterations enters a resample a
//! Poisson(`count`) number of times. The means are whole numbers, so the constants the
//! algorithms need (e^-n below 10, ln k! below 128) come from tables.
//!
//! The algorithms are the ones numpy uses, so that they can be checked line by line:
//! the multiplication method below a mean of 10 (Knuth, *The Art of Computer
//! Programming*, vol. 2, 3.4.1), and above it Hörmann's transformed rejection with
//! squeeze, PTRS ("The transformed rejection method for generating Poisson random
//! variables", *Insurance: Mathematics and Economics* 12, 1993), whose cost does not
//! grow with the mean.

use crate::random::Xoshiro256pp;

/// Below this mean, the multiplication method; from it on, PTRS.
const PTRS_FROM: u64 = 10;

/// Whole numbers below this have ln k! in a table.
const TABLED: usize = 128;

struct Tables {
    exp_neg: [f64; PTRS_FROM as usize],
    ln_factorial: [f64; TABLED],
}

fn tables() -> &'static Tables {
    static TABLES: std::sync::OnceLock<Tables> = std::sync::OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Tables {
            exp_neg: [0.0; PTRS_FROM as usize],
            ln_factorial: [0.0; TABLED],
        };
        for (n, e) in t.exp_neg.iter_mut().enumerate() {
            *e = (-(n as f64)).exp();
        }
        for k in 2..TABLED {
            t.ln_factorial[k] = t.ln_factorial[k - 1] + (k as f64).ln();
        }
        t
    })
}

/// A draw from the Poisson distribution with mean `mean`, a whole number.
pub fn poisson(rng: &mut Xoshiro256pp, mean: u64) -> u64 {
    if mean == 0 {
        0
    } else if mean < PTRS_FROM {
        multiplication(rng, tables().exp_neg[mean as usize])
    } else {
        ptrs(rng, mean as f64)
    }
}

/// Knuth's method: multiply uniforms until the product falls to e^-mean (`limit`).
fn multiplication(rng: &mut Xoshiro256pp, limit: f64) -> u64 {
    let mut k = 0;
    let mut product = 1.0;
    loop {
        product *= rng.next_f64();
        if product > limit {
            k += 1;
        } else {
            return k;
        }
    }
}

fn ptrs(rng: &mut Xoshiro256pp, mean: f64) -> u64 {
    let root = mean.sqrt();
    let log_mean = mean.ln();
    let b = 0.931 + 2.53 * root;
    let a = -0.059 + 0.02483 * b;
    let inv_alpha = 1.1239 + 1.1328 / (b - 3.4);
    let vr = 0.9277 - 3.6224 / (b - 2.0);
    loop {
        let u = rng.next_f64() - 0.5;
        let v = rng.next_f64();
        let us = 0.5 - u.abs();
        let k = ((2.0 * a / us + b) * u + mean + 0.43).floor();
        if us >= 0.07 && v <= vr {
            return k as u64;
        }
        if k < 0.0 || (us < 0.013 && v > us) {
            continue;
        }
        if v.ln() + inv_alpha.ln() - (a / (us * us) + b).ln()
            <= -mean + k * log_mean - ln_factorial(k as u64)
        {
            return k as u64;
        }
    }
}

/// ln(k!): from the table below 128, Stirling's series (to k⁻⁵, error below 1e-15)
/// above.
fn ln_factorial(k: u64) -> f64 {
    if (k as usize) < TABLED {
        tables().ln_factorial[k as usize]
    } else {
        let x = k as f64;
        x * x.ln() - x + 0.5 * (std::f64::consts::TAU * x).ln() + 1.0 / (12.0 * x)
            - 1.0 / (360.0 * x.powi(3))
            + 1.0 / (1260.0 * x.powi(5))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Mean and variance of many draws: both equal the Poisson mean, within four
    /// standard errors (the variance of a sample variance of a Poisson is about
    /// 2·mean² + mean for n draws, divided by n).
    fn check(count: u64) {
        let mean = count as f64;
        let n = 200_000u64;
        let mut rng = Xoshiro256pp::for_iteration(42, count);
        let draws: Vec<f64> = (0..n).map(|_| poisson(&mut rng, count) as f64).collect();
        let m = draws.iter().sum::<f64>() / n as f64;
        let var = draws.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1) as f64;
        let se_mean = (mean / n as f64).sqrt();
        let se_var = ((2.0 * mean * mean + mean) / n as f64).sqrt();
        assert!((m - mean).abs() < 4.0 * se_mean, "mean {m} for {mean}");
        assert!(
            (var - mean).abs() < 4.0 * se_var,
            "variance {var} for {mean}"
        );
    }

    #[test]
    fn draws_have_the_poisson_mean_and_variance_on_both_algorithms() {
        for count in [1, 2, 3, 9, 10, 11, 37, 1_000, 250_000] {
            check(count);
        }
    }

    #[test]
    fn the_probability_of_each_small_count_is_the_poisson_one() {
        // P(K = k) for mean 12 (PTRS), against e^-12 12^k / k!.
        let n = 400_000;
        let mut rng = Xoshiro256pp::for_iteration(7, 12);
        let mut counts = [0u32; 40];
        for _ in 0..n {
            let k = poisson(&mut rng, 12) as usize;
            if k < counts.len() {
                counts[k] += 1;
            }
        }
        for (k, &c) in counts.iter().enumerate().skip(4).take(16) {
            let p = (-12.0 + k as f64 * 12f64.ln() - ln_factorial(k as u64)).exp();
            let se = (p * (1.0 - p) / n as f64).sqrt();
            let seen = c as f64 / n as f64;
            assert!((seen - p).abs() < 5.0 * se, "k = {k}: {seen} against {p}");
        }
    }

    #[test]
    fn ln_factorial_joins_the_exact_sum_and_stirling_smoothly() {
        for k in [5u64, 127, 128, 200] {
            let exact: f64 = (2..=k).map(|i| (i as f64).ln()).sum();
            assert!((ln_factorial(k) - exact).abs() < 1e-9, "{k}");
        }
        assert_eq!(ln_factorial(0), 0.0);
        assert_eq!(ln_factorial(1), 0.0);
    }
}
