//! The timing rules of the pass, on small hand-made pathways.

use super::*;
use crate::model::calendar::HolidaySet;
use crate::model::testing::{date, gate, model as test_model, pathway, stage};
use chrono::NaiveDate;

/// Submitted Friday 2024-04-26, just before Golden Week; Japanese holidays; a gate on
/// 2024-06-03 and 2024-09-02.
fn model(stages: Vec<Stage>) -> Model {
    let submitted = date(2024, 4, 26);
    let meetings = gate("g", submitted, [date(2024, 6, 3), date(2024, 9, 2)]);
    test_model(
        submitted,
        HolidaySet::Jp,
        vec![meetings],
        vec![pathway("p", "p", stages)],
    )
}

fn median_pass(m: &Model) -> PathwayTimes {
    let mut t = PathwayTimes::default();
    run_pathway(m, &m.pathways[0], Draws::Median, &mut t).unwrap();
    t
}

#[test]
fn parallel_stages_wait_for_the_last_and_the_critical_path_follows_it() {
    // a (10) -> b (5, applicant) and c (20) in parallel -> d (3) after both
    let m = model(vec![
        stage("a", Clock::Regulator, 10.0, &[]),
        stage("b", Clock::Applicant, 5.0, &[0]),
        stage("c", Clock::Regulator, 20.0, &[0]),
        stage("d", Clock::Regulator, 3.0, &[1, 2]),
    ]);
    let t = median_pass(&m);
    assert_eq!(t.stages[3].start, 30.0);
    assert_eq!(t.review_days, 33);
    let critical: Vec<bool> = t.stages.iter().map(|s| s.critical).collect();
    assert_eq!(critical, [true, false, true, true]);
    // the applicant's stage is off the critical path: no clock stop counted
    assert_eq!((t.regulator_days, t.applicant_days), (33, 0));
}

#[test]
fn a_planned_gate_waits_for_the_plan_unless_the_work_runs_later() {
    // Gate dates 2024-06-03 (day 38) and 2024-09-02 (day 129) after submission on
    // 2024-04-26. Planned within 140 days: the plan is 2024-09-02.
    let planned = |days: f64| {
        let mut s = stage("approval", Clock::Regulator, days, &[]);
        s.gate = Some(0);
        s.planned_within = Some(140);
        s
    };
    // Work done on day 10: it still waits for the planned date, not the first one.
    let t = median_pass(&model(vec![planned(10.0)]));
    assert_eq!(t.review_days, 129);
    // Planned within 100 days: the last date within them is day 38.
    let mut early = planned(10.0);
    early.planned_within = Some(100);
    assert_eq!(median_pass(&model(vec![early])).review_days, 38);
    // Work running past the plan takes the first date after it; none is left here.
    let mut m = model(vec![planned(130.0)]);
    let mut t = PathwayTimes::default();
    let err = run_pathway(&m, &m.pathways[0], Draws::Median, &mut t).unwrap_err();
    assert!(matches!(err, ScheduleError::GateExhausted { .. }), "{err}");
    // A plan with no gate date within it falls back to the first date after the work.
    m.pathways[0].stages[0].duration = Some(crate::model::duration::Duration::Fixed { days: 1.0 });
    m.pathways[0].stages[0].planned_within = Some(20);
    assert_eq!(median_pass(&m).review_days, 38);
}

#[test]
fn applicant_time_on_the_critical_path_is_a_clock_stop() {
    let m = model(vec![
        stage("a", Clock::Regulator, 10.5, &[]),
        stage("b", Clock::Applicant, 30.0, &[0]),
        stage("c", Clock::Regulator, 5.0, &[1]),
    ]);
    let t = median_pass(&m);
    // a ends at 10.5 (day 11), b at 40.5 (day 41), c at 45.5: approval on day 46
    assert_eq!(t.review_days, 46);
    assert_eq!(t.applicant_days, 30);
    assert_eq!(t.regulator_days, 16);
}

#[test]
fn business_days_skip_golden_week() {
    // From Friday 2024-04-26: 3 business days are Tue 04-30, Wed 05-01, Thu 05-02
    // (04-29 and 05-03 to 05-06 are holidays or weekend), so the stage ends Thursday.
    let mut s = stage("a", Clock::Regulator, 3.0, &[]);
    s.days = DayCount::Business;
    let m = model(vec![s]);
    let t = median_pass(&m);
    assert_eq!(
        m.date_of(t.stages[0].end_day as i64),
        NaiveDate::from_ymd_opt(2024, 5, 2).unwrap()
    );
    // a fraction of a business day counts as a whole one: 2.1 days end on the same Thursday
    let mut s = stage("a", Clock::Regulator, 2.1, &[]);
    s.days = DayCount::Business;
    let m = model(vec![s]);
    assert_eq!(
        m.date_of(median_pass(&m).stages[0].end_day as i64),
        NaiveDate::from_ymd_opt(2024, 5, 2).unwrap()
    );
}

#[test]
fn a_gated_stage_ends_on_the_next_gate_date() {
    let mut g = stage("council", Clock::Regulator, 0.0, &[0]);
    g.duration = None;
    g.gate = Some(0);
    let m = model(vec![stage("a", Clock::Regulator, 38.0, &[]), g]);
    let t = median_pass(&m);
    // day 38 is 2024-06-03 itself: a meeting on the day the work is done counts
    assert_eq!(
        m.date_of(t.stages[1].end_day as i64),
        NaiveDate::from_ymd_opt(2024, 6, 3).unwrap()
    );
    let m = model(vec![
        stage("a", Clock::Regulator, 38.2, &[]),
        m.pathways[0].stages[1].clone(),
    ]);
    let t = median_pass(&m);
    assert_eq!(
        m.date_of(t.stages[1].end_day as i64),
        NaiveDate::from_ymd_opt(2024, 9, 2).unwrap()
    );
    // past the last date: a clear error, not a silent approval
    let m = model(vec![
        stage("a", Clock::Regulator, 200.0, &[]),
        m.pathways[0].stages[1].clone(),
    ]);
    let mut times = PathwayTimes::default();
    let err = run_pathway(&m, &m.pathways[0], Draws::Median, &mut times).unwrap_err();
    assert!(matches!(err, ScheduleError::GateExhausted { .. }), "{err}");
}

#[test]
fn a_stage_that_does_not_happen_takes_no_time() {
    let mut b = stage("b", Clock::Applicant, 50.0, &[0]);
    b.probability = 0.4;
    let m = model(vec![
        stage("a", Clock::Regulator, 10.0, &[]),
        b,
        stage("c", Clock::Regulator, 5.0, &[1]),
    ]);
    let t = median_pass(&m);
    assert!(!t.stages[1].ran);
    assert_eq!(t.review_days, 15);
    // random passes: it happens in about 40% of them
    let mut ran = 0;
    for i in 0..10_000 {
        let mut rng = Xoshiro256pp::for_iteration(3, i);
        let mut t = PathwayTimes::default();
        run_pathway(&m, &m.pathways[0], Draws::Random(&mut rng), &mut t).unwrap();
        ran += t.stages[1].ran as u32;
        assert_eq!(t.review_days, if t.stages[1].ran { 65 } else { 15 });
    }
    assert!((3800..4200).contains(&ran), "{ran}");
}

#[test]
fn a_later_submission_counts_its_review_from_its_own_day() {
    let m = model(vec![stage("a", Clock::Regulator, 10.0, &[])]);
    let mut t = PathwayTimes::default();
    run_pathway_from(&m, &m.pathways[0], 7, Draws::Median, &mut t).unwrap();
    assert_eq!(t.review_days, 10);
    assert_eq!(t.stages[0].end_day, 17);
}

/// PMDA's busy-month rule moves the start of the stages that start at submission;
/// review days still count from submission. Months stages keep the day of the month.
#[test]
fn the_clock_start_rule_and_month_spans() {
    use crate::model::clock::ClockStart;
    let mut months = stage("goal", Clock::Regulator, 12.0, &[]);
    months.days = DayCount::Months;
    let mut m = model(vec![months]);
    let mut busy = [false; 13];
    busy[3] = true;
    busy[6] = true;
    m.pathways[0].clock_start = Some(ClockStart {
        busy,
        from_day: 16,
        review_days_from_start: false,
    });
    // Submitted 2024-04-26 (day 0), not a busy month: 2025-04-26.
    let t = median_pass(&m);
    assert_eq!(
        m.date_of(t.approval_day() as i64),
        date(2024, 4, 26) + chrono::Months::new(12)
    );
    // Submitted 2024-06-20 (day 55): the clock starts 2024-07-01; goal 2025-07-01.
    let mut t = PathwayTimes::default();
    run_pathway_from(&m, &m.pathways[0], 55, Draws::Median, &mut t).unwrap();
    assert_eq!(m.date_of(t.stages[0].start_day as i64), date(2024, 7, 1));
    assert_eq!(m.date_of(t.approval_day() as i64), date(2025, 7, 1));
    assert_eq!(
        t.review_days,
        (date(2025, 7, 1) - date(2024, 6, 20)).num_days() as u32
    );
}

/// A capped clock stop: a draw past the cap withdraws the application and the
/// stage lasts the cap.
#[test]
fn a_clock_stop_past_its_cap_withdraws() {
    let mut answer = stage("answer", Clock::Applicant, 40.0, &[]);
    answer.max_days = Some(30.0);
    let m = model(vec![answer]);
    let t = median_pass(&m);
    assert!(t.withdrawn);
    assert_eq!(t.stages[0].end_day, 30);
    let mut within = m.clone();
    within.pathways[0].stages[0].max_days = Some(40.0);
    assert!(!median_pass(&within).withdrawn);
}
