//! Scenario files: reading, parsing with places, validating into a [`Model`].
//!
//! The format is TOML, written by hand by analysts: plain-English field names, days as
//! the unit, comments welcome. `docs/scenario-format.md` documents it; `regsim schema`
//! prints its JSON Schema.

pub mod locate;
pub mod overrides;
pub mod raw;
pub mod validate;
pub mod variants;

use std::path::Path;

use crate::diagnostic::{Diagnostic, FileDiagnostics, did_you_mean};
use crate::model::Model;
pub use validate::Overrides;

/// A scenario file read and validated, with what the manifest records of it.
#[derive(Debug, Clone)]
pub struct LoadedScenario {
    /// The validated model.
    pub model: Model,
    /// SHA-256 of the file's bytes, hex.
    pub sha256: String,
    /// The file's name without its extension: the default output folder's name.
    pub stem: String,
    /// The file's text (after a byte-order mark), which variants and `--set` override.
    pub text: String,
    /// The file's variants, each checked to give a valid scenario.
    pub variants: Vec<variants::VariantDef>,
}

/// Reads, parses and validates one scenario file.
pub fn load(path: &Path, overrides: &Overrides) -> Result<LoadedScenario, Box<FileDiagnostics>> {
    let fail =
        |source: &str, items: Vec<Diagnostic>| Box::new(FileDiagnostics::new(path, source, items));
    let bytes = std::fs::read(path).map_err(|e| {
        let help = match e.kind() {
            std::io::ErrorKind::NotFound => {
                "check the path; scenario files usually live under scenarios/"
            }
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "check that the path names a readable file",
        };
        fail(
            "",
            vec![
                Diagnostic::whole_file(format!("cannot read the scenario file: {}", io_reason(&e)))
                    .help(help),
            ],
        )
    })?;
    let sha256 = sha256_hex(&bytes);
    let text = match std::str::from_utf8(&bytes) {
        Ok(t) => t,
        Err(e) => {
            // Show the file as far as it can be read, the bad byte replaced, and point
            // at it: the valid prefix is the same in the lossy text.
            let shown = String::from_utf8_lossy(&bytes);
            let at = e.valid_up_to();
            return Err(fail(
                &shown,
                vec![
                    Diagnostic::at(at..at + 1, "the file is not UTF-8 text").help(
                        "save the file as UTF-8 (most editors offer it under \"Save as\" or \"Encoding\")",
                    ),
                ],
            ));
        }
    };
    // A byte-order mark is harmless; keep offsets relative to the text after it.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let raw: raw::RawScenario =
        toml::from_str(text).map_err(|e| fail(text, vec![toml_diagnostic(&e)]))?;
    let stem = path
        .file_stem()
        .map_or_else(|| "scenario".into(), |s| s.to_string_lossy().into_owned());
    let defs = variants::definitions(&raw.variant);
    let overrides = &Overrides {
        scenario_dir: path.parent().map(Path::to_path_buf),
        ..overrides.clone()
    };
    let model = validate::validate(&stem, raw, overrides);
    let (model, defs) = match (model, defs) {
        (Ok(m), Ok(d)) => (m, d),
        (m, d) => {
            let mut items = m.err().unwrap_or_default();
            items.extend(d.err().unwrap_or_default());
            return Err(fail(text, items));
        }
    };
    let problems = variants::check_all(&stem, text, &defs, overrides);
    if !problems.is_empty() {
        return Err(fail(text, problems));
    }
    Ok(LoadedScenario {
        model,
        sha256,
        stem,
        text: text.to_string(),
        variants: defs,
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a folder, not a file".into(),
        _ => e.to_string(),
    }
}

/// A TOML syntax or type error, with a suggestion for a misspelt field.
fn toml_diagnostic(e: &toml::de::Error) -> Diagnostic {
    let message = e.message().trim().to_string();
    let mut d = match e.span() {
        Some(span) => Diagnostic::at(span, message.clone()),
        None => Diagnostic::whole_file(message.clone()),
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((field, expected)) = rest.split_once("`, expected ") {
            let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            if let Some(near) = did_you_mean(field, names.iter().copied()) {
                d = d.help(format!("did you mean `{near}`?"));
            } else {
                d = d.help("remove it, or check the spelling against docs/scenario-format.md");
            }
        }
    } else if message.starts_with("missing field") {
        d = d.help("see docs/scenario-format.md for the fields each table needs");
    }
    d
}

/// SHA-256 of `bytes` as lowercase hex: how manifests name the inputs they were made from.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The JSON Schema of the scenario format.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(raw::RawScenario);
    serde_json::to_string_pretty(&schema).expect("a schema serialises")
}
