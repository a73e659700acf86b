//! Special functions behind the duration distributions: the log-gamma function, the
//! regularized incomplete gamma and beta functions and their inverses, and the standard
//! normal distribution function and its inverse.
//!
//! regsim implements these itself, like its random-number generator and samplers, so that
//! the numbers a scenario gives never change with a dependency's release. The algorithms
//! are the classic published ones, chosen for accuracy and for being easy to check:
//!
//! - [`ln_gamma`]: Lanczos approximation (g = 7, 9 terms), about 1e-15 accuracy.
//! - [`gamma_p`], [`gamma_q`]: the power series for x < a + 1, Legendre's continued
//!   fraction (modified Lentz) otherwise.
//! - [`beta_inc`]: the continued fraction of Numerical Recipes (section 6.4), evaluated on
//!   whichever side of the mean converges fast.
//! - [`normal_cdf`]: W. J. Cody's rational Chebyshev approximations (as in R's `pnorm`),
//!   relative accuracy near 1e-16 in both tails.
//! - [`inverse_normal_cdf`]: M. J. Wichura's algorithm AS 241 (PPND16), about 1e-16.
//! - [`gamma_p_inv`], [`beta_inc_inv`]: safeguarded Newton iteration on the functions
//!   above, about 1e-13 relative accuracy.
//!
//! The gamma functions are in `gamma`, the incomplete beta function in `beta`, the
//! normal distribution in `normal`, and the inverses found by Newton iteration in
//! `inverse`.

mod beta;
mod gamma;
mod inverse;
mod normal;

pub use beta::beta_inc;
pub use gamma::{gamma_p, gamma_q, ln_gamma};
pub use inverse::{beta_inc_inv, gamma_p_inv};
pub use normal::{inverse_normal_cdf, normal_cdf, normal_pdf};

/// ln(sqrt(2 pi)).
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;
/// 1 / sqrt(2 pi).
const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;
/// Relative accuracy at which the series and continued fractions stop.
const EPS: f64 = 1e-16;
/// A number near the smallest normal double, to keep Lentz's method away from 0.
const FPMIN: f64 = 1e-300;

#[cfg(test)]
mod tests;
