//! Hand-built models for the chart tests.

use crate::engine::monte_carlo::MonteCarlo;
use crate::engine::results::RunResults;
use crate::engine::schedule::{Draws, PathwayTimes, run_pathway};
use crate::model::calendar::HolidaySet;
use crate::model::duration::Duration;
use crate::model::testing::date;
use crate::model::{Clock, DayCount, Gate, Model, Pathway, Stage, Target, TargetClock};

/// A stage on calendar days that always happens.
pub fn stage(title: &str, clock: Clock, duration: Duration, after: &[usize]) -> Stage {
    Stage {
        id: title.to_lowercase().replace(' ', "_"),
        title: title.to_string(),
        clock,
        duration: Some(duration),
        days: DayCount::Calendar,
        after: after.to_vec(),
        probability: 1.0,
        gate: None,
        planned_within: None,
        calendar: None,
        max_days: None,
    }
}

fn tri(min: f64, mode: f64, max: f64) -> Duration {
    Duration::Triangular { min, mode, max }
}

fn fixed(days: f64) -> Duration {
    Duration::Fixed { days }
}

/// A target on the total clock.
pub fn target(percentile: f64, days: f64) -> Option<Target> {
    Some(Target {
        days,
        percentile,
        clock: TargetClock::Total,
    })
}

/// A model submitted on 2024-04-01 with no holidays, and a quarterly council (first
/// business day of March, June, September and December) as gate 0.
pub fn model(title: &str, pathways: Vec<Pathway>) -> Model {
    let submitted = date(2024, 4, 1);
    let mut model = crate::model::testing::model(submitted, HolidaySet::None, Vec::new(), pathways);
    model.title = title.to_string();
    let bd = &model.business_days;
    let council = (2024..2040)
        .flat_map(|year| [3, 6, 9, 12].map(|month| date(year, month, 1)))
        .filter_map(|first| bd.next_business_day(bd.offset_of(first)))
        .collect();
    model
        .gates
        .push(Gate::new("council".into(), "Council".into(), council));
    model
}

/// The twelve-stage Japanese standard review of workload W1 (shared/bench/W1.md),
/// with its business days counted as calendar days.
pub fn standard_review(id: &str, title: &str) -> Pathway {
    use Clock::{Applicant, Regulator};
    let mut stages = vec![
        stage("Acceptance", Regulator, fixed(14.0), &[]),
        stage("First team review", Regulator, tri(60.0, 90.0, 150.0), &[0]),
        stage(
            "Inquiry response",
            Applicant,
            Duration::lognormal_from_median_p90(30.0, 75.0),
            &[1],
        ),
        stage("Second team review", Regulator, tri(30.0, 45.0, 90.0), &[2]),
        stage(
            "Second inquiry round",
            Applicant,
            Duration::lognormal_from_median_p90(20.0, 50.0),
            &[3],
        ),
        stage("GMP inspection", Regulator, tri(60.0, 90.0, 180.0), &[0]),
        stage("GCP inspection", Regulator, tri(30.0, 45.0, 75.0), &[0]),
        stage("Expert discussion", Regulator, tri(14.0, 21.0, 35.0), &[4]),
        stage("Review report", Regulator, tri(10.0, 15.0, 30.0), &[7]),
        stage("Council", Regulator, fixed(0.0), &[5, 6, 8]),
        stage("Council report", Regulator, fixed(14.0), &[9]),
        stage("Approval", Regulator, tri(7.0, 14.0, 30.0), &[10]),
    ];
    stages[4].probability = 0.6;
    stages[8].days = DayCount::Business;
    stages[9].duration = None;
    stages[9].gate = Some(0);
    Pathway {
        kind: "normal".to_string(),
        target: target(80.0, 365.0),
        ..crate::model::testing::pathway(id, title, stages)
    }
}

/// A short priority review with an unlikely amendment (absent from the median
/// schedule).
pub fn priority_review() -> Pathway {
    use Clock::{Applicant, Regulator};
    let mut stages = vec![
        stage("Acceptance", Regulator, fixed(7.0), &[]),
        stage("Team review", Regulator, tri(60.0, 80.0, 140.0), &[0]),
        stage("Inquiry response", Applicant, tri(10.0, 20.0, 60.0), &[1]),
        stage("Major amendment", Applicant, tri(30.0, 60.0, 120.0), &[2]),
        stage("Review report", Regulator, tri(14.0, 21.0, 40.0), &[3]),
        stage("Approval", Regulator, tri(7.0, 14.0, 30.0), &[4]),
    ];
    stages[3].probability = 0.3;
    Pathway {
        kind: "priority".to_string(),
        target: target(80.0, 270.0),
        ..crate::model::testing::pathway("priority", "Priority review", stages)
    }
}

/// Special approval with fixed durations: every iteration gives the same day.
pub fn emergency_fixed() -> Pathway {
    use Clock::{Applicant, Regulator};
    Pathway {
        kind: "emergency".to_string(),
        target: None,
        ..crate::model::testing::pathway(
            "emergency",
            "Special approval (emergency)",
            vec![
                stage("Rolling review", Regulator, fixed(21.0), &[]),
                stage("Data submission", Applicant, fixed(7.0), &[0]),
                stage("Decision", Regulator, fixed(5.0), &[1]),
            ],
        )
    }
}

/// The median schedules and a Monte Carlo run of `iterations`.
pub fn run(model: &Model, iterations: u64) -> (Vec<PathwayTimes>, RunResults) {
    let schedules = model
        .pathways
        .iter()
        .map(|p| {
            let mut times = PathwayTimes::default();
            run_pathway(model, p, Draws::Median, &mut times).unwrap();
            times
        })
        .collect();
    let results = MonteCarlo {
        iterations,
        seed: 1,
        keep_rows: false,
    }
    .run(model, |_| Ok::<(), ()>(()), |_| {})
    .unwrap();
    (schedules, results)
}

/// Three pathways: standard (gated, probabilistic stage), priority, fixed emergency.
pub fn three_pathways() -> Model {
    model(
        "New drug approval in Japan: standard, priority and emergency routes",
        vec![
            standard_review("normal", "Normal approval (standard review)"),
            priority_review(),
            emergency_fixed(),
        ],
    )
}

/// Eight standard reviews with different titles.
pub fn eight_pathways() -> Model {
    let titles = [
        "Normal approval",
        "Priority review",
        "Sakigake designation",
        "Conditional early approval",
        "Special approval",
        "SaMD standard review",
        "SaMD two-step approval",
        "FDA standard review (for comparison)",
    ];
    let pathways = titles
        .iter()
        .enumerate()
        .map(|(i, t)| standard_review(&format!("p{i}"), t))
        .collect();
    model("Eight pathways side by side", pathways)
}

/// Titles far too long for their places.
pub fn long_titles() -> Model {
    let mut model = three_pathways();
    model.title = "A very long scenario title that goes on and on about approval \
                   pathways, review clocks, inquiry rounds, council meetings and gates, \
                   well beyond what fits on two lines of a slide title at this size"
        .to_string();
    model.pathways[0].title = "Normal approval of new active ingredients under the \
                               standard review process, including orphan drugs"
        .to_string();
    model.pathways[1].stages[1].title = "Team review by the Office of New Drugs with \
                                          the expert reviewers of the agency"
        .to_string();
    model.pathways.truncate(2);
    model.pathways[0].stages.truncate(5);
    model
}

/// A Japanese title and pathway titles, and one long pathway title.
pub fn japanese() -> Model {
    let mut normal = standard_review("normal", "通常承認");
    normal.stages.truncate(4);
    let mut priority = priority_review();
    priority.title = "優先審査（希少疾病用医薬品・先駆け審査指定制度の対象品目を含む）".to_string();
    model(
        "新医薬品の承認審査期間：通常承認と優先審査",
        vec![normal, priority],
    )
}
