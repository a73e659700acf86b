//! Japanese national holidays, computed from the rules of the Act on National Holidays
//! (国民の祝日に関する法律, Act No. 178 of 1948) and the special laws that added one-off days.
//!
//! Three kinds of day are produced, in the order the law applies them:
//!
//! 1. National holidays (国民の祝日, Article 2), including the Happy Monday moves of 2000
//!    and 2003 and the Olympic moves of 2020 and 2021.
//! 2. Substitute holidays (振替休日, Article 3(2)): from 12 April 1973 a national holiday
//!    falling on a Sunday makes the next day a holiday; from 2007 the holiday moves to the
//!    nearest following day that is not a national holiday.
//! 3. Citizens' holidays (休日, Article 3(3)): from 27 December 1985 a day whose previous
//!    and next days are both national holidays is a holiday. Until 2006 the paragraph
//!    excluded Sundays and substitute holidays; from 2007 it covers any day that is not
//!    itself a national holiday.
//!
//! Names are those of the `holiday_jp` data set, which the tests compare against.

use chrono::{Datelike, NaiveDate, Weekday};

/// One day computed for a year.
struct Day {
    date: NaiveDate,
    name: &'static str,
    kind: Kind,
}

/// How a day takes part in the substitute and citizens' holiday rules.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A national holiday (国民の祝日) of Article 2.
    National,
    /// A one-off day deemed a national holiday for the citizens' holiday rule only.
    DeemedNational,
    /// Any other holiday: substitute, citizens', or a one-off day.
    Other,
}

impl Day {
    /// Whether the citizens' holiday rule counts this day as a national holiday.
    fn sandwiches(&self) -> bool {
        self.kind != Kind::Other
    }
}

/// Japanese public holidays of `year`, sorted by date, with their Japanese names.
///
/// Covers national, substitute, citizens' and one-off holidays from 20 July 1948 (the day
/// the Act came into force) on. Years before 1948, and years after the last date regsim
/// computes ([`crate::model::LAST_DATE`], where the equinox formula has long stopped
/// meaning anything), give an empty list. The equinox days of years not yet announced by the Cabinet
/// Office are predictions (see [`vernal_equinox`]).
pub fn jp_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let next_year = year
        .checked_add(1)
        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1));
    if year < 1948 || year > crate::model::LAST_DATE.year() || next_year.is_none() {
        return Vec::new();
    }
    let mut days: Vec<Day> = national_holidays(year)
        .into_iter()
        .map(|(date, name)| Day {
            date,
            name,
            kind: Kind::National,
        })
        .collect();
    days.extend(special_days(year));
    add_substitute_holidays(&mut days);
    add_citizens_holidays(&mut days);

    let in_force = ymd(1948, 7, 20);
    let mut out: Vec<_> = days
        .into_iter()
        .filter(|d| d.date >= in_force)
        .map(|d| (d.date, d.name))
        .collect();
    out.sort_unstable();
    out
}

/// Whether `date` is a Japanese public holiday (any kind listed by [`jp_holidays`]).
pub fn is_jp_holiday(date: NaiveDate) -> bool {
    jp_holiday_name(date).is_some()
}

/// The Japanese name of the public holiday on `date`, if it is one.
pub fn jp_holiday_name(date: NaiveDate) -> Option<&'static str> {
    jp_holidays(date.year())
        .into_iter()
        .find(|(d, _)| *d == date)
        .map(|(_, name)| name)
}

/// Vernal equinox day (春分日) of `year`, by the approximation formula used for Japanese
/// equinox prediction: `floor(C + 0.242194 (y - 1980) - L)`, where `C` is 20.8357 before
/// 1980, 20.8431 for 1980-2099 and 21.8510 for 2100-2150, and `L` counts the leap days
/// since 1980 (`floor((y - 1980) / 4)`; before 1980 `trunc((y - 1983) / 4)`).
///
/// It reproduces the officially announced dates. After 2099 the leap days are counted by
/// the Gregorian rule, which is the published formula for 2100-2150 and a ±1 day
/// extrapolation beyond 2150. Meaningful from 1900 on.
///
/// # Panics
/// If chrono cannot represent the year.
pub fn vernal_equinox(year: i32) -> NaiveDate {
    let day = equinox_day(year, [20_835_700, 20_843_100, 20_851_000]);
    ymd(year, 3, day)
}

/// Autumnal equinox day (秋分日) of `year`, by the same formula as [`vernal_equinox`] with
/// `C` = 23.2588 before 1980, 23.2488 for 1980-2099 and 24.2488 for 2100-2150.
///
/// # Panics
/// If chrono cannot represent the year.
pub fn autumnal_equinox(year: i32) -> NaiveDate {
    let day = equinox_day(year, [23_258_800, 23_248_800, 23_248_800]);
    ymd(year, 9, day)
}

/// Day of the month of an equinox, in exact integer micro-days. `c` holds the constant
/// before 1980, for 1980-2099 and after 2099; the last one is the published post-2099
/// constant less one, because [`leap_days_since_1980`] already leaves out 29 Feb 2100.
fn equinox_day(year: i32, c: [i64; 3]) -> u32 {
    let y = i64::from(year);
    let (constant, leap_days) = match year {
        ..=1979 => (c[0], (y - 1983) / 4), // truncating division, as the formula is written
        1980..=2099 => (c[1], leap_days_since_1980(y)),
        _ => (c[2], leap_days_since_1980(y)),
    };
    let day = (constant + 242_194 * (y - 1980)).div_euclid(1_000_000) - leap_days;
    u32::try_from(day).expect("equinox day within the month")
}

/// Leap days (29 February) in the years 1981..=y.
fn leap_days_since_1980(y: i64) -> i64 {
    let leap_years = |n: i64| n.div_euclid(4) - n.div_euclid(100) + n.div_euclid(400);
    leap_years(y) - leap_years(1980)
}

/// National holidays of Article 2 in `year`, as the Act stood in that year.
fn national_holidays(y: i32) -> Vec<(NaiveDate, &'static str)> {
    let date = |m, d| ymd(y, m, d);
    let monday = |m, n| {
        NaiveDate::from_weekday_of_month_opt(y, m, Weekday::Mon, n).expect("nth Monday exists")
    };
    let coming_of_age = if y >= 2000 { monday(1, 2) } else { date(1, 15) };
    let april_29 = match y {
        ..=1988 => "天皇誕生日",
        1989..=2006 => "みどりの日",
        _ => "昭和の日",
    };
    let mut v = vec![
        (date(1, 1), "元日"),
        (coming_of_age, "成人の日"),
        (vernal_equinox(y), "春分の日"),
        (date(4, 29), april_29),
        (date(5, 3), "憲法記念日"),
        (date(5, 5), "こどもの日"),
        (autumnal_equinox(y), "秋分の日"),
        (date(11, 3), "文化の日"),
        (date(11, 23), "勤労感謝の日"),
    ];
    if y >= 1967 {
        v.push((date(2, 11), "建国記念の日"));
    }
    match y {
        1989..=2018 => v.push((date(12, 23), "天皇誕生日")),
        2020.. => v.push((date(2, 23), "天皇誕生日")),
        _ => {}
    }
    if y >= 2007 {
        v.push((date(5, 4), "みどりの日"));
    }
    let marine = match y {
        1996..=2002 => Some(date(7, 20)),
        2020 => Some(date(7, 23)),
        2021 => Some(date(7, 22)),
        2003.. => Some(monday(7, 3)),
        _ => None,
    };
    v.extend(marine.map(|d| (d, "海の日")));
    let mountain = match y {
        2020 => Some(date(8, 10)),
        2021 => Some(date(8, 8)),
        2016.. => Some(date(8, 11)),
        _ => None,
    };
    v.extend(mountain.map(|d| (d, "山の日")));
    match y {
        1966..=2002 => v.push((date(9, 15), "敬老の日")),
        2003.. => v.push((monday(9, 3), "敬老の日")),
        _ => {}
    }
    let sports = match y {
        1966..=1999 => Some((date(10, 10), "体育の日")),
        2000..=2018 => Some((monday(10, 2), "体育の日")),
        // Renamed by the 2018 amendment in force 2020; holiday_jp marks the last one so.
        2019 => Some((monday(10, 2), "体育の日（スポーツの日）")),
        2020 => Some((date(7, 24), "スポーツの日")),
        2021 => Some((date(7, 23), "スポーツの日")),
        2022.. => Some((monday(10, 2), "スポーツの日")),
        _ => None,
    };
    v.extend(sports);
    v
}

/// One-off holidays made by special laws, under holiday_jp's short names (the laws name
/// e.g. 皇太子明仁親王の結婚の儀 and 昭和天皇の大喪の礼). The 2019 days count as national holidays
/// for the citizens' holiday rule (Act No. 99 of 2018), which made 30 April and 2 May 2019
/// holidays.
fn special_days(y: i32) -> Vec<Day> {
    use Kind::{DeemedNational, Other};
    const SPECIAL: [((i32, u32, u32), &str, Kind); 6] = [
        // Weddings of Crown Princes Akihito and Naruhito, funeral of Emperor Shōwa,
        // enthronement ceremony of Emperor Akihito.
        ((1959, 4, 10), "結婚の儀", Other),
        ((1989, 2, 24), "大喪の礼", Other),
        ((1990, 11, 12), "即位礼正殿の儀", Other),
        ((1993, 6, 9), "結婚の儀", Other),
        // Accession and enthronement ceremony of Emperor Naruhito.
        ((2019, 5, 1), "休日（祝日扱い）", DeemedNational),
        ((2019, 10, 22), "休日（祝日扱い）", DeemedNational),
    ];
    SPECIAL
        .iter()
        .filter(|((year, _, _), _, _)| *year == y)
        .map(|&((year, m, d), name, kind)| Day {
            date: ymd(year, m, d),
            name,
            kind,
        })
        .collect()
}

/// Article 3(2): a national holiday on a Sunday, from 12 April 1973, gives a substitute
/// holiday on the next day; from 2007 on the nearest following non-national-holiday day.
fn add_substitute_holidays(days: &mut Vec<Day>) {
    let national = |date| {
        days.iter()
            .find(|d: &&Day| d.kind == Kind::National && d.date == date)
    };
    let mut substitutes = Vec::new();
    for day in days.iter().filter(|d| d.kind == Kind::National) {
        if day.date.weekday() != Weekday::Sun || day.date < ymd(1973, 4, 12) {
            continue;
        }
        // holiday_jp names a substitute after the national holiday just before it (6 May
        // 2008 is "こどもの日 振替休日", though 4 May, みどりの日, was the Sunday), except
        // 6 May 2020, named after 3 May, the Sunday itself.
        let (mut date, mut named_after) = (next(day.date), day.name);
        while day.date.year() >= 2007
            && let Some(skipped) = national(date)
        {
            (date, named_after) = (next(date), skipped.name);
        }
        if !days.iter().any(|d| d.date == date) {
            let quirk = date == ymd(2020, 5, 6);
            let name = substitute_name(if quirk { day.name } else { named_after });
            substitutes.push(Day {
                date,
                name,
                kind: Kind::Other,
            });
        }
    }
    days.extend(substitutes);
}

/// Article 3(3): a day between two national holidays, from 27 December 1985, is a holiday
/// (until 2006 not if it is a Sunday or a substitute holiday).
fn add_citizens_holidays(days: &mut Vec<Day>) {
    let sandwiches = |date| days.iter().any(|d: &Day| d.sandwiches() && d.date == date);
    let citizens: Vec<Day> = days
        .iter()
        .filter(|d| d.sandwiches())
        .map(|d| next(d.date))
        .filter(|&date| {
            date >= ymd(1985, 12, 27)
                && sandwiches(next(date))
                && !days.iter().any(|d| d.date == date)
                && (date.year() >= 2007 || date.weekday() != Weekday::Sun)
        })
        .map(|date| Day {
            date,
            name: "休日",
            kind: Kind::Other,
        })
        .collect();
    days.extend(citizens);
}

/// Name holiday_jp gives the substitute holiday of the national holiday `name`.
fn substitute_name(name: &str) -> &'static str {
    match name {
        "元日" => "元日 振替休日",
        "成人の日" => "成人の日 振替休日",
        "建国記念の日" => "建国記念の日 振替休日",
        "天皇誕生日" => "天皇誕生日 振替休日",
        "春分の日" => "春分の日 振替休日",
        "みどりの日" => "みどりの日 振替休日",
        "昭和の日" => "昭和の日 振替休日",
        "憲法記念日" => "憲法記念日 振替休日",
        "こどもの日" => "こどもの日 振替休日",
        "海の日" => "海の日 振替休日",
        "山の日" => "山の日 振替休日",
        "敬老の日" => "敬老の日 振替休日",
        "秋分の日" => "秋分の日 振替休日",
        "体育の日" => "体育の日 振替休日",
        "スポーツの日" => "スポーツの日 振替休日",
        "文化の日" => "文化の日 振替休日",
        "勤労感謝の日" => "勤労感謝の日 振替休日",
        _ => "振替休日",
    }
}

/// The date `y-m-d`, which the callers know to exist.
fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid calendar date")
}

/// The day after `date`, which the callers know to exist.
fn next(date: NaiveDate) -> NaiveDate {
    date.succ_opt().expect("date within chrono's range")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    const FIXTURE: &str = include_str!("../../../tests/data/fixtures/holiday_jp/holidays.yml");

    /// The fixture's `YYYY-MM-DD: name` lines (holiday_jp's holidays.yml, 1970-2050).
    fn fixture() -> BTreeMap<NaiveDate, &'static str> {
        FIXTURE
            .lines()
            .filter(|line| line.starts_with(|c: char| c.is_ascii_digit()))
            .map(|line| {
                let (date, name) = line.split_once(": ").expect("`date: name` line");
                (date.parse().expect("ISO date"), name.trim())
            })
            .collect()
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().expect("ISO date")
    }

    fn names(year: i32) -> Vec<(String, &'static str)> {
        jp_holidays(year)
            .into_iter()
            .map(|(date, name)| (date.to_string(), name))
            .collect()
    }

    /// The fixture travels with its source and its licence.
    #[test]
    fn the_fixture_names_its_source_and_licence() {
        let readme = include_str!("../../../tests/data/fixtures/README.md");
        let licence = include_str!("../../../tests/data/fixtures/holiday_jp/LICENSE");
        assert!(readme.contains("github.com/holiday-jp/holiday_jp"));
        assert!(readme.contains("MIT (`holiday_jp/LICENSE`)"));
        assert!(licence.starts_with("MIT License"));
        assert!(licence.contains("Copyright (c) 2016 holiday-jp"));
    }

    #[test]
    fn matches_holiday_jp_1970_to_2050() {
        let expected = fixture();
        assert_eq!(expected.len(), 1329);
        assert_eq!(expected.keys().next(), Some(&d("1970-01-01")));
        assert_eq!(expected.keys().last(), Some(&d("2050-11-23")));
        let computed: BTreeMap<_, _> = (1970..=2050).flat_map(jp_holidays).collect();
        let missing: Vec<_> = expected
            .iter()
            .filter(|(k, v)| computed.get(k) != Some(v))
            .collect();
        let extra: Vec<_> = computed
            .iter()
            .filter(|(k, v)| expected.get(k) != Some(v))
            .collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "missing {missing:?}\nextra {extra:?}"
        );
    }

    #[test]
    fn sorted_and_unique() {
        for year in 1948..=2200 {
            let days = jp_holidays(year);
            assert!(days.windows(2).all(|w| w[0].0 < w[1].0), "{year}");
            assert!(days.iter().all(|(date, _)| date.year() == year), "{year}");
        }
    }

    #[test]
    fn substitute_holidays() {
        assert_eq!(
            jp_holiday_name(d("2019-05-06")),
            Some("こどもの日 振替休日")
        );
        assert_eq!(
            jp_holiday_name(d("2024-02-12")),
            Some("建国記念の日 振替休日")
        );
        // From 2007 the substitute skips national holidays: 3 May 2020 was a Sunday.
        assert_eq!(
            jp_holiday_name(d("2020-05-06")),
            Some("憲法記念日 振替休日")
        );
        // The first one, the rule being in force from 12 April 1973; none for 11 Feb 1973.
        assert_eq!(
            jp_holiday_name(d("1973-04-30")),
            Some("天皇誕生日 振替休日")
        );
        assert!(!is_jp_holiday(d("1973-02-12")));
    }

    #[test]
    fn citizens_holidays() {
        for date in [
            "2009-09-22",
            "2015-09-22",
            "2026-09-22",
            "1988-05-04",
            "2019-04-30",
        ] {
            assert_eq!(jp_holiday_name(d(date)), Some("休日"), "{date}");
        }
        // Before 2007 a Sunday between two national holidays stayed an ordinary Sunday.
        assert!(!is_jp_holiday(d("2003-05-04")));
        // The rule is in force from 27 December 1985; 4 May 1986 was a Sunday anyway.
        assert!(!is_jp_holiday(d("1986-05-04")));
    }

    #[test]
    fn equinoxes() {
        let cases = [
            (1948, "1948-03-21", "1948-09-23"),
            (1979, "1979-03-21", "1979-09-24"),
            (2012, "2012-03-20", "2012-09-22"),
            (2024, "2024-03-20", "2024-09-22"),
            (2025, "2025-03-20", "2025-09-23"),
            (2051, "2051-03-21", "2051-09-23"),
            (2100, "2100-03-20", "2100-09-23"),
        ];
        for (year, vernal, autumnal) in cases {
            assert_eq!(vernal_equinox(year), d(vernal), "{year}");
            assert_eq!(autumnal_equinox(year), d(autumnal), "{year}");
        }
    }

    #[test]
    fn before_1970() {
        assert!(jp_holidays(1947).is_empty());
        assert!(jp_holidays(i32::MAX).is_empty());
        // The Act came into force on 20 July 1948.
        let first = [
            ("1948-09-23", "秋分の日"),
            ("1948-11-03", "文化の日"),
            ("1948-11-23", "勤労感謝の日"),
        ];
        assert_eq!(
            names(1948),
            first.map(|(date, name)| (date.to_string(), name))
        );
        assert_eq!(jp_holidays(1949).len(), 9);
        assert_eq!(jp_holiday_name(d("1959-04-10")), Some("結婚の儀"));
        assert_eq!(jp_holiday_name(d("1966-09-15")), Some("敬老の日"));
        assert_eq!(jp_holiday_name(d("1966-10-10")), Some("体育の日"));
        assert!(!is_jp_holiday(d("1966-02-11")));
        assert_eq!(jp_holiday_name(d("1967-02-11")), Some("建国記念の日"));
    }

    /// Beyond the fixture the rules go on: every year from 2051 to 2200 has each fixed
    /// holiday, the Happy Monday days on Mondays, equinoxes in their windows, and every
    /// national holiday on a Sunday followed by its substitute on the next day that is
    /// not itself a national holiday.
    #[test]
    fn the_rules_hold_every_year_to_2200() {
        for year in 2051..=2200 {
            let days = jp_holidays(year);
            let has = |m, d, name: &str| {
                days.iter()
                    .any(|(date, n)| *date == ymd(year, m, d) && *n == name)
            };
            for (m, d, name) in [
                (1, 1, "元日"),
                (2, 11, "建国記念の日"),
                (2, 23, "天皇誕生日"),
                (4, 29, "昭和の日"),
                (5, 3, "憲法記念日"),
                (5, 4, "みどりの日"),
                (5, 5, "こどもの日"),
                (8, 11, "山の日"),
                (11, 3, "文化の日"),
                (11, 23, "勤労感謝の日"),
            ] {
                assert!(has(m, d, name), "{year}: {name}");
            }
            for name in ["成人の日", "海の日", "敬老の日", "スポーツの日"] {
                let (date, _) = days.iter().find(|(_, n)| *n == name).expect(name);
                assert_eq!(date.weekday(), Weekday::Mon, "{year}: {name}");
            }
            let vernal = vernal_equinox(year);
            let autumnal = autumnal_equinox(year);
            assert!((19..=22).contains(&vernal.day()), "{year}: {vernal}");
            assert!((21..=24).contains(&autumnal.day()), "{year}: {autumnal}");
            let national: Vec<NaiveDate> =
                national_holidays(year).iter().map(|(d, _)| *d).collect();
            for sunday in national.iter().filter(|d| d.weekday() == Weekday::Sun) {
                let mut sub = next(*sunday);
                while national.contains(&sub) {
                    sub = next(sub);
                }
                if sub.year() == year {
                    assert!(
                        days.iter()
                            .any(|(d, n)| *d == sub && n.ends_with("振替休日")),
                        "{year}: no substitute for {sunday}"
                    );
                }
            }
            assert!(
                (16..=22).contains(&days.len()),
                "{year}: {} days",
                days.len()
            );
        }
    }

    #[test]
    fn after_2050() {
        let expected = [
            ("2051-01-01", "元日"),
            ("2051-01-02", "元日 振替休日"),
            ("2051-01-09", "成人の日"),
            ("2051-02-11", "建国記念の日"),
            ("2051-02-23", "天皇誕生日"),
            ("2051-03-21", "春分の日"),
            ("2051-04-29", "昭和の日"),
            ("2051-05-03", "憲法記念日"),
            ("2051-05-04", "みどりの日"),
            ("2051-05-05", "こどもの日"),
            ("2051-07-17", "海の日"),
            ("2051-08-11", "山の日"),
            ("2051-09-18", "敬老の日"),
            ("2051-09-23", "秋分の日"),
            ("2051-10-09", "スポーツの日"),
            ("2051-11-03", "文化の日"),
            ("2051-11-23", "勤労感謝の日"),
        ];
        assert_eq!(
            names(2051),
            expected.map(|(date, name)| (date.to_string(), name))
        );
        assert_eq!(jp_holiday_name(d("2100-01-11")), Some("成人の日"));
    }
}
