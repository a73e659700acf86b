//! The fitted families' distribution functions, in the parameters the scenario format
//! uses (docs/scenario-format.md): lognormal by mu and sigma of log-days, gamma and
//! Weibull by shape and scale, exponential by its rate (mean 1/rate). Densities are
//! written out in logs (they are one line each); the normal tail and the regularized
//! incomplete gamma function come from statrs.

use statrs::function::erf::{erfc, erfc_inv};
use statrs::function::gamma::{checked_gamma_lr, checked_gamma_ur, ln_gamma};

/// A fitted distribution.
#[derive(Debug, Clone, PartialEq)]
pub enum Params {
    /// ln T ~ Normal(mu, sigma).
    LogNormal { mu: f64, sigma: f64 },
    /// Density t^(shape-1) e^(-t/scale) / (Gamma(shape) scale^shape).
    Gamma { shape: f64, scale: f64 },
    /// CDF 1 - exp(-(t/scale)^shape).
    Weibull { shape: f64, scale: f64 },
    /// CDF 1 - exp(-rate t).
    Exponential { rate: f64 },
    /// The approved durations, ascending; resampled uniformly.
    Empirical { values: Vec<f64> },
}

const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

impl Params {
    /// The number of free parameters (for AIC and BIC; none for the empirical).
    pub fn count(&self) -> usize {
        match self {
            Params::Exponential { .. } => 1,
            Params::Empirical { .. } => 0,
            _ => 2,
        }
    }

    /// log f(t) for t > 0 (NaN for the empirical, which has no density).
    pub fn ln_pdf(&self, t: f64) -> f64 {
        match *self {
            Params::LogNormal { mu, sigma } => {
                let z = (t.ln() - mu) / sigma;
                -t.ln() - sigma.ln() - LN_SQRT_2PI - 0.5 * z * z
            }
            Params::Gamma { shape, scale } => {
                (shape - 1.0) * t.ln() - t / scale - ln_gamma(shape) - shape * scale.ln()
            }
            Params::Weibull { shape, scale } => {
                let r = t / scale;
                shape.ln() - scale.ln() + (shape - 1.0) * r.ln() - r.powf(shape)
            }
            Params::Exponential { rate } => rate.ln() - rate * t,
            Params::Empirical { .. } => f64::NAN,
        }
    }

    /// log S(t) = log P(T > t); 0 at t <= 0.
    pub fn ln_sf(&self, t: f64) -> f64 {
        if t <= 0.0 {
            return 0.0;
        }
        match *self {
            Params::LogNormal { mu, sigma } => {
                let z = (t.ln() - mu) / sigma;
                if z > 35.0 {
                    // erfc underflows near z = 38: the asymptotic series of the normal
                    // tail, log Q(z) = -z^2/2 - log(z sqrt(2 pi)) + log(1 - 1/z^2 + 3/z^4).
                    let z2 = z * z;
                    -0.5 * z2 - z.ln() - LN_SQRT_2PI + (1.0 - 1.0 / z2 + 3.0 / (z2 * z2)).ln()
                } else {
                    (0.5 * erfc(z / std::f64::consts::SQRT_2)).ln()
                }
            }
            Params::Gamma { shape, scale } => {
                let x = t / scale;
                match checked_gamma_ur(shape, x) {
                    Ok(q) if q > 0.0 => q.ln(),
                    // Underflow far in the tail: Q(a, x) ~ x^(a-1) e^(-x) / Gamma(a)
                    // (1 + (a-1)/x), the leading terms of its asymptotic series.
                    Ok(_) => {
                        (shape - 1.0) * x.ln() - x - ln_gamma(shape)
                            + (1.0 + (shape - 1.0) / x).max(f64::MIN_POSITIVE).ln()
                    }
                    Err(_) => f64::NAN,
                }
            }
            Params::Weibull { shape, scale } => -(t / scale).powf(shape),
            Params::Exponential { rate } => -rate * t,
            Params::Empirical { .. } => (1.0 - self.cdf(t)).ln(),
        }
    }

    /// F(t) = P(T <= t).
    pub fn cdf(&self, t: f64) -> f64 {
        if matches!(self, Params::Empirical { .. }) {
            return self.empirical_cdf(t);
        }
        if t <= 0.0 {
            return 0.0;
        }
        match *self {
            Params::LogNormal { mu, sigma } => {
                let z = (t.ln() - mu) / sigma;
                0.5 * erfc(-z / std::f64::consts::SQRT_2)
            }
            Params::Gamma { shape, scale } => checked_gamma_lr(shape, t / scale).unwrap_or(0.0),
            Params::Weibull { .. } | Params::Exponential { .. } => -self.ln_sf(t).exp_m1(),
            Params::Empirical { .. } => 0.0,
        }
    }

    fn empirical_cdf(&self, t: f64) -> f64 {
        match self {
            Params::Empirical { values } if !values.is_empty() => {
                values.iter().take_while(|v| **v <= t).count() as f64 / values.len() as f64
            }
            _ => 0.0,
        }
    }

    /// F(t-), the left limit (it differs from F(t) only for the empirical).
    pub fn cdf_left(&self, t: f64) -> f64 {
        match self {
            Params::Empirical { values } if !values.is_empty() => {
                values.iter().take_while(|v| **v < t).count() as f64 / values.len() as f64
            }
            _ => self.cdf(t),
        }
    }

    /// The `p` quantile (0 < p < 1); for the empirical, linear interpolation between the
    /// sorted values (numpy's default, as every percentile in regsim's outputs).
    pub fn quantile(&self, p: f64) -> f64 {
        match self {
            Params::LogNormal { mu, sigma } => (mu + sigma * normal_quantile(p)).exp(),
            Params::Gamma { shape, scale } => scale * gamma_quantile(*shape, p),
            Params::Weibull { shape, scale } => scale * (-(-p).ln_1p()).powf(1.0 / shape),
            Params::Exponential { rate } => -(-p).ln_1p() / rate,
            Params::Empirical { values } => {
                if values.is_empty() {
                    return f64::NAN;
                }
                let h = (values.len() - 1) as f64 * p;
                let (lo, frac) = (h.floor() as usize, h - h.floor());
                let hi = (lo + 1).min(values.len() - 1);
                values[lo] + frac * (values[hi] - values[lo])
            }
        }
    }
}

impl Params {
    /// The same distribution as a scenario's stage duration, for the format's own checks.
    pub fn as_duration(&self) -> crate::model::duration::Duration {
        use crate::model::duration::Duration;
        match self {
            Params::LogNormal { mu, sigma } => Duration::LogNormal {
                mu: *mu,
                sigma: *sigma,
            },
            Params::Gamma { shape, scale } => Duration::Gamma {
                shape: *shape,
                scale: *scale,
            },
            Params::Weibull { shape, scale } => Duration::Weibull {
                shape: *shape,
                scale: *scale,
            },
            Params::Exponential { rate } => Duration::Exponential { mean: 1.0 / rate },
            Params::Empirical { values } => Duration::Empirical {
                values: values.clone(),
            },
        }
    }
}

/// The standard normal quantile.
pub fn normal_quantile(p: f64) -> f64 {
    -std::f64::consts::SQRT_2 * erfc_inv(2.0 * p)
}

/// The quantile of Gamma(shape, 1), by bisection on the regularized lower incomplete
/// gamma function in log x (monotone, so 200 halvings pin it to machine precision).
fn gamma_quantile(shape: f64, p: f64) -> f64 {
    let cdf = |x: f64| checked_gamma_lr(shape, x).unwrap_or(f64::NAN);
    let (mut lo, mut hi) = (-745.0_f64, 710.0_f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if cdf(mid.exp()) < p {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-15 {
            break;
        }
    }
    (0.5 * (lo + hi)).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_invert_the_cdfs() {
        let fams = [
            Params::LogNormal {
                mu: 5.7,
                sigma: 0.3,
            },
            Params::Gamma {
                shape: 2.5,
                scale: 80.0,
            },
            Params::Gamma {
                shape: 0.4,
                scale: 10.0,
            },
            Params::Weibull {
                shape: 1.5,
                scale: 300.0,
            },
            Params::Exponential { rate: 0.01 },
        ];
        for f in &fams {
            for p in [0.01, 0.5, 0.9, 0.999] {
                let q = f.quantile(p);
                assert!(
                    (f.cdf(q) - p).abs() < 1e-9,
                    "{f:?} at {p}: F({q}) = {}",
                    f.cdf(q)
                );
                assert!((f.ln_sf(q) - (1.0 - p).ln()).abs() < 1e-7, "{f:?} at {p}");
            }
        }
        assert!((normal_quantile(0.9) - 1.281_551_565_5).abs() < 1e-9);
    }

    #[test]
    fn densities_integrate_to_the_cdf() {
        let f = Params::Gamma {
            shape: 2.0,
            scale: 10.0,
        };
        // Trapezoids of exp(ln f) from 0 to 30 against F(30).
        let h = 0.001;
        let area: f64 = (1..30_000)
            .map(|i| (f.ln_pdf(i as f64 * h)).exp() * h)
            .sum();
        assert!((area - f.cdf(30.0)).abs() < 1e-4, "{area}");
        let w = Params::Weibull {
            shape: 2.0,
            scale: 10.0,
        };
        let lognormal = Params::LogNormal {
            mu: 2.0,
            sigma: 0.5,
        };
        for d in [w, lognormal] {
            let area: f64 = (1..30_000).map(|i| d.ln_pdf(i as f64 * h).exp() * h).sum();
            assert!((area - d.cdf(30.0)).abs() < 1e-4, "{d:?}: {area}");
        }
    }

    #[test]
    fn the_tails_stay_finite_where_the_functions_underflow() {
        let ln = Params::LogNormal {
            mu: 2.0,
            sigma: 0.1,
        };
        // z = 34.9 (erfc) and 35.1 (the series) agree with the slope between them.
        let (a, b) = (
            ln.ln_sf((2.0_f64 + 3.49).exp()),
            ln.ln_sf((2.0_f64 + 3.51).exp()),
        );
        assert!(
            a.is_finite() && b.is_finite() && b < a && a - b < 10.0,
            "{a} {b}"
        );
        assert!(ln.ln_sf(1e6).is_finite());
        let g = Params::Gamma {
            shape: 2.0,
            scale: 1.0,
        };
        // Q(2, x) = (1 + x) e^(-x) exactly.
        let x: f64 = 800.0;
        assert!(
            (g.ln_sf(x) - (x.ln_1p() - x)).abs() < 1e-3,
            "{}",
            g.ln_sf(x)
        );
        assert!((g.ln_sf(30.0) - (31f64.ln() - 30.0)).abs() < 1e-9);
    }

    #[test]
    fn the_empirical_steps_and_interpolates() {
        let e = Params::Empirical {
            values: vec![10.0, 20.0, 30.0, 40.0],
        };
        assert_eq!(
            (e.cdf(20.0), e.cdf_left(20.0), e.cdf(5.0)),
            (0.5, 0.25, 0.0)
        );
        assert_eq!(e.quantile(0.5), 25.0);
        assert_eq!(e.quantile(0.9), 37.0);
        assert_eq!(e.count(), 0);
    }
}
