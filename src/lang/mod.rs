//! The languages regsim writes text for people in (`--lang en|ja`), and its one message
//! catalogue.
//!
//! Every sentence, label and heading that a chart, a terminal table, report.html,
//! `regsim explain` or `regsim date` shows is a [`Msg`]; [`Lang::text`] looks it up in
//! `en` or `ja`, whose tables have one entry per message (their length is the number of
//! messages, checked by the compiler), so a message cannot be added in one language and
//! forgotten in the other. Messages with values in them are templates
//! with numbered holes (`{0}`, `{1}`), filled by [`Lang::fill`], so that a language can
//! put the values in its own order. Dates and fiscal years have their own functions
//! ([`Lang::date`], [`Lang::fiscal_year`]): 2024-04-01 and FY2024 in English, 2024年4月1日
//! and 2024年度 in Japanese.
//!
//! What stays English whatever the language: CSV headers and the values of their
//! enumerated columns (metric names, `regulator`/`applicant`), ids, and error messages
//! (they name fields of the file, which are English). Titles come from the scenario
//! file: with `--lang ja` its `title_ja` fields where given (see
//! [`Lang::pick`]), chosen when the scenario is validated, so the model carries them.

mod en;
mod ja;
mod msg;

use std::fmt::Display;

use chrono::{Datelike, NaiveDate};

pub use msg::Msg;

/// A language of the text written for people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Japanese: PMDA's and MHLW's terms, dates as 2024年4月1日, fiscal years as 2024年度.
    Ja,
}

impl Lang {
    /// The message in this language.
    pub fn text(self, m: Msg) -> &'static str {
        match self {
            Lang::En => en::text(m),
            Lang::Ja => ja::text(m),
        }
    }

    /// The message with its holes `{0}`, `{1}`, ... filled by `args`, in order.
    pub fn fill(self, m: Msg, args: &[&dyn Display]) -> String {
        fill(self.text(m), args)
    }

    /// The language's code, for `<html lang="...">`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    /// Which title to show: the Japanese one in Japanese where the file gives one, the
    /// English one otherwise.
    pub fn pick<'a>(self, english: &'a str, japanese: Option<&'a str>) -> &'a str {
        match (self, japanese.map(str::trim)) {
            (Lang::Ja, Some(j)) if !j.is_empty() => j,
            _ => english,
        }
    }

    /// The name of a target's clock: "total" or "regulator" as in summary.csv's
    /// enumerations, 総審査期間 or 行政側期間 in Japanese.
    pub fn target_clock(self, clock: crate::model::TargetClock) -> &'static str {
        self.text(match clock {
            crate::model::TargetClock::Total => Msg::ClockTotal,
            crate::model::TargetClock::Regulator => Msg::ClockRegulator,
        })
    }

    /// Who holds a stage's clock: "regulator" or "applicant" as in stages.csv,
    /// 行政側期間 or 申請者側期間 in Japanese.
    pub fn clock(self, clock: crate::model::Clock) -> &'static str {
        self.text(match clock {
            crate::model::Clock::Regulator => Msg::ClockRegulator,
            crate::model::Clock::Applicant => Msg::ClockApplicant,
        })
    }

    /// A date: ISO 8601 in English (2024-04-01), 2024年4月1日 in Japanese.
    pub fn date(self, d: NaiveDate) -> String {
        match self {
            Lang::En => d.to_string(),
            Lang::Ja => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        }
    }

    /// The day of the week, short: "Mon" in English, "月" in Japanese.
    pub fn weekday(self, d: NaiveDate) -> String {
        match self {
            Lang::En => d.format("%a").to_string(),
            Lang::Ja => {
                const DAYS: [&str; 7] = ["月", "火", "水", "木", "金", "土", "日"];
                DAYS[d.weekday().num_days_from_monday() as usize].to_string()
            }
        }
    }

    /// A date and its day of the week: "2024-04-01 (Mon)", "2024年4月1日（月）".
    pub fn date_weekday(self, d: NaiveDate) -> String {
        match self {
            Lang::En => format!("{} ({})", self.date(d), self.weekday(d)),
            Lang::Ja => format!("{}（{}）", self.date(d), self.weekday(d)),
        }
    }

    /// A month: "Apr 2024" in English, "2024年4月" in Japanese.
    pub fn month(self, d: NaiveDate) -> String {
        match self {
            Lang::En => d.format("%b %Y").to_string(),
            Lang::Ja => format!("{}年{}月", d.year(), d.month()),
        }
    }

    /// A day of a month: "Apr 15" in English, "4月15日" in Japanese.
    pub fn month_day(self, d: NaiveDate) -> String {
        match self {
            Lang::En => d.format("%b %-d").to_string(),
            Lang::Ja => format!("{}月{}日", d.month(), d.day()),
        }
    }

    /// A fiscal year by the calendar year it starts in: "FY2024" in English, "2024年度"
    /// in Japanese (年度, as PMDA's annual review-time tables head their columns).
    pub fn fiscal_year(self, year: i32) -> String {
        match self {
            Lang::En => format!("FY{year}"),
            Lang::Ja => format!("{year}年度"),
        }
    }

    /// "1 iteration", "2 iterations" (Japanese has no plural: 2回).
    pub fn count(self, n: impl Display, one: bool, singular: Msg, plural: Msg) -> String {
        self.fill(if one { singular } else { plural }, &[&n])
    }
}

/// `template` with `{k}` replaced by `args[k]`; a hole without an argument is left as
/// it is (a catalogue mistake shows, rather than panics).
fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let hole = after
            .find('}')
            .and_then(|close| Some((after[..close].parse::<usize>().ok()?, close)));
        match hole.and_then(|(k, close)| Some((args.get(k)?, close))) {
            Some((arg, close)) => {
                out.push_str(&arg.to_string());
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holes_are_filled_in_any_order() {
        assert_eq!(fill("{1} then {0}", &[&"a", &2]), "2 then a");
        assert_eq!(fill("{0}% {x} {5}", &[&80]), "80% {x} {5}");
        assert_eq!(fill("no holes", &[]), "no holes");
    }

    #[test]
    fn japanese_dates_and_fiscal_years() {
        let d = NaiveDate::from_ymd_opt(2024, 4, 1).unwrap();
        assert_eq!(Lang::Ja.date(d), "2024年4月1日");
        assert_eq!(Lang::En.date(d), "2024-04-01");
        assert_eq!(Lang::Ja.weekday(d), "月");
        assert_eq!(Lang::En.weekday(d), "Mon");
        assert_eq!(Lang::Ja.fiscal_year(2024), "2024年度");
        assert_eq!(Lang::En.fiscal_year(2024), "FY2024");
        assert_eq!(Lang::Ja.month(d), "2024年4月");
    }

    #[test]
    fn a_japanese_title_is_used_only_where_given() {
        assert_eq!(Lang::Ja.pick("Normal", Some("通常審査")), "通常審査");
        assert_eq!(Lang::Ja.pick("Normal", Some("  ")), "Normal");
        assert_eq!(Lang::Ja.pick("Normal", None), "Normal");
        assert_eq!(Lang::En.pick("Normal", Some("通常審査")), "Normal");
    }

    /// The tables are indexed by the enum's discriminant: ALL must list it in order.
    #[test]
    fn messages_are_listed_in_their_order() {
        for (i, m) in Msg::ALL.iter().enumerate() {
            assert_eq!(*m as usize, i, "{m:?}");
        }
        assert_eq!(Lang::En.text(Msg::Target), "Target");
        assert_eq!(Lang::Ja.text(Msg::Target), "目標");
    }

    /// Every message has a text in both languages, and the same holes in each (a hole
    /// one language forgets would drop a number from the output).
    #[test]
    fn both_languages_fill_the_same_holes() {
        for m in &Msg::ALL {
            let holes = |t: &str| {
                let mut h: Vec<usize> =
                    (0..6).filter(|k| t.contains(&format!("{{{k}}}"))).collect();
                h.sort();
                h
            };
            let (en, ja) = (Lang::En.text(*m), Lang::Ja.text(*m));
            assert!(!ja.is_empty() || en.is_empty(), "{m:?}");
            assert_eq!(holes(en), holes(ja), "{m:?}: {en} / {ja}");
        }
    }
}
