//! Where in a scenario file a problem found after validation comes from.
//!
//! The engine finds some problems only when it computes a schedule (a gate runs out of
//! dates, a stage ends decades after submission). It names the pathway, stage and gate
//! by id, so that the model stays free of file positions; here those ids are mapped
//! back to the value to blame, using the places the raw scenario keeps: the gate's
//! `dates` (or its rule's `months`), the stage's `duration`, the evidence's `duration`,
//! the pathway's `target`. When an override (`--set` or a variant's `set`) changed that
//! value, the error points at the override instead.

use std::ops::Range;
use std::path::Path;

use crate::diagnostic::{Diagnostic, FileDiagnostics};
use crate::engine::schedule::ScheduleError;
use crate::scenario::overrides::Override;
use crate::scenario::raw::{RawPathway, RawScenario};
use crate::scenario::variants::Origin;

/// `error` as a diagnostic of the file whose text is `text`, after `overrides` were
/// applied to it in order.
pub fn schedule_diagnostic(
    text: &str,
    error: &ScheduleError,
    overrides: &[(&Override, Origin)],
) -> Diagnostic {
    let message = error.message();
    let help = error.help();
    let keys = keys(error);
    // The last override that touched the value is the one to blame.
    if let Some((o, origin)) = overrides.iter().rev().find(|(o, _)| {
        keys.iter().any(|set| {
            set.iter()
                .all(|k| o.path.iter().any(|segment| segment == k))
        })
    }) {
        return origin.diagnostic(&o.text, &message, Some(help.into()));
    }
    let span = toml::from_str::<RawScenario>(text)
        .ok()
        .and_then(|raw| place(&raw, error));
    match span {
        Some(span) => Diagnostic::at(span, message),
        None => Diagnostic::whole_file(message),
    }
    .help(help)
}

/// `error` rendered for the file at `path` (read again: this runs once, on the way out),
/// with no override applied.
pub fn render(path: &Path, error: &ScheduleError) -> String {
    render_applied(path, error, &[])
}

/// `error` rendered for the file at `path`, after `overrides` were applied to it in
/// order: an error an override caused points at the override.
pub fn render_applied(
    path: &Path,
    error: &ScheduleError,
    overrides: &[(Override, Origin)],
) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let refs: Vec<(&Override, Origin)> = overrides.iter().map(|(o, w)| (o, w.clone())).collect();
    let d = schedule_diagnostic(text, error, &refs);
    FileDiagnostics::new(path, text, vec![d]).to_string()
}

/// The ids an override's path must name to have changed the value to blame: every id
/// of one of the sets. A gate that runs out of dates is blamed on an override of the
/// gate (its dates or rule) or of the stage that waits for it.
fn keys(error: &ScheduleError) -> Vec<Vec<&str>> {
    match error {
        ScheduleError::GateExhausted {
            pathway,
            stage,
            gate,
            ..
        } => vec![vec![gate], vec![pathway, stage]],
        ScheduleError::BeyondHorizon { pathway, stage } => vec![vec![pathway, stage]],
        ScheduleError::EvidenceBeyondHorizon { evidence, .. } => vec![vec![evidence]],
        ScheduleError::TargetBeyondHorizon { pathway } => vec![vec![pathway, "target"]],
    }
}

fn pathway<'a>(raw: &'a RawScenario, id: &str) -> Option<&'a RawPathway> {
    raw.pathway
        .as_ref()?
        .get_ref()
        .iter()
        .find(|p| p.id.get_ref() == id)
}

/// The byte range of the value to blame.
fn place(raw: &RawScenario, error: &ScheduleError) -> Option<Range<usize>> {
    match error {
        ScheduleError::GateExhausted { gate, .. } => {
            let g = raw.gate.iter().find(|g| g.id.get_ref() == gate)?;
            g.dates
                .as_ref()
                .map(|d| d.span())
                .or_else(|| g.months.as_ref().map(|m| m.span()))
                .or_else(|| Some(g.id.span()))
        }
        ScheduleError::BeyondHorizon { pathway: p, stage } => {
            let p = pathway(raw, p)?;
            let s = p.stage.iter().find(|s| s.id.get_ref() == stage)?;
            s.duration
                .as_ref()
                .map(|d| d.span())
                .or_else(|| s.duration_months.as_ref().map(|d| d.span()))
                .or_else(|| Some(s.id.span()))
        }
        ScheduleError::EvidenceBeyondHorizon { evidence, .. } => {
            let e = raw.evidence.iter().find(|e| e.id.get_ref() == evidence)?;
            e.duration
                .as_ref()
                .map(|d| d.span())
                .or_else(|| Some(e.id.span()))
        }
        ScheduleError::TargetBeyondHorizon { pathway: p } => {
            let p = pathway(raw, p)?;
            p.target
                .as_ref()
                .map(|t| t.span())
                .or_else(|| Some(p.id.span()))
        }
    }
}
