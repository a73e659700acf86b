//! One application from the day its product is ready: the evidence it must obtain first,
//! the review ([`crate::engine::schedule`]), and what follows approval.
//!
//! Random streams: the review and what follows it draw from the pathway's stream; the
//! evidence gap from a stream of its own per (product, evidence), so that a product that
//! must run a phase III trial before two routes runs the same trial, of the same length,
//! before both in a given iteration.

use crate::engine::rng::Xoshiro256pp;
use crate::engine::schedule::{Draws, PathwayTimes, ScheduleError, run_pathway_from, whole_day};
use crate::model::{HORIZON_DAYS, Model, Pathway};

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
        return Err(ScheduleError::BeyondHorizon {
            pathway: pathway.id.clone(),
            stage: format!("evidence {}", model.evidence[e].id),
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
    run_pathway_from(model, pathway, submitted, Draws::Random(rng), out)?;
    out.ready_day = ready;
    Ok(())
}
