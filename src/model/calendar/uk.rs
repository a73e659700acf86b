//! Bank holidays in England and Wales.
//!
//! Source: the Banking and Financial Dealings Act 1971 (Schedule 1) and the royal
//! proclamations that add or move days each year, as published in the UK government's
//! list at <https://www.gov.uk/bank-holidays> (England and Wales). The regular days are
//! computed by rule: New Year's Day (from 1974), Good Friday, Easter Monday, the early
//! May bank holiday (first Monday of May, from 1978), the spring bank holiday (last
//! Monday of May), the summer bank holiday (last Monday of August), Christmas Day and
//! Boxing Day; a day falling on a weekend gives a substitute day on the next weekday
//! that is not already a bank holiday. The one-off changes by proclamation are data
//! (`MOVED` and `EXTRA`); a proclamation made after this list was written is not in
//! it, so add such days to a scenario with a custom calendar. Years before 1978 are
//! not covered.

use chrono::{Datelike, NaiveDate, Weekday};

/// The first year these rules cover.
pub const FIRST_YEAR: i32 = 1978;

/// Regular bank holidays moved by proclamation: (year, name, the day it was moved to).
const MOVED: [(i32, &str, (u32, u32)); 5] = [
    // 50th anniversary of VE Day.
    (1995, "Early May bank holiday", (5, 8)),
    // Golden Jubilee: spring bank holiday moved to Tuesday 4 June.
    (2002, "Spring bank holiday", (6, 4)),
    // Diamond Jubilee: spring bank holiday moved to Monday 4 June.
    (2012, "Spring bank holiday", (6, 4)),
    // 75th anniversary of VE Day.
    (2020, "Early May bank holiday", (5, 8)),
    // Platinum Jubilee: spring bank holiday moved to Thursday 2 June.
    (2022, "Spring bank holiday", (6, 2)),
];

/// Extra bank holidays by proclamation.
const EXTRA: [((i32, u32, u32), &str); 7] = [
    ((1981, 7, 29), "Royal wedding"),
    ((1999, 12, 31), "Millennium celebrations"),
    ((2002, 6, 3), "Queen's Golden Jubilee"),
    ((2011, 4, 29), "Royal wedding"),
    ((2012, 6, 5), "Queen's Diamond Jubilee"),
    ((2022, 6, 3), "Queen's Platinum Jubilee"),
    ((2022, 9, 19), "State Funeral of Queen Elizabeth II"),
];

/// The one extra day after the list above: the coronation, Monday 8 May 2023.
const CORONATION: ((i32, u32, u32), &str) = ((2023, 5, 8), "Coronation of King Charles III");

/// Bank holidays in England and Wales in `year`, sorted, with their names as gov.uk
/// gives them. Empty before [`FIRST_YEAR`].
pub fn uk_england_bank_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    if year < FIRST_YEAR || NaiveDate::from_ymd_opt(year, 12, 31).is_none() {
        return Vec::new();
    }
    let y = year;
    let date = |m, d| NaiveDate::from_ymd_opt(y, m, d).expect("a valid date");
    let first_monday =
        |m| NaiveDate::from_weekday_of_month_opt(y, m, Weekday::Mon, 1).expect("exists");
    let last_monday = |m, last| {
        (last - 6..=last)
            .map(|d| date(m, d))
            .find(|d| d.weekday() == Weekday::Mon)
            .expect("a last Monday")
    };
    let easter = easter_sunday(y);
    let mut regular = vec![
        (easter - chrono::Days::new(2), "Good Friday"),
        (easter + chrono::Days::new(1), "Easter Monday"),
        (first_monday(5), "Early May bank holiday"),
        (last_monday(5, 31), "Spring bank holiday"),
        (last_monday(8, 31), "Summer bank holiday"),
    ];
    for (moved_year, name, (m, d)) in MOVED {
        if moved_year == y {
            for day in regular.iter_mut().filter(|(_, n)| *n == name) {
                day.0 = date(m, d);
            }
        }
    }
    regular.extend(
        EXTRA
            .iter()
            .chain([&CORONATION])
            .filter(|((ey, _, _), _)| *ey == y)
            .map(|&((_, m, d), name)| (date(m, d), name)),
    );
    // Days that move to the next free weekday when they fall on a weekend, in order.
    let substitutable = [
        (
            date(1, 1),
            "New Year's Day",
            "New Year's Day (substitute day)",
        ),
        (
            date(12, 25),
            "Christmas Day",
            "Christmas Day (substitute day)",
        ),
        (date(12, 26), "Boxing Day", "Boxing Day (substitute day)"),
    ];
    let mut out = regular;
    let weekend = |d: NaiveDate| matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
    let applies = |name: &str| name != "New Year's Day" || y >= 1974;
    // Days on weekdays first, so that a substitute skips them (Christmas on a Sunday is
    // substituted on Tuesday 27 December, after Boxing Day on the Monday).
    for &(day, name, _) in &substitutable {
        if applies(name) && !weekend(day) {
            out.push((day, name));
        }
    }
    for &(day, name, substitute) in &substitutable {
        if applies(name) && weekend(day) {
            let mut d = day;
            while weekend(d) || out.iter().any(|(o, _)| *o == d) {
                d = d.succ_opt().expect("in range");
            }
            out.push((d, substitute));
        }
    }
    out.sort_unstable();
    out
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous Gregorian
/// algorithm, "Meeus/Jones/Butcher").
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("Easter is a valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(year: i32) -> Vec<(String, &'static str)> {
        uk_england_bank_holidays(year)
            .into_iter()
            .map(|(d, n)| (d.to_string(), n))
            .collect()
    }

    fn owned(list: &[(&str, &'static str)]) -> Vec<(String, &'static str)> {
        list.iter().map(|&(d, n)| (d.to_string(), n)).collect()
    }

    /// gov.uk/bank-holidays, England and Wales, 2022: New Year's Day substituted on
    /// Monday 3 January, the spring bank holiday moved to 2 June with the Platinum
    /// Jubilee on 3 June, the State Funeral, and Christmas (a Sunday) substituted on
    /// Tuesday 27 December after Boxing Day.
    #[test]
    fn gov_uk_2022() {
        assert_eq!(
            days(2022),
            owned(&[
                ("2022-01-03", "New Year's Day (substitute day)"),
                ("2022-04-15", "Good Friday"),
                ("2022-04-18", "Easter Monday"),
                ("2022-05-02", "Early May bank holiday"),
                ("2022-06-02", "Spring bank holiday"),
                ("2022-06-03", "Queen's Platinum Jubilee"),
                ("2022-08-29", "Summer bank holiday"),
                ("2022-09-19", "State Funeral of Queen Elizabeth II"),
                ("2022-12-26", "Boxing Day"),
                ("2022-12-27", "Christmas Day (substitute day)"),
            ])
        );
    }

    /// gov.uk, 2023: the coronation on Monday 8 May; 2020: the early May bank holiday on
    /// Friday 8 May; 2021: Christmas (Saturday) and Boxing Day (Sunday) substituted on
    /// 27 and 28 December.
    #[test]
    fn gov_uk_2020_2021_2023() {
        assert_eq!(
            days(2023),
            owned(&[
                ("2023-01-02", "New Year's Day (substitute day)"),
                ("2023-04-07", "Good Friday"),
                ("2023-04-10", "Easter Monday"),
                ("2023-05-01", "Early May bank holiday"),
                ("2023-05-08", "Coronation of King Charles III"),
                ("2023-05-29", "Spring bank holiday"),
                ("2023-08-28", "Summer bank holiday"),
                ("2023-12-25", "Christmas Day"),
                ("2023-12-26", "Boxing Day"),
            ])
        );
        assert!(days(2020).contains(&("2020-05-08".into(), "Early May bank holiday")));
        assert!(!days(2020).iter().any(|(d, _)| d == "2020-05-04"));
        let y2021 = days(2021);
        assert_eq!(
            y2021[y2021.len() - 2..].to_vec(),
            owned(&[
                ("2021-12-27", "Christmas Day (substitute day)"),
                ("2021-12-28", "Boxing Day (substitute day)"),
            ])
        );
        // The earlier one-offs.
        assert!(days(2011).contains(&("2011-04-29".into(), "Royal wedding")));
        assert!(days(1995).contains(&("1995-05-08".into(), "Early May bank holiday")));
        assert!(days(2012).contains(&("2012-06-04".into(), "Spring bank holiday")));
        assert!(days(2012).contains(&("2012-06-05".into(), "Queen's Diamond Jubilee")));
        assert!(uk_england_bank_holidays(1977).is_empty());
        // Eight regular days in an ordinary year, far ahead too.
        assert_eq!(uk_england_bank_holidays(2024).len(), 8);
        assert_eq!(uk_england_bank_holidays(2090).len(), 8);
    }

    /// gov.uk, 2024 and 2025: ordinary years, Easter on 31 March 2024 and 20 April 2025.
    #[test]
    fn gov_uk_2024_2025() {
        let dates = |y| -> Vec<String> {
            uk_england_bank_holidays(y)
                .into_iter()
                .map(|(d, _)| d.format("%m-%d").to_string())
                .collect()
        };
        assert_eq!(
            dates(2024),
            [
                "01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26"
            ]
        );
        assert_eq!(
            dates(2025),
            [
                "01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26"
            ]
        );
    }

    #[test]
    fn easter() {
        for (y, m, d) in [
            (2024, 3, 31),
            (2025, 4, 20),
            (2019, 4, 21),
            (2000, 4, 23),
            (2038, 4, 25),
            (1981, 4, 19),
        ] {
            assert_eq!(
                easter_sunday(y),
                NaiveDate::from_ymd_opt(y, m, d).unwrap(),
                "{y}"
            );
        }
    }
}
