//! Fiscal years, as agencies report by them.
//!
//! - Japan: April to March, named by the calendar year it starts in (FY2024 runs from
//!   1 April 2024 to 31 March 2025), as PMDA's annual reports count approvals.
//! - United States: October to September, named by the calendar year it ends in
//!   (FY2025 runs from 1 October 2024 to 30 September 2025, 31 U.S.C. 1102), as the
//!   FDA's PDUFA reports count them.

use chrono::{Datelike, NaiveDate};

/// A fiscal-year convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FiscalYear {
    /// Japan: April to March, named by its first year.
    Jp,
    /// United States: October to September, named by its last year.
    Us,
}

impl FiscalYear {
    /// Parses `"jp"` or `"us"`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "jp" => Some(Self::Jp),
            "us" => Some(Self::Us),
            _ => None,
        }
    }

    /// The spelling in scenario files and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Jp => "jp",
            Self::Us => "us",
        }
    }

    /// A label such as "Japanese fiscal year 2024".
    pub fn label(self, year: i32) -> String {
        match self {
            Self::Jp => format!("Japanese fiscal year {year} (April to March)"),
            Self::Us => format!("US federal fiscal year {year} (October to September)"),
        }
    }

    /// The fiscal year `date` falls in.
    pub fn of(self, date: NaiveDate) -> i32 {
        match self {
            Self::Jp if date.month() < 4 => date.year() - 1,
            Self::Jp => date.year(),
            Self::Us if date.month() >= 10 => date.year() + 1,
            Self::Us => date.year(),
        }
    }

    /// First and last day of fiscal year `year`, or `None` out of chrono's range.
    pub fn range(self, year: i32) -> Option<(NaiveDate, NaiveDate)> {
        let (first, next) = match self {
            Self::Jp => (
                NaiveDate::from_ymd_opt(year, 4, 1)?,
                NaiveDate::from_ymd_opt(year.checked_add(1)?, 4, 1)?,
            ),
            Self::Us => (
                NaiveDate::from_ymd_opt(year.checked_sub(1)?, 10, 1)?,
                NaiveDate::from_ymd_opt(year, 10, 1)?,
            ),
        };
        Some((first, next.pred_opt()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn japanese_and_us_fiscal_years() {
        assert_eq!(
            FiscalYear::Jp.range(2024),
            Some((d("2024-04-01"), d("2025-03-31")))
        );
        assert_eq!(
            FiscalYear::Us.range(2025),
            Some((d("2024-10-01"), d("2025-09-30")))
        );
        assert_eq!(FiscalYear::Jp.of(d("2025-03-31")), 2024);
        assert_eq!(FiscalYear::Jp.of(d("2025-04-01")), 2025);
        assert_eq!(FiscalYear::Us.of(d("2024-09-30")), 2024);
        assert_eq!(FiscalYear::Us.of(d("2024-10-01")), 2025);
        assert_eq!(FiscalYear::parse("US"), Some(FiscalYear::Us));
        assert_eq!(FiscalYear::parse("eu"), None);
    }
}
