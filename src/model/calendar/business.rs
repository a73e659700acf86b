//! A precomputed business-day table: every lookup is O(1), so the simulation can move
//! dates by business days millions of times without walking day by day.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

/// Weekends (Sat, Sun) plus a set of holidays, over a window of days starting at `origin`.
///
/// Days are addressed by their offset from `origin`: offset 0 is `origin`, the window is
/// the offsets `0..len_days`. Every query is two array lookups at most, and returns `None`
/// when it would need a day outside the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessDays {
    origin: NaiveDate,
    /// For each offset `0..=len_days`, the index in `business` of the first business day at
    /// or after it (`business.len()` if there is none in the window).
    next_index: Vec<u32>,
    /// Offsets of the business days in the window, ascending.
    business: Vec<u32>,
}

impl BusinessDays {
    /// Table of the `len_days` days from `origin`: a day is a business day unless it is a
    /// Saturday, a Sunday or in `holidays` (holidays outside the window are ignored).
    ///
    /// # Panics
    /// If `len_days` does not fit in a `u32`, or the window passes chrono's last date.
    pub fn new(origin: NaiveDate, len_days: usize, holidays: &BTreeSet<NaiveDate>) -> Self {
        let len = u32::try_from(len_days).expect("window length fits in u32");
        let mut business = Vec::new();
        let mut next_index = Vec::with_capacity(len_days + 1);
        let mut date = origin;
        for offset in 0..len {
            let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            if !weekend && !holidays.contains(&date) {
                business.push(offset);
            }
            date = date.succ_opt().expect("window within chrono's date range");
        }
        let mut index = 0;
        for offset in 0..=len {
            while business.get(index).is_some_and(|&b| b < offset) {
                index += 1;
            }
            next_index.push(u32::try_from(index).expect("index fits in u32"));
        }
        Self {
            origin,
            next_index,
            business,
        }
    }

    /// The date of offset 0.
    pub fn origin(&self) -> NaiveDate {
        self.origin
    }

    /// Number of days in the window.
    pub fn len_days(&self) -> usize {
        self.next_index.len() - 1
    }

    /// Offset of `date` from the origin (negative before it; may lie outside the window).
    pub fn offset_of(&self, date: NaiveDate) -> i64 {
        (date - self.origin).num_days()
    }

    /// Date of offset `day`, if it is inside the window.
    pub fn date_of(&self, day: i64) -> Option<NaiveDate> {
        self.slot(day)?;
        Some(self.origin + TimeDelta::days(day))
    }

    /// Whether offset `day` is a business day; `None` outside the window.
    pub fn is_business_day(&self, day: i64) -> Option<bool> {
        let slot = self.slot(day)?;
        let index = self.next_index[slot] as usize;
        Some(
            self.business
                .get(index)
                .is_some_and(|&b| b as usize == slot),
        )
    }

    /// `numpy.busday_offset(start, n, roll="forward")` in day offsets: roll `start` forward
    /// to a business day, then move `n` business days later. `None` if `start` or the
    /// result falls outside the window.
    pub fn add_business_days(&self, start: i64, n: u32) -> Option<i64> {
        let index = self.next_index[self.slot(start)?] as usize;
        let target = index.checked_add(n as usize)?;
        self.business.get(target).map(|&b| i64::from(b))
    }

    /// First business day on or after `day`; `None` if `day` is outside the window or the
    /// window holds no business day from `day` on.
    pub fn next_business_day(&self, day: i64) -> Option<i64> {
        self.add_business_days(day, 0)
    }

    /// Last business day on or before `day`; `None` if `day` is outside the window or the
    /// window holds no business day up to `day`.
    pub fn previous_business_day(&self, day: i64) -> Option<i64> {
        let slot = self.slot(day)?;
        // Index of the first business day strictly after `day`, less one.
        let after = self.next_index[slot + 1] as usize;
        let index = after.checked_sub(1)?;
        Some(i64::from(self.business[index]))
    }

    /// Number of business days in `[from, to)`, like `numpy.busday_count`. `from` and `to`
    /// may each be any offset in `0..=len_days`; `None` otherwise or if `from > to`.
    pub fn count_business_days(&self, from: i64, to: i64) -> Option<u32> {
        let bound = |day: i64| usize::try_from(day).ok().filter(|&d| d <= self.len_days());
        let (from, to) = (bound(from)?, bound(to)?);
        (from <= to).then(|| self.next_index[to] - self.next_index[from])
    }

    /// Index of offset `day` into `next_index`, if `day` is inside the window.
    fn slot(&self, day: i64) -> Option<usize> {
        usize::try_from(day).ok().filter(|&d| d < self.len_days())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::HolidaySet;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("ISO date")
    }

    /// April and May 2024 (61 days from Monday 1 April) with Japanese holidays: Golden Week
    /// is 29 April (Mon), 3-5 May (Fri-Sun) and the substitute 6 May (Mon).
    fn spring_2024() -> BusinessDays {
        let holidays = HolidaySet::Jp.holidays_between(d("2024-04-01"), d("2024-05-31"));
        BusinessDays::new(d("2024-04-01"), 61, &holidays)
    }

    #[test]
    fn golden_week_2024() {
        let t = spring_2024();
        let day = |s| t.offset_of(d(s));
        let add = |s, n| t.add_business_days(day(s), n).and_then(|o| t.date_of(o));
        assert_eq!(add("2024-04-26", 1), Some(d("2024-04-30")));
        assert_eq!(add("2024-05-02", 1), Some(d("2024-05-07")));
        // A Saturday start rolls forward past Sunday and the Monday holiday.
        assert_eq!(add("2024-04-27", 0), Some(d("2024-04-30")));
        assert_eq!(add("2024-04-27", 3), Some(d("2024-05-07")));
        assert_eq!(add("2024-05-03", 0), Some(d("2024-05-07")));
        assert_eq!(add("2024-04-01", 0), Some(d("2024-04-01")));
        assert_eq!(t.is_business_day(day("2024-05-06")), Some(false));
        assert_eq!(t.is_business_day(day("2024-05-07")), Some(true));
        assert_eq!(
            t.previous_business_day(day("2024-05-06")),
            Some(day("2024-05-02"))
        );
        assert_eq!(
            t.previous_business_day(day("2024-05-02")),
            Some(day("2024-05-02"))
        );
        assert_eq!(
            t.next_business_day(day("2024-05-04")),
            Some(day("2024-05-07"))
        );
    }

    #[test]
    fn counts_per_month() {
        let t = spring_2024();
        // April: 22 weekdays less 29 April; May: 23 weekdays less 3 and 6 May.
        assert_eq!(t.count_business_days(0, 30), Some(21));
        assert_eq!(t.count_business_days(30, 61), Some(21));
        assert_eq!(t.count_business_days(0, 61), Some(42));
        assert_eq!(t.count_business_days(4, 4), Some(0));
        assert_eq!(t.count_business_days(5, 4), None);
        assert_eq!(t.count_business_days(0, 62), None);
        assert_eq!(t.count_business_days(-1, 3), None);
    }

    #[test]
    fn window_edges() {
        let t = spring_2024();
        assert_eq!((t.origin(), t.len_days()), (d("2024-04-01"), 61));
        assert_eq!(t.is_business_day(-1), None);
        assert_eq!(t.is_business_day(61), None);
        assert_eq!(t.date_of(61), None);
        assert_eq!(t.add_business_days(60, 0), Some(60)); // Friday 31 May
        assert_eq!(t.add_business_days(60, 1), None);
        assert_eq!(t.add_business_days(-1, 0), None);
        assert_eq!(t.add_business_days(0, u32::MAX), None);
        assert_eq!(t.next_business_day(61), None);
        assert_eq!(t.previous_business_day(0), Some(0));
        assert_eq!(t.previous_business_day(-1), None);

        // A window from Saturday 1 June to Sunday 9 June 2024.
        let t = BusinessDays::new(d("2024-06-01"), 9, &BTreeSet::new());
        assert_eq!(t.previous_business_day(1), None);
        assert_eq!(t.next_business_day(0), Some(2));
        assert_eq!(t.next_business_day(7), None);
        assert_eq!(t.previous_business_day(8), Some(6));
        assert_eq!(t.count_business_days(0, 9), Some(5));

        let empty = BusinessDays::new(d("2024-06-01"), 0, &BTreeSet::new());
        assert_eq!(empty.len_days(), 0);
        assert_eq!(empty.is_business_day(0), None);
        assert_eq!(empty.count_business_days(0, 0), Some(0));
    }

    #[test]
    fn agrees_with_day_by_day_walk() {
        let origin = d("2018-12-01");
        let len = 500;
        let holidays = HolidaySet::Jp.holidays_between(origin, origin + TimeDelta::days(len));
        let t = BusinessDays::new(origin, len as usize, &holidays);
        let business = |o: i64| {
            (0..len)
                .contains(&o)
                .then(|| t.is_business_day(o) == Some(true))
        };
        for o in 0..len {
            let date = origin + TimeDelta::days(o);
            let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
            assert_eq!(business(o), Some(!weekend && !holidays.contains(&date)));
            let next = (o..len).find(|&x| business(x) == Some(true));
            assert_eq!(t.next_business_day(o), next);
            assert_eq!(
                t.previous_business_day(o),
                (0..=o).rev().find(|&x| business(x) == Some(true))
            );
            for n in 0..12u32 {
                let walked = next.and_then(|s| {
                    (s..len)
                        .filter(|&x| business(x) == Some(true))
                        .nth(n as usize)
                });
                assert_eq!(t.add_business_days(o, n), walked, "start {o}, n {n}");
            }
            let count = (0..o).filter(|&x| business(x) == Some(true)).count() as u32;
            assert_eq!(t.count_business_days(0, o), Some(count));
        }
    }
}
