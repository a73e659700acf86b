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
            let days = match self.gate_days(g, submitted, bd, calendars, &mut moves) {
                Some(days) => days,
                None => {
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

    /// A gate's dates as day offsets from submission: its listed `dates` up to the last
    /// one, then its rule's dates after it (either alone gives them all). `None` after
    /// reporting a problem.
    fn gate_days(
        &mut self,
        g: &RawGate,
        submitted: NaiveDate,
        bd: &BusinessDays,
        calendars: &Calendars,
        moves: &mut Vec<(i64, i64, String)>,
    ) -> Option<Vec<i64>> {
        let id = g.id.get_ref();
        let rule_parts = g.day_of_month.is_some()
            || g.weekday.is_some()
            || g.week.is_some()
            || g.business_days_before_end.is_some()
            || g.if_not_business_day.is_some()
            || g.calendar.is_some()
            || g.recorded_dates.is_some()
            || !g.exceptions.is_empty();
        let Some(months) = &g.months else {
            let help = "add `dates = [...]`, or `months = [3, 6, 9, 12]` with `day_of_month`";
            match &g.dates {
                None => self.error(g.id.span(), format!("gate `{id}` has no dates"), Some(help.into())),
                Some(_) if rule_parts => self.error(
                    g.id.span(),
                    format!("gate `{id}` gives part of a rule but no `months`"),
                    Some("add `months` to give the dates after the listed ones by a rule, or remove the rule's fields".into()),
                ),
                Some(_) => {}
            }
            let dates = g.dates.as_ref().filter(|_| !rule_parts)?;
            let (days, _) = self.listed_gate_days(dates, submitted)?;
            if days.is_empty() {
                self.error(
                    dates.span(),
                    format!("gate `{id}` has no date on or after the submission date {submitted}"),
                    Some("add dates after the submission date, or describe the gate by a rule (months and day_of_month)".into()),
                );
                return None;
            }
            return Some(days);
        };
        let listed = g
            .dates
            .as_ref()
            .map(|dates| self.listed_gate_days(dates, submitted));
        let rule = self.gate_rule(g, months, submitted, bd, calendars, moves);
        let (mut days, last_listed) = match listed {
            None => (Vec::new(), None),
            Some(listed) => {
                let (days, last) = listed?;
                (days, last)
            }
        };
        let rule = self.recorded_gate_days(g, rule?, submitted, moves)?;
        // The rule gives the dates after the last listed one.
        if let Some(last) = last_listed {
            moves.retain(|(_, to, _)| *to > last);
        }
        days.extend(
            rule.into_iter()
                .filter(|&d| last_listed.is_none_or(|last| d > last)),
        );
        Some(days)
    }

    /// A rule's dates with its `recorded_dates` in place of the rule's date in their
    /// months; the moves of the dates replaced are dropped.
    fn recorded_gate_days(
        &mut self,
        g: &RawGate,
        rule: Vec<i64>,
        submitted: NaiveDate,
        moves: &mut Vec<(i64, i64, String)>,
    ) -> Option<Vec<i64>> {
        let Some(recorded) = &g.recorded_dates else {
            return Some(rule);
        };
        let mut ok = true;
        let mut dates = Vec::new();
        for d in recorded.get_ref() {
            match self.date(d, "a recorded gate date") {
                Some(date) => dates.push(date),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let month_of = |date: NaiveDate| (date.year(), date.month());
        let months: BTreeSet<(i32, u32)> = dates.iter().map(|&d| month_of(d)).collect();
        let replaced = |day: i64| {
            u64::try_from(day)
                .ok()
                .and_then(|d| submitted.checked_add_days(chrono::Days::new(d)))
                .is_some_and(|date| months.contains(&month_of(date)))
        };
        let mut days: Vec<i64> = rule.into_iter().filter(|&d| !replaced(d)).collect();
        moves.retain(|(_, to, _)| !replaced(*to));
        days.extend(
            dates
                .iter()
                .map(|&d| (d - submitted).num_days())
                .filter(|&d| d >= 0 && d <= HORIZON_DAYS as i64),
        );
        Some(days)
    }

    /// The listed dates of a gate within the horizon, as day offsets from submission,
    /// and the offset of the last one listed (which may be before the submission).
    fn listed_gate_days(
        &mut self,
        dates: &Spanned<Vec<Spanned<toml::value::Datetime>>>,
        submitted: NaiveDate,
    ) -> Option<(Vec<i64>, Option<i64>)> {
        let mut ok = true;
        let mut days = Vec::new();
        let mut last = None;
        for d in dates.get_ref() {
            let Some(date) = self.date(d, "a gate date") else {
                ok = false;
                continue;
            };
            let day = (date - submitted).num_days();
            last = last.max(Some(day));
            if day >= 0 && day <= HORIZON_DAYS as i64 {
                days.push(day);
            }
        }
        ok.then_some((days, last))
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
        let rule = self.day_rule(g);
        if !ok {
            return None;
        }
        let rule = rule?;
        let roll = g
            .if_not_business_day
            .as_ref()
            .map_or(RawRoll::Keep, |r| *r.get_ref());
        // The day offset of the rule's date in (year, month), moved to a business day.
        let place = |year: i32, m: u32| {
            let date = rule.calendar_date(year, m)?;
            let offset = (date - submitted).num_days();
            match roll {
                _ if rule.is_business_day_rule() => rule.business_offset(offset, bd),
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

#[cfg(test)]
mod tests {
    use crate::scenario::raw::RawScenario;
    use crate::scenario::validate::{Overrides, validate};

    /// The dates of the scenario's first gate, for a file of one gated stage.
    fn gate_dates(gate: &str) -> Vec<String> {
        let text = format!(
            "[scenario]\ntitle = \"t\"\nsubmitted = 2024-04-01\n[calendar]\nholidays = \"jp-gov\"\n\
             [[gate]]\nid = \"g\"\n{gate}\n[[pathway]]\nid = \"p\"\ntitle = \"p\"\n\
             [[pathway.stage]]\nid = \"s\"\nclock = \"regulator\"\nduration = 0\ngate = \"g\"\n"
        );
        let raw: RawScenario = toml::from_str(&text).unwrap();
        let model = validate("t", raw, &Overrides::default()).unwrap();
        let origin = chrono::NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
        model.gates[0]
            .days()
            .iter()
            .take(4)
            .map(|&d| (origin + chrono::Days::new(d as u64)).to_string())
            .collect()
    }

    #[test]
    fn listed_dates_then_the_rule() {
        let rule = "months = [3, 6, 9, 12]\nday_of_month = -1\nif_not_business_day = \"previous\"";
        assert_eq!(
            gate_dates(&format!("dates = [2024-06-18, 2024-09-20]\n{rule}")),
            ["2024-06-18", "2024-09-20", "2024-09-30", "2024-12-27"]
        );
        // Listed dates all before the submission: the rule's dates after the last.
        assert_eq!(
            gate_dates(&format!("dates = [2023-12-20, 2024-03-15]\n{rule}")),
            ["2024-06-28", "2024-09-30", "2024-12-27", "2025-03-31"]
        );
        // An empty list leaves the rule.
        assert_eq!(
            gate_dates(&format!("dates = []\n{rule}")),
            ["2024-06-28", "2024-09-30", "2024-12-27", "2025-03-31"]
        );
    }

    #[test]
    fn an_exception_moves_only_the_rules_dates() {
        let text = "dates = [2024-06-18, 2024-09-20]\nmonths = [3, 6, 9, 12]\nday_of_month = 20\n\
                    exceptions = [{ years = [2024, 2025], month = 12, moves_to_month = 1 }]";
        // December 2024 moves to 20 January 2025; the listed dates stay as listed.
        assert_eq!(
            gate_dates(text),
            ["2024-06-18", "2024-09-20", "2025-01-20", "2025-03-20"]
        );
    }

    #[test]
    fn recorded_dates_replace_the_rules_date_in_their_month() {
        let rule = "months = [3, 6, 9, 12]\nbusiness_days_before_end = 4";
        // The rule: 24 June, 24 September, 23 December 2024 (27 Dec the last business
        // day), 25 March 2025.
        assert_eq!(
            gate_dates(rule),
            ["2024-06-24", "2024-09-24", "2024-12-23", "2025-03-25"]
        );
        // A recorded day replaces its month's; one in a month the rule lacks is added.
        assert_eq!(
            gate_dates(&format!(
                "{rule}\nrecorded_dates = [2024-12-27, 2024-11-05, 2023-12-22]"
            )),
            ["2024-06-24", "2024-09-24", "2024-11-05", "2024-12-27"]
        );
    }

    #[test]
    fn weekday_rule() {
        assert_eq!(
            gate_dates("months = [11]\nweekday = \"thursday\"\nweek = 4"),
            ["2024-11-28", "2025-11-27", "2026-11-26", "2027-11-25"]
        );
    }
}
