//! `[[gate]]` as written: the dates on which gated stages may finish.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use toml::value::Datetime;

/// `[[gate]]`: dates on which a gated stage may finish: `dates`, or a rule (`months`
/// with `day_of_month`, `weekday` and `week`, or `business_days_before_end`, and what to
/// do when that day is not a business day), or both: the listed dates up to the last
/// one, the rule's after it.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGate {
    /// Identifier stages refer to with `gate = "..."`.
    #[schemars(with = "String")]
    pub id: Spanned<String>,
    /// Human title, e.g. "Drug committee of the Pharmaceutical Affairs Council".
    #[serde(default)]
    pub title: String,
    /// Explicit dates. With a rule too, the rule gives the dates after the last of them.
    #[schemars(with = "Option<Vec<String>>")]
    pub dates: Option<Spanned<Vec<Spanned<Datetime>>>>,
    /// With a rule: dates on record, each replacing the rule's date in its month (a
    /// month the rule has no date in gains it), e.g. the days batches were really held.
    #[schemars(with = "Option<Vec<String>>")]
    pub recorded_dates: Option<Spanned<Vec<Spanned<Datetime>>>>,
    /// Months of every year with a date (1 = January), e.g. [3, 6, 9, 12].
    #[schemars(with = "Option<Vec<i64>>")]
    pub months: Option<Spanned<Vec<Spanned<i64>>>>,
    /// Day of those months (1 to 31; -1 for the last day). Default 1, unless `weekday`
    /// or `business_days_before_end` gives the day instead.
    #[schemars(with = "Option<i64>")]
    pub day_of_month: Option<Spanned<i64>>,
    /// Instead of `day_of_month`: a weekday of those months (`monday` to `sunday`), the
    /// `week`th one, e.g. the 4th Thursday.
    #[schemars(with = "Option<RawWeekday>")]
    pub weekday: Option<Spanned<RawWeekday>>,
    /// With `weekday`: which one of the month, 1 to 5, or -1 for the last (a 5th that
    /// the month does not have means its last).
    #[schemars(with = "Option<i64>")]
    pub week: Option<Spanned<i64>>,
    /// Instead of `day_of_month`: this many business days (0 to 15) before the month's
    /// last business day; 0 is the last business day itself.
    #[schemars(with = "Option<i64>")]
    pub business_days_before_end: Option<Spanned<i64>>,
    /// When that day is not a business day: move to the `next` one, the `previous` one,
    /// or `keep` it. Default `keep`.
    #[schemars(with = "Option<RawRoll>")]
    pub if_not_business_day: Option<Spanned<RawRoll>>,
    /// The calendar whose business days `if_not_business_day` looks at (default: the
    /// scenario's `[calendar]`).
    #[schemars(with = "Option<String>")]
    pub calendar: Option<Spanned<String>>,
    /// Years in which a date of the rule moves to another month, e.g. the December
    /// approval batch moving to January in a drug-price-revision year.
    #[serde(default)]
    pub exceptions: Vec<RawGateException>,
}

/// One exception to a gate rule: in these years, the date of `month` moves to
/// `moves_to_month` (of the next year when that month comes earlier), on the rule's
/// day of the month.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RawGateException {
    /// The years whose date moves (the year of `month`).
    #[schemars(with = "Vec<i64>")]
    pub years: Spanned<Vec<Spanned<i64>>>,
    /// The month of the rule whose date moves, e.g. 12.
    #[schemars(with = "i64")]
    pub month: Spanned<i64>,
    /// The month it moves to, e.g. 1 (January of the next year).
    #[schemars(with = "i64")]
    pub moves_to_month: Spanned<i64>,
    /// Why, with its source.
    #[serde(default)]
    pub reason: String,
}

/// A day of the week, for a gate rule's `weekday`.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RawWeekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl RawWeekday {
    /// The chrono weekday.
    pub fn chrono(self) -> chrono::Weekday {
        match self {
            RawWeekday::Monday => chrono::Weekday::Mon,
            RawWeekday::Tuesday => chrono::Weekday::Tue,
            RawWeekday::Wednesday => chrono::Weekday::Wed,
            RawWeekday::Thursday => chrono::Weekday::Thu,
            RawWeekday::Friday => chrono::Weekday::Fri,
            RawWeekday::Saturday => chrono::Weekday::Sat,
            RawWeekday::Sunday => chrono::Weekday::Sun,
        }
    }
}

/// What a gate rule does with a day that is not a business day.
#[derive(Debug, Clone, Copy, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum RawRoll {
    /// The next business day.
    Next,
    /// The previous business day.
    Previous,
    /// The day itself.
    Keep,
}
