//! Several runs of a scenario (the baseline and its variants) in one CSV file: each
//! run's rows, as the single-run exporters write them, with the `variant` column filled.

use anyhow::Result;

use super::csv::text;

/// Concatenates CSV files of the same columns, one per run (the baseline first), setting
/// each row's `variant` column to its run's id (empty for the baseline); one header.
pub fn label_variants(files: &[(&str, Vec<u8>)]) -> Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for (n, (variant, bytes)) in files.iter().enumerate() {
        let mut r = csv::Reader::from_reader(bytes.as_slice());
        let header = r.headers()?.clone();
        let col = header.iter().position(|h| h == "variant");
        if n == 0 {
            w.write_record(&header)?;
        }
        for rec in r.records() {
            let rec = rec?;
            let row: Vec<String> = rec
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    if Some(i) == col {
                        text(variant)
                    } else {
                        v.to_string()
                    }
                })
                .collect();
            w.write_record(&row)?;
        }
    }
    Ok(w.into_inner()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_labelled_with_their_variant_under_one_header() {
        let a = b"scenario,variant,p50\ns,,10\n".to_vec();
        let b = b"scenario,variant,p50\ns,,8\n".to_vec();
        let out = label_variants(&[("", a), ("faster", b)]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "scenario,variant,p50\ns,,10\ns,faster,8\n"
        );
    }
}
