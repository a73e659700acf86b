//! queue.csv: the agency year by year, per run (baseline and variants), pathway and
//! pool. Two kinds of rows, told apart by which of `pathway` and `pool` is filled: a
//! pathway's applications (arrived, approved, review days, waits, backlog) and a pool's
//! utilisation. Every figure is over the replications: means per replication, or
//! percentiles of the applications pooled over them.

use crate::lang::Msg;
use anyhow::Result;

use crate::engine::queue::QueueResults;
use crate::export::csv::{num, opt, text};
use crate::model::Model;

/// Columns of queue.csv, in order.
pub const QUEUE_COLUMNS: [&str; 19] = [
    "scenario",
    "variant",
    "fiscal_year",
    "from",
    "to",
    "pathway",
    "pool",
    "arrived_mean",
    "approved_mean",
    "review_days_p50",
    "review_days_p80",
    "target_days",
    "target_share",
    "target_met_share",
    "queue_wait_days_mean",
    "backlog_end_mean",
    "backlog_end_p10",
    "backlog_end_p90",
    "utilisation",
];

/// One run of queue.csv: its label (empty for the baseline), model and queue figures.
pub type QueueRun<'a> = (&'a str, &'a Model, &'a QueueResults);

/// queue.csv's bytes, runs in order; per year, the pathways then the pools. A pool's
/// row has its utilisation (reviewer-days worked over reviewer-days of headcount) in
/// the last column, `utilisation`, and nothing in the pathways' columns.
pub fn queue_csv(runs: &[QueueRun]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(QUEUE_COLUMNS)?;
    for &(label, model, q) in runs {
        let reps = q.replications.max(1) as f64;
        let agency = model
            .agency
            .as_ref()
            .expect("queue results come from an agency");
        for (y, year) in q.years.iter().enumerate() {
            let date = |d: u32| model.date_of(d as i64).to_string();
            let lead = [
                text(&model.name),
                text(label),
                year.year.to_string(),
                date(year.first_day),
                date(year.last_day),
            ];
            for (p, pathway) in model.pathways.iter().enumerate() {
                if agency.arrivals[p].is_none() && q.pathways[p][y].approved == 0 {
                    continue;
                }
                let py = &q.pathways[p][y];
                let target = pathway.target;
                let backlog = &py.backlog_at_end;
                let mut row: Vec<String> = lead.to_vec();
                row.extend([
                    text(&pathway.id),
                    String::new(),
                    num(py.arrived as f64 / reps),
                    num(py.approved as f64 / reps),
                    opt(py.review_days.percentile(50.0)),
                    opt(py.review_days.percentile(80.0)),
                    target.map(|t| num(t.days)).unwrap_or_default(),
                    target
                        .map(|t| num(t.percentile / 100.0))
                        .unwrap_or_default(),
                    opt(target.and_then(|t| py.review_days.share_at_most(t.days))),
                    opt((py.approved > 0).then(|| py.queue_wait_days as f64 / py.approved as f64)),
                    opt(backlog.mean()),
                    opt(backlog.percentile(10.0)),
                    opt(backlog.percentile(90.0)),
                    String::new(),
                ]);
                w.write_record(&row)?;
            }
            for (k, pool) in agency.pools.iter().enumerate() {
                let mut row: Vec<String> = lead.to_vec();
                row.extend([String::new(), text(&pool.id)]);
                row.extend(std::iter::repeat_n(String::new(), 11));
                row.push(opt(q.pools[k][y].utilisation()));
                w.write_record(&row)?;
            }
        }
    }
    Ok(w.into_inner()?)
}

/// queue.csv and the backlog chart of a study's runs (baseline first, each with its
/// legend), as `formats` asks.
pub fn plan<'a>(
    plan: &mut crate::pipeline::OutputPlan<'a>,
    runs: Vec<(&'a str, String, &'a Model, &'a QueueResults)>,
    formats: &crate::pipeline::Formats,
) -> Result<()> {
    if formats.csv {
        let rows: Vec<QueueRun> = runs.iter().map(|(l, _, m, q)| (*l, *m, *q)).collect();
        plan.bytes("queue.csv", queue_csv(&rows)?);
    }
    let chart: Vec<crate::export::chart::backlog::BacklogRun> = runs
        .into_iter()
        .map(
            |(label, legend, model, queue)| crate::export::chart::backlog::BacklogRun {
                // The baseline's title is "baseline", in the run's language.
                legend: if label.is_empty() {
                    model.lang.text(Msg::BaselineLower).to_string()
                } else {
                    legend
                },
                model,
                queue,
            },
        )
        .collect();
    plan.chart("backlog", formats, move |f, p| {
        crate::export::chart::backlog::render_backlog(&chart, f, p)
    });
    Ok(())
}

/// The terminal's lines on the agency: per pathway the mean wait for reviewers and the
/// backlog at the horizon's end, per pool its utilisation over the reported years.
pub fn summary_lines(
    model: &Model,
    results: &crate::engine::results::RunResults,
    q: &QueueResults,
) -> String {
    let mut out = String::new();
    let Some(agency) = model.agency.as_ref() else {
        return out;
    };
    let last = q.years.len().checked_sub(1);
    for (p, pathway) in model.pathways.iter().enumerate() {
        if agency.arrivals[p].is_none() {
            continue;
        }
        let wait = results.pathways[p]
            .queue_wait_days
            .mean()
            .map(|w| format!("{w:.1}"))
            .unwrap_or_default();
        let arrived: u64 = q.pathways[p].iter().map(|y| y.arrived).sum();
        let per_year = arrived as f64 / q.replications.max(1) as f64 / q.years.len().max(1) as f64;
        let backlog = last
            .and_then(|y| q.pathways[p][y].backlog_at_end.percentile(50.0))
            .map(num)
            .unwrap_or_default();
        let per_year = format!("{per_year:.1}");
        out.push_str(
            &model
                .lang
                .fill(Msg::QueueLine, &[&pathway.id, &per_year, &wait, &backlog]),
        );
        if q.unfinished[p] > 0 {
            out.push_str(&model.lang.fill(
                Msg::QueueUnfinished,
                &[
                    &pathway.id,
                    &q.unfinished[p],
                    &(crate::engine::queue::DRAIN_DAYS / 365),
                ],
            ));
        }
    }
    for (k, pool) in agency.pools.iter().enumerate() {
        let (busy, available) = q.pools[k]
            .iter()
            .fold((0.0, 0.0), |(b, a), y| (b + y.busy, a + y.available));
        if available > 0.0 {
            let busy = format!("{:.1}", busy / available * 100.0);
            out.push_str(&model.lang.fill(Msg::PoolBusy, &[&pool.id, &busy]));
        }
    }
    out
}
