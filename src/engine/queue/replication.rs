//! One replication of the agency: a discrete-event simulation of every application that
//! arrives over the horizon, its stages timed by the single-application rules
//! ([`crate::engine::schedule::advance`]), a stage that needs a pool waiting for a free
//! reviewer of it.
//!
//! - Events are taken in time order; events at the same time in the order they were
//!   scheduled (a sequence number), so that results never depend on the heap's order.
//! - A pool serves its queue by rank (priority pathways first, never interrupting work
//!   in progress), equal ranks first come, first served. A reviewer is held from the
//!   start of the work to its end; a gate wait after it (a council, a batch) holds no
//!   reviewer. Work that comes back (the review after an applicant's answers) joins the
//!   queue again like any stage.
//! - A fall in headcount interrupts no one: reviewers at work finish it, and no work
//!   starts until fewer are busy than the new headcount.
//! - Each application draws whether each stage happens and its work from its own
//!   stream, a function of (seed, replication, pathway, its arrival's index) only, when
//!   it arrives: so a variant with more reviewers sees the same applications with the
//!   same work (common random numbers), and the draws do not depend on the queue.
//! - Applications arriving in the warm-up fill the queues and are not reported; those
//!   arriving before the horizon's end are followed to approval, arrivals continuing
//!   meanwhile, so that the last ones still compete with later work.

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

use super::Setup;
use super::results::QueueResults;
use crate::engine::results::PathwayResults;
use crate::engine::schedule::{
    NONE, PathwayTimes, ScheduleError, StageTimes, advance, clock_days, draw_outcome, finish,
};
use crate::model::whole_day;
use crate::random::Xoshiro256pp;

/// An event: something that happens at a time.
#[derive(Debug, Clone, Copy)]
struct Event {
    time: f64,
    seq: u64,
    kind: Kind,
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    /// The next application of a pathway arrives.
    Arrive { pathway: u32 },
    /// A stage of an application ends.
    StageEnd { app: u32, stage: u32 },
    /// A reviewer of a pool finishes a stage's work.
    Release { pool: u32, app: u32, stage: u32 },
    /// A pool's headcount changes.
    Headcount { pool: u32, reviewers: u32 },
}

impl PartialEq for Event {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Event {}
impl PartialOrd for Event {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Event {
    fn cmp(&self, other: &Self) -> Ordering {
        self.time
            .total_cmp(&other.time)
            .then(self.seq.cmp(&other.seq))
    }
}

/// An application in the agency.
struct App {
    pathway: u32,
    /// Whether it is reported (it arrived after the warm-up, before the horizon's end).
    recorded: bool,
    /// Its stream, where the draws at arrival left it (what follows approval draws on).
    rng: Xoshiro256pp,
    /// Its stages' times start here in [`State::times`].
    base: u32,
    /// Stages not yet ended.
    open: u32,
    submitted_day: u32,
    clock_day: u32,
    /// Whole days waiting for reviewers, over its stages.
    queue_wait: u32,
    withdrawn: bool,
}

/// A stage's draws and its predecessors still running.
#[derive(Clone, Copy)]
struct Pending {
    ran: bool,
    work: f64,
    waiting_for: u32,
}

/// A pool's state.
struct PoolState {
    reviewers: u32,
    busy: u32,
    /// Waiting work: (rank, sequence, app, stage).
    queue: BinaryHeap<Reverse<(u32, u64, u32, u32)>>,
    /// When `busy` or `reviewers` last changed (the reviewer-days are counted to it).
    since: f64,
    /// The first reported year not wholly before `since` (time only moves forward).
    year: usize,
}

/// The state of one replication.
struct State<'s> {
    setup: &'s Setup<'s>,
    replication: u64,
    events: BinaryHeap<Reverse<Event>>,
    seq: u64,
    apps: Vec<App>,
    times: Vec<StageTimes>,
    pending: Vec<Pending>,
    pools: Vec<PoolState>,
    /// Arrivals drawn so far per pathway, and each pathway's arrival stream.
    arrivals: Vec<(u32, Xoshiro256pp)>,
    /// Applications in review, per pathway.
    in_review: Vec<u32>,
    /// Reported applications not yet approved or withdrawn.
    recorded_open: u64,
    next_sample: usize,
    next_year_end: usize,
    pathways: Vec<PathwayResults>,
    queue: QueueResults,
    scratch: PathwayTimes,
}

/// Runs replication `replication`, adding to `pathways` and `queue`.
pub fn replicate(
    setup: &Setup,
    replication: u64,
) -> Result<(Vec<PathwayResults>, QueueResults), ScheduleError> {
    let model = setup.model;
    let agency = setup.agency;
    let mut s = State {
        setup,
        replication,
        events: BinaryHeap::new(),
        seq: 0,
        apps: Vec::new(),
        times: Vec::new(),
        pending: Vec::new(),
        pools: agency
            .pools
            .iter()
            .map(|p| PoolState {
                reviewers: p.reviewers,
                busy: 0,
                queue: BinaryHeap::new(),
                since: 0.0,
                year: 0,
            })
            .collect(),
        arrivals: setup
            .keys
            .iter()
            .map(|&k| {
                (
                    0,
                    Xoshiro256pp::for_iteration(setup.seed ^ k ^ ARRIVALS, replication),
                )
            })
            .collect(),
        in_review: vec![0; model.pathways.len()],
        recorded_open: 0,
        next_sample: 0,
        next_year_end: 0,
        pathways: model.pathways.iter().map(PathwayResults::new).collect(),
        queue: setup.empty.clone(),
        scratch: PathwayTimes::default(),
    };
    s.queue.replications = 1;
    for (p, pool) in agency.pools.iter().enumerate() {
        for &(day, reviewers) in &pool.changes {
            s.push(
                day,
                Kind::Headcount {
                    pool: p as u32,
                    reviewers,
                },
            );
        }
    }
    for p in 0..model.pathways.len() {
        s.schedule_arrival(p, 0.0);
    }
    let horizon = agency.horizon_days as f64;
    while let Some(Reverse(e)) = s.events.pop() {
        if e.time >= horizon && s.recorded_open == 0 {
            s.sample_until(e.time);
            break;
        }
        if e.time > setup.stop_day {
            break;
        }
        s.sample_until(e.time);
        match e.kind {
            Kind::Arrive { pathway } => s.arrive(pathway as usize, e.time)?,
            Kind::StageEnd { app, stage } => s.stage_end(app, stage, e.time)?,
            Kind::Release { pool, app, stage } => {
                s.account(pool as usize, e.time);
                s.pools[pool as usize].busy -= 1;
                let t = s.times[(s.apps[app as usize].base + stage) as usize];
                s.push(t.end, Kind::StageEnd { app, stage });
                s.serve(pool as usize, e.time)?;
            }
            Kind::Headcount { pool, reviewers } => {
                s.account(pool as usize, e.time);
                s.pools[pool as usize].reviewers = reviewers;
                s.serve(pool as usize, e.time)?;
            }
        }
    }
    s.sample_until(f64::INFINITY);
    for p in 0..s.pools.len() {
        s.account(p, setup.stop_day.min(horizon));
    }
    for app in &s.apps {
        if app.recorded && app.open > 0 {
            s.queue.unfinished[app.pathway as usize] += 1;
            s.pathways[app.pathway as usize].unfinished += 1;
        }
    }
    Ok((s.pathways, s.queue))
}

/// Mixed into a pathway's key for its arrival stream (ASCII "Arrivals").
const ARRIVALS: u64 = 0x4172_7269_7661_6c73;

impl State<'_> {
    fn push(&mut self, time: f64, kind: Kind) {
        self.seq += 1;
        self.events.push(Reverse(Event {
            time,
            seq: self.seq,
            kind,
        }));
    }

    /// Draws pathway `p`'s next arrival after `after` and schedules it.
    fn schedule_arrival(&mut self, p: usize, after: f64) {
        let Some(arrivals) = &self.setup.agency.arrivals[p] else {
            return;
        };
        let (count, rng) = &mut self.arrivals[p];
        let next = if arrivals.dated.is_empty() {
            next_poisson(arrivals, after, rng, self.setup.stop_day)
        } else {
            arrivals.dated.get(*count as usize).copied()
        };
        *count += 1;
        if let Some(t) = next {
            self.push(t, Kind::Arrive { pathway: p as u32 });
        }
    }

    fn arrive(&mut self, p: usize, now: f64) -> Result<(), ScheduleError> {
        let setup = self.setup;
        let model = setup.model;
        let pathway = &model.pathways[p];
        let horizon = setup.agency.horizon_days as f64;
        // Arrivals go on past the horizon while reported applications are in review.
        if now < horizon || self.recorded_open > 0 {
            self.schedule_arrival(p, now);
        }
        let index = self.arrivals[p].0 as u64 - 1;
        let mut rng = Xoshiro256pp::for_iteration(
            setup.seed ^ setup.keys[p] ^ self.replication.wrapping_mul(0x9e37_79b9_7f4a_7c15),
            index,
        );
        let submitted_day = whole_day(now) as u32;
        let (clock_day, reported_from) = clock_days(model, pathway, submitted_day);
        let recorded = now >= setup.agency.warm_up_days as f64 && now < horizon;
        let a = self.apps.len() as u32;
        let base = self.times.len() as u32;
        let mut withdrawn = false;
        for stage in &pathway.stages {
            let (ran, mut work) = draw_outcome(stage, &mut rng);
            if let Some(cap) = stage.max_days.filter(|&cap| ran && work > cap) {
                withdrawn = true;
                work = cap;
            }
            self.pending.push(Pending {
                ran,
                work,
                waiting_for: stage.after.len() as u32,
            });
            self.times.push(StageTimes::default());
        }
        self.apps.push(App {
            pathway: p as u32,
            recorded,
            rng,
            base,
            open: pathway.stages.len() as u32,
            submitted_day: reported_from,
            clock_day,
            queue_wait: 0,
            withdrawn,
        });
        self.in_review[p] += 1;
        if recorded {
            self.recorded_open += 1;
            if let Some(y) = self.queue.year_of(submitted_day) {
                self.queue.pathways[p][y].arrived += 1;
            }
        }
        // The review starts on arrival, or on the clock start a busy-month rule sets.
        let start = if clock_day > submitted_day {
            clock_day as f64
        } else {
            now
        };
        for (i, stage) in pathway.stages.iter().enumerate() {
            if stage.after.is_empty() {
                self.start_stage(a, i as u32, start)?;
            }
        }
        Ok(())
    }

    /// Stage `stage` of application `a` is ready at `ready`: every stage it waits for
    /// has ended.
    fn start_stage(&mut self, a: u32, stage: u32, ready: f64) -> Result<(), ScheduleError> {
        let model = self.setup.model;
        let app = &self.apps[a as usize];
        let (p, base, submitted_day) = (app.pathway as usize, app.base as usize, app.submitted_day);
        let pathway = &model.pathways[p];
        let st = &pathway.stages[stage as usize];
        let mut start_day = app.clock_day.max(whole_day(ready) as u32);
        let (mut latest, mut critical_predecessor) = (f64::NEG_INFINITY, NONE);
        for &j in &st.after {
            let t = &self.times[base + j];
            if t.end > latest {
                latest = t.end;
                critical_predecessor = j as u32;
            }
            start_day = start_day.max(t.end_day);
        }
        let Pending { ran, work, .. } = self.pending[base + stage as usize];
        let k = base + stage as usize;
        self.times[k] = StageTimes {
            ran,
            start: ready,
            work_end: ready,
            end: ready,
            critical: false,
            start_day,
            end_day: start_day,
            critical_predecessor,
        };
        if !ran {
            self.push(ready, Kind::StageEnd { app: a, stage });
            return Ok(());
        }
        match self.setup.agency.stage_pools[p][stage as usize] {
            Some(pool) => {
                let rank = self.setup.agency.pools[pool].ranks[p];
                self.seq += 1;
                let seq = self.seq;
                self.pools[pool].queue.push(Reverse((rank, seq, a, stage)));
                self.serve(pool, ready)
            }
            None => {
                let (work_end, end, end_day) =
                    advance(model, st, ready, start_day, submitted_day, work)
                        .map_err(|e| e.explain(model, pathway, stage as usize))?;
                let t = &mut self.times[k];
                (t.work_end, t.end, t.end_day) = (work_end, end, end_day);
                self.push(end, Kind::StageEnd { app: a, stage });
                Ok(())
            }
        }
    }

    /// Starts waiting work on pool `pool` while it has free reviewers.
    fn serve(&mut self, pool: usize, now: f64) -> Result<(), ScheduleError> {
        let model = self.setup.model;
        while self.pools[pool].busy < self.pools[pool].reviewers {
            let Some(Reverse((_, _, a, stage))) = self.pools[pool].queue.pop() else {
                break;
            };
            self.account(pool, now);
            self.pools[pool].busy += 1;
            let app = &self.apps[a as usize];
            let pathway = &model.pathways[app.pathway as usize];
            let st = &pathway.stages[stage as usize];
            let k = (app.base + stage) as usize;
            let ready = self.times[k];
            let wait = (whole_day(now) - whole_day(ready.start)).max(0) as u32;
            let start_day = ready.start_day.max(whole_day(now) as u32);
            let work = self.pending[k].work;
            let (work_end, end, end_day) =
                advance(model, st, now, start_day, app.submitted_day, work)
                    .map_err(|e| e.explain(model, pathway, stage as usize))?;
            self.apps[a as usize].queue_wait += wait;
            let t = &mut self.times[k];
            (t.work_end, t.end, t.end_day) = (work_end, end, end_day);
            self.push(
                work_end,
                Kind::Release {
                    pool: pool as u32,
                    app: a,
                    stage,
                },
            );
        }
        Ok(())
    }

    fn stage_end(&mut self, a: u32, stage: u32, now: f64) -> Result<(), ScheduleError> {
        let model = self.setup.model;
        let app = &mut self.apps[a as usize];
        app.open -= 1;
        let (p, base, open) = (app.pathway as usize, app.base as usize, app.open);
        for &next in &self.setup.successors[p][stage as usize] {
            let w = &mut self.pending[base + next as usize].waiting_for;
            *w -= 1;
            if *w == 0 {
                self.start_stage(a, next, now)?;
            }
        }
        if open == 0 {
            self.complete(a, &model.pathways[p]);
        }
        Ok(())
    }

    /// Application `a` has ended every stage: it is approved (or withdrawn).
    fn complete(&mut self, a: u32, pathway: &crate::model::Pathway) {
        let app = &mut self.apps[a as usize];
        let p = app.pathway as usize;
        self.in_review[p] -= 1;
        let out = &mut self.scratch;
        out.stages.clear();
        out.stages
            .extend_from_slice(&self.times[app.base as usize..][..pathway.stages.len()]);
        out.submitted_day = app.submitted_day;
        out.ready_day = app.submitted_day;
        out.filed_day = app.submitted_day;
        out.withdrawn = app.withdrawn;
        finish(pathway, out);
        if app.recorded {
            self.recorded_open -= 1;
            let results = &mut self.pathways[p];
            results.record(out);
            results.record_after_approval(pathway, out, &mut app.rng);
            if !app.withdrawn {
                results.queue_wait_days.add(app.queue_wait);
            }
        }
        // A year's approvals are all those it granted, whenever the application came.
        if app.withdrawn {
            return;
        }
        if let Some(y) = self.queue.year_of(out.approval_day()) {
            let year = &mut self.queue.pathways[p][y];
            year.approved += 1;
            year.review_days.add(out.review_days);
            year.queue_wait_days += app.queue_wait as u64;
        }
    }

    /// Counts pool `pool`'s reviewer-days from its last change to `now`, by year.
    fn account(&mut self, pool: usize, now: f64) {
        let state = &mut self.pools[pool];
        let (from, busy, reviewers) = (state.since, state.busy as f64, state.reviewers as f64);
        state.since = now;
        if now <= from {
            return;
        }
        // The years the span overlaps: from the one `from` falls in, on.
        let years = &self.queue.years;
        while state.year < years.len() && (years[state.year].last_day as f64 + 1.0) <= from {
            state.year += 1;
        }
        for (y, year) in years.iter().enumerate().skip(state.year) {
            let (a, b) = (year.first_day as f64, year.last_day as f64 + 1.0);
            if a >= now {
                break;
            }
            let overlap = now.min(b) - from.max(a);
            if overlap > 0.0 {
                let acc = &mut self.queue.pools[pool][y];
                acc.busy += busy * overlap;
                acc.available += reviewers * overlap;
            }
        }
    }

    /// Records the backlog on every sample day and year end up to `now` (the state
    /// before the events at `now`).
    fn sample_until(&mut self, now: f64) {
        while let Some(&day) = self.queue.sample_days.get(self.next_sample) {
            if day as f64 > now {
                break;
            }
            let total: u32 = self.in_review.iter().sum();
            self.queue.backlog[self.next_sample].add(total);
            self.next_sample += 1;
        }
        while let Some(year) = self.queue.years.get(self.next_year_end) {
            if year.last_day as f64 + 1.0 > now {
                break;
            }
            for (p, &n) in self.in_review.iter().enumerate() {
                self.queue.pathways[p][self.next_year_end]
                    .backlog_at_end
                    .add(n);
            }
            self.next_year_end += 1;
        }
    }
}

/// The first arrival after `after` of a Poisson process whose rate is constant within
/// each day, by inversion of its cumulative rate: a unit exponential spent day by day.
/// `None` past `limit`.
fn next_poisson(
    arrivals: &crate::model::agency::Arrivals,
    after: f64,
    rng: &mut Xoshiro256pp,
    limit: f64,
) -> Option<f64> {
    let mut e = -rng.next_open01().ln();
    if arrivals.is_constant() {
        // One rate throughout: the next arrival an exponential gap away.
        let rate = arrivals.per_year / crate::model::agency::DAYS_PER_YEAR;
        let t = after + e / rate;
        return (rate > 0.0 && t < limit).then_some(t);
    }
    let mut t = after;
    while t < limit {
        let day = t.floor();
        let rate = arrivals.rate_on(day as u32);
        let rest = day + 1.0 - t;
        if rate * rest >= e {
            return Some(t + e / rate);
        }
        e -= rate * rest;
        t = day + 1.0;
    }
    None
}
