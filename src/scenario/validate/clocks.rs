//! Calendars by name (named and custom), the clock-start rule and the fiscal year.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use toml::Spanned;

use super::Validator;
use crate::diagnostic::did_you_mean;
use crate::model::calendar::custom::CustomCalendar;
use crate::model::calendar::fiscal::FiscalYear;
use crate::model::calendar::{BusinessDays, HolidaySet};
use crate::model::clock::ClockStart;
use crate::model::{CalendarTable, HORIZON_DAYS};
use crate::scenario::raw::{RawClockStart, RawCustomCalendar, RawPathway, RawReviewFrom};

/// The calendars a scenario can name: the named ones and its custom ones.
#[derive(Default)]
pub(super) struct Calendars {
    custom: Vec<CustomCalendar>,
}

impl Calendars {
    /// Every name, named calendars first.
    pub(super) fn names(&self) -> Vec<&str> {
        HolidaySet::ALL
            .iter()
            .map(|s| s.as_str())
            .chain(self.custom.iter().map(|c| c.id.as_str()))
            .collect()
    }

    /// The days off (besides weekends) of calendar `name` from `from` to `to`.
    pub(super) fn holidays(
        &self,
        name: &str,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Option<BTreeSet<NaiveDate>> {
        if let Some(c) = self.custom.iter().find(|c| c.id == name) {
            return Some(c.holidays_between(from, to));
        }
        HolidaySet::parse(name).map(|s| s.holidays_between(from, to))
    }

    /// The scenario's custom calendars, in file order.
    pub(super) fn into_custom(self) -> Vec<CustomCalendar> {
        self.custom
    }

    /// The first year calendar `name` covers, if its rules start somewhere.
    pub(super) fn first_year(&self, name: &str) -> Option<i32> {
        let base = match self.custom.iter().find(|c| c.id == name) {
            Some(c) => c.base,
            None => HolidaySet::parse(name)?,
        };
        base.first_year()
    }

    /// The business-day table of calendar `name` over the model's horizon.
    pub(super) fn table(&self, name: &str, submitted: NaiveDate) -> Option<BusinessDays> {
        let end = submitted + chrono::Days::new(HORIZON_DAYS as u64);
        self.holidays(name, submitted, end)
            .map(|h| BusinessDays::new(submitted, HORIZON_DAYS + 1, &h))
    }
}

impl Validator {
    /// `[[custom_calendar]]` tables.
    pub(super) fn custom_calendars(&mut self, raw: &[RawCustomCalendar]) -> Calendars {
        let mut out = Calendars::default();
        for c in raw {
            self.check_id(&c.id, "calendar id");
            let id = c.id.get_ref();
            if HolidaySet::parse(id).is_some() || out.custom.iter().any(|o| &o.id == id) {
                self.error(
                    c.id.span(),
                    format!("calendar id `{id}` is already taken"),
                    Some(format!(
                        "give the custom calendar its own id; the named calendars are {}",
                        HolidaySet::spellings()
                    )),
                );
                continue;
            }
            let Some(base) = HolidaySet::parse(c.base.get_ref()) else {
                self.unknown_calendar(&c.base, &HolidaySet::ALL.map(|s| s.as_str()));
                continue;
            };
            let add = c
                .add
                .iter()
                .filter_map(|d| self.date(d, "an added day off"))
                .collect();
            let remove = c
                .remove
                .iter()
                .filter_map(|d| self.date(d, "a removed day off"))
                .collect();
            out.custom.push(CustomCalendar {
                id: id.clone(),
                base,
                add,
                remove,
            });
        }
        out
    }

    /// An error if calendar `name` does not cover the year of `submitted`: its days off
    /// would silently be missing.
    pub(super) fn check_covers(
        &mut self,
        calendars: &Calendars,
        name: &Spanned<String>,
        submitted: NaiveDate,
    ) -> bool {
        match calendars.first_year(name.get_ref()) {
            Some(first) if submitted.year() < first => {
                self.error(
                    name.span(),
                    format!(
                        "calendar `{}` covers the years from {first} on, but the scenario starts in {}",
                        name.get_ref(),
                        submitted.year()
                    ),
                    Some("use a later submission date, or a calendar that covers the year".into()),
                );
                false
            }
            _ => true,
        }
    }

    /// An error for a calendar name that is not one of `names`.
    pub(super) fn unknown_calendar(&mut self, name: &Spanned<String>, names: &[&str]) {
        let help = match did_you_mean(name.get_ref(), names.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "use one of {} or a [[custom_calendar]] id (`regsim calendar NAME YEAR` lists a calendar's days)",
                HolidaySet::spellings()
            ),
        };
        self.error(
            name.span(),
            format!("unknown calendar `{}`", name.get_ref()),
            Some(help),
        );
    }

    /// The calendars stages name with `calendar = "..."`, in order of first use, as
    /// tables; unknown names are reported.
    pub(super) fn stage_calendars(
        &mut self,
        pathways: &[RawPathway],
        calendars: &Calendars,
        submitted: Option<NaiveDate>,
    ) -> Vec<CalendarTable> {
        let names = calendars.names();
        let mut tables: Vec<CalendarTable> = Vec::new();
        for s in pathways.iter().flat_map(|p| &p.stage) {
            let Some(name) = &s.calendar else { continue };
            if !names.contains(&name.get_ref().as_str()) {
                self.unknown_calendar(name, &names);
                continue;
            }
            if tables.iter().any(|t| &t.id == name.get_ref()) {
                continue;
            }
            if submitted.is_some_and(|d| !self.check_covers(calendars, name, d)) {
                continue;
            }
            if let Some(days) = submitted.and_then(|d| calendars.table(name.get_ref(), d)) {
                tables.push(CalendarTable {
                    id: name.get_ref().clone(),
                    days,
                });
            }
        }
        tables
    }

    /// `[pathway.clock_start]`.
    pub(super) fn clock_start(&mut self, raw: &Spanned<RawClockStart>) -> Option<ClockStart> {
        let r = raw.get_ref();
        let mut ok = true;
        let mut busy = [false; 13];
        if r.busy_months.get_ref().is_empty() {
            self.error(
                r.busy_months.span(),
                "`busy_months` is empty",
                Some("list the busy months, e.g. busy_months = [3, 6, 9, 12]".into()),
            );
            ok = false;
        }
        for m in r.busy_months.get_ref() {
            match usize::try_from(*m.get_ref()) {
                Ok(month @ 1..=12) => busy[month] = true,
                _ => {
                    self.error(
                        m.span(),
                        format!("month {} does not exist", m.get_ref()),
                        Some("months are numbered 1 (January) to 12 (December)".into()),
                    );
                    ok = false;
                }
            }
        }
        let from_day = *r.from_day.get_ref();
        if !(2..=31).contains(&from_day) {
            self.error(
                r.from_day.span(),
                format!("`from_day` must be a day of the month from 2 to 31, not {from_day}"),
                Some("e.g. from_day = 16: filed on or after the 16th, the clock starts on the 1st of the next month".into()),
            );
            ok = false;
        }
        ok.then_some(ClockStart {
            busy,
            from_day: from_day as u32,
            review_days_from_start: r.review_days_from == RawReviewFrom::ClockStart,
        })
    }

    /// `fiscal_year` in the header.
    pub(super) fn fiscal_year(
        &mut self,
        raw: Option<&Spanned<String>>,
    ) -> Option<Option<FiscalYear>> {
        let Some(f) = raw else { return Some(None) };
        match FiscalYear::parse(f.get_ref()) {
            Some(y) => Some(Some(y)),
            None => {
                self.error(
                    f.span(),
                    format!("unknown fiscal year `{}`", f.get_ref()),
                    Some("use `jp` (April to March) or `us` (October to September)".into()),
                );
                None
            }
        }
    }
}
