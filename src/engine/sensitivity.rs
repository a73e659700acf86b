//! Which stages' uncertainty moves a pathway's P80 most: a swing analysis, and the rank
//! correlation of each stage with the total.
//!
//! **Swing.** For each uncertain stage (a duration that varies; fixed stages and pure
//! gate waits have nothing to swing), the pathway is run again with that stage held at
//! the 10th and then the 90th percentile of its duration, every other draw unchanged
//! (common random numbers, [`crate::engine::schedule::Draws::Holding`]), over the same
//! iterations and seed as the main run. The swing is the P80 of review days at the
//! stage's P90 minus the P80 at its P10: how far P80 moves across the stage's likely
//! range, the measure a tornado chart shows. Holding a stage that happens only sometimes
//! holds its duration when it happens; whether it happens stays random. Cost: two runs
//! of the pathway per uncertain stage, which is why `regsim run` does it only when asked.
//!
//! **Rank correlation.** Spearman's coefficient between a stage's elapsed days (start
//! day to end day, gate wait included; 0 when it did not happen) and the pathway's
//! review days, over every iteration of the main run that ends in approval (a withdrawn
//! application has no review days). Ranks are mid-ranks for ties, read from whole-day
//! histograms of a first replay, so a second replay accumulates exact integer sums of
//! rank products: no per-iteration storage, memory independent of the number of
//! iterations, and the same value on any number of threads.

use crate::engine::replay::Replay;
use crate::engine::results::RunResults;
use crate::engine::schedule::{PathwayTimes, ScheduleError};
use crate::engine::stats::DayHistogram;
use crate::model::Model;

/// The percentile of review days the swing is measured on.
pub const SWING_PERCENTILE: f64 = 80.0;

/// One stage's effect on its pathway.
#[derive(Debug, Clone, PartialEq)]
pub struct StageSensitivity {
    /// Index of the stage in the pathway.
    pub stage: usize,
    /// The stage's duration at its 10th percentile, in days.
    pub low_days: f64,
    /// The stage's duration at its 90th percentile, in days.
    pub high_days: f64,
    /// P80 of review days with the stage held at `low_days`.
    pub p80_at_low: f64,
    /// P80 of review days with the stage held at `high_days`.
    pub p80_at_high: f64,
    /// Spearman's rank correlation of the stage's elapsed days with review days;
    /// `None` when either never varies.
    pub rank_correlation: Option<f64>,
}

impl StageSensitivity {
    /// `p80_at_high - p80_at_low`, in days.
    pub fn swing(&self) -> f64 {
        self.p80_at_high - self.p80_at_low
    }
}

/// The sensitivity of one pathway.
#[derive(Debug, Clone, PartialEq)]
pub struct PathwaySensitivity {
    /// Index of the pathway in the model.
    pub pathway: usize,
    /// P80 of review days in the main run.
    pub base_p80: f64,
    /// Uncertain stages, the largest swing (in absolute value) first; ties keep the
    /// pathway's order.
    pub stages: Vec<StageSensitivity>,
}

/// Runs the analysis for every pathway of `model`, whose main run gave `results`.
pub fn analyse(
    model: &Model,
    results: &RunResults,
) -> Result<Vec<PathwaySensitivity>, ScheduleError> {
    (0..model.pathways.len())
        .map(|p| analyse_pathway(model, results, p))
        .collect()
}

fn analyse_pathway(
    model: &Model,
    results: &RunResults,
    p: usize,
) -> Result<PathwaySensitivity, ScheduleError> {
    let pathway = &model.pathways[p];
    let main = &results.pathways[p];
    let replay = Replay {
        model,
        pathway: p,
        seed: results.seed,
        iterations: results.iterations,
        hold: None,
    };
    let uncertain: Vec<usize> = pathway
        .stages
        .iter()
        .enumerate()
        .filter(|(_, s)| s.duration.as_ref().is_some_and(|d| d.is_random()))
        .map(|(i, _)| i)
        .collect();
    let correlations = rank_correlations(&replay, &uncertain)?;
    let p80_held = |stage: usize, days: f64| -> Result<f64, ScheduleError> {
        let held = Replay {
            hold: Some((stage, days)),
            ..replay
        };
        // A withdrawn application has no review days (as in the main run).
        let h = held.fold(
            DayHistogram::new,
            |h, _, t| {
                if !t.withdrawn {
                    h.add(t.review_days)
                }
            },
            |a, b| a.merge(&b),
        )?;
        Ok(h.percentile(SWING_PERCENTILE).unwrap_or(0.0))
    };
    let mut stages = Vec::with_capacity(uncertain.len());
    for (&s, rank_correlation) in uncertain.iter().zip(correlations) {
        let d = pathway.stages[s].duration.as_ref().expect("uncertain");
        let (low_days, high_days) = (d.quantile(0.1), d.quantile(0.9));
        stages.push(StageSensitivity {
            stage: s,
            low_days,
            high_days,
            p80_at_low: p80_held(s, low_days)?,
            p80_at_high: p80_held(s, high_days)?,
            rank_correlation,
        });
    }
    // A stable sort: equal swings keep the pathway's order.
    stages.sort_by(|a, b| b.swing().abs().total_cmp(&a.swing().abs()));
    Ok(PathwaySensitivity {
        pathway: p,
        base_p80: main.review_days.percentile(SWING_PERCENTILE).unwrap_or(0.0),
        stages,
    })
}

/// Doubled mid-ranks per whole-day value of a distribution: 2 × (values below) +
/// (values equal) + 1, an integer.
fn doubled_midranks(h: &DayHistogram) -> Vec<u64> {
    let max = h.max().unwrap_or(0);
    let mut below = 0;
    (0..=max)
        .map(|v| {
            let c = h.count_of(v);
            let r = 2 * below + c + 1;
            below += c;
            r
        })
        .collect()
}

/// Σ (2r)² over a distribution's values.
fn sum_of_squares(h: &DayHistogram, ranks: &[u64]) -> u128 {
    ranks
        .iter()
        .enumerate()
        .map(|(v, &r)| h.count_of(v as u32) as u128 * (r as u128 * r as u128))
        .sum()
}

/// Spearman's coefficient from exact sums of doubled ranks: the Pearson correlation of
/// the mid-ranks. `None` when either side is constant.
fn spearman(n: u128, sum_xy: u128, sum_xx: u128, sum_yy: u128) -> Option<f64> {
    // The doubled ranks always sum to n (n + 1).
    let mean_sq = (n * (n + 1)) * (n * (n + 1));
    let cov = (n * sum_xy) as i128 - mean_sq as i128;
    let vx = (n * sum_xx) as i128 - mean_sq as i128;
    let vy = (n * sum_yy) as i128 - mean_sq as i128;
    (vx > 0 && vy > 0).then(|| cov as f64 / ((vx as f64).sqrt() * (vy as f64).sqrt()))
}

/// The rank correlation of each of `stages` with review days, over the iterations that
/// end in approval: one replay for the distributions (a stage's elapsed days, 0 when it
/// did not happen), one for the sums of rank products.
fn rank_correlations(replay: &Replay, stages: &[usize]) -> Result<Vec<Option<f64>>, ScheduleError> {
    let elapsed = |t: &PathwayTimes, s: usize| {
        let st = &t.stages[s];
        if st.ran { st.elapsed_days() } else { 0 }
    };
    let (total, marginals) = replay.fold(
        || (DayHistogram::new(), vec![DayHistogram::new(); stages.len()]),
        |(total, marginals), _, t| {
            if !t.withdrawn {
                total.add(t.review_days);
                for (h, &s) in marginals.iter_mut().zip(stages) {
                    h.add(elapsed(t, s));
                }
            }
        },
        |(ta, ma), (tb, mb)| {
            ta.merge(&tb);
            ma.iter_mut().zip(&mb).for_each(|(a, b)| a.merge(b));
        },
    )?;
    let n = total.count();
    let total_ranks = doubled_midranks(&total);
    let ranks: Vec<Vec<u64>> = marginals.iter().map(doubled_midranks).collect();
    let sums = replay.fold(
        || vec![0u128; stages.len()],
        |acc, _, t| {
            if t.withdrawn {
                return;
            }
            let y = total_ranks[t.review_days as usize] as u128;
            for ((a, &s), r) in acc.iter_mut().zip(stages).zip(&ranks) {
                *a += r[elapsed(t, s) as usize] as u128 * y;
            }
        },
        |a, b| a.iter_mut().zip(b).for_each(|(x, y)| *x += y),
    )?;
    let sum_yy = sum_of_squares(&total, &total_ranks);
    Ok(sums
        .iter()
        .zip(&marginals)
        .zip(&ranks)
        .map(|((&xy, h), r)| spearman(n as u128, xy, sum_of_squares(h, r), sum_yy))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::monte_carlo::MonteCarlo;
    use crate::model::Clock;
    use crate::model::calendar::HolidaySet;
    use crate::model::duration::Duration;
    use crate::model::testing::{date, model, pathway, stage};

    /// A fixed stage, a narrow and a wide one in sequence, and a wide stage in parallel
    /// that is rarely on the critical path.
    fn wide_and_narrow() -> Model {
        let mut fixed = stage("fixed", Clock::Regulator, 30.0, &[]);
        fixed.duration = Some(Duration::Fixed { days: 30.0 });
        let mut narrow = stage("narrow", Clock::Regulator, 0.0, &[0]);
        narrow.duration = Some(Duration::Triangular {
            min: 95.0,
            mode: 100.0,
            max: 105.0,
        });
        let mut wide = stage("wide", Clock::Applicant, 0.0, &[1]);
        wide.duration = Some(Duration::Triangular {
            min: 20.0,
            mode: 60.0,
            max: 200.0,
        });
        let mut side = stage("side", Clock::Regulator, 0.0, &[0]);
        side.duration = Some(Duration::Uniform {
            min: 10.0,
            max: 60.0,
        });
        model(
            date(2024, 4, 1),
            HolidaySet::None,
            vec![],
            vec![pathway("p", "p", vec![fixed, narrow, wide, side])],
        )
    }

    fn analysed(m: &Model, iterations: u64) -> PathwaySensitivity {
        let mc = MonteCarlo {
            iterations,
            seed: 11,
            keep_rows: false,
        };
        let results = mc.run(m, |_| Ok::<(), ()>(()), |_| {}).unwrap();
        analyse(m, &results).unwrap().remove(0)
    }

    #[test]
    fn the_wide_stage_swings_p80_most() {
        let s = analysed(&wide_and_narrow(), 20_000);
        let order: Vec<usize> = s.stages.iter().map(|x| x.stage).collect();
        // the fixed stage has nothing to swing; the wide stage first
        assert_eq!(order[0], 2, "{s:#?}");
        assert!(!order.contains(&0));
        let wide = &s.stages[0];
        // held at a constant, the total is fixed + narrow's spread + the constant:
        // the swing is about the stage's own P90 - P10
        let own = wide.high_days - wide.low_days;
        assert!(
            (wide.swing() - own).abs() < 5.0,
            "{} vs {own}",
            wide.swing()
        );
        let narrow = s.stages.iter().find(|x| x.stage == 1).unwrap();
        assert!(narrow.swing() > 0.0 && narrow.swing() < 10.0, "{narrow:?}");
        // off the critical path, the side stage moves nothing
        let side = s.stages.iter().find(|x| x.stage == 3).unwrap();
        assert_eq!(side.swing(), 0.0);
        assert!(wide.p80_at_low < s.base_p80 && s.base_p80 < wide.p80_at_high);
        // ranks: the wide stage nearly decides the total, the narrow one a little
        let rw = wide.rank_correlation.unwrap();
        let rn = narrow.rank_correlation.unwrap();
        assert!(rw > 0.95 && rn > 0.0 && rn < 0.3, "{rw} {rn}");
        assert!(side.rank_correlation.unwrap().abs() < 0.05);
    }

    #[test]
    fn spearman_of_known_ranks() {
        // x = 1, 2, 3; y = 1, 3, 2: rho = 1 - 6 * 2 / (3 * 8) = 0.5. Doubled ranks.
        let (x, y) = ([2u128, 4, 6], [2u128, 6, 4]);
        let xy = x.iter().zip(&y).map(|(a, b)| a * b).sum();
        let xx = x.iter().map(|a| a * a).sum();
        let yy = y.iter().map(|a| a * a).sum();
        assert!((spearman(3, xy, xx, yy).unwrap() - 0.5).abs() < 1e-12);
        assert_eq!(
            spearman(3, xx, xx, 3 * 16),
            None,
            "a constant has no correlation"
        );
    }

    /// Spearman's coefficient the textbook way: Pearson's correlation of average ranks
    /// found by sorting.
    fn spearman_by_sorting(x: &[u32], y: &[u32]) -> Option<f64> {
        let ranks = |v: &[u32]| -> Vec<f64> {
            let mut idx: Vec<usize> = (0..v.len()).collect();
            idx.sort_by_key(|&i| v[i]);
            let mut r = vec![0.0; v.len()];
            let mut i = 0;
            while i < idx.len() {
                let mut j = i;
                while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
                    j += 1;
                }
                for &k in &idx[i..=j] {
                    r[k] = (i + j) as f64 / 2.0 + 1.0;
                }
                i = j + 1;
            }
            r
        };
        let (rx, ry) = (ranks(x), ranks(y));
        let n = x.len() as f64;
        let (mx, my) = (rx.iter().sum::<f64>() / n, ry.iter().sum::<f64>() / n);
        let cov: f64 = rx.iter().zip(&ry).map(|(a, b)| (a - mx) * (b - my)).sum();
        let vx: f64 = rx.iter().map(|a| (a - mx).powi(2)).sum();
        let vy: f64 = ry.iter().map(|b| (b - my).powi(2)).sum();
        (vx > 0.0 && vy > 0.0).then(|| cov / (vx * vy).sqrt())
    }

    proptest::proptest! {
        #[test]
        fn exact_rank_sums_agree_with_sorting(
            pairs in proptest::collection::vec((0u32..40, 0u32..40), 2..200)
        ) {
            let (x, y): (Vec<u32>, Vec<u32>) = pairs.into_iter().unzip();
            let hist = |v: &[u32]| {
                let mut h = DayHistogram::new();
                v.iter().for_each(|&d| h.add(d));
                h
            };
            let (hx, hy) = (hist(&x), hist(&y));
            let (rx, ry) = (doubled_midranks(&hx), doubled_midranks(&hy));
            let xy: u128 = x.iter().zip(&y).map(|(&a, &b)| rx[a as usize] as u128 * ry[b as usize] as u128).sum();
            let got = spearman(x.len() as u128, xy, sum_of_squares(&hx, &rx), sum_of_squares(&hy, &ry));
            let want = spearman_by_sorting(&x, &y);
            match (got, want) {
                (Some(g), Some(w)) => proptest::prop_assert!((g - w).abs() < 1e-9, "{} vs {}", g, w),
                (g, w) => proptest::prop_assert_eq!(g.is_none(), w.is_none()),
            }
        }
    }

    #[test]
    fn midranks_share_ties() {
        let mut h = DayHistogram::new();
        for v in [1, 1, 3] {
            h.add(v);
        }
        // values 1, 1 have ranks 1 and 2 (mid-rank 1.5, doubled 3); 3 has rank 3 (6)
        let r = doubled_midranks(&h);
        assert_eq!((r[1], r[3]), (3, 6));
    }
}
