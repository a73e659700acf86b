//! The terminal's summary of a run: per pathway P10 to P90 of review days and the
//! target, what follows approval, withdrawals.

use crate::lang::Msg;
use std::path::Path;

use crate::engine::results::RunResults;
use crate::export::csv::num;
use crate::model::Model;

/// Prints the summary of `results` of `model`, written to `dir` in `seconds`.
pub(super) fn print_summary(model: &Model, results: &RunResults, dir: &Path, seconds: f64) {
    let lang = model.lang;
    let seconds = format!("{seconds:.2}");
    println!(
        "{}",
        lang.fill(
            Msg::RunHeadline,
            &[&model.title, &results.iterations, &results.seed, &seconds]
        )
    );
    let names: Vec<String> = model.pathways.iter().map(|p| p.label(model)).collect();
    let w = names
        .iter()
        .map(|n| crate::export::text_table::columns(n))
        .max()
        .unwrap_or(7)
        .max(7);
    println!(
        "  {}  {:>6} {:>6} {:>6} {:>6}  {}",
        crate::export::text_table::pad_right(
            lang.text(if model.products.is_empty() {
                Msg::ColPathway
            } else {
                Msg::ColProductPathway
            }),
            w
        ),
        "p10",
        "p50",
        "p80",
        "p90",
        lang.text(Msg::ColTarget)
    );
    for ((p, r), name) in model.pathways.iter().zip(&results.pathways).zip(&names) {
        let h = &r.review_days;
        let q = |x| h.percentile(x).map(num).unwrap_or_default();
        let target = p.target.map(|t| {
            let met = r.target_met_share(t).unwrap_or(0.0) * 100.0;
            let met = format!("{met:.1}");
            let clock = lang.target_clock(t.clock);
            lang.fill(
                Msg::SummaryTarget,
                &[&num(t.percentile), &num(t.days), &clock, &met],
            )
        });
        println!(
            "  {}  {:>6} {:>6} {:>6} {:>6}  {}",
            crate::export::text_table::pad_right(name, w),
            q(10.0),
            q(50.0),
            q(80.0),
            q(90.0),
            target.unwrap_or_else(|| "-".into())
        );
    }
    for ((p, r), name) in model.pathways.iter().zip(&results.pathways).zip(&names) {
        if let Some(f) = &p.follow_up {
            let n = results.iterations.max(1) as f64;
            let shares: Vec<String> = crate::model::after_approval::Outcome::ALL
                .iter()
                .zip(r.outcomes)
                .filter(|(_, c)| *c > 0)
                .map(|(o, c)| format!("{} {:.1}%", o.as_str(), c as f64 * 100.0 / n))
                .collect();
            let shares = shares.join(", ");
            println!(
                "{}",
                lang.fill(Msg::ThenFollowUp, &[name, &f.title, &shares])
            );
        }
    }
    for ((_, r), name) in model.pathways.iter().zip(&results.pathways).zip(&names) {
        if r.withdrawn > 0 {
            let share = r.withdrawn as f64 * 100.0 / results.iterations.max(1) as f64;
            let share = format!("{share:.1}");
            println!("{}", lang.fill(Msg::Withdrawn, &[name, &share]));
        }
    }
    println!("{}", lang.fill(Msg::SummaryFooter, &[&dir.display()]));
}
