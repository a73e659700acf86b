//! The chart font: embedded, registered once, and measured for layout.
//!
//! Charts never look for system fonts (there may be none on a server, and a different
//! one on every laptop): BIZ UDPGothic (OFL, `assets/fonts/`) is compiled into the binary
//! and registered with plotters' `ab_glyph` renderer as `"sans-serif"`, so PNG text,
//! Japanese included, is the same everywhere. SVG files name the family only; the viewer
//! draws the text with its own fonts.
//!
//! plotters places text by a layout box that does not match where the glyphs land, and
//! differently for PNG (`ab_glyph`) and SVG (the `dy` attribute). [`TextMetrics`] hides
//! that: the charts place every text by its baseline, and it computes the anchor the
//! backend needs.

use std::sync::OnceLock;

use anyhow::anyhow;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// The family name the font is registered under, and that every chart text uses.
pub const FAMILY: &str = "sans-serif";

/// BIZ UDPGothic Regular 1.05 (SIL Open Font License 1.1, see `assets/fonts/`).
static FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/BIZUDPGothic-Regular.ttf");

/// Registers the embedded font with plotters, once per process. Every chart calls this
/// before it draws anything.
pub fn ensure_registered() -> anyhow::Result<()> {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FAMILY, FontStyle::Normal, FONT_BYTES).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(anyhow!(
            "the embedded chart font (BIZ UDPGothic) could not be loaded; the binary is damaged"
        ))
    }
}

/// The chart font at `size` pixels per em, as the PNG renderer and the layout see it
/// (draw with [`TextMetrics::font`]).
pub fn font(size: f64) -> FontDesc<'static> {
    (FAMILY, size).into_font()
}

/// Width in pixels of `text` at `size`, as the PNG renderer lays it out.
pub fn text_width(text: &str, size: f64) -> i32 {
    match font(size).box_size(text) {
        Ok((w, _)) => w as i32,
        // Only if the font is not registered, which `ensure_registered` rules out: a
        // generous estimate keeps layout sane rather than failing.
        Err(_) => (text.chars().count() as f64 * size * 0.7) as i32,
    }
}

/// `text`, cut and ended with "…" if needed so that it is at most `max_width` pixels wide.
pub fn fit(text: &str, size: f64, max_width: i32) -> String {
    let text = text.trim();
    if text_width(text, size) <= max_width {
        return text.to_string();
    }
    let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
    // The longest prefix that fits with its ellipsis (widths grow with the prefix).
    let fits =
        |&end: &usize| text_width(&format!("{}…", text[..end].trim_end()), size) <= max_width;
    let n = ends.partition_point(fits);
    match n {
        0 if text_width("…", size) <= max_width => "…".to_string(),
        0 => String::new(),
        _ => format!("{}…", text[..ends[n - 1]].trim_end()),
    }
}

/// `text` broken into at most `max_lines` lines of at most `max_width` pixels: at spaces
/// where possible, between any two characters otherwise (Japanese has no spaces); the last
/// line is cut with "…" if text remains.
pub fn wrap(text: &str, size: f64, max_width: i32, max_lines: usize) -> Vec<String> {
    wrap_widths(text, size, max_width, max_width, max_lines)
}

/// [`wrap`] that keeps `end` whole: if `text` followed by `end` does not fit, `text` is
/// cut instead, and `end` follows the cut ("A long title… — median schedule").
pub fn wrap_keeping_end(
    text: &str,
    end: &str,
    size: f64,
    max_width: i32,
    max_lines: usize,
) -> Vec<String> {
    let lines = wrap(&format!("{text}{end}"), size, max_width, max_lines);
    if end.is_empty() || !lines.last().is_some_and(|l| l.ends_with('…')) {
        return lines;
    }
    let last_width = max_width - text_width(end, size);
    let mut lines = wrap_widths(text, size, max_width, last_width, max_lines);
    if let Some(last) = lines.last_mut() {
        last.push_str(end);
    }
    lines
}

/// [`wrap`] with the last line narrower than the others.
fn wrap_widths(
    text: &str,
    size: f64,
    max_width: i32,
    last_width: i32,
    max_lines: usize,
) -> Vec<String> {
    let mut lines = Vec::new();
    let mut rest = text.split_whitespace().collect::<Vec<_>>().join(" ");
    while !rest.is_empty() && lines.len() < max_lines {
        if lines.len() + 1 == max_lines {
            lines.push(fit(&rest, size, last_width));
            break;
        }
        if text_width(&rest, size) <= max_width {
            lines.push(rest);
            break;
        }
        let ends: Vec<usize> = rest
            .char_indices()
            .map(|(i, _)| i)
            .skip(1)
            .chain([rest.len()])
            .collect();
        let n = ends.partition_point(|&end| text_width(&rest[..end], size) <= max_width);
        // At least one character per line, whatever the width.
        let cut = ends[n.saturating_sub(1)];
        // Break at the last space of the line unless that leaves it very short.
        let brk = rest[..cut]
            .rfind(' ')
            .filter(|&i| i >= cut / 3 && i > 0)
            .unwrap_or(cut);
        lines.push(rest[..brk].trim_end().to_string());
        rest = rest[brk..].trim_start().to_string();
    }
    lines
}

/// How a backend sizes and places text, so that charts can give every text its size
/// in pixels per em and place it by its baseline, the same in PNG and SVG.
///
/// Sizes: plotters' `ab_glyph` renderer draws a font of size `s` at `s` pixels per em
/// (BIZ UDPGothic's ascent minus descent is one em), while its SVG backend writes
/// `font-size = s / 1.24`. SVG text is therefore asked for at 1.24 times the size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextMetrics {
    /// `BitMapBackend` with `ab_glyph`: a top-anchored text has its baseline 0.515 of
    /// the size below the anchor (measured on BIZ UDPGothic).
    Bitmap,
    /// `SVGBackend`: a top-anchored text gets `dy="0.76em"`.
    Svg,
}

impl TextMetrics {
    /// The chart font at `size` pixels per em in this backend.
    pub fn font(self, size: f64) -> FontDesc<'static> {
        match self {
            TextMetrics::Bitmap => font(size),
            TextMetrics::Svg => font(size * 1.24),
        }
    }

    /// How far below a top anchor the baseline falls, in multiples of the size.
    fn baseline_below_top(self) -> f64 {
        match self {
            TextMetrics::Bitmap => 0.515,
            TextMetrics::Svg => 0.76,
        }
    }

    /// A text style for `size` and `color` anchored so that drawing it at
    /// [`TextMetrics::anchor`] puts its baseline where asked.
    pub fn style(self, size: f64, color: RGBColor, h: HPos) -> TextStyle<'static> {
        self.font(size).color(&color).pos(Pos::new(h, VPos::Top))
    }

    /// The point to draw a [`TextMetrics::style`] text at for a baseline at `(x, baseline)`.
    pub fn anchor(self, x: i32, baseline: i32, size: f64) -> (i32, i32) {
        (
            x,
            baseline - (self.baseline_below_top() * size).round() as i32,
        )
    }
}

/// Height above the baseline that capitals, accents and kanji reach, in sizes.
pub const ASCENT: f64 = 0.9;
/// Depth below the baseline of descenders, in sizes (taken generously: viewers' fonts
/// used for SVG have deeper descenders than BIZ UDPGothic).
pub const DESCENT: f64 = 0.2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_keeps_short_text_and_cuts_long_text() {
        ensure_registered().unwrap();
        assert_eq!(fit("Normal", 22.0, 500), "Normal");
        let cut = fit("A very long pathway title that cannot fit", 22.0, 150);
        assert!(cut.ends_with('…') && text_width(&cut, 22.0) <= 150, "{cut}");
        assert_eq!(fit("通常承認の審査", 22.0, 0), "");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_inside_japanese() {
        ensure_registered().unwrap();
        let lines = wrap("Normal approval of new drugs in Japan", 22.0, 200, 3);
        assert!(lines.len() >= 2 && lines.iter().all(|l| text_width(l, 22.0) <= 200));
        assert!(lines[0].starts_with("Normal"), "{lines:?}");
        let jp = wrap(
            "新医薬品の通常承認と優先審査と条件付き承認の審査期間",
            22.0,
            120,
            2,
        );
        assert_eq!(jp.len(), 2);
        assert!(jp[1].ends_with('…'), "{jp:?}");
        assert!(wrap("", 22.0, 100, 2).is_empty());
        let kept = wrap_keeping_end(
            "A title far too long for one line",
            " — median schedule",
            22.0,
            300,
            1,
        );
        assert!(kept[0].ends_with("… — median schedule"), "{kept:?}");
        assert!(text_width(&kept[0], 22.0) <= 300);
        let short = wrap_keeping_end("Short", " — median schedule", 22.0, 500, 1);
        assert_eq!(short, ["Short — median schedule"]);
        // A width below one character still makes progress.
        assert_eq!(wrap("通常承認", 22.0, 1, 10).len(), 4);
    }
}
