//! Variants: named what-ifs in a scenario file, and the models they give.
//!
//! A `[[variant]]` has an id, a title, a description and a list of overrides
//! (`set = ["normal.team-review.duration=*0.8"]`, the grammar of `--set`, see
//! [`super::overrides`]). With `based_on = "other"` it builds on another variant: the
//! other's overrides (and those of its own base, recursively) come first, then its own,
//! each list in the order written. Cycles, unknown bases and repeated ids are errors.
//!
//! Order of application for one run: the file as written, then the command line's
//! `--set` overrides (they change the baseline and every variant alike), then the
//! variant's chain from its deepest base to itself. Every overridden document is
//! validated like a file; a problem is reported at the override that caused it (the
//! first one after which the scenario no longer validates): for `--set`, the argument;
//! for a variant, the entry's line and column in the file.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use toml::{Table, Value};

use super::overrides::{self, Override, Schema};
use super::raw::{RawScenario, RawVariant};
use super::validate::{self, Overrides};
use crate::diagnostic::{Diagnostic, did_you_mean};
use crate::model::Model;

/// A variant as defined in the file, its overrides parsed.
#[derive(Debug, Clone)]
pub struct VariantDef {
    /// Its id.
    pub id: String,
    /// Its title (the id when the file gives none).
    pub title: String,
    /// Its title in Japanese, if the file gives one.
    pub title_ja: Option<String>,
    /// Its description.
    pub description: String,
    /// The variant it builds on.
    pub based_on: Option<String>,
    /// Its own overrides, each with the place of its text in the file.
    pub set: Vec<(Override, Range<usize>)>,
}

/// Where an override comes from, to point at it in an error.
#[derive(Debug, Clone)]
pub enum Origin {
    /// A `--set` argument.
    CommandLine,
    /// An entry of a variant's `set`, at this place in the file.
    Variant {
        /// The variant's id.
        id: String,
        /// The entry's byte range in the file.
        span: Range<usize>,
    },
}

impl Origin {
    /// A problem with the override `text` from here.
    pub fn diagnostic(&self, text: &str, message: &str, help: Option<String>) -> Diagnostic {
        let d = match self {
            Origin::CommandLine => Diagnostic::whole_file(format!("--set `{text}`: {message}")),
            Origin::Variant { id, span } => {
                Diagnostic::at(span.clone(), format!("variant `{id}`: {message}"))
            }
        };
        Diagnostic { help, ..d }
    }
}

/// Checks the file's variants (ids, bases, cycles, the syntax of each override) and
/// parses them. Problems come with their places in the file.
pub fn definitions(raw: &[RawVariant]) -> Result<Vec<VariantDef>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, ()> = HashMap::new();
    let ids: Vec<&str> = raw.iter().map(|v| v.id.get_ref().as_str()).collect();
    let mut defs = Vec::new();
    for v in raw {
        let id = v.id.get_ref();
        let good = id.chars().next().is_some_and(char::is_alphanumeric)
            && id
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '.');
        if !good {
            problems.push(
                Diagnostic::at(
                    v.id.span(),
                    format!("variant id `{id}` must start with a letter or digit and contain only letters, digits, `-`, `_` and `.`"),
                )
                .help("ids appear in CSV files and on the command line; e.g. `bigger-team`"),
            );
        }
        if seen.insert(id, ()).is_some() {
            problems.push(
                Diagnostic::at(v.id.span(), format!("variant id `{id}` is used twice"))
                    .help("give every variant its own id"),
            );
        }
        if let Some(b) = &v.based_on {
            let base = b.get_ref();
            if !ids.contains(&base.as_str()) {
                let mut d = Diagnostic::at(b.span(), format!("variant `{base}` is not defined"));
                d = match did_you_mean(base, ids.iter().copied()) {
                    Some(near) => d.help(format!(
                        "did you mean `{near}`? `based_on` names another [[variant]] of this file"
                    )),
                    None => d.help("`based_on` names another [[variant]] of this file"),
                };
                problems.push(d);
            }
        }
        let mut set = Vec::new();
        for entry in &v.set {
            match overrides::parse(entry.get_ref()) {
                Ok(o) => set.push((o, entry.span())),
                Err(e) => problems.push(
                    Origin::Variant {
                        id: id.clone(),
                        span: entry.span(),
                    }
                    .diagnostic(entry.get_ref(), &e.message, e.help),
                ),
            }
        }
        defs.push(VariantDef {
            id: id.clone(),
            title: if v.title.is_empty() {
                id.clone()
            } else {
                v.title.clone()
            },
            title_ja: v.title_ja.clone(),
            description: v.description.clone(),
            based_on: v.based_on.as_ref().map(|b| b.get_ref().clone()),
            set,
        });
    }
    // A cycle of based_on, reported once at the first variant on it.
    if problems.is_empty() {
        let mut reported: Vec<&str> = Vec::new();
        for v in raw {
            let mut path = vec![v.id.get_ref().as_str()];
            let mut at = v;
            while let Some(b) = &at.based_on {
                let next = b.get_ref().as_str();
                if let Some(k) = path.iter().position(|p| *p == next) {
                    let cycle = &path[k..];
                    if cycle[0] == v.id.get_ref() && !cycle.iter().any(|c| reported.contains(c)) {
                        reported.extend(cycle.iter().copied());
                        let mut names: Vec<&str> = cycle.to_vec();
                        names.push(cycle[0]);
                        problems.push(
                            Diagnostic::at(
                                b.span(),
                                format!("variants are based on each other in a cycle: {}", names.join(" → ")),
                            )
                            .help("a variant builds on another that does not, in the end, build on it"),
                        );
                    }
                    break;
                }
                path.push(next);
                at = raw
                    .iter()
                    .find(|r| r.id.get_ref() == next)
                    .expect("bases checked");
            }
        }
    }
    if problems.is_empty() {
        Ok(defs)
    } else {
        Err(problems)
    }
}

/// The overrides of variant `id` with their origins, deepest base first. `defs` must
/// have passed [`definitions`] (no cycles, every base defined).
pub fn chain<'a>(defs: &'a [VariantDef], id: &str) -> Vec<(&'a Override, Origin)> {
    let mut order: Vec<&VariantDef> = Vec::new();
    let mut at = defs.iter().find(|d| d.id == id);
    while let Some(d) = at {
        order.push(d);
        at = d
            .based_on
            .as_ref()
            .and_then(|b| defs.iter().find(|x| &x.id == b));
    }
    order
        .into_iter()
        .rev()
        .flat_map(|d| {
            d.set.iter().map(|(o, span)| {
                (
                    o,
                    Origin::Variant {
                        id: d.id.clone(),
                        span: span.clone(),
                    },
                )
            })
        })
        .collect()
}

/// The scenario file's document, without its variants: what overrides apply to. A file
/// that parsed as a scenario can still fail here: an integer too large for TOML (above
/// 9223372036854775807) is read as a number where a scenario expects one, but a
/// document holds TOML's integers only.
pub fn base_document(text: &str) -> Result<Table, Diagnostic> {
    let mut doc: Table = toml::from_str(text).map_err(|e| {
        let d = super::toml_diagnostic(&e);
        if e.message().contains("too large") {
            Diagnostic {
                message: "this integer is too large: TOML integers go up to 9223372036854775807"
                    .into(),
                help: Some(
                    "write a number this large with a decimal point or an exponent, e.g. 1.8e19"
                        .into(),
                ),
                ..d
            }
        } else {
            d
        }
    })?;
    doc.remove("variant");
    Ok(doc)
}

/// `doc` with the overrides applied in order, or the problem of the first that cannot
/// be applied.
pub fn apply_all(doc: &Table, list: &[(&Override, Origin)]) -> Result<Table, Diagnostic> {
    let schema = Schema::new();
    let mut doc = doc.clone();
    for (o, origin) in list {
        overrides::apply(&mut doc, &schema, o)
            .map_err(|e| origin.diagnostic(&o.text, &e.message, e.help))?;
    }
    Ok(doc)
}

/// The model of an overridden document; problems carry their messages only (their
/// places would be in the rewritten document, not the file).
fn model_of(stem: &str, doc: &Table, o: &Overrides) -> Result<Model, Vec<Diagnostic>> {
    let text = toml::to_string(doc).map_err(|e| vec![Diagnostic::whole_file(e.to_string())])?;
    let raw: RawScenario = toml::from_str(&text).map_err(|e| vec![super::toml_diagnostic(&e)])?;
    validate::validate(stem, raw, o)
}

/// The model of the file's document `doc` with `list` applied. A problem is reported at
/// the first override after which the scenario no longer validates.
pub fn build(
    stem: &str,
    doc: &Table,
    list: &[(&Override, Origin)],
    o: &Overrides,
) -> Result<Model, Vec<Diagnostic>> {
    let full = apply_all(doc, list).map_err(|d| vec![d])?;
    let problems = match model_of(stem, &full, o) {
        Ok(m) => return Ok(m),
        Err(p) => p,
    };
    let mut culprit = list.len().saturating_sub(1);
    for k in 1..list.len() {
        let partial = apply_all(doc, &list[..k]).map_err(|d| vec![d])?;
        if model_of(stem, &partial, o).is_err() {
            culprit = k - 1;
            break;
        }
    }
    let (o, origin) = &list[culprit];
    Err(problems
        .into_iter()
        .map(|p| origin.diagnostic(&o.text, &p.message, p.help))
        .collect())
}

/// One run of a scenario: the baseline or a variant, as simulated.
#[derive(Debug, Clone)]
pub struct ScenarioRun {
    /// The variant's id; empty for the baseline.
    pub variant: String,
    /// The variant's title, or "baseline".
    pub title: String,
    /// Every override applied, in order, as written (`--set` ones first).
    pub overrides: Vec<String>,
    /// The same overrides with where each comes from, so that a problem one of them
    /// causes later (a gate that runs out of dates) can point at it.
    pub applied: Vec<(Override, Origin)>,
    /// The model simulated.
    pub model: Model,
}

impl ScenarioRun {
    /// The baseline: `model`, which has the `--set` overrides `set` applied.
    pub fn baseline(model: Model, set: &[Override]) -> ScenarioRun {
        ScenarioRun {
            variant: String::new(),
            title: "baseline".into(),
            overrides: set.iter().map(|o| o.text.clone()).collect(),
            applied: set
                .iter()
                .map(|o| (o.clone(), Origin::CommandLine))
                .collect(),
            model,
        }
    }
}

/// Parses `--set` arguments; the first malformed one is an error (exit 2).
pub fn parse_set(args: &[String]) -> Result<Vec<Override>, String> {
    args.iter()
        .map(|a| {
            overrides::parse(a).map_err(|e| {
                let mut s = format!("error: --set `{a}`: {}\n", e.message);
                if let Some(h) = e.help {
                    s.push_str(&format!("  = help: {h}\n"));
                }
                s
            })
        })
        .collect()
}

/// The runs of `variants` (ids; the baseline first, always) of a loaded scenario, with
/// `set` applied to all. An unknown id is a problem with a suggestion.
pub fn runs(
    path: &Path,
    loaded: &super::LoadedScenario,
    set: &[Override],
    variants: &[String],
    o: &Overrides,
) -> Result<Vec<ScenarioRun>, Box<crate::diagnostic::FileDiagnostics>> {
    let fail = |items| {
        Box::new(crate::diagnostic::FileDiagnostics::new(
            path,
            &loaded.text,
            items,
        ))
    };
    let o = &Overrides {
        scenario_dir: path.parent().map(Path::to_path_buf),
        ..o.clone()
    };
    let doc = base_document(&loaded.text).map_err(|d| fail(vec![d]))?;
    let cli: Vec<(&Override, Origin)> = set.iter().map(|s| (s, Origin::CommandLine)).collect();
    let texts = |list: &[(&Override, Origin)]| list.iter().map(|(o, _)| o.text.clone()).collect();
    let owned = |list: &[(&Override, Origin)]| {
        list.iter()
            .map(|(o, origin)| ((*o).clone(), origin.clone()))
            .collect()
    };
    let baseline = if set.is_empty() {
        loaded.model.clone()
    } else {
        build(&loaded.stem, &doc, &cli, o).map_err(fail)?
    };
    let mut out = vec![ScenarioRun::baseline(baseline, set)];
    let mut problems = Vec::new();
    for id in variants {
        let Some(def) = loaded.variants.iter().find(|d| &d.id == id) else {
            let ids = loaded.variants.iter().map(|d| d.id.as_str());
            let help = match did_you_mean(id, ids.clone()) {
                Some(near) => format!("did you mean `{near}`?"),
                None if loaded.variants.is_empty() => {
                    "the file has no [[variant]]; see docs/what-if.md".into()
                }
                None => format!(
                    "the file's variants are {}",
                    ids.map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", ")
                ),
            };
            problems
                .push(Diagnostic::whole_file(format!("variant `{id}` is not defined")).help(help));
            continue;
        };
        let mut list = cli.clone();
        list.extend(chain(&loaded.variants, id));
        match build(&loaded.stem, &doc, &list, o) {
            Ok(model) => out.push(ScenarioRun {
                variant: def.id.clone(),
                title: o.lang.pick(&def.title, def.title_ja.as_deref()).to_string(),
                overrides: texts(&list),
                applied: owned(&list),
                model,
            }),
            Err(p) => problems.extend(p),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(fail(problems))
    }
}

/// Validates every variant of a file whose baseline is valid: each must give a valid
/// scenario too. Problems point at the override to blame.
pub fn check_all(stem: &str, text: &str, defs: &[VariantDef], o: &Overrides) -> Vec<Diagnostic> {
    if defs.is_empty() {
        return Vec::new();
    }
    let doc = match base_document(text) {
        Ok(doc) => doc,
        Err(d) => return vec![d],
    };
    let mut problems = Vec::new();
    for d in defs {
        if let Err(p) = build(stem, &doc, &chain(defs, &d.id), o) {
            problems.extend(p);
        }
    }
    problems
}

/// A value as a short TOML text, for `regsim diff`.
pub fn show_value(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        Value::Table(t) => {
            // A duration reads best with its name first, its parameters in their usual order.
            const ORDER: [&str; 14] = [
                "distribution",
                "days",
                "min",
                "mode",
                "max",
                "mean",
                "sd",
                "median",
                "p90",
                "mu",
                "sigma",
                "shape",
                "scale",
                "values",
            ];
            let rank = |k: &str| ORDER.iter().position(|o| *o == k).unwrap_or(ORDER.len());
            let mut entries: Vec<(&String, &Value)> = t.iter().collect();
            entries.sort_by_key(|(k, _)| rank(k));
            let fields: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{k} = {}", show_value(v)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(show_value).collect::<Vec<_>>().join(", ")
        ),
        Value::Float(f) => crate::export::csv::num(*f),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
[scenario]
title = "t"
submitted = 2024-04-01

[[pathway]]
id = "p"
title = "P"

[[pathway.stage]]
id = "review"
clock = "regulator"
duration = 100

[[variant]]
id = "top"
based_on = "middle"
set = ["p.review.duration=*0.5"]

[[variant]]
id = "middle"
based_on = "bottom"
set = ["p.review.duration=+10", "p.title=\"Middle\""]

[[variant]]
id = "bottom"
set = ["p.review.duration=200"]
"#;

    fn defs() -> Vec<VariantDef> {
        let raw: RawScenario = toml::from_str(FILE).unwrap();
        definitions(&raw.variant).unwrap()
    }

    #[test]
    fn a_chain_applies_the_deepest_base_first_each_list_in_order() {
        let defs = defs();
        let texts: Vec<&str> = chain(&defs, "top")
            .iter()
            .map(|(o, _)| o.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "p.review.duration=200",
                "p.review.duration=+10",
                "p.title=\"Middle\"",
                "p.review.duration=*0.5"
            ]
        );
        // (200 + 10) * 0.5
        let doc = apply_all(&base_document(FILE).unwrap(), &chain(&defs, "top")).unwrap();
        assert_eq!(
            doc["pathway"][0]["stage"][0]["duration"].as_integer(),
            Some(105)
        );
    }

    #[test]
    fn the_command_lines_overrides_come_before_the_variants() {
        let defs = defs();
        let raw: RawScenario = toml::from_str(FILE).unwrap();
        let model = validate::validate("f", raw, &Overrides::default()).unwrap();
        let loaded = crate::scenario::LoadedScenario {
            model,
            sha256: String::new(),
            stem: "f".into(),
            text: FILE.into(),
            variants: defs,
        };
        let set = parse_set(&["p.review.duration=*3".into()]).unwrap();
        let runs = runs(
            Path::new("f.toml"),
            &loaded,
            &set,
            &["middle".into()],
            &Overrides::default(),
        )
        .unwrap();
        let days = |r: &ScenarioRun| match &r.model.pathways[0].stages[0].duration {
            Some(crate::model::duration::Duration::Fixed { days }) => *days,
            other => panic!("{other:?}"),
        };
        // The baseline with --set: 300; the variant sets 200 itself, then adds 10.
        assert_eq!(days(&runs[0]), 300.0);
        assert_eq!(days(&runs[1]), 210.0);
        assert_eq!(runs[1].overrides[0], "p.review.duration=*3");
        assert_eq!(runs[1].model.pathways[0].title, "Middle");
    }
}
