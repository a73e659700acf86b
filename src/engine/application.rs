//! One application from the day its product is ready: the evidence it must obtain first,
//! the review ([`crate::engine::schedule`]), and what follows approval.
//!
//! Random streams: the review and what follows it draw from the pathway's stream; the
//! evidence gap from a stream of its own per (product, evidence), so that a product that
//! must run a phase III trial before two routes runs the same trial, of the same length,
//! before both in a given iteration.

use crate::engine::schedule::{Draws, PathwayTimes, ScheduleError, run_pathway_from};
use crate::model::whole_day;
use crate::model::{HORIZON_DAYS, Model, Pathway};
use crate::random::Xoshiro256pp;

/// The key of the stream a pathway draws from: its id alone without products (so the
/// numbers of a scenario without products do not change when one is added elsewhere),
/// product and pathway ids with them.
pub fn stream_key(model: &Model, pathway: &Pathway) -> u64 {
    match &pathway.case {
        None => fnv1a(&pathway.id),
        Some(c) => fnv1a(&format!("{}/{}", model.products[c.product].id, pathway.id)),
    }
}

/// The key of the stream an evidence gap draws from, or 0 without a gap.
pub fn gap_key(model: &Model, pathway: &Pathway) -> u64 {
    match &pathway.case {
        Some(c) => c.gap.map_or(0, |e| {
            fnv1a(&format!(
                "evidence:{}/{}",
                model.products[c.product].id, model.evidence[e].id
            ))
        }),
        None => 0,
    }
}

/// The 64-bit FNV-1a hash of a text.
pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The days before submission that closing the evidence gap takes: drawn from `gap_rng`,
/// or its median without one.
fn gap_days(
    model: &Model,
    pathway: &Pathway,
    gap_rng: Option<&mut Xoshiro256pp>,
) -> Result<u32, ScheduleError> {
    let Some(e) = pathway.case.and_then(|c| c.gap) else {
        return Ok(0);
    };
    let (_, duration) = model.evidence[e]
        .obtained
        .as_ref()
        .expect("a gap is only chosen where the evidence can be obtained");
    let days = match gap_rng {
        Some(rng) => duration.sample(rng),
        None => duration.median(),
    };
    // NaN fails the comparison too.
    if days.is_nan() || days > (HORIZON_DAYS / 2) as f64 {
        return Err(ScheduleError::EvidenceBeyondHorizon {
            pathway: pathway.id.clone(),
            evidence: model.evidence[e].id.clone(),
        });
    }
    Ok(whole_day(days.max(0.0)) as u32)
}

/// The median schedule of `pathway` for an application ready on `ready_day` (the
/// product's own ready day when it has one).
pub fn median_application(
    model: &Model,
    pathway: &Pathway,
    ready_day: u32,
    out: &mut PathwayTimes,
) -> Result<(), ScheduleError> {
    let ready = pathway.case.map_or(ready_day, |c| c.ready_day);
    let submitted = ready + gap_days(model, pathway, None)?;
    run_pathway_from(model, pathway, submitted, Draws::Median, out)?;
    out.ready_day = ready;
    Ok(())
}

/// One random application of `pathway` in iteration `iteration`, ready on `ready_day`
/// unless its product says otherwise; an evidence gap draws from the stream keyed
/// `gap_key`. Leaves `rng` where the review left it, for what follows approval.
pub fn random_application(
    model: &Model,
    pathway: &Pathway,
    ready_day: u32,
    rng: &mut Xoshiro256pp,
    gap: (u64, u64),
    out: &mut PathwayTimes,
) -> Result<(), ScheduleError> {
    application(model, pathway, ready_day, Draws::Random(rng), gap, out)
}

/// [`random_application`] with the stage at index `stage` held at `days` of work (see
/// [`Draws::Holding`]): the same draws for every other stage and the evidence gap.
pub fn held_application(
    model: &Model,
    pathway: &Pathway,
    ready_day: u32,
    rng: &mut Xoshiro256pp,
    gap: (u64, u64),
    (stage, days): (usize, f64),
    out: &mut PathwayTimes,
) -> Result<(), ScheduleError> {
    let draws = Draws::Holding { rng, stage, days };
    application(model, pathway, ready_day, draws, gap, out)
}

fn application(
    model: &Model,
    pathway: &Pathway,
    ready_day: u32,
    draws: Draws<'_>,
    (gap_key, iteration): (u64, u64),
    out: &mut PathwayTimes,
) -> Result<(), ScheduleError> {
    let ready = pathway.case.map_or(ready_day, |c| c.ready_day);
    let gap = if pathway.case.is_some_and(|c| c.gap.is_some()) {
        let mut gap_rng = Xoshiro256pp::for_iteration(gap_key, iteration);
        gap_days(model, pathway, Some(&mut gap_rng))?
    } else {
        0
    };
    let submitted = ready + gap;
    run_pathway_from(model, pathway, submitted, draws, out)?;
    out.ready_day = ready;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calendar::HolidaySet;
    use crate::model::duration::Duration;
    use crate::model::product::{Evidence, Product, ProductType};
    use crate::model::testing::{date, model, pathway, stage};
    use crate::model::{Clock, ProductCase};

    /// One product, ready 10 days after day 0, lacking `trial` (100 to 200 days); two
    /// routes that both need it, and a third that does not.
    fn product_model() -> Model {
        let mut m = model(
            date(2024, 4, 1),
            HolidaySet::None,
            vec![],
            ["fast", "slow", "open"]
                .iter()
                .zip([10.0, 50.0, 30.0])
                .map(|(id, d)| pathway(id, id, vec![stage("review", Clock::Regulator, d, &[])]))
                .collect(),
        );
        m.evidence = vec![
            Evidence {
                id: "early".into(),
                title: String::new(),
                implies: vec![],
                obtained: None,
            },
            Evidence {
                id: "trial".into(),
                title: String::new(),
                implies: vec![],
                obtained: Some((
                    0,
                    Duration::Uniform {
                        min: 100.0,
                        max: 200.0,
                    },
                )),
            },
        ];
        m.products = vec![Product {
            id: "x".into(),
            title: "X".into(),
            kind: ProductType::Drug,
            evidence: vec![0],
            approved_overseas: false,
            emergency_declared: false,
            designations: vec![],
            ready: date(2024, 4, 11),
        }];
        for (p, gap) in m.pathways.iter_mut().zip([Some(1), Some(1), None]) {
            p.case = Some(ProductCase {
                product: 0,
                ready_day: 10,
                gap,
            });
        }
        m
    }

    #[test]
    fn a_product_closes_the_same_gap_before_every_route_in_an_iteration() {
        let m = product_model();
        let mut gaps = Vec::new();
        for i in 0..200 {
            let mut per_route = Vec::new();
            for p in &m.pathways {
                let mut rng = Xoshiro256pp::for_iteration(stream_key(&m, p), i);
                let mut t = PathwayTimes::default();
                random_application(&m, p, 0, &mut rng, (gap_key(&m, p), i), &mut t).unwrap();
                assert_eq!(t.ready_day, 10);
                assert_eq!(
                    t.time_to_approval_days(),
                    t.review_days + t.submitted_day - t.ready_day
                );
                per_route.push(t.submitted_day - t.ready_day);
            }
            assert_eq!(per_route[0], per_route[1], "iteration {i}: the same trial");
            assert_eq!(per_route[2], 0, "no gap on the open route");
            assert!((100..=200).contains(&per_route[0]));
            gaps.push(per_route[0]);
        }
        // and it is drawn, not fixed
        assert!(gaps.iter().any(|&g| g != gaps[0]));
    }

    #[test]
    fn the_median_application_closes_the_gap_at_its_median() {
        let m = product_model();
        let mut t = PathwayTimes::default();
        median_application(&m, &m.pathways[0], 0, &mut t).unwrap();
        assert_eq!((t.ready_day, t.submitted_day, t.review_days), (10, 160, 10));
        assert_eq!(t.time_to_approval_days(), 160);
    }

    #[test]
    fn streams_keep_their_keys_without_products() {
        // Adding products to a scenario must not change the numbers of one without: the
        // key of a pathway without a product is the FNV-1a hash of its id alone.
        let m = product_model();
        let mut plain = m.pathways[0].clone();
        plain.case = None;
        assert_eq!(stream_key(&m, &plain), fnv1a("fast"));
        assert_ne!(stream_key(&m, &m.pathways[0]), fnv1a("fast"));
        assert_eq!(gap_key(&m, &plain), 0);
    }
}
