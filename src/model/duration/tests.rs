//! Tests of the duration distributions: sample moments and quantiles against closed
//! forms, parameter checks, draws that stay finite.

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

/// `d` always draws `value` and leaves the random stream untouched.
fn assert_constant_drawing_nothing(d: &Duration, value: f64) {
    let mut rng = Xoshiro256pp::from_seed(1);
    for _ in 0..10 {
        assert_eq!(d.sample(&mut rng), value, "{d:?}");
    }
    assert_eq!(
        rng.next_u64(),
        Xoshiro256pp::from_seed(1).next_u64(),
        "{d:?} drew"
    );
}

#[test]
fn fixed_is_constant_and_consumes_nothing() {
    let d = Duration::Fixed { days: 14.0 };
    assert_constant_drawing_nothing(&d, 14.0);
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
    assert_constant_drawing_nothing(&point, 5.0);
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
    assert_constant_drawing_nothing(&one, 12.0);
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

/// Any valid parameters: a non-empty list of distributions, each with parameters drawn
/// over wide ranges.
fn arb_duration() -> impl proptest::strategy::Strategy<Value = Duration> {
    use proptest::prelude::*;
    prop_oneof![
        (0.0f64..1e4).prop_map(|days| Duration::Fixed { days }),
        (0.0f64..1e3, 0.0f64..1e3).prop_map(|(a, w)| Duration::Uniform { min: a, max: a + w }),
        (0.0f64..1e3, 0.0f64..1.0, 0.0f64..1e3).prop_map(|(a, m, w)| Duration::Triangular {
            min: a,
            mode: a + m * w,
            max: a + w
        }),
        (0.0f64..1e3, 0.0f64..1.0, 0.0f64..1e3).prop_map(|(a, m, w)| Duration::Pert {
            min: a,
            mode: a + m * w,
            max: a + w
        }),
        (-50.0f64..500.0, 0.1f64..200.0).prop_map(|(mean, sd)| Duration::Normal {
            mean: mean.max(0.0),
            sd
        }),
        (0.5f64..500.0, 1.01f64..10.0).prop_map(|(median, ratio)| {
            Duration::lognormal_from_median_p90(median, median * ratio)
        }),
        (0.05f64..50.0, 0.1f64..200.0).prop_map(|(shape, scale)| Duration::Gamma { shape, scale }),
        (0.3f64..10.0, 0.1f64..500.0).prop_map(|(shape, scale)| Duration::Weibull { shape, scale }),
        (0.1f64..500.0).prop_map(|mean| Duration::Exponential { mean }),
        proptest::collection::vec(0.0f64..1e3, 1..20)
            .prop_map(|values| Duration::Empirical { values }),
    ]
}

proptest::proptest! {
    #[test]
    fn valid_durations_draw_finite_non_negative_days_and_ordered_quantiles(
        d in arb_duration(),
        seed in proptest::prelude::any::<u64>(),
    ) {
        proptest::prop_assert!(d.problems().is_empty(), "{:?}: {:?}", d, d.problems());
        let mut rng = Xoshiro256pp::from_seed(seed);
        for _ in 0..200 {
            let x = d.sample(&mut rng);
            proptest::prop_assert!(x.is_finite() && x >= 0.0, "{:?} drew {}", d, x);
        }
        let qs: Vec<f64> = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99].iter().map(|&p| d.quantile(p)).collect();
        proptest::prop_assert!(qs.windows(2).all(|w| w[0] <= w[1] + 1e-9 * w[1].abs().max(1.0)), "{:?}: {:?}", d, qs);
        proptest::prop_assert!(qs.iter().all(|q| q.is_finite() && *q >= 0.0));
    }
}
