//! The timeline chart: a Gantt chart of the deterministic median schedule per pathway.
//!
//! Each pathway has a heading row (its title, its approval day in the median schedule as
//! a diamond with the date, and a whisker from P10 to P90 of review days over the Monte
//! Carlo run), then one row per stage: a bar from the stage's start to its end coloured
//! by who holds the clock, the part spent waiting for a gate date hatched, and a whisker
//! from P10 to P90 of the stage's end day. A stage that does not happen in the median
//! schedule (probability below one half) is a dashed outline of its median duration.
//!
//! A slide has room for about 22 stage rows at a legible size. When they do not fit,
//! the chart switches to one row per pathway showing the stages of the median
//! schedule's critical path end to end, and says so in its subtitle.
//!
//! Where everything goes (the rows, their heights, the label column, the legend, the
//! placing of names under a compact lane) is worked out as plain data in `layout`;
//! `rows` draws each kind of row from it.

mod layout;
mod rows;

use crate::lang::Msg;
use std::path::Path;

use anyhow::ensure;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::font::{ASCENT, DESCENT};
use super::style::{AXIS, AXIS_PX, BACKGROUND, GRID, HEIGHT, OUTER_MARGIN, TEXT, TICK_PX, WIDTH};
use super::{Canvas, DrawResult, ImageFormat, LegendGlyph, days, render_to_file};
use crate::engine::results::RunResults;
use crate::engine::schedule::PathwayTimes;
use crate::model::Model;

use layout::{HEADING_WEIGHT, MIN_ROW, label_width, last_day, legend_items, row_tops, rows_of};
use rows::{Geometry, draw_row_rules, draw_rows};

/// Gantt chart of the deterministic median schedule per pathway (`schedules[p]` is the
/// median pass of `model.pathways[p]`), with P10 to P90 whiskers from `results`, written
/// to `path` as a 1600x1000 image in `format`.
///
/// Fails if `schedules` or `results` do not match the model's pathways and stages, or
/// the file cannot be written.
pub fn render_timeline(
    model: &Model,
    schedules: &[PathwayTimes],
    results: &RunResults,
    format: ImageFormat,
    path: &Path,
) -> anyhow::Result<()> {
    check_shapes(model, schedules, results)?;
    let schedules = from_submission(schedules);
    render_to_file(
        format,
        path,
        model.lang,
        |canvas| draw(canvas, model, &schedules, results),
        |canvas| draw(canvas, model, &schedules, results),
    )
}

/// The schedules with their days counted from each application's own submission (the
/// chart's day 0), as `review_days` and the results' `end_day` are; `submitted_day`
/// still says when that was.
pub(crate) fn from_submission(schedules: &[PathwayTimes]) -> Vec<PathwayTimes> {
    schedules
        .iter()
        .map(|s| {
            let mut s = s.clone();
            let origin = s.submitted_day as f64;
            for t in &mut s.stages {
                t.start -= origin;
                t.work_end -= origin;
                t.end -= origin;
            }
            s
        })
        .collect()
}

fn check_shapes(
    model: &Model,
    schedules: &[PathwayTimes],
    results: &RunResults,
) -> anyhow::Result<()> {
    let n = model.pathways.len();
    ensure!(
        schedules.len() == n && results.pathways.len() == n,
        "the timeline needs one schedule and one result per pathway: the model has {n} \
         pathways, there are {} schedules and {} results",
        schedules.len(),
        results.pathways.len()
    );
    for ((p, s), r) in model.pathways.iter().zip(schedules).zip(&results.pathways) {
        ensure!(
            s.stages.len() == p.stages.len() && r.stages.len() == p.stages.len(),
            "pathway `{}` has {} stages, its schedule {} and its results {}",
            p.id,
            p.stages.len(),
            s.stages.len(),
            r.stages.len()
        );
    }
    Ok(())
}

fn draw<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    model: &Model,
    schedules: &[PathwayTimes],
    results: &RunResults,
) -> DrawResult<(), DB> {
    c.root.fill(&BACKGROUND)?;
    let lang = c.lang;
    let (title, title_end) = (model.title.as_str(), lang.text(Msg::MedianScheduleTitleEnd));
    let runs = super::iterations(lang, results.iterations);
    let whiskers = lang.fill(Msg::IterationsSeed, &[&runs, &results.seed]);
    let detailed_weight: f64 = model
        .pathways
        .iter()
        .map(|p| HEADING_WEIGHT + p.stages.len() as f64)
        .sum();

    let detailed_subtitle = lang.fill(Msg::TimelineDetailedSubtitle, &[&whiskers]);
    // One submission date for every row: the x axis shows calendar dates. Otherwise
    // (products ready on different days, evidence obtained first) each row counts days
    // from its own submission.
    let first = schedules.first().map_or(0, |s| s.submitted_day);
    let one_date = schedules.iter().all(|s| s.submitted_day == first);
    let x_max = last_day(model, schedules, results) * 1.04;
    let shaded = !super::dates::non_working_runs(model, first as i64, x_max).is_empty();
    let marked = !super::dates::gate_days(model, first as i64, x_max).is_empty();
    let compact_subtitle = lang.fill(Msg::TimelineCompactSubtitle, &[&whiskers]);
    let legend_items = |compact: bool| legend_items(lang, compact, one_date, shaded, marked);

    let bottom = HEIGHT as i32 - OUTER_MARGIN - ((ASCENT + DESCENT) * AXIS_PX) as i32 - 8 - 40;
    let rows_top = |subtitle: &str, items: &[(LegendGlyph, String)]| {
        super::legend_bottom(items, super::header_bottom(title, title_end, subtitle) + 18) + 18
    };
    let detailed_items = legend_items(false);
    let detailed = (bottom - rows_top(&detailed_subtitle, &detailed_items)) as f64
        / detailed_weight.max(1.0)
        >= MIN_ROW;
    let (subtitle, items) = if detailed {
        (detailed_subtitle, detailed_items)
    } else {
        (compact_subtitle, legend_items(true))
    };
    let below_header = c.header(title, title_end, &subtitle)?;
    let below_legend = c.legend(&items, below_header + 18)?;
    let top = below_legend + 18;

    let rows = rows_of(model, detailed);

    let label_w = label_width(model, detailed);
    let plot_left = OUTER_MARGIN + label_w + 18;
    let plot_right = WIDTH as i32 - OUTER_MARGIN - 12;

    let area = c.root.margin(
        top,
        HEIGHT as i32 - bottom - 40,
        plot_left,
        WIDTH as i32 - plot_right,
    );
    let mut chart = ChartBuilder::on(&area)
        .x_label_area_size(40)
        .build_cartesian_2d(0.0..x_max, 0.0..1.0)?;
    let (px, py) = chart.plotting_area().get_pixel_range();
    let tops = row_tops(&rows);
    let total = tops[rows.len()].max(1.0);
    let row_top = |i: usize| {
        py.start + (tops[i.min(rows.len())] / total * (py.end - py.start) as f64).round() as i32
    };
    let to_x = |d: f64| {
        px.start + (d.clamp(0.0, x_max) / x_max * (px.end - px.start) as f64).round() as i32
    };

    draw_row_rules(c, model, &rows, &row_top, px.end, detailed, label_w)?;
    let x_labels = ((px.end - px.start) / 110).max(2) as usize;
    let day_fmt = |v: &f64| days(*v);
    if one_date {
        super::dates::draw_calendar(
            c,
            model,
            first as i64,
            x_max,
            ((px.start, px.end), (py.start, py.end)),
            &to_x,
        )?;
    } else {
        chart
            .configure_mesh()
            .disable_y_mesh()
            .disable_y_axis()
            .light_line_style(TRANSPARENT)
            .bold_line_style(GRID)
            .axis_style(AXIS)
            .x_labels(x_labels)
            .x_label_formatter(&day_fmt)
            .label_style(c.metrics.font(TICK_PX).color(&TEXT))
            .draw()?;
    }
    draw_axis_caption(c, model, one_date.then_some(first), (px.start + px.end) / 2)?;

    let geometry = Geometry {
        to_x: &to_x,
        label_left: OUTER_MARGIN,
        label_w,
        plot: (px.start, px.end),
    };
    draw_rows(c, &geometry, model, schedules, results, &rows, &row_top)?;
    Ok(())
}

/// The x axis's caption, centred on `mid`: the submission date when every row shares
/// one (`first`, a day of the scenario), else what the days count from.
fn draw_axis_caption<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    model: &Model,
    first: Option<u32>,
    mid: i32,
) -> DrawResult<(), DB> {
    let caption = if let Some(first) = first {
        let date = c.lang.date(model.date_of(first as i64));
        c.lang.fill(Msg::DateSubmitted, &[&date])
    } else {
        c.lang.text(Msg::DaysAfterEachSubmission).to_string()
    };
    c.text(
        &caption,
        (
            mid,
            HEIGHT as i32 - OUTER_MARGIN - (DESCENT * AXIS_PX) as i32,
        ),
        AXIS_PX,
        TEXT,
        HPos::Center,
    )?;

    Ok(())
}

/// Draws the chart into any backend: the function the tests call with an in-memory
/// bitmap to look at the pixels.
#[cfg(test)]
pub(crate) fn draw_into<DB: DrawingBackend>(
    root: &DrawingArea<DB, plotters::coord::Shift>,
    metrics: super::font::TextMetrics,
    model: &Model,
    schedules: &[PathwayTimes],
    results: &RunResults,
) -> DrawResult<(), DB> {
    draw(
        &Canvas {
            root,
            metrics,
            lang: model.lang,
        },
        model,
        schedules,
        results,
    )
}
