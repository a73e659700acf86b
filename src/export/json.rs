//! `--json`: a run's table printed on stdout as JSON, for scripts.
//!
//! Like summary.xlsx ([`crate::export::xlsx`]), the JSON is the CSV table the run wrote,
//! typed: one object per row, keyed by the CSV's column names, numbers as numbers, empty
//! cells as `null`, ids, titles and dates as strings. A line per output folder:
//! `{"output": "<folder>", "<table>": [rows...]}`.

use anyhow::{Context, Result};
use serde_json::{Map, Value};

use crate::export::xlsx::{Cell, cell};

/// The rows of a CSV table as JSON objects.
pub fn table(bytes: &[u8]) -> Result<Value> {
    let mut reader = csv::Reader::from_reader(bytes);
    let header = reader.headers()?.clone();
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record?;
        let mut row = Map::new();
        for (column, raw) in header.iter().zip(record.iter()) {
            let value = match cell(column, raw) {
                Cell::Empty => Value::Null,
                // Whole numbers as the CSV writes them (365) stay integers.
                Cell::Number(_) if raw.parse::<i64>().is_ok() => {
                    Value::from(raw.parse::<i64>().unwrap_or_default())
                }
                Cell::Number(x) => {
                    serde_json::Number::from_f64(x).map_or(Value::Null, Value::Number)
                }
                Cell::Text(s) => Value::String(s),
                Cell::Date(..) => Value::String(raw.to_string()),
            };
            row.insert(column.to_string(), value);
        }
        rows.push(Value::Object(row));
    }
    Ok(Value::Array(rows))
}

/// The line `--json` prints for the folder `dir`: its `file` (e.g. summary.csv, as
/// written) under the key `key`.
pub fn line(dir: &std::path::Path, file: &str, key: &str) -> Result<String> {
    let path = dir.join(file);
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut doc = Map::new();
    doc.insert("output".into(), Value::String(dir.display().to_string()));
    doc.insert(key.into(), table(&bytes)?);
    Ok(Value::Object(doc).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_typed_objects() {
        let csv = b"scenario,variant,p50,n,target_days,first_day\ns,2026,334.5,7,,2024-04-01\n";
        let v = table(csv).unwrap();
        assert_eq!(
            v,
            serde_json::json!([{
                "scenario": "s", "variant": "2026", "p50": 334.5, "n": 7,
                "target_days": null, "first_day": "2024-04-01"
            }])
        );
    }
}
