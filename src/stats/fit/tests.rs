//! The fits against known values: capacity-and-calibration's case C2 (right-censored
//! MLE on lifelines' g3 control group), a censored gamma fit against scipy
//! (tests/data/fixtures/fit-reference.py holds the script and its output), parameter
//! recovery under independent censoring (C5's pattern) where dropping the pending rows
//! fails, the mixture that no single family fits, and degenerate data.

use super::*;
use crate::random::Xoshiro256pp;

fn d(days: f64, approved: bool) -> Duration {
    Duration { days, approved }
}

/// lifelines' g3 control group: time/event 34/1, 32/1, 9/1, 19/1, 50/0, 48/0.
fn g3() -> Sample {
    Sample::new(&crate::stats::g3_control())
}

fn close(got: f64, want: f64, rel: f64, what: &str) {
    assert!(
        (got - want).abs() <= rel * want.abs(),
        "{what}: {got} against {want}"
    );
}

#[test]
fn c2_censored_lognormal_weibull_and_exponential_on_g3() {
    let s = g3();
    let ln = fit(&s, Family::Lognormal).unwrap();
    let Params::LogNormal { mu, sigma } = ln.params else {
        panic!("{ln:?}")
    };
    close(mu, 3.49786, 1e-5, "lognormal mu");
    close(sigma, 0.82642, 1e-5, "lognormal sigma");
    close(
        ln.log_likelihood.unwrap(),
        -18.80987,
        1e-6,
        "lognormal log L",
    );
    close(ln.median, 33.05, 1e-3, "lognormal median");

    let w = fit(&s, Family::Weibull).unwrap();
    let Params::Weibull { shape, scale } = w.params else {
        panic!("{w:?}")
    };
    close(scale, 43.9318, 1e-5, "weibull scale");
    close(shape, 1.57518, 1e-5, "weibull shape");
    close(w.log_likelihood.unwrap(), -19.03677, 1e-6, "weibull log L");

    let e = fit(&s, Family::Exponential).unwrap();
    assert_eq!(e.params, Params::Exponential { rate: 4.0 / 192.0 });
    // 4 ln(4/192) - 4 (scipy: -19.484804).
    close(
        e.log_likelihood.unwrap(),
        -19.484804,
        1e-6,
        "exponential log L",
    );

    // Among the two-parameter families the lognormal has the lowest AIC (C2). The
    // exponential's one parameter gives it a lower AIC still on these six points
    // (2 + 2 x 19.4848 = 40.97 against 4 + 2 x 18.8099 = 41.62): C2's "log-normal wins"
    // holds among families of equal size, and by log-likelihood.
    let aic = |f: Family| fit(&s, f).unwrap().aic.unwrap();
    let best = [Family::Lognormal, Family::Gamma, Family::Weibull]
        .into_iter()
        .min_by(|a, b| aic(*a).total_cmp(&aic(*b)));
    assert_eq!(best, Some(Family::Lognormal), "lognormal wins on AIC");
    close(
        aic(Family::Exponential),
        2.0 + 2.0 * 19.484804,
        1e-6,
        "exponential AIC",
    );
    close(ln.aic.unwrap(), 4.0 + 2.0 * 18.80987, 1e-6, "AIC");
    close(
        ln.bic.unwrap(),
        2.0 * 6f64.ln() + 2.0 * 18.80987,
        1e-6,
        "BIC",
    );
}

/// scipy 1.17.1 on the same data (tests/data/fixtures/fit-reference.py): gamma shape
/// 2.110772, scale 19.145601, log L -18.950557, median 34.240377, p90 77.609859.
#[test]
fn censored_gamma_on_g3_against_scipy() {
    let g = fit(&g3(), Family::Gamma).unwrap();
    let Params::Gamma { shape, scale } = g.params else {
        panic!("{g:?}")
    };
    close(shape, 2.110772, 1e-5, "gamma shape");
    close(scale, 19.145601, 1e-5, "gamma scale");
    close(g.log_likelihood.unwrap(), -18.950557, 1e-7, "gamma log L");
    close(g.median, 34.240377, 1e-5, "gamma median");
    close(g.p90, 77.609859, 1e-5, "gamma p90");
    // And the other scipy numbers of that script, for the quantiles.
    let ln = fit(&g3(), Family::Lognormal).unwrap();
    close(ln.p90, 95.293352, 1e-5, "lognormal p90");
    let w = fit(&g3(), Family::Weibull).unwrap();
    close(w.median, 34.811874, 1e-5, "weibull median");
    close(w.p90, 74.598623, 1e-5, "weibull p90");
}

/// Reviews drawn (whole days) from a lognormal of median `median` and P90 `p90`, by
/// regsim's own sampler, submitted uniformly over the `years` before the cut-off:
/// those whose review would end after it are pending, censored at their age.
fn synthetic(n: u64, median: f64, p90: f64, years: f64, seed: u64) -> Vec<Duration> {
    let dist = crate::model::duration::Duration::lognormal_from_median_p90(median, p90);
    let mut rng = Xoshiro256pp::from_seed(seed);
    (0..n)
        .map(|_| {
            let t = dist.sample(&mut rng).round();
            let age = (rng.next_f64() * years * 365.0).floor();
            if t <= age { d(t, true) } else { d(age, false) }
        })
        .collect()
}

#[test]
fn the_censored_fit_recovers_median_and_p90_where_dropping_the_pending_does_not() {
    let data = synthetic(3000, 300.0, 450.0, 2.0, 13);
    let pending = data.iter().filter(|d| !d.approved).count();
    assert!(
        pending > 450,
        "{pending} pending: the test needs real censoring"
    );
    let censored = fit(&Sample::new(&data), Family::Lognormal).unwrap();
    let approved: Vec<Duration> = data.iter().copied().filter(|d| d.approved).collect();
    let dropped = fit(&Sample::new(&approved), Family::Lognormal).unwrap();
    let off = |got: f64, want: f64| (got - want).abs() / want;
    assert!(off(censored.median, 300.0) < 0.03, "{}", censored.median);
    assert!(off(censored.p90, 450.0) < 0.03, "{}", censored.p90);
    // Dropping the pending rows keeps the quick reviews: both come out well short.
    assert!(dropped.median < 300.0 * 0.95, "{}", dropped.median);
    assert!(dropped.p90 < 450.0 * 0.92, "{}", dropped.p90);
    // So does the empirical distribution of the approved ones.
    let empirical = fit(&Sample::new(&data), Family::Empirical).unwrap();
    assert!(empirical.median < 300.0 * 0.95, "{}", empirical.median);
}

#[test]
fn a_mixture_of_standard_and_priority_reviews_fits_no_single_family() {
    let mut data = synthetic(200, 180.0, 215.0, 50.0, 1);
    data.extend(synthetic(200, 365.0, 435.0, 50.0, 2));
    let s = Sample::new(&data);
    let critical = ks_critical_1pct(s.approved);
    for family in [Family::Lognormal, Family::Gamma, Family::Weibull] {
        let f = fit(&s, family).unwrap();
        assert!(f.ks > critical, "{family:?}: KS {} <= {critical}", f.ks);
    }
    // One route alone: its own family is not rejected.
    let single = Sample::new(&synthetic(400, 180.0, 215.0, 50.0, 3));
    let f = fit(&single, Family::Lognormal).unwrap();
    assert!(f.ks < ks_critical_1pct(single.approved), "KS {}", f.ks);
    assert!((ks_critical_1pct(400) - 0.0813).abs() < 1e-3);
}

#[test]
fn degenerate_samples_get_reasons_not_nans() {
    let all_pending = Sample::new(&[d(10.0, false), d(20.0, false)]);
    for family in Family::ALL {
        let e = fit(&all_pending, family).unwrap_err();
        assert!(e.starts_with("no application was approved"), "{e}");
    }
    let one = Sample::new(&[d(30.0, true), d(5.0, false)]);
    assert!(
        fit(&one, Family::Gamma)
            .unwrap_err()
            .starts_with("one approval: a two-parameter gamma fit")
    );
    let e = fit(&one, Family::Exponential).unwrap();
    assert_eq!(e.params, Params::Exponential { rate: 1.0 / 35.0 });
    assert_eq!(fit(&one, Family::Empirical).unwrap().median, 30.0);
    let equal = Sample::new(&[d(30.0, true), d(30.0, true), d(30.0, true)]);
    assert_eq!(
        fit(&equal, Family::Lognormal).unwrap_err(),
        "all 3 approved durations are 30 days: a distribution with a spread cannot be fitted to them (for a stage that always takes that long, write `duration = 30`)"
    );
}

#[test]
fn a_zero_day_approval_counts_as_half_a_day() {
    let s = Sample::new(&[d(0.0, true), d(3.0, true), d(7.0, true), d(0.0, false)]);
    assert_eq!((s.zeros, s.approved, s.pending), (1, 3, 1));
    for family in Family::ALL {
        let f = fit(&s, family).unwrap();
        assert!(f.log_likelihood.is_none_or(f64::is_finite), "{f:?}");
        assert!(f.median.is_finite() && f.p90.is_finite(), "{f:?}");
    }
    let e = fit(&s, Family::Empirical).unwrap();
    assert_eq!(
        e.params,
        Params::Empirical {
            values: vec![0.0, 3.0, 7.0]
        }
    );
}

#[test]
fn without_censoring_the_lognormal_is_the_log_moments() {
    let days = [20.0, 35.0, 41.0, 60.0, 90.0, 150.0];
    let data: Vec<Duration> = days.iter().map(|&t| d(t, true)).collect();
    let f = fit(&Sample::new(&data), Family::Lognormal).unwrap();
    let logs: Vec<f64> = days.iter().map(|t: &f64| t.ln()).collect();
    let (m, s) = mean_sd(&logs);
    let Params::LogNormal { mu, sigma } = f.params else {
        panic!()
    };
    assert!(
        (mu - m).abs() < 1e-8 && (sigma - s).abs() < 1e-8,
        "{mu} {sigma}"
    );
}

#[test]
fn a_pending_row_far_in_the_tail_of_the_start_still_fits() {
    // The log-moment start (sigma 0.07) puts the pending 5000 days 87 sigmas out, where
    // the normal tail underflows: the fit must start from a finite likelihood anyway.
    let mut data: Vec<Duration> = [10.0, 11.0, 12.0, 10.0, 11.0]
        .iter()
        .map(|&t| d(t, true))
        .collect();
    data.push(d(5000.0, false));
    let s = Sample::new(&data);
    for family in [Family::Lognormal, Family::Gamma, Family::Weibull] {
        let f = fit(&s, family).unwrap_or_else(|e| panic!("{family:?}: {e}"));
        assert!(f.log_likelihood.unwrap().is_finite(), "{f:?}");
        // The fit must give the pending row room: its P90 beyond the approvals.
        assert!(f.p90 > 12.0, "{f:?}");
    }
}

#[test]
fn a_fit_the_scenario_format_would_refuse_is_refused_here() {
    let s = g3();
    let tiny_shape = Params::Weibull {
        shape: 0.004,
        scale: 100.0,
    };
    let e = finish(&s, Family::Weibull, tiny_shape).unwrap_err();
    assert!(
        e.starts_with("the likelihood has no maximum at plausible parameters (weibull `shape` (0.004) is so small"),
        "{e}"
    );
}
