//! Inverses of the incomplete gamma and beta functions, by Newton steps safeguarded by bisection.

use super::beta::beta_inc;
use super::gamma::{gamma_p, gamma_q, ln_gamma};
use super::normal::inverse_normal_cdf;

/// Solves F(x) = target for an increasing F by Newton steps safeguarded by bisection.
///
/// `residual(x)` returns (F(x) − target, F'(x)) — any form with the same sign and root
/// will do, so callers can use an upper-tail form for accuracy. The root lies in
/// `[lo, hi]` (`hi` may be infinite); `geometric` bisects on a log scale, for roots that
/// may be many orders of magnitude from the start.
pub(super) fn solve_increasing(
    mut x: f64,
    mut lo: f64,
    mut hi: f64,
    geometric: bool,
    residual: impl Fn(f64) -> (f64, f64),
) -> f64 {
    for _ in 0..400 {
        let (r, slope) = residual(x);
        if r == 0.0 {
            return x;
        }
        if r < 0.0 {
            lo = x;
        } else {
            hi = x;
        }
        let step = r / slope;
        let newton = x - step;
        if slope > 0.0 && step.abs() <= 1e-15 * x.abs() {
            // Converged: the Newton step no longer moves x meaningfully.
            return newton;
        }
        let next = if slope > 0.0 && newton.is_finite() && newton > lo && newton < hi {
            newton
        } else if hi.is_infinite() {
            (2.0 * x).max(1.0)
        } else if geometric && lo > 0.0 {
            (lo * hi).sqrt()
        } else if geometric && lo == 0.0 {
            hi * 1e-3
        } else {
            0.5 * (lo + hi)
        };
        let done = (next - x).abs() <= 1e-15 * next.abs()
            || (hi.is_finite() && hi - lo <= 2e-16 * hi.abs());
        x = next;
        if done {
            break;
        }
    }
    x
}

/// The inverse of P(a, ·): the x >= 0 with P(a, x) = p, for a > 0 and p in [0, 1]
/// (0 at p = 0, +∞ at p = 1, NaN outside). Relative accuracy about 1e-13.
pub fn gamma_p_inv(a: f64, p: f64) -> f64 {
    if a.is_nan() || a <= 0.0 || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return 0.0;
    }
    if p == 1.0 {
        return f64::INFINITY;
    }
    let ln_gamma_a = ln_gamma(a);
    // Starting point: for small shapes the leading term of the series, otherwise the
    // Wilson-Hilferty cube-root normal approximation.
    let small = ((p.ln() + ln_gamma(a + 1.0)) / a).exp();
    let x0 = if a < 1.0 && small < 1.0 {
        small
    } else {
        let z = inverse_normal_cdf(p);
        let t = 1.0 - 1.0 / (9.0 * a) + z / (3.0 * a.sqrt());
        let wh = a * t * t * t;
        if wh > 0.0 {
            wh
        } else {
            small.max(f64::MIN_POSITIVE)
        }
    };
    let upper = p > 0.5;
    let q = 1.0 - p;
    solve_increasing(x0, 0.0, f64::INFINITY, true, |x| {
        let r = if upper {
            q - gamma_q(a, x)
        } else {
            gamma_p(a, x) - p
        };
        let density = ((a - 1.0) * x.ln() - x - ln_gamma_a).exp();
        (r, density)
    })
}

/// The inverse of I_·(a, b): the x in [0, 1] with I_x(a, b) = p, for a, b > 0 and p in
/// [0, 1] (NaN outside). Relative accuracy about 1e-13.
pub fn beta_inc_inv(a: f64, b: f64, p: f64) -> f64 {
    if a.is_nan() || b.is_nan() || a <= 0.0 || b <= 0.0 || !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if p == 0.0 {
        return 0.0;
    }
    if p == 1.0 {
        return 1.0;
    }
    let ln_beta = ln_gamma(a) + ln_gamma(b) - ln_gamma(a + b);
    let upper = p > 0.5;
    let q = 1.0 - p;
    solve_increasing(a / (a + b), 0.0, 1.0, false, |x| {
        let r = if upper {
            q - beta_inc(b, a, 1.0 - x)
        } else {
            beta_inc(a, b, x) - p
        };
        let density = ((a - 1.0) * x.ln() + (b - 1.0) * (-x).ln_1p() - ln_beta).exp();
        (r, density)
    })
}
