//! The validated domain model: pathways, stages, durations, calendars and gates.
//!
//! Everything here has been checked by [`crate::scenario`]: ids are resolved to indices,
//! stages are in topological order, distributions have valid parameters and gate dates
//! are converted to day offsets from the submission date. The engine trusts it.

pub mod after_approval;
pub mod agency;
pub mod calendar;
pub mod clock;
pub mod duration;
pub mod product;
pub mod special;
#[cfg(test)]
pub mod testing;

use chrono::NaiveDate;

use after_approval::{FollowUp, Updates};
use calendar::BusinessDays;
use calendar::fiscal::FiscalYear;
use clock::ClockStart;
use duration::Duration;
use product::{Decision, Eligibility, Evidence, Product};

/// How many days after the submission date the model's calendars and gate schedules
/// reach: 60 years, far beyond any review.
pub const HORIZON_DAYS: usize = 60 * 366;

/// The last date regsim computes with. Every date it shows has a four-digit year, as a
/// scenario file's dates do; the holiday rules are not defined past it either.
pub const LAST_DATE: NaiveDate = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => d,
    None => panic!("9999-12-31 is a date"),
};

/// A date falls outside the range regsim can compute (after [`LAST_DATE`]). The one
/// error of this kind, wherever date arithmetic runs out: the caller says which value
/// led there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Horizon;

impl std::fmt::Display for Horizon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a date falls after {LAST_DATE}, the last date regsim can compute"
        )
    }
}

impl std::error::Error for Horizon {}

/// The date `days` days after `date`, if regsim can compute it: [`Horizon`] past
/// [`LAST_DATE`] (or before chrono's first date, for a negative count).
pub fn add_days(date: NaiveDate, days: i64) -> Result<NaiveDate, Horizon> {
    let moved = if days >= 0 {
        date.checked_add_days(chrono::Days::new(days as u64))
    } else {
        date.checked_sub_days(chrono::Days::new(days.unsigned_abs()))
    };
    moved.filter(|d| *d <= LAST_DATE).ok_or(Horizon)
}

/// Whether a schedule from a submission on `date` can be computed: its whole horizon
/// ([`HORIZON_DAYS`] after it) must fall on or before [`LAST_DATE`].
pub fn check_submitted(date: NaiveDate) -> Result<(), Horizon> {
    add_days(date, HORIZON_DAYS as i64).map(|_| ())
}

/// The last submission date [`check_submitted`] accepts.
pub fn last_submission() -> NaiveDate {
    LAST_DATE - chrono::Days::new(HORIZON_DAYS as u64)
}

/// The day a moment falls on: a moment with a fraction of a day rounds up (work that
/// ends during a day ends on that day's date). The domain's one rounding rule.
///
/// Written out instead of `f64::ceil`, which compiles to a call into the C library on
/// the baseline x86-64 target and cost an eighth of the simulation time.
#[inline]
pub fn whole_day(t: f64) -> i64 {
    // Branch-free: whether a fraction is left over is random, so a branch mispredicts.
    let i = t as i64;
    i + ((i as f64) < t) as i64
}

/// One scenario, validated and compiled.
#[derive(Debug, Clone)]
pub struct Model {
    /// Short name, the `scenario` column of the CSV files (by default the scenario
    /// file's name without its extension).
    pub name: String,
    /// Title shown on charts and reports.
    pub title: String,
    /// What question the scenario answers.
    pub description: String,
    /// Default seed of the Monte Carlo run.
    pub seed: u64,
    /// Default number of Monte Carlo iterations.
    pub iterations: u64,
    /// The date the applications are submitted (day 0 of every schedule); with a
    /// submission window, the first day of the window.
    pub submitted: NaiveDate,
    /// Submissions are spread uniformly over this many days after `submitted`
    /// (0: every application is submitted on `submitted`).
    pub submission_window_days: u32,
    /// Business days (weekends and holidays) from the submission date on.
    pub business_days: BusinessDays,
    /// Other calendars that stages count business days in (`calendar = "us-federal"`),
    /// from the submission date on.
    pub calendars: Vec<CalendarTable>,
    /// The scenario's `[[custom_calendar]]` definitions, for `regsim calendar
    /// --scenario`.
    pub custom_calendars: Vec<calendar::custom::CustomCalendar>,
    /// The fiscal years approvals are grouped by in fiscal_years.csv, if any.
    pub fiscal_year: Option<FiscalYear>,
    /// Gate schedules: the dates on which gated stages may finish.
    pub gates: Vec<Gate>,
    /// The approval pathways, in file order. With products, one copy of each pathway
    /// per product eligible for it, product by product: what is simulated.
    pub pathways: Vec<Pathway>,
    /// Kinds of evidence products have and pathways require.
    pub evidence: Vec<Evidence>,
    /// Products seeking approval, in file order (none: the pathways are simulated as
    /// they are).
    pub products: Vec<Product>,
    /// For every product and pathway in the file, whether the product may take it.
    pub decisions: Vec<ProductDecision>,
    /// With an `[agency]` table: applications arriving over years and the reviewers
    /// they wait for (the queue engine); `None` for single applications.
    pub agency: Option<agency::Agency>,
    /// The language its titles were chosen in (`--lang`), which its outputs write their
    /// own words in too.
    pub lang: crate::lang::Lang,
}

/// Whether one product may take one pathway of the file.
#[derive(Debug, Clone)]
pub struct ProductDecision {
    /// Index into [`Model::products`].
    pub product: usize,
    /// The pathway's id.
    pub pathway: String,
    /// The pathway's title.
    pub pathway_title: String,
    /// The decision and its reasons.
    pub decision: Decision,
}

/// A calendar's business days, by the name the scenario gives it.
#[derive(Debug, Clone)]
pub struct CalendarTable {
    /// The calendar's name: a named calendar (`us-federal`) or a custom calendar's id.
    pub id: String,
    /// Its business days from the submission date on.
    pub days: BusinessDays,
}

impl Model {
    /// The business days `stage` counts: its own calendar's, or the scenario's.
    #[inline]
    pub fn business_days_of(&self, stage: &Stage) -> &BusinessDays {
        stage
            .calendar
            .map_or(&self.business_days, |c| &self.calendars[c].days)
    }

    /// The name of the calendar `stage` counts business days in, if not the scenario's.
    pub fn calendar_name_of(&self, stage: &Stage) -> Option<&str> {
        stage.calendar.map(|c| self.calendars[c].id.as_str())
    }

    /// How `stage` counts its duration, for tables: "calendar days", "business days",
    /// "business days of us-federal", "months".
    pub fn counts_text(&self, stage: &Stage) -> String {
        match (stage.days, self.calendar_name_of(stage)) {
            (DayCount::Months, _) => "months".into(),
            (DayCount::Business, Some(name)) => format!("business days of {name}"),
            (days, _) => format!("{} days", days.as_str()),
        }
    }

    /// The calendar date `day` days after submission (a negative day is the submission
    /// date). Validation keeps the submission date at least [`HORIZON_DAYS`] before
    /// [`LAST_DATE`], so every day of a schedule has its date; a day past that is shown as
    /// [`LAST_DATE`] (use [`Model::checked_date_of`] where a day may be that far).
    pub fn date_of(&self, day: i64) -> NaiveDate {
        self.checked_date_of(day).unwrap_or(LAST_DATE)
    }

    /// The calendar date `day` days after submission, or [`Horizon`] past [`LAST_DATE`].
    pub fn checked_date_of(&self, day: i64) -> Result<NaiveDate, Horizon> {
        add_days(self.submitted, day.max(0))
    }
}

/// An approval route: stages, and optionally a performance target.
#[derive(Debug, Clone)]
pub struct Pathway {
    /// Identifier used in CSV and on the command line, e.g. `normal`.
    pub id: String,
    /// Human title, e.g. "Normal approval (standard review)"; a product's copy has the
    /// product's id before it ("antiviral: Emergency approval").
    pub title: String,
    /// The kind of route (normal, priority, special, emergency, ...): a label.
    pub kind: String,
    /// The official review-time target, if any.
    pub target: Option<Target>,
    /// Stages in topological order: every stage comes after the stages it waits for.
    pub stages: Vec<Stage>,
    /// Conditions a product must meet to take it (with products in the scenario).
    pub eligibility: Option<Eligibility>,
    /// The product this copy of the pathway is simulated for.
    pub case: Option<ProductCase>,
    /// The condition the approval carries, and the second approval that meets it.
    pub follow_up: Option<FollowUp>,
    /// Updates shipped after approval.
    pub updates: Option<Updates>,
    /// A rule that starts the review clock after the filing date (PMDA's busy months).
    pub clock_start: Option<ClockStart>,
}

impl Pathway {
    /// The product's id for CSV, empty without products.
    pub fn product_id<'a>(&self, model: &'a Model) -> &'a str {
        self.case
            .as_ref()
            .map_or("", |c| model.products[c.product].id.as_str())
    }

    /// How the terminal and the charts name it: "normal", or "product/normal" with
    /// products (also what `--pathway` accepts).
    pub fn label(&self, model: &Model) -> String {
        match self.product_id(model) {
            "" => self.id.clone(),
            product => format!("{product}/{}", self.id),
        }
    }
}

/// A pathway as taken by one product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductCase {
    /// Index into [`Model::products`].
    pub product: usize,
    /// The day the product is ready, in days after the model's submission date.
    pub ready_day: u32,
    /// Evidence it obtains before submitting (index into [`Model::evidence`]).
    pub gap: Option<usize>,
}

/// A performance target: `percentile`% of reviews within `days`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Target {
    /// Days from submission to approval (or regulator days) that must not be exceeded.
    pub days: f64,
    /// The share of reviews, in percent, that must meet it (e.g. 80).
    pub percentile: f64,
    /// Which clock the target counts.
    pub clock: TargetClock,
}

/// Which clock a target counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetClock {
    /// Submission to approval, the applicant's time included (PMDA's "total review time").
    Total,
    /// The regulator's time only: total minus the applicant's clock stops.
    Regulator,
}

impl TargetClock {
    /// The word used in scenario files and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetClock::Total => "total",
            TargetClock::Regulator => "regulator",
        }
    }
}

/// Who holds the clock during a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Clock {
    /// The agency is working: counts towards regulator time.
    Regulator,
    /// The applicant is working (answering inquiries): a clock stop for the regulator.
    Applicant,
}

impl Clock {
    /// The word used in scenario files and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Clock::Regulator => "regulator",
            Clock::Applicant => "applicant",
        }
    }
}

/// Which days a stage's duration counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayCount {
    /// Every day counts; fractional durations are kept.
    Calendar,
    /// Only business days (Monday to Friday, not a holiday) count. The stage starts on
    /// the day its predecessors end (rounded up), rolled forward to a business day; its
    /// duration is rounded up to whole business days.
    Business,
    /// Calendar months: the stage starts on the day its predecessors end (rounded up)
    /// and ends on the same day of the month that many months later (the last day of a
    /// shorter month).
    Months,
}

impl DayCount {
    /// The word used in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            DayCount::Calendar => "calendar",
            DayCount::Business => "business",
            DayCount::Months => "months",
        }
    }
}

/// One step of a pathway.
#[derive(Debug, Clone)]
pub struct Stage {
    /// Identifier, unique within its pathway.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Who holds the clock.
    pub clock: Clock,
    /// How long the work takes, in days of `days`; `None` for a pure wait on a gate.
    pub duration: Option<Duration>,
    /// Which days the duration counts.
    pub days: DayCount,
    /// With business days: index into [`Model::calendars`] of the calendar they are
    /// counted in; `None` for the scenario's `[calendar]`.
    pub calendar: Option<usize>,
    /// An applicant's clock stop with a cap: an application whose answer would take
    /// longer than this many days is withdrawn instead of approved.
    pub max_days: Option<f64>,
    /// Indices (into the pathway's `stages`) of the stages this one waits for; all come
    /// earlier in the list. Empty: starts at submission.
    pub after: Vec<usize>,
    /// Probability that the stage happens at all (1 for a stage that always happens).
    pub probability: f64,
    /// Index into [`Model::gates`]: the stage can only finish on one of its dates.
    pub gate: Option<usize>,
    /// With a gate: the review is planned for the gate's last date within this many
    /// days of submission, and the stage ends there unless its work ends later (then
    /// on the first date after). Agencies schedule reviews against their targets.
    pub planned_within: Option<u32>,
}

/// A schedule of dates on which gated stages may finish (council meetings, approval
/// batches).
#[derive(Debug, Clone)]
pub struct Gate {
    /// Identifier referenced by stages.
    pub id: String,
    /// Human title, e.g. "Drug committee of the Pharmaceutical Affairs Council".
    pub title: String,
    /// The dates as day offsets from submission, ascending, none negative.
    days: Vec<i64>,
    /// For every day offset up to the last date, the first date on or after it: a
    /// lookup instead of a search, because a binary search's chain of dependent loads
    /// was a tenth of a Monte Carlo iteration's time.
    next: Vec<u32>,
    /// Dates an exception of the rule moved: (the rule's day, the day it moved to, why).
    moves: Vec<(i64, i64, String)>,
}

impl Gate {
    /// A gate on these day offsets from submission (in any order; negative ones and
    /// repeats are dropped).
    pub fn new(id: String, title: String, mut days: Vec<i64>) -> Self {
        days.retain(|&d| d >= 0);
        days.sort_unstable();
        days.dedup();
        let mut next = Vec::with_capacity(days.last().map_or(0, |&d| d as usize + 1));
        for &d in &days {
            next.resize(d as usize + 1, d as u32);
        }
        Self {
            id,
            title,
            days,
            next,
            moves: Vec::new(),
        }
    }

    /// The gate with the dates an exception moved: (the rule's day, the day it moved
    /// to, why), in day offsets from submission.
    pub fn with_moves(mut self, moves: Vec<(i64, i64, String)>) -> Self {
        self.moves = moves;
        self
    }

    /// If `day` is a date an exception moved here: the rule's day and the reason.
    pub fn moved_to(&self, day: i64) -> Option<(i64, &str)> {
        self.moves
            .iter()
            .find(|(_, to, _)| *to == day)
            .map(|(from, _, why)| (*from, why.as_str()))
    }

    /// The dates as day offsets from submission, ascending.
    pub fn days(&self) -> &[i64] {
        &self.days
    }

    /// The last date on or before `day`, if there is one.
    pub fn last_on_or_before(&self, day: i64) -> Option<i64> {
        let i = self.days.partition_point(|&d| d <= day);
        i.checked_sub(1).map(|i| self.days[i])
    }

    /// The first date on or after `day`, if the schedule reaches that far.
    #[inline]
    pub fn next_on_or_after(&self, day: i64) -> Option<i64> {
        if day < 0 {
            return self.days.first().copied();
        }
        self.next.get(day as usize).map(|&d| d as i64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_day_is_ceil() {
        for t in [0.0, 0.2, 1.0, 1.5, 364.0001, 365.0, -0.5, -1.5, 12345.678] {
            assert_eq!(whole_day(t), t.ceil() as i64, "{t}");
        }
    }

    #[test]
    fn gate_lookup_finds_the_next_date() {
        let g = Gate::new("g".into(), "g".into(), vec![30, 10, 10, -5, 90]);
        assert_eq!(g.days(), &[10, 30, 90]);
        let cases = [
            (-3, Some(10)),
            (0, Some(10)),
            (10, Some(10)),
            (11, Some(30)),
            (30, Some(30)),
            (31, Some(90)),
            (90, Some(90)),
            (91, None),
        ];
        for (day, want) in cases {
            assert_eq!(g.next_on_or_after(day), want, "day {day}");
        }
        assert_eq!(
            Gate::new("e".into(), "e".into(), vec![]).next_on_or_after(0),
            None
        );
    }
}
