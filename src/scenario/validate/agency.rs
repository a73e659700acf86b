//! `[agency]`, its pools and the pathways' `[pathway.arrivals]` and stage `pool`s,
//! checked and compiled into [`Agency`].

use chrono::NaiveDate;
use toml::Spanned;

use super::Validator;
use crate::diagnostic::did_you_mean;
use crate::model::Pathway;
use crate::model::agency::{Agency, Arrivals, DAYS_PER_YEAR, Pool};
use crate::model::calendar::fiscal::FiscalYear;
use crate::scenario::raw::{RawArrivals, RawPathway, RawPool, RawScenario};

/// The longest horizon: 40 years (with ten more to drain the queues, within the 60
/// years regsim's calendars reach).
pub const MAX_AGENCY_YEARS: f64 = 40.0;
/// More reviewers, or applications a year, than this is a typo.
const MAX_COUNT: f64 = 1_000_000.0;
/// The most applications one replication may bring (over the horizon and the years
/// that drain it): an agency the size of the largest drug and device regulators over
/// decades, and a replication within a second and some tens of MB.
pub const MAX_APPLICATIONS: f64 = 200_000.0;

impl Validator {
    /// The agency, if the scenario has one: `None` with no `[agency]` (after checking
    /// that nothing needs one) or when a problem was found.
    pub(super) fn agency(
        &mut self,
        raw: &RawScenario,
        raw_pathways: &[RawPathway],
        pathways: &[Pathway],
        submitted: NaiveDate,
        fiscal_year: Option<FiscalYear>,
        scenario_dir: Option<&std::path::Path>,
    ) -> Result<Option<Agency>, ()> {
        let Some(spanned) = &raw.agency else {
            return self.nothing_needs_an_agency(raw_pathways);
        };
        let a = spanned.get_ref();
        let before = self.problems.len();
        if !raw.product.is_empty() {
            self.error(
                spanned.span(),
                "an [agency] cannot be simulated with [[product]] tables yet",
                Some("give each pathway its arrivals instead of products".into()),
            );
        }
        if let Some(until) = &raw.scenario.submitted_until {
            self.error(
                until.span(),
                "with an [agency], applications arrive as `[pathway.arrivals]` say, not in a submission window",
                Some("remove `submitted_until`; `submitted` is the first day of the agency's horizon".into()),
            );
        }
        let years = *a.years.get_ref();
        if !(years.is_finite() && years > 0.0 && years <= MAX_AGENCY_YEARS) {
            self.error(
                a.years.span(),
                format!("`years` must be more than 0 and at most {MAX_AGENCY_YEARS}, not {years}"),
                Some("e.g. years = 10".into()),
            );
        }
        let warm_up = a.warm_up_years.as_ref().map_or(0.0, |w| *w.get_ref());
        if let Some(w) = &a.warm_up_years
            && !(warm_up.is_finite() && warm_up >= 0.0 && warm_up < years)
        {
            self.error(
                    w.span(),
                    format!("`warm_up_years` must be from 0 up and less than `years` ({years}), not {warm_up}"),
                    Some("a warm-up of a year or two lets the queues fill before reporting".into()),
                );
        }
        let horizon_days = (years.clamp(0.0, MAX_AGENCY_YEARS) * DAYS_PER_YEAR).round() as u32;
        let warm_up_days = (warm_up.clamp(0.0, MAX_AGENCY_YEARS) * DAYS_PER_YEAR).round() as u32;
        let pool_ids: Vec<&str> = a.pool.iter().map(|p| p.id.get_ref().as_str()).collect();
        let pathway_ids: Vec<&str> = raw_pathways
            .iter()
            .map(|p| p.id.get_ref().as_str())
            .collect();
        let mut pools = Vec::new();
        for (i, p) in a.pool.iter().enumerate() {
            self.check_id(&p.id, "pool id");
            if pool_ids[..i].contains(&p.id.get_ref().as_str()) {
                self.error(
                    p.id.span(),
                    format!("pool id `{}` is used twice", p.id.get_ref()),
                    Some("give every pool its own id".into()),
                );
            }
            pools.push(self.pool(p, &pathway_ids, submitted));
        }
        let mut arrivals = Vec::new();
        let mut stage_pools = Vec::new();
        for p in raw_pathways {
            arrivals.push(p.arrivals.as_ref().and_then(|r| {
                let mut a = self.arrivals(r, submitted, fiscal_year)?;
                if let Some(file) = &r.get_ref().file {
                    a.dated = self.arrivals_file(file, scenario_dir, p.id.get_ref(), submitted)?;
                }
                Some(a)
            }));
            stage_pools.push(
                p.stage
                    .iter()
                    .map(|s| s.pool.as_ref().and_then(|id| self.pool_ref(id, &pool_ids)))
                    .collect::<Vec<_>>(),
            );
        }
        if raw_pathways.iter().all(|p| p.arrivals.is_none()) {
            self.error(
                spanned.span(),
                "no pathway has `[pathway.arrivals]`: nothing arrives at the agency",
                Some("add e.g. `[pathway.arrivals]` with `per_year = 120` to a pathway".into()),
            );
        }
        self.bounded_arrivals(
            spanned.span(),
            &arrivals,
            years.clamp(0.0, MAX_AGENCY_YEARS),
        );
        if self.problems.len() > before || pathways.len() != raw_pathways.len() {
            return Err(());
        }
        Ok(Some(Agency {
            horizon_days,
            warm_up_days,
            pools: pools.into_iter().collect::<Option<_>>().ok_or(())?,
            arrivals,
            stage_pools,
        }))
    }

    /// The submission dates of `file`'s rows (of pathway `pathway` when it has a
    /// `pathway` column), as days after `submitted`, sorted. A row that cannot be read
    /// is an error naming the file and its line.
    fn arrivals_file(
        &mut self,
        file: &Spanned<String>,
        dir: Option<&std::path::Path>,
        pathway: &str,
        submitted: NaiveDate,
    ) -> Option<Vec<f64>> {
        let path = dir.map_or_else(
            || std::path::PathBuf::from(file.get_ref()),
            |d| d.join(file.get_ref()),
        );
        let fail = |v: &mut Validator, message: String| {
            v.error(file.span(), message, Some("a CSV with a header row and a `submitted` column of dates (YYYY-MM-DD), e.g. data/observed's files".into()));
            None
        };
        let mut reader = match csv::Reader::from_path(&path) {
            Ok(r) => r,
            Err(e) => return fail(self, format!("cannot read {}: {e}", path.display())),
        };
        let header = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => return fail(self, format!("{}: {e}", path.display())),
        };
        let Some(at) = header.iter().position(|h| h == "submitted") else {
            return fail(
                self,
                format!("{} has no `submitted` column", path.display()),
            );
        };
        let of = header.iter().position(|h| h == "pathway");
        let mut days = Vec::new();
        for (i, row) in reader.records().enumerate() {
            let line = i + 2;
            let row = match row {
                Ok(r) => r,
                Err(e) => return fail(self, format!("{} line {line}: {e}", path.display())),
            };
            if of.is_some_and(|k| row.get(k) != Some(pathway)) {
                continue;
            }
            let text = row.get(at).unwrap_or("").trim();
            match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                Ok(d) if d < submitted => {
                    return fail(
                        self,
                        format!(
                            "{} line {line}: the application of {d} comes before `submitted` ({submitted}), the horizon's first day",
                            path.display()
                        ),
                    );
                }
                Ok(d) => days.push((d - submitted).num_days() as f64),
                Err(_) => {
                    return fail(
                        self,
                        format!(
                            "{} line {line}: `submitted` is `{text}`, not a date like 2024-04-01",
                            path.display()
                        ),
                    );
                }
            }
        }
        if days.is_empty() {
            return fail(
                self,
                format!(
                    "{} has no application of pathway `{pathway}`",
                    path.display()
                ),
            );
        }
        days.sort_by(f64::total_cmp);
        Some(days)
    }

    /// At most [`MAX_APPLICATIONS`] applications per replication, by the highest rate
    /// any day can have over the horizon and the ten years that drain it: a growth or a
    /// surge that compounds to millions would exhaust memory, not answer a question.
    fn bounded_arrivals(
        &mut self,
        span: std::ops::Range<usize>,
        arrivals: &[Option<Arrivals>],
        years: f64,
    ) {
        let span_years = years + (crate::engine::queue::DRAIN_DAYS as f64 / DAYS_PER_YEAR);
        let most: f64 = arrivals
            .iter()
            .flatten()
            .map(|a| {
                if !a.dated.is_empty() {
                    return a.dated.len() as f64;
                }
                let growth = (1.0 + a.growth_per_year).powf(span_years).max(1.0);
                let listed = a.by_year.iter().map(|y| y.2).fold(0.0, f64::max);
                let surge = a.surge.map_or(1.0, |s| s.1.max(1.0));
                (a.per_year * growth).max(listed) * surge * span_years
            })
            .sum();
        if most.is_nan() || most > MAX_APPLICATIONS {
            self.error(
                span,
                format!(
                    "the arrivals could reach {} applications in one replication, more than the {} regsim simulates",
                    if most.is_finite() { format!("{most:.0}") } else { "infinitely many".into() },
                    MAX_APPLICATIONS as u64
                ),
                Some("lower `per_year`, `growth_per_year` or the surge's `factor`, or shorten `years`".into()),
            );
        }
    }

    /// Without an `[agency]`: no pathway may give arrivals and no stage a pool.
    fn nothing_needs_an_agency(
        &mut self,
        raw_pathways: &[RawPathway],
    ) -> Result<Option<Agency>, ()> {
        let mut ok = true;
        for p in raw_pathways {
            if let Some(a) = &p.arrivals {
                ok = false;
                self.error(
                    a.span(),
                    "`[pathway.arrivals]` needs an [agency] table",
                    Some(
                        "add `[agency]` with `years = ...` and its `[[agency.pool]]` reviewers"
                            .into(),
                    ),
                );
            }
            for s in &p.stage {
                if let Some(pool) = &s.pool {
                    ok = false;
                    self.error(
                        pool.span(),
                        format!(
                            "pool `{}` needs an [agency] table that defines it",
                            pool.get_ref()
                        ),
                        Some("add `[agency]` and `[[agency.pool]]` with this id".into()),
                    );
                }
            }
        }
        if ok { Ok(None) } else { Err(()) }
    }

    fn pool_ref(&mut self, id: &Spanned<String>, pool_ids: &[&str]) -> Option<usize> {
        let found = pool_ids.iter().position(|p| p == id.get_ref());
        if found.is_none() {
            let help = match did_you_mean(id.get_ref(), pool_ids.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None if pool_ids.is_empty() => "define it in an [[agency.pool]] table".to_string(),
                None => format!("the agency's pools are: {}", pool_ids.join(", ")),
            };
            self.error(
                id.span(),
                format!("pool `{}` is not defined", id.get_ref()),
                Some(help),
            );
        }
        found
    }

    fn count(&mut self, value: &Spanned<i64>, what: &str) -> Option<u32> {
        let n = *value.get_ref();
        if !(0..=MAX_COUNT as i64).contains(&n) {
            self.error(
                value.span(),
                format!(
                    "{what} must be a whole number from 0 to {}, not {n}",
                    MAX_COUNT as i64
                ),
                None,
            );
            return None;
        }
        Some(n as u32)
    }

    fn pool(&mut self, p: &RawPool, pathway_ids: &[&str], submitted: NaiveDate) -> Option<Pool> {
        let reviewers = self.count(&p.reviewers, "`reviewers`");
        let priority = match p.discipline.as_ref().map(|d| d.get_ref().as_str()) {
            None | Some("fifo") => false,
            Some("priority") => true,
            Some(other) => {
                let d = p.discipline.as_ref().expect("matched a discipline");
                self.error(
                    d.span(),
                    format!("unknown discipline `{other}`"),
                    Some("use `fifo` (first come, first served) or `priority`".into()),
                );
                false
            }
        };
        let mut ranks = vec![0; pathway_ids.len()];
        if !priority && !p.priority_order.is_empty() {
            self.error(
                p.priority_order[0].span(),
                "`priority_order` needs `discipline = \"priority\"`",
                None,
            );
        }
        if priority {
            if p.priority_order.is_empty() {
                self.error(
                    p.id.span(),
                    format!(
                        "pool `{}` has discipline \"priority\" but no `priority_order`",
                        p.id.get_ref()
                    ),
                    Some(
                        "list the pathway ids served first, e.g. priority_order = [\"priority\"]"
                            .into(),
                    ),
                );
            }
            ranks = vec![p.priority_order.len() as u32; pathway_ids.len()];
            for (rank, id) in p.priority_order.iter().enumerate() {
                match pathway_ids.iter().position(|q| q == id.get_ref()) {
                    Some(i) if ranks[i] < rank as u32 => self.error(
                        id.span(),
                        format!("pathway `{}` is listed twice", id.get_ref()),
                        None,
                    ),
                    Some(i) => ranks[i] = rank as u32,
                    None => {
                        let help = did_you_mean(id.get_ref(), pathway_ids.iter().copied())
                            .map(|n| format!("did you mean `{n}`?"));
                        self.error(
                            id.span(),
                            format!("pathway `{}` is not defined", id.get_ref()),
                            help,
                        );
                    }
                }
            }
        }
        let mut changes: Vec<(f64, u32)> = Vec::new();
        let mut last_date: Option<NaiveDate> = None;
        let mut current = reviewers.unwrap_or(0);
        for c in &p.change {
            let date = self.date(&c.date, "a change's `date`");
            let n = self.count(&c.reviewers, "`reviewers`");
            let ramp = c.ramp_up_days.as_ref().map_or(0.0, |r| *r.get_ref());
            if let Some(r) = &c.ramp_up_days
                && !(ramp.is_finite() && (0.0..=3653.0).contains(&ramp))
            {
                self.error(
                    r.span(),
                    format!("`ramp_up_days` must be from 0 to 3653, not {ramp}"),
                    None,
                );
            }
            let (Some(date), Some(n)) = (date, n) else {
                continue;
            };
            if date < submitted || last_date.is_some_and(|l| date <= l) {
                self.error(c.date.span(), format!("the change on {date} must come after `submitted` ({submitted}) and after the pool's previous change"), Some("list the changes in date order".into()));
                continue;
            }
            last_date = Some(date);
            let day = (date - submitted).num_days() as f64;
            let effective = if n > current {
                day + ramp.clamp(0.0, 3653.0)
            } else {
                day
            };
            changes.push((effective, n));
            current = n;
        }
        // A ramp-up can make a rise take effect after a later change: keep them in the
        // order they take effect.
        changes.sort_by(|a, b| a.0.total_cmp(&b.0));
        Some(Pool {
            id: p.id.get_ref().clone(),
            title: if p.title.is_empty() {
                p.id.get_ref().clone()
            } else {
                p.title.clone()
            },
            reviewers: reviewers?,
            changes,
            ranks,
        })
    }

    fn arrivals(
        &mut self,
        r: &Spanned<RawArrivals>,
        submitted: NaiveDate,
        fiscal_year: Option<FiscalYear>,
    ) -> Option<Arrivals> {
        let a = r.get_ref();
        let before = self.problems.len();
        let rate = |v: &mut Validator, x: &Spanned<f64>, what: &str| {
            let n = *x.get_ref();
            if !(n.is_finite() && (0.0..=MAX_COUNT).contains(&n)) {
                v.error(
                    x.span(),
                    format!("{what} must be from 0 to {}, not {n}", MAX_COUNT as i64),
                    None,
                );
            }
            n
        };
        if a.per_year.is_none() && a.by_year.is_empty() && a.dates.is_empty() && a.file.is_none() {
            self.error(
                r.span(),
                "`[pathway.arrivals]` gives no arrivals",
                Some("give `per_year = ...`, `by_year = [...]` or `dates = [...]`".into()),
            );
        }
        if !a.dates.is_empty()
            && (a.per_year.is_some()
                || !a.by_year.is_empty()
                || a.surge.is_some()
                || a.growth_per_year.is_some())
        {
            self.error(
                a.dates[0].span(),
                "`dates` lists the applications: it cannot be combined with rates",
                Some(
                    "use either `dates` or `per_year` (with `growth_per_year`, `by_year`, `surge`)"
                        .into(),
                ),
            );
        }
        let per_year = a
            .per_year
            .as_ref()
            .map_or(0.0, |x| rate(self, x, "`per_year`"));
        let growth = a.growth_per_year.as_ref().map_or(0.0, |g| {
            let x = *g.get_ref();
            if !(x.is_finite() && x > -1.0 && x <= 10.0) {
                self.error(
                    g.span(),
                    format!("`growth_per_year` must be more than -1 and at most 10, not {x}"),
                    Some("0.05 is 5% more applications each year".into()),
                );
            }
            x
        });
        let fy = |d: NaiveDate| match fiscal_year {
            Some(f) => f.of(d),
            None => chrono::Datelike::year(&d),
        };
        let mut by_year = Vec::new();
        for y in &a.by_year {
            let n = rate(self, &y.per_year, "`per_year`");
            let year = *y.year.get_ref();
            let range = i32::try_from(year).ok().and_then(|year| match fiscal_year {
                Some(f) => f.range(year),
                None => Some((
                    NaiveDate::from_ymd_opt(year, 1, 1)?,
                    NaiveDate::from_ymd_opt(year, 12, 31)?,
                )),
            });
            match range {
                Some((first, last)) if last >= submitted => {
                    let day = |d: NaiveDate| (d - submitted).num_days().max(0) as u32;
                    by_year.push((day(first), day(last), n));
                }
                _ => self.error(
                    y.year.span(),
                    format!(
                        "year {year} ends before `submitted` ({submitted}, in year {})",
                        fy(submitted)
                    ),
                    None,
                ),
            }
        }
        let surge = a.surge.as_ref().and_then(|s| {
            let s = s.get_ref();
            let factor = *s.factor.get_ref();
            if !(factor.is_finite() && (0.0..=1000.0).contains(&factor)) {
                self.error(
                    s.factor.span(),
                    format!("a surge's `factor` must be from 0 to 1000, not {factor}"),
                    Some("2 doubles the applications".into()),
                );
            }
            let from = self.date(&s.from, "a surge's `from`")?;
            Some(((from - submitted).num_days().max(0) as u32, factor))
        });
        let mut dates = Vec::new();
        for d in &a.dates {
            match self.date(d, "an arrival date") {
                Some(date) if date < submitted => self.error(d.span(), format!("the application of {date} comes before `submitted` ({submitted}), the horizon's first day"), None),
                Some(date) => dates.push((date - submitted).num_days() as f64),
                None => {}
            }
        }
        dates.sort_by(f64::total_cmp);
        (self.problems.len() == before).then_some(Arrivals {
            per_year,
            by_year,
            growth_per_year: growth,
            surge,
            dated: dates,
        })
    }
}
