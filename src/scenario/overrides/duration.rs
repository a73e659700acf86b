//! `*F` and `+D` on a number or a duration table: which parameters of each
//! distribution are times (scaled) and which are a location (shifted).

use toml::{Table, Value};

/// A number mapped, kept whole when it was whole and still is (`iterations=*2`).
pub(super) fn map_number(v: &Value, f: impl Fn(f64) -> f64) -> Value {
    match v {
        Value::Integer(i) => {
            let y = f(*i as f64);
            if y.fract() == 0.0 && y.abs() < 9.0e15 {
                Value::Integer(y as i64)
            } else {
                Value::Float(y)
            }
        }
        Value::Float(x) => Value::Float(f(*x)),
        other => other.clone(),
    }
}

/// The parameters that are times, in days, whichever the distribution: scaling a
/// duration by F multiplies each of them by F.
const TIME_PARAMETERS: [&str; 9] = [
    "days", "min", "mode", "max", "mean", "sd", "median", "p90", "scale",
];

/// `*F` on a duration table: every draw X becomes F·X. Every time parameter (days,
/// min, mode, max, mean, sd, median, p90, scale, each of the empirical values) is
/// multiplied by F; shapes (gamma, Weibull) and a lognormal's sigma are unchanged, its
/// mu grows by ln F. Because regsim samples each of these by a rule that is linear in
/// the scale (inverse distribution functions, and gamma draws that depend on the shape
/// only), a scaled stage draws exactly F times the baseline's draw from the same
/// random numbers.
pub fn scale_duration(t: &mut Table, f: f64) -> Result<(), String> {
    for key in TIME_PARAMETERS {
        if let Some(v) = t.get_mut(key) {
            *v = map_number(v, |x| x * f);
        }
    }
    if let Some(v) = t.get_mut("mu") {
        *v = map_number(v, |x| x + f.ln());
    }
    if let Some(Value::Array(values)) = t.get_mut("values") {
        for v in values {
            *v = map_number(v, |x| x * f);
        }
    }
    Ok(())
}

/// `+D` on a duration table: every draw X becomes X + D, for the distributions that
/// have a location: fixed (days), uniform, triangular and PERT (min, mode, max),
/// empirical (every value), normal (mean; the truncation at zero stays at zero, so the
/// shift is exact only where the truncated part is negligible). Lognormal, gamma,
/// Weibull and exponential durations start at zero and have no location parameter: they
/// are refused rather than silently reshaped.
pub fn shift_duration(t: &mut Table, d: f64) -> Result<(), String> {
    let name = t
        .get("distribution")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let keys: &[&str] = match name.as_str() {
        "fixed" => &["days"],
        "uniform" => &["min", "max"],
        "triangular" | "pert" => &["min", "mode", "max"],
        "normal" => &["mean"],
        "empirical" => &[],
        "lognormal" | "gamma" | "weibull" | "exponential" => {
            return Err(format!(
                "a {name} duration starts at zero and has no location to shift"
            ));
        }
        other => return Err(format!("unknown distribution `{other}`")),
    };
    for key in keys {
        if let Some(v) = t.get_mut(*key) {
            *v = map_number(v, |x| x + d);
        }
    }
    if let Some(Value::Array(values)) = t.get_mut("values") {
        for v in values {
            *v = map_number(v, |x| x + d);
        }
    }
    Ok(())
}
