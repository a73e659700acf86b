//! Durations as written: a number of days, or a distribution table whose parameters
//! must fit its kind.

use std::ops::Range;

use toml::Spanned;

use super::Validator;
use crate::diagnostic::did_you_mean;
use crate::model::duration::Duration;
use crate::scenario::raw::{RawDistribution, RawDurationValue};

impl Validator {
    pub(super) fn duration(&mut self, d: &Spanned<RawDurationValue>) -> Option<Duration> {
        let dist = match d.get_ref() {
            RawDurationValue::Days(days) => Duration::Fixed { days: *days },
            RawDurationValue::Distribution(t) => self.distribution(t)?,
        };
        let problems = dist.problems();
        for (param, message) in &problems {
            let span = match d.get_ref() {
                RawDurationValue::Distribution(t) => t.param_span(param).unwrap_or(d.span()),
                RawDurationValue::Days(_) => d.span(),
            };
            self.error(span, message.clone(), None);
        }
        problems.is_empty().then_some(dist)
    }

    pub(super) fn distribution(&mut self, t: &RawDistribution) -> Option<Duration> {
        let name = t.distribution.get_ref().as_str();
        let (required, optional): (&[&str], &[&str]) = match name {
            "fixed" => (&["days"], &[]),
            "uniform" => (&["min", "max"], &[]),
            "triangular" | "pert" => (&["min", "mode", "max"], &[]),
            "normal" => (&["mean", "sd"], &[]),
            "lognormal" => (&[], &["median", "p90", "mu", "sigma"]),
            "gamma" | "weibull" => (&["shape", "scale"], &[]),
            "exponential" => (&["mean"], &[]),
            "empirical" => (&["values"], &[]),
            _ => {
                let help = match did_you_mean(name, DISTRIBUTIONS) {
                    Some(near) => {
                        format!("did you mean `{near}`? Known: {}", DISTRIBUTIONS.join(", "))
                    }
                    None => format!("known distributions: {}", DISTRIBUTIONS.join(", ")),
                };
                self.error(
                    t.distribution.span(),
                    format!("unknown distribution `{name}`"),
                    Some(help),
                );
                return None;
            }
        };
        let mut ok = true;
        for (param, span) in t.given() {
            if !required.contains(&param) && !optional.contains(&param) {
                let takes: Vec<&str> = required.iter().chain(optional).copied().collect();
                self.error(
                    span,
                    format!("a {name} duration has no parameter `{param}`"),
                    Some(format!("a {name} duration takes: {}", takes.join(", "))),
                );
                ok = false;
            }
        }
        for param in required {
            if t.param_span(param).is_none() {
                self.error(
                    t.distribution.span(),
                    format!("a {name} duration needs `{param}`"),
                    Some(format!("a {name} duration takes: {}", required.join(", "))),
                );
                ok = false;
            }
        }
        let v = |x: &Option<Spanned<f64>>| x.as_ref().map_or(f64::NAN, |s| *s.get_ref());
        let dist = match name {
            "fixed" => Duration::Fixed { days: v(&t.days) },
            "uniform" => Duration::Uniform {
                min: v(&t.min),
                max: v(&t.max),
            },
            "triangular" => Duration::Triangular {
                min: v(&t.min),
                mode: v(&t.mode),
                max: v(&t.max),
            },
            "pert" => Duration::Pert {
                min: v(&t.min),
                mode: v(&t.mode),
                max: v(&t.max),
            },
            "normal" => Duration::Normal {
                mean: v(&t.mean),
                sd: v(&t.sd),
            },
            "lognormal" => {
                match (&t.median, &t.p90, &t.mu, &t.sigma) {
                    (Some(m), Some(p), None, None) => {
                        let (median, p90) = (*m.get_ref(), *p.get_ref());
                        if !(median > 0.0 && median.is_finite()) {
                            self.error(m.span(), format!("lognormal `median` must be a positive number of days, not {median}"), None);
                            return None;
                        }
                        if !(p90 > median && p90.is_finite()) {
                            self.error(
                            p.span(),
                            format!("lognormal `p90` ({p90}) must be greater than `median` ({median})"),
                            Some("the p90 is the duration that 90% of cases stay under: it lies above the median".into()),
                        );
                            return None;
                        }
                        Duration::lognormal_from_median_p90(median, p90)
                    }
                    (None, None, Some(mu), Some(s)) => Duration::LogNormal {
                        mu: *mu.get_ref(),
                        sigma: *s.get_ref(),
                    },
                    _ => {
                        if ok {
                            self.error(t.distribution.span(), "a lognormal duration needs either `median` and `p90`, or `mu` and `sigma`", Some("e.g. { distribution = \"lognormal\", median = 30, p90 = 75 }".into()));
                        }
                        return None;
                    }
                }
            }
            "gamma" => Duration::Gamma {
                shape: v(&t.shape),
                scale: v(&t.scale),
            },
            "weibull" => Duration::Weibull {
                shape: v(&t.shape),
                scale: v(&t.scale),
            },
            "exponential" => Duration::Exponential { mean: v(&t.mean) },
            _ => Duration::Empirical {
                values: t
                    .values
                    .as_ref()
                    .map(|s| s.get_ref().clone())
                    .unwrap_or_default(),
            },
        };
        ok.then_some(dist)
    }
}

/// The distributions a scenario may name.
const DISTRIBUTIONS: [&str; 10] = [
    "fixed",
    "uniform",
    "triangular",
    "pert",
    "normal",
    "lognormal",
    "gamma",
    "weibull",
    "exponential",
    "empirical",
];

impl RawDistribution {
    /// The parameters given, with their places.
    pub(super) fn given(&self) -> Vec<(&'static str, Range<usize>)> {
        let mut out = Vec::new();
        let fields: [(&'static str, &Option<Spanned<f64>>); 12] = [
            ("days", &self.days),
            ("min", &self.min),
            ("mode", &self.mode),
            ("max", &self.max),
            ("mean", &self.mean),
            ("sd", &self.sd),
            ("median", &self.median),
            ("p90", &self.p90),
            ("mu", &self.mu),
            ("sigma", &self.sigma),
            ("shape", &self.shape),
            ("scale", &self.scale),
        ];
        for (name, f) in fields {
            if let Some(s) = f {
                out.push((name, s.span()));
            }
        }
        if let Some(v) = &self.values {
            out.push(("values", v.span()));
        }
        out
    }

    /// Where parameter `name` is written, if it is.
    pub(super) fn param_span(&self, name: &str) -> Option<Range<usize>> {
        self.given()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s)
    }
}
