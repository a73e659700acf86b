//! Maximum-likelihood fits of a stage's duration to observed applications, some still
//! pending (right-censored at the data's cut-off), for `regsim fit`.
//!
//! Each family maximises the censored log-likelihood
//!
//! ```text
//! log L = sum over approved of log f(t)  +  sum over pending of log S(t)
//! ```
//!
//! where a pending application contributes the probability that its review lasts longer
//! than it has so far. Dropping the pending rows instead (or fitting only approved
//! ones) keeps the reviews that were quick enough to end before the cut-off, and biases
//! every fit low: the slow reviews are exactly those still open.
//!
//! - exponential: closed form, rate = approvals / total days under review (approved and
//!   pending);
//! - lognormal, gamma, Weibull: [`nelder_mead`] on the log of both parameters (so they
//!   stay positive), started from the log-moment (lognormal, Weibull) or moment (gamma)
//!   estimates of the approved durations;
//! - empirical: the approved durations themselves, resampled. It has no likelihood and
//!   ignores the pending rows, so with any pending it is biased low ([`Sample::pending`]
//!   lets the command warn).
//!
//! Each fit reports its log-likelihood, AIC = 2k - 2 log L, BIC = k ln n - 2 log L (n all
//! applications, approved or pending, as lifelines and fitdistrplus count them), the
//! Kolmogorov-Smirnov distance to the Kaplan-Meier curve, and its median and P90.
//!
//! Degenerate data get a reason, never a panic or a NaN: no approval at all (every family
//! refused), one approval or all approvals equal (the two-parameter families refused: the
//! likelihood grows without bound as the spread shrinks), a maximum at implausible
//! parameters. A **zero-day** approval (approved the day it was submitted) has no
//! density for these families (log f(0) is -infinity or +infinity), so it counts as
//! [`ZERO_DAY`], half a day: the review took less than a day, and half is the middle of
//! that day. The command says how many were so counted.

pub mod family;
pub mod nelder_mead;
pub mod pathway;
#[cfg(test)]
mod tests;

pub use family::Params;
pub use pathway::FittedPathway;

use crate::observed::Duration;
use crate::stats::KaplanMeier;

/// What a zero-day approval counts as, in days.
pub const ZERO_DAY: f64 = 0.5;

/// A family regsim fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum Family {
    /// By median and p90 in a scenario (mu and sigma of log-days here).
    Lognormal,
    /// By shape and scale.
    Gamma,
    /// By shape and scale.
    Weibull,
    /// By its mean.
    Exponential,
    /// The approved durations, resampled.
    Empirical,
}

impl Family {
    /// Every family, in the order the table lists them before sorting.
    pub const ALL: [Family; 5] = [
        Family::Lognormal,
        Family::Gamma,
        Family::Weibull,
        Family::Exponential,
        Family::Empirical,
    ];

    /// The name in the scenario format and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Family::Lognormal => "lognormal",
            Family::Gamma => "gamma",
            Family::Weibull => "weibull",
            Family::Exponential => "exponential",
            Family::Empirical => "empirical",
        }
    }
}

/// The durations to fit, zero-day approvals counted as [`ZERO_DAY`], with their
/// Kaplan-Meier curve.
#[derive(Debug, Clone)]
pub struct Sample {
    pub durations: Vec<Duration>,
    /// How many are approved and how many pending.
    pub approved: usize,
    pub pending: usize,
    /// Approvals of zero days counted as half a day.
    pub zeros: usize,
    /// The approved durations as the data give them (zeros as zeros), ascending: the
    /// empirical distribution's values.
    pub approved_as_given: Vec<f64>,
    pub km: KaplanMeier,
}

impl Sample {
    /// The sample of `durations` (non-finite or negative days are left out; the reader
    /// of observed data refuses them before this).
    pub fn new(durations: &[Duration]) -> Sample {
        let mut zeros = 0;
        let mut approved_as_given: Vec<f64> = durations
            .iter()
            .filter(|d| d.approved && d.days.is_finite() && d.days >= 0.0)
            .map(|d| d.days)
            .collect();
        approved_as_given.sort_by(f64::total_cmp);
        let durations: Vec<Duration> = durations
            .iter()
            .filter(|d| d.days.is_finite() && d.days >= 0.0)
            .map(|d| {
                if d.approved && d.days == 0.0 {
                    zeros += 1;
                    Duration {
                        days: ZERO_DAY,
                        approved: true,
                    }
                } else {
                    *d
                }
            })
            .collect();
        let approved = durations.iter().filter(|d| d.approved).count();
        Sample {
            km: KaplanMeier::new(&durations),
            pending: durations.len() - approved,
            approved,
            zeros,
            approved_as_given,
            durations,
        }
    }

    /// The approved durations, ascending.
    pub fn approved_days(&self) -> Vec<f64> {
        let mut v: Vec<f64> = self
            .durations
            .iter()
            .filter(|d| d.approved)
            .map(|d| d.days)
            .collect();
        v.sort_by(f64::total_cmp);
        v
    }
}

/// One family fitted.
#[derive(Debug, Clone, PartialEq)]
pub struct Fit {
    pub family: Family,
    pub params: Params,
    /// None for the empirical, which has no likelihood.
    pub log_likelihood: Option<f64>,
    pub aic: Option<f64>,
    pub bic: Option<f64>,
    /// The Kolmogorov-Smirnov distance between the fitted CDF and the Kaplan-Meier one.
    pub ks: f64,
    pub median: f64,
    pub p90: f64,
}

/// The censored log-likelihood of `params` on `durations`.
pub fn log_likelihood(params: &Params, durations: &[Duration]) -> f64 {
    grouped_log_likelihood(params, &grouped(durations))
}

/// Equal durations counted once: days are whole numbers in most files, so a file of
/// thousands of rows has a few hundred distinct values, and each step of the search
/// evaluates the distribution that many times only.
fn grouped(durations: &[Duration]) -> Vec<(Duration, f64)> {
    let mut d: Vec<Duration> = durations.to_vec();
    d.sort_by(|a, b| a.days.total_cmp(&b.days).then(a.approved.cmp(&b.approved)));
    let mut out: Vec<(Duration, f64)> = Vec::new();
    for x in d {
        match out.last_mut() {
            Some((y, n)) if *y == x => *n += 1.0,
            _ => out.push((x, 1.0)),
        }
    }
    out
}

fn grouped_log_likelihood(params: &Params, groups: &[(Duration, f64)]) -> f64 {
    groups
        .iter()
        .map(|(d, n)| {
            n * if d.approved {
                params.ln_pdf(d.days)
            } else {
                params.ln_sf(d.days)
            }
        })
        .sum()
}

/// Fits `family` to `sample`, or says why it cannot be fitted.
pub fn fit(sample: &Sample, family: Family) -> Result<Fit, String> {
    if sample.approved == 0 {
        return Err(format!(
            "no application was approved by the cut-off ({} pending): there is no duration to fit",
            sample.pending
        ));
    }
    let days = sample.approved_days();
    let params = match family {
        Family::Empirical => Params::Empirical {
            values: sample.approved_as_given.clone(),
        },
        Family::Exponential => {
            let total: f64 = sample.durations.iter().map(|d| d.days).sum();
            Params::Exponential {
                rate: sample.approved as f64 / total,
            }
        }
        _ => {
            if days.len() == 1 {
                return Err(format!(
                    "one approval: a two-parameter {} fit needs at least two different approved durations",
                    family.name()
                ));
            }
            if days[0] == days[days.len() - 1] {
                return Err(format!(
                    "all {} approved durations are {} days: a distribution with a spread cannot be fitted to them (for a stage that always takes that long, write `duration = {}`)",
                    days.len(),
                    sample.approved_as_given[0],
                    sample.approved_as_given[0]
                ));
            }
            two_parameters(sample, family, &days)
        }
    };
    finish(sample, family, params)
}

/// Maximum likelihood for the lognormal, gamma and Weibull, on log-parameters.
fn two_parameters(sample: &Sample, family: Family, days: &[f64]) -> Params {
    let logs: Vec<f64> = days.iter().map(|d| d.ln()).collect();
    let (lm, ls) = mean_sd(&logs);
    let (m, s) = mean_sd(days);
    let make = move |x: [f64; 2]| match family {
        Family::Lognormal => Params::LogNormal {
            mu: x[0],
            sigma: x[1].exp(),
        },
        Family::Gamma => Params::Gamma {
            shape: x[0].exp(),
            scale: x[1].exp(),
        },
        _ => Params::Weibull {
            shape: x[0].exp(),
            scale: x[1].exp(),
        },
    };
    let ls = ls.max(1e-3);
    let start = match family {
        Family::Lognormal => [lm, ls.ln()],
        Family::Gamma => {
            let v = (s * s).max(1e-6 * m * m);
            [(m * m / v).ln(), (v / m).ln()]
        }
        _ => {
            // Gumbel moments of log-days: sd = pi / (sqrt 6 shape), mean = ln scale - gamma / shape.
            let shape = 1.282_549_830_161_864 / ls;
            [shape.ln(), lm + 0.577_215_664_901_532_9 / shape]
        }
    };
    let groups = grouped(&sample.durations);
    let cost = |x: [f64; 2]| -grouped_log_likelihood(&make(x), &groups);
    // Where the moment start has no finite likelihood (a pending row far beyond a
    // narrow start), start wide instead: spread 1 on the log scale, or shape 1 (the
    // exponential) at the mean.
    let start = if cost(start).is_finite() {
        start
    } else {
        match family {
            Family::Lognormal => [lm, 0.0],
            _ => [0.0, m.ln()],
        }
    };
    let best = nelder_mead::minimize(cost, start, 0.3);
    make(best.x)
}

/// Mean and population standard deviation.
fn mean_sd(x: &[f64]) -> (f64, f64) {
    let n = x.len().max(1) as f64;
    let mean = x.iter().sum::<f64>() / n;
    let var = x.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// The fit's statistics, after checking that its parameters are plausible.
fn finish(sample: &Sample, family: Family, params: Params) -> Result<Fit, String> {
    let implausible = |what: String| {
        Err(format!(
            "the likelihood has no maximum at plausible parameters ({what}): too few approvals, or too many pending, for a {} fit",
            family.name()
        ))
    };
    match params {
        Params::LogNormal { mu, sigma } if !(1e-4..=20.0).contains(&sigma) || mu.abs() > 20.0 => {
            return implausible(format!("mu {mu:.4}, sigma {sigma:.4}"));
        }
        Params::Gamma { shape, scale } | Params::Weibull { shape, scale }
            if !(1e-3..=1e6).contains(&shape) || !(1e-6..=1e8).contains(&scale) =>
        {
            return implausible(format!("shape {shape:.4}, scale {scale:.4}"));
        }
        Params::Exponential { rate } if !(rate.is_finite() && rate > 0.0) => {
            return implausible(format!("rate {rate}"));
        }
        _ => {}
    }
    // What a scenario would refuse (a Weibull shape so small that its longest draws
    // overflow, a gamma mean of thousands of years) is no fit to paste into one.
    if let Some((_, why)) = params.as_duration().problems().into_iter().next() {
        return implausible(why);
    }
    let k = params.count();
    let log_likelihood = (k > 0).then(|| log_likelihood(&params, &sample.durations));
    let ks = match params {
        Params::Empirical { .. } => sample
            .km
            .ks_distance_with(|t| (params.cdf_left(t), params.cdf(t))),
        _ => sample.km.ks_distance(|t| params.cdf(t)),
    };
    let (median, p90) = (params.quantile(0.5), params.quantile(0.9));
    let n = sample.durations.len() as f64;
    let fit = Fit {
        family,
        log_likelihood,
        aic: log_likelihood.map(|l| 2.0 * k as f64 - 2.0 * l),
        bic: log_likelihood.map(|l| k as f64 * n.ln() - 2.0 * l),
        ks,
        median,
        p90,
        params,
    };
    let numbers = [
        Some(fit.ks),
        Some(fit.median),
        Some(fit.p90),
        fit.log_likelihood,
    ];
    if numbers.iter().flatten().any(|x| !x.is_finite()) {
        return implausible(format!(
            "log L {:?}, median {}",
            fit.log_likelihood, fit.median
        ));
    }
    Ok(fit)
}

/// The Kolmogorov-Smirnov distance above which a fit to `n` approvals is rejected at the
/// 1% level: Stephens' (1970) approximation 1.628 / (sqrt n + 0.12 + 0.11 / sqrt n) of
/// the critical value for a fully specified distribution. Fitted parameters make the
/// true critical value smaller (Lilliefors), and censoring changes it, so a distance
/// above this one is strong evidence that the family does not fit; below it, no proof
/// that it does.
pub fn ks_critical_1pct(n: usize) -> f64 {
    let r = (n.max(1) as f64).sqrt();
    1.628 / (r + 0.12 + 0.11 / r)
}
