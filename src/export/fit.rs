//! The outputs of `regsim fit` that are text: the best fit as a line that pastes into a
//! scenario (in the format's own syntax, docs/scenario-format.md), with a comment of
//! where it came from; the terminal table; and fit.csv.
//!
//! fit.csv has one row per pathway and family asked for, best first within a pathway:
//!
//! | column | what |
//! | --- | --- |
//! | `pathway`, `clock`, `as_of` | which rows, which span of them, the cut-off |
//! | `applications`, `pending` | rows fitted, and how many of them were right-censored |
//! | `distribution`, `rank` | the family; its rank by AIC (1 is the best; the empirical after the others; empty when it could not be fitted) |
//! | `mu`, `sigma` | lognormal: mean and sd of log-days |
//! | `shape`, `scale` | gamma and Weibull |
//! | `rate` | exponential: approvals per day under review (mean 1/rate) |
//! | `log_likelihood`, `aic`, `bic` | the censored log-likelihood, 2k - 2 log L, k ln n - 2 log L (empty for the empirical) |
//! | `ks_distance`, `ks_critical_1pct` | the Kolmogorov-Smirnov distance to the Kaplan-Meier curve, and its 1% critical value for the approvals |
//! | `median`, `p90` | of the fitted distribution, days |
//! | `scenario_line` | the `duration = { ... }` that pastes into a stage |
//! | `note` | why a family could not be fitted |

use anyhow::Result;
use chrono::NaiveDate;

use crate::export::csv::{num, opt, text};
use crate::export::text_table::aligned;
use crate::observed::Clock;
use crate::stats::fit::{Fit, FittedPathway, Params};

/// What the fits were made from, for the provenance comment and the CSV.
#[derive(Debug, Clone)]
pub struct FitSource {
    /// The data file as given.
    pub file: String,
    pub clock: Clock,
    pub as_of: NaiveDate,
}

/// `x` to `sig` significant digits, without trailing zeros or an exponent.
fn sig(x: f64, sig: i32) -> String {
    if x == 0.0 || !x.is_finite() {
        return num(x);
    }
    let decimals = (sig - 1 - x.abs().log10().floor() as i32).clamp(0, 12) as usize;
    let s = format!("{x:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// The fit as the scenario format writes a duration, e.g.
/// `duration = { distribution = "lognormal", median = 301.2, p90 = 419.8 }`. Numbers
/// have four significant digits (more where a lognormal's p90 would round onto its
/// median).
pub fn scenario_line(fit: &Fit) -> String {
    let body = match &fit.params {
        Params::LogNormal { .. } => {
            let mut digits = 4;
            while digits < 12 && sig(fit.p90, digits) == sig(fit.median, digits) {
                digits += 1;
            }
            format!(
                "median = {}, p90 = {}",
                sig(fit.median, digits),
                sig(fit.p90, digits)
            )
        }
        Params::Gamma { shape, scale } | Params::Weibull { shape, scale } => {
            format!("shape = {}, scale = {}", sig(*shape, 4), sig(*scale, 4))
        }
        Params::Exponential { rate } => format!("mean = {}", sig(1.0 / rate, 4)),
        Params::Empirical { values } => format!(
            "values = [{}]",
            values
                .iter()
                .map(|v| num(*v))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    format!(
        "duration = {{ distribution = \"{}\", {body} }}",
        fit.family.name()
    )
}

/// The comment line that goes above the scenario line: file, pathway, clock, rows,
/// pending, cut-off, method, log L and AIC.
pub fn provenance(source: &FitSource, p: &FittedPathway, fit: &Fit) -> String {
    let how = match (fit.log_likelihood, fit.aic) {
        (Some(l), Some(aic)) => format!(
            "{} by censored maximum likelihood, log L {:.2}, AIC {:.2}",
            fit.family.name(),
            l,
            aic
        ),
        _ => "empirical: the approved durations, resampled".to_string(),
    };
    format!(
        "# regsim fit {}: pathway {}, {} clock, {} applications ({} pending) as of {}; {how}",
        source.file,
        p.pathway,
        source.clock.name(),
        p.sample.durations.len(),
        p.sample.pending,
        source.as_of
    )
}

/// The fit's parameters as the table shows them.
fn parameters(fit: &Fit) -> String {
    match &fit.params {
        Params::LogNormal { mu, sigma } => format!("mu {}, sigma {}", sig(*mu, 4), sig(*sigma, 4)),
        Params::Gamma { shape, scale } | Params::Weibull { shape, scale } => {
            format!("shape {}, scale {}", sig(*shape, 4), sig(*scale, 4))
        }
        Params::Exponential { rate } => format!("mean {}", sig(1.0 / rate, 4)),
        Params::Empirical { values } => format!("{} values", values.len()),
    }
}

/// The terminal text for one pathway: a heading, the table best first, the refused
/// families, warnings, a note, and the best fit's provenance and scenario line.
pub fn table(source: &FitSource, p: &FittedPathway) -> String {
    let s = &p.sample;
    let mut out = format!(
        "{}, pathway {}: {} applications ({} pending), {} clock, as of {}\n",
        source.file,
        p.pathway,
        s.durations.len(),
        s.pending,
        source.clock.name(),
        source.as_of
    );
    let head = [
        "fit",
        "parameters",
        "log L",
        "AIC",
        "BIC",
        "KS",
        "median",
        "p90",
    ];
    let mut rows = vec![head.map(String::from)];
    let two = |x: Option<f64>| x.map_or("-".into(), |x| format!("{x:.2}"));
    for f in &p.fits {
        rows.push([
            f.family.name().to_string(),
            parameters(f),
            two(f.log_likelihood),
            two(f.aic),
            two(f.bic),
            format!("{:.3}", f.ks),
            format!("{:.1}", f.median),
            format!("{:.1}", f.p90),
        ]);
    }
    out.push_str(&aligned(&rows, |i| i >= 2));
    for (family, why) in &p.refused {
        out.push_str(&format!("  {}: not fitted: {why}\n", family.name()));
    }
    out.push_str(&format!(
        "  KS: Kolmogorov-Smirnov distance to the Kaplan-Meier curve (1% critical value {:.3}); best first by AIC\n",
        p.ks_critical()
    ));
    for w in p.warnings() {
        out.push_str(&format!("  warning: {w}\n"));
    }
    if let Some(n) = p.note() {
        out.push_str(&format!("  note: {n}\n"));
    }
    if let Some(best) = p.best() {
        out.push_str(&format!(
            "best fit, to paste into a stage of the scenario:\n{}\n{}\n",
            provenance(source, p, best),
            scenario_line(best)
        ));
    }
    out
}

/// fit.csv (columns in the module's documentation).
pub fn fit_csv(source: &FitSource, pathways: &[FittedPathway]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "pathway",
        "clock",
        "as_of",
        "applications",
        "pending",
        "distribution",
        "rank",
        "mu",
        "sigma",
        "shape",
        "scale",
        "rate",
        "log_likelihood",
        "aic",
        "bic",
        "ks_distance",
        "ks_critical_1pct",
        "median",
        "p90",
        "scenario_line",
        "note",
    ])?;
    for p in pathways {
        let lead = [
            text(&p.pathway),
            source.clock.name().to_string(),
            source.as_of.to_string(),
            p.sample.durations.len().to_string(),
            p.sample.pending.to_string(),
        ];
        let critical = num(p.ks_critical());
        for (rank, f) in p.fits.iter().enumerate() {
            let (mut mu, mut sigma, mut shape, mut scale, mut rate) =
                (None, None, None, None, None);
            match f.params {
                Params::LogNormal { mu: m, sigma: s } => (mu, sigma) = (Some(m), Some(s)),
                Params::Gamma { shape: k, scale: t } | Params::Weibull { shape: k, scale: t } => {
                    (shape, scale) = (Some(k), Some(t))
                }
                Params::Exponential { rate: r } => rate = Some(r),
                Params::Empirical { .. } => {}
            }
            let mut row: Vec<String> = lead.to_vec();
            row.extend([
                f.family.name().to_string(),
                (rank + 1).to_string(),
                opt(mu),
                opt(sigma),
                opt(shape),
                opt(scale),
                rate.map(|r| format!("{r:.8}")).unwrap_or_default(),
                opt(f.log_likelihood),
                opt(f.aic),
                opt(f.bic),
                num(f.ks),
                critical.clone(),
                num(f.median),
                num(f.p90),
                scenario_line(f),
                String::new(),
            ]);
            w.write_record(&row)?;
        }
        for (family, why) in &p.refused {
            let mut row: Vec<String> = lead.to_vec();
            row.push(family.name().to_string());
            row.extend(std::iter::repeat_n(String::new(), 10));
            row.push(critical.clone());
            row.extend(std::iter::repeat_n(String::new(), 3));
            row.push(text(why));
            w.write_record(&row)?;
        }
    }
    Ok(w.into_inner()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::fit::{Family, Sample};

    fn g3() -> FittedPathway {
        let s = Sample::new(&crate::stats::g3_control());
        FittedPathway::new("control", s, &Family::ALL)
    }

    #[test]
    fn scenario_lines_in_the_formats_syntax() {
        let p = g3();
        let line = |f: Family| scenario_line(p.fits.iter().find(|x| x.family == f).unwrap());
        assert_eq!(
            line(Family::Lognormal),
            "duration = { distribution = \"lognormal\", median = 33.04, p90 = 95.29 }"
        );
        assert_eq!(
            line(Family::Gamma),
            "duration = { distribution = \"gamma\", shape = 2.111, scale = 19.15 }"
        );
        assert_eq!(
            line(Family::Weibull),
            "duration = { distribution = \"weibull\", shape = 1.575, scale = 43.93 }"
        );
        assert_eq!(
            line(Family::Exponential),
            "duration = { distribution = \"exponential\", mean = 48 }"
        );
        assert_eq!(
            line(Family::Empirical),
            "duration = { distribution = \"empirical\", values = [9, 19, 32, 34] }"
        );
        assert_eq!(
            (sig(1234.56, 4), sig(0.012345, 3), sig(100.0, 4)),
            ("1235".into(), "0.0123".into(), "100".into())
        );
    }

    #[test]
    fn the_csv_has_a_row_per_family_and_the_refused_with_their_reason() {
        let source = FitSource {
            file: "g3.csv".into(),
            clock: Clock::Total,
            as_of: "2024-01-01".parse().unwrap(),
        };
        let mut p = g3();
        p.refused.push((Family::Gamma, "=reason".into()));
        let text = String::from_utf8(fit_csv(&source, &[p]).unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 7);
        assert!(
            lines[1].starts_with(
                "control,total,2024-01-01,6,2,exponential,1,,,,,0.02083333,-19.4848,40.9696,"
            ),
            "{}",
            lines[1]
        );
        assert!(
            lines[6].ends_with(",gamma,,,,,,,,,,,0.7485,,,,'=reason"),
            "{}",
            lines[6]
        );
    }
}
