//! summary.xlsx (`--format xlsx`): every table of a run as a sheet of one workbook, and
//! the manifest on a sheet of its own, for analysts who work in Excel.
//!
//! The sheets are the CSV tables themselves: the workbook is built from the very bytes
//! the CSV writers produced for this run (read back from the output folder, as
//! [`crate::export::variants::label_variants`] reads them), so a sheet cannot drift from
//! its CSV and no table is assembled twice. What the workbook adds is types: numbers
//! are numbers (shares shown as percentages, the value unchanged), ISO dates are dates,
//! id and title columns stay text (an id `2026` is not a number), and the apostrophe
//! that the CSV puts before a formula-like name is dropped, since a string cell is
//! never evaluated. Each sheet has its header row frozen and its columns fitted.
//!
//! Written with rust_xlsxwriter, never by hand; the workbook's creation date is fixed,
//! so the same run gives the same bytes.

use anyhow::{Context, Result};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

/// The tables a workbook takes, in sheet order: (CSV file, sheet name).
pub const SHEETS: [(&str, &str); 9] = [
    ("summary.csv", "summary"),
    ("stages.csv", "stages"),
    ("eligibility.csv", "eligibility"),
    ("follow_up.csv", "follow-up"),
    ("fiscal_years.csv", "fiscal years"),
    ("compare.csv", "compare"),
    ("sweep.csv", "sweep"),
    ("sensitivity.csv", "sensitivity"),
    ("queue.csv", "queue"),
];

/// Columns that hold names, ids or words, whatever they look like.
const TEXT_COLUMNS: [&str; 17] = [
    "scenario",
    "variant",
    "product",
    "pathway",
    "metric",
    "stage",
    "clock",
    "days",
    "title",
    "knob",
    "value",
    "fiscal_year",
    "pool",
    "follow_up",
    "outcome",
    "evidence_to_obtain",
    "reasons",
];

/// The widest a fitted column gets, in pixels: long reasons and titles go no wider.
const MAX_WIDTH_PX: u32 = 420;

/// The workbook of `tables` ((CSV file name, its bytes), in [`SHEETS`] order; files
/// not in [`SHEETS`] are left out) and the manifest (its JSON text).
pub fn workbook(tables: &[(&str, &[u8])], manifest_json: &str) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_title("regsim summary"),
    );
    let formats = Formats::new();
    for (file, sheet_name) in SHEETS {
        let Some((_, bytes)) = tables.iter().find(|(f, _)| *f == file) else {
            continue;
        };
        let sheet = book.add_worksheet();
        sheet.set_name(sheet_name)?;
        table_sheet(sheet, bytes, &formats).with_context(|| format!("{file} as a sheet"))?;
    }
    let sheet = book.add_worksheet();
    sheet.set_name("manifest")?;
    manifest_sheet(sheet, manifest_json, &formats)?;
    Ok(book.save_to_buffer()?)
}

/// summary.xlsx of an output folder: its staged CSV tables and `manifest`.
pub fn from_folder(
    out: &crate::export::files::OutputFolder,
    manifest: &crate::export::manifest::Manifest,
) -> Result<Vec<u8>> {
    let mut tables = Vec::new();
    for (file, _) in SHEETS {
        if let Some(p) = out.staged(file) {
            let bytes = std::fs::read(p).with_context(|| format!("cannot read {}", p.display()))?;
            tables.push((file, bytes));
        }
    }
    let tables: Vec<(&str, &[u8])> = tables.iter().map(|(f, b)| (*f, b.as_slice())).collect();
    workbook(&tables, &String::from_utf8_lossy(&manifest.to_json()))
}

/// The cell formats used.
struct Formats {
    header: Format,
    share: Format,
    date: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new().set_bold().set_align(FormatAlign::Left),
            share: Format::new().set_num_format("0.0%"),
            date: Format::new().set_num_format("yyyy-mm-dd"),
        }
    }
}

/// What a CSV cell is in the workbook.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(u16, u8, u8),
}

/// The cell of column `column` holding `raw` (as the CSV has it).
pub(crate) fn cell(column: &str, raw: &str) -> Cell {
    if raw.is_empty() {
        return Cell::Empty;
    }
    if TEXT_COLUMNS.contains(&column) {
        return Cell::Text(unescaped(raw).to_string());
    }
    if let Some((y, m, d)) = iso_date(raw) {
        return Cell::Date(y, m, d);
    }
    match raw.parse::<f64>() {
        Ok(x) if x.is_finite() => Cell::Number(x),
        _ => Cell::Text(unescaped(raw).to_string()),
    }
}

/// The text without the apostrophe [`crate::export::csv::text`] puts before a
/// formula-like name: a string cell of a workbook is never evaluated.
fn unescaped(raw: &str) -> &str {
    match raw.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => raw,
    }
}

/// `2024-04-01` as (year, month, day); anything else is not a date.
fn iso_date(raw: &str) -> Option<(u16, u8, u8)> {
    let b = raw.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let date = chrono::NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok()?;
    use chrono::Datelike;
    Some((
        u16::try_from(date.year()).ok()?,
        date.month() as u8,
        date.day() as u8,
    ))
}

fn table_sheet(sheet: &mut Worksheet, bytes: &[u8], f: &Formats) -> Result<()> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers()?.clone();
    for (c, name) in header.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, name, &f.header)?;
    }
    for (r, record) in reader.records().enumerate() {
        let record = record?;
        let row = r as u32 + 1;
        for (c, (raw, column)) in record.iter().zip(header.iter()).enumerate() {
            let col = c as u16;
            match cell(column, raw) {
                Cell::Empty => {}
                Cell::Text(s) => {
                    sheet.write_string(row, col, s)?;
                }
                Cell::Number(x) if is_share(column) => {
                    sheet.write_number_with_format(row, col, x, &f.share)?;
                }
                Cell::Number(x) => {
                    sheet.write_number(row, col, x)?;
                }
                Cell::Date(y, m, d) => {
                    let date = ExcelDateTime::from_ymd(y, m, d)?;
                    sheet.write_datetime_with_format(row, col, &date, &f.date)?;
                }
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_autofit_max_width(MAX_WIDTH_PX).autofit();
    Ok(())
}

/// A column of shares (0 to 1), shown as percentages.
fn is_share(column: &str) -> bool {
    column.ends_with("_share") || column == "share" || column == "utilisation"
}

/// The manifest as two columns, field and value: nested fields by their dotted path
/// (`timings.load_seconds`), list items by their index (`files.3`).
fn manifest_sheet(sheet: &mut Worksheet, json: &str, f: &Formats) -> Result<()> {
    let value: serde_json::Value = serde_json::from_str(json).context("manifest.json")?;
    let mut rows = Vec::new();
    flatten("", &value, &mut rows);
    sheet.write_string_with_format(0, 0, "field", &f.header)?;
    sheet.write_string_with_format(0, 1, "value", &f.header)?;
    for (r, (key, v)) in rows.iter().enumerate() {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, key)?;
        match v {
            serde_json::Value::Number(n) => {
                sheet.write_number(row, 1, n.as_f64().unwrap_or(f64::NAN))?;
            }
            serde_json::Value::Bool(b) => {
                sheet.write_boolean(row, 1, *b)?;
            }
            serde_json::Value::String(s) => {
                sheet.write_string(row, 1, s)?;
            }
            other => {
                sheet.write_string(row, 1, other.to_string())?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_autofit_max_width(MAX_WIDTH_PX).autofit();
    Ok(())
}

fn flatten(prefix: &str, v: &serde_json::Value, out: &mut Vec<(String, serde_json::Value)>) {
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}.{k}")
        }
    };
    match v {
        serde_json::Value::Object(m) => {
            for (k, v) in m {
                flatten(&key(k), v, out);
            }
        }
        serde_json::Value::Array(a) if !a.is_empty() => {
            for (i, v) in a.iter().enumerate() {
                flatten(&key(&i.to_string()), v, out);
            }
        }
        other => out.push((prefix.to_string(), other.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_typed_by_column_and_content() {
        assert_eq!(cell("p50", "365.25"), Cell::Number(365.25));
        assert_eq!(cell("variant", "2026"), Cell::Text("2026".into()));
        assert_eq!(cell("first_day", "2024-04-01"), Cell::Date(2024, 4, 1));
        assert_eq!(cell("p50", ""), Cell::Empty);
        assert_eq!(
            cell("title", "'=HYPERLINK(1)"),
            Cell::Text("=HYPERLINK(1)".into())
        );
        assert_eq!(cell("title", "'quoted"), Cell::Text("'quoted".into()));
        assert_eq!(cell("eligible", "true"), Cell::Text("true".into()));
        assert_eq!(cell("p50", "NaN"), Cell::Text("NaN".into()));
    }

    #[test]
    fn the_manifest_is_flattened_to_dotted_fields() {
        let v: serde_json::Value =
            serde_json::from_str(r#"{"a":1,"t":{"x":true},"files":["s.csv","m.json"],"e":[]}"#)
                .unwrap();
        let mut rows = Vec::new();
        flatten("", &v, &mut rows);
        let keys: Vec<&str> = rows.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "e", "files.0", "files.1", "t.x"]);
    }

    #[test]
    fn a_workbook_is_written_and_is_the_same_twice() {
        let summary = b"scenario,p50,approved_share\ns,10,1\n".as_slice();
        let tables = [("summary.csv", summary), ("unknown.csv", summary)];
        let a = workbook(&tables, r#"{"seed":1}"#).unwrap();
        let b = workbook(&tables, r#"{"seed":1}"#).unwrap();
        assert!(a.starts_with(b"PK"), "a zip file");
        assert_eq!(a, b, "reproducible");
    }
}
