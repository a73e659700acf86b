//! Evidence, products, eligibility and what follows approval; then each product's copy
//! of every pathway it may take.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;

use super::{MAX_WINDOW_DAYS, Validator};
use crate::diagnostic::did_you_mean;
use crate::model::after_approval::{FollowUp, Updates};
use crate::model::duration::Duration;
use crate::model::product::{Eligibility, Evidence, Product, ProductType, decide};
use crate::model::{Pathway, ProductCase, ProductDecision};
use crate::scenario::raw::{RawEligibility, RawEvidence, RawFollowUp, RawProduct, RawUpdates};

/// The most updates a pathway may simulate per iteration: a typo guard (weekly updates
/// for twenty years is about a thousand).
const MAX_UPDATES: f64 = 1000.0;

impl Validator {
    /// The `[[evidence]]` tables, with `implies` closed transitively.
    pub(super) fn evidence(&mut self, raw: &[RawEvidence]) -> Option<Vec<Evidence>> {
        let mut ok = true;
        let mut index: HashMap<&str, usize> = HashMap::new();
        for (i, e) in raw.iter().enumerate() {
            self.check_id(&e.id, "evidence id");
            if index.insert(e.id.get_ref(), i).is_some() {
                self.error(
                    e.id.span(),
                    format!("evidence id `{}` is used twice", e.id.get_ref()),
                    Some("give every [[evidence]] its own id".into()),
                );
                ok = false;
            }
        }
        let ids: Vec<&str> = raw.iter().map(|e| e.id.get_ref().as_str()).collect();
        let mut list = Vec::new();
        for e in raw {
            let implies: Vec<Option<usize>> = e
                .implies
                .iter()
                .map(|r| self.evidence_ref(r, &ids))
                .collect();
            let from = e.from.as_ref().map(|r| self.evidence_ref(r, &ids));
            let duration = e.duration.as_ref().map(|d| self.duration(d));
            let obtained = match (from, duration) {
                (None, None) => Some(None),
                (Some(Some(f)), Some(Some(d))) => Some(Some((f, d))),
                (Some(_), None) => {
                    self.error(
                        e.from.as_ref().expect("given").span(),
                        format!("evidence `{}` says where it comes from but not how long obtaining it takes", e.id.get_ref()),
                        Some("add `duration = ...`: the days from `from` to this evidence, e.g. a phase III trial".into()),
                    );
                    None
                }
                (None, Some(_)) => {
                    self.error(
                        e.duration.as_ref().expect("given").span(),
                        format!(
                            "evidence `{}` has a duration but no `from`",
                            e.id.get_ref()
                        ),
                        Some("add `from = \"...\"`: the evidence a product needs to start obtaining this one".into()),
                    );
                    None
                }
                _ => None,
            };
            let implies: Option<Vec<usize>> = implies.into_iter().collect();
            match (implies, obtained) {
                (Some(implies), Some(obtained)) => list.push(Evidence {
                    id: e.id.get_ref().clone(),
                    title: if e.title.is_empty() {
                        e.id.get_ref().clone()
                    } else {
                        e.title.clone()
                    },
                    implies,
                    obtained,
                }),
                _ => ok = false,
            }
        }
        if !ok {
            return None;
        }
        // Close `implies`: phase3 implies phase2 implies phase1 gives phase3 all three.
        let direct: Vec<Vec<usize>> = list.iter().map(|e| e.implies.clone()).collect();
        for (i, e) in list.iter_mut().enumerate() {
            let mut seen = vec![false; direct.len()];
            let mut todo = direct[i].clone();
            while let Some(j) = todo.pop() {
                if !seen[j] {
                    seen[j] = true;
                    todo.extend(&direct[j]);
                }
            }
            seen[i] = false;
            e.implies = (0..seen.len()).filter(|&j| seen[j]).collect();
        }
        Some(list)
    }

    fn evidence_ref(&mut self, r: &Spanned<String>, ids: &[&str]) -> Option<usize> {
        let name = r.get_ref().as_str();
        if let Some(i) = ids.iter().position(|&id| id == name) {
            return Some(i);
        }
        let help = match did_you_mean(name, ids.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None if ids.is_empty() => {
                "declare it in an [[evidence]] table, e.g. id = \"phase3\"".to_string()
            }
            None => format!("the scenario's evidence: {}", ids.join(", ")),
        };
        self.error(
            r.span(),
            format!("evidence `{name}` is not defined"),
            Some(help),
        );
        None
    }

    /// The `[[product]]` tables.
    pub(super) fn products(
        &mut self,
        raw: &[RawProduct],
        evidence: &[Evidence],
        submitted: Option<NaiveDate>,
    ) -> Option<Vec<Product>> {
        let ids: Vec<&str> = evidence.iter().map(|e| e.id.as_str()).collect();
        let mut seen: HashMap<&str, Range<usize>> = HashMap::new();
        let mut ok = true;
        let mut list = Vec::new();
        for p in raw {
            self.check_id(&p.id, "product id");
            if seen.insert(p.id.get_ref(), p.id.span()).is_some() {
                self.error(
                    p.id.span(),
                    format!("product id `{}` is used twice", p.id.get_ref()),
                    Some("give every [[product]] its own id".into()),
                );
                ok = false;
            }
            let kind = self.product_type(&p.kind);
            let mut has = Vec::new();
            for r in &p.evidence {
                match self.evidence_ref(r, &ids) {
                    Some(i) => {
                        has.push(i);
                        has.extend(&evidence[i].implies);
                    }
                    None => ok = false,
                }
            }
            has.sort_unstable();
            has.dedup();
            let ready = match &p.ready {
                None => submitted,
                Some(r) => match (self.date(r, "`ready`"), submitted) {
                    (Some(day), Some(first)) if day < first => {
                        self.error(
                            r.span(),
                            format!("product `{}` is ready on {day}, before the scenario's `submitted` ({first})", p.id.get_ref()),
                            Some("`submitted` is day 0 of every schedule: set it to the earliest ready date or before".into()),
                        );
                        None
                    }
                    (Some(day), Some(first)) if (day - first).num_days() > MAX_WINDOW_DAYS => {
                        self.error(
                            r.span(),
                            format!("product `{}` is ready more than {} years after the scenario's `submitted` ({first})", p.id.get_ref(), MAX_WINDOW_DAYS / 366),
                            Some("`submitted` is day 0 of every schedule: set it near the earliest ready date".into()),
                        );
                        None
                    }
                    (day, _) => day,
                },
            };
            match (kind, ready) {
                (Some(kind), Some(ready)) => list.push(Product {
                    id: p.id.get_ref().clone(),
                    title: match self.lang.pick(&p.title, p.title_ja.as_deref()) {
                        "" => p.id.get_ref().clone(),
                        t => t.to_string(),
                    },
                    kind,
                    evidence: has,
                    approved_overseas: p.approved_overseas,
                    emergency_declared: p.emergency_declared,
                    designations: p.designations.iter().map(|d| d.get_ref().clone()).collect(),
                    ready,
                }),
                _ => ok = false,
            }
        }
        ok.then_some(list)
    }

    fn product_type(&mut self, t: &Spanned<String>) -> Option<ProductType> {
        let name = t.get_ref().as_str();
        let parsed = ProductType::parse(name);
        if parsed.is_none() {
            let known: Vec<&str> = ProductType::ALL.iter().map(|t| t.as_str()).collect();
            let help = match did_you_mean(name, known.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? Known: {}", known.join(", ")),
                None => format!("known product types: {}", known.join(", ")),
            };
            self.error(
                t.span(),
                format!("unknown product type `{name}`"),
                Some(help),
            );
        }
        parsed
    }

    /// `[pathway.eligibility]`.
    pub(super) fn eligibility(
        &mut self,
        raw: &RawEligibility,
        evidence_ids: &[&str],
    ) -> Option<Eligibility> {
        let mut ok = true;
        let product_types = raw.product_types.as_ref().map(|list| {
            list.iter()
                .filter_map(|t| {
                    let parsed = self.product_type(t);
                    ok &= parsed.is_some();
                    parsed
                })
                .collect()
        });
        let mut evidence = Vec::new();
        for r in raw.evidence.iter().flatten() {
            match self.evidence_ref(r, evidence_ids) {
                Some(i) => evidence.push(i),
                None => ok = false,
            }
        }
        ok.then(|| Eligibility {
            product_types,
            evidence,
            approved_overseas: raw.approved_overseas,
            emergency_declared: raw.emergency_declared,
            designations: raw
                .designations
                .iter()
                .flatten()
                .map(|d| d.get_ref().clone())
                .collect(),
        })
    }

    /// `[pathway.follow_up]`.
    pub(super) fn follow_up(&mut self, raw: &RawFollowUp) -> Option<FollowUp> {
        let mut ok = true;
        let probability = match &raw.probability {
            None => 1.0,
            Some(p) => {
                let v = *p.get_ref();
                if !(v > 0.0 && v <= 1.0) {
                    self.error(
                        p.span(),
                        format!("probability must be above 0 and at most 1, not {v}"),
                        Some("the share of approvals whose condition is met, e.g. 0.8".into()),
                    );
                    ok = false;
                }
                v
            }
        };
        let evidence = self.duration(&raw.evidence);
        let review = match &raw.review {
            None => Some(Duration::Fixed { days: 0.0 }),
            Some(d) => self.duration(d),
        };
        let term_days = raw
            .term_days
            .as_ref()
            .map(|t| self.positive_days(t, "term_days"));
        let extension_days = match &raw.extension_days {
            None => Some(0.0),
            Some(e) if raw.term_days.is_none() => {
                self.error(
                    e.span(),
                    "an extension needs a term to extend",
                    Some("add `term_days`, or remove `extension_days`".into()),
                );
                None
            }
            Some(e) => self.non_negative_days(e, "extension_days"),
        };
        let term_days = match term_days {
            None => Some(None),
            Some(t) => t.map(Some),
        };
        ok &= evidence.is_some() && review.is_some();
        let (term_days, extension_days) = (term_days?, extension_days?);
        ok.then(|| FollowUp {
            title: self
                .lang
                .pick(&raw.title, raw.title_ja.as_deref())
                .to_string(),
            probability,
            evidence: evidence.expect("checked"),
            review: review.expect("checked"),
            term_days,
            extension_days,
        })
    }

    /// `[pathway.updates]`.
    pub(super) fn updates(&mut self, raw: &RawUpdates) -> Option<Updates> {
        let per_year = self.positive_days(&raw.per_year, "per_year");
        let years = match &raw.years {
            None => Some(3.0),
            Some(y) => self.positive_days(y, "years"),
        };
        let review = self.duration(&raw.review);
        let (per_year, years, review) = (per_year?, years?, review?);
        if per_year * years > MAX_UPDATES {
            self.error(
                raw.per_year.span(),
                format!(
                    "{per_year} updates a year for {years} years is more than {MAX_UPDATES} updates"
                ),
                Some("check `per_year` and `years`".into()),
            );
            return None;
        }
        Some(Updates {
            title: raw.title.clone(),
            per_year,
            years,
            review,
        })
    }

    fn positive_days(&mut self, v: &Spanned<f64>, field: &str) -> Option<f64> {
        let x = *v.get_ref();
        if x.is_finite() && x > 0.0 {
            Some(x)
        } else {
            self.error(
                v.span(),
                format!("`{field}` must be a positive number, not {x}"),
                None,
            );
            None
        }
    }

    fn non_negative_days(&mut self, v: &Spanned<f64>, field: &str) -> Option<f64> {
        let x = *v.get_ref();
        if x.is_finite() && x >= 0.0 {
            Some(x)
        } else {
            self.error(
                v.span(),
                format!("`{field}` must be zero or more, not {x}"),
                None,
            );
            None
        }
    }
}

/// Every product's copy of each pathway it may take, product by product, and the
/// decision for every (product, pathway) pair. Without products, the pathways as they
/// are.
pub(super) fn expand(
    pathways: Vec<Pathway>,
    products: &[Product],
    evidence: &[Evidence],
    submitted: NaiveDate,
) -> (Vec<Pathway>, Vec<ProductDecision>) {
    if products.is_empty() {
        return (pathways, Vec::new());
    }
    let open = Eligibility::default();
    let mut cases = Vec::new();
    let mut decisions = Vec::new();
    for (k, product) in products.iter().enumerate() {
        for p in &pathways {
            let decision = decide(product, p.eligibility.as_ref().unwrap_or(&open), evidence);
            if decision.eligible {
                cases.push(Pathway {
                    case: Some(ProductCase {
                        product: k,
                        ready_day: (product.ready - submitted).num_days() as u32,
                        gap: decision.gap,
                    }),
                    // The product's short id, so that a cut title keeps the route.
                    title: format!("{}: {}", product.id, p.title),
                    ..p.clone()
                });
            }
            decisions.push(ProductDecision {
                product: k,
                pathway: p.id.clone(),
                pathway_title: p.title.clone(),
                decision,
            });
        }
    }
    (cases, decisions)
}
