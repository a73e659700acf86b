//! One pass through a pathway: when each stage starts and ends.
//!
//! Time is measured in days after submission (day 0 is the submission date). A stage
//! starts when every stage it waits for has ended, then:
//!
//! - counting calendar days, it ends `duration` days later, fractions kept;
//! - counting business days, it starts on the day its predecessors end (fractions round
//!   up: work that ends during a day ends on that day's date), rolled forward to a
//!   business day, and ends the duration's whole business days later (rounded up);
//! - with a gate, it ends on the first gate date on or after the day its work is done;
//! - a stage that does not happen (its probability) takes no time and waits for no gate.
//!
//! The pathway ends when its last stage ends; its approval date is that day rounded up.
//! The critical path is traced back from the last stage to end through, at each step,
//! the predecessor that ended last. Applicant days are the whole days of applicant-clock
//! stages on the critical path (the clock stops agencies subtract); regulator days are
//! the rest of the review, as agencies report the split.
//!
//! The same function computes the deterministic schedule (every distribution at its
//! median, a stage with probability of at least one half happening) and each Monte Carlo
//! iteration (draws from a random stream), so both follow exactly the same rules.

use std::fmt;

use crate::engine::rng::Xoshiro256pp;
use crate::model::{Clock, DayCount, Model, Pathway, Stage};

/// Where a pass takes its durations from.
pub enum Draws<'a> {
    /// Every distribution at its median; probabilistic stages happen when p >= 0.5.
    Median,
    /// Random draws, in stage order: for a stage with probability below one a uniform
    /// draw decides whether it happens, then its duration is drawn (a fixed duration
    /// draws nothing).
    Random(&'a mut Xoshiro256pp),
    /// Random draws exactly as [`Draws::Random`], except that the stage at index
    /// `stage`, when it happens, takes `days` of work instead of its draw. Its draw is
    /// still taken and discarded, so every other stage sees the same random numbers as
    /// in the unheld pass (common random numbers for the sensitivity analysis).
    Holding {
        /// The stream.
        rng: &'a mut Xoshiro256pp,
        /// Index of the held stage in the pathway.
        stage: usize,
        /// Its work in days.
        days: f64,
    },
}

/// Decides, stage by stage, whether it happens and how long its work takes. The pass is
/// generic over it so that the Monte Carlo loop is compiled without a branch on the
/// kind of pass.
trait Outcomes {
    /// Whether `stage` happens, and its work in days.
    fn outcome(&mut self, stage: &Stage) -> (bool, f64);
}

struct Medians;

impl Outcomes for Medians {
    #[inline]
    fn outcome(&mut self, stage: &Stage) -> (bool, f64) {
        (
            stage.probability >= 0.5,
            stage.duration.as_ref().map_or(0.0, |d| d.median()),
        )
    }
}

impl Outcomes for &mut Xoshiro256pp {
    #[inline]
    fn outcome(&mut self, stage: &Stage) -> (bool, f64) {
        let ran = stage.probability >= 1.0 || self.next_f64() < stage.probability;
        let work = match &stage.duration {
            Some(d) if ran => d.sample(self),
            _ => 0.0,
        };
        (ran, work)
    }
}

/// Random outcomes with one stage held at a value; stages are asked in order.
struct Holding<'a> {
    rng: &'a mut Xoshiro256pp,
    stage: usize,
    days: f64,
    next: usize,
}

impl Outcomes for Holding<'_> {
    #[inline]
    fn outcome(&mut self, stage: &Stage) -> (bool, f64) {
        let (ran, work) = (&mut *self.rng).outcome(stage);
        let held = self.next == self.stage;
        self.next += 1;
        (ran, if held && ran { self.days } else { work })
    }
}

/// When one stage ran, in days after submission.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageTimes {
    /// Whether the stage happened in this pass.
    pub ran: bool,
    /// When its predecessors had all ended.
    pub start: f64,
    /// When its work was done: `end` unless it then waited for a gate date.
    pub work_end: f64,
    /// When it ended (equal to `start` when it did not happen).
    pub end: f64,
    /// Whether it lies on the critical path.
    pub critical: bool,
    /// The day it started on: `start` with fractions rounded up.
    pub start_day: u32,
    /// The day it ended on: `end` with fractions rounded up.
    pub end_day: u32,
    /// The predecessor that ended last (the first listed on a tie): the critical path
    /// runs back through it. `NONE` when the stage starts at submission.
    pub critical_predecessor: u32,
}

/// No predecessor.
const NONE: u32 = u32::MAX;

impl Default for StageTimes {
    /// A stage that has not run, at submission, with no predecessor.
    fn default() -> Self {
        Self {
            ran: false,
            start: 0.0,
            work_end: 0.0,
            end: 0.0,
            critical: false,
            start_day: 0,
            end_day: 0,
            critical_predecessor: NONE,
        }
    }
}

impl PathwayTimes {
    /// Readiness to approval, evidence gap included.
    pub fn time_to_approval_days(&self) -> u32 {
        self.review_days + (self.submitted_day - self.ready_day)
    }

    /// The approval day, in days after the model's submission date.
    pub fn approval_day(&self) -> u32 {
        self.submitted_day + self.review_days
    }
}

impl StageTimes {
    /// Elapsed whole days from its start day to its end day, gate waits included.
    pub fn elapsed_days(&self) -> u32 {
        self.end_day - self.start_day
    }
}

/// The outcome of one pass through a pathway. Reused between iterations so that the hot
/// loop does not allocate.
#[derive(Debug, Clone, Default)]
pub struct PathwayTimes {
    /// Per stage, in the pathway's stage order; days count from the model's first
    /// submission date.
    pub stages: Vec<StageTimes>,
    /// The day this application was submitted (0 unless the scenario spreads
    /// submissions over a window or has products).
    pub submitted_day: u32,
    /// The day the product was ready to obtain the evidence it lacked or to be
    /// submitted: `submitted_day` less the evidence gap.
    pub ready_day: u32,
    /// Submission to approval, in whole days.
    pub review_days: u32,
    /// Whole days of applicant-clock stages on the critical path.
    pub applicant_days: u32,
    /// `review_days - applicant_days`.
    pub regulator_days: u32,
    /// An applicant's clock stop ran past its cap (`max_days`): the application was
    /// withdrawn, not approved.
    pub withdrawn: bool,
    /// The day the application was filed: `submitted_day`, unless review days count
    /// from a later clock start (`review_days_from = "clock-start"`).
    pub filed_day: u32,
}

/// Why a pass could not finish: the scenario asks for dates it does not define.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleError {
    /// A gated stage was ready after the gate's last date.
    GateExhausted {
        /// The pathway's id.
        pathway: String,
        /// The stage's id.
        stage: String,
        /// The gate's id.
        gate: String,
        /// The date the stage's work was done.
        ready: chrono::NaiveDate,
        /// The gate's last date.
        last: Option<chrono::NaiveDate>,
    },
    /// A stage ran past the model's horizon (decades after submission).
    BeyondHorizon {
        /// The pathway's id.
        pathway: String,
        /// The stage's id.
        stage: String,
    },
    /// Obtaining the evidence a product lacks takes past the model's horizon.
    EvidenceBeyondHorizon {
        /// The pathway's id.
        pathway: String,
        /// The evidence's id.
        evidence: String,
    },
    /// The pathway's target date falls after the last date regsim computes.
    TargetBeyondHorizon {
        /// The pathway's id.
        pathway: String,
    },
}

impl ScheduleError {
    /// What is wrong, in one sentence.
    pub fn message(&self) -> String {
        match self {
            ScheduleError::GateExhausted {
                pathway,
                stage,
                gate,
                ready,
                last,
            } => {
                let last = last.map_or_else(|| "none".to_string(), |d| d.to_string());
                format!(
                    "stage `{stage}` of pathway `{pathway}` was ready on {ready}, after the \
                     last date of gate `{gate}` ({last})"
                )
            }
            ScheduleError::BeyondHorizon { pathway, stage } => format!(
                "stage `{stage}` of pathway `{pathway}` ends more than {} years after submission",
                crate::model::HORIZON_DAYS / 366
            ),
            ScheduleError::EvidenceBeyondHorizon { pathway, evidence } => format!(
                "stage `evidence {evidence}` of pathway `{pathway}` ends more than {} years after \
                 submission",
                crate::model::HORIZON_DAYS / 366
            ),
            ScheduleError::TargetBeyondHorizon { pathway } => format!(
                "the target date of pathway `{pathway}`: {}",
                crate::model::Horizon
            ),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> &'static str {
        match self {
            ScheduleError::GateExhausted { .. } => {
                "add later dates to the gate or describe it by a rule (months and day_of_month)"
            }
            ScheduleError::BeyondHorizon { .. } | ScheduleError::EvidenceBeyondHorizon { .. } => {
                "check its duration's units (days)"
            }
            ScheduleError::TargetBeyondHorizon { .. } => "check the target's days",
        }
    }
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message(), self.help())
    }
}

impl std::error::Error for ScheduleError {}

/// The day a moment falls on: fractions of a day round up.
///
/// Written out instead of `f64::ceil`, which compiles to a call into the C library on
/// the baseline x86-64 target and cost an eighth of the simulation time.
#[inline]
pub fn whole_day(t: f64) -> i64 {
    // Branch-free: whether a fraction is left over is random, so a branch mispredicts.
    let i = t as i64;
    i + ((i as f64) < t) as i64
}

/// Runs one pass through `pathway` for an application submitted on the model's
/// submission date, writing the result into `out`.
pub fn run_pathway(
    model: &Model,
    pathway: &Pathway,
    draws: Draws<'_>,
    out: &mut PathwayTimes,
) -> Result<(), ScheduleError> {
    run_pathway_from(model, pathway, 0, draws, out)
}

/// Runs one pass through `pathway` for an application submitted `submitted_day` days
/// after the model's submission date.
pub fn run_pathway_from(
    model: &Model,
    pathway: &Pathway,
    submitted_day: u32,
    draws: Draws<'_>,
    out: &mut PathwayTimes,
) -> Result<(), ScheduleError> {
    match draws {
        Draws::Median => pass(model, pathway, submitted_day, Medians, out),
        Draws::Random(rng) => pass(model, pathway, submitted_day, rng, out),
        Draws::Holding { rng, stage, days } => {
            let holding = Holding {
                rng,
                stage,
                days,
                next: 0,
            };
            pass(model, pathway, submitted_day, holding, out)
        }
    }
}

#[inline]
fn pass(
    model: &Model,
    pathway: &Pathway,
    submitted_day: u32,
    mut outcomes: impl Outcomes,
    out: &mut PathwayTimes,
) -> Result<(), ScheduleError> {
    out.submitted_day = submitted_day;
    out.ready_day = submitted_day;
    out.filed_day = submitted_day;
    out.withdrawn = false;
    out.stages
        .resize(pathway.stages.len(), StageTimes::default());
    let clock_day = match &pathway.clock_start {
        None => submitted_day,
        Some(rule) => {
            let filed = model.date_of(submitted_day as i64);
            submitted_day + (rule.start(filed) - filed).num_days() as u32
        }
    };
    // Counting review days from the clock start: the review is deemed submitted then;
    // the days before it count towards time to approval only.
    let submitted_day = if pathway
        .clock_start
        .is_some_and(|r| r.review_days_from_start)
    {
        out.submitted_day = clock_day;
        clock_day
    } else {
        submitted_day
    };
    for (i, stage) in pathway.stages.iter().enumerate() {
        let (ran, mut work) = outcomes.outcome(stage);
        if let Some(cap) = stage.max_days.filter(|&cap| ran && work > cap) {
            // The applicant cannot answer within the limit: the application is
            // withdrawn when the time runs out.
            out.withdrawn = true;
            work = cap;
        }
        let (done, rest) = out.stages.split_at_mut(i);
        rest[0] = step(
            model,
            stage,
            (submitted_day, clock_day),
            |j| &done[j],
            ran,
            work,
        )
        .map_err(|e| e.explain(model, pathway, i))?;
    }
    finish(pathway, out);
    Ok(())
}

/// When `stage` starts and ends, given its predecessors' times (looked up by stage
/// index) and its outcome: whether it happens, and its work in days. The timing rules
/// of the module docs, in one place for the median pass and the random ones.
#[inline(always)]
fn step<'t>(
    model: &Model,
    stage: &Stage,
    (submitted_day, clock_day): (u32, u32),
    predecessor: impl Fn(usize) -> &'t StageTimes,
    ran: bool,
    work: f64,
) -> Result<StageTimes, Overrun> {
    // Start when the last predecessor ends. Rounding up is monotone, so the start day is
    // the latest predecessor's end day.
    let mut start_day = clock_day;
    let (mut latest, mut critical_predecessor) = (f64::NEG_INFINITY, NONE);
    for &j in &stage.after {
        let p = predecessor(j);
        if p.end > latest {
            latest = p.end;
            critical_predecessor = j as u32;
        }
        start_day = start_day.max(p.end_day);
    }
    let ready = latest.max(clock_day as f64);
    let (mut end, mut end_day, mut work_end) = (ready, start_day, ready);
    if ran {
        end = match stage.days {
            DayCount::Calendar => ready + work,
            DayCount::Business => {
                let n = whole_day(work.max(0.0)) as u32;
                model
                    .business_days_of(stage)
                    .add_business_days(start_day as i64, n)
                    .ok_or(Overrun::Horizon)? as f64
            }
            DayCount::Months => {
                let months = whole_day(work.max(0.0)).min(12 * 60) as u32;
                let start = model.date_of(start_day as i64);
                let end = crate::model::clock::add_months(start, months).ok_or(Overrun::Horizon)?;
                (end - model.submitted).num_days() as f64
            }
        };
        if end.is_nan() || end > crate::model::HORIZON_DAYS as f64 {
            return Err(Overrun::Horizon);
        }
        end_day = whole_day(end) as u32;
        work_end = end;
        if let Some(g) = stage.gate {
            let gate = &model.gates[g];
            let planned = stage
                .planned_within
                .and_then(|within| gate.last_on_or_before(submitted_day as i64 + within as i64));
            let day = gate
                .next_on_or_after((end_day as i64).max(planned.unwrap_or(0)))
                .ok_or(Overrun::Gate(end_day as i64))?;
            end = day as f64;
            end_day = day as u32;
        }
    }
    Ok(StageTimes {
        ran,
        start: ready,
        work_end,
        end,
        critical: false,
        start_day,
        end_day,
        critical_predecessor,
    })
}

/// Marks the critical path and fills in the day counts of a pass whose stage times are
/// all set.
fn finish(pathway: &Pathway, out: &mut PathwayTimes) {
    // The last stage to end; on a tie the one later in the list (nearer approval).
    let mut last = 0;
    for (i, s) in out.stages.iter().enumerate() {
        if s.end >= out.stages[last].end {
            last = i;
        }
    }
    mark_critical_path(pathway, last, out);
}

/// Why a step could not finish, kept small so that the hot path passes it cheaply;
/// [`Overrun::explain`] names the places.
#[derive(Debug, Clone, Copy)]
enum Overrun {
    /// The stage ran past the horizon.
    Horizon,
    /// The stage was ready on this day, after its gate's last date.
    Gate(i64),
}

impl Overrun {
    fn explain(self, model: &Model, pathway: &Pathway, i: usize) -> ScheduleError {
        let stage = &pathway.stages[i];
        match self {
            Overrun::Horizon => ScheduleError::BeyondHorizon {
                pathway: pathway.id.clone(),
                stage: stage.id.clone(),
            },
            Overrun::Gate(ready_day) => {
                let gate = stage.gate.map(|g| &model.gates[g]);
                ScheduleError::GateExhausted {
                    pathway: pathway.id.clone(),
                    stage: stage.id.clone(),
                    gate: gate.map_or_else(String::new, |g| g.id.clone()),
                    ready: model.date_of(ready_day),
                    last: gate
                        .and_then(|g| g.days().last())
                        .map(|&d| model.date_of(d)),
                }
            }
        }
    }
}

/// Traces the critical path back from stage `last` and fills in the day counts.
fn mark_critical_path(pathway: &Pathway, last: usize, out: &mut PathwayTimes) {
    let review = out.stages[last].end_day - out.submitted_day;
    let mut applicant = 0;
    let mut current = Some(last);
    while let Some(i) = current {
        let s = &mut out.stages[i];
        if s.ran {
            s.critical = true;
            if pathway.stages[i].clock == Clock::Applicant {
                applicant += s.elapsed_days();
            }
        }
        current = (s.critical_predecessor != NONE).then_some(s.critical_predecessor as usize);
    }
    out.review_days = review;
    out.applicant_days = applicant;
    out.regulator_days = review - applicant;
}

#[cfg(test)]
mod tests {
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
        m.pathways[0].stages[0].duration =
            Some(crate::model::duration::Duration::Fixed { days: 1.0 });
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

    #[test]
    fn whole_day_is_ceil() {
        for t in [0.0, 0.2, 1.0, 1.5, 364.0001, 365.0, -0.5, -1.5, 12345.678] {
            assert_eq!(whole_day(t), t.ceil() as i64, "{t}");
        }
    }
}
