//! Applying an override: walking its path through the TOML document (fields, ids of
//! elements of arrays of tables, fields the format knows but the file leaves out) and
//! changing the value at its end.

use serde_json::Value as Json;
use toml::{Table, Value};

use super::duration::{map_number, scale_duration, shift_duration};
use super::suggest::{describe, nearest_help, unknown};
use super::{Op, Override, OverrideError, Schema};

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
        let (k, name, how) = next_segment(table, schema, node, &walked, rest)?;
        let last = k == rest.len();
        match how {
            Found::Key | Found::NewKey => {
                let child_node = schema.property(node, &name).unwrap_or(&Json::Null);
                if matches!(how, Found::NewKey) {
                    if last {
                        let Op::Set(v) = &o.op else {
                            return Err(not_in_the_file(&walked, &name));
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
                        let (k, t) = element_by_id(items, rest)
                            .ok_or_else(|| no_element_with_id(items, &walked, rest))?;
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
                        return Err(no_field(&walked, &desc, rest));
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

/// The longest run of segments of `rest` naming a field of `table`, then an id of an
/// element of one of its arrays, then a field the format knows but the file leaves out:
/// how many segments it takes, the name they make, and what it is.
fn next_segment(
    table: &Table,
    schema: &Schema,
    node: &Json,
    walked: &[String],
    rest: &[String],
) -> Result<(usize, String, Found), OverrideError> {
    let found = (1..=rest.len()).rev().find_map(|k| {
        let name = rest[..k].join(".");
        if table.contains_key(&name) {
            Some((k, name, Found::Key))
        } else {
            id_owner(table, &name).map(|array| (k, name, Found::Id(array)))
        }
    });
    match found {
        Some(f) => Ok(f),
        None if schema.property(node, &rest[0]).is_some() => {
            Ok((1, rest[0].clone(), Found::NewKey))
        }
        None => Err(unknown(table, schema, node, walked, rest)),
    }
}

/// The element of `items` whose id is the longest run of segments of `rest`: how many
/// segments the id takes, and the element's index.
fn element_by_id(items: &[Value], rest: &[String]) -> Option<(usize, usize)> {
    (1..=rest.len()).rev().find_map(|k| {
        let id = rest[..k].join(".");
        items
            .iter()
            .position(|i| i.get("id").and_then(Value::as_str) == Some(&id))
            .map(|p| (k, p))
    })
}

/// The error for an id that no element of `items` has, with the nearest ids.
fn no_element_with_id(items: &[Value], walked: &[String], rest: &[String]) -> OverrideError {
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
            walked,
            &rest[1..],
        ),
    )
}

/// The error for `*F` or `+D` on a field the file leaves out.
fn not_in_the_file(walked: &[String], name: &str) -> OverrideError {
    OverrideError::new(
        format!(
            "`{}` is not in the file, so there is nothing to multiply or add to",
            show(walked, name)
        ),
        "set it to a value instead, e.g. PATH=0.5",
    )
}

/// The error for a path that goes on past a value that has no fields.
fn no_field(walked: &[String], desc: &str, rest: &[String]) -> OverrideError {
    OverrideError::new(
        format!(
            "`{}` is {}, it has no field `{}`",
            walked.join("."),
            desc,
            rest.join(".")
        ),
        format!("set `{}` as a whole", walked.join(".")),
    )
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
