//! `regsim calendar NAME YEAR [--fiscal [jp|us]]`: a calendar's days off in a year with
//! their names, and the year's business days, so an analyst can check regsim's
//! calendars against the agency's own.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::model::calendar::HolidaySet;
use crate::model::calendar::fiscal::FiscalYear;

/// `regsim calendar` arguments.
#[derive(Debug, clap::Args)]
pub struct CalendarArgs {
    /// Calendar: jp, jp-gov, us-federal, uk-england, eu-ema or none.
    pub name: String,
    /// The year (with --fiscal, the fiscal year).
    pub year: i32,
    /// A fiscal year instead of the calendar year: `jp` (April to March, the default
    /// when no value is given) or `us` (October to September).
    #[arg(long, value_name = "jp|us", num_args = 0..=1, default_missing_value = "jp")]
    pub fiscal: Option<String>,
}

/// Prints the report; on bad input returns the message for exit code 2.
pub fn run(args: &CalendarArgs) -> Result<(), String> {
    let fiscal = match &args.fiscal {
        None => None,
        Some(f) => Some(FiscalYear::parse(f).ok_or_else(|| {
            format!("error: unknown fiscal year `{f}`\n  = help: use `--fiscal` or `--fiscal jp` (April to March) or `--fiscal us` (October to September)\n")
        })?),
    };
    print!("{}", report(&args.name, args.year, fiscal)?);
    Ok(())
}

/// A year of a calendar, counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearCount {
    /// First day of the period.
    pub first: NaiveDate,
    /// Last day of the period.
    pub last: NaiveDate,
    /// The days off in the period besides weekends (weekend ones included), with names.
    pub days_off: Vec<(NaiveDate, &'static str)>,
    /// Days in the period.
    pub days: u32,
    /// Saturdays and Sundays in the period.
    pub weekend_days: u32,
    /// Days off that fall on a weekday.
    pub weekday_days_off: u32,
    /// Business days: `days - weekend_days - weekday_days_off`.
    pub business_days: u32,
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Counts `calendar` from `first` to `last`, both inclusive.
pub fn count(calendar: HolidaySet, first: NaiveDate, last: NaiveDate) -> YearCount {
    let days_off: Vec<_> = (first.year()..=last.year())
        .flat_map(|y| calendar.days_of_year(y))
        .filter(|(d, _)| (first..=last).contains(d))
        .collect();
    let days = (last - first).num_days() as u32 + 1;
    let weekend_days = first
        .iter_days()
        .take(days as usize)
        .filter(|d| is_weekend(*d))
        .count() as u32;
    let weekday_days_off = days_off.iter().filter(|(d, _)| !is_weekend(*d)).count() as u32;
    YearCount {
        first,
        last,
        days_off,
        days,
        weekend_days,
        weekday_days_off,
        business_days: days - weekend_days - weekday_days_off,
    }
}

/// The text `regsim calendar` prints, or the reason it cannot.
pub fn report(name: &str, year: i32, fiscal: Option<FiscalYear>) -> Result<String, String> {
    let calendar = HolidaySet::parse(name).ok_or_else(|| {
        format!(
            "error: unknown calendar `{name}`\n  = help: use one of {}\n",
            HolidaySet::spellings()
        )
    })?;
    let (first, last, period) = match fiscal {
        Some(f) => {
            let (a, b) = f
                .range(year)
                .ok_or_else(|| format!("error: year {year} is out of range\n"))?;
            (a, b, f.label(year))
        }
        None => {
            let a = NaiveDate::from_ymd_opt(year, 1, 1)
                .ok_or_else(|| format!("error: year {year} is out of range\n"))?;
            let b = NaiveDate::from_ymd_opt(year, 12, 31)
                .ok_or_else(|| format!("error: year {year} is out of range\n"))?;
            (a, b, format!("calendar year {year}"))
        }
    };
    if let Some(from) = calendar.first_year().filter(|&f| first.year() < f) {
        return Err(format!(
            "error: calendar `{}` covers the years from {from} on, not {}\n  = help: its rules are those in force from {from}; see `docs/scenario-format.md`\n",
            calendar.as_str(),
            first.year()
        ));
    }
    let c = count(calendar, first, last);
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", calendar.as_str(), calendar.description());
    let _ = writeln!(out, "{period}: {first} to {last}");
    for (date, name) in &c.days_off {
        let weekend = if is_weekend(*date) { "  (weekend)" } else { "" };
        let _ = writeln!(out, "  {date}  {}  {name}{weekend}", date.weekday());
    }
    if c.days_off.is_empty() {
        let _ = writeln!(out, "  no days off besides Saturdays and Sundays");
    }
    let _ = writeln!(
        out,
        "business days: {} ({} days, less {} Saturdays and Sundays, less {} days off on weekdays)",
        c.business_days, c.days, c.weekend_days, c.weekday_days_off
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up() {
        let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        let c = count(HolidaySet::None, first, last);
        // 2024: 366 days from a Monday: 52 weeks and Mon, Tue: 262 weekdays.
        assert_eq!((c.days, c.weekend_days, c.business_days), (366, 104, 262));
        assert!(
            report("mars", 2024, None)
                .unwrap_err()
                .contains("unknown calendar `mars`")
        );
        assert!(
            report("us-federal", 1960, None)
                .unwrap_err()
                .contains("from 1971")
        );
    }
}
