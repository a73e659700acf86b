//! Charts for briefing slides, as PNG and SVG.
//!
//! - [`render_distribution`]: per pathway, the histogram and cumulative curve (S-curve)
//!   of review days over the Monte Carlo iterations, with the target and P50/P80.
//! - [`render_timeline`]: a Gantt chart of the median schedule per pathway, with P10 to
//!   P90 whiskers from the Monte Carlo run.
//!
//! Each chart is one drawing function generic over plotters' `DrawingBackend`, called
//! with `BitMapBackend` for PNG and `SVGBackend` for SVG (the pattern of plotters' own
//! examples), so both formats show the same thing. Text uses the embedded font
//! ([`font`]); colours and sizes are in [`style`]. A file is written to a temporary
//! name next to `path` and renamed into place only when complete, so a failed render
//! leaves the previous chart as it was.

pub mod backlog;
pub mod compare;
pub mod dates;
pub mod distribution;
pub mod fiscal;
pub mod fit;
pub mod font;
pub mod style;
pub mod sweep;
pub mod timeline;
pub mod tornado;
pub mod validation;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

pub use distribution::render_distribution;
pub use timeline::render_timeline;
pub use tornado::render_tornado;

use crate::lang::{Lang, Msg};
use font::{ASCENT, DESCENT, TextMetrics};
use style::{
    BACKGROUND, HEIGHT, OUTER_MARGIN, SUBTITLE_PX, TEXT, TEXT_MUTED, TICK_PX, TITLE_PX, WIDTH,
};

/// Which image format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageFormat {
    /// A 1600x1000 PNG bitmap, text drawn with the embedded font.
    Png,
    /// An SVG of the same size; text is left to the viewer's fonts.
    Svg,
}

impl ImageFormat {
    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageFormat::Png => "png",
            ImageFormat::Svg => "svg",
        }
    }
}

/// What a drawing function returns: plotters' error for the backend in use.
pub(crate) type DrawResult<T, DB> =
    Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// Renders a chart drawn by `draw_png`/`draw_svg` (the same generic function, once per
/// backend) to `path` in `format`, through a temporary file renamed into place.
pub(crate) fn render_to_file(
    format: ImageFormat,
    path: &Path,
    lang: Lang,
    draw_png: impl FnOnce(&Canvas<'_, BitMapBackend<'_>>) -> DrawResult<(), BitMapBackend<'static>>,
    draw_svg: impl FnOnce(&Canvas<'_, SVGBackend<'_>>) -> DrawResult<(), SVGBackend<'static>>,
) -> anyhow::Result<()> {
    font::ensure_registered()?;
    let tmp = temporary_path(path, format);
    let result = match format {
        ImageFormat::Png => {
            // The backend writes on `present()` (and again, ignoring errors, on drop if a
            // drawing step failed first): keep it in this block so that it is gone before
            // the temporary file is cleaned up.
            let root = BitMapBackend::new(&tmp, (WIDTH, HEIGHT)).into_drawing_area();
            let canvas = Canvas {
                root: &root,
                metrics: TextMetrics::Bitmap,
                lang,
            };
            let drawn = draw_png(&canvas).and_then(|()| root.present());
            drop(root);
            drawn.map_err(anyhow::Error::from)
        }
        ImageFormat::Svg => {
            let mut svg = String::new();
            let drawn = {
                let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
                let canvas = Canvas {
                    root: &root,
                    metrics: TextMetrics::Svg,
                    lang,
                };
                draw_svg(&canvas).and_then(|()| root.present())
            };
            drawn
                .map_err(anyhow::Error::from)
                .and_then(|()| std::fs::write(&tmp, svg).map_err(anyhow::Error::from))
        }
    };
    let result = result.and_then(|()| std::fs::rename(&tmp, path).map_err(anyhow::Error::from));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.with_context(|| format!("could not write the chart {}", path.display()))
}

/// A hidden name next to `path` that ends in the format's extension (the PNG encoder
/// picks the format by extension).
fn temporary_path(path: &Path, format: ImageFormat) -> PathBuf {
    // Unique within the process too, should two threads render the same name.
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "chart".to_string());
    path.with_file_name(format!(
        ".{name}.{}-{}.tmp.{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed),
        format.extension()
    ))
}

/// The root drawing area with its text metrics: what the charts draw text and shapes
/// with, in pixels.
pub(crate) struct Canvas<'a, DB: DrawingBackend> {
    /// The whole image.
    pub root: &'a DrawingArea<DB, Shift>,
    /// How the backend places text.
    pub metrics: TextMetrics,
    /// The language of the chart's own words.
    pub lang: Lang,
}

impl<DB: DrawingBackend> Canvas<'_, DB> {
    /// Draws `text` with its baseline at `baseline`, aligned to `x` by `h`.
    pub fn text(
        &self,
        text: &str,
        (x, baseline): (i32, i32),
        size: f64,
        color: RGBColor,
        h: HPos,
    ) -> DrawResult<(), DB> {
        if text.is_empty() {
            return Ok(());
        }
        let style = self.metrics.style(size, color, h);
        let at = self.metrics.anchor(x, baseline, size);
        self.root.draw(&Text::new(text.to_string(), at, style))
    }

    /// Draws `text` like [`Canvas::text`] on a box of `background`, so it stays legible
    /// over bars and lines; returns the box (left, top, right, bottom).
    pub fn text_on_box(
        &self,
        text: &str,
        (x, baseline): (i32, i32),
        size: f64,
        color: RGBColor,
        h: HPos,
        background: RGBAColor,
    ) -> DrawResult<(i32, i32, i32, i32), DB> {
        let w = font::text_width(text, size);
        let left = match h {
            HPos::Left => x,
            HPos::Center => x - w / 2,
            HPos::Right => x - w,
        };
        let pad = 5;
        let bbox = (
            left - pad,
            baseline - (ASCENT * size) as i32 - 2,
            left + w + pad,
            baseline + (DESCENT * size) as i32 + 2,
        );
        self.root.draw(&Rectangle::new(
            [(bbox.0, bbox.1), (bbox.2, bbox.3)],
            background.filled(),
        ))?;
        self.text(text, (x, baseline), size, color, h)?;
        Ok(bbox)
    }

    /// A filled rectangle between two corners.
    pub fn fill(&self, a: (i32, i32), b: (i32, i32), color: impl Color) -> DrawResult<(), DB> {
        self.root.draw(&Rectangle::new([a, b], color.filled()))
    }

    /// A rectangle's outline.
    pub fn outline(
        &self,
        a: (i32, i32),
        b: (i32, i32),
        color: impl Color,
        width: u32,
    ) -> DrawResult<(), DB> {
        self.root
            .draw(&Rectangle::new([a, b], color.stroke_width(width)))
    }

    /// A straight line.
    pub fn line(
        &self,
        a: (i32, i32),
        b: (i32, i32),
        color: impl Color,
        width: u32,
    ) -> DrawResult<(), DB> {
        self.root
            .draw(&PathElement::new(vec![a, b], color.stroke_width(width)))
    }

    /// A dashed line from `a` to `b`.
    pub fn dashed(
        &self,
        a: (i32, i32),
        b: (i32, i32),
        color: RGBColor,
        width: u32,
        (dash, gap): (i32, i32),
    ) -> DrawResult<(), DB> {
        let (dx, dy) = ((b.0 - a.0) as f64, (b.1 - a.1) as f64);
        let len = dx.hypot(dy);
        if len < 1.0 {
            return Ok(());
        }
        let at = |d: f64| {
            let t = (d / len).min(1.0);
            (a.0 + (dx * t).round() as i32, a.1 + (dy * t).round() as i32)
        };
        let mut d = 0.0;
        while d < len {
            self.line(at(d), at(d + dash as f64), color, width)?;
            d += (dash + gap) as f64;
        }
        Ok(())
    }

    /// A rectangle filled with diagonal lines of `color` on `background` (a gate wait).
    pub fn hatch(
        &self,
        (x0, y0): (i32, i32),
        (x1, y1): (i32, i32),
        color: RGBColor,
        background: RGBColor,
    ) -> DrawResult<(), DB> {
        let (x0, x1) = (x0.min(x1), x0.max(x1));
        let (y0, y1) = (y0.min(y1), y0.max(y1));
        self.fill((x0, y0), (x1, y1), background)?;
        let h = y1 - y0;
        let spacing = 9;
        // Lines rising to the right: from (s, y1) to (s + h, y0), clipped to the box.
        let mut s = x0 - h;
        while s < x1 {
            let (mut ax, mut ay) = (s, y1);
            let (mut bx, mut by) = (s + h, y0);
            if ax < x0 {
                ay -= x0 - ax;
                ax = x0;
            }
            if bx > x1 {
                by += bx - x1;
                bx = x1;
            }
            if ax < bx {
                self.line((ax, ay), (bx, by), color, 2)?;
            }
            s += spacing;
        }
        self.outline((x0, y0), (x1, y1), color, 2)
    }

    /// A filled diamond centred on `c`.
    pub fn diamond(&self, (x, y): (i32, i32), r: i32, color: RGBColor) -> DrawResult<(), DB> {
        self.root.draw(&Polygon::new(
            vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)],
            color.filled(),
        ))?;
        self.root.draw(&PathElement::new(
            vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y), (x, y - r)],
            BACKGROUND.stroke_width(2),
        ))
    }

    /// A horizontal whisker from `x0` to `x1` at `y`, with end caps `half` pixels high.
    pub fn whisker(
        &self,
        x0: i32,
        x1: i32,
        y: i32,
        half: i32,
        color: RGBColor,
    ) -> DrawResult<(), DB> {
        // No spread, no whisker: caps on top of each other read as a stray mark.
        if (x1 - x0).abs() < 3 {
            return Ok(());
        }
        self.line((x0, y), (x1, y), color, 3)?;
        self.line((x0, y - half), (x0, y + half), color, 3)?;
        self.line((x1, y - half), (x1, y + half), color, 3)
    }

    /// The chart's title (wrapped to two lines at most, cut before `title_end` if need
    /// be) and a muted subtitle below it, from the top left; returns the y just below
    /// them (as [`header_bottom`]).
    pub fn header(&self, title: &str, title_end: &str, subtitle: &str) -> DrawResult<i32, DB> {
        let layout = header_layout(title, title_end, subtitle);
        for (line, size, baseline) in &layout.lines {
            let color = if *size == TITLE_PX { TEXT } else { TEXT_MUTED };
            self.text(line, (OUTER_MARGIN, *baseline), *size, color, HPos::Left)?;
        }
        Ok(layout.bottom)
    }

    /// A legend as one or more rows of (sample, label), starting at `top`, from the left
    /// margin; returns the y just below it (as [`legend_bottom`]).
    pub fn legend(&self, items: &[(LegendGlyph, String)], top: i32) -> DrawResult<i32, DB> {
        let layout = legend_layout(items, top);
        for ((glyph, _), (label, x, baseline)) in items.iter().zip(&layout.entries) {
            // The sample sits on the text's x-height band.
            let mid = baseline - (0.35 * TICK_PX) as i32;
            self.legend_sample(*glyph, (*x, mid - 10), (x + LEGEND_SAMPLE, mid + 10))?;
            let at = (x + LEGEND_SAMPLE + LEGEND_SAMPLE_GAP, *baseline);
            self.text(label, at, TICK_PX, TEXT, HPos::Left)?;
        }
        Ok(layout.bottom)
    }

    fn legend_sample(
        &self,
        glyph: LegendGlyph,
        a: (i32, i32),
        b: (i32, i32),
    ) -> DrawResult<(), DB> {
        let mid = (a.1 + b.1) / 2;
        let cx = (a.0 + b.0) / 2;
        match glyph {
            LegendGlyph::Fill(c) => self.fill(a, b, c),
            LegendGlyph::Hatch(c, bg) => self.hatch(a, b, c, bg),
            LegendGlyph::Outline(c) => self.dashed_box(a, b, c),
            LegendGlyph::Line(c) => self.line((a.0, mid), (b.0, mid), c, 4),
            LegendGlyph::Dashed(c) => self.dashed((a.0, mid), (b.0, mid), c, 3, (8, 5)),
            LegendGlyph::Dot(c) => self.root.draw(&Circle::new((cx, mid), 7, c.filled())),
            LegendGlyph::Whisker(c) => self.whisker(a.0 + 2, b.0 - 2, mid, 8, c),
            LegendGlyph::Diamond(c) => self.diamond((cx, mid), 11, c),
        }
    }

    /// A rectangle drawn with a dashed outline (something that did not happen).
    pub fn dashed_box(&self, a: (i32, i32), b: (i32, i32), color: RGBColor) -> DrawResult<(), DB> {
        let dash = (7, 5);
        self.dashed(a, (b.0, a.1), color, 2, dash)?;
        self.dashed((b.0, a.1), b, color, 2, dash)?;
        self.dashed(b, (a.0, b.1), color, 2, dash)?;
        self.dashed((a.0, b.1), a, color, 2, dash)
    }
}

/// Where the lines of a header go.
struct HeaderLayout {
    /// (text, size, baseline).
    lines: Vec<(String, f64, i32)>,
    bottom: i32,
}

fn header_layout(title: &str, title_end: &str, subtitle: &str) -> HeaderLayout {
    let width = WIDTH as i32 - 2 * OUTER_MARGIN;
    let mut lines = Vec::new();
    let mut baseline = OUTER_MARGIN + (ASCENT * TITLE_PX) as i32;
    for line in font::wrap_keeping_end(title, title_end, TITLE_PX, width, 2) {
        lines.push((line, TITLE_PX, baseline));
        baseline += (1.2 * TITLE_PX) as i32;
    }
    baseline -= (1.2 * TITLE_PX) as i32;
    baseline += (DESCENT * TITLE_PX) as i32 + 14 + (ASCENT * SUBTITLE_PX) as i32;
    for line in font::wrap(subtitle, SUBTITLE_PX, width, 2) {
        lines.push((line, SUBTITLE_PX, baseline));
        baseline += (1.25 * SUBTITLE_PX) as i32;
    }
    let bottom = baseline - (1.25 * SUBTITLE_PX) as i32 + (DESCENT * SUBTITLE_PX) as i32;
    HeaderLayout { lines, bottom }
}

/// The y just below a header of `title` and `subtitle`.
pub(crate) fn header_bottom(title: &str, title_end: &str, subtitle: &str) -> i32 {
    header_layout(title, title_end, subtitle).bottom
}

const LEGEND_SAMPLE: i32 = 32;
const LEGEND_SAMPLE_GAP: i32 = 10;
const LEGEND_ITEM_GAP: i32 = 28;

/// Where the entries of a legend go.
struct LegendLayout {
    /// (label, left, baseline) per item.
    entries: Vec<(String, i32, i32)>,
    bottom: i32,
}

fn legend_layout(items: &[(LegendGlyph, String)], top: i32) -> LegendLayout {
    let line_height = (1.5 * TICK_PX) as i32;
    let right = WIDTH as i32 - OUTER_MARGIN;
    let mut x = OUTER_MARGIN;
    let mut baseline = top + (ASCENT * TICK_PX) as i32;
    let mut entries = Vec::new();
    for (_, label) in items {
        let w = LEGEND_SAMPLE + LEGEND_SAMPLE_GAP + font::text_width(label, TICK_PX);
        if x > OUTER_MARGIN && x + w > right {
            x = OUTER_MARGIN;
            baseline += line_height;
        }
        let label = font::fit(
            label,
            TICK_PX,
            right - x - LEGEND_SAMPLE - LEGEND_SAMPLE_GAP,
        );
        entries.push((label, x, baseline));
        x += w + LEGEND_ITEM_GAP;
    }
    LegendLayout {
        entries,
        bottom: baseline + (DESCENT * TICK_PX) as i32,
    }
}

/// The y just below a legend of `items` starting at `top`.
pub(crate) fn legend_bottom(items: &[(LegendGlyph, String)], top: i32) -> i32 {
    legend_layout(items, top).bottom
}

/// The sample drawn before a legend entry.
#[derive(Debug, Clone, Copy)]
pub(crate) enum LegendGlyph {
    /// A filled box.
    Fill(RGBColor),
    /// A hatched box: lines of the first colour on the second.
    Hatch(RGBColor, RGBColor),
    /// A dashed outline.
    Outline(RGBColor),
    /// A thick line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
    /// A dot.
    Dot(RGBColor),
    /// A whisker with end caps.
    Whisker(RGBColor),
    /// A diamond.
    Diamond(RGBColor),
}

/// `n` with thousands separators: 2000 -> "2,000".
pub(crate) fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "1 Monte Carlo iteration", "2,000 Monte Carlo iterations" (モンテカルロ試行 2,000回).
pub(crate) fn iterations(lang: Lang, n: u64) -> String {
    lang.count(
        thousands(n),
        n == 1,
        Msg::MonteCarloIteration,
        Msg::MonteCarloIterations,
    )
}

/// A number of days for labels: whole days without decimals, others with one.
pub(crate) fn days(d: f64) -> String {
    if (d - d.round()).abs() < 0.05 {
        format!("{:.0}", d)
    } else {
        format!("{:.1}", d)
    }
}

#[cfg(test)]
pub(crate) mod testing;
#[cfg(test)]
mod tests;
