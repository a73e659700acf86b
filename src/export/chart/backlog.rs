//! backlog.png/.svg: the agency over time. Left, the applications in review on the first
//! of every month (the median over replications, and the P10 to P90 band); right, each
//! pathway's 80th percentile of review days per year against its target. The baseline
//! and every variant, one colour each, so that "what if applications double" reads at a
//! glance.

use crate::lang::Msg;
use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::style::{
    AXIS, AXIS_PX, GRID, HEIGHT, OI_BLUE, OI_GREEN, OI_ORANGE, OI_PURPLE, OI_SKY_BLUE,
    OUTER_MARGIN, TARGET, TEXT, TEXT_MUTED, TICK_PX, WIDTH,
};
use super::{Canvas, DrawResult, ImageFormat, LegendGlyph, legend_bottom, render_to_file};
use crate::engine::queue::QueueResults;
use crate::model::Model;

/// Colours of the runs, baseline first (Okabe-Ito; vermillion is the target's).
const PALETTE: [RGBColor; 5] = [OI_BLUE, OI_ORANGE, OI_GREEN, OI_PURPLE, OI_SKY_BLUE];

/// One run of the chart: its legend text, model and queue figures.
pub struct BacklogRun<'a> {
    /// "baseline" or the variant's title.
    pub legend: String,
    /// The model simulated.
    pub model: &'a Model,
    /// Its queue figures.
    pub queue: &'a QueueResults,
}

/// Renders the chart of `runs` (baseline first) to `path`.
pub fn render_backlog(runs: &[BacklogRun], format: ImageFormat, path: &Path) -> anyhow::Result<()> {
    let base = &runs[0];
    let lang = base.model.lang;
    let subtitle = lang.fill(Msg::BacklogSubtitle, &[&base.queue.replications]);
    let title = &base.model.title;
    render_to_file(
        format,
        path,
        lang,
        |canvas| draw(canvas, title, &subtitle, runs),
        |canvas| draw(canvas, title, &subtitle, runs),
    )
}

/// A round step for an axis from 0 to `max` with at most about six ticks.
fn step_for(max: f64) -> f64 {
    let raw = (max / 6.0).max(1e-9);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
}

/// The top of an axis: `max` rounded up to its step (at least one step).
fn axis_top(max: f64) -> (f64, f64) {
    let step = step_for(max);
    (((max / step).ceil() * step).max(step), step)
}

struct Panel {
    left: i32,
    right: i32,
    top: i32,
    bottom: i32,
}

impl Panel {
    fn y(&self, v: f64, top: f64) -> i32 {
        self.bottom - (v / top * (self.bottom - self.top) as f64).round() as i32
    }
}

fn y_axis<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    p: &Panel,
    max: f64,
    label: &str,
) -> DrawResult<f64, DB> {
    let (top, step) = axis_top(max);
    let mut v = 0.0;
    while v <= top + step / 2.0 {
        let y = p.y(v, top);
        c.line(
            (p.left, y),
            (p.right, y),
            if v == 0.0 { AXIS } else { GRID },
            1,
        )?;
        c.text(
            &format!("{v}"),
            (p.left - 8, y + 8),
            TICK_PX,
            TEXT_MUTED,
            HPos::Right,
        )?;
        v += step;
    }
    c.text(label, (p.left, p.top - 16), AXIS_PX, TEXT, HPos::Left)?;
    Ok(top)
}

fn year_label(model: &Model, year: i32) -> String {
    match model.fiscal_year {
        Some(_) => model.lang.fiscal_year(year),
        None => year.to_string(),
    }
}

fn draw<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    title: &str,
    subtitle: &str,
    runs: &[BacklogRun],
) -> DrawResult<(), DB> {
    c.root.fill(&super::style::BACKGROUND)?;
    let top = c.header(title, "", subtitle)?;
    let base = &runs[0];
    let mut legend: Vec<(LegendGlyph, String)> = runs
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                LegendGlyph::Line(PALETTE[i % PALETTE.len()]),
                r.legend.clone(),
            )
        })
        .collect();
    let reported: Vec<usize> = (0..base.model.pathways.len())
        .filter(|&p| {
            base.model
                .agency
                .as_ref()
                .is_some_and(|a| a.arrivals[p].is_some())
        })
        .collect();
    // With several pathways, a marker per pathway (as the right panel draws them).
    if reported.len() > 1 {
        for (k, &p) in reported.iter().enumerate() {
            let glyph = match k % 3 {
                0 => LegendGlyph::Dot(TEXT),
                1 => LegendGlyph::Fill(TEXT),
                _ => LegendGlyph::Dot(TEXT_MUTED),
            };
            legend.push((glyph, base.model.pathways[p].title.clone()));
        }
    }
    if reported
        .iter()
        .any(|&p| base.model.pathways[p].target.is_some())
    {
        legend.push((
            LegendGlyph::Dashed(TARGET),
            c.lang.text(Msg::TargetLower).into(),
        ));
    }
    let legend_top = top + 16;
    c.legend(&legend, legend_top)?;
    let plot_top = legend_bottom(&legend, legend_top) + 64;
    let bottom = HEIGHT as i32 - OUTER_MARGIN - 60;
    let mid = WIDTH as i32 / 2;
    let left = Panel {
        left: OUTER_MARGIN + 70,
        right: mid - 40,
        top: plot_top,
        bottom,
    };
    let right = Panel {
        left: mid + 70,
        right: WIDTH as i32 - OUTER_MARGIN,
        top: plot_top,
        bottom,
    };
    draw_backlog(c, &left, runs)?;
    draw_p80(c, &right, runs, &reported)?;
    Ok(())
}

/// The fan of applications in review over time.
fn draw_backlog<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    p: &Panel,
    runs: &[BacklogRun],
) -> DrawResult<(), DB> {
    let q0 = runs[0].queue;
    let max = runs
        .iter()
        .flat_map(|r| r.queue.backlog.iter())
        .filter_map(|h| h.percentile(90.0))
        .fold(1.0, f64::max);
    let top = y_axis(c, p, max, c.lang.text(Msg::ApplicationsInReview))?;
    let (first, last) = (
        *q0.sample_days.first().unwrap_or(&0) as f64,
        *q0.sample_days.last().unwrap_or(&1) as f64,
    );
    let span = (last - first).max(1.0);
    let x = |day: u32| p.left + ((day as f64 - first) / span * (p.right - p.left) as f64) as i32;
    // At most about seven year labels, so that they never overlap.
    let every = q0.years.len().div_ceil(7).max(1);
    for (k, year) in q0.years.iter().enumerate() {
        let at = x(year.first_day);
        c.line((at, p.bottom), (at, p.bottom + 8), AXIS, 1)?;
        if k % every == 0 && at + 110 < p.right {
            let label = year_label(runs[0].model, year.year);
            c.text(
                &label,
                (at + 4, p.bottom + 34),
                TICK_PX,
                TEXT_MUTED,
                HPos::Left,
            )?;
        }
    }
    for (i, r) in runs.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        let q = r.queue;
        let pts = |pct: f64| -> Vec<(i32, i32)> {
            q.sample_days
                .iter()
                .zip(&q.backlog)
                .filter_map(|(&d, h)| h.percentile(pct).map(|v| (x(d), p.y(v, top))))
                .collect()
        };
        let (low, high, median) = (pts(10.0), pts(90.0), pts(50.0));
        let mut band = high.clone();
        band.extend(low.iter().rev());
        c.root.draw(&Polygon::new(band, color.mix(0.18).filled()))?;
        c.root
            .draw(&PathElement::new(median, color.stroke_width(3)))?;
    }
    Ok(())
}

/// Review days' P80 per year, per run and pathway, against the targets.
fn draw_p80<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    p: &Panel,
    runs: &[BacklogRun],
    reported: &[usize],
) -> DrawResult<(), DB> {
    let base = &runs[0];
    let p80 =
        |r: &BacklogRun, pw: usize, y: usize| r.queue.pathways[pw][y].review_days.percentile(80.0);
    let max = runs
        .iter()
        .flat_map(|r| {
            reported
                .iter()
                .flat_map(move |&pw| (0..r.queue.years.len()).filter_map(move |y| p80(r, pw, y)))
        })
        .chain(
            reported
                .iter()
                .filter_map(|&pw| base.model.pathways[pw].target.map(|t| t.days)),
        )
        .fold(1.0, f64::max);
    let top = y_axis(c, p, max, c.lang.text(Msg::ReviewDaysP80))?;
    let years = &base.queue.years;
    let n = years.len().max(1) as i32;
    let slot = (p.right - p.left) / n;
    let x = |y: usize| p.left + slot * y as i32 + slot / 2;
    let every = years.len().div_ceil(8).max(1);
    for (y, year) in years.iter().enumerate() {
        if y % every == 0 {
            let label = year_label(base.model, year.year);
            c.text(
                &label,
                (x(y), p.bottom + 34),
                TICK_PX,
                TEXT_MUTED,
                HPos::Center,
            )?;
        }
    }
    for &pw in reported {
        if let Some(t) = base.model.pathways[pw].target {
            let at = p.y(t.days, top);
            c.dashed((p.left, at), (p.right, at), TARGET, 2, (10, 6))?;
            let label = c
                .lang
                .fill(Msg::IdDays, &[&base.model.pathways[pw].id, &t.days]);
            c.text_on_box(
                &label,
                (p.right - 4, at - 8),
                TICK_PX,
                TARGET,
                HPos::Right,
                super::style::BACKGROUND.mix(0.85),
            )?;
        }
    }
    for (i, r) in runs.iter().enumerate() {
        let color = PALETTE[i % PALETTE.len()];
        for (k, &pw) in reported.iter().enumerate() {
            let pts: Vec<(i32, i32)> = (0..r.queue.years.len())
                .filter_map(|y| p80(r, pw, y).map(|v| (x(y), p.y(v, top))))
                .collect();
            c.root
                .draw(&PathElement::new(pts.clone(), color.stroke_width(3)))?;
            for &(px, py) in &pts {
                // A marker shape per pathway: circles, squares, diamonds.
                match k % 3 {
                    0 => c.root.draw(&Circle::new((px, py), 6, color.filled()))?,
                    1 => c.fill((px - 6, py - 6), (px + 6, py + 6), color)?,
                    _ => c.diamond((px, py), 8, color)?,
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_tops_are_round() {
        assert_eq!(axis_top(7.0), (8.0, 2.0));
        assert_eq!(axis_top(130.0), (150.0, 50.0));
        assert_eq!(axis_top(1000.0), (1000.0, 200.0));
    }
}
