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

use crate::engine::rng::Xoshiro256pp;
use crate::model::special::{beta_inc_inv, gamma_p_inv, inverse_normal_cdf, ln_gamma, normal_cdf};

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
                let range = max - min;
                if range == 0.0 {
                    return *min;
                }
                let alpha = 1.0 + 4.0 * (mode - min) / range;
                let beta = 1.0 + 4.0 * (max - mode) / range;
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
                let range = max - min;
                if range == 0.0 {
                    return *min;
                }
                let alpha = 1.0 + 4.0 * (mode - min) / range;
                let beta = 1.0 + 4.0 * (max - mode) / range;
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

/// A Gamma(shape, 1) draw: Marsaglia and Tsang's method, boosted by U^(1/shape) for
/// shapes below 1. NaN (without looping) for a shape that is not positive.
#[inline]
fn standard_gamma(shape: f64, rng: &mut Xoshiro256pp) -> f64 {
    if shape >= 1.0 {
        marsaglia_tsang(shape, rng)
    } else if shape > 0.0 {
        let boost = rng.next_open01().powf(1.0 / shape);
        marsaglia_tsang(shape + 1.0, rng) * boost
    } else {
        f64::NAN
    }
}

/// Marsaglia and Tsang (2000), "A simple method for generating gamma variables", for
/// shape >= 1, with normal numbers from the ziggurat.
#[inline]
fn marsaglia_tsang(shape: f64, rng: &mut Xoshiro256pp) -> f64 {
    let d = shape - 1.0 / 3.0;
    let c = (1.0 / 3.0) / d.sqrt();
    loop {
        let z = standard_normal(rng);
        let t = 1.0 + c * z;
        if t <= 0.0 {
            continue;
        }
        let v = t * t * t;
        let u = rng.next_open01();
        let z2 = z * z;
        // The squeeze accepts about 98% of the time without a logarithm.
        if u < 1.0 - 0.0331 * z2 * z2 || u.ln() < 0.5 * z2 + d * (1.0 - v + v.ln()) {
            return d * v;
        }
    }
}

/// A standard normal draw by the ziggurat method (Marsaglia and Tsang, 2000) with 256
/// layers; the layer index and sign come from the low bits of one 64-bit number and the
/// uniform from its top 53 bits, so they are independent (Doornik, 2005). About 99% of
/// draws take the fast path: one random number, one multiplication, one comparison.
#[inline]
fn standard_normal(rng: &mut Xoshiro256pp) -> f64 {
    loop {
        let bits = rng.next_u64();
        let i = (bits & 0xff) as usize;
        let u = (bits >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        let x = u * ZIG_X[i];
        let x = if x < ZIG_X[i + 1] {
            x
        } else {
            match ziggurat_edge(i, x, rng) {
                Some(x) => x,
                None => continue,
            }
        };
        return if bits & 0x100 != 0 { -x } else { x };
    }
}

/// The ziggurat's slow path: the tail beyond `ZIG_R` for the base layer (Marsaglia's
/// 1964 method), otherwise the wedge between the layer's rectangle and the density.
#[cold]
#[inline(never)]
fn ziggurat_edge(i: usize, x: f64, rng: &mut Xoshiro256pp) -> Option<f64> {
    if i == 0 {
        loop {
            let a = -rng.next_open01().ln() / ZIG_R;
            let b = -rng.next_open01().ln();
            if 2.0 * b > a * a {
                return Some(ZIG_R + a);
            }
        }
    }
    let y = ZIG_F[i] + (ZIG_F[i + 1] - ZIG_F[i]) * rng.next_f64();
    (y < (-0.5 * x * x).exp()).then_some(x)
}

/// Where the ziggurat's base layer meets the tail: 256 layers of equal area.
const ZIG_R: f64 = 3.654152885361009;

/// The ziggurat's layer edges: `ZIG_X[0]` is the base layer's width (its area divided
/// by the density at `ZIG_R`), `ZIG_X[1] = ZIG_R`, decreasing to `ZIG_X[256] = 0`.
/// Computed with mpmath at 50 digits and rounded to the nearest double.
#[rustfmt::skip]
const ZIG_X: [f64; 257] = [
    3.910757959524916, 3.654152885361009, 3.449278298561431, 3.3202447338398255,
    3.2245750520478014, 3.147889289518001, 3.0835261320021434, 3.0278377917695933,
    2.978603279881843, 2.9343668672088876, 2.894121053613412, 2.8571387308732246,
    2.822877396826443, 2.7909211740019275, 2.760944005279986, 2.7326853590440114,
    2.705933656123062, 2.680514643285745, 2.6562830375767432, 2.6331163936315827,
    2.6109105184888235, 2.5895759867082866, 2.569035452681844, 2.5492215503247833,
    2.530075232159854, 2.5115444416266945, 2.4935830412710467, 2.476149939670523,
    2.459208374334705, 2.442725318200364, 2.4266709849371466, 2.4110184139011195,
    2.3957431197819274, 2.3808227951720857, 2.366237056717291, 2.3519672273791445,
    2.337996148796529, 2.3243080188711325, 2.310888250601372, 2.2977233489028634,
    2.284800802724492, 2.2721089902283818, 2.2596370951737876, 2.247375032947389,
    2.235313384929921, 2.2234433400925107, 2.211756642884161, 2.2002455466112765,
    2.1889027716263607, 2.177721467740293, 2.1666951803543086, 2.1558178198767375,
    2.145083634047889, 2.134487182846017, 2.1240233156895236, 2.113687150686653,
    2.1034740557148774, 2.093379631138792, 2.0833996939983046, 2.073530263518743,
    2.0637675478117323, 2.0541079316506523, 2.0445479652175313, 2.035084353729619,
    2.025713947863854, 2.016433734906204, 2.0072408305605287, 1.9981324713584196,
    1.989106007617438, 1.9801588969004766, 1.9712886979336592, 1.962493064944363,
    1.9537697423846467, 1.9451165600086784, 1.9365314282756947, 1.9280123340526658,
    1.9195573365931882, 1.9111645637712533, 1.9028322085504292, 1.8945585256707047,
    1.8863418285367828, 1.8781804862929958, 1.8700729210712668, 1.8620176053996742,
    1.8540130597602018, 1.8460578502851854, 1.8381505865828067, 1.830289919682757,
    1.8224745400938858, 1.8147031759662826, 1.8069745913508208, 1.7992875845497203,
    1.7916409865521625, 1.7840336595494415, 1.7764644955245228, 1.7689324149112686,
    1.7614363653189102, 1.7539753203176716, 1.7465482782817223, 1.7391542612859117,
    1.7317923140529632, 1.724461502948045, 1.717160915017823, 1.7098896570713018,
    1.7026468547999232, 1.6954316519345616, 1.6882432094371953, 1.681080704725174,
    1.673943330926125, 1.6668302961616654, 1.6597408228581825, 1.652674147083056,
    1.6456295179047824, 1.6386061967755476, 1.6316034569348736, 1.6246205828330347,
    1.6176568695730156, 1.6107116223698301, 1.6037841560260946, 1.5968737944227882,
    1.5899798700241907, 1.5831017233960292, 1.5762387027359064, 1.5693901634151237,
    1.562555467531045, 1.5557339834691764, 1.5489250854741734, 1.5421281532290019,
    1.535342571441514, 1.5285677294377125, 1.521803020760998, 1.5150478427767147,
    1.5083015962813116, 1.5015636851154637, 1.4948335157804935, 1.4881104970574475,
    1.4813940396281873, 1.4746835556978555, 1.4679784586180795, 1.4612781625102755,
    1.4545820818884103, 1.447889631280576, 1.441200224848724, 1.4345132760058923,
    1.427828197030256, 1.421144398675309, 1.4144612897754711, 1.407778276846399,
    1.401094763679251, 1.394410150928141, 1.3877238356899761, 1.3810352110758555,
    1.3743436657731662, 1.367648583597476, 1.360949343033283, 1.354245316762635,
    1.3475358711805872, 1.340820365896404, 1.33409815321936, 1.3273685776279258,
    1.3206309752210563, 1.3138846731502205, 1.3071289890307312, 1.3003632303308372,
    1.2935866937369478, 1.2867986644932436, 1.279998415713818, 1.2731852076653563,
    1.2663582870182295, 1.2595168860637143, 1.2526602218948972, 1.2457874955486272,
    1.2388978911056874, 1.2319905747461362, 1.2250646937565308, 1.2181193754854815,
    1.211153726243699, 1.2041668301443815, 1.1971577478794415, 1.190125515426692,
    1.1830691426826867, 1.175987612015452, 1.168879876730833, 1.1617448594456115,
    1.1545814503599277, 1.147388505420849, 1.1401648443681514, 1.1329092486525338,
    1.1256204592155334, 1.118297174119345, 1.1109380460135758, 1.1035416794246398,
    1.0961066278520215, 1.0886313906539797, 1.0811144097034038, 1.0735540657924363,
    1.0659486747621225, 1.0582964833306752, 1.05059566459093, 1.042844313144149,
    1.035040439833441, 1.0271819660356458, 1.0192667174654841, 1.0112924174399958,
    1.003256679544673, 0.995156999635091, 0.9869907470990624, 0.9787551552942246,
    0.9704473110642244, 0.9620641432230406, 0.953602409881086, 0.9450586844681654,
    0.9364293402865751, 0.9277105334020002, 0.9188981836495906, 0.9099879534967185,
    0.9009752244612218, 0.8918550707329416, 0.8826222295851656, 0.8732710680888608,
    0.8637955455533088, 0.8541891710081638, 0.8444449549091539, 0.8345553540863822,
    0.8245122087522921, 0.8143066701352152, 0.8039291169899713, 0.7933690588406233,
    0.7826150233072331, 0.7716544242245681, 0.7604734064301081, 0.7490566620178153,
    0.7373872114342956, 0.7254461409099996, 0.7132122851909759, 0.7006618411068151,
    0.6877678927957885, 0.6744998228372938, 0.6608225742444197, 0.6466957148949938,
    0.6320722363860611, 0.6168969900077514, 0.6011046177559927, 0.5846167661063794,
    0.5673382570538188, 0.5491517023271651, 0.5299097206615582, 0.5094233296020918,
    0.487443966139236, 0.46363433679088223, 0.4375184022078717, 0.40838913461199117,
    0.37512133287838056, 0.33573751921442524, 0.2861745917920725, 0.2152418959848817,
    0.0,
];

/// The unnormalized normal density exp(−x²/2) at each of [`ZIG_X`].
#[rustfmt::skip]
const ZIG_F: [f64; 257] = [
    0.00047746776460938755, 0.0012602859304985975, 0.002609072746102163, 0.0040379725933630305,
    0.005522403299250998, 0.007050875471373227, 0.008616582769398732, 0.010214971439701471,
    0.01184275785790789, 0.01349745060173988, 0.015177088307935327, 0.01688008315254317,
    0.018605121275724647, 0.02035109623004452, 0.022117062707308868, 0.023902203305795882,
    0.025705804008548896, 0.027527235669603085, 0.029365939758133317, 0.03122141719192025,
    0.03309321945857852, 0.034980941461716084, 0.03688421568856729, 0.03880270740452612,
    0.04073611065594093, 0.04268414491647444, 0.04464655225129445, 0.04662309490193037,
    0.04861355321586853, 0.05061772386094777, 0.05263541827679218, 0.05466646132488892,
    0.0567106901062029, 0.058767952920933765, 0.060838108349539864, 0.06292102443775813,
    0.06501657797124286, 0.0671246538277885, 0.06924514439700677, 0.07137794905889037,
    0.07352297371398127, 0.07568013035892708, 0.07784933670209605, 0.08003051581466306,
    0.08222359581320286, 0.08442850957035337, 0.08664519445055796, 0.0888735920682758,
    0.09111364806637363, 0.09336531191269087, 0.09562853671300883, 0.0979032790388623,
    0.10018949876880982, 0.1024871589419351, 0.1047962256224869, 0.10711666777468365,
    0.10944845714681165, 0.111791568163838, 0.11414597782783836, 0.11651166562561081,
    0.11888861344290999, 0.12127680548479022, 0.12367622820159656, 0.12608687022018586,
    0.12850872227999954, 0.13094177717364433, 0.13338602969166913, 0.13584147657125373,
    0.13830811644855073, 0.1407859498144447, 0.14327497897351343, 0.14577520800599406,
    0.14828664273257455, 0.1508092906818457, 0.15334316106026286, 0.15588826472447923,
    0.1584446141559243, 0.1610122234375111, 0.16359110823236572, 0.16618128576448207,
    0.1687827748012115, 0.17139559563750595, 0.17401977008183878, 0.176655321443735,
    0.17930227452284767, 0.18196065559952257, 0.18463049242679927, 0.18731181422380028,
    0.19000465167046499, 0.19270903690358915, 0.19542500351413428, 0.19815258654577514,
    0.2008918224946566, 0.20364274931033488, 0.20640540639788074, 0.20917983462112502,
    0.21196607630703018, 0.2147641752511736, 0.21757417672433116, 0.22039612748015197,
    0.22323007576391746, 0.22607607132238022, 0.22893416541468026, 0.2318044108243386,
    0.23468686187232993, 0.23758157443123798, 0.24048860594050042, 0.24340801542275015,
    0.24633986350126366, 0.24928421241852827, 0.25224112605594196, 0.2552106699546617,
    0.25819291133761896, 0.2611879191327209, 0.2641957639972608, 0.26721651834356114,
    0.27025025636587524, 0.2732970540685769, 0.2763569892956681, 0.2794301417616378,
    0.28251659308370747, 0.2856164268155016, 0.28872972848218276, 0.29185658561709504,
    0.2949970877999617, 0.29815132669668537, 0.30131939610080294, 0.3045013919766498,
    0.30769741250429195, 0.31090755812628634, 0.3141319315963371, 0.3173706380299135,
    0.32062378495690536, 0.3238914823763911, 0.32717384281360135, 0.3304709813791634,
    0.3337830158307183, 0.33711006663700593, 0.3404522570445217, 0.3438097131468506,
    0.34718256395679353, 0.35057094148140594, 0.3539749808000766, 0.3573948201457803,
    0.3608306009896478, 0.3642824681290038, 0.3677505697790323, 0.3712350576682393,
    0.3747360871378909, 0.37825381724561896, 0.38178841087339344, 0.3853400348400771,
    0.3889088600187886, 0.3924950614593154, 0.39609881851583223, 0.39972031498019706,
    0.40335973922111434, 0.4070172843294732, 0.41069314827018805, 0.41438753404089096,
    0.418100649837848, 0.4218327092294958, 0.42558393133802186, 0.4293545410294413,
    0.43314476911265215, 0.4369548525479854, 0.4407850346658038, 0.4446355653957392,
    0.4485067015072028, 0.4523987068618483, 0.45631185267871616, 0.46024641781284253,
    0.464202689048174, 0.46818096140569326, 0.4721815384677298, 0.47620473271950553,
    0.4802508659090465, 0.48432026942668294, 0.48841328470545764, 0.4925302636438682,
    0.4966715690524894, 0.5008375751261485, 0.5050286679434679, 0.5092452459957476,
    0.5134877207473266, 0.5177565172297559, 0.5220520746723215, 0.526374847171684,
    0.5307253044036616, 0.5351039323804572, 0.5395112342569517, 0.5439477311900258,
    0.5484139632552655, 0.552910490425832, 0.5574378936187656, 0.561996775814524,
    0.566587763256164, 0.5712115067352528, 0.5758686829723533, 0.5805599961007905,
    0.5852861792633709, 0.5900479963328256, 0.594846243767987, 0.5996817526191249,
    0.6045553906974674, 0.6094680649257731, 0.6144207238889136, 0.6194143606058341,
    0.6244500155470262, 0.6295287799248364, 0.6346517992876233, 0.6398202774530563,
    0.6450354808208221, 0.6502987431108165, 0.655611470579697, 0.6609751477766629,
    0.6663913439087499, 0.6718617198970818, 0.6773880362187731, 0.6829721616449944,
    0.6886160830046714, 0.6943219161261164, 0.7000919181365113, 0.7059285013327539,
    0.7118342488782481, 0.7178119326307216, 0.7238645334686298, 0.7299952645614758,
    0.7362075981268623, 0.7425052963401507, 0.7488924472191565, 0.7553735065070958,
    0.7619533468367949, 0.7686373157984858, 0.7754313049811867, 0.7823418326548021,
    0.7893761435660241, 0.7965423304229586, 0.8038494831709639, 0.8113078743126559,
    0.818929191603702, 0.826726833946221, 0.8347162929868832, 0.842915653112204,
    0.8513462584586777, 0.8600336211963312, 0.8690086880368567, 0.8783096558089171,
    0.887984660755833, 0.8980959218983431, 0.9087264400521305, 0.9199915050393467,
    0.9320600759592301, 0.9451989534422993, 0.9598790918001063, 0.9771017012676713,
    1.0,
];

/// Formats a number for tables and messages: at most 6 significant digits, trailing
/// zeros dropped ("30", "2.5", "0.125").
fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x == 0.0 {
        return "0".to_string();
    }
    let magnitude = x.abs().log10().floor() as i32;
    let decimals = (5 - magnitude).clamp(0, 15) as usize;
    let s = format!("{x:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s == "-0" { "0".to_string() } else { s }
}

/// Collects the problems of one distribution's parameters.
struct Checker {
    /// How the messages name the distribution, e.g. "triangular".
    dist: &'static str,
    out: Vec<(&'static str, String)>,
}

impl Checker {
    fn push(&mut self, param: &'static str, message: String) {
        self.out.push((param, message));
    }

    /// A finite number; `what` says what to give instead.
    fn finite(&mut self, param: &'static str, v: f64, what: &str) -> bool {
        if v.is_nan() {
            let dist = self.dist;
            self.push(
                param,
                format!("{dist} `{param}` is not a number (NaN); give {what}"),
            );
            false
        } else if v.is_infinite() {
            let dist = self.dist;
            self.push(param, format!("{dist} `{param}` is infinite; give {what}"));
            false
        } else {
            true
        }
    }

    /// At most [`MAX_DAYS`].
    fn not_too_long(&mut self, param: &'static str, v: f64) -> bool {
        if v > MAX_DAYS {
            let dist = self.dist;
            self.push(
                param,
                format!(
                    "{dist} `{param}` ({v} days, about {} years) is implausibly long; \
                     durations are in days (at most {}): check the unit",
                    fmt_num(v / 365.25),
                    fmt_num(MAX_DAYS)
                ),
            );
            false
        } else {
            true
        }
    }

    /// A number of days: finite, 0 or more, at most [`MAX_DAYS`].
    fn days(&mut self, param: &'static str, v: f64) -> bool {
        if !self.finite(param, v, "a number of days, e.g. 30") {
            return false;
        }
        if v < 0.0 {
            let dist = self.dist;
            self.push(
                param,
                format!(
                    "{dist} `{param}` ({v}) is negative; durations are counted in days \
                     and cannot be negative: use 0 or more"
                ),
            );
            return false;
        }
        self.not_too_long(param, v)
    }

    /// A number of days above 0; `hint` explains the parameter.
    fn positive_days(&mut self, param: &'static str, v: f64, hint: &str) -> bool {
        if !self.finite(param, v, "a number of days above 0") {
            return false;
        }
        if v <= 0.0 {
            let dist = self.dist;
            self.push(
                param,
                format!("{dist} `{param}` ({v}) must be greater than 0 days; {hint}"),
            );
            return false;
        }
        self.not_too_long(param, v)
    }

    /// A dimensionless number above 0; `hint` explains the parameter.
    fn positive(&mut self, param: &'static str, v: f64, hint: &str) -> bool {
        if !self.finite(param, v, "a number above 0") {
            return false;
        }
        if v <= 0.0 {
            let dist = self.dist;
            self.push(
                param,
                format!("{dist} `{param}` ({v}) must be greater than 0; {hint}"),
            );
            return false;
        }
        true
    }

    /// `min` <= `max`, reported on `max`.
    fn ordered(&mut self, min: f64, max: f64) -> bool {
        if min > max {
            let dist = self.dist;
            self.push(
                "max",
                format!(
                    "{dist} `min` ({min}) must not exceed `max` ({max}); swap them or \
                     correct one of them"
                ),
            );
            false
        } else {
            true
        }
    }

    fn lognormal(&mut self, mu: f64, sigma: f64) {
        let mu_ok = self.finite(
            "mu",
            mu,
            "the natural logarithm of the median in days, e.g. 3.4 for a 30-day median \
             (if you gave `median`, it must be greater than 0)",
        );
        if mu_ok && mu > MAX_DAYS.ln() {
            self.push(
                "mu",
                format!(
                    "lognormal `mu` ({mu}) gives a median of {} days, implausibly long; \
                     `mu` is the natural logarithm of the median in days (a 30-day median \
                     is mu = 3.4): check that you did not give the median itself",
                    fmt_num(mu.exp())
                ),
            );
        }
        let sigma_ok = self.finite(
            "sigma",
            sigma,
            "a spread above 0, e.g. 0.7 (if you gave `median` and `p90`, both must be \
             greater than 0)",
        );
        if sigma_ok && sigma <= 0.0 {
            self.push(
                "sigma",
                format!(
                    "lognormal `sigma` ({sigma}) must be greater than 0: it sets the \
                     spread (the p90 is the median times e^(1.28 sigma)); if you gave \
                     `median` and `p90`, the p90 must be greater than the median"
                ),
            );
        } else if mu_ok && sigma_ok && mu.min(MAX_DAYS.ln()) + Z_EXTREME * sigma > LN_MAX {
            self.push(
                "sigma",
                format!(
                    "lognormal `sigma` ({sigma}) is so large that the longest draws are too \
                     large to represent; typical values are 0.2 to 1.5 (sigma 1 puts the \
                     p90 at 3.6 times the median)"
                ),
            );
        }
    }

    fn empirical(&mut self, values: &[f64]) {
        if values.is_empty() {
            self.push(
                "values",
                "empirical `values` is empty; list the observed durations in days, e.g. \
                 values = [34, 41, 52]"
                    .to_string(),
            );
            return;
        }
        let report = |c: &mut Checker, bad: &dyn Fn(f64) -> bool, what: &str, fix: &str| {
            let count = values.iter().filter(|&&v| bad(v)).count();
            if let Some(i) = values.iter().position(|&v| bad(v)) {
                let entries = if count == 1 { "entry" } else { "entries" };
                c.push(
                    "values",
                    format!(
                        "empirical `values` has {count} {what} {entries} (the first, {}, at \
                         position {}); {fix}",
                        values[i],
                        i + 1
                    ),
                );
            }
        };
        report(
            self,
            &|v: f64| !v.is_finite(),
            "non-numeric or infinite",
            "every observed duration must be a finite number of days",
        );
        report(
            self,
            &|v: f64| v < 0.0,
            "negative",
            "observed durations cannot be negative: correct or remove them",
        );
        report(
            self,
            &|v: f64| v > MAX_DAYS && v.is_finite(),
            "implausibly long",
            "durations are in days (at most 1000000): check the unit",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: usize = 200_000;

    /// numpy.percentile(sorted, 100 p), written independently of `empirical_quantile`.
    fn percentile(sorted: &[f64], p: f64) -> f64 {
        let h = (sorted.len() - 1) as f64 * p;
        let lo = h.floor() as usize;
        let hi = (lo + 1).min(sorted.len() - 1);
        sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
    }

    #[track_caller]
    fn assert_close(got: f64, want: f64, rel: f64) {
        assert!(
            (got - want).abs() <= rel * want.abs(),
            "got {got}, want {want} (relative error {:e}, allowed {rel:e})",
            ((got - want) / want).abs()
        );
    }

    /// Draws `N` samples and checks them against the distribution's closed-form `mean` and
    /// standard deviation `sd`: the sample mean within 5 standard errors, and the sample
    /// p10/p50/p90 within the quantiles of p ± 5 standard errors of a proportion (plus
    /// `slack` days, for discrete distributions).
    #[track_caller]
    fn check_sampling(d: &Duration, seed: u64, mean: f64, sd: f64, slack: f64) {
        assert!(d.problems().is_empty(), "{:?}", d.problems());
        assert_close(d.mean(), mean, 1e-12);
        let mut rng = Xoshiro256pp::from_seed(seed);
        let mut xs: Vec<f64> = (0..N).map(|_| d.sample(&mut rng)).collect();
        for &x in &xs {
            assert!(x.is_finite() && x >= 0.0, "{}: bad draw {x}", d.describe());
        }
        let sample_mean = xs.iter().sum::<f64>() / N as f64;
        let se = sd / (N as f64).sqrt();
        assert!(
            (sample_mean - mean).abs() <= 5.0 * se,
            "{}: sample mean {sample_mean}, expected {mean} ± {}",
            d.describe(),
            5.0 * se
        );
        xs.sort_by(f64::total_cmp);
        for p in [0.1, 0.5, 0.9] {
            let got = percentile(&xs, p);
            let w = 5.0 * (p * (1.0 - p) / N as f64).sqrt();
            let (lo, hi) = (d.quantile(p - w) - slack, d.quantile(p + w) + slack);
            assert!(
                lo <= got && got <= hi,
                "{}: sample p{} = {got}, expected in [{lo}, {hi}] (quantile {})",
                d.describe(),
                p * 100.0,
                d.quantile(p)
            );
        }
    }

    fn params(d: &Duration) -> Vec<&'static str> {
        d.problems().into_iter().map(|(p, _)| p).collect()
    }

    /// Asserts that `d` has exactly one problem, on `param`, whose message names it and
    /// contains `needle`.
    #[track_caller]
    fn assert_problem(d: Duration, param: &str, needle: &str) {
        let problems = d.problems();
        assert_eq!(problems.len(), 1, "{d:?}: {problems:?}");
        let (p, message) = &problems[0];
        assert_eq!(*p, param, "{d:?}: {message}");
        assert!(message.contains(&format!("`{param}`")), "{message}");
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
    }

    #[test]
    fn fixed_is_constant_and_consumes_nothing() {
        let d = Duration::Fixed { days: 14.0 };
        let mut rng = Xoshiro256pp::from_seed(1);
        for _ in 0..10 {
            assert_eq!(d.sample(&mut rng), 14.0);
        }
        assert_eq!(rng.next_u64(), Xoshiro256pp::from_seed(1).next_u64());
        assert_eq!(d.quantile(0.1), 14.0);
        assert_eq!(d.median(), 14.0);
        assert_eq!(d.mean(), 14.0);
        assert!(!d.is_random());
        check_sampling(&d, 1, 14.0, 0.0, 0.0);
        assert!(Duration::Fixed { days: 0.0 }.problems().is_empty());
    }

    #[test]
    fn uniform() {
        let d = Duration::Uniform {
            min: 20.0,
            max: 40.0,
        };
        assert_eq!(d.quantile(0.25), 25.0);
        assert_eq!(d.quantile(0.0), 20.0);
        assert_eq!(d.quantile(1.0), 40.0);
        assert_eq!(d.median(), 30.0);
        check_sampling(&d, 2, 30.0, 20.0 / 12f64.sqrt(), 0.0);
        let point = Duration::Uniform { min: 5.0, max: 5.0 };
        assert!(!point.is_random());
        let mut rng = Xoshiro256pp::from_seed(2);
        assert_eq!(point.sample(&mut rng), 5.0);
        assert_eq!(rng.next_u64(), Xoshiro256pp::from_seed(2).next_u64());
    }

    #[test]
    fn triangular() {
        let sym = Duration::Triangular {
            min: 0.0,
            mode: 0.5,
            max: 1.0,
        };
        assert_close(sym.median(), 0.5, 1e-15);
        let left = Duration::Triangular {
            min: 0.0,
            mode: 0.0,
            max: 1.0,
        };
        assert_close(left.median(), 1.0 - 0.5f64.sqrt(), 1e-15);
        let right = Duration::Triangular {
            min: 0.0,
            mode: 1.0,
            max: 1.0,
        };
        assert_close(right.median(), 0.5f64.sqrt(), 1e-15);
        let d = Duration::Triangular {
            min: 60.0,
            mode: 90.0,
            max: 150.0,
        };
        // F(mode) = (mode - min) / (max - min) = 1/3.
        assert_close(d.quantile(1.0 / 3.0), 90.0, 1e-14);
        assert_eq!(d.quantile(0.0), 60.0);
        assert_eq!(d.quantile(1.0), 150.0);
        let (a, b, c) = (60.0f64, 90.0f64, 150.0f64);
        let var = (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
        check_sampling(&d, 3, 100.0, var.sqrt(), 0.0);
        check_sampling(&left, 4, 1.0 / 3.0, (1.0f64 / 18.0).sqrt(), 0.0);
    }

    #[test]
    fn pert() {
        // PERT(0, 1, 4) is 4 · Beta(2, 4).
        let d = Duration::Pert {
            min: 0.0,
            mode: 1.0,
            max: 4.0,
        };
        assert_close(d.mean(), 4.0 / 3.0, 1e-15);
        assert_close(d.median(), 1.255_240_681_822_789_8, 1e-12);
        for p in [0.001, 0.1, 0.5, 0.9, 0.999] {
            // The Beta(2, 4) distribution function: 1 − (1 − x)^4 (1 + 4x).
            let x = d.quantile(p) / 4.0;
            assert_close(1.0 - (1.0 - x).powi(4) * (1.0 + 4.0 * x), p, 1e-12);
        }
        assert_eq!(d.quantile(0.0), 0.0);
        assert_eq!(d.quantile(1.0), 4.0);
        check_sampling(&d, 5, 4.0 / 3.0, 0.712_696_645_099_798_4, 0.0);
        // Beta(α, β) scaled: sd = range · sqrt(αβ / ((α + β)² (α + β + 1))).
        let e = Duration::Pert {
            min: 60.0,
            mode: 90.0,
            max: 150.0,
        };
        let (alpha, beta): (f64, f64) = (1.0 + 4.0 * 30.0 / 90.0, 1.0 + 4.0 * 60.0 / 90.0);
        let sd = 90.0 * (alpha * beta / ((alpha + beta).powi(2) * (alpha + beta + 1.0))).sqrt();
        check_sampling(&e, 6, 95.0, sd, 0.0);
        // Mode at an end: α = 1.
        let f = Duration::Pert {
            min: 10.0,
            mode: 10.0,
            max: 20.0,
        };
        let sd = 10.0 * (5.0f64 / (36.0 * 7.0)).sqrt();
        check_sampling(&f, 7, 10.0 + 10.0 / 6.0, sd, 0.0);
        let point = Duration::Pert {
            min: 8.0,
            mode: 8.0,
            max: 8.0,
        };
        assert!(!point.is_random());
        assert_eq!(point.sample(&mut Xoshiro256pp::from_seed(1)), 8.0);
        assert_eq!(point.median(), 8.0);
    }

    #[test]
    fn normal() {
        let d = Duration::Normal {
            mean: 10.0,
            sd: 2.0,
        };
        assert!((d.median() - 10.0).abs() < 1e-5);
        assert!((d.quantile(0.975) - (10.0 + 2.0 * 1.959_963_984_540_054)).abs() < 1e-5);
        // The truncated mean: 10 + 2 φ(5) / Φ(5).
        check_sampling(&d, 8, 10.000_002_973_439_882, 2.0, 0.0);
        // Far from zero, truncation is invisible: the exact normal quantiles.
        let far = Duration::Normal {
            mean: 100.0,
            sd: 5.0,
        };
        assert_close(
            far.quantile(0.975),
            100.0 + 5.0 * 1.959_963_984_540_054,
            1e-14,
        );
        assert_eq!(far.median(), 100.0);
    }

    #[test]
    fn truncated_normal() {
        // N(0, 1) truncated at 0 is the half-normal.
        let d = Duration::Normal { mean: 0.0, sd: 1.0 };
        assert_close(d.median(), 0.674_489_750_196_081_7, 1e-14);
        assert_close(d.quantile(0.95), 1.959_963_984_540_054, 1e-14);
        assert_eq!(d.quantile(0.0), 0.0);
        assert_eq!(d.quantile(1.0), f64::INFINITY);
        check_sampling(&d, 9, 0.797_884_560_802_865_4, 0.602_810_274_989_087, 0.0);
        // Moderate truncation: mean / sd = 1.25.
        let e = Duration::Normal { mean: 5.0, sd: 4.0 };
        check_sampling(&e, 10, 5.816_901_835_594_707, 3.353_827_993_953_843_7, 0.0);
    }

    #[test]
    fn lognormal() {
        let d = Duration::lognormal_from_median_p90(30.0, 75.0);
        assert_close(d.quantile(0.9), 75.0, 1e-14);
        assert_close(d.median(), 30.0, 1e-14);
        assert_eq!(d.describe(), "lognormal(median 30, p90 75)");
        check_sampling(&d, 11, 38.737_165_327_758_55, 31.643_729_862_008_57, 0.0);
        let e = Duration::LogNormal {
            mu: 0.0,
            sigma: 1.0,
        };
        assert_close(e.mean(), 0.5f64.exp(), 1e-15);
        assert_close(e.quantile(0.975), 1.959_963_984_540_054f64.exp(), 1e-14);
        assert_eq!(e.quantile(0.0), 0.0);
    }

    #[test]
    fn gamma() {
        let d = Duration::Gamma {
            shape: 2.0,
            scale: 1.0,
        };
        assert_close(d.median(), 1.678_346_990_016_661, 1e-13);
        assert_close(
            Duration::Gamma {
                shape: 2.0,
                scale: 15.0,
            }
            .median(),
            15.0 * 1.678_346_990_016_661,
            1e-13,
        );
        // Shape 1 is the exponential; Gamma(1/2, scale 2) is chi-square with 1 degree of
        // freedom.
        let exp = Duration::Gamma {
            shape: 1.0,
            scale: 3.0,
        };
        assert_close(exp.quantile(0.9), 3.0 * 10f64.ln(), 1e-13);
        let chi2 = Duration::Gamma {
            shape: 0.5,
            scale: 2.0,
        };
        assert_close(chi2.quantile(0.95), 3.841_458_820_694_124, 1e-13);
        assert_eq!(d.quantile(0.0), 0.0);
        check_sampling(
            &Duration::Gamma {
                shape: 2.0,
                scale: 15.0,
            },
            12,
            30.0,
            15.0 * 2f64.sqrt(),
            0.0,
        );
        check_sampling(
            &Duration::Gamma {
                shape: 9.0,
                scale: 5.0,
            },
            13,
            45.0,
            15.0,
            0.0,
        );
        // Shape below 1: the boosted sampler.
        check_sampling(&chi2, 14, 1.0, 2.0 * 0.5f64.sqrt(), 0.0);
    }

    #[test]
    fn weibull() {
        let d = Duration::Weibull {
            shape: 1.5,
            scale: 40.0,
        };
        assert_close(d.median(), 40.0 * 2f64.ln().powf(1.0 / 1.5), 1e-14);
        assert_close(d.median(), 31.328_790_750_986_054, 1e-14);
        assert_close(d.quantile(1.0 - (-1.0f64).exp()), 40.0, 1e-14);
        check_sampling(&d, 15, 36.109_811_718_037_34, 24.517_431_670_187_055, 0.0);
        let long_tail = Duration::Weibull {
            shape: 0.7,
            scale: 20.0,
        };
        check_sampling(
            &long_tail,
            16,
            25.316_470_121_145_666,
            37.023_428_007_968_97,
            0.0,
        );
        assert_close(
            Duration::Weibull {
                shape: 2.0,
                scale: 1.0,
            }
            .mean(),
            0.886_226_925_452_758,
            1e-14,
        );
    }

    #[test]
    fn exponential() {
        let d = Duration::Exponential { mean: 10.0 };
        assert_close(d.median(), 10.0 * 2f64.ln(), 1e-15);
        assert_close(d.quantile(0.9), 10.0 * 10f64.ln(), 1e-15);
        assert_eq!(d.quantile(0.0), 0.0);
        assert_eq!(d.quantile(1.0), f64::INFINITY);
        check_sampling(&d, 17, 10.0, 10.0, 0.0);
    }

    #[test]
    fn empirical() {
        // Reference values from numpy.percentile.
        let d = Duration::Empirical {
            values: vec![50.0, 15.0, 40.0, 20.0, 35.0],
        };
        assert_close(d.quantile(0.4), 29.0, 1e-15);
        assert_eq!(d.quantile(0.0), 15.0);
        assert_eq!(d.quantile(1.0), 50.0);
        assert_eq!(d.median(), 35.0);
        assert_eq!(d.mean(), 32.0);
        let e = Duration::Empirical {
            values: vec![1.0, 2.0, 3.0, 4.0],
        };
        assert_close(e.quantile(0.1), 1.3, 1e-15);
        assert_close(e.median(), 2.5, 1e-15);
        // Bootstrap draws: only the listed values, every one of them.
        let mut rng = Xoshiro256pp::from_seed(18);
        let mut seen = [0usize; 5];
        for _ in 0..10_000 {
            let x = d.sample(&mut rng);
            let i = [15.0, 20.0, 35.0, 40.0, 50.0]
                .iter()
                .position(|&v| v == x)
                .unwrap();
            seen[i] += 1;
        }
        assert!(seen.iter().all(|&n| n > 1_800 && n < 2_200), "{seen:?}");
        // Many values: the bootstrap distribution approaches the interpolated quantiles.
        let values: Vec<f64> = (0..=1000).map(|i| i as f64 * 0.5).collect();
        let var = values.iter().map(|v| (v - 250.0).powi(2)).sum::<f64>() / values.len() as f64;
        let f = Duration::Empirical { values };
        check_sampling(&f, 19, 250.0, var.sqrt(), 0.5);
        // One value: not random, consumes nothing.
        let one = Duration::Empirical { values: vec![12.0] };
        assert!(!one.is_random());
        let mut rng = Xoshiro256pp::from_seed(3);
        assert_eq!(one.sample(&mut rng), 12.0);
        assert_eq!(rng.next_u64(), Xoshiro256pp::from_seed(3).next_u64());
    }

    #[test]
    fn names_randomness_and_descriptions() {
        let cases = [
            (Duration::Fixed { days: 30.0 }, "fixed", false, "fixed(30)"),
            (
                Duration::Uniform {
                    min: 20.0,
                    max: 40.0,
                },
                "uniform",
                true,
                "uniform(20, 40)",
            ),
            (
                Duration::Triangular {
                    min: 60.0,
                    mode: 90.0,
                    max: 150.0,
                },
                "triangular",
                true,
                "triangular(60, 90, 150)",
            ),
            (
                Duration::Pert {
                    min: 60.0,
                    mode: 90.0,
                    max: 150.0,
                },
                "pert",
                true,
                "pert(60, 90, 150)",
            ),
            (
                Duration::Normal {
                    mean: 10.0,
                    sd: 2.5,
                },
                "normal",
                true,
                "normal(mean 10, sd 2.5)",
            ),
            (
                Duration::lognormal_from_median_p90(30.0, 75.0),
                "lognormal",
                true,
                "lognormal(median 30, p90 75)",
            ),
            (
                Duration::Gamma {
                    shape: 2.0,
                    scale: 15.0,
                },
                "gamma",
                true,
                "gamma(shape 2, scale 15)",
            ),
            (
                Duration::Weibull {
                    shape: 1.5,
                    scale: 40.0,
                },
                "weibull",
                true,
                "weibull(shape 1.5, scale 40)",
            ),
            (
                Duration::Exponential { mean: 10.0 },
                "exponential",
                true,
                "exponential(mean 10)",
            ),
            (
                Duration::Empirical {
                    values: vec![34.0, 20.0, 95.5],
                },
                "empirical",
                true,
                "empirical(3 values, 20 to 95.5)",
            ),
            (
                Duration::Empirical { values: vec![12.0] },
                "empirical",
                false,
                "empirical(1 value, 12)",
            ),
        ];
        for (d, name, random, text) in cases {
            assert_eq!(d.name(), name);
            assert_eq!(d.is_random(), random, "{d:?}");
            assert_eq!(d.describe(), text);
            assert!(d.problems().is_empty(), "{d:?}: {:?}", d.problems());
        }
        assert_eq!(fmt_num(1.0 / 3.0), "0.333333");
        assert_eq!(fmt_num(0.125), "0.125");
        assert_eq!(fmt_num(123_456_789.0), "123456789");
    }

    #[test]
    fn problems_name_each_bad_parameter() {
        use Duration::*;
        assert_problem(Fixed { days: -3.0 }, "days", "negative");
        assert_problem(Fixed { days: f64::NAN }, "days", "not a number");
        assert_problem(
            Fixed {
                days: f64::INFINITY,
            },
            "days",
            "infinite",
        );
        assert_problem(Fixed { days: 5e6 }, "days", "implausibly long");
        assert_problem(
            Uniform {
                min: -1.0,
                max: 5.0,
            },
            "min",
            "negative",
        );
        assert_problem(Uniform { min: 9.0, max: 5.0 }, "max", "must not exceed");
        assert_problem(
            Triangular {
                min: 90.0,
                mode: 100.0,
                max: 60.0,
            },
            "max",
            "triangular `min` (90) must not exceed `max` (60)",
        );
        assert_problem(
            Triangular {
                min: 60.0,
                mode: 200.0,
                max: 150.0,
            },
            "mode",
            "between",
        );
        assert_problem(
            Triangular {
                min: 60.0,
                mode: 50.0,
                max: 150.0,
            },
            "mode",
            "between",
        );
        assert_problem(
            Triangular {
                min: 60.0,
                mode: f64::NAN,
                max: 150.0,
            },
            "mode",
            "not a number",
        );
        assert_problem(
            Pert {
                min: 60.0,
                mode: 200.0,
                max: 150.0,
            },
            "mode",
            "pert `mode` (200)",
        );
        assert_problem(
            Pert {
                min: 90.0,
                mode: 100.0,
                max: 60.0,
            },
            "max",
            "pert `min` (90)",
        );
        assert_problem(
            Pert {
                min: -5.0,
                mode: 1.0,
                max: 6.0,
            },
            "min",
            "negative",
        );
        assert_problem(
            Normal {
                mean: 10.0,
                sd: 0.0,
            },
            "sd",
            "greater than 0",
        );
        assert_problem(
            Normal {
                mean: 10.0,
                sd: -2.0,
            },
            "sd",
            "greater than 0",
        );
        assert_problem(
            Normal {
                mean: -10.0,
                sd: 2.0,
            },
            "mean",
            "negative",
        );
        assert_problem(
            Normal {
                mean: f64::NEG_INFINITY,
                sd: 2.0,
            },
            "mean",
            "infinite",
        );
        assert_problem(
            LogNormal {
                mu: 3.0,
                sigma: 0.0,
            },
            "sigma",
            "greater than 0",
        );
        assert_problem(
            Duration::lognormal_from_median_p90(30.0, 20.0),
            "sigma",
            "p90 must be greater",
        );
        assert_eq!(
            params(&Duration::lognormal_from_median_p90(0.0, 20.0)),
            ["mu", "sigma"]
        );
        assert!(
            Duration::lognormal_from_median_p90(0.0, 20.0).problems()[0]
                .1
                .contains("if you gave `median`, it must be greater than 0")
        );
        assert_problem(
            LogNormal {
                mu: f64::NAN,
                sigma: 1.0,
            },
            "mu",
            "not a number",
        );
        assert_problem(
            LogNormal {
                mu: 30.0,
                sigma: 1.0,
            },
            "mu",
            "did not give the median itself",
        );
        assert_problem(
            LogNormal {
                mu: 3.0,
                sigma: 200.0,
            },
            "sigma",
            "too large to represent",
        );
        assert_problem(
            Gamma {
                shape: 0.0,
                scale: 10.0,
            },
            "shape",
            "greater than 0",
        );
        assert_problem(
            Gamma {
                shape: 2.0,
                scale: -1.0,
            },
            "scale",
            "greater than 0",
        );
        assert_problem(
            Gamma {
                shape: 2.0,
                scale: f64::NAN,
            },
            "scale",
            "not a number",
        );
        assert_problem(
            Gamma {
                shape: 1e7,
                scale: 1e-5,
            },
            "shape",
            "implausibly large",
        );
        assert_problem(
            Gamma {
                shape: 1000.0,
                scale: 5000.0,
            },
            "scale",
            "implausibly long",
        );
        assert_problem(
            Weibull {
                shape: -1.0,
                scale: 10.0,
            },
            "shape",
            "greater than 0",
        );
        assert_problem(
            Weibull {
                shape: 1.0,
                scale: 0.0,
            },
            "scale",
            "greater than 0",
        );
        assert_problem(
            Weibull {
                shape: 0.001,
                scale: 10.0,
            },
            "shape",
            "too large to represent",
        );
        assert_problem(Exponential { mean: 0.0 }, "mean", "greater than 0");
        assert_problem(Exponential { mean: f64::NAN }, "mean", "not a number");
        assert_problem(Empirical { values: vec![] }, "values", "empty");
        assert_problem(
            Empirical {
                values: vec![3.0, -1.0, -2.0],
            },
            "values",
            "2 negative entries (the first, -1, at position 2)",
        );
        assert_problem(
            Empirical {
                values: vec![3.0, f64::NAN],
            },
            "values",
            "position 2",
        );
        assert_problem(
            Empirical {
                values: vec![3.0, 1e9],
            },
            "values",
            "implausibly long",
        );
        // Several problems at once.
        assert_eq!(
            params(&Triangular {
                min: -1.0,
                mode: f64::NAN,
                max: -3.0
            }),
            ["min", "mode", "max"]
        );
        assert_eq!(
            params(&Gamma {
                shape: 0.0,
                scale: 0.0
            }),
            ["shape", "scale"]
        );
        // Valid edge cases.
        assert!(
            Triangular {
                min: 0.0,
                mode: 0.0,
                max: 0.0
            }
            .problems()
            .is_empty()
        );
        assert!(Normal { mean: 0.0, sd: 1.0 }.problems().is_empty());
        assert!(
            LogNormal {
                mu: -2.0,
                sigma: 0.1
            }
            .problems()
            .is_empty()
        );
        assert!(
            Gamma {
                shape: 0.01,
                scale: 1.0
            }
            .problems()
            .is_empty()
        );
    }

    #[test]
    fn extreme_valid_parameters_give_finite_draws() {
        let cases = [
            Duration::Gamma {
                shape: 0.01,
                scale: 1.0,
            },
            Duration::Gamma {
                shape: 1e6,
                scale: 1.0,
            },
            Duration::Weibull {
                shape: 0.01,
                scale: 1.0,
            },
            Duration::Weibull {
                shape: 50.0,
                scale: MAX_DAYS,
            },
            Duration::LogNormal {
                mu: MAX_DAYS.ln(),
                sigma: 80.0,
            },
            Duration::Normal {
                mean: 0.0,
                sd: MAX_DAYS,
            },
            Duration::Normal {
                mean: MAX_DAYS,
                sd: 1e-6,
            },
            Duration::Pert {
                min: 0.0,
                mode: MAX_DAYS,
                max: MAX_DAYS,
            },
            Duration::Triangular {
                min: 0.0,
                mode: 0.0,
                max: MAX_DAYS,
            },
        ];
        for d in cases {
            assert!(d.problems().is_empty(), "{d:?}: {:?}", d.problems());
            let mut rng = Xoshiro256pp::from_seed(20);
            for _ in 0..20_000 {
                let x = d.sample(&mut rng);
                assert!(x.is_finite() && x >= 0.0, "{d:?}: {x}");
            }
            for p in [0.0, 1e-12, 0.3, 0.999_999] {
                let q = d.quantile(p);
                assert!(q.is_finite() && q >= 0.0, "{d:?} quantile({p}) = {q}");
            }
        }
    }

    #[test]
    fn invalid_parameters_neither_panic_nor_hang() {
        let cases = [
            Duration::Pert {
                min: 10.0,
                mode: 50.0,
                max: 20.0,
            },
            Duration::Pert {
                min: 10.0,
                mode: f64::NAN,
                max: 20.0,
            },
            Duration::Gamma {
                shape: 0.0,
                scale: 1.0,
            },
            Duration::Gamma {
                shape: f64::NAN,
                scale: 1.0,
            },
            Duration::Empirical { values: vec![] },
            Duration::Normal { mean: 1.0, sd: 0.0 },
        ];
        let mut rng = Xoshiro256pp::from_seed(21);
        for d in cases {
            assert!(!d.problems().is_empty());
            for _ in 0..100 {
                d.sample(&mut rng);
            }
            d.quantile(0.5);
            d.mean();
            d.describe();
        }
    }

    #[test]
    fn draws_are_monotone_in_the_uniform_number() {
        // The inverse-CDF samplers map a larger uniform number to a longer duration, so
        // `sample` and `quantile` agree draw by draw.
        let cases = [
            Duration::Triangular {
                min: 60.0,
                mode: 90.0,
                max: 150.0,
            },
            Duration::Normal { mean: 5.0, sd: 4.0 },
            Duration::LogNormal {
                mu: 3.0,
                sigma: 0.5,
            },
            Duration::Weibull {
                shape: 1.5,
                scale: 40.0,
            },
            Duration::Exponential { mean: 10.0 },
        ];
        for d in cases {
            let mut a = Xoshiro256pp::from_seed(22);
            let mut b = Xoshiro256pp::from_seed(22);
            for _ in 0..1000 {
                let x = d.sample(&mut a);
                let u = if matches!(d, Duration::Triangular { .. }) {
                    b.next_f64()
                } else {
                    b.next_open01()
                };
                assert_close(x, d.quantile(u), 1e-12);
            }
        }
    }

    #[test]
    fn ziggurat_normals_are_standard_normal() {
        let n = 1_000_000;
        let mut rng = Xoshiro256pp::from_seed(24);
        let zs: Vec<f64> = (0..n).map(|_| standard_normal(&mut rng)).collect();
        let nf = n as f64;
        let mean = zs.iter().sum::<f64>() / nf;
        let var = zs.iter().map(|z| (z - mean).powi(2)).sum::<f64>() / nf;
        assert!(mean.abs() < 5.0 / nf.sqrt(), "mean {mean}");
        assert!(
            (var - 1.0).abs() < 5.0 * (2.0 / nf).sqrt(),
            "variance {var}"
        );
        for z in [-4.0, -3.0, -2.0, -1.0, -0.3, 0.0, 0.5, 1.5, 2.5, 3.7] {
            let p = normal_cdf(z);
            let got = zs.iter().filter(|&&x| x <= z).count() as f64 / nf;
            assert!(
                (got - p).abs() < 5.0 * (p * (1.0 - p) / nf).sqrt() + 1e-6,
                "P(Z <= {z}): {got}, expected {p}"
            );
        }
        // The tail beyond the base layer comes from the slow path.
        let p = 2.0 * normal_cdf(-ZIG_R);
        let got = zs.iter().filter(|z| z.abs() > ZIG_R).count() as f64 / nf;
        assert!(
            (got - p).abs() < 5.0 * (p / nf).sqrt(),
            "tail {got}, expected {p}"
        );
        // Consistency of the tables: equal-area layers ending at 0 and density 1.
        assert_eq!(ZIG_X[256], 0.0);
        assert_eq!(ZIG_F[256], 1.0);
        for i in 1..256 {
            let area = ZIG_X[i] * (ZIG_F[i + 1] - ZIG_F[i]);
            assert!((area - ZIG_X[0] * ZIG_F[1]).abs() < 1e-15, "layer {i}");
            assert!((ZIG_F[i] - (-0.5 * ZIG_X[i] * ZIG_X[i]).exp()).abs() < 1e-15);
        }
    }
}
