//! The scenario format's schema, walked beside the document: it tells which fields a
//! table may have, so that an override can add a field the file leaves out and an
//! unknown path can be answered with the names that exist.

use serde_json::Value as Json;

/// The scenario format's JSON Schema, walked beside the document to know which fields a
/// table may have (so an override can add one the file leaves out).
pub struct Schema {
    pub(super) root: Json,
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
    pub(super) fn resolve<'a>(&'a self, mut node: &'a Json) -> &'a Json {
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

    pub(super) fn property<'a>(&'a self, node: &'a Json, name: &str) -> Option<&'a Json> {
        self.resolve(node).get("properties")?.get(name)
    }

    pub(super) fn property_names<'a>(&'a self, node: &'a Json) -> Vec<&'a str> {
        self.resolve(node)
            .get("properties")
            .and_then(Json::as_object)
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    pub(super) fn items<'a>(&'a self, node: &'a Json) -> Option<&'a Json> {
        self.resolve(node).get("items")
    }
}
