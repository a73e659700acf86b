//! `regsim calendar NAME YEAR [--fiscal [jp|us]] [--scenario FILE]`: a calendar's days
//! off in a year with their names, and the year's business days, so an analyst can
//! check regsim's calendars (and a scenario's own) against the agency's.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate, Weekday};

use std::path::PathBuf;

use crate::model::calendar::HolidaySet;
use crate::model::calendar::custom::CustomCalendar;
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
    /// A scenario file whose `[[custom_calendar]]` tables NAME may name.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
}

/// A calendar to list: a named one, or a scenario's own.
#[derive(Debug, Clone, Copy)]
pub enum Calendar<'a> {
    /// A named calendar.
    Named(HolidaySet),
    /// A scenario's `[[custom_calendar]]`.
    Custom(&'a CustomCalendar),
}

impl Calendar<'_> {
    fn days_of_year(&self, year: i32) -> Vec<(NaiveDate, &'static str)> {
        match self {
            Calendar::Named(s) => s.days_of_year(year),
            Calendar::Custom(c) => c.days_of_year(year),
        }
    }

    fn first_year(&self) -> Option<i32> {
        match self {
            Calendar::Named(s) => s.first_year(),
            Calendar::Custom(c) => c.base.first_year(),
        }
    }

    fn heading(&self) -> String {
        match self {
            Calendar::Named(s) => format!("{}: {}", s.as_str(), s.description()),
            Calendar::Custom(c) => format!(
                "{}: {} with {} day(s) off added and {} removed (a custom calendar)",
                c.id,
                c.base.as_str(),
                c.add.len(),
                c.remove.len()
            ),
        }
    }
}

/// Prints the report; on bad input returns the message for exit code 2.
pub fn run(args: &CalendarArgs) -> Result<(), String> {
    let fiscal = match &args.fiscal {
        None => None,
        Some(f) => Some(FiscalYear::parse(f).ok_or_else(|| {
            format!("error: unknown fiscal year `{f}`\n  = help: use `--fiscal` or `--fiscal jp` (April to March) or `--fiscal us` (October to September)\n")
        })?),
    };
    let text = match &args.scenario {
        None => report(&args.name, args.year, fiscal)?,
        Some(path) => {
            let loaded = crate::scenario::load(path, &crate::scenario::Overrides::default())
                .map_err(|d| d.to_string())?;
            let custom = &loaded.model.custom_calendars;
            match custom.iter().find(|c| c.id == args.name) {
                Some(c) => report_for(Calendar::Custom(c), args.year, fiscal)?,
                None => report(&args.name, args.year, fiscal).map_err(|e| {
                    let ids: Vec<&str> = custom.iter().map(|c| c.id.as_str()).collect();
                    format!(
                        "{e}  = note: the custom calendars of {} are: {}\n",
                        path.display(),
                        if ids.is_empty() {
                            "none".to_string()
                        } else {
                            ids.join(", ")
                        }
                    )
                })?,
            }
        }
    };
    print!("{text}");
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
pub fn count(calendar: Calendar<'_>, first: NaiveDate, last: NaiveDate) -> YearCount {
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
            "error: unknown calendar `{name}`\n  = help: use one of {}, or a custom calendar's id with --scenario FILE\n",
            HolidaySet::spellings()
        )
    })?;
    report_for(Calendar::Named(calendar), year, fiscal)
}

/// The text `regsim calendar` prints for `calendar`, or the reason it cannot.
pub fn report_for(
    calendar: Calendar<'_>,
    year: i32,
    fiscal: Option<FiscalYear>,
) -> Result<String, String> {
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
    if last > crate::model::LAST_DATE {
        return Err(format!(
            "error: year {year} is out of range: {}\n",
            crate::model::Horizon
        ));
    }
    if let Some(from) = calendar.first_year().filter(|&f| first.year() < f) {
        return Err(format!(
            "error: calendar `{}` covers the years from {from} on, not {}\n  = help: its rules are those in force from {from}; see `docs/scenario-format.md`\n",
            calendar.heading().split(':').next().unwrap_or_default(),
            first.year()
        ));
    }
    let c = count(calendar, first, last);
    let mut out = String::new();
    let _ = writeln!(out, "{}", calendar.heading());
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
    use proptest::prelude::*;

    use super::*;
    use crate::model::calendar::BusinessDays;

    proptest! {
        /// The count `regsim calendar` prints equals the business-day table the
        /// simulation uses, for every named calendar and any span of days.
        #[test]
        fn the_printed_count_is_the_simulations(
            which in 0usize..HolidaySet::ALL.len(),
            start in 0i64..30_000,
            len in 1i64..800,
        ) {
            let set = HolidaySet::ALL[which];
            let first = NaiveDate::from_ymd_opt(1980, 1, 1).unwrap() + chrono::Days::new(start as u64);
            let last = first + chrono::Days::new(len as u64 - 1);
            let table = BusinessDays::new(first, len as usize, &set.holidays_between(first, last));
            let c = count(Calendar::Named(set), first, last);
            prop_assert_eq!(Some(c.business_days), table.count_business_days(0, len));
        }
    }

    #[test]
    fn counts_add_up() {
        let first = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        let c = count(Calendar::Named(HolidaySet::None), first, last);
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
