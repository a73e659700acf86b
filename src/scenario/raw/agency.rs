//! The agency tables of a scenario file as written (see [`super`]): `[agency]`,
//! its `[[agency.pool]]` and their `[[agency.pool.change]]`, and a pathway's
//! `[pathway.arrivals]`.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// `[agency]`: many applications over years competing for reviewers.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawAgency {
    /// Years simulated from the scenario's `submitted` date (e.g. 10).
    #[schemars(with = "f64")]
    pub years: Spanned<f64>,
    /// Years at the start whose applications fill the queues but are not reported
    /// (default 0): an agency that opens empty is not the agency of the question.
    #[schemars(with = "Option<f64>")]
    pub warm_up_years: Option<Spanned<f64>>,
    /// The reviewer pools.
    #[serde(default)]
    pub pool: Vec<RawPool>,
}

/// `[[agency.pool]]`: reviewers a stage's work needs one of.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPool {
    /// Identifier stages name (`pool = "new-drug-teams"`).
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Human title.
    #[serde(default)]
    pub title: String,
    /// Reviewers (or review teams) at the start: each works on one stage at a time.
    #[schemars(with = "i64")]
    pub reviewers: Spanned<i64>,
    /// `fifo` (default): first come, first served; `priority`: the pathways listed in
    /// `priority_order` first, in that order, then the rest first come, first served;
    /// work in progress is never interrupted.
    #[schemars(with = "Option<String>")]
    pub discipline: Option<Spanned<String>>,
    /// With `discipline = "priority"`: pathway ids, highest priority first.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub priority_order: Vec<Spanned<String>>,
    /// Headcount changes over time.
    #[serde(default)]
    pub change: Vec<RawPoolChange>,
}

/// `[[agency.pool.change]]`: from `date`, the pool has `reviewers`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawPoolChange {
    /// The date the headcount changes.
    #[schemars(with = "String")]
    pub date: Spanned<Datetime>,
    /// The headcount from then on.
    #[schemars(with = "i64")]
    pub reviewers: Spanned<i64>,
    /// Days before added reviewers take work (training; default 0). A fall in
    /// headcount takes effect on the date.
    #[schemars(with = "Option<f64>")]
    pub ramp_up_days: Option<Spanned<f64>>,
}

/// `[pathway.arrivals]`: how a pathway's applications arrive at the agency.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawArrivals {
    /// Applications per year, arriving at random (a Poisson process).
    #[schemars(with = "Option<f64>")]
    pub per_year: Option<Spanned<f64>>,
    /// Yearly growth of `per_year`, compounded (0.05 for 5% a year; default 0).
    #[schemars(with = "Option<f64>")]
    pub growth_per_year: Option<Spanned<f64>>,
    /// Rates of listed fiscal years (of the scenario's `fiscal_year`, else calendar
    /// years), instead of `per_year` and growth in those years.
    #[serde(default)]
    pub by_year: Vec<RawYearRate>,
    /// From a date, the rate multiplied by a factor.
    #[schemars(with = "Option<RawSurge>")]
    pub surge: Option<Spanned<RawSurge>>,
    /// Dated applications (e.g. a year's real filings), instead of random arrivals.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub dates: Vec<Spanned<Datetime>>,
    /// Dated applications read from a CSV file (relative to the scenario file) with a
    /// `submitted` column of dates, e.g. data/observed/...; with a `pathway` column,
    /// only the rows of this pathway's id.
    #[schemars(with = "Option<String>")]
    pub file: Option<Spanned<String>>,
}

/// `{ year = 2025, per_year = 140 }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawYearRate {
    /// The fiscal (or calendar) year.
    #[schemars(with = "i64")]
    pub year: Spanned<i64>,
    /// Applications per year in it.
    #[schemars(with = "f64")]
    pub per_year: Spanned<f64>,
}

/// `surge = { from = 2026-04-01, factor = 2 }`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawSurge {
    /// The first day of the surge.
    #[schemars(with = "String")]
    pub from: Spanned<Datetime>,
    /// The factor on the rate from then on.
    #[schemars(with = "f64")]
    pub factor: Spanned<f64>,
}
