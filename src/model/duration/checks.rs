//! Parameter checks of durations, with messages for the analyst who wrote them.

use super::{LN_MAX, MAX_DAYS, Z_EXTREME};

/// Formats a number for tables and messages: at most 6 significant digits, trailing
/// zeros dropped ("30", "2.5", "0.125").
pub(super) fn fmt_num(x: f64) -> String {
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
pub(super) struct Checker {
    /// How the messages name the distribution, e.g. "triangular".
    pub(super) dist: &'static str,
    pub(super) out: Vec<(&'static str, String)>,
}

impl Checker {
    pub(super) fn push(&mut self, param: &'static str, message: String) {
        self.out.push((param, message));
    }

    /// A finite number; `what` says what to give instead.
    pub(super) fn finite(&mut self, param: &'static str, v: f64, what: &str) -> bool {
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
    pub(super) fn not_too_long(&mut self, param: &'static str, v: f64) -> bool {
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
    pub(super) fn days(&mut self, param: &'static str, v: f64) -> bool {
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
    pub(super) fn positive_days(&mut self, param: &'static str, v: f64, hint: &str) -> bool {
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
    pub(super) fn positive(&mut self, param: &'static str, v: f64, hint: &str) -> bool {
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
    pub(super) fn ordered(&mut self, min: f64, max: f64) -> bool {
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

    pub(super) fn lognormal(&mut self, mu: f64, sigma: f64) {
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

    pub(super) fn empirical(&mut self, values: &[f64]) {
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
