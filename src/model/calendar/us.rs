//! United States federal holidays, as 5 U.S.C. 6103(a) lists them, on the days federal
//! offices observe them.
//!
//! Source: 5 U.S.C. 6103 (legal public holidays) and the observed-day rule of
//! 5 U.S.C. 6103(b) and Executive Order 11582 (1971), as OPM applies it: a holiday on a
//! Saturday is observed on the Friday before, one on a Sunday on the Monday after. So
//! New Year's Day 2022, a Saturday, was observed on Friday 31 December 2021: the day
//! belongs to the year in which it is observed.
//!
//! The rules as they stand since the Uniform Monday Holiday Act (in force 1971):
//! Washington's Birthday, Memorial Day and Columbus Day on Mondays from 1971; Veterans
//! Day back on 11 November from 1978 (the fourth Monday of October 1971-1977); the
//! Birthday of Martin Luther King, Jr. from 1986; Juneteenth National Independence Day
//! from 2021. Years before 1971 are not covered. Inauguration Day (a holiday in the
//! Washington area only, every four years) is not included.

use chrono::{Datelike, NaiveDate, Weekday};

/// The first year these rules cover.
pub const FIRST_YEAR: i32 = 1971;

/// The federal holidays observed in `year`, sorted, with their names (an observed day
/// that moved is named "... (observed)"). Empty before [`FIRST_YEAR`].
pub fn us_federal_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    if year < FIRST_YEAR || NaiveDate::from_ymd_opt(year + 1, 12, 31).is_none() {
        return Vec::new();
    }
    let mut out: Vec<(NaiveDate, &'static str)> = [year - 1, year, year + 1]
        .into_iter()
        .flat_map(legal_holidays)
        .map(|(date, name, observed_name)| match date.weekday() {
            Weekday::Sat => (date.pred_opt().expect("in range"), observed_name),
            Weekday::Sun => (date.succ_opt().expect("in range"), observed_name),
            _ => (date, name),
        })
        .filter(|(date, _)| date.year() == year)
        .collect();
    out.sort_unstable();
    out
}

/// The legal public holidays of `y` on their own dates: (date, name, name when observed
/// on another day).
fn legal_holidays(y: i32) -> Vec<(NaiveDate, &'static str, &'static str)> {
    let date = |m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
    let nth = |m, wd, n| NaiveDate::from_weekday_of_month_opt(y, m, wd, n).expect("exists");
    let last_monday_of_may = (25..=31)
        .map(|d| date(5, d))
        .find(|d| d.weekday() == Weekday::Mon)
        .expect("May has a last Monday");
    let mut v = vec![(date(1, 1), "New Year's Day", "New Year's Day (observed)")];
    if y >= 1986 {
        v.push((
            nth(1, Weekday::Mon, 3),
            "Birthday of Martin Luther King, Jr.",
            "",
        ));
    }
    v.push((nth(2, Weekday::Mon, 3), "Washington's Birthday", ""));
    v.push((last_monday_of_may, "Memorial Day", ""));
    if y >= 2021 {
        v.push((
            date(6, 19),
            "Juneteenth National Independence Day",
            "Juneteenth National Independence Day (observed)",
        ));
    }
    v.push((
        date(7, 4),
        "Independence Day",
        "Independence Day (observed)",
    ));
    v.push((nth(9, Weekday::Mon, 1), "Labor Day", ""));
    v.push((nth(10, Weekday::Mon, 2), "Columbus Day", ""));
    if y >= 1978 {
        v.push((date(11, 11), "Veterans Day", "Veterans Day (observed)"));
    } else {
        v.push((nth(10, Weekday::Mon, 4), "Veterans Day", ""));
    }
    v.push((nth(11, Weekday::Thu, 4), "Thanksgiving Day", ""));
    v.push((date(12, 25), "Christmas Day", "Christmas Day (observed)"));
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(year: i32) -> Vec<(String, &'static str)> {
        us_federal_holidays(year)
            .into_iter()
            .map(|(d, n)| (d.to_string(), n))
            .collect()
    }

    /// OPM's published list of federal holidays for 2021 (opm.gov, "Federal Holidays"):
    /// Juneteenth's first year, observed on Friday 18 June; Independence Day observed on
    /// Monday 5 July; Christmas on Friday 24 December; and New Year's Day 2022, a
    /// Saturday, observed on Friday 31 December 2021.
    #[test]
    fn opm_2021() {
        let expected = [
            ("2021-01-01", "New Year's Day"),
            ("2021-01-18", "Birthday of Martin Luther King, Jr."),
            ("2021-02-15", "Washington's Birthday"),
            ("2021-05-31", "Memorial Day"),
            (
                "2021-06-18",
                "Juneteenth National Independence Day (observed)",
            ),
            ("2021-07-05", "Independence Day (observed)"),
            ("2021-09-06", "Labor Day"),
            ("2021-10-11", "Columbus Day"),
            ("2021-11-11", "Veterans Day"),
            ("2021-11-25", "Thanksgiving Day"),
            ("2021-12-24", "Christmas Day (observed)"),
            ("2021-12-31", "New Year's Day (observed)"),
        ];
        assert_eq!(days(2021), expected.map(|(d, n)| (d.to_string(), n)));
        // 2022 therefore has no New Year's Day of its own, and ends with Christmas
        // (a Sunday) observed on Monday 26 December.
        let y2022 = days(2022);
        assert_eq!(y2022.len(), 10);
        assert_eq!(y2022[0].0, "2022-01-17");
        assert_eq!(
            y2022.last(),
            Some(&("2022-12-26".to_string(), "Christmas Day (observed)"))
        );
    }

    /// OPM's lists for 2023 to 2025: New Year's Day 2023 (a Sunday) on Monday 2 January,
    /// Veterans Day 2023 (a Saturday) on Friday 10 November.
    #[test]
    fn opm_2023_to_2025() {
        let dates = |y| -> Vec<String> {
            us_federal_holidays(y)
                .into_iter()
                .map(|(d, _)| d.format("%m-%d").to_string())
                .collect()
        };
        let expected = [
            (
                2023,
                [
                    "01-02", "01-16", "02-20", "05-29", "06-19", "07-04", "09-04", "10-09",
                    "11-10", "11-23", "12-25",
                ],
            ),
            (
                2024,
                [
                    "01-01", "01-15", "02-19", "05-27", "06-19", "07-04", "09-02", "10-14",
                    "11-11", "11-28", "12-25",
                ],
            ),
            (
                2025,
                [
                    "01-01", "01-20", "02-17", "05-26", "06-19", "07-04", "09-01", "10-13",
                    "11-11", "11-27", "12-25",
                ],
            ),
        ];
        for (year, list) in expected {
            assert_eq!(dates(year), list, "{year}");
        }
    }

    #[test]
    fn eleven_a_year_from_2021_and_history() {
        // 2024: eleven holidays, none moved.
        assert_eq!(us_federal_holidays(2024).len(), 11);
        // Before 2021 no Juneteenth; before 1986 no King Day.
        assert!(days(2020).iter().all(|(_, n)| !n.contains("Juneteenth")));
        assert!(days(1985).iter().all(|(_, n)| !n.contains("King")));
        assert!(days(1986).contains(&("1986-01-20".into(), "Birthday of Martin Luther King, Jr.")));
        // Veterans Day on the fourth Monday of October 1971-1977.
        assert!(days(1975).contains(&("1975-10-27".into(), "Veterans Day")));
        assert!(us_federal_holidays(1970).is_empty());
        // Far years keep working: Thanksgiving 2100 is Thursday 25 November.
        assert!(days(2100).contains(&("2100-11-25".into(), "Thanksgiving Day")));
    }
}
