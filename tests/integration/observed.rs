//! The shipped observed data (data/observed/) and the routes fitted to it: every row
//! parses, with its dates in order and a source, and every observed duration lies inside
//! its route's simulated P5 to P95. The durations are read from the file, so a row added
//! there is checked here too.

use chrono::NaiveDate;

use crate::support::{col, read_csv, repo_root, run_into_tempdir};

const SPECIAL: &str = "data/observed/japan-special-approvals.csv";
const EMERGENCY: &str = "data/observed/japan-emergency-approvals.csv";

/// One observed application: its id, pathway and days from application to approval.
struct Observation {
    id: String,
    pathway: String,
    days: i64,
}

/// The rows of an observed-data file, each checked: the columns the format names, dates
/// that parse, approval on or after submission, a kind and a source.
fn observations(path: &str) -> Vec<Observation> {
    let (h, rows) = read_csv(&repo_root().join(path));
    for name in [
        "id",
        "pathway",
        "submitted",
        "approved",
        "product",
        "source",
    ] {
        assert!(h.iter().any(|c| c == name), "{path}: no column {name}");
    }
    let date = |row: &[String], name: &str, line: usize| -> NaiveDate {
        let text = col(&h, row, name);
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .unwrap_or_else(|e| panic!("{path}:{line}: {name} {text:?}: {e}"))
    };
    let mut out: Vec<Observation> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let line = i + 2; // the header is line 1
        let (submitted, approved) = (date(row, "submitted", line), date(row, "approved", line));
        assert!(
            submitted <= approved,
            "{path}:{line}: approved {approved} before submitted {submitted}"
        );
        let id = col(&h, row, "id").to_string();
        assert!(!id.is_empty(), "{path}:{line}: no id");
        assert!(
            out.iter().all(|o| o.id != id),
            "{path}:{line}: id {id} twice"
        );
        for name in ["product", "source"] {
            assert!(
                !col(&h, row, name).trim().is_empty(),
                "{path}:{line}: no {name}"
            );
        }
        let source = col(&h, row, "source");
        assert!(
            source.contains("applied:") && source.contains("approved:"),
            "{path}:{line}: the source must name where each date was read"
        );
        out.push(Observation {
            id,
            pathway: col(&h, row, "pathway").to_string(),
            days: (approved - submitted).num_days(),
        });
    }
    out
}

#[test]
fn the_special_approvals_parse_with_dates_in_order_and_sources() {
    let obs = observations(SPECIAL);
    assert!(obs.len() >= 6, "{} rows", obs.len());
    assert!(obs.iter().all(|o| o.pathway == "special"));
    let (h, rows) = read_csv(&repo_root().join(SPECIAL));
    for r in &rows {
        let kind = col(&h, r, "kind");
        assert!(
            ["vaccine", "antibody", "small-molecule"].contains(&kind),
            "{}: kind {kind:?}",
            col(&h, r, "id")
        );
    }
}

/// The checks above refuse an approval before its application: a file with one is
/// caught, naming its line.
#[test]
fn an_approval_before_its_application_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(
        &path,
        "id,pathway,submitted,approved,product,kind,source\n\
         a,special,2022-01-14,2022-02-10,x,small-molecule,applied: s; approved: s\n\
         b,special,2022-02-10,2022-01-14,x,small-molecule,applied: s; approved: s\n",
    )
    .unwrap();
    let err = std::panic::catch_unwind(|| observations(path.to_str().unwrap()))
        .err()
        .expect("the reversed row is refused");
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(msg.contains("bad.csv:3: approved"), "{msg}");
}

/// The observations of `path` that lie outside the shipped `pathway`'s simulated P5 to
/// P95 of review days, with the two percentiles.
fn outside_p5_to_p95(path: &str, pathway: &str) -> (f64, f64, Vec<String>) {
    let out = run_into_tempdir(
        "scenarios/japan/pmd-act-2022.toml",
        &["-n", "20000", "--format", "csv", "--runs"],
    );
    let (h, rows) = read_csv(&out.path().join("runs.csv"));
    let mut days: Vec<f64> = rows
        .iter()
        .filter(|r| col(&h, r, "pathway") == pathway)
        .map(|r| col(&h, r, "review_days").parse().unwrap())
        .collect();
    assert!(!days.is_empty(), "no {pathway} rows in runs.csv");
    days.sort_by(f64::total_cmp);
    let pct = |p: f64| days[((days.len() - 1) as f64 * p / 100.0).round() as usize];
    let (p5, p95) = (pct(5.0), pct(95.0));
    let obs = observations(path);
    assert!(
        obs.iter().all(|o| o.pathway == pathway),
        "{path}: not all {pathway}"
    );
    let outside = obs
        .iter()
        .filter(|o| (o.days as f64) < p5 || (o.days as f64) > p95)
        .map(|o| format!("{} {} days", o.id, o.days))
        .collect();
    (p5, p95, outside)
}

/// Every observed special approval (application to approval) lies inside the shipped
/// special route's simulated P5 to P95.
#[test]
fn every_observed_special_approval_is_inside_p5_to_p95() {
    let (p5, p95, outside) = outside_p5_to_p95(SPECIAL, "special");
    assert!(
        outside.is_empty(),
        "outside P5 {p5} to P95 {p95}: {outside:?}"
    );
}

/// The observed emergency approval (Xocova, from its first filing) parses with its
/// sources and lies inside the shipped emergency route's simulated P5 to P95 (the route
/// is not fitted to it).
#[test]
fn the_observed_emergency_approval_is_inside_p5_to_p95() {
    let obs = observations(EMERGENCY);
    assert!(
        obs.iter().any(|o| o.id == "xocova" && o.days == 270),
        "Xocova's 270 days"
    );
    let (p5, p95, outside) = outside_p5_to_p95(EMERGENCY, "emergency");
    assert!(
        outside.is_empty(),
        "outside P5 {p5} to P95 {p95}: {outside:?}"
    );
}
