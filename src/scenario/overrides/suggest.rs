//! The error for a path segment that names nothing, with the nearest valid paths by
//! edit distance, so that a typo in `--set` is answered with the path that was meant.

use serde_json::Value as Json;
use toml::{Table, Value};

use super::{OverrideError, Schema};
use crate::diagnostic::edit_distance;

/// The words that may come before an id at the top of a path.
const ID_ARRAYS: [&str; 5] = ["pathway", "gate", "product", "evidence", "custom_calendar"];

/// The error for a segment that names nothing: the nearest names at that level.
pub(super) fn unknown(
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
pub(super) fn nearest_help(
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

pub(super) fn describe(v: &Value) -> String {
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
