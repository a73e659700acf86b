//! Overrides: `PATH=VALUE`, the one grammar of the command line's `--set` and of a
//! variant's `set = [...]` in a scenario file.
//!
//! An override is applied to the scenario file's parsed TOML document, before
//! validation, so that an overridden scenario is validated exactly like a file written
//! by hand: an override can make no value that a file could not hold.
//!
//! - PATH names a field by ids, dot-separated: `normal.team-review.duration` (pathway,
//!   stage, field), `normal.target.days`, `special.eligibility.approved_overseas`,
//!   `seed` or `iterations` (the `[scenario]` header; `scenario.seed` also works),
//!   `gate.council.months`, `product.antiviral.evidence`, `evidence.phase3.duration`,
//!   `calendar.holidays`. A segment names a field of a table, or the id of an element
//!   of one of its arrays of tables (`[[pathway]]`, `[[pathway.stage]]`, `[[gate]]`,
//!   `[[product]]`, `[[evidence]]`); the words `pathway`, `gate`, `product` and
//!   `evidence` may be written before an id to be explicit. A field that the file
//!   leaves out but the format knows (a stage's `probability`) is added.
//! - VALUE is a TOML value (`0.8`, `"business"`, `[3, 9]`, `{ distribution = "fixed",
//!   days = 30 }`, `2025-01-15`; a bare word is taken as a string), `*F` to multiply by
//!   F > 0, or `+D` to add D days (`+-10` subtracts). On a duration, `*F` scales every
//!   parameter that is a time and `+D` shifts its location, as [`scale_duration`] and
//!   [`shift_duration`] say (the table is in docs/what-if.md).

use std::fmt;

use serde_json::Value as Json;
use toml::{Table, Value};

use crate::diagnostic::edit_distance;

/// One `PATH=VALUE`, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Override {
    /// The text as given, e.g. `normal.team-review.duration=*0.8`.
    pub text: String,
    /// The path's segments, split at dots (ids containing dots are matched whole).
    pub path: Vec<String>,
    /// What to do there.
    pub op: Op,
}

/// What an override does to the value at its path.
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// Replace it (or add it) with this value.
    Set(Value),
    /// `*F`: multiply a number, scale a duration's times.
    Scale(f64),
    /// `+D`: add days to a number, shift a duration's location.
    Shift(f64),
}

/// Why an override cannot be parsed or applied: what is wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OverrideError {
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl OverrideError {
    fn new(message: impl Into<String>, help: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            help: Some(help.into()),
        }
    }
}

impl fmt::Display for OverrideError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The words that may come before an id at the top of a path.
const ID_ARRAYS: [&str; 5] = ["pathway", "gate", "product", "evidence", "custom_calendar"];

/// Parses `PATH=VALUE`.
pub fn parse(text: &str) -> Result<Override, OverrideError> {
    let example = "e.g. normal.team-review.duration=*0.8 or normal.target.days=300";
    let Some((path, value)) = text.split_once('=') else {
        return Err(OverrideError::new(
            format!("`{text}` is not PATH=VALUE"),
            format!("write the field's path, `=`, then its new value, {example}"),
        ));
    };
    let path = path.trim();
    let value = value.trim();
    let segments: Vec<String> = path.split('.').map(|s| s.trim().to_string()).collect();
    if path.is_empty() || segments.iter().any(String::is_empty) {
        return Err(OverrideError::new(
            format!("`{text}` has no valid path before `=`"),
            format!("name the field by ids separated by dots, {example}"),
        ));
    }
    if value.is_empty() {
        return Err(OverrideError::new(
            format!("`{text}` has no value after `=`"),
            format!("give the new value, `*factor` or `+days`, {example}"),
        ));
    }
    let op = parse_value(value)?;
    Ok(Override {
        text: text.to_string(),
        path: segments,
        op,
    })
}

/// Parses the part after `=`: `*F`, `+D` or a TOML value.
pub fn parse_value(value: &str) -> Result<Op, OverrideError> {
    if let Some(f) = value.strip_prefix('*') {
        return match f.trim().parse::<f64>() {
            Ok(f) if f.is_finite() && f > 0.0 => Ok(Op::Scale(f)),
            _ => Err(OverrideError::new(
                format!("`*{f}` is not a valid factor"),
                "a factor is a positive number: *0.8 makes a duration 20% shorter, *1.5 half as long again",
            )),
        };
    }
    if let Some(d) = value.strip_prefix('+') {
        return match d.trim().parse::<f64>() {
            Ok(d) if d.is_finite() => Ok(Op::Shift(d)),
            _ => Err(OverrideError::new(
                format!("`+{d}` is not a valid number of days to add"),
                "write +30 to add 30 days, +-30 to take 30 days off",
            )),
        };
    }
    match toml::from_str::<Table>(&format!("v = {value}")) {
        Ok(mut t) => Ok(Op::Set(t.remove("v").expect("the key just parsed"))),
        Err(_) if is_bare_word(value) => Ok(Op::Set(Value::String(value.to_string()))),
        Err(_) => Err(OverrideError::new(
            format!("`{value}` is not a value"),
            "write a TOML value: a number (0.8), a word or \"quoted text\", a date (2025-01-15), \
             a list ([3, 9]) or a table ({ distribution = \"fixed\", days = 30 }); or *factor, +days",
        )),
    }
}

/// A word an analyst would not think of quoting: `business`, `jp`, `phase3`.
fn is_bare_word(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphabetic)
        && s.chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
}

/// The scenario format's JSON Schema, walked beside the document to know which fields a
/// table may have (so an override can add one the file leaves out).
pub struct Schema {
    root: Json,
}

impl Default for Schema {
    fn default() -> Self {
        Self::new()
    }
}

impl Schema {
    /// The schema of [`crate::scenario::raw::RawScenario`].
    pub fn new() -> Self {
        let root = serde_json::to_value(schemars::schema_for!(crate::scenario::raw::RawScenario))
            .expect("a schema serialises");
        Self { root }
    }

    /// Follows `$ref`, and picks the object alternative of `anyOf`/`oneOf` (an
    /// optional table, a duration that may be a number or a table).
    fn resolve<'a>(&'a self, mut node: &'a Json) -> &'a Json {
        for _ in 0..8 {
            if let Some(r) = node.get("$ref").and_then(Json::as_str) {
                let name = r.rsplit('/').next().unwrap_or_default();
                match self.root.get("$defs").and_then(|d| d.get(name)) {
                    Some(n) => node = n,
                    None => return node,
                }
            } else if let Some(alts) = node
                .get("anyOf")
                .or_else(|| node.get("oneOf"))
                .and_then(Json::as_array)
            {
                match alts.iter().find(|a| {
                    a.get("type") != Some(&Json::from("null"))
                        && (a.get("$ref").is_some()
                            || a.get("properties").is_some()
                            || a.get("items").is_some())
                }) {
                    Some(a) => node = a,
                    None => return node,
                }
            } else {
                return node;
            }
        }
        node
    }

    fn property<'a>(&'a self, node: &'a Json, name: &str) -> Option<&'a Json> {
        self.resolve(node).get("properties")?.get(name)
    }

    fn property_names<'a>(&'a self, node: &'a Json) -> Vec<&'a str> {
        self.resolve(node)
            .get("properties")
            .and_then(Json::as_object)
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    fn items<'a>(&'a self, node: &'a Json) -> Option<&'a Json> {
        self.resolve(node).get("items")
    }
}

/// Applies `o` to the document `doc`.
pub fn apply(doc: &mut Table, schema: &Schema, o: &Override) -> Result<(), OverrideError> {
    let mut node = &schema.root;
    let mut table: &mut Table = doc;
    let mut walked: Vec<String> = Vec::new();
    let mut rest: &[String] = &o.path;
    if rest[0] == "variant" {
        return Err(OverrideError::new(
            "an override cannot change a variant",
            "edit the [[variant]] in the file, or give its overrides with --set",
        ));
    }
    // A header field may be named without `scenario.`.
    if !table.contains_key(&rest[0])
        && rest[0] != "scenario"
        && schema
            .property(&schema.root, "scenario")
            .is_some_and(|h| schema.property_names(h).contains(&rest[0].as_str()))
    {
        table = table
            .get_mut("scenario")
            .and_then(Value::as_table_mut)
            .ok_or_else(|| OverrideError::new("the scenario has no [scenario] table", "add one"))?;
        node = schema.property(&schema.root, "scenario").expect("checked");
        walked.push("scenario".into());
    }
    loop {
        // The longest run of segments naming a field here, then an id.
        let found = (1..=rest.len()).rev().find_map(|k| {
            let name = rest[..k].join(".");
            if table.contains_key(&name) {
                Some((k, name, Found::Key))
            } else {
                id_owner(table, &name).map(|array| (k, name, Found::Id(array)))
            }
        });
        let (k, name, how) = match found {
            Some(f) => f,
            None if schema.property(node, &rest[0]).is_some() => {
                (1, rest[0].clone(), Found::NewKey)
            }
            None => return Err(unknown(table, schema, node, &walked, rest)),
        };
        let last = k == rest.len();
        match how {
            Found::Key | Found::NewKey => {
                let child_node = schema.property(node, &name).unwrap_or(&Json::Null);
                if matches!(how, Found::NewKey) {
                    if last {
                        let Op::Set(v) = &o.op else {
                            return Err(OverrideError::new(
                                format!(
                                    "`{}` is not in the file, so there is nothing to multiply or add to",
                                    show(&walked, &name)
                                ),
                                "set it to a value instead, e.g. PATH=0.5",
                            ));
                        };
                        table.insert(name, v.clone());
                        return Ok(());
                    }
                    table.insert(name.clone(), Value::Table(Table::new()));
                }
                let value = table.get_mut(&name).expect("present or just added");
                walked.push(name.clone());
                if last {
                    return apply_op(value, &o.op, &walked.join("."));
                }
                rest = &rest[k..];
                let desc = describe(value);
                let id_array = value.as_array().is_some_and(|items| {
                    items
                        .iter()
                        .all(|i| i.as_table().is_some_and(|t| t.contains_key("id")))
                });
                match value {
                    Value::Table(t) => {
                        table = t;
                        node = child_node;
                    }
                    Value::Array(items) if id_array => {
                        // `pathway.normal`: the next segments are an id in this array.
                        let item_node = schema.items(child_node).unwrap_or(&Json::Null);
                        let (k, t) = (1..=rest.len())
                            .rev()
                            .find_map(|k| {
                                let id = rest[..k].join(".");
                                items
                                    .iter()
                                    .position(|i| i.get("id").and_then(Value::as_str) == Some(&id))
                                    .map(|p| (k, p))
                            })
                            .ok_or_else(|| {
                                let ids: Vec<&str> = items
                                    .iter()
                                    .filter_map(|i| i.get("id").and_then(Value::as_str))
                                    .collect();
                                OverrideError::new(
                                    format!(
                                        "`{}` has no element with id `{}`",
                                        walked.join("."),
                                        rest[0]
                                    ),
                                    nearest_help(
                                        &rest[0],
                                        ids.iter().map(|i| i.to_string()),
                                        &walked,
                                        &rest[1..],
                                    ),
                                )
                            })?;
                        walked.push(rest[..k].join("."));
                        rest = &rest[k..];
                        let Value::Table(tt) = &mut items[t] else {
                            unreachable!("checked")
                        };
                        if rest.is_empty() {
                            return apply_op_table(tt, &o.op, &walked.join("."));
                        }
                        table = tt;
                        node = item_node;
                    }
                    _ => {
                        return Err(OverrideError::new(
                            format!(
                                "`{}` is {}, it has no field `{}`",
                                walked.join("."),
                                desc,
                                rest.join(".")
                            ),
                            format!("set `{}` as a whole", walked.join(".")),
                        ));
                    }
                }
            }
            Found::Id(array) => {
                let item_node = schema
                    .property(node, array)
                    .and_then(|a| schema.items(a))
                    .unwrap_or(&Json::Null);
                let items = table
                    .get_mut(array)
                    .and_then(Value::as_array_mut)
                    .expect("id_owner found it");
                let t = items
                    .iter_mut()
                    .filter_map(Value::as_table_mut)
                    .find(|t| t.get("id").and_then(Value::as_str) == Some(name.as_str()))
                    .expect("id_owner found it");
                walked.push(name);
                rest = &rest[k..];
                if last {
                    return apply_op_table(t, &o.op, &walked.join("."));
                }
                table = t;
                node = item_node;
            }
        }
    }
}

enum Found {
    /// A field of the table.
    Key,
    /// A field the format knows but the file leaves out.
    NewKey,
    /// An element, by id, of the named array of tables.
    Id(&'static str),
}

/// Which array of tables of `table` has an element with this id: `pathway`, `stage`,
/// `gate`, `product` or `evidence`. Pathways first, so that a bare id names a pathway
/// when a gate happens to share it.
fn id_owner(table: &Table, id: &str) -> Option<&'static str> {
    [
        "pathway",
        "stage",
        "gate",
        "product",
        "evidence",
        "custom_calendar",
    ]
    .into_iter()
    .find(|array| {
        table
            .get(*array)
            .and_then(Value::as_array)
            .is_some_and(|items| {
                items
                    .iter()
                    .any(|i| i.get("id").and_then(Value::as_str) == Some(id))
            })
    })
}

fn show(walked: &[String], name: &str) -> String {
    let mut p = walked.to_vec();
    p.push(name.to_string());
    p.join(".")
}

/// The error for a segment that names nothing: the nearest names at that level.
fn unknown(
    table: &Table,
    schema: &Schema,
    node: &Json,
    walked: &[String],
    rest: &[String],
) -> OverrideError {
    // (name, whether it can have fields of its own): with more of the path to come,
    // only those are suggested.
    let mut names: Vec<(String, bool)> = Vec::new();
    for (key, value) in table {
        if key == "variant" {
            continue;
        }
        match value {
            Value::Array(items) if items.iter().any(|i| i.get("id").is_some()) => {
                names.extend(
                    items
                        .iter()
                        .filter_map(|i| i.get("id").and_then(Value::as_str))
                        .map(|id| (id.to_string(), true)),
                );
                if walked.is_empty() && ID_ARRAYS.contains(&key.as_str()) {
                    names.push((key.clone(), true));
                }
            }
            Value::Table(_) => names.push((key.clone(), true)),
            _ => names.push((key.clone(), false)),
        }
    }
    for p in schema.property_names(node) {
        if !names.iter().any(|(n, _)| n == p)
            && p != "variant"
            && !ID_ARRAYS.contains(&p)
            && p != "stage"
        {
            let table_like = schema
                .property(node, p)
                .is_some_and(|n| schema.resolve(n).get("properties").is_some());
            names.push((p.to_string(), table_like));
        }
    }
    if let Some(h) = table
        .get("scenario")
        .and_then(Value::as_table)
        .filter(|_| walked.is_empty())
    {
        names.extend(h.keys().map(|k| (k.clone(), false)));
    }
    let after = &rest[1..];
    if !after.is_empty() && names.iter().any(|(_, c)| *c) {
        names.retain(|(_, c)| *c);
    }
    let place = if walked.is_empty() {
        "the scenario".to_string()
    } else {
        format!("`{}`", walked.join("."))
    };
    OverrideError::new(
        format!("{place} has no `{}`", rest[0]),
        nearest_help(&rest[0], names.into_iter().map(|(n, _)| n), walked, after),
    )
}

/// "did you mean `a.b.c`, `a.b.d` or `a.e`?": the three names nearest to `word` by edit
/// distance, completed to whole paths.
fn nearest_help(
    word: &str,
    names: impl Iterator<Item = String>,
    walked: &[String],
    after: &[String],
) -> String {
    let mut scored: Vec<(usize, String)> = names.map(|n| (edit_distance(word, &n), n)).collect();
    scored.sort();
    scored.dedup();
    // The nearest always; others only if they are near enough to be the typo.
    let near = (word.chars().count() / 2).max(2);
    let keep = scored
        .iter()
        .skip(1)
        .take_while(|(d, _)| *d <= near)
        .count()
        + 1;
    let paths: Vec<String> = scored
        .into_iter()
        .take(keep.min(3))
        .map(|(_, n)| {
            let mut p: Vec<String> = walked
                .iter()
                .filter(|w| *w != "scenario")
                .cloned()
                .collect();
            p.push(n);
            p.extend(after.iter().cloned());
            format!("`{}`", p.join("."))
        })
        .collect();
    match paths.len() {
        0 => "see docs/what-if.md for the paths a scenario has".into(),
        1 => format!("the nearest valid path is {}", paths[0]),
        _ => format!(
            "the nearest valid paths are {} or {}",
            paths[..paths.len() - 1].join(", "),
            paths[paths.len() - 1]
        ),
    }
}

fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("the text \"{s}\""),
        Value::Integer(i) => format!("the number {i}"),
        Value::Float(f) => format!("the number {f}"),
        Value::Boolean(b) => format!("{b}"),
        Value::Datetime(d) => format!("the date {d}"),
        Value::Array(_) => "a list".into(),
        Value::Table(_) => "a table".into(),
    }
}

/// Applies `op` to a whole element of an array of tables (a pathway, a stage): only a
/// table value can replace it.
fn apply_op_table(t: &mut Table, op: &Op, path: &str) -> Result<(), OverrideError> {
    match op {
        Op::Set(Value::Table(new)) => {
            let id = t.get("id").cloned();
            *t = new.clone();
            if let Some(id) = id {
                t.entry("id").or_insert(id);
            }
            Ok(())
        }
        _ => Err(OverrideError::new(
            format!("`{path}` is a whole table; an override changes one of its fields"),
            format!("name the field, e.g. `{path}.title=...`"),
        )),
    }
}

fn apply_op(value: &mut Value, op: &Op, path: &str) -> Result<(), OverrideError> {
    match op {
        Op::Set(v) => {
            *value = v.clone();
            Ok(())
        }
        Op::Scale(f) => arithmetic(value, path, "*", |x| x * f, |t| scale_duration(t, *f)),
        Op::Shift(d) => arithmetic(value, path, "+", |x| x + d, |t| shift_duration(t, *d)),
    }
}

fn arithmetic(
    value: &mut Value,
    path: &str,
    sign: &str,
    number: impl Fn(f64) -> f64,
    duration: impl Fn(&mut Table) -> Result<(), String>,
) -> Result<(), OverrideError> {
    match value {
        Value::Integer(_) | Value::Float(_) => {
            *value = map_number(value, &number);
            Ok(())
        }
        Value::Array(items) if items.iter().all(|i| i.is_integer() || i.is_float()) => {
            for i in items.iter_mut() {
                *i = map_number(i, &number);
            }
            Ok(())
        }
        Value::Table(t) if t.contains_key("distribution") => duration(t).map_err(|why| {
            OverrideError::new(
                format!("`{sign}` cannot be applied to `{path}`: {why}"),
                "use *factor, or set the duration whole: PATH={ distribution = \"triangular\", min = 60, mode = 90, max = 150 }",
            )
        }),
        other => Err(OverrideError::new(
            format!(
                "`{sign}` applies to a number or a duration, and `{path}` is {}",
                describe(other)
            ),
            "give a new value instead, PATH=VALUE",
        )),
    }
}

/// A number mapped, kept whole when it was whole and still is (`iterations=*2`).
fn map_number(v: &Value, f: impl Fn(f64) -> f64) -> Value {
    match v {
        Value::Integer(i) => {
            let y = f(*i as f64);
            if y.fract() == 0.0 && y.abs() < 9.0e15 {
                Value::Integer(y as i64)
            } else {
                Value::Float(y)
            }
        }
        Value::Float(x) => Value::Float(f(*x)),
        other => other.clone(),
    }
}

/// The parameters that are times, in days, whichever the distribution: scaling a
/// duration by F multiplies each of them by F.
const TIME_PARAMETERS: [&str; 9] = [
    "days", "min", "mode", "max", "mean", "sd", "median", "p90", "scale",
];

/// `*F` on a duration table: every draw X becomes F·X. Every time parameter (days,
/// min, mode, max, mean, sd, median, p90, scale, each of the empirical values) is
/// multiplied by F; shapes (gamma, Weibull) and a lognormal's sigma are unchanged, its
/// mu grows by ln F. Because regsim samples each of these by a rule that is linear in
/// the scale (inverse distribution functions, and gamma draws that depend on the shape
/// only), a scaled stage draws exactly F times the baseline's draw from the same
/// random numbers.
pub fn scale_duration(t: &mut Table, f: f64) -> Result<(), String> {
    for key in TIME_PARAMETERS {
        if let Some(v) = t.get_mut(key) {
            *v = map_number(v, |x| x * f);
        }
    }
    if let Some(v) = t.get_mut("mu") {
        *v = map_number(v, |x| x + f.ln());
    }
    if let Some(Value::Array(values)) = t.get_mut("values") {
        for v in values {
            *v = map_number(v, |x| x * f);
        }
    }
    Ok(())
}

/// `+D` on a duration table: every draw X becomes X + D, for the distributions that
/// have a location: fixed (days), uniform, triangular and PERT (min, mode, max),
/// empirical (every value), normal (mean; the truncation at zero stays at zero, so the
/// shift is exact only where the truncated part is negligible). Lognormal, gamma,
/// Weibull and exponential durations start at zero and have no location parameter: they
/// are refused rather than silently reshaped.
pub fn shift_duration(t: &mut Table, d: f64) -> Result<(), String> {
    let name = t
        .get("distribution")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let keys: &[&str] = match name.as_str() {
        "fixed" => &["days"],
        "uniform" => &["min", "max"],
        "triangular" | "pert" => &["min", "mode", "max"],
        "normal" => &["mean"],
        "empirical" => &[],
        "lognormal" | "gamma" | "weibull" | "exponential" => {
            return Err(format!(
                "a {name} duration starts at zero and has no location to shift"
            ));
        }
        other => return Err(format!("unknown distribution `{other}`")),
    };
    for key in keys {
        if let Some(v) = t.get_mut(*key) {
            *v = map_number(v, |x| x + d);
        }
    }
    if let Some(Value::Array(values)) = t.get_mut("values") {
        for v in values {
            *v = map_number(v, |x| x + d);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
