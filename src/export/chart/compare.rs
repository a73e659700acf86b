//! The comparison chart: per pathway that a variant changes, the S-curves (cumulative
//! share approved by day) of the baseline and every variant overlaid, the target
//! dashed, and beside them one box per run (P25 to P75, the median marked, whiskers
//! from P10 to P90) on the same day axis.
//!
//! Baseline in black, variants in Okabe-Ito colours, so the chart reads in greyscale
//! and for colour-blind readers; the legend names each run by its title.

use crate::lang::{Lang, Msg};
use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::font::{ASCENT, DESCENT};
use super::style::{
    AXIS, BACKGROUND, GRID, HEADING_PX, HEIGHT, OI_BLACK, OI_BLUE, OI_GREEN, OI_ORANGE, OI_PURPLE,
    OI_SKY_BLUE, OI_VERMILLION, OUTER_MARGIN, TEXT, TEXT_MUTED, TICK_PX, WIDTH,
};
use super::{Canvas, DrawResult, ImageFormat, LegendGlyph, days, render_to_file};
use crate::engine::stats::DayHistogram;

/// Colours of the runs: the baseline first.
pub const RUN_COLOURS: [RGBColor; 7] = [
    OI_BLACK,
    OI_VERMILLION,
    OI_BLUE,
    OI_GREEN,
    OI_ORANGE,
    OI_PURPLE,
    OI_SKY_BLUE,
];

/// What the comparison chart shows.
#[derive(Debug, Clone)]
pub struct CompareChart<'a> {
    /// The baseline scenario's title.
    pub title: String,
    /// What the chart shows, under the title.
    pub subtitle: String,
    /// Each run's label, the baseline first.
    pub runs: Vec<String>,
    /// One row per pathway shown.
    pub panels: Vec<ComparePanel<'a>>,
    /// The language of the chart's own words.
    pub lang: Lang,
}

/// One pathway in every run.
#[derive(Debug, Clone)]
pub struct ComparePanel<'a> {
    /// The pathway's title.
    pub title: String,
    /// Review days per run (none where the run lacks the pathway).
    pub hists: Vec<Option<&'a DayHistogram>>,
    /// Per run, its target days on review days, if any.
    pub targets: Vec<Option<f64>>,
}

/// Draws the chart to `path` in `format`.
pub fn render_compare(
    chart: &CompareChart,
    format: ImageFormat,
    path: &Path,
) -> anyhow::Result<()> {
    render_to_file(
        format,
        path,
        chart.lang,
        |canvas| draw(canvas, chart),
        |canvas| draw(canvas, chart),
    )
}

fn colour(run: usize) -> RGBColor {
    RUN_COLOURS[run % RUN_COLOURS.len()]
}

fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &CompareChart) -> DrawResult<(), DB> {
    c.root.fill(&BACKGROUND)?;
    let below_header = c.header(&chart.title, "", &chart.subtitle)?;
    let mut legend: Vec<(LegendGlyph, String)> = chart
        .runs
        .iter()
        .enumerate()
        .map(|(i, r)| (LegendGlyph::Line(colour(i)), r.clone()))
        .collect();
    if chart
        .panels
        .iter()
        .any(|p| p.targets.iter().any(Option::is_some))
    {
        legend.push((
            LegendGlyph::Dashed(TEXT_MUTED),
            c.lang.text(Msg::TargetInRunColour).into(),
        ));
    }
    let below_legend = c.legend(&legend, below_header + 14)?;
    let top = below_legend + 16;
    let caption_baseline = HEIGHT as i32 - OUTER_MARGIN - (DESCENT * TICK_PX) as i32;
    c.text(
        c.lang.text(Msg::CompareCaption),
        (WIDTH as i32 / 2, caption_baseline),
        TICK_PX,
        TEXT_MUTED,
        HPos::Center,
    )?;
    let bottom = caption_baseline - (ASCENT * TICK_PX) as i32 - 10;
    let n = chart.panels.len().max(1) as i32;
    let gap = 18;
    let row_h = (bottom - top - gap * (n - 1)) / n;
    for (i, panel) in chart.panels.iter().enumerate() {
        let y0 = top + i as i32 * (row_h + gap);
        draw_row(c, panel, chart.runs.len(), (y0, y0 + row_h))?;
    }
    Ok(())
}

/// The day range shown for a panel: every run's P0.5 to P99.5, padded.
fn range(panel: &ComparePanel) -> (f64, f64) {
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for h in panel.hists.iter().flatten() {
        if let (Some(a), Some(b)) = (h.percentile(0.5), h.percentile(99.5)) {
            lo = lo.min(a);
            hi = hi.max(b);
        }
    }
    for t in panel.targets.iter().flatten() {
        if *t >= lo - (hi - lo) && *t <= hi + (hi - lo) {
            lo = lo.min(*t);
            hi = hi.max(*t);
        }
    }
    if !lo.is_finite() {
        return (0.0, 10.0);
    }
    let pad = ((hi - lo) * 0.05).max(2.0);
    ((lo - pad).max(0.0), hi + pad)
}

fn draw_row<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    panel: &ComparePanel,
    runs: usize,
    (y0, y1): (i32, i32),
) -> DrawResult<(), DB> {
    let (x0, x1) = (OUTER_MARGIN, WIDTH as i32 - OUTER_MARGIN);
    let split = x0 + (x1 - x0) * 58 / 100;
    let title_baseline = y0 + (ASCENT * HEADING_PX) as i32;
    c.text(
        &panel.title,
        (x0, title_baseline),
        HEADING_PX,
        TEXT,
        HPos::Left,
    )?;
    // The top tick label stands half above the plot: keep it off the title.
    let plot_top = title_baseline + (DESCENT * HEADING_PX) as i32 + 8 + (0.6 * TICK_PX) as i32;
    if y1 - plot_top < 60 {
        return Ok(());
    }
    let (xa, xb) = range(panel);
    let x_area = 36;
    let day_fmt = |v: &f64| days(*v);

    // Left: the S-curves.
    let area = c
        .root
        .margin(plot_top, HEIGHT as i32 - y1, x0, WIDTH as i32 - split);
    let mut s = ChartBuilder::on(&area)
        .x_label_area_size(x_area)
        .y_label_area_size(64)
        .build_cartesian_2d(xa..xb, 0.0..100.0)?;
    s.configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .x_labels(8)
        .y_labels(5)
        .x_label_formatter(&day_fmt)
        .y_label_formatter(&|v: &f64| format!("{v:.0}%"))
        .label_style(c.metrics.font(TICK_PX).color(&TEXT))
        .draw()?;
    for (i, t) in panel.targets.iter().enumerate() {
        // Each run's target in its own colour; a variant's target equal to the
        // baseline's is drawn once.
        if i > 0 && *t == panel.targets[0] {
            continue;
        }
        if let Some(t) = t.filter(|t| *t > xa && *t < xb) {
            let style = ShapeStyle::from(&colour(i).mix(0.8)).stroke_width(2);
            s.draw_series(DashedLineSeries::new([(t, 0.0), (t, 100.0)], 8, 6, style))?;
        }
    }
    for (i, h) in panel.hists.iter().enumerate().rev() {
        let Some(h) = h else { continue };
        // The curve through the percentiles, as summary.csv computes them.
        let points: Vec<(f64, f64)> = (0..=200)
            .filter_map(|k| {
                let p = k as f64 / 2.0;
                h.percentile(p).map(|d| (d.clamp(xa, xb), p))
            })
            .collect();
        s.draw_series(LineSeries::new(
            points,
            colour(i).stroke_width(if i == 0 { 4 } else { 3 }),
        ))?;
    }

    // Right: one box per run.
    let area = c
        .root
        .margin(plot_top, HEIGHT as i32 - y1, split + 24, WIDTH as i32 - x1);
    let mut b = ChartBuilder::on(&area)
        .x_label_area_size(x_area)
        .y_label_area_size(8)
        .build_cartesian_2d(xa..xb, 0.0..runs as f64)?;
    b.configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .x_labels(6)
        .x_label_formatter(&day_fmt)
        .label_style(c.metrics.font(TICK_PX).color(&TEXT))
        .draw()?;
    for (i, h) in panel.hists.iter().enumerate() {
        let Some(h) = h else { continue };
        let q = |p| h.percentile(p).unwrap_or(0.0).clamp(xa, xb);
        // Runs from the top: the baseline first.
        let y = runs as f64 - i as f64 - 0.5;
        let col = colour(i);
        b.draw_series([
            PathElement::new(vec![(q(10.0), y), (q(90.0), y)], col.stroke_width(2)),
            PathElement::new(
                vec![(q(10.0), y - 0.15), (q(10.0), y + 0.15)],
                col.stroke_width(2),
            ),
            PathElement::new(
                vec![(q(90.0), y - 0.15), (q(90.0), y + 0.15)],
                col.stroke_width(2),
            ),
        ])?;
        b.draw_series([
            Rectangle::new(
                [(q(25.0), y - 0.28), (q(75.0), y + 0.28)],
                col.mix(0.25).filled(),
            ),
            Rectangle::new(
                [(q(25.0), y - 0.28), (q(75.0), y + 0.28)],
                col.stroke_width(2),
            ),
        ])?;
        b.draw_series([PathElement::new(
            vec![(q(50.0), y - 0.28), (q(50.0), y + 0.28)],
            col.stroke_width(4),
        )])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hist(lo: u32, hi: u32) -> DayHistogram {
        let mut h = DayHistogram::new();
        (lo..=hi).for_each(|d| h.add(d));
        h
    }

    #[test]
    fn draws_in_both_formats_with_missing_runs_and_targets() {
        let (a, b) = (hist(100, 200), hist(80, 160));
        let chart = CompareChart {
            title: "比較: baseline and variants".into(),
            subtitle: "test".into(),
            runs: vec!["Baseline".into(), "Faster".into(), "Only elsewhere".into()],
            lang: Lang::Ja,
            panels: vec![
                ComparePanel {
                    title: "With a target".into(),
                    hists: vec![Some(&a), Some(&b), None],
                    targets: vec![Some(170.0), Some(150.0), None],
                },
                ComparePanel {
                    title: "No target, one iteration".into(),
                    hists: vec![Some(&a), Some(&a), Some(&a)],
                    targets: vec![None, None, None],
                },
            ],
        };
        let dir = tempfile::tempdir().unwrap();
        for format in [ImageFormat::Png, ImageFormat::Svg] {
            let p = dir.path().join(format!("compare.{}", format.extension()));
            render_compare(&chart, format, &p).unwrap();
            assert!(std::fs::metadata(&p).unwrap().len() > 1000);
        }
        let svg = std::fs::read_to_string(dir.path().join("compare.svg")).unwrap();
        assert!(svg.contains("Faster") && svg.contains("With a target"));
    }
}
