//! Colours and sizes shared by the charts.
//!
//! Charts go onto projected briefing slides, so text is large (a 1600 px wide image is
//! shown about 1:1 on a 1080p projector: 22 px is the smallest size that stays legible
//! from the back of a room) and colours come from the Okabe-Ito palette (Okabe and Ito,
//! "Color Universal Design", 2008), which stays distinguishable under the common forms
//! of colour blindness and in greyscale print.

use plotters::style::RGBColor;

/// Image width in pixels (16:10, the usual slide area).
pub const WIDTH: u32 = 1600;
/// Image height in pixels.
pub const HEIGHT: u32 = 1000;

/// Chart title.
pub const TITLE_PX: f64 = 44.0;
/// The line under the title that says what the chart shows.
pub const SUBTITLE_PX: f64 = 24.0;
/// Panel titles (pathway names) and pathway headings.
pub const HEADING_PX: f64 = 28.0;
/// Axis descriptions.
pub const AXIS_PX: f64 = 26.0;
/// Tick labels, legend entries, annotations, stage names: the smallest text.
pub const TICK_PX: f64 = 22.0;

/// Space between the image edge and anything drawn.
pub const OUTER_MARGIN: i32 = 24;
/// Space between a caption and what it labels (at least 15 px with `ab_glyph`).
pub const CAPTION_GAP: i32 = 16;

/// Okabe-Ito black.
pub const OI_BLACK: RGBColor = RGBColor(0, 0, 0);
/// Okabe-Ito orange.
pub const OI_ORANGE: RGBColor = RGBColor(230, 159, 0);
/// Okabe-Ito sky blue.
pub const OI_SKY_BLUE: RGBColor = RGBColor(86, 180, 233);
/// Okabe-Ito bluish green.
pub const OI_GREEN: RGBColor = RGBColor(0, 158, 115);
/// Okabe-Ito yellow.
pub const OI_YELLOW: RGBColor = RGBColor(240, 228, 66);
/// Okabe-Ito blue.
pub const OI_BLUE: RGBColor = RGBColor(0, 114, 178);
/// Okabe-Ito vermillion.
pub const OI_VERMILLION: RGBColor = RGBColor(213, 94, 0);
/// Okabe-Ito reddish purple.
pub const OI_PURPLE: RGBColor = RGBColor(204, 121, 167);

/// Body text.
pub const TEXT: RGBColor = RGBColor(25, 25, 25);
/// Secondary text (subtitles, notes).
pub const TEXT_MUTED: RGBColor = RGBColor(85, 85, 85);
/// Background.
pub const BACKGROUND: RGBColor = RGBColor(255, 255, 255);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(225, 225, 225);
/// Axis lines.
pub const AXIS: RGBColor = RGBColor(110, 110, 110);
/// Heading bands (pathway rows of the timeline).
pub const BAND: RGBColor = RGBColor(238, 238, 238);

/// Histogram bars: share of iterations.
pub const HISTOGRAM: RGBColor = OI_SKY_BLUE;
/// The cumulative curve.
pub const CUMULATIVE: RGBColor = OI_BLUE;
/// Performance targets.
pub const TARGET: RGBColor = OI_VERMILLION;
/// Percentile markers and whiskers.
pub const MARKER: RGBColor = OI_BLACK;
/// Stages on the regulator's clock.
pub const REGULATOR: RGBColor = OI_BLUE;
/// Stages on the applicant's clock (clock stops).
pub const APPLICANT: RGBColor = OI_ORANGE;
/// Stages that did not happen in the median schedule (outlines).
pub const NOT_RUN: RGBColor = RGBColor(150, 150, 150);

/// `color` mixed with white: `amount` 0 gives the colour, 1 gives white.
pub fn tint(color: RGBColor, amount: f64) -> RGBColor {
    let mix = |c: u8| (c as f64 + (255.0 - c as f64) * amount.clamp(0.0, 1.0)).round() as u8;
    RGBColor(mix(color.0), mix(color.1), mix(color.2))
}

/// Black or white, whichever reads better on `color`.
pub fn text_on(color: RGBColor) -> RGBColor {
    // Relative luminance, sRGB weights (approximate, no gamma: enough to pick a side).
    let l = 0.2126 * color.0 as f64 + 0.7152 * color.1 as f64 + 0.0722 * color.2 as f64;
    if l > 140.0 { OI_BLACK } else { BACKGROUND }
}
