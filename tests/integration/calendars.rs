//! `regsim calendar`: the named calendars, checked against counts derived by hand from
//! the law and against the agencies' published lists.

use crate::support::regsim;

/// The last line of `regsim calendar ARGS...`: "business days: N (...)".
fn business_line(args: &[&str]) -> String {
    let out = regsim().arg("calendar").args(args).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    text.lines().last().expect("a last line").to_string()
}

/// Administrative business days of Japanese government offices per fiscal year
/// (April to March), derived by hand from the Act on Holidays of Administrative Organs
/// (Act No. 91 of 1988), Art. 1(1): offices close on Saturdays, Sundays, the national
/// holidays of the Act on National Holidays, and 29 December to 3 January.
///
/// The derivation, per fiscal year:
///
/// 1. Weekdays. A fiscal year of 365 days is 52 weeks (260 weekdays) and one more day,
///    the weekday of 1 April; one of 366 days (a 29 February in it) has two more days,
///    the weekdays of 1 and 2 April.
/// 2. Less the national holidays (substitute and citizens' holidays included) that fall
///    on a weekday, listed from the Cabinet Office's list (holiday_jp's copy in
///    tests/data/fixtures/holiday_jp/holidays.yml).
/// 3. Less the days of 29 December to 3 January that fall on a weekday and are not
///    already national holidays (1 January always is).
///
/// | FY | days | 1 April | weekdays | holidays on weekdays | year-end weekdays | business days |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | 2019 | 366 | Mon | 260 + 2 (Mon 1, Tue 2 Apr) = 262 | 18 | 4 (Mon 30, Tue 31 Dec; Thu 2, Fri 3 Jan) | 262 - 18 - 4 = 240 |
/// | 2020 | 365 | Wed | 260 + 1 = 261 | 15 | 3 (Tue 29, Wed 30, Thu 31 Dec; 2-3 Jan are Sat, Sun) | 261 - 15 - 3 = 243 |
/// | 2021 | 365 | Thu | 260 + 1 = 261 | 15 | 4 (Wed 29, Thu 30, Fri 31 Dec; Mon 3 Jan) | 261 - 15 - 4 = 242 |
/// | 2022 | 365 | Fri | 260 + 1 = 261 | 15 | 3 (Thu 29, Fri 30 Dec; Tue 3 Jan; Mon 2 Jan is 元日's substitute) | 261 - 15 - 3 = 243 |
/// | 2023 | 366 | Sat | 260 + 0 (Sat 1, Sun 2 Apr) = 260 | 14 | 3 (Fri 29 Dec; Tue 2, Wed 3 Jan) | 260 - 14 - 3 = 243 |
/// | 2024 | 365 | Mon | 260 + 1 = 261 | 14 | 4 (Mon 30, Tue 31 Dec; Thu 2, Fri 3 Jan) | 261 - 14 - 4 = 243 |
///
/// The holidays on weekdays, counted:
/// - FY2019 (18): 29 Apr, 30 Apr (休日), 1 May (accession), 2 May (休日), 3 May, 6 May
///   (substitute), 15 Jul, 12 Aug (substitute), 16 Sep, 23 Sep, 14 Oct, 22 Oct
///   (enthronement), 4 Nov (substitute), 1 Jan, 13 Jan, 11 Feb, 24 Feb (substitute),
///   20 Mar.
/// - FY2020 (15): 29 Apr, 4 May, 5 May, 6 May (substitute), 23 Jul, 24 Jul, 10 Aug,
///   21 Sep, 22 Sep, 3 Nov, 23 Nov, 1 Jan, 11 Jan, 11 Feb, 23 Feb.
/// - FY2021 (15): 29 Apr, 3 May, 4 May, 5 May, 22 Jul, 23 Jul, 9 Aug (substitute),
///   20 Sep, 23 Sep, 3 Nov, 23 Nov, 10 Jan, 11 Feb, 23 Feb, 21 Mar (1 Jan 2022 was a
///   Saturday).
/// - FY2022 (15): 29 Apr, 3 May, 4 May, 5 May, 18 Jul, 11 Aug, 19 Sep, 23 Sep, 10 Oct,
///   3 Nov, 23 Nov, 2 Jan (substitute), 9 Jan, 23 Feb, 21 Mar (11 Feb 2023 was a
///   Saturday).
/// - FY2023 (14): 3 May, 4 May, 5 May, 17 Jul, 11 Aug, 18 Sep, 9 Oct, 3 Nov, 23 Nov,
///   1 Jan, 8 Jan, 12 Feb (substitute), 23 Feb, 20 Mar (29 Apr 2023 was a Saturday,
///   23 Sep a Saturday).
/// - FY2024 (14): 29 Apr, 3 May, 6 May (substitute), 15 Jul, 12 Aug (substitute),
///   16 Sep, 23 Sep (substitute), 14 Oct, 4 Nov (substitute), 1 Jan, 13 Jan, 11 Feb,
///   24 Feb (substitute), 20 Mar.
#[test]
fn jp_gov_business_days_per_fiscal_year_match_the_hand_derivation() {
    let derived = [
        (2019, 366, 262 - 18 - 4, 18 + 4),
        (2020, 365, 261 - 15 - 3, 15 + 3),
        (2021, 365, 261 - 15 - 4, 15 + 4),
        (2022, 365, 261 - 15 - 3, 15 + 3),
        (2023, 366, 260 - 14 - 3, 14 + 3),
        (2024, 365, 261 - 14 - 4, 14 + 4),
    ];
    for (fy, days, business, off) in derived {
        let weekend = days - business - off;
        assert_eq!(
            business_line(&["jp-gov", &fy.to_string(), "--fiscal"]),
            format!(
                "business days: {business} ({days} days, less {weekend} Saturdays and Sundays, less {off} days off on weekdays)"
            ),
            "FY{fy}"
        );
    }
}

/// The same years without the year-end closure (`jp`, national holidays only) have the
/// year-end weekdays back: the closure is what `jp-gov` adds.
#[test]
fn jp_differs_from_jp_gov_by_the_year_end_closure() {
    for (fy, year_end) in [
        (2019, 4),
        (2020, 3),
        (2021, 4),
        (2022, 3),
        (2023, 3),
        (2024, 4),
    ] {
        let count = |name| {
            let line = business_line(&[name, &fy.to_string(), "--fiscal", "jp"]);
            line.split_whitespace()
                .nth(2)
                .unwrap()
                .parse::<u32>()
                .unwrap()
        };
        assert_eq!(count("jp") - count("jp-gov"), year_end, "FY{fy}");
    }
}

/// OPM's list of federal holidays for 2021 (opm.gov/policy-data-oversight/pay-leave/
/// federal-holidays): eleven holidays plus New Year's Day 2022 observed on Friday
/// 31 December 2021; 2021 has 261 weekdays, so 261 - 12 = 249 business days.
#[test]
fn us_federal_2021_lists_the_observed_days() {
    let out = regsim()
        .args(["calendar", "us-federal", "2021"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    for line in [
        "2021-06-18  Fri  Juneteenth National Independence Day (observed)",
        "2021-07-05  Mon  Independence Day (observed)",
        "2021-12-24  Fri  Christmas Day (observed)",
        "2021-12-31  Fri  New Year's Day (observed)",
    ] {
        assert!(text.contains(line), "{line} missing from\n{text}");
    }
    assert!(text.ends_with(
        "business days: 249 (365 days, less 104 Saturdays and Sundays, less 12 days off on weekdays)\n"
    ));
}

/// The US federal fiscal year: FY2025 is 1 October 2024 to 30 September 2025.
#[test]
fn us_fiscal_year_runs_october_to_september() {
    let out = regsim()
        .args(["calendar", "us-federal", "2025", "--fiscal", "us"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("2024-10-01 to 2025-09-30"), "{text}");
    assert!(text.contains("2024-10-14  Mon  Columbus Day"), "{text}");
}

#[test]
fn bad_calendar_names_and_years_are_bad_input() {
    let out = regsim()
        .args(["calendar", "jp-govt", "2024"])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(err.contains("unknown calendar `jp-govt`"), "{err}");
    assert!(err.contains("`jp-gov`"), "{err}");
    regsim()
        .args(["calendar", "uk-england", "1970"])
        .assert()
        .code(2);
    regsim()
        .args(["calendar", "jp", "2024", "--fiscal", "eu"])
        .assert()
        .code(2);
}

/// The EMA calendar says which years it covers, and has weekends only elsewhere.
#[test]
fn eu_ema_is_honest_about_its_years() {
    let out = regsim()
        .args(["calendar", "eu-ema", "2024"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.contains("no days off besides Saturdays and Sundays"),
        "{text}"
    );
    assert!(text.contains("2016/17"), "{text}");
}

/// `--scenario FILE` lists a scenario's custom calendar: jp-gov with 6 January 2025
/// added and 13 January 2025 (成人の日) removed, so FY2024 keeps jp-gov's 243 business
/// days (one weekday off more, one fewer) while the listed days change.
#[test]
fn a_scenarios_custom_calendar_is_listed() {
    let out = regsim()
        .args([
            "calendar",
            "agency",
            "2024",
            "--fiscal",
            "--scenario",
            "tests/data/good/calendars.toml",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with("agency: jp-gov with 1 day(s) off added and 1 removed"),
        "{text}"
    );
    assert!(
        text.contains("2025-01-06  Mon  added in the scenario"),
        "{text}"
    );
    assert!(!text.contains("2025-01-13"), "{text}");
    assert!(text.ends_with(
        "business days: 243 (365 days, less 104 Saturdays and Sundays, less 18 days off on weekdays)\n"
    ));
    let out = regsim()
        .args([
            "calendar",
            "agenc",
            "2024",
            "--scenario",
            "tests/data/good/calendars.toml",
        ])
        .assert()
        .code(2);
    let err = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        err.contains("the custom calendars of tests/data/good/calendars.toml are: agency"),
        "{err}"
    );
}

/// A year past the last date regsim computes once panicked in the equinox formula.
#[test]
fn a_year_past_9999_is_out_of_range_not_a_panic() {
    for name in ["jp", "jp-gov", "us-federal", "uk-england", "eu-ema"] {
        let out = crate::support::regsim()
            .args(["calendar", name, "99999"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert!(
            stderr.starts_with("error: year 99999 is out of range"),
            "{name}: {stderr}"
        );
    }
}
