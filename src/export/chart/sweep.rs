//! The sweep chart: per pathway that the knob moves, review days against the knob's
//! value (P50 as a line with points, P80 dashed, the P10 to P90 band shaded) and, for a
//! pathway with a target, the share of reviews meeting it.

use crate::lang::{Lang, Msg};
use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::font::{ASCENT, DESCENT};
use super::style::{
    AXIS, BACKGROUND, GRID, HEADING_PX, HEIGHT, OI_BLUE, OUTER_MARGIN, TARGET, TEXT, TEXT_MUTED,
    TICK_PX, WIDTH, tint,
};
use super::{Canvas, DrawResult, ImageFormat, LegendGlyph, days, render_to_file};

/// What the sweep chart shows.
#[derive(Debug, Clone)]
pub struct SweepChart {
    /// The scenario's title.
    pub title: String,
    /// What the chart shows.
    pub subtitle: String,
    /// The x axis: what the knob is.
    pub x_label: String,
    /// The knob's values, as numbers (positions for a list of words).
    pub x: Vec<f64>,
    /// Tick labels for the values when they are not numbers.
    pub x_names: Option<Vec<String>>,
    /// One row per pathway shown.
    pub panels: Vec<SweepPanel>,
    /// The language of the chart's own words.
    pub lang: Lang,
}

/// One pathway over the sweep.
#[derive(Debug, Clone)]
pub struct SweepPanel {
    /// The pathway's title.
    pub title: String,
    /// Per value: P10, P50, P80, P90 of review days.
    pub percentiles: Vec<[f64; 4]>,
    /// Per value: the share of reviews meeting the target (0 to 1), if there is one.
    pub met: Vec<Option<f64>>,
    /// The share the target asks for, in percent (80 for "80% within 365 days").
    pub required: Option<f64>,
}

/// Draws the chart to `path` in `format`.
pub fn render_sweep(chart: &SweepChart, format: ImageFormat, path: &Path) -> anyhow::Result<()> {
    render_to_file(
        format,
        path,
        chart.lang,
        |canvas| draw(canvas, chart),
        |canvas| draw(canvas, chart),
    )
}

fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &SweepChart) -> DrawResult<(), DB> {
    c.root.fill(&BACKGROUND)?;
    let below_header = c.header(&chart.title, "", &chart.subtitle)?;
    let mut legend = vec![
        (
            LegendGlyph::Line(OI_BLUE),
            c.lang.text(Msg::P50ReviewDays).to_string(),
        ),
        (
            LegendGlyph::Dashed(OI_BLUE),
            c.lang.text(Msg::P80).to_string(),
        ),
        (
            LegendGlyph::Fill(tint(OI_BLUE, 0.75)),
            c.lang.text(Msg::P10ToP90).to_string(),
        ),
    ];
    if chart
        .panels
        .iter()
        .any(|p| p.met.iter().any(Option::is_some))
    {
        legend.push((
            LegendGlyph::Line(TARGET),
            c.lang.text(Msg::ReviewsMeetingTarget).to_string(),
        ));
        legend.push((
            LegendGlyph::Dashed(TEXT_MUTED),
            c.lang.text(Msg::TargetAsksFor).to_string(),
        ));
    }
    let below_legend = c.legend(&legend, below_header + 14)?;
    let caption_baseline = HEIGHT as i32 - OUTER_MARGIN - (DESCENT * TICK_PX) as i32;
    c.text(
        &chart.x_label,
        (WIDTH as i32 / 2, caption_baseline),
        TICK_PX,
        TEXT_MUTED,
        HPos::Center,
    )?;
    let top = below_legend + 16;
    let bottom = caption_baseline - (ASCENT * TICK_PX) as i32 - 10;
    let n = chart.panels.len().max(1) as i32;
    let gap = 18;
    let row_h = (bottom - top - gap * (n - 1)) / n;
    for (i, p) in chart.panels.iter().enumerate() {
        let y0 = top + i as i32 * (row_h + gap);
        draw_row(c, chart, p, (y0, y0 + row_h))?;
    }
    Ok(())
}

fn draw_row<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    chart: &SweepChart,
    p: &SweepPanel,
    (y0, y1): (i32, i32),
) -> DrawResult<(), DB> {
    let (x0, x1) = (OUTER_MARGIN, WIDTH as i32 - OUTER_MARGIN);
    let has_target = p.met.iter().any(Option::is_some);
    let split = if has_target {
        x0 + (x1 - x0) * 62 / 100
    } else {
        x1
    };
    let title_baseline = y0 + (ASCENT * HEADING_PX) as i32;
    c.text(&p.title, (x0, title_baseline), HEADING_PX, TEXT, HPos::Left)?;
    let plot_top = title_baseline + (DESCENT * HEADING_PX) as i32 + 8 + (0.6 * TICK_PX) as i32;
    if y1 - plot_top < 60 || chart.x.is_empty() {
        return Ok(());
    }
    let xs = &chart.x;
    let (xa, xb) = x_range(chart);
    let (ya, yb) = days_range(p);
    let names = chart.x_names.clone();
    let x_fmt = move |v: &f64| match &names {
        Some(n) => {
            let k = v.round();
            if (v - k).abs() < 1e-6 && k >= 0.0 && (k as usize) < n.len() {
                n[k as usize].clone()
            } else {
                String::new()
            }
        }
        None => days(*v),
    };
    let x_labels = if chart.x_names.is_some() {
        chart.x.len() * 2 + 1
    } else {
        8
    };
    // About one label per 40 px of height, as the other charts.
    let y_labels = (((y1 - plot_top - 36) / 40) as usize).clamp(2, 5);
    // Words on the narrower right panel only when each has room.
    let widest = chart.x_names.as_ref().map_or(0, |n| {
        n.iter()
            .map(|w| super::font::text_width(w, TICK_PX))
            .max()
            .unwrap_or(0)
    });

    let area = c
        .root
        .margin(plot_top, HEIGHT as i32 - y1, x0, WIDTH as i32 - split);
    let mut ch = ChartBuilder::on(&area)
        .x_label_area_size(36)
        .y_label_area_size(64)
        .build_cartesian_2d(xa..xb, ya..yb)?;
    ch.configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .x_labels(x_labels)
        .y_labels(y_labels)
        .x_label_formatter(&x_fmt)
        .y_label_formatter(&|v: &f64| days(*v))
        .label_style(c.metrics.font(TICK_PX).color(&TEXT))
        .draw()?;
    let band: Vec<(f64, f64)> = xs
        .iter()
        .zip(&p.percentiles)
        .map(|(x, q)| (*x, q[3]))
        .chain(xs.iter().zip(&p.percentiles).rev().map(|(x, q)| (*x, q[0])))
        .collect();
    ch.draw_series([Polygon::new(band, tint(OI_BLUE, 0.75).filled())])?;
    let line = |k: usize| -> Vec<(f64, f64)> {
        xs.iter()
            .zip(&p.percentiles)
            .map(|(x, q)| (*x, q[k]))
            .collect()
    };
    ch.draw_series(DashedLineSeries::new(
        line(2),
        10,
        6,
        OI_BLUE.stroke_width(3),
    ))?;
    ch.draw_series(LineSeries::new(line(1), OI_BLUE.stroke_width(4)))?;
    ch.draw_series(
        line(1)
            .into_iter()
            .map(|pt| Circle::new(pt, 6, OI_BLUE.filled())),
    )?;

    if has_target {
        let per_value = (x1 - split - 24 - 64) / chart.x.len().max(1) as i32;
        let right_labels = chart.x_names.is_none() || widest + 12 <= per_value;
        let area = c
            .root
            .margin(plot_top, HEIGHT as i32 - y1, split + 24, WIDTH as i32 - x1);
        let mut t = ChartBuilder::on(&area)
            .x_label_area_size(36)
            .y_label_area_size(64)
            .build_cartesian_2d(xa..xb, 0.0..100.0)?;
        t.configure_mesh()
            .disable_x_mesh()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(AXIS)
            .x_labels(if right_labels { x_labels.min(6) } else { 0 })
            .y_labels(y_labels.min(3))
            .x_label_formatter(&x_fmt)
            .y_label_formatter(&|v: &f64| format!("{v:.0}%"))
            .label_style(c.metrics.font(TICK_PX).color(&TEXT))
            .draw()?;
        let pts: Vec<(f64, f64)> = xs
            .iter()
            .zip(&p.met)
            .filter_map(|(x, m)| m.map(|m| (*x, m * 100.0)))
            .collect();
        if let Some(r) = p.required {
            t.draw_series(DashedLineSeries::new(
                [(xa, r), (xb, r)],
                10,
                6,
                TEXT_MUTED.stroke_width(2),
            ))?;
        }
        t.draw_series(LineSeries::new(pts.clone(), TARGET.stroke_width(4)))?;
        t.draw_series(
            pts.into_iter()
                .map(|pt| Circle::new(pt, 6, TARGET.filled())),
        )?;
    }
    Ok(())
}

/// The x range of a row: the swept values, padded so that the outer points (and, for
/// named values, their labels) are clear of the edges.
fn x_range(chart: &SweepChart) -> (f64, f64) {
    let xs = &chart.x;
    let (mut xa, mut xb) = (
        xs.iter().copied().fold(f64::INFINITY, f64::min),
        xs.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    // Words get half a step on either side, so that the outer labels fit.
    let pad = if chart.x_names.is_some() || xb <= xa {
        0.5
    } else {
        (xb - xa) * 0.04
    };
    xa -= pad;
    xb += pad;
    (xa, xb)
}

/// The days range of a row: P10 to P90 over every swept value, padded, from zero at
/// the lowest.
fn days_range(p: &SweepPanel) -> (f64, f64) {
    let lo = p
        .percentiles
        .iter()
        .map(|q| q[0])
        .fold(f64::INFINITY, f64::min);
    let hi = p
        .percentiles
        .iter()
        .map(|q| q[3])
        .fold(f64::NEG_INFINITY, f64::max);
    let ypad = ((hi - lo) * 0.08).max(2.0);
    ((lo - ypad).max(0.0), hi + ypad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_numbers_words_and_a_single_value_in_both_formats() {
        let panel = |n: usize| SweepPanel {
            title: "Normal".into(),
            percentiles: (0..n)
                .map(|k| [100.0, 150.0 + k as f64, 180.0, 190.0 + k as f64])
                .collect(),
            met: (0..n).map(|k| Some(0.5 + 0.1 * k as f64)).collect(),
            required: Some(80.0),
        };
        let charts = [
            SweepChart {
                title: "Sweep".into(),
                subtitle: "numbers".into(),
                x_label: "factor".into(),
                x: vec![0.6, 0.8, 1.0],
                x_names: None,
                panels: vec![panel(3)],
                lang: Lang::En,
            },
            SweepChart {
                title: "Sweep".into(),
                subtitle: "words".into(),
                x_label: "days".into(),
                x: vec![0.0, 1.0],
                x_names: Some(vec!["calendar".into(), "business".into()]),
                panels: vec![panel(2), panel(2)],
                lang: Lang::En,
            },
            SweepChart {
                title: "Sweep".into(),
                subtitle: "one value".into(),
                x_label: "seed".into(),
                x: vec![1.0],
                x_names: None,
                panels: vec![panel(1)],
                lang: Lang::En,
            },
        ];
        let dir = tempfile::tempdir().unwrap();
        for (i, chart) in charts.iter().enumerate() {
            for format in [ImageFormat::Png, ImageFormat::Svg] {
                let p = dir.path().join(format!("sweep{i}.{}", format.extension()));
                render_sweep(chart, format, &p).unwrap();
                assert!(std::fs::metadata(&p).unwrap().len() > 1000);
            }
        }
    }
}
