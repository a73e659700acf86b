//! The deterministic schedule as a table on the terminal (`regsim explain`).

use std::fmt::Write;

use crate::engine::schedule::PathwayTimes;
use crate::export::text_table::{aligned, approval_line};
use crate::model::{Model, TargetClock};

/// One pathway's median schedule: every stage's dates, days, clock and whether it is on
/// the critical path, then the approval date and the day counts.
pub fn schedule_table(model: &Model, pathway: usize, times: &PathwayTimes) -> String {
    let p = &model.pathways[pathway];
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", p.id, p.title);
    let submitted = model.date_of(times.filed_day as i64);
    if let Some(c) = &p.case {
        let ready = model.date_of(times.ready_day as i64);
        match c.gap {
            Some(e) => {
                let _ = writeln!(
                    out,
                    "ready {ready}; obtains {} first ({} days)",
                    model.evidence[e].title,
                    times.filed_day - times.ready_day
                );
            }
            None => {
                let _ = writeln!(out, "ready {ready}");
            }
        }
    }
    let _ = writeln!(
        out,
        "submitted {} ({}); every duration at its median",
        submitted,
        submitted.format("%a")
    );
    if let Some(rule) = &p.clock_start {
        let _ = writeln!(
            out,
            "{}",
            rule.explain(model.date_of(times.filed_day as i64))
        );
        if rule.review_days_from_start {
            let _ = writeln!(out, "review days count from the clock start");
        }
    }
    let mut rows = vec![
        [
            "stage", "clock", "counts", "start", "end", "days", "critical",
        ]
        .map(String::from),
    ];
    for (s, t) in p.stages.iter().zip(&times.stages) {
        let (start, end, days) = if t.ran {
            (
                model.date_of(t.start_day as i64).to_string(),
                model.date_of(t.end_day as i64).to_string(),
                t.elapsed_days().to_string(),
            )
        } else {
            (
                "skipped".to_string(),
                format!("(p = {})", s.probability),
                "-".into(),
            )
        };
        let counts = match s.gate {
            Some(g) => format!("{}, gate {}", model.counts_text(s), model.gates[g].id),
            None => model.counts_text(s),
        };
        rows.push([
            s.id.clone(),
            s.clock.as_str().to_string(),
            counts,
            start,
            end,
            days,
            if t.critical {
                "*".into()
            } else {
                String::new()
            },
        ]);
    }
    // the day count reads best right-aligned
    out.push_str(&aligned(&rows, |i| i == 5));
    if times.withdrawn {
        let _ = writeln!(
            out,
            "withdrawn: at the medians an applicant's clock stop runs past its limit"
        );
        return out;
    }
    out.push_str(&approval_line(model, p, times));
    if let Some(t) = p.target {
        let used = match t.clock {
            TargetClock::Total => times.review_days,
            TargetClock::Regulator => times.regulator_days,
        };
        let _ = writeln!(
            out,
            "target: {}% within {} days ({} clock); this median schedule takes {}: {}",
            crate::export::csv::num(t.percentile),
            crate::export::csv::num(t.days),
            t.clock.as_str(),
            used,
            if used as f64 <= t.days {
                "within"
            } else {
                "over"
            }
        );
    }
    if p.case.is_some_and(|c| c.gap.is_some()) {
        let _ = writeln!(
            out,
            "time to approval: {} days from ready, evidence included",
            times.time_to_approval_days()
        );
    }
    if let Some(f) = &p.follow_up {
        let (outcome, days) = f.median();
        let _ = match days {
            Some(d) if outcome.approved() => {
                let date = model.date_of((times.approval_day() + d) as i64);
                writeln!(
                    out,
                    "then: {} on {date}, {} days after approval (at the medians; {})",
                    f.title,
                    d,
                    outcome.as_str()
                )
            }
            _ => writeln!(
                out,
                "then: {}: {} at the medians",
                f.title,
                outcome.as_str()
            ),
        };
    }
    out
}
