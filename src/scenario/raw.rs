//! The scenario file as written: serde types mirroring the TOML, with the place of every
//! value that validation may need to point at. Nothing here is checked beyond its type;
//! [`super::validate`] turns it into a [`crate::model::Model`].

use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};
use toml::Spanned;
use toml::value::Datetime;

mod agency;
mod gate;
pub use agency::{RawAgency, RawArrivals, RawPool, RawPoolChange, RawSurge, RawYearRate};
pub use gate::{RawGate, RawGateException, RawRoll, RawWeekday};

/// A whole scenario file.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    /// The scenario's header: title, seed, iterations, submission date.
    pub scenario: RawHeader,
    /// The holiday calendar that business days and gate rules count in.
    #[schemars(with = "Option<RawCalendar>")]
    pub calendar: Option<Spanned<RawCalendar>>,
    /// Schedules of dates on which gated stages may finish (council meetings, batches).
    #[serde(default)]
    pub gate: Vec<RawGate>,
    /// The approval pathways.
    #[schemars(with = "Option<Vec<RawPathway>>")]
    pub pathway: Option<Spanned<Vec<RawPathway>>>,
    /// Kinds of evidence that products have and pathways require (phase2, phase3, rwd,
    /// ...), and how a product obtains one it lacks.
    #[serde(default)]
    pub evidence: Vec<RawEvidence>,
    /// Products seeking approval: regsim decides which pathways each may take and
    /// simulates those.
    #[serde(default)]
    pub product: Vec<RawProduct>,
    /// Calendars defined in the scenario: a named calendar with days added or removed.
    #[serde(default)]
    pub custom_calendar: Vec<RawCustomCalendar>,
    /// What-ifs: named sets of overrides on this scenario (see docs/what-if.md).
    #[serde(default)]
    pub variant: Vec<RawVariant>,
    /// Many applications over years competing for reviewers (the queue engine).
    #[schemars(with = "Option<RawAgency>")]
    pub agency: Option<Spanned<RawAgency>>,
}

/// `[[variant]]`: a what-if, as overrides on the scenario in the grammar of `--set`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawVariant {
    /// Identifier used on the command line (`--variant`) and in CSV, e.g. `bigger-team`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Human title, shown in charts and tables.
    #[serde(default)]
    pub title: String,
    /// The question it asks, and the source of its numbers or that they are assumed.
    #[serde(default)]
    pub description: String,
    /// The title in Japanese, shown with `--lang ja` (the English title where none is
    /// given).
    #[serde(default)]
    pub title_ja: Option<String>,
    /// The description in Japanese, shown with `--lang ja`.
    #[serde(default)]
    pub description_ja: Option<String>,
    /// Another variant whose overrides come first (stacking).
    #[schemars(with = "Option<String>")]
    pub based_on: Option<Spanned<String>>,
    /// Overrides, `PATH=VALUE`, applied in order after those of `based_on`, e.g.
    /// ["normal.team-review.duration=*0.8"].
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub set: Vec<Spanned<String>>,
}

/// `[scenario]`: what the file is about and how to run it by default.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawHeader {
    /// Short name for the `scenario` column of the CSV files (default: the file's name
    /// without `.toml`).
    #[schemars(with = "Option<String>")]
    pub name: Option<Spanned<String>>,
    /// Short title, shown on every chart.
    pub title: String,
    /// The question the scenario answers, in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// The title in Japanese, shown with `--lang ja` (the English title where none is
    /// given).
    #[serde(default)]
    pub title_ja: Option<String>,
    /// The description in Japanese, shown with `--lang ja`.
    #[serde(default)]
    pub description_ja: Option<String>,
    /// Seed of the random streams (default 1): the same seed gives the same numbers.
    #[schemars(with = "Option<i64>")]
    pub seed: Option<Spanned<i64>>,
    /// Monte Carlo iterations (default 10000).
    #[schemars(with = "Option<i64>")]
    pub iterations: Option<Spanned<i64>>,
    /// The date the application is submitted, e.g. 2024-04-01; with
    /// `submitted_until`, the first day applications may be submitted.
    #[schemars(with = "String")]
    pub submitted: Spanned<Datetime>,
    /// The last day of a submission window: applications are then submitted on a day
    /// drawn uniformly from `submitted` to this date, e.g. a fiscal year's applications.
    #[schemars(with = "Option<String>")]
    pub submitted_until: Option<Spanned<Datetime>>,
    /// Group approval dates by fiscal year in fiscal_years.csv: `jp` (April to March,
    /// as PMDA reports) or `us` (October to September, as the FDA reports).
    #[schemars(with = "Option<String>")]
    pub fiscal_year: Option<Spanned<String>>,
}

/// `[[custom_calendar]]`: a calendar made from a named one, with days added or removed.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCustomCalendar {
    /// Identifier stages, gates and `[calendar]` refer to.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// The calendar it starts from: jp, jp-gov, us-federal, uk-england, eu-ema or none.
    #[schemars(with = "String")]
    pub base: Spanned<String>,
    /// Days off added to the base, e.g. an agency's announced closure.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub add: Vec<Spanned<Datetime>>,
    /// Days off of the base that are working days here.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub remove: Vec<Spanned<Datetime>>,
}

/// `[calendar]`: which days are business days.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawCalendar {
    /// Days off besides Saturdays and Sundays: a named calendar (jp, jp-gov, us-federal,
    /// uk-england, eu-ema, none) or the id of a `[[custom_calendar]]`.
    #[schemars(with = "String")]
    pub holidays: Spanned<String>,
    /// More non-working days, e.g. [2024-12-30, 2024-12-31].
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub extra_holidays: Vec<Spanned<Datetime>>,
}

/// `[[pathway]]`: an approval route.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPathway {
    /// Identifier used in CSV and on the command line, e.g. `normal`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Human title.
    pub title: String,
    /// The title in Japanese, shown with `--lang ja` (the English title where none is
    /// given).
    #[serde(default)]
    pub title_ja: Option<String>,
    /// The kind of route: normal, priority, sakigake, conditional, special, emergency,
    /// samd-standard, fda-standard, ... (a label).
    #[serde(default)]
    pub kind: String,
    /// The official target, if any.
    #[schemars(with = "Option<RawTarget>")]
    pub target: Option<Spanned<RawTarget>>,
    /// The stages, `[[pathway.stage]]`.
    #[serde(default)]
    pub stage: Vec<RawStage>,
    /// Which products may take this pathway (with products in the scenario).
    #[schemars(with = "Option<RawEligibility>")]
    pub eligibility: Option<Spanned<RawEligibility>>,
    /// What follows approval: a condition to meet for a full or second approval, within
    /// a term or not.
    #[schemars(with = "Option<RawFollowUp>")]
    pub follow_up: Option<Spanned<RawFollowUp>>,
    /// Updates shipped after approval (e.g. a retrained AI model), each reviewed before
    /// it reaches the market.
    #[schemars(with = "Option<RawUpdates>")]
    pub updates: Option<Spanned<RawUpdates>>,
    /// When the review clock starts, if not on the submission date: PMDA's busy-month
    /// rule.
    #[schemars(with = "Option<RawClockStart>")]
    pub clock_start: Option<Spanned<RawClockStart>>,
    /// With an `[agency]`: how the pathway's applications arrive.
    #[schemars(with = "Option<RawArrivals>")]
    pub arrivals: Option<Spanned<RawArrivals>>,
}

/// `[pathway.clock_start]`: an application filed on or after `from_day` of one of
/// `busy_months` starts its clock on the 1st of the next month (PMDA's busy-month rule).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawClockStart {
    /// The busy months, e.g. [3, 6, 9, 12].
    #[schemars(with = "Vec<i64>")]
    pub busy_months: Spanned<Vec<Spanned<i64>>>,
    /// The day of the month from which the rule applies, e.g. 16.
    #[schemars(with = "i64")]
    pub from_day: Spanned<i64>,
    /// What review days count from: `submission` (default) or `clock-start`, as PMDA
    /// counts its review time from the start date the rule gives.
    #[serde(default)]
    pub review_days_from: RawReviewFrom,
}

/// What a pathway's review days count from.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum RawReviewFrom {
    /// The submission (filing) date.
    #[default]
    Submission,
    /// The date the review clock starts.
    ClockStart,
}

/// `target = { days = 365, percentile = 80, clock = "total" }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    /// Days that should not be exceeded.
    #[schemars(with = "f64")]
    pub days: Spanned<f64>,
    /// Percent of reviews that should meet them (e.g. 80).
    #[schemars(with = "f64")]
    pub percentile: Spanned<f64>,
    /// `total` (submission to approval, default) or `regulator` (clock stops excluded).
    #[serde(default)]
    pub clock: RawTargetClock,
}

/// Which clock a target counts.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RawTargetClock {
    /// Submission to approval.
    #[default]
    Total,
    /// The regulator's time only.
    Regulator,
}

/// `[[pathway.stage]]`: one step.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawStage {
    /// Identifier, unique within the pathway.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Human title (default: the id).
    #[serde(default)]
    pub title: String,
    /// The title in Japanese, shown with `--lang ja` (the English title where none is
    /// given).
    #[serde(default)]
    pub title_ja: Option<String>,
    /// Who holds the clock: `regulator` or `applicant`.
    #[schemars(with = "RawClock")]
    pub clock: Spanned<RawClock>,
    /// How long it takes: a number of days, or a distribution table.
    #[schemars(with = "Option<RawDurationValue>")]
    pub duration: Option<Spanned<RawDurationValue>>,
    /// Which days the duration counts: `calendar` (default) or `business`.
    #[schemars(with = "Option<RawDays>")]
    pub days: Option<Spanned<RawDays>>,
    /// Stages that must end before this one starts (default: the previous stage; `[]`
    /// starts at submission).
    #[schemars(with = "Option<Vec<String>>")]
    pub after: Option<Vec<Spanned<String>>>,
    /// Probability that the stage happens at all (default 1).
    #[schemars(with = "Option<f64>")]
    pub probability: Option<Spanned<f64>>,
    /// A gate id: the stage can only finish on one of the gate's dates.
    #[schemars(with = "Option<String>")]
    pub gate: Option<Spanned<String>>,
    /// With a gate: the review is planned for the gate's last date within this many
    /// days of submission (e.g. the target), and the stage ends on that date unless its
    /// work ends later.
    #[schemars(with = "Option<f64>")]
    pub planned_within: Option<Spanned<f64>>,
    /// A duration in calendar months instead of days (a goal "10 months after the
    /// filing date"): the same day of the month that many months later, or the
    /// month's last day when it has no such day.
    #[schemars(with = "Option<i64>")]
    pub duration_months: Option<Spanned<i64>>,
    /// The calendar whose business days `days = "business"` counts (default: the
    /// scenario's `[calendar]`).
    #[schemars(with = "Option<String>")]
    pub calendar: Option<Spanned<String>>,
    /// For an applicant's clock stop: the most days the applicant may take; an
    /// application whose answer would take longer is withdrawn (not approved).
    #[schemars(with = "Option<f64>")]
    pub max_days: Option<Spanned<f64>>,
    /// With an `[agency]`: the pool whose reviewer the stage's work needs; the stage
    /// waits in its queue until one is free.
    #[schemars(with = "Option<String>")]
    pub pool: Option<Spanned<String>>,
}

/// Who holds the clock.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RawClock {
    /// The agency.
    Regulator,
    /// The applicant (a clock stop).
    Applicant,
}

/// Which days count.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RawDays {
    /// Every day.
    Calendar,
    /// Monday to Friday, not a holiday of the scenario's calendar.
    Business,
}

/// A duration: a plain number of days, or a distribution.
#[derive(Debug, JsonSchema)]
#[serde(untagged)]
pub enum RawDurationValue {
    /// A fixed number of days.
    Days(f64),
    /// A distribution: `{ distribution = "triangular", min = 60, mode = 90, max = 150 }`.
    Distribution(Box<RawDistribution>),
}

/// A distribution table. Which parameters it takes depends on `distribution`:
/// fixed (days), uniform (min, max), triangular and pert (min, mode, max), normal (mean,
/// sd), lognormal (median and p90, or mu and sigma), gamma and weibull (shape, scale),
/// exponential (mean), empirical (values).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawDistribution {
    /// The distribution's name.
    #[schemars(with = "String")]
    pub distribution: Spanned<String>,
    /// fixed: the days.
    #[schemars(with = "Option<f64>")]
    pub days: Option<Spanned<f64>>,
    /// uniform, triangular, pert: the least value.
    #[schemars(with = "Option<f64>")]
    pub min: Option<Spanned<f64>>,
    /// triangular, pert: the most likely value.
    #[schemars(with = "Option<f64>")]
    pub mode: Option<Spanned<f64>>,
    /// uniform, triangular, pert: the greatest value.
    #[schemars(with = "Option<f64>")]
    pub max: Option<Spanned<f64>>,
    /// normal, exponential: the mean.
    #[schemars(with = "Option<f64>")]
    pub mean: Option<Spanned<f64>>,
    /// normal: the standard deviation (before truncation at zero).
    #[schemars(with = "Option<f64>")]
    pub sd: Option<Spanned<f64>>,
    /// lognormal: the median.
    #[schemars(with = "Option<f64>")]
    pub median: Option<Spanned<f64>>,
    /// lognormal: the 90th percentile.
    #[schemars(with = "Option<f64>")]
    pub p90: Option<Spanned<f64>>,
    /// lognormal: mean of the logarithm.
    #[schemars(with = "Option<f64>")]
    pub mu: Option<Spanned<f64>>,
    /// lognormal: standard deviation of the logarithm.
    #[schemars(with = "Option<f64>")]
    pub sigma: Option<Spanned<f64>>,
    /// gamma, weibull: the shape.
    #[schemars(with = "Option<f64>")]
    pub shape: Option<Spanned<f64>>,
    /// gamma, weibull: the scale in days.
    #[schemars(with = "Option<f64>")]
    pub scale: Option<Spanned<f64>>,
    /// empirical: observed durations, resampled.
    #[schemars(with = "Option<Vec<f64>>")]
    pub values: Option<Spanned<Vec<f64>>>,
}

impl<'de> Deserialize<'de> for RawDurationValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawDurationValue;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number of days or a distribution table such as { distribution = \"triangular\", min = 60, mode = 90, max = 150 }")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
                Ok(RawDurationValue::Days(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
                Ok(RawDurationValue::Days(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
                Ok(RawDurationValue::Days(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                RawDistribution::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|d| RawDurationValue::Distribution(Box::new(d)))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// `[[evidence]]`: a kind of evidence, e.g. confirmatory phase III trials.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEvidence {
    /// Identifier products and pathways refer to, e.g. `phase3`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Human title, e.g. "Confirmatory (phase III) trials".
    #[serde(default)]
    pub title: String,
    /// Evidence that having this one also gives, e.g. phase3 implies phase2 (efficacy
    /// confirmed is also efficacy presumed).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub implies: Vec<Spanned<String>>,
    /// Evidence from which a product can obtain this one, e.g. `phase2` for phase III.
    #[schemars(with = "Option<String>")]
    pub from: Option<Spanned<String>>,
    /// How long obtaining it takes from `from` (e.g. running a phase III trial), in days:
    /// a number or a distribution. This time comes before submission.
    #[schemars(with = "Option<RawDurationValue>")]
    pub duration: Option<Spanned<RawDurationValue>>,
}

/// `[[product]]`: something seeking approval.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawProduct {
    /// Identifier used in CSV, e.g. `antiviral`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Human title.
    #[serde(default)]
    pub title: String,
    /// The title in Japanese, shown with `--lang ja` (the English title where none is
    /// given).
    #[serde(default)]
    pub title_ja: Option<String>,
    /// drug, vaccine, antibody, samd, device or regenerative.
    #[serde(rename = "type")]
    #[schemars(with = "String")]
    pub kind: Spanned<String>,
    /// The evidence it has, e.g. ["phase2"].
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub evidence: Vec<Spanned<String>>,
    /// Approved in a country with a regulatory system equivalent to Japan's (default
    /// false).
    #[serde(default)]
    pub approved_overseas: bool,
    /// A health emergency is declared for the disease it treats or prevents (default
    /// false).
    #[serde(default)]
    pub emergency_declared: bool,
    /// Designations it holds, e.g. ["orphan", "sakigake"].
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub designations: Vec<Spanned<String>>,
    /// The day it is ready to be submitted with the evidence it has (default: the
    /// scenario's `submitted`; not before it).
    #[schemars(with = "Option<String>")]
    pub ready: Option<Spanned<Datetime>>,
}

/// `[pathway.eligibility]`: conditions a product must meet. Every condition given must
/// hold; one left out is no condition.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawEligibility {
    /// Product types that may take the pathway, e.g. ["drug", "vaccine", "antibody"].
    #[schemars(with = "Option<Vec<String>>")]
    pub product_types: Option<Vec<Spanned<String>>>,
    /// Evidence the application needs: any one of these. A product lacking all of them
    /// obtains one first, when an `[[evidence]]` table says how.
    #[schemars(with = "Option<Vec<String>>")]
    pub evidence: Option<Vec<Spanned<String>>>,
    /// The product must (true) or must not (false) be approved overseas.
    pub approved_overseas: Option<bool>,
    /// A health emergency must (true) or must not (false) be declared.
    pub emergency_declared: Option<bool>,
    /// Designations, any one of which the product must hold, e.g. ["orphan"].
    #[schemars(with = "Option<Vec<String>>")]
    pub designations: Option<Vec<Spanned<String>>>,
}

/// `[pathway.follow_up]`: the condition an approval carries, met by evidence filed
/// after approval and a second review: an emergency approval's confirmation of efficacy,
/// a two-step SaMD's second approval, a conditional approval's confirmatory study.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawFollowUp {
    /// What the second approval is, e.g. "Full approval after efficacy is confirmed".
    pub title: String,
    /// The title in Japanese, shown with `--lang ja` (the English title where none is
    /// given).
    #[serde(default)]
    pub title_ja: Option<String>,
    /// Probability that the evidence meets the condition at all (default 1).
    #[schemars(with = "Option<f64>")]
    pub probability: Option<Spanned<f64>>,
    /// Days from approval until the evidence is filed: a number or a distribution.
    #[schemars(with = "RawDurationValue")]
    pub evidence: Spanned<RawDurationValue>,
    /// Days from filing to the second approval (default 0).
    #[schemars(with = "Option<RawDurationValue>")]
    pub review: Option<Spanned<RawDurationValue>>,
    /// The approval lapses this many days after it was granted unless the second
    /// approval came first (default: no term).
    #[schemars(with = "Option<f64>")]
    pub term_days: Option<Spanned<f64>>,
    /// The term can be extended once by up to this many days (default 0).
    #[schemars(with = "Option<f64>")]
    pub extension_days: Option<Spanned<f64>>,
}

/// `[pathway.updates]`: changes shipped after approval, one reviewed at a time.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawUpdates {
    /// What an update is, e.g. "Retrained model (partial-change approval)".
    #[serde(default)]
    pub title: String,
    /// Updates ready per year, evenly spaced from the approval on.
    #[schemars(with = "f64")]
    pub per_year: Spanned<f64>,
    /// Years after approval over which updates are simulated (default 3).
    #[schemars(with = "Option<f64>")]
    pub years: Option<Spanned<f64>>,
    /// Days from an update's filing to its market release: a number or a distribution.
    #[schemars(with = "RawDurationValue")]
    pub review: Spanned<RawDurationValue>,
}
