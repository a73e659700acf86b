//! Streaming statistics over whole days.
//!
//! Every quantity regsim reports per iteration is a whole number of days (dates are
//! whole days), so a histogram with one counter per day holds the whole distribution
//! exactly in memory that does not grow with the number of iterations. Percentiles are
//! then exact, with the same linear interpolation between order statistics as numpy's
//! default `percentile` (method "linear"), and merging two histograms is exact and
//! order-independent, which makes results identical for any number of threads.

/// Counts of non-negative whole-day values. Only the counts are kept, so recording a
/// value is a single increment; totals are derived when a statistic is asked for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayHistogram {
    counts: Vec<u64>,
}

impl DayHistogram {
    /// An empty histogram.
    pub fn new() -> Self {
        Self::default()
    }

    /// A histogram of these counts, one per day from day 0 (as [`Self::counts`] gave
    /// them): how a shard's state file gives its histograms back.
    pub fn from_counts(counts: Vec<u64>) -> Self {
        Self { counts }
    }

    /// The count of every day from day 0 to the largest value recorded: the exact
    /// content of the histogram, for a state file that a later merge reads.
    pub fn counts(&self) -> &[u64] {
        &self.counts
    }

    /// Records one value.
    #[inline]
    pub fn add(&mut self, days: u32) {
        match self.counts.get_mut(days as usize) {
            Some(c) => *c += 1,
            None => self.grow_and_add(days as usize),
        }
    }

    #[cold]
    fn grow_and_add(&mut self, i: usize) {
        self.add_many(i as u32, 1);
    }

    /// Records `count` values equal to `days` (a resampled histogram's weights).
    pub fn add_many(&mut self, days: u32, count: u64) {
        let i = days as usize;
        if i >= self.counts.len() {
            self.counts.resize(i + 1, 0);
        }
        self.counts[i] += count;
    }

    /// Adds every value of `other`.
    pub fn merge(&mut self, other: &DayHistogram) {
        if other.counts.len() > self.counts.len() {
            self.counts.resize(other.counts.len(), 0);
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
    }

    /// How many values were recorded.
    pub fn count(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// How many values equal `days`.
    pub fn count_of(&self, days: u32) -> u64 {
        self.counts.get(days as usize).copied().unwrap_or(0)
    }

    /// Sum and sum of squares, exactly (values are below 2^32, counts below 2^64).
    fn sums(&self) -> (u128, u128) {
        self.counts
            .iter()
            .enumerate()
            .fold((0, 0), |(s, q), (day, &c)| {
                let (d, c) = (day as u128, c as u128);
                (s + d * c, q + d * d * c)
            })
    }

    /// The arithmetic mean, `None` when empty.
    pub fn mean(&self) -> Option<f64> {
        let n = self.count();
        (n > 0).then(|| self.sums().0 as f64 / n as f64)
    }

    /// The sample standard deviation (n - 1 in the denominator); 0 for one value.
    pub fn sd(&self) -> Option<f64> {
        match self.count() {
            0 => None,
            1 => Some(0.0),
            n => {
                // Exact integer arithmetic: n * sum_sq - sum^2 = n^2 * population variance.
                let (sum, sum_sq) = self.sums();
                let num = n as u128 * sum_sq - sum * sum;
                Some((num as f64 / (n as f64 * (n - 1) as f64)).sqrt())
            }
        }
    }

    /// The smallest value.
    pub fn min(&self) -> Option<u32> {
        self.counts.iter().position(|&c| c > 0).map(|i| i as u32)
    }

    /// The largest value.
    pub fn max(&self) -> Option<u32> {
        self.counts.iter().rposition(|&c| c > 0).map(|i| i as u32)
    }

    /// The value of rank `k` (0-based) in sorted order; `k < count()`.
    fn order_statistic(&self, k: u64) -> u32 {
        let mut seen = 0u64;
        for (day, &c) in self.counts.iter().enumerate() {
            seen += c;
            if seen > k {
                return day as u32;
            }
        }
        unreachable!("rank {k} beyond {} values", self.count())
    }

    /// The `p`-th percentile (p in 0..=100) by linear interpolation between the two
    /// nearest order statistics, as numpy's default.
    pub fn percentile(&self, p: f64) -> Option<f64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let rank = p.clamp(0.0, 100.0) / 100.0 * (n - 1) as f64;
        let lo = rank.floor() as u64;
        let hi = (lo + 1).min(n - 1);
        let frac = rank - lo as f64;
        let a = self.order_statistic(lo) as f64;
        let b = self.order_statistic(hi) as f64;
        Some(a + (b - a) * frac)
    }

    /// The share of values at or below `days`.
    pub fn share_at_most(&self, days: f64) -> Option<f64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        if days < 0.0 {
            return Some(0.0);
        }
        let limit = (days.floor() as usize).min(self.counts.len().saturating_sub(1));
        let within: u64 = self.counts.iter().take(limit + 1).sum();
        Some(within as f64 / n as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The percentile by linear interpolation over an unsorted slice (numpy's default):
    /// the independent reference the histograms are compared with.
    fn percentile_of_slice(values: &[f64], p: f64) -> Option<f64> {
        if values.is_empty() {
            return None;
        }
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        let rank = p.clamp(0.0, 100.0) / 100.0 * (v.len() - 1) as f64;
        let lo = rank.floor() as usize;
        let hi = (lo + 1).min(v.len() - 1);
        Some(v[lo] + (v[hi] - v[lo]) * (rank - lo as f64))
    }

    fn hist(values: &[u32]) -> DayHistogram {
        let mut h = DayHistogram::new();
        values.iter().for_each(|&v| h.add(v));
        h
    }

    #[test]
    fn percentiles_match_numpy_linear() {
        // numpy.percentile([1, 2, 3, 4, 10], [0, 10, 50, 80, 100]) = 1, 1.4, 3, 5.2, 10
        let h = hist(&[4, 1, 10, 3, 2]);
        let got: Vec<f64> = [0.0, 10.0, 50.0, 80.0, 100.0]
            .iter()
            .map(|&p| h.percentile(p).unwrap())
            .collect();
        let want = [1.0, 1.4, 3.0, 5.2, 10.0];
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-12, "{got:?} vs {want:?}");
        }
    }

    #[test]
    fn moments_and_extremes() {
        let h = hist(&[2, 4, 4, 4, 5, 5, 7, 9]);
        assert_eq!(h.mean(), Some(5.0));
        // sample sd of that set: sqrt(32 / 7)
        assert!((h.sd().unwrap() - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
        assert_eq!((h.min(), h.max()), (Some(2), Some(9)));
        assert_eq!(h.share_at_most(4.0), Some(0.5));
        assert_eq!(h.share_at_most(100.0), Some(1.0));
        assert_eq!(h.share_at_most(-1.0), Some(0.0));
    }

    #[test]
    fn empty_histogram_has_no_statistics() {
        let h = DayHistogram::new();
        assert_eq!(h.percentile(50.0), None);
        assert_eq!(h.mean(), None);
        assert_eq!(h.min(), None);
    }

    proptest! {
        #[test]
        fn histogram_agrees_with_sorting(values in prop::collection::vec(0u32..2000, 1..300), p in 0.0f64..=100.0) {
            let h = hist(&values);
            let f: Vec<f64> = values.iter().map(|&v| v as f64).collect();
            let want = percentile_of_slice(&f, p).unwrap();
            prop_assert!((h.percentile(p).unwrap() - want).abs() < 1e-9);
        }

        #[test]
        fn percentiles_are_ordered(values in prop::collection::vec(0u32..5000, 1..300)) {
            let h = hist(&values);
            let ps = [0.0, 10.0, 25.0, 50.0, 75.0, 80.0, 90.0, 100.0];
            let q: Vec<f64> = ps.iter().map(|&p| h.percentile(p).unwrap()).collect();
            prop_assert!(q.windows(2).all(|w| w[0] <= w[1]));
            prop_assert_eq!(q[0], h.min().unwrap() as f64);
            prop_assert_eq!(q[7], h.max().unwrap() as f64);
        }

        #[test]
        fn merging_is_order_independent(a in prop::collection::vec(0u32..500, 0..100), b in prop::collection::vec(0u32..500, 0..100)) {
            let mut ab = hist(&a);
            ab.merge(&hist(&b));
            let mut ba = hist(&b);
            ba.merge(&hist(&a));
            prop_assert_eq!(ab, ba);
        }
    }
}
