//! Calendars: national holidays and business-day arithmetic.
//!
//! Review clocks in regulatory pathways often count business days, so a schedule needs the
//! holidays of the country whose agency runs the clock. Holidays are computed from the rules
//! of the law, not read from a table: a table ends (holiday_jp's list stops in 2050), while
//! simulated timelines may run past any fixed horizon, and rules are short enough to check
//! line by line against the statute.
//!
//! - [`jp`]: Japanese holidays from the Act on National Holidays (国民の祝日に関する法律,
//!   Act No. 178 of 1948, as amended) and the special laws for one-off days, with equinoxes
//!   by the standard approximation formula. Tests compare every date from 1970 to 2050
//!   against the holiday_jp data set (github.com/holiday-jp/holiday_jp, MIT, copied to
//!   `tests/data/fixtures/holiday_jp/`).
//! - [`business`]: a precomputed table over a window of days, for O(1) business-day
//!   arithmetic with numpy's `busday_offset` / `busday_count` semantics.
//!
//! Government offices' year-end closure (29 December to 3 January) is not a national
//! holiday and is not included.

pub mod business;
pub mod jp;

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

pub use business::BusinessDays;
pub use jp::{is_jp_holiday, jp_holiday_name, jp_holidays};

/// Which national holiday set a scenario's business days exclude.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidaySet {
    /// Japanese public holidays ([`jp_holidays`]).
    Jp,
    /// No holidays: only weekends are non-business days.
    None,
}

impl HolidaySet {
    /// Holidays of this set from `from` to `to`, both inclusive (empty if `from > to`).
    pub fn holidays_between(&self, from: NaiveDate, to: NaiveDate) -> BTreeSet<NaiveDate> {
        match self {
            Self::None => BTreeSet::new(),
            Self::Jp => (from.year()..=to.year())
                .flat_map(jp_holidays)
                .map(|(date, _)| date)
                .filter(|date| (from..=to).contains(date))
                .collect(),
        }
    }

    /// Name of the holiday on `date` in this set, if it is one.
    pub fn name_of(&self, date: NaiveDate) -> Option<&'static str> {
        match self {
            Self::Jp => jp_holiday_name(date),
            Self::None => None,
        }
    }

    /// Parses the scenario spelling: `"jp"` or `"none"` (ASCII case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Jp, Self::None]
            .into_iter()
            .find(|set| set.as_str().eq_ignore_ascii_case(s))
    }

    /// The scenario spelling, the inverse of [`HolidaySet::parse`].
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Jp => "jp",
            Self::None => "none",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("ISO date")
    }

    #[test]
    fn parse_round_trips() {
        assert_eq!(HolidaySet::parse("jp"), Some(HolidaySet::Jp));
        assert_eq!(HolidaySet::parse("JP"), Some(HolidaySet::Jp));
        assert_eq!(HolidaySet::parse("none"), Some(HolidaySet::None));
        assert_eq!(HolidaySet::parse("us"), None);
        for set in [HolidaySet::Jp, HolidaySet::None] {
            assert_eq!(HolidaySet::parse(set.as_str()), Some(set));
        }
    }

    #[test]
    fn holidays_between_is_inclusive_across_years() {
        let got = HolidaySet::Jp.holidays_between(d("2023-12-23"), d("2024-01-08"));
        assert_eq!(
            got.into_iter().collect::<Vec<_>>(),
            [d("2024-01-01"), d("2024-01-08")]
        );
        assert!(
            HolidaySet::Jp
                .holidays_between(d("2024-01-02"), d("2024-01-01"))
                .is_empty()
        );
        assert!(
            HolidaySet::None
                .holidays_between(d("2024-01-01"), d("2024-12-31"))
                .is_empty()
        );
        assert_eq!(
            HolidaySet::Jp
                .holidays_between(d("2024-01-01"), d("2024-12-31"))
                .len(),
            21
        );
    }

    #[test]
    fn names() {
        assert_eq!(
            HolidaySet::Jp.name_of(d("2024-02-12")),
            Some("建国記念の日 振替休日")
        );
        assert_eq!(HolidaySet::Jp.name_of(d("2024-02-13")), None);
        assert_eq!(HolidaySet::None.name_of(d("2024-01-01")), None);
    }
}
