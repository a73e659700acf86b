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

mod error;

pub use error::ScheduleError;

use crate::model::{Clock, DayCount, Model, Pathway, Stage, whole_day};
use crate::random::Xoshiro256pp;

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
pub(crate) const NONE: u32 = u32::MAX;

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
    /// Scratch: each stage's outcome (whether it happened, its work in days) in the
    /// pass under way.
    outcomes: Vec<(bool, f64)>,
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
    let (clock_day, submitted_day) = clock_days(model, pathway, submitted_day);
    out.submitted_day = submitted_day;
    // Every stage's outcome first, in stage order (the order of the draws is the
    // same), then the dates: the draws do not wait on the chain of dates, so the
    // processor overlaps them with it.
    out.outcomes.clear();
    out.outcomes
        .extend(pathway.stages.iter().map(|stage| outcomes.outcome(stage)));
    for (i, stage) in pathway.stages.iter().enumerate() {
        let (ran, mut work) = out.outcomes[i];
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

/// For an application filed on `filed_day`: the day its review clock starts (a
/// busy-month rule may move it), and the day its review days count from, which is the
/// clock start when the pathway counts from it (the review is deemed submitted then;
/// the days before it count towards time to approval only), else the filing day.
#[inline]
pub(crate) fn clock_days(model: &Model, pathway: &Pathway, filed_day: u32) -> (u32, u32) {
    let clock_day = match &pathway.clock_start {
        None => filed_day,
        Some(rule) => {
            let filed = model.date_of(filed_day as i64);
            filed_day + (rule.start(filed) - filed).num_days() as u32
        }
    };
    let from_start = pathway
        .clock_start
        .is_some_and(|r| r.review_days_from_start);
    (clock_day, if from_start { clock_day } else { filed_day })
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
        (work_end, end, end_day) = advance(model, stage, ready, start_day, submitted_day, work)?;
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

/// Where a stage's work ends and where the stage ends, for a stage that happens: its
/// work of `work` days counted from `ready` (on `start_day`, the day it starts, for
/// business days and months), then the wait for its gate. Returns (work end, end, end
/// day). The single-application pass and the agency queue (which starts the work when a
/// reviewer is free) both time a stage here, so they follow the same calendar rules.
#[inline(always)]
pub(crate) fn advance(
    model: &Model,
    stage: &Stage,
    ready: f64,
    start_day: u32,
    submitted_day: u32,
    work: f64,
) -> Result<(f64, f64, u32), Overrun> {
    let mut end = match stage.days {
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
    let mut end_day = whole_day(end) as u32;
    let work_end = end;
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
    Ok((work_end, end, end_day))
}

/// Whether `stage` happens and its work in days, drawn from `rng` exactly as a Monte
/// Carlo pass draws it (a uniform for a stage that may not happen, then its duration).
#[inline]
pub(crate) fn draw_outcome(stage: &Stage, mut rng: &mut Xoshiro256pp) -> (bool, f64) {
    rng.outcome(stage)
}

/// Marks the critical path and fills in the day counts of a pass whose stage times are
/// all set.
pub(crate) fn finish(pathway: &Pathway, out: &mut PathwayTimes) {
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
pub(crate) enum Overrun {
    /// The stage ran past the horizon.
    Horizon,
    /// The stage was ready on this day, after its gate's last date.
    Gate(i64),
}

impl Overrun {
    pub(crate) fn explain(self, model: &Model, pathway: &Pathway, i: usize) -> ScheduleError {
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
mod tests;
