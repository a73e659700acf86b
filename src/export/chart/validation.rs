//! The validation chart of `regsim validate`: one row per pathway with observations.
//! On the left, the observed share approved by each day (the Kaplan-Meier curve 1 - S,
//! a step per approval, a tick per pending application) over the simulated S-curve
//! with its P5 to P95 shaded; on the right, the histogram of the randomized PIT of the
//! approved reviews against the flat line it should follow if the route is right.

use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::font::{ASCENT, DESCENT};
use super::style::{
    AXIS, BACKGROUND, CUMULATIVE, GRID, HEADING_PX, HEIGHT, HISTOGRAM, OI_VERMILLION, OUTER_MARGIN,
    TEXT, TEXT_MUTED, TICK_PX, WIDTH, tint,
};
use super::{Canvas, DrawResult, ImageFormat, LegendGlyph, days, render_to_file};
use crate::export::validation::{Measured, PathwayValidation, verdict_line};
use crate::stats::pit;

/// At most this many pathways are drawn (validation.csv has them all).
pub const MAX_ROWS: usize = 4;

/// Where the PIT column starts, in percent of the width.
const SPLIT: i32 = 64;

/// The observed curve's colour.
const OBSERVED: RGBColor = OI_VERMILLION;

/// What the validation chart shows.
pub struct ValidationChart<'a> {
    /// The scenario's title.
    pub title: String,
    /// What is held against what.
    pub subtitle: String,
    /// Every pathway of the scenario; those measured are drawn.
    pub rows: &'a [PathwayValidation],
}

/// Draws the chart to `path` in `format`.
pub fn render_validation(
    chart: &ValidationChart,
    format: ImageFormat,
    path: &Path,
) -> anyhow::Result<()> {
    render_to_file(
        format,
        path,
        crate::lang::Lang::En,
        |canvas| draw(canvas, chart),
        |canvas| draw(canvas, chart),
    )
}

fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &ValidationChart) -> DrawResult<(), DB> {
    c.root.fill(&BACKGROUND)?;
    let measured: Vec<(&PathwayValidation, &Measured)> = chart
        .rows
        .iter()
        .filter_map(|r| r.measured.as_ref().map(|m| (r, m)))
        .collect();
    let hidden = measured.len().saturating_sub(MAX_ROWS);
    let mut subtitle = chart.subtitle.clone();
    if hidden > 0 {
        subtitle.push_str(&format!("; {hidden} more pathways in validation.csv"));
    }
    let below_header = c.header(&chart.title, "", &subtitle)?;
    let legend = [
        (
            LegendGlyph::Line(CUMULATIVE),
            "simulated share approved".to_string(),
        ),
        (
            LegendGlyph::Fill(tint(CUMULATIVE, 0.86)),
            "simulated P5 to P95".to_string(),
        ),
        (
            LegendGlyph::Line(OBSERVED),
            "observed (Kaplan-Meier; tick: a pending row)".to_string(),
        ),
        (
            LegendGlyph::Fill(HISTOGRAM),
            "PIT of approved reviews, count (right)".to_string(),
        ),
        (
            LegendGlyph::Dashed(TEXT_MUTED),
            "flat if the route is right".to_string(),
        ),
    ];
    let top = c.legend(&legend, below_header + 14)? + 12;
    // One caption per column under the last row, instead of one under every row.
    let caption_baseline = HEIGHT as i32 - OUTER_MARGIN - (DESCENT * TICK_PX) as i32;
    let (x0, x1) = (OUTER_MARGIN, WIDTH as i32 - OUTER_MARGIN);
    let split = x0 + (x1 - x0) * SPLIT / 100;
    let captions = [
        ("review days, submission to approval", (x0 + 70 + split) / 2),
        ("randomized PIT, F(observed)", (split + 96 + x1) / 2),
    ];
    for (text, x) in captions {
        c.text(
            text,
            (x, caption_baseline),
            TICK_PX,
            TEXT_MUTED,
            HPos::Center,
        )?;
    }
    let bottom = caption_baseline - (ASCENT * TICK_PX) as i32 - 8;
    let n = measured.len().clamp(1, MAX_ROWS) as i32;
    let gap = 20;
    let row_h = (bottom - top - gap * (n - 1)) / n;
    for (i, (r, m)) in measured.iter().take(MAX_ROWS).enumerate() {
        let y0 = top + i as i32 * (row_h + gap);
        draw_row(c, r, m, (y0, y0 + row_h))?;
    }
    Ok(())
}

fn draw_row<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    r: &PathwayValidation,
    m: &Measured,
    (y0, y1): (i32, i32),
) -> DrawResult<(), DB> {
    let (x0, x1) = (OUTER_MARGIN, WIDTH as i32 - OUTER_MARGIN);
    let split = x0 + (x1 - x0) * SPLIT / 100;
    // The verdict as the terminal prints it, after the pathway's title where that fits.
    let verdict = verdict_line(r);
    let verdict = verdict
        .split_once(": ")
        .map_or(verdict.as_str(), |(_, v)| v);
    let long = format!("{}: {verdict}", r.title);
    let heading = match super::font::text_width(&long, HEADING_PX) <= x1 - x0 {
        true => long,
        false => verdict_line(r),
    };
    let title_baseline = y0 + (ASCENT * HEADING_PX) as i32;
    c.text(&heading, (x0, title_baseline), HEADING_PX, TEXT, HPos::Left)?;
    let plot_top = title_baseline + (DESCENT * HEADING_PX) as i32 + 8 + (0.6 * TICK_PX) as i32;
    if y1 - plot_top < 70 {
        return Ok(());
    }
    let y_labels = (((y1 - plot_top - 36) / 45) as usize).clamp(2, 5);
    let area = c
        .root
        .margin(plot_top, HEIGHT as i32 - y1, x0, WIDTH as i32 - split);
    curves(c, &area, m, y_labels)?;
    let area = c
        .root
        .margin(plot_top, HEIGHT as i32 - y1, split + 40, WIDTH as i32 - x1);
    pit_panel(c, &area, m, y_labels)
}

/// The x range of the curves: from a little before the first simulated or observed
/// review (a route that takes 300 days has nothing to show before) to past the last
/// observation and the simulated P95.
fn day_range(m: &Measured) -> (f64, f64) {
    let last = m.km.steps.last().map_or(0.0, |s| s.time);
    let first = m.km.steps.first().map_or(0.0, |s| s.time);
    let hi = last.max(m.simulated[3]);
    let lo = first.min(m.cdf.quantile(0.005));
    let pad = ((hi - lo) * 0.06).max(5.0);
    ((lo - pad).max(0.0).floor(), (hi + pad).ceil())
}

fn curves<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    area: &DrawingArea<DB, plotters::coord::Shift>,
    m: &Measured,
    y_labels: usize,
) -> DrawResult<(), DB> {
    let (xmin, xmax) = day_range(m);
    let mut ch = ChartBuilder::on(area)
        .x_label_area_size(36)
        .y_label_area_size(70)
        .build_cartesian_2d(xmin..xmax, 0.0..100.0)?;
    ch.configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .x_labels(8)
        .y_labels(y_labels)
        .x_label_formatter(&|v: &f64| days(*v))
        .y_label_formatter(&|v: &f64| format!("{v:.0}%"))
        .label_style(c.metrics.font(TICK_PX).color(&TEXT))
        .draw()?;
    let (p5, p95) = (m.simulated[0], m.simulated[3]);
    ch.draw_series([Rectangle::new(
        [(p5.max(xmin), 0.0), (p95, 100.0)],
        tint(CUMULATIVE, 0.86).filled(),
    )])?;
    // The simulated CDF, a step at each whole day (its jumps show gates' batches).
    let mut sim = vec![(xmin, 100.0 * m.cdf.left(xmin))];
    let mut d = xmin;
    while d <= xmax {
        sim.push((d, 100.0 * m.cdf.left(d)));
        sim.push((d, 100.0 * m.cdf.at(d)));
        d += 1.0;
    }
    ch.draw_series(LineSeries::new(sim, CUMULATIVE.stroke_width(3)))?;
    // The observed curve: flat, then up at each approval, to the last observation.
    let mut obs = vec![(xmin, 0.0)];
    let mut before = 0.0;
    for s in &m.km.steps {
        let after = 100.0 * (1.0 - s.survival);
        obs.push((s.time, before));
        obs.push((s.time, after));
        before = after;
    }
    ch.draw_series(LineSeries::new(obs, OBSERVED.stroke_width(4)))?;
    let pending = m.km.steps.iter().filter(|s| s.censored > 0).map(|s| {
        let y = 100.0 * (1.0 - s.survival);
        PathElement::new(
            [(s.time, (y - 4.0).max(0.0)), (s.time, (y + 4.0).min(100.0))],
            OBSERVED.stroke_width(3),
        )
    });
    ch.draw_series(pending)?;
    Ok(())
}

fn pit_panel<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    area: &DrawingArea<DB, plotters::coord::Shift>,
    m: &Measured,
    y_labels: usize,
) -> DrawResult<(), DB> {
    let bins = pit::bins_for(m.pit.len());
    let counts = pit::histogram(&m.pit, bins);
    let expected = m.pit.len() as f64 / bins as f64;
    let top = counts
        .iter()
        .map(|&k| k as f64)
        .fold(expected, f64::max)
        .max(1.0)
        * 1.15;
    let mut ch = ChartBuilder::on(area)
        .x_label_area_size(36)
        .y_label_area_size(56)
        .build_cartesian_2d(0.0..1.0, 0.0..top)?;
    let whole = top <= 12.0;
    ch.configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .x_labels(6)
        .y_labels(if whole {
            (top as usize + 1).min(y_labels.max(4))
        } else {
            y_labels
        })
        .x_label_formatter(&|v: &f64| format!("{v:.1}"))
        .y_label_formatter(&|v: &f64| match whole {
            true if (v - v.round()).abs() > 1e-6 => String::new(),
            _ => format!("{v:.0}"),
        })
        .label_style(c.metrics.font(TICK_PX).color(&TEXT))
        .draw()?;
    let w = 1.0 / bins as f64;
    ch.draw_series(counts.iter().enumerate().map(|(k, &n)| {
        let a = k as f64 * w;
        Rectangle::new(
            [(a + w * 0.04, 0.0), (a + w * 0.96, n as f64)],
            HISTOGRAM.filled(),
        )
    }))?;
    ch.draw_series(DashedLineSeries::new(
        [(0.0, expected), (1.0, expected)],
        10,
        6,
        TEXT_MUTED.stroke_width(2),
    ))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::stats::DayHistogram;
    use crate::observed::Duration;
    use crate::stats::KaplanMeier;
    use crate::stats::bootstrap::{Redraw, ks_test};
    use crate::stats::ks::{SimulatedCdf, Verdict};

    fn measured(n: usize) -> Measured {
        let mut h = DayHistogram::new();
        for d in 20..120 {
            h.add_many(d, 1 + (d % 5) as u64);
        }
        let cdf = SimulatedCdf::new(&h).unwrap();
        let durations: Vec<Duration> = (0..n)
            .map(|k| Duration {
                days: 25.0 + 7.0 * k as f64,
                approved: k % 4 != 3,
            })
            .collect();
        let redraw: Vec<Redraw> = durations
            .iter()
            .map(|d| Redraw {
                censor_at: d.days,
                from: &cdf,
            })
            .collect();
        let ks = ks_test(&durations, &redraw, &cdf, 99, 1);
        Measured {
            n,
            pending: durations.iter().filter(|d| !d.approved).count(),
            inside: n / 2,
            simulated: [25.0, 60.0, 90.0, 110.0],
            observed_p50: Some(50.0),
            observed_p80: None,
            verdict: Verdict::of(ks.p_value),
            ks,
            pit: crate::stats::pit::randomized_pit(&durations, &cdf, 3),
            km: KaplanMeier::new(&durations),
            cdf,
            iterations: h.count(),
        }
    }

    #[test]
    fn draws_one_and_many_pathways_in_both_formats() {
        let row = |name: &str, m: Option<Measured>| PathwayValidation {
            pathway: name.into(),
            title: name.to_uppercase(),
            measured: m,
        };
        let sets = [
            vec![row("special", Some(measured(12))), row("normal", None)],
            (0..6)
                .map(|k| row(&format!("p{k}"), Some(measured(1 + 9 * k))))
                .collect(),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (i, rows) in sets.iter().enumerate() {
            let chart = ValidationChart {
                title: "Validation".into(),
                subtitle: "test".into(),
                rows,
            };
            for format in [ImageFormat::Png, ImageFormat::Svg] {
                let p = dir.path().join(format!("v{i}.{}", format.extension()));
                render_validation(&chart, format, &p).unwrap();
                assert!(std::fs::metadata(&p).unwrap().len() > 1000);
            }
        }
    }
}
