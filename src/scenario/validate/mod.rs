//! From the file as written to the validated model: every reference resolved, every
//! number in range, the stage graph checked for cycles. All problems are collected, so
//! an analyst sees every mistake in one pass, each with its line and column.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::value::Datetime;

use super::raw::{RawDays, RawHeader, RawPathway, RawRoll, RawScenario};
use crate::diagnostic::Diagnostic;
use crate::model::{Model, Pathway};

mod agency;
mod calendar;
mod clocks;
mod durations;
mod gate_rule;
mod pathways;
mod products;

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
    /// The scenario file's folder, that files it names (an agency's dated arrivals) are
    /// read relative to; set by [`crate::scenario::load`].
    pub scenario_dir: Option<std::path::PathBuf>,
    /// The language titles are chosen in: with Japanese, the file's `title_ja` fields
    /// where it gives them.
    pub lang: crate::lang::Lang,
}

/// Builds the model, or every problem found. `stem` is the file's name without its
/// extension, the scenario's name unless the header gives one.
pub fn validate(
    stem: &str,
    raw: RawScenario,
    overrides: &Overrides,
) -> Result<Model, Vec<Diagnostic>> {
    let mut v = Validator {
        lang: overrides.lang,
        ..Validator::default()
    };
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
    /// Which titles to take.
    lang: crate::lang::Lang,
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

    /// Whether a schedule from `date` stays within the dates regsim computes; if not,
    /// the error points at `submitted` (or names `--submitted` when it comes from there).
    fn computable_submission(
        &mut self,
        header: &crate::scenario::raw::RawHeader,
        overrides: &Overrides,
        date: NaiveDate,
    ) -> bool {
        let Err(e) = crate::model::check_submitted(date) else {
            return true;
        };
        let last = crate::model::last_submission();
        let message = format!("the submission date {date} is too late: {e}");
        let help = format!(
            "a schedule reaches up to {} years after submission, so submit on or before {last}",
            crate::model::HORIZON_DAYS / 366
        );
        if overrides.submitted.is_some() {
            self.problems.push(
                Diagnostic::whole_file(format!("--submitted {date} is too late: {e}")).help(help),
            );
        } else {
            self.error(header.submitted.span(), message, Some(help));
        }
        false
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
        let seed = self.seed(header);
        let iterations = self.iterations(header);
        let file_submitted = self.date(&header.submitted, "`submitted`");
        let submitted = overrides.submitted.or(file_submitted);
        let submitted = submitted.filter(|&d| self.computable_submission(header, overrides, d));
        let window = self.submission_window(header, submitted);

        let no_pathways = Vec::new();
        let raw_pathways = raw.pathway.as_ref().map_or(&no_pathways, |p| p.get_ref());
        let uses_business_days = first_business_day_use(&raw, raw_pathways);
        let calendars = self.custom_calendars(&raw.custom_calendar);
        let business_days = submitted
            .and_then(|s| self.calendar(raw.calendar.as_ref(), s, uses_business_days, &calendars));
        let tables = self.stage_calendars(raw_pathways, &calendars, submitted);
        let table_ids: Vec<&str> = tables.iter().map(|t| t.id.as_str()).collect();
        let fiscal_year = self.fiscal_year(header.fiscal_year.as_ref());

        let gates = match (submitted, &business_days) {
            (Some(s), Some(b)) => self.gates(&raw.gate, s, b, &calendars),
            _ => None,
        };
        let gate_ids: Vec<&str> = raw.gate.iter().map(|g| g.id.get_ref().as_str()).collect();
        let evidence = self.evidence(&raw.evidence);
        let evidence_ids: Vec<&str> = raw
            .evidence
            .iter()
            .map(|e| e.id.get_ref().as_str())
            .collect();
        let products = evidence
            .as_ref()
            .and_then(|e| self.products(&raw.product, e, submitted));

        let pathways = self.pathways(&raw, raw_pathways, &gate_ids, &evidence_ids, &table_ids);

        let (seed, iterations, submitted, business_days, gates, fiscal_year) = (
            seed?,
            iterations?,
            submitted?,
            business_days?,
            gates?,
            fiscal_year?,
        );
        let submission_window_days = window?;
        let pathways: Option<Vec<Pathway>> = pathways.into_iter().collect();
        let (evidence, products) = (evidence?, products?);
        let (pathways, decisions) = products::expand(pathways?, &products, &evidence, submitted);
        if !products.is_empty() && pathways.is_empty() {
            let first = &raw.product[0];
            let why: Vec<String> = decisions
                .iter()
                .take(3)
                .map(|d| {
                    format!(
                        "`{}` on `{}`: {}",
                        products[d.product].id,
                        d.pathway,
                        d.decision.reasons.join("; ")
                    )
                })
                .collect();
            self.error(
                first.id.span(),
                "no product is eligible for any pathway",
                Some(format!(
                    "compare the products with the pathways' [pathway.eligibility] tables; {}",
                    why.join(", ")
                )),
            );
            return None;
        }
        let agency = self
            .agency(
                &raw,
                raw_pathways,
                &pathways,
                submitted,
                fiscal_year,
                overrides.scenario_dir.as_deref(),
            )
            .ok()?;
        Some(Model {
            name,
            title: self
                .lang
                .pick(&header.title, header.title_ja.as_deref())
                .to_string(),
            description: self
                .lang
                .pick(&header.description, header.description_ja.as_deref())
                .to_string(),
            seed,
            iterations,
            submitted,
            submission_window_days,
            business_days,
            calendars: tables,
            custom_calendars: calendars.into_custom(),
            fiscal_year,
            gates,
            pathways,
            evidence,
            products,
            decisions,
            agency,
            lang: self.lang,
        })
    }

    /// The header's seed: not negative; [`DEFAULT_SEED`] when it gives none.
    fn seed(&mut self, header: &RawHeader) -> Option<u64> {
        match &header.seed {
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
        }
    }

    /// The header's number of iterations: 1 to [`MAX_ITERATIONS`];
    /// [`DEFAULT_ITERATIONS`] when it gives none.
    fn iterations(&mut self, header: &RawHeader) -> Option<u64> {
        match &header.iterations {
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
        }
    }

    /// The submission window in days, from `submitted` to the header's
    /// `submitted_until` (0 without one): not backwards, at most [`MAX_WINDOW_DAYS`].
    fn submission_window(
        &mut self,
        header: &RawHeader,
        submitted: Option<NaiveDate>,
    ) -> Option<u32> {
        match (&header.submitted_until, submitted) {
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
        }
    }

    /// Every pathway, each with its own id; at least one.
    fn pathways(
        &mut self,
        raw: &RawScenario,
        raw_pathways: &[RawPathway],
        gate_ids: &[&str],
        evidence_ids: &[&str],
        table_ids: &[&str],
    ) -> Vec<Option<Pathway>> {
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
            pathways.push(self.pathway(p, gate_ids, evidence_ids, table_ids));
        }
        pathways
    }
}

/// The first place that counts business days of the scenario's calendar (a stage or a
/// gate without a calendar of its own), to point at if there is no calendar.
fn first_business_day_use(raw: &RawScenario, raw_pathways: &[RawPathway]) -> Option<Range<usize>> {
    raw_pathways
        .iter()
        .flat_map(|p| &p.stage)
        .filter(|s| s.calendar.is_none())
        .filter_map(|s| s.days.as_ref())
        .find(|d| *d.get_ref() == RawDays::Business)
        .map(|d| d.span())
        .or_else(|| {
            raw.gate
                .iter()
                .filter(|g| g.calendar.is_none())
                .find_map(|g| {
                    let roll = g.if_not_business_day.as_ref();
                    let roll = roll.filter(|r| *r.get_ref() != RawRoll::Keep);
                    roll.map(|r| r.span())
                        .or_else(|| g.business_days_before_end.as_ref().map(|n| n.span()))
                })
        })
}
