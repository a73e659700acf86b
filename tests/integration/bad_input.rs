//! The bad-input corpus: every file under tests/data/bad must be rejected by `regsim check`
//! with exit code 2 and exactly this first message, at exactly this line and column.
//! Messages are part of the interface analysts rely on: change them here on purpose only.

use crate::support::regsim;

/// (file stem, "line:column" or "" for a whole-file problem, the error message)
const CORPUS: &[(&str, &str, &str)] = &[
    (
        "queue-pool-undefined",
        "20:8",
        "pool `reviewer` is not defined",
    ),
    (
        "queue-arrivals-without-agency",
        "8:12",
        "`[pathway.arrivals]` needs an [agency] table",
    ),
    (
        "queue-negative-reviewers",
        "10:13",
        "`reviewers` must be a whole number from 0 to 1000000, not -1",
    ),
    (
        "queue-growth-explodes",
        "5:1",
        "the arrivals could reach 56349979879614742528 applications in one replication, more than the 200000 regsim simulates",
    ),
    (
        "queue-years-too-long",
        "6:9",
        "`years` must be more than 0 and at most 40, not 400",
    ),
    (
        "business-days-without-calendar",
        "13:8",
        "business days are counted here, but the scenario has no [calendar] saying which days are holidays",
    ),
    (
        "cycle",
        "13:10",
        "the stages of pathway `p` wait for each other in a cycle: a → b → c → a",
    ),
    (
        "day-of-month-32",
        "8:16",
        "day_of_month must be 1 to 31, or -1 for the last day, not 32",
    ),
    (
        "days-word-unknown",
        "13:8",
        "unknown variant `working`, expected `calendar` or `business`",
    ),
    (
        "duplicate-pathway-id",
        "15:6",
        "pathway id `p` is used twice",
    ),
    (
        "duplicate-stage-id",
        "15:6",
        "stage id `a` is used twice in pathway `p`",
    ),
    (
        "empirical-empty",
        "12:51",
        "empirical `values` is empty; list the observed durations in days, e.g. values = [34, 41, 52]",
    ),
    (
        "foreign-parameter",
        "12:56",
        "a uniform duration has no parameter `mode`",
    ),
    (
        "formula-in-id",
        "10:6",
        "stage id `=HYPERLINK(1)` must start with a letter or digit and contain only letters, digits, `-`, `_` and `.`",
    ),
    (
        "gate-dates-and-day-of-month-without-months",
        "6:6",
        "gate `batch` gives part of a rule but no `months`",
    ),
    (
        "gate-recorded-dates-without-months",
        "6:6",
        "gate `batch` gives part of a rule but no `months`",
    ),
    (
        "gate-weekday-and-day-of-month",
        "9:11",
        "gate `batch` gives both `day_of_month` and `weekday`",
    ),
    (
        "gate-week-6",
        "9:8",
        "week must be 1 to 5, or -1 for the last, not 6",
    ),
    (
        "gate-weekday-unknown",
        "8:11",
        "unknown variant `thurday`, expected one of `monday`, `tuesday`, `wednesday`, `thursday`, `friday`, `saturday`, `sunday`",
    ),
    (
        "gate-weekday-without-week",
        "8:11",
        "gate `batch` gives `weekday` but no `week`",
    ),
    (
        "gate-week-without-weekday",
        "8:8",
        "gate `batch` gives `week` but no `weekday`",
    ),
    (
        "gate-business-days-before-end-16",
        "11:28",
        "business_days_before_end must be 0 to 15, not 16",
    ),
    (
        "gate-business-days-before-end-and-roll",
        "12:23",
        "gate `batch` counts business days, so `if_not_business_day` has nothing to move",
    ),
    (
        "gate-business-days-without-calendar",
        "8:28",
        "business days are counted here, but the scenario has no [calendar] saying which days are holidays",
    ),
    (
        "gate-dates-in-the-past",
        "7:9",
        "gate `council` has no date on or after the submission date 2024-04-01",
    ),
    ("gate-month-13", "7:20", "month 13 does not exist"),
    (
        "gate-rule-empty-months",
        "7:10",
        "gate `batch` has an empty list of months",
    ),
    (
        "iterations-absurd",
        "3:14",
        "iterations must be between 1 and 100000000, not 1000000000000",
    ),
    (
        "iterations-zero",
        "3:14",
        "iterations must be between 1 and 100000000, not 0",
    ),
    (
        "lognormal-half-given",
        "12:29",
        "a lognormal duration needs either `median` and `p90`, or `mu` and `sigma`",
    ),
    (
        "lognormal-p90-not-above-median",
        "12:61",
        "lognormal `p90` (20) must be greater than `median` (30)",
    ),
    (
        "missing-parameter",
        "12:29",
        "a triangular duration needs `mode`",
    ),
    ("missing-title", "1:1", "missing field `title`"),
    (
        "negative-days",
        "12:12",
        "fixed duration `days` (-3) is negative; durations are counted in days and cannot be negative: use 0 or more",
    ),
    ("negative-seed", "3:8", "the seed must not be negative"),
    ("no-pathways", "", "the scenario has no pathway"),
    (
        "normal-zero-sd",
        "12:55",
        "normal `sd` (0) must be greater than 0 days; it is the spread of the durations; for a duration without spread use a fixed duration",
    ),
    ("not-utf8", "7:13", "the file is not UTF-8 text"),
    ("pathway-without-stages", "6:6", "pathway `p` has no stages"),
    (
        "probability-above-one",
        "13:15",
        "probability must be above 0 and at most 1, not 1.5",
    ),
    (
        "probability-zero",
        "13:15",
        "probability must be above 0 and at most 1, not 0",
    ),
    (
        "stage-without-duration",
        "10:6",
        "stage `a` has no duration",
    ),
    (
        "submitted-with-time",
        "3:13",
        "`submitted` must be a date without a time, e.g. 2024-04-01",
    ),
    (
        "target-percentile-above-100",
        "8:37",
        "target percentile must be above 0 and at most 100, not 120",
    ),
    (
        "toml-syntax",
        "13:18",
        "invalid basic string, expected `\"`",
    ),
    (
        "triangular-min-above-max",
        "12:70",
        "triangular `min` (90) must not exceed `max` (60); swap them or correct one of them",
    ),
    (
        "unknown-after",
        "18:10",
        "stage `reveiw` does not exist in pathway `p`",
    ),
    (
        "unknown-clock",
        "11:9",
        "unknown variant `regulater`, expected `regulator` or `applicant`",
    ),
    (
        "unknown-distribution",
        "12:29",
        "unknown distribution `triangle`",
    ),
    (
        "eligibility-unknown-evidence",
        "17:13",
        "evidence `phase-3` is not defined",
    ),
    (
        "evidence-from-without-duration",
        "10:8",
        "evidence `phase3` says where it comes from but not how long obtaining it takes",
    ),
    (
        "evidence-unknown-in-product",
        "15:13",
        "evidence `phase4` is not defined",
    ),
    (
        "follow-up-extension-without-term",
        "12:18",
        "an extension needs a term to extend",
    ),
    (
        "follow-up-probability-above-one",
        "11:15",
        "probability must be above 0 and at most 1, not 80",
    ),
    (
        "no-product-eligible",
        "13:6",
        "no product is eligible for any pathway",
    ),
    (
        "planned-within-without-gate",
        "13:18",
        "`planned_within` needs a gate to plan for",
    ),
    ("product-id-twice", "18:6", "product id `x` is used twice"),
    (
        "product-ready-before-submitted",
        "15:9",
        "product `x` is ready on 2024-01-15, before the scenario's `submitted` (2024-04-01)",
    ),
    (
        "product-type-unknown",
        "14:8",
        "unknown product type `medicine`",
    ),
    (
        "updates-per-year-zero",
        "10:12",
        "`per_year` must be a positive number, not 0",
    ),
    ("unknown-gate", "17:8", "gate `councel` is not defined"),
    (
        "unknown-holiday-calendar",
        "6:12",
        "unknown holiday calendar `jpn`",
    ),
    (
        "unknown-stage-field",
        "12:1",
        "unknown field `duraton`, expected one of `id`, `title`, `title_ja`, `clock`, `duration`, `days`, `after`, `probability`, `gate`, `planned_within`, `duration_months`, `calendar`, `max_days`, `pool`",
    ),
    (
        "unknown-top-level-table",
        "5:2",
        "unknown field `calender`, expected one of `scenario`, `calendar`, `gate`, `pathway`, `evidence`, `product`, `custom_calendar`, `variant`, `agency`",
    ),
    (
        "variant-bad-factor",
        "16:8",
        "variant `faster`: `*fast` is not a valid factor",
    ),
    (
        "variant-bad-value",
        "17:8",
        "variant `longer`: `{ distribution = \"triangular\", min = 60` is not a value",
    ),
    (
        "variant-cycle",
        "21:12",
        "variants are based on each other in a cycle: a → b → a",
    ),
    (
        "variant-id-twice",
        "19:6",
        "variant id `faster` is used twice",
    ),
    (
        "variant-invalid-result",
        "16:8",
        "variant `longer`: triangular `min` (200) must not exceed `max` (150); swap them or correct one of them",
    ),
    (
        "variant-set-without-value",
        "16:8",
        "variant `faster`: `p.review.duration` is not PATH=VALUE",
    ),
    (
        "variant-unknown-base",
        "20:12",
        "variant `fastr` is not defined",
    ),
    (
        "variant-unknown-path",
        "16:8",
        "variant `faster`: `p` has no `reveiw`",
    ),
    ("waits-for-itself", "13:10", "stage `a` waits for itself"),
    (
        "weibull-negative-shape",
        "12:48",
        "weibull `shape` (-1) must be greater than 0; below 1 gives a long tail, 1 is the exponential distribution, above 1 is less skewed; e.g. 1.5",
    ),
    (
        "window-ends-before-it-starts",
        "4:19",
        "`submitted_until` (2024-03-01) comes before `submitted` (2024-04-01)",
    ),
    (
        "stage-calendar-unknown",
        "13:12",
        "unknown calendar `us-federl`",
    ),
    (
        "stage-calendar-without-business-days",
        "12:12",
        "stage `a` names a calendar but counts calendar days",
    ),
    (
        "duration-months-and-duration",
        "13:19",
        "stage `a` gives `duration_months` and also `duration` or `days`",
    ),
    (
        "max-days-on-regulator-clock",
        "13:12",
        "`max_days` caps an applicant's clock stop, but this stage is on the regulator's clock",
    ),
    ("clock-start-month-13", "10:25", "month 13 does not exist"),
    (
        "gate-exception-month-not-in-rule",
        "8:41",
        "gate `batch` has no date in month 11 to move",
    ),
    ("fiscal-year-unknown", "4:15", "unknown fiscal year `eu`"),
    (
        "review-days-from-unknown",
        "12:20",
        "unknown variant `filing`, expected `submission` or `clock-start`",
    ),
    (
        "calendar-before-its-rules",
        "6:12",
        "calendar `us-federal` covers the years from 1971 on, but the scenario starts in 1965",
    ),
    (
        "custom-calendar-unknown-base",
        "7:8",
        "unknown calendar `jp-govt`",
    ),
    (
        "integer-too-large",
        "14:61",
        "this integer is too large: TOML integers go up to 9223372036854775807",
    ),
    (
        "submitted-too-late",
        "5:13",
        "the submission date 9999-12-31 is too late: a date falls after 9999-12-31, the last date regsim can compute",
    ),
    (
        "stage-beyond-horizon",
        "13:12",
        "stage `review` of pathway `p` ends more than 60 years after submission",
    ),
];

/// Bad input that only a command line shows, each once a panic: (arguments, "file" or
/// "file:line:column" after `-->`, the first message).
const COMMAND_LINES: &[(&[&str], &str, &str)] = &[
    // A variant's override that makes a gate run out, found while sampling: the error
    // points at the variant's `set` entry, under `run --variant` and `compare` alike.
    (
        &[
            "run",
            "tests/data/variant-gate-runs-out.toml",
            "--variant",
            "earlier-meeting",
            "-o",
            "{OUT}",
        ],
        "tests/data/variant-gate-runs-out.toml:30:8",
        "variant `earlier-meeting`: stage `council` of pathway `p` was ready on 2024-05-10, after the last date of gate `meeting` (2024-05-01)",
    ),
    (
        &[
            "compare",
            "tests/data/variant-gate-runs-out.toml",
            "-o",
            "{OUT}",
        ],
        "tests/data/variant-gate-runs-out.toml:30:8",
        "variant `earlier-meeting`: stage `council` of pathway `p` was ready on 2024-05-10, after the last date of gate `meeting` (2024-05-01)",
    ),
    (
        &["check", "tests/data/gate-runs-out.toml"],
        "tests/data/gate-runs-out.toml:10:9",
        "stage `council` of pathway `p` was ready on 2024-05-06, after the last date of gate `meeting` (2024-05-01)",
    ),
    (
        &[
            "run",
            "tests/data/bad/integer-too-large.toml",
            "-n",
            "10",
            "--set",
            "seed=3",
            "-o",
            "{OUT}",
        ],
        "tests/data/bad/integer-too-large.toml:14:61",
        "this integer is too large: TOML integers go up to 9223372036854775807",
    ),
    (
        &[
            "check",
            "tests/data/good/tiny.toml",
            "--set",
            "fast.review.duration=900000",
        ],
        "tests/data/good/tiny.toml",
        "--set `fast.review.duration=900000`: stage `review` of pathway `fast` ends more than 60 years after submission",
    ),
    (
        &[
            "date",
            "tests/data/good/tiny.toml",
            "--submitted",
            "9999-12-31",
        ],
        "tests/data/good/tiny.toml",
        "--submitted 9999-12-31 is too late: a date falls after 9999-12-31, the last date regsim can compute",
    ),
    (
        &[
            "date",
            "tests/data/good/tiny.toml",
            "--submitted",
            "+262142-12-31",
        ],
        "tests/data/good/tiny.toml",
        "--submitted +262142-12-31 is too late: a date falls after 9999-12-31, the last date regsim can compute",
    ),
    (
        &[
            "explain",
            "tests/data/bad/stage-beyond-horizon.toml",
            "--at",
            "p80",
            "-n",
            "10",
        ],
        "tests/data/bad/stage-beyond-horizon.toml:13:12",
        "stage `review` of pathway `p` ends more than 60 years after submission",
    ),
];

#[test]
fn bad_command_lines_give_their_message_at_their_place() {
    let out = tempfile::tempdir().unwrap();
    for (args, place, message) in COMMAND_LINES {
        let args: Vec<String> = args
            .iter()
            .map(|a| a.replace("{OUT}", &out.path().to_string_lossy()))
            .collect();
        let output = regsim().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        let first = stderr.lines().next().unwrap_or_default();
        assert_eq!(first, format!("error: {message}"), "{args:?}");
        assert!(
            stderr.contains(&format!("--> {place}\n")),
            "{args:?}: expected --> {place} in\n{stderr}"
        );
        assert!(stderr.contains("= help: "), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

/// A cell wider than the formatter's largest width (65535) once panicked in every
/// terminal table: a stage id of 70000 characters.
#[test]
fn a_very_wide_cell_is_padded() {
    let dir = tempfile::tempdir().unwrap();
    let id = "s".repeat(70_000);
    let text = std::fs::read_to_string(
        crate::support::repo_root().join("tests/data/bad/stage-beyond-horizon.toml"),
    )
    .unwrap()
    .replace("duration = 900000", "duration = 30")
    .replace("id = \"review\"", &format!("id = \"{id}\""));
    let file = dir.path().join("wide.toml");
    std::fs::write(&file, text).unwrap();
    for args in [
        &["explain"][..],
        &["explain", "--at", "p80", "-n", "5"],
        &["date"],
    ] {
        let output = regsim().args(args).arg(&file).output().unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(stdout.contains(&id), "{args:?}");
    }
}

#[test]
fn every_bad_input_gives_its_message_at_its_place() {
    let files = std::fs::read_dir(crate::support::repo_root().join("tests/data/bad"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "toml")
        })
        .count();
    assert_eq!(
        files,
        CORPUS.len(),
        "every corpus file needs its expected message here"
    );
    assert!(CORPUS.len() >= 25);
    for (stem, place, message) in CORPUS {
        let path = format!("tests/data/bad/{stem}.toml");
        let output = regsim().args(["check", &path]).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stem}: {stderr}");
        let first = stderr.lines().next().unwrap_or_default();
        assert_eq!(first, format!("error: {message}"), "{stem}");
        let location = if place.is_empty() {
            path.clone()
        } else {
            format!("{path}:{place}")
        };
        assert!(
            stderr.contains(&format!("--> {location}\n")),
            "{stem}: expected --> {location} in\n{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stem}: {stderr}");
    }
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let output = regsim()
        .args(["check", "tests/data/many-problems.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr.matches("error: ").count(), 4, "{stderr}");
}

#[test]
fn problems_in_several_files_are_all_reported() {
    let output = regsim()
        .args([
            "check",
            "tests/data/bad/cycle.toml",
            "tests/data/bad/unknown-gate.toml",
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("cycle.toml:") && stderr.contains("unknown-gate.toml:"),
        "{stderr}"
    );
}
