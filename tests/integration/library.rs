//! The pathway library against the public record, and the product decisions of the
//! worked example. Each figure's source is named beside it (all are listed in
//! shared/reference/approval-facts.md).

use std::collections::HashMap;
use std::fs;

use crate::support::{col, read_csv, regsim, repo_root, run_into_tempdir};

/// Days in a month, as the scenario files convert them (365/12).
const MONTH: f64 = 365.0 / 12.0;

/// summary.csv's header, and its rows by (product, pathway, metric).
struct Summary(Vec<String>, HashMap<(String, String, String), Vec<String>>);

/// summary.csv of a run.
fn summary(out: &tempfile::TempDir) -> Summary {
    let (h, rows) = read_csv(&out.path().join("summary.csv"));
    let mut map = HashMap::new();
    for r in rows {
        let key = (
            col(&h, &r, "product").to_string(),
            col(&h, &r, "pathway").to_string(),
            col(&h, &r, "metric").to_string(),
        );
        map.insert(key, r);
    }
    Summary(h, map)
}

fn value(
    Summary(h, map): &Summary,
    product: &str,
    pathway: &str,
    metric: &str,
    column: &str,
) -> f64 {
    let row = map
        .get(&(product.into(), pathway.into(), metric.into()))
        .unwrap_or_else(|| panic!("no summary row for {product}/{pathway}/{metric}"));
    col(h, row, column).parse().unwrap()
}

/// PMDA's achieved total review time in FY2018, at the 80th percentile: standard 11.9
/// months, priority 8.6 months (yakuji.co.jp/entry72660.html); the standard target is 12
/// months at the 80th percentile (MHLW, 5th mid-term plan, 21 Mar 2024). The scenario
/// calibrates one speed factor per route to these (its header says so): this test keeps
/// the calibration from drifting when the engine or the file changes.
#[test]
fn japanese_normal_and_priority_reviews_match_fy2018() {
    let out = run_into_tempdir("scenarios/japan/pmd-act-2022.toml", &["--format", "csv"]);
    let s = summary(&out);
    let normal = value(&s, "", "normal", "review_days", "p80") / MONTH;
    assert!(
        (normal - 11.9).abs() <= 0.2 && normal <= 12.0,
        "normal P80 {normal:.2} months"
    );
    let priority = value(&s, "", "priority", "review_days", "p80") / MONTH;
    assert!(
        (priority - 8.6).abs() <= 0.2,
        "priority P80 {priority:.2} months"
    );
    // The standard target is met: 80% of reviews within 365 days.
    assert!(value(&s, "", "normal", "review_days", "target_met_share") >= 0.8);
}

/// Xocova's emergency approval, 270 days from its first filing (DIA Global Forum, Sept
/// 2022; jiji, 22 Nov 2022), falls inside the emergency route's P5 to P95. (The special
/// approvals are checked against data/observed/ in observed.rs.)
#[test]
fn observed_emergency_approval_is_inside_p5_to_p95() {
    let out = run_into_tempdir(
        "scenarios/japan/pmd-act-2022.toml",
        &["-n", "20000", "--format", "csv", "--runs"],
    );
    let (h, rows) = read_csv(&out.path().join("runs.csv"));
    let mut emergency: Vec<f64> = rows
        .iter()
        .filter(|r| col(&h, r, "pathway") == "emergency")
        .map(|r| col(&h, r, "review_days").parse().unwrap())
        .collect();
    emergency.sort_by(f64::total_cmp);
    let pct = |v: &[f64], p: f64| v[((v.len() - 1) as f64 * p / 100.0).round() as usize];
    assert!(
        pct(&emergency, 5.0) <= 270.0 && 270.0 <= pct(&emergency, 95.0),
        "emergency: P5 {} P95 {}",
        pct(&emergency, 5.0),
        pct(&emergency, 95.0)
    );
}

/// Every route the library promises has its rows in summary.csv.
#[test]
fn every_route_has_summary_rows() {
    for (file, ids) in [
        (
            "scenarios/japan/pmd-act-2022.toml",
            &[
                "normal",
                "priority",
                "sakigake",
                "conditional",
                "special",
                "emergency",
            ][..],
        ),
        (
            "scenarios/japan/samd.toml",
            &[
                "samd-standard",
                "samd-priority",
                "samd-two-step",
                "samd-change-plan",
            ][..],
        ),
        (
            "scenarios/us/fda.toml",
            &[
                "fda-standard",
                "fda-priority",
                "fda-standard-non-nme",
                "fda-priority-non-nme",
                "fda-eua",
                "fda-510k",
                "fda-de-novo",
                "fda-pma",
            ][..],
        ),
        (
            "scenarios/eu/ema.toml",
            &["ema-standard", "ema-accelerated", "ema-conditional"][..],
        ),
        (
            "scenarios/uk/mhra.toml",
            &[
                "mhra-national",
                "mhra-national-210",
                "mhra-backlog-2023",
                "mhra-irp-a",
                "mhra-irp-b",
            ][..],
        ),
    ] {
        let out = run_into_tempdir(file, &["-n", "2000", "--format", "csv"]);
        let s = summary(&out);
        for id in ids {
            for metric in [
                "review_days",
                "time_to_approval_days",
                "regulator_days",
                "applicant_days",
            ] {
                assert!(
                    s.1.contains_key(&(String::new(), id.to_string(), metric.to_string())),
                    "{file}: no {metric} row for {id}"
                );
            }
        }
    }
}

/// The emergency approval's term (2 years, extendable once by 1: PMD Act Art. 14-2-2)
/// ends in a full approval or a lapse; the two-step SaMD reports its second approval;
/// IDATEN updates reach the market sooner than partial-change reviews.
#[test]
fn what_follows_approval_is_reported() {
    let out = run_into_tempdir(
        "scenarios/japan/pmd-act-2022.toml",
        &["-n", "20000", "--format", "csv"],
    );
    let (h, rows) = read_csv(&out.path().join("follow_up.csv"));
    let share = |pathway: &str, outcome: &str| -> f64 {
        let r = rows
            .iter()
            .find(|r| col(&h, r, "pathway") == pathway && col(&h, r, "outcome") == outcome)
            .unwrap_or_else(|| panic!("no {pathway}/{outcome} row"));
        col(&h, r, "share").parse().unwrap()
    };
    let shares = [
        share("emergency", "second_approval"),
        share("emergency", "second_approval_after_extension"),
        share("emergency", "lapsed"),
    ];
    assert!(
        (shares.iter().sum::<f64>() - 1.0).abs() < 1e-3,
        "{shares:?}"
    );
    assert!(shares.iter().all(|&s| s > 0.0), "{shares:?}");
    // The conditional approval reports its confirmatory obligation.
    assert!(share("conditional", "second_approval") > 0.99);

    let out = run_into_tempdir(
        "scenarios/japan/samd.toml",
        &["-n", "20000", "--format", "csv"],
    );
    let s = summary(&out);
    let first = value(&s, "", "samd-two-step", "review_days", "p50");
    let second = value(&s, "", "samd-two-step", "second_approval_days", "p50");
    assert!(
        second > first,
        "second approval {second} after first {first}"
    );
    let queued = value(&s, "", "samd-standard", "update_days", "p50");
    let planned = value(&s, "", "samd-change-plan", "update_days", "p50");
    assert!(
        planned < queued,
        "with a change plan {planned}, without {queued}"
    );
}

/// `regsim explain` on the worked example prints, for each product, every pathway with
/// eligible yes or no and the reason.
#[test]
fn explain_shows_each_products_decisions() {
    let out = regsim()
        .args(["explain", "scenarios/japan/covid-2022.toml"])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let decisions: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("Which pathways"))
        .take_while(|l| !l.starts_with("normal — "))
        .collect();
    let find = |product: &str, pathway: &str| -> String {
        let start = decisions
            .iter()
            .position(|l| l.starts_with(&format!("{product} — ")))
            .unwrap_or_else(|| panic!("no product {product}"));
        decisions[start + 1..]
            .iter()
            .take_while(|l| l.starts_with("  "))
            .find(|l| l.split_whitespace().next() == Some(pathway))
            .unwrap_or_else(|| panic!("no {pathway} line for {product}"))
            .to_string()
    };
    let cases = [
        (
            "antiviral",
            "emergency",
            "yes",
            "a health emergency is declared",
        ),
        (
            "antiviral",
            "special",
            "no",
            "needs prior approval in a country with an equivalent system",
        ),
        (
            "antiviral",
            "normal",
            "yes",
            "obtains phase3 from its phase2 first",
        ),
        (
            "vaccine",
            "special",
            "yes",
            "approved in a country with an equivalent system",
        ),
        (
            "vaccine",
            "conditional",
            "no",
            "needs a designation: conditional-early",
        ),
        (
            "ai-imaging",
            "samd-two-step",
            "yes",
            "has performance evidence",
        ),
        (
            "ai-imaging",
            "samd-standard",
            "no",
            "needs clinical evidence",
        ),
        (
            "ai-imaging",
            "emergency",
            "no",
            "takes drug, vaccine, antibody products, not a samd",
        ),
    ];
    for (product, pathway, eligible, reason) in cases {
        let line = find(product, pathway);
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(words[1], eligible, "{line}");
        assert!(line.contains(reason), "{line}");
    }
}

/// A product that must run a phase III trial before the normal route is compared from
/// the day it is ready: its time to approval includes the trial, its review does not.
#[test]
fn time_to_approval_counts_the_evidence_gap() {
    let out = run_into_tempdir(
        "scenarios/japan/covid-2022.toml",
        &["-n", "5000", "--format", "csv"],
    );
    let s = summary(&out);
    let review = value(&s, "antiviral", "normal", "review_days", "p50");
    let total = value(&s, "antiviral", "normal", "time_to_approval_days", "p50");
    // The trial is uniform over 1 to 4 years ([FDA3] in the file): at least 365 days more.
    assert!(total >= review + 365.0, "review {review}, total {total}");
    // Without a gap the two are the same.
    let special_review = value(&s, "vaccine", "special", "review_days", "p50");
    let special_total = value(&s, "vaccine", "special", "time_to_approval_days", "p50");
    assert_eq!(special_review, special_total);
    // Only eligible routes are simulated.
    assert!(
        !s.1.keys()
            .any(|(p, w, _)| p == "antiviral" && w == "special")
    );
    let (h, rows) = read_csv(&out.path().join("eligibility.csv"));
    assert_eq!(rows.len(), 3 * 6, "three products by six pathways");
    assert!(rows.iter().any(|r| col(&h, r, "product") == "antiviral"
        && col(&h, r, "pathway") == "normal"
        && col(&h, r, "evidence_to_obtain") == "phase3"));
}

/// covid-2022.toml copies its pathways from pmd-act-2022.toml and samd.toml: the copies
/// must stay the same tables, so that a change to a source is not silently left out.
#[test]
fn the_worked_example_copies_its_pathways_faithfully() {
    let read = |path: &str| -> toml::Table {
        fs::read_to_string(repo_root().join(path))
            .unwrap()
            .parse()
            .unwrap()
    };
    let pathways = |t: &toml::Table| -> HashMap<String, toml::Value> {
        t["pathway"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["id"].as_str().unwrap().to_string(), p.clone()))
            .collect()
    };
    let example = pathways(&read("scenarios/japan/covid-2022.toml"));
    let mut sources = pathways(&read("scenarios/japan/pmd-act-2022.toml"));
    sources.extend(pathways(&read("scenarios/japan/samd.toml")));
    assert!(example.len() >= 4);
    for (id, p) in &example {
        assert_eq!(
            Some(p),
            sources.get(id),
            "pathway {id} differs from its source"
        );
    }
}
