//! One pathway's rows fitted: every family asked for, ranked by AIC, and what an analyst
//! must be told about the result (pending rows the empirical fit ignores, zero-day
//! approvals, a sample no single family fits, a sample of approvals only).

use super::{Family, Fit, Sample, fit, ks_critical_1pct};

/// The fits of one pathway's durations.
#[derive(Debug, Clone)]
pub struct FittedPathway {
    pub pathway: String,
    pub sample: Sample,
    /// Fitted families, best first: by AIC, then the empirical (it has no AIC).
    pub fits: Vec<Fit>,
    /// Families that could not be fitted, with the reason.
    pub refused: Vec<(Family, String)>,
}

impl FittedPathway {
    /// Fits each of `families` (in the order given, duplicates once) to `sample`.
    pub fn new(pathway: &str, sample: Sample, families: &[Family]) -> FittedPathway {
        let mut wanted: Vec<Family> = Vec::new();
        for f in families {
            if !wanted.contains(f) {
                wanted.push(*f);
            }
        }
        let (mut fits, mut refused) = (Vec::new(), Vec::new());
        for family in wanted {
            match fit(&sample, family) {
                Ok(f) => fits.push(f),
                Err(why) => refused.push((family, why)),
            }
        }
        fits.sort_by(|a: &Fit, b: &Fit| {
            let key = |f: &Fit| f.aic.unwrap_or(f64::INFINITY);
            key(a).total_cmp(&key(b))
        });
        FittedPathway {
            pathway: pathway.to_string(),
            sample,
            fits,
            refused,
        }
    }

    /// The fit to paste into a scenario: the lowest AIC, else the empirical.
    pub fn best(&self) -> Option<&Fit> {
        self.fits.first()
    }

    /// The 1% critical value of the KS distance for this sample's approvals.
    pub fn ks_critical(&self) -> f64 {
        ks_critical_1pct(self.sample.approved)
    }

    /// What the analyst must read beside the table, one sentence each.
    pub fn warnings(&self) -> Vec<String> {
        let s = &self.sample;
        let mut out = Vec::new();
        if s.pending > 0 && self.fits.iter().any(|f| f.family == Family::Empirical) {
            out.push(format!(
                "the empirical fit resamples the {} approved durations and ignores the {} pending: it is biased low (the slow reviews are the ones still open); the censored fits count them",
                s.approved, s.pending
            ));
        }
        if s.zeros > 0 {
            let (n, verb) = if s.zeros == 1 {
                ("1 approval".to_string(), "was")
            } else {
                (format!("{} approvals", s.zeros), "were")
            };
            out.push(format!(
                "{n} on the day of submission (0 days) {verb} counted as half a day: the densities of these families are not defined at 0"
            ));
        }
        let best = self.fits.iter().find(|f| f.aic.is_some());
        let critical = self.ks_critical();
        if let Some(best) = best.filter(|f| f.ks > critical) {
            out.push(format!(
                "no single distribution fits: the best fit ({}) is {:.3} from the Kaplan-Meier curve (Kolmogorov-Smirnov distance), above {:.3}, the 1% critical value for {} approvals; the rows may mix routes (standard and priority reviews, as the FDA's do): give each route its own pathway in the file and fit them separately",
                best.family.name(),
                best.ks,
                critical,
                s.approved
            ));
        }
        out
    }

    /// A note when nothing is pending: the fit describes approved applications only.
    pub fn note(&self) -> Option<String> {
        (self.sample.pending == 0).then(|| {
            "no application is pending at the cut-off: if the file holds approved applications only (as published samples do), the fit is conditional on approval (withdrawn and refused applications are missing, not censored)".to_string()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observed::Duration;

    fn sample(days: &[(f64, bool)]) -> Sample {
        let d: Vec<Duration> = days
            .iter()
            .map(|&(days, approved)| Duration { days, approved })
            .collect();
        Sample::new(&d)
    }

    #[test]
    fn ranked_by_aic_with_the_empirical_after_and_refusals_apart() {
        let s = sample(&[
            (34.0, true),
            (32.0, true),
            (9.0, true),
            (19.0, true),
            (50.0, false),
            (48.0, false),
        ]);
        let p = FittedPathway::new("control", s, &Family::ALL);
        let order: Vec<Family> = p.fits.iter().map(|f| f.family).collect();
        assert_eq!(
            order,
            [
                Family::Exponential,
                Family::Lognormal,
                Family::Gamma,
                Family::Weibull,
                Family::Empirical
            ]
        );
        assert!(p.refused.is_empty());
        let w = p.warnings();
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].starts_with(
            "the empirical fit resamples the 4 approved durations and ignores the 2 pending"
        ));
        assert_eq!(p.note(), None);
    }

    #[test]
    fn only_what_was_asked_and_the_refused_with_reasons() {
        let s = sample(&[(0.0, true), (0.0, true), (5.0, false)]);
        let p = FittedPathway::new(
            "x",
            s,
            &[Family::Weibull, Family::Exponential, Family::Weibull],
        );
        assert_eq!(p.fits.len(), 1);
        assert_eq!(p.refused.len(), 1);
        assert!(p.warnings()[0].starts_with(
            "2 approvals on the day of submission (0 days) were counted as half a day"
        ));
    }
}
