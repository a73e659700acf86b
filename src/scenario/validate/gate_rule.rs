//! Which day of a month a gate rule gives: a day of the month, the nth weekday of it, or
//! a number of business days before its last business day.

use chrono::{Datelike, NaiveDate, Weekday};

use super::Validator;
use crate::model::calendar::BusinessDays;
use crate::scenario::raw::RawGate;

/// The most business days a rule may count back from the month's last business day:
/// every month of a Japanese government calendar has more than 15 business days, so
/// the date stays in its month.
pub(super) const MAX_BUSINESS_DAYS_BEFORE_END: i64 = 15;

/// The day of each of the rule's months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DayRule {
    /// A day of the month, 1 to 31, or -1 for the last; a day past the end of a short
    /// month is its last day.
    DayOfMonth(i64),
    /// The `week`th `weekday` of the month (1 to 5, or -1 for the last); a 5th that the
    /// month does not have is its last.
    Weekday { weekday: Weekday, week: i64 },
    /// This many business days before the month's last business day (0: that day).
    BusinessDaysBeforeEnd(u32),
}

impl DayRule {
    /// Whether the day is already a business day, so `if_not_business_day` means
    /// nothing.
    pub(super) fn is_business_day_rule(self) -> bool {
        matches!(self, DayRule::BusinessDaysBeforeEnd(_))
    }

    /// The rule's calendar date in (year, month): for `BusinessDaysBeforeEnd`, the
    /// month's last day (counted back on business days by [`DayRule::place`]). `None`
    /// for a year chrono cannot hold or a month outside 1 to 12.
    pub(super) fn calendar_date(self, year: i32, month: u32) -> Option<NaiveDate> {
        let last = last_day_of_month(year, month)?;
        match self {
            DayRule::DayOfMonth(-1) | DayRule::BusinessDaysBeforeEnd(_) => {
                NaiveDate::from_ymd_opt(year, month, last)
            }
            DayRule::DayOfMonth(d) => {
                let d = u32::try_from(d).ok()?.min(last);
                NaiveDate::from_ymd_opt(year, month, d)
            }
            DayRule::Weekday { weekday, week } => {
                let last_one = || {
                    let end = NaiveDate::from_ymd_opt(year, month, last)?;
                    let back = (7 + end.weekday().num_days_from_monday()
                        - weekday.num_days_from_monday())
                        % 7;
                    end.checked_sub_days(chrono::Days::new(u64::from(back)))
                };
                match u8::try_from(week) {
                    Ok(n @ 1..=5) => NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
                        .or_else(last_one),
                    _ => last_one(),
                }
            }
        }
    }

    /// The day offset (from the calendar's origin) of the rule's date in (year, month):
    /// for `BusinessDaysBeforeEnd`, counted back on `bd`'s business days. `None` where
    /// the calendar does not reach.
    pub(super) fn business_offset(self, offset_of_last_day: i64, bd: &BusinessDays) -> Option<i64> {
        let DayRule::BusinessDaysBeforeEnd(n) = self else {
            return Some(offset_of_last_day);
        };
        let mut day = bd.previous_business_day(offset_of_last_day)?;
        for _ in 0..n {
            day = bd.previous_business_day(day.checked_sub(1)?)?;
        }
        Some(day)
    }
}

impl Validator {
    /// The day rule of a gate: `day_of_month`, `weekday` with `week`, or
    /// `business_days_before_end`, each checked; `None` after reporting a problem.
    pub(super) fn day_rule(&mut self, g: &RawGate) -> Option<DayRule> {
        let id = g.id.get_ref();
        let mut ok = true;
        // At most one way of giving the day.
        let givers = [
            g.day_of_month.as_ref().map(|d| ("day_of_month", d.span())),
            g.weekday.as_ref().map(|d| ("weekday", d.span())),
            g.business_days_before_end
                .as_ref()
                .map(|d| ("business_days_before_end", d.span())),
        ];
        let given: Vec<_> = givers.into_iter().flatten().collect();
        if let [(first, _), (second, span), ..] = given.as_slice() {
            self.error(
                span.clone(),
                format!("gate `{id}` gives both `{first}` and `{second}`"),
                Some("a rule's day is one of `day_of_month`, `weekday` with `week`, or `business_days_before_end`".into()),
            );
            ok = false;
        }
        match (&g.weekday, &g.week) {
            (Some(w), None) => {
                self.error(
                    w.span(),
                    format!("gate `{id}` gives `weekday` but no `week`"),
                    Some("add `week = 1` to `5` (the 1st to 5th of the month) or `week = -1` (the last)".into()),
                );
                ok = false;
            }
            (None, Some(w)) => {
                self.error(
                    w.span(),
                    format!("gate `{id}` gives `week` but no `weekday`"),
                    Some("add `weekday = \"monday\"` (to `\"sunday\"`)".into()),
                );
                ok = false;
            }
            _ => {}
        }
        if let Some(w) = g.week.as_ref().filter(|w| !is_week(*w.get_ref())) {
            self.error(
                w.span(),
                format!(
                    "week must be 1 to 5, or -1 for the last, not {}",
                    w.get_ref()
                ),
                None,
            );
            ok = false;
        }
        if let Some(d) = g
            .day_of_month
            .as_ref()
            .filter(|d| !(1..=31).contains(d.get_ref()) && *d.get_ref() != -1)
        {
            self.error(
                d.span(),
                format!(
                    "day_of_month must be 1 to 31, or -1 for the last day, not {}",
                    d.get_ref()
                ),
                None,
            );
            ok = false;
        }
        if let Some(n) = g
            .business_days_before_end
            .as_ref()
            .filter(|n| !(0..=MAX_BUSINESS_DAYS_BEFORE_END).contains(n.get_ref()))
        {
            self.error(
                n.span(),
                format!(
                    "business_days_before_end must be 0 to {MAX_BUSINESS_DAYS_BEFORE_END}, not {}",
                    n.get_ref()
                ),
                Some("0 is the month's last business day, 1 the business day before it".into()),
            );
            ok = false;
        }
        if let (Some(_), Some(r)) = (&g.business_days_before_end, &g.if_not_business_day) {
            self.error(
                r.span(),
                format!(
                    "gate `{id}` counts business days, so `if_not_business_day` has nothing to move"
                ),
                Some("remove `if_not_business_day`".into()),
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        Some(match (&g.weekday, &g.week, &g.business_days_before_end) {
            (Some(w), Some(n), _) => DayRule::Weekday {
                weekday: w.get_ref().chrono(),
                week: *n.get_ref(),
            },
            (_, _, Some(n)) => DayRule::BusinessDaysBeforeEnd(u32::try_from(*n.get_ref()).ok()?),
            _ => DayRule::DayOfMonth(g.day_of_month.as_ref().map_or(1, |d| *d.get_ref())),
        })
    }
}

fn is_week(w: i64) -> bool {
    (1..=5).contains(&w) || w == -1
}

/// The number of days in a month; `None` for a month outside 1 to 12 or a year chrono
/// cannot hold.
pub(super) fn last_day_of_month(year: i32, month: u32) -> Option<u32> {
    let (y, m) = if month == 12 {
        (year.checked_add(1)?, 1)
    } else {
        (year, month.checked_add(1)?)
    };
    Some(NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()?.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn month_ends() {
        assert_eq!(last_day_of_month(2024, 2), Some(29));
        assert_eq!(last_day_of_month(2023, 2), Some(28));
        assert_eq!(last_day_of_month(2023, 12), Some(31));
        assert_eq!(last_day_of_month(2023, 13), None);
        assert_eq!(last_day_of_month(i32::MAX, 12), None);
    }

    #[test]
    fn days_of_the_month() {
        assert_eq!(
            DayRule::DayOfMonth(31).calendar_date(2024, 2),
            Some(ymd(2024, 2, 29))
        );
        assert_eq!(
            DayRule::DayOfMonth(-1).calendar_date(2024, 4),
            Some(ymd(2024, 4, 30))
        );
        assert_eq!(
            DayRule::DayOfMonth(15).calendar_date(2024, 4),
            Some(ymd(2024, 4, 15))
        );
    }

    #[test]
    fn weekdays_of_the_month() {
        let thu = |week| DayRule::Weekday {
            weekday: Weekday::Thu,
            week,
        };
        // November 2024 begins on a Friday: Thursdays 7, 14, 21, 28.
        assert_eq!(thu(1).calendar_date(2024, 11), Some(ymd(2024, 11, 7)));
        assert_eq!(thu(4).calendar_date(2024, 11), Some(ymd(2024, 11, 28)));
        assert_eq!(thu(-1).calendar_date(2024, 11), Some(ymd(2024, 11, 28)));
        // No 5th Thursday in November 2024: the last one.
        assert_eq!(thu(5).calendar_date(2024, 11), Some(ymd(2024, 11, 28)));
        // May 2024 has five Thursdays (2, 9, 16, 23, 30).
        assert_eq!(thu(5).calendar_date(2024, 5), Some(ymd(2024, 5, 30)));
        // The last Sunday of March 2024 is the 31st, the month's last day.
        let sun = DayRule::Weekday {
            weekday: Weekday::Sun,
            week: -1,
        };
        assert_eq!(sun.calendar_date(2024, 3), Some(ymd(2024, 3, 31)));
        // The last Monday of March 2024 is the 25th.
        let mon = DayRule::Weekday {
            weekday: Weekday::Mon,
            week: -1,
        };
        assert_eq!(mon.calendar_date(2024, 3), Some(ymd(2024, 3, 25)));
    }

    #[test]
    fn business_days_before_the_end() {
        // Weekends only, from 1 March 2024 (a Friday).
        let origin = ymd(2024, 3, 1);
        let bd = BusinessDays::new(origin, 400, &Default::default());
        let last_of_march = (ymd(2024, 3, 31) - origin).num_days();
        let at = |n| {
            DayRule::BusinessDaysBeforeEnd(n)
                .business_offset(last_of_march, &bd)
                .map(|d| origin + chrono::Days::new(d as u64))
        };
        // 31 March 2024 is a Sunday: the last business day is Friday the 29th.
        assert_eq!(at(0), Some(ymd(2024, 3, 29)));
        assert_eq!(at(1), Some(ymd(2024, 3, 28)));
        assert_eq!(at(5), Some(ymd(2024, 3, 22)));
        // Counting back before the calendar's origin gives no date, not a panic.
        assert_eq!(at(25), None);
        // Other rules keep the calendar day.
        assert_eq!(
            DayRule::DayOfMonth(-1).business_offset(last_of_march, &bd),
            Some(last_of_march)
        );
    }
}
