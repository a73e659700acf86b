//! Products, the evidence they have, and which pathways they may take.
//!
//! Eligibility is data, not code per route: a pathway lists conditions (product types,
//! evidence, approval overseas, a declared emergency, designations) and [`decide`]
//! checks a product against them, giving a reason for every yes and no. Evidence a
//! product lacks does not rule a pathway out when the scenario says how to obtain it
//! (a phase III trial after phase II): the pathway is open after that time, which comes
//! before submission, so that routes are compared from the day the product is ready.

use chrono::NaiveDate;

use crate::model::duration::Duration;

/// What kind of product seeks approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProductType {
    /// A small-molecule or other drug.
    Drug,
    /// A vaccine.
    Vaccine,
    /// A therapeutic antibody.
    Antibody,
    /// Software as a Medical Device.
    Samd,
    /// A medical device other than software.
    Device,
    /// A regenerative medicine product.
    Regenerative,
}

impl ProductType {
    /// Every type, in the order docs list them.
    pub const ALL: [ProductType; 6] = [
        ProductType::Drug,
        ProductType::Vaccine,
        ProductType::Antibody,
        ProductType::Samd,
        ProductType::Device,
        ProductType::Regenerative,
    ];

    /// The word used in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            ProductType::Drug => "drug",
            ProductType::Vaccine => "vaccine",
            ProductType::Antibody => "antibody",
            ProductType::Samd => "samd",
            ProductType::Device => "device",
            ProductType::Regenerative => "regenerative",
        }
    }

    /// The type a scenario file names, if it is one.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// A kind of evidence, e.g. confirmatory phase III trials.
#[derive(Debug, Clone)]
pub struct Evidence {
    /// Identifier, e.g. `phase3`.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Evidence that having this one also gives (indices, transitively closed).
    pub implies: Vec<usize>,
    /// How a product lacking it obtains it: from which evidence, in how long.
    pub obtained: Option<(usize, Duration)>,
}

/// Something seeking approval.
#[derive(Debug, Clone)]
pub struct Product {
    /// Identifier, the `product` column of the CSV files.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Its type.
    pub kind: ProductType,
    /// The evidence it has (indices into [`crate::model::Model::evidence`]), with
    /// everything it implies.
    pub evidence: Vec<usize>,
    /// Approved in a country with an equivalent regulatory system.
    pub approved_overseas: bool,
    /// A health emergency is declared.
    pub emergency_declared: bool,
    /// Designations it holds (orphan, sakigake, ...).
    pub designations: Vec<String>,
    /// The day it is ready to be submitted with the evidence it has.
    pub ready: NaiveDate,
}

/// A pathway's conditions; `None` or empty is no condition.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Eligibility {
    /// Product types that may take the pathway.
    pub product_types: Option<Vec<ProductType>>,
    /// Evidence needed: any one of these (indices).
    pub evidence: Vec<usize>,
    /// Approval overseas must be this.
    pub approved_overseas: Option<bool>,
    /// A declared emergency must be this.
    pub emergency_declared: Option<bool>,
    /// Designations, any one of which is needed.
    pub designations: Vec<String>,
}

/// Whether a product may take a pathway, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// Whether it may.
    pub eligible: bool,
    /// One reason per condition checked, in the order of [`Eligibility`]'s fields;
    /// for a no, only the conditions that failed.
    pub reasons: Vec<String>,
    /// Evidence it must obtain before submitting (index), when it lacks what the
    /// pathway needs but can obtain it.
    pub gap: Option<usize>,
}

/// Checks `product` against a pathway's `rule`.
pub fn decide(product: &Product, rule: &Eligibility, evidence: &[Evidence]) -> Decision {
    let mut yes = Vec::new();
    let mut no = Vec::new();
    let mut gap = None;
    let name = |i: usize| evidence[i].id.as_str();

    if let Some(types) = &rule.product_types {
        let list = types
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        if types.contains(&product.kind) {
            yes.push(format!("a {} ({list} may apply)", product.kind.as_str()));
        } else {
            no.push(format!(
                "takes {list} products, not a {}",
                product.kind.as_str()
            ));
        }
    }
    if !rule.evidence.is_empty() {
        let wanted = rule
            .evidence
            .iter()
            .map(|&e| name(e))
            .collect::<Vec<_>>()
            .join(" or ");
        if let Some(&e) = rule.evidence.iter().find(|e| product.evidence.contains(e)) {
            yes.push(format!("has {} evidence", name(e)));
        } else {
            // The quickest way to evidence the pathway accepts, by median duration.
            let way = rule
                .evidence
                .iter()
                .filter_map(|&e| {
                    let (from, d) = evidence[e].obtained.as_ref()?;
                    product
                        .evidence
                        .contains(from)
                        .then(|| (e, *from, d.median()))
                })
                .min_by(|a, b| a.2.total_cmp(&b.2));
            match way {
                Some((e, from, median)) => {
                    gap = Some(e);
                    yes.push(format!(
                        "needs {wanted}: obtains {} from its {} first (median {:.0} days, before submission)",
                        name(e),
                        name(from),
                        median
                    ));
                }
                None => {
                    let has = if product.evidence.is_empty() {
                        "none".to_string()
                    } else {
                        product
                            .evidence
                            .iter()
                            .map(|&e| name(e))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    no.push(format!(
                        "needs {wanted} evidence; has {has}, with no way in the scenario to obtain it"
                    ));
                }
            }
        }
    }
    check_flag(
        rule.approved_overseas,
        product.approved_overseas,
        &OVERSEAS,
        &mut yes,
        &mut no,
    );
    check_flag(
        rule.emergency_declared,
        product.emergency_declared,
        &EMERGENCY,
        &mut yes,
        &mut no,
    );
    if !rule.designations.is_empty() {
        let wanted = rule.designations.join(" or ");
        match rule
            .designations
            .iter()
            .find(|d| product.designations.contains(d))
        {
            Some(d) => yes.push(format!("designated {d}")),
            None => no.push(format!("needs a designation: {wanted}")),
        }
    }
    if no.is_empty() {
        if yes.is_empty() {
            yes.push("the pathway sets no conditions".into());
        }
        Decision {
            eligible: true,
            reasons: yes,
            gap,
        }
    } else {
        Decision {
            eligible: false,
            reasons: no,
            gap: None,
        }
    }
}

/// What to say of a yes/no condition: [required and held, required and missing,
/// excluded and held, excluded and missing].
type FlagWords = [&'static str; 4];

const OVERSEAS: FlagWords = [
    "approved in a country with an equivalent system",
    "needs prior approval in a country with an equivalent system",
    "only for products not approved overseas",
    "not approved overseas",
];

const EMERGENCY: FlagWords = [
    "a health emergency is declared",
    "needs a declared health emergency",
    "only when no health emergency is declared",
    "no health emergency declared",
];

fn check_flag(
    rule: Option<bool>,
    has: bool,
    words: &FlagWords,
    yes: &mut Vec<String>,
    no: &mut Vec<String>,
) {
    match (rule, has) {
        (None, _) => {}
        (Some(true), true) => yes.push(words[0].into()),
        (Some(true), false) => no.push(words[1].into()),
        (Some(false), true) => no.push(words[2].into()),
        (Some(false), false) => yes.push(words[3].into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::testing::date;

    /// phase2; phase3 implies phase2 and is obtained from it in 700 days; rwd.
    fn evidence() -> Vec<Evidence> {
        vec![
            Evidence {
                id: "phase2".into(),
                title: String::new(),
                implies: vec![],
                obtained: None,
            },
            Evidence {
                id: "phase3".into(),
                title: String::new(),
                implies: vec![0],
                obtained: Some((0, Duration::Fixed { days: 700.0 })),
            },
            Evidence {
                id: "rwd".into(),
                title: String::new(),
                implies: vec![],
                obtained: None,
            },
        ]
    }

    fn product(kind: ProductType, evidence: Vec<usize>) -> Product {
        Product {
            id: "p".into(),
            title: String::new(),
            kind,
            evidence,
            approved_overseas: false,
            emergency_declared: true,
            designations: vec![],
            ready: date(2022, 1, 1),
        }
    }

    #[test]
    fn evidence_held_makes_a_pathway_open() {
        let rule = Eligibility {
            evidence: vec![0],
            emergency_declared: Some(true),
            ..Eligibility::default()
        };
        let d = decide(&product(ProductType::Drug, vec![0]), &rule, &evidence());
        assert!(d.eligible);
        assert_eq!(d.gap, None);
        assert_eq!(
            d.reasons,
            ["has phase2 evidence", "a health emergency is declared"]
        );
    }

    #[test]
    fn missing_evidence_that_can_be_obtained_is_a_gap_before_submission() {
        let rule = Eligibility {
            evidence: vec![1],
            ..Eligibility::default()
        };
        let d = decide(&product(ProductType::Drug, vec![0]), &rule, &evidence());
        assert!(d.eligible);
        assert_eq!(d.gap, Some(1));
        assert!(d.reasons[0].contains("obtains phase3 from its phase2 first (median 700 days"));
    }

    #[test]
    fn missing_evidence_without_a_way_rules_out() {
        let rule = Eligibility {
            evidence: vec![1],
            ..Eligibility::default()
        };
        let d = decide(&product(ProductType::Samd, vec![2]), &rule, &evidence());
        assert!(!d.eligible);
        assert_eq!(
            d.reasons,
            ["needs phase3 evidence; has rwd, with no way in the scenario to obtain it"]
        );
    }

    #[test]
    fn a_no_lists_every_failed_condition_and_only_those() {
        let rule = Eligibility {
            product_types: Some(vec![ProductType::Drug, ProductType::Vaccine]),
            approved_overseas: Some(true),
            emergency_declared: Some(true),
            designations: vec!["orphan".into()],
            ..Eligibility::default()
        };
        let d = decide(&product(ProductType::Samd, vec![2]), &rule, &evidence());
        assert!(!d.eligible);
        assert_eq!(
            d.reasons,
            [
                "takes drug, vaccine products, not a samd",
                "needs prior approval in a country with an equivalent system",
                "needs a designation: orphan",
            ]
        );
        assert_eq!(d.gap, None);
    }

    #[test]
    fn no_conditions_is_open_to_all() {
        let d = decide(
            &product(ProductType::Device, vec![]),
            &Eligibility::default(),
            &evidence(),
        );
        assert!(d.eligible);
        assert_eq!(d.reasons, ["the pathway sets no conditions"]);
    }
}
