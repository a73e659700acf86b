//! The fit chart of `regsim fit`: per pathway, the Kaplan-Meier estimate of the share
//! approved by day (a black step line, its 95% log-log band shaded grey) and each fitted
//! distribution's CDF over it, in a colour per family; the legend gives each fit's AIC.
//!
//! The curve stops at the last observed duration: beyond it the data say nothing, and
//! a fitted curve that runs on is the family's extrapolation.

use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::font::{ASCENT, DESCENT};
use super::style::{
    AXIS, BACKGROUND, GRID, HEADING_PX, HEIGHT, OI_BLACK, OI_BLUE, OI_GREEN, OI_ORANGE, OI_PURPLE,
    OI_VERMILLION, OUTER_MARGIN, TEXT, TEXT_MUTED, TICK_PX, WIDTH,
};
use super::{Canvas, DrawResult, ImageFormat, LegendGlyph, days, render_to_file};
use crate::stats::fit::{Family, FittedPathway};

/// At most this many pathways in the chart (fit.csv has them all).
pub const MAX_PANELS: usize = 4;

/// What the fit chart shows.
#[derive(Debug, Clone)]
pub struct FitChart<'a> {
    pub title: String,
    pub subtitle: String,
    /// The x axis' caption (which clock).
    pub x_label: String,
    pub pathways: &'a [FittedPathway],
}

/// Draws the chart to `path` in `format`.
pub fn render_fit(chart: &FitChart, format: ImageFormat, path: &Path) -> anyhow::Result<()> {
    render_to_file(
        format,
        path,
        crate::lang::Lang::En,
        |canvas| draw(canvas, chart),
        |canvas| draw(canvas, chart),
    )
}

/// The colour of a family's curve.
pub fn colour(family: Family) -> RGBColor {
    match family {
        Family::Lognormal => OI_VERMILLION,
        Family::Gamma => OI_BLUE,
        Family::Weibull => OI_GREEN,
        Family::Exponential => OI_PURPLE,
        Family::Empirical => OI_ORANGE,
    }
}

const BAND: RGBColor = RGBColor(200, 200, 200);

fn glyph(family: Family) -> LegendGlyph {
    match family {
        Family::Empirical => LegendGlyph::Dashed(colour(family)),
        _ => LegendGlyph::Line(colour(family)),
    }
}

/// A fit's legend label: its family and AIC, "best" on the first.
fn label(p: &FittedPathway, i: usize) -> String {
    let f = &p.fits[i];
    match f.aic {
        Some(aic) if i == 0 => format!("{}, AIC {aic:.1} (best)", f.family.name()),
        Some(aic) => format!("{}, AIC {aic:.1}", f.family.name()),
        None => format!("{} (no AIC)", f.family.name()),
    }
}

fn draw<DB: DrawingBackend>(c: &Canvas<'_, DB>, chart: &FitChart) -> DrawResult<(), DB> {
    c.root.fill(&BACKGROUND)?;
    let below_header = c.header(&chart.title, "", &chart.subtitle)?;
    let mut legend = vec![
        (
            LegendGlyph::Line(OI_BLACK),
            "Kaplan-Meier (observed)".to_string(),
        ),
        (LegendGlyph::Fill(BAND), "its 95% band".to_string()),
    ];
    let panels = &chart.pathways[..chart.pathways.len().min(MAX_PANELS)];
    if let [only] = panels {
        legend.extend((0..only.fits.len()).map(|i| (glyph(only.fits[i].family), label(only, i))));
    } else {
        let mut families: Vec<Family> = panels
            .iter()
            .flat_map(|p| p.fits.iter().map(|f| f.family))
            .collect();
        families.sort();
        families.dedup();
        legend.extend(
            families
                .into_iter()
                .map(|f| (glyph(f), f.name().to_string())),
        );
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
    let top = below_legend + 26;
    let bottom = caption_baseline - (ASCENT * TICK_PX) as i32 - 10;
    let n = panels.len().max(1) as i32;
    let gap = 18;
    let row_h = (bottom - top - gap * (n - 1)) / n;
    for (i, p) in panels.iter().enumerate() {
        let y0 = top + i as i32 * (row_h + gap);
        draw_panel(c, p, panels.len() > 1, (y0, y0 + row_h))?;
    }
    Ok(())
}

/// The days shown: to the last observed duration or the best fit's P90, whichever is
/// later, padded.
fn x_max(p: &FittedPathway) -> f64 {
    let last = p.sample.km.steps.last().map_or(1.0, |s| s.time);
    let p90 = p.best().map_or(0.0, |f| f.p90);
    (last.max(p90) * 1.05).max(1.0)
}

fn draw_panel<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    p: &FittedPathway,
    several: bool,
    (y0, y1): (i32, i32),
) -> DrawResult<(), DB> {
    let (x0, x1) = (OUTER_MARGIN, WIDTH as i32 - OUTER_MARGIN);
    let s = &p.sample;
    let title = format!(
        "{}: {} applications, {} pending",
        p.pathway,
        super::thousands(s.durations.len() as u64),
        super::thousands(s.pending as u64)
    );
    let title_baseline = y0 + (ASCENT * HEADING_PX) as i32;
    c.text(&title, (x0, title_baseline), HEADING_PX, TEXT, HPos::Left)?;
    let plot_top = title_baseline + (DESCENT * HEADING_PX) as i32 + 8 + (0.6 * TICK_PX) as i32;
    if y1 - plot_top < 60 {
        return Ok(());
    }
    let xb = x_max(p);
    let area = c
        .root
        .margin(plot_top, HEIGHT as i32 - y1, x0, WIDTH as i32 - x1);
    let y_labels = (((y1 - plot_top - 36) / 40) as usize).clamp(2, 6);
    let mut ch = ChartBuilder::on(&area)
        .x_label_area_size(36)
        .y_label_area_size(80)
        .build_cartesian_2d(0.0..xb, 0.0..100.0)?;
    ch.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .x_labels(10)
        .y_labels(y_labels)
        .x_label_formatter(&|v: &f64| days(*v))
        .y_label_formatter(&|v: &f64| format!("{v:.0}%"))
        .label_style(c.metrics.font(TICK_PX).color(&TEXT))
        .draw()?;
    // The band: one box per interval between steps, at the step's band.
    let steps = &s.km.steps;
    for (a, b) in steps.iter().zip(steps.iter().skip(1)) {
        let (lo, hi) = (100.0 * (1.0 - a.upper), 100.0 * (1.0 - a.lower));
        if hi > lo {
            ch.draw_series([Rectangle::new([(a.time, lo), (b.time, hi)], BAND.filled())])?;
        }
    }
    // The fits, worst first so that the best is drawn on top.
    for f in p.fits.iter().rev() {
        let colour = colour(f.family);
        if f.family == Family::Empirical {
            let pts = step_points(f.params.quantile(0.0), xb, |t| f.params.cdf(t), &f.params);
            ch.draw_series(DashedLineSeries::new(pts, 10, 6, colour.stroke_width(3)))?;
        } else {
            let pts: Vec<(f64, f64)> = (0..=400)
                .map(|k| {
                    let t = xb * k as f64 / 400.0;
                    (t, 100.0 * f.params.cdf(t))
                })
                .collect();
            ch.draw_series(LineSeries::new(pts, colour.stroke_width(3)))?;
        }
    }
    // The Kaplan-Meier step line, on top.
    let mut pts = vec![(0.0, 0.0)];
    let mut before = 0.0;
    for st in steps {
        let after = 100.0 * (1.0 - st.survival);
        pts.push((st.time, before));
        pts.push((st.time, after));
        before = after;
    }
    ch.draw_series(LineSeries::new(pts, OI_BLACK.stroke_width(4)))?;
    if several {
        fit_key(c, p, (x1 - 16, y1 - 36 - 16))?;
    }
    Ok(())
}

/// Each fit's sample line and label (family and AIC, best first), right-aligned to
/// `right` and ending at `bottom`, on a white box: the lower right of a CDF plot, where
/// the curves seldom are.
fn fit_key<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    p: &FittedPathway,
    (right, bottom): (i32, i32),
) -> DrawResult<(), DB> {
    let line_h = (1.4 * TICK_PX) as i32;
    let labels: Vec<String> = (0..p.fits.len()).map(|i| label(p, i)).collect();
    let widest = labels
        .iter()
        .map(|l| super::font::text_width(l, TICK_PX))
        .max()
        .unwrap_or(0);
    let sample = 32;
    let left = right - widest - sample - 10;
    let top = bottom - line_h * labels.len() as i32;
    c.fill(
        (left - 8, top - 4),
        (right + 8, bottom + 4),
        BACKGROUND.mix(0.9),
    )?;
    for (i, (f, l)) in p.fits.iter().zip(&labels).enumerate() {
        let baseline = top + (i as i32 + 1) * line_h - (DESCENT * TICK_PX) as i32 - 4;
        let mid = baseline - (0.35 * TICK_PX) as i32;
        let colour = colour(f.family);
        if f.family == Family::Empirical {
            c.dashed((left, mid), (left + sample, mid), colour, 3, (8, 5))?;
        } else {
            c.line((left, mid), (left + sample, mid), colour, 4)?;
        }
        c.text(l, (left + sample + 10, baseline), TICK_PX, TEXT, HPos::Left)?;
    }
    Ok(())
}

/// The empirical CDF as a step line from `from` to `to`.
fn step_points(
    from: f64,
    to: f64,
    cdf: impl Fn(f64) -> f64,
    params: &crate::stats::fit::Params,
) -> Vec<(f64, f64)> {
    let mut pts = vec![(0.0, 0.0)];
    if let crate::stats::fit::Params::Empirical { values } = params {
        let mut before = 0.0;
        let mut last = f64::NAN;
        for &v in values {
            if v == last {
                continue;
            }
            last = v;
            let after = 100.0 * cdf(v);
            pts.push((v, before));
            pts.push((v, after));
            before = after;
        }
        pts.push((to.max(from), before));
    }
    pts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::observed::Duration;
    use crate::stats::fit::Sample;

    #[test]
    fn draws_one_and_several_pathways_in_both_formats() {
        let d = |days: f64, approved| Duration { days, approved };
        let g3 = Sample::new(&crate::stats::g3_control());
        let one = vec![FittedPathway::new("control", g3.clone(), &Family::ALL)];
        let pending_only = Sample::new(&[d(5.0, false)]);
        let several = vec![
            one[0].clone(),
            FittedPathway::new("none approved", pending_only, &Family::ALL),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (i, pathways) in [one, several].iter().enumerate() {
            let chart = FitChart {
                title: "Fitted review times".into(),
                subtitle: "g3".into(),
                x_label: "days".into(),
                pathways,
            };
            for format in [ImageFormat::Png, ImageFormat::Svg] {
                let p = dir.path().join(format!("fit{i}.{}", format.extension()));
                render_fit(&chart, format, &p).unwrap();
                assert!(std::fs::metadata(&p).unwrap().len() > 1000);
            }
        }
    }
}
