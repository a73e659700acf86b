//! What a Monte Carlo run hands to the exporters: distributions per pathway and stage,
//! held as whole-day histograms (see [`crate::engine::stats`]).

use crate::engine::schedule::PathwayTimes;
use crate::engine::stats::DayHistogram;
use crate::model::after_approval::Outcome;
use crate::model::{Pathway, Target, TargetClock};
use crate::random::Xoshiro256pp;

/// The metrics reported per pathway, in the order of summary.csv.
pub const METRICS: [Metric; 4] = [
    Metric::ReviewDays,
    Metric::TimeToApprovalDays,
    Metric::RegulatorDays,
    Metric::ApplicantDays,
];

/// A per-iteration quantity of a pathway, in whole days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// Submission to approval.
    ReviewDays,
    /// Readiness to approval. Without products in the scenario an application is
    /// submitted on the day it is ready, so this equals `review_days`.
    TimeToApprovalDays,
    /// Review days minus the applicant's clock stops.
    RegulatorDays,
    /// The applicant's clock stops on the critical path.
    ApplicantDays,
    /// Submission to the second approval that meets the approval's condition (full
    /// approval after an emergency one, a two-step SaMD's second step), when it comes.
    SecondApprovalDays,
    /// Each update's days from ready to release, after approval.
    UpdateDays,
    /// With an agency: whole days the application waited for free reviewers, over its
    /// stages.
    QueueWaitDays,
}

impl Metric {
    /// The column value used in CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::ReviewDays => "review_days",
            Metric::TimeToApprovalDays => "time_to_approval_days",
            Metric::RegulatorDays => "regulator_days",
            Metric::ApplicantDays => "applicant_days",
            Metric::SecondApprovalDays => "second_approval_days",
            Metric::UpdateDays => "update_days",
            Metric::QueueWaitDays => "queue_wait_days",
        }
    }

    /// The metrics reported for `pathway`: [`METRICS`], then those of what follows its
    /// approval.
    pub fn of(pathway: &Pathway) -> Vec<Metric> {
        let mut list = METRICS.to_vec();
        if pathway.follow_up.is_some() {
            list.push(Metric::SecondApprovalDays);
        }
        if pathway.updates.is_some() {
            list.push(Metric::UpdateDays);
        }
        list
    }

    /// The metric a target counts: review days for a total-time target, regulator days
    /// for one on the regulator's clock.
    pub fn of_target(clock: TargetClock) -> Metric {
        match clock {
            TargetClock::Total => Metric::ReviewDays,
            TargetClock::Regulator => Metric::RegulatorDays,
        }
    }

    /// `target` if it counts this metric: the target a row of this metric reports.
    pub fn target(self, target: Option<Target>) -> Option<Target> {
        target.filter(|t| Metric::of_target(t.clock) == self)
    }
}

/// The distribution of one Monte Carlo run, all pathways.
#[derive(Debug, Clone)]
pub struct RunResults {
    /// Iterations simulated.
    pub iterations: u64,
    /// The seed they were drawn with.
    pub seed: u64,
    /// One entry per pathway, in the model's order.
    pub pathways: Vec<PathwayResults>,
}

/// Distributions of one pathway.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathwayResults {
    /// Submission to approval, in days.
    pub review_days: DayHistogram,
    /// Readiness to approval, evidence gap included, in days.
    pub time_to_approval_days: DayHistogram,
    /// Regulator time, in days.
    pub regulator_days: DayHistogram,
    /// Applicant time (clock stops on the critical path), in days.
    pub applicant_days: DayHistogram,
    /// One entry per stage, in the pathway's order.
    pub stages: Vec<StageResults>,
    /// Iterations ending in each follow-up outcome, in [`Outcome::ALL`]'s order.
    pub outcomes: [u64; 4],
    /// Submission to the second approval, when it came.
    pub second_approval_days: DayHistogram,
    /// Every update's days from ready to release.
    pub update_days: DayHistogram,
    /// Iterations in which the application was withdrawn (an applicant's clock stop
    /// ran past its cap); the day counts above leave them out.
    pub withdrawn: u64,
    /// The approval day, in days after the model's submission date (for grouping
    /// approvals by fiscal year).
    pub approval_day: DayHistogram,
    /// With an agency: each approved application's days waiting for reviewers.
    pub queue_wait_days: DayHistogram,
    /// With an agency: applications still in review when the simulation stopped (more
    /// work than reviewers); the day counts above leave them out.
    pub unfinished: u64,
}

/// Distributions of one stage.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StageResults {
    /// Iterations in which the stage happened.
    pub ran: u64,
    /// Iterations in which it was on the critical path.
    pub critical: u64,
    /// Elapsed days (start day to end day, gate waits included), when it happened.
    pub elapsed_days: DayHistogram,
    /// Days from the application's submission to the day it ended, every iteration.
    pub end_day: DayHistogram,
}

impl PathwayResults {
    /// Empty accumulators shaped for `pathway`.
    pub fn new(pathway: &Pathway) -> Self {
        Self {
            stages: vec![StageResults::default(); pathway.stages.len()],
            ..Self::default()
        }
    }

    /// The histogram of a metric.
    pub fn metric(&self, metric: Metric) -> &DayHistogram {
        match metric {
            Metric::ReviewDays => &self.review_days,
            Metric::TimeToApprovalDays => &self.time_to_approval_days,
            Metric::RegulatorDays => &self.regulator_days,
            Metric::ApplicantDays => &self.applicant_days,
            Metric::SecondApprovalDays => &self.second_approval_days,
            Metric::UpdateDays => &self.update_days,
            Metric::QueueWaitDays => &self.queue_wait_days,
        }
    }

    /// Applications not approved: withdrawn, or (with an agency) still in review when
    /// the simulation stopped.
    pub fn not_approved(&self) -> u64 {
        self.withdrawn + self.unfinished
    }

    /// Applications simulated: approved, withdrawn or unfinished. Without an agency, one
    /// per iteration.
    pub fn applications(&self) -> u64 {
        self.review_days.count() + self.not_approved()
    }

    /// The share of iterations meeting `target`, on the metric it counts; `None` when no
    /// iteration was approved.
    pub fn target_met_share(&self, target: Target) -> Option<f64> {
        self.metric(Metric::of_target(target.clock))
            .share_at_most(target.days)
    }

    /// Records what follows one iteration's approval, drawing from `rng` (the
    /// pathway's stream, where the review left it).
    #[inline]
    pub fn record_after_approval(
        &mut self,
        pathway: &Pathway,
        times: &PathwayTimes,
        rng: &mut Xoshiro256pp,
    ) {
        if times.withdrawn {
            return;
        }
        if let Some(f) = &pathway.follow_up {
            let (outcome, days) = f.draw(rng);
            let k = Outcome::ALL
                .iter()
                .position(|&o| o == outcome)
                .expect("every outcome is listed");
            self.outcomes[k] += 1;
            if let Some(d) = days {
                self.second_approval_days.add(times.review_days + d);
            }
        }
        if let Some(u) = &pathway.updates {
            u.draw(rng, |d| self.update_days.add(d));
        }
    }

    /// Records one iteration.
    #[inline]
    pub fn record(&mut self, times: &PathwayTimes) {
        if times.withdrawn {
            self.withdrawn += 1;
        } else {
            self.review_days.add(times.review_days);
            self.time_to_approval_days
                .add(times.time_to_approval_days());
            self.regulator_days.add(times.regulator_days);
            self.applicant_days.add(times.applicant_days);
            self.approval_day.add(times.approval_day());
        }
        for (acc, s) in self.stages.iter_mut().zip(&times.stages) {
            if s.ran {
                acc.ran += 1;
                acc.elapsed_days.add(s.elapsed_days());
            }
            acc.critical += s.critical as u64;
            acc.end_day.add(s.end_day - times.submitted_day);
        }
    }

    /// Adds another block's accumulators.
    pub fn merge(&mut self, other: &PathwayResults) {
        self.review_days.merge(&other.review_days);
        self.time_to_approval_days
            .merge(&other.time_to_approval_days);
        for (a, b) in self.outcomes.iter_mut().zip(other.outcomes) {
            *a += b;
        }
        self.second_approval_days.merge(&other.second_approval_days);
        self.update_days.merge(&other.update_days);
        self.withdrawn += other.withdrawn;
        self.approval_day.merge(&other.approval_day);
        self.queue_wait_days.merge(&other.queue_wait_days);
        self.unfinished += other.unfinished;
        self.regulator_days.merge(&other.regulator_days);
        self.applicant_days.merge(&other.applicant_days);
        for (a, b) in self.stages.iter_mut().zip(&other.stages) {
            a.ran += b.ran;
            a.critical += b.critical;
            a.elapsed_days.merge(&b.elapsed_days);
            a.end_day.merge(&b.end_day);
        }
    }
}
