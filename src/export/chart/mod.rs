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

pub mod distribution;
pub mod font;
pub mod style;
pub mod timeline;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::Context;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

pub use distribution::render_distribution;
pub use timeline::render_timeline;

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
    draw_png: impl FnOnce(
        &DrawingArea<BitMapBackend<'_>, Shift>,
        TextMetrics,
    ) -> DrawResult<(), BitMapBackend<'static>>,
    draw_svg: impl FnOnce(
        &DrawingArea<SVGBackend<'_>, Shift>,
        TextMetrics,
    ) -> DrawResult<(), SVGBackend<'static>>,
) -> anyhow::Result<()> {
    font::ensure_registered()?;
    let tmp = temporary_path(path, format);
    let result = match format {
        ImageFormat::Png => {
            // The backend writes on `present()` (and again, ignoring errors, on drop if a
            // drawing step failed first): keep it in this block so that it is gone before
            // the temporary file is cleaned up.
            let root = BitMapBackend::new(&tmp, (WIDTH, HEIGHT)).into_drawing_area();
            let drawn = draw_png(&root, TextMetrics::Bitmap).and_then(|()| root.present());
            drop(root);
            drawn.map_err(anyhow::Error::from)
        }
        ImageFormat::Svg => {
            let mut svg = String::new();
            let drawn = {
                let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
                draw_svg(&root, TextMetrics::Svg).and_then(|()| root.present())
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

/// "1 Monte Carlo iteration", "2,000 Monte Carlo iterations".
pub(crate) fn iterations(n: u64) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{} Monte Carlo iteration{s}", thousands(n))
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
pub(crate) mod testing {
    //! Hand-built models for the chart tests.

    use std::collections::BTreeSet;

    use chrono::NaiveDate;

    use crate::engine::monte_carlo::MonteCarlo;
    use crate::engine::results::RunResults;
    use crate::engine::schedule::{Draws, PathwayTimes, run_pathway};
    use crate::model::calendar::BusinessDays;
    use crate::model::duration::Duration;
    use crate::model::{
        Clock, DayCount, Gate, HORIZON_DAYS, Model, Pathway, Stage, Target, TargetClock,
    };

    /// A stage on calendar days that always happens.
    pub fn stage(title: &str, clock: Clock, duration: Duration, after: &[usize]) -> Stage {
        Stage {
            id: title.to_lowercase().replace(' ', "_"),
            title: title.to_string(),
            clock,
            duration: Some(duration),
            days: DayCount::Calendar,
            after: after.to_vec(),
            probability: 1.0,
            gate: None,
        }
    }

    fn tri(min: f64, mode: f64, max: f64) -> Duration {
        Duration::Triangular { min, mode, max }
    }

    fn fixed(days: f64) -> Duration {
        Duration::Fixed { days }
    }

    /// A target on the total clock.
    pub fn target(percentile: f64, days: f64) -> Option<Target> {
        Some(Target {
            days,
            percentile,
            clock: TargetClock::Total,
        })
    }

    /// A model submitted on 2024-04-01 with no holidays, and a quarterly council (first
    /// business day of March, June, September and December) as gate 0.
    pub fn model(title: &str, pathways: Vec<Pathway>) -> Model {
        let submitted = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
        let business_days = BusinessDays::new(submitted, HORIZON_DAYS, &BTreeSet::new());
        let mut council = Vec::new();
        for year in 2024..2040 {
            for month in [3, 6, 9, 12] {
                let first = NaiveDate::from_ymd_opt(year, month, 1).unwrap();
                let offset = business_days.offset_of(first);
                if let Some(day) = business_days.next_business_day(offset) {
                    council.push(day);
                }
            }
        }
        Model {
            name: "test".to_string(),
            title: title.to_string(),
            description: String::new(),
            seed: 1,
            iterations: 2000,
            submitted,
            submission_window_days: 0,
            business_days,
            gates: vec![Gate {
                id: "council".to_string(),
                title: "Council".to_string(),
                days: council,
            }],
            pathways,
        }
    }

    /// The twelve-stage Japanese standard review of workload W1 (shared/bench/W1.md),
    /// with its business days counted as calendar days.
    pub fn standard_review(id: &str, title: &str) -> Pathway {
        use Clock::{Applicant, Regulator};
        let mut stages = vec![
            stage("Acceptance", Regulator, fixed(14.0), &[]),
            stage("First team review", Regulator, tri(60.0, 90.0, 150.0), &[0]),
            stage(
                "Inquiry response",
                Applicant,
                Duration::lognormal_from_median_p90(30.0, 75.0),
                &[1],
            ),
            stage("Second team review", Regulator, tri(30.0, 45.0, 90.0), &[2]),
            stage(
                "Second inquiry round",
                Applicant,
                Duration::lognormal_from_median_p90(20.0, 50.0),
                &[3],
            ),
            stage("GMP inspection", Regulator, tri(60.0, 90.0, 180.0), &[0]),
            stage("GCP inspection", Regulator, tri(30.0, 45.0, 75.0), &[0]),
            stage("Expert discussion", Regulator, tri(14.0, 21.0, 35.0), &[4]),
            stage("Review report", Regulator, tri(10.0, 15.0, 30.0), &[7]),
            stage("Council", Regulator, fixed(0.0), &[5, 6, 8]),
            stage("Council report", Regulator, fixed(14.0), &[9]),
            stage("Approval", Regulator, tri(7.0, 14.0, 30.0), &[10]),
        ];
        stages[4].probability = 0.6;
        stages[8].days = DayCount::Business;
        stages[9].duration = None;
        stages[9].gate = Some(0);
        Pathway {
            id: id.to_string(),
            title: title.to_string(),
            kind: "normal".to_string(),
            target: target(80.0, 365.0),
            stages,
        }
    }

    /// A short priority review with an unlikely amendment (absent from the median
    /// schedule).
    pub fn priority_review() -> Pathway {
        use Clock::{Applicant, Regulator};
        let mut stages = vec![
            stage("Acceptance", Regulator, fixed(7.0), &[]),
            stage("Team review", Regulator, tri(60.0, 80.0, 140.0), &[0]),
            stage("Inquiry response", Applicant, tri(10.0, 20.0, 60.0), &[1]),
            stage("Major amendment", Applicant, tri(30.0, 60.0, 120.0), &[2]),
            stage("Review report", Regulator, tri(14.0, 21.0, 40.0), &[3]),
            stage("Approval", Regulator, tri(7.0, 14.0, 30.0), &[4]),
        ];
        stages[3].probability = 0.3;
        Pathway {
            id: "priority".to_string(),
            title: "Priority review".to_string(),
            kind: "priority".to_string(),
            target: target(80.0, 270.0),
            stages,
        }
    }

    /// Special approval with fixed durations: every iteration gives the same day.
    pub fn emergency_fixed() -> Pathway {
        use Clock::{Applicant, Regulator};
        Pathway {
            id: "emergency".to_string(),
            title: "Special approval (emergency)".to_string(),
            kind: "emergency".to_string(),
            target: None,
            stages: vec![
                stage("Rolling review", Regulator, fixed(21.0), &[]),
                stage("Data submission", Applicant, fixed(7.0), &[0]),
                stage("Decision", Regulator, fixed(5.0), &[1]),
            ],
        }
    }

    /// The median schedules and a Monte Carlo run of `iterations`.
    pub fn run(model: &Model, iterations: u64) -> (Vec<PathwayTimes>, RunResults) {
        let schedules = model
            .pathways
            .iter()
            .map(|p| {
                let mut times = PathwayTimes::default();
                run_pathway(model, p, Draws::Median, &mut times).unwrap();
                times
            })
            .collect();
        let results = MonteCarlo {
            iterations,
            seed: 1,
            keep_rows: false,
        }
        .run(model, |_| Ok::<(), ()>(()), |_| {})
        .unwrap();
        (schedules, results)
    }

    /// Three pathways: standard (gated, probabilistic stage), priority, fixed emergency.
    pub fn three_pathways() -> Model {
        model(
            "New drug approval in Japan: standard, priority and emergency routes",
            vec![
                standard_review("normal", "Normal approval (standard review)"),
                priority_review(),
                emergency_fixed(),
            ],
        )
    }

    /// Eight standard reviews with different titles.
    pub fn eight_pathways() -> Model {
        let titles = [
            "Normal approval",
            "Priority review",
            "Sakigake designation",
            "Conditional early approval",
            "Special approval",
            "SaMD standard review",
            "SaMD two-step approval",
            "FDA standard review (for comparison)",
        ];
        let pathways = titles
            .iter()
            .enumerate()
            .map(|(i, t)| standard_review(&format!("p{i}"), t))
            .collect();
        model("Eight pathways side by side", pathways)
    }

    /// Titles far too long for their places.
    pub fn long_titles() -> Model {
        let mut model = three_pathways();
        model.title = "A very long scenario title that goes on and on about approval \
                       pathways, review clocks, inquiry rounds, council meetings and gates, \
                       well beyond what fits on two lines of a slide title at this size"
            .to_string();
        model.pathways[0].title = "Normal approval of new active ingredients under the \
                                   standard review process, including orphan drugs"
            .to_string();
        model.pathways[1].stages[1].title = "Team review by the Office of New Drugs with \
                                              the expert reviewers of the agency"
            .to_string();
        model.pathways.truncate(2);
        model.pathways[0].stages.truncate(5);
        model
    }

    /// A Japanese title and pathway titles, and one long pathway title.
    pub fn japanese() -> Model {
        let mut normal = standard_review("normal", "通常承認");
        normal.stages.truncate(4);
        let mut priority = priority_review();
        priority.title =
            "優先審査（希少疾病用医薬品・先駆け審査指定制度の対象品目を含む）".to_string();
        model(
            "新医薬品の承認審査期間：通常承認と優先審査",
            vec![normal, priority],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(2000), "2,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn days_drops_needless_decimals() {
        assert_eq!(days(365.0), "365");
        assert_eq!(days(364.5), "364.5");
    }

    use super::testing;
    use crate::engine::results::RunResults;
    use crate::engine::schedule::PathwayTimes;
    use crate::model::Model;

    /// Renders both charts into memory bitmaps.
    fn bitmaps(model: &Model, schedules: &[PathwayTimes], results: &RunResults) -> [Vec<u8>; 2] {
        font::ensure_registered().unwrap();
        let mut out = [Vec::new(), Vec::new()];
        for (k, buf) in out.iter_mut().enumerate() {
            *buf = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
            let root = BitMapBackend::with_buffer(buf, (WIDTH, HEIGHT)).into_drawing_area();
            if k == 0 {
                distribution::draw_into(&root, TextMetrics::Bitmap, model, results).unwrap();
            } else {
                timeline::draw_into(&root, TextMetrics::Bitmap, model, schedules, results).unwrap();
            }
            root.present().unwrap();
        }
        out
    }

    /// Share of pixels in the rectangle that are not (near) white.
    fn ink(buf: &[u8], (x0, y0): (u32, u32), (x1, y1): (u32, u32)) -> f64 {
        let mut inked = 0usize;
        for y in y0..y1 {
            for x in x0..x1 {
                let i = ((y * WIDTH + x) * 3) as usize;
                if buf[i..i + 3].iter().any(|&v| v < 200) {
                    inked += 1;
                }
            }
        }
        inked as f64 / ((x1 - x0) * (y1 - y0)) as f64
    }

    /// The text of an SVG's `<text>` elements, joined by spaces.
    fn svg_text(svg: &str) -> String {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.trim()))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Width and height from a PNG's IHDR chunk.
    fn png_size(bytes: &[u8]) -> (u32, u32) {
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
        assert_eq!(&bytes[12..16], b"IHDR");
        let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        (be(&bytes[16..20]), be(&bytes[20..24]))
    }

    fn render_all(model: &Model, iterations: u64) -> (tempfile::TempDir, RunResults) {
        let (schedules, results) = testing::run(model, iterations);
        let dir = tempfile::tempdir().unwrap();
        for format in [ImageFormat::Png, ImageFormat::Svg] {
            let ext = format.extension();
            let dist = dir.path().join(format!("distribution.{ext}"));
            let time = dir.path().join(format!("timeline.{ext}"));
            render_distribution(model, &results, format, &dist).unwrap();
            render_timeline(model, &schedules, &results, format, &time).unwrap();
        }
        // Nothing but the four charts is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
        let [dist, time] = bitmaps(model, &schedules, &results);
        // Where the first line of the title goes, and the plot below the legend.
        let title_w = font::text_width(&model.title, TITLE_PX).min(WIDTH as i32 - 48) as u32;
        for (name, buf) in [("distribution", &dist), ("timeline", &time)] {
            let title = ink(buf, (24, 24), (24 + title_w, 70));
            let plot = ink(buf, (100, 300), (WIDTH - 100, 850));
            assert!(title > 0.08, "{name}: title region blank ({title})");
            assert!(plot > 0.04, "{name}: plot region blank ({plot})");
        }
        (dir, results)
    }

    #[test]
    fn both_charts_render_in_both_formats() {
        let model = testing::three_pathways();
        let (dir, _) = render_all(&model, 2000);
        for name in ["distribution", "timeline"] {
            let png = std::fs::read(dir.path().join(format!("{name}.png"))).unwrap();
            assert_eq!(png_size(&png), (WIDTH, HEIGHT), "{name}.png");
            let svg = std::fs::read_to_string(dir.path().join(format!("{name}.svg"))).unwrap();
            assert!(
                svg.contains(r#"width="1600" height="1000""#),
                "{name}.svg size"
            );
            // Titles may be wrapped over two text elements.
            let text = svg_text(&svg);
            for p in &model.pathways {
                assert!(text.contains(&p.title), "{name}.svg lacks `{}`", p.title);
            }
        }
        let svg = std::fs::read_to_string(dir.path().join("distribution.svg")).unwrap();
        assert!(svg.contains("target: 80% within 365 days"));
        let svg = std::fs::read_to_string(dir.path().join("timeline.svg")).unwrap();
        assert!(svg.contains("Days after submission (submitted 2024-04-01)"));
    }

    #[test]
    fn one_pathway_renders() {
        let model = testing::model(
            "One pathway",
            vec![testing::standard_review("normal", "Normal approval")],
        );
        render_all(&model, 2000);
    }

    #[test]
    fn eight_pathways_render() {
        render_all(&testing::eight_pathways(), 2000);
    }

    #[test]
    fn fixed_durations_and_one_iteration_render() {
        let model = testing::model("Fixed", vec![testing::emergency_fixed()]);
        let (_, results) = render_all(&model, 2000);
        let h = &results.pathways[0].review_days;
        assert_eq!(h.min(), h.max(), "a fixed pathway has a single value");
        render_all(&testing::three_pathways(), 1);
    }

    #[test]
    fn no_iterations_do_not_panic() {
        let model = testing::three_pathways();
        let (schedules, results) = testing::run(&model, 0);
        bitmaps(&model, &schedules, &results);
    }

    #[test]
    fn long_titles_are_cut_not_spilled() {
        let model = testing::long_titles();
        let (schedules, results) = testing::run(&model, 200);
        for buf in bitmaps(&model, &schedules, &results) {
            // The right margin stays clear of text: long titles were cut.
            assert!(ink(&buf, (WIDTH - 10, 0), (WIDTH, HEIGHT)) < 0.01);
        }
    }

    #[test]
    fn japanese_text_renders_as_glyphs() {
        let model = testing::japanese();
        let (schedules, results) = testing::run(&model, 500);
        for buf in bitmaps(&model, &schedules, &results) {
            let title = ink(&buf, (24, 24), (800, 80));
            assert!(title > 0.05, "Japanese title region blank ({title})");
        }
        // Different kanji draw differently: not one missing-glyph box for all.
        let glyph = |text: &str| {
            let mut buf = vec![255u8; 80 * 80 * 3];
            {
                let root = BitMapBackend::with_buffer(&mut buf, (80, 80)).into_drawing_area();
                let c = Canvas {
                    root: &root,
                    metrics: TextMetrics::Bitmap,
                };
                c.text(text, (10, 60), 50.0, TEXT, HPos::Left).unwrap();
                root.present().unwrap();
            }
            buf
        };
        font::ensure_registered().unwrap();
        let (a, b) = (glyph("通"), glyph("承"));
        let inked = |buf: &[u8]| buf.chunks(3).filter(|p| p[0] < 128).count();
        assert!(inked(&a) > 100 && inked(&b) > 100);
        assert_ne!(a, b);
    }

    #[test]
    fn mismatched_results_are_an_error() {
        let model = testing::three_pathways();
        let (schedules, results) = testing::run(&model, 10);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.png");
        let err = render_timeline(&model, &schedules[..1], &results, ImageFormat::Png, &path);
        assert!(err.is_err());
        let mut fewer = results.clone();
        fewer.pathways.pop();
        assert!(render_distribution(&model, &fewer, ImageFormat::Svg, &path).is_err());
        assert!(!path.exists());
    }

    #[test]
    fn a_failed_write_is_an_error_and_leaves_nothing() {
        let model = testing::three_pathways();
        let (schedules, results) = testing::run(&model, 10);
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("no-such-folder");
        for format in [ImageFormat::Png, ImageFormat::Svg] {
            let path = missing.join(format!("chart.{}", format.extension()));
            let err = render_distribution(&model, &results, format, &path).unwrap_err();
            assert!(
                format!("{err:#}").contains("could not write the chart"),
                "{err:#}"
            );
            assert!(render_timeline(&model, &schedules, &results, format, &path).is_err());
        }
        // A path without the format's extension (an output folder's staging name) works.
        let staged = dir.path().join(".distribution.png.tmp-1");
        render_distribution(&model, &results, ImageFormat::Png, &staged).unwrap();
        let png = std::fs::read(&staged).unwrap();
        assert_eq!(png_size(&png), (WIDTH, HEIGHT));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_later_submission_is_drawn_from_its_own_day_zero() {
        use crate::engine::schedule::{Draws, run_pathway_from};
        let model = testing::three_pathways();
        let (_, results) = testing::run(&model, 10);
        let schedules: Vec<PathwayTimes> = model
            .pathways
            .iter()
            .map(|p| {
                let mut t = PathwayTimes::default();
                run_pathway_from(&model, p, 30, Draws::Median, &mut t).unwrap();
                t
            })
            .collect();
        let shifted = timeline::from_submission(&schedules);
        assert_eq!(shifted[2].stages[0].start, 0.0);
        assert_eq!(shifted[2].stages[0].end, schedules[2].stages[0].end - 30.0);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("timeline.svg");
        render_timeline(&model, &schedules, &results, ImageFormat::Svg, &path).unwrap();
        let svg = std::fs::read_to_string(&path).unwrap();
        // Submitted 2024-05-01 (day 30); the emergency route takes 33 days.
        assert!(svg_text(&svg).contains("approval 2024-06-03 (day 33)"));
    }

    /// Writes sample charts for a person to look at:
    /// `REGSIM_CHART_DIR=/tmp/charts cargo test --lib export::chart -- --ignored`.
    #[test]
    #[ignore = "writes sample charts to $REGSIM_CHART_DIR"]
    fn write_sample_charts() {
        let Ok(dir) = std::env::var("REGSIM_CHART_DIR") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        std::fs::create_dir_all(&dir).unwrap();
        let samples = [
            ("three", testing::three_pathways(), 20_000),
            (
                "one",
                testing::model(
                    "One pathway",
                    vec![testing::standard_review("normal", "Normal approval")],
                ),
                20_000,
            ),
            ("eight", testing::eight_pathways(), 20_000),
            ("japanese", testing::japanese(), 20_000),
            ("one-iteration", testing::three_pathways(), 1),
            ("long-titles", testing::long_titles(), 20_000),
        ];
        // The shipped scenarios too, when they load.
        let shipped = [
            "scenarios/japan/pmd-act-2022.toml",
            "scenarios/bench/w1.toml",
        ];
        let shipped = shipped.into_iter().filter_map(|file| {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(file);
            let overrides = crate::scenario::Overrides::default();
            let model = crate::scenario::load(&path, &overrides).ok()?.model;
            let name = path.file_stem()?.to_string_lossy().into_owned();
            Some((name, model, 20_000))
        });
        let samples = samples
            .into_iter()
            .map(|(name, model, n)| (name.to_string(), model, n))
            .chain(shipped);
        for (name, model, iterations) in samples {
            let (schedules, results) = testing::run(&model, iterations);
            for format in [ImageFormat::Png, ImageFormat::Svg] {
                let ext = format.extension();
                let path = dir.join(format!("{name}-distribution.{ext}"));
                render_distribution(&model, &results, format, &path).unwrap();
                let path = dir.join(format!("{name}-timeline.{ext}"));
                render_timeline(&model, &schedules, &results, format, &path).unwrap();
            }
        }
    }
}
