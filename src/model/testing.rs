//! Hand-built models for unit tests across the crate.

use chrono::NaiveDate;

use crate::model::calendar::{BusinessDays, HolidaySet};
use crate::model::duration::Duration;
use crate::model::{Clock, DayCount, Gate, HORIZON_DAYS, Model, Pathway, Stage};

/// A stage on calendar days that always happens, with a fixed duration.
pub fn stage(id: &str, clock: Clock, days: f64, after: &[usize]) -> Stage {
    Stage {
        id: id.into(),
        title: id.into(),
        clock,
        duration: Some(Duration::Fixed { days }),
        days: DayCount::Calendar,
        after: after.to_vec(),
        probability: 1.0,
        gate: None,
        planned_within: None,
        calendar: None,
        max_days: None,
    }
}

/// A pathway without a target.
pub fn pathway(id: &str, title: &str, stages: Vec<Stage>) -> Pathway {
    Pathway {
        id: id.into(),
        title: title.into(),
        kind: String::new(),
        target: None,
        stages,
        eligibility: None,
        case: None,
        follow_up: None,
        updates: None,
        clock_start: None,
    }
}

/// A gate on the given dates.
pub fn gate(id: &str, submitted: NaiveDate, dates: impl IntoIterator<Item = NaiveDate>) -> Gate {
    Gate::new(
        id.into(),
        id.into(),
        dates
            .into_iter()
            .map(|d| (d - submitted).num_days())
            .collect(),
    )
}

/// A model with every application submitted on `submitted`, business days counted
/// with `holidays`, seed 1 and 2000 iterations.
pub fn model(
    submitted: NaiveDate,
    holidays: HolidaySet,
    gates: Vec<Gate>,
    pathways: Vec<Pathway>,
) -> Model {
    let end = submitted + chrono::Days::new(HORIZON_DAYS as u64);
    Model {
        name: "test".into(),
        title: "Test".into(),
        description: String::new(),
        seed: 1,
        iterations: 2000,
        submitted,
        submission_window_days: 0,
        business_days: BusinessDays::new(
            submitted,
            HORIZON_DAYS + 1,
            &holidays.holidays_between(submitted, end),
        ),
        calendars: Vec::new(),
        custom_calendars: Vec::new(),
        fiscal_year: None,
        gates,
        pathways,
        evidence: Vec::new(),
        products: Vec::new(),
        decisions: Vec::new(),
        agency: None,
        lang: crate::lang::Lang::En,
    }
}

/// A date, for brevity.
pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid test date")
}
