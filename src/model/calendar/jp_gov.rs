//! Japanese government offices' days off: the Act on Holidays of Administrative Organs
//! (行政機関の休日に関する法律, Act No. 91 of 1988), Article 1(1): Sundays and Saturdays,
//! the national holidays (国民の祝日に関する法律に規定する休日), and 29 December to
//! 3 January. PMDA and MHLW count their administrative days on this calendar.

use chrono::{Datelike, NaiveDate};

use super::jp::jp_holidays;

/// Name of the year-end and new-year days that are not national holidays.
pub const YEAR_END: &str = "年末年始の休日";

/// The days off of government offices in `year` besides Saturdays and Sundays, sorted:
/// the national holidays, and 29 December to 3 January (1 January keeps its national
/// holiday's name). Weekend days among them are listed too. Empty where
/// [`jp_holidays`] is.
pub fn jp_gov_days_off(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let mut days = jp_holidays(year);
    if days.is_empty() {
        return days;
    }
    let year_end = [(1, 1), (1, 2), (1, 3), (12, 29), (12, 30), (12, 31)]
        .map(|(m, d)| NaiveDate::from_ymd_opt(year, m, d).expect("a valid date"));
    for date in year_end {
        if !days.iter().any(|(d, _)| *d == date) {
            days.push((date, YEAR_END));
        }
    }
    days.sort_unstable();
    debug_assert!(days.iter().all(|(d, _)| d.year() == year));
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_end_added_national_holidays_kept() {
        let days = jp_gov_days_off(2024);
        let names: Vec<(String, &str)> = days
            .iter()
            .filter(|(d, _)| d.month() == 1 && d.day() <= 3 || d.month() == 12 && d.day() >= 29)
            .map(|(d, n)| (d.to_string(), *n))
            .collect();
        assert_eq!(
            names,
            [
                ("2024-01-01", "元日"),
                ("2024-01-02", YEAR_END),
                ("2024-01-03", YEAR_END),
                ("2024-12-29", YEAR_END),
                ("2024-12-30", YEAR_END),
                ("2024-12-31", YEAR_END),
            ]
            .map(|(d, n)| (d.to_string(), n))
        );
        assert_eq!(days.len(), jp_holidays(2024).len() + 5);
        assert!(jp_gov_days_off(1947).is_empty());
    }
}
