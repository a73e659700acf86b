//! Observed data: dated records of real applications, one row per application, read
//! from a CSV that analysts keep in a spreadsheet (data/observed/ holds the shipped ones;
//! their README documents the format). What `regsim fit` fits and `regsim validate`
//! holds a scenario against.
//!
//! An application still pending at the data's cut-off (`approved` empty, or approved
//! after `--as-of`) is kept as **right-censored**: its review has lasted at least until
//! the cut-off. Dropping it would keep only the reviews that were quick enough to end in
//! the window, so every fit and every percentile would come out too short; the slow
//! reviews are exactly the ones still open.
//!
//! Every row is checked: dates that do not parse, an approval before its submission,
//! a clock start outside the review, negative day counts and duplicate ids are refused
//! with the file and line (exit 2), never skipped.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::failure::Failure;

/// The longest duration or day count accepted, in days (100 years): beyond it a date or
/// a count is wrong.
pub const MAX_DAYS: f64 = 36_525.0;

/// The columns a file must have.
pub const REQUIRED: [&str; 4] = ["id", "pathway", "submitted", "approved"];

/// Which span of an application a duration measures (the fitted stage must count the
/// same one: see capacity-and-calibration's "which clock" pitfall).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Clock {
    /// Calendar days from `clock_start` (or `submitted` where there is none) to approval:
    /// regulator and applicant time together, what CIRS and PMDA's total review time count.
    #[default]
    Total,
    /// The `regulator_days` column: the regulator's share of the review.
    Regulator,
    /// The `applicant_days` column: the time the clock was stopped for the applicant.
    Applicant,
}

impl Clock {
    /// The name used on the command line and in outputs.
    pub fn name(self) -> &'static str {
        match self {
            Clock::Total => "total",
            Clock::Regulator => "regulator",
            Clock::Applicant => "applicant",
        }
    }
}

/// One application as the file gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// The file's line the row starts on (the header is line 1).
    pub line: u64,
    pub id: String,
    /// The scenario pathway this is an observation of.
    pub pathway: String,
    pub submitted: NaiveDate,
    /// Empty while pending.
    pub approved: Option<NaiveDate>,
    /// Where the review clock starts, when not at submission (e.g. a filing date).
    pub clock_start: Option<NaiveDate>,
    pub regulator_days: Option<f64>,
    pub applicant_days: Option<f64>,
    pub product: Option<String>,
}

/// A duration in days, or a lower bound of one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Duration {
    pub days: f64,
    /// False when the application was still pending at the cut-off: the review lasted
    /// at least `days` (right-censored).
    pub approved: bool,
}

/// The rows of one file and the cut-off they are read at.
#[derive(Debug, Clone)]
pub struct Observed {
    pub path: PathBuf,
    /// The rows submitted on or before the cut-off, in file order.
    pub rows: Vec<Observation>,
    /// The cut-off: `--as-of`, or the latest date in the file.
    pub as_of: NaiveDate,
    /// The file's SHA-256, for the manifest.
    pub sha256: String,
}

impl Observed {
    /// Reads and checks `path`. Rows submitted after `as_of` did not exist at the
    /// cut-off and are left out; approvals after it count as pending.
    pub fn read(path: &Path, as_of: Option<NaiveDate>) -> Result<Observed, Failure> {
        let bytes = std::fs::read(path)
            .map_err(|e| Failure::BadInput(format!("cannot read {}: {e}", path.display())))?;
        Self::parse(path, &bytes, as_of)
    }

    /// [`Observed::read`] on the file's bytes (`path` names it in messages).
    pub fn parse(path: &Path, bytes: &[u8], as_of: Option<NaiveDate>) -> Result<Observed, Failure> {
        let shown = path.display().to_string();
        let bad =
            |line: u64, message: String| Failure::BadInput(format!("{shown}:{line}: {message}"));
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
        let header = reader
            .headers()
            .map_err(|e| bad(1, format!("the header row cannot be read: {e}")))?
            .clone();
        let columns = Columns::new(&header).map_err(|m| bad(1, m))?;
        let mut rows = Vec::new();
        let mut ids = HashSet::new();
        for record in reader.records() {
            let record = record.map_err(|e| {
                let line = e.position().map_or(0, |p| p.line());
                bad(line, format!("the row cannot be read: {}", csv_reason(&e)))
            })?;
            let line = record.position().map_or(0, |p| p.line());
            if record.iter().all(|f| f.trim().is_empty()) {
                continue;
            }
            let row = columns.row(&record, line).map_err(|m| bad(line, m))?;
            if !ids.insert(row.id.clone()) {
                return Err(bad(line, format!("id `{}` is used twice", row.id)));
            }
            rows.push(row);
        }
        let latest = rows
            .iter()
            .flat_map(|r| [Some(r.submitted), r.approved, r.clock_start])
            .flatten()
            .max();
        let Some(latest) = latest else {
            return Err(bad(1, "the file has no application rows".into()));
        };
        let as_of = as_of.unwrap_or(latest);
        rows.retain(|r| r.submitted <= as_of);
        if rows.is_empty() {
            return Err(Failure::BadInput(format!(
                "{shown}: no application was submitted on or before the cut-off {as_of}"
            )));
        }
        Ok(Observed {
            path: path.to_path_buf(),
            rows,
            as_of,
            sha256: crate::scenario::sha256_hex(bytes),
        })
    }

    /// The pathways the rows name, in order of first appearance.
    pub fn pathways(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in &self.rows {
            if !out.contains(&r.pathway.as_str()) {
                out.push(&r.pathway);
            }
        }
        out
    }

    /// The rows of `pathway` (all rows for `None`).
    pub fn of<'a>(&'a self, pathway: Option<&'a str>) -> impl Iterator<Item = &'a Observation> {
        self.rows
            .iter()
            .filter(move |r| pathway.is_none_or(|p| r.pathway == p))
    }

    /// The durations of `pathway`'s rows on `clock`, approved or censored at the cut-off.
    /// A row that lacks what `clock` needs is an error naming its line.
    pub fn durations(&self, pathway: Option<&str>, clock: Clock) -> Result<Vec<Duration>, Failure> {
        self.of(pathway)
            .map(|r| {
                r.duration(clock, self.as_of).ok_or_else(|| {
                    Failure::BadInput(format!(
                        "{}:{}: `{}_days` is empty: the {} clock needs it on every row",
                        self.path.display(),
                        r.line,
                        clock.name(),
                        clock.name()
                    ))
                })
            })
            .collect()
    }

    /// How many rows of `pathway` were still pending at the cut-off.
    pub fn pending(&self, pathway: Option<&str>) -> usize {
        self.of(pathway)
            .filter(|r| !r.is_approved_by(self.as_of))
            .count()
    }
}

impl Observation {
    /// Approved on or before `as_of`.
    pub fn is_approved_by(&self, as_of: NaiveDate) -> bool {
        self.approved.is_some_and(|a| a <= as_of)
    }

    /// The duration on `clock` as seen at `as_of`; `None` when the row lacks the
    /// column that clock reads. A pending row's regulator or applicant days are the days
    /// counted so far, a lower bound like its total.
    pub fn duration(&self, clock: Clock, as_of: NaiveDate) -> Option<Duration> {
        let approved = self.is_approved_by(as_of);
        let start = self.clock_start.unwrap_or(self.submitted).min(as_of);
        let end = if approved { self.approved? } else { as_of };
        let days = match clock {
            Clock::Total => (end - start).num_days() as f64,
            Clock::Regulator => self.regulator_days?,
            Clock::Applicant => self.applicant_days?,
        };
        Some(Duration { days, approved })
    }
}

/// Where each column sits in the header.
struct Columns {
    id: usize,
    pathway: usize,
    submitted: usize,
    approved: usize,
    clock_start: Option<usize>,
    regulator_days: Option<usize>,
    applicant_days: Option<usize>,
    product: Option<usize>,
}

impl Columns {
    fn new(header: &csv::StringRecord) -> Result<Columns, String> {
        let at = |name: &str| header.iter().position(|h| h.trim() == name);
        let missing: Vec<&str> = REQUIRED.into_iter().filter(|c| at(c).is_none()).collect();
        if !missing.is_empty() {
            return Err(format!(
                "the header has no column {}: an observed-data file needs {} (and may have clock_start, regulator_days, applicant_days, product)",
                missing
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                REQUIRED
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let need = |name: &str| at(name).unwrap_or(0);
        Ok(Columns {
            id: need("id"),
            pathway: need("pathway"),
            submitted: need("submitted"),
            approved: need("approved"),
            clock_start: at("clock_start"),
            regulator_days: at("regulator_days"),
            applicant_days: at("applicant_days"),
            product: at("product"),
        })
    }

    fn row(&self, record: &csv::StringRecord, line: u64) -> Result<Observation, String> {
        let field = |k: usize| record.get(k).unwrap_or("").trim();
        let optional = |k: Option<usize>| k.map(field).filter(|s| !s.is_empty());
        let id = field(self.id);
        if id.is_empty() {
            return Err("`id` is empty: every row needs a name".into());
        }
        let pathway = field(self.pathway);
        if pathway.is_empty() {
            return Err(format!("`pathway` is empty in row `{id}`"));
        }
        let submitted = date("submitted", field(self.submitted))?
            .ok_or_else(|| format!("`submitted` is empty in row `{id}`"))?;
        let approved = date("approved", field(self.approved))?;
        let clock_start = date("clock_start", optional(self.clock_start).unwrap_or(""))?;
        if let Some(a) = approved.filter(|a| *a < submitted) {
            return Err(format!(
                "row `{id}` was approved on {a}, before it was submitted on {submitted}"
            ));
        }
        if let Some(c) = clock_start
            && (c < submitted || approved.is_some_and(|a| c > a))
        {
            return Err(format!(
                "row `{id}`: clock_start {c} is outside its review ({submitted} to {})",
                approved.map_or("pending".to_string(), |a| a.to_string())
            ));
        }
        Ok(Observation {
            line,
            id: id.to_string(),
            pathway: pathway.to_string(),
            submitted,
            approved,
            clock_start,
            regulator_days: days("regulator_days", optional(self.regulator_days))?,
            applicant_days: days("applicant_days", optional(self.applicant_days))?,
            product: optional(self.product).map(str::to_string),
        })
    }
}

/// A date column: empty is `None`, anything else must be YYYY-MM-DD.
fn date(name: &str, text: &str) -> Result<Option<NaiveDate>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| format!("`{name}` is `{text}`, not a date like 2024-04-01"))
}

/// A day-count column: a finite number from 0 to 100 years of days.
fn days(name: &str, text: Option<&str>) -> Result<Option<f64>, String> {
    let Some(text) = text else { return Ok(None) };
    match text.parse::<f64>() {
        Ok(d) if d.is_finite() && (0.0..=MAX_DAYS).contains(&d) => Ok(Some(d)),
        _ => Err(format!(
            "`{name}` is `{text}`, not a number of days from 0 to {MAX_DAYS}"
        )),
    }
}

/// The csv crate's reason without its own position (the message gives the line).
fn csv_reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("it has {len} fields where the header has {expected_len}")
        }
        csv::ErrorKind::Utf8 { .. } => "it is not UTF-8 text".into(),
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, as_of: Option<&str>) -> Result<Observed, String> {
        let as_of = as_of.map(|d| d.parse().unwrap());
        Observed::parse(Path::new("obs.csv"), text.as_bytes(), as_of).map_err(|e| e.to_string())
    }

    const HEAD: &str = "id,pathway,submitted,approved\n";

    #[test]
    fn pending_rows_are_censored_at_the_latest_date() {
        let o = parse(
            &format!("{HEAD}a,p,2024-01-01,2024-03-01\nb,p,2024-02-01,\n"),
            None,
        )
        .unwrap();
        assert_eq!(o.as_of, "2024-03-01".parse::<NaiveDate>().unwrap());
        let d = o.durations(Some("p"), Clock::Total).unwrap();
        assert_eq!(
            d[0],
            Duration {
                days: 60.0,
                approved: true
            }
        );
        assert_eq!(
            d[1],
            Duration {
                days: 29.0,
                approved: false
            }
        );
        assert_eq!(o.pending(None), 1);
    }

    #[test]
    fn as_of_drops_later_submissions_and_censors_later_approvals() {
        let text = format!("{HEAD}a,p,2024-01-01,2024-03-01\nb,p,2024-04-01,2024-05-01\n");
        let o = parse(&text, Some("2024-02-01")).unwrap();
        assert_eq!(o.rows.len(), 1);
        let d = o.durations(None, Clock::Total).unwrap();
        assert_eq!(
            d,
            vec![Duration {
                days: 31.0,
                approved: false
            }]
        );
    }

    #[test]
    fn clock_start_and_the_day_columns() {
        let text = "id,pathway,submitted,approved,clock_start,regulator_days\n\
                    a,p,2024-01-01,2024-03-01,2024-01-31,20\n";
        let o = parse(text, None).unwrap();
        assert_eq!(o.durations(None, Clock::Total).unwrap()[0].days, 30.0);
        assert_eq!(o.durations(None, Clock::Regulator).unwrap()[0].days, 20.0);
        let e = o.durations(None, Clock::Applicant).unwrap_err().to_string();
        assert_eq!(
            e,
            "obs.csv:2: `applicant_days` is empty: the applicant clock needs it on every row"
        );
    }

    #[test]
    fn impossible_rows_are_refused_with_their_line() {
        let cases = [
            (
                "a,p,2024-03-01,2024-01-01",
                "obs.csv:3: row `a` was approved on 2024-01-01, before it was submitted on 2024-03-01",
            ),
            (
                "a,p,2024-02-30,",
                "obs.csv:3: `submitted` is `2024-02-30`, not a date like 2024-04-01",
            ),
            (
                "a,p,,2024-01-01",
                "obs.csv:3: `submitted` is empty in row `a`",
            ),
            (
                ",p,2024-01-01,",
                "obs.csv:3: `id` is empty: every row needs a name",
            ),
            ("x,p,2024-01-01,", "obs.csv:3: id `x` is used twice"),
            (
                "a,p,2024-01-01",
                "obs.csv:3: the row cannot be read: it has 3 fields where the header has 4",
            ),
        ];
        for (row, want) in cases {
            let text = format!("{HEAD}x,p,2023-01-01,2023-02-01\n{row}\n");
            assert_eq!(parse(&text, None).unwrap_err(), want, "{row}");
        }
    }

    #[test]
    fn header_without_required_columns() {
        let e = parse("id,submitted\na,2024-01-01\n", None).unwrap_err();
        assert!(
            e.starts_with("obs.csv:1: the header has no column `pathway`, `approved`"),
            "{e}"
        );
        assert_eq!(
            parse(HEAD, None).unwrap_err(),
            "obs.csv:1: the file has no application rows"
        );
    }

    #[test]
    fn bom_and_blank_lines_are_fine() {
        let o = parse(
            &format!("\u{feff}{HEAD}a,p,2024-01-01,2024-01-02\n,,,\n"),
            None,
        )
        .unwrap();
        assert_eq!(o.rows.len(), 1);
    }

    #[test]
    fn the_shipped_files_read() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/observed");
        let special = Observed::read(&dir.join("japan-special-approvals.csv"), None).unwrap();
        assert_eq!(
            (special.pathways(), special.pending(None)),
            (vec!["special"], 0)
        );
        let days = special.durations(None, Clock::Total).unwrap();
        assert!(
            days.iter()
                .all(|d| d.approved && (3.0..=105.0).contains(&d.days))
        );
        let emergency = Observed::read(&dir.join("japan-emergency-approvals.csv"), None).unwrap();
        let xocova = emergency
            .durations(Some("emergency"), Clock::Total)
            .unwrap();
        assert_eq!(
            xocova,
            vec![Duration {
                days: 270.0,
                approved: true
            }]
        );
    }
}
