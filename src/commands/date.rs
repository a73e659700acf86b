//! `regsim date SCENARIO [--pathway ID] --submitted DATE`: the goal date of a pathway and
//! each milestone's date for one submission date, deterministically, with one line per
//! rule applied, so an analyst can check each date against the regulator's own.
//!
//! The dates are those of the deterministic schedule (`regsim explain`): every stage at
//! its median, a stage that happens in under half of reviews left out. What such a stage
//! would do (a major amendment extending the goal) is shown on its own line.

use crate::lang::Msg;
use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::engine::application::median_application;
use crate::engine::schedule::{PathwayTimes, StageTimes};
use crate::export::text_table::pad_right;
use crate::model::{DayCount, Model, Pathway, Stage, Target, TargetClock};
use crate::scenario::{self, Overrides};

/// `regsim date` arguments.
#[derive(Debug, clap::Args)]
pub struct DateArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// The pathway's id [default: every pathway].
    #[arg(long, value_name = "ID")]
    pub pathway: Option<String>,
    /// The submission (filing) date [default: the scenario's], e.g. 2024-03-18.
    #[arg(long, value_name = "DATE")]
    pub submitted: Option<NaiveDate>,
    /// Language of the text for people: charts, terminal tables, report.html (CSV
    /// headers stay English; titles come from the file's title_ja fields).
    #[arg(long, value_enum, default_value = "en")]
    pub lang: crate::lang::Lang,
}

/// Prints the dates; on bad input returns the message for exit code 2.
pub fn run(args: &DateArgs) -> Result<(), String> {
    let loaded = scenario::load(
        &args.scenario,
        &Overrides {
            submitted: args.submitted,
            lang: args.lang,
            ..Default::default()
        },
    )
    .map_err(|d| d.to_string())?;
    let model = &loaded.model;
    let chosen: Vec<usize> = (0..model.pathways.len())
        .filter(|&i| {
            args.pathway
                .as_ref()
                .is_none_or(|id| &model.pathways[i].id == id)
        })
        .collect();
    if chosen.is_empty() {
        let ids: Vec<&str> = model.pathways.iter().map(|p| p.id.as_str()).collect();
        let id = args.pathway.as_deref().unwrap_or_default();
        let help = match crate::diagnostic::did_you_mean(id, ids.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("the scenario's pathways are: {}", ids.join(", ")),
        };
        return Err(format!(
            "error: no pathway `{id}` in {}\n  = help: {help}\n",
            args.scenario.display()
        ));
    }
    let mut out = String::new();
    for (n, &i) in chosen.iter().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&pathway_dates(model, &model.pathways[i]).map_err(|e| {
            let d = crate::scenario::locate::schedule_diagnostic(&loaded.text, &e, &[]);
            crate::diagnostic::FileDiagnostics::new(&args.scenario, &loaded.text, vec![d])
                .to_string()
        })?);
    }
    print!("{out}");
    Ok(())
}

/// The dated milestones of one pathway, with the rule behind each.
pub fn pathway_dates(
    model: &Model,
    pathway: &Pathway,
) -> Result<String, crate::engine::schedule::ScheduleError> {
    let mut t = PathwayTimes::default();
    median_application(model, pathway, 0, &mut t)?;
    let lang = model.lang;
    let date = |day: u32| model.date_of(day as i64);
    let mut out = String::new();
    let _ = writeln!(out, "{} — {}", pathway.id, pathway.title);
    let filed = date(t.filed_day);
    let _ = writeln!(
        out,
        "{}",
        lang.fill(Msg::Submitted, &[&lang.date_weekday(filed)])
    );
    if let Some(rule) = &pathway.clock_start {
        let _ = writeln!(out, "{}", rule.explain(filed));
    }
    let w = pathway
        .stages
        .iter()
        .map(|s| s.id.chars().count())
        .max()
        .unwrap_or(5);
    for (i, (s, st)) in pathway.stages.iter().zip(&t.stages).enumerate() {
        if !st.ran {
            let line = lang.fill(
                Msg::NotInMedianSchedule,
                &[
                    &pad_right(&s.id, w),
                    &crate::export::csv::num(s.probability * 100.0),
                    &if_it_happens(model, pathway, i, &t),
                ],
            );
            let _ = writeln!(out, "{line}");
            continue;
        }
        let end = date(st.end_day);
        let _ = writeln!(
            out,
            "  {}  {}  {}: {}",
            pad_right(&s.id, w),
            lang.date_weekday(end),
            s.title,
            rule_text(model, pathway, s, st, &t)
        );
    }
    let goal = date(t.approval_day());
    if t.withdrawn {
        let _ = writeln!(out, "{}", lang.text(Msg::WithdrawnAtMedians));
    } else {
        let from = lang.text(crate::export::text_table::counted_from(pathway));
        let goal = lang.date_weekday(goal);
        let _ = writeln!(
            out,
            "{}",
            lang.fill(Msg::GoalDate, &[&goal, &t.review_days, &from])
        );
        if let Some(target) = pathway.target {
            let line = target_line(model, target, &t, from).map_err(|_| {
                crate::engine::schedule::ScheduleError::TargetBeyondHorizon {
                    pathway: pathway.id.clone(),
                }
            })?;
            out.push_str(&line);
        }
    }
    Ok(out)
}

/// The pathway's performance target for this submission: its date when it counts total
/// days (from where review days count, rounded up to a whole day as every moment is), or
/// its regulator days beside those of the median schedule.
fn target_line(
    model: &Model,
    target: Target,
    t: &PathwayTimes,
    from: &str,
) -> Result<String, crate::model::Horizon> {
    let lang = model.lang;
    let pct = crate::export::csv::num(target.percentile);
    let days = crate::export::csv::num(target.days);
    Ok(match target.clock {
        TargetClock::Total => {
            let start = t.approval_day() - t.review_days;
            // `as` saturates: a target of 1e308 days is past every date, as it should be.
            let day = (start as i64).saturating_add(target.days.ceil() as i64);
            let by = model.checked_date_of(day)?;
            let by = lang.date_weekday(by);
            lang.fill(Msg::TargetDateLine, &[&by, &days, &from, &pct])
        }
        TargetClock::Regulator => {
            lang.fill(Msg::TargetRegulatorLine, &[&pct, &days, &t.regulator_days])
        }
    })
}

/// What the stage counted from, and how.
fn rule_text(
    model: &Model,
    pathway: &Pathway,
    s: &Stage,
    st: &StageTimes,
    t: &PathwayTimes,
) -> String {
    let lang = model.lang;
    let date = |day: u32| lang.date(model.date_of(day as i64));
    // A predecessor that did not happen ended where it started: name the stage before it.
    let mut pred = st.critical_predecessor;
    while pred != u32::MAX && !t.stages[pred as usize].ran {
        pred = t.stages[pred as usize].critical_predecessor;
    }
    let from = match pred {
        u32::MAX if pathway.clock_start.is_some() => lang.text(Msg::FromClockStart).to_string(),
        u32::MAX => lang.text(Msg::FromTheSubmission).to_string(),
        j => lang.fill(Msg::FromEndOf, &[&pathway.stages[j as usize].id]),
    };
    let start = date(st.start_day);
    let work = s.duration.as_ref().map_or(0.0, |d| d.median());
    let amount = |unit: Msg| {
        let n = crate::model::whole_day(work.max(0.0));
        let unit = lang.text(unit);
        match &s.duration {
            Some(d) if d.is_random() => lang.fill(Msg::AmountRounded, &[&n, &unit, &d.describe()]),
            _ => lang.fill(Msg::Amount, &[&n, &unit]),
        }
    };
    let work_days = crate::export::csv::num(work);
    let mut text = match s.days {
        DayCount::Calendar if s.duration.is_none() => lang.fill(Msg::FromDate, &[&start, &from]),
        DayCount::Calendar => {
            let days = match &s.duration {
                Some(d) if d.is_random() => {
                    lang.fill(Msg::CalendarDaysMedian, &[&work_days, &d.describe()])
                }
                _ => lang.fill(Msg::CalendarDays, &[&work_days]),
            };
            lang.fill(Msg::AmountFromDate, &[&days, &start, &from])
        }
        DayCount::Business => {
            let calendar = model
                .calendar_name_of(s)
                .unwrap_or(lang.text(Msg::ScenarioCalendar));
            let amount = amount(Msg::UnitBusinessDays);
            lang.fill(Msg::BusinessFromDate, &[&amount, &calendar, &start, &from])
        }
        DayCount::Months => {
            let amount = amount(Msg::UnitMonths);
            lang.fill(Msg::AmountFromDate, &[&amount, &start, &from])
        }
    };
    if let Some(cap) = s.max_days {
        text.push_str(&lang.fill(Msg::ApplicantCap, &[&crate::export::csv::num(cap)]));
    }
    if let Some(g) = s.gate {
        let gate = &model.gates[g];
        let work_end = date(crate::model::whole_day(st.work_end) as u32);
        text.push_str(&lang.fill(Msg::ThenGate, &[&gate.title, &gate.id, &work_end]));
        if s.planned_within.is_some() {
            text.push_str(lang.text(Msg::AndPlannedDate));
        }
        if let Some((from, why)) = gate.moved_to(st.end_day as i64) {
            let from = lang.date(model.date_of(from));
            text.push_str(&lang.fill(Msg::DateReplaces, &[&from, &why]));
        }
    }
    text
}

/// The goal date if stage `i`, left out of the median schedule, happened.
fn if_it_happens(model: &Model, pathway: &Pathway, i: usize, t: &PathwayTimes) -> String {
    let mut with = pathway.clone();
    with.stages[i].probability = 1.0;
    let mut t2 = PathwayTimes::default();
    match median_application(model, &with, 0, &mut t2) {
        Ok(()) if !t2.withdrawn => {
            let goal = model
                .lang
                .date_weekday(model.date_of(t2.approval_day() as i64));
            let later = t2.review_days as i64 - t.review_days as i64;
            model.lang.fill(Msg::IfItHappens, &[&goal, &later])
        }
        _ => String::new(),
    }
}
