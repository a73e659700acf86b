//! The deterministic schedule as a table on the terminal (`regsim explain`).

use crate::lang::Msg;
use std::fmt::Write;

use crate::engine::schedule::PathwayTimes;
use crate::export::text_table::{aligned, approval_line};
use crate::model::{Model, TargetClock};

/// One pathway's median schedule: every stage's dates, days, clock and whether it is on
/// the critical path, then the approval date and the day counts.
pub fn schedule_table(model: &Model, pathway: usize, times: &PathwayTimes) -> String {
    let lang = model.lang;
    let p = &model.pathways[pathway];
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", p.id, p.title);
    let submitted = model.date_of(times.filed_day as i64);
    if let Some(c) = &p.case {
        let ready = lang.date(model.date_of(times.ready_day as i64));
        let line = match c.gap {
            Some(e) => lang.fill(
                Msg::ReadyObtains,
                &[
                    &ready,
                    &model.evidence[e].title,
                    &(times.filed_day - times.ready_day),
                ],
            ),
            None => lang.fill(Msg::Ready, &[&ready]),
        };
        let _ = writeln!(out, "{line}");
    }
    let submitted = lang.date_weekday(submitted);
    let _ = writeln!(out, "{}", lang.fill(Msg::SubmittedAtMedian, &[&submitted]));
    if let Some(rule) = &p.clock_start {
        let _ = writeln!(
            out,
            "{}",
            rule.explain(model.date_of(times.filed_day as i64))
        );
        if rule.review_days_from_start {
            let _ = writeln!(out, "{}", lang.text(Msg::CountFromClockStart));
        }
    }
    let mut rows = vec![
        [
            Msg::ColStage,
            Msg::ColClock,
            Msg::ColCounts,
            Msg::ColStart,
            Msg::ColEnd,
            Msg::ColDays,
            Msg::ColCritical,
        ]
        .map(|m| lang.text(m).to_string()),
    ];
    for (s, t) in p.stages.iter().zip(&times.stages) {
        let (start, end, days) = if t.ran {
            (
                lang.date(model.date_of(t.start_day as i64)),
                lang.date(model.date_of(t.end_day as i64)),
                t.elapsed_days().to_string(),
            )
        } else {
            (
                lang.text(Msg::Skipped).to_string(),
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
            lang.clock(s.clock).to_string(),
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
        let _ = writeln!(out, "{}", lang.text(Msg::WithdrawnMedians));
        return out;
    }
    out.push_str(&approval_line(model, p, times));
    if let Some(t) = p.target {
        let used = match t.clock {
            TargetClock::Total => times.review_days,
            TargetClock::Regulator => times.regulator_days,
        };
        let verdict = lang.text(if used as f64 <= t.days {
            Msg::Within
        } else {
            Msg::Over
        });
        let line = lang.fill(
            Msg::ExplainTarget,
            &[
                &crate::export::csv::num(t.percentile),
                &crate::export::csv::num(t.days),
                &lang.target_clock(t.clock),
                &used,
                &verdict,
            ],
        );
        let _ = writeln!(out, "{line}");
    }
    if p.case.is_some_and(|c| c.gap.is_some()) {
        let line = lang.fill(Msg::TimeToApproval, &[&times.time_to_approval_days()]);
        let _ = writeln!(out, "{line}");
    }
    if let Some(f) = &p.follow_up {
        let (outcome, days) = f.median();
        let line = match days {
            Some(d) if outcome.approved() => {
                let date = lang.date(model.date_of((times.approval_day() + d) as i64));
                lang.fill(Msg::ThenOn, &[&f.title, &date, &d, &outcome.as_str()])
            }
            _ => lang.fill(Msg::ThenAtMedians, &[&f.title, &outcome.as_str()]),
        };
        let _ = writeln!(out, "{line}");
    }
    out
}
