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

use std::path::Path;

use anyhow::ensure;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::font::{self, ASCENT, DESCENT};
use super::style::{
    APPLICANT, AXIS, AXIS_PX, BACKGROUND, BAND, GRID, HEADING_PX, HEIGHT, MARKER, NOT_RUN,
    OUTER_MARGIN, REGULATOR, TEXT, TEXT_MUTED, TICK_PX, WIDTH, text_on, tint,
};
use super::{Canvas, DrawResult, ImageFormat, LegendGlyph, days, render_to_file};
use crate::engine::results::{PathwayResults, RunResults};
use crate::engine::schedule::{PathwayTimes, StageTimes};
use crate::model::{Clock, Model, Pathway, Stage};

/// Smallest stage row height, in pixels, at which every stage gets its own row.
const MIN_ROW: f64 = 29.0;
/// Height of a pathway's heading row, in stage rows.
const HEADING_WEIGHT: f64 = 1.35;
/// Height of a row of stage names under a compact lane.
const NAME_ROW: i32 = 27;

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
        |root, metrics| draw(&Canvas { root, metrics }, model, &schedules, results),
        |root, metrics| draw(&Canvas { root, metrics }, model, &schedules, results),
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

/// One row of the chart.
#[derive(Debug, Clone, Copy)]
enum Row {
    /// A pathway's title and approval.
    Heading(usize),
    /// One stage of a pathway.
    Stage(usize, usize),
    /// A pathway on one row: its critical path end to end (compact layout).
    Lane(usize),
}

/// The label of a stage row: its title, with its probability when below one.
fn stage_label(stage: &Stage) -> String {
    if stage.probability < 1.0 {
        format!("{} ({:.0}%)", stage.title, stage.probability * 100.0)
    } else {
        stage.title.clone()
    }
}

/// The colour of a clock owner.
fn owner_color(clock: Clock) -> RGBColor {
    match clock {
        Clock::Regulator => REGULATOR,
        Clock::Applicant => APPLICANT,
    }
}

/// Where a stage's bar runs: (start, end of work, end), in days; the part after the
/// work is the wait for a gate date.
fn bar_days(t: &StageTimes) -> (f64, f64, f64) {
    (t.start, t.work_end, t.end)
}

/// The last day the chart must show.
fn last_day(model: &Model, schedules: &[PathwayTimes], results: &RunResults) -> f64 {
    let mut last = 0.0f64;
    for ((p, s), r) in model.pathways.iter().zip(schedules).zip(&results.pathways) {
        last = last.max(s.review_days as f64);
        last = last.max(r.review_days.percentile(90.0).unwrap_or(0.0));
        for ((stage, t), sr) in p.stages.iter().zip(&s.stages).zip(&r.stages) {
            last = last.max(t.end);
            last = last.max(sr.end_day.percentile(90.0).unwrap_or(0.0));
            if !t.ran {
                let d = stage.duration.as_ref().map_or(0.0, |d| d.median());
                last = last.max(t.start + d);
            }
        }
    }
    if last.is_finite() && last > 0.0 {
        last
    } else {
        10.0
    }
}

fn draw<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    model: &Model,
    schedules: &[PathwayTimes],
    results: &RunResults,
) -> DrawResult<(), DB> {
    c.root.fill(&BACKGROUND)?;
    let (title, title_end) = (model.title.as_str(), " — median schedule");
    let whiskers = format!(
        "{} (seed {})",
        super::iterations(results.iterations),
        results.seed
    );
    let detailed_weight: f64 = model
        .pathways
        .iter()
        .map(|p| HEADING_WEIGHT + p.stages.len() as f64)
        .sum();

    let detailed_subtitle =
        format!("Every duration at its median. Whiskers: P10 to P90 over {whiskers}.");
    // One submission date for every row: the x axis shows calendar dates. Otherwise
    // (products ready on different days, evidence obtained first) each row counts days
    // from its own submission.
    let first = schedules.first().map_or(0, |s| s.submitted_day);
    let one_date = schedules.iter().all(|s| s.submitted_day == first);
    let x_max = last_day(model, schedules, results) * 1.04;
    let shaded = !super::dates::non_working_runs(model, first as i64, x_max).is_empty();
    let marked = !super::dates::gate_days(model, first as i64, x_max).is_empty();
    let compact_subtitle = format!(
        "Critical path at median durations (too many stages for a row each). \
         Whiskers: P10 to P90 over {whiskers}."
    );
    let legend_items = |compact: bool| {
        let mut items = vec![
            (LegendGlyph::Fill(REGULATOR), "Regulator".to_string()),
            (
                LegendGlyph::Fill(APPLICANT),
                "Applicant (clock stop)".to_string(),
            ),
            (
                LegendGlyph::Hatch(AXIS, tint(AXIS, 0.8)),
                "Gate wait".to_string(),
            ),
        ];
        if !compact {
            items.push((
                LegendGlyph::Outline(NOT_RUN),
                "Not in median schedule".to_string(),
            ));
        }
        items.push((
            LegendGlyph::Whisker(MARKER),
            if compact {
                "P10–P90 of approval".to_string()
            } else {
                "P10–P90 of end day".to_string()
            },
        ));
        items.push((LegendGlyph::Diamond(MARKER), "Approval".to_string()));
        if one_date && shaded {
            items.push((
                LegendGlyph::Fill(super::dates::NON_WORKING),
                "Days off, 3+ in a row".to_string(),
            ));
        }
        if one_date && marked {
            items.push((
                LegendGlyph::Dashed(super::dates::GATE_MARK),
                "Gate dates".to_string(),
            ));
        }
        items
    };

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

    let rows: Vec<Row> = model
        .pathways
        .iter()
        .enumerate()
        .flat_map(|(p, pathway)| {
            if detailed {
                std::iter::once(Row::Heading(p))
                    .chain((0..pathway.stages.len()).map(move |s| Row::Stage(p, s)))
                    .collect::<Vec<_>>()
            } else {
                vec![Row::Lane(p)]
            }
        })
        .collect();

    // The label column: as wide as the longest label, within limits.
    let label_w = if detailed {
        model
            .pathways
            .iter()
            .flat_map(|p| &p.stages)
            .map(|s| font::text_width(&stage_label(s), TICK_PX) + 24)
            .max()
            .unwrap_or(0)
    } else {
        model
            .pathways
            .iter()
            .map(|p| font::text_width(&p.title, HEADING_PX))
            .max()
            .unwrap_or(0)
    }
    .clamp(200, 520);
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
    let weight = |row: &Row| match row {
        Row::Heading(_) => HEADING_WEIGHT,
        Row::Stage(..) | Row::Lane(_) => 1.0,
    };
    let total: f64 = rows.iter().map(weight).sum::<f64>().max(1.0);
    let mut tops = vec![0.0f64];
    for row in &rows {
        tops.push(tops[tops.len() - 1] + weight(row));
    }
    let row_top = |i: usize| {
        py.start + (tops[i.min(rows.len())] / total * (py.end - py.start) as f64).round() as i32
    };
    let to_x = |d: f64| {
        px.start + (d.clamp(0.0, x_max) / x_max * (px.end - px.start) as f64).round() as i32
    };

    // Heading bands under the grid lines.
    for (i, row) in rows.iter().enumerate() {
        if matches!(row, Row::Heading(_)) || (matches!(row, Row::Lane(_)) && i % 2 == 1) {
            c.fill((OUTER_MARGIN, row_top(i)), (px.end, row_top(i + 1)), BAND)?;
        }
    }
    // Stage names on two lines need a rule between rows to show which bar they name.
    let stage_h = row_top(1) - row_top(0);
    let wrapped = detailed
        && lines_in((stage_h as f64 / HEADING_WEIGHT) as i32, TICK_PX) == 2
        && model
            .pathways
            .iter()
            .flat_map(|p| &p.stages)
            .any(|s| font::text_width(&stage_label(s), TICK_PX) > label_w - 24);
    if wrapped {
        for (i, pair) in rows.windows(2).enumerate() {
            if let [Row::Stage(..), Row::Stage(..)] = pair {
                let y = row_top(i + 1);
                c.line((OUTER_MARGIN + 20, y), (px.end, y), GRID, 1)?;
            }
        }
    }
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
    let caption = if one_date {
        format!("Date (submitted {})", model.date_of(first as i64))
    } else {
        "Days after each application's submission".to_string()
    };
    c.text(
        &caption,
        (
            (px.start + px.end) / 2,
            HEIGHT as i32 - OUTER_MARGIN - (DESCENT * AXIS_PX) as i32,
        ),
        AXIS_PX,
        TEXT,
        HPos::Center,
    )?;

    let geometry = Geometry {
        to_x: &to_x,
        label_left: OUTER_MARGIN,
        label_w,
        plot: (px.start, px.end),
    };
    for (i, row) in rows.iter().enumerate() {
        let (y0, y1) = (row_top(i), row_top(i + 1));
        match *row {
            Row::Heading(p) => draw_heading(
                c,
                &geometry,
                model,
                p,
                &schedules[p],
                &results.pathways[p],
                (y0, y1),
            )?,
            Row::Stage(p, s) => {
                let pathway = &model.pathways[p];
                draw_stage(
                    c,
                    &geometry,
                    pathway,
                    s,
                    &schedules[p],
                    &results.pathways[p],
                    (y0, y1),
                )?
            }
            Row::Lane(p) => draw_lane(
                c,
                &geometry,
                model,
                p,
                &schedules[p],
                &results.pathways[p],
                (y0, y1),
            )?,
        }
    }
    Ok(())
}

/// Where things go horizontally.
struct Geometry<'a> {
    to_x: &'a dyn Fn(f64) -> i32,
    label_left: i32,
    label_w: i32,
    plot: (i32, i32),
}

/// Draws `text` in the label column from `x`, centred on `mid`: on one line at `size`,
/// else on up to `max_lines` lines, else cut.
#[allow(clippy::too_many_arguments)]
fn draw_label<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    text: &str,
    x: i32,
    mid: i32,
    size: f64,
    max_w: i32,
    max_lines: usize,
    color: RGBColor,
) -> DrawResult<(), DB> {
    let lines = font::wrap(text, size, max_w, max_lines.max(1));
    let line_h = (1.1 * size) as i32;
    let first = mid - line_h * (lines.len() as i32 - 1) / 2;
    for (k, line) in lines.iter().enumerate() {
        let baseline = centred_baseline(first + k as i32 * line_h, size);
        c.text(line, (x, baseline), size, color, HPos::Left)?;
    }
    Ok(())
}

/// How many lines of `size` fit in a row `h` pixels high (at most two).
fn lines_in(h: i32, size: f64) -> usize {
    if h as f64 >= 2.25 * size { 2 } else { 1 }
}

/// The baseline that centres a line of text of `size` on `mid`.
fn centred_baseline(mid: i32, size: f64) -> i32 {
    mid + (0.36 * size) as i32
}

/// The approval marker, its whisker and its date, centred on `mid`; returns the left
/// edge of what it drew, so that a title can stop before it.
fn draw_approval<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    g: &Geometry<'_>,
    model: &Model,
    schedule: &PathwayTimes,
    result: &PathwayResults,
    mid: i32,
    half: i32,
) -> DrawResult<i32, DB> {
    let day = schedule.review_days as f64;
    let x = (g.to_x)(day);
    let (mut left, mut right) = (x - 12, x + 12);
    if let (Some(p10), Some(p90)) = (
        result.review_days.percentile(10.0),
        result.review_days.percentile(90.0),
    ) {
        let (a, b) = ((g.to_x)(p10), (g.to_x)(p90));
        c.whisker(a, b, mid, half, MARKER)?;
        left = left.min(a);
        right = right.max(b);
    }
    c.diamond((x, mid), (half + 3).clamp(8, 14), MARKER)?;
    let baseline = centred_baseline(mid, TICK_PX);
    let (text, at, h) = place_approval_text(g, model, schedule, (left, right), g.label_left + 160);
    c.text(&text, (at, baseline), TICK_PX, TEXT, h)?;
    let w = font::text_width(&text, TICK_PX);
    Ok(if matches!(h, HPos::Left) {
        left
    } else {
        at - w
    })
}

/// Where the approval date goes beside a marker spanning `left..right` pixels: after it
/// or before it inside the plot, in full ("approval 2025-03-31 (day 364)") or as the
/// date alone; failing those, before it reaching left as far as `limit` (into the label
/// column of a heading row). Returns (text, x, alignment).
fn place_approval_text(
    g: &Geometry<'_>,
    model: &Model,
    schedule: &PathwayTimes,
    (left, right): (i32, i32),
    limit: i32,
) -> (String, i32, HPos) {
    let date = model.date_of(schedule.submitted_day as i64 + schedule.review_days as i64);
    let long = format!("approval {date} (day {})", schedule.review_days);
    let short = date.to_string();
    for text in [&long, &short] {
        let w = font::text_width(text, TICK_PX);
        if right + 14 + w <= g.plot.1 {
            return (text.clone(), right + 14, HPos::Left);
        }
        if left - 20 - w >= g.plot.0 {
            return (text.clone(), left - 20, HPos::Right);
        }
    }
    for text in [&long, &short] {
        if left - 20 - font::text_width(text, TICK_PX) >= limit {
            return (text.clone(), left - 20, HPos::Right);
        }
    }
    let w = font::text_width(&short, TICK_PX);
    (short, (left - 20).max(limit.min(g.plot.0) + w), HPos::Right)
}

fn draw_heading<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    g: &Geometry<'_>,
    model: &Model,
    p: usize,
    schedule: &PathwayTimes,
    result: &PathwayResults,
    (y0, y1): (i32, i32),
) -> DrawResult<(), DB> {
    let mid = (y0 + y1) / 2;
    let half = ((y1 - y0) / 3).max(4);
    let left = draw_approval(c, g, model, schedule, result, mid, half)?;
    // The title runs up to the approval marker: smaller, then on two lines, before it
    // is cut.
    let room = left - 20 - g.label_left - 4;
    let title = &model.pathways[p].title;
    let size = if font::text_width(title, HEADING_PX) <= room {
        HEADING_PX
    } else {
        TICK_PX
    };
    let lines = lines_in(y1 - y0, size);
    draw_label(c, title, g.label_left + 4, mid, size, room, lines, TEXT)
}

#[allow(clippy::too_many_arguments)]
fn draw_stage<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    g: &Geometry<'_>,
    pathway: &Pathway,
    s: usize,
    schedule: &PathwayTimes,
    result: &PathwayResults,
    (y0, y1): (i32, i32),
) -> DrawResult<(), DB> {
    let stage = &pathway.stages[s];
    let t = &schedule.stages[s];
    let mid = (y0 + y1) / 2;
    let half_bar = ((y1 - y0) as f64 * 0.32).round() as i32;
    let color = if t.ran { TEXT } else { TEXT_MUTED };
    let label = stage_label(stage);
    let lines = lines_in(y1 - y0, TICK_PX);
    draw_label(
        c,
        &label,
        g.label_left + 24,
        mid,
        TICK_PX,
        g.label_w - 24,
        lines,
        color,
    )?;

    let (top, bottom) = (mid - half_bar, mid + half_bar);
    if t.ran {
        let days = bar_days(t);
        draw_bar(c, g, stage, days, (top, bottom), None)?;
    } else {
        let d = stage.duration.as_ref().map_or(0.0, |d| d.median());
        let a = (g.to_x)(t.start);
        let b = (g.to_x)(t.start + d).max(a + 6);
        c.dashed_box((a, top), (b, bottom), NOT_RUN)?;
    }
    let end_day = &result.stages[s].end_day;
    if let (Some(p10), Some(p90)) = (end_day.percentile(10.0), end_day.percentile(90.0)) {
        c.whisker((g.to_x)(p10), (g.to_x)(p90), mid, half_bar - 2, MARKER)?;
    }
    Ok(())
}

/// A stage's bar between `top` and `bottom`: work in the owner's colour, the gate wait
/// hatched; with `label`, the stage's name inside when it fits.
fn draw_bar<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    g: &Geometry<'_>,
    stage: &Stage,
    (start, work, end): (f64, f64, f64),
    (top, bottom): (i32, i32),
    label: Option<&str>,
) -> DrawResult<bool, DB> {
    let color = owner_color(stage.clock);
    let (a, w, b) = ((g.to_x)(start), (g.to_x)(work), (g.to_x)(end));
    // Zero-length stages still show as a sliver.
    let w = if b - a < 4 { a + 4 } else { w };
    if w > a {
        c.fill((a, top), (w, bottom), color)?;
    }
    if b > w {
        c.hatch((w, top), (b, bottom), color, tint(color, 0.78))?;
    }
    if let Some(label) = label
        && w - a >= font::text_width(label, TICK_PX) + 12
        && bottom - top >= (TICK_PX * 1.05) as i32
    {
        let mid = (top + bottom) / 2;
        c.text(
            label,
            ((a + w) / 2, centred_baseline(mid, TICK_PX)),
            TICK_PX,
            text_on(color),
            HPos::Center,
        )?;
        return Ok(true);
    }
    Ok(false)
}

fn draw_lane<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    g: &Geometry<'_>,
    model: &Model,
    p: usize,
    schedule: &PathwayTimes,
    result: &PathwayResults,
    (y0, y1): (i32, i32),
) -> DrawResult<(), DB> {
    let pathway = &model.pathways[p];
    let h = y1 - y0;
    // The pathway's title, on two lines when the row is tall enough.
    let size = if h >= 40 { HEADING_PX } else { TICK_PX };
    let lines = lines_in(h, size);
    draw_label(
        c,
        &pathway.title,
        g.label_left + 4,
        (y0 + y1) / 2,
        size,
        g.label_w,
        lines,
        TEXT,
    )?;

    // From the top: the approval whisker, the bar, then rows of stage names that do not
    // fit inside their bar.
    const WHISKER_ZONE: i32 = 26;
    let bar_h = ((h as f64 * 0.28) as i32).clamp(14, 36);
    let name_rows = ((h - 12 - WHISKER_ZONE - bar_h - 6) / NAME_ROW).clamp(0, 5);
    let block = WHISKER_ZONE + bar_h + 6 + name_rows * NAME_ROW;
    let whisker_y = (y0 + y1) / 2 - block / 2 + WHISKER_ZONE / 2;
    let top = whisker_y + WHISKER_ZONE / 2;
    let bottom = top + bar_h;

    let mut critical: Vec<(usize, &StageTimes)> = schedule
        .stages
        .iter()
        .enumerate()
        .filter(|(_, t)| t.ran && t.critical)
        .collect();
    critical.sort_by(|a, b| a.1.start.total_cmp(&b.1.start));
    let mut outside = Vec::new();
    for &(s, t) in &critical {
        let stage = &pathway.stages[s];
        let days = bar_days(t);
        let inside = draw_bar(c, g, stage, days, (top, bottom), Some(&stage.title))?;
        // A white seam between consecutive stages.
        let a = (g.to_x)(t.start);
        c.line((a, top), (a, bottom), BACKGROUND, 2)?;
        if !inside {
            let (start, _, end) = days;
            let mid = ((g.to_x)(start) + (g.to_x)(end)) / 2;
            outside.push((
                stage.title.as_str(),
                mid,
                font::text_width(&stage.title, TICK_PX),
            ));
        }
    }
    let spans: Vec<(i32, i32)> = outside.iter().map(|&(_, mid, w)| (mid, w)).collect();
    let places = place_names(&spans, name_rows, g.plot);
    for (&(name, mid, _), place) in outside.iter().zip(places) {
        if let Some((left, row)) = place {
            let baseline = bottom + 6 + row * NAME_ROW + (ASCENT * TICK_PX) as i32 + 2;
            let leader_end = baseline - (ASCENT * TICK_PX) as i32;
            c.line((mid, bottom + 1), (mid, leader_end), AXIS, 1)?;
            c.text(name, (left, baseline), TICK_PX, TEXT, HPos::Left)?;
        }
    }

    // Approval: the whisker above the bar, the diamond at the bar's end.
    let day = schedule.review_days as f64;
    let x = (g.to_x)(day);
    let (mut left, mut right) = (x, x);
    if let (Some(p10), Some(p90)) = (
        result.review_days.percentile(10.0),
        result.review_days.percentile(90.0),
    ) {
        let (a, b) = ((g.to_x)(p10), (g.to_x)(p90));
        c.whisker(a, b, whisker_y, 7, MARKER)?;
        (left, right) = (a.min(x), b.max(x));
    }
    c.diamond(
        (x, (top + bottom) / 2),
        (bar_h / 2 + 4).clamp(8, 14),
        MARKER,
    )?;
    let (text, at, h) = place_approval_text(g, model, schedule, (left, right), g.plot.0);
    c.text(
        &text,
        (at, centred_baseline(whisker_y, TICK_PX)),
        TICK_PX,
        TEXT,
        h,
    )?;
    Ok(())
}

/// Places names on `rows` rows below a bar, each near the stage it names (`(mid, width)`
/// in pixels, in the order of the stages) with a leader line down from the bar: no name
/// overlaps another or crosses a leader. Names are tried as a staircase twice, left to
/// right with names ending at their stage and right to left with names starting at it;
/// the arrangement that places more names wins. Returns (left, row) per name, `None`
/// for a name that found no room.
fn place_names(names: &[(i32, i32)], rows: i32, plot: (i32, i32)) -> Vec<Option<(i32, i32)>> {
    let forward = staircase(names, rows, plot, false);
    let backward = staircase(names, rows, plot, true);
    let placed = |v: &[Option<(i32, i32)>]| v.iter().flatten().count();
    if placed(&backward) > placed(&forward) {
        backward
    } else {
        forward
    }
}

fn staircase(
    names: &[(i32, i32)],
    rows: i32,
    plot: (i32, i32),
    backward: bool,
) -> Vec<Option<(i32, i32)>> {
    const GAP: i32 = 16;
    const LEADER_CLEARANCE: i32 = 6;
    let mut out = vec![None; names.len()];
    // (row, left, right) of the names placed; (x, row) of their leaders.
    let mut placed: Vec<(i32, i32, i32)> = Vec::new();
    let mut leaders: Vec<(i32, i32)> = Vec::new();
    let order: Vec<usize> = if backward {
        (0..names.len()).rev().collect()
    } else {
        (0..names.len()).collect()
    };
    for i in order {
        let (mid, w) = names[i];
        let clamp = |left: i32| left.clamp(plot.0, (plot.1 - w).max(plot.0));
        let (ending, centred, starting) =
            (clamp(mid + 10 - w), clamp(mid - w / 2), clamp(mid - 10));
        let lefts = if backward {
            [starting, centred, ending]
        } else {
            [ending, centred, starting]
        };
        let free = |row: i32, left: i32| {
            placed.iter().all(|&(r, a, b)| {
                if r == row {
                    left + w + GAP <= a || b + GAP <= left
                } else {
                    // A name above must not be crossed by this leader.
                    r > row || mid < a - LEADER_CLEARANCE || mid > b + LEADER_CLEARANCE
                }
            }) && leaders.iter().all(|&(x, r)| {
                r <= row || x < left - LEADER_CLEARANCE || x > left + w + LEADER_CLEARANCE
            })
        };
        let found = lefts
            .iter()
            .flat_map(|&left| (0..rows).map(move |row| (row, left)))
            .find(|&(row, left)| free(row, left));
        if let Some((row, left)) = found {
            placed.push((row, left, left + w));
            leaders.push((mid, row));
            out[i] = Some((left, row));
        }
    }
    out
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
    draw(&Canvas { root, metrics }, model, schedules, results)
}
