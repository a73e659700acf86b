//! What the agency queue keeps of its replications: per pathway and year, per pool and
//! year, and the backlog over time, as counts and histograms that merge exactly, so
//! that results do not depend on the number of threads.

use crate::engine::stats::DayHistogram;

/// A year the queue reports by: a fiscal year of the scenario's `fiscal_year`, or a
/// calendar year without one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Year {
    /// Its name (FY2024 is 2024).
    pub year: i32,
    /// Its first day, in days after the horizon's start (0 for a year cut by the start).
    pub first_day: u32,
    /// Its last day (the horizon's last day for a year cut by the end).
    pub last_day: u32,
}

/// One pathway's figures in one year, summed over replications.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PathwayYear {
    /// Applications that arrived in the year.
    pub arrived: u64,
    /// Applications approved in the year.
    pub approved: u64,
    /// Review days of the applications approved in the year (as PMDA reports its review
    /// times by the fiscal year of approval).
    pub review_days: DayHistogram,
    /// Their whole days waiting for a reviewer, summed.
    pub queue_wait_days: u64,
    /// Applications of the pathway in review at the year's end, one value per
    /// replication.
    pub backlog_at_end: DayHistogram,
}

/// One pool's work in one year, summed over replications.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct PoolYear {
    /// Reviewer-days spent working.
    pub busy: f64,
    /// Reviewer-days of headcount.
    pub available: f64,
}

impl PoolYear {
    /// The share of the headcount's time spent working, if there was any headcount.
    pub fn utilisation(&self) -> Option<f64> {
        (self.available > 0.0).then(|| self.busy / self.available)
    }
}

/// What the queue keeps beside the usual per-pathway results.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QueueResults {
    /// Replications merged.
    pub replications: u64,
    /// The years reported, in order: those after the warm-up, up to the horizon's end.
    pub years: Vec<Year>,
    /// Per pathway, per year.
    pub pathways: Vec<Vec<PathwayYear>>,
    /// Per pool, per year.
    pub pools: Vec<Vec<PoolYear>>,
    /// The days on which the backlog is sampled: the first day of every month after the
    /// warm-up, and the horizon's end.
    pub sample_days: Vec<u32>,
    /// Applications in review (every pathway) on each sample day, one value per
    /// replication.
    pub backlog: Vec<DayHistogram>,
    /// Per pathway: applications still in review when the simulation stopped (a queue
    /// that does not drain: more work than reviewers); left out of every day count.
    pub unfinished: Vec<u64>,
    /// When a paired study asks for them (`compare`): per replication, in order, per
    /// pathway, the days of each metric of [`super::compare::METRICS`] as (day, count),
    /// ascending. Empty otherwise, so that a run's memory stays flat in
    /// the replications.
    pub per_replication: Vec<Vec<[super::compare::Sparse; 5]>>,
}

impl QueueResults {
    /// Empty accumulators for `pathways` pathways and `pools` pools.
    pub fn new(years: Vec<Year>, sample_days: Vec<u32>, pathways: usize, pools: usize) -> Self {
        Self {
            replications: 0,
            pathways: vec![vec![PathwayYear::default(); years.len()]; pathways],
            pools: vec![vec![PoolYear::default(); years.len()]; pools],
            backlog: vec![DayHistogram::new(); sample_days.len()],
            unfinished: vec![0; pathways],
            per_replication: Vec::new(),
            years,
            sample_days,
        }
    }

    /// Adds another replication's (or block's) results. Merging in replication order
    /// keeps the sums of reviewer-days the same for any number of threads.
    pub fn merge(&mut self, other: &QueueResults) {
        self.replications += other.replications;
        for (a, b) in self.pathways.iter_mut().zip(&other.pathways) {
            for (a, b) in a.iter_mut().zip(b) {
                a.arrived += b.arrived;
                a.approved += b.approved;
                a.review_days.merge(&b.review_days);
                a.queue_wait_days += b.queue_wait_days;
                a.backlog_at_end.merge(&b.backlog_at_end);
            }
        }
        for (a, b) in self.pools.iter_mut().zip(&other.pools) {
            for (a, b) in a.iter_mut().zip(b) {
                a.busy += b.busy;
                a.available += b.available;
            }
        }
        for (a, b) in self.backlog.iter_mut().zip(&other.backlog) {
            a.merge(b);
        }
        for (a, b) in self.unfinished.iter_mut().zip(&other.unfinished) {
            *a += b;
        }
        self.per_replication
            .extend(other.per_replication.iter().cloned());
    }

    /// The year `day` falls in, if it is a reported year.
    pub fn year_of(&self, day: u32) -> Option<usize> {
        let i = self.years.partition_point(|y| y.last_day < day);
        (i < self.years.len() && self.years[i].first_day <= day).then_some(i)
    }
}
