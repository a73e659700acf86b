use super::*;
use toml::{Table, Value};

const DOC: &str = r#"
[scenario]
title = "t"
seed = 7
submitted = 2024-04-01

[[gate]]
id = "council"
months = [3, 6, 9, 12]

[[pathway]]
id = "normal"
title = "Normal"
target = { days = 365, percentile = 80 }

[[pathway.stage]]
id = "team-review"
clock = "regulator"
duration = { distribution = "triangular", min = 100, mode = 150, max = 200 }

[[pathway.stage]]
id = "answers"
clock = "applicant"
duration = { distribution = "lognormal", mu = 3.0, sigma = 0.5 }

[[pathway.stage]]
id = "approval"
clock = "regulator"
duration = 21
"#;

fn doc() -> Table {
    toml::from_str(DOC).unwrap()
}

fn set(doc: &mut Table, text: &str) -> Result<(), OverrideError> {
    apply(doc, &Schema::new(), &parse(text).unwrap())
}

fn stage<'a>(doc: &'a Table, id: &str) -> &'a Table {
    doc["pathway"][0]["stage"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"].as_str() == Some(id))
        .unwrap()
        .as_table()
        .unwrap()
}

#[test]
fn values_factors_and_shifts_parse() {
    assert_eq!(parse("a.b=*0.8").unwrap().op, Op::Scale(0.8));
    assert_eq!(parse("a.b=+-10").unwrap().op, Op::Shift(-10.0));
    assert_eq!(parse("a=300").unwrap().op, Op::Set(Value::Integer(300)));
    assert_eq!(
        parse("a=business").unwrap().op,
        Op::Set(Value::String("business".into()))
    );
    assert_eq!(parse("a.b=*0.8").unwrap().path, ["a", "b"]);
    assert!(parse("nothing").is_err());
    assert!(parse("=3").is_err());
    assert!(parse("a..b=3").is_err());
    assert!(parse("a=").is_err());
    assert!(parse("a=*0").is_err());
    assert!(parse("a=*-1").is_err());
    assert!(parse("a=*x").is_err());
    assert!(parse("a=+x").is_err());
    assert!(parse("a=[1,").is_err());
}

#[test]
fn a_factor_scales_every_time_of_a_duration() {
    let mut d = doc();
    set(&mut d, "normal.team-review.duration=*0.8").unwrap();
    let t = &stage(&d, "team-review")["duration"];
    assert_eq!(t["min"].as_integer(), Some(80));
    assert_eq!(t["mode"].as_integer(), Some(120));
    assert_eq!(t["max"].as_integer(), Some(160));
    set(&mut d, "normal.answers.duration=*2").unwrap();
    let t = &stage(&d, "answers")["duration"];
    assert!((t["mu"].as_float().unwrap() - (3.0 + 2f64.ln())).abs() < 1e-12);
    assert_eq!(t["sigma"].as_float(), Some(0.5));
    set(&mut d, "normal.approval.duration=*0.5").unwrap();
    assert_eq!(stage(&d, "approval")["duration"].as_float(), Some(10.5));
}

#[test]
fn a_shift_moves_a_location_and_refuses_a_duration_without_one() {
    let mut d = doc();
    set(&mut d, "normal.team-review.duration=+-10").unwrap();
    let t = &stage(&d, "team-review")["duration"];
    assert_eq!(
        (t["min"].as_integer(), t["max"].as_integer()),
        (Some(90), Some(190))
    );
    let e = set(&mut d, "normal.answers.duration=+5").unwrap_err();
    assert!(e.message.contains("no location"), "{e}");
}

#[test]
fn paths_reach_header_targets_gates_and_new_fields() {
    let mut d = doc();
    set(&mut d, "seed=9").unwrap();
    assert_eq!(d["scenario"]["seed"].as_integer(), Some(9));
    set(&mut d, "scenario.seed=*2").unwrap();
    assert_eq!(d["scenario"]["seed"].as_integer(), Some(18));
    set(&mut d, "normal.target.days=183").unwrap();
    assert_eq!(d["pathway"][0]["target"]["days"].as_integer(), Some(183));
    set(&mut d, "pathway.normal.target.percentile=90").unwrap();
    assert_eq!(
        d["pathway"][0]["target"]["percentile"].as_integer(),
        Some(90)
    );
    set(&mut d, "gate.council.months=[1, 4, 7, 10]").unwrap();
    assert_eq!(d["gate"][0]["months"].as_array().unwrap().len(), 4);
    set(&mut d, "council.months=[2]").unwrap();
    assert_eq!(d["gate"][0]["months"].as_array().unwrap().len(), 1);
    set(&mut d, "normal.answers.probability=0.5").unwrap();
    assert_eq!(stage(&d, "answers")["probability"].as_float(), Some(0.5));
    set(&mut d, "normal.stage.approval.duration=30").unwrap();
    assert_eq!(stage(&d, "approval")["duration"].as_integer(), Some(30));
    set(&mut d, "normal.team-review.duration.max=220").unwrap();
    assert_eq!(
        stage(&d, "team-review")["duration"]["max"].as_integer(),
        Some(220)
    );
}

#[test]
fn an_unknown_path_lists_the_nearest_valid_ones() {
    let mut d = doc();
    let e = set(&mut d, "normal.team-reveiw.duration=*0.8").unwrap_err();
    assert_eq!(e.message, "`normal` has no `team-reveiw`");
    let help = e.help.unwrap();
    assert!(help.contains("`normal.team-review.duration`"), "{help}");
    let e = set(&mut d, "nromal.target.days=1").unwrap_err();
    assert!(e.help.unwrap().contains("`normal.target.days`"));
    let e = set(&mut d, "normal.title.x=1").unwrap_err();
    assert!(e.message.contains("has no field"), "{e}");
    let e = parse("normal.target.days=*x").unwrap_err();
    assert!(e.message.contains("factor"), "{e}");
    let e = set(&mut d, "normal.answers.probability=*0.5").unwrap_err();
    assert!(e.message.contains("not in the file"), "{e}");
    let e = set(&mut d, "variant.faster.set=[]").unwrap_err();
    assert!(e.message.contains("cannot change a variant"), "{e}");
    let e = set(&mut d, "normal.title=*2").unwrap_err();
    assert!(
        e.message.contains("applies to a number or a duration"),
        "{e}"
    );
}
