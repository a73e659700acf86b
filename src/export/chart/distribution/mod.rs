//! The distribution chart: per pathway, a histogram of review days (share of iterations
//! per bin, left axis) and the cumulative curve (S-curve, right axis, 0 to 100 %), with
//! the pathway's target as a dashed line and P50 and P80 marked on the curve.
//!
//! Pathways get one panel each, stacked for up to three, in a grid beyond. Panels share
//! their x axis (range and bin width) when their ranges are comparable, so that a glance
//! down the slide compares pathways; a pathway far shorter than the others (emergency
//! approval next to standard review) gets its own range rather than a sliver.
//!
//! The S-curve is drawn through the percentiles themselves (the same linear
//! interpolation as summary.csv), so the P50 and P80 marks lie exactly on it.
//!
//! Laying the panels out and choosing their ranges and bins is here; drawing one panel
//! (title row, bars, target, S-curve, percentile marks) is in `panel`.

mod panel;

use std::path::Path;

use anyhow::ensure;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::font::{ASCENT, DESCENT};
use super::style::{
    AXIS_PX, BACKGROUND, CUMULATIVE, HEIGHT, HISTOGRAM, MARKER, OUTER_MARGIN, TARGET, TEXT, WIDTH,
};
use super::{Canvas, DrawResult, ImageFormat, LegendGlyph, days, render_to_file};
use crate::engine::results::RunResults;
use crate::engine::stats::DayHistogram;
use crate::lang::{Lang, Msg};
use crate::model::{Model, Target, TargetClock};

use panel::draw_panel;

/// Histogram (bars, left axis: share of iterations %) and cumulative S-curve (line,
/// right axis 0-100 %) of review days per pathway, one panel per pathway, written to
/// `path` as a 1600x1000 image in `format`.
///
/// Fails if `results` does not have one entry per pathway of `model`, or the file cannot
/// be written.
pub fn render_distribution(
    model: &Model,
    results: &RunResults,
    format: ImageFormat,
    path: &Path,
) -> anyhow::Result<()> {
    ensure!(
        results.pathways.len() == model.pathways.len(),
        "the results have {} pathways but the model has {}",
        results.pathways.len(),
        model.pathways.len()
    );
    let panels = panels(model, results);
    render_to_file(
        format,
        path,
        model.lang,
        |canvas| draw(canvas, model, results, &panels),
        |canvas| draw(canvas, model, results, &panels),
    )
}

/// What one panel shows.
#[derive(Debug, Clone)]
struct Panel<'a> {
    title: &'a str,
    hist: &'a DayHistogram,
    target: Option<Target>,
    /// Share of iterations (0 to 1) meeting the target on its own clock.
    achieved: Option<f64>,
    /// The x axis range, in days.
    x: (f64, f64),
    /// Bin width in days.
    bin: u32,
    /// Whether every panel has this x axis.
    shared: bool,
}

/// Height of the x axis with tick labels, in pixels.
const X_TICKS_AREA: i32 = 38;
/// Height of the x axis without them.
const X_BARE_AREA: i32 = 4;

/// What a panel draws besides its data, decided for all panels together.
#[derive(Debug, Clone, Copy)]
struct PanelLayout {
    /// Leave a row for the target's label (some pathway has a target).
    target_row: bool,
    /// The legend gives the bin width.
    bin_in_legend: bool,
    /// Label the x axis (off for panels above another with the same axis).
    x_ticks: bool,
}

/// Smallest span a panel's axis covers, so that a single value (fixed durations, or one
/// iteration) still shows as a bar in a readable range.
fn min_span(center: f64) -> f64 {
    (0.1 * center).max(10.0)
}

/// The last day a panel's axis shows: the largest value, unless a thin far tail would
/// squeeze the rest of the distribution into a corner; then the 99.5th percentile.
fn shown_max(hist: &DayHistogram) -> Option<f64> {
    let (lo, hi) = (hist.min()? as f64, hist.max()? as f64);
    let p = hist.percentile(99.5)?;
    Some(if hi > p + 0.25 * (p - lo) { p } else { hi })
}

/// The days a panel must show: its values (up to [`shown_max`]), and its target if that
/// is not far away.
fn wanted_range(hist: &DayHistogram, target: Option<Target>) -> Option<(f64, f64)> {
    let (mut lo, mut hi) = (hist.min()? as f64, shown_max(hist)?);
    if let Some(t) = target {
        let span = (hi - lo).max(min_span(hi));
        if t.days >= lo - span && t.days <= hi + span {
            lo = lo.min(t.days);
            hi = hi.max(t.days);
        }
    }
    let span = min_span((lo + hi) / 2.0);
    if hi - lo < span {
        let c = (lo + hi) / 2.0;
        (lo, hi) = ((c - span / 2.0).max(0.0), (c + span / 2.0).max(span));
    }
    Some((lo, hi))
}

/// A bin width of 1, 2 or 5 times a power of ten giving about 60 bins over `span`.
fn bin_width(span: f64) -> u32 {
    let raw = (span / 60.0).max(1.0);
    let mut step = 1u64;
    while step < u32::MAX as u64 {
        for m in [1, 2, 5] {
            if (step * m) as f64 >= raw {
                return (step * m).min(u32::MAX as u64) as u32;
            }
        }
        step *= 10;
    }
    u32::MAX
}

/// The axis range for `wanted`, padded, starting at 0 when that is close anyway.
fn axis_range((lo, hi): (f64, f64), bin: u32) -> (f64, f64) {
    let span = hi - lo;
    let pad = (0.04 * span).max(bin as f64);
    let (mut a, b) = (lo - pad, hi + pad);
    if a < 0.15 * (b - a) {
        a = a.min(0.0);
    }
    (a, b)
}

fn panels<'a>(model: &'a Model, results: &'a RunResults) -> Vec<Panel<'a>> {
    let wanted: Vec<Option<(f64, f64)>> = model
        .pathways
        .iter()
        .zip(&results.pathways)
        .map(|(p, r)| wanted_range(&r.review_days, p.target))
        .collect();
    // Share the axis when the union is not much wider than the widest panel.
    let known = wanted.iter().flatten();
    let union = known
        .clone()
        .fold(None, |acc: Option<(f64, f64)>, &(lo, hi)| {
            Some(acc.map_or((lo, hi), |(a, b)| (a.min(lo), b.max(hi))))
        });
    let widest = known.map(|(lo, hi)| hi - lo).fold(0.0, f64::max);
    let shared = union.filter(|(lo, hi)| hi - lo <= 2.5 * widest);
    model
        .pathways
        .iter()
        .zip(&results.pathways)
        .zip(wanted)
        .map(|((p, r), own)| {
            let range = shared.or(own).unwrap_or((0.0, 10.0));
            let bin = bin_width(range.1 - range.0);
            let achieved = p.target.and_then(|t| r.target_met_share(t));
            Panel {
                title: &p.title,
                hist: &r.review_days,
                target: p.target,
                achieved,
                x: axis_range(range, bin),
                bin,
                shared: shared.is_some(),
            }
        })
        .collect()
}

/// Columns and rows of the panel grid.
fn grid(n: usize) -> (usize, usize) {
    let cols = match n {
        0..=3 => 1,
        4..=6 => 2,
        7..=9 => 3,
        _ => (n as f64).sqrt().ceil() as usize,
    };
    (cols, n.div_ceil(cols).max(1))
}

/// The target as a sentence, longest form first.
fn target_labels(lang: Lang, t: &Target, achieved: Option<f64>) -> Vec<String> {
    let unit = lang.text(match t.clock {
        TargetClock::Total => Msg::UnitDays,
        TargetClock::Regulator => Msg::UnitRegulatorDays,
    });
    let (pct, d) = (days(t.percentile), days(t.days));
    let base = lang.fill(Msg::TargetLabel, &[&pct, &d, &unit]);
    let mut out = Vec::new();
    if let Some(a) = achieved {
        let a = format!("{:.0}", a * 100.0);
        out.push(lang.fill(Msg::TargetSimulated, &[&base, &a]));
    }
    out.push(base);
    out.push(lang.fill(Msg::TargetShort, &[&pct, &d, &unit]));
    out.push(format!("{}% ≤ {}", days(t.percentile), days(t.days)));
    out
}

fn draw<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    model: &Model,
    results: &RunResults,
    panels: &[Panel<'_>],
) -> DrawResult<(), DB> {
    c.root.fill(&BACKGROUND)?;
    let lang = c.lang;
    let runs = match model.agency {
        Some(_) => lang.fill(Msg::AgencyApplications, &[&results.iterations]),
        None => super::iterations(lang, results.iterations),
    };
    let subtitle = lang.fill(Msg::DistributionSubtitle, &[&runs, &results.seed]);
    let below_header = c.header(&model.title, "", &subtitle)?;
    // An agency's histograms count applications; a single application's, iterations.
    let unit = lang.text(if model.agency.is_some() {
        Msg::UnitApplications
    } else {
        Msg::UnitIterations
    });
    // One bin width for every panel: say it once, in the legend.
    let shared_bin = panels
        .first()
        .map(|p| p.bin)
        .filter(|&b| panels.iter().all(|p| p.bin == b));
    let bars = match shared_bin {
        Some(1) => lang.fill(Msg::BarsPerDay, &[&unit]),
        Some(b) => lang.fill(Msg::BarsPerBin, &[&unit, &b]),
        None => lang.fill(Msg::BarsPerAnyBin, &[&unit]),
    };
    let mut legend = vec![
        (LegendGlyph::Fill(HISTOGRAM), bars),
        (
            LegendGlyph::Line(CUMULATIVE),
            lang.text(Msg::CumulativeApproved).to_string(),
        ),
        (LegendGlyph::Dot(MARKER), lang.text(Msg::P50P80).to_string()),
    ];
    if panels.iter().any(|p| p.target.is_some()) {
        legend.push((
            LegendGlyph::Dashed(TARGET),
            lang.text(Msg::Target).to_string(),
        ));
    }
    let below_legend = c.legend(&legend, below_header + 18)?;

    // The panels' region, leaving room for the axis descriptions around it.
    let side = 46;
    let x_desc_baseline = HEIGHT as i32 - OUTER_MARGIN - (DESCENT * AXIS_PX) as i32;
    let region = (
        OUTER_MARGIN + side,
        below_legend + 26,
        WIDTH as i32 - OUTER_MARGIN - side,
        x_desc_baseline - (ASCENT * AXIS_PX) as i32 - 8,
    );
    let mid_y = (region.1 + region.3) / 2;
    let rotated = |text: &str, x: i32, color: RGBColor| {
        let style = c
            .metrics
            .font(AXIS_PX)
            .color(&color)
            .transform(FontTransform::Rotate270)
            .pos(plotters::style::text_anchor::Pos::new(
                HPos::Center,
                plotters::style::text_anchor::VPos::Center,
            ));
        c.root.draw(&Text::new(text.to_string(), (x, mid_y), style))
    };
    rotated(&lang.fill(Msg::ShareOf, &[&unit]), OUTER_MARGIN + 12, TEXT)?;
    rotated(
        lang.text(Msg::CumulativeShare),
        WIDTH as i32 - OUTER_MARGIN - 12,
        CUMULATIVE,
    )?;
    c.text(
        lang.text(Msg::DaysSubmissionToApproval),
        ((region.0 + region.2) / 2, x_desc_baseline),
        AXIS_PX,
        TEXT,
        HPos::Center,
    )?;

    let (cols, rows) = grid(panels.len());
    let (gap_x, gap_y) = (36, 22);
    let cell_w = (region.2 - region.0 - gap_x * (cols as i32 - 1)) / cols as i32;
    // With a shared axis only the bottom panels carry tick labels: give them the room
    // so that every plot has the same height.
    let shared = panels.first().is_some_and(|p| p.shared);
    let ticks_h = if shared {
        X_TICKS_AREA - X_BARE_AREA
    } else {
        0
    };
    let cell_h = (region.3 - region.1 - ticks_h - gap_y * (rows as i32 - 1)) / rows as i32;
    for (i, panel) in panels.iter().enumerate() {
        let (col, row) = ((i % cols) as i32, (i / cols) as i32);
        let x0 = region.0 + col * (cell_w + gap_x);
        let y0 = region.1 + row * (cell_h + gap_y);
        let x_ticks = !panel.shared || i + cols >= panels.len();
        let cell_h = if x_ticks { cell_h + ticks_h } else { cell_h };
        let layout = PanelLayout {
            target_row: panels.iter().any(|p| p.target.is_some()),
            bin_in_legend: shared_bin.is_some(),
            // A shared axis is labelled once, under the last panel of each column.
            x_ticks,
        };
        draw_panel(c, panel, (x0, y0, x0 + cell_w, y0 + cell_h), layout)?;
    }
    Ok(())
}

/// Draws the chart into any backend: the function the tests call with an in-memory
/// bitmap to look at the pixels.
#[cfg(test)]
pub(crate) fn draw_into<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    metrics: super::font::TextMetrics,
    model: &Model,
    results: &RunResults,
) -> DrawResult<(), DB> {
    let panels = panels(model, results);
    draw(
        &Canvas {
            root,
            metrics,
            lang: model.lang,
        },
        model,
        results,
        &panels,
    )
}

#[cfg(test)]
mod tests;
