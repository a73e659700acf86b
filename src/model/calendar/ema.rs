//! The European Medicines Agency's closure days, as data with their sources.
//!
//! The EMA closes its offices between Christmas and New Year, announcing the period each
//! year; it does not publish the list as a standing rule. Only the closures that a public
//! source records are listed here, so the calendar is honest about its gaps: in every
//! other year `eu-ema` has weekends only. Add the closure of a year you need with a
//! custom calendar (`[[custom_calendar]]` with `base = "eu-ema"` and `add = [...]`).
//!
//! | closure (inclusive) | source |
//! | --- | --- |
//! | 23 Dec 2011 to 2 Jan 2012 | EMA notice on Type IA variations, Oct 2011, quoted at ectdregulatorysubmissionsnetwork.blogspot.com/2011/10 |
//! | 24 Dec 2012 to 2 Jan 2013 | RAPS Regulatory Focus, "EMA Closed Through Rest of 2012", 20 Dec 2012 |
//! | 23 Dec 2016 to 2 Jan 2017 | EMA, "EMA encourages companies to submit Type I variations for 2016 by end of November", 17 Nov 2016 |

use chrono::{Datelike, NaiveDate};

/// A day as (year, month, day).
type Ymd = (i32, u32, u32);

/// Closure periods, first and last day inclusive.
const CLOSURES: [(Ymd, Ymd); 3] = [
    ((2011, 12, 23), (2012, 1, 2)),
    ((2012, 12, 24), (2013, 1, 2)),
    ((2016, 12, 23), (2017, 1, 2)),
];

/// The years in which the list records a closure day.
pub fn covered_years() -> Vec<i32> {
    let mut years: Vec<i32> = CLOSURES
        .iter()
        .flat_map(|&((a, _, _), (b, _, _))| [a, b])
        .collect();
    years.dedup();
    years
}

/// The EMA's recorded closure days in `year`, sorted (weekends included).
pub fn ema_closure_days(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let ymd = |(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
    CLOSURES
        .iter()
        .flat_map(|&(first, last)| {
            let (first, last) = (ymd(first), ymd(last));
            first.iter_days().take_while(move |d| *d <= last)
        })
        .filter(|d| d.year() == year)
        .map(|d| (d, "EMA closure (year end)"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closures_by_year() {
        let d2012: Vec<String> = ema_closure_days(2012)
            .into_iter()
            .map(|(d, _)| d.to_string())
            .collect();
        // 1-2 January (end of the 2011 closure), 24-31 December.
        assert_eq!(d2012.len(), 10);
        assert_eq!(d2012[0], "2012-01-01");
        assert_eq!(d2012[2], "2012-12-24");
        assert!(ema_closure_days(2024).is_empty());
        assert_eq!(covered_years(), [2011, 2012, 2013, 2016, 2017]);
    }
}
