//! A calendar defined in a scenario (`[[custom_calendar]]`): a named calendar with days
//! off added (an agency's announced closure) or removed (a holiday it works).

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

use super::HolidaySet;

/// Name given to a day off the scenario adds.
pub const ADDED: &str = "added in the scenario";

/// A named calendar with days added and removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomCalendar {
    /// The id stages, gates and `[calendar]` use.
    pub id: String,
    /// The calendar it starts from.
    pub base: HolidaySet,
    /// Days off added.
    pub add: BTreeSet<NaiveDate>,
    /// Days off of the base that are working days here.
    pub remove: BTreeSet<NaiveDate>,
}

impl CustomCalendar {
    /// The days off of `year` besides weekends, sorted, with their names.
    pub fn days_of_year(&self, year: i32) -> Vec<(NaiveDate, &'static str)> {
        let mut days: Vec<_> = self
            .base
            .days_of_year(year)
            .into_iter()
            .filter(|(d, _)| !self.remove.contains(d))
            .collect();
        for d in self.add.iter().filter(|d| d.year() == year) {
            if !days.iter().any(|(o, _)| o == d) {
                days.push((*d, ADDED));
            }
        }
        days.sort_unstable();
        days
    }

    /// The days off from `from` to `to`, both inclusive.
    pub fn holidays_between(&self, from: NaiveDate, to: NaiveDate) -> BTreeSet<NaiveDate> {
        let mut days = self.base.holidays_between(from, to);
        days.extend(self.add.iter().filter(|d| (from..=to).contains(*d)));
        days.retain(|d| !self.remove.contains(d));
        days
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_and_removed_days() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        let c = CustomCalendar {
            id: "agency".into(),
            base: HolidaySet::JpGov,
            add: [d("2025-01-06")].into(),
            remove: [d("2025-01-13")].into(),
        };
        let days = c.days_of_year(2025);
        assert!(days.contains(&(d("2025-01-06"), ADDED)));
        assert!(!days.iter().any(|(x, _)| *x == d("2025-01-13")));
        let between = c.holidays_between(d("2025-01-01"), d("2025-01-31"));
        assert_eq!(
            between.into_iter().collect::<Vec<_>>(),
            [
                d("2025-01-01"),
                d("2025-01-02"),
                d("2025-01-03"),
                d("2025-01-06")
            ]
        );
    }
}
