//! The Nelder-Mead simplex method (Nelder and Mead, 1965), for the two-parameter
//! likelihoods of [`super`]: no derivatives needed, robust on the smooth, unimodal
//! surfaces a censored log-likelihood of log-parameters has, and short enough to read
//! (the reference's "about 100 lines" instead of a dependency with its own API churn).
//!
//! Standard coefficients: reflection 1, expansion 2, contraction 1/2, shrink 1/2
//! (Lagarias et al., SIAM J. Optim. 9, 1998). The search stops when the simplex's values
//! agree to `1e-13` relative and its vertices to `1e-10`, or after [`MAX_EVALUATIONS`];
//! [`minimize`] then restarts once from the best point with a fresh simplex, the usual
//! guard against a simplex that collapsed before the minimum.

/// The most evaluations of one search.
pub const MAX_EVALUATIONS: usize = 20_000;

/// The minimum found: where, and the value there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Minimum {
    pub x: [f64; 2],
    pub value: f64,
}

/// Minimises `f` from `start`, with initial steps `step` along each axis. A non-finite
/// value counts as +infinity (outside the function's domain), so `f` may return NaN
/// or infinity where its parameters make no sense.
pub fn minimize(f: impl Fn([f64; 2]) -> f64, start: [f64; 2], step: f64) -> Minimum {
    let first = search(&f, start, step);
    search(&f, first.x, step / 10.0)
}

fn search(f: &impl Fn([f64; 2]) -> f64, start: [f64; 2], step: f64) -> Minimum {
    let eval = |x: [f64; 2]| {
        let v = f(x);
        if v.is_finite() { v } else { f64::INFINITY }
    };
    let mut simplex = [
        start,
        [start[0] + step, start[1]],
        [start[0], start[1] + step],
    ];
    let mut values = simplex.map(eval);
    let mut evaluations = 3;
    while evaluations < MAX_EVALUATIONS {
        // Order: best first, worst last.
        let mut order = [0, 1, 2];
        order.sort_by(|&a, &b| values[a].total_cmp(&values[b]));
        simplex = order.map(|i| simplex[i]);
        values = order.map(|i| values[i]);
        let spread = (values[2] - values[0]).abs();
        let size = simplex[1..]
            .iter()
            .map(|v| {
                (v[0] - simplex[0][0])
                    .abs()
                    .max((v[1] - simplex[0][1]).abs())
            })
            .fold(0.0, f64::max);
        if values[0].is_finite() && spread <= 1e-13 * (1.0 + values[0].abs()) && size < 1e-10 {
            break;
        }
        let centroid = [
            (simplex[0][0] + simplex[1][0]) / 2.0,
            (simplex[0][1] + simplex[1][1]) / 2.0,
        ];
        let toward = |t: f64| {
            [
                centroid[0] + t * (simplex[2][0] - centroid[0]),
                centroid[1] + t * (simplex[2][1] - centroid[1]),
            ]
        };
        let reflected = toward(-1.0);
        let fr = eval(reflected);
        evaluations += 1;
        if fr < values[0] {
            let expanded = toward(-2.0);
            let fe = eval(expanded);
            evaluations += 1;
            (simplex[2], values[2]) = if fe < fr {
                (expanded, fe)
            } else {
                (reflected, fr)
            };
            continue;
        }
        if fr < values[1] {
            (simplex[2], values[2]) = (reflected, fr);
            continue;
        }
        // Contract: outside if the reflection improved on the worst, else inside.
        let (contracted, bound) = if fr < values[2] {
            (toward(-0.5), fr)
        } else {
            (toward(0.5), values[2])
        };
        let fc = eval(contracted);
        evaluations += 1;
        if fc < bound {
            (simplex[2], values[2]) = (contracted, fc);
            continue;
        }
        // Shrink toward the best vertex.
        for i in 1..3 {
            simplex[i] = [
                simplex[0][0] + 0.5 * (simplex[i][0] - simplex[0][0]),
                simplex[0][1] + 0.5 * (simplex[i][1] - simplex[0][1]),
            ];
            values[i] = eval(simplex[i]);
        }
        evaluations += 2;
    }
    let best = (0..3)
        .min_by(|&a, &b| values[a].total_cmp(&values[b]))
        .unwrap_or(0);
    Minimum {
        x: simplex[best],
        value: values[best],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_minimum_of_rosenbrocks_valley() {
        let rosenbrock = |x: [f64; 2]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let m = minimize(rosenbrock, [-1.2, 1.0], 0.5);
        assert!(
            (m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6,
            "{m:?}"
        );
        assert!(m.value < 1e-12);
    }

    #[test]
    fn a_shifted_quadratic_and_a_domain_edge() {
        let m = minimize(
            |x| (x[0] - 3.0).powi(2) + 2.0 * (x[1] + 1.0).powi(2),
            [0.0, 0.0],
            1.0,
        );
        assert!(
            (m.x[0] - 3.0).abs() < 1e-7 && (m.x[1] + 1.0).abs() < 1e-7,
            "{m:?}"
        );
        // NaN outside x > 0: the search stays inside and finds the minimum at x = 2.
        let m = minimize(
            |x| {
                if x[0] <= 0.0 {
                    f64::NAN
                } else {
                    (x[0].ln() - 2f64.ln()).powi(2) + x[1] * x[1]
                }
            },
            [0.5, 1.0],
            0.4,
        );
        assert!((m.x[0] - 2.0).abs() < 1e-6 && m.x[1].abs() < 1e-6, "{m:?}");
    }
}
