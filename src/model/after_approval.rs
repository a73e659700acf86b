//! What follows an approval: the condition it carries (a follow-up that ends in a full or
//! second approval, or in the approval lapsing) and the updates shipped after it.
//!
//! An emergency approval under the 2022 PMD Act lasts at most two years, extendable once
//! by one, and lapses unless efficacy is confirmed; a two-step SaMD approval is followed
//! by a partial-change approval on post-market evidence; a conditional approval carries
//! a confirmatory obligation. All three are one structure: evidence filed some time
//! after approval, a review of it, and optionally a term. Updates (an AI model retrained
//! N times a year) are reviewed one at a time, so frequent updates with slow reviews
//! queue up: what a confirmed change plan (IDATEN) shortens.

use crate::model::duration::Duration;
use crate::random::Xoshiro256pp;

/// `[pathway.follow_up]`, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp {
    /// What the second approval is.
    pub title: String,
    /// Probability that the evidence meets the condition at all.
    pub probability: f64,
    /// Days from approval until the evidence is filed.
    pub evidence: Duration,
    /// Days from filing to the second approval.
    pub review: Duration,
    /// Days after approval at which it lapses unless the second approval came first.
    pub term_days: Option<f64>,
    /// Days by which the term can be extended, once.
    pub extension_days: f64,
}

/// How a follow-up ended in one iteration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The second approval came within the term (or there is no term).
    Converted,
    /// It came during the extension of the term.
    ConvertedAfterExtension,
    /// The term (extended if that would have helped) ran out first, or the evidence
    /// did not meet the condition and the approval lapsed at the end of its term.
    Lapsed,
    /// No term, and the evidence did not meet the condition.
    NotMet,
}

impl Outcome {
    /// Every outcome, in the order reports list them.
    pub const ALL: [Outcome; 4] = [
        Outcome::Converted,
        Outcome::ConvertedAfterExtension,
        Outcome::Lapsed,
        Outcome::NotMet,
    ];

    /// The word used in CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Converted => "second_approval",
            Outcome::ConvertedAfterExtension => "second_approval_after_extension",
            Outcome::Lapsed => "lapsed",
            Outcome::NotMet => "condition_not_met",
        }
    }

    /// Whether it ends in the second approval.
    pub fn approved(self) -> bool {
        matches!(self, Outcome::Converted | Outcome::ConvertedAfterExtension)
    }
}

impl FollowUp {
    /// Draws one follow-up: its outcome and, when approved, the whole days from the
    /// first approval to the second. Draws a uniform for the probability (only when it is
    /// below one), then the evidence and review durations, always, so that what follows
    /// in the stream does not depend on the outcome.
    pub fn draw(&self, rng: &mut Xoshiro256pp) -> (Outcome, Option<u32>) {
        let met = self.probability >= 1.0 || rng.next_f64() < self.probability;
        let days = self.evidence.sample(rng) + self.review.sample(rng);
        self.outcome(met, days)
    }

    /// The outcome at the medians: the condition met when its probability is at least
    /// one half.
    pub fn median(&self) -> (Outcome, Option<u32>) {
        self.outcome(
            self.probability >= 0.5,
            self.evidence.median() + self.review.median(),
        )
    }

    fn outcome(&self, met: bool, days: f64) -> (Outcome, Option<u32>) {
        let whole = crate::model::whole_day(days.max(0.0)) as u32;
        match self.term_days {
            None if met => (Outcome::Converted, Some(whole)),
            None => (Outcome::NotMet, None),
            Some(_) if !met => (Outcome::Lapsed, None),
            Some(term) if days <= term => (Outcome::Converted, Some(whole)),
            Some(term) if days <= term + self.extension_days => {
                (Outcome::ConvertedAfterExtension, Some(whole))
            }
            Some(_) => (Outcome::Lapsed, None),
        }
    }
}

/// `[pathway.updates]`, validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Updates {
    /// What an update is.
    pub title: String,
    /// Updates ready per year.
    pub per_year: f64,
    /// Years after approval that are simulated.
    pub years: f64,
    /// Days from an update's filing to its release.
    pub review: Duration,
}

impl Updates {
    /// How many updates fall in the simulated years.
    pub fn count(&self) -> usize {
        (self.per_year * self.years + 1e-9).floor() as usize
    }

    /// Calls `on_update` with each update's whole days from ready to release. Update
    /// k (1, 2, ...) is ready k/per_year years after approval; its review starts when it
    /// is ready and the previous update is released (one change under review at a time,
    /// since each builds on the last).
    pub fn draw(&self, rng: &mut Xoshiro256pp, mut on_update: impl FnMut(u32)) {
        let spacing = 365.25 / self.per_year;
        let mut released = 0.0f64;
        for k in 1..=self.count() {
            let ready = k as f64 * spacing;
            let start = ready.max(released);
            released = start + self.review.sample(rng);
            on_update(crate::model::whole_day(released - ready) as u32);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn follow_up(term: Option<f64>, extension: f64) -> FollowUp {
        FollowUp {
            title: "full approval".into(),
            probability: 1.0,
            evidence: Duration::Uniform {
                min: 100.0,
                max: 1300.0,
            },
            review: Duration::Fixed { days: 0.0 },
            term_days: term,
            extension_days: extension,
        }
    }

    #[test]
    fn outcomes_follow_the_term_and_its_extension() {
        let f = follow_up(Some(730.0), 365.0);
        assert_eq!(f.outcome(true, 729.5), (Outcome::Converted, Some(730)));
        assert_eq!(f.outcome(true, 730.0), (Outcome::Converted, Some(730)));
        assert_eq!(
            f.outcome(true, 731.0),
            (Outcome::ConvertedAfterExtension, Some(731))
        );
        assert_eq!(f.outcome(true, 1096.0), (Outcome::Lapsed, None));
        assert_eq!(f.outcome(false, 10.0), (Outcome::Lapsed, None));
        let open = follow_up(None, 0.0);
        assert_eq!(open.outcome(true, 5000.0), (Outcome::Converted, Some(5000)));
        assert_eq!(open.outcome(false, 10.0), (Outcome::NotMet, None));
    }

    #[test]
    fn shares_match_the_uniform_evidence_time() {
        // Evidence uniform on 100..1300 days, term 730 + 365: converted within the term
        // with probability 630/1200, in the extension 365/1200, lapsed 205/1200.
        let f = follow_up(Some(730.0), 365.0);
        let n = 200_000;
        let mut counts = [0u32; 4];
        for i in 0..n {
            let mut rng = Xoshiro256pp::for_iteration(7, i);
            let (o, _) = f.draw(&mut rng);
            counts[Outcome::ALL.iter().position(|&x| x == o).unwrap()] += 1;
        }
        let share = |k: usize| counts[k] as f64 / n as f64;
        assert!((share(0) - 630.0 / 1200.0).abs() < 0.005, "{counts:?}");
        assert!((share(1) - 365.0 / 1200.0).abs() < 0.005, "{counts:?}");
        assert!((share(2) - 205.0 / 1200.0).abs() < 0.005, "{counts:?}");
        assert_eq!(counts[3], 0);
    }

    #[test]
    fn slow_reviews_of_frequent_updates_queue_up() {
        // Four updates a year (every 91.3 days), each reviewed in 120 days: update k
        // waits for the one before, so its time to market grows by 28.7 days each time.
        let u = Updates {
            title: String::new(),
            per_year: 4.0,
            years: 1.0,
            review: Duration::Fixed { days: 120.0 },
        };
        let mut days = Vec::new();
        u.draw(&mut Xoshiro256pp::for_iteration(1, 0), |d| days.push(d));
        assert_eq!(days, [120, 149, 178, 207]);
        // A change plan: notification in 30 days, no queue.
        let quick = Updates {
            review: Duration::Fixed { days: 30.0 },
            ..u
        };
        let mut days = Vec::new();
        quick.draw(&mut Xoshiro256pp::for_iteration(1, 0), |d| days.push(d));
        assert_eq!(days, [30, 30, 30, 30]);
    }
}
