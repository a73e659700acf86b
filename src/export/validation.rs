//! validation.csv, and the verdict line per pathway that `regsim validate` prints: a
//! scenario's simulated review days held against observed applications. The numbers
//! are computed by [`crate::commands::validate`] with [`crate::stats`]; here they are
//! only laid out. docs/validation.md documents every column.

use anyhow::Result;

use super::csv::{num, opt, text};
use crate::stats::KaplanMeier;
use crate::stats::bootstrap::KsTest;
use crate::stats::ks::{SimulatedCdf, Verdict};

/// Columns of validation.csv, in order.
pub const VALIDATION_COLUMNS: [&str; 18] = [
    "scenario",
    "pathway",
    "clock",
    "n",
    "pending",
    "inside_p5_p95",
    "coverage_p5_p95",
    "simulated_p5",
    "simulated_p95",
    "ks_statistic",
    "ks_p_value",
    "bootstrap_draws",
    "observed_p50",
    "simulated_p50",
    "observed_p80",
    "simulated_p80",
    "iterations",
    "verdict",
];

/// One pathway of the scenario: measured against its observations, or skipped.
#[derive(Debug, Clone)]
pub struct PathwayValidation {
    /// The pathway's label, as the observed file names it ("special", "product/normal").
    pub pathway: String,
    /// Its title, for the chart.
    pub title: String,
    /// `None` when the file has no row of this pathway.
    pub measured: Option<Measured>,
}

/// What was measured on one pathway.
#[derive(Debug, Clone)]
pub struct Measured {
    /// Observations, and how many of them were pending at the cut-off.
    pub n: usize,
    pub pending: usize,
    /// Approved observations inside the simulated P5 to P95 (inclusive).
    pub inside: usize,
    /// The simulated P5, P50, P80 and P95 of review days.
    pub simulated: [f64; 4],
    /// The observed P50 and P80 from the Kaplan-Meier curve (`None` when too many are
    /// pending for the curve to get there).
    pub observed_p50: Option<f64>,
    pub observed_p80: Option<f64>,
    /// The KS distance and its bootstrap p-value.
    pub ks: KsTest,
    /// The verdict of that p-value.
    pub verdict: Verdict,
    /// The observed curve and the simulated CDF, for the chart.
    pub km: KaplanMeier,
    pub cdf: SimulatedCdf,
    /// The randomized PIT of each approved observation.
    pub pit: Vec<f64>,
    /// Simulated iterations ending in approval.
    pub iterations: u64,
}

impl Measured {
    /// Approved observations.
    pub fn approved(&self) -> usize {
        self.n - self.pending
    }

    /// The share of approved observations inside the simulated P5 to P95; `None`
    /// when none was approved.
    pub fn coverage(&self) -> Option<f64> {
        (self.approved() > 0).then(|| self.inside as f64 / self.approved() as f64)
    }
}

/// validation.csv: one row per pathway of the scenario, skipped ones with their
/// verdict `skipped` and empty figures.
pub fn validation_csv(scenario: &str, rows: &[PathwayValidation]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(VALIDATION_COLUMNS)?;
    for r in rows {
        let mut cells = vec![text(scenario), text(&r.pathway), "total".to_string()];
        match &r.measured {
            None => {
                cells.extend(std::iter::repeat_n(String::new(), 14));
                cells.push("skipped".into());
            }
            Some(m) => cells.extend([
                m.n.to_string(),
                m.pending.to_string(),
                m.inside.to_string(),
                opt(m.coverage()),
                num(m.simulated[0]),
                num(m.simulated[3]),
                num(m.ks.statistic),
                num(m.ks.p_value),
                m.ks.draws.to_string(),
                opt(m.observed_p50),
                num(m.simulated[1]),
                opt(m.observed_p80),
                num(m.simulated[2]),
                m.iterations.to_string(),
                m.verdict.as_str().to_string(),
            ]),
        }
        w.write_record(&cells)?;
    }
    Ok(w.into_inner()?)
}

/// A p-value as the terminal shows it: two decimals, three below 0.01, "< 0.001" below
/// that (the bootstrap's resolution is 1 / (B + 1)).
pub fn p_text(p: f64) -> String {
    if p < 0.001 {
        "p < 0.001".into()
    } else if p < 0.01 {
        format!("p {p:.3}")
    } else {
        format!("p {p:.2}")
    }
}

/// Days as the terminal shows them, "-" for none.
fn days(d: Option<f64>) -> String {
    d.map_or("-".into(), |d| format!("{d:.0}"))
}

/// The verdict line of a pathway, e.g. `special: consistent (KS 0.12, p 0.41; 17 of 19
/// inside P5-P95)`.
pub fn verdict_line(r: &PathwayValidation) -> String {
    let Some(m) = &r.measured else {
        return format!("{}: skipped (no observations)", r.pathway);
    };
    let pending = match m.pending {
        0 => String::new(),
        k => format!(", {k} pending"),
    };
    format!(
        "{}: {} (KS {:.2}, {}; {} of {} inside P5-P95{pending})",
        r.pathway,
        m.verdict.as_str(),
        m.ks.statistic,
        p_text(m.ks.p_value),
        m.inside,
        m.approved(),
    )
}

/// The line under it: observed against simulated P50 and P80, in days.
pub fn percentiles_line(m: &Measured) -> String {
    format!(
        "P50 {} days observed, {} simulated; P80 {} observed, {} simulated",
        days(m.observed_p50),
        days(Some(m.simulated[1])),
        days(m.observed_p80),
        days(Some(m.simulated[2])),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn p_values_read_at_their_resolution() {
        assert_eq!(p_text(0.4123), "p 0.41");
        assert_eq!(p_text(0.0042), "p 0.004");
        assert_eq!(p_text(0.0001), "p < 0.001");
    }

    #[test]
    fn a_skipped_pathway_has_empty_figures() {
        let rows = [PathwayValidation {
            pathway: "normal".into(),
            title: "Normal".into(),
            measured: None,
        }];
        let csv = String::from_utf8(validation_csv("s", &rows).unwrap()).unwrap();
        let line = csv.lines().nth(1).unwrap();
        assert_eq!(line, "s,normal,total,,,,,,,,,,,,,,,skipped");
        assert_eq!(verdict_line(&rows[0]), "normal: skipped (no observations)");
    }
}
