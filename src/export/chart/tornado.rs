//! The tornado chart: which stages' uncertainty moves a pathway's P80 most.
//!
//! One panel per pathway (stacked for up to three, in a grid beyond, as the
//! distribution chart). In each, one row per uncertain stage, the largest swing on top
//! (the shape that gives the chart its name): a light bar from the base P80 to the P80
//! with the stage held at its P10, a dark bar to the P80 with it held at its P90, and a
//! vertical line at the base P80 (every stage free). The swing in days is written at
//! the end of each row. Rows that do not fit are counted under the panel; sensitivity.csv
//! lists them all. See [`crate::engine::sensitivity`] for the method.

use crate::lang::Msg;
use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::font::{self, ASCENT};
use super::style::{
    AXIS, BACKGROUND, GRID, HEADING_PX, HEIGHT, MARKER, OI_BLUE, OUTER_MARGIN, TEXT, TEXT_MUTED,
    TICK_PX, WIDTH, tint,
};
use super::{Canvas, DrawResult, ImageFormat, LegendGlyph, days, iterations, render_to_file};
use crate::engine::sensitivity::PathwaySensitivity;
use crate::model::Model;

/// The bar to the P80 with a stage at its P90.
const HIGH: RGBColor = OI_BLUE;
/// The bar to the P80 with a stage at its P10.
fn low() -> RGBColor {
    tint(OI_BLUE, 0.6)
}

/// Tornado chart of `sensitivity` (one entry per pathway of `model`, from a run of
/// `runs` iterations), written to `path` as a 1600x1000 image in `format`.
pub fn render_tornado(
    model: &Model,
    sensitivity: &[PathwaySensitivity],
    runs: u64,
    format: ImageFormat,
    path: &Path,
) -> anyhow::Result<()> {
    render_to_file(
        format,
        path,
        model.lang,
        |canvas| draw(canvas, model, sensitivity, runs),
        |canvas| draw(canvas, model, sensitivity, runs),
    )
}

/// Columns and rows of the panel grid.
fn grid(n: usize) -> (usize, usize) {
    let cols = match n {
        0..=3 => 1,
        4..=6 => 2,
        _ => 3,
    };
    (cols, n.div_ceil(cols).max(1))
}

/// Tick positions of a step of 1, 2 or 5 times a power of ten, about `want` of them.
fn ticks(lo: f64, hi: f64, want: f64) -> Vec<f64> {
    let raw = ((hi - lo) / want).max(1e-9);
    let pow = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * pow)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * pow)
        .max(1.0);
    let mut t = (lo / step).ceil() * step;
    let mut out = Vec::new();
    while t <= hi + 1e-9 {
        out.push(t);
        t += step;
    }
    out
}

fn draw<DB: DrawingBackend>(
    c: &Canvas<DB>,
    model: &Model,
    sensitivity: &[PathwaySensitivity],
    runs: u64,
) -> DrawResult<(), DB> {
    c.root.fill(&BACKGROUND)?;
    let lang = c.lang;
    let top = c.header(
        &lang.fill(Msg::TornadoTitle, &[&model.title]),
        "",
        &lang.fill(
            Msg::TornadoSubtitle,
            &[&iterations(lang, runs), &model.seed],
        ),
    )?;
    let legend = [
        (
            LegendGlyph::Fill(low()),
            lang.text(Msg::StageAtP10).to_string(),
        ),
        (
            LegendGlyph::Fill(HIGH),
            lang.text(Msg::StageAtP90).to_string(),
        ),
        (
            LegendGlyph::Line(MARKER),
            lang.text(Msg::P80EveryStageFree).to_string(),
        ),
    ];
    let top = c.legend(&legend, top + 14)? + 18;
    let (cols, rows) = grid(sensitivity.len());
    let (w, h) = (
        (WIDTH as i32 - 2 * OUTER_MARGIN) / cols as i32,
        (HEIGHT as i32 - OUTER_MARGIN - top) / rows as i32,
    );
    for (k, s) in sensitivity.iter().enumerate() {
        let (col, row) = ((k % cols) as i32, (k / cols) as i32);
        let x0 = OUTER_MARGIN + col * w;
        let y0 = top + row * h;
        draw_panel(c, model, s, (x0, y0), (x0 + w - 24, y0 + h - 12))?;
    }
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(
    c: &Canvas<DB>,
    model: &Model,
    s: &PathwaySensitivity,
    (x0, y0): (i32, i32),
    (x1, y1): (i32, i32),
) -> DrawResult<(), DB> {
    let pathway = &model.pathways[s.pathway];
    // The base P80 is the panel's point: the title gives way to it.
    let end = c.lang.fill(Msg::TornadoHeadingEnd, &[&days(s.base_p80)]);
    let room = x1 - x0 - font::text_width(&end, HEADING_PX);
    let heading = format!("{}{end}", font::fit(&pathway.title, HEADING_PX, room));
    let baseline = y0 + (ASCENT * HEADING_PX) as i32;
    c.text(&heading, (x0, baseline), HEADING_PX, TEXT, HPos::Left)?;
    let body_top = baseline + 14;
    if s.stages.is_empty() {
        let at = (x0, body_top + (ASCENT * TICK_PX) as i32 + 6);
        return c.text(
            c.lang.text(Msg::NoUncertainStage),
            at,
            TICK_PX,
            TEXT_MUTED,
            HPos::Left,
        );
    }
    // Rows, the axis with its labels below, and a note on rows left out.
    let axis_h = (1.6 * TICK_PX) as i32;
    let note_h = (1.3 * TICK_PX) as i32;
    let row_h_min = (1.25 * TICK_PX) as i32;
    let mut avail = y1 - body_top - axis_h;
    let mut fit = ((avail / row_h_min).max(1) as usize).min(s.stages.len());
    if fit < s.stages.len() {
        // Room for the note on the rows left out.
        avail -= note_h;
        fit = ((avail / row_h_min).max(1) as usize).min(s.stages.len());
    }
    let row_h = (avail / fit.max(1) as i32).min((2.2 * TICK_PX) as i32);
    let label_w = s
        .stages
        .iter()
        .take(fit)
        .map(|st| font::text_width(&pathway.stages[st.stage].id, TICK_PX))
        .max()
        .unwrap_or(0)
        .min(2 * (x1 - x0) / 5);
    let value_w = font::text_width("000.0 d", TICK_PX);
    let (px0, px1) = (x0 + label_w + 12, x1 - value_w - 8);
    // The day range: every bar end and the base.
    let (mut lo, mut hi) = (s.base_p80, s.base_p80);
    for st in &s.stages {
        lo = lo.min(st.p80_at_low).min(st.p80_at_high);
        hi = hi.max(st.p80_at_low).max(st.p80_at_high);
    }
    let pad = ((hi - lo) * 0.06).max(2.0);
    let (lo, hi) = (lo - pad, hi + pad);
    let x = |d: f64| px0 + ((d - lo) / (hi - lo) * (px1 - px0) as f64).round() as i32;
    let rows_bottom = body_top + row_h * fit as i32;
    let tick_values = ticks(lo, hi, ((px1 - px0) / 110).max(2) as f64);
    for &t in &tick_values {
        c.line((x(t), body_top), (x(t), rows_bottom), GRID, 1)?;
        c.text(
            &days(t),
            (x(t), rows_bottom + (ASCENT * TICK_PX) as i32 + 6),
            TICK_PX,
            TEXT_MUTED,
            HPos::Center,
        )?;
    }
    c.line((px0, rows_bottom), (px1, rows_bottom), AXIS, 1)?;
    for (r, st) in s.stages.iter().take(fit).enumerate() {
        let top = body_top + r as i32 * row_h;
        let (a, b) = (top + row_h / 6, top + row_h - row_h / 6);
        let mid = (a + b) / 2 + (0.35 * TICK_PX) as i32;
        let name = font::fit(&pathway.stages[st.stage].id, TICK_PX, label_w);
        c.text(&name, (px0 - 12, mid), TICK_PX, TEXT, HPos::Right)?;
        let base = x(s.base_p80);
        for (value, color) in [(st.p80_at_low, low()), (st.p80_at_high, HIGH)] {
            let end = x(value);
            if end != base {
                c.fill((base.min(end), a), (base.max(end), b), color)?;
            }
        }
        c.text(
            &c.lang.fill(Msg::DaysShort, &[&days(st.swing())]),
            (x1, mid),
            TICK_PX,
            TEXT,
            HPos::Right,
        )?;
    }
    let base = x(s.base_p80);
    c.line((base, body_top - 4), (base, rows_bottom), MARKER, 3)?;
    let left = s.stages.len() - fit;
    if left > 0 {
        let note = c.lang.fill(Msg::MoreSmallerSwings, &[&left]);
        let note = font::fit(&note, TICK_PX, x1 - x0);
        let at = (x0, rows_bottom + axis_h + (ASCENT * TICK_PX) as i32 + 2);
        c.text(&note, at, TICK_PX, TEXT_MUTED, HPos::Left)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::sensitivity::analyse;
    use crate::export::chart::font::TextMetrics;
    use crate::export::chart::testing;

    /// The model's run of `iterations` and its sensitivity analysis.
    fn analysed(model: &Model, iterations: u64) -> Vec<PathwaySensitivity> {
        let (_, results) = testing::run(model, iterations);
        analyse(model, &results).unwrap()
    }

    /// Share of non-white pixels of a drawn tornado in a rectangle.
    fn ink(
        model: &Model,
        s: &[PathwaySensitivity],
        (x0, y0): (u32, u32),
        (x1, y1): (u32, u32),
    ) -> f64 {
        font::ensure_registered().unwrap();
        let mut buf = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut buf, (WIDTH, HEIGHT)).into_drawing_area();
            draw(
                &Canvas {
                    root: &root,
                    metrics: TextMetrics::Bitmap,
                    lang: model.lang,
                },
                model,
                s,
                2000,
            )
            .unwrap();
            root.present().unwrap();
        }
        let mut inked = 0;
        for y in y0..y1 {
            for x in x0..x1 {
                let i = ((y * WIDTH + x) * 3) as usize;
                inked += buf[i..i + 3].iter().any(|&v| v < 200) as u32;
            }
        }
        inked as f64 / ((x1 - x0) * (y1 - y0)) as f64
    }

    #[test]
    fn the_tornado_renders_in_both_formats_with_every_pathway() {
        for model in [
            testing::three_pathways(),
            testing::eight_pathways(),
            testing::japanese(),
        ] {
            let s = analysed(&model, 2000);
            let dir = tempfile::tempdir().unwrap();
            for format in [ImageFormat::Png, ImageFormat::Svg] {
                let path = dir.path().join(format!("tornado.{}", format.extension()));
                render_tornado(&model, &s, 2000, format, &path).unwrap();
                assert!(std::fs::metadata(&path).unwrap().len() > 1000);
            }
            let svg = std::fs::read_to_string(dir.path().join("tornado.svg")).unwrap();
            // every pathway's largest swing is named (narrow panels shorten the name)
            for p in s.iter().filter(|p| !p.stages.is_empty()) {
                let id = &model.pathways[p.pathway].stages[p.stages[0].stage].id;
                let start: String = id.chars().take(6).collect();
                assert!(svg.contains(&start), "{id}");
            }
            // the panels below the header are drawn on
            assert!(
                ink(&model, &s, (24, 300), (WIDTH - 24, 700)) > 0.02,
                "{}",
                model.title
            );
        }
    }

    #[test]
    fn ticks_are_round_and_inside() {
        assert_eq!(
            ticks(0.0, 100.0, 5.0),
            vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
        );
        // about six ticks over 134 days: steps of 1, 2 or 5 tens; 20 would give seven
        assert_eq!(ticks(283.0, 417.0, 6.0), vec![300.0, 350.0, 400.0]);
        // a tiny range still gets whole days
        assert!(ticks(10.0, 10.5, 5.0).iter().all(|v| v.fract() == 0.0));
    }

    #[test]
    fn grid_stacks_then_tiles() {
        assert_eq!(grid(1), (1, 1));
        assert_eq!(grid(3), (1, 3));
        assert_eq!(grid(6), (2, 3));
        assert_eq!(grid(7), (3, 3));
    }
}
