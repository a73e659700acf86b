//! fiscal_years.png/.svg: the share of iterations approved in each fiscal year, one bar
//! per (product,) pathway and year, as PMDA's and the FDA's annual reports count
//! approvals by fiscal year.

use crate::lang::Msg;
use std::path::Path;

use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::style::{
    AXIS, GRID, HEIGHT, OI_BLUE, OI_GREEN, OI_ORANGE, OI_PURPLE, OI_SKY_BLUE, OI_VERMILLION,
    OI_YELLOW, OUTER_MARGIN, TEXT, TEXT_MUTED, TICK_PX, WIDTH,
};
use super::{Canvas, DrawResult, ImageFormat, LegendGlyph, legend_bottom, render_to_file};
use crate::engine::results::RunResults;
use crate::export::fiscal_years::per_year;
use crate::model::Model;
use crate::model::calendar::fiscal::FiscalYear;

/// Colours of the pathways' bars, in order (Okabe-Ito, black left out).
const PALETTE: [RGBColor; 7] = [
    OI_BLUE,
    OI_ORANGE,
    OI_GREEN,
    OI_VERMILLION,
    OI_SKY_BLUE,
    OI_PURPLE,
    OI_YELLOW,
];

/// What the chart shows: the years, and per pathway its label and share per year.
struct Bars {
    fy: FiscalYear,
    years: Vec<i32>,
    series: Vec<(String, Vec<f64>)>,
}

/// A year whose share is below this on every pathway is too thin to see as a bar.
const THIN_SHARE: f64 = 0.005;

impl Bars {
    /// Drops the first and last years while no pathway has [`THIN_SHARE`] of its
    /// approvals in them (a long tail of a few iterations would otherwise take most of
    /// the axis); years between are kept so the axis stays continuous. Keeps at least
    /// one year. True if any was dropped.
    fn trim_thin_ends(&mut self) -> bool {
        let thin = |i: usize| self.series.iter().all(|(_, s)| s[i] < THIN_SHARE);
        let n = self.years.len();
        let first = (0..n).find(|&i| !thin(i));
        let Some(first) = first else { return false };
        let last = (0..n).rev().find(|&i| !thin(i)).unwrap_or(first);
        if first == 0 && last + 1 == n {
            return false;
        }
        self.years = self.years[first..=last].to_vec();
        for (_, s) in &mut self.series {
            *s = s[first..=last].to_vec();
        }
        true
    }
}

/// Renders the chart to `path`; does nothing without `fiscal_year` in the scenario.
pub fn render_fiscal_years(
    model: &Model,
    results: &RunResults,
    format: ImageFormat,
    path: &Path,
) -> anyhow::Result<()> {
    let Some(fy) = model.fiscal_year else {
        return Ok(());
    };
    let n = results.iterations.max(1) as f64;
    let per: Vec<Vec<(i32, u64)>> = results
        .pathways
        .iter()
        .map(|r| per_year(model, fy, &r.approval_day))
        .collect();
    let mut years: Vec<i32> = per.iter().flatten().map(|(y, _)| *y).collect();
    years.sort_unstable();
    years.dedup();
    let series = model
        .pathways
        .iter()
        .zip(&per)
        .map(|(p, counts)| {
            let label = p.label(model);
            let shares = years
                .iter()
                .map(|y| {
                    counts
                        .iter()
                        .find(|(cy, _)| cy == y)
                        .map_or(0.0, |(_, c)| *c as f64 / n)
                })
                .collect();
            (label, shares)
        })
        .collect();
    let mut bars = Bars { fy, years, series };
    let trimmed = bars.trim_thin_ends();
    let lang = model.lang;
    let (whose, months) = match fy {
        FiscalYear::Jp => (Msg::FiscalJapanese, Msg::FiscalAprilMarch),
        FiscalYear::Us => (Msg::FiscalUs, Msg::FiscalOctSep),
    };
    let trimmed = if trimmed {
        lang.fill(Msg::FiscalTrimmed, &[&(THIN_SHARE * 100.0)])
    } else {
        String::new()
    };
    let subtitle = lang.fill(
        Msg::FiscalSubtitle,
        &[
            &super::iterations(lang, results.iterations),
            &lang.text(whose),
            &lang.text(months),
            &trimmed,
        ],
    );
    render_to_file(
        format,
        path,
        model.lang,
        |canvas| draw(canvas, &model.title, &subtitle, &bars),
        |canvas| draw(canvas, &model.title, &subtitle, &bars),
    )
}

fn draw<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    title: &str,
    subtitle: &str,
    bars: &Bars,
) -> DrawResult<(), DB> {
    c.root.fill(&super::style::BACKGROUND)?;
    let top = c.header(title, "", subtitle)?;
    let legend: Vec<(LegendGlyph, String)> = bars
        .series
        .iter()
        .enumerate()
        .map(|(i, (label, _))| (LegendGlyph::Fill(PALETTE[i % PALETTE.len()]), label.clone()))
        .collect();
    let legend_top = top + 20;
    c.legend(&legend, legend_top)?;
    let plot_top = legend_bottom(&legend, legend_top) + 40;
    let (left, right) = (OUTER_MARGIN + 80, WIDTH as i32 - OUTER_MARGIN);
    let bottom = HEIGHT as i32 - OUTER_MARGIN - 76;
    let height = (bottom - plot_top).max(1);
    let max = bars
        .series
        .iter()
        .flat_map(|(_, s)| s.iter().copied())
        .fold(0.0f64, f64::max);
    // The y axis in whole tens of percent, at least up to the tallest bar.
    let top_share = ((max * 10.0).ceil() / 10.0).clamp(0.1, 1.0);
    let y_of = |share: f64| bottom - (share / top_share * height as f64).round() as i32;
    let steps = (top_share * 10.0).round() as i32;
    for k in 0..=steps {
        let share = k as f64 / 10.0;
        let y = y_of(share);
        c.line((left, y), (right, y), if k == 0 { AXIS } else { GRID }, 1)?;
        let label = format!("{}%", k * 10);
        c.text(&label, (left - 10, y + 8), TICK_PX, TEXT_MUTED, HPos::Right)?;
    }
    let groups = bars.years.len().max(1) as i32;
    let group_w = (right - left) / groups;
    let k = bars.series.len().max(1) as i32;
    let bar_w = ((group_w - 40) / k).clamp(4, 120);
    for (g, year) in bars.years.iter().enumerate() {
        let x0 = left + g as i32 * group_w + (group_w - bar_w * k) / 2;
        for (i, (_, shares)) in bars.series.iter().enumerate() {
            let share = shares[g];
            let x = x0 + i as i32 * bar_w;
            if share > 0.0 {
                let color = PALETTE[i % PALETTE.len()];
                c.fill((x + 2, y_of(share)), (x + bar_w - 2, bottom), color)?;
                // Labels only where they fit over their own bar.
                if bar_w >= 60 {
                    let label = if share < 0.005 {
                        "<1%".to_string()
                    } else {
                        format!("{:.0}%", share * 100.0)
                    };
                    let at = (x + bar_w / 2, y_of(share) - 8);
                    c.text(&label, at, TICK_PX, TEXT, HPos::Center)?;
                }
            }
        }
        let mid = left + g as i32 * group_w + group_w / 2;
        c.text(
            &c.lang.fiscal_year(*year),
            (mid, bottom + 34),
            TICK_PX,
            TEXT,
            HPos::Center,
        )?;
        if let Some((first, last)) = bars.fy.range(*year) {
            let span = c
                .lang
                .fill(Msg::MonthSpan, &[&c.lang.month(first), &c.lang.month(last)]);
            c.text(&span, (mid, bottom + 64), TICK_PX, TEXT_MUTED, HPos::Center)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(years: &[i32], series: &[&[f64]]) -> Bars {
        Bars {
            fy: FiscalYear::Jp,
            years: years.to_vec(),
            series: series
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("p{i}"), s.to_vec()))
                .collect(),
        }
    }

    #[test]
    fn thin_years_at_the_ends_are_dropped_and_those_between_kept() {
        let mut b = bars(
            &[2023, 2024, 2025, 2026, 2027],
            &[&[0.001, 0.6, 0.0, 0.39, 0.004], &[0.0, 0.2, 0.8, 0.0, 0.0]],
        );
        assert!(b.trim_thin_ends());
        assert_eq!(b.years, [2024, 2025, 2026]);
        assert_eq!(b.series[0].1, [0.6, 0.0, 0.39]);
        assert_eq!(b.series[1].1, [0.2, 0.8, 0.0]);
    }

    #[test]
    fn nothing_is_dropped_when_the_ends_are_visible_or_everything_is_thin() {
        let mut b = bars(&[2024, 2025], &[&[0.5, 0.5]]);
        assert!(!b.trim_thin_ends());
        assert_eq!(b.years, [2024, 2025]);
        let mut b = bars(&[2024, 2025], &[&[0.001, 0.002]]);
        assert!(!b.trim_thin_ends());
        assert_eq!(b.years, [2024, 2025]);
    }
}
