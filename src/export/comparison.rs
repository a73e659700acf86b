//! The paired comparison of runs with a baseline, as compare.csv's rows and the
//! comparison chart show it: computed from what the lockstep engine kept (see
//! [`crate::engine::lockstep`] and [`crate::engine::paired`]), never from the
//! iterations themselves.

use crate::engine::lockstep::{PathwayPairs, same_pathway};
use crate::engine::paired::{self, Paired};
use crate::engine::queue::QueueResults;
use crate::engine::queue::compare::{Replicated, compare as queue_compare};
use crate::engine::results::{METRICS, Metric, RunResults};
use crate::engine::stats::DayHistogram;
use crate::export::chart::compare::{CompareChart, ComparePanel};
use crate::export::compare::CompareRow;
use crate::lang::Msg;
use crate::model::{Model, Pathway, TargetClock};

/// One run of a comparison, with what pairing kept of it.
pub struct ComparedRun<'a> {
    /// The variant's id or the compared file's name; empty for the baseline.
    pub label: &'a str,
    /// The variant's title, or "baseline".
    pub title: &'a str,
    /// The model simulated.
    pub model: &'a Model,
    /// Its results.
    pub results: &'a RunResults,
    /// Per pathway, what pairing kept (see [`PathwayPairs`]).
    pub pairs: &'a [PathwayPairs],
    /// With an agency: its queue figures, with each replication's days (paired by
    /// replication instead of by iteration).
    pub queue: Option<&'a QueueResults>,
}

/// The target on `metric` and the share of the iterations in `days` meeting it.
fn target(p: &Pathway, metric: Metric, days: &DayHistogram) -> Option<(f64, f64)> {
    let t = metric.target(p.target)?;
    Some((t.days, days.share_at_most(t.days).unwrap_or(0.0)))
}

/// compare.csv's rows: each run after the baseline against it, pathway by pathway and
/// metric by metric.
pub fn rows(sim: &[ComparedRun]) -> Vec<CompareRow> {
    let base = &sim[0];
    if base.queue.is_some() {
        return replicated_rows(sim);
    }
    let mut rows = Vec::new();
    for v in &sim[1..] {
        // A pathway open in one run only (a variant that changes eligibility): its
        // own percentiles, the other side's columns empty.
        for (bi, bp) in base.model.pathways.iter().enumerate() {
            if same_pathway(v.model, base.model, bp).is_none() {
                rows.extend(one_sided(v.label, base.model, bp, &base.pairs[bi], false));
            }
        }
        for (vi, vp) in v.model.pathways.iter().enumerate() {
            let Some((bi, joints)) = &v.pairs[vi].with_baseline else {
                rows.extend(one_sided(v.label, v.model, vp, &v.pairs[vi], true));
                continue;
            };
            let bp = &base.model.pathways[*bi];
            let all = paired::compare_metrics(&joints.iter().collect::<Vec<_>>());
            for (m, (metric, paired)) in METRICS.iter().zip(all).enumerate() {
                let Some(paired) = paired else {
                    continue;
                };
                rows.push(CompareRow {
                    variant: v.label.to_string(),
                    product: vp.product_id(v.model).to_string(),
                    pathway: vp.id.clone(),
                    metric: *metric,
                    paired,
                    baseline_target: target(bp, *metric, &base.pairs[*bi].metrics[m]),
                    variant_target: target(vp, *metric, &v.pairs[vi].metrics[m]),
                });
            }
        }
    }
    rows
}

/// compare.csv's rows of an agency: each variant against the baseline, paired by
/// replication (see [`crate::engine::queue::compare`]); a pathway only one side has
/// is left out, as its applications have nothing to be paired with.
fn replicated_rows(sim: &[ComparedRun]) -> Vec<CompareRow> {
    let base = &sim[0];
    let mut rows = Vec::new();
    let Some(bq) = base.queue else {
        return rows;
    };
    for v in &sim[1..] {
        let Some(vq) = v.queue else { continue };
        for (vi, vp) in v.model.pathways.iter().enumerate() {
            let Some((bi, bp)) = same_pathway(base.model, v.model, vp) else {
                continue;
            };
            for (m, metric) in crate::engine::queue::compare::METRICS.iter().enumerate() {
                let Some(paired) =
                    Replicated::of(bq, bi, vq, vi, m).and_then(|r| queue_compare(&r))
                else {
                    continue;
                };
                let b = base.results.pathways[bi].metric(*metric);
                let w = v.results.pathways[vi].metric(*metric);
                rows.push(CompareRow {
                    variant: v.label.to_string(),
                    product: vp.product_id(v.model).to_string(),
                    pathway: vp.id.clone(),
                    metric: *metric,
                    paired,
                    baseline_target: target(bp, *metric, b),
                    variant_target: target(vp, *metric, w),
                });
            }
        }
    }
    rows
}

/// Rows for a pathway that only the variant (`in_variant`) or only the baseline has.
fn one_sided(
    label: &str,
    model: &Model,
    p: &Pathway,
    pairs: &PathwayPairs,
    in_variant: bool,
) -> Vec<CompareRow> {
    let none = paired::Interval {
        estimate: f64::NAN,
        low: f64::NAN,
        high: f64::NAN,
    };
    METRICS
        .iter()
        .zip(&pairs.metrics)
        .filter(|(_, h)| h.count() > 0)
        .map(|(metric, h)| {
            let q = |p: f64| h.percentile(p).unwrap_or(f64::NAN);
            let (p50, p80) = (q(50.0), q(80.0));
            let side = |x: f64| {
                if in_variant {
                    (f64::NAN, x)
                } else {
                    (x, f64::NAN)
                }
            };
            let t = target(p, *metric, h);
            CompareRow {
                variant: label.to_string(),
                product: p.product_id(model).to_string(),
                pathway: p.id.clone(),
                metric: *metric,
                paired: Paired {
                    iterations: h.count(),
                    baseline_p50: side(p50).0,
                    variant_p50: side(p50).1,
                    p50_change: none,
                    baseline_p80: side(p80).0,
                    variant_p80: side(p80).1,
                    p80_change: none,
                    mean_change: none,
                    faster_share: f64::NAN,
                    slower_share: f64::NAN,
                },
                baseline_target: if in_variant { None } else { t },
                variant_target: if in_variant { t } else { None },
            }
        })
        .collect()
}

/// Whether any run's review days differ from the baseline's in some iteration.
fn changed(sim: &[ComparedRun], bi: usize) -> bool {
    let base = &sim[0];
    let p = &base.model.pathways[bi];
    if base.queue.is_some() {
        let others = sim[1..].iter().map(|v| (v.model, v.results));
        return distribution_changed(base.model, base.results, bi, others);
    }
    sim[1..]
        .iter()
        .any(|v| match same_pathway(v.model, base.model, p) {
            Some((vi, vp)) => {
                let review = v.pairs[vi].with_baseline.as_ref().map(|(_, j)| &j[0]);
                !review.is_some_and(|j| j.all_equal()) || vp.target != p.target
            }
            None => true,
        })
}

/// The chart of `regsim compare`.
pub fn compare_chart<'a>(sim: &[ComparedRun<'a>]) -> CompareChart<'a> {
    let runs: Vec<ChartRun> = sim
        .iter()
        .map(|s| ChartRun {
            legend: legend(s.label, s.title, s.model),
            model: s.model,
            results: s.results,
        })
        .collect();
    comparison_chart(&runs, &|bi| changed(sim, bi), "compare.csv")
}

/// A run as `run --variant` charts it: its label, title, model and results.
pub type VariantRun<'a> = (&'a str, &'a str, &'a Model, &'a RunResults);

/// The comparison chart of `run --variant`: the baseline and its variants, from their
/// histograms (a pathway is shown when some variant's distribution or target differs).
pub fn run_chart<'a>(
    model: &'a Model,
    results: &'a RunResults,
    variants: &[VariantRun<'a>],
) -> CompareChart<'a> {
    let mut runs = vec![ChartRun {
        legend: model.lang.text(Msg::Baseline).into(),
        model,
        results,
    }];
    runs.extend(variants.iter().map(|&(label, title, m, r)| ChartRun {
        legend: legend(label, title, m),
        model: m,
        results: r,
    }));
    let changed = |bi: usize| {
        let others = variants.iter().map(|&(_, _, m, r)| (m, r));
        distribution_changed(model, results, bi, others)
    };
    comparison_chart(&runs, &changed, "summary.csv")
}

/// Whether any of `others` has another distribution of review days (or another
/// target) than the baseline's pathway `bi`, or lacks it: what a chart compares when
/// runs are not paired application by application.
fn distribution_changed<'a>(
    model: &Model,
    results: &RunResults,
    bi: usize,
    mut others: impl Iterator<Item = (&'a Model, &'a RunResults)>,
) -> bool {
    let p = &model.pathways[bi];
    others.any(|(m, r)| match same_pathway(m, model, p) {
        Some((vi, vp)) => {
            r.pathways[vi].review_days != results.pathways[bi].review_days || vp.target != p.target
        }
        None => true,
    })
}

/// At most this many pathways in the chart: rows stay legible on a slide.
const MAX_PANELS: usize = 4;

/// One run as the comparison chart shows it.
pub struct ChartRun<'a> {
    /// The legend's label.
    pub legend: String,
    /// The model simulated.
    pub model: &'a Model,
    /// Its results.
    pub results: &'a RunResults,
}

/// The legend label of a run: "Baseline", a variant's title, or a compared file's
/// scenario title.
fn legend(label: &str, title: &str, model: &Model) -> String {
    if label.is_empty() {
        model.lang.text(Msg::Baseline).to_string()
    } else if title == label || title == "baseline" {
        model.title.clone()
    } else {
        title.to_string()
    }
}

/// S-curves and boxes of review days, per pathway that `changed` (by the baseline's
/// index) says some run changes, at most `MAX_PANELS`; `more_in` names the file that
/// has the rest.
pub fn comparison_chart<'a>(
    runs: &[ChartRun<'a>],
    changed: &dyn Fn(usize) -> bool,
    more_in: &str,
) -> CompareChart<'a> {
    let base = &runs[0];
    let model = base.model;
    // Pathways some variant changes, then those only a variant has (a change of
    // eligibility), each as (run, index) of the run that has it.
    let mut shown: Vec<(usize, usize)> = (0..model.pathways.len())
        .filter(|&i| changed(i))
        .map(|i| (0, i))
        .collect();
    for (r, run) in runs.iter().enumerate().skip(1) {
        for (i, p) in run.model.pathways.iter().enumerate() {
            let known = shown.iter().any(|&(k, j)| {
                let q = &runs[k].model.pathways[j];
                q.id == p.id && q.product_id(runs[k].model) == p.product_id(run.model)
            });
            if !known && same_pathway(model, run.model, p).is_none() {
                shown.push((r, i));
            }
        }
    }
    let unchanged = model.pathways.len() - shown.iter().filter(|(k, _)| *k == 0).count();
    let only_new = !shown.is_empty() && unchanged == model.pathways.len();
    if shown.is_empty() {
        shown = (0..model.pathways.len()).map(|i| (0, i)).collect();
    }
    let hidden = shown.len().saturating_sub(MAX_PANELS);
    shown.truncate(MAX_PANELS);
    let panels = shown
        .iter()
        .map(|&(k, i)| {
            let owner = runs[k].model;
            let p = &owner.pathways[i];
            let (hists, targets) = runs
                .iter()
                .map(|s| match same_pathway(s.model, owner, p) {
                    Some((i, q)) => (
                        Some(&s.results.pathways[i].review_days),
                        q.target
                            .filter(|t| t.clock == TargetClock::Total)
                            .map(|t| t.days),
                    ),
                    None => (None, None),
                })
                .unzip();
            let title = if k > 0 {
                model.lang.fill(Msg::NotOpenInBaseline, &[&p.title])
            } else {
                p.title.clone()
            };
            ComparePanel {
                title,
                hists,
                targets,
            }
        })
        .collect();
    let lang = model.lang;
    let variants = if runs.len() == 2 {
        lang.text(Msg::OneVariant).to_string()
    } else {
        lang.fill(Msg::NVariants, &[&(runs.len() - 1)])
    };
    let sampled = match model.agency {
        Some(_) => lang.fill(Msg::AgencyReplications, &[&base.results.iterations]),
        None => crate::export::chart::iterations(lang, base.results.iterations),
    };
    let mut subtitle = lang.fill(
        Msg::CompareSubtitle,
        &[&variants, &sampled, &base.results.seed],
    );
    if only_new {
        subtitle.push_str(lang.text(Msg::BaselineUnchanged));
    } else if unchanged > 0 && unchanged < model.pathways.len() {
        let (one, many) = (Msg::OneUnchangedNotShown, Msg::NUnchangedNotShown);
        subtitle.push_str(&lang.count(unchanged, unchanged == 1, one, many));
    }
    if hidden > 0 {
        subtitle.push_str(&lang.fill(Msg::MoreChangedIn, &[&hidden, &more_in]));
    }
    CompareChart {
        title: model.title.clone(),
        subtitle,
        runs: runs.iter().map(|r| r.legend.clone()).collect(),
        panels,
        lang,
    }
}
