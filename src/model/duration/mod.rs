//! Durations: how many days a stage takes, as a probability distribution.
//!
//! A [`Duration`] is one of ten distributions, each suited to a kind of evidence a policy
//! team has:
//!
//! - **fixed**: a statutory or contractual period (a 30-day comment window).
//! - **uniform**: only a range is known, every value in it equally plausible.
//! - **triangular**: an expert's three-point estimate (shortest, most likely, longest),
//!   taken literally; the tails are fat because the density falls linearly.
//! - **pert**: the same three-point estimate, smoothed (Beta-PERT, λ = 4): more weight
//!   near the most likely value, thinner tails; the usual choice for expert estimates.
//! - **normal**: symmetric variation around a mean (a well-run routine step), truncated at
//!   zero so that no draw is negative.
//! - **lognormal**: waiting times with a long right tail, e.g. how long applicants take to
//!   answer inquiries; most easily given by its median and 90th percentile.
//! - **gamma**: sums of several exponential phases (queue plus work); a flexible
//!   right-skewed shape.
//! - **weibull**: times to completion whose hazard rises (shape > 1) or falls (shape < 1).
//! - **exponential**: memoryless waits: an event that is equally likely any day.
//! - **empirical**: observed durations (e.g. published review times), resampled uniformly
//!   (bootstrap).
//!
//! # Why regsim samples by itself
//!
//! The samplers are implemented here, on regsim's own generator
//! ([`Xoshiro256pp`]), with special functions from
//! [`special`](crate::model::special), instead of being taken from `rand_distr` or
//! `statrs`. A scenario with a given seed must give the same numbers after every
//! dependency update: a crate changing its sampling algorithm in a minor release would
//! silently change published results. (Across platforms the numbers are the same up to
//! last-bit differences in the system's `exp` and `ln`.) The algorithms are classic and
//! fixed:
//!
//! - uniform, triangular, exponential, Weibull, normal and lognormal: the inverse
//!   distribution function of one uniform number (monotone: a larger uniform number gives
//!   a longer duration);
//! - the normal via Wichura's AS 241; the truncated normal restricts the uniform number to
//!   the part of the distribution at or above zero (never resampled);
//! - gamma: Marsaglia and Tsang (2000), with normal numbers from a 256-layer ziggurat
//!   (tables fixed in the source) and the `U^(1/shape)` boost for shapes below 1;
//! - PERT: min + (max − min) · X / (X + Y) with X ~ Gamma(α), Y ~ Gamma(β);
//! - empirical: one of the values, chosen uniformly.
//!
//! Fixed durations (and other single-point ones, see [`Duration::is_random`]) consume no
//! random numbers. Sampling never allocates.

use crate::model::special::{beta_inc_inv, gamma_p_inv, inverse_normal_cdf, ln_gamma, normal_cdf};
use crate::random::Xoshiro256pp;

mod checks;
mod sampling;
#[cfg(test)]
mod tests;

use checks::{Checker, fmt_num};
use sampling::standard_gamma;

/// The 90th percentile of the standard normal distribution, Φ⁻¹(0.9).
pub const Z90: f64 = 1.281_551_565_544_600_4;

/// The longest duration parameter accepted, in days (about 2,700 years). Anything longer
/// is a unit mistake (hours, seconds) rather than a review time, and the bound keeps every
/// draw finite.
pub const MAX_DAYS: f64 = 1.0e6;

/// How far into the normal tails a uniform number from [`Xoshiro256pp::next_open01`] can
/// reach (|Φ⁻¹(2⁻⁵³)| ≈ 8.21), with a margin.
const Z_EXTREME: f64 = 8.5;

/// The largest argument of `exp` with a finite result, with a margin.
const LN_MAX: f64 = 700.0;

/// A stage's duration in days: a probability distribution, validated by
/// [`problems`](Duration::problems).
///
/// Methods on a distribution whose `problems()` is not empty give unspecified results
/// (possibly NaN) but never panic or hang.
#[derive(Debug, Clone, PartialEq)]
pub enum Duration {
    /// Always exactly `days`.
    Fixed {
        /// The duration in days (0 or more).
        days: f64,
    },
    /// Every value between `min` and `max` equally likely.
    Uniform {
        /// Shortest duration in days.
        min: f64,
        /// Longest duration in days.
        max: f64,
    },
    /// Density rising linearly from `min` to `mode`, falling linearly to `max`.
    Triangular {
        /// Shortest duration in days.
        min: f64,
        /// Most likely duration in days.
        mode: f64,
        /// Longest duration in days.
        max: f64,
    },
    /// Beta-PERT with the usual λ = 4: `min + (max − min) · Beta(α, β)` with
    /// α = 1 + 4 (mode − min) / (max − min) and β = 1 + 4 (max − mode) / (max − min);
    /// its mean is (min + 4 mode + max) / 6.
    Pert {
        /// Shortest duration in days.
        min: f64,
        /// Most likely duration in days.
        mode: f64,
        /// Longest duration in days.
        max: f64,
    },
    /// Normal truncated at zero: the part of N(mean, sd²) at or above 0, drawn by the
    /// inverse distribution function restricted to [Φ(−mean/sd), 1), never negative.
    Normal {
        /// Mean of the untruncated normal, in days.
        mean: f64,
        /// Standard deviation of the untruncated normal, in days.
        sd: f64,
    },
    /// ln(X) ~ N(mu, sigma²): median e^mu, 90th percentile e^(mu + 1.2816 sigma).
    LogNormal {
        /// Mean of ln(days): the natural logarithm of the median.
        mu: f64,
        /// Standard deviation of ln(days).
        sigma: f64,
    },
    /// Gamma with density x^(shape−1) e^(−x/scale); mean shape · scale.
    Gamma {
        /// Shape (dimensionless): 1 is the exponential, larger is less skewed.
        shape: f64,
        /// Scale in days.
        scale: f64,
    },
    /// Weibull with distribution function 1 − exp(−(x/scale)^shape).
    Weibull {
        /// Shape (dimensionless): below 1 a falling hazard (long tail), 1 the
        /// exponential, above 1 a rising hazard.
        shape: f64,
        /// Scale in days (the 63rd percentile).
        scale: f64,
    },
    /// Exponential (memoryless) with the given mean.
    Exponential {
        /// Mean duration in days.
        mean: f64,
    },
    /// Observed values, resampled uniformly (bootstrap).
    Empirical {
        /// Observed durations in days, in any order.
        values: Vec<f64>,
    },
}

impl Duration {
    /// The lognormal distribution with the given median and 90th percentile (both in
    /// days): mu = ln(median), sigma = ln(p90 / median) / Φ⁻¹(0.9).
    ///
    /// Nothing is checked here: a p90 not above the median gives sigma <= 0, which
    /// [`problems`](Duration::problems) reports.
    pub fn lognormal_from_median_p90(median: f64, p90: f64) -> Duration {
        Duration::LogNormal {
            mu: median.ln(),
            sigma: (p90 / median).ln() / Z90,
        }
    }

    /// Every problem with the parameters, as (parameter name, message): non-numbers,
    /// negative or implausibly long durations, `min` above `max`, `mode` outside
    /// [min, max], non-positive spreads, shapes and scales, empty or negative empirical
    /// values. The parameter names are those of the scenario file (`min`, `mode`, `max`,
    /// `days`, `mean`, `sd`, `mu`, `sigma`, `shape`, `scale`, `values`); the messages
    /// say what is wrong and how to fix it. Empty when the distribution is valid.
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut c = Checker {
            dist: self.name(),
            out: Vec::new(),
        };
        match self {
            Duration::Fixed { days } => {
                c.dist = "fixed duration";
                c.days("days", *days);
            }
            Duration::Uniform { min, max } => {
                if c.days("min", *min) & c.days("max", *max) {
                    c.ordered(*min, *max);
                }
            }
            Duration::Triangular { min, mode, max } | Duration::Pert { min, mode, max } => {
                let ok = c.days("min", *min) & c.days("mode", *mode) & c.days("max", *max);
                if ok && c.ordered(*min, *max) && !(min <= mode && mode <= max) {
                    c.push(
                        "mode",
                        format!(
                            "{} `mode` ({mode}) must lie between `min` ({min}) and `max` \
                             ({max}): it is the most likely duration, so it cannot be \
                             outside the range",
                            c.dist
                        ),
                    );
                }
            }
            Duration::Normal { mean, sd } => {
                c.days("mean", *mean);
                c.positive_days(
                    "sd",
                    *sd,
                    "it is the spread of the durations; for a duration without spread \
                     use a fixed duration",
                );
            }
            Duration::LogNormal { mu, sigma } => c.lognormal(*mu, *sigma),
            Duration::Gamma { shape, scale } => {
                let shape_ok = c.positive(
                    "shape",
                    *shape,
                    "shape 1 is the exponential distribution, larger shapes are less \
                     skewed; e.g. 2",
                );
                if shape_ok && *shape > 1e6 {
                    c.push(
                        "shape",
                        format!(
                            "gamma `shape` ({shape}) is implausibly large: the spread would \
                             be under 0.1% of the mean; for a duration that hardly varies \
                             use a fixed duration"
                        ),
                    );
                }
                let scale_ok = c.positive_days("scale", *scale, "the mean is shape × scale days");
                let mean = shape * scale;
                if shape_ok && scale_ok && mean > MAX_DAYS {
                    c.push(
                        "scale",
                        format!(
                            "gamma mean `shape` × `scale` ({} days, about {} years) is \
                             implausibly long; durations are in days (at most {}): check \
                             the unit",
                            fmt_num(mean),
                            fmt_num(mean / 365.25),
                            fmt_num(MAX_DAYS)
                        ),
                    );
                }
            }
            Duration::Weibull { shape, scale } => {
                let shape_ok = c.positive(
                    "shape",
                    *shape,
                    "below 1 gives a long tail, 1 is the exponential distribution, above 1 \
                     is less skewed; e.g. 1.5",
                );
                let scale_ok = c.positive_days(
                    "scale",
                    *scale,
                    "it is the duration that 63% of draws stay under",
                );
                // The longest draw is scale · (−ln 2⁻⁵³)^(1/shape), and ln(36.7) < 3.7.
                if shape_ok && scale_ok && scale.ln() + 3.7 / shape > LN_MAX {
                    c.push(
                        "shape",
                        format!(
                            "weibull `shape` ({shape}) is so small that the longest draws \
                             are too large to represent; shapes below 1 already give a long \
                             tail, typical values are 0.5 to 5"
                        ),
                    );
                }
            }
            Duration::Exponential { mean } => {
                c.positive_days(
                    "mean",
                    *mean,
                    "for a stage that takes no time use a fixed duration of 0",
                );
            }
            Duration::Empirical { values } => c.empirical(values),
        }
        c.out
    }

    /// One random duration in days: finite and >= 0 whenever
    /// [`problems`](Duration::problems) is empty.
    ///
    /// Consumes random numbers from `rng` exactly when [`is_random`](Duration::is_random)
    /// is true (one for the inverse-CDF distributions, one index for the empirical, a
    /// variable number for gamma and PERT). Never allocates.
    #[inline]
    pub fn sample(&self, rng: &mut Xoshiro256pp) -> f64 {
        match self {
            Duration::Fixed { days } => *days,
            Duration::Uniform { min, max } => {
                if min == max {
                    *min
                } else {
                    min + (max - min) * rng.next_f64()
                }
            }
            Duration::Triangular { min, mode, max } => {
                if min == max {
                    *min
                } else {
                    triangular_quantile(*min, *mode, *max, rng.next_f64())
                }
            }
            Duration::Pert { min, mode, max } => {
                let Some((range, alpha, beta)) = pert_beta(*min, *mode, *max) else {
                    return *min;
                };
                let x = standard_gamma(alpha, rng);
                let y = standard_gamma(beta, rng);
                min + range * (x / (x + y))
            }
            Duration::Normal { mean, sd } => {
                truncated_normal_quantile(*mean, *sd, rng.next_open01())
            }
            Duration::LogNormal { mu, sigma } => {
                (mu + sigma * inverse_normal_cdf(rng.next_open01())).exp()
            }
            Duration::Gamma { shape, scale } => scale * standard_gamma(*shape, rng),
            // 1 − u is exact for u from `next_open01`, so ln(1 − u) is as accurate as
            // ln_1p(−u), and faster; exp(ln(e) / shape) is faster than powf.
            Duration::Weibull { shape, scale } => {
                let e = -(1.0 - rng.next_open01()).ln();
                scale * (e.ln() / shape).exp()
            }
            Duration::Exponential { mean } => -mean * (1.0 - rng.next_open01()).ln(),
            Duration::Empirical { values } => {
                if values.len() == 1 {
                    values[0]
                } else {
                    // `get` instead of indexing: an (invalid) empty list gives 0, not a panic.
                    values
                        .get(rng.next_index(values.len()))
                        .copied()
                        .unwrap_or(0.0)
                }
            }
        }
    }

    /// The inverse distribution function: the duration that a share `p` of draws stays at
    /// or under (`p` is clamped to [0, 1]; NaN gives NaN).
    ///
    /// Closed forms where they exist; gamma and PERT by Newton iteration on the
    /// regularized incomplete gamma and beta functions (relative accuracy about 1e-13).
    /// Unbounded distributions give +∞ at `p = 1`. The empirical quantile interpolates
    /// linearly between the sorted values, like `numpy.percentile` (it sorts a copy).
    pub fn quantile(&self, p: f64) -> f64 {
        if p.is_nan() {
            return f64::NAN;
        }
        let p = p.clamp(0.0, 1.0);
        match self {
            Duration::Fixed { days } => *days,
            Duration::Uniform { min, max } => min + (max - min) * p,
            Duration::Triangular { min, mode, max } => triangular_quantile(*min, *mode, *max, p),
            Duration::Pert { min, mode, max } => {
                let Some((range, alpha, beta)) = pert_beta(*min, *mode, *max) else {
                    return *min;
                };
                min + range * beta_inc_inv(alpha, beta, p)
            }
            Duration::Normal { mean, sd } => truncated_normal_quantile(*mean, *sd, p),
            Duration::LogNormal { mu, sigma } => (mu + sigma * inverse_normal_cdf(p)).exp(),
            Duration::Gamma { shape, scale } => scale * gamma_p_inv(*shape, p),
            Duration::Weibull { shape, scale } => weibull_quantile(*shape, *scale, p),
            Duration::Exponential { mean } => -mean * (-p).ln_1p(),
            Duration::Empirical { values } => empirical_quantile(values, p),
        }
    }

    /// The median duration, `quantile(0.5)`.
    pub fn median(&self) -> f64 {
        self.quantile(0.5)
    }

    /// The mean duration in days (closed form; for the normal, the mean of the truncated
    /// distribution; for the empirical, the average of the values).
    pub fn mean(&self) -> f64 {
        match self {
            Duration::Fixed { days } => *days,
            Duration::Uniform { min, max } => 0.5 * (min + max),
            Duration::Triangular { min, mode, max } => (min + mode + max) / 3.0,
            Duration::Pert { min, mode, max } => (min + 4.0 * mode + max) / 6.0,
            Duration::Normal { mean, sd } => {
                // E[X | X >= 0] = mean + sd · φ(a) / Φ(a) with a = mean / sd.
                let a = mean / sd;
                if a > Z_EXTREME {
                    *mean
                } else {
                    let density = (-0.5 * a * a).exp() * 0.398_942_280_401_432_7;
                    mean + sd * density / normal_cdf(a)
                }
            }
            Duration::LogNormal { mu, sigma } => (mu + 0.5 * sigma * sigma).exp(),
            Duration::Gamma { shape, scale } => shape * scale,
            Duration::Weibull { shape, scale } => scale * ln_gamma(1.0 + 1.0 / shape).exp(),
            Duration::Exponential { mean } => *mean,
            Duration::Empirical { values } => values.iter().sum::<f64>() / values.len() as f64,
        }
    }

    /// The distribution's name as written in scenario files: "fixed", "uniform",
    /// "triangular", "pert", "normal", "lognormal", "gamma", "weibull", "exponential" or
    /// "empirical".
    pub fn name(&self) -> &'static str {
        match self {
            Duration::Fixed { .. } => "fixed",
            Duration::Uniform { .. } => "uniform",
            Duration::Triangular { .. } => "triangular",
            Duration::Pert { .. } => "pert",
            Duration::Normal { .. } => "normal",
            Duration::LogNormal { .. } => "lognormal",
            Duration::Gamma { .. } => "gamma",
            Duration::Weibull { .. } => "weibull",
            Duration::Exponential { .. } => "exponential",
            Duration::Empirical { .. } => "empirical",
        }
    }

    /// Whether draws vary: false for a fixed duration, a one-value empirical list, and a
    /// uniform, triangular or PERT distribution with `min == max`. Exactly these consume
    /// no random numbers in [`sample`](Duration::sample).
    pub fn is_random(&self) -> bool {
        match self {
            Duration::Fixed { .. } => false,
            Duration::Uniform { min, max }
            | Duration::Triangular { min, max, .. }
            | Duration::Pert { min, max, .. } => min != max,
            Duration::Empirical { values } => values.len() != 1,
            _ => true,
        }
    }

    /// A short human description for tables, e.g. "triangular(60, 90, 150)",
    /// "lognormal(median 30, p90 75)", "empirical(12 values, 20 to 95)". Numbers are
    /// rounded to 6 significant digits.
    pub fn describe(&self) -> String {
        let n = fmt_num;
        match self {
            Duration::Fixed { days } => format!("fixed({})", n(*days)),
            Duration::Uniform { min, max } => format!("uniform({}, {})", n(*min), n(*max)),
            Duration::Triangular { min, mode, max } => {
                format!("triangular({}, {}, {})", n(*min), n(*mode), n(*max))
            }
            Duration::Pert { min, mode, max } => {
                format!("pert({}, {}, {})", n(*min), n(*mode), n(*max))
            }
            Duration::Normal { mean, sd } => format!("normal(mean {}, sd {})", n(*mean), n(*sd)),
            Duration::LogNormal { mu, sigma } => format!(
                "lognormal(median {}, p90 {})",
                n(mu.exp()),
                n((mu + Z90 * sigma).exp())
            ),
            Duration::Gamma { shape, scale } => {
                format!("gamma(shape {}, scale {})", n(*shape), n(*scale))
            }
            Duration::Weibull { shape, scale } => {
                format!("weibull(shape {}, scale {})", n(*shape), n(*scale))
            }
            Duration::Exponential { mean } => format!("exponential(mean {})", n(*mean)),
            Duration::Empirical { values } => {
                let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
                let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                match values.len() {
                    0 => "empirical(no values)".to_string(),
                    1 => format!("empirical(1 value, {})", n(lo)),
                    len => format!("empirical({len} values, {} to {})", n(lo), n(hi)),
                }
            }
        }
    }
}

/// Triangular inverse distribution function at `u` in [0, 1].
/// The Beta distribution behind a PERT estimate (λ = 4): its range and its two shapes,
/// or `None` when the range is empty (every value is `min`).
#[inline]
fn pert_beta(min: f64, mode: f64, max: f64) -> Option<(f64, f64, f64)> {
    let range = max - min;
    (range != 0.0).then(|| {
        (
            range,
            1.0 + 4.0 * (mode - min) / range,
            1.0 + 4.0 * (max - mode) / range,
        )
    })
}

#[inline]
fn triangular_quantile(min: f64, mode: f64, max: f64, u: f64) -> f64 {
    let range = max - min;
    let left = mode - min;
    // One square root on a selected argument: branch-free, which matters because the
    // side is random.
    let (base, sign, area) = if u * range < left {
        (min, 1.0, u * range * left)
    } else {
        (max, -1.0, (1.0 - u) * range * (max - mode))
    };
    base + sign * area.sqrt()
}

/// Inverse distribution function of N(mean, sd²) truncated to [0, ∞), at `u` in [0, 1].
///
/// Works with the upper tail for accuracy: the result's upper-tail probability in the
/// untruncated normal is (1 − u) · Φ(mean/sd). Φ(mean/sd) is only computed when the
/// truncation is visible at double precision (mean < 8.5 sd).
#[inline]
fn truncated_normal_quantile(mean: f64, sd: f64, u: f64) -> f64 {
    let a = mean / sd;
    let kept = if a > Z_EXTREME { 1.0 } else { normal_cdf(a) };
    (mean - sd * inverse_normal_cdf((1.0 - u) * kept)).max(0.0)
}

/// Weibull inverse distribution function at `u` in [0, 1].
#[inline]
fn weibull_quantile(shape: f64, scale: f64, u: f64) -> f64 {
    scale * (-(-u).ln_1p()).powf(1.0 / shape)
}

/// `numpy.percentile(values, 100 p)` with linear interpolation, on a sorted copy.
fn empirical_quantile(values: &[f64], p: f64) -> f64 {
    if values.is_empty() {
        return f64::NAN;
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let h = (sorted.len() - 1) as f64 * p;
    let i = (h.floor() as usize).min(sorted.len() - 1);
    let t = h - i as f64;
    let a = sorted[i];
    let Some(&b) = sorted.get(i + 1) else {
        return a;
    };
    // numpy's _lerp: exact at both ends and monotone.
    if t >= 0.5 {
        b - (b - a) * (1.0 - t)
    } else {
        a + (b - a) * t
    }
}
