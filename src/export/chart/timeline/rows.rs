//! Drawing the timeline's rows: a pathway's heading (title, approval diamond, whisker,
//! date), a stage's bar, and a compact lane with its critical path and the names below.

use crate::lang::Msg;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use crate::engine::results::{PathwayResults, RunResults};
use crate::engine::schedule::{PathwayTimes, StageTimes};
use crate::export::chart::font::{self, ASCENT};
use crate::export::chart::style::{
    APPLICANT, AXIS, BACKGROUND, BAND, GRID, HEADING_PX, MARKER, NOT_RUN, OUTER_MARGIN, REGULATOR,
    TEXT, TEXT_MUTED, TICK_PX, text_on, tint,
};
use crate::export::chart::{Canvas, DrawResult};
use crate::model::{Clock, Model, Pathway, Stage};

use super::layout::{
    HEADING_WEIGHT, NAME_ROW, Row, bar_days, centred_baseline, lines_in, place_names, stage_label,
};

/// The colour of a clock owner.
pub(super) fn owner_color(clock: Clock) -> RGBColor {
    match clock {
        Clock::Regulator => REGULATOR,
        Clock::Applicant => APPLICANT,
    }
}

/// Where things go horizontally.
pub(super) struct Geometry<'a> {
    pub(super) to_x: &'a dyn Fn(f64) -> i32,
    pub(super) label_left: i32,
    pub(super) label_w: i32,
    pub(super) plot: (i32, i32),
}

/// Draws `text` in the label column from `x`, centred on `mid`: on one line at `size`,
/// else on up to `max_lines` lines, else cut.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_label<DB: DrawingBackend>(
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

/// The approval marker, its whisker and its date, centred on `mid`; returns the left
/// edge of what it drew, so that a title can stop before it.
pub(super) fn draw_approval<DB: DrawingBackend>(
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
pub(super) fn place_approval_text(
    g: &Geometry<'_>,
    model: &Model,
    schedule: &PathwayTimes,
    (left, right): (i32, i32),
    limit: i32,
) -> (String, i32, HPos) {
    let date = model.date_of(schedule.submitted_day as i64 + schedule.review_days as i64);
    let lang = model.lang;
    let short = lang.date(date);
    let long = lang.fill(Msg::ApprovalDateDay, &[&short, &schedule.review_days]);
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

pub(super) fn draw_heading<DB: DrawingBackend>(
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
pub(super) fn draw_stage<DB: DrawingBackend>(
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
pub(super) fn draw_bar<DB: DrawingBackend>(
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

pub(super) fn draw_lane<DB: DrawingBackend>(
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

/// The bands behind heading rows (and every other lane), and, when stage names wrap
/// onto two lines, a rule between stage rows to show which bar each names.
pub(super) fn draw_row_rules<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    model: &Model,
    rows: &[Row],
    row_top: &dyn Fn(usize) -> i32,
    plot_right: i32,
    detailed: bool,
    label_w: i32,
) -> DrawResult<(), DB> {
    // Heading bands under the grid lines.
    for (i, row) in rows.iter().enumerate() {
        if matches!(row, Row::Heading(_)) || (matches!(row, Row::Lane(_)) && i % 2 == 1) {
            c.fill(
                (OUTER_MARGIN, row_top(i)),
                (plot_right, row_top(i + 1)),
                BAND,
            )?;
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
                c.line((OUTER_MARGIN + 20, y), (plot_right, y), GRID, 1)?;
            }
        }
    }
    Ok(())
}

/// Draws every row, each between its top and the next row's.
pub(super) fn draw_rows<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    g: &Geometry<'_>,
    model: &Model,
    schedules: &[PathwayTimes],
    results: &RunResults,
    rows: &[Row],
    row_top: &dyn Fn(usize) -> i32,
) -> DrawResult<(), DB> {
    for (i, row) in rows.iter().enumerate() {
        let (y0, y1) = (row_top(i), row_top(i + 1));
        match *row {
            Row::Heading(p) => draw_heading(
                c,
                g,
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
                    g,
                    pathway,
                    s,
                    &schedules[p],
                    &results.pathways[p],
                    (y0, y1),
                )?
            }
            Row::Lane(p) => draw_lane(
                c,
                g,
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
