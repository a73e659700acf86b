//! Calendar dates on the timeline: month ticks along the x axis, the scenario
//! calendar's longer non-working periods shaded (three or more days off in a row:
//! Golden Week, the year-end closure, a long weekend), and the gates' dates marked, so
//! a reader sees why a stage ends where it does.

use crate::lang::Lang;
use chrono::{Datelike, Months, NaiveDate};
use plotters::prelude::*;
use plotters::style::text_anchor::HPos;

use super::style::{AXIS, GRID, TEXT, TICK_PX, tint};
use super::{Canvas, DrawResult};
use crate::model::Model;

/// Shade for non-working periods.
pub const NON_WORKING: RGBColor = RGBColor(222, 222, 232);
/// Colour of the gate-date marks.
pub const GATE_MARK: RGBColor = RGBColor(120, 120, 120);

/// The shortest run of days off that is shaded: weekends alone are left out.
const MIN_RUN: i64 = 3;

/// Ticks along the x axis from `origin` over `days` days, at most `max` of them: (day
/// after `origin`, label). Month starts ("Apr 2024"), thinned to every 3, 6 or 12 months
/// over long spans; over spans with fewer than three month starts, days ("Apr 15"),
/// every 1, 2 or 7 days (Mondays) or every 14 days.
pub fn month_ticks(lang: Lang, origin: NaiveDate, days: f64, max: usize) -> Vec<(f64, String)> {
    let first = origin.with_day(1).expect("a 1st");
    let mut all = Vec::new();
    let mut m = first;
    while ((m - origin).num_days() as f64) <= days {
        if m >= origin {
            all.push(m);
        }
        m = m.checked_add_months(Months::new(1)).expect("in range");
    }
    if all.len() < 3 {
        return day_ticks(lang, origin, days, max);
    }
    let step = [1usize, 3, 6, 12, 24, 60, 120]
        .into_iter()
        .find(|s| all.len().div_ceil(*s) <= max.max(1))
        .unwrap_or(240);
    // Keep months aligned to the step: quarters start in January, April, July, October.
    all.into_iter()
        .filter(|d| (d.year() as usize * 12 + d.month0() as usize).is_multiple_of(step))
        .map(|d| ((d - origin).num_days() as f64, lang.month(d)))
        .collect()
}

/// Day ticks for short spans (see [`month_ticks`]).
fn day_ticks(lang: Lang, origin: NaiveDate, days: f64, max: usize) -> Vec<(f64, String)> {
    let span = days.floor().max(0.0) as i64;
    let step = [1i64, 2, 7, 14, 28]
        .into_iter()
        .find(|s| (span / s + 1) as usize <= max.max(1))
        .unwrap_or(28);
    (0..=span)
        .filter(|&d| {
            let date = origin + chrono::Days::new(d as u64);
            match step {
                1 | 2 => d % step == 0,
                // Mondays, every week or every other one.
                _ => {
                    date.weekday() == chrono::Weekday::Mon
                        && i64::from(date.num_days_from_ce() / 7) % (step / 7) == 0
                }
            }
        })
        .map(|d| {
            let date = origin + chrono::Days::new(d as u64);
            (d as f64, lang.month_day(date))
        })
        .collect()
}

/// Runs of at least `MIN_RUN` non-business days of the scenario's calendar in the
/// chart's range: (first day, day after the last), in days after `origin_day` (the
/// model's day of the chart's day 0).
pub fn non_working_runs(model: &Model, origin_day: i64, days: f64) -> Vec<(f64, f64)> {
    let bd = &model.business_days;
    let mut runs = Vec::new();
    let mut start: Option<i64> = None;
    let last = days.ceil() as i64;
    for d in 0..=last + 1 {
        let off = bd.is_business_day(origin_day + d) == Some(false);
        match (off, start) {
            (true, None) => start = Some(d),
            (false, Some(s)) => {
                if d - s >= MIN_RUN {
                    runs.push((s as f64, d as f64));
                }
                start = None;
            }
            _ => {}
        }
    }
    runs
}

/// The gates' dates in the chart's range, in days after `origin_day`.
pub fn gate_days(model: &Model, origin_day: i64, days: f64) -> Vec<f64> {
    let mut out: Vec<f64> = model
        .gates
        .iter()
        .flat_map(|g| g.days().iter())
        .map(|&d| (d - origin_day) as f64)
        .filter(|d| (0.0..=days).contains(d))
        .collect();
    out.sort_by(f64::total_cmp);
    out.dedup();
    out
}

/// Draws the shading, the gate marks and the month ticks below the plot, between the
/// plot's pixel ranges `px` (x) and `py` (y).
pub(crate) fn draw_calendar<DB: DrawingBackend>(
    c: &Canvas<'_, DB>,
    model: &Model,
    origin_day: i64,
    x_max: f64,
    (px, py): ((i32, i32), (i32, i32)),
    to_x: &dyn Fn(f64) -> i32,
) -> DrawResult<(), DB> {
    for (a, b) in non_working_runs(model, origin_day, x_max) {
        c.fill(
            (to_x(a), py.0),
            (to_x(b).max(to_x(a) + 1), py.1),
            NON_WORKING,
        )?;
    }
    let max = ((px.1 - px.0) / 110).max(2) as usize;
    for (d, _) in month_ticks(model.lang, model.date_of(origin_day), x_max, max) {
        let x = to_x(d);
        c.line((x, py.0), (x, py.1), GRID, 1)?;
    }
    for d in gate_days(model, origin_day, x_max) {
        let x = to_x(d);
        c.dashed((x, py.0), (x, py.1), tint(GATE_MARK, 0.3), 1, (6, 5))?;
    }
    c.line((px.0, py.1), (px.1, py.1), AXIS, 1)?;
    for (d, label) in month_ticks(model.lang, model.date_of(origin_day), x_max, max) {
        let x = to_x(d);
        c.line((x, py.1), (x, py.1 + 6), AXIS, 1)?;
        c.text(&label, (x, py.1 + 30), TICK_PX, TEXT, HPos::Center)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::HolidaySet;
    use crate::model::testing::{date, model};

    #[test]
    fn month_ticks_thin_out() {
        // Thirteen month starts (April 2024 to April 2025) for at most 12 labels: quarters.
        let t = month_ticks(Lang::En, date(2024, 4, 1), 365.0, 12);
        let labels: Vec<&str> = t.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(
            labels,
            ["Apr 2024", "Jul 2024", "Oct 2024", "Jan 2025", "Apr 2025"]
        );
        assert_eq!(t[1].0, 91.0);
        // Six months from mid-month: monthly, from the first 1st.
        let t = month_ticks(Lang::En, date(2024, 4, 15), 180.0, 12);
        assert_eq!(t[0], (16.0, "May 2024".to_string()));
        assert_eq!(t.len(), 6);
        // Three weeks: Mondays.
        let t = month_ticks(Lang::En, date(2024, 4, 10), 22.0, 6);
        let labels: Vec<&str> = t.iter().map(|(_, l)| l.as_str()).collect();
        assert_eq!(labels, ["Apr 15", "Apr 22", "Apr 29"]);
        assert_eq!(t[0].0, 5.0);
    }

    #[test]
    fn golden_week_and_year_end_are_shaded() {
        let m = model(date(2024, 4, 1), HolidaySet::JpGov, Vec::new(), Vec::new());
        let runs = non_working_runs(&m, 0, 300.0);
        let as_dates: Vec<(String, String)> = runs
            .iter()
            .map(|&(a, b)| {
                (
                    m.date_of(a as i64).to_string(),
                    m.date_of(b as i64 - 1).to_string(),
                )
            })
            .collect();
        // Golden Week 2024: Sat 3 to Mon 6 May; the year end: Sat 28 Dec to Sun 5 Jan.
        assert!(
            as_dates.contains(&("2024-05-03".into(), "2024-05-06".into())),
            "{as_dates:?}"
        );
        assert!(
            as_dates.contains(&("2024-12-28".into(), "2025-01-05".into())),
            "{as_dates:?}"
        );
        // No plain weekend.
        assert!(runs.iter().all(|(a, b)| b - a >= 3.0));
    }
}
