//! The grammar of one override: `PATH=VALUE`, where VALUE is a TOML value, `*F` or `+D`.
//! Parsing needs no scenario: a path is checked against the document only when applied.

use toml::{Table, Value};

use super::{Op, Override, OverrideError};

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
