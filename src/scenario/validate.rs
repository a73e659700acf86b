//! From the file as written to the validated model: every reference resolved, every
//! number in range, the stage graph checked for cycles. All problems are collected, so
//! an analyst sees every mistake in one pass, each with its line and column.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use chrono::{Datelike, NaiveDate};
use toml::Spanned;
use toml::value::Datetime;

use super::raw::*;
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::calendar::{BusinessDays, HolidaySet};
use crate::model::duration::Duration;
use crate::model::{
    Clock, DayCount, Gate, HORIZON_DAYS, Model, Pathway, Stage, Target, TargetClock,
};

/// Default seed when the header gives none.
pub const DEFAULT_SEED: u64 = 1;
/// Default number of iterations when the header gives none.
pub const DEFAULT_ITERATIONS: u64 = 10_000;
/// More iterations than this is a typo, not a plan: percentiles are stable long before.
pub const MAX_ITERATIONS: u64 = 100_000_000;

/// The longest submission window: ten years (a window is a cohort of applications, not
/// a history).
pub const MAX_WINDOW_DAYS: i64 = 3653;

/// What the command line may change before validation.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Replaces the header's submission date.
    pub submitted: Option<NaiveDate>,
}

/// Builds the model, or every problem found. `stem` is the file's name without its
/// extension, the scenario's name unless the header gives one.
pub fn validate(
    stem: &str,
    raw: RawScenario,
    overrides: &Overrides,
) -> Result<Model, Vec<Diagnostic>> {
    let mut v = Validator::default();
    let model = v.scenario(stem, raw, overrides);
    if v.problems.is_empty() {
        Ok(model.expect("a model is built when no problem was found"))
    } else {
        Err(v.problems)
    }
}

#[derive(Default)]
struct Validator {
    problems: Vec<Diagnostic>,
}

impl Validator {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, help: Option<String>) {
        let mut d = Diagnostic::at(span, message);
        d.help = help;
        self.problems.push(d);
    }

    fn date(&mut self, value: &Spanned<Datetime>, what: &str) -> Option<NaiveDate> {
        let dt = value.get_ref();
        let date = match (dt.date, dt.time) {
            (Some(d), None) => NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32),
            _ => None,
        };
        if date.is_none() {
            self.error(
                value.span(),
                format!("{what} must be a date without a time, e.g. 2024-04-01"),
                None,
            );
        }
        date
    }

    fn scenario(&mut self, stem: &str, raw: RawScenario, overrides: &Overrides) -> Option<Model> {
        let header = &raw.scenario;
        let name = match &header.name {
            Some(n) => {
                self.check_id(n, "scenario name");
                n.get_ref().clone()
            }
            None => stem.to_string(),
        };
        let seed = match &header.seed {
            None => Some(DEFAULT_SEED),
            Some(s) if *s.get_ref() < 0 => {
                self.error(
                    s.span(),
                    "the seed must not be negative",
                    Some("use any whole number from 0 up, e.g. seed = 1".into()),
                );
                None
            }
            Some(s) => Some(*s.get_ref() as u64),
        };
        let iterations = match &header.iterations {
            None => Some(DEFAULT_ITERATIONS),
            Some(n) if *n.get_ref() < 1 || *n.get_ref() as u64 > MAX_ITERATIONS => {
                self.error(
                    n.span(),
                    format!(
                        "iterations must be between 1 and {MAX_ITERATIONS}, not {}",
                        n.get_ref()
                    ),
                    Some(
                        "10000 gives percentiles to within about a day; 1000000 for final figures"
                            .into(),
                    ),
                );
                None
            }
            Some(n) => Some(*n.get_ref() as u64),
        };
        let file_submitted = self.date(&header.submitted, "`submitted`");
        let submitted = overrides.submitted.or(file_submitted);
        let window = match (&header.submitted_until, submitted) {
            (None, _) => Some(0),
            (Some(until), Some(first)) => match self.date(until, "`submitted_until`") {
                Some(last) if last < first => {
                    self.error(
                        until.span(),
                        format!("`submitted_until` ({last}) comes before `submitted` ({first})"),
                        Some("the window runs from `submitted` to `submitted_until`".into()),
                    );
                    None
                }
                Some(last) if (last - first).num_days() > MAX_WINDOW_DAYS => {
                    self.error(until.span(), format!("the submission window is longer than {} years", MAX_WINDOW_DAYS / 366), Some("simulate a few years of submissions at most; use several scenarios for longer spans".into()));
                    None
                }
                Some(last) => Some((last - first).num_days() as u32),
                None => None,
            },
            (Some(_), None) => None,
        };

        let no_pathways = Vec::new();
        let raw_pathways = raw.pathway.as_ref().map_or(&no_pathways, |p| p.get_ref());
        // The first place that counts business days, to point at if there is no calendar.
        let uses_business_days = raw_pathways
            .iter()
            .flat_map(|p| &p.stage)
            .filter_map(|s| s.days.as_ref())
            .find(|d| *d.get_ref() == RawDays::Business)
            .map(|d| d.span())
            .or_else(|| {
                raw.gate
                    .iter()
                    .filter_map(|g| g.if_not_business_day.as_ref())
                    .find(|r| *r.get_ref() != RawRoll::Keep)
                    .map(|r| r.span())
            });
        let business_days =
            submitted.and_then(|s| self.calendar(raw.calendar.as_ref(), s, uses_business_days));

        let gates = match (submitted, &business_days) {
            (Some(s), Some(b)) => self.gates(&raw.gate, s, b),
            _ => None,
        };
        let gate_ids: Vec<&str> = raw.gate.iter().map(|g| g.id.get_ref().as_str()).collect();

        if raw_pathways.is_empty() {
            let d = match &raw.pathway {
                Some(p) => Diagnostic::at(p.span(), "the scenario has no pathway"),
                None => Diagnostic::whole_file("the scenario has no pathway"),
            };
            self.problems
                .push(d.help("add at least one [[pathway]] with its [[pathway.stage]] tables"));
        }
        let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
        let mut pathways = Vec::new();
        for p in raw_pathways {
            if seen.contains_key(p.id.get_ref().as_str()) {
                self.error(
                    p.id.span(),
                    format!("pathway id `{}` is used twice", p.id.get_ref()),
                    Some("give every pathway its own id".into()),
                );
            } else {
                seen.insert(p.id.get_ref(), p.id.span());
            }
            pathways.push(self.pathway(p, &gate_ids));
        }

        let (seed, iterations, submitted, business_days, gates) =
            (seed?, iterations?, submitted?, business_days?, gates?);
        let submission_window_days = window?;
        let pathways: Option<Vec<Pathway>> = pathways.into_iter().collect();
        Some(Model {
            name,
            title: header.title.clone(),
            description: header.description.clone(),
            seed,
            iterations,
            submitted,
            submission_window_days,
            business_days,
            gates,
            pathways: pathways?,
        })
    }

    fn calendar(
        &mut self,
        raw: Option<&Spanned<RawCalendar>>,
        submitted: NaiveDate,
        needed: Option<Range<usize>>,
    ) -> Option<BusinessDays> {
        let end = submitted + chrono::Days::new(HORIZON_DAYS as u64);
        let mut holidays = BTreeSet::new();
        match raw {
            None if needed.is_some() => {
                self.error(
                    needed.expect("checked"),
                    "business days are counted here, but the scenario has no [calendar] saying which days are holidays",
                    Some("add `[calendar]` with `holidays = \"jp\"` (Japanese national holidays) or `holidays = \"none\"` (weekends only)".into()),
                );
                return None;
            }
            None => {}
            Some(cal) => {
                let cal = cal.get_ref();
                match HolidaySet::parse(cal.holidays.get_ref()) {
                    Some(set) => holidays = set.holidays_between(submitted, end),
                    None => {
                        self.error(
                            cal.holidays.span(),
                            format!("unknown holiday calendar `{}`", cal.holidays.get_ref()),
                            Some(
                                "use `jp` (Japanese national holidays) or `none` (weekends only)"
                                    .into(),
                            ),
                        );
                        return None;
                    }
                }
                for d in &cal.extra_holidays {
                    holidays.extend(self.date(d, "an extra holiday"));
                }
            }
        }
        Some(BusinessDays::new(submitted, HORIZON_DAYS + 1, &holidays))
    }

    fn gates(
        &mut self,
        raw: &[RawGate],
        submitted: NaiveDate,
        bd: &BusinessDays,
    ) -> Option<Vec<Gate>> {
        let mut ok = true;
        let mut gates = Vec::new();
        let mut seen = BTreeSet::new();
        for g in raw {
            let id = g.id.get_ref();
            if !seen.insert(id.as_str()) {
                self.error(
                    g.id.span(),
                    format!("gate id `{id}` is used twice"),
                    Some("give every gate its own id".into()),
                );
                ok = false;
            }
            let days = match (&g.dates, &g.months) {
                (Some(dates), None) => {
                    if g.day_of_month.is_some() || g.if_not_business_day.is_some() {
                        self.error(
                            g.id.span(),
                            format!("gate `{id}` lists dates and also gives a rule"),
                            Some("use either `dates`, or `months` with `day_of_month`".into()),
                        );
                        ok = false;
                    }
                    let mut days: Vec<i64> = Vec::new();
                    for d in dates.get_ref() {
                        if let Some(date) = self.date(d, "a gate date") {
                            let day = (date - submitted).num_days();
                            if day >= 0 && day <= HORIZON_DAYS as i64 {
                                days.push(day);
                            }
                        } else {
                            ok = false;
                        }
                    }
                    if ok && days.is_empty() {
                        self.error(
                            dates.span(),
                            format!("gate `{id}` has no date on or after the submission date {submitted}"),
                            Some("add dates after the submission date, or describe the gate by a rule (months and day_of_month)".into()),
                        );
                        ok = false;
                    }
                    days
                }
                (None, Some(months)) => match self.gate_rule(g, months, submitted, bd) {
                    Some(days) => days,
                    None => {
                        ok = false;
                        Vec::new()
                    }
                },
                (Some(_), Some(_)) => {
                    self.error(
                        g.id.span(),
                        format!("gate `{id}` has both `dates` and `months`"),
                        Some("use one of them".into()),
                    );
                    ok = false;
                    Vec::new()
                }
                (None, None) => {
                    self.error(
                        g.id.span(),
                        format!("gate `{id}` has no dates"),
                        Some(
                            "add `dates = [...]`, or `months = [3, 6, 9, 12]` with `day_of_month`"
                                .into(),
                        ),
                    );
                    ok = false;
                    Vec::new()
                }
            };
            let title = if g.title.is_empty() {
                id.clone()
            } else {
                g.title.clone()
            };
            gates.push(Gate::new(id.clone(), title, days));
        }
        ok.then_some(gates)
    }

    fn gate_rule(
        &mut self,
        g: &RawGate,
        months: &Spanned<Vec<Spanned<i64>>>,
        submitted: NaiveDate,
        bd: &BusinessDays,
    ) -> Option<Vec<i64>> {
        let mut ok = true;
        if months.get_ref().is_empty() {
            self.error(
                months.span(),
                format!("gate `{}` has an empty list of months", g.id.get_ref()),
                Some("list at least one month, e.g. months = [3, 6, 9, 12]".into()),
            );
            ok = false;
        }
        for m in months.get_ref() {
            if !(1..=12).contains(m.get_ref()) {
                self.error(
                    m.span(),
                    format!("month {} does not exist", m.get_ref()),
                    Some("months are numbered 1 (January) to 12 (December)".into()),
                );
                ok = false;
            }
        }
        let dom = g.day_of_month.as_ref().map_or(1, |d| *d.get_ref());
        if let Some(d) = g
            .day_of_month
            .as_ref()
            .filter(|_| !(1..=31).contains(&dom) && dom != -1)
        {
            self.error(
                d.span(),
                format!("day_of_month must be 1 to 31, or -1 for the last day, not {dom}"),
                None,
            );
            ok = false;
        }
        if !ok {
            return None;
        }
        let roll = g
            .if_not_business_day
            .as_ref()
            .map_or(RawRoll::Keep, |r| *r.get_ref());
        let mut days = Vec::new();
        for year in submitted.year()..=submitted.year() + (HORIZON_DAYS / 365) as i32 {
            for m in months.get_ref() {
                let m = *m.get_ref() as u32;
                let last = last_day_of_month(year, m);
                let day = if dom == -1 {
                    last
                } else {
                    (dom as u32).min(last)
                };
                let date = NaiveDate::from_ymd_opt(year, m, day).expect("a valid day of the month");
                let offset = (date - submitted).num_days();
                let rolled = match roll {
                    RawRoll::Keep => Some(offset),
                    RawRoll::Next => bd.next_business_day(offset),
                    RawRoll::Previous => bd.previous_business_day(offset),
                };
                if let Some(d) = rolled.filter(|&d| d >= 0) {
                    days.push(d);
                }
            }
        }
        Some(days)
    }

    fn pathway(&mut self, p: &RawPathway, gate_ids: &[&str]) -> Option<Pathway> {
        let pid = p.id.get_ref();
        self.check_id(&p.id, "pathway id");
        if p.stage.is_empty() {
            self.error(
                p.id.span(),
                format!("pathway `{pid}` has no stages"),
                Some("add [[pathway.stage]] tables after this pathway".into()),
            );
            return None;
        }
        let target = p.target.as_ref().and_then(|t| self.target(t));
        let mut index: HashMap<&str, usize> = HashMap::new();
        let mut ok = target.is_some() || p.target.is_none();
        for (i, s) in p.stage.iter().enumerate() {
            self.check_id(&s.id, "stage id");
            if index.insert(s.id.get_ref(), i).is_some() {
                self.error(
                    s.id.span(),
                    format!(
                        "stage id `{}` is used twice in pathway `{pid}`",
                        s.id.get_ref()
                    ),
                    Some("give every stage of a pathway its own id".into()),
                );
                ok = false;
            }
        }
        let ids: Vec<&str> = p.stage.iter().map(|s| s.id.get_ref().as_str()).collect();
        // Dependencies in file order, then the stages in topological order.
        let mut after: Vec<Vec<usize>> = Vec::new();
        let mut stages = Vec::new();
        for (i, s) in p.stage.iter().enumerate() {
            let deps = match &s.after {
                None if i > 0 => vec![i - 1],
                None => Vec::new(),
                Some(list) => {
                    let mut deps = Vec::new();
                    for a in list {
                        match index.get(a.get_ref().as_str()) {
                            Some(&j) if j == i => {
                                self.error(
                                    a.span(),
                                    format!("stage `{}` waits for itself", s.id.get_ref()),
                                    Some("remove it from its own `after` list".into()),
                                );
                                ok = false;
                            }
                            Some(&j) => deps.push(j),
                            None => {
                                let help = match did_you_mean(a.get_ref(), ids.iter().copied()) {
                                    Some(near) => format!(
                                        "did you mean `{near}`? `after` names stages of the same pathway"
                                    ),
                                    None => format!(
                                        "`after` names stages of the same pathway: {}",
                                        ids.join(", ")
                                    ),
                                };
                                self.error(
                                    a.span(),
                                    format!(
                                        "stage `{}` does not exist in pathway `{pid}`",
                                        a.get_ref()
                                    ),
                                    Some(help),
                                );
                                ok = false;
                            }
                        }
                    }
                    deps.sort_unstable();
                    deps.dedup();
                    deps
                }
            };
            after.push(deps);
            stages.push(self.stage(s, gate_ids));
        }
        if !ok {
            return None;
        }
        let order = match topological_order(&after) {
            Ok(order) => order,
            Err(cycle) => {
                let names: Vec<&str> = cycle.iter().map(|&i| ids[i]).collect();
                let first = &p.stage[cycle[0]];
                let span = first
                    .after
                    .as_ref()
                    .and_then(|a| a.first())
                    .map_or(first.id.span(), |a| a.span());
                self.error(
                    span,
                    format!("the stages of pathway `{pid}` wait for each other in a cycle: {} → {}", names.join(" → "), names[0]),
                    Some("a stage can only wait for stages that can finish without it; remove one of these `after` entries".into()),
                );
                return None;
            }
        };
        let stages: Option<Vec<Stage>> = stages.into_iter().collect();
        let mut stages = stages?;
        let mut position = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            position[old] = new;
        }
        for (old, s) in stages.iter_mut().enumerate() {
            s.after = after[old].iter().map(|&j| position[j]).collect();
        }
        let mut sorted: Vec<Option<Stage>> = stages.into_iter().map(Some).collect();
        let stages = order
            .iter()
            .map(|&old| sorted[old].take().expect("each stage once"))
            .collect();
        Some(Pathway {
            id: pid.clone(),
            title: p.title.clone(),
            kind: p.kind.clone(),
            target,
            stages,
        })
    }

    fn check_id(&mut self, id: &Spanned<String>, what: &str) {
        let s = id.get_ref();
        let mut chars = s.chars();
        let good_start = chars.next().is_some_and(|c| c.is_alphanumeric());
        let good_rest = s
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
        if !good_start || !good_rest {
            self.error(
                id.span(),
                format!("{what} `{s}` must start with a letter or digit and contain only letters, digits, `-`, `_` and `.`"),
                Some("ids appear in CSV files and on the command line; e.g. `team-review`".into()),
            );
        }
    }

    fn target(&mut self, t: &Spanned<RawTarget>) -> Option<Target> {
        let raw = t.get_ref();
        let days = *raw.days.get_ref();
        let percentile = *raw.percentile.get_ref();
        let mut ok = true;
        if !(days.is_finite() && days > 0.0) {
            self.error(
                raw.days.span(),
                format!("target days must be a positive number, not {days}"),
                None,
            );
            ok = false;
        }
        if !(percentile.is_finite() && percentile > 0.0 && percentile <= 100.0) {
            self.error(
                raw.percentile.span(),
                format!("target percentile must be above 0 and at most 100, not {percentile}"),
                Some("e.g. percentile = 80 for \"80% of reviews within the target\"".into()),
            );
            ok = false;
        }
        ok.then_some(Target {
            days,
            percentile,
            clock: match raw.clock {
                RawTargetClock::Total => TargetClock::Total,
                RawTargetClock::Regulator => TargetClock::Regulator,
            },
        })
    }

    fn stage(&mut self, s: &RawStage, gate_ids: &[&str]) -> Option<Stage> {
        let sid = s.id.get_ref();
        let mut ok = true;
        let duration = match &s.duration {
            Some(d) => {
                let parsed = self.duration(d);
                ok &= parsed.is_some();
                parsed
            }
            None if s.gate.is_none() => {
                self.error(s.id.span(), format!("stage `{sid}` has no duration"), Some("add `duration = 14` (days) or a distribution, e.g. duration = { distribution = \"triangular\", min = 60, mode = 90, max = 150 }".into()));
                ok = false;
                None
            }
            None => None,
        };
        let probability = match &s.probability {
            None => 1.0,
            Some(p) => {
                let v = *p.get_ref();
                if !(v > 0.0 && v <= 1.0) {
                    self.error(
                        p.span(),
                        format!("probability must be above 0 and at most 1, not {v}"),
                        Some(
                            "e.g. probability = 0.6 for a stage that happens in 60% of reviews"
                                .into(),
                        ),
                    );
                    ok = false;
                }
                v
            }
        };
        let gate = match &s.gate {
            None => None,
            Some(g) => match gate_ids.iter().position(|id| id == g.get_ref()) {
                Some(i) => Some(i),
                None => {
                    let help = match did_you_mean(g.get_ref(), gate_ids.iter().copied()) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None if gate_ids.is_empty() => "define it in a [[gate]] table".to_string(),
                        None => format!("the scenario's gates are: {}", gate_ids.join(", ")),
                    };
                    self.error(
                        g.span(),
                        format!("gate `{}` is not defined", g.get_ref()),
                        Some(help),
                    );
                    ok = false;
                    None
                }
            },
        };
        ok.then(|| Stage {
            id: sid.clone(),
            title: if s.title.is_empty() {
                sid.clone()
            } else {
                s.title.clone()
            },
            clock: match s.clock.get_ref() {
                RawClock::Regulator => Clock::Regulator,
                RawClock::Applicant => Clock::Applicant,
            },
            duration,
            days: match s.days.as_ref().map(|d| *d.get_ref()) {
                Some(RawDays::Business) => DayCount::Business,
                _ => DayCount::Calendar,
            },
            after: Vec::new(),
            probability,
            gate,
        })
    }

    fn duration(&mut self, d: &Spanned<RawDurationValue>) -> Option<Duration> {
        let dist = match d.get_ref() {
            RawDurationValue::Days(days) => Duration::Fixed { days: *days },
            RawDurationValue::Distribution(t) => self.distribution(t)?,
        };
        let problems = dist.problems();
        for (param, message) in &problems {
            let span = match d.get_ref() {
                RawDurationValue::Distribution(t) => t.param_span(param).unwrap_or(d.span()),
                RawDurationValue::Days(_) => d.span(),
            };
            self.error(span, message.clone(), None);
        }
        problems.is_empty().then_some(dist)
    }

    fn distribution(&mut self, t: &RawDistribution) -> Option<Duration> {
        let name = t.distribution.get_ref().as_str();
        let (required, optional): (&[&str], &[&str]) = match name {
            "fixed" => (&["days"], &[]),
            "uniform" => (&["min", "max"], &[]),
            "triangular" | "pert" => (&["min", "mode", "max"], &[]),
            "normal" => (&["mean", "sd"], &[]),
            "lognormal" => (&[], &["median", "p90", "mu", "sigma"]),
            "gamma" | "weibull" => (&["shape", "scale"], &[]),
            "exponential" => (&["mean"], &[]),
            "empirical" => (&["values"], &[]),
            _ => {
                let help = match did_you_mean(name, DISTRIBUTIONS) {
                    Some(near) => {
                        format!("did you mean `{near}`? Known: {}", DISTRIBUTIONS.join(", "))
                    }
                    None => format!("known distributions: {}", DISTRIBUTIONS.join(", ")),
                };
                self.error(
                    t.distribution.span(),
                    format!("unknown distribution `{name}`"),
                    Some(help),
                );
                return None;
            }
        };
        let mut ok = true;
        for (param, span) in t.given() {
            if !required.contains(&param) && !optional.contains(&param) {
                let takes: Vec<&str> = required.iter().chain(optional).copied().collect();
                self.error(
                    span,
                    format!("a {name} duration has no parameter `{param}`"),
                    Some(format!("a {name} duration takes: {}", takes.join(", "))),
                );
                ok = false;
            }
        }
        for param in required {
            if t.param_span(param).is_none() {
                self.error(
                    t.distribution.span(),
                    format!("a {name} duration needs `{param}`"),
                    Some(format!("a {name} duration takes: {}", required.join(", "))),
                );
                ok = false;
            }
        }
        let v = |x: &Option<Spanned<f64>>| x.as_ref().map_or(f64::NAN, |s| *s.get_ref());
        let dist = match name {
            "fixed" => Duration::Fixed { days: v(&t.days) },
            "uniform" => Duration::Uniform {
                min: v(&t.min),
                max: v(&t.max),
            },
            "triangular" => Duration::Triangular {
                min: v(&t.min),
                mode: v(&t.mode),
                max: v(&t.max),
            },
            "pert" => Duration::Pert {
                min: v(&t.min),
                mode: v(&t.mode),
                max: v(&t.max),
            },
            "normal" => Duration::Normal {
                mean: v(&t.mean),
                sd: v(&t.sd),
            },
            "lognormal" => {
                match (&t.median, &t.p90, &t.mu, &t.sigma) {
                    (Some(m), Some(p), None, None) => {
                        let (median, p90) = (*m.get_ref(), *p.get_ref());
                        if !(median > 0.0 && median.is_finite()) {
                            self.error(m.span(), format!("lognormal `median` must be a positive number of days, not {median}"), None);
                            return None;
                        }
                        if !(p90 > median && p90.is_finite()) {
                            self.error(
                            p.span(),
                            format!("lognormal `p90` ({p90}) must be greater than `median` ({median})"),
                            Some("the p90 is the duration that 90% of cases stay under: it lies above the median".into()),
                        );
                            return None;
                        }
                        Duration::lognormal_from_median_p90(median, p90)
                    }
                    (None, None, Some(mu), Some(s)) => Duration::LogNormal {
                        mu: *mu.get_ref(),
                        sigma: *s.get_ref(),
                    },
                    _ => {
                        if ok {
                            self.error(t.distribution.span(), "a lognormal duration needs either `median` and `p90`, or `mu` and `sigma`", Some("e.g. { distribution = \"lognormal\", median = 30, p90 = 75 }".into()));
                        }
                        return None;
                    }
                }
            }
            "gamma" => Duration::Gamma {
                shape: v(&t.shape),
                scale: v(&t.scale),
            },
            "weibull" => Duration::Weibull {
                shape: v(&t.shape),
                scale: v(&t.scale),
            },
            "exponential" => Duration::Exponential { mean: v(&t.mean) },
            _ => Duration::Empirical {
                values: t
                    .values
                    .as_ref()
                    .map(|s| s.get_ref().clone())
                    .unwrap_or_default(),
            },
        };
        ok.then_some(dist)
    }
}

/// The distributions a scenario may name.
const DISTRIBUTIONS: [&str; 10] = [
    "fixed",
    "uniform",
    "triangular",
    "pert",
    "normal",
    "lognormal",
    "gamma",
    "weibull",
    "exponential",
    "empirical",
];

impl RawDistribution {
    /// The parameters given, with their places.
    fn given(&self) -> Vec<(&'static str, Range<usize>)> {
        let mut out = Vec::new();
        let fields: [(&'static str, &Option<Spanned<f64>>); 12] = [
            ("days", &self.days),
            ("min", &self.min),
            ("mode", &self.mode),
            ("max", &self.max),
            ("mean", &self.mean),
            ("sd", &self.sd),
            ("median", &self.median),
            ("p90", &self.p90),
            ("mu", &self.mu),
            ("sigma", &self.sigma),
            ("shape", &self.shape),
            ("scale", &self.scale),
        ];
        for (name, f) in fields {
            if let Some(s) = f {
                out.push((name, s.span()));
            }
        }
        if let Some(v) = &self.values {
            out.push(("values", v.span()));
        }
        out
    }

    /// Where parameter `name` is written, if it is.
    fn param_span(&self, name: &str) -> Option<Range<usize>> {
        self.given()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s)
    }
}

fn last_day_of_month(year: i32, month: u32) -> u32 {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .expect("valid")
        .pred_opt()
        .expect("valid")
        .day()
}

/// Kahn's algorithm, taking the earliest stage in file order whenever several are ready,
/// so a file already in order keeps its order. On a cycle, returns one cycle's stages.
fn topological_order(after: &[Vec<usize>]) -> Result<Vec<usize>, Vec<usize>> {
    let n = after.len();
    let mut waiting: Vec<usize> = after.iter().map(Vec::len).collect();
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    while order.len() < n {
        let Some(next) = (0..n).find(|&i| !done[i] && waiting[i] == 0) else {
            return Err(find_cycle(after, &done));
        };
        done[next] = true;
        order.push(next);
        for (i, deps) in after.iter().enumerate() {
            if deps.contains(&next) {
                waiting[i] -= 1;
            }
        }
    }
    Ok(order)
}

/// A cycle among the stages not yet ordered: follow unfinished dependencies until a
/// stage repeats; returned in waiting order (each stage waits for the next).
fn find_cycle(after: &[Vec<usize>], done: &[bool]) -> Vec<usize> {
    let mut path = Vec::new();
    let mut current = (0..after.len())
        .find(|&i| !done[i])
        .expect("an unfinished stage");
    loop {
        if let Some(pos) = path.iter().position(|&s| s == current) {
            let mut cycle: Vec<usize> = path[pos..].to_vec();
            // Name the cycle in the direction of time: each stage runs before the next.
            cycle.reverse();
            let first = (0..cycle.len())
                .min_by_key(|&k| cycle[k])
                .expect("non-empty");
            cycle.rotate_left(first);
            return cycle;
        }
        path.push(current);
        current = *after[current]
            .iter()
            .find(|&&d| !done[d])
            .expect("an unfinished stage waits for an unfinished stage");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn order_keeps_file_order_when_possible() {
        let after = vec![vec![], vec![0], vec![0], vec![1, 2]];
        assert_eq!(topological_order(&after), Ok(vec![0, 1, 2, 3]));
        let after = vec![vec![1], vec![]];
        assert_eq!(topological_order(&after), Ok(vec![1, 0]));
    }

    #[test]
    fn cycles_are_named_in_time_order() {
        // 0 waits for 2, 2 waits for 1, 1 waits for 0: 0 runs before 1 before 2.
        let after = vec![vec![2], vec![0], vec![1], vec![]];
        assert_eq!(topological_order(&after), Err(vec![0, 1, 2]));
    }

    #[test]
    fn month_ends() {
        assert_eq!(last_day_of_month(2024, 2), 29);
        assert_eq!(last_day_of_month(2023, 12), 31);
    }
}
