//! `regsim diff SCENARIO --variant ID`: what a variant changes, field by field.
//!
//! The file as written is compared with the file after the overrides (the `--set`
//! ones, then the variant's chain), so stacked variants and overrides that set the
//! same field twice show their net effect. Paths are written as `--set` takes them;
//! a duration is shown whole.

use std::path::PathBuf;

use toml::{Table, Value};

use crate::failure::Failure;
use crate::scenario::Overrides;
use crate::scenario::variants::{self, Origin, show_value};

/// Arguments of `regsim diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Scenario file (TOML).
    pub scenario: PathBuf,
    /// The variant to show (repeatable) [default: every variant of the file].
    #[arg(long = "variant", value_name = "ID")]
    pub variant: Vec<String>,
    /// Override a field: PATH=VALUE, PATH=*FACTOR or PATH=+DAYS (repeatable); shown as
    /// a change of its own without --variant, else before every variant's.
    #[arg(long = "set", value_name = "PATH=VALUE")]
    pub set: Vec<String>,
}

/// One changed field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Its path, as `--set` takes it.
    pub path: String,
    /// Its value in the file ("-" when absent).
    pub before: String,
    /// Its value after the overrides ("-" when removed).
    pub after: String,
}

/// Runs `regsim diff`.
pub fn diff(args: &DiffArgs) -> Result<(), Failure> {
    let set = variants::parse_set(&args.set).map_err(Failure::BadInput)?;
    let (loaded, _) =
        crate::pipeline::load_runs(&args.scenario, &set, &args.variant, &Overrides::default())?;
    let doc = variants::base_document(&loaded.text).map_err(|d| {
        let shown = crate::diagnostic::FileDiagnostics::new(&args.scenario, &loaded.text, vec![d]);
        Failure::BadInput(shown.to_string())
    })?;
    let cli: Vec<_> = set.iter().map(|o| (o, Origin::CommandLine)).collect();
    let ids: Vec<String> = if !args.variant.is_empty() {
        args.variant.clone()
    } else if set.is_empty() {
        loaded.variants.iter().map(|v| v.id.clone()).collect()
    } else {
        Vec::new()
    };
    let bad = |d| Failure::BadInput(scenario_error(&args.scenario, &loaded.text, d));
    if ids.is_empty() {
        if set.is_empty() {
            println!(
                "{} has no [[variant]]; give --set PATH=VALUE to see what an override changes",
                args.scenario.display()
            );
            return Ok(());
        }
        let after = variants::apply_all(&doc, &cli).map_err(bad)?;
        println!("--set {}", args.set.join(" --set "));
        print!("{}", table(&changes(&doc, &after)));
        return Ok(());
    }
    for (n, id) in ids.iter().enumerate() {
        let def = loaded
            .variants
            .iter()
            .find(|v| &v.id == id)
            .expect("load_runs checked the ids");
        let mut list = cli.clone();
        list.extend(variants::chain(&loaded.variants, id));
        let after = variants::apply_all(&doc, &list).map_err(bad)?;
        if n > 0 {
            println!();
        }
        let base = def
            .based_on
            .as_ref()
            .map(|b| format!(", based on `{b}`"))
            .unwrap_or_default();
        println!("variant `{id}`: {}{base}", def.title);
        if !def.description.trim().is_empty() {
            println!("  {}", def.description.trim());
        }
        let texts: Vec<&str> = list.iter().map(|(o, _)| o.text.as_str()).collect();
        println!("  overrides, in order: {}", texts.join("; "));
        print!("{}", table(&changes(&doc, &after)));
    }
    Ok(())
}

fn scenario_error(path: &std::path::Path, text: &str, d: crate::diagnostic::Diagnostic) -> String {
    crate::diagnostic::FileDiagnostics::new(path, text, vec![d]).to_string()
}

/// The changes as an aligned table.
pub fn table(changes: &[Change]) -> String {
    if changes.is_empty() {
        return "  no field changes\n".into();
    }
    let w = |f: fn(&Change) -> &str, head: &str| {
        changes
            .iter()
            .map(|c| f(c).chars().count())
            .chain([head.len()])
            .max()
            .unwrap_or(0)
    };
    let (wp, wb) = (w(|c| &c.path, "path"), w(|c| &c.before, "before"));
    let pad = crate::export::text_table::pad_right;
    let mut out = format!("  {}  {}  after\n", pad("path", wp), pad("before", wb));
    for c in changes {
        out.push_str(&format!(
            "  {}  {}  {}\n",
            pad(&c.path, wp),
            pad(&c.before, wb),
            c.after
        ));
    }
    out
}

/// Every field whose value differs between `before` and `after`, in key order;
/// elements of arrays of tables are matched by id, a duration is compared whole.
pub fn changes(before: &Table, after: &Table) -> Vec<Change> {
    let mut out = Vec::new();
    walk(&[], before, after, &mut out);
    out
}

fn walk(path: &[String], a: &Table, b: &Table, out: &mut Vec<Change>) {
    let mut keys: Vec<&String> = a.keys().collect();
    keys.extend(b.keys().filter(|k| !a.contains_key(*k)));
    for key in keys {
        // `[scenario]` fields are addressed without `scenario.`.
        let mut here = path.to_vec();
        if !(path.is_empty() && key == "scenario") {
            here.push(key.clone());
        }
        match (a.get(key), b.get(key)) {
            (Some(Value::Table(x)), Some(Value::Table(y)))
                if !x.contains_key("distribution") && !y.contains_key("distribution") =>
            {
                walk(&here, x, y, out)
            }
            (Some(Value::Array(x)), Some(Value::Array(y))) if is_id_array(x) && is_id_array(y) => {
                // Pathways are addressed by id alone, other arrays after their name.
                let prefix: Vec<String> = if path.is_empty() && key == "pathway" || key == "stage" {
                    path.to_vec()
                } else {
                    here.clone()
                };
                for item in x {
                    let id = item.get("id").and_then(Value::as_str).unwrap_or_default();
                    let other = y
                        .iter()
                        .find(|i| i.get("id").and_then(Value::as_str) == Some(id));
                    let mut p = prefix.clone();
                    p.push(id.to_string());
                    match (item.as_table(), other.and_then(Value::as_table)) {
                        (Some(t), Some(u)) => walk(&p, t, u, out),
                        _ => out.push(change(&p, Some(item), other)),
                    }
                }
            }
            (x, y) if x != y => out.push(change(&here, x, y)),
            _ => {}
        }
    }
}

fn is_id_array(items: &[Value]) -> bool {
    !items.is_empty() && items.iter().all(|i| i.get("id").is_some())
}

fn change(path: &[String], before: Option<&Value>, after: Option<&Value>) -> Change {
    let show = |v: Option<&Value>| v.map_or_else(|| "-".to_string(), show_value);
    Change {
        path: path.join("."),
        before: show(before),
        after: show(after),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::overrides::{Schema, apply, parse};

    #[test]
    fn a_scaled_duration_shows_as_one_change_by_its_path() {
        let before: Table = toml::from_str(
            r#"
[scenario]
seed = 1
[[pathway]]
id = "normal"
[[pathway.stage]]
id = "review"
duration = { distribution = "uniform", min = 100, max = 200 }
"#,
        )
        .unwrap();
        let mut after = before.clone();
        for s in ["normal.review.duration=*0.8", "seed=2"] {
            apply(&mut after, &Schema::new(), &parse(s).unwrap()).unwrap();
        }
        let c = changes(&before, &after);
        assert_eq!(c.len(), 2, "{c:?}");
        let by = |p: &str| c.iter().find(|x| x.path == p).unwrap();
        assert_eq!(
            (by("seed").before.as_str(), by("seed").after.as_str()),
            ("1", "2")
        );
        assert_eq!(
            by("normal.review.duration").after,
            "{ distribution = \"uniform\", min = 80, max = 160 }"
        );
    }
}
