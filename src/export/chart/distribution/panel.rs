//! One panel of the distribution chart, drawn in named steps: the title row and its
//! notes, the histogram bars with both axes, the target line, the S-curve, and the P50
//! and P80 marks placed clear of each other.

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::engine::stats::DayHistogram;
use crate::export::chart::font::{self, ASCENT, DESCENT};
use crate::export::chart::style::{
    AXIS, AXIS_PX, BACKGROUND, CUMULATIVE, GRID, HEADING_PX, HEIGHT, HISTOGRAM, MARKER, TARGET,
    TEXT, TEXT_MUTED, TICK_PX, WIDTH,
};
use crate::export::chart::{Canvas, DrawResult, days, thousands};
use crate::lang::Msg;
use crate::model::Target;

use super::{Panel, PanelLayout, X_BARE_AREA, X_TICKS_AREA, target_labels};

pub(super) fn draw_panel<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    p: &Panel<'_>,
    (x0, y0, x1, y1): (i32, i32, i32, i32),
    layout: PanelLayout,
) -> DrawResult<(), DB> {
    let (top, target_baseline) = draw_title_row(c, p, (x0, y0, x1), layout)?;

    let Some((lo, hi)) = p.hist.min().zip(p.hist.max()) else {
        c.text(
            c.lang.text(Msg::NoIterations),
            ((x0 + x1) / 2, (top + y1) / 2),
            AXIS_PX,
            TEXT_MUTED,
            HPos::Center,
        )?;
        return Ok(());
    };
    // Too small to draw a chart in (dozens of pathways): the title has to do.
    if y1 - top < 90 || x1 - x0 < 200 {
        return Ok(());
    }

    let bars = bars_of(p.hist, p.bin, lo, hi);
    let max_share = bars.iter().map(|b| b.2).fold(0.0, f64::max);
    let y_max = (max_share * 1.15).clamp(1.0, 115.0);
    let (xa, xb) = p.x;

    let area = c
        .root
        .margin(top, HEIGHT as i32 - y1, x0, WIDTH as i32 - x1);
    let x_area = if layout.x_ticks {
        X_TICKS_AREA
    } else {
        X_BARE_AREA
    };
    // About one label per 40 px of height: 0 %, 50 %, 100 % on a short panel.
    let y_labels = (((y1 - top - x_area) / 40) as usize).clamp(2, 6);
    let mut chart = ChartBuilder::on(&area)
        .x_label_area_size(x_area)
        .y_label_area_size(74)
        .right_y_label_area_size(74)
        .build_cartesian_2d(xa..xb, 0.0..y_max)?
        .set_secondary_coord(xa..xb, 0.0..100.0);
    let x_labels = ((x1 - x0 - 148) / 90).max(4) as usize;
    let share_fmt = |v: &f64| {
        if y_max < 5.0 {
            format!("{v:.1}%")
        } else {
            format!("{v:.0}%")
        }
    };
    let day_fmt = |v: &f64| {
        if layout.x_ticks {
            days(*v)
        } else {
            String::new()
        }
    };
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(AXIS)
        .x_labels(x_labels)
        .y_labels(y_labels)
        .x_label_formatter(&day_fmt)
        .y_label_formatter(&share_fmt)
        .label_style(c.metrics.font(TICK_PX).color(&TEXT))
        .draw()?;
    let pct_fmt = |v: &f64| format!("{v:.0}%");
    chart
        .configure_secondary_axes()
        .y_labels(y_labels)
        .y_label_formatter(&pct_fmt)
        .label_style(c.metrics.font(TICK_PX).color(&CUMULATIVE))
        .axis_style(AXIS)
        .draw()?;

    let (px, py) = chart.plotting_area().get_pixel_range();
    let to_x =
        |d: f64| px.start + ((d - xa) / (xb - xa) * (px.end - px.start) as f64).round() as i32;
    let to_y = |pct: f64| py.end - (pct / 100.0 * (py.end - py.start) as f64).round() as i32;

    chart.draw_series(
        bars.iter()
            .filter(|b| b.0 < xb && b.1 > xa)
            .map(|&(a, b, share)| {
                Rectangle::new([(a.max(xa), 0.0), (b.min(xb), share)], HISTOGRAM.filled())
            }),
    )?;

    if let Some(t) = p.target {
        draw_target(
            c,
            &t,
            p.achieved,
            (xa, xb),
            (&px, py.end),
            target_baseline,
            &to_x,
        )?;
    }

    // The S-curve through the percentiles, flat at 0 % before and 100 % after.
    let mut curve = vec![(xa, 0.0)];
    curve.extend((0..=400).filter_map(|i| {
        let q = i as f64 / 4.0;
        p.hist.percentile(q).map(|d| (d.clamp(xa, xb), q))
    }));
    curve.push((xb, 100.0));
    chart.draw_secondary_series(LineSeries::new(curve, CUMULATIVE.stroke_width(4)))?;

    draw_percentile_marks(c, p.hist, (xa, xb), &px, &to_x, &to_y)?;
    Ok(())
}

/// The title row: the pathway's title, and on the right the bin width (unless the
/// legend gives it) and the longest review when it is off the scale; notes give way to
/// the title. Returns where the plot starts and the baseline of the target's label.
fn draw_title_row<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    p: &Panel<'_>,
    (x0, y0, x1): (i32, i32, i32),
    layout: PanelLayout,
) -> DrawResult<(i32, i32), DB> {
    let title_baseline = y0 + (ASCENT * HEADING_PX) as i32;
    let mut notes = Vec::new();
    if !layout.bin_in_legend {
        notes.push(c.lang.fill(Msg::DayBins, &[&p.bin]));
    }
    if let Some(max) = p.hist.max().filter(|&m| m as f64 > p.x.1) {
        notes.push(c.lang.fill(Msg::LongestOffScale, &[&thousands(max as u64)]));
    }
    let title_w = font::text_width(p.title, HEADING_PX);
    while !notes.is_empty()
        && title_w + 24 + font::text_width(&notes.join(" · "), TICK_PX) > x1 - x0
    {
        notes.remove(0);
    }
    let note = notes.join(" · ");
    let note_w = font::text_width(&note, TICK_PX);
    c.text(
        &note,
        (x1, title_baseline),
        TICK_PX,
        TEXT_MUTED,
        HPos::Right,
    )?;
    let title = font::fit(p.title, HEADING_PX, x1 - x0 - note_w - 24);
    c.text(&title, (x0, title_baseline), HEADING_PX, TEXT, HPos::Left)?;
    let mut top = title_baseline + (DESCENT * HEADING_PX) as i32 + 6;
    let target_baseline = top + (ASCENT * TICK_PX) as i32;
    if layout.target_row {
        top = target_baseline + (DESCENT * TICK_PX) as i32 + 6;
    } else {
        // The top tick labels stand half above the plot: keep them off the notes.
        top += (0.6 * TICK_PX) as i32;
    }
    Ok((top, target_baseline))
}

/// The histogram's bars: (left, right, share of iterations in %) per bin of `bin`
/// days from the bin holding `lo` to the one holding `hi`, each bin centred on its
/// whole days.
fn bars_of(hist: &DayHistogram, bin: u32, lo: u32, hi: u32) -> Vec<(f64, f64, f64)> {
    let n = hist.count() as f64;
    let first = lo - lo % bin;
    (first..=hi)
        .step_by(bin as usize)
        .map(|b| {
            let count: u64 = (b..b.saturating_add(bin)).map(|d| hist.count_of(d)).sum();
            (
                b as f64 - 0.5,
                b.saturating_add(bin) as f64 - 0.5,
                count as f64 / n * 100.0,
            )
        })
        .collect()
}

/// The target: a dashed line up to its label above the plot, or the label alone with
/// an arrow when the target is off the x range.
fn draw_target<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    t: &Target,
    achieved: Option<f64>,
    (xa, xb): (f64, f64),
    (px, py_end): (&std::ops::Range<i32>, i32),
    target_baseline: i32,
    to_x: &dyn Fn(f64) -> i32,
) -> DrawResult<(), DB> {
    let labels = target_labels(c.lang, t, achieved);
    let width = px.end - px.start;
    let label = labels
        .iter()
        .find(|l| font::text_width(l, TICK_PX) <= width)
        .cloned()
        .unwrap_or_else(|| font::fit(labels.last().map_or("", |l| l), TICK_PX, width));
    let w = font::text_width(&label, TICK_PX);
    if t.days < xa {
        let label = font::fit(&format!("← {label}"), TICK_PX, width);
        c.text(
            &label,
            (px.start, target_baseline),
            TICK_PX,
            TARGET,
            HPos::Left,
        )?;
    } else if t.days > xb {
        let label = font::fit(&format!("{label} →"), TICK_PX, width);
        c.text(
            &label,
            (px.end, target_baseline),
            TICK_PX,
            TARGET,
            HPos::Right,
        )?;
    } else {
        let x = to_x(t.days);
        let left = (x - w / 2).clamp(px.start, (px.end - w).max(px.start));
        c.text(&label, (left, target_baseline), TICK_PX, TARGET, HPos::Left)?;
        let line_top = target_baseline + (DESCENT * TICK_PX) as i32 + 2;
        c.dashed((x, py_end), (x, line_top), TARGET, 3, (10, 6))?;
    }
    Ok(())
}

/// P50 and P80: dots on the curve, labelled on the side where the curve is not.
fn draw_percentile_marks<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    hist: &DayHistogram,
    (xa, xb): (f64, f64),
    px: &std::ops::Range<i32>,
    to_x: &dyn Fn(f64) -> i32,
    to_y: &dyn Fn(f64) -> i32,
) -> DrawResult<(), DB> {
    let mut taken: Vec<(i32, i32, i32, i32)> = Vec::new();
    for q in [50.0, 80.0] {
        let Some(d) = hist.percentile(q) else {
            continue;
        };
        let (x, y) = (to_x(d.clamp(xa, xb)), to_y(q));
        let label = c
            .lang
            .fill(Msg::PercentileDays, &[&format!("{q:.0}"), &days(d)]);
        let w = font::text_width(&label, TICK_PX);
        let baseline = y + (0.35 * TICK_PX) as i32;
        // Left of the dot the curve is lower, right of it higher: left is clear of it.
        let place = |left: bool| {
            if left {
                (x - 14, HPos::Right, x - 14 - w - 5)
            } else {
                (x + 14, HPos::Left, x + 9)
            }
        };
        // Left unless only the right has room (or more of it, when neither has enough).
        let fits_left =
            x - 14 - w - 5 >= px.start || (x + 14 + w + 5 > px.end && x - px.start > px.end - x);
        let (top, bottom) = (
            baseline - (ASCENT * TICK_PX) as i32 - 2,
            baseline + (DESCENT * TICK_PX) as i32 + 2,
        );
        let clashes = |left_edge: i32| {
            taken
                .iter()
                .any(|b| left_edge < b.2 && b.0 < left_edge + w + 10 && top < b.3 && b.1 < bottom)
        };
        let (mut ax, mut h, left_edge) = place(fits_left);
        if clashes(left_edge) {
            (ax, h, _) = place(!fits_left);
        }
        c.root.draw(&Circle::new((x, y), 8, BACKGROUND.filled()))?;
        c.root.draw(&Circle::new((x, y), 6, MARKER.filled()))?;
        let bg = BACKGROUND.mix(0.85);
        taken.push(c.text_on_box(&label, (ax, baseline), TICK_PX, TEXT, h, bg)?);
    }
    Ok(())
}
