//! The agency as a queue: applications arriving over years, and pools of reviewers whose
//! stages wait for a free reviewer (see [`crate::engine::queue`]).
//!
//! Times are days after the model's submission date, which is the first day of the
//! simulated horizon. A year of arrivals is [`DAYS_PER_YEAR`] days.

/// Days in a year of arrivals: rates are given per year, and a year is this long on
/// average (leap years included), so that 182.625 a year is exactly 0.5 a day.
pub const DAYS_PER_YEAR: f64 = 365.25;

/// The agency of a scenario with an `[agency]` table.
#[derive(Debug, Clone)]
pub struct Agency {
    /// Days simulated after the submission date (the horizon's first day).
    pub horizon_days: u32,
    /// Days at the start whose applications are simulated (they fill the queues) but
    /// not reported: an agency that opens empty is not the agency of the question.
    pub warm_up_days: u32,
    /// The reviewer pools, in file order.
    pub pools: Vec<Pool>,
    /// Per pathway of the model (same order): how its applications arrive; `None` for a
    /// pathway that receives none.
    pub arrivals: Vec<Option<Arrivals>>,
    /// Per pathway, per stage: the pool whose reviewer the stage's work needs.
    pub stage_pools: Vec<Vec<Option<usize>>>,
}

/// A pool of reviewers: c servers, in queueing terms.
#[derive(Debug, Clone)]
pub struct Pool {
    /// Identifier used in stages (`pool = "new-drug-teams"`) and in queue.csv.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Headcount from the first day, before any change.
    pub reviewers: u32,
    /// Headcount changes, in the order they take effect: (day, headcount). A rise with
    /// a ramp-up takes effect that many days after its date.
    pub changes: Vec<(f64, u32)>,
    /// Per pathway of the model, its rank in the queue: lower ranks are served first
    /// (non-preemptive), equal ranks first come, first served. All zero for FIFO.
    pub ranks: Vec<u32>,
}

impl Pool {
    /// The headcount on `day`.
    pub fn reviewers_on(&self, day: f64) -> u32 {
        self.changes
            .iter()
            .take_while(|(from, _)| *from <= day)
            .last()
            .map_or(self.reviewers, |&(_, n)| n)
    }
}

/// How a pathway's applications arrive: a Poisson process whose rate per year is
/// constant within a day.
#[derive(Debug, Clone)]
pub struct Arrivals {
    /// Applications per year.
    pub per_year: f64,
    /// Per fiscal year listed, its own rate per year, instead of `per_year` and growth:
    /// (first day, last day, rate).
    pub by_year: Vec<(u32, u32, f64)>,
    /// Compound growth of `per_year` per year (0.05 for 5% a year).
    pub growth_per_year: f64,
    /// From this day on, the rate is multiplied by the factor (a surge).
    pub surge: Option<(u32, f64)>,
    /// Dated applications read from a file, in days after the submission date, sorted;
    /// with them, no Poisson arrivals are drawn.
    pub dated: Vec<f64>,
}

impl Arrivals {
    /// Whether the rate is `per_year` on every day (no listed years, growth or surge).
    pub fn is_constant(&self) -> bool {
        self.by_year.is_empty() && self.growth_per_year == 0.0 && self.surge.is_none()
    }

    /// The arrival rate on `day`, in applications per day.
    pub fn rate_on(&self, day: u32) -> f64 {
        let listed = self
            .by_year
            .iter()
            .find(|&&(first, last, _)| first <= day && day <= last);
        let per_year = match listed {
            Some(&(_, _, rate)) => rate,
            None if self.growth_per_year == 0.0 => self.per_year,
            None => self.per_year * (1.0 + self.growth_per_year).powf(day as f64 / DAYS_PER_YEAR),
        };
        let surge = match self.surge {
            Some((from, factor)) if day >= from => factor,
            _ => 1.0,
        };
        per_year * surge / DAYS_PER_YEAR
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arrivals() -> Arrivals {
        Arrivals {
            per_year: 365.25,
            by_year: vec![(10, 19, 730.5)],
            growth_per_year: 0.0,
            surge: Some((100, 3.0)),
            dated: Vec::new(),
        }
    }

    #[test]
    fn rates_follow_the_listed_years_and_the_surge() {
        let a = arrivals();
        assert_eq!(a.rate_on(0), 1.0);
        assert_eq!(a.rate_on(10), 2.0);
        assert_eq!(a.rate_on(19), 2.0);
        assert_eq!(a.rate_on(20), 1.0);
        assert_eq!(a.rate_on(100), 3.0);
    }

    #[test]
    fn growth_compounds_by_the_year() {
        let a = Arrivals {
            growth_per_year: 0.1,
            surge: None,
            by_year: Vec::new(),
            ..arrivals()
        };
        let after_two_years = a.rate_on((2.0 * DAYS_PER_YEAR) as u32);
        assert!((after_two_years - 1.21).abs() < 1e-3, "{after_two_years}");
    }

    #[test]
    fn headcount_follows_its_changes() {
        let p = Pool {
            id: "p".into(),
            title: "P".into(),
            reviewers: 3,
            changes: vec![(10.0, 5), (20.0, 2)],
            ranks: vec![0],
        };
        assert_eq!(p.reviewers_on(0.0), 3);
        assert_eq!(p.reviewers_on(10.0), 5);
        assert_eq!(p.reviewers_on(19.9), 5);
        assert_eq!(p.reviewers_on(25.0), 2);
    }
}
