//! The calendar and the gates: which days are business days, and when gated stages
//! may finish.

use std::collections::BTreeSet;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use toml::Spanned;

use super::Validator;
use super::clocks::Calendars;
use crate::model::calendar::{BusinessDays, HolidaySet};
use crate::model::{Gate, HORIZON_DAYS};
use crate::scenario::raw::{RawCalendar, RawGate, RawRoll};

impl Validator {
    pub(super) fn calendar(
        &mut self,
        raw: Option<&Spanned<RawCalendar>>,
        submitted: NaiveDate,
        needed: Option<Range<usize>>,
        calendars: &Calendars,
    ) -> Option<BusinessDays> {
        let end = submitted + chrono::Days::new(HORIZON_DAYS as u64);
        let mut holidays = BTreeSet::new();
        match raw {
            None if needed.is_some() => {
                self.error(
                    needed.expect("checked"),
                    "business days are counted here, but the scenario has no [calendar] saying which days are holidays",
                    Some("add `[calendar]` with `holidays = \"jp\"` (Japanese national holidays) or `holidays = \"none\"` (weekends only)".into()),
                );
                return None;
            }
            None => {}
            Some(cal) => {
                let cal = cal.get_ref();
                if !self.check_covers(calendars, &cal.holidays, submitted) {
                    return None;
                }
                match calendars.holidays(cal.holidays.get_ref(), submitted, end) {
                    Some(set) => holidays = set,
                    None => {
                        self.error(
                            cal.holidays.span(),
                            format!("unknown holiday calendar `{}`", cal.holidays.get_ref()),
                            Some(format!(
                                "use one of {} or a [[custom_calendar]] id (`regsim calendar NAME YEAR` lists a calendar's days)",
                                HolidaySet::spellings()
                            )),
                        );
                        return None;
                    }
                }
                for d in &cal.extra_holidays {
                    holidays.extend(self.date(d, "an extra holiday"));
                }
            }
        }
        Some(BusinessDays::new(submitted, HORIZON_DAYS + 1, &holidays))
    }

    pub(super) fn gates(
        &mut self,
        raw: &[RawGate],
        submitted: NaiveDate,
        bd: &BusinessDays,
        calendars: &Calendars,
    ) -> Option<Vec<Gate>> {
        let mut ok = true;
        let mut gates = Vec::new();
        let mut seen = BTreeSet::new();
        for g in raw {
            let id = g.id.get_ref();
            if !seen.insert(id.as_str()) {
                self.error(
                    g.id.span(),
                    format!("gate id `{id}` is used twice"),
                    Some("give every gate its own id".into()),
                );
                ok = false;
            }
            let mut moves = Vec::new();
            let days = match (&g.dates, &g.months) {
                (Some(dates), None) => {
                    if g.day_of_month.is_some()
                        || g.if_not_business_day.is_some()
                        || g.calendar.is_some()
                        || !g.exceptions.is_empty()
                    {
                        self.error(
                            g.id.span(),
                            format!("gate `{id}` lists dates and also gives a rule"),
                            Some("use either `dates`, or `months` with `day_of_month`".into()),
                        );
                        ok = false;
                    }
                    let mut days: Vec<i64> = Vec::new();
                    for d in dates.get_ref() {
                        if let Some(date) = self.date(d, "a gate date") {
                            let day = (date - submitted).num_days();
                            if day >= 0 && day <= HORIZON_DAYS as i64 {
                                days.push(day);
                            }
                        } else {
                            ok = false;
                        }
                    }
                    if ok && days.is_empty() {
                        self.error(
                            dates.span(),
                            format!("gate `{id}` has no date on or after the submission date {submitted}"),
                            Some("add dates after the submission date, or describe the gate by a rule (months and day_of_month)".into()),
                        );
                        ok = false;
                    }
                    days
                }
                (None, Some(months)) => {
                    match self.gate_rule(g, months, submitted, bd, calendars, &mut moves) {
                        Some(days) => days,
                        None => {
                            ok = false;
                            Vec::new()
                        }
                    }
                }
                (Some(_), Some(_)) => {
                    self.error(
                        g.id.span(),
                        format!("gate `{id}` has both `dates` and `months`"),
                        Some("use one of them".into()),
                    );
                    ok = false;
                    Vec::new()
                }
                (None, None) => {
                    self.error(
                        g.id.span(),
                        format!("gate `{id}` has no dates"),
                        Some(
                            "add `dates = [...]`, or `months = [3, 6, 9, 12]` with `day_of_month`"
                                .into(),
                        ),
                    );
                    ok = false;
                    Vec::new()
                }
            };
            let title = if g.title.is_empty() {
                id.clone()
            } else {
                g.title.clone()
            };
            gates.push(Gate::new(id.clone(), title, days).with_moves(std::mem::take(&mut moves)));
        }
        ok.then_some(gates)
    }

    pub(super) fn gate_rule(
        &mut self,
        g: &RawGate,
        months: &Spanned<Vec<Spanned<i64>>>,
        submitted: NaiveDate,
        bd: &BusinessDays,
        calendars: &Calendars,
        moves: &mut Vec<(i64, i64, String)>,
    ) -> Option<Vec<i64>> {
        let mut ok = true;
        // The gate's own calendar, for moving a date to a business day.
        let own;
        let bd = match &g.calendar {
            None => bd,
            Some(name) if !self.check_covers(calendars, name, submitted) => return None,
            Some(name) => match calendars.table(name.get_ref(), submitted) {
                Some(t) => {
                    own = t;
                    &own
                }
                None => {
                    self.unknown_calendar(name, &calendars.names());
                    return None;
                }
            },
        };
        let exceptions = self.gate_exceptions(g)?;
        if months.get_ref().is_empty() {
            self.error(
                months.span(),
                format!("gate `{}` has an empty list of months", g.id.get_ref()),
                Some("list at least one month, e.g. months = [3, 6, 9, 12]".into()),
            );
            ok = false;
        }
        for m in months.get_ref() {
            ok &= self.check_month(m);
        }
        let dom = g.day_of_month.as_ref().map_or(1, |d| *d.get_ref());
        if let Some(d) = g
            .day_of_month
            .as_ref()
            .filter(|_| !(1..=31).contains(&dom) && dom != -1)
        {
            self.error(
                d.span(),
                format!("day_of_month must be 1 to 31, or -1 for the last day, not {dom}"),
                None,
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        let roll = g
            .if_not_business_day
            .as_ref()
            .map_or(RawRoll::Keep, |r| *r.get_ref());
        // The day offset of the rule's date in (year, month), moved to a business day.
        let place = |year: i32, m: u32| {
            let last = last_day_of_month(year, m);
            let day = if dom == -1 {
                last
            } else {
                (dom as u32).min(last)
            };
            let date = NaiveDate::from_ymd_opt(year, m, day).expect("a valid day of the month");
            let offset = (date - submitted).num_days();
            match roll {
                RawRoll::Keep => Some(offset),
                RawRoll::Next => bd.next_business_day(offset),
                RawRoll::Previous => bd.previous_business_day(offset),
            }
            .filter(|&d| d >= 0)
        };
        let mut days = Vec::new();
        for year in submitted.year()..=submitted.year() + (HORIZON_DAYS / 365) as i32 {
            for m in months.get_ref() {
                let m = *m.get_ref() as u32;
                // An exception moves this year's date to another month.
                let exception = exceptions
                    .iter()
                    .find(|(years, month, _, _)| *month == m && years.contains(&year));
                let Some((_, from, to, reason)) = exception else {
                    days.extend(place(year, m));
                    continue;
                };
                let moved_year = if to < from { year + 1 } else { year };
                if let Some(d) = place(moved_year, *to) {
                    days.push(d);
                    if let Some(original) = place(year, m) {
                        moves.push((original, d, reason.clone()));
                    }
                }
            }
        }
        Some(days)
    }
}

impl Validator {
    /// Reports a month number outside 1 to 12; true if it is one.
    fn check_month(&mut self, m: &Spanned<i64>) -> bool {
        let valid = (1..=12).contains(m.get_ref());
        if !valid {
            self.error(
                m.span(),
                format!("month {} does not exist", m.get_ref()),
                Some("months are numbered 1 (January) to 12 (December)".into()),
            );
        }
        valid
    }

    /// A gate rule's `exceptions`: (years, month, moves_to_month) each.
    fn gate_exceptions(&mut self, g: &RawGate) -> Option<Vec<Exception>> {
        let mut ok = true;
        let mut out = Vec::new();
        let months_of_rule: Vec<i64> = g
            .months
            .as_ref()
            .map(|m| m.get_ref().iter().map(|x| *x.get_ref()).collect())
            .unwrap_or_default();
        for e in &g.exceptions {
            for m in [&e.month, &e.moves_to_month] {
                ok &= self.check_month(m);
            }
            if (1..=12).contains(e.month.get_ref()) && !months_of_rule.contains(e.month.get_ref()) {
                self.error(
                    e.month.span(),
                    format!(
                        "gate `{}` has no date in month {} to move",
                        g.id.get_ref(),
                        e.month.get_ref()
                    ),
                    Some("an exception moves one of the rule's `months`".into()),
                );
                ok = false;
            }
            if e.years.get_ref().is_empty() {
                self.error(
                    e.years.span(),
                    "the exception lists no years",
                    Some("list the years whose date moves, e.g. years = [2024, 2026]".into()),
                );
                ok = false;
            }
            let mut years = Vec::new();
            for y in e.years.get_ref() {
                match i32::try_from(*y.get_ref()) {
                    Ok(year @ 1900..=2200) => years.push(year),
                    _ => {
                        self.error(
                            y.span(),
                            format!("year {} is out of range", y.get_ref()),
                            Some("years from 1900 to 2200".into()),
                        );
                        ok = false;
                    }
                }
            }
            out.push((
                years,
                *e.month.get_ref() as u32,
                *e.moves_to_month.get_ref() as u32,
                e.reason.clone(),
            ));
        }
        ok.then_some(out)
    }
}

/// A gate rule's exception: (its years, the month whose date moves, the month it moves
/// to, why).
type Exception = (Vec<i32>, u32, u32, String);

fn last_day_of_month(year: i32, month: u32) -> u32 {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .expect("valid")
        .pred_opt()
        .expect("valid")
        .day()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ends() {
        assert_eq!(last_day_of_month(2024, 2), 29);
        assert_eq!(last_day_of_month(2023, 12), 31);
    }
}
