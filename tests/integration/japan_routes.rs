//! The Japanese routes added for issue 11 against what their sources state: the
//! conditional and time-limited approval of regenerative products (PMD Act Art. 23-26),
//! partial changes and minor-change notifications of drugs, device notification,
//! certification and approval, and the council's deferral on the normal route. Each
//! figure's source is named in the scenario file beside it.

use std::collections::HashMap;
use std::fs;

use crate::support::{col, read_csv, repo_root, run_into_tempdir};

/// summary.csv's header, and its baseline rows by (pathway, metric).
type Summary = (Vec<String>, HashMap<(String, String), Vec<String>>);

/// summary.csv rows by (pathway, metric), products and variants empty.
fn summary(out: &tempfile::TempDir) -> Summary {
    let (h, rows) = read_csv(&out.path().join("summary.csv"));
    let mut map = HashMap::new();
    for r in rows {
        if col(&h, &r, "variant").is_empty() {
            let key = (
                col(&h, &r, "pathway").to_string(),
                col(&h, &r, "metric").to_string(),
            );
            map.insert(key, r);
        }
    }
    (h, map)
}

fn value(s: &Summary, pathway: &str, metric: &str, column: &str) -> f64 {
    let row =
        s.1.get(&(pathway.to_string(), metric.to_string()))
            .unwrap_or_else(|| panic!("no summary row for {pathway}/{metric}"));
    col(&s.0, row, column).parse().unwrap()
}

fn table(path: &str) -> toml::Table {
    fs::read_to_string(repo_root().join(path))
        .unwrap()
        .parse()
        .unwrap()
}

fn pathway<'a>(t: &'a toml::Table, id: &str) -> &'a toml::Value {
    t["pathway"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no pathway {id}"))
}

/// Art. 23-26: a term of at most seven years; the route ends in a full approval (within
/// the term or its extension) or a lapse, and with 0 of 2 concluded cases confirmed the
/// share confirmed stays at the file's marked assumption (0.25), so at least 75% lapse.
#[test]
fn regenerative_conditional_approval_converts_or_lapses_within_its_term() {
    let file = "scenarios/japan/regenerative.toml";
    let t = table(file);
    let follow = &pathway(&t, "regenerative-conditional")["follow_up"];
    let term = follow["term_days"].as_integer().unwrap();
    let extension = follow["extension_days"].as_integer().unwrap();
    assert!(
        term <= 2557,
        "Art. 23-26 allows at most 7 years (2557 days), got {term}"
    );

    let out = run_into_tempdir(file, &["-n", "20000", "--format", "csv"]);
    let (h, rows) = read_csv(&out.path().join("follow_up.csv"));
    let share = |outcome: &str| -> f64 {
        rows.iter()
            .filter(|r| col(&h, r, "variant").is_empty())
            .find(|r| col(&h, r, "outcome") == outcome)
            .map_or(0.0, |r| col(&h, r, "share").parse().unwrap())
    };
    let (within, after_ext, lapsed) = (
        share("second_approval"),
        share("second_approval_after_extension"),
        share("lapsed"),
    );
    assert!(
        (within + after_ext + lapsed - 1.0).abs() < 1e-3,
        "{within} {after_ext} {lapsed}"
    );
    assert!(
        within > 0.0 && lapsed >= 0.74,
        "{within} {after_ext} {lapsed}"
    );

    // Every full approval comes within the term and its extension of the conditional
    // approval: at most the longest first review plus term plus extension.
    let s = summary(&out);
    let first_max = value(&s, "regenerative-conditional", "review_days", "max");
    let second_max = value(
        &s,
        "regenerative-conditional",
        "second_approval_days",
        "max",
    );
    assert!(
        second_max <= first_max + (term + extension) as f64 + 1.0,
        "second approval at {second_max}, first at most {first_max}"
    );
}

/// Collategene's conditional approval 428 days after its application (2018-01-22 to
/// 2019-03-26, regenerative.toml [CG]) is inside the route's P10 to P90. Stemirac's 182
/// days [ST] are not: it was a Sakigake review (6-month target), which this route, a
/// review without the designation, does not describe; its spread starts at Stemirac's
/// 145 days to the council, so the fastest simulated reviews come within a few weeks.
#[test]
fn regenerative_first_reviews_cover_the_record() {
    let out = run_into_tempdir(
        "scenarios/japan/regenerative.toml",
        &["-n", "20000", "--format", "csv"],
    );
    let s = summary(&out);
    let p = |c: &str| value(&s, "regenerative-conditional", "review_days", c);
    assert!(
        p("p10") <= 428.0 && 428.0 <= p("p90"),
        "P10 {} P90 {}",
        p("p10"),
        p("p90")
    );
    assert!(p("min") <= 182.0 + 21.0, "min {}", p("min"));
}

/// A minor change is notified after it is made, with no review: it reaches the market
/// at once. The moderate-change procedure takes 40 business days (MHLW, Sept 2021): at
/// least 8 calendar weeks, at most two weeks more for weekends and holidays. The new
/// indication's standard and priority reviews meet the 12- and 9-month targets at the
/// 80th percentile.
#[test]
fn changes_follow_their_rules() {
    let out = run_into_tempdir(
        "scenarios/japan/changes.toml",
        &["-n", "20000", "--format", "csv"],
    );
    let s = summary(&out);
    assert_eq!(value(&s, "minor-change", "review_days", "max"), 0.0);
    let (lo, hi) = (
        value(&s, "moderate-change", "review_days", "min"),
        value(&s, "moderate-change", "review_days", "max"),
    );
    assert!(
        lo >= 56.0 && hi <= 70.0,
        "moderate change {lo} to {hi} days"
    );
    for (id, target) in [
        ("partial-change-standard", 365.0),
        ("partial-change-priority", 274.0),
    ] {
        let p80 = value(&s, id, "review_days", "p80");
        assert!(
            p80 <= target + 2.0 && p80 >= target - 15.0,
            "{id}: P80 {p80}, target {target}"
        );
        // Reviews are not shortcuts: the median is months, not days.
        assert!(value(&s, id, "review_days", "p50") > 180.0);
    }
}

/// Devices: a Class I notification takes no review; certification by a registered body
/// takes about 3 months, at most 6 (consultancy figures in devices.toml [RCB]); the PMDA
/// routes carry the targets of the 2014 collaboration plan (new 12 months, improved with
/// clinical data 9, without 7, generic 5: Emergo via FDAnews, 16 Nov 2016) and meet them.
#[test]
fn device_routes_follow_their_sources() {
    let file = "scenarios/japan/devices.toml";
    let t = table(file);
    for (id, days) in [
        ("device-new", 365),
        ("device-improved-clinical", 274),
        ("device-improved", 213),
        ("device-generic", 152),
    ] {
        let target = &pathway(&t, id)["target"];
        assert_eq!(target["days"].as_integer(), Some(days), "{id}");
    }
    let out = run_into_tempdir(file, &["-n", "20000", "--format", "csv"]);
    let s = summary(&out);
    assert_eq!(value(&s, "device-notification", "review_days", "max"), 0.0);
    let cert = |c: &str| value(&s, "device-certification", "review_days", c);
    assert!(
        cert("p50") >= 80.0 && cert("p50") <= 120.0,
        "P50 {}",
        cert("p50")
    );
    assert!(cert("max") <= 183.0, "max {}", cert("max"));
    let mut last = 0.0;
    for id in [
        "device-generic",
        "device-improved",
        "device-improved-clinical",
        "device-new",
    ] {
        assert!(
            value(&s, id, "review_days", "target_met_share") >= 0.8,
            "{id}"
        );
        let p50 = value(&s, id, "review_days", "p50");
        assert!(
            p50 > last,
            "{id}: P50 {p50} not above the simpler class's {last}"
        );
        last = p50;
    }
    assert!(cert("p50") < value(&s, "device-generic", "review_days", "p50"));
}

/// The normal route's council defers in the share of reviews the file gives (an
/// assumption, 5%), and a deferred review waits for the next batch after the deferral.
#[test]
fn the_normal_routes_council_sometimes_defers() {
    let file = "scenarios/japan/pmd-act-2022.toml";
    let t = table(file);
    let stages = pathway(&t, "normal")["stage"].as_array().unwrap();
    let deferral = stages
        .iter()
        .find(|s| s["id"].as_str() == Some("council-deferral"))
        .expect("normal has a council-deferral stage");
    let p = deferral["probability"].as_float().unwrap();
    let out = run_into_tempdir(file, &["-n", "20000", "--format", "csv"]);
    let (h, rows) = read_csv(&out.path().join("stages.csv"));
    let ran: f64 = rows
        .iter()
        .find(|r| {
            col(&h, r, "variant").is_empty()
                && col(&h, r, "pathway") == "normal"
                && col(&h, r, "stage") == "council-deferral"
        })
        .map(|r| col(&h, r, "ran_share").parse().unwrap())
        .expect("a stages.csv row for normal/council-deferral");
    assert!(
        (ran - p).abs() < 0.01,
        "deferral ran in {ran}, file says {p}"
    );
    // A deferral delays the approval: with every review deferred (probability set to 1)
    // the mean review is longer by at least a few weeks than with almost none (0.0001: a
    // probability must be above 0).
    let mean_with = |p: &str| -> f64 {
        let set = format!("normal.council-deferral.probability={p}");
        let out = run_into_tempdir(file, &["-n", "5000", "--format", "csv", "--set", &set]);
        value(&summary(&out), "normal", "review_days", "mean")
    };
    let (never, always) = (mean_with("0.0001"), mean_with("1"));
    assert!(
        always > never + 30.0,
        "mean {never} without, {always} with a deferral"
    );
}
