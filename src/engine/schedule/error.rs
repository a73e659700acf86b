//! Why a pass through a pathway could not finish, by pathway, stage and gate id (the
//! scenario layer maps them back to places in the file: `crate::scenario::locate`).

use std::fmt;

/// Why a pass could not finish: the scenario asks for dates it does not define.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleError {
    /// A gated stage was ready after the gate's last date.
    GateExhausted {
        /// The pathway's id.
        pathway: String,
        /// The stage's id.
        stage: String,
        /// The gate's id.
        gate: String,
        /// The date the stage's work was done.
        ready: chrono::NaiveDate,
        /// The gate's last date.
        last: Option<chrono::NaiveDate>,
    },
    /// A stage ran past the model's horizon (decades after submission).
    BeyondHorizon {
        /// The pathway's id.
        pathway: String,
        /// The stage's id.
        stage: String,
    },
    /// Obtaining the evidence a product lacks takes past the model's horizon.
    EvidenceBeyondHorizon {
        /// The pathway's id.
        pathway: String,
        /// The evidence's id.
        evidence: String,
    },
    /// The pathway's target date falls after the last date regsim computes.
    TargetBeyondHorizon {
        /// The pathway's id.
        pathway: String,
    },
}

impl ScheduleError {
    /// What is wrong, in one sentence.
    pub fn message(&self) -> String {
        match self {
            ScheduleError::GateExhausted {
                pathway,
                stage,
                gate,
                ready,
                last,
            } => {
                let last = last.map_or_else(|| "none".to_string(), |d| d.to_string());
                format!(
                    "stage `{stage}` of pathway `{pathway}` was ready on {ready}, after the \
                     last date of gate `{gate}` ({last})"
                )
            }
            ScheduleError::BeyondHorizon { pathway, stage } => format!(
                "stage `{stage}` of pathway `{pathway}` ends more than {} years after submission",
                crate::model::HORIZON_DAYS / 366
            ),
            ScheduleError::EvidenceBeyondHorizon { pathway, evidence } => format!(
                "stage `evidence {evidence}` of pathway `{pathway}` ends more than {} years after \
                 submission",
                crate::model::HORIZON_DAYS / 366
            ),
            ScheduleError::TargetBeyondHorizon { pathway } => format!(
                "the target date of pathway `{pathway}`: {}",
                crate::model::Horizon
            ),
        }
    }

    /// How to fix it.
    pub fn help(&self) -> &'static str {
        match self {
            ScheduleError::GateExhausted { .. } => {
                "add later dates to the gate, or a rule (`months` with `day_of_month`) that gives the dates after the listed ones"
            }
            ScheduleError::BeyondHorizon { .. } | ScheduleError::EvidenceBeyondHorizon { .. } => {
                "check its duration's units (days)"
            }
            ScheduleError::TargetBeyondHorizon { .. } => "check the target's days",
        }
    }
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message(), self.help())
    }
}

impl std::error::Error for ScheduleError {}
