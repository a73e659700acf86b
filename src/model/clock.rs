//! Clock rules: when a review clock starts, and goals counted in calendar months.
//!
//! - PMDA's busy-month rule (PMDA, digital book on its review system,
//!   pmda.go.jp/about-pmda/outline/digitalbook/pageindices/index14.html): an application
//!   filed on or after the 16th of March, June, September or December has its start
//!   date counted as the 1st of the next month. Months and day are data in the file
//!   (`[pathway.clock_start]`), so the rule is checked there, not hidden here.
//! - Month arithmetic for goals such as PDUFA's "10 months of the 60-day filing date":
//!   the same day of the month N months later; when that month is shorter, its last day
//!   (31 January + 1 month = 28 or 29 February).

use chrono::{Datelike, Months, NaiveDate};

/// A rule moving the start of the review clock from the filing date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockStart {
    /// `busy[m]`: month `m` (1 to 12) is a busy month.
    pub busy: [bool; 13],
    /// From this day of a busy month on, the clock starts on the 1st of the next month.
    pub from_day: u32,
    /// Review days count from the clock start (as PMDA counts its review time) instead
    /// of the submission date; time to approval still counts from the day the product
    /// was ready.
    pub review_days_from_start: bool,
}

impl ClockStart {
    /// The day the clock starts for an application filed on `filed`.
    pub fn start(&self, filed: NaiveDate) -> NaiveDate {
        if self.applies(filed) {
            first_of_next_month(filed)
        } else {
            filed
        }
    }

    /// Whether the rule moves the start of an application filed on `filed`.
    pub fn applies(&self, filed: NaiveDate) -> bool {
        self.busy[filed.month() as usize] && filed.day() >= self.from_day
    }

    /// The busy months, e.g. "March, June, September and December".
    pub fn months_text(&self) -> String {
        let names: Vec<&str> = (1..=12).filter(|&m| self.busy[m]).map(month_name).collect();
        match names.split_last() {
            None => String::new(),
            Some((last, [])) => (*last).to_string(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        }
    }

    /// One line saying what the rule did with `filed`.
    pub fn explain(&self, filed: NaiveDate) -> String {
        if self.applies(filed) {
            format!(
                "clock start: submitted {filed} ({}), on or after the {} of a busy month ({}): the clock starts on the 1st of the next month, {}",
                filed.weekday(),
                ordinal(self.from_day),
                self.months_text(),
                self.start(filed)
            )
        } else {
            format!(
                "clock start: submitted {filed} ({}), not on or after the {} of a busy month ({}): the clock starts on the submission date",
                filed.weekday(),
                ordinal(self.from_day),
                self.months_text()
            )
        }
    }
}

/// The 1st of the month after `date`'s.
pub fn first_of_next_month(date: NaiveDate) -> NaiveDate {
    let first = date.with_day(1).expect("every month has a 1st");
    first
        .checked_add_months(Months::new(1))
        .expect("within chrono's range")
}

/// `date` plus `months` calendar months: the same day of the month, or the last day of
/// a shorter month. `None` past chrono's range.
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// English month name, 1 = January.
pub fn month_name(m: usize) -> &'static str {
    [
        "",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ][m]
}

/// "1st", "2nd", "16th".
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn pmda() -> ClockStart {
        let mut busy = [false; 13];
        for m in [3, 6, 9, 12] {
            busy[m] = true;
        }
        ClockStart {
            busy,
            from_day: 16,
            review_days_from_start: false,
        }
    }

    /// PMDA's busy-month rule, from its text: "filed on or after the 16th of March,
    /// June, September or December: start date counted as the 1st of the next month".
    #[test]
    fn busy_month_rule_from_its_text() {
        let r = pmda();
        assert_eq!(r.start(d("2024-03-15")), d("2024-03-15")); // before the 16th
        assert_eq!(r.start(d("2024-03-16")), d("2024-04-01")); // the 16th itself
        assert_eq!(r.start(d("2024-03-31")), d("2024-04-01"));
        assert_eq!(r.start(d("2024-06-28")), d("2024-07-01"));
        assert_eq!(r.start(d("2024-09-16")), d("2024-10-01"));
        assert_eq!(r.start(d("2024-12-20")), d("2025-01-01")); // into the next year
        assert_eq!(r.start(d("2024-04-20")), d("2024-04-20")); // not a busy month
        assert_eq!(r.months_text(), "March, June, September and December");
        assert!(r.explain(d("2024-12-20")).ends_with("2025-01-01"));
    }

    proptest::proptest! {
        /// The clock never starts before filing, and moves at most to the 1st of the
        /// next month, only from a busy month's `from_day` on.
        #[test]
        fn the_clock_start_is_filing_or_the_next_1st(day in 0u64..40_000) {
            let filed = d("2000-01-01") + chrono::Days::new(day);
            let start = pmda().start(filed);
            proptest::prop_assert!(start >= filed);
            if start != filed {
                proptest::prop_assert_eq!(start, first_of_next_month(filed));
                proptest::prop_assert!([3, 6, 9, 12].contains(&filed.month()) && filed.day() >= 16);
            }
        }
    }

    #[test]
    fn months_keep_the_day_or_take_the_last() {
        assert_eq!(add_months(d("2024-03-15"), 10), Some(d("2025-01-15")));
        assert_eq!(add_months(d("2024-01-31"), 1), Some(d("2024-02-29")));
        assert_eq!(add_months(d("2023-01-31"), 1), Some(d("2023-02-28")));
        assert_eq!(add_months(d("2024-12-31"), 0), Some(d("2024-12-31")));
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(22), "22nd");
    }
}
