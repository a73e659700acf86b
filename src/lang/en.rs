//! English: the words regsim has always written; `--lang en` output is unchanged.

use super::Msg;

/// The English text of `m`.
pub(super) fn text(m: Msg) -> &'static str {
    match m {
        Msg::DistributionSubtitle => "Days from submission to approval per pathway: {0} (seed {1})",
        Msg::AgencyApplications => {
            "every application of {0} replications of the agency, waits for reviewers included"
        }
        Msg::MonteCarloIteration => "{0} Monte Carlo iteration",
        Msg::MonteCarloIterations => "{0} Monte Carlo iterations",
        Msg::UnitApplications => "applications",
        Msg::UnitIterations => "iterations",
        Msg::BarsPerDay => "% of {0} per day (left axis)",
        Msg::BarsPerBin => "% of {0} per {1}-day bin (left axis)",
        Msg::BarsPerAnyBin => "% of {0} per bin (left axis)",
        Msg::CumulativeApproved => "Cumulative % approved (right axis)",
        Msg::P50P80 => "P50, P80",
        Msg::Target => "Target",
        Msg::ShareOf => "Share of {0} (%)",
        Msg::CumulativeShare => "Cumulative share (%)",
        Msg::DaysSubmissionToApproval => "Days from submission to approval",
        Msg::UnitDays => "days",
        Msg::UnitRegulatorDays => "regulator days",
        Msg::TargetLabel => "target: {0}% within {1} {2}",
        Msg::TargetSimulated => "{0} (simulated: {1}%)",
        Msg::TargetShort => "{0}% within {1} {2}",
        Msg::NoIterations => "no iterations",
        Msg::DayBins => "{0}-day bins",
        Msg::LongestOffScale => "longest: {0} days (off scale)",
        Msg::PercentileDays => "P{0}: {1} days",
        Msg::MedianScheduleTitleEnd => " — median schedule",
        Msg::IterationsSeed => "{0} (seed {1})",
        Msg::TimelineDetailedSubtitle => {
            "Every duration at its median. Whiskers: P10 to P90 over {0}."
        }
        Msg::TimelineCompactSubtitle => {
            "Critical path at median durations (too many stages for a row each). Whiskers: P10 to P90 over {0}."
        }
        Msg::DateSubmitted => "Date (submitted {0})",
        Msg::DaysAfterEachSubmission => "Days after each application's submission",
        Msg::LegendRegulator => "Regulator",
        Msg::LegendApplicant => "Applicant (clock stop)",
        Msg::LegendGateWait => "Gate wait",
        Msg::LegendNotInMedian => "Not in median schedule",
        Msg::LegendP10P90Approval => "P10–P90 of approval",
        Msg::LegendP10P90End => "P10–P90 of end day",
        Msg::LegendApproval => "Approval",
        Msg::LegendDaysOff => "Days off, 3+ in a row",
        Msg::LegendGateDates => "Gate dates",
        Msg::ApprovalDateDay => "approval {0} (day {1})",
        Msg::TornadoTitle => "What moves P80 most: {0}",
        Msg::TornadoSubtitle => {
            "P80 of review days with one stage held at its P10 or its P90, every other draw unchanged; {0}, seed {1}"
        }
        Msg::StageAtP10 => "stage at its P10",
        Msg::StageAtP90 => "stage at its P90",
        Msg::P80EveryStageFree => "P80 with every stage free",
        Msg::TornadoHeadingEnd => " (P80 {0} d)",
        Msg::NoUncertainStage => "no uncertain stage: every duration is fixed",
        Msg::DaysShort => "{0} d",
        Msg::MoreSmallerSwings => "{0} more, smaller swings: sensitivity.csv",
        Msg::FiscalSubtitle => "share of {0} approved in each {1} fiscal year ({2}){3}",
        Msg::FiscalJapanese => "Japanese",
        Msg::FiscalUs => "US federal",
        Msg::FiscalAprilMarch => "April to March",
        Msg::FiscalOctSep => "October to September",
        Msg::FiscalTrimmed => {
            "; first and last years under {0}% on every route not drawn (fiscal_years.csv has them)"
        }
        Msg::MonthSpan => "{0} to {1}",
        Msg::BacklogSubtitle => {
            "{0} replications of the agency; applications in review on the 1st of each month (median, P10 to P90) and the 80th percentile of review days of those approved each year"
        }
        Msg::TargetLower => "target",
        Msg::ApplicationsInReview => "Applications in review",
        Msg::ReviewDaysP80 => "Review days, 80th percentile",
        Msg::IdDays => "{0}: {1} days",
        Msg::TargetInRunColour => "Target (in its run's colour)",
        Msg::CompareCaption => {
            "Days from submission to approval. Left: cumulative % approved. Right: P25 to P75 (box), median (bar), P10 to P90 (whiskers)."
        }
        Msg::P50ReviewDays => "P50 review days",
        Msg::P80 => "P80",
        Msg::P10ToP90 => "P10 to P90",
        Msg::ReviewsMeetingTarget => "% of reviews meeting the target (right)",
        Msg::TargetAsksFor => "% the target asks for",
        Msg::NotOpenInBaseline => "{0} (not open in the baseline)",
        Msg::CompareSubtitle => {
            "Review days, baseline and {0} with common random numbers: {1} (seed {2})"
        }
        Msg::OneVariant => "variant",
        Msg::NVariants => "{0} variants",
        Msg::AgencyReplications => "{0} replications of the agency",
        Msg::BaselineUnchanged => "; the baseline's pathways are unchanged",
        Msg::OneUnchangedNotShown => "; {0} unchanged pathway not shown",
        Msg::NUnchangedNotShown => "; {0} unchanged pathways not shown",
        Msg::MoreChangedIn => "; {0} more changed pathways in {1}",
        Msg::SweepSubtitle => "Review days against {0}, {1} per value, same seed for every value",
        Msg::OneStillNotShown => "; {0} pathway the knob does not move not shown",
        Msg::NStillNotShown => "; {0} pathways the knob does not move not shown",
        Msg::MoreInSweepCsv => "; {0} more in sweep.csv",
        Msg::MultipliedBy => "{0} multiplied by",
        Msg::DaysAddedTo => "days added to {0}",
    }
}
