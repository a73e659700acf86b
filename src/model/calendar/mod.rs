//! Calendars: national holidays, regulators' working days and business-day arithmetic.
//!
//! Review clocks in regulatory pathways often count business days, so a schedule needs the
//! days off of the agency that runs the clock. Holidays are computed from the rules of the
//! law where there is one, not read from a table: a table ends (holiday_jp's list stops in
//! 2050), while simulated timelines may run past any fixed horizon, and rules are short
//! enough to check line by line against the statute. Where an agency publishes its days
//! off only year by year (the EMA), they are data with their source.
//!
//! - [`jp`]: Japanese holidays from the Act on National Holidays (国民の祝日に関する法律,
//!   Act No. 178 of 1948, as amended) and the special laws for one-off days, with equinoxes
//!   by the standard approximation formula. Tests compare every date from 1970 to 2050
//!   against the holiday_jp data set (github.com/holiday-jp/holiday_jp, MIT, copied to
//!   `tests/data/fixtures/holiday_jp/`).
//! - [`jp_gov`]: Japanese government offices (the Act on Holidays of Administrative
//!   Organs): the national holidays and 29 December to 3 January.
//! - [`us`]: United States federal holidays (5 U.S.C. 6103) on their observed days.
//! - [`uk`]: bank holidays in England and Wales (gov.uk's list, by rule and proclamation).
//! - [`ema`]: the EMA's recorded closure days.
//! - [`business`]: a precomputed table over a window of days, for O(1) business-day
//!   arithmetic with numpy's `busday_offset` / `busday_count` semantics.

pub mod business;
pub mod custom;
pub mod ema;
pub mod fiscal;
pub mod jp;
pub mod jp_gov;
pub mod uk;
pub mod us;

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};

pub use business::BusinessDays;
pub use jp::{is_jp_holiday, jp_holiday_name, jp_holidays};

/// A named calendar: which days besides Saturdays and Sundays are days off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidaySet {
    /// Japanese public holidays ([`jp_holidays`]).
    Jp,
    /// Japanese government offices: public holidays and 29 December to 3 January.
    JpGov,
    /// United States federal holidays on their observed days.
    UsFederal,
    /// Bank holidays in England and Wales.
    UkEngland,
    /// The EMA's recorded closure days (a few years only; see [`ema`]).
    EuEma,
    /// No holidays: only weekends are non-business days.
    None,
}

impl HolidaySet {
    /// Every named calendar, in the order the documentation lists them.
    pub const ALL: [HolidaySet; 6] = [
        Self::Jp,
        Self::JpGov,
        Self::UsFederal,
        Self::UkEngland,
        Self::EuEma,
        Self::None,
    ];

    /// The days off of `year` besides weekends, sorted, with their names (a day off
    /// that falls on a weekend is listed too).
    pub fn days_of_year(&self, year: i32) -> Vec<(NaiveDate, &'static str)> {
        match self {
            Self::Jp => jp_holidays(year),
            Self::JpGov => jp_gov::jp_gov_days_off(year),
            Self::UsFederal => us::us_federal_holidays(year),
            Self::UkEngland => uk::uk_england_bank_holidays(year),
            Self::EuEma => ema::ema_closure_days(year),
            Self::None => Vec::new(),
        }
    }

    /// The first year whose days off the rules cover (`None`: any year).
    pub fn first_year(&self) -> Option<i32> {
        match self {
            Self::Jp | Self::JpGov => Some(1948),
            Self::UsFederal => Some(us::FIRST_YEAR),
            Self::UkEngland => Some(uk::FIRST_YEAR),
            Self::EuEma | Self::None => None,
        }
    }

    /// What the calendar is, and its source, in a line.
    pub fn description(&self) -> &'static str {
        match self {
            Self::Jp => {
                "Japanese national holidays (Act on National Holidays, Act No. 178 of 1948)"
            }
            Self::JpGov => {
                "Japanese government offices: national holidays and 29 December to 3 January (Act on Holidays of Administrative Organs, Act No. 91 of 1988)"
            }
            Self::UsFederal => {
                "United States federal holidays on their observed days (5 U.S.C. 6103; Executive Order 11582)"
            }
            Self::UkEngland => "bank holidays in England and Wales (gov.uk/bank-holidays)",
            Self::EuEma => {
                "EMA closure days recorded in public sources (year-end closures of 2011/12, 2012/13 and 2016/17 only; other years weekends only)"
            }
            Self::None => "weekends only",
        }
    }

    /// Holidays of this set from `from` to `to`, both inclusive (empty if `from > to`).
    pub fn holidays_between(&self, from: NaiveDate, to: NaiveDate) -> BTreeSet<NaiveDate> {
        if from > to {
            return BTreeSet::new();
        }
        (from.year()..=to.year())
            .flat_map(|y| self.days_of_year(y))
            .map(|(date, _)| date)
            .filter(|date| (from..=to).contains(date))
            .collect()
    }

    /// Name of the holiday on `date` in this set, if it is one.
    pub fn name_of(&self, date: NaiveDate) -> Option<&'static str> {
        self.days_of_year(date.year())
            .into_iter()
            .find(|(d, _)| *d == date)
            .map(|(_, name)| name)
    }

    /// Parses the scenario spelling, e.g. `"jp-gov"` (ASCII case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|set| set.as_str().eq_ignore_ascii_case(s))
    }

    /// The scenario spelling, the inverse of [`HolidaySet::parse`].
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Jp => "jp",
            Self::JpGov => "jp-gov",
            Self::UsFederal => "us-federal",
            Self::UkEngland => "uk-england",
            Self::EuEma => "eu-ema",
            Self::None => "none",
        }
    }

    /// The spellings, for help texts: "`jp`, `jp-gov`, ...".
    pub fn spellings() -> String {
        Self::ALL
            .iter()
            .map(|s| format!("`{}`", s.as_str()))
            .collect::<Vec<_>>()
            .join(", ")
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
        assert_eq!(HolidaySet::parse("US-Federal"), Some(HolidaySet::UsFederal));
        for set in HolidaySet::ALL {
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
