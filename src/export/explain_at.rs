//! The iteration at a percentile as a table on the terminal (`regsim explain --at`):
//! each stage's dates and days beside its median over all iterations, its own
//! percentile, the wait for a gate date, and whether it was on the critical path; then
//! what made the application long.

use std::fmt::Write;

use crate::engine::at_percentile::AtPercentile;
use crate::export::csv::num;
use crate::export::text_table::{aligned, approval_line};
use crate::model::Model;
use crate::model::whole_day;

/// One stage's row, kept for the closing summary.
struct Row {
    stage: usize,
    days: u32,
    over_median: f64,
    own_percentile: f64,
    gate_wait: u32,
    critical: bool,
}

/// The table for pathway `pathway` of `model`.
pub fn iteration_table(model: &Model, pathway: usize, at: &AtPercentile) -> String {
    let p = &model.pathways[pathway];
    let t = &at.times;
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", p.id, p.title);
    if at.results.review_days.count() == 0 {
        let _ = writeln!(
            out,
            "every one of {} applications was withdrawn (an applicant's clock stop past its \
             limit): no review days to take a percentile of",
            at.iterations
        );
        return out;
    }
    let _ = writeln!(
        out,
        "P{} of review days is {} over {} iterations; iteration {} (0-based) takes {} days:",
        num(at.percentile),
        num(at.value),
        at.iterations,
        at.iteration,
        t.review_days
    );
    let submitted = model.date_of(t.submitted_day as i64);
    let _ = writeln!(out, "submitted {} ({})", submitted, submitted.format("%a"));
    let mut table = vec![
        [
            "stage",
            "clock",
            "start",
            "end",
            "days",
            "median",
            "vs median",
            "its pct",
            "gate wait",
            "critical",
        ]
        .map(String::from),
    ];
    let mut rows = Vec::new();
    for (k, (s, st)) in p.stages.iter().zip(&t.stages).enumerate() {
        let stats = &at.results.stages[k].elapsed_days;
        if !st.ran {
            table.push([
                s.id.clone(),
                s.clock.as_str().into(),
                "skipped".into(),
                format!("(p = {})", s.probability),
                "-".into(),
                stats.percentile(50.0).map(num).unwrap_or_default(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ]);
            continue;
        }
        let days = st.elapsed_days();
        let median = stats.percentile(50.0).unwrap_or(days as f64);
        let own = stats.share_at_most(days as f64).unwrap_or(0.0) * 100.0;
        let gate_wait = if s.gate.is_some() {
            st.end_day.saturating_sub(whole_day(st.work_end) as u32)
        } else {
            0
        };
        let over = days as f64 - median;
        table.push([
            s.id.clone(),
            s.clock.as_str().into(),
            model.date_of(st.start_day as i64).to_string(),
            model.date_of(st.end_day as i64).to_string(),
            days.to_string(),
            num(median),
            if over > 0.0 {
                format!("+{}", num(over))
            } else {
                num(over)
            },
            format!("P{:.0}", own.round()),
            if s.gate.is_some() {
                gate_wait.to_string()
            } else {
                String::new()
            },
            if st.critical {
                "*".into()
            } else {
                String::new()
            },
        ]);
        rows.push(Row {
            stage: k,
            days,
            over_median: over,
            own_percentile: own,
            gate_wait,
            critical: st.critical,
        });
    }
    out.push_str(&aligned(&table, |i| (4..=8).contains(&i)));
    out.push_str(&approval_line(model, p, t));
    let _ = writeln!(out, "what made it long: {}", reasons(model, pathway, &rows));
    out
}

/// The critical stages that ran longest over their median, and the gate waits on the
/// critical path, largest first.
fn reasons(model: &Model, pathway: usize, rows: &[Row]) -> String {
    let stages = &model.pathways[pathway].stages;
    let mut over: Vec<&Row> = rows
        .iter()
        .filter(|r| r.critical && r.over_median >= 1.0)
        .collect();
    over.sort_by(|a, b| b.over_median.total_cmp(&a.over_median));
    let mut parts: Vec<String> = over
        .iter()
        .take(3)
        .map(|r| {
            let stage = &stages[r.stage];
            let waited = match stage.gate {
                Some(g) if r.gate_wait > 0 => format!(
                    " ({} of them waiting for a date of gate {})",
                    r.gate_wait, model.gates[g].id
                ),
                _ => String::new(),
            };
            format!(
                "{} took {} days{waited}, {} over its median (its P{:.0})",
                stage.id,
                r.days,
                num(r.over_median),
                r.own_percentile.round()
            )
        })
        .collect();
    // Gate waits on the critical path not named above.
    for r in rows.iter().filter(|r| r.critical && r.gate_wait > 0) {
        if over.iter().take(3).any(|o| o.stage == r.stage) {
            continue;
        }
        let gate = stages[r.stage]
            .gate
            .map_or("", |g| model.gates[g].id.as_str());
        parts.push(format!(
            "{} waited {} days for a date of gate {gate}",
            stages[r.stage].id, r.gate_wait
        ));
    }
    if parts.is_empty() {
        "no critical stage ran over its median by a day or more".into()
    } else {
        parts.join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::at_percentile::at_percentile;
    use crate::model::Clock;
    use crate::model::calendar::HolidaySet;
    use crate::model::duration::Duration;
    use crate::model::testing::{date, model, pathway, stage};

    #[test]
    fn a_pathway_whose_every_application_is_withdrawn_says_so() {
        let mut answer = stage("answer", Clock::Applicant, 0.0, &[]);
        answer.duration = Some(Duration::Uniform {
            min: 50.0,
            max: 90.0,
        });
        answer.max_days = Some(30.0);
        let m = model(
            date(2024, 4, 1),
            HolidaySet::None,
            vec![],
            vec![pathway("p", "p", vec![answer])],
        );
        let at = at_percentile(&m, 0, 1, 500, 80.0).unwrap();
        let text = iteration_table(&m, 0, &at);
        assert!(
            text.contains("every one of 500 applications was withdrawn"),
            "{text}"
        );
        assert!(!text.contains("approval "));
    }
}
